"""The cache of validated files: the same bytes read back as validated before; a
changed file, a changed program or an entry that is damaged or not what it should be
is validated in full, and a file with errors is reported as ever."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import checklist.criteria.load as load
from checklist import validated_cache
from checklist.answers import AnswersStore, reading
from checklist.answers.edition import standard_for
from checklist.answers.model import Answers
from checklist.criteria import Pack, load_pack, load_standard
from checklist.criteria.kinds import DEFAULT_LEVELS, Level
from checklist.problems import ProblemsError
from tests.support.builders import DATA, SHIPPED, sample_copy


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "checklist" / "validated"


@pytest.fixture(autouse=True)
def as_the_app_reads() -> Iterator[None]:
    """Files read as the app reads them (validated_cache.used)."""
    with validated_cache.used():
        yield


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of each file validated in full (a standard or an answers file)."""
    made: list[str] = []
    pack, answers = load._pack, reading._validate

    def counted_pack(source: load.TomlSource) -> Pack:
        made.append(source.name)
        return pack(source)

    def counted_answers(data: dict[str, object], source: reading.TomlSource) -> Answers:
        made.append(source.name)
        return answers(data, source)

    monkeypatch.setattr(load, "_pack", counted_pack)
    monkeypatch.setattr(reading, "_validate", counted_answers)
    return made


def entries(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.glob(f"{kind}-*.pickle"))


def copy_of(source: Path, folder: Path) -> Path:
    path = folder / source.name
    path.write_bytes(source.read_bytes())
    return path


# -- standards ------------------------------------------------------------------


def test_a_standard_opened_again_is_read_back_as_validated(
    tmp_path: Path, own_cache: Path, validations: list[str]
) -> None:
    path = copy_of(SHIPPED, tmp_path)
    first = load_standard(path)
    again = load_standard(path)
    assert len(validations) == 1
    assert len(entries(own_cache, "standard")) == 1
    assert again == first == load_pack(path)
    assert again.fingerprint == first.fingerprint
    assert again.items.keys() == first.items.keys()
    assert again.info.grades == first.info.grades
    assert load.source_of(again) == path.read_bytes()  # a report can still embed it


def test_a_changed_standard_is_validated_again(
    tmp_path: Path, own_cache: Path, validations: list[str]
) -> None:
    path = copy_of(SHIPPED, tmp_path)
    before = load_standard(path)
    text = path.read_text("utf-8")
    title = f'title = "{before.info.title}"'
    assert title in text
    path.write_text(text.replace(title, 'title = "改过的标题"', 1), "utf-8")
    after = load_standard(path)
    assert after.info.title == "改过的标题"
    assert after.fingerprint != before.fingerprint
    assert len(validations) == 2


def test_a_standard_with_errors_is_reported_as_ever_and_not_kept(
    tmp_path: Path, own_cache: Path
) -> None:
    path = copy_of(DATA / "valid_small.toml", tmp_path)
    load_standard(path)
    path.write_text(path.read_text("utf-8").replace('id = "a-01"', 'id = "A 01"', 1), "utf-8")
    with pytest.raises(ProblemsError) as cached:
        load_standard(path)
    with pytest.raises(ProblemsError) as direct:
        load_pack(path)
    assert str(cached.value) == str(direct.value)
    assert "a-01" not in str(cached.value) and "A 01" in str(cached.value)
    assert len(entries(own_cache, "standard")) == 1  # the valid version's alone


def test_a_standard_read_again_by_the_same_process_is_the_one_read_before(
    tmp_path: Path, own_cache: Path, validations: list[str]
) -> None:
    """`checklist run` reads the standard to find the one the answers were made
    against, then the app reads it again: the entry, unchanged, is not unpickled
    twice (a changed or damaged one is read as ever: the test below)."""
    path = copy_of(SHIPPED, tmp_path)
    load_standard(path)  # validated, and kept in the cache folder
    first = load_standard(path)  # read back from there
    assert load_standard(path) is first
    assert len(validations) == 1


