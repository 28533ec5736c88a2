"""Issue 14 in Slack, through the real Bolt app over signed HTTP and the fake Slack Web API: the issue's examples and
follow-ups in a DM, assistant threads (suggested prompts, status, title), choice buttons and 👍/👎 feedback."""

from __future__ import annotations

import json

import pytest
from slack_sdk import WebClient

from bot.slack.assistant import feedback_rows
from bot.slack.server import build_http_server
from bot.slack.slack_app import create_app
from settings import Settings
from tests import copilot_fixture as fx
from tests.fakes.slack_api import FakeSlackAPI, SlackUserRecord
from tests.fakes.slack_requests import JSON, block_action, event_callback, post_signed

SECRET = "assistant-secret"


@pytest.fixture
def live(sqlite_engine, tmp_path):
    fx.build(sqlite_engine)
    with FakeSlackAPI(users=[SlackUserRecord(id="UDANA", email="dana@example.com", name="Dana Reyes")]) as slack:
        settings = Settings(
            slack_bot_token="xoxb-test",
            slack_signing_secret=SECRET,
            slack_api_url=slack.api_url,
            chroma_path=tmp_path / "chroma",
        )
        app, deps = create_app(
            settings, sqlite_engine, client=WebClient(token="xoxb-test", base_url=slack.api_url), now=lambda: fx.NOW
        )
        server = build_http_server(app, deps, signing_secret=SECRET, host="127.0.0.1", port=0)
        server.start_background()
        try:
            yield slack, server.url + "/slack/events", sqlite_engine
        finally:
            server.shutdown()
            server.server_close()
        assert slack.violations == []


def dm(url, text, ts):
    event = {"type": "message", "channel_type": "im", "channel": "D0DANA", "user": "UDANA", "text": text, "ts": ts}
    assert post_signed(url, SECRET, event_callback(event), content_type=JSON)[0] == 200


def test_dm_examples_and_follow_ups(live):
    slack, url, _engine = live
    dm(url, "who owns the Acme deal", "1.1")
    [first] = slack.wait_for("chat.update", timeout=30)
    assert "Dana Reyes" in json.dumps(first.args["blocks"]) and "Owner" in first.args["text"]
    dm(url, "brief it", "1.2")  # "it" is Acme, from the conversation's state
    second = slack.wait_for("chat.update", count=2, timeout=30)[1]
    assert second.args["text"].startswith("Brief: Acme Corp")
    dm(url, "silent deals for Dana", "1.3")
    dm_answers = slack.wait_for("chat.update", count=3, timeout=30)
    assert "Dana Reyes" in dm_answers[2].args["text"]
    dm(url, "and for Sam?", "1.4")
    fourth = slack.wait_for("chat.update", count=4, timeout=30)[3]
    assert "Sam Patel" in fourth.args["text"]
    dm(url, "how many deals did the Enterprise team close in October?", "1.5")
    fifth = slack.wait_for("chat.update", count=5, timeout=30)[4]
    assert "2 won" in fifth.args["text"]
    feedback = [
        e for b in fifth.args["blocks"] if b["type"] == "actions" for e in b["elements"] if "feedback" in e["action_id"]
    ]
    assert [e["action_id"] for e in feedback] == ["copilot_feedback_up", "copilot_feedback_down"]


def test_thumbs_down_is_stored_with_question_tool_and_args(live):
    slack, url, engine = live
    dm(url, "whats teh latest on acme", "2.1")
    [answer] = slack.wait_for("chat.update", timeout=30)
    down = next(
        e
        for b in answer.args["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "copilot_feedback_down"
    )
    payload = block_action(
        "copilot_feedback_down", down["value"], user="UDANA", channel="D0DANA", message_ts=answer.args["ts"],
        response_url=slack.response_url("f"),
    )  # fmt: skip
    assert post_signed(url, SECRET, payload)[0] == 200
    slack.wait_for("chat.postEphemeral", timeout=30)
    [row] = feedback_rows(engine)
    assert row["rating"] == "down" and row["q"] == "whats teh latest on acme"
    assert row["tool"] == "get_latest_on_company" and row["args"] == {"company": "acme"}


def test_a_choice_button_answers_with_that_reading(live):
    slack, url, _engine = live
    value = json.dumps({"tool": "get_deal_facts", "args": {"company": "Acme Corp", "fact": "champion"}})
    payload = block_action(
        "copilot_choice_2", value, user="UDANA", channel="D0DANA", message_ts="1700000000.000100",
        response_url=slack.response_url("c"),
    )  # fmt: skip
    assert post_signed(url, SECRET, payload)[0] == 200
    [update] = slack.wait_for("chat.update", timeout=30)
    assert update.args["ts"] == "1700000000.000100" and "Wile Coyote" in json.dumps(update.args["blocks"])


def test_assistant_thread_prompts_status_title_and_answer(live):
    slack, url, _engine = live
    started = {
        "type": "assistant_thread_started",
        "assistant_thread": {"user_id": "UDANA", "channel_id": "D0DANA", "thread_ts": "3.0", "context": {}},
        "event_ts": "3.0",
    }
    assert post_signed(url, SECRET, event_callback(started), content_type=JSON)[0] == 200
    [prompts] = slack.wait_for("assistant.threads.setSuggestedPrompts", timeout=30)
    messages = [p["message"] for p in json.loads(json.dumps(prompts.args["prompts"]))]
    assert len(messages) == 4 and "what's closing this quarter?" in messages
    question = {
        "type": "message", "channel_type": "im", "channel": "D0DANA", "user": "UDANA", "text": "what's our win rate?",
        "ts": "3.1", "thread_ts": "3.0",
    }  # fmt: skip
    assert post_signed(url, SECRET, event_callback(question), content_type=JSON)[0] == 200
    [status] = slack.wait_for("assistant.threads.setStatus", timeout=30)
    [title] = slack.wait_for("assistant.threads.setTitle", timeout=30)
    assert status.args["thread_ts"] == "3.0" and title.args["title"] == "what's our win rate?"
    posted = [c for c in slack.wait_for("chat.postMessage", count=2, timeout=30) if c.args.get("thread_ts") == "3.0"]
    assert any("Win rate" in (c.args.get("text") or "") for c in posted)
