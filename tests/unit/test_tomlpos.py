"""Key positions in TOML source, the basis of every file:line:col in messages."""

from __future__ import annotations

from checklist.toml_source import TomlSource
from checklist.tomlpos import key_positions, locate, related, scan

SOURCE = """\
# 注释 = 不是键
[pack]
id = "x"  # 行尾注释

[[area]]
id = "a"

  [[area.indicator]]
  id = "a-1"

    [[area.indicator.item]]
    id = "a-01"
    guidance = \"\"\"第一行
    第二行 = 这不是键
    \"\"\"
    options = [ { label = "甲", points = 1 },
      { label = "乙", points = -1 }, { label = "丙", points = 2 },
      # 注释里的 [ 和 "
      { label = "丁, ]", points = 3 },
    ]
    when = { item = "a-02", is = true }

    [[area.indicator.item]]
    id = "a-02"
    basis = ["《工会法》", '《中国工会章程》']

[[area]]
id = "b"
"""


def test_keys_tables_and_array_elements_are_located() -> None:
    positions = key_positions(SOURCE)
    item = ("area", 0, "indicator", 0, "item")
    assert positions[("pack", "id")] == (3, 1)
    assert positions[("area", 0)] == (5, 1)
    assert positions[(*item, 0)] == (11, 5)
    assert positions[(*item, 0, "guidance")] == (13, 5)
    assert positions[(*item, 0, "options")] == (16, 5)
    assert positions[(*item, 0, "options", 0)] == (16, 17)
    assert positions[(*item, 0, "options", 1)] == (17, 7)
    assert positions[(*item, 0, "options", 2)] == (17, 37)
    assert positions[(*item, 0, "options", 3)] == (19, 7)
    assert positions[(*item, 0, "when")] == (21, 5)
    assert positions[(*item, 1, "basis", 1)] == (25, 23)
    assert positions[("area", 1, "id")] == (28, 1)
    assert not any("第二行" in str(k) or "注释" in str(k) for k in positions)


def test_locate_uses_the_deepest_known_prefix() -> None:
    positions = key_positions(SOURCE)
    item = ("area", 0, "indicator", 0, "item", 0)
    assert locate(positions, (*item, "options", 1, "points")) == (17, 7)
    assert locate(positions, (*item, "when", "is")) == (21, 5)
    assert locate(positions, (*item, "text")) == (11, 5)
    assert locate(positions, ("nowhere",)) == (1, 1)


def test_an_array_of_tables_is_found_where_it_starts() -> None:
    source = '[profile]\nunit = "x"\n\n[[answers.djdgj-01]]\nvalue = true\n'
    positions = key_positions(source)
    assert locate(positions, ("answers", "djdgj-01")) == (4, 1)


def test_a_header_brings_in_its_parents_at_its_own_line() -> None:
    """`[[indicator.item]]` written without `area.`: `indicator`, which the file may not
    have at the top, is found at that header, not at the start of the file."""
    source = '[pack]\nid = "x"\n\n[[area]]\nid = "a"\n\n    [[indicator.item]]\n    id = "a-01"\n'
    found = scan(source)
    assert locate(found.positions, ("indicator",)) == (7, 5)
    assert found.headers[("indicator",)] == "[[indicator.item]]"
    assert found.headers[("indicator", "item", 0)] == "[[indicator.item]]"
    # Tables brought in earlier keep the header that did; keys bring in none.
    assert found.headers[("area", 0)] == "[[area]]"
    assert ("pack", "id") not in found.headers


def test_a_focused_scan_finds_on_its_branch_what_a_whole_scan_finds() -> None:
    """The error path scans only the branch of the errors: every key on that branch
    is where a whole scan puts it, the keys of other parts are passed over."""
    item = ("area", 0, "indicator", 0, "item")
    wanted = (*item, 0, "options", 1, "points")
    whole, focused = scan(SOURCE), scan(SOURCE, [wanted])
    on_branch = [p for p in whole.positions if related(p, wanted) or p[:6] == (*item, 0)]
    assert len(on_branch) > 10
    assert {p: focused.positions[p] for p in on_branch} == {
        p: whole.positions[p] for p in on_branch
    }
    assert focused.headers == whole.headers
    assert (*item, 1, "basis") in whole.positions
    assert (*item, 1, "basis") not in focused.positions


def test_a_position_asked_outside_the_focus_is_still_found() -> None:
    source = TomlSource(SOURCE, "标准.toml")
    item = ("area", 0, "indicator", 0, "item")
    source.focus([(*item, 0, "when")])
    assert source.locate((*item, 0, "when")) == (21, 5)
    assert source.locate((*item, 1, "basis", 1)) == (25, 23)
    assert source.locate(("area", 1, "id")) == (28, 1)
