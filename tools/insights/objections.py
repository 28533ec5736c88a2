"""The objection map (category × persona × stage, with win rates) and the objections raised on calls this week.

The week's objections are what buyers raised on recorded calls in the last 7 days, with categories not heard in the 8
weeks before flagged as new.

Rates count deals, not mentions: "win rate when raised" is won ÷ closed among closed deals where the category came up
on a recorded call; "answered" and "deflected" split those deals by whether the rep answered every such objection
(a rep turn that moves past it, "let's park that", is a deflection; see `history.DEFLECTION_CUES`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import select as sa_select  # more columns than sqlmodel's `select` is typed for
from sqlmodel import Session, col, select

from store.models import Call, Company, Deal, Owner
from tools.calls.transcripts import objections as call_objections
from tools.calls.transcripts import parse_transcript, rep_names_for
from tools.capabilities import Capability, Example, Subcommand, ToolContext
from tools.insights.common import QuotedLine, Rate, quoted
from tools.insights.history import History, RaisedObjection, is_deflection, load_history, utc
from tools.sensitive import DEFAULT_RULES, SensitivityRules, rules_of, sensitive_calls

BEST = 3
TRAILING_WEEKS = 8


class ObjectionCell(BaseModel):
    """One category × persona × stage cell of the map."""

    category: str
    persona: str
    stage: str
    raised: int
    deals: Rate


class ObjectionCategory(BaseModel):
    """One objection category over every closed deal whose calls raised it."""

    category: str
    raised: int
    """Times raised on calls of closed deals."""
    when_raised: Rate
    answered: Rate
    """Deals where every such objection was answered."""
    deflected: Rate
    """Deals where at least one was left unanswered or deflected."""
    best_responses: list[QuotedLine]
    """The rep's answers on won deals (the buyer's words in `objection`)."""
    objections: list[QuotedLine]


class ObjectionMap(BaseModel):
    """The objection map of the team's closed deals."""

    categories: list[ObjectionCategory]
    cells: list[ObjectionCell]
    calls: int
    closed_deals_with_calls: int
    baseline: Rate
    """Win rate of closed deals with a recorded call: what each category's rate compares with."""


def build_objection_map(history: History, *, category: str | None = None, persona: str | None = None) -> ObjectionMap:
    """Count objections by category (and category × persona × stage) with the deals' outcomes."""
    raised = [o for o in history.objections if (not category or o.category == category)]
    raised = [o for o in raised if (not persona or o.persona.lower() == persona.lower())]
    by_cat: dict[str, list[RaisedObjection]] = defaultdict(list)
    for o in raised:
        by_cat[o.category].append(o)
    categories = []
    for cat, items in by_cat.items():
        deals = {o.deal_id for o in items}
        deflected = {o.deal_id for o in items if not o.answered}
        answered = deals - deflected
        wins = {d for d in deals if history.deals[d].is_won}
        best = [o for o in items if o.answered and o.response and history.deals[o.deal_id].is_won]
        best.sort(key=lambda o: (o.at, o.call_id), reverse=True)
        seen: set[str] = set()
        responses: list[QuotedLine] = []
        examples: list[QuotedLine] = []
        for o in best:
            if o.response and o.response.lower() not in seen and len(responses) < BEST:
                seen.add(o.response.lower())
                responses.append(quoted(history, o, text=o.response, speaker=history.deals[o.deal_id].owner))
                examples.append(quoted(history, o))
        categories.append(
            ObjectionCategory(
                category=cat,
                raised=len(items),
                when_raised=Rate(won=len(wins), total=len(deals)),
                answered=Rate(won=len(wins & answered), total=len(answered)),
                deflected=Rate(won=len(wins & deflected), total=len(deflected)),
                best_responses=responses,
                objections=examples,
            )
        )
    categories.sort(key=lambda c: (-c.raised, c.category))
    cells_raw: dict[tuple[str, str, str], list[RaisedObjection]] = defaultdict(list)
    for o in raised:
        cells_raw[(o.category, o.persona, o.stage)].append(o)
    cells = []
    for (cat, who, stage), items in cells_raw.items():
        deals = {o.deal_id for o in items}
        cells.append(
            ObjectionCell(
                category=cat,
                persona=who,
                stage=stage,
                raised=len(items),
                deals=Rate(won=sum(history.deals[d].is_won for d in deals), total=len(deals)),
            )
        )
    cells.sort(key=lambda c: (-c.raised, c.category, c.persona, c.stage))
    with_calls = [d for d in history.deals.values() if d.calls]
    return ObjectionMap(
        categories=categories,
        cells=cells,
        calls=sum(len(d.calls) for d in with_calls),
        closed_deals_with_calls=len(with_calls),
        baseline=Rate(won=sum(d.is_won for d in with_calls), total=len(with_calls)),
    )


