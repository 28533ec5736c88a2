"""Per-deal engagement aggregates (`DealEngagementAgg`): computed from the raw rows, kept current on every write.

The deal-health rules read, per open deal, counts in windows relative to "now" (emails and held meetings in the last
4 weeks against the 4 or 8 before), the last buyer touch and each champion's, booked meetings, open tasks, the last
stage move and the close-date pushes. Counting those over 1.1M activities for every question took seconds; instead
each deal keeps one row holding exactly the events those inputs are computed from, packed as int64 rows:

| column | engagement | stage change | close-date push |
|---|---|---|---|
| instant (µs since epoch, UTC) | `occurred_at` | `changed_at` | `changed_at` |
| flags | `OUT IN HELD SCHEDULED TASK BUYER` | `STAGE` | `PUSH` |
| id | engagement id | change id | change id |
| a | contact id (-1: none) | 0 | old date (ordinal) |
| b | due instant (`NO_DUE`: none) | 0 | new date (ordinal) |

A contact linked to the deal with a champion role is one more event: instant 0, flags `CHAMPION`, id 0, a = contact id.

Old activity is pruned, so a deal's row stays small however long its history: activity older than `HORIZON_DAYS` before
the deal's latest activity only matters through the latest buyer touch of each contact and the latest held meeting,
which are kept. The events then answer exactly for any instant from that latest activity on (`valid_from`; None when
nothing was pruned: any instant). Booked meetings, open tasks, stage moves and pushes are few and never pruned.

Writes keep the rows current in two ways. Every write through a `Session` is seen by the hooks below (ORM objects at
flush, and Core INSERT/UPDATE/DELETE statements run through the session), and the touched deals are recomputed just
before the commit, in the same transaction. Bulk writers on a bare connection (the CSV import, the demo generator)
call `refresh_engagement_aggregates` themselves. `settle(session)` recomputes what a session changed but has not
committed yet, for a reader in that same session.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, event, insert, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlalchemy.sql.dml import Delete, Insert, Update
from sqlalchemy.sql.elements import BindParameter

from store.models import CloseDateChange, Deal, DealContact, DealEngagementAgg, DealStageChange, Engagement, table_of

OUT, IN, HELD, SCHEDULED, TASK, BUYER, STAGE, PUSH, CHAMPION = (1 << i for i in range(9))
"""Event flags: outbound email, inbound email, held meeting, scheduled meeting, open task, buyer touch, stage move,
close date pushed later, a contact linked as champion."""
NEVER_PRUNED = SCHEDULED | TASK | STAGE | PUSH | CHAMPION
"""Events that matter whatever their age (a task due next week may have been created a year ago)."""
NO_DUE = 2**63 - 1
"""The `b` of an open task without a due date: due at no instant, so always still open."""
HORIZON_DAYS = 84
"""The longest window a rule counts back from "now" (held meetings: the 4 weeks plus the 8 before them)."""
COLUMNS = 5
EVENT_DTYPE = "<i8"
"""Little-endian int64, whatever the machine: the rows are stored bytes."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_WATCHED = {table_of(m).name for m in (Engagement, DealStageChange, CloseDateChange, DealContact)}
_PENDING = "engagement_agg_pending"
"""`Session.info` key: the deal ids whose aggregates this session's writes made stale (None in the set: all)."""


