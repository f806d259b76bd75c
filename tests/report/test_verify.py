"""`checklist verify`: passes on a fresh report, fails on an altered one."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdf
import pytest
from pypdf.annotations import FreeText

from checklist.answers import AnswersStore
from checklist.cli import main
from checklist.criteria.load import source_of
from checklist.report import side_by_side
from checklist.report.content import build_content
from checklist.report.fingerprint import ATTACHMENT_NAME
from checklist.report.pdf.writer import Renderer

from .conftest import SMALL_STANDARD, RenderedSample, SmallReport


def _rewrite(source: Path, target: Path, *, attachment: bytes | None = None, **meta: str) -> None:
    """Copy a PDF with pypdf, replacing the embedded answers and/or metadata entries."""
    reader = pypdf.PdfReader(source)
    writer = pypdf.PdfWriter(clone_from=reader)
    if attachment is not None:
        # drop the original name tree, then attach the forged answers under the same name
        names = writer._root_object.get("/Names")
        if names is not None and "/EmbeddedFiles" in names:
            del names[pypdf.generic.NameObject("/EmbeddedFiles")]
        writer.add_attachment(ATTACHMENT_NAME, attachment)
    if meta:
        writer.add_metadata({f"/{k}": v for k, v in meta.items()})
    buffer = io.BytesIO()
    writer.write(buffer)
    target.write_bytes(buffer.getvalue())


@pytest.mark.real_remake  # the whole way, as an inspector runs it
def test_verify_passes_on_fresh_report(
    rendered: RenderedSample, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(rendered.pdf)]) == 0
    out = capsys.readouterr().out
    assert "✗" not in out
    assert "报告与内嵌答卷一致" in out


def test_report_made_in_the_apps_way_passes_verify(
    small: SmallReport, renderer: Renderer, tmp_path: Path, single_threaded: None
) -> None:
    """The app's process may render beside other threads, the command line lays the
    parts out in forked workers (see side_by_side.py). Both must print the same pages."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not side_by_side.can_fork()
        target = renderer.render(small.pack, small.answers_path, tmp_path / "app.pdf").path
    finally:
        stop.set()
        other.join()
    assert side_by_side.can_fork()  # verify remakes it in a child
    assert main(["verify", str(target)]) == 0


