"""Find in all articles: the matches of a query and the walk through them. No Qt.

Like ``marks``, this is plain Python the window draws from, tested without one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache

from nkdesk.analysis.model import Span
from nkdesk.corpus import Document


@cache
def _digits_re() -> re.Pattern[str]:
    """A number in digits, not inside a longer one or a word ("F-16" is no 16).

    Built on the first search, not with the window: the engine's number
    patterns take a while to compile, and the comparison loads them in the worker.
    """
    from nkdesk.text.numbers import DIGITS_PATTERN

    return re.compile(rf"(?<![\w.,]){DIGITS_PATTERN}(?![\w])")


class Matches:
    """Every case-insensitive occurrence of a query, in pane order then by offset.

    A query that is a number in digits finds the numbers of the same value,
    however grouped ("11,000" finds "11, 000" and "11000", as the engine reads
    them the same: issue 14), unless ``literal``. Offsets are code points into
    each ``Document.text``. Matching runs on the original text with
    ``re.IGNORECASE`` rather than on a case-folded copy: folding can change a
    text's length ("ß" -> "ss") and so every offset after it.
    """

    def __init__(self, documents: Sequence[Document], query: str, *, literal: bool = False) -> None:
        self.query = query
        self._pane = {d.id: n for n, d in enumerate(documents)}
        self.spans: list[Span] = []
        wanted = None
        if not literal and query.strip() and _digits_re().fullmatch(query.strip()):
            from nkdesk.text.numbers import parse_number

            wanted = parse_number(query.strip())
        if wanted is not None:
            for document in documents:
                self.spans.extend(
                    Span(document.id, m.start(), m.end())
                    for m in _digits_re().finditer(document.text)
                    if parse_number(m.group()) == wanted
                )
        elif query:
            pattern = re.compile(re.escape(query), re.IGNORECASE)
            for document in documents:
                self.spans.extend(
                    Span(document.id, m.start(), m.end()) for m in pattern.finditer(document.text)
                )
        self._keys = [self._key(s.doc, s.start) for s in self.spans]

    def __len__(self) -> int:
        return len(self.spans)

    @property
    def articles(self) -> int:
        return len({s.doc for s in self.spans})

    def in_document(self, doc_id: str) -> list[Span]:
        return [s for s in self.spans if s.doc == doc_id]

    def summary(self) -> str:
        """What the status bar says: "12 matches in 3 articles", or "not found"."""
        if not self.query:
            return ""
        if not self.spans:
            return "not found"
        count, articles = len(self.spans), self.articles
        return (
            f"{count} match{'es' if count != 1 else ''} "
            f"in {articles} article{'s' if articles != 1 else ''}"
        )

    def first_from(self, doc_id: str, position: int) -> int | None:
        """The index of the first match at or after ``position`` in ``doc_id``,
        continuing through the later panes and wrapping round."""
        if not self.spans:
            return None
        index = bisect.bisect_left(self._keys, self._key(doc_id, position))
        return index % len(self.spans)

    def step(self, index: int | None, forward: bool) -> int | None:
        """The next (or previous) match after ``index``, wrapping round."""
        if not self.spans:
            return None
        if index is None:
            return 0 if forward else len(self.spans) - 1
        return (index + (1 if forward else -1)) % len(self.spans)

    def _key(self, doc_id: str, position: int) -> tuple[int, int]:
        return (self._pane[doc_id], position)
