"""The digest job: posted with its chart through the real slack_sdk to the loopback fake, once per team and week,
also when two replica processes fire at the same moment."""

import multiprocessing as mp

import pytest
from slack_sdk import WebClient

from bot.slack.posting import SlackPoster
from jobs.claims import get_claim
from jobs.weekly_digest import digest_slot, run_weekly_digest
from settings import Settings
from tests.fakes.slack_api import FakeSlackAPI
from tests.jobs_world import NOW, build_world


def settings_for(slack: FakeSlackAPI) -> Settings:
    return Settings(slack_bot_token="xoxb-test", slack_api_url=slack.api_url, digest_channel="C0DIGEST")


def header_of(call) -> str:
    return next(b["text"]["text"] for b in call.args["blocks"] if b["type"] == "header")


def test_digest_job_posts_each_team_once_with_its_chart(sqlite_engine, tmp_path):
    build_world(sqlite_engine)
    with FakeSlackAPI() as slack:
        settings = settings_for(slack)
        poster = SlackPoster(WebClient(token="xoxb-test", base_url=slack.api_url))
        posts = run_weekly_digest(sqlite_engine, settings, poster, now=NOW, replica="r1", chart_dir=tmp_path)
        again = run_weekly_digest(sqlite_engine, settings, poster, now=NOW, replica="r2", chart_dir=tmp_path)
        messages = slack.calls_to("chat.postMessage")
        assert [p.slot for p in posts] == ["digest:east:2026-W48", "digest:west:2026-W48"] and again == []
        assert sorted(header_of(c) for c in messages) == [
            "Weekly digest 2026-W48 · east",
            "Weekly digest 2026-W48 · west",
        ]
        assert all(c.args["channel"] == "C0DIGEST" and len(c.args["blocks"]) <= 50 for c in messages)
        # files_upload_v2: URL, bytes, complete into the digest's thread
        assert len(slack.calls_to("files.getUploadURLExternal")) == 2
        assert all(u.args["bytes"] > 5_000 for u in slack.calls_to("file_upload"))
        completes = slack.calls_to("files.completeUploadExternal")
        assert sorted(c.args["thread_ts"] for c in completes) == sorted(p.ts for p in posts)
    assert get_claim(sqlite_engine, "weekly_digest", "digest:east:2026-W48").status == "done"


def test_slot_is_the_reported_iso_week():
    settings = Settings()
    assert digest_slot("east", NOW, settings) == "digest:east:2026-W48"
    assert digest_slot(None, NOW, settings) == "digest:all:2026-W48"


@pytest.mark.postgres
def test_two_replica_processes_post_exactly_one_digest_per_slot(postgres_engine):
    from tests.jobs_procs import replica_digest

    build_world(postgres_engine)
    url = postgres_engine.url.render_as_string(hide_password=False)
    ctx = mp.get_context("fork")
    with FakeSlackAPI() as slack:
        barrier, results = ctx.Barrier(2), ctx.Queue()
        procs = [
            ctx.Process(
                target=replica_digest, args=(url, slack.api_url, NOW.isoformat(), f"replica-{i}", barrier, results)
            )
            for i in range(2)
        ]
        for p in procs:
            p.start()
        outcomes = dict(results.get(timeout=120) for _ in procs)
        for p in procs:
            p.join(timeout=30)
            assert p.exitcode == 0
        messages = slack.calls_to("chat.postMessage")
        uploads = slack.calls_to("files.completeUploadExternal")
    # two teams → two slots; each posted by exactly one replica, whichever won its claim
    assert sorted(header_of(c) for c in messages) == ["Weekly digest 2026-W48 · east", "Weekly digest 2026-W48 · west"]
    assert len(uploads) == 2
    won = sorted(slot for slots in outcomes.values() for slot in slots)
    assert won == ["digest:east:2026-W48", "digest:west:2026-W48"]
    for slot in won:
        claim = get_claim(postgres_engine, "weekly_digest", slot)
        assert claim.status == "done" and slot in outcomes[claim.claimed_by]


@pytest.mark.postgres
def test_two_scheduler_processes_on_one_postgres_post_each_digest_once(postgres_engine):
    """Two replicas' real BackgroundSchedulers, both finding the digest due at start (on the real clock)."""
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from tests.jobs_procs import replica_scheduler
    from tests.schedules import not_due

    build_world(postgres_engine)
    local = datetime.now(UTC).astimezone(ZoneInfo("America/New_York"))
    overrides = not_due(local) | {
        "digest_channel": "C0DIGEST",
        "digest_schedule": (local - timedelta(minutes=1)).strftime("%a %H:%M"),  # due a minute ago: caught up at start
    }
    url = postgres_engine.url.render_as_string(hide_password=False)
    ctx = mp.get_context("fork")
    with FakeSlackAPI() as slack:
        barrier, results = ctx.Barrier(2), ctx.Queue()
        procs = [
            ctx.Process(target=replica_scheduler, args=(url, slack.api_url, overrides, f"serve-{i}", barrier, results))
            for i in range(2)
        ]
        for p in procs:
            p.start()
        assert sorted(results.get(timeout=120) for _ in procs) == [("serve-0", "stopped"), ("serve-1", "stopped")]
        for p in procs:
            p.join(timeout=30)
            assert p.exitcode == 0
        headers = sorted(header_of(c) for c in slack.calls_to("chat.postMessage"))
    assert len(headers) == 2 and headers[0].endswith("· east") and headers[1].endswith("· west")
