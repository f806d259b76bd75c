"""`checklist verify` reads a report as viewers do: a file that shows viewers one
thing and another program something else does not pass; a report another program
saved again without changing it passes, with a note; damaged files are told."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdf
import pytest

from checklist.cli import main

from .conftest import RenderedSample


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _glyphs(font: pikepdf.Dictionary) -> dict[bytes, str]:
    """The characters a font's codes print, from its ToUnicode map."""
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    pairs = re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", cmap.split("endcodespacerange")[1])
    return {bytes.fromhex(code): bytes.fromhex(text).decode("utf-16-be") for code, text in pairs}


def _forged_cover(pdf: pikepdf.Pdf, total: str) -> tuple[bytes, str]:
    """The cover's last content stream with the glyphs that print `total` changed to
    print another total (its first digit raised or lowered), and that total."""
    page = pdf.pages[0]
    fonts = {name: _glyphs(font) for name, font in page.obj.Resources.Font.items()}
    instructions = pikepdf.parse_content_stream(page.obj.Contents[-1])
    glyphs: dict[bytes, str] = {}
    for instruction in instructions:
        if str(instruction.operator) == "Tf":
            glyphs = fonts[str(instruction.operands[0])]
        if str(instruction.operator) != "TJ":
            continue
        runs = [bytes(part) for part in instruction.operands[0] if isinstance(part, pikepdf.String)]
        codes = [run[i : i + 2] for run in runs for i in range(0, len(run), 2)]
        text = "".join(glyphs.get(code, "?") for code in codes)
        if not text.startswith(total + " "):
            continue
        other = "8" if total[0] == "9" else "9"
        code = {char: code for code, char in glyphs.items()}[other]
        old = codes[0]
        parts = list(instruction.operands[0])
        first = next(n for n, part in enumerate(parts) if isinstance(part, pikepdf.String))
        parts[first] = pikepdf.String(code + bytes(parts[first])[len(old) :])
        at = instructions.index(instruction)
        instructions[at] = pikepdf.ContentStreamInstruction(
            [pikepdf.Array(parts)], instruction.operator
        )
        return pikepdf.unparse_content_stream(instructions), other + total[1:]
    raise AssertionError(f"no glyph run prints {total} on the cover")


def _with_contents_twice(source: Path, target: Path, content: bytes) -> None:
    """`source` with an update appended, as editors append one: a new content stream,
    and the cover's page dictionary again, holding /Contents twice, first as it was,
    then with the new stream in place of its last. pypdf takes the first, qpdf and
    poppler (viewers) the last."""
    data = source.read_bytes()
    with pikepdf.open(source) as pdf:
        page = pdf.pages[0].obj
        number, generation = page.objgen
        new = int(pdf.trailer.Size)
        kept = " ".join(f"{s.objgen[0]} {s.objgen[1]} R" for s in list(page.Contents)[:-1])
        body = page.unparse(resolved=True)
        assert body.endswith(b">>") and b"/Contents [" in body
        body = body[:-2] + f"/Contents [ {kept} {new} 0 R ] >>".encode()
        root, info = pdf.trailer.Root.objgen, pdf.trailer.Info.objgen
        ids = pdf.trailer.ID.unparse()
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    stream = zlib.compress(content)
    at_stream = len(out)
    out += f"{new} 0 obj\n<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode()
    out += stream + b"\nendstream\nendobj\n"
    at_page = len(out)
    out += f"{number} {generation} obj\n".encode() + body + b"\nendobj\n"
    at_xref = len(out)
    out += (
        f"xref\n0 1\n0000000000 65535 f \n{number} 1\n{at_page:010d} {generation:05d} n \n"
        f"{new} 1\n{at_stream:010d} 00000 n \ntrailer\n<< /Size {new + 1} "
        f"/Root {root[0]} {root[1]} R /Info {info[0]} {info[1]} R /Prev {previous} /ID "
    ).encode()
    out += ids + f" >>\nstartxref\n{at_xref}\n%%EOF\n".encode()
    target.write_bytes(bytes(out))


