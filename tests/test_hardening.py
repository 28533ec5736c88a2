"""Issue 13's fifteen defects, one test each (or more), through the real server, Bolt app, store and fake Slack.

Each test here failed on the commit before the fix (bb91abf); the issue's numbering is in each test's name.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from slack_sdk import WebClient
from sqlalchemy import insert
from sqlmodel import Session, select

from bot.copilot.reply import Context, Fields, Header, Reply, Section
from bot.slack.blocks import fallback_text, reply_to_blocks
from bot.slack.leads_listeners import lead_reply
from jobs.claims import get_claim
from settings import Settings
from store.models import Call, Draft, InboundLead, JobClaim, Owner
from store.types import utcnow
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_requests import FORM, JSON, event_callback, post_raw, signed_headers, slash_command
from tests.jobs_world import NOW, build_world
from tests.slack_harness import DANA, OMAR, SECRET, running
from tests.test_calls_slack import DATA, _share, _texts, wait_until
from tests.test_calls_slack import slack as calls_slack  # noqa: F401  (fixture)
from tests.test_leads_slack import LEAD, click, lead_row, post_lead
from tests.test_leads_slack import stack as stack  # noqa: F401,PLC0414  (fixture)
from tests.test_leads_slack import stack_lite as stack_lite  # noqa: F401,PLC0414  (fixture)
from tools.drafts import decide_draft, record_locally, recover_stuck_drafts

BROADCASTS = ("<!channel>", "<!here>", "<!everyone>")


def mrkdwn_texts(node) -> list[str]:
    """Every mrkdwn string of a Block Kit structure (plain_text is never parsed for mentions or links by Slack)."""
    if isinstance(node, list):
        return [t for item in node for t in mrkdwn_texts(item)]
    if isinstance(node, dict):
        own = [node["text"]] if node.get("type") == "mrkdwn" and isinstance(node.get("text"), str) else []
        return own + [t for key, value in node.items() if key != "text" or own == [] for t in mrkdwn_texts(value)]
    return []


def untrusted_markup(blocks: list, text: str) -> list[str]:
    """Broadcasts and foreign links that would act in Slack, in a message's mrkdwn and its notification text."""
    dumped = "\n".join(mrkdwn_texts(blocks)) + text
    return [b for b in (*BROADCASTS, "<https://evil.example") if b in dumped]


# --- 1. form traffic starves Slack ----------------------------------------------------------------------------------


def test_1_slack_is_acknowledged_while_a_100_post_intake_burst_is_in_flight(engine):
    """The intake-burst test: /intake has its own pool, so a burst holding every intake thread never blocks Slack."""
    release, entered = threading.Event(), []

    def slow_intake(method, headers, body):  # a form post that takes as long as we say (the scorer, the store)
        entered.append(1)
        release.wait(60)
        return 201, {"Content-Type": "application/json"}, b'{"ok": true}'

    with running(engine, routes={"/intake": slow_intake}) as slack:
        results: list[int] = []
        burst = [
            threading.Thread(target=lambda: results.append(post_raw(slack.server.url + "/intake", b"{}", {}, 60)[0]))
            for _ in range(100)
        ]
        for t in burst:
            t.start()
        wait_until(lambda: len(entered) >= 4)  # the intake pool is full; 96 more posts are queued behind it
        try:
            status, _, _ = slack.event(
                {"type": "message", "channel_type": "im", "channel": "D0DANA", "user": DANA, "text": "pipeline"}
            )
            assert status == 200  # Slack's ack did not wait for any form post
            assert len(results) == 0  # and the burst really was in flight meanwhile
        finally:
            release.set()
            for t in burst:
                t.join(60)
        assert results == [201] * 100  # nothing dropped: every post answered once its turn came


# --- 3. a draft stays `approved` forever ---------------------------------------------------------------------------


def test_3_an_approval_cut_off_before_executing_is_recovered(engine):
    from tests.test_drafts import new_draft, seed

    draft_id = new_draft(engine, *seed(engine))
    decide_draft(
        engine, draft_id, decision="approve", decided_by_slack_user="U", is_manager=True, owner_slack_user=None
    )  # ...and the process died before its UPDATE to `executing`
    runs = recover_stuck_drafts(engine, writer=record_locally(engine), now=utcnow() + timedelta(minutes=11))
    assert [r.status for r in runs] == ["executed"]
    with Session(engine) as s:
        assert s.get(Draft, draft_id).status == "executed"


