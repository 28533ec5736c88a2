"""The deal-health snapshot: the whole book assessed once, stored, and served to "which deals are at risk?".

Scoring every open deal reads every open deal's activity: on a 100k-deal book (21k open, 266k activities) that is
about 2.3 s, too slow for a chat answer. Deal health moves when the CRM data moves, or as days pass, so the book is
assessed by a job (`deal_health`, every `deal_health_refresh_minutes`, and after each HubSpot sync) with the one rule
set of `tools.health`, and stored in `DealHealthScore`. A question is answered from the snapshot only when

- the CRM data is unchanged since it was taken (`store.meta.data_signature`),
- it was taken with today's thresholds and team timezone, on the same team-local day, and
- it is at most twice the refresh interval old (rules that compare against "now", such as a task falling due, can
  move within a day);

otherwise the answer is assessed live, exactly as before. Answers say when their scores were assessed.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Engine, case, delete, func, insert, select, text
from sqlmodel import Session

from store.db import session_scope
from store.meta import data_signature, get_meta, set_meta, store_inputs
from store.models import DealHealthScore, table_of
from tools.capabilities import Capability, Example, Subcommand, ToolContext
from tools.deals import CompanyMatch, OwnersField, company_filter, deal_rows
from tools.health import (
    AT_RISK_SHOWN,
    AtRiskDeal,
    AtRiskReason,
    AtRiskResult,
    DealHealth,
    Thresholds,
    assess_deals,
    at_risk_deals,
    risk_level,
)
from tools.resolve import resolve_owners

if TYPE_CHECKING:
    from settings import Settings

SNAPSHOT_KEY = "deal_health_snapshot"
"""The `WorkspaceMeta` key of the snapshot's header."""


@dataclass(frozen=True)
class SnapshotHeader:
    """What a snapshot was taken from: when, on which data, with which rules."""

    assessed_at: datetime
    signature: str
    rules: str
    deals: int

    def to_json(self) -> str:
        """The header as stored in `WorkspaceMeta`."""
        return json.dumps({**asdict(self), "assessed_at": self.assessed_at.isoformat()})

    @classmethod
    def from_json(cls, value: str) -> SnapshotHeader:
        """Read a stored header."""
        raw = json.loads(value)
        return cls(
            assessed_at=datetime.fromisoformat(raw["assessed_at"]),
            signature=raw["signature"],
            rules=raw["rules"],
            deals=int(raw["deals"]),
        )


def rules_key(thresholds: Thresholds, tz: ZoneInfo) -> str:
    """The rule settings a snapshot depends on: a change of threshold or timezone makes it stale."""
    return json.dumps({**asdict(thresholds), "tz": str(tz)}, sort_keys=True)


def max_age(settings: Settings) -> timedelta:
    """How old a snapshot may be and still be served: twice the refresh interval, so one late run is not felt."""
    return timedelta(minutes=2 * settings.deal_health_refresh_minutes)


@dataclass(frozen=True)
class SnapshotReport:
    """What a refresh did."""

    deals: int
    at_risk: int
    assessed_at: datetime
    seconds: float


def save_snapshot(engine: Engine, assessed: list[DealHealth], header: SnapshotHeader) -> None:
    """Replace the stored snapshot with `assessed` in one transaction (writers take turns; readers never wait)."""
    rows = [
        {
            "deal_id": h.deal_id,
            "owner_id": h.owner_id,
            "company_id": h.company_id,
            "score": h.score,
            "amount": h.amount,
            "reasons": [
                {"code": r.code, "label": r.label, "points": r.points, "evidence": r.evidence, "action": r.action}
                for r in h.reasons
            ],
            "assessed_at": header.assessed_at,
        }
        for h in assessed
    ]
    with session_scope(engine) as session:
        if session.get_bind().dialect.name == "postgresql":
            # Two refreshers (the job on two replicas, or the job and a sync) would otherwise interleave their
            # delete-and-insert; EXCLUSIVE still lets readers (ACCESS SHARE) read the old snapshot meanwhile.
            session.exec(text("LOCK TABLE dealhealthscore IN EXCLUSIVE MODE"))  # type: ignore[call-overload]
        session.exec(delete(DealHealthScore))  # type: ignore[call-overload]
        for i in range(0, len(rows), 2000):
            session.exec(insert(DealHealthScore), params=rows[i : i + 2000])  # type: ignore[call-overload]
        set_meta(session, SNAPSHOT_KEY, header.to_json())


