"""Whether answers were made against this edition of the standard, and what differs."""

from __future__ import annotations

from dataclasses import dataclass

from checklist.answers.model import Answers
from checklist.answers.values import value_problem
from checklist.criteria.model import Pack


@dataclass(frozen=True)
class EditionCheck:
    same: bool  # answered against exactly this content
    answered_edition: str
    current_edition: str
    unknown: list[str]  # answered items that this standard does not have
    unfit: list[str]  # answers that no longer fit their item (kind or options changed)

    def describe(self) -> str:
        """A plain Chinese warning, or "" when the editions match."""
        if self.same:
            return ""
        was = self.answered_edition or "未知版本"
        lines = [f"答卷是按标准“{was}”填写的，当前标准为“{self.current_edition}”，内容有变化。"]
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
        and value_problem(pack.items[id_], answer.value) is not None
    ]
    return EditionCheck(
        same=answers.stamp.fingerprint == pack.fingerprint,
        answered_edition=answers.stamp.edition,
        current_edition=pack.info.edition,
        unknown=unknown,
        unfit=unfit,
    )
