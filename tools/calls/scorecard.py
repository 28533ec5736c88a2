"""Score a call 0-100, coach the rep against published benchmarks, and summarise the call.

Rubric (100 points; an item that cannot be measured — patience without timestamps — is left out and the score is
scaled to the points that were measurable):

| item | points | full marks | zero |
|---|---|---|---|
| talk ratio (rep share of talk time) | 20 | 35-50 % | ≤ 20 % or ≥ 70 % (linear in between) |
| rep questions | 15 | 11-14 | 0 questions (linear up to 11); −1 per question above 14, floor 8 |
| open questions (share of rep questions) | 5 | ≥ 50 % | 0 % (linear) |
| longest rep monologue | 10 | ≤ 90 s | ≥ 300 s (linear) |
| interactivity (side switches per minute) | 10 | ≥ 2.0 | ≤ 0.5 (linear) |
| patience (mean pause before the rep speaks) | 5 | ≥ 1.0 s | ≤ 0.2 s (linear) |
| stages held (rapport, discovery, pitch, next steps) | 20 | all four | 5 points per stage held |
| next steps | 15 | a commitment with a date | 8 for an undated commitment or "next steps" talk, 0 for none |

Grades: A ≥ 85, B ≥ 70, C ≥ 55, D below.

Benchmarks and where they come from (each is cited again where it is used):
- talk ratio 43 %, flat 35-50 %, sharply worse above 65 %: Gong Labs, 25,537 B2B calls,
  https://www.gong.io/resources/labs/talk-to-listen-conversion-ratio/
- 11-14 questions per discovery call (success rate 74 % vs 46 % at 1-6): Gong Labs, "Navigating sales conversations",
  https://www.slideshare.net/slideshow/navigating-sales-conversations-from-first-call-to-closed-deal/105791822
- longest monologue: Gong Labs found winning presentations stay under 9 minutes
  (https://www.gong.io/resources/labs/great-salespeople-never-pitch-for-more-than-9-minutes-heres-why/) and Gong's
  team stats track the longest monologue (https://help.gong.io/v1/docs/analyze-team-performance); the 90 s target for
  a single uninterrupted turn on a discovery call is OUR choice, stricter than the 9-minute deck rule.
- patience: Gong Labs (67,149 calls) found top reps pause ~5x longer after an objection than average reps
  (about 1.5 s vs 0.3 s, https://breakintotechsales.com/power-of-the-pause); "a great average is one second"
  (https://feelgoodaboutselling.com/sales-blog/give-me-2-seconds).
- interactivity: Gong reports switching back and forth raises the chance of a second meeting (same Gong Labs deck);
  the 2 switches/minute target is our own calibration on the demo workspace, not a published figure.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from tools.calls.lexicon import STAGE_LABELS
from tools.calls.metrics import CallMetrics, Clip

TALK_RATIO_TARGET = 0.43  # Gong Labs, talk-to-listen conversion ratio (URL in the module docstring)
TALK_RATIO_BAND = (0.35, 0.50)  # same source: close rates roughly flat across this band
QUESTIONS_BAND = (11, 14)  # Gong Labs "Navigating sales conversations": 11-14 questions convert best
MONOLOGUE_TARGET_S = 90.0  # our choice (see docstring), far inside Gong's 9-minute presentation rule
MONOLOGUE_MAX_S = 300.0
INTERACTIVITY_TARGET = 2.0  # our calibration, see docstring
PATIENCE_TARGET_S = 1.0  # "a great average according to Gong is one second"


def _linear(value: float, zero_at: float, full_at: float) -> float:
    """0 at `zero_at`, 1 at `full_at`, linear in between and clamped (works in either direction)."""
    if full_at == zero_at:
        return 1.0
    return max(0.0, min(1.0, (value - zero_at) / (full_at - zero_at)))


class ScoreItem(BaseModel):
    """One rubric line."""

    key: str
    label: str
    points: float
    max_points: float
    value: str
    """The measured value, as shown."""
    measured: bool = True


class Scorecard(BaseModel):
    """The call's score and how it was made."""

    score: int
    grade: str
    items: list[ScoreItem]


class Recommendation(BaseModel):
    """A coaching point: what to change, the benchmark behind it, and clips that show it."""

    key: str
    title: str
    detail: str
    benchmark: str
    source: str
    clips: list[Clip]


