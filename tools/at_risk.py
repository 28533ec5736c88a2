"""At-risk deals by a small, published rule set (until a deal-health model exists): silence, stage age, past close date.

Each rule is a threshold from Settings, and every flagged deal lists the rules it broke, so the answer can be checked.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import func
from sqlmodel import Session, select

from store.models import DealStageChange
from tools.deals import DealRow, find_deals, silent_deals

RULESET = "simple rules: buyer silent ≥ {silent} days, in stage ≥ {stage_age} days, close date passed"


class RiskyDeal(BaseModel):
    """An open deal and the rules it broke."""

    deal: DealRow
    reasons: list[str]
    days_silent: int | None = None
    days_in_stage: int | None = None


class AtRiskResult(BaseModel):
    """Flagged deals and the rule set that flagged them."""

    ruleset: str
    deals: list[RiskyDeal]


def at_risk_deals(
    session: Session,
    *,
    now: datetime,
    owner_ids: list[int] | None = None,
    silent_days: int = 7,
    stage_age_days: int = 30,
    limit: int = 25,
) -> AtRiskResult:
    """Flag open deals breaking at least two of: buyer silent, stuck in stage, close date in the past."""
    silent = {s.deal.id: s for s in silent_deals(session, days=silent_days, now=now, owner_ids=owner_ids)}
    deals = find_deals(session, owner_ids=owner_ids, open_only=True, limit=100_000)
    ids = [d.id for d in deals]
    entered: dict[int, datetime] = {}
    if ids:
        rows = session.exec(
            select(DealStageChange.deal_id, func.max(DealStageChange.changed_at))
            .where(DealStageChange.deal_id.in_(ids))
            .group_by(DealStageChange.deal_id)
        ).all()
        from store.types import UTCDateTime

        conv = UTCDateTime().process_result_value
        dialect = session.get_bind().dialect
        entered = {deal_id: conv(at, dialect) for deal_id, at in rows if at is not None}
    flagged: list[RiskyDeal] = []
    for deal in deals:
        reasons: list[str] = []
        s = silent.get(deal.id)
        if s:
            reasons.append(f"buyer silent {s.days_silent} days")
        age = (now - entered[deal.id]).days if deal.id in entered else None
        if age is not None and age >= stage_age_days:
            reasons.append(f"{age} days in {deal.stage_label}")
        if deal.close_date and deal.close_date < now.date():
            reasons.append(f"close date {deal.close_date.isoformat()} has passed")
        if len(reasons) >= 2:
            flagged.append(
                RiskyDeal(deal=deal, reasons=reasons, days_silent=s.days_silent if s else None, days_in_stage=age)
            )
    flagged.sort(key=lambda r: (-len(r.reasons), -(r.deal.amount or 0)))
    return AtRiskResult(
        ruleset=RULESET.format(silent=silent_days, stage_age=stage_age_days) + " (flagged when 2+ apply)",
        deals=flagged[:limit],
    )
