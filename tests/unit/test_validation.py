"""Every validation error a staff member can make, with the exact message they see."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checklist.criteria import load_pack, parse_pack
from checklist.problems import ProblemsError
from tests.support.builders import DATA, SHIPPED

# File → every message `checklist validate` prints for it, in order. Each line names the
# file, the line and column of the key at fault, whose key it is, and what to do.
GOLDEN: dict[str, list[str]] = {
    "bad_condition_cycle.toml": [
        "tests/data/bad_condition_cycle.toml:27:5 条目 a-01：适用条件循环引用：a-01 → b-01 → a-02 → a-01，请去掉其中一个条件",
    ],
    "bad_condition_label.toml": [
        "tests/data/bad_condition_label.toml:27:5 条目 a-01：条目 a-02 没有选项“中”，可选：好、差",
        "tests/data/bad_condition_label.toml:71:5 条目 b-01：条目 a-03 没有选项“丙”，可选：甲、乙",
    ],
    "bad_condition_missing.toml": [
        "tests/data/bad_condition_missing.toml:27:5 条目 a-01：适用条件引用的条目 a-09 不存在，请检查编号",
    ],
    "bad_condition_operator.toml": [
        "tests/data/bad_condition_operator.toml:27:5 条目 a-01：at_least / at_most 只能用于数值条目（threshold、count、steps），条目 a-02 不是",
        'tests/data/bad_condition_operator.toml:71:5 条目 b-01：条目 a-03 是多选（multi_choice）条目，请用 includes = "…" 而不是 is',
    ],
    "bad_condition_self.toml": [
        "tests/data/bad_condition_self.toml:27:5 条目 a-01：适用条件不能引用条目自身",
    ],
    "bad_demonstration.toml": [
        "tests/data/bad_demonstration.toml:10:1 标准信息：demonstration（示范分数线）25 不能高于总分 20",
    ],
    "bad_duplicate_id.toml": [
        "tests/data/bad_duplicate_id.toml:44:5 条目 a-01：编号 a-01 与前面的条目重复，每个编号只能用一次",
        "tests/data/bad_duplicate_id.toml:54:1 一级指标 a-1：编号 a-1 与前面的二级指标重复，每个编号只能用一次",
    ],
    "bad_empty_options.toml": [
        "tests/data/bad_empty_options.toml:33:5 条目 a-02：options（选项）不能为空",
    ],
    "bad_id.toml": [
        "tests/data/bad_id.toml:23:5 条目 A_01：id（编号）只能由小写字母、数字和连字符组成，且以字母或数字开头",
    ],
    "bad_indicator_sum.toml": [
        "tests/data/bad_indicator_sum.toml:15:1 一级指标 a：points（分值）为 14，但下属二级指标分值之和为 15，请使两者相等",
        "tests/data/bad_indicator_sum.toml:56:1 一级指标 b：points（分值）为 6，但下属二级指标分值之和为 5，请使两者相等",
    ],
    "bad_item_sum.toml": [
        "tests/data/bad_item_sum.toml:20:3 二级指标 a-1：points（分值）为 10，但下属条目分值之和为 9，请使两者相等",
    ],
    "bad_kind.toml": [
        "tests/data/bad_kind.toml:26:5 条目 a-01：kind（回答方式）只能是 yes_no、level、threshold、count、steps、date、choice、multi_choice、deductions、all_of、text 之一，现在是“yesno”，是不是 yes_no？",
    ],
    "bad_many.toml": [
        "tests/data/bad_many.toml:10:1 标准信息：不认识的字段 pas，是不是 pass（达标分数线）？请检查拼写或删除",
        "tests/data/bad_many.toml:26:5 条目 a-01：points（分值）不能是负数",
        "tests/data/bad_many.toml:36:7 条目 a-02：缺少 points（分值），请补上",
        "tests/data/bad_many.toml:48:5 条目 a-03：kind（回答方式）只能是 yes_no、level、threshold、count、steps、date、choice、multi_choice、deductions、all_of、text 之一，现在是“multichoice”，是不是 multi_choice？",
        "tests/data/bad_many.toml:56:1 一级指标 b：title（名称）应为文字（用英文双引号括起来）",
    ],
    "bad_many_semantic.toml": [
        "tests/data/bad_many_semantic.toml:8:1 标准信息：total（总分）为 19，但各一级指标分值之和为 20，请使两者相等",
        "tests/data/bad_many_semantic.toml:20:3 二级指标 a-1：points（分值）为 10，但下属条目分值之和为 9，请使两者相等",
        "tests/data/bad_many_semantic.toml:27:5 条目 a-01：适用条件引用的条目 x-01 不存在，请检查编号",
        "tests/data/bad_many_semantic.toml:45:5 条目 a-02：编号 a-02 与前面的条目重复，每个编号只能用一次",
    ],
    "bad_missing.toml": [
        "tests/data/bad_missing.toml:2:1 标准信息：缺少 total（总分），请补上",
        "tests/data/bad_missing.toml:21:5 条目 a-01：缺少 text（考核内容），请补上",
    ],
    "bad_condition_value.toml": [
        "tests/data/bad_condition_value.toml:28:5 条目 a-01："
        "is（条件值）应为 true 或 false 或 文字（用英文双引号括起来）",
    ],
    "bad_fields_and_content.toml": [
        # One round: the wrong fields, and the whole-file checks on what reads.
        "tests/data/bad_fields_and_content.toml:8:1 标准信息：total（总分）为 19，但各一级指标分值之和为 20，请使两者相等",
        "tests/data/bad_fields_and_content.toml:10:1 标准信息：不认识的字段 pas，是不是 pass（达标分数线）？请检查拼写或删除",
        "tests/data/bad_fields_and_content.toml:28:5 条目 a-01：veto（否决项）应为 true 或 false",
        "tests/data/bad_fields_and_content.toml:46:5 条目 a-01：编号 a-01 与前面的条目重复，每个编号只能用一次",
        "tests/data/bad_fields_and_content.toml:58:1 一级指标 b：points（分值）为 5，但下属二级指标分值之和为 6，请使两者相等",
        "tests/data/bad_fields_and_content.toml:63:3 二级指标 b-1：points（分值）为 6，但下属条目分值之和为 5，请使两者相等",
        "tests/data/bad_fields_and_content.toml:70:5 条目 b-01：适用条件引用的条目 x-01 不存在，请检查编号",
    ],
    "bad_figure_fields.toml": [
        "tests/data/bad_figure_fields.toml:28:7 条目 a-01：type（类型）只能是 integer、number、percent、date、text 之一，现在是“int”，是不是 integer？",
        "tests/data/bad_figure_fields.toml:29:7 条目 a-01：数字说明“满意率”：unit（计量单位）只用于 integer（整数）或 number（数字）；百分比自带 %，日期和文字不写单位",
        'tests/data/bad_figure_fields.toml:30:7 条目 a-01：rate（比率）写两个不同的数字说明名称：[部分, 全体]，例如 rate = ["会员数", "职工数"]',
        "tests/data/bad_figure_fields.toml:31:7 条目 a-01：数字说明“职工数”取自基本情况或由比率算出，类型由程序确定，不写 type",
        "tests/data/bad_figure_fields.toml:32:7 条目 a-01：from_profile（取自基本情况）只能是 staff、members、women_members、committee_members、activists、term_years、membership_rate、activist_rate、last_election 之一，现在是“member”，是不是 members？",
        "tests/data/bad_figure_fields.toml:33:7 条目 a-01：数字说明“办结数”中有不认识的字段 units，是不是 unit（计量单位）？数字说明中只能写 name（名称）、type（类型）、unit（计量单位）、from_profile（取自基本情况）、rate（比率）",
        'tests/data/bad_figure_fields.toml:35:22 条目 a-01：figure_checks 的每一项须且只须写 at_most（不多于）或 at_least（不少于）之一，例如 { figure = "办结数", at_most = "受理数" }',
        "tests/data/bad_figure_fields.toml:46:7 条目 a-02：条件“落实率70%以上”写了 figure，还须写 at_least（不少于）或 at_most（不多于）",
    ],
    "bad_figures.toml": [
        "tests/data/bad_figures.toml:30:7 条目 a-01：rate（比率）中的“会员人数”不是本条目 figures（数字说明）中的名称；可用：职工数、会员数、入会率",
        "tests/data/bad_figures.toml:31:7 条目 a-01：数字说明“职工数”重复，每个名称只能用一次",
        "tests/data/bad_figures.toml:34:5 条目 a-01：from_figure 中的“入会比例”不是本条目 figures（数字说明）中的名称；可用：职工数、会员数、入会率",
        "tests/data/bad_figures.toml:43:7 条目 a-02：比率循环引用：甲率 → 乙率 → 甲率，比率只能由填写的或取自基本情况的数字算出",
        "tests/data/bad_figures.toml:48:22 条目 a-02：figure_checks 的 figure 中的“办结情况”是文字，这里要用数字（整数、数字、百分比或比率）",
        "tests/data/bad_figures.toml:59:7 条目 a-03：figure 中的“落实率”不是本条目 figures（数字说明）中的名称；可用：建议次数",
        'tests/data/bad_figures.toml:69:5 条目 a-04：postponement 的 until 中的“批准延期至”应是本条目日期类且由单位填写的数字说明；请在 figures 中写明这一项，例如 { name = "批准延期至", type = "date" }',
    ],
    "bad_full_width_bracket.toml": [
        "tests/data/bad_full_width_bracket.toml:27:14：TOML 语法错误：第 27 行第 14 列有全角方括号“［”，"
        "请改为半角方括号“[”",
    ],
    "bad_full_width_comma.toml": [
        "tests/data/bad_full_width_comma.toml:34:20：TOML 语法错误：第 34 行第 20 列有全角逗号“，”，"
        "请改为半角逗号“,”",
    ],
    "bad_full_width_quote.toml": [
        "tests/data/bad_full_width_quote.toml:27:14：TOML 语法错误：第 27 行第 14 列有中文引号「“」，"
        '请改为英文双引号「"」',
    ],
    "bad_header_nesting.toml": [
        # No sum is checked: the items under [[indicator.item]] belong somewhere.
        "tests/data/bad_header_nesting.toml:28:5：表头 [[indicator.item]] 的层级不对："
        "条目的表头应写作 [[area.indicator.item]] 或 [[area.item]]",
    ],
    "bad_header_unknown.toml": [
        "tests/data/bad_header_unknown.toml:38:3 二级指标 a-2：缺少 item（条目），请补上",
        "tests/data/bad_header_unknown.toml:43:5 一级指标 a：表头 [[area.item.foo]] 的层级不对："
        "条目的表头应写作 [[area.indicator.item]] 或 [[area.item]]",
    ],
    "bad_option_key.toml": [
        "tests/data/bad_option_key.toml:29:7 条目 a-01：等级“未达到”中有不认识的字段 rate，是不是 ratio（系数）？"
        "等级中只能写 label（选项名称）、ratio（系数）",
        "tests/data/bad_option_key.toml:29:7 条目 a-01：缺少 ratio（系数），请补上",
        "tests/data/bad_option_key.toml:39:7 条目 a-02：缺少 points（分值），请补上",
        "tests/data/bad_option_key.toml:39:7 条目 a-02：选项“差”中有不认识的字段 point，是不是 points（分值）？"
        "选项中只能写 label（选项名称）、points（分值）、when（适用条件）",
        "tests/data/bad_option_key.toml:53:7 条目 a-03：第 1 个选项中有不认识的字段 lable，是不是 label（选项名称）？"
        "选项中只能写 label（选项名称）、deduct（扣分）、when（适用条件）",
        "tests/data/bad_option_key.toml:53:7 条目 a-03：缺少 label（选项名称），请补上",
    ],
    "bad_part_left_out.toml": [
        # a-03 does not read: neither the sums it is missing from (a-2, a, the total) nor
        # a-01's condition on it are reported; the rest of the file is checked.
        "tests/data/bad_part_left_out.toml:34:5 条目 a-02：最高的选项只有 5 分，低于 points（分值）6，"
        "任何回答都得不到满分，请调整选项分数或分值",
        "tests/data/bad_part_left_out.toml:48:5 条目 a-03：kind（回答方式）只能是 yes_no、level、threshold、"
        "count、steps、date、choice、multi_choice、deductions、all_of、text 之一，现在是“multichoice”，是不是 multi_choice？",
        "tests/data/bad_part_left_out.toml:57:1 一级指标 b：points（分值）为 5，但下属二级指标分值之和为 6，请使两者相等",
        "tests/data/bad_part_left_out.toml:62:3 二级指标 b-1：points（分值）为 6，但下属条目分值之和为 5，请使两者相等",
    ],
    "bad_huge_points.toml": [
        "tests/data/bad_huge_points.toml:26:5 条目 a-01：points（分值）超出了数字的范围，请写一个普通的数字",
    ],
    "bad_nesting.toml": [
        "tests/data/bad_nesting.toml:4:3008：TOML 语法错误：方括号或花括号嵌套过深（3000 层），"
        "请检查这一行的括号是否多写了",
    ],
    "bad_option_points.toml": [
        "tests/data/bad_option_points.toml:33:5 条目 a-02：选项最高分 7 超过了 points（分值）6",
    ],
    "bad_unreachable_points.toml": [
        "tests/data/bad_unreachable_points.toml:26:5 条目 a-01：最高的选项只有 1 分，低于 points（分值）2，"
        "任何回答都得不到满分，请调整选项分数或分值",
        "tests/data/bad_unreachable_points.toml:36:5 条目 a-02：全部选项合计只有 1 分，低于 points（分值）2，"
        "任何回答都得不到满分，请调整选项分数或分值",
        "tests/data/bad_unreachable_points.toml:44:5 条目 a-03：levels（等级）中没有系数为 1 的等级，"
        "任何回答都得不到满分，请加上一个 ratio = 1.0 的等级",
    ],
    "bad_points.toml": [
        "tests/data/bad_points.toml:25:5 条目 a-01：points（分值）不能是负数",
    ],
    "bad_syntax.toml": [
        "tests/data/bad_syntax.toml:7:10：TOML 语法错误：值的写法不对：文字要用英文双引号括起来，日期写成 2026-11-24；若上方有列表，请检查它的“]”是否漏写",
    ],
    "bad_thresholds.toml": [
        "tests/data/bad_thresholds.toml:9:1 标准信息：pass（达标分数线）21 不能高于总分 20",
        "tests/data/bad_thresholds.toml:10:1 标准信息：demonstration（示范分数线）18 不能低于 pass（达标分数线）21",
    ],
    "bad_total.toml": [
        "tests/data/bad_total.toml:8:1 标准信息：total（总分）为 25，但各一级指标分值之和为 20，请使两者相等",
    ],
    "bad_type.toml": [
        "tests/data/bad_type.toml:25:5 条目 a-01：basis（依据）应为列表（用方括号 [ ] 括起来）",
        "tests/data/bad_type.toml:47:5 条目 a-03：points（分值）应为数字",
        "tests/data/bad_type.toml:67:5 条目 b-01：points（分值）应为数字",
    ],
    "bad_unclosed.toml": [
        "tests/data/bad_unclosed.toml:37:5：TOML 语法错误：值的写法不对：文字要用英文双引号括起来，日期写成 2026-11-24；若上方有列表，请检查它的“]”是否漏写",
    ],
    "bad_unknown_key.toml": [
        "tests/data/bad_unknown_key.toml:31:5 条目 a-02：不认识的字段 guidence，是不是 guidance（评分说明）？请检查拼写或删除",
    ],
}


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load_pack(path)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_broken_file_gives_the_golden_messages(in_repo: Path, name: str) -> None:
    assert problems_of(Path("tests/data") / name) == GOLDEN[name]


def test_every_broken_file_in_tests_data_has_golden_messages() -> None:
    assert sorted(p.name for p in DATA.glob("bad_*.toml")) == sorted(GOLDEN)


def test_every_message_is_located() -> None:
    for name, lines in GOLDEN.items():
        for line in lines:
            assert re.match(rf"tests/data/{re.escape(name)}:[1-9]\d*:[1-9]\d* ?", line), line


def test_the_valid_template_of_the_broken_files_loads() -> None:
    pack = load_pack(DATA / "valid_small.toml")
    assert list(pack.items) == ["a-01", "a-02", "a-03", "b-01"]


def test_message_names_the_path_as_given_when_outside_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "std.toml"
    target.write_text((DATA / "bad_points.toml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(DATA)
    assert problems_of(target) == [f"{target}:25:5 条目 a-01：points（分值）不能是负数"]


def test_missing_file_and_wrong_encoding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert problems_of(Path("nowhere.toml")) == ["nowhere.toml：找不到标准文件，请检查路径"]
    Path("gbk.toml").write_bytes('title = "测试"\n'.encode("gbk"))
    assert problems_of(Path("gbk.toml")) == [
        "gbk.toml:1:10：标准文件不是 UTF-8 编码（从这里起），请用 UTF-8 保存后再试"
    ]


def test_a_line_pasted_from_a_gbk_file_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As for answers files: the line and column of the first byte that is not UTF-8,
    past a byte order mark, in a standard otherwise saved as UTF-8."""
    monkeypatch.chdir(tmp_path)
    lines = valid_text().encode("utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith(b"title = ")) + 1
    pasted = "  # 本条依据《条例》第五条\n".encode("gbk")  # inserted as line at + 1
    raw = b"".join([*lines[:at], pasted, *lines[at:]])
    Path("mixed.toml").write_bytes(b"\xef\xbb\xbf" + raw)
    assert problems_of(Path("mixed.toml")) == [
        f"mixed.toml:{at + 1}:5：标准文件不是 UTF-8 编码（从这里起），请用 UTF-8 保存后再试"
    ]


def test_empty_file_asks_for_pack_and_areas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("empty.toml").write_text("# 还没写\n", encoding="utf-8")
    assert problems_of(Path("empty.toml")) == [
        "empty.toml:1:1：缺少 area（一级指标），请补上",
        "empty.toml:1:1：缺少 pack（标准信息），请补上",
    ]


GRADES = 'grades = [{ name = "模范", at_least = 18 }, { name = "合格", at_least = 16 }]'


def valid_text() -> str:
    return (DATA / "valid_small.toml").read_text(encoding="utf-8")


def line_of(source: str, text: str) -> int:
    return source.splitlines().index(text) + 1


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        (
            '    kind = "yes_no"',
            '    kind = "yes_no"\n    when = { item = "a-02", profile = "staff", at_least = 3 }',
            '    when = { item = "a-02", profile = "staff", at_least = 3 }',
            "条目 a-01：适用条件 when 须且只须写 item（条目编号）或 profile（基本情况数字）之一",
        ),
        (
            # Nothing like it: no name is guessed.
            '    kind = "yes_no"',
            '    kind = "yes_no"\n    qqq = 1',
            "    qqq = 1",
            "条目 a-01：不认识的字段 qqq，请检查拼写或删除",
        ),
        (
            '    kind = "yes_no"',
            '    kind = "yes_no"\n    gudiance = "说明"',
            '    gudiance = "说明"',
            "条目 a-01：不认识的字段 gudiance，是不是 guidance（评分说明）？请检查拼写或删除",
        ),
        (
            '    kind = "yes_no"',
            '    kind = "yes_no"\n    when = { profile = "staf", at_least = 3 }',
            '    when = { profile = "staf", at_least = 3 }',
            "条目 a-01：profile 只能是 staff、members、women_members、committee_members、"
            "activists、term_years、membership_rate、activist_rate 之一，现在是“staf”，是不是 staff？",
        ),
        (
            '    kind = "threshold"',
            '    kind = "threshold"\n    from_profile = "membership"',
            '    from_profile = "membership"',
            "条目 b-01：from_profile（取自基本情况）只能是 staff、members、women_members、"
            "committee_members、activists、term_years、membership_rate、activist_rate 之一，现在是“membership”，是不是 members 或 membership_rate？",
        ),
        (
            "    min = 95",
            "",
            '    id = "b-01"',
            "条目 b-01：threshold 条目须写 min 或 max（或两者）",
        ),
        (
            '    kind = "yes_no"',
            '    kind = "date"',
            '    id = "a-01"',
            "条目 a-01：date 条目须且只须写 max_age_years 或 max_age_from_profile 之一",
        ),
        (
            '    kind = "yes_no"',
            '    kind = "count"\n    each = 5',
            "    each = 5",
            "条目 a-01：each（每次得分）5 不能大于 points（分值）4",
        ),
        (
            '    kind = "choice"',
            '    kind = "choice"\n    when = { item = "a-01", is = "是" }',
            '    when = { item = "a-01", is = "是" }',
            "条目 a-02：条目 a-01 是是/否（yes_no）条目，请写 is = true 或 is = false，不加引号",
        ),
        (
            '    kind = "yes_no"',
            '    kind = "yes_no"\n    when = { item = "a-03", is = true }',
            '    when = { item = "a-03", is = true }',
            "条目 a-01：is = true/false 只能用于是/否（yes_no）条目，条目 a-03 不是",
        ),
        (
            '    kind = "yes_no"',
            '    kind = "yes_no"\n    when = { item = "b-01", is = "高" }',
            '    when = { item = "b-01", is = "高" }',
            '条目 a-01：is = "…" 只能用于单选（choice）或达到程度（level）条目，条目 b-01 不是',
        ),
        (
            '    kind = "yes_no"',
            '    kind = "yes_no"\n    when = { item = "a-02", includes = "好" }',
            '    when = { item = "a-02", includes = "好" }',
            "条目 a-01：includes 只能用于多项同时达到（all_of）或多选（multi_choice）条目，条目 a-02 不是",
        ),
        (
            "    min = 95",
            "    min = 95\n    max = 90",
            "    max = 90",
            "条目 b-01：max（上限）90 不能小于 min（下限）95",
        ),
        (
            '    kind = "yes_no"',
            '    kind = "steps"\n    target = 25\n    step = 2\n    deduct = 0.5\n    zero_below = 30',
            "    zero_below = 30",
            "条目 a-01：zero_below（不得分线）不能高于 target（目标值）",
        ),
        (
            '    kind = "yes_no"',
            '    kind = "yes_no"\n    method = ["开会"]',
            ('    method = ["开会"]', 15),  # the wrong element, not just the key
            "条目 a-01：method（考核方法）只能是 查阅资料、实地查看、座谈、问卷、个别访谈、抽查 之一",
        ),
        (
            '    kind = "multi_choice"\n    options = [\n      { label = "甲", points = 3 },\n'
            '      { label = "乙", points = 3 },\n    ]',
            '    kind = "all_of"\n    parts = [{ label = "甲" }]',
            '    parts = [{ label = "甲" }]',
            "条目 a-03：parts（同时达到的条件）至少要有 2 项，现在只有 1 项",
        ),
        (
            '    kind = "yes_no"',
            '    kind = "yes_no"\n    veto = "是"',
            '    veto = "是"',
            "条目 a-01：veto（否决项）应为 true 或 false",
        ),
        (
            '      { label = "差", points = 0 },',
            '      { label = "好", points = 0 },',
            "    options = [",
            "条目 a-02：选项“好”重复",
        ),
        (
            "effective = 2026-01-01",
            'effective = "2026年1月1日"',
            'effective = "2026年1月1日"',
            "标准信息：effective（施行日期）应为日期，例如 2026-11-24",
        ),
        (
            "demonstration = 18",
            'demonstration = 18\nnot_applicable = "renorm"',
            'not_applicable = "renorm"',
            "标准信息：not_applicable（不适用计分规则）只能是 renormalize、count_as_met 之一，现在是“renorm”，是不是 renormalize？",
        ),
        (
            "pass = 16\ndemonstration = 18",
            'grades = [{ name = "模范", at_least = 16 }, { name = "合格", at_least = 18 }]',
            ('grades = [{ name = "模范", at_least = 16 }, { name = "合格", at_least = 18 }]', 43),
            "标准信息：等次“合格”的分数线 18 高于上一等次“模范”的 16；grades 请从高到低排列",
        ),
        (
            "pass = 16\ndemonstration = 18",
            GRADES + '\nfail = "合格"',
            (GRADES, 1),
            "标准信息：等次名称“合格”重复（含 fail：不达标时的名称），每个名称只能用一次",
        ),
        (
            '    points = 4\n    kind = "yes_no"',
            '    points = 4\n    kind = "yes_no"\n    veto_at_least = 5\n    veto = true',
            "    veto_at_least = 5",
            "条目 a-01：veto_at_least（否决项的达到线）5 不能高于 points（分值）4",
        ),
        (
            '      { label = "好", points = 6 },',
            '      { label = "好", points = 6, when = { profile = "staff", at_least = 25 } },',
            "    options = [",
            "条目 a-02：单选（choice）条目的选项不能带适用条件 when；"
            "需要按条件出现的选项请用多选（multi_choice）或缺项扣分（deductions）",
        ),
        (
            '      { label = "甲", points = 3 },',
            '      { label = "甲", points = 3, when = { item = "zz-01", is = true } },',
            '      { label = "甲", points = 3, when = { item = "zz-01", is = true } },',
            "条目 a-03：适用条件引用的条目 zz-01 不存在，请检查编号",
        ),
    ],
)
def test_more_mistakes_are_located_and_explained(
    old: str, new: str, at: str | tuple[str, int], message: str
) -> None:
    source = valid_text()
    assert old in source
    broken = source.replace(old, new, 1)
    with pytest.raises(ProblemsError) as caught:
        parse_pack(broken, "std.toml")
    at, column = at if isinstance(at, tuple) else (at, len(at) - len(at.lstrip()) + 1)
    line = line_of(broken, at)
    if at.lstrip().startswith("id = "):
        line -= 1  # a rule about the whole item points at its [[area.indicator.item]] header
    assert [str(p) for p in caught.value.problems] == [f"std.toml:{line}:{column} {message}"]


