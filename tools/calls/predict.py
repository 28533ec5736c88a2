"""Predict a deal's outcome from its call: a calibrated model trained on the team's past calls, or rules.

Features are the call metrics (talk ratio, questions, monologue, interactivity, patience, stages held, dated next
step, objections, competitors, pricing talk, prospect tone, buyers on the call) plus one deal fact (log amount).
With at least `MIN_TRAINING_CALLS` labelled calls (calls of closed deals, both outcomes ≥ `MIN_PER_CLASS`), a
standardised logistic regression is calibrated with Platt scaling (`CalibratedClassifierCV(method="sigmoid")`, 5
folds, no shuffling: deterministic). Its top factors are coefficient × standardised delta from the team's average
(the term's contribution to the log-odds relative to an average call). With less history a transparent rule set
scores the call instead and says so.

scikit-learn fits the model; what is kept is its arithmetic (medians, scaling, coefficients, the fold calibrators) in
numpy arrays, so loading a cached model and scoring a call never imports scikit-learn (1.5 s of a cold process).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel

from tools.calls.metrics import CallMetrics
from tools.linear_models import CalibratedScorer, LinearScorer

MIN_TRAINING_CALLS = 40
MIN_PER_CLASS = 8

FEATURES: dict[str, str] = {
    "talk_ratio_rep": "rep talk ratio",
    "rep_questions": "questions asked",
    "open_share": "share of open questions",
    "longest_rep_monologue_min": "longest rep monologue (min)",
    "interactivity": "switches per minute",
    "patience_s": "patience (s)",
    "stages_held": "stages held",
    "discovery_held": "discovery held",
    "dated_next_step": "dated next step",
    "objections": "objections raised",
    "competitor_mentioned": "competitor mentioned",
    "pricing_share": "share of time on pricing",
    "prospect_tone": "prospect tone",
    "prospects_on_call": "buyers on the call",
    "log_amount": "deal size (log)",
}


def call_features(metrics: CallMetrics, *, amount: float | None = None) -> dict[str, float]:
    """Turn a call's metrics (and the deal amount) into the model's numeric features; NaN when unknown."""
    n = metrics.rep_questions
    prospect_tones = [t.prospect for t in metrics.tone if t.prospect is not None]
    return {
        "talk_ratio_rep": metrics.talk_ratio_rep,
        "rep_questions": float(n),
        "open_share": metrics.open_questions / n if n else 0.0,
        "longest_rep_monologue_min": metrics.longest_monologue["rep"].seconds / 60.0,
        "interactivity": metrics.interactivity,
        # Only a pause measured from real end times counts: an estimated one (start-only stamps) is not the same
        # quantity, and comparing a measured 0.9 s with an estimated 17 s average would be comparing two things.
        "patience_s": (
            metrics.patience_seconds
            if metrics.patience_seconds is not None and not metrics.patience_estimated
            else math.nan
        ),
        "stages_held": float(sum(1 for s in metrics.stages if not s.skipped)),
        "discovery_held": float("discovery" not in metrics.skipped_stages),
        "dated_next_step": float(bool(metrics.dated_commitments)),
        "objections": float(len(metrics.objections)),
        "competitor_mentioned": float(bool(metrics.competitors)),
        "pricing_share": metrics.pricing_seconds / metrics.duration_seconds if metrics.duration_seconds else 0.0,
        "prospect_tone": float(np.mean(prospect_tones)) if prospect_tones else 0.0,
        "prospects_on_call": float(sum(1 for side in metrics.speakers.values() if side == "prospect")),
        "log_amount": math.log1p(amount) if amount else math.nan,
    }


class Factor(BaseModel):
    """One reason behind a prediction: its effect on the log-odds and words for it."""

    feature: str
    text: str
    effect: float


class OutcomePrediction(BaseModel):
    """The probability the deal is won, how it was computed and why."""

    win_probability: float
    method: str
    """`model` (calibrated logistic regression) or `rules` (thin history)."""
    training_calls: int
    factors: list[Factor]
    note: str = ""


def _vector(features: dict[str, float]) -> list[float]:
    return [features[name] for name in FEATURES]


@dataclass
class OutcomeModel:
    """A trained, calibrated outcome model, with what it needs to explain itself."""

    calibrated: CalibratedScorer
    explainer: LinearScorer
    training_calls: int
    means: dict[str, float]
    unknown_in_training: frozenset[str] = frozenset()
    """Features no training call had (e.g. measured patience when every past call had estimated times): a call's
    value for them is not compared with anything, so it is ignored rather than scored against a made-up average."""

    @classmethod
    def train(cls, rows: Sequence[dict[str, float]], labels: Sequence[int]) -> OutcomeModel:
        """Fit on feature rows and won (1) / lost (0) labels; deterministic for the same input."""
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.impute import SimpleImputer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold
        from sklearn.pipeline import Pipeline, make_pipeline
        from sklearn.preprocessing import StandardScaler

        x = np.array([_vector(r) for r in rows], dtype=float)
        y = np.array(labels, dtype=int)
        # A column that is NaN everywhere (no timestamps at all, no amounts) is imputed as 0 rather than dropped,
        # so the feature order stays fixed.
        empty = np.all(np.isnan(x), axis=0)
        x[:, empty] = 0.0

        def base() -> Pipeline:
            # Strong L2 (C=0.1 on standardised features): call features carry weak signals, and a few hundred calls
            # overfit noise with a looser penalty.
            return make_pipeline(
                SimpleImputer(strategy="median"), StandardScaler(), LogisticRegression(C=0.1, max_iter=2000)
            )

        folds = min(5, int(min(np.bincount(y, minlength=2))))
        calibrated = CalibratedClassifierCV(base(), method="sigmoid", cv=StratifiedKFold(n_splits=max(2, folds)))
        calibrated.fit(x, y)
        explainer = base().fit(x, y)
        means = dict(zip(FEATURES, np.nanmean(x, axis=0).tolist(), strict=True))
        unknown = frozenset(name for name, gone in zip(FEATURES, empty, strict=True) if gone)
        return cls(
            calibrated=CalibratedScorer.from_calibrated(calibrated),
            explainer=LinearScorer.from_pipeline(explainer),
            training_calls=len(y),
            means=means,
            unknown_in_training=unknown,
        )

    def _known(self, features: dict[str, float]) -> dict[str, float]:
        return {k: (0.0 if k in self.unknown_in_training else v) for k, v in features.items()}

    def win_probabilities(self, rows: Sequence[dict[str, float]]) -> list[float]:
        """Calibrated win probabilities of many calls at once (evaluation, batch scoring)."""
        x = np.array([_vector(self._known(r)) for r in rows], dtype=float)
        return [float(p) for p in self.calibrated.win_probability(x)]

    def predict(self, features: dict[str, float], *, top: int = 3) -> OutcomePrediction:
        """Predict one call, with its top factors (coefficient × standardised delta from the team average)."""
        x = np.array([_vector(self._known(features))], dtype=float)
        probability = float(self.calibrated.win_probability(x)[0])
        contributions = self.explainer.coef * self.explainer.standardised(x)[0]
        names = list(FEATURES)
        order = [i for i in np.argsort(-np.abs(contributions)) if names[i] not in self.unknown_in_training][:top]
        factors = []
        for i in order:
            name = names[i]
            value = features[name]
            shown = "unknown" if math.isnan(value) else f"{value:.2f}".rstrip("0").rstrip(".")
            factors.append(
                Factor(
                    feature=name,
                    text=f"{FEATURES[name]}: {shown} (team avg {self.means[name]:.2f})",
                    effect=round(float(contributions[i]), 3),
                )
            )
        return OutcomePrediction(
            win_probability=round(probability, 3),
            method="model",
            training_calls=self.training_calls,
            factors=factors,
        )


def enough_history(labels: Sequence[int]) -> bool:
    """True when there are enough labelled calls of both outcomes to train the model."""
    won = sum(1 for v in labels if v)
    return len(labels) >= MIN_TRAINING_CALLS and min(won, len(labels) - won) >= MIN_PER_CLASS


# Rules for thin history: each adds to the log-odds; weights are judgement calls pointing the same way as the
# benchmarks in tools/calls/scorecard.py (Gong Labs talk ratio and question counts, dated next steps).
_RULES: list[tuple[str, str, float]] = [
    ("dated_next_step", "a dated next step was agreed", 0.8),
    ("no_next_step", "no dated next step", -0.8),
    ("questions_in_band", "11-14 questions asked (Gong's winning band)", 0.4),
    ("few_questions", "fewer than 6 questions", -0.4),
    ("talk_in_band", "rep talked 35-50 % (Gong's winning band)", 0.3),
    ("talk_heavy", "rep talked over 65 %", -0.5),
    ("no_discovery", "discovery was skipped", -0.5),
    ("competitor", "a competitor came up", -0.2),
    ("many_objections", "3+ objections", -0.3),
    ("positive_tone", "prospect tone positive", 0.3),
    ("negative_tone", "prospect tone negative", -0.3),
]


def rules_prediction(
    features: dict[str, float], *, training_calls: int = 0, base_rate: float | None = None
) -> OutcomePrediction:
    """Score a call with transparent rules when there is too little history to learn from.

    The rules shift the log-odds of `base_rate` (the team's win rate over closed deals when known, else 50 %).
    """
    fired = {
        "dated_next_step": features["dated_next_step"] >= 1,
        "no_next_step": features["dated_next_step"] < 1,
        "questions_in_band": 11 <= features["rep_questions"] <= 14,
        "few_questions": features["rep_questions"] < 6,
        "talk_in_band": 0.35 <= features["talk_ratio_rep"] <= 0.50,
        "talk_heavy": features["talk_ratio_rep"] > 0.65,
        "no_discovery": features["discovery_held"] < 1,
        "competitor": features["competitor_mentioned"] >= 1,
        "many_objections": features["objections"] >= 3,
        "positive_tone": features["prospect_tone"] > 0.15,
        "negative_tone": features["prospect_tone"] < -0.15,
    }
    factors = [Factor(feature=key, text=text, effect=weight) for key, text, weight in _RULES if fired[key]]
    prior = min(0.95, max(0.05, base_rate)) if base_rate is not None else 0.5
    logit = math.log(prior / (1 - prior)) + sum(f.effect for f in factors)
    factors.sort(key=lambda f: -abs(f.effect))
    return OutcomePrediction(
        win_probability=round(1.0 / (1.0 + math.exp(-logit)), 3),
        method="rules",
        training_calls=training_calls,
        factors=factors[:4],
        note=f"rules: fewer than {MIN_TRAINING_CALLS} labelled calls of both outcomes to learn from"
        + (f"; starting from the team's {prior:.0%} win rate" if base_rate is not None else ""),
    )
