"""The tree's labels and nodes, made at once for a whole standard."""

from __future__ import annotations

from rich.text import Text

from checklist.criteria.model import Pack
from checklist.scoring import ItemScore, Status
from checklist.tui.widgets.item_tree import _MARK_STYLES, MARKS, ItemTree, item_label, mark_of


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
