"""The layering holds: import-linter's contracts (pyproject.toml) are kept by the code as it is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_contracts_name_the_rooms_the_architecture_doc_describes():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for contract in (
        'source_modules = ["tools", "store"]',
        'forbidden_modules = ["slack_bolt", "slack_sdk"]',
        'source_modules = ["bot.copilot", "jobs"]',
        'type = "acyclic_siblings"',
    ):
        assert contract in pyproject, contract
