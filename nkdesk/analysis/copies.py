"""Copies: units that say the same words, collapsed before anything compares them.

Outlets reprint one wire story with light edits, so a corpus of real news
holds the same sentence many times over; comparing each copy with each is
where the cost of a comparison grows with the square of the corpus. Units
with the same normalised tokens and names are one copy group: the stages
after this compare one representative per group, and the linker links the
members in proportion to their number (see links.link).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nkdesk.analysis.model import Unit


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
