"""Deal health on the large workspace: "which deals are at risk?" assessed live, and the `deal_health` job.

Each figure is printed beside its floor: the same rows read by a bare SQL scan (the open deals joined to their
engagement aggregates, fetched into Python through the driver) on the same engine, so the ratio holds on a busy
machine. SQLite always; PostgreSQL too when a server answers at 127.0.0.1 (the workspace is copied once into the
`salesos_bench_health` database and reused while its row counts match).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, delete, func, insert, select, text
from sqlmodel import Session

from benchmarks.common import large_workspace, percentile, print_table, time_runs
from settings import Settings

RUNS = 30
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/salesos_bench_health"
FLOOR_SQL = (
    "SELECT d.id, d.owner_id, d.company_id, d.amount, d.close_date, d.created_at, d.stage, a.events, a.contacts, "
    "a.buyer_contacts, a.valid_from FROM deal d LEFT JOIN deal_engagement_agg a ON a.deal_id = d.id "
    "WHERE d.is_closed = {false}"
)
CHANGED_DEALS = 50
"""Deals given a new activity before the incremental run that has something to do."""


def floor_scan(engine: Engine) -> int:
    """The bare SQL scan the scoring reads: open deals joined to their aggregates, every row fetched into Python."""
    false = "0" if engine.dialect.name == "sqlite" else "false"
    with engine.connect() as conn:
        return len(conn.exec_driver_sql(FLOOR_SQL.format(false=false)).fetchall())


def floor_scan_and_basis(engine: Engine) -> int:
    """The job's floor: the same scan, plus the stored rows' basis it compares against."""
    with engine.connect() as conn:
        stored = len(conn.exec_driver_sql("SELECT deal_id, basis FROM dealhealthscore").fetchall())
    return floor_scan(engine) + stored


def measure(engine: Engine, as_of: datetime, label: str) -> list[list[object]]:
    """The figures of one engine, as table rows."""
    from store.models import Deal, DealHealthScore, Engagement, Owner
    from tools.health import Thresholds, at_risk_deals
    from tools.health_snapshot import refresh_snapshot

    settings = Settings(chroma_path=Path(tempfile.mkdtemp()) / "chroma")
    thresholds, tz = Thresholds.from_settings(settings), settings.tz
    with Session(engine) as session:
        asker = session.execute(select(Owner.id).order_by(Owner.id).limit(1)).scalar()

    def ask(owner_ids: list[int] | None = None) -> object:
        with Session(engine) as session:
            return at_risk_deals(
                session, now=as_of, thresholds=thresholds, tz=tz, min_score=settings.risk_alert_score,
                owner_ids=owner_ids,
            )  # fmt: skip

    rows: list[list[object]] = []
    # The answer and its floor alternate run by run, so a busy machine slows both alike and the ratio holds.
    book, mine, floor = [], [], []
    for _ in range(RUNS + 2):
        floor += time_runs(lambda: floor_scan(engine), runs=1, warmup=0)
        book += time_runs(ask, runs=1, warmup=0)
        mine += time_runs(lambda: ask([asker] if asker is not None else None), runs=1, warmup=0)
    book, mine, floor = book[2:], mine[2:], floor[2:]  # the first two are warm-up
    f50, f95 = percentile(floor, 50), percentile(floor, 95)
    for name, times in (("which deals are at risk? (whole book)", book), ("which of my deals are at risk?", mine)):
        p50, p95 = percentile(times, 50), percentile(times, 95)
        rows.append(
            [label, name, RUNS, p50, p95, f50, f95, f"{p50 / f50:.1f}×", "< 300", "yes" if p95 < 300 else "NO"]
        )  # fmt: skip

    # the same book scored the old way, from every activity row (one run: it is what the aggregates replace)
    from tools.health.assess import assess_deals_from_raw

    with Session(engine) as session:
        started = time.perf_counter()
        assess_deals_from_raw(session, now=as_of, thresholds=thresholds, tz=tz)
        before = (time.perf_counter() - started) * 1000
    rows.append(
        [label, "before: the whole book scored from the activity rows", 1, before, "", f50, "",
         f"{before / f50:.1f}×", "-", "-"]
    )  # fmt: skip

    # the job: a full run (no stored rows yet), an incremental run with nothing to do, and one after 50 deals moved
    with Session(engine) as session:
        session.exec(delete(DealHealthScore))  # type: ignore[call-overload]
        session.commit()
    full = refresh_snapshot(engine, settings, now=as_of)
    job_floor, idle = [], []
    for i in range(5):
        job_floor += time_runs(lambda: floor_scan_and_basis(engine), runs=1, warmup=0)
        idle.append(refresh_snapshot(engine, settings, now=as_of + timedelta(seconds=i + 1)).seconds * 1000)
    jf = percentile(job_floor, 50)
    with Session(engine) as session:
        moved = (
            session.execute(
                select(Deal.id).where(Deal.is_closed == False).order_by(Deal.id).limit(CHANGED_DEALS)  # noqa: E712
            )
            .scalars()
            .all()
        )
        added = [
            {"type": "email", "direction": "inbound", "deal_id": d, "occurred_at": as_of, "buyer_engaged": True}
            for d in moved
        ]
        session.exec(insert(Engagement).values(subject="benchmark reply"), params=added)  # type: ignore[call-overload]
        session.commit()
    try:
        changed = refresh_snapshot(engine, settings, now=as_of + timedelta(seconds=10))
    finally:
        with Session(engine) as session:  # leave the shared workspace as it was (the hooks restore the aggregates)
            session.exec(delete(Engagement).where(Engagement.subject == "benchmark reply"))  # type: ignore[call-overload, arg-type]
            session.commit()
    rows.append(
        [label, f"deal_health job, full ({full.deals:,} open deals assessed and stored)", 1, full.seconds * 1000, "",
         jf, "", f"{full.seconds * 1000 / jf:.1f}×", "-", "-"]
    )  # fmt: skip
    rows.append(
        [label, "deal_health job, incremental, nothing changed", len(idle), percentile(idle, 50),
         max(idle), jf, "", f"{percentile(idle, 50) / jf:.1f}×", "< 500", "yes" if max(idle) < 500 else "NO"]
    )  # fmt: skip
    ms = changed.seconds * 1000
    rows.append(
        [label, f"deal_health job, incremental, {changed.rewritten} deals changed", 1, ms, "", jf, "",
         f"{ms / jf:.1f}×", "< 500", "yes" if ms < 500 else "NO"]
    )  # fmt: skip
    return rows


def postgres_copy(source: Engine) -> Engine | None:
    """The large workspace copied into PostgreSQL (once; reused while its row counts match), or None with a note."""
    from store.db import open_engine, upgrade_schema
    from store.engagement_agg import refresh_engagement_aggregates
    from store.models import Engagement

    env = {**os.environ, "PGCONNECT_TIMEOUT": "3"}
    probe = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-tAc", "SELECT 1"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    if probe.returncode != 0:
        print("PostgreSQL: no server at 127.0.0.1:5432; the PostgreSQL figures are skipped.\n")
        return None
    exists = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-tAc",
         "SELECT 1 FROM pg_database WHERE datname = 'salesos_bench_health'"],
        capture_output=True, text=True, env=env, check=False,
    ).stdout.strip()  # fmt: skip
    if exists != "1":
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "salesos_bench_health"], check=True, env=env)
    target = open_engine(PG_URL)
    upgrade_schema(target)
    with Session(source) as s, Session(target) as t:
        want = s.execute(select(func.count()).select_from(Engagement)).scalar_one()
        have = t.execute(select(func.count()).select_from(Engagement)).scalar_one()
    if want == have:
        return target
    print(f"copying the large workspace into PostgreSQL (once; {want:,} activities) ...", flush=True)
    started = time.perf_counter()
    _copy_tables(source, target)
    with target.begin() as conn:
        refresh_engagement_aggregates(conn)
        conn.exec_driver_sql("ANALYZE")
    print(f"copied in {time.perf_counter() - started:.0f} s\n", flush=True)
    return target


def _copy_tables(source: Engine, target: Engine) -> None:
    """Copy every CRM table row for row (COPY through psycopg), in foreign-key order, then reset the id sequences."""
    from sqlmodel import SQLModel

    skip = {"alembic_version", "deal_engagement_agg", "dealhealthscore"}
    tables = [t for t in SQLModel.metadata.sorted_tables if t.name not in skip]
    with target.begin() as conn:
        conn.exec_driver_sql("TRUNCATE " + ", ".join(f'"{t.name}"' for t in tables) + " CASCADE")
    raw = target.raw_connection()
    try:
        cursor = raw.cursor()
        with source.connect() as src:
            for table in tables:
                names = [c.name for c in table.columns]
                result = src.execute(select(*table.columns))
                quoted = ", ".join(f'"{n}"' for n in names)
                with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:  # type: ignore[attr-defined]
                    for row in result:
                        copy.write_row([_pg_value(v, c) for v, c in zip(row, table.columns, strict=True)])
        raw.commit()
    finally:
        raw.close()
    with target.begin() as conn:
        for table in tables:
            if "id" in table.c and table.c.id.autoincrement is not False and table.c.id.primary_key:
                conn.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                         f"COALESCE((SELECT MAX(id) FROM \"{table.name}\"), 1))")
                )  # fmt: skip


def _pg_value(value: object, column: object) -> object:
    import json

    from sqlalchemy import JSON

    if value is not None and isinstance(getattr(column, "type", None), JSON):
        return json.dumps(value)
    return value


def main() -> None:
    """Print the at-risk and job figures beside their floors, SQLite then PostgreSQL."""
    engine, as_of = large_workspace()
    with Session(engine) as session:
        from store.models import Deal

        deals = session.execute(select(func.count()).select_from(Deal)).scalar_one()
    rows = measure(engine, as_of, "SQLite")
    pg = None
    if os.environ.get("BENCH_HEALTH_PG", "1") != "0":
        try:
            pg = postgres_copy(engine)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports what it could not measure
            print(f"PostgreSQL: skipped ({type(exc).__name__}: {exc})\n")
    if pg is not None:
        rows += measure(pg, as_of, "PostgreSQL")
    load = os.getloadavg()
    print_table(
        f"Deal health on {deals:,} deals, beside the bare SQL scan of the same rows "
        f"(load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f})",
        ["engine", "what", "runs", "p50 ms", "p95 ms", "floor p50", "floor p95", "p50 × floor", "target", "met"],
        rows,
    )
