"""Each deal as it was at an instant: the features the win model reads, computed only from what was known then.

Nothing that only the outcome reveals is read: the stage is the last stage change *at or before* the instant (a closed
deal's final move to won or lost comes later), close-date pushes are counted only when they happened before it, and
the close date itself is never a feature (reps move it to the real date when a deal closes). Activity, the buying
group and the owner's track record are counted up to the instant. A deal with no stage history has an `unknown` stage
when looked at in the past (its current stage could be the final one); an open deal looked at now has its current one.

Training rows are snapshots of closed deals every `SNAPSHOT_STEP_DAYS` of their life (at most `MAX_SNAPSHOTS`, each
weighted so every deal counts once), so the model learns "a deal that looked like this at this age" — the same
question it answers for an open deal today.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, overload

from sqlalchemy import case, func
from sqlalchemy import select as sa_select  # Core rows of more columns than sqlmodel's `select` types
from sqlmodel import Session, col, select

from store.models import CloseDateChange, Company, Contact, Deal, DealContact, DealStageChange, Engagement, table_of

SNAPSHOT_STEP_DAYS = 14
MAX_SNAPSHOTS = 8
RECENT_DAYS = 28
"""Engagement windows: the last 4 weeks, against the 4 before for trends."""
OWNER_PRIOR_DEALS = 10.0
"""Shrinkage of an owner's win rate toward the team's: as if they had this many extra deals at the team's rate."""
SENIOR = {"c_level", "vp", "director"}

CATEGORICAL = ("stage", "product", "source", "industry")
NUMERIC = (
    "age_days",
    "days_in_stage",
    "log_amount_vs_product",
    "log_employees",
    "buyer_touches_28d",
    "buyer_trend",
    "outbound_28d",
    "reply_rate",
    "meetings_held",
    "days_since_buyer",
    "buying_group",
    "senior_contacts",
    "champion_recent",
    "close_date_pushes",
    "owner_win_rate",
)
FEATURE_WORDS: dict[str, str] = {
    "stage": "stage",
    "product": "product",
    "source": "source",
    "industry": "industry",
    "age_days": "deal age",
    "days_in_stage": "time in the current stage",
    "log_amount_vs_product": "amount against the product's usual deal",
    "log_employees": "company size",
    "buyer_touches_28d": "buyer engagement in the last 4 weeks",
    "buyer_trend": "buyer engagement trend (last 4 weeks vs the 4 before)",
    "outbound_28d": "our outreach in the last 4 weeks",
    "reply_rate": "buyer reply rate to our emails",
    "meetings_held": "meetings held",
    "days_since_buyer": "days since the buyer last engaged",
    "buying_group": "buying-group size (buyer contacts engaged)",
    "senior_contacts": "senior contacts engaged (director and above)",
    "champion_recent": "champion engaged in the last 2 weeks",
    "close_date_pushes": "close date pushed",
    "owner_win_rate": "owner's track record",
}


@dataclass
class DealHistory:
    """One deal and everything recorded about it, in time order."""

    deal_id: int
    owner_id: int | None
    stage: str
    is_closed: bool
    is_won: bool
    created_at: datetime
    closed_at: datetime | None
    amount: float | None
    product: str | None
    source: str | None
    industry: str | None
    employees: int | None
    stage_moves: list[tuple[datetime, str]] = field(default_factory=list)
    pushes: list[datetime] = field(default_factory=list)
    engagements: list[tuple[datetime, str, str | None, str | None, bool, int | None]] = field(default_factory=list)
    """(occurred_at, type, direction, status, buyer_engaged, contact_id), sorted by time."""
    champions: set[int] = field(default_factory=set)
    seniority: dict[int, str | None] = field(default_factory=dict)
    """Seniority of each contact seen in the deal's activity."""


@dataclass(frozen=True)
class Snapshot:
    """A deal's features at one instant, with its outcome when it closed (None while open) and a training weight."""

    deal_id: int
    at: datetime
    features: dict[str, Any]
    won: bool | None = None
    weight: float = 1.0


