"""The Monday digest job: one post per team and ISO week in the digest channel, with its chart, exactly once.

Slot: `digest:<team>:<ISO week reported>` (e.g. `digest:team-a:2026-W48` for the week of 23–29 Nov 2026), so a replica
that fires a few seconds late, a restart that catches up, or `salesos jobs run weekly_digest` all compete for the same
row and only one of them posts.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from jobs.claims import get_claim, run_claimed
from jobs.posting import Poster
from jobs.render import digest_chart, digest_reply
from store.db import session_scope
from tools.digest import Digest, build_digest, iso_week, last_week, team_timezone, teams
from tools.health import Thresholds

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)
JOB = "weekly_digest"


@dataclass(frozen=True)
class DigestPost:
    """One digest that was posted."""

    slot: str
    channel: str
    ts: str
    file_id: str


def digest_slot(team: str | None, now: datetime, settings: Settings) -> str:
    """The claim slot of `team`'s digest for the week before `now`."""
    monday, _, _ = last_week(now, settings.tz)
    return f"digest:{team or 'all'}:{iso_week(monday)}"


def make_digest(engine: Engine, settings: Settings, *, now: datetime, team: str | None) -> Digest:
    """Build one team's digest from the store."""
    with session_scope(engine) as session:
        return build_digest(
            session,
            now=now,
            tz=team_timezone(session, team, settings.tz),
            thresholds=Thresholds.from_settings(settings),
            risk_floor=settings.risk_alert_score,
            team=team,
            model_dir=settings.model_cache_dir,
        )


class DigestFailed(RuntimeError):
    """Some teams' digests failed (each slot marked failed, `--retry` resends it); the others were posted."""

    def __init__(self, failed: list[str], posted: list[DigestPost]) -> None:
        """Name the failed slots and keep what was posted."""
        super().__init__(f"digest failed for {', '.join(failed)}; posted {len(posted)} other(s)")
        self.failed, self.posted = failed, posted


def run_weekly_digest(
    engine: Engine,
    settings: Settings,
    poster: Poster,
    *,
    now: datetime,
    replica: str,
    retry: bool = False,
    chart_dir: Path | None = None,
) -> list[DigestPost]:
    """Post each team's digest of last week to `settings.digest_channel`, once per (team, week) across replicas."""
    with session_scope(engine) as session:
        team_names = teams(session)
    posted: list[DigestPost] = []
    failed: list[str] = []
    for team in team_names:
        slot = digest_slot(team, now, settings)

        def work(team: str | None = team, slot: str = slot) -> DigestPost:
            digest = make_digest(engine, settings, now=now, team=team)
            folder = chart_dir or Path(tempfile.mkdtemp(prefix="salesos-digest-"))
            chart = digest_chart(digest, folder / f"digest-{digest.slot_team}-{digest.iso_week}.png")
            channel, ts = poster.post(settings.digest_channel, digest_reply(digest))
            try:
                file_id = poster.upload(channel, chart, title=f"Pipeline and win rate, {digest.iso_week}", thread_ts=ts)
            except Exception:  # the digest is out; a failed chart must not mark the slot failed and invite a re-post
                log.exception("digest %s: chart upload failed", slot)
                file_id = ""
            return DigestPost(slot=slot, channel=channel, ts=ts, file_id=file_id)

        try:
            outcome = run_claimed(
                engine,
                JOB,
                slot,
                replica,
                work,
                describe=lambda p: f"posted {p.channel} {p.ts} file {p.file_id}",
                retry=retry,
            )
        except Exception:  # recorded as this slot's failure; the other teams still get their digest
            log.exception("digest %s failed; going on with the other teams", slot)
            failed.append(slot)
            continue
        if outcome.ran:
            posted.append(outcome.result)  # type: ignore[arg-type]
            log.info("digest %s posted", slot)
    if failed:
        raise DigestFailed(failed, posted)
    return posted


def preview_weekly_digest(engine: Engine, settings: Settings, poster: Poster, *, now: datetime, chart_dir: Path) -> str:
    """Print to `poster` each team's digest a run at `now` would post; nothing is claimed (`jobs run --dry-run`)."""
    with session_scope(engine) as session:
        team_names = teams(session)
    said = []
    for team in team_names:
        slot = digest_slot(team, now, settings)
        if (claimed := get_claim(engine, JOB, slot)) is not None:
            said.append(f"{team or 'all'}: this digest was already {claimed.status} (a run now would skip it)")
            continue
        digest = make_digest(engine, settings, now=now, team=team)
        channel, ts = poster.post(settings.digest_channel, digest_reply(digest))
        chart = digest_chart(digest, chart_dir / f"digest-{digest.slot_team}-{digest.iso_week}.png")
        poster.upload(channel, chart, title=f"Pipeline and win rate, {digest.iso_week}", thread_ts=ts)
        said.append(f"{team or 'all'}: would post to {settings.digest_channel}")
    return "; ".join(said) or "no team to report on"
