"""How many articles the window shows side by side; free of Qt, so that the
command line can refuse a corpus before it loads Qt or needs a display.

Beyond twelve panes each is too narrow to read a line of (a 1920-pixel screen
gives 160 pixels to each), and the source colours (``palette.json``) begin to
repeat. ``nkdesk compare`` has no panes and takes any number.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

MIN_ARTICLES = 2
MAX_ARTICLES = 12


def too_many(paths: Sequence[str | os.PathLike[str]], count: int) -> str | None:
    """Why the window cannot show ``count`` articles read from ``paths``; None if it can."""
    if count <= MAX_ARTICLES:
        return None
    where = str(paths[0]) if len(paths) == 1 else f"the {len(paths)} files and folders given"
    holds = "holds" if len(paths) == 1 else "hold"
    return (
        f"nkdesk shows {MIN_ARTICLES} to {MAX_ARTICLES} articles side by side; "
        f"{where} {holds} {count}. Choose at most {MAX_ARTICLES} of them "
        "(`nkdesk compare` reports on any number)."
    )
