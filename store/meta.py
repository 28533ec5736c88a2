"""Workspace facts kept in `WorkspaceMeta`: how the data got here and how fresh it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Engine
from sqlmodel import Session

from store.models import WorkspaceMeta
from store.types import utcnow

# Keys written by the HubSpot sync and the demo generator (its `as_of` anchor); the newest is what "as of" means.
FRESHNESS_KEYS = ("hubspot_last_sync_at", "as_of")
PROVENANCE_KEY = "provenance"
"""Where the CRM data came from: `demo`, `csv` or `hubspot` (older stores are told apart by their other keys)."""
CSV_GENERATOR = "csv-import"

Kind = Literal["demo", "csv", "hubspot", "unknown"]


@dataclass(frozen=True)
class Provenance:
    """Where the store's data came from and the instant it describes."""

    kind: Kind
    as_of: datetime | None
    source: str | None = None
    """The import's own name for its source, e.g. `csv:crm-sales-opportunities`."""

    @property
    def label(self) -> str:
        """How a footer names the source: "CSV import (crm-sales-opportunities)", "HubSpot sync", ..."""
        if self.kind == "csv":
            name = (self.source or "").removeprefix("csv:")
            return f"CSV import ({name})" if name else "CSV import"
        return {"demo": "demo workspace generated", "hubspot": "HubSpot sync"}.get(self.kind, "source unknown")

    @property
    def is_snapshot(self) -> bool:
        """True for data that stops at `as_of` (an import): answers are given as of then, not as of today."""
        return self.kind == "csv" and self.as_of is not None

    def clock(self, now: datetime) -> datetime:
        """The instant to answer at: `now`, or the snapshot's `as_of` when the data ends before `now`."""
        if self.is_snapshot and self.as_of is not None and self.as_of < now:
            return self.as_of
        return now


def get_meta(session: Session, key: str) -> str | None:
    """Return the value stored under `key`, if any."""
    row = session.get(WorkspaceMeta, key)
    return row.value if row else None


def set_meta(session: Session, key: str, value: str) -> None:
    """Store `value` under `key` (insert or update); the caller commits."""
    row = session.get(WorkspaceMeta, key)
    if row is None:
        session.add(WorkspaceMeta(key=key, value=value, updated_at=utcnow()))
    else:
        row.value, row.updated_at = value, utcnow()
        session.add(row)


def provenance(session: Session) -> Provenance:
    """Where the data came from (the recorded key, else inferred from the sync/generator keys) and its as-of."""
    kind = get_meta(session, PROVENANCE_KEY)
    if kind not in ("demo", "csv", "hubspot"):
        generator = get_meta(session, "generator")
        if get_meta(session, "hubspot_last_sync_at"):
            kind = "hubspot"
        elif generator == CSV_GENERATOR:
            kind = "csv"
        elif generator:
            kind = "demo"
        else:
            kind = "unknown"
    as_of = data_as_of(session)
    if as_of is not None and as_of.tzinfo is None:
        as_of = as_of.replace(tzinfo=UTC)
    return Provenance(kind=kind, as_of=as_of, source=get_meta(session, "source"))  # type: ignore[arg-type]


def answer_clock(engine: Engine, now: datetime) -> datetime:
    """The instant questions are answered at: `now`, or an imported snapshot's last day when it ends before `now`."""
    with Session(engine) as session:
        try:
            return provenance(session).clock(now)
        except ValueError:  # an unreadable stamp: answer at `now` (the footer says the freshness is unknown)
            return now


def data_as_of(session: Session) -> datetime | None:
    """When the store's CRM data was last refreshed (latest sync, else the demo anchor), or None if unknown."""
    stamps = [datetime.fromisoformat(v) for k in FRESHNESS_KEYS if (v := get_meta(session, k))]
    return max(stamps) if stamps else None


