"""End to end through Slack: a transcript shared in a DM → scorecard → "Draft follow-ups" → drafts → ✅ approvals →
written back exactly once. Real Bolt app behind our HTTP server, signed requests, the fake Slack Web API on loopback
(extended here with `files.info` and the private file download), the real store."""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from slack_sdk import WebClient
from sqlmodel import Session, func, select

from bot.copilot.calls_reply import call_scorecard_reply
from bot.copilot.reply import to_text
from bot.slack import calls_listeners
from bot.slack.approvals import APPROVE_ACTION
from bot.slack.server import build_http_server
from bot.slack.slack_app import create_app
from settings import Settings
from store.models import Call, Draft, Engagement, WriteBack
from tests.calls_fixture import CALL_AT, seed_acme
from tests.fakes.slack_api import FakeSlackAPI, SlackUserRecord
from tests.fakes.slack_requests import JSON, block_action, event_callback, post_signed
from tests.slack_harness import concurrently

DATA = Path(__file__).parent / "data" / "calls"
SECRET = "calls-signing-secret"
DANA = "U0DANA"


class FilesFakeSlack(FakeSlackAPI):
    """The fake Slack Web API plus `files.info` and `GET /files/<id>` (which insists on the bot token)."""

    def __init__(self, **kwargs: Any) -> None:
        self.files: dict[str, tuple[str, str, bytes]] = {}
        self.downloads: list[str] = []
        super().__init__(**kwargs)

    def answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "files.info":
            name, filetype, _ = self.files[str(args["file"])]
            url = f"{self.base_url}/files/{args['file']}/{name}"
            return {
                "ok": True,
                "file": {
                    "id": args["file"],
                    "name": name,
                    "filetype": filetype,
                    "url_private": url,
                    "url_private_download": url + "?download=1",
                },
            }
        return super().answer(method, args)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake, base = self, super()._handler_class()

        class Handler(base):  # type: ignore[misc,valid-type]
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                parts = urlparse(self.path).path.split("/")
                if len(parts) < 3 or parts[1] != "files" or parts[2] not in fake.files:
                    self.send_error(404)
                    return
                if self.headers.get("Authorization") != "Bearer xoxb-test":
                    self.send_error(403)
                    return
                fake.downloads.append(parts[2])
                data = fake.files[parts[2]][2]
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


