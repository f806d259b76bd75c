"""pydantic without its search for plugins.

The first time pydantic (2.x) builds a validator, it looks for plugins of its own
(`pydantic.plugin._loader.get_plugins`): it imports importlib.metadata, and with it
email, zipfile and csv, and reads the entry points of every package installed beside
it. That was 12-20 ms of each start of the app (its answers file is validated at each
start), for nothing: the program uses no pydantic plugin. And a plugin installed in
the same environment for another program (an observability tool) would be handed
every value validated, a unit's names and telephone numbers among them.

So, unless PYDANTIC_DISABLE_PLUGINS names the plugins to leave out (then pydantic
reads it as ever), pydantic finds none, as with PYDANTIC_DISABLE_PLUGINS=__all__, and
does not search. Anything else asked of the loader loads pydantic's own.
"""

from __future__ import annotations

import importlib
import os
import sys
import types

_LOADER = "pydantic.plugin._loader"
_NONE = ("__all__", "1", "true")  # the values of the variable that disable them all


def search_off() -> None:
    """Have pydantic find no plugin, without searching for one (see above)."""
    if _LOADER in sys.modules or os.environ.get("PYDANTIC_DISABLE_PLUGINS", "__all__") not in _NONE:
        return
    loader = types.ModuleType(_LOADER, __doc__)
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    loader.__getattr__ = _from_pydantic  # type: ignore[method-assign]
    sys.modules[_LOADER] = loader


def _no_plugins() -> tuple[()]:
    return ()


def _from_pydantic(name: str) -> object:
    """What pydantic's own loader has under `name` (anything but get_plugins)."""
    if name.startswith("__"):  # what the import system looks for (__path__): not there
        raise AttributeError(name)
    sys.modules.pop(_LOADER, None)
    return getattr(importlib.import_module(_LOADER), name)
