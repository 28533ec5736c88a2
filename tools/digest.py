"""The Monday digest of a team's last week, as plain data in which every number carries the ids of its records.

Sections: the top high-risk open deals with reasons (`tools.health`), hot leads, deals won and lost and why, pipeline
created and moved, AE coaching notes from activity and call metrics, win/loss pattern shifts (last week against the
trailing 8 weeks by industry, company size band and source), and a 9-week trend for the chart.

"Last week" is the Monday-to-Monday week before the one containing `now`, on the team's calendar (`tz`), so a digest
sent on Monday 09:00 covers Monday 00:00 to Sunday 24:00 of the week before, whatever the server's timezone.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Select, or_, select
from sqlmodel import Session, col

from store.meta import data_as_of, store_inputs
from store.models import (
    OPEN_STAGES,
    STAGE_LABELS,
    Call,
    Company,
    Deal,
    DealStageChange,
    Engagement,
    InboundLead,
    Owner,
    table_of,
)
from tools.formatting import money
from tools.health import DealHealth, Thresholds, assess_deals
from tools.insights.objections import WeekObjections, objections_in_window
from tools.segments import SIZE_BANDS, iso_week, size_band  # noqa: F401  (re-exported: the digest's segments)

if TYPE_CHECKING:
    from tools.intelligence.forecast import Forecast, ForecastChange
    from tools.intelligence.performance import Coaching

TOP_RISKS = 5
HOT_LEADS = 5
HOT_SCORE = 80.0
"""A scored lead is hot at tier A or at this score and above."""
HOT_BUDGET = 50_000.0
"""Before leads are scored, a recent lead is hot at this budget and above (the digest says which rule it used)."""
TRAILING_WEEKS = 8
SHIFT_POINTS = 25.0
"""A segment's win rate moved at least this many percentage points against its trailing 8 weeks."""
SHIFT_MIN_WEEK, SHIFT_MIN_TRAILING = 2, 4
"""Closed deals needed in the week and in the trailing weeks before a segment's shift is reported."""
COACH_LOW, COACH_HIGH = 0.5, 1.5
"""An AE's metric below half or above 1.5× the team average earns a coaching note."""


# --- results ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counted:
    """A count (and amount) with the ids of the records counted."""

    count: int
    amount: float
    ids: list[int]
    unvalued: int = 0
    """Records counted with no amount (or a zero one, as a CSV export writes for lost deals): counted, never dropped."""


@dataclass(frozen=True)
class LeadItem:
    """A hot inbound lead."""

    id: int
    company_name: str
    submitted_at: datetime
    budget: float | None
    score: float | None
    tier: str | None
    owner_name: str | None
    interest_area: str | None


@dataclass(frozen=True)
class HotLeads:
    """Hot leads of the week and the rule that picked them."""

    basis: str
    """`scored` (tier A or score ≥ 80) or `budget` (not scored yet: budget ≥ $50k)."""
    rule: str
    total: int
    leads: list[LeadItem]
    week_leads: int
    hot_ids: list[int] = field(default_factory=list)
    """Every hot lead (the top ones are in `leads`)."""
    week_ids: list[int] = field(default_factory=list)
    """Every lead of the week that is not disqualified."""


@dataclass(frozen=True)
class ClosedDeal:
    """A deal won or lost in the week."""

    id: int
    name: str
    company_name: str | None
    owner_name: str | None
    amount: float | None
    reason: str | None
    closed_at: datetime


@dataclass(frozen=True)
class ReasonGroup:
    """Deals closed for one reason."""

    reason: str
    count: int
    amount: float
    deal_ids: list[int]


@dataclass(frozen=True)
class StageMove:
    """Stage changes of the week into one stage."""

    to_stage: str
    label: str
    forward: int
    backward: int
    amount: float
    deal_ids: list[int]
    change_ids: list[int]


@dataclass(frozen=True)
class AEActivity:
    """One AE's week: activity and call metrics, each traceable to engagement/call ids."""

    owner_id: int
    name: str
    calls: Counted
    connected_calls: Counted
    emails_sent: Counted
    replies: Counted
    meetings_held: Counted
    recorded_calls: Counted
    avg_call_minutes: float | None

    @property
    def reply_rate(self) -> float | None:
        """Buyer emails received per email sent, capped at 1 (None without emails sent)."""
        return min(1.0, self.replies.count / self.emails_sent.count) if self.emails_sent.count else None

    @property
    def connect_rate(self) -> float | None:
        """Connected calls per call made (None without calls)."""
        return self.connected_calls.count / self.calls.count if self.calls.count else None


