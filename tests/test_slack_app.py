"""The real Bolt app over real HTTP on loopback: signed slash commands, events and interactivity; what it posts."""

from __future__ import annotations

import json
import time

import pytest
from sqlmodel import select

from bot.slack.approvals import APPROVE_ACTION, DISCARD_ACTION, EDIT_ACTION, EDIT_VIEW, post_draft
from store.db import session_scope
from store.models import Draft, Engagement, SlackEvent, SlackUser, WriteBack
from tests.fakes.slack_requests import JSON, post_raw, signed_headers, slash_command
from tests.slack_harness import DANA, LEE, OMAR, SECRET, concurrently, running


@pytest.fixture
def slack(sqlite_engine):
    with running(sqlite_engine) as harness:
        yield harness


@pytest.fixture
def slack_on_each_backend(engine):
    """The harness on SQLite and on PostgreSQL (what several replicas share)."""
    with running(engine) as harness:
        yield harness


def wait_until(predicate, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.01)
    raise AssertionError("condition not met in time")


def texts(calls) -> list[str]:
    return [json.dumps(c.args) for c in calls]


# --- slash commands -----------------------------------------------------------------------------------------------


def test_help_is_answered_in_the_ack_itself(slack):
    status, _, body = slack.command("help")
    assert status == 200
    ack = json.loads(body)
    assert ack["response_type"] == "ephemeral"
    assert any("/salesos brief" in json.dumps(b) for b in ack["blocks"])
    assert slack.questions == []  # help never reaches the copilot


def test_command_acks_working_then_replaces_it_with_the_answer(slack):
    status, _, body = slack.command("deals closing this month", key="c1")
    assert status == 200 and "Working on it" in body
    [post] = slack.fake.wait_for("response_url")
    assert post.args["key"] == "c1"
    assert post.args["replace_original"] is True and post.args["response_type"] == "ephemeral"
    # a subcommand calls its capability directly (no copilot guess); the asker was identified by email (users.info),
    # so "your deals" means Dana's deals
    assert slack.questions == []
    assert "Open deals closing Nov 1, 2026" in json.dumps(post.args["blocks"])
    assert "for Dana Reyes" in json.dumps(post.args["blocks"])
    assert slack.fake.calls_to("users.info")[0].args["user"] == DANA


def test_a_user_whose_email_is_no_owner_is_told_what_to_fix(slack):
    slack.command("deals closing this month", user=LEE, key="lee")
    [post] = slack.fake.wait_for("response_url")
    said = json.dumps(post.args["blocks"])
    assert "Your Slack email lee@example.com matches no owner in the CRM" in said
    assert "--as-owner" not in said  # a terminal flag means nothing in Slack


@pytest.mark.parametrize(
    ("text", "capability", "args"),
    [
        ("silent", "list_silent_deals", {"owners": ["me"]}),
        ("silent 10", "list_silent_deals", {"owners": ["me"], "days": 10}),
        ("silent 7+ days", "list_silent_deals", {"owners": ["me"], "days": 7}),
        ("brief Acme", "get_company_brief", {"company": "Acme"}),
        ("risk", "list_at_risk_deals", {"owners": ["me"]}),
        ("risk Acme", "list_at_risk_deals", {"company": "Acme"}),
        ("call Acme", "get_call_summary", {"company": "Acme"}),
        ("library too expensive", "search_objection_handling", {"query": "too expensive"}),
        ("pipeline", "summarize_pipeline", {"by": "owner"}),
    ],
)
def test_subcommands_map_straight_to_a_capability(text, capability, args):
    from bot.copilot.direct import parse_command

    request = parse_command(text)
    assert (request.kind, request.capability, dict(request.args)) == ("capability", capability, args)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("ask what closed last week?", "what closed last week?"),
        ("what's the latest on Acme?", "what's the latest on Acme?"),  # not a subcommand: a question
    ],
)
def test_free_text_goes_to_the_copilot(slack, text, question):
    slack.command(text)
    slack.fake.wait_for("response_url")
    assert slack.questions[-1]["question"] == question


