"""Durable Slack work: every acknowledged DM, mention, command and click is a `SlackWork` row before Slack's 200.

Life of a row: `queued` (stored with the ack) → `running` (one worker's conditional UPDATE won; its lease is renewed
while the process lives) → `done` or `failed`. A row whose lease expired (the process died: kill -9, a deploy) or that
was never claimed is taken over by a sweeper, which claims with `FOR UPDATE SKIP LOCKED` on PostgreSQL (replicas
never wait on each other's rows) and a conditional UPDATE on both databases (the arbiter: exactly one claimer wins).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, and_, or_, select, update
from sqlalchemy.dialects import sqlite

from store.db import dialect_insert, insert_ignoring_conflict
from store.models import SlackWork, SlackWorkMessage, table_of
from store.types import utcnow

_TABLE = SlackWork.__table__  # type: ignore[attr-defined]
_MESSAGES = table_of(SlackWorkMessage)


@dataclass(frozen=True)
class WorkRow:
    """A stored piece of work, as a worker sees it."""

    id: int
    key: str
    kind: str
    payload: dict[str, Any]
    status: str
    attempts: int
    placeholder_channel: str | None
    placeholder_ts: str | None


def enqueue(engine: Engine, kind: str, key: str, payload: dict[str, Any]) -> int:
    """Store the work unless a row with this key exists (a Slack retry); returns the row's id either way."""
    values = {"key": key[:255], "kind": kind, "payload": payload, "status": "queued", "attempts": 0}
    with engine.connect() as conn:  # usually stored already (by the edge ack): a read takes no write lock
        found = conn.execute(select(_TABLE.c.id).where(_TABLE.c.key == key[:255])).scalar()
    if found is not None:
        return int(found)
    with engine.begin() as conn:
        insert_ignoring_conflict(
            conn, _TABLE, {**values, "created_at": utcnow()}, conflict=["key"], returning=_TABLE.c.id
        )
        return int(conn.execute(select(_TABLE.c.id).where(_TABLE.c.key == key[:255])).scalar_one())


def enqueue_new(engine: Engine, kind: str, key: str, payload: dict[str, Any]) -> int | None:
    """Store the work; its id, or None when this key was stored before (a replay of the same request)."""
    values = {"key": key[:255], "kind": kind, "payload": payload, "status": "queued", "attempts": 0}
    with engine.begin() as conn:
        stmt_values = {**values, "created_at": utcnow()}
        if not insert_ignoring_conflict(conn, _TABLE, stmt_values, conflict=["key"], returning=_TABLE.c.id):
            return None
        return int(conn.execute(select(_TABLE.c.id).where(_TABLE.c.key == key[:255])).scalar_one())


def enqueue_many(
    bind: Engine | Connection, items: list[tuple[str, str, dict[str, Any]]], *, retry_of: datetime | None = None
) -> list[int | None]:
    """Store several pieces of work in ONE statement and transaction; for each, its new id or None (a replay).

    `bind` is an engine, or a connection kept open by a caller that stores batches often (the edge ack's writer:
    checking a connection out of the pool and back costs as much as storing one row).

    None when the key existed, or came earlier in `items` (a replay inside the same batch). One multi-row
    `INSERT ... ON CONFLICT DO NOTHING RETURNING id, key` (SQLAlchemy's insertmanyvalues), not one statement
    per row: under a burst of 200 slash commands the per-row statements cost ~25 ms of CPU under the GIL that every
    ack in the batch waited for (benchmarks/slack_ack.py).

    `retry_of`: the stamp (`created_at`) of an earlier attempt at this same batch whose outcome is unknown (its
    connection failed during the commit, which may have landed). A key stored by that attempt is this batch's own
    row, not a replay: its id is returned, so the ack is answered and the work runs instead of being refused.
    """
    if not items:
        return []
    rows = _new_rows(items, retry_of)
    insert = dialect_insert(bind.dialect.name, _TABLE).on_conflict_do_nothing(index_elements=["key"])
    stmt = insert.returning(_TABLE.c.id, _TABLE.c.key)
    with _transaction(bind) as conn:
        stored = {key: int(work_id) for work_id, key in conn.execute(stmt, rows)}
        if retry_of is not None:
            stored |= _stored_by_attempt(conn, [row["key"] for row in rows if row["key"] not in stored], retry_of)
    return _ids_in_order(items, stored)


