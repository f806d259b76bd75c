"""Waiting for a process of the program's to end."""

from __future__ import annotations

import time
from multiprocessing.process import BaseProcess


def exit_code(process: BaseProcess) -> int | None:
    """The exit code of `process` once it has ended (the pool's own thread may be the
    one that collects it), waiting at most a minute for that: a loaded machine is
    slow, not wrong."""
    deadline = time.monotonic() + 60
    while process.exitcode is None and time.monotonic() < deadline:
        process.join(timeout=0.02)
    return process.exitcode