# --- objections of the week ------------------------------------------------------------------------------------------


class WeekCategory(BaseModel):
    """One category raised in the window."""

    category: str
    raised: int
    deals: int
    new: bool
    """Not raised on any call in the 8 weeks before the window."""
    examples: list[QuotedLine]


class WeekObjections(BaseModel):
    """What buyers raised on recorded calls in the last `days` days."""

    start: datetime
    end: datetime
    days: int
    calls: int
    categories: list[WeekCategory]


def objections_between(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    owner_ids: list[int] | None = None,
    rules: SensitivityRules = DEFAULT_RULES,
) -> list[tuple[QuotedLine, str, bool]]:
    """Objections raised on calls started in [start, end): (quote, category, answered), on any deal (of `owner_ids`).

    Sensitive calls (`rules`) are left out: these quotes go to the digest channel.
    """
    stmt = (
        sa_select(Call, col(Deal.name), col(Deal.is_won), col(Deal.is_closed), col(Company.name), col(Owner.name))
        .join(Deal, col(Deal.id) == Call.deal_id)
        .join(Company, col(Company.id) == Deal.company_id, isouter=True)
        .join(Owner, col(Owner.id) == Deal.owner_id, isouter=True)
        .where(col(Call.started_at) >= start, col(Call.started_at) < end)
        .order_by(col(Call.started_at), col(Call.id))
    )
    if owner_ids is not None:
        stmt = stmt.where(col(Deal.owner_id).in_(owner_ids))
    rows = session.execute(stmt).all()
    hidden = sensitive_calls(session, [r[0] for r in rows], rules)
    out = []
    for call, deal_name, is_won, is_closed, company, owner in rows:
        if call.id in hidden:
            continue
        lines = parse_transcript(call.transcript)
        for o in call_objections(lines, call.labels, rep_names_for(call.labels, owner)):
            q = QuotedLine(
                text=o.text,
                speaker=o.speaker,
                deal_id=call.deal_id or 0,
                deal=deal_name,
                company=company or "",
                at=utc(call.started_at),
                won=is_won if is_closed else None,
            )
            out.append((q, o.category, not is_deflection(o.response)))
    return out


def objections_in_window(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    owner_ids: list[int] | None = None,
    rules: SensitivityRules = DEFAULT_RULES,
) -> WeekObjections:
    """Objections raised on calls in [start, end), categories not raised in the 8 weeks before flagged as new."""
    start, end = utc(start), utc(end)
    week = objections_between(session, start, end, owner_ids=owner_ids, rules=rules)
    earlier = objections_between(
        session, start - timedelta(weeks=TRAILING_WEEKS), start, owner_ids=owner_ids, rules=rules
    )
    before = {cat for _q, cat, _a in earlier}
    grouped: dict[str, list[QuotedLine]] = defaultdict(list)
    for q, cat, _answered in week:
        grouped[cat].append(q)
    categories = [
        WeekCategory(
            category=cat,
            raised=len(items),
            deals=len({q.deal_id for q in items}),
            new=cat not in before,
            examples=sorted(items, key=lambda q: q.at, reverse=True)[:2],
        )
        for cat, items in grouped.items()
    ]
    categories.sort(key=lambda c: (-c.raised, c.category))
    count = (
        select(col(Call.id))
        .join(Deal, col(Deal.id) == Call.deal_id)
        .where(col(Call.started_at) >= start, col(Call.started_at) < end)
    )
    if owner_ids is not None:
        count = count.where(col(Deal.owner_id).in_(owner_ids))
    calls = session.exec(count).all()
    days = round((end - start).total_seconds() / 86_400)
    return WeekObjections(start=start, end=end, days=days, calls=len(calls), categories=categories)


