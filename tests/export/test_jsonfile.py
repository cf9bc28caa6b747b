"""JSON (nkdesk.tags/1): the whole tag file, and back (nkdesk.export.jsonfile)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkdesk.corpus import Document
from nkdesk.export import export, import_file, read
from nkdesk.export.jsonfile import SCHEMA
from nkdesk.store import STANCES, EditError, TagStore, open_store

from .helpers import content, format_checker

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "nkdesk" / "export" / "tags.schema.json"


def test_the_export_has_everything_and_its_schema(tagged: TagStore, tmp_path: Path) -> None:
    target = tmp_path / "tags.json"
    export(tagged, "json", target)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["schema"] == SCHEMA == "nkdesk.tags/1"
    assert {d["id"]: d["sha256"] for d in document["documents"]} == {
        d.id: d.sha256 for d in tagged.documents()
    }
    assert [d["text"] for d in document["documents"]] == [d.text for d in tagged.documents()]
    assert [t["name"] for t in document["tags"]] == [t.name for t in tagged.tags()]
    assert {t["colour"] for t in document["tags"]} == {t.colour for t in tagged.tags()}
    assert len(document["claims"]) == 1 and document["claims"][0]["note"] == "agencies disagree"
    assert len(document["annotations"]) == len(tagged.annotations())
    assert sum(a["orphaned"] for a in document["annotations"]) == 1


def test_the_export_is_valid_against_its_published_schema(tagged: TagStore, tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator

    target = tmp_path / "tags.json"
    export(tagged, "json", target)
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=format_checker())
    errors = list(validator.iter_errors(json.loads(target.read_text(encoding="utf-8"))))
    assert not errors, errors[0].message


def test_importing_into_a_new_tag_file_makes_the_same_tag_file(
    tagged: TagStore, tmp_path: Path
) -> None:
    # A vocabulary the analyst changed: a default deleted, one recoloured, one added.
    tagged.delete_tag(tagged.tags()[-1].id)
    tagged.update_tag(tagged.tags()[0].id, colour="#123456", hotkey=9, description="edited")
    tagged.add_tag("rumour", "#ABCDEF", hotkey=1, description="unconfirmed")
    target = tmp_path / "tags.json"
    export(tagged, "json", target)
    with TagStore.memory(author="bob") as fresh:
        report = import_file(fresh, target)
        assert report.vocabulary_replaced
        assert content(fresh) == content(tagged)
        # Exported again, it is the same export.
        again = tmp_path / "again.json"
        export(fresh, "json", again)
    first, second = (json.loads(p.read_text(encoding="utf-8")) for p in (target, again))
    for document in (first, second):
        document["tags"].sort(key=lambda t: t["name"])
    assert first == second


def test_importing_the_same_export_twice_adds_nothing(tagged: TagStore, tmp_path: Path) -> None:
    target = tmp_path / "tags.json"
    export(tagged, "json", target)
    with TagStore.memory() as fresh:
        import_file(fresh, target)
        once = content(fresh)
        report = import_file(fresh, target)
        assert content(fresh) == once
    assert report.annotations_added == 0
    assert report.annotations_present == len(tagged.annotations())
    assert report.notes_merged == 0 and not report.vocabulary_replaced


def test_an_import_is_one_undo_step(tagged: TagStore, tmp_path: Path) -> None:
    target = tmp_path / "tags.json"
    export(tagged, "json", target)
    with TagStore.memory() as fresh:
        fresh.add_document(Document.from_text("mine", "My own article about 5,000 troops."))
        fresh.add_annotation("mine", 0, 6, 1, note="mine")
        before = content(fresh)
        import_file(fresh, target)
        assert fresh.undo_label() == "Import 'tags.json'"
        assert fresh.undo() == "Import 'tags.json'"
        # Undo takes back every tag, claim and annotation, and the articles it added.
        assert content(fresh) == before
        assert fresh.redo() == "Import 'tags.json'"
        assert len(fresh.annotations()) == 1 + len(tagged.annotations())
        assert len(fresh.documents()) == 1 + len(tagged.documents())


def test_undoing_an_import_keeps_an_article_another_window_tagged_since(
    tagged: TagStore, tmp_path: Path
) -> None:
    target = tmp_path / "tags.json"
    export(tagged, "json", target)
    db = tmp_path / "mine.sqlite"
    with open_store(db) as importer, open_store(db) as other:
        import_file(importer, target)
        kept = tagged.documents()[0]
        other.add_annotation(kept.id, 0, 5, 1)
        assert importer.undo() == f"Import '{target.name}'"
        assert [d.id for d in importer.documents()] == [kept.id]
        assert [a.document for a in importer.annotations()] == [kept.id]


def test_redoing_an_import_whose_article_name_now_holds_another_text_is_refused(
    tagged: TagStore, tmp_path: Path
) -> None:
    target = tmp_path / "tags.json"
    export(tagged, "json", target)
    db = tmp_path / "mine.sqlite"
    with open_store(db) as importer, open_store(db) as other:
        import_file(importer, target)
        importer.undo()
        taken = tagged.documents()[0]
        other.add_document(Document.from_text(taken.id, "Another article altogether."))
        with pytest.raises(EditError, match="now holds another text"):
            importer.redo()
        assert importer.redo_label() == f"Import '{target.name}'"
        assert importer.annotations() == []


def test_read_is_thread_free_and_checks_everything(tagged: TagStore, tmp_path: Path) -> None:
    import threading

    target = tmp_path / "tags.json"
    export(tagged, "json", target)
    results = []
    worker = threading.Thread(target=lambda: results.append(read(target)))
    worker.start()
    worker.join()
    (data,) = results
    assert len(data.annotations) == len(tagged.annotations())
    assert data.origin == str(target)


ARTICLE = Document.from_text(
    "article",
    "Kyiv 🇺🇦 said 12,000 troops 𝐰𝐞𝐫𝐞 training near the border; Moscow denied it.\n"
    "Seoul put the figure at 10,000 on Friday, citing its spy agency.\n",
)
LENGTH = len(ARTICLE.text)

passages = st.lists(
    st.tuples(
        st.integers(0, LENGTH - 1),
        st.integers(1, 40),
        st.integers(1, 9),
        st.text(max_size=30),
        st.text(max_size=12),
        st.sampled_from((None, *STANCES)),
    ),
    max_size=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(passages=passages, claim_note=st.text(max_size=20))
def test_any_tag_file_round_trips(passages, claim_note: str, tmp_path: Path) -> None:
    with TagStore.memory(author="prop") as original:
        original.add_document(ARTICLE)
        claim = original.add_claim("the claim", note=claim_note)
        for number, (start, length, tag, note, value, stance) in enumerate(passages):
            end = min(start + length, LENGTH)
            annotation = original.add_annotation(
                ARTICLE.id, start, end, tag, note=note, value=value, speaker=note[:5]
            )
            if number % 2:
                original.link_annotation(annotation.id, claim.id, stance)
        target = tmp_path / "prop.json"
        export(original, "json", target)
        with TagStore.memory() as copy:
            import_file(copy, target)
            assert content(copy) == content(original)
