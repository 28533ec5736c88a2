"""Deal health v1: a risk score 0–100 for every open deal, the reasons behind it, and a next best action per reason.

Each reason is one published rule with its threshold from Settings, and quotes its evidence (dates, counts and record
ids), so an AE can check every alert against the CRM:

- `buyer_silent` (20, +2 per extra business day, max 30): no buyer engagement (inbound email, held meeting,
  connected call) for ≥ `silent_business_days` business days on the team calendar (Mon–Fri);
- `champion_silent` (15): the deal's champion has not engaged for ≥ `champion_silent_days` days;
- `stage_age` (10; 15 at ≥ 2× the median): in the current stage ≥ `stage_age_days` days and longer than the median
  time WON deals spent there;
- `close_date_slipped` (15 for pushes, +5 if also past; 10 if only past): close date pushed later
  ≥ `close_date_pushes` times (CloseDateChange), or already in the past;
- `single_threaded` (10): amount > `single_thread_amount` and at most one buyer contact;
- `reply_rate_drop` (10): buyer reply rate to our emails, last 4 weeks vs the 4 before, fell by half or more;
- `meeting_cadence_drop` (10): held meetings, last 4 weeks vs the 8 before (per 4 weeks), fell by half or more;
- `no_next_step` (10): no meeting booked and no open task due from now on.

The score is the sum, capped at 100. Everything is computed in a handful of grouped queries over all open deals (no
query per deal), so scoring the whole book stays fast on a large workspace.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from pydantic import BaseModel
from sqlalchemy import Numeric, and_, case, cast, distinct, func, or_, select
from sqlmodel import Session

from store.meta import store_inputs
from store.models import (
    STAGE_LABELS,
    CloseDateChange,
    Deal,
    DealContact,
    DealStageChange,
    Engagement,
)
from tools.deals import DealRow, deal_rows, deals_with_names

RECENT_DAYS = 28
"""Reply-rate and meeting-cadence windows: the last 4 weeks against the 4 (emails) or 8 (meetings) before."""
MIN_EMAILS = 3
"""Fewer outbound emails than this in a window says nothing about a reply rate."""
MIN_PRIOR_MEETINGS = 2
"""A cadence can only drop if there was one: at least this many held meetings in the 8 weeks before."""
WORSENED_BY = 10
"""A re-assessment counts as worse when the score rose by at least this much (or a new reason appeared)."""
HIGH, MEDIUM = 60, 35
"""Score levels shown to people."""

PLAYBOOK: dict[str, str] = {
    "buyer_silent": "Re-engage with value, not a 'checking in': send one new insight (a relevant customer result) and "
    "ask a yes/no question; if no answer in 2 business days, try a second contact.",
    "champion_silent": "Call the champion directly; if they stay dark, ask another stakeholder whether priorities "
    "changed and who now owns the decision.",
    "stage_age": "Agree the exit criteria of this stage with the buyer and book the step that meets them; if nothing "
    "moves, requalify (budget, timeline, decision process).",
    "close_date_slipped": "Rebuild a mutual close plan with dated steps back from the buyer's go-live; confirm the "
    "signer and the paper process.",
    "single_threaded": "Multi-thread: ask your contact to introduce the economic buyer and one technical "
    "evaluator this week.",
    "reply_rate_drop": "Change channel and format: call or send a short video, shorter emails, one ask per email.",
    "meeting_cadence_drop": "Book the next working session now, with an agenda tied to the buyer's goal.",
    "no_next_step": "Never leave a call without a dated next step: propose two slots for the next meeting today.",
}

REASON_LABELS: dict[str, str] = {
    "buyer_silent": "Buyer silent",
    "champion_silent": "Champion silent",
    "stage_age": "Stuck in stage",
    "close_date_slipped": "Close date slipped",
    "single_threaded": "Single-threaded",
    "reply_rate_drop": "Reply rate dropped",
    "meeting_cadence_drop": "Meeting cadence dropped",
    "no_next_step": "No next step",
}


@dataclass(frozen=True)
class Thresholds:
    """The published rule thresholds (Settings fields of the same names)."""

    silent_business_days: int = 5
    stage_age_days: int = 30
    single_thread_amount: float = 50_000.0
    champion_silent_days: int = 14
    close_date_pushes: int = 2

    @classmethod
    def from_settings(cls, settings: Any) -> Thresholds:
        """Read the thresholds from a Settings object."""
        return cls(
            silent_business_days=settings.silent_business_days,
            stage_age_days=settings.stage_age_days,
            single_thread_amount=settings.single_thread_amount,
            champion_silent_days=settings.champion_silent_days,
            close_date_pushes=settings.close_date_pushes,
        )


@dataclass(frozen=True)
class RiskReason:
    """One rule a deal broke: its points, the evidence in words, the next best action, and the records behind it."""

    code: str
    points: int
    evidence: str
    action: str
    facts: dict[str, Any] = field(default_factory=dict)
    records: dict[str, list[int]] = field(default_factory=dict)
    """Record ids by table (`engagement`, `dealstagechange`, `closedatechange`, `contact`)."""

    @property
    def label(self) -> str:
        """Short human name of the rule."""
        return REASON_LABELS.get(self.code, self.code)


@dataclass(frozen=True)
class DealHealth:
    """A deal's risk assessment."""

    deal_id: int
    deal_name: str
    company_id: int | None
    company_name: str | None
    owner_id: int | None
    owner_name: str | None
    stage: str
    amount: float | None
    close_date: date | None
    score: int
    reasons: list[RiskReason]
    assessed_at: datetime

    @property
    def level(self) -> str:
        """`high`, `medium` or `low`."""
        return risk_level(self.score)

    @property
    def reason_codes(self) -> list[str]:
        """The codes of the broken rules, strongest first."""
        return [r.code for r in self.reasons]


