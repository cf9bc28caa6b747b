"""The overview bar's stripes, read off marks and tags (plain Python, no Qt).

Stripes are fractions of the article's length, merged to at most ``BUCKETS``
per kind, so a paint costs the same on a 200 KB article as on a short one.
The engine's stripes are read off in the worker (``nkdesk.ui.analysis``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from nkdesk.store import AnnotationRow

StripeKind = Literal["shared", "conflict", "tag"]
# How finely the bar tells places apart: finer than any screen's pixels.
BUCKETS = 1000


class Stripe(NamedTuple):
    """One stretch of the bar: ``[start, end)`` as fractions of the article."""

    start: float
    end: float
    kind: StripeKind
    key: str | int | None  # a cluster id (shared) or a tag colour (tag)


def overview_stripes(
    spans: Iterable[tuple[int, int, StripeKind, str | int | None]], length: int
) -> tuple[Stripe, ...]:
    """The stripes of ``spans`` (start, end, kind, key) over an article of ``length``.

    Spans of one kind and key that fall into touching buckets become one
    stripe; the result holds at most BUCKETS stripes per kind and key.
    """
    if length <= 0:
        return ()
    taken: dict[tuple[StripeKind, str | int | None], set[int]] = {}
    for start, end, kind, key in spans:
        first = min(BUCKETS - 1, start * BUCKETS // length)
        last = min(BUCKETS - 1, max(first, (end - 1) * BUCKETS // length))
        taken.setdefault((kind, key), set()).update(range(first, last + 1))
    stripes = []
    for (kind, key), buckets in taken.items():
        ordered = sorted(buckets)
        run_start = previous = ordered[0]
        for bucket in [*ordered[1:], None]:
            if bucket is not None and bucket == previous + 1:
                previous = bucket
                continue
            stripes.append(Stripe(run_start / BUCKETS, (previous + 1) / BUCKETS, kind, key))
            if bucket is not None:
                run_start = previous = bucket
    order = {"shared": 0, "tag": 1, "conflict": 2}
    return tuple(sorted(stripes, key=lambda s: (order[s.kind], s.start)))


def tag_stripes(rows: Iterable[AnnotationRow], length: int) -> tuple[Stripe, ...]:
    """The stripes of an article's placed tags, each in its tag's colour."""
    return overview_stripes(
        (
            (r.annotation.start, r.annotation.end, "tag", r.tag_colour)
            for r in rows
            if not r.annotation.orphaned
        ),
        length,
    )
