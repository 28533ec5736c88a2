"""Win probabilities of open deals: the model trained once per state of the closed-deal history, scores stored.

Training reads every closed deal's history, so it runs only when that history changed: the fitted model is cached in
the process and on disk (`tools.model_cache`) under `history_key` (the store, the day, the closed deals in 5 %
steps). Scoring the open deals is cheap, and `refresh_scores` (after each sync and from the deal-health job) runs
only when the CRM data signature changed or the stored scores are from another day (deal age moves with the
calendar); it rewrites only the rows whose probability or factors changed. Questions read the stored score and say
when it was assessed; a deal without one (created since the last run) is scored live.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Engine, delete, func, insert
from sqlalchemy import select as sa_select  # five scalar subqueries: more columns than sqlmodel's `select` types
from sqlmodel import Session, col, select

from store.db import session_scope
from store.meta import data_signature, get_meta, set_meta
from store.models import CloseDateChange, Deal, DealStageChange, DealWinScore, Engagement, pk_col
from tools.intelligence.features import feature_context, load_histories, open_snapshots, training_snapshots
from tools.intelligence.model import Factor, Model, Prediction, Validation, fit
from tools.model_cache import cached, signature

MAX_TRAINING_DEALS = 4000
"""The model learns from at most the most recent 4,000 closed deals: the learning curve in docs/evaluation.md is flat
from 400 on, recent deals describe today's team best, and a 100k-deal book then trains in seconds, not minutes."""
RETRAIN_GROWTH = 0.05
SCORING_VERSION = 3
"""Bumped when features, the model or the wording of factors change: stored scores of another version are redone."""
SCORES_KEY = "deal_win_scores"
"""The `WorkspaceMeta` key of the stored scores' header."""


def history_key(session: Session, *, now: datetime) -> str:
    """What the cached model depends on: the store, the day, and the size of the closed history in 5 % steps.

    Retraining on every newly closed deal would also force re-scoring every open deal after each sync; a model that
    is at most a day or 5 % of closed deals behind keeps re-scoring incremental (only the deals whose data changed).
    """
    closed = session.exec(select(func.count(col(Deal.id))).where(col(Deal.is_closed).is_(True))).one()
    bucket = int(math.log1p(int(closed)) / math.log1p(RETRAIN_GROWTH))
    url = session.get_bind().engine.url.render_as_string(hide_password=True)
    return f"{url}|{now.date()}|{bucket}"


def trained_model(session: Session, *, now: datetime, cache_dir: Path | None = None) -> tuple[Model, Validation | None]:
    """The shipped model for the store's closed deals and why it was chosen, fitted once per history signature.

    Kept in the process, and under `cache_dir` (LEAD_MODEL_DIR) when given, so a new process loads it.
    """
    key = history_key(session, now=now)

    def build() -> tuple[Model, Validation | None]:
        recent = (
            select(col(Deal.id))
            .where(col(Deal.is_closed).is_(True), col(Deal.closed_at) < now)
            .order_by(col(Deal.closed_at).desc(), col(Deal.id).desc())
            .limit(MAX_TRAINING_DEALS)
        )
        histories = load_histories(session, col(Deal.id).in_(recent.scalar_subquery()))
        rows = training_snapshots(histories, feature_context(session), closed_before=now)
        return fit(rows)

    return cached("win-probability", signature(key, SCORING_VERSION), build, directory=cache_dir)


def score_open_deals(
    session: Session, *, now: datetime, deal_ids: list[int] | None = None, cache_dir: Path | None = None
) -> list[Prediction]:
    """Score open deals live (all, or `deal_ids`) with the cached model."""
    model, _validation = trained_model(session, now=now, cache_dir=cache_dir)
    scope: ColumnElement[bool] = col(Deal.is_closed).is_(False)
    if deal_ids is not None:
        scope = scope & col(Deal.id).in_(deal_ids)
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


def _marks(session: Session) -> dict[str, str | None]:
    """The newest row of each table a deal's features read: what a later run compares with to find touched deals."""
    row = session.execute(
        sa_select(
            select(func.max(col(Deal.id))).scalar_subquery(),
            select(func.max(col(Deal.updated_at))).scalar_subquery(),
            select(func.max(col(Engagement.id))).scalar_subquery(),
            select(func.max(col(DealStageChange.id))).scalar_subquery(),
            select(func.max(col(CloseDateChange.id))).scalar_subquery(),
        )
    ).one()
    names = ("deal", "deal_updated", "engagement", "stage", "close_date")
    return {
        n: (v.isoformat() if isinstance(v, datetime) else None if v is None else str(v))
        for n, v in zip(names, row, strict=True)
    }