# --- 4. untrusted text posted as raw mrkdwn ------------------------------------------------------------------------


def test_4_lead_fields_cannot_broadcast_or_plant_links(sqlite_engine):
    settings = Settings()
    lead = InboundLead(
        id=7,
        company_name="<!channel> Acme",
        contact_name="<!here>",
        contact_email="x@acme.io",
        notes="urgent <!everyone> see <https://evil.example/login|your HubSpot record> & pay",
        score_reasons=["<!subteam^S123> said so"],
        status="new",
        source="web_form",
        score=80,
        tier="A",
    )
    reply = lead_reply(lead, settings=settings)
    blocks, text = reply_to_blocks(reply), fallback_text(reply)
    assert untrusted_markup(blocks, text) == []
    mrkdwn = "\n".join(mrkdwn_texts(blocks))
    assert "<!subteam" not in mrkdwn
    assert "&lt;!everyone&gt;" in mrkdwn  # still shown, as text
    assert "&amp; pay" in mrkdwn


def test_4_our_own_mentions_and_hubspot_links_still_work():
    url = "https://app.hubspot.com/contacts/42/record/0-3/9"
    reply = Reply(parts=[Section(f"<@U0DANA> owns <{url}|Acme & Co>"), Fields([("Deal", f"<{url}|Acme>")])])
    dumped = json.dumps(reply_to_blocks(reply))
    assert "<@U0DANA>" in dumped and f"<{url}|Acme &amp; Co>" in dumped and f"<{url}|Acme>" in dumped


def test_4_llm_output_in_a_public_mention_cannot_ping_the_channel(sqlite_engine):
    def model_says(question, **kwargs):
        reply = Reply(parts=[Header("Answer"), Section("Sure! <!channel> look at <https://evil.example|HubSpot>")])
        reply.add(Context(["<!here>"]))
        return SimpleNamespace(reply=reply, intent="llm", tool_calls=[], data={})

    with running(sqlite_engine, answer=model_says) as slack:
        event = {"type": "app_mention", "channel": "C0SALES", "user": DANA, "text": "<@UBOT> hi", "ts": "1.1"}
        assert slack.event(event)[0] == 200
        [update] = slack.fake.wait_for("chat.update")
        assert untrusted_markup(update.args["blocks"], update.args["text"]) == []


# --- 5. lead buttons check no identity -----------------------------------------------------------------------------


def test_5_a_stranger_cannot_disqualify_and_an_ae_cannot_take_anothers_lead(stack_lite):
    stack = stack_lite
    lead_id = post_lead(stack, LEAD)[1]["lead_id"]
    stack.fake.wait_for("chat.postMessage")
    assert click(stack, "lead_disqualify", lead_id, "U0STRANGER") == 200  # unknown to Slack and to the CRM
    [told] = stack.fake.wait_for("response_url")
    assert lead_row(stack.engine, lead_id).status == "new" and "Nothing was changed" in json.dumps(told.args)

    with Session(stack.engine) as s:  # Omar becomes a CRM owner too
        s.add(Owner(name="Omar", email="omar@unknown.example"))
        s.commit()
    assert click(stack, "lead_assign", lead_id, DANA) == 200
    stack.fake.wait_for("response_url", 2)
    dana_owner = lead_row(stack.engine, lead_id).owner_id
    assert click(stack, "lead_assign", lead_id, OMAR) == 200  # Omar tries to take Dana's lead
    stack.fake.wait_for("response_url", 3)
    assert lead_row(stack.engine, lead_id).owner_id == dana_owner
    assert "already assigned" in json.dumps(stack.fake.calls_to("response_url")[2].args)
    assert click(stack, "lead_disqualify", lead_id, OMAR) == 200  # nor disqualify it
    stack.fake.wait_for("response_url", 4)
    assert lead_row(stack.engine, lead_id).status == "assigned"


# --- 6. "Draft follow-ups" is not owner-checked --------------------------------------------------------------------


