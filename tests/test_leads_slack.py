"""A signed POST to /intake → a scored lead row → a Slack post with buttons, and the buttons, end to end.

Real Bolt app and HTTP-mode server on loopback; Slack's side is the fake Web API (tests/fakes/slack_api.py).
"""

import json
import time
from types import SimpleNamespace

import pytest
from slack_sdk import WebClient
from sqlmodel import Session, select

from bot.slack import leads_listeners
from bot.slack.intake import intake_route, signed_headers
from bot.slack.server import build_http_server
from bot.slack.slack_app import create_app
from settings import Settings
from store.models import InboundLead, Owner
from tests.fakes.slack_api import FakeSlackAPI, SlackUserRecord
from tests.fakes.slack_requests import block_action, post_raw, post_signed
from tools.leads.form import LeadIn
from tools.leads.intake import intake_lead

SLACK_SECRET = "slack-signing"
INTAKE_SECRET = "intake-secret"
DANA, OMAR = "U0DANA", "U0OMAR"
LEAD = {
    "company": "Northwind Logistics",
    "domain": "northwind.io",
    "employee_count": 320,
    "budget": 60000,
    "interest_area": "forecasting",
    "timeline": "this quarter",
    "notes": "We forecast in spreadsheets and need to replace them before the Q3 board meeting.",
    "contact_name": "Dana Reyes",
    "contact_email": "ops@northwind.io",
    "contact_title": "VP Sales",
}


@pytest.fixture
def stack(engine, tmp_path):
    """The whole stack on SQLite and on PostgreSQL."""
    yield from _stack(engine, tmp_path)


@pytest.fixture
def stack_lite(sqlite_engine, tmp_path):
    """The whole stack on SQLite only (for what does not depend on the database)."""
    yield from _stack(sqlite_engine, tmp_path)


def _stack(engine, tmp_path):
    fake = FakeSlackAPI(
        users=[
            SlackUserRecord(id=DANA, email="dana@example.com", name="Dana"),
            SlackUserRecord(id=OMAR, email="omar@unknown.example", name="Omar"),
        ]
    ).start()
    with Session(engine) as s:
        s.add(Owner(name="Dana Reyes", email="dana@example.com"))
        s.commit()
    settings = Settings(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SLACK_SECRET,
        slack_api_url=fake.api_url,
        intake_secret=INTAKE_SECRET,
        lead_model_dir=tmp_path / "models",
        inbound_channel="#inbound-leads",
        hubspot_portal_id="4242",
    )
    client = WebClient(token="xoxb-test", base_url=fake.api_url)
    app, deps = create_app(
        settings,
        engine,
        client=client,
        answer=lambda *a, **k: SimpleNamespace(reply=None),
        registrars=[leads_listeners.register],
    )
    server = build_http_server(
        app,
        deps,
        signing_secret=SLACK_SECRET,
        host="127.0.0.1",
        port=0,
        routes={"/intake": intake_route(settings, engine, client=client, warm_up=False)},
    )
    server.start_background()
    yield SimpleNamespace(fake=fake, server=server, settings=settings, engine=engine)
    server.shutdown()
    server.server_close()
    fake.stop()
    assert fake.violations == [], fake.violations


def post_lead(stack, lead: dict) -> tuple[int, dict]:
    body = json.dumps(lead).encode()
    # generous timeout: the first post of a process imports scikit-learn (seconds on a loaded 2-core machine)
    status, _, text = post_raw(stack.server.url + "/intake", body, signed_headers(INTAKE_SECRET, body), timeout=60)
    return status, json.loads(text)


def click(stack, action_id: str, lead_id: int, user: str) -> int:
    body = block_action(
        action_id,
        str(lead_id),
        user=user,
        channel="C0INBOUND",
        message_ts="1700000001.000100",
        response_url=stack.fake.response_url(f"{action_id}-{user}"),
    )
    return post_signed(stack.server.url + "/slack/events", SLACK_SECRET, body)[0]


def lead_row(engine, lead_id: int) -> InboundLead:
    with Session(engine) as s:
        return s.exec(select(InboundLead).where(InboundLead.id == lead_id)).one()


