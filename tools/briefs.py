"""Brief v1: a one-pager on a company, built only from the store (every figure traceable to a row)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlmodel import Session, col, select

from store.models import STAGE_LABELS, Call, Company, Contact, Deal, DealContact, Owner
from tools.calls.transcripts import objections, parse_transcript, rep_names_for
from tools.capabilities import Capability, Example, Subcommand, ToolContext
from tools.deals import (
    CompanyArgs,
    CompanyMatch,
    CompanyRef,
    DealRow,
    Interaction,
    LatestOn,
    company_name,
    latest_on,
)
from tools.health import AtRiskDeal, AtRiskReason, Thresholds, assess_deals
from tools.sensitive import sensitive_calls

if TYPE_CHECKING:
    from settings import Settings

# Weights of the social-proof similarity: industry matters most, then size, then product. Published so the "why" of a
# suggestion can be checked by hand.
W_INDUSTRY, W_SIZE, W_PRODUCT = 0.5, 0.3, 0.2

DISCOVERY_BY_OBJECTION = {
    "pricing": "How is budget for this decided, and what would the cost of doing nothing be over the next year?",
    "competitor": "Which other options are you evaluating, and what would make one clearly better for you?",
    "timing": "What is driving the timeline, and what happens if this slips a quarter?",
    "security": "Which security or compliance reviews does a new vendor go through, and who runs them?",
    "integration": "Which systems must this connect to on day one, and who owns them?",
    "authority": "Who else needs to sign off, and what does each of them care about?",
    "already_have_tool": "What does the current process cost you each month, in hours or lost deals?",
}
DISCOVERY_BY_MISSING_ROLE = {
    "economic_buyer": "Who owns the budget for this, and can we include them in the next conversation?",
    "champion": "Who on your side would benefit most and could help drive this internally?",
    "decision_maker": "How will the final decision be made, and by whom?",
}


class Stakeholder(BaseModel):
    """A contact and their part in the deal."""

    name: str
    title: str | None = None
    seniority: str | None = None
    role: str | None = None


class SimilarCustomer(BaseModel):
    """A closed-won customer similar to the account, and why it is similar."""

    company: CompanyRef
    deal_name: str
    deal_hubspot_id: str | None = None
    amount: float | None = None
    product: str | None = None
    industry: str | None = None
    employees: int | None = None
    closed_at: datetime | None = None
    similarity: float
    why: list[str]


class ThemeCount(BaseModel):
    """An objection category seen on similar deals' calls, how often, with one example."""

    category: str
    calls: int
    example: str | None = None
    example_company: str | None = None


class Brief(BaseModel):
    """A company one-pager."""

    company: CompanyRef
    industry: str | None = None
    employees: int | None = None
    region: str | None = None
    primary_deal: DealRow | None = None
    health: AtRiskDeal | None = None
    """The primary deal's deal health (risk score, reasons, next best actions), when assessed."""
    open_deals: list[DealRow]
    stakeholders: list[Stakeholder]
    last_interactions: list[Interaction]
    next_meeting: Interaction | None = None
    open_tasks: list[Interaction]
    social_proof: list[SimilarCustomer]
    themes: list[ThemeCount]
    similar_calls_read: int
    discovery_questions: list[str]


def _size_similarity(a: int | None, b: int | None) -> float:
    if not a or not b:
        return 0.0
    # 1.0 for equal sizes, 0 when one is 10x the other (log scale: 100 vs 150 employees are close, 100 vs 5000 not).
    return max(0.0, 1.0 - abs(math.log10(a) - math.log10(b)))


