"""Whether the engine finds the same claims as it did at another commit.

    python tests/eval/same_claims.py --base e5c26a6 --eval ../shared/eval
    python tests/eval/same_claims.py --base e5c26a6          seeds and unseen corpora only
    python tests/eval/same_claims.py --snapshot tests/data/claims.json   rewrite the snapshot

For a change meant to make the engine faster, not different (copy groups,
pairing at scale): every corpus it is judged on (the seeds, the eight unseen
corpora of tests/analysis/test_unseen_reports.py and, with ``--eval``, the 59
GVC incidents) is compared at ``--base`` (checked out into a temporary
worktree) and in the working tree, and each corpus whose claims (clusters, as
sets of member spans) or links differ is listed. ``--snapshot`` writes the
seeds' and unseen corpora's claims for tests/analysis/test_same_claims.py,
which holds them in the test suite without the shared data.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Run with the engine of one tree; prints {corpus: {"clusters": [...], "links": [...]}}.
_CLAIMS = r"""
import glob, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
sys.path.insert(1, sys.argv[2])
from nkdesk.analysis import compare
from nkdesk.corpus import load_corpus
from tests.analysis.test_unseen_reports import CORPORA

def claims(comparison):
    return {
        "clusters": sorted(sorted([m.doc, m.start, m.end] for m in c.members)
                           for c in comparison.clusters),
        "links": sorted([l.kind, l.a.doc, l.a.start, l.a.end, l.b.doc, l.b.start, l.b.end]
                        for l in comparison.links),
    }

out = {"seeds": claims(compare(load_corpus([Path(sys.argv[2]) / "seeds"]).documents))}
for name, corpus in CORPORA.items():
    out["unseen/" + name] = claims(compare(corpus))
for folder in sorted(glob.glob(sys.argv[3] + "/gvc/incidents/*")) if sys.argv[3] else ():
    out["gvc/" + Path(folder).name] = claims(compare(load_corpus([Path(folder)]).documents))
json.dump(out, sys.stdout)
"""


def claims_at(tree: Path, eval_dir: str) -> dict[str, dict]:
    """The claims and links of every corpus, computed with the engine in ``tree``."""
    done = subprocess.run(
        [sys.executable, "-c", _CLAIMS, str(tree), str(REPO), eval_dir],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def differences(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    lines = []
    for corpus in before:
        old, new = before[corpus], after.get(corpus, {"clusters": [], "links": []})
        if old["clusters"] != new["clusters"] or old["links"] != new["links"]:
            lost = {tuple(x) for x in old["links"]} - {tuple(x) for x in new["links"]}
            gained = {tuple(x) for x in new["links"]} - {tuple(x) for x in old["links"]}
            lines.append(
                f"{corpus}: claims {len(old['clusters'])} -> {len(new['clusters'])}, "
                f"links lost {len(lost)}, gained {len(gained)}"
            )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", help="the commit to compare the working tree with")
    parser.add_argument("--eval", default="", help="the shared eval folder, for GVC")
    parser.add_argument("--snapshot", type=Path, help="write the seeds' and unseen claims here")
    args = parser.parse_args()
    if args.snapshot:
        now = claims_at(REPO, "")
        clusters = {corpus: found["clusters"] for corpus, found in now.items()}
        args.snapshot.write_text(json.dumps(clusters, indent=1) + "\n", encoding="utf-8")
        return 0
    if not args.base:
        parser.error("give --base REV, or --snapshot FILE")
    with tempfile.TemporaryDirectory() as folder:
        tree = Path(folder) / "base"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "-q", "--detach", str(tree),
                        args.base], check=True)  # fmt: skip
        try:
            before = claims_at(tree, args.eval)
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                           check=True)  # fmt: skip
    after = claims_at(REPO, args.eval)
    found = differences(before, after)
    corpora = len(before)
    print(f"{corpora - len(found)} of {corpora} corpora give the same claims and links")
    for line in found:
        print("  " + line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
