"""The forecast: expected bookings this month and quarter, by owner and team, from each open deal's win probability.

Expected bookings of a period = already won in it + Σ probability × amount over open deals expected to close in it
(close date inside the period, or already past: an overdue deal is still the rep's claim on this period). The
interval treats deals as independent Bernoulli draws: variance Σ p(1−p)·amount², shown as a 90 % interval (±1.645 σ,
floored at what is already won). Deals without an amount add to the expected count, not to the value.

"Make or break" ranks the period's open deals by how much their outcome swings the number: amount × √(p(1−p)) — a
large deal the model is unsure about matters more than a near-certain one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy import select as sa_select  # Core rows of more columns than sqlmodel's `select` types
from sqlmodel import Session, col, select

from store.models import Deal, Owner, pk_col, table_of
from tools.deals import DealRow, deal_rows
from tools.intelligence.features import aware
from tools.intelligence.model import Prediction
from tools.intelligence.scores import win_scores

Z90 = 1.645
Period = Literal["month", "quarter"]


class ForecastLine(BaseModel):
    """Expected bookings of one owner, team or the whole book."""

    key: str
    label: str
    won_amount: float
    won_deal_ids: list[int]
    open_deals: int
    pipeline_amount: float
    expected_amount: float
    """Won so far plus Σ p × amount of the open deals in the period."""
    expected_deals: float
    low: float
    high: float


class DealOdds(BaseModel):
    """An open deal with its win probability and the reasons behind it."""

    deal: DealRow
    probability: float
    method: str
    """`model` (learned from the team's closed deals) or `rules` (stage priors: too little history)."""
    factors: list[str]
    swing: float = 0.0
    """amount × √(p(1−p)): how much this deal's outcome moves the forecast."""
    sentiment: str | None = None
    """The buyer's sentiment over time, in words with its emails (`tools.intelligence.sentiment`), when read."""


class Forecast(BaseModel):
    """Expected bookings of a period, by team and owner, and the deals that make or break it."""

    period: str
    start: date
    end: date
    total: ForecastLine
    by_team: list[ForecastLine]
    by_owner: list[ForecastLine]
    make_or_break: list[DealOdds]
    method: str
    now: datetime


def period_bounds(now: datetime, tz: ZoneInfo, period: Period) -> tuple[date, date]:
    """The first and last day of `now`'s month or quarter on the team calendar."""
    today = now.astimezone(tz).date()
    first_month = today.month if period == "month" else 3 * ((today.month - 1) // 3) + 1
    start = date(today.year, first_month, 1)
    months = 1 if period == "month" else 3
    nxt = date(start.year + (first_month + months - 1) // 12, (first_month + months - 1) % 12 + 1, 1)
    return start, date.fromordinal(nxt.toordinal() - 1)


def _line(
    key: str, label: str, won: list[tuple[int, float]], open_: list[tuple[int, float | None, float]]
) -> ForecastLine:
    won_amount = sum(a for _, a in won)
    exp = sum(p * (a or 0.0) for _, a, p in open_)
    var = sum(p * (1 - p) * (a or 0.0) ** 2 for _, a, p in open_)
    sd = math.sqrt(var)
    return ForecastLine(
        key=key,
        label=label,
        won_amount=round(won_amount, 2),
        won_deal_ids=sorted(d for d, _ in won),
        open_deals=len(open_),
        pipeline_amount=round(sum(a or 0.0 for _, a, _ in open_), 2),
        expected_amount=round(won_amount + exp, 2),
        expected_deals=round(len(won) + sum(p for _, _, p in open_), 2),
        low=round(won_amount + max(0.0, exp - Z90 * sd), 2),
        high=round(won_amount + exp + Z90 * sd, 2),
    )


def odds(row: DealRow, p: Prediction) -> DealOdds:
    """A deal's odds as shown."""
    return DealOdds(
        deal=row,
        probability=round(p.probability, 3),
        method=p.method,
        factors=[f.text for f in p.factors],
        swing=round((row.amount or 0.0) * math.sqrt(p.probability * (1 - p.probability)), 2),
    )


def _scores(
    session: Session,
    deal_ids: list[int],
    *,
    now: datetime,
    known: dict[int, Prediction] | None,
    cache_dir: Path | None = None,
) -> dict[int, Prediction]:
    """`win_scores` of `deal_ids`, reusing and extending `known` (scores already read or computed by this caller).

    A deal's score depends only on the deal and the model, so the digest's forecast and its week-over-week change
    score each deal once between them instead of twice (live scoring reads each deal's whole activity).
    """
    if known is None:
        return win_scores(session, deal_ids, now=now, cache_dir=cache_dir)
    missing = [d for d in deal_ids if d not in known]
    if missing:
        known.update(win_scores(session, missing, now=now, cache_dir=cache_dir))
    return {d: known[d] for d in deal_ids if d in known}


def build_forecast(
    session: Session,
    *,
    now: datetime,
    tz: ZoneInfo,
    period: Period = "quarter",
    owner_ids: list[int] | None = None,
    top: int = 5,
    known: dict[int, Prediction] | None = None,
    cache_dir: Path | None = None,
) -> Forecast:
    """Expected bookings of `now`'s month or quarter for the team (or `owner_ids`), with its make-or-break deals.

    `known`: win scores the caller already has, by deal, filled with the ones this forecast reads (see `_scores`);
    `cache_dir`: where the fitted win model is kept across processes (Settings.model_cache_dir).
    """
    start, end = period_bounds(now, tz, period)
    start_at = datetime.combine(start, time(0), tz).astimezone(UTC)
    end_at = datetime.combine(date.fromordinal(end.toordinal() + 1), time(0), tz).astimezone(UTC)
    owners = {o.id: o for o in session.exec(select(Owner)).all()}
    won_stmt = select(pk_col(Deal.id), col(Deal.owner_id), col(Deal.amount)).where(
        col(Deal.is_won).is_(True), col(Deal.closed_at) >= start_at, col(Deal.closed_at) < end_at
    )
    open_stmt = select(pk_col(Deal.id), col(Deal.owner_id), col(Deal.amount)).where(
        col(Deal.is_closed).is_(False), col(Deal.close_date) <= end
    )
    if owner_ids is not None:
        won_stmt = won_stmt.where(col(Deal.owner_id).in_(owner_ids))
        open_stmt = open_stmt.where(col(Deal.owner_id).in_(owner_ids))
    won = session.exec(won_stmt).all()
    open_rows = session.exec(open_stmt).all()
    scores = _scores(session, [r[0] for r in open_rows], now=now, known=known, cache_dir=cache_dir)
    open_scored = [(d, o, a, scores[d].probability) for d, o, a in open_rows if d in scores]

    def group(key_of: Callable[[int | None], str]) -> list[ForecastLine]:
        w: dict[str, list[tuple[int, float]]] = defaultdict(list)
        o: dict[str, list[tuple[int, float | None, float]]] = defaultdict(list)
        for d, owner, amount in won:
            w[key_of(owner)].append((d, amount or 0.0))
        for d, owner, amount, p in open_scored:
            o[key_of(owner)].append((d, amount, p))
        lines = [_line(k, k, w[k], o[k]) for k in sorted(set(w) | set(o))]
        return sorted(lines, key=lambda line: (-line.expected_amount, line.key))

    def owner_name(owner_id: int | None) -> str:
        return owners[owner_id].name if owner_id in owners else "Unassigned"

    def team_name(owner_id: int | None) -> str:
        return (owners[owner_id].team or "No team") if owner_id in owners else "No team"

    total = _line("all", "Team", [(d, a or 0.0) for d, _, a in won], [(d, a, p) for d, _, a, p in open_scored])
    rows = deal_rows(session, [d for d, *_ in open_scored])
    ranked = sorted(
        (odds(rows[d], scores[d]) for d, *_ in open_scored if d in rows), key=lambda x: (-x.swing, x.deal.id)
    )
    methods = {p.method for p in scores.values()}
    return Forecast(
        period=period,
        start=start,
        end=end,
        total=total,
        by_team=group(team_name),
        by_owner=group(owner_name),
        make_or_break=ranked[:top],
        method="model" if methods == {"model"} else "rules" if methods == {"rules"} else "mixed",
        now=now,
    )


# --- week over week -------------------------------------------------------------------------------------------------


class Move(BaseModel):
    """One deal's part in the forecast's change."""

    deal_id: int
    name: str
    kind: Literal["won", "lost", "added", "slipped", "probability"]
    delta: float
    before: float | None = None
    """Its probability a week ago (None when it was not in the forecast then)."""
    after: float | None = None


class ForecastChange(BaseModel):
    """How the period's expected bookings moved since `since`, and why, deal by deal.

    `before` is what the model, as shipped now, says with what was known at `since` (stage, activity and close date as
    they were then); the components add up exactly to `after − before`.
    """

    since: datetime
    period: str
    before: float
    after: float
    by_kind: dict[str, float]
    moves: list[Move]


def _close_date_at(
    h_changes: list[tuple[datetime, date | None, date | None]], current: date | None, at: datetime
) -> date | None:
    """A deal's expected close date as it stood at `at`, from its close-date history."""
    before = [c for c in h_changes if c[0] <= at]
    if before:
        return before[-1][2]
    if h_changes:
        return h_changes[0][1]
    return current


def forecast_change(
    session: Session,
    *,
    now: datetime,
    since: datetime,
    tz: ZoneInfo,
    period: Period = "quarter",
    owner_ids: list[int] | None = None,
    after: Forecast | None = None,
    known: dict[int, Prediction] | None = None,
    cache_dir: Path | None = None,
) -> ForecastChange:
    """Why the expected bookings of `now`'s period moved between `since` and `now`: won, lost, added, slipped, odds.

    `after`: this period's forecast as of `now` for the same owners, when the caller has built it already; `known`:
    win scores by deal the caller already has (see `_scores`).
    """
    from store.models import CloseDateChange
    from tools.intelligence.features import Snapshot, feature_context, features_at, load_histories
    from tools.intelligence.scores import trained_model

    start, end = period_bounds(now, tz, period)
    start_at = datetime.combine(start, time(0), tz).astimezone(UTC)
    if after is None or after.period != period or after.now != now:
        after = build_forecast(
            session, now=now, tz=tz, period=period, owner_ids=owner_ids, top=0, known=known, cache_dir=cache_dir
        )
    deal = table_of(Deal)
    dc, cc = deal.c, table_of(CloseDateChange).c
    stmt = sa_select(dc.id, dc.name, dc.owner_id, dc.amount, dc.close_date, dc.is_closed, dc.is_won, dc.closed_at,
                     dc.created_at)  # fmt: skip
    if owner_ids is not None:
        stmt = stmt.where(dc.owner_id.in_(owner_ids))
    deals = {r[0]: r for r in session.connection().execute(stmt).all()}  # Core rows: a book's worth of deals
    changes: dict[int, list[tuple[datetime, date | None, date | None]]] = defaultdict(list)
    pushes = (
        sa_select(cc.deal_id, cc.changed_at, cc.old_date, cc.new_date)
        .join(deal, dc.id == cc.deal_id)
        .where(dc.is_closed.is_(False) | (dc.closed_at > since))  # only deals that were open at `since` matter
        .order_by(cc.changed_at, cc.id)
    )
    if owner_ids is not None:
        pushes = pushes.where(dc.owner_id.in_(owner_ids))
    for deal_id, at, old, new in session.connection().execute(pushes).all():
        changes[deal_id].append((aware(at), old, new))

    def open_at(r: Any) -> bool:
        created, closed = aware(r[8]), aware(r[7])
        return created is not None and created <= since and (closed is None or closed > since)

    # a week ago: won so far in the period, and each then-open deal expected to close by the period's end
    then_won = sum(r[3] or 0.0 for r in deals.values() if r[6] and r[7] and start_at <= aware(r[7]) <= since)
    then_ids = [
        d for d, r in deals.items()
        if open_at(r) and (cd := _close_date_at(changes[d], r[4], since)) is not None and cd <= end
    ]  # fmt: skip
    model, _ = trained_model(session, now=now, cache_dir=cache_dir)
    histories = load_histories(session, col(Deal.id).in_(then_ids)) if then_ids else {}
    ctx = feature_context(session)
    snaps = [
        Snapshot(d, since, features_at(histories[d], since, owners=ctx.owners, medians=ctx.medians,
                                       current=not histories[d].is_closed))
        for d in then_ids
        if d in histories
    ]  # fmt: skip
    p_then = {p.deal_id: p.probability for p in model.predict(snaps, top=0)}
    # only the deals open now and expected to close by the period's end are read (`now_ids`): score just those
    due = [d for d, r in deals.items() if not r[5] and r[4] is not None and r[4] <= end]
    p_now = {d: s.probability for d, s in _scores(session, due, now=now, known=known, cache_dir=cache_dir).items()}
    now_ids = {d for d, r in deals.items() if not r[5] and r[4] is not None and r[4] <= end and d in p_now}
    moves: list[Move] = []
    for d in sorted(set(p_then) | now_ids | {d for d, r in deals.items() if r[7] and since < aware(r[7]) <= now}):
        r = deals[d]
        amount = r[3] or 0.0
        b = p_then.get(d)
        closed_in_week = r[5] and r[7] is not None and since < aware(r[7]) <= now
        if closed_in_week and r[6]:
            booked = amount if start_at <= aware(r[7]) else 0.0  # won before the period began: not this period's
            moves.append(
                Move(deal_id=d, name=r[1], kind="won", delta=booked - (b or 0.0) * amount, before=b, after=1.0)
            )
        elif closed_in_week and b is not None:
            moves.append(Move(deal_id=d, name=r[1], kind="lost", delta=-b * amount, before=b, after=0.0))
        elif d in now_ids and b is None:
            moves.append(Move(deal_id=d, name=r[1], kind="added", delta=p_now[d] * amount, after=p_now[d]))
        elif d not in now_ids and b is not None and not r[5]:
            moves.append(Move(deal_id=d, name=r[1], kind="slipped", delta=-b * amount, before=b))
        elif d in now_ids and b is not None:
            moves.append(Move(deal_id=d, name=r[1], kind="probability", delta=(p_now[d] - b) * amount, before=b,
                              after=p_now[d]))  # fmt: skip
    moves = [m for m in moves if abs(m.delta) > 0.005]
    by_kind: dict[str, float] = defaultdict(float)
    for m in moves:
        by_kind[m.kind] += m.delta
    before = then_won + sum(p * (deals[d][3] or 0.0) for d, p in p_then.items())
    return ForecastChange(
        since=since,
        period=period,
        before=round(before, 2),
        after=after.total.expected_amount,
        by_kind={k: round(v, 2) for k, v in by_kind.items()},
        moves=sorted(moves, key=lambda m: (-abs(m.delta), m.deal_id)),
    )