def risk_level(score: int) -> str:
    """The level shown to people for a risk score: `high`, `medium` or `low`."""
    return "high" if score >= HIGH else "medium" if score >= MEDIUM else "low"


def _utc(value: Any) -> datetime | None:
    """Aggregates (MAX over a CASE) can come back as strings on SQLite; hand back a UTC-aware datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def business_days_between(start: date, end: date) -> int:
    """Mon–Fri days from `start` (inclusive) to `end` (exclusive): Friday → next Monday is 1 business day."""
    if end <= start:
        return 0
    return int(np.busday_count(start, end))


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
    won, changes, newest = session.exec(
        select(
            select(func.count()).where(Deal.is_won.is_(True)).scalar_subquery(),
            func.count(DealStageChange.id),
            func.coalesce(func.max(DealStageChange.id), 0),
        )
    ).one()
    key = (bind.url.render_as_string(hide_password=True), int(won), int(changes), int(newest))
    if key not in _MEDIANS:
        _MEDIANS.clear()  # one store per process in practice; never grow without bound
        _MEDIANS[key] = _compute_won_stage_medians(session)
    return _MEDIANS[key]


def _compute_won_stage_medians(session: Session) -> dict[str, tuple[float, int]]:
    dialect = session.get_bind().dialect.name
    next_at = (
        func.lead(DealStageChange.changed_at)
        .over(partition_by=DealStageChange.deal_id, order_by=(DealStageChange.changed_at, DealStageChange.id))
        .label("next_at")
    )
    visits = (
        select(DealStageChange.to_stage, DealStageChange.changed_at, next_at)
        .join(Deal, Deal.id == DealStageChange.deal_id)
        .where(Deal.is_won.is_(True))
        .subquery()
    )
    # A histogram at 0.1-day resolution, not one row per visit: a large book has ~100k won-deal visits.
    days = func.round(cast(_days_between(visits.c.changed_at, visits.c.next_at, dialect), Numeric), 1)
    rows = session.exec(
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


def assess_deals(
    session: Session,
    *,
    now: datetime,
    thresholds: Thresholds,
    tz: ZoneInfo,
    owner_ids: list[int] | None = None,
    deal_ids: list[int] | None = None,
    company_id: int | None = None,
    historical: bool = False,
) -> list[DealHealth]:
    """Assess every open deal (or those of `owner_ids` / `deal_ids` / `company_id`), riskiest first.

    Args:
        session: A store session.
        now: The instant of the assessment (aware); nothing after it is looked at.
        thresholds: The rule thresholds.
        tz: The team timezone: business days and "today" follow its calendar.
        owner_ids: Only deals of these owners.
        deal_ids: Only these deals.
        company_id: Only this company's deals.
        historical: Assess the book as it stood at `now` (a past instant): deals open then, in their stage then
            (from stage history), rather than today's open deals.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    today = now.astimezone(tz).date()

    if historical:
        # The book as it stood at `now`: created by then, and open then (closed later counts as open).
        deal_filter = [
            or_(Deal.created_at.is_(None), Deal.created_at <= now),
            or_(Deal.is_closed.is_(False), Deal.closed_at > now),
        ]
    else:
        deal_filter = [Deal.is_closed.is_(False)]
    if owner_ids is not None:
        deal_filter.append(Deal.owner_id.in_(owner_ids))
    if deal_ids is not None:
        deal_filter.append(Deal.id.in_(deal_ids))
    if company_id is not None:
        deal_filter.append(Deal.company_id == company_id)
    deals = session.exec(deals_with_names().where(*deal_filter)).all()
    if not deals:
        return []
    open_deals = select(Deal.id).where(*deal_filter).scalar_subquery()
    # A rule whose input the store does not hold is off, not a false claim ("silent since creation" on a CSV import).
    inputs = store_inputs(session)

    # --- one pass over the open deals' activity ---------------------------------------------------------------
    recent = now - timedelta(days=RECENT_DAYS)
    prior_emails = now - timedelta(days=2 * RECENT_DAYS)
    prior_meetings = now - timedelta(days=3 * RECENT_DAYS)
    e = Engagement
    is_email_out = and_(e.type == "email", e.direction == "outbound")
    is_email_in = and_(e.type == "email", e.direction == "inbound")
    held = and_(e.type == "meeting", e.status == "completed")
    past = e.occurred_at <= now

    def count_if(*conds: Any) -> Any:
        return func.sum(case((and_(*conds), 1), else_=0))

    activity = {
        r.deal_id: r
        for r in session.exec(
            select(
                e.deal_id,
                func.max(case((and_(e.buyer_engaged.is_(True), past), e.occurred_at))).label("last_buyer"),
                count_if(is_email_out, e.occurred_at > recent, past).label("out_recent"),
                count_if(is_email_in, e.occurred_at > recent, past).label("in_recent"),
                count_if(is_email_out, e.occurred_at > prior_emails, e.occurred_at <= recent).label("out_prior"),
                count_if(is_email_in, e.occurred_at > prior_emails, e.occurred_at <= recent).label("in_prior"),
                count_if(held, e.occurred_at > recent, past).label("meet_recent"),
                count_if(held, e.occurred_at > prior_meetings, e.occurred_at <= recent).label("meet_prior"),
                func.max(case((held, e.occurred_at))).label("last_meeting"),
                count_if(e.type == "meeting", e.status == "scheduled", e.occurred_at > now).label("booked"),
                count_if(e.type == "task", e.status == "open", or_(e.due_at.is_(None), e.due_at >= now)).label(
                    "open_tasks"
                ),
                func.count(distinct(case((e.buyer_engaged.is_(True), e.contact_id)))).label("buyer_contacts"),
            )
            .where(e.deal_id.in_(open_deals))
            .group_by(e.deal_id)
        ).all()
    }

    # --- stage entries, stage medians of won deals ------------------------------------------------------------
    last_move: dict[int, tuple[int, datetime]] = {}
    for deal_id, change_id, changed_at in session.exec(
        select(DealStageChange.deal_id, DealStageChange.id, DealStageChange.changed_at)
        .where(DealStageChange.deal_id.in_(open_deals), DealStageChange.changed_at <= now)
        .order_by(DealStageChange.deal_id, DealStageChange.changed_at, DealStageChange.id)
    ).all():
        last_move[deal_id] = (change_id, changed_at)
    medians = won_stage_medians(session)
    stage_then = stages_as_of(session, open_deals, now) if historical else {}

    # --- close-date pushes ------------------------------------------------------------------------------------
    pushes: dict[int, list[tuple[int, date | None, date | None]]] = defaultdict(list)
    for change_id, deal_id, old, new in session.exec(
        select(CloseDateChange.id, CloseDateChange.deal_id, CloseDateChange.old_date, CloseDateChange.new_date)
        .where(
            CloseDateChange.deal_id.in_(open_deals),
            CloseDateChange.changed_at <= now,
            CloseDateChange.new_date > CloseDateChange.old_date,
        )
        .order_by(CloseDateChange.deal_id, CloseDateChange.changed_at)
    ).all():
        pushes[deal_id].append((change_id, old, new))

    # --- stakeholders and champions ---------------------------------------------------------------------------
    role_rows = session.exec(
        select(DealContact.deal_id, DealContact.contact_id, DealContact.role).where(DealContact.deal_id.in_(open_deals))
    ).all()
    contacts_per_deal: dict[int, int] = defaultdict(int)
    champions: dict[int, list[int]] = defaultdict(list)
    for deal_id, contact_id, role in role_rows:
        contacts_per_deal[deal_id] += 1
        if role and "champion" in role.lower():
            champions[deal_id].append(contact_id)
    champion_last: dict[tuple[int, int], datetime | None] = {}
    if champions:
        rows = session.exec(
            select(DealContact.deal_id, DealContact.contact_id, func.max(e.occurred_at))
            .join(Deal, Deal.id == DealContact.deal_id)
            .outerjoin(
                e,
                and_(
                    e.deal_id == DealContact.deal_id,
                    e.contact_id == DealContact.contact_id,
                    e.buyer_engaged.is_(True),
                    e.occurred_at <= now,
                ),
            )
            .where(*deal_filter, func.lower(DealContact.role).like("%champion%"))
            .group_by(DealContact.deal_id, DealContact.contact_id)
        ).all()
        champion_last = {(d, c): _utc(at) for d, c, at in rows}

    # --- rules ------------------------------------------------------------------------------------------------
    results: list[DealHealth] = []
    business_days: dict[date, int] = {}  # deals share their last-engagement dates: count each date once
    for d in deals:
        created = _utc(d.created_at) or now
        act = activity.get(d.id)
        reasons: list[RiskReason] = []

        last_buyer = _utc(act.last_buyer) if act else None
        since = last_buyer or created
        since_day = since.astimezone(tz).date()
        if since_day not in business_days:
            business_days[since_day] = business_days_between(since_day, today)
        silent_bd = business_days[since_day]
        if inputs.activity and silent_bd >= thresholds.silent_business_days:
            points = min(30, 20 + 2 * (silent_bd - thresholds.silent_business_days))
            what = f"last buyer engagement {since.astimezone(tz):%a %d %b}" if last_buyer else "no buyer engagement yet"
            if last_buyer is None:
                what += f" since the deal was created {since.astimezone(tz):%d %b}"
            reasons.append(
                RiskReason(
                    "buyer_silent",
                    points,
                    f"{silent_bd} business days without a buyer reply, call or held meeting ({what})",
                    PLAYBOOK["buyer_silent"],
                    {
                        "business_days": silent_bd,
                        "since": since.isoformat(),
                        "threshold": thresholds.silent_business_days,
                    },
                )
            )

        for contact_id in champions.get(d.id, []) if inputs.activity else []:
            seen = champion_last.get((d.id, contact_id))
            champ_since = seen or created
            days = (now - champ_since).days
            if days >= thresholds.champion_silent_days:
                when = f"last engaged {champ_since.astimezone(tz):%d %b}" if seen else "never engaged"
                reasons.append(
                    RiskReason(
                        "champion_silent",
                        15,
                        f"champion (contact #{contact_id}) silent for {days} days ({when})",
                        PLAYBOOK["champion_silent"],
                        {"days": days, "threshold": thresholds.champion_silent_days},
                        {"contact": [contact_id]},
                    )
                )
                break

        stage = stage_then.get(d.id, d.stage) if historical else d.stage
        move = last_move.get(d.id)
        entered = _utc(move[1]) if move else created
        stage_days = (now - entered).days
        median = medians.get(stage)
        if stage_days >= thresholds.stage_age_days and (median is None or stage_days > median[0]):
            ratio = stage_days / median[0] if median and median[0] > 0 else None
            label = STAGE_LABELS.get(stage, stage)
            vs = (
                f"won deals' median there: {median[0]:.0f} days over {median[1]} deals ({ratio:.1f}×)"
                if median and ratio
                else "no won deal has passed this stage yet"
                if inputs.stage_history
                else "no stage history in this store to compare with won deals"
            )
            reasons.append(
                RiskReason(
                    "stage_age",
                    15 if ratio and ratio >= 2 else 10,
                    f"{stage_days} days in {label} since {entered.astimezone(tz):%d %b} ({vs})",
                    PLAYBOOK["stage_age"],
                    {"days": stage_days, "median_won_days": round(median[0], 1) if median else None},
                    {"dealstagechange": [move[0]]} if move else {},
                )
            )

        deal_pushes = pushes.get(d.id, [])
        overdue = d.close_date is not None and d.close_date < today
        if len(deal_pushes) >= thresholds.close_date_pushes or overdue:
            parts = []
            points = 0
            if len(deal_pushes) >= thresholds.close_date_pushes:
                first_old = deal_pushes[0][1]
                parts.append(f"close date pushed {len(deal_pushes)} times ({first_old} → {d.close_date})")
                points += 15
            if overdue:
                parts.append(f"close date {d.close_date} has passed")
                points += 5 if points else 10
            reasons.append(
                RiskReason(
                    "close_date_slipped",
                    points,
                    "; ".join(parts),
                    PLAYBOOK["close_date_slipped"],
                    {"pushes": len(deal_pushes), "overdue": overdue},
                    {"closedatechange": [p[0] for p in deal_pushes]} if deal_pushes else {},
                )
            )

        if (inputs.contacts or inputs.activity) and d.amount is not None and d.amount > thresholds.single_thread_amount:
            people = max(contacts_per_deal.get(d.id, 0), int(act.buyer_contacts or 0) if act else 0)
            if people <= 1:
                reasons.append(
                    RiskReason(
                        "single_threaded",
                        10,
                        f"${d.amount:,.0f} deal with {people} buyer contact{'s' if people != 1 else ''} "
                        f"(over ${thresholds.single_thread_amount:,.0f} needs more than one)",
                        PLAYBOOK["single_threaded"],
                        {"contacts": people, "amount": d.amount},
                    )
                )

        if act:
            out_r, in_r, out_p, in_p = (
                int(x or 0) for x in (act.out_recent, act.in_recent, act.out_prior, act.in_prior)
            )
            if out_r >= MIN_EMAILS and out_p >= MIN_EMAILS:
                rate_r, rate_p = min(1.0, in_r / out_r), min(1.0, in_p / out_p)
                if rate_p >= 0.2 and rate_r <= rate_p / 2:
                    reasons.append(
                        RiskReason(
                            "reply_rate_drop",
                            10,
                            f"buyer replies to {rate_r:.0%} of our emails in the last 4 weeks ({in_r}/{out_r}) vs "
                            f"{rate_p:.0%} the 4 weeks before ({in_p}/{out_p})",
                            PLAYBOOK["reply_rate_drop"],
                            {"recent": [in_r, out_r], "prior": [in_p, out_p]},
                        )
                    )
            meet_r, meet_p = int(act.meet_recent or 0), int(act.meet_prior or 0)
            if meet_p >= MIN_PRIOR_MEETINGS and meet_r <= (meet_p / 2) / 2:
                reasons.append(
                    RiskReason(
                        "meeting_cadence_drop",
                        10,
                        f"{meet_r} meetings held in the last 4 weeks vs {meet_p} in the 8 weeks before",
                        PLAYBOOK["meeting_cadence_drop"],
                        {"recent": meet_r, "prior_8_weeks": meet_p},
                    )
                )

        booked = int(act.booked or 0) if act else 0
        tasks = int(act.open_tasks or 0) if act else 0
        if inputs.activity and booked == 0 and tasks == 0:
            last_meeting = _utc(act.last_meeting) if act else None
            tail = (
                f"; last meeting held {last_meeting.astimezone(tz):%d %b}" if last_meeting else "; no meeting held yet"
            )
            reasons.append(
                RiskReason(
                    "no_next_step",
                    10,
                    "no meeting booked and no open task" + tail,
                    PLAYBOOK["no_next_step"],
                    {"booked_meetings": 0, "open_tasks": 0},
                )
            )

        reasons.sort(key=lambda r: -r.points)
        results.append(
            DealHealth(
                deal_id=d.id,
                deal_name=d.name,
                company_id=d.company_id,
                company_name=d.company_name,
                owner_id=d.owner_id,
                owner_name=d.owner_name,
                stage=stage_then.get(d.id, d.stage) if historical else d.stage,
                amount=d.amount,
                close_date=d.close_date,
                score=min(100, sum(r.points for r in reasons)),
                reasons=reasons,
                assessed_at=now,
            )
        )

    _attach_last_buyer_ids(session, results, open_deals, now)
    results.sort(key=lambda h: (-h.score, -(h.amount or 0), h.deal_id))
    return results


