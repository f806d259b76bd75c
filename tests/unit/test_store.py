"""The answers file: nothing a chair wrote is ever lost, and only one editor at a time."""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from checklist import atomic as atomic_module
from checklist.answers import AnswersStore, EvidenceInUseError, LockedError, read_answers
from checklist.answers import session as session_module
from checklist.answers.lock import lock_path
from checklist.atomic import backup_path
from checklist.criteria import Pack, load_pack
from checklist.problems import ProblemsError
from checklist.scoring import score
from tests.support.builders import DATA, ROOT, SHIPPED


def edit(path: Path, small_pack: Pack, item_id: str, **fields: Any) -> None:
    """Open the file, change one answer, close it: one sitting of the chair."""
    with AnswersStore.open(path, small_pack) as store:
        store.set_answer(item_id, **fields)


# -- round trip ---------------------------------------------------------------


def test_new_file_is_stamped_with_the_standard(path: Path, small_pack: Pack) -> None:
    with AnswersStore.open(path, small_pack) as store:
        assert store.made_for(small_pack)
    stamp = read_answers(path).stamp
    assert (stamp.pack, stamp.edition, stamp.fingerprint) == (
        "test-pack",
        "测试版",
        small_pack.fingerprint,
    )


def test_hand_written_comment_and_unknown_answer_survive_a_save(
    path: Path, small_pack: Pack
) -> None:
    edit(path, small_pack, "a-01", value=True)
    text = path.read_text(encoding="utf-8")
    text = text.replace("[answers.a-01]", "# 主席手记：党组会议纪要在档案室\n[answers.a-01]")
    text += '\n[answers.old-99]  # 旧版标准的条目\nvalue = "完全达到"\nnote = "旧答案"\n'
    path.write_text(text, encoding="utf-8")

    with AnswersStore.open(path, small_pack) as store:
        store.set_answer("a-02", value="好", note="两次会议")
        store.set_answer("a-01", value=False)

    saved = path.read_text(encoding="utf-8")
    assert "# 主席手记：党组会议纪要在档案室\n[answers.a-01]" in saved
    assert "[answers.old-99]  # 旧版标准的条目" in saved
    answers = read_answers(path)
    assert answers.answers["old-99"].value == "完全达到"
    assert answers.answers["old-99"].note == "旧答案"
    assert answers.answers["a-01"].value is False
    assert answers.answers["a-02"].value == "好"
    assert answers.answers["a-02"].note == "两次会议"
    assert answers.answers["a-02"].changed is not None


def test_every_kind_of_value_reads_back_as_it_was_set(path: Path, small_pack: Pack) -> None:
    values: dict[str, Any] = {
        "a-01": True,
        "a-02": "差",
        "a-03": ["甲", "乙"],
        "b-01": 96.5,
        "x-date": dt.date(2024, 5, 6),
        "x-count": 3,
    }
    with AnswersStore.open(path, small_pack) as store:
        for item_id, value in values.items():
            store.set_answer(item_id, value=value, figures={"会议时间": "2026年3月18日"})
    answers = read_answers(path)
    assert {k: a.value for k, a in answers.answers.items()} == values
    assert answers.answers["a-01"].figures == {"会议时间": "2026年3月18日"}


def test_clearing_a_value_makes_the_item_unanswered_again(path: Path, small_pack: Pack) -> None:
    edit(path, small_pack, "a-01", value=True, note="已落实")
    edit(path, small_pack, "a-01", value=None)
    answer = read_answers(path).answers["a-01"]
    assert answer.value is None
    assert answer.note == "已落实"
    assert "a-01" in score(small_pack, read_answers(path)).unanswered


def test_profile_and_rectification_round_trip(path: Path, small_pack: Pack) -> None:
    with AnswersStore.open(path, small_pack) as store:
        store.set_profile(
            unit="××厅机关工会", staff=120, members=118, assessed_on=dt.date(2026, 11, 24)
        )
        store.add_rectification(
            problem="女职工委员会活动偏少",
            measure="每季度开展一次活动",
            owner="王晓燕",
            due=dt.date(2027, 3, 31),
            items=["a-01"],
        )
        store.set_narrative("a", "本年度工作成效……")
    answers = read_answers(path)
    assert answers.profile.figure("membership_rate") == pytest.approx(118 / 120 * 100)
    assert answers.rectification[0].due == dt.date(2027, 3, 31)
    assert answers.rectification[0].items == ["a-01"]
    assert answers.narrative == {"a": "本年度工作成效……"}


