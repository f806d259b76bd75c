"""The `checklist` command as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checklist.cli import main
from tests.support.builders import DATA, ROOT, SHIPPED, sample_copy


def test_validate_without_arguments_checks_the_shipped_standard(
    capsys: pytest.CaptureFixture[str], in_repo: Path
) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "criteria/tiaoli.toml：有效。《机关工会工作暂行条例》贯彻落实示范单位评价标准"
    )
    assert "总分 100" in out


def test_validate_broken_file_exits_1_and_lists_every_error(
    capsys: pytest.CaptureFixture[str], in_repo: Path
) -> None:
    assert main(["validate", "tests/data/bad_many.toml"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "tests/data/bad_many.toml:10:1 标准信息：不认识的字段 pas，是不是 pass（达标分数线）？请检查拼写或删除",
        "tests/data/bad_many.toml:26:5 条目 a-01：points（分值）不能是负数",
        "tests/data/bad_many.toml:36:7 条目 a-02：缺少 points（分值），请补上",
        "tests/data/bad_many.toml:48:5 条目 a-03：kind（回答方式）只能是 yes_no、level、threshold、"
        "count、steps、date、choice、multi_choice、deductions、all_of、text 之一，现在是“multichoice”，是不是 multi_choice？",
        "tests/data/bad_many.toml:56:1 一级指标 b：title（名称）应为文字（用英文双引号括起来）",
        "tests/data/bad_many.toml：发现 5 处问题",
        "改正以上问题后，还会检查受牵连部分的编号、分值合计和适用条件。",
        "",
    ]


def test_validate_content_errors_need_no_promise_of_more_checks(
    capsys: pytest.CaptureFixture[str], in_repo: Path
) -> None:
    assert main(["validate", "tests/data/bad_many_semantic.toml"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-2:] == ["tests/data/bad_many_semantic.toml：发现 4 处问题", ""]


def test_validate_several_files_reports_each_and_fails_if_any_fails(
    capsys: pytest.CaptureFixture[str], in_repo: Path
) -> None:
    code = main(["validate", "tests/data/valid_small.toml", "tests/data/bad_points.toml"])
    assert code == 1
    captured = capsys.readouterr()
    assert "tests/data/valid_small.toml：有效。" in captured.out
    assert "tests/data/bad_points.toml:25:5 条目 a-01：points（分值）不能是负数" in captured.err


def test_validate_a_folder_checks_its_toml_files(
    capsys: pytest.CaptureFixture[str], in_repo: Path
) -> None:
    assert main(["validate", "criteria"]) == 0
    assert "criteria/tiaoli.toml：有效。" in capsys.readouterr().out


def test_score_json_has_what_inspectors_compare(
    capsys: pytest.CaptureFixture[str], in_repo: Path
) -> None:
    assert main(["score", "examples/sample-partial.answers.toml", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"total", "max", "grade", "veto_failed", "unanswered", "areas"} <= set(result)
    # The partial sample's figures, as `checklist score` prints them in its table. The
    # items about a 职工之家 and a studio it has not said it has (fwzx-03/04/05/07,
    # cxgzs-02: 10 points) count at 0 of 100, never leave the maximum: 25.55 earned,
    # kept with the standard's one decimal, rounded half up: 25.6.
    assert (result["total"], result["max"], result["grade"]) == (25.6, 100, "未达标")
    assert isinstance(result["veto_failed"], list)
    # fwzx-03/04 wait for fwzx-01 (the 职工之家), unanswered: not yet to be answered.
    assert len(result["unanswered"]) == 29
    assert [(a["id"], a["score"], a["max"]) for a in result["areas"]] == [
        ("djdgj", 9.45, 15.0),
        ("yfjh", 10.5, 20.0),
        ("sxyl", 1.6, 12.0),
        ("yflz", 0.0, 13.0),
        ("fwzx", 4.0, 18.0),
        ("cxgzs", 0.0, 10.0),
        ("whty", 0.0, 12.0),
    ]
    assert all(area["title"] for area in result["areas"])


def test_score_json_of_a_small_pack(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text(
        "[profile]\nassessed_on = 2026-11-24\n\n"
        '[answers.a-01]\nvalue = true\n\n[answers.a-02]\nvalue = "差"\n\n'
        '[answers.a-03]\nvalue = ["甲"]\n',
        encoding="utf-8",
    )
    code = main(["score", str(answers), "--json", "--criteria", str(DATA / "valid_small.toml")])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["total"] == 7
    assert result["max"] == 20
    assert result["grade"] == "未达标"
    assert result["veto_failed"] == []
    assert result["unanswered"] == ["b-01"]
    assert [(a["id"], a["title"], a["score"], a["max"]) for a in result["areas"]] == [
        ("a", "一级指标甲", 7, 15),
        ("b", "一级指标乙", 0, 5),
    ]
    assert [s["id"] for s in result["shortfalls"]] == ["a-02", "a-03"]


def test_score_table_names_the_unit_total_and_grade(
    capsys: pytest.CaptureFixture[str], in_repo: Path
) -> None:
    assert main(["score", "examples/sample-complete.answers.toml"]) == 0
    out = capsys.readouterr().out
    assert "单位：××省财政厅机关工会" in out
    assert "等次：示范" in out
    # 95.8 / 99.5 × 100 = 96.28…, written with the standard's one decimal as the report
    # writes it.
    assert "总分：96.3 / 100（适用条目得分 95.8 / 99.5，已折算）" in out.splitlines()


def test_score_tells_unanswered_veto_items_from_veto_items_not_met(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "新单位.answers.toml"
    path.write_text('[profile]\nunit = "新单位"\n', encoding="utf-8")
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "否决项未通过" not in out
    assert "否决项尚未填写或需复核（按未通过计）：" in out
    assert main(["score", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["veto_pending"] == result["veto_failed"] != []


def test_score_of_a_corrupt_answers_file_exits_1_with_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.toml").write_text('[profile]\nstaff = "很多"\n', encoding="utf-8")
    assert main(["score", "a.toml"]) == 1
    assert capsys.readouterr().err == "a.toml:2:1 基本情况：staff（职工人数）应为整数\n"


def test_score_with_broken_criteria_exits_1(
    capsys: pytest.CaptureFixture[str], in_repo: Path
) -> None:
    code = main(
        [
            "score",
            "examples/sample-partial.answers.toml",
            "--criteria",
            "tests/data/bad_points.toml",
        ]
    )
    assert code == 1
    assert (
        "tests/data/bad_points.toml:25:5 条目 a-01：points（分值）不能是负数"
        in capsys.readouterr().err
    )


def test_help_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "checklist", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )
    assert result.returncode == 0
    for command in ("validate", "score", "run", "report"):
        assert command in result.stdout
    assert "示范单位自评工具" in result.stdout


def test_unknown_command_is_explained_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["scor"])
    assert caught.value.code == 2
    assert "错误：" in capsys.readouterr().err


def test_the_shipped_standard_is_found_from_a_checkout() -> None:
    from checklist.locations import shipped_standard

    assert shipped_standard().resolve() == SHIPPED.resolve()


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """`checklist score 答卷.toml | head -1`: head leaves, and the pipe closes under us."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "checklist", "score", "examples/sample-complete.answers.toml"],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        os.close(writer)
    assert result.returncode == 1
    assert result.stderr == ""


