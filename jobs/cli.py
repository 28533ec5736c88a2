"""What `salesos digest` and `salesos jobs` print: plain functions that app.py calls."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from bot.copilot.reply import to_text
from jobs.render import digest_chart, digest_reply
from jobs.scheduler import list_jobs
from jobs.weekly_digest import make_digest
from store.db import session_scope
from tools.digest import teams

if TYPE_CHECKING:
    from settings import Settings


def parse_as_of(value: str | None, tz: Any) -> datetime:
    """`--as-of 2026-11-30` or `2026-11-30T09:00` (team time unless an offset is given); default: now."""
    if not value:
        return datetime.now(UTC)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"--as-of {value!r}: use YYYY-MM-DD or YYYY-MM-DDTHH:MM") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed.astimezone(UTC)


def digest_report(
    engine: Engine, settings: Settings, *, now: datetime, team: str | None, out_dir: Path
) -> tuple[str, list[Path]]:
    """Render each team's digest (or the one asked for) as terminal text, and write its chart PNG."""
    with session_scope(engine) as session:
        names = teams(session)
    if team is not None:
        if team not in names:
            raise ValueError(f"unknown team {team!r}; teams: {', '.join(t or 'all' for t in names)}")
        names = [team]
    texts, charts = [], []
    for name in names:
        digest = make_digest(engine, settings, now=now, team=name)
        texts.append(to_text(digest_reply(digest)))
        charts.append(digest_chart(digest, out_dir / f"digest-{digest.slot_team}-{digest.iso_week}.png"))
    return "\n".join(texts), charts


def _duration(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds < 3600 else f"{seconds / 3600:g} h"


def jobs_table(settings: Settings, *, now: datetime | None = None) -> str:
    """The job list: name, schedule, next run in the team timezone, misfire grace, what it does."""
    rows = [("job", "schedule", f"next run ({settings.team_timezone})", "grace", "what")]
    for job in list_jobs(settings, now=now):
        rows.append(
            (
                job.name,
                job.schedule,
                job.next_run.strftime("%a %Y-%m-%d %H:%M %Z") if job.next_run else "off",
                _duration(job.misfire_grace_seconds),
                job.description,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