def refresh_snapshot(engine: Engine, settings: Settings, *, now: datetime) -> SnapshotReport:
    """Assess every open deal and store the result as the snapshot (the `deal_health` job, and after a sync)."""
    started = time.perf_counter()
    thresholds, tz = Thresholds.from_settings(settings), settings.tz
    with Session(engine) as session:
        # The signature is read first: data that changes during the assessment then makes the snapshot stale at once.
        signature = data_signature(session)
        assessed = assess_deals(session, now=now, thresholds=thresholds, tz=tz)
    header = SnapshotHeader(assessed_at=now, signature=signature, rules=rules_key(thresholds, tz), deals=len(assessed))
    save_snapshot(engine, assessed, header)
    return SnapshotReport(
        deals=len(assessed),
        at_risk=sum(1 for h in assessed if h.score >= settings.risk_alert_score),
        assessed_at=now,
        seconds=time.perf_counter() - started,
    )


def staleness(
    session: Session, *, now: datetime, thresholds: Thresholds, tz: ZoneInfo, max_age: timedelta
) -> tuple[SnapshotHeader | None, str | None]:
    """The stored snapshot's header, and why it may not answer a question asked at `now` (None: it may)."""
    if max_age <= timedelta(0):
        return None, "the snapshot is switched off"
    raw = get_meta(session, SNAPSHOT_KEY)
    if raw is None:
        return None, "no snapshot yet"
    header = SnapshotHeader.from_json(raw)
    if header.assessed_at > now:
        return header, "assessed after the instant asked about"
    if header.assessed_at < now - max_age:
        return header, f"older than {max_age.total_seconds() / 60:.0f} minutes"
    if header.assessed_at.astimezone(tz).date() != now.astimezone(tz).date():
        return header, "assessed on another team-local day"  # business days and past close dates count whole days
    if header.rules != rules_key(thresholds, tz):
        return header, "the thresholds or the team timezone changed"
    if header.signature != data_signature(session):
        return header, "the CRM data changed"
    return header, None


def fresh_snapshot(
    session: Session, *, now: datetime, thresholds: Thresholds, tz: ZoneInfo, max_age: timedelta
) -> SnapshotHeader | None:
    """The stored snapshot's header if it may answer a question asked at `now`, else None (always with `max_age` 0)."""
    header, stale = staleness(session, now=now, thresholds=thresholds, tz=tz, max_age=max_age)
    return header if stale is None else None


def refresh_due(engine: Engine, settings: Settings, *, now: datetime) -> str | None:
    """Why the `deal_health` job should assess the book now (None: the snapshot is current).

    The job checks every minute: it re-assesses as soon as the data changed (so the first question after a sync or an
    approved write-back is fast again within a minute), and otherwise once the snapshot is one refresh interval old
    (so rules that compare with the clock stay current). Checking costs one signature query.
    """
    with Session(engine) as session:
        header, stale = staleness(
            session, now=now, thresholds=Thresholds.from_settings(settings), tz=settings.tz, max_age=max_age(settings)
        )
    if stale is not None:
        return stale
    assert header is not None
    if now - header.assessed_at >= timedelta(minutes=settings.deal_health_refresh_minutes):
        return f"{settings.deal_health_refresh_minutes} minutes old"
    return None


def at_risk_from_snapshot(
    session: Session,
    header: SnapshotHeader,
    *,
    min_score: int,
    owner_ids: list[int] | None = None,
    company_id: int | None = None,
    limit: int = AT_RISK_SHOWN,
) -> AtRiskResult | None:
    """The at-risk answer read from the snapshot (same order as `at_risk_deals`); None if it was replaced meanwhile."""
    s = table_of(DealHealthScore).c
    where: list[ColumnElement[bool]] = [s.assessed_at == header.assessed_at]
    if owner_ids is not None:
        where.append(s.owner_id.in_(owner_ids))
    if company_id is not None:
        where.append(s.company_id == company_id)
    risky = s.score >= min_score
    open_deals, total, total_amount = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((risky, 1), else_=0)), 0),
            func.coalesce(func.sum(case((risky, func.coalesce(s.amount, 0.0)), else_=0.0)), 0.0),
        ).where(*where)
    ).one()
    if not open_deals and session.execute(select(func.count()).where(where[0])).scalar_one() == 0:
        return None  # a refresh replaced the rows after the header was read: let the caller assess live
    top = session.execute(
        select(s.deal_id, s.score, s.reasons)
        .where(*where, risky)
        .order_by(s.score.desc(), func.coalesce(s.amount, 0.0).desc(), s.deal_id)
        .limit(limit)
    ).all()
    rows = deal_rows(session, [deal_id for deal_id, _score, _reasons in top])
    return AtRiskResult(
        min_score=min_score,
        open_deals=int(open_deals),
        total=int(total),
        total_amount=float(total_amount),
        deals=[
            AtRiskDeal(
                deal=rows[deal_id],
                score=score,
                level=risk_level(score),
                reasons=[AtRiskReason(**r) for r in reasons or []],
            )
            for deal_id, score, reasons in top
            if deal_id in rows
        ],
        assessed_at=header.assessed_at,
        from_snapshot=True,
        rules_off=store_inputs(session).rules_off(),
    )


