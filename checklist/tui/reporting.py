"""The PDF report from the app, written by a process of its own (report/pdf/service.py).

That process starts when the summary opens, or with the first report, and keeps its
renderer for the reports that follow. A report is the app's work, not a screen's: it
goes on when the summary that asked for it closes, a summary opened meanwhile shows
how far it is, and no second report starts before it ends (which would first have
to wait for it, while the first one's "报告已生成" reads as the second's). Every
failure becomes a Chinese message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App

from checklist.criteria.model import Pack
from checklist.locations import default_report
from checklist.problems import ProblemsError, display_path, os_error_text
from checklist.report.output import OutputRefusedError

if TYPE_CHECKING:
    from checklist.report.pdf.service import RenderService, SetupError
    from checklist.report.pdf.writer import Progress, RenderedReport


class ReportFailed(Exception):
    """The report could not be written; the message says why, in Chinese."""


@dataclass(frozen=True)
class ReportJob:
    """A report being written, or the last one written: what a summary shows of it."""

    output: Path
    fraction: float = 0.0
    message: str = "准备生成报告……"
    done: bool = False
    failed: bool = False
    text: str = ""  # once done: why it failed, or notes on the report written


Listener = Callable[[ReportJob], None]


class Reports:
    """The app's reports: one at a time, each in a worker of the app's."""

    # Whether `prepare` starts loading the renderer (a process of its own, seconds of
    # work) before a report is asked for; if not, the first report starts it.
    PREPARE_AHEAD: ClassVar[bool] = True

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._service: RenderService | None = None
        self.job: ReportJob | None = None
        self._listeners: list[Listener] = []

    @property
    def busy(self) -> bool:
        """Whether a report is being written."""
        return self.job is not None and not self.job.done

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with the job whenever it changes, on the app's thread; the
        function returned stops that."""
        self._listeners.append(listener)
        return partial(self._listeners.remove, listener)

    def start(self, pack: Pack, answers: Path) -> bool:
        """Write the report of the answers file beside it, unless a report is being
        written; whether it started."""
        if self.busy:
            return False
        output = default_report(answers)
        self._change(ReportJob(output))
        self._app.run_worker(
            partial(self._write, pack, answers, output),
            thread=True,
            group="report",
            exit_on_error=False,
        )
        return True

    def _write(self, pack: Pack, answers: Path, output: Path) -> None:
        """The worker: in a thread of its own, never the app's."""
        call = self._app.call_from_thread

        def progress(fraction: float, message: str) -> None:
            call(self._update, fraction=fraction, message=message)

        try:
            result = self.render(pack, answers, output, progress)
            told = (result.edition_notice, result.glyphs_notice, result.doubts_notice)
            notes = "\n".join(f"注意：{n}" for n in told if n)
        except ReportFailed as exc:
            call(self._finish, failed=True, text=str(exc))
        except Exception as exc:  # a bug must neither close the app nor leave it busy
            call(self._finish, failed=True, text=f"程序出错：{exc!r}")
        else:
            call(self._finish, failed=False, text=notes)

    def _update(self, **changes: Any) -> None:
        if self.job is not None:
            self._change(replace(self.job, **changes))

    def _finish(self, *, failed: bool, text: str) -> None:
        assert self.job is not None
        self._change(replace(self.job, done=True, failed=failed, text=text, fraction=1.0))
        where = self.job.output
        if failed:
            self._app.notify("生成报告失败，原因见自评概要", severity="error", timeout=10)
        elif text:
            self._app.notify(f"报告已生成：{where}，另有注意事项，见自评概要", severity="warning")
        else:
            self._app.notify(f"报告已生成：{where}", timeout=10)

    def _change(self, job: ReportJob) -> None:
        self.job = job
        for listener in list(self._listeners):
            listener(job)

    def render(self, pack: Pack, answers: Path, output: Path, progress: Progress) -> RenderedReport:
        """Write the report of `answers` to `output`; call it from a worker thread."""
        from checklist.report.commands import font_families  # honours $CHECKLIST_FONTS
        from checklist.report.pdf.service import SetupError
        from checklist.report.side_by_side import ChildDiedError

        try:
            return self._started().render(
                pack, answers, output, font_families(), progress, self._warn
            )
        except SetupError as exc:
            raise ReportFailed(_setup_failure(exc)) from exc
        except OutputRefusedError as exc:
            raise ReportFailed(exc.in_app) from exc
        except ChildDiedError as exc:
            raise ReportFailed(str(exc)) from exc
        except ProblemsError as exc:
            raise ReportFailed(f"无法读取答卷文件：\n{exc}") from exc
        except OSError as exc:
            where = display_path(output)
            raise ReportFailed(f"无法写入报告文件 {where}：{os_error_text(exc)}") from exc

    def _warn(self, message: str) -> None:
        """The renderer's Chinese warnings (e.g. a missing font library that makes
        reports slow), from the worker thread."""
        self._app.call_from_thread(self._app.notify, message, severity="warning", timeout=15)

    def prepare(self) -> None:
        """Have the renderer ready for a report that may come soon (it takes a few
        seconds to load); returns at once."""
        from checklist.report.commands import font_families

        if not self.PREPARE_AHEAD:
            return
        self._started().prepare(font_families())

    def _started(self) -> RenderService:
        from checklist.report.pdf.service import RenderService

        if self._service is None:
            self._service = RenderService()
        return self._service

    def close(self) -> None:
        if self._service is not None:
            self._service.close()


def _setup_failure(error: SetupError) -> str:
    from checklist.report.pdf.fonts import FontsMissingError

    cause = error.cause
    if error.stage == "libraries":
        return (
            f"无法加载 PDF 排版所需的系统库（{cause}）。请运行 ./setup.sh 安装，"
            "或用 apt-get 安装 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0。"
        )
    if isinstance(cause, FontsMissingError):
        from checklist.report.commands import fonts_problem

        return fonts_problem(cause)
    if isinstance(cause, OSError):
        return f"无法准备报告的字体和样式：{os_error_text(cause)}"
    return f"无法准备报告：{cause!r}"
