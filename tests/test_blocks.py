"""Block Kit rendering stays within Slack's limits, checked by the independent checker in tests/fakes/slack_limits."""

from __future__ import annotations

import json

import pytest
from slack_sdk import WebClient

from bot.copilot.reply import Actions, Button, Context, Divider, Fields, Header, Reply, Section, to_text
from bot.slack.blocks import (
    fallback_text,
    post_reply,
    reply_to_blocks,
    split_reply_blocks,
    split_text,
    update_reply,
    view_blocks,
)
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_limits import block_violations, payload_violations


def big_reply(sections: int = 200) -> Reply:
    reply = Reply(parts=[Header("H" * 400)])
    reply.add(Fields([(f"label {i}", "v" * 2500) for i in range(23)]))
    reply.add(Context([f"element {i}" for i in range(27)]))
    reply.add(Actions([Button("B" * 100, f"a{i}", "x" * 3000) for i in range(30)]))
    reply.add(*[Section(f"section {i}\n" + "word " * 900) for i in range(sections)])
    return reply


def test_split_text_keeps_everything_and_prefers_line_breaks():
    text = "\n".join(f"line {i} " + "y" * 90 for i in range(100))
    chunks = split_text(text, 3000)
    assert all(0 < len(c) <= 3000 for c in chunks)
    assert "\n".join(chunks) == text
    unbroken = "z" * 7000
    assert [len(c) for c in split_text(unbroken, 3000)] == [3000, 3000, 1000]


def test_each_part_is_within_its_own_limits():
    blocks = split_reply_blocks(big_reply(sections=2), max_messages=10)
    flat = [b for message in blocks for b in message]
    assert block_violations(flat, max_blocks=10_000) == []
    header = flat[0]
    assert len(header["text"]["text"]) == 150 and header["text"]["text"].endswith("…")
    assert [len(b["fields"]) for b in flat if "fields" in b] == [10, 10, 3]
    assert [len(b["elements"]) for b in flat if b["type"] == "context"] == [10, 10, 7]
    assert [len(b["elements"]) for b in flat if b["type"] == "actions"] == [25, 5]
    # a 4,500-character section became two sections, nothing lost
    sections = [b["text"]["text"] for b in flat if b["type"] == "section" and "text" in b]
    assert sum(len(s) for s in sections) >= 2 * 4500 - 10


def test_long_replies_split_into_messages_then_truncate_with_a_more_hint():
    messages = split_reply_blocks(big_reply(), max_messages=3, more_url="https://salesos.example/r/1")
    assert len(messages) == 3 and all(len(m) == 50 for m in messages)
    hint = messages[-1][-1]
    assert hint["type"] == "context" and "<https://salesos.example/r/1|See everything>" in hint["elements"][0]["text"]
    for m in messages:
        assert payload_violations("chat.postMessage", {"text": "x", "blocks": m}) == []


def test_reply_to_blocks_is_one_message_and_views_hold_100():
    blocks = reply_to_blocks(big_reply())
    assert len(blocks) == 50 and "not shown" in blocks[-1]["elements"][0]["text"]
    home = view_blocks(big_reply())
    assert len(home) == 100
    assert payload_violations("views.publish", {"view": {"type": "home", "blocks": home}}) == []


def test_small_reply_renders_each_part_kind():
    reply = Reply(
        parts=[
            Header("Acme"),
            Section("*bold*"),
            Fields([("Stage", "Contract sent")]),
            Context(["as of 09:12"]),
            Divider(),
            Actions([Button("Open", "open", url="https://x.example", style="primary")]),
            Section("   "),  # empty sections are dropped (Slack rejects empty text)
        ],
        fallback="Acme",
    )
    blocks = reply_to_blocks(reply)
    assert [b["type"] for b in blocks] == ["header", "section", "section", "context", "divider", "actions"]
    assert blocks[5]["elements"][0] == {
        "type": "button",
        "text": {"type": "plain_text", "text": "Open", "emoji": True},
        "action_id": "open",
        "url": "https://x.example",
        "style": "primary",
    }
    assert fallback_text(reply) == "Acme"
    assert "Stage: Contract sent" in to_text(reply)  # the same structure renders to terminal text


def test_post_and_update_reply_against_slack():
    with FakeSlackAPI() as slack:
        client = WebClient(token="xoxb-test", base_url=slack.api_url)
        posted = post_reply(client, "C1", big_reply(), thread_ts="5.5")
        assert len(posted.ts) == 3
        calls = slack.calls_to("chat.postMessage")
        assert [c.args["thread_ts"] for c in calls] == ["5.5"] * 3
        assert calls[1].args["text"] == "(continued 2/3)"
        update_reply(client, "C1", posted.ts[0], Reply(parts=[Section("short")]))
        [update] = slack.calls_to("chat.update")
        assert update.args["blocks"] == [{"type": "section", "text": {"type": "mrkdwn", "text": "short"}}]
        assert slack.violations == []


def test_the_fake_rejects_what_slack_would_reject():
    with FakeSlackAPI() as slack:
        client = WebClient(token="xoxb-test", base_url=slack.api_url)
        from slack_sdk.errors import SlackApiError

        too_many = [{"type": "divider"}] * 51
        with pytest.raises(SlackApiError, match="invalid_blocks"):
            client.chat_postMessage(channel="C1", text="x", blocks=too_many)
        long_header = [{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}]
        with pytest.raises(SlackApiError):
            client.chat_postMessage(channel="C1", text="x", blocks=long_header)
        assert [v for _, v in slack.violations] == [
            "51 blocks > 50",
            "block 0 (header): header text length 151 not in 1..150",
        ]
        slack.violations.clear()


def test_checker_catches_each_limit():
    bad = [
        {"type": "section", "text": {"type": "mrkdwn", "text": "s" * 3001}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": "f"}] * 11},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11},
        {
            "type": "actions",
            "elements": [{"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": "b" * 76}}],
        },
        {"type": "bogus"},
    ]
    problems = block_violations(bad, max_blocks=50)
    assert len(problems) == 5, json.dumps(problems)
