"""Slack event ids already handled: Slack retries a delivery it did not see acknowledged, so each id is claimed once."""

from __future__ import annotations

import itertools
from datetime import timedelta

from sqlalchemy import Engine, delete

from store.db import insert_ignoring_conflict
from store.models import SlackEvent, table_of, utcnow

EVENT_MEMORY = timedelta(days=3)  # Slack retries within about an hour; keep ids well past that, then forget them
_PRUNE_EVERY = 1000
_claims = itertools.count(1)


def prune_events(engine: Engine, *, older_than: timedelta = EVENT_MEMORY) -> int:
    """Forget handled event ids older than `older_than`; returns how many were removed."""
    with engine.begin() as conn:
        table = table_of(SlackEvent)
        return int(conn.execute(delete(table).where(table.c.received_at < utcnow() - older_than)).rowcount or 0)


def claim_event(engine: Engine, event_id: str, kind: str = "") -> bool:
    """Record a Slack event id; True only the first time (insert-or-ignore on the primary key)."""
    if next(_claims) % _PRUNE_EVERY == 0:
        prune_events(engine)
    table = table_of(SlackEvent)
    values = {"event_id": event_id[:255], "kind": kind[:100], "received_at": utcnow()}
    with engine.begin() as conn:
        return insert_ignoring_conflict(conn, table, values, conflict=["event_id"], returning=table.c.event_id)
