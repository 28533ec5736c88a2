"""Which kinds of argument a question's call specifies: a multi-label model, so a filter said and dropped is said.

Issue 14 ("never a confident wrong answer"): on unseen authors' questions the largest class of confident wrong answers
is the right capability with a filter the question said and the parse silently dropped ("out for signature",
"between 20 and 50 grand", "show me 8", "last 14d", "by region", "calls only"). The rules that read filters are
fitted to the questions already seen; a new author's words for a filter slip past them. This module learns, from the
labelled questions of `eval/copilot` (their expected calls), which *kinds* of argument a question gives (owners, a
period, an amount, stages, a limit, a number of days, a breakdown, conversation kinds, a segment, a company, an
objection category), whatever the words. At decision time (`unsaid`), a kind the model is confident the question
gives, that the chosen capability takes, that the parsed arguments leave empty and that no rule already said, is
added to the decision's `unapplied`: the answer then says what it could not apply instead of presenting a broader
answer as the one asked for.

The model is one logistic regression per kind over the capability classifier's lexical features (word 1-2-grams and
character 3-4-grams, TF-IDF), kept as plain arithmetic (`compiled_classifier`): well under a millisecond a question,
no scikit-learn at serving time, cached on disk like the classifier. The sentence embedding is not used (it is only
sometimes computed for a question, and the lexical features already carry the filter words).

`THRESHOLD` was chosen on pooled leave-one-set-out folds (`python -m eval copilot --loso`, `eval/copilot/loso.py`),
never on single questions, for a low rate of notes about a kind the question does not give (docs/evaluation.md,
"Dropped filters said: the argument-kind model").
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.copilot.compiled_classifier import Tfidf

log = logging.getLogger(__name__)

ENABLED = False
"""Whether understanding adds the model's notes (`unsaid`). Off: measured, it does not beat its cost yet.

