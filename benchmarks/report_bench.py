"""Benchmark the PDF report against a naive rendering of the same content.

Generates a standard and a fully answered unit with notes, figures and evidence on
every item, then, in one process, renders the same HTML three ways:

- naive: WeasyPrint as a first attempt would call it: `HTML(...).write_pdf(...)`
  with automatic table layout, WeasyPrint's own font subsetting and the garbage
  collector running: the baseline of the target ratio;
- auto layout: our renderer with only the table layout switched back to automatic,
  to show what fixed table layout alone buys;
- ours: `Renderer.render`, as `checklist report` runs it: the report cut into two
  parts laid out side by side in forked worker processes, joined with its running
  header and footer (see checklist/report/pdf/parts.py, assemble.py and
  checklist/report/side_by_side.py);
- ours in the app: the same report through the app's render service
  (checklist/report/pdf/service.py), a process of its own that keeps its renderer
  and lays the parts out one after the other;
- the command: `checklist report` in a new process, start to finish: Python's start,
  the imports, the renderer's set-up and the fonts' first loading included, which
  the renderings above, made by a renderer set up once, leave out; the report's
  content is made in a worker process while the command loads WeasyPrint;
- the command in one process: the same, with the content made first and the parts
  laid out one after the other in the command's own process (no worker processes):
  what the worker processes buy.

Prints time, processor time, pages and size of each and the ratios, plus a
pure-Python reference loop so that figures from machines of different speeds can be
compared. The processor time (this process and the children it forked and waited for)
shows the floor a machine's cores put under the time: a report laid out on two cores
cannot take less than half its processor time.

    .venv/bin/python benchmarks/report_bench.py [--items 80] [--repeat 5] [--keep DIR]
        [--only naive,command]

`--only` keeps the named rows (naive, auto, ours, app, command, one_process): on a
busy machine a round of all six takes minutes. The load average is printed before
and after the rounds: figures from a loaded machine are slower, their ratios less so.

The default of 80 items gives a report of about 40 pages: each 评分明细 row holds
the answer, the figures, a note and the evidence numbers, so a row is 4–8 lines and
a page holds 4–6 rows. 400 items (--items 400) gives about 160 pages.

Targets (issue 17): the whole command ≤ 2.0 s for ~40 pages on a quiet 2-core
machine, the PDF under 300 KB; ours / naive ≤ 0.4 (issue 5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.answers import AnswersStore
from checklist.criteria import load_pack
from checklist.criteria.model import Pack

if TYPE_CHECKING:
    from checklist.report.pdf.writer import Renderer

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
CRITERIA_NAME = "bench.toml"


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
    path = folder / CRITERIA_NAME
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


def naive_render(renderer: Renderer, pack: Pack, answers: Path, out: Path) -> int:
    """The HTML `renderer` makes, written with WeasyPrint's defaults as a first attempt
    would: its stylesheet and URL fetcher, none of the renderer's other measures."""
    from weasyprint import HTML, Attachment

    from checklist.report.content import build_content
    from checklist.report.fingerprint import ATTACHMENT_NAME

    raw = answers.read_bytes()
    report = build_content(pack, raw)
    fetcher = renderer.fetcher
    # One document with its running header and footer in margin boxes, as a first
    # attempt would have them: the strings those boxes print, set where the body starts.
    running = (
        f'<div class="running" data-standard="示范单位自评报告 · 标准{escape(report.edition)}" '
        f'data-unit="{escape(report.unit)}" data-fingerprint="报告指纹 {report.fingerprint}"></div>'
    )
    html = HTML(
        string=renderer.html(report).replace("<body>", "<body>" + running, 1), url_fetcher=fetcher
    )
    document = html.render(
        stylesheets=[renderer.stylesheet, renderer.running_stylesheet],
        font_config=renderer.font_config,
    )
    document.write_pdf(
        out,
        attachments=[Attachment(string=raw, name=ATTACHMENT_NAME, url_fetcher=fetcher)],
        custom_metadata=True,
    )
    return len(document.pages)


ROWS = ("naive", "auto", "ours", "app", "command", "one_process")


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# `checklist report` with its parts laid out one after the other, in its own process.
ONE_PROCESS = (
    "import sys; from checklist.report import side_by_side; side_by_side.can_fork = lambda: False; "
    "from checklist.cli import main; sys.exit(main(sys.argv[1:]))"
)


def command_render(criteria: Path, answers: Path, out: Path, *, one_process: bool = False) -> int:
    """`checklist report` in a new process, as a user runs it: the pages it reports."""
    start = ["-c", ONE_PROCESS] if one_process else ["-m", "checklist"]
    command = [sys.executable, *start, "report", str(answers), "-o", str(out)]
    run = subprocess.run(
        [*command, "--criteria", str(criteria)], capture_output=True, text=True, check=False
    )
    pages = re.search(r"（(\d+) 页", run.stdout)
    if run.returncode != 0 or pages is None:
        raise SystemExit(f"checklist report failed:\n{run.stdout}{run.stderr}")
    return int(pages.group(1))


def _quiet(fraction: float, message: str) -> None:
    pass


def _processor_time() -> float:
    """Processor seconds used so far by this process and its waited-for children."""
    mine = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return sum(u.ru_utime + u.ru_stime for u in (mine, children))


