"""AE performance against the team, with confidence, and coaching backed by evidence.

For each AE over a window (quarter to date by default): win rate with a 90 % Wilson interval (and no comparison below
`MIN_CLOSED` closed deals: three deals say nothing), median sales cycle of won deals, average won deal size, open
pipeline expected to close this quarter against the AE's average quarterly bookings (coverage), activity, and call
behaviour on recorded calls (talk ratio, questions asked, longest monologue, dated next steps).

Coaching compares the AE's calls with the calls on the team's **won** deals (the winners' behaviour, not the average
AE's): the one or two behaviours that differ most, in winners' standard deviations, each with the call that shows it
(a clip when there is one) as evidence.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy import Row
from sqlalchemy import select as sa_select  # six columns: more than sqlmodel's `select` types
from sqlmodel import Session, col, select

from store.models import Call, Deal, Engagement, Owner, pk_col, stored_id
from tools.intelligence.forecast import period_bounds

if TYPE_CHECKING:  # the call analysis is imported by the function that reads calls, not by every cold `ask`
    from tools.calls.metrics import CallMetrics

MIN_CLOSED = 8
"""Closed deals an AE needs in the window before their win rate is compared with the team's."""
Z90 = 1.645
WINNER_CALLS = 60
"""Most recent calls on won deals read as the winners' reference (enough for stable medians; a call takes ~50 ms to
measure; measured once and kept in the store by `tools.calls.stored`)."""
AE_CALLS = 12
"""Most recent calls of an AE read in the window."""
MIN_CALLS = 3
"""Recorded calls an AE needs before their call behaviour is compared."""
MIN_GAP = 0.5
"""A behaviour is coached only when it differs from the winners' by at least this many of their standard deviations."""


class Evidence(BaseModel):
    """A record backing a coaching point: a call (with a clip when there is one) or deals."""

    call_id: int | None = None
    deal_id: int | None = None
    when: datetime | None = None
    quote: str | None = None
    at_seconds: float | None = None


class Coaching(BaseModel):
    """One behaviour where the AE differs from the team's winners."""

    owner_id: int
    name: str
    behaviour: str
    value: float
    winners: float
    gap_sd: float
    calls: int
    text: str
    evidence: Evidence


class AEPerformance(BaseModel):
    """One AE's window against the team."""

    owner_id: int
    name: str
    won: int
    lost: int
    won_deal_ids: list[int]
    lost_deal_ids: list[int]
    win_rate: float | None
    win_rate_low: float | None
    win_rate_high: float | None
    comparable: bool
    """True when there are enough closed deals (`MIN_CLOSED`) to compare the win rate with the team's."""
    cycle_days: float | None
    won_amount: float
    avg_won_amount: float | None
    open_pipeline: float
    coverage: float | None
    """Open pipeline closing this quarter ÷ average quarterly bookings over the previous 4 quarters."""
    emails_sent: int
    calls_made: int
    meetings_held: int
    recorded_calls: int
    talk_ratio: float | None = None
    questions_per_call: float | None = None
    longest_monologue_s: float | None = None
    dated_next_step_share: float | None = None
    coaching: list[Coaching] = []


class TeamPerformance(BaseModel):
    """The window, the team's reference figures, and each AE asked about."""

    start: date
    end: date
    team_win_rate: float | None
    team_cycle_days: float | None
    team_avg_won_amount: float | None
    winners: dict[str, float]
    """Call behaviour on the team's won deals (medians): talk_ratio, questions, monologue, dated_next_step."""
    winner_calls: int
    people: list[AEPerformance]
    now: datetime


def wilson(won: int, n: int, z: float = Z90) -> tuple[float, float]:
    """The Wilson score interval of a rate."""
    if n == 0:
        return 0.0, 1.0
    p = won / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