def similar_won_customers(
    session: Session, company: Company, product: str | None, *, limit: int = 3
) -> list[SimilarCustomer]:
    """Rank closed-won deals at other companies by industry, size and product similarity to `company`.

    Reads the narrowest set that provably holds the top `limit` first (same industry, product and size band), then
    deals sharing the industry or the product (either outweighs the best size match), and everything only as a last
    resort.
    """
    from sqlalchemy import Row, or_
    from sqlalchemy import select as sa_select  # twelve columns: more than sqlmodel's `select` is typed for

    columns = (
        col(Deal.id),
        col(Deal.name),
        col(Deal.hubspot_id),
        col(Deal.amount),
        col(Deal.product),
        col(Deal.closed_at),
        col(Company.id),
        col(Company.name),
        col(Company.domain),
        col(Company.hubspot_id),
        col(Company.industry),
        col(Company.employees),
    )
    base = (
        sa_select(*columns)
        .join(Company, col(Company.id) == Deal.company_id)
        .where(col(Deal.is_won) == True, col(Deal.company_id) != company.id)  # noqa: E712
    )
    shared = [
        c
        for c in (
            col(Company.industry) == company.industry if company.industry else None,
            col(Deal.product) == product if product else None,
        )
        if c is not None
    ]
    rows: Sequence[Row[*tuple[Any, ...]]] = []
    if company.industry and product and company.employees:
        # Same industry, same product and within 3x the size scores at least 0.857, more than anything outside that
        # set can reach (0.8), so when it holds `limit` companies nothing else needs reading.
        rows = session.execute(
            base.where(
                col(Company.industry) == company.industry,
                col(Deal.product) == product,
                col(Company.employees).between(company.employees / 3, company.employees * 3),
            )
        ).all()
    if len({r[6] for r in rows}) < limit:
        rows = session.execute(base.where(or_(*shared))).all() if shared else []
    if len({r[6] for r in rows}) < limit:
        rows = session.execute(base).all()
    best: dict[int, SimilarCustomer] = {}
    for (
        deal_id,
        deal_name,
        deal_hs,
        amount,
        deal_product,
        closed_at,
        cid,
        cname,
        cdomain,
        chs,
        industry,
        employees,
    ) in rows:
        del deal_id
        why: list[str] = []
        score = 0.0
        if company.industry and industry == company.industry:
            score += W_INDUSTRY
            why.append(f"same industry ({industry})")
        size = _size_similarity(company.employees, employees)
        score += W_SIZE * size
        if size >= 0.7:
            why.append(f"similar size ({employees:,} vs {company.employees:,} employees)")
        elif size >= 0.3:
            why.append(f"comparable size ({employees:,} vs {company.employees:,} employees)")
        if product and deal_product == product:
            score += W_PRODUCT
            why.append(f"bought the same product ({product})")
        if score <= 0:
            continue
        current = best.get(cid)
        if current is not None and (current.similarity, current.amount or 0) >= (round(score, 3), amount or 0):
            continue
        best[cid] = SimilarCustomer(
            company=CompanyRef(id=cid, name=cname, domain=cdomain, hubspot_id=chs),
            deal_name=deal_name,
            deal_hubspot_id=deal_hs,
            amount=amount,
            product=deal_product,
            industry=industry,
            employees=employees,
            closed_at=closed_at,
            similarity=round(score, 3),
            why=why or ["closest overall match"],
        )
    ranked = sorted(best.values(), key=lambda c: (-c.similarity, -(c.amount or 0), c.company.name))
    return ranked[:limit]


def similar_deal_themes(
    session: Session, company: Company, product: str | None, *, max_calls: int = 60
) -> tuple[list[ThemeCount], int]:
    """Count objection categories on recent calls of similar deals (same industry or product, other companies)."""
    conditions = []
    if company.industry:
        conditions.append(col(Company.industry) == company.industry)
    if product:
        conditions.append(col(Deal.product) == product)
    if not conditions:
        return [], 0
    from sqlalchemy import or_

    rows = session.exec(
        select(Call, col(Company.name), col(Owner.name))
        .join(Deal, col(Deal.id) == Call.deal_id)
        .join(Company, col(Company.id) == Deal.company_id)
        .outerjoin(Owner, col(Owner.id) == Call.owner_id)
        .where(col(Deal.company_id) != company.id, or_(*conditions))
        .order_by(col(Call.started_at).desc())
        .limit(max_calls)
    ).all()
    counts: Counter[str] = Counter()
    examples: dict[str, tuple[str, str]] = {}
    hidden = sensitive_calls(session, [r[0] for r in rows])  # briefs go to channels: no sensitive call is quoted
    for call, call_company, owner_name in rows:
        if call.id in hidden:
            continue
        found = objections(parse_transcript(call.transcript), call.labels, rep_names_for(call.labels, owner_name))
        for category in {o.category for o in found}:
            counts[category] += 1
        for o in found:
            examples.setdefault(o.category, (o.text, call_company))
    themes = [
        ThemeCount(category=c, calls=n, example=examples[c][0], example_company=examples[c][1])
        for c, n in counts.most_common(4)
    ]
    return themes, len(rows)