Pooled over the leave-one-set-out folds (3,518 questions) it saves no confident wrong answer (the rules were fitted
to those sets) and at `THRESHOLD` puts a note about a kind the question does not give on 11 answers (0.35 %); on the
first-run replays of sets 10 and L-O (960 questions, 54 confident wrong, 10 of them a filter left out) it saves 3 for
5 false notes (docs/evaluation.md, "Dropped filters said: the argument-kind model"). The leave-one-set-out harness
scores every threshold either way (`eval/copilot/loso.py`, `print_notes`)."""
THRESHOLD = 0.7
"""Probability from which a kind counts as asked for: chosen on the pooled leave-one-set-out folds (false notes on
0.35 % of answers, ≤ 1 %); 0.6 doubles the false notes for no more saved on the replays, 0.8 saves one fewer."""
TRAIN_ON_BLIND_SETS = True
"""Whether the model trains on the blind-written sets too (they are most of the labelled questions with filters)."""
CACHE_VERSION = 1

KIND_OF_KEY = {
    "owners": "owners",
    "owner": "owners",
    "period": "period",
    "closing_from": "period",
    "closing_to": "period",
    "closed_from": "period",
    "closed_to": "period",
    "since": "period",
    "min_amount": "amount",
    "max_amount": "amount",
    "stages": "stages",
    "limit": "limit",
    "days": "days",
    "min_days_in_stage": "days",
    "by": "by",
    "kinds": "kinds",
    "segment": "segment",
    "company": "company",
    "category": "category",
}
"""The kind of each argument key the model learns (keys that are no filter — a metric, a fact, a free-text query, a
lead's description — are not learnt: a wrong one is not a filter left out)."""
KINDS: tuple[str, ...] = tuple(dict.fromkeys(KIND_OF_KEY.values()))

SAID_AS = {
    "owners": "the owner or team your question seems to name",
    "period": "the period your question seems to give",
    "amount": "the amount your question seems to give",
    "stages": "the stage your question seems to give",
    "limit": "how many your question seems to ask for",
    "days": "the number of days your question seems to give",
    "by": "the breakdown your question seems to ask for",
    "kinds": "the kind of conversation your question seems to ask for",
    "segment": "the segment your question seems to give",
    "company": "the company your question seems to name",
    "category": "the objection category your question seems to give",
}
"""How the answer says each kind it could not apply (after "I couldn't apply ...": `bot/copilot/answer.py`). The
model knows a kind is given, not the words that give it, hence "seems"."""
UNAPPLIED_KIND = {"owners": "owner", "stages": "stage", "by": "breakdown"}
"""The `Unapplied.kind` of a kind where the rules' notes already have a name for it (else the kind itself)."""
SAID_BY_RULES = {
    "owners": {"owner"},
    "period": {"period", "date"},
    "amount": {"amount"},
    "stages": {"stage"},
    "days": {"days", "period"},
    "by": {"breakdown"},
    "segment": {"segment"},
    "company": {"company"},
}
"""The kinds of the rules' own notes (`unapplied_filters`, `unreflected_slots`) that already say a kind."""
EMPTY: tuple[Any, ...] = (None, "", [], {}, ())


def _text(question: str) -> str:
    from bot.copilot.classifier import _text as classifier_text

    return classifier_text(question)


def _defaults(tool: str) -> dict[str, Any]:
    from tools.capabilities import get_capability

    cap = get_capability(tool)
    if cap is None:
        return {}
    fields = cap.args_schema.model_fields
    return {k: f.get_default(call_default_factory=True) for k, f in fields.items() if not f.is_required()}


def kinds_of(tool: str | None, expected: dict[str, Any]) -> frozenset[str]:
    """The kinds of argument a labelled call specifies: keys with a value other than empty or the schema's default.

    "silent for 5 days" gives no number of days the default does not already give; "forecast this quarter" no period.
    """
    if tool is None:
        return frozenset()
    defaults = _defaults(tool)
    return frozenset(
        KIND_OF_KEY[k]
        for k, v in expected.items()
        if k in KIND_OF_KEY and v not in EMPTY and not (k in defaults and v == defaults[k])
    )


def training_cases(
    leave_out: str | None = None, *, blind: bool | None = None
) -> list[tuple[str, str | None, frozenset[str]]]:
    """(question, capability, kinds) of the labelled questions of `eval/copilot` (`kinds_of`).

    A question that must be answered by no capability teaches "no kind" only when no filter is its point (out of
    scope, a write, help); "clarify" and "unsupported_filter" cases are skipped (the filter they give is real but
    belongs to no argument). `leave_out` names a blind set (`eval.copilot.sets.BLIND_SETS`): no question of it is
    trained on, wherever another set repeats it. `blind`: train on the blind sets (default `TRAIN_ON_BLIND_SETS`).
    """
    from settings import PROJECT_ROOT

    if (PROJECT_ROOT / "eval" / "copilot").is_dir() and str(PROJECT_ROOT) not in sys.path:
        sys.path.append(str(PROJECT_ROOT))
    try:
        from eval.copilot.heldout11 import CASES as HELDOUT_11
        from eval.copilot.heldout12 import CASES as HELDOUT_12
        from eval.copilot.phrasings import PHRASINGS
        from eval.copilot.questions import CASES, FRESH, HELDOUT
        from eval.copilot.sets import BLIND_SETS
    except ImportError:
        log.warning("eval/copilot not found: the argument-kind model has nothing to learn from")
        return []
    with_blind = TRAIN_ON_BLIND_SETS if blind is None else blind
    blind_cases = [case for name, cases in BLIND_SETS.items() if name != leave_out for case in cases]
    blind_cases += [*HELDOUT_11, *HELDOUT_12]
    cases = [*CASES, *HELDOUT, *FRESH, *PHRASINGS, *(blind_cases if with_blind else [])]
    scored = {_text(q) for q, _t, _e in BLIND_SETS[leave_out]} if leave_out else set()
    out = []
    for question, tool, expected in cases:
        if _text(question) in scored:
            continue
        if tool is None and expected.get("intent") in ("clarify", "unsupported_filter"):
            continue
        out.append((question, tool, kinds_of(tool, expected)))
    return out


NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
"""A number, read as its shape: "show me 8" and "show me 12" are the same words to the model."""
WORDS = r"(?u)\b\w+\b"
"""Word tokens of one character too ("0" after `NUMBER`, "k", "m")."""


def _features_text(question: str, tool: str | None, with_tool: bool) -> str:
    """The text the model reads: the question, numbers as their shape, and the capability as one token."""
    text = NUMBER.sub(" 0 ", _text(question))
    return f"{text} zztool{(tool or 'none').replace('_', '')}" if with_tool else text


@dataclass(frozen=True)
class ArgKindModel:
    """One logistic regression per kind over word and character TF-IDF, as arithmetic (no scikit-learn to serve)."""

    features: tuple[Tfidf, ...]
    kinds: tuple[str, ...]
    coef: np.ndarray
    """One row per kind."""
    intercept: np.ndarray
    with_tool: bool = True
    """Whether the capability is a feature (the expected one in training, the chosen one in serving)."""

    @classmethod
    def train(
        cls,
        cases: list[tuple[str, str | None, frozenset[str]]],
        *,
        with_tool: bool = True,
        balanced: bool = False,
        c: float = 10.0,
    ) -> ArgKindModel:
        """Fit on (question, capability, kinds) cases (`training_cases`).

        `balanced` weighs each kind's few positive questions up (more notes, more false ones); `c` is the inverse of
        the regularisation.
        """
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion

        texts = [_features_text(q, tool, with_tool) for q, tool, _k in cases]
        vectorizers = [
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, token_pattern=WORDS),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True, min_df=2),
        ]
        x = FeatureUnion([("words", vectorizers[0]), ("chars", vectorizers[1])]).fit_transform(texts)
        kinds, coef, intercept = [], [], []
        for kind in KINDS:
            y = np.array([kind in given for _q, _t, given in cases], dtype=int)
            if y.min() == y.max():
                continue
            weight = "balanced" if balanced else None
            fitted = LogisticRegression(C=c, solver="liblinear", class_weight=weight, max_iter=2000).fit(x, y)
            kinds.append(kind)
            coef.append(fitted.coef_[0])
            intercept.append(fitted.intercept_[0])
        return cls(
            features=tuple(Tfidf.from_vectorizer(v) for v in vectorizers),
            kinds=tuple(kinds),
            coef=np.asarray(coef, dtype=float),
            intercept=np.asarray(intercept, dtype=float),
            with_tool=with_tool,
        )

    def probabilities(self, question: str, tool: str | None = None) -> dict[str, float]:
        """The probability that `question`'s call (of `tool`, when known) specifies each kind."""
        text = _features_text(question, tool, self.with_tool)
        x = np.concatenate([f.transform(text) for f in self.features])
        p = 1.0 / (1.0 + np.exp(-(self.coef @ x + self.intercept)))
        return dict(zip(self.kinds, (float(v) for v in p), strict=True))