def at_risk(
    session: Session,
    *,
    now: datetime,
    thresholds: Thresholds,
    tz: ZoneInfo,
    min_score: int,
    max_age: timedelta,
    owner_ids: list[int] | None = None,
    company_id: int | None = None,
    limit: int = AT_RISK_SHOWN,
) -> AtRiskResult:
    """Open deals at risk: from the snapshot when it may answer, else assessed live (`tools.health.at_risk_deals`)."""
    header = fresh_snapshot(session, now=now, thresholds=thresholds, tz=tz, max_age=max_age)
    if header is not None:
        served = at_risk_from_snapshot(
            session, header, min_score=min_score, owner_ids=owner_ids, company_id=company_id, limit=limit
        )
        if served is not None:
            return served
    return at_risk_deals(
        session,
        now=now,
        thresholds=thresholds,
        tz=tz,
        min_score=min_score,
        owner_ids=owner_ids,
        company_id=company_id,
        limit=limit,
    )


# --- capability ------------------------------------------------------------------------------------------------------


class AtRiskArgs(BaseModel):
    """Arguments of list_at_risk_deals."""

    owners: list[str] | None = OwnersField
    company: str | None = Field(default=None, description="Only this company's deals (name as typed).")
    deal_ids: list[int] | None = Field(
        default=None,
        description="Only these deals: the ids of a previous answer's deals ('which of those are at risk?').",
    )


def _at_risk(ctx: ToolContext, session: Session, a: AtRiskArgs) -> BaseModel:
    owner_ids, _names = resolve_owners(session, a.owners, ctx.asker_owner_id)
    company_id, unresolved = company_filter(session, a.company)
    if unresolved is not None:
        return unresolved
    result = at_risk(
        session,
        now=ctx.now,
        thresholds=Thresholds.from_settings(ctx.settings),
        tz=ctx.settings.tz,
        min_score=ctx.settings.risk_alert_score,
        max_age=max_age(ctx.settings),
        owner_ids=owner_ids or None,
        company_id=company_id,
        limit=1_000_000 if a.deal_ids else AT_RISK_SHOWN,
    )
    if a.deal_ids:
        wanted = set(a.deal_ids)
        kept = [r for r in result.deals if r.deal.id in wanted]
        result = result.model_copy(
            update={
                "deals": kept[:AT_RISK_SHOWN],
                "total": len(kept),
                "total_amount": float(sum(r.deal.amount or 0.0 for r in kept)),
                "open_deals": len(wanted),
            }
        )
    return result


CAPABILITIES = (
    Capability(
        name="list_at_risk_deals",
        summary="deals at risk and why",
        description="Open deals at risk by deal health: a 0-100 risk score from published rules (buyer or champion "
        "silent, stuck in stage, close date slipped, single-threaded, reply rate or meeting cadence dropped, no "
        "next step); at risk from the alert score up, riskiest first, each with its evidence and next best action.",
        args_schema=AtRiskArgs,
        run=_at_risk,
        result_types=(AtRiskResult, CompanyMatch),
        examples=(
            Example("which of my deals are at risk?", {"owners": ["me"]}),
            Example("which deals are at risk?", {}),
            Example("is Acme at risk?", {"company": "Acme"}),
        ),
        subcommand=Subcommand(
            "risk",
            "risk [company]",
            "your deals at risk and why, or a company's",
            arg="company",
            when_empty={"owners": ["me"]},
        ),
    ),
)
