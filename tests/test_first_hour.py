"""The first hour of a new user: safe defaults, identity, plain words, jobs previews (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from app import main
from store.db import open_engine
from store.models import Deal

CSV_FIXTURE = Path(__file__).parent / "data" / "crm_csv"


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
