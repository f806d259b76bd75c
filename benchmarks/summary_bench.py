"""Benchmark `checklist summary` on 200 units, as an inspection team runs it.

Makes a folder of 200 units: answers files (copies of the two shipped examples of
the 《条例》 standard under other unit names) and, with --reports N, N of them as
reports instead (a few laid out, the rest copies under other file names; reports are
read from what they carry, so copies cost what distinct reports cost). Then times,
each as a whole command in a new process:

- baseline: `checklist score` of one answers file (Python's start, the imports,
  reading the standards, one scoring): what any command costs;
- summary of the answers files: `checklist summary FOLDER`;
- summary of the mixed folder without verification: `--no-verify`.

Prints, for each, the processor time the command took (user + system, its own and its
children's: the machine is shared, and a busy moment of another process would count in
the clock's time) and the clock's time, the ratio to the baseline, the targets, and the
load average.

    .venv/bin/python benchmarks/summary_bench.py [--units 200] [--reports 100] [--repeat 3]
        [--keep FOLDER]

Targets (issue 16): 200 units summarised in ≤ 2 s for answers files, and ≤ 2 s plus
the verification time for reports (which --no-verify skips), judged on processor time.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CHECKLIST = [sys.executable, "-m", "checklist"]
TARGET = 2.0  # seconds, for 200 units


def _renamed(source: Path, unit: str) -> str:
    text = source.read_text(encoding="utf-8")
    return re.sub(r'(?m)^unit = ".*"$', f'unit = "{unit}"', text, count=1)


def _make_units(folder: Path, units: int, reports: int) -> None:
    sources = [EXAMPLES / "sample-complete.answers.toml", EXAMPLES / "sample-partial.answers.toml"]
    for n in range(units - reports):
        text = _renamed(sources[n % 2], f"第{n + 1}号机关工会")
        (folder / f"unit-{n + 1:03}.answers.toml").write_text(text, encoding="utf-8")
    if not reports:
        return
    laid_out = []
    with tempfile.TemporaryDirectory() as scratch:
        for n in range(min(reports, 4)):
            answers = Path(scratch) / f"r{n}.answers.toml"
            answers.write_text(_renamed(sources[n % 2], f"报告{n + 1}号机关工会"), "utf-8")
            pdf = Path(scratch) / f"r{n}.pdf"
            subprocess.run(
                [*CHECKLIST, "report", str(answers), "-o", str(pdf)],
                check=True,
                capture_output=True,
            )
            laid_out.append(pdf.read_bytes())
    for n in range(reports):
        (folder / f"report-{n + 1:03}.pdf").write_bytes(laid_out[n % len(laid_out)])


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _time(command: list[str], repeat: int) -> tuple[float, float]:
    """Median processor time and median clock time of `command`, in seconds."""
    cpu, wall = [], []
    for _ in range(repeat):
        start_cpu, start = _children_cpu(), time.perf_counter()
        done = subprocess.run(command, capture_output=True)
        wall.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - start_cpu)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--keep",
        type=Path,
        help="make the units in this folder and keep them; a later run reuses them "
        "(laying out the reports takes longest)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="summary-bench-") as scratch:
        folder = args.keep or Path(scratch)
        answers_only = folder / "answers"
        mixed = folder / "mixed"
        for made, reports in ((answers_only, 0), (mixed, args.reports)):
            if not made.is_dir():
                made.mkdir(parents=True)
                _make_units(made, args.units, reports)
        one = EXAMPLES / "sample-complete.answers.toml"
        baseline = _time([*CHECKLIST, "score", str(one)], args.repeat)
        answers = _time([*CHECKLIST, "summary", str(answers_only)], args.repeat)
        reports = _time([*CHECKLIST, "summary", "--no-verify", str(mixed)], args.repeat)
        shutil.rmtree(scratch, ignore_errors=True)
    scale = args.units / 200
    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"{args.units} units; median of {args.repeat} runs, each a whole command")
    print(f"load average {load} (1, 5, 15 minutes)")
    print(f"  {'':<42}{'processor':>10}{'clock':>9}")
    print(
        f"  {'baseline: checklist score, one file':<42}{baseline[0]:>8.2f} s{baseline[1]:>7.2f} s"
    )
    for name, (took, clock) in (
        ("summary, answers files", answers),
        (f"summary --no-verify, {args.reports} reports", reports),
    ):
        verdict = "ok" if took <= TARGET * scale else "OVER"
        print(
            f"  {name:<42}{took:>8.2f} s{clock:>7.2f} s  = {took / baseline[0]:5.2f}× baseline"
            f"  (target ≤ {TARGET * scale:.1f} s: {verdict})"
        )


if __name__ == "__main__":
    main()
