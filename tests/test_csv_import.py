"""Importing a CRM CSV export (shaped like ../shared/data/crm-sales-opportunities) into the store; the eval's checker.

The fixture under tests/data/crm_csv is hand-written in that shape, with the export's real quirks: a blank account,
"GTXPro" against "GTX Pro", and the sector "technolgy". No test needs the shared data.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from app import main
from eval.crm_real import ask, check_pipeline, csv_truth, drop_third_letter, offline_settings
from store.csv_import import import_crm_csv
from store.meta import get_meta
from store.models import Company, Deal, Owner

FIXTURE = Path(__file__).parent / "data" / "crm_csv"
NY = ZoneInfo("America/New_York")


def _deal(session: Session, product: str, company: str | None, stage: str) -> Deal:
    company_id = None
    if company:
        company_id = session.exec(select(Company.id).where(Company.name == company)).one()
    rows = session.exec(select(Deal).where(Deal.product == product, Deal.stage == stage)).all()
    matches = [d for d in rows if d.company_id == company_id]
    assert len(matches) == 1, (product, company, stage, matches)
    return matches[0]


def test_import_writes_owners_companies_and_deals(engine: Engine) -> None:
    report = import_crm_csv(engine, FIXTURE, tz=NY)
    assert (report.owners, report.agents, report.managers, report.companies) == (7, 4, 3, 4)
    assert (report.deals, report.open_deals, report.won_deals, report.lost_deals) == (12, 6, 4, 2)
    assert report.deals_without_company == 2
    with Session(engine) as session:
        owners = {o.name: o for o in session.exec(select(Owner)).all()}
        assert len(owners) == 7 and len(session.exec(select(Company)).all()) == 4
        anna, cara = owners["Anna Snelling"], owners["Cara Losch"]
        assert (anna.role, anna.team, anna.timezone) == ("ae", "Team Central", "America/Chicago")
        assert (cara.role, cara.team, cara.timezone) == ("manager", "Team East", "America/New_York")
        assert anna.email == "anna.snelling@csv-import.invalid"
        assert owners["Violet Mclelland"].timezone == "America/Los_Angeles"

        acme = session.exec(select(Company).where(Company.name == "Acme Corporation")).one()
        assert acme.industry == "Technology"  # "technolgy" in the export
        assert (acme.employees, acme.region) == (2822, "United States")
        assert acme.annual_revenue == pytest.approx(1_100_040_000)

        stages = {d.stage: (d.is_closed, d.is_won) for d in session.exec(select(Deal)).all()}
        assert stages == {
            "Won": (True, True),
            "Lost": (True, False),
            "Engaging": (False, False),
            "Prospecting": (False, False),
        }

        # "GTXPro" in the pipeline is the products file's "GTX Pro": its spelling, and its list price when open
        open_pro = _deal(session, "GTX Pro", "Acme Corporation", "Engaging")
        assert open_pro.name == "Acme Corporation – GTX Pro"
        assert open_pro.amount == 4821 and open_pro.close_date is None and open_pro.closed_at is None
        assert open_pro.source == "csv" and open_pro.hubspot_id is None and open_pro.owner_id == anna.id
        # 6/1/2017 09:00 in Chicago (CDT, UTC-5)
        assert open_pro.created_at == datetime(2017, 6, 1, 14, 0, tzinfo=UTC)
        assert open_pro.created_at.tzinfo is not None and open_pro.created_at.utcoffset().total_seconds() == 0

        won_pro = _deal(session, "GTX Pro", "Isdom", "Won")
        assert won_pro.amount == 4514 and won_pro.close_date == date(2017, 3, 11)  # close_value, not list price
        # 12/28/2017 17:00 in Los Angeles (PST, UTC-8) is the next day in UTC
        won_la = _deal(session, "GTX Pro", "Cancity", "Won")
        assert won_la.closed_at == datetime(2017, 12, 29, 1, 0, tzinfo=UTC)

        no_account = _deal(session, "MG Advanced", None, "Prospecting")
        assert no_account.company_id is None and no_account.name == "No account – MG Advanced"
        assert no_account.created_at is None and no_account.amount == 3393  # Prospecting: no engage_date

        assert get_meta(session, "as_of") == "2017-12-28T18:00:00+00:00"
        assert get_meta(session, "source") == "csv:crm_csv"
        assert get_meta(session, "generator") == "csv-import"


def test_rows_added_after_an_import_get_fresh_ids(engine: Engine) -> None:
    """The import writes explicit ids; a later insert (a sync, a new owner) must not collide with them."""
    import_crm_csv(engine, FIXTURE, tz=NY)
    with Session(engine) as s:
        owner = Owner(name="New Rep", email="new.rep@example.com")
        s.add(owner)
        s.flush()
        deal = Deal(name="Later deal", stage="qualifiedtobuy", owner_id=owner.id)
        s.add(deal)
        s.commit()
        assert deal.id == 13 and owner.id > 1  # the fixture has 12 deals


def test_importing_into_a_store_with_deals_is_refused(engine: Engine) -> None:
    import_crm_csv(engine, FIXTURE, tz=NY)
    with pytest.raises(ValueError, match="--replace"):
        import_crm_csv(engine, FIXTURE, tz=NY)


def test_a_malformed_date_names_the_file_and_line(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(FIXTURE, folder)
    pipeline = folder / "sales_pipeline.csv"
    pipeline.write_text(pipeline.read_text().replace("6/1/2017", "2017-06-01"))
    with pytest.raises(ValueError, match=r"sales_pipeline\.csv line 6: engage_date '2017-06-01'"):
        import_crm_csv(engine, folder, tz=NY)
    with Session(engine) as session:
        assert session.exec(select(Owner)).first() is None  # nothing written


def test_cli_imports_and_replaces(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["import-csv", str(FIXTURE)]) == 0
    out = capsys.readouterr().out
    assert "deals: 12" in out and "as of: 2017-12-28T18:00:00+00:00" in out
    assert main(["import-csv", str(FIXTURE)]) == 2
    assert "--replace" in capsys.readouterr().err
    assert main(["import-csv", str(FIXTURE), "--replace"]) == 2  # imported data, not a demo: refused
    assert "would delete data imported from CSV" in capsys.readouterr().err
    assert main(["import-csv", str(FIXTURE), "--replace", "--yes"]) == 0
    # the imported book's deal health is assessed once, so "at risk" needs no live assessment afterwards
    from sqlalchemy import create_engine
    from sqlmodel import Session

    from store.meta import get_meta
    from tools.health_snapshot import SNAPSHOT_KEY
    from tools.intelligence.scores import scores_assessed_at

    with Session(create_engine(f"sqlite:///{tmp_path / 'cli.db'}")) as s:
        assert '"deals": 6' in (get_meta(s, SNAPSHOT_KEY) or "")  # the fixture's 6 open deals
        # answered as of the snapshot's last day, so scored as of it too (not years later, at the wall clock)
        assert scores_assessed_at(s) == datetime(2017, 12, 28, 18, 0, tzinfo=UTC)


def test_eval_pipeline_check_agrees_with_the_copilot_on_the_fixture(sqlite_engine: Engine, tmp_path: Path) -> None:
    import_crm_csv(sqlite_engine, FIXTURE, tz=NY)
    truth = csv_truth(FIXTURE)
    # the independent count, by hand from the fixture: Anna has two Engaging deals and one Prospecting
    assert truth.open_by_agent["Anna Snelling"] == 3
    assert truth.open_amount_by_agent["Anna Snelling"] == 550 + 4821 + 3393
    now = datetime(2017, 12, 28, 18, 0, tzinfo=UTC)
    settings = offline_settings(tmp_path / "chroma")
    for agent in truth.agents:
        asked = ask(f"pipeline for {agent}", engine=sqlite_engine, settings=settings, now=now)
        assert check_pipeline(asked, agent, truth) == (True, True), asked
    # and the checker does fail a wrong answer
    wrong = ask("pipeline for Moses Frase", engine=sqlite_engine, settings=settings, now=now)
    assert check_pipeline(wrong, "Anna Snelling", truth) == (True, False)


def test_the_typo_drops_the_third_letter() -> None:
    assert drop_third_letter("Acme Corporation") == "Ace Corporation"
    assert drop_third_letter("Y-corporation") == "Y-crporation"


def test_eval_without_the_data_says_so_and_returns_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> None:
    from eval.crm_real import main as eval_main

    assert eval_main(["--data", str(tmp_path)]) == 2  # tmp_path has no crm-sales-opportunities/
    assert "data not found" in capsys.readouterr().err


def test_bulk_import_stores_exactly_what_core_inserts_store(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """The import's fast path (SQLite executemany of tuples, PostgreSQL COPY) against Core inserts, row for row."""
    import store.bulk as bulk
    from store.db import clear_data

    def dump() -> dict[str, list]:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                return {
                    t: [tuple(r) for r in conn.exec_driver_sql(f'SELECT * FROM "{t}" ORDER BY 1')]
                    for t in ("owner", "company", "deal", "workspacemeta")
                }
            return {
                t: [r[0] for r in conn.exec_driver_sql(f'SELECT t::text FROM "{t}" t ORDER BY 1')]
                for t in ("owner", "company", "deal", "workspacemeta")
            }

    import_crm_csv(engine, FIXTURE, tz=NY)
    fast = dump()
    clear_data(engine)
    monkeypatch.setattr(bulk, "FAST_WRITES", False)
    import_crm_csv(engine, FIXTURE, tz=NY)
    core = dump()
    assert all(fast[t] for t in fast)
    assert fast == core
