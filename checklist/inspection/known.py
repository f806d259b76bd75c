"""Whether a file is an inspection file (验收文件): known by its content, never by its
name. `checklist inspect`, `checklist report`, `checklist summary` and `checklist
migrate` all ask here, so that they agree on every file.

An inspection file has the tables `report` and `record` (model.py); an answers file
has neither. A file that reads as TOML is judged by its tables, however they are
written (`[report]`, `report.unit = …`, an inline table). One that does not read as
TOML is an inspection file when it has both headers, `[report]` and `[record]`, on
lines of their own: its reader then says where it is broken, in an inspection's terms.
"""

from __future__ import annotations

import re
from pathlib import Path

import tomli

from checklist.reading import MB, read_file

_TABLES = ("report", "record")
_HEADERS = [
    re.compile(rb"^[ \t]*\[[ \t]*" + name.encode() + rb"[ \t]*\][ \t]*(#.*)?\r?$", re.MULTILINE)
    for name in _TABLES
]
_MOST_BYTES = 64 * MB


def is_inspection(raw: bytes) -> bool:
    """Whether the file whose bytes are `raw` is an inspection file."""
    if not all(name.encode() in raw for name in _TABLES):
        return False  # most answers files: told apart without reading them as TOML
    try:
        data = tomli.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError):
        return all(header.search(raw) for header in _HEADERS)
    return all(isinstance(data.get(name), dict) for name in _TABLES)


def is_inspection_file(path: Path) -> bool:
    """Whether the file at `path` is an inspection file; False for a file that cannot
    be read (whoever reads it next says why)."""
    try:
        return is_inspection(read_file(path, _MOST_BYTES, "验收文件"))
    except (OSError, ValueError):
        return False
