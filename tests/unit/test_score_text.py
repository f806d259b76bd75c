"""The score as the command line prints it."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from checklist import locations
from checklist.criteria import Pack, parse_pack
from checklist.score_text import score_json, score_table
from checklist.scoring import score
from tests.support.builders import DATA, make_answers


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pack_calling_veto(word: str) -> Pack:
    source = (DATA / "valid_small.toml").read_text(encoding="utf-8")
    source = source.replace("demonstration = 18", f'demonstration = 18\nveto_word = "{word}"')
    source = source.replace('kind = "yes_no"', 'kind = "yes_no"\n    veto = true')
    return parse_pack(source, "std.toml")


def test_table_uses_the_packs_word_for_veto_items_and_lists_what_is_missing() -> None:
    pack = pack_calling_veto("必备")
    answers = make_answers({"a-01": False, "a-02": "好"}, profile={"unit": "××厅机关工会"})
    result = score(pack, answers)
    table = score_table(result, answers)
    lines = table.splitlines()
    assert lines[:3] == ["测试标准（测试版）", "单位：××厅机关工会", ""]
    assert "必备未通过：a-01" in lines
    assert "未答条目（2）：a-03、b-01" in lines
    assert "等次：未达标" in lines
    assert "总分：6.0 / 20" in lines
    # The score columns line up although the titles are Chinese (two columns a character).
    rows = [line for line in lines if " / " in line and not line.startswith("总分")]
    assert len(rows) == 3  # the heading and two areas
    assert len({display_width(row[: row.index(" / ")]) for row in rows}) == 1


def test_json_reports_shortfalls_with_their_gap() -> None:
    pack = pack_calling_veto("否决项")
    answers = make_answers({"a-01": False, "a-02": "差", "a-03": ["甲"], "b-01": 96})
    data = score_json(score(pack, answers), answers)
    assert data["veto_failed"] == ["a-01"]
    assert data["shortfalls"] == [
        {"id": "a-01", "score": 0, "max": 4, "gap": 4, "veto": True},
        {"id": "a-02", "score": 0, "max": 6, "gap": 6, "veto": False},
        {"id": "a-03", "score": 3, "max": 5, "gap": 2, "veto": False},
    ]


def test_shipped_standard_prefers_the_copy_inside_an_installed_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "checklist"
    (package / "_standard").mkdir(parents=True)
    (package / "_standard" / "tiaoli.toml").write_text("# wheel copy\n", encoding="utf-8")
    monkeypatch.setattr(locations, "_PACKAGE", package)
    assert locations.shipped_standard() == package / "_standard" / "tiaoli.toml"
