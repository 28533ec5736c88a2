"""The stored deal health: a trivially correct cache of the live assessment, rewritten only where its basis moved.

"At risk" is always assessed live; the `deal_health` job stores each open deal's assessment for what reads it outside a
question (HubSpot's deal properties). Each stored row must be exactly the live assessment of its deal at the row's own
`assessed_at`, and every row's score and broken rules must be the live ones at the last run (SQLite and PostgreSQL).
"""

import random
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from settings import Settings
from store.models import Deal, DealContact, DealHealthScore, Engagement, is_buyer_engagement
from tests.jobs_world import NOW, add_contact, build_world
from tools.health import Thresholds, assess_deals, at_risk_deals
from tools.health_snapshot import refresh_snapshot

NY = ZoneInfo("America/New_York")


@pytest.fixture
def settings(tmp_path) -> Settings:
    # a low alert score so the small world has several at-risk deals to order
    return Settings(chroma_path=tmp_path / "chroma", team_timezone="America/New_York", risk_alert_score=20)


def live(engine, settings, now=NOW, **kw):
    with Session(engine) as s:
        return at_risk_deals(
            s, now=now, thresholds=Thresholds.from_settings(settings), tz=NY, min_score=settings.risk_alert_score, **kw
        )


def stored_rows(engine) -> dict[int, DealHealthScore]:
    with Session(engine) as s:
        return {r.deal_id: r for r in s.exec(select(DealHealthScore)).all()}


def as_stored(h) -> tuple:
    reasons = [
        {"code": r.code, "label": r.label, "points": r.points, "evidence": r.evidence, "action": r.action}
        for r in h.reasons
    ]
    return (h.owner_id, h.company_id, h.score, h.amount, reasons)


def assert_stored_agrees_with_live(engine, settings, run_at) -> None:
    """Every stored row is the live assessment at its own instant; scores and reasons are the live ones at `run_at`."""
    thresholds = Thresholds.from_settings(settings)
    rows = stored_rows(engine)
    with Session(engine) as s:
        now_live = {h.deal_id: h for h in assess_deals(s, now=run_at, thresholds=thresholds, tz=NY)}
        assert set(rows) == set(now_live), "exactly the open deals are stored"
        for deal_id, row in rows.items():
            then = assess_deals(s, now=row.assessed_at, thresholds=thresholds, tz=NY, deal_ids=[deal_id])
            assert (row.owner_id, row.company_id, row.score, row.amount, row.reasons) == as_stored(then[0])
            current = now_live[deal_id]
            assert row.score == current.score
            assert [r["code"] for r in row.reasons or []] == current.reason_codes


def reply(engine, deal_id, at) -> None:
    with Session(engine) as s:  # the buyer replies: a new engagement row, as a sync or a local write adds it
        s.add(
            Engagement(
                type="email",
                direction="inbound",
                deal_id=deal_id,
                occurred_at=at,
                buyer_engaged=is_buyer_engagement("email", "inbound", None),
            )
        )
        s.commit()


def test_the_stored_rows_are_the_live_assessment(engine, settings):
    build_world(engine)
    report = refresh_snapshot(engine, settings, now=NOW)
    assert report.deals > 0 and report.at_risk > 0 and report.rewritten == report.deals
    assert_stored_agrees_with_live(engine, settings, NOW)
    # the live answer and the stored scores name the same deals at risk, riskiest first
    answer = live(engine, settings)
    rows = stored_rows(engine)
    at_risk = sorted(
        (r for r in rows.values() if r.score >= settings.risk_alert_score),
        key=lambda r: (-r.score, -(r.amount or 0), r.deal_id),
    )
    assert [d.deal.id for d in answer.deals] == [r.deal_id for r in at_risk] and answer.total == len(at_risk)


def test_a_reply_is_answered_live_at_once(engine, settings):
    build_world(engine)
    refresh_snapshot(engine, settings, now=NOW)
    before = live(engine, settings)
    silent = next(d for d in before.deals if any(r.code == "buyer_silent" for r in d.reasons))
    reply(engine, silent.deal.id, NOW - timedelta(hours=1))
    after = live(engine, settings)
    assert not after.from_snapshot
    still = [d for d in after.deals if d.deal.id == silent.deal.id]
    assert not still or all(r.code != "buyer_silent" for r in still[0].reasons)


