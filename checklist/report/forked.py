"""Run one piece of work in a forked child process and hand back its result.

Laying out a 40-page report builds some 150,000 Python objects, nearly all of them
in reference cycles (WeasyPrint's boxes and styles). Freeing them takes Python's
collector about 0.2 s after the PDF is written, a tenth of the whole render. A child
process that writes the PDF and ends with `os._exit` leaves that to the kernel,
which takes the child's memory back at once, and the caller's own memory never
grows by the layout.

Forking is safe only while the process has a single thread: a lock that another
thread holds at the moment of the fork (in Pango, fontconfig, stdio, ...) stays
locked for ever in the child. So `run` forks only when the caller is the process's
sole thread, as on the command line; elsewhere (the app renders from a worker
thread) it runs the work in the calling thread.

The work's progress calls, its result and any exception it raises travel back
through a pipe, pickled.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
import traceback
from collections.abc import Callable, Mapping
from typing import IO, Any, TypeVar

Result = TypeVar("Result")
Progress = Callable[[float, str], None]


class ChildDiedError(RuntimeError):
    """The child process ended without handing back a result (e.g. it was killed)."""


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def run(work: Callable[[Progress], Result], progress: Progress) -> Result:
    """`work(progress)`, in a forked child when that is safe (see the module doc).
    The result must pickle; an error that does not arrives as its text."""
    if not can_fork():
        return work(progress)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        os.close(read_end)
        _child(work, write_end)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            kind, value = receive(pipe, {"progress": progress})
    except EOFError:  # the child ended without a word
        kind, value = "died", None
    finally:
        _, status = os.waitpid(pid, 0)
    if kind == "died":
        raise ChildDiedError(f"生成报告的子进程意外退出（{_describe(status)}），请重试。")
    if kind == "error":
        raise value
    return value


def receive(pipe: IO[bytes], handlers: Mapping[str, Callable[..., None]]) -> tuple[str, Any]:
    """Read pickled messages (kind, *values) from `pipe`, handing each to the handler of
    its kind, until one comes that has none: ("result", value) or ("error", exception),
    which is returned. Raises EOFError when the sender ended before that."""
    while True:
        kind, *values = pickle.load(pipe)
        handler = handlers.get(kind)
        if handler is None:
            return kind, values[0]
        handler(*values)


def _child(work: Callable[[Progress], Any], write_end: int) -> None:  # pragma: no cover
    # The child exits as soon as the work is done: its garbage is never collected,
    # the kernel takes back its memory. os._exit skips the parent's atexit handlers
    # and never flushes stdio buffers the parent still holds.
    gc.disable()
    status = 1
    try:
        pipe = os.fdopen(write_end, "wb")

        def relay(fraction: float, message: str) -> None:
            pickle.dump(("progress", fraction, message), pipe)
            pipe.flush()

        try:
            outcome: tuple[str, Any] = ("result", work(relay))
        except BaseException as error:  # handed to the parent, which raises it
            # Its traceback does not survive pickling: keep it as a note for whoever
            # reads the parent's traceback.
            error.add_note("In the child process:\n" + "".join(traceback.format_exception(error)))
            outcome = ("error", portable(error))
        pipe.write(pickle.dumps(outcome))
        pipe.flush()
        status = 0
    finally:
        os._exit(status)


def portable(error: BaseException) -> BaseException:
    """`error`, or a RuntimeError with its text when it cannot be pickled."""
    try:
        pickle.dumps(error)
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"信号 {os.WTERMSIG(status)}"
    return f"退出码 {os.waitstatus_to_exitcode(status)}"