@pytest.mark.parametrize("sample", ["sample-complete", "sample-partial"])
def test_reports_read_the_same_answers_the_app_edits(tmp_path: Path, sample: str) -> None:
    # score, report and verify read with tomllib; the app edits with tomlkit.
    path = tmp_path / f"{sample}.answers.toml"
    path.write_bytes((ROOT / "examples" / path.name).read_bytes())
    read = read_answers(path)
    with AnswersStore.open(path, load_pack(SHIPPED)) as store:
        assert store.answers == read
    assert read.answers and read.evidence and read.profile.unit


def test_invalid_change_is_refused_and_nothing_is_written(path: Path, small_pack: Pack) -> None:
    with AnswersStore.open(path, small_pack) as store:
        store.set_profile(staff=10)
        before = path.read_bytes()
        with pytest.raises(ValueError):
            store.set_profile(staff=-3)
        with pytest.raises(ValueError):
            store.set_answer("a-01", value=True, evidence=[7])
    assert path.read_bytes() == before


# -- atomic save and backup ---------------------------------------------------


def test_backup_holds_the_previous_version(path: Path, small_pack: Pack) -> None:
    with AnswersStore.open(path, small_pack) as store:
        store.set_answer("a-01", value=True)
        first = path.read_bytes()
        store.set_answer("a-01", value=False)
        assert backup_path(path).read_bytes() == first
        second = path.read_bytes()
        store.set_answer("a-02", value="好")
        assert backup_path(path).read_bytes() == second
    assert read_answers(backup_path(path)).answers["a-01"].value is False


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_crash_while_replacing_the_file_leaves_the_old_one(
    path: Path, small_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(path, small_pack, "a-01", value=True)
    before = path.read_bytes()
    real_replace = os.replace

    def crash_on_the_answers_file(src: Any, dst: Any) -> None:
        if Path(dst) == path:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    with AnswersStore.open(path, small_pack) as store:
        monkeypatch.setattr(atomic_module.os, "replace", crash_on_the_answers_file)
        with pytest.raises(OSError):
            store.set_answer("a-01", value=False)
        monkeypatch.undo()
    assert path.read_bytes() == before
    assert read_answers(path).answers["a-01"].value is True
    assert leftovers(path.parent) == []


def test_crash_while_writing_the_temporary_file_leaves_the_old_one(
    path: Path, small_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(path, small_pack, "a-01", value=True)
    before = path.read_bytes()
    real_write = atomic_module._write_synced

    def half_written(fd: int, data: bytes) -> None:
        real_write(fd, data[: len(data) // 2])
        raise OSError(5, "Input/output error")

    with AnswersStore.open(path, small_pack) as store:
        monkeypatch.setattr(atomic_module, "_write_synced", half_written)
        with pytest.raises(OSError):
            store.set_answer("a-02", value="好")
        monkeypatch.undo()
    assert path.read_bytes() == before
    assert read_answers(path).answers["a-01"].value is True
    assert leftovers(path.parent) == []


# -- a file that cannot be read is never written ------------------------------


CORRUPT = {
    "bad TOML": (
        '[stamp]\npack = "test-pack"\n\n[answers.a-01]\nvalue = 是\n',
        "单位.answers.toml:5:9：答卷文件无法解析：值的写法不对：文字要用英文双引号括起来，"
        "日期写成 2026-11-24；若上方有列表，请检查它的“]”是否漏写。文件未作改动；请修正这一行",
    ),
    "unclosed table header": (
        '[profile\nunit = "××厅机关工会"\n',
        "单位.answers.toml:1:9：答卷文件无法解析：表头缺少右方括号“]”。文件未作改动；请修正这一行",
    ),
    "Windows path in a note": (
        '[answers.a-01]\nvalue = true\nnote = "见 D:\\材料\\纪要"\n',
        "单位.answers.toml:3:15：答卷文件无法解析：文字中的反斜杠“\\”要写成两个“\\\\”。"
        "文件未作改动；请修正这一行",
    ),
    "brackets nested deeper than the parser follows": (
        "[answers.a-01]\nvalue = true\nnote = " + "[" * 3000 + "]" * 3000 + "\n",
        "单位.answers.toml:3:3007：答卷文件无法解析：方括号或花括号嵌套过深（3000 层），"
        "请检查这一行的括号是否多写了。文件未作改动；请修正这一行",
    ),
    "evidence number given twice": (
        '[[evidence]]\nno = 1\ntitle = "党组会议纪要"\n\n[[evidence]]\nno = 1\ntitle = "活动台账"\n',
        "单位.answers.toml:6:1 佐证材料目录第 2 项：no（序号）1 与第 1 项重复："
        "每份佐证材料的序号应各不相同，请改为未用过的序号（如 2）",
    ),
    "key written twice": (
        '[profile]\nchair = "王建华"\nchair = "李敏"\n',
        "单位.answers.toml:3:13：答卷文件无法解析：同一个键写了两次，请删去一个。"
        "文件未作改动；请修正这一行",
    ),
    "wrong type": (
        '[profile]\nunit = "××厅机关工会"\nstaff = "一百二十"\n',
        "单位.answers.toml:3:1 基本情况：staff（职工人数）应为整数",
    ),
    "wrong date": (
        "[answers.a-01]\nvalue = true\nevidence = [1]\n\n[[evidence]]\nno = 1\n"
        'title = "党组会议纪要"\ndate = "去年"\n',
        "单位.answers.toml:8:1 佐证材料目录第 1 项：date（日期）应为日期，例如 2026-11-24",
    ),
}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_corrupt_file_is_reported_with_its_line_and_left_untouched(
    path: Path, small_pack: Pack, case: str
) -> None:
    text, message = CORRUPT[case]
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ProblemsError) as caught:
        read_answers(path)
    assert [str(p) for p in caught.value.problems] == [message]
    with pytest.raises(ProblemsError):
        AnswersStore.open(path, small_pack)
    assert path.read_bytes() == before
    assert not backup_path(path).exists()
    # The refused open did not keep the lock: once fixed, the file opens.
    assert not lock_path(path).exists()


def test_a_file_read_at_opening_that_the_editor_cannot_parse_is_left_untouched(
    path: Path, small_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answers are read with tomli at opening; tomlkit, which edits the file,
    parses it at the first change. Should it refuse a file tomli read, the change is
    refused with where and what to do, and the file stays as it was."""
    import tomlkit
    from tomlkit.exceptions import ParseError

    edit(path, small_pack, "a-01", value=True)
    before = path.read_bytes()

    def refused(text: str) -> object:
        raise ParseError(3, 4)

    monkeypatch.setattr(tomlkit, "parse", refused)
    with AnswersStore.open(path, small_pack) as store:
        assert store.answers.answers["a-01"].value is True  # read at opening
        assert not store.unsaved
        with pytest.raises(ProblemsError) as caught:
            store.set_answer("a-01", value=False)
        assert str(caught.value) == (
            "单位.answers.toml:3:5：答卷文件无法解析：请检查这一行的引号、括号和等号。"
            "文件未作改动；请修正这一行或从备份 单位.answers.toml.bak 恢复"
        )
        assert not store.unsaved  # nothing was changed, so nothing is lost at quitting
    assert path.read_bytes() == before


def test_broken_file_with_a_backup_points_to_the_backup(path: Path, small_pack: Pack) -> None:
    edit(path, small_pack, "a-01", value=True)
    edit(path, small_pack, "a-01", value=False)
    path.write_text(
        path.read_text(encoding="utf-8").replace("value = false", "value = 否"), encoding="utf-8"
    )
    with pytest.raises(ProblemsError) as caught:
        read_answers(path)
    assert str(caught.value).endswith("请修正这一行或从备份 单位.answers.toml.bak 恢复")
    assert read_answers(backup_path(path)).answers["a-01"].value is True


def test_file_saved_with_a_byte_order_mark_opens_and_saves(path: Path, small_pack: Pack) -> None:
    path.write_bytes(b"\xef\xbb\xbf" + "# 用记事本改过\n[profile]\nstaff = 30\n".encode())
    assert read_answers(path).profile.staff == 30
    edit(path, small_pack, "a-01", value=True)
    assert path.read_bytes().startswith("# 用记事本改过\n".encode())
    assert read_answers(path).profile.staff == 30


def test_file_that_is_not_utf8_is_left_untouched(path: Path, small_pack: Pack) -> None:
    path.write_bytes('[profile]\nunit = "××厅"\n'.encode("gbk"))
    before = path.read_bytes()
    with pytest.raises(ProblemsError) as caught:
        AnswersStore.open(path, small_pack)
    # Where: the first byte that is not UTF-8, in ××厅 on line 2.
    assert str(caught.value) == (
        "单位.answers.toml:2:9：答卷文件不是 UTF-8 编码（从这里起），文件未作改动；"
        "请用 UTF-8 保存后再打开"
    )
    assert path.read_bytes() == before


# -- lock ---------------------------------------------------------------------


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from checklist.answers import AnswersStore
    from checklist.criteria import load_pack
    store = AnswersStore.open(Path(sys.argv[1]), load_pack(Path(sys.argv[2])))
    if sys.argv[3:]:  # a change to save first
        store.set_answer("a-02", value=sys.argv[3])
    print("locked", flush=True)
    sys.stdin.readline()
    store.close()
    """
)


def test_second_editor_is_refused_with_the_holder_named(path: Path, small_pack: Pack) -> None:
    edit(path, small_pack, "a-01", value=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(DATA / "valid_small.toml")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        with pytest.raises(LockedError) as caught:
            AnswersStore.open(path, small_pack)
        assert caught.value.holder is not None
        assert caught.value.holder.pid == holder.pid
        message = str(caught.value)
        assert f"进程 {holder.pid}" in message
        assert f"主机 {socket.gethostname()}" in message
        assert str(lock_path(path)) in message
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
    # Released when the holder closed: now it opens.
    with AnswersStore.open(path, small_pack) as store:
        assert store.answers.answers["a-01"].value is True


def test_same_process_cannot_open_a_file_twice(path: Path, small_pack: Pack) -> None:
    with AnswersStore.open(path, small_pack), pytest.raises(LockedError):
        AnswersStore.open(path, small_pack)


def test_lock_is_released_on_close(path: Path, small_pack: Pack) -> None:
    store = AnswersStore.open(path, small_pack)
    assert lock_path(path).exists()
    store.close()
    assert not lock_path(path).exists()
    AnswersStore.open(path, small_pack).close()


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def write_lock(path: Path, pid: int, host: str) -> None:
    lock_path(path).write_text(
        f'{{"pid": {pid}, "host": "{host}", "user": "someone", "since": "2026-11-20 09:00"}}',
        encoding="utf-8",
    )


def test_stale_lock_of_a_crashed_process_is_taken_over(path: Path, small_pack: Pack) -> None:
    edit(path, small_pack, "a-01", value=True)
    write_lock(path, dead_pid(), socket.gethostname())
    with AnswersStore.open(path, small_pack) as store:
        assert f'"pid": {os.getpid()}' in lock_path(path).read_text(encoding="utf-8")
        store.set_answer("a-02", value="好")
    assert not lock_path(path).exists()


def test_lock_from_another_host_is_not_judged_stale(path: Path, small_pack: Pack) -> None:
    edit(path, small_pack, "a-01", value=True)
    write_lock(path, dead_pid(), "other-host")
    with pytest.raises(LockedError) as caught:
        AnswersStore.open(path, small_pack)
    assert "用户 someone（主机 other-host" in str(caught.value)
    assert lock_path(path).exists()


def test_unreadable_lock_file_is_respected_while_held(path: Path, small_pack: Pack) -> None:
    edit(path, small_pack, "a-01", value=True)
    lock_path(path).write_text("garbage", encoding="utf-8")
    with flocked(lock_path(path)):
        with pytest.raises(LockedError) as caught:
            AnswersStore.open(path, small_pack)
        assert "另一个程序" in str(caught.value)
    # No one holds it: whatever wrote it has ended.
    with AnswersStore.open(path, small_pack):
        assert f'"pid": {os.getpid()}' in lock_path(path).read_text(encoding="utf-8")


@contextmanager
def flocked(path: Path) -> Iterator[None]:
    """`path` flocked as another process holds it (an open file of its own)."""
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(fd)


@contextmanager
def editor(path: Path, *, saved: bool = False) -> Iterator[subprocess.Popen[str]]:
    """Another process with `path` open for editing, until the block ends; `saved`:
    it has saved a change, so that the file is a new one since it opened it."""
    change = ["好"] if saved else []
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(DATA / "valid_small.toml"), *change],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        yield holder
    finally:
        if holder.poll() is None:
            assert holder.stdin is not None
            holder.stdin.write("\n")
            holder.stdin.close()
        holder.wait(timeout=30)


def test_the_lock_of_a_killed_editor_is_taken_over_at_once(path: Path, small_pack: Pack) -> None:
    edit(path, small_pack, "a-01", value=True)
    with editor(path) as holder:
        holder.kill()
        holder.wait(timeout=30)
        # What it left: a lock file naming it, which no one holds any more.
        assert f'"pid": {holder.pid}' in lock_path(path).read_text(encoding="utf-8")
        with AnswersStore.open(path, small_pack) as store:
            assert f'"pid": {os.getpid()}' in lock_path(path).read_text(encoding="utf-8")
            store.set_answer("a-02", value="好")
    assert not lock_path(path).exists()


def test_a_lock_no_one_holds_is_taken_over_though_its_process_number_is_in_use(
    path: Path, small_pack: Pack
) -> None:
    """The system gives an ended process's number to new processes: a number that runs
    again does not make a lock its process left behind a live one."""
    edit(path, small_pack, "a-01", value=True)
    other = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        write_lock(path, other.pid, socket.gethostname())
        with AnswersStore.open(path, small_pack):
            assert f'"pid": {os.getpid()}' in lock_path(path).read_text(encoding="utf-8")
    finally:
        assert other.stdin is not None
        other.stdin.close()
        other.wait(timeout=30)


def other_name(tmp_path: Path, path: Path, kind: str) -> Path:
    if kind == "symbolic link":
        link = tmp_path / "快捷方式.toml"
        link.symlink_to(path)
        return link
    folder = tmp_path / "备份" if kind == "hard link in another folder" else tmp_path
    folder.mkdir(exist_ok=True)
    link = folder / "副本.answers.toml"
    os.link(path, link)
    return link


@pytest.mark.parametrize("kind", ["hard link", "symbolic link", "hard link in another folder"])
def test_another_name_of_a_file_being_edited_is_refused(
    tmp_path: Path, path: Path, small_pack: Pack, kind: str
) -> None:
    edit(path, small_pack, "a-01", value=True)
    with editor(path, saved=True) as holder:  # the lock has followed the file it saved
        link = other_name(tmp_path, path, kind)
        with pytest.raises(LockedError) as caught:
            AnswersStore.open(link, small_pack)
        message = str(caught.value)
        if kind == "hard link in another folder":  # its lock file cannot be found from here
            assert caught.value.holder is None
            assert (
                message == f"{link} 正由另一个程序以另一个文件名打开编辑。请先在那里退出后再打开。"
            )
        else:
            assert caught.value.holder is not None
            assert caught.value.holder.pid == holder.pid
            assert f"进程 {holder.pid}" in message
            assert f"主机 {socket.gethostname()}" in message
        if kind == "hard link":
            assert message.startswith(f"{link} 与 {path} 是同一个文件，正由用户 ")
        assert not lock_path(link).exists()  # the refused open left nothing behind
    with AnswersStore.open(link, small_pack) as store:
        assert store.answers.answers["a-02"].value == "好"


# -- evidence index -----------------------------------------------------------


def test_evidence_numbers_are_never_reused(path: Path, small_pack: Pack) -> None:
    with AnswersStore.open(path, small_pack) as store:
        assert [store.add_evidence(t).no for t in ("纪要", "台账", "照片")] == [1, 2, 3]
        store.remove_evidence(3)
        store.remove_evidence(2)
        assert store.add_evidence("制度文件", kind="制度文件").no == 4
    with AnswersStore.open(path, small_pack) as store:
        assert store.add_evidence("通知").no == 5
    assert [e.no for e in read_answers(path).evidence] == [1, 4, 5]
    # The counter that makes this so is in the file, explained for whoever reads it.
    assert "evidence_last_no = 5 # 佐证材料已用过的最大编号；删除的编号不再使用" in path.read_text(
        encoding="utf-8"
    )


def test_evidence_cited_by_an_answer_cannot_be_removed(path: Path, small_pack: Pack) -> None:
    with AnswersStore.open(path, small_pack) as store:
        store.add_evidence("党组会议纪要", kind="会议纪要", date=dt.date(2026, 3, 18))
        store.add_evidence("工会台账", kind="台账")
        store.set_answer("a-01", value=True, evidence=[1, 2])
        store.set_answer("a-02", value="好", evidence=[1])
        with pytest.raises(EvidenceInUseError) as caught:
            store.remove_evidence(1)
        assert str(caught.value) == (
            "佐证材料 1 仍被条目 a-01、a-02 引用，请先在这些条目中取消引用再删除"
        )
        store.set_answer("a-01", evidence=[2])
        store.set_answer("a-02", evidence=[])
        store.remove_evidence(1)
    answers = read_answers(path)
    assert [e.no for e in answers.evidence] == [2]
    assert answers.citing(2) == ["a-01"]


def test_update_evidence_keeps_its_number(path: Path, small_pack: Pack) -> None:
    with AnswersStore.open(path, small_pack) as store:
        store.add_evidence("纪要")
        entry = store.update_evidence(1, title="党组会议纪要", location="档案室 3 号柜")
    assert entry.no == 1
    saved = read_answers(path).evidence[0]
    assert (saved.no, saved.title, saved.location) == (1, "党组会议纪要", "档案室 3 号柜")


# -- not applicable -----------------------------------------------------------


def test_not_applicable_needs_a_reason(path: Path, small_pack: Pack) -> None:
    with AnswersStore.open(path, small_pack) as store:
        store.set_answer("a-01", na=True)
        assert not store.answers.answers["a-01"].is_na
        store.set_answer("a-01", na_reason="本单位无下属单位")
        assert store.answers.answers["a-01"].is_na
        store.set_answer("a-01", na=False, na_reason="")
    answer = read_answers(path).answers["a-01"]
    assert (answer.na, answer.na_reason) == (False, "")
    assert "na" not in path.read_text(encoding="utf-8").split("[answers.a-01]")[1]


# -- when a save fails, quitting says where the answers are -------------------


@contextmanager
def _disk_full(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every write of the answers file fails, as on a full disk, until the block ends."""

    def full(target: Path, data: bytes, **_: bool) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    with monkeypatch.context() as patched:
        patched.setattr(session_module, "write_atomically", full)
        yield


def test_a_save_that_failed_is_made_when_the_app_quits(
    path: Path, small_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checklist.tui.launch import _last_save

    with AnswersStore.open(path, small_pack) as store:
        assert not store.unsaved
        with _disk_full(monkeypatch):
            with pytest.raises(OSError):
                store.set_answer("a-01", value=True)
            assert store.unsaved
            assert _last_save(store) == (
                f"最后的修改未能写入答卷文件 {store.path}，也无法另存（磁盘空间已满）；"
                "文件仍是上次保存的内容。",
                False,
            )
        assert _last_save(store) == (f"回答已保存在 {store.path}", True)  # space freed
    assert read_answers(path).answers["a-01"].value is True


def test_answers_whose_folder_vanished_are_kept_in_a_copy(
    tmp_path: Path, small_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checklist.tui.launch import _last_save

    monkeypatch.setattr(session_module, "data_dir", lambda: tmp_path / "data")
    folder = tmp_path / "unit"
    with AnswersStore.open(folder / "单位.answers.toml", small_pack) as store:
        folder.rename(tmp_path / "moved")  # an unplugged drive, a folder renamed
        with pytest.raises(OSError):
            store.set_answer("a-01", value=True)
        message, saved = _last_save(store)
    assert not saved and not folder.exists()
    [kept] = (tmp_path / "data").iterdir()
    assert kept.name.startswith("单位.answers.未写入-")
    assert f"全部回答已另存为 {kept}" in message
    assert read_answers(kept).answers["a-01"].value is True


# -- the file's permissions and links -------------------------------------------


def test_saving_keeps_the_files_permissions(path: Path, small_pack: Pack) -> None:
    """An answers file holds names and phone numbers: one its owner made private stays so."""
    with AnswersStore.open(path, small_pack):
        pass
    path.chmod(0o600)
    with AnswersStore.open(path, small_pack) as store:
        store.set_answer("a-01", value=True)
    assert path.stat().st_mode & 0o777 == 0o600
    assert backup_path(path).stat().st_mode & 0o777 == 0o600


def test_saving_through_a_link_changes_the_file_it_leads_to(
    tmp_path: Path, small_pack: Pack
) -> None:
    real = tmp_path / "共享" / "单位.answers.toml"
    real.parent.mkdir()
    with AnswersStore.open(real, small_pack):
        pass
    link = tmp_path / "单位.answers.toml"
    link.symlink_to(real)
    with AnswersStore.open(link, small_pack) as store:
        store.set_answer("a-01", value=True)
    assert link.is_symlink()
    assert read_answers(real).answers["a-01"].value is True


def test_a_read_only_file_is_not_opened_for_editing(path: Path, small_pack: Pack) -> None:
    with AnswersStore.open(path, small_pack):
        pass
    path.chmod(0o400)
    before = path.read_bytes()
    with pytest.raises(ProblemsError) as caught:
        AnswersStore.open(path, small_pack)
    assert "答卷文件设为只读，本程序不会改动它" in str(caught.value)
    assert path.read_bytes() == before
    assert not lock_path(path).exists()
    assert read_answers(path).stamp.pack  # reading it (score, report) still works


# -- sections written inline by hand ---------------------------------------------

INLINE = {
    "profile": (
        'profile = { unit = "××厅机关工会", staff = 120 }\n',
        lambda store: store.set_profile(chair="王建华"),
        lambda answers: (answers.profile.unit, answers.profile.chair) == ("××厅机关工会", "王建华"),
    ),
    "evidence": (
        'evidence_last_no = 1\nevidence = [{ no = 1, title = "党组会议纪要" }]\n',
        lambda store: store.add_evidence("活动台账"),
        lambda answers: [e.title for e in answers.evidence] == ["党组会议纪要", "活动台账"],
    ),
    "rectification": (
        'rectification = [{ problem = "会议记录不全" }]\n',
        lambda store: store.add_rectification(problem="经费台账未更新"),
        lambda answers: (
            [r.problem for r in answers.rectification] == ["会议记录不全", "经费台账未更新"]
        ),
    ),
    "answers": (
        'answers = { a-01 = { value = true, note = "三月专题会" } }\n',
        lambda store: store.set_answer("a-01", value=False),
        lambda answers: (
            (answers.answers["a-01"].value, answers.answers["a-01"].note) == (False, "三月专题会")
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(INLINE))
def test_a_section_written_inline_is_edited_with_its_content_kept(
    path: Path, small_pack: Pack, case: str
) -> None:
    """`profile = { … }` is the same TOML as a [profile] section; the store edits it."""
    text, change, holds = INLINE[case]
    path.write_text(text, encoding="utf-8")
    with AnswersStore.open(path, small_pack) as store:
        change(store)
    assert holds(read_answers(path))


def test_an_app_stuck_after_its_terminal_closed_saves_and_frees_the_lock(
    path: Path, small_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual can block writing to a terminal that is gone; the process then leaves
    on its own, so that reopening the file is not refused for a lock held forever."""
    import threading

    from checklist.tui import launch

    exits: list[int] = []
    monkeypatch.setattr(launch.os, "_exit", exits.append)
    store = AnswersStore.open(path, small_pack)
    with _disk_full(monkeypatch), pytest.raises(OSError):
        store.set_answer("a-01", value=True)
    launch._leave_if_stuck(store, threading.Event(), wait=0.01)
    assert exits == [1]
    assert not lock_path(path).exists()
    assert read_answers(path).answers["a-01"].value is True
