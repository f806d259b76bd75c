"""Standards already validated, kept in the user's cache folder: a standard opened
again with the same bytes is read back as the models its validation made, without
parsing and validating it anew (for a standard of 1,000 items, some 50-90 ms of each
start, and the pydantic schemas of the models built besides).

A unit's answers are never kept here: they hold names and telephone numbers, which
must not outlive the file the chair keeps, and each session that changes an answer
makes another file, which a copy kept from the last opening would not match.

An entry is found by a hash of the file's bytes together with the program reading
them: the program's version, Python's and pydantic's, and the source of every module
the models and their validation live in. A changed file, or a changed program, looks
for another entry and, finding none, is validated in full. What is read back is
trusted only whole: an entry starts with the SHA-256 of the rest, and one that is
short, altered or not of the kind asked for is ignored (and replaced). Only what
passed validation is kept; a file with errors is never cached, so it is reported as
ever, by file, line and field.

The cache is a convenience: a folder that cannot be read or written only means the
file is validated each time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_MAGIC = b"checklist validated 1\n"
_DIGEST = hashlib.sha256().digest_size
_KEPT = 32  # entries kept in the folder; the oldest go first
_PACKAGE = Path(__file__).resolve().parent
# The folders (in the package) of the modules the models and their validation are in.
_MODEL_SOURCES = ("", "criteria", "criteria/kinds")


_used = 0  # how many `used()` blocks are open


@contextmanager
def used() -> Iterator[None]:
    """Within the block, `load_pack` reads back what was validated
    before too (`checklist run` finds the standard of an answers file with it before
    the app opens both; the app's own loading always does). Other commands, and the
    tests, validate every file they read."""
    global _used
    _used += 1
    try:
        yield
    finally:
        _used -= 1


def in_use() -> bool:
    return _used > 0


# The bytes of the entry this process read last, and what they hold: `checklist run`
# reads the standard to find the one the answers were made against, and the app then
# reads the same entry again (for 1,000 items, some 10 ms to unpickle).
_last: tuple[bytes, object] | None = None


def cached_or_made(kind: str, raw: bytes, expected: type[T], make: Callable[[], T]) -> T:
    """What `make()` returns for a file of bytes `raw` (of the kind named by `kind`:
    "standard"): from the cache when this program made it before from the
    same bytes (the very object when the entry is the one this process read last, as
    it was), else made now (and kept when it is an `expected`). Whatever `make`
    raises (a ProblemsError) is raised as ever."""
    global _last
    path = _entry(kind, raw)
    if path is not None:
        data = _read(path)
        if data is not None:
            if _last is not None and _last[0] == data and type(_last[1]) is expected:
                return _last[1]
            found = _held(data, expected)
            if found is not None:
                _last = (data, found)
                return found
    made = make()
    if path is not None and isinstance(made, expected):
        write_entry(path, made)
    return made


def cache_folder() -> Path:
    from checklist.locations import cache_dir

    return cache_dir() / "validated"


def _entry(kind: str, raw: bytes) -> Path | None:
    program = _program()
    if program is None:
        return None
    key = hashlib.sha256(program + kind.encode() + b"\0" + raw).hexdigest()
    return cache_folder() / f"{kind}-{key}.pickle"


@cache
def _program() -> bytes | None:
    """A digest of what decides the models made from given bytes; None when the
    program's source cannot be read (then nothing is cached)."""
    import pydantic
    import pydantic_core

    from checklist import __version__

    digest = hashlib.sha256(
        f"{sys.version}|{pydantic.VERSION}|{pydantic_core.__version__}|{__version__}".encode()
    )
    try:
        for folder in _MODEL_SOURCES:
            where = _PACKAGE / folder
            for name in sorted(e.name for e in os.scandir(where) if e.name.endswith(".py")):
                digest.update(f"{folder}/{name}\0".encode())
                digest.update((where / name).read_bytes())
    except OSError:
        return None
    return digest.digest()


def read_entry(path: Path, expected: type[T]) -> T | None:
    """The object kept at `path`, when the entry is whole and holds an `expected`."""
    data = _read(path)
    return None if data is None else _held(data, expected)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _held(data: bytes, expected: type[T]) -> T | None:
    """The object an entry's bytes hold, when they are whole and it is an `expected`."""
    head = len(_MAGIC) + _DIGEST
    if not data.startswith(_MAGIC) or len(data) <= head:
        return None
    body = memoryview(data)[head:]
    if hashlib.sha256(body).digest() != data[len(_MAGIC) : head]:
        return None
    try:
        found = pickle.loads(body)
    except Exception:  # an entry this program cannot read is as good as none
        return None
    return found if type(found) is expected else None


def write_entry(path: Path, made: object, kept: int | None = None) -> None:
    """Keep `made` at `path` (with its digest), and only the newest `kept` entries of
    its folder; a folder that cannot be written is left as it is."""
    try:
        body = pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # something that cannot be pickled is not kept
        return
    # Written beside it under a name of this process's own, then put in its place
    # whole: a reader finds the old entry, the new one or none.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(_MAGIC + hashlib.sha256(body).digest() + body)
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        if path.parent not in _pruned:  # once a process: a start writes a few dozen
            _pruned.add(path.parent)
            _prune(path.parent, kept or _KEPT)
    except OSError:
        return


_pruned: set[Path] = set()  # the folders this process has pruned


def _prune(folder: Path, kept: int) -> None:
    """Keep the newest entries: an edited standard is another one."""
    entries = sorted(
        (entry.stat().st_mtime_ns, entry.path)
        for entry in os.scandir(folder)
        if entry.name.endswith(".pickle")
    )
    for _, old in entries[:-kept]:
        Path(old).unlink(missing_ok=True)