def test_a_damaged_entry_is_ignored_and_replaced(
    tmp_path: Path, own_cache: Path, validations: list[str]
) -> None:
    path = copy_of(DATA / "valid_small.toml", tmp_path)
    first = load_standard(path)
    (entry,) = entries(own_cache, "standard")
    data = bytearray(entry.read_bytes())
    data[-10] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert load_standard(path) == first
    assert len(validations) == 2
    entry.write_bytes(entry.read_bytes()[:100])  # cut short
    assert load_standard(path) == first
    entry.write_bytes(b"")
    assert load_standard(path) == first
    assert len(validations) == 4
    assert load_standard(path) == first  # the last one made the entry whole again
    assert len(validations) == 4


def test_an_entry_of_something_else_is_ignored(
    tmp_path: Path, own_cache: Path, validations: list[str]
) -> None:
    path = copy_of(DATA / "valid_small.toml", tmp_path)
    first = load_standard(path)
    (entry,) = entries(own_cache, "standard")
    # Whole, with a right digest, but not a standard.
    validated_cache.write_entry(entry, {"pack": "not a Pack"})
    assert load_standard(path) == first
    assert len(validations) == 2


def test_an_entry_the_program_cannot_unpickle_is_ignored(
    tmp_path: Path, own_cache: Path, validations: list[str]
) -> None:
    path = copy_of(DATA / "valid_small.toml", tmp_path)
    first = load_standard(path)
    (entry,) = entries(own_cache, "standard")
    body = b"\x80\x05c" + b"checklist.nowhere\nNothing\n."  # a class that is not there
    entry.write_bytes(validated_cache._MAGIC + hashlib.sha256(body).digest() + body)
    assert load_standard(path) == first
    assert len(validations) == 2


def test_another_program_does_not_read_the_entries_of_this_one(
    tmp_path: Path, own_cache: Path, validations: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of(DATA / "valid_small.toml", tmp_path)
    load_standard(path)
    # Another version, or models changed in the source: another key.
    monkeypatch.setattr(validated_cache, "_program", lambda: b"another program")
    load_standard(path)
    assert len(validations) == 2
    assert len(entries(own_cache, "standard")) == 2


def test_the_program_key_follows_the_source_of_the_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "checklist"
    for folder in validated_cache._MODEL_SOURCES:
        (package / folder).mkdir(parents=True, exist_ok=True)
        (package / folder / "m.py").write_text("x = 1\n", "utf-8")
    monkeypatch.setattr(validated_cache, "_PACKAGE", package)
    validated_cache._program.cache_clear()
    try:
        before = validated_cache._program()
        (package / "criteria" / "kinds" / "m.py").write_text("x = 2\n", "utf-8")
        validated_cache._program.cache_clear()
        assert validated_cache._program() != before
        (package / "criteria" / "m.py").unlink()  # unreadable: nothing is cached
        (package / "criteria" / "m.py").mkdir()
        validated_cache._program.cache_clear()
        assert validated_cache._program() is None
    finally:
        validated_cache._program.cache_clear()


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    tmp_path: Path, own_cache: Path, validations: list[str]
) -> None:
    own_cache.parent.mkdir(parents=True)
    own_cache.write_text("a file where the folder would be", "utf-8")
    path = copy_of(DATA / "valid_small.toml", tmp_path)
    assert load_standard(path) == load_standard(path) == load_pack(path)
    assert len(validations) == 3  # each load_standard, and load_pack


def test_the_folder_keeps_the_newest_entries(
    tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validated_cache, "_KEPT", 3)
    path = copy_of(DATA / "valid_small.toml", tmp_path)
    text = path.read_text("utf-8")
    for n in range(5):
        path.write_text(text.replace("测试标准", f"测试标准{n}", 1), "utf-8")
        validated_cache._pruned.clear()  # a start of its own: the folder pruned once
        load_standard(path)
    assert len(entries(own_cache, "standard")) == 3
    assert load_standard(path).info.title == "测试标准4"


