"""Normalising article text into tokens for matching; the displayed text is never changed.

Two reports of one event say the same thing in different clothes: "Ukraine’s"
and "Ukraine's", "armoured" and "armored", "11, 000" and "eleven thousand",
"more than 3,000" and "over 3000". ``tokenize`` reduces each word to a form that
ignores those differences, keeps the offsets of its surface in the original
text, and folds every number expression into one token of canonical digits.

``normalize`` is idempotent: a normalised string normalises to itself. That is
what lets callers normalise once and compare, and it is checked by tokenizing
the joined result again (see ``_settle``), because folding numbers is
context-sensitive: "12; 345" holds two numbers, but joined as "12 345" it reads
as one.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from nkdesk.text._invisibles import FORMAT_RANGES, SPACE_RANGES
from nkdesk.text._marks import MARK_RANGES, UNICODE_VERSION
from nkdesk.text.numbers import NumberMatch, find_numbers

WORD = "word"
NUMBER = "number"
QUALIFIER = "qualifier"

# Fold passes needed before a normalised text reads back as itself; a pass is
# only repeated where numbers were glued or split by the join (rare).
SETTLE_MAX_PASSES = 6
# Distinct words worth remembering; an article has a few thousand.
WORD_CACHE_ENTRIES = 65_536
# Spelling and stemming alternate until a word stops changing, which takes two
# rounds in practice ("centres" → "centers" → "center").
WORD_FOLD_MAX_ROUNDS = 4
# A stem shorter than this is no longer a word ("used" must not become "us").
STEM_MIN_CHARS = 3

# One-for-one character folds, so offsets in the folded text are offsets in the original.
_FOLD = str.maketrans(
    {
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                        "\u200a\u202f\u205f\u3000", " "),
        **dict.fromkeys("‘’‚‛ʼ′", "'"),
        **dict.fromkeys("“”„‟″", '"'),
    }
)  # fmt: skip


def category_ranges(prefix: str) -> tuple[tuple[int, int], ...]:
    """The characters of this Python's Unicode database whose category starts with
    ``prefix`` ("M", "Cf"), as code-point ranges."""
    planes = (*range(0x20000), *range(0xE0000, 0xE1000))
    codes = [c for c in planes if unicodedata.category(chr(c)).startswith(prefix)]
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return tuple(ranges)


def mark_ranges() -> tuple[tuple[int, int], ...]:
    """The combining marks of this Python's Unicode database, as code-point ranges."""
    return category_ranges("M")


def _stored(ranges: tuple[tuple[int, int], ...], prefix: str) -> tuple[tuple[int, int], ...]:
    """``ranges`` as stored, if this Python's Unicode database is their version."""
    return ranges if unicodedata.unidata_version == UNICODE_VERSION else category_ranges(prefix)


def _regex_class(ranges: tuple[tuple[int, int], ...]) -> str:
    """The body of a regex class matching the code points of ``ranges``."""
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


# Combining marks belong to the letter before them.
_MARKS = _regex_class(_stored(MARK_RANGES, "M"))
# Format characters (category Cf) are never seen, yet sit inside words in text
# copied from the web, or planted to break matching: zero-width space and
# joiners, word joiner, soft hyphen, byte-order mark, direction marks.
_INVISIBLE = re.compile(f"[{_regex_class(_stored(FORMAT_RANGES, 'Cf'))}]+")
# Space separators other than the space itself (no-break, narrow no-break,
# thin, ideographic...): one for one, so no offset moves.
_SPACES = str.maketrans(
    {c: " " for a, b in _stored(SPACE_RANGES, "Zs") for c in range(a, b + 1) if c != ord(" ")}
)
# A word: letters and digits with their marks, apostrophes only inside
# ("didn't"). Hyphens, underscores and other punctuation separate words.
_WORD_RE = re.compile(rf"[^\W_](?:[^\W_]|[{_MARKS}])*+(?:'[^\W_](?:[^\W_]|[{_MARKS}])*+)*+")

STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be
    because been before being below between both but by can can't cannot could
    couldn't did didn't do does doesn't doing don't down during each either else even
    ever every few for from further had hadn't has hasn't have haven't having he
    he'd he'll her here hers herself him himself his how however i i'd i'll i'm
    i've if in into is isn't it itself just let me more most much must mustn't
    my myself nor of off on once only onto or other others ought our ours
    ourselves out over own per same shall shan't she she'd she'll should
    shouldn't so some such than that that'll the their theirs them themselves
    then there these they they'd they'll they're they've this those though
    through thus to too under until up upon us very via was wasn't we we'd we'll
    we're we've were weren't what when where whether which while who whom whose
    why will with within without won't would wouldn't yet you you'd you'll
    you're you've your yours yourself yourselves among
    """.split()  # noqa: SIM905 - a word list reads best as prose
)
"""Normalised forms of English function words, for ``content_tokens``.

