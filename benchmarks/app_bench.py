"""How fast the terminal app opens and answers keys, against a bare Textual app.

    .venv/bin/python benchmarks/app_bench.py [--runs N]

For the shipped standard and a generated 1,000-item standard: the time from process
start to the first screen, and for each key the chair uses to move around (PgDn from
answer to answer, Down in the tree, Ctrl+N, F2, F3, F4 and Esc back from each) two
figures per press:
  CPU     processor time from the key to the last screen update it caused: the
          latency on an idle machine;
  settle  elapsed time from the key to that last update: what the chair waits for,
          including the screen's frame clock (60 per second).
A bare Textual app is measured in the same run (a 1,000-node Tree moved with Down, a
screen of 12 labelled inputs opened and closed), and each figure is also given as a
ratio to the bare app's figure for the same kind of key, because this machine's speed
varies.

Each run is a fresh Python process (headless, 120×40), so imports count, from modules
compiled once as an installed program's are (pip compiles them when it installs; Textual's
in the environment are): into a folder of the benchmark's own, by one run of each app
and standard before those measured, which also fills the app's caches (validated files,
parsed style sheets) as an earlier start of the same files does; the first start of a
standard (or of a new version of the program) is slower, see benchmarks/start_ab.py
--cold. Keys are
posted one at a time as a terminal delivers them; the next is sent once, for QUIET
seconds, no update has come and no message has waited in any queue. Cursor blinking is switched off: it is not caused by a key.

Targets (issue 18): PgDn ≤ 16 ms CPU per press on both standards, start ≤ 1.3 × the
bare app's, F2 (基本情况) open ≤ 100 ms until settled.
"""

from __future__ import annotations

import argparse
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
PRESSES = 20  # PgDn in a row; the shipped standard has about 50 items
CTRL_N = 10
# Each other screen is opened and closed this many times a run; the app keeps some
# screens once made, so their first opening is reported apart from the later ones.
OPENINGS = 3

# Shared by both children: post one key, wait until the screen has settled, and
# return (CPU seconds, settle seconds) up to the last screen update the key caused.
MEASURE = r"""
import asyncio, json, resource, sys, time
from textual import events
from textual.widgets import Input, TextArea

QUIET = 0.2  # seconds of no update and no message waiting: the key's work is done

for widget in (Input, TextArea):
    widget._toggle_cursor = lambda self: None  # no blinking: no updates of its own

class Frames:
    def __init__(self, app):
        self.last = (0.0, 0.0)
        display = app._display
        def recorded(screen, renderable):
            if renderable is not None:
                self.last = (time.perf_counter(), time.process_time())
            display(screen, renderable)
        app._display = recorded

def busy(app):  # a message waits in the queue of the app or of a node of a screen
    return app.message_queue_size or any(
        node.message_queue_size
        for screen in app.screen_stack
        for node in screen.walk_children(with_self=True)
    )

async def press(app, frames, key):
    wall, cpu = time.perf_counter(), time.process_time()
    frames.last = (wall, cpu)
    app.post_message(events.Key(key, key if len(key) == 1 else None))
    # Settled: for QUIET no update has come, and then no message waits anywhere (looked
    # at only then: its cost falls after the last update, outside what is measured).
    seen, active = frames.last, wall
    while True:
        await asyncio.sleep(QUIET / 10)
        now = time.perf_counter()
        if frames.last != seen:
            seen, active = frames.last, now
        elif now - active >= QUIET:
            if not busy(app):
                break
            active = now
    return frames.last[1] - cpu, frames.last[0] - wall

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

# The app: open it, report when the first screen is up, then press the keys.
APP_CHILD = (
    MEASURE
    + r"""
from pathlib import Path
from textual.widgets import Tree
from checklist.tui.app import make_app
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.widgets.item_detail import ItemDetail