def test_6_only_the_calls_owner_can_draft_its_follow_ups(calls_slack):  # noqa: F811
    from bot.slack import calls_listeners
    from tests.fakes.slack_requests import block_action, post_signed
    from tests.test_calls_slack import SECRET as CALLS_SECRET

    fake, url, engine, ids = calls_slack
    _share(fake, url, "F1", "acme-discovery.vtt", "vtt", (DATA / "discovery_acme.vtt").read_bytes())
    wait_until(lambda: [c for c in fake.calls_to("chat.postMessage") if "Call scorecard" in _texts(c)])
    with Session(engine) as s:
        call_id = s.exec(select(Call.id)).one()
    body = block_action(
        calls_listeners.DRAFT_FOLLOWUPS_ACTION,
        str(call_id),
        user="U0OMAR",  # not the call's owner, not a manager
        channel="D0OMAR",
        message_ts="1.0",
        response_url=fake.response_url("act"),
    )
    assert post_signed(url, CALLS_SECRET, body)[0] == 200
    [told] = fake.wait_for("chat.postEphemeral")
    assert told.args["user"] == "U0OMAR" and "Only the call's owner" in told.args["text"]
    with Session(engine) as s:
        assert s.exec(select(Draft)).all() == []
    assert not [c for c in fake.calls_to("chat.postMessage") if "draft_approve" in _texts(c)]


# --- 7. a digest claim left `running` by a dead process; one team's failure stops the others ------------------------


def test_7_a_dead_processs_digest_claim_is_taken_over_after_its_lease(sqlite_engine, tmp_path):
    from bot.slack.posting import SlackPoster
    from jobs.weekly_digest import digest_slot, run_weekly_digest

    build_world(sqlite_engine)
    settings = Settings(slack_bot_token="xoxb-test", digest_channel="C0DIGEST")
    slot = digest_slot("east", NOW, settings)
    with sqlite_engine.begin() as conn:  # a replica claimed east an hour ago, then was killed (no heartbeat since)
        conn.execute(
            insert(JobClaim).values(
                job="weekly_digest",
                slot=slot,
                claimed_by="dead:1",
                claimed_at=utcnow() - timedelta(hours=1),
                status="running",
            )
        )
    with FakeSlackAPI() as fake:
        poster = SlackPoster(WebClient(token="xoxb-test", base_url=fake.api_url))
        posts = run_weekly_digest(sqlite_engine, settings, poster, now=NOW, replica="r1", chart_dir=tmp_path)
    assert sorted(p.slot for p in posts) == [slot, digest_slot("west", NOW, settings)]
    assert get_claim(sqlite_engine, "weekly_digest", slot).status == "done"


def test_7_one_teams_digest_failure_does_not_stop_the_others(sqlite_engine, tmp_path):
    from bot.slack.posting import SlackPoster
    from jobs.weekly_digest import digest_slot, run_weekly_digest

    build_world(sqlite_engine)
    settings = Settings(slack_bot_token="xoxb-test", digest_channel="C0DIGEST")
    with FakeSlackAPI() as fake:
        real = SlackPoster(WebClient(token="xoxb-test", base_url=fake.api_url))

        class EastFails:
            def post(self, channel, reply):
                if "· east" in json.dumps([str(p) for p in reply.parts], ensure_ascii=False):
                    raise RuntimeError("Slack said no")
                return real.post(channel, reply)

            def upload(self, *args, **kwargs):
                return real.upload(*args, **kwargs)

        with pytest.raises(RuntimeError, match="east"):
            run_weekly_digest(sqlite_engine, settings, EastFails(), now=NOW, replica="r1", chart_dir=tmp_path)
        headers = [b["text"]["text"] for c in fake.calls_to("chat.postMessage") for b in c.args["blocks"][:1]]
    assert headers == ["Weekly digest 2026-W48 · west"]
    assert get_claim(sqlite_engine, "weekly_digest", digest_slot("east", NOW, settings)).status == "failed"
    assert get_claim(sqlite_engine, "weekly_digest", digest_slot("west", NOW, settings)).status == "done"


# --- 8. raw database errors posted in the draft's thread -----------------------------------------------------------


