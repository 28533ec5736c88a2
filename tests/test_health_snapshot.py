"""The deal-health snapshot: served only while it says exactly what a live assessment would (SQLite and PostgreSQL)."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from settings import Settings
from store.models import DealHealthScore, Engagement, SyncCursor, is_buyer_engagement
from tests.jobs_world import NOW, build_world
from tools.health import Thresholds, at_risk_deals
from tools.health_snapshot import at_risk, max_age, refresh_snapshot

NY = ZoneInfo("America/New_York")


@pytest.fixture
def settings(tmp_path) -> Settings:
    # a low alert score so the small world has several at-risk deals to order
    return Settings(chroma_path=tmp_path / "chroma", team_timezone="America/New_York", risk_alert_score=20)


def ask(engine, settings, now=NOW, **kw):
    with Session(engine) as s:
        return at_risk(
            s,
            now=now,
            thresholds=Thresholds.from_settings(settings),
            tz=NY,
            min_score=settings.risk_alert_score,
            max_age=max_age(settings),
            **kw,
        )


def live(engine, settings, now=NOW, **kw):
    with Session(engine) as s:
        return at_risk_deals(
            s, now=now, thresholds=Thresholds.from_settings(settings), tz=NY, min_score=settings.risk_alert_score, **kw
        )


def same_answer(a, b) -> bool:
    keep = {"assessed_at", "from_snapshot"}
    return a.model_dump(exclude=keep) == b.model_dump(exclude=keep)


def test_the_snapshot_answers_exactly_as_a_live_assessment(engine, settings):
    build_world(engine)
    report = refresh_snapshot(engine, settings, now=NOW)
    assert report.deals > 0 and report.at_risk > 0
    served = ask(engine, settings)
    assert served.from_snapshot and served.assessed_at == NOW
    assert same_answer(served, live(engine, settings)) and served.total > 0
    # filters read the same rows: one owner, one company
    owner = served.deals[0].deal.owner_id
    mine = ask(engine, settings, owner_ids=[owner])
    assert mine.from_snapshot and same_answer(mine, live(engine, settings, owner_ids=[owner]))
    assert all(r.deal.owner_id == owner for r in mine.deals)
    company = mine.deals[0].deal.company_id if mine.deals else served.deals[0].deal.company_id
    theirs = ask(engine, settings, company_id=company)
    assert theirs.from_snapshot and same_answer(theirs, live(engine, settings, company_id=company))
    # the list is cut at `limit`, the totals are not
    two = ask(engine, settings, limit=2)
    assert two.total == served.total and [d.deal.id for d in two.deals] == [d.deal.id for d in served.deals[:2]]


def test_new_activity_makes_the_snapshot_stale(engine, settings):
    build_world(engine)
    refresh_snapshot(engine, settings, now=NOW)
    before = ask(engine, settings)
    silent = next(d for d in before.deals if any(r.code == "buyer_silent" for r in d.reasons))
    with Session(engine) as s:  # the buyer replies: a new engagement row, as a sync or a local write adds it
        s.add(
            Engagement(
                type="email",
                direction="inbound",
                deal_id=silent.deal.id,
                occurred_at=NOW - timedelta(hours=1),
                buyer_engaged=is_buyer_engagement("email", "inbound", None),
            )
        )
        s.commit()
    after = ask(engine, settings)
    assert not after.from_snapshot, "a reply since the assessment must not be answered from the old scores"
    assert same_answer(after, live(engine, settings))
    still = [d for d in after.deals if d.deal.id == silent.deal.id]
    assert not still or all(r.code != "buyer_silent" for r in still[0].reasons)


def test_a_sync_page_makes_the_snapshot_stale(engine, settings):
    build_world(engine)
    refresh_snapshot(engine, settings, now=NOW)
    with Session(engine) as s:  # a sync that only updated rows in place still commits its cursor with each page
        s.add(SyncCursor(object_type="deals", updated_at=NOW + timedelta(seconds=1)))
        s.commit()
    assert not ask(engine, settings).from_snapshot


@pytest.mark.parametrize(
    ("later", "fresh"),
    [
        (timedelta(minutes=29), True),  # under twice the 15-minute interval
        (timedelta(minutes=31), False),  # older than that: rules comparing with "now" may have moved
        (timedelta(minutes=-1), False),  # asked for an instant before the assessment
    ],
)
def test_the_snapshot_is_served_only_while_young(engine, settings, later, fresh):
    build_world(engine)
    refresh_snapshot(engine, settings, now=NOW)
    answer = ask(engine, settings, now=NOW + later)
    assert answer.from_snapshot is fresh
    if not fresh:
        assert same_answer(answer, live(engine, settings, now=NOW + later))


def test_a_new_team_day_or_other_thresholds_make_it_stale(engine, settings):
    build_world(engine)
    evening = NOW.replace(hour=4, minute=50)  # 23:50 in New York the day before NOW's
    refresh_snapshot(engine, settings, now=evening)
    assert not ask(engine, settings, now=evening + timedelta(minutes=20)).from_snapshot  # 00:10 the next day
    refresh_snapshot(engine, settings, now=NOW)
    stricter = settings.model_copy(update={"silent_business_days": 3})
    assert not ask(engine, stricter).from_snapshot
    assert ask(engine, settings).from_snapshot


def test_zero_minutes_always_assesses_live(engine, settings):
    build_world(engine)
    refresh_snapshot(engine, settings, now=NOW)
    off = settings.model_copy(update={"deal_health_refresh_minutes": 0})
    assert not ask(engine, off).from_snapshot


def test_a_refresh_replaces_the_whole_snapshot(engine, settings):
    build_world(engine)
    refresh_snapshot(engine, settings, now=NOW - timedelta(minutes=10))
    refresh_snapshot(engine, settings, now=NOW)
    with Session(engine) as s:
        stamps = set(s.exec(select(DealHealthScore.assessed_at)).all())
    assert stamps == {NOW}
    assert ask(engine, settings).assessed_at == NOW


def test_the_copilot_says_when_the_scores_were_assessed(engine, settings):
    from bot.copilot.answer import answer
    from bot.copilot.reply import to_text

    build_world(engine)
    refresh_snapshot(engine, settings, now=NOW - timedelta(minutes=5))
    text = to_text(answer("which deals are at risk?", engine=engine, settings=settings, now=NOW).reply)
    assert "Scores assessed 08:55 EST" in text


def test_the_deal_health_job_reassesses_on_change_or_age_only(engine, settings):
    """Checked every minute: it assesses when there is no snapshot, when the data changed, or every 15 minutes."""
    from jobs.scheduler import run_job

    build_world(engine)
    first = run_job("deal_health", engine, settings, now=NOW, replica="a")
    assert first.startswith("no snapshot yet: assessed ") and ask(engine, settings).from_snapshot
    # a minute later, nothing changed: one signature query, no assessment
    current = run_job("deal_health", engine, settings, now=NOW + timedelta(minutes=1))
    assert current.startswith("the snapshot is current; win scores current")
    # a reply arrives (a sync or an approved write-back adds it): the next check re-assesses
    with Session(engine) as s:
        deal_id = s.exec(select(DealHealthScore.deal_id)).first()
        s.add(
            Engagement(
                type="email",
                direction="inbound",
                deal_id=deal_id,
                occurred_at=NOW + timedelta(minutes=1),
                buyer_engaged=True,
            )
        )
        s.commit()
    assert not ask(engine, settings, now=NOW + timedelta(minutes=2)).from_snapshot
    changed = run_job("deal_health", engine, settings, now=NOW + timedelta(minutes=2), replica="b")
    assert changed.startswith("the CRM data changed: assessed ")
    assert ask(engine, settings, now=NOW + timedelta(minutes=3)).assessed_at == NOW + timedelta(minutes=2)
    # another replica checking in the same minute finds it current; 15 minutes on, the clock alone re-assesses
    assert run_job("deal_health", engine, settings, now=NOW + timedelta(minutes=2, seconds=30)).startswith(
        "the snapshot is current; win scores current"
    )
    aged = run_job("deal_health", engine, settings, now=NOW + timedelta(minutes=17))
    assert aged.startswith("15 minutes old: assessed ")


def test_one_replica_assesses_per_minute(engine, settings):
    from jobs.scheduler import run_job

    build_world(engine)
    run_job("deal_health", engine, settings, now=NOW, replica="a")
    with Session(engine) as s:  # the data changes, and two replicas check within the same minute
        s.add(SyncCursor(object_type="deals", updated_at=NOW + timedelta(seconds=5)))
        s.commit()
    at = NOW + timedelta(minutes=1)
    assert run_job("deal_health", engine, settings, now=at, replica="a").startswith("the CRM data changed")
    # b read the signature before a's snapshot landed? it would then lose the minute's claim instead of assessing twice
    from jobs.claims import claim

    assert not claim(engine, "deal_health", "health:" + f"{at:%Y-%m-%dT%H:%M}Z", "b")


def test_concurrent_refreshes_leave_one_whole_snapshot(engine, settings):
    """Two replicas refreshing at once (the job and a sync): writers take turns, readers always see one snapshot."""
    import threading

    build_world(engine)
    errors: list[BaseException] = []
    stamps = [NOW - timedelta(minutes=2), NOW - timedelta(minutes=1)]

    def refresh(at):
        try:
            for _ in range(3):
                refresh_snapshot(engine, settings, now=at)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=refresh, args=(at,)) for at in stamps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Session(engine) as s:
        rows = s.exec(select(DealHealthScore.assessed_at)).all()
    assert len(set(rows)) == 1 and rows[0] in stamps
    answer = ask(engine, settings)
    assert answer.from_snapshot and answer.assessed_at == rows[0]
