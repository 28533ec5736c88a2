"""The scheduler: team-timezone cron across DST changes, job options, restart catch-up, and a live background run."""

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.slack.posting import poster_from_settings
from jobs.claims import get_claim
from jobs.scheduler import (
    JOB_SPECS,
    build_scheduler,
    daily_trigger,
    list_jobs,
    missed_fire_time,
    monthly_trigger,
    parse_weekly,
    shutdown,
    start,
    weekly_trigger,
)
from jobs.weekly_digest import digest_slot
from settings import Settings
from tests.fakes.slack_api import FakeSlackAPI
from tests.jobs_world import build_world
from tests.schedules import not_due


def fire_times(trigger, start: datetime, n: int) -> list[datetime]:
    out, previous, now = [], None, start
    for _ in range(n):
        nxt = trigger.get_next_fire_time(previous, now)
        out.append(nxt)
        previous, now = nxt, nxt + timedelta(seconds=1)
    return out


@pytest.mark.parametrize(
    ("zone", "start", "expected_utc"),
    [
        # US: DST ends Sun 1 Nov 2026 and starts Sun 8 Mar 2026 → Monday 09:00 moves between 13:00 and 14:00 UTC
        ("America/New_York", datetime(2026, 10, 20, tzinfo=UTC), ["10-26 13:00", "11-02 14:00", "11-09 14:00"]),
        ("America/New_York", datetime(2026, 2, 24, tzinfo=UTC), ["03-02 14:00", "03-09 13:00", "03-16 13:00"]),
        # EU: DST ends Sun 25 Oct 2026 and starts Sun 29 Mar 2026 (a week before/after the US)
        ("Europe/Paris", datetime(2026, 10, 13, tzinfo=UTC), ["10-19 07:00", "10-26 08:00", "11-02 08:00"]),
        ("Europe/Paris", datetime(2026, 3, 17, tzinfo=UTC), ["03-23 08:00", "03-30 07:00", "04-06 07:00"]),
    ],
)
def test_monday_0900_digest_follows_the_team_clock_across_dst(zone, start, expected_utc):
    trigger = weekly_trigger("mon 09:00", ZoneInfo(zone))
    times = fire_times(trigger, start, 3)
    assert [t.astimezone(UTC).strftime("%m-%d %H:%M") for t in times] == expected_utc
    assert all(t.astimezone(ZoneInfo(zone)).strftime("%a %H:%M") == "Mon 09:00" for t in times)


def test_daily_alert_time_on_the_dst_change_day():
    trigger = daily_trigger("08:30", ZoneInfo("America/New_York"))
    times = fire_times(trigger, datetime(2026, 10, 31, 12, tzinfo=UTC), 3)
    assert [t.astimezone(UTC).strftime("%m-%d %H:%M") for t in times] == ["10-31 12:30", "11-01 13:30", "11-02 13:30"]


def test_schedule_parsing_is_strict():
    assert parse_weekly("Monday 9:05") == ("mon", 9, 5)
    for bad in ("mon", "someday 09:00", "mon 25:00", "mon 09:60"):
        with pytest.raises(ValueError):
            parse_weekly(bad)


def test_jobs_options_and_which_jobs_are_on(sqlite_engine):
    settings = Settings()
    scheduler = build_scheduler(settings, sqlite_engine, now=datetime(2026, 11, 25, 18, tzinfo=UTC))
    scheduler.start(paused=True)  # job defaults are applied when jobs reach the store
    jobs = {job.id: job for job in scheduler.get_jobs()}
    shutdown(scheduler)
    # no HubSpot token: no sync; deal health also runs once as the scheduler starts
    assert set(jobs) == {
        "precall_briefs",
        "risk_alerts",
        "weekly_digest",
        "library_refresh",
        "reactivation",
        "deal_health",
        "deal_health:at-start",
        "draft_recovery",
        "draft_recovery:at-start",
    }
    assert str(scheduler.timezone) == "America/New_York"
    for name, job in jobs.items():
        if name.endswith(":at-start"):
            continue
        assert job.coalesce is True and job.max_instances == 1
        assert job.misfire_grace_time == JOB_SPECS[name].misfire_grace_seconds
    assert jobs["weekly_digest"].misfire_grace_time == 6 * 3600
    with_hubspot = build_scheduler(Settings(hubspot_access_token="pat-x"), sqlite_engine)
    assert "hubspot_sync" in {job.id for job in with_hubspot.get_jobs()}
    no_snapshot = build_scheduler(Settings(deal_health_refresh_minutes=0), sqlite_engine)
    assert not {job.id for job in no_snapshot.get_jobs()} & {"deal_health", "deal_health:at-start"}


