"""The answer widgets, and which one edits each item kind (ANSWER_INPUTS). Each posts
AnswerChanged with a valid value only, and can show another item of its kind in place
(`load`): moving to the next item then changes text, not widgets. The widget that
takes the keys has the class `answer-input`; one of several parts, `answer-box`.

Widgets know how to show and collect a value; which values fit, how typed text is
read, whether it scores and how it is saved is the domain's business (the kind's, in
checklist.criteria.kinds).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import NULL_OFFSET, NULL_SPACING, Region, Size
from textual.layout import ArrangeResult, Layout, WidgetPlacement
from textual.layouts.vertical import VerticalLayout
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, SelectionList, Static
from textual.widgets import TextArea as _TextArea
from textual.widgets.input import Selection as TextSelection
from textual.widgets.selection_list import Selection

from checklist.answers.model import ItemAnswer
from checklist.criteria.base import PROFILE_FIGURES, Condition
from checklist.criteria.figures import FigureValue
from checklist.criteria.kinds import (
    AllOfItem,
    DeductionsItem,
    Item,
    MultiChoiceItem,
    NumberItemBase,
    Part,
    TextItem,
)
from checklist.formats import format_date, format_number, points_text
from checklist.tui.messages import AnswerChanged, AnswerValue
from checklist.tui.widgets.boxes import RadioList, TickList
from checklist.tui.widgets.line_input import LineInput
from checklist.tui.widgets.prose import wrap
from checklist.tui.widgets.validators import Parses


class ChoiceAnswer(RadioList):
    """Items answered by choosing one label (yes_no, level, choice): a radio box each,
    all drawn by this one widget."""

    def __init__(self, item: Item, current: AnswerValue) -> None:
        self.item = item
        self._values: list[AnswerValue] = []
        super().__init__(*self._labels_of(item, current), classes="answer-input")

    def _labels_of(self, item: Item, current: AnswerValue) -> tuple[list[str], int | None]:
        """The item's labels, and the index of the one `current` is (None if none)."""
        self._values = list(item.choices().values())
        return _labels_and_chosen(item, current)

    def load(self, item: Item, current: AnswerValue) -> bool:
        """Show `item` (of this widget's kind) in place, its answer highlighted."""
        self.item = item
        self.show(*self._labels_of(item, current))
        return True

    def prepare_item(self, item: Item, current: AnswerValue) -> None:
        """Draw now `item` as `load` would show it."""
        self.prepare(*_labels_and_chosen(item, current))

    def chosen_by_chair(self, index: int) -> None:
        self.post_message(AnswerChanged(self.item.id, self._values[index]))


def _labels_and_chosen(item: Item, current: AnswerValue) -> tuple[list[str], int | None]:
    """The item's labels, and the index of the one `current` is (None if none)."""
    choices = item.choices()
    chosen = next(
        (i for i, value in enumerate(choices.values()) if current is not None and value == current),
        None,
    )
    return list(choices), chosen


