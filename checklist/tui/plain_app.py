"""What both apps (the unit's and the inspectors') share: how keys are named on
screen, and notifications shown as plain text."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel

from checklist.tui import collector
from checklist.tui.key_names import key_name
from checklist.tui.textual_patches import (
    css_cache,
    draw_dirty_only,
    focus_styles,
    held_prompts,
    layout_once,
    overlay_text,
    styled_when_mounted,
    text_area_lines,
)

css_cache.install()
draw_dirty_only.install()
focus_styles.install()
held_prompts.install()
layout_once.install()
overlay_text.install()
styled_when_mounted.install()
text_area_lines.install()


class PlainApp(App[None]):
    def keep_made(self) -> None:
        """What the screen has made so far lives as long as the app (collector.py).
        Called once the main screen has made its item widgets."""
        collector.keep_made()

    def on_unmount(self) -> None:
        css_cache.save()
        collector.released()

    def get_key_display(self, binding: Binding) -> str:
        return key_name(binding)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification as plain text, whatever `markup` says.

        Notifications carry paths and the user's own words (evidence titles, items
        typed in a form, the team's reasons); read as markup, a title with `[/]`
        would crash the app.
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)
