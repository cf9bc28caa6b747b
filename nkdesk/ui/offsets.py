"""Code points (nkdesk's offsets) to UTF-16 units (Qt's cursor positions) and back.

This is the one place in nkdesk that converts between the two. Every offset the
engine produces indexes ``Document.text`` by code point; a ``QTextCursor``
position counts UTF-16 units, so every character outside the Basic
Multilingual Plane (most emoji, some CJK, mathematical letters) shifts Qt's
positions one further than ours. ``QTextDocument`` keeps one position per
UTF-16 unit of the plain text it was given (a ``\\n`` becomes a paragraph
separator, still one unit), so the mapping depends on the text alone.
"""

from __future__ import annotations

import bisect

# Code points above this need a surrogate pair in UTF-16.
_BMP_LAST = 0xFFFF


class Utf16Offsets:
    """Converts offsets for one text in O(log k), k being its non-BMP characters.

    Texts with none (most news prose) convert in O(1).
    """

    __slots__ = ("_astral_cp", "_astral_u16", "code_points", "utf16_units")

    def __init__(self, text: str) -> None:
        self._astral_cp: list[int] = (
            [] if _all_bmp(text) else [i for i, ch in enumerate(text) if ord(ch) > _BMP_LAST]
        )
        # Where each of those characters starts in UTF-16: every earlier one
        # added one extra unit.
        self._astral_u16: list[int] = [cp + n for n, cp in enumerate(self._astral_cp)]
        self.code_points = len(text)
        self.utf16_units = len(text) + len(self._astral_cp)

    def to_utf16(self, code_point: int) -> int:
        """The Qt position of a code-point offset (0 <= offset <= len(text))."""
        if not self._astral_cp:
            return code_point
        return code_point + bisect.bisect_left(self._astral_cp, code_point)

    def to_code_point(self, utf16: int) -> int:
        """The code-point offset of a Qt position.

        A position between the two halves of a surrogate pair (Qt never puts
        its caret there, but a raw number may) maps to the character's start.
        """
        if not self._astral_u16:
            return utf16
        return utf16 - bisect.bisect_left(self._astral_u16, utf16)

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        return self.to_utf16(start), self.to_utf16(end)


def _all_bmp(text: str) -> bool:
    """Whether no character of ``text`` needs a surrogate pair, checked in C.

    An astral character is two UTF-16 units, every other one is one, so the
    encoded length tells without a Python loop over a 200 KB article.
    """
    return text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text)