def wait_until(check, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


@pytest.fixture
def slack(sqlite_engine):
    ids = seed_acme(sqlite_engine)
    fake = FilesFakeSlack(users=[SlackUserRecord(id=DANA, email="dana@example.com", name="Dana Reyes")]).start()
    settings = Settings(slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url=fake.api_url)
    app, deps = create_app(
        settings,
        sqlite_engine,
        client=WebClient(token="xoxb-test", base_url=fake.api_url),
        registrars=[calls_listeners.register],
        now=lambda: CALL_AT,
    )
    server = build_http_server(app, deps, signing_secret=SECRET, host="127.0.0.1", port=0)
    server.start_background()
    try:
        yield fake, server.url + "/slack/events", sqlite_engine, ids
    finally:
        server.shutdown()
        server.server_close()
        fake.stop()
    assert fake.violations == [], fake.violations  # every payload stayed inside Block Kit's limits


def _share(fake, url: str, file_id: str, name: str, filetype: str, content: bytes) -> None:
    fake.files[file_id] = (name, filetype, content)
    event = {
        "type": "file_shared",
        "file_id": file_id,
        "user_id": DANA,
        "channel_id": "D0DANA",
        "file": {"id": file_id},
        "event_ts": "1.1",
    }
    status, _, _ = post_signed(url, SECRET, event_callback(event), content_type=JSON)
    assert status == 200


def _texts(call) -> str:
    return json.dumps(call.args.get("blocks") or []) + str(call.args.get("text"))


def test_dm_transcript_to_drafts_to_exactly_once_write_back(slack) -> None:
    fake, url, engine, ids = slack
    _share(fake, url, "F1", "acme-discovery.vtt", "vtt", (DATA / "discovery_acme.vtt").read_bytes())
    [card] = wait_until(lambda: [c for c in fake.calls_to("chat.postMessage") if "Call scorecard" in _texts(c)])
    assert fake.downloads == ["F1"] and card.args["channel"] == "D0DANA"
    assert "Acme Corp" in _texts(card) and "Benchmark" in _texts(card) and "[1:13] Dana Reyes" in _texts(card)
    button = [e for b in card.args["blocks"] if b["type"] == "actions" for e in b["elements"]][0]
    assert button["action_id"] == calls_listeners.DRAFT_FOLLOWUPS_ACTION
    call_id = int(button["value"])
    with Session(engine) as session:
        call = session.get(Call, call_id)
        assert (call.deal_id, call.owner_id, call.transcript_format) == (ids["deal"], ids["dana"], "vtt")

    def click(action: str, value: str, ts: str | None = None):
        body = block_action(
            action, value, user=DANA, channel="D0DANA", message_ts=ts or "1.0", response_url=fake.response_url("act")
        )
        return post_signed(url, SECRET, body)

    assert click(calls_listeners.DRAFT_FOLLOWUPS_ACTION, str(call_id))[0] == 200
    drafts = wait_until(
        lambda: (
            [c for c in fake.calls_to("chat.postMessage") if "draft_approve" in _texts(c)]
            if len([c for c in fake.calls_to("chat.postMessage") if "draft_approve" in _texts(c)]) >= 5
            else None
        )
    )
    assert len(drafts) == 5
    # clicking again files nothing new and posts nothing new
    assert click(calls_listeners.DRAFT_FOLLOWUPS_ACTION, str(call_id))[0] == 200
    time.sleep(0.5)
    assert len([c for c in fake.calls_to("chat.postMessage") if "draft_approve" in _texts(c)]) == 5
    with Session(engine) as session:
        rows = session.exec(select(Draft)).all()
        assert len(rows) == 5 and all(d.slack_ts for d in rows)
        email = next(d for d in rows if d.kind == "email")
    # approve the email draft by button, double click, ✅ reaction and a Slack retry at the same moment
    reaction = {
        "type": "reaction_added",
        "user": DANA,
        "reaction": "white_check_mark",
        "item": {"type": "message", "channel": email.slack_channel, "ts": email.slack_ts},
        "event_ts": "2.2",
    }
    results = concurrently(
        lambda: click(APPROVE_ACTION, str(email.id), email.slack_ts),
        lambda: click(APPROVE_ACTION, str(email.id), email.slack_ts),
        lambda: post_signed(url, SECRET, event_callback(reaction, event_id="EvCALLS"), content_type=JSON),
        lambda: post_signed(
            url,
            SECRET,
            event_callback(reaction, event_id="EvCALLS"),
            content_type=JSON,
            extra_headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
        ),
    )
    assert [r[0] for r in results] == [200] * 4
    wait_until(lambda: [c for c in fake.calls_to("chat.postMessage") if c.args.get("thread_ts") == email.slack_ts])
    time.sleep(0.5)
    with Session(engine) as session:
        assert session.get(Draft, email.id).status == "executed"
        written = session.exec(select(Engagement).where(Engagement.type == "email")).all()
        assert len(written) == 1 and written[0].deal_id == ids["deal"]
        assert written[0].subject.startswith("Recap and next steps · Acme Corp")
        assert "I'll send you a pricing proposal by Friday, November 27" in written[0].body
        assert session.exec(select(func.count()).select_from(WriteBack)).one() == 1


def test_the_same_transcript_shared_twice_is_one_call(slack) -> None:
    fake, url, engine, _ = slack
    content = (DATA / "discovery_acme.json").read_bytes()
    _share(fake, url, "F3", "acme.json", "json", content)
    wait_until(lambda: [c for c in fake.calls_to("chat.postMessage") if "Call scorecard" in _texts(c)])
    _share(fake, url, "F4", "acme-again.json", "json", content)
    cards = wait_until(
        lambda: (
            [c for c in fake.calls_to("chat.postMessage") if "Call scorecard" in _texts(c)]
            if len([c for c in fake.calls_to("chat.postMessage") if "Call scorecard" in _texts(c)]) == 2
            else None
        )
    )
    values = [e["value"] for c in cards for b in c.args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert len(values) == 2 and values[0] == values[1]
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Call)).one() == 1


def test_malformed_transcript_in_a_dm_gets_the_line_and_reason(slack) -> None:
    fake, url, engine, _ = slack
    _share(fake, url, "F2", "broken.srt", "srt", (DATA / "bad_index.srt").read_bytes())
    [msg] = wait_until(lambda: [c for c in fake.calls_to("chat.postMessage") if "broken.srt" in _texts(c)])
    assert "line 5" in _texts(msg) and "expected a cue number" in _texts(msg)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Call)).one() == 0


def test_call_scorecard_reply_for_a_company(sqlite_engine) -> None:
    ids = seed_acme(sqlite_engine)
    assert "No recorded call with Acme Corp" in to_text(call_scorecard_reply(sqlite_engine, "acme", now=CALL_AT))
    with Session(sqlite_engine) as session:
        session.add(
            Call(
                deal_id=ids["deal"],
                company_id=ids["acme"],
                owner_id=ids["dana"],
                started_at=CALL_AT,
                transcript=(DATA / "discovery_acme.txt").read_text(),
            )
        )
        session.commit()
    reply = call_scorecard_reply(sqlite_engine, "Acme", now=CALL_AT)
    text = to_text(reply)
    assert text.startswith("Call scorecard: ") and "Acme Corp" in text
    assert "Predicted outcome of Acme forecasting" in text
    assert "find a company called Nowhere Ltd" in to_text(call_scorecard_reply(sqlite_engine, "Nowhere Ltd"))


def test_call_scorecard_reply_when_the_latest_call_is_not_a_transcript(sqlite_engine) -> None:
    ids = seed_acme(sqlite_engine)
    with Session(sqlite_engine) as session:
        session.add(
            Call(
                deal_id=ids["deal"],
                company_id=ids["acme"],
                owner_id=ids["dana"],
                started_at=CALL_AT,
                transcript="<p>Left a voicemail, will try again Monday.</p>",
            )
        )
        session.commit()
    text = to_text(call_scorecard_reply(sqlite_engine, "Acme", now=CALL_AT))
    assert "The latest call with Acme Corp has no transcript I can read" in text and "line 1" in text
