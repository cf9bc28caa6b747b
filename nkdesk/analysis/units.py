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


def units_of(document: Document) -> list[Unit]:
    """The units of one document, in text order (a sentence before its clauses)."""
    text = document.text
    units: list[Unit] = []
    for number, sentence in enumerate(sentences(text)):
        tokens = tokenize(text, sentence.start, sentence.end)
        units.append(_unit(document, sentence, number, tokens))
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
