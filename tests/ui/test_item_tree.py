"""The tree's labels and nodes: made at once for a whole standard, an area's when it
is first expanded."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Tree

from checklist.answers import AnswersStore
from checklist.criteria.model import Pack
from checklist.scoring import ItemScore, Status
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.widgets.item_tree import _MARK_STYLES, MARKS, ItemTree, item_label, mark_of
from tests.support.pilot import opened, settle
from tests.support.samples import write_profile


def test_an_item_label_is_the_mark_the_number_and_the_text(pack: Pack) -> None:
    item_id, item = next(iter(pack.items.items()))
    for status in Status:
        for veto in (False, True):
            score = ItemScore(item=item, status=status, score=0, max=1, veto_failed=veto)
            key = mark_of(score)
            label = item_label(pack, item_id, score)
            assembled = Text.assemble(
                (MARKS[key][0], _MARK_STYLES[key]),
                (f" {pack.sheet_numbers[item_id]} ", "bold"),
                item.text,
            )
            assert label == assembled
            assert label.spans == assembled.spans
            assert (label.end, label.tab_size, label.style) == (
                assembled.end,
                assembled.tab_size,
                assembled.style,
            )


def test_a_label_of_more_lines_shows_its_first_as_textual_would(pack: Pack) -> None:
    tree = ItemTree(pack)
    assert tree.process_label(Text("第一行\n第二行")).plain == "第一行"
    assert tree.process_label("[b]粗体[/b]").plain == "粗体"
    one = Text("一行")
    assert tree.process_label(one) is one


async def test_an_area_gets_its_lines_when_the_chair_first_expands_it(
    answers_path: Path, pack: Pack
) -> None:
    """At the start only the first item's area has its lines; another, expanded from
    the keyboard, shows its indicators and the items that apply, marked as the latest
    score has them (one answered before the app opened, one while the area was shut)."""
    write_profile(answers_path, pack)
    with AnswersStore.open(answers_path, pack) as store:
        store.set_answer("cxgzs-01", value=True)
    async with opened(answers_path) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        tree = main.query_one(ItemTree)
        area = next(node for node in tree.root._children if node.data == "cxgzs")
        assert not area.is_expanded and not area._children  # not made yet
        main._set_answer("cxgzs-04", value=next(iter(pack.items["cxgzs-04"].choices().values())))
        await settle(pilot)
        tree.focus()
        tree.move_cursor(area)
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert area.is_expanded
        lines = [line.node for line in tree._tree_lines]
        below = lines[lines.index(area) + 1 :]
        expected: list[str] = []
        for indicator in pack.areas[[a.id for a in pack.areas].index("cxgzs")].indicators:
            if not indicator.implicit:
                expected.append(indicator.id)
            expected += [i.id for i in indicator.items if main.score.items[i.id].active]
        assert [node.data for node in below[: len(expected)]] == expected
        items = [node for node in below[: len(expected)] if node.data in pack.items]
        for node in items:
            assert node.data is not None
            label = item_label(pack, node.data, main.score.items[node.data])
            assert node.label == label and node.label.spans == label.spans
        marks = {node.data: str(node.label)[0] for node in items}
        assert marks["cxgzs-01"] == marks["cxgzs-04"] == MARKS["answered"][0]
        assert marks["cxgzs-03"] == MARKS["unanswered"][0]


async def test_the_width_of_each_line_is_the_one_textual_works_out(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    async with opened(answers_path) as (app, pilot):
        tree = app.screen.query_one(ItemTree)
        for area in tree.root.children:
            area.expand()
        await settle(pilot)
        nodes = list(tree._tree_nodes.values())
        assert len(nodes) > len(pack.items)
        for node in nodes:
            assert tree.get_label_width(node) == Tree.get_label_width(tree, node), node
