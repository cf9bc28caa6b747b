"""W3C Web Annotation export, checked against the W3C test suite's MUST assertions."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from nkdesk.export import export, snapshot
from nkdesk.export.webanno import ANNO_CONTEXT, source_iri, to_collection
from nkdesk.store import TagStore

from .articles import AGENCY, WIRE
from .conftest import AGENCY_SOURCE, WEB_ANNOTATION_SCHEMAS
from .helpers import format_checker


@cache
def must_validators() -> list[tuple[str, Any]]:
    """A validator per MUST assertion of annotationMusts.test, with every schema registered.

    The schemas are draft-04 and refer to each other by their ``id`` (a bare
    file name such as ``annotations.json``), so the registry holds each under
    its id.
    """
    from jsonschema import Draft4Validator
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    resources = []
    for path in sorted(WEB_ANNOTATION_SCHEMAS.rglob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema.get("id", path.name), DRAFT4.create_resource(schema)))
    registry = Registry().with_resources(resources)
    test = json.loads((WEB_ANNOTATION_SCHEMAS / "annotations" / "annotationMusts.test").read_text())
    validators = []
    checker = format_checker()
    for assertion in test["assertions"]:
        schema = json.loads((WEB_ANNOTATION_SCHEMAS / assertion).read_text(encoding="utf-8"))
        assert schema["assertionType"] == "must" and schema["expectedResult"] == "valid"
        validators.append(
            (assertion, Draft4Validator(schema, registry=registry, format_checker=checker))
        )
    return validators


def failed_musts(annotation: dict[str, Any]) -> list[str]:
    failures = []
    for name, validator in must_validators():
        error = next(iter(validator.iter_errors(annotation)), None)
        if error is not None:
            failures.append(f"{name}: {error.message[:200]}")
    return failures


def test_every_exported_annotation_passes_every_must_assertion(
    tagged: TagStore, tmp_path: Path
) -> None:
    target = tmp_path / "tags.jsonld"
    export(tagged, "jsonld", target)
    items = json.loads(target.read_text(encoding="utf-8"))["first"]["items"]
    assert items
    for item in items:
        assert not failed_musts(item), (item["id"], failed_musts(item))


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (lambda a: a.pop("@context"), "3.1-annotationContextValidated"),
        (lambda a: a.update(id="not an iri"), "3.1-annotationIdValidated"),
        (lambda a: a.update(created="yesterday"), "3.3.1-annotationCreatedValidated"),
        (lambda a: a.pop("target"), "3.1-targetKeyFound"),
        (lambda a: a.update(bodyValue="x"), "3.2.5-notBodyBodyValue"),
        (
            lambda a: a["target"]["selector"][1].update(start=-1),
            "4.2-TextDataPositionSelectorValid",
        ),
        (lambda a: a["target"]["selector"][0].pop("exact"), "4.2.4-textQuoteSelectorValid"),
    ],
)
def test_the_must_assertions_do_catch_broken_annotations(
    tagged: TagStore, breakage, expected
) -> None:
    # Guards the harness: a registry that resolved nothing would pass anything.
    items = to_collection(snapshot(tagged))["first"]["items"]
    annotation = json.loads(
        json.dumps(
            next(
                i
                for i in items
                if i["motivation"] == "tagging" and isinstance(i["target"]["selector"], list)
            )
        )
    )
    breakage(annotation)
    assert any(expected in failure for failure in failed_musts(annotation))


def test_a_collection_with_its_annotations_inline(tagged: TagStore) -> None:
    collection = to_collection(snapshot(tagged))
    assert ANNO_CONTEXT in collection["@context"]
    assert collection["type"] == "AnnotationCollection"
    assert collection["id"].startswith("urn:uuid:")
    page = collection["first"]
    assert page["type"] == "AnnotationPage" and page["startIndex"] == 0
    assert collection["total"] == len(page["items"])
    # Five annotations outside the claim, and the claim's two passages as one.
    assert len(page["items"]) == len(tagged.annotations()) - 2 + 1
    ids = [item["id"] for item in page["items"]]
    assert len(set(ids)) == len(ids)
    assert to_collection(snapshot(tagged)) == collection, "ids and order are stable"


def test_a_passage_targets_its_source_by_quote_and_code_point_position(tagged: TagStore) -> None:
    items = to_collection(snapshot(tagged))["first"]["items"]
    attribution = next(
        i
        for i in items
        if i["body"][0]["value"] == "attribution"
        and "agency" in i["target"]["selector"][0]["exact"]
    )
    target = attribution["target"]
    assert target["type"] == "SpecificResource"
    assert target["source"]["id"] == source_iri(AGENCY.sha256) == f"urn:sha256:{AGENCY.sha256}"
    # Who published the article, in Dublin Core terms on the source resource.
    assert target["source"]["dcterms:publisher"] == AGENCY_SOURCE.outlet
    assert target["source"]["dcterms:issued"] == AGENCY_SOURCE.published
    assert target["source"]["dcterms:creator"] == AGENCY_SOURCE.author
    assert target["source"]["dcterms:source"] == AGENCY_SOURCE.origin
    assert target["source"]["via"] == AGENCY_SOURCE.url
    quote, position = target["selector"]
    assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
    # Positions count code points: the flag 🇰🇵 before the passage is two, not four.
    assert AGENCY.text[position["start"] : position["end"]] == quote["exact"]
    assert quote["exact"] == "South Korea's spy agency said"
    assert AGENCY.text[: position["start"]].endswith(quote["prefix"])
    assert AGENCY.text[position["end"] :].startswith(quote["suffix"])
    assert attribution["motivation"] == "tagging"
    assert attribution["creator"] == {"type": "Person", "nickname": "ann"}
    assert {
        "type": "TextualBody",
        "purpose": "describing",
        "value": "speaker: NIS",
        "format": "text/plain",
        "nkdesk:speaker": "NIS",
    } in attribution["body"]


def test_the_tag_is_a_tagging_body_and_the_note_a_commenting_one(tagged: TagStore) -> None:
    items = to_collection(snapshot(tagged))["first"]["items"]
    hostile = next(i for i in items if i["target"]["selector"][0]["exact"] == "<script>")
    purposes = {body["purpose"]: body["value"] for body in hostile["body"]}
    assert purposes == {"tagging": "attribution", "commenting": "<b>not bold</b> & <i>"}
    assert all(body["type"] == "TextualBody" for body in hostile["body"])


def test_a_claim_across_sources_is_one_annotation_with_a_target_each(tagged: TagStore) -> None:
    items = to_collection(snapshot(tagged))["first"]["items"]
    (claim,) = [i for i in items if i["motivation"] == "identifying"]
    assert {"purpose": "identifying", "value": "North Korean troops in Russia"}.items() <= (
        claim["body"][0].items()
    )
    assert {b["purpose"] for b in claim["body"]} == {"identifying", "commenting", "tagging"}
    targets = claim["target"]
    wire_sha = tagged.document(WIRE.id).sha256  # edited since: see the fixture
    # A source with no details known stays a bare IRI.
    assert [t["source"]["id"] for t in targets[:1]] + [t["source"] for t in targets[1:]] == [
        source_iri(AGENCY.sha256),
        source_iri(wire_sha),
    ]
    agency, wire = targets
    assert (agency["nkdesk:stance"], agency["nkdesk:value"], agency["nkdesk:speaker"]) == (
        "supports",
        "12,000",
        "NIS",
    )
    assert (wire["nkdesk:stance"], wire["nkdesk:value"]) == ("disputes", "10,000")
    assert agency["nkdesk:note"].startswith("Figure from Seoul 🇰🇷")
    assert "nkdesk" in claim["@context"][1]


def test_an_orphaned_tag_keeps_its_quote_only(tagged: TagStore) -> None:
    items = to_collection(snapshot(tagged))["first"]["items"]
    (orphan,) = [
        i for i in items if isinstance(i["target"], dict) and i["target"].get("nkdesk:orphaned")
    ]
    assert orphan["target"]["selector"] == {
        "type": "TextQuoteSelector",
        "exact": "fake news",
        "prefix": orphan["target"]["selector"]["prefix"],
        "suffix": orphan["target"]["selector"]["suffix"],
    }