@dataclass(frozen=True)
class CoachingNote:
    """One observation about an AE against the team average."""

    owner_id: int
    name: str
    metric: str
    value: float
    team_average: float
    text: str


@dataclass(frozen=True)
class SegmentRate:
    """Win rate of one segment in a period."""

    won: int
    closed: int
    deal_ids: list[int]

    @property
    def rate(self) -> float | None:
        """Won / closed, None when nothing closed."""
        return self.won / self.closed if self.closed else None


@dataclass(frozen=True)
class PatternShift:
    """A segment whose win rate last week moved against its trailing 8 weeks."""

    dimension: str
    segment: str
    week: SegmentRate
    trailing: SegmentRate

    @property
    def delta_points(self) -> float:
        """Last week's win rate minus the trailing one, in percentage points."""
        return 100 * ((self.week.rate or 0.0) - (self.trailing.rate or 0.0))


@dataclass(frozen=True)
class WeekPoint:
    """One week of the trend chart."""

    week: str
    start: date
    created: Counted
    won: Counted
    lost: Counted

    @property
    def win_rate(self) -> float | None:
        """Won / (won + lost) in the week."""
        closed = self.won.count + self.lost.count
        return self.won.count / closed if closed else None


@dataclass
class Digest:
    """A team's weekly digest."""

    team: str | None
    iso_week: str
    week_start: date
    week_end: date
    window: tuple[datetime, datetime]
    generated_at: datetime
    tz: str
    high_risk: list[DealHealth]
    at_risk_total: int
    open_deals: int
    at_risk_ids: list[int]
    """Every open deal at or above the alert score, riskiest first (the top ones are in `high_risk`)."""
    hot_leads: HotLeads
    won: list[ClosedDeal]
    lost: list[ClosedDeal]
    won_reasons: list[ReasonGroup]
    lost_reasons: list[ReasonGroup]
    created: Counted
    moves: list[StageMove]
    activity: list[AEActivity]
    coaching: list[CoachingNote]
    overall_week: SegmentRate
    overall_trailing: SegmentRate
    shifts: list[PatternShift]
    trend: list[WeekPoint] = field(default_factory=list)
    has_activity: bool = True
    """False when the store holds no activity at all: the coaching section has no data and is left out."""
    has_leads: bool = True
    """False when the store holds no inbound lead at all: the hot-leads section is left out."""
    historical: bool = False
    """The book was reconstructed as it stood at `generated_at` (a past instant), from stage history."""
    rules_off: list[str] = field(default_factory=list)
    """Deal-health rules switched off for lack of their input, in words."""
    objections: WeekObjections | None = None
    """Objections raised on the team's recorded calls during the week, categories new against 8 weeks flagged."""
    forecast: Forecast | None = None
    """This quarter's expected bookings (tools.intelligence.forecast)."""
    forecast_change: ForecastChange | None = None
    """How that forecast moved since the start of last week, and why."""
    call_coaching: list[Coaching] = field(default_factory=list)
    """Where each AE's calls differ most from the team's won deals, quarter to date, each with a call as evidence."""

    @property
    def slot_team(self) -> str:
        """The team part of the job slot (`all` for a digest of every team)."""
        return self.team or "all"


# --- helpers ------------------------------------------------------------------------------------------------------


def last_week(now: datetime, tz: ZoneInfo) -> tuple[date, datetime, datetime]:
    """The Monday of the week before `now`'s week (team calendar), and that week's [start, end) in UTC."""
    today = now.astimezone(tz).date()
    monday = today - timedelta(days=today.weekday() + 7)
    start = datetime.combine(monday, time(0), tz).astimezone(UTC)
    end = datetime.combine(monday + timedelta(days=7), time(0), tz).astimezone(UTC)
    return monday, start, end


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def team_owner_ids(session: Session, team: str | None) -> list[int] | None:
    """Owner ids of a team (None means every owner)."""
    if team is None:
        return None
    return list(
        session.execute(select(col(Owner.id)).where(col(Owner.team) == team).order_by(col(Owner.id))).scalars().all()
    )


