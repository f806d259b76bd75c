"""The command palette in Chinese, and its providers: jump to any item by its number in
the sheet or its text; choose one of the themes we support, named in Chinese."""

from __future__ import annotations

from functools import partial

from rich.align import Align
from rich.text import Text
from textual.app import ComposeResult
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.visual import Visual
from textual.widgets.option_list import Option

from checklist.tui.screens.items import ItemsScreen
from checklist.tui.widgets.item_tree import item_number, place_of
from checklist.tui.widgets.prose import broken


def asked_number(query: str) -> int | None:
    """The item number typed (5, 第5项), if the query is one."""
    digits = query.strip().removeprefix("第").removesuffix("项").strip()
    return int(digits) if digits.isdigit() else None


class ItemCommands(Provider):
    """Items of the standard, named as the sheet numbers them (第5项 and the text, the
    area and indicator below), found by that number or by words of their text; works
    from the main screen. The standard's ids are not shown; one typed whole still
    finds its item."""

    def _main(self) -> ItemsScreen | None:
        screen = self.screen
        return screen if isinstance(screen, ItemsScreen) else None

    async def search(self, query: str) -> Hits:
        main = self._main()
        if main is None:
            return
        matcher = self.matcher(query)
        number = asked_number(query)
        for item_id, item in main.pack.items.items():
            if not main.score.items[item_id].active:
                continue
            text = f"{item_number(main.pack, item_id)} {item.text}"
            match = matcher.match(text)
            if number is not None and main.pack.sheet_numbers[item_id] == number:
                match = 2 * max(match, 1.0)  # the item so numbered before others with the digit
            elif query.strip().lower() == item_id.lower():
                match = max(match, 1.0)
            if match > 0:
                yield Hit(
                    match,
                    matcher.highlight(escape(text)),  # the palette reads markup
                    partial(main.go_to, item_id),
                    text=text,
                    help=escape(place_of(main.pack, item_id)),
                )

    async def discover(self) -> Hits:
        main = self._main()
        if main is None:
            return
        for item_id in main.score.unanswered[:20]:
            item = main.pack.items[item_id]
            yield DiscoveryHit(
                Content(f"未答 {item_number(main.pack, item_id)} {item.text}"),
                partial(main.go_to, item_id),
                help=escape(place_of(main.pack, item_id)),
            )


# The themes offered (Textual's name → ours), each checked on our screens; Textual has
# twenty more, named in English.
THEMES: dict[str, tuple[str, str]] = {
    "textual-dark": ("深色", "默认主题：深色背景、浅色文字"),
    "textual-light": ("浅色", "白色背景、深色文字，适合明亮的房间"),
    "nord": ("冷蓝深色", "蓝灰色背景，对比柔和"),
    "solarized-light": ("米黄浅色", "米黄色背景，长时间阅读不刺眼"),
    "ansi-dark": ("终端配色", "使用终端自己的颜色，适合颜色较少的终端"),
}


class ThemeCommands(Provider):
    """The themes of THEMES, by their Chinese names; the current one marked."""

    def _themes(self) -> list[tuple[str, str, str]]:
        current = self.app.theme
        return [
            (name, shown + ("（当前）" if name == current else ""), help)
            for name, (shown, help) in THEMES.items()
            if name in self.app.available_themes
        ]

    def _use(self, name: str) -> None:
        self.app.theme = name

    async def discover(self) -> Hits:
        for name, shown, help in self._themes():
            yield DiscoveryHit(Content(shown), partial(self._use, name), help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, shown, help in self._themes():
            match = matcher.match(shown)
            if match > 0:
                yield Hit(match, matcher.highlight(shown), partial(self._use, name), help=help)


class _CommandList(CommandList):
    """The palette's list, its lines broken as Chinese is (Textual broke "未答 第5项
    机关为……" after the number, and a line could start with "，")."""

    def _get_visual(self, option: Option) -> Visual:
        if option._visual is None:
            option._visual = broken(super()._get_visual(option))
        return option._visual


class Palette(CommandPalette):
    """Textual's command palette, saying 没有找到 instead of "No matches found", its
    list broken into lines as Chinese is."""

    NO_MATCHES = "没有找到匹配的条目或命令"

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield _CommandList() if type(widget) is CommandList else widget

    # Textual writes its message inside this method; it mirrors Textual 8.2.8 (pinned in
    # pyproject.toml) with only the text changed.
    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(self.NO_MATCHES, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
