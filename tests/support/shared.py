"""Files that all test processes of one run make once and share.

pytest-xdist runs the suite in several processes; a session fixture runs once in
each of them. A file that is slow to make (a laid-out report) is made by the first
process that asks for it, while the others wait on a lock, and then read by all:
the recipe of pytest-xdist's documentation ("Making session-scoped fixtures execute
only once"), with filelock.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """The file `name` in the folder this run's test processes share, which
    `make(path)` wrote at `path` in the process that asked first."""
    base = factory.getbasetemp()
    # Under xdist each process has a folder of its own inside the run's folder.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target = shared / "made-once" / name
    target.parent.mkdir(exist_ok=True)
    with FileLock(f"{target}.lock"):
        if not target.exists():
            with tempfile.TemporaryDirectory(dir=target.parent) as folder:
                made = Path(folder) / name
                make(made)
                shutil.move(made, target)
    return target
