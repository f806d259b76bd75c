"""How fast the terminal app opens and moves, against a bare Textual app.

    .venv/bin/python benchmarks/app_bench.py

Prints, for the shipped standard and a generated 1,000-item standard: time from
process start to the first interactive screen, time per next-item keypress (PgDn)
with the focus in the tree and in an answer input, and peak memory; and the same
for a bare Textual app showing a 1,000-node Tree, measured in the same run.
Targets: start ≤ 0.6 s (shipped) and ≤ 1.0 s (1,000 items), keypress ≤ 50 ms,
memory ≤ 150 MB.

Each measurement runs in a fresh Python process (headless, 120×40), so imports count.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
RUNS = 5
KEYPRESSES = 20  # the shipped standard has about 50 items to move through

# Child: open the app, report when the first screen is interactive, then press PgDn.
APP_CHILD = r"""
import asyncio, json, resource, sys, time
from pathlib import Path
from textual.widgets import Tree
from checklist.tui.app import make_app
from checklist.tui.screens.items import ItemsScreen

async def presses(pilot, key, count):
    await pilot.press(key)  # warm up
    await pilot.pause()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        await pilot.press(key)
    await pilot.pause()
    return [(time.perf_counter() - wall) / count, (time.process_time() - cpu) / count]

async def main() -> None:
    app = make_app(Path(sys.argv[1]), Path(sys.argv[2]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ItemsScreen), app.screen
        print("READY", flush=True)
        count = int(sys.argv[3])
        # Browsing: focus in the tree; PgDn moves the tree cursor and shows the item.
        app.screen.query_one(Tree).focus()
        browsing = await presses(pilot, "pagedown", count)
        # Answering: from the first item again, focus in an answer input; PgDn moves
        # it to the next item's input.
        await app.screen.go_to(app.screen.order[0])
        await pilot.pause()
        app.screen.query_one("#answer").focus()
        answering = await presses(pilot, "pagedown", count)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"browse": browsing, "answer": answering, "rss_mb": rss}), flush=True)

asyncio.run(main())
"""

# Baseline: a bare Textual app with a 1,000-node tree, the same measurements.
BASELINE_CHILD = r"""
import asyncio, json, resource, sys, time
from textual.app import App, ComposeResult
from textual.widgets import Footer, Tree

class Bare(App[None]):
    def compose(self) -> ComposeResult:
        tree: Tree[str] = Tree("root")
        for a in range(10):
            area = tree.root.add(f"area {a}", expand=a == 0)
            for b in range(10):
                ind = area.add(f"indicator {a}.{b}", expand=True)
                for c in range(10):
                    ind.add_leaf(f"item {a}.{b}.{c}")
        yield tree
        yield Footer()

async def main() -> None:
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print("READY", flush=True)
        count = int(sys.argv[1])
        await pilot.press("down")  # warm up
        await pilot.pause()
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(count):
            await pilot.press("down")
        await pilot.pause()
        times = [(time.perf_counter() - wall) / count, (time.process_time() - cpu) / count]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"browse": times, "answer": times, "rss_mb": rss}), flush=True)

asyncio.run(main())
"""

KINDS = ["yes_no", "level", "choice", "count", "threshold", "date", "multi_choice", "deductions"]


def generated_standard(
    folder: Path, areas: int = 10, indicators: int = 10, items: int = 10
) -> Path:
    """A valid standard of areas × indicators × items items, one point each."""
    total = areas * indicators * items
    lines = [
        "[pack]",
        'id = "bench-1000"',
        'title = "性能测试标准"',
        'edition = "测试版"',
        "effective = 2026-01-01",
        'issuer = "测试"',
        f"total = {total}",
        f"pass = {total * 0.8:g}",
        f"demonstration = {total * 0.9:g}",
    ]
    for a in range(areas):
        lines += [
            "",
            "[[area]]",
            f'id = "a{a}"',
            f'title = "一级指标{a}"',
            f"points = {indicators * items}",
        ]
        for b in range(indicators):
            lines += [
                "[[area.indicator]]",
                f'id = "a{a}-{b}"',
                f'title = "二级指标{a}.{b}"',
                f"points = {items}",
            ]
            for c in range(items):
                kind = KINDS[(a * 100 + b * 10 + c) % len(KINDS)]
                lines += [
                    "[[area.indicator.item]]",
                    f'id = "a{a}-{b}-{c}"',
                    f'text = "第{a}.{b}.{c}项：机关工会依照章程开展工作，台账齐全，材料完整，按时报送"',
                    'basis = ["《机关工会工作暂行条例》"]',
                    'method = ["查阅资料"]',
                    'evidence = ["会议纪要"]',
                    "points = 1",
                    'guidance = "符合的得满分，不符合的不得分"',
                    f'kind = "{kind}"',
                ]
                if kind == "choice":
                    lines.append(
                        'options = [{ label = "好", points = 1 }, { label = "差", points = 0 }]'
                    )
                elif kind == "multi_choice":
                    lines.append(
                        'options = [{ label = "甲", points = 0.5 }, { label = "乙", points = 0.5 }]'
                    )
                elif kind == "deductions":
                    lines.append(
                        'options = [{ label = "制度", deduct = 0.5 }, { label = "台账", deduct = 0.5 }]'
                    )
                elif kind == "count":
                    lines.append("each = 0.5")
                elif kind == "threshold":
                    lines.append("min = 1")
                elif kind == "date":
                    lines.append("max_age_years = 5")
    path = folder / "bench-1000.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def answers_for(criteria: Path, folder: Path) -> Path:
    """An answers file with its profile filled, so the app opens on the main screen."""
    sys.path.insert(0, str(ROOT))
    from checklist.answers import AnswersStore
    from checklist.criteria import load_pack

    pack = load_pack(criteria)
    path = folder / f"{pack.info.id}.answers.toml"
    with AnswersStore.open(path, pack) as store:
        store.set_profile(
            unit="性能测试单位", staff=100, members=96, women_members=40, term_years=5
        )
    return path


Run = tuple[float, list[float], list[float], float]


def measure(args: list[str], env: dict[str, str]) -> Run:
    """Seconds from process start to READY; [wall, CPU] seconds per keypress while
    browsing and while answering; peak MB."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [PYTHON, "-c", *args], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    assert proc.stdout is not None
    ready = None
    result = None
    for line in proc.stdout:
        if line.strip() == "READY" and ready is None:
            ready = time.perf_counter() - start
        elif line.startswith("{"):
            result = json.loads(line)
    if proc.wait() != 0 or ready is None or result is None:
        raise SystemExit(f"benchmark child failed: {args[1:]}")
    return ready, result["browse"], result["answer"], result["rss_mb"]


