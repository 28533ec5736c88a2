"""`salesos sync` end to end, and the record parsing the sync relies on."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

import app
from store.db import open_engine
from store.models import Deal
from tests.hubspot_fake import TOKEN, FakeHubSpot
from tools.hubspot.mapping import (
    CALLS,
    EMAILS,
    TASKS,
    close_date_history,
    engagement_columns,
    parse_day,
    parse_instant,
    stage_history,
)


def test_sync_without_a_token_says_which_variable_is_missing(capsys):
    assert app.main(["sync"]) == 2
    assert "HUBSPOT_ACCESS_TOKEN" in capsys.readouterr().err


def test_sync_command_fills_the_store_and_prints_a_summary(tmp_path, monkeypatch, capsys):
    fake = FakeHubSpot()
    fake.seed(companies=20, contacts=20, deals=30, engagements_per_deal=1)
    fake.start()
    try:
        db = tmp_path / "cli.db"
        monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", TOKEN)
        monkeypatch.setenv("HUBSPOT_API_URL", fake.url)
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
        assert app.main(["sync"]) == 0
    finally:
        fake.stop()
    out = capsys.readouterr().out
    assert "HubSpot sync (incremental)" in out and "deals" in out and "requests" in out
    with Session(open_engine(f"sqlite:///{db}")) as s:
        assert s.execute(select(func.count()).select_from(Deal)).scalar_one() == 30
        # the synced book's deal health is assessed at once, on the data just synced
        from store.meta import data_signature, get_meta
        from tools.health_snapshot import SNAPSHOT_KEY, SnapshotHeader

        header = SnapshotHeader.from_json(get_meta(s, SNAPSHOT_KEY) or "{}")
        assert header.signature == data_signature(s)
    assert fake.violations == []


def test_instants_parse_from_iso_and_epoch_millis():
    assert parse_instant("2026-03-01T10:00:00.000Z") == parse_instant("1772359200000")
    assert parse_instant("") is None and parse_instant("soon") is None
    assert str(parse_day("2026-03-01")) == "2026-03-01"
    assert str(parse_day("1772359200000")) == "2026-03-01"


def test_email_direction_and_call_disposition_decide_buyer_engagement():
    inbound = {"id": "1", "properties": {"hs_email_direction": "INCOMING_EMAIL", "hs_timestamp": "1772359200000"}}
    outbound = {"id": "2", "properties": {"hs_email_direction": "EMAIL", "hs_timestamp": "1772359200000"}}
    assert engagement_columns(inbound, EMAILS)["buyer_engaged"] is True
    assert engagement_columns(outbound, EMAILS)["direction"] == "outbound"
    assert engagement_columns(outbound, EMAILS)["buyer_engaged"] is False
    connected = {"id": "3", "properties": {"hs_call_disposition": "f240bbac-87c9-4f6e-bf70-924b57d47db7"}}
    connected["createdAt"] = "2026-03-01T10:00:00Z"
    assert engagement_columns(connected, CALLS)["status"] == "connected"
    assert engagement_columns(connected, CALLS)["buyer_engaged"] is True
    task = {"id": "4", "createdAt": "2026-03-01T10:00:00Z", "properties": {"hs_timestamp": "2026-03-05T10:00:00Z"}}
    row = engagement_columns(task, TASKS)
    assert row["status"] == "open" and row["due_at"] > row["occurred_at"]


def test_stage_and_close_date_history_come_out_oldest_first():
    record = {
        "propertiesWithHistory": {
            "dealstage": [  # HubSpot lists the newest first
                {"value": "contractsent", "timestamp": "2026-03-03T00:00:00Z"},
                {"value": "qualifiedtobuy", "timestamp": "2026-03-02T00:00:00Z"},
                {"value": "appointmentscheduled", "timestamp": "2026-03-01T00:00:00Z"},
            ],
            "closedate": [
                {"value": "2026-05-01", "timestamp": "2026-03-02T00:00:00Z"},
                {"value": "2026-04-01", "timestamp": "2026-03-01T00:00:00Z"},
            ],
        }
    }
    moves = stage_history(record)
    assert [(a, b) for a, b, _ in moves] == [
        (None, "appointmentscheduled"),
        ("appointmentscheduled", "qualifiedtobuy"),
        ("qualifiedtobuy", "contractsent"),
    ]
    pushes = close_date_history(record)
    assert [(str(a), str(b)) for a, b, _ in pushes] == [("None", "2026-04-01"), ("2026-04-01", "2026-05-01")]
