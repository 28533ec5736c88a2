"""The copilot's deal-intelligence questions: the odds on a deal, the forecast, make-or-break deals, AE performance."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from store.models import Deal, pk_col
from tools.capabilities import Capability, Example, Subcommand, ToolContext, ToolUserError
from tools.deals import CompanyArgs, CompanyMatch, CompanyRef, OwnersField, company_name, deal_rows, resolve_company
from tools.intelligence.forecast import DealOdds, Forecast, build_forecast, odds
from tools.intelligence.performance import TeamPerformance, team_performance
from tools.intelligence.scores import scores_assessed_at, win_scores
from tools.intelligence.sentiment import buyer_sentiment
from tools.resolve import resolve_owners


class CompanyOdds(BaseModel):
    """The win probability of each open deal of one company, with its reasons."""

    company: CompanyRef
    deals: list[DealOdds]
    assessed_at: datetime | None
    """When the stored scores were last computed (None: never; a deal created since is scored live)."""


class ForecastArgs(BaseModel):
    """Arguments of forecast_bookings."""

    period: Literal["month", "quarter"] = Field(
        default="quarter", description="'month' for this month, 'quarter' for this quarter (the default)."
    )
    owners: list[str] | None = OwnersField


class MakeOrBreakArgs(ForecastArgs):
    """Arguments of list_make_or_break_deals."""

    limit: int = Field(default=5, ge=1, le=20, description="How many deals to list.")


class MakeOrBreak(BaseModel):
    """The open deals whose outcome moves the period's forecast most."""

    forecast: Forecast


class PerformanceArgs(BaseModel):
    """Arguments of get_ae_performance."""

    owners: list[str] = Field(
        description="The AEs to report on: one name ('how is Jamal doing') or several to compare ('compare Dana "
        "and Jamal'); 'me' for the person asking."
    )


def _odds(ctx: ToolContext, session: Session, a: CompanyArgs) -> BaseModel:
    name, match = company_name(session, a.company)
    if name is None:
        return match
    resolved = resolve_company(session, name)
    assert resolved.company is not None
    ids = list(
        session.exec(
            select(pk_col(Deal.id))
            .where(col(Deal.company_id) == resolved.company.id, col(Deal.is_closed).is_(False))
            .order_by(col(Deal.id))
        ).all()
    )
    scores = win_scores(session, ids, now=ctx.now, cache_dir=ctx.settings.model_cache_dir)
    rows = deal_rows(session, ids)
    mood = buyer_sentiment(session, ids, now=ctx.now)
    deals = [
        odds(rows[i], scores[i]).model_copy(update={"sentiment": mood[i].describe() if i in mood else None})
        for i in ids
        if i in scores and i in rows
    ]
    return CompanyOdds(
        company=resolved.company,
        deals=sorted(deals, key=lambda d: (-(d.deal.amount or 0), d.deal.id)),
        assessed_at=scores_assessed_at(session),
    )


def _forecast(ctx: ToolContext, session: Session, a: ForecastArgs) -> BaseModel:
    owner_ids, _names = resolve_owners(session, a.owners, ctx.asker_owner_id)
    return build_forecast(
        session,
        now=ctx.now,
        tz=ctx.settings.tz,
        period=a.period,
        owner_ids=owner_ids or None,
        cache_dir=ctx.settings.model_cache_dir,
    )


def _make_or_break(ctx: ToolContext, session: Session, a: MakeOrBreakArgs) -> BaseModel:
    owner_ids, _names = resolve_owners(session, a.owners, ctx.asker_owner_id)
    forecast = build_forecast(
        session,
        now=ctx.now,
        tz=ctx.settings.tz,
        period=a.period,
        owner_ids=owner_ids or None,
        top=a.limit,
        cache_dir=ctx.settings.model_cache_dir,
    )
    return MakeOrBreak(forecast=forecast)


def _performance(ctx: ToolContext, session: Session, a: PerformanceArgs) -> BaseModel:
    owner_ids, _names = resolve_owners(session, a.owners, ctx.asker_owner_id)
    if not owner_ids:
        raise ToolUserError("Name the AE(s), e.g. 'how is Jamal doing this quarter?' or 'compare Dana and Jamal'.")
    return team_performance(session, now=ctx.now, tz=ctx.settings.tz, owner_ids=owner_ids)