def team_timezone(session: Session, team: str | None, fallback: ZoneInfo) -> ZoneInfo:
    """The timezone most of a team's people work in (a Los Angeles team reads Los Angeles times); else `fallback`."""
    if team is None:
        return fallback
    zones: Counter[str] = Counter(
        session.execute(select(col(Owner.timezone)).where(col(Owner.team) == team, col(Owner.active))).scalars().all()
    )
    for name, _count in sorted(zones.items(), key=lambda kv: (-kv[1], kv[0])):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return fallback


def teams(session: Session) -> list[str | None]:
    """The teams that own deals; `[None]` (one digest for everyone) when owners have no team."""
    names = sorted({t for t in session.execute(select(col(Owner.team)).distinct()).scalars().all() if t})
    return list(names) or [None]


def _counted(rows: Iterable[tuple[int, float | None]]) -> Counted:
    rows = list(rows)
    return Counted(
        count=len(rows),
        amount=float(sum(a or 0.0 for _, a in rows)),
        ids=sorted(i for i, _ in rows),
        unvalued=sum(1 for _, a in rows if not a),
    )


def _reason_groups(deals: list[ClosedDeal]) -> list[ReasonGroup]:
    groups: dict[str, list[ClosedDeal]] = defaultdict(list)
    for d in deals:
        groups[d.reason or "no reason recorded"].append(d)
    out = [
        ReasonGroup(reason, len(ds), float(sum(d.amount or 0 for d in ds)), sorted(d.id for d in ds))
        for reason, ds in groups.items()
    ]
    return sorted(out, key=lambda g: (-g.count, -g.amount, g.reason))


# --- sections -----------------------------------------------------------------------------------------------------


def _hot_leads(session: Session, owner_ids: list[int] | None, start: datetime, end: datetime) -> HotLeads:
    stmt = (
        select(InboundLead, col(Owner.name))
        .outerjoin(Owner, col(Owner.id) == InboundLead.owner_id)
        .where(col(InboundLead.submitted_at) >= start, col(InboundLead.submitted_at) < end)
        .where(or_(col(InboundLead.status).is_(None), col(InboundLead.status) != "disqualified"))
    )
    if owner_ids is not None:
        stmt = stmt.where(or_(col(InboundLead.owner_id).in_(owner_ids), col(InboundLead.owner_id).is_(None)))
    rows = session.execute(stmt).all()
    scored = any(lead.score is not None or lead.tier is not None for lead, _ in rows)
    if scored:
        hot = [
            (lead, name)
            for lead, name in rows
            if (lead.tier or "").upper() == "A" or (lead.score is not None and lead.score >= HOT_SCORE)
        ]
        hot.sort(key=lambda r: (-(r[0].score or 0), -(r[0].budget or 0), r[0].id))
        basis, rule = "scored", f"tier A or score ≥ {HOT_SCORE:.0f}"
    else:
        hot = [(lead, name) for lead, name in rows if lead.budget is not None and lead.budget >= HOT_BUDGET]
        hot.sort(key=lambda r: (-(r[0].budget or 0), r[0].id))
        basis, rule = "budget", f"not scored yet: budget ≥ {money(HOT_BUDGET)}"
    items = [
        LeadItem(
            id=lead.id,
            company_name=lead.company_name,
            submitted_at=lead.submitted_at,
            budget=lead.budget,
            score=lead.score,
            tier=lead.tier,
            owner_name=name,
            interest_area=lead.interest_area,
        )
        for lead, name in hot[:HOT_LEADS]
    ]
    return HotLeads(
        basis=basis,
        rule=rule,
        total=len(hot),
        leads=items,
        week_leads=len(rows),
        hot_ids=sorted(lead.id for lead, _ in hot),
        week_ids=sorted(lead.id for lead, _ in rows),
    )


