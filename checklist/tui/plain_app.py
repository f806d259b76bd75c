"""What both apps (the unit's and the inspectors') share: how keys are named on
screen, and notifications shown as plain text."""

from __future__ import annotations

import gc

from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel

from checklist.tui import focus_styles, held_prompts, layout_once, overlay_text, text_area_lines
from checklist.tui.key_names import key_name

focus_styles.install()
held_prompts.install()
layout_once.install()
overlay_text.install()
text_area_lines.install()


class PlainApp(App[None]):
    # Objects made between two collections of the youngest generation (Python's default
    # is 700): a PgDn makes some 10,000, and at 700 a collection of the middle one,
    # which goes through all those that survived the last ten, fell in every other
    # PgDn (2–3 ms each). Those a key makes are mostly gone before this many.
    YOUNG_OBJECTS = 20_000

    _collector: tuple[int, int, int] | None = None  # the thresholds before keep_made

    def keep_made(self) -> None:
        """The objects made so far (the standard, the screens and their widgets) live
        as long as the app: the garbage collector's passes leave them out from now on
        (gc.freeze). Each full pass went through them all: a PgDn now and then took
        60–80 ms more. Called once the screen has made what it keeps."""
        if self._collector is None:
            self._collector = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(self.YOUNG_OBJECTS, *self._collector[1:])

    def on_unmount(self) -> None:
        # Collected as usual again: an app that has ended keeps nothing out of reach.
        if self._collector is not None:
            gc.set_threshold(*self._collector)
            gc.unfreeze()
            self._collector = None

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