def test_text_item_cannot_carry_points_or_veto() -> None:
    source = valid_text().replace(
        '    text = "条目一"\n    points = 4\n    kind = "yes_no"',
        '    text = "条目一"\n    points = 4\n    kind = "text"\n    veto = true',
    )
    with pytest.raises(ProblemsError) as caught:
        parse_pack(source, "std.toml")
    assert [str(p) for p in caught.value.problems] == [
        "std.toml:25:5 条目 a-01：points（分值）不能大于 0"
    ]
    source = source.replace(
        '    points = 4\n    kind = "text"', '    points = 0\n    kind = "text"'
    )
    source = source.replace("  points = 10\n", "  points = 6\n").replace(
        "points = 15", "points = 11"
    )
    source = (
        source.replace("total = 20", "total = 16")
        .replace("pass = 16", "pass = 12")
        .replace("demonstration = 18", "demonstration = 14")
    )
    with pytest.raises(ProblemsError) as caught:
        parse_pack(source, "std.toml")
    assert [str(p) for p in caught.value.problems] == [
        "std.toml:27:5 条目 a-01：文字说明（text）条目不计分，不能设为否决项"
    ]


def test_error_deep_in_the_shipped_standard_points_at_its_line() -> None:
    source = SHIPPED.read_text(encoding="utf-8")
    lines = source.splitlines()
    start = lines.index('    id = "whty-06"')
    points_line = next(i for i in range(start, len(lines)) if lines[i].startswith("    points = "))
    lines[points_line] = "    points = -2"
    with pytest.raises(ProblemsError) as caught:
        parse_pack("\n".join(lines) + "\n", "criteria/tiaoli.toml")
    assert [str(p) for p in caught.value.problems] == [
        f"criteria/tiaoli.toml:{points_line + 1}:5 条目 whty-06：points（分值）不能是负数"
    ]


