"""The tree and the panes' scrollbars draw what Textual draws, though they keep what
they drew (ItemTree._render_line, kept_lines.KeptFraming): after areas expanded, the
tree scrolled, the mouse over it, the focus gone and come back, marks changed."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Tree

from checklist.criteria.model import Pack
from checklist.tui.app import ChecklistApp
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.widgets.item_detail import ItemDetail
from checklist.tui.widgets.item_tree import MARKS, ItemTree
from checklist.tui.widgets.kept_lines import KeptFraming
from tests.support.pilot import opened, settle
from tests.support.samples import write_profile


def as_textual_draws(widget: Widget) -> list[Strip]:
    """The widget's rows on screen as Textual draws them anew: framed by a StylesCache
    of its own, a tree's lines by Tree's own drawing, none of them kept before."""
    crop = Region(0, 0, *widget.outer_size)
    if not isinstance(widget, ItemTree):
        return StylesCache().render_widget(widget, crop)
    widget._pseudo_class_state = widget.get_pseudo_class_state()  # as Tree.render_lines
    widget._line_cache.clear()
    widget.render_line = lambda y: Tree.render_line(widget, y)  # type: ignore[method-assign]
    try:
        return StylesCache().render_widget(widget, crop)
    finally:
        del widget.render_line


def drawn(widget: Widget) -> list[Strip]:
    """The widget's rows as the app draws them now (what the screen is given)."""
    return widget.render_lines(Region(0, 0, *widget.outer_size))


def assert_drawn_as_textual_draws(app: ChecklistApp) -> None:
    main = app.screen
    assert isinstance(main, ItemsScreen)
    tree = main.query_one(ItemTree)
    detail = main.query_one(ItemDetail)
    widgets: list[Widget] = [tree]
    for pane in (tree, detail):
        if pane.show_vertical_scrollbar and pane.vertical_scrollbar.display:
            widgets.append(pane.vertical_scrollbar)
    for widget in widgets:
        # Text, colours, attributes and meta (the line a click moves the cursor to).
        assert drawn(widget) == as_textual_draws(widget), widget


async def walk_down_the_tree(pilot: Pilot[None], tree: ItemTree, app: ChecklistApp) -> int:
    """Down through every line, each area expanded when the cursor is on it; the
    drawing checked at each line. Returns the number of lines the tree scrolled."""
    scrolled = 0
    while True:
        node = tree.cursor_node
        if node is not None and node.parent is tree.root and not node.is_expanded:
            await pilot.press("space")
            await settle(pilot)
            assert_drawn_as_textual_draws(app)
        if tree.cursor_line >= len(tree._tree_lines) - 1:
            return scrolled
        before = tree.scroll_offset.y
        await pilot.press("down")
        await settle(pilot)
        scrolled += tree.scroll_offset.y != before
        assert_drawn_as_textual_draws(app)


async def test_the_tree_walked_expanded_and_scrolled_draws_what_textual_draws_anew(
    answers_path: Path, pack: Pack
) -> None:
    write_profile(answers_path, pack)
    async with opened(answers_path, size=(100, 30)) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        tree = main.query_one(ItemTree)
        assert_drawn_as_textual_draws(app)
        tree.focus()
        await settle(pilot)
        assert await walk_down_the_tree(pilot, tree, app) > 0  # the tree did scroll
        for _ in range(12):
            await pilot.press("up")
            await settle(pilot)
            assert_drawn_as_textual_draws(app)
        # The mouse over lines of the tree, then away from it.
        for row in (0, 3, 8, 20):
            await pilot.hover(ItemTree, offset=(6, row))
            await settle(pilot)
            assert tree.hover_line >= 0
            assert_drawn_as_textual_draws(app)
        await pilot.hover(ItemDetail, offset=(4, 4))
        await settle(pilot)
        assert_drawn_as_textual_draws(app)
        # The focus away from the tree: its cursor line without the focus's looks.
        main.query_one(ItemDetail).answer_input().focus()
        await settle(pilot)
        assert not tree.has_focus
        assert_drawn_as_textual_draws(app)
        for _ in range(6):
            await pilot.press("pagedown")
            await settle(pilot)
            assert_drawn_as_textual_draws(app)
        tree.focus()
        await settle(pilot)
        assert_drawn_as_textual_draws(app)


async def test_an_answer_shows_its_mark_in_the_tree_at_once(answers_path: Path, pack: Pack) -> None:
    """The lines of items already drawn (and kept) show an answer's new mark at once,
    and the area's new points."""
    write_profile(answers_path, pack)
    async with opened(answers_path, size=(100, 30)) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        tree = main.query_one(ItemTree)
        first = main.order[0]
        item_id = next(
            i
            for i in main.order[1:]
            if pack.area_of[i] == pack.area_of[first] and pack.items[i].kind == "yes_no"
        )
        node = tree._item_nodes[item_id]
        area = node.parent
        while area is not None and area.parent is not tree.root:
            area = area.parent
        assert area is not None

        def row_of(line: int) -> str:
            text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
            row = tree.region.y + line - tree.scroll_offset.y
            return text.splitlines()[row][tree.region.x : tree.region.right]

        assert MARKS["unanswered"][0] in row_of(node.line)
        area_before = row_of(area.line)
        main._set_answer(item_id, value=True)
        await settle(pilot)
        assert MARKS["answered"][0] in row_of(node.line)
        assert MARKS["unanswered"][0] not in row_of(node.line)
        assert row_of(area.line) != area_before  # its points
        assert_drawn_as_textual_draws(app)


class Framed(Widget, can_focus=True):
    """Rows of one content, framed differently with the focus."""

    DEFAULT_CSS = """
    Framed { border: solid red; padding: 1 2; height: 8; }
    Framed:focus { border-left: heavy blue; tint: green 20%; background: $panel; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._styles_cache = KeptFraming()

    def render_line(self, y: int) -> Strip:
        return Strip([Segment("同一行", RichStyle(color="white"))])


class FramedApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Framed()
        yield Input()


async def test_rows_of_one_content_are_framed_as_the_widget_is_framed_now() -> None:
    """A row kept by KeptFraming is the one Textual frames for the widget's borders,
    padding, background and tint as they are now, not as they were."""
    app = FramedApp()
    async with app.run_test(size=(40, 12)) as pilot:
        framed = app.query_one(Framed)
        for focused in (False, True, False, True):
            (framed if focused else app.query_one(Input)).focus()
            await settle(pilot)
            assert framed.has_focus == focused
            assert drawn(framed) == as_textual_draws(framed)