@contextmanager
def _transaction(bind: Engine | Connection) -> Iterator[Connection]:
    if isinstance(bind, Connection):
        with bind.begin():
            yield bind
    else:
        with bind.begin() as conn:
            yield conn


def _stored_by_attempt(conn: Connection, keys: list[str], stamp: datetime) -> dict[str, int]:
    """The ids of those keys stored by the attempt stamped `stamp` (rows of a replay carry an older stamp)."""
    if not keys:
        return {}
    found = conn.execute(select(_TABLE.c.id, _TABLE.c.key).where(_TABLE.c.key.in_(keys), _TABLE.c.created_at == stamp))
    return {key: int(work_id) for work_id, key in found}


_COLUMNS = ("key", "kind", "payload", "status", "attempts", "created_at")
RAW_MAX_ROWS = 500
"""Rows per raw statement: 6 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535."""


WorkItem = tuple[str, str, dict[str, Any]]
"""(kind, key, payload) of a piece of work to store."""


def enqueue_many_sqlite(dbapi_conn: sqlite3.Connection, items: list[WorkItem]) -> list[int | None]:
    """`enqueue_many` on a raw sqlite3 connection (in its default implicit-transaction mode), committed on return.

    Why not SQLAlchemy here: the edge ack's writer runs this on the server's event loop, where every microsecond is
    paid by each ack of a burst. Sampled under a 200-command burst, SQLAlchemy's execution of the same statement (cache
    key, compiled-statement setup, result proxy) was a third of the loop's time (benchmarks/slack_ack.py); the raw
    statement is built once per batch size, and the values go through the columns' own bind processors, so the row
    is stored exactly as `enqueue_many` stores it. On failure the transaction is rolled back and the error raised
    (`sqlite3.OperationalError` when another writer holds the lock).
    """
    if not items:
        return []
    rows = _new_rows(items)
    bind = _sqlite_binders()
    stored: dict[str, int] = {}
    try:
        for start in range(0, len(rows), RAW_MAX_ROWS):
            chunk = rows[start : start + RAW_MAX_ROWS]
            params = [bind[c](row[c]) for row in chunk for c in _COLUMNS]
            returned = dbapi_conn.execute(_raw_insert(len(chunk), _SQLITE_ROW), params)
            stored.update((key, int(work_id)) for work_id, key in returned)
        dbapi_conn.commit()
    except BaseException:
        dbapi_conn.rollback()
        raise
    return _ids_in_order(items, stored)


async def enqueue_many_psycopg(aconn: Any, items: list[WorkItem], stamp: datetime | None = None) -> list[int | None]:
    """`enqueue_many` on a psycopg `AsyncConnection` (PostgreSQL), committed on return, rolled back on failure.

    Why: the edge ack's writer awaits this on the server's event loop, which keeps serving requests during the round
    trip and the commit's fsync; a writer thread doing the same fought the loop for the GIL all through a burst
    (benchmarks/slack_ack.py). The row is the one `enqueue_many` stores: payload as JSON text (SQLAlchemy's JSON
    type serialises with `json.dumps` too), created_at an aware UTC instant: `stamp`, the caller's,
    so that a retry of this batch on the writer thread can tell its own rows (`enqueue_many`'s `retry_of`).
    """
    if not items:
        return []
    rows = _new_rows(items, stamp)
    stored: dict[str, int] = {}
    try:
        for start in range(0, len(rows), RAW_MAX_ROWS):
            chunk = rows[start : start + RAW_MAX_ROWS]
            params = [
                value
                for row in chunk
                for value in (row["key"], row["kind"], json.dumps(row["payload"]), "queued", 0, row["created_at"])
            ]
            cursor = await aconn.execute(_raw_insert(len(chunk), _POSTGRES_ROW), params)
            stored.update((key, int(work_id)) for work_id, key in await cursor.fetchall())
        await aconn.commit()
    except BaseException:
        await aconn.rollback()
        raise
    return _ids_in_order(items, stored)