def test_a_page_that_holds_a_key_twice_is_read_as_viewers_read_it(
    rendered: RenderedSample,
    sample_texts: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """pypdf reads the genuine cover, viewers a changed total: verify must see what the
    viewers show, and say why another program would not."""
    cover = _flat(sample_texts[0])
    total = re.search(r"自评总分([0-9.]+)分", cover)
    assert total
    with pikepdf.open(rendered.pdf) as pdf:
        content, forged = _forged_cover(pdf, total.group(1))
    target = tmp_path / "twice.pdf"
    _with_contents_twice(rendered.pdf, target, content)

    assert f"自评总分{total.group(1)}分" in _flat(pypdf.PdfReader(target).pages[0].extract_text())
    if shutil.which("pdftotext"):  # poppler, as viewers built on it show the cover
        shown = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(target), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert f"自评总分{forged}分" in _flat(shown)
    assert main(["verify", str(target)]) == 1
    out = capsys.readouterr().out
    assert f"✗ 总分：封面印制 {forged}，元数据 {total.group(1)}，重新计分 {total.group(1)}" in out
    assert "✗ 页面文字：第 1 页的文字与按内嵌答卷重新生成的报告不符" in out
    with pikepdf.open(rendered.pdf) as pdf:
        number = pdf.pages[0].obj.objgen[0]
    assert (
        f"✗ 文件结构：第 {number} 号对象中 /Contents 出现两次：阅读器按后一个显示，"
        "有的程序却按前一个读取"
    ) in out
    assert out.splitlines()[-1].startswith("结论：报告未通过核验")


@pytest.mark.parametrize(
    "resave",
    [
        pytest.param({"normalize_content": True}, id="normalize-content"),
        pytest.param({"qdf": True}, id="qdf"),
        pytest.param({"linearize": True}, id="linearize"),
    ],
)
def test_a_report_saved_again_by_another_program_passes_with_a_note(
    rendered: RenderedSample,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    resave: dict[str, bool],
) -> None:
    """What qpdf --normalize-content=y, --qdf and --linearize write: the same pages,
    their content streams spaced and stored otherwise."""
    target = tmp_path / "saved-again.pdf"
    with pikepdf.open(rendered.pdf) as pdf:
        pdf.save(target, **resave)
    assert target.read_bytes() != rendered.pdf.read_bytes()
    assert main(["verify", str(target)]) == 0
    out = capsys.readouterr().out
    assert "✗" not in out
    assert "✓ 页面版面：每一页所绘内容与重新生成的报告完全相同" in out
    assert "！ 文件保存：报告文件在 checklist 生成后由其他程序重新保存过" in out
    assert out.splitlines()[-1].endswith("报告文件曾由其他程序重新保存，所显示的内容没有改变。")


def test_a_fresh_report_has_no_note_of_being_saved_again(
    rendered: RenderedSample, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(rendered.pdf)]) == 0
    out = capsys.readouterr().out
    assert "文件保存" not in out and "重新保存" not in out


def _rename_first_font(pdf: pikepdf.Pdf) -> tuple[str, str]:
    font = next(iter(pdf.pages[0].obj.Resources.Font.values()))
    old = str(font.BaseFont)[1:]
    new = old.replace("Noto", "Fake") if "Noto" in old else old + "-Fake"
    font.BaseFont = pikepdf.Name("/" + new)
    return old, new


def test_a_renamed_font_is_told_as_a_change_to_the_report(
    rendered: RenderedSample, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not as fonts the inspector's machine lacks: the glyphs are those of the report
    made again, only their font's name differs."""
    target = tmp_path / "renamed.pdf"
    with pikepdf.open(rendered.pdf) as pdf:
        old, new = _rename_first_font(pdf)
        pdf.save(target)
    assert main(["verify", str(target)]) == 1
    out = capsys.readouterr().out
    assert "✗ 页面版面：第 1、" in out  # the pages that share its fonts
    assert f"报告中的字体被改了名称（{old} 改为 {new}）" in out
    assert "这是对报告的改动，不是本机字体设置的问题" in out
    assert "CHECKLIST_FONTS" not in out


def _cut(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


def _encrypted(source: Path, target: Path) -> None:
    with pikepdf.open(source) as pdf:
        pdf.save(target, encryption=pikepdf.Encryption(owner="检查", user="", R=6))


def _not_ours(source: Path, target: Path) -> None:
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(target)


def _truncated(source: Path, target: Path) -> None:
    target.write_bytes(_cut(source.read_bytes()))


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (_truncated, "PDF 文件不完整（文件末尾缺失，可能是下载或复制时中断），无法核验"),
        (_encrypted, "报告已加密（设置了密码或权限），无法核验"),
        (_not_ours, "这份 PDF 不是 checklist 生成的自评报告（没有内嵌答卷 answers.toml）"),
    ],
)
def test_a_file_that_cannot_be_checked_is_named_and_told_in_chinese(
    rendered: RenderedSample,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path, Path], None],
    said: str,
) -> None:
    target = tmp_path / "收到的报告.pdf"
    make(rendered.pdf, target)
    assert main(["verify", str(target)]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"{target}：{said}")
    assert "请" in captured.err and "Traceback" not in captured.err
    # Among others, such a file is a failing line; the others are checked all the same.
    assert main(["verify", str(target), str(rendered.pdf)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"✗ {target}：{said}")
    assert lines[1].startswith(f"✓ {rendered.pdf}：通过")
    assert lines[-1] == "共核验 2 份报告：1 份通过，1 份未通过或无法核验"
