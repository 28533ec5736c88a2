"""Durable `file_shared` work repeats nothing: one call per shared transcript, one message per kind per work item.

1. The same transcript stored at once by several workers is one `Call` row (a unique share key arbitrates, on SQLite
   and PostgreSQL), and the same file shared several times at once into a DM is one scorecard.
2. A work item resumed after a crash (run again, as the sweeper runs it) posts none of its warnings twice.

The real store, the real Bolt app and work sweeper, the fake Slack Web API at the wire.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace

import pytest
from slack_sdk import WebClient
from sqlalchemy import text
from sqlmodel import Session, func, select

from bot.slack import calls_listeners
from bot.slack.slack_app import create_app
from bot.slack.work import WorkSweeper
from settings import Settings
from store.models import Call
from store.types import utcnow
from store.work import count_by_status
from tests.calls_fixture import CALL_AT, seed_acme
from tests.fakes.slack_api import SlackUserRecord
from tests.fakes.slack_requests import JSON, event_callback, post_signed
from tests.test_calls_slack import DANA, DATA, SECRET, FilesFakeSlack, _texts, slack  # noqa: F401 - the fixture

WORKERS = 6


def wait_until(check, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def _calls(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Call)).one()


def test_concurrent_stores_of_one_transcript_keep_one_call(engine) -> None:
    from tools.calls.analyze import analyze_text

    seed_acme(engine)
    content = (DATA / "discovery_acme.vtt").read_text(encoding="utf-8")
    analysis = analyze_text(content, filename="acme.vtt", engine=engine, settings=Settings(), started_at=CALL_AT)
    deps = SimpleNamespace(engine=engine)
    barrier = threading.Barrier(WORKERS)
    ids: list[int] = []
    errors: list[BaseException] = []

    def store() -> None:
        barrier.wait()
        try:
            ids.append(calls_listeners.store_shared_call(deps, analysis, content, started_at=CALL_AT))
        except BaseException as exc:  # a lost race must not surface as an error either
            errors.append(exc)

    threads = [threading.Thread(target=store) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(ids) == WORKERS and len(set(ids)) == 1  # every worker got the one call
    assert _calls(engine) == 1
    # the same text from another owner is another call (each AE owns their follow-ups)
    other = replace(analysis, context=replace(analysis.context, owner_id=None))
    assert calls_listeners.store_shared_call(deps, other, content, started_at=CALL_AT) != ids[0]
    assert _calls(engine) == 2


def test_one_file_shared_five_times_at_once_is_one_call_and_one_scorecard(slack) -> None:  # noqa: F811
    fake, url, engine, _ = slack
    fake.files["F9"] = ("acme.vtt", "vtt", (DATA / "discovery_acme.vtt").read_bytes())
    event = {"type": "file_shared", "file_id": "F9", "user_id": DANA, "channel_id": "D0DANA", "file": {"id": "F9"}}
    statuses: list[int] = []
    barrier = threading.Barrier(5)

    def share(i: int) -> None:  # five deliveries of the same share, each with its own event id
        barrier.wait()
        body = event_callback({**event, "event_ts": f"1.{i}"}, event_id=f"EvSAME{i}")
        statuses.append(post_signed(url, SECRET, body, content_type=JSON)[0])

    threads = [threading.Thread(target=share, args=(i,)) for i in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert statuses == [200] * 5
    # every acknowledged piece of work has finished (none queued or running)
    wait_until(lambda: (s := count_by_status(engine)) and set(s) == {"done"})
    cards = [c for c in fake.calls_to("chat.postMessage") if "Call scorecard" in _texts(c)]
    assert len(cards) == 1 and cards[0].args["channel"] == "D0DANA"
    assert _calls(engine) == 1


@pytest.fixture
def durable(engine):
    """The Bolt app's deps with the calls listeners on `engine`, and the files fake; no HTTP needed."""
    seed_acme(engine)
    fake = FilesFakeSlack(users=[SlackUserRecord(id=DANA, email="dana@example.com", name="Dana Reyes")]).start()
    settings = Settings(slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url=fake.api_url)
    client = WebClient(token="xoxb-test", base_url=fake.api_url)
    _, deps = create_app(
        settings, engine, client=client, registrars=[calls_listeners.register], token_verification=False
    )
    try:
        yield fake, deps, client, engine
    finally:
        fake.stop()


