"""The README is the front door: short, its sample output is what `salesos demo` prints, and the command the tour
prints works in a new shell (no activated virtualenv)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SAMPLE = re.compile(
    r"<!-- sample-output: (?P<cmd>[^>]*) -->\n```text\n(?P<text>.*?)\n```\n<!-- /sample-output -->", re.S
)


def test_readme_is_short_and_links_the_measurements():
    assert len(README.splitlines()) < 150
    for doc in ("docs/benchmarks.md", "docs/evaluation.md", "docs/operations.md", "docs/slack-install.md"):
        assert f"]({doc})" in README and (ROOT / doc).is_file()
    for doc in ("docs/benchmarks.md", "docs/evaluation.md"):  # sections others add to, each with its heading
        headings = [line for line in (ROOT / doc).read_text().splitlines() if line.startswith("## ")]
        assert len(headings) >= 4
    assert "| runs |" not in README and "ROC-AUC |" not in README  # the tables live in docs/
    assert "DATABASE_URL" in README.split("## Next steps")[1].split("import-csv")[0]  # a separate store first


def test_readme_sample_output_is_what_the_demo_prints(monkeypatch, tmp_path, capsys):
    found = SAMPLE.search(README)
    assert found, "README lost its sample-output block"
    assert found["cmd"] == "DATABASE_URL=sqlite:///var/readme-sample.db ./salesos demo --as-of 2026-11-25T14:50"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'readme-sample.db'}")
    monkeypatch.setattr(app, "command_name", lambda: "./salesos")
    assert app.main(["demo", "--as-of", "2026-11-25T14:50"]) == 0
    out = capsys.readouterr().out
    tour = out[out.index("$ ./salesos ask") :].splitlines()
    shown = found["text"].splitlines()
    assert len(shown) >= 30 and shown == tour[: len(shown)]


def _plain_shell_env(tmp_path: Path) -> dict[str, str]:
    """A new shell: no virtualenv on PATH, no VIRTUAL_ENV, our own store and folders."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'tour.db'}",
        "CHROMA_PATH": str(tmp_path / "chroma"),
        "LEAD_MODEL_DIR": str(tmp_path / "models"),
    }


def test_the_command_the_tour_prints_works_in_a_new_shell(tmp_path):
    env = _plain_shell_env(tmp_path)
    demo = subprocess.run(
        ["./salesos", "demo", "--size", "small"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert demo.returncode == 0, demo.stderr
    try_line = next(line for line in demo.stdout.splitlines() if line.startswith("Try your own: "))
    command = try_line.removeprefix("Try your own: ").split("  ·  ")[0]
    assert command == './salesos ask "what\'s closing this month?"'
    assert shutil.which("salesos", path=env["PATH"]) is None  # nothing to find unless the wrapper works
    answer = subprocess.run(["sh", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert answer.returncode == 0, answer.stderr
    assert "Open deals closing" in answer.stdout


def test_the_wrapper_says_what_to_run_before_the_install(tmp_path):
    shutil.copy(ROOT / "salesos", tmp_path / "salesos")
    os.chmod(tmp_path / "salesos", 0o755)
    result = subprocess.run(["./salesos", "ask", "hi"], cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "make demo" in result.stderr


@pytest.mark.parametrize("question", ["brief Acme", "what's the latest on Acme Corp?", 'say "hi" for $5'])
def test_tour_questions_are_quoted_so_a_shell_gives_them_back(question):
    echoed = subprocess.run(["sh", "-c", f"printf %s {app._quoted(question)}"], capture_output=True, text=True)
    assert echoed.stdout == question
