"""Assess open deals: gather each deal's inputs in a few grouped queries, run the rule table, score and sort."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlmodel import Session

from store.meta import store_inputs
from store.models import Deal, Engagement, table_of
from tools.deals import DealRow, deal_row, deals_with_names
from tools.health.book import score_book
from tools.health.inputs import DealInputs, gather_inputs, stages_as_of, won_stage_medians
from tools.health.model import WORSENED_BY, DealHealth, RiskReason, Thresholds
from tools.health.rules import RULES, RuleContext

_NO_INPUTS = DealInputs(activity=None, last_move=None)


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
    if not historical:
        # Today's book: one scan of the open deals and their engagement aggregates (`tools.health.book`).
        book = score_book(
            session, now=now, thresholds=thresholds, tz=tz, owner_ids=owner_ids, deal_ids=deal_ids,
            company_id=company_id,
        )  # fmt: skip
        results = book.explain(session, book.order())
        results.sort(key=lambda h: (-h.score, -(h.amount or 0), h.deal_id))
        return results
    # A past book (deals open then, in their stage then) is read from the raw rows: aggregates describe today's.
    return assess_deals_from_raw(
        session, now=now, thresholds=thresholds, tz=tz, owner_ids=owner_ids, deal_ids=deal_ids, company_id=company_id,
        historical=historical,
    )  # fmt: skip


def assess_deals_from_raw(
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
    """`assess_deals` read from the raw activity rows (grouped queries over every activity of the deals).

    The path for a past book, and the reference the aggregates are tested against: both must say the same.
    """
    d = table_of(Deal).c
    deal_filter: list[ColumnElement[bool]] = (
        # the book as it stood at `now`: created by then, and open then (closed later counts as open)
        [or_(d.created_at.is_(None), d.created_at <= now), or_(d.is_closed.is_(False), d.closed_at > now)]
        if historical
        else [d.is_closed.is_(False)]
    )
    if owner_ids is not None:
        deal_filter.append(d.owner_id.in_(owner_ids))
    if deal_ids is not None:
        deal_filter.append(d.id.in_(deal_ids))
    if company_id is not None:
        deal_filter.append(d.company_id == company_id)
    deals = [deal_row(r) for r in session.exec(deals_with_names().where(*deal_filter)).all()]
    if not deals:
        return []
    open_deals = select(d.id).where(*deal_filter).scalar_subquery()
    inputs = gather_inputs(session, open_deals, now)
    ctx = RuleContext(
        now=now,
        tz=tz,
        thresholds=thresholds,
        medians=won_stage_medians(session),
        store=store_inputs(session),
        stage_then=stages_as_of(session, open_deals, now) if historical else {},
        _business_days={},
    )
    results = [_assess(deal, inputs.get(deal.id, _NO_INPUTS), ctx) for deal in deals]
    _attach_last_buyer_ids(session, results, open_deals, now)
    results.sort(key=lambda h: (-h.score, -(h.amount or 0), h.deal_id))
    return results


def _assess(deal: DealRow, inputs: DealInputs, ctx: RuleContext) -> DealHealth:
    reasons = [reason for rule in RULES if (reason := rule(deal, inputs, ctx)) is not None]
    reasons.sort(key=lambda r: -r.points)
    return DealHealth(
        deal_id=deal.id,
        deal_name=deal.name,
        company_id=deal.company_id,
        company_name=deal.company_name,
        owner_id=deal.owner_id,
        owner_name=deal.owner_name,
        stage=ctx.stage_of(deal),
        amount=deal.amount,
        close_date=deal.close_date,
        score=min(100, sum(r.points for r in reasons)),
        reasons=reasons,
        assessed_at=ctx.now,
    )


def _attach_last_buyer_ids(session: Session, results: list[DealHealth], open_deals: Any, now: datetime) -> None:
    """Add the id of the last buyer engagement to each `buyer_silent` reason (evidence a person can open).

    One query: each open deal's last buyer-engagement instant (an index-only scan), joined back to its engagement.
    """
    if not any(r.code == "buyer_silent" for h in results for r in h.reasons):
        return
    engagement = table_of(Engagement)
    e = engagement.c
    last = (
        select(e.deal_id.label("deal_id"), func.max(e.occurred_at).label("at"))
        .where(e.deal_id.in_(open_deals), e.buyer_engaged.is_(True), e.occurred_at <= now)
        .group_by(e.deal_id)
        .subquery()
    )
    found: dict[int, int] = dict(
        session.execute(
            select(e.deal_id, func.max(e.id))
            .select_from(engagement)
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