class MultiAnswer(Widget):
    """Items answered by ticking several labels: a checklist, plus an explicit 'none'.

    Options whose own condition does not hold for the unit (`not_offered`, label →
    condition) are not offered: a line below the list says which and why. A label of
    theirs already in the saved answer stays there (it counts for nothing meanwhile).

    One widget draws the hint above the checklist and the lines below it; the
    checklist and the button are its only children, placed by its own layout as a
    column of them all placed them (`placements`). As a column of two blocks of
    prose and those two, the answer took five widgets of every PgDn.
    """

    # Its CSS is in widgets.tcss (see there).
    COMPONENT_CLASSES: ClassVar[set[str]] = {"multi-answer--hint"}

    hint = ""  # above the checklist
    none_label = ""  # the button that unticks all
    not_offered_hint = ""  # before the options not offered

    def __init__(
        self,
        item: Item,
        current: AnswerValue,
        not_offered: Mapping[str, Condition] | None = None,
    ) -> None:
        super().__init__(classes="answer-box")
        self.item = item
        self._current = current if isinstance(current, list) else []
        self.not_offered = dict(not_offered or {})
        self._layout = _OwnLayout()
        # The texts as last broken into lines: (width, above the checklist, below it).
        self._broken: tuple[int, list[Content], list[Content]] | None = None

    @property
    def layout(self) -> Layout:
        return self._layout

    def shown(self) -> dict[str, str]:
        """Each label offered, as the checklist shows it."""
        raise NotImplementedError

    def ticks(self) -> bool:
        """Whether it has labels to tick (a checklist, and the button that unticks all)."""
        return True

    def compose(self) -> ComposeResult:
        if self.ticks():
            yield TickList[str](*self._selections(), id="answer", classes="answer-input")
            yield Button(self.none_label, id="answer-none", compact=True)

    def texts(self) -> tuple[list[str], list[str]]:
        """The paragraphs drawn above the checklist and below the button."""
        if not self.ticks():
            return [], []
        return [self.hint], [self._not_offered_text()] if self.not_offered else []

    def hint_lines(self) -> tuple[list[str], list[str]]:
        """The lines drawn above the checklist and below the button, as drawn."""
        above, below = self._lines(self.content_size.width)
        return [line.plain for line in above], [line.plain for line in below]

    def _lines(self, width: int) -> tuple[list[Content], list[Content]]:
        # Broken as prose (a block of prose each: at 64 columns the hint is wider than
        # the pane).
        if self._broken is None or self._broken[0] != width:
            above, below = self.texts()
            self._broken = (
                width,
                [line for text in above for line in _prose_lines(text, width)],
                [line for text in below for line in _prose_lines(text, width)],
            )
        return self._broken[1], self._broken[2]

    def _texts_changed(self) -> None:
        """The texts drawn changed: draw them again (and lay out where their lines did)."""
        width = self.content_size.width
        before = [len(lines) for lines in self._lines(width)]
        self._broken = None
        after = [len(lines) for lines in self._lines(width)]
        if after[0] != before[0]:
            # Textual keeps a container's arrangement for as long as its size and
            # children stay the same (8.2.8, pinned): the children move with the hint.
            self._clear_arrangement_cache()
        # A new layout only where the texts take another number of lines.
        self.refresh(layout=after != before)

    def placements(self, children: list[Widget], size: Size) -> list[WidgetPlacement]:
        """The checklist and the button, as a column placed them, below the hint."""
        top = len(self._lines(size.width)[0])
        return [
            placement._replace(region=placement.region.translate((0, top)))
            for placement in _COLUMN.arrange(self, children, size)
        ]

    def _children_bottom(self, size: Size) -> int:
        """The row below the checklist and the button (below the hint where none)."""
        top = len(self._lines(size.width)[0])
        if not self.displayed_children:
            return top
        return max(
            (placement.region.bottom for placement in self.arrange(size).placements),
            default=top,
        )

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        bottom = self._children_bottom(Size(width, container.height))
        return bottom + len(self._lines(width)[1])

    def render(self) -> Content:
        size = self.content_size
        above, below = self._lines(size.width)
        style = self.get_visual_style("multi-answer--hint")
        bottom = self._children_bottom(size)
        lines = [line.stylize_before(style) for line in above]
        lines += [Content()] * (bottom - len(lines))
        lines += [line.stylize_before(style) for line in below]
        return Content("\n").join(lines)

    def _selections(self) -> list[Selection[str]]:
        return [
            Selection(Text(text), label, label in self._current)
            for label, text in self.shown().items()
            if label not in self.not_offered
        ]

    def _not_offered_text(self) -> str:
        parts = [f"{label}（{cond.describe()}）" for label, cond in self.not_offered.items()]
        return self.not_offered_hint + "；".join(parts)

    def load(
        self, item: Item, current: AnswerValue, not_offered: Mapping[str, Condition] | None
    ) -> bool:
        """Show `item` (of this widget's kind) in place."""
        self.item = item
        self._current = current if isinstance(current, list) else []
        texts = self.texts()
        self.not_offered = dict(not_offered or {})
        options = self.query_one("#answer", SelectionList)
        with options.prevent(SelectionList.SelectedChanged):
            options.clear_options()
            options.add_options(self._selections())
        # As a new list: the first option highlighted.
        options.highlighted = 0 if options.option_count else None
        if self.texts() != texts:
            self._texts_changed()
        return True

    def _value(self, chosen: set[str]) -> list[str]:
        """The answer: the labels ticked, and those not offered that were saved."""
        kept = {label for label in self._current if label in self.not_offered}
        return [label for label in self.item.choices() if label in chosen | kept]

    @on(SelectionList.SelectedChanged, "#answer")
    def _changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        chosen = set(event.selection_list.selected)
        self.post_message(AnswerChanged(self.item.id, self._value(chosen)))

    @on(Button.Pressed, "#answer-none")
    def _none(self, event: Button.Pressed) -> None:
        event.stop()
        selection_list = self.query_one("#answer", SelectionList)
        with selection_list.prevent(SelectionList.SelectedChanged):
            selection_list.deselect_all()
        self.post_message(AnswerChanged(self.item.id, self._value(set())))


