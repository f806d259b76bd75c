"""Style sheets parsed once and read back (css_cache.py): the same rules as parsing
gives, a changed text or theme parsed anew, damaged entries and CSS with errors never
used."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet, StylesheetParseError

from checklist.tui.plain_app import PlainApp
from checklist.tui.textual_patches import css_cache

CSS = """
#detail { width: 1fr; background: $panel; }
.section { color: $text-muted; text-style: bold; margin: 1 0 0 0; }
Button.-compact:focus { background: $accent 30%; }
"""
VARIABLES = {"panel": "#202020", "text-muted": "#909090", "accent": "#ffa62b"}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    css_cache.install()  # as the app's module does
    return tmp_path / "cache" / "checklist" / "css"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The CSS parsed by Textual itself (not read back)."""
    texts: list[str] = []
    textual = css_cache._textual_parse_rules

    def counted(self: Stylesheet, css: str, *args: object) -> object:
        texts.append(css)
        return textual(self, css, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(css_cache, "_textual_parse_rules", counted)
    return texts


def rules_of(css: str, variables: dict[str, str] = VARIABLES) -> str:
    """The rules a new stylesheet of `css` holds, as CSS text."""
    sheet = Stylesheet(variables=dict(variables))
    sheet.add_source(css, read_from=("test.tcss", ""))
    sheet.parse()
    css_cache.save()  # as the app does when it ends
    return sheet.css


def test_rules_read_back_are_the_rules_parsed(folder: Path, parsed: list[str]) -> None:
    first = rules_of(CSS)
    assert len(parsed) == 1
    assert len(list(folder.glob("*.pickle"))) == 1
    again = rules_of(CSS)
    assert len(parsed) == 1  # read back
    assert again == first
    assert "#ffa62b" in first.lower() or "255, 166, 43" in first  # the variable applied


def test_changed_css_or_theme_is_parsed_anew(folder: Path, parsed: list[str]) -> None:
    before = rules_of(CSS)
    changed = rules_of(CSS.replace("1fr", "2fr"))
    assert changed != before and len(parsed) == 2
    other_theme = rules_of(CSS, VARIABLES | {"accent": "#00ff00"})
    assert other_theme != before and len(parsed) == 3
    assert rules_of(CSS) == before and len(parsed) == 3


def test_a_damaged_entry_is_parsed_anew(folder: Path, parsed: list[str]) -> None:
    first = rules_of(CSS)
    (entry,) = folder.glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:-3])
    assert rules_of(CSS) == first
    assert len(parsed) == 2
    assert rules_of(CSS) == first  # whole again
    assert len(parsed) == 2


def test_css_with_errors_is_reported_and_never_kept(folder: Path, parsed: list[str]) -> None:
    bad = "#detail { width: lots; }"
    for _ in range(2):
        with pytest.raises(StylesheetParseError):
            rules_of(bad)
    assert len(parsed) == 2
    assert not list(folder.glob("*.pickle"))


async def test_the_rules_parsed_are_kept_when_the_app_ends(folder: Path) -> None:
    class Plain(PlainApp):
        CSS = "#only-here { height: 3; }"

    async with Plain().run_test() as pilot:
        await pilot.pause()
        assert css_cache._unsaved  # parsed, not yet written
        assert not folder.exists() or not list(folder.glob("*.pickle"))
    assert not css_cache._unsaved
    assert list(folder.glob("*.pickle"))


def test_an_unwritable_cache_only_costs_time(folder: Path, parsed: list[str]) -> None:
    folder.parent.mkdir(parents=True)
    folder.write_text("a file where the folder would be", "utf-8")
    assert rules_of(CSS) == rules_of(CSS)
    assert len(parsed) == 2
