"""How keys are written on screen: Ctrl+Q, F2, Esc, PgDn, as Chinese software writes
them (Textual's own footer writes ^q and f2)."""

from __future__ import annotations

from textual.binding import Binding

_KEY_NAMES = {
    "escape": "Esc",
    "enter": "回车",
    "delete": "Delete",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "tab": "Tab",
    "space": "空格",
}


def key_name(binding: Binding) -> str:
    """How a key is written in the footer and the help: Ctrl+N, F2, Esc, a."""
    if binding.key_display:
        return binding.key_display
    *modifiers, key = binding.key.split("+")
    # A letter alone is typed as shown (a); with Ctrl, or a named key, capitalised.
    name = _KEY_NAMES.get(key, key.upper() if modifiers or len(key) > 1 else key)
    return "+".join([*(m.capitalize() for m in modifiers), name])
