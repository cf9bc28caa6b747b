"""Work that waits for a widget's first paint, so that the window shows first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Calls ``callback`` once, after ``widget``'s first paint.

    At the turn of the event loop after that paint, so that its frame is on
    the screen first; after ``fallback_ms`` if the widget is not painted by
    then (a window never shown). A child of the widget: gone with it, the
    callback uncalled. ``cancel`` forgets the callback.
    """

    def __init__(self, widget: QWidget, callback: Callable[[], None], *, fallback_ms: int) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        self._widget = widget
        widget.installEventFilter(self)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(fallback_ms)
        self._fallback.timeout.connect(self.on_fallback_timeout)
        self._fallback.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            watched.removeEventFilter(self)
            self._fallback.stop()
            QTimer.singleShot(0, self, self._call)
        return False

    def on_fallback_timeout(self) -> None:
        self._widget.removeEventFilter(self)
        self._call()

    def cancel(self) -> None:
        self._callback = None
        self._fallback.stop()
        self._widget.removeEventFilter(self)

    def _call(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()
