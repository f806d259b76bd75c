"""Keyboard paths: quitting mid-typing, the command palette, help, next unanswered."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from rich.console import Console
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static

from checklist.answers import read_answers
from checklist.criteria.model import Pack
from checklist.scoring import Status
from checklist.tui.app import make_app
from checklist.tui.key_names import key_name
from checklist.tui.palette import THEMES
from checklist.tui.screens.help import HelpScreen
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.screens.profile import ProfileScreen
from tests.support.pilot import (
    answer_input,
    open_at,
    opened,
    screen_text,
    settle,
    type_into,
    until,
)
from tests.support.samples import first_of_kind, write_profile, write_sample


@asynccontextmanager
async def typing_a_number(
    answers_path: Path, pack: Pack
) -> AsyncIterator[tuple[App[None], Pilot[None], str]]:
    """The app on its first count item, the keyboard in its number input."""
    write_profile(answers_path, pack)
    item_id = first_of_kind(pack, "count")
    app = make_app(answers_path, None)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await open_at(app, pilot, item_id)
        answer_input(main, Input).focus()
        await settle(pilot)
        yield app, pilot, item_id


async def test_quitting_while_typing_a_number_keeps_it(answers_path: Path, pack: Pack) -> None:
    async with typing_a_number(answers_path, pack) as (_, pilot, item_id):
        await pilot.press("2", "ctrl+q")  # no Enter, no pause
    assert read_answers(answers_path).answers[item_id].value == 2


async def test_keys_that_reach_the_app_with_ctrl_q_are_kept(answers_path: Path, pack: Pack) -> None:
    """A paste or a fast typist: the keys and Ctrl+Q come in one read of the terminal,
    and Ctrl+Q, a priority key, is acted on before the input has seen the others."""
    async with typing_a_number(answers_path, pack) as (app, pilot, item_id):
        for key in ("1", "2", "3", "4"):
            app.post_message(events.Key(key, key))
        app.post_message(events.Key("ctrl+q", None))
        await pilot.pause()
    assert read_answers(answers_path).answers[item_id].value == 1234


async def test_profile_rejects_values_the_domain_rejects(answers_path: Path) -> None:
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        form = app.screen
        assert isinstance(form, ProfileScreen)
        await type_into(pilot, form.query_one("#term_years", Input), "12")
        await pilot.press("enter")
        await settle(pilot)
        message = str(form.query_one("#term_years-message", Static).render())
        # Named as the form names it: the file's key (term_years) means nothing here.
        assert message == "✗ 每届任期（年）不能大于 10（未保存）"
        # leaving without a unit name is refused with a message
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form
        assert "请填写单位名称" in str(form.query_one("#unit-message", Static).render())
    assert read_answers(answers_path).profile.term_years is None


async def test_profile_asks_to_check_figures_that_cannot_all_be_right(answers_path: Path) -> None:
    # 118 members of 100 staff gave 入会率：118.0% and no word.
    async with opened(answers_path, size=(100, 40)) as (app, pilot):
        form = app.screen
        assert isinstance(form, ProfileScreen)
        await type_into(pilot, form.query_one("#staff", Input), "100")
        await type_into(pilot, form.query_one("#members", Input), "118")
        await pilot.press("enter")
        await settle(pilot)
        derived = str(form.query_one("#derived", Static).render())
        assert "入会率：118.0%" in derived and "请核对：会员人数多于职工人数" in derived
    assert read_answers(answers_path).profile.members == 118  # allowed, only doubted


async def test_palette_jumps_to_an_item_by_its_text(answers_path: Path, pack: Pack) -> None:
    write_sample(answers_path, pack)
    target = next(i for i in pack.items.values() if i.when is None and i.id.startswith("whty"))
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await type_into(pilot, app.screen.query_one(Input), target.text[:12])
        number = f"第{pack.sheet_numbers[target.id]}项"
        await until(pilot, lambda: f"{number} {target.text[:8]}" in palette_text(app), "listed")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is main and main.current == target.id


async def test_palette_finds_items_by_their_number_as_the_sheet_numbers_them(
    answers_path: Path, pack: Pack
) -> None:
    """Typing 5 lists the items numbered 5 first, each as 第5项 and its text with its
    area below (the sheet numbers each area from 1); the standard's ids never show."""
    write_sample(answers_path, pack)
    fifth = [i for i in pack.items if pack.sheet_numbers[i] == 5]
    assert len(fifth) > 1  # one in several areas
    async with opened(answers_path, size=(120, 40)) as (app, pilot):
        main = app.screen
        await pilot.press("ctrl+p")
        await until(pilot, lambda: palette_text(app), "the palette opens")
        await pilot.press("5")
        first_text = pack.items[fifth[0]].text
        await until(pilot, lambda: f"第5项 {first_text[:8]}" in palette_text(app), "listed")
        shown = palette_text(app)
        hits = [row.strip() for row in shown.splitlines()[3:] if row.strip()]
        assert hits[0].startswith(f"第5项 {first_text[:8]}"), hits
        assert pack.area_of[fifth[0]].title in "".join(hits[1:3])  # its place, below it
        assert not [i for i in pack.items if i in shown]
        await pilot.press("enter")  # the first hit, highlighted
        await settle(pilot)
        assert isinstance(main, ItemsScreen) and app.screen is main and main.current == fifth[0]


