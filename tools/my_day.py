"""An owner's day ("my day"): meetings today (each with its deal and health), tasks due, at-risk and silent deals.

One call answers "what should I do today?" with records only: meetings and tasks from the CRM's engagements, risk
from deal health (`tools.health.at_risk_deals`, assessed live), silence from `tools.deals.summarize_silent_deals`.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlmodel import Session, col

from store.models import Engagement
from tools.capabilities import Capability, Example, ToolContext, ToolUserError
from tools.deals import DealRow, Interaction, SilentDeal, _interactions, deal_rows, summarize_silent_deals
from tools.health import AtRiskDeal, Thresholds, at_risk_deals
from tools.resolve import resolve_owners

SHOWN = 8


class MyDayArgs(BaseModel):
    """Arguments of get_my_day."""

    owners: list[str] = Field(
        default=["me"],
        description='Whose day: "me" for the person asking (the default), or AE first/full names or a team name.',
    )


class DayMeeting(BaseModel):
    """A meeting today with the deal it is about and that deal's health."""

    meeting: Interaction
    deal: DealRow | None = None
    risk: AtRiskDeal | None = None


class MyDay(BaseModel):
    """An owner's day."""

    owners: list[str]
    day: str
    """The team-local date, ISO."""
    meetings: list[DayMeeting]
    tasks_due: list[Interaction]
    """Open tasks due today or overdue, oldest due first."""
    tasks_total: int
    at_risk: list[AtRiskDeal]
    at_risk_total: int
    silent: list[SilentDeal]
    silent_total: int
    silent_days: int


def _my_day(ctx: ToolContext, session: Session, a: MyDayArgs) -> BaseModel:
    owner_ids, owner_names = resolve_owners(session, a.owners or ["me"], ctx.asker_owner_id)
    if not owner_ids:
        raise ToolUserError("Whose day? Name an owner, e.g. 'Dana's day'.")
    tz = ctx.settings.tz
    today = ctx.now.astimezone(tz).date()
    start = datetime.combine(today, time.min, tzinfo=tz)
    end = start + timedelta(days=1)
    meetings = _interactions(
        session,
        select(Engagement)
        .where(
            col(Engagement.type) == "meeting",
            col(Engagement.owner_id).in_(owner_ids),
            col(Engagement.occurred_at) >= start,
            col(Engagement.occurred_at) < end,
            col(Engagement.status) != "canceled",
        )
        .order_by(col(Engagement.occurred_at), col(Engagement.id)),
    )
    health = at_risk_deals(
        session,
        now=ctx.now,
        thresholds=Thresholds.from_settings(ctx.settings),
        tz=tz,
        min_score=ctx.settings.risk_alert_score,
        owner_ids=owner_ids,
        limit=50,
    )
    risk_by_deal = {r.deal.id: r for r in health.deals}
    rows = deal_rows(session, [m.deal_id for m in meetings if m.deal_id])
    day_meetings = [
        DayMeeting(meeting=m, deal=rows.get(m.deal_id or -1), risk=risk_by_deal.get(m.deal_id or -1)) for m in meetings
    ]
    due = select(Engagement).where(
        col(Engagement.type) == "task",
        col(Engagement.status) == "open",
        col(Engagement.owner_id).in_(owner_ids),
        col(Engagement.due_at) < end,
    )
    tasks = _interactions(session, due.order_by(col(Engagement.due_at), col(Engagement.id)))
    days = ctx.settings.silent_business_days
    silent = summarize_silent_deals(session, days=days, now=ctx.now, owner_ids=owner_ids, top=SHOWN)
    return MyDay(
        owners=owner_names,
        day=today.isoformat(),
        meetings=day_meetings,
        tasks_due=tasks[:SHOWN],
        tasks_total=len(tasks),
        at_risk=health.deals[:SHOWN],
        at_risk_total=health.total,
        silent=silent.deals,
        silent_total=silent.total,
        silent_days=days,
    )


CAPABILITIES = (
    Capability(
        name="get_my_day",
        summary="your day: meetings, tasks due, deals at risk or gone quiet",
        description="An owner's day: today's meetings (each with its deal and the deal's health), open tasks due "
        "today or overdue, their deals at risk and their deals where the buyer went silent. Use for 'what should I "
        "do today', 'my day', 'what's on my plate', 'Dana's day'.",
        args_schema=MyDayArgs,
        run=_my_day,
        result_types=(MyDay,),
        examples=(
            Example("what should I do today?", {"owners": ["me"]}),
            Example("my day", {"owners": ["me"]}),
            Example("what's on Jamal's plate today?", {"owners": ["Jamal Carter"]}),
        ),
    ),
)
