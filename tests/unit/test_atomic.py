"""The one way a file is replaced: whole or not at all, never more open than it was."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from checklist import atomic
from checklist.atomic import AtomicFile, backup_path, write_atomically


@pytest.fixture
def umask() -> Iterator[None]:
    """The usual umask (group and others may not write), whatever the test runner's."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def modes_while_written(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The permissions each temporary file has when its content is written to it."""
    seen: list[int] = []
    real_write = atomic._write_synced

    def noted(fd: int, data: bytes) -> None:
        seen.append(os.fstat(fd).st_mode & 0o777)
        real_write(fd, data)

    monkeypatch.setattr(atomic, "_write_synced", noted)
    return seen


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o660, 0o644])
def test_the_temporary_file_has_the_files_permissions_from_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    """Names and phone numbers: a private file is never readable by others, not even
    while its replacement is written; a file shared with a group stays shared."""
    path = tmp_path / "单位.answers.toml"
    path.write_bytes(b"old")
    path.chmod(mode)
    seen = modes_while_written(monkeypatch)
    write_atomically(path, b"new", backup=True)
    assert seen == [mode, mode]  # the new content, then the backup
    assert path.stat().st_mode & 0o777 == mode
    assert backup_path(path).stat().st_mode & 0o777 == mode
    assert (path.read_bytes(), backup_path(path).read_bytes()) == (b"new", b"old")


@pytest.mark.usefixtures("umask")
def test_a_new_file_gets_the_permissions_any_new_file_gets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "positions.json"
    seen = modes_while_written(monkeypatch)
    write_atomically(path, b"{}", backup=True)
    assert seen == [0o644]
    assert path.stat().st_mode & 0o777 == 0o644
    assert not backup_path(path).exists()  # nothing to keep


def test_leaving_without_commit_leaves_the_file_and_no_debris(tmp_path: Path) -> None:
    path = tmp_path / "报告.pdf"
    path.write_bytes(b"%PDF- earlier")
    with AtomicFile(path):
        [temporary] = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert temporary.parent == path.parent
    assert path.read_bytes() == b"%PDF- earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.pdf"]


def test_a_failed_write_leaves_the_file_and_no_debris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "单位.answers.toml"
    path.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError):
        write_atomically(path, b"new", backup=True)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["单位.answers.toml"]
