"""`checklist run`: open the terminal app; every failure is a Chinese message, never a traceback."""

from __future__ import annotations

import signal
import sys
from pathlib import Path


def run(answers_path: Path | None, criteria_path: Path | None) -> int:
    """Run the app on an answers file; returns the process exit code."""
    from checklist.answers.lock import LockedError
    from checklist.messages import ProblemsError
    from checklist.tui.app import make_app

    try:
        app = make_app(answers_path, criteria_path)
    except ProblemsError as exc:
        print(f"无法打开，文件未作任何改动：\n{exc}", file=sys.stderr)
        return 1
    except LockedError as exc:
        print(f"无法打开：{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = exc.filename or answers_path or ""
        print(f"无法打开答卷文件 {where}：{exc.strerror}", file=sys.stderr)
        return 1
    path = app.store.path
    if answers_path is None:
        print(f"使用默认答卷文件：{path}")

    # A closed terminal sends SIGHUP: leave through the normal exit so the lock goes.
    # Every answer is already on disk; only the lock file needs tidying.
    previous = signal.signal(signal.SIGHUP, lambda *_: app.call_later(app.action_quit))
    try:
        app.run()
    finally:
        signal.signal(signal.SIGHUP, previous)
        app.store.close()
    print(f"回答已保存在 {path}")
    return 0
