"""The units a document is compared by: headlines, sentences, and the clauses of long ones."""

from __future__ import annotations

from nkdesk.analysis.model import Unit
from nkdesk.analysis.passage import Passage
from nkdesk.corpus import Document
from nkdesk.text.normalize import Token, tokenize
from nkdesk.text.segment import Segment, clauses, sentences

# A sentence this long may share only one of its clauses with another
# article, so its clauses are matched as units too.
CLAUSE_SPLIT_MIN_WORDS = 18


# A "sentence" longer than this (a table, a transcript without full stops) is
# read as windows of UNIT_WINDOW_TOKENS: no unit costs more than a long
# sentence to compare, whatever the text.
UNIT_MAX_TOKENS = 150
UNIT_WINDOW_TOKENS = 60


def units_of(document: Document) -> list[Unit]:
    """The units of one document, in text order (a sentence before its clauses)."""
    text = document.text
    units: list[Unit] = []
    number = 0
    for whole in sentences(text):
        for sentence, tokens in _windows(text, whole):
            units.extend(_sentence_units(document, sentence, number, tokens))
            number += 1
    return units


def _windows(text: str, sentence: Segment) -> list[tuple[Segment, list[Token]]]:
    """The sentence and its tokens; an over-long one cut into windows of whole tokens."""
    tokens = tokenize(text, sentence.start, sentence.end)
    if len(tokens) <= UNIT_MAX_TOKENS:
        return [(sentence, tokens)]
    windows = []
    for first in range(0, len(tokens), UNIT_WINDOW_TOKENS):
        part = tokens[first : first + UNIT_WINDOW_TOKENS]
        segment = Segment(part[0].start, part[-1].end, sentence.kind, sentence.paragraph)
        windows.append((segment, part))
    return windows


def _sentence_units(
    document: Document, sentence: Segment, number: int, tokens: list[Token]
) -> list[Unit]:
    """A sentence's unit, and its clauses' when it is long."""
    text = document.text
    units = [_unit(document, sentence, number, tokens)]
    if len(tokens) >= CLAUSE_SPLIT_MIN_WORDS:
        parts = clauses(text, sentence)
        if len(parts) > 1:
            # A clause's tokens are its sentence's, so it is not tokenized again.
            units.extend(
                _unit(
                    document,
                    part,
                    number,
                    [t for t in tokens if part.start <= t.start and t.end <= part.end],
                )
                for part in parts
            )
    return units


def _unit(document: Document, segment: Segment, number: int, tokens: list[Token]) -> Unit:
    passage = Passage.from_tokens(tokens, document.text)
    return Unit(document.id, segment.start, segment.end, segment.kind, number, passage)
