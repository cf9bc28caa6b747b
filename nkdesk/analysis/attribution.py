"""Who a passage comes from, as written: the chain of attribution, innermost first.

"…, Ukrainian and American officials say, The New York Times reports, quoted
by News.bg" is ("Ukrainian and American officials", "The New York Times",
"News.bg"): the speakers, the outlet that reported them, the outlet that
quoted that. "According to The New York Times, citing Ukrainian and American
officials" is the same chain written the other way round. The reader knows
only general English cues ("according to", "citing", "quoted by", "X said",
"told X"); the names are whatever the text puts next to them.

A claim's **origins** are the distinct first reporters of its members: the
innermost *named* source of each chain. An unnamed group ("officials",
"Ukrainian and American officials") is heard only through whoever reported
it, so the first outlet of the chain is the origin; a member that names no
source is its own document's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from nkdesk.analysis.model import Cluster, Link, Span, Unit

# A capitalised word, with what names join words by: "News.bg",
# "Europe/Radio", "RFE/RL's", "Commander-in-Chief".
_CAP = r"(?:[A-Z][\w.&/’'-]*|[A-Z]{2,})"
_JOIN = r"(?:\s+(?:of|for|and|the|de|du|der|on|al|el|la|le|von|van)\b)*"
_CAP_RUN = rf"{_CAP}(?:{_JOIN}\s+{_CAP})*"
# Common nouns that stand for who speaks (general English).
_ROLE_WORDS = (
    "officials", "official", "police", "authorities", "witnesses", "witness", "analysts",
    "analyst", "experts", "expert", "sources", "source", "residents", "doctors", "medics", "doctor",
    "rescuers", "spokesman", "spokeswoman", "spokesperson", "officers", "officer",
    "investigators", "diplomats", "diplomat", "observers", "monitors", "prosecutors",
    "researchers", "scientists", "commanders", "commander", "lawmakers", "ministers",
    "minister", "ministry", "agency", "agencies", "office", "government", "army", "military",
    "commission", "committee", "council", "company", "firm", "union", "court", "institute",
    "service", "services", "department", "intelligence", "media", "outlets", "newspaper",
    "personnel", "people", "insiders", "leadership", "administration", "president",
    "spokespeople", "representatives", "representative", "staff", "forces",
)  # fmt: skip
_ROLE = "(?:" + "|".join(sorted(_ROLE_WORDS, key=len, reverse=True)) + r")\b"
# Groups no one can be traced to by name: heard only through whoever reported them.
_UNNAMED = frozenset(
    ("officials", "official", "sources", "source", "authorities", "witnesses", "witness",
     "analysts", "analyst", "experts", "expert", "residents", "observers", "diplomats",
     "diplomat", "personnel", "people", "insiders", "officers", "officer", "investigators",
     "representatives", "representative", "staff", "media", "outlets", "commanders",
     "spokespeople")
)  # fmt: skip
# A source as written: a name ("The New York Times", "state news agency KCNA",
# "White House spokesperson John Kirby"), or a group ("Ukrainian and American
# officials", "a senior official", "US intelligence").
_SOURCE = (
    rf"(?:(?:{_CAP_RUN})(?:['’]s)?(?:\s+(?:and|or)\s+{_CAP_RUN})?"
    rf"(?:\s+(?:[a-z][\w-]*\s+){{0,2}}?{_ROLE})?(?:\s+{_CAP_RUN})?"
    rf"|(?:[a-z][\w-]*\s+){{0,3}}?{_ROLE}(?:\s+{_CAP_RUN})?"
    rf"|(?:[a-z][\w-]*\s+){{1,2}}?{_CAP_RUN})"
)
_ARTICLE = r"(?:the\s+|an?\s+|(?:The|A|An)\s+(?![A-Z]))?"
_AFTER = re.compile(rf"\s*,?\s*{_ARTICLE}(?P<source>{_SOURCE})")
_BEFORE = re.compile(rf"(?:^|(?<=\s)){_ARTICLE}(?P<source>{_SOURCE})$")
# Cues whose source comes after them: what they say of it.
_CUES_AFTER = {
    "according to": "source", "as reported by": "outer", "reported by": "outer",
    "as cited by": "outer", "cited by": "outer", "quoted by": "outer", "published by": "outer",
    "as quoted by": "outer", "citing": "inner", "quoting": "inner", "told": "outer",
    "tells": "outer",
}  # fmt: skip
# Speech verbs whose source comes before them: "X said", ", X reports,".
_VERBS = (
    "said", "says", "say", "stated", "states", "reported", "reports", "report", "writes",
    "wrote", "told", "tells", "claimed", "claims", "announced", "confirmed", "noted", "notes",
    "added", "warned", "estimated", "estimates", "insisted", "stressed", "emphasized",
    "emphasised", "acknowledged", "admitted", "believe", "believes", "suggested",
)  # fmt: skip
_CUE = re.compile(
    r"\b(?P<after>" + "|".join(sorted(_CUES_AFTER, key=len, reverse=True)) + r")\b"
    r"|\b(?P<verb>" + "|".join(_VERBS) + r")\b",
    re.IGNORECASE,
)
# Words between a source and its verb: "Western officials previously stated".
_BETWEEN = re.compile(
    r"(?:\s+(?:have|has|had|also|later|previously|reportedly|officially|publicly|now|then"
    r"|earlier|again|recently|first|initially|all|both))*\s*$"
)
# Speech verbs that are as often nouns ("initial reports"), and the shape of
# the adjective that then stands before them.
_NOUN_VERBS = frozenset(("reports", "report", "claims", "notes", "estimates", "states"))
_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:al|ern|ian|ese|ic|ish|an|ary|ous|ive)")
_PRONOUNS = frozenset(("he", "she", "they", "it", "we", "i", "you", "who", "which", "that"))
_OPENERS = re.compile(
    r"^(?:however|but|and|yet|meanwhile|also|still|moreover|so"
    r"|while|whereas|when|although|though|because|since|after|before|if)\b,?\s*",
    re.I,
)
_TAIL_NOUNS = re.compile(
    r"(?:['’]s)?\s+(?:statement|report|reports|article|story|analysis|investigation|piece"
    r"|reporting|interview|publication|assessment|estimate|estimates)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    name: str
    kind: str  # "source", "inner" (what the one before cites), "outer" (who reported it)
    front: bool  # its cue comes before what it attributes ("According to X, ...")


def chain(text: str, start: int, end: int) -> tuple[str, ...]:
    """The attribution chain of the sentence ``text[start:end]``, innermost first; () if none."""
    body = text[start:end]
    mentions: list[_Mention] = []
    for cue in _CUE.finditer(body):
        if cue["after"]:
            found = _AFTER.match(body, cue.end())
            kind = _CUES_AFTER[cue["after"].lower()]
            if found and _usable(found["source"]):
                front = kind == "source" and _opens(body, cue.start())
                mentions.append(_Mention(found.start("source"), _clean(found["source"]), kind,
                                         front))  # fmt: skip
            if cue["after"].lower() in ("told", "tells"):
                _speaker_before(body, cue, mentions)
            continue
        before = _speaker_before(body, cue, mentions)
        if before is None:
            # ", says John Smith." / "…,” writes NYT.": the name after the verb.
            found = re.match(rf"\s+(?P<source>{_CAP_RUN})(?=\s*[.,;:]|\s*$)", body[cue.end() :])
            if found and re.search(r"[,”\"]\s*$", body[: cue.start()]) and _usable(found[1]):
                mentions.append(_Mention(cue.end() + found.start(1), _clean(found[1]), "source",
                                         False))  # fmt: skip
    mentions.sort(key=lambda m: m.start)
    return _assemble(mentions)


def _speaker_before(body: str, cue: re.Match[str], mentions: list[_Mention]) -> _Mention | None:
    """The source right before a speech verb: ", The New York Times reports,"."""
    head = body[: cue.start()]
    head = head[: _BETWEEN.search(head).start()]  # type: ignore[union-attr]
    # "Reuters, citing two officials, reported": the verb's subject is before the aside.
    aside = re.search(r",\s*(?:citing|quoting)\s+[^,]+,\s*$", head)
    if aside:
        head = head[: aside.start()]
    segment = re.split(r"[,;:()“”\"—–]|\s-\s", head)[-1].strip()
    segment = _OPENERS.sub("", segment)
    found = _BEFORE.search(segment)
    if not found or not _usable(found["source"]) or found.start() != 0:
        return None
    if cue["verb"] and cue["verb"].lower() in _NOUN_VERBS and _ADJECTIVE.fullmatch(found["source"]):
        return None  # "Initial reports", "Western estimates": a noun, not a speaker
    position = len(head) - len(head.rstrip()) + head.rstrip().rfind(segment)
    front = _leads(body, position, mentions)
    mention = _Mention(max(0, position), _clean(found["source"]), "source", front)
    if all(m.start != mention.start for m in mentions):
        mentions.append(mention)
    return mention


def _leads(body: str, position: int, mentions: Sequence[_Mention]) -> bool:
    """Whether a speaker comes before what it says ("Reuters reported that …", "According
    to X, officials said …"), not after it (“…, officials said.”): fewer than
    three words of content stand before it."""
    before = body[:position]
    for mention in mentions:
        if mention.start < position:
            before = before.replace(mention.name, " ")
    before = _CUE.sub(" ", before)
    return len(re.findall(r"\w+", _OPENERS.sub("", before.strip(' ,\n"“')))) < 3


def _opens(body: str, position: int) -> bool:
    """Whether a cue opens its sentence (after "However,"): what follows is its content."""
    return not _OPENERS.sub("", body[:position].strip(' ,\n"“')).strip()


def _usable(source: str) -> bool:
    words = source.split()
    return bool(words) and words[0].lower() not in _PRONOUNS


def _clean(source: str) -> str:
    source = " ".join(source.split()).strip(" ,.")
    source = _TAIL_NOUNS.sub("", source)
    source = re.sub(r"['’]s$", "", source)
    if re.match(r"(?:a|an)\s", source, re.IGNORECASE):
        source = source.split(None, 1)[1]
    return source


def _assemble(mentions: Sequence[_Mention]) -> tuple[str, ...]:
    """Put the sources in order, innermost first.

    Written order is reporting order ("officials say, the Times reports,
    quoted by X"), except where a cue says otherwise: "citing Y" puts Y inside
    the source before it, and a source inside the content of one that opens
    the sentence ("According to X, officials said …") is inside X.
    """
    found: list[str] = []
    last = 0
    frame = False
    for mention in mentions:
        if mention.name in found:
            continue
        if not found:
            found.append(mention.name)
        elif mention.kind == "inner":
            found.insert(last, mention.name)
        elif mention.kind == "outer":
            last += 1
            found.insert(last, mention.name)
        elif frame and mention.front:
            found.insert(0, mention.name)
            last = 0
        else:
            found.append(mention.name)
            last = len(found) - 1
        if mention.kind == "source":
            frame = mention.front
    return tuple(found)


# Cues by which an article says it relays another outlet's report: "…, The
# New York Times reports", "reprinted … after being published by X".
_RELAY = re.compile(
    r"\b(?:reports|writes|quoted by|published by|reprinted|republished|first reported by)\b",
    re.IGNORECASE,
)


def relayed(text: str, start: int, end: int, found: tuple[str, ...]) -> bool:
    """Whether a sentence of an article's opening says the article relays a report."""
    return (
        bool(found) and first_reporter(found) is not None and bool(_RELAY.search(text, start, end))
    )


def speaker_source(speaker: str) -> bool:
    """Whether the speaker the engine read can stand in a chain (not "Western", "the police")."""
    return speaker[:1].isupper() and not _ADJECTIVE.fullmatch(speaker)


def unnamed(source: str) -> bool:
    """Whether a source is a group no one can be traced to by name ("US officials")."""
    return source.split()[-1].lower() in _UNNAMED


def first_reporter(attribution: Sequence[str]) -> str | None:
    """The innermost named source of a chain: whom the claim can be traced to."""
    return next((name for name in attribution if not unnamed(name)), None)


def source_key(name: str) -> str:
    """What two spellings of one source share: "The New York Times", "New York Times"."""
    key = re.sub(r"^the\s+", "", " ".join(name.lower().split()))
    return re.sub(r"['’]s$", "", key)


SAME_NAME_RATIO = 0.85


def same_source(a: str, b: str) -> bool:
    """Whether two names are one source: the same words, an acronym of the other ("NYT"),
    or a spelling of the other ("Syrsky", "Syrskyi")."""
    ka, kb = source_key(a), source_key(b)
    if ka == kb:
        return True
    for short, long in ((a, b), (b, a)):
        if short.isupper() and 2 <= len(short) <= 6:
            initials = "".join(w[0] for w in long.split() if w[0].isupper() and w != "The")
            if initials == short:
                return True
    if len(ka) >= 6 and SequenceMatcher(None, ka, kb).ratio() >= SAME_NAME_RATIO:
        return True
    # A person by name and by title and name, spelt two ways: "Syrskiy", "General
    # Oleksandr Syrsky"; the last two words when both have them ("North Korea" is
    # not "South Korea").
    wa, wb = ka.split(), kb.split()
    if wa[-len(wb) :] == wb or wb[-len(wa) :] == wa:
        return True  # "state news agency KCNA", "KCNA"
    if not (a.split()[-1][:1].isupper() and b.split()[-1][:1].isupper()):
        return False
    n = 1 if min(len(wa), len(wb)) == 1 else 2
    ta, tb = " ".join(wa[-n:]), " ".join(wb[-n:])
    return len(wa[-1]) >= 5 and SequenceMatcher(None, ta, tb).ratio() >= SAME_NAME_RATIO


def origins(
    cluster: Cluster,
    attributions: Sequence[tuple[str, ...]],
    links: Sequence[Link] = (),
    outlets: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """The distinct first reporters of a claim's members (see the module's docstring).

    ``attributions`` are the members' chains; ``links`` the claim's links,
    of which a verbatim one between two members that name no source makes
    them one copy with one origin; ``outlets`` names each document's outlet
    when known (else its id stands for it).
    """
    members = cluster.members
    parent = list(range(len(members)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    index = {span: n for n, span in enumerate(members)}
    for item in links:
        a, b = index.get(item.a), index.get(item.b)
        if (
            item.verbatim
            and a is not None
            and b is not None
            and not (first_reporter(attributions[a]) or first_reporter(attributions[b]))
        ):
            parent[root(a)] = root(b)
    first_of_copy: dict[int, str] = {}
    names: list[str] = []
    for n, span in enumerate(members):
        name = first_reporter(attributions[n])
        if name is None:
            name = first_of_copy.setdefault(root(n), _outlet(span, outlets))
        names.append(name)
    distinct: list[str] = []
    for name in names:
        same = next((i for i, known in enumerate(distinct) if same_source(known, name)), None)
        if same is None:
            distinct.append(name)
        elif len(name) > len(distinct[same]):
            distinct[same] = name  # the fullest spelling: "The New York Times", not "NYT"
    return tuple(distinct)


def _outlet(span: Span, outlets: Mapping[str, str] | None) -> str:
    return (outlets or {}).get(span.doc) or span.doc


def with_origins(
    clusters: Sequence[Cluster],
    links: Sequence[Link],
    chains: Mapping[tuple[str, int], tuple[str, ...]],
    units: Sequence[Unit],
    outlets: Mapping[str, str] | None = None,
) -> list[Cluster]:
    """The claims with each member's chain of sources and the claim's origins."""
    sentences: dict[str, tuple[list[int], list[int]]] = {}
    for unit in units:
        if unit.kind != "clause":
            starts, numbers = sentences.setdefault(unit.doc, ([], []))
            starts.append(unit.start)
            numbers.append(unit.sentence)

    def attribution(span: Span) -> tuple[str, ...]:
        starts, numbers = sentences.get(span.doc, ([], []))
        n = bisect_right(starts, span.start) - 1
        return chains.get((span.doc, numbers[n]), ()) if n >= 0 else ()

    by_cluster: dict[int, list[Link]] = defaultdict(list)
    for item in links:
        if item.cluster is not None and item.verbatim:
            by_cluster[item.cluster].append(item)
    result = []
    for cluster in clusters:
        found = tuple(attribution(m) for m in cluster.members)
        first = origins(cluster, found, by_cluster.get(cluster.id, ()), outlets)
        result.append(replace(cluster, attributions=found, origins=first))
    return result
