"""What the health rules read about each open deal, gathered in a handful of grouped queries (never one per deal).

`gather_inputs` returns one `DealInputs` per open deal: its activity counts by window, last stage move, close-date
pushes, buying-group size and champions' last engagement; `won_stage_medians` gives the time WON deals spent in
each stage, the yardstick of "stuck in stage".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Numeric, and_, case, cast, distinct, func, or_, select
from sqlmodel import Session

from store.models import CloseDateChange, Contact, Deal, DealContact, DealStageChange, Engagement, table_of
from tools.health.model import RECENT_DAYS


def utc(value: Any) -> datetime | None:
    """Aggregates (MAX over a CASE) can come back as strings on SQLite; hand back a UTC-aware datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@dataclass(frozen=True)
class Activity:
    """A deal's engagement counts and latest instants, up to the assessment's `now`."""

    last_buyer: datetime | None = None
    out_recent: int = 0
    in_recent: int = 0
    out_prior: int = 0
    in_prior: int = 0
    meet_recent: int = 0
    meet_prior: int = 0
    last_meeting: datetime | None = None
    booked: int = 0
    open_tasks: int = 0
    buyer_contacts: int = 0


@dataclass(frozen=True)
class DealInputs:
    """Everything the rules read about one open deal besides its own row."""

    activity: Activity | None
    last_move: tuple[int, datetime] | None
    """(DealStageChange id, when) of the deal's latest stage change."""
    pushes: list[tuple[int, date | None, date | None]] = field(default_factory=list)
    """(CloseDateChange id, old date, new date) for each push to a later date, oldest first."""
    contacts: int = 0
    champions: list[tuple[int, datetime | None, str]] = field(default_factory=list)
    """(contact id, last buyer engagement, name) of each champion."""


def _activity(session: Session, open_deals: Any, now: datetime) -> dict[int, Activity]:
    recent = now - timedelta(days=RECENT_DAYS)
    prior_emails = now - timedelta(days=2 * RECENT_DAYS)
    prior_meetings = now - timedelta(days=3 * RECENT_DAYS)
    e = table_of(Engagement).c
    is_email_out = and_(e.type == "email", e.direction == "outbound")
    is_email_in = and_(e.type == "email", e.direction == "inbound")
    held = and_(e.type == "meeting", e.status == "completed")
    past = e.occurred_at <= now

    def count_if(*conds: Any) -> Any:
        return func.sum(case((and_(*conds), 1), else_=0))

    rows = session.execute(
        select(
            e.deal_id,
            func.max(case((and_(e.buyer_engaged.is_(True), past), e.occurred_at))),
            count_if(is_email_out, e.occurred_at > recent, past),
            count_if(is_email_in, e.occurred_at > recent, past),
            count_if(is_email_out, e.occurred_at > prior_emails, e.occurred_at <= recent),
            count_if(is_email_in, e.occurred_at > prior_emails, e.occurred_at <= recent),
            count_if(held, e.occurred_at > recent, past),
            count_if(held, e.occurred_at > prior_meetings, e.occurred_at <= recent),
            func.max(case((held, e.occurred_at))),
            count_if(e.type == "meeting", e.status == "scheduled", e.occurred_at > now),
            count_if(e.type == "task", e.status == "open", or_(e.due_at.is_(None), e.due_at >= now)),
            func.count(distinct(case((e.buyer_engaged.is_(True), e.contact_id)))),
        )
        .where(e.deal_id.in_(open_deals))
        .group_by(e.deal_id)
    ).all()
    return {
        deal_id: Activity(
            last_buyer=utc(last_buyer),
            out_recent=int(out_r or 0),
            in_recent=int(in_r or 0),
            out_prior=int(out_p or 0),
            in_prior=int(in_p or 0),
            meet_recent=int(meet_r or 0),
            meet_prior=int(meet_p or 0),
            last_meeting=utc(last_meeting),
            booked=int(booked or 0),
            open_tasks=int(tasks or 0),
            buyer_contacts=int(people or 0),
        )
        for deal_id, last_buyer, out_r, in_r, out_p, in_p, meet_r, meet_p, last_meeting, booked, tasks, people in rows
    }


