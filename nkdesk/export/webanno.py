"""W3C Web Annotation (JSON-LD): the tags as an ``AnnotationCollection`` any annotation tool reads.

Choices, each within the Web Annotation Data Model (and checked against the
W3C test suite's MUST assertions in tests/export/test_webanno.py):

- **Sources** are named by content, ``urn:sha256:<hex>`` of the document's
  text, so an annotation still points at the right article after the file was
  moved or renamed, and two analysts' exports name the same article alike.
- **Targets** are ``SpecificResource``s with two alternative selectors, a
  ``TextQuoteSelector`` (exact, prefix, suffix) and a ``TextPositionSelector``
  (start, end in code points: the model counts characters, and so does nkdesk).
  An orphaned tag, which no longer has a place in the text, keeps the quote
  selector only and says ``"nkdesk:orphaned": true``.
- **A tag on one passage** is one annotation, motivation ``tagging``: the tag
  is a ``TextualBody`` with purpose ``tagging``, the note one with purpose
  ``commenting``, and value, speaker and stance one with purpose
  ``describing`` whose ``value`` reads "12,000 · speaker: Kyiv · supports" for
  people and whose ``nkdesk:value``/``nkdesk:speaker``/``nkdesk:stance`` hold
  the same for programs.
- **A claim** is one annotation with one target per passage, whichever
  sources they are in, motivation ``identifying``: its label is a body with
  purpose ``identifying``, its note one with ``commenting``, each tag its
  passages carry one with ``tagging``. What differs between passages (each
  source's value, speaker and stance, its tag, its note, who tagged it and
  when) cannot be a body, since bodies apply to every target, so it sits on
  that passage's target as ``nkdesk:*`` properties and ``creator``/``created``.
- **Who published a source** rides on the target's ``source``, which becomes
  an External Web Resource (``id``, ``type: Text``) when anything is known:
  ``dcterms:publisher`` (outlet), ``dcterms:issued`` (ISO date),
  ``dcterms:creator`` (author), ``dcterms:source`` (the outlet it was first
  published by) and ``via`` (where it was published). The annotation context
  declares the ``dcterms:`` prefix. With nothing known, ``source`` stays the
  bare IRI, as before.
- ``nkdesk:`` is declared in the ``@context`` (``urn:nkdesk:vocab#``), so a
  JSON-LD processor keeps these properties instead of dropping them.
- Ids are ``urn:uuid:`` UUIDs derived from the content (version 5), so that
  exporting the same tag file twice gives the same ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any, BinaryIO

from nkdesk import __version__
from nkdesk.export.output import ITEMS, Progress, write_json
from nkdesk.export.tagfile import TagFile, passages_of_claims
from nkdesk.sources import Source
from nkdesk.store import Annotation, Claim, Tag

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NKDESK_VOCAB = "urn:nkdesk:vocab#"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"nkdesk": NKDESK_VOCAB}]
# The namespace of the version-5 UUIDs of annotations and collections.
ID_NAMESPACE = uuid.UUID("5c0b7a4e-2f6d-4c43-9a55-6e6b64657368")
DESCRIPTION_SEPARATOR = " · "


def source_iri(sha256: str) -> str:
    """The IRI naming a document by its content."""
    return f"urn:sha256:{sha256}"


def _uuid_iri(*parts: object) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, chr(31).join(map(str, parts)))}"


def to_collection(data: TagFile, progress: Progress | None = None) -> dict[str, Any]:
    """The AnnotationCollection for ``data``, as Python objects."""
    collection = _collection(data)
    collection["first"]["items"] = list(_items(data, progress))
    return collection


def _collection(data: TagFile) -> dict[str, Any]:
    """The collection with its items left out and their number counted (one pass)."""
    shas = {d.id: d.sha256 for d in data.documents}
    unclaimed = 0
    claimed: set[int] = set()
    for annotation in data.annotations:
        if annotation.claim is None:
            unclaimed += 1
        else:
            claimed.add(annotation.claim)
    total = unclaimed + sum(1 for claim in data.claims if claim.id in claimed)
    collection_id = _uuid_iri("collection", data.origin, *sorted(shas.values()))
    name = PurePath(data.origin).name if data.origin not in ("", ":memory:") else "tag file"
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"nkdesk tags: {name}",
        "total": total,
        "generator": {"type": "Software", "name": f"nkdesk {__version__}"},
        "first": {
            "id": _uuid_iri("page", collection_id, 0),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": [],
        },
    }


def _items(data: TagFile, progress: Progress | None) -> Iterator[dict[str, Any]]:
    """The passages no claim holds, in document order, then each claim with its passages."""
    shas = {d.id: d.sha256 for d in data.documents}
    described = {d.sha256: _source_details(d.source) for d in data.documents}
    tags = data.tags_by_id()
    for annotation in data.annotations:
        if annotation.claim is None:
            yield _with_sources(
                _passage_annotation(annotation, tags[annotation.tag], shas), described
            )
            if progress is not None:
                progress.step()
    passages = passages_of_claims(data)
    for claim in data.claims:
        held = passages(claim.id)
        if held:
            yield _with_sources(_claim_annotation(claim, held, tags, shas), described)
            if progress is not None:
                progress.step(len(held))


def _with_sources(item: dict[str, Any], described: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An item whose targets' sources say what is known of them (``_source_details``)."""
    targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
    for target in targets:
        if details := described.get(target["source"].removeprefix("urn:sha256:")):
            target["source"] = {"id": target["source"], "type": "Text", **details}
    return item


