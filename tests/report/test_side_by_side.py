"""Work done in forked worker processes: its result, progress and errors reach the caller."""

from __future__ import annotations

import os
import signal
import threading
from functools import partial
from pathlib import Path

import pytest

from checklist.problems import Problem, ProblemsError
from checklist.report import side_by_side
from checklist.report.output import OutputRefusedError
from checklist.report.pdf.fonts import FontsMissingError

from .conftest import RenderedSample

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture(autouse=True)
def _alone(single_threaded: None) -> None:
    """Every test here starts in a process with a single thread."""


def test_result_and_progress_come_back_from_a_child_process() -> None:
    def work(tell: side_by_side.Tell) -> tuple[int, list[str]]:
        tell("progress", 0.5, "排版第 1 页")
        tell("progress", 0.9, "写入 PDF")
        return os.getpid(), ["答卷", "报告"]

    seen: list[tuple[object, ...]] = []
    [(pid, values)] = side_by_side.run([work], lambda *told: seen.append(told))
    assert pid != os.getpid()
    assert values == ["答卷", "报告"]
    assert seen == [(0, "progress", 0.5, "排版第 1 页"), (0, "progress", 0.9, "写入 PDF")]


def test_the_childs_error_is_raised_in_the_caller(tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "report.pdf"

    def work(tell: side_by_side.Tell) -> None:
        missing.write_bytes(b"%PDF")

    with pytest.raises(FileNotFoundError) as raised:
        side_by_side.run([work], lambda *told: None)
    assert raised.value.filename == str(missing)


def test_an_error_that_cannot_be_pickled_still_arrives_as_its_text() -> None:
    class Unpicklable(Exception):
        def __reduce__(self) -> object:
            raise TypeError("no")

    def work(tell: side_by_side.Tell) -> None:
        raise Unpicklable("排版失败")

    with pytest.raises(RuntimeError, match="排版失败"):
        side_by_side.run([work], lambda *told: None)


def test_a_child_that_dies_is_reported_in_chinese() -> None:
    def work(tell: side_by_side.Tell) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(
        side_by_side.ChildDiedError, match=f"意外退出（信号 {int(signal.SIGKILL)}）"
    ):
        side_by_side.run([work], lambda *told: None)


def test_works_run_side_by_side_and_their_results_come_back_in_order() -> None:
    import multiprocessing

    together = multiprocessing.get_context("fork").Barrier(3, timeout=60)

    def work(number: int, tell: side_by_side.Tell) -> tuple[int, int]:
        tell("page", number * 10)
        together.wait()  # passed only when all three run at once
        return number, os.getpid()

    heard: list[tuple[int, str, int]] = []
    results = side_by_side.run(
        [partial(work, number) for number in range(3)],
        lambda index, kind, value: heard.append((index, kind, value)),
    )
    assert [number for number, _ in results] == [0, 1, 2]
    pids = {pid for _, pid in results}
    assert len(pids) == 3 and os.getpid() not in pids
    assert sorted(heard) == [(0, "page", 0), (1, "page", 10), (2, "page", 20)]


def test_of_several_failing_works_the_first_ones_error_is_raised() -> None:
    def work(number: int, tell: side_by_side.Tell) -> None:
        if number == 2:
            raise KeyError("第三部分")
        if number == 1:
            raise ValueError("第二部分排版失败")

    with pytest.raises(ValueError, match="第二部分排版失败"):
        side_by_side.run([partial(work, number) for number in range(3)], lambda *told: None)


def test_a_large_result_arrives_whole() -> None:
    # Larger than a pipe's buffer, so it arrives in many reads.
    pdf = os.urandom(3 << 20)
    assert side_by_side.run([lambda tell: pdf], lambda *told: None) == [pdf]


def test_with_other_threads_running_the_work_stays_in_this_process() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert side_by_side.run([lambda tell: os.getpid()], lambda *told: None) == [os.getpid()]
    finally:
        stop.set()
        other.join()


@pytest.mark.real_remake  # verify's remake dies too
def test_a_report_whose_layout_process_dies_leaves_nothing_behind(
    rendered: RenderedSample, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from checklist.cli import main
    from checklist.report.pdf.writer import Renderer

    def killed(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(Renderer, "_lay_out", killed)
    target = rendered.pdf.with_name("killed.pdf")
    answers = rendered.sample.answers_path
    assert main(["report", str(answers), "-o", str(target)]) != 0
    assert "生成报告的子进程意外退出" in capsys.readouterr().err
    assert not target.exists()
    assert not list(target.parent.glob(".killed.pdf.*"))  # no temporary file either
    assert main(["verify", str(rendered.pdf)]) != 0
    assert "生成报告的子进程意外退出" in capsys.readouterr().err


def test_the_childs_traceback_comes_along_as_a_note() -> None:
    def layout_step(tell: side_by_side.Tell) -> None:
        raise ValueError("坏的盒子")

    with pytest.raises(ValueError, match="坏的盒子") as raised:
        side_by_side.run([layout_step], lambda *told: None)
    notes = "".join(getattr(raised.value, "__notes__", []))
    assert "In the child process" in notes and "layout_step" in notes


@pytest.mark.parametrize(
    "error",
    [
        ProblemsError([Problem("unit.answers.toml", 3, 1, "unit", "无法解析")], more_checks=True),
        FontsMissingError(["Noto Serif CJK SC"]),
        OutputRefusedError("unit.answers.pdf 已存在，且不是 PDF 报告，没有覆盖", "改名", "移走"),
    ],
)
def test_our_errors_arrive_whole(error: Exception) -> None:
    def work(tell: side_by_side.Tell) -> None:
        raise error

    with pytest.raises(type(error)) as raised:
        side_by_side.run([work], lambda *told: None)
    assert str(raised.value) == str(error)
    assert raised.value.args == error.args
    assert (
        vars(raised.value).items()
        >= {k: v for k, v in vars(error).items() if k != "__notes__"}.items()
    )


def test_portable_keeps_what_pickles_and_turns_the_rest_into_text() -> None:
    refused = OutputRefusedError("已存在", "改名", "移走")
    assert side_by_side.portable(refused) is refused

    class Local(Exception):  # a class inside a function cannot be pickled
        pass

    text = side_by_side.portable(Local("字体文件损坏"))
    assert isinstance(text, RuntimeError) and str(text) == "Local: 字体文件损坏"


def test_a_work_started_ahead_runs_in_a_child_while_the_caller_goes_on() -> None:
    import multiprocessing

    caller_went_on = multiprocessing.get_context("fork").Event()

    def work() -> tuple[int, list[str]]:
        assert caller_went_on.wait(60)  # set only after `ahead` has returned
        return os.getpid(), ["答卷", "报告"]

    started = side_by_side.ahead(work)
    caller_went_on.set()
    pid, values = started.result()
    assert pid != os.getpid()
    assert values == ["答卷", "报告"]


def test_the_error_of_a_work_started_ahead_is_raised_by_its_result() -> None:
    error = ProblemsError([Problem("unit.answers.toml", 3, 1, "unit", "无法解析")])

    def work() -> None:
        raise error

    started = side_by_side.ahead(work)
    with pytest.raises(ProblemsError) as raised:
        started.result()
    assert str(raised.value) == str(error)


def test_a_work_started_ahead_whose_child_dies_is_reported_in_chinese() -> None:
    def work() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    started = side_by_side.ahead(work)
    with pytest.raises(
        side_by_side.ChildDiedError, match=f"意外退出（信号 {int(signal.SIGKILL)}）"
    ):
        started.result()


def test_with_other_threads_running_a_work_started_ahead_runs_here() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert side_by_side.ahead(os.getpid).result() == os.getpid()
    finally:
        stop.set()
        other.join()


def test_a_report_whose_content_process_dies_says_so_and_writes_nothing(
    rendered: RenderedSample, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from checklist.cli import main
    from checklist.report import commands

    def killed(*args: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(commands, "_prepared", killed)
    target = rendered.pdf.with_name("content-killed.pdf")
    assert main(["report", str(rendered.sample.answers_path), "-o", str(target)]) != 0
    assert "生成报告的子进程意外退出" in capsys.readouterr().err
    assert not target.exists()
