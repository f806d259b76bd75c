"""Benchmark the report's Word copy against the same document written naively.

Uses report_bench.py's standard and fully answered unit (80 items: a PDF of about 40
pages) and, in one process, writes the same content three ways:

- naive: python-docx's own API as a first attempt would call it, on the same page
  set-up and styles: `add_paragraph(text, style)` for each paragraph of our document
  and `add_table` with `cell(r, c).text = …` for each cell of its tables, the same
  paragraphs, rows and cells in the same order: the baseline;
- ours: `checklist.report.docx.writer.render`, content step included, as the command
  runs it (tables made in one pass as WordprocessingML, see docx/wordml.py);
- the command: `checklist report ANSWERS -o 报告.docx` in a new process, start to
  finish: Python's start and the imports included.

Prints each one's fastest time and size, the ratio ours / naive (median of the rounds,
each run next to the other in time) and the targets (issue 17: the command ≤ 1.0 s).

    .venv/bin/python benchmarks/docx_bench.py [--items 80] [--repeat 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from report_bench import CRITERIA_NAME, generate_answers, generate_pack, reference_loop

from checklist.criteria.model import Pack
from checklist.report.content import build_content
from checklist.report.docx import styles, writer

Block = tuple[str, str] | list[list[str]]  # a paragraph (style name, text) or a table


def blocks_of(document: Document) -> list[Block]:
    """Our document's paragraphs and tables in order: what the naive writer writes."""
    names = {s.style_id: s.name for s in document.styles}

    def text(element: object) -> str:
        return "".join(t.text or "" for t in element.iter(qn("w:t")))  # type: ignore[attr-defined]

    found: list[Block] = []
    for element in document.element.body:
        if element.tag == qn("w:p"):
            style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            found.append(
                (names[style.get(qn("w:val"))] if style is not None else "Normal", text(element))
            )
        elif element.tag == qn("w:tbl"):
            found.append(
                [[text(tc) for tc in tr.iter(qn("w:tc"))] for tr in element.iter(qn("w:tr"))]
            )
    return found


def naive(blocks: list[Block], out: Path) -> None:
    """The same paragraphs and cells through python-docx's API (see the module doc)."""
    document = docx.Document()
    styles.set_up(document)
    styles.number_pages(document)
    for block in blocks:
        if isinstance(block, tuple):
            document.add_paragraph(block[1], block[0])
            continue
        columns = max(len(row) for row in block)
        table = document.add_table(rows=len(block), cols=columns, style=styles.TABLE_STYLE)
        for r, row in enumerate(block):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    document.save(str(out))


def ours(pack: Pack, answers: Path, out: Path) -> None:
    writer.render(pack, answers, out)


def command(criteria: Path, answers: Path, out: Path) -> None:
    # As an installed program runs: its modules compiled once (pip does so when it
    # installs), here into a folder of the benchmark's own.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(out.parent / "pycache")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "checklist",
            "report",
            str(answers),
            "-o",
            str(out),
            "--criteria",
            str(criteria),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if run.returncode != 0:
        raise SystemExit(f"checklist report failed:\n{run.stdout}{run.stderr}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=80, help="a multiple of 40")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the generated files here")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="docx-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    pack = generate_pack(folder, args.items)
    answers = generate_answers(folder, pack)
    content = build_content(pack, answers.read_bytes())
    blocks = blocks_of(writer.document_of(content))
    paragraphs = sum(1 for b in blocks if isinstance(b, tuple))
    tables = [b for b in blocks if isinstance(b, list)]

    runs: dict[str, list[float]] = {"naive": [], "ours": [], "command": []}
    processor: list[float] = []  # of the command's runs

    def timed(name: str) -> float:
        out = folder / f"{name}.docx"
        out.unlink(missing_ok=True)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        if name == "naive":
            naive(blocks, out)
        elif name == "ours":
            ours(pack, answers, out)
        else:
            command(folder / CRITERIA_NAME, answers, out)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            processor.append(
                after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
            )
        return time.perf_counter() - start

    for name in runs:  # warm: python-docx's template, the imports, the compiled modules
        timed(name)
    processor.clear()
    for _ in range(args.repeat):
        for name in runs:
            gc.collect()
            runs[name].append(timed(name))
    loop = reference_loop()

    print(
        f"Word copy: {len(pack.items)} items, {paragraphs} paragraphs outside tables, "
        f"{len(tables)} tables of {sum(len(t) for t in tables)} rows and "
        f"{sum(len(r) for t in tables for r in t)} cells; fastest of {args.repeat} runs ({folder})"
    )
    labels = {
        "naive": "naive (python-docx API, cell by cell)",
        "ours": "ours (content and document, in process)",
        "command": "checklist report -o .docx, start to finish",
    }
    for name, label in labels.items():
        size = (folder / f"{name}.docx").stat().st_size
        print(f"{label:44s} {min(runs[name]):5.2f} s  {size / 1024:6.0f} KB")
    ratios = sorted(o / n for o, n in zip(runs["ours"], runs["naive"], strict=True))
    print(
        f"ratio ours / naive: {statistics.median(ratios):.2f} median of {len(ratios)} rounds "
        f"({ratios[0]:.2f}–{ratios[-1]:.2f})"
    )
    print(
        f"the command's processor time: {min(processor):.2f} s at least (its floor on a "
        f"machine others share: os.getloadavg() {os.getloadavg()[0]:.1f} now)"
    )
    print(f"reference loop (5M additions in pure Python): {loop:.2f} s")
    fastest = min(runs["command"])
    print(f"target: the command ≤ 1.0 s: {'yes' if fastest <= 1.0 else 'NO'} ({fastest:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