@cache
def _raw_insert(rows: int, group: str) -> str:
    """The multi-row insert of `rows` rows, `group` being one row's placeholders in the driver's style."""
    return (
        f"INSERT INTO {_TABLE.name} ({', '.join(_COLUMNS)}) VALUES {', '.join([group] * rows)} "
        "ON CONFLICT (key) DO NOTHING RETURNING id, key"
    )


_SQLITE_ROW = "(" + ", ".join("?" * len(_COLUMNS)) + ")"
_POSTGRES_ROW = "(%s, %s, %s::json, %s, %s, %s)"


@cache
def _sqlite_binders() -> dict[str, Any]:
    """Each column's SQLAlchemy bind processor for SQLite (JSON → text, aware datetime → naive UTC), or identity."""
    dialect = sqlite.dialect()
    binders: dict[str, Any] = {}
    for name in _COLUMNS:
        process = _TABLE.c[name].type._cached_bind_processor(dialect)
        binders[name] = process if process is not None else (lambda value: value)
    return binders


def _new_rows(items: list[tuple[str, str, dict[str, Any]]], stamp: datetime | None = None) -> list[dict[str, Any]]:
    """The rows to insert: one per key (keys cut to the column's 255), the first of a key within the batch.

    `created_at` is `stamp` (default now): one instant for the whole batch, which a retry of it looks for.
    """
    now = stamp or utcnow()
    rows, first = [], set()
    for kind, key, payload in items:
        if key[:255] in first:
            continue
        first.add(key[:255])
        rows.append(
            {"key": key[:255], "kind": kind, "payload": payload, "status": "queued", "attempts": 0, "created_at": now}
        )
    return rows


def _ids_in_order(items: list[tuple[str, str, dict[str, Any]]], stored: dict[str, int]) -> list[int | None]:
    """Each item's new id, None for a replay: a second item with the same key in the batch pops nothing."""
    return [stored.pop(key[:255], None) for _kind, key, _payload in items]


def _claimable(now: datetime) -> Any:
    return or_(
        _TABLE.c.status == "queued",
        and_(_TABLE.c.status == "running", _TABLE.c.lease_until < now),
    )


def claim(engine: Engine, work_id: int, worker: str, *, lease: timedelta, now: datetime | None = None) -> bool:
    """Take one row for `worker`; True only for the one caller whose conditional UPDATE won."""
    now = now or utcnow()
    with engine.begin() as conn:
        won = conn.execute(
            update(_TABLE)
            .where(_TABLE.c.id == work_id, _claimable(now))
            .values(status="running", claimed_by=worker, lease_until=now + lease, attempts=_TABLE.c.attempts + 1)
        ).rowcount
    return won == 1


def claim_stale(
    engine: Engine,
    worker: str,
    *,
    lease: timedelta,
    queued_for: timedelta,
    now: datetime | None = None,
    limit: int = 100,
) -> list[int]:
    """Take over rows nobody is working on: queued longer than `queued_for`, or running with an expired lease."""
    now = now or utcnow()
    stale = or_(
        and_(_TABLE.c.status == "queued", _TABLE.c.created_at <= now - queued_for),
        and_(_TABLE.c.status == "running", _TABLE.c.lease_until < now),
    )
    with engine.begin() as conn:
        ids = [
            int(i)
            for i in conn.execute(
                select(_TABLE.c.id).where(stale).order_by(_TABLE.c.id).limit(limit).with_for_update(skip_locked=True)
            ).scalars()
        ]
        won = []
        for work_id in ids:
            moved = conn.execute(
                update(_TABLE)
                .where(_TABLE.c.id == work_id, stale)
                .values(status="running", claimed_by=worker, lease_until=now + lease, attempts=_TABLE.c.attempts + 1)
            ).rowcount
            if moved == 1:
                won.append(work_id)
    return won


