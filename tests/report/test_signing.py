"""`checklist sign` and reading signatures back (checklist.report.signing): on copies of
the shared sample report, with certificates made for the run (no key is committed)."""

from __future__ import annotations

import getpass
import io
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdf
import pytest
from PIL import Image, ImageDraw
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from checklist.cli import main
from checklist.report.signing import (
    SignaturesError,
    Trust,
    original_revision,
    signatures,
)
from checklist.report.signing.certificate import PASSWORD_VARIABLE
from checklist.report.signing.command import default_output
from checklist.report.signing.places import SEAL_MARK
from tests.support.certificates import issue, make_ca
from tests.support.pdf_text import runs_of_page
from tests.support.revisions import first_page_patched

from .conftest import UNIT, SmallReport

UNION = UNIT  # the sample unit's name ends in 工会: it is the union that signs
PASSWORD = "证书密码 2026"


@dataclass(frozen=True)
class Keys:
    """Certificate files as a unit and an inspector receive them, and the CA's root."""

    unit: Path  # PKCS#12 without a password, for the union
    inspector: Path  # PKCS#12 with PASSWORD, for an inspector
    expired: Path
    ca: Path  # the root that issued them, PEM
    other_ca: Path  # a root that issued none of them


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    folder = tmp_path_factory.mktemp("keys")
    ca = make_ca()
    unit = issue(UNION, "某省人力资源和社会保障厅", ca=ca)
    files = {
        "unit.p12": unit.p12(),
        "inspector.p12": issue("张检查", "某市总工会", ca=ca).p12(PASSWORD),
        "expired.p12": issue(UNION, ca=ca, valid_days=(-400, -35)).p12(),
        "ca.pem": unit.ca_pem,
        "other-ca.pem": issue(ca=make_ca("另一个根证书")).ca_pem,
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return Keys(*(folder / name for name in files))


@pytest.fixture
def report(small_report: SmallReport, tmp_path: Path) -> Path:
    """A copy of a complete report (a draft has no seal block), named as a unit names it."""
    path = tmp_path / "自评报告.pdf"
    shutil.copyfile(small_report.pdf, path)
    return path


@pytest.fixture
def seal(tmp_path: Path) -> Path:
    """A red ring on a transparent ground, as e-seal images come."""
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((8, 8, 232, 232), outline=(210, 0, 0, 255), width=14)
    path = tmp_path / "公章.png"
    image.save(path)
    return path


def _sign(report: Path, p12: Path, *more: str) -> int:
    return main(["sign", str(report), "--p12", str(p12), *more])


def _signed_once(report: Path, keys: Keys, *more: str) -> Path:
    assert _sign(report, keys.unit, *more) == 0
    return report.with_name("自评报告-已签章.pdf")


# ── Signing and reading back ────────────────────────────────────────────────


def test_a_signed_report_names_its_signer_and_keeps_the_report_as_written(
    report: Path, keys: Keys, seal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = report.read_bytes()
    signed = _signed_once(report, keys, "--seal", str(seal))
    out = capsys.readouterr().out
    assert "已签章：" in out and "自评报告-已签章.pdf" in out
    assert f"签名人：{UNION}" in out
    assert f"印章在第 {_union_line(report)[0] + 1} 页“{UNION}{SEAL_MARK}”处" in out
    assert report.read_bytes() == before  # the report itself is never changed
    data = signed.read_bytes()
    assert data.startswith(before)  # an incremental update: the report is its first revision
    assert original_revision(data) == before

    (facts,) = signatures(data, [keys.ca.read_bytes()])
    assert facts.signer == UNION
    assert facts.organisation == "某省人力资源和社会保障厅"
    assert facts.intact and facts.covers_revision and not facts.changed_after and facts.ok
    assert facts.revision == 1
    assert facts.byte_range[0] == 0 and sum(facts.byte_range[2:]) == len(data)
    assert facts.signed_at is not None
    assert facts.trust is Trust.TRUSTED
    assert "测试根证书" in facts.trust_detail

    (unknown,) = signatures(data)
    assert unknown.trust is Trust.UNKNOWN and unknown.ok  # no root given: not an error
    (foreign,) = signatures(data, [keys.other_ca.read_bytes()])
    assert foreign.trust is Trust.UNTRUSTED and foreign.ok


def test_the_seal_lies_over_the_unions_line(report: Path, keys: Keys, seal: Path) -> None:
    signed = _signed_once(report, keys, "--seal", str(seal))
    number, line = _union_line(signed)
    with pikepdf.open(signed) as pdf:
        (widget,) = _signature_widgets(pdf.pages[number])
        images = list(_images(widget.AP.N))
        assert len(images) == 1
        shown = pikepdf.PdfImage(images[0]).as_pil_image().convert("RGB")
        smask = pikepdf.PdfImage(images[0].SMask).as_pil_image()
        rect = [float(v) for v in widget.Rect]
        others = [n for n, page in enumerate(pdf.pages) if n != number and page.get("/Annots")]
        assert all(not list(_signature_widgets(pdf.pages[n])) for n in others)
    original = Image.open(seal)
    assert shown.tobytes() == original.convert("RGB").tobytes()
    assert smask.tobytes() == original.getchannel("A").tobytes()
    left, bottom, right, top = line
    assert 110 < rect[2] - rect[0] < 116  # 40 mm (113 points) across
    middle = ((left + right) / 2, (bottom + top) / 2)
    assert rect[0] < middle[0] < rect[2] and rect[1] < middle[1] < rect[3]  # it covers the line


def test_without_a_seal_a_stamp_names_the_signer_above_the_line(report: Path, keys: Keys) -> None:
    signed = _signed_once(report, keys)
    number, (left, _, right, top) = _union_line(signed)
    with pikepdf.open(signed) as pdf:
        (widget,) = _signature_widgets(pdf.pages[number])
        drawn = widget.AP.N.read_bytes()
        assert not list(_images(widget.AP.N))
        rect = [float(v) for v in widget.Rect]
    assert b" c " in drawn and drawn.rstrip().endswith(b"Q")  # outlines of the name, filled
    assert b" f " in drawn
    assert rect[0] < (left + right) / 2 < rect[2]
    assert top - 1 <= rect[1] < top + 10  # just above the line, not over its text


def test_an_inspector_signs_the_signed_report_and_both_signatures_hold(
    report: Path,
    keys: Keys,
    seal: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    once = _signed_once(report, keys, "--seal", str(seal))
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    assert _sign(once, keys.inspector) == 0
    out = capsys.readouterr().out
    assert "签名人：张检查（某市总工会）；这是报告上的第 2 个签名" in out
    twice = report.with_name("自评报告-已签章2.pdf")
    data = twice.read_bytes()
    assert data.startswith(once.read_bytes())
    assert original_revision(data) == report.read_bytes()

    first, second = signatures(data, [keys.ca.read_bytes()])
    assert (first.signer, second.signer) == (UNION, "张检查")
    assert first.ok and second.ok  # a later signature is no change to the first
    assert (first.revision, second.revision) == (1, 2)
    assert first.trust is second.trust is Trust.TRUSTED
    with pikepdf.open(twice) as pdf:
        boxes = [
            [float(v) for v in widget.Rect]
            for page in pdf.pages
            for widget in _signature_widgets(page)
        ]
    assert len(boxes) == 2
    (a, b) = boxes
    assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])  # side by side
    assert "机关党组织（盖章）" in out  # the next （盖章） line of the report


def test_a_byte_changed_after_signing_breaks_the_signature(report: Path, keys: Keys) -> None:
    data = bytearray(_signed_once(report, keys).read_bytes())
    at = data.index(b"/checklisttotal (") + len(b"/checklisttotal (")
    data[at : at + 1] = b"1" if data[at : at + 1] != b"1" else b"2"  # the total, as printed
    (facts,) = signatures(bytes(data))
    assert not facts.intact and not facts.ok


def test_a_page_changed_after_signing_is_a_change_after_the_signature(
    report: Path, keys: Keys
) -> None:
    changed = _cover_patched(_signed_once(report, keys).read_bytes())

    (facts,) = signatures(changed)
    assert facts.intact and facts.covers_revision  # what it signed is untouched …
    assert "被改动" in facts.changed_after and not facts.ok  # … but a page changed after it
    assert original_revision(changed) == report.read_bytes()


def _cover_patched(data: bytes) -> bytes:
    """`data` with a white patch drawn over the cover, added as a later revision."""
    return first_page_patched(data, (90, 600, 200, 60))


def _unsigned_field(writer: IncrementalPdfFileWriter) -> None:
    """An empty signature field whose widget draws a white patch over the cover's
    total: what a viewer shows, without any signature vouching for it."""
    fields.append_signature_field(
        writer, fields.SigFieldSpec("封面", on_page=0, box=(90, 500, 500, 600))
    )
    ((_, _, ref),) = fields.enumerate_sig_fields(writer, filled_status=False)
    field = ref.get_object()
    patch = generic.StreamObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
            generic.pdf_name("/BBox"): generic.ArrayObject(
                [generic.NumberObject(n) for n in (0, 0, 410, 100)]
            ),
        },
        stream_data=b"q 1 1 1 rg 0 0 410 100 re f Q",
    )
    field["/AP"] = generic.DictionaryObject({generic.pdf_name("/N"): writer.add_object(patch)})
    writer.update_container(field)


