"""A process of its own that writes the app's reports.

The app renders beside its other threads, where it cannot fork (see forked.py). So
the first report it asks for starts this service: a new Python process, with a
single thread, that keeps one Renderer (fonts, stylesheet, template) for all the
reports that follow and lays out each one in a forked child. The layout then never
competes with the interface for Python's lock, and its memory goes back to the
system when the report is written.

The app can start it ahead of the first report (when the summary opens), so that
the report does not wait for the service to load WeasyPrint and the fonts.

The app and the service talk over the service's stdin and stdout, in pickles: the
app sends ("prepare", font families), which builds the renderer and has no answer,
or ("render", pack, answers path, output path, font families); the service answers
a report with ("warn", text) and ("progress", fraction, message) as they come, then
("result", RenderedReport) or ("error", exception), a SetupError when the renderer
itself could not be built. Both ends are this program, so the pickles
come from a trusted source.

    python -m checklist.report.service
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from checklist.report.forked import ChildDiedError, Progress, portable, receive

if TYPE_CHECKING:
    from checklist.criteria.model import Pack
    from checklist.report.render import RenderedReport, Renderer

Warn = Callable[[str], None]

COMMAND = (sys.executable, "-m", "checklist.report.service")


class SetupError(Exception):
    """The service could not build its renderer: at `stage` "libraries" WeasyPrint
    could not load its system libraries, at "renderer" the renderer could not be
    made (no Chinese font, ...); `cause` is the error."""

    def __init__(self, stage: str, cause: BaseException) -> None:
        super().__init__(stage, cause)
        self.stage = stage
        self.cause = cause


class RenderService:
    """The app's end: starts the service on first use and again after it dies.

    One report at a time; call `render` from a worker thread, never the UI thread.
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

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
        the service ended before it answered."""
        with self._lock:
            try:
                process = self._send("render", pack, answers, output, tuple(families))
                assert process.stdout is not None
                kind, value = receive(process.stdout, {"progress": progress, "warn": warn})
            except (OSError, ValueError, EOFError, pickle.UnpicklingError):
                self._stop()
                raise ChildDiedError("生成报告的进程意外退出，请重试。") from None
        if kind == "result":
            result: RenderedReport = value
            return result
        raise value  # an error of the report, or a SetupError

    def prepare(self, families: Sequence[str]) -> None:
        """Start the service and have it build its renderer, without waiting: the
        next report starts at once. Does nothing while a report is being written.
        An error in building the renderer comes with the next report."""
        if not self._lock.acquire(blocking=False):
            return
        try:
            self._send("prepare", tuple(families))
        except (OSError, ValueError):
            self._stop()
        finally:
            self._lock.release()

    def _send(self, *request: Any) -> subprocess.Popen[bytes]:
        process = self._started()
        assert process.stdin is not None
        pickle.dump(request, process.stdin)
        process.stdin.flush()
        return process

    def close(self) -> None:
        """Let the service end: it finishes the report it may be writing, then exits."""
        process = self._process
        if process is not None and process.stdin is not None:
            with contextlib.suppress(OSError, ValueError):  # closed already
                process.stdin.close()

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            # Its stderr is not the app's terminal, which Textual owns.
            self._process = subprocess.Popen(
                COMMAND,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                close_fds=True,
            )
        return self._process

    def _stop(self) -> None:
        """End a service that stopped answering; the next report starts a new one."""
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()
            for pipe in (process.stdin, process.stdout):
                if pipe is not None:
                    with contextlib.suppress(OSError):
                        pipe.close()


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The service's loop: one report per request, until the input ends."""
    renderer: Renderer | None = None
    made_for: tuple[str, ...] = ()

    def send(*message: Any) -> None:
        pickle.dump(message, replies)
        replies.flush()

    def ready(families: tuple[str, ...]) -> Renderer:
        nonlocal renderer, made_for
        if renderer is None or families != made_for:
            try:
                from checklist.report.render import Renderer
            except OSError as exc:  # WeasyPrint loads Pango and friends when imported
                raise SetupError("libraries", exc) from None
            try:
                # A warning sent while preparing is read with the next report's answer.
                renderer = Renderer(families, warn=lambda text: send("warn", text))
                made_for = families
            except Exception as exc:
                raise SetupError("renderer", portable(exc)) from None
        return renderer

    while True:
        try:
            kind, *request = pickle.load(requests)
        except EOFError:
            return
        if kind == "prepare":
            with contextlib.suppress(SetupError):  # the next report says what failed
                ready(*request)
            continue
        pack, answers, output, families = request
        try:
            renderer = ready(families)
        except SetupError as exc:
            send("error", exc)
            continue
        try:
            result = renderer.render(
                pack, answers, output, progress=lambda f, m: send("progress", f, m)
            )
        except Exception as exc:
            send("error", portable(exc))
        else:
            send("result", result)


def main() -> None:
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    # Anything printed by mistake goes to stderr, never into the replies.
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, replies)


if __name__ == "__main__":
    # Run the module under its own name, so that what it pickles (SetupError) is
    # found by that name in the app, not under __main__.
    from checklist.report import service

    service.main()