def objections_of_the_week(
    session: Session, *, now: datetime, days: int = 7, rules: SensitivityRules = DEFAULT_RULES
) -> WeekObjections:
    """Objections raised on calls in the `days` days before `now`, new categories flagged (sensitive calls left out)."""
    end = utc(now)
    return objections_in_window(session, end - timedelta(days=days), end, rules=rules)


# --- capabilities ----------------------------------------------------------------------------------------------------


class ObjectionMapArgs(BaseModel):
    """Arguments of get_objection_map."""

    category: str | None = Field(
        default=None,
        description="Only this category: pricing, competitor, timing, security, authority, already_have_tool.",
    )
    persona: str | None = Field(default=None, description="Only objections raised by this persona.")


class WeekArgs(BaseModel):
    """Arguments of get_objections_this_week."""

    days: int = Field(default=7, ge=1, le=90, description="How many days back from now.")


def _map(ctx: ToolContext, session: Session, a: ObjectionMapArgs) -> BaseModel:
    history = load_history(session, rules=rules_of(ctx.settings))
    return history.derived(
        ("objection_map", a.category, a.persona),
        lambda: build_objection_map(history, category=a.category, persona=a.persona),
    )


def _week(ctx: ToolContext, session: Session, a: WeekArgs) -> BaseModel:
    return objections_of_the_week(session, now=ctx.now, days=a.days, rules=rules_of(ctx.settings))


CAPABILITIES = (
    Capability(
        name="get_objection_map",
        summary="objections by category, persona and stage, with win rates",
        description="The objection map of closed deals: how often each objection category was raised on calls, "
        "the win rate when raised, when answered vs deflected, and the best answers from won deals (quoted). "
        "Use for 'which objections hurt us most', 'objection map', 'win rate when pricing comes up'.",
        args_schema=ObjectionMapArgs,
        run=_map,
        result_types=(ObjectionMap,),
        examples=(
            Example("which objections hurt us most?", {}),
            Example("objection map", {}),
            Example("win rate when pricing comes up", {"category": "pricing"}),
            Example("which objections lose us the most deals?", {}),
            Example("how often does each objection come up and what is the win rate?", {}),
            Example("objection categories ranked by win rate", {}),
            Example("does a security concern lower our win rate?", {"category": "security"}),
            Example("what happens to our win rate when a competitor is mentioned?", {"category": "competitor"}),
            Example("best answers to timing objections from won deals", {"category": "timing"}),
            Example("objections by persona", {}),
            Example("answered vs deflected objections: which wins more?", {}),
        ),
    ),
    Capability(
        name="get_objections_this_week",
        summary="objections raised on calls this week",
        description="Objections buyers raised on recorded calls in the last N days (default 7), by category, with "
        "quotes, and categories new against the 8 weeks before flagged. Use for 'objections this week', 'what "
        "pushback did we hear lately'.",
        args_schema=WeekArgs,
        run=_week,
        result_types=(WeekObjections,),
        examples=(
            Example("objections this week", {}),
            Example("what objections came up in the last 30 days?", {"days": 30}),
            Example("what pushback have reps heard on recent calls?", {}),
            Example("objections raised on calls in the last two weeks", {"days": 14}),
            Example("this week's objections by category", {}),
            Example("what concerns did buyers raise on calls this week?", {}),
            Example("recent objections from prospects", {}),
            Example("objections from calls over the previous 45 days", {"days": 45}),
        ),
        subcommand=Subcommand("objections", "objections", "objections raised on calls this week"),
    ),
)
