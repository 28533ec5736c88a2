"""Through the real copilot: /salesos and DMs answered from the generated demo workspace, over signed HTTP."""

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
from store.models import Company, Deal, Owner
from tests.fakes.slack_api import FakeSlackAPI, SlackUserRecord
from tests.fakes.slack_requests import JSON, event_callback, post_signed, slash_command
from tools.deals import silent_deals

SECRET = "copilot-e2e-secret"
AS_OF = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


@pytest.fixture
def live(sqlite_engine):
    generate_workspace(sqlite_engine, size="small", as_of=AS_OF)
    with Session(sqlite_engine) as s:
        owner = s.exec(select(Owner).where(Owner.role == "ae").order_by(Owner.id)).first()
    with FakeSlackAPI(users=[SlackUserRecord(id="U0AE", email=owner.email, name=owner.name)]) as slack:
        settings = Settings(slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url=slack.api_url)
        app, deps = create_app(  # no `answer=`: the real bot.copilot.answer, offline router (no LLM key)
            settings, sqlite_engine, client=WebClient(token="xoxb-test", base_url=slack.api_url), now=lambda: AS_OF
        )
        server = build_http_server(app, deps, signing_secret=SECRET, host="127.0.0.1", port=0)
        server.start_background()
        try:
            yield slack, server.url + "/slack/events", sqlite_engine, owner
        finally:
            server.shutdown()
            server.server_close()
        assert slack.violations == []


def test_salesos_silent_answers_with_my_silent_deals(live):
    slack, url, engine, owner = live
    with Session(engine) as s:
        mine = silent_deals(s, days=5, now=AS_OF, owner_ids=[owner.id])
        others = silent_deals(s, days=5, now=AS_OF)
    assert mine, "the demo workspace should give this AE a silent deal"
    not_mine = [d for d in others if d.deal.owner_id != owner.id]
    status, _, body = post_signed(
        url, SECRET, slash_command("silent", user="U0AE", response_url=slack.response_url("s"))
    )
    assert status == 200 and "Working on it" in body
    [post] = slack.wait_for("response_url", timeout=30)
    answer = json.dumps(post.args["blocks"])
    assert mine[0].deal.name in answer
    assert not_mine and not_mine[0].deal.name not in answer  # "my" deals: resolved from the Slack user's email


def test_dm_question_about_a_company_is_answered_in_place(live):
    slack, url, engine, _owner = live
    with Session(engine) as s:
        company = s.exec(select(Company).join(Deal, Deal.company_id == Company.id).order_by(Company.id)).first()
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": "D0AE",
        "user": "U0AE",
        "text": f"what's the latest on {company.name}?",
        "ts": "1.1",
    }
    assert post_signed(url, SECRET, event_callback(event), content_type=JSON)[0] == 200
    [update] = slack.wait_for("chat.update", timeout=30)
    assert company.name in json.dumps(update.args["blocks"])
