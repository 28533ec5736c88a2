"""Deal health v1: each rule on a tiny hand-made deal, with the evidence it must quote."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from store.models import Deal, DealStageChange, Engagement, Owner, is_buyer_engagement
from tests.jobs_world import NOW, add_contact, build_world
from tools.health import PLAYBOOK, Thresholds, assess_deals, is_worse, won_stage_medians
from tools.parsing.dates import business_days_between

NY = ZoneInfo("America/New_York")


def assess(engine, now=NOW, **kw):
    with Session(engine) as s:
        return {h.deal_id: h for h in assess_deals(s, now=now, thresholds=Thresholds(**kw), tz=NY)}


def new_deal(engine, *, created=NOW - timedelta(days=3), amount=10_000.0, stage="qualifiedtobuy", **kw) -> int:
    with Session(engine) as s:
        owner = s.exec(select(Owner)).first() or Owner(name="Ann", email="ann@example.com")
        s.add(owner)
        s.flush()
        deal = Deal(name="D", stage=stage, amount=amount, owner_id=owner.id, created_at=created, **kw)
        s.add(deal)
        s.commit()
        return deal.id


def touch(engine, deal_id, at, kind="email", direction="inbound", status=None, contact_id=None):
    with Session(engine) as s:
        e = Engagement(
            type=kind,
            direction=direction,
            status=status,
            deal_id=deal_id,
            occurred_at=at,
            contact_id=contact_id,
            buyer_engaged=is_buyer_engagement(kind, direction, status),
        )
        s.add(e)
        s.commit()
        return e.id


def book_meeting(engine, deal_id):
    touch(engine, deal_id, NOW + timedelta(days=2), kind="meeting", direction=None, status="scheduled")


def codes(health):
    return set(health.reason_codes)


def test_business_days():
    fri, mon = date(2026, 11, 27), date(2026, 11, 30)
    assert business_days_between(fri, mon) == 1
    assert business_days_between(mon, mon + timedelta(days=7)) == 5
    assert business_days_between(mon, fri) == 0


def test_buyer_silence_counts_business_days(sqlite_engine):
    engine = sqlite_engine
    quiet = new_deal(engine, created=NOW - timedelta(days=30))
    engaged_id = touch(engine, quiet, datetime(2026, 11, 20, 15, tzinfo=UTC))  # Fri 20 Nov → Mon 30 Nov: 6 bdays
    recent = new_deal(engine, created=NOW - timedelta(days=30))
    touch(engine, recent, datetime(2026, 11, 23, 15, tzinfo=UTC))  # Mon 23 Nov: 5 business days → silent at 5
    weekend = new_deal(engine, created=NOW - timedelta(days=30))
    touch(engine, weekend, datetime(2026, 11, 24, 15, tzinfo=UTC))  # Tue: 4 business days although 6 calendar days
    for d in (quiet, recent, weekend):  # (created 30 days ago: also 30 days in the stage)
        book_meeting(engine, d)
    got = assess(engine)
    reason = got[quiet].reasons[0]
    assert reason.code == "buyer_silent" and reason.facts["business_days"] == 6 and reason.points == 22
    assert f"[engagement #{engaged_id}]" in reason.evidence and reason.records == {"engagement": [engaged_id]}
    assert reason.action == PLAYBOOK["buyer_silent"]
    assert "buyer_silent" in codes(got[recent]) and got[recent].reasons[0].points == 20
    assert codes(got[weekend]) == {"stage_age"}


def test_never_engaged_counts_from_creation(sqlite_engine):
    d = new_deal(sqlite_engine, created=datetime(2026, 11, 16, 15, tzinfo=UTC))  # Mon → Mon: 10 business days
    other = new_deal(sqlite_engine, created=datetime(2026, 11, 16, 15, tzinfo=UTC))
    touch(sqlite_engine, other, datetime(2026, 11, 27, 15, tzinfo=UTC))  # the store does record activity
    h = assess(sqlite_engine)[d]
    silent = next(r for r in h.reasons if r.code == "buyer_silent")
    assert silent.facts["business_days"] == 10 and "no buyer engagement yet" in silent.evidence


def test_stage_age_against_won_median(sqlite_engine):
    engine = sqlite_engine
    with Session(engine) as s:
        for days_in_stage in (5, 10, 40):  # won deals spent 5, 10 and 40 days in contract sent: median 10
            won = Deal(name="won", stage="closedwon", is_closed=True, is_won=True, created_at=NOW - timedelta(days=200))
            s.add(won)
            s.flush()
            entered = NOW - timedelta(days=100)
            s.add(DealStageChange(deal_id=won.id, to_stage="contractsent", changed_at=entered))
            s.add(
                DealStageChange(
                    deal_id=won.id,
                    from_stage="contractsent",
                    to_stage="closedwon",
                    changed_at=entered + timedelta(days=days_in_stage),
                )
            )
        s.commit()
        assert won_stage_medians(s)["contractsent"] == (10.0, 3)
    old = new_deal(engine, stage="contractsent", created=NOW - timedelta(days=60))
    young = new_deal(engine, stage="contractsent", created=NOW - timedelta(days=60))
    with Session(engine) as s:
        s.add(DealStageChange(deal_id=old, to_stage="contractsent", changed_at=NOW - timedelta(days=31)))
        s.add(DealStageChange(deal_id=young, to_stage="contractsent", changed_at=NOW - timedelta(days=29)))
        s.commit()
    for d in (old, young):
        touch(engine, d, NOW - timedelta(hours=1))
        book_meeting(engine, d)
    got = assess(engine)
    reason = got[old].reasons[0]
    assert reason.code == "stage_age" and reason.points == 15  # 31 days ≥ 30 and 3.1× the won median
    assert (
        "31 days in Contract sent" in reason.evidence and "median there: 10 days over 3 deals (3.1×)" in reason.evidence
    )
    assert "stage_age" not in codes(got[young])  # 29 days < 30


def test_single_threaded_and_champion_silent(sqlite_engine):
    engine = sqlite_engine
    big = new_deal(engine, amount=60_000)
    multi = new_deal(engine, amount=60_000)
    small = new_deal(engine, amount=50_000)  # "over $50k": exactly 50k is not
    champion = add_contact(engine, big, role="Champion")
    add_contact(engine, multi, role="champion")
    add_contact(engine, multi, role="economic buyer")
    touch(engine, big, NOW - timedelta(days=15), contact_id=champion)
    touch(engine, big, NOW - timedelta(hours=2))  # someone else replied today: not silent overall
    for d in (big, multi, small):
        touch(engine, d, NOW - timedelta(hours=2))
        book_meeting(engine, d)
    got = assess(engine)
    assert codes(got[big]) == {"single_threaded", "champion_silent"}
    champ = next(r for r in got[big].reasons if r.code == "champion_silent")
    assert champ.facts["days"] == 15 and champ.records == {"contact": [champion]}
    assert champ.evidence.startswith(f"champion Pat Buyer{big} silent for 15 days")  # named, not "contact #id"
    # multi's champion never engaged, and the deal is 3 days old: not yet 14 days
    assert codes(got[multi]) == set()
    assert codes(got[small]) == set()


def test_close_date_pushes_and_overdue(sqlite_engine):
    from store.models import CloseDateChange

    engine = sqlite_engine
    pushed = new_deal(engine, close_date=date(2026, 12, 20))
    once = new_deal(engine, close_date=date(2026, 12, 20))
    overdue = new_deal(engine, close_date=date(2026, 11, 29))
    with Session(engine) as s:
        for d, n in ((pushed, 2), (once, 1)):
            for i in range(n):
                s.add(
                    CloseDateChange(
                        deal_id=d,
                        old_date=date(2026, 11, 1 + i),
                        new_date=date(2026, 12, 1 + i),
                        changed_at=NOW - timedelta(days=10 - i),
                    )
                )
        # pulled in (earlier) is not a push
        s.add(
            CloseDateChange(
                deal_id=once, old_date=date(2027, 1, 1), new_date=date(2026, 12, 20), changed_at=NOW - timedelta(days=1)
            )
        )
        s.commit()
    for d in (pushed, once, overdue):
        touch(engine, d, NOW - timedelta(hours=2))
        book_meeting(engine, d)
    got = assess(engine)
    assert got[pushed].score == 15 and len(got[pushed].reasons[0].records["closedatechange"]) == 2
    assert got[once].score == 0
    assert got[overdue].score == 10 and "2026-11-29 has passed" in got[overdue].reasons[0].evidence


def test_reply_rate_and_meeting_cadence_drops(sqlite_engine):
    engine = sqlite_engine
    d = new_deal(engine, created=NOW - timedelta(days=20))  # young enough not to be stuck in its stage
    # emails: the 4 weeks before: 4 out, 3 in (75%); last 4 weeks: 4 out, 1 in (25%) → dropped by more than half
    for i in range(4):
        touch(engine, d, NOW - timedelta(days=40 + i), direction="outbound")
        touch(engine, d, NOW - timedelta(days=5 + i), direction="outbound")
    for i in range(3):
        touch(engine, d, NOW - timedelta(days=35 + i))
    touch(engine, d, NOW - timedelta(days=1))
    # meetings: 4 held in the 8 weeks before, none in the last 4
    for i in range(4):
        touch(engine, d, NOW - timedelta(days=30 + 7 * i), kind="meeting", direction=None, status="completed")
    book_meeting(engine, d)
    h = assess(engine)[d]
    assert codes(h) == {"reply_rate_drop", "meeting_cadence_drop"}
    reply = next(r for r in h.reasons if r.code == "reply_rate_drop")
    assert "25% of our emails in the last 4 weeks (1/4) vs 75% the 4 weeks before (3/4)" in reply.evidence


def test_no_next_step_unless_a_meeting_or_task_is_ahead(sqlite_engine):
    engine = sqlite_engine
    bare = new_deal(engine)
    tasked = new_deal(engine)
    touch(engine, bare, NOW - timedelta(hours=1))
    touch(engine, tasked, NOW - timedelta(hours=1))
    with Session(engine) as s:
        s.add(
            Engagement(
                type="task",
                status="open",
                deal_id=tasked,
                occurred_at=NOW - timedelta(days=1),
                due_at=NOW + timedelta(days=1),
            )
        )
        s.commit()
    got = assess(engine)
    assert codes(got[bare]) == {"no_next_step"} and codes(got[tasked]) == set()


def test_new_or_worse():
    from tools.health import DealHealth, RiskReason

    def h(score, *reason_codes):
        return DealHealth(
            1,
            "D",
            None,
            None,
            None,
            None,
            "x",
            None,
            None,
            score,
            [RiskReason(c, 10, "", "") for c in reason_codes],
            NOW,
        )

    assert is_worse(h(50, "buyer_silent"), None, None)
    assert not is_worse(h(52, "buyer_silent"), 50, ["buyer_silent"])  # a couple more silent days is not news
    assert is_worse(h(60, "buyer_silent"), 50, ["buyer_silent"])
    assert is_worse(h(50, "buyer_silent", "no_next_step"), 55, ["buyer_silent"])  # a new reason


@pytest.mark.parametrize("team", ["east"])
def test_world_assessment_on_both_backends(engine, team):
    world = build_world(engine)
    got = assess(engine)
    h = got[world.deals["acme_expansion"]]
    assert h.score == 85 and h.level == "high"
    assert [r.code for r in h.reasons] == [
        "buyer_silent",
        "close_date_slipped",
        "stage_age",
        "single_threaded",
        "no_next_step",
    ]
    assert got[world.deals["globex_backslide"]].score == 40
    assert got[world.deals["globex_platform"]].score == 0
    assert set(got) == {
        world.deals[k] for k in ("acme_expansion", "globex_platform", "globex_backslide", "umbrella_west")
    }


def test_a_store_without_any_activity_has_the_silence_rules_off(sqlite_engine):
    # A CSV import of deals only: "silent since creation" would be a claim about data the store does not have.
    d = new_deal(sqlite_engine, created=datetime(2026, 11, 16, 15, tzinfo=UTC))
    assert not {"buyer_silent", "no_next_step"} & codes(assess(sqlite_engine)[d])
    touch(sqlite_engine, new_deal(sqlite_engine, created=NOW - timedelta(days=1)), NOW - timedelta(hours=1))
    assert {"buyer_silent", "no_next_step"} <= codes(assess(sqlite_engine)[d])