def test_score_names_what_a_hand_edit_left_pointing_nowhere(
    capsys: pytest.CaptureFixture[str], in_repo: Path, tmp_path: Path
) -> None:
    """A renamed item, a cited number the index lacks and a rectification aimed at no
    item were scored or printed without a word before."""
    text = (in_repo / "examples" / "sample-complete.answers.toml").read_text(encoding="utf-8")
    edited = (
        text.replace("[answers.djdgj-01]", "[answers.djdgj-99]", 1)
        .replace("evidence = [1]\n", "evidence = [1, 99]\n", 1)
        .replace('items = ["yfjh-08"]', 'items = ["yfjh-08", "zzzz-01"]', 1)
    )
    assert edited.count("djdgj-99") == 1 and "[1, 99]" in edited and "zzzz-01" in edited
    path = tmp_path / "edited.answers.toml"
    path.write_text(edited, encoding="utf-8")
    assert main(["score", str(path)]) == 0
    captured = capsys.readouterr()
    assert (
        "答卷中有评价标准没有的条目编号（回答已保留，不计分；如是手工改错了编号，请改回）：djdgj-99"
        in (captured.err)
    )
    lines = captured.out.splitlines()
    assert "引用的佐证材料不在目录中：djdgj-02 引用 99" in lines
    assert "整改清单针对的条目不在评价标准中：第 1 条针对 zzzz-01" in lines


