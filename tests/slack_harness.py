"""The real Bolt app behind our HTTP server on loopback, talking to the fake Slack Web API: shared by Slack tests."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.copilot.reply import Context, Header, Reply, Section
from bot.slack.server import SlackHTTPServer, build_http_server
from bot.slack.slack_app import create_app
from settings import Settings
from store.db import session_scope
from store.models import Company, Deal, Owner
from tests.fakes.slack_api import FakeSlackAPI, SlackUserRecord
from tests.fakes.slack_requests import (
    FORM,
    JSON,
    block_action,
    event_callback,
    post_signed,
    slash_command,
    view_submission,
)
from tools.drafts import create_draft

SECRET = "test-signing-secret"
DANA, OMAR, LEE = "U0DANA", "U0OMAR", "U0LEE"  # Dana and Omar are AEs; Lee is a manager (MANAGER_EMAILS)
USERS = [
    SlackUserRecord(id=DANA, email="Dana@Example.com", name="Dana Reyes"),
    SlackUserRecord(id=OMAR, email="omar@example.com", name="Omar Haddad"),
    SlackUserRecord(id=LEE, email="lee@example.com", name="Lee Park"),
]
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


def stub_answer(log: list[dict[str, Any]]):
    """A stand-in copilot (the real one is tested end to end separately): echoes the question, records the call."""

    def answer(
        question: str,
        *,
        engine,
        settings,
        asker_owner_id=None,
        thread_key=None,
        now=None,
        asker_hint=None,
        private=False,
    ):
        log.append({"question": question, "owner": asker_owner_id, "thread_key": thread_key, "private": private})
        reply = Reply(parts=[Header("Answer"), Section(f"You asked: {question}")], fallback=f"Answer: {question}")
        if "private" in question:
            reply.ephemeral = True
        if "huge" in question:  # far more than one message holds
            reply.parts += [Section(f"line {i} " + "x" * 3500) for i in range(80)] + [
                Context([f"c{i}" for i in range(25)])
            ]
        if "explode" in question:
            raise RuntimeError("copilot broke")
        return SimpleNamespace(reply=reply, intent="stub", tool_calls=[], data={})

    return answer


@dataclass
class Harness:
    """Everything a Slack test touches."""

    fake: FakeSlackAPI
    engine: Engine
    settings: Settings
    server: SlackHTTPServer
    owners: dict[str, int]
    deal_id: int
    app: Any = None
    questions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url + "/slack/events"

    def post(self, body: str, content_type: str = FORM, **kwargs: Any) -> tuple[int, dict[str, str], str]:
        return post_signed(self.url, SECRET, body, content_type=content_type, **kwargs)

    def command(self, text: str, *, user: str = DANA, channel: str = "C0SALES", key: str = "cmd"):
        return self.post(slash_command(text, user=user, channel=channel, response_url=self.fake.response_url(key)))

    def event(self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None):
        extra = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else None
        return self.post(event_callback(event, event_id=event_id), JSON, extra_headers=extra)

    def click(self, action_id: str, draft_id: int, *, user: str, channel: str | None, ts: str | None, view=None):
        body = block_action(
            action_id,
            str(draft_id),
            user=user,
            channel=channel,
            message_ts=ts,
            response_url=self.fake.response_url("act"),
            view=view,
        )
        return self.post(body)

    def submit(self, callback_id: str, values: dict, *, user: str, private_metadata: dict):
        return self.post(view_submission(callback_id, values, user=user, private_metadata=json.dumps(private_metadata)))

    def new_draft(
        self, *, owner: str = "dana", kind: str = "task", key: str = "k1", payload: dict | None = None
    ) -> int:
        with session_scope(self.engine) as session:
            draft = create_draft(
                session,
                kind=kind,
                owner_id=self.owners[owner],
                deal_id=self.deal_id,
                payload=payload or {"subject": "Send the revised quote", "body": "Email Jo the revised quote."},
                idempotency_key=key,
            )
            return int(draft.id)


def seed(engine: Engine) -> tuple[dict[str, int], int]:
    with session_scope(engine) as session:
        owners = {
            "dana": Owner(name="Dana Reyes", email="dana@example.com"),
            "omar": Owner(name="Omar Haddad", email="omar@example.com"),
        }
        session.add_all(owners.values())
        session.flush()
        acme = Company(name="Acme Corp", domain="acme.example", owner_id=owners["dana"].id)
        session.add(acme)
        session.flush()
        deal = Deal(
            name="Acme renewal",
            company_id=acme.id,
            owner_id=owners["dana"].id,
            stage="contractsent",
            amount=42_000,
            close_date=date(2026, 12, 15),
            created_at=NOW - timedelta(days=30),
        )
        session.add(deal)
        session.flush()
        return {k: int(o.id) for k, o in owners.items()}, int(deal.id)


class running:
    """Context manager: fake Slack + seeded store + real Bolt app on our HTTP server (port 0)."""

    def __init__(self, engine: Engine, *, answer=None, routes=None, writer=None, registrars=()) -> None:
        self.engine, self.answer, self.routes, self.writer = engine, answer, routes, writer
        self.registrars = registrars

    def __enter__(self) -> Harness:
        self.fake = FakeSlackAPI(users=USERS).start()
        owners, deal_id = seed(self.engine)
        settings = Settings(
            slack_bot_token="xoxb-test",
            slack_signing_secret=SECRET,
            slack_api_url=self.fake.api_url,
            manager_emails=["lee@example.com"],
        )
        questions: list[dict[str, Any]] = []
        client = WebClient(token="xoxb-test", base_url=self.fake.api_url)
        app, deps = create_app(
            settings,
            self.engine,
            client=client,
            answer=self.answer or stub_answer(questions),
            writer=self.writer,
            registrars=self.registrars,
            now=lambda: NOW,
        )
        self.server = build_http_server(app, deps, signing_secret=SECRET, host="127.0.0.1", port=0, routes=self.routes)
        self.server.start_background()
        return Harness(self.fake, self.engine, settings, self.server, owners, deal_id, app, questions)

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.fake.stop()
        # every payload we sent Slack during the test must be within Block Kit's limits
        assert self.fake.violations == [], self.fake.violations


def concurrently(*calls) -> list[Any]:
    """Run callables at the same moment in threads; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int, fn) -> None:
        barrier.wait()
        results[i] = fn()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results
