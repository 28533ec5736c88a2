"""Numbers about deals: counts of deals matching a filter, and closed-deal metrics (won amount, win rate, ...).

Every figure is computed here from the store, with the deals behind it named, so an answer never carries a number
the model or the router made up. Closed deals are dated by `closed_at` in the team's timezone.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from store.models import Company, Deal, Owner, stored_id
from tools.capabilities import Capability, Example, ToolContext, ToolUserError
from tools.deals import (
    CompanyMatch,
    DealRow,
    OwnersField,
    SearchDealsArgs,
    company_filter,
    count_deals,
    deal_filter_for,
    find_deals,
)
from tools.resolve import resolve_owners

# Company size segments by employees (upper bound inclusive), the usual B2B split.
SEGMENTS: tuple[tuple[str, str, int | None], ...] = (
    ("smb", "SMB (under 200 employees)", 199),
    ("mid_market", "Mid-market (200–999 employees)", 999),
    ("enterprise", "Enterprise (1,000+ employees)", None),
)
SEGMENT_LABELS = {key: label for key, label, _ in SEGMENTS}

Metric = Literal["won_amount", "won_count", "closed_count", "lost_count", "win_rate", "avg_deal_size", "cycle_time"]
METRIC_LABELS: dict[str, str] = {
    "won_amount": "Won amount",
    "won_count": "Deals won",
    "closed_count": "Deals closed (won + lost)",
    "lost_count": "Deals lost",
    "win_rate": "Win rate (won ÷ closed)",
    "avg_deal_size": "Average won deal size",
    "cycle_time": "Average sales cycle of won deals (created → closed, days)",
}


def segment_of(employees: int | None) -> str | None:
    """The size segment of a company with `employees` people (None when unknown)."""
    if employees is None:
        return None
    for key, _label, upper in SEGMENTS:
        if upper is None or employees <= upper:
            return key
    return None


# --- counting ---------------------------------------------------------------------------------------------------

# The field declarations (defaults, descriptions) of search_deals, reused as they are. Typed `Any` as pydantic's own
# `Field(...)` is, so a `FieldInfo` can stand as the default of a field of any type.
_search: dict[str, Any] = SearchDealsArgs.model_fields


class CountDealsArgs(BaseModel):
    """Arguments of count_deals: the filters of search_deals."""

    owners: list[str] | None = _search["owners"]
    stages: list[str] | None = _search["stages"]
    closing_from: date | None = _search["closing_from"]
    closing_to: date | None = _search["closing_to"]
    min_amount: float | None = _search["min_amount"]
    max_amount: float | None = _search["max_amount"]
    company: str | None = _search["company"]
    min_days_in_stage: int | None = _search["min_days_in_stage"]
    include_closed: bool = _search["include_closed"]


class DealCount(BaseModel):
    """How many deals match the filters and what they are worth; the largest few are named."""

    filters: dict[str, Any]
    owners: list[str]
    total: int
    total_amount: float
    largest: list[DealRow] = Field(default_factory=list)
    """The largest matching deals, so the count names its records."""


def _count(ctx: ToolContext, session: Session, a: CountDealsArgs) -> BaseModel:
    owner_ids, owner_names = resolve_owners(session, a.owners, ctx.asker_owner_id)
    company_id, unresolved = company_filter(session, a.company)
    if unresolved is not None:
        return unresolved
    deal_filter = deal_filter_for(session, a, now=ctx.now, owner_ids=owner_ids, company_id=company_id)
    total, amount = count_deals(session, deal_filter)
    largest = find_deals(session, **dataclasses.asdict(deal_filter), limit=5)
    return DealCount(
        filters=deal_filter.described(), owners=owner_names, total=total, total_amount=amount, largest=largest
    )


# --- closed-deal metrics -------------------------------------------------------------------------------------------


class ClosedMetricsArgs(BaseModel):
    """Arguments of get_closed_deal_metrics."""

    metric: Metric = Field(
        default="won_amount",
        description="The figure asked for: won_amount ('how much did we win/book'), won_count ('how many deals did we "
        "win/close'), closed_count (won + lost), lost_count, win_rate, avg_deal_size (average won deal), cycle_time "
        "(average days from created to won). Every figure is returned; this one is the headline.",
    )
    closed_from: date | None = Field(
        default=None, description="First day of the closing period (ISO date), e.g. the 1st of 'last month'."
    )
    closed_to: date | None = Field(default=None, description="Last day of the closing period (ISO date), inclusive.")
    owners: list[str] | None = OwnersField
    segment: str | None = Field(
        default=None,
        description="Only companies of this segment: 'smb' (<200 employees), 'mid_market' (200-999), 'enterprise' "
        "(1000+), or an industry or region as stored (e.g. 'Healthcare', 'EMEA').",
    )
    by: Literal["owner", "team", "segment", "industry", "region", "month"] | None = Field(
        default=None, description="Break the figures down by owner, team, segment, industry, region or month."
    )


class MetricRow(BaseModel):
    """Closed-deal figures of one slice (or of all)."""

    key: str
    label: str
    won: int
    lost: int
    won_amount: float
    win_rate: float | None
    """won ÷ (won + lost); None when nothing closed."""
    avg_deal_size: float | None
    avg_cycle_days: float | None


class NamedDeal(BaseModel):
    """A closed deal behind a figure."""

    id: int
    name: str
    company: str | None
    owner: str | None
    amount: float | None
    is_won: bool
    closed_on: date


class ClosedMetrics(BaseModel):
    """Closed-deal metrics over a period, optionally sliced; the largest deals behind them are named."""

    metric: str
    closed_from: date | None
    closed_to: date | None
    owners: list[str]
    segment: str | None
    by: str | None
    total: MetricRow
    rows: list[MetricRow]
    deals: list[NamedDeal]
    """The largest won deals (then lost) behind the figures, up to 10."""


@dataclasses.dataclass(frozen=True)
class _Closed:
    deal: NamedDeal
    owner_id: int | None
    team: str
    employees: int | None
    industry: str | None
    region: str | None
    cycle_days: float | None


def _closed_deals(
    session: Session, tz: ZoneInfo, start: date | None, end: date | None, owner_ids: list[int] | None
) -> list[_Closed]:
    stmt = (
        select(Deal, Company, Owner)
        .outerjoin(Company, col(Company.id) == col(Deal.company_id))
        .outerjoin(Owner, col(Owner.id) == col(Deal.owner_id))
        .where(col(Deal.is_closed).is_(True), col(Deal.closed_at).is_not(None))
    )
    # A generous UTC window in SQL, the exact team-local day in Python.
    if start:
        stmt = stmt.where(
            col(Deal.closed_at) >= datetime.combine(start, datetime.min.time(), tzinfo=UTC) - timedelta(days=1)
        )
    if end:
        stmt = stmt.where(
            col(Deal.closed_at) < datetime.combine(end, datetime.min.time(), tzinfo=UTC) + timedelta(days=2)
        )
    if owner_ids is not None:
        stmt = stmt.where(col(Deal.owner_id).in_(owner_ids))
    out = []
    for deal, company, owner in session.exec(stmt).all():
        # Never None: the query keeps only deals with `closed_at IS NOT NULL`.
        assert deal.closed_at is not None
        closed_at = deal.closed_at if deal.closed_at.tzinfo else deal.closed_at.replace(tzinfo=UTC)
        closed_on = closed_at.astimezone(tz).date()
        if (start and closed_on < start) or (end and closed_on > end):
            continue
        created = deal.created_at
        cycle = None
        if created is not None:
            created = created if created.tzinfo else created.replace(tzinfo=UTC)
            cycle = (closed_at - created).total_seconds() / 86400
        out.append(
            _Closed(
                deal=NamedDeal(
                    id=stored_id(deal.id),
                    name=deal.name,
                    company=company.name if company else None,
                    owner=owner.name if owner else None,
                    amount=deal.amount,
                    is_won=deal.is_won,
                    closed_on=closed_on,
                ),
                owner_id=deal.owner_id,
                team=(owner.team if owner else "") or "No team",
                employees=company.employees if company else None,
                industry=company.industry if company else None,
                region=company.region if company else None,
                cycle_days=cycle,
            )
        )
    return out


def _segment_test(segment: str) -> Callable[[_Closed], bool]:
    key = segment.strip().lower().replace("-", "_").replace(" ", "_")
    if key in SEGMENT_LABELS:
        return lambda c: segment_of(c.employees) == key
    low = segment.strip().lower()
    return lambda c: (c.industry or "").lower() == low or (c.region or "").lower() == low


def _known_segments(session: Session) -> set[str]:
    industries = session.exec(select(col(Company.industry)).distinct()).all()
    regions = session.exec(select(col(Company.region)).distinct()).all()
    return {str(v).lower() for v in [*industries, *regions] if v}


def metric_row(key: str, label: str, deals: list[_Closed]) -> MetricRow:
    """The figures of one slice of closed deals."""
    won = [c for c in deals if c.deal.is_won]
    lost = len(deals) - len(won)
    won_amount = float(sum(c.deal.amount or 0.0 for c in won))
    cycles = [c.cycle_days for c in won if c.cycle_days is not None]
    return MetricRow(
        key=key,
        label=label,
        won=len(won),
        lost=lost,
        won_amount=won_amount,
        win_rate=len(won) / len(deals) if deals else None,
        avg_deal_size=won_amount / len(won) if won else None,
        avg_cycle_days=sum(cycles) / len(cycles) if cycles else None,
    )


def _slice_key(by: str, c: _Closed) -> tuple[str, str]:
    if by == "owner":
        return str(c.owner_id), c.deal.owner or "Unassigned"
    if by == "team":
        return c.team, c.team
    if by == "segment":
        seg = segment_of(c.employees)
        return seg or "unknown", SEGMENT_LABELS.get(seg or "", "Unknown size")
    if by == "industry":
        return c.industry or "unknown", c.industry or "Unknown industry"
    if by == "region":
        return c.region or "unknown", c.region or "Unknown region"
    return c.deal.closed_on.strftime("%Y-%m"), c.deal.closed_on.strftime("%B %Y")


def _metrics(ctx: ToolContext, session: Session, a: ClosedMetricsArgs) -> BaseModel:
    owner_ids, owner_names = resolve_owners(session, a.owners, ctx.asker_owner_id)
    if a.closed_from and a.closed_to and a.closed_from > a.closed_to:
        raise ToolUserError("The period starts after it ends: closed_from must be on or before closed_to.")
    deals = _closed_deals(session, ctx.settings.tz, a.closed_from, a.closed_to, owner_ids or None)
    if a.segment:
        key = a.segment.strip().lower().replace("-", "_").replace(" ", "_")
        if key not in SEGMENT_LABELS and a.segment.strip().lower() not in _known_segments(session):
            raise ToolUserError(
                f"I don't know a segment called '{a.segment}'. Segments: smb, mid_market, enterprise, or an industry "
                "or region of your companies."
            )
        deals = [c for c in deals if _segment_test(a.segment)(c)]
    rows: list[MetricRow] = []
    if a.by:
        groups: dict[tuple[str, str], list[_Closed]] = defaultdict(list)
        for c in deals:
            groups[_slice_key(a.by, c)].append(c)
        rows = [metric_row(k, label, g) for (k, label), g in groups.items()]
        rows.sort(key=lambda r: r.key if a.by == "month" else -r.won_amount)
    named = sorted(deals, key=lambda c: (not c.deal.is_won, -(c.deal.amount or 0.0), c.deal.id))[:10]
    return ClosedMetrics(
        metric=a.metric,
        closed_from=a.closed_from,
        closed_to=a.closed_to,
        owners=owner_names,
        segment=a.segment,
        by=a.by,
        total=metric_row("all", "All", deals),
        rows=rows,
        deals=[c.deal for c in named],
    )


CAPABILITIES = (
    Capability(
        name="count_deals",
        summary="how many deals match a filter, and their total",
        description="Count deals (and their total amount) by owner, team, stage, expected close date range, amount "
        "range or company; open deals unless include_closed. Use for 'how many open deals do we have', 'how many "
        "deals are in contract sent', 'number of Dana's deals over $50k'. For deals already won or lost in a period "
        "use get_closed_deal_metrics.",
        args_schema=CountDealsArgs,
        run=_count,
        result_types=(DealCount, CompanyMatch),
        examples=(
            Example("how many open deals do we have?", {}),
            Example("how many deals are in contract sent?", {"stages": ["contractsent"]}),
            Example("number of deals over $100k", {"min_amount": 100_000}),
            Example("how many deals does Team East have?", {"owners": ["Team East"]}),
        ),
    ),
    Capability(
        name="get_closed_deal_metrics",
        summary="won revenue, deals closed, win rate, average deal size, sales cycle",
        description="Closed-deal metrics over a period: won amount, deals won, deals closed (won + lost), deals lost, "
        "win rate, average won deal size and average sales cycle (days created → won); for the team or by owner, "
        "team, segment (smb / mid_market / enterprise by employees), industry, region or month. Use for 'how much did "
        "we win last quarter', 'how many deals did Team West close in November', 'win rate by rep', 'average deal "
        "size this year', 'sales cycle for enterprise deals'.",
        args_schema=ClosedMetricsArgs,
        run=_metrics,
        result_types=(ClosedMetrics,),
        examples=(
            Example("how much did we win last quarter?", {"metric": "won_amount", "closed_from": "<last quarter>"}),
            Example("what's our win rate?", {"metric": "win_rate"}),
            Example("win rate by rep", {"metric": "win_rate", "by": "owner"}),
            Example("average deal size", {"metric": "avg_deal_size"}),
            Example("average sales cycle for enterprise deals", {"metric": "cycle_time", "segment": "enterprise"}),
            Example("how many deals did we close?", {"metric": "won_count"}),
            Example("how many deals did we lose?", {"metric": "lost_count"}),
            Example("won revenue by team", {"metric": "won_amount", "by": "team"}),
        ),
    ),
)
