"""Where the tag file lives by default: the user's application-data folder, found without Qt."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP_FOLDER = "nkdesk"
TAG_FILE_NAME = "nkdesk-tags.sqlite"


def default_path(
    *,
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    home: Path | None = None,
) -> Path:
    """The default tag file: ``nkdesk-tags.sqlite`` in the platform's data folder.

    Linux and other Unixes: ``$XDG_DATA_HOME/nkdesk`` or ``~/.local/share/nkdesk``;
    Windows: ``%APPDATA%\\nkdesk``; macOS: ``~/Library/Application Support/nkdesk``.
    The folder is not created here; ``open_store()`` does that when it opens the file.
    """
    home = home if home is not None else Path.home()
    if platform == "win32":
        appdata = environ.get("APPDATA")
        base = Path(appdata) if appdata else home / "AppData" / "Roaming"
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        # The XDG spec says a relative XDG_DATA_HOME is invalid and to be ignored.
        xdg = environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".local" / "share"
    return base / APP_FOLDER / TAG_FILE_NAME
