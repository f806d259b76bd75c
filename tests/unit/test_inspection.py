"""The inspection file (验收): bounds of a 验收分, saving and reopening, binding to the
report, proposals from what the team finds, and the 验收总分."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from checklist.answers import AnswersStore, LockedError
from checklist.criteria.load import source_of
from checklist.criteria.model import Pack
from checklist.inspection import (
    Found,
    InspectionStore,
    Reported,
    default_path,
    found_fields,
    propose,
    read_found,
    read_score,
    reason_missing,
    score_decimals,
)
from checklist.problems import ProblemsError
from tests.support.builders import ASSESSED_ON, make_pack


@pytest.fixture
def pack() -> Pack:
    return make_pack(
        areas={
            "a": [
                {"id": "a-count", "kind": "count", "points": 4, "each": 1},
                {"id": "a-level", "kind": "level", "points": 2},
                {"id": "a-veto", "kind": "yes_no", "points": 2, "veto": True},
            ],
            "b": [
                {
                    "id": "b-rate",
                    "kind": "steps",
                    "points": 2,
                    "target": 95,
                    "step": 2,
                    "deduct": 0.5,
                    "unit": "%",
                    "from_profile": "membership_rate",
                },
                {
                    "id": "b-list",
                    "kind": "deductions",
                    "points": 2,
                    "options": [
                        {"label": "制度", "deduct": 1},
                        {"label": "台账", "deduct": 1},
                    ],
                    "allow_na": True,
                },
            ],
        }
    )


@pytest.fixture
def answers_path(tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "单位.toml"
    with AnswersStore.open(path, pack) as store:
        store.set_profile(unit="××厅机关工会", staff=100, members=96, assessed_on=ASSESSED_ON)
        store.set_answer("a-count", value=4)
        store.set_answer("a-level", value="基本达到")
        store.set_answer("a-veto", value=True)
        store.set_answer("b-list", value=["制度", "台账"])
    return path


@pytest.fixture
def reported(answers_path: Path, pack: Pack) -> Reported:
    return Reported.read(answers_path.read_bytes(), source_of(pack), "单位.toml", None)


@pytest.fixture
def store(reported: Reported, answers_path: Path) -> Iterator[InspectionStore]:
    opened = InspectionStore.open(default_path(answers_path), reported)
    yield opened
    opened.close()


def reopen(store: InspectionStore) -> InspectionStore:
    store.close()
    return InspectionStore.open(store.path)


# -- bounds and reasons ---------------------------------------------------------------


def test_a_score_above_the_items_points_is_refused_and_not_saved(store: InspectionStore) -> None:
    before = store.path.read_bytes()
    with pytest.raises(ValueError, match="0 到 4 分"):
        store.set_item("a-count", score=4.5)
    with pytest.raises(ValueError, match="0 到 4 分"):
        store.set_item("a-count", score=-1)
    assert store.path.read_bytes() == before


def test_a_score_has_the_standards_decimals(store: InspectionStore, pack: Pack) -> None:
    # 0.5 deductions: one decimal; a team may always give halves.
    assert score_decimals(pack) == 1
    assert read_score(pack, pack.items["a-count"], "2.5分") == 2.5
    with pytest.raises(ValueError, match="最多保留 1 位小数"):
        read_score(pack, pack.items["a-count"], "2.25")
    with pytest.raises(ValueError, match="应填写数字"):
        read_score(pack, pack.items["a-count"], "三")


def test_a_reason_is_required_below_the_points_or_apart_from_the_self_score(
    store: InspectionStore,
) -> None:
    units = store.self_score.items
    entry = store.set_item("a-count", score=3)
    assert reason_missing(entry, units["a-count"])  # below the points
    entry = store.set_item("a-count", reason="3月、6月、9月有记录，12月无")
    assert not reason_missing(entry, units["a-count"])
    entry = store.set_item("a-count", score=4, reason=None)
    assert not reason_missing(entry, units["a-count"])  # full points, as the unit said
    # The unit said 基本达到 (1.6 of 2): full points depart from it and need a reason.
    entry = store.set_item("a-level", score=2)
    assert reason_missing(entry, units["a-level"])


def test_confirming_takes_the_self_score_and_starts_the_reason_from_the_answer(
    store: InspectionStore,
) -> None:
    entry = store.confirm("a-level")
    assert entry.confirmed and entry.score == pytest.approx(1.6)
    assert entry.reason == "按单位自评：基本达到"
    entry = store.confirm("a-count")
    assert entry.confirmed and entry.score == 4 and entry.reason == ""
    # Pressed again: withdrawn.
    entry = store.confirm("a-count")
    assert not entry.confirmed and entry.score is None


def test_another_score_withdraws_the_confirmation(store: InspectionStore) -> None:
    store.confirm("a-count")
    entry = store.set_item("a-count", score=2, reason="只有两次记录")
    assert not entry.confirmed and entry.score == 2


# -- the file -------------------------------------------------------------------------


def test_what_is_saved_is_there_on_reopening_with_comments_and_a_backup(
    store: InspectionStore,
) -> None:
    store.set_item("a-count", score=3, reason="缺一次记录")
    store.confirm("a-veto")
    store.set_team(leader="张组长", members=["李成员", "王成员"], date=dt.date(2026, 12, 1))
    store.set_opinion("组织健全，台账规范。")
    store.set_opinion("工会组织建设扎实。", "a")
    text = store.path.read_text("utf-8")
    store.path.write_text("# 检查组手记：第二天复核\n" + text, "utf-8")
    store = reopen(store)
    try:
        store.set_item("a-level", score=1, reason="部分达到")
        inspection = store.inspection
        assert inspection.item("a-count").score == 3
        assert inspection.item("a-count").reason == "缺一次记录"
        assert inspection.item("a-veto").confirmed
        assert inspection.team.leader == "张组长"
        assert inspection.team.members == ["李成员", "王成员"]
        assert inspection.team.date == dt.date(2026, 12, 1)
        assert inspection.opinion.overall == "组织健全，台账规范。"
        assert inspection.opinion.areas == {"a": "工会组织建设扎实。"}
        saved = store.path.read_text("utf-8")
        assert saved.startswith("# 检查组手记：第二天复核\n")
        # The record stays last: what follows it is the unit's copy alone.
        assert saved.index("[items.a-level]") < saved.index("[record]")
        assert "[items.a-level]" not in store.path.with_name(store.path.name + ".bak").read_text()
    finally:
        store.close()


def test_the_unit_answers_file_is_never_changed(store: InspectionStore, answers_path: Path) -> None:
    before = answers_path.read_bytes()
    store.confirm("a-count")
    store.set_item("b-rate", found=Found(profile={"members": 80}), score=0, reason="核实会员80人")
    assert answers_path.read_bytes() == before
    assert store.reported.answers_raw == before


def test_a_second_editor_is_refused(store: InspectionStore) -> None:
    with pytest.raises(LockedError):
        InspectionStore.open(store.path)


def test_the_inspection_alone_carries_the_report(
    store: InspectionStore, reported: Reported, answers_path: Path
) -> None:
    answers_path.unlink()  # the unit's file is not needed any more
    store = reopen(store)
    try:
        assert store.reported.fingerprint == reported.fingerprint
        assert store.reported.standard_raw == reported.standard_raw
        assert store.self_score.total == reported.self_score.total
    finally:
        store.close()


def _broken(store: InspectionStore, old: str, new: str) -> tuple[Path, bytes]:
    store.close()
    text = store.path.read_text("utf-8")
    assert old in text
    store.path.write_text(text.replace(old, new, 1), "utf-8")
    return store.path, store.path.read_bytes()


def test_a_changed_fingerprint_is_told_where_and_the_file_is_left_alone(
    store: InspectionStore,
) -> None:
    fingerprint = store.inspection.report.fingerprint
    path, before = _broken(store, fingerprint, "0000-0000-0000-0000")
    with pytest.raises(ProblemsError) as caught:
        InspectionStore.open(path)
    message = str(caught.value)
    line = next(
        n
        for n, text in enumerate(before.decode().splitlines(), 1)
        if text.startswith("fingerprint")
    )
    assert f"单位.验收.toml:{line}:" in message
    assert "报告指纹" in message and "不符" in message and "另建验收文件" in message
    assert path.read_bytes() == before


def test_a_changed_record_is_told_and_the_file_is_left_alone(store: InspectionStore) -> None:
    text = store.path.read_text("utf-8")
    first = text.split("answers = '''", 1)[1].strip().splitlines()[0]
    path, before = _broken(
        store, first, first[:10] + ("A" if first[10] != "A" else "B") + first[11:]
    )
    with pytest.raises(ProblemsError) as caught:
        InspectionStore.open(path)
    message = str(caught.value)
    assert "答卷原件（answers）" in message and "可能被改动过" in message
    assert "Traceback" not in message
    assert path.read_bytes() == before


def test_an_unparsable_file_is_told_and_never_overwritten(store: InspectionStore) -> None:
    store.confirm("a-count")  # a second save: the first version is the backup
    path, before = _broken(store, "[team]", "[team")
    with pytest.raises(ProblemsError, match=r"验收文件无法解析.*从备份 单位\.验收\.toml\.bak 恢复"):
        InspectionStore.open(path)
    assert path.read_bytes() == before


def test_a_score_out_of_bounds_written_by_hand_is_told(store: InspectionStore) -> None:
    store.set_item("a-count", score=3, reason="缺一次")
    path, before = _broken(store, "score = 3", "score = 9")
    with pytest.raises(
        ProblemsError, match=r"条目 a-count 的验收：score（验收分）9：验收分应在 0 到 4"
    ):
        InspectionStore.open(path)
    assert path.read_bytes() == before


def test_the_inspection_of_another_report_is_not_reopened_for_this_one(
    store: InspectionStore, answers_path: Path, pack: Pack
) -> None:
    store.close()
    with AnswersStore.open(answers_path, pack) as unit:
        unit.set_answer("a-count", value=3)
    other = Reported.read(answers_path.read_bytes(), source_of(pack), "单位.toml", None)
    before = store.path.read_bytes()
    with pytest.raises(ProblemsError, match=r"不是这份报告.*-o"):
        InspectionStore.open(store.path, other)
    assert store.path.read_bytes() == before


# -- proposals ------------------------------------------------------------------------


def test_a_count_found_is_scored_by_the_items_rule(store: InspectionStore, pack: Pack) -> None:
    item = pack.items["a-count"]
    [field] = found_fields(item)
    found = Found(value=read_found(item, field, "2"))
    proposal = propose(pack, store.reported.answers, "a-count", found, None)
    assert proposal.score == 2


def test_a_rate_found_from_two_numbers_is_scored_by_the_steps_rule(
    store: InspectionStore, pack: Pack
) -> None:
    item = pack.items["b-rate"]
    assert [f.key for f in found_fields(item)] == ["members", "staff"]
    # 90 of 100: 5 points short of 95, three steps of 2 (a partial step counts) × 0.5.
    found = Found(profile={"members": 90, "staff": 100})
    assert propose(pack, store.reported.answers, "b-rate", found).score == 0.5


def test_requirements_found_in_place_are_scored_by_the_deductions(
    store: InspectionStore, pack: Pack
) -> None:
    item = pack.items["b-list"]
    [field] = found_fields(item)
    assert read_found(item, field, "2") == ["台账"]
    assert read_found(item, field, "台账，制度") == ["制度", "台账"]
    with pytest.raises(ValueError, match="请填 1 到 2"):
        read_found(item, field, "5")
    found = Found(value=["台账"])
    assert propose(pack, store.reported.answers, "b-list", found).score == 1


def test_judgement_items_offer_nothing_to_find(pack: Pack) -> None:
    assert found_fields(pack.items["a-level"]) == []
    assert found_fields(pack.items["a-veto"]) == []


# -- totals ---------------------------------------------------------------------------


def test_all_confirmed_gives_the_self_score(store: InspectionStore) -> None:
    for item_id in store.pending():
        store.confirm(item_id)
    total = store.total()
    assert store.pending() == []
    assert total.total == store.self_score.total
    assert total.grade == store.self_score.grade
    assert [a.score for a in total.areas] == [a.score for a in store.self_score.areas]


def test_scores_not_yet_given_count_nothing_and_are_pending(store: InspectionStore) -> None:
    store.confirm("a-count")
    total = store.total()
    assert total.total == pytest.approx(4 / 12 * 12)
    assert "a-level" in total.unanswered and "a-count" not in total.unanswered
    assert "a-level" in store.pending()


def test_a_lower_score_lowers_area_and_total_and_a_failed_veto_fails(
    store: InspectionStore,
) -> None:
    for item_id in store.pending():
        store.confirm(item_id)
    store.set_item("a-count", score=2, reason="两次无记录")
    total = store.total()
    assert total.areas[0].score == store.self_score.areas[0].score - 2
    assert total.total == pytest.approx(store.self_score.total - 2)
    store.set_item("a-veto", score=0, reason="未落实")
    total = store.total()
    assert total.veto_failed == ["a-veto"]
    assert total.grade == store.pack.info.fail


def test_a_not_applicable_item_the_team_scores_counts_again(answers_path: Path, pack: Pack) -> None:
    # The unit is rescaled when it leaves an item out; a team that finds it applies
    # scores it, and the maximum grows again.
    with AnswersStore.open(answers_path, pack) as unit:
        unit.set_answer("b-list", na=True, na_reason="无此项工作")
    reported = Reported.read(answers_path.read_bytes(), source_of(pack), "单位.toml", None)
    with InspectionStore.open(Path("另一.验收.toml"), reported) as inspection:
        for item_id in inspection.pending():
            inspection.confirm(item_id)
        assert inspection.total().raw_max == 10
        inspection.set_item("b-list", score=1, reason="有制度，无台账")
        assert inspection.total().raw_max == 12
        assert inspection.total().raw == inspection.self_score.raw + 1
