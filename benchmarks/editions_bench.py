"""How fast two 1,000-item editions are compared and an answers file carried across.

Takes the 1,000-item standard of criteria_bench.py as the old edition and makes a new
one from it the way a revision does: a fifth of the texts reworded, a third of the
threshold lines moved, ten items renumbered, ten removed and ten added (text items, so
that the sums still add up), and a new edition name. Prints the median of several runs:

- `diff`: comparing the two loaded editions and putting the result in words
  (`diff_packs` + `diff_text`), target ≤ 0.5 s (issue 19);
- `migrate`: a 1,000-item answers file read and validated as `checklist migrate` reads
  it, and carried to the new edition as text (`answers_from_bytes` + `migrate`),
  target ≤ 0.5 s (issue 19);

beside `validate` (`load_pack`) of each edition file, measured in the same run, and
the whole `checklist diff` / `checklist migrate` commands (standards loaded too).

Run: .venv/bin/python benchmarks/editions_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import re
import shutil
import sys
import tempfile
from pathlib import Path

import tomlkit

sys.path.insert(0, str(Path(__file__).parent))

from criteria_bench import filled_answers, medians, pack_toml

from checklist.answers.reading import answers_from_bytes, read_answers
from checklist.answers.session import stamp_table
from checklist.cli import main as cli
from checklist.criteria import load_pack
from checklist.editions.diff import diff_packs
from checklist.editions.diff_text import diff_text
from checklist.editions.migrate import migrate

DIFF_TARGET = MIGRATE_TARGET = 0.5
ON = dt.date(2026, 12, 1)


def revised(text: str) -> str:
    """The next edition of the benchmark standard."""
    text = text.replace('edition = "基准版"', 'edition = "基准版（修订）"')
    # A fifth of the texts reworded.
    text = re.sub(
        r'(text = "第\d+个一级指标第\d+个二级指标的第[05]个考核内容)（会议时间、人数）"',
        r'\1（会议时间、参加人数、议题）"',
        text,
    )
    # A third of the threshold lines moved.
    count = 0

    def line(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return "min = 85" if count % 3 == 0 else match.group(0)

    text = re.sub(r"min = 90", line, text)
    # The text items (0 points) of ten indicators: five renumbered, five removed, and
    # five new ones elsewhere.
    for a in range(5):
        text = text.replace(f'id = "a{a:02d}-00-09"', f'id = "a{a:02d}-00-19"')
    for a in range(5, 10):
        block = re.search(
            rf'    # 第9项\n    \[\[area.indicator.item\]\]\n    id = "a{a:02d}-01-09"\n.*?\n\n',
            text,
            re.DOTALL,
        )
        assert block is not None
        text = text.replace(block.group(0), "")
        added = block.group(0).replace(f"a{a:02d}-01-09", f"a{a:02d}-02-29")
        added = added.replace("考核内容", "新增的考核内容")
        anchor = f'    id = "a{a:02d}-02-09"'
        at = text.index(anchor)
        at = text.index("\n\n", at) + 2
        text = text[:at] + added + text[at:]
    return text


def answers_text(pack: object) -> str:
    answers = filled_answers(pack)  # type: ignore[arg-type]
    doc = tomlkit.document()
    doc["stamp"] = stamp_table(pack)  # type: ignore[arg-type]
    doc["profile"] = answers.profile.model_dump(exclude_none=True, exclude_defaults=True)
    table = tomlkit.table(is_super_table=True)
    for id_, answer in answers.answers.items():
        table[id_] = answer.model_dump(exclude_defaults=True)
    doc["answers"] = table
    doc["evidence"] = tomlkit.aot()
    for no in (1, 2):
        doc["evidence"].append(tomlkit.item({"no": no, "title": f"材料{no}"}))
    return tomlkit.dumps(doc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=9, help="runs per measurement (median)")
    args = parser.parse_args()

    old_text = pack_toml()
    new_text = revised(old_text)
    with tempfile.TemporaryDirectory() as folder:
        old_path, new_path = Path(folder) / "old.toml", Path(folder) / "new.toml"
        old_path.write_text(old_text, encoding="utf-8")
        new_path.write_text(new_text, encoding="utf-8")
        old, new = load_pack(old_path), load_pack(new_path)
        answers_path = Path(folder) / "answers.toml"
        answers_path.write_text(answers_text(old), encoding="utf-8")
        work = Path(folder) / "work.toml"

        diff = diff_packs(old, new)
        shown = diff_text(diff)
        answers = read_answers(answers_path)
        done = migrate(answers_path.read_text(encoding="utf-8"), answers, new, old, ON)

        def diff_once() -> str:
            return diff_text(diff_packs(old, new))

        def migrate_once() -> str:
            raw = answers_path.read_bytes()
            answers = answers_from_bytes(raw, "answers.toml")
            return migrate(raw.decode("utf-8"), answers, new, old, ON).text

        def command(*words: str) -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                assert cli(list(words)) == 0

        def migrate_command() -> None:
            shutil.copy(answers_path, work)
            command("migrate", str(work), "--to", str(new_path), "--from", str(old_path))

        validate_old, validate_new, diff_s, migrate_s, diff_cmd, migrate_cmd = medians(
            args.runs,
            lambda: load_pack(old_path),
            lambda: load_pack(new_path),
            diff_once,
            migrate_once,
            lambda: command("diff", str(old_path), str(new_path)),
            migrate_command,
        )

    counts = {s: len(diff.of(s)) for s in ("added", "removed", "changed")}
    print(
        f"editions: {len(old.items)} → {len(new.items)} items; changed {counts['changed']}, "
        f"added {counts['added']}, removed {counts['removed']}, unchanged {diff.unchanged}; "
        f"diff text {len(shown.splitlines())} lines"
    )
    outcome = {w: sum(1 for o in done.outcomes if o.what == w) for w in ("review", "retired")}
    print(
        f"answers: {len(answers.answers)} answered; after migrate {outcome['review']} for "
        f"review, {outcome['retired']} retired, {done.unchanged_kept} kept unchanged"
    )
    print(f"Python {sys.version.split()[0]}, median of {args.runs} runs")
    print()
    print(f"{'measurement':<44}{'median':>12}{'target':>10}")
    rows = [
        ("validate old edition (load_pack)", validate_old, None),
        ("validate new edition (load_pack)", validate_new, None),
        ("diff (diff_packs + diff_text)", diff_s, DIFF_TARGET),
        ("migrate (read + migrate)", migrate_s, MIGRATE_TARGET),
        ("checklist diff OLD NEW (whole command)", diff_cmd, None),
        ("checklist migrate A --to NEW (whole cmd)", migrate_cmd, None),
    ]
    failed = False
    for name, seconds, target in rows:
        verdict = ""
        if target is not None:
            ok = seconds <= target
            failed |= not ok
            verdict = f"{target * 1000:>7.0f} ms {'ok' if ok else 'OVER'}"
        print(f"{name:<44}{seconds * 1000:>9.1f} ms {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
