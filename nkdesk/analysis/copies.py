"""Copies: units that say the same words, collapsed before anything compares them.

Outlets reprint one wire story with light edits, so a corpus of real news
holds the same sentence many times over; comparing each copy with each is
where the cost of a comparison grows with the square of the corpus. Units
with the same normalised tokens and names are one copy group: the stages
after this compare one representative per group, and the linker links the
members in proportion to their number (see links.link).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nkdesk.analysis.model import Fact, Unit


@dataclass(frozen=True, slots=True)
class CopyGroups:
    """The units of a corpus by the words they say: one representative per group."""

    units: tuple[Unit, ...]  # each group's first unit, in the order the groups first occur
    members: tuple[tuple[Unit, ...], ...]  # each group's units, the representative first
    positions: tuple[tuple[int, ...], ...]  # where each member stands among all the units

    def documents(self, group: int) -> int:
        """In how many documents the words of a group are."""
        return len({unit.doc for unit in self.members[group]})

    def document_sets(self) -> list[frozenset[str]]:
        """For each group, the documents its members are in."""
        return [frozenset(unit.doc for unit in members) for members in self.members]


@dataclass(frozen=True, slots=True)
class Nearness:
    """Which sentences a large corpus compares the facts of (see _pairs_at_scale).

    ``groups`` gives each sentence (document, number) the places it is at (the
    copy groups of its units); ``around`` those places and the ones the
    candidate index pairs them with.
    """

    groups: dict[tuple[str, int], frozenset[int]]
    neighbours: dict[int, frozenset[int]]

    @classmethod
    def of_documents(cls, facts: Sequence[Fact]) -> Nearness:
        """Every sentence near every other: what is compared without an index."""
        return cls({(f.doc, f.segment): frozenset({0}) for f in facts}, {0: frozenset({0})})

    def own(self, fact: Fact) -> frozenset[int]:
        """The copy groups of the units of a fact's sentence."""
        return self.groups.get((fact.doc, fact.segment), frozenset())

    def around(self, fact: Fact) -> set[int]:
        """Those groups and the ones the candidate index pairs them with."""
        found: set[int] = set()
        for place in self.own(fact):
            found |= self.neighbours.get(place, frozenset({place}))
        return found


def nearness(copies: CopyGroups, candidates: Iterable[tuple[int, int]]) -> Nearness:
    """Which sentences are near: those whose units are copies, or candidates, of each other."""
    groups: dict[tuple[str, int], set[int]] = defaultdict(set)
    for group, members in enumerate(copies.members):
        for unit in members:
            groups[unit.doc, unit.sentence].add(group)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for a, b in candidates:
        neighbours[a].add(b)
        neighbours[b].add(a)
    return Nearness(
        {key: frozenset(found) for key, found in groups.items()},
        {g: frozenset(found | {g}) for g, found in neighbours.items()},
    )


def copy_groups(units: Sequence[Unit]) -> CopyGroups:
    """Group units whose normalised tokens and names are the same (a wire copy, a repeat).

    Two such units get the same decision against any other passage (the
    decision reads only tokens and names), so one of them stands for all.
    """
    groups: dict[tuple[tuple[str, ...], frozenset[str]], list[int]] = {}
    for position, unit in enumerate(units):
        groups.setdefault((unit.passage.norms, unit.passage.names), []).append(position)
    positions = tuple(tuple(group) for group in groups.values())
    members = tuple(tuple(units[p] for p in group) for group in positions)
    return CopyGroups(tuple(group[0] for group in members), members, positions)