async def main() -> None:
    answers, criteria, presses, ctrl_n, openings = sys.argv[1:6]
    app = make_app(Path(answers), Path(criteria))
    frames = Frames(app)
    times = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, ItemsScreen), main
        print("READY", flush=True)

        async def keys(name, key, count):
            for _ in range(count):
                times.setdefault(name, []).append(await press(app, frames, key))

        # Answering: from the first item, focus in its answer input; PgDn moves it to
        # the next item's input.
        await main.go_to(main.order[0])
        await pilot.pause()
        # The answer input shown (the app keeps hidden ones of other kinds).
        main.query_one(ItemDetail).answer_input().focus()
        await pilot.pause()
        await press(app, frames, "pagedown")  # warm up
        await keys("PgDn", "pagedown", int(presses))
        # Browsing: from the first item again, focus in the tree; Down moves its cursor
        # and shows the item under it (or nothing new, on an area's line).
        await main.go_to(main.order[0])
        main.query_one(Tree).focus()
        await pilot.pause()
        await keys("Down in the tree", "down", int(presses))
        await keys("Ctrl+N", "ctrl+n", int(ctrl_n))
        for key, name in (("f2", "基本情况"), ("f3", "佐证材料"), ("f4", "概要")):
            for opening in range(int(openings)):
                again = "first open" if opening == 0 else "open again"
                await keys(f"{key.upper()} ({name}) {again}", key, 1)
                assert app.screen is not main, key
                await keys(f"Esc from {key.upper()}", "escape", 1)
                assert app.screen is main, key
    print(json.dumps({"times": times, "rss_mb": peak_mb()}), flush=True)

asyncio.run(main())
"""
)

# The bare app: a 1,000-node tree, and a screen of 12 labelled inputs on F2.
# The bare app's 1,000-node tree, for its children here and in start_ab.py.
BARE_TREE = r"""
from textual.widgets import Tree

def bare_tree():
    tree = Tree("root")
    tree.show_root = False  # as the app's tree; its root holds the areas, open
    tree.root.expand()
    for a in range(10):
        area = tree.root.add(f"area {a}", expand=a == 0)
        for b in range(10):
            ind = area.add(f"indicator {a}.{b}", expand=True)
            for c in range(10):
                ind.add_leaf(f"item {a}.{b}.{c}")
    return tree
"""

BASELINE_CHILD = (
    MEASURE
    + BARE_TREE
    + r"""
from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Tree

