"""Deal health: a risk score 0–100 for every open deal, the reasons behind it, and a next best action per reason.

Modules: `model` (thresholds, reasons, the playbook), `book` (today's book scored in one scan of the open deals and
their engagement aggregates, the rules vectorised), `inputs` (what the rules read, from the raw rows: a past book, and
the reference the aggregates are tested against), `rules` (one small function per rule, in one table), `assess`
(score and sort the book), `at_risk` (the copilot's answer). The score is the sum of the broken rules' points, capped
at 100. The names below are the package's API.
"""

from tools.health.assess import assess_deals, is_worse
from tools.health.at_risk import AT_RISK_SHOWN, AtRiskDeal, AtRiskReason, AtRiskResult, at_risk_deals
from tools.health.inputs import stages_as_of, won_stage_medians
from tools.health.model import (
    HIGH,
    MEDIUM,
    PLAYBOOK,
    REASON_LABELS,
    DealHealth,
    RiskReason,
    Thresholds,
    risk_level,
)
from tools.health.rules import RULES

__all__ = [
    "AT_RISK_SHOWN",
    "HIGH",
    "MEDIUM",
    "PLAYBOOK",
    "REASON_LABELS",
    "RULES",
    "AtRiskDeal",
    "AtRiskReason",
    "AtRiskResult",
    "DealHealth",
    "RiskReason",
    "Thresholds",
    "assess_deals",
    "at_risk_deals",
    "is_worse",
    "risk_level",
    "stages_as_of",
    "won_stage_medians",
]