def test_verify_fails_when_attachment_is_altered(
    small: SmallReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = small.answers_path.read_bytes()
    forged = original.replace("王建华".encode(), "张三".encode(), 1)
    assert forged != original
    target = tmp_path / "forged.pdf"
    _rewrite(small.pdf, target, attachment=forged)
    assert pypdf.PdfReader(target).attachments[ATTACHMENT_NAME] == [forged]
    assert main(["verify", str(target)]) == 1
    captured = capsys.readouterr()
    assert "✗ 报告指纹" in captured.out
    # The verdict follows the checks on stdout, as a genuine report's does.
    assert captured.out.splitlines()[-1].startswith("结论：报告未通过核验")
    assert "Traceback" not in captured.err


def test_verify_fails_when_printed_metadata_is_altered(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "meta.pdf"
    _rewrite(rendered.pdf, target, checklisttotal="99", checklistgrade="示范")
    assert main(["verify", str(target)]) == 1
    out = capsys.readouterr().out
    assert "✗ 总分" in out and "✗ 等次" in out


def test_verify_fails_when_printed_figures_are_forged(
    small: SmallReport,
    renderer: Renderer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A report whose printed total and 等次 do not come from its answers (a unit
    that edited the figures on the cover before printing) is caught by re-scoring."""
    raw = small.answers_path.read_bytes()
    content = build_content(small.pack, raw)
    forged = dataclasses.replace(content, total="99", grade="示范")  # the cover's table
    target = tmp_path / "forged-figures.pdf"
    renderer.write(forged, raw, target, standard=source_of(small.pack))
    assert main(["verify", str(target)]) == 1
    out = capsys.readouterr().out
    assert "✗ 总分：封面印制 99，" in out
    assert "✗ 等次：封面印制 示范，" in out


def test_verify_fails_against_another_standard(
    small: SmallReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = tmp_path / "changed.toml"
    changed.write_text(
        SMALL_STANDARD.read_text(encoding="utf-8").replace(
            'edition = "测试版"', 'edition = "第二版"'
        ),
        encoding="utf-8",
    )
    assert main(["verify", str(small.pdf), "--criteria", str(changed)]) == 1
    out = capsys.readouterr().out
    assert "✗ 评价标准" in out
    assert "✗ 报告指纹" in out


def test_verify_rejects_non_pdf_without_traceback(
    rendered: RenderedSample, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(rendered.sample.answers_path)]) == 1
    err = capsys.readouterr().err
    assert "不是 PDF 文件；请指定 checklist report 生成的 PDF 报告" in err
    assert "Traceback" not in err


def test_verify_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path / "none.pdf")]) == 1
    assert "找不到报告文件" in capsys.readouterr().err


def test_verify_pdf_without_attachment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    target = tmp_path / "blank.pdf"
    with target.open("wb") as f:
        writer.write(f)
    assert main(["verify", str(target)]) == 1
    assert "没有内嵌答卷" in capsys.readouterr().err


def _refused(target: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What `checklist verify` prints of a report it refuses (exit 1)."""
    assert main(["verify", str(target)]) == 1
    return capsys.readouterr().out


def _edit_page(source: Path, target: Path, page: int, edit: Callable[[bytes], bytes]) -> None:
    """Copy a PDF, rewriting one page's content stream (what a forger's editor does):
    the last, which draws the page's own text after its running header and footer."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(source))
    contents = writer.pages[page]["/Contents"].get_object()
    if isinstance(contents, pypdf.generic.ArrayObject):
        contents = contents[-1].get_object()
    contents.set_data(edit(contents.get_data()))
    writer.write(target)


def _swap_two_glyph_runs(content: bytes) -> bytes:
    """Exchange the glyphs of two text-showing operations: the page now prints other
    characters in the same places, as when a figure is edited."""
    runs = re.findall(rb"\[(<[0-9a-f]+>[^\]]*)\] TJ", content)
    first, second = next((a, b) for a in runs for b in runs if a != b)
    return content.replace(first, b"\0", 1).replace(second, first, 1).replace(b"\0", second, 1)


def test_verify_fails_when_a_page_is_edited(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "edited.pdf"
    _edit_page(rendered.pdf, target, 2, _swap_two_glyph_runs)
    out = _refused(target, capsys)
    assert "✗ 页面文字：第 3 页的文字与按内嵌答卷重新生成的报告不符" in out
    assert "✗ 页面版面：第 3 页所绘内容" in out
    # The figures the cover and the metadata print are untouched and still check out.
    assert "✓ 总分" in out and "✓ 报告指纹" in out


def test_verify_fails_when_a_patch_is_drawn_over_a_page(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A white box drawn over a figure leaves the page's text as it was."""
    target = tmp_path / "patched.pdf"
    _edit_page(rendered.pdf, target, 0, lambda c: c + b"\nq 1 1 1 rg 150 400 300 60 re f Q\n")
    out = _refused(target, capsys)
    assert "✓ 页面文字" in out
    assert "✗ 页面版面：第 1 页所绘内容" in out


def test_verify_fails_when_a_note_is_pasted_on_a_page(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(rendered.pdf))
    writer.add_annotation(0, FreeText(text="自评总分 99 分", rect=(150, 400, 450, 460)))
    target = tmp_path / "annotated.pdf"
    writer.write(target)
    assert "✗ 页面版面：第 1 页所绘内容" in _refused(target, capsys)


def test_verify_fails_when_a_page_is_dropped(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(rendered.pdf))
    pages = len(writer.pages)
    writer.remove_page(pages // 2)
    target = tmp_path / "dropped.pdf"
    writer.write(target)
    out = _refused(target, capsys)
    assert f"✗ 页数：报告 {pages - 1} 页，按内嵌答卷重新生成 {pages} 页" in out


def test_verify_explains_an_encrypted_report(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # AES-256, which pypdf cannot even open without an extra package.
    target = tmp_path / "locked.pdf"
    subprocess.run(
        ["qpdf", "--encrypt", "", "owner", "256", "--", str(rendered.pdf), str(target)],
        check=True,
    )
    assert main(["verify", str(target)]) == 1
    err = capsys.readouterr().err
    assert "报告已加密（设置了密码或权限），无法核验" in err
    assert "Traceback" not in err


def _script_on_opening(pdf: pikepdf.Pdf) -> None:
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    pdf.Root.OpenAction = pdf.make_indirect(script)


def _named_script(pdf: pikepdf.Pdf) -> None:
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    pdf.Root.Names.JavaScript = pikepdf.Dictionary(Names=[pikepdf.String("a"), script])


def _bookmark_action(pdf: pikepdf.Pdf) -> None:
    link = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.com"))
    pdf.Root.Outlines.First.A = link


def _add_attachment(pdf: pikepdf.Pdf) -> None:
    names = pdf.Root.Names.EmbeddedFiles.Names
    data = pikepdf.Stream(pdf, b"echo pwned")
    data.Type = pikepdf.Name.EmbeddedFile
    spec = pikepdf.Dictionary(
        Type=pikepdf.Name.Filespec,
        F="请先运行.bat",
        UF="请先运行.bat",
        EF=pikepdf.Dictionary(F=pdf.make_indirect(data)),
    )
    names.append(pikepdf.String("请先运行.bat"))
    names.append(pdf.make_indirect(spec))


def _attach_as_a_tool_would(pdf: pikepdf.Pdf) -> None:
    # Listed in the catalog's /AF as well: an attached file, not an action.
    pdf.attachments["请先运行.bat"] = pikepdf.AttachedFileSpec(pdf, b"echo pwned")
    assert "/AF" in pdf.Root


def _retitle_bookmark(pdf: pikepdf.Pdf) -> None:
    with pdf.open_outline() as outline:
        outline.root[0].title = "检查组核定：100 分 示范"


def _retitle(pdf: pikepdf.Pdf) -> None:
    pdf.docinfo["/Title"] = "另一个单位自评报告"


def _describe_attachment(pdf: pikepdf.Pdf) -> None:
    pdf.Root.Names.EmbeddedFiles.Names[1].Desc = pikepdf.String("检查组已核定：100 分，示范")


def _label_pages(pdf: pikepdf.Pdf) -> None:
    # Viewers number the pages as the table says: the cover becomes page 附-1.
    pdf.Root.PageLabels = pikepdf.Dictionary(
        Nums=[0, pikepdf.Dictionary(S=pikepdf.Name.D, P=pikepdf.String("附-"))]
    )


def _retarget_destination(pdf: pikepdf.Pdf) -> None:
    # The same name, leading elsewhere: a link to a section opens another page.
    tree = pikepdf.NameTree(pdf.Root.Names.Dests)
    name, target = next(iter(tree.items()))
    here = next(n for n, page in enumerate(pdf.pages) if page.obj.objgen == target[0].objgen)
    elsewhere = pdf.pages[(here + 1) % len(pdf.pages)].obj
    tree[name] = pikepdf.Array([elsewhere, *list(target)[1:]])


_ADDED = "✗ 文档动作：报告含有重新生成的报告所没有的 "
_CHANGED = "✗ 文档信息：与按内嵌答卷重新生成的报告不同："


@pytest.mark.parametrize(
    ("tamper", "said"),
    [
        (_script_on_opening, _ADDED + "/OpenAction"),
        (_named_script, _ADDED + "/Names /JavaScript"),
        (_bookmark_action, _ADDED + "书签的 /A"),
        (_add_attachment, _CHANGED + "附件"),
        (_attach_as_a_tool_would, _CHANGED + "附件"),
        (_retitle_bookmark, _CHANGED + "书签"),
        (_retitle, _CHANGED + "文档属性 /Title"),
        (_describe_attachment, _CHANGED + "附件"),
        (_label_pages, _CHANGED + "页码标签（/PageLabels）"),
        (_retarget_destination, _CHANGED + "命名目标（/Dests）"),
    ],
)
def test_verify_fails_when_the_report_is_altered_beside_its_pages(
    rendered: RenderedSample,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    tamper: Callable[[pikepdf.Pdf], None],
    said: str,
) -> None:
    """The pages stay as they were, and yet: a viewer runs scripts and actions on
    opening or on a click (one could draw a forged score over a page), and shows the
    bookmarks, the title and the attached files (an extra program, a verdict), numbers
    the pages by their labels and follows links by named destinations."""
    target = tmp_path / "altered.pdf"
    with pikepdf.open(rendered.pdf) as pdf:
        tamper(pdf)
        pdf.save(target)
    out = _refused(target, capsys)
    assert said in out
    assert "✓ 页面版面" in out
    if said.startswith(_CHANGED):  # a file, a title or a label runs nothing: no action
        assert "✓ 文档动作" in out


def test_a_character_no_font_has_is_named_and_the_report_still_verifies(
    small: SmallReport, renderer: Renderer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rare character of a name, kept in a private-use code point as some systems do:
    no installed font has it. The report says which and where, and the box it prints
    (WeasyPrint gives its font an encoding of its own) does not fail verify."""
    rare = "\U000f0000"
    path = tmp_path / "生僻字.answers.toml"
    with AnswersStore.open(path, small.pack) as store:
        store.set_profile(unit=f"某厅{rare}机关工会")
    line = next(n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if rare in text)
    report = renderer.render(small.pack, path, tmp_path / "报告.pdf")
    assert f"“{rare}”（U+F0000，答卷第 {line} 行）" in report.glyphs_notice
    assert "改写这些字" in report.glyphs_notice
    assert main(["verify", str(report.path)]) == 0
    assert "✗" not in capsys.readouterr().out


def test_a_control_character_no_font_has_is_found_in_the_answers_not_the_standard(
    small: SmallReport, renderer: Renderer, tmp_path: Path
) -> None:
    """TOML writes an escape character as \\u001b: searched for as written, it was
    never found in the answers, and the notice blamed the standard."""
    path = tmp_path / "控制字符.answers.toml"
    with AnswersStore.open(path, small.pack) as store:
        store.set_profile(unit="某厅\x1b[2J机关工会")
    lines = path.read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "\\u001b" in text.lower())
    report = renderer.render(small.pack, path, tmp_path / "报告.pdf")
    assert f"答卷第 {line} 行" in report.glyphs_notice, report.glyphs_notice
    assert "评价标准中" not in report.glyphs_notice


def test_report_without_assessment_date_verifies_on_a_later_day(
    renderer: Renderer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without a 自评日期 the answers' dates are judged against the day the report is
    made. Verified on any later day, an untouched report must still pass: here the
    five-year term of an election in June 2016 had not run out when the report was
    made (New Year 2020), and has by the time anyone verifies it."""
    from tests.support.builders import make_pack

    # The 换届 item of the shipped standard, alone: a veto on the term (of 基本情况).
    term = {"id": "a-01", "kind": "date", "points": 2, "veto": True}
    pack = make_pack({**term, "max_age_from_profile": "term_years"})
    answers = tmp_path / "unit.toml"
    with AnswersStore.open(answers, pack) as store:
        store.set_profile(unit="某厅机关工会", term_years=5, last_election=dt.date(2016, 6, 1))
        store.set_answer("a-01", value=dt.date(2016, 6, 1))
    made = dt.datetime(2020, 1, 1, 9, 0, tzinfo=dt.UTC)
    result = renderer.render(pack, answers, tmp_path / "undated.pdf", now=made)
    assert result.grade == "示范"  # the term still ran then
    cover = pypdf.PdfReader(result.path).pages[0].extract_text()
    assert "按 2020年1月1日 计分" in re.sub(r"\s+", " ", cover)
    assert main(["verify", str(result.path)]) == 0
    out = capsys.readouterr().out
    assert "✗" not in out
    assert f"重新计分 {result.total}" in out


def test_a_damaged_attachment_is_told_in_chinese(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "damaged.pdf"
    with pikepdf.open(rendered.pdf) as pdf:
        pdf.Root.Names.EmbeddedFiles.Names[1].EF = pikepdf.Dictionary()
        pdf.save(target)
    assert main(["verify", str(target)]) == 1
    err = capsys.readouterr().err
    assert "无法取出内嵌答卷" in err and "请向报送单位索取原始报告文件" in err
    assert "Error" not in err


def _small_standard(folder: Path, *changes: tuple[str, str]) -> Path:
    """A copy of the small standard in `folder`, each (old, new) replaced once."""
    text = SMALL_STANDARD.read_text("utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "small.toml"
    path.write_text(text, "utf-8")
    return path


def _small_report(tmp_path: Path, standard: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """`checklist report` of a small unit's answers made against the file `standard`."""
    from checklist.criteria import load_pack

    answers = tmp_path / "unit.toml"
    with AnswersStore.open(answers, load_pack(standard)) as store:
        store.set_profile(unit="某厅机关工会", assessed_on=dt.date(2026, 11, 24))
        store.set_answer("a-01", value=True)
        store.set_answer("a-02", value="好")
        store.set_answer("a-03", value=["甲", "乙"])
        store.set_answer("b-01", value=90.0)
    pdf = tmp_path / "unit.pdf"
    assert main(["report", str(answers), "-o", str(pdf), "--criteria", str(standard)]) == 0
    capsys.readouterr()
    return pdf


def test_a_report_carries_the_exact_file_of_its_standard(rendered: RenderedSample) -> None:
    from checklist.locations import shipped_standard
    from checklist.report.fingerprint import STANDARD_ATTACHMENT_NAME

    reader = pypdf.PdfReader(rendered.pdf)
    assert reader.attachments[STANDARD_ATTACHMENT_NAME] == [shipped_standard().read_bytes()]
    described = {f.name: f.description for f in reader.attachment_list}
    assert described[STANDARD_ATTACHMENT_NAME] == "计分所依据的评价标准原件"


def test_verify_names_the_shipped_standard_the_report_carries(
    rendered: RenderedSample, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(rendered.pdf)]) == 0
    out = capsys.readouterr().out
    fingerprint = rendered.sample.pack.fingerprint[:16]
    assert (
        "✓ 评价标准：报告内嵌“《机关工会工作暂行条例》贯彻落实示范单位评价标准”（2026年版，"
        f"××省直机关工会工作委员会发布，编号 tiaoli-demo，指纹 {fingerprint}），按它核验"
    ) in out
    assert "✓ 本机标准：与本机的标准相同（随程序发布：" in out


def test_a_report_verifies_where_its_standard_is_not_installed_and_says_so(
    small_report: SmallReport, capsys: pytest.CaptureFixture[str], no_installed_standards: Path
) -> None:
    pdf = small_report.pdf
    assert main(["verify", str(pdf)]) == 0  # no --criteria: the standard it carries
    out = capsys.readouterr().out
    assert "✓ 评价标准：报告内嵌“测试标准”（测试版，测试单位发布，编号 test-pack，指纹 " in out
    assert (
        "！ 本机标准：本机没有安装这份标准（编号 test-pack），以上核验依据报告内嵌的标准；"
        "请向发布单位核实这份标准"
    ) in out
    assert "✗" not in out
    assert out.splitlines()[-1].startswith(
        "结论：报告与内嵌答卷一致：按报告所依据的标准重新计分的总分、等次和报告指纹均相符"
    )
    assert "但报告所依据的标准“测试标准”（测试版）不是本机安装的标准" in out.splitlines()[-1]

    installed = _small_standard(no_installed_standards)  # the same file, installed here
    assert main(["verify", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert f"✓ 本机标准：与本机的标准相同（已安装：{installed}）" in out
    assert "！" not in out


def test_a_loosened_standard_under_an_installed_id_and_edition_fails_verify(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_installed_standards: Path
) -> None:
    """A report scored against a copy of the installed standard with a lower pass line
    and a veto item made ordinary, under the same id and edition, is consistent in
    itself: it must not pass as the installed standard."""
    installed = _small_standard(
        no_installed_standards, ('kind = "yes_no"', 'kind = "yes_no"\n    veto = true')
    )
    loosened = _small_standard(tmp_path / "loosened", ("pass = 16", "pass = 10"))
    pdf = _small_report(tmp_path, loosened, capsys)
    assert main(["verify", str(pdf)]) == 1
    out = capsys.readouterr().out
    assert (
        f"✗ 本机标准：报告内嵌的标准与本机编号、版本相同的标准（已安装：{installed}，指纹 "
    ) in out
    assert (
        "内容不同：[pack] grades 为 示范 18 分以上、达标 10 分以上（本机为 示范 18 分以上、达标 16 分以上）；内容不同的条目 a-01。"
        in out
    )
    assert "报告所依据的不是本机的这份标准，它被改动过" in out
    assert out.splitlines()[-1] == (
        "结论：报告未通过核验：报告所依据的标准沿用了本机一份标准的编号和版本，"
        "内容却与之不同，不能当作那份标准。"
    )
    # Checked against the installed file by name, the report fails as well.
    assert main(["verify", str(pdf), "--criteria", str(installed)]) == 1
    out = capsys.readouterr().out
    assert "✗ 评价标准：报告内嵌的标准“测试标准”" in out
    assert "与 --criteria 指定的标准“测试标准”" in out


def test_a_report_of_another_edition_of_an_installed_standard_passes_with_a_warning(
    small_report: SmallReport, capsys: pytest.CaptureFixture[str], no_installed_standards: Path
) -> None:
    _small_standard(no_installed_standards, ('edition = "测试版"', 'edition = "第二版"'))
    assert main(["verify", str(small_report.pdf)]) == 0
    out = capsys.readouterr().out
    assert (
        "！ 本机标准：报告按编号 test-pack 标准的另一版本（测试版）计分，本机有的是 第二版（已安装："
        in out
    )


def test_criteria_option_checks_a_carried_standard_against_that_file(
    small_report: SmallReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    standard = _small_standard(tmp_path / "issuer")
    assert main(["verify", str(small_report.pdf), "--criteria", str(standard)]) == 0
    assert "与 --criteria 指定的标准相同" in capsys.readouterr().out


def test_a_report_made_before_reports_carried_their_standard_verifies_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], renderer: Renderer
) -> None:
    """Such a report has only its answers attached: it is checked against the
    standard installed here that it names, or the file --criteria names."""
    from checklist.criteria import load_pack
    from checklist.report.fingerprint import STANDARD_ATTACHMENT_NAME

    standard = _small_standard(tmp_path / "issuer")
    answers = tmp_path / "unit.toml"
    with AnswersStore.open(answers, load_pack(standard)) as store:
        store.set_answer("a-01", value=True)
    raw = answers.read_bytes()
    old = tmp_path / "old.pdf"
    renderer.write(build_content(load_pack(standard), raw), raw, old, standard=None)
    assert STANDARD_ATTACHMENT_NAME not in pypdf.PdfReader(old).attachments
    assert main(["verify", str(old), "--criteria", str(standard)]) == 0
    assert "✓ 评价标准：报告按“测试标准”" in capsys.readouterr().out
    assert main(["verify", str(old)]) == 1  # not installed: checked against the default
    out = capsys.readouterr().out
    assert "✗ 评价标准：报告没有内嵌标准，所用标准（指纹 " in out
    assert "与本机的标准都不同" in out


def test_a_damaged_carried_standard_is_told_in_chinese(
    small_report: SmallReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from checklist.report.fingerprint import STANDARD_ATTACHMENT_NAME

    target = tmp_path / "damaged.pdf"
    with pikepdf.open(small_report.pdf) as document:
        spec = document.attachments[STANDARD_ATTACHMENT_NAME]
        document.attachments[STANDARD_ATTACHMENT_NAME] = pikepdf.AttachedFileSpec(
            document, b"[pack\n", description=spec.description
        )
        document.save(target)
    assert main(["verify", str(target)]) == 1
    err = capsys.readouterr().err
    assert "报告内嵌的评价标准无法读取，报告可能被改动过" in err
    assert "内嵌标准 criteria.toml:1:" in err
    assert "Traceback" not in err
