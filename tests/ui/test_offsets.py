"""ui.offsets: code points <-> UTF-16, checked against Python and QTextDocument."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from nkdesk.ui.offsets import Utf16Offsets

PARAGRAPH_SEPARATOR = "\u2029"

# Prose with the characters that break naive offsets: emoji (some with
# modifiers and variation selectors), flags, mathematical letters, CJK
# extension B; newlines, which QTextDocument turns into block separators.
_SPECIALS = ["😀", "👍🏽", "🇰🇷", "🛰️", "𝒩", "𠀀", "\n", "\t", "é", "—"]
texts = st.lists(
    st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from(_SPECIALS), max_size=40
).map("".join)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_bmp_text_maps_to_itself() -> None:
    offsets = Utf16Offsets("plain news prose, 11,000 troops")
    assert [offsets.to_utf16(i) for i in range(5)] == list(range(5))
    assert offsets.to_code_point(4) == 4


def test_emoji_before_a_passage_shifts_qt_positions() -> None:
    text = "😀 a 🇰🇷 b"
    offsets = Utf16Offsets(text)
    b = text.index("b")
    assert offsets.to_utf16(b) == b + 3  # one for 😀, two for the flag's two letters
    assert offsets.to_code_point(offsets.to_utf16(b)) == b
    assert offsets.utf16_units == utf16_len(text)


def test_position_inside_a_surrogate_pair_maps_to_the_character() -> None:
    offsets = Utf16Offsets("x😀y")
    assert offsets.to_code_point(2) == 1  # between the halves of 😀
    assert offsets.to_code_point(3) == 2


@given(texts)
def test_round_trip_and_agreement_with_utf16(text: str) -> None:
    offsets = Utf16Offsets(text)
    for i in range(len(text) + 1):
        u = offsets.to_utf16(i)
        assert u == utf16_len(text[:i])
        assert offsets.to_code_point(u) == i


@settings(max_examples=200)
@given(texts, st.data())
def test_qt_cursor_selects_the_same_characters(qapp, text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    offsets = Utf16Offsets(text)
    document = QTextDocument()
    document.setPlainText(text)
    cursor = QTextCursor(document)
    cursor.setPosition(offsets.to_utf16(start))
    cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == text[start:end].replace("\n", PARAGRAPH_SEPARATOR)