async def test_help_lists_keys_and_next_unanswered_skips_answered(
    answers_path: Path, pack: Pack
) -> None:
    write_sample(answers_path, pack)  # djdgj-01 … djdgj-04 are answered
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        main = app.screen
        assert isinstance(main, ItemsScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        await main.go_to("djdgj-01")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert main.current == "djdgj-05"
        await pilot.press("pageup")
        await settle(pilot)
        assert main.current == "djdgj-04"
        # From an unanswered item, the next one after it, not the first of all.
        unanswered = [i for i in pack.items if main.score.items[i].status is Status.UNANSWERED]
        await main.go_to(unanswered[0])
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert main.current == unanswered[1]


async def test_help_lists_the_keys_of_every_screen(answers_path: Path, pack: Pack) -> None:
    write_sample(answers_path, pack)
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        await pilot.press("f1")
        await settle(pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        console = Console(width=76, record=True, file=io.StringIO())
        for static in help_screen.query(Static):
            console.print(static.content)
        shown = console.export_text()
    lines = [" ".join(line.split()) for line in shown.splitlines()]
    for row in (
        "a 新增",
        "e / 回车 编辑",
        "d / Delete 删除",
        "r 生成报告",
        "n 新增整改",
        "e 编辑整改",
        "d 删除整改",
        "Esc / F3 返回",
        "F8 清除本条回答（备注和佐证材料保留）",
        "Ctrl+Q / Ctrl+C 退出（回答已随时保存）",
        "Tab / Shift+Tab 在目录、回答、备注等之间切换",
    ):
        assert row in lines, row
    # Every binding of every screen is there, so the help cannot fall behind the keys.
    for _, bindings in app.help_sections():
        for binding in Binding.make_bindings(bindings):
            key = key_name(binding)
            assert any(
                key in line.split(" ")[0::2]
                and (binding.description in line or binding.tooltip in line)
                for line in lines
            ), key


def palette_text(app: App[None]) -> str:
    """What the command palette shows: its search field and its list, row by row."""
    palette = app.screen
    if not isinstance(palette, CommandPalette):
        return ""
    parts = [*palette.query(Input), *palette.query(CommandList)]
    if len(parts) < 2:
        return ""  # not composed yet
    strips = palette._compositor.render_strips()
    rows = []
    for widget in parts:
        region = widget.region
        rows += [s.crop(region.x, region.right).text for s in strips[region.y : region.bottom]]
    return "\n".join(rows)


async def test_palette_speaks_chinese(answers_path: Path, pack: Pack) -> None:
    write_sample(answers_path, pack)
    async with opened(answers_path, size=(80, 24)) as (app, pilot):
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"qqqqxz")
        # The palette waits a moment before saying nothing matched: wait for the words.
        await until(pilot, lambda: "没有找到" in screen_text(app), "nothing matched told")
        shown = screen_text(app)
        assert "没有找到匹配的条目或命令" in shown and "No matches" not in shown
        await pilot.press("escape")
        await settle(pilot)
        # Opened empty, it lists commands and unanswered items: no English word on it,
        # nor the standard's ids (pinyin initials): items are named as the sheet does.
        await pilot.press("ctrl+p")
        await until(pilot, lambda: "未答" in palette_text(app), "the palette lists items")
        words = set(re.findall(r"[A-Za-z]{2,}", palette_text(app)))
        assert not words, words
        listed = app.screen.query_one(CommandList)

        def prompts() -> list[str]:
            return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]

        await until(
            pilot,
            lambda: any(re.match(r"未答 第\d+项 \w", p) for p in prompts()),
            "unanswered items listed by their number",
        )
        assert not [i for i in pack.items if any(i in p for p in prompts())]
        await pilot.press(*"主题")
        await until(pilot, lambda: "切换主题" in palette_text(app), "the palette finds commands")
        words = set(re.findall(r"[A-Za-z]{2,}", palette_text(app)))
        assert not words, words
        await pilot.press("escape")
        await settle(pilot)
        # Themes: those we support, named in Chinese, the current one marked.
        app.action_change_theme()
        await until(pilot, lambda: "深色（当前）" in palette_text(app), "themes listed")
        assert isinstance(app.screen, CommandPalette)
        shown = palette_text(app)
        assert "查找界面主题" in shown
        for name, (chinese, _help) in THEMES.items():
            assert chinese in shown, chinese
            assert name not in shown
        assert not re.findall(r"[A-Za-z]{2,}", shown), shown
        await pilot.press(*"浅色")
        await until(pilot, lambda: "白色背景" in palette_text(app), "浅色 found")
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "textual-light"