def test_8_a_database_error_reaches_users_as_an_incident_id_not_sql(sqlite_engine):
    from sqlalchemy.exc import OperationalError

    from bot.slack.approvals import APPROVE_ACTION

    def broken_store(draft):
        raise OperationalError("INSERT INTO engagement (secret_column) VALUES (?)", {"x": 1}, Exception("disk I/O"))

    with running(sqlite_engine, writer=broken_store) as slack:
        draft_id = slack.new_draft()
        from bot.slack.approvals import post_draft

        posted = post_draft(slack.engine, WebClient(token="x", base_url=slack.fake.api_url), draft_id)
        slack.click(APPROVE_ACTION, draft_id, user=DANA, channel=posted.channel, ts=posted.ts[0])
        [thread] = wait_until(
            lambda: [c for c in slack.fake.calls_to("chat.postMessage") if c.args.get("thread_ts") == posted.ts[0]]
        )
    said = thread.args["text"]
    assert "incident" in said and "INSERT" not in said and "secret_column" not in said
    with Session(sqlite_engine) as s:
        stored = s.get(Draft, draft_id).result
    assert "INSERT" not in json.dumps(stored) and stored["incident"] in said


# --- 9 and 10. /intake: NUL bytes, server-owned fields -------------------------------------------------------------


def _intake(engine, data: dict, *, now: float | None = None):
    from bot.slack.intake import handle_intake
    from bot.slack.intake import signed_headers as intake_headers

    settings = Settings(intake_secret="s3")
    body = json.dumps(data).encode()
    status, _, out = handle_intake("POST", intake_headers("s3", body), body, engine=engine, settings=settings)
    return status, json.loads(out)


def test_9_nul_bytes_in_a_form_field_get_422_naming_the_field(engine):
    status, answer = _intake(engine, dict(LEAD, notes="hello\x00world"))
    assert status == 422 and [e["field"] for e in answer["fields"]] == ["notes"]
    with Session(engine) as s:
        assert s.exec(select(InboundLead)).all() == []


def test_10_the_form_cannot_set_hubspot_id_or_submitted_at(engine):
    with Session(engine) as s:  # someone else's lead, synced from HubSpot
        s.add(
            InboundLead(
                company_name="Other",
                contact_email="other@other.io",
                dedupe_key="k-other",
                hubspot_id="555",
                source="hubspot",
                status="new",
                submitted_at=utcnow(),
            )
        )
        s.commit()
    status, answer = _intake(engine, dict(LEAD, hubspot_id="555", submitted_at="0001-01-01T00:00:00Z"))
    assert status == 201, answer  # a new lead, not a "duplicate" of contact 555
    with Session(engine) as s:
        row = s.get(InboundLead, answer["lead_id"])
    assert row.hubspot_id is None
    assert abs((row.submitted_at - utcnow()).total_seconds()) < 600  # the server's clock, not year 1


def test_10_an_out_of_range_date_from_a_hubspot_contact_is_refused():
    from pydantic import ValidationError

    from tools.leads.form import LeadIn

    with pytest.raises(ValidationError, match="submitted_at"):
        LeadIn.model_validate(dict(LEAD, submitted_at="0001-01-01T00:00:00Z"))


# --- 11 and 12. malformed signed bodies, non-UTF-8 ------------------------------------------------------------------

MALFORMED = [
    (FORM, "payload=[]"),
    (FORM, "payload=null"),
    (JSON, "[]"),
    (JSON, "null"),
    (JSON, "42"),
    (JSON, "[" * 50_000 + "]" * 50_000),
    (JSON, json.dumps({"type": "event_callback", "event_id": "Ev1", "event": "not an object", "team_id": "T0SALESOS"})),
    (FORM, "payload=" + json.dumps({"type": "block_actions", "user": 5, "actions": "x"})),
]


def test_11_signed_but_malformed_bodies_get_200_so_slack_does_not_retry(sqlite_engine):
    with running(sqlite_engine) as slack:
        for content_type, body in MALFORMED:
            status, _, _ = slack.post(body, content_type)
            assert status == 200, body[:80]
        raw = b"payload=\xff\xfe\x00"  # signed, but not UTF-8
        ts = str(int(time.time()))
        import hashlib
        import hmac

        signature = "v0=" + hmac.new(SECRET.encode(), f"v0:{ts}:".encode() + raw, hashlib.sha256).hexdigest()
        headers = {"Content-Type": FORM, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}
        assert post_raw(slack.url, raw, headers)[0] == 200