def test_fingerprint_ignores_comments_and_layout_but_not_content() -> None:
    source = valid_text()
    base = parse_pack(source, "a.toml").fingerprint
    commented = source.replace("[pack]", "# 新加的注释\n\n[pack]")
    assert parse_pack(commented, "b.toml").fingerprint == base
    changed = source.replace('text = "条目一"', 'text = "条目一（修订）"')
    assert parse_pack(changed, "c.toml").fingerprint != base


def test_file_saved_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    # Notepad and WPS on Windows save "UTF-8" with a BOM; staff cannot see it.
    target = tmp_path / "bom.toml"
    target.write_bytes(b"\xef\xbb\xbf" + (DATA / "valid_small.toml").read_bytes())
    assert len(load_pack(target).items) == 4


def test_windows_line_endings_give_the_same_lines(in_repo: Path, tmp_path: Path) -> None:
    crlf = tmp_path / "bad_many.toml"
    crlf.write_bytes((DATA / "bad_many.toml").read_bytes().replace(b"\n", b"\r\n"))
    expected = [m.replace("tests/data/bad_many.toml", str(crlf)) for m in GOLDEN["bad_many.toml"]]
    assert problems_of(crlf) == expected


@pytest.mark.parametrize(
    ("name", "more"),
    [
        ("bad_syntax.toml", True),
        ("bad_points.toml", True),
        ("bad_total.toml", False),
        # An unknown key adds nothing: the whole file was checked without it.
        ("bad_unknown_key.toml", False),
        # An item read without its wrong field: its own checks wait for it.
        ("bad_fields_and_content.toml", True),
    ],
)
def test_problems_say_whether_content_checks_are_still_to_come(name: str, more: bool) -> None:
    with pytest.raises(ProblemsError) as caught:
        load_pack(DATA / name)
    assert caught.value.more_checks is more


