"""Our own deal properties on HubSpot's deal records: win probability, health, top risk, next best action, forecast.

They live in the Sales OS property group and are created through the properties API the first time (a repeat is a
no-op). Values go out in batch updates of at most `BATCH_SIZE` deals (each call paced by the client's rate limiter),
and only for deals whose values changed since the last confirmed write, recorded per deal in `DealPropertySync`.
`last assessed` changes only together with another value, so a run over unchanged data sends nothing at all.
A crash between a batch call and its record just re-sends the same values on the next run: harmless, so the write is
idempotent and resumable without a claim table. These are our fields, so they need no approval; the
`hubspot_deal_properties` setting turns them off.

Forecast category from the win probability (HubSpot's own categories, our thresholds): ≥ 70 % commit, ≥ 40 % best
case, else pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from store.db import session_scope
from store.models import Deal, DealHealthScore, DealPropertySync, DealWinScore
from tools.hubspot.client import HubSpotClient
from tools.hubspot.mapping import to_epoch_ms
from tools.hubspot.writeback import WriteBackService

BATCH_SIZE = 100
"""HubSpot's limit of inputs per batch update."""
COMMIT_AT, BEST_CASE_AT = 0.7, 0.4

DEAL_PROPERTIES: dict[str, dict[str, str]] = {
    "salesos_win_probability": {"label": "Sales OS win probability (%)", "type": "number", "fieldType": "number"},
    "salesos_health_score": {"label": "Sales OS deal health risk (0-100)", "type": "number", "fieldType": "number"},
    "salesos_top_risk": {"label": "Sales OS top risk", "type": "string", "fieldType": "textarea"},
    "salesos_next_best_action": {"label": "Sales OS next best action", "type": "string", "fieldType": "textarea"},
    "salesos_forecast_category": {"label": "Sales OS forecast category", "type": "string", "fieldType": "text"},
    "salesos_win_reasons": {"label": "Sales OS win probability: why", "type": "string", "fieldType": "textarea"},
    "salesos_last_assessed": {"label": "Sales OS last assessed", "type": "datetime", "fieldType": "date"},
}


def forecast_category(probability: float) -> str:
    """HubSpot's forecast category for a win probability."""
    return "commit" if probability >= COMMIT_AT else "best_case" if probability >= BEST_CASE_AT else "pipeline"


def deal_values(win: DealWinScore, health: DealHealthScore | None) -> dict[str, str]:
    """The property values of one deal (strings, as HubSpot takes them), without `last assessed`."""
    reasons = (health.reasons or []) if health is not None else []
    top = reasons[0] if reasons else None
    return {
        "salesos_win_probability": f"{100 * win.probability:.0f}",
        "salesos_health_score": str(health.score) if health is not None else "",
        "salesos_top_risk": f"{top['label']}: {top['evidence']}" if top else "",
        "salesos_next_best_action": top["action"] if top else "",
        "salesos_forecast_category": forecast_category(win.probability),
        "salesos_win_reasons": "; ".join(f["text"] for f in win.factors or [])[:1000],
    }


@dataclass(frozen=True)
class PushReport:
    """What a run sent."""

    deals: int
    changed: int
    batches: int


def push_deal_properties(engine: Engine, client: HubSpotClient, *, now: datetime) -> PushReport:
    """Send the changed Sales OS properties of every scored deal that came from HubSpot, in batches."""
    with Session(engine) as session:
        rows = session.exec(
            select(col(Deal.hubspot_id), DealWinScore, DealHealthScore)
            .join(DealWinScore, col(DealWinScore.deal_id) == Deal.id)
            .outerjoin(DealHealthScore, col(DealHealthScore.deal_id) == Deal.id)
            .where(col(Deal.hubspot_id).is_not(None), col(Deal.is_closed).is_(False))
            .order_by(col(Deal.id))
        ).all()
        sent = {r.hubspot_id: r.values or {} for r in session.exec(select(DealPropertySync)).all()}
    changed: list[tuple[str, dict[str, str]]] = []
    for hubspot_id, win, health in rows:
        if hubspot_id is None:  # excluded by the query
            continue
        values = deal_values(win, health)
        previous = {k: v for k, v in sent.get(hubspot_id, {}).items() if k != "salesos_last_assessed"}
        if values != previous:
            changed.append((hubspot_id, values))
    if not changed:
        return PushReport(len(rows), 0, 0)
    writer = WriteBackService(engine, client)
    for name, definition in DEAL_PROPERTIES.items():
        writer.ensure_property("deals", name, definition)
    assessed = str(to_epoch_ms(now))
    batches = 0
    for start in range(0, len(changed), BATCH_SIZE):
        batch = changed[start : start + BATCH_SIZE]
        inputs: list[dict[str, Any]] = [
            {"id": hubspot_id, "properties": {**values, "salesos_last_assessed": assessed}}
            for hubspot_id, values in batch
        ]
        client.batch_update("deals", inputs)
        batches += 1
        with session_scope(engine) as session:  # recorded per batch: a crash later resumes from here
            for item in inputs:
                session.merge(DealPropertySync(hubspot_id=item["id"], values=item["properties"], sent_at=now))
    return PushReport(len(rows), len(changed), batches)