def to_us(at: datetime) -> int:
    """An instant as integer microseconds since the epoch (UTC; a naive value is taken as UTC, as the store does)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    delta = at - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_us(us: int) -> datetime:
    """The instant of `to_us`, UTC-aware."""
    return _EPOCH + timedelta(microseconds=int(us))


def _flags(kind: str, direction: str | None, status: str | None, buyer: bool | None) -> int:
    flags = BUYER if buyer else 0
    if kind == "email":
        flags |= OUT if direction == "outbound" else IN if direction == "inbound" else 0
    elif kind == "meeting":
        flags |= HELD if status == "completed" else SCHEDULED if status == "scheduled" else 0
    elif kind == "task" and status == "open":
        flags |= TASK
    return flags


def _as_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def build_row(
    deal_id: int,
    engagements: list[tuple[int, str, str | None, str | None, Any, Any, int | None, bool | None]],
    moves: list[tuple[int, Any]],
    changes: list[tuple[int, Any, Any, Any]],
    links: list[tuple[int, str | None]],
) -> dict[str, Any] | None:
    """One deal's aggregate row from its raw rows (None when it has none that matter).

    Args:
        deal_id: The deal.
        engagements: (id, type, direction, status, occurred_at, due_at, contact_id, buyer_engaged) rows.
        moves: (id, changed_at) of its stage changes.
        changes: (id, old_date, new_date, changed_at) of its close-date changes.
        links: (contact_id, role) of its `DealContact` rows.
    """
    events: list[tuple[int, int, int, int, int]] = []
    buyer_people: set[int] = set()
    last_buyer = last_out = None
    for eid, kind, direction, status, occurred, due, contact, buyer in engagements:
        flags = _flags(kind, direction, status, buyer)
        if not flags:
            continue
        at = _as_datetime(occurred)
        if at is None:
            continue
        t = to_us(at)
        if flags & BUYER:
            last_buyer = t if last_buyer is None else max(last_buyer, t)
            if contact is not None:
                buyer_people.add(contact)
        if flags & OUT:
            last_out = t if last_out is None else max(last_out, t)
        due_at = _as_datetime(due)
        events.append((t, flags, eid, -1 if contact is None else contact, NO_DUE if due_at is None else to_us(due_at)))
    valid_from = _prune(events)
    for change_id, changed in moves:
        at = _as_datetime(changed)
        if at is not None:
            events.append((to_us(at), STAGE, change_id, 0, 0))
    for change_id, old, new, changed in changes:
        old_d, new_d, at = _as_date(old), _as_date(new), _as_datetime(changed)
        if old_d is not None and new_d is not None and new_d > old_d and at is not None:
            events.append((to_us(at), PUSH, change_id, old_d.toordinal(), new_d.toordinal()))
    for contact_id in sorted({c for c, role in links if role and "champion" in role.lower()}):
        events.append((0, CHAMPION, 0, contact_id, 0))
    if not events and not links:
        return None
    events.sort(key=lambda e: (e[0], e[2]))  # stable: champions stay in contact order
    import numpy as np  # here, not at import: a store opened for anything else need not load numpy

    return {
        "deal_id": deal_id,
        "events": np.array(events, dtype=EVENT_DTYPE).reshape(-1, COLUMNS).tobytes(),
        "valid_from": None if valid_from is None else from_us(valid_from),
        "last_buyer_at": None if last_buyer is None else from_us(last_buyer),
        "last_outbound_at": None if last_out is None else from_us(last_out),
        "buyer_contacts": len(buyer_people),
        "contacts": len(links),
    }


def _prune(events: list[tuple[int, int, int, int, int]]) -> int | None:
    """Drop activity no rule can see from any instant after the latest activity; return that instant if any dropped.

    Kept: everything within `HORIZON_DAYS` before the latest prunable activity, the latest buyer touch of each contact
    (last buyer touch, champions' last touch, contacts engaged) and the latest held meeting, and every event that is
    never pruned. Ties on the instant are broken by id, as the rules' "latest" is.
    """
    prunable = [e for e in events if not e[1] & NEVER_PRUNED]
    if not prunable:
        return None
    latest = max(e[0] for e in prunable)
    cutoff = latest - HORIZON_DAYS * 86_400 * 1_000_000
    last_of: dict[tuple[int, int], tuple[int, int]] = {}  # (kind, contact) -> latest (instant, id)
    for t, flags, eid, contact, _b in prunable:
        for key in ([(BUYER, contact)] if flags & BUYER else []) + ([(HELD, 0)] if flags & HELD else []):
            last_of[key] = max(last_of.get(key, (t, eid)), (t, eid))
    latest_ones = set(last_of.values())
    before = len(events)
    events[:] = [e for e in events if e[1] & NEVER_PRUNED or e[0] > cutoff or (e[0], e[2]) in latest_ones]
    return latest if len(events) < before else None


def _chunked(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def compute_rows(conn: Connection, deal_ids: Iterable[int] | None) -> list[dict[str, Any]]:
    """The aggregate rows of `deal_ids` (None: every deal) from the raw rows, without writing them."""
    e, s, c, dc = (table_of(m).c for m in (Engagement, DealStageChange, CloseDateChange, DealContact))
    per_deal: dict[int, list[list[Any]]] = defaultdict(lambda: [[], [], [], []])
    queries = (
        (0, select(e.deal_id, e.id, e.type, e.direction, e.status, e.occurred_at, e.due_at, e.contact_id,
                   e.buyer_engaged), e.deal_id),
        (1, select(s.deal_id, s.id, s.changed_at), s.deal_id),
        (2, select(c.deal_id, c.id, c.old_date, c.new_date, c.changed_at), c.deal_id),
        (3, select(dc.deal_id, dc.contact_id, dc.role), dc.deal_id),
    )  # fmt: skip
    chunks: list[list[int] | None] = [None] if deal_ids is None else list(_chunked(sorted(set(deal_ids))))
    for chunk in chunks:
        for slot, query, deal_col in queries:
            stmt = query.where(deal_col.is_not(None)) if chunk is None else query.where(deal_col.in_(chunk))
            for row in conn.execute(stmt):
                per_deal[row[0]][slot].append(tuple(row[1:]))
    return [r for deal_id, parts in per_deal.items() if (r := build_row(deal_id, *parts)) is not None]


def refresh_engagement_aggregates(conn: Connection, deal_ids: Iterable[int] | None = None) -> int:
    """Recompute the aggregates of `deal_ids` (None: every deal) from the raw rows, in the caller's transaction.

    The one way aggregates are written: the migration's backfill, the bulk writers and the session hooks all call it,
    so a row maintained write by write is by construction the row a full recompute gives. Returns the rows written.
    """
    ids = None if deal_ids is None else sorted(set(deal_ids))
    if ids == []:
        return 0
    if ids is not None and conn.dialect.name == "postgresql":
        # Two transactions writing the same deal's activity (a sync page, an approved write-back) recompute it in
        # turn: each locks the deal rows (in id order: no deadlock between recomputes), so the later one reads the
        # earlier one's committed rows and never writes an aggregate that misses them. SQLite has one writer at a time.
        deal = table_of(Deal)
        for chunk in _chunked(ids):
            # FOR NO KEY UPDATE: it waits for another recompute, not for the key-share locks of foreign-key checks
            # (which FOR UPDATE would, and deadlock two writers that each inserted an activity first).
            locked = select(deal.c.id).where(deal.c.id.in_(chunk)).order_by(deal.c.id)
            conn.execute(locked.with_for_update(key_share=True))
    rows = compute_rows(conn, ids)
    agg = table_of(DealEngagementAgg)
    if ids is None:
        conn.execute(delete(agg))
    else:
        for chunk in _chunked(ids):
            conn.execute(delete(agg).where(agg.c.deal_id.in_(chunk)))
    for start in range(0, len(rows), 2000):
        conn.execute(insert(agg), rows[start : start + 2000])
    return len(rows)


def decode_events(blob: bytes) -> Any:
    """A row's events as an (n, 5) int64 numpy array."""
    import numpy as np

    return np.frombuffer(blob, dtype=EVENT_DTYPE).reshape(-1, COLUMNS)


# --- keeping them current on every session write -----------------------------------------------------------------


def _pending(session: Session) -> set[int | None]:
    pending: set[int | None] = session.info.setdefault(_PENDING, set())
    return pending


def mark_stale(session: Session, deal_ids: Iterable[int | None]) -> None:
    """Note deals whose aggregates must be recomputed before the session commits (None: all of them)."""
    _pending(session).update(deal_ids)


def settle(session: Session) -> None:
    """Flush the session and recompute the aggregates its uncommitted writes made stale (a reader in that session)."""
    if session.info.get(_PENDING) is None and not (session.new or session.dirty or session.deleted):
        return
    session.flush()
    pending = session.info.pop(_PENDING, set())
    if not pending:
        return
    conn = session.connection()
    if None in pending:
        refresh_engagement_aggregates(conn, None)
    else:
        refresh_engagement_aggregates(conn, [d for d in pending if d is not None])


def _object_deals(obj: Any) -> list[int | None]:
    from sqlalchemy import inspect as sa_inspect

    history = sa_inspect(obj).attrs.deal_id.history
    return [*history.added, *history.unchanged, *history.deleted]


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    touched: list[int | None] = []
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Engagement | DealStageChange | CloseDateChange | DealContact):
            touched.extend(d for d in _object_deals(obj) if d is not None)
    if touched:
        mark_stale(session, touched)


