"""The caret's word steps: a number the engine reads as one value is one word."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkdesk.text.words import next_word, previous_word


def stops(text: str) -> list[str]:
    """The text between successive Ctrl+Right stops from the start, spaces trimmed."""
    found, position = [], 0
    while position < len(text):
        following = next_word(text, position)
        found.append(text[position:following].strip())
        position = following
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 11,000 troops", ["about", "11,000", "troops"]),
        ("about 11, 000 troops", ["about", "11, 000", "troops"]),
        ("rose 1.5 percent", ["rose", "1.5", "percent"]),
        (
            "between 3,000-4,000 killed, 2,000 hurt",
            ["between", "3,000-4,000", "killed", ",", "2,000", "hurt"],
        ),
        ("numbers 1, 2 and 3.", ["numbers", "1", ",", "2", "and", "3", "."]),
        ("it's the F-16", ["it's", "the", "F-16"]),
    ],
)
def test_ctrl_right_stops_after_whole_numbers(text: str, expected: list[str]) -> None:
    assert stops(text) == expected


def test_ctrl_left_goes_back_over_a_whole_number() -> None:
    text = "about 11,000 troops"
    assert previous_word(text, len(text)) == text.index("troops")
    assert previous_word(text, text.index("troops")) == text.index("11,000")
    assert previous_word(text, text.index("000")) == text.index("11,000")
    assert previous_word(text, text.index("11,000")) == 0
    assert previous_word(text, 0) == 0


@given(st.text(alphabet="ab 1,.-'\n", max_size=40), st.data())
def test_steps_always_move_and_stay_in_the_text(text: str, data) -> None:
    position = data.draw(st.integers(0, len(text)))
    forward = next_word(text, position)
    backward = previous_word(text, position)
    assert position < forward <= len(text) or forward == position == len(text)
    assert 0 <= backward < position or backward == position == 0