def test_a_field_drawing_on_a_page_after_signing_is_a_change(report: Path, keys: Keys) -> None:
    """pyHanko counts a new signature field as form filling; an empty one may still
    draw anything on a page."""
    data = _signed_once(report, keys).read_bytes()
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    _unsigned_field(writer)
    changed = io.BytesIO()
    writer.write(changed)

    (facts,) = signatures(changed.getvalue())
    assert facts.intact and facts.covers_revision and not facts.ok
    assert "文件被另行修改了 1 次（不是签名）" in facts.changed_after
    assert "加了未签名的签名域 封面" in facts.changed_after


def test_a_field_drawing_on_a_page_signed_by_another_is_a_change_to_the_first(
    report: Path, keys: Keys
) -> None:
    """The patch comes with a later signature, which vouches only for itself."""
    data = _signed_once(report, keys).read_bytes()
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    _unsigned_field(writer)
    other = signers.SimpleSigner.load_pkcs12_data(
        keys.inspector.read_bytes(), [], PASSWORD.encode()
    )
    signed = io.BytesIO()
    signers.PdfSigner(
        signers.PdfSignatureMetadata(
            field_name="Signature2", subfilter=fields.SigSeedSubFilter.PADES
        ),
        signer=other,
    ).sign_pdf(writer, output=signed)

    first, second = signatures(signed.getvalue())
    assert first.intact and not first.ok
    assert first.changed_after == "加了未签名的签名域 封面（可在页面上显示任意内容）"
    assert second.ok  # what the inspector signed includes the field


