"""Command palette provider: jump to any item by its id or its text."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from checklist.tui.screens.main import MainScreen


class ItemCommands(Provider):
    """Items of the standard, searched by id and text; works from the main screen."""

    def _main(self) -> MainScreen | None:
        screen = self.screen
        return screen if isinstance(screen, MainScreen) else None

    async def search(self, query: str) -> Hits:
        main = self._main()
        if main is None:
            return
        matcher = self.matcher(query)
        for item_id, item in main.pack.items.items():
            if not main.score.items[item_id].active:
                continue
            text = f"{item_id} {item.text}"
            match = matcher.match(text)
            if match > 0:
                yield Hit(
                    match,
                    matcher.highlight(text),
                    partial(main.go_to, item_id),
                    text=text,
                    help=escape(
                        f"{main.pack.area_of[item_id].title} › {main.pack.indicator_of[item_id].title}"
                    ),
                )

    async def discover(self) -> Hits:
        main = self._main()
        if main is None:
            return
        for item_id in main.score.unanswered[:20]:
            item = main.pack.items[item_id]
            yield DiscoveryHit(
                Content(f"未答 {item_id} {item.text}"),
                partial(main.go_to, item_id),
                help="跳转到这一未答条目",
            )
