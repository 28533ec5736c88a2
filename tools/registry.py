"""Every copilot capability as one named, typed, read-only tool: run by the offline router and by the LLM agent alike.

`run_tool(ctx, name, args)` validates the arguments against the tool's pydantic schema, runs the plain function in
`tools/`, records the call and its structured result on the context, and returns the result. `langchain_tools(ctx)`
wraps the same entries as LangChain `StructuredTool`s whose output is the result as JSON, so the model sees exactly the
data the renderer shows. No tool writes to the CRM or the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError
from rapidfuzz import fuzz, process, utils
from sqlalchemy import Engine
from sqlmodel import Session, select

from store.models import OPEN_STAGES, STAGE_LABELS, Owner

MAX_TOOL_JSON = 12_000  # characters of a tool result shown to the model; the renderer still gets the full data


class ToolUserError(Exception):
    """A problem in the arguments that the asker (or the model) can fix, with a message saying how."""


@dataclass
class ToolCall:
    """One executed tool call and its structured result."""

    name: str
    args: dict[str, Any]
    result: BaseModel | None = None
    error: str | None = None


@dataclass
class ToolContext:
    """What every tool call needs: the store, settings, the clock, who is asking; and a log of the calls made."""

    engine: Engine
    settings: Any
    now: datetime
    asker_owner_id: int | None = None
    library: Any = None
    calls: list[ToolCall] = field(default_factory=list)

    def get_library(self) -> Any:
        """Open (and seed when new) the library on first use."""
        if self.library is None:
            from store.library import open_library_from_settings, seed_library

            self.library = open_library_from_settings(self.settings)
            seed_library(self.engine, self.library)
        return self.library


# --- argument schemas: the descriptions are what the model reads to decide how to call a tool ----------------------

OwnersField = Field(
    default=None,
    description='Restrict to these owners: full or first names of AEs, a team name, or "me" for the person asking. '
    "Leave empty for the whole team.",
)


class SearchDealsArgs(BaseModel):
    """Arguments of search_deals."""

    owners: list[str] | None = OwnersField
    stages: list[str] | None = Field(
        default=None,
        description="Only deals in these stages (keys such as 'contractsent' or labels such as 'Contract sent'). "
        "Use for 'deals in negotiation/contract stage'.",
    )
    closing_from: date | None = Field(
        default=None, description="Earliest expected close date (ISO date). Use for 'closing this month/quarter'."
    )
    closing_to: date | None = Field(default=None, description="Latest expected close date (ISO date), inclusive.")
    min_amount: float | None = Field(default=None, description="Only deals worth at least this much (USD).")
    company: str | None = Field(default=None, description="Only deals of this company (name as typed).")
    include_closed: bool = Field(default=False, description="True to include won and lost deals.")
    limit: int = Field(default=25, ge=1, le=200, description="Most deals to return, largest first.")


class SilentDealsArgs(BaseModel):
    """Arguments of list_silent_deals."""

    days: int = Field(
        default=5, ge=1, le=365, description="Minimum days since the buyer last engaged ('silent 5+ days' → 5)."
    )
    owners: list[str] | None = OwnersField


class CompanyArgs(BaseModel):
    """A company, as the asker typed it."""

    company: str = Field(description="Company name as typed (typos are fine: it is matched fuzzily).")


class PipelineArgs(BaseModel):
    """Arguments of summarize_pipeline."""

    by: Literal["stage", "owner"] = Field(default="stage", description="Group open pipeline by 'stage' or 'owner'.")
    owners: list[str] | None = OwnersField


class AtRiskArgs(BaseModel):
    """Arguments of list_at_risk_deals."""

    owners: list[str] | None = OwnersField
    company: str | None = Field(default=None, description="Only this company's deals (name as typed).")


class ObjectionArgs(BaseModel):
    """Arguments of search_objection_handling."""

    query: str = Field(description="The objection or situation in the buyer's words, e.g. 'your price is too high'.")
    category: str | None = Field(
        default=None,
        description="Optional filter: pricing, competitor, timing, security, integration, authority, "
        "already_have_tool.",
    )


# --- results that wrap lists, so every tool returns one model --------------------------------------------------------


class DealList(BaseModel):
    """Deals found, with the filters applied (resolved)."""

    filters: dict[str, Any]
    owners: list[str]
    deals: list[Any]
    total: int
    total_amount: float


class SilentList(BaseModel):
    """Silent deals."""

    days: int
    owners: list[str]
    deals: list[Any]
    total: int
    total_amount: float


class PipelineResult(BaseModel):
    """Pipeline buckets."""

    by: str
    owners: list[str]
    rows: list[Any]
    total_count: int
    total_amount: float


class LeadScoreArgs(BaseModel):
    """Arguments of get_lead_score."""

    company: str | None = Field(
        default=None, description="Company of the inbound lead (as typed); leave empty for the newest leads."
    )


class LeadScoringUnavailable(BaseModel):
    """Lead scoring is not built yet: said plainly rather than faked."""

    message: str = "Lead scoring isn't available yet in this Sales OS install."


# --- resolution helpers ---------------------------------------------------------------------------------------------

ME_WORDS = {"me", "my", "mine", "i", "myself"}


def resolve_owners(
    session: Session, names: list[str] | None, asker_owner_id: int | None
) -> tuple[list[int], list[str]]:
    """Turn owner names / team names / "me" into owner ids and display names; raise ToolUserError when unknown."""
    if not names:
        return [], []
    owners = session.exec(select(Owner)).all()
    ids: list[int] = []
    labels: list[str] = []
    teams = {_team_core(o.team): o.team for o in owners if o.team}
    for raw in names:
        name = raw.strip()
        low = name.lower()
        if low in ME_WORDS:
            if asker_owner_id is None:
                raise ToolUserError(
                    "I don't know which owner you are, so I can't tell which deals are yours. "
                    "In Slack your email links you; in the terminal pass --as-owner OWNER_ID. "
                    "Or name the owner, e.g. 'silent deals for Dana'."
                )
            me = next((o for o in owners if o.id == asker_owner_id), None)
            if me is None:
                raise ToolUserError(f"Owner id {asker_owner_id} is not in the store.")
            ids.append(me.id)  # type: ignore[arg-type]
            labels.append(me.name)
            continue
        team_key = _team_core(low)
        if team_key in teams:
            members = [o for o in owners if o.team and _team_core(o.team) == team_key]
            ids += [o.id for o in members]  # type: ignore[misc]
            labels.append(teams[team_key])
            continue
        match = _match_owner(owners, name)
        if match is None:
            known = ", ".join(sorted(o.name for o in owners if o.role == "ae"))
            raise ToolUserError(f"I don't know an owner called '{name}'. Owners: {known}.")
        ids.append(match.id)  # type: ignore[arg-type]
        labels.append(match.name)
    return list(dict.fromkeys(ids)), list(dict.fromkeys(labels))


def _team_core(name: str) -> str:
    """Reduce a team name to its core: "Team East", "east team" and "East" name the same team."""
    return name.strip().lower().removeprefix("team ").removesuffix(" team").removesuffix("'s").strip()


def _match_owner(owners: list[Owner], name: str) -> Owner | None:
    low = name.lower()
    exact = [o for o in owners if o.name.lower() == low or o.email.lower() == low]
    if exact:
        return exact[0]
    first = [o for o in owners if o.name.lower().split()[0] == low or o.name.lower().split()[-1] == low]
    if len(first) == 1:
        return first[0]
    hit = process.extractOne(name, {o.id: o.name for o in owners}, scorer=fuzz.WRatio, processor=utils.default_process)
    if hit and hit[1] >= 86:
        return next(o for o in owners if o.id == hit[2])
    return None


def resolve_stages(stages: list[str] | None) -> list[str] | None:
    """Turn stage keys or labels into stage keys; raise ToolUserError for an unknown stage."""
    if not stages:
        return None
    by_label = {label.lower(): key for key, label in STAGE_LABELS.items()}
    out: list[str] = []
    for stage in stages:
        low = stage.strip().lower()
        key = low if low in STAGE_LABELS else by_label.get(low)
        if key is None:
            raise ToolUserError(f"Unknown stage '{stage}'. Stages: {', '.join(STAGE_LABELS.values())}.")
        out.append(key)
    return out


# --- the tools -------------------------------------------------------------------------------------------------------


def _search_deals(ctx: ToolContext, session: Session, a: SearchDealsArgs) -> BaseModel:
    from tools.deals import find_deals

    owner_ids, owner_names = resolve_owners(session, a.owners, ctx.asker_owner_id)
    company_id, unresolved = _company_filter(session, a.company)
    if unresolved is not None:
        return unresolved
    stages = resolve_stages(a.stages)
    open_only = not a.include_closed and not (stages and set(stages) - set(OPEN_STAGES))
    kwargs: dict[str, Any] = dict(
        owner_ids=owner_ids or None,
        stages=stages,
        open_only=open_only,
        closing_from=a.closing_from,
        closing_to=a.closing_to,
        min_amount=a.min_amount,
        company_id=company_id,
    )
    total, total_amount = _count_deals(session, **kwargs)
    return DealList(
        filters={k: (v.isoformat() if isinstance(v, date) else v) for k, v in kwargs.items() if v not in (None, [])},
        owners=owner_names,
        deals=find_deals(session, **kwargs, limit=a.limit),
        total=total,
        total_amount=total_amount,
    )


def _count_deals(session: Session, **filters: Any) -> tuple[int, float]:
    """Count and sum the deals `find_deals` would return with the same filters (without building every row)."""
    from sqlalchemy import func

    from store.models import Deal

    stmt = select(func.count(Deal.id), func.coalesce(func.sum(Deal.amount), 0.0))
    if filters.get("open_only"):
        stmt = stmt.where(Deal.is_closed == False)  # noqa: E712
    if filters.get("owner_ids") is not None:
        stmt = stmt.where(Deal.owner_id.in_(filters["owner_ids"]))
    if filters.get("stages"):
        stmt = stmt.where(Deal.stage.in_(filters["stages"]))
    if filters.get("closing_from"):
        stmt = stmt.where(Deal.close_date >= filters["closing_from"])
    if filters.get("closing_to"):
        stmt = stmt.where(Deal.close_date <= filters["closing_to"])
    if filters.get("min_amount") is not None:
        stmt = stmt.where(Deal.amount >= filters["min_amount"])
    if filters.get("company_id") is not None:
        stmt = stmt.where(Deal.company_id == filters["company_id"])
    count, amount = session.exec(stmt).one()
    return int(count), float(amount)


def _silent(ctx: ToolContext, session: Session, a: SilentDealsArgs) -> BaseModel:
    from tools.deals import summarize_silent_deals

    owner_ids, owner_names = resolve_owners(session, a.owners, ctx.asker_owner_id)
    summary = summarize_silent_deals(session, days=a.days, now=ctx.now, owner_ids=owner_ids or None, top=25)
    return SilentList(
        days=a.days,
        owners=owner_names,
        deals=summary.deals,
        total=summary.total,
        total_amount=summary.total_amount,
    )


def _deal_of(row: Any) -> Any:
    return getattr(row, "deal", row)


def resolve_company_strict(session: Session, query: str) -> Any:
    """Resolve a typed company name, refusing a fuzzy match that leaves words of the query unexplained.

    "Acme Holdings Zeta" is not "Acme Corp" just because it starts with "Acme": such a match comes back unresolved,
    with the company as a candidate, so the answer is "did you mean Acme Corp?" rather than a confident wrong account.
    """
    from tools.deals import CompanyMatch, normalize_company_name, resolve_company

    match = resolve_company(session, query)
    if match.status != "fuzzy" or match.company is None:
        return match
    name_words = normalize_company_name(match.company.name).split()
    extra = [
        w
        for w in normalize_company_name(query).split()
        if len(w) >= 3 and not any(fuzz.ratio(w, n) >= 75 or n.startswith(w) for n in name_words)
    ]
    if extra:
        return CompanyMatch(query=query, status="unknown", candidates=[match.company, *match.candidates][:5])
    return match


def _company_name(session: Session, query: str) -> tuple[str | None, BaseModel]:
    """The exact name of the company meant by `query`, or (None, the unresolved match)."""
    match = resolve_company_strict(session, query)
    return (match.company.name if match.company else None), match


def _latest(ctx: ToolContext, session: Session, a: CompanyArgs) -> BaseModel:
    from tools.deals import latest_on

    name, match = _company_name(session, a.company)
    return latest_on(session, name, now=ctx.now) if name else match


def _pipeline(ctx: ToolContext, session: Session, a: PipelineArgs) -> BaseModel:
    from tools.deals import pipeline_summary

    owner_ids, owner_names = resolve_owners(session, a.owners, ctx.asker_owner_id)
    rows = pipeline_summary(session, by=a.by, owner_ids=owner_ids or None)
    return PipelineResult(
        by=a.by,
        owners=owner_names,
        rows=rows,
        total_count=sum(r.deals for r in rows),
        total_amount=float(sum(r.amount for r in rows)),
    )


def _at_risk(ctx: ToolContext, session: Session, a: AtRiskArgs) -> BaseModel:
    from tools.health import Thresholds
    from tools.health_snapshot import at_risk, max_age

    owner_ids, _names = resolve_owners(session, a.owners, ctx.asker_owner_id)
    company_id, unresolved = _company_filter(session, a.company)
    if unresolved is not None:
        return unresolved
    return at_risk(
        session,
        now=ctx.now,
        thresholds=Thresholds.from_settings(ctx.settings),
        tz=ctx.settings.tz,
        min_score=ctx.settings.risk_alert_score,
        max_age=max_age(ctx.settings),
        owner_ids=owner_ids or None,
        company_id=company_id,
    )


def _brief(ctx: ToolContext, session: Session, a: CompanyArgs) -> BaseModel:
    from tools.briefs import build_brief

    name, match = _company_name(session, a.company)
    return build_brief(session, name, now=ctx.now) if name else match


def _call_summary(ctx: ToolContext, session: Session, a: CompanyArgs) -> BaseModel:
    from tools.calls.summary import latest_call_summary

    name, match = _company_name(session, a.company)
    return latest_call_summary(session, name, now=ctx.now) if name else match


def _objections(ctx: ToolContext, session: Session, a: ObjectionArgs) -> BaseModel:
    from tools.library import search_objection_handling

    return search_objection_handling(ctx.get_library(), a.query, category=a.category)


def _lead_score(ctx: ToolContext, session: Session, a: LeadScoreArgs) -> BaseModel:
    if not lead_scoring_available():
        return LeadScoringUnavailable()
    from tools.lead_lookup import lead_scores

    return lead_scores(session, a.company, now=ctx.now, engine=ctx.engine, settings=ctx.settings)


def _company_filter(session: Session, name: str | None) -> tuple[int | None, BaseModel | None]:
    """An optional company filter as typed: (its id, None), or (None, the "did you mean" match to answer with)."""
    if not name:
        return None, None
    match = resolve_company_strict(session, name)
    if match.company is None:
        return None, match
    return match.company.id, None


def _lookup_company(ctx: ToolContext, session: Session, a: CompanyArgs) -> BaseModel:
    return resolve_company_strict(session, a.company)


@dataclass(frozen=True)
class ToolSpec:
    """A tool: its name, what the model reads about it, its argument schema and its implementation."""

    name: str
    description: str
    args_schema: type[BaseModel]
    run: Callable[[ToolContext, Session, Any], BaseModel]


TOOLS: dict[str, ToolSpec] = {
    spec.name: spec
    for spec in (
        ToolSpec(
            "search_deals",
            "Find deals by owner, stage, expected close date range, minimum amount or company. Use for 'deals closing "
            "this quarter', 'Dana's deals over $50k', 'what's in contract sent'. Open deals unless include_closed.",
            SearchDealsArgs,
            _search_deals,
        ),
        ToolSpec(
            "list_silent_deals",
            "List open deals where the buyer has not engaged (no inbound email, held meeting or connected call) for at "
            "least N days, with our last outbound touch. Use for 'silent', 'gone quiet', 'no reply', 'ghosting'.",
            SilentDealsArgs,
            _silent,
        ),
        ToolSpec(
            "get_latest_on_company",
            "Where an account stands: its deals (stage, amount, owner, close date), last interactions, next meeting "
            "and open tasks. Use for 'what's the latest on X', 'status of X', 'update on X'.",
            CompanyArgs,
            _latest,
        ),
        ToolSpec(
            "summarize_pipeline",
            "Open pipeline totals (count and amount) grouped by stage or by owner.",
            PipelineArgs,
            _pipeline,
        ),
        ToolSpec(
            "list_at_risk_deals",
            "Open deals at risk by deal health: a 0-100 risk score from published rules (buyer or champion "
            "silent, stuck in stage, close date slipped, single-threaded, reply rate or meeting cadence dropped, no "
            "next step); at risk from the alert score up, riskiest first, each with its evidence and next best action.",
            AtRiskArgs,
            _at_risk,
        ),
        ToolSpec(
            "get_company_brief",
            "A one-page brief to prepare a meeting: summary, stakeholders, last interactions, next meeting, open "
            "tasks, the 3 most similar closed-won customers (social proof, with why), objections seen on similar "
            "deals, and discovery questions.",
            CompanyArgs,
            _brief,
        ),
        ToolSpec(
            "get_call_summary",
            "Summarise the latest recorded call with a company, quoting the transcript: pains, objections with the "
            "rep's answers, competitors, next steps.",
            CompanyArgs,
            _call_summary,
        ),
        ToolSpec(
            "search_objection_handling",
            "Search the library of how our reps answered objections (and pitched by persona) on deals that were won. "
            "Use for 'how do I handle ...', 'what do we say when ...', 'talk track for a CFO'.",
            ObjectionArgs,
            _objections,
        ),
        ToolSpec(
            "get_lead_score",
            "Score of inbound leads (0-100, tier A-D, reasons, disqualification flags): the newest leads of a company, "
            "or the newest leads overall when no company is given.",
            LeadScoreArgs,
            _lead_score,
        ),
        ToolSpec(
            "lookup_company",
            "Check which company a typed name refers to; returns candidates when it is ambiguous or unknown.",
            CompanyArgs,
            _lookup_company,
        ),
    )
}


def lead_scoring_available() -> bool:
    """Tell whether the lead-scoring module (tools/leads.py, built by another issue) is part of this install."""
    import tools

    return any((Path(folder) / "leads.py").is_file() for folder in tools.__path__)


def run_tool(ctx: ToolContext, name: str, args: dict[str, Any]) -> BaseModel:
    """Validate `args`, run tool `name` read-only, record the call on `ctx`, and return its structured result.

    Raises:
        ToolUserError: unknown tool, invalid arguments, or a name that does not resolve; the message says what to do.
    """
    spec = TOOLS.get(name)
    if spec is None:
        raise ToolUserError(f"Unknown tool '{name}'. Tools: {', '.join(TOOLS)}.")
    call = ToolCall(name=name, args=dict(args))
    ctx.calls.append(call)
    try:
        parsed = spec.args_schema.model_validate(args)
    except ValidationError as exc:
        call.error = "invalid arguments: " + "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()
        )
        raise ToolUserError(call.error) from exc
    try:
        with Session(ctx.engine) as session:
            result = spec.run(ctx, session, parsed)
            session.rollback()  # read-only: nothing a tool touched is ever committed
    except ToolUserError as exc:
        call.error = str(exc)
        raise
    call.result = result
    return result


def langchain_tools(ctx: ToolContext) -> list[Any]:
    """The same tools as LangChain StructuredTools; errors the model can fix come back to it as text."""
    from langchain_core.tools import StructuredTool, ToolException

    def make(spec: ToolSpec) -> Any:
        def invoke(**kwargs: Any) -> str:
            try:
                result = run_tool(ctx, spec.name, {k: v for k, v in kwargs.items() if v is not None})
            except ToolUserError as exc:
                raise ToolException(str(exc)) from exc
            text = result.model_dump_json(exclude_none=True)
            return text if len(text) <= MAX_TOOL_JSON else text[:MAX_TOOL_JSON] + '…(truncated)"'

        return StructuredTool.from_function(
            func=invoke,
            name=spec.name,
            description=spec.description,
            args_schema=spec.args_schema,
            handle_tool_error=True,
        )

    tools = [make(spec) for spec in TOOLS.values()]
    if lead_scoring_available():
        from tools.leads import score_lead_tool

        tools.append(score_lead_tool(ctx.engine, ctx.settings))  # scores a lead described in the conversation
    return tools