def score_call(metrics: CallMetrics) -> Scorecard:
    """Apply the rubric in the module docstring."""
    items: list[ScoreItem] = []
    ratio = metrics.talk_ratio_rep
    low, high = TALK_RATIO_BAND
    talk = _linear(ratio, 0.20, low) if ratio < low else _linear(ratio, 0.70, high) if ratio > high else 1.0
    items.append(
        ScoreItem(key="talk_ratio", label="Talk ratio", points=20 * talk, max_points=20, value=f"{ratio:.0%} rep")
    )
    n = metrics.rep_questions
    if n < QUESTIONS_BAND[0]:
        q = n / QUESTIONS_BAND[0]
    elif n <= QUESTIONS_BAND[1]:
        q = 1.0
    else:
        q = max(8.0, 15.0 - (n - QUESTIONS_BAND[1])) / 15.0
    items.append(ScoreItem(key="questions", label="Questions asked", points=15 * q, max_points=15, value=str(n)))
    open_share = metrics.open_questions / n if n else 0.0
    items.append(
        ScoreItem(
            key="open_questions",
            label="Open questions",
            points=5 * _linear(open_share, 0.0, 0.5),
            max_points=5,
            value=f"{metrics.open_questions}/{n}",
        )
    )
    mono = metrics.longest_monologue["rep"].seconds
    items.append(
        ScoreItem(
            key="monologue",
            label="Longest rep monologue",
            points=10 * _linear(mono, MONOLOGUE_MAX_S, MONOLOGUE_TARGET_S),
            max_points=10,
            value=f"{mono:.0f} s",
        )
    )
    items.append(
        ScoreItem(
            key="interactivity",
            label="Interactivity",
            points=10 * _linear(metrics.interactivity, 0.5, INTERACTIVITY_TARGET),
            max_points=10,
            value=f"{metrics.interactivity:.1f} switches/min",
        )
    )
    if metrics.patience_seconds is None:
        items.append(
            ScoreItem(key="patience", label="Patience", points=0, max_points=5, value="not measurable", measured=False)
        )
    else:
        items.append(
            ScoreItem(
                key="patience",
                label="Patience",
                points=5 * _linear(metrics.patience_seconds, 0.2, PATIENCE_TARGET_S),
                max_points=5,
                value=f"{metrics.patience_seconds:.1f} s" + (" (est.)" if metrics.patience_estimated else ""),
            )
        )
    held = [s.stage for s in metrics.stages if not s.skipped]
    items.append(
        ScoreItem(
            key="stages",
            label="Stages held",
            points=5 * len(held),
            max_points=20,
            value=", ".join(STAGE_LABELS[s] for s in held) or "none",
        )
    )
    if metrics.dated_commitments:
        steps, shown = 15.0, f"{len(metrics.dated_commitments)} dated"
    elif metrics.commitments or metrics.next_step_clips:
        steps, shown = 8.0, "no date"
    else:
        steps, shown = 0.0, "none"
    items.append(ScoreItem(key="next_steps", label="Next steps", points=steps, max_points=15, value=shown))
    for item in items:
        item.points = round(item.points, 1)
    available = sum(i.max_points for i in items if i.measured)
    earned = sum(i.points for i in items if i.measured)
    score = round(100 * earned / available) if available else 0
    grade = "A" if score >= 85 else "B" if score >= 70 else "C" if score >= 55 else "D"
    return Scorecard(score=score, grade=grade, items=items)


def _long_rep_turns(metrics: CallMetrics) -> list[Clip]:
    mono = metrics.longest_monologue["rep"].clip
    return [mono] if mono else []


