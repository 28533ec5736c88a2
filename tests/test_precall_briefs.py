"""Pre-call briefs: each meeting briefed once, 30–60 minutes ahead, to its owner, whatever the number of runs."""

from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from sqlmodel import Session

from bot.copilot.reply import Reply, Section, to_text
from bot.slack.posting import SlackPoster
from jobs.claims import get_claim
from jobs.precall_briefs import default_brief_for, meetings_due, run_precall_briefs
from settings import Settings
from store.models import Engagement
from tests.fakes.slack_api import FakeSlackAPI
from tests.jobs_world import build_world

MEETING = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # the Globex demo, Bob's, 10:00 in New York


def test_brief_sent_once_per_meeting_across_runs_and_replicas(engine):
    world = build_world(engine)
    with Session(engine) as s:  # a second meeting at the same time whose owner has no Slack id yet
        s.add(Engagement(type="meeting", status="scheduled", occurred_at=MEETING, subject="unlinked"))
        s.commit()
    asked: list[int] = []

    def brief_for(deal_id: int) -> Reply:
        asked.append(deal_id)
        return Reply(parts=[Section(f"brief body for deal {deal_id}")])

    with FakeSlackAPI() as slack:
        settings = Settings(slack_bot_token="xoxb-test", slack_api_url=slack.api_url)
        poster = SlackPoster(WebClient(token="xoxb-test", base_url=slack.api_url))

        def run(minutes_before: int, replica: str):
            return run_precall_briefs(
                engine,
                settings,
                poster,
                now=MEETING - timedelta(minutes=minutes_before),
                replica=replica,
                brief_for=brief_for,
            )

        assert run(70, "r1") == []  # too early: more than 60 minutes ahead
        first = run(55, "r1")
        assert [b.meeting_id for b in first] == world.engagements["d2_booked"]
        assert run(45, "r2") == [] and run(35, "r1") == []  # later checks, another replica: already briefed
        assert run(25, "r2") == []  # under 30 minutes: outside the window anyway
        assert asked == [world.deals["globex_platform"]]
        posts = slack.calls_to("chat.postMessage")
        assert len(posts) == 1 and posts[0].args["channel"] == "DUBOB"
        assert slack.calls_to("conversations.open")[0].args["users"] == "UBOB"
        header = posts[0].args["blocks"][0]["text"]["text"]
        assert header == "Brief: Globex at 10:00 EST"  # the owner's timezone
        assert any("brief body for deal" in b.get("text", {}).get("text", "") for b in posts[0].args["blocks"])
    claim = get_claim(engine, "precall_brief", f"brief:{world.engagements['d2_booked'][0]}")
    assert claim.status == "done" and claim.claimed_by == "r1"


def test_window_bounds(sqlite_engine):
    build_world(sqlite_engine)
    due = lambda before: meetings_due(  # noqa: E731
        sqlite_engine, now=MEETING - timedelta(minutes=before), min_minutes=30, max_minutes=60
    )
    assert [len(due(m)) for m in (61, 60, 45, 30, 29)] == [0, 0, 1, 1, 0]  # [now+30, now+60)


def test_the_brief_of_the_meetings_deal_quotes_deal_and_risk(sqlite_engine):
    world = build_world(sqlite_engine)
    brief = default_brief_for(sqlite_engine, Settings(), now=MEETING - timedelta(hours=1))
    text = to_text(brief(world.deals["acme_expansion"]))
    assert "Acme expansion" in text and "Contract sent" in text and "$80,000" in text
    assert "Buyer silent" in text and "→ " in text  # reasons with next best actions


def test_default_brief_is_the_copilots_when_installed(sqlite_engine):
    world = build_world(sqlite_engine)
    brief = default_brief_for(sqlite_engine, Settings(), now=MEETING - timedelta(hours=1))
    reply = brief(world.deals["globex_platform"])
    assert any("Globex" in getattr(p, "text", "") for p in reply.parts)
