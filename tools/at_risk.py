"""At-risk deals by a small, published rule set (until a deal-health model exists): silence, stage age, past close date.

Each rule is a threshold from Settings, and every flagged deal lists the rules it broke, so the answer can be checked.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel
from sqlalchemy import func, or_
from sqlmodel import Session, select

from store.models import STAGE_LABELS, Company, Deal, DealStageChange, Engagement, Owner
from store.types import UTCDateTime
from tools.deals import DealRow

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
    total: int = 0


def _deal_rows(session: Session, ids: list[int]) -> dict[int, DealRow]:
    rows: dict[int, DealRow] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        stmt = (
            select(Deal, Company.name, Owner.name)
            .outerjoin(Company, Company.id == Deal.company_id)
            .outerjoin(Owner, Owner.id == Deal.owner_id)
            .where(Deal.id.in_(chunk))
        )
        for deal, company_name, owner_name in session.exec(stmt).all():
            rows[deal.id] = DealRow(  # type: ignore[index]
                id=deal.id,  # type: ignore[arg-type]
                name=deal.name,
                company_id=deal.company_id,
                company_name=company_name,
                owner_id=deal.owner_id,
                owner_name=owner_name,
                stage=deal.stage,
                stage_label=STAGE_LABELS.get(deal.stage, deal.stage),
                amount=deal.amount,
                close_date=deal.close_date,
                created_at=deal.created_at,
                is_closed=deal.is_closed,
                is_won=deal.is_won,
                close_reason=deal.close_reason,
                next_step=deal.next_step,
                hubspot_id=deal.hubspot_id,
            )
    return rows


def _days_silent(session: Session, deal_ids: list[int], now: datetime) -> dict[int, int]:
    """Days since the buyer last engaged (or since creation, if never), per deal: `silent_deals`' semantics.

    Read per candidate deal through the (deal, buyer_engaged, occurred_at) index rather than for every open deal.
    """
    conv = UTCDateTime().process_result_value
    dialect = session.get_bind().dialect
    out: dict[int, int] = {}
    for start in range(0, len(deal_ids), 500):
        chunk = deal_ids[start : start + 500]
        last = dict(
            session.exec(
                select(Engagement.deal_id, func.max(Engagement.occurred_at))
                .where(
                    Engagement.deal_id.in_(chunk),
                    Engagement.buyer_engaged == True,  # noqa: E712
                    Engagement.occurred_at <= now,
                )
                .group_by(Engagement.deal_id)
            ).all()
        )
        created = dict(session.exec(select(Deal.id, Deal.created_at).where(Deal.id.in_(chunk))).all())
        for deal_id in chunk:
            since = conv(last.get(deal_id), dialect) or created.get(deal_id)
            if since is not None:
                out[deal_id] = (now - since).days
    return out


def at_risk_deals(
    session: Session,
    *,
    now: datetime,
    owner_ids: list[int] | None = None,
    company_id: int | None = None,
    silent_days: int = 7,
    stage_age_days: int = 30,
    limit: int = 25,
) -> AtRiskResult:
    """Flag open deals breaking at least two of: buyer silent, stuck in stage, close date in the past.

    Any flagged deal breaks the stage-age or the close-date rule (two of three rules must hold), so silence is only
    computed for open deals breaking one of those two, with `silent_deals`' definition (a test checks they agree).
    """
    entered = func.max(DealStageChange.changed_at)
    stmt = (
        select(Deal.id, Deal.close_date, Deal.amount, entered)
        .outerjoin(DealStageChange, DealStageChange.deal_id == Deal.id)
        .where(Deal.is_closed == False)  # noqa: E712
        .group_by(Deal.id, Deal.close_date, Deal.amount)
        .having(or_(entered <= now - timedelta(days=stage_age_days), Deal.close_date < now.date()))
    )
    if owner_ids:
        stmt = stmt.where(Deal.owner_id.in_(owner_ids))
    if company_id is not None:
        stmt = stmt.where(Deal.company_id == company_id)
    conv = UTCDateTime().process_result_value
    dialect = session.get_bind().dialect
    rows_in = session.exec(stmt).all()
    silence = _days_silent(session, [r[0] for r in rows_in], now)
    candidates: list[tuple[int, list[str], int | None, float]] = []
    for deal_id, close_date, amount, entered_at in rows_in:
        reasons: list[str] = []
        days = silence.get(deal_id)
        if days is not None and days >= silent_days:
            reasons.append(f"buyer silent {days} days")
        at = conv(entered_at, dialect)
        age = (now - at).days if at is not None else None
        if age is not None and age >= stage_age_days:
            reasons.append(f"{age} days in stage")
        if close_date and close_date < now.date():
            reasons.append(f"close date {close_date.isoformat()} has passed")
        if len(reasons) >= 2:
            candidates.append((deal_id, reasons, age, amount or 0.0))
    candidates.sort(key=lambda c: (-len(c[1]), -c[3], c[0]))
    shown = candidates[:limit]  # only the deals shown are read in full
    rows = _deal_rows(session, [c[0] for c in shown])
    flagged = [
        RiskyDeal(
            deal=rows[deal_id],
            reasons=[r.replace("days in stage", f"days in {rows[deal_id].stage_label}") for r in reasons],
            days_silent=silence.get(deal_id),
            days_in_stage=age,
        )
        for deal_id, reasons, age, _amount in shown
        if deal_id in rows
    ]
    return AtRiskResult(
        ruleset=RULESET.format(silent=silent_days, stage_age=stage_age_days) + " (flagged when 2+ apply)",
        deals=flagged,
        total=len(candidates),
    )
