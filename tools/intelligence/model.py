"""The win model: a calibrated logistic regression on the team's closed deals, or transparent rules below a threshold.

Logistic regression, not a black box: each open deal's probability is a sum of per-feature contributions, so its top
factors are read straight off the model ("buyer engagement in the last 4 weeks: 0 (team's average 3.1) → lowers the
odds"). Its probabilities come from the log-loss fit itself (no re-scaling), and `eval/intelligence` reports their
Brier score and a reliability table on real data. Deterministic: lbfgs with a fixed order of rows.

Below `MIN_CLOSED` closed deals (and `MIN_EACH` of each outcome) nothing is learned: the rules give each stage
HubSpot's default deal-stage probability, shown as such. The threshold comes from the learning curve in
`eval/intelligence` (docs/evaluation.md): on the demo book the learned model's time-split AUC stops losing to the best
baseline at about 200 closed deals (Salesforce Einstein asks for 200 won + 200 lost; fewer suffice here because the
model is a regularised linear one). Above it, the learned model must still beat the baselines (product, owner and
sector × product win rates) on the team's most recent closed deals, held out, or the best baseline ships instead
(`fit`): on the real opportunities set it does not, and the owner's win rate is what ships there.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.models import STAGE_LABELS
from tools.intelligence.features import CATEGORICAL, FEATURE_WORDS, NUMERIC, Snapshot

if TYPE_CHECKING:  # numpy is imported by the functions that compute: the copilot imports this module on every `ask`
    import numpy as np

MIN_CLOSED = 200
MIN_EACH = 50
VALID_SHARE = 0.25
"""The most recent quarter of closed deals is held out to choose between the learned model and the baselines."""
GAIN_RESAMPLES = 200
GAIN_SEED = 17
"""The learned model ships only when its AUC gain over the best baseline on held-out deals is positive at the 5th
percentile of a deal-level bootstrap: better than the baseline beyond noise, not just on this draw."""
BASELINE_PRIOR = 2.0
"""A segment's rate is smoothed as (won + 2 × overall rate) / (closed + 2)."""
RIDGE_C = 0.5
"""Inverse L2 strength: mild shrinkage, so a rare category cannot carry a deal's score on a handful of deals."""
MIN_CATEGORY_DEALS = 5
"""A category value seen on fewer training rows than this is pooled into "other"."""

# HubSpot's default probabilities of the sales pipeline's stages (the pipelines API's `probability` metadata).
STAGE_PRIORS: dict[str, float] = {
    "appointmentscheduled": 0.2,
    "qualifiedtobuy": 0.4,
    "presentationscheduled": 0.6,
    "decisionmakerboughtin": 0.8,
    "contractsent": 0.9,
}
STAGE_PRIOR_DEFAULT = 0.3


@dataclass(frozen=True)
class Factor:
    """One reason behind a probability, in words, and how much it moved the log-odds (+ raises, − lowers)."""

    feature: str
    text: str
    effect: float


@dataclass(frozen=True)
class Prediction:
    """A deal's win probability, how it was made (`model` or `rules`), and its top factors."""

    deal_id: int
    probability: float
    method: str
    factors: tuple[Factor, ...]


DAYS = {"age_days", "days_in_stage", "days_since_buyer"}