def test_a_run_rewrites_only_what_moved(engine, settings):
    world = build_world(engine)
    add_contact(engine, next(iter(world.deals.values())))  # the store holds contacts: the buying-group rule is on
    first = refresh_snapshot(engine, settings, now=NOW)
    assert first.rewritten == first.deals
    # a minute later nothing moved: nothing is rewritten
    assert refresh_snapshot(engine, settings, now=NOW + timedelta(minutes=1)).rewritten == 0
    # a reply on one deal: that deal alone
    deal_id = next(iter(stored_rows(engine)))
    reply(engine, deal_id, NOW + timedelta(minutes=1))
    changed = refresh_snapshot(engine, settings, now=NOW + timedelta(minutes=2))
    assert changed.rewritten == 1
    assert stored_rows(engine)[deal_id].assessed_at == NOW + timedelta(minutes=2)
    assert_stored_agrees_with_live(engine, settings, NOW + timedelta(minutes=2))
    # a new champion on another deal (the buying group is an input too)
    other = next(d for d in stored_rows(engine) if d != deal_id)
    add_contact(engine, other, role="champion")
    assert refresh_snapshot(engine, settings, now=NOW + timedelta(minutes=3)).rewritten == 1
    # a deal that closes leaves the store
    with Session(engine) as s:
        deal = s.get(Deal, other)
        assert deal is not None
        deal.is_closed, deal.stage = True, "closedlost"
        s.add(deal)
        s.commit()
    closed = refresh_snapshot(engine, settings, now=NOW + timedelta(minutes=4))
    assert closed.rewritten == 1 and other not in stored_rows(engine)
    # other thresholds, or the next team-local day: every deal again (its dated evidence moves with the day)
    stricter = settings.model_copy(update={"silent_business_days": 3})
    assert refresh_snapshot(engine, stricter, now=NOW + timedelta(minutes=5)).rewritten == closed.deals
    tomorrow = NOW + timedelta(days=1)
    assert refresh_snapshot(engine, stricter, now=tomorrow).rewritten == closed.deals
    assert_stored_agrees_with_live(engine, stricter, tomorrow)


@pytest.mark.parametrize("seed", range(3))
def test_stored_and_live_agree_over_random_writes_and_runs(engine, settings, seed):
    """Property-style: random activity, buying-group changes and closed deals between runs at later instants."""
    rng = random.Random(seed)
    build_world(engine)
    at = NOW
    for _ in range(8):
        with Session(engine) as s:
            open_ids = list(s.exec(select(Deal.id).where(Deal.is_closed == False)).all())  # noqa: E712
            for _ in range(rng.randint(0, 4)):
                deal_id = rng.choice(open_ids)
                kind, direction, status = rng.choice(
                    [("email", "inbound", None), ("email", "outbound", None), ("meeting", None, "completed"),
                     ("meeting", None, "scheduled"), ("task", None, "open")]
                )  # fmt: skip
                when = at + timedelta(days=rng.uniform(-40, 10 if status in ("scheduled", "open") else 0))
                s.add(
                    Engagement(
                        type=kind,
                        direction=direction,
                        status=status,
                        deal_id=deal_id,
                        occurred_at=when,
                        due_at=at + timedelta(days=rng.randint(-3, 3)) if kind == "task" else None,
                        buyer_engaged=is_buyer_engagement(kind, direction, status),
                    )
                )
            if rng.random() < 0.3:
                link = s.exec(select(DealContact)).first()
                if link is not None:
                    s.delete(link)
            if rng.random() < 0.2 and len(open_ids) > 1:
                deal = s.get(Deal, rng.choice(open_ids))
                assert deal is not None
                deal.is_closed, deal.stage = True, "closedlost"
                s.add(deal)
            s.commit()
        at += timedelta(hours=rng.choice([0.01, 1, 7, 30]))
        refresh_snapshot(engine, settings, now=at)
        assert_stored_agrees_with_live(engine, settings, at)


def test_one_replica_assesses_per_minute(engine, settings):
    from jobs.claims import claim
    from jobs.scheduler import run_job

    build_world(engine)
    assert run_job("deal_health", engine, settings, now=NOW, replica="a").startswith("assessed ")
    at = NOW + timedelta(minutes=1)
    assert run_job("deal_health", engine, settings, now=at, replica="a").startswith("assessed ")
    assert not claim(engine, "deal_health", "health:" + f"{at:%Y-%m-%dT%H:%M}Z", "b")


def test_concurrent_refreshes_leave_rows_that_agree_with_live(engine, settings):
    """Two replicas refreshing at once (the job and a sync): writers take turns, and every row stays correct."""
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
    rows = stored_rows(engine)
    assert rows and {r.assessed_at for r in rows.values()} <= set(stamps)
    assert_stored_agrees_with_live(engine, settings, max(r.assessed_at for r in rows.values()))