def _closed(session: Session, owner_ids: list[int] | None, start: datetime, end: datetime) -> list[Any]:
    stmt: Select[*tuple[Any, ...]] = (
        select(
            col(Deal.id),
            col(Deal.name),
            col(Deal.amount),
            col(Deal.is_won),
            col(Deal.close_reason),
            col(Deal.closed_at),
            col(Deal.source),
            col(Company.name).label("company_name"),
            col(Company.industry),
            col(Company.employees),
            col(Owner.name).label("owner_name"),
        )
        .outerjoin(Company, col(Company.id) == Deal.company_id)
        .outerjoin(Owner, col(Owner.id) == Deal.owner_id)
        .where(col(Deal.is_closed).is_(True), col(Deal.closed_at) >= start, col(Deal.closed_at) < end)
    )
    if owner_ids is not None:
        stmt = stmt.where(col(Deal.owner_id).in_(owner_ids))
    return list(session.execute(stmt.order_by(col(Deal.closed_at), col(Deal.id))).all())


def _moves(session: Session, owner_ids: list[int] | None, start: datetime, end: datetime) -> list[StageMove]:
    stmt = (
        select(
            col(DealStageChange.id),
            col(DealStageChange.deal_id),
            col(DealStageChange.from_stage),
            col(DealStageChange.to_stage),
        )
        .add_columns(col(Deal.amount))
        .join(Deal, col(Deal.id) == DealStageChange.deal_id)
        .where(col(DealStageChange.changed_at) >= start, col(DealStageChange.changed_at) < end)
    )
    if owner_ids is not None:
        stmt = stmt.where(col(Deal.owner_id).in_(owner_ids))
    order = {stage: i for i, stage in enumerate((*OPEN_STAGES, "closedwon"))}
    order["closedlost"] = len(OPEN_STAGES)
    by_stage: dict[str, list[Any]] = defaultdict(list)
    for row in session.execute(stmt).all():
        by_stage[row.to_stage].append(row)
    moves = []
    for stage, rows in by_stage.items():
        forward = sum(1 for r in rows if r.from_stage is None or order.get(stage, 0) > order.get(r.from_stage, -1))
        moves.append(
            StageMove(
                to_stage=stage,
                label=STAGE_LABELS.get(stage, stage),
                forward=forward,
                backward=len(rows) - forward,
                amount=float(sum(r.amount or 0 for r in rows)),
                deal_ids=sorted({r.deal_id for r in rows}),
                change_ids=sorted(r.id for r in rows),
            )
        )
    rank = {stage: i for i, stage in enumerate(STAGE_LABELS)}
    return sorted(moves, key=lambda m: rank.get(m.to_stage, len(rank)))


def _activity(session: Session, owner_ids: list[int] | None, start: datetime, end: datetime) -> list[AEActivity]:
    owners_stmt = select(col(Owner.id), col(Owner.name)).where(col(Owner.role) == "ae", col(Owner.active).is_(True))
    if owner_ids is not None:
        owners_stmt = owners_stmt.where(col(Owner.id).in_(owner_ids))
    owners = session.execute(owners_stmt.order_by(col(Owner.name), col(Owner.id))).all()
    if not owners:
        return []
    ids = [o.id for o in owners]
    buckets: dict[tuple[int, str], list[int]] = defaultdict(list)
    for eid, owner_id, kind, direction, status in session.execute(
        select(
            col(Engagement.id),
            col(Engagement.owner_id),
            col(Engagement.type),
            col(Engagement.direction),
            col(Engagement.status),
        ).where(
            col(Engagement.owner_id).in_(ids),
            col(Engagement.occurred_at) >= start,
            col(Engagement.occurred_at) < end,
            col(Engagement.type).in_(("call", "email", "meeting")),
        )
    ).all():
        if kind == "call":
            buckets[owner_id, "calls"].append(eid)
            if status == "connected":
                buckets[owner_id, "connected"].append(eid)
        elif kind == "email":
            buckets[
                owner_id, "sent" if direction == "outbound" else "replies" if direction == "inbound" else "x"
            ].append(eid)
        elif kind == "meeting" and status == "completed":
            buckets[owner_id, "meetings"].append(eid)
    recorded: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for call_id, owner_id, seconds in session.execute(
        select(col(Call.id), col(Call.owner_id), col(Call.duration_seconds)).where(
            col(Call.owner_id).in_(ids), col(Call.started_at) >= start, col(Call.started_at) < end
        )
    ).all():
        recorded[owner_id].append((call_id, seconds))

    def c(owner_id: int, key: str) -> Counted:
        got = sorted(buckets.get((owner_id, key), []))
        return Counted(count=len(got), amount=0.0, ids=got)

    out = []
    for o in owners:
        calls = recorded.get(o.id, [])
        durations = [s for _, s in calls if s]
        out.append(
            AEActivity(
                owner_id=o.id,
                name=o.name,
                calls=c(o.id, "calls"),
                connected_calls=c(o.id, "connected"),
                emails_sent=c(o.id, "sent"),
                replies=c(o.id, "replies"),
                meetings_held=c(o.id, "meetings"),
                recorded_calls=Counted(len(calls), 0.0, sorted(i for i, _ in calls)),
                avg_call_minutes=round(statistics.mean(durations) / 60, 1) if durations else None,
            )
        )
    return out


