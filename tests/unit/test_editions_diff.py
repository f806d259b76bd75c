"""`checklist diff`: what changed between two editions, item by item, in 80 columns."""

from __future__ import annotations

import json
import re

import pytest

from checklist.cli import main
from checklist.criteria import load_pack
from checklist.editions.diff import Aspect, diff_packs, marked_text
from checklist.editions.diff_text import diff_text
from checklist.formats import display_width
from tests.support.builders import DATA, make_pack
from tests.support.editions import NEW, OLD


def _blocks(text: str) -> dict[str, list[str]]:
    """The diff's paragraphs about items, by item id."""
    blocks = {}
    for block in text.split("\n\n")[1:]:
        lines = block.splitlines()
        ids = re.findall(r"  ([a-z0-9]+-[a-z0-9-]+)(?:  |$)", lines[0])
        if ids:
            blocks[ids[0]] = lines
    return blocks


@pytest.fixture(scope="module")
def shown() -> str:
    return diff_text(diff_packs(load_pack(OLD), load_pack(NEW)))


def test_every_kind_of_change_is_told_item_by_item(shown: str) -> None:
    lines = shown.splitlines()
    assert lines[0] == "版本测试标准：2025年版 → 2026年版"
    assert lines[1] == "新增 2 条，删除 1 条，改动 8 条，未变 1 条。"
    expected = {
        "a-02": ["改动  一、2  a-02", "    选项：增选项“较好”（分值 4）；删选项“中”"],
        "a-03": [
            "改动  一、3  a-03",
            "    考核内容：每〔增：半〕年召开〔删：两〕〔增：一〕次经费审查委员会会议",
        ],
        "a-04": ["改动  一、4  a-04", "    否决项：否 → 是", "    下限：95 → 90"],
        "a-05": [
            "改动  一、5  a-05",
            "    佐证材料：成立批复 → 成立批复、委员名单",
            "    分值：4 → 2",
            "    适用条件：未写 → 女会员人数不少于 10时适用",
        ],
        "a-06": ["新增  一、6  a-06  建立工会小组（2分，是/否）"],
        "b-04": [
            "改动  一、7（原 二、4）  b-04",
            "    位置：服务职工／职工之家 → 组织建设／组织健全",
        ],
        "b-01": ["改动  二、1  b-01", "    回答方式：达到程度（level） → 是/否（yes_no）"],
        "b-03": [
            "改动  二、2（原 二、3）  b-03",
            "    评分说明：每少2%扣1分〔增：，不足2%的不扣分〕",
            "    不足一步的差距：未写 → 不扣分",
        ],
        "b-06": ["改动  二、3（原 二、5）  b-06", "    编号：b-05 → b-06"],
        "c-01": ["新增  三、1  c-01  开展劳模创新工作室活动（3分，按次数计分）"],
        "b-02": ["删除  原 二、2  b-02  开展职工书屋活动（5分，是/否）"],
    }
    assert _blocks(shown) == expected
    # The unchanged item is not listed; the standard's own changes are.
    assert "a-01" not in shown
    assert "    总分：46 → 44" in lines
    assert "    未达到等次时叫法：未达标 → 不合格" in lines
    assert any(line.startswith("    等次：") and "增等次“合格”" in line for line in lines)


def test_what_each_change_is_about_and_whether_an_answer_needs_review() -> None:
    diff = diff_packs(load_pack(OLD), load_pack(NEW))
    by_id = diff.by_id
    assert by_id["a-02"].aspects == {Aspect.OPTIONS}
    assert by_id["a-04"].aspects == {Aspect.VETO, Aspect.LINES}
    assert by_id["b-01"].aspects == {Aspect.KIND}
    assert by_id["b-04"].aspects == {Aspect.PLACE}
    assert not by_id["b-04"].needs_review  # moved only: the answer stands
    # Given another id, the same text and kind: the same item.
    assert by_id["b-06"].old_id == "b-05" and not by_id["b-06"].needs_review
    assert "b-05" not in by_id
    assert all(by_id[i].needs_review for i in ("a-02", "a-03", "a-04", "a-05", "b-01", "b-03"))


def test_lines_fit_80_columns_even_for_long_texts() -> None:
    long_old = "机关党组织专题研究工会工作，解决工会工作中的困难和问题" * 4
    long_new = long_old.replace("困难", "实际困难") + "（会议时间、议题）"
    old = make_pack({"id": "x-01", "text": long_old, "points": 4, "kind": "yes_no"})
    new = make_pack({"id": "x-01", "text": long_new, "points": 4, "kind": "yes_no"})
    shown = diff_text(diff_packs(old, new))
    assert "〔增：实际〕" in shown
    assert all(display_width(line) <= 80 for line in shown.splitlines())
    real = diff_text(diff_packs(load_pack(OLD), load_pack(NEW)))
    assert all(display_width(line) <= 80 for line in real.splitlines())


def test_the_same_edition_has_no_changes() -> None:
    pack = load_pack(NEW)
    diff = diff_packs(pack, load_pack(NEW))
    assert diff.items == [] and diff.standard == [] and diff.unchanged == len(pack.items)
    assert diff_text(diff).splitlines()[-1] == "两版条目内容相同。"


def test_marked_text_marks_words_taken_out_and_put_in() -> None:
    assert (
        marked_text("每年召开两次", "每半年召开一次") == "每〔增：半〕年召开〔删：两〕〔增：一〕次"
    )
    assert marked_text("甲乙丙", "甲乙丙") == "甲乙丙"
    # A single character left between two changes joins them: one phrase reworded.
    assert marked_text("建立工会组织", "成立职工之家") == "〔删：建立工会组织〕〔增：成立职工之家〕"


def test_diff_command_prints_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(OLD), str(NEW)]) == 0
    assert "改动  一、2  a-02" in capsys.readouterr().out
    assert main(["diff", str(OLD), str(NEW), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"added": 2, "removed": 1, "changed": 8, "unchanged": 1}
    a04 = next(i for i in data["items"] if i["id"] == "a-04")
    assert {c["field"]: (c["old"], c["new"]) for c in a04["changes"]} == {
        "veto": (False, True),
        "min": (95, 90),
    }
    assert a04["needs_review"] is True


def test_diff_of_a_broken_file_says_where(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(OLD), str(DATA / "bad_kind.toml")]) == 1
    err = capsys.readouterr().err
    assert "bad_kind.toml:26:5" in err and "请先改正标准文件" in err
