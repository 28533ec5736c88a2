"""Fitted scikit-learn linear models kept as their arithmetic in numpy arrays, to load and score without scikit-learn.

Importing scikit-learn costs a cold process 1.5 s (it pulls in scipy.stats); a cached model that only needs a few
dot products should not. scikit-learn fits the model; `CalibratedScorer.from_calibrated` reads out what predicting
needs (imputation medians, standardisation, coefficients, each fold's Platt calibrator), and `DictFeatures` replaces a
fitted `DictVectorizer`. Tests check each against scikit-learn's own predictions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class LinearScorer:
    """A fitted [impute →] [standardise →] logistic-regression pipeline (binary), as numpy arithmetic."""

    medians: np.ndarray
    means: np.ndarray
    scales: np.ndarray
    coef: np.ndarray
    intercept: float

    @classmethod
    def from_pipeline(cls, pipeline: Any) -> LinearScorer:
        """Read a fitted pipeline: an optional `SimpleImputer`, an optional `StandardScaler`, a `LogisticRegression`.

        An imputer drops a column that was empty in its training rows (possible within a cross-validation fold):
        such a column gets a zero coefficient here, which is what dropping it means.

        Raises:
            TypeError: Another kind of step, or a multi-class model.
        """
        from sklearn.impute import SimpleImputer
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        steps = [pipeline[i] for i in range(len(pipeline))] if hasattr(pipeline, "steps") else [pipeline]
        *transforms, logreg = steps
        if not isinstance(logreg, LogisticRegression) or logreg.coef_.shape[0] != 1:
            raise TypeError(f"not a binary logistic regression: {logreg!r}")
        width = int(logreg.n_features_in_)
        kept = np.ones(width, dtype=bool)
        medians, means, scales = np.zeros(width), np.zeros(width), np.ones(width)
        scaler = None
        for step in transforms:
            if isinstance(step, SimpleImputer) and scaler is None and kept.all():
                width = len(step.statistics_)
                kept = ~np.isnan(step.statistics_)
                medians, means, scales = np.zeros(width), np.zeros(width), np.ones(width)
                medians[kept] = step.statistics_[kept]
            elif isinstance(step, StandardScaler) and scaler is None:
                scaler = step
            else:
                raise TypeError(f"unsupported pipeline step: {step!r}")
        if scaler is not None:
            means[kept] = scaler.mean_ if scaler.with_mean else 0.0
            scales[kept] = scaler.scale_ if scaler.with_std else 1.0
        coef = np.zeros(len(kept))
        coef[kept] = logreg.coef_[0]
        return cls(medians=medians, means=means, scales=scales, coef=coef, intercept=float(logreg.intercept_[0]))

    def standardised(self, x: np.ndarray) -> np.ndarray:
        """Rows imputed with the training medians and standardised."""
        return (np.where(np.isnan(x), self.medians, x) - self.means) / self.scales

    def decision(self, x: np.ndarray) -> np.ndarray:
        """The log-odds of each row (`decision_function`)."""
        return np.asarray(self.standardised(x) @ self.coef + self.intercept)


@dataclass(frozen=True)
class CalibratedScorer:
    """Platt-calibrated folds: the mean over folds of sigmoid(−(a · log-odds + b)) (`CalibratedClassifierCV`)."""

    folds: tuple[tuple[LinearScorer, float, float], ...]

    @classmethod
    def from_calibrated(cls, calibrated: Any) -> CalibratedScorer:
        """Read a fitted binary `CalibratedClassifierCV(method="sigmoid")` over linear pipelines.

        Raises:
            TypeError: Its folds are not linear pipelines, or it was not calibrated with sigmoids.
        """
        folds = []
        for fold in calibrated.calibrated_classifiers_:
            (sigmoid,) = fold.calibrators
            if not hasattr(sigmoid, "a_"):
                raise TypeError(f"not a sigmoid calibrator: {sigmoid!r}")
            folds.append((LinearScorer.from_pipeline(fold.estimator), float(sigmoid.a_), float(sigmoid.b_)))
        return cls(folds=tuple(folds))

    def win_probability(self, x: np.ndarray) -> np.ndarray:
        """Calibrated probability of the positive class for each row."""
        total = np.zeros(len(x))
        for scorer, a, b in self.folds:
            total += 1.0 / (1.0 + np.exp(a * scorer.decision(x) + b))
        return total / len(self.folds)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Both classes' probabilities, as scikit-learn's `predict_proba` returns them."""
        positive = self.win_probability(np.asarray(x, dtype=float))
        return np.column_stack([1.0 - positive, positive])


@dataclass(frozen=True)
class DictFeatures:
    """A fitted `DictVectorizer(sparse=False)` as its vocabulary: dicts of features → a dense matrix."""

    vocabulary: Mapping[str, int]
    separator: str = "="

    @classmethod
    def from_vectorizer(cls, vectorizer: Any) -> DictFeatures:
        """Read the vocabulary of a fitted `DictVectorizer`."""
        return cls(vocabulary=dict(vectorizer.vocabulary_), separator=vectorizer.separator)

    def transform(self, rows: Sequence[Mapping[str, Any]]) -> np.ndarray:
        """Numbers go to their feature's column, strings to `name=value`'s (1.0); unknown features are dropped."""
        out = np.zeros((len(rows), len(self.vocabulary)))
        for i, row in enumerate(rows):
            for name, value in row.items():
                if isinstance(value, str):
                    j = self.vocabulary.get(f"{name}{self.separator}{value}")
                    value = 1.0
                else:
                    j = self.vocabulary.get(name)
                if j is not None:
                    out[i, j] += float(value)
        return out
