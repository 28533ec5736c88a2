"""Write-back to the loopback HubSpot: each write happens once, across retries, lost responses and crashes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from store.models import WriteBack
from tests.hubspot_fake import TOKEN, FakeHubSpot, Fault
from tests.test_hubspot_sync import make_client
from tools.hubspot.writeback import WriteBackService, WriteInProgress

ROOT = Path(__file__).resolve().parent.parent
DUE = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


@pytest.fixture
def fake():
    server = FakeHubSpot()
    server.start()
    yield server
    server.stop()


def posts(fake: FakeHubSpot, path: str) -> int:
    return sum(1 for method, p, status in fake.requests if method == "POST" and p == path)


def test_the_same_task_twice_creates_one_task(engine: Engine, fake: FakeHubSpot):
    deal = fake.put("deals", {"dealname": "Acme renewal", "dealstage": "contractsent"})
    service = WriteBackService(engine, make_client(fake.url))
    first = service.create_task(
        "task:draft:1", subject="Send MSA", due_at=DUE, owner_id="501", deal_id=deal.id, priority="high"
    )
    again = service.create_task(
        "task:draft:1", subject="Send MSA", due_at=DUE, owner_id="501", deal_id=deal.id, priority="high"
    )
    assert first.written_now and not again.written_now
    assert again.hubspot_id == first.hubspot_id
    tasks = fake.live("tasks")
    assert len(tasks) == 1 and posts(fake, "/crm/v3/objects/tasks") == 1
    task = tasks[0]
    assert task.properties["hs_task_subject"] == "Send MSA"
    assert task.properties["hubspot_owner_id"] == "501"
    assert task.properties["hs_timestamp"] == str(int(DUE.timestamp() * 1000))
    assert task.properties["salesos_idempotency_key"] == "task:draft:1"
    assert fake.associations[("tasks", "deals")][task.id] == [(deal.id, 216)]
    assert fake.properties["tasks"]["salesos_idempotency_key"]["type"] == "string"  # created on first use
    assert fake.properties["tasks"]["salesos_idempotency_key"]["groupName"] == "salesos"
    with Session(engine) as s:
        row = s.get(WriteBack, "task:draft:1")
        assert row.status == "done" and row.hubspot_id == task.id and row.completed_at is not None
    assert fake.violations == []


def test_sales_os_properties_are_created_on_first_use_and_set_once(engine: Engine, fake: FakeHubSpot):
    deal = fake.put("deals", {"dealname": "Globex", "dealstage": "qualifiedtobuy"})
    company = fake.put("companies", {"name": "Globex"})
    service = WriteBackService(engine, make_client(fake.url))
    service.set_properties(
        "risk:deal:1:2026-11-25", "deals", deal.id, {"salesos_risk_score": 72, "salesos_close_likelihood": 35}
    )
    service.set_properties("lead:company:1", "companies", company.id, {"salesos_lead_score": 88})
    replay = service.set_properties("risk:deal:1:2026-11-25", "deals", deal.id, {"salesos_risk_score": 72})
    assert not replay.written_now
    assert fake.objects["deals"][deal.id].properties["salesos_risk_score"] == "72"
    assert fake.objects["deals"][deal.id].properties["salesos_close_likelihood"] == "35"
    assert fake.objects["companies"][company.id].properties["salesos_lead_score"] == "88"
    assert set(fake.properties["deals"]) == {"salesos_risk_score", "salesos_close_likelihood"}
    assert "salesos" in fake.property_groups["deals"] and "salesos" in fake.property_groups["companies"]
    patches = sum(1 for m, p, s in fake.requests if m == "PATCH")
    assert patches == 2
    with pytest.raises(ValueError, match="not a Sales OS property"):
        service.set_properties("bad", "deals", deal.id, {"amount": 1})


def test_a_lost_create_response_does_not_create_twice(engine: Engine, fake: FakeHubSpot):
    company = fake.put("companies", {"name": "Initech"})
    fake.faults = [Fault("lose_create_response", count=1, path_contains="/crm/v3/objects/notes", method="POST")]
    service = WriteBackService(engine, make_client(fake.url))
    result = service.create_note("note:call:9", body="Champion left the company.", company_id=company.id)
    notes = fake.live("notes")
    assert len(notes) == 1 and result.hubspot_id == notes[0].id
    assert posts(fake, "/crm/v3/objects/notes") == 1  # found by its key instead of being created again
    assert posts(fake, "/crm/v3/objects/notes/search") == 1


CRASH_SCRIPT = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from store.db import open_engine
    from tools.hubspot.client import HubSpotClient
    from tools.hubspot.writeback import WriteBackService
    engine = open_engine(sys.argv[1])
    client = HubSpotClient("{token}", sys.argv[2], timeout=(5, 60))
    due = datetime(2026, 12, 1, tzinfo=UTC)
    WriteBackService(engine, client).create_task("task:crash:1", subject="Call back", due_at=due)
    print("FINISHED")
    """
)


def test_a_crash_after_hubspot_created_the_task_does_not_create_it_again(sqlite_engine: Engine, fake: FakeHubSpot):
    fake.faults = [
        Fault("hang_after_create", count=1, seconds=30, path_contains="/crm/v3/objects/tasks", method="POST")
    ]
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASH_SCRIPT.format(token=TOKEN), str(sqlite_engine.url), fake.url],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not fake.live("tasks") and time.monotonic() < deadline:  # HubSpot has created it...
            time.sleep(0.02)
        assert fake.live("tasks"), "the task was never created"
        proc.send_signal(signal.SIGKILL)  # ...and the writer dies before it hears back
        out, _ = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert b"FINISHED" not in out
    with Session(sqlite_engine) as s:
        assert s.get(WriteBack, "task:crash:1").status == "pending"

    now = [datetime.now(UTC)]
    service = WriteBackService(sqlite_engine, make_client(fake.url), clock=lambda: now[0])
    with pytest.raises(WriteInProgress):  # too fresh: the writer might still be alive
        service.create_task("task:crash:1", subject="Call back", due_at=DUE)
    now[0] += timedelta(minutes=5)
    result = service.create_task("task:crash:1", subject="Call back", due_at=DUE)
    assert not result.written_now
    assert len(fake.live("tasks")) == 1 and result.hubspot_id == fake.live("tasks")[0].id
    assert posts(fake, "/crm/v3/objects/tasks") == 1
    with Session(sqlite_engine) as s:
        assert s.get(WriteBack, "task:crash:1").status == "done"
    assert fake.violations == []