def test_a_process_prunes_the_folder_once(
    tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A start writes a few dozen entries (validated files, style sheets): the folder
    is looked through once, not at each."""
    monkeypatch.setattr(validated_cache, "_KEPT", 3)
    pruned: list[Path] = []
    prune = validated_cache._prune
    monkeypatch.setattr(
        validated_cache, "_prune", lambda folder, kept: pruned.append(folder) or prune(folder, kept)
    )
    validated_cache._pruned.clear()
    path = copy_of(DATA / "valid_small.toml", tmp_path)
    text = path.read_text("utf-8")
    for n in range(5):
        path.write_text(text.replace("测试标准", f"测试标准{n}", 1), "utf-8")
        load_standard(path)
    assert pruned == [own_cache]
    assert len(entries(own_cache, "standard")) == 5  # until the next start


# -- answers files ----------------------------------------------------------------


def test_a_units_answers_are_never_kept_in_the_cache(
    tmp_path: Path, own_cache: Path, pack: Pack, validations: list[str]
) -> None:
    """Answers hold names and telephone numbers: each opening validates the file
    itself, and nothing of it is written to the cache folder."""
    path = sample_copy(tmp_path)
    unit = reading.read_answers(path).profile.unit
    assert unit
    for _ in range(2):
        with AnswersStore.open(path, pack) as store:
            assert store.answers.profile.unit == unit
        assert reading.read_answers(path).profile.unit == unit
    assert validations.count(str(path)) == 5  # each reading, the first one too
    kept = [entry.read_bytes() for entry in own_cache.rglob("*") if entry.is_file()]
    assert not any(unit.encode() in body for body in kept)
    assert not entries(own_cache, "answers")


def test_answers_read_to_find_their_standard_are_validated_once(
    tmp_path: Path, own_cache: Path, pack: Pack, validations: list[str]
) -> None:
    """`checklist run` reads the answers to find the standard they were made against,
    then opens them: the same bytes are validated once, and changed in between they
    are read anew. What is handed over stays in memory (the test above)."""
    path = sample_copy(tmp_path)
    standard = standard_for(path)
    with AnswersStore.open(path, standard.pack) as store:
        unit = store.answers.profile.unit
    assert unit
    assert validations.count(str(path)) == 1
    standard_for(path)
    text = path.read_text("utf-8").replace(f'unit = "{unit}"', 'unit = "改过名称的单位"', 1)
    path.write_text(text, "utf-8")
    with AnswersStore.open(path, pack) as store:
        assert store.answers.profile.unit == "改过名称的单位"
    assert validations.count(str(path)) == 3
    assert reading.read_answers(path).profile.unit == "改过名称的单位"
    assert validations.count(str(path)) == 4  # nothing kept for a reading not asked to


# -- what the models hold without validation ------------------------------------


def test_the_defaults_made_without_validation_are_valid() -> None:
    for level in DEFAULT_LEVELS:
        assert Level.model_validate(level.model_dump()) == level


def test_outside_the_app_every_file_is_validated(
    tmp_path: Path,
    own_cache: Path,
    pack: Pack,
    validations: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    standard = copy_of(DATA / "valid_small.toml", tmp_path)
    answers = sample_copy(tmp_path)
    with validated_cache.used():
        load_pack(standard)
        reading.read_answers(answers)
    assert len(validations) == 2
    # As `checklist score`, `validate`, `report` … read them: validated each time.
    with monkeypatch.context() as outside:
        outside.setattr(validated_cache, "_used", 0)  # out of this file's used() block
        assert not validated_cache.in_use()
        load_pack(standard)
        reading.read_answers(answers)
        with AnswersStore.open(answers, pack):
            pass
    assert len(validations) == 5
    with validated_cache.used():  # and the app reads back the standard it read before
        load_pack(standard)
        reading.read_answers(answers)
        with AnswersStore.open(answers, pack):
            pass
    assert validations.count(str(standard)) == 2  # once in the app, once outside
    assert validations.count(str(answers)) == 5  # each time
