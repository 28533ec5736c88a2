"""The stored deal health: every open deal's last assessment (`DealHealthScore`), kept current by the `deal_health` job.

"Which deals are at risk?" is always assessed live: `tools.health.at_risk_deals` scores the whole book in one scan of
the open deals and their engagement aggregates (about a tenth of a second on a 100k-deal book), so no answer waits on
a snapshot or asks whether one is stale. The stored rows serve what reads deal health outside a question (HubSpot's
deal properties, `tools.intelligence.hubspot_properties`), and they are a trivially correct cache:

- each row is exactly the live assessment of its deal at the row's own `assessed_at` (a test holds them equal);
- the job scores the whole book every run (cheap), and rewrites only the rows whose basis changed: the deal's inputs
  (its columns and its aggregate), its score or broken rules, the won-deal medians, the thresholds or timezone, or the
  team-local day (so dated evidence is at most a day old). A run where nothing moved writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field
from sqlalchemy import Engine, delete, insert, text
from sqlmodel import Session

from store.db import session_scope
from store.meta import data_signature, set_meta
from store.models import DealHealthScore, table_of
from tools.capabilities import Capability, Example, Subcommand, ToolContext
from tools.deals import CompanyMatch, OwnersField, company_filter
from tools.health import AT_RISK_SHOWN, AtRiskResult, DealHealth, Thresholds, at_risk_deals
from tools.health.book import Book, score_book
from tools.resolve import resolve_owners

if TYPE_CHECKING:
    from settings import Settings

SNAPSHOT_KEY = "deal_health_snapshot"
"""The `WorkspaceMeta` key of the last run's header (a record of the run; nothing is served by it)."""


@dataclass(frozen=True)
class SnapshotHeader:
    """What the last run assessed: when, on which data, with which rules, how many deals."""

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
    """The rule settings an assessment depends on: a change of threshold or timezone re-assesses every deal."""
    return json.dumps({**asdict(thresholds), "tz": str(tz)}, sort_keys=True)


@dataclass(frozen=True)
class SnapshotReport:
    """What a refresh did."""

    deals: int
    at_risk: int
    assessed_at: datetime
    seconds: float
    rewritten: int = 0
    """Rows re-assessed and rewritten (deals whose basis changed, and deals no longer open removed)."""


def _book_basis(book: Book, thresholds: Thresholds, tz: ZoneInfo) -> str:
    """The part of every deal's basis that is the same for the whole book."""
    ctx = book.ctx
    shared = (rules_key(thresholds, tz), ctx.today.isoformat(), sorted(ctx.medians.items()), asdict(ctx.store))
    return hashlib.blake2b(repr(shared).encode(), digest_size=8).hexdigest()


def refresh_snapshot(engine: Engine, settings: Settings, *, now: datetime) -> SnapshotReport:
    """Score the book and rewrite the stored rows whose basis changed (the `deal_health` job, and after a sync)."""
    started = time.perf_counter()
    thresholds, tz = Thresholds.from_settings(settings), settings.tz
    with session_scope(engine) as session:
        if session.get_bind().dialect.name == "postgresql":
            # Two refreshers (the job on two replicas, or the job and a sync) take turns; readers never wait.
            session.exec(text("LOCK TABLE dealhealthscore IN EXCLUSIVE MODE"))  # type: ignore[call-overload]
        signature = data_signature(session)
        book = score_book(session, now=now, thresholds=thresholds, tz=tz)
        shared = _book_basis(book, thresholds, tz)
        s = table_of(DealHealthScore).c
        # every stored basis, read through the driver (21k rows: SQLAlchemy's row processing would double the read)
        stored: dict[int, str | None] = dict(
            session.connection().exec_driver_sql("SELECT deal_id, basis FROM dealhealthscore").fetchall()  # type: ignore[arg-type]
        )
        ids = book.ids.tolist()
        basis = {deal_id: f"{shared}:{digest}" for deal_id, digest in zip(ids, book.digests(), strict=True)}
        changed = [p for p, deal_id in enumerate(ids) if stored.get(deal_id) != basis[deal_id]]
        gone = sorted(set(stored) - set(ids))
        assessed = book.explain(session, changed)
        stale = [h.deal_id for h in assessed] + gone
        for start in range(0, len(stale), 2000):
            session.exec(delete(DealHealthScore).where(s.deal_id.in_(stale[start : start + 2000])))  # type: ignore[call-overload]
        rows = [_row(h, basis[h.deal_id]) for h in assessed]
        for start in range(0, len(rows), 2000):
            session.exec(insert(DealHealthScore), params=rows[start : start + 2000])  # type: ignore[call-overload]
        header = SnapshotHeader(assessed_at=now, signature=signature, rules=rules_key(thresholds, tz), deals=len(book))
        set_meta(session, SNAPSHOT_KEY, header.to_json())
    return SnapshotReport(
        deals=len(book),
        at_risk=int((book.score >= settings.risk_alert_score).sum()),
        assessed_at=now,
        seconds=time.perf_counter() - started,
        rewritten=len(assessed) + len(gone),
    )


def _row(h: DealHealth, basis: str) -> dict[str, object]:
    return {
        "deal_id": h.deal_id,
        "owner_id": h.owner_id,
        "company_id": h.company_id,
        "score": h.score,
        "amount": h.amount,
        "reasons": [
            {"code": r.code, "label": r.label, "points": r.points, "evidence": r.evidence, "action": r.action}
            for r in h.reasons
        ],
        "assessed_at": h.assessed_at,
        "basis": basis,
    }


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
    result = at_risk_deals(
        session,
        now=ctx.now,
        thresholds=Thresholds.from_settings(ctx.settings),
        tz=ctx.settings.tz,
        min_score=ctx.settings.risk_alert_score,
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
