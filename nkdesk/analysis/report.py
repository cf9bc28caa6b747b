"""A Comparison as the ``nkdesk compare`` report: readable text, or JSON.

The JSON document (schema ``nkdesk.compare/1``) is described in the README;
offsets are code points into each document's text as loaded.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable
from typing import TextIO

from nkdesk.analysis.conflicts import day_label, topic_label
from nkdesk.analysis.matrix import independence
from nkdesk.analysis.model import Comparison, Fact
from nkdesk.sources import Source

SCHEMA = "nkdesk.compare/1"
QUOTE_CHARS = 110


def to_dict(comparison: Comparison) -> dict[str, object]:
    return {
        "schema": SCHEMA,
        "documents": to_dict_documents(comparison),
        "links": [link.to_json() for link in comparison.links],
        "clusters": [cluster.to_json() for cluster in comparison.clusters],
        "facts": [fact.to_json() for fact in comparison.facts],
        "conflicts": [conflict.to_json() for conflict in comparison.conflicts],
    }


def to_dict_documents(comparison: Comparison) -> list[dict[str, object]]:
    return [
        {
            "id": d.id,
            "title": d.title,
            "path": d.path,
            "sha256": d.sha256,
            "length": len(d.text),
            **d.source.to_json(),
        }
        for d in comparison.documents
    ]


def to_json(comparison: Comparison) -> str:
    out = io.StringIO()
    write_json(comparison, out)
    return out.getvalue()


def write_json(comparison: Comparison, out: TextIO) -> None:
    """Write the JSON document piece by piece, one record a line.

    A corpus of a thousand articles has a hundred thousand links: the whole
    document is never in memory at once, and each record is written by the C
    encoder (an indented one is written by Python's, several times slower).
    """
    sections: list[tuple[str, object]] = [
        ("schema", SCHEMA),
        ("documents", to_dict_documents(comparison)),
        ("links", (link.to_json() for link in comparison.links)),
        ("clusters", (cluster.to_json() for cluster in comparison.clusters)),
        ("facts", (fact.to_json() for fact in comparison.facts)),
        ("conflicts", (conflict.to_json() for conflict in comparison.conflicts)),
    ]
    out.write("{\n")
    for number, (key, value) in enumerate(sections):
        out.write(f"  {json.dumps(key)}: ")
        if isinstance(value, str):
            out.write(json.dumps(value, ensure_ascii=False))
        else:
            _write_list(value, out)  # type: ignore[arg-type]
        out.write(",\n" if number < len(sections) - 1 else "\n")
    out.write("}\n")


def _write_list(items: Iterable[object], out: TextIO) -> None:
    first = True
    for item in items:
        out.write("[\n    " if first else ",\n    ")
        out.write(json.dumps(item, ensure_ascii=False))
        first = False
    out.write("[]" if first else "\n  ]")


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def _source_line(source: Source) -> str:
    parts = [source.label()]
    if source.author:
        parts.append(f"by {source.author}")
    if source.origin:
        parts.append(f"first published by {source.origin}")
    return " · ".join(p for p in parts if p)


def _side(fact: Fact) -> str:
    said = f", according to {fact.speaker}" if fact.speaker else ""
    dated = f", as of {day_label(fact.as_of)}" if fact.as_of else ""
    return f"“{fact.text}” in {fact.doc}{said}{dated}"


def to_text(comparison: Comparison) -> str:
    """The readable report: documents, claims with their sources, then conflicts."""
    n = len(comparison.documents)
    titles = {d.id: d.title for d in comparison.documents}
    lines = [f"{n} documents"]
    for d in comparison.documents:
        name = os.path.basename(d.path) if d.path else d.id
        lines.append(f"  {d.id:<24} {d.word_count:>6} words  {name}: {_quote(d.title)}")
        if d.source.known:
            lines.append(f"  {'':<24} {_source_line(d.source)}")
    lines += ["", f"{len(comparison.clusters)} shared claims"]
    for cluster in comparison.clusters:
        lines.append(f"  [{cluster.id}] {cluster.label}")
        lines.append(f"      {independence(cluster, n, titles)}")
        if len(cluster.values) > 1:
            # A figure in many copies: its values and who gives each, not every copy.
            groups = " · ".join(f"{g.text}: {', '.join(g.docs)}" for g in cluster.values)
            lines.append(f"      values: {groups}")
        chains = cluster.attributions or ((),) * len(cluster.members)
        for member, chain in zip(cluster.members, chains, strict=True):
            said = f"  ({' → '.join(chain)})" if chain else ""
            lines.append(f"      {member.doc}  {_quote(comparison.text(member))}{said}")
    lines += ["", f"{len(comparison.conflicts)} conflicts"]
    for number, conflict in enumerate(comparison.conflicts, 1):
        a, b = conflict.a, conflict.b
        dated = " (as of different dates)" if conflict.as_of_differs else ""
        lines.append(f"  {number}. {topic_label(a)}: {a.text} vs {b.text}{dated}")
        lines.append(f"       {_side(a)}")
        lines.append(f"       {_side(b)}")
    return "\n".join(lines) + "\n"