def build_brief(
    session: Session, company: str, *, now: datetime, settings: Settings | None = None, deal_id: int | None = None
) -> Brief | CompanyMatch:
    """Build the one-pager for `company`, or return the CompanyMatch when the name does not resolve.

    `deal_id` picks the deal the meeting is about (else the largest open one); with `settings` the primary deal's
    health is assessed with the same rules as the risk alerts.
    """
    latest = latest_on(session, company, now=now)
    if not isinstance(latest, LatestOn):
        return latest
    row = session.get(Company, latest.company.id)
    assert row is not None
    open_deals = [d for d in latest.deals if d.stage not in ("closedwon", "closedlost")]
    chosen = [d for d in latest.deals if d.id == deal_id]
    primary = chosen[0] if chosen else open_deals[0] if open_deals else (latest.deals[0] if latest.deals else None)
    product = session.get(Deal, primary.id).product if primary else None  # type: ignore[union-attr]

    stakeholders: list[Stakeholder] = []
    roles: set[str] = set()
    if primary:
        for link, contact in session.exec(
            select(DealContact, Contact)
            .join(Contact, col(Contact.id) == DealContact.contact_id)
            .where(col(DealContact.deal_id) == primary.id)
        ).all():
            roles.add((link.role or "").lower())
            stakeholders.append(_stakeholder(contact, link.role))
    if not stakeholders:
        for contact in session.exec(select(Contact).where(col(Contact.company_id) == row.id).limit(6)).all():
            stakeholders.append(_stakeholder(contact, None))

    social = similar_won_customers(session, row, product)
    themes, calls_read = similar_deal_themes(session, row, product)
    questions = [DISCOVERY_BY_OBJECTION[t.category] for t in themes if t.category in DISCOVERY_BY_OBJECTION]
    questions += [q for role, q in DISCOVERY_BY_MISSING_ROLE.items() if primary and role not in roles]
    if primary and primary.close_date and primary.close_date < now.date():
        questions.append("The close date has passed: what changed, and what date is realistic now?")
    if not questions:
        questions.append("What would success look like six months after going live?")
    return Brief(
        company=latest.company,
        industry=row.industry,
        employees=row.employees,
        region=row.region,
        primary_deal=primary,
        health=_health(session, primary, now=now, settings=settings),
        open_deals=open_deals,
        stakeholders=stakeholders[:8],
        last_interactions=latest.last_interactions[:5],
        next_meeting=latest.next_meeting,
        open_tasks=latest.open_tasks[:5],
        social_proof=social,
        themes=themes,
        similar_calls_read=calls_read,
        discovery_questions=list(dict.fromkeys(questions))[:5],
    )


def _health(session: Session, deal: DealRow | None, *, now: datetime, settings: Settings | None) -> AtRiskDeal | None:
    if deal is None or settings is None or deal.stage in ("closedwon", "closedlost"):
        return None
    assessed = assess_deals(
        session, now=now, thresholds=Thresholds.from_settings(settings), tz=settings.tz, deal_ids=[deal.id]
    )
    if not assessed:
        return None
    h = assessed[0]
    reasons = [
        AtRiskReason(code=r.code, label=r.label, points=r.points, evidence=r.evidence, action=r.action)
        for r in h.reasons
    ]
    return AtRiskDeal(deal=deal, score=h.score, level=h.level, reasons=reasons)


def _stakeholder(contact: Contact, role: str | None) -> Stakeholder:
    return Stakeholder(
        name=f"{contact.first_name} {contact.last_name}".strip() or (contact.email or "unknown"),
        title=contact.title,
        seniority=contact.seniority,
        role=role,
    )


__all__ = ["STAGE_LABELS", "Brief", "SimilarCustomer", "Stakeholder", "ThemeCount", "build_brief"]


# --- capability ------------------------------------------------------------------------------------------------------


def _brief(ctx: ToolContext, session: Session, a: CompanyArgs) -> BaseModel:
    name, match = company_name(session, a.company)
    return build_brief(session, name, now=ctx.now, settings=ctx.settings) if name else match


CAPABILITIES = (
    Capability(
        name="get_company_brief",
        summary="a pre-call brief on an account",
        description="A one-page brief to prepare a meeting: summary, stakeholders, last interactions, next meeting, "
        "open tasks, the 3 most similar closed-won customers (social proof, with why), objections seen on similar "
        "deals, and discovery questions.",
        args_schema=CompanyArgs,
        run=_brief,
        result_types=(Brief, CompanyMatch),
        examples=(Example("brief Acme", {"company": "Acme"}), Example("prep me for Globex", {"company": "Globex"})),
        subcommand=Subcommand("brief", "brief <company>", "pre-call brief on an account", arg="company"),
    ),
)
