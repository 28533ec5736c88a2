"""Digest and risk scoring on the large demo workspace: seconds and peak memory, printed as a table.

Run: `python -m benchmarks digest` (builds the cached large workspace on first use; `--size default` for a quick look).
Each measurement runs in a fresh child process (a cold start, as the scheduler's first run of the day), so its peak RSS
is its own and not the workspace build's.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import time
from typing import Any

from benchmarks.common import large_workspace, print_table

DONE_WHEN_SECONDS = 5.0


def _measure(url: str, as_of_iso: str, what: str, queue: Any) -> None:
    """Run one measurement in this (fresh) process: seconds by wall clock, memory as this process's peak RSS."""
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
    rows: list[tuple[str, float, float, float, str]] = []

    def digest_of(session: Session, team: str | None) -> Any:
        return build_digest(
            session, now=now, tz=settings.tz, thresholds=thresholds, risk_floor=settings.risk_alert_score, team=team
        )

    def run(label: str, fn: Any, note: Any) -> Any:
        before = peak_rss_mb()
        start = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - start
        rows.append((label, seconds, peak_rss_mb(), peak_rss_mb() - before, note(result) if callable(note) else note))
        return result

    with Session(engine) as session:
        team_names = teams(session)
        if what == "digest":
            digest = run(
                f"digest, one team ({team_names[0]}), cold process",
                lambda: digest_of(session, team_names[0]),
                lambda d: (
                    f"{d.open_deals:,} open deals scored, {len(d.won) + len(d.lost)} closed, "
                    f"{d.created.count} created, {sum(m.forward + m.backward for m in d.moves)} stage changes"
                ),
            )
            run(
                "render: Block Kit + chart PNG",
                lambda: (reply_to_blocks(digest_reply(digest)), digest_chart(digest, _tmp_png())),
                lambda r: f"{len(r[0])} blocks, {r[1].stat().st_size // 1024} KB PNG",
            )
        elif what == "everyone":
            run(
                "digest, whole workspace as one (team=None)",
                lambda: digest_of(session, None),
                lambda d: f"{d.open_deals:,} open deals scored, {len(d.won) + len(d.lost)} closed",
            )
        elif what == "all_teams":
            run(
                f"digest, all {len(team_names)} teams (one post each)",
                lambda: [digest_of(session, t) for t in team_names],
                lambda ds: f"{sum(d.open_deals for d in ds):,} open deals scored",
            )
        else:
            run(
                "risk scoring, every open deal",
                lambda: assess_deals(session, now=now, thresholds=thresholds, tz=settings.tz),
                lambda r: f"{len(r):,} deals, {sum(1 for h in r if h.score >= settings.risk_alert_score):,} at risk",
            )
    queue.put(json.dumps(rows))


def _tmp_png() -> Any:
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix="bench-digest-")) / "chart.png"


def main(argv: list[str] | None = None) -> None:
    """Build or open the workspace, then measure the digest and risk scoring in child processes."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks digest")
    parser.add_argument("--size", default="large", choices=("small", "default", "large"))
    args = parser.parse_args(argv if argv is not None else [])
    engine, as_of = large_workspace(size=args.size)
    url = engine.url.render_as_string(hide_password=False)
    with engine.connect() as conn:
        counts = {
            t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()  # noqa: S608 (fixed table names)
            for t in ("deal", "engagement", "dealstagechange", "inboundlead")
        }
    engine.dispose()
    # as of the workspace's own "now": "last week" is then a complete week of generated history (a later Monday
    # would report a week the generator only partly filled)
    monday = as_of
    rows: list[list[Any]] = []
    ctx = mp.get_context("spawn")
    for what in ("digest", "all_teams", "everyone", "risk"):
        queue = ctx.Queue()
        child = ctx.Process(target=_measure, args=(url, monday.isoformat(), what, queue))
        child.start()
        rows += json.loads(queue.get(timeout=1800))
        child.join()
    print(
        f"workspace: {args.size}, {counts['deal']:,} deals, {counts['engagement']:,} engagements, "
        f"{counts['dealstagechange']:,} stage changes, {counts['inboundlead']:,} leads (SQLite, {sys.platform}); "
        f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print_table(
        "Digest and risk scoring",
        ("what", "seconds", "process peak RSS MB", "RSS growth MB", "result"),
        [(label, round(sec, 2), round(rss, 1), round(growth, 1), note) for label, sec, rss, growth, note in rows],
    )
    one_team = next(r for r in rows if r[0].startswith("digest, one team"))
    verdict = "meets" if one_team[1] < DONE_WHEN_SECONDS else "MISSES"
    print(
        f"done-when: a digest (one team's post: slot digest:<team>:<week>) < {DONE_WHEN_SECONDS:.0f} s → "
        f"{one_team[1]:.2f} s, {verdict} the target"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
