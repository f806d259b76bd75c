"""What the store refuses to do: overwrite edits made elsewhere, trust odd numbers,
leave a file without a stamp, or stay locked out by a lock a crash left empty."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from checklist.answers import AnswersStore, ChangedOnDiskError, LockedError, read_answers
from checklist.answers.lock import lock_path
from checklist.criteria import Pack
from checklist.problems import ProblemsError


def first_item(small_pack: Pack, kind: str) -> str:
    return next(i.id for i in small_pack.items.values() if i.kind == kind)


def test_an_edit_made_in_another_program_is_not_overwritten(path: Path, small_pack: Pack) -> None:
    yes_no = first_item(small_pack, "yes_no")
    with AnswersStore.open(path, small_pack) as store:
        store.set_answer(yes_no, value=True)
        outside = path.read_text(encoding="utf-8") + "\n# 在记事本里加的一行\n"
        path.write_text(outside, encoding="utf-8")

        with pytest.raises(ChangedOnDiskError) as caught:
            store.set_answer(yes_no, note="应用中写的说明")

        assert path.read_text(encoding="utf-8") == outside
        kept = caught.value.kept
        assert kept.parent == path.parent
        assert "应用中写的说明" in kept.read_text(encoding="utf-8")
        assert "其他程序修改过" in str(caught.value) and str(kept) in str(caught.value)


def test_an_empty_answers_file_is_stamped_with_the_standard(path: Path, small_pack: Pack) -> None:
    path.write_text("# 手工新建的答卷\n", encoding="utf-8")
    with AnswersStore.open(path, small_pack):
        pass
    answers = read_answers(path)
    assert answers.stamp.fingerprint == small_pack.fingerprint
    assert answers.stamp.edition == small_pack.info.edition
    assert path.read_text(encoding="utf-8").startswith("# 手工新建的答卷")


def test_an_empty_lock_is_respected_while_held_and_taken_over_at_once_when_not(
    path: Path, small_pack: Pack
) -> None:
    with AnswersStore.open(path, small_pack):
        pass
    lock = lock_path(path)
    lock.write_bytes(b"")
    fd = os.open(lock, os.O_RDWR)  # a process that made the lock and is writing it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(LockedError) as caught:
            AnswersStore.open(path, small_pack)
        assert "另一个程序" in str(caught.value)
    finally:
        os.close(fd)
    # Left by a crash: no one holds it, and no waiting is needed.
    with AnswersStore.open(path, small_pack) as store:
        assert store.answers.stamp.fingerprint == small_pack.fingerprint


@pytest.mark.parametrize("number", ["nan", "inf"])
def test_a_number_that_is_not_finite_is_refused_with_one_located_message(
    path: Path, small_pack: Pack, number: str
) -> None:
    item = first_item(small_pack, "threshold")
    path.write_text(f"[answers.{item}]\nvalue = {number}\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ProblemsError) as caught:
        AnswersStore.open(path, small_pack)
    assert [str(p) for p in caught.value.problems] == [
        f"单位.answers.toml:2:1 条目 {item} 的回答：value（回答）应为 true/false、数字、"
        "日期（如 2026-11-24）、带英文双引号的文字，或由文字组成的列表 [ ]"
    ]
    assert path.read_bytes() == before


def test_the_unit_name_is_glossed_as_the_unit_name_in_answers_files(path: Path) -> None:
    path.write_text("[profile]\nunit = 3\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        read_answers(path)
    assert (
        str(caught.value)
        == "单位.answers.toml:2:1 基本情况：unit（单位名称）应为文字（用英文双引号括起来）"
    )
