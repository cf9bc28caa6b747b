"""Render the real window on the bundled seeds, after analysis, to a PNG.

    python -m nkdesk.ui.screenshot OUT.png [--size 1600x1000] [--part window|matrix|timeline]

Runs offscreen (no display needed) with throw-away settings and a throw-away
tag file, so the picture never depends on, or changes, the analyst's saved
window layout or tags. A few passages are tagged (one automatic claim
accepted across the sources, a value and a source in the first article) and
the Tags dock is in front, to show what tagging looks like.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nkdesk.ui.main_window import MainWindow

DEFAULT_SIZE = "1600x1000"
TIMEOUT_MS = 60_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nkdesk.ui.screenshot",
        description="Save a screenshot of the window on the seed articles.",
        epilog="examples:\n  python -m nkdesk.ui.screenshot resources/screenshot.png\n"
        "  python -m nkdesk.ui.screenshot --part matrix --size 1600x1400 "
        "resources/claim-matrix.png\n"
        "  python -m nkdesk.ui.screenshot --part timeline resources/timeline.png",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("out", help="the PNG file to write")
    parser.add_argument("--size", default=DEFAULT_SIZE, help="WIDTHxHEIGHT (default %(default)s)")
    parser.add_argument(
        "--part",
        choices=("window", "matrix", "timeline"),
        default="window",
        help="the whole window (default), only the claim matrix dock, in front, or the "
        "whole window with the Timeline dock in front",
    )
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer

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
        _tag_a_few(window, os.path.join(folder, "tags.sqlite"))
        # Show what a conflict looks like: the first one, flashed in both panes.
        window.focus_pane(0)
        window.navigator.on_go_next_conflict_triggered()
        app.processEvents()
        if args.part == "matrix":
            window.matrix_dock.raise_()
            window.resizeDocks([window.matrix_dock], [height * 2 // 3], Qt.Orientation.Vertical)
            app.processEvents()
            ok = window.matrix_dock.grab().save(args.out)
        elif args.part == "timeline":
            _show_timeline(window)
            window.resizeDocks([window.timeline_dock], [height * 2 // 5], Qt.Orientation.Vertical)
            app.processEvents()
            ok = window.grab().save(args.out)
        else:
            ok = window.grab().save(args.out)
        window.close()
    if not ok:
        print(f"nkdesk: cannot write {args.out}", file=sys.stderr)
        return 1
    print(args.out)
    return 0


def _tag_a_few(window: MainWindow, tag_file: str) -> None:
    """Accept the first conflict's claim in every source; tag a value and a source."""
    window.tag_file_commands.open_tag_file(tag_file)
    hotkeys = {t.name: t.hotkey for t in window.vocabulary}
    comparison = window.analysis.comparison if window.analysis else None
    if comparison is None or not comparison.conflicts:
        return
    fact = comparison.conflicts[0].a
    cluster = window.claim_commands.cluster_at(fact.doc, fact.start)
    if cluster is not None:
        troops = next(t for t in window.vocabulary if t.name == "troop numbers")
        window.claim_commands.accept(cluster, troops.id)
    pane = window.pane(fact.doc)
    if pane is None:
        return
    pane.view.select(fact.start, fact.end)
    window.current_pane = window.panes.index(pane)
    window.tagger.apply_hotkey(hotkeys["casualties"] or 2)
    text = pane.document.text
    source = text.find("The New York Times")
    if source >= 0:
        pane.view.select(source, source + len("The New York Times"))
        window.tagger.apply_hotkey(hotkeys["attribution"] or 4)
    window.tags_dock.raise_()


def _show_timeline(window: MainWindow) -> None:
    """The Timeline in front, on the claim of most values of which one is dated, its first
    dated value current and shown in its pane."""
    window.view_commands.on_window_timeline_triggered()
    panel = window.timeline_panel
    claims = panel.timeline.claims
    if not claims:
        return
    row = max(
        range(len(claims)),
        key=lambda n: (any(p.period for p in claims[n].points), len(claims[n].points)),
    )
    panel.claims_list.setCurrentRow(row)
    canvas = panel.canvas
    dated = next((n for n, m in enumerate(canvas.marks) if m.point.period is not None), 0)
    canvas.setFocus()
    for _ in range(dated):
        canvas.keyPressEvent(_key_right())
    mark = canvas.current_mark()
    if mark is not None:
        window.navigator.show_passage(mark.point.span)
    canvas.setFocus()


def _key_right():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier)


if __name__ == "__main__":
    sys.exit(main())
