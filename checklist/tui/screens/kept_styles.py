"""Screens not styled anew each time they are shown, unless something changed."""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget


def load_styles_of(app: App[object], *widgets: Widget) -> None:
    """Add the styles of these kinds of widget (each given by an instance, not
    mounted) to the app's now, as Textual does when the first of a kind is mounted.
    For a kind a screen makes later: styles added after a kept screen was styled
    have it styled anew when next shown (the profile form, made ahead, was laid out
    again at the first F2)."""
    for widget in widgets:
        for read_from, css, tie_breaker, scope in widget._get_default_css():
            app.stylesheet.add_source(
                css, read_from=read_from, is_default_css=True, tie_breaker=tie_breaker, scope=scope
            )


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