def test_an_item_that_is_not_a_table_is_named_in_chinese(tmp_path: Path) -> None:
    """`item = [1]`: a bare number where an item's table belongs."""
    text = (DATA / "valid_small.toml").read_text(encoding="utf-8")
    first_item = text.index("[[area.indicator.item]]")
    broken = tmp_path / "standard.toml"
    broken.write_text(text[:first_item] + "item = [1]\n", encoding="utf-8")
    messages = problems_of(broken)
    assert any("item（条目）应为表（键 = 值）" in m for m in messages), messages


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '    kind = "yes_no"',
            '    kind = "yes_no"\n    basis = ["《工会法》"、"《中国工会章程》"]',
            "std.toml:27:21：TOML 语法错误：第 27 行第 21 列有顿号“、”，请改为半角逗号“,”",
        ),
        (
            '    kind = "yes_no"',
            '    kind = "yes_no"\n    method = 【"座谈"】',
            "std.toml:27:14：TOML 语法错误：第 27 行第 14 列有中文方括号“【”，请改为半角方括号“[”",
        ),
        (
            '      { label = "差", points = 0 },',
            '      ｛ label = "差", points = 0 },',
            "std.toml:35:7：TOML 语法错误：第 35 行第 7 列有全角花括号“｛”，请改为半角花括号“{”",
        ),
        (  # opened with an English quote, closed with a Chinese one
            '    kind = "yes_no"',
            '    kind = "yes_no"\n    basis = ["《工会法》”]',
            'std.toml:27:20：TOML 语法错误：第 27 行第 20 列有中文引号「”」，请改为英文双引号「"」',
        ),
        (  # Chinese quotes that open first are the text's own: the English one is missing
            '    kind = "yes_no"',
            '    kind = "yes_no"\n    guidance = "他说“好”',
            "std.toml:27:22：TOML 语法错误：引号没有闭合，请补上英文双引号",
        ),
        (
            "total = 20",
            "total ＝ 20",
            "std.toml:8:7：TOML 语法错误：第 8 行第 7 列有全角等号“＝”，请改为半角等号“=”",
        ),
    ],
)
def test_full_width_punctuation_is_named_where_it_is(old: str, new: str, message: str) -> None:
    source = valid_text()
    assert old in source
    with pytest.raises(ProblemsError) as caught:
        parse_pack(source.replace(old, new, 1), "std.toml")
    assert [str(p) for p in caught.value.problems] == [message]


