"""The engine's quality on every data set it is judged on, in one run.

    python tests/eval/quality.py --eval ../shared/eval            everything
    python tests/eval/quality.py --eval ../shared/eval --only gvc  one part
    python tests/eval/quality.py --only seeds unseen               no shared data needed

Parts:
- ``seeds``: the hand-made gold standard of the five seeds (tests/data/gold.json):
  shared-passage precision and recall, conflicts found and wrong.
- ``unseen``: the eight corpora of tests/analysis/test_unseen_reports.py: expected
  conflicts found, compatible pairs flagged, unexpected flags, shared passages linked.
- ``mrpc``: the passage decision on MRPC dev (``nkdesk.analysis.mrpc``).
- ``gvc``: the GVC real-news development set, scored by its own scripts
  (``score_conflicts.py`` and ``score_gvc.py`` in ``EVAL/gvc``), with the engine run
  in this process instead of as ``nkdesk compare --json`` (the same JSON, faster).

The shared data are never copied into the repository: their path is an argument.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import sys
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from nkdesk.analysis import compare  # noqa: E402
from nkdesk.analysis.report import to_dict  # noqa: E402
from nkdesk.corpus import load_corpus  # noqa: E402

PARTS = ("seeds", "unseen", "mrpc", "gvc")


def engine_json(folder: str) -> dict:
    """What ``nkdesk compare --json FOLDER`` prints, as a dict."""
    return to_dict(compare(load_corpus([Path(folder)]).documents))


def seeds() -> dict[str, object]:
    from tests.analysis.gold import load_gold, score_conflicts, score_links

    documents = load_corpus(sorted((REPO / "seeds").glob("*.txt"))).documents
    comparison = compare(documents)
    gold_links, gold_conflicts = load_gold({d.id: d.text for d in documents})
    links = score_links(comparison, gold_links)
    conflicts = score_conflicts(comparison, gold_conflicts)
    print(f"[seeds] shared passages: {links}")
    print(f"[seeds] conflicts: {conflicts}")
    return {
        "link_precision": links.precision,
        "link_recall": links.recall,
        "conflicts_found": conflicts.recalled,
        "conflicts_expected": conflicts.expected,
        "conflicts_wrong": conflicts.found - conflicts.true_positives,
    }


def unseen() -> dict[str, object]:
    from tests.analysis import test_unseen_reports as unseen_reports

    def cases(table: list) -> list[tuple]:
        return [getattr(p, "values", p) for p in table]

    conflicts = [c for c, a, b in cases(unseen_reports.CONFLICTS)
                 if unseen_reports.conflict_between(unseen_reports.comparison(c), a, b)]  # fmt: skip
    compatible = [(c, a, b) for c, a, b in cases(unseen_reports.COMPATIBLE)
                  if unseen_reports.conflict_between(unseen_reports.comparison(c), a, b)]  # fmt: skip
    shared = [c for c, a, b, _ in cases(unseen_reports.SHARED)
              if unseen_reports.link_between(unseen_reports.comparison(c), a, b)]  # fmt: skip
    flagged = unexpected = 0
    for corpus in unseen_reports.CORPORA:
        c = unseen_reports.comparison(corpus)
        expected = [
            (unseen_reports.readings(c, a), unseen_reports.readings(c, b))
            for name, a, b in cases(unseen_reports.CONFLICTS)
            if name == corpus
        ]
        for found in c.conflicts:
            flagged += 1
            pair = (found.a.doc, found.a.value), (found.b.doc, found.b.value)
            if not any((pair[0] in ra and pair[1] in rb) or (pair[1] in ra and pair[0] in rb)
                       for ra, rb in expected):  # fmt: skip
                unexpected += 1
                print(f"[unseen] unexpected: {corpus}: {found.why}")
    for c, a, b in compatible:
        print(f"[unseen] compatible pair flagged: {c}: {a[1]!r} / {b[1]!r}")
    result = {
        "conflicts_found": len(conflicts),
        "conflicts_expected": len(unseen_reports.CONFLICTS),
        "compatible_flagged": len(compatible),
        "compatible_pairs": len(unseen_reports.COMPATIBLE),
        "flagged": flagged,
        "unexpected_flags": unexpected,
        "shared_linked": len(shared),
        "shared_expected": len(unseen_reports.SHARED),
    }
    print(
        f"[unseen] conflicts {len(conflicts)}/{len(unseen_reports.CONFLICTS)}, "
        f"compatible flagged {len(compatible)}/{len(unseen_reports.COMPATIBLE)}, "
        f"flags {flagged} ({unexpected} unexpected), "
        f"shared passages {len(shared)}/{len(unseen_reports.SHARED)}"
    )
    return result


def mrpc(eval_dir: Path) -> dict[str, object]:
    from nkdesk.analysis import mrpc as mrpc_module

    folder = eval_dir / "mrpc"
    dev = mrpc_module.dev_scores(mrpc_module.read_pairs(folder / mrpc_module.DEV_FILE))
    print(f"[mrpc] dev accuracy {dev.accuracy:.1%}, F1 {dev.f1:.1%} "
          f"(precision {dev.precision:.1%}, recall {dev.recall:.1%})")  # fmt: skip
    return {"accuracy": dev.accuracy, "f1": dev.f1}


def _scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gvc(eval_dir: Path, details: Path | None) -> dict[str, object]:
    folder = eval_dir / "gvc"
    conflicts_scorer = _scorer(folder / "score_conflicts.py")
    events_scorer = _scorer(folder / "score_gvc.py")
    cache: dict[str, dict] = {}

    def run(folder_path: str) -> dict:
        if folder_path not in cache:
            cache[folder_path] = engine_json(folder_path)
        return cache[folder_path]

    def run_conflicts(engine: str, folder_path: str, timeout: float) -> dict:
        return run(folder_path)

    def run_events(engine: str, folder_path: str, timeout: float) -> tuple[list, float]:
        started = time.perf_counter()
        out = run(folder_path)
        links = [x for x in out.get("links", []) if x.get("a") and x.get("b")]
        return links, time.perf_counter() - started

    conflicts_scorer.run_engine = run_conflicts
    events_scorer.run_engine = run_events
    # Both scorers want an engine path; any path with a separator passes their checks.
    out = io.StringIO()
    detail_file = str(details) if details else None
    args = ["--engine", "./in-process"] + (["--json", detail_file] if detail_file else [])
    with contextlib.redirect_stdout(out):
        conflicts_scorer.main(args)
    print("\n".join(f"[gvc facts] {line}" for line in out.getvalue().splitlines()))
    summary = json.loads(Path(detail_file).read_text())["summary"] if detail_file else {}
    results: dict[str, object] = {"facts": summary}
    for level in ("event", "core"):
        out = io.StringIO()
        argv = sys.argv
        sys.argv = ["score_gvc.py", str(folder), "--engine", "./in-process", "--level", level]
        try:
            with contextlib.redirect_stdout(out):
                events_scorer.main()
        finally:
            sys.argv = argv
        line = out.getvalue().strip().splitlines()[-1]
        print(f"[gvc {level}] {line}")
        results[level] = line
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, help="the shared eval folder (holding gvc/ and mrpc/)")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument(
        "--details", type=Path, help="write score_conflicts.py's per-flag JSON here"
    )
    args = parser.parse_args(argv)
    needs_eval = {"mrpc", "gvc"} & set(args.only)
    if needs_eval and args.eval is None:
        parser.error(f"{', '.join(sorted(needs_eval))} need --eval PATH/TO/shared/eval")
    started = time.perf_counter()
    if "seeds" in args.only:
        seeds()
    if "unseen" in args.only:
        unseen()
    if "mrpc" in args.only:
        mrpc(args.eval)
    if "gvc" in args.only:
        details = args.details or Path("/tmp/nkdesk-gvc-flags.json")
        gvc(args.eval, details)
    print(f"[quality] {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