COACH_METRICS: dict[str, tuple[str, Callable[[AEActivity], float | None]]] = {
    "calls": ("calls", lambda a: float(a.calls.count)),
    "emails_sent": ("emails sent", lambda a: float(a.emails_sent.count)),
    "meetings_held": ("meetings held", lambda a: float(a.meetings_held.count)),
    "reply_rate": ("reply rate", lambda a: a.reply_rate),
    "connect_rate": ("call connect rate", lambda a: a.connect_rate),
}


def _coaching(activity: list[AEActivity]) -> list[CoachingNote]:
    """Notes where an AE is below half or above 1.5× the team average (the mean over AEs with a value).

    To stay readable: an AE with no logged activity gets one note saying so; others get at most their two largest
    shortfalls (what to coach) and their largest strength (what to share), ranked by distance from the average.
    """
    if len(activity) < 2:
        return []
    averages: dict[str, float] = {}
    for metric, (_, get) in COACH_METRICS.items():
        known = [v for v in (get(a) for a in activity) if v is not None]
        if known and statistics.mean(known) > 0:
            averages[metric] = statistics.mean(known)
    notes: list[CoachingNote] = []
    for a in activity:
        if a.calls.count + a.emails_sent.count + a.meetings_held.count == 0:
            notes.append(
                CoachingNote(
                    a.owner_id,
                    a.name,
                    "no_activity",
                    0.0,
                    0.0,
                    f"{a.name}: no calls, emails or meetings logged this week",
                )
            )
            continue
        below: list[tuple[float, CoachingNote]] = []
        above: list[tuple[float, CoachingNote]] = []
        for metric, average in averages.items():
            label, get = COACH_METRICS[metric]
            value = get(a)
            if value is None or COACH_LOW * average <= value <= COACH_HIGH * average:
                continue
            fmt = _fmt_rate if metric.endswith("_rate") else _fmt_count
            direction = "below" if value < average else "above"
            note = CoachingNote(
                a.owner_id,
                a.name,
                metric,
                value,
                average,
                f"{a.name}: {label} {fmt(value)} vs team average {fmt(average)} ({direction})",
            )
            (below if value < average else above).append((abs(value - average) / average, note))
        notes += [n for _, n in sorted(below, key=lambda x: (-x[0], x[1].metric))[:2]]
        notes += [n for _, n in sorted(above, key=lambda x: (-x[0], x[1].metric))[:1]]
    notes.sort(key=lambda n: (n.value >= n.team_average and n.metric != "no_activity", n.name, n.metric))
    return notes


def _fmt_rate(value: float) -> str:
    return f"{value:.0%}"