@event.listens_for(Session, "do_orm_execute")
def _do_orm_execute(state: ORMExecuteState) -> Any:
    statement = state.statement
    if not isinstance(statement, Insert | Update | Delete):
        return None
    table = statement.table
    if getattr(table, "name", None) not in _WATCHED:
        return None
    session = state.session
    touched = _deals_of_statement(session, statement, state.parameters)
    mark_stale(session, touched)
    return None


def _deals_of_statement(session: Session, statement: Any, parameters: Any) -> list[int | None]:
    """The deals a DML statement on a watched table touches: before (by its WHERE or conflict key) and after."""
    table = statement.table
    rows = parameters if isinstance(parameters, list) else [parameters] if parameters else []
    if isinstance(statement, Insert):
        values = [r.get("deal_id") for r in rows if isinstance(r, dict) and "deal_id" in r]
        if not values and not rows:
            return [None]  # inline VALUES or INSERT ... SELECT: recompute everything rather than guess
        found: list[int | None] = [v for v in values if v is not None]
        hubspot_ids = [r["hubspot_id"] for r in rows if isinstance(r, dict) and r.get("hubspot_id")]
        if hubspot_ids and "hubspot_id" in table.c:  # an upsert may move an existing row to another deal
            for chunk in _chunked(hubspot_ids):
                found.extend(
                    session.connection()
                    .execute(select(table.c.deal_id).where(table.c.hubspot_id.in_(chunk), table.c.deal_id.is_not(None)))
                    .scalars()
                )
        return found
    where = statement.whereclause
    query = select(table.c.deal_id).distinct().where(table.c.deal_id.is_not(None))
    before = list(session.connection().execute(query if where is None else query.where(where)).scalars())
    if isinstance(statement, Update):
        sets = {getattr(k, "key", k): v for k, v in (statement._values or {}).items()}  # noqa: SLF001
        if any(isinstance(r, dict) and "deal_id" in r for r in rows):
            return [None]  # moved per row by executemany: recompute everything rather than guess
        if "deal_id" in sets:
            moved_to = sets["deal_id"]
            if not isinstance(moved_to, BindParameter):
                return [None]  # moved by an expression: recompute everything
            # e.g. detached from a deleted deal (set to NULL): the old deals only (None here would mean "all")
            return [*before, *([] if moved_to.value is None else [moved_to.value])]
    return list(before)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    settle(session)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
