"""Which standard an answers file was made against, whether this is that edition of
it, and what differs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.answers.model import Answers, Stamp
from checklist.answers.reading import read_answers
from checklist.criteria.model import Pack
from checklist.problems import Problem, ProblemsError, display_path

if TYPE_CHECKING:
    from checklist.criteria.library import Standard


@dataclass(frozen=True)
class EditionCheck:
    same: bool  # answered against exactly this content
    answered_edition: str
    current_edition: str
    unknown: list[str]  # answered items that this standard does not have
    unfit: list[str]  # answers that no longer fit their item (kind or options changed)
    changed: list[str]  # items whose content changed since they were answered
    added: list[str]  # items this standard has and the answered one did not
    itemised: bool  # whether the answers recorded each item's content (older files did not)
    answered_pack: str = ""  # the id of the standard the answers record ("": none)
    current_pack: str = ""

    def describe(self) -> str:
        """A plain Chinese warning, or "" when the editions match and every answered
        item is in the standard."""
        if self.same:
            # Only a hand edit gives an item the standard does not have to these answers.
            return (
                f"答卷中有评价标准没有的条目编号（回答已保留，不计分；如是手工改错了编号，"
                f"请改回）：{'、'.join(self.unknown)}"
                if self.unknown
                else ""
            )
        was = self.answered_edition or "未知版本"
        lines = [f"答卷是按标准“{was}”填写的，当前标准为“{self.current_edition}”，内容有变化。"]
        if was == self.current_edition:
            lines[0] = f"答卷是按标准“{was}”填写的，当前标准版本相同，但内容有变化。"
        if self.answered_pack and self.answered_pack != self.current_pack:
            lines[0] = (
                f"答卷是按另一份标准（编号 {self.answered_pack}，{was}）填写的，"
                f"当前使用的是编号 {self.current_pack} 的标准（{self.current_edition}）。"
            )
        if self.changed:
            lines.append(f"内容有修改的条目（请核对回答）：{'、'.join(self.changed)}")
        if self.added:
            lines.append(f"新增的条目：{'、'.join(self.added)}")
        if not self.itemised:
            lines.append("答卷没有记录当时各条目的内容，无法列出修改了哪些条目，请逐条核对。")
        if self.unknown:
            lines.append(f"当前标准中已没有的条目（回答已保留，不计分）：{'、'.join(self.unknown)}")
        if self.unfit:
            lines.append(f"回答与当前条目不符、需复核：{'、'.join(self.unfit)}")
        return "\n".join(lines)


def check_edition(pack: Pack, answers: Answers) -> EditionCheck:
    unknown = [id_ for id_ in answers.answers if id_ not in pack.items]
    unfit = [
        id_
        for id_, answer in answers.answers.items()
        if id_ in pack.items
        and answer.value is not None
        and pack.items[id_].value_problem(answer.value) is not None
    ]
    was = answers.stamp.items
    same = answers.stamp.fingerprint == pack.fingerprint
    # The same standard has the same items: their hashes are not made (each is a dump
    # of the item as JSON: 15 ms of the app's start for 1,000 items).
    now = {} if same else pack.item_fingerprints
    return EditionCheck(
        same=same,
        answered_edition=answers.stamp.edition,
        current_edition=pack.info.edition,
        unknown=unknown,
        unfit=unfit,
        changed=[id_ for id_, h in now.items() if id_ in was and was[id_] != h],
        added=[id_ for id_ in now if was and id_ not in was],
        itemised=bool(was),
        answered_pack=answers.stamp.pack,
        current_pack=pack.info.id,
    )


def standard_for(
    answers: Path | None, *, criteria: Path | None = None, standard: str | None = None
) -> Standard:
    """The standard to use with the answers file at `answers`: the file `criteria`
    (--criteria PATH), the installed standard with the id `standard` (--standard ID),
    else the standard the answers record, found by its id and edition among those
    shipped and installed (another edition of it when only that is here: then
    `check_edition` tells what changed), else, for a new file or one that records
    none, the default standard (《条例》).

    Raises ProblemsError when a file cannot be read or the recorded standard is not
    installed: the message names it and says how to install it."""
    # Imported here: the app checks the edition of the answers it opened without it.
    from checklist.criteria.library import (
        default_standard,
        find_standard,
        how_to_install,
        read_library,
        standard_file,
        standard_named,
    )

    if criteria is not None:
        return standard_file(criteria)
    if standard:
        return standard_named(standard)
    stamp = _recorded(answers)
    if answers is None or stamp is None or not stamp.pack:
        return default_standard()
    found = find_standard(stamp.pack, stamp.edition, stamp.fingerprint)
    if found is None:
        text = (
            f"答卷是按标准 {stamp.pack}（{stamp.edition or '版本未注明'}）填写的，"
            f"本机没有安装这份标准。{how_to_install(read_library())}"
        )
        raise ProblemsError([Problem(display_path(answers), 0, 0, "", text)])
    return found


def _recorded(answers: Path | None) -> Stamp | None:
    """What the answers file records of its standard; None for no file yet, or one that
    cannot be read (reading it again, for the score or the app, says where it is wrong)."""
    if answers is None or not answers.exists():
        return None
    try:
        # Kept for the reading that follows (the app's, the score's): read once.
        return read_answers(answers, keep=True).stamp
    except ProblemsError:
        return None
