"""What keeps moving around quick, checked as the work done, not as time taken (the
timings are benchmarks/app_bench.py's)."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual import events
from textual._compositor import LayoutUpdate
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import Input, Static, TextArea

from checklist.answers import read_answers
from checklist.criteria import load_pack
from checklist.criteria.model import Pack
from checklist.tui.app import make_app
from checklist.tui.plain_app import PlainApp
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.screens.profile import ProfileScreen
from checklist.tui.widgets.answer_inputs import ChoiceAnswer, answer_class
from checklist.tui.widgets.item_detail import ItemDetail, ItemHead, ScoreLine, head_parts
from checklist.tui.widgets.item_tree import ItemTree
from checklist.tui.widgets.key_footer import KeyFooter
from tests.support.pilot import (
    answer_input,
    items_prepared,
    open_at,
    opened,
    screen_text,
    settle,
    until,
)
from tests.support.samples import first_of_kind, write_profile


class Growing(PlainApp):
    def compose(self) -> ComposeResult:
        yield Static("一行", id="text")


async def test_a_widget_that_grows_is_laid_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual asked for a second layout of the whole screen whenever a widget changed
    size (each change of item did: its texts change height)."""
    layouts = []
    lay_out = Screen._refresh_layout

    def counted(screen: Screen[object], *args: object, **kwargs: object) -> None:
        layouts.append(screen)
        lay_out(screen, *args, **kwargs)  # type: ignore[arg-type]

    app = Growing()
    async with app.run_test(size=(40, 10)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        text = app.screen.query_one("#text", Static)
        text.update("一行\n两行\n三行")
        await until(pilot, lambda: text.size.height == 3, "the text laid out anew")
        await settle(pilot)
        assert len(layouts) == 1


@pytest.mark.made_ahead
async def test_the_profile_form_is_ready_before_the_first_f2(
    answers_path: Path, pack: Pack
) -> None:
    """Its eighty-odd widgets and its styles took most of a second at the first F2: they
    are made while the chair reads the first item, and F2 only shows them, as saved."""
    write_profile(answers_path, pack)
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        await until(
            pilot,
            lambda: main._profile is not None and main._profile.is_running,
            "the profile form made before F2",
        )
        form = main._profile
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is form
        assert isinstance(form, ProfileScreen)
        unit = form.query_one("#unit", Input)
        assert form.focused is unit
        assert unit.value == "××省××厅机关工会"


@pytest.mark.made_ahead
async def test_the_first_f2_only_shows_the_form_made_ahead(
    answers_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Laying out and drawing its eighty-odd widgets was most of the first F2: the form
    made ahead is laid out and drawn unseen, and the first F2 lays nothing out, as
    each later one does."""
    write_profile(answers_path, pack)
    app = make_app(answers_path, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, ItemsScreen)
        await until(
            pilot,
            lambda: main._profile is not None and main._profile.drawn_unseen == app.size,
            "the profile form laid out and drawn before F2",
        )
        await items_prepared(app, pilot)  # made after the form: a layout of theirs
        layouts = []
        lay_out = Screen._refresh_layout

        def counted(screen: Screen[object], *args: object, **kwargs: object) -> None:
            layouts.append(screen)
            lay_out(screen, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        await pilot.press("f2")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ProfileScreen)
        assert form.focused is form.query_one("#unit", Input)
        assert layouts == []


@pytest.mark.made_ahead
async def test_the_form_made_ahead_looks_as_one_made_at_f2(
    answers_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made ahead and laid out unseen, or made when F2 is pressed before that: the
    chair sees the same form."""
    write_profile(answers_path, pack)

    async def shown(*, ahead: bool) -> str:
        monkeypatch.setattr(ItemsScreen, "PREPARE_PAUSE", 0.01 if ahead else 3600.0)
        app = make_app(answers_path, None)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            main = app.screen
            assert isinstance(main, ItemsScreen)
            if ahead:
                await until(
                    pilot,
                    lambda: main._profile is not None and main._profile.drawn_unseen,
                    "the profile form made ahead",
                )
            else:
                assert main._profile is None
            await pilot.press("f2")
            await settle(pilot)
            assert isinstance(app.screen, ProfileScreen)
            for field in app.screen.query("Input, TextArea"):
                assert isinstance(field, Input | TextArea)
                field.cursor_blink = False  # as the snapshots: the same cursor shown
            await settle(pilot)
            # Each screenshot names its own CSS classes.
            return re.sub(r"terminal-\d+", "terminal", app.export_screenshot())

    assert await shown(ahead=True) == await shown(ahead=False)


@pytest.mark.made_ahead
async def test_the_profile_form_takes_a_theme_chosen_while_it_was_hidden(
    answers_path: Path, pack: Pack
) -> None:
    """It is not styled anew at each F2, only when something changed: a theme chosen
    on the main screen shows in it all the same."""
    write_profile(answers_path, pack)
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await settle(pilot)
            await pilot.press("f2")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, ProfileScreen)
            title = form.query_one(".page-title")
            assert title.styles.color == app.current_theme.to_color_system().primary
            await pilot.press("escape")
            await settle(pilot)


@pytest.mark.made_ahead
async def test_what_the_items_need_is_made_before_the_first_pgdn(
    answers_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An answer widget mounted at the first item of its kind (or a figure row, or
    不适用) made that PgDn several times slower than the others: they are made while
    the chair reads the first item, and PgDn through the whole standard mounts nothing."""
    write_profile(answers_path, pack)
    app = make_app(answers_path, None)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await items_prepared(app, pilot)
        mounted: list[Widget] = []
        mount = Widget.mount

        def counted(widget: Widget, *widgets: Widget, **kwargs: Any) -> AwaitMount:
            mounted.extend(widgets)
            return mount(widget, *widgets, **kwargs)

        monkeypatch.setattr(Widget, "mount", counted)
        applying = [i for i in main.order if main.score.items[i].active]
        await main.go_to(applying[0])
        shown = {main.current}
        while main.current != applying[-1]:
            await pilot.press("pagedown")
            await settle(pilot)
            assert main.current not in shown, "PgDn moved on"
            shown.add(main.current)
        assert shown == set(applying)
        assert mounted == []


async def test_the_arrow_keys_pass_by_choices_another_item_needed(
    answers_path: Path, pack: Pack
) -> None:
    """The choices of all items are shown by one widget: Down from the last choice of
    a yes/no item shown after a level item goes round to its first, not to a third
    left from the level item (Enter there saved nothing the item offers; with a
    RadioSet, a hidden button)."""
    write_profile(answers_path, pack)
    level, yes_no = first_of_kind(pack, "level"), first_of_kind(pack, "yes_no")
    assert len(pack.items[level].choices()) > len(pack.items[yes_no].choices()) == 2
    app = make_app(answers_path, None)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await open_at(app, pilot, level)
        shown_level = answer_input(main, ChoiceAnswer)
        await main.go_to(yes_no)
        await settle(pilot)
        buttons = answer_input(main, ChoiceAnswer)
        assert buttons is shown_level  # the widget that showed more choices
        assert buttons.labels == list(pack.items[yes_no].choices())
        buttons.focus()
        await pilot.press("down", "down", "enter")
        await settle(pilot)
    first = next(iter(pack.items[yes_no].choices().values()))
    assert read_answers(answers_path).answers[yes_no].value == first


@pytest.mark.made_ahead
async def test_moving_to_the_next_item_draws_the_screen_once(
    answers_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Down in the tree drew the moved cursor, then the item; PgDn to an item of
    another kind drew the item, then the inputs that lost and gained the focus, and a
    list of options shown again drew itself once more: each is one frame now (once
    each kind has been shown: a list measures its options when first shown)."""
    write_profile(answers_path, pack)
    app = make_app(answers_path, None)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await items_prepared(app, pilot)
        detail = main.query_one(ItemDetail)
        for field in main.query("Input, TextArea"):
            assert isinstance(field, Input | TextArea)
            field.cursor_blink = False  # its own frames
        frames: list[object] = []
        display = app._display

        def counted(screen: Screen[object], renderable: object) -> None:
            if renderable is not None:
                frames.append(renderable)
            display(screen, renderable)  # type: ignore[arg-type]

        monkeypatch.setattr(app, "_display", counted)
        first, second = main.order[:2]
        assert answer_class(pack.items[first]) is not answer_class(pack.items[second])
        await main.go_to(second)
        await main.go_to(first)
        main.query_one(ItemTree).focus()
        await settle(pilot)
        frames.clear()
        await pilot.press("down")
        await until(pilot, lambda: main.current == second, "Down showed the next item")
        await settle(pilot)
        assert len(frames) == 1
        await main.go_to(first)
        detail_input = detail.answer_input()
        assert detail_input is not None
        detail_input.focus()
        await settle(pilot)
        frames.clear()
        await pilot.press("pagedown")
        await until(pilot, lambda: main.current == second, "PgDn showed the next item")
        await settle(pilot)
        assert main.focused is detail.answer_input()
        assert len(frames) == 1


@pytest.mark.made_ahead
async def test_the_collector_is_as_the_app_found_it_once_the_app_ends(
    answers_path: Path, pack: Pack
) -> None:
    """While the app runs, what its main screen made is passed over by the cycle
    collector and the youngest generation is collected less often (collector.py);
    once it ends, nothing it made is kept out of reach."""
    import gc

    from checklist.tui import collector

    write_profile(answers_path, pack)
    before = gc.get_threshold()
    app = make_app(answers_path, None)
    async with app.run_test(size=(120, 40)) as pilot:
        await items_prepared(app, pilot)
        assert gc.get_threshold()[0] == collector.YOUNG_OBJECTS
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


async def test_the_next_items_head_is_drawn_while_the_chair_reads_and_shown_as_drawn_anew(
    answers_path: Path, pack: Pack
) -> None:
    """Breaking an item's head into lines and drawing it was the largest part of the
    drawing of a PgDn: the next item's head and score line are drawn ahead, and show
    as drawn at the PgDn, cell by cell and style by style."""
    write_profile(answers_path, pack)
    async with opened(answers_path) as (app, pilot):
        first, following = [item.id for item in pack.items.values() if item.when is None][:2]
        main = await open_at(app, pilot, first)
        head, score = main.query_one(ItemHead), main.query_one(ScoreLine)
        await until(
            pilot,
            lambda: (drawn := head._heads.get(following)) is not None and drawn.full is not None,
            "the next item's head drawn ahead",
        )
        ahead = head._heads[following].full
        scores_ahead = list(score._drawn.values())
        await pilot.press("pagedown")
        await settle(pilot)
        assert main.current == following and head._heads[following].full is ahead
        # What a head drawn at the PgDn shows, for the same item at the same width.
        fresh = ItemHead()
        lines = fresh._break(head_parts(pack, pack.items[following]), head.content_size.width)
        region = head.region.reset_offset
        shown = head.render_lines(region)
        assert [strip.text.rstrip() for strip in shown] == [line.plain for _, line in lines]
        # Every cell as Textual draws the widgets line by line (their StylesCache).
        assert [list(strip) for strip in shown] == [
            list(strip) for strip in Widget.render_lines(head, region)
        ]
        region = score.region.reset_offset
        shown_score = score._drawn[score._score.markup, score.figures]
        assert any(drawn is shown_score for drawn in scores_ahead)  # the one drawn ahead
        assert [list(strip) for strip in score.render_lines(region)] == [
            list(strip) for strip in Widget.render_lines(score, region)
        ]
        assert "本条得分" in score.render_lines(region)[0].text
        assert pack.items[following].text[:10] in screen_text(app)


async def test_the_next_items_choices_are_drawn_while_the_chair_reads_them_in_the_same_widget(
    answers_path: Path, pack: Pack
) -> None:
    """From one single choice to the next, the widget that shows the choices draws the
    next item's while the chair reads; the PgDn shows that drawing, which is what
    Textual draws line by line (border, focus frame, boxes, highlight)."""
    write_profile(answers_path, pack)
    order = [item for item in pack.items.values() if item.when is None]
    before, following = next(
        (a.id, b.id)
        for a, b in pairwise(order)
        if answer_class(a) is answer_class(b) is ChoiceAnswer
        and list(a.choices()) != list(b.choices())
    )
    async with opened(answers_path) as (app, pilot):
        main = await open_at(app, pilot, before)
        choices = answer_input(main, ChoiceAnswer)
        choices.focus()
        await settle(pilot)
        labels = tuple((label,) for label in pack.items[following].choices())
        await until(
            pilot,
            lambda: any(key[0] == labels for key in choices._drawn),
            "the next item's choices drawn ahead",
        )
        ahead = next(drawn for key, drawn in choices._drawn.items() if key[0] == labels)
        await pilot.press("pagedown")
        await settle(pilot)
        assert main.current == following and answer_input(main, ChoiceAnswer) is choices
        region = choices.region.reset_offset
        shown = choices.render_lines(region)
        assert ahead in choices._drawn.values() and shown == ahead.strips
        assert [list(strip) for strip in shown] == [
            list(strip) for strip in Widget.render_lines(choices, region)
        ]
        assert all(label in screen_text(app) for (label,) in labels)


@pytest.mark.parametrize("standard", ["shipped", "more lines than rows"])
async def test_the_first_screen_is_laid_out_once_and_drawn_once(
    answers_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, standard: str
) -> None:
    """The app's screens were laid out thirteen times before the chair could read the
    first (the main screen pushed over Textual's empty one, each told the terminal's
    size three times, laid out again for the widgets filled before it was shown, for
    the tree's first size and its scrollbar, and for the footer's keys), and drawn five
    times: the main screen is laid out once now, and drawn once; also with a tree
    longer than the terminal is high (a standard of 1,000 items)."""
    criteria = None
    if standard != "shipped":
        from benchmarks.app_bench import generated_standard

        criteria = generated_standard(tmp_path, areas=3, indicators=6, items=6)
        pack = load_pack(criteria)  # 3 areas, the first's 6 indicators and 36 items
    write_profile(answers_path, pack)
    layouts: list[Screen[object]] = []
    frames: list[object] = []
    lay_out = Screen._refresh_layout

    def counted_layout(screen: Screen[object], *args: object, **kwargs: object) -> None:
        layouts.append(screen)
        lay_out(screen, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_refresh_layout", counted_layout)
    app = make_app(answers_path, criteria)
    display = app._display

    def counted_frame(screen: Screen[object], renderable: object) -> None:
        if renderable is not None:
            frames.append(renderable)
        display(screen, renderable)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "_display", counted_frame)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, ItemsScreen)
        tree = main.query_one(ItemTree)
        assert tree.has_focus  # no cursor of a field blinks
        assert tree.show_vertical_scrollbar == (standard != "shipped")
        assert layouts == [main]
        assert len(frames) == 1 and isinstance(frames[0], LayoutUpdate)


class Compact(Screen[None]):
    """An input made compact, and the footer, which makes its keys compact."""

    BINDINGS: ClassVar[list[BindingType]] = [("f2", "app.bell", "响铃"), ("f3", "app.bell", "再响")]

    def compose(self) -> ComposeResult:
        yield Input(compact=True, id="input")
        yield KeyFooter()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        event.refresh_styles = False  # styled as made, as the app's screens (KeptStyles)


class CompactApp(PlainApp):
    AUTO_FOCUS = None  # the input's styles for the focus: not counted here

    def get_default_screen(self) -> Screen[None]:
        return Compact()


async def test_a_widget_made_compact_is_styled_once_as_it_is_mounted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual styled an input made compact for its class as it was made, and again
    as it was mounted (the main screen made four such widgets), and each key of a
    compact footer again for its class once mounted."""
    styled: list[object] = []
    apply = Stylesheet.apply

    def counted(stylesheet: Stylesheet, node: object, **kwargs: Any) -> None:
        styled.append(node)
        apply(stylesheet, node, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "apply", counted)
    app = CompactApp()
    async with app.run_test(size=(40, 10)) as pilot:
        await settle(pilot)
        field = app.screen.query_one("#input", Input)
        assert field.has_class("-textual-compact")
        assert styled.count(field) == 1
        # The footer draws its keys itself, compact (no blank either side of a key).
        footer = app.screen.query_one(KeyFooter)
        assert footer.shown() == ["F2 响铃"]  # F3 has the same action: not shown again
        assert screen_text(app).splitlines()[-1].rstrip() == "F2 响铃"
        assert styled.count(footer) == 1
