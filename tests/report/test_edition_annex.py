"""附件3 标准版本变更说明: a report made from answers carried to a new edition says which
items changed and what became of each answer, and verify checks it like the rest."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from checklist.cli import main
from checklist.criteria import load_pack
from checklist.report.content import build_content
from tests.support.editions import NEW, migrated, stamped

ANSWERS = """
[profile]
unit = "测试单位<b>工会</b>"
women_members = 12
assessed_on = 2026-11-24

[answers.a-01]
value = true

[answers.a-04]
value = 96

[answers.b-02]
value = true
note = "每月开放"

[answers.b-05]
value = true
"""


@pytest.fixture(name="migrated")
def migrated_answers(tmp_path: Path) -> Path:
    return migrated(tmp_path / "答卷.toml", ANSWERS)


def test_the_annex_lists_each_changed_item_and_what_became_of_its_answer(
    migrated: Path,
) -> None:
    content = build_content(load_pack(NEW), migrated.read_bytes())
    assert content.edition_intro.startswith("本答卷最初按版本测试标准（2025年版）填写")
    [group] = content.edition_changes
    assert group.heading.startswith("2025年版 → 2026年版（")
    rows = {row.item_id: (row.change, row.outcome) for row in group.rows}
    assert rows["a-04"] == ("否决项、下限有修改", "回答保留，需复核（尚未复核）")
    assert rows["b-02"] == ("新版本已删除", "回答移入记录，不计分")
    assert rows["b-06"] == ("编号由 b-05 改为 b-06", "回答随条目保留")
    assert rows["a-06"] == ("新版本新增", "原无回答")
    assert rows["a-03"] == ("考核内容有修改", "原无回答")
    assert "a-01" not in rows  # unchanged: kept, not listed
    # In the sheet's order; a removed item at the end, with its text as it was.
    assert [row.item_id for row in group.rows][-1] == "b-02"
    assert group.rows[-1].text == "开展职工书屋活动"


def test_answers_never_migrated_have_no_annex(tmp_path: Path) -> None:
    content = build_content(load_pack(NEW), stamped(ANSWERS, NEW).encode())
    assert content.edition_changes == [] and content.edition_intro == ""


def test_the_report_of_a_migrated_file_carries_the_annex_and_verifies(
    migrated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "报告.pdf"
    assert main(["report", str(migrated), "--criteria", str(NEW), "-o", str(pdf)]) == 0
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    flat = "".join(text.split())
    assert "附件3标准版本变更说明" in flat
    assert "否决项、下限有修改" in flat and "回答保留，需复核（尚未复核）" in flat
    assert "回答移入记录，不计分" in flat
    capsys.readouterr()
    assert main(["verify", str(pdf), "--criteria", str(NEW)]) == 0
    assert "报告与内嵌答卷一致" in capsys.readouterr().out
