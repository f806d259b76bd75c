"""How long the terminal app takes to show its first screen: one code tree against
another (A/B), and against a bare Textual app, in interleaved fresh processes.

    .venv/bin/python benchmarks/start_ab.py [--runs N] [--other DIR] [--cold]

Only the start of benchmarks/app_bench.py: wall time from Popen to READY (printed
after the first `pilot.pause()`), and the child's own CPU time up to READY. Each
round runs the bare app, then the app of each code tree on the shipped standard and
on a generated 1,000-item standard, so that the machine's changing load falls on all
of them alike. `--other DIR` is a second checkout (say, `git worktree add` of the
commit to compare with); the same answers and standards are used for both. The
app's caches (validated files, parsed style sheets) are filled by a first start that
is not counted, as by any earlier start of the same files; `--cold` empties them
before each start instead: the first start of a standard or of a new program.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_bench import BARE_TREE, answers_for, generated_standard, private_env  # noqa: E402

PYTHON = sys.executable

APP = r"""
import os, sys, time, asyncio
from pathlib import Path
from checklist.tui.app import make_app
from checklist.tui.screens.items import ItemsScreen

async def main():
    app = make_app(Path(sys.argv[1]), Path(sys.argv[2]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ItemsScreen), app.screen
        print("READY", time.process_time(), flush=True)
        app.exit()  # as a user leaves: the app keeps what it parsed

asyncio.run(main())
"""

BARE = (
    BARE_TREE
    + r"""
import os, sys, time, asyncio
from textual.app import App, ComposeResult
from textual.widgets import Footer

class Bare(App[None]):
    CSS = ".row { height: auto; } .row Label { width: 20; }"

    def compose(self) -> ComposeResult:
        yield bare_tree()
        yield Footer()

async def main():
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print("READY", time.process_time(), flush=True)
        app.exit()  # as a user leaves: the app keeps what it parsed

asyncio.run(main())
"""
)


def measure(code: str, args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds from Popen to READY, the child's CPU seconds to READY)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [PYTHON, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env, cwd=cwd
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("READY"):
            wall = time.perf_counter() - start
            cpu = float(line.split()[1])
            break
    else:
        raise SystemExit(f"child failed in {cwd}")
    proc.wait()
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--other", type=Path, help="a second code tree to compare with")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="empty the app's cache folder before each start (the first start of a standard)",
    )
    options = parser.parse_args()
    trees = {"this": ROOT}
    if options.other:
        trees["other"] = options.other.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base_env = private_env(folder)
        standards = {
            "shipped": ROOT / "criteria" / "tiaoli.toml",
            "1000": generated_standard(folder),
        }
        answers = {name: answers_for(path, folder) for name, path in standards.items()}
        cases: list[tuple[str, str, list[str], dict[str, str], Path]] = []
        cases.append(("bare", BARE, [], base_env, ROOT))
        for tree, path in trees.items():
            env = dict(base_env, PYTHONPATH=str(path))
            env["PYTHONPYCACHEPREFIX"] = str(folder / f"pycache-{tree}")
            for name, criteria in standards.items():
                args = [str(answers[name]), str(criteria)]
                cases.append((f"{tree} {name}", APP, args, env, path))
        for _, code, args, env, cwd in cases:  # compile, fill caches: not counted
            measure(code, args, env, cwd)
        results: dict[str, list[tuple[float, float]]] = {case[0]: [] for case in cases}
        for _ in range(options.runs):
            for name, code, args, env, cwd in cases:
                for kept in ("state", "cache") if options.cold else ("state",):
                    if (folder / kept).exists():
                        for p in (folder / kept).rglob("*"):
                            if p.is_file():
                                p.unlink()
                results[name].append(measure(code, args, env, cwd))
    bare = statistics.median(w for w, _ in results["bare"])
    bare_cpu = statistics.median(c for _, c in results["bare"])
    print(f"median of {options.runs} interleaved runs: wall s (×bare) / CPU s (×bare)")
    for name, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{name:16} {wall:.3f} ({wall / bare:.2f}×)   {cpu:.3f} ({cpu / bare_cpu:.2f}×)")


if __name__ == "__main__":
    main()
