"""Reading a file the user names (answers, a standard, a report), whatever it is.

A path may name a pipe or a device, where reading waits for ever (a FIFO) or never
ends (/dev/zero), or a file far larger than any answers file, which would fill the
memory before its first line is checked. These are refused before reading.
"""

from __future__ import annotations

import stat
from pathlib import Path

MB = 1 << 20


def read_file(path: Path, most: int, what: str) -> bytes:
    """The bytes of the regular file at `path`, at most `most` of them.

    Raises OSError as reading raises it (FileNotFoundError, a folder, no permission),
    and ValueError with the reason in Chinese for a pipe or a device, or a file
    larger than `most` (`what` names the kind of file expected: 答卷文件 …)."""
    found = path.stat()
    if not stat.S_ISREG(found.st_mode) and not stat.S_ISDIR(found.st_mode):
        raise ValueError("这不是普通文件（而是管道、设备等），没有读取")
    if found.st_size > most:
        raise ValueError(f"文件有 {found.st_size / MB:.0f} MB，不像是{what}，没有读取")
    with path.open("rb") as file:
        data = file.read(most + 1)
    if len(data) > most:  # grown meanwhile
        raise ValueError(f"文件超过 {most // MB} MB，不像是{what}，没有读取")
    return data