def coach(metrics: CallMetrics) -> list[Recommendation]:  # noqa: C901 - one rule per benchmark, read top to bottom
    """Compare the call with the benchmarks and say what to change, each point with clips that justify it."""
    recs: list[Recommendation] = []
    ratio = metrics.talk_ratio_rep
    if ratio > TALK_RATIO_BAND[1]:
        # Gong Labs: top reps talk ~43 %; above 65 % conversion drops sharply (talk-to-listen-conversion-ratio).
        recs.append(
            Recommendation(
                key="talk_ratio",
                title="Talk less, listen more",
                detail=f"You spoke {ratio:.0%} of the time. Hand the floor back with a question after each point.",
                benchmark=f"top reps talk about {TALK_RATIO_TARGET:.0%} of a discovery call",
                source="Gong Labs, 25,537 calls: https://www.gong.io/resources/labs/talk-to-listen-conversion-ratio/",
                clips=_long_rep_turns(metrics),
            )
        )
    elif ratio < 0.25:
        # Same Gong Labs study: below ~35 % the rep is not adding enough structure.
        prospect = metrics.longest_monologue["prospect"].clip
        recs.append(
            Recommendation(
                key="talk_ratio_low",
                title="Lead the conversation more",
                detail=f"You spoke only {ratio:.0%} of the time; summarise what you heard and steer to the next topic.",
                benchmark="close rates are flat between 35 % and 50 % rep talk time",
                source="Gong Labs: https://www.gong.io/resources/labs/talk-to-listen-conversion-ratio/",
                clips=[prospect] if prospect else [],
            )
        )
    n = metrics.rep_questions
    if n < QUESTIONS_BAND[0]:
        # Gong Labs: 11-14 questions per call convert best (74 %), 1-6 questions 46 %.
        pitch = next((s for s in metrics.stages if s.stage == "pitch" and not s.skipped), None)
        closed = [q.clip for q in metrics.questions if q.kind == "closed"][:1]
        clips = closed + (
            [
                Clip(
                    start=pitch.start or 0.0,
                    end=pitch.end or 0.0,
                    speaker="(pitch starts)",
                    text=f"the pitch began after {n} question(s)",
                    line=pitch.first_line or 0,
                )
            ]
            if pitch
            else []
        )
        recs.append(
            Recommendation(
                key="questions",
                title="Ask more discovery questions",
                detail=f"You asked {n} question(s). Dig into the problem, its cost and who decides before pitching.",
                benchmark="top reps ask 11-14 questions on a discovery call",
                source="Gong Labs, 'Navigating sales conversations': https://www.slideshare.net/slideshow/"
                "navigating-sales-conversations-from-first-call-to-closed-deal/105791822",
                clips=clips,
            )
        )
    elif n > 18:
        recs.append(
            Recommendation(
                key="interrogation",
                title="Fewer, deeper questions",
                detail=f"You asked {n} questions; past 14 the success rate falls. Follow up on answers instead.",
                benchmark="success drops beyond 14 questions (66 % at 15-18 vs 74 % at 11-14)",
                source="Gong Labs, 'Navigating sales conversations' (slideshare link above)",
                clips=[q.clip for q in metrics.questions[14:16]],
            )
        )
    if n and metrics.open_questions / n < 0.5:
        recs.append(
            Recommendation(
                key="open_questions",
                title="Open your questions",
                detail=f"{metrics.closed_questions} of {n} questions could be answered with yes/no. Try 'walk me "
                "through…', 'help me understand…'.",
                benchmark="open phrasings ('help me understand', 'walk me through') draw long answers",
                source="Gong Labs, 'Navigating sales conversations' (slideshare link above)",
                clips=[q.clip for q in metrics.questions if q.kind == "closed"][:2],
            )
        )
    mono = metrics.longest_monologue["rep"]
    if mono.seconds > 150:
        # Gong Labs: winning presentations stay under 9 minutes; a single turn over 2.5 min loses the buyer.
        recs.append(
            Recommendation(
                key="monologue",
                title="Break up long monologues",
                detail=f"Your longest uninterrupted stretch ran {mono.seconds / 60:.1f} min. "
                "Check in every minute or so.",
                benchmark=f"aim for turns under {MONOLOGUE_TARGET_S:.0f} s (Gong: pitches under 9 minutes win)",
                source="Gong Labs: https://www.gong.io/resources/labs/great-salespeople-never-pitch-for-more-than-"
                "9-minutes-heres-why/",
                clips=[mono.clip] if mono.clip else [],
            )
        )
    if metrics.patience_seconds is not None and metrics.patience_seconds < 0.6:
        # Gong Labs (67,149 calls): top reps pause ~1.5 s after an objection, average reps ~0.3 s.
        after_objection = [o.response for o in metrics.objections if o.response][:2]
        recs.append(
            Recommendation(
                key="patience",
                title="Pause before you answer",
                detail=f"You started speaking {metrics.patience_seconds:.1f} s after the buyer on average"
                + (" (estimated from start times)" if metrics.patience_estimated else "")
                + ".",
                benchmark="top reps pause about 1-1.5 s (5x longer than average after objections)",
                source="Gong Labs via https://breakintotechsales.com/power-of-the-pause",
                clips=after_objection,
            )
        )
    for span in metrics.stages:
        if not span.skipped:
            continue
        if span.stage == "discovery":
            pitch = next((s for s in metrics.stages if s.stage == "pitch" and not s.skipped), None)
            recs.append(
                Recommendation(
                    key="skipped_discovery",
                    title="Don't skip discovery",
                    detail="No discovery stage was found: the pitch was not tied to the buyer's own problem.",
                    benchmark="top reps spread questions through the call, starting before the pitch",
                    source="Gong Labs, 'Navigating sales conversations' (slideshare link above)",
                    clips=[
                        Clip(
                            start=pitch.start or 0.0,
                            end=pitch.end or 0.0,
                            speaker="(pitch starts)",
                            text="pitch began without discovery",
                            line=pitch.first_line or 0,
                        )
                    ]
                    if pitch
                    else [],
                )
            )
        elif span.stage == "next_steps":
            pass  # covered by the next-steps rule below
        elif span.stage == "rapport":
            recs.append(
                Recommendation(
                    key="skipped_rapport",
                    title="Open with a minute of rapport",
                    detail="The call went straight to business; a short personal opener builds trust.",
                    benchmark="calls open with rapport before discovery",
                    source="our stage model (rapport → discovery → pitch → next steps)",
                    clips=[],
                )
            )
    if not metrics.dated_commitments:
        last = [c.clip for c in metrics.commitments][-1:] or metrics.next_step_clips[-1:]
        recs.append(
            Recommendation(
                key="next_steps",
                title="Close with a dated next step",
                detail="The call ended without a commitment tied to a date. Agree who does what by when.",
                benchmark="every call ends with a next step on the calendar",
                source="common sales practice; Gong's 'clear next step' criterion in the talk-ratio study",
                clips=last,
            )
        )
    for objection in metrics.objections:
        response = objection.response
        if response and "?" not in response.text and response.end - response.start > 60:
            recs.append(
                Recommendation(
                    key="objection_handling",
                    title=f"Explore the {objection.category} objection before answering",
                    detail="You answered at length without asking a question first; "
                    "acknowledge, then ask what's behind it.",
                    benchmark="top reps pause and ask before answering objections",
                    source="Gong Labs via https://breakintotechsales.com/power-of-the-pause",
                    clips=[objection.clip, response],
                )
            )
            break
    return recs


