"""Lead scores in the copilot: find inbound leads by company (or the newest ones) and show their score and reasons.

Scoring itself belongs to `tools/leads.py`; a lead already scored at intake shows its stored score, one that was not
is scored now through `tools.leads.score_this_lead`. Read-only: nothing is written back.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session, col, select

from store.models import InboundLead
from tools.capabilities import Capability, Example, Subcommand, ToolContext, ToolUserError
from tools.matching import match_name

if TYPE_CHECKING:
    from settings import Settings

NEWEST = 5


class LeadScoreRow(BaseModel):
    """One lead and its score."""

    lead_id: int
    company: str
    contact: str | None = None
    submitted_at: datetime
    score: float | None = None
    tier: str | None = None
    method: str = "stored"
    """`stored` (scored at intake), or how it was scored now: `learned` or `rules`."""
    reasons: list[str] = []
    flags: list[str] = []
    problem: str | None = None


class LeadScores(BaseModel):
    """Leads found for a question, with their scores; `candidates` when the company matched no lead clearly."""

    query: str | None
    status: str
    """`found`, `newest` or `unknown`."""
    leads: list[LeadScoreRow]
    candidates: list[str] = []


def _row(lead: InboundLead, engine: Any, settings: Settings) -> LeadScoreRow:
    row = LeadScoreRow(
        lead_id=lead.id,
        company=lead.company_name,
        contact=lead.contact_name or lead.contact_email,
        submitted_at=lead.submitted_at,
    )
    if lead.score is not None:
        row.score, row.tier = lead.score, lead.tier
        row.reasons, row.flags = list(lead.score_reasons or []), list(lead.disqualifiers or [])
        return row
    from tools.leads.tool import score_this_lead

    fields = {
        "company": lead.company_name,
        "contact_email": lead.contact_email,
        "domain": lead.domain,
        "company_size": lead.company_size,
        "employee_count": lead.employee_count,
        "budget": lead.budget_given or (None if lead.budget is None else str(lead.budget)),
        "interest_area": lead.interest_area,
        "timeline": lead.timeline,
        "notes": lead.notes,
        "contact_title": lead.contact_title,
    }
    try:
        result = score_this_lead(engine, settings, **{k: v for k, v in fields.items() if v is not None})
    except ValidationError as exc:
        row.problem = "cannot be scored: " + "; ".join(str(e["msg"]) for e in exc.errors())
        return row
    row.score, row.tier, row.method = result.score, result.tier, result.method
    row.reasons, row.flags = list(result.reasons), [f.message for f in result.flags]
    return row


def lead_scores(session: Session, company: str | None, *, now: datetime, engine: Any, settings: Settings) -> LeadScores:
    """The newest leads of `company` (fuzzy), or the newest leads overall, with their scores."""
    base = (
        select(InboundLead).where(col(InboundLead.submitted_at) <= now).order_by(col(InboundLead.submitted_at).desc())
    )
    if not company:
        leads = session.exec(base.limit(NEWEST)).all()
        return LeadScores(query=None, status="newest", leads=[_row(lead, engine, settings) for lead in leads])
    names = sorted(set(session.exec(select(col(InboundLead.company_name))).all()))
    found = match_name(company, {n: n for n in names}, exact=[n for n in names if n.lower() == company.strip().lower()])
    chosen = found.key if found.status in ("exact", "fuzzy") else None
    if chosen is None:
        return LeadScores(query=company, status="unknown", leads=[], candidates=found.candidates)
    leads = session.exec(base.where(col(InboundLead.company_name) == chosen).limit(NEWEST)).all()
    return LeadScores(query=company, status="found", leads=[_row(lead, engine, settings) for lead in leads])


# --- capabilities ----------------------------------------------------------------------------------------------------


class LeadScoreArgs(BaseModel):
    """Arguments of get_lead_score."""

    company: str | None = Field(
        default=None, description="Company of the inbound lead (as typed); leave empty for the newest leads."
    )


class ScoredLead(BaseModel):
    """A lead described in the conversation, scored now."""

    company: str
    score: int
    tier: str
    method: str
    reasons: list[str]
    flags: list[str]
    model_note: str = ""


def _lead_score(ctx: ToolContext, session: Session, a: LeadScoreArgs) -> BaseModel:
    return lead_scores(session, a.company, now=ctx.now, engine=ctx.engine, settings=ctx.settings)


def _score_described_lead(ctx: ToolContext, session: Session, a: BaseModel) -> BaseModel:
    from tools.leads.tool import score_this_lead

    fields = {k: v for k, v in a.model_dump().items() if v is not None}
    try:
        result = score_this_lead(ctx.engine, ctx.settings, **fields)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ToolUserError(f"I can't score this lead: {problems}. Give me the missing details.") from exc
    return ScoredLead(
        company=fields["company"],
        score=result.score,
        tier=result.tier,
        method=result.method,
        reasons=list(result.reasons),
        flags=[f.message for f in result.flags],
        model_note=result.model_note,
    )


def _score_lead_args() -> type[BaseModel]:
    from tools.leads.tool import ScoreLeadArgs

    return ScoreLeadArgs


CAPABILITIES = (
    Capability(
        name="get_lead_score",
        summary="score of inbound leads",
        description="Score of inbound leads (0-100, tier A-D, reasons, disqualification flags): the newest leads of a "
        "company, or the newest leads overall when no company is given.",
        args_schema=LeadScoreArgs,
        run=_lead_score,
        result_types=(LeadScores,),
        examples=(
            Example("score my newest inbound leads", {}),
            Example("what's the lead score for Initech?", {"company": "Initech"}),
        ),
        subcommand=Subcommand("score", "score [company]", "scores of inbound leads", arg="company"),
    ),
    Capability(
        name="score_lead",
        summary="score a lead you describe",
        description="Score an inbound lead 0-100 with a tier A-D, the reasons and any early-disqualification flags "
        "(budget floor, timeline horizon, free-mail/student domain, competitor, spam notes). Use when the user "
        'says "score this lead" or pastes a lead\'s details.',
        args_schema=_score_lead_args(),
        run=_score_described_lead,
        result_types=(ScoredLead,),
    ),
)