def stages_as_of(session: Session, deal_ids: Any, at: datetime) -> dict[int, str]:
    """Each deal's stage at `at`, from stage history.

    The last move into a stage by then, else the stage the first later move left. Deals with no recorded move are
    absent (their current stage is all there is).
    """
    out: dict[int, str] = {}
    later: dict[int, str] = {}
    rows = session.exec(
        select(
            DealStageChange.deal_id, DealStageChange.from_stage, DealStageChange.to_stage, DealStageChange.changed_at
        )
        .where(DealStageChange.deal_id.in_(deal_ids))
        .order_by(DealStageChange.deal_id, DealStageChange.changed_at, DealStageChange.id)
    ).all()
    for deal_id, from_stage, to_stage, changed_at in rows:
        if _utc(changed_at) <= at:  # type: ignore[operator]
            out[deal_id] = to_stage
        elif deal_id not in later and from_stage:
            later[deal_id] = from_stage
    return {**{k: v for k, v in later.items() if k not in out}, **out}


def _attach_last_buyer_ids(session: Session, results: list[DealHealth], open_deals: Any, now: datetime) -> None:
    """Add the id of the last buyer engagement to each `buyer_silent` reason (evidence a person can open).

    One query: each open deal's last buyer-engagement instant (an index-only scan), joined back to its engagement.
    """
    if not any(r.code == "buyer_silent" for h in results for r in h.reasons):
        return
    e = Engagement
    last = (
        select(e.deal_id.label("deal_id"), func.max(e.occurred_at).label("at"))
        .where(e.deal_id.in_(open_deals), e.buyer_engaged.is_(True), e.occurred_at <= now)
        .group_by(e.deal_id)
        .subquery()
    )
    found = dict(
        session.exec(
            select(e.deal_id, func.max(e.id))
            .join(last, and_(e.deal_id == last.c.deal_id, e.occurred_at == last.c.at))
            .where(e.buyer_engaged.is_(True))
            .group_by(e.deal_id)
        ).all()
    )
    for health in results:
        engagement_id = found.get(health.deal_id)
        if engagement_id is None:
            continue
        for i, reason in enumerate(health.reasons):
            if reason.code == "buyer_silent" and "engagement" not in reason.records:
                health.reasons[i] = RiskReason(
                    reason.code,
                    reason.points,
                    f"{reason.evidence} [engagement #{engagement_id}]",
                    reason.action,
                    reason.facts,
                    {"engagement": [engagement_id]},
                )


