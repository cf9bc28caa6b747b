"""One tag file per case (issue 14, item 8): a folder of other articles gets its own
tag file, and each corpus goes back to the tag file it was tagged into."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkdesk.corpus import load_corpus
from nkdesk.store import default_path, open_store
from nkdesk.store.location import TAG_FILE_NAME
from nkdesk.ui import case_files, recent

from .conftest import TEXT_A, TEXT_B


@pytest.fixture
def cases(tmp_path: Path, seed_corpus) -> tuple[Path, Path]:
    """Two case folders of two articles each, with no article in common."""
    first, second = tmp_path / "kursk", tmp_path / "other-event"
    first.mkdir()
    second.mkdir()
    (first / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (first / "b.txt").write_text(TEXT_B, encoding="utf-8")
    for n, document in enumerate(seed_corpus.documents[:2]):
        (second / f"report{n}.txt").write_text(document.text, encoding="utf-8")
    return first, second


def tag_first_words(window, count: int) -> None:
    store = window.tag_file.store
    tag = store.tags()[0].id
    for pane in window.panes[:count]:
        store.add_annotation(pane.document.id, 0, 5, tag)
    window.tag_file.poll()


def test_a_folder_of_other_articles_gets_its_own_tag_file(make_window, seed_corpus, cases):
    first, second = cases
    window = make_window(seed_corpus, wait=False)
    assert window.files.open_paths([first])
    assert window.tag_file.path == str(first / TAG_FILE_NAME)
    assert str(first / TAG_FILE_NAME) in window.statusBar().currentMessage()
    tag_first_words(window, 2)
    assert window.files.open_paths([second])
    # The second case shows none of the first case's tags (they showed as "0 of 3").
    assert window.tag_file.path == str(second / TAG_FILE_NAME)
    assert "a new tag file" in window.statusBar().currentMessage()
    assert window.tag_rows == [] and window.tags_panel.isEnabled()
    with open_store(first / TAG_FILE_NAME) as store:
        assert len(store.annotations()) == 2, "no tag is lost by switching"
        assert sorted(d.id for d in store.documents()) == ["a", "b"]


def test_reopening_a_case_goes_back_to_its_tag_file_also_in_a_new_window(
    make_window, seed_corpus, cases, qtbot
) -> None:
    from nkdesk.ui.main_window import MainWindow

    first, second = cases
    window = make_window(seed_corpus, wait=False)
    chosen = first.parent / "kursk-by-hand.sqlite"
    assert window.files.open_paths([first])
    assert window.tag_file_commands.open_tag_file(chosen)  # File > Open Tag File for this corpus
    tag_first_words(window, 1)
    assert window.files.open_paths([second])
    assert window.files.open_paths([first])
    assert window.tag_file.path == str(chosen)
    assert "used with these articles before" in window.statusBar().currentMessage()
    assert len(window.tag_rows) == 1
    window.save_settings()
    again = MainWindow(seed_corpus)
    qtbot.addWidget(again)
    again.report_error = window.report_error
    assert again.files.open_paths([first]) and again.tag_file.path == str(chosen)


def test_a_tag_file_with_tags_on_these_articles_is_kept(make_window, synthetic_corpus, cases):
    # Tags made before this rule (in the default or a chosen file) stay in view.
    first, _ = cases
    window = make_window(synthetic_corpus)  # the same articles "a" and "b" as kursk/
    before = window.tag_file.path
    store = window.tag_file.store
    for document in load_corpus([first / "a.txt", first / "b.txt"]).documents:
        store.add_document(document)
    tag_first_words(window, 1)
    assert window.files.open_paths([first])
    assert window.tag_file.path == before
    assert not (first / TAG_FILE_NAME).exists()
    assert "holds tags on these articles" in window.statusBar().currentMessage()


def test_the_seeds_tag_into_the_default_file(make_window, seed_corpus) -> None:
    window = make_window(seed_corpus, wait=False, tags=None)
    assert window.files.open_case_tag_file()
    assert window.tag_file.path == str(default_path())


def test_a_folder_that_cannot_be_written_gets_a_file_in_the_data_folder(
    tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "shared case"
    folder.mkdir()
    entry = recent.entry([folder])
    assert case_files.new_file(entry, tmp_path / "data") == folder / TAG_FILE_NAME
    monkeypatch.setattr(case_files, "writable", lambda _: False)
    path = case_files.new_file(entry, tmp_path / "data")
    assert path.parent == tmp_path / "data" / case_files.CASES_FOLDER
    assert path.name.startswith("shared-case-") and path.suffix == ".sqlite"
    # Files picked from a folder: named after it, one file per set of files.
    files = recent.entry([folder / "a.txt", folder / "b.txt"])
    other = recent.entry([folder / "a.txt", folder / "c.txt"])
    assert case_files.new_file(files, tmp_path) != case_files.new_file(other, tmp_path)


def test_the_remembered_files_survive_settings_and_ignore_junk() -> None:
    entry = recent.entry(["/news/kursk"])
    files = case_files.remember({}, entry, "/news/kursk/tags.sqlite")
    assert case_files.loads(case_files.dumps(files)) == files
    assert case_files.loads("not json") == {} and case_files.loads("[1, 2]") == {}
    many: dict[str, str] = {}
    for n in range(case_files.MAX_REMEMBERED + 5):
        many = case_files.remember(many, recent.entry([f"/news/{n}"]), f"/t/{n}.sqlite")
    assert len(many) == case_files.MAX_REMEMBERED
    assert case_files.key(recent.entry(["/news/4"])) not in many


def test_a_read_only_case_folder_tags_into_the_data_folder(
    make_window, seed_corpus, cases, monkeypatch
) -> None:
    first, _ = cases
    window = make_window(seed_corpus, wait=False)
    monkeypatch.setattr(case_files, "writable", lambda _: False)
    assert window.files.open_paths([first])
    path = Path(window.tag_file.path)
    assert path.parent == default_path().parent / case_files.CASES_FOLDER
    assert path.name.startswith("kursk-") and not (first / TAG_FILE_NAME).exists()
    assert window.report_error.calls == []
