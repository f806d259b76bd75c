"""The standard as a tree (area → indicator → item, or area → item where the items sit
directly under their area) with a status mark on each item.

Only labels that changed are set again after an answer, and an indicator's children
are rebuilt only when one of its conditional items appears or disappears.

An area's indicators and items are added when it is first expanded, or when anything
asks for them (its children, one of its items): at the start, only the area of the
first item is open, and a standard of 1,000 items made 1,000 lines nobody saw (some
10 ms of the start, and each answer's marks checked on all of them after).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, Self

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text
from textual import events
from textual._segment_tools import line_pad
from textual.cache import LRUCache
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets._tree import TreeNodes, _TreeLine
from textual.widgets.tree import TreeNode

from checklist.criteria.model import Area, Indicator, Pack
from checklist.formats import points_text
from checklist.scoring import ItemScore, Score, Status
from checklist.tui.widgets.kept_lines import KeptFraming, KeptScrollbars

# Marks stay one cell wide in every terminal; their meaning is in the help screen.
MARKS: dict[str, tuple[str, str]] = {
    "unanswered": ("○", "未答"),
    "answered": ("✓", "已答"),
    "na": ("-", "不适用"),
    "veto": ("✗", "否决项未通过"),
    "review": ("!", "需复核"),
}
_MARK_STYLES = {
    "unanswered": "dim",
    "answered": "bold green",
    "na": "dim",
    "veto": "bold red",
    "review": "bold yellow",
}


_STATUS_MARKS = {
    Status.UNANSWERED: "unanswered",
    Status.ANSWERED: "answered",
    Status.NOT_APPLICABLE: "na",
    Status.INACTIVE: "na",
    Status.ABSENT: "unanswered",
    Status.REVIEW: "review",
}


def mark_of(item_score: ItemScore) -> str:
    """The mark key for an item's state."""
    if item_score.veto_failed and not item_score.veto_pending:
        return "veto"
    return _STATUS_MARKS[item_score.status]


def item_label(pack: Pack, item_id: str, item_score: ItemScore) -> Text:
    """The mark, the item's number in the sheet (a narrow tree cuts the end of the
    text, which may begin alike for several items; the number tells them apart) and
    its text."""
    key = mark_of(item_score)
    # What Text.assemble((mark, style), (number, "bold"), text) makes, made at once (a
    # thousand labels at the start).
    number = f" {pack.sheet_numbers[item_id]} "
    mark = MARKS[key][0]
    return Text(
        f"{mark}{number}{pack.items[item_id].text}",
        spans=[
            Span(0, len(mark), _MARK_STYLES[key]),
            Span(len(mark), len(mark) + len(number), "bold"),
        ],
        tab_size=8,
    )


def place_of(pack: Pack, item_id: str) -> str:
    """Where an item sits: 一级指标 › 二级指标, or the area alone when its items sit
    directly under it."""
    area, indicator = pack.area_of[item_id], pack.indicator_of[item_id]
    return area.title if indicator.implicit else f"{area.title} › {indicator.title}"


def item_number(pack: Pack, item_id: str) -> str:
    """How the sheet names an item: 第5项 (in its area when the sheet numbers each
    area from 1, which the place printed beside it says)."""
    return f"第{pack.sheet_numbers[item_id]}项"


def item_name(pack: Pack, item_id: str) -> str:
    """How the sheet names an item where nothing beside it says its area (a list of
    items from all areas): 第5项, after its area's title when the sheet numbers each
    area from 1 (党建带工建 › 第5项, as the item's heading writes its place), the
    standard's ids never."""
    if pack.info.numbering == "continuous":
        return item_number(pack, item_id)
    return f"{pack.area_of[item_id].title} › {item_number(pack, item_id)}"


def area_label(area: Area, earned: float, maximum: float) -> Text:
    # Points first: a narrow tree cuts the end of long titles, never the points.
    points = f"{points_text(earned)}/{points_text(maximum)}"
    return Text.assemble((points, "bold"), " ", (area.title, "bold"))


