"""Win probabilities of open deals: the model trained once per state of the closed-deal history, scores stored.

Training reads every closed deal's history, so it runs only when that history changed: the fitted model is cached in
the process under a signature of the closed deals (how many, how many won, the newest close and update). Scoring the
open deals is cheap, and `refresh_scores` (after each sync and from the deal-health job) runs only when the CRM data
signature changed or the stored scores are from another day (deal age moves with the calendar); it rewrites only the
rows whose probability or factors changed. Questions read the stored score and say when it was assessed; a deal
without one (created since the last run) is scored live.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func, insert
from sqlmodel import Session, select

from store.db import session_scope
from store.meta import data_signature, get_meta, set_meta
from store.models import Deal, DealWinScore
from tools.intelligence.features import feature_context, load_histories, open_snapshots, training_snapshots
from tools.intelligence.model import Factor, Model, Prediction, Validation, fit

MAX_TRAINING_DEALS = 4000
"""The model learns from at most the most recent 4,000 closed deals: the learning curve in docs/evaluation.md is flat
from 400 on, recent deals describe today's team best, and a 100k-deal book then trains in seconds, not minutes."""
SCORING_VERSION = 2
"""Bumped when features, the model or the wording of factors change: stored scores of another version are redone."""
SCORES_KEY = "deal_win_scores"
"""The `WorkspaceMeta` key of the stored scores' header."""

_MODELS: dict[str, tuple[Model, Validation | None]] = {}


def history_signature(session: Session) -> str:
    """A fingerprint of the closed-deal history the model learns from (one indexed query)."""
    closed = Deal.is_closed.is_(True)
    row = session.exec(
        select(  # type: ignore[call-overload]
            func.count(Deal.id),
            func.coalesce(func.sum(func.cast(Deal.is_won, type_=Deal.id.type)), 0),
            func.max(Deal.closed_at),
            func.max(Deal.updated_at),
            func.max(Deal.id),
        ).where(closed)
    ).one()
    bind = session.get_bind()
    return "|".join([bind.url.render_as_string(hide_password=True), *(str(v) for v in row)])


def trained_model(session: Session, *, now: datetime) -> tuple[Model, Validation | None]:
    """The shipped model for the store's closed deals and why it was chosen, fitted once per history signature."""
    key = f"{history_signature(session)}|{now.date()}"
    found = _MODELS.get(key)
    if found is None:
        recent = (
            select(Deal.id)
            .where(Deal.is_closed.is_(True), Deal.closed_at < now)
            .order_by(Deal.closed_at.desc(), Deal.id.desc())  # type: ignore[union-attr]
            .limit(MAX_TRAINING_DEALS)
        )
        histories = load_histories(session, Deal.id.in_(recent.scalar_subquery()))  # type: ignore[attr-defined]
        rows = training_snapshots(histories, feature_context(session), closed_before=now)
        found = fit(rows)
        _MODELS.clear()  # one store per process in practice; never grow without bound
        _MODELS[key] = found
    return found


def score_open_deals(session: Session, *, now: datetime, deal_ids: list[int] | None = None) -> list[Prediction]:
    """Score open deals live (all, or `deal_ids`) with the cached model."""
    model, _validation = trained_model(session, now=now)
    scope = Deal.is_closed.is_(False)
    if deal_ids is not None:
        scope = scope & Deal.id.in_(deal_ids)  # type: ignore[attr-defined]
    histories = load_histories(session, scope)
    return model.predict(open_snapshots(histories, feature_context(session), now=now))


@dataclass(frozen=True)
class ScoresReport:
    """What a refresh did."""

    scored: int
    changed: int
    method: str
    seconds: float
    skipped: str | None = None


def _factors_json(p: Prediction) -> list[dict[str, Any]]:
    return [{"feature": f.feature, "text": f.text, "effect": f.effect} for f in p.factors]


def refresh_scores(engine: Engine, *, now: datetime, force: bool = False) -> ScoresReport:
    """Re-score every open deal when the data changed (or on a new day); store only the scores that moved."""
    started = time.perf_counter()
    with Session(engine) as session:
        signature = data_signature(session)
        raw = get_meta(session, SCORES_KEY)
        header = json.loads(raw) if raw else None
        if (
            not force
            and header is not None
            and header["signature"] == signature
            and header["day"] == now.date().isoformat()
            and header.get("version") == SCORING_VERSION
        ):
            return ScoresReport(header["deals"], 0, header["method"], time.perf_counter() - started, "unchanged")
        predictions = score_open_deals(session, now=now)
        _model, validation = trained_model(session, now=now)
        owners = dict(session.exec(select(Deal.id, Deal.owner_id).where(Deal.is_closed.is_(False))).all())  # type: ignore[call-overload]
        stored = {
            r.deal_id: (round(r.probability, 4), r.factors or [])
            for r in session.exec(select(DealWinScore)).all()  # type: ignore[call-overload]
        }
    changed = [p for p in predictions if stored.get(p.deal_id) != (round(p.probability, 4), _factors_json(p))]
    keep = {p.deal_id for p in predictions}
    method = predictions[0].method if predictions else "rules"
    with session_scope(engine) as session:
        gone = [d for d in stored if d not in keep]
        rewrite = [p.deal_id for p in changed]
        for ids in (gone, rewrite):
            for i in range(0, len(ids), 900):  # bounded IN lists; one statement per chunk, not one per row
                session.exec(delete(DealWinScore).where(DealWinScore.deal_id.in_(ids[i : i + 900])))  # type: ignore[call-overload]
        rows = [
            {
                "deal_id": p.deal_id,
                "owner_id": owners.get(p.deal_id),
                "probability": round(p.probability, 4),
                "method": p.method,
                "factors": _factors_json(p),
                "assessed_at": now,
            }
            for p in changed
        ]
        for i in range(0, len(rows), 2000):
            session.exec(insert(DealWinScore), params=rows[i : i + 2000])  # type: ignore[call-overload]
        set_meta(
            session,
            SCORES_KEY,
            json.dumps(
                {
                    "signature": signature,
                    "version": SCORING_VERSION,
                    "day": now.date().isoformat(),
                    "assessed_at": now.isoformat(),
                    "deals": len(predictions),
                    "method": method,
                    "validation": asdict(validation) if validation else None,
                }
            ),
        )
    return ScoresReport(len(predictions), len(changed), method, time.perf_counter() - started)


def win_scores(session: Session, deal_ids: list[int], *, now: datetime) -> dict[int, Prediction]:
    """The win probability of each open deal in `deal_ids`: stored when scored, else live (and said by `method`)."""
    if not deal_ids:
        return {}
    rows = session.exec(select(DealWinScore).where(DealWinScore.deal_id.in_(deal_ids))).all()  # type: ignore[call-overload]
    out = {
        r.deal_id: Prediction(
            r.deal_id,
            r.probability,
            r.method,
            tuple(Factor(f["feature"], f["text"], f["effect"]) for f in r.factors or []),
        )
        for r in rows
    }
    missing = [d for d in deal_ids if d not in out]
    if missing:
        open_missing = [
            d
            for d in session.exec(select(Deal.id).where(Deal.id.in_(missing), Deal.is_closed.is_(False))).all()  # type: ignore[call-overload]
        ]
        if open_missing:
            out.update({p.deal_id: p for p in score_open_deals(session, now=now, deal_ids=open_missing)})
    return out


def scores_assessed_at(session: Session) -> datetime | None:
    """When the stored scores were computed, if ever."""
    raw = get_meta(session, SCORES_KEY)
    return datetime.fromisoformat(json.loads(raw)["assessed_at"]) if raw else None
