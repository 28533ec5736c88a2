"""Risk alerts: new or worsened only, at most once per deal per day, never in quiet hours, evidence quoted."""

from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient
from sqlmodel import Session, select

from bot.slack.posting import SlackPoster
from jobs.claims import get_claim
from jobs.risk_alerts import alert_team, in_quiet_hours, run_risk_alerts
from settings import Settings
from store.models import DealRisk, Owner, SentAlert
from tests.fakes.slack_api import FakeSlackAPI
from tests.jobs_world import add_contact, build_world

MON_0830 = datetime(2026, 11, 30, 13, 30, tzinfo=UTC)  # 08:30 in New York
TUE_0830 = MON_0830 + timedelta(days=1)


@pytest.fixture
def slack():
    with FakeSlackAPI() as fake:
        yield fake


def setup(engine, slack):
    world = build_world(engine)
    settings = Settings(slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
    poster = SlackPoster(WebClient(token="xoxb-test", base_url=slack.api_url))
    return world, settings, poster


def dms(slack):
    """(DM channel, header) of every message: the fake names a DM channel D<user id>."""
    return [
        (c.args["channel"], next(b["text"]["text"] for b in c.args["blocks"] if b["type"] == "header"))
        for c in slack.calls_to("chat.postMessage")
    ]


def test_quiet_hours_wrap_midnight():
    at = lambda h: datetime(2026, 11, 30, h, 0)  # noqa: E731
    assert [in_quiet_hours(at(h), 19, 8) for h in (7, 8, 12, 18, 19, 23)] == [True, False, False, False, True, True]
    assert [in_quiet_hours(at(h), 12, 14) for h in (11, 12, 13, 14)] == [False, True, True, False]
    assert not in_quiet_hours(at(3), 0, 0)


def test_alerts_once_per_day_and_again_only_when_worse(engine, slack):
    world, settings, poster = setup(engine, slack)
    acme = world.deals["acme_expansion"]

    first = run_risk_alerts(engine, settings, poster, now=MON_0830, replica="r1")
    assert [(t.team, t.sent) for t in first] == [("east", {world.owners["ann"]: [acme]}), ("west", {})]
    assert dms(slack) == [("DUANN", "1 deal needs attention"), ("DUMEG", "Risk alerts today · east: 1 deal")]
    text = slack.calls_to("chat.postMessage")[0].args["blocks"]
    body = "\n".join(b["text"]["text"] for b in text if b["type"] == "section")
    # quotes its evidence and the next best action, with record ids
    assert "risk *85* (new)" in body and "20 business days without a buyer reply" in body
    assert f"[engagement #{world.engagements['d1_last_buyer'][0]}]" in body
    assert "close date pushed 2 times" in body and "→ Rebuild a mutual close plan" in body

    # the same day again: the job's claim stops the run; even forced past it, SentAlert and DealRisk stop the deal
    assert run_risk_alerts(engine, settings, poster, now=MON_0830 + timedelta(hours=2), replica="r2") == []
    assert alert_team(engine, settings, poster, now=MON_0830 + timedelta(hours=2), team="east").sent == {}
    with Session(engine) as s:  # forget the assessment: the deal looks new again, but was alerted today
        for risk in s.exec(select(DealRisk)).all():
            s.delete(risk)
        s.commit()
    again = alert_team(engine, settings, poster, now=MON_0830 + timedelta(hours=3), team="east")
    assert again.sent == {} and again.already_sent == [acme]
    assert len(slack.calls_to("chat.postMessage")) == 2

    # next day: Acme unchanged (still 85) → nothing; west's Umbrella deal just crossed 5 silent business days
    # (30 → 60): new risk, alerted to its AE
    tuesday = run_risk_alerts(engine, settings, poster, now=TUE_0830, replica="r1")
    assert [t.sent for t in tuesday] == [{}, {world.owners["zed"]: [world.deals["umbrella_west"]]}]
    # it worsens: the champion (never engaged since August) goes on record → a new reason → a new alert
    add_contact(engine, acme, role="champion")
    worse = alert_team(engine, settings, poster, now=TUE_0830 + timedelta(hours=1), team="east")
    assert worse.sent == {world.owners["ann"]: [acme]}
    last = slack.calls_to("chat.postMessage")[-2]  # the AE's DM; the manager summary follows
    said = "\n".join(b["text"]["text"] for b in last.args["blocks"] if b["type"] == "section")
    assert "risk *100* (worse)" in said
    assert f"champion Pat Buyer{acme} has not engaged once in the" in said  # not "silent ... (never engaged)"
    # and even if it looked new again later that day, the deal has had its alert for the day
    with Session(engine) as s:
        for risk in s.exec(select(DealRisk)).all():
            s.delete(risk)
        s.commit()
    assert alert_team(engine, settings, poster, now=TUE_0830 + timedelta(hours=2), team="east").already_sent == [acme]
    with Session(engine) as s:
        sent = s.exec(select(SentAlert.day).where(SentAlert.deal_id == acme).order_by(SentAlert.day)).all()
    assert [str(d) for d in sent] == ["2026-11-30", "2026-12-01"]


def test_nothing_in_quiet_hours(sqlite_engine, slack):
    engine = sqlite_engine
    world, settings, poster = setup(engine, slack)
    evening = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 20:00 in New York
    assert run_risk_alerts(engine, settings, poster, now=evening, replica="r1") == []
    assert slack.calls == [] and get_claim(engine, "risk_alerts", "risk_alerts:east:2026-11-30") is None
    # an AE whose own clock is in quiet hours is held back, not forgotten
    with Session(engine) as s:
        ann = s.get(Owner, world.owners["ann"])
        ann.timezone = "Asia/Tokyo"  # 08:30 New York = 22:30 Tokyo
        s.add(ann)
        s.commit()
    result = alert_team(engine, settings, poster, now=MON_0830, team="east")
    assert result.sent == {} and result.held_back == [world.deals["acme_expansion"]]
    with Session(engine) as s:
        assert s.get(DealRisk, world.deals["acme_expansion"]) is None  # so tomorrow still sees it as new
        assert s.get(DealRisk, world.deals["globex_backslide"]).score == 40


def test_failed_dm_is_retried_deliberately_and_sent_once(sqlite_engine, slack):
    world, settings, poster = setup(sqlite_engine, slack)
    slack.fail_next("chat.postMessage", body={"ok": False, "error": "internal_error"})
    with pytest.raises(RuntimeError, match="internal_error"):  # the scheduler logs it; the claim records it
        run_risk_alerts(sqlite_engine, settings, poster, now=MON_0830, replica="r1")
    claim = get_claim(sqlite_engine, "risk_alerts", "risk_alerts:east:2026-11-30")
    assert claim.status == "failed" and "internal_error" in claim.detail
    with Session(sqlite_engine) as s:
        assert s.exec(select(SentAlert)).all() == []  # rolled back with the failed DM
    # west went ahead despite east's failure; east is not re-run by accident
    assert get_claim(sqlite_engine, "risk_alerts", "risk_alerts:west:2026-11-30").status == "done"
    assert run_risk_alerts(sqlite_engine, settings, poster, now=MON_0830, replica="r2") == []
    retried = run_risk_alerts(sqlite_engine, settings, poster, now=MON_0830, replica="r2", retry=True)
    assert retried[0].sent == {world.owners["ann"]: [world.deals["acme_expansion"]]}
    assert [c for c, _ in dms(slack)] == ["DUANN", "DUANN", "DUMEG"]  # the failed attempt, the retry, the summary


def test_owners_without_a_stored_slack_id_are_found_by_email_or_held_back(sqlite_engine):
    from store.models import SlackUser
    from tests.fakes.slack_api import SlackUserRecord

    world = build_world(sqlite_engine)
    with Session(sqlite_engine) as s:
        for key in ("ann", "meg"):
            owner = s.get(Owner, world.owners[key])
            owner.slack_user_id = None
            s.add(owner)
        # Meg is known to the Slack identity cache (bot/ fills it); Ann only by email in the workspace
        s.add(
            SlackUser(
                slack_user_id="UMEGCACHED", email="meg@example.com", owner_id=world.owners["meg"], fetched_at=MON_0830
            )
        )
        s.commit()
    users = [SlackUserRecord(id="UANNLOOKUP", email="ann@example.com", name="Ann")]
    with FakeSlackAPI(users=users) as slack:
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
        poster = SlackPoster(WebClient(token="xoxb-test", base_url=slack.api_url))
        result = alert_team(sqlite_engine, settings, poster, now=MON_0830, team="east")
        assert result.sent == {world.owners["ann"]: [world.deals["acme_expansion"]]}
        assert [c for c, _ in dms(slack)] == ["DUANNLOOKUP", "DUMEGCACHED"]
        assert slack.calls_to("users.lookupByEmail")[0].args["email"] == "ann@example.com"
    with Session(sqlite_engine) as s:  # nobody on Slack with that email: held back, not failed, not remembered
        for risk in s.exec(select(DealRisk)).all():
            s.delete(risk)
        for alert in s.exec(select(SentAlert)).all():
            s.delete(alert)
        s.commit()
    with FakeSlackAPI(users=[]) as slack:
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
        poster = SlackPoster(WebClient(token="xoxb-test", base_url=slack.api_url))
        result = alert_team(sqlite_engine, settings, poster, now=MON_0830, team="east")
        assert result.sent == {} and result.errors == [] and result.held_back == [world.deals["acme_expansion"]]
        assert slack.calls_to("chat.postMessage") == []
    with Session(sqlite_engine) as s:
        assert s.exec(select(SentAlert)).all() == [] and s.get(DealRisk, world.deals["acme_expansion"]) is None


def test_a_long_alert_stays_within_slack_limits():
    from bot.slack.blocks import reply_to_blocks
    from jobs.render import MAX_DETAILED_ALERTS, risk_alert_reply
    from tools.health import DealHealth, RiskReason

    reasons = [RiskReason(code, 10, "x" * 300, "y" * 200) for code in ("buyer_silent", "stage_age", "no_next_step")]
    alerts = [
        (
            DealHealth(
                i, f"Deal {i}", None, None, 1, "Ann", "qualifiedtobuy", 1000.0 * i, None, 50 + i % 40, reasons, MON_0830
            ),
            False,
        )
        for i in range(200)
    ]
    blocks = reply_to_blocks(risk_alert_reply("Ann", alerts))
    assert len(blocks) <= 50 and all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)
    text = "\n".join(b.get("text", {}).get("text", "") for b in blocks)
    assert text.count("→ " + "y" * 200) == MAX_DETAILED_ALERTS * 3  # the riskiest get every reason and action
    assert "Also at risk (192)" in text and "more" in text
