"""One editor per answers file, for as long as its process lives.

The lock is an flock on `<name>.lock` beside the answers file (the file a symbolic
link leads to), which also records who holds it (user, host, process, since) for
the message to whoever is refused. The system drops an flock when its process ends,
however it ends, so the lock of a process that crashed or was killed is taken over
at once. A second name of the same file (a hard link) has a lock file of its own:
it is found by a second flock, on the answers file itself, moved to each new version
of the file as the store saves it (`follow`).

A lock file that names another host is respected even when no one holds its flock:
a network share may not pass flocks between hosts, and whether the process there
still runs cannot be known from here.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        return f"用户 {self.user}（主机 {self.host}，进程 {self.pid}，自 {self.since} 起）"


class LockedError(Exception):
    """The answers file is being edited by another process; `other` is the other
    name under which it is open, when it is open under another name and that is known."""

    def __init__(
        self, path: Path, holder: Holder | None, *, other: Path | None = None, aliased: bool = False
    ) -> None:
        self.holder = holder
        who = holder.describe() if holder else "另一个程序"
        if other is not None:
            text = f"{path} 与 {other} 是同一个文件，正由{who}编辑。请先在那里退出后再打开。"
        elif aliased:
            text = f"{path} 正由{who}以另一个文件名打开编辑。请先在那里退出后再打开。"
        else:
            text = (
                f"{path} 正由{who}编辑。请先在那里退出；若确认那个程序已不在运行，"
                f"可删除锁文件 {lock_path(path)} 后再打开。"
            )
        super().__init__(text)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _me() -> Holder:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    since = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return Holder(os.getpid(), socket.gethostname(), user, since)


def _holder(record: bytes) -> Holder | None:
    try:
        data = json.loads(record.decode("utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["user"]), str(data["since"]))
    except (ValueError, KeyError, TypeError):
        return None


def _record(fd: int) -> bytes:
    return os.pread(fd, 4096, 0)


def _flock(fd: int) -> bool:
    """Take the flock on `fd` if no one holds it."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _same_file(fd: int, path: Path) -> bool:
    try:
        found, held = os.stat(path), os.fstat(fd)
    except FileNotFoundError:
        return False
    return (found.st_dev, found.st_ino) == (held.st_dev, held.st_ino)


class AnswersLock:
    """Held while a process edits an answers file; release() or use as a context manager."""

    def __init__(self, answers_path: Path) -> None:
        self.path = lock_path(answers_path)
        self._answers_path = answers_path
        self._fd = -1  # the lock file
        self._file_fd = -1  # the answers file as it now is

    def acquire(self) -> None:
        """Take the lock; raises LockedError naming the holder when another process has it."""
        fd = self._open_lock_file()
        previous = _holder(_record(fd))
        if previous is not None and previous.host != socket.gethostname():
            os.close(fd)  # theirs: left as it is
            raise LockedError(self._answers_path, previous)
        # Free, or left by a process of this host that has ended: ours now.
        self._fd = fd
        try:
            if not self.follow():
                raise self._held_under_another_name()
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(asdict(_me()), ensure_ascii=False).encode("utf-8"), 0)
        except BaseException:
            self.release()
            raise

    def follow(self) -> bool:
        """Hold the answers file as it now is: a save replaces it by a new file. False
        when another process holds it, under another name."""
        try:
            fd = os.open(self._answers_path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return True  # not made yet; or unreadable, which reading it will say
        if not _flock(fd):
            os.close(fd)
            return False
        if self._file_fd >= 0:
            os.close(self._file_fd)
        self._file_fd = fd
        return True

    def release(self) -> None:
        if self._file_fd >= 0:
            os.close(self._file_fd)
            self._file_fd = -1
        if self._fd >= 0:
            # Removed while still held, so that no one takes a lock file on its way out;
            # one that is no longer ours (deleted by hand, made anew) is left alone.
            if _same_file(self._fd, self.path):
                self.path.unlink(missing_ok=True)
            os.close(self._fd)
            self._fd = -1

    def _open_lock_file(self) -> int:
        """The lock file, open and flocked by this process; raises LockedError."""
        for _ in range(10):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            if not _flock(fd):
                holder = _holder(_record(fd))
                os.close(fd)
                raise LockedError(self._answers_path, holder)
            if _same_file(fd, self.path):
                return fd
            # Its holder removed it between our opening it and taking it: try anew.
            os.close(fd)
        raise LockedError(self._answers_path, None)

    def _held_under_another_name(self) -> LockedError:
        """The error for a file another process edits under another name (a hard link):
        its holder is named when that name is in the same folder."""
        try:
            this = os.stat(self._answers_path)
        except OSError:
            return LockedError(self._answers_path, None, aliased=True)
        for lock in sorted(self._answers_path.parent.glob("*.lock")):
            other = lock.with_name(lock.name.removesuffix(".lock"))
            try:
                found = os.stat(other)
                record = lock.read_bytes()
            except OSError:
                continue
            if other != self._answers_path and (found.st_dev, found.st_ino) == (
                this.st_dev,
                this.st_ino,
            ):
                return LockedError(self._answers_path, _holder(record), other=other)
        return LockedError(self._answers_path, None, aliased=True)

    def __enter__(self) -> AnswersLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
