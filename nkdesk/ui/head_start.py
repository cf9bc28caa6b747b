"""The launch's first comparison, begun in a process of its own before Qt loads.

Launched on a few short articles, ``nkdesk`` spends half a second importing
Qt and building its window, and the comparison as long again: importing the
engine and its first run, most of it compiling patterns. In the window's
worker thread that second half came after the first, and shared the
interpreter lock with the window's first frames. So the command starts a
child Python first thing (``HeadStart.spawn``), which imports the engine on
another core while this process reads the articles (``send``) and builds
the window; the window's first comparison thread waits for the child's
result on a pipe, the interpreter lock free meanwhile, and takes it if it is
for the articles shown. For anything else (other articles, a child that
failed or is missing, a single core) the thread compares itself, as every
later comparison does.

The child runs ``child()``: it reads the documents, pickled, from its stdin
and writes the ``Analysis``, pickled, to its stdout.
Only corpora under ``MAX_CHARS`` get a head start: rebuilding the records in
the window's process costs a few microseconds each, and a long corpus's
millions of them would cost more than the comparison gains.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from functools import cache
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import subprocess

    from nkdesk.corpus import Document
    from nkdesk.ui.analysis import Analysis

# Five articles of 20,000 characters: about 50 ms of rebuilding in the window.
MAX_CHARS = 100_000
# A comparison under MAX_CHARS takes a second or two; a child silent for this
# long is stopped or stuck, and the window compares itself instead.
TIMEOUT_S = 30.0


def cores() -> int:
    """How many processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class HeadStart:
    """A comparison of ``documents`` running in a child process.

    ``result`` waits for it (in a worker thread: it blocks); ``close`` ends
    the child if it still runs, which is all there is to do with a head
    start that the window did not take, or no longer wants (``closed``).
    """

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.documents: tuple[Document, ...] = ()
        self.closed = False
        self._process = process

    @classmethod
    def spawn(cls) -> HeadStart | None:
        """A child that imports the engine and waits for ``send``; None where it would not help.

        None on a single processor, or if the child could not be started.
        """
        if cores() < 2:
            return None  # the child would only take turns with the window
        if not sys.executable or getattr(sys, "frozen", False):
            return None  # an embedded or frozen interpreter: no Python to start
        import subprocess

        # The child looks for modules where this process does, so that it
        # runs this very nkdesk (a checkout in its working folder, a
        # PYTHONPATH, site-packages shadowing nothing it would not here).
        code = f"import sys; sys.path[:] = {sys.path!r}; import {__name__} as m; m.child()"
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
        except OSError:
            return None
        return cls(process)

    @classmethod
    def start(cls, documents: Sequence[Document]) -> HeadStart | None:
        """A child comparing ``documents`` (``spawn``, then ``send``), or None."""
        started = cls.spawn()
        if started is not None and not started.send(documents):
            started.close()
            return None
        return started

    def send(self, documents: Sequence[Document]) -> bool:
        """Have the child compare ``documents``; False if it would not help.

        False for fewer than two articles, or a corpus of ``MAX_CHARS`` or
        more: the caller closes this head start then.
        """
        documents = tuple(documents)
        if len(documents) < 2 or sum(len(d.text) for d in documents) >= MAX_CHARS:
            return False
        import threading

        self.documents = documents
        data = pickle.dumps(documents, protocol=pickle.HIGHEST_PROTOCOL)
        # Written from a thread: the child reads once it has imported the
        # engine, and a corpus larger than the pipe's buffer would hold the
        # launch until then.
        threading.Thread(target=_send, args=(self._process.stdin, data), daemon=True).start()
        return True

    def serves(self, documents: Sequence[Document]) -> bool:
        """Whether this is a comparison of ``documents``, sources included."""
        return len(documents) == len(self.documents) > 0 and all(
            a == b and a.source == b.source for a, b in zip(documents, self.documents, strict=True)
        )

    def result(self) -> Analysis | None:
        """The child's analysis once it is done; None if it failed or was closed.

        A comparison that raised in the child gives None too: the thread
        that asked compares again itself and reports the error as usual. A
        child that has not answered within ``TIMEOUT_S`` (stopped, stuck)
        is ended, and None returned, so that the window is not left
        "Comparing…".
        """
        import threading

        deadline = threading.Timer(TIMEOUT_S, self._kill)
        deadline.daemon = True
        deadline.start()
        try:
            data = self._process.stdout.read() if self._process.stdout else b""
        except (OSError, ValueError):  # closed meanwhile
            data = b""
        deadline.cancel()
        self._end()
        if not data:
            return None
        try:
            kind, value = pickle.loads(data)
        except Exception:  # a child cut short: anything may be in the pipe
            return None
        return value if kind == "analysed" else None

    def close(self) -> None:
        """End the child if it still runs (the window took another road, or quits).

        A thread waiting in ``result`` gets None, and sees ``closed``: there
        is nothing to compare instead.
        """
        self.closed = True
        self._kill()
        self._end()

    def _kill(self) -> None:
        if self._process.poll() is None:
            with contextlib.suppress(OSError):  # (ended meanwhile)
                self._process.kill()

    def _end(self) -> None:
        self._process.wait()
        for pipe in (self._process.stdin, self._process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()


def _send(pipe: IO[bytes] | None, data: bytes) -> None:
    if pipe is None:
        return
    try:
        pipe.write(data)
        pipe.close()
    except (OSError, ValueError):  # the child is gone, or was closed: its reader finds out
        pass


# Pickling a frozen dataclass with slots goes through ``dataclasses``'
# ``__getstate__`` and ``__setstate__``, Python functions that look up the
# fields again for every record: most of the time that the window spent
# unpickling the seeds' 4,000 records. These rebuild them from a tuple of
# their fields, each set through its slot's descriptor.


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    import dataclasses  # (not before the child is started: 20 ms of the launch)

    return tuple(f.name for f in dataclasses.fields(cls))


@cache
def _slot_setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    return tuple(getattr(cls, name).__set__ for name in _field_names(cls))


def _rebuild(cls: type, values: tuple[Any, ...]) -> Any:
    record: Any = object.__new__(cls)
    for setter, value in zip(_slot_setters(cls), values, strict=True):
        setter(record, value)
    return record


def _token_type(path: tuple[str, ...]) -> Any:
    """The Pygments token type at ``path`` (("Literal", "Number")): the very
    object, since token types are compared with ``is`` and ``in``."""
    from pygments.token import Token

    ttype = Token
    for name in path:
        ttype = getattr(ttype, name)
    return ttype


@cache
def _reduction(cls: type) -> str:
    """How the child pickles instances of ``cls``: "record", "token type" or ""."""
    if (
        "__slots__" in cls.__dict__
        and "__dataclass_fields__" in cls.__dict__
        and getattr(cls.__getstate__, "__module__", None) == "dataclasses"
    ):
        return "record"  # a slots dataclass pickled as dataclasses would
    if cls.__name__ == "_TokenType" and cls.__module__ == "pygments.token":
        # A token type pickles as a plain tuple subclass: unpickled, it
        # would be a copy outside Pygments' tree, equal but never ``is``.
        return "token type"
    return ""


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        kind = _reduction(cls)
        if kind == "record":
            return _rebuild, (cls, tuple([getattr(obj, name) for name in _field_names(cls)]))
        if kind == "token type":
            return _token_type, (tuple(obj),)
        return NotImplemented


def child() -> None:
    """The child: documents in on stdin, ("analysed", Analysis) or ("failed", why) out.

    It ends without tearing the interpreter down: freeing the comparison's
    records one by one kept the pipe from closing for a tenth of a second.

    The engine is imported before the documents are read: the window's
    process loads the articles meanwhile.
    """
    import signal

    # Ctrl+C in the terminal is for the window's process, which ends this one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    output = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    # A stray print goes where the window's own output goes, never into the pipe.
    spare = sys.stderr.fileno() if sys.stderr is not None else os.open(os.devnull, os.O_WRONLY)
    os.dup2(spare, sys.stdout.fileno())
    import gc

    gc.disable()  # the process ends with the comparison: nothing to collect
    import nkdesk.analysis.compare  # noqa: F401 (the engine, before the documents come)
    from nkdesk.ui.analysis import analyse

    try:
        documents = pickle.load(sys.stdin.buffer)
    except EOFError:
        os._exit(0)  # closed unused: the window compares itself
    try:
        reply: tuple[str, object] = ("analysed", analyse(documents))
    except Exception as error:  # reported by the window's own comparison
        reply = ("failed", f"{type(error).__name__}: {error}")
    try:
        with output:
            _Pickler(output, protocol=pickle.HIGHEST_PROTOCOL).dump(reply)
    except OSError:
        pass  # the window's process is gone, or closed this head start
    os._exit(0)
