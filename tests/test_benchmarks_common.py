"""The benchmark harness's shapes: figures beside floors (ratio, verdict, table), the PostgreSQL copy of a store,
the SQL replay that is a query's floor, and a child's own peak memory. No timing is asserted anywhere here."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from benchmarks.common import (
    MEASURED_HEADERS,
    Measured,
    captured_sql,
    copy_store,
    format_ms,
    measured_rows,
    print_measured,
    replay,
    run_child,
)
from store.demo import generate_workspace
from store.models import Deal, Engagement


def test_ratio_and_verdict_follow_the_figures() -> None:
    fast = Measured("at risk", 120.0, floor_ms=40.0, floor_label="scan", goal_ms=300.0)
    slow = Measured("digest", 2400.0, floor_ms=600.0, goal_ms=1000.0)
    assert fast.ratio == 3.0 and fast.holds is True and fast.verdict == "yes"
    assert slow.ratio == 4.0 and slow.holds is False and slow.verdict == "NO"
    no_floor = Measured("build", 148_000.0, goal_ms=60_000.0)
    assert no_floor.ratio is None and no_floor.verdict == "NO"
    assert Measured("ack", 50.0, floor_ms=10.0).verdict == "-"  # no goal: nothing to hold


def test_a_row_not_measured_says_so_and_invents_nothing() -> None:
    missing = Measured("analyze-call", None, floor_ms=300.0, goal_ms=1000.0, note="module not on this branch")
    assert missing.ratio is None and missing.holds is None and missing.verdict == "not measured"
    row = measured_rows([missing])[0]
    assert row[1] == "not measured" and row[-1] == "not measured" and "module not on this branch" in row[0]


def test_table_has_the_floor_columns_the_before_column_and_the_load(capsys) -> None:
    items = [
        Measured(
            "at risk live", 2600.0, floor_ms=50.0, floor_label="scan of open deals", goal_ms=300.0, before="2.6 s"
        ),
        Measured("cold ask", 1500.0, floor_ms=250.0, floor_label="import sqlalchemy", goal_label="< 0.5 s"),
    ]
    text = print_measured("Where a person waits", items, before=True)
    header = text.splitlines()[2]
    for column in ("before", *MEASURED_HEADERS):
        assert f" {column} " in header
    assert "load average" in text.splitlines()[0]
    body = text.splitlines()[4]
    assert "2.6 s" in body and "52.0×" in body and "< 300 ms" in body and "NO" in body
    assert "< 0.5 s" in text.splitlines()[5] and "6.0×" in text.splitlines()[5]
    assert capsys.readouterr().out.strip() == text.strip()


def test_durations_read_as_people_read_them() -> None:
    assert format_ms(12.345) == "12.3 ms"
    assert format_ms(174.4) == "174 ms"
    assert format_ms(2600.0) == "2.60 s"
    assert format_ms(148_000.0) == "148.0 s"
    assert format_ms(None) == "not measured"


def test_postgres_copy_has_every_row_of_every_table(sqlite_engine, postgres_engine) -> None:
    as_of = datetime(2026, 12, 7, 12, tzinfo=UTC)
    generate_workspace(sqlite_engine, size="small", seed=3, as_of=as_of)
    copied = copy_store(sqlite_engine, postgres_engine)
    assert set(copied) == {t.name for t in SQLModel.metadata.sorted_tables}
    assert copied["deal"] > 0 and copied["engagement"] > 0
    for table in SQLModel.metadata.sorted_tables:
        with sqlite_engine.connect() as a, postgres_engine.connect() as b:
            expected = a.execute(select(func.count()).select_from(table)).scalar_one()
            assert b.execute(select(func.count()).select_from(table)).scalar_one() == expected == copied[table.name]
    with Session(sqlite_engine) as a, Session(postgres_engine) as b:  # the values survive the trip, typed
        first = a.exec(select(Deal).order_by(Deal.id)).first()[0]
        again = b.exec(select(Deal).order_by(Deal.id)).first()[0]
        assert (again.name, again.amount, again.is_closed, again.created_at) == (
            first.name,
            first.amount,
            first.is_closed,
            first.created_at,
        )
        # the sequences moved past the copied ids: a new row gets a fresh id
        top = b.exec(select(func.max(Engagement.id))).one()[0]
        new = Engagement(**{**a.exec(select(Engagement).limit(1)).one()[0].model_dump(), "id": None})
        b.add(new)
        b.commit()
        assert new.id > top


def test_replayed_sql_fetches_the_same_rows_the_query_read(sqlite_engine) -> None:
    generate_workspace(sqlite_engine, size="small", seed=3, as_of=datetime(2026, 12, 7, 12, tzinfo=UTC))
    with Session(sqlite_engine) as session, captured_sql(sqlite_engine) as statements:
        open_deals = session.exec(select(Deal).where(Deal.is_closed.is_(False))).all()
    assert len(statements) == 1
    assert replay(sqlite_engine, statements)() == len(open_deals) > 0


def test_a_child_reports_its_own_peak_memory() -> None:
    small = run_child([sys.executable, "-c", "print('hi')"])
    big = run_child([sys.executable, "-c", "x = bytearray(200_000_000); x[::4096] = b'1' * len(x[::4096])"])
    assert small.returncode == 0 and small.stdout.strip() == "hi"
    assert big.peak_rss_mb > small.peak_rss_mb + 150  # its own ~200 MB, not this process's or an earlier child's