def test_an_unsigned_report_has_no_signatures(report: Path) -> None:
    data = report.read_bytes()
    assert signatures(data) == []
    assert original_revision(data) == data


def test_a_trust_root_that_is_no_certificate_is_named(report: Path) -> None:
    with pytest.raises(SignaturesError, match="第 1 个根证书文件不是 PEM 或 DER 格式的证书"):
        signatures(report.read_bytes(), [b"-----BEGIN NOTHING-----\n"])


def test_signed_files_are_named_by_their_signatures(tmp_path: Path) -> None:
    assert default_output(tmp_path / "报告.pdf", 0) == tmp_path / "报告-已签章.pdf"
    assert default_output(tmp_path / "报告-已签章.pdf", 1) == tmp_path / "报告-已签章2.pdf"
    assert default_output(tmp_path / "报告-已签章2.pdf", 2) == tmp_path / "报告-已签章3.pdf"


# ── The password ────────────────────────────────────────────────────────────


def test_the_password_comes_from_the_environment(
    report: Path, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    assert _sign(report, keys.inspector) == 0
    (facts,) = signatures(report.with_name("自评报告-已签章.pdf").read_bytes())
    assert facts.signer == "张检查" and facts.ok


def test_the_password_is_asked_for_on_a_terminal(
    report: Path, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    typed = iter(["猜错的", PASSWORD])
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(typed)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", ask)
    assert _sign(report, keys.inspector) == 0
    assert len(prompts) == 2 and "inspector.p12" in prompts[0] and "密码不对" in prompts[1]


# ── Bad input: a Chinese message, status 1, nothing changed ──────────────────


def _pdf_of_another_program(path: Path) -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(path)


def _encrypted(report: Path, path: Path) -> None:
    with pikepdf.open(report) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="o", user="u"))


