"""Render the real window on the bundled seeds, after analysis, to a PNG.

    python -m nkdesk.ui.screenshot OUT.png [--size 1600x1000]

Runs offscreen (no display needed) and with throw-away settings, so the
picture never depends on, or changes, the analyst's saved window layout.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

DEFAULT_SIZE = "1600x1000"
TIMEOUT_MS = 60_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nkdesk.ui.screenshot",
        description="Save a screenshot of the window on the seed articles.",
        epilog="example:\n  python -m nkdesk.ui.screenshot resources/screenshot.png",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("out", help="the PNG file to write")
    parser.add_argument("--size", default=DEFAULT_SIZE, help="WIDTHxHEIGHT (default %(default)s)")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from nkdesk.bundle import seeds_dir
    from nkdesk.corpus import load_corpus
    from nkdesk.ui.app import make_application
    from nkdesk.ui.main_window import MainWindow

    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(os.path.join(folder, "nkdesk.ini"), QSettings.Format.IniFormat)
        window = MainWindow(load_corpus([seeds_dir()]), settings=settings)
        window.resize(width, height)
        window.show()
        loop = QEventLoop()
        window.analysed.connect(loop.quit)
        window.analysis_failed.connect(loop.quit)
        QTimer.singleShot(TIMEOUT_MS, loop.quit)
        if window.analysis is None:
            loop.exec()
        if window.analysis is None:
            print("nkdesk: the analysis did not finish", file=sys.stderr)
            return 1
        # Show what a conflict looks like: the first one, flashed in both panes.
        window.focus_pane(0)
        window.on_go_next_conflict_triggered()
        app.processEvents()
        ok = window.grab().save(args.out)
        window.close()
    if not ok:
        print(f"nkdesk: cannot write {args.out}", file=sys.stderr)
        return 1
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
