"""WeasyPrint is imported without running the compiler to find its libraries, and
still imports where only the search finds them."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
from pathlib import Path

import pytest

from checklist.report.pdf.engine import import_by_file_names


def test_loading_the_renderer_starts_no_other_program() -> None:
    # Before, each library name WeasyPrint tries in vain ran ldconfig, gcc and ld.
    code = (
        "import subprocess\n"
        "started = []\n"
        "start = subprocess.Popen.__init__\n"
        "def recorded(self, args, *rest, **options):\n"
        "    started.append(args)\n"
        "    start(self, args, *rest, **options)\n"
        "subprocess.Popen.__init__ = recorded\n"
        "import checklist.report.pdf.writer\n"
        "print(started)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def _module(folder: Path, name: str, body: str, monkeypatch: pytest.MonkeyPatch) -> str:
    (folder / f"{name}.py").write_text(body, encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.delitem(sys.modules, name, raising=False)
    return name


def test_a_library_only_the_search_finds_still_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if ctypes.util.find_library("c") is None:
        pytest.skip("the C library cannot be found by name here")
    name = _module(
        tmp_path,
        "needs_search",
        "import ctypes.util\n"
        "FOUND = ctypes.util.find_library('c')\n"
        "if FOUND is None:\n"
        "    print('could not load the C library, see the installation guide')\n"
        "    raise OSError('no C library')\n",
        monkeypatch,
    )
    module = import_by_file_names(name)
    assert module.FOUND
    # The help text of the attempt by file name is not shown: it did not fail in the end.
    assert capsys.readouterr().out == ""
    assert ctypes.util.find_library("c") == module.FOUND


def test_libraries_are_opened_by_file_name_without_a_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = _module(
        tmp_path,
        "by_file_name",
        "import ctypes.util\nSEARCHED = ctypes.util.find_library('c')\n",
        monkeypatch,
    )
    assert import_by_file_names(name).SEARCHED is None


def test_a_library_nowhere_to_be_found_fails_as_without_the_shortcut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name = _module(
        tmp_path,
        "never_found",
        "print('could not load libnothing')\nraise OSError('no libnothing')\n",
        monkeypatch,
    )
    with pytest.raises(OSError, match="libnothing"):
        import_by_file_names(name)
    assert capsys.readouterr().out == "could not load libnothing\n"
