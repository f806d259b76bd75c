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
import inspect
import os
import pickle
import selectors
import struct
import threading
import traceback
from collections.abc import Callable, Generator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from typing import IO, Any

Progress = Callable[[float, str], None]
Tell = Callable[..., None]  # tell(kind, *values): a message from a work to its caller


class ChildDiedError(RuntimeError):
    """The child process ended without handing back a result (e.g. it was killed)."""


class MeetingCancelledError(RuntimeError):
    """A work waited to meet another that had failed."""


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


Meet = Callable[[list[Any]], list[Any]]


def run_all(
    works: Sequence[Callable[[Tell], Any]], told: Callable[..., None], meet: Meet | None = None
) -> list[Any]:
    """Each work, all at once, in forked children when that is safe (see the module
    doc), else one after the other here; their results, in order.

    A work calls `tell(kind, *values)` to send the caller a message, which reaches
    `told(index, kind, *values)`, `index` the work's place in `works`; the kinds
    "result", "error" and "meet" are taken. When works fail, the error of the first
    of them is raised once all have ended.

    A work that is a generator meets the others once, where it yields: when all have
    yielded, `meet(their values)` gives each the value its `yield` returns, and they
    go on. Run here, each runs up to its `yield` before the next starts."""
    if not can_fork():
        return _run_here(works, told, meet)
    children: dict[int, _Child] = {}  # by the end its messages are read from
    pids: list[int] = []
    try:
        for index, work in enumerate(works):
            messages, message_end = os.pipe()
            reply_end, replies = os.pipe()
            try:
                pid = os.fork()
            except OSError:  # no more processes: these pipes are no one's
                for fd in (messages, message_end, reply_end, replies):
                    os.close(fd)
                raise
            if pid == 0:  # pragma: no cover - runs in the child, which never returns
                for fd in [messages, replies, *(c.fd for c in children.values())]:
                    os.close(fd)
                for child in children.values():
                    os.close(child.replies)
                _child(work, message_end, reply_end)
            os.close(message_end)
            os.close(reply_end)
            children[messages] = _Child(index, messages, replies)
            pids.append(pid)
        outcomes = _gather(children, told, meet)
    finally:
        for child in children.values():
            os.close(child.fd)
            child.close_replies()
        statuses = [os.waitpid(pid, 0)[1] for pid in pids]
    # The error that stopped the others, not theirs at being stopped.
    failures = [
        (kind, value, status)
        for (kind, value), status in zip(outcomes, statuses, strict=True)
        if kind != "result"
    ]
    failures.sort(key=lambda failure: isinstance(failure[1], MeetingCancelledError))
    for kind, value, status in failures:
        if kind == "died":
            raise ChildDiedError(f"生成报告的子进程意外退出（{_describe(status)}），请重试。")
        raise value
    return [value for _, value in outcomes]


def _run_here(
    works: Sequence[Callable[[Tell], Any]], told: Callable[..., None], meet: Meet | None
) -> list[Any]:
    started = [work(partial(told, index)) for index, work in enumerate(works)]
    meeting = [i for i, run in enumerate(started) if inspect.isgenerator(run)]
    if not meeting:
        return started
    assert meet is not None, "works that meet need a meet"
    replies = meet([next(started[i]) for i in meeting])
    for i, reply in zip(meeting, replies, strict=True):
        started[i] = _finish(started[i], reply)
    return started


def _finish(run: Generator[Any, Any, Any], reply: Any) -> Any:
    try:
        run.send(reply)
    except StopIteration as stop:
        return stop.value
    raise RuntimeError("a work meets the others once")


@dataclass
class _Child:
    index: int
    fd: int  # its messages
    replies: int  # where the reply to its meeting goes; -1 once closed
    buffer: bytearray = field(default_factory=bytearray)

    def reply(self, message: Any) -> None:
        data = pickle.dumps(message)
        with suppress(OSError), os.fdopen(self.replies, "wb", closefd=False) as pipe:
            pipe.write(_LENGTH.pack(len(data)) + data)

    def close_replies(self) -> None:
        """Close the way to it (it reads the end of the replies), once: the number
        may belong to another file afterwards."""
        if self.replies >= 0:
            os.close(self.replies)
            self.replies = -1


def _gather(
    children: dict[int, _Child], told: Callable[..., None], meet: Meet | None
) -> list[tuple[str, Any]]:
    """Read the children's messages as they come, until each has sent its outcome
    ("result", "error", or "died" when it ended without one); answer their meeting."""
    outcomes: list[tuple[str, Any]] = [("died", None)] * len(children)
    met: dict[int, Any] = {}
    answered = False
    with selectors.DefaultSelector() as selector:
        for fd in children:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            for key, _ in selector.select():
                child = children[key.fd]
                data = os.read(child.fd, 1 << 16)
                child.buffer += data
                ended = not data
                for kind, *values in _frames(child.buffer):
                    if kind == "meet":
                        met[child.index] = values[0]
                    elif kind in ("result", "error"):
                        outcomes[child.index] = (kind, values[0])
                        ended = True
                    else:
                        told(child.index, kind, *values)
                if ended:
                    selector.unregister(child.fd)
                    if meet is not None and child.index not in met:
                        # It failed before it met the others: they meet no one.
                        for other in children.values():
                            other.close_replies()
                if not answered and len(met) == len(children):
                    assert meet is not None, "works that meet need a meet"
                    answered = True
                    replies = meet([met[i] for i in sorted(met)])
                    for other in children.values():
                        other.reply(replies[other.index])
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


def _child(work: Callable[[Tell], Any], write_end: int, reply_end: int) -> None:  # pragma: no cover
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
            if inspect.isgenerator(result):
                tell("meet", next(result))
                result = _finish(result, _reply(reply_end))
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


def _reply(fd: int) -> Any:  # pragma: no cover - runs in the child
    """The reply to this child's meeting; raises when the others will not meet."""
    with os.fdopen(fd, "rb") as pipe:
        head = pipe.read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            raise MeetingCancelledError("另一部分排版失败，本部分随之停止")
        (length,) = _LENGTH.unpack(head)
        return pickle.loads(pipe.read(length))


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