Negations ("no", "not", "never") are deliberately absent: "were not killed"
and "were killed" are the kind of conflict nkdesk exists to show.
"""

# Number words keep their plural: stemming "tens" or "millions" would turn
# "tens of thousands" into the number ten once the text is normalised again.
_NUMBER_WORDS = frozenset(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty
    fifty sixty seventy eighty ninety hundred thousand million billion trillion
    dozen k mn mln bn percent cent
    """.split()  # noqa: SIM905 - a word list reads best as prose
)

# British spellings that no rule below covers, with their American forms.
_BRITISH_WORDS: dict[str, str] = {
    "ageing": "aging",
    "aluminium": "aluminum",
    "amongst": "among",
    "anaemia": "anemia",
    "analogue": "analog",
    "artefact": "artifact",
    "catalogue": "catalog",
    "cheque": "check",
    "cosy": "cozy",
    "defence": "defense",
    "dialogue": "dialog",
    "diarrhoea": "diarrhea",
    "distil": "distill",
    "draught": "draft",
    "encyclopaedia": "encyclopedia",
    "enquiry": "inquiry",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "foetus": "fetus",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "grey": "gray",
    "haemorrhage": "hemorrhage",
    "instil": "instill",
    "jewellery": "jewelry",
    "judgement": "judgment",
    "acknowledgement": "acknowledgment",
    "kerb": "curb",
    "learnt": "learned",
    "leukaemia": "leukemia",
    "licence": "license",
    "manoeuvre": "maneuver",
    "manoeuvred": "maneuvered",
    "manoeuvring": "maneuvering",
    "marvellous": "marvelous",
    "mould": "mold",
    "moustache": "mustache",
    "oestrogen": "estrogen",
    "offence": "offense",
    "orthopaedic": "orthopedic",
    "paediatric": "pediatric",
    "plough": "plow",
    "practise": "practice",
    "practised": "practiced",
    "practising": "practicing",
    "pretence": "pretense",
    "programme": "program",
    "pyjamas": "pajamas",
    "sceptic": "skeptic",
    "sceptical": "skeptical",
    "scepticism": "skepticism",
    "skilful": "skillful",
    "smoulder": "smolder",
    "spelt": "spelled",
    "storey": "story",
    "sulphur": "sulfur",
    "tonne": "ton",
    "tyre": "tire",
    "whilst": "while",
    "wilful": "willful",
    "woollen": "woolen",
}
# Inflected forms of the entries above: "defences", "ploughed", "greying".
_BRITISH_WORDS.update(
    {
        british + suffix: american + suffix
        for british, american in list(_BRITISH_WORDS.items())
        for suffix in (("s",) if british.endswith("e") else ("s", "ed", "ing"))
        if not british.endswith(("s", "ed", "ing", "t")) and british + suffix not in _BRITISH_WORDS
    }
)
# "-our" roots spelled "-or" in American English; "four", "hour", "tour" are not among them.
_OUR_RE = re.compile(
    r"(arm|behavi|cand|clam|col|endeav|fav|flav|harb|hon|hum|lab|neighb|od|parl|ranc|rig|rum"
    r"|sav|savi|splend|tum|val|vap|vig)our"
)
# "-re" endings spelled "-er": centre, theatre, metre (and kilometre), litre, fibre...
_RE_RE = re.compile(
    r"(cent|theat|met|lit|fib|calib|somb|spect|lust|meag|sab|scept|mit|reconnoit)r(e|es|ed|ing)$"
)
_RE_SUFFIXES = {"e": "er", "es": "ers", "ed": "ered", "ing": "ering"}
# "-ise"/"-isation" spelled "-ize"/"-ization". Both spellings are folded the same
# way, so a word that is "-ise" in both varieties ("advertise") is harmless; the
# three-letter minimum spares short words such as "rise", "prise", "crises".
_ISE_RE = re.compile(r"(?<=...)is(e|es|ed|ing|er|ers|ation|ations|able)$")
_YSE_RE = re.compile(r"(anal|paral|catal|dial|electrol)ys(e|es|ed|ing|er|ers)$")
# Doubled "l" before a suffix where American English keeps one: travelled, cancelling.
_LL_RE = re.compile(
    r"(travel|cancel|label|model|fuel|signal|total|level|counsel|channel|tunnel|dial|equal"
    r"|rival|shovel|swivel|marvel|quarrel|jewel|duel|libel|pedal|pencil|panel|gravel|grovel"
    r"|snorkel|tinsel|yodel|initial)l(ed|ing|er|ers|or|ors)$"
)
_NEGATIONS = frozenset({"no", "not", "never", "none", "nobody", "nothing", "neither", "nowhere"})
_NOT_A_STEM = STOPWORDS | _NUMBER_WORDS | _NEGATIONS
_VOWELS = frozenset("aeiouy")
# Final consonant pairs that "-ed"/"-ing" double ("stopped"), and that are undone.
_UNDOUBLE = frozenset("bdfgkmnprt")
_NEVER_STEMMED = frozenset({"news", "series", "species", "always", "perhaps", "lens"})
# Plurals in "-es" whose singular ends in "-s" or "-is"; "-ses" otherwise reads as "-se".
_IRREGULAR_PLURALS = {
    "analyses": "analysis",
    "bonuses": "bonus",
    "buses": "bus",
    "campuses": "campus",
    "censuses": "census",
    "consensuses": "consensus",
    "crises": "crisis",
    "diagnoses": "diagnosis",
    "focuses": "focus",
    "hypotheses": "hypothesis",
    "oases": "oasis",
    "prognoses": "prognosis",
    "statuses": "status",
    "syntheses": "synthesis",
    "theses": "thesis",
    "viruses": "virus",
}


