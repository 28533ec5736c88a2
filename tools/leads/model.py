"""The lead score learned from the team's history: which inbound leads became won deals, and which did not.

- Labels: a lead whose deal closed won is a win; a lead whose deal closed lost, a lead the team disqualified, or a
  lead that never converted within `UNCONVERTED_AFTER_DAYS` is a loss; leads still in play are left out.
- Features: `tools.leads.lead_features` (log budget, employees, size band, timeline, interest one-hot, notes
  signals, domain type, and optionally an LLM reading of the notes).
- Model: logistic regression (regularisation from a small grid) or shallow gradient boosting, whichever ranks better
  over expanding-window time folds of the training history (train on earlier leads, validate on later ones; an
  evaluation's test slice is never seen), refit on all of it and calibrated with Platt scaling
  (`CalibratedClassifierCV(method="sigmoid")`; isotonic needs far more wins than a team's lead history holds and
  would turn the ranking into ties). Everything has a fixed random_state: the same history gives the same scores.
- Reasons: for each feature group, how many points the score moves when that group is replaced by the average lead's
  values: model-agnostic and in the score's own units.
- Cache: models are keyed by a signature of the labelled history (`tools.model_cache`); an unchanged history loads
  the file under LEAD_MODEL_DIR instead of retraining, a changed one retrains. A logistic regression is kept as numpy
  arithmetic (`tools.linear_models`), so loading it needs no scikit-learn.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from store.models import Deal, InboundLead
from tools.formatting import money
from tools.leads.facts import LeadFacts, domain_kind, gibberish_score, spam_score, timeline_days
from tools.leads.features import FEATURE_GROUPS, lead_features
from tools.leads.score import LeadScore, tier_for
from tools.linear_models import CalibratedScorer, DictFeatures
from tools.model_cache import cached, query_signature

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)

MODEL_VERSION = "lead-model-4"
"""Bump when features or training change, so cached models from older code are not reused."""
UNCONVERTED_AFTER_DAYS = 90
"""A lead that has not become a deal this long after submission counts as lost."""
MIN_WINS = 10
RANDOM_STATE = 0
LEARNED_TIER_CUTS = (90.0, 70.0, 40.0)
"""The learned score is a percentile among past leads: tier A is the top 10 %, B the next 20 %, C the next 30 %."""


class LeadHistoryTooThin(Exception):
    """Not enough decided leads (or wins, or losses) to learn from."""


@dataclass(frozen=True)
class LabelledLead:
    """A lead from history with its outcome."""

    lead_id: int
    facts: LeadFacts
    won: bool


def lead_history(engine: Engine, *, as_of: datetime | None = None) -> list[LabelledLead]:
    """The decided leads submitted before `as_of` (default now), oldest first, with won/lost outcomes."""
    as_of = as_of or datetime.now(UTC)
    stale_before = as_of - timedelta(days=UNCONVERTED_AFTER_DAYS)
    out: list[LabelledLead] = []
    with Session(engine) as session:
        rows = session.exec(
            select(InboundLead, Deal)
            .join(Deal, col(Deal.id) == InboundLead.deal_id, isouter=True)
            .where(col(InboundLead.submitted_at) < as_of)
            .order_by(col(InboundLead.submitted_at), col(InboundLead.id))
        ).all()
    for lead, deal in rows:
        if deal is not None:
            if not deal.is_closed:
                continue  # still in play: no outcome yet
            won = bool(deal.is_won)
        elif lead.status == "disqualified" or lead.submitted_at < stale_before:
            won = False
        else:
            continue  # recent and undecided
        out.append(LabelledLead(lead_id=int(lead.id or 0), facts=LeadFacts.from_row(lead), won=won))
    return out


def budget_only_scores(facts: Sequence[LeadFacts]) -> np.ndarray:
    """The baseline: the stated budget alone as the lead score (no budget = 0)."""
    return np.array([f.budget or 0.0 for f in facts], dtype=float)


def _fingerprint(features: list[dict[str, float]], labels: list[bool], extra: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(extra, sort_keys=True).encode())
    for feats, label in zip(features, labels, strict=True):
        digest.update(json.dumps(sorted((k, round(v, 6)) for k, v in feats.items())).encode())
        digest.update(b"1" if label else b"0")
    return digest.hexdigest()


LOGISTIC_C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
"""Regularisation strengths tried for the logistic regression (smaller = simpler model)."""
TIME_FOLDS = 4


def _candidates(n_rows: int) -> dict[str, Any]:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    models: dict[str, Any] = {
        f"logistic regression (C={c})": make_pipeline(
            StandardScaler(), LogisticRegression(C=c, solver="newton-cholesky", max_iter=200, random_state=RANDOM_STATE)
        )
        for c in LOGISTIC_C_GRID
    }
    if n_rows >= 300:  # boosting needs more than a few hundred rows before it can beat a linear model
        models["gradient boosting"] = HistGradientBoostingClassifier(
            max_depth=3,
            learning_rate=0.05,
            max_iter=150,
            min_samples_leaf=20,
            l2_regularization=1.0,
            early_stopping=False,
            random_state=RANDOM_STATE,
        )
    return models


def _time_folds(y: np.ndarray, n_folds: int = TIME_FOLDS) -> list[tuple[slice, slice]]:
    """Expanding-window folds over time-ordered rows: train on the first k blocks, validate on block k+1."""
    size = len(y) // (n_folds + 1)
    folds = []
    for k in range(1, n_folds + 1):
        train, valid = slice(0, k * size), slice(k * size, (k + 1) * size if k < n_folds else len(y))
        if 0 < y[train].sum() < k * size and 0 < y[valid].sum() < len(y[valid]):
            folds.append((train, valid))
    return folds


def _choose_algorithm(x: np.ndarray, y: np.ndarray, candidates: dict[str, Any]) -> tuple[str, dict[str, float]]:
    """Pick the candidate with the best mean ROC-AUC over expanding-window folds of the (time-ordered) history.

    Only the history given is used, so an evaluation's later test slice is never seen. Ties go to the simpler model
    (earlier in `candidates`: stronger regularisation first).
    """
    from sklearn.base import clone

    folds = _time_folds(y)
    default = "logistic regression (C=0.1)"
    if len(folds) < 2:
        return default, {}
    scores: dict[str, float] = {}
    for name, est in candidates.items():
        aucs = [_auc(y[v], clone(est).fit(x[t], y[t]).predict_proba(x[v])[:, 1]) for t, v in folds]
        scores[name] = float(np.mean(aucs))
    order = list(candidates)
    best = max(order, key=lambda k: (round(scores[k], 3), -order.index(k)))
    return best, scores


def single_threaded() -> Any:
    """Run scikit-learn's native code on one thread.

    These models are small; on a shared 2-core machine OpenMP's worker threads (gradient boosting) spin against every
    other process and a 0.6 s fit took 23 s (measured). One thread is the fast choice here.
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def _auc(y: np.ndarray, p: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else 0.5


@dataclass
class LeadModel:
    """A calibrated lead model, with what it needs to explain and tier its scores."""

    vectorizer: Any
    estimator: Any
    algorithm: str
    baseline: np.ndarray
    group_columns: dict[str, list[int]]
    history_probabilities: np.ndarray
    """The training leads' calibrated probabilities, sorted: the scale a new lead's percentile is read on."""
    n_train: int
    n_won: int
    fingerprint: str
    uses_llm: bool
    validation_auc: dict[str, float] = field(default_factory=dict)
    trained_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def _matrix(self, facts: Sequence[LeadFacts], llm_ratings: Sequence[float | None] | None = None) -> np.ndarray:
        ratings = llm_ratings if llm_ratings is not None else [None] * len(facts)
        rows = [lead_features(f, llm_rating=r if self.uses_llm else None) for f, r in zip(facts, ratings, strict=True)]
        if self.uses_llm:
            for row in rows:  # a lead without notes (or a failed LLM call) gets the average reading
                row.setdefault("llm:notes_rating", float(self.baseline[self.group_columns["llm"][0]]))
        return np.asarray(self.vectorizer.transform(rows), dtype=float)

    def probabilities(
        self, facts: Sequence[LeadFacts], llm_ratings: Sequence[float | None] | None = None
    ) -> np.ndarray:
        """Calibrated chance of a won deal for each lead."""
        if not facts:
            return np.zeros(0)
        with self._threads():
            return np.asarray(self.estimator.predict_proba(self._matrix(facts, llm_ratings))[:, 1])

    def _threads(self) -> Any:
        """One native thread for scikit-learn's estimators (see `single_threaded`); numpy arithmetic needs no limit."""
        return contextlib.nullcontext() if isinstance(self.estimator, CalibratedScorer) else single_threaded()

    @property
    def base_rate(self) -> float:
        """Share of past leads that became won deals."""
        return self.n_won / max(1, self.n_train)

    def percentile(self, probabilities: np.ndarray) -> np.ndarray:
        """Where each probability falls among past leads' (0–100; ties count half)."""
        ref = self.history_probabilities
        below = np.searchsorted(ref, probabilities, side="left")
        upto = np.searchsorted(ref, probabilities, side="right")
        return 100.0 * (below + upto) / 2.0 / max(1, len(ref))

    def score(self, facts: LeadFacts, *, llm_rating: float | None = None) -> LeadScore:
        """Score one lead: its percentile among past leads (0–100), the tier, the reasons and the chance of a win.

        The score ranks (92 = better than 92 % of past inbound leads); `probability` is the calibrated chance of a
        won deal, shown next to the team's base rate so nobody reads 92 as "92 % sure".
        """
        x = self._matrix([facts], [llm_rating])
        variants = [x[0]]
        groups = [g for g, cols in self.group_columns.items() if cols]
        for group in groups:
            swapped = x[0].copy()
            cols = self.group_columns[group]
            swapped[cols] = self.baseline[cols]
            variants.append(swapped)
        with self._threads():
            probs = self.estimator.predict_proba(np.vstack(variants))[:, 1]
        points = self.percentile(probs)
        prob, exact = float(probs[0]), float(points[0])
        score = int(round(exact))
        effects = [(exact - float(p), g) for p, g in zip(points[1:], groups, strict=True)]
        effects = [(e, g) for e, g in effects if abs(e) >= 1.0]
        effects.sort(key=lambda e: -abs(e[0]))
        reasons = [
            f"{describe_group(g, facts, llm_rating)} {'raises' if e > 0 else 'lowers'} the score ({e:+.0f})"
            for e, g in effects[:4]
        ] or ["no single factor stands out from the average lead"]
        note = (
            f"chance of a won deal {prob:.0%} (past leads: {self.base_rate:.0%}); learned from {self.n_train} past "
            f"leads ({self.n_won} won), {self.algorithm}, calibrated"
        )
        return LeadScore(
            score=score,
            tier=tier_for(score, LEARNED_TIER_CUTS),
            reasons=reasons,
            method="learned",
            probability=prob,
            model_note=note,
        )


def describe_group(group: str, facts: LeadFacts, llm_rating: float | None = None) -> str:
    """Say in plain words what a lead's values are for one feature group."""
    if group == "budget":
        return f"budget {money(facts.budget)}" if facts.budget is not None else "no budget given"
    if group == "size":
        parts = [p for p in (facts.company_size, f"{facts.employee_count:,} employees" if facts.employee_count else "")]
        text = " / ".join(p for p in parts if p)
        return f"company size ({text})" if text else "unknown company size"
    if group == "timeline":
        days = timeline_days(facts.timeline, submitted_at=facts.submitted_at)
        return f'timeline "{facts.timeline}"' if days is not None else "no clear timeline"
    if group == "interest":
        return f"interest in {facts.interest_area}" if facts.interest_area else "no interest area given"
    if group == "notes":
        notes = facts.notes or ""
        if spam_score(notes) >= 2 or (len(notes) >= 5 and gibberish_score(notes) >= 0.5):
            return "spam-like or gibberish notes"
        if not notes.strip():
            return "empty notes"
        return f"the notes ({len(notes.split())} words)"
    if group == "domain":
        kind = domain_kind(facts.email_domain or facts.domain)
        return {
            "business": "a company email domain",
            "free_mail": "a free-mail address",
            "student": "a student address",
        }.get(kind, "no email domain")
    if group == "llm":
        return f"the LLM's reading of the notes ({llm_rating:.0f}/10)" if llm_rating is not None else "the notes"
    return FEATURE_GROUPS.get(group, group)


def train_lead_model(
    history: Sequence[LabelledLead],
    *,
    llm_ratings: Sequence[float | None] | None = None,
    min_history: int = 60,
) -> LeadModel:
    """Learn a calibrated lead model from labelled history (oldest first).

    Raises:
        LeadHistoryTooThin: Fewer than `min_history` leads, or fewer than 10 wins or 10 losses.
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.model_selection import StratifiedKFold

    n_won = sum(h.won for h in history)
    n_lost = len(history) - n_won
    if len(history) < min_history or n_won < MIN_WINS or n_lost < MIN_WINS:
        raise LeadHistoryTooThin(
            f"only {len(history)} decided leads ({n_won} won, {n_lost} lost) in the history; "
            f"learning needs {min_history} with at least {MIN_WINS} of each"
        )
    uses_llm = llm_ratings is not None and any(r is not None for r in llm_ratings)
    ratings = list(llm_ratings) if uses_llm and llm_ratings is not None else [None] * len(history)
    rows = [lead_features(h.facts, llm_rating=r) for h, r in zip(history, ratings, strict=True)]
    if uses_llm:
        known = [r for r in ratings if r is not None]
        fill = float(np.mean(known))
        for row in rows:
            row.setdefault("llm:notes_rating", fill)
    labels = [h.won for h in history]
    y = np.array(labels, dtype=int)
    vectorizer = DictVectorizer(sparse=False, sort=True)
    x = np.asarray(vectorizer.fit_transform(rows), dtype=float)

    candidates = _candidates(len(history))
    with single_threaded():
        algorithm, validation = _choose_algorithm(x, y, candidates)
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=RANDOM_STATE)
        fitted = CalibratedClassifierCV(candidates[algorithm], method="sigmoid", cv=folds).fit(x, y)
    estimator: Any
    try:  # a linear model is kept as numpy arithmetic: loading it from the cache then needs no scikit-learn
        estimator = CalibratedScorer.from_calibrated(fitted)
    except TypeError:  # gradient boosting stays scikit-learn's
        estimator = fitted
    with single_threaded():
        history_probabilities = np.sort(estimator.predict_proba(x)[:, 1])

    names = list(vectorizer.get_feature_names_out())
    group_columns: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        group_columns.setdefault(name.split(":", 1)[0], []).append(i)
    return LeadModel(
        vectorizer=DictFeatures.from_vectorizer(vectorizer),
        estimator=estimator,
        algorithm=algorithm,
        baseline=x.mean(axis=0),
        group_columns=group_columns,
        history_probabilities=history_probabilities,
        n_train=len(history),
        n_won=n_won,
        fingerprint=_fingerprint(rows, labels, {"v": MODEL_VERSION, "llm": uses_llm}),
        uses_llm=uses_llm,
        validation_auc=validation,
    )


def _history_signature(engine: Engine, as_of: datetime, *extra: Any) -> str:
    """A signature of the labelled history (one aggregate query), so scoring a lead need not re-read every lead.

    It covers exactly the leads `lead_history` labels (decided before `as_of`: their deal closed, or disqualified,
    or unconverted for `UNCONVERTED_AFTER_DAYS`), their outcomes and the fields their features read; a new undecided
    lead (each intake adds one) leaves it, and so the cached model, unchanged.
    """
    from sqlalchemy import and_, case, func, or_
    from sqlalchemy import select as sa_select  # many columns: more than sqlmodel's `select` is typed for

    stale_before = as_of - timedelta(days=UNCONVERTED_AFTER_DAYS)
    decided = or_(
        col(Deal.is_closed).is_(True),
        and_(
            col(Deal.id).is_(None),
            or_(col(InboundLead.status) == "disqualified", col(InboundLead.submitted_at) < stale_before),
        ),
    )
    text_length = func.coalesce(func.length(col(InboundLead.notes)), 0) + func.coalesce(
        func.length(col(InboundLead.company_name)), 0
    )
    statement = (
        sa_select(
            func.count(col(InboundLead.id)),
            func.sum(col(InboundLead.id)),
            func.max(col(InboundLead.id)),
            func.sum(case((col(Deal.is_won).is_(True), 1), else_=0)),
            func.sum(text_length),
            func.sum(func.coalesce(col(InboundLead.budget), 0)),
            func.sum(func.coalesce(col(InboundLead.employee_count), 0)),
            func.max(col(InboundLead.submitted_at)),
        )
        .select_from(InboundLead)
        .join(Deal, col(Deal.id) == InboundLead.deal_id, isouter=True)
        .where(col(InboundLead.submitted_at) < as_of, decided)
    )
    return query_signature(engine, statement, MODEL_VERSION, *extra)


def _rate_all(history: Sequence[LabelledLead], llm_rate: Callable[[str], float | None]) -> list[float | None]:
    return [llm_rate(h.facts.notes) if h.facts.notes else None for h in history]


def learned_model_for(
    engine: Engine,
    settings: Settings,
    *,
    as_of: datetime | None = None,
    llm_rate: Callable[[str], float | None] | None = None,
) -> LeadModel:
    """The model for this store's current history: from memory, from the cache under LEAD_MODEL_DIR, or trained now.

    Raises:
        LeadHistoryTooThin: The history cannot support a learned model; use the rule-based score.
    """
    as_of = as_of or datetime.now(UTC)
    llm = settings.openai_model if llm_rate is not None else None
    signature = _history_signature(engine, as_of, llm, settings.lead_min_history)

    def build() -> LeadModel | str:
        history = lead_history(engine, as_of=as_of)
        ratings = _rate_all(history, llm_rate) if llm_rate is not None else None
        try:
            return train_lead_model(history, llm_ratings=ratings, min_history=settings.lead_min_history)
        except LeadHistoryTooThin as thin:
            return str(thin)  # remembered too: a thin history is not re-read for every lead

    found = cached("lead", signature, build, directory=settings.model_cache_dir)
    if isinstance(found, str):
        raise LeadHistoryTooThin(found)
    return found