# --- summary -----------------------------------------------------------------------------------------------------


def _date_text(day: date | None) -> str:
    return day.strftime("%a %b %-d") if day else ""


def summary_facts(metrics: CallMetrics, scorecard: Scorecard, *, company: str | None = None) -> dict[str, object]:
    """The facts a summary may use (the LLM gets exactly these, so it cannot invent numbers)."""
    prospects = [s for s, side in metrics.speakers.items() if side == "prospect"]
    reps = [s for s, side in metrics.speakers.items() if side == "rep"]
    return {
        "company": company,
        "minutes": round(metrics.duration_seconds / 60, 1),
        "reps": reps,
        "prospects": prospects,
        "score": scorecard.score,
        "stages_held": [s.stage for s in metrics.stages if not s.skipped],
        "stages_skipped": metrics.skipped_stages,
        "objections": [{"category": o.category, "quote": o.clip.text, "at": o.clip.stamp} for o in metrics.objections],
        "competitors": sorted({m.name for m in metrics.competitors}),
        "pricing_discussed": metrics.pricing_seconds > 0,
        "commitments": [
            {"who": c.who, "what": c.what, "due": c.due.isoformat() if c.due else None} for c in metrics.commitments
        ],
        "prospect_tone": {t.stage: t.label for t in metrics.tone},
    }


def extractive_summary(metrics: CallMetrics, scorecard: Scorecard, *, company: str | None = None) -> str:
    """A few sentences built only from measured facts and quotes (no generation)."""
    facts = summary_facts(metrics, scorecard, company=company)
    who = ", ".join(facts["prospects"]) or "the prospect"  # type: ignore[arg-type]
    at = f" ({company})" if company else ""
    parts = [f"{facts['minutes']}-minute call with {who}{at}; score {scorecard.score}/100."]
    held = (
        [STAGE_LABELS[s] for s in metrics.stages_held]
        if hasattr(metrics, "stages_held")
        else [STAGE_LABELS[s.stage] for s in metrics.stages if not s.skipped]
    )
    parts.append(
        "Covered "
        + (", ".join(held) if held else "no clear stage")
        + ("; skipped " + ", ".join(STAGE_LABELS[s] for s in metrics.skipped_stages) if metrics.skipped_stages else "")
        + "."
    )
    if metrics.objections:
        first = metrics.objections[0]
        cats = sorted({o.category for o in metrics.objections})
        parts.append(f'Objections: {", ".join(cats)} — e.g. "{first.clip.text}" [{first.clip.stamp}].')
    if metrics.competitors:
        parts.append("Competitors mentioned: " + ", ".join(sorted({m.name for m in metrics.competitors})) + ".")
    if metrics.pricing_seconds:
        parts.append(f"Pricing came up ({metrics.pricing_seconds:.0f} s of talk).")
    if metrics.commitments:
        steps = [
            f"{c.who} will {c.what}" + (f" (by {_date_text(c.due)})" if c.due else "") for c in metrics.commitments[:3]
        ]
        parts.append("Next steps: " + "; ".join(steps) + ".")
    else:
        parts.append("No next step was agreed.")
    return " ".join(parts)
