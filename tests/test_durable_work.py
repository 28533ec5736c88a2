"""Nothing acknowledged is lost: kill -9 the server while it answers 100 acknowledged DMs (or scores transcripts
shared in DMs); a new process finishes them.

Real processes (`tests/jobs_procs.durable_slack_server`), the real store (SQLite file and PostgreSQL), the fake Slack
Web API at the wire. Every DM Slack got a 200 for is answered, once, in the placeholder message it was promised in.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal
import socket
import sqlite3
import threading
import time
from collections import Counter

import pytest

from tests.fakes.slack_api import FakeSlackAPI, SlackUserRecord
from tests.fakes.slack_requests import JSON, event_callback, post_signed
from tests.test_calls_slack import FilesFakeSlack

SECRET = "durable-secret"
DMS = 100


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(url: str, api_url: str, port: int, *, calls: bool = False) -> mp.Process:
    from tests.jobs_procs import durable_slack_server

    ctx = mp.get_context("spawn")
    started = ctx.Event()
    proc = ctx.Process(target=durable_slack_server, args=(url, api_url, port, 0.2, started, calls), daemon=True)
    proc.start()
    assert started.wait(120), "the server process did not start"
    return proc


def _answers(fake: FakeSlackAPI) -> Counter[str]:
    """Each answered question → in how many distinct messages its answer was put (the placeholders it replaced)."""
    messages: dict[str, set[str]] = {}
    for call in fake.calls_to("chat.update"):
        text = str(call.args.get("text") or "")
        if text.startswith("q"):
            messages.setdefault(text, set()).add(f"{call.args['channel']}:{call.args['ts']}")
    return Counter({q: len(ts) for q, ts in messages.items()})


def _statuses(engine) -> dict[str, int] | None:
    try:
        from store.work import count_by_status
    except ImportError:  # a build without durable work (the "fails before the fix" check): nothing to count
        return None
    return count_by_status(engine)


def test_kill_9_loses_no_acknowledged_dm_and_answers_none_twice(engine):
    url = engine.url.render_as_string(hide_password=False)
    with FakeSlackAPI() as fake:
        first = _start(url, fake.api_url, port := _free_port())
        events = f"http://127.0.0.1:{port}/slack/events"
        acked = []
        for i in range(DMS):
            event = {"type": "message", "channel_type": "im", "channel": f"D{i:04d}", "user": "U1", "text": f"q{i:03d}"}
            status, _, _ = post_signed(
                events, SECRET, event_callback(event, event_id=f"EvKILL{i:03d}"), content_type=JSON
            )
            acked.append(status == 200)
        assert all(acked)  # Slack got a 200 for every one: it will never send them again
        os.kill(first.pid, signal.SIGKILL)  # mid-answer: some done, some running, most still queued
        first.join(10)
        answered_before = len(_answers(fake))
        assert answered_before < DMS, "the kill came too late to test anything"

        second = _start(url, fake.api_url, _free_port())  # a deploy: a new process on the same store
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and len(_answers(fake)) < DMS:
                time.sleep(0.2)
            time.sleep(1.5)  # longer than a lease: anything that would answer twice has had its chance
            answers = _answers(fake)
            statuses = _statuses(engine)
        finally:
            os.kill(second.pid, signal.SIGKILL)
            second.join(10)
        placeholders = Counter(str(c.args["channel"]) for c in fake.calls_to("chat.postMessage"))
    assert sorted(answers) == [f"q{i:03d}" for i in range(DMS)]  # none lost
    assert set(answers.values()) == {1}  # each answered in exactly one message
    assert max(placeholders.values()) == 1  # and no second "working…" for anyone
    assert statuses == {"done": DMS}


class HeldFilesSlack(FilesFakeSlack):
    """The files fake, whose `files.info` answers only once released: the server is killed while it waits."""

    def __init__(self, **kwargs) -> None:
        self.release, self.asked = threading.Event(), threading.Event()
        super().__init__(**kwargs)

    def answer(self, method: str, args: dict) -> dict:
        if method == "files.info":
            self.asked.set()
            self.release.wait(60)
        return super().answer(method, args)


def test_kill_9_between_the_ack_and_scoring_loses_no_shared_transcript(engine):
    """A transcript shared in a DM is durable work: acknowledged, the process killed mid-scoring, scored once after."""
    from tests.calls_fixture import seed_acme
    from tests.test_calls_slack import DATA

    seed_acme(engine)
    url = engine.url.render_as_string(hide_password=False)
    shares = [f"D{i:04d}" for i in range(5)]
    with HeldFilesSlack(users=[SlackUserRecord(id="U0DANA", email="dana@example.com", name="Dana Reyes")]) as fake:
        first = _start(url, fake.api_url, port := _free_port(), calls=True)
        events = f"http://127.0.0.1:{port}/slack/events"
        for i, channel in enumerate(shares):
            fake.files[f"F{i}"] = (f"acme-{i}.vtt", "vtt", (DATA / "discovery_acme.vtt").read_bytes())
            event = {"type": "file_shared", "file_id": f"F{i}", "user_id": "U0DANA", "channel_id": channel}
            status, _, _ = post_signed(events, SECRET, event_callback(event, event_id=f"EvFILE{i}"), content_type=JSON)
            assert status == 200  # acknowledged: Slack will not send it again
        assert fake.asked.wait(60)  # scoring has started (files.info is held)...
        os.kill(first.pid, signal.SIGKILL)  # ...and the process dies in the middle of it
        first.join(10)
        assert fake.calls_to("chat.postMessage") == []
        fake.release.set()

        second = _start(url, fake.api_url, _free_port(), calls=True)  # a deploy: a new process on the same store
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and len(_scorecards(fake)) < len(shares):
                time.sleep(0.2)
            time.sleep(1.5)  # longer than a lease: anything that would post twice has had its chance
            cards = _scorecards(fake)
            statuses = _statuses(engine)
        finally:
            os.kill(second.pid, signal.SIGKILL)
            second.join(10)
    assert cards == Counter({channel: 1 for channel in shares})  # each transcript scored, once, in its DM
    assert statuses == {"done": len(shares)}


def _scorecards(fake: FakeSlackAPI) -> Counter[str]:
    return Counter(
        str(c.args["channel"])
        for c in fake.calls_to("chat.postMessage")
        if "Call scorecard" in json.dumps(c.args.get("blocks") or [])
    )


def test_a_batch_of_work_rows_reports_each_new_id_and_each_replay(engine):
    # The edge ack's batch insert (one INSERT ... RETURNING for the whole batch): every new key gets its own row's
    # id; a key stored before, and a key repeated in the batch, get None.
    from store.db import upgrade_schema
    from store.work import enqueue_many, enqueue_new

    upgrade_schema(engine)
    earlier = enqueue_new(engine, "command", "cmd:old", {"n": 0})
    items = [("command", f"cmd:{i}", {"n": i}) for i in range(1, 120)]
    items[40:40] = [("command", "cmd:old", {"n": -1}), ("command", "cmd:7", {"n": -7})]
    ids = enqueue_many(engine, items)
    with engine.connect() as conn:
        stored = dict(conn.exec_driver_sql("SELECT key, id FROM slackwork").all())
    assert ids[40:42] == [None, None]  # the earlier key, and cmd:7 again later in the same batch
    assert [ids[i] for i in range(len(items)) if i not in (40, 41)] == [stored[f"cmd:{i}"] for i in range(1, 120)]
    assert stored["cmd:old"] == earlier and len(stored) == 120
    assert enqueue_many(engine, items[:3]) == [None, None, None]  # all replays now


def test_the_loops_raw_sqlite_batch_stores_the_same_rows_as_the_orm_path(sqlite_engine):
    # The edge ack's writer stores its batches on the event loop through the raw sqlite3 connection: the rows must
    # read back exactly as `enqueue_many` writes them (JSON payload, UTC-aware created_at, queued), replays get None
    # (stored before, or repeated in the batch), and a batch over one statement's rows is split, not refused.
    from datetime import UTC, datetime

    from store.work import RAW_MAX_ROWS, enqueue_many, enqueue_many_sqlite, get_work

    orm_id = enqueue_many(sqlite_engine, [("command", "cmd:orm", {"text": "brief Acme", "n": [1, 2]})])[0]
    items = [("command", f"cmd:{i}", {"text": f"deals {i}", "n": [i]}) for i in range(RAW_MAX_ROWS + 30)]
    items[10:10] = [("command", "cmd:orm", {"text": "again"}), ("command", "cmd:3", {"text": "again"})]
    raw = sqlite_engine.raw_connection()
    try:
        ids = enqueue_many_sqlite(raw.driver_connection, items)
        with pytest.raises(sqlite3.IntegrityError):  # a NULL kind is refused and nothing of the batch stays
            enqueue_many_sqlite(raw.driver_connection, [("command", "cmd:kept?", {}), (None, "cmd:bad", {})])
    finally:
        raw.close()
    assert ids[10:12] == [None, None] and all(isinstance(i, int) for i in ids[:10] + ids[12:])
    assert len(set(ids[:10] + ids[12:])) == RAW_MAX_ROWS + 30
    raw_row = get_work(sqlite_engine, ids[5])
    assert raw_row is not None
    assert (raw_row.kind, raw_row.status, raw_row.payload) == ("command", "queued", {"text": "deals 5", "n": [5]})
    with sqlite_engine.connect() as conn:  # created_at in the ORM's own text form, so ORM reads compare it right
        created = dict(conn.exec_driver_sql("SELECT id, created_at FROM slackwork").all())
        payloads = dict(conn.exec_driver_sql("SELECT key, payload FROM slackwork").all())
    assert len(created[ids[5]]) == len(created[orm_id]) and created[ids[5]] >= created[orm_id]
    assert abs(datetime.fromisoformat(created[ids[5]]).replace(tzinfo=UTC) - datetime.now(UTC)).total_seconds() < 60
    assert "cmd:kept?" not in payloads and json.loads(payloads["cmd:orm"])["text"] == "brief Acme"