def _fmt_count(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _rate(rows: list[Any]) -> SegmentRate:
    return SegmentRate(won=sum(1 for r in rows if r.is_won), closed=len(rows), deal_ids=sorted(r.id for r in rows))


def _shifts(week_rows: list[Any], trailing_rows: list[Any]) -> list[PatternShift]:
    dims: dict[str, Callable[[Any], str]] = {
        "industry": lambda r: r.industry or "unknown",
        "size band": lambda r: size_band(r.employees),
        "source": lambda r: r.source or "unknown",
    }
    shifts = []
    for dim, key in dims.items():
        week_groups: dict[str, list[Any]] = defaultdict(list)
        trailing_groups: dict[str, list[Any]] = defaultdict(list)
        for r in week_rows:
            week_groups[key(r)].append(r)
        for r in trailing_rows:
            trailing_groups[key(r)].append(r)
        for segment, rows in week_groups.items():
            week, trailing = _rate(rows), _rate(trailing_groups.get(segment, []))
            if week.closed < SHIFT_MIN_WEEK or trailing.closed < SHIFT_MIN_TRAILING:
                continue
            shift = PatternShift(dim, segment, week, trailing)
            if abs(shift.delta_points) >= SHIFT_POINTS:
                shifts.append(shift)
    shifts.sort(key=lambda s: (-abs(s.delta_points), s.dimension, s.segment))
    return shifts


def _trend(
    session: Session,
    owner_ids: list[int] | None,
    first_monday: date,
    weeks: int,
    tz: ZoneInfo,
    closed_rows: list[Any],
) -> list[WeekPoint]:
    start = datetime.combine(first_monday, time(0), tz).astimezone(UTC)
    end = datetime.combine(first_monday + timedelta(days=7 * weeks), time(0), tz).astimezone(UTC)
    stmt = select(col(Deal.id), col(Deal.amount), col(Deal.created_at)).where(
        col(Deal.created_at) >= start, col(Deal.created_at) < end
    )
    if owner_ids is not None:
        stmt = stmt.where(col(Deal.owner_id).in_(owner_ids))

    def week_of(at: datetime) -> int:
        return (_utc(at).astimezone(tz).date() - first_monday).days // 7

    created: dict[int, list[tuple[int, float | None]]] = defaultdict(list)
    for deal_id, amount, created_at in session.execute(stmt).all():
        created[week_of(created_at)].append((deal_id, amount))
    won: dict[int, list[tuple[int, float | None]]] = defaultdict(list)
    lost: dict[int, list[tuple[int, float | None]]] = defaultdict(list)
    for r in closed_rows:
        (won if r.is_won else lost)[week_of(r.closed_at)].append((r.id, r.amount))
    points = []
    for i in range(weeks):
        monday = first_monday + timedelta(days=7 * i)
        points.append(
            WeekPoint(
                week=iso_week(monday),
                start=monday,
                created=_counted(created.get(i, [])),
                won=_counted(won.get(i, [])),
                lost=_counted(lost.get(i, [])),
            )
        )
    return points


# --- the digest -----------------------------------------------------------------------------------------------------


def _objections(session: Session, owner_ids: list[int] | None, start: datetime, end: datetime) -> WeekObjections:
    """Objections of the week: what buyers raised on the team's recorded calls, new categories flagged."""
    return objections_in_window(session, start, end, owner_ids=owner_ids)


def build_digest(
    session: Session,
    *,
    now: datetime,
    tz: ZoneInfo,
    thresholds: Thresholds,
    risk_floor: int,
    team: str | None = None,
    model_dir: Path | None = None,
) -> Digest:
    """Build the digest of the week before `now`'s week for `team` (None: everyone).

    Args:
        session: A store session.
        now: When the digest is made (aware). Risk is assessed as of `now`; the other sections cover last week.
        tz: The team timezone (week boundaries).
        thresholds: Deal-health thresholds.
        risk_floor: Minimum risk score for the high-risk section (Settings.risk_alert_score).
        team: `Owner.team` to report on, or None for every owner.
        model_dir: Where fitted models are kept across processes (Settings.model_cache_dir): the forecast's win model
            is then loaded, not fitted again, in a process that has not fitted it yet.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    monday, start, end = last_week(now, tz)
    owner_ids = team_owner_ids(session, team)
    inputs = store_inputs(session)
    data_end = data_as_of(session)
    # A digest "as of" a past day scores that day's book (deals open then, in their stage then), not today's.
    historical = data_end is not None and now < (data_end if data_end.tzinfo else data_end.replace(tzinfo=UTC))

    high_risk, at_risk_ids, open_deals = _risk_section(
        session, now=now, thresholds=thresholds, tz=tz, owner_ids=owner_ids, historical=historical, floor=risk_floor
    )

    trailing_start = datetime.combine(monday - timedelta(days=7 * TRAILING_WEEKS), time(0), tz).astimezone(UTC)
    closed_all = _closed(session, owner_ids, trailing_start, end)
    week_rows = [r for r in closed_all if _utc(r.closed_at) >= start]
    trailing_rows = [r for r in closed_all if _utc(r.closed_at) < start]

    def closed_deal(r: Any) -> ClosedDeal:
        return ClosedDeal(r.id, r.name, r.company_name, r.owner_name, r.amount, r.close_reason, _utc(r.closed_at))

    won = [closed_deal(r) for r in week_rows if r.is_won]
    lost = [closed_deal(r) for r in week_rows if not r.is_won]
    won.sort(key=lambda d: (-(d.amount or 0), d.id))
    lost.sort(key=lambda d: (-(d.amount or 0), d.id))

    created_stmt = select(col(Deal.id), col(Deal.amount)).where(
        col(Deal.created_at) >= start, col(Deal.created_at) < end
    )
    if owner_ids is not None:
        created_stmt = created_stmt.where(col(Deal.owner_id).in_(owner_ids))
    created = _counted(session.execute(created_stmt).all())

    activity = _activity(session, owner_ids, start, end) if inputs.activity else []
    return Digest(
        team=team,
        iso_week=iso_week(monday),
        week_start=monday,
        week_end=monday + timedelta(days=6),
        window=(start, end),
        generated_at=now,
        tz=str(tz),
        high_risk=high_risk,
        at_risk_total=len(at_risk_ids),
        open_deals=open_deals,
        at_risk_ids=at_risk_ids,
        hot_leads=_hot_leads(session, owner_ids, start, end),
        won=won,
        lost=lost,
        won_reasons=_reason_groups(won),
        lost_reasons=_reason_groups(lost),
        created=created,
        moves=_moves(session, owner_ids, start, end),
        activity=activity,
        coaching=_coaching(activity),
        overall_week=_rate(week_rows),
        overall_trailing=_rate(trailing_rows),
        shifts=_shifts(week_rows, trailing_rows),
        trend=_trend(
            session, owner_ids, monday - timedelta(days=7 * TRAILING_WEEKS), TRAILING_WEEKS + 1, tz, closed_all
        ),
        has_activity=inputs.activity,
        has_leads=session.execute(select(table_of(InboundLead).c.id).limit(1)).first() is not None,
        historical=historical,
        rules_off=inputs.rules_off(),
        objections=_objections(session, owner_ids, start, end),
        **_intelligence_sections(session, now=now, since=start, tz=tz, owner_ids=owner_ids, model_dir=model_dir),
    )


def _risk_section(
    session: Session,
    *,
    now: datetime,
    thresholds: Thresholds,
    tz: ZoneInfo,
    owner_ids: list[int] | None,
    historical: bool,
    floor: int,
) -> tuple[list[DealHealth], list[int], int]:
    """The riskiest deals explained (at most TOP_RISKS), every deal at or above `floor` riskiest first, open deals.

    Today's book is scored in one vectorised pass and only the deals the digest shows are explained (reasons,
    evidence, next actions): explaining every open deal of a large book was most of a whole-workspace digest.
    """
    if historical:
        health = assess_deals(session, now=now, thresholds=thresholds, tz=tz, owner_ids=owner_ids, historical=True)
        at_risk = [h for h in health if h.score >= floor]
        return at_risk[:TOP_RISKS], [h.deal_id for h in at_risk], len(health)
    from tools.health.book import score_book

    book = score_book(session, now=now, thresholds=thresholds, tz=tz, owner_ids=owner_ids)
    risky = [int(p) for p in book.order() if book.score[p] >= floor]
    return book.explain(session, risky[:TOP_RISKS]), [int(book.ids[p]) for p in risky], len(book)


def _intelligence_sections(
    session: Session,
    *,
    now: datetime,
    since: datetime,
    tz: ZoneInfo,
    owner_ids: list[int] | None,
    model_dir: Path | None = None,
) -> dict[str, Any]:
    """The forecast, its change since `since` (last week's start), and evidence-backed call coaching."""
    from tools.intelligence.forecast import build_forecast, forecast_change
    from tools.intelligence.model import Prediction
    from tools.intelligence.performance import call_coaching

    known: dict[int, Prediction] = {}  # the forecast and its change share each deal's win score
    forecast = build_forecast(
        session, now=now, tz=tz, period="quarter", owner_ids=owner_ids, known=known, cache_dir=model_dir
    )
    change = forecast_change(
        session,
        now=now,
        since=since,
        tz=tz,
        period="quarter",
        owner_ids=owner_ids,
        after=forecast,
        known=known,
        cache_dir=model_dir,
    )
    coaching = call_coaching(session, now=now, tz=tz, owner_ids=owner_ids)
    return {"forecast": forecast, "forecast_change": change, "call_coaching": coaching}