def test_a_subcommand_answers_from_its_capability(slack):
    slack.command("brief Acme", key="b1")
    [post] = slack.fake.wait_for("response_url")
    assert "Brief: Acme" in json.dumps(post.args["blocks"]) and slack.questions == []


def test_a_huge_answer_is_split_within_slack_limits(slack):
    slack.command("huge")
    posts = slack.fake.wait_for("response_url", 3)
    assert [p.args["replace_original"] for p in posts] == [True, False, False]
    assert all(len(p.args["blocks"]) <= 50 for p in posts)
    assert "more blocks not shown" in json.dumps(posts[-1].args["blocks"])  # truncated with a hint


def test_copilot_failure_still_answers(slack):
    slack.command("explode")
    [post] = slack.fake.wait_for("response_url")
    assert "something went wrong" in post.args["text"]


# --- events ---------------------------------------------------------------------------------------------------------


def test_direct_message_gets_working_then_update_in_place(slack):
    status, _, _ = slack.event(
        {"type": "message", "channel_type": "im", "channel": "D0DANA", "user": DANA, "text": "my pipeline", "ts": "1.1"}
    )
    assert status == 200
    [placeholder] = slack.fake.wait_for("chat.postMessage")
    assert "Looking into it" in placeholder.args["text"]
    [update] = slack.fake.wait_for("chat.update")
    assert update.args["channel"] == "D0DANA"
    assert "You asked: my pipeline" in json.dumps(update.args["blocks"])
    assert slack.questions[0]["thread_key"] == "im:D0DANA:"


def test_bot_messages_and_edits_are_ignored(slack):
    slack.event(
        {"type": "message", "channel_type": "im", "channel": "D0DANA", "bot_id": "B1", "text": "echo", "ts": "1"}
    )
    slack.event({"type": "message", "subtype": "message_changed", "channel_type": "im", "channel": "D0DANA", "ts": "2"})
    slack.event(  # a transcript shared in the DM belongs to the calls listeners, not the copilot
        {
            "type": "message",
            "subtype": "file_share",
            "channel_type": "im",
            "channel": "D0DANA",
            "user": DANA,
            "text": "here is the call",
            "ts": "2.5",
        }
    )
    slack.event({"type": "message", "channel_type": "im", "channel": "D0DANA", "user": DANA, "text": "real", "ts": "3"})
    slack.fake.wait_for("chat.update")
    time.sleep(0.2)
    assert [q["question"] for q in slack.questions] == ["real"]


def test_mention_is_answered_in_its_thread(slack):
    slack.event(
        {"type": "app_mention", "channel": "C0SALES", "user": DANA, "text": "<@UBOT> latest on Acme", "ts": "50.5"}
    )
    [placeholder] = slack.fake.wait_for("chat.postMessage")
    assert placeholder.args["thread_ts"] == "50.5"
    [update] = slack.fake.wait_for("chat.update")
    assert "You asked: latest on Acme" in json.dumps(update.args["blocks"])
    assert slack.questions[0]["thread_key"] == "thread:C0SALES:50.5"


def test_private_answer_to_a_mention_goes_ephemeral(slack):
    slack.event(
        {"type": "app_mention", "channel": "C0SALES", "user": DANA, "text": "<@UBOT> private numbers", "ts": "7.7"}
    )
    [eph] = slack.fake.wait_for("chat.postEphemeral")
    assert eph.args["user"] == DANA and "You asked: private numbers" in json.dumps(eph.args["blocks"])
    [update] = slack.fake.wait_for("chat.update")
    assert "privately" in update.args["text"]  # the channel sees only that an answer was sent


