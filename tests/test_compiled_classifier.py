"""The capability classifier's arithmetic gives scikit-learn's own probabilities, and a cached one loads no sklearn."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np

from bot.copilot.classifier import _text, training_set
from bot.copilot.compiled_classifier import LexicalModel, Logistic
from settings import PROJECT_ROOT

ODD = ["", "   ", "a", "Qué pasa  con\tAcme?", "x y", "deals!!! closing ... this-month", "ok " * 40, "über café №5"]


def test_lexical_model_matches_scikit_learn_on_every_labelled_question():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline

    pairs = training_set()
    texts, labels = [_text(q) for q, _ in pairs], [label for _, label in pairs]
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True, min_df=2)),
        ]
    )
    pipeline = make_pipeline(features, LogisticRegression(C=10.0, max_iter=2000)).fit(texts, labels)
    ours = LexicalModel.from_pipeline(pipeline)
    probe = texts + [_text(t) for t in ODD]
    expected = pipeline.predict_proba(probe)
    got = np.array([ours.predict_proba(t) for t in probe])
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)
    assert (got.argmax(axis=1) == expected.argmax(axis=1)).all()


def test_logistic_matches_scikit_learn_for_two_and_many_classes():
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(3)
    x = rng.normal(size=(90, 5))
    for y in (np.arange(90) % 2, np.arange(90) % 4):
        model = LogisticRegression(C=2.0, max_iter=500).fit(x, y)
        np.testing.assert_allclose(Logistic.from_model(model).predict_proba(x), model.predict_proba(x), atol=1e-12)


_GUESS = """
import json, sys
from bot.copilot.classifier import classifier
guess = classifier().guess(sys.argv[1], lexical_only=True)
print(json.dumps({"top": guess.top, "sklearn": "sklearn" in sys.modules}))
"""


def test_a_cached_classifier_answers_without_importing_scikit_learn():
    def run() -> dict:
        out = subprocess.run(
            [sys.executable, "-c", _GUESS, "which deals are silent 5+ days?"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])

    run()  # trains and caches the classifier when this checkout has no cache yet
    assert run() == {"top": "list_silent_deals", "sklearn": False}
