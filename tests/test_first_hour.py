"""The first hour of a new user: safe defaults, identity, plain words, jobs previews (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from app import main
from store.db import open_engine
from store.models import Deal

ROOT = Path(__file__).resolve().parent.parent
CSV_FIXTURE = ROOT / "tests" / "data" / "crm_csv"


@pytest.fixture
def csv_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A store holding an imported CSV export (not a generated demo)."""
    url = f"sqlite:///{tmp_path / 'imported.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["import-csv", str(CSV_FIXTURE)]) == 0
    return url


def _deals(url: str) -> int:
    with Session(open_engine(url)) as session:
        return session.scalar(select(func.count()).select_from(Deal)) or 0


def test_demo_fresh_refuses_to_replace_imported_data_without_yes(csv_store: str, capsys) -> None:
    capsys.readouterr()
    assert main(["demo", "--fresh", "--size", "small", "--no-tour"]) == 2
    err = capsys.readouterr().err
    assert "would delete data imported from CSV (crm_csv): 12 deals and 4 companies" in err
    assert "--yes" in err and "DATABASE_URL" in err
    assert _deals(csv_store) == 12
    assert main(["demo", "--fresh", "--size", "small", "--no-tour", "--yes"]) == 0
    assert _deals(csv_store) > 12


def test_import_replace_refuses_on_imported_data_without_yes(csv_store: str, capsys) -> None:
    capsys.readouterr()
    assert main(["import-csv", str(CSV_FIXTURE), "--replace"]) == 2
    assert "would delete data imported from CSV" in capsys.readouterr().err
    assert main(["import-csv", str(CSV_FIXTURE), "--replace", "--yes"]) == 0
    assert _deals(csv_store) == 12


def test_plain_demo_does_not_call_imported_data_a_demo(csv_store: str, capsys) -> None:
    capsys.readouterr()
    assert main(["demo", "--no-tour"]) == 0
    out = capsys.readouterr().out
    assert "data imported from CSV (crm_csv): 12 deals and 4 companies (not the demo)" in out
    assert "demo workspace" not in out
    assert _deals(csv_store) == 12


