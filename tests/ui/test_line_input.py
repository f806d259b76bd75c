"""The one-line input (LineInput): drawn without the focus, it shows what Textual's
Input draws, from a drawing kept by what it shows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Button, Input

from checklist.tui.plain_app import PlainApp
from checklist.tui.widgets.line_input import LineInput
from tests.support.pilot import settle


class _Fields(PlainApp):
    def compose(self) -> ComposeResult:
        yield LineInput(placeholder="整数", compact=True)
        yield Button("下一个")


def _drawn(field: LineInput) -> tuple[list[list[object]], list[list[object]]]:
    """The field's lines as it draws them, and as Textual's Input draws them."""
    region = field.region.reset_offset
    ours = [list(strip) for strip in field.render_lines(region)]
    textual = [list(strip) for strip in Input.render_lines(field, region)]
    return ours, textual


async def test_an_input_without_the_focus_shows_what_textual_draws() -> None:
    app = _Fields()
    async with app.run_test(size=(40, 6)) as pilot:
        field = app.query_one(LineInput)
        app.query_one(Button).focus()
        await settle(pilot)
        shown: list[str] = []
        # Empty (its placeholder), a value, empty again (kept), a wrong value
        # marked invalid, and the first value again.
        for value, invalid in [("", False), ("12", False), ("", False), ("x", True), ("12", False)]:
            field.value = value
            field.set_class(invalid, "-invalid")
            await settle(pilot)
            ours, textual = _drawn(field)
            assert ours == textual, (value, invalid)
            shown.append(field.render_lines(field.region.reset_offset)[0].text.strip())
        assert shown == ["整数", "12", "整数", "x", "12"]
        assert len(field._drawn or {}) == 3  # ("", "12", "x"): drawn once each
        # With the focus: the cursor, as Textual draws it.
        field.focus()
        await settle(pilot)
        ours, textual = _drawn(field)
        assert ours == textual