def test_an_answers_file_given_as_the_command_gets_the_command_to_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "unit.toml"
    answers.write_text('[profile]\nunit = "某厅机关工会"\n', "utf-8")
    assert main([str(answers)]) == 2
    err = capsys.readouterr().err
    assert f"要打开这份答卷，请运行：checklist run {answers}" in err
    with pytest.raises(SystemExit):
        main(["nosuch"])
    err = capsys.readouterr().err
    assert "无效的选项" in err and "（可选：'validate'" in err
    assert "argument" not in err and "choose from" not in err


def test_score_says_why_an_answer_needs_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = sample_copy(tmp_path, ('value = "两次及以上"', 'value = "三次"'))
    assert main(["score", str(answers)]) == 0
    out = capsys.readouterr().out
    assert "需复核条目（1，按 0 分计）：" in out
    assert "  djdgj-01：选项“三次”不在本条目的选项中" in out
    assert main(["score", "--json", str(answers)]) == 0
    reasons = json.loads(capsys.readouterr().out)["review_reasons"]
    assert reasons["djdgj-01"].startswith("选项“三次”不在本条目的选项中")


def test_score_and_report_ask_to_check_figures_that_cannot_all_be_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The small standard: the check is of 基本情况, whatever the standard; its report is
    # laid out in a fraction of the time the shipped sample's takes.
    from checklist.answers import AnswersStore
    from checklist.criteria import load_pack

    small = DATA / "valid_small.toml"
    answers = tmp_path / "unit.toml"
    with AnswersStore.open(answers, load_pack(small)) as store:
        store.set_profile(unit="某厅机关工会", staff=120, members=500)
        store.set_answer("a-01", value=True)
    assert main(["score", str(answers), "--criteria", str(small)]) == 0
    assert "注意：请核对基本情况：会员人数多于职工人数" in capsys.readouterr().err
    pdf = tmp_path / "unit.pdf"
    assert main(["report", str(answers), "--criteria", str(small), "-o", str(pdf)]) == 0
    assert "注意：请核对基本情况：会员人数多于职工人数" in capsys.readouterr().err


def _second_standard(folder: Path) -> Path:
    """tests/data/valid_small.toml as a second standard, installed in `folder`."""
    text = (DATA / "valid_small.toml").read_text("utf-8")
    path = folder / "second.toml"
    path.write_text(
        text.replace('id = "test-pack"', 'id = "second-pack"', 1).replace(
            'title = "测试标准"', 'title = "第二份标准"', 1
        ),
        "utf-8",
    )
    return path


def _answers_of(standard: Path, path: Path) -> Path:
    """An answers file made against the standard file `standard`."""
    from checklist.answers import AnswersStore
    from checklist.criteria import load_pack

    with AnswersStore.open(path, load_pack(standard)) as store:
        store.set_answer("a-01", value=True)
    return path