def summarise(runs: list[Run]) -> list[float]:
    """Median start, browse wall and CPU, answer wall and CPU; the worst peak MB."""
    return [
        statistics.median(r[0] for r in runs),
        statistics.median(r[1][0] for r in runs),
        statistics.median(r[1][1] for r in runs),
        statistics.median(r[2][0] for r in runs),
        statistics.median(r[2][1] for r in runs),
        max(r[3] for r in runs),
    ]


BASELINE = "baseline: bare app, 1,000-node tree"
# (start s, keypress s or None, peak MB): the keypress target is set for 1,000 items.
TARGETS: dict[str, tuple[float, float | None, float]] = {
    "shipped standard (55 items)": (0.6, None, 150),
    "generated standard (1,000 items)": (1.0, 0.050, 150),
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ)
        env["XDG_STATE_HOME"] = str(folder / "state")  # never touch the user's resume state
        env["XDG_DATA_HOME"] = str(folder / "data")
        cases = {
            "shipped standard (55 items)": ROOT / "criteria" / "tiaoli.toml",
            "generated standard (1,000 items)": generated_standard(folder),
        }
        results = {
            BASELINE: summarise(
                [measure([BASELINE_CHILD, str(KEYPRESSES)], env) for _ in range(RUNS)]
            )
        }
        for name, criteria in cases.items():
            answers = answers_for(criteria, folder)
            runs = []
            for _ in range(RUNS):
                _clear(folder / "state")  # every run starts at the first item
                runs.append(measure([APP_CHILD, str(answers), str(criteria), str(KEYPRESSES)], env))
            results[name] = summarise(runs)
    report(results)


def report(results: dict[str, list[float]]) -> None:
    base = results[BASELINE]
    print(
        f"median of {RUNS} runs; a keypress (PgDn, next item) is timed over {KEYPRESSES}"
        " presses in a row,\nwith the focus in the tree (browse) and in an answer input"
        " (answer):\n  CPU = processor time per press, the latency on an idle machine;\n"
        "  wall = elapsed time per press, including the test harness's idle waits.\n"
        "The baseline moves the cursor of a bare 1,000-node Tree (Down).\n"
    )
    print(
        f"{'':36} {'start s':>7} {'×base':>5}  {'browse CPU/wall ms':<18}"
        f" {'answer CPU/wall ms':<18} {'×base wall':>10} {'peak MB':>7} {'×base':>5}"
    )
    for name, (start, b_wall, b_cpu, a_wall, a_cpu, rss) in results.items():
        browse = f"{b_cpu * 1000:.1f}/{b_wall * 1000:.1f}"
        answer = f"{a_cpu * 1000:.1f}/{a_wall * 1000:.1f}"
        print(
            f"{name:36} {start:7.3f} {start / base[0]:5.2f}  {browse:<18} {answer:<18}"
            f" {a_wall / base[3]:10.2f} {rss:7.1f} {rss / base[5]:5.2f}"
        )
        if name in TARGETS:
            t_start, t_key, t_rss = TARGETS[name]
            verdicts = [f"start {'met' if start <= t_start else 'MISSED'} (≤{t_start}s)"]
            if t_key is not None:
                verdicts += [
                    f"browse {'met' if b_cpu <= t_key else 'MISSED'}",
                    f"answer {'met' if a_cpu <= t_key else 'MISSED'} (≤{t_key * 1000:.0f}ms CPU)",
                ]
            verdicts.append(f"memory {'met' if rss <= t_rss else 'MISSED'} (≤{t_rss}MB)")
            print("    " + ", ".join(verdicts))


def _clear(folder: Path) -> None:
    if folder.exists():
        for path in folder.rglob("*"):
            if path.is_file():
                path.unlink()


if __name__ == "__main__":
    main()
