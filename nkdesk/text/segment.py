"""Splitting an article into headlines, sentences and clauses, as offsets into its text.

Articles arrive one paragraph per line, sometimes with blank lines between, and
with the debris of web pages: spaced abbreviations ("U. S."), stray commas left
where a link was removed, curly quotes that open with the wrong glyph or never
close. The rules here are deliberately simple and local to a line, so that one
damaged paragraph never disturbs the next:

* a paragraph is a non-empty line, and no segment ever crosses a line break;
* a short line with no final sentence punctuation is a headline, and so is a
  short Title Case question ("Have They Made A Difference?"), which is how
  sub-headings are written;
* a sentence ends at ``.``, ``!``, ``?`` or an ellipsis followed by whitespace
  and something that can start a sentence, unless the full stop belongs to an
  abbreviation, an initial, or falls inside a quotation that closes on the
  same line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

HEADLINE = "headline"
SENTENCE = "sentence"
CLAUSE = "clause"

# Headlines are short; a longer line without a final full stop is a paragraph
# that lost its last stop, and it is segmented as prose.
HEADLINE_MAX_WORDS = 25
# A clause shorter than this says too little to be matched on its own.
CLAUSE_MIN_WORDS = 4
# A question is a sub-heading when every word of this many letters or more is
# capitalised and there are at least this many capitalised words.
TITLE_CASE_MIN_LETTERS = 4
TITLE_CASE_MIN_CAPITALISED = 3
# Abbreviations are short; looking further back than this for one is wasted time.
ABBREVIATION_MAX_CHARS = 12

# Titles before a name; their full stop never ends a sentence. Case matters:
# "Gen." is a title, "gen." is not.
TITLES = frozenset(
    {
        "Mr", "Mrs", "Ms", "Mme", "Mlle", "Messrs", "Dr", "Prof", "Rev", "Hon",
        "Gen", "Col", "Lt", "Maj", "Capt", "Cpt", "Cmdr", "Cdr", "Adm", "Brig",
        "Sgt", "Cpl", "Pvt", "Sen", "Sens", "Rep", "Reps", "Gov", "Pres", "Amb",
        "Supt", "Insp", "Det", "St", "Mt", "Ft",
    }
)  # fmt: skip
# Abbreviated months are followed by a day or year ("Jan. 31"), not a new sentence.
# "May", "June" and "July" are whole words and may end a sentence.
MONTHS = frozenset(
    {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
)
# Lower-case abbreviations that are followed by more of the same sentence, even
# before a capital ("e.g. Russia"). "etc." is not here: before a capital it
# usually does end the sentence.
LOWER_ABBREVIATIONS = frozenset({"e.g", "i.e", "a.k.a", "cf", "vs", "viz", "approx"})

# The line breaks of str.splitlines.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_TERMINATOR = re.compile(r"(?P<stop>[.!?…]+)[”\"’'»)\]]*")
_CLOSERS = "”\"’'»)]"
# What may follow a sentence end: quotes of any shape (broken articles open
# quotations with "”"), brackets.
_SENTENCE_OPENERS = frozenset("“”\"‘’'«„([")
# Commas stranded between sentences where a link or embed was cut out.
_STRAY = frozenset(",")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_QUOTE = re.compile(r"[“”„«»\"]")
_CURLY_OPEN = frozenset("“„«")
_CURLY_CLOSE = frozenset("”»")
# Commas left at a clause's edge by a cut (or by a removed link: "officials, , who").
_CLAUSE_EDGE_JUNK = ","
_CLAUSE_SEPARATOR = re.compile(
    r"""
      (?P<punct>\s*[;:]\s*)
    | (?P<conj>,\s+)(?=(?:but|which|while|although|whereas|who|as\ well\ as)\b)
    | (?P<dash>\s+[—–-]\s+|(?<=\w)—(?=\w))
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A headline, sentence or clause: ``text[start:end]``, trimmed of whitespace."""

    start: int
    end: int
    kind: str
    paragraph: int


def sentences(text: str) -> list[Segment]:
    """Every headline and sentence of ``text``, in order, covering all its non-space text."""
    result: list[Segment] = []
    paragraph = 0
    for line_start, line_end in _lines(text):
        start, end = _trim(text, line_start, line_end)
        if start == end:
            continue
        spans = _split_sentences(text, start, end)
        if _is_headline(text, start, end, len(spans)):
            result.append(Segment(start, end, HEADLINE, paragraph))
        else:
            result.extend(Segment(s, e, SENTENCE, paragraph) for s, e in spans)
        paragraph += 1
    return result


def clauses(text: str, sentence: Segment) -> list[Segment]:
    """The clauses of one sentence (or headline), covering it from its start to its end.

    Splits at ``;``, at ``:`` outside numbers such as 11:00, before ", but",
    ", which", ", while", ", although", ", whereas", ", who", ", as well as",
    and at dashes used as parentheses; never inside a quotation. A clause of
    fewer than CLAUSE_MIN_WORDS words joins its neighbour.
    """
    start, end = sentence.start, sentence.end
    quotes = _quote_spans(text, start, end)
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for match in _CLAUSE_SEPARATOR.finditer(text, start, end):
        cut, resume = match.start(), match.end()
        if _inside(quotes, cut) or _inside(quotes, resume):
            continue
        if match.group("punct") and ":" in match.group() and _between_digits(text, match):
            continue
        if match.group("dash") and _between_digits(text, match):
            continue
        pieces.append((piece_start, cut))
        piece_start = resume
    pieces.append((piece_start, end))

    merged: list[tuple[int, int]] = []
    for piece_start, piece_end in pieces:
        piece_start, piece_end = _trim(text, piece_start, piece_end, _CLAUSE_EDGE_JUNK)
        if piece_start == piece_end:
            continue
        if merged and (
            _word_count(text, piece_start, piece_end) < CLAUSE_MIN_WORDS
            or _word_count(text, *merged[-1]) < CLAUSE_MIN_WORDS
        ):
            merged[-1] = (merged[-1][0], piece_end)
        else:
            merged.append((piece_start, piece_end))
    if not merged:
        return [Segment(start, end, CLAUSE, sentence.paragraph)]
    # Separators at the very edges (a sentence opening with ";") stay inside
    # the outer clauses, so that the clauses always span the whole sentence.
    merged[0] = (start, merged[0][1])
    merged[-1] = (merged[-1][0], end)
    return [Segment(s, e, CLAUSE, sentence.paragraph) for s, e in merged]


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line without its line break; the same breaks as str.splitlines."""
    position = 0
    for match in _LINE_BREAK.finditer(text):
        yield position, match.start()
        position = match.end()
    yield position, len(text)


