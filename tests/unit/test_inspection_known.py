"""An inspection file is known by its content, never by its name, and every command
that takes one (inspect, report, summary, migrate) asks the same function."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import tomlkit

from checklist.answers import AnswersStore
from checklist.cli import main
from checklist.criteria.load import source_of
from checklist.criteria.model import Pack
from checklist.inspection import (
    InspectionStore,
    Reported,
    is_inspection,
    is_inspection_file,
)
from tests.support.builders import ASSESSED_ON, make_pack


@pytest.fixture
def pack() -> Pack:
    return make_pack(
        areas={
            "a": [
                {"id": "a-count", "kind": "count", "points": 4, "each": 1},
                {"id": "a-veto", "kind": "yes_no", "points": 2, "veto": True},
            ]
        }
    )


@pytest.fixture
def answers(tmp_path: Path, pack: Pack) -> Path:
    path = tmp_path / "某单位.验收.toml"  # named as an inspection is, yet answers
    with AnswersStore.open(path, pack) as store:
        store.set_profile(unit="××厅机关工会", staff=30, members=30, assessed_on=ASSESSED_ON)
        store.set_answer("a-count", value=3)
        store.set_answer("a-veto", value=True, note="会议记录")
    # A note written by hand in lines, some of which look like an inspection's headers.
    text = path.read_text("utf-8")
    assert 'note = "会议记录"' in text
    path.write_text(
        text.replace('note = "会议记录"', 'note = """\n会议记录\n[report]\n[record]\n见附件"""'),
        "utf-8",
    )
    return path


@pytest.fixture
def inspection(tmp_path: Path, answers: Path, pack: Pack) -> Path:
    reported = Reported.read(answers.read_bytes(), source_of(pack), answers.name, None)
    path = tmp_path / "答卷.toml"  # named as answers are, yet an inspection
    with InspectionStore.open(path, reported) as store:
        store.confirm("a-count")
    return path


def test_an_inspection_is_known_by_its_content_not_its_name(
    answers: Path, inspection: Path
) -> None:
    assert is_inspection_file(inspection)
    assert not is_inspection_file(answers)
    # The answers carry "[report]" and "[record]" lines, inside a string: not tables.
    assert "\n[report]\n" in tomllib.loads(answers.read_text("utf-8"))["answers"]["a-veto"]["note"]
    assert not is_inspection(answers.read_bytes())


def test_an_inspection_written_another_way_is_still_one(inspection: Path, tmp_path: Path) -> None:
    data = tomllib.loads(inspection.read_text("utf-8"))
    # [report] as an inline table, [record] as dotted keys: the same tables.
    report = tomlkit.inline_table()
    report.update(data.pop("report"))
    lines = [f"report = {report.as_string()}"]
    record = data.pop("record")
    lines += [f"record.{key} = {json.dumps(value)}" for key, value in record.items()]
    other = tmp_path / "另写.toml"
    other.write_text("\n".join(lines) + "\n" + tomlkit.dumps(data), "utf-8")
    assert tomllib.loads(other.read_text("utf-8"))["record"] == record
    assert is_inspection_file(other)
    # … and it opens as the inspection it is.
    with InspectionStore.open(other) as store:
        assert store.inspection.item("a-count").confirmed


def test_a_broken_inspection_is_told_as_an_inspection(
    inspection: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = inspection.read_text("utf-8")
    inspection.write_text(text.replace("[team]", "[team", 1), "utf-8")
    before = inspection.read_bytes()
    assert is_inspection_file(inspection)
    assert main(["inspect", str(inspection)]) == 1
    err = capsys.readouterr().err
    # The inspection's own reader says where it is broken (not an answers file's).
    assert "验收文件无法解析" in err and "答卷文件" not in err
    assert f"{inspection.name}:" in err and "Traceback" not in err
    assert inspection.read_bytes() == before


def test_summary_and_migrate_know_an_inspection_by_its_content(
    inspection: Path, pack: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summary", "--json", "--no-verify", str(inspection)]) in (0, 1)
    rows = json.loads(capsys.readouterr().out)
    text = json.dumps(rows, ensure_ascii=False)
    assert "验收" in text and "答卷无法读取" not in text
    before = inspection.read_bytes()
    standard = tmp_path / "标准.toml"
    standard.write_bytes(source_of(pack))
    assert main(["migrate", str(inspection), "--to", str(standard)]) == 1
    err = capsys.readouterr().err
    assert "验收文件" in err and "不能迁移" in err
    assert inspection.read_bytes() == before


def test_an_inspection_given_as_answers_is_named_for_what_it_is(
    inspection: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = inspection.read_bytes()
    for command in ("score", "run"):
        assert main([command, str(inspection)]) == 1
        err = capsys.readouterr().err
        assert "是验收文件" in err and "不是答卷" in err and "checklist inspect" in err
        assert "不认识的字段" not in err
    assert inspection.read_bytes() == before


def test_inspect_knows_an_inspection_by_its_content_whatever_its_suffix(
    inspection: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    renamed = inspection.with_name("验收记录.txt")
    inspection.rename(renamed)
    before = renamed.read_bytes()
    # Given with -o, it is not read as a unit's answers: the message says what it is.
    assert main(["inspect", str(renamed), "-o", str(renamed.with_name("新.toml"))]) == 1
    err = capsys.readouterr().err
    assert "这是验收文件" in err and "不认识的字段" not in err
    assert renamed.read_bytes() == before and not renamed.with_name("新.toml").exists()
