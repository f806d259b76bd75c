"""Screens not styled anew each time they are shown, unless something changed."""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class KeptStyles(Screen[None]):
    """Textual (8.2.8, pinned) styles every widget of a screen again each time it is
    shown, in case the theme or the styles changed while it was hidden: a fifth of
    the start for the main screen, whose widgets were styled as they were made a
    moment before, and most of the time F2 took for the kept profile form. Here that
    is done only when the theme or the styles did change (styles are added with each
    kind of widget first made, and with each screen's own)."""

    _styled: tuple[str, object] | None = None  # theme and styles when last styled

    def styled(self) -> None:
        """Its widgets have just been styled as they were made (the end of on_mount)."""
        self._styled = (self.app.theme, self.app.stylesheet.rules)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual calls this besides a subclass's own on_screen_resume (a handler of
        # each class), before its own handler, which styles the widgets.
        before, self._styled = self._styled, None
        if before is not None:
            now = (self.app.theme, self.app.stylesheet.rules)
            event.refresh_styles = before[0] != now[0] or before[1] is not now[1]
        self.styled()
