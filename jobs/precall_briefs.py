"""Pre-call briefs: for each meeting starting 30–60 minutes from now, DM its owner the brief, once per meeting.

The job runs every `precall_check_minutes` (10) and looks at meetings starting in [now + 30 min, now + 60 min), so a
meeting is seen by about three runs; the claim `brief:<meeting engagement id>` makes exactly one of them (on any
replica) send it. A meeting booked less than 30 minutes ahead is not briefed: a brief that lands as the call starts is
noise. The brief is the copilot's brief of the meeting's deal (an injected `brief_for(deal_id) -> Reply` in tests), so
this module only decides *when* and *to whom*.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Engine, select
from sqlmodel import col

from bot.copilot.render import Renderer
from bot.copilot.reply import Context, Header, Reply, Section
from jobs.claims import get_claim, run_claimed
from jobs.posting import Poster, Recipient, Unreachable, recipients_by_owner
from store.db import session_scope
from store.models import Company, Deal, Engagement, Owner
from tools.briefs import build_brief

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)
JOB = "precall_brief"

BriefFor = Callable[[int], Reply]


@dataclass(frozen=True)
class Meeting:
    """A scheduled meeting that is due a brief."""

    id: int
    starts_at: datetime
    subject: str | None
    deal_id: int | None
    company_id: int | None
    company_name: str | None
    owner_id: int | None
    owner_name: str | None
    owner_slack_id: str | None
    owner_timezone: str | None


@dataclass(frozen=True)
class BriefSent:
    """One brief that went out."""

    meeting_id: int
    slack_user_id: str
    channel: str
    ts: str


def brief_slot(meeting_id: int) -> str:
    """The claim slot of a meeting's brief."""
    return f"brief:{meeting_id}"


def meetings_due(engine: Engine, *, now: datetime, min_minutes: int, max_minutes: int) -> list[Meeting]:
    """Scheduled meetings starting in [now + min_minutes, now + max_minutes)."""
    with session_scope(engine) as session:
        rows = session.execute(
            select(
                col(Engagement.id),
                col(Engagement.occurred_at),
                col(Engagement.subject),
                col(Engagement.deal_id),
                col(Engagement.company_id),
                col(Company.name),
                col(Engagement.owner_id),
                col(Owner.name),
                col(Owner.slack_user_id),
                col(Owner.timezone),
            )
            .outerjoin(Company, col(Company.id) == Engagement.company_id)
            .outerjoin(Owner, col(Owner.id) == Engagement.owner_id)
            .where(
                col(Engagement.type) == "meeting",
                col(Engagement.status) == "scheduled",
                col(Engagement.occurred_at) >= now + timedelta(minutes=min_minutes),
                col(Engagement.occurred_at) < now + timedelta(minutes=max_minutes),
            )
            .order_by(col(Engagement.occurred_at), col(Engagement.id))
        ).all()
    return [Meeting(*row) for row in rows]


def _zone(name: str | None, fallback: ZoneInfo) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name else fallback
    except (ZoneInfoNotFoundError, ValueError):
        return fallback


def with_meeting_header(meeting: Meeting, brief: Reply, tz: ZoneInfo) -> Reply:
    """Put the meeting (time in the owner's timezone, subject, company) above the brief."""
    local = meeting.starts_at.astimezone(_zone(meeting.owner_timezone, tz))
    title = f"Brief: {meeting.company_name or meeting.subject or 'your next meeting'} at {local:%H:%M %Z}"
    parts = [
        Header(title[:150]),
        Context([f"{meeting.subject or 'meeting'} · meeting #{meeting.id} · {local:%a %d %b}"]),
        *brief.parts,
    ]
    return Reply(parts=parts, fallback=title, ephemeral=False)


