"""Outcome prediction: determinism, calibration sanity on data with a known win rate, factors, rules fallback."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from tools.calls.predict import FEATURES, OutcomeModel, enough_history, rules_prediction


def _row(rng: random.Random, questions: float, dated: float) -> dict[str, float]:
    row = {name: rng.gauss(0, 1) for name in FEATURES}  # noise features
    row.update(rep_questions=questions, dated_next_step=dated, patience_s=math.nan if rng.random() < 0.2 else 1.0)
    return row


def _synthetic(n: int, seed: int) -> tuple[list[dict[str, float]], list[int]]:
    """Win probability rises with questions and a dated next step: logit = 0.35·(q − 8) + 1.2·dated − 0.6."""
    rng = random.Random(seed)
    rows, labels = [], []
    for _ in range(n):
        q, dated = float(rng.randint(2, 16)), float(rng.random() < 0.5)
        p = 1 / (1 + math.exp(-(0.35 * (q - 8) + 1.2 * dated - 0.6)))
        rows.append(_row(rng, q, dated))
        labels.append(int(rng.random() < p))
    return rows, labels


def test_training_is_deterministic() -> None:
    rows, labels = _synthetic(300, seed=1)
    probe = _synthetic(20, seed=2)[0]
    first = OutcomeModel.train(rows, labels)
    second = OutcomeModel.train(rows, labels)
    assert first.win_probabilities(probe) == second.win_probabilities(probe)
    assert first.predict(probe[0]) == second.predict(probe[0])


def test_calibration_sanity_and_ranking() -> None:
    rows, labels = _synthetic(600, seed=3)
    model = OutcomeModel.train(rows, labels)
    test_rows, test_labels = _synthetic(400, seed=4)
    probs = np.array(model.win_probabilities(test_rows))
    y = np.array(test_labels)
    # calibrated: mean predicted probability close to the observed win rate, and better than the constant guess
    assert abs(probs.mean() - y.mean()) < 0.06
    brier = float(np.mean((probs - y) ** 2))
    assert brier < float(np.mean((y.mean() - y) ** 2)) - 0.03
    # within bins the observed rate tracks the predicted one
    low, high = probs < 0.3, probs > 0.7
    assert y[low].mean() < 0.35 and y[high].mean() > 0.65
    # monotone in the driver
    base = dict.fromkeys(FEATURES, 0.0)
    few = model.predict(base | {"rep_questions": 3.0, "dated_next_step": 0.0}).win_probability
    many = model.predict(base | {"rep_questions": 13.0, "dated_next_step": 1.0}).win_probability
    assert few < 0.3 < 0.7 < many


def test_top_factors_name_the_drivers() -> None:
    rows, labels = _synthetic(600, seed=5)
    model = OutcomeModel.train(rows, labels)
    prediction = model.predict(dict.fromkeys(FEATURES, 0.0) | {"rep_questions": 2.0, "dated_next_step": 0.0})
    assert prediction.method == "model" and prediction.training_calls == 600
    top = prediction.factors[0]
    assert top.feature == "rep_questions" and top.effect < 0
    assert "questions asked: 2 (team avg" in top.text


def test_thin_history_uses_rules() -> None:
    rows, labels = _synthetic(30, seed=6)
    assert not enough_history(labels)
    assert not enough_history([1] * 100)  # one outcome only
    features = dict.fromkeys(FEATURES, 0.0) | {
        "rep_questions": 12.0,
        "dated_next_step": 1.0,
        "talk_ratio_rep": 0.42,
        "discovery_held": 1.0,
    }
    good = rules_prediction(features, training_calls=30)
    bad = rules_prediction(features | {"rep_questions": 3.0, "dated_next_step": 0.0, "talk_ratio_rep": 0.8})
    assert good.method == "rules" and "fewer than 40" in good.note
    # 0.8 + 0.4 + 0.3 = 1.5 → σ(1.5) = 0.818; −0.8 − 0.4 − 0.5 = −1.7 → σ(−1.7) = 0.154
    assert good.win_probability == pytest.approx(0.818, abs=1e-3)
    assert bad.win_probability == pytest.approx(0.154, abs=1e-3)
    assert bad.factors[0].text == "no dated next step"


def test_a_measured_pause_is_not_compared_with_a_team_that_only_had_estimated_ones() -> None:
    rows, labels = _synthetic(300, seed=3)
    for row in rows:
        row["patience_s"] = math.nan  # every past call had start-only stamps: no measured pause to learn from
    model = OutcomeModel.train(rows, labels)
    assert "patience_s" in model.unknown_in_training
    call = dict(_synthetic(1, seed=4)[0][0], patience_s=0.88)
    same_without = dict(call, patience_s=math.nan)
    assert model.predict(call).win_probability == model.predict(same_without).win_probability
    assert all(f.feature != "patience_s" for f in model.predict(call, top=len(FEATURES)).factors)


def test_an_estimated_pause_is_left_out_of_the_features() -> None:
    from pathlib import Path

    from tools.calls.metrics import compute_metrics
    from tools.calls.parsers import parse_transcript
    from tools.calls.predict import call_features
    from tools.calls.roles import Person, resolve_roles

    data = Path(__file__).parent / "data" / "calls"
    for name, measured in (("discovery_acme.vtt", True), ("discovery_acme.txt", False)):
        transcript = parse_transcript((data / name).read_text(), filename=name)
        roles = resolve_roles(transcript, reps=[Person("Dana Reyes", owner_id=1)], prospects=[Person("Jamie Chen")])
        features = call_features(compute_metrics(transcript, roles, call_day=__import__("datetime").date(2026, 11, 2)))
        assert math.isnan(features["patience_s"]) is not measured, name
