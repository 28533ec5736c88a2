"""What a deal-health assessment is: thresholds, each rule's name and next best action, reasons, and the score."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from settings import Settings

RECENT_DAYS = 28
"""Reply-rate and meeting-cadence windows: the last 4 weeks against the 4 (emails) or 8 (meetings) before."""
MIN_EMAILS = 3
"""Fewer outbound emails than this in a window says nothing about a reply rate."""
MIN_PRIOR_MEETINGS = 2
"""A cadence can only drop if there was one: at least this many held meetings in the 8 weeks before."""
WORSENED_BY = 10
"""A re-assessment counts as worse when the score rose by at least this much (or a new reason appeared)."""
HIGH, MEDIUM = 60, 35
"""Score levels shown to people."""

PLAYBOOK: dict[str, str] = {
    "buyer_silent": "Re-engage with value, not a 'checking in': send one new insight (a relevant customer result) and "
    "ask a yes/no question; if no answer in 2 business days, try a second contact.",
    "champion_silent": "Call the champion directly; if they stay dark, ask another stakeholder whether priorities "
    "changed and who now owns the decision.",
    "stage_age": "Agree the exit criteria of this stage with the buyer and book the step that meets them; if nothing "
    "moves, requalify (budget, timeline, decision process).",
    "close_date_slipped": "Rebuild a mutual close plan with dated steps back from the buyer's go-live; confirm the "
    "signer and the paper process.",
    "single_threaded": "Multi-thread: ask your contact to introduce the economic buyer and one technical "
    "evaluator this week.",
    "reply_rate_drop": "Change channel and format: call or send a short video, shorter emails, one ask per email.",
    "meeting_cadence_drop": "Book the next working session now, with an agenda tied to the buyer's goal.",
    "no_next_step": "Never leave a call without a dated next step: propose two slots for the next meeting today.",
}

REASON_LABELS: dict[str, str] = {
    "buyer_silent": "Buyer silent",
    "champion_silent": "Champion silent",
    "stage_age": "Stuck in stage",
    "close_date_slipped": "Close date slipped",
    "single_threaded": "Single-threaded",
    "reply_rate_drop": "Reply rate dropped",
    "meeting_cadence_drop": "Meeting cadence dropped",
    "no_next_step": "No next step",
}


@dataclass(frozen=True)
class Thresholds:
    """The published rule thresholds (Settings fields of the same names)."""

    silent_business_days: int = 5
    stage_age_days: int = 30
    single_thread_amount: float = 50_000.0
    champion_silent_days: int = 14
    close_date_pushes: int = 2

    @classmethod
    def from_settings(cls, settings: Settings) -> Thresholds:
        """Read the thresholds from a Settings object."""
        return cls(
            silent_business_days=settings.silent_business_days,
            stage_age_days=settings.stage_age_days,
            single_thread_amount=settings.single_thread_amount,
            champion_silent_days=settings.champion_silent_days,
            close_date_pushes=settings.close_date_pushes,
        )


@dataclass(frozen=True)
class RiskReason:
    """One rule a deal broke: its points, the evidence in words, the next best action, and the records behind it."""

    code: str
    points: int
    evidence: str
    action: str
    facts: dict[str, Any] = field(default_factory=dict)
    records: dict[str, list[int]] = field(default_factory=dict)
    """Record ids by table (`engagement`, `dealstagechange`, `closedatechange`, `contact`)."""

    @property
    def label(self) -> str:
        """Short human name of the rule."""
        return REASON_LABELS.get(self.code, self.code)


@dataclass(frozen=True)
class DealHealth:
    """A deal's risk assessment."""

    deal_id: int
    deal_name: str
    company_id: int | None
    company_name: str | None
    owner_id: int | None
    owner_name: str | None
    stage: str
    amount: float | None
    close_date: date | None
    score: int
    reasons: list[RiskReason]
    assessed_at: datetime

    @property
    def level(self) -> str:
        """`high`, `medium` or `low`."""
        return risk_level(self.score)

    @property
    def reason_codes(self) -> list[str]:
        """The codes of the broken rules, strongest first."""
        return [r.code for r in self.reasons]


def risk_level(score: int) -> str:
    """The level shown to people for a risk score: `high`, `medium` or `low`."""
    return "high" if score >= HIGH else "medium" if score >= MEDIUM else "low"
