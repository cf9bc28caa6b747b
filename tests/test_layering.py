"""Only nkdesk.ui may know about Qt: the engine, store and exports run headless."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import nkdesk

PACKAGE = Path(nkdesk.__file__).resolve().parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_outside_ui_imports_qt() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in {"ui", "_data"}:
            continue
        qt = {m for m in imported_modules(path) if m.split(".")[0] in {"PySide6", "shiboken6"}}
        if qt:
            offenders.append(f"{relative}: {sorted(qt)}")
    assert not offenders, "Qt imported outside nkdesk.ui:\n" + "\n".join(offenders)


def test_headless_paths_do_not_load_qt_at_run_time() -> None:
    # The static check above misses imports made through importlib or a
    # re-export; this one runs the batch path and looks at sys.modules.
    code = (
        "import sys, nkdesk, nkdesk.cli, nkdesk.corpus, nkdesk.text;"
        "import pkgutil, importlib;"
        "[importlib.import_module(m.name)"
        " for m in pkgutil.walk_packages(nkdesk.__path__, 'nkdesk.')"
        " if not m.name.startswith(('nkdesk.ui', 'nkdesk.__main__'))];"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# The engine's modules in pipeline order (see nkdesk.analysis.compare): each
# may use only those before it, so the method reads in one direction.
ANALYSIS_STAGES = (
    "variants",
    "passage",
    "decide",
    "model",
    "invisibles",
    "vocabulary",
    "people",
    "units",
    "copies",
    "candidates",
    "links",
    "clusters",
    "reading",
    "speakers",
    "attribution",
    "timing",
    "quantities",
    "statuses",
    "facts",
    "values",
    "conflicts",
    "events",
    "compare",
    "matrix",
    "timeline",
    "report",
    "mrpc",
)


def test_each_analysis_stage_uses_only_earlier_stages() -> None:
    folder = PACKAGE / "analysis"
    assert {p.stem for p in folder.glob("*.py")} - {"__init__"} == set(ANALYSIS_STAGES)
    offenders = []
    for position, stage in enumerate(ANALYSIS_STAGES):
        used = {
            m.removeprefix("nkdesk.analysis.")
            for m in imported_modules(folder / f"{stage}.py")
            if m.startswith("nkdesk.analysis.")
        }
        later = sorted(used - set(ANALYSIS_STAGES[:position]))
        if later:
            offenders.append(f"{stage} imports {later}")
    assert not offenders, "\n".join(offenders)
