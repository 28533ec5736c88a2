"""The copilot's lead-scoring arguments and the plain-lines format of a score."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field
from sqlalchemy import Engine

if TYPE_CHECKING:
    from settings import Settings
    from tools.leads.score import LeadScore


class ScoreLeadArgs(BaseModel):
    """Arguments of the `score_lead` tool."""

    company: str = Field(description="Company name of the lead.")
    contact_email: str = Field(description="The contact's email address; its domain is checked for free-mail.")
    domain: str | None = Field(default=None, description="Company website or domain, if known.")
    company_size: str | None = Field(default=None, description='Size band such as "51-200", if known.')
    employee_count: int | None = Field(default=None, description="Number of employees, if known.")
    budget: str | None = Field(
        default=None, description='Stated budget as typed, e.g. "$50k", "$50k-$100k" or "€75.000".'
    )
    interest_area: str | None = Field(default=None, description="Product or area the lead asked about.")
    timeline: str | None = Field(default=None, description='When they want to buy, e.g. "this quarter".')
    notes: str | None = Field(default=None, description="The lead's message, verbatim.")
    contact_title: str | None = Field(default=None, description="The contact's job title.")


def format_lead_score(result: LeadScore, company: str) -> str:
    """The score in a few plain lines (CLI and copilot)."""
    lines = [f"{company}: score {result.score}/100, tier {result.tier} ({result.method})"]
    lines += [f"  - {reason}" for reason in result.reasons]
    lines += [f"  ! {flag.message}" for flag in result.flags] or ["  no disqualification flags"]
    if result.model_note:
        lines.append(f"  ({result.model_note})")
    return "\n".join(lines)


def score_this_lead(engine: Engine, settings: Settings, **fields: Any) -> LeadScore:
    """Score a lead described by its fields (the copilot's "score this lead").

    Raises:
        ValidationError: A field is missing or malformed.
    """
    # Here, not at import: the copilot's capability registry imports this module for `ScoreLeadArgs`, and the form
    # and scorer (email_validator, price_parser, the lead model) cost every cold `ask` 80 ms it rarely needs.
    from tools.leads.form import LeadIn
    from tools.leads.scorer import score_lead

    return score_lead(LeadIn.model_validate(fields), engine=engine, settings=settings)
