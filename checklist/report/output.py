"""Where a report may be written: over an earlier report, never over anything else.

No WeasyPrint here, so that the app can name the error without loading it.
"""

from __future__ import annotations

from pathlib import Path

from checklist.messages import display_path, os_error_text


class OutputRefusedError(Exception):
    """The output path holds something that is not a report: it is left alone."""


def check_replaceable(path: Path) -> None:
    """Refuse to write a report over a file that is not a PDF, or one we cannot read.

    A report is rewritten freely (that is how a unit updates it), but `-o` pointing
    by mistake at an answers file, a document or a file of another user must not
    destroy it.
    """
    name = display_path(path)
    if path.is_dir():
        raise OutputRefusedError(f"{name} 是一个文件夹；请指定报告的文件名，例如 {name}/报告.pdf")
    try:
        with path.open("rb") as existing:
            head = existing.read(5)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputRefusedError(
            f"{name} 已存在但无法读取（{os_error_text(exc)}），没有覆盖；请换一个报告文件名"
        ) from None
    if head and head != b"%PDF-":
        raise OutputRefusedError(
            f"{name} 已存在，且不是 PDF 报告，没有覆盖；请换一个报告文件名，或先移走这个文件"
        )
