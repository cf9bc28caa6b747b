"""A tag operation redraws what it changed, in this window and the other one on the file.

Each window reads back only the annotations an operation changed (the tag
file's change log, ``TagStore.changes_since``); after any mix of tagging,
removing, undoing and another window's work, what every window shows must be
exactly what reading the whole file shows, and the analyst's place in the
tags panel must survive.
"""

from __future__ import annotations

import re

from nkdesk.store import open_store


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\w{5,}", text)]


def _assert_shows_the_file(window, tag_path) -> None:
    with open_store(tag_path) as store:
        everything = store.annotation_rows()
    assert list(window.tag_rows) == everything
    for pane in window.panes:
        mine = [r for r in everything if r.annotation.document == pane.document.id]
        assert pane.view.tag_rows == mine
        assert sorted(m.annotation for m in pane.view.tag_marks) == sorted(
            r.annotation.id for r in mine if not r.annotation.orphaned
        )
    model = window.tags_panel.tags_model
    assert sorted(r.annotation.id for r in model.rows) == sorted(
        r.annotation.id for r in everything
    )
    assert {r.annotation.id: r for r in model.rows} == {r.annotation.id: r for r in everything}


def test_mixed_operations_in_two_windows_show_the_whole_file(
    make_window, synthetic_corpus, tag_path
) -> None:
    one = make_window(synthetic_corpus, wait=False)
    two = make_window(synthetic_corpus, wait=False)
    a, b = synthetic_corpus.documents
    made = []
    for n, (start, end) in enumerate(_words(a.text)[:6]):
        one.panes[0].view.select(start, end)
        made.append(one.tagger.apply_hotkey(1 + n % 3))
    for start, end in _words(b.text)[:3]:
        two.panes[1].view.select(start, end)
        two.tagger.apply_hotkey(2)
    assert one.tagger.remove_annotation(made[1].id)
    one.actions_by_id["edit.undo"].trigger()  # the removal comes back
    one.actions_by_id["edit.undo"].trigger()  # the last tag of the first window goes
    two.actions_by_id["edit.undo"].trigger()  # and the second window's last tag
    for window in (one, two):
        window.tag_file.poll()
        _assert_shows_the_file(window, tag_path)
    ids = {r.annotation.id for r in one.tag_rows}
    assert made[1].id in ids and made[-1].id not in ids


def test_tagging_keeps_the_place_in_the_tags_panel(make_window, synthetic_corpus) -> None:
    window = make_window(synthetic_corpus, wait=False)
    a = synthetic_corpus.documents[0]
    words = _words(a.text)
    for start, end in words[:5]:
        window.panes[0].view.select(start, end)
        window.tagger.apply_hotkey(1)
    chosen = window.tag_rows[2].annotation.id
    assert window.tags_panel.select(chosen)
    window.panes[0].view.select(*words[6])
    window.tagger.apply_hotkey(2)
    current = window.tags_panel.table.current_annotation()
    assert current is not None and current.id == chosen
    assert window.tags_panel.count_label.text() == "6 tags"


def test_a_new_tag_in_the_vocabulary_redraws_everything(make_window, synthetic_corpus) -> None:
    window = make_window(synthetic_corpus, wait=False)
    a = synthetic_corpus.documents[0]
    window.panes[0].view.select(*_words(a.text)[0])
    window.tagger.apply_hotkey(1)
    window.tag_file.call("test", lambda store: store.add_tag("sanctions", "#AA3377", hotkey=9))
    assert "sanctions" in window.actions_by_id["tags.apply_9"].text()
    window.panes[0].view.select(*_words(a.text)[1])
    made = window.tagger.apply_hotkey(9)
    assert made is not None
    assert window.tag_rows.get(made.id).tag_name == "sanctions"


def test_renaming_a_tag_redraws_the_rows_that_name_it(
    make_window, synthetic_corpus, tag_path
) -> None:
    one = make_window(synthetic_corpus, wait=False)
    two = make_window(synthetic_corpus, wait=False)
    a = synthetic_corpus.documents[0]
    words = _words(a.text)
    for start, end in words[:3]:
        one.panes[0].view.select(start, end)
        one.tagger.apply_hotkey(1)
    one.panes[0].view.select(*words[3])
    one.tagger.apply_hotkey(2)
    two.tag_file.poll()
    tag = one.tag_rows[0].annotation.tag
    one.tag_file.call("test", lambda store: store.update_tag(tag, name="renamed", colour="#112233"))
    two.tag_file.poll()
    for window in (one, two):
        _assert_shows_the_file(window, tag_path)
        renamed = [r for r in window.tag_rows if r.tag_name == "renamed"]
        assert len(renamed) == 3 and all(r.tag_colour == "#112233" for r in renamed)
        assert "renamed" in window.actions_by_id["tags.apply_1"].text()
        assert window.tags_panel.tag_box.findText("renamed (3)") >= 0
