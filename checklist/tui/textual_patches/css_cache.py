"""Textual's style sheets parsed at one start and read back at the next.

Textual (8.2.8, pinned) parses the CSS of the app and of each kind of widget it shows
anew in each process: some 30-40 ms of processor time before the main screen is up
(a bare Textual app's few widgets, some 9 ms). What a piece of CSS parses to depends
only on its text, where it comes from and the theme's variables; the rule sets it
gave are kept in the user's cache folder when the app ends, one entry for each piece
(validated_cache: an entry is used only whole, and found by a hash of all of that
and of Textual's CSS modules), and read back the next time the same piece is parsed
with the same variables. A changed text, another theme or another Textual parses anew; CSS with
errors is never kept, so its errors are reported as ever.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache
from pathlib import Path
from weakref import WeakKeyDictionary

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

from checklist.locations import cache_dir
from checklist.validated_cache import read_entry, write_entry

_textual_parse_rules = Stylesheet._parse_rules
_KEPT = 400  # entries: some 40 pieces of CSS a theme, for all the app's screens
_VERSION = b"1"  # of this module's entries

# Each stylesheet's variables, as last hashed: (the dict, its digest).
_variables: WeakKeyDictionary[Stylesheet, tuple[dict[str, str], bytes]] = WeakKeyDictionary()


def _parse_rules(
    self: Stylesheet,
    css: str,
    read_from: CSSLocation,
    is_default_rules: bool = False,
    tie_breaker: int = 0,
    scope: str = "",
) -> list[RuleSet]:
    key = (css, read_from, is_default_rules, tie_breaker, scope)
    rules = self._parse_cache.get(key)
    if rules is not None:
        return rules
    entry = _entry(self, key)
    if entry is not None:
        kept = read_entry(entry, list)
        if kept is not None and all(isinstance(rule, RuleSet) for rule in kept):
            self._parse_cache[key] = kept
            return kept
    rules = _textual_parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
    if entry is not None and not any(rule.errors for rule in rules):
        _unsaved[entry] = rules
    return rules


# Rule sets parsed in this process, kept when the app ends (`save`): written at once,
# the few dozen files of a first start took 15-30 ms of it.
_unsaved: dict[Path, list[RuleSet]] = {}


def save() -> None:
    """Keep the rule sets parsed since the last time (when an app ends)."""
    while _unsaved:
        entry, rules = _unsaved.popitem()
        write_entry(entry, rules, _KEPT)


def _entry(self: Stylesheet, key: tuple[object, ...]) -> Path | None:
    textual = _textual()
    if textual is None:
        return None
    variables = self._variables
    hashed = _variables.get(self)
    if hashed is None or hashed[0] is not variables:
        digest = hashlib.sha256(repr(sorted(variables.items())).encode()).digest()
        hashed = (variables, digest)
        _variables[self] = hashed
    name = hashlib.sha256(textual + hashed[1] + repr(key).encode()).hexdigest()
    return cache_dir() / "css" / f"{name}.pickle"


@cache
def _textual() -> bytes | None:
    """What the parsed rules depend on besides the CSS and the variables: Python,
    Textual's CSS modules (their sizes and times) and this module's entries; None
    when Textual's files cannot be looked at (then nothing is kept)."""
    digest = hashlib.sha256(_VERSION + sys.version.encode())
    try:
        folder = Path(sys.modules[Stylesheet.__module__].__file__ or "").parent
        for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
            if entry.name.endswith(".py"):
                stat = entry.stat()
                digest.update(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    except OSError:
        return None
    return digest.digest()


def install() -> None:
    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