def test_restart_catches_up_a_missed_digest_within_its_grace(sqlite_engine):
    settings = Settings()
    monday_10 = datetime(2026, 11, 30, 15, tzinfo=UTC)  # 10:00 New York: the 09:00 digest was missed an hour ago
    trigger = weekly_trigger(settings.digest_schedule, settings.tz)
    assert missed_fire_time(trigger, monday_10, 6 * 3600) == datetime(2026, 11, 30, 9, tzinfo=settings.tz)
    ids = {job.id for job in build_scheduler(settings, sqlite_engine, now=monday_10).get_jobs()}
    assert {"weekly_digest:catch-up", "risk_alerts:catch-up"} <= ids  # risk alerts were due at 08:30
    monday_16 = monday_10 + timedelta(hours=6, minutes=1)  # past the 6 h grace: a person decides
    ids = {job.id for job in build_scheduler(settings, sqlite_engine, now=monday_16).get_jobs()}
    assert "weekly_digest:catch-up" not in ids


def test_monthly_schedule_takes_day_of_month_expressions_and_refuses_others():
    tz = ZoneInfo("America/New_York")
    after = datetime(2026, 12, 8, tzinfo=tz)
    assert fire_times(monthly_trigger("1st mon 09:30", tz), after, 2) == [
        datetime(2027, 1, 4, 9, 30, tzinfo=tz),
        datetime(2027, 2, 1, 9, 30, tzinfo=tz),
    ]
    last_friday = monthly_trigger("last fri 16:00", tz).get_next_fire_time(None, after)
    assert last_friday == datetime(2026, 12, 25, 16, tzinfo=tz)
    assert monthly_trigger("15 08:00", tz).get_next_fire_time(None, after) == datetime(2026, 12, 15, 8, tzinfo=tz)
    for bad in ("mon 09:30", "1st mon", "someday 09:30", "32 09:00", "1st mon 25:00"):
        with pytest.raises(ValueError, match="expected|hour 0-23"):
            monthly_trigger(bad, tz)


def test_reactivation_is_described_as_monthly_not_daily():
    jobs = {j.name: j for j in list_jobs(Settings(), now=datetime(2026, 12, 8, tzinfo=UTC))}
    assert jobs["reactivation"].schedule == "monthly 1st mon 09:30"
    assert jobs["reactivation"].next_run.isoformat() == "2027-01-04T09:30:00-05:00"


@pytest.mark.parametrize("hour", [0, 9, 15, 23])
def test_the_not_due_test_schedules_catch_up_nothing_on_any_day_of_the_year(hour):
    """The live-clock tests rely on `not_due`: it must hold whatever day and hour CI runs them."""
    tz = ZoneInfo("America/New_York")
    for day in range(366):
        local = datetime(2027, 1, 1, hour, 17, tzinfo=tz) + timedelta(days=day)
        settings = Settings(**not_due(local))
        now = local.astimezone(UTC)
        due = [
            spec.name
            for spec in JOB_SPECS.values()
            if spec.catch_up and missed_fire_time(spec.trigger(settings), now, spec.misfire_grace_seconds)
        ]
        assert due == [], (local, due)


def test_list_jobs_shows_next_runs_in_team_time():
    wednesday = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # 13:00 New York
    jobs = {j.name: j for j in list_jobs(Settings(), now=wednesday)}
    assert jobs["weekly_digest"].next_run.isoformat() == "2026-11-30T09:00:00-05:00"
    assert jobs["weekly_digest"].schedule == "mon 09:00"
    assert jobs["risk_alerts"].next_run.isoformat() == "2026-11-26T08:30:00-05:00"
    assert jobs["hubspot_sync"].enabled is False and jobs["hubspot_sync"].next_run is None
    assert jobs["precall_briefs"].schedule == "every 10 min"


