"""Leave-one-set-out never trains on the set it scores, and leaves the process's classifier and its cache alone."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.copilot import classifier as clf
from eval.copilot import loso
from eval.copilot.sets import BLIND_SETS, LOSO_SETS, TRAIN_ONLY


@pytest.mark.parametrize("name", LOSO_SETS)
def test_a_fold_trains_on_no_question_of_its_left_out_set(name: str):
    scored = {clf._text(q) for q, _tool, _expected in BLIND_SETS[name]}
    pairs = clf.training_set(leave_out=name, blind=True)
    assert pairs, "the fold still has the capability examples and the other sets"
    assert not scored & {clf._text(q) for q, _label in pairs}


def test_the_scored_sets_are_the_blind_sets_large_enough_to_score():
    assert set(LOSO_SETS) | TRAIN_ONLY == set(BLIND_SETS)
    assert not set(LOSO_SETS) & TRAIN_ONLY
    assert {"unseen", "unseen4", "heldout5", "heldout10", "probe12", "probe21"} <= set(LOSO_SETS)


@pytest.mark.parametrize(
    ("tool", "expected", "label"),
    [
        ("search_deals", {"period": "this_month"}, "search_deals"),
        (None, {"intent": "out_of_scope"}, clf.NONE),
        (None, {"intent": "write"}, clf.NONE),
        (None, {"intent": "unknown"}, clf.NONE),
        (None, {"intent": "help"}, clf.HELP),
        (None, {"intent": "clarify"}, None),
        (None, {"intent": "unsupported_filter"}, None),
        (None, {"intent": "closing"}, None),
    ],
)
def test_a_case_is_labelled_by_its_capability_none_help_or_not_at_all(tool: str | None, expected: dict, label: Any):
    assert clf.label_of(tool, expected) == label


def test_each_set_is_scored_by_its_own_fold_and_the_process_classifier_is_untouched(monkeypatch: pytest.MonkeyPatch):
    def no_cache(*_args: Any) -> None:
        raise AssertionError("a fold read or wrote the shipped classifier's cache")

    monkeypatch.setattr(clf, "_cache_path", no_cache)
    trained: dict[str, object] = {}
    consulted: list[tuple[object, int]] = []

    class Fake:
        def guess(self, question: str) -> clf.Guess:
            return clf.Guess(ranked=(("search_deals", 0.9), (clf.NONE, 0.1)), used_embedding=False)

    def train(name: str, embed: Any) -> object:
        trained[name] = Fake()
        return trained[name]

    def score(engine: Any, now: datetime, cases: list, **_kw: Any) -> tuple[dict, list]:
        consulted.append((clf.classifier(), len(cases)))
        return {"search_deals": [len(cases), len(cases), len(cases) - 1, 1, 0]}, ["  ✗ CONFIDENT WRONG 'q'", "  – safe"]

    monkeypatch.setattr("eval.copilot.score", score)
    folds = loso.run_folds(
        None, datetime(2026, 12, 7, tzinfo=UTC), ["heldout5", "probe12"], train=train, train_kinds=lambda _n: None
    )  # type: ignore[arg-type]
    assert consulted == [(trained["heldout5"], len(BLIND_SETS["heldout5"])), (trained["probe12"], 212)]
    assert [f.name for f in folds] == ["heldout5", "probe12"]
    assert folds[0].misses == ("  ✗ CONFIDENT WRONG 'q'",)  # only the confident-wrong misses are kept
    pooled = loso.Fold.pooled(folds)
    assert (pooled.questions, pooled.confident_wrong) == (len(BLIND_SETS["heldout5"]) + 212, 2)
    assert clf._SERVING == []
    labelled = [c for c in BLIND_SETS["heldout5"] if clf.label_of(c[1], c[2]) is not None]
    assert len(folds[0].guesses) == len(labelled)  # clarify / unsupported_filter cases have no label
    assert folds[0].alone_right == sum(c[1] == "search_deals" for c in labelled)


def test_loso_is_documented_in_the_help(capsys: pytest.CaptureFixture[str]):
    from eval.copilot import main

    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--loso" in capsys.readouterr().out


def test_remembered_embedding_embeds_each_text_once():
    import numpy as np

    seen: list[list[str]] = []

    def embed(texts: list[str]) -> Any:
        seen.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts])

    remembered = clf.RememberedEmbedding(embed)
    first = remembered(["a", "bb", "a"])
    second = remembered(["bb", "ccc"])
    assert seen == [["a", "bb"], ["ccc"]]
    assert first.tolist() == [[1, 1], [2, 1], [1, 1]] and second.tolist() == [[2, 1], [3, 1]]


def test_with_the_blind_sets_each_labelled_question_is_trained_on_once_and_no_asked_back_one(
    monkeypatch: pytest.MonkeyPatch,
):
    with_blind = clf.training_set(blind=True)
    base = clf.training_set(blind=False)
    blind = [(q, clf.label_of(t, e)) for cases in BLIND_SETS.values() for q, t, e in cases]
    assert with_blind == base + [(q, label) for q, label in blind if label is not None]
    assert sum(label is None for _q, label in blind) > 150  # the clarify / unsupported_filter cases are skipped
    monkeypatch.setattr(clf, "TRAIN_ON_BLIND_SETS", True)
    assert clf.training_set() == with_blind  # the shipped classifier follows the switch
    monkeypatch.setattr(clf, "TRAIN_ON_BLIND_SETS", False)
    assert clf.training_set() == base


def test_a_fold_with_the_blind_sets_still_trains_on_the_other_ones():
    fold = {clf._text(q) for q, _label in clf.training_set(leave_out="heldout5", blind=True)}
    left_out = {clf._text(q) for q, _t, _e in BLIND_SETS["heldout5"]}
    for name, cases in BLIND_SETS.items():
        labelled = {clf._text(q) for q, tool, expected in cases if clf.label_of(tool, expected) is not None}
        assert labelled - left_out <= fold, name


def test_a_threshold_setting_applies_inside_its_block_only():
    from bot.copilot import decide

    shipped = loso.Thresholds.shipped()
    with loso.Thresholds(0.9, 0.1, 0.3, 0.4).applied():
        assert (decide.SURE, decide.SURE_MARGIN, decide.OVERRULE, decide.DOUBT) == (0.9, 0.1, 0.3, 0.4)
    assert loso.Thresholds.shipped() == shipped
    assert shipped in loso.grid()  # the curve always has the shipped point to compare with
