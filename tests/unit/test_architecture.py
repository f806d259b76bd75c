"""The domain never imports the terminal UI or the PDF engine (STYLE.md, habit 1)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.builders import ROOT

DOMAIN = [
    "checklist.criteria",
    "checklist.criteria.kinds",
    "checklist.formats",
    "checklist.answers",
    "checklist.scoring",
    "checklist.problems",
    "checklist.locations",
    "checklist.score_text",
    "checklist.tomlpos",
    "checklist.toml_source",
    "checklist.reading",
    "checklist.atomic",
    "checklist.editions",
    "checklist.validated_cache",
    "checklist.pydantic_plugins",
]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_import_linter_contract_is_kept() -> None:
    result = subprocess.run(
        [str(LINT_IMPORTS)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Domain never imports the UI or the PDF engine KEPT" in result.stdout


def test_the_contract_covers_every_domain_module() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for module in DOMAIN:
        assert f'"{module}"' in pyproject, module


def test_import_linter_would_catch_a_forbidden_import(tmp_path: Path) -> None:
    # The command line imports the UI (lazily, inside a function): the same kind of
    # contract with it as the source must be reported broken.
    config = tmp_path / "contract.toml"
    config.write_text(
        "[tool.importlinter]\n"
        'root_package = "checklist"\n'
        "include_external_packages = true\n\n"
        "[[tool.importlinter.contracts]]\n"
        'name = "cli stays away from the UI"\n'
        'type = "forbidden"\n'
        'source_modules = ["checklist.cli"]\n'
        'forbidden_modules = ["checklist.tui"]\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(LINT_IMPORTS), "--config", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout


def test_importing_the_domain_loads_neither_textual_nor_weasyprint() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in DOMAIN)
        + "import checklist.cli\n"
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'weasyprint')"
        + " or m.startswith(('checklist.tui', 'checklist.report'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
