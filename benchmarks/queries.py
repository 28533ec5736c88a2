"""Latency of the store queries behind the copilot's most common questions, on the large workspace."""

from __future__ import annotations

import itertools
import random

from sqlalchemy import func, select
from sqlmodel import Session

from benchmarks.common import large_workspace, percentile, print_table, time_runs
from store.models import Company, Deal, Engagement
from tools.deals import latest_on, pipeline_summary, silent_deals, summarize_silent_deals

RUNS = 200


def main() -> None:
    """Time silent-deals, latest-on and pipeline queries; print p50/p95."""
    engine, as_of = large_workspace()
    with Session(engine) as session:
        deals = session.scalar(select(func.count(Deal.id)))
        open_deals = session.scalar(select(func.count(Deal.id)).where(Deal.is_closed.is_(False)))
        activities = session.scalar(select(func.count(Engagement.id)))
        busiest_ae = session.exec(
            select(Deal.owner_id).where(Deal.is_closed.is_(False)).group_by(Deal.owner_id).order_by(func.count().desc())
        ).first()[0]
        names = session.scalars(select(Company.name).order_by(Company.id)).all()
        picks = itertools.cycle(random.Random(1).sample(names, 50) + ["Acme Corp"])
        queries = {
            "silent 5+ days: answer (total + top 25)": lambda: summarize_silent_deals(session, days=5, now=as_of),
            "silent 5+ days: answer for one AE": lambda: summarize_silent_deals(
                session, days=5, now=as_of, owner_ids=[busiest_ae]
            ),
            "silent 5+ days: every row built": lambda: silent_deals(session, days=5, now=as_of),
            "latest on <company> (51 names)": lambda: latest_on(session, next(picks), now=as_of),
            "pipeline by stage": lambda: pipeline_summary(session, by="stage"),
        }
        silent = len(silent_deals(session, days=5, now=as_of))
        rows = []
        for label, fn in queries.items():
            times = time_runs(fn, runs=RUNS if "every row" not in label else RUNS // 10)
            rows.append([label, len(times), percentile(times, 50), percentile(times, 95), max(times)])
    print_table(
        f"Store queries on the large workspace ({deals:,} deals, {open_deals:,} open, {activities:,} activities, "
        f"{silent:,} silent 5+ days; SQLite, 1 process)",
        ["query", "runs", "p50 ms", "p95 ms", "max ms"],
        rows,
    )


if __name__ == "__main__":
    main()
