"""Drafts: idempotent creation, owner-or-manager decisions, exactly-once execution (races on SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import select

from store.db import session_scope
from store.models import Deal, Draft, Engagement, Owner, WriteBack
from tools.drafts import (
    DraftError,
    create_draft,
    decide_draft,
    default_writer,
    execute_draft,
    find_draft_by_message,
    pending_drafts,
    record_locally,
    record_message,
    update_draft_payload,
)


def seed(engine):
    with session_scope(engine) as s:
        owner = Owner(name="Dana", email="dana@example.com")
        s.add(owner)
        s.flush()
        deal = Deal(name="Acme renewal", owner_id=owner.id, stage="contractsent", amount=1000)
        s.add(deal)
        s.flush()
        return owner.id, deal.id


def new_draft(engine, owner_id, deal_id, *, kind="task", key="k", payload=None) -> int:
    with session_scope(engine) as s:
        return create_draft(
            s,
            kind=kind,
            owner_id=owner_id,
            deal_id=deal_id,
            payload=payload or {"subject": "Call Jo"},
            idempotency_key=key,
        ).id


def test_create_is_idempotent_on_the_key(sqlite_engine):
    engine = sqlite_engine
    owner_deal = seed(engine)
    owner_id, deal_id = owner_deal
    first = new_draft(engine, owner_id, deal_id, key="followup:call:7")
    again = new_draft(engine, owner_id, deal_id, key="followup:call:7", payload={"subject": "different"})
    assert first == again
    with session_scope(engine) as s:
        assert len(s.exec(select(Draft)).all()) == 1
        with pytest.raises(DraftError):
            create_draft(s, kind="poem", owner_id=owner_id, payload={}, idempotency_key="x")


def test_concurrent_creates_make_one_draft(engine):
    owner_deal = seed(engine)
    owner_id, deal_id = owner_deal
    ids, barrier = [], threading.Barrier(4)

    def create():
        barrier.wait()
        ids.append(new_draft(engine, owner_id, deal_id, key="same"))

    threads = [threading.Thread(target=create) for _ in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert len(set(ids)) == 1 and len(ids) == 4


def test_only_owner_or_manager_decides(sqlite_engine):
    engine = sqlite_engine
    owner_deal = seed(engine)
    draft_id = new_draft(engine, *owner_deal)
    kwargs = {"decision": "approve", "owner_slack_user": "UDANA"}
    refused = decide_draft(engine, draft_id, decided_by_slack_user="UOMAR", is_manager=False, **kwargs)
    assert refused.outcome == "not_allowed" and not refused.acted and "not yours" in refused.message
    unknown_owner = decide_draft(
        engine, draft_id, decided_by_slack_user="UOMAR", is_manager=False, decision="approve", owner_slack_user=None
    )
    assert unknown_owner.outcome == "not_allowed"
    by_manager = decide_draft(engine, draft_id, decided_by_slack_user="ULEE", is_manager=True, **kwargs)
    assert by_manager.outcome == "approved" and by_manager.draft.decided_by == "ULEE"
    again = decide_draft(engine, draft_id, decided_by_slack_user="UDANA", is_manager=False, **kwargs)
    assert again.outcome == "already_decided" and "already approved by <@ULEE>" in again.message
    assert decide_draft(engine, 9999, decided_by_slack_user="U", is_manager=True, **kwargs).outcome == "not_found"


def test_racing_deciders_move_the_draft_exactly_once(engine):
    owner_deal = seed(engine)
    draft_id = new_draft(engine, *owner_deal)
    barrier, outcomes = threading.Barrier(8), []

    def decide(i):
        barrier.wait()
        outcomes.append(
            decide_draft(
                engine,
                draft_id,
                decision="approve" if i % 2 else "discard",
                decided_by_slack_user="UDANA",
                is_manager=False,
                owner_slack_user="UDANA",
            ).outcome
        )

    threads = [threading.Thread(target=decide, args=(i,)) for i in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sum(o in ("approved", "discarded") for o in outcomes) == 1
    assert outcomes.count("already_decided") == 7


def test_execute_once_with_the_local_writer(engine):
    owner_deal = seed(engine)
    owner_id, deal_id = owner_deal
    draft_id = new_draft(engine, owner_id, deal_id, kind="email", payload={"subject": "Quote", "body": "Hi Jo"})
    writer = record_locally(engine)
    not_yet = execute_draft(engine, draft_id, writer=writer)
    assert not not_yet.executed and not_yet.status == "pending"  # a pending draft is never executed
    decide_draft(
        engine, draft_id, decision="approve", decided_by_slack_user="U", is_manager=True, owner_slack_user=None
    )
    barrier, results = threading.Barrier(4), []

    def run():
        barrier.wait()
        results.append(execute_draft(engine, draft_id, writer=writer))

    threads = [threading.Thread(target=run) for _ in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sum(r.executed for r in results) == 1
    done = [r for r in results if r.executed][0]
    assert done.message == "Email recorded locally (HubSpot not configured)"
    with session_scope(engine) as s:
        [eng] = s.exec(select(Engagement)).all()
        assert (eng.type, eng.direction, eng.subject, eng.body, eng.deal_id) == (
            "email",
            "outbound",
            "Quote",
            "Hi Jo",
            deal_id,
        )
        assert s.get(WriteBack, "k").status == "done"
        assert s.get(Draft, draft_id).status == "executed"


def test_local_writer_is_idempotent_by_key_even_when_called_twice(sqlite_engine):
    engine = sqlite_engine
    owner_deal = seed(engine)
    draft_id = new_draft(engine, *owner_deal)
    with session_scope(engine) as s:
        draft = s.get(Draft, draft_id)
    writer = record_locally(engine)
    assert writer(draft)["engagement_id"]
    assert writer(draft)["duplicate"] is True
    with session_scope(engine) as s:
        assert len(s.exec(select(Engagement)).all()) == 1


def test_crm_update_applies_allowed_fields_locally(sqlite_engine):
    engine = sqlite_engine
    owner_deal = seed(engine)
    owner_id, deal_id = owner_deal
    draft_id = new_draft(
        engine,
        owner_id,
        deal_id,
        kind="crm_update",
        payload={
            "body": "Pushed after procurement call",
            "properties": {"close_date": "2027-01-15", "next_step": "Legal review", "hubspot_owner_id": "1"},
        },
    )
    decide_draft(
        engine, draft_id, decision="approve", decided_by_slack_user="U", is_manager=True, owner_slack_user=None
    )
    result = execute_draft(engine, draft_id, writer=record_locally(engine))
    assert result.executed and result.result["applied"] == ["close_date", "next_step"]
    with session_scope(engine) as s:
        deal = s.get(Deal, deal_id)
        assert (str(deal.close_date), deal.next_step) == ("2027-01-15", "Legal review")


def test_a_failing_writer_marks_the_draft_failed(sqlite_engine):
    engine = sqlite_engine
    owner_deal = seed(engine)
    draft_id = new_draft(engine, *owner_deal)
    decide_draft(
        engine, draft_id, decision="approve", decided_by_slack_user="U", is_manager=True, owner_slack_user=None
    )

    def broken(draft):
        raise ConnectionError("HubSpot unreachable")

    result = execute_draft(engine, draft_id, writer=broken)
    assert not result.executed and result.status == "failed" and "could not be reached (incident" in result.message
    assert not execute_draft(engine, draft_id, writer=record_locally(engine)).executed  # never re-run silently


def test_edit_only_while_pending_and_lookups(sqlite_engine):
    engine = sqlite_engine
    owner_deal = seed(engine)
    owner_id, deal_id = owner_deal
    draft_id = new_draft(engine, owner_id, deal_id)
    assert update_draft_payload(engine, draft_id, {"body": "new"}).payload == {"subject": "Call Jo", "body": "new"}
    record_message(engine, draft_id, channel="D1", ts="1.5")
    assert find_draft_by_message(engine, "D1", "1.5").id == draft_id
    assert find_draft_by_message(engine, "C9", "1.5") is None
    assert [d.id for d in pending_drafts(engine, owner_id=owner_id)] == [draft_id]
    decide_draft(
        engine, draft_id, decision="discard", decided_by_slack_user="U", is_manager=True, owner_slack_user=None
    )
    with pytest.raises(DraftError, match="already discarded"):
        update_draft_payload(engine, draft_id, {"body": "late"})
    assert pending_drafts(engine, owner_id=owner_id) == []


def test_default_writer_is_local_without_hubspot(sqlite_engine):
    engine = sqlite_engine
    from settings import Settings

    writer = default_writer(engine, Settings())
    assert writer.__qualname__.startswith("record_locally")


def test_hubspot_writer_turns_emails_into_send_tasks_and_patches_deals(sqlite_engine):
    from settings import Settings
    from tests.hubspot_fake import TOKEN, FakeHubSpot
    from tools.drafts import hubspot_writer

    engine = sqlite_engine
    owner_id, deal_id = seed(engine)
    hub = FakeHubSpot()
    hub.start()
    try:
        hs_deal = hub.put("deals", {"dealname": "Acme renewal", "dealstage": "contractsent"})
        with session_scope(engine) as s:
            s.get(Deal, deal_id).hubspot_id = hs_deal.id
        writer = hubspot_writer(engine, Settings(hubspot_access_token=TOKEN, hubspot_api_url=hub.url))
        email = new_draft(
            engine,
            owner_id,
            deal_id,
            kind="email",
            key="e",
            payload={"to": "jo@acme.example", "subject": "Quote", "body": "Hi Jo"},
        )
        update = new_draft(
            engine,
            owner_id,
            deal_id,
            kind="crm_update",
            key="u",
            payload={"properties": {"next_step": "Legal review", "close_date": "2027-01-15"}},
        )
        for draft_id in (email, update):
            decide_draft(
                engine, draft_id, decision="approve", decided_by_slack_user="U", is_manager=True, owner_slack_user=None
            )
            assert execute_draft(engine, draft_id, writer=writer).executed
        [task] = hub.live("tasks")  # an approved email becomes the AE's "send this email" task, text included
        assert task.properties["hs_task_subject"] == "Send follow-up email: Quote"
        assert "To: jo@acme.example" in task.properties["hs_task_body"] and "Hi Jo" in task.properties["hs_task_body"]
        deal = [d for d in hub.live("deals") if d.id == hs_deal.id][0]
        assert deal.properties["hs_next_step"] == "Legal review"
        assert hub.violations == []
    finally:
        hub.stop()


def test_drafts_cut_off_mid_write_are_recovered_once(engine):
    """A worker died between "executing" and "executed" (crash, deploy): the recovery job writes it exactly once."""
    from datetime import timedelta

    from jobs.scheduler import run_job
    from settings import Settings
    from store.types import utcnow
    from tools.drafts import recover_stuck_drafts

    owner_id, deal_id = seed(engine)
    stuck = new_draft(engine, owner_id, deal_id, kind="note", key="stuck", payload={"body": "Sent the quote"})
    busy = new_draft(engine, owner_id, deal_id, kind="note", key="busy", payload={"body": "Still writing"})
    now = utcnow()
    with session_scope(engine) as s:  # both were approved and claimed; one worker vanished 20 minutes ago
        for draft_id, ago in ((stuck, 20), (busy, 2)):
            draft = s.get(Draft, draft_id)
            draft.status, draft.decided_at = "executing", now - timedelta(minutes=ago)
            s.add(draft)
    report = run_job("draft_recovery", engine, Settings(), now=now)
    assert report.startswith("1 stuck draft(s) re-run: 1 executed")
    assert run_job("draft_recovery", engine, Settings(), now=now) == "no draft stuck mid-write"
    assert recover_stuck_drafts(engine, writer=record_locally(engine), now=now) == []
    with session_scope(engine) as s:
        assert s.get(Draft, stuck).status == "executed"
        assert s.get(Draft, busy).status == "executing"  # 2 minutes: its worker may still be writing
        notes = s.exec(select(Engagement).where(Engagement.type == "note")).all()
        assert [n.body for n in notes] == ["Sent the quote"]
        assert s.get(WriteBack, "stuck").status == "done"
