"""The PDF report from the app: one renderer, made on first use, reused after.

Building a renderer loads WeasyPrint and fontconfig, which takes seconds: it is done
in the worker thread that writes the first report, never on the UI thread. Every
failure becomes a ReportFailed with a Chinese message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.criteria.model import Pack
from checklist.messages import ProblemsError, display_path, os_error_text
from checklist.report.output import OutputRefusedError

if TYPE_CHECKING:
    from checklist.report.render import Progress, RenderedReport, Renderer


class ReportFailed(Exception):
    """The report could not be written; the message says why, in Chinese."""


class Reports:
    """The app's one renderer. `warn` receives the renderer's Chinese warnings (e.g. a
    missing font library that makes reports slow), from the worker thread."""

    def __init__(self, warn: Callable[[str], None]) -> None:
        self._warn = warn
        self._renderer: Renderer | None = None
        # One report at a time: a renderer's fonts and stylesheet are not shared
        # between two layouts at once.
        self._lock = threading.Lock()

    def render(self, pack: Pack, answers: Path, output: Path, progress: Progress) -> RenderedReport:
        """Write the report of `answers` to `output`; call it from a worker thread."""
        with self._lock:
            renderer = self._renderer or self._make_renderer()
            try:
                return renderer.render(pack, answers, output, progress=progress)
            except OutputRefusedError as exc:
                raise ReportFailed(str(exc)) from exc
            except ProblemsError as exc:
                raise ReportFailed(f"无法读取答卷文件：\n{exc}") from exc
            except OSError as exc:
                where = display_path(output)
                raise ReportFailed(f"无法写入报告文件 {where}：{os_error_text(exc)}") from exc

    def _make_renderer(self) -> Renderer:
        from checklist.report.fonts import FontsMissingError
        from checklist.report.main import font_families  # honours $CHECKLIST_FONTS

        try:
            from checklist.report.render import Renderer
        except OSError as exc:  # WeasyPrint loads Pango and friends when imported
            raise ReportFailed(
                f"无法加载 PDF 排版所需的系统库（{exc}）。请运行 ./setup.sh 安装，"
                "或用 apt-get 安装 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0。"
            ) from exc
        try:
            self._renderer = Renderer(families=font_families(), warn=self._warn)
        except FontsMissingError as exc:
            raise ReportFailed(str(exc)) from exc
        except OSError as exc:
            raise ReportFailed(f"无法准备报告的字体和样式：{os_error_text(exc)}") from exc
        return self._renderer