def write(data: TagFile, out: BinaryIO, progress: Progress) -> None:
    """Write ``data`` as a JSON-LD AnnotationCollection with its items inline (one page).

    The items are written as they are made (``output.write_json``).
    """
    collection = _collection(data)
    collection["first"]["items"] = [ITEMS]
    write_json(out, collection, _items(data, progress))


def _passage_annotation(a: Annotation, tag: Tag, shas: dict[str, str]) -> dict[str, Any]:
    body: list[dict[str, Any]] = [_text_body("tagging", tag.name)]
    described = _description(a)
    if described:
        body.append(described)
    if a.note:
        body.append(_text_body("commenting", a.note))
    return {
        "@context": CONTEXT,
        "id": _uuid_iri("annotation", shas[a.document], a.start, a.end, tag.name, a.created),
        "type": "Annotation",
        "motivation": "tagging",
        **_provenance(a.author, a.created, a.modified),
        "body": body,
        "target": _target(a, shas),
    }


def _claim_annotation(
    claim: Claim, passages: list[Annotation], tags: dict[int, Tag], shas: dict[str, str]
) -> dict[str, Any]:
    body = [_text_body("identifying", claim.label)]
    if claim.note:
        body.append(_text_body("commenting", claim.note))
    for name in dict.fromkeys(tags[a.tag].name for a in passages):
        body.append(_text_body("tagging", name))
    targets = []
    for a in passages:
        target = _target(a, shas)
        target["nkdesk:tag"] = tags[a.tag].name
        for field in ("stance", "value", "speaker", "note"):
            if getattr(a, field):
                target[f"nkdesk:{field}"] = getattr(a, field)
        target.update(_provenance(a.author, a.created, a.modified))
        targets.append(target)
    authors = sorted({a.author for a in passages if a.author})
    return {
        "@context": CONTEXT,
        "id": _uuid_iri("claim", claim.label, claim.created),
        "type": "Annotation",
        "motivation": "identifying",
        **({"creator": [_agent(name) for name in authors]} if authors else {}),
        "created": claim.created,
        "modified": claim.modified,
        "body": body,
        "target": targets,
    }


def _text_body(purpose: str, value: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


def _description(a: Annotation) -> dict[str, Any] | None:
    parts = []
    if a.value:
        parts.append(a.value)
    if a.speaker:
        parts.append(f"speaker: {a.speaker}")
    if a.stance:
        parts.append(a.stance)
    if not parts:
        return None
    body = _text_body("describing", DESCRIPTION_SEPARATOR.join(parts))
    for field in ("value", "speaker", "stance"):
        if getattr(a, field):
            body[f"nkdesk:{field}"] = getattr(a, field)
    return body


def _target(a: Annotation, shas: dict[str, str]) -> dict[str, Any]:
    quote = {"type": "TextQuoteSelector", "exact": a.quote, "prefix": a.prefix, "suffix": a.suffix}
    target: dict[str, Any] = {"type": "SpecificResource", "source": source_iri(shas[a.document])}
    if a.orphaned:
        target["selector"] = quote
        target["nkdesk:orphaned"] = True
    else:
        target["selector"] = [
            quote,
            {"type": "TextPositionSelector", "start": a.start, "end": a.end},
        ]
    return target


def _source_details(source: Source) -> dict[str, Any]:
    """A source's publisher, date, author and first publisher in Dublin Core terms."""
    found: dict[str, Any] = {}
    for field, term in (
        ("outlet", "dcterms:publisher"),
        ("published", "dcterms:issued"),
        ("author", "dcterms:creator"),
        ("origin", "dcterms:source"),
    ):
        if value := getattr(source, field):
            found[term] = value
    if source.url:
        found["via"] = source.url
    return found


def _provenance(author: str, created: str, modified: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if author:
        result["creator"] = _agent(author)
    result["created"] = created
    result["modified"] = modified
    return result


def _agent(name: str) -> dict[str, str]:
    # The store's author is the login name of whoever tagged: a nickname.
    return {"type": "Person", "nickname": name}