class MultiChoiceAnswer(MultiAnswer):
    hint = "可多选："
    none_label = "均未选择"
    not_offered_hint = "不适用于本单位、不计分的选项："
    item: MultiChoiceItem

    def shown(self) -> dict[str, str]:
        return {o.label: f"{o.label}（{points_text(o.points)}分）" for o in self.item.options}


class DeductionsAnswer(MultiAnswer):
    hint = "勾选已具备的项目（未勾选的按缺项扣分）："
    none_label = "均不具备"
    not_offered_hint = "不适用于本单位、不扣分的项目："
    item: DeductionsItem

    def shown(self) -> dict[str, str]:
        return {o.label: f"{o.label}（缺扣{points_text(o.deduct)}分）" for o in self.item.options}


class AllOfAnswer(MultiAnswer):
    hint = "勾选已达到的条件："
    none_label = "均未达到"
    not_offered_hint = ""
    item: AllOfItem

    def shown(self) -> dict[str, str]:
        return {p.label: p.label for p in self.item.parts if p.figure is None}

    def ticks(self) -> bool:
        return bool(self.shown())

    def texts(self) -> tuple[list[str], list[str]]:
        above, below = super().texts()
        decided = [p for p in self.item.parts if p.figure is not None]
        if decided:
            parts = "；".join(f"{p.label}（{p.figure}{p.line()}{self._unit(p)}）" for p in decided)
            below = [*below, f"由下方数字说明判断、不用勾选的条件：{parts}"]
        return above, below

    def load(
        self, item: Item, current: AnswerValue, not_offered: Mapping[str, Condition] | None
    ) -> bool:
        """Never shown in place: which parts it offers to tick and which the figures
        decide are the item's own, so each item gets a widget made for it."""
        return False

    def _unit(self, part: Part) -> str:
        figure = self.item.figure_named(part.figure or "")
        if figure is None:
            return ""
        if figure.rate is not None or figure.type == "percent":
            return "%"
        return figure.unit


def _prose_lines(text: str, width: int) -> list[Content]:
    """`text` as a Prose widget of `width` broke it into lines (none where empty)."""
    return [Content(line.plain) for line in wrap(Text(text), width)] if text else []


_COLUMN = VerticalLayout()


class PendingValue:
    """A valid value typed but not yet handed up, for the widget that owns it.

    It is handed up after a pause in typing (or earlier, on Enter or on leaving the
    field, by the owner), so that the file is not rewritten at every keystroke and a
    date typed digit by digit is not saved half-way.
    """

    PAUSE = 0.8  # seconds of no typing after which a valid value is handed up

    def __init__(self, owner: Widget, item_id: str, text: str) -> None:
        self.owner = owner
        self.item_id = item_id
        # The text whose value the store holds: as loaded, then as last handed up. An
        # answer that needs review loads as "", and stays unless the user edits it.
        self.text = text
        self._pending: tuple[AnswerValue, str] | None = None  # (value, its text)
        self._timer: Timer | None = None

    def typed(self, value: AnswerValue, text: str) -> None:
        """The user typed `text`, a valid `value` (None when emptied: clears the answer)."""
        self.discard()
        if text != self.text:
            self._pending = (value, text)
            self._timer = self.owner.set_timer(self.PAUSE, self.hand_up)

    def discard(self) -> None:
        """Forget what was typed (it is no longer valid)."""
        self._pending = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def take(self) -> tuple[AnswerValue] | None:
        """The pending value (in a 1-tuple), forgotten: the caller saves it."""
        pending = self._pending
        self.discard()
        if pending is None:
            return None
        value, self.text = pending
        return (value,)

    def hand_up(self) -> None:
        pending = self.take()
        if pending is not None:
            self.owner.post_message(AnswerChanged(self.item_id, pending[0]))


