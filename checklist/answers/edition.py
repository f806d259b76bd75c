"""Whether answers were made against this edition of the standard, and what differs."""

from __future__ import annotations

from dataclasses import dataclass

from checklist.answers.model import Answers
from checklist.criteria.model import Pack


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
    now = pack.item_fingerprints
    return EditionCheck(
        same=answers.stamp.fingerprint == pack.fingerprint,
        answered_edition=answers.stamp.edition,
        current_edition=pack.info.edition,
        unknown=unknown,
        unfit=unfit,
        changed=[id_ for id_, h in now.items() if id_ in was and was[id_] != h],
        added=[id_ for id_ in now if was and id_ not in was],
        itemised=bool(was),
    )
