"""The answer widget of single choices (ChoiceAnswer, one RadioList drawing all its
options): the keys and the mouse choose as a RadioSet's did, and showing another
item (`load`) highlights its saved answer and posts nothing."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Button

from checklist.criteria.kinds import Item
from checklist.criteria.model import Pack
from checklist.tui.messages import AnswerChanged, AnswerValue
from checklist.tui.plain_app import PlainApp
from checklist.tui.widgets.answer_inputs import ChoiceAnswer
from tests.support.pilot import answer_input, open_at, opened, screen_text, settle, until
from tests.support.samples import first_of_kind, write_profile
from tests.ui.test_option_lines import option_rows


class _Choices(PlainApp):
    """A ChoiceAnswer for `item`, a button after it, and the answers it posts."""

    def __init__(self, item: Item, current: AnswerValue) -> None:
        super().__init__()
        self.item = item
        self.current = current
        self.posted: list[tuple[str, AnswerValue]] = []

    def compose(self) -> ComposeResult:
        yield ChoiceAnswer(self.item, self.current)
        yield Button("下一个", id="after")

    def on_answer_changed(self, event: AnswerChanged) -> None:
        self.posted.append((event.item_id, event.value))


def choice_items(pack: Pack, kind: str) -> list[Item]:
    return [
        item
        for item in pack.items.values()
        if item.kind == kind and not item.profile_figure and not item.own_figure
    ]


def rows_of(app: _Choices) -> list[str]:
    answer = app.query_one(ChoiceAnswer)
    return [row.rstrip() for row in option_rows(app, answer, None)]


async def test_the_keys_move_round_the_ends_and_choose(pack: Pack) -> None:
    item = pack.items[first_of_kind(pack, "level")]
    labels, values = list(item.choices()), list(item.choices().values())
    assert len(labels) >= 3
    app = _Choices(item, None)
    async with app.run_test(size=(60, 20)) as pilot:
        answer = app.query_one(ChoiceAnswer)
        answer.focus()
        await settle(pilot)
        assert answer.highlighted == 0 and answer.chosen is None  # nothing saved
        await pilot.press("up")  # round the top to the last
        await settle(pilot)
        assert answer.highlighted == len(labels) - 1
        await pilot.press("down")  # round the bottom to the first
        await settle(pilot)
        assert answer.highlighted == 0
        await pilot.press("down", "right")
        await settle(pilot)
        assert answer.highlighted == 2
        await pilot.press("left")
        await settle(pilot)
        assert answer.highlighted == 1
        assert app.posted == []  # moving chooses nothing
        await pilot.press("enter")
        await until(pilot, lambda: app.posted, "the answer posted")
        assert app.posted == [(item.id, values[1])]
        assert answer.chosen == 1
        chosen = [row for row in rows_of(app) if "▐●▌" in row]
        assert chosen == [f"▐●▌ {labels[1]}"]
        await pilot.press("enter")  # the chosen label again: no new answer
        await pilot.press("down", "space")
        await until(pilot, lambda: len(app.posted) == 2, "the second answer posted")
        assert app.posted[1] == (item.id, values[2])
        assert [row for row in rows_of(app) if "▐●▌" in row] == [f"▐●▌ {labels[2]}"]
        await pilot.press("tab")  # the focus moves on
        await settle(pilot)
        assert app.focused is app.query_one("#after")
    assert len(app.posted) == 2


async def test_a_click_on_the_second_line_of_a_wrapped_option_chooses_it(pack: Pack) -> None:
    # The item whose longest label is the longest of the single choices.
    item = max(
        (i for kind in ("yes_no", "level", "choice") for i in choice_items(pack, kind)),
        key=lambda i: max(len(label) for label in i.choices()),
    )
    labels, values = list(item.choices()), list(item.choices().values())
    longest = max(range(len(labels)), key=lambda index: len(labels[index]))
    app = _Choices(item, None)
    # 16 columns for the labels: the longest (12 characters, 24 columns) wraps.
    async with app.run_test(size=(25, 20)) as pilot:
        await settle(pilot)
        answer = app.query_one(ChoiceAnswer)
        rows = rows_of(app)
        starts = [y for y, row in enumerate(rows) if row.startswith("▐")]
        assert len(starts) == len(labels)
        first, second = starts[longest], starts[longest] + 1
        ends = [*starts[1:], len(rows)]
        lines = [rows[first][4:], *rows[second : ends[longest]]]
        assert len(lines) > 1 and rows[second].startswith("    "), rows  # wrapped
        assert "".join(line.strip() for line in lines).replace(" ", "") == labels[longest].replace(
            " ", ""
        )
        # The second line, as the screen has it (the widget's border and padding
        # before its content).
        x = answer.content_region.x - answer.region.x + 6
        y = answer.content_region.y - answer.region.y + second
        await pilot.click(answer, offset=(x, y))
        await until(pilot, lambda: app.posted, "the answer posted")
        assert app.posted == [(item.id, values[longest])]
        assert answer.chosen == longest and answer.highlighted == longest
        assert app.focused is answer
        rows = rows_of(app)
        assert rows[first].startswith("▐●▌")
        assert [row for row in rows if row.startswith("▐●▌")] == [rows[first]]


async def test_load_highlights_the_saved_answer_and_posts_nothing(pack: Pack) -> None:
    first, other = choice_items(pack, "level")[:2]
    saved = list(other.choices())[-1]
    app = _Choices(first, list(first.choices())[1])
    async with app.run_test(size=(60, 20)) as pilot:
        answer = app.query_one(ChoiceAnswer)
        answer.focus()
        await settle(pilot)
        assert answer.highlighted == answer.chosen == 1  # the saved answer, at the start
        assert answer.load(other, saved)
        await settle(pilot)
        assert answer.item is other
        assert answer.highlighted == answer.chosen == len(other.choices()) - 1
        assert [row for row in rows_of(app) if "▐●▌" in row] == [f"▐●▌ {saved}"]
        # A yes/no item in the same widget: its two labels, none chosen, the first
        # highlighted; then one answered.
        yes_no = pack.items[first_of_kind(pack, "yes_no")]
        assert answer.load(yes_no, None)
        await settle(pilot)
        assert answer.highlighted == 0 and answer.chosen is None
        assert rows_of(app)[:2] == ["▐ ▌ 是", "▐ ▌ 否"]
        assert answer.load(yes_no, False)
        await settle(pilot)
        assert answer.highlighted == answer.chosen == 1
        assert app.posted == []  # showing items posts no answer
        # Enter on the saved answer keeps it: nothing posted.
        await pilot.press("enter")
        await settle(pilot)
        assert app.posted == []
        await pilot.press("up", "enter")
        await until(pilot, lambda: app.posted, "the answer posted")
        assert app.posted == [(yes_no.id, True)]


async def test_the_choices_with_the_focus_have_a_heavy_frame(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, first_of_kind(pack, "choice"))
        answer = answer_input(main, ChoiceAnswer)
        assert answer.styles.border_top[0] != "heavy"
        answer.focus()
        await settle(pilot)
        assert answer.styles.border_top[0] == "heavy"
        top = option_rows(app, answer, None)[0]
        assert "┏" in screen_text(app) and top.startswith("▐")