class _OwnLayout(Layout):
    """The layout of a widget that places its children itself (`placements`)."""

    name = "own"

    def arrange(
        self, parent: Widget, children: list[Widget], size: Size, greedy: bool = True
    ) -> ArrangeResult:
        assert isinstance(parent, TypedAnswer | MultiAnswer)
        return parent.placements(children, size)


class TypedAnswer(Widget):
    """A single-line input with an inline message; what the item's kind reads from the
    text (its `parse`) is handed up through a PendingValue. Empty text clears the answer.

    One widget draws the unit after the input and the message below it; the input is
    its only child, placed by its own layout where a row container put it (24 cells
    wide, the unit one cell after it on its middle line). As a container of a row of
    the input and a label, and the message, the answer took five widgets of every PgDn.
    """

    # Its CSS is in widgets.tcss (see there).
    COMPONENT_CLASSES: ClassVar[set[str]] = {"typed-answer--message", "typed-answer--error"}

    INPUT_SIZE = Size(24, 3)  # the input's, as it was in the row (a tall border)
    UNIT_GAP = 1  # cells between the input and the unit (the label's padding)

    placeholder = ""

    def __init__(self, item: Item, current: AnswerValue) -> None:
        super().__init__(classes="answer-box")
        self.item = item
        self._text = self.text_of(current)
        self.pending = PendingValue(self, item.id, self._text)
        self._layout = _OwnLayout()
        self._unit = self.unit()
        self._message = ""  # the line below the input ("": none)
        self._error = False  # whether the message says what is wrong (in the error colour)
        self._wrapped: tuple[int, list[Content]] | None = None  # (width, message lines)

    @property
    def layout(self) -> Layout:
        return self._layout

    def load(self, item: Item, current: AnswerValue) -> bool:
        """Show `item` (of this widget's kind) in place, as a new input would show it."""
        self.pending.discard()
        self.item = item
        self._text = self.text_of(current)
        self.pending = PendingValue(self, item.id, self._text)
        field = self.query_one("#answer", LineInput)
        field.validators = [Parses(item.parse)]
        with field.prevent(Input.Changed):
            field.value = self._text
        end = len(self._text)
        # A new input selects its text when focused (typing replaces it).
        field.selection = TextSelection(0, end) if field.has_focus else TextSelection.cursor(end)
        self._show(self.unit(), "", error=False)
        return True

    def _show(self, unit: str, message: str, *, error: bool) -> None:
        """Draw this unit after the input and this message below it."""
        if (unit, message, error) == (self._unit, self._message, self._error):
            return
        width = self.content_size.width
        height = len(self._message_lines(width))
        self._unit, self._message, self._error = unit, message, error
        self._wrapped = None
        # A new layout only where the message takes another number of lines.
        self.refresh(layout=len(self._message_lines(width)) != height)

    def message_lines(self) -> list[str]:
        """The message below the input as drawn, line by line."""
        return [line.plain for line in self._message_lines(self.content_size.width)]

    @property
    def message_is_error(self) -> bool:
        """Whether the message is drawn as an error (in the error colour)."""
        return self._error

    def _message_lines(self, width: int) -> list[Content]:
        # Wrapped as a Static of its own wrapped it: at spaces, a word longer than a
        # line folded. An empty message takes its line all the same.
        if self._wrapped is None or self._wrapped[0] != width:
            self._wrapped = (width, Content(self._message).wrap(width) if width else [])
        return self._wrapped[1]

    def placements(self, children: list[Widget], size: Size) -> list[WidgetPlacement]:
        """The input: at the top left."""
        return [
            WidgetPlacement(Region(0, 0, *self.INPUT_SIZE), NULL_OFFSET, NULL_SPACING, child)
            for child in children
        ]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.INPUT_SIZE.height + len(self._message_lines(width))

    def render(self) -> Content:
        lines = [Content()] * self.INPUT_SIZE.height
        if self._unit:  # on the input's middle line, as the label with its padding was
            lines[1] = Content(" " * (self.INPUT_SIZE.width + self.UNIT_GAP) + self._unit)
        style = self.get_visual_style(
            "typed-answer--error" if self._error else "typed-answer--message"
        )
        lines += [
            line.stylize_before(style) for line in self._message_lines(self.content_size.width)
        ]
        return Content("\n").join(lines)

    def text_of(self, value: AnswerValue) -> str:
        """The saved value as it is typed ("" when it is not one the input shows)."""
        raise NotImplementedError

    def parse(self, text: str) -> AnswerValue:
        return self.item.parse(text) if text.strip() else None

    def confirmation(self, value: AnswerValue) -> str:
        return ""

    def unit(self) -> str:
        return ""

    def compose(self) -> ComposeResult:
        yield LineInput(
            self._text,
            placeholder=self.placeholder,
            validators=[Parses(self.item.parse)],
            validate_on=["changed", "submitted"],
            id="answer",
            classes="answer-input",
        )

    def take_pending(self) -> tuple[AnswerValue] | None:
        """The valid value typed but not yet handed up (in a 1-tuple), and forget it."""
        return self.pending.take()

    def forget_typing(self) -> None:
        """Show the saved text again, dropping what was typed (the widget is hidden)."""
        self.pending.discard()
        field = self.query_one("#answer", LineInput)
        if field.value != self.pending.text:
            with field.prevent(Input.Changed):
                field.value = self.pending.text

    @on(Input.Changed, "#answer")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != event.input.value:
            return  # typed before the input was given another item's value
        result = event.validation_result
        if result is not None and not result.is_valid:
            self.pending.discard()
            self._show(self._unit, "✗ " + result.failure_descriptions[0] + "（未保存）", error=True)
            return
        value = self.parse(event.value)
        self._show(self._unit, self.confirmation(value), error=False)
        self.pending.typed(value, event.value)

    @on(Input.Submitted, "#answer")
    @on(Input.Blurred, "#answer")
    def _finished(self, event: Input.Submitted | Input.Blurred) -> None:
        event.stop()
        self.pending.hand_up()


