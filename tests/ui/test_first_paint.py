"""The window paints its articles before the engine is loaded: the engine loads in the worker."""

from __future__ import annotations

import subprocess
import sys


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return set(result.stdout.split())


def test_the_window_module_does_not_load_the_engine() -> None:
    loaded = _loaded_after("import nkdesk.ui.main_window")
    assert "nkdesk.ui.main_window" in loaded
    engine = {"nkdesk.analysis.compare", "nkdesk.analysis.facts", "nkdesk.analysis.conflicts"}
    assert not engine & loaded


def test_the_engine_s_names_still_import_from_the_package() -> None:
    loaded = _loaded_after(
        "from nkdesk.analysis import compare, Comparison, is_shared\n"
        "import nkdesk.analysis.compare\n"
        "from nkdesk.analysis import compare as again\n"
        "assert callable(compare) and again is compare, again"
    )
    assert "nkdesk.analysis.compare" in loaded
