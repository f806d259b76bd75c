"""The 验收评分表: `checklist report INSPECTION.toml` prints the unit's 自评分 beside the
team's 验收分 with the 扣分原因, subtotals, total, 等次, 验收意见 and the team;
`checklist verify` checks it against the inspection it carries; `checklist summary`
gives the unit its 验收总分."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest

from checklist.answers import AnswersStore
from checklist.cli import main
from checklist.criteria.load import source_of
from checklist.inspection import InspectionStore, Reported, is_inspection
from checklist.report.acceptance import INSPECTION_ATTACHMENT_NAME
from checklist.report.signing import Trust, original_revision, signatures
from tests.report.conftest import UNIT, SmallReport
from tests.support.certificates import issue, make_ca
from tests.support.pdf_text import runs_of_page
from tests.support.revisions import first_page_patched
from tests.support.shared import made_once

LEADER, MEMBERS = "张建国", ["李红梅", "赵志强"]
INSPECTED_ON = dt.date(2026, 12, 1)
REASON = "台账缺 3 月、6 月记录 <b>未补</b>"  # user text: printed as typed, never as markup
AREA_OPINION = "组织建设扎实，台账需补齐。"
OVERALL = "同意通过验收，请于一个月内补齐台账。"


@dataclass(frozen=True)
class Sheet:
    inspection: Path
    pdf: Path
    text: str  # the sheet's text, without white space


def _inspect(small: SmallReport, path: Path) -> None:
    """The team's inspection of the small unit: a-01 confirmed (4), a-02 scored 0 as
    the unit did, a-03 marked down from 5 to 1, b-01 left to do."""
    reported = Reported.read(
        small.answers_path.read_bytes(), source_of(small.pack), "单位.toml", None
    )
    with InspectionStore.open(path, reported) as store:
        store.confirm("a-01")
        store.set_item("a-02", score=0, reason="未开展")
        store.set_item("a-03", score=1, reason=REASON)
        store.set_team(leader=LEADER, members=MEMBERS, date=INSPECTED_ON)
        store.set_opinion(OVERALL)
        store.set_opinion(AREA_OPINION, small.pack.areas[0].id)


@pytest.fixture(scope="module")
def sheet(small_report: SmallReport, tmp_path_factory: pytest.TempPathFactory) -> Sheet:
    inspection = made_once(
        tmp_path_factory, "acceptance.验收.toml", lambda path: _inspect(small_report, path)
    )

    def render(pdf: Path) -> None:
        assert main(["report", str(inspection), "-o", str(pdf)]) == 0

    pdf = made_once(tmp_path_factory, "acceptance.pdf", render)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    return Sheet(inspection, pdf, re.sub(r"\s+", "", text))


def test_an_inspection_file_is_known_by_its_tables_not_its_name(
    sheet: Sheet, small_report: SmallReport
) -> None:
    assert is_inspection(sheet.inspection.read_bytes())
    assert not is_inspection(small_report.answers_path.read_bytes())


def test_the_sheet_prints_self_and_inspected_scores_side_by_side(sheet: Sheet) -> None:
    text = sheet.text
    assert f"{UNIT}测试验收评分表" in text  # the unit and the standard's title
    for heading in ("自评分", "考核分（验收分）", "扣分原因"):
        assert heading in text
    # a-03: 自评分 5, 验收分 1, and the reason as typed (escaped, not markup).
    assert "51台账缺3月、6月记录<b>未补</b>" in text
    assert "00未开展" in text  # a-02: 0 and 0
    assert "未验收" in text  # b-01, not yet scored
    # 小计 of each area (points, 自评分, 验收分) and the 合计.
    assert "小计1595" in text and "小计550" in text and "合计20145" in text
    assert "验收总分5.0分（满分20分），等次：未达标" in text  # one decimal, as the report
    assert "尚有1个条目未验收（b-01），按0分计" in text


def test_the_sheet_prints_the_opinions_and_the_team(sheet: Sheet) -> None:
    text = sheet.text
    assert f"验收意见：{AREA_OPINION}" in text
    assert OVERALL in text
    assert f"检查组组长：{LEADER}签字：" in text
    assert f"检查组成员：{'、'.join(MEMBERS)}签字：" in text
    assert "验收日期：2026年12月1日" in text
    assert text.count("报告指纹") == len(pypdf.PdfReader(sheet.pdf).pages)  # on every page


def test_the_sheet_carries_the_inspection_byte_for_byte(sheet: Sheet) -> None:
    with pikepdf.open(sheet.pdf) as pdf:
        carried = pdf.attachments[INSPECTION_ATTACHMENT_NAME].get_file().read_bytes()
    assert carried == sheet.inspection.read_bytes()


def test_verify_passes_the_genuine_sheet(sheet: Sheet, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(sheet.pdf)]) == 0
    out = capsys.readouterr().out
    assert "验收总分：印制 5.0，元数据 5.0，按内嵌验收记录重新计算 5.0" in out
    assert "结论：验收评分表与内嵌验收记录一致" in out
    assert main(["verify", "--json", str(sheet.pdf)]) == 0
    (told,) = json.loads(capsys.readouterr().out)
    assert (told["sheet"], told["ok"], told["total"], told["grade"]) == (
        "acceptance",
        True,
        5,
        "未达标",
    )


def _with_inspection(sheet: Sheet, path: Path, old: bytes, new: bytes) -> Path:
    with pikepdf.open(sheet.pdf) as pdf:
        raw = pdf.attachments[INSPECTION_ATTACHMENT_NAME].get_file().read_bytes()
        assert old in raw
        spec = pikepdf.AttachedFileSpec(pdf, raw.replace(old, new), mime_type="application/toml")
        pdf.attachments[INSPECTION_ATTACHMENT_NAME] = spec
        pdf.save(path)
    return path


def test_verify_fails_a_sheet_whose_embedded_score_was_changed(
    sheet: Sheet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = _with_inspection(sheet, tmp_path / "改.pdf", b"score = 1\n", b"score = 3\n")
    assert main(["verify", str(edited)]) == 1
    out = capsys.readouterr().out
    assert "✗ 验收总分：印制 5.0，元数据 5.0，按内嵌验收记录重新计算 7.0" in out
    assert "✗ 页面文字" in out
    assert "结论：验收评分表未通过核验" in out


def test_verify_fails_a_sheet_whose_printed_total_was_changed(
    sheet: Sheet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = tmp_path / "改.pdf"
    with pikepdf.open(sheet.pdf) as pdf:
        pdf.docinfo["/checklisttotal"] = "18"
        pdf.save(edited)
    assert main(["verify", str(edited)]) == 1
    out = capsys.readouterr().out
    assert "✗ 验收总分：印制 5.0，元数据 18" in out


def test_verify_refuses_a_sheet_whose_inspection_is_of_another_report(
    sheet: Sheet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = sheet.inspection.read_bytes()
    fingerprint = re.search(rb'fingerprint = "([0-9A-F-]+)"', raw)
    assert fingerprint is not None
    edited = _with_inspection(
        sheet, tmp_path / "换.pdf", fingerprint.group(0), b'fingerprint = "0000-0000-0000-0000"'
    )
    assert main(["verify", str(edited)]) == 1
    err = capsys.readouterr().err
    assert "内嵌的验收记录无法读取，或与其所附的单位答卷和标准不符" in err
    assert "不属于它所附的报告" in err


def test_report_refuses_an_inspection_of_another_report(
    sheet: Sheet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = sheet.inspection.read_bytes()
    inspection = tmp_path / "另一份.toml"  # no 验收 in its name: known by its content
    inspection.write_bytes(
        re.sub(rb'fingerprint = "[0-9A-F-]+"', b'fingerprint = "0000-0000-0000-0000"', raw)
    )
    pdf = tmp_path / "验收.pdf"
    assert main(["report", str(inspection), "-o", str(pdf)]) == 1
    err = capsys.readouterr().err
    assert "另一份.toml" in err and "这份验收记录不属于它所附的报告" in err
    assert not pdf.exists()


def test_summary_gives_the_unit_its_acceptance_total(
    sheet: Sheet, small_report: SmallReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "材料"
    folder.mkdir()
    shutil.copy(small_report.pdf, folder / "单位.pdf")
    shutil.copy(sheet.inspection, folder / "单位.验收.toml")
    assert main(["summary", "--no-verify", str(folder)]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("序号"))
    row = next(line for line in out.splitlines() if line.lstrip().startswith("1 "))
    assert header.split()[2:6] == ["总分", "验收", "自评等次", "验收等次"]
    assert row.split()[2:6] == [
        "14.0",
        "5.0",
        "未达标",
        "未达标",
    ]  # one unit: its report and its inspection
    assert main(["summary", "--no-verify", "--json", str(folder / "单位.pdf"), str(sheet.pdf)]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert (record["kind"], record["total"]) == ("report", 14)
    assert (record["inspected_total"], record["inspected_grade"]) == (5, "未达标")


def test_summary_ranks_inspected_units_by_their_acceptance_total_before_the_others(
    sheet: Sheet, small: SmallReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """单位 wrote 14 and was given 5; 乙单位 wrote 12 (a-03 甲 only: 3 of 5) and the team
    confirmed every item, 12; 丙单位 wrote 20 (a-02 好: 6) and is not inspected yet."""
    folder = tmp_path / "材料"
    folder.mkdir()
    shutil.copy(small.pdf, folder / "单位.pdf")
    shutil.copy(sheet.inspection, folder / "单位.验收.toml")
    for name, item, value in (("乙单位", "a-03", ["甲"]), ("丙单位", "a-02", "好")):
        answers = folder / f"{name}.toml"
        shutil.copy(small.answers_path, answers)
        with AnswersStore.open(answers, small.pack) as store:
            store.set_profile(unit=name)
            store.set_answer(item, value=value)
    reported = Reported.read(
        (folder / "乙单位.toml").read_bytes(), source_of(small.pack), "乙单位.toml", None
    )
    with InspectionStore.open(folder / "乙单位.验收.toml", reported) as store:
        for item_id in small.pack.items:
            store.confirm(item_id)
    assert main(["summary", "--no-verify", "--json", str(folder)]) == 0
    ranked = [
        (r["unit"], r["total"], r["inspected_total"]) for r in json.loads(capsys.readouterr().out)
    ]
    assert ranked == [("乙单位", 12, 12), (UNIT, 14, 5), ("丙单位", 20, None)]


def test_summary_flags_an_inspection_of_another_version_of_the_units_report(
    sheet: Sheet, small: SmallReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = tmp_path / "单位.toml"
    shutil.copy(small.answers_path, changed)
    with AnswersStore.open(changed, small.pack) as store:
        store.set_answer("a-02", value="好")  # the unit changed its answers afterwards
    assert main(["summary", "--json", str(changed), str(sheet.inspection)]) == 0
    records = json.loads(capsys.readouterr().out)
    assert sorted(r["kind"] for r in records) == ["answers", "inspection"]
    answers = next(r for r in records if r["kind"] == "answers")
    inspected = next(r for r in records if r["kind"] == "inspection")
    assert answers["inspected_total"] is None
    assert inspected["inspected_total"] == 5
    assert any("不是同一份" in note for note in inspected["notes"])


def test_summary_verifies_acceptance_sheets_and_prints_the_total_in_its_pdf(
    sheet: Sheet, small_report: SmallReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = str(small_report.pdf)
    out = tmp_path / "汇总.pdf"
    assert main(["summary", report, str(sheet.pdf), "-o", str(out)]) == 0
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "验收总分" in text and re.search(r"\b14\.0\s+5\.0\s+未达标\s+未达标", text), text
    capsys.readouterr()
    edited = _with_inspection(sheet, tmp_path / "改.pdf", b"score = 1\n", b"score = 3\n")
    assert main(["summary", report, str(edited)]) == 1
    printed = capsys.readouterr().out
    assert "验收评分表未通过核验" in printed and "改.pdf" in printed


def test_a_sheet_is_not_taken_for_a_units_report_to_inspect(
    sheet: Sheet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "验收.pdf"
    shutil.copy(sheet.pdf, pdf)
    assert main(["inspect", str(pdf)]) == 1
    assert "这是验收评分表（内嵌验收记录），不是单位的自评报告" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["验收.pdf"]  # nothing made


# ── The team signs the sheet ─────────────────────────────────────────────────────


@dataclass(frozen=True)
class TeamKeys:
    leader: Path  # PKCS#12 of the 组长, as an inspector receives it
    member: Path  # of a 成员
    ca: Path  # the root that issued both, PEM


@pytest.fixture(scope="module")
def team_keys(tmp_path_factory: pytest.TempPathFactory) -> TeamKeys:
    """Certificates made for the run: no key is committed."""
    folder = tmp_path_factory.mktemp("team-keys")
    ca = make_ca()
    leader = issue(LEADER, "某省总工会", ca=ca)
    (folder / "组长.p12").write_bytes(leader.p12())
    (folder / "成员.p12").write_bytes(issue(MEMBERS[0], "某省总工会", ca=ca).p12())
    (folder / "ca.pem").write_bytes(leader.ca_pem)
    return TeamKeys(folder / "组长.p12", folder / "成员.p12", folder / "ca.pem")


def _run_y(page: Any, starts: str) -> tuple[float, float]:
    """Where the line of text starting with `starts` begins on `page` (x, y)."""
    found = [(run.x, run.y) for run in runs_of_page(page) if run.text.startswith(starts)]
    assert found, starts
    return found[0]


def _widget_rect(data: bytes, field: str) -> tuple[int, list[float]]:
    """The page (from 0) and box of the signature widget `field`."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/T") == field:
                return number, [float(v) for v in annotation["/Rect"]]
    raise AssertionError(f"no widget {field}")