class NumberAnswer(TypedAnswer):
    placeholder = "填写数字"
    item: NumberItemBase

    def text_of(self, value: AnswerValue) -> str:
        return format_number(value) if isinstance(value, int | float) else ""

    def unit(self) -> str:
        return self.item.unit


class DateAnswer(TypedAnswer):
    placeholder = "例如 2026-11-24"

    def text_of(self, value: AnswerValue) -> str:
        return value.isoformat() if isinstance(value, dt.date) else ""

    def confirmation(self, value: AnswerValue) -> str:
        return f"即 {format_date(value)}" if isinstance(value, dt.date) else ""


class TextAnswer(_TextArea):
    """text items: free text, handed up after a pause in typing and on leaving."""

    def __init__(self, item: TextItem, current: AnswerValue) -> None:
        text = str(current or "")
        super().__init__(text, soft_wrap=True, classes="answer-input")
        self.item = item
        self.pending = PendingValue(self, item.id, text.strip())

    def load(self, item: TextItem, current: AnswerValue) -> bool:
        """Show `item` in place (its text, no undo history of the item before)."""
        self.pending.discard()
        text = str(current or "")
        self.item = item
        self.pending = PendingValue(self, item.id, text.strip())
        with self.prevent(_TextArea.Changed):
            self.load_text(text)
        return True

    def take_pending(self) -> tuple[AnswerValue] | None:
        """The text typed but not yet handed up (in a 1-tuple), and forget it."""
        return self.pending.take()

    def forget_typing(self) -> None:
        """Forget what was typed and not handed up (the widget is hidden)."""
        self.pending.discard()

    @on(_TextArea.Changed)
    def _changed(self, event: _TextArea.Changed) -> None:
        event.stop()
        text = self.text.strip()
        self.pending.typed(text or None, text)

    def on_blur(self) -> None:
        self.pending.hand_up()


