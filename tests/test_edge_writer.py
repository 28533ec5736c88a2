"""The edge ack's writer: a slash command's work row is committed before its ack, in batches, never twice.

On SQLite the batch is written on the event loop; when another writer holds SQLite's lock the batch goes to the
writer thread, so the loop never waits for the lock. On PostgreSQL the loop awaits the batch on its own async
psycopg connection; when that fails, the writer thread stores the batch.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time

from sqlalchemy import select

from bot.slack.server import GroupWriter
from store.db import upgrade_schema
from store.models import SlackWork


async def _store(writer: GroupWriter, keys: list[str]) -> list[int | None]:
    futures = [writer.submit("command", key, {"key": key}) for key in keys]
    return list(await asyncio.wait_for(asyncio.gather(*futures), timeout=30))


def _rows(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {key: work_id for work_id, key in conn.execute(select(SlackWork.id, SlackWork.key)).all()}


def test_a_burst_is_stored_once_each_and_its_work_runs_once(engine):
    upgrade_schema(engine)
    ran: list[int] = []
    writer = GroupWriter(engine, ran.append)
    assert writer.on_loop and (writer.loop_engine is not None) == (engine.dialect.name == "sqlite")
    keys = [f"cmd:{i}" for i in range(150)] + ["cmd:3"]  # the same trigger id again: a replay
    ids = asyncio.run(_store(writer, keys))
    rows = _rows(engine)
    assert ids[:150] == [rows[k] for k in keys[:150]] and ids[150] is None
    deadline = time.monotonic() + 10
    while len(ran) < 150 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sorted(ran) == sorted(rows.values())
    assert asyncio.run(_store(writer, ["cmd:7", "cmd:new"])) == [None, _rows(engine)["cmd:new"]]


def test_on_sqlite_a_held_lock_sends_the_batch_to_the_thread_and_the_loop_does_not_wait(sqlite_engine, tmp_path):
    upgrade_schema(sqlite_engine)
    writer = GroupWriter(sqlite_engine)
    database = sqlite_engine.url.database
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:  # another writer (a sync, a job) in the middle of a long transaction
        conn = sqlite3.connect(database)
        conn.execute("BEGIN IMMEDIATE")
        locked.set()
        release.wait(10)
        conn.rollback()
        conn.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    locked.wait(10)

    async def burst_while_locked() -> tuple[list[int | None], float]:
        stored = asyncio.ensure_future(_store(writer, ["cmd:a", "cmd:b"]))
        ticks, started = 0, time.monotonic()
        while time.monotonic() - started < 0.3:  # the loop keeps turning while the lock is held
            await asyncio.sleep(0.01)
            ticks += 1
        assert ticks >= 10 and not stored.done()
        release.set()
        return await stored, ticks

    ids, _ticks = asyncio.run(burst_while_locked())
    holder.join()
    rows = _rows(sqlite_engine)
    assert ids == [rows["cmd:a"], rows["cmd:b"]]


def test_the_collector_stays_held_through_a_bursts_gaps_and_runs_once_requests_are_quiet():
    # A burst's connections arrive spread out: releasing the held collector at the first moment no request was open
    # let a 28 ms collection run in the middle of one (benchmarks/slack_ack.py).
    import gc

    from bot.slack.server import SlackHTTPServer

    server = SlackHTTPServer("127.0.0.1", 0, {"/x": lambda method, headers, body: (200, {}, b"")})
    server.gc_settle = 0.3

    async def burst_then_quiet() -> list[bool]:
        seen = []
        server._enter()
        server._leave()  # a gap between two requests of the burst
        await asyncio.sleep(0)
        seen.append(gc.isenabled())
        server._enter()  # the next request
        await asyncio.sleep(0.6)  # past the settle time, but a request is open
        seen.append(gc.isenabled())
        server._leave()
        await asyncio.sleep(1.2)  # quiet since: the collector runs again
        seen.append(gc.isenabled())
        return seen

    try:
        assert asyncio.run(burst_then_quiet()) == [False, False, True]
    finally:
        gc.enable()
        server.server_close()


def test_on_postgresql_the_loop_writes_while_serving_and_a_failed_connection_hands_the_batch_to_the_thread(
    postgres_engine,
):
    upgrade_schema(postgres_engine)
    writer = GroupWriter(postgres_engine)
    assert writer.postgres_conninfo is not None and writer.loop_engine is None

    async def burst_while_counting_ticks() -> tuple[list[int | None], int]:
        stored = asyncio.ensure_future(_store(writer, [f"cmd:{i}" for i in range(120)]))
        ticks = 0
        while not stored.done():  # the loop keeps turning while the batches are written
            await asyncio.sleep(0)
            ticks += 1
        return await stored, ticks

    ids, ticks = asyncio.run(burst_while_counting_ticks())
    rows = _rows(postgres_engine)
    assert ids == [rows[f"cmd:{i}"] for i in range(120)] and ticks > 1
    assert writer._aconn is not None  # written by the loop's own connection, not the thread
    from store.work import get_work

    row = get_work(postgres_engine, ids[7])
    assert row is not None and (row.kind, row.status, row.payload) == ("command", "queued", {"key": "cmd:7"})
    writer.postgres_conninfo = "postgresql://nobody@127.0.0.1:1/none"  # the loop's connection cannot be opened
    writer._drop_async_connection()
    ids = asyncio.run(_store(writer, ["cmd:5", "cmd:thread"]))
    assert ids == [None, _rows(postgres_engine)["cmd:thread"]]


def test_on_postgresql_a_commit_that_landed_before_its_connection_failed_is_answered_not_refused(
    postgres_engine, monkeypatch
):
    """The loop's write committed, then its connection failed before the answer came back: the writer thread's retry
    finds the batch's own rows (same stamp) and answers them as stored; a replay in the same batch stays a replay."""
    import psycopg

    import store.work

    upgrade_schema(postgres_engine)
    ran: list[int] = []
    writer = GroupWriter(postgres_engine, ran.append)
    assert asyncio.run(_store(writer, ["cmd:earlier"]))[0] is not None
    real_write = store.work.enqueue_many_psycopg

    async def committed_then_lost(aconn, items, stamp=None):
        await real_write(aconn, items, stamp)
        raise psycopg.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(store.work, "enqueue_many_psycopg", committed_then_lost)
    ids = asyncio.run(_store(writer, ["cmd:a", "cmd:b", "cmd:earlier"]))
    rows = _rows(postgres_engine)
    assert ids == [rows["cmd:a"], rows["cmd:b"], None]
    deadline = time.monotonic() + 10
    while len(ran) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sorted(ran) == sorted(rows.values())  # each row's work runs once: the earlier one, a and b


def test_a_retried_batch_takes_back_only_the_rows_its_own_attempt_stored(engine):
    from datetime import timedelta

    from store.types import utcnow
    from store.work import enqueue_many

    upgrade_schema(engine)
    stamp = utcnow()
    first = enqueue_many(engine, [("command", "cmd:x", {}), ("command", "cmd:y", {})])  # stored before: replays
    attempt = enqueue_many(engine, [("command", "cmd:z", {})], retry_of=stamp)  # the attempt whose answer was lost
    retried = enqueue_many(
        engine, [("command", "cmd:z", {}), ("command", "cmd:x", {}), ("command", "cmd:w", {})], retry_of=stamp
    )
    rows = _rows(engine)
    assert retried == [attempt[0], None, rows["cmd:w"]] and None not in first
    later = enqueue_many(engine, [("command", "cmd:z", {})], retry_of=stamp + timedelta(microseconds=1))
    assert later == [None]  # another batch's stamp: the row is a replay to it
