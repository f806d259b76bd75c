"""`checklist run`: open the terminal app; every failure is a Chinese message, never a traceback."""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.problems import os_error_text

if TYPE_CHECKING:
    from textual.app import App

    from checklist.answers.session import TomlStore


def run(answers_path: Path | None, criteria_path: Path | None) -> int:
    """Run the app on an answers file; returns the process exit code."""
    from checklist.answers.lock import LockedError
    from checklist.problems import ProblemsError
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
        print(f"无法打开答卷文件 {where}：{os_error_text(exc)}", file=sys.stderr)
        return 1
    path = app.store.path
    if answers_path is None:
        print(f"使用默认答卷文件：{path}")
    return serve(app, app.store)


def serve(app: App[None], store: TomlStore) -> int:
    """Run `app`, which edits `store`, until the user leaves; say where the work is."""
    # A closed terminal sends SIGHUP: leave through the normal exit so the lock goes.
    # Textual can block on writing to the terminal that is gone; if it has not left
    # a few seconds later, what it saved stays saved and the lock goes all the same.
    left = threading.Event()

    def hung_up(*_: object) -> None:
        app.call_later(app.action_quit)
        threading.Thread(target=_leave_if_stuck, args=(store, left), daemon=True).start()

    previous = signal.signal(signal.SIGHUP, hung_up)
    try:
        app.run()
    finally:
        left.set()
        signal.signal(signal.SIGHUP, previous)
        where, saved = _last_save(store)
        store.close()
    print(where, file=sys.stdout if saved else sys.stderr)
    return 0 if saved else 1


def _leave_if_stuck(store: TomlStore, left: threading.Event, wait: float = 5.0) -> None:
    if left.wait(wait):
        return
    _last_save(store)  # no one to tell: the terminal is gone
    store.close()
    os._exit(1)


def _last_save(store: TomlStore) -> tuple[str, bool]:
    """Where the work is, said truly: a save that failed during the session (a
    full disk, a vanished folder) is tried again, and else the content is kept in
    a copy of its own."""
    what, content = store.WHAT, store.CONTENT
    saved = (f"{content}已保存在 {store.path}", True)
    if not store.unsaved:
        return saved
    try:
        kept = store.save_unsaved()
    except OSError as exc:
        return (
            f"最后的修改未能写入{what} {store.path}，也无法另存（{os_error_text(exc)}）；"
            "文件仍是上次保存的内容。",
            False,
        )
    if kept is None:
        return saved
    return (
        f"最后的修改未能写入{what} {store.path}，全部{content}已另存为 {kept}；"
        f"请核对两份文件，再用另存的文件替换{what}。",
        False,
    )
