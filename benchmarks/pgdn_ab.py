"""PgDn from answer to answer: one code tree against another (A/B), in interleaved
fresh processes.

    .venv/bin/python benchmarks/pgdn_ab.py --other DIR [--rounds N] [--presses N]

Only the PgDn part of benchmarks/app_bench.py, with its way of pressing a key and
measuring it (MEASURE: CPU from the key to the last screen update it caused), on the
shipped standard and on a generated 1,000-item standard. Each round runs, for each
standard, this tree's app and then the other's (the order swapped every other
round), each in a fresh process, so that the machine's changing load falls on both
alike. Unlike app_bench, each process waits until the items screen has made its
item widgets ahead (ItemDetail.prepared, as for a chair who has read the first
item) before the first press: none of that work falls on a press. `--other DIR` is a
second checkout (say, `git worktree add` of the commit to compare with); the same
answers and standards are used for both.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_bench import MEASURE, answers_for, generated_standard, private_env  # noqa: E402

PYTHON = sys.executable

CHILD = (
    MEASURE
    + r"""
from pathlib import Path
from checklist.tui.app import make_app
from checklist.tui.screens.items import ItemsScreen
from checklist.tui.widgets.item_detail import ItemDetail

async def main() -> None:
    answers, criteria, presses = sys.argv[1:4]
    app = make_app(Path(answers), Path(criteria))
    frames = Frames(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, ItemsScreen), main
        detail = main.query_one(ItemDetail)
        while not detail.prepared:
            await asyncio.sleep(0.05)
        await main.go_to(main.order[0])
        await pilot.pause()
        detail.answer_input().focus()
        await pilot.pause()
        await press(app, frames, "pagedown")  # warm up
        cpu, kinds = [], []
        for _ in range(int(presses)):
            cpu.append((await press(app, frames, "pagedown"))[0])
            kinds.append(main.pack.items[main.current].kind)  # the item it went to
    import checklist  # which tree's code ran
    print(json.dumps({"cpu": cpu, "kinds": kinds, "code": checklist.__file__}), flush=True)

asyncio.run(main())
"""
)


Press = tuple[float, str]  # CPU seconds, the kind of the item it went to


def measure(args: list[str], env: dict[str, str], cwd: Path) -> list[Press]:
    """CPU seconds of each PgDn of a fresh process, and the kind of item it went to."""
    out = subprocess.run(
        [PYTHON, "-c", CHILD, *args], capture_output=True, text=True, env=env, cwd=cwd
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"child failed in {cwd}:\n{out.stderr[-2000:]}")
    result = json.loads(lines[-1])
    assert Path(result["code"]).is_relative_to(cwd), (result["code"], cwd)
    return list(zip(result["cpu"], result["kinds"], strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", type=Path, required=True, help="the code tree to compare with")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--presses", type=int, default=25, help="PgDn per process")
    options = parser.parse_args()
    trees = {"this": ROOT, "other": options.other.resolve()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base_env = private_env(folder)
        envs = {
            tree: dict(
                base_env, PYTHONPATH=str(path), PYTHONPYCACHEPREFIX=str(folder / f"pyc-{tree}")
            )
            for tree, path in trees.items()
        }
        standards = {
            "shipped": ROOT / "criteria" / "tiaoli.toml",
            "1,000 items": generated_standard(folder),
        }
        args = {
            name: [str(answers_for(path, folder)), str(path), str(options.presses)]
            for name, path in standards.items()
        }

        def run(tree: str, name: str) -> list[Press]:
            state = folder / "state"  # every run starts at the first item
            for path in state.rglob("*") if state.exists() else []:
                if path.is_file():
                    path.unlink()
            return measure(args[name], envs[tree], trees[tree])

        for tree in trees:  # compile, fill the caches: not counted
            for name in standards:
                run(tree, name)
        results: dict[tuple[str, str], list[list[Press]]] = {
            (tree, name): [] for tree in trees for name in standards
        }
        for round_no in range(options.rounds):
            order = list(trees) if round_no % 2 == 0 else list(reversed(trees))
            for name in standards:
                for tree in order:
                    results[tree, name].append(run(tree, name))
            print(
                f"round {round_no + 1}: "
                + "; ".join(
                    f"{tree} {name} {_ms(results[tree, name][-1])}"
                    for name in standards
                    for tree in trees
                ),
                flush=True,
            )
    print(
        f"\nCPU ms per PgDn, median of {options.presses} presses × {options.rounds} processes"
        " (the medians of each process in brackets)"
    )
    for name in standards:
        for tree in trees:
            runs = results[tree, name]
            each = ", ".join(_ms(r) for r in runs)
            every = [p for r in runs for p in r]
            print(f"{tree:6} {name:12} {_ms(every):>6}   [{each}]  ({trees[tree]})")
    print("\nBy the kind of the item PgDn went to: presses, CPU ms (median) this / other")
    for name in standards:
        kinds = sorted({kind for r in results["this", name] for _, kind in r})
        parts = []
        for kind in kinds:
            this, other = (
                [p for r in results[tree, name] for p in r if p[1] == kind] for tree in trees
            )
            parts.append(f"{kind} {len(this)}: {_ms(this)} / {_ms(other)}")
        print(f"{name}: " + "; ".join(parts))


def _ms(presses: list[Press]) -> str:
    return f"{1000 * statistics.median(cpu for cpu, _ in presses):.1f}"


if __name__ == "__main__":
    main()
