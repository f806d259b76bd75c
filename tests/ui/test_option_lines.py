"""Option labels broken as Chinese prose is: no line of an option starts with "，" or
"）" or ends with "（", at any width, and no character of a label is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, SelectionList

from checklist.criteria import load_pack
from checklist.criteria.kinds import Item
from checklist.criteria.library import shipped_files
from checklist.criteria.model import Pack
from checklist.tui.widgets.answer_inputs import ChoiceAnswer, MultiAnswer, answer_widget
from checklist.tui.widgets.item_detail import ItemDetail
from checklist.tui.widgets.prose import NOT_AT_END, NOT_AT_START
from tests.support.pilot import open_at, opened, settle, type_into, until
from tests.support.samples import write_profile, write_sample
from tests.ui.test_keys import palette_text

BOX = ("▐", "▌")


def option_rows(app: App[None], widget: Widget, strips: list[Strip] | None) -> list[str]:
    """The rows of `widget`'s content as the screen shows them (drawn as `strips`, or now)."""
    region = widget.content_region
    strips = strips if strips is not None else app.screen._compositor.render_strips()
    return [strip.crop(region.x, region.right).text for strip in strips[region.y : region.bottom]]


def option_parts(answer: Widget) -> list[Widget]:
    """The widgets that draw the options of an answer widget."""
    return [answer] if isinstance(answer, ChoiceAnswer) else [answer.query_one(SelectionList)]


def all_on_screen(answer: Widget, rows: int) -> bool:
    """All options of `answer` are within the `rows` of the screen."""
    regions = [part.content_region for part in option_parts(answer)]
    return all(region and region.y >= 0 and region.bottom <= rows for region in regions)


def options_shown(
    app: App[None], answer: Widget, strips: list[Strip] | None = None
) -> list[list[str]]:
    """Each option of an answer widget on screen, as its lines of text (box dropped)."""
    parts = option_parts(answer)
    options: list[list[str]] = []
    for part in parts:
        for row in option_rows(app, part, strips):
            if row.startswith(BOX[0]):
                options.append([row[row.index(BOX[1]) + 1 :].strip()])
            elif row.strip():
                assert options, row
                assert row.startswith("    "), row  # indented under the label
                options[-1].append(row.strip())
    return options


def assert_broken_by_the_rules(options: list[list[str]], labels: list[str], where: str) -> None:
    assert ["".join(lines).replace(" ", "") for lines in options] == [
        label.replace(" ", "") for label in labels
    ], where
    for lines in options:
        for line in lines[1:]:
            assert line[0] not in NOT_AT_START, (where, lines)
        for line in lines[:-1]:
            assert line[-1] not in NOT_AT_END, (where, lines)


def labels_of(answer: Widget) -> list[str]:
    if isinstance(answer, MultiAnswer):
        return list(answer.shown().values())
    assert isinstance(answer, ChoiceAnswer)
    return list(answer.item.choices())


def items_with_options(pack: Pack) -> list[Item]:
    return [
        item
        for item in pack.items.values()
        if not (item.own_figure or item.profile_figure)
        and isinstance(answer_widget(item, None, None), ChoiceAnswer | MultiAnswer)
    ]


class _Answers(App[None]):
    """The answer widgets of a standard's items, one under the other."""

    CSS = """
    Screen { overflow-y: auto; }
    .item, RadioList, SelectionList { width: 1fr; height: auto; }
    SelectionList { max-height: 100; }
    /* As the item pane has them (widgets.tcss). */
    SelectionList { text-wrap: wrap; text-overflow: fold; }
    MultiAnswer { height: auto; text-wrap: nowrap; text-overflow: clip; }
    """

    def __init__(self, items: list[Item]) -> None:
        super().__init__()
        self.items = items

    def compose(self) -> ComposeResult:
        for item in self.items:
            with Vertical(classes="item"):  # answer widgets all have the same id
                yield answer_widget(item, None, None)


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: Path(p).stem)
async def test_options_of_the_shipped_standards_break_by_the_rules(path: Path) -> None:
    items = items_with_options(load_pack(path))
    assert items
    app = _Answers(items)
    # The answer column at 80×24 is 45 cells wide; 24 and 31 are narrow windows.
    async with app.run_test(size=(49, 24)) as pilot:
        for width in (49, 35, 28):
            await pilot.resize_terminal(width, 24)
            await settle(pilot)
            answers = [holder.children[0] for holder in app.query(".item")]
            read: set[Widget] = set()
            for answer in answers:
                if answer in read:
                    continue
                answer.scroll_visible(animate=False, immediate=True, top=True)
                await settle(pilot)
                # Every answer whose options are all on screen now is read from it.
                strips = app.screen._compositor.render_strips()
                for shown_answer in answers:
                    if shown_answer not in read and all_on_screen(shown_answer, len(strips)):
                        shown = options_shown(app, shown_answer, strips)
                        where = f"{path.name} {width}"
                        assert_broken_by_the_rules(shown, labels_of(shown_answer), where)
                        read.add(shown_answer)
                assert answer in read, (path.name, width, answer)


async def test_a_long_option_breaks_by_the_rules_at_80x24_and_when_narrowed(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    # The item whose longest option is the longest of the standard (of those that apply).
    longest = max(
        (item for item in items_with_options(pack) if item.when is None),
        key=lambda item: max(len(label) for label in item.choices()),
    )
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = await open_at(app, pilot, longest.id)
        answer = main.query_one(ItemDetail).shown_answer
        assert answer is not None
        answer.scroll_visible(animate=False, immediate=True)
        await settle(pilot)
        wide = options_shown(app, answer)
        assert_broken_by_the_rules(wide, labels_of(answer), "80×24")
        assert any(len(lines) > 1 for lines in wide)  # the longest one wrapped
        await pilot.resize_terminal(60, 24)
        await settle(pilot)
        answer.scroll_visible(animate=False, immediate=True)
        await settle(pilot)
        narrow = options_shown(app, answer)
        assert_broken_by_the_rules(narrow, labels_of(answer), "60×24")
        assert sum(map(len, narrow)) > sum(map(len, wide))


async def test_the_palette_breaks_its_lines_by_the_rules(answers_path: Path, pack: Pack) -> None:
    write_sample(answers_path, pack)
    # An item whose text is longer than a line of the palette, found by its words.
    item = next(i for i in pack.items.values() if i.when is None and len(i.text) > 40)
    number = f"第{pack.sheet_numbers[item.id]}项"
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        await pilot.press("ctrl+p")
        await until(pilot, lambda: palette_text(app), "the palette opens")
        await type_into(pilot, app.screen.query_one(Input), item.text[:10])
        found = item.text[-6:]  # its last line is listed
        await until(pilot, lambda: found in palette_text(app), "the palette lists the item")
        rows = [row.strip() for row in palette_text(app).splitlines()[3:] if row.strip()]
    first = next(row for row in rows if row.startswith(number))
    # The text goes on after the number, as far as the line holds (Textual broke the
    # line at the space after it), and no line starts with closing punctuation.
    assert first.startswith(f"{number} {item.text[:4]}"), first
    assert not [row for row in rows if row[0] in NOT_AT_START]
