"""The two editions of a small standard (tests/data/editions) and answers files made
against one of them, as a unit's file carried from edition to edition."""

from __future__ import annotations

from pathlib import Path

import tomlkit

from checklist.answers.session import stamp_table
from checklist.cli import main
from checklist.criteria import load_pack
from tests.support.builders import DATA

OLD, NEW = DATA / "editions" / "old.toml", DATA / "editions" / "new.toml"


def stamped(text: str, standard: Path = OLD) -> str:
    """The answers file `text` (TOML) stamped as made against the standard file `standard`."""
    doc = tomlkit.parse(text)
    doc["stamp"] = stamp_table(load_pack(standard))
    return tomlkit.dumps(doc)


def answers_of_edition(path: Path, text: str, standard: Path = OLD) -> Path:
    """`text` stamped as made against `standard`, written at `path`."""
    path.write_text(stamped(text, standard), encoding="utf-8")
    return path


def migrated(path: Path, text: str) -> Path:
    """`text` made against the older edition, written at `path` and carried to the newer
    one by `checklist migrate`."""
    answers_of_edition(path, text)
    assert main(["migrate", str(path), "--to", str(NEW), "--from", str(OLD)]) == 0
    return path