def _last_moves(session: Session, open_deals: Any, now: datetime) -> dict[int, tuple[int, datetime]]:
    last_move: dict[int, tuple[int, datetime]] = {}
    c = table_of(DealStageChange).c
    for deal_id, change_id, changed_at in session.execute(
        select(c.deal_id, c.id, c.changed_at)
        .where(c.deal_id.in_(open_deals), c.changed_at <= now)
        .order_by(c.deal_id, c.changed_at, c.id)
    ).all():
        moved_at = utc(changed_at)
        if moved_at is not None:
            last_move[deal_id] = (change_id, moved_at)
    return last_move


def _pushes(session: Session, open_deals: Any, now: datetime) -> dict[int, list[tuple[int, date | None, date | None]]]:
    pushes: dict[int, list[tuple[int, date | None, date | None]]] = defaultdict(list)
    c = table_of(CloseDateChange).c
    for change_id, deal_id, old, new in session.execute(
        select(c.id, c.deal_id, c.old_date, c.new_date)
        .where(c.deal_id.in_(open_deals), c.changed_at <= now, c.new_date > c.old_date)
        .order_by(c.deal_id, c.changed_at)
    ).all():
        pushes[deal_id].append((change_id, old, new))
    return pushes


def _buying_group(
    session: Session, open_deals: Any, now: datetime
) -> tuple[dict[int, int], dict[int, list[tuple[int, datetime | None, str]]]]:
    """Contacts per deal, and each champion's last buyer engagement on that deal."""
    contacts: dict[int, int] = defaultdict(int)
    has_champion = False
    dc = table_of(DealContact).c
    for deal_id, role in session.execute(select(dc.deal_id, dc.role).where(dc.deal_id.in_(open_deals))).all():
        contacts[deal_id] += 1
        has_champion = has_champion or bool(role and "champion" in role.lower())
    champions: dict[int, list[tuple[int, datetime | None, str]]] = defaultdict(list)
    if not has_champion:
        return contacts, champions
    engagement = table_of(Engagement)
    e = engagement.c
    contact = table_of(Contact).c
    for deal_id, contact_id, last, first_name, last_name in session.execute(
        select(
            dc.deal_id,
            dc.contact_id,
            func.max(e.occurred_at),
            func.max(contact.first_name),  # one contact per group: MAX only satisfies GROUP BY
            func.max(contact.last_name),
        )
        .join(table_of(Contact), contact.id == dc.contact_id)
        .outerjoin(
            engagement,
            and_(
                e.deal_id == dc.deal_id,
                e.contact_id == dc.contact_id,
                e.buyer_engaged.is_(True),
                e.occurred_at <= now,
            ),
        )
        .where(dc.deal_id.in_(open_deals), func.lower(dc.role).like("%champion%"))
        .group_by(dc.deal_id, dc.contact_id)
        .order_by(dc.deal_id, dc.contact_id)
    ).all():
        champions[deal_id].append((contact_id, utc(last), f"{first_name or ''} {last_name or ''}".strip()))
    return contacts, champions


def gather_inputs(session: Session, open_deals: Any, now: datetime) -> dict[int, DealInputs]:
    """The rules' inputs for every deal of `open_deals` (a scalar subquery of deal ids), as of `now`."""
    activity = _activity(session, open_deals, now)
    moves = _last_moves(session, open_deals, now)
    pushes = _pushes(session, open_deals, now)
    contacts, champions = _buying_group(session, open_deals, now)
    deal_ids = set(activity) | set(moves) | set(pushes) | set(contacts) | set(champions)
    return {
        deal_id: DealInputs(
            activity=activity.get(deal_id),
            last_move=moves.get(deal_id),
            pushes=pushes.get(deal_id, []),
            contacts=contacts.get(deal_id, 0),
            champions=champions.get(deal_id, []),
        )
        for deal_id in deal_ids
    }