def test_chinese_punctuation_inside_text_is_text() -> None:
    source = valid_text().replace(
        '    kind = "yes_no"',
        '    kind = "yes_no"\n    basis = ["《工会法》，“第十条”［节选］"]\n    guidance = "他说“好”。"',
        1,
    )
    assert parse_pack(source, "std.toml").items["a-01"].basis == ["《工会法》，“第十条”［节选］"]


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        (
            '    [[area.indicator.item]]\n    id = "a-02"',
            '    [[item]]\n    id = "a-02"',
            "    [[item]]",
            "：表头 [[item]] 的层级不对：条目的表头应写作 [[area.indicator.item]] 或 [[area.item]]",
        ),
        (
            '  [[area.indicator]]\n  id = "a-2"',
            '  [[indicator]]\n  id = "a-2"',
            "  [[indicator]]",
            "：表头 [[indicator]] 的层级不对：二级指标的表头应写作 [[area.indicator]]",
        ),
        (
            '    [[area.indicator.item]]\n    id = "a-02"',
            '    [[area.indicator.items]]\n    id = "a-02"',
            "    [[area.indicator.items]]",
            " 二级指标 a-1：表头 [[area.indicator.items]] 不是标准文件中的表头，请检查拼写和层级。"
            "可用的表头有 [pack]、[[area]]、[[area.indicator]]、[[area.indicator.item]]、[[area.item]]",
        ),
    ],
)
def test_a_header_at_the_wrong_place_is_reported_at_its_line(
    old: str, new: str, at: str, message: str
) -> None:
    source = valid_text()
    assert old in source
    broken = source.replace(old, new, 1)
    with pytest.raises(ProblemsError) as caught:
        parse_pack(broken, "std.toml")
    column = len(at) - len(at.lstrip()) + 1
    assert [str(p) for p in caught.value.problems] == [
        f"std.toml:{line_of(broken, at)}:{column}{message}"
    ]


