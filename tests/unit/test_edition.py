"""Answers made against another edition of the standard: kept, and pointed out."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.answers import AnswersStore, read_answers
from checklist.answers.edition import check_edition
from checklist.cli import main
from checklist.criteria import Pack, load_pack, parse_pack
from checklist.scoring import Status, score
from tests.support.builders import DATA


def revised_pack() -> Pack:
    source = (DATA / "valid_small.toml").read_text(encoding="utf-8")
    source = source.replace('edition = "测试版"', 'edition = "修订版"')
    source = source.replace('{ label = "差", points = 0 }', '{ label = "较差", points = 0 }')
    source = source.replace('id = "a-03"', 'id = "a-04"')  # a-03 retired, a-04 new
    return parse_pack(source, "revised.toml")


def test_same_standard_needs_no_warning(tmp_path: Path) -> None:
    pack = load_pack(DATA / "valid_small.toml")
    with AnswersStore.open(tmp_path / "a.toml", pack) as store:
        store.set_answer("a-01", value=True)
    check = check_edition(pack, read_answers(tmp_path / "a.toml"))
    assert check.same
    assert check.describe() == ""


def test_answers_to_a_revised_standard_are_kept_and_listed(tmp_path: Path) -> None:
    old = load_pack(DATA / "valid_small.toml")
    path = tmp_path / "a.toml"
    with AnswersStore.open(path, old) as store:
        store.set_answer("a-01", value=True)
        store.set_answer("a-02", value="差")
        store.set_answer("a-03", value=["甲"])
    new = revised_pack()
    answers = read_answers(path)
    check = check_edition(new, answers)
    assert (check.same, check.unknown, check.unfit) == (False, ["a-03"], ["a-02"])
    assert (check.changed, check.added) == (["a-02"], ["a-04"])
    assert check.describe().splitlines() == [
        "答卷是按标准“测试版”填写的，当前标准为“修订版”，内容有变化。",
        "内容有修改的条目（请核对回答）：a-02",
        "新增的条目：a-04",
        "当前标准中已没有的条目（回答已保留，不计分）：a-03",
        "回答与当前条目不符、需复核：a-02",
    ]
    result = score(new, answers)
    assert result.items["a-02"].status is Status.REVIEW
    assert "a-04" in result.unanswered

    # Opening with the new standard and saving keeps the retired item's answer.
    with AnswersStore.open(path, new) as store:
        store.set_answer("a-02", value="较差")
    assert read_answers(path).answers["a-03"].value == ["甲"]


def test_score_warns_on_stderr_and_still_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.toml"
    with AnswersStore.open(path, load_pack(DATA / "valid_small.toml")) as store:
        store.set_answer("a-01", value=True)
    revised = tmp_path / "revised.toml"
    revised.write_text(
        (DATA / "valid_small.toml").read_text(encoding="utf-8").replace("测试版", "修订版"),
        encoding="utf-8",
    )
    assert main(["score", str(path), "--criteria", str(revised)]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("答卷是按标准“测试版”填写的，当前标准为“修订版”")
    assert "总分：4.0 / 20" in captured.out.splitlines()  # a-01's 4 points: the file was scored


def test_an_item_whose_text_changed_is_listed_even_when_its_answer_still_fits(
    tmp_path: Path,
) -> None:
    old = load_pack(DATA / "valid_small.toml")
    path = tmp_path / "a.toml"
    with AnswersStore.open(path, old) as store:
        store.set_answer("a-01", value=True)
    text = old.items["a-01"].text
    source = (DATA / "valid_small.toml").read_text(encoding="utf-8")
    new = parse_pack(source.replace(f'text = "{text}"', f'text = "{text}（修订）"'), "new.toml")
    check = check_edition(new, read_answers(path))
    assert (check.changed, check.added, check.unknown, check.unfit) == (["a-01"], [], [], [])
    assert "内容有修改的条目（请核对回答）：a-01" in check.describe()


def test_answers_without_item_hashes_say_changes_cannot_be_listed(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('[stamp]\npack = "test-pack"\nedition = "旧版"\nfingerprint = "x"\n', "utf-8")
    check = check_edition(load_pack(DATA / "valid_small.toml"), read_answers(path))
    assert check.changed == [] and check.added == []
    assert "无法列出修改了哪些条目" in check.describe()