def _fmt(name: str, value: Any) -> str:
    if isinstance(value, str):
        return STAGE_LABELS.get(value, value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "unknown"
    if name == "reply_rate" or name == "owner_win_rate":
        return f"{value:.0%}"
    if name == "log_amount_vs_product":
        return f"{math.exp(value):.1f}× the usual"
    if name == "log_employees":
        return f"{10**value:,.0f} employees"
    if name == "champion_recent":
        return "yes" if value else "no"
    if name in DAYS:
        return f"{value:,.0f} days"
    return f"{value:,.0f}"


class WinModel:
    """Logistic regression on one-hot categories and standardised numbers (missing values: the training mean)."""

    method = "model"

    def __init__(self, rows: Sequence[Snapshot]) -> None:
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        counts: dict[str, dict[str, int]] = {c: {} for c in CATEGORICAL}
        for r in rows:
            for c in CATEGORICAL:
                counts[c][r.features[c]] = counts[c].get(r.features[c], 0) + 1
        self.categories = {c: sorted(v for v, n in counts[c].items() if n >= MIN_CATEGORY_DEALS) for c in CATEGORICAL}
        raw = np.array([[float(r.features[n]) for n in NUMERIC] for r in rows], dtype=float)
        weights = np.array([r.weight for r in rows])
        self.means = np.array([_nanmean(raw[:, j], weights) for j in range(raw.shape[1])])
        filled = np.where(np.isnan(raw), self.means, raw)
        self.scales = np.sqrt(np.average((filled - self.means) ** 2, axis=0, weights=weights)) + 1e-9
        self.columns = [(c, v) for c in CATEGORICAL for v in [*self.categories[c], "other"]] + [
            (n, None) for n in NUMERIC
        ]
        x = self.matrix([r.features for r in rows])
        y = np.array([int(bool(r.won)) for r in rows])
        lr = LogisticRegression(C=RIDGE_C, max_iter=2000).fit(x, y, sample_weight=weights)
        # Only the arithmetic is kept: a cached model then loads without importing scikit-learn (1.5 s cold).
        self.coef = np.asarray(lr.coef_[0], dtype=float)
        self.intercept = float(lr.intercept_[0])
        self.x_mean = np.average(x, axis=0, weights=weights)
        self.team_means = dict(zip(NUMERIC, self.means, strict=True))

    def matrix(self, features: Sequence[dict[str, Any]]) -> np.ndarray:
        """The design matrix of feature dicts."""
        import numpy as np

        out = np.zeros((len(features), len(self.columns)))
        index = {col: j for j, col in enumerate(self.columns)}
        n_cat = len(self.columns) - len(NUMERIC)
        for i, f in enumerate(features):
            for c in CATEGORICAL:
                v = f[c] if f[c] in self.categories[c] else "other"
                out[i, index[(c, v)]] = 1.0
            nums = np.array([float(f[n]) for n in NUMERIC])
            nums = np.where(np.isnan(nums), self.means, nums)
            out[i, n_cat:] = (nums - self.means) / self.scales
        return out

    def predict(self, snapshots: Sequence[Snapshot], *, top: int = 3) -> list[Prediction]:
        """Win probabilities with each deal's strongest factors (contributions against the average training row)."""
        import numpy as np

        if not snapshots:
            return []
        x = self.matrix([s.features for s in snapshots])
        probs = 1.0 / (1.0 + np.exp(-(x @ self.coef + self.intercept)))  # LogisticRegression.predict_proba
        contrib = (x - self.x_mean) * self.coef
        names = list(dict.fromkeys(name for name, _ in self.columns))
        group = np.zeros((len(self.columns), len(names)))  # column → the feature it encodes
        for j, (name, _) in enumerate(self.columns):
            group[j, names.index(name)] = 1.0
        by_feature = contrib @ group
        order = np.lexsort((np.tile(np.arange(len(names)), (len(snapshots), 1)), -np.abs(by_feature)), axis=1)
        out = []
        for i, s in enumerate(snapshots):
            factors = tuple(
                Factor(names[k], self._words(names[k], s.features[names[k]], e), round(e, 3))
                for k in order[i, :top]
                if abs(e := float(by_feature[i, k])) >= 0.05
            )
            out.append(Prediction(s.deal_id, float(probs[i]), self.method, factors))
        return out

    def _words(self, name: str, value: Any, effect: float) -> str:
        direction = "raises" if effect > 0 else "lowers"
        shown = _fmt(name, value)
        if name in self.team_means and not isinstance(value, str):
            typical = _fmt(name, self.team_means[name])
            return f"{FEATURE_WORDS[name]}: {shown} (past deals' average {typical}) {direction} the odds"
        return f"{FEATURE_WORDS[name]}: {shown} {direction} the odds"


class RulesModel:
    """The fallback: HubSpot's default probability of the deal's stage, said so in its one factor."""

    method = "rules"

    def predict(self, snapshots: Sequence[Snapshot], *, top: int = 3) -> list[Prediction]:
        """Each deal's stage prior."""
        out = []
        for s in snapshots:
            stage = s.features["stage"]
            p = STAGE_PRIORS.get(stage, STAGE_PRIOR_DEFAULT)
            why = Factor(
                "stage",
                f"stage {STAGE_LABELS.get(stage, stage)}: HubSpot's default probability for it is {p:.0%} "
                f"(too few closed deals to learn from yet: {MIN_CLOSED}, at least {MIN_EACH} won and {MIN_EACH} lost)",
                0.0,
            )
            out.append(Prediction(s.deal_id, p, self.method, (why,)))
        return out


def _nanmean(values: np.ndarray, weights: np.ndarray) -> float:
    import numpy as np

    ok = ~np.isnan(values)
    return float(np.average(values[ok], weights=weights[ok])) if ok.any() else 0.0


def enough_history(rows: Sequence[Snapshot]) -> bool:
    """Whether the closed deals behind `rows` pass the threshold for a learned model."""
    won = {r.deal_id for r in rows if r.won}
    lost = {r.deal_id for r in rows if r.won is False}
    return len(won) + len(lost) >= MIN_CLOSED and len(won) >= MIN_EACH and len(lost) >= MIN_EACH


BASELINES: dict[str, str] = {
    "product": "the product's win rate",
    "owner": "the owner's win rate",
    "segment": "the win rate of the sector × product",
}


class BaselineModel:
    """A segment's win rate among the training deals (smoothed toward the overall rate): a transparent baseline."""

    def __init__(self, key: str, rows: Sequence[Snapshot]) -> None:
        self.key = key
        self.method = f"baseline:{key}"
        won: dict[str, float] = {}
        seen: dict[str, float] = {}
        for r in rows:  # weights sum to 1 per deal, so each deal counts once
            k = r.features[key]
            seen[k] = seen.get(k, 0.0) + r.weight
            won[k] = won.get(k, 0.0) + r.weight * bool(r.won)
        total = sum(seen.values())
        self.overall = sum(won.values()) / total if total else 0.5
        self.rates = {k: (won[k] + BASELINE_PRIOR * self.overall) / (seen[k] + BASELINE_PRIOR) for k in seen}
        self.counts = seen

    def predict(self, snapshots: Sequence[Snapshot], *, top: int = 3) -> list[Prediction]:
        """Each deal's segment rate, said in words."""
        out = []
        for s in snapshots:
            k = s.features[self.key]
            p = self.rates.get(k, self.overall)
            n = self.counts.get(k, 0.0)
            shown = {"owner": "this owner", "product": s.features["product"], "segment": k}[self.key]
            text = (
                f"{BASELINES[self.key]} ({shown}): {p:.0%} on {n:.0f} closed deals (all deals {self.overall:.0%}); "
                "the learned model did not beat it on the most recent closed deals"
            )
            out.append(Prediction(s.deal_id, p, self.method, (Factor(self.key, text, 0.0),) if top else ()))
        return out


@dataclass(frozen=True)
class Validation:
    """How the candidates did on the most recent closed deals, held out: the reason the shipped one was chosen."""

    held_out_deals: int
    auc: dict[str, float]
    chosen: str


Model = WinModel | BaselineModel | RulesModel


def auc_score(y: np.ndarray, p: np.ndarray, w: np.ndarray | None = None) -> float:
    """Weighted ROC-AUC (ties count half), 0.5 when only one outcome is present.

    The rank form of the Mann-Whitney statistic: the same number as scikit-learn's `roc_auc_score`, without its
    per-call argument checks (the bootstrap below calls it hundreds of times).
    """
    import numpy as np

    w = np.ones(len(y)) if w is None else np.asarray(w, dtype=float)
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    order = np.argsort(p, kind="mergesort")
    p, y, w = p[order], y[order], w[order]
    _, starts = np.unique(p, return_index=True)
    pos = np.add.reduceat(w * y, starts)
    neg = np.add.reduceat(w * (1 - y), starts)
    if pos.sum() == 0 or neg.sum() == 0:
        return 0.5
    below = np.cumsum(neg) - neg
    return float((pos * (below + 0.5 * neg)).sum() / (pos.sum() * neg.sum()))


def weighted_auc(rows: Sequence[Snapshot], probs: Sequence[float]) -> float:
    """ROC-AUC of `probs` for the rows' outcomes, each deal weighing 1."""
    import numpy as np

    return auc_score(np.array([int(bool(r.won)) for r in rows]), np.asarray(probs), np.array([r.weight for r in rows]))


def split_recent(rows: Sequence[Snapshot], share: float = VALID_SHARE) -> tuple[list[Snapshot], list[Snapshot]]:
    """(older deals, the most recent `share` of deals by their last look): a time split of the training rows."""
    last: dict[int, Any] = {}
    for r in rows:
        last[r.deal_id] = max(last.get(r.deal_id, r.at), r.at)
    ordered = sorted(last, key=lambda d: (last[d], d))
    recent = set(ordered[len(ordered) - max(1, int(len(ordered) * share)) :])
    return [r for r in rows if r.deal_id not in recent], [r for r in rows if r.deal_id in recent]


def fit(rows: Sequence[Snapshot]) -> tuple[Model, Validation | None]:
    """The model to ship: rules below the history threshold, else the learned model or the best baseline.

    The learned model is fitted on the older closed deals and compared with the three baselines on the most recent
    ones (AUC, every look); it ships (refitted on all) only when it beats the best baseline beyond noise (the 5th
    percentile of a bootstrap of the AUC gain is above 0), else that baseline ships. So a team whose history holds
    no more signal than "who is the owner" gets the owner's win rate, said so, rather than a model that only looks
    smarter.
    """
    if not enough_history(rows):
        return RulesModel(), None
    older, recent = split_recent(rows)
    probs = {"model": [p.probability for p in WinModel(older).predict(recent, top=0)]}
    for key in BASELINES:
        probs[key] = [p.probability for p in BaselineModel(key, older).predict(recent, top=0)]
    scores = {k: weighted_auc(recent, v) for k, v in probs.items()}
    best = max(BASELINES, key=lambda k: (scores[k], k))
    low = gain_lower_bound(recent, probs["model"], probs[best])
    chosen: Model = WinModel(rows) if low > 0 else BaselineModel(best, rows)
    held_out = len({r.deal_id for r in recent})
    auc = {k: round(v, 3) for k, v in scores.items()} | {"gain_low": round(low, 3)}
    return chosen, Validation(held_out, auc, chosen.method)


def gain_lower_bound(rows: Sequence[Snapshot], a: Sequence[float], b: Sequence[float]) -> float:
    """The 5th percentile of AUC(a) − AUC(b) over deals resampled with replacement (seeded: deterministic)."""
    import numpy as np

    deals: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        deals.setdefault(r.deal_id, []).append(i)
    groups = [np.array(v) for v in deals.values()]
    y = np.array([int(bool(r.won)) for r in rows])
    w = np.array([r.weight for r in rows])
    pa, pb = np.asarray(a), np.asarray(b)
    rng = np.random.default_rng(GAIN_SEED)
    gains = []
    for _ in range(GAIN_RESAMPLES):
        idx = np.concatenate([groups[j] for j in rng.integers(0, len(groups), len(groups))])
        if 0 < y[idx].sum() < len(idx):
            gains.append(auc_score(y[idx], pa[idx], w[idx]) - auc_score(y[idx], pb[idx], w[idx]))
    return float(np.percentile(gains, 5)) if gains else -1.0