def data_signature(session: Session) -> str:
    """A cheap fingerprint of the CRM data: it changes when rows are added, a sync commits a page, or the demo is made.

    Every writer of CRM rows either adds rows (new ids: a local write-back adds an engagement, even for a deal update),
    or is the sync (each committed page moves its cursor's `updated_at`), or is the generator (its seed, size and
    `as_of` are meta). Each `MAX` is one index lookup, unlike a `COUNT(*)` over a million engagements.
    """
    from sqlalchemy import func
    from sqlmodel import col, select

    from store.models import CloseDateChange, Deal, DealStageChange, Engagement, SyncCursor, WorkspaceMeta

    parts = session.exec(
        select(
            *(
                select(func.max(column)).scalar_subquery()
                for column in (
                    Deal.id,
                    Engagement.id,
                    DealStageChange.id,
                    CloseDateChange.id,
                    SyncCursor.updated_at,
                )
            )
        )
    ).one()
    keys = (*FRESHNESS_KEYS, "generator", "seed", "size")
    meta = session.exec(
        select(col(WorkspaceMeta.key), col(WorkspaceMeta.value))
        .where(col(WorkspaceMeta.key).in_(keys))
        .order_by(col(WorkspaceMeta.key))
    ).all()
    generator = [f"{k}={v}" for k, v in meta]
    return "|".join([*(str(p) for p in parts), *generator])


@dataclass(frozen=True)
class StoreInputs:
    """Which kinds of data the store holds: rules that need a missing kind are off, and answers say so."""

    activity: bool
    """Any engagement (call, email, meeting, note, task)."""
    stage_history: bool
    """Any recorded stage change."""
    contacts: bool

    def rules_off(self) -> list[str]:
        """Plain sentences for what is switched off, e.g. for a CSV import of deals only."""
        out = []
        if not self.activity:
            out.append(
                "This store has no activity data (calls, emails, meetings), so the silence, engagement and "
                "next-step rules are off."
            )
        if not self.stage_history:
            out.append(
                "It has no stage history, so time in a stage counts from the deal's start and is not compared "
                "with won deals."
            )
        return out


def store_inputs(session: Session) -> StoreInputs:
    """Whether the store holds activity, stage history and contacts (three index lookups)."""
    from sqlalchemy import select

    from store.models import Contact, DealStageChange, Engagement

    def has(column: object) -> bool:
        return session.exec(select(column).limit(1)).first() is not None  # type: ignore[call-overload]

    return StoreInputs(activity=has(Engagement.id), stage_history=has(DealStageChange.id), contacts=has(Contact.id))


def store_origin(session: Session) -> str:
    """Where the store's CRM data came from: `empty`, or its provenance (`demo`, `csv`, `hubspot`, `unknown`)."""
    from sqlalchemy import func, select

    from store.models import Deal, Owner

    if not session.scalar(select(func.count()).select_from(Deal)) and not session.scalar(
        select(func.count()).select_from(Owner)
    ):
        return "empty"
    return provenance(session).kind


def describe_store(session: Session) -> str:
    """The store's data in plain words, e.g. "data imported from CSV (crm-sales): 8,800 deals and 85 companies"."""
    from sqlalchemy import func, select

    from store.models import Company, Deal

    origin = store_origin(session)
    if origin == "empty":
        return "an empty store"
    deals = session.scalar(select(func.count()).select_from(Deal)) or 0
    companies = session.scalar(select(func.count()).select_from(Company)) or 0
    counts = f"{deals:,} deal{'s' * (deals != 1)} and {companies:,} compan{'ies' if companies != 1 else 'y'}"
    source = (get_meta(session, "source") or "").removeprefix("csv:")
    where = {
        "demo": f"the generated demo workspace ({get_meta(session, 'size') or 'default'} size)",
        "csv": "data imported from CSV" + (f" ({source})" if source else ""),
        "hubspot": "data synced from HubSpot",
        "unknown": "data of unknown origin (not a generated demo)",
    }[origin]
    return f"{where}: {counts}"