def _trim(text: str, start: int, end: int, junk: str = "") -> tuple[int, int]:
    """(start, end) narrowed past whitespace and any characters in ``junk``."""
    while start < end and (text[start].isspace() or text[start] in junk):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in junk):
        end -= 1
    return start, end


def _word_count(text: str, start: int, end: int) -> int:
    return sum(1 for word in text[start:end].split() if any(c.isalnum() for c in word))


def _is_headline(text: str, start: int, end: int, sentence_count: int) -> bool:
    words = text[start:end].split()
    if len(words) > HEADLINE_MAX_WORDS:
        return False
    last = end
    while last > start and text[last - 1] in _CLOSERS:
        last -= 1
    final = text[last - 1] if last > start else ""
    if final not in ".!?…:":
        return True
    return final in "?!" and sentence_count == 1 and _is_title_case(words)


def _is_title_case(words: list[str]) -> bool:
    """Whether every word of four or more letters is capitalised, as in a sub-heading."""
    bare = [w for w in (w.strip("“”\"‘’'«»()[]?!.,:;") for w in words) if w]
    # Short function words ("of", "and", "the") stay lower-case in Title Case.
    if any(len(w) >= TITLE_CASE_MIN_LETTERS and not w[0].isupper() for w in bare):
        return False
    return sum(1 for w in bare if w[0].isupper()) >= TITLE_CASE_MIN_CAPITALISED


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of one trimmed line, as trimmed (start, end) pairs."""
    quotes = _quote_spans(text, start, end)
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _TERMINATOR.finditer(text, start, end):
        boundary = match.end()
        if boundary >= end or not text[boundary].isspace():
            continue
        following = _next_sentence_start(text, boundary, end)
        if following is None or _inside(quotes, boundary):
            continue
        if match.group("stop") == "." and _is_abbreviation(text, match.start(), following):
            continue
        spans.append(_trim(text, sentence_start, boundary))
        sentence_start = boundary
    spans.append(_trim(text, sentence_start, end))
    return [span for span in spans if span[0] < span[1]]


def _next_sentence_start(text: str, position: int, end: int) -> int | None:
    """Where the next sentence would start after a terminator, or None if it cannot start here."""
    while position < end and (text[position].isspace() or text[position] in _STRAY):
        position += 1
    if position == end:
        return None
    char = text[position]
    if char.isupper() or char.isdigit() or char in _SENTENCE_OPENERS:
        return position
    return None


def _is_abbreviation(text: str, stop: int, following: int) -> bool:
    """Whether the full stop at ``stop`` ends an abbreviation rather than a sentence."""
    word = _word_before(text, stop)
    if not word:
        return False
    if len(word) == 1:
        # A lone capital is an initial ("John F. Kennedy", "U. S.").
        return word.isupper()
    if word in TITLES or word in MONTHS:
        return True
    if word == "No":
        # "No. 10", but "He said No. Nobody listened." ends a sentence.
        return text[following].isdigit()
    if word in LOWER_ABBREVIATIONS:
        return True
    if _DOTTED.fullmatch(word):
        # "U.S.", "U.K.", "Ph.D."; lower-case "a.m."/"p.m." often end sentences.
        return not word.islower()
    return False


def _word_before(text: str, stop: int) -> str:
    """The letters and inner full stops just before ``stop`` ("U.S" in "the U.S.")."""
    start = stop
    limit = max(0, stop - ABBREVIATION_MAX_CHARS)
    while start > limit and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    return text[start:stop].lstrip(".")


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) positions of the double quotations in text[start:end].

    Empty when the quotes do not balance (a quotation left open at the end of
    the line, a closing glyph used to open one): such a line is split as if it
    had no quotes, so that a stray quote never swallows a paragraph.
    """
    spans: list[tuple[int, int]] = []
    opened_at = -1
    opener = ""
    for match in _QUOTE.finditer(text, start, end):
        char = match.group()
        position = match.start()
        if opened_at < 0:
            if char in _CURLY_CLOSE:
                return []
            opened_at, opener = position, char
        elif char == '"':
            if opener != '"':
                return []
            spans.append((opened_at, position))
            opened_at = -1
        elif char in _CURLY_CLOSE and opener in _CURLY_OPEN:
            spans.append((opened_at, position))
            opened_at = -1
        else:
            return []
    return spans if opened_at < 0 else []


def _inside(spans: list[tuple[int, int]], boundary: int) -> bool:
    """Whether a cut just before ``boundary`` would fall inside a quotation."""
    index = bisect.bisect_left(spans, (boundary, -1)) - 1
    return index >= 0 and spans[index][0] < boundary <= spans[index][1]


def _between_digits(text: str, match: re.Match[str]) -> bool:
    before = match.start() - 1
    after = match.end()
    return before >= 0 and after < len(text) and text[before].isdigit() and text[after].isdigit()