BEHAVIOURS: dict[str, tuple[str, Callable[[CallMetrics], float | None]]] = {
    "talk_ratio": ("talk ratio", lambda m: m.talk_ratio_rep),
    "questions": ("questions asked per call", lambda m: float(len(m.questions))),
    "monologue": (
        "longest monologue (s)",
        lambda m: m.longest_monologue["rep"].seconds if "rep" in m.longest_monologue else None,
    ),
    "dated_next_step": ("calls ending with a dated next step", lambda m: float(any(c.due for c in m.commitments))),
}


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _median(values: list[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def _evidence(behaviour: str, call: Call, m: CallMetrics) -> Evidence:
    """The call that shows the behaviour; a clip only where a clip is the evidence (the longest monologue itself).

    A low question count or a missing next step has no clip that shows it: the call is cited as the record.
    """
    clip = m.longest_monologue["rep"].clip if behaviour == "monologue" and "rep" in m.longest_monologue else None
    return Evidence(
        call_id=call.id,
        deal_id=call.deal_id,
        when=_utc(call.started_at),
        quote=clip.text[:200] if clip else None,
        at_seconds=clip.start if clip else None,
    )


def coaching_for(
    owner_id: int, name: str, mine: list[tuple[Call, CallMetrics]], winners: list[tuple[Call, CallMetrics]]
) -> list[Coaching]:
    """The one or two call behaviours where this AE differs most from the team's won deals, with a call as evidence."""
    if len(mine) < MIN_CALLS or len(winners) < MIN_CALLS:
        return []
    found = []
    for key, (label, get) in BEHAVIOURS.items():
        ref = [v for v in (get(m) for _, m in winners) if v is not None]
        own = [(c, m, v) for c, m in mine if (v := get(m)) is not None]
        if len(ref) < MIN_CALLS or len(own) < MIN_CALLS:
            continue
        ref_mid = statistics.mean(ref) if key == "dated_next_step" else statistics.median(ref)
        own_mid = (
            statistics.mean(v for *_, v in own) if key == "dated_next_step" else statistics.median(v for *_, v in own)
        )
        sd = statistics.pstdev(ref) or 1e-9
        gap = (own_mid - ref_mid) / sd
        if abs(gap) < MIN_GAP:
            continue
        # The evidence: the AE's call furthest in the direction of the gap (most recent first on ties).
        call, metrics, value = max(own, key=lambda t: ((t[2] - ref_mid) * (1 if gap > 0 else -1), t[0].started_at))
        fmt = (lambda v: f"{v:.0%}") if key in ("talk_ratio", "dated_next_step") else (lambda v: f"{v:.0f}")
        word = "higher" if gap > 0 else "lower"
        text = (
            f"{name}: {label} {fmt(own_mid)} on {len(own)} calls vs {fmt(ref_mid)} on the team's won deals "
            f"({word}); e.g. call #{call.id} ({fmt(value)})"
        )
        found.append(
            Coaching(
                owner_id=owner_id,
                name=name,
                behaviour=key,
                value=round(own_mid, 3),
                winners=round(ref_mid, 3),
                gap_sd=round(gap, 2),
                calls=len(own),
                text=text,
                evidence=_evidence(key, call, metrics),
            )
        )
    return sorted(found, key=lambda c: (-abs(c.gap_sd), c.behaviour))[:2]


def window_bounds(now: datetime, tz: ZoneInfo) -> tuple[date, date, datetime, datetime]:
    """Quarter to date on the team calendar: first day, today, and the UTC instants [start, now)."""
    start, _end = period_bounds(now, tz, "quarter")
    return start, now.astimezone(tz).date(), datetime.combine(start, time(0), tz).astimezone(UTC), now


def _recorded_calls(
    session: Session, chosen: list[Owner], start: datetime, end: datetime
) -> tuple[list[tuple[Call, CallMetrics]], dict[int, tuple[int, list[tuple[Call, CallMetrics]]]]]:
    """The winners' measured calls, and each chosen AE's recorded-call count and measured calls in [start, end).

    The metrics of all of them are read in one batch (`tools.calls.stored`: measured once per call and kept).
    """
    from tools.calls.analyze import known_competitors
    from tools.calls.stored import call_metrics

    competitors = known_competitors(session)
    won_calls = session.exec(
        select(Call)
        .join(Deal, col(Deal.id) == Call.deal_id)
        .where(col(Deal.is_won).is_(True), Call.started_at < end)
        .order_by(col(Call.started_at).desc(), col(Call.id).desc())
        .limit(WINNER_CALLS)
    ).all()
    own: dict[int, list[Call]] = {
        stored_id(o.id): list(
            session.exec(
                select(Call)
                .where(Call.owner_id == o.id, Call.started_at >= start, Call.started_at < end)
                .order_by(col(Call.started_at).desc(), col(Call.id).desc())
                .limit(AE_CALLS)
            ).all()
        )
        for o in chosen
    }
    measured = call_metrics(session, [*won_calls, *(c for cs in own.values() for c in cs)], competitors=competitors)

    def with_metrics(calls: list[Call]) -> list[tuple[Call, CallMetrics]]:
        return [(c, m) for c in calls if (m := measured.get(c.id or 0)) is not None]

    return with_metrics(list(won_calls)), {o: (len(cs), with_metrics(cs)) for o, cs in own.items()}


def call_coaching(
    session: Session, *, now: datetime, tz: ZoneInfo, owner_ids: list[int] | None = None
) -> list[Coaching]:
    """The call coaching of `team_performance` alone (the digest's section), without the win-rate and pipeline reads.

    Equal to `[c for p in team_performance(...).people for c in p.coaching]`: the same AEs, calls and comparison.
    """
    _start_day, _today, start, end = window_bounds(now, tz)
    owners = session.exec(select(Owner).where(Owner.role == "ae").order_by(col(Owner.name), col(Owner.id))).all()
    chosen = [o for o in owners if (o.id in owner_ids if owner_ids is not None else o.active)]
    winner_calls, own_calls = _recorded_calls(session, chosen, start, end)
    return [
        c for o in chosen for c in coaching_for(stored_id(o.id), o.name, own_calls[stored_id(o.id)][1], winner_calls)
    ]


def team_performance(
    session: Session, *, now: datetime, tz: ZoneInfo, owner_ids: list[int] | None = None, calls: bool = True
) -> TeamPerformance:
    """Performance of every active AE (or `owner_ids`) quarter to date, with the team's reference figures."""
    start_day, today, start, end = window_bounds(now, tz)
    q_start, q_end = period_bounds(now, tz, "quarter")
    owners = session.exec(select(Owner).where(Owner.role == "ae").order_by(col(Owner.name), col(Owner.id))).all()
    closed = session.execute(
        sa_select(
            pk_col(Deal.id),
            col(Deal.owner_id),
            col(Deal.is_won),
            col(Deal.amount),
            col(Deal.created_at),
            col(Deal.closed_at),
        ).where(col(Deal.is_closed).is_(True), col(Deal.closed_at) >= start, col(Deal.closed_at) < end)
    ).all()
    year_ago = start - timedelta(days=365)
    bookings: dict[int | None, float] = defaultdict(float)
    for owner_id, amount in session.exec(
        select(col(Deal.owner_id), col(Deal.amount)).where(
            col(Deal.is_won).is_(True), col(Deal.closed_at) >= year_ago, col(Deal.closed_at) < start
        )
    ).all():
        bookings[owner_id] += amount or 0.0
    pipeline: dict[int | None, float] = defaultdict(float)
    for owner_id, amount in session.exec(
        select(col(Deal.owner_id), col(Deal.amount)).where(
            col(Deal.is_closed).is_(False), col(Deal.close_date) <= q_end
        )
    ).all():
        pipeline[owner_id] += amount or 0.0
    activity: dict[tuple[int | None, str], int] = defaultdict(int)
    for owner_id, kind, direction, status in session.exec(
        select(col(Engagement.owner_id), col(Engagement.type), col(Engagement.direction), col(Engagement.status)).where(
            col(Engagement.occurred_at) >= start,
            col(Engagement.occurred_at) < end,
            col(Engagement.type).in_(("call", "email", "meeting")),
        )
    ).all():
        if kind == "email" and direction == "outbound":
            activity[owner_id, "emails"] += 1
        elif kind == "call":
            activity[owner_id, "calls"] += 1
        elif kind == "meeting" and status == "completed":
            activity[owner_id, "meetings"] += 1

    # the AEs reported on: `owner_ids`, else every active AE
    chosen = [o for o in owners if (o.id in owner_ids if owner_ids is not None else o.active)]
    winner_calls, own_calls = _recorded_calls(session, chosen, start, end) if calls else ([], {})
    winners = {
        key: v
        for key, (_, get) in BEHAVIOURS.items()
        if (v := _median_or_mean(key, [x for x in (get(m) for _, m in winner_calls) if x is not None])) is not None
    }

    def cycle(rows: list[Row[*tuple[Any, ...]]]) -> float | None:
        days = [(_utc(r[5]) - _utc(r[4])).total_seconds() / 86400 for r in rows if r[2] and r[4] and r[5]]
        return round(statistics.median(days), 1) if days else None

    team_won = [r for r in closed if r[2]]
    people = []
    for o in chosen:
        rows = [r for r in closed if r[1] == o.id]
        won = [r for r in rows if r[2]]
        lost = [r for r in rows if not r[2]]
        n = len(rows)
        low, high = wilson(len(won), n)
        mine: list[tuple[Call, CallMetrics]] = []
        recorded = 0
        if calls:
            recorded, mine = own_calls[stored_id(o.id)]
        behaviour = {
            key: _median_or_mean(key, [v for v in (get(m) for _, m in mine) if v is not None])
            for key, (_, get) in BEHAVIOURS.items()
        }
        won_amount = sum(r[3] or 0.0 for r in won)
        quarterly = bookings.get(o.id, 0.0) / 4
        people.append(
            AEPerformance(
                owner_id=o.id,
                name=o.name,
                won=len(won),
                lost=len(lost),
                won_deal_ids=sorted(r[0] for r in won),
                lost_deal_ids=sorted(r[0] for r in lost),
                win_rate=len(won) / n if n else None,
                win_rate_low=round(low, 3) if n else None,
                win_rate_high=round(high, 3) if n else None,
                comparable=n >= MIN_CLOSED,
                cycle_days=cycle(rows),
                won_amount=round(won_amount, 2),
                avg_won_amount=round(won_amount / len(won), 2) if won else None,
                open_pipeline=round(pipeline.get(o.id, 0.0), 2),
                coverage=round(pipeline.get(o.id, 0.0) / quarterly, 2) if quarterly else None,
                emails_sent=activity.get((o.id, "emails"), 0),
                calls_made=activity.get((o.id, "calls"), 0),
                meetings_held=activity.get((o.id, "meetings"), 0),
                recorded_calls=recorded,
                talk_ratio=behaviour["talk_ratio"],
                questions_per_call=behaviour["questions"],
                longest_monologue_s=behaviour["monologue"],
                dated_next_step_share=behaviour["dated_next_step"],
                coaching=coaching_for(stored_id(o.id), o.name, mine, winner_calls),
            )
        )
    return TeamPerformance(
        start=start_day,
        end=today,
        team_win_rate=len(team_won) / len(closed) if closed else None,
        team_cycle_days=cycle(list(closed)),
        team_avg_won_amount=round(sum(r[3] or 0.0 for r in team_won) / len(team_won), 2) if team_won else None,
        winners={k: round(v, 3) for k, v in winners.items()},
        winner_calls=len(winner_calls),
        people=people,
        now=now,
    )


def _median_or_mean(key: str, values: list[float]) -> float | None:
    if not values:
        return None
    return round(statistics.mean(values) if key == "dated_next_step" else statistics.median(values), 3)
