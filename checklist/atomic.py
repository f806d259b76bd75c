"""Replacing a file whole or not at all: the one way this program writes a file.

The new content goes to a temporary file in the same folder, created with the
permissions the file is to have from the start (those of the file it replaces: an
answers file holds names and phone numbers, and one made readable by its owner alone
is never readable by others, not even for a moment), is forced to disk, and then
takes the file's place in one step; the folder is synced too, so that the new name
survives a power cut. A crash leaves the old file or the new one, never a mix. On
request the previous content is kept as `<name>.bak`, with the same permissions.
Used by the answers store, the app's record of where the user stopped, and the report.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from types import TracebackType


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


class AtomicFile:
    """A file about to be replaced.

    Entering creates the temporary file, so that a folder that cannot be written to
    is known before the content is made (a report takes a while to lay out);
    `commit` puts the content in place; leaving without `commit` removes the
    temporary file, and `path` is as it was.
    """

    def __init__(self, path: Path, *, backup: bool = False) -> None:
        self.path = path
        self.backup = backup
        self._mode: int | None = None  # of the file replaced; None when there is none
        self._fd = -1
        self._temporary: Path | None = None

    def __enter__(self) -> AtomicFile:
        try:
            self._mode = os.stat(self.path).st_mode & 0o777
        except FileNotFoundError:
            self._mode = None
        self._fd, self._temporary = _create_beside(self.path, self._mode)
        return self

    def commit(self, data: bytes) -> None:
        """Write `data` and put it in place; raises OSError (a full disk …), and then
        the file is as it was."""
        assert self._temporary is not None, "AtomicFile.commit outside its with block"
        fd, self._fd = self._fd, -1
        _write_synced(fd, data)
        if self.backup and self._mode is not None:
            _keep_backup(self.path, self._mode)
        os.replace(self._temporary, self.path)
        self._temporary = None
        _sync_folder(self.path.parent)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if self._temporary is not None:
            self._temporary.unlink(missing_ok=True)
            self._temporary = None


def write_atomically(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Replace `path` by `data` whole or not at all; `backup` keeps the previous
    content as `<name>.bak`."""
    with AtomicFile(path, backup=backup) as target:
        target.commit(data)


def _create_beside(path: Path, mode: int | None) -> tuple[int, Path]:
    """A new temporary file in `path`'s folder, open for writing, with `mode` (or,
    for a new file, the permissions any new file gets: 0666 less the umask).

    Its name is short and of its own: a long file name plus a suffix may exceed what
    the file system allows."""
    name = path.with_name(f".checklist-{os.getpid()}-{secrets.token_hex(4)}.tmp")
    fd = os.open(
        name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666 if mode is None else mode
    )
    try:
        # The umask may have taken bits away from `mode`; they are given back, so the
        # file is never more open than the file it replaces, nor less.
        if mode is not None and os.fstat(fd).st_mode & 0o777 != mode:
            os.fchmod(fd, mode)
    except OSError:
        os.close(fd)
        name.unlink(missing_ok=True)
        raise
    return fd, name


def _write_synced(fd: int, data: bytes) -> None:
    """Write all of `data` to `fd`, force it to disk and close `fd`."""
    with os.fdopen(fd, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def _keep_backup(path: Path, mode: int) -> None:
    """The content of `path` as `<name>.bak`, itself written atomically."""
    try:
        previous = path.read_bytes()
    except FileNotFoundError:
        return  # removed meanwhile: nothing to keep
    fd, temporary = _create_beside(path, mode)
    try:
        _write_synced(fd, previous)
        os.replace(temporary, backup_path(path))
    finally:
        temporary.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Force the folder's entries to disk (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
