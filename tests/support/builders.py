"""Builders for tests: small packs through the real loader, answers, repository paths."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import tomlkit

from checklist.answers.model import Answers, ItemAnswer, Profile
from checklist.criteria import Pack, parse_pack

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SHIPPED = ROOT / "criteria" / "tiaoli.toml"
ASSESSED_ON = dt.date(2026, 11, 24)


def item_points(item: dict[str, Any]) -> float:
    return float(item.get("points", 0))


def make_pack(
    *items: dict[str, Any],
    areas: dict[str, list[dict[str, Any]]] | None = None,
    not_applicable: str = "renormalize",
    total: float | None = None,
    pass_: float | None = None,
    demonstration: float | None = None,
) -> Pack:
    """A valid pack through the real loader: each area gets one indicator, totals add up.

    Items are dicts of TOML keys; `text` defaults to the id. Unless given, the pack
    total is the sum of the points, 达标 at 80 % of it and 示范 at 90 %.
    """
    groups = areas if areas is not None else {"a": list(items)}
    area_tables = []
    for area_id, group in groups.items():
        points = sum(item_points(i) for i in group)
        area_tables.append(
            {
                "id": area_id,
                "title": f"一级指标 {area_id}",
                "points": points,
                "indicator": [
                    {
                        "id": f"{area_id}-1",
                        "title": f"二级指标 {area_id}-1",
                        "points": points,
                        "item": [{"text": f"考核内容 {i['id']}", **i} for i in group],
                    }
                ],
            }
        )
    grand = sum(a["points"] for a in area_tables)
    top = total if total is not None else grand
    doc = {
        "pack": {
            "id": "test-pack",
            "title": "测试标准",
            "edition": "测试版",
            "effective": dt.date(2026, 1, 1),
            "issuer": "测试单位",
            "total": top,
            "pass": pass_ if pass_ is not None else round(top * 0.8, 2),
            "demonstration": demonstration if demonstration is not None else round(top * 0.9, 2),
            "not_applicable": not_applicable,
        },
        "area": area_tables,
    }
    return parse_pack(tomlkit.dumps(doc), "test.toml")


def make_answers(
    values: dict[str, Any] | None = None,
    *,
    profile: dict[str, Any] | None = None,
    na: dict[str, str] | None = None,
) -> Answers:
    """Answers with `values` by item id, and 不适用 (id → reason, "" for none)."""
    answers = {id_: ItemAnswer(value=v) for id_, v in (values or {}).items()}
    for id_, reason in (na or {}).items():
        answers[id_] = ItemAnswer(na=True, na_reason=reason)
    return Answers(
        profile=Profile(**{"assessed_on": ASSESSED_ON, **(profile or {})}),
        answers=answers,
    )


def sample_copy(folder: Path, *changes: tuple[str, str]) -> Path:
    """A copy of the shipped complete sample in `folder`, each (old, new) replaced once."""
    text = (ROOT / "examples" / "sample-complete.answers.toml").read_text("utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / "unit.toml"
    path.write_text(text, "utf-8")
    return path
