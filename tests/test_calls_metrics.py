"""Metrics on a small transcript whose every number was worked out by hand (tests/data/calls/handchecked.json).

The call (speaker, start-end seconds, words):
  1 Alex  0-10    9 words  "Hi Sam, thanks for joining. How was your weekend?"
  2 Sam   11-15   2 words  "Great, thanks."
  3 Alex  16-26   9 words  "Tell me about your current process. Is it manual?"
  4 Sam   28-58  16 words  "Yes it is all manual. We copy numbers into spreadsheets every week and it is slow."
  5 Alex  58.5-88.5 12 words "Our platform pulls the numbers automatically and the dashboard updates every hour."
  6 Alex  89-99   8 words  "Teams like yours save a day a week."
  7 Sam   100-110 5 words  "That sounds expensive for us."
  8 Alex  112-120 7 words  "I'll send you a proposal by Friday."
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tools.calls.metrics import compute_metrics, question_kind, tone_score
from tools.calls.parsers import parse_transcript
from tools.calls.roles import Person, resolve_roles

DATA = Path(__file__).parent / "data" / "calls"
CALL_DAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def metrics():
    transcript = parse_transcript((DATA / "handchecked.json").read_text())
    roles = resolve_roles(transcript, reps=[Person("Alex Morgan", owner_id=1)], prospects=[Person("Sam Patel")])
    return compute_metrics(transcript, roles, call_day=CALL_DAY)


def test_talk_time_and_ratio(metrics) -> None:
    # rep: 10 + 10 + 30 + 10 + 8 = 68 s; prospect: 4 + 30 + 10 = 44 s; ratio 68 / 112 = 0.6071
    assert metrics.talk_seconds == {"rep": 68.0, "prospect": 44.0}
    assert metrics.talk_ratio_rep == pytest.approx(0.6071, abs=1e-4)
    assert metrics.duration_seconds == 120.0


def test_monologues(metrics) -> None:
    # rep: turns 5-6 run uninterrupted from 58.5 to 99 = 40.5 s; prospect: turn 4, 28-58 = 30 s
    assert metrics.longest_monologue["rep"].seconds == 40.5
    assert metrics.longest_monologue["rep"].clip.start == 58.5
    assert metrics.longest_monologue["prospect"].seconds == 30.0


def test_questions(metrics) -> None:
    # "How was your weekend?" open; "Tell me about your current process." open (imperative); "Is it manual?" closed
    assert [(q.kind, q.text) for q in metrics.questions] == [
        ("open", "How was your weekend?"),
        ("open", "Tell me about your current process."),
        ("closed", "Is it manual?"),
    ]
    assert (metrics.open_questions, metrics.closed_questions) == (2, 1)


def test_interactivity_patience_and_speech_rate(metrics) -> None:
    # sides R P R P R R P R: 6 switches over 120 s = 3.0 per minute
    assert metrics.switches == 6
    assert metrics.interactivity == 3.0
    # pauses before the rep after the prospect: 16-15 = 1.0, 58.5-58 = 0.5, 112-110 = 2.0 → mean 1.1667
    assert metrics.patience_seconds == pytest.approx(1.17)
    assert metrics.patience_estimated is False
    # rep 45 words / (68/60 min) = 39.7 wpm; prospect 23 words / (44/60 min) = 31.4 wpm
    assert metrics.speech_rate_wpm == {"rep": 39.7, "prospect": 31.4}


def test_stages_objections_and_commitments(metrics) -> None:
    assert [(s.stage, s.turns) for s in metrics.stages] == [
        ("rapport", [0, 1]),
        ("discovery", [2, 3]),
        ("pitch", [4, 5, 6]),
        ("next_steps", [7]),
    ]
    assert metrics.skipped_stages == []
    # pitch runs from turn 5 (58.5 s) to the start of turn 8 (112 s)
    assert metrics.stages[2].seconds == 53.5
    assert [(o.category, o.clip.line, o.clip.text) for o in metrics.objections] == [
        ("pricing", 8, "That sounds expensive for us.")
    ]
    assert metrics.objections[0].response.text == "I'll send you a proposal by Friday."
    [commitment] = metrics.commitments
    assert (commitment.who, commitment.side, commitment.due) == ("Alex Morgan", "rep", date(2026, 11, 27))
    assert commitment.what == "send you a proposal by Friday"


def test_pricing_competitors_and_tone(metrics) -> None:
    assert metrics.competitors == []
    assert metrics.pricing_seconds == 0.0  # "expensive" is an objection word, not pricing talk
    tones = {t.stage: t for t in metrics.tone}
    # discovery, prospect: "slow" (−) and "manual" (−) → (0 − 2) / (0 + 2 + 2) = −0.5
    assert tones["discovery"].prospect == -0.5 and tones["discovery"].label == "negative"
    # rapport, prospect: "great", "thanks" → (2 − 0) / (2 + 0 + 2) = 0.5
    assert tones["rapport"].prospect == 0.5


def test_question_kinds_and_negated_tone() -> None:
    assert question_kind("So, what does success look like?") == "open"
    assert question_kind("Okay, and do you have budget?") == "closed"
    assert question_kind("Walk me through the approval process.") == "open"
    assert question_kind("We integrate with HubSpot.") is None
    assert tone_score(["I am not happy with it"]) == pytest.approx(-1 / 3, abs=1e-3)  # one negated positive
    assert tone_score([]) is None


def test_roles_fall_back_to_the_seller_heuristic_and_generic_labels() -> None:
    transcript = parse_transcript(
        "Customer: We have a problem.\nAE: Our platform fixes that; what is the impact?\nCustomer: Big.\n"
    )
    roles = resolve_roles(transcript)
    assert {s: (r.side, r.how) for s, r in roles.items()} == {
        "Customer": ("prospect", "label"),
        "AE": ("rep", "label"),
    }
    transcript = parse_transcript("Jo: Hi.\nKim: Let me show you our platform. What do you use today?\nJo: Sheets.\n")
    roles = resolve_roles(transcript)
    assert (roles["Kim"].side, roles["Kim"].how) == ("rep", "heuristic")
    assert roles["Jo"].side == "prospect"
    # first-name match against the CRM
    roles = resolve_roles(transcript, reps=[Person("Jo Lee", owner_id=3)], prospects=[Person("Kim Wu", contact_id=9)])
    assert (roles["Jo"].side, roles["Jo"].owner_id, roles["Kim"].contact_id) == ("rep", 3, 9)


def test_library_similarity_catches_what_keywords_miss() -> None:
    transcript = parse_transcript(
        "Alex Morgan: What would stop you from moving ahead?\n"
        "Sam Patel: Honestly, my worry is that the team will never adopt another tool.\n"
        "Sam Patel: The weather is nice though.\n"
    )
    roles = resolve_roles(transcript, reps=[Person("Alex Morgan")], prospects=[Person("Sam Patel")])
    asked: list[str] = []

    def library(sentence: str):
        asked.append(sentence)
        return ("adoption", 0.71) if "adopt" in sentence else ("timing", 0.2)

    metrics = compute_metrics(transcript, roles, call_day=CALL_DAY, library=library)
    assert [(o.category, o.matched_by, o.evidence) for o in metrics.objections] == [
        ("adoption", "library", ["similarity 0.71"])
    ]
    # only hedged buyer sentences without a keyword reach the library
    assert asked == ["Honestly, my worry is that the team will never adopt another tool."]
    assert compute_metrics(transcript, roles, call_day=CALL_DAY).objections == []


def test_answers_to_rep_questions_need_push_back_to_count_as_objections() -> None:
    transcript = parse_transcript(
        "Alex Morgan: Who signs off on a purchase like this?\n"
        "Sam Patel: Anything over fifty thousand goes to procurement.\n"
        "Alex Morgan: And how does security review work?\n"
        "Sam Patel: Our security team will need a SOC 2 report first.\n"
        "Alex Morgan: Here is the dashboard.\n"
        "Sam Patel: Procurement will want to be involved.\n"
    )
    roles = resolve_roles(transcript, reps=[Person("Alex Morgan")], prospects=[Person("Sam Patel")])
    found = [(o.category, o.clip.line) for o in compute_metrics(transcript, roles, call_day=CALL_DAY).objections]
    # line 2 answers the question with no push-back; line 4 pushes back ("will need ... first"); line 6 is unprompted
    assert found == [("security", 4), ("authority", 6)]


def test_questions_are_commitments_only_when_they_carry_a_date() -> None:
    transcript = parse_transcript(
        "Alex Morgan: Can you walk me through your process?\n"
        "Sam Patel: Sure, it starts in a spreadsheet.\n"
        "Alex Morgan: Could you send me the spreadsheet by Friday?\n"
        "Sam Patel: I'll share it tomorrow.\n"
    )
    roles = resolve_roles(transcript, reps=[Person("Alex Morgan")], prospects=[Person("Sam Patel")])
    commitments = compute_metrics(transcript, roles, call_day=CALL_DAY).commitments
    assert [(c.who, c.what, c.due) for c in commitments] == [
        ("Sam Patel", "send me the spreadsheet by Friday", date(2026, 11, 27)),
        ("Sam Patel", "share it tomorrow", date(2026, 11, 26)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # small talk that the old cue list missed
        "Alex: How was the offsite?\nSam: Exhausting but fun, thanks.\nAlex: What does forecasting look like today?\n"
        "Sam: Spreadsheets, mostly.\nAlex: How many people touch it?\nSam: About twelve.\n",
        # small talk after a first business question: still in the opening
        "Alex: So what does forecasting look like today?\nSam: Spreadsheets, mostly.\n"
        "Alex: Got it. Oh and how was your weekend?\nSam: Great, out hiking with the kids.\n"
        "Alex: How many people touch that sheet?\nSam: About twelve.\nAlex: What breaks first?\nSam: Trust.\n",
    ],
)
def test_rapport_is_found_in_any_position_of_the_opening(text: str) -> None:
    transcript = parse_transcript(text)
    roles = resolve_roles(transcript, reps=[Person("Alex", owner_id=1)], prospects=[Person("Sam")])
    m = compute_metrics(transcript, roles, call_day=CALL_DAY)
    assert "rapport" not in m.skipped_stages
    rapport = next(s for s in m.stages if s.stage == "rapport")
    assert rapport.seconds > 0 and rapport.cues
