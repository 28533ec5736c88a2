"""Intake: validate, de-duplicate, score and store a lead in one transaction (every source calls `intake_lead`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from store.models import InboundLead
from tools.leads.facts import LeadFacts
from tools.leads.form import LeadIn, dedupe_key
from tools.leads.score import LeadScore
from tools.leads.scorer import LeadScorer, load_scorer

if TYPE_CHECKING:
    from settings import Settings


@dataclass
class IntakeResult:
    """What intake did: the lead's id, whether it was new (`created`) or a duplicate, and its score."""

    lead_id: int
    created: bool
    score: LeadScore | None
    dedupe_key: str
    source: str

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the HTTP answer."""
        out: dict[str, Any] = {"lead_id": self.lead_id, "duplicate": not self.created}
        if self.score is not None:
            out.update(self.score.as_dict())
        return out


def _existing(session: Session, key: str, hubspot_id: str | None) -> InboundLead | None:
    row = session.exec(select(InboundLead).where(col(InboundLead.dedupe_key) == key)).first()
    if row is None and hubspot_id:
        row = session.exec(select(InboundLead).where(col(InboundLead.hubspot_id) == hubspot_id)).first()
    return row


def intake_lead(
    engine: Engine,
    lead_in: LeadIn,
    *,
    source: str,
    settings: Settings | None = None,
    scorer: LeadScorer | None = None,
    now: datetime | None = None,
) -> IntakeResult:
    """Take one lead in: de-duplicate, score, and store it with its score in one transaction.

    A lead already known by `dedupe_key` (or by HubSpot id) is not stored again: the result points at the existing
    row with `created=False`, so the caller posts nothing twice. Two concurrent submissions of the same lead race on
    the unique key; the loser sees the winner's row.
    """
    from settings import get_settings

    settings = settings or get_settings()
    now = now or datetime.now(UTC)
    key = dedupe_key(lead_in.contact_email, lead_in.effective_domain)
    with Session(engine, expire_on_commit=False) as session:
        found = _existing(session, key, lead_in.hubspot_id)
        if found is not None:
            return IntakeResult(lead_id=int(found.id or 0), created=False, score=None, dedupe_key=key, source=source)
    scorer = scorer or load_scorer(engine, settings)
    facts = LeadFacts.from_input(lead_in, now=now, rates=settings.currency_rates)
    result = scorer.score(facts)
    row = InboundLead(
        hubspot_id=lead_in.hubspot_id,
        dedupe_key=key,
        submitted_at=facts.submitted_at,
        company_name=lead_in.company,
        domain=lead_in.effective_domain,
        company_size=lead_in.company_size,
        employee_count=lead_in.employee_count,
        budget=facts.budget,
        budget_given=lead_in.budget.given if lead_in.budget else None,
        budget_currency=lead_in.budget.currency if lead_in.budget else None,
        budget_low=lead_in.budget.low if lead_in.budget else None,
        budget_high=lead_in.budget.high if lead_in.budget else None,
        budget_note=facts.budget_note,
        interest_area=lead_in.interest_area,
        timeline=lead_in.timeline,
        notes=lead_in.notes,
        contact_name=lead_in.contact_name,
        contact_email=lead_in.contact_email,
        contact_title=lead_in.contact_title,
        source=source,
        score=float(result.score),
        tier=result.tier,
        score_reasons=result.reasons,
        disqualifiers=[f.message for f in result.flags],
        scored_at=now,
        status="new",
    )
    try:
        with Session(engine, expire_on_commit=False) as session:
            session.add(row)
            session.commit()
            lead_id = int(row.id or 0)
    except IntegrityError:
        with Session(engine) as session:
            found = _existing(session, key, lead_in.hubspot_id)
        if found is None:
            raise
        return IntakeResult(lead_id=int(found.id or 0), created=False, score=None, dedupe_key=key, source=source)
    return IntakeResult(lead_id=lead_id, created=True, score=result, dedupe_key=key, source=source)


HUBSPOT_LEAD_PROPERTIES = {
    "company": "company",
    "website": "domain",
    "domain": "domain",
    "company_size": "company_size",
    "numemployees": "employee_count",
    "budget": "budget",
    "interest_area": "interest_area",
    "timeline": "timeline",
    "message": "notes",
    "notes": "notes",
    "email": "contact_email",
    "jobtitle": "contact_title",
    "createdate": "submitted_at",
}
"""HubSpot contact/form property → intake field. `budget`, `timeline`, `interest_area`, `company_size` are the
custom properties the website form writes; the rest are HubSpot defaults."""


def lead_in_from_hubspot(properties: dict[str, Any], *, hubspot_id: str | None = None) -> LeadIn:
    """Build the intake form from a HubSpot contact's (or form submission's) properties.

    Raises:
        ValidationError: The properties lack what a lead needs (company, email) or hold bad values.
    """
    data: dict[str, Any] = {}
    for prop, name in HUBSPOT_LEAD_PROPERTIES.items():
        value = properties.get(prop)
        if value not in (None, "") and name not in data:
            data[name] = value
    first, last = properties.get("firstname") or "", properties.get("lastname") or ""
    if (first or last) and "contact_name" not in data:
        data["contact_name"] = f"{first} {last}".strip()
    if hubspot_id:
        data["hubspot_id"] = hubspot_id
    return LeadIn.model_validate(data)


def intake_hubspot_contact(
    engine: Engine, properties: dict[str, Any], *, hubspot_id: str, settings: Settings | None = None
) -> IntakeResult:
    """The HubSpot path into intake (form submissions, new contacts after a sync): same checks, same scoring."""
    return intake_lead(
        engine, lead_in_from_hubspot(properties, hubspot_id=hubspot_id), source="hubspot", settings=settings
    )