def test_checks_of_a_part_read_without_a_field_wait_unless_they_need_nothing_of_it() -> None:
    """a-01's levels are wrong: read without them it would have the default levels, so
    b-01's condition on its level 优 is not checked (it would be an echo: 没有选项“优”);
    a-01's own condition on a-02 needs nothing else of a-01 and is checked."""
    source = valid_text().replace(
        '    kind = "yes_no"',
        '    kind = "level"\n    levels = [{ label = "优", ratio = 1 }, { label = "差", ratio = "零" }]\n'
        '    when = { item = "a-02", is = "中" }',
        1,
    )
    source = source.replace(
        '    kind = "threshold"', '    kind = "threshold"\n    when = { item = "a-01", is = "优" }'
    )
    with pytest.raises(ProblemsError) as caught:
        parse_pack(source, "std.toml")
    assert [str(p) for p in caught.value.problems] == [
        "std.toml:27:43 条目 a-01：ratio（系数）应为数字",  # at the second level
        "std.toml:28:5 条目 a-01：条目 a-02 没有选项“中”，可选：好、差",
    ]


def test_a_sheet_of_two_levels_and_grades_of_its_own_load() -> None:
    source = valid_text().replace("pass = 16\ndemonstration = 18", GRADES + '\nfail = "不合格"')
    source = source.replace(
        '[[area]]\nid = "b"\ntitle = "一级指标乙"\npoints = 5\n\n  [[area.indicator]]\n'
        '  id = "b-1"\n  title = "二级指标乙一"\n  points = 5\n\n    [[area.indicator.item]]',
        '[[area]]\nid = "b"\ntitle = "一级指标乙"\npoints = 5\n\n    [[area.item]]',
    )
    pack = parse_pack(source, "std.toml")
    assert [(g.name, g.at_least) for g in pack.info.grades] == [("模范", 18), ("合格", 16)]
    assert pack.info.fail == "不合格"
    area = pack.areas[1]
    assert area.two_levels and [i.id for i in area.items()] == ["b-01"]
    assert pack.area_of["b-01"] is area
