"""The window paints its articles before the engine and the tag file are loaded.

The engine loads in the worker; the tag file opens after the first paint.
"""

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
    # Nor the tag file's (sqlite-utils) or the exports': the window opens its
    # tag file after its first paint.
    assert not {"sqlite_utils", "nkdesk.store.db", "nkdesk.export"} & loaded
    # Nor the claim lexer's and the number reader's patterns (a tenth of a
    # second to compile): the comparison loads them, in the worker.
    assert not {"nkdesk.text.lexer", "nkdesk.text.numbers"} & loaded


def test_the_tag_file_s_names_still_import_from_the_package() -> None:
    loaded = _loaded_after(
        "from nkdesk.store import TagStore, open_store, read_listing, KEEP, BUSY_TIMEOUT_S\n"
        "import nkdesk.store\n"
        "assert nkdesk.store.TagStore is TagStore and callable(open_store)"
    )
    assert "sqlite_utils" in loaded


def test_the_engine_s_names_still_import_from_the_package() -> None:
    loaded = _loaded_after(
        "from nkdesk.analysis import compare, Comparison, is_shared\n"
        "import nkdesk.analysis.compare\n"
        "from nkdesk.analysis import compare as again\n"
        "assert callable(compare) and again is compare, again"
    )
    assert "nkdesk.analysis.compare" in loaded
