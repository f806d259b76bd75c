"""Files the user names are read only when they are files of a sensible size."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checklist.cli import main
from checklist.reading import read_file


def test_a_pipe_is_refused_before_anything_waits_on_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "unit.answers.toml"
    os.mkfifo(pipe)  # reading it would wait for a writer for ever
    for command in (["score", str(pipe)], ["report", str(pipe)], ["verify", str(pipe)]):
        assert main(command) == 1
        assert "这不是普通文件（而是管道、设备等），没有读取" in capsys.readouterr().err


def test_a_file_too_large_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as out:
        out.truncate(3 << 20)  # 3 MB, sparse
    with pytest.raises(ValueError, match="不像是答卷文件"):
        read_file(big, 1 << 20, "答卷文件")
    assert read_file(big, 4 << 20, "答卷文件") == bytes(3 << 20)