def test_duplicate_event_delivery_and_retry_are_handled_once(slack_on_each_backend):
    slack = slack_on_each_backend
    event = {"type": "app_mention", "channel": "C0SALES", "user": DANA, "text": "<@UBOT> once", "ts": "9.9"}
    assert slack.event(event, event_id="EvSAME")[0] == 200
    assert slack.event(event, event_id="EvSAME", retry=1)[0] == 200
    assert slack.event(event, event_id="EvSAME", retry=2)[0] == 200
    slack.fake.wait_for("chat.update")
    time.sleep(0.3)
    assert [q["question"] for q in slack.questions] == ["once"]
    with session_scope(slack.engine) as s:
        assert s.get(SlackEvent, "EvSAME").kind == "app_mention"


def test_unknown_event_and_url_verification(slack):
    status, _, _ = slack.event({"type": "pin_added", "channel_id": "C1", "user": DANA})
    assert status == 200
    status, _, body = slack.post(json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"}), JSON)
    assert status == 200 and "abc123" in body


# --- edge: signatures, malformed payloads, routes ------------------------------------------------------------------


def test_bad_signature_is_401(slack):
    body = slash_command("deals", user=DANA, response_url=slack.fake.response_url())
    headers = signed_headers("not-the-secret", body)
    assert post_raw(slack.url, body, headers)[0] == 401
    assert post_raw(slack.url, body, {"Content-Type": "application/x-www-form-urlencoded"})[0] == 401
    tampered = signed_headers(SECRET, body)
    assert post_raw(slack.url, body + "&text=other", tampered)[0] == 401


def test_stale_timestamp_is_rejected(slack):
    body = slash_command("deals", user=DANA, response_url=slack.fake.response_url())
    status, _, _ = slack.post(body, timestamp=int(time.time()) - 6 * 60)
    assert status == 401
    assert slack.post(body, timestamp=int(time.time()) - 60)[0] == 200  # a minute of clock skew is fine


def test_malformed_payloads_get_200_and_the_server_survives(slack):
    assert slack.post("{not json", JSON)[0] == 200
    assert slack.post("payload=%7Bbroken", "application/x-www-form-urlencoded")[0] == 200
    assert slack.post("", JSON)[0] == 200
    assert slack.post(json.dumps({"type": "block_actions", "actions": []}), JSON)[0] == 200
    status, _, body = slack.command("help")
    assert status == 200 and "Sales OS" in body


def test_healthz_extra_routes_and_methods(sqlite_engine):
    seen = []

    def intake(method, headers, body):
        seen.append((method, headers.get("content-type"), body))
        return 202, {"Content-Type": "application/json"}, b'{"queued": true}'

    with running(sqlite_engine, routes={"/intake": intake}) as slack:
        import urllib.request

        with urllib.request.urlopen(slack.server.url + "/healthz") as r:
            assert r.status == 200 and json.loads(r.read()) == {"ok": True}
        status, _, body = post_raw(slack.server.url + "/intake", b'{"a": 1}', {"Content-Type": "application/json"})
        assert status == 202 and json.loads(body) == {"queued": True}
        assert seen == [("POST", "application/json", b'{"a": 1}')]
        assert post_raw(slack.server.url + "/nowhere", b"", {})[0] == 404


# --- drafts: approval over Slack ----------------------------------------------------------------------------------


def _post_draft(slack, **kwargs) -> tuple[int, str, str]:
    draft_id = slack.new_draft(**kwargs)
    posted = post_draft(slack.engine, _client(slack), draft_id)
    return draft_id, posted.channel, posted.ts[0]


def _client(slack):
    from slack_sdk import WebClient

    return WebClient(token="xoxb-test", base_url=slack.fake.api_url)


def test_draft_is_posted_to_its_owner_with_buttons(slack):
    draft_id, channel, ts = _post_draft(slack)
    assert channel == "D" + DANA  # DM opened with the owner (found by users.lookupByEmail)
    assert slack.fake.calls_to("users.lookupByEmail")[0].args["email"] == "dana@example.com"
    post = slack.fake.calls_to("chat.postMessage")[-1]
    actions = [b for b in post.args["blocks"] if b["type"] == "actions"][0]
    assert [e["action_id"] for e in actions["elements"]] == [APPROVE_ACTION, EDIT_ACTION, DISCARD_ACTION]
    with session_scope(slack.engine) as s:
        draft = s.get(Draft, draft_id)
        assert (draft.slack_channel, draft.slack_ts) == (channel, ts)


def test_approve_button_executes_once_and_reports_in_thread(slack):
    draft_id, channel, ts = _post_draft(slack)
    assert slack.click(APPROVE_ACTION, draft_id, user=DANA, channel=channel, ts=ts)[0] == 200
    thread_post = wait_until(
        lambda: [c for c in slack.fake.calls_to("chat.postMessage") if c.args.get("thread_ts") == ts]
    )
    assert "Approved by <@U0DANA>" in thread_post[0].args["text"]
    assert "recorded locally (HubSpot not configured)" in thread_post[0].args["text"]
    update = [c for c in slack.fake.calls_to("chat.update") if c.args["ts"] == ts][0]
    assert not any(b["type"] == "actions" for b in update.args["blocks"])  # buttons gone
    with session_scope(slack.engine) as s:
        draft = s.get(Draft, draft_id)
        assert draft.status == "executed" and draft.decided_by == DANA
        engagement = s.get(Engagement, draft.result["engagement_id"])
        assert engagement.type == "task" and engagement.deal_id == slack.deal_id


def test_approval_is_exactly_once_under_double_click_reaction_and_retry(slack_on_each_backend):
    slack = slack_on_each_backend
    draft_id, channel, ts = _post_draft(slack)
    reaction = {
        "type": "reaction_added",
        "user": DANA,
        "reaction": "white_check_mark",
        "item": {"type": "message", "channel": channel, "ts": ts},
        "item_user": "UBOT",
        "event_ts": "1.2",
    }
    results = concurrently(
        lambda: slack.click(APPROVE_ACTION, draft_id, user=DANA, channel=channel, ts=ts),
        lambda: slack.click(APPROVE_ACTION, draft_id, user=DANA, channel=channel, ts=ts),
        lambda: slack.event(reaction, event_id="EvREACT"),
        lambda: slack.event(reaction, event_id="EvREACT", retry=1),
        lambda: slack.click(APPROVE_ACTION, draft_id, user=LEE, channel=channel, ts=ts),  # a manager, same moment
    )
    assert [r[0] for r in results] == [200] * 5
    wait_until(lambda: [c for c in slack.fake.calls_to("chat.postMessage") if c.args.get("thread_ts") == ts])
    # the losers are told, privately, that it was already decided (the retry is dropped before that)
    wait_until(lambda: len(slack.fake.calls_to("chat.postEphemeral")) >= 3)
    time.sleep(0.3)
    thread_posts = [c for c in slack.fake.calls_to("chat.postMessage") if c.args.get("thread_ts") == ts]
    assert len(thread_posts) == 1
    assert all("already approved by <@" in c.args["text"] for c in slack.fake.calls_to("chat.postEphemeral"))
    assert len(slack.fake.calls_to("chat.postEphemeral")) == 3
    with session_scope(slack.engine) as s:
        assert len(s.exec(select(Engagement)).all()) == 1
        assert len(s.exec(select(WriteBack)).all()) == 1
        assert s.get(Draft, draft_id).status == "executed"


def test_not_yours_gets_an_ephemeral_and_changes_nothing(slack):
    draft_id, channel, ts = _post_draft(slack)
    slack.click(APPROVE_ACTION, draft_id, user=OMAR, channel=channel, ts=ts)
    [eph] = slack.fake.wait_for("chat.postEphemeral")
    assert eph.args["user"] == OMAR and "not yours" in eph.args["text"] and "<@U0DANA>" in eph.args["text"]
    slack.event(
        {
            "type": "reaction_added",
            "user": OMAR,
            "reaction": "x",
            "item": {"type": "message", "channel": channel, "ts": ts},
        }
    )
    slack.fake.wait_for("chat.postEphemeral", 2)
    with session_scope(slack.engine) as s:
        assert s.get(Draft, draft_id).status == "pending"
        assert s.exec(select(Engagement)).all() == []


def test_manager_may_approve_and_discard_reaction_discards(slack):
    first, channel, ts = _post_draft(slack, key="a")
    second, channel2, ts2 = _post_draft(slack, key="b")
    slack.click(APPROVE_ACTION, first, user=LEE, channel=channel, ts=ts)
    slack.event(
        {
            "type": "reaction_added",
            "user": DANA,
            "reaction": "x",
            "item": {"type": "message", "channel": channel2, "ts": ts2},
        }
    )
    wait_until(
        lambda: len([c for c in slack.fake.calls_to("chat.postMessage") if c.args.get("thread_ts") in (ts, ts2)]) == 2
    )
    with session_scope(slack.engine) as s:
        assert (s.get(Draft, first).status, s.get(Draft, first).decided_by) == ("executed", LEE)
        assert s.get(Draft, second).status == "discarded"
        assert len(s.exec(select(Engagement)).all()) == 1
    with session_scope(slack.engine) as s:
        assert s.get(SlackUser, LEE).is_manager is True and s.get(SlackUser, DANA).is_manager is False


def test_reaction_on_an_ordinary_message_does_nothing(slack):
    slack.event(
        {
            "type": "reaction_added",
            "user": DANA,
            "reaction": "white_check_mark",
            "item": {"type": "message", "channel": "C0SALES", "ts": "123.456"},
        }
    )
    time.sleep(0.3)
    assert slack.fake.calls_to("chat.postMessage") == [] and slack.fake.calls_to("chat.postEphemeral") == []


def test_edit_opens_a_modal_and_the_submission_updates_the_draft(slack):
    draft_id, channel, ts = _post_draft(
        slack, kind="email", payload={"to": "jo@acme.example", "subject": "Quote", "body": "Hi Jo"}
    )
    slack.click(EDIT_ACTION, draft_id, user=DANA, channel=channel, ts=ts)
    [opened] = slack.fake.wait_for("views.open")
    view = opened.args["view"]
    assert view["callback_id"] == EDIT_VIEW
    inputs = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"]}
    assert inputs == {"edit_to": "jo@acme.example", "edit_subject": "Quote", "edit_body": "Hi Jo"}
    meta = json.loads(view["private_metadata"])

    # an empty body is refused inside the ack, as Slack expects (the modal shows the error)
    status, _, body = slack.submit(
        EDIT_VIEW,
        {"edit_body": {"value": {"type": "plain_text_input", "value": "  "}}},
        user=DANA,
        private_metadata=meta,
    )
    assert status == 200 and json.loads(body)["response_action"] == "errors"

    values = {
        "edit_to": {"value": {"type": "plain_text_input", "value": "jo@acme.example"}},
        "edit_subject": {"value": {"type": "plain_text_input", "value": "Revised quote"}},
        "edit_body": {"value": {"type": "plain_text_input", "value": "Hi Jo, the revised quote is attached."}},
    }
    assert slack.submit(EDIT_VIEW, values, user=DANA, private_metadata=meta)[0] == 200
    update = wait_until(lambda: [c for c in slack.fake.calls_to("chat.update") if c.args["ts"] == ts])[0]
    assert "revised quote is attached" in json.dumps(update.args["blocks"])
    slack.click(APPROVE_ACTION, draft_id, user=DANA, channel=channel, ts=ts)
    wait_until(lambda: [c for c in slack.fake.calls_to("chat.postMessage") if c.args.get("thread_ts") == ts])
    with session_scope(slack.engine) as s:
        [engagement] = s.exec(select(Engagement)).all()
        assert (engagement.type, engagement.subject) == ("email", "Revised quote")
        assert engagement.body == "Hi Jo, the revised quote is attached."


def test_edit_by_someone_else_is_refused(slack):
    draft_id, channel, ts = _post_draft(slack)
    slack.click(EDIT_ACTION, draft_id, user=OMAR, channel=channel, ts=ts)
    [eph] = slack.fake.wait_for("chat.postEphemeral")
    assert "not yours" in eph.args["text"]
    assert slack.fake.calls_to("views.open") == []


# --- App Home -------------------------------------------------------------------------------------------------------


def test_app_home_shows_my_deals_silent_deals_and_drafts(slack):
    from tests.slack_harness import NOW
    from tools.intelligence.scores import refresh_scores

    refresh_scores(slack.engine, now=NOW)  # as the deal_health job does: every open deal gets its win probability
    draft_id = slack.new_draft(key="home")
    slack.event({"type": "app_home_opened", "user": DANA, "channel": "D0DANA", "tab": "home"})
    [published] = slack.fake.wait_for("views.publish")
    assert published.args["user_id"] == DANA
    dumped = json.dumps(published.args["view"])
    assert "Drafts waiting for you (1)" in dumped and "Send the revised quote" in dumped
    assert "Acme renewal" in dumped and "Contract sent" in dumped and "$42,000" in dumped
    assert "30 days since the buyer engaged" in dumped  # no buyer engagement since creation 30 days ago
    # one closed deal of history is too little to learn from: HubSpot's stage prior, said so
    assert "win 90%" in dumped and "default probability" in dumped
    # approving from the Home tab re-publishes it
    slack.click(APPROVE_ACTION, draft_id, user=DANA, channel=None, ts=None, view={"id": "VHOME", "type": "home"})
    published = slack.fake.wait_for("views.publish", 2)[-1]
    assert "Drafts waiting for you (0)" in json.dumps(published.args["view"])


def test_app_home_for_a_user_without_crm_owner(slack):
    slack.event({"type": "app_home_opened", "user": LEE, "channel": "D0LEE", "tab": "home"})
    [published] = slack.fake.wait_for("views.publish")
    assert "could not match your Slack email" in json.dumps(published.args["view"])


def test_bolt_path_acks_commands_like_the_edge_does(slack):
    """Socket Mode has no HTTP edge: Bolt's own listener sends the same ack and defers the same work."""
    from slack_bolt import BoltRequest

    from bot.slack.commands import command_ack

    form = {
        "command": "/salesos",
        "text": "deals",
        "user_id": DANA,
        "channel_id": "C0SALES",
        "response_url": slack.fake.response_url("sock"),
        "team_id": "T0SALESOS",
        "trigger_id": "t",
    }
    response = slack.app.dispatch(BoltRequest(body=form, mode="socket_mode"))
    assert response.status == 200 and json.loads(response.body) == command_ack(form)
    [post] = slack.fake.wait_for("response_url")
    assert post.args["key"] == "sock" and "Open deals for Dana Reyes" in json.dumps(post.args["blocks"])


def test_a_draft_whose_owner_has_no_slack_user_is_not_posted(slack):
    from store.models import Owner

    with session_scope(slack.engine) as s:
        ghost = Owner(name="Ghost", email="ghost@example.com")
        s.add(ghost)
        s.flush()
        slack.owners["ghost"] = ghost.id
    draft_id = slack.new_draft(owner="ghost", key="ghost")
    assert post_draft(slack.engine, _client(slack), draft_id) is None
    assert slack.fake.calls_to("chat.postMessage") == []


def test_registrars_add_listeners_that_share_the_deps(sqlite_engine):
    seen = []

    def register_leads(app, deps):

        @app.action("lead_claim")
        def claim(ack, body, client):
            ack()
            deps.defer(lambda: seen.append((body["actions"][0]["value"], deps.settings.inbound_channel)))

    with running(sqlite_engine, registrars=[register_leads]) as slack:
        status, _, _ = slack.click("lead_claim", 42, user=DANA, channel="C0LEADS", ts="1.1")
        assert status == 200
        wait_until(lambda: seen)
        assert seen == [("42", "#inbound-leads")]


def test_http_keep_alive_expect_continue_and_chunked(slack):
    import http.client
    from urllib.parse import urlparse

    from tests.fakes.slack_requests import signed_headers

    parts = urlparse(slack.server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    sockets = []
    for _ in range(2):  # two requests on one connection (HTTP/1.1 keep-alive)
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        assert response.status == 200 and response.getheader("Connection") != "close"
        response.read()
        sockets.append(conn.sock)
    assert sockets[0] is sockets[1] is not None
    body = slash_command("help", user=DANA, response_url=slack.fake.response_url())
    conn.request("POST", "/slack/events", body=body, headers={**signed_headers(SECRET, body), "Expect": "100-continue"})
    response = conn.getresponse()
    assert response.status == 200 and "Sales OS" in response.read().decode()
    # a chunked body is de-chunked by the server, then verified over its bytes like any other
    body = slash_command("help", user=DANA, response_url=slack.fake.response_url())
    headers = {**signed_headers(SECRET, body), "Transfer-Encoding": "chunked"}
    half = len(body) // 2
    chunks = iter([body[:half].encode(), body[half:].encode()])
    conn.request("POST", "/slack/events", body=chunks, headers=headers, encode_chunked=True)
    response = conn.getresponse()
    assert response.status == 200 and "Sales OS" in response.read().decode()
    conn.close()
    broken = {"Transfer-Encoding": "chunked", "Content-Type": "application/json"}
    assert post_raw(slack.url, b"{}", broken)[0] == 400  # not valid chunk framing: refused by the HTTP layer


def test_a_body_over_the_servers_limit_is_refused_with_413_declared_or_chunked(slack):
    import http.client
    from urllib.parse import urlparse

    from bot.slack.server import MAX_BODY_BYTES

    big = b"x" * (MAX_BODY_BYTES + 1)
    assert post_raw(slack.url, big, {"Content-Type": "application/json"}, 30)[0] == 413
    parts = urlparse(slack.server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    chunks = iter([big[:500_000], big[500_000:]])  # no Content-Length: counted while it streams in
    conn.request("POST", "/slack/events", body=chunks, headers={"Transfer-Encoding": "chunked"}, encode_chunked=True)
    assert conn.getresponse().status == 413
    conn.close()


def test_with_hubspot_configured_an_approved_task_is_created_there_once(sqlite_engine):
    from settings import Settings
    from store.models import Deal
    from tests.hubspot_fake import TOKEN, FakeHubSpot
    from tools.drafts import default_writer

    hub = FakeHubSpot()
    hub.start()
    try:
        hs_deal = hub.put("deals", {"dealname": "Acme renewal", "dealstage": "contractsent"})
        writer = default_writer(sqlite_engine, Settings(hubspot_access_token=TOKEN, hubspot_api_url=hub.url))
        with running(sqlite_engine, writer=writer) as slack:
            with session_scope(slack.engine) as s:
                s.get(Deal, slack.deal_id).hubspot_id = hs_deal.id
            draft_id, channel, ts = _post_draft(slack)
            reaction = {
                "type": "reaction_added",
                "user": DANA,
                "reaction": "white_check_mark",
                "item": {"type": "message", "channel": channel, "ts": ts},
            }
            concurrently(
                lambda: slack.click(APPROVE_ACTION, draft_id, user=DANA, channel=channel, ts=ts),
                lambda: slack.click(APPROVE_ACTION, draft_id, user=DANA, channel=channel, ts=ts),
                lambda: slack.event(reaction),
            )
            [post] = wait_until(
                lambda: [c for c in slack.fake.calls_to("chat.postMessage") if c.args.get("thread_ts") == ts]
            )
            assert "Task created in HubSpot" in post.args["text"]
            [task] = hub.live("tasks")
            assert task.properties["hs_task_subject"] == "Send the revised quote"
            assert hub.associations[("tasks", "deals")][task.id] == [(hs_deal.id, 216)]
            assert hub.violations == []
            with session_scope(slack.engine) as s:
                assert s.get(Draft, draft_id).result["hubspot_id"] == task.id
    finally:
        hub.stop()
