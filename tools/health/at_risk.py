"""The copilot's "which deals are at risk?": open deals at or above the alert score, with reasons and actions."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
from pydantic import BaseModel
from sqlmodel import Session

from tools.deals import DealRow
from tools.health.book import score_book
from tools.health.model import Thresholds

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
    """Served from a stored assessment rather than assessed for this question: never since answers are always live
    (one scan of the engagement aggregates); kept so the renderer's note stays honest should a cache come back."""
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
    book = score_book(session, now=now, thresholds=thresholds, tz=tz, owner_ids=owner_ids, company_id=company_id)
    order = book.order()
    risky = order[book.score[order] >= min_score]
    shown = book.explain(session, risky[:limit])
    return AtRiskResult(
        min_score=min_score,
        open_deals=len(book),
        total=int(risky.size),
        total_amount=float(sum(0.0 if np.isnan(a) else float(a) for a in book.amount[risky])),
        deals=[
            AtRiskDeal(
                deal=book.rows[h.deal_id],
                score=h.score,
                level=h.level,
                reasons=[
                    AtRiskReason(code=r.code, label=r.label, points=r.points, evidence=r.evidence, action=r.action)
                    for r in h.reasons
                ],
            )
            for h in shown
        ],
        assessed_at=now,
        rules_off=book.ctx.store.rules_off(),
    )
