"""Early disqualification: configurable rules, each a `Flag` with its reason."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tools.formatting import money
from tools.leads.facts import LeadFacts, domain_kind, gibberish_score, spam_score, timeline_days
from tools.leads.vocabulary import FREE_MAIL_DOMAINS

if TYPE_CHECKING:
    from settings import Settings


@dataclass(frozen=True)
class Flag:
    """An early-disqualification flag: a stable `code` and the reason in plain words."""

    code: Literal["budget_floor", "timeline_horizon", "free_mail", "student", "competitor", "spam", "gibberish"]
    message: str


@dataclass(frozen=True)
class LeadRules:
    """The configurable disqualification rules (defaults from settings)."""

    budget_floor: float = 5_000.0
    horizon_days: int = 365
    competitors: tuple[str, ...] = ()
    free_mail: frozenset[str] = FREE_MAIL_DOMAINS
    spam_threshold: int = 2
    gibberish_threshold: float = 0.5

    @classmethod
    def from_settings(cls, settings: Settings) -> LeadRules:
        """Rules from LEAD_BUDGET_FLOOR, LEAD_TIMELINE_HORIZON_DAYS, LEAD_COMPETITORS, LEAD_FREE_MAIL_DOMAINS."""
        return cls(
            budget_floor=settings.lead_budget_floor,
            horizon_days=settings.lead_timeline_horizon_days,
            competitors=tuple(c.strip().lower() for c in settings.lead_competitors if c.strip()),
            free_mail=FREE_MAIL_DOMAINS | {d.strip().lower() for d in settings.lead_free_mail_domains if d.strip()},
        )


def _is_competitor(facts: LeadFacts, competitors: tuple[str, ...]) -> str | None:
    company = re.sub(r"[^a-z0-9]+", " ", facts.company.lower()).strip()
    domains = {d for d in (facts.domain, facts.email_domain) if d}
    for comp in (c.strip().lower() for c in competitors):
        if "." in comp:
            if any(d == comp or d.endswith("." + comp) for d in domains):
                return comp
        else:
            name = re.sub(r"[^a-z0-9]+", " ", comp).strip()
            if name and (company == name or re.search(rf"\b{re.escape(name)}\b", company)):
                return comp
    return None


def disqualification_flags(facts: LeadFacts, rules: LeadRules) -> list[Flag]:
    """Check the early-disqualification rules; each broken rule gives one flag with its reason."""
    flags: list[Flag] = []
    if facts.budget is not None and facts.budget < rules.budget_floor:
        flags.append(
            Flag("budget_floor", f"budget {money(facts.budget)} is under the {money(rules.budget_floor)} floor")
        )
    days = timeline_days(facts.timeline, submitted_at=facts.submitted_at)
    if days is not None and days > rules.horizon_days:
        flags.append(
            Flag(
                "timeline_horizon",
                f'timeline "{facts.timeline}" (~{days} days) is beyond the {rules.horizon_days}-day horizon',
            )
        )
    for domain in dict.fromkeys(d for d in (facts.email_domain, facts.domain) if d):
        kind = domain_kind(domain, rules.free_mail)
        if kind == "free_mail" and not any(f.code == "free_mail" for f in flags):
            flags.append(Flag("free_mail", f"free-mail address ({domain}), no company domain"))
        elif kind == "student" and not any(f.code == "student" for f in flags):
            flags.append(Flag("student", f"student or academic domain ({domain})"))
    competitor = _is_competitor(facts, rules.competitors)
    if competitor:
        flags.append(Flag("competitor", f"competitor ({competitor})"))
    if spam_score(facts.notes) >= rules.spam_threshold:
        flags.append(Flag("spam", "notes look like spam (sales pitch, links or shouting)"))
    if len((facts.notes or "").strip()) >= 5 and gibberish_score(facts.notes) >= rules.gibberish_threshold:
        flags.append(Flag("gibberish", "notes look like gibberish"))
    return flags
