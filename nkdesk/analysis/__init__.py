"""The comparison engine: shared passages, claim clusters, facts and conflicts.

Pure Python over the standard library's difflib; no Qt. ``compare`` is the
entry point; ``similarity`` and ``is_shared`` expose the decision that links
two passages, for evaluation and tests.

The names are imported when first used (PEP 562), not with the package, so
that the window, which needs only the engine's records (``nkdesk.analysis.model``)
to show itself, paints before the engine is loaded, in the worker.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nkdesk.analysis.compare import AnalysisError, compare
    from nkdesk.analysis.decide import is_shared, similarity
    from nkdesk.analysis.model import Comparison

_WHERE = {
    "AnalysisError": "nkdesk.analysis.compare",
    "Comparison": "nkdesk.analysis.model",
    "compare": "nkdesk.analysis.compare",
    "is_shared": "nkdesk.analysis.decide",
    "similarity": "nkdesk.analysis.decide",
}

__all__ = ["AnalysisError", "Comparison", "compare", "is_shared", "similarity"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """The package, keeping ``compare`` the function when its submodule is imported.

    Importing ``nkdesk.analysis.compare`` binds the submodule to the package's
    name ``compare``; an eager ``from ... import compare`` used to rebind it to
    the function, and this keeps it so for a lazy one.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _WHERE.get(name) == value.__name__:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
