"""HubSpot wired in: leads arriving through a sync take the intake path once; approved drafts reach HubSpot once."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

import app
from settings import Settings
from store.models import InboundLead
from tests.fakes.slack_api import FakeSlackAPI
from tests.hubspot_fake import TOKEN, FakeHubSpot
from tools.hubspot.mapping import parse_instant

NEW_CONTACT = {
    "email": "ops@northwind.io",
    "firstname": "Dana",
    "lastname": "Reyes",
    "company": "Northwind",
    "budget": "60000",
    "timeline": "this quarter",
    "jobtitle": "VP Sales",
}


@pytest.fixture
def hub():
    server = FakeHubSpot()
    server.start()
    yield server
    server.stop()
    assert server.violations == [], server.violations


def leads(engine) -> list[InboundLead]:
    with Session(engine) as s:
        return list(s.exec(select(InboundLead)).all())


def test_sync_job_scores_a_new_hubspot_contact_once_and_posts_it_once(engine, hub, tmp_path):
    from bot.slack.posting import lead_notifier
    from jobs.scheduler import run_job

    contact = hub.put("contacts", NEW_CONTACT)
    slack = FakeSlackAPI().start()
    try:
        settings = Settings(
            hubspot_access_token=TOKEN,
            hubspot_api_url=hub.url,
            slack_bot_token="xoxb-test",
            slack_api_url=slack.api_url,
            inbound_channel="#inbound-leads",
            lead_model_dir=tmp_path / "models",
        )
        at = datetime.fromtimestamp(contact.created_ms / 1000, tz=UTC) + timedelta(hours=1)
        # composed as app.py composes it: the Slack room's notifier is handed to the job
        notify = lead_notifier(engine, settings)
        first = run_job("hubspot_sync", engine, settings, now=at, replica="a", notify_lead=notify)
        second = run_job(
            "hubspot_sync", engine, settings, now=at + timedelta(minutes=30), replica="a", notify_lead=notify
        )
        posts = [c for c in slack.calls if c.method == "chat.postMessage"]
        assert slack.violations == []
    finally:
        slack.stop()
    assert "1 new HubSpot lead(s) scored" in first, first
    assert "0 new HubSpot lead(s) scored" in second, second
    [lead] = leads(engine)
    assert (lead.hubspot_id, lead.source, lead.company_name) == (contact.id, "hubspot", "Northwind")
    assert lead.score is not None and lead.tier in "ABCD"
    [post] = posts
    # the /intake notifier also wrote the score back, on the HubSpot contact the lead came from
    assert hub.objects["contacts"][contact.id].properties["salesos_lead_score"] == f"{lead.score:.0f}"
    assert post.args["channel"] == "#inbound-leads" and "Northwind" in str(post.args)


def test_salesos_sync_takes_new_contacts_in_without_slack(tmp_path, monkeypatch, capsys, hub):
    hub.put("contacts", NEW_CONTACT, ms=int(time.time() * 1000) - 60_000)  # created a minute ago
    db = tmp_path / "cli.db"
    monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("HUBSPOT_API_URL", hub.url)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("LEAD_MODEL_DIR", str(tmp_path / "models"))
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    assert app.main(["sync"]) == 0
    assert "1 new HubSpot lead(s) scored" in capsys.readouterr().out
    assert app.main(["sync"]) == 0
    assert "0 new HubSpot lead(s) scored" in capsys.readouterr().out
    from store.db import open_engine

    [lead] = leads(open_engine(f"sqlite:///{db}"))
    assert lead.contact_email == "ops@northwind.io" and lead.score is not None


# --- approved drafts → HubSpot, exactly once -------------------------------------------------------------------------


def _seed_crm(engine, hub):
    from store.db import session_scope
    from store.models import Company, Contact, Deal, Owner

    hs_company = hub.put("companies", {"name": "Acme", "domain": "acme.example"})
    hs_contact = hub.put("contacts", {"email": "jo@acme.example", "firstname": "Jo"})
    hs_deal = hub.put("deals", {"dealname": "Acme renewal", "dealstage": "contractsent"})
    with session_scope(engine) as s:
        owner = Owner(name="Dana", email="dana@example.com", hubspot_id="77")
        company = Company(name="Acme", domain="acme.example", hubspot_id=hs_company.id)
        s.add_all([owner, company])
        s.flush()
        s.add(Contact(first_name="Jo", email="jo@acme.example", company_id=company.id, hubspot_id=hs_contact.id))
        deal = Deal(
            name="Acme renewal", owner_id=owner.id, company_id=company.id, stage="contractsent", hubspot_id=hs_deal.id
        )
        s.add(deal)
        s.flush()
        local = {"owner": owner.id, "company": company.id, "deal": deal.id}
    return local, {"company": hs_company.id, "contact": hs_contact.id, "deal": hs_deal.id}


def _approve_twice_concurrently(engine, draft_id, writer):
    import threading

    from tools.drafts import decide_draft, execute_draft

    barrier, outcomes = threading.Barrier(2), []

    def approve(user):
        barrier.wait()
        decision = decide_draft(
            engine, draft_id, decision="approve", decided_by_slack_user=user, is_manager=True, owner_slack_user=None
        )
        outcomes.append((decision.acted, execute_draft(engine, draft_id, writer=writer)))

    threads = [threading.Thread(target=approve, args=(u,)) for u in ("U1", "U2")]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(acted for acted, _ in outcomes) == [False, True]
    assert sum(ex.executed for _, ex in outcomes) == 1
    return next(ex for _, ex in outcomes if ex.executed)


def test_approved_followup_drafts_reach_hubspot_exactly_once(engine, hub):
    from store.db import session_scope
    from store.models import Draft
    from tools.drafts import create_draft, default_writer, get_draft

    local, hs = _seed_crm(engine, hub)
    due = datetime(2026, 11, 27, 22, 0, tzinfo=UTC)
    drafts = {
        "task": {"title": "Send the revised quote", "subject": "Send the revised quote", "body": "Said on the call"}
        | {"due_at": due.isoformat(), "source": "call"},
        "email": {"to": "jo@acme.example", "subject": "Recap and next steps", "body": "Hi Jo,\nThanks for today."},
        "note": {"subject": "Call scorecard 72/100", "body": "Discovery: 4 questions"},
    }
    with session_scope(engine) as s:
        ids = {
            kind: create_draft(
                s,
                kind=kind,
                owner_id=local["owner"],
                deal_id=local["deal"],
                company_id=local["company"],
                payload=payload,
                idempotency_key=f"calls:call1:{kind}",
            ).id
            for kind, payload in drafts.items()
        }
    writer = default_writer(engine, Settings(hubspot_access_token=TOKEN, hubspot_api_url=hub.url))
    done = {kind: _approve_twice_concurrently(engine, draft_id, writer) for kind, draft_id in ids.items()}

    tasks = {t.properties["hs_task_subject"]: t for t in hub.live("tasks")}
    assert set(tasks) == {"Send the revised quote", "Send follow-up email: Recap and next steps"}
    task = tasks["Send the revised quote"]
    assert task.properties["hs_task_body"] == "Said on the call"
    assert task.properties["hubspot_owner_id"] == "77"
    assert parse_instant(task.properties["hs_timestamp"]) == due
    for t in tasks.values():
        assert hub.associations[("tasks", "deals")][t.id] == [(hs["deal"], 216)]
        assert hub.associations[("tasks", "companies")][t.id] == [(hs["company"], 192)]
    email_task = tasks["Send follow-up email: Recap and next steps"]
    assert hub.associations[("tasks", "contacts")] == {email_task.id: [(hs["contact"], 204)]}  # the email's `to`
    assert "Hi Jo,\nThanks for today." in email_task.properties["hs_task_body"]
    assert "send it from your mailbox" in done["email"].message  # what the Slack thread reply says
    [note] = hub.live("notes")
    assert note.properties["hs_note_body"] == "Call scorecard 72/100\n\nDiscovery: 4 questions"
    assert done["note"].result["hubspot_id"] == note.id

    # A re-run of a finished write (a crash after the HTTP call, a retry) finds the key done and writes nothing.
    creates = len([r for r in hub.requests if r[0] == "POST" and r[1].endswith(("/tasks", "/notes"))])
    for draft_id in ids.values():
        again = writer(get_draft(engine, draft_id))
        assert again["written_now"] is False
    assert len(hub.live("tasks")) == 2 and len(hub.live("notes")) == 1
    assert len([r for r in hub.requests if r[0] == "POST" and r[1].endswith(("/tasks", "/notes"))]) == creates
    with session_scope(engine) as s:
        assert {d.status for d in s.exec(select(Draft)).all()} == {"executed"}


def test_approved_crm_update_patches_the_deal_once_through_the_ledger(engine, hub):
    from store.db import session_scope
    from store.models import WriteBack
    from tools.drafts import create_draft, hubspot_key, hubspot_writer

    local, hs = _seed_crm(engine, hub)
    with session_scope(engine) as s:
        draft = create_draft(
            s,
            kind="crm_update",
            owner_id=local["owner"],
            deal_id=local["deal"],
            payload={"properties": {"next_step": "Legal review", "salesos_close_likelihood": 60, "color": "red"}},
            idempotency_key="risk:deal1:update",
        )
    writer = hubspot_writer(engine, Settings(hubspot_access_token=TOKEN, hubspot_api_url=hub.url))
    done = _approve_twice_concurrently(engine, draft.id, writer)
    assert done.result["applied"] == ["next_step", "salesos_close_likelihood"]
    deal = hub.objects["deals"][hs["deal"]]
    assert (deal.properties["hs_next_step"], deal.properties["salesos_close_likelihood"]) == ("Legal review", "60")
    assert len([r for r in hub.requests if r[0] == "PATCH"]) == 1
    with session_scope(engine) as s:
        row = s.get(WriteBack, hubspot_key(draft))
        assert (row.status, row.hubspot_id) == ("done", hs["deal"])


def test_retry_after_a_crash_between_the_hubspot_call_and_the_bookkeeping_adopts_the_task(engine, hub):
    from sqlalchemy import update

    from store.db import session_scope
    from store.models import Draft, WriteBack
    from tools.drafts import create_draft, decide_draft, execute_draft, hubspot_key, hubspot_writer, retry_draft

    local, _ = _seed_crm(engine, hub)
    with session_scope(engine) as s:
        draft = create_draft(
            s,
            kind="task",
            owner_id=local["owner"],
            deal_id=local["deal"],
            payload={"subject": "Send the revised quote"},
            idempotency_key="calls:call9:task",
        )
    writer = hubspot_writer(engine, Settings(hubspot_access_token=TOKEN, hubspot_api_url=hub.url))
    decide_draft(
        engine, draft.id, decision="approve", decided_by_slack_user="U", is_manager=True, owner_slack_user=None
    )
    assert retry_draft(engine, draft.id, writer=writer).status == "approved"  # nothing to retry yet
    assert execute_draft(engine, draft.id, writer=writer).executed
    [task] = hub.live("tasks")
    # What a worker dying right after HubSpot's 201 leaves behind: the task exists, the ledger row is still pending
    # and the draft still `executing`, all from an hour ago.
    hour_ago = datetime.now(UTC) - timedelta(hours=1)
    with session_scope(engine) as s:
        s.execute(
            update(WriteBack)
            .where(WriteBack.idempotency_key == hubspot_key(draft))
            .values(status="pending", hubspot_id=None, completed_at=None, created_at=hour_ago)
        )
        s.execute(
            update(Draft).where(Draft.id == draft.id).values(status="executing", decided_at=hour_ago, result=None)
        )

    retried = retry_draft(engine, draft.id, writer=writer)
    assert retried.executed and retried.result["hubspot_id"] == task.id and retried.result["written_now"] is False
    assert [t.id for t in hub.live("tasks")] == [task.id]  # adopted through the idempotency-key search, not re-created
    assert not retry_draft(engine, draft.id, writer=writer).executed  # executed drafts are never retried


def test_slack_retry_button_runs_a_failed_write_again_once(sqlite_engine, hub):
    from bot.slack.approvals import APPROVE_ACTION, RETRY_ACTION, post_draft
    from store.db import session_scope
    from store.models import Deal, Draft
    from tests.slack_harness import DANA, OMAR, concurrently, running
    from tests.test_slack_app import _client, wait_until
    from tools.drafts import hubspot_writer

    hs_deal = hub.put("deals", {"dealname": "Acme renewal", "dealstage": "contractsent"})
    real = hubspot_writer(sqlite_engine, Settings(hubspot_access_token=TOKEN, hubspot_api_url=hub.url))
    attempts = []

    def flaky(draft):  # the first write hits a HubSpot outage; later ones go through
        attempts.append(draft.id)
        if len(attempts) == 1:
            raise ConnectionError("HubSpot unreachable")
        return real(draft)

    with running(sqlite_engine, writer=flaky) as slack:
        with session_scope(slack.engine) as s:
            s.get(Deal, slack.deal_id).hubspot_id = hs_deal.id
        draft_id = slack.new_draft()
        posted = post_draft(slack.engine, _client(slack), draft_id)
        channel, ts = posted.channel, posted.ts[0]

        def thread_posts():
            return [c.args["text"] for c in slack.fake.calls_to("chat.postMessage") if c.args.get("thread_ts") == ts]

        slack.click(APPROVE_ACTION, draft_id, user=DANA, channel=channel, ts=ts)
        [failed] = wait_until(thread_posts)
        assert "the write failed" in failed and hub.live("tasks") == []
        update = slack.fake.calls_to("chat.update")[-1]
        assert RETRY_ACTION in json.dumps(update.args["blocks"])
        slack.click(RETRY_ACTION, draft_id, user=OMAR, channel=channel, ts=ts)  # not Omar's draft: refused
        concurrently(
            lambda: slack.click(RETRY_ACTION, draft_id, user=DANA, channel=channel, ts=ts),
            lambda: slack.click(RETRY_ACTION, draft_id, user=DANA, channel=channel, ts=ts),
        )
        posts = wait_until(lambda: thread_posts() if len(thread_posts()) >= 2 else [])
        assert "Retried by <@U0DANA>: Task created in HubSpot" in posts[1]

        def ephemerals():
            return [c.args["text"] for c in slack.fake.calls_to("chat.postEphemeral")]

        said = wait_until(lambda: ephemerals() if len(ephemerals()) >= 2 else [])
        assert any("Only <@U0DANA> or a manager can retry" in t for t in said)
        assert any(t.startswith("Not retried: the draft is") for t in said)  # the losing double click
        assert len(thread_posts()) == 2
        with session_scope(slack.engine) as s:
            assert s.get(Draft, draft_id).status == "executed"
    assert len(attempts) == 2 and len(hub.live("tasks")) == 1
