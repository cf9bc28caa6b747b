"""Re-anchoring tags on edited articles (nkdesk.store.anchoring), and the store's use of it."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nkdesk.corpus import Document
from nkdesk.store import TagStore
from nkdesk.store.anchoring import (
    DISTINCTIVE_QUOTE_CHARS,
    Anchor,
    Placement,
    locate,
    reanchor,
    same_words,
)

from .articles import ARTICLE, span_of

TEXT = (
    "Officials said 12,000 troops crossed the border on Monday. "
    "Later, witnesses reported that 12,000 troops were seen near the river. "
    "The ministry denied it."
)


def anchor_on(text: str, quote: str, occurrence: int = 0) -> Anchor:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return Anchor.at(text, start, start + len(quote))


def place(anchor: Anchor, old: str, new: str) -> Placement:
    [placement] = reanchor([anchor], old, new)
    return placement


def placed_text(placement: Placement, new: str) -> str | None:
    if placement.orphaned:
        return None
    return new[placement.anchor.start : placement.anchor.end]


def test_an_unchanged_text_keeps_every_anchor() -> None:
    anchor = anchor_on(TEXT, "12,000 troops", 1)
    assert place(anchor, TEXT, TEXT) == Placement(anchor, orphaned=False)


def test_text_added_before_a_tag_moves_it_with_its_words() -> None:
    anchor = anchor_on(TEXT, "12,000 troops", 1)
    new = "UPDATE: " + TEXT
    placement = place(anchor, TEXT, new)
    assert placement.anchor.start == anchor.start + len("UPDATE: ")
    assert placed_text(placement, new) == "12,000 troops"
    assert placement.anchor.prefix == new[placement.anchor.start - 32 : placement.anchor.start]


def test_a_changed_figure_is_orphaned_not_moved_to_the_same_figure_elsewhere() -> None:
    anchor = anchor_on(TEXT, "12,000 troops", 0)
    new = TEXT.replace("12,000 troops crossed", "11,000 troops crossed")
    placement = place(anchor, TEXT, new)
    assert placement.orphaned
    # The orphan keeps its quote and marks where it was.
    assert placement.anchor.quote == "12,000 troops"
    assert placement.anchor.start == placement.anchor.end == TEXT.index("12,000")


def test_of_two_occurrences_the_one_with_its_context_wins() -> None:
    anchor = anchor_on(TEXT, "12,000 troops", 1)
    # Swapping the sentences defeats the diff; the context still tells them apart.
    first, second, third = TEXT.split(". ")
    new = f"{second}. {first}. {third}"
    placement = place(anchor, TEXT, new)
    assert placement.anchor.start == new.index("12,000 troops were") or False
    assert placed_text(placement, new) == "12,000 troops"


def test_rewrapped_text_is_the_same_words() -> None:
    anchor = anchor_on(TEXT, "crossed the border on Monday")
    new = TEXT.replace("crossed the border on", "crossed the\nborder  on")
    placement = place(anchor, TEXT, new)
    assert placed_text(placement, new) == "crossed the\nborder  on Monday"
    assert placement.anchor.quote == "crossed the\nborder  on Monday"


def test_curly_quotes_and_dashes_are_the_same_words() -> None:
    old = 'The minister said: "it\'s over" - for now.'
    new = "The minister said: “it’s over” – for now."
    placement = place(anchor_on(old, '"it\'s over" - for now'), old, new)
    assert placed_text(placement, new) == "“it’s over” – for now"


def test_a_whole_word_tag_never_lands_inside_a_word() -> None:
    old = "About 500 troops and 200 tanks moved."
    new = "About 500 stroopships and 200 tanks moved."
    assert place(anchor_on(old, "troops"), old, new).orphaned


def test_a_long_quote_is_found_even_if_everything_around_it_changed() -> None:
    quote = "the agency estimated that 12,000 soldiers were deployed"
    assert len(quote) >= DISTINCTIVE_QUOTE_CHARS
    old = f"In a briefing on Monday, {quote} across the region, it said."
    new = f"Completely rewritten opening words here; {quote}; and a new ending too."
    assert placed_text(place(anchor_on(old, quote), old, new), new) == quote


def test_a_short_quote_in_a_new_context_is_orphaned() -> None:
    old = "Officials said 12,000 troops crossed the border on Monday."
    new = "An unrelated report mentions 12,000 in a wholly different sentence."
    assert place(anchor_on(old, "12,000"), old, new).orphaned


def test_an_orphan_comes_back_when_its_text_does() -> None:
    anchor = anchor_on(TEXT, "12,000 troops", 0)
    edited = TEXT.replace("12,000 troops crossed", "11,000 troops crossed")
    orphan = place(anchor, TEXT, edited)
    assert orphan.orphaned
    restored = place(orphan.anchor, edited, TEXT)
    assert not restored.orphaned
    assert restored.anchor.start == anchor.start


def test_locate_without_the_old_text() -> None:
    anchor = anchor_on(TEXT, "12,000 troops", 1)
    new = "Breaking. " + TEXT
    found = locate(anchor, new)
    assert found is not None and found.start == anchor.start + len("Breaking. ")
    assert locate(anchor, "nothing like it") is None


def test_same_words() -> None:
    assert same_words("12,000\n troops", "12,000 troops")
    assert same_words("it’s", "it's")
    assert not same_words("12,000 troops", "11,000 troops")
    assert not same_words("Troops", "troops")


# Hypothesis: random edits around a quote.

WORDS = ["the", "troops", "12,000", "border", "said", "Kyiv", "Moscow", "a", "on", "Friday"]
word_text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=30).map(" ".join)
inserted = st.text(alphabet="abc 12,.\n’'-–xyz", max_size=12)


@st.composite
def edited_article(draw: st.DrawFn) -> tuple[str, Anchor, str]:
    """An article, an anchor on a passage of whole words in it, and an edited copy."""
    before = draw(word_text)
    quote = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join))
    after = draw(word_text)
    text = f"{before} {quote} {after}"
    start = len(before) + 1
    anchor = Anchor.at(text, start, start + len(quote))
    new = text
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(new)))
        cut = draw(st.integers(0, 6))
        new = new[:at] + draw(inserted) + new[at + cut :]
    return text, anchor, new


def cuts_like(anchor: Anchor, text: str, start: int, end: int) -> bool:
    def inside(left: str, right: str) -> bool:
        return bool(left and right) and (left.isalnum() or left == "_") and right.isalnum()

    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return inside(anchor.prefix[-1:], anchor.quote[:1]) == inside(before, text[start]) and inside(
        anchor.quote[-1:], anchor.suffix[:1]
    ) == inside(text[end - 1], after)


@settings(max_examples=400, deadline=None)
@given(edited_article())
def test_a_tag_lands_on_its_own_words_or_is_orphaned(case: tuple[str, Anchor, str]) -> None:
    old, anchor, new = case
    placement = place(anchor, old, new)
    if placement.orphaned:
        assert placement.anchor.quote == anchor.quote
        assert placement.anchor.start == placement.anchor.end <= len(new)
    else:
        start, end = placement.anchor.start, placement.anchor.end
        assert same_words(new[start:end], anchor.quote)
        assert placement.anchor.quote == new[start:end]
        assert cuts_like(anchor, new, start, end)


@settings(max_examples=300, deadline=None)
@given(word_text, word_text, word_text, st.data())
def test_edits_away_from_a_tag_never_lose_it(
    head: str, quote_words: str, tail: str, data: st.DataObject
) -> None:
    assume(quote_words.strip())
    margin = "x" * 32  # the remembered context, which these edits leave alone
    old = f"{head} {margin} {quote_words} {margin} {tail}"
    start = old.index(quote_words, len(head) + 33)
    anchor = Anchor.at(old, start, start + len(quote_words))
    new_head = data.draw(word_text)
    new_tail = data.draw(word_text)
    new = f"{new_head} {margin} {quote_words} {margin} {new_tail}"
    placement = place(anchor, old, new)
    assert not placement.orphaned
    assert new[placement.anchor.start : placement.anchor.end] == quote_words


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .", min_size=1, max_size=60), st.data())
def test_locate_finds_only_the_quote(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    anchor = Anchor.at(text, start, end)
    other = data.draw(st.text(alphabet="ab .\n", max_size=60))
    found = locate(anchor, other)
    if found is not None:
        assert same_words(other[found.start : found.end], anchor.quote)


# The store keeps tags on their words when an article changes.


def test_the_store_reanchors_when_an_article_is_edited(store: TagStore) -> None:
    store.add_document(ARTICLE)
    kept = store.add_annotation("reuters", *span_of(ARTICLE, "North Korea"), 4)
    moved = store.add_annotation("reuters", *span_of(ARTICLE, "1,500 special forces"), 1)
    lost = store.add_annotation("reuters", *span_of(ARTICLE, "12,000 troops", 1), 1)
    edited_text = ARTICLE.text.replace("The agency said", "The agency, citing sources, said")
    edited_text = edited_text.replace("12,000 troops were", "15,000 troops were")
    edited = Document.from_text("reuters", edited_text, path=ARTICLE.path)

    report = store.add_document(edited)

    assert report is not None
    assert (report.kept, report.moved, report.orphaned) == (1, 1, 1)
    assert store.document("reuters").text == edited_text
    for annotation in store.annotations("reuters"):
        if annotation.orphaned:
            assert annotation.id == lost.id and annotation.quote == "12,000 troops"
        else:
            assert edited_text[annotation.start : annotation.end] == annotation.quote
    assert store.annotation(kept.id).start == kept.start
    assert store.annotation(moved.id).quote == "1,500 special forces"
    assert store.annotations_at("reuters", store.annotation(lost.id).start) == []


def test_undo_after_an_edit_restores_tags_onto_the_new_text(store: TagStore) -> None:
    store.add_document(ARTICLE)
    annotation = store.add_annotation("reuters", *span_of(ARTICLE, "1,500 special forces"), 1)
    store.delete_annotation(annotation.id)
    edited = Document.from_text("reuters", "Breaking news.\n" + ARTICLE.text)
    store.add_document(edited)
    store.undo()  # brings back the row with offsets into the old text
    restored = store.annotation(annotation.id)
    assert not restored.orphaned
    assert edited.text[restored.start : restored.end] == "1,500 special forces"


def test_undo_onto_a_tag_an_edit_orphaned_keeps_it_an_orphan_or_finds_its_words(
    store: TagStore,
) -> None:
    # Found by the property below: a tag moved onto "t" of "North", the edit
    # that deletes "Nor" orphans it, and undoing the move restores the offsets
    # of "N" onto the new text, where the orphan must not point at "t".
    store.add_document(ARTICLE)
    annotation = store.add_annotation("reuters", 0, 1, 1)
    store.update_annotation(annotation.id, start=3, end=4)
    store.add_document(Document.from_text("reuters", ARTICLE.text[3:]))
    store.undo()
    assert_on_their_words(store)


def assert_on_their_words(store: TagStore) -> None:
    text = store.document("reuters").text
    for annotation in store.annotations():
        if annotation.orphaned:
            assert annotation.start == annotation.end <= len(text)
        else:
            assert text[annotation.start : annotation.end] == annotation.quote


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_tags_stay_on_their_words_through_edits_undo_and_redo(data: st.DataObject) -> None:
    with TagStore.memory() as store:
        store.add_document(ARTICLE)
        for _ in range(data.draw(st.integers(1, 15))):
            text = store.document("reuters").text
            action = data.draw(st.sampled_from(["tag", "tag", "edit", "undo", "redo", "reach"]))
            if action == "tag" and len(text) > 1:
                start = data.draw(st.integers(0, len(text) - 2))
                end = data.draw(st.integers(start + 1, min(len(text), start + 30)))
                store.add_annotation("reuters", start, end, 1)
            elif action == "edit":
                at = data.draw(st.integers(0, len(text)))
                cut = data.draw(st.integers(0, 20))
                new = text[:at] + data.draw(inserted) + text[at + cut :]
                store.add_document(Document.from_text("reuters", new))
            elif action == "undo":
                store.undo()
            elif action == "redo":
                store.redo()
            elif action == "reach" and store.annotations() and len(text) > 1:
                annotation = data.draw(st.sampled_from(store.annotations()))
                start = data.draw(st.integers(0, len(text) - 1))
                store.update_annotation(annotation.id, start=start, end=start + 1)
            assert_on_their_words(store)
