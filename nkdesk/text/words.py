"""Where the caret's word steps stop (Ctrl+Left / Ctrl+Right): numbers are one word.

Qt's own word steps stop at every comma and dot, so "about 11,000" took four
Ctrl+Shift+Right presses and saved quotes such as "11,000 to 12," (issue 14).
Here a number in digits, grouped as the engine reads it (``numbers``: "11,000",
"11, 000", "1.5") and a range of them ("3,000-4,000"), is one token, as are
words with inner apostrophes or hyphens; a run of other non-space characters
(punctuation, an emoji and its variation selector) is one token too. As in
Qt, a step right lands on the start of the next token, a step left on the
start of the current or previous one.
"""

from __future__ import annotations

import re

from nkdesk.text.numbers import DIGITS_PATTERN

_NUMBER = rf"(?<![\w.]){DIGITS_PATTERN}(?:[-–]{DIGITS_PATTERN})?%?"
TOKEN = re.compile(rf"{_NUMBER}|\w+(?:['’\-]\w+)*|[^\w\s]+")
# How far before a position the tokens are read again; no token is longer.
REACH_CHARS = 200


def next_word(text: str, position: int) -> int:
    """Where Ctrl+Right goes from ``position``: the start of the next token, else the end."""
    for match in TOKEN.finditer(text, max(0, position - REACH_CHARS)):
        if match.start() > position:
            return match.start()
    return len(text)


def previous_word(text: str, position: int) -> int:
    """Where Ctrl+Left goes from ``position``: the start of the token before it, else 0."""
    found = 0
    for match in TOKEN.finditer(text, max(0, position - REACH_CHARS)):
        if match.start() >= position:
            break
        found = match.start()
    return found
