"""Placing tags again when an article's text has changed since they were made.

A tag remembers where it was (start, end) and what it quoted, with 32
characters either side: the W3C TextPositionSelector and TextQuoteSelector.
When the article is edited, each tag is placed again by, in order:

1. **Following the edit.** A difflib diff of the old text against the new
   (lines, then words within changed lines) maps the tag's offsets; if its
   passage and its context on one side lie in a stretch the edit did not touch,
   it moves with that stretch (the common case: text added or removed elsewhere).
2. **Finding the quote.** Every exact occurrence of the quote in the new text is
   a candidate; the one whose neighbourhood best matches the remembered prefix
   and suffix (a word-level difflib ratio) wins, ties going to the one nearest
   where the diff says the tag should be.
3. **Finding the same words.** As 2, but on text with whitespace runs collapsed
   and typographic quotes and dashes made plain, so that a re-wrapped line or a
   curly apostrophe does not orphan a tag.

The rule that never bends, because a tag on different words is a wrong tag the
analyst may never notice, while an orphaned one is visible and can be re-placed:

- a tag lands only on text with *the same words* as its quote: identical, or
  differing only in whitespace and in the typographic forms of quotes and
  dashes (``same_words``);
- its start and end must cut the text the way they did before (inside a word or
  between words), so a tag on "troops" never lands inside "stroops";
- a place found by searching (2 and 3) must be recognisably the same place: the
  text before or after it at least ``MIN_CONTEXT_RATIO`` similar to what was
  there, unless the quote is long enough to be unmistakable
  (``DISTINCTIVE_QUOTE_CHARS``) and occurs once. Otherwise a common quote such
  as "12,000" whose sentence was deleted would jump to another sentence.

Anything else is orphaned: kept with its quote, never dropped, never moved onto
different words. This module imports only the standard library.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

PREFIX_CHARS = 32
SUFFIX_CHARS = 32
# Word-level difflib ratio (0-1) the text beside a found quote must reach on one
# side at least. Measured on the seed articles, two unrelated 32-character
# snippets score 0 at the median and 0.33 at the 99th percentile; one changed
# word in six still scores 0.83.
MIN_CONTEXT_RATIO = 0.6
# A quote this long (characters) that occurs exactly once is taken as itself
# wherever it now stands, even if everything around it was rewritten.
DISTINCTIVE_QUOTE_CHARS = 40

# Typographic forms an editor or a word processor swaps in without changing a
# word; each maps to one plain character, so offsets map one to one.
_PLAIN = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
    }
)  # fmt: skip
_WHITESPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+|[^\w\s]")
# Diff tokens: a run of non-space with the space after it, so that a moved or
# re-spaced word changes one token and the popular single space is no token.
_TOKEN = re.compile(r"\s+|\S+\s*")


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a tag sits in a text and what it quotes there."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str

    @classmethod
    def at(cls, text: str, start: int, end: int) -> Anchor:
        """The anchor of ``text[start:end]``, with its context."""
        return cls(
            start=start,
            end=end,
            quote=text[start:end],
            prefix=text[max(0, start - PREFIX_CHARS) : start],
            suffix=text[end : end + SUFFIX_CHARS],
        )


@dataclass(frozen=True, slots=True)
class Placement:
    """Where re-anchoring put one anchor in the new text.

    For an orphan, ``anchor`` keeps the old quote and context and is zero-width
    at the place the tag was expected, so the window can show where it was.
    """

    anchor: Anchor
    orphaned: bool


def plain(text: str) -> str:
    """Text with whitespace runs as one space and typographic quotes and dashes plain."""
    return _WHITESPACE.sub(" ", text.translate(_PLAIN)).strip()


def same_words(a: str, b: str) -> bool:
    """Whether two passages differ at most in whitespace and quote or dash forms."""
    return plain(a) == plain(b)


def reanchor(anchors: Sequence[Anchor], old_text: str | None, new_text: str) -> list[Placement]:
    """Place anchors made on ``old_text`` in ``new_text``, one Placement each, in order.

    ``old_text`` may be None when it is not known; the tags are then found by
    their quotes alone (steps 2 and 3).
    """
    diff = _Diff(old_text, new_text) if old_text is not None and old_text != new_text else None
    searcher = _Searcher(new_text)
    placements = []
    for anchor in anchors:
        if old_text == new_text and not _is_orphan(anchor):
            placements.append(Placement(anchor, orphaned=False))
            continue
        expected = diff.expect(anchor.start) if diff else min(anchor.start, len(new_text))
        found = None
        if diff and not _is_orphan(anchor):
            found = diff.follow(anchor, new_text)
        if found is None:
            found = searcher.locate(anchor, expected)
        if found is None:
            orphan = replace(anchor, start=expected, end=expected)
            placements.append(Placement(orphan, orphaned=True))
        else:
            placements.append(Placement(found, orphaned=False))
    return placements


def locate(anchor: Anchor, text: str, expected: int | None = None) -> Anchor | None:
    """Find an anchor's quote in text by steps 2 and 3 (no old text); None if it is not there.

    ``expected`` is where it should be, to choose between equally good places;
    the anchor's own start when not given.
    """
    return _Searcher(text).locate(anchor, anchor.start if expected is None else expected)


def _is_orphan(anchor: Anchor) -> bool:
    return anchor.start == anchor.end


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _cuts(before: str, first: str, last: str, after: str) -> tuple[bool, bool]:
    """Whether a passage's start and end fall inside words (word characters both sides)."""
    return (
        bool(before) and bool(first) and _is_word(before) and _is_word(first),
        bool(last) and bool(after) and _is_word(last) and _is_word(after),
    )


