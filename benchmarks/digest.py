"""Digest, risk scoring and an insights answer on the large demo workspace: seconds beside their SQL floor.

Run: `python -m benchmarks digest` (builds the cached large workspace on first use; `--size default` for a quick look).
Each group runs in a fresh child process, so its peak RSS is its own and not the workspace build's.

The floor of a measurement is the SQL it ran, captured statement by statement while it ran, replayed on a raw DBAPI
connection of the same engine and fetched into Python (best of three): what reading the digest's rows costs with no
Python work on them. The ratio `seconds / floor` holds on a noisy machine where the seconds alone do not.

Two states are measured, as the scheduler meets them:
- *cold process*: a new process with the win scores stored by the refresh job (which runs after every sync), but no
  model in memory, so the forecast's week-over-week change fits the win model first (unless a model cache on disk
  holds it);
- *serving process*: the long-running `serve` process, where the refresh job has already fitted the model: what the
  Monday 09:00 job meets.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from benchmarks.common import large_workspace, print_table

GOAL_ONE_TEAM = 1.0
GROUPS = ("prepare", "cold", "serving", "risk", "insights")
"""Each runs in its own fresh process, in this order (`--only` picks some)."""
GOAL_EVERYONE = 2.0
Row = tuple[str, float, float | None, float, str]
"""(what, seconds, SQL floor seconds or None, process peak RSS MB, result)."""


@contextmanager
def _captured(engine: Any) -> Iterator[list[tuple[str, Any, bool]]]:
    """Record every statement `engine` runs (with its parameters) inside the block."""
    from sqlalchemy import event

    seen: list[tuple[str, Any, bool]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        seen.append((statement, parameters, many))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", capture)


def _floor(engine: Any, statements: list[tuple[str, Any, bool]], runs: int = 3) -> float:
    """Replay the captured reads on a raw connection, fetching every row; the best of `runs`, in seconds."""
    reads = [(s, p) for s, p, many in statements if not many and s.lstrip().upper().startswith(("SELECT", "WITH"))]
    best = float("inf")
    for _ in range(runs):
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            start = time.perf_counter()
            for statement, parameters in reads:
                cursor.execute(statement, parameters)
                cursor.fetchall()
            best = min(best, time.perf_counter() - start)
            cursor.close()
        finally:
            raw.close()
    return best


def _measure(url: str, as_of_iso: str, what: str, queue: Any) -> None:
    """Run one group of measurements in this (fresh) process; seconds by wall clock, memory as this process's peak."""
    from datetime import datetime

    from sqlmodel import Session

    from benchmarks.common import peak_rss_mb
    from bot.slack.blocks import reply_to_blocks
    from jobs.render import digest_chart, digest_reply
    from settings import Settings
    from store.db import open_engine
    from tools.digest import build_digest, teams
    from tools.health import Thresholds, assess_deals

    settings = Settings(database_url=url)
    engine = open_engine(url)
    now = datetime.fromisoformat(as_of_iso)
    thresholds = Thresholds.from_settings(settings)
    rows: list[Row] = []

    def digest_of(session: Session, team: str | None) -> Any:
        return build_digest(
            session, now=now, tz=settings.tz, thresholds=thresholds, risk_floor=settings.risk_alert_score, team=team
        )

    def run(label: str, fn: Callable[[], Any], note: Any, *, floor: bool = True) -> Any:
        with _captured(engine) as statements:
            start = time.perf_counter()
            result = fn()
            seconds = time.perf_counter() - start
        floor_s = _floor(engine, statements) if floor else None
        rows.append((label, seconds, floor_s, peak_rss_mb(), note(result) if callable(note) else note))
        return result

    def about(d: Any) -> str:
        return (
            f"{d.open_deals:,} open deals scored, {len(d.won) + len(d.lost)} closed, {d.created.count} created, "
            f"{len(d.call_coaching)} call-coaching notes"
        )

    with Session(engine) as session:
        team_names = teams(session)
        if what == "prepare":
            from tools.intelligence.scores import refresh_scores

            run(
                "setup: the refresh job stores win scores (after each sync)",
                lambda: refresh_scores(engine, now=now),
                lambda r: f"{r.scored:,} open deals, {r.method}" + (f" ({r.skipped})" if r.skipped else ""),
                floor=False,
            )
            run(
                "setup: a digest of every team (measures and stores any call not yet measured)",
                lambda: [digest_of(session, t) for t in team_names],
                lambda ds: f"{len(ds)} teams",
                floor=False,
            )
        elif what == "cold":
            run(f"digest, one team ({team_names[0]}), cold process", lambda: digest_of(session, team_names[0]), about)
        elif what == "serving":
            from tools.intelligence.scores import trained_model

            trained_model(session, now=now)  # what the refresh job left in the serving process
            digest = run(
                f"digest, one team ({team_names[0]}), serving process",
                lambda: digest_of(session, team_names[0]),
                about,
            )
            run(
                "render: Block Kit + chart PNG",
                lambda: (reply_to_blocks(digest_reply(digest)), digest_chart(digest, _tmp_png())),
                lambda r: f"{len(r[0])} blocks, {r[1].stat().st_size // 1024} KB PNG",
                floor=False,
            )
            run("digest, whole workspace as one (team=None), serving process", lambda: digest_of(session, None), about)
            run(
                f"digest, all {len(team_names)} teams (one post each), serving process",
                lambda: [digest_of(session, t) for t in team_names],
                lambda ds: f"{sum(d.open_deals for d in ds):,} open deals scored",
            )
        elif what == "insights":
            from tools.capabilities import ToolContext
            from tools.insights import objections, personas

            tool_ctx = ToolContext(engine=engine, settings=settings, now=now)

            def answer(module: Any, name: str) -> Callable[[], Any]:
                cap = next(c for c in module.CAPABILITIES if c.name == name)
                return lambda: cap.run(tool_ctx, session, cap.args_schema())

            def about_map(m: Any) -> str:
                return f"{sum(c.raised for c in m.categories):,} objections in {len(m.categories)} categories"

            def about_personas(p: Any) -> str:
                return f"{len(p.personas)} personas, {len(p.clusters)} clusters"

            for label, fn, note in (
                ("objection map, cold process (reads the history)", answer(objections, "get_objection_map"), about_map),
                ("objection map, asked again (same store)", answer(objections, "get_objection_map"), about_map),
                (
                    "buyer personas, first time (history in memory; k-means)",
                    answer(personas, "get_buyer_personas"),
                    about_personas,
                ),
                ("buyer personas, asked again (same store)", answer(personas, "get_buyer_personas"), about_personas),
            ):
                run(label, fn, note)
        else:
            run(
                "risk scoring, every open deal",
                lambda: assess_deals(session, now=now, thresholds=thresholds, tz=settings.tz),
                lambda r: f"{len(r):,} deals, {sum(1 for h in r if h.score >= settings.risk_alert_score):,} at risk",
            )
    engine.dispose()
    queue.put(json.dumps(rows))