class Form(Screen[None]):
    BINDINGS = [("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for n in range(12):
                with Horizontal(classes="row"):
                    yield Label(f"field {n}")
                    yield Input(placeholder=f"value {n}", compact=True)
        yield Footer()

class Bare(App[None]):
    CSS = ".row { height: auto; } .row Label { width: 20; }"
    BINDINGS = [("f2", "open", "Form")]

    def compose(self) -> ComposeResult:
        yield bare_tree()
        yield Footer()

    def action_open(self) -> None:
        self.push_screen(Form())

async def main() -> None:
    presses, openings = sys.argv[1:3]
    app = Bare()
    frames = Frames(app)
    times = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print("READY", flush=True)
        await press(app, frames, "down")  # warm up
        for _ in range(int(presses)):
            times.setdefault("move", []).append(await press(app, frames, "down"))
        for _ in range(int(openings)):
            times.setdefault("open", []).append(await press(app, frames, "f2"))
            times.setdefault("close", []).append(await press(app, frames, "escape"))
    print(json.dumps({"times": times, "rss_mb": peak_mb()}), flush=True)

asyncio.run(main())
"""
)

# Which bare-app figure each key of the app is compared with.
COMPARED_WITH = {"PgDn": "move", "Down": "move", "Ctrl+N": "move", "F": "open", "Esc": "close"}
# Targets of issue 18: (key, figure, limit in seconds); figure 0 is CPU, 1 is settle.
TARGETS = [("PgDn", 0, 0.016), ("F2 (基本情况)", 1, 0.100)]
START_TARGET = 1.3  # × the bare app's start

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


Times = dict[str, list[list[float]]]  # key → [[CPU s, settle s], …]
Run = tuple[float, Times, float]  # start s, key times, peak MB


def private_env(folder: Path) -> dict[str, str]:
    """The environment of a benchmark's children: their resume state, data and caches
    in `folder`, never the user's; compiled modules kept (set PYTHONPYCACHEPREFIX):
    without them each run compiled the app's own modules anew."""
    env = dict(os.environ)
    env["XDG_STATE_HOME"] = str(folder / "state")
    env["XDG_DATA_HOME"] = str(folder / "data")
    env["XDG_CACHE_HOME"] = str(folder / "cache")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(args: list[str], env: dict[str, str]) -> Run:
    """Seconds from process start to READY, the times of each key, peak MB."""
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
    return ready, result["times"], result["rss_mb"]


class Summary:
    """Medians over the runs: start, and (CPU, settle) per key; the worst peak MB."""

    def __init__(self, runs: list[Run]) -> None:
        self.start = statistics.median(r[0] for r in runs)
        self.peak_mb = max(r[2] for r in runs)
        self.keys: dict[str, tuple[float, float]] = {}
        for key in runs[0][1]:
            presses = [p for r in runs for p in r[1][key]]
            self.keys[key] = (
                statistics.median(p[0] for p in presses),
                statistics.median(p[1] for p in presses),
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="fresh processes per case")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = private_env(folder)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        cases = {
            "shipped standard": ROOT / "criteria" / "tiaoli.toml",
            "1,000 items": generated_standard(folder),
        }
        base_args = [BASELINE_CHILD, str(PRESSES), str(OPENINGS)]
        measure(base_args, env)  # compiles the modules; not counted
        base = Summary([measure(base_args, env) for _ in range(runs)])
        app_args = {
            name: [
                APP_CHILD,
                *map(str, (answers_for(criteria, folder), criteria, PRESSES, CTRL_N, OPENINGS)),
            ]
            for name, criteria in cases.items()
        }
        # Compiles the modules, and fills the app's caches of validated files and parsed
        # style sheets (as any earlier start of the same files did); not counted.
        for args in app_args.values():
            measure(args, env)
        results = {}
        for name, args in app_args.items():
            measured = []
            for _ in range(runs):
                _clear(folder / "state")  # every run starts at the first item
                measured.append(measure(args, env))
            results[name] = Summary(measured)
    report(base, results, runs)


def report(base: Summary, results: dict[str, Summary], runs: int) -> None:
    print(
        f"Median of {runs} runs (fresh processes). Per key: CPU ms / settle ms until the"
        " last screen update,\nand settle as a multiple of the bare Textual app's (×bare)."
    )
    print(
        f"Bare app: start {base.start:.3f} s; Tree cursor Down"
        f" {_ms(base.keys['move'])}; open a screen of 12 inputs {_ms(base.keys['open'])};"
        f" close it {_ms(base.keys['close'])}; peak {base.peak_mb:.0f} MB.\n"
    )
    names = list(results)
    print(f"{'':26}" + "".join(f"{name:>30}" for name in names))
    print(
        f"{'start s (×bare)':26}"
        + "".join(f"{f'{r.start:.3f} ({r.start / base.start:.2f}×)':>30}" for r in results.values())
    )
    for key in sorted(next(iter(results.values())).keys, key=_row):
        compared = base.keys[next(v for k, v in COMPARED_WITH.items() if key.startswith(k))]
        cells = []
        for r in results.values():
            cpu, settle = r.keys[key]
            cells.append(f"{_ms((cpu, settle))} ({settle / compared[1]:.1f}×)")
        print(f"{key:26}" + "".join(f"{cell:>30}" for cell in cells))
    print(f"{'peak MB':26}" + "".join(f"{r.peak_mb:>30.0f}" for r in results.values()))
    print("\nTargets of issue 18:")
    for name, r in results.items():
        verdicts = [
            f"start {r.start / base.start:.2f}× "
            f"{'met' if r.start <= START_TARGET * base.start else 'MISSED'} (≤{START_TARGET}×)"
        ]
        for key_start, figure, limit in TARGETS:
            for key, times in r.keys.items():
                if key.startswith(key_start):
                    what = "CPU" if figure == 0 else "settle"
                    verdicts.append(
                        f"{key} {what} {times[figure] * 1000:.1f} ms "
                        f"{'met' if times[figure] <= limit else 'MISSED'} (≤{limit * 1000:.0f})"
                    )
        print(f"  {name}: " + "; ".join(verdicts))


def _row(key: str) -> tuple[int, str, int]:
    """Rows in the order of the issue: moving keys, then each screen's F key (first
    opening, later ones) and its Esc."""
    if not key.startswith(("F", "Esc")):
        return (0, "", 0)
    screen = key.split()[-1] if key.startswith("Esc") else key.split()[0]
    return (1, screen, 2 if key.startswith("Esc") else 1 if "again" in key else 0)


def _ms(times: tuple[float, float] | list[float]) -> str:
    return f"{times[0] * 1000:.1f} / {times[1] * 1000:.1f}"


def _clear(folder: Path) -> None:
    if folder.exists():
        for path in folder.rglob("*"):
            if path.is_file():
                path.unlink()


if __name__ == "__main__":
    main()