def test_the_team_signs_the_sheet_and_verify_names_each_signer(
    sheet: Sheet, team_keys: TeamKeys, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "验收评分表.pdf"
    shutil.copyfile(sheet.pdf, copy)
    before = copy.read_bytes()
    assert main(["sign", str(copy), "--p12", str(team_keys.leader)]) == 0
    out = capsys.readouterr().out
    signed = tmp_path / "验收评分表-已签章.pdf"
    assert f"已签章：{signed}（原验收评分表 {copy} 没有改动）" in out
    assert f"签名人：{LEADER}（某省总工会）" in out
    assert f"“检查组组长：{LEADER}　　签字：”处" in out  # on the leader's own line
    assert copy.read_bytes() == before  # the sheet itself is never changed
    data = signed.read_bytes()
    assert data.startswith(before) and original_revision(data) == before
    # The signature shows on the blank after 签字： of the leader's line, on its page.
    page, (left, bottom, _, _) = _widget_rect(data, "Signature1")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert page == len(reader.pages) - 1
    x, y = _run_y(reader.pages[page], "检查组组长")
    members_y = _run_y(reader.pages[page], "检查组成员")[1]
    assert left > x + 100 and members_y < y <= bottom < y + 30

    (facts,) = signatures(data, [team_keys.ca.read_bytes()])
    assert facts.signer == LEADER and facts.ok and facts.trust is Trust.TRUSTED

    # A member signs next, on the members' line; both signatures hold.
    assert main(["sign", str(signed), "--p12", str(team_keys.member)]) == 0
    out = capsys.readouterr().out
    assert "“检查组成员：李红梅、赵志强　　签字：”处" in out and "验收评分表上的第 2 个签名" in out
    twice = tmp_path / "验收评分表-已签章2.pdf"
    assert main(["verify", str(twice), "--trust", str(team_keys.ca)]) == 0
    out = capsys.readouterr().out
    assert "✗" not in out
    assert f"✓ 签名 1：{LEADER}（某省总工会）签名" in out
    assert f"✓ 签名 2：{MEMBERS[0]}（某省总工会）签名" in out
    assert "签名后文件未被改动" in out and "测试根证书" in out
    assert "验收评分表与内嵌验收记录一致" in out
    # A third signature finds both of the team's blanks signed: it shows on no page.
    assert main(["sign", str(twice), "--p12", str(team_keys.leader)]) == 0
    out = capsys.readouterr().out
    assert "验收评分表中的检查组签字处都已有签章：这个签名不显示在页面上" in out


def test_a_sheet_changed_after_the_teams_signature_fails_verify(
    sheet: Sheet, team_keys: TeamKeys, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "验收评分表.pdf"
    shutil.copyfile(sheet.pdf, copy)
    assert main(["sign", str(copy), "--p12", str(team_keys.leader)]) == 0
    signed = (tmp_path / "验收评分表-已签章.pdf").read_bytes()
    # A white patch over the first page's scores, added as a later revision.
    changed = tmp_path / "改过.pdf"
    changed.write_bytes(first_page_patched(signed, (90, 300, 300, 60)))
    capsys.readouterr()
    assert main(["verify", str(changed)]) == 1
    out = capsys.readouterr().out
    assert f"✗ 签名 1：{LEADER}（某省总工会）签名之后文件又被改动" in out
