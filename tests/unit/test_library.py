"""The standards a machine knows, and the standard an answers file is opened with."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.answers import AnswersStore
from checklist.answers.edition import standard_for
from checklist.criteria import library as library_module
from checklist.criteria import load_pack
from checklist.criteria.library import (
    find_standard,
    installed_folder,
    read_library,
    standard_named,
)
from checklist.criteria.load import source_of
from checklist.locations import shipped_standard
from checklist.problems import ProblemsError
from tests.support.builders import DATA, SHIPPED

# The shipped standards as the library lists them: the 《条例》 standard, then the others
# beside it by file name.
SHIPPED_IDS = ["tiaoli-demo"] + [
    load_pack(path).info.id
    for path in sorted(shipped_standard().parent.glob("*.toml"))
    if path != shipped_standard()
]

SMALL = (DATA / "valid_small.toml").read_text("utf-8")


def install(folder: Path, name: str, *changes: tuple[str, str]) -> Path:
    """tests/data/valid_small.toml with each (old, new) replaced, saved in `folder`."""
    text = SMALL
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / name
    path.write_text(text, "utf-8")
    return path


SECOND = ('id = "test-pack"', 'id = "second-pack"')


def test_the_library_lists_the_shipped_standard_first_then_the_installed(
    no_installed_standards: Path,
) -> None:
    install(no_installed_standards, "second.toml", SECOND)
    library = read_library()
    shipped, *others, installed = library.standards
    assert (shipped.path, shipped.shipped) == (shipped_standard(), True)
    assert [s.pack.info.id for s in others] == SHIPPED_IDS[1:]
    assert all(s.shipped for s in others)
    assert library.default is shipped
    assert shipped.pack.fingerprint == load_pack(SHIPPED).fingerprint
    assert (installed.pack.info.id, installed.shipped, len(installed.pack.items)) == (
        "second-pack",
        False,
        4,
    )
    assert installed.where == f"已安装：{installed.path}"


def test_a_standard_that_does_not_read_is_set_aside_and_named(
    no_installed_standards: Path,
) -> None:
    broken = install(no_installed_standards, "broken.toml", ("points = 4", "points = -4"))
    library = read_library()
    assert [s.pack.info.id for s in library] == SHIPPED_IDS
    assert [path for path, _ in library.unreadable] == [broken]


def test_standards_are_installed_under_the_user_data_folder_unless_a_folder_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CHECKLIST_CRITERIA")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    folder = tmp_path / "checklist" / "criteria"
    assert installed_folder() == folder
    folder.mkdir(parents=True)
    install(folder, "x.toml", SECOND)
    assert [s.pack.info.id for s in read_library()] == [*SHIPPED_IDS, "second-pack"]


def test_find_prefers_the_same_content_then_the_same_edition_then_the_newest(
    no_installed_standards: Path,
) -> None:
    old = install(
        no_installed_standards,
        "a-old.toml",
        SECOND,
        ('edition = "测试版"', 'edition = "第一版"'),
        ("effective = 2026-01-01", "effective = 2025-01-01"),
    )
    new = install(
        no_installed_standards,
        "b-new.toml",
        SECOND,
        ('edition = "测试版"', 'edition = "第二版"'),
        ("effective = 2026-01-01", "effective = 2027-01-01"),
    )
    library = read_library()
    old_pack = load_pack(old)
    found = library.find("second-pack", "第二版", old_pack.fingerprint)
    assert found is not None and found.path == old  # the very content wins
    found = library.find("second-pack", "第一版")
    assert found is not None and found.path == old
    found = library.find("second-pack", "第三版")
    assert found is not None and found.path == new  # an edition not here: the newest
    assert library.find("no-such-pack") is None
    # Found without reading the whole library, the same.
    for asked in [("second-pack", "第二版", old_pack.fingerprint), ("second-pack", "第一版")]:
        assert find_standard(*asked) == library.find(*asked)
    assert find_standard("second-pack", "第三版") == library.find("second-pack", "第三版")
    assert find_standard("no-such-pack") is None


def test_only_the_files_that_declare_the_id_are_loaded_to_find_a_standard(
    no_installed_standards: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`run`, `score` and `report` start without validating every standard here: the
    [pack] table of each file is read alone, and only those of the id are loaded."""
    second = install(no_installed_standards, "second.toml", SECOND)
    install(no_installed_standards, "broken.toml", ("points = 4", "points = -4"))
    loaded: list[Path] = []
    load = library_module.load_pack
    monkeypatch.setattr(library_module, "load_pack", lambda path: loaded.append(path) or load(path))
    found = find_standard("second-pack")
    assert found is not None and (found.path, found.shipped) == (second, False)
    assert loaded == [second]


@pytest.mark.parametrize(
    "written",
    [
        ("[pack]", '["pack"]'),  # a header the quick reading does not follow
        ('[pack]\nid = "second-pack"', '[pack]\n"id" = "second-pack"'),
        ('id = "second-pack"', 'id = """second-pack"""'),
    ],
)
def test_a_standard_whose_pack_table_is_written_otherwise_is_still_found(
    no_installed_standards: Path, written: tuple[str, str]
) -> None:
    second = install(no_installed_standards, "second.toml", SECOND, written)
    assert load_pack(second).info.id == "second-pack"
    found = find_standard("second-pack")
    assert found is not None and found.path == second


def test_answers_made_against_a_second_standard_are_opened_with_it(
    no_installed_standards: Path, tmp_path: Path
) -> None:
    second = install(no_installed_standards, "second.toml", SECOND)
    answers = tmp_path / "unit.toml"
    with AnswersStore.open(answers, load_pack(second)) as store:
        store.set_answer("a-01", value=True)
    found = standard_for(answers)
    assert (found.path, found.pack.info.id) == (second, "second-pack")


def test_a_new_answers_file_starts_on_the_default_standard_unless_another_is_named(
    no_installed_standards: Path, tmp_path: Path
) -> None:
    second = install(no_installed_standards, "second.toml", SECOND)
    assert standard_for(tmp_path / "new.toml").path == shipped_standard()
    assert standard_for(None).path == shipped_standard()
    assert standard_for(tmp_path / "new.toml", standard="second-pack").path == second
    assert standard_for(tmp_path / "new.toml", criteria=DATA / "valid_small.toml").pack.info.id == (
        "test-pack"
    )


def test_a_standard_not_installed_is_named_with_how_to_install_it(
    no_installed_standards: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "unit.toml"
    with AnswersStore.open(answers, load_pack(DATA / "valid_small.toml")):
        pass
    with pytest.raises(ProblemsError) as caught:
        standard_for(answers)
    message = str(caught.value)
    assert message.startswith(
        f"{answers}：答卷是按标准 test-pack（测试版）填写的，本机没有安装这份标准。"
        "本机已有的标准：tiaoli-demo（2026年版）、"
    )
    assert f"放入文件夹 {no_installed_standards}" in message
    assert "或用 --criteria 指定标准文件" in message

    with pytest.raises(ProblemsError) as caught:
        standard_named("test-pack")
    assert str(caught.value).startswith("--standard：本机没有编号为 test-pack 的标准。")


def test_a_loaded_standard_keeps_the_exact_bytes_of_its_file(tmp_path: Path) -> None:
    path = tmp_path / "with-bom.toml"
    raw = b"\xef\xbb\xbf# \xe6\xb3\xa8\xe9\x87\x8a\r\n" + SMALL.replace("\n", "\r\n").encode()
    path.write_bytes(raw)
    assert source_of(load_pack(path)) == raw