def test_demo_fresh_replaces_a_generated_demo_without_asking(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    assert main(["demo", "--size", "small", "--no-tour"]) == 0
    assert main(["demo", "--size", "small", "--no-tour", "--fresh", "--seed", "8"]) == 0
    assert "Generated demo workspace" in capsys.readouterr().out


def test_owners_lists_who_can_be_named_with_as_owner(csv_store: str, capsys) -> None:
    capsys.readouterr()
    assert main(["owners"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["id", "name", "email", "team", "role", "open", "deals"]
    moses = next(line for line in out.splitlines() if "Moses Frase" in line)
    assert moses.split()[0].isdigit() and "@" in moses


@pytest.mark.parametrize("who", ["Moses Frase", "moses", "EMAIL", "ID"])
def test_as_owner_takes_a_name_an_email_or_an_id(csv_store: str, capsys, who: str) -> None:
    from store.models import Owner

    with Session(open_engine(csv_store)) as session:
        moses = session.exec(select(Owner).where(Owner.name == "Moses Frase")).one()
    who = {"EMAIL": moses.email.upper(), "ID": str(moses.id)}.get(who, who)
    capsys.readouterr()
    assert main(["ask", "--as-owner", who, "my open deals"]) == 0
    out = capsys.readouterr().out
    assert "for Moses Frase" in out and "Darcel" not in out


def test_an_unknown_as_owner_is_a_clear_error(csv_store: str, capsys) -> None:
    capsys.readouterr()
    assert main(["ask", "--as-owner", "Nobody Atall", "my deals"]) == 2
    err = capsys.readouterr().err
    assert "No owner matches 'Nobody Atall'" in err and "salesos owners" in err and "Traceback" not in err


def test_my_deals_without_an_owner_says_how_to_name_one_in_the_terminal(csv_store: str, capsys) -> None:
    capsys.readouterr()
    assert main(["ask", "my deals"]) == 0
    out = capsys.readouterr().out
    assert "--as-owner with your name, email or id" in out and "OWNER_ID" not in out


def test_a_closed_pipe_ends_quietly(csv_store: str) -> None:
    import subprocess
    import sys

    env = {"DATABASE_URL": csv_store, "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "owners"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT
    )
    proc.stdout.close()  # what `| head -0` does: the reader is gone before we write
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert "BrokenPipe" not in err and "Traceback" not in err


def test_answers_use_plain_words(csv_store: str, capsys) -> None:
    capsys.readouterr()
    assert main(["ask", "deals in contract sent"]) == 0  # no such stage in this export: still named in words
    assert main(["ask", "what's the latest on acme corporatio"]) == 0
    out = capsys.readouterr().out
    for internal in ("search_deals", "get_latest_on_company", "contractsent", "[Acme"):
        assert internal not in out
    assert main(["-v", "ask", "pipeline by owner"]) == 0
    out = capsys.readouterr().out
    assert "summarize_pipeline" in out  # --verbose shows the internals


def test_counts_read_as_english() -> None:
    from tools.formatting import plural

    assert plural(1, "deal") == "1 deal" and plural(2, "deal") == "2 deals" and plural(0, "deal") == "0 deals"
    assert plural(1_200, "company", "companies") == "1,200 companies"


def test_overdue_close_dates_and_tasks_are_marked_and_stages_named(sqlite_engine) -> None:
    from datetime import UTC, date, datetime

    from bot.copilot.render import Renderer
    from bot.copilot.reply import to_text
    from settings import Settings
    from tools.deals import DealList, DealRow, Interaction

    now = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
    renderer = Renderer(Settings(), sqlite_engine, now)

    def deal(name: str, close: date) -> DealRow:
        return DealRow(
            id=1, name=name, company_id=None, company_name=None, owner_id=1, owner_name="Dana",
            stage="contractsent", stage_label="Contract sent", amount=1000.0, close_date=close, created_at=None,
            is_closed=False, is_won=False,
        )  # fmt: skip

    deals = [deal("Late", date(2026, 12, 4)), deal("Soon", date(2026, 12, 9))]
    listing = DealList(filters={"stages": ["contractsent"]}, owners=[], deals=deals, total=2, total_amount=2000.0)
    text = to_text(renderer.render(listing))
    assert "in Contract sent" in text and "contractsent" not in text
    assert "Late · Contract sent · $1,000 · Dana · overdue: was to close Dec 4, 2026" in text
    assert "Soon · Contract sent · $1,000 · Dana · closes Dec 9, 2026" in text

    def task(subject: str, due: datetime) -> Interaction:
        return Interaction(
            id=1, type="task", direction=None, status="open", occurred_at=due, due_at=due, subject=subject,
            excerpt=None, contact_name=None, deal_id=None,
        )  # fmt: skip

    late = renderer.task_line(task("Send MAP", datetime(2026, 12, 6, 15, tzinfo=UTC)))
    assert "(*overdue*: was due Dec 6 10:00)" in late
    assert "(due Dec 8" in renderer.task_line(task("Call back", datetime(2026, 12, 8, 15, tzinfo=UTC)))


def test_an_empty_store_is_named_empty(sqlite_engine) -> None:
    from store.db import session_scope
    from store.meta import describe_store, store_origin

    with session_scope(sqlite_engine) as session:
        assert store_origin(session) == "empty" and describe_store(session) == "an empty store"


def test_import_reports_progress_per_table(sqlite_engine) -> None:
    from zoneinfo import ZoneInfo

    from store.csv_import import import_crm_csv

    seen: list[tuple[str, int, int]] = []
    import_crm_csv(sqlite_engine, CSV_FIXTURE, tz=ZoneInfo("America/New_York"), progress=lambda *a: seen.append(a))
    assert ("deals", 12, 12) in seen and {label for label, _, _ in seen} == {"owners", "companies", "deals"}


def test_a_bad_date_is_one_clear_line(tmp_path: Path, capsys) -> None:
    transcript = tmp_path / "call.txt"
    transcript.write_text("Rep: Hello\nBuyer: Hi\n", encoding="utf-8")
    assert main(["analyze-call", str(transcript), "--no-store", "--date", "next tuesday"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "YYYY-MM-DD" in err and "Traceback" not in err