def test_live_scheduler_runs_the_catch_up_in_its_thread_and_posts_once(sqlite_engine):
    """Start the real BackgroundScheduler with a digest that fell due a minute ago (on the real clock)."""
    build_world(sqlite_engine)
    tz = ZoneInfo("America/New_York")
    just_before = datetime.now(UTC).astimezone(tz) - timedelta(minutes=1)
    with FakeSlackAPI() as slack:
        settings = Settings(
            slack_bot_token="xoxb-test",
            slack_api_url=slack.api_url,
            digest_channel="C0DIGEST",
            **not_due(just_before) | {"digest_schedule": just_before.strftime("%a %H:%M")},  # only the digest is due
        )
        poster = poster_from_settings(settings)
        scheduler = build_scheduler(settings, sqlite_engine, poster=poster, replica="live")
        week = digest_slot("east", datetime.now(UTC), settings).split(":")[-1]
        assert "weekly_digest:catch-up" in {job.id for job in scheduler.get_jobs()}
        start(scheduler)
        try:
            slack.wait_for("files.completeUploadExternal", count=2, timeout=30)  # east and west, with charts
        finally:
            shutdown(scheduler)
        # a second start (a restart, or another replica) finds the slots claimed and posts nothing
        again = build_scheduler(settings, sqlite_engine, poster=poster, replica="live-2")
        start(again)
        try:
            deadline = time.monotonic() + 30
            while again.get_job("weekly_digest:catch-up") is not None and time.monotonic() < deadline:
                time.sleep(0.05)  # a date job leaves the store once submitted to the executor
        finally:
            shutdown(again)  # waits for the submitted run to finish
        claims = {
            c.claimed_by
            for c in [get_claim(sqlite_engine, "weekly_digest", f"digest:{t}:{week}") for t in ("east", "west")]
        }
        assert claims == {"live"}
        assert len(slack.calls_to("chat.postMessage")) == 2


def test_sync_job_claims_its_interval_and_runs_the_real_sync(sqlite_engine):
    from sqlalchemy import func, select
    from sqlmodel import Session

    from jobs.scheduler import run_job, sync_slot
    from store.models import Deal
    from tests.hubspot_fake import TOKEN, FakeHubSpot

    at = datetime(2026, 11, 25, 18, 7, 30, tzinfo=UTC)
    assert sync_slot(at, 10) == "sync:2026-11-25T18:00Z" == sync_slot(at + timedelta(minutes=2), 10)
    fake = FakeHubSpot()
    fake.seed(companies=5, contacts=5, deals=8, engagements_per_deal=1)
    fake.start()
    try:
        settings = Settings(hubspot_access_token=TOKEN, hubspot_api_url=fake.url)
        first = run_job("hubspot_sync", sqlite_engine, settings, now=at, replica="a")
        second = run_job("hubspot_sync", sqlite_engine, settings, now=at + timedelta(minutes=1), replica="b")
        later = run_job("hubspot_sync", sqlite_engine, settings, now=at + timedelta(minutes=10), replica="b")
    finally:
        fake.stop()
    assert first.startswith("synced ") and second == "skipped: another run owns this interval"
    assert later.startswith("synced ")
    with Session(sqlite_engine) as s:
        assert s.execute(select(func.count()).select_from(Deal)).scalar_one() == 8
    assert get_claim(sqlite_engine, "hubspot_sync", "sync:2026-11-25T18:00Z").claimed_by == "a"


def test_serve_starts_the_scheduler_unless_disabled(sqlite_engine):
    from slack_sdk import WebClient

    from app import start_scheduler

    with FakeSlackAPI() as slack:
        client = WebClient(token="xoxb-test", base_url=slack.api_url)
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
        scheduler = start_scheduler(settings, sqlite_engine, client)
        try:
            assert scheduler.running
            assert {"precall_briefs", "risk_alerts", "weekly_digest", "library_refresh"} <= {
                j.id for j in scheduler.get_jobs()
            }
        finally:
            shutdown(scheduler)
        assert start_scheduler(Settings(scheduler_enabled=False), sqlite_engine, client) is None
