"""Facts from different sources that cannot both be true.

Two facts are about the same thing when they sit in passages of one claim
cluster, or, across clusters, when everything the text says about them
agrees: the type, what a quantity counts, whose it is, the event a value
belongs to, and the time window it covers ("in the past week"). Their values
conflict when the intervals they can stand for do not meet: "about 11,000"
and "approximately 12,000" conflict, "more than 11,000" and "11,000-12,000"
do not. A figure is read with the precision it is written with (11,000 is
rounded to the thousand), never more loosely than ±5%.

A conflict is two sources disagreeing, not two figures of a kind side by
side: a figure is never set against a source that itself states the same
value for the same thing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from nkdesk.analysis.model import Cluster, Conflict, Fact
from nkdesk.corpus import Document
from nkdesk.text.normalize import normalize

ROUNDING_MAX_SHARE = 0.05
# Units that say too little to tie two figures together without an event.
GENERIC_UNITS = frozenset({"%", "people"})
DURATION_TOLERANCE_SHARE = 0.1
PROPORTION_TOLERANCE = 0.05
# What a bare "statement" context says is when something was said, not what
# the value is about, so it neither joins nor separates facts.
_WEAK_CONTEXTS = frozenset({"statement"})


def rounding(value: float) -> float:
    """Half a unit of the last significant digit of a written figure, at most 5% of it."""
    value = abs(value)
    if value == 0:
        return 0.0
    if value != int(value):
        step = 10 ** math.floor(math.log10(value)) / 10
    else:
        digits = str(int(value))
        step = 10 ** (len(digits) - len(digits.rstrip("0")))
    return min(step / 2, ROUNDING_MAX_SHARE * value)


def interval(fact: Fact) -> tuple[float, float]:
    """The values a fact can stand for, given its qualifier and precision."""
    low, high = fact.low, fact.high
    if fact.type == "duration":
        slack_low, slack_high = DURATION_TOLERANCE_SHARE * low, DURATION_TOLERANCE_SHARE * high
    elif fact.type == "proportion":
        slack_low = slack_high = PROPORTION_TOLERANCE
    else:
        slack_low, slack_high = rounding(low), rounding(high)
    qualifier = fact.qualifier
    if qualifier == "over":
        return low, math.inf
    if qualifier == "at least":
        return low - slack_low, math.inf
    if qualifier in ("up to", "under"):
        return 0.0, high + slack_high
    if qualifier == "nearly":
        return 0.9 * low, high
    return low - slack_low, high + slack_high


def values_conflict(a: Fact, b: Fact) -> bool:
    """Whether two facts of one type give values that cannot both be true."""
    if a.type == "date":
        return _dates_conflict(a.value, b.value)
    (low_a, high_a), (low_b, high_b) = interval(a), interval(b)
    if low_a == high_a == low_b == high_b:
        return False
    return max(low_a, low_b) >= min(high_a, high_b)


def _dates_conflict(a: str, b: str) -> bool:
    # Values are "YYYY[-MM[-DD]]" or "--MM[-DD]"; compare what both state,
    # the day only within the same month.
    year_a, month_a, day_a = _date_parts(a)
    year_b, month_b, day_b = _date_parts(b)
    if year_a and year_b and year_a != year_b:
        return True
    if month_a and month_b and month_a != month_b:
        return True
    return bool(month_a and month_a == month_b and day_a and day_b and day_a != day_b)


def _date_parts(value: str) -> tuple[str | None, str | None, str | None]:
    """The year, month and day a date value states (None for what it leaves out)."""
    year, _, rest = value.removeprefix("-").partition("-")
    month, _, day = rest.partition("-")
    return year or None, month or None, day or None


def _context(fact: Fact) -> str | None:
    return None if fact.context in _WEAK_CONTEXTS else fact.context


def _same_subject(a: Fact, b: Fact) -> bool:
    return a.subject is None or b.subject is None or a.subject == b.subject


@lru_cache(maxsize=4096)
def _kind(unit: str) -> str:
    """A unit as compared: normalised, so "villages" is "village"; "%" stays "%"."""
    return normalize(unit) or unit


def topic(fact: Fact) -> tuple[str | None, ...] | None:
    """What a fact is about, as far as values can be compared: None when too vague.

    Quantities are compared by what they count; proportions by what and in
    which event; dates and durations by the event they belong to, or,
    without one, only within one claim cluster (see comparable).
    """
    context = _context(fact)
    kind = _kind(fact.unit) if fact.unit else None
    if fact.type == "quantity":
        return (fact.type, kind) if kind else None
    if fact.type == "proportion":
        return (fact.type, kind, context) if kind and context else None
    return (fact.type, context)


def comparable(
    a: Fact, b: Fact, same_cluster: bool, scope_a: frozenset[str], scope_b: frozenset[str]
) -> bool:
    """Whether two facts are about the same thing, so that their values must agree."""
    if a.doc == b.doc or not _same_subject(a, b):
        return False
    topic_a = topic(a)
    if topic_a is None or topic_a != topic(b):
        return False
    if same_cluster:
        return True
    # Outside one claim, what the text says must tie two figures to one
    # thing: the same event, and for quantities the same time window. A
    # quantity of a definite kind ("troops", "hectares") may leave its event
    # unsaid; a percentage or a number of people is otherwise about anything.
    ctx_a, ctx_b = _context(a), _context(b)
    if a.type == "quantity" and a.unit not in GENERIC_UNITS:
        return scope_a == scope_b and (ctx_a is None or ctx_b is None or ctx_a == ctx_b)
    if ctx_a is None or ctx_a != ctx_b:
        return False
    if a.type == "quantity":
        return scope_a == scope_b
    # A window ("in the past week") says what a figure covers, not how long
    # something lasted: only within one claim is it compared.
    return not (a.type == "duration" and "window" in (a.unit, b.unit))


def find_conflicts(
    facts: Sequence[Fact], clusters: Sequence[Cluster], documents: Sequence[Document]
) -> list[Conflict]:
    """Every pair of facts from two sources that are about one thing and disagree.

    Facts are bucketed by topic, and within a topic by what decides
    comparability (value, qualifier, scope, event, subject), so the work
    follows the number of distinct readings and of conflicts found, not the
    square of the number of facts.
    """
    fact_clusters = _clusters_of(facts, clusters)
    scopes = _scopes(facts)
    readings: dict[tuple, dict[tuple, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:
        key = topic(fact)
        if key is not None:
            signature = (fact.value, fact.qualifier, scopes[fact], _context(fact), fact.subject,
                         fact.unit)  # fmt: skip
            readings[key][signature].append(fact)

    position = {id(f): n for n, f in enumerate(facts)}
    found: dict[tuple[int, int], Conflict] = {}
    for classes in readings.values():
        groups = list(classes.values())
        for i, group_a in enumerate(groups):
            for group_b in groups[i + 1 :]:
                a0, b0 = group_a[0], group_b[0]
                if not values_conflict(a0, b0):
                    continue
                for a in group_a:
                    for b in group_b:
                        shared = fact_clusters[a] & fact_clusters[b]
                        if comparable(a, b, bool(shared), scopes[a], scopes[b]):
                            _add(found, a, b, shared, position)
    stated = _stated(facts)
    return [
        found[key]
        for key in sorted(found)
        if not _corroborated(found[key].a, found[key].b.doc, stated)
        and not _corroborated(found[key].b, found[key].a.doc, stated)
    ]


# Qualifiers that leave a value open on one side: such a value agrees with
# many, and so does not tell which of them a source means.
_OPEN_QUALIFIERS = frozenset({"over", "at least", "up to", "under"})


def _stated(facts: Sequence[Fact]) -> dict[tuple, list[Fact]]:
    """The facts of each document by topic."""
    stated: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in facts:
        key = topic(fact)
        if key is not None:
            stated[fact.doc, key].append(fact)
    return stated


def _corroborated(fact: Fact, doc: str, stated: dict[tuple, list[Fact]]) -> bool:
    """Whether ``doc`` itself states ``fact``'s value for the same thing.

    Then its other value of that kind is about something else: a copied
    sentence that gives a depth of 35 km and a distance of 40 km agrees with
    its source, it does not set 35 against 40. A conflict is two sources
    disagreeing, not two figures of one kind side by side.
    """
    return any(
        _same_subject(fact, other)
        and fact.qualifier not in _OPEN_QUALIFIERS
        and other.qualifier not in _OPEN_QUALIFIERS
        and not values_conflict(fact, other)
        for other in stated.get((doc, topic(fact)), ())
    )


def _add(
    found: dict[tuple[int, int], Conflict],
    a: Fact,
    b: Fact,
    shared: frozenset[int],
    position: dict[int, int],
) -> None:
    """Record a conflict once, its facts in the order the documents give them."""
    if position[id(b)] < position[id(a)]:
        a, b = b, a
    key = (position[id(a)], position[id(b)])
    if key not in found:
        found[key] = Conflict(min(shared) if shared else None, a, b, _why(a, b))


def _clusters_of(facts: Sequence[Fact], clusters: Sequence[Cluster]) -> dict[Fact, frozenset[int]]:
    members: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for cluster in clusters:
        for member in cluster.members:
            members[member.doc].append((member.start, member.end, cluster.id))
    return {
        fact: frozenset(
            cid for start, end, cid in members.get(fact.doc, ()) if start <= fact.start < end
        )
        for fact in facts
    }


def _scopes(facts: Sequence[Fact]) -> dict[Fact, frozenset]:
    """The time windows stated in each fact's sentence ("in the past week")."""
    windows: dict[tuple[str, int], set[str]] = defaultdict(set)
    for fact in facts:
        if fact.type == "duration" and fact.unit == "window":
            windows[fact.doc, fact.segment].add(fact.value)
    return {
        f: frozenset() if f.type == "duration" else frozenset(windows[f.doc, f.segment])
        for f in facts
    }


def topic_label(fact: Fact) -> str:
    """What a fact's value is about, for people: "quantity of troops", "date of deployment"."""
    about = fact.unit if fact.type in ("quantity", "proportion") else fact.context
    return f"{fact.type} of {about}" if about else f"{fact.type} in a shared passage"


def _why(a: Fact, b: Fact) -> str:
    side_a = f"{a.text!r} ({a.doc}{', ' + a.speaker if a.speaker else ''})"
    side_b = f"{b.text!r} ({b.doc}{', ' + b.speaker if b.speaker else ''})"
    return f"{topic_label(a)}: {side_a} vs {side_b}"
