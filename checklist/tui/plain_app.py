"""What both apps (the unit's and the inspectors') share: how keys are named on
screen, and notifications shown as plain text."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel

from checklist.tui import layout_once, overlay_text, text_area_lines
from checklist.tui.key_names import key_name

layout_once.install()
overlay_text.install()
text_area_lines.install()


class PlainApp(App[None]):
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
