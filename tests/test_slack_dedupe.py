"""Event de-duplication in the store: insert-or-ignore by event_id, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

from store.db import session_scope
from store.models import SlackEvent, utcnow
from store.slack_events import claim_event, prune_events


def test_an_event_id_is_claimed_once_even_concurrently(engine):
    assert claim_event(engine, "Ev1", "app_mention") is True
    assert claim_event(engine, "Ev1", "app_mention") is False
    barrier, wins = threading.Barrier(6), []

    def claim():
        barrier.wait()
        wins.append(claim_event(engine, "Ev2", "message"))

    threads = [threading.Thread(target=claim) for _ in range(6)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert wins.count(True) == 1 and wins.count(False) == 5


def test_old_event_ids_are_pruned(sqlite_engine):
    engine = sqlite_engine
    claim_event(engine, "EvNew")
    with session_scope(engine) as s:
        s.add(SlackEvent(event_id="EvOld", kind="message", received_at=utcnow() - timedelta(days=4)))
    assert prune_events(engine) == 1
    assert claim_event(engine, "EvOld") is True and claim_event(engine, "EvNew") is False
