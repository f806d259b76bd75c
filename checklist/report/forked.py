"""Run pieces of work in forked child processes, side by side, and hand back results.

Laying out a 40-page report builds some 150,000 Python objects, nearly all of them
in reference cycles (WeasyPrint's boxes and styles). Freeing them takes Python's
collector about 0.2 s after the PDF is written, a tenth of the whole render. A child
process that writes the PDF and ends with `os._exit` leaves that to the kernel,
which takes the child's memory back at once, and the caller's own memory never
grows by the layout.

Forking is safe only while the process has a single thread: a lock that another
thread holds at the moment of the fork (in Pango, fontconfig, stdio, ...) stays
locked for ever in the child. So `run_all` forks only when the caller is the
process's sole thread, as on the command line and in the app's render service;
elsewhere it runs the works one after the other in the calling thread.

Each work gets a child of its own (the report's parts, see parts.py). Its messages
(its progress), its result and any exception it raises travel back through a pipe,
pickled.
"""

from __future__ import annotations

import gc
import os
import pickle
import selectors
import struct
import threading
import traceback
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from functools import partial
from typing import IO, Any

Progress = Callable[[float, str], None]
Tell = Callable[..., None]  # tell(kind, *values): a message from a work to its caller


class ChildDiedError(RuntimeError):
    """The child process ended without handing back a result (e.g. it was killed)."""


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def run_all(works: Sequence[Callable[[Tell], Any]], told: Callable[..., None]) -> list[Any]:
    """Each work, all at once, in forked children when that is safe (see the module
    doc), else one after the other here; their results, in order.

    A work calls `tell(kind, *values)` to send the caller a message, which reaches
    `told(index, kind, *values)`, `index` the work's place in `works`; the kinds
    "result" and "error" are taken. When works fail, the error of the first of them
    is raised once all have ended."""
    if not can_fork():
        return [work(partial(told, index)) for index, work in enumerate(works)]
    children: dict[int, int] = {}  # read end -> index
    pids: list[int] = []
    try:
        for index, work in enumerate(works):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child, which never returns
                for other in [read_end, *children]:
                    os.close(other)
                _child(work, write_end)
            os.close(write_end)
            children[read_end] = index
            pids.append(pid)
        outcomes = _gather(children, told)
    finally:
        for fd in children:
            with suppress(OSError):
                os.close(fd)
        statuses = [os.waitpid(pid, 0)[1] for pid in pids]
    results = []
    for (kind, value), status in zip(outcomes, statuses, strict=True):
        if kind == "died":
            raise ChildDiedError(f"生成报告的子进程意外退出（{_describe(status)}），请重试。")
        if kind == "error":
            raise value
        results.append(value)
    return results


def _gather(children: dict[int, int], told: Callable[..., None]) -> list[tuple[str, Any]]:
    """Read the children's messages as they come, until each has sent its outcome
    ("result", "error", or "died" when it ended without one)."""
    outcomes: list[tuple[str, Any]] = [("died", None)] * len(children)
    buffers = {fd: bytearray() for fd in children}
    with selectors.DefaultSelector() as selector:
        for fd in children:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            for key, _ in selector.select():
                fd, index = key.fd, children[key.fd]
                data = os.read(fd, 1 << 16)
                buffers[fd] += data
                ended = not data
                for kind, *values in _frames(buffers[fd]):
                    if kind in ("result", "error"):
                        outcomes[index] = (kind, values[0])
                        ended = True
                    else:
                        told(index, kind, *values)
                if ended:
                    selector.unregister(fd)
    return outcomes


def _frames(buffer: bytearray) -> list[Any]:
    """The whole messages at the start of `buffer`, taken out of it."""
    messages = []
    while len(buffer) >= _LENGTH.size:
        (length,) = _LENGTH.unpack_from(buffer)
        end = _LENGTH.size + length
        if len(buffer) < end:
            break
        messages.append(pickle.loads(bytes(buffer[_LENGTH.size : end])))
        del buffer[:end]
    return messages


_LENGTH = struct.Struct("<I")


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


def _child(work: Callable[[Tell], Any], write_end: int) -> None:  # pragma: no cover
    # The child exits as soon as the work is done: its garbage is never collected,
    # the kernel takes back its memory. os._exit skips the parent's atexit handlers
    # and never flushes stdio buffers the parent still holds.
    gc.disable()
    status = 1
    try:
        pipe = os.fdopen(write_end, "wb")

        def tell(kind: str, *values: Any) -> None:
            data = pickle.dumps((kind, *values))
            pipe.write(_LENGTH.pack(len(data)) + data)
            pipe.flush()

        try:
            result = work(tell)
        except BaseException as error:  # handed to the parent, which raises it
            # Its traceback does not survive pickling: keep it as a note for whoever
            # reads the parent's traceback.
            error.add_note("In the child process:\n" + "".join(traceback.format_exception(error)))
            tell("error", portable(error))
        else:
            tell("result", result)
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