_SERVING: list[ArgKindModel | None] = []


def model() -> ArgKindModel | None:
    """The process's model (trained once, cached in var/cache), or the one put in place by `serving`."""
    if _SERVING:
        return _SERVING[-1]
    return _model()


@contextmanager
def serving(fitted: ArgKindModel | None) -> Iterator[ArgKindModel | None]:
    """Inside the block, understanding consults `fitted` (leave-one-set-out: a model trained without the set).

    None: no model, so no notes (a test of the harness that needs none trained).
    """
    _SERVING.append(fitted)
    try:
        yield fitted
    finally:
        _SERVING.remove(fitted)


def _model() -> ArgKindModel | None:
    """Trained on `training_cases()`, kept by `tools.model_cache` (memory, then var/cache, keyed by the data)."""
    from importlib.metadata import version  # the installed version, without importing scikit-learn

    from settings import PROJECT_ROOT
    from tools.model_cache import cached, signature

    cases = training_cases()
    if not cases:
        return None
    data = [[q, t, sorted(k)] for q, t, k in cases]
    key = signature(data, version("scikit-learn"), CACHE_VERSION)
    return cached("arg-kinds", key, lambda: ArgKindModel.train(cases), directory=PROJECT_ROOT / "var" / "cache")


@dataclass(frozen=True)
class Candidate:
    """A kind the chosen capability takes, the arguments leave empty and no rule said, with the model's probability."""

    kind: str
    probability: float


RECORDED: list[list[Candidate]] = []
"""While `recording`, each decision's candidates (whatever the threshold): leave-one-set-out's offline sweep."""
_RECORDING: list[bool] = []


@contextmanager
def recording() -> Iterator[list[list[Candidate]]]:
    """Inside the block, every `unsaid` call appends its candidates to `RECORDED` (cleared on entry)."""
    RECORDED.clear()
    _RECORDING.append(True)
    try:
        yield RECORDED
    finally:
        _RECORDING.pop()


def _filled(args: dict[str, Any], keys: Iterable[str], defaults: dict[str, Any]) -> bool:
    return any(args.get(k) not in EMPTY and not (k in defaults and args.get(k) == defaults[k]) for k in keys)


def candidates(tool: str, args: dict[str, Any], said: Sequence[str], question: str) -> list[Candidate]:
    """Kinds `tool` takes that `args` leave empty (or at their default) and no note in `said` gives, with p."""
    from bot.copilot.understanding import slot_kinds

    fitted = model()
    defaults = _defaults(tool)
    if fitted is None or not defaults:
        return []
    ruled = slot_kinds(list(said))
    out = []
    probabilities = None
    for kind in fitted.kinds:
        fields = [k for k, v in KIND_OF_KEY.items() if v == kind and k in defaults]
        if not fields or _filled(args, [k for k, v in KIND_OF_KEY.items() if v == kind], defaults):
            continue
        if ruled & (SAID_BY_RULES.get(kind, set()) | {UNAPPLIED_KIND.get(kind, kind)}):
            continue
        probabilities = probabilities or fitted.probabilities(question, tool)
        out.append(Candidate(kind, probabilities[kind]))
    return out


def unsaid(tool: str | None, args: dict[str, Any], said: list[str], question: str) -> list[str]:
    """The notes to add to a decision's `unapplied`: each confident candidate (`candidates`, p ≥ `THRESHOLD`).

    Nothing when `ENABLED` is off (the candidates are still recorded for the sweep while `recording`).
    """
    from bot.copilot.understanding import Unapplied

    if tool is None or not (ENABLED or _RECORDING):
        return []  # switched off: the model is neither loaded nor trained
    found = candidates(tool, args, said, question)
    if _RECORDING:
        RECORDED.append(found)
    if not ENABLED:
        return []
    return [Unapplied(SAID_AS[c.kind], UNAPPLIED_KIND.get(c.kind, c.kind)) for c in found if c.probability >= THRESHOLD]
