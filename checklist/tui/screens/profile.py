"""单位基本情况: the unit profile form. Each valid field is saved as soon as it changes.

Below the profile, the chair writes the report's own words: its 工作成效 and 存在问题
(answers' [summary]), which 三 and 四 of the report open with.

The main screen makes the form once and keeps it (opening it again is then quick);
each time it is shown it shows what is saved.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.timer import Timer
from textual.validation import Validator
from textual.widgets import Button, Input, Label, Static, TextArea

from checklist.answers import AnswersStore
from checklist.answers.model import PROFILE_LABELS, SUMMARY_LABELS
from checklist.formats import parse_date, rate_text
from checklist.tui.saving import save
from checklist.tui.screens.kept_styles import KeptStyles
from checklist.tui.widgets.key_footer import KeyFooter
from checklist.tui.widgets.line_input import LineInput
from checklist.tui.widgets.validators import DateText, NumberText, Required, number_value

_TEXT_FIELDS = ("unit", "chair", "contact", "phone")
_DATE_FIELDS = ("last_election", "assessed_on")
_PLACEHOLDERS = {
    "unit": "例如 ××省××厅机关工会",
    "phone": "例如 0571-12345678",
    "last_election": "例如 2024-06-18",
    "assessed_on": "例如 2026-11-24",
    "term_years": "3 或 5",
}


def _saved_text(value: object) -> str:
    """A saved profile value as its field shows it."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class ProfileScreen(KeptStyles):
    # Added to the app's styles when the form is made (`add_styles`).
    CSS_PATH = "profile.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f2", "done", "完成")]
    # Straight into the unit name: focusing the scrolling form first, then the field,
    # restyled every widget of the form twice (a third of the first F2).
    AUTO_FOCUS = "#unit"

    def __init__(self, store: AnswersStore, *, first: bool = False) -> None:
        super().__init__()
        self.store = store
        self.first = first
        self._pending: dict[str, object] = {}
        self._timer: Timer | None = None
        self._derived = ""  # what #derived shows
        self.drawn_unseen: Size | None = None  # the size it was made ready at, hidden

    def add_styles(self) -> None:
        """Add the form's styles to the app's, before it is first shown.

        Textual (8.2.8, pinned) loads a screen's styles when it is first shown by
        reading every style of the app again and applying them to every widget (most
        of the first F2): every rule of the form names ProfileScreen, so none applies
        to a widget already styled, and adding them is enough (the form's own widgets
        are styled as they are made; Textual sees the styles loaded and adds nothing).
        """
        styles = self.app.stylesheet
        for path in self.css_path:
            if not styles.has_source(str(path), ""):
                # Under the name Textual gives the file (as Stylesheet.read does, which
                # leaves the styles already sorted by selector in place).
                css = Path(path).read_text(encoding="utf-8")
                styles.add_source(css, read_from=(str(path), ""))

    def compose(self) -> ComposeResult:
        profile = self.store.answers.profile
        with VerticalScroll(id="profile-form"):
            yield Label("单位基本情况", classes="page-title")
            first_time = Static(
                "第一次打开这份答卷：请先填写单位基本情况。"
                "人数用于计算入会率等指标；每项修改都会立即保存。",
                classes="hint",
                id="first-time",
            )
            first_time.display = self.first
            yield first_time
            for key, label in PROFILE_LABELS.items():
                text = _saved_text(getattr(profile, key))
                validators: list[Validator]
                if key == "unit":
                    validators = [Required("单位名称")]
                elif key in _TEXT_FIELDS:
                    validators = []
                elif key in _DATE_FIELDS:
                    validators = [DateText()]
                else:
                    validators = [NumberText(integer=True)]
                with Vertical(classes="field"):
                    with Horizontal(classes="field-row"):
                        yield Label(label, classes="field-label")
                        yield LineInput(
                            text,
                            placeholder=_PLACEHOLDERS.get(key, ""),
                            validators=validators,
                            compact=True,
                            id=key,
                        )
                    yield Static("", id=f"{key}-message", classes="message")
            self._derived = self._derived_text()
            yield Static(self._derived, id="derived", classes="hint")
            yield Label("自评报告正文（可不填）", classes="page-title section-title")
            yield Static(
                "报告的“三、工作成效”“四、存在问题”先印这里写的内容，"
                "再列出按各条目回答整理的情况。可按“一是……二是……”分段。",
                classes="hint",
            )
            for key, label in SUMMARY_LABELS.items():
                with Vertical(classes="field"):
                    yield Label(label, classes="field-label")
                    yield TextArea(
                        getattr(self.store.answers.summary, key),
                        soft_wrap=True,
                        id=f"summary-{key}",
                        classes="summary-text",
                    )
            with Horizontal(id="profile-buttons"):
                yield Button("完成", variant="primary", id="done")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.styled()
        if not self.is_current:  # made ahead (ItemsScreen._prepare_profile)
            self.call_later(self._lay_out_unseen)

    def _lay_out_unseen(self, passes: int = 3) -> None:
        """Lay the form out, and draw it, at the app's size while it is hidden: its
        first showing then finds it laid out and drawn, as each later one does (the
        layout of its eighty-odd widgets was half of the first F2, drawing them most
        of the rest). A layout makes some widgets ask for another (a scroll bar comes,
        the key footer fills in): the form is laid out until none asks, a few times at
        most. Shown at another size, it is laid out again then.

        The steps of Textual 8.2.8 (pinned) that update a screen shown, for one that
        is not: Textual updates only the screen shown."""
        size = self.app.size
        # Not while the app shuts down (Textual clears is_running first): its text
        # areas, being removed, have lost their styles and cannot be drawn.
        if not self.app.is_running or not self.is_attached or self.is_current or not size:
            return
        if passes and (self._size != size or self._layout_required):
            self._layout_required = False
            self._refresh_layout(size)
            # Apart, so that a key pressed meanwhile waits for one of them at most.
            self.set_timer(0.05, partial(self._lay_out_unseen, passes - 1))
        else:
            self._compositor.render_full_update()
            self.drawn_unseen = size

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Shown (again): what is saved, from the top, the keyboard in the unit name
        (Textual then calls KeptStyles' handler too)."""
        # Each change below lays the form out again: only what differs is changed.
        first_time = self.query_one("#first-time")
        if first_time.display != self.first:
            first_time.display = self.first
        profile = self.store.answers.profile
        for key in PROFILE_LABELS:
            field = self.query_one(f"#{key}", Input)
            text = _saved_text(getattr(profile, key))
            if field.value != text:  # typed and refused (未保存) when it was last shown
                with field.prevent(Input.Changed):
                    field.value = text
            message = self.query_one(f"#{key}-message", Static)
            if message.has_class("-error"):
                message.set_class(False, "-error")
                message.update("")
        for key in SUMMARY_LABELS:
            area = self.query_one(f"#summary-{key}", TextArea)
            saved = getattr(self.store.answers.summary, key)
            if area.text != saved:
                with area.prevent(TextArea.Changed):
                    area.load_text(saved)
        self._show_derived()
        self.query_one("#profile-form").scroll_home(animate=False)
        self.set_focus(self.query_one("#unit", Input))

    def _derived_text(self) -> str:
        """The rates worked out from the profile, and what to check in it."""
        profile = self.store.answers.profile
        parts = []
        for name, label in (("membership_rate", "入会率"), ("activist_rate", "积极分子占比")):
            value = profile.figure(name)
            parts.append(f"{label}：{rate_text(value, 100) if value is not None else '—'}")
        doubts = profile.doubts()
        if doubts:
            parts.append(f"请核对：{'；'.join(doubts)}")
        return "　".join(parts)

    def _show_derived(self) -> None:
        text = self._derived_text()
        if text == self._derived:
            return
        # The form is made ahead of its first showing (ItemsScreen._prepare_profile): an
        # input of it may be told it lost focus before the rest of it is mounted.
        for derived in self.query("#derived").results(Static):
            derived.update(text)
            self._derived = text

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        key = event.input.id
        if key not in PROFILE_LABELS:
            return
        message = self.query_one(f"#{key}-message", Static)
        self._pending.pop(key, None)
        result = event.validation_result
        if result is not None and not result.is_valid:
            message.set_class(True, "-error")
            message.update(Text("✗ " + result.failure_descriptions[0] + "（未保存）"))
            return
        message.set_class(False, "-error")
        message.update("")
        text = event.value.strip()
        if key in _TEXT_FIELDS:
            self._pending[key] = text
        elif key in _DATE_FIELDS:
            self._pending[key] = parse_date(text) if text else None
        else:
            self._pending[key] = number_value(text)
        # Saved after a pause in typing, on Enter or on leaving the field, so that a
        # date typed digit by digit is not saved half-way.
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.8, self.commit)

    @on(TextArea.Changed, ".summary-text")
    def _summary_changed(self, event: TextArea.Changed) -> None:
        key = (event.text_area.id or "").removeprefix("summary-")
        self._pending[f"summary-{key}"] = event.text_area.text.strip()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.8, self.commit)

    @on(Input.Submitted)
    @on(Input.Blurred)
    def commit(self) -> None:
        """Save every valid field typed since the last save."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        pending, self._pending = self._pending, {}
        for key, value in pending.items():
            if key.startswith("summary-"):
                self._save_summary(key.removeprefix("summary-"), str(value))
                continue
            current = getattr(self.store.answers.profile, key)
            if value == current or (value == "" and not current):
                continue
            save(
                self,
                self.store.path,
                lambda: self.store.set_profile(**{key: value}),  # noqa: B023 (called at once)
                invalid=partial(self._refused, key),
            )
        self._show_derived()

    def _save_summary(self, key: str, text: str) -> None:
        if text != getattr(self.store.answers.summary, key):
            save(self, self.store.path, lambda: self.store.set_summary(key, text))

    def _refused(self, key: str, why: str) -> None:
        message = self.query_one(f"#{key}-message", Static)
        message.set_class(True, "-error")
        message.update(Text("✗ " + why + "（未保存）"))

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        self.commit()
        if not self.store.answers.profile.unit:
            message = self.query_one("#unit-message", Static)
            message.set_class(True, "-error")
            message.update(Text("✗ 请填写单位名称"))
            self.query_one("#unit", Input).focus()
            return
        self.dismiss(None)
