"""Fixtures of the domain tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A unit's answers file not yet written, in a folder of its own that is the
    working folder (messages name it as the user typed it)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path / "单位.answers.toml"