def _tmp_png() -> Any:
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix="bench-digest-")) / "chart.png"


def _verdict(rows: list[Row], prefix: str, goal: float) -> str:
    found = next((r for r in rows if r[0].startswith(prefix)), None)
    if found is None:
        return f"{prefix}: not measured"
    label, seconds, floor, *_ = found
    ratio = f", {seconds / floor:.1f}× its SQL floor of {floor:.2f} s" if floor else ""
    return f"{label}: {seconds:.2f} s (goal < {goal:.0f} s{ratio}) → {'meets' if seconds < goal else 'MISSES'}"


def main(argv: list[str] | None = None) -> None:
    """Build or open the workspace, then measure the digest, risk scoring and insights in child processes."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks digest")
    parser.add_argument("--size", default="large", choices=("small", "default", "large"))
    parser.add_argument("--only", default=",".join(GROUPS), help=f"groups to run, of {','.join(GROUPS)}")
    args = parser.parse_args(argv if argv is not None else [])
    engine, as_of = large_workspace(size=args.size)
    url = engine.url.render_as_string(hide_password=False)
    with engine.connect() as conn:
        counts = {
            t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()  # noqa: S608 (fixed table names)
            for t in ("deal", "engagement", "dealstagechange", "inboundlead", "call")
        }
    engine.dispose()
    # as of the workspace's own "now": "last week" is then a complete week of generated history (a later Monday
    # would report a week the generator only partly filled)
    rows: list[Row] = []
    ctx = mp.get_context("spawn")
    for what in [g for g in GROUPS if g in args.only.split(",")]:
        queue = ctx.Queue()
        child = ctx.Process(target=_measure, args=(url, as_of.isoformat(), what, queue))
        child.start()
        rows += [tuple(r) for r in json.loads(queue.get(timeout=1800))]  # type: ignore[misc]
        child.join()
    print(
        f"workspace: {args.size}, {counts['deal']:,} deals, {counts['engagement']:,} engagements, "
        f"{counts['dealstagechange']:,} stage changes, {counts['inboundlead']:,} leads, {counts['call']:,} calls "
        f"(SQLite, {sys.platform}); load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print_table(
        "Digest, risk scoring and insights (floor: the same SQL replayed raw and fetched)",
        ("what", "seconds", "SQL floor s", "× floor", "process peak RSS MB", "result"),
        [
            (
                label,
                round(sec, 2),
                round(floor, 3) if floor is not None else "-",
                f"{sec / floor:.1f}×" if floor else "-",
                round(rss, 1),
                note,
            )
            for label, sec, floor, rss, note in rows
        ],
    )
    print("done-when:")
    for label, *_ in rows:
        if label.startswith("digest, one team"):
            print("  " + _verdict(rows, label, GOAL_ONE_TEAM))
        elif label.startswith("digest, whole workspace"):
            print("  " + _verdict(rows, label, GOAL_EVERYONE))


if __name__ == "__main__":
    main(sys.argv[1:])
