"""Workspace facts kept in `WorkspaceMeta`: how the data got here and how fresh it is."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from store.models import WorkspaceMeta
from store.types import utcnow

# Keys written by the HubSpot sync and the demo generator (its `as_of` anchor); the newest is what "as of" means.
FRESHNESS_KEYS = ("hubspot_last_sync_at", "as_of")


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
