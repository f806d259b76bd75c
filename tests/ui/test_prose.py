"""Chinese line breaking: no line starts with closing punctuation, nothing is lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from checklist.criteria.model import Pack
from checklist.tui.widgets.prose import NOT_AT_END, NOT_AT_START, wrap

CHINESE = st.text(
    alphabet=st.sampled_from(list("机关工会组织职工会员工作（）《》，。、；：“”0123456789ab- ")),
    max_size=200,
)


@given(CHINESE, st.integers(min_value=8, max_value=80))
def test_lines_fit_and_keep_every_character(text: str, width: int) -> None:
    lines = wrap(Text(text), width)
    assert all(cell_len(line.plain) <= width for line in lines)
    assert "".join(line.plain for line in lines).replace(" ", "") == text.replace(" ", "")


def test_closing_punctuation_wider_than_a_line_still_fits() -> None:
    # Found by the test above: carrying "、、）" down to go with the last "）" made a
    # line of 9 cells in 8.
    lines = wrap(Text("0 、、））"), 8)
    assert all(cell_len(line.plain) <= 8 for line in lines)
    assert "".join(line.plain for line in lines) == "0 、、））"


def test_the_shipped_standard_wraps_by_the_rules(pack: Pack) -> None:
    for item in pack.items.values():
        for width in (30, 44, 46, 80):
            lines = wrap(Text(item.text + item.guidance), width)
            for line in lines[1:]:
                assert line.plain[:1] not in NOT_AT_START, (item.id, width, line.plain)
            for line in lines[:-1]:
                assert line.plain[-1:] not in NOT_AT_END, (item.id, width, line.plain)


def test_ids_and_numbers_are_not_split() -> None:
    lines = wrap(Text("请先完成条目 djdgj-01 和 yfjh-10，入会率达到 95.5% 以上"), 16)
    joined = [line.plain for line in lines]
    assert any("djdgj-01" in line for line in joined)
    assert any("95.5%" in line for line in joined)


def test_a_short_word_between_spaces_is_not_split() -> None:
    # An item's heading at 80×24 ended "2分  单" with "选" alone on the next line.
    lines = wrap(Text("第1项  党建带工建 › 纳入机关党建工作格局  2分  单选"), 48)
    assert [line.plain for line in lines] == [
        "第1项  党建带工建 › 纳入机关党建工作格局  2分",
        "单选",
    ]