def touched_deals(session: Session, marks: dict[str, str | None]) -> set[int]:
    """Deals with a row newer than `marks`: created or updated, or with new activity, stage moves or close dates."""

    def newer(column: Any, mark: str | None, parse: Any = int) -> Any:
        return column > parse(mark) if mark is not None else column.is_not(None)  # nothing then: every row is new

    found: set[int] = set()
    queries = (
        select(col(Deal.id)).where(
            newer(Deal.id, marks["deal"]) | newer(Deal.updated_at, marks["deal_updated"], datetime.fromisoformat)
        ),
        select(col(Engagement.deal_id)).where(
            newer(Engagement.id, marks["engagement"]), col(Engagement.deal_id).is_not(None)
        ),
        select(col(DealStageChange.deal_id)).where(newer(DealStageChange.id, marks["stage"])),
        select(col(CloseDateChange.deal_id)).where(newer(CloseDateChange.id, marks["close_date"])),
    )
    for query in queries:
        found.update(d for d in session.exec(query.distinct()).all() if d is not None)
    return found


def refresh_scores(
    engine: Engine, *, now: datetime, force: bool = False, cache_dir: Path | None = None
) -> ScoresReport:
    """Re-score open deals when the data changed; store only the scores that moved.

    Within a day, with the same model, only the deals touched since the last run are re-scored; a new day (ages move),
    a retrained model or a new scoring version re-scores every open deal.
    """
    started = time.perf_counter()
    with Session(engine) as session:
        signature = data_signature(session)
        raw = get_meta(session, SCORES_KEY)
        header = json.loads(raw) if raw else None
        key = history_key(session, now=now)
        basis = (
            header
            if not force
            and header is not None
            and header.get("version") == SCORING_VERSION
            and header["day"] == now.date().isoformat()
            and header.get("model_key") == key
            else None
        )  # the last run's header when this run can build on it: same day, model and scoring version
        if basis is not None and basis["signature"] == signature:
            return ScoresReport(basis["deals"], 0, basis["method"], time.perf_counter() - started, "unchanged")
        marks = _marks(session)
        touched = touched_deals(session, basis["marks"]) if basis is not None else None
        predictions = score_open_deals(
            session, now=now, deal_ids=sorted(touched) if touched is not None else None, cache_dir=cache_dir
        )
        _model, validation = trained_model(session, now=now, cache_dir=cache_dir)
        open_ids = set(session.exec(select(pk_col(Deal.id)).where(col(Deal.is_closed).is_(False))).all())
        owners = (
            dict(
                session.exec(
                    select(pk_col(Deal.id), col(Deal.owner_id)).where(
                        col(Deal.id).in_([p.deal_id for p in predictions])
                    )
                ).all()
            )
            if predictions
            else {}
        )
        scope = select(DealWinScore)
        if touched is not None:
            scope = scope.where(col(DealWinScore.deal_id).in_(sorted(touched)))
        stored = {r.deal_id: (round(r.probability, 4), r.factors or []) for r in session.exec(scope).all()}
        if touched is None:
            gone = [d for d in stored if d not in open_ids]
        else:
            all_stored = set(session.exec(select(col(DealWinScore.deal_id))).all())
            gone = sorted(all_stored - open_ids)
    changed = [p for p in predictions if stored.get(p.deal_id) != (round(p.probability, 4), _factors_json(p))]
    method = predictions[0].method if predictions else (header or {}).get("method", "rules")
    with session_scope(engine) as session:
        rewrite = [p.deal_id for p in changed]
        for ids in (gone, rewrite):
            for i in range(0, len(ids), 900):  # bounded IN lists; one statement per chunk, not one per row
                session.exec(delete(DealWinScore).where(col(DealWinScore.deal_id).in_(ids[i : i + 900])))
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
            session.exec(insert(DealWinScore), params=rows[i : i + 2000])
        set_meta(
            session,
            SCORES_KEY,
            json.dumps(
                {
                    "signature": signature,
                    "version": SCORING_VERSION,
                    "model_key": key,
                    "marks": marks,
                    "day": now.date().isoformat(),
                    "assessed_at": now.isoformat(),
                    "deals": len(open_ids),
                    "method": method,
                    "validation": asdict(validation) if validation else None,
                }
            ),
        )
    return ScoresReport(len(predictions), len(changed), method, time.perf_counter() - started)


def win_scores(
    session: Session, deal_ids: list[int], *, now: datetime, cache_dir: Path | None = None
) -> dict[int, Prediction]:
    """The win probability of each open deal in `deal_ids`: stored when scored, else live (and said by `method`)."""
    if not deal_ids:
        return {}
    rows = session.exec(select(DealWinScore).where(col(DealWinScore.deal_id).in_(deal_ids))).all()
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
            for d in session.exec(
                select(pk_col(Deal.id)).where(col(Deal.id).in_(missing), col(Deal.is_closed).is_(False))
            ).all()
        ]
        if open_missing:
            out.update(
                {p.deal_id: p for p in score_open_deals(session, now=now, deal_ids=open_missing, cache_dir=cache_dir)}
            )
    return out


def scores_assessed_at(session: Session) -> datetime | None:
    """When the stored scores were computed, if ever."""
    raw = get_meta(session, SCORES_KEY)
    return datetime.fromisoformat(json.loads(raw)["assessed_at"]) if raw else None
