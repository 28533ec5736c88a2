"""Facts about an account's deals: who owns them, who the stakeholders are, who the champion is.

Answers come straight from the CRM's associations (`DealContact.role`), so "who is the champion" names the contact
the CRM names, or says that none is recorded.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from store.models import Contact, Deal, DealContact, Owner, pk_col
from tools.briefs import Stakeholder, _stakeholder
from tools.capabilities import Capability, Example, ToolContext
from tools.deals import CompanyMatch, CompanyRef, DealRow, company_name, deal_rows

Fact = Literal["owner", "stakeholders", "champion", "all"]


class DealFactsArgs(BaseModel):
    """Arguments of get_deal_facts."""

    company: str = Field(description="Company whose deals are asked about (name as typed; typos are fine).")
    fact: Fact = Field(
        default="all",
        description="What is asked: 'owner' (who owns / who is the AE on the deal), 'stakeholders' (contacts on the "
        "deal and their roles), 'champion' (the contact marked champion), or 'all'.",
    )


class DealFact(BaseModel):
    """One deal with its owner and stakeholders."""

    deal: DealRow
    owner_email: str | None = None
    owner_team: str | None = None
    stakeholders: list[Stakeholder]
    champion: Stakeholder | None = None


class DealFacts(BaseModel):
    """The facts asked about one company's deals (open deals first, then the most recently closed)."""

    company: CompanyRef
    fact: str
    deals: list[DealFact]
    total_deals: int


def deal_facts(session: Session, company_id: int, *, limit: int = 5) -> tuple[list[DealFact], int]:
    """The company's deals (open first, then most recently closed) with owner and stakeholders."""
    ids = list(
        session.exec(
            select(pk_col(Deal.id))
            .where(col(Deal.company_id) == company_id)
            .order_by(
                col(Deal.is_closed),
                col(Deal.closed_at).desc().nulls_first(),
                col(Deal.amount).desc().nulls_last(),
                col(Deal.id),
            )
        )
    )
    rows = deal_rows(session, ids[:limit])
    out = []
    for deal_id in ids[:limit]:
        deal = session.get(Deal, deal_id)
        owner = session.get(Owner, deal.owner_id) if deal and deal.owner_id else None
        people = session.exec(
            select(col(DealContact.role), Contact)
            .join(Contact, col(Contact.id) == col(DealContact.contact_id))
            .where(col(DealContact.deal_id) == deal_id)
            .order_by(col(Contact.id))
        ).all()
        stakeholders = [_stakeholder(contact, role) for role, contact in people]
        champion = next((s for s in stakeholders if s.role == "champion"), None)
        out.append(
            DealFact(
                deal=rows[deal_id],
                owner_email=owner.email if owner else None,
                owner_team=(owner.team or None) if owner else None,
                stakeholders=stakeholders,
                champion=champion,
            )
        )
    return out, len(ids)


def _facts(ctx: ToolContext, session: Session, a: DealFactsArgs) -> BaseModel:
    name, match = company_name(session, a.company)
    if name is None or match.company is None:
        return match
    facts, total = deal_facts(session, match.company.id)
    return DealFacts(company=match.company, fact=a.fact, deals=facts, total_deals=total)


CAPABILITIES = (
    Capability(
        name="get_deal_facts",
        summary="who owns an account's deal, its stakeholders and champion",
        description="Facts about one company's deals from the CRM: the owner (AE) of each deal, the stakeholders "
        "(contacts with their title and role: champion, economic buyer, technical evaluator, user) and the champion. "
        "Use for 'who owns the Acme deal', 'who is the champion at Globex', 'who are the stakeholders on Initech'.",
        args_schema=DealFactsArgs,
        run=_facts,
        result_types=(DealFacts, CompanyMatch),
        examples=(
            Example("who owns the Acme deal?", {"company": "Acme Corp", "fact": "owner"}),
            Example("who is the champion at Globex?", {"company": "Globex", "fact": "champion"}),
            Example("who are the stakeholders on Initech?", {"company": "Initech", "fact": "stakeholders"}),
        ),
    ),
)

__all__ = ["CAPABILITIES", "DealFact", "DealFacts", "deal_facts"]