def default_brief_for(engine: Engine, settings: Settings, *, now: datetime) -> BriefFor:
    """The copilot's brief (`tools.briefs` rendered by `bot.copilot.render`) of the meeting's deal."""
    renderer = Renderer(settings, engine, now)

    def brief(deal_id: int) -> Reply:
        with session_scope(engine) as session:
            company = session.execute(
                select(col(Company.name)).join(Deal, col(Deal.company_id) == Company.id).where(col(Deal.id) == deal_id)
            ).scalar_one_or_none()
            result = build_brief(session, company, now=now, settings=settings, deal_id=deal_id) if company else None
        if result is None:
            return Reply(fallback="No brief", parts=[Section("This meeting's deal has no company on record.")])
        return renderer.render(result, source="brief")

    return brief


def run_precall_briefs(
    engine: Engine,
    settings: Settings,
    poster: Poster,
    *,
    now: datetime,
    replica: str,
    brief_for: BriefFor | None = None,
) -> list[BriefSent]:
    """DM each due meeting's owner its brief; a meeting already claimed (by any replica, any run) is skipped."""
    brief_for = brief_for or default_brief_for(engine, settings, now=now)
    sent: list[BriefSent] = []
    due = meetings_due(
        engine, now=now, min_minutes=settings.precall_brief_min_minutes, max_minutes=settings.precall_brief_minutes
    )
    if not due:
        return sent
    with session_scope(engine) as session:
        recipients = recipients_by_owner(session, sorted({m.owner_id for m in due if m.owner_id is not None}))
    for meeting in due:
        if meeting.owner_id is None:
            log.info("meeting %s has no owner: no one to brief", meeting.id)
            continue
        if meeting.deal_id is None:
            log.info("meeting %s has no deal; briefing from the meeting alone", meeting.id)

        recipient = recipients.get(meeting.owner_id) or Recipient(name=meeting.owner_name or "owner")

        def work(meeting: Meeting = meeting, recipient: Recipient = recipient) -> BriefSent:
            body = brief_for(meeting.deal_id) if meeting.deal_id is not None else Reply()
            channel, ts = poster.dm(recipient, with_meeting_header(meeting, body, settings.tz))
            return BriefSent(meeting.id, recipient.slack_user_id or recipient.email or "", channel, ts)

        try:
            outcome = run_claimed(
                engine, JOB, brief_slot(meeting.id), replica, work, describe=lambda b: f"DM {b.channel} {b.ts}"
            )
        except Unreachable as exc:  # recorded as the claim's failure; `salesos jobs run ... --retry` can resend
            log.warning("brief for meeting %s not sent: %s", meeting.id, exc)
            continue
        except Exception:
            log.exception("brief for meeting %s failed", meeting.id)  # one bad brief must not stop the others
            continue
        if outcome.ran:
            sent.append(outcome.result)  # type: ignore[arg-type]
    return sent


def preview_precall_briefs(
    engine: Engine, settings: Settings, poster: Poster, *, now: datetime, brief_for: BriefFor | None = None
) -> str:
    """Print to `poster` the briefs a run at `now` would DM; nothing is claimed (`jobs run --dry-run`)."""
    brief_for = brief_for or default_brief_for(engine, settings, now=now)
    due = meetings_due(
        engine, now=now, min_minutes=settings.precall_brief_min_minutes, max_minutes=settings.precall_brief_minutes
    )
    with session_scope(engine) as session:
        recipients = recipients_by_owner(session, sorted({m.owner_id for m in due if m.owner_id is not None}))
    shown = skipped = 0
    for meeting in due:
        if meeting.owner_id is None or get_claim(engine, JOB, brief_slot(meeting.id)) is not None:
            skipped += 1
            continue
        recipient = recipients.get(meeting.owner_id) or Recipient(name=meeting.owner_name or "owner")
        body = brief_for(meeting.deal_id) if meeting.deal_id is not None else Reply()
        poster.dm(recipient, with_meeting_header(meeting, body, settings.tz))
        shown += 1
    window = f"{settings.precall_brief_min_minutes}-{settings.precall_brief_minutes} minutes"
    said = f"would send {shown} brief{'s' * (shown != 1)} for meetings starting in {window}"
    return said + (f" ({skipped} already sent or without an owner)" if skipped else "")