def test_12_a_non_utf8_body_with_a_bad_signature_gets_401(sqlite_engine):
    with running(sqlite_engine) as slack:
        headers = {
            "Content-Type": FORM,
            "X-Slack-Request-Timestamp": str(int(time.time())),
            "X-Slack-Signature": "v0=00",
        }
        status, _, text = post_raw(slack.url, b"command=\xff\xfe", headers)
    assert status == 401 and "Traceback" not in text


# --- 13. the payload's workspace is not checked --------------------------------------------------------------------


def test_13_a_payload_from_another_workspace_is_not_acted_on(sqlite_engine):
    with running(sqlite_engine) as slack:
        deps_settings = slack.settings.model_copy(update={"slack_team_id": "T0OURS"})
        from bot.slack.server import build_http_server
        from bot.slack.slack_app import create_app

        app, deps = create_app(deps_settings, sqlite_engine, client=WebClient(token="x", base_url=slack.fake.api_url))
        other = build_http_server(app, deps, signing_secret=SECRET, host="127.0.0.1", port=0)
        other.start_background()
        try:
            url = other.url + "/slack/events"
            body = slash_command("deals", user=DANA, response_url=slack.fake.response_url("x"))  # team T0SALESOS
            status, _, _ = post_raw(url, body, signed_headers(SECRET, body))
            event = event_callback(
                {"type": "message", "channel_type": "im", "channel": "D1", "user": DANA, "text": "hi"}
            )
            status_event, _, _ = post_raw(url, event, signed_headers(SECRET, event, content_type=JSON))
            time.sleep(1.0)
        finally:
            other.shutdown()
            other.server_close()
        assert (status, status_event) == (200, 200)  # acknowledged, so Slack does not retry...
        assert slack.fake.calls_to("response_url") == [] and slack.fake.calls_to("chat.postMessage") == []  # ...ignored


# --- 14. a captured slash command replays --------------------------------------------------------------------------


def test_14_a_replayed_slash_command_is_refused(engine):
    """The replay test: the same signed request twice within the 5-minute window runs once."""
    with running(engine) as slack:
        body = slash_command("deals", user=DANA, response_url=slack.fake.response_url("once"))
        headers = signed_headers(SECRET, body)
        first = post_raw(slack.url, body, headers)[0]
        second = post_raw(slack.url, body, headers)[0]
        event = event_callback({"type": "reaction_added", "user": DANA, "reaction": "thumbsup", "item": {}})
        event_headers = signed_headers(SECRET, event, content_type=JSON)
        event_first, event_second = (
            post_raw(slack.url, event, event_headers)[0],
            post_raw(slack.url, event, event_headers)[0],
        )
        retry = {**event_headers, "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        event_retry = post_raw(slack.url, event, retry)[0]  # Slack's own retry: de-duplicated by event id instead
        slack.fake.wait_for("response_url")
        time.sleep(0.5)
        assert (first, second) == (200, 401)
        assert (event_first, event_second, event_retry) == (200, 401, 200)
        assert len(slack.fake.calls_to("response_url")) == 1


# --- 15. serve dies when Slack is unreachable at start --------------------------------------------------------------


def test_15_serving_starts_when_slack_is_unreachable_and_healthz_says_not_ready(sqlite_engine, caplog):
    import socket

    from bot.slack.server import build_runner

    with socket.socket() as s:  # a port nobody listens on: Slack is down
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/api/"
    settings = Settings(slack_bot_token="xoxb-t", slack_signing_secret="s", slack_api_url=dead)
    _mode, _app, server = build_runner(settings, sqlite_engine, host="127.0.0.1", port=0)  # must not raise
    server.server_close()
    from bot.slack.deps import Readiness
    from bot.slack.server import build_serving, wait_for_slack

    readiness, stop = Readiness(), threading.Event()
    serving = build_serving(settings, sqlite_engine, host="127.0.0.1", port=0, readiness=readiness)
    serving.runner.start_background()
    try:
        wait_for_slack(serving.app.client, readiness, first_delay=0.05, stop=stop)
        wait_until(lambda: "unreachable" in readiness.reason)
        import urllib.error
        import urllib.request

        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(serving.runner.url + "/healthz", timeout=5)
        assert err.value.code == 503 and json.loads(err.value.read())["ready"] is False
    finally:
        stop.set()
        serving.runner.shutdown()
        serving.runner.server_close()
    told = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(told) == 1 and told[0].exc_info is None  # one line, no traceback