def is_worse(current: DealHealth, previous_score: int | None, previous_reasons: Sequence[str] | None) -> bool:
    """Tell whether `current` is new or worsened risk compared with the remembered assessment."""
    if previous_score is None:
        return True
    if set(current.reason_codes) - set(previous_reasons or []):
        return True
    return current.score >= previous_score + WORSENED_BY


# --- the copilot's "which deals are at risk?" answer ----------------------------------------------------------------

AT_RISK_SHOWN = 25
"""Deals an at-risk answer lists in full (the total counts them all)."""


class AtRiskReason(BaseModel):
    """One broken rule of an at-risk deal, as shown: its points, its evidence and its next best action."""

    code: str
    label: str
    points: int
    evidence: str
    action: str


class AtRiskDeal(BaseModel):
    """An open deal at or above the alert score, with its score, level and reasons strongest first."""

    deal: DealRow
    score: int
    level: str
    reasons: list[AtRiskReason]

    @property
    def next_best_action(self) -> str | None:
        """The playbook action of the strongest reason."""
        return self.reasons[0].action if self.reasons else None


class AtRiskResult(BaseModel):
    """Open deals at risk by deal health (score ≥ `min_score`), riskiest first; `total` counts them all."""

    min_score: int
    open_deals: int
    total: int
    total_amount: float
    deals: list[AtRiskDeal]
    assessed_at: datetime | None = None
    """When the scores were assessed (the question's instant when assessed live)."""
    from_snapshot: bool = False
    """Served from the stored whole-book assessment (`tools.health_snapshot`) rather than assessed for this question."""
    rules_off: list[str] = []
    """Rules switched off because the store lacks their input (no activity data, no stage history), in words."""


