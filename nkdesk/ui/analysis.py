"""What the window draws of a comparison, read off it away from the UI thread.

Plain Python, no Qt: ``analyse`` runs in the window's worker thread, or in
the launch's head-start process (``nkdesk.ui.head_start``), which must not
pay for importing Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nkdesk.analysis.matrix import ClaimMatrix, claim_matrix
from nkdesk.analysis.timeline import Timeline, timeline
from nkdesk.corpus import Document
from nkdesk.text.tokens import TokenType
from nkdesk.ui.marks import Passages, Stretches, document_marks
from nkdesk.ui.stripes import Stripe, overview_stripes

if TYPE_CHECKING:
    from nkdesk.analysis import Comparison


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the window draws once the worker is done, all of it read off in the worker.

    Everything here is plain Python built from the comparison, so that the
    UI thread, when the analysis arrives, only hands it to the panes and
    docks: on five 200 KB articles the marks, lookups and matrix took
    seconds that would otherwise freeze the window.
    """

    comparison: Comparison
    claim_tokens: dict[str, list[tuple[int, int, TokenType]]]
    marks: dict[str, Stretches]
    passages: dict[str, Passages]
    matrix: ClaimMatrix
    # Each pane's overview bar: its shared passages and conflicts as stripes.
    overview: dict[str, tuple[Stripe, ...]] = field(default_factory=dict)
    # How many of the comparison's links are shared passages (the status bar's
    # count: 13 ms of counting on five 200 KB articles, done here).
    shared: int = 0
    # The quantity claims' values over time (the Timeline dock).
    timeline: Timeline = field(default_factory=lambda: Timeline((), ()))


def analyse(documents: tuple[Document, ...]) -> Analysis:
    """The comparison and what each pane and dock draws of it (all pure Python).

    The engine and the claim lexer are imported here, in the worker, on the
    first analysis: the window paints its articles without waiting for them.
    """
    from nkdesk.analysis import compare
    from nkdesk.text.lexer import claim_spans

    comparison = compare(documents)
    tokens = {d.id: claim_spans(d.text) for d in documents}
    marks = {d.id: Stretches(document_marks(comparison, d.id, tokens[d.id])) for d in documents}
    passages = {d.id: Passages(comparison, d.id) for d in documents}
    overview = {
        d.id: overview_stripes(
            (
                (m.start, m.end, "conflict", None)
                if m.layer == "conflict"
                else (m.start, m.end, "shared", m.cluster)
                for m in marks[d.id].items
                if m.layer in ("shared", "verbatim", "conflict")
            ),
            len(d.text),
        )
        for d in documents
    }
    matrix = claim_matrix(comparison)
    shared = len(comparison.shared_links)
    return Analysis(
        comparison, tokens, marks, passages, matrix, overview, shared, timeline(comparison)
    )
