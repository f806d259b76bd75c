"""The JSON Schema staff's editors check criteria files with: current, described in
Chinese, and, through the real `taplo`, agreeing with the loader on shipped standards
and on broken copies."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from checklist.criteria import load_pack
from checklist.criteria.kinds import KINDS
from checklist.criteria.schema import criteria_schema, schema_text
from checklist.problems import ProblemsError
from tests.support.builders import DATA, ROOT

TAPLO = Path(sys.executable).parent / "taplo"
SHIPPED = sorted((ROOT / "criteria").glob("*.toml"))
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _taplo(path: Path, schema: Path) -> subprocess.CompletedProcess[str]:
    assert TAPLO.exists(), "taplo is a test dependency (pip install taplo)"
    return subprocess.run(
        [
            str(TAPLO),
            "check",
            "--no-auto-config",
            "--colors",
            "never",
            "--schema",
            schema.resolve().as_uri(),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "criteria.schema.json"
    path.write_text(schema_text(), encoding="utf-8")
    return path


def test_the_schema_in_the_repository_is_the_one_the_models_make() -> None:
    committed = (ROOT / "criteria" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: checklist schema -o criteria/schema.json"


def test_every_table_and_field_is_described_in_chinese() -> None:
    schema = criteria_schema()
    tables = {"(root)": schema, **schema["definitions"]}
    for name, table in tables.items():
        assert _CJK.search(table.get("description", "")), name
        for key, field in table.get("properties", {}).items():
            assert _CJK.search(field.get("description", "")), f"{name}.{key}"
            assert "title" not in field, f"{name}.{key} keeps pydantic's English title"


def test_kind_lists_every_kind_and_each_kind_its_fields() -> None:
    schema = criteria_schema()
    item = schema["definitions"]["Item"]
    assert item["properties"]["kind"]["enum"] == list(KINDS)
    for kind, label in KINDS.items():
        assert f"{kind}（{label}）" in item["properties"]["kind"]["description"]
    threshold = schema["definitions"]["ThresholdItem"]
    assert {"min", "max", "unit", "from_profile"} <= set(threshold["properties"])
    assert threshold["additionalProperties"] is False
    # Made by the program, never written in a file.
    assert "implicit" not in schema["definitions"]["Indicator"]["properties"]


def test_schema_command_writes_the_schema(tmp_path: Path) -> None:
    from checklist.cli import main

    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == criteria_schema()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_taplo_accepts_every_shipped_standard(path: Path, schema_file: Path) -> None:
    done = _taplo(path, schema_file)
    assert done.returncode == 0, done.stderr


def test_taplo_accepts_what_the_loader_accepts_in_other_forms(
    tmp_path: Path, schema_file: Path
) -> None:
    """Figures as tables, a two-level area, grades, a numeric part: forms the shipped
    standards may not all use."""
    text = """
[pack]
id = "forms"
title = "写法"
edition = "2027年版"
effective = 2027-01-01
issuer = "测试"
total = 10
grades = [{ name = "合格", at_least = 6 }]
fail = "不合格"
numbering = "continuous"

[[area]]
id = "a"
title = "甲"
points = 10

  [[area.item]]
  id = "a-01"
  text = "合理化建议落实率70%以上"
  points = 4
  kind = "all_of"
  figures = ["建议件数", { name = "落实率", type = "percent" }]
  parts = [
    { label = "一年两次以上" },
    { label = "落实率70%以上", figure = "落实率", at_least = 70 },
  ]

  [[area.item]]
  id = "a-02"
  text = "入会率"
  points = 6
  kind = "steps"
  target = 95
  step = 2
  deduct = 0.5
  partial_step = "ignored"
  unit = "%"
  when = { profile = "staff", at_least = 25 }
"""
    path = tmp_path / "forms.toml"
    path.write_text(text, encoding="utf-8")
    load_pack(path)  # the loader accepts it
    done = _taplo(path, schema_file)
    assert done.returncode == 0, done.stderr


# (what is changed in valid_small.toml, the field taplo must name)
BROKEN = [
    pytest.param(('kind = "yes_no"', 'kind = "yesno"'), "kind", id="kind"),
    pytest.param(('text = "条目一"', 'txet = "条目一"'), "txet", id="misspelt-field"),
    pytest.param(("points = 4", 'points = "四"'), "points", id="points-type"),
    pytest.param(
        ('{ label = "好", points = 6 }', '{ lable = "好", points = 6 }'), "lable", id="option"
    ),
    pytest.param(('id = "a-01"', 'id = "A 01"'), "id", id="id-pattern"),
    pytest.param(("min = 95", "mini = 95"), "mini", id="kind-field"),
    pytest.param(('edition = "测试版"', 'edition = "  "'), "edition", id="blank-text"),
    pytest.param(('title = "测试标准"', 'titel = "测试标准"'), "titel", id="pack-field"),
    pytest.param(
        ('unit = "%"', 'unit = "%"\nfigures = [{ name = "率", type = "percnt" }]'),
        "type",
        id="figure-table",
    ),
    # An area with both 二级指标 and items of its own.
    pytest.param(
        (
            '  [[area.indicator]]\n  id = "b-1"',
            '  [[area.item]]\n  id = "b-00"\n  text = "多余"\n  kind = "text"\n\n'
            '  [[area.indicator]]\n  id = "b-1"',
        ),
        "[[area]]",
        id="indicator-and-item",
    ),
]


@pytest.mark.parametrize(("change", "field"), BROKEN)
def test_taplo_refuses_a_broken_copy_naming_the_field(
    change: tuple[str, str], field: str, tmp_path: Path, schema_file: Path
) -> None:
    old, new = change
    text = (DATA / "valid_small.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ProblemsError):  # the loader refuses it too
        load_pack(path)
    done = _taplo(path, schema_file)
    assert done.returncode != 0
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert errors, done.stderr
    # The field is named in the message or in the line of the file taplo points at.
    pointed = re.findall(r"^\s*\d+ │ (.*)$", done.stderr, re.MULTILINE)
    assert any(field in line for line in errors + pointed), done.stderr