# Irregular past tenses and participles, read as their verb ("fought" as
# "fight"), as the stemmer reads "killed" as "kill". Only forms that are
# seldom another word: not "left", "won", "bit", "saw".
_IRREGULAR_VERBS: dict[str, str] = {
    past: verb
    for verb, forms in (
        ("fight", "fought"), ("seek", "sought"), ("bring", "brought"), ("buy", "bought"),
        ("catch", "caught"), ("teach", "taught"), ("think", "thought"), ("send", "sent"),
        ("spend", "spent"), ("build", "built"), ("begin", "began begun"),
        ("break", "broke broken"), ("choose", "chose chosen"), ("drive", "drove driven"),
        ("fly", "flew flown"), ("freeze", "froze frozen"), ("grow", "grew grown"),
        ("know", "knew known"), ("ride", "rode ridden"), ("rise", "rose risen"),
        ("shake", "shook shaken"), ("speak", "spoke spoken"), ("steal", "stole stolen"),
        ("swear", "swore sworn"), ("throw", "threw thrown"), ("wear", "wore worn"),
        ("write", "wrote written"), ("flee", "fled"), ("hold", "held"), ("keep", "kept"),
        ("sleep", "slept"), ("meet", "met"), ("pay", "paid"), ("sell", "sold"),
        ("tell", "told"), ("hang", "hung"), ("stick", "stuck"), ("strike", "struck stricken"),
        ("dig", "dug"), ("hide", "hid hidden"), ("lead", "led"), ("feed", "fed"),
        ("lose", "lost"), ("fall", "fell fallen"), ("feel", "felt"), ("give", "gave given"),
        ("take", "took taken"), ("see", "seen"), ("go", "went gone"), ("come", "came"),
        ("eat", "ate eaten"), ("draw", "drew drawn"), ("withdraw", "withdrew withdrawn"),
        ("undergo", "underwent undergone"), ("undertake", "undertook undertaken"),
        ("overtake", "overtook overtaken"), ("arise", "arose arisen"), ("forbid", "forbade"),
        ("forgive", "forgave forgiven"), ("mistake", "mistook mistaken"), ("shoot", "shot"),
        ("make", "made"), ("find", "found"), ("stand", "stood"), ("understand", "understood"),
        ("sit", "sat"), ("win", "wins"),
    )
    for past in forms.split()
    if past != "wins"
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Token:
    """One word, number or qualifier: its normalised form and its surface in the original text."""

    norm: str
    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Visible:
    """A text as matching reads it, and the way back to offsets in the original.

    ``text`` is the original without its format characters (``_INVISIBLE``),
    every space separator a plain space. ``gaps`` holds, for each character
    dropped, the offset in ``text`` it was dropped before (sorted; empty when
    nothing was), so a text with a few zero-width spaces costs a few integers.
    """

    text: str
    gaps: tuple[int, ...] = ()

    def start(self, offset: int) -> int:
        """Where the character at ``offset`` in ``text`` is in the original."""
        return offset + bisect.bisect_right(self.gaps, offset) if self.gaps else offset

    def end(self, offset: int) -> int:
        """Where a stretch of ``text`` ending at ``offset`` ends in the original.

        Just after its last character, so that format characters at either
        edge of a stretch stay outside it and those inside stay inside.
        """
        if not self.gaps or offset == 0:
            return offset
        return offset + bisect.bisect_right(self.gaps, offset - 1)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of ``text`` in the original; an empty one stays empty."""
        if start == end:
            return self.end(end), self.end(end)
        return self.start(start), self.end(end)


def visible(text: str) -> Visible:
    """``text`` as matching reads it: format characters dropped, space separators as spaces.

    Offsets into the result map back with ``Visible.start``, ``end`` and ``span``.
    """
    spaced = text.translate(_SPACES)
    if _INVISIBLE.search(spaced) is None:
        return Visible(spaced)
    parts: list[str] = []
    gaps: list[int] = []
    kept = position = 0
    for match in _INVISIBLE.finditer(spaced):
        parts.append(spaced[position : match.start()])
        kept += match.start() - position
        gaps.extend([kept] * (match.end() - match.start()))
        position = match.end()
    parts.append(spaced[position:])
    return Visible("".join(parts), tuple(gaps))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]``, offsets into ``text``; punctuation makes none.

    Format characters are read through ("tro\u200bops" is "troops"); a token's
    offsets still cover its surface in ``text``.
    """
    end = len(text) if end is None else end
    shown = visible(text[start:end])
    raw = _settle(_raw_tokens(shown.text.translate(_FOLD)))
    if not shown.gaps:
        return [Token(norm, start + s, start + e, kind) for norm, s, e, kind in raw]
    return [
        Token(norm, start + shown.start(s), start + shown.end(e), kind) for norm, s, e, kind in raw
    ]


def normalize(text: str) -> str:
    """The normalised form of ``text``: its token norms joined by single spaces."""
    return " ".join(t.norm for t in tokenize(text))


def content_tokens(tokens: Iterable[Token]) -> list[Token]:
    """The tokens that carry meaning: no stopwords, nothing without a letter or digit."""
    return [
        t
        for t in tokens
        if not (t.kind == WORD and t.norm in STOPWORDS) and any(c.isalnum() for c in t.norm)
    ]


def stem(word: str) -> str:
    """A light, predictable stem of a normalised word: plurals, "-ed", "-ing", a silent "e".

    "troops" → "troop", "losses" → "loss", "injuries" → "injury", "killed" →
    "kill", "armored" → "armor", "forces"/"forced" → "forc", "based" → "base",
    "modernized" → "moderniz". The silent-"e" rule is Porter's (a final "e"
    goes when the rest has more than one vowel-consonant run, so "plane" and
    "plan" stay apart), except that "-se" keeps it: "defense", "increase".
    Idempotent: steps repeat until none applies, and every step shortens the
    word or gives a form no step changes.
    """
    while True:
        shorter = _stem_step(word)
        if shorter == word:
            return word
        word = shorter


def _stem_step(word: str) -> str:
    if word in _NEVER_STEMMED or "'" in word:
        return word
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ies", "ied")) and len(word) > 4 and word[-4].isalpha():
        return word[:-3] + "y"
    if word.endswith("s"):
        return word if word.endswith(("ss", "us", "is")) else _strip(word, 1)
    if word.endswith(("ing", "ed")):
        rest = _strip(word, 3 if word.endswith("ing") else 2)
        if rest == word:
            return word
        if rest[-1] == rest[-2] and rest[-1] in _UNDOUBLE and len(rest) > STEM_MIN_CHARS:
            return rest[:-1]  # "stopped" → "stop"
        if (rest[-1] == "s" and not rest.endswith("ss")) or (
            _measure(rest) == 1 and _ends_cvc(rest)
        ):
            return rest + "e"  # "based" → "base", "hoped" → "hope", as their bases keep "e"
        return rest
    if word.endswith("e") and not word.endswith("se"):
        rest = _strip(word, 1)
        if rest != word and (_measure(rest) > 1 or not _ends_cvc(rest)):
            return rest
    return word


def _strip(word: str, suffix_chars: int) -> str:
    """``word`` without its last characters, if what remains is still a word."""
    rest = word[:-suffix_chars]
    if len(rest) < STEM_MIN_CHARS or _VOWELS.isdisjoint(rest):
        return word
    last = rest[-1]
    if not (last.isalpha() or unicodedata.category(last).startswith("M")):
        return word  # "16s" and "b2s" are not plurals of "16" and "b2"
    return rest


def _shape(word: str) -> str:
    """ "v" for each vowel and "c" for each other letter; "y" after a consonant is a vowel."""
    shape = []
    previous = "v"
    for char in word:
        kind = "v" if char in "aeiou" or (char == "y" and previous == "c") else "c"
        shape.append(kind)
        previous = kind
    return "".join(shape)


def _measure(word: str) -> int:
    """Porter's measure: how many vowel-then-consonant runs ``word`` has."""
    shape = _shape(word)
    return sum(1 for i in range(1, len(shape)) if shape[i - 1] == "v" and shape[i] == "c")


def _ends_cvc(word: str) -> bool:
    """Whether ``word`` ends consonant-vowel-consonant, the last not w, x or y ("hop", "not")."""
    return len(word) >= 3 and _shape(word).endswith("cvc") and word[-1] not in "wxy"


def _american(word: str) -> str:
    """The American spelling of a lower-case word; no rule's output triggers another."""
    if word in _BRITISH_WORDS:
        return _BRITISH_WORDS[word]
    if "our" in word:
        word = _OUR_RE.sub(r"\1or", word)
    if word.endswith(("re", "res", "red", "ring")):
        word = _RE_RE.sub(lambda m: m.group(1) + _RE_SUFFIXES[m.group(2)], word)
    if "is" in word:
        word = _ISE_RE.sub(r"iz\1", word)
    if "ys" in word:
        word = _YSE_RE.sub(r"\1yz\2", word)
    if "ll" in word:
        word = _LL_RE.sub(r"\1\2", word)
    return word


@lru_cache(maxsize=WORD_CACHE_ENTRIES)
def _norm_word(surface: str) -> str:
    """The normalised form of one folded word; empty if nothing of it survives folding."""
    word = surface.casefold().translate(_FOLD)
    if not _WORD_RE.fullmatch(word):
        # Case folding can bring in an apostrophe ("ŉ" → "ʼn"), which reads as a
        # word boundary the next time round.
        word = "".join(_WORD_RE.findall(word))
    while word.endswith("'s") and len(word) > 2:
        word = word[:-2]
    word = _IRREGULAR_VERBS.get(word, word)
    for _ in range(WORD_FOLD_MAX_ROUNDS):
        american = _american(word)
        if american in _NOT_A_STEM:
            return american
        # A stem can be an irregular form too: "ates" → "ate" → "eat".
        stemmed = stem(american)
        stemmed = _IRREGULAR_VERBS.get(stemmed, stemmed)
        if stemmed in _NOT_A_STEM:
            # "evening" must not become the stopword "even", nor "noted" the negation "not".
            stemmed = american
        if stemmed == word:
            break
        word = stemmed
    return word


def _number_norm(match: NumberMatch) -> str:
    """Canonical digits of a number or range: "11000", "11000-12000", "50%"."""
    low = _digits(match.low)
    norm = low if match.low == match.high else f"{low}-{_digits(match.high)}"
    return f"{norm}%" if match.percent else norm


def _digits(value: float) -> str:
    """One value as plain digits, never in exponent notation ("0.0000001", not "1e-07")."""
    nearest = round(value)
    # "1.1 million" arrives as 1100000.0000000002.
    if abs(value - nearest) <= 1e-9 * max(1.0, abs(value)):
        return str(nearest)
    return f"{Decimal(repr(value)):f}"


_Raw = tuple[str, int, int, str]


def _raw_tokens(folded: str) -> list[_Raw]:
    """Tokens of a folded text as (norm, start, end, kind), offsets into it."""
    tokens: list[_Raw] = []
    position = 0
    for token in _number_tokens(folded):
        _words(folded, position, token[1], tokens)
        tokens.append(token)
        position = token[2]
    _words(folded, position, len(folded), tokens)
    return tokens


def _number_tokens(folded: str) -> list[_Raw]:
    """The qualifier and number tokens of a folded text, in order."""
    tokens: list[_Raw] = []
    position = 0
    for match in find_numbers(folded):
        if match.start < position:
            continue
        if match.qualifier is not None and match.number_start > match.start:
            qualifier_end = match.number_start
            while qualifier_end > match.start and folded[qualifier_end - 1].isspace():
                qualifier_end -= 1
            norm = match.qualifier.replace(" ", "")
            tokens.append((norm, match.start, qualifier_end, QUALIFIER))
        tokens.append((_number_norm(match), match.number_start, match.end, NUMBER))
        position = match.end
    return tokens


def _words(folded: str, start: int, end: int, tokens: list[_Raw]) -> None:
    for match in _WORD_RE.finditer(folded, start, end):
        norm = _norm_word(match.group())
        if norm:
            tokens.append((norm, match.start(), match.end(), WORD))


def _settle(tokens: list[_Raw]) -> list[_Raw]:
    """Tokens whose joined norms tokenize back to the same norms.

    Words normalise on their own, but numbers depend on their neighbours, and
    joining with spaces can make a number out of what punctuation kept apart:
    "January 13: 200 killed" joins as "13 200", which reads as 13200 just as
    "11 000" reads as 11000. Where two numbers glue, all but the last are
    dropped; where words become a number or a qualifier ("more; than 5"), the
    tokens are merged into what was found there. The check then repeats. The
    offsets stay those of the original text.
    """
    for _ in range(SETTLE_MAX_PASSES):
        fixes = _unsettled(tokens)
        if not fixes:
            break
        tokens = _apply_fixes(tokens, fixes)
    return tokens


_Fix = tuple[int, int, _Raw | None]


def _unsettled(tokens: list[_Raw]) -> list[_Fix]:
    """(first, last, replacement) for each run of tokens that would not read back as itself."""
    starts: list[int] = []
    ends: list[int] = []
    cursor = 0
    for token in tokens:
        starts.append(cursor)
        cursor += len(token[0])
        ends.append(cursor)
        cursor += 1
    joined = " ".join(t[0] for t in tokens)
    fixes: list[_Fix] = []
    read_back: set[int] = set()
    for found in _number_tokens(joined):
        norm, start, end, _ = found
        first = max(0, bisect.bisect_right(starts, start) - 1)
        if ends[first] <= start:
            first += 1
        last = bisect.bisect_left(starts, end) - 1
        if first == last and (starts[first], ends[first], tokens[first][0]) == (start, end, norm):
            read_back.add(first)
            continue
        numbers = [i for i in range(first, last + 1) if tokens[i][3] == NUMBER]
        if len(numbers) > 1:
            # Two numbers glued by the join: keep the last and drop the others,
            # as a made-up 13200 would match and conflict where 200 should.
            fixes.extend((i, i, None) for i in numbers[:-1])
        elif first <= last:
            fixes.append((first, last, found))
    for index, (norm, start, end, kind) in enumerate(tokens):
        # A number that is no longer read as one is read as words: fine if as one word.
        if kind != WORD and index not in read_back and not _is_plain_word(norm):
            words = [_norm_word(m.group()) for m in _WORD_RE.finditer(norm)]
            fixes.append((index, index, (words[0], start, end, WORD) if words else None))
    return fixes


def _apply_fixes(tokens: list[_Raw], fixes: list[_Fix]) -> list[_Raw]:
    """``tokens`` with each run of fixed tokens replaced by one token spanning the run."""
    fixes.sort(key=lambda fix: fix[0])
    result: list[_Raw] = []
    position = 0
    index = 0
    while index < len(fixes):
        first, last, replacement = fixes[index]
        index += 1
        # Overlapping fixes become one; a number outranks a qualifier, a qualifier a word.
        while index < len(fixes) and fixes[index][0] <= last:
            other = fixes[index][2]
            last = max(last, fixes[index][1])
            if other is not None and (
                replacement is None or _KIND_RANK[other[3]] < _KIND_RANK[replacement[3]]
            ):
                replacement = other
            index += 1
        result.extend(tokens[position:first])
        if replacement is not None:
            result.append((replacement[0], tokens[first][1], tokens[last][2], replacement[3]))
        position = last + 1
    result.extend(tokens[position:])
    return result


_KIND_RANK = {NUMBER: 0, QUALIFIER: 1, WORD: 2}


def _is_plain_word(norm: str) -> bool:
    """Whether ``norm`` reads back as one word token of the same norm."""
    return _WORD_RE.fullmatch(norm) is not None and _norm_word(norm) == norm
