"""Whether the window can be shown at all; free of Qt, so that the command line asks first.

Without a display Qt's xcb plugin aborts the process (SIGABRT, exit 134) with
advice about libxcb-cursor0 that has nothing to do with the problem. The
command line asks this before it loads Qt and exits 2 with a message instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

# Qt platform plugins that need no display server.
HEADLESS_PLATFORMS = frozenset(
    {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}
)
NO_DISPLAY = "no display: set DISPLAY, or run `nkdesk compare` for a report"


def display_problem(
    environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> str | None:
    """Why the window cannot open here, or None if it can (as far as can be told without Qt)."""
    if platform in ("win32", "darwin"):
        return None  # the desktop is always there
    # QT_QPA_PLATFORM may list several, "wayland;xcb", each with options after ":".
    chosen = {p.split(":")[0].strip() for p in environ.get("QT_QPA_PLATFORM", "").split(";")}
    if chosen & HEADLESS_PLATFORMS:
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY
