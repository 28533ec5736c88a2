"""The monthly reactivation DM: one per AE and month across replicas, drafts on the ✅ path, written back once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient
from sqlalchemy import text
from sqlmodel import Session, select

from bot.slack.posting import SlackPoster
from jobs.reactivation import DISMISS_ACTION, SNOOZE_ACTION, run_reactivation
from settings import Settings
from store.demo import generate_workspace
from store.models import Draft, Engagement, WriteBack
from tests.fakes.slack_api import FakeSlackAPI
from tools.drafts import decide_draft, execute_draft, find_draft_by_message, record_locally

AS_OF = datetime(2026, 11, 25, 19, 50, tzinfo=UTC)
FIRST_MONDAY = datetime(2026, 12, 7, 14, 30, tzinfo=UTC)  # 09:30 in New York


@pytest.fixture
def slack():
    with FakeSlackAPI() as fake:
        yield fake


def setup(engine, slack):
    generate_workspace(engine, size="small", seed=7, as_of=AS_OF)
    with engine.begin() as conn:
        conn.execute(text("UPDATE owner SET slack_user_id = 'U' || CAST(id AS VARCHAR(10))"))
    settings = Settings(slack_bot_token="xoxb-test", slack_api_url=slack.api_url, team_timezone="America/New_York")
    return settings, SlackPoster(WebClient(token="xoxb-test", base_url=slack.api_url))


def messages_by_channel(slack) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for call in slack.calls_to("chat.postMessage"):
        out.setdefault(call.args["channel"], []).append(call.args)
    return out


def test_two_replicas_send_one_dm_per_ae_and_month(engine, slack):
    settings, poster = setup(engine, slack)
    results = {}

    def replica(name: str) -> None:
        results[name] = run_reactivation(engine, settings, poster, now=FIRST_MONDAY, replica=name)

    threads = [threading.Thread(target=replica, args=(n,)) for n in ("r1", "r2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    ran = [s for name in ("r1", "r2") for s in results[name] if s.ran]
    owners = {s.owner_id for s in ran}
    assert len(ran) == len(owners) == 10  # every AE once, by one replica or the other
    assert slack.violations == []
    by_channel = messages_by_channel(slack)
    with Session(engine) as s:
        drafts = s.exec(select(Draft).where(Draft.idempotency_key.like("reactivation:%"))).all()
    assert drafts and all(d.status == "pending" and d.slack_ts for d in drafts)
    for sent in ran:
        if not sent.deals:
            continue
        channel = f"DU{sent.owner_id}"
        # one summary and one message per draft, nothing twice
        assert len(by_channel[channel]) == 1 + len(sent.drafts)
        summary = by_channel[channel][0]
        buttons = [e for b in summary["blocks"] if b["type"] == "actions" for e in b["elements"]]
        assert {b["action_id"] for b in buttons} == {SNOOZE_ACTION, DISMISS_ACTION}
        assert {int(b["value"]) for b in buttons} == set(sent.deals)
    # the same month again: nothing more; next month's list is a new slot
    before = len(slack.calls_to("chat.postMessage"))
    again = run_reactivation(engine, settings, poster, now=FIRST_MONDAY + timedelta(days=2), replica="r3")
    assert not any(s.ran for s in again) and len(slack.calls_to("chat.postMessage")) == before
    january = run_reactivation(engine, settings, poster, now=datetime(2027, 1, 4, 14, 30, tzinfo=UTC), replica="r1")
    assert all(s.ran for s in january)


def test_an_approved_reactivation_email_is_written_back_once(sqlite_engine, slack):
    engine = sqlite_engine
    settings, poster = setup(engine, slack)
    sent = [s for s in run_reactivation(engine, settings, poster, now=FIRST_MONDAY, replica="r1") if s.drafts]
    owner_id, draft_id = sent[0].owner_id, sent[0].drafts[0]
    with Session(engine) as s:
        draft = s.get(Draft, draft_id)
        channel, ts = draft.slack_channel, draft.slack_ts
    # a ✅ on the DM'd message finds its draft (the reaction listener's lookup)
    assert find_draft_by_message(engine, channel, ts).id == draft_id
    owner_user = f"U{owner_id}"
    decisions = [
        decide_draft(
            engine,
            draft_id,
            decision="approve",
            decided_by_slack_user=owner_user,
            is_manager=False,
            owner_slack_user=owner_user,
            now=FIRST_MONDAY,
        )
        for _ in range(2)
    ]
    assert [d.acted for d in decisions] == [True, False]
    not_owner = decide_draft(
        engine,
        draft_id,
        decision="approve",
        decided_by_slack_user="UOTHER",
        is_manager=False,
        owner_slack_user=owner_user,
        now=FIRST_MONDAY,
    )
    assert not not_owner.acted
    writer = record_locally(engine)
    runs = [execute_draft(engine, draft_id, writer=writer, now=FIRST_MONDAY) for _ in range(2)]
    assert [r.executed for r in runs] == [True, False]
    with Session(engine) as s:
        draft = s.get(Draft, draft_id)
        assert draft.status == "executed"
        assert len(s.exec(select(WriteBack).where(WriteBack.idempotency_key == draft.idempotency_key)).all()) == 1
        written = s.exec(
            select(Engagement).where(Engagement.deal_id == draft.deal_id, Engagement.status == "draft")
        ).all()
        assert [e.id for e in written] == [runs[0].result["engagement_id"]]
        assert written[0].type == "email" and written[0].subject == draft.payload["subject"]


def test_snooze_and_dismiss_buttons_over_real_bolt_only_for_the_owner(sqlite_engine):
    import time as _time

    from store.models import ReactivationDecision
    from tests.slack_harness import DANA, OMAR, running

    def ephemerals(h, user):
        return [c.args["text"] for c in h.fake.calls_to("chat.postEphemeral") if c.args["user"] == user]

    def wait(check):
        deadline = _time.monotonic() + 20
        while _time.monotonic() < deadline:
            if check():
                return check()
            _time.sleep(0.02)
        raise AssertionError("condition not met in time")

    with running(sqlite_engine) as h:
        assert h.click(SNOOZE_ACTION, h.deal_id, user=OMAR, channel="DU0OMAR", ts="1.1")[0] == 200
        assert "Only the deal's owner or a manager" in wait(lambda: ephemerals(h, OMAR))[0]
        assert h.click(SNOOZE_ACTION, h.deal_id, user=DANA, channel="DU0DANA", ts="1.2")[0] == 200
        assert "snoozed until" in wait(lambda: ephemerals(h, DANA))[0]
        assert h.click(DISMISS_ACTION, h.deal_id, user=DANA, channel="DU0DANA", ts="1.2")[0] == 200
        assert "dismissed" in wait(lambda: ephemerals(h, DANA)[1:])[0]
        with Session(sqlite_engine) as s:
            rows = s.exec(select(ReactivationDecision)).all()
        assert [(r.deal_id, r.action, r.until) for r in rows] == [(h.deal_id, "dismissed", None)]
