"""Lead features for the learned model, in named groups."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from tools.leads.facts import (
    LeadFacts,
    _count_hits,
    domain_kind,
    gibberish_score,
    size_band_rank,
    spam_score,
    timeline_days,
)
from tools.leads.vocabulary import MAX_PLAUSIBLE_BUDGET, MAX_PLAUSIBLE_EMPLOYEES, PAIN_WORDS, URGENCY_WORDS

if TYPE_CHECKING:
    pass


FEATURE_GROUPS = {
    "budget": "budget",
    "size": "company size",
    "timeline": "timeline",
    "interest": "interest area",
    "notes": "notes",
    "domain": "email domain",
    "llm": "notes (LLM reading)",
}


def lead_features(facts: LeadFacts, *, llm_rating: float | None = None) -> dict[str, float]:
    """Engineered features of a lead, named `<group>:<what>` so reasons can be grouped in plain words.

    Missing values get their own indicator rather than a guess, so "no budget given" can itself be a signal.
    """
    f: dict[str, float] = {}
    # Forms collect junk ("0", "999999999"): clip to a plausible range and say so, or one absurd value would dominate.
    if facts.budget is not None:
        f["budget:log"] = math.log10(1.0 + min(facts.budget, MAX_PLAUSIBLE_BUDGET))
        if facts.budget <= 0 or facts.budget > MAX_PLAUSIBLE_BUDGET:
            f["budget:implausible"] = 1.0
    else:
        f["budget:missing"] = 1.0
    if facts.employee_count is not None:
        f["size:log_employees"] = math.log10(1.0 + min(facts.employee_count, MAX_PLAUSIBLE_EMPLOYEES))
        if facts.employee_count > MAX_PLAUSIBLE_EMPLOYEES:
            f["size:implausible_employees"] = 1.0
    else:
        f["size:employees_missing"] = 1.0
    rank = size_band_rank(facts.company_size, facts.employee_count)
    if rank is not None:
        f["size:band_rank"] = float(rank)
    else:
        f["size:band_missing"] = 1.0
    days = timeline_days(facts.timeline, submitted_at=facts.submitted_at)
    if days is not None:
        f["timeline:years"] = min(days, 730) / 365.0
    else:
        f["timeline:unknown"] = 1.0
    interest = (facts.interest_area or "unknown").strip().lower()
    f[f"interest:{interest}"] = 1.0
    notes = (facts.notes or "").strip()
    lowered = notes.lower()
    f["notes:log_length"] = math.log10(1.0 + len(notes))
    f["notes:pain"] = float(min(4, _count_hits(lowered, PAIN_WORDS)))
    f["notes:urgency"] = float(min(3, _count_hits(lowered, URGENCY_WORDS)))
    f["notes:spam"] = float(min(4, spam_score(notes)))
    f["notes:gibberish"] = gibberish_score(notes) if len(notes) >= 5 else 0.0
    kind = domain_kind(facts.email_domain or facts.domain)
    f[f"domain:{kind}"] = 1.0
    # No contact title / seniority here, on purpose: CRMs fill titles in AFTER a lead converts (enrichment, the
    # AE's updates), so in history "has a title" means "converted" and a model would learn the label, not the lead.
    if llm_rating is not None:
        f["llm:notes_rating"] = llm_rating
    return f
