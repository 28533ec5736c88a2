"""HubSpot wired in: leads arriving through a sync take the intake path once; approved drafts reach HubSpot once."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

import app
from settings import Settings
from store.models import InboundLead
from tests.fakes.slack_api import FakeSlackAPI
from tests.hubspot_fake import TOKEN, FakeHubSpot

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
        first = run_job("hubspot_sync", engine, settings, now=at, replica="a")
        second = run_job("hubspot_sync", engine, settings, now=at + timedelta(minutes=30), replica="a")
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