class _AreaNode(TreeNode[str]):
    """An area's line, whose indicators and items are added when it is first expanded
    or its children are asked for (as Textual's own code does: TreeNode.add)."""

    _pending: Callable[[], None] | None = None  # adds them, until it has

    def fill(self) -> None:
        """Add the area's indicators and items now, if they are not there yet."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending()

    def _expand(self, expand_all: bool) -> None:
        self.fill()
        super()._expand(expand_all)

    @property
    def children(self) -> TreeNodes[str]:
        self.fill()
        return super().children


class ItemTree(KeptScrollbars, Tree[str]):
    """Posts ItemChosen when the cursor rests on an item."""

    class ItemChosen(Message):
        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    def __init__(self, pack: Pack, *, id: str | None = None) -> None:
        super().__init__(pack.info.title, id=id)
        self.show_root = False
        self.guide_depth = 2
        self.pack = pack
        self._item_nodes: dict[str, TreeNode[str]] = {}
        self._indicator_nodes: dict[str, TreeNode[str]] = {}
        self._area_nodes: dict[str, TreeNode[str]] = {}
        self._marks: dict[str, str] = {}
        self._area_text: dict[str, tuple[float, float]] = {}
        self._shown: dict[str, tuple[str, ...]] = {}  # indicator id → item ids in the tree
        self._score: Score | None = None  # the latest, for the areas filled later
        # Lines drawn (see _render_line): each as drawn, without the number of its
        # line; and each with it, where it was drawn; each with its node's label.
        self._drawn: LRUCache[tuple[Any, ...], tuple[Strip, Text]] = LRUCache(1024)
        self._placed: LRUCache[tuple[Any, ...], tuple[Strip, Text]] = LRUCache(1024)
        self._line_metas: dict[int, Style] = {}
        self._component_snapshot: tuple[object, ...] = ()
        # What every line of one render_lines shares (its base style, widths, state),
        # once read; and whether render_lines is drawing.
        self._drawing: tuple[Any, ...] | None = None
        self._rendering = False
        self._styles_cache = KeptFraming()  # the rows framed, kept (kept_lines.py)

    _filling = False  # whether nodes are being added, the tree laid out once after

    def _add_node(
        self,
        parent: TreeNode[str] | None,
        label: Text,
        data: str | None,
        expand: bool = False,
    ) -> TreeNode[str]:
        # Textual's (8.2.8, pinned), with an _AreaNode for each line under the root.
        if parent is None or parent is not self.root:
            return super()._add_node(parent, label, data, expand)
        node = _AreaNode(self, parent, self._new_id(), label, data, expanded=expand)
        self._tree_nodes[node._id] = node
        self._updates += 1
        return node

    def _invalidate(self) -> None:
        # Textual lays the whole tree out anew for each node added: once for them all.
        if not self._filling:
            super()._invalidate()

    def _on_resize(self, event: events.Resize) -> None:
        # Textual (8.2.8, pinned) forgets all the tree's lines when it is resized and
        # has the screen laid out again: the tree's first size, as the screen is first
        # laid out, laid out and drew the whole screen a second time (15-35 ms of the
        # start). Its lines do not depend on its size (a line drawn at another width
        # is kept apart, Tree._render_line), nor does its content's; a widget whose
        # size changed is drawn anew all the same (Widget._size_updated).
        event.prevent_default()  # not Tree's own
        self._line_cache.grow(event.size.height)

    def get_label_width(self, node: TreeNode[str]) -> int:
        # The width of what Tree.render_label makes (the icon of a node that expands,
        # then the label), without making it: Textual's made it for each line the
        # tree shows each time it lays its lines out.
        width = node._label.cell_len
        if node._allow_expand:
            width += cell_len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE)
        return width

    def process_label(self, label: str | Text) -> Text:
        # Textual copies each label (its first line); the labels made here are made
        # anew for the tree, and of one line unless the standard's text has more.
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    def build(self, score: Score, current: str | None) -> None:
        """Fill the tree; only the area holding `current` starts expanded (the others'
        lines are added when they are expanded)."""
        self._score = score
        with self._adding():
            current_area = self.pack.area_of[current].id if current else None
            subtotals = {a.id: a for a in score.areas}
            for area in self.pack.areas:
                sub = subtotals[area.id]
                area_node = self.root.add(
                    area_label(area, sub.score, sub.max),
                    data=area.id,
                    expand=area.id == current_area,
                )
                assert isinstance(area_node, _AreaNode)
                self._area_nodes[area.id] = area_node
                self._area_text[area.id] = (sub.score, sub.max)
                area_node._pending = partial(self._add_area, area, area_node)
                if area_node.is_expanded:
                    area_node.fill()
        # Its scrollbar, when it has more lines than the terminal has rows: known now,
        # it is in the screen's first layout, not in a second one once the tree has
        # learnt its size (when Textual shows it: Widget._refresh_scrollbars).
        if len(self._tree_lines) > self.app.size.height:
            self.show_vertical_scrollbar = True
            self.vertical_scrollbar.display = True

    @contextmanager
    def _adding(self) -> Iterator[None]:
        """Nodes added within are laid out once, at the end (not once each)."""
        if self._filling:
            yield
            return
        self._filling = True
        try:
            yield
        finally:
            self._filling = False
            self._invalidate()

    def _add_area(self, area: Area, area_node: TreeNode[str]) -> None:
        """Add an area's indicators and items, marked as the latest score has them."""
        score = self._score
        assert score is not None
        with self._adding():
            for indicator in area.indicators:
                # An area of a two-level sheet holds its items itself: its one
                # indicator is the program's, not a level to show.
                ind_node = (
                    area_node
                    if indicator.implicit
                    else area_node.add(Text(indicator.title), data=indicator.id, expand=True)
                )
                self._indicator_nodes[indicator.id] = ind_node
                self._fill(indicator, ind_node, score)

    def _item_node(self, item_id: str) -> TreeNode[str] | None:
        """The item's node (its area's lines added if they were not yet), None when
        it is not in the tree (its condition does not hold)."""
        node = self._item_nodes.get(item_id)
        area = self.pack.area_of.get(item_id)
        if node is None and area is not None:
            area_node = self._area_nodes.get(area.id)
            if isinstance(area_node, _AreaNode):
                area_node.fill()
                node = self._item_nodes.get(item_id)
        return node

    def _fill(self, indicator: Indicator, node: TreeNode[str], score: Score) -> None:
        shown = tuple(item.id for item in indicator.items if score.items[item.id].active)
        self._shown[indicator.id] = shown
        for item_id in shown:
            item_score = score.items[item_id]
            self._marks[item_id] = mark_of(item_score)
            self._item_nodes[item_id] = node.add_leaf(
                item_label(self.pack, item_id, item_score), data=item_id
            )

    def update_score(self, score: Score) -> None:
        """Refresh marks and area points; add or remove conditional items."""
        self._score = score
        for area in self.pack.areas:
            for indicator in area.indicators:
                if indicator.id not in self._shown:
                    continue  # its area's lines are not there yet: added as they are then
                shown = tuple(item.id for item in indicator.items if score.items[item.id].active)
                if shown != self._shown[indicator.id]:
                    node = self._indicator_nodes[indicator.id]
                    for item_id in self._shown[indicator.id]:
                        self._item_nodes.pop(item_id, None)
                        self._marks.pop(item_id, None)
                    node.remove_children()
                    self._fill(indicator, node, score)
        for item_id, node in self._item_nodes.items():
            item_score = score.items[item_id]
            key = mark_of(item_score)
            if self._marks.get(item_id) != key:
                self._marks[item_id] = key
                node.set_label(item_label(self.pack, item_id, item_score))
        for sub in score.areas:
            if self._area_text.get(sub.id) != (sub.score, sub.max):
                self._area_text[sub.id] = (sub.score, sub.max)
                area = next(a for a in self.pack.areas if a.id == sub.id)
                self._area_nodes[sub.id].set_label(area_label(area, sub.score, sub.max))

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        # Textual (8.2.8, pinned) forgets the styles of the tree's parts (guides, the
        # cursor line, labels) at every refresh, and works them out again for each line
        # it draws next, through all the ancestors: the two lines a moved cursor
        # redraws cost about 1 ms. A refresh of some lines (the cursor's, the hover's)
        # changes no style: they are kept. Any change of style forgets them anyway
        # (Widget.notify_style_update), and so does a refresh of the whole tree.
        kept = dict(self._rich_style_cache) if regions and not (layout or recompose) else {}
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        self._rich_style_cache.update(kept)
        return self

    # Drawing the lines. Textual (8.2.8, pinned) keeps the lines it drew under their
    # number in the tree (y) and the tree's count of changes (Tree._updates, counted
    # at each area expanded, each node added): every line was drawn anew when an area
    # was expanded, and every line below it when one was, 10-14 ms of a PgDn into the
    # next area. And it works out the tree's own style (through all the ancestors) for
    # each line, drawn anew or not. Here a line is kept under what it is drawn from:
    # its node (its label, whether it is expanded or can be), the hover, selection and
    # place (last of its siblings or not) of it and of each node above it, the cursor
    # and the mouse on it, the focus, the width, and the styles; a line drawn before
    # the cursor came to it is drawn so again when it leaves. The number of
    # its line is only in its segments' meta ({"line": y}, read by a click and by the
    # mouse's hover): a line kept is given the number of its place (the same styles as
    # Textual's: its meta first, then the segment's own). Any change of styles forgets
    # them all (notify_style_update, or the component styles worked out anew).

    def render_lines(self, crop: Region) -> list[Strip]:
        snapshot = tuple(self._component_styles.values())
        old = self._component_snapshot
        if len(snapshot) != len(old) or any(a is not b for a, b in zip(snapshot, old, strict=True)):
            self._component_snapshot = snapshot
            self._forget_lines()
        self._drawing, self._rendering = None, True
        try:
            return super().render_lines(crop)  # Tree's, then render_line for each line
        finally:
            self._drawing, self._rendering = None, False

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_lines()

    def _forget_lines(self) -> None:
        self._drawn.clear()
        self._placed.clear()

    def render_line(self, y: int) -> Strip:
        if not self._rendering:
            return super().render_line(y)  # Textual's own, outside render_lines
        drawing = self._drawing
        if drawing is None:
            # What Tree.render_line reads for each line, read once for all (Tree.
            # render_lines has set the pseudo-class state).
            scroll_x, scroll_y = self.scroll_offset
            width = self.size.width
            base_style = self.rich_style
            drawing = self._drawing = (
                scroll_x,
                scroll_y,
                width,
                base_style,
                (
                    width,
                    max(self.virtual_size.width, width),
                    base_style,
                    self._pseudo_class_state,
                    self.has_focus,
                    self.show_guides,
                    self.guide_depth,
                ),
            )
        scroll_x, scroll_y, width, base_style, _ = drawing
        return self._render_line(y + scroll_y, scroll_x, scroll_x + width, base_style)

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        # Textual's (8.2.8, pinned), with its lines kept as said above.
        drawing = self._drawing
        if drawing is None:
            return super()._render_line(y, x1, x2, base_style)
        tree_lines = self._tree_lines
        if y >= len(tree_lines):
            return Strip.blank(x2 - x1, base_style)
        line = tree_lines[y]
        path = line.path
        hover_line = self.hover_line
        is_hover = hover_line >= 0 and any(node._hover for node in path)
        node = line.node
        label = node._label
        key = (
            drawing[4],
            is_hover,
            hover_line == y,
            self.cursor_line == y,
            line.last,
            node,
            id(label),  # alive while its lines are kept: they keep it
            node._expanded,
            node._allow_expand,
            tuple([(node._hover, node._selected, node.is_last) for node in path]),
        )
        placed_key = (key, y)
        placed = self._placed.get(placed_key)
        if placed is None:
            drawn = self._drawn.get(key)
            if drawn is None:
                drawn = self._drawn[key] = (self._draw_line(line, y, is_hover, base_style), label)
            meta = self._line_metas.get(y)
            if meta is None:
                meta = self._line_metas[y] = Style(meta={"line": y})
            strip = Strip(
                [Segment(text, meta + style, control) for text, style, control in drawn[0]],
                drawn[0].cell_length,
            )
            placed = self._placed[placed_key] = (strip, label)
        strip = placed[0]
        return strip.crop(x1, x2)

    def _draw_line(self, line: _TreeLine[str], y: int, is_hover: bool, base_style: Style) -> Strip:
        """Tree._render_line's drawing of a line (Textual 8.2.8), without the meta of
        its number: given it where it is placed (_render_line)."""
        width = self.size.width
        base_hidden = self.get_component_styles("tree--guides").color.a == 0
        hover_hidden = self.get_component_styles("tree--guides-hover").color.a == 0
        selected_hidden = self.get_component_styles("tree--guides-selected").color.a == 0

        base_guide_style = self.get_component_rich_style("tree--guides", partial=True)
        guide_hover_style = base_guide_style + self.get_component_rich_style(
            "tree--guides-hover", partial=True
        )
        guide_selected_style = base_guide_style + self.get_component_rich_style(
            "tree--guides-selected", partial=True
        )

        hover = line.path[0]._hover
        selected = line.path[0]._selected and self.has_focus

        def get_guides(style: Style, hidden: bool) -> tuple[str, str, str, str]:
            lines: tuple[Any, Any, Any, Any]
            if self.show_guides and not hidden:
                lines = self.LINES["default"]
                if style.bold:
                    lines = self.LINES["bold"]
                elif style.underline2:
                    lines = self.LINES["double"]
            else:
                lines = ("  ", "  ", "  ", "  ")

            guide_depth = max(0, self.guide_depth - 2)
            g = tuple(f"{characters[0]}{characters[1] * guide_depth} " for characters in lines)
            return g[0], g[1], g[2], g[3]

        if is_hover:
            line_style = self.get_component_rich_style("tree--highlight-line")
        else:
            line_style = base_style

        guides = Text(style=line_style)
        guides_append = guides.append

        guide_style = base_guide_style

        hidden = True
        for node in line.path[1:]:
            hidden = base_hidden
            if hover:
                guide_style = guide_hover_style
                hidden = hover_hidden
            if selected:
                guide_style = guide_selected_style
                hidden = selected_hidden

            space, vertical, _, _ = get_guides(guide_style, hidden)
            guide = space if node.is_last else vertical
            if node != line.path[-1]:
                guides_append(guide, style=guide_style)
            hover = hover or node._hover
            selected = (selected or node._selected) and self.has_focus

        if len(line.path) > 1:
            _, _, terminator, cross = get_guides(guide_style, hidden)
            if line.last:
                guides.append(terminator, style=guide_style)
            else:
                guides.append(cross, style=guide_style)

        label_style = self.get_component_rich_style("tree--label", partial=True)
        if self.hover_line == y:
            label_style += self.get_component_rich_style("tree--highlight", partial=True)
        if self.cursor_line == y:
            label_style += self.get_component_rich_style("tree--cursor", partial=False)

        label = self.render_label(line.path[-1], line_style, label_style).copy()
        label.stylize(Style(meta={"node": line.node._id}))
        guides.append(label)

        segments = list(guides.render(self.app.console))
        pad_width = max(self.virtual_size.width, width)
        segments = line_pad(segments, 0, pad_width - guides.cell_len, line_style)
        return Strip(segments)

    def show_item(self, item_id: str) -> None:
        """Move the cursor to an item, expanding its area.

        The screen chose the item: the highlights this causes are not echoed back as
        ItemChosen. Expanding an area above the cursor moves the lines under it, and
        the tree highlights the old item anew; echoed, it would take the screen back.
        """
        node = self._item_node(item_id)
        if node is None:
            return
        with self.prevent(Tree.NodeHighlighted):
            parent = node.parent
            while parent is not None:
                if not parent.is_expanded and parent is not self.root:
                    parent.expand()
                parent = parent.parent
            if self.cursor_node is node:
                return
            _ = self._tree_lines  # lay out expanded nodes so that the node has a line
            self.move_cursor(node)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        item_id = event.node.data
        if item_id is not None and item_id in self._item_nodes:
            # Straight to the screen: bubbled up through the panes, it arrived after
            # the moved cursor was drawn, and the item was drawn in a second frame.
            self.screen.post_message(self.ItemChosen(item_id))

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        item_id = event.node.data
        if item_id is not None and item_id in self._item_nodes:
            self.post_message(self.ItemChosen(item_id))
