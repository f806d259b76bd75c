"""How fast the terminal app opens and moves, against a bare Textual app.

    .venv/bin/python benchmarks/app_bench.py

Prints, for the shipped standard and a generated 1,000-item standard: time from
process start to the first interactive screen, time per next-item keypress (PgDn),
and peak memory; and the same for a bare Textual app showing a 1,000-node Tree,
measured in the same run, with the ratio of each figure to it. Targets: start
≤ 0.6 s (shipped) and ≤ 1.0 s (1,000 items), keypress ≤ 50 ms, memory ≤ 150 MB.

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
KEYPRESSES = 40

# Child: open the app, report when the first screen is interactive, then press PgDn.
APP_CHILD = r"""
import asyncio, json, resource, sys, time
from pathlib import Path
from checklist.tui.app import make_app
from checklist.tui.screens.main import MainScreen

async def main() -> None:
    app = make_app(Path(sys.argv[1]), Path(sys.argv[2]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen), app.screen
        print("READY", flush=True)
        times = []
        for _ in range(int(sys.argv[3])):
            start = time.perf_counter()
            await pilot.press("pagedown")
            await pilot.pause()
            times.append(time.perf_counter() - start)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"key": times, "rss_mb": rss}), flush=True)

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
        times = []
        for _ in range(int(sys.argv[1])):
            start = time.perf_counter()
            await pilot.press("down")
            await pilot.pause()
            times.append(time.perf_counter() - start)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"key": times, "rss_mb": rss}), flush=True)

asyncio.run(main())
"""

KINDS = ["yes_no", "level", "choice", "count", "threshold", "date", "multi_choice", "deductions"]


def generated_standard(folder: Path, areas: int = 10, indicators: int = 10, items: int = 10) -> Path:
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
        lines += ["", "[[area]]", f'id = "a{a}"', f'title = "一级指标{a}"', f"points = {indicators * items}"]
        for b in range(indicators):
            lines += ["[[area.indicator]]", f'id = "a{a}-{b}"', f'title = "二级指标{a}.{b}"', f"points = {items}"]
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
                    lines.append('options = [{ label = "好", points = 1 }, { label = "差", points = 0 }]')
                elif kind == "multi_choice":
                    lines.append('options = [{ label = "甲", points = 0.5 }, { label = "乙", points = 0.5 }]')
                elif kind == "deductions":
                    lines.append('options = [{ label = "制度", deduct = 0.5 }, { label = "台账", deduct = 0.5 }]')
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
        store.set_profile(unit="性能测试单位", staff=100, members=96, women_members=40, term_years=5)
    return path


def measure(args: list[str], env: dict[str, str]) -> tuple[float, list[float], float]:
    """Seconds from process start to READY, keypress times, peak RSS in MB."""
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
    return ready, result["key"], result["rss_mb"]


def summarise(runs: list[tuple[float, list[float], float]]) -> tuple[float, float, float]:
    start = statistics.median(r[0] for r in runs)
    keys = statistics.median(k for r in runs for k in r[1][1:])  # first press warms caches
    rss = max(r[2] for r in runs)
    return start, keys, rss


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ)
        env["XDG_STATE_HOME"] = str(folder / "state")  # never touch the user's resume state
        env["XDG_DATA_HOME"] = str(folder / "data")
        shipped = ROOT / "criteria" / "tiaoli.toml"
        big = generated_standard(folder)
        cases = {
            "shipped standard (55 items)": shipped,
            "generated standard (1,000 items)": big,
        }
        results: dict[str, tuple[float, float, float]] = {}
        results["baseline: bare app, 1,000-node tree"] = summarise(
            [measure([BASELINE_CHILD, str(KEYPRESSES)], env) for _ in range(RUNS)]
        )
        for name, criteria in cases.items():
            answers = answers_for(criteria, folder)
            runs = []
            for _ in range(RUNS):
                (folder / "state").exists() and _clear(folder / "state")
                runs.append(measure([APP_CHILD, str(answers), str(criteria), str(KEYPRESSES)], env))
            results[name] = summarise(runs)

    base = results["baseline: bare app, 1,000-node tree"]
    targets = {
        "shipped standard (55 items)": (0.6, 0.050, 150),
        "generated standard (1,000 items)": (1.0, 0.050, 150),
    }
    print(f"median of {RUNS} runs each; keypress = median over {KEYPRESSES - 1} presses per run\n")
    print(f"{'':38} {'start (s)':>10} {'ratio':>6} {'key (ms)':>9} {'ratio':>6} {'peak MB':>8}")
    for name, (start, key, rss) in results.items():
        line = (
            f"{name:38} {start:10.3f} {start / base[0]:6.2f} "
            f"{key * 1000:9.1f} {key / base[1]:6.2f} {rss:8.1f}"
        )
        if name in targets:
            t_start, t_key, t_rss = targets[name]
            ok = start <= t_start and key <= t_key and rss <= t_rss
            line += f"   targets ≤{t_start}s ≤{t_key * 1000:.0f}ms ≤{t_rss}MB: {'met' if ok else 'MISSED'}"
        print(line)


def _clear(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            path.unlink()


if __name__ == "__main__":
    main()