class FromProfile(Static):
    """Items whose figure comes from the unit profile: what it is, and where to change it."""

    def __init__(self, item: Item, figure: FigureValue | None) -> None:
        super().__init__(self._text(item, figure), classes="answer-box from-profile")

    @staticmethod
    def _text(item: Item, figure: FigureValue | None) -> Text:
        name = PROFILE_FIGURES[item.profile_figure] if item.profile_figure else ""
        shown = item.figure_words(figure) if figure is not None else f"{name} 尚未填写"
        return Text(f"取自基本情况：{shown}\n（在“基本情况”中修改，按 F2）")

    def load(self, item: Item, figure: FigureValue | None) -> bool:
        self.update(self._text(item, figure))
        return True


class FromFigure(Static):
    """Items scored on a figure of their own: which, and where it is typed or from."""

    def __init__(self, item: Item) -> None:
        super().__init__(self._text(item), classes="answer-box from-profile")

    @staticmethod
    def _text(item: Item) -> Text:
        own = item.figure_named(item.own_figure) if item.own_figure else None
        if own is None:
            return Text("")
        if own.asked:
            where = "在下方“工作情况和数字说明”中填写"
        elif own.rate is not None:
            where = f"由{'÷'.join(own.rate)}算出，见下方“工作情况和数字说明”"
        else:
            where = "取自基本情况（在“基本情况”中修改，按 F2）"
        return Text(f"按数字说明“{own.name}”计分：{where}")

    def load(self, item: Item) -> bool:
        self.update(self._text(item))
        return True


# Which input edits an answer of each kind (the domain knows no widgets).
ANSWER_INPUTS: dict[str, Callable[[Any, AnswerValue], Widget]] = {
    "yes_no": ChoiceAnswer,
    "level": ChoiceAnswer,
    "threshold": NumberAnswer,
    "count": NumberAnswer,
    "steps": NumberAnswer,
    "date": DateAnswer,
    "choice": ChoiceAnswer,
    "multi_choice": MultiChoiceAnswer,
    "deductions": DeductionsAnswer,
    "all_of": AllOfAnswer,
    "text": TextAnswer,
}


def answer_widget(
    item: Item,
    answer: ItemAnswer | None,
    figure: FigureValue | None,
    not_offered: Mapping[str, Condition] | None = None,
) -> Widget:
    """The widget that fits the item's kind, showing the current answer; `not_offered`:
    the options whose own condition does not hold for the unit (label → condition)."""
    current = answer.value if answer is not None else None
    if item.own_figure:
        return FromFigure(item)
    if item.profile_figure:
        return FromProfile(item, figure)
    make = ANSWER_INPUTS[item.kind]
    # Only options of several choices have conditions of their own.
    if not_offered and isinstance(make, type) and issubclass(make, MultiAnswer):
        return make(item, current, not_offered)
    return make(item, current)


def answer_class(item: Item) -> type[Widget]:
    """The class of the widget answer_widget makes for `item`."""
    if item.own_figure:
        return FromFigure
    if item.profile_figure:
        return FromProfile
    make = ANSWER_INPUTS[item.kind]
    assert isinstance(make, type)
    return make


def reload_answer(
    widget: Widget,
    item: Item,
    answer: ItemAnswer | None,
    figure: FigureValue | None,
    not_offered: Mapping[str, Condition] | None = None,
) -> bool:
    """Show `item` in `widget`, an answer widget made for an earlier item, when it is
    the widget the item's kind takes (as answer_widget would make it); False if not."""
    current = answer.value if answer is not None else None
    if item.own_figure:
        return isinstance(widget, FromFigure) and widget.load(item)
    if item.profile_figure:
        return isinstance(widget, FromProfile) and widget.load(item, figure)
    if type(widget) is not ANSWER_INPUTS[item.kind]:
        return False
    if isinstance(widget, MultiAnswer):
        return widget.load(item, current, not_offered)
    if isinstance(widget, TextAnswer) and isinstance(item, TextItem):
        return widget.load(item, current)
    if isinstance(widget, ChoiceAnswer | TypedAnswer):
        return widget.load(item, current)
    return False
