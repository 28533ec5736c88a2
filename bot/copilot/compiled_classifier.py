"""The capability classifier's fitted scikit-learn parts as plain arithmetic, so a cold `salesos ask` loads no sklearn.

The classifier is trained with scikit-learn (TF-IDF word and character n-grams, logistic regressions) and cached on
disk; unpickling scikit-learn objects imports scikit-learn and scipy.stats, 1.5 s of a cold process that then spends
a millisecond classifying. What classifying needs is read out here: each TF-IDF's analyzer settings, vocabulary and
idf weights, and each regression's coefficients. A test checks the probabilities against scikit-learn's own on every
labelled question.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

_WHITE_SPACES = re.compile(r"\s\s+")


@dataclass(frozen=True)
class Tfidf:
    """A fitted `TfidfVectorizer` (analyzer `word` or `char_wb`, lowercase, no stop words, l2 norm)."""

    analyzer: str
    ngram_range: tuple[int, int]
    token_pattern: str
    lowercase: bool
    sublinear_tf: bool
    vocabulary: dict[str, int]
    idf: np.ndarray | None

    @classmethod
    def from_vectorizer(cls, vectorizer: Any) -> Tfidf:
        """Read a fitted `TfidfVectorizer`; TypeError for settings this arithmetic does not reproduce."""
        if (
            vectorizer.analyzer not in ("word", "char_wb")
            or vectorizer.stop_words is not None
            or vectorizer.strip_accents is not None
            or vectorizer.preprocessor is not None
            or vectorizer.tokenizer is not None
            or vectorizer.norm != "l2"
            or vectorizer.binary
        ):
            raise TypeError(f"unsupported TfidfVectorizer settings: {vectorizer!r}")
        return cls(
            analyzer=vectorizer.analyzer,
            ngram_range=tuple(vectorizer.ngram_range),
            token_pattern=vectorizer.token_pattern,
            lowercase=vectorizer.lowercase,
            sublinear_tf=vectorizer.sublinear_tf,
            vocabulary={str(k): int(v) for k, v in vectorizer.vocabulary_.items()},
            idf=np.asarray(vectorizer.idf_, dtype=float) if vectorizer.use_idf else None,
        )

    def _terms(self, text: str) -> list[str]:
        if self.lowercase:
            text = text.lower()
        low, high = self.ngram_range
        if self.analyzer == "word":
            tokens = re.findall(self.token_pattern, text)
            terms = list(tokens) if low == 1 else []
            for n in range(max(low, 2), min(high, len(tokens)) + 1):
                terms.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
            return terms
        terms = []
        for word in _WHITE_SPACES.sub(" ", text).split():  # char_wb: n-grams inside space-padded words
            padded = f" {word} "
            for n in range(low, high + 1):
                offset = 0
                terms.append(padded[offset : offset + n])
                while offset + n < len(padded):
                    offset += 1
                    terms.append(padded[offset : offset + n])
                if offset == 0:  # a word shorter than n counts once
                    break
        return terms

    def transform(self, text: str) -> np.ndarray:
        """The dense, l2-normalised TF-IDF row of one text."""
        row = np.zeros(len(self.vocabulary))
        for term in self._terms(text):
            j = self.vocabulary.get(term)
            if j is not None:
                row[j] += 1.0
        if self.sublinear_tf:
            nonzero = row > 0
            row[nonzero] = np.log(row[nonzero]) + 1.0
        if self.idf is not None:
            row *= self.idf
        norm = math.sqrt(float(row @ row))
        return row / norm if norm > 0 else row


@dataclass(frozen=True)
class Logistic:
    """A fitted `LogisticRegression`'s `predict_proba`: softmax over classes, or the sigmoid for two."""

    coef: np.ndarray
    intercept: np.ndarray

    @classmethod
    def from_model(cls, model: Any) -> Logistic:
        """Read a fitted `LogisticRegression`."""
        return cls(coef=np.asarray(model.coef_, dtype=float), intercept=np.asarray(model.intercept_, dtype=float))

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities of each row of `x`."""
        decision = np.atleast_2d(x) @ self.coef.T + self.intercept
        if self.coef.shape[0] == 1:  # binary: scikit-learn's `_predict_proba_lr`
            positive = 1.0 / (1.0 + np.exp(-decision[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        decision -= decision.max(axis=1, keepdims=True)
        exp = np.exp(decision)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))


@dataclass(frozen=True)
class LexicalModel:
    """`make_pipeline(FeatureUnion([word TF-IDF, char TF-IDF]), LogisticRegression)` as arithmetic."""

    features: tuple[Tfidf, ...]
    model: Logistic

    @classmethod
    def from_pipeline(cls, pipeline: Any) -> LexicalModel:
        """Read the fitted pipeline the classifier trains."""
        union, logistic = pipeline.steps[0][1], pipeline.steps[1][1]
        return cls(
            features=tuple(Tfidf.from_vectorizer(t) for _name, t in union.transformer_list),
            model=Logistic.from_model(logistic),
        )

    def predict_proba(self, text: str) -> np.ndarray:
        """Class probabilities of one text."""
        return self.model.predict_proba(np.concatenate([f.transform(text) for f in self.features]))[0]
