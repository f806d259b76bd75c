"""pydantic finds no plugins in the program, without searching every installed
package for them (checklist/pydantic_plugins.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.builders import ROOT

# Validates a unit's answers (a validator built, as at each start of the app), then
# says whether pydantic searched the installed packages and what it found.
CODE = """
import sys
from checklist.answers import Answers
Answers.model_validate({"profile": {"unit": "某局机关工会"}})
searched = "importlib.metadata" in sys.modules
from pydantic.plugin._loader import get_plugins
print(searched, list(get_plugins()))
"""


def _run(**environment: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run(
        [sys.executable, "-c", CODE],
        cwd=ROOT,
        env=env | environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_pydantic_finds_no_plugins_without_searching_for_them() -> None:
    assert _run() == "False []"
    assert _run(PYDANTIC_DISABLE_PLUGINS="__all__") == "False []"


def test_plugins_named_to_leave_out_are_left_to_pydantic() -> None:
    # Then pydantic reads the variable and searches as ever.
    assert _run(PYDANTIC_DISABLE_PLUGINS="some-plugin") == "True []"
