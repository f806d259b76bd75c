"""Every change the app makes to the answers file goes through `save`.

A save can fail: a value the answers model refuses, evidence still cited, a full
disk or a folder that became read-only, a file another program changed meanwhile, a
file that tomlkit (which edits it) cannot parse although it was read at opening. The
user is told in Chinese and the app keeps going; the file on disk stays as it was last
saved (saves are atomic).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError
from textual.widget import Widget

from checklist.answers import ChangedOnDiskError, EvidenceInUseError
from checklist.answers.model import ANSWER_FIELDS
from checklist.problems import ProblemsError, display_path, os_error_text, translate_error

T = TypeVar("T")


def write_failure(exc: OSError, path: Path) -> str:
    """A failed write in Chinese: why, where, and that the file on disk is intact."""
    where = display_path(Path(exc.filename)) if exc.filename else display_path(path)
    return (
        f"保存失败：{os_error_text(exc)}（{where}）。文件仍是上次保存的内容，刚才的修改尚未写入；"
        "请腾出空间或检查权限后重试"
    )


def save(
    node: Widget,
    path: Path,
    change: Callable[[], T],
    *,
    invalid: Callable[[str], None] | None = None,
) -> T | None:
    """Run one store change and return its result, or None when it failed.

    A failure is shown as a Chinese notification; a value the model refuses goes to
    `invalid` instead when given (e.g. a message under the field that was typed in).
    """
    try:
        return change()
    except ValidationError as exc:
        message = translate_error(exc.errors()[0], ANSWER_FIELDS, keys=False)
        if invalid is not None:
            invalid(message)
        else:
            node.notify(f"未保存：{message}", severity="error", timeout=8)
    except EvidenceInUseError as exc:
        node.notify(str(exc), severity="error", timeout=8)
    except ChangedOnDiskError as exc:  # its message says what happened and what to do
        node.notify(str(exc), severity="error", timeout=30)
    except OSError as exc:
        node.notify(write_failure(exc, path), severity="error", timeout=15)
    except ProblemsError as exc:  # located, and says the file was not changed
        node.notify(f"未保存：{exc}", severity="error", timeout=30)
    except (ValueError, KeyError) as exc:
        node.notify(f"未保存：{exc.args[0] if exc.args else exc}", severity="error", timeout=8)
    return None
