"""Fixtures for the window's tests: isolated settings, silenced dialogs, corpora."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from nkdesk.corpus import Corpus, Document, load_corpus

# Two articles the engine links (one shared sentence) and on which it finds two
# conflicts (11,000 vs 12,000 troops; November vs October). Characters outside
# the BMP come before every highlight, so a code-point/UTF-16 slip shows; the
# second article's filler pushes its passage far below the first screen.
_FILLER_A = (
    "The harvest festival in the northern valley drew farmers with pumpkins.",
    "A local choir rehearsed hymns in the old stone chapel on Sunday.",
    "Bakers sold rye bread and honey cakes at the market square.",
)
_FILLER_B = (
    "Engineers tested a prototype tidal turbine off the rocky coast.",
    "Students at the polytechnic built robots from recycled bicycle parts.",
    "A museum exhibition displayed medieval tapestries and silver coins.",
    "Hikers reported heavy snowfall on the mountain pass near the border.",
)
TEXT_A = (
    "🚀🛰️ Breaking 𝒩𝑒𝓌𝓈\n\n"
    + "\n\n".join(_FILLER_A)
    + "\n\nOfficials said about 11,000 North Korean troops were sent to the Kursk region"
    " in November to support Russian forces.\n\nThe weather was cold and wet all week."
)
TEXT_B = (
    "Morning report 😀\n\n"
    + "\n\n".join(_FILLER_B * 6)
    + "\n\nOfficials said approximately 12,000 North Korean troops were deployed to the"
    " Kursk region in October to support Russian forces.\n\nMarkets in Seoul rose sharply"
    " on Tuesday."
)


# "grabbing the keyboard/mouse": a popup (menu, quick-tag) grabs input, which
# the offscreen plugin cannot do and says so; the popup still gets the keys.
OFFSCREEN_NOISE = (
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the (keyboard|mouse))"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform plugin warns whenever a window with a minimum
    # size is shown, or a tooltip raised; that says nothing about nkdesk.
    # Every other Qt warning still fails the test (qt_log_level_fail).
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def isolated_data(tmp_path: Path, monkeypatch) -> Path:
    """The default tag file (``default_path()``) lies under tmp_path, never in ~/.local."""
    folder = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture
def tag_path(tmp_path: Path) -> Path:
    """Where make_window's windows keep their tags (one file per test)."""
    return tmp_path / "tags.sqlite"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp) -> Iterator[Path]:
    """Every QSettings() the window makes writes under tmp_path, never ~/.config."""
    folder = tmp_path / "settings"
    folder.mkdir()
    previous = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    qapp.setOrganizationName("nkdesk-tests")
    qapp.setApplicationName("nkdesk-tests")
    yield folder
    QSettings.setDefaultFormat(previous)


@pytest.fixture
def synthetic_corpus() -> Corpus:
    return Corpus(
        (
            Document.from_text("a", TEXT_A, title="Article A", path="/news/a.txt"),
            Document.from_text("b", TEXT_B, title="Article B", path="/news/b.txt"),
        )
    )


@pytest.fixture
def seed_corpus(seed_paths: list[Path]) -> Corpus:
    return load_corpus(seed_paths)


class ErrorRecorder:
    """Stands in for the window's QMessageBox: records (title, text)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def __call__(self, title: str, text: str) -> None:
        self.calls.append((title, text))


@pytest.fixture
def make_window(qtbot, tag_path: Path) -> Callable[..., object]:
    """Build, show and (unless told not to) wait for an analysed MainWindow.

    Its tags go to ``tag_path`` unless ``tags=`` names another file, or
    ``tags=None`` (no tag file: tagging off). Error and notice boxes are
    recorded in ``window.report_error.calls`` / ``window.report_notice.calls``.
    """
    from nkdesk.ui.main_window import MainWindow

    def make(
        corpus: Corpus,
        *,
        wait: bool = True,
        size: tuple[int, int] = (1000, 700),
        tags: Path | str | None = "default",
    ):
        window = MainWindow(corpus)
        window.report_error = ErrorRecorder()
        window.report_notice = ErrorRecorder()
        if tags is not None:
            assert window.tag_file_commands.open_tag_file(tag_path if tags == "default" else tags)
        qtbot.addWidget(window)
        window.resize(*size)
        if wait:
            with qtbot.waitSignal(window.analysed, timeout=60_000):
                window.show()
        else:
            window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        return window

    return make


class Gate:
    """Holds the worker's analysis of chosen corpora until ``open()`` is called.

    Stands in for a comparison that takes long, without sleeping: the test
    decides when it ends.
    """

    def __init__(self, ids: set[str] | None) -> None:
        self.ids = ids
        self._event = threading.Event()

    def holds(self, documents) -> bool:
        return self.ids is None or {d.id for d in documents} == self.ids

    def wait(self) -> None:
        self._event.wait(GATE_TIMEOUT_S)

    def open(self) -> None:
        self._event.set()


GATE_TIMEOUT_S = 30


@pytest.fixture
def gate(qtbot, monkeypatch) -> Iterator[Callable[..., Gate]]:
    """``gate(ids=None)``: hold the analysis of corpora with these document ids
    (all by default). Set up after qtbot so it opens before the windows close
    (closing waits for the worker)."""
    from nkdesk.ui import worker

    real = worker.analyse
    gates: list[Gate] = []

    def slow(documents):
        for item in gates:
            if item.holds(documents):
                item.wait()
        return real(documents)

    def make(ids: set[str] | None = None) -> Gate:
        item = Gate(ids)
        gates.append(item)
        return item

    monkeypatch.setattr(worker, "analyse", slow)
    yield make
    for item in gates:
        item.open()


@pytest.fixture
def open_context_menu():
    """Right-click a pane at a code-point offset and act on the menu while it is open."""
    return _open_context_menu


def _open_context_menu(qtbot, view, position: int, act) -> None:
    """Right-click at a code-point offset; ``act(menu)`` runs while the menu is open."""
    rect = view.cursorRect(view.cursor_for(position))
    point = rect.center() + QPoint(2, 0)
    done = []

    def interact() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        try:
            act(menu)
        finally:
            done.append(True)
            menu.close()

    QTimer.singleShot(0, interact)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(view.viewport(), event)
    assert done, "the context menu did not open"


def _tag_words(window, specs) -> None:
    """Tag each (document, words, tag name) in the window's tag file, then refresh."""
    store = window.tag_file.store
    tags = {t.name: t.id for t in store.tags()}
    for document, words, tag in specs:
        start = document.text.index(words)
        store.add_annotation(document.id, start, start + len(words), tags[tag])
    window.tag_file.poll()


@pytest.fixture
def tag_words():
    """Put tags on words of the window's articles, as another window would."""
    return _tag_words


def _focus_first_pane(window, qtbot) -> None:
    view = window.panes[0].view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)


@pytest.fixture
def focus_first_pane():
    """Give the first pane the keyboard focus and wait until it has it."""
    return _focus_first_pane
