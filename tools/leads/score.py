"""The lead score (0–100, tier A–D, reasons) and the transparent rule-based score."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tools.formatting import money
from tools.leads.disqualify import Flag, LeadRules, disqualification_flags
from tools.leads.facts import (
    LeadFacts,
    _count_hits,
    domain_kind,
    gibberish_score,
    seniority,
    size_band_rank,
    spam_score,
    timeline_days,
)
from tools.leads.vocabulary import MAX_PLAUSIBLE_BUDGET, PAIN_WORDS, TIERS, URGENCY_WORDS

if TYPE_CHECKING:
    pass


@dataclass
class LeadScore:
    """A lead's score (0–100), tier (A best … D), the reasons in plain words, and early-disqualification flags.

    `method` says how it was computed: `learned` (from the team's won/lost history: the score is the lead's
    percentile among past leads) or `rules` (transparent points, used when the history is too thin). `probability` is
    the calibrated chance of a won deal (learned only).
    """

    score: int
    tier: str
    reasons: list[str]
    flags: list[Flag] = field(default_factory=list)
    method: Literal["learned", "rules"] = "rules"
    probability: float | None = None
    model_note: str = ""

    @property
    def disqualified(self) -> bool:
        """True when any early-disqualification rule fired."""
        return bool(self.flags)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON answers and the CLI."""
        return {
            "score": self.score,
            "tier": self.tier,
            "reasons": list(self.reasons),
            "flags": [{"code": f.code, "message": f.message} for f in self.flags],
            "method": self.method,
            "probability": None if self.probability is None else round(self.probability, 4),
            "model": self.model_note,
        }


def _rule_points(facts: LeadFacts, rules: LeadRules) -> list[tuple[int, str]]:
    points: list[tuple[int, str]] = []
    if facts.budget is None and facts.budget_note:
        pass  # a budget was given but cannot be scored: the scorer says why, and no points either way
    elif facts.budget is None:
        points.append((-5, "no budget given"))
    elif facts.budget > MAX_PLAUSIBLE_BUDGET:
        points.append((-10, f"implausible budget {money(facts.budget)}"))
    elif facts.budget >= 100_000:
        points.append((20, f"budget {money(facts.budget)} (100k or more)"))
    elif facts.budget >= 50_000:
        points.append((15, f"budget {money(facts.budget)} (50k or more)"))
    elif facts.budget >= 20_000:
        points.append((8, f"budget {money(facts.budget)} (20k or more)"))
    elif facts.budget < rules.budget_floor:
        points.append((-20, f"budget {money(facts.budget)} under the {money(rules.budget_floor)} floor"))
    rank = size_band_rank(facts.company_size, facts.employee_count)
    size_text = facts.company_size or (f"{facts.employee_count} employees" if facts.employee_count else "")
    if rank is not None and rank >= 5:
        points.append((10, f"large company ({size_text})"))
    elif rank is not None and rank >= 3:
        points.append((6, f"mid-size company ({size_text})"))
    elif rank is not None and rank == 0:
        points.append((-8, f"very small company ({size_text})"))
    days = timeline_days(facts.timeline, submitted_at=facts.submitted_at)
    if days is None:
        points.append((-3, "no clear timeline"))
    elif days <= 90:
        points.append((12, f'buying soon ("{facts.timeline}")'))
    elif days <= 180:
        points.append((5, f'buying within six months ("{facts.timeline}")'))
    elif days > rules.horizon_days:
        points.append((-15, f'timeline beyond the horizon ("{facts.timeline}")'))
    lowered = (facts.notes or "").lower()
    pain = min(3, _count_hits(lowered, PAIN_WORDS))
    if pain:
        points.append((3 * pain, "notes describe a concrete need"))
    if _count_hits(lowered, URGENCY_WORDS):
        points.append((5, "notes show urgency"))
    if spam_score(facts.notes) >= rules.spam_threshold or (
        len(lowered) >= 5 and gibberish_score(facts.notes) >= rules.gibberish_threshold
    ):
        points.append((-25, "notes look like spam or gibberish"))
    kind = domain_kind(facts.email_domain or facts.domain, rules.free_mail)
    if kind in ("free_mail", "student"):
        points.append((-15, "free-mail or student address" if kind == "free_mail" else "student address"))
    level = seniority(facts.contact_title)
    if level in ("c_level", "vp"):
        points.append((6, f"senior contact ({facts.contact_title})"))
    elif level == "director":
        points.append((4, f"director-level contact ({facts.contact_title})"))
    return points


RULE_TIER_CUTS = (65, 50, 35)
"""Score cut-offs of tiers A, B and C for the rule-based score (D below)."""


def tier_for(score: float, cuts: tuple[float, float, float]) -> str:
    """Tier A–D for a score, given the lower bounds of A, B and C."""
    for tier, cut in zip(TIERS, cuts, strict=False):
        if score >= cut:
            return tier
    return "D"


def rule_based_score(facts: LeadFacts, rules: LeadRules, *, note: str = "") -> LeadScore:
    """The transparent fallback: 40 points to start, plus or minus fixed points per signal, clamped to 0–100."""
    points = _rule_points(facts, rules)
    score = int(max(0, min(100, 40 + sum(p for p, _ in points))))
    flags = disqualification_flags(facts, rules)
    ranked = sorted(points, key=lambda p: -abs(p[0]))
    reasons = [f"{text} ({p:+d})" for p, text in ranked[:4]]
    tier = "D" if flags else tier_for(score, RULE_TIER_CUTS)
    return LeadScore(score=score, tier=tier, reasons=reasons, flags=flags, method="rules", model_note=note)
