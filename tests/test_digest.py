"""The digest on a hand-made book: every section's numbers and the ids behind them, worked out by hand."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from bot.copilot.reply import to_text
from jobs.render import digest_chart, digest_reply
from tests.jobs_world import NOW, build_world
from tools.digest import build_digest, iso_week, last_week, size_band
from tools.health import Thresholds

NY = ZoneInfo("America/New_York")


@pytest.fixture
def world(engine):
    return build_world(engine)


def digest(engine, team="east", now=NOW):
    with Session(engine) as s:
        return build_digest(s, now=now, tz=NY, thresholds=Thresholds(), risk_floor=50, team=team)


def test_last_week_is_the_team_calendar_week_before():
    monday, start, end = last_week(NOW, NY)
    assert monday == date(2026, 11, 23) and iso_week(monday) == "2026-W48"
    assert start == datetime(2026, 11, 23, 5, tzinfo=UTC)  # midnight in New York
    assert end == datetime(2026, 11, 30, 5, tzinfo=UTC)
    # Sunday 23:30 in New York is already Monday in UTC, but still the same team week
    sunday_night = datetime(2026, 11, 30, 4, 30, tzinfo=UTC)
    assert last_week(sunday_night, NY)[0] == date(2026, 11, 16)


def test_size_bands():
    assert [size_band(n) for n in (None, 1, 49, 50, 199, 200, 999, 1000)] == [
        "unknown",
        "1-49",
        "1-49",
        "50-199",
        "50-199",
        "200-999",
        "200-999",
        "1000+",
    ]


def test_digest_sections_match_the_hand_made_book(engine, world):
    d = digest(engine)
    deals = world.deals
    assert d.iso_week == "2026-W48" and d.team == "east"

    # high risk: only Acme expansion is at or above 50 (85); the backslide deal scores 40 and is not listed
    assert [h.deal_id for h in d.high_risk] == [deals["acme_expansion"]]
    assert d.high_risk[0].score == 85
    assert d.at_risk_total == 1 and d.open_deals == 3  # east's open deals: expansion, platform, backslide

    # hot leads: not scored yet → budget rule; the disqualified, older and west leads are out
    assert d.hot_leads.basis == "budget"
    assert [lead.id for lead in d.hot_leads.leads] == [world.leads["big"], world.leads["mid"]]
    assert d.hot_leads.total == 2 and d.hot_leads.week_leads == 3
    assert d.hot_leads.hot_ids == sorted([world.leads["big"], world.leads["mid"]])
    assert d.hot_leads.week_ids == sorted([world.leads["big"], world.leads["mid"], world.leads["small"]])
    assert d.at_risk_ids == [deals["acme_expansion"]]

    # won and lost, and why
    assert sorted(x.id for x in d.won) == sorted([deals["initech_renewal"], deals["initech_addon"]])
    assert [x.id for x in d.lost] == [deals["acme_pilot"]]
    assert [(g.reason, g.count, g.amount) for g in d.won_reasons] == [("champion drove it", 2, 25_000.0)]
    assert [(g.reason, g.count, g.deal_ids) for g in d.lost_reasons] == [("price", 1, [deals["acme_pilot"]])]

    # pipeline created and moved (the west deal created the same week is not east's)
    assert (d.created.count, d.created.amount, d.created.ids) == (1, 30_000.0, [deals["globex_platform"]])
    moves = {m.to_stage: (m.forward, m.backward, m.deal_ids) for m in d.moves}
    assert moves == {
        "appointmentscheduled": (1, 0, [deals["globex_platform"]]),
        "qualifiedtobuy": (1, 0, [deals["globex_platform"]]),
        "decisionmakerboughtin": (0, 1, [deals["globex_backslide"]]),
        "closedwon": (2, 0, sorted([deals["initech_renewal"], deals["initech_addon"]])),
        "closedlost": (1, 0, [deals["acme_pilot"]]),
    }

    # AE activity, traceable to engagement and call ids
    by_name = {a.name: a for a in d.activity}
    assert set(by_name) == {"Ann Archer", "Bob Baker"}  # the manager and the west AE are not coached here
    ann, bob = by_name["Ann Archer"], by_name["Bob Baker"]
    assert (ann.calls.count, ann.connected_calls.count, ann.emails_sent.count, ann.replies.count) == (10, 2, 10, 1)
    assert ann.calls.ids == sorted(world.engagements["ann_calls"])
    assert ann.replies.ids == world.engagements["ann_reply"]
    assert (ann.recorded_calls.count, ann.avg_call_minutes) == (2, 15.0)
    assert (bob.calls.count, bob.emails_sent.count, bob.replies.count, bob.meetings_held.count) == (2, 4, 3, 1)
    assert bob.reply_rate == 0.75 and ann.reply_rate == 0.1
    # team averages: calls 6, emails 7, meetings 0.5, reply rate 42.5%, connect rate 60%. Each AE gets at most the
    # two largest shortfalls and the largest strength: Ann is short on meetings (-100%) and replies (-76%), ahead on
    # calls (+67%); Bob is short on calls (-67%) and ahead on meetings (+100%). Emails (10 and 4) are within range.
    notes = [(n.name, n.metric) for n in d.coaching]
    assert notes == [
        ("Ann Archer", "meetings_held"),
        ("Ann Archer", "reply_rate"),
        ("Bob Baker", "calls"),
        ("Ann Archer", "calls"),
        ("Bob Baker", "meetings_held"),
    ]
    assert d.coaching[1].text == "Ann Archer: reply rate 10% vs team average 42% (below)"

    # win/loss: 2 of 3 last week vs 0 of 4 in the trailing 8 weeks; software and 1-49 employees shifted +100 points
    assert (d.overall_week.won, d.overall_week.closed) == (2, 3)
    assert (d.overall_trailing.won, d.overall_trailing.closed) == (0, 4)
    assert [(s.dimension, s.segment, round(s.delta_points)) for s in d.shifts] == [
        ("industry", "software", 100),
        ("size band", "1-49", 100),
    ]
    # referral won 2/2 but had no trailing history (< 4 closed): not reported as a shift

    # the trend: 9 weeks ending with last week; the four trailing losses in W41–W44
    assert [p.week for p in d.trend][0] == "2026-W40" and d.trend[-1].week == "2026-W48"
    assert [p.lost.count for p in d.trend] == [0, 1, 1, 1, 1, 0, 0, 0, 1]
    assert d.trend[-1].won.amount == 25_000.0 and d.trend[-1].win_rate == pytest.approx(2 / 3)


def test_the_other_team_and_everyone(sqlite_engine):
    engine, world = sqlite_engine, build_world(sqlite_engine)
    west = digest(engine, team="west")
    # Umbrella west: overdue close date 10 + single-threaded $90k 10 + no next step 10 = 30, below the alert score
    assert west.open_deals == 1 and west.high_risk == [] and west.at_risk_total == 0
    assert west.created.ids == [world.deals["umbrella_west"]]
    # west's own lead and the unassigned ones; Bob's lead is east's
    assert [lead.id for lead in west.hot_leads.leads] == [world.leads["west"], world.leads["big"]]
    everyone = digest(engine, team=None)
    assert everyone.open_deals == 4 and everyone.created.count == 2


def test_digest_renders_within_limits_and_draws_a_chart(sqlite_engine, tmp_path):
    engine, world = sqlite_engine, build_world(sqlite_engine)
    d = digest(engine)
    text = to_text(digest_reply(d))
    assert (
        "Weekly digest 2026-W48" in text and "Acme expansion" in text and "#" + str(world.deals["acme_pilot"]) in text
    )
    assert "not scored yet" in text  # says which hot-lead rule it used
    png = digest_chart(d, tmp_path / "chart.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000


def test_digest_says_which_week_and_puts_each_flag_under_its_own_ae(sqlite_engine):
    from datetime import timedelta

    from jobs.render import chart_weeks

    build_world(sqlite_engine)
    d = digest(sqlite_engine)
    text = to_text(digest_reply(d))
    assert "Last week, Mon 23 Nov – Sun 29 Nov 2026 · sent Mon 30 Nov 09:00 EST · times in America/New_York" in text
    lines = text.splitlines()
    coaching = next(i for i, line in enumerate(lines) if "AE coaching notes" in line)  # the forecast names AEs too
    ann = next(i for i, line in enumerate(lines) if i > coaching and line.startswith("• Ann Archer:"))
    bob = next(i for i, line in enumerate(lines) if i > coaching and line.startswith("• Bob Baker:"))
    assert [line.strip() for line in lines[ann + 1 : ann + 4]] == [
        "↳ meetings held 0 vs team average 0.5 (below)",
        "↳ reply rate 10% vs team average 42% (below)",
        "↳ calls 10 vs team average 6 (above)",
    ]
    assert lines[ann + 4] == lines[bob]  # Ann's flags end where Bob's line starts
    assert [line.strip()[:1] for line in lines[bob + 1 : bob + 3]] == ["↳", "↳"]
    late = to_text(digest_reply(digest(sqlite_engine, now=NOW + timedelta(days=6))))
    assert "Last week, Mon 23 Nov – Sun 29 Nov 2026" in late and "(the digest due Mon 30 Nov)" in late
    assert chart_weeks(d)[0] == "28 Sep" and chart_weeks(d)[-1] == "23 Nov"


def test_a_team_reads_its_own_timezone(sqlite_engine):
    from jobs.weekly_digest import make_digest
    from settings import Settings
    from store.models import Owner
    from tools.digest import team_timezone

    build_world(sqlite_engine)
    with Session(sqlite_engine) as s:
        zed = s.exec(select(Owner).where(Owner.team == "west")).one()
        zed.timezone = "America/Los_Angeles"
        s.add(zed)
        s.commit()
        assert team_timezone(s, "west", NY) == ZoneInfo("America/Los_Angeles")
        assert team_timezone(s, "east", NY) == NY and team_timezone(s, None, NY) == NY
    west = make_digest(sqlite_engine, Settings(team_timezone="America/New_York"), now=NOW, team="west")
    assert west.tz == "America/Los_Angeles"
    assert "sent Mon 30 Nov 06:00 PST" in to_text(digest_reply(west))


def test_the_risk_section_is_the_assessed_book_explaining_only_what_it_shows(sqlite_engine):
    """On a generated book with more risky deals than the digest lists: the same deals, order, scores and reasons as
    assessing every open deal, though only the listed ones are explained."""
    from store.demo import generate_workspace
    from store.models import Owner
    from tools.digest import TOP_RISKS, teams
    from tools.health import assess_deals

    generate_workspace(sqlite_engine, size="small", seed=5, as_of=NOW)
    with Session(sqlite_engine) as s:
        for team in [None, *teams(s)]:
            d = build_digest(s, now=NOW, tz=NY, thresholds=Thresholds(), risk_floor=30, team=team)
            owner_ids = None if team is None else [o.id for o in s.exec(select(Owner).where(Owner.team == team))]
            book = assess_deals(s, now=NOW, thresholds=Thresholds(), tz=NY, owner_ids=owner_ids)
            at_risk = [h for h in book if h.score >= 30]
            assert d.open_deals == len(book) and d.at_risk_ids == [h.deal_id for h in at_risk]
            assert d.high_risk == at_risk[:TOP_RISKS]
            if team is None:
                assert len(at_risk) > TOP_RISKS  # the case that matters: more at risk than listed
