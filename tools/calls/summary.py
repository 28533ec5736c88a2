"""Call summaries: the latest recorded call with a company, summarised extractively (quoted lines, no generation)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlmodel import Session, col, select

from store.models import Call, Deal, Owner
from tools.calls.transcripts import (
    NEXT_STEP_WORDS,
    PAIN_WORDS,
    competitors,
    is_rep,
    objections,
    parse_transcript,
    rep_names_for,
    segment_lines,
)
from tools.capabilities import Capability, Example, Subcommand, ToolContext
from tools.deals import CompanyArgs, CompanyMatch, CompanyRef, company_name, resolve_company
from tools.sensitive import DEFAULT_RULES, SensitivityRules, may_see, rules_of, sensitive_calls


class QuotedLine(BaseModel):
    """A transcript line quoted as is."""

    at: str
    speaker: str
    text: str


class ObjectionQuote(BaseModel):
    """An objection raised on a call and the rep's answer."""

    category: str
    quote: QuotedLine
    response: str | None = None


SENSITIVE_LOOKBACK = 20
"""Recent calls looked at for one that may be summarised when the latest ones are sensitive."""


class CallSummary(BaseModel):
    """An extractive summary of one call."""

    call_id: int
    company: CompanyRef
    deal_id: int | None = None
    deal_name: str | None = None
    deal_hubspot_id: str | None = None
    owner_name: str | None = None
    started_at: datetime
    duration_minutes: int | None = None
    speakers: list[str]
    pains: list[QuotedLine]
    objections: list[ObjectionQuote]
    competitors: list[str]
    next_steps: list[QuotedLine]
    line_count: int
    sensitive: str | None = None
    """Why the call is sensitive (`tools.sensitive`): set only in its owner's own DM answer, where alone it shows."""


def _quote(line) -> QuotedLine:  # type: ignore[no-untyped-def]
    return QuotedLine(at=line.at, speaker=line.speaker, text=line.text)


def summarize_call(session: Session, call: Call, company: CompanyRef) -> CallSummary:
    """Summarise one call: who spoke, the buyer's pains, objections with answers, competitors, next steps."""
    owner = session.get(Owner, call.owner_id) if call.owner_id else None
    deal = session.get(Deal, call.deal_id) if call.deal_id else None
    rep_names = rep_names_for(call.labels, owner.name if owner else None)
    lines = parse_transcript(call.transcript)
    speakers = list(dict.fromkeys(line.speaker for line in lines))
    buyer = [line for line in lines if not is_rep(line.speaker, rep_names)]
    pains = [_quote(line) for line in buyer if any(w in line.text.lower() for w in PAIN_WORDS)][:3]
    if not pains:
        # No pain words: quote the buyer's substantial answers in the labelled discovery part, if there is one.
        discovery = segment_lines(lines, call.labels, "discovery")
        if len(discovery) < len(lines):
            pains = [
                _quote(line)
                for line in discovery
                if not is_rep(line.speaker, rep_names) and len(line.text.split()) >= 8
            ][:3]
    objs = [
        ObjectionQuote(
            category=o.category, quote=QuotedLine(at=o.at, speaker=o.speaker, text=o.text), response=o.response
        )
        for o in objections(lines, call.labels, rep_names)
    ][:4]
    commitments = [c for c in (call.labels or {}).get("commitments") or [] if isinstance(c, dict)]
    if commitments:  # labelled commitments are exact; keyword matching is the fallback for unlabelled calls
        by_number = {line.index + 1: line for line in lines}
        steps = [_quote(by_number[c["line"]]) for c in commitments if c.get("line") in by_number][:4]
    else:
        closing = segment_lines(lines, call.labels, "next_steps")
        steps = [_quote(line) for line in closing if any(w in line.text.lower() for w in NEXT_STEP_WORDS)][-3:]
    return CallSummary(
        call_id=call.id,
        company=company,
        deal_id=deal.id if deal else None,
        deal_name=deal.name if deal else None,
        deal_hubspot_id=deal.hubspot_id if deal else None,
        owner_name=owner.name if owner else None,
        started_at=call.started_at,
        duration_minutes=round(call.duration_seconds / 60) if call.duration_seconds else None,
        speakers=speakers,
        pains=pains,
        objections=objs,
        competitors=competitors(call.labels),
        next_steps=steps,
        line_count=len(lines),
    )


class NoCall(BaseModel):
    """The company resolved but has no recorded call."""

    company: CompanyRef
    message: str


def latest_call_summary(
    session: Session,
    company: str,
    *,
    now: datetime,
    rules: SensitivityRules = DEFAULT_RULES,
    asker_owner_id: int | None = None,
    private: bool = False,
) -> CallSummary | NoCall | CompanyMatch:
    """Summarise the latest recorded call with a company (before `now`), or say why there is none.

    A sensitive call (`rules`) is summarised only for its owner in their DM (`private`); anyone else gets the latest
    call that is not sensitive.
    """
    match = resolve_company(session, company)
    if match.company is None:
        return match
    calls = session.exec(
        select(Call)
        .where(col(Call.company_id) == match.company.id, col(Call.started_at) <= now)
        .order_by(col(Call.started_at).desc())
        .limit(SENSITIVE_LOOKBACK)
    ).all()
    if not calls:
        return NoCall(company=match.company, message=f"No recorded call with {match.company.name} yet.")
    hidden = sensitive_calls(session, calls, rules)
    for call in calls:
        reason = hidden.get(call.id or 0)
        if reason is None or may_see(owner_id=call.owner_id, asker_owner_id=asker_owner_id, private=private):
            return summarize_call(session, call, match.company).model_copy(update={"sensitive": reason})
    return NoCall(
        company=match.company,
        message=f"The recent calls with {match.company.name} are sensitive: only their rep sees them, in a DM.",
    )


# --- capability ------------------------------------------------------------------------------------------------------


def _call_summary(ctx: ToolContext, session: Session, a: CompanyArgs) -> BaseModel:
    name, match = company_name(session, a.company)
    if not name:
        return match
    return latest_call_summary(
        session,
        name,
        now=ctx.now,
        rules=rules_of(ctx.settings),
        asker_owner_id=ctx.asker_owner_id,
        private=ctx.private,
    )


CAPABILITIES = (
    Capability(
        name="get_call_summary",
        summary="summary of the last call with an account",
        description="Summarise the latest recorded call with a company, quoting the transcript: pains, objections "
        "with the rep's answers, competitors, next steps.",
        args_schema=CompanyArgs,
        run=_call_summary,
        result_types=(CallSummary, NoCall, CompanyMatch),
        examples=(
            Example("summarize the last call with Globex", {"company": "Globex"}),
            Example("how did the Acme call go?", {"company": "Acme"}),
        ),
        subcommand=Subcommand("call", "call <company>", "summary of the last call", arg="company"),
    ),
)