def test_standards_lists_each_standard_in_80_columns(
    capsys: pytest.CaptureFixture[str], in_repo: Path, no_installed_standards: Path
) -> None:
    from checklist.criteria import load_pack
    from checklist.formats import display_width

    second = _second_standard(no_installed_standards)
    assert main(["standards"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # Paths are never broken: the test's own folder is long.
    rest = [line for line in lines if str(no_installed_standards) not in line]
    assert max(display_width(line) for line in rest) <= 80
    shipped = load_pack(SHIPPED).fingerprint[:16]
    listed = "\n".join(lines)
    assert (
        "1. 《机关工会工作暂行条例》贯彻落实示范单位评价标准\n"
        "   编号 tiaoli-demo，2026年版，××省直机关工会工作委员会发布，55 个条目\n"
        f"   指纹 {shipped}\n"
        "   随程序发布：criteria/tiaoli.toml（新答卷默认使用）"
    ) in listed
    fingerprint = load_pack(second).fingerprint[:16]
    shipped_count = len(list(SHIPPED.parent.glob("*.toml")))
    assert (
        f"{shipped_count + 1}. 第二份标准\n"
        f"   编号 second-pack，测试版，测试单位发布，4 个条目，指纹 {fingerprint}\n"
        f"   已安装：{second}"
    ) in listed
    assert f"安装其他标准：把标准文件（.toml）放入文件夹\n   {no_installed_standards}" in listed


def test_validate_without_arguments_checks_the_installed_standards_too(
    capsys: pytest.CaptureFixture[str], in_repo: Path, no_installed_standards: Path
) -> None:
    second = _second_standard(no_installed_standards)
    broken = no_installed_standards / "broken.toml"
    broken.write_text((DATA / "bad_points.toml").read_text("utf-8"), "utf-8")
    assert main(["validate"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("criteria/tiaoli.toml：有效。")
    assert f"{second}：有效。第二份标准（测试版）" in captured.out
    assert f"{broken}:25:5 条目 a-01：points（分值）不能是负数" in captured.err
    assert main(["standards"]) == 1  # listed as a file that does not read
    assert f"   {broken}：1 处问题" in capsys.readouterr().err


def test_score_finds_the_standard_an_answers_file_was_made_against(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_installed_standards: Path
) -> None:
    second = _second_standard(no_installed_standards)
    answers = _answers_of(second, tmp_path / "unit.toml")
    assert main(["score", str(answers)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("第二份标准（测试版）\n")
    assert "总分：4.0 / 20" in captured.out
    assert captured.err == ""  # made against this very standard: nothing to warn of


def test_answers_whose_standard_is_not_installed_say_which_and_how_to_install_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_installed_standards: Path
) -> None:
    answers = _answers_of(DATA / "valid_small.toml", tmp_path / "unit.toml")
    before = answers.read_bytes()
    for command in ("score", "report", "run"):
        assert main([command, str(answers)]) == 1
        err = capsys.readouterr().err
        assert f"{answers}：答卷是按标准 test-pack（测试版）填写的，本机没有安装这份标准。" in err
        assert f"放入文件夹 {no_installed_standards}" in err
        assert "或用 --criteria 指定标准文件" in err
    assert answers.read_bytes() == before
    assert not (tmp_path / "unit.pdf").exists()
    assert main(["score", str(answers), "--criteria", str(DATA / "valid_small.toml")]) == 0


def test_standard_option_names_an_installed_standard_and_not_beside_criteria(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_installed_standards: Path
) -> None:
    _second_standard(no_installed_standards)
    answers = tmp_path / "new.toml"
    answers.write_text('[profile]\nunit = "某厅机关工会"\n', "utf-8")
    assert main(["score", str(answers), "--standard", "second-pack"]) == 0
    assert capsys.readouterr().out.startswith("第二份标准（测试版）\n")
    assert main(["score", str(answers), "--standard", "no-such"]) == 1
    assert capsys.readouterr().err.startswith("--standard：本机没有编号为 no-such 的标准。")
    with pytest.raises(SystemExit) as caught:
        main(["score", str(answers), "--standard", "second-pack", "--criteria", "x.toml"])
    assert caught.value.code == 2
    assert "不能与以下参数同用：" in capsys.readouterr().err


def test_run_opens_answers_with_the_standard_they_were_made_against(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_installed_standards: Path
) -> None:
    from checklist.locations import shipped_standard
    from checklist.tui import launch

    opened: list[tuple[Path | None, Path | None]] = []
    monkeypatch.setattr(
        launch, "run", lambda answers, criteria: opened.append((answers, criteria)) or 0
    )
    second = _second_standard(no_installed_standards)
    made = _answers_of(second, tmp_path / "unit.toml")
    new = tmp_path / "new.toml"
    assert main(["run", str(made)]) == 0
    assert main(["run", str(new)]) == 0
    assert main(["run", str(new), "--standard", "second-pack"]) == 0
    assert main(["run", "--standard", "second-pack"]) == 0
    assert opened == [
        (made, second),
        (new, shipped_standard()),
        (new, second),
        (None, second),
    ]


def test_score_prints_escape_sequences_of_the_answers_as_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A unit name holding a clipboard write (OSC 52) and a screen clear was printed raw:
    # the terminal acted on it.
    answers = tmp_path / "unit.answers.toml"
    text = (ROOT / "examples" / "sample-partial.answers.toml").read_text("utf-8")
    hostile = r"\u001b]52;c;aGVsbG8=\u0007\u001b[2J坏单位"
    unit = 'unit = "××省生态环境厅机关工会"'
    assert unit in text
    answers.write_text(text.replace(unit, f'unit = "{hostile}"', 1), "utf-8")
    assert main(["score", str(answers)]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err and "\x07" not in captured.out
    assert r"单位：\x1b]52;c;aGVsbG8=\x07\x1b[2J坏单位" in captured.out
