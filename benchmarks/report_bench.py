"""Benchmark the PDF report: our CSS (fixed table layout) against a naive rendering.

Generates a standard and a fully answered unit with notes, figures and evidence on
every item, then renders the same HTML twice in one process: once with automatic
table layout (a CSS override, as a first attempt would look) and once with our
stylesheet. Prints time, pages and size of each and the ratio.

    .venv/bin/python benchmarks/report_bench.py [--items 80] [--repeat 3] [--keep DIR]

The default of 80 items gives a report of about 40 pages: each 评分明细 row holds
the answer, the figures, a note and the evidence numbers, so a row is 4–8 lines and
a page holds 4–6 rows. 400 items (--items 400) gives about 160 pages.

Targets (issue 5): ours ≤ 1.5 s end to end for ~40 pages, PDF ≤ 400 KB, ratio ≤ 0.4.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from checklist.answers import AnswersStore
from checklist.criteria import load_pack
from checklist.criteria.model import Pack

NAIVE_CSS = """
table { table-layout: auto !important; }
col { width: auto !important; }
"""

_PHRASES = (
    "机关党组织专题研究工会工作，明确分管领导和责任处室",
    "工会委员会每季度召开会议，集体研究年度工作计划和经费预算",
    "会员代表大会审议工作报告和经费审查报告，征集代表提案并逐件答复",
    "职工之家五个服务中心常态化开放，建立使用登记和设施设备台账",
    "开展会员评家活动，发放测评表，满意率达到百分之九十以上",
    "困难职工档案动态管理，节日慰问和生病住院慰问做到全覆盖",
    "劳模创新工作室围绕中心工作确定年度课题，形成调研报告和工作法",
    "厂务公开栏按季度更新，涉及职工切身利益的事项提前征求意见",
    "组织职工参加岗位练兵和业务技能竞赛，选树宣传先进典型",
    "女职工委员会开展三八节活动和健康讲座，爱心妈咪小屋正常开放",
)
_KINDS = ("yes_no", "level", "count", "choice", "deductions")


def generate_pack(folder: Path, items: int) -> Pack:
    """A valid standard with `items` items (a multiple of 40), 100 points in total."""
    areas, indicators = 8, 5
    per_indicator = items // (areas * indicators)
    item_points = 100 / (areas * indicators * per_indicator)
    lines = [
        "[pack]",
        'id = "bench"',
        'title = "《机关工会工作暂行条例》贯彻落实示范单位评价标准（测试用大型标准）"',
        'edition = "2026年测试版"',
        "effective = 2026-01-01",
        'issuer = "××省直机关工会工作委员会"',
        "total = 100",
        "pass = 80",
        "demonstration = 90",
    ]
    n = 0
    for a in range(1, areas + 1):
        lines += [
            "[[area]]",
            f'id = "a{a}"',
            f'title = "第{a}类考核指标"',
            f"points = {100 / areas}",
        ]
        for i in range(1, indicators + 1):
            lines += [
                "[[area.indicator]]",
                f'id = "a{a}-{i}"',
                f'title = "第{a}类第{i}项二级指标"',
                f"points = {item_points * per_indicator}",
            ]
            for _ in range(per_indicator):
                n += 1
                kind = _KINDS[n % len(_KINDS)]
                phrase = _PHRASES[n % len(_PHRASES)]
                lines += [
                    "[[area.indicator.item]]",
                    f'id = "t{n:03d}"',
                    f'text = "{phrase}（会议时间、参加人数）"',
                    'basis = ["《机关工会工作暂行条例》"]',
                    'method = ["查阅资料"]',
                    'evidence = ["会议纪要", "台账"]',
                    f"points = {item_points}",
                    'figures = ["会议时间", "参加人数"]',
                    f'kind = "{kind}"',
                ]
                if kind == "count":
                    lines.append(f"each = {item_points / 2}")
                elif kind == "choice":
                    lines.append(
                        f'options = [{{ label = "已落实", points = {item_points} }}, '
                        '{ label = "未落实", points = 0 }]'
                    )
                elif kind == "deductions":
                    lines.append(
                        f'options = [{{ label = "有制度", deduct = {item_points / 2} }}, '
                        f'{{ label = "有记录", deduct = {item_points / 2} }}]'
                    )
    path = folder / "bench.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_pack(path)


def generate_answers(folder: Path, pack: Pack) -> Path:
    path = folder / "bench.answers.toml"
    with AnswersStore.open(path, pack) as store:
        store.set_profile(
            unit="某省直机关测试单位机关工会",
            chair="王建华",
            staff=320,
            members=310,
            women_members=140,
            committee_members=11,
            term_years=5,
            last_election=dt.date(2023, 5, 18),
            assessed_on=dt.date(2026, 11, 24),
        )
        for n in range(1, 41):
            store.add_evidence(
                f"2026年度工会工作台账第{n}册",
                kind="台账",
                date=dt.date(2026, 1 + n % 12, 1 + n % 28),
            )
        for n, item in enumerate(pack.items.values()):
            value: object = {
                "yes_no": n % 7 != 0,
                "level": "完全达到" if n % 5 else "基本达到",
                "count": 3,
                "choice": "已落实",
                "deductions": ["有制度", "有记录"] if n % 4 else ["有制度"],
            }[item.kind]
            note = "；".join(_PHRASES[(n + k) % len(_PHRASES)] for k in range(2)) + "。"
            store.set_answer(
                item.id,
                value=value,
                note=note,
                figures={
                    "会议时间": f"2026年{1 + n % 12}月{1 + n % 28}日",
                    "参加人数": f"{40 + n % 60}人",
                },
                evidence=[1 + n % 40, 1 + (n * 7) % 40],
            )
        store.add_rectification(
            problem="部分二级指标落实不到位",
            measure="制定整改方案，逐项销号",
            owner="李敏",
            due=dt.date(2027, 6, 30),
            items=[next(iter(pack.items))],
        )
    return path


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=80, help="a multiple of 40")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts")
    parser.add_argument("--keep", type=Path, help="keep the generated files and PDFs here")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="report-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    pack = generate_pack(folder, args.items)
    answers = generate_answers(folder, pack)

    t0 = time.perf_counter()
    from checklist.report.render import Renderer

    ours = Renderer()
    setup = time.perf_counter() - t0
    naive = Renderer(extra_css=NAIVE_CSS)

    def timed(renderer: Renderer, name: str) -> tuple[float, float, int, int]:
        marks: dict[str, float] = {}

        def progress(fraction: float, message: str) -> None:
            if message.startswith("写入 PDF"):
                marks["write"] = time.perf_counter()

        start = time.perf_counter()
        result = renderer.render(pack, answers, folder / f"{name}.pdf", progress=progress)
        end = time.perf_counter()
        return end - start, marks.get("write", end) - start, result.pages, result.size

    # Warm both renderers (Pango loads the font files on first use) with a small report.
    small = folder / "small.answers.toml"
    small.write_bytes(answers.read_bytes())
    for renderer in (ours, naive):
        renderer.render(pack, small, folder / "warm.pdf")

    # Alternate the two and keep each one's fastest run: the machine is shared, and
    # the fastest run is the one least disturbed by other work.
    naive_runs, ours_runs = [], []
    for _ in range(args.repeat):
        naive_runs.append(timed(naive, "naive"))
        ours_runs.append(timed(ours, "ours"))
    naive_time, naive_layout, naive_pages, naive_size = min(naive_runs)
    ours_time, ours_layout, ours_pages, ours_size = min(ours_runs)

    print(
        f"report: {len(pack.items)} items, {ours_pages} pages, fastest of {args.repeat} runs "
        f"({folder})"
    )
    print(
        f"naive (table-layout: auto): {naive_time:5.2f} s  (layout {naive_layout:4.2f} s, "
        f"PDF {naive_time - naive_layout:4.2f} s)  {naive_pages} pages  {naive_size / 1024:6.0f} KB"
    )
    print(
        f"ours  (table-layout: fixed): {ours_time:5.2f} s  (layout {ours_layout:4.2f} s, "
        f"PDF {ours_time - ours_layout:4.2f} s)  {ours_pages} pages  {ours_size / 1024:6.0f} KB"
    )
    print(f"renderer set-up (fonts, CSS, template), once per process: {setup:4.2f} s")
    print(f"ratio ours / naive: {ours_time / naive_time:.2f}  (target ≤ 0.4)")
    print(
        f"targets: ours ≤ 1.5 s: {'yes' if ours_time <= 1.5 else 'NO'};  "
        f"PDF ≤ 400 KB: {'yes' if ours_size <= 400 * 1024 else 'NO'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
