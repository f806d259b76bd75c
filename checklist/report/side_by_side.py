"""Run pieces of work at once, each in a forked worker process, and hand back results.

Laying out a report and reading a report's text take a core each for a second or
more; a machine has two or more. `run` hands each work to a worker of a
`concurrent.futures.ProcessPoolExecutor` started by forking this process, so that
the works (closures over a renderer, a PDF reader …) are inherited, never pickled:
only their results, their progress and their errors travel back.

Forking is safe only while the process has a single thread: a lock that another
thread holds at the moment of the fork (in Pango, fontconfig, stdio, ...) stays
locked for ever in the child. So `run` forks only when the caller is the process's
sole thread, as on the command line and in the app's render process; elsewhere it
runs the works one after the other in the calling thread.

`ahead` starts one work the same way and hands its result back when it is asked for:
the command line makes a report's content in a worker while it loads WeasyPrint.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, Generic, TypeVar

T = TypeVar("T")
Tell = Callable[..., None]  # tell(kind, *values): a message from a work to its caller


class ChildDiedError(RuntimeError):
    """A worker process ended without handing back a result (e.g. it was killed)."""


def can_fork() -> bool:
    """Whether this process may fork: a lock that another thread holds at the moment of
    the fork (in Pango, fontconfig, stdio …) would stay locked for ever in the child."""
    return hasattr(os, "fork") and threading.active_count() == 1


# What forked workers inherit: the works (closures, never pickled) and the queue their
# progress comes back by. Set only while `run` runs them.
_works: Sequence[Callable[[Tell], Any]] = ()
_progress: Any = None


def run(works: Sequence[Callable[[Tell], T]], told: Callable[..., None]) -> list[T]:
    """Each work's result, in order: the works run at once, each in a forked worker
    process, when this process may fork (see the module doc);
    elsewhere one after the other, here.

    A work calls `tell(kind, *values)`, which reaches `told(index, kind, *values)` here,
    `index` the work's place in `works`. A forked worker never collects its garbage
    (a report's layout leaves some 150,000 objects in cycles): it ends when its work is
    done, and the system takes its memory back at once.

    Raises the error of the first work that failed, and ChildDiedError when a worker
    ended without a result (it was killed)."""
    global _works, _progress
    if not can_fork():
        return [work(partial(told, index)) for index, work in enumerate(works)]
    context = multiprocessing.get_context("fork")
    _works, _progress = works, context.SimpleQueue()
    others = set(multiprocessing.active_children())
    try:
        with ProcessPoolExecutor(
            len(works), mp_context=context, initializer=_started, initargs=(os.getpid(),)
        ) as pool:
            futures = [pool.submit(_run_inherited, index) for index in range(len(works))]
            workers = set(multiprocessing.active_children()) - others
            while True:
                ended = all(future.done() for future in futures)
                while not _progress.empty():
                    told(*_progress.get())
                if ended:
                    break
                wait(futures, timeout=0.02)
    finally:
        _works, _progress = (), None
    errors = [error for future in futures if (error := future.exception()) is not None]
    # The error of a work, rather than the others' at the pool's breaking down.
    errors.sort(key=lambda error: isinstance(error, BrokenProcessPool))
    if errors and isinstance(errors[0], BrokenProcessPool):
        statuses = "、".join(_describe(w.exitcode) for w in workers if w.exitcode)
        raise ChildDiedError(f"生成报告的子进程意外退出（{statuses or '原因不明'}），请重试。")
    if errors:
        raise errors[0]
    return [future.result() for future in futures]


class Ahead(Generic[T]):
    """A work started by `ahead`, whose result is taken with `result`."""

    def __init__(self, process: Any = None, receiver: Any = None, done: Any = None) -> None:
        self._process = process  # the forked worker, None for a work run in place
        self._receiver = receiver  # the worker's pipe
        self._done = done  # (True, its result) or (False, its error), once known

    def result(self) -> T:
        """The work's result, once it is done; raises the work's error, and
        ChildDiedError when the worker ended without one (it was killed)."""
        if self._done is None:
            try:
                self._done = self._receiver.recv()
            except (EOFError, OSError):
                self._process.join()
                raise ChildDiedError(
                    f"生成报告的子进程意外退出（{_describe(self._process.exitcode or 0)}），请重试。"
                ) from None
            finally:
                self._receiver.close()
            self._process.join()
        ok, value = self._done
        if ok:
            return value
        raise value


def ahead(work: Callable[[], T]) -> Ahead[T]:
    """`work` started now, in a forked worker process when this process may fork
    (see the module doc), elsewhere run here at once; its result (or its error) comes
    from `result()`. Only the result travels back, pickled."""
    if not can_fork():
        try:
            return Ahead(done=(True, work()))
        except Exception as error:
            return Ahead(done=(False, error))
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_run_ahead, args=(work, sender, os.getpid()), daemon=True)
    process.start()
    sender.close()
    return Ahead(process, receiver)


def _run_ahead(work: Callable[[], Any], sender: Any, parent: int) -> None:  # pragma: no cover
    _started(parent)
    try:
        done = (True, work())
    except BaseException as error:  # raised again in the caller
        error.add_note("In the child process:\n" + "".join(traceback.format_exception(error)))
        done = (False, portable(error))
    sender.send(done)
    sender.close()


# prctl(2): the signal a process gets when the thread that forked it ends.
_PR_SET_PDEATHSIG = 1


def _started(parent: int) -> None:  # pragma: no cover - runs in a forked worker
    """A worker's set-up: no garbage collection (see `run`), and on Linux the kernel
    kills the worker when the process that forked it ends, however it ends: a worker
    of a `checklist report` killed with `kill -9` would otherwise wait for ever to
    hand back its result."""
    gc.disable()
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != parent:  # it ended before the line above
        os._exit(1)


def _run_inherited(index: int) -> Any:  # pragma: no cover - runs in a forked worker
    queue = _progress
    try:
        return _works[index](lambda kind, *values: queue.put((index, kind, *values)))
    except BaseException as error:  # raised again in the caller
        # Keep its traceback as a note for whoever reads the caller's traceback.
        error.add_note("In the child process:\n" + "".join(traceback.format_exception(error)))
        raise portable(error) from None


def portable(error: BaseException) -> BaseException:
    """`error`, or a RuntimeError with its text when it cannot be pickled."""
    try:
        pickle.dumps(error)
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _describe(exitcode: int) -> str:
    """A worker's end: 信号 9 for one killed, else its exit code."""
    return f"信号 {-exitcode}" if exitcode < 0 else f"退出码 {exitcode}"