def _days_between(start: Any, end: Any, dialect: str) -> Any:
    """SQL for the days from `start` to `end` (fractional), on SQLite or PostgreSQL."""
    if dialect == "sqlite":
        return func.julianday(end) - func.julianday(start)
    return func.extract("epoch", end - start) / 86400.0


_MEDIANS: dict[tuple[str, int, int, int], dict[str, tuple[float, int]]] = {}


def won_stage_medians(session: Session) -> dict[str, tuple[float, int]]:
    """Median days that WON deals spent in each stage, with the number of stage visits behind each median.

    A visit runs from a `DealStageChange` into the stage to the deal's next change (SQL window `LEAD`). The result is
    cached per store and history signature (won deals, stage-change count and newest id), so the teams of one digest
    run, or one alert run, compute it once; any new win or stage change computes it afresh.
    """
    bind = session.get_bind()
    c = table_of(DealStageChange).c
    won, changes, newest = session.execute(
        select(
            select(func.count()).where(table_of(Deal).c.is_won.is_(True)).scalar_subquery(),
            func.count(),  # COUNT(*): SQLite counts the smallest index, not the table's rows
            func.coalesce(func.max(c.id), 0),
        )
    ).one()
    key = (str(bind.engine.url.render_as_string(hide_password=True)), int(won), int(changes), int(newest))
    if key not in _MEDIANS:
        _MEDIANS.clear()  # one store per process in practice; never grow without bound
        _MEDIANS[key] = _compute_won_stage_medians(session)
    return _MEDIANS[key]


def _compute_won_stage_medians(session: Session) -> dict[str, tuple[float, int]]:
    dialect = session.get_bind().dialect.name
    c, deal = table_of(DealStageChange).c, table_of(Deal)
    next_at = func.lead(c.changed_at).over(partition_by=c.deal_id, order_by=(c.changed_at, c.id)).label("next_at")
    visits = (
        select(c.to_stage, c.changed_at, next_at)
        .join(deal, deal.c.id == c.deal_id)
        .where(deal.c.is_won.is_(True))
        .subquery()
    )
    # A histogram at 0.1-day resolution, not one row per visit: a large book has ~100k won-deal visits.
    days = func.round(cast(_days_between(visits.c.changed_at, visits.c.next_at, dialect), Numeric), 1)
    rows = session.execute(
        select(visits.c.to_stage, days.label("days"), func.count())
        .where(visits.c.next_at.is_not(None))
        .group_by(visits.c.to_stage, days)
    ).all()
    histograms: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for stage, value, count in rows:
        histograms[stage].append((float(value), int(count)))
    return {stage: (_histogram_median(h), sum(c for _, c in h)) for stage, h in histograms.items()}


def _histogram_median(histogram: list[tuple[float, int]]) -> float:
    """The median of values given as (value, count) pairs (the mean of the two middle values for an even count)."""
    ordered = sorted(histogram)
    total = sum(c for _, c in ordered)
    wanted = ((total - 1) // 2, total // 2)
    found: list[float] = []
    seen = 0
    for value, count in ordered:
        while len(found) < 2 and seen <= wanted[len(found)] < seen + count:
            found.append(value)
        seen += count
    return (found[0] + found[1]) / 2


def stages_as_of(session: Session, deal_ids: Any, at: datetime) -> dict[int, str]:
    """Each deal's stage at `at`, from stage history.

    The last move into a stage by then, else the stage the first later move left. Deals with no recorded move are
    absent (their current stage is all there is).
    """
    out: dict[int, str] = {}
    later: dict[int, str] = {}
    c = table_of(DealStageChange).c
    rows = session.execute(
        select(c.deal_id, c.from_stage, c.to_stage, c.changed_at)
        .where(c.deal_id.in_(deal_ids))
        .order_by(c.deal_id, c.changed_at, c.id)
    ).all()
    for deal_id, from_stage, to_stage, changed_at in rows:
        moved_at = utc(changed_at)
        if moved_at is not None and moved_at <= at:
            out[deal_id] = to_stage
        elif deal_id not in later and from_stage:
            later[deal_id] = from_stage
    return {**{k: v for k, v in later.items() if k not in out}, **out}
