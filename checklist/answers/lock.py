"""One editor per answers file: a lock file beside it naming the holder.

The lock is created with O_EXCL, so two processes cannot both take it. A lock left
by a crashed process on this host (its pid no longer runs) is stale and replaced.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

# A process writes its lock within milliseconds of creating it; an empty or
# unreadable lock older than this was left by a crash.
_UNREADABLE_LOCK_GRACE = 10.0


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        return f"用户 {self.user}（主机 {self.host}，进程 {self.pid}，自 {self.since} 起）"


class LockedError(Exception):
    """The answers file is being edited by another process."""

    def __init__(self, path: Path, holder: Holder | None) -> None:
        self.holder = holder
        who = holder.describe() if holder else "另一个程序"
        super().__init__(
            f"{path} 正由{who}编辑。请先在那里退出；若确认那个程序已不在运行，"
            f"可删除锁文件 {lock_path(path)} 后再打开。"
        )


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _me() -> Holder:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "?"
    since = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return Holder(os.getpid(), socket.gethostname(), user, since)


def _read_holder(path: Path) -> Holder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["user"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_stale(holder: Holder | None) -> bool:
    """Only a lock from this host whose process has gone can be judged stale."""
    return holder is not None and holder.host == socket.gethostname() and not _alive(holder.pid)


class AnswersLock:
    """Held while a process edits an answers file; release() or use as a context manager."""

    def __init__(self, answers_path: Path) -> None:
        self.path = lock_path(answers_path)
        self._answers_path = answers_path
        self._held = False

    def acquire(self) -> None:
        me = _me()
        payload = json.dumps(me.__dict__, ensure_ascii=False).encode("utf-8")
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = _read_holder(self.path)
                if holder is not None and holder.pid == me.pid and holder.host == me.host:
                    raise LockedError(self._answers_path, holder) from None
                if _is_stale(holder) or (holder is None and self._abandoned()):
                    self.path.unlink(missing_ok=True)
                    continue
                raise LockedError(self._answers_path, holder) from None
            with os.fdopen(fd, "wb") as f:
                f.write(payload)
                f.flush()
                os.fsync(f.fileno())
            self._held = True
            return
        raise LockedError(self._answers_path, _read_holder(self.path))

    def _abandoned(self) -> bool:
        """An unreadable lock (a crash between creating and writing it) that has aged."""
        try:
            age = time.time() - self.path.stat().st_mtime
        except FileNotFoundError:
            return True
        return age > _UNREADABLE_LOCK_GRACE

    def release(self) -> None:
        if self._held:
            self.path.unlink(missing_ok=True)
            self._held = False

    def __enter__(self) -> AnswersLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