def _crash_and_resume(deps, client, engine, work_id: int, *, forget_ts: bool = False):
    """Leave the row as a process killed mid-run leaves it (running, lease expired), then let a sweeper resume it."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE slackwork SET status = 'running', claimed_by = 'dead-worker', lease_until = :past, "
                "finished_at = NULL WHERE id = :id"
            ),
            {"past": utcnow() - timedelta(minutes=5), "id": work_id},
        )
        if forget_ts:  # died between chat.postMessage and storing its ts
            conn.execute(text("UPDATE slackworkmessage SET ts = NULL WHERE work_id = :id"), {"id": work_id})
    assert WorkSweeper(deps, client).sweep() == [work_id]
    wait_until(lambda: count_by_status(engine) == {"done": 1})


WARNINGS = {
    "not a transcript type": (("photo.png", "png", b"\x89PNG"), "doesn't look like one"),
    "too large to read": (("huge.txt", "text", b"x" * (calls_listeners.MAX_TRANSCRIPT_BYTES + 1)), "couldn't read"),
    "not parseable": (("broken.srt", "srt", (DATA / "bad_index.srt").read_bytes()), "not a transcript I can read"),
}


@pytest.mark.parametrize("case", list(WARNINGS))
@pytest.mark.parametrize("crash", ["after posting", "before storing the ts"])
def test_a_resumed_file_shared_posts_its_warning_once(durable, case: str, crash: str) -> None:
    fake, deps, client, engine = durable
    file, words = WARNINGS[case]
    fake.files["F7"] = file
    event = {"type": "file_shared", "file_id": "F7", "user_id": DANA, "channel_id": "D0DANA", "file": {"id": "F7"}}
    work_id = deps.submit(calls_listeners.FILE_SHARED_WORK, "event:EvWARN", event, client)
    wait_until(lambda: count_by_status(engine) == {"done": 1})
    assert len([c for c in fake.calls_to("chat.postMessage") if words in _texts(c)]) == 1

    _crash_and_resume(deps, client, engine, work_id, forget_ts=crash == "before storing the ts")
    warnings = [c for c in fake.calls_to("chat.postMessage") if words in _texts(c)]
    assert len(warnings) == 1, [_texts(c) for c in warnings]  # the resumed run did the work again, posted nothing


def test_a_resumed_file_shared_posts_a_warning_it_never_got_to_post(durable) -> None:
    """Died after recording "about to post" but before chat.postMessage: the resumed run posts it (once)."""
    fake, deps, client, engine = durable
    fake.files["F8"] = ("photo.png", "png", b"\x89PNG")
    event = {"type": "file_shared", "file_id": "F8", "user_id": DANA, "channel_id": "D0DANA", "file": {"id": "F8"}}
    work_id = deps.submit(calls_listeners.FILE_SHARED_WORK, "event:EvLOST", event, client)
    wait_until(lambda: count_by_status(engine) == {"done": 1})
    with fake._lock:  # as if that chat.postMessage never happened
        fake.history.clear()
        fake.calls.clear()
    with engine.begin() as conn:
        conn.execute(text("UPDATE slackworkmessage SET ts = NULL WHERE work_id = :id"), {"id": work_id})
    _crash_and_resume(deps, client, engine, work_id)
    posted = [c for c in fake.calls_to("chat.postMessage") if "doesn't look like one" in _texts(c)]
    assert len(posted) == 1


def test_a_resumed_file_shared_posts_its_scorecard_once(durable) -> None:
    fake, deps, client, engine = durable
    fake.files["F6"] = ("acme.vtt", "vtt", (DATA / "discovery_acme.vtt").read_bytes())
    event = {"type": "file_shared", "file_id": "F6", "user_id": DANA, "channel_id": "D0DANA", "file": {"id": "F6"}}
    work_id = deps.submit(calls_listeners.FILE_SHARED_WORK, "event:EvCARD", event, client)
    wait_until(lambda: count_by_status(engine) == {"done": 1})
    _crash_and_resume(deps, client, engine, work_id, forget_ts=True)
    cards = [c for c in fake.calls_to("chat.postMessage") if "Call scorecard" in _texts(c)]
    assert len(cards) == 1 and _calls(engine) == 1


def test_the_migration_keys_the_oldest_of_existing_duplicates_and_deletes_nothing(engine) -> None:
    """A store upgraded from before the key, holding the duplicates the race made: it upgrades, and new shares find
    the oldest; synced calls (with an engagement) get no key; no row is deleted (drafts point at them)."""
    from alembic import command
    from alembic.config import Config

    from store.db import MIGRATIONS_DIR, run_migrations
    from store.models import Engagement

    ids = seed_acme(engine)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    from alembic.script import ScriptDirectory

    ours = next(r for r in ScriptDirectory.from_config(cfg).walk_revisions() if "call_dedupe" in (r.path or ""))
    with engine.begin() as conn:  # back to the revision before this migration, wherever it is chained
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, str(ours.down_revision))
    content = (DATA / "discovery_acme.vtt").read_text(encoding="utf-8")
    insert = text(
        "INSERT INTO call (deal_id, owner_id, engagement_id, started_at, transcript, transcript_format) "
        "VALUES (:deal, :owner, :engagement, :at, :transcript, 'vtt')"
    )
    with Session(engine) as session:
        meeting = Engagement(hubspot_id="m1", type="meeting", occurred_at=CALL_AT, deal_id=ids["deal"])
        session.add(meeting)
        session.commit()
        meeting_id = meeting.id
    with engine.begin() as conn:
        for engagement in (meeting_id, None, None, None):  # a synced call first, then the race's three copies
            row = {"deal": ids["deal"], "owner": ids["dana"], "engagement": engagement, "at": CALL_AT}
            conn.execute(insert, {**row, "transcript": content})
        conn.execute(insert, {**row, "owner": ids["omar"], "transcript": content})  # another AE's share
    run_migrations(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, engagement_id, share_key FROM call ORDER BY id")).all()
    assert len(rows) == 5  # nothing deleted
    synced, oldest, *copies, omars = rows
    assert synced.share_key is None and oldest.share_key is not None and omars.share_key is not None
    assert [c.share_key for c in copies] == [None, None]
    from tools.calls.analyze import analyze_text

    analysis = analyze_text(content, filename="acme.vtt", engine=engine, settings=Settings(), started_at=CALL_AT)
    assert analysis.context.owner_id == ids["dana"]
    again = calls_listeners.store_shared_call(SimpleNamespace(engine=engine), analysis, content, started_at=CALL_AT)
    assert again == oldest.id and _calls(engine) == 5


def test_a_resumed_follow_ups_click_refuses_a_stranger_once(durable) -> None:
    """The refusal notice of a durable click is posted once, however many attempts run."""
    from store.calls import store_shared_call

    fake, deps, client, engine = durable
    with Session(engine) as session:
        from store.models import Owner

        dana = session.exec(select(Owner).where(Owner.email == "dana@example.com")).one()
    call_id = store_shared_call(
        engine,
        transcript="Dana Reyes: hello",
        transcript_format="speaker_lines",
        owner_id=dana.id,
        deal_id=None,
        company_id=None,
        started_at=CALL_AT,
        duration_seconds=60,
    )
    body = {
        "type": "block_actions",
        "user": {"id": "U0STRANGER"},
        "channel": {"id": "C0SALES"},
        "actions": [{"action_id": calls_listeners.DRAFT_FOLLOWUPS_ACTION, "value": str(call_id), "action_ts": "9.9"}],
    }
    work_id = deps.submit(calls_listeners.DRAFT_FOLLOWUPS_ACTION, "action:STRANGER", body, client)
    wait_until(lambda: count_by_status(engine) == {"done": 1})
    _crash_and_resume(deps, client, engine, work_id)
    refusals = [c for c in fake.calls_to("chat.postEphemeral") if "Only the call's owner" in str(c.args.get("text"))]
    assert len(refusals) == 1 and refusals[0].args["user"] == "U0STRANGER"
