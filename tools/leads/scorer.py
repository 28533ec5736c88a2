"""The scorer: the learned model when history allows, the rules otherwise."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from tools.leads.disqualify import LeadRules, disqualification_flags
from tools.leads.facts import LeadFacts
from tools.leads.form import LeadIn
from tools.leads.score import LeadScore, rule_based_score

if TYPE_CHECKING:
    from settings import Settings
    from tools.leads.model import LeadModel


@dataclass
class LeadScorer:
    """Scores leads with the learned model when there is one, else with the rules."""

    rules: LeadRules
    model: LeadModel | None = None
    fallback_note: str = ""
    llm_rate: Callable[[str], float | None] | None = None

    def score(self, facts: LeadFacts) -> LeadScore:
        """Score one lead."""
        if self.model is None:
            return _say_budget_note(rule_based_score(facts, self.rules, note=self.fallback_note), facts)
        rating = None
        if self.model.uses_llm and self.llm_rate is not None and facts.notes:
            rating = self.llm_rate(facts.notes)
        flags = disqualification_flags(facts, self.rules)
        result = self.model.score(facts, llm_rating=rating)
        result.flags = flags
        if flags:
            result.tier = "D"
        return _say_budget_note(result, facts)


def _say_budget_note(result: LeadScore, facts: LeadFacts) -> LeadScore:
    """Always say when a given budget was not scored (unreadable, or no rate), so "no budget" is never implied."""
    if facts.budget_note and facts.budget_note not in " ".join(result.reasons):
        result.reasons = [*result.reasons, facts.budget_note]
    return result


def load_scorer(engine: Engine, settings: Settings, *, as_of: datetime | None = None) -> LeadScorer:
    """The scorer for this store: the model learned from its history (cached by data), or the rule-based fallback."""
    from tools.leads.model import LeadHistoryTooThin, learned_model_for

    rules = LeadRules.from_settings(settings)
    llm_rate = None
    if settings.llm_configured and settings.lead_llm_notes:
        from tools.leads.llm import notes_rater

        llm_rate = notes_rater(settings)
    try:
        model = learned_model_for(engine, settings, as_of=as_of, llm_rate=llm_rate)
    except LeadHistoryTooThin as thin:
        return LeadScorer(rules=rules, model=None, fallback_note=f"rule-based score: {thin}")
    return LeadScorer(rules=rules, model=model, llm_rate=llm_rate)


def score_lead(lead: LeadIn, *, engine: Engine, settings: Settings, now: datetime | None = None) -> LeadScore:
    """Score a lead without storing it (CLI, copilot tool)."""
    now = now or datetime.now(UTC)
    return load_scorer(engine, settings).score(LeadFacts.from_input(lead, now=now, rates=settings.currency_rates))
