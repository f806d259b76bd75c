"""An inspection and the editions of its standard.

An inspection is of one report, and a report is made against one edition: the
验收分 belong to the items of that edition, and the report does not change edition
once it is made. So an inspection file is never migrated: when a standard has a new
edition, the unit migrates its answers (checklist migrate) and makes a new report,
and the team inspects that report in an inspection file of its own. What is said
here: why `checklist migrate` leaves an inspection file alone, what an inspector is
told when the report is of another edition than the one installed here, and why
answers recorded against an edition that is not here are not inspected against
another.
"""

from __future__ import annotations

from checklist.answers.model import Answers
from checklist.criteria.model import Pack
from checklist.inspection.store import inspection_from_bytes
from checklist.problems import ProblemsError

# What the inspector (or the unit) does to have a report inspected against a new edition.
_NEW_REPORT = (
    "请单位用 checklist migrate 把答卷迁移到{edition}、核对标为需复核的条目后重新出具报告，"
    "检查组再用 checklist inspect 对新报告另建验收文件"
)


def not_migrated(name: str, raw: bytes, to: Pack) -> str:
    """Why `checklist migrate` leaves the inspection file `name` (bytes `raw`) alone,
    and what to do to inspect against `to`."""
    try:
        inspection, reported = inspection_from_bytes(raw, name)
        info = reported.pack.info
        unit = inspection.report.unit or "单位"
        of = f"对{unit}按{info.title}（{info.edition}）出具的那一份报告的验收"
    except ProblemsError:
        of = "对单位某一份报告的验收"
    return (
        f"{name} 是验收文件（checklist inspect 保存的验收记录），不能迁移，文件未作任何改动。\n"
        f"它记录的是{of}：验收分对应的是那一版标准的条目，"
        "而报告一经出具，所依据的版本不会改变。\n"
        f"如需按{to.info.title}（{to.info.edition}）验收，"
        + _NEW_REPORT.format(edition=to.info.edition)
        + "。"
    )


def installed_edition(pack: Pack) -> Pack | None:
    """The edition of `pack`'s standard installed here (the newest, when there are
    several), or None when none is."""
    from checklist.criteria.library import find_standard

    found = find_standard(pack.info.id)
    return found.pack if found is not None else None


def other_edition(pack: Pack, installed: Pack | None) -> list[str]:
    """What the inspector is told when the report was made against `pack` and the
    edition of that standard installed here (`installed`, its newest) is another;
    no lines when it is the same or none is installed."""
    if installed is None or installed.fingerprint == pack.fingerprint:
        return []
    from checklist.editions.diff import diff_packs

    diff = diff_packs(pack, installed)
    counts = [
        f"{word} {n} 条"
        for word, n in (
            ("有改动", len(diff.of("changed"))),
            ("新增", len(diff.of("added"))),
            ("删除", len(diff.of("removed"))),
        )
        if n
    ]
    what = f"（{'，'.join(counts)}）" if counts else "（条目相同，标准的其他内容有改动）"
    was, now = pack.info.edition, installed.info.edition
    if was == now:
        was, now = (
            f"{was}（指纹 {pack.fingerprint[:16]}）",
            f"{now}（指纹 {installed.fingerprint[:16]}）",
        )
    return [
        f"这份报告是按{pack.info.title}（{was}）出具的；本机安装的这份标准是{now}，"
        f"两版内容不同{what}。",
        f"验收按报告所依据的{was}进行：各条目、分值和验收分都是这一版的，"
        "验收评分表也按这一版印制；验收文件不随标准迁移。",
        f"如应按{now}验收，" + _NEW_REPORT.format(edition=now) + "。",
    ]


def answers_of_another_edition(answers: Answers, chosen: Pack) -> str:
    """Why answers that record a standard's content other than `chosen` (the edition
    of it installed here) are not inspected against `chosen`; "" when they may be:
    they record this very content, or no content at all (older files)."""
    stamp = answers.stamp
    if not stamp.fingerprint or stamp.fingerprint == chosen.fingerprint:
        return ""
    was = stamp.edition or "另一版本"
    return (
        f"答卷是按标准 {stamp.pack}（{was}）填写的，本机没有这一版，只有{chosen.info.edition}。"
        "验收须按单位报告所依据的版本进行，不能把答卷按另一版本计分。"
        f"请改用单位报送的 PDF 报告（报告内嵌所依据的标准），或先安装{was}的标准文件；"
        f"如单位要按{chosen.info.edition}验收，"
        + _NEW_REPORT.format(edition=chosen.info.edition)
        + "。"
    )
