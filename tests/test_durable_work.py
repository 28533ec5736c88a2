"""Nothing acknowledged is lost: kill -9 the server while it answers 100 acknowledged DMs; a new process finishes them.

Real processes (`tests/jobs_procs.durable_slack_server`), the real store (SQLite file and PostgreSQL), the fake Slack
Web API at the wire. Every DM Slack got a 200 for is answered, once, in the placeholder message it was promised in.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import socket
import time
from collections import Counter

from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_requests import JSON, event_callback, post_signed

SECRET = "durable-secret"
DMS = 100


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(url: str, api_url: str, port: int) -> mp.Process:
    from tests.jobs_procs import durable_slack_server

    ctx = mp.get_context("spawn")
    started = ctx.Event()
    proc = ctx.Process(target=durable_slack_server, args=(url, api_url, port, 0.2, started), daemon=True)
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
