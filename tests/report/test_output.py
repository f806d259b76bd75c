"""Where `checklist report` writes: over an earlier report only, whole or not at all."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from checklist.cli import main

from .conftest import Sample, SmallReport, assert_whole_report


def _debris(folder: Path) -> list[str]:
    """Temporary files a report left behind in `folder`."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_report_command_missing_output_folder(
    sample: Sample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "x.pdf"
    assert main(["report", str(sample.answers_path), "-o", str(target)]) == 1
    assert "找不到报告文件所在的文件夹" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "refusal"),
    [
        ("另一单位.answers.toml", '[profile]\nunit = "另一单位"\n'.encode(), "且不是 PDF 报告"),
        # .docx asks for the Word copy (report/docx): one of ours is replaced, no other
        (
            "工作总结.docx",
            b"PK\x03\x04 a Word document",
            "是一份不由本程序生成、或生成后在其他程序中修改过的 Word 文件",
        ),
    ],
)
def test_report_is_not_written_over_a_file_that_is_not_a_report(
    sample: Sample,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    refusal: str,
) -> None:
    target = tmp_path / name
    target.write_bytes(content)
    assert main(["report", str(sample.answers_path), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"{name} 已存在，{refusal}，没有覆盖；请换一个报告文件名" in err
    assert target.read_bytes() == content
    assert _debris(tmp_path) == []


def test_report_is_not_written_over_a_pdf_another_program_made(
    sample: Sample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A signed and scanned report, say: a PDF, but not one this program wrote."""
    target = tmp_path / "盖章扫描件.pdf"
    scan = pikepdf.new()
    scan.add_blank_page()
    scan.docinfo["/Creator"] = "Scanner"
    scan.save(target)
    content = target.read_bytes()
    assert main(["report", str(sample.answers_path), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "盖章扫描件.pdf 已存在，是一份不由本程序生成的 PDF，没有覆盖" in err
    assert target.read_bytes() == content


def test_report_is_rewritten_over_an_earlier_report(small: SmallReport, tmp_path: Path) -> None:
    target = tmp_path / "报告.pdf"
    shutil.copy(small.pdf, target)
    os.utime(target, (0, 0))
    assert main(["report", str(small.answers_path), "-o", str(target)]) == 0
    assert target.stat().st_mtime > 0
    assert_whole_report(target, small.answers_path, small.pdf)
    assert _debris(tmp_path) == []


def test_report_command_output_is_a_folder(
    sample: Sample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(sample.answers_path), "-o", str(tmp_path)]) == 1
    assert "是一个文件夹；请指定报告的文件名" in capsys.readouterr().err


def test_report_is_not_written_into_a_pipe(
    sample: Sample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opening a named pipe to look at it would wait for a writer forever."""
    target = tmp_path / "报告.pdf"
    os.mkfifo(target)
    assert main(["report", str(sample.answers_path), "-o", str(target)]) == 1
    assert "报告.pdf 不是普通文件，没有写入" in capsys.readouterr().err


def test_a_report_name_as_long_as_the_file_system_allows(
    small: SmallReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / ("报" * 82 + ".pdf")  # 250 bytes, of the 255 a name may have
    assert main(["report", str(small.answers_path), "-o", str(target)]) == 0
    assert_whole_report(target, small.answers_path, small.pdf)


def test_a_full_disk_leaves_the_earlier_report_and_no_debris(
    small: SmallReport,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "报告.pdf"
    shutil.copy(small.pdf, target)
    earlier = target.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert main(["report", str(small.answers_path), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "无法写入报告文件" in err and "磁盘空间已满" in err
    assert "Traceback" not in err
    assert target.read_bytes() == earlier
    assert _debris(tmp_path) == []


def test_killed_report_command_leaves_no_debris(sample: Sample, tmp_path: Path) -> None:
    """`kill` (SIGTERM) while the report is laid out, as a shutting-down session does."""
    target = tmp_path / "报告.pdf"
    command = [sys.executable, "-m", "checklist", "report", str(sample.answers_path)]
    run = subprocess.Popen(
        [*command, "-o", str(target)], stderr=subprocess.PIPE, text=True, cwd=tmp_path
    )
    assert run.stderr is not None
    # Progress lines: stop it at the second page count, with the layout well under way.
    counts = (line for line in run.stderr if "排版第" in line)
    next(counts), next(counts)
    run.send_signal(signal.SIGTERM)
    rest = run.stderr.read()
    assert run.wait(timeout=30) == 128 + signal.SIGTERM
    assert "Traceback" not in rest
    assert not target.exists()
    assert _debris(tmp_path) == []


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_report_command_killed_outright_leaves_no_process_behind(
    sample: Sample, tmp_path: Path
) -> None:
    """`kill -9` while the parts are laid out: the workers laying them out end too."""
    command = [sys.executable, "-m", "checklist", "report", str(sample.answers_path)]
    run = subprocess.Popen(
        [*command, "-o", str(tmp_path / "报告.pdf")], stderr=subprocess.PIPE, text=True
    )
    assert run.stderr is not None
    for line in run.stderr:  # progress lines: the parts are being laid out
        if "排版" in line:
            break
    children = Path(f"/proc/{run.pid}/task/{run.pid}/children").read_text().split()
    assert children, "the parts are laid out in worker processes"
    run.kill()
    run.wait(timeout=30)
    deadline = time.monotonic() + 60
    while any(_alive(int(pid)) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(int(pid)) for pid in children)


def test_a_read_only_report_is_kept_and_a_link_is_written_through(
    small: SmallReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = str(small.answers_path)
    kept = tmp_path / "存档.pdf"
    shutil.copy(small.pdf, kept)
    kept.chmod(0o444)  # filed away as it was handed in
    before = kept.read_bytes()
    assert main(["report", answers, "-o", str(kept)]) == 1
    assert "存档.pdf 是只读文件，没有覆盖" in capsys.readouterr().err
    assert kept.read_bytes() == before and _debris(tmp_path) == []

    folder = tmp_path / "reports"
    folder.mkdir()
    real = folder / "unit.pdf"
    link = tmp_path / "latest.pdf"
    link.symlink_to(real)
    assert main(["report", answers, "-o", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert_whole_report(real, small.answers_path, small.pdf)