def at_risk_deals(
    session: Session,
    *,
    now: datetime,
    thresholds: Thresholds,
    tz: ZoneInfo,
    min_score: int,
    owner_ids: list[int] | None = None,
    company_id: int | None = None,
    limit: int = AT_RISK_SHOWN,
) -> AtRiskResult:
    """Open deals whose health score is at least `min_score`, riskiest first (score, then amount).

    With `min_score` = `risk_alert_score` this is the daily risk alerts' definition of "at risk", so the copilot and
    the alerts never disagree.

    Args:
        session: A store session.
        now: The instant of the assessment (aware).
        thresholds: The rule thresholds.
        tz: The team timezone.
        min_score: Lowest risk score counted as at risk.
        owner_ids: Only deals of these owners.
        company_id: Only this company's deals.
        limit: Most deals listed in full.
    """
    assessed = assess_deals(session, now=now, thresholds=thresholds, tz=tz, owner_ids=owner_ids, company_id=company_id)
    risky = [h for h in assessed if h.score >= min_score]
    shown = risky[:limit]
    rows = deal_rows(session, [h.deal_id for h in shown])
    return AtRiskResult(
        min_score=min_score,
        open_deals=len(assessed),
        total=len(risky),
        total_amount=float(sum(h.amount or 0 for h in risky)),
        deals=[
            AtRiskDeal(
                deal=rows[h.deal_id],
                score=h.score,
                level=h.level,
                reasons=[
                    AtRiskReason(code=r.code, label=r.label, points=r.points, evidence=r.evidence, action=r.action)
                    for r in h.reasons
                ],
            )
            for h in shown
            if h.deal_id in rows
        ],
        assessed_at=now,
        rules_off=store_inputs(session).rules_off(),
    )
