"""The PDF report from the app, written by a service process (report/service.py).

The service starts when the summary opens, or with the first report, and keeps its
renderer for the reports that follow. Every failure becomes a ReportFailed with a Chinese message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.criteria.model import Pack
from checklist.messages import ProblemsError, display_path, os_error_text
from checklist.report.output import OutputRefusedError

if TYPE_CHECKING:
    from checklist.report.render import Progress, RenderedReport
    from checklist.report.service import RenderService, SetupError


class ReportFailed(Exception):
    """The report could not be written; the message says why, in Chinese."""


class Reports:
    """The app's reports. `warn` receives the renderer's Chinese warnings (e.g. a
    missing font library that makes reports slow), from the worker thread."""

    def __init__(self, warn: Callable[[str], None]) -> None:
        self._warn = warn
        self._service: RenderService | None = None

    def render(self, pack: Pack, answers: Path, output: Path, progress: Progress) -> RenderedReport:
        """Write the report of `answers` to `output`; call it from a worker thread."""
        from checklist.report.forked import ChildDiedError
        from checklist.report.main import font_families  # honours $CHECKLIST_FONTS
        from checklist.report.service import SetupError

        try:
            return self._started().render(
                pack, answers, output, font_families(), progress, self._warn
            )
        except SetupError as exc:
            raise ReportFailed(_setup_failure(exc)) from exc
        except (OutputRefusedError, ChildDiedError) as exc:
            raise ReportFailed(str(exc)) from exc
        except ProblemsError as exc:
            raise ReportFailed(f"无法读取答卷文件：\n{exc}") from exc
        except OSError as exc:
            where = display_path(output)
            raise ReportFailed(f"无法写入报告文件 {where}：{os_error_text(exc)}") from exc

    def prepare(self) -> None:
        """Have the renderer ready for a report that may come soon (it takes a few
        seconds to load); returns at once."""
        from checklist.report.main import font_families

        self._started().prepare(font_families())

    def _started(self) -> RenderService:
        from checklist.report.service import RenderService

        if self._service is None:
            self._service = RenderService()
        return self._service

    def close(self) -> None:
        if self._service is not None:
            self._service.close()


def _setup_failure(error: SetupError) -> str:
    from checklist.report.fonts import FontsMissingError

    cause = error.cause
    if error.stage == "libraries":
        return (
            f"无法加载 PDF 排版所需的系统库（{cause}）。请运行 ./setup.sh 安装，"
            "或用 apt-get 安装 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0。"
        )
    if isinstance(cause, FontsMissingError):
        return str(cause)
    if isinstance(cause, OSError):
        return f"无法准备报告的字体和样式：{os_error_text(cause)}"
    return f"无法准备报告：{cause!r}"
