"""Who a sentence attributes its claims to: "according to police", "..., officials said".

The claim lexer marks the cues ("according to", "said", "citing"); this
module reads the speaker around each: a role noun with what describes it
("the interior ministry", "Peru's health ministry", "Chilean officials"), or
a name, a person or an organisation before a place. A quotation split from
its attribution ("“…,” he said.") keeps the speaker of that attribution.
"""

from __future__ import annotations

import re

from pygments.token import Name

from nkdesk.analysis.reading import Sentence
from nkdesk.text.lexer import ATTRIBUTION, DEMONYM, ORGANIZATION, PERSON, TokenType

SPEAKER_WINDOW_CHARS = 90

# Who a nationality or a place stands for when it is said to speak.
_ROLE_AFTER_NAME = re.compile(
    r"(?:['’]s)?\s+(?:officials?|intelligence(?:\s+(?:services?|agenc(?:y|ies)))?|military"
    r"|media|analysts|commanders?|forces|army|government|sources|authorities|spokes\w+"
    r"|president|prime minister|ministry|leadership)\b",
    re.IGNORECASE,
)
# Common nouns that speak for someone: "police said", "according to police".
_ROLES = (
    r"officials?|police|authorities|witnesses|analysts|experts|sources|residents|doctors|medics"
    r"|rescuers|spokes(?:man|woman|person)|officers|investigators|diplomats|observers|monitors"
    r"|prosecutors|researchers|scientists|commanders|lawmakers|ministers|ministry|agency|office"
    r"|government|army|military|commission|committee|council|company|firm|airline|union|court"
    r"|institute|service|sheriff|department|report|reports|release|statement"
)
# Right before a speech verb. After "the" or a possessor, up to two words
# describe it: "the interior ministry", "Peru's health ministry".
_ROLE_BEFORE_CUE = re.compile(
    rf"(?:(?P<lead>\bthe\s+|\b[A-Z][\w-]*['’]s\s+)(?P<modifiers>(?:[\w-]+\s+){{0,2}}?))?"
    rf"\b(?P<role>{_ROLES})(?:\s+(?:have|has|had|also|later|previously|reportedly))*\s*$",
    re.IGNORECASE,
)
# Right after "according to" or "citing", in lower case: "according to
# police", "according to the interior ministry", but not "according to
# White House spokesperson John Kirby", whose speaker is the name.
_ROLE_AFTER_CUE = re.compile(
    rf"\s+(?:the\s+|a\s+)?(?P<speaker>(?:[a-z][\w-]*\s+){{0,2}}?(?:{_ROLES}))\b"
)


def speaker(sentence: Sentence) -> str | None:
    """Who ``sentence`` attributes its claims to ("according to X", "X said"), if it says."""
    text = sentence.text
    spans = sentence.spans
    names = [(s, e, t) for s, e, t in spans if t in Name]
    for s, e, ttype in spans:
        if ttype is not ATTRIBUTION:
            continue
        cue = text[s:e].lower()
        if cue.startswith(("according", "citing", "as cited", "quoted")):
            role = _ROLE_AFTER_CUE.match(text, e)
            if role:
                return " ".join(role["speaker"].split())
            after = [n for n in names if s < n[0] <= e + SPEAKER_WINDOW_CHARS]
            if after:
                return _name(text, after)
        else:
            role = _ROLE_BEFORE_CUE.search(text, max(sentence.start, s - SPEAKER_WINDOW_CHARS), s)
            if role:
                # "..., officials said": the speaker is the role, with what
                # describes it ("the interior ministry", "Peru's health
                # ministry") or the nationality right before it ("Chilean officials").
                if role["lead"] and role["lead"].strip().lower() != "the":
                    start = role.start("lead")
                else:
                    start = role.start("modifiers") if role["modifiers"] else role.start("role")
                named = [n for n in names if n[1] < start and text[n[1] : start].isspace()]
                return " ".join(text[named[-1][0] if named else start : role.end("role")].split())
            before = [n for n in names if s - SPEAKER_WINDOW_CHARS <= n[1] <= s]
            if before:
                return _name(text, [before[-1]])
            after = [n for n in names if e <= n[0] <= e + 30]
            if after:
                return _name(text, after[:1])
    return None


def _name(text: str, names: list[tuple[int, int, TokenType]]) -> str:
    """The best name among those near a cue: a person or an organisation before a place.

    A place or nationality is only half a speaker: "Ukrainian officials" and
    "South Korea's intelligence service" keep the role noun that follows.
    """
    chosen = None
    for wanted in (PERSON, ORGANIZATION):
        chosen = chosen or next(((s, e) for s, e, t in names if t in wanted), None)
    if chosen is None:
        chosen = next(((s, e) for s, e, t in names if t not in DEMONYM), None)
    start, end = chosen or names[0][:2]
    role = _ROLE_AFTER_NAME.match(text, end)
    if role:
        end = role.end()
    return " ".join(text[start:end].split())


def continues_quote(sentence: Sentence) -> bool:
    """Whether a sentence goes on with the quotation the one before it opened."""
    text = sentence.text
    before = text[max(0, sentence.start - 3) : sentence.start]
    body = text[sentence.start : sentence.end]
    closing = body.count("”") + body.count('"')
    return "\n" not in before and closing % 2 == 1 and not opens_quote(sentence)


def opens_quote(sentence: Sentence) -> bool:
    return sentence.text[sentence.start : sentence.start + 1] in '“"‘'