def reference_loop() -> float:
    """Seconds for a fixed pure-Python loop: how fast this machine runs Python."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(5_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=80, help="a multiple of 40")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of the three renderings")
    parser.add_argument("--keep", type=Path, help="keep the generated files and PDFs here")
    parser.add_argument(
        "--only",
        default=",".join(ROWS),
        help="the rows to run, comma-separated: " + ", ".join(ROWS),
    )
    args = parser.parse_args()
    wanted = tuple(name for name in ROWS if name in args.only.split(","))
    print(f"load average before: {_load()}")

    folder = args.keep or Path(tempfile.mkdtemp(prefix="report-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    pack = generate_pack(folder, args.items)
    answers = generate_answers(folder, pack)

    t0 = time.perf_counter()
    from checklist.report.pdf.service import RenderService
    from checklist.report.pdf.writer import Renderer

    ours = Renderer()
    setup = time.perf_counter() - t0
    service: RenderService | None = None  # started for its own rounds, see below
    auto = Renderer(extra_css=NAIVE_CSS)

    def timed(name: str) -> tuple[float, int, int, float]:
        out = folder / f"{name}.pdf"
        cpu = _processor_time()
        start = time.perf_counter()
        if name == "naive":
            pages = naive_render(auto, pack, answers, out)
        elif name in ("command", "one_process"):
            pages = command_render(
                folder / CRITERIA_NAME, answers, out, one_process=name == "one_process"
            )
        elif name == "app":
            assert service is not None
            pages = service.render(pack, answers, out, ours.families, _quiet, print).pages
        else:
            renderer = ours if name == "ours" else auto
            pages = renderer.render(pack, answers, out).pages
        seconds = time.perf_counter() - start
        return seconds, pages, out.stat().st_size, _processor_time() - cpu

    # Warm each (Pango loads the font files on first use).
    names = wanted
    # The app's service keeps threads of its own (its process pool's), and a process
    # with other threads lays the parts out one after the other (side_by_side.py): its
    # rounds come after the others', each next to a round of the naive rendering.
    alone = tuple(name for name in names if name != "app")
    for name in alone:
        timed(name)
    # Alternate them and keep each one's fastest run: the machine is shared, and the
    # fastest run is the one least disturbed by other work.
    runs: dict[str, list[tuple[float, int, int, float]]] = {name: [] for name in names}
    for _ in range(args.repeat):
        for name in alone:
            gc.collect()
            runs[name].append(timed(name))
    naive_beside_app: list[tuple[float, int, int, float]] = []
    if "app" in names:
        service = RenderService()
        timed("app")
        for _ in range(args.repeat):
            for name in ("naive", "app"):
                gc.collect()
                (naive_beside_app if name == "naive" else runs["app"]).append(timed(name))
        service.close(wait=True)
    best = {name: min(runs[name]) for name in names}
    loop = reference_loop()

    shown_pages = next(iter(best.values()))[1] if best else 0
    print(
        f"report: {len(pack.items)} items, {shown_pages} pages, fastest of {args.repeat} runs ({folder})"
    )
    print(f"load average after: {_load()}  ({os.cpu_count()} cores)")
    labels = {
        "naive": "naive (WeasyPrint defaults, auto tables)",
        "auto": "auto layout (our renderer, auto tables)",
        "ours": "ours (our renderer, set up once)",
        "app": "ours in the app (render service)",
        "command": "checklist report, start to finish",
        "one_process": "the same, parts laid out in one process",
    }
    print(f"{'':42s} {'time':>7s}  {'CPU':>7s}")
    for name in names:
        seconds, pages, size, cpu = best[name]
        # The app's render service is a process that lives on: its time is not ours.
        shown = f"{'—':>7s}" if name == "app" else f"{cpu:5.2f} s"
        print(
            f"{labels[name]:42s} {seconds:5.2f} s  {shown}  {pages:3d} pages  {size / 1024:6.0f} KB"
        )
    print(
        f"importing the renderer and setting it up (fonts, CSS, template), once per "
        f"process: {setup:4.2f} s"
    )

    # The machine's speed drifts between runs (the reference loop below varies by half
    # on this shared machine), so the ratio is taken within each round, where the runs
    # stand next to each other in time, and the median round counts.
    def ratio_line(label: str, name: str, baseline: str, fastest: bool = False) -> float | None:
        if name not in runs or baseline not in runs:
            return None
        if name == "app":
            pairs = zip(runs["app"], naive_beside_app, strict=True)
        else:
            pairs = zip(runs[name], runs[baseline], strict=True)
        rounds = sorted(o[0] / b[0] for o, b in pairs)
        median = statistics.median(rounds)
        tail = f"; of the fastest runs {best[name][0] / best[baseline][0]:.2f}" if fastest else ""
        print(
            f"ratio {label}: {median:.2f} median of {len(rounds)} rounds "
            f"({rounds[0]:.2f}–{rounds[-1]:.2f}){tail}"
        )
        return median

    ratio = ratio_line("ours / naive", "ours", "naive", fastest=True)
    ratio_line("ours / auto layout", "ours", "auto")
    ratio_line("ours in the app / naive", "app", "naive")
    ratio_line("checklist report / naive", "command", "naive", fastest=True)
    ratio_line("checklist report in one process / naive", "one_process", "naive")
    ratio_line("checklist report / the same in one process", "command", "one_process")
    print(f"reference loop (5M additions in pure Python): {loop:.2f} s")
    cores = os.cpu_count() or 1
    if "ours" in best:
        ours_cpu = best["ours"][3]
        print(
            f"ours needs {ours_cpu:.2f} s of processor time: on this machine's {cores} "
            f"core(s) it cannot take less than {ours_cpu / cores:.2f} s"
        )
    targets = []
    if ratio is not None:
        targets.append(f"ours / naive ≤ 0.4: {'yes' if ratio <= 0.4 else 'NO'}")
    if "command" in best:
        seconds, _, size, cpu = best["command"]
        targets.append(f"the command ≤ 2.0 s: {'yes' if seconds <= 2.0 else 'NO'}")
        targets.append(f"PDF < 300 KB: {'yes' if size < 300 * 1024 else 'NO'}")
    print("targets (issue 17, on a quiet machine): " + ";  ".join(targets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
