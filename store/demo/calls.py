"""Recorded calls: a transcript on a held meeting, its engagement drawn from the deal's latents plus noise."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from store.demo import text as words
from store.demo.base import BuilderBase
from store.demo.deals import behaviour_logit
from store.demo.plans import DealPlan, sigmoid


def call_speakers(
    rng: random.Random, d: DealPlan, held: dict[str, Any], owner: dict[str, Any], contacts: list[dict]
) -> list[dict]:
    """The buyers who speak on the call; for a generated call, also who attended the meeting (`held` is updated)."""
    speakers = [c for c in contacts if c["email"] in (held["participants"] or [])] or contacts[:1]
    if d.transcript_at is None:
        # Multi-threading shows on the call: a wider buying group tends to bring more people (up to three).
        want = min(3, len(contacts), 1 + sum(rng.random() < 0.5 for _ in range(len(contacts) - 1)))
        others = [c for c in contacts if c not in speakers]
        rng.shuffle(others)
        speakers = speakers + others[: max(0, want - len(speakers))]
        held["participants"] = [owner["email"]] + [c["email"] for c in speakers]
    return speakers


def call_objections(rng: random.Random, d: DealPlan) -> list[str]:
    """The objection categories raised on the call: scripted for the tour, else pricing more often on a thin budget."""
    if d.transcript_objections is not None:
        return list(d.transcript_objections)
    categories = [c for c in words.OBJECTION_CATEGORIES if c != "competitor"]
    weights = [3.0 if c == "pricing" and d.budget_fit < 0.4 else 1.0 for c in categories]
    k = rng.choices((0, 1, 2, 3), (20, 40, 30, 10))[0]
    objections = []
    if d.competitor and rng.random() < 0.6:
        objections.append("competitor")
    while len(objections) < k:
        pick = rng.choices(categories, weights)[0]
        if pick not in objections:
            objections.append(pick)
    rng.shuffle(objections)
    return objections


class CallsBuilder(BuilderBase):
    """Composes call transcripts; the rows wait in `pending_calls` until every engagement id is known."""

    def _emit_call(self, d: DealPlan, held: dict[str, Any], owner: dict[str, Any], contacts: list[dict]) -> None:
        """Compose the recorded call of meeting `held` and queue its row; the meeting's end follows the call."""
        # The call draws from its own stream, seeded from the main one: how a transcript is written never shifts
        # the rows generated after it.
        rng = random.Random(self.rng.getrandbits(64))
        speakers = call_speakers(rng, d, held, owner, contacts)
        # How engaged the call is: the same latents that drive the outcome (buyer responsiveness, breadth of the
        # buying group, urgency, budget fit), plus noise, so call features carry a real signal but never a rule.
        engagement = sigmoid(1.5 * behaviour_logit(d) + rng.gauss(0.0, 0.8))
        objections = call_objections(rng, d)
        text_, duration, labels = words.compose_transcript(
            rng,
            rep=words.Speaker(owner["name"], "Account Executive"),
            prospects=[words.Speaker(f"{c['first_name']} {c['last_name']}", c["title"] or "") for c in speakers[:3]],
            company=d.company.name,
            call_at=held["occurred_at"],
            discovery_questions=d.discovery_depth,
            objections=objections,
            competitor=d.competitor,
            engagement=engagement,
        )
        held["ends_at"] = held["occurred_at"] + timedelta(seconds=duration)
        self.ids["call"] += 1
        self.pending_calls.append(
            {
                "id": self.ids["call"],
                "engagement_id": held["id"],
                "deal_id": d.id,
                "company_id": d.company.id,
                "owner_id": owner["id"],
                "started_at": held["occurred_at"],
                "duration_seconds": duration,
                "transcript": text_,
                "transcript_format": "speaker_lines",
                "labels": labels,
            }
        )