def renew_leases(engine: Engine, worker: str, *, lease: timedelta, now: datetime | None = None) -> int:
    """Heartbeat: extend the lease of every row `worker` is still running; returns how many."""
    now = now or utcnow()
    with engine.begin() as conn:
        return int(
            conn.execute(
                update(_TABLE)
                .where(_TABLE.c.claimed_by == worker, _TABLE.c.status == "running")
                .values(lease_until=now + lease)
            ).rowcount
            or 0
        )


def get_work(engine: Engine, work_id: int) -> WorkRow | None:
    """One row, or None."""
    with engine.connect() as conn:
        row = conn.execute(select(_TABLE).where(_TABLE.c.id == work_id)).first()
    if row is None:
        return None
    return WorkRow(
        id=row.id,
        key=row.key,
        kind=row.kind,
        payload=dict(row.payload or {}),
        status=row.status,
        attempts=row.attempts,
        placeholder_channel=row.placeholder_channel,
        placeholder_ts=row.placeholder_ts,
    )


def record_placeholder(engine: Engine, work_id: int, channel: str, ts: str) -> None:
    """Remember the "working…" message of this work, so a resumed run replaces it instead of posting a second one."""
    with engine.begin() as conn:
        conn.execute(
            update(_TABLE).where(_TABLE.c.id == work_id).values(placeholder_channel=channel, placeholder_ts=ts)
        )


@dataclass(frozen=True)
class MessageClaim:
    """What `claim_message` found: post now, or what an earlier attempt of the same work recorded."""

    first: bool
    """True: this attempt recorded "about to post" and must post; False: an earlier attempt did."""
    channel: str
    ts: str | None
    """The posted message's ts; None while posting (or when the attempt died between posting and recording it)."""


def claim_message(engine: Engine, work_id: int, kind: str, channel: str) -> MessageClaim:
    """Record "about to post `kind`" for this work, before chat.postMessage, unless an earlier attempt did.

    The (work, kind) primary key is the arbiter: of two attempts (a resumed run, a sweeper on another replica) only
    one records it, so only one posts without looking first.
    """
    values = {"work_id": work_id, "kind": kind, "channel": channel, "ts": None, "created_at": utcnow()}
    with engine.begin() as conn:
        if insert_ignoring_conflict(conn, _MESSAGES, values, conflict=["work_id", "kind"], returning=_MESSAGES.c.kind):
            return MessageClaim(True, channel, None)
        row = conn.execute(
            select(_MESSAGES.c.channel, _MESSAGES.c.ts).where(_MESSAGES.c.work_id == work_id, _MESSAGES.c.kind == kind)
        ).one()
    return MessageClaim(False, str(row.channel), row.ts)


def record_message(engine: Engine, work_id: int, kind: str, channel: str, ts: str) -> None:
    """Complete the record of a posted message with its address (a resumed attempt then skips it without looking)."""
    with engine.begin() as conn:
        conn.execute(
            update(_MESSAGES)
            .where(_MESSAGES.c.work_id == work_id, _MESSAGES.c.kind == kind)
            .values(channel=channel, ts=ts)
        )


def finish(engine: Engine, work_id: int, worker: str, status: str, detail: str | None = None) -> bool:
    """Record the outcome, if `worker` still holds the row (a worker whose lease was taken over records nothing)."""
    with engine.begin() as conn:
        moved = conn.execute(
            update(_TABLE)
            .where(_TABLE.c.id == work_id, _TABLE.c.claimed_by == worker, _TABLE.c.status == "running")
            .values(status=status, finished_at=utcnow(), lease_until=None, detail=(detail or "")[:4000] or None)
        ).rowcount
    return moved == 1


def count_by_status(engine: Engine) -> dict[str, int]:
    """How many rows are in each state (health checks, tests)."""
    from sqlalchemy import func

    with engine.connect() as conn:
        rows = conn.execute(select(_TABLE.c.status, func.count()).group_by(_TABLE.c.status)).all()
    return {str(status): int(n) for status, n in rows}
