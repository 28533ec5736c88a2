"""The scorecard rubric, coaching against benchmarks (with clips), and the extractive summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tools.calls.metrics import compute_metrics
from tools.calls.parsers import parse_transcript
from tools.calls.roles import Person, resolve_roles
from tools.calls.scorecard import coach, extractive_summary, score_call

DATA = Path(__file__).parent / "data" / "calls"


@pytest.fixture
def metrics():
    transcript = parse_transcript((DATA / "handchecked.json").read_text())
    roles = resolve_roles(transcript, reps=[Person("Alex Morgan", owner_id=1)], prospects=[Person("Sam Patel")])
    return compute_metrics(transcript, roles, call_day=date(2026, 11, 25))


def test_rubric_on_the_hand_checked_call(metrics) -> None:
    card = score_call(metrics)
    points = {i.key: i.points for i in card.items}
    # talk ratio 0.6071 > 0.50: 20 × (0.70 − 0.6071) / (0.70 − 0.50) = 9.29 → 9.3
    assert points["talk_ratio"] == 9.3
    # 3 questions < 11: 15 × 3 / 11 = 4.09 → 4.1
    assert points["questions"] == 4.1
    # 2 of 3 open ≥ 50 %: 5; monologue 40.5 s ≤ 90 s: 10; 3.0 switches/min ≥ 2: 10; patience 1.17 s ≥ 1 s: 5
    assert (points["open_questions"], points["monologue"], points["interactivity"], points["patience"]) == (
        5,
        10,
        10,
        5,
    )
    # all four stages: 20; a dated commitment: 15
    assert (points["stages"], points["next_steps"]) == (20, 15)
    # 9.3 + 4.1 + 5 + 10 + 10 + 5 + 20 + 15 = 78.4 → 78, grade B (70-84)
    assert (card.score, card.grade) == (78, "B")


def test_rubric_edges(metrics) -> None:
    m = metrics.model_copy(update={"talk_ratio_rep": 0.43, "questions": metrics.questions * 4})  # 12 questions
    points = {i.key: i.points for i in score_call(m).items}
    assert points["talk_ratio"] == 20 and points["questions"] == 15
    m = metrics.model_copy(update={"talk_ratio_rep": 0.80, "questions": metrics.questions * 7})  # 21 questions
    points = {i.key: i.points for i in score_call(m).items}
    assert points["talk_ratio"] == 0 and points["questions"] == 8  # 15 − 7 = 8 (the floor)
    m = metrics.model_copy(update={"talk_ratio_rep": 0.275})  # halfway between 0.20 and 0.35
    assert {i.key: i.points for i in score_call(m).items}["talk_ratio"] == 10


def test_unmeasurable_patience_is_left_out_of_the_score(metrics) -> None:
    m = metrics.model_copy(update={"patience_seconds": None})
    card = score_call(m)
    # 73.4 earned of 95 measurable points → 77.3 → 77
    assert card.score == 77
    assert [i.value for i in card.items if i.key == "patience"] == ["not measurable"]


def test_no_next_step_and_skipped_discovery_cost_points_and_get_coached(metrics) -> None:
    stages = [
        s.model_copy(update={"skipped": True, "turns": []}) if s.stage == "discovery" else s for s in metrics.stages
    ]
    m = metrics.model_copy(
        update={"commitments": [], "next_step_clips": [], "stages": stages, "skipped_stages": ["discovery"]}
    )
    card = score_call(m)
    points = {i.key: i.points for i in card.items}
    assert points["next_steps"] == 0 and points["stages"] == 15
    keys = [r.key for r in coach(m)]
    assert "skipped_discovery" in keys and "next_steps" in keys


def test_coaching_cites_benchmarks_and_carries_clips(metrics) -> None:
    recs = {r.key: r for r in coach(metrics)}
    # 61 % talk (> 50 %) and 3 questions (< 11): both coached; next step is dated: not coached
    assert set(recs) >= {"talk_ratio", "questions"}
    assert "next_steps" not in recs
    talk = recs["talk_ratio"]
    assert "43%" in talk.benchmark and "gong.io" in talk.source
    assert talk.clips and talk.clips[0].start == 58.5  # the longest rep monologue
    assert talk.clips[0].render().startswith("[0:58] Alex Morgan: Our platform pulls")
    assert "11-14" in recs["questions"].benchmark
    assert all(r.source for r in recs.values())


def test_extractive_summary_uses_only_measured_facts(metrics) -> None:
    text = extractive_summary(metrics, score_call(metrics), company="Initech")
    assert text.startswith("2.0-minute call with Sam Patel (Initech); score 78/100.")
    assert 'Objections: pricing — e.g. "That sounds expensive for us." [1:40].' in text
    assert "Alex Morgan will send you a proposal by Friday (by Fri Nov 27)" in text
