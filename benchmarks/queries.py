"""Latency of the store queries behind the copilot's most common questions, on the large workspace, in SQLite and in
PostgreSQL, each beside its floor: the same SQL statements replayed on the bare driver (every row fetched), so the
ratio says what our code adds to the database's own work and holds on a busy machine.

    python -m benchmarks queries                 # both dialects (PostgreSQL when the server answers)
    python -m benchmarks queries --dialect sqlite
"""

from __future__ import annotations

import argparse
import itertools
import random
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlmodel import Session

from benchmarks.common import (
    DIALECTS,
    Dialect,
    Measured,
    large_workspace,
    percentile,
    postgres_copy_seconds,
    postgres_reachable,
    print_measured,
    sql_floor,
    time_runs,
)
from store.models import Company, Deal, Engagement
from tools.deals import latest_on, pipeline_summary, silent_deals, summarize_silent_deals

RUNS = 100  # p95 of 100 runs is stable enough, and keeps `make bench` near 20 minutes with two dialects
GOAL_MS = 300.0  # an answer a person waits for


def queries(session: Session, as_of: datetime) -> dict[str, Callable[[], object]]:
    """The timed questions, each a callable on `session`."""
    busiest_ae = session.exec(  # type: ignore[call-overload]
        select(Deal.owner_id).where(Deal.is_closed.is_(False)).group_by(Deal.owner_id).order_by(func.count().desc())
    ).first()[0]
    names = session.scalars(select(Company.name).order_by(Company.id)).all()
    picks = itertools.cycle(random.Random(1).sample(names, 50) + ["Acme Corp"])
    return {
        "silent 5+ days: answer (total + top 25)": lambda: summarize_silent_deals(session, days=5, now=as_of),
        "silent 5+ days: answer for one AE": lambda: summarize_silent_deals(
            session, days=5, now=as_of, owner_ids=[busiest_ae]
        ),
        "silent 5+ days: every row built": lambda: silent_deals(session, days=5, now=as_of),
        "latest on <company> (51 names)": lambda: latest_on(session, next(picks), now=as_of),
        "pipeline by stage": lambda: pipeline_summary(session, by="stage"),
    }


def measure(engine: Engine, as_of: datetime, *, runs: int = RUNS) -> tuple[list[Measured], str]:
    """p95 of each query beside the p95 of its own SQL on the bare driver; returns the rows and the workspace line."""
    out: list[Measured] = []
    with Session(engine) as session:
        deals = session.scalar(select(func.count(Deal.id)))
        open_deals = session.scalar(select(func.count(Deal.id)).where(Deal.is_closed.is_(False)))
        activities = session.scalar(select(func.count(Engagement.id)))
        for label, fn in queries(session, as_of).items():
            n = runs if "every row" not in label else max(runs // 10, 3)
            times = time_runs(fn, runs=n)
            # "latest on" cycles through names: its floor replays one name's SQL, a fair sample of the same shape
            floor = sql_floor(engine, fn, runs=n)
            goal = None if "every row" in label else GOAL_MS
            out.append(
                Measured(
                    f"{label}, p95",
                    percentile(times, 95),
                    floor_ms=percentile(floor, 95),
                    floor_label="its SQL on the bare driver",
                    goal_ms=goal,
                    note=f"{n} runs, p50 {percentile(times, 50):.0f} ms",
                )
            )
    return out, f"{deals:,} deals, {open_deals:,} open, {activities:,} activities"


def main(argv: list[str] | None = None) -> None:
    """Time the queries on each dialect; print figure / floor / ratio / goal per query."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks queries")
    parser.add_argument("--dialect", choices=DIALECTS, action="append", help="only this dialect (repeatable)")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv if argv is not None else [])
    dialects: list[Dialect] = args.dialect or list(DIALECTS)
    for dialect in dialects:
        if dialect == "postgresql" and not postgres_reachable():
            print("PostgreSQL: not measured (the server does not answer)")
            continue
        engine, as_of = large_workspace(dialect=dialect)
        extra = ""
        if dialect == "postgresql":
            copy = postgres_copy_seconds(engine)
            extra = f"; copied from SQLite in {copy:.0f} s" if copy else ""
        rows, line = measure(engine, as_of, runs=args.runs)
        engine.dispose()
        print_measured(f"Store queries on the large workspace, {dialect} ({line}{extra}; 1 process)", rows)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
