"""The renderer: fonts, the strict URL fetcher, progress, reuse, PDF/A, the command."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from checklist.cli import main
from checklist.report.pdf import fonts
from checklist.report.pdf.fonts import FontsMissingError
from checklist.report.pdf.writer import Renderer, StrictURLFetcher

from .conftest import RenderedSample, Sample, SmallReport, assert_whole_report


def test_content_module_does_not_import_weasyprint() -> None:
    code = (
        "import sys, checklist.report.content, checklist.report.fingerprint, "
        "checklist.report.verify; "
        "sys.exit(1 if 'weasyprint' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_content_module_imports_no_pdf_library() -> None:
    code = (
        "import sys, checklist.report.content; "
        "print(sorted(m for m in ('weasyprint', 'pikepdf', 'pypdf', 'textual') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_missing_cjk_font_stops_with_package_name(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(FontsMissingError) as info:
        Renderer(families=["No Such Font Family"])
    assert "fonts-noto-cjk" in str(info.value)
    assert "No Such Font Family" in str(info.value)

    monkeypatch.setattr(fonts, "chinese_families", lambda: set())
    with pytest.raises(FontsMissingError):
        Renderer()


def test_report_command_without_fonts_prints_chinese_message(
    sample: Sample,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(fonts, "chinese_families", lambda: set())
    assert main(["report", str(sample.answers_path), "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "找不到可用的中文字体" in err and "sudo apt-get install fonts-noto-cjk" in err
    assert not (tmp_path / "x.pdf").exists()


def test_fontconfig_lookup_agrees_with_fc_list() -> None:
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list")
    assert fonts._families_from_library() == fonts._families_from_command()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "https://example.com/x.css",
        "http://127.0.0.1/",
        "data:text/css,body{}",
        "checklist-resource:../writer.py",
        "checklist-resource:/etc/passwd",
    ],
)
def test_fetcher_refuses_everything_but_bundled_resources(url: str) -> None:
    fetcher = StrictURLFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_bundled_stylesheet() -> None:
    response = StrictURLFetcher().fetch("checklist-resource:page.css")
    assert b"@page" in response.read()


def test_html_and_css_cannot_fetch_local_files(renderer: Renderer, tmp_path: Path) -> None:
    """Even markup that is not escaped (our own template, were it wrong) reads no file."""
    from weasyprint import CSS, HTML

    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    image = tmp_path / "secret.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    html = HTML(
        string=(
            f'<html lang="zh-CN"><head><link rel="stylesheet" href="file://{secret}"></head>'
            f'<body><img src="file://{image}"><p style="background: url(file://{image})">'
            "测试</p></body></html>"
        ),
        url_fetcher=renderer.fetcher,
    )
    css = CSS(
        string=f'@import url("file://{secret}"); body {{ background-image: url("https://example.com/a.png") }}',
        url_fetcher=renderer.fetcher,
        font_config=renderer.font_config,
    )
    before = len(renderer.fetcher.refused)
    html.write_pdf(stylesheets=[css], font_config=renderer.font_config)
    refused = renderer.fetcher.refused[before:]
    assert any(str(secret) in u for u in refused)
    assert any(str(image) in u for u in refused)
    assert any(u.startswith("https://") for u in refused)


def test_second_report_reuses_renderer_and_reports_progress(
    rendered: object, renderer: Renderer, sample: Sample, tmp_path: Path
) -> None:
    font_config, stylesheet = renderer.font_config, renderer.stylesheet
    seen: list[tuple[float, str]] = []
    raw = sample.answers_path.read_bytes()
    result = renderer.render(
        sample.pack, raw, tmp_path / "again.pdf", progress=lambda f, m: seen.append((f, m))
    )
    assert renderer.font_config is font_config and renderer.stylesheet is stylesheet
    assert result.pages > 10
    fractions = [f for f, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert any("排版第" in m for _, m in seen)
    # answers given as bytes are embedded as they are
    assert pypdf.PdfReader(result.path).attachments["answers.toml"] == [raw]


def test_report_command_defaults_to_pdf_beside_answers(
    small: SmallReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "单位.answers.toml"
    shutil.copy(small.answers_path, answers)
    assert main(["report", str(answers)]) == 0
    out = capsys.readouterr().out
    pdf = tmp_path / "单位.answers.pdf"
    assert_whole_report(pdf, answers, small.pdf)
    assert "已生成自评报告" in out and "报告指纹" in out


def test_report_command_missing_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "none.toml")]) == 1
    err = capsys.readouterr().err
    assert "找不到答卷文件" in err and "Traceback" not in err


def test_report_command_corrupt_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[profile\nunit = 1\n", encoding="utf-8")
    assert main(["report", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "答卷文件无法解析" in err
    assert not bad.with_suffix(".pdf").exists()


def test_pdfa_report_passes_qpdf_and_verify(
    renderer: Renderer, small: SmallReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "archive.pdf"
    renderer.render(small.pack, small.answers_path, target, pdfa=True)
    reader = pypdf.PdfReader(target)
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert b"pdfaid" in xmp.stream.get_data()
    root = reader.trailer["/Root"]
    assert (
        b'pdfaid:part="3"' in xmp.stream.get_data() or b"<pdfaid:part>3<" in xmp.stream.get_data()
    )
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    # Each attached file listed once: WeasyPrint 70 lists each twice; the renderer's
    # finisher fixes that.
    specs = {str(spec.get_object()["/UF"]): spec.get_object() for spec in root["/AF"]}
    assert len(root["/AF"]) == len(specs) == 2
    assert specs["answers.toml"]["/AFRelationship"] == "/Source"
    assert specs["criteria.toml"]["/AFRelationship"] == "/Data"
    for spec in specs.values():
        assert spec["/EF"]["/F"].get_object()["/Subtype"] == "/application/toml"
    if shutil.which("qpdf"):
        check = subprocess.run(["qpdf", "--check", str(target)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    assert main(["verify", str(target)]) == 0


def test_warns_in_chinese_when_harfbuzz_subsetter_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from weasyprint.text import ffi

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    warnings: list[str] = []
    Renderer(warn=warnings.append)
    assert len(warnings) == 1
    assert "libharfbuzz-subset0" in warnings[0] and "apt-get install" in warnings[0]


def test_no_warning_with_harfbuzz_subsetter(renderer: Renderer) -> None:
    from weasyprint.text import ffi

    if ffi.harfbuzz_subset is None:
        pytest.skip("libharfbuzz-subset0 is not installed here")
    warnings: list[str] = []
    Renderer(warn=warnings.append)
    assert warnings == []


def test_font_family_list_from_environment(
    sample: Sample,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CHECKLIST_FONTS", "Nonexistent Song, Another Missing Font")
    assert main(["report", str(sample.answers_path), "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    # The machine has Chinese fonts: what to mend is the variable, not the packages.
    assert (
        "已查找：Nonexistent Song、Another Missing Font。这些字体由环境变量 CHECKLIST_FONTS 指定"
        in err
    )
    assert "apt-get" not in err
    # With no Chinese font at all, installing one is the way.
    monkeypatch.setattr(fonts, "chinese_families", lambda: set())
    assert main(["report", str(sample.answers_path), "-o", str(tmp_path / "x.pdf")]) == 1
    assert "sudo apt-get install fonts-noto-cjk" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils")
def test_compact_fonts_draw_the_same_glyphs(
    rendered: RenderedSample, sample: Sample, tmp_path: Path
) -> None:
    """Fonts re-subset by compact.py (new glyph ids, CIDs kept in the charset) must draw
    exactly what WeasyPrint's own glyph-id-preserving fonts draw."""
    plain = tmp_path / "plain.pdf"
    Renderer(compact=False).render(sample.pack, sample.answers_path, plain)
    assert rendered.pdf.stat().st_size < plain.stat().st_size * 0.7

    def raster(pdf: Path, page: int) -> bytes:
        return subprocess.run(
            ["pdftoppm", "-r", "50", "-gray", "-f", str(page), "-l", str(page), str(pdf)],
            capture_output=True,
            check=True,
        ).stdout

    pages = len(pypdf.PdfReader(plain).pages)
    for page in (1, 2, pages // 2, pages):
        assert raster(rendered.pdf, page) == raster(plain, page), f"page {page} differs"


def test_compact_fonts_are_bare_cid_cff(rendered: RenderedSample) -> None:
    reader = pypdf.PdfReader(rendered.pdf)
    fonts = reader.pages[1]["/Resources"]["/Font"]
    for font in fonts.values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        if "UKai" in descendant["/BaseFont"]:  # TrueType: kept as WeasyPrint embeds it
            continue
        assert descendant["/Subtype"] == "/CIDFontType0"
        program = descendant["/FontDescriptor"]["/FontFile3"].get_object()
        assert program["/Subtype"] == "/CIDFontType0C"


def test_detail_cell_lines_are_newlines_and_user_line_breaks_spaces(renderer: Renderer) -> None:
    # The 评分明细 cells break lines with newlines under white-space: pre-line; a line
    # break inside user text must still print as a space, and the text stays escaped.
    template = renderer._env.from_string(
        '<td>{{ situation | lines }}{{ "\\n" }}<small>{{ text | one_line }}</small></td>'
    )
    html = template.render(
        situation=["完全达到", "说明：第一行\n第二行", "<img src=x>"], text="a\r\nb"
    )
    assert html == "<td>完全达到\n说明：第一行 第二行\n&lt;img src=x&gt;\n<small>a b</small></td>"


def test_rendering_pauses_the_garbage_collector_and_restores_it() -> None:
    import gc

    from checklist.report.pdf.writer import _collector_paused

    assert gc.isenabled()
    with _collector_paused():
        assert not gc.isenabled()
        with _collector_paused():  # a second render at the same time
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()

    gc.disable()
    try:
        with _collector_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_the_report_laid_out_without_the_margin_box_rules_is_the_same(
    renderer: Renderer, sample: Sample
) -> None:
    # writer._ReportHTML lays the report out without what WeasyPrint's user-agent
    # sheet says of the margin boxes: the cover, the main text and the running footer
    # must come out byte for byte as WeasyPrint's own sheet makes them.
    from weasyprint import HTML

    from checklist.report.content import build_content
    from checklist.report.pdf import markup, writer
    from checklist.report.pdf.parts import Part

    report = build_content(sample.pack, sample.answers_path.read_bytes())
    prepared = renderer.templates.prepared(report, b"", None)
    documents = [
        (renderer.html(report, Part(front=True)), renderer.stylesheet),
        (markup.running(prepared, 5), renderer.running_stylesheet),
    ]
    for html, stylesheet in documents:
        pdfs = [
            kind(string=html, url_fetcher=renderer.fetcher)
            .render(font_config=renderer.font_config, stylesheets=[stylesheet])
            .write_pdf()
            for kind in (writer._ReportHTML, HTML)
        ]
        assert len(pypdf.PdfReader(io.BytesIO(pdfs[0])).pages) >= 2
        assert pdfs[0] == pdfs[1]