@overload
def aware(value: datetime) -> datetime: ...
@overload
def aware(value: datetime | None) -> datetime | None: ...
def aware(value: datetime | None) -> datetime | None:
    """A stored instant as UTC-aware (SQLite hands back naive UTC datetimes)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def load_histories(session: Session, scope: Any = None) -> dict[int, DealHistory]:
    """Read deals (all, or those matching `scope`, a condition on `Deal`) with everything recorded about them.

    Company, stage moves, close-date pushes, activity (with each contact's seniority) and champions: one query per
    kind, each filtered by joining `Deal`, so a scope of 20k open deals costs five queries, not 20k.
    """
    where = [scope] if scope is not None else []
    connection = session.connection()

    def rows(statement: Any) -> Any:
        # Core rows, not ORM ones: a large book's open deals bring ~250k activities, and ORM row handling doubles
        # the time spent reading them.
        return connection.execute(statement).all()

    deal, company, contact = table_of(Deal), table_of(Company), table_of(Contact)
    d, co, ct = deal.c, company.c, contact.c
    stmt = (
        sa_select(
            d.id,
            d.owner_id,
            d.stage,
            d.is_closed,
            d.is_won,
            d.created_at,
            d.closed_at,
            d.amount,
            d.product,
            d.source,
            co.industry,
            co.employees,
        )
        .outerjoin(company, co.id == d.company_id)
        .where(*where)
    )
    out: dict[int, DealHistory] = {}
    for r in rows(stmt):
        created = aware(r[5])
        if created is None:
            continue
        out[r[0]] = DealHistory(
            deal_id=r[0],
            owner_id=r[1],
            stage=r[2],
            is_closed=bool(r[3]),
            is_won=bool(r[4]),
            created_at=created,
            closed_at=aware(r[6]),
            amount=r[7],
            product=r[8],
            source=r[9],
            industry=(r[10] or None),
            employees=r[11],
        )
    if not out:
        return out
    sc = table_of(DealStageChange).c
    moves = (
        sa_select(sc.deal_id, sc.changed_at, sc.to_stage)
        .join(deal, d.id == sc.deal_id)
        .where(*where)
        .order_by(sc.changed_at, sc.id)
    )
    for deal_id, at, to_stage in rows(moves):
        if deal_id in out:
            out[deal_id].stage_moves.append((aware(at), to_stage))
    cd = table_of(CloseDateChange).c
    pushes = (
        sa_select(cd.deal_id, cd.changed_at, cd.old_date, cd.new_date)
        .join(deal, d.id == cd.deal_id)
        .where(*where)
        .order_by(cd.changed_at, cd.id)
    )
    for deal_id, at, old, new in rows(pushes):
        if deal_id in out and old is not None and new is not None and new > old:
            out[deal_id].pushes.append(aware(at))
    e = table_of(Engagement).c
    acts = (
        sa_select(e.deal_id, e.occurred_at, e.type, e.direction, e.status, e.buyer_engaged, e.contact_id, ct.seniority)
        .join(deal, d.id == e.deal_id)
        .outerjoin(contact, ct.id == e.contact_id)
        .where(*where)
        .order_by(e.occurred_at, e.id)
    )
    for deal_id, at, kind, direction, status, engaged, contact_id, seniority in rows(acts):
        if deal_id in out:
            h = out[deal_id]
            h.engagements.append((aware(at), kind, direction, status, bool(engaged), contact_id))
            if contact_id is not None:
                h.seniority[contact_id] = seniority
    dc = table_of(DealContact).c
    champs = sa_select(dc.deal_id, dc.contact_id).join(deal, d.id == dc.deal_id).where(dc.role == "champion", *where)
    for deal_id, contact_id in rows(champs):
        if deal_id in out:
            out[deal_id].champions.add(contact_id)
    return out


class OwnerRecord:
    """Each owner's closed deals in time order, to read their win rate as it was at any instant."""

    def __init__(self, closed: Iterable[tuple[datetime, int | None, bool]]) -> None:
        """Build from (closed_at, owner_id, won) of closed deals."""
        ordered = sorted(closed, key=lambda c: c[0])
        self._times = [c[0] for c in ordered]
        self._team_won = [0]
        self._by_owner: dict[int | None, tuple[list[datetime], list[int]]] = defaultdict(lambda: ([], [0]))
        for at, owner, won in ordered:
            self._team_won.append(self._team_won[-1] + int(won))
            times, wins = self._by_owner[owner]
            times.append(at)
            wins.append(wins[-1] + int(won))

    @classmethod
    def from_histories(cls, histories: dict[int, DealHistory]) -> OwnerRecord:
        """Build from loaded histories (the evaluation's books)."""
        return cls((h.closed_at, h.owner_id, h.is_won) for h in histories.values() if h.is_closed and h.closed_at)

    def win_rate(self, owner_id: int | None, at: datetime) -> float:
        """The owner's win rate on deals closed before `at`, shrunk toward the team's rate then."""
        n_team = bisect.bisect_left(self._times, at)
        team_rate = (self._team_won[n_team] + 1) / (n_team + 2)
        times, wins = self._by_owner.get(owner_id, ([], [0]))
        n = bisect.bisect_left(times, at)
        return (wins[n] + OWNER_PRIOR_DEALS * team_rate) / (n + OWNER_PRIOR_DEALS)


def product_medians(amounts: Iterable[tuple[str | None, float | None]]) -> dict[str | None, float]:
    """The median amount per product: the "usual deal" an amount is compared with."""
    by_product: dict[str | None, list[float]] = defaultdict(list)
    for product, amount in amounts:
        if amount and amount > 0:
            by_product[product].append(amount)
    return {p: sorted(v)[len(v) // 2] for p, v in by_product.items()}


def features_at(
    h: DealHistory,
    at: datetime,
    *,
    owners: OwnerRecord,
    medians: dict[str | None, float],
    current: bool,
) -> dict[str, Any]:
    """The deal's features at instant `at` (`current`: an open deal looked at now, whose current stage is known)."""
    moves_before = [m for m in h.stage_moves if m[0] <= at]
    if moves_before:
        stage, stage_since = moves_before[-1][1], moves_before[-1][0]
    elif current:
        stage, stage_since = h.stage, h.created_at
    else:
        stage, stage_since = "unknown", h.created_at
    cut = bisect.bisect_right([e[0] for e in h.engagements], at)
    seen = h.engagements[:cut]
    recent_from, prior_from = at - timedelta(days=RECENT_DAYS), at - timedelta(days=2 * RECENT_DAYS)
    buyer = [e for e in seen if e[4]]
    buyer_recent = sum(1 for e in buyer if e[0] > recent_from)
    buyer_prior = sum(1 for e in buyer if prior_from < e[0] <= recent_from)
    outbound_emails = sum(1 for e in seen if e[1] == "email" and e[2] == "outbound")
    inbound_emails = sum(1 for e in seen if e[1] == "email" and e[2] == "inbound")
    contacts = {e[5] for e in buyer if e[5] is not None}
    champion_recent = any(e[5] in h.champions and e[0] > at - timedelta(days=14) for e in buyer)
    median = medians.get(h.product)
    last_buyer = buyer[-1][0] if buyer else h.created_at
    return {
        "stage": stage,
        "product": h.product or "none",
        "source": h.source or "none",
        "industry": h.industry or "none",
        "age_days": (at - h.created_at).total_seconds() / 86400,
        "days_in_stage": (at - stage_since).total_seconds() / 86400,
        "log_amount_vs_product": math.log(h.amount / median) if h.amount and median else 0.0,
        "log_employees": math.log10(max(h.employees or 0, 1)) if h.employees else math.nan,
        "buyer_touches_28d": float(buyer_recent),
        "buyer_trend": float(buyer_recent - buyer_prior),
        "outbound_28d": float(
            sum(1 for e in seen if e[3] != "scheduled" and e[2] == "outbound" and e[0] > recent_from)
        ),
        "reply_rate": inbound_emails / outbound_emails if outbound_emails else math.nan,
        "meetings_held": float(sum(1 for e in seen if e[1] == "meeting" and e[3] == "completed")),
        "days_since_buyer": (at - last_buyer).total_seconds() / 86400,
        "buying_group": float(len(contacts)),
        "senior_contacts": float(sum(1 for c in contacts if h.seniority.get(c) in SENIOR)),
        "champion_recent": float(champion_recent),
        "close_date_pushes": float(bisect.bisect_right(h.pushes, at)),
        "owner_win_rate": owners.win_rate(h.owner_id, at),
        # Segment keys for the baselines (not model inputs: the owner's record above is the shrunk version).
        "owner": str(h.owner_id),
        "segment": f"{h.industry or 'none'} × {h.product or 'none'}",
    }


def snapshot_times(h: DealHistory, *, until: datetime) -> list[datetime]:
    """The instants a closed deal is looked at for training: every `SNAPSHOT_STEP_DAYS`, strictly before it closed."""
    end = min(h.closed_at or until, until) - timedelta(hours=12)
    if end <= h.created_at:
        return []
    times = []
    t = h.created_at + timedelta(days=1)
    while t < end:
        times.append(t)
        t += timedelta(days=SNAPSHOT_STEP_DAYS)
    if len(times) > MAX_SNAPSHOTS:  # keep the first and spread the rest evenly
        step = (len(times) - 1) / (MAX_SNAPSHOTS - 1)
        times = [times[round(i * step)] for i in range(MAX_SNAPSHOTS)]
    return times


@dataclass
class FeatureContext:
    """What computing features needs besides the deal: everyone's track record and product norms."""

    owners: OwnerRecord
    medians: dict[str | None, float]


_CONTEXTS: dict[tuple[Any, ...], FeatureContext] = {}


def feature_context(session: Session) -> FeatureContext:
    """The shared context, built once per state of the deals it reads (a forecast and its change share it).

    What it reads, every deal's product and amount and every closed deal's close, owner and outcome, is fingerprinted
    by one aggregate query (count, newest id and update, closed count and newest close, total amount); the context is
    rebuilt when that changes. The context is shared: read it, never change it.
    """
    d = table_of(Deal).c
    closed = d.is_closed.is_(True)
    signature = (
        session.connection()
        .execute(
            sa_select(
                func.count(),
                func.max(d.id),
                func.max(d.updated_at),
                func.sum(case((closed, 1), else_=0)),
                func.sum(case((d.is_won.is_(True), 1), else_=0)),
                func.max(d.closed_at),
                func.sum(d.amount),
                func.sum(func.length(d.product)),
                func.sum(d.owner_id),
            )
        )
        .one()
    )
    key = (session.get_bind().engine.url.render_as_string(hide_password=True), *signature)
    found = _CONTEXTS.get(key)
    if found is None:
        found = _build_context(session)
        _CONTEXTS.clear()  # one store per process in practice; never grow without bound
        _CONTEXTS[key] = found
    return found


def _build_context(session: Session) -> FeatureContext:
    """Build the shared context with two light queries over every deal (no activity is read)."""
    closed = session.exec(
        select(col(Deal.closed_at), col(Deal.owner_id), col(Deal.is_won)).where(
            col(Deal.is_closed).is_(True), col(Deal.closed_at).is_not(None)
        )
    ).all()
    amounts = session.exec(select(col(Deal.product), col(Deal.amount))).all()
    return FeatureContext(
        OwnerRecord((aware(at), owner, bool(won)) for at, owner, won in closed if at is not None),
        product_medians(amounts),
    )


def training_snapshots(
    histories: dict[int, DealHistory], ctx: FeatureContext, *, closed_before: datetime
) -> list[Snapshot]:
    """Snapshots of every deal closed before `closed_before`, labelled won or lost, each deal weighing 1 in total."""
    out: list[Snapshot] = []
    for h in sorted(histories.values(), key=lambda x: x.deal_id):
        if not h.is_closed or h.closed_at is None or h.closed_at >= closed_before:
            continue
        times = snapshot_times(h, until=closed_before)
        for t in times:
            f = features_at(h, t, owners=ctx.owners, medians=ctx.medians, current=False)
            out.append(Snapshot(h.deal_id, t, f, won=h.is_won, weight=1.0 / len(times)))
    return out


def open_snapshots(histories: dict[int, DealHistory], ctx: FeatureContext, *, now: datetime) -> list[Snapshot]:
    """Every open deal as it is now."""
    return [
        Snapshot(
            h.deal_id,
            now,
            features_at(h, now, owners=ctx.owners, medians=ctx.medians, current=True),
        )
        for h in sorted(histories.values(), key=lambda x: x.deal_id)
        if not h.is_closed and h.created_at <= now
    ]
