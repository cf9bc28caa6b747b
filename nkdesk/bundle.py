"""Where the bundled seeds and resources are, installed or in a checkout.

In a wheel they sit in ``nkdesk/_data/`` (pyproject's force-include); in a
checkout or an editable install they are the top-level ``seeds/`` and
``resources/`` folders beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled {name}/ folder is missing from this nkdesk install")


def seeds_dir() -> Path:
    """The folder of the five bundled seed articles."""
    return _find("seeds")


def resources_dir() -> Path:
    """The folder of icons, palette and style sheet."""
    return _find("resources")


def resource(relative: str) -> Path:
    """One file in the resources folder, e.g. ``resource("palette.json")``."""
    return resources_dir() / relative