CAPABILITIES = (
    Capability(
        name="get_deal_odds",
        summary="the odds of winning an account's deals, and why",
        description="Win probability of each open deal of a company, learned from the team's own closed deals (or "
        "stage priors when history is thin), with the top factors behind it in words. Use for 'what are the odds on "
        "X', 'will we win X', 'likelihood to close X', 'chances on X'.",
        args_schema=CompanyArgs,
        run=_odds,
        result_types=(CompanyOdds, CompanyMatch),
        examples=(
            Example("what are the odds on the Acme deal?", {"company": "Acme"}),
            Example("will we win Globex?", {"company": "Globex"}),
            Example("likelihood to close Initech", {"company": "Initech"}),
            Example("what are our chances with Globex?", {"company": "Globex"}),
            Example("is Soylent going to close?", {"company": "Soylent"}),
            Example("how likely is Acme to close?", {"company": "Acme"}),
            Example("odds of closing Umbrella", {"company": "Umbrella"}),
        ),
        subcommand=Subcommand(
            "odds", "odds <company>", "win probability of an account's deals, and why", arg="company"
        ),
    ),
    Capability(
        name="forecast_bookings",
        summary="expected bookings this month or quarter",
        description="The forecast: expected bookings this month or quarter (already won + Σ win probability × amount "
        "of open deals closing in it), with a 90% interval, by team and by owner. Use for 'what will we close this "
        "quarter', 'forecast', 'expected bookings this month'.",
        args_schema=ForecastArgs,
        run=_forecast,
        result_types=(Forecast,),
        examples=(
            Example("what will we close this quarter?", {"period": "quarter"}),
            Example("forecast for this month", {"period": "month"}),
            Example("what's my forecast this quarter?", {"period": "quarter", "owners": ["me"]}),
            Example("what are we going to book this quarter?", {"period": "quarter"}),
            Example("bookings forecast for the month", {"period": "month"}),
            Example("what's our landing estimate for the quarter?", {"period": "quarter"}),
            Example("expected bookings this month with a range", {"period": "month"}),
            Example("what will Team West close this quarter?", {"period": "quarter", "owners": ["Team West"]}),
            Example("projected bookings for me this month", {"period": "month", "owners": ["me"]}),
            # revenue still to come, in the future tense: the forecast, not the closed-deal figures
            Example("how much will we bring in this quarter?", {"period": "quarter"}),
            Example("what revenue is Grace going to bring in this month?", {"period": "month", "owners": ["Grace"]}),
            Example("how much will Team East book this quarter?", {"period": "quarter", "owners": ["Team East"]}),
        ),
        subcommand=Subcommand("forecast", "forecast", "expected bookings this quarter", defaults={"period": "quarter"}),
    ),
    Capability(
        name="list_make_or_break_deals",
        summary="the deals that make or break the quarter",
        description="The open deals whose outcome moves this quarter's (or month's) forecast most: large deals the "
        "model is unsure about, each with its win probability and reasons.",
        args_schema=MakeOrBreakArgs,
        run=_make_or_break,
        result_types=(MakeOrBreak,),
        examples=(
            Example("which deals make or break the quarter?", {"period": "quarter"}),
            Example("which deals make or break the month?", {"period": "month"}),
            Example("which deals swing the quarter?", {"period": "quarter"}),
            Example("swing deals this month", {"period": "month"}),
            Example("which deals will my quarter depend on?", {"period": "quarter", "owners": ["me"]}),
            Example("top 3 make or break deals", {"period": "quarter", "limit": 3}),
            Example("must-win deals for the quarter", {"period": "quarter"}),
            Example("high-stakes deals for this month", {"period": "month"}),
        ),
    ),
    Capability(
        name="get_ae_performance",
        summary="how an AE is doing against the team",
        description="AE performance quarter to date against the team: win rate with its confidence interval (no "
        "comparison on too few deals), cycle time, average deal size, pipeline coverage, activity, call behaviour, "
        "and coaching backed by calls. Use for 'how is Jamal doing', 'compare Dana and Jamal'.",
        args_schema=PerformanceArgs,
        run=_performance,
        result_types=(TeamPerformance,),
        examples=(
            Example("how is Jamal doing this quarter?", {"owners": ["Jamal"]}),
            Example("compare Dana and Jamal", {"owners": ["Dana", "Jamal"]}),
            Example("how is Emily performing?", {"owners": ["Emily"]}),
            Example("Rachel versus Helen", {"owners": ["Rachel", "Helen"]}),
            Example("am I ahead or behind the rest of the team?", {"owners": ["me"]}),
            Example("coaching ideas for Luis", {"owners": ["Luis"]}),
            Example("compare me with Carlos", {"owners": ["me", "Carlos"]}),
            Example("how is Aisha tracking this quarter?", {"owners": ["Aisha"]}),
            Example("AE scorecard for Tyler", {"owners": ["Tyler"]}),
            Example("what's my pipeline coverage?", {"owners": ["me"]}),
            Example("pipeline coverage for Luis vs the team", {"owners": ["Luis"]}),
            Example("put Grace and Tyler side by side", {"owners": ["Grace", "Tyler"]}),
            # several figures next to the team's: the scorecard, not one closed-deal metric
            Example("how does Aisha stack up against the team on close rate and cycle time?", {"owners": ["Aisha"]}),
            Example("my win rate, deal size and sales cycle compared with the rest of the team", {"owners": ["me"]}),
        ),
    ),
)