def _truncated(report: Path, path: Path) -> None:
    path.write_bytes(report.read_bytes()[: len(report.read_bytes()) // 2])


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("wrong password", "环境变量 CHECKLIST_P12_PASSWORD 中的密码打不开证书文件"),
        ("no password given", "设有密码；请在终端中运行本命令以输入密码"),
        ("password wrong three times", "3 次输入的密码都打不开证书文件"),
        ("not PKCS#12", "不是 PKCS#12 格式（.p12 或 .pfx）"),
        ("expired", "中的证书已于"),
        ("no certificate file", "找不到证书文件"),
        ("not a report", "不是 checklist 生成的自评报告"),
        ("not a PDF", "不是 PDF 文件"),
        ("encrypted", "已加密（设置了密码或权限），不能签名"),
        ("damaged", "已损坏，无法读取"),
        ("seal not PNG", "不是 PNG 图片"),
        ("output not a report", "已存在，且不是 PDF 报告，没有覆盖"),
        ("output is the input", "签章后的文件不能写回"),
    ],
)
def test_bad_input_is_named_in_chinese(
    case: str,
    message: str,
    report: Path,
    keys: Keys,
    seal: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    target, p12, more = report, keys.unit, []
    named = None  # the file the message must name
    if case == "wrong password":
        monkeypatch.setenv(PASSWORD_VARIABLE, "不对的密码")
        p12 = named = keys.inspector
    elif case == "no password given":
        p12 = named = keys.inspector
    elif case == "password wrong three times":
        monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
        monkeypatch.setattr(getpass, "getpass", lambda prompt: "不对的密码")
        p12 = named = keys.inspector
    elif case == "not PKCS#12":
        p12 = named = keys.ca
    elif case == "expired":
        p12 = named = keys.expired
    elif case == "no certificate file":
        p12 = named = tmp_path / "没有这个证书.p12"
    elif case == "not a report":
        target = named = tmp_path / "其他文件.pdf"
        _pdf_of_another_program(target)
    elif case == "not a PDF":
        target = named = tmp_path / "说明.pdf"
        target.write_text("这不是 PDF", encoding="utf-8")
    elif case == "encrypted":
        target = named = tmp_path / "加密的报告.pdf"
        _encrypted(report, target)
    elif case == "damaged":
        target = named = tmp_path / "不完整的报告.pdf"
        _truncated(report, target)
    elif case == "seal not PNG":
        named = tmp_path / "公章.jpg"
        Image.open(seal).convert("RGB").save(named, "JPEG")
        more = ["--seal", str(named)]
    elif case == "output not a report":
        named = tmp_path / "笔记.pdf"
        named.write_text("重要的笔记", encoding="utf-8")
        more = ["-o", str(named)]
    elif case == "output is the input":
        named = report
        more = ["-o", str(report)]
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}

    assert _sign(target, p12, *more) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert named is not None and named.name in captured.err
    assert "Traceback" not in captured.err and not captured.out
    after = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    assert after == before  # nothing written, nothing changed


# ── Helpers ─────────────────────────────────────────────────────────────────


def _union_line(pdf: Path) -> tuple[int, tuple[float, float, float, float]]:
    """The page (from 0) of the union's "…（盖章）" line and the box its text fills,
    as pypdf places the run (the union's name is all full-width: an em a character)."""
    for number, page in enumerate(pypdf.PdfReader(pdf).pages):
        for run in runs_of_page(page):
            if run.text.strip() == f"{UNION}{SEAL_MARK}":
                assert all(unicodedata.east_asian_width(c) in "WF" for c in run.text.strip())
                width = len(run.text.strip()) * run.size  # neither matrix turns or skews it
                return number, (run.x, run.y, run.x + width, run.y + 0.88 * run.size)
    raise AssertionError("the report has no line for the union's seal")


def _signature_widgets(page: pikepdf.Page) -> list[pikepdf.Dictionary]:
    return [
        annotation
        for annotation in page.get("/Annots", [])
        if annotation.get("/Subtype") == "/Widget" and annotation.get("/FT") == "/Sig"
    ]


def _images(form: pikepdf.Object) -> list[pikepdf.Stream]:
    """The image XObjects a form draws, its nested forms' among them."""
    found = []
    resources = form.get("/Resources")
    xobjects = resources.get("/XObject", {}) if resources is not None else {}
    for xobject in xobjects.values():
        if xobject.get("/Subtype") == "/Image":
            found.append(xobject)
        elif xobject.get("/Subtype") == "/Form":
            found += _images(xobject)
    return found


# ── checklist verify of signed reports ─────────────────────────────────────


def test_verify_checks_a_signed_report_as_written_and_names_its_signers(
    report: Path, keys: Keys, seal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    signed = _signed_once(report, keys, "--seal", str(seal))
    env_password = {PASSWORD_VARIABLE: PASSWORD}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env_password.items():
            patch.setenv(name, value)
        assert _sign(signed, keys.inspector) == 0
    twice = signed.with_name("自评报告-已签章2.pdf")
    capsys.readouterr()
    assert main(["verify", str(twice), "--trust", str(keys.ca)]) == 0
    out = capsys.readouterr().out
    assert "✗" not in out
    assert f"✓ 签名 1：{UNION}（某省人力资源和社会保障厅）签名" in out
    assert "✓ 签名 2：张检查（某市总工会）签名" in out
    assert "签名后文件未被改动" in out and "测试根证书" in out
    assert "报告与内嵌答卷一致" in out
    # Without a root the signatures still hold; whether to trust them is left open.
    assert main(["verify", str(twice)]) == 0
    assert "✓ 签名 1" in capsys.readouterr().out


def test_verify_fails_a_report_changed_after_its_signature(
    report: Path, keys: Keys, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = report.with_name("改过.pdf")
    changed.write_bytes(_cover_patched(_signed_once(report, keys).read_bytes()))
    capsys.readouterr()
    assert main(["verify", str(changed)]) == 1
    out = capsys.readouterr().out
    assert f"✗ 签名 1：{UNION}（某省人力资源和社会保障厅）签名之后文件又被改动" in out
    assert "✓ 页面版面" in out  # the report as written is intact: the change came after
