"""The app's report service: a worker process of its own that keeps one renderer."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from checklist.locations import shipped_standard
from checklist.problems import ProblemsError
from checklist.report.output import OutputRefusedError
from checklist.report.pdf.service import RenderService, SetupError
from checklist.report.pdf.writer import Renderer
from checklist.report.side_by_side import ChildDiedError
from tests.support.processes import exit_code

from .conftest import Sample, SmallReport, assert_whole_report

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture
def service() -> Iterator[RenderService]:
    """A service of the test's own: it is started, killed or closed."""
    running = RenderService()
    yield running
    running.close(wait=True)  # its threads end too: the next tests may fork


@pytest.fixture(scope="module")
def shared_service() -> Iterator[RenderService]:
    """One service for the tests that only ask it for reports, as the app does: its
    worker process starts once (WeasyPrint, the fonts)."""
    running = RenderService()
    yield running
    running.close(wait=True)


def _pid(service: RenderService) -> int:
    process = service.process
    assert process is not None and process.pid is not None
    return process.pid


def test_reports_come_back_with_progress_from_one_service(
    shared_service: RenderService, renderer: Renderer, sample: Sample, tmp_path: Path
) -> None:
    seen: list[tuple[float, str]] = []
    warnings: list[str] = []
    first = shared_service.render(
        sample.pack,
        sample.answers_path,
        tmp_path / "first.pdf",
        renderer.families,
        lambda f, m: seen.append((f, m)),
        warnings.append,
    )
    pid = _pid(shared_service)
    assert pid != os.getpid()
    assert first.path == tmp_path / "first.pdf" and first.pages > 10
    reader = pypdf.PdfReader(first.path)
    assert len(reader.pages) == first.pages
    assert reader.attachments["answers.toml"] == [sample.answers_path.read_bytes()]
    # The standard the app read, carried across to the process that writes the report.
    assert reader.attachments["criteria.toml"] == [shipped_standard().read_bytes()]
    fractions = [f for f, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and fractions == sorted(fractions)
    assert any("排版第" in m for _, m in seen)
    assert warnings == []  # HarfBuzz's subsetter is installed here

    second = shared_service.render(
        sample.pack, sample.answers_path, tmp_path / "second.pdf", renderer.families,
        lambda f, m: None, warnings.append,
    )  # fmt: skip
    assert _pid(shared_service) == pid  # the same process, with the renderer it built
    assert second.fingerprint == first.fingerprint and second.pages == first.pages


def test_a_prepared_service_writes_the_next_report_in_the_same_process(
    service: RenderService, renderer: Renderer, small: SmallReport, tmp_path: Path
) -> None:
    service.prepare(renderer.families)
    pid = _pid(service)  # started, without waiting for its renderer
    report = service.render(
        small.pack, small.answers_path, tmp_path / "r.pdf", renderer.families,
        lambda f, m: None, print,
    )  # fmt: skip
    assert _pid(service) == pid
    assert_whole_report(report.path, small.answers_path, small.pdf)


def test_a_renderer_that_cannot_be_prepared_fails_the_next_report(
    shared_service: RenderService, sample: Sample, tmp_path: Path
) -> None:
    shared_service.prepare(("No Such Font",))
    with pytest.raises(SetupError) as raised:
        shared_service.render(
            sample.pack, sample.answers_path, tmp_path / "r.pdf", ("No Such Font",),
            lambda f, m: None, print,
        )  # fmt: skip
    assert "fonts-noto-cjk" in str(raised.value.cause)


def test_errors_of_a_report_come_back_as_themselves(
    shared_service: RenderService, renderer: Renderer, sample: Sample, tmp_path: Path
) -> None:
    other = tmp_path / "notes.pdf"
    other.write_text("not a report", encoding="utf-8")
    with pytest.raises(OutputRefusedError, match="不是 PDF 报告"):
        shared_service.render(
            sample.pack, sample.answers_path, other, renderer.families,
            lambda f, m: None, print,
        )  # fmt: skip
    assert other.read_text(encoding="utf-8") == "not a report"

    broken = tmp_path / "broken.answers.toml"
    broken.write_text('[profile]\nunit = "未闭合\n', encoding="utf-8")
    with pytest.raises(ProblemsError) as raised:
        shared_service.render(
            sample.pack, broken, tmp_path / "broken.pdf", renderer.families,
            lambda f, m: None, print,
        )  # fmt: skip
    assert raised.value.problems and broken.name in raised.value.problems[0].file


def test_no_chinese_font_is_a_setup_error(
    shared_service: RenderService, sample: Sample, tmp_path: Path
) -> None:
    from checklist.report.pdf.fonts import FontsMissingError

    with pytest.raises(SetupError) as raised:
        shared_service.render(
            sample.pack, sample.answers_path, tmp_path / "r.pdf", ("No Such Font",),
            lambda f, m: None, print,
        )  # fmt: skip
    assert raised.value.stage == "renderer"
    assert isinstance(raised.value.cause, FontsMissingError)
    assert "fonts-noto-cjk" in str(raised.value.cause)


def test_a_killed_service_is_told_and_the_next_report_starts_a_new_one(
    service: RenderService, renderer: Renderer, sample: Sample, small: SmallReport, tmp_path: Path
) -> None:
    killed: list[int] = []

    def kill_it(fraction: float, message: str) -> None:
        if fraction > 0.1 and not killed:
            killed.append(_pid(service))
            os.kill(killed[0], signal.SIGKILL)

    target = tmp_path / "killed.pdf"
    with pytest.raises(ChildDiedError, match="意外退出"):
        service.render(sample.pack, sample.answers_path, target, renderer.families, kill_it, print)
    assert not target.exists()
    again = service.render(
        small.pack, small.answers_path, target, renderer.families, lambda f, m: None, print
    )
    assert _pid(service) != killed[0]  # a new service wrote it
    assert_whole_report(again.path, small.answers_path, small.pdf)


def test_closing_ends_the_service(
    service: RenderService, renderer: Renderer, small: SmallReport, tmp_path: Path
) -> None:
    service.render(
        small.pack, small.answers_path, tmp_path / "r.pdf", renderer.families,
        lambda f, m: None, print,
    )  # fmt: skip
    process = service.process
    assert process is not None
    service.close()
    assert exit_code(process) == 0
