"""Tag operations redraw only what they change, and end where a full read would."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from nkdesk.store import Annotation, AnnotationRow
from nkdesk.ui.tag_rows import TagRows


def _row(annotation_id: int, document: str, start: int, claim: int | None = None) -> AnnotationRow:
    annotation = Annotation(
        annotation_id, document, start, start + 4, "word", "", "", 1, claim, None, "", "", "",
        "tester", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", False,
    )  # fmt: skip
    return AnnotationRow(annotation, document.upper(), "tag", "#000000", None)


def _listed(rows: dict[int, AnnotationRow]) -> list[AnnotationRow]:
    """What ``TagStore.annotation_rows()`` would list."""
    return sorted(rows.values(), key=lambda r: (r.annotation.document, r.annotation.start,
                                                 r.annotation.end, r.annotation.id))  # fmt: skip


operations = st.lists(
    st.tuples(
        st.integers(1, 30),  # the annotation an operation touches
        st.sampled_from(["a", "b", "c"]),  # its document after
        st.integers(0, 50),  # its start after
        st.booleans(),  # whether it exists after
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(operations, st.randoms(use_true_random=False))
def test_changed_rows_end_where_a_full_read_does(ops, rng: random.Random) -> None:
    truth: dict[int, AnnotationRow] = {}
    rows = TagRows()
    for annotation_id, document, start, exists in ops:
        before = truth.get(annotation_id)
        if exists:
            truth[annotation_id] = _row(annotation_id, document, start, rng.choice([None, 1]))
        else:
            truth.pop(annotation_id, None)
        applied = rows.apply([annotation_id], [truth[annotation_id]] if exists else [])
        assert list(rows) == _listed(truth)
        touched = {r.annotation.document for r in (before, truth.get(annotation_id)) if r}
        assert applied.documents == touched
        assert applied.removed == ([annotation_id] if before and not exists else [])
    for document in "abc":
        assert rows.of_document(document) == [
            r for r in _listed(truth) if r.annotation.document == document
        ]
    assert all(rows.get(n) == truth.get(n) for n in range(1, 31))


def test_a_change_of_claim_says_the_matrix_must_be_redrawn() -> None:
    rows = TagRows([_row(1, "a", 0)])
    assert not rows.apply([1], [_row(1, "a", 0, claim=None)]).claims
    assert rows.apply([1], [_row(1, "a", 0, claim=7)]).claims
    assert rows.apply([1], []).claims  # removing a claim's passage changes its row