def test_signed_post_gives_a_scored_lead_and_a_slack_post(stack):
    status, answer = post_lead(stack, LEAD)
    assert status == 201, answer
    [post] = stack.fake.wait_for("chat.postMessage")
    assert post.args["channel"] == "#inbound-leads"
    row = lead_row(stack.engine, answer["lead_id"])
    assert row.score is not None and row.tier in "ABCD"
    blocks = post.args["blocks"]
    text = json.dumps(blocks)
    assert "Northwind Logistics" in text and f"tier {row.tier}" in text and row.score_reasons[0][:20] in text
    actions = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert actions == ["lead_assign", "lead_disqualify"]  # no HubSpot record yet → no HubSpot link

    assert post_lead(stack, LEAD)[0] == 200  # duplicate: no second post
    time.sleep(0.2)
    assert len(stack.fake.calls_to("chat.postMessage")) == 1


def test_flags_show_in_the_post(stack_lite):
    stack = stack_lite
    status, answer = post_lead(stack, dict(LEAD, contact_email="kid@gmail.com", domain=None, budget=1000))
    assert status == 201 and answer["tier"] == "D"
    assert {f["code"] for f in answer["flags"]} == {"free_mail", "budget_floor"}
    text = json.dumps(stack.fake.wait_for("chat.postMessage")[0].args["blocks"])
    assert "Early disqualification" in text and "free-mail" in text


def test_assign_to_me_and_disqualify_buttons(stack):
    lead_id = post_lead(stack, LEAD)[1]["lead_id"]
    stack.fake.wait_for("chat.postMessage")

    assert click(stack, "lead_assign", lead_id, DANA) == 200
    [updated] = stack.fake.wait_for("response_url")
    row = lead_row(stack.engine, lead_id)
    assert row.status == "assigned" and row.owner_id is not None
    assert f"Assigned to <@{DANA}>" in json.dumps(updated.args)

    assert click(stack, "lead_assign", lead_id, OMAR) == 200  # not a CRM owner: told so, nothing changes
    stack.fake.wait_for("response_url", 2)
    assert lead_row(stack.engine, lead_id).owner_id == row.owner_id
    assert "can't find you" in json.dumps(stack.fake.calls_to("response_url")[1].args)

    assert click(stack, "lead_disqualify", lead_id, DANA) == 200
    stack.fake.wait_for("response_url", 3)
    assert lead_row(stack.engine, lead_id).status == "disqualified"
    assert click(stack, "lead_disqualify", lead_id, DANA) == 200  # twice: changes nothing, says so
    stack.fake.wait_for("response_url", 4)
    assert "already" in json.dumps(stack.fake.calls_to("response_url")[3].args)


def test_a_lead_with_an_owner_on_slack_goes_to_the_owner(stack_lite):
    stack = stack_lite
    with Session(stack.engine) as s:
        dana = s.exec(select(Owner)).one()
        dana.slack_user_id = DANA
        s.add(dana)
        s.commit()
        dana_id = dana.id
    result = intake_lead(stack.engine, LeadIn.model_validate(LEAD), source="hubspot", settings=stack.settings)
    with Session(stack.engine) as s:
        row = s.get(InboundLead, result.lead_id)
        row.owner_id = dana_id
        row.hubspot_id = "9001"
        s.add(row)
        s.commit()
    notify = leads_listeners.make_intake_notifier(
        WebClient(token="x", base_url=stack.fake.api_url), stack.engine, stack.settings
    )
    notify(result)
    [post] = stack.fake.wait_for("chat.postMessage")
    assert post.args["channel"] == DANA
    urls = [e.get("url") for b in post.args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert "https://app.hubspot.com/contacts/4242/record/0-1/9001" in urls


def test_salesos_serve_http_mode_serves_intake(sqlite_engine, tmp_path):
    """The runner `salesos serve` uses mounts /intake and the lead buttons with no extra wiring."""
    from bot.slack.server import build_runner

    with FakeSlackAPI() as fake:
        settings = Settings(
            slack_bot_token="xoxb-t",
            slack_signing_secret=SLACK_SECRET,
            slack_api_url=fake.api_url,
            intake_secret=INTAKE_SECRET,
            lead_model_dir=tmp_path / "models",
        )
        mode, _app, server = build_runner(settings, sqlite_engine, host="127.0.0.1", port=0)
        server.start_background()
        try:
            body = json.dumps(LEAD).encode()
            status, _, text = post_raw(server.url + "/intake", body, signed_headers(INTAKE_SECRET, body), timeout=60)
            assert mode == "http" and status == 201, text
            [post] = fake.wait_for("chat.postMessage")
            assert post.args["channel"] == settings.inbound_channel
        finally:
            server.shutdown()
            server.server_close()
