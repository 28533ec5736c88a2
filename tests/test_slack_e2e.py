"""End to end on the generated demo workspace: real store, real tools, real Bolt over HTTP, fake Slack at the wire."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient
from sqlmodel import Session, select

from bot.slack.server import build_http_server
from bot.slack.slack_app import create_app
from settings import Settings
from store.demo import generate_workspace
from store.models import Deal, Owner
from tests.fakes.slack_api import FakeSlackAPI, SlackUserRecord
from tests.fakes.slack_requests import JSON, event_callback, post_signed

SECRET = "e2e-secret"


@pytest.fixture
def demo(sqlite_engine):
    as_of = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
    generate_workspace(sqlite_engine, size="small", as_of=as_of)
    with Session(sqlite_engine) as s:
        owner = s.exec(select(Owner).where(Owner.role == "ae").order_by(Owner.id)).first()
        top_deal = s.exec(
            select(Deal).where(Deal.owner_id == owner.id, Deal.is_closed.is_(False)).order_by(Deal.amount.desc())
        ).first()
        other_deal = s.exec(
            select(Deal).where(Deal.owner_id != owner.id, Deal.is_closed.is_(False)).order_by(Deal.amount.desc())
        ).first()
    users = [SlackUserRecord(id="U0AE", email=owner.email.upper(), name=owner.name)]
    with FakeSlackAPI(users=users) as slack:
        settings = Settings(slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url=slack.api_url)
        app, deps = create_app(
            settings, sqlite_engine, client=WebClient(token="xoxb-test", base_url=slack.api_url), now=lambda: as_of
        )
        server = build_http_server(app, deps, signing_secret=SECRET, host="127.0.0.1", port=0)
        server.start_background()
        try:
            yield slack, server, owner, top_deal, other_deal
        finally:
            server.shutdown()
            server.server_close()
        assert slack.violations == []


def test_app_home_shows_the_demo_aes_own_pipeline(demo):
    slack, server, owner, top_deal, other_deal = demo
    body = event_callback({"type": "app_home_opened", "user": "U0AE", "channel": "D0AE", "tab": "home"})
    assert post_signed(server.url + "/slack/events", SECRET, body, content_type=JSON)[0] == 200
    [published] = slack.wait_for("views.publish")
    view = json.dumps(published.args["view"])
    assert "could not match" not in view  # matched to the CRM owner by email, case-insensitively
    assert "Your open deals" in view and top_deal.name in view
    assert other_deal.name not in view  # someone else's deal
