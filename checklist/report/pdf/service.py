"""A process of its own that writes the app's reports.

The app renders beside its other threads, where it cannot fork (see report/side_by_side.py), and
laying out a report there would compete with the interface for Python's lock. So its
reports are written by the worker process of a `ProcessPoolExecutor`: a new Python
process with a single thread, that keeps one Renderer (fonts, stylesheet, template)
for all the reports that follow and lays out each one's parts side by side in workers
forked from it, as the command line does; the interface keeps the app's process to
itself. It is started when the summary opens (`prepare`), so that the first report does not wait
for it to load WeasyPrint and the fonts.

The worker sends a report's progress and the renderer's warnings back through a
pipe; the result, or the report's error, comes back as the future's. A renderer that
could not be built is a SetupError.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checklist.criteria.load import source_of
from checklist.report import side_by_side
from checklist.report.side_by_side import ChildDiedError

if TYPE_CHECKING:
    from checklist.criteria.model import Pack
    from checklist.report.pdf.writer import Progress, RenderedReport, Renderer

Warn = Callable[[str], None]


class SetupError(Exception):
    """The service could not build its renderer: at `stage` "libraries" WeasyPrint
    could not load its system libraries, at "renderer" the renderer could not be
    made (no Chinese font, ...); `cause` is the error."""

    def __init__(self, stage: str, cause: BaseException) -> None:
        super().__init__(stage, cause)
        self.stage = stage
        self.cause = cause


class RenderService:
    """The app's end: starts the worker process on first use and again after it dies.

    One report at a time; call `render` from a worker thread, never the UI thread.
    """

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._messages: Connection | None = None
        self._sender: Connection | None = None  # the worker's end, until it has started
        self._lock = threading.Lock()
        self._others: set[BaseProcess] = set()  # this process's other children
        self.process: BaseProcess | None = None  # the worker, once started

    def render(
        self,
        pack: Pack,
        answers: Path,
        output: Path,
        families: Sequence[str],
        progress: Progress,
        warn: Warn,
    ) -> RenderedReport:
        """Write the report of `answers` to `output`. Raises what Renderer.render
        raises, SetupError when no renderer could be built, and ChildDiedError when
        the worker process ended before it answered."""
        with self._lock:
            pool, messages = self._started()
            try:
                standard = source_of(pack)  # known here, where the standard was read
                future = self._submit(
                    pool, _render, pack, standard, answers, output, tuple(families)
                )
            except BrokenProcessPool:
                self._stop()
                raise ChildDiedError("生成报告的进程意外退出，请重试。") from None
            handlers: dict[str, Callable[..., None]] = {"progress": progress, "warn": warn}
            try:
                while not future.done() or messages.poll():
                    if messages.poll(0.05):
                        kind, *values = messages.recv()
                        handlers[kind](*values)
                return future.result()
            except (BrokenProcessPool, EOFError, OSError, pickle.UnpicklingError):
                if not future.done() or isinstance(future.exception(), BrokenProcessPool):
                    self._stop()
                    raise ChildDiedError("生成报告的进程意外退出，请重试。") from None
                raise

    def prepare(self, families: Sequence[str]) -> None:
        """Start the worker process and have it build its renderer, without waiting:
        the next report starts at once. Does nothing while a report is being written.
        An error in building the renderer comes with the next report."""
        if not self._lock.acquire(blocking=False):
            return
        try:
            pool, _ = self._started()
            self._submit(pool, _prepare, tuple(families))
        except BrokenProcessPool:
            self._stop()
        finally:
            self._lock.release()

    def close(self, *, wait: bool = False) -> None:
        """Let the worker process end: it finishes the report it may be writing, then
        exits; with `wait`, once it has."""
        if self._pool is not None:
            self._pool.shutdown(wait=wait)

    def _submit(self, pool: ProcessPoolExecutor, *call: Any) -> Future[Any]:
        future = pool.submit(*call)
        if self.process is None:  # it starts with the first call
            started = set(multiprocessing.active_children()) - self._others
            self.process = next(iter(started), None)
            if self._sender is not None:  # the worker holds its own end now
                self._sender.close()
                self._sender = None
        return future

    def _started(self) -> tuple[ProcessPoolExecutor, Connection]:
        if self._pool is None or self._messages is None:
            self._others = set(multiprocessing.active_children())
            self.process = None
            # A new interpreter: the app's threads are not copied into it.
            context = multiprocessing.get_context("spawn")
            self._messages, self._sender = context.Pipe(duplex=False)
            # The pool's first lock starts multiprocessing's resource tracker, a process
            # that writes to sys.stderr's file: not the app's terminal, which Textual
            # owns (and whose stand-in for sys.stderr has no file of its own).
            with open(os.devnull, "w") as nowhere, contextlib.redirect_stderr(nowhere):
                self._pool = ProcessPoolExecutor(
                    1, mp_context=context, initializer=_start_worker, initargs=(self._sender,)
                )
        return self._pool, self._messages

    def _stop(self) -> None:
        """End a worker that stopped answering; the next report starts a new one."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        if self._messages is not None:
            self._messages.close()
            self._messages = None


# The worker process's state: the pipe to the app, and the renderer it keeps.
_sender: Connection | None = None
_renderer: Renderer | None = None
_made_for: tuple[str, ...] = ()


def _start_worker(sender: Connection) -> None:  # pragma: no cover - in the worker
    global _sender
    _sender = sender
    # Its output is not the app's terminal, which Textual owns.
    nowhere = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nowhere, 1)
    os.dup2(nowhere, 2)
    os.close(nowhere)
    # It lays out the parts side by side in workers forked from it, which die with it
    # (see side_by_side.py): the app sees it end, killed say, by its pipes closing.


def _send(*message: Any) -> None:  # pragma: no cover - in the worker
    assert _sender is not None
    _sender.send(message)


def _ready(families: tuple[str, ...]) -> Renderer:  # pragma: no cover - in the worker
    global _renderer, _made_for
    if _renderer is None or families != _made_for:
        try:
            from checklist.report.pdf.writer import Renderer
        except OSError as exc:  # WeasyPrint loads Pango and friends when imported
            raise SetupError("libraries", exc) from None
        try:
            # A warning sent while preparing is read with the next report's answer.
            _renderer = Renderer(families, warn=lambda text: _send("warn", text))
            _made_for = families
        except Exception as exc:
            raise SetupError("renderer", side_by_side.portable(exc)) from None
    return _renderer


def _prepare(families: tuple[str, ...]) -> None:  # pragma: no cover - in the worker
    with contextlib.suppress(SetupError):  # the next report says what failed
        _ready(families).templates  # noqa: B018 - made now, not with the first report


def _render(
    pack: Pack, standard: bytes, answers: Path, output: Path, families: tuple[str, ...]
) -> RenderedReport:  # pragma: no cover - in the worker
    renderer = _ready(families)
    return renderer.render(
        pack,
        answers,
        output,
        progress=lambda f, m: _send("progress", f, m),
        standard=standard,
    )
