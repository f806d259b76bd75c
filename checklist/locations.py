"""Every filesystem location the program uses, in one place."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "checklist"
_PACKAGE = Path(__file__).resolve().parent


def shipped_standard() -> Path:
    """The standard shipped with the program.

    In a wheel it is package data (`checklist/_standard/`); in a checkout it is the
    repository's `criteria/` folder.
    """
    for folder in (_PACKAGE / "_standard", _PACKAGE.parent / "criteria"):
        candidate = folder / "tiaoli.toml"
        if candidate.is_file():
            return candidate
    return _PACKAGE.parent / "criteria" / "tiaoli.toml"


def data_dir() -> Path:
    """Where a user's answers live unless they name a file (e.g. ~/.local/share/checklist)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def state_dir() -> Path:
    """Where the app remembers small things, such as the item a user stopped at."""
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Where the app keeps what it can make again (e.g. ~/.cache/checklist): files it
    has validated (validated_cache.py)."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def default_answers(pack_id: str) -> Path:
    return data_dir() / f"{pack_id}.answers.toml"


def default_report(answers: Path) -> Path:
    """The report's file when none is named: beside the answers, with .pdf."""
    return answers.with_suffix(".pdf")
