"""Calls kept from transcripts shared in Slack: one `Call` row per (owner, transcript), however often it is shared.

The unique `call.share_key` is the arbiter: concurrent shares of the same transcript (five DMs at once, two
replicas) all `INSERT ... ON CONFLICT DO NOTHING` and read back the one row that won, so none can add a second call.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Engine, select

from store.db import insert_ignoring_conflict
from store.models import Call, table_of

_TABLE = table_of(Call)


def share_key(owner_id: int | None, transcript: str) -> str:
    """What makes two shares the same call: the same text from the same owner (sha256, hex).

    The text, not Slack's file id: the same recording uploaded twice is two files but one call; and per owner, because
    two AEs who share one recording each own their follow-ups.
    """
    owner = "" if owner_id is None else str(owner_id)
    return hashlib.sha256(f"{owner}\n{transcript}".encode()).hexdigest()


def store_shared_call(
    engine: Engine,
    *,
    transcript: str,
    transcript_format: str,
    owner_id: int | None,
    deal_id: int | None,
    company_id: int | None,
    started_at: datetime,
    duration_seconds: int | None,
) -> int:
    """Keep a shared transcript as a `Call` row unless this owner's same transcript is kept; its id either way."""
    key = share_key(owner_id, transcript)
    with engine.connect() as conn:  # usually new; when not (a resumed run, a second share) a read takes no write lock
        found = conn.execute(select(_TABLE.c.id).where(_TABLE.c.share_key == key)).scalar()
    if found is not None:
        return int(found)
    values = {
        "deal_id": deal_id,
        "company_id": company_id,
        "owner_id": owner_id,
        "started_at": started_at,
        "duration_seconds": duration_seconds,
        "transcript": transcript,
        "transcript_format": transcript_format,
        "share_key": key,
    }
    with engine.begin() as conn:
        insert_ignoring_conflict(conn, _TABLE, values, conflict=["share_key"], returning=_TABLE.c.id)
        # the winner's row, whoever won (on PostgreSQL the losers' DO NOTHING waited for its commit)
        return int(conn.execute(select(_TABLE.c.id).where(_TABLE.c.share_key == key)).scalar_one())