def _anchor_cuts(anchor: Anchor) -> tuple[bool, bool]:
    return _cuts(anchor.prefix[-1:], anchor.quote[:1], anchor.quote[-1:], anchor.suffix[:1])


def _text_cuts(text: str, start: int, end: int) -> tuple[bool, bool]:
    return _cuts(
        text[start - 1 : start] if start else "",
        text[start : start + 1],
        text[end - 1 : end] if end else "",
        text[end : end + 1],
    )


def _context_ratio(remembered: str, now: str) -> float:
    """How alike two contexts are, word by word (words and punctuation, in plain forms)."""
    if not remembered and not now:
        return 1.0  # both at an end of the text
    return SequenceMatcher(
        None, _WORD.findall(plain(remembered)), _WORD.findall(plain(now)), autojunk=False
    ).ratio()


class _Diff:
    """A map from offsets in an old text to offsets in a new one, from a difflib diff.

    Lines are diffed first and the words of changed lines second, as Meld and
    ``difflib.Differ`` do: paragraphs are nearly all distinct, so the line diff
    is quick, and the word diff runs only where something changed.
    """

    def __init__(self, old: str, new: str) -> None:
        self._blocks: list[tuple[str, int, int, int, int]] = []
        old_lines = old.splitlines(keepends=True)
        new_lines = new.splitlines(keepends=True)
        old_at = _starts(old_lines)
        new_at = _starts(new_lines)
        matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                self._blocks.append((tag, old_at[i1], old_at[i2], new_at[j1], new_at[j2]))
            else:
                self._diff_words(old, new, old_at[i1], old_at[i2], new_at[j1], new_at[j2])
        self._old_starts = [block[1] for block in self._blocks]
        self._new_length = len(new)

    def _diff_words(self, old: str, new: str, a0: int, a1: int, b0: int, b1: int) -> None:
        old_tokens = _TOKEN.findall(old, a0, a1)
        new_tokens = _TOKEN.findall(new, b0, b1)
        # The tokens both ends share are matched without difflib, which is
        # quadratic in the worst case and an edit is usually local.
        head = 0
        while head < min(len(old_tokens), len(new_tokens)) and old_tokens[head] == new_tokens[head]:
            head += 1
        tail = 0
        while (
            tail < min(len(old_tokens), len(new_tokens)) - head
            and old_tokens[-1 - tail] == new_tokens[-1 - tail]
        ):
            tail += 1
        old_at = _starts(old_tokens, a0)
        new_at = _starts(new_tokens, b0)
        if head:
            self._blocks.append(("equal", a0, old_at[head], b0, new_at[head]))
        # autojunk would treat frequent tokens ("the ") as junk and break the
        # matched stretches at every one of them.
        matcher = SequenceMatcher(
            None,
            old_tokens[head : len(old_tokens) - tail],
            new_tokens[head : len(new_tokens) - tail],
            autojunk=False,
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            self._blocks.append(
                (tag, old_at[head + i1], old_at[head + i2], new_at[head + j1], new_at[head + j2])
            )
        if tail:
            old_tail = old_at[len(old_tokens) - tail]
            new_tail = new_at[len(new_tokens) - tail]
            self._blocks.append(("equal", old_tail, a1, new_tail, b1))

    def _block(self, offset: int) -> tuple[str, int, int, int, int]:
        index = max(0, bisect.bisect_right(self._old_starts, offset) - 1)
        return self._blocks[index] if self._blocks else ("equal", 0, 0, 0, 0)

    def expect(self, offset: int) -> int:
        """Where an old offset should be in the new text (exact in unchanged stretches)."""
        tag, old_start, old_end, new_start, new_end = self._block(offset)
        if tag == "equal":
            return min(new_start + offset - old_start, self._new_length)
        # Inside a changed stretch, scale: the best guess without the words.
        span = old_end - old_start
        share = min(1.0, (offset - old_start) / span) if span else 0.0
        return min(new_start + round(share * (new_end - new_start)), self._new_length)

    def follow(self, anchor: Anchor, new_text: str) -> Anchor | None:
        """The anchor moved with its stretch, if the edit left it and one side's context alone.

        The context is required because difflib pairs any token the texts share,
        even a lone "12,000" in two otherwise different sentences.
        """
        tag, old_start, old_end, new_start, _ = self._block(anchor.start)
        if tag != "equal":
            return None
        with_prefix = old_start <= anchor.start - len(anchor.prefix) and anchor.end <= old_end
        with_suffix = old_start <= anchor.start and anchor.end + len(anchor.suffix) <= old_end
        if not (with_prefix or with_suffix):
            return None
        start = new_start + anchor.start - old_start
        end = start + anchor.end - anchor.start
        if new_text[start:end] != anchor.quote:
            return None  # the stored quote and offsets disagreed already
        if _text_cuts(new_text, start, end) != _anchor_cuts(anchor):
            return None
        return Anchor.at(new_text, start, end)


def _starts(pieces: list[str], offset: int = 0) -> list[int]:
    """Where each of consecutive pieces starts, and where the last one ends."""
    starts = [offset]
    for piece in pieces:
        starts.append(starts[-1] + len(piece))
    return starts


class _Searcher:
    """Finds quotes in one text (steps 2 and 3), building the plain copy once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._plain: tuple[str, list[int]] | None = None

    def locate(self, anchor: Anchor, expected: int) -> Anchor | None:
        found = self._choose(anchor, self._exact(anchor.quote), expected)
        if found is None:
            found = self._choose(anchor, self._same_words(anchor.quote), expected)
        if found is None:
            return None
        return Anchor.at(self.text, *found)

    def _exact(self, quote: str) -> list[tuple[int, int]]:
        places = []
        start = self.text.find(quote)
        while start != -1 and quote:
            places.append((start, start + len(quote)))
            start = self.text.find(quote, start + 1)
        return places

    def _same_words(self, quote: str) -> list[tuple[int, int]]:
        wanted = plain(quote)
        if not wanted:
            return []
        flat, origin = self._plain_text()
        places = []
        start = flat.find(wanted)
        while start != -1:
            # ``wanted`` neither starts nor ends with a space, so both ends map
            # onto real characters of the text.
            places.append((origin[start], origin[start + len(wanted) - 1] + 1))
            start = flat.find(wanted, start + 1)
        return places

    def _plain_text(self) -> tuple[str, list[int]]:
        """The text made plain as ``plain`` does, with each character's offset in the text."""
        if self._plain is None:
            chars: list[str] = []
            origin: list[int] = []
            previous_space = False
            for offset, char in enumerate(self.text.translate(_PLAIN)):
                space = char.isspace()
                if not (space and previous_space):
                    chars.append(" " if space else char)
                    origin.append(offset)
                previous_space = space
            self._plain = ("".join(chars), origin)
        return self._plain

    def _choose(
        self, anchor: Anchor, places: list[tuple[int, int]], expected: int
    ) -> tuple[int, int] | None:
        cuts = _anchor_cuts(anchor)
        fitting = [p for p in places if _text_cuts(self.text, *p) == cuts]
        if not fitting:
            return None
        scored = []
        for start, end in fitting:
            before = _context_ratio(anchor.prefix, self.text[max(0, start - PREFIX_CHARS) : start])
            after = _context_ratio(anchor.suffix, self.text[end : end + SUFFIX_CHARS])
            scored.append((before + after, max(before, after), -abs(start - expected), start, end))
        _, best_side, _, start, end = max(scored)
        distinctive = len(fitting) == 1 and len(anchor.quote.strip()) >= DISTINCTIVE_QUOTE_CHARS
        if best_side < MIN_CONTEXT_RATIO and not distinctive:
            return None
        return start, end
