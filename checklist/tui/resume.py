"""Where the user stopped, per answers file, kept in the state directory.

This is convenience state, not a record: losing it only means starting at the
first item, so it is read leniently; it is written as every file is (atomic.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from checklist.atomic import write_atomically
from checklist.locations import state_dir


def _positions_file() -> Path:
    return state_dir() / "positions.json"


def _read() -> dict[str, str]:
    try:
        data = json.loads(_positions_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def last_position(answers_path: Path) -> str | None:
    """The item id the user was at when they last left this answers file."""
    return _read().get(str(answers_path.absolute()))


def remember_position(answers_path: Path, item_id: str) -> None:
    positions = _read()
    key = str(answers_path.absolute())
    if positions.get(key) == item_id:
        return
    positions[key] = item_id
    target = _positions_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, json.dumps(positions, ensure_ascii=False, indent=1).encode())
    except OSError:
        pass  # a read-only state directory must not stop anyone from answering
