"""Issue 14: the new capabilities against independent SQL, understanding's two steps, follow-ups, ask --json."""

from __future__ import annotations

import json
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlmodel import Session

from bot.copilot.answer import answer
from bot.copilot.chat import run_chat
from bot.copilot.reply import to_text
from bot.copilot.slots import parse_amount_range, parse_closed_period, parse_metric, parse_top_n
from settings import Settings
from tests import copilot_fixture as fx
from tools.capabilities import ToolContext, run_capability

TODAY = fx.NOW.date()  # Wednesday Nov 25, 2026


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(chroma_path=tmp_path / "chroma", team_timezone="America/New_York")


@pytest.fixture
def ws(sqlite_engine):
    return sqlite_engine, fx.build(sqlite_engine)


def ask(ws, settings, q, asker="dana", thread_key=None):
    engine, ids = ws
    return answer(q, engine=engine, settings=settings, asker_owner_id=ids[asker], now=fx.NOW, thread_key=thread_key)


def run(engine, settings, ids, name, args, asker="dana"):
    ctx = ToolContext(engine=engine, settings=settings, now=fx.NOW, asker_owner_id=ids[asker])
    return run_capability(ctx, name, args)


# --- numbers against independent SQL (SQLite and PostgreSQL) -----------------------------------------------------


def test_closed_metrics_match_sql(engine, tmp_path):
    settings = Settings(chroma_path=tmp_path / "c", team_timezone="America/New_York")
    ids = fx.build(engine)
    with engine.connect() as conn:
        conn.execute(  # one more closed deal, in November: outside the October window asked about
            text("UPDATE deal SET closed_at = :at WHERE id = :id"),
            {"at": fx.NOW - timedelta(days=3), "id": ids["stark_deal"]},
        )
        conn.commit()
        won, won_amount = conn.execute(
            text(
                "SELECT count(*), coalesce(sum(amount), 0) FROM deal WHERE is_won AND is_closed"
                " AND closed_at >= '2026-10-01 04:00' AND closed_at < '2026-11-01 04:00'"
            )
        ).one()
        lost = conn.execute(
            text(
                "SELECT count(*) FROM deal WHERE is_closed AND NOT is_won"
                " AND closed_at >= '2026-10-01 04:00' AND closed_at < '2026-11-01 04:00'"
            )
        ).scalar_one()
        by_owner = dict(
            conn.execute(
                text(
                    "SELECT o.name, sum(d.amount) FROM deal d JOIN owner o ON o.id = d.owner_id"
                    " WHERE d.is_won GROUP BY o.name"
                )
            ).all()
        )
    result = run(
        engine, settings, ids, "get_closed_deal_metrics",
        {"metric": "win_rate", "closed_from": "2026-10-01", "closed_to": "2026-10-31"},
    )  # fmt: skip
    assert (result.total.won, result.total.won_amount, result.total.lost) == (won, float(won_amount), lost)
    assert won == 2 and lost == 1  # the fixture: Umbrella and Wayne won, Hooli lost in October; Stark in November
    assert result.total.win_rate == pytest.approx(won / (won + lost))
    assert result.total.avg_deal_size == pytest.approx(float(won_amount) / won)
    assert {d.name for d in result.deals} >= {"Umbrella Corporation — Platform", "Wayne Enterprises — Platform"}
    all_time = run(engine, settings, ids, "get_closed_deal_metrics", {"by": "owner"})
    assert {r.label: r.won_amount for r in all_time.rows} == {k: float(v) for k, v in by_owner.items()}


def test_count_and_days_in_stage_match_sql(engine, tmp_path):
    settings = Settings(chroma_path=tmp_path / "c", team_timezone="America/New_York")
    ids = fx.build(engine)
    with engine.connect() as conn:
        open_count, open_amount = conn.execute(
            text("SELECT count(*), coalesce(sum(amount), 0) FROM deal WHERE NOT is_closed AND amount >= 20000")
        ).one()
        stuck = conn.execute(
            text(
                "SELECT count(*) FROM deal d WHERE NOT d.is_closed AND d.stage = 'contractsent' AND"
                " (SELECT max(changed_at) FROM dealstagechange c WHERE c.deal_id = d.id AND c.to_stage = d.stage)"
                " <= :cut"
            ),
            {"cut": (fx.NOW - timedelta(days=9)).replace(tzinfo=None)},  # stored as naive UTC on SQLite
        ).scalar_one()
    counted = run(engine, settings, ids, "count_deals", {"min_amount": 20_000})
    assert (counted.total, counted.total_amount) == (open_count, float(open_amount))
    assert [d.amount for d in counted.largest] == sorted((d.amount for d in counted.largest), reverse=True)
    listed = run(engine, settings, ids, "search_deals", {"stages": ["contractsent"], "min_days_in_stage": 9})
    assert listed.total == stuck == 1  # Acme entered contract sent 10 days ago
    fresh = run(engine, settings, ids, "search_deals", {"stages": ["contractsent"], "min_days_in_stage": 3650})
    assert fresh.total == 0


def test_deal_facts_and_my_day_name_their_records(ws, settings):
    engine, ids = ws
    facts = run(engine, settings, ids, "get_deal_facts", {"company": "acme", "fact": "champion"})
    with Session(engine) as s:
        champion = s.exec(
            text(
                "SELECT c.first_name || ' ' || c.last_name FROM dealcontact dc JOIN contact c ON c.id = dc.contact_id"
                " WHERE dc.deal_id = :d AND dc.role = 'champion'"
            ),
            params={"d": ids["acme_deal"]},
        ).scalar_one()
        meetings_today = s.exec(
            text(
                "SELECT count(*) FROM engagement WHERE type = 'meeting' AND owner_id = :o AND status != 'canceled'"
                " AND occurred_at >= :a AND occurred_at < :b"
            ),
            params={"o": ids["dana"], "a": "2026-11-25 05:00", "b": "2026-11-26 05:00"},
        ).scalar_one()
    assert facts.deals[0].champion.name == champion
    assert facts.deals[0].deal.owner_name == "Dana Reyes"
    day = run(engine, settings, ids, "get_my_day", {})
    assert day.owners == ["Dana Reyes"] and len(day.meetings) == meetings_today
    assert all(t.due_at is not None for t in day.tasks_due)
    reply = to_text(ask(ws, settings, "what should I do today?").reply)
    for title, total in (
        ("Tasks due or overdue", day.tasks_total),
        ("At risk", day.at_risk_total),
        (f"Silent {day.silent_days}+ days", day.silent_total),
    ):
        assert f"{title}: {total}" in reply


def test_conversation_search_quotes_dated_sources_or_says_none(ws, settings):
    engine, ids = ws
    found = run(engine, settings, ids, "search_conversations", {"query": "the price is too high", "company": "Acme"})
    assert found.hits, "Acme's buyer said the price is too high on the call"
    top = found.hits[0]
    assert "price" in top.quote.lower() and top.kind == "call" and top.speaker == "Wile Coyote"
    assert top.occurred_at is not None and top.company == "Acme Corp"
    none = run(engine, settings, ids, "search_conversations", {"query": "volcano eruption on mars", "company": "Acme"})
    assert none.hits == [] and none.searched > 0
    reply = to_text(ask(ws, settings, "what did Acme say about volcano eruptions on mars?").reply)
    assert "found nothing close" in reply


# --- slot parsers ------------------------------------------------------------------------------------------------


def test_slot_parsers():
    assert parse_amount_range("deals between 50k and 100k closing q1") == (50_000, 100_000)
    assert parse_amount_range("$50-100k deals") == (50_000, 100_000)
    assert parse_amount_range("deals under 20k") == (None, 20_000)
    assert parse_amount_range("over $75k") == (75_000, None)
    assert (
        parse_top_n("top 5 deals") == 5 and parse_top_n("the three biggest deals") == 3 and parse_top_n("deals") is None
    )
    assert parse_closed_period("in november", date(2026, 12, 7))[:2] == (date(2026, 11, 1), date(2026, 11, 30))
    assert parse_closed_period("in december", date(2026, 11, 25))[:2] == (date(2025, 12, 1), date(2025, 12, 31))
    assert parse_closed_period("this month so far", TODAY)[:2] == (date(2026, 11, 1), TODAY)
    assert parse_closed_period("last quarter", TODAY)[:2] == (date(2026, 7, 1), date(2026, 9, 30))
    assert parse_closed_period("next month", TODAY) is None  # nothing has closed next month
    assert parse_metric("win rate by rep") == "win_rate" and parse_metric("average deal size") == "avg_deal_size"
    assert parse_metric("how many deals did we lose") == "lost_count" and parse_metric("bookings") == "won_amount"


# --- the issue's examples, offline ---------------------------------------------------------------------------------

ISSUE_EXAMPLES = [
    ("how many deals did the Enterprise team close in October?", "get_closed_deal_metrics",
     {"metric": "won_count", "owners": ["Enterprise"], "closed_from": "2026-10-01", "closed_to": "2026-10-31"}),
    ("deals between 50k and 100k closing this quarter", "search_deals",
     {"min_amount": 50_000.0, "max_amount": 100_000.0, "closing_from": "2026-10-01", "closing_to": "2026-12-31"}),
    ("is Acme at risk?", "list_at_risk_deals", {"company": "Acme"}),
    ("risk for Acme", "list_at_risk_deals", {"company": "Acme"}),
    ("any deals stuck in contract sent for over 9 days?", "search_deals",
     {"stages": ["contractsent"], "min_days_in_stage": 9}),
    ("who owns the Acme deal", "get_deal_facts", {"company": "Acme Corp", "fact": "owner"}),
    ("how many open deals do we have?", "count_deals", {}),
    ("whats teh latest on acme", "get_latest_on_company", {"company": "acme"}),
    ("won revenue last month", "get_closed_deal_metrics",
     {"metric": "won_amount", "closed_from": "2026-10-01", "closed_to": "2026-10-31"}),
    ("what's our win rate?", "get_closed_deal_metrics", {"metric": "win_rate"}),
    ("average deal size", "get_closed_deal_metrics", {"metric": "avg_deal_size"}),
    ("top 2 deals by amount", "search_deals", {"limit": 2}),
    ("who is the champion at Acme?", "get_deal_facts", {"company": "Acme", "fact": "champion"}),
    ("what should I do today?", "get_my_day", {"owners": ["me"]}),
    ("what did Acme say about pricing?", "search_conversations", {"query": "pricing", "company": "Acme"}),
]  # fmt: skip


@pytest.mark.parametrize(("question", "tool", "args"), ISSUE_EXAMPLES, ids=[q for q, _t, _a in ISSUE_EXAMPLES])
def test_issue_examples_answer_the_question_asked(ws, settings, question, tool, args):
    a = ask(ws, settings, question)
    assert a.tool_calls == [(tool, args)], to_text(a.reply)


def test_counts_in_answers_come_from_the_tools(ws, settings):
    engine, _ids = ws
    with Session(engine) as s:
        open_deals = s.exec(text("SELECT count(*) FROM deal WHERE NOT is_closed")).scalar_one()
    assert f"Open deals: {open_deals} (" in to_text(ask(ws, settings, "how many open deals do we have?").reply)
    won = to_text(ask(ws, settings, "how many deals did the Enterprise team close in October?").reply)
    assert "2 won" in won and "Umbrella Corporation" in won  # Dana's Umbrella and Wayne deals; Sam is Midmarket


@pytest.mark.parametrize(
    "question",
    ["what's the stock price of salesforce", "buyer says it won't integrate with their stack", "meaning of life?"],
)
def test_no_confident_answer_to_a_question_it_cannot_answer(ws, settings, question):
    a = ask(ws, settings, question)
    assert ("list_at_risk_deals", {}) not in a.tool_calls
    assert a.intent in {"clarify", "unknown", "none", "search_objection_handling"}, a.tool_calls


def test_a_filter_the_capability_cannot_take_is_said_not_dropped(ws, settings):
    a = ask(ws, settings, "which deals in contract sent are at risk?")
    shown = to_text(a.reply)
    assert a.tool_calls[0][0] == "list_at_risk_deals"
    assert "I couldn't apply a stage filter" in shown


# --- follow-ups: salesos chat (offline), persisted per session ----------------------------------------------------


def test_chat_follow_ups_resolve_against_the_conversation(ws, settings):
    engine, ids = ws
    questions = iter(
        [
            "latest on acme",
            "brief it",
            "silent deals for Dana",
            "and for Sam?",
            "deals closing in the next 60 days",
            "only Sam's",
            "which of those are at risk?",
            "exit",
        ]
    )
    out: list[str] = []
    run_chat(engine, settings, asker_owner_id=ids["dana"], read=lambda _p: next(questions), write=out.append,
             clock=lambda: fx.NOW)  # fmt: skip
    answers = out[1:]
    assert answers[0].startswith("Latest on Acme Corp")
    assert answers[1].startswith("Brief: Acme Corp")
    assert "for Dana Reyes" in answers[2].splitlines()[0]
    assert "for Sam Patel" in answers[3].splitlines()[0]
    assert "for Sam Patel" in answers[5].splitlines()[0] and "Globex" in answers[5]
    assert answers[6].startswith("At-risk deals:")


def test_a_clarifying_question_is_answered_by_its_number(ws, settings):
    from bot.copilot.answer import clarify_reply
    from bot.copilot.state import ConversationState, save_state
    from bot.copilot.understanding import Choice, Understanding

    engine, _ids = ws
    choices = [
        Choice("deals at risk and why", "list_at_risk_deals", {}),
        Choice("how we answered an objection", "search_objection_handling", {"query": "integration"}),
    ]
    shown = to_text(clarify_reply(Understanding(intent="clarify", problem="Which?", choices=choices)))
    assert "1. deals at risk and why" in shown and "2. how we answered an objection" in shown
    state = ConversationState(choices=[{"label": c.label, "tool": c.tool, "args": c.args} for c in choices])
    save_state(engine, "t1", state, fx.NOW)
    picked = ask(ws, settings, "2", thread_key="t1")
    assert picked.tool_calls == [("search_objection_handling", {"query": "integration"})]
    assert ask(ws, settings, "2", thread_key="t2").tool_calls == []  # no choices offered in that conversation


# --- salesos ask --json ------------------------------------------------------------------------------------------


def test_ask_json_prints_capability_arguments_confidence_and_answer(ws, settings, capsys, monkeypatch):
    from bot.copilot.answer import answer_json

    engine, ids = ws
    payload = json.loads(
        answer_json("who owns the Acme deal", engine=engine, settings=settings, asker_owner_id=ids["dana"], now=fx.NOW)
    )
    assert payload["capability"] == "get_deal_facts"
    assert payload["arguments"] == {"company": "Acme Corp", "fact": "owner"}
    assert 0.5 <= payload["confidence"] <= 1 and "Dana Reyes" in payload["answer"]
    assert payload["data"][0]["deals"][0]["deal"]["owner_name"] == "Dana Reyes"


def test_latest_on_says_how_many_more_deals_than_it_shows(ws, settings):
    from datetime import UTC, datetime

    from store.models import Deal

    engine, ids = ws
    with Session(engine) as s:
        for i in range(12):  # a company with many deals: the answer must not silently stop at the first few
            s.add(Deal(name=f"Acme Corp — seat pack {i}", company_id=1, owner_id=ids["dana"], stage="qualifiedtobuy",
                       amount=1_000 + i, created_at=datetime(2026, 11, 1, tzinfo=UTC)))  # fmt: skip
        s.commit()
    shown = to_text(ask(ws, settings, "latest on Acme Corp").reply)
    assert "…and 3 more" in shown  # 13 deals, 10 listed: the rest are counted, never dropped silently


def test_a_managers_deals_are_their_teams(ws, settings):
    engine, ids = ws
    with Session(engine) as s:
        team_open = s.exec(
            text(
                "SELECT count(*) FROM deal d JOIN owner o ON o.id = d.owner_id"
                " WHERE NOT d.is_closed AND o.team = 'Enterprise' AND o.role != 'manager'"
            )
        ).scalar_one()
    result = run(engine, settings, ids, "search_deals", {"owners": ["Morgan"]})
    assert result.total == team_open > 0 and result.owners == ["Enterprise (Morgan Lee's team)"]


# --- a DM that starts with a /salesos subcommand word is that subcommand --------------------------------------------

SUBCOMMAND_TEXTS = [
    ("silent 12", "list_silent_deals", {"owners": ["me"], "days": 12}),
    ("risk", "list_at_risk_deals", {"owners": ["me"]}),
    ("pipeline", "summarize_pipeline", {"by": "owner"}),
    ("call initech", "get_call_summary", {"company": "initech"}),
    ("score stark industries", "get_lead_score", {"company": "stark industries"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "tool", "args"), SUBCOMMAND_TEXTS, ids=[t for t, _c, _a in SUBCOMMAND_TEXTS])
def test_a_subcommand_word_in_a_dm_reads_as_the_subcommand(ws, settings, text, tool, args):
    a = ask(ws, settings, text)
    assert a.tool_calls[0][0] == tool, to_text(a.reply)
    assert {k: v for k, v in a.tool_calls[0][1].items() if k in args} == args


@pytest.mark.parametrize(
    "text", ["silent deals for the whole team", "silent 9 days", "brief me on Globex", "call notes from hooli"]
)
def test_a_subcommand_word_whose_rest_is_not_its_argument_is_a_question(ws, settings, text):
    from bot.copilot.decide import subcommand_reading
    from bot.copilot.understanding import load_names

    engine, _ids = ws
    with Session(engine) as s:
        assert subcommand_reading(text, s, load_names(s)) is None
    assert ask(ws, settings, text).tool_calls  # still answered, by understanding


FIRST_PERSON = [
    ("what did i win in october", "get_closed_deal_metrics", "owners", ["me"]),
    ("which buyers stopped replying to me", "list_silent_deals", "owners", ["me"]),
    ("who's been dodging me for 10 days", "list_silent_deals", "owners", ["me"]),
    ("lost deals i might win back", "get_reactivation_list", "owner", "me"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "tool", "key", "value"), FIRST_PERSON, ids=[t for t, *_r in FIRST_PERSON])
def test_first_person_anywhere_is_the_askers_own(ws, settings, text, tool, key, value):
    a = ask(ws, settings, text)
    assert a.tool_calls and a.tool_calls[0][0] == tool, to_text(a.reply)
    assert a.tool_calls[0][1].get(key) == value


@pytest.mark.parametrize("text", ["i need the pipeline by stage", "i want to see deals closing this month"])
def test_i_asking_for_something_is_not_an_owner_filter(ws, settings, text):
    a = ask(ws, settings, text)
    assert a.tool_calls and "owners" not in a.tool_calls[0][1], a.tool_calls


def test_one_superlative_deal_is_the_largest_one_and_each_person_is_by_owner(ws, settings):
    assert ask(ws, settings, "what's my largest open opportunity").tool_calls == [
        ("search_deals", {"owners": ["me"], "limit": 1})
    ]
    assert ask(ws, settings, "biggest deals for sam").tool_calls[0][1].get("limit") is None  # plural: the list
    pipeline = ask(ws, settings, "open pipeline for every team member in the enterprise team")
    assert pipeline.tool_calls[0] == ("summarize_pipeline", {"by": "owner", "owners": ["Enterprise"]})


def test_lookup_keeps_the_name_as_asked(ws, settings):
    from bot.copilot.decide import understand

    engine, _ids = ws
    with Session(engine) as s:
        for question, name in [("is there an account named glbex in hubspot?", "glbex"),
                               ("what's the proper name for the umbrela account", "umbrela")]:  # fmt: skip
            decision = understand(question, session=s, now=fx.NOW, tz="America/New_York")
            assert (decision.tool, decision.args) == ("lookup_company", {"company": name})


def test_two_facts_at_once_are_all_facts(ws, settings):
    from bot.copilot.slots import parse_fact

    assert parse_fact("owner and contacts on the acme deal") == "all"
    assert parse_fact("the champion plus the economic buyer at globex") == "all"
    assert parse_fact("who is the champion at globex") == "champion"
    a = ask(ws, settings, "stakeholders and champion for the acme deal")
    assert a.tool_calls == [("get_deal_facts", {"company": "acme", "fact": "all"})], to_text(a.reply)  # as typed


def test_a_contact_role_filter_is_said_not_dropped(ws, settings):
    a = ask(ws, settings, "show my deals with no champion")
    assert a.tool_calls[0][0] == "search_deals"
    assert "contact or role filter" in to_text(a.reply)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("what's on the enterprise team's plate today", "get_my_day", {"owners": ["Enterprise"]}),
        ("what does sam have going on today", "get_my_day", {"owners": ["Sam Patel"]}),
        ("morning! what do i need to take care of today", "get_my_day", {"owners": ["me"]}),
        ("prospects not replying for two weeks", "list_silent_deals", {"days": 14}),
        ("hw many deals over 20k", "count_deals", {"min_amount": 20_000.0}),
    ],
)
def test_day_silence_and_count_phrasings(ws, settings, text, tool, args):
    a = ask(ws, settings, text)
    assert a.tool_calls == [(tool, args)], to_text(a.reply)


def test_an_unknown_person_in_a_day_question_is_asked_not_read_as_me(ws, settings):
    a = ask(ws, settings, "what has priyanka got going on today")
    assert not a.tool_calls, a.tool_calls


def test_a_lead_described_with_labels_slashes_or_lower_case_is_scored():
    from bot.copilot.decide import described_lead

    assert described_lead("pls score this lead - company Orbitly, email jo@orbitly.io, 12 employees") == {
        "company": "Orbitly", "contact_email": "jo@orbitly.io", "employee_count": 12}  # fmt: skip
    got = described_lead("is this lead any good? blue harbor / kim@blueharbor.com / budget £40k")
    assert got == {"company": "blue harbor", "contact_email": "kim@blueharbor.com", "budget": "£40k"}


def test_a_time_until_the_call_is_not_part_of_the_company(ws, settings):
    a = ask(ws, settings, "got a meeting with globex within 15 minutes, brief me")
    assert a.tool_calls == [("get_company_brief", {"company": "Globex"})], to_text(a.reply)


@pytest.mark.parametrize(
    ("text", "category"),
    [("what's our close rate when integration is brought up", "integration"),
     ("when pricing comes up do we still win", "pricing")],
)  # fmt: skip
def test_winning_when_an_objection_comes_up_is_the_objection_map(ws, settings, text, category):
    a = ask(ws, settings, text)
    assert a.tool_calls and a.tool_calls[0][0] == "get_objection_map", to_text(a.reply)
    assert a.tool_calls[0][1].get("category") == category


# --- issue 14, dev sets F-H: families of phrasings, context around a question, no silent drops ---------------------


def decide_q(ws, question):
    from bot.copilot.decide import understand

    engine, _ids = ws
    with Session(engine) as s:
        return understand(question, session=s, now=fx.NOW, tz="America/New_York")


def reads(ws, question, tool, args):
    """The decision for `question`, checked: `tool`, with `args` among its arguments as given."""
    decision = decide_q(ws, question)
    assert decision.tool == tool, decision
    assert {k: decision.args.get(k) for k in args} == args, decision
    return decision


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("all acme deals incl closed ones", "search_deals", {"company": "acme", "include_closed": True}),
        ("how many globex deals have we had, won and lost included", "count_deals",
         {"company": "Globex", "include_closed": True}),
        ("how many of sam's deals have been stuck in the same stage for 60+ days", "count_deals",
         {"owners": ["Sam Patel"], "min_days_in_stage": 60}),
        ("deals where the contracts been out 30+ days", "search_deals",
         {"stages": ["contractsent"], "min_days_in_stage": 30}),
        ("biggest 10 deals in the pipe", "search_deals", {"limit": 10}),
        ("total open pipeline per stage, count and $", "summarize_pipeline", {"by": "stage"}),
        ("what account does 'birchleaf' refer to", "lookup_company", {"company": "birchleaf"}),
        ("which company is birchleaf?", "lookup_company", {"company": "birchleaf"}),
        ("check the name greenfield - which company is that", "lookup_company", {"company": "greenfield"}),
        ("competitor objections: answered vs deflected, how do we do", "get_objection_map",
         {"category": "competitor"}),
        ("when security objections get raised on calls do we usually still win?", "get_objection_map",
         {"category": "security"}),
        ("integration objection - what do our reps say when it came up on won deals?", "search_objection_handling",
         {"category": "integration"}),
        ("how to handle an authority objection", "search_objection_handling", {"category": "authority"}),
        ("top reasons deals go closed lost", "get_loss_reasons", {}),
        ("are we gonna win globex", "get_deal_odds", {"company": "Globex"}),
        ("what should i tackle first this morning", "get_my_day", {"owners": ["me"]}),
        ("meetings + overdue tasks for me today?", "get_my_day", {"owners": ["me"]}),
        ("any calls where someone mentioned a budget freeze since nov 15", "search_conversations",
         {"kinds": ["call"], "since": "2026-11-15"}),
        ("find call transcripts where buyers brought up datapilot", "search_conversations", {"kinds": ["call"]}),
        ("last call w/ acme - pains, objections, next steps?", "get_call_summary", {"company": "acme"}),
        ("november wins for the enterprise team - how many deals was that?", "get_closed_deal_metrics",
         {"metric": "won_count", "closed_from": "2026-11-01"}),
        ("silent 21 - just mine", "list_silent_deals", {"days": 21, "owners": ["me"]}),
        ("library security", "search_objection_handling", {"category": "security"}),
        ("anything stuck for 2 weeks", "search_deals", {"min_days_in_stage": 14}),
        ("what's the objection map say about timing", "get_objection_map", {"category": "timing"}),
        ("do we lose more deals when budget comes up", "get_objection_map", {"category": "pricing"}),
        ("is stark going to sign", "get_deal_odds", {"company": "Stark Industries"}),
        ("give me my daily briefing", "get_my_day", {"owners": ["me"]}),
        ("anything urgent for me today", "get_my_day", {"owners": ["me"]}),
        ("what will i land this quarter", "forecast_bookings", {"owners": ["me"], "period": "quarter"}),
        ("i'm covering for sam this week, which of his deals are closing this month?", "search_deals",
         {"owners": ["Sam Patel"], "closing_from": "2026-11-01", "closing_to": "2026-11-30"}),
        ("heads up, i'm presenting to leadership friday - total pipeline by stage please", "summarize_pipeline",
         {"by": "stage"}),
        ("what's my number going to be this quarter", "forecast_bookings", {"owners": ["me"], "period": "quarter"}),
        ("what's in each stage for sam", "summarize_pipeline", {"by": "stage", "owners": ["Sam Patel"]}),
        ("total closed deals (won + lost) this quarter", "get_closed_deal_metrics", {"metric": "closed_count"}),
        ("overdue deals", "search_deals", {"closing_from": None, "closing_to": "2026-11-24"}),
        ("compare sam and morgan win rates this year", "get_closed_deal_metrics",
         {"metric": "win_rate", "by": "owner"}),
        ("which rep closed the most last quarter", "get_closed_deal_metrics", {"by": "owner"}),
        ("what's our loss rate this quarter", "get_closed_deal_metrics", {"metric": "win_rate"}),
        ("how many days on average to close a deal", "get_closed_deal_metrics", {"metric": "cycle_time"}),
        ("what % of deals do we win", "get_closed_deal_metrics", {"metric": "win_rate"}),
        ("deals closing before jan 15", "search_deals", {"closing_from": "2026-11-25", "closing_to": "2027-01-15"}),
        ("deals closing between jan 1 and mar 31", "search_deals",
         {"closing_from": "2027-01-01", "closing_to": "2027-03-31"}),
        ("deals closing after feb 1", "search_deals", {"closing_from": "2027-02-01", "closing_to": None}),
        ("any deal over 250k closing before the end of next month?", "search_deals",
         {"closing_from": "2026-11-25", "closing_to": "2026-12-31"}),
        ("closed won deals since the start of the year", "get_closed_deal_metrics", {"closed_from": "2026-01-01"}),
    ],
)  # fmt: skip
def test_dev_set_families(ws, text, tool, args):
    decision = decide_q(ws, text)
    assert decision.tool == tool and not decision.choices, decision
    assert {k: decision.args.get(k) for k in args} == args, decision.args


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        ("my boss wants a list of every open deal worth $1.2M or more, can u pull that", None),
        ("hey, before my 2pm call with morgan can you pull every deal sam has closing this month?", ["Sam Patel"]),
        ("quick one for my QBR deck - how many deals does sam have closing this quarter?", ["Sam Patel"]),
        ("morgan asked me how many deals sam has closing this month, can you count them", ["Sam Patel"]),
        ("sam is out sick and asked me to cover for him, what's on his plate today?", ["Sam Patel"]),
        ("1:1 with sam tomorrow, how's he tracking vs the team and what should i coach him on", ["Sam Patel"]),
    ],
)
def test_context_around_a_question_names_no_owner(ws, text, owners):
    decision = decide_q(ws, text)
    assert decision.tool is not None, decision
    assert decision.args.get("owners") == owners, decision.args


@pytest.mark.parametrize(
    "text",
    [
        "push the globex close date to jan 15",
        "reassign the initech opp to sam",
        "acme just agreed to terms, can you move the acme deal to contract sent for me?",
        "remind me tomorrow to call acme",
    ],
)
def test_writes_typed_after_a_clause_or_with_push_are_refused(ws, text):
    decision = decide_q(ws, text)
    assert decision.tool is None and "only reads" in (decision.problem or "")


@pytest.mark.parametrize(
    "text", ["list of commands?", "how does this bot work", "which commands do you support", "show me what you can do"]
)
def test_help_phrasings(ws, text):
    assert decide_q(ws, text).intent == "help"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("recap of the nov 3 call with acme", "the date nov 3"),
        ("win rate in fy25", "the period (fy25)"),
        ("90-day win rate", "the number of days (90-day)"),
        ("how many deals did sam close in q3 vs q2", "the period (q2): one period at a time"),
        ("deals that slipped last month", "a close-date history filter (deals filter on their current close date)"),
    ],
)
def test_a_slot_phrase_the_arguments_do_not_reflect_is_unapplied(ws, text, said):
    decision = decide_q(ws, text)
    assert decision.tool is not None and said in decision.unapplied, decision


def test_reflected_slot_phrases_are_not_unapplied(ws):
    for question in ("deals btwn 25k and 100k closing in jan", "notes about pricing since nov 15",
                     "deals stuck 2+ weeks in negotiation", "win rate last 90 days",
                     "top 3 swing deals that decide this month"):  # fmt: skip
        decision = decide_q(ws, question)
        assert decision.tool is not None and decision.unapplied == [], (question, decision)


def test_a_name_several_companies_share_is_asked_about(ws):
    from store.models import Company

    engine, _ids = ws
    with Session(engine) as s:
        s.add_all(
            [
                Company(name="Birchleaf Media", domain="bm.example"),
                Company(name="Birchleaf Medical", domain="bmed.example"),
            ]
        )
        s.commit()
    decision = decide_q(ws, "latest on birchleaf")
    assert decision.tool is None and decision.intent == "clarify"
    assert {c.args["company"] for c in decision.choices} == {"Birchleaf Media", "Birchleaf Medical"}
    assert {c.tool for c in decision.choices} == {"get_latest_on_company"}


def test_a_small_count_without_a_unit_is_not_money_and_a_file_is_not_answered(ws):
    assert "min_amount" not in decide_q(ws, "deals with more than 3 stakeholders").args
    assert decide_q(ws, "deals over $500").args.get("min_amount") == 500.0
    for question in ("export all deals to csv", "send me a pdf of the pipeline"):
        decision = decide_q(ws, question)
        assert decision.tool is None and "export" in (decision.problem or ""), decision
    assert decide_q(ws, "how many").tool is None


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        # casual stage abbreviations
        ("sam + dana deals in contract sent or dmbi", "search_deals",
         {"stages": ["decisionmakerboughtin", "contractsent"]}),
        ("how many deals have been sitting in dmbi 45+ days", "count_deals", {"min_days_in_stage": 45}),
        # a leading clause addressing someone who is not the subject
        ("for morgan: how many deals do sam and dana have closing by end of month", "count_deals",
         {"owners": ["Sam Patel", "Dana Reyes"]}),
        ("for morgan's forecast call, what's sam expected to book this quarter", "forecast_bookings",
         {"owners": ["Sam Patel"], "period": "quarter"}),
        ("for morgan: what's closing this month", "search_deals", {"owners": ["Morgan Lee"]}),
        # this month named for the forecast's window
        ("enterprise team forecast for november", "forecast_bookings", {"period": "month"}),
        ("which deals make or break november", "list_make_or_break_deals", {"period": "month"}),
        # "where's X at"
        ("for my 1:1 w morgan: where's initech at", "get_latest_on_company", {"company": "Initech"}),
        # win-back is the reactivation list
        ("top 10 win-back opportunities from lost deals", "get_reactivation_list", {"limit": 10}),
        # a scorecard asked as a list of figures
        ("dana vs sam - win rate, cycle, activity", "get_ae_performance", {"owners": ["Dana Reyes", "Sam Patel"]}),
        # nothing inbound from buyers
        ("no inbound from buyers for 20 days across the enterprise team", "list_silent_deals",
         {"days": 20, "owners": ["Enterprise"]}),
        ("deals with no inbound in 2 weeks", "list_silent_deals", {"days": 14}),
        # the topic said first
        ("has pricing come up in any initech conversations", "search_conversations",
         {"query": "pricing", "company": "Initech"}),
        # days from created to won is the cycle time
        ("avg days created to won, by team", "get_closed_deal_metrics", {"metric": "cycle_time", "by": "team"}),
        # two months as one range
        ("revenue won in september and october", "get_closed_deal_metrics",
         {"closed_from": "2026-09-01", "closed_to": "2026-10-31"}),
    ],
)  # fmt: skip
def test_dev_set_d_families(ws, question, tool, args):
    decision = reads(ws, question, tool, args)
    assert decision.unapplied == [], decision


def test_an_ae_asked_where_they_are_at_is_not_a_company(ws):
    assert decide_q(ws, "where's sam at on quota").tool != "get_latest_on_company"


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        # an owner's possessive typed without its apostrophe, in capitals or with a typo keeps the owner
        ("SAMS DAY?", "get_my_day", {"owners": ["Sam Patel"]}),
        ("which of morgn's accts have gone silent", "list_silent_deals", {"owners": ["Morgan Lee"]}),
        # how many companies match a name, look up a company: the lookup
        ("how many companies match wayne", "lookup_company", {"company": "wayne"}),
        ("look up company hooli", "lookup_company", {"company": "hooli"}),
        ("accounts named umbrella?", "lookup_company", {"company": "umbrella"}),
        ("how many accounts have 'wayne' in their name", "lookup_company", {"company": "wayne"}),
        # what decides whether the number is hit
        ("which of my deals will decide whether I hit my number this quarter", "list_make_or_break_deals",
         {"owners": ["me"], "period": "quarter"}),
        # what we solve, asked with an adverb and a source
        ("What problems do we actually solve for customers, based on the deals we won?", "get_pain_points", {}),
        # who answers the objection, in the present tense; a worry is an objection's category
        ("how do our reps answer integration worries", "search_objection_handling",
         {"query": "integration worries", "category": "integration"}),
        # what to do about the deals asked for is not the day's plan
        ("Which of my deals are most at risk right now, and what should I do about them?", "list_at_risk_deals",
         {"owners": ["me"]}),
        ("any deals at risk for sam and what should i do about them", "list_at_risk_deals", {"owners": ["Sam Patel"]}),
        ("what do our reps say to integration worries", "search_objection_handling",
         {"query": "integration worries", "category": "integration"}),
    ],
)  # fmt: skip
def test_dev_sets_e_and_f_families(ws, question, tool, args):
    decision = reads(ws, question, tool, args)
    assert decision.unapplied == [], decision


def test_our_win_rate_against_a_competitor_is_its_battle_card_whatever_else_is_asked(ws):
    for question in (
        "Initrode keeps coming up in my deals. What's our win rate against them and how do we position?",
        "what's our win rate when initrode comes up",
    ):
        decision = decide_q(ws, question)
        assert decision.tool == "get_battle_card" and decision.args.get("competitor") == "Initrode", decision
    assert decide_q(ws, "how do we position against initrode").tool != "get_battle_card"  # what to say: the library


def test_an_owner_possessive_without_apostrophe_needs_an_owner():
    from bot.copilot.understanding import Names, owner_possessives

    names = Names(owners=[(1, "Grace Okafor", "Team West"), (2, "Carlos Mendes", "Team East")], companies={})
    assert owner_possessives("any of graces deals in trouble", names) == "any of grace's deals in trouble"
    assert owner_possessives("GRACES DAY?", names) == "GRACE'S DAY?"
    assert owner_possessives("carlos deals", names) == "carlos deals"  # a first name that ends in s
    assert owner_possessives("others deals", names) == "others deals"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("tldr of the   call", "call_summary"),
        ("gist of the   call", "call_summary"),
        ("debrief on the   call", "call_summary"),
        ("cheat sheet for the   meeting", "brief"),  # the company's name taken out leaves a gap
        ("primer on  ", "brief"),
        ("deals that determine whether we reach our target", "make_or_break"),
        ("which deals decide if team east hits its target", "make_or_break"),
        ("will i hit my number this quarter", "forecast"),
        ("which opps decide our q4", "make_or_break"),
        ("crib notes on  ", "brief"),
        ("how does sam usually answer integration worries", "objection"),
    ],
)
def test_what_a_call_summary_a_brief_and_the_number_are_also_called(text, intent):
    from bot.copilot.understanding import detect_intent

    assert detect_intent(text) == intent


@pytest.mark.parametrize(
    ("question", "owners", "company"),
    [
        ("show all acme deals incl closed won and lost", None, "acme"),
        ("all globex deals including closed won and lost", None, "Globex"),
        ("list globex deals plus closed won or lost", None, "Globex"),
        ("sam's deals incl closed won and lost", ["Sam Patel"], None),
        ("sam's deals, open and closed won/lost", ["Sam Patel"], None),
    ],
)
def test_closed_won_and_lost_included_is_every_deal_not_a_stage(ws, question, owners, company):
    decision = decide_q(ws, question)
    assert decision.tool == "search_deals", decision
    assert decision.args.get("include_closed") is True, decision
    assert "stages" not in decision.args, decision
    assert decision.args.get("owners") == owners and decision.args.get("company") == company, decision


def test_closed_won_and_lost_named_together_are_both_stages_never_one():
    from bot.copilot.understanding import parse_stages

    assert parse_stages("closed won and lost deals") == ["closedwon", "closedlost"]
    assert parse_stages("closed lost or won deals") == ["closedwon", "closedlost"]
    assert parse_stages("acme deals incl closed won and lost") == []


@pytest.mark.parametrize(
    ("question", "end"),
    [
        ("Could you show me the deals expected to close between today and the end of the month?", "2026-11-30"),
        ("deals closing between today and the end of the quarter", "2026-12-31"),
        ("deals closing from today through end of year", "2026-12-31"),
        ("deals closing from today until the end of next week", "2026-12-06"),
        ("deals closing today through eom", "2026-11-30"),
        ("opps closing from today to next week", "2026-12-06"),
    ],
)
def test_a_range_from_today_to_a_period_ends_there_never_today_only(ws, question, end):
    decision = decide_q(ws, question)
    assert decision.tool == "search_deals", decision
    assert (decision.args.get("closing_from"), decision.args.get("closing_to")) == ("2026-11-25", end), decision
    assert decision.unapplied == [], decision


@pytest.mark.parametrize(
    ("question", "owners", "closed_from"),
    [
        ("how much has sam closed mtd", ["Sam Patel"], "2026-11-01"),
        ("how much has dana closed qtd", ["Dana Reyes"], "2026-10-01"),
        ("how much has morgan closed ytd", ["Morgan Lee"], "2026-01-01"),
        ("how much have i closed mtd", ["me"], "2026-11-01"),
    ],
)
def test_how_much_an_owner_has_closed_is_won_amount(ws, question, owners, closed_from):
    decision = decide_q(ws, question)
    assert decision.tool == "get_closed_deal_metrics", decision
    assert decision.args.get("metric") == "won_amount", decision
    assert decision.args.get("owners") == owners and decision.args.get("closed_from") == closed_from, decision


@pytest.mark.parametrize(
    ("question", "query", "company", "kinds"),
    [
        ("find mentions of renewal in emails with acme", "renewal", "acme", ["email"]),
        ("find mentions of pricing in calls with globex", "pricing", "Globex", ["call"]),
        ("mentions of renewal in acme emails", "renewal", "acme", ["email"]),
        ("show references to security in notes at initech", "security", "Initech", ["note"]),
    ],
)
def test_mentions_of_a_topic_in_a_companys_emails_are_a_conversation_search(ws, question, query, company, kinds):
    decision = decide_q(ws, question)
    assert decision.tool == "search_conversations", decision
    assert decision.args == {"query": query, "company": company, "kinds": kinds}, decision


@pytest.mark.parametrize(
    ("question", "tool", "filter_said"),
    [
        ("open deals in fintech companies", "search_deals", "Fintech"),
        ("fintech deals", "search_deals", "Fintech"),
        ("open deals in software companies", "search_deals", "Software"),
        ("deals in emea companies", "search_deals", "EMEA"),
    ],
)
def test_an_industry_or_region_word_is_an_unapplied_filter_never_a_fuzzy_company(ws, question, tool, filter_said):
    engine, _ids = ws
    from store.models import Company

    with Session(engine) as s:  # "fintech" is one letter from Initech: it must not be read as that company
        s.add(Company(name="Zeta Pay", domain="zetapay.example", industry="Fintech", region="EMEA", employees=40))
        s.commit()
    decision = decide_q(ws, question)
    assert decision.tool == tool and "company" not in decision.args, decision
    assert any(filter_said.lower() in u.lower() for u in decision.unapplied), decision


@pytest.mark.parametrize(
    ("question", "metric", "extra"),
    [
        ("sam's closed won count qtd", "won_count", {"owners": ["Sam Patel"], "closed_from": "2026-10-01"}),
        ("closed won $ by team ytd", "won_amount", {"by": "team", "closed_from": "2026-01-01"}),
        ("closed lost count mtd", "lost_count", {"closed_from": "2026-11-01"}),
        ("closed won count ytd for morgan", "won_count", {"owners": ["Morgan Lee"], "closed_from": "2026-01-01"}),
    ],
)
def test_a_closed_won_or_lost_figure_over_a_past_period_is_a_closed_deal_metric(ws, question, metric, extra):
    decision = decide_q(ws, question)
    assert decision.tool == "get_closed_deal_metrics", decision
    assert decision.args.get("metric") == metric, decision
    assert {k: decision.args.get(k) for k in extra} == extra, decision


@pytest.mark.parametrize(
    ("question", "owners"),
    [
        ("compare sam and morgan for me", ["Sam Patel", "Morgan Lee"]),
        ("stack up sam and morgan for me - win rate, cycle, activity", ["Sam Patel", "Morgan Lee"]),
        ("sam vs dana win rate for me", ["Sam Patel", "Dana Reyes"]),
    ],
)
def test_for_me_after_a_request_about_others_is_who_it_is_for_not_an_owner(ws, question, owners):
    decision = decide_q(ws, question)
    assert decision.args.get("owners") == owners, decision


@pytest.mark.parametrize(
    ("question", "owners"),
    [
        ("which of my deals move the forecast the most this quarter?", ["me"]),
        ("which deals matter most to the forecast", None),
        ("deals that would move my number", ["me"]),
        ("sam's deals that drive the number most this month", ["Sam Patel"]),
    ],
)
def test_deals_that_move_the_forecast_most_are_the_make_or_break_deals(ws, question, owners):
    decision = decide_q(ws, question)
    assert decision.tool == "list_make_or_break_deals", decision
    assert decision.args.get("owners") == owners, decision


@pytest.mark.parametrize(
    "question", ["deal health issues for sam", "deal health for sam", "health issues on sam's deals"]
)
def test_deal_health_words_are_the_at_risk_list_never_a_company_called_health(ws, question):
    engine, _ids = ws
    from store.models import Company

    with Session(engine) as s:  # a company with "Health" in its name must not be read from "deal health"
        s.add(Company(name="Omega Health", domain="omegahealth.example", industry="Healthcare", employees=80))
        s.commit()
    decision = decide_q(ws, question)
    assert decision.tool == "list_at_risk_deals", decision
    assert decision.args == {"owners": ["Sam Patel"]}, decision


@pytest.mark.parametrize(
    ("question", "query", "kinds"),
    [
        ("anything in the notes about a procurement freeze", "procurement freeze", ["note"]),
        ("anything in the emails about a budget freeze", "budget freeze", ["email"]),
        ("anything in the notes about security review", "security review", ["note"]),
    ],
)
def test_anything_in_the_notes_about_a_topic_is_a_conversation_search(ws, question, query, kinds):
    decision = decide_q(ws, question)
    assert decision.tool == "search_conversations", decision
    assert decision.args == {"query": query, "kinds": kinds}, decision


@pytest.mark.parametrize(
    ("question", "tool", "owners"),
    [
        ("sam's team's deals", "search_deals", ["Midmarket"]),
        ("what's closing this month for sam's team", "search_deals", ["Midmarket"]),
        ("pipeline for the team sam is on", "summarize_pipeline", ["Midmarket"]),
        ("how many deals does sam patel's team have closing this quarter", "count_deals", ["Midmarket"]),
        ("dana's team pipeline", "summarize_pipeline", ["Enterprise"]),  # the asker named: still her team
        ("sams team deals", "search_deals", ["Midmarket"]),  # typed without the apostrophe
        # kept: a manager's team and "my team" already roll up in tools.resolve
        ("morgan's team pipeline", "summarize_pipeline", ["Morgan Lee"]),
        ("my team's pipeline", "summarize_pipeline", ["my team"]),
        ("sam's pipeline", "summarize_pipeline", ["Sam Patel"]),  # no team said: the owner himself
    ],
)
def test_an_owners_team_is_the_team_they_are_on(ws, question, tool, owners):
    decision = decide_q(ws, question)
    assert decision.tool == tool, decision
    assert decision.args.get("owners") == owners, decision


def test_two_owners_teams_compared_are_a_breakdown_by_team(ws):
    decision = decide_q(ws, "sam's team vs dana's team win rate")
    assert decision.tool == "get_closed_deal_metrics", decision
    assert decision.args.get("by") == "team" and "owners" not in decision.args, decision


def test_the_team_of_an_owner_with_reports_is_their_reports(ws, settings):
    from store.models import Owner

    engine, ids = ws
    assert decide_q(ws, "dana's team's deals").args.get("owners") == ["Enterprise"]
    with Session(engine) as s:  # reporting lines recorded (a CSV's manager column): Sam reports to Dana
        sam = s.get(Owner, ids["sam"])
        sam.manager_id = ids["dana"]
        s.add(sam)
        s.commit()
    assert decide_q(ws, "dana's team's deals").args.get("owners") == ["Dana Reyes"]  # the names are read again
    result = run(engine, settings, ids, "search_deals", {"owners": ["Dana Reyes"]})
    assert result.owners == ["Dana Reyes's team (1 reports)"]


def test_an_owners_team_resolves_to_its_members(ws, settings):
    a = ask(ws, settings, "sam's team's open deals")
    assert a.tool_calls == [("search_deals", {"owners": ["Midmarket"]})], to_text(a.reply)


def _with_team_owners(ws):
    """Two AEs in teams named "Team West" and "Team East" (the fixture's teams have no "team" in their names)."""
    from store.models import Owner

    engine, _ids = ws
    with Session(engine) as s:
        s.add(Owner(name="Grace Okafor", email="grace@example.com", team="Team West"))
        s.add(Owner(name="Carlos Mendes", email="carlos@example.com", team="Team East"))
        s.commit()


@pytest.mark.parametrize(
    "question",
    [
        "east vs west win rate qtd",
        "win rate east vs west this quarter",
        "bookings west vs east ytd",
        "compare east and west on win rate last quarter",
    ],
)
def test_teams_set_against_each_other_by_their_own_word_are_a_breakdown_by_team(ws, question):
    _with_team_owners(ws)
    decision = decide_q(ws, question)
    assert decision.tool == "get_closed_deal_metrics", decision
    assert decision.args.get("by") == "team" and not decision.args.get("owners"), decision
    assert decision.args.get("closed_from"), decision


def test_a_possessive_without_apostrophe_of_what_an_owner_or_team_has():
    from bot.copilot.understanding import Names, owner_possessives

    names = Names(owners=[(1, "Grace Okafor", "Team West"), (2, "Emily Nakamura", "Team East")], companies={})
    assert owner_possessives("any of graces buyers gone quiet", names) == "any of grace's buyers gone quiet"
    assert owner_possessives("emilys customers gone dark", names) == "emily's customers gone dark"
    assert owner_possessives("which deals decide team wests quarter", names) == "which deals decide team west's quarter"
    assert owner_possessives("TEAM EASTS forecast", names) == "TEAM EAST'S forecast"
    assert owner_possessives("how are the east teams doing", names) == "how are the east teams doing"  # a plural


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        ("any of sams buyers gone quiet", "list_silent_deals", {"owners": ["Sam Patel"]}),
        ("morgans prospects gone dark?", "list_silent_deals", {"owners": ["Morgan Lee"]}),
        ("which deals decide team wests quarter", "list_make_or_break_deals",
         {"period": "quarter", "owners": ["Team West"]}),
        ("team easts forecast this month", "forecast_bookings", {"period": "month", "owners": ["Team East"]}),
    ],
)  # fmt: skip
def test_owner_and_team_possessives_without_apostrophe_keep_the_owner(ws, question, tool, args):
    _with_team_owners(ws)
    decision = decide_q(ws, question)
    assert decision.tool == tool, decision
    for key, value in args.items():
        assert decision.args.get(key) == value, decision


@pytest.mark.parametrize(
    ("question", "period", "owners"),
    [
        ("what will team west land this month", "month", ["Team West"]),
        ("what will sam land this quarter", "quarter", ["Sam Patel"]),
        ("what will morgan lee book this quarter?", "quarter", ["Morgan Lee"]),
    ],
)
def test_what_an_owner_or_team_will_land_is_their_forecast(ws, question, period, owners):
    _with_team_owners(ws)
    decision = decide_q(ws, question)
    assert decision.tool == "forecast_bookings", decision
    assert decision.args == {"period": period, "owners": owners}, decision


def test_what_a_company_will_close_at_is_no_forecast(ws):
    assert decide_q(ws, "what will acme close at").tool != "forecast_bookings"


@pytest.mark.parametrize(
    ("question", "owners"),
    [
        ("hows sam doing", ["Sam Patel"]),
        ("hows morgan tracking", ["Morgan Lee"]),
        ("how do I stack up against Sam this quarter?", ["me", "Sam Patel"]),
        ("how does sam measure up to morgan", ["Sam Patel", "Morgan Lee"]),
    ],
)
def test_how_an_ae_is_doing_or_stacks_up_is_the_ae_scorecard(ws, question, owners):
    decision = decide_q(ws, question)
    assert decision.tool == "get_ae_performance", decision
    assert decision.args == {"owners": owners}, decision
    assert not decision.unapplied, decision  # "this quarter" is the scorecard's own period


def test_an_ae_scorecard_for_another_period_says_so(ws):
    decision = decide_q(ws, "how is sam doing last quarter")
    assert decision.tool == "get_ae_performance" and "a period" in decision.unapplied, decision


def test_how_we_stack_up_against_a_competitor_stays_its_battle_card(ws):
    decision = decide_q(ws, "how do we stack up against datapilot")
    assert decision.tool == "get_battle_card", decision


@pytest.mark.parametrize(
    ("question", "period", "owners", "limit"),
    [
        ("the 10 deals that matter most for this quarter's number, whole team", "quarter", None, 10),
        ("which of sam's deals could swing his November number the most either way?", "month", ["Sam Patel"], None),
        ("deals that matter most for my q4 number", "quarter", ["me"], None),
        ("which of morgan's deals could move her quarter the most", "quarter", ["Morgan Lee"], None),
        ("the 5 deals that matter most", "quarter", None, 5),
    ],
)
def test_deals_that_swing_someones_number_are_the_make_or_break_deals(ws, question, period, owners, limit):
    decision = decide_q(ws, question)
    assert decision.tool == "list_make_or_break_deals", decision
    assert decision.args.get("period") == period and decision.args.get("owners") == owners, decision
    assert decision.args.get("limit") == limit, decision


@pytest.mark.parametrize(
    ("question", "owners", "period"),
    [
        ("compare my win rate with Sam's over the first half of the year, side by side", ["me", "Sam Patel"],
         ("2026-01-01", "2026-06-30")),
        ("compare my close rate with morgan's this year", ["me", "Morgan Lee"], ("2026-01-01", "2026-12-31")),
        ("my win rate vs Sam's last quarter", ["me", "Sam Patel"], ("2026-07-01", "2026-09-30")),
    ],
)  # fmt: skip
def test_a_win_rate_set_against_an_aes_is_the_closed_figures_by_owner(ws, question, owners, period):
    decision = decide_q(ws, question)
    assert decision.tool == "get_closed_deal_metrics", decision
    assert decision.args.get("owners") == owners and decision.args.get("by") == "owner", decision
    assert (decision.args.get("closed_from"), decision.args.get("closed_to")) == period, decision


def test_a_win_rate_with_an_objection_stays_the_objection_map(ws):
    assert decide_q(ws, "what's our win rate with pricing objections").tool == "get_objection_map"


@pytest.mark.parametrize(
    "question",
    [
        "whats my commission gonna be this q",
        "what's my commission going to look like on Q4 bookings?",
        "how much commission will I make this quarter",
        "what's my bonus payout for Q4",
    ],
)
def test_commission_and_pay_are_not_in_the_crm(ws, question):
    decision = decide_q(ws, question)
    assert decision.tool is None and not decision.choices and decision.intent == "unknown", decision
    assert "commission" in (decision.problem or ""), decision


@pytest.mark.parametrize(
    ("question", "owner"),
    [
        ("what's driving Sam Patel's losses?", "Sam Patel"),
        ("what is causing morgan's losses", "Morgan Lee"),
        ("what's behind our lost deals", None),
        ("root cause of our losses", None),
    ],
)
def test_what_drives_the_losses_is_the_loss_reasons(ws, question, owner):
    decision = decide_q(ws, question)
    assert decision.tool == "get_loss_reasons", decision
    assert decision.args.get("owner") == owner, decision


# --- dev sets L and M: objections, personas, conversations, leads, company names ------------------------------------


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        # a look-back in chat shorthand is the objections' window
        ("objections heard on calls in the past 10d", "get_objections_this_week", {"days": 10}),
        ("pushback from the last 3w", "get_objections_this_week", {"days": 21}),
        # a persona's win rate with and without them: the personas, not the objection map
        ("CFO persona: our win rate with vs without them", "get_buyer_personas", {"persona": "Finance approver"}),
        ("technical evaluator persona - win rate w vs w/o them", "get_buyer_personas",
         {"persona": "Technical evaluator"}),
        # the win rate when an objection comes up, asked after the "when": the objection map
        ("when pricing comes up on calls, what's the win rate", "get_objection_map", {"category": "pricing"}),
        ("when integration gets raised, what's our close rate?", "get_objection_map", {"category": "integration"}),
        # how reps got past an objection: the objection library
        ("how did our reps get past the security review on won deals", "search_objection_handling",
         {"category": "security"}),
        ("how do we get around procurement objections", "search_objection_handling", {"category": "authority"}),
        # battle-card lingo with a competitor named
        ("initrode landmines", "get_battle_card", {"competitor": "Initrode"}),
        ("comp intel on initrode pls", "get_battle_card", {"competitor": "Initrode"}),
        # a one-pager said with a digit; what to know going in (and what to ask them) before a meeting
        ("1-pager on acme before my 3pm", "get_company_brief", {"company": "acme"}),
        ("call with globex at 4, what should I know going in and what should I ask them?", "get_company_brief",
         {"company": "Globex"}),
        ("what problems do ppl come to us with", "get_pain_points", {}),
        # the score of a company's leads
        ("score on the hooli leads?", "get_lead_score", {"company": "hooli"}),
        ("ratings for the initech inbound leads", "get_lead_score", {"company": "initech"}),
        # is a name a company of the CRM: the lookup
        ("is hooli a real account in the crm", "lookup_company", {"company": "hooli"}),
        ("is wayne an actual company in hubspot", "lookup_company", {"company": "wayne"}),
        # who is involved, everyone
        ("who's involved at stark - owner, champion, everyone", "get_deal_facts", {"company": "stark"}),
    ],
)  # fmt: skip
def test_dev_sets_l_and_m_families(ws, question, tool, args):
    decision = reads(ws, question, tool, args)
    assert decision.unapplied == [], decision


@pytest.mark.parametrize(
    ("question", "args"),
    [
        # a source and a start before the topic ("re"); someone mentioning it; pushing back on it; quotes, one source
        ("globex emails since oct 15 re pricing",
         {"query": "pricing", "company": "Globex", "kinds": ["email"], "since": "2026-10-15"}),
        ("anyone mention initrode on calls since september",
         {"query": "initrode", "kinds": ["call"], "since": "2026-09-01"}),
        ("has acme pushed back on the contract terms anywhere", {"query": "contract terms", "company": "acme"}),
        ("quotes where buyers complained about onboarding — emails only", {"query": "onboarding", "kinds": ["email"]}),
    ],
)  # fmt: skip
def test_who_said_what_in_which_source_is_a_conversation_search(ws, question, args):
    decision = decide_q(ws, question)
    assert decision.tool == "search_conversations", decision
    assert decision.args == args, decision


@pytest.mark.parametrize(
    ("question", "company"),
    [
        ("score this lead: Ana Ruiz, ana@beaconfreight.com, co Beacon Freight, 200 emps", "Beacon Freight"),
        ("rate this lead - Li Wei liwei@yahoo.com company Wei Design budget 10k says just browsing", "Wei Design"),
        ("score a lead — Pine Ridge Co, jo@gmail.com, Director of Ops, 80 employees", "Pine Ridge Co"),
    ],
)
def test_a_lead_given_in_free_text_keeps_its_company_apart_from_the_other_fields(ws, question, company):
    decision = decide_q(ws, question)
    assert decision.tool == "score_lead", decision
    assert decision.args["company"] == company, decision


def test_sending_something_to_a_person_is_an_action_not_a_question(ws):
    for question in ("send sam my pipeline summary", "forward morgan the acme brief"):
        decision = decide_q(ws, question)
        assert decision.tool is None and decision.intent == "unknown", decision
        assert (decision.problem or "").startswith("I can't change"), decision
    assert decide_q(ws, "send me my pipeline summary").tool == "summarize_pipeline"  # to the asker: a question
    assert decide_q(ws, "forward pipeline for the quarter").intent != "unknown"  # "forward" as an adjective


def test_getting_past_an_objection_is_the_library_and_its_source_is_not_the_query(ws):
    decision = decide_q(ws, "how did reps get past the infosec review on deals we ended up winning?")
    assert decision.tool == "search_objection_handling", decision
    assert decision.args == {"query": "infosec review", "category": "security"}, decision
    assert decide_q(ws, "how do i get through everything today").tool == "get_my_day"  # not an objection


# --- dev sets L-M (fixer A): deal search and count filters ---------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        # "stuck N days" with no risk word: days in stage on the deal search, with or without a stage named
        ("sam's opps stuck >30 days", "search_deals", {"owners": ["Sam Patel"], "min_days_in_stage": 30}),
        ("how many of morgan's deals stuck 45+ days", "count_deals",
         {"owners": ["Morgan Lee"], "min_days_in_stage": 45}),
        ("anything parked in negotiation 3 wks+", "search_deals",
         {"stages": ["contractsent"], "min_days_in_stage": 21}),
        ("what's sat in qualified to buy 20d+", "search_deals",
         {"stages": ["qualifiedtobuy"], "min_days_in_stage": 20}),
        ("what has sam got in demo stage that's been stuck 2 weeks or more?", "search_deals",
         {"owners": ["Sam Patel"], "stages": ["presentationscheduled"], "min_days_in_stage": 14}),
    ],
)  # fmt: skip
def test_days_stuck_without_a_risk_word_is_days_in_stage(ws, question, tool, args):
    decision = reads(ws, question, tool, args)
    assert decision.unapplied == [], decision


@pytest.mark.parametrize(
    "question",
    [
        "contract sent deals over 50k closing within 30 days",
        "deals in negotiation closing in the next 2 weeks",
        "contract sent deals with no reply for 2 weeks",
        "deals where we sat down with the cfo 2 weeks ago",
    ],
)
def test_a_period_or_a_silence_is_never_read_as_days_in_stage(ws, question):
    assert "min_days_in_stage" not in decide_q(ws, question).args


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        # "next 30d": a number of days as the next days
        ("deals under 20k closing next 45d", "search_deals",
         {"max_amount": 20000.0, "closing_from": "2026-11-25", "closing_to": "2027-01-09"}),
        ("how many opps closing in the next 10d", "count_deals",
         {"closing_from": "2026-11-25", "closing_to": "2026-12-05"}),
        # the rest of the month / quarter: from today to its end
        ("what's closing over the rest of the month", "search_deals",
         {"closing_from": "2026-11-25", "closing_to": "2026-11-30"}),
        ("how many of my deals close in the remainder of the quarter", "count_deals",
         {"owners": ["me"], "closing_from": "2026-11-25", "closing_to": "2026-12-31"}),
        # hyphenated stage names
        ("my contract-sent deals closing this month", "search_deals", {"stages": ["contractsent"]}),
        ("deals in dm bought-in or presentation-scheduled", "search_deals",
         {"stages": ["presentationscheduled", "decisionmakerboughtin"]}),
        # short stage names where they can only be a stage; several stages in one list
        ("how many deals in demo or negotiation stage", "count_deals",
         {"stages": ["contractsent", "presentationscheduled"]}),
        ("what's in pres scheduled for sam", "search_deals",
         {"owners": ["Sam Patel"], "stages": ["presentationscheduled"]}),
        ("deals in dmbi or cs stage", "search_deals", {"stages": ["decisionmakerboughtin", "contractsent"]}),
    ],
)  # fmt: skip
def test_short_periods_and_hyphenated_stages(ws, question, tool, args):
    decision = reads(ws, question, tool, args)
    assert decision.unapplied == [], decision


@pytest.mark.parametrize(
    ("question", "args"),
    [
        # amounts said in words
        ("which open deals across the whole team are over half a million?", {"min_amount": 500000.0}),
        ("deals worth more than a quarter of a million", {"min_amount": 250000.0}),
        ("sam's opps under two hundred grand", {"owners": ["Sam Patel"], "max_amount": 200000.0}),
        ("anything above 50 grand closing this month", {"min_amount": 50000.0, "closing_to": "2026-11-30"}),
        ("deals between 250 grand and a million", {"min_amount": 250000.0, "max_amount": 1000000.0}),
        # a company followed by words that are not its name
        ("acme deals total value", {"company": "acme"}),
        ("what deals do we have with initech at the moment", {"company": "Initech"}),
    ],
)
def test_amounts_in_words_and_a_company_among_other_words(ws, question, args):
    decision = reads(ws, question, "search_deals", args)
    said = " ".join(decision.notes)
    assert decision.unapplied == [] and not any(w in said for w in ("half", "million", "grand", "quarter")), decision


def test_a_thousand_alone_is_not_an_amount(ws):
    assert "min_amount" not in decide_q(ws, "are there over a thousand deals in the pipe").args


@pytest.mark.parametrize(
    ("question", "args"),
    [
        # where the asker hopes to move a close date is not a close-date history filter, nor a second period
        ("what has sam got closing in january under $20k? want to see if any can get pulled into december",
         {"owners": ["Sam Patel"], "closing_from": "2027-01-01", "max_amount": 20000.0}),
        ("which of my deals closing next quarter could be pulled in to this quarter",
         {"owners": ["me"], "closing_from": "2027-01-01", "closing_to": "2027-03-31"}),
        ("deals closing in march we could bring forward to february", {"closing_from": "2027-03-01"}),
    ],
)  # fmt: skip
def test_a_close_date_the_asker_hopes_to_move_is_not_a_filter(ws, question, args):
    decision = reads(ws, question, "search_deals", args)
    assert decision.unapplied == [], decision


def test_a_close_date_history_is_still_said_as_not_applied(ws):
    decision = decide_q(ws, "deals that slipped last month")
    assert any("close-date history" in u for u in decision.unapplied), decision


@pytest.mark.parametrize(
    ("question", "args"),
    [
        # "count ..." with every filter the list takes: the count, not a choice between the two
        ("count my deals in dm bought in worth at least 40k that close this quarter",
         {"owners": ["me"], "stages": ["decisionmakerboughtin"], "min_amount": 40000.0}),
        ("count sam's opps in negotiation over 100k", {"owners": ["Sam Patel"], "stages": ["contractsent"]}),
        # a company followed by words about how far back
        ("how many acme deals have we ever had incl won/lost", {"company": "acme", "include_closed": True}),
        ("how many globex deals overall, won and lost included", {"company": "Globex", "include_closed": True}),
        ("how many deals we've done with hooli incl won/lost", {"company": "Hooli", "include_closed": True}),
    ],
)  # fmt: skip
def test_counts_of_deals(ws, question, args):
    reads(ws, question, "count_deals", args)


@pytest.mark.parametrize("question", ["dm me the deals closing this week", "how did the demo go with globex"])
def test_a_short_stage_name_outside_a_stage_phrase_is_no_stage(ws, question):
    assert "stages" not in decide_q(ws, question).args


# --- dev sets N and O: deal filters and closed figures in everyday words, who is typing, plain-word capabilities -----


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        # who is typing, or in whose seat, said first: not an owner of the question (their "my" is theirs)
        ("Morgan here - 5 largest deals Sam has closing this quarter", "search_deals",
         {"owners": ["Sam Patel"], "limit": 5}),
        ("Morgan asking: bookings by team for last quarter", "get_closed_deal_metrics", {"owners": None, "by": "team"}),
        ("I'm shadowing Dana - which of Sam's deals only have a first meeting booked so far?", "search_deals",
         {"owners": ["Sam Patel"], "stages": ["appointmentscheduled"]}),
        ("this is morgan: how is Sam tracking, and what should I coach him on?", "get_ae_performance",
         {"owners": ["Sam Patel"]}),
        ("Morgan here - what's my pipeline?", "summarize_pipeline", {"owners": ["Morgan Lee"]}),
        ("SE here - what's closing this month for Sam?", "search_deals", {"owners": ["Sam Patel"]}),
        ("I'm helping Sam - what's closing this month?", "search_deals", {"owners": ["Sam Patel"]}),
        # stages in everyday words: a signature awaited, a demo or a first call on the calendar
        ("which of Sam's deals are waiting on a signature?", "search_deals",
         {"owners": ["Sam Patel"], "stages": ["contractsent"]}),
        ("how many deals are out for signature?", "count_deals", {"stages": ["contractsent"]}),
        ("my deals that just need their signature", "search_deals", {"owners": ["me"], "stages": ["contractsent"]}),
        ("which of my deals only have a demo booked?", "search_deals",
         {"owners": ["me"], "stages": ["presentationscheduled"]}),
        ("deals with just an intro call scheduled", "search_deals", {"stages": ["appointmentscheduled"]}),
        # deals meant to close in a period are open deals, not closed figures
        ("how many deals does Sam have that should close this month?", "count_deals",
         {"owners": ["Sam Patel"], "closing_from": "2026-11-01", "closing_to": "2026-11-30"}),
        ("which of my deals are supposed to close next month", "search_deals",
         {"owners": ["me"], "closing_from": "2026-12-01", "closing_to": "2026-12-31"}),
        ("what does Sam have slated to close this quarter", "search_deals",
         {"owners": ["Sam Patel"], "closing_from": "2026-10-01", "closing_to": "2026-12-31"}),
        # a close date gone by, however it is said
        ("pipeline hygiene: which of my open deals have a close date that's already passed?", "search_deals",
         {"owners": ["me"], "closing_from": None, "closing_to": "2026-11-24"}),
        ("how many of Sam's deals have close dates that have come and gone?", "count_deals",
         {"owners": ["Sam Patel"], "closing_to": "2026-11-24"}),
        ("deals that blew past their close date", "search_deals", {"closing_from": None, "closing_to": "2026-11-24"}),
        # an amount by its number of figures
        ("how many six-figure deals does Sam have open?", "count_deals",
         {"owners": ["Sam Patel"], "min_amount": 100000}),
        ("my deals under six figures", "search_deals", {"owners": ["me"], "max_amount": 100000}),
        # the accounts an owner works are their deals
        ("what accounts am I working right now?", "search_deals", {"owners": ["me"]}),
        ("which accounts is Sam covering?", "search_deals", {"owners": ["Sam Patel"]}),
        ("list the accounts Morgan is working", "search_deals", {"owners": ["Morgan Lee"]}),
    ],
)  # fmt: skip
def test_dev_sets_n_and_o_deal_filters_in_everyday_words(ws, question, tool, args):
    decision = reads(ws, question, tool, args)
    assert decision.unapplied == [], decision


@pytest.mark.parametrize(
    ("question", "args"),
    [
        # both outcomes said as nouns: every closed deal
        ("how many deals did Sam close in October - wins and losses both",
         {"metric": "closed_count", "owners": ["Sam Patel"], "closed_from": "2026-10-01"}),
        ("losses and wins for me last quarter", {"metric": "closed_count", "owners": ["me"]}),
        ("wins vs losses this quarter", {"metric": "closed_count", "closed_from": "2026-10-01"}),
        # "which industries / regions": the figure broken down by them
        ("which industries brought in the most revenue this year?",
         {"metric": "won_amount", "by": "industry", "closed_from": "2026-01-01"}),
        ("which regions brought in the most last quarter?",
         {"metric": "won_amount", "by": "region", "closed_from": "2026-07-01"}),
        ("how much did we bring in last month",
         {"metric": "won_amount", "closed_from": "2026-10-01", "closed_to": "2026-10-31"}),
        # a win rate with a segment or an industry: that segment's figures, not the objection map
        ("what's our win rate with manufacturing companies?", {"metric": "win_rate", "segment": "Manufacturing"}),
        ("close rate among software customers this year", {"metric": "win_rate", "segment": "Software"}),
        # how long deals are taking: the cycle time
        ("how long are smb deals taking to close, looking at the last 90 days?",
         {"metric": "cycle_time", "segment": "smb", "closed_from": "2026-08-27"}),
        ("how long have mid-market deals been taking this year", {"metric": "cycle_time", "segment": "mid_market"}),
    ],
)  # fmt: skip
def test_dev_sets_n_and_o_closed_figures_in_everyday_words(ws, question, args):
    decision = reads(ws, question, "get_closed_deal_metrics", args)
    assert decision.unapplied == [], decision


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        # the forecast in plain words
        ("projected revenue for November?", "forecast_bookings", {"period": "month"}),
        ("how much am I likely to bring in this month?", "forecast_bookings", {"period": "month", "owners": ["me"]}),
        ("what number will we hit by the end of the month, realistically?", "forecast_bookings", {"period": "month"}),
        ("what number is Sam going to land this quarter", "forecast_bookings",
         {"period": "quarter", "owners": ["Sam Patel"]}),
        ("how much revenue will Sam bring in this quarter", "forecast_bookings",
         {"period": "quarter", "owners": ["Sam Patel"]}),
        ("Morgan here, quick one: what's Sam bringing in this month?", "forecast_bookings",
         {"period": "month", "owners": ["Sam Patel"]}),
        # deals at risk in plain words
        ("which deals across the team look shaky right now, and why?", "list_at_risk_deals", {"owners": None}),
        ("is anything wrong with the Acme deal? any warning signs?", "list_at_risk_deals", {"company": "Acme Corp"}),
        ("which of Sam's deals look dicey", "list_at_risk_deals", {"owners": ["Sam Patel"]}),
        # buyers not answering in plain words
        ("are any of my buyers ignoring my emails?", "list_silent_deals", {"owners": ["me"]}),
        ("which prospects are ignoring Sam's follow-ups?", "list_silent_deals", {"owners": ["Sam Patel"]}),
        ("which buyers aren't returning my calls", "list_silent_deals", {"owners": ["me"]}),
        ("who's ignoring me?", "list_silent_deals", {"owners": ["me"]}),
        # pipeline coverage and AEs side by side: the AE scorecard
        ("what's my pipeline coverage looking like vs everyone else?", "get_ae_performance", {"owners": ["me"]}),
        ("what's Sam's pipeline coverage?", "get_ae_performance", {"owners": ["Sam Patel"]}),
        ("put Dana and Sam side by side", "get_ae_performance", {"owners": ["Dana Reyes", "Sam Patel"]}),
        ("Sam and Morgan head to head", "get_ae_performance", {"owners": ["Sam Patel", "Morgan Lee"]}),
    ],
)  # fmt: skip
def test_dev_sets_n_and_o_capabilities_in_plain_words(ws, question, tool, args):
    decision = reads(ws, question, tool, args)
    assert decision.unapplied == [], decision


def test_revenue_booked_is_closed_figures_and_a_meeting_booked_is_not():
    from bot.copilot.slots import parse_metric

    assert parse_metric("what have we booked this quarter") == "won_amount"
    assert parse_metric("which deals only have a first meeting booked") != "won_amount"
    assert parse_metric("deals where we booked a demo") != "won_amount"


@pytest.mark.parametrize(
    "question",
    ["which customers are up for renewal in Q1?", "what renewals are due next quarter",
     "which contracts are expiring this year"],
)  # fmt: skip
def test_renewals_are_not_in_the_crm(ws, question):
    decision = decide_q(ws, question)
    assert decision.tool is None and not decision.choices and decision.intent == "unknown", decision
    assert "renewal" in (decision.problem or ""), decision


def test_what_was_said_about_a_renewal_stays_a_conversation_search(ws):
    decision = decide_q(ws, "initech emails since nov 1 re renewal")
    assert decision.tool == "search_conversations" and decision.args["query"] == "renewal", decision


# --- dev sets N and O: objections, pains, personas, leads, lookups, deal facts, calls, losses, odds, rivals ---------


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        # an objection named as one hyphenated word keeps its category
        ("talk track for the too-expensive objection", "search_objection_handling", {"category": "pricing"}),
        ("how do we handle the we-already-use-spreadsheets pushback", "search_objection_handling",
         {"category": "already_have_tool"}),
        # which answers have worked: the objection library
        ("buyer is worried about pricing - what responses have worked before?", "search_objection_handling",
         {"category": "pricing"}),
        ("prospect is nervous about the integration, which answers worked on won deals?",
         "search_objection_handling", {"category": "integration"}),
        # the whole picture of objections, how often and how those deals end: the objection map
        ("overview of our objections - how often each comes up and how the deals turn out", "get_objection_map", {}),
        ("lay of the land on pushback: what we hear and how those deals end", "get_objection_map", {}),
        ("what are the main objections and how often do they come up", "get_objection_map", {}),
        ("how often does the security objection come up?", "get_objection_map", {"category": "security"}),
        # what buyers have been pushing back on over a window: the week's objections
        ("what have buyers been pushing back on over the last 10 days?", "get_objections_this_week", {"days": 10}),
        ("what are customers pushing back on lately", "get_objections_this_week", {}),
        # the buyers' problems, also when said with "the people who buy", or as headaches before buying
        ("which problems do we solve for the folks who sign?", "get_pain_points", {}),
        ("what headaches did buyers have before they chose us", "get_pain_points", {}),
        ("what issues were customers struggling with before buying?", "get_pain_points", {}),
        # what a persona cares about, however long the persona is said
        ("what does the CFO on our closed-won deals usually care about?", "get_buyer_personas",
         {"persona": "Finance approver"}),
        ("what do the technical folks in our won deals care most about", "get_buyer_personas",
         {"persona": "Technical evaluator"}),
        # why the deals died / fell through: the loss reasons
        ("why did our deals fall apart last quarter?", "get_loss_reasons", {}),
        ("why have Sam's deals been dying?", "get_loss_reasons", {"owner": "Sam Patel"}),
        ("top reasons our deals go south", "get_loss_reasons", {}),
    ],
)  # fmt: skip
def test_dev_sets_n_and_o_insight_families(ws, question, tool, args):
    reads(ws, question, tool, args)


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        # one lead's look or worth, the score an inbound got: the lead score
        ("how does the hooli lead look?", "get_lead_score", {"company": "hooli"}),
        ("is the stark lead worth chasing?", "get_lead_score", {"company": "stark"}),
        ("what tier did the globex inbound get", "get_lead_score", {"company": "globex"}),
        # a company asked about as a name: the lookup
        ("is there an account in the crm called Northfield?", "lookup_company", {"company": "Northfield"}),
        ("does hubspot have a company named 'Bluefin'?", "lookup_company", {"company": "Bluefin"}),
        ("there are multiple waynes in the system, right?", "lookup_company", {"company": "waynes"}),
        ("which account do we mean by wayne?", "lookup_company", {"company": "wayne"}),
        ("does the CRM have anything called Zenhaven?", "lookup_company", {"company": "Zenhaven"}),
        # who is for us inside the account: the champion; the people and their roles: the stakeholders
        ("who's in our corner at Globex?", "get_deal_facts", {"company": "Globex", "fact": "champion"}),
        ("who is our inside man at acme", "get_deal_facts", {"company": "acme", "fact": "champion"}),
        ("who's pulling for us at Globex?", "get_deal_facts", {"company": "Globex", "fact": "champion"}),
        ("people involved at Hooli and their titles?", "get_deal_facts", {"company": "Hooli", "fact": "stakeholders"}),
        ("quick q - who are the players on the Initech deal, with roles and all?", "get_deal_facts",
         {"company": "Initech", "fact": "stakeholders"}),
        ("who handles Globex?", "get_deal_facts", {"company": "Globex", "fact": "owner"}),
        # what came out of a call, a call missed, a call summed up: the call summary
        ("what came out of the Globex call?", "get_call_summary", {"company": "Globex"}),
        ("couldn't make the Hooli call - what happened?", "get_call_summary", {"company": "Hooli"}),
        ("sum up the last call w/ Initech", "get_call_summary", {"company": "Initech"}),
        ("what did I miss on the Hooli call?", "get_call_summary", {"company": "Hooli"}),
        # "call prep: X" is a brief, not a call named "prep"
        ("call prep: Globex", "get_company_brief", {"company": "Globex"}),
        # whether a company will come through: the deal odds
        ("is Hooli going to come through?", "get_deal_odds", {"company": "Hooli"}),
        ("is stark gonna come through for us this time", "get_deal_odds", {"company": "Stark Industries"}),
        ("is Globex going to come through this quarter?", "get_deal_odds", {"company": "Globex"}),
        # deals stalling: the at-risk list
        ("why are my deals stalling?", "list_at_risk_deals", {"owners": ["me"]}),
        # where a company talked about something: the conversation search
        ("find where Globex talked about the renewal", "search_conversations", {"company": "Globex"}),
        ("show me when acme brought up security", "search_conversations", {"company": "acme"}),
    ],
)  # fmt: skip
def test_dev_sets_n_and_o_company_families(ws, question, tool, args):
    reads(ws, question, tool, args)


@pytest.mark.parametrize(
    ("question", "competitor"),
    [
        ("cheat sheet against Initrode?", "Initrode"),
        ("one-pager on initrode", "Initrode"),
        ("they're also evaluating Initrode - what do I need to know?", "Initrode"),
        ("Initrode is in the mix on this one, how do we win", "Initrode"),
    ],
)
def test_a_competitor_the_buyer_also_looks_at_is_its_battle_card(ws, question, competitor):
    decision = decide_q(ws, question)
    assert decision.tool == "get_battle_card", decision
    assert decision.args == {"competitor": competitor}, decision


def test_a_brief_on_a_name_that_contains_a_competitor_stays_a_brief(ws):
    decision = decide_q(ws, "brief me on Initrode Logistics")
    assert decision.tool == "get_company_brief", decision
    # a rival evaluated at one of our accounts: the account is named too, so it is no battle card alone
    assert decide_q(ws, "we're up against Initrode at Globex, what do I need to know?").tool != "get_battle_card"
    # what to say about the rival the buyer also looks at: the objection library
    decision = decide_q(ws, "they're also looking at Initrode - how do I handle that?")
    assert decision.tool == "search_objection_handling", decision


@pytest.mark.parametrize("question", ["how's it looking?", "how is that one looking", "how are things looking?"])
def test_how_its_looking_with_no_company_asks_which(ws, question):
    decision = decide_q(ws, question)
    assert decision.tool is None and decision.intent != "help", decision


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        # a count said with the total it comes with is the count (count_deals gives both)
        ("number and total value of deals over 50k", "count_deals", {"min_amount": 50000.0}),
        ("count + sum of deals closing this month", "count_deals", {}),
        # how far an account's deal has moved: the latest on it (in the plural, still the list)
        ("any movement on the globex deal?", "get_latest_on_company", {"company": "Globex"}),
        ("any progress with initech", "get_latest_on_company", {"company": "Initech"}),
        ("where are things at with globex", "get_latest_on_company", {"company": "Globex"}),
        # the one asking, said as what they do, is not an owner to filter on
        ("helen's asking where things stand with globex", "get_latest_on_company", {"company": "Globex"}),
        ("morgan's prepping for the QBR and wants our win rate last quarter", "get_closed_deal_metrics",
         {"metric": "win_rate", "owners": None}),
        # how long from a deal's start to its signing: the cycle time
        ("how many days from creation to closed won", "get_closed_deal_metrics", {"metric": "cycle_time"}),
        ("how long from first meeting to signature on average", "get_closed_deal_metrics", {"metric": "cycle_time"}),
        # a brief asked for as a thing to make, its parts listed: the company brief
        ("whip up a quick brief on initech - who's involved and what we've discussed", "get_company_brief",
         {"company": "Initech"}),
        ("call with globex at 2, pull together a short brief: stakeholders, past calls, similar wins",
         "get_company_brief", {"company": "Globex"}),
        # where an owner or a team will land or end up: their forecast
        ("where will morgan land this quarter", "forecast_bookings", {"owners": ["Morgan Lee"], "period": "quarter"}),
        ("where will sam end up this month", "forecast_bookings", {"owners": ["Sam Patel"], "period": "month"}),
        ("how much will the enterprise team bring in this qtr", "forecast_bookings", {"owners": ["Enterprise"]}),
        # the deals that will swing or decide someone's number, and "which N of my deals": make-or-break, N long
        ("the deals that could swing sam's number this month", "list_make_or_break_deals",
         {"owners": ["Sam Patel"], "period": "month"}),
        ("deals which will decide this quarter's number", "list_make_or_break_deals", {"period": "quarter"}),
        ("which two of my deals decide the quarter", "list_make_or_break_deals", {"owners": ["me"], "limit": 2}),
        ("which 4 of our deals decide whether we hit the number", "list_make_or_break_deals", {"limit": 4}),
        # one AE set against the rest of the team: their scorecard
        ("how does sam compare to his peers", "get_ae_performance", {"owners": ["Sam Patel"]}),
        ("how's sam patel stacking up against the team", "get_ae_performance", {"owners": ["Sam Patel"]}),
    ],
)  # fmt: skip
def test_set10_families(ws, question, tool, args):
    reads(ws, question, tool, args)


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        # a question typed as the slash command: its subcommand, as `/salesos` reads it
        ("/salesos objections", "get_objections_this_week", {}),
        ("/salesos score hooli", "get_lead_score", {"company": "hooli"}),
        ("/salesos library they keep comparing us to a competitor", "search_objection_handling",
         {"category": "competitor"}),
        ("/salesos ask what's the latest on Globex?", "get_latest_on_company", {"company": "Globex"}),
        # a lead given as labelled fields ("company: X, email: Y"): its score, "email:" is no verb
        ("can u score this one — company: Tidewater Analytics, email: mark.o@gmail.com, title: Head of Data",
         "score_lead", {"company": "Tidewater Analytics", "contact_email": "mark.o@gmail.com"}),
        ("rate this inbound - name: Jo Park, company: Acme Labs, email: jo@acmelabs.io, notes: 'wants a demo'",
         "score_lead", {"company": "Acme Labs", "contact_email": "jo@acmelabs.io"}),
        ("score this lead pls: company: Brightwave Labs, email: send.me@brightwave.io, title: CTO", "score_lead",
         {"company": "Brightwave Labs", "contact_email": "send.me@brightwave.io"}),
        # objections tallied over closed deals: the objection map
        ("objection breakdown across closed deals", "get_objection_map", {}),
        ("breakdown of objections across won and lost deals", "get_objection_map", {}),
        ("objection stats on lost deals", "get_objection_map", {}),
        # "when a buyer says X, how often do we still win": the map, for X's category
        ("when a buyer says they already have a tool, how often do we still end up winning", "get_objection_map",
         {"category": "already_have_tool"}),
        ("when prospects say it's too expensive, do we usually still win?", "get_objection_map",
         {"category": "pricing"}),
        # what has been driving / causing the losses (someone else asking): the loss reasons
        ("helen asks what's been driving our losses", "get_loss_reasons", {}),
        ("what has been driving our losses lately", "get_loss_reasons", {}),
        ("my manager wants to know what's been causing our losses", "get_loss_reasons", {}),
        # which of two companies sharing a name: the lookup
        ("new hire asks if 'cedarpoint' is the financial one or the security one", "lookup_company",
         {"company": "cedarpoint"}),
        ("is cedarpoint the financial one or the security one", "lookup_company", {"company": "cedarpoint"}),
        ("is 'northpoint' the healthcare one or the logistics one?", "lookup_company", {"company": "northpoint"}),
    ],
)  # fmt: skip
def test_set10_slash_text_leads_objections_losses_and_lookup_families(ws, question, tool, args):
    reads(ws, question, tool, args)


def test_families_that_stay_elsewhere(ws):
    # deals in the plural: the list, not one account's latest
    assert decide_q(ws, "any progress on my deals this week").tool != "get_latest_on_company"
    # a figure set against the team is the closed-deal metric; a rival is the battle card
    assert decide_q(ws, "how does sam's win rate compare to the team").tool == "get_closed_deal_metrics"
    assert decide_q(ws, "how do we stack up against quantix").tool == "get_battle_card"
    # what a company will land is no forecast
    assert decide_q(ws, "where will globex land on pricing").tool != "forecast_bookings"


@pytest.mark.parametrize(
    "question",
    ["when a buyer says they already have a tool, what do we say", "how have we handled pricing objections on deals "
     "we won?"],
)  # fmt: skip
def test_handling_an_objection_stays_the_library(ws, question):
    assert decide_q(ws, question).tool == "search_objection_handling"


@pytest.mark.parametrize(
    "question",
    ["how many employees does initrode have", "how big is initrode", "what's initrode's headcount",
     "how many people does initrode employ"],
)  # fmt: skip
def test_a_competitors_own_facts_are_not_in_the_crm(ws, question):
    decision = decide_q(ws, question)
    assert decision.tool is None and not decision.choices and decision.intent == "unknown", decision
    assert "competitor" in (decision.problem or ""), decision


def test_writes_still_read_as_writes_after_the_lead_field_rule(ws):
    for question in ("mark the acme deal as won", "email the acme contact about the deal"):
        decision = decide_q(ws, question)
        assert decision.tool is None and "can't change" in (decision.problem or ""), decision


# --- review of the round: readings that were confident guesses ------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "morning! update on my deals closing this week?",
        "slip risk on my deals this quarter",
        "hey - schedule for my calls today?",
        "which of my deals will prob slip this month",
    ],
)
def test_a_noun_that_is_also_a_write_verb_is_a_question(ws, question):
    decision = decide_q(ws, question)
    assert not (decision.problem or "").startswith("I can't change"), decision
    assert decision.tool != "get_deal_odds", decision  # "prob" is probably, not probability


@pytest.mark.parametrize(
    "question", ["ok, move the acme deal to closed won", "pls push the globex close date to march"]
)
def test_orders_after_a_greeting_are_still_writes(ws, question):
    decision = decide_q(ws, question)
    assert decision.tool is None and (decision.problem or "").startswith("I can't change"), decision


@pytest.mark.parametrize(
    "question",
    [
        "what did globex say about 'security review' - does that mean they're stalling?",
        "which account is biggest?",
        "which company is worth the most?",
    ],
)
def test_a_quoted_phrase_or_a_superlative_is_no_company_name_to_look_up(ws, question):
    assert decide_q(ws, question).tool != "lookup_company"


def test_pay_words_inside_a_conversation_question_are_its_topic(ws):
    decision = decide_q(ws, "did globex mention commission on the last call")
    assert decision.tool is not None, decision


@pytest.mark.parametrize("question", ["deals over 500", "my deals under 900 closing this quarter"])
def test_a_bare_small_amount_is_said_not_applied_never_guessed(ws, question):
    decision = decide_q(ws, question)
    assert decision.tool == "search_deals", decision
    assert "min_amount" not in decision.args and "max_amount" not in decision.args, decision
    assert any("amount" in u for u in decision.unapplied), decision


def test_a_ceiling_said_in_figures_is_a_ceiling_only(ws):
    decision = decide_q(ws, "deals south of six figures closing this quarter")
    assert decision.args.get("max_amount") == 100000 and "min_amount" not in decision.args, decision


@pytest.mark.parametrize(
    ("question", "tool"),
    [
        ("what did we book after marketing launched", "get_closed_deal_metrics"),  # "mar..." is no month
        ("how much did we book before march", "get_closed_deal_metrics"),  # from when? not guessed
        ("deals in the second half of the month", "search_deals"),  # half a month is no half-year
    ],
)
def test_periods_that_are_not_there_are_not_made_up(ws, question, tool):
    decision = decide_q(ws, question)
    assert decision.tool in (tool, None), decision
    assert not {"closed_from", "closing_from"} & set(decision.args), decision


# --- re-read of the argument readers: counts of things, tasks, created dates, one deal's status ----------------------


@pytest.mark.parametrize(
    "question",
    ["opportunities for 2500 users", "open deals sized at 2020 licenses", "any deals for 2030 seats in the pipeline"],
)
def test_a_number_counting_seats_or_users_is_no_year(ws, question):
    decision = decide_q(ws, question)
    assert decision.tool is not None, decision
    assert not {"closing_from", "closing_to", "min_amount"} & set(decision.args), decision
    assert any("quantity" in u for u in decision.unapplied), decision


@pytest.mark.parametrize(
    "question",
    [
        "open deals with late follow-ups closing this quarter",
        "how many opps have missed tasks",
        "show deals whose to-dos are overdue",
    ],
)
def test_overdue_tasks_are_no_overdue_close_date(ws, question):
    decision = decide_q(ws, question)
    closing_to = decision.args.get("closing_to")
    assert closing_to is None or closing_to >= TODAY.isoformat(), decision  # never "closed before today"
    if decision.tool in ("search_deals", "count_deals"):
        assert any("task" in u for u in decision.unapplied), decision


@pytest.mark.parametrize(
    ("question", "closing"),
    [
        ("opps opened since october that close next month", ("2026-12-01", "2026-12-31")),
        ("how many deals were added after nov 2 and land in q1", ("2027-01-01", "2027-03-31")),
        ("show deals entered on 11/3 closing this quarter", ("2026-10-01", "2026-12-31")),
    ],
)
def test_a_created_date_before_the_closing_period_is_no_close_date(ws, question, closing):
    decision = decide_q(ws, question)
    assert (decision.args.get("closing_from"), decision.args.get("closing_to")) == closing, decision
    assert any("created-date" in u for u in decision.unapplied), decision


def test_a_created_date_alone_is_still_said_and_no_close_date(ws):
    decision = decide_q(ws, "deals opened last week")
    assert "closing_from" not in decision.args and not any(n.startswith("Closing") for n in decision.notes), decision


@pytest.mark.parametrize(
    "question",
    [
        "did the globex opp close",
        "have we signed initech yet?",
        "did we win the umbrella deal",
        "has the initech deal been won yet",
    ],
)
def test_a_yes_no_question_about_one_companys_deal_is_the_latest_on_it(ws, question):
    decision = decide_q(ws, question)
    assert decision.tool == "get_latest_on_company" and decision.args.get("company"), decision


@pytest.mark.parametrize(
    "question",
    ["did we close anything with acme this quarter", "how much did we win with globex", "did we win more this month"],
)
def test_an_outcome_question_about_a_set_of_deals_stays_the_figures(ws, question):
    decision = decide_q(ws, question)
    assert decision.tool == "get_closed_deal_metrics", decision


def test_what_was_said_already_is_known_by_its_kind_not_by_words_of_its_label(ws):
    from bot.copilot.decide import FILTER_KINDS, FILTERS_NOT_TAKEN, unreflected_slots
    from bot.copilot.understanding import Unapplied, Understanding, load_names

    assert len(FILTER_KINDS) == len(FILTERS_NOT_TAKEN)
    engine, _ids = ws
    with Session(engine) as s:
        names = load_names(s)
    decision = Understanding(intent="at_risk", tool="list_at_risk_deals", args={})
    contact = Unapplied(
        "a contact or role filter (deals filter on owner, stage, amount, close date and company)", "contact"
    )
    for question in ("at-risk deals worth $50k with no cfo involved", "risky deals around 2m where the ceo is missing"):
        out = unreflected_slots(decision, question, names, TODAY, said=[contact])
        assert any(o.startswith("the amount") for o in out), (question, out)  # no amount said
        said = [contact, Unapplied("an amount filter", "amount")]
        out = unreflected_slots(decision, question, names, TODAY, said=said)
        assert not any(o.startswith("the amount") for o in out), (question, out)


def test_first_names_are_read_once_per_workspace_state(ws):
    from bot.copilot.understanding import load_names, owner_by_first_name
    from store.models import Owner

    engine, _ids = ws
    with Session(engine) as s:
        names = load_names(s)
        first = names.first_names
        assert owner_by_first_name("sam", names) == "Sam Patel" and names.first_names is first  # built once
        assert load_names(s).first_names is first  # the same names while the store is unchanged
        s.add(Owner(name="Priya Raman", email="priya@example.com", team="Midmarket"))
        s.commit()
        assert owner_by_first_name("priya", load_names(s)) == "Priya Raman"  # a new owner: read again


@pytest.mark.parametrize(
    ("word", "owner"),
    [("smo", None), ("paleto", None), ("patel", None), ("samm", "Sam Patel"), ("morgn", "Morgan Lee"),
     ("organ", None), ("morgans", None), ("dnaa", None)],
)  # fmt: skip
def test_a_fuzzy_first_name_keeps_its_first_letter_and_is_no_inflected_name(ws, word, owner):
    from bot.copilot.understanding import load_names, owner_by_first_name

    engine, _ids = ws
    with Session(engine) as s:
        assert owner_by_first_name(word, load_names(s)) == owner


# --- held-out set 11: people and periods said around the question, not as its filters -----------------------------


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("list my deals in contract sent ahead of sam's pipeline review", "search_deals",
         {"owners": ["me"], "stages": ["contractsent"]}),
        ("sam says my pipeline is thin, how many open deals do i have", "count_deals", {"owners": ["me"]}),
        ("how many of my deals are over $50k? sam thinks i should focus on the big ones", "count_deals",
         {"owners": ["me"], "min_amount": 50000}),
        ("which of my deals are stuck in contract sent for 30+ days, for sam's qbr", "search_deals",
         {"owners": ["me"], "min_days_in_stage": 30}),
        ("my biggest 5 deals before sam's 1:1 with me", "search_deals", {"owners": ["me"], "limit": 5}),
    ],
)  # fmt: skip
def test_a_colleague_named_as_context_is_no_owner(ws, text, tool, args):
    # a possessive on a meeting or idea, or a colleague who thinks or says something, is why the asker asks
    reads(ws, text, tool, args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("what are sam's 5 biggest deals? I'm shadowing him on a couple of calls next week.", "search_deals",
         {"owners": ["Sam Patel"], "limit": 5, "closing_from": None}),
        ("how many open deals does sam have? I'll be covering his accounts this month.", "count_deals",
         {"owners": ["Sam Patel"], "closing_from": None}),
        ("which of sam's deals are in contract sent? We're going through them together tomorrow.", "search_deals",
         {"owners": ["Sam Patel"], "stages": ["contractsent"], "closing_from": None}),
        ("what's the win rate on deals we closed last quarter? I want to compare it with what I'm seeing now",
         "get_closed_deal_metrics", {"metric": "win_rate", "owners": None}),
    ],
)  # fmt: skip
def test_a_sentence_about_the_askers_own_plans_filters_nothing(ws, text, tool, args):
    # the period and the "I" of "I'm shadowing him next week" are the asker's plans, not the deals' close dates
    reads(ws, text, tool, args)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("sam's deals closing this month? I want to see the ones over $50k", {"min_amount": 50000}),
        ("what's closing for sam? I only want this week's", {"closing_from": "2026-11-23"}),
    ],
)
def test_a_sentence_that_narrows_the_ask_still_counts(ws, text, args):
    decision = decide_q(ws, text)
    assert {k: decision.args.get(k) for k in args} == args, decision


@pytest.mark.parametrize(
    "text",
    ["how many vacation days have i got left this year", "when does my next paycheck land",
     "how many sick days have i used", "can you check my 401k match", "how much time off do i have banked"],
)  # fmt: skip
def test_the_askers_own_hr_matters_are_not_crm_data(ws, text):
    # "how many ... do i have left" reads like a count of my deals; time off and pay are not in the CRM
    decision = decide_q(ws, text)
    assert decision.tool is None and decision.intent == "unknown", decision


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("how many deals are there over .5mm", "count_deals", {"min_amount": 500000}),
        ("open deals above $.3m in contract sent", "search_deals", {"min_amount": 300000}),
        ("my deals under .75m", "search_deals", {"max_amount": 750000}),
        ("count of deals > .1 million", "count_deals", {"min_amount": 100000}),
    ],
)  # fmt: skip
def test_an_amount_in_millions_without_its_leading_zero_is_read(ws, text, tool, args):
    reads(ws, text, tool, args)


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        ("how do i stack up against the team on win rate and deal size this quarter", ["me"]),
        ("how is sam doing compared to the rest of the team on close rate, sales cycle and acv", ["Sam Patel"]),
        ("am i performing against my peers on cycle time and win rate?", ["me"]),
    ],
)  # fmt: skip
def test_several_figures_against_the_team_are_the_ae_scorecard(ws, text, owners):
    # the closed-deal metrics answer one figure; win rate, cycle and deal size next to the team's are the scorecard
    reads(ws, text, "get_ae_performance", {"owners": owners})


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("what's the latest on globex before i pitch in on the deal", "Globex"),
        ("where are we with globex? need the latest before we pitch in", "Globex"),
        ("where does stark industries stand? before i pitch in i want the latest", "Stark Industries"),
    ],
)
def test_pitching_in_is_helping_out_not_a_pitch_to_prepare(ws, text, company):
    # "before I pitch in" is no meeting ahead, so no pre-call brief: the question asks where the account stands
    decision = decide_q(ws, text)
    assert decision.tool == "get_latest_on_company", decision
    assert decision.args["company"].lower() == company.lower(), decision


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("any new types of pushback showing up? go back 2 weeks", {"days": 14}),
        ("what kinds of objections have been cropping up, looking back 45 days", {"days": 45}),
        ("new sorts of objections surfacing? look back 3 weeks", {"days": 21}),
        ("objections popping up for the team - look back 60 days", {"days": 60}),
    ],
)  # fmt: skip
def test_objections_coming_up_over_a_window_are_the_recent_objections(ws, text, args):
    # which objections came up recently, the window said in any words: the week's objections, not the library
    reads(ws, text, "get_objections_this_week", args)


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("which of sam's closed-lost deals deserve another shot?", "sam"),
        ("any of morgan's lost deals we could take another swing at", "morgan"),
        ("sam's closed lost opps worth another go?", "sam"),
        ("which of my lost deals should we have another crack at", "me"),
    ],
)  # fmt: skip
def test_lost_deals_worth_another_try_are_the_reactivation_list(ws, text, owner):
    # lost deals worth another shot or swing are the ones to reopen, not a count of the lost ones
    decision = reads(ws, text, "get_reactivation_list", {})
    assert str(decision.args.get("owner", "")).lower().startswith(owner), decision


@pytest.mark.parametrize(
    "text",
    [
        "initrode came up on the call - how do we usually do against them",
        "the buyer brought up initrode on the demo, how do we normally do vs them",
        "initrode showed up in the deal - how do we usually fare against them?",
        "initrode was on the call with globex, how do we generally do against them",
    ],
)
def test_how_we_usually_do_against_a_rival_is_its_battle_card(ws, text):
    # how we do against a rival, however often said, is the battle card, not a summary of the call it came up on
    reads(ws, text, "get_battle_card", {"competitor": "Initrode"})


@pytest.mark.parametrize(
    "text",
    [
        "why does sam keep losing? morgan's curious",
        "why is sam losing deals? morgan is wondering",
        "morgan's curious - why have sam's deals been dying?",
    ],
)
def test_a_colleague_who_is_curious_is_no_owner(ws, text):
    # the colleague who wonders is why the asker asks; the one losing is whose losses are asked
    reads(ws, text, "get_loss_reasons", {"owner": "Sam Patel"})


@pytest.mark.parametrize(
    ("text", "tool", "owner"),
    [
        ("which of sam patle's deals are in trouble", "list_at_risk_deals", "Sam Patel"),
        ("show dana reyse's deals", "search_deals", "Dana Reyes"),
        ("which of morgan leee's deals are at risk?", "list_at_risk_deals", "Morgan Lee"),
    ],
)
def test_a_mistyped_surname_after_its_first_name_is_that_owner(ws, text, tool, owner):
    # a surname typo after the owner's first name names them, not an owner the workspace does not have
    reads(ws, text, tool, {"owners": [owner]})


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("is the inbound from hooli any good or a tire kicker", "hooli"),
        ("is that lead from stark legit?", "stark"),
        ("the inbound from globex - serious or a tire kicker?", "globex"),
    ],
)
def test_whether_one_lead_is_any_good_is_its_score(ws, text, company):
    # whether a lead is any good, legit or a tire kicker is what its score says
    reads(ws, text, "get_lead_score", {"company": company})


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("which deals haven't been touched in three weeks", 21),
        ("anything untouched for 10 days?", 10),
        ("deals nobody has touched in 2 weeks", 14),
        ("my accounts that haven't had a touch in 8 days", 8),
    ],
)
def test_deals_nobody_touched_are_the_silent_ones_not_a_closing_window(ws, text, days):
    # "not touched in two weeks" is a silence of 14 days, not deals closing in the next two weeks
    reads(ws, text, "list_silent_deals", {"days": days})


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("deals between thirty and sixty thousand this quarter", {"min_amount": 30000.0, "max_amount": 60000.0}),
        ("my deals over seventy-five thousand dollars", {"min_amount": 75000.0}),
        ("anything under two hundred and fifty k in contract sent", {"max_amount": 250000.0}),
        ("deals from fifteen to forty k", {"min_amount": 15000.0, "max_amount": 40000.0}),
        ("deals bigger than one point five million", {"min_amount": 1500000.0}),
        ("eighty k and up deals for me", {"min_amount": 80000.0}),
    ],
)
def test_amounts_said_in_words_are_applied_as_dictated(ws, text, args):
    # voice-to-text spells amounts out, and says the scale once for a range: never dropped
    reads(ws, text, "search_deals", args)


@pytest.mark.parametrize(
    ("text", "by"),
    [
        ("which reps had the highest win rate last quarter", "owner"),
        ("who's got the biggest average deal size this year", "owner"),
        ("which teams won more last month", "team"),
    ],
)
def test_which_reps_or_teams_lead_a_figure_is_the_figure_broken_down(ws, text, by):
    # "which reps have the best X" compares reps: the figure by owner, not one team-wide number
    reads(ws, text, "get_closed_deal_metrics", {"by": by})


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("who's the decision maker over at globex?", "get_deal_facts", {"company": "Globex", "fact": "stakeholders"}),
        ("is the decision-maker on the hooli deal the CFO?", "get_deal_facts", {"company": "Hooli"}),
        (
            "our deals where the decision maker has finally bought in",
            "search_deals",
            {"stages": ["decisionmakerboughtin"]},
        ),
        ("how many deals sit at the decision maker stage", "count_deals", {"stages": ["decisionmakerboughtin"]}),
    ],
)
def test_the_decision_maker_of_an_account_is_a_person_the_stage_is_said_otherwise(ws, text, tool, args):
    # "who's the decision maker at X" asks for the account's people, not its deals in "Decision maker bought in"
    reads(ws, text, tool, args)


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("how many deals have we lost with wayne enterprises", "Wayne Enterprises"),
        ("win rate on deals with stark industries this year", "Stark Industries"),
    ],
)
def test_a_segment_word_inside_a_company_name_is_no_segment_filter(ws, text, company):
    # "Wayne Enterprises" names a company: its figures are not the enterprise segment's
    decision = reads(ws, text, "get_closed_deal_metrics", {"segment": None})
    assert any(company in str(u) for u in decision.unapplied), decision


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("pull the one-pager for my four o'clock with globex", "Globex"),
        ("prep me for the 10:30am with hooli", "Hooli"),
    ],
)
def test_a_meeting_named_by_its_time_is_no_part_of_the_company(ws, text, company):
    # "my three o'clock with acme" is a meeting with Acme: the time is not read into the company's name
    reads(ws, text, "get_company_brief", {"company": company})


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        (
            "how many of my deals are at the point where the contract has gone out",
            "count_deals",
            {"stages": ["contractsent"]},
        ),
        ("any deals we lost last year worth trying again?", "get_reactivation_list", {}),
        ("what have we heard from buyers about implementation time", "search_conversations", {}),
        (
            "so how many days on average does it take a deal to close",
            "get_closed_deal_metrics",
            {"metric": "cycle_time"},
        ),
    ],
)
def test_plain_words_of_a_newcomer_reach_the_capability_and_its_filters(ws, text, tool, args):
    # said in a newcomer's words: the contract gone out is the stage, lost deals worth trying again the revive list,
    # what we heard about a topic a conversation search, how many days to close the cycle time (not a count)
    reads(ws, text, tool, args)


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("send me my deals at risk", "list_at_risk_deals"),
        ("can you send us the list of silent deals for the team", "list_silent_deals"),
    ],
)
def test_sent_to_the_asker_is_shown_to_them_not_refused_as_a_write(ws, text, tool):
    # "send me the list" asks to see it; sending to someone else, or a reminder, stays an action the copilot refuses
    reads(ws, text, tool, {})


@pytest.mark.parametrize("text", ["send me a reminder to call globex friday", "send the hooli brief to my manager"])
def test_a_reminder_or_a_send_to_someone_else_stays_refused(ws, text):
    assert decide_q(ws, text).tool is None


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("how's my when rate looking this quarter", "get_closed_deal_metrics", {"metric": "win_rate"}),
        ("the for cast for this month", "forecast_bookings", {"period": "month"}),
        ("open the battle cart on initrode", "get_battle_card", {}),
    ],
)
def test_words_voice_to_text_mishears_are_read_as_meant(ws, text, tool, args):
    # dictated questions: "when rate" is the win rate, "for cast" the forecast, "battle cart" the battle card
    reads(ws, text, tool, args)


@pytest.mark.parametrize(
    ("text", "tool", "owners"),
    [
        (
            "I took over some of Sam's accounts this month. How am I doing compared to the rest of the team?",
            "get_ae_performance",
            ["me"],
        ),
        (
            "Sam and Morgan are out Friday. Which of their deals are at risk?",
            "list_at_risk_deals",
            ["Sam Patel", "Morgan Lee"],
        ),
    ],
)
def test_the_owners_are_those_of_the_question_not_of_the_sentences_before_it(ws, text, tool, owners):
    # a sentence before the question says why it is asked; the question's own owners (or its pronouns) decide
    decision = reads(ws, text, tool, {})
    assert sorted(decision.args.get("owners") or []) == sorted(owners), decision


@pytest.mark.parametrize(
    ("text", "company"),
    [("what are the odds we close globex, in your opinion?", "Globex"), ("honestly, chances on hooli?", "Hooli")],
)
def test_the_askers_hedges_are_no_part_of_the_company(ws, text, company):
    # "in your opinion", "honestly": how the question is asked, never words of the company's name
    reads(ws, text, "get_deal_odds", {"company": company})


@pytest.mark.parametrize(
    ("text", "company"),
    [("how confident can we be about the hooli deal?", "Hooli"), ("how solid is globex", "Globex")],
)
def test_how_sure_to_be_of_one_deal_is_its_odds(ws, text, company):
    # "how confident should I be about X" asks X's odds; it was a list of the asker's deals with X dropped
    reads(ws, text, "get_deal_odds", {"company": company})


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("what's changed on the hooli deal this week?", "get_latest_on_company", {"company": "Hooli"}),
        ("who's the main point of contact at globex", "get_deal_facts", {"company": "Globex"}),
        ("what did we promise stark on the last call", "get_call_summary", {"company": "stark"}),
    ],
)
def test_what_changed_on_one_deal_is_its_latest_and_its_contact_words_are_no_company(ws, text, tool, args):
    # the week is when it changed, not when the deal closes; "main point of contact", "promised" are not the company
    reads(ws, text, tool, args)


def test_what_changed_across_the_pipeline_says_it_has_no_change_history(ws):
    decision = decide_q(ws, "what changed in the pipeline this week")
    assert decision.tool is None or any("history" in str(u) for u in decision.unapplied), decision


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        (
            "emails from hooli about the renewal terms in the last week",
            "search_conversations",
            {"company": "Hooli", "kinds": ["email"]},
        ),
        (
            "calls where security came up with globex",
            "search_conversations",
            {"query": "security", "company": "Globex", "kinds": ["call"]},
        ),
        ("which objections do we win most against", "get_objection_map", {"category": None}),
    ],
)
def test_sources_where_a_topic_came_up_and_a_window_of_one_week(ws, text, tool, args):
    # "calls where X came up" is a search for X; "in the last week" is seven days; "win against" alone is no rival
    decision = reads(ws, text, tool, args)
    if "last week" in text:
        today = fx.NOW.astimezone(ZoneInfo("America/New_York")).date()
        assert decision.args.get("since") == (today - timedelta(days=7)).isoformat(), decision


def test_disqualified_leads_are_not_the_qualified_stage(ws):
    decision = decide_q(ws, "show me the leads we disqualified this week")
    assert "qualifiedtobuy" not in (decision.args.get("stages") or []), decision


def test_wont_is_no_won(ws):
    # "won't happen" says nothing was won (it was a count of deals won this week), nor lists the deals that will
    for said in ("my deals with close dates this week that probably won't happen", "how many deals won't close this q"):
        decision = decide_q(ws, said)
        assert decision.tool not in ("get_closed_deal_metrics", "count_deals", "search_deals"), decision


# --- dev set Q: a pipeline review, people and agenda items said around the question --------------------------------


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("morgan: what does sam's pipeline look like by stage", "summarize_pipeline", {"owners": ["Sam Patel"]}),
        ("morgan - how many deals does sam have in contract sent", "count_deals", {"owners": ["Sam Patel"]}),
        ("how many open deals do i have? want to know before morgan gets to me", "count_deals", {"owners": ["me"]}),
        ("what's sam's pipeline by stage? morgan will call on me next", "summarize_pipeline",
         {"owners": ["Sam Patel"]}),
        ("which of my deals are in contract sent, before morgan comes to me", "search_deals", {"owners": ["me"]}),
    ],
)  # fmt: skip
def test_a_speaker_or_requester_named_around_the_question_is_no_owner(ws, text, tool, args):
    # a name set before the question ("morgan: ...") or a colleague turning to the asker is who asks, not whose deals
    reads(ws, text, tool, args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("morgan: what's closing this month", "search_deals", {"owners": ["Morgan Lee"]}),
        ("sam - deals in contract sent", "search_deals", {"owners": ["Sam Patel"]}),
        ("acme: who's the champion", "get_deal_facts", {"company": "acme"}),
    ],
)
def test_a_name_before_the_question_is_its_subject_when_no_one_else_is_named(ws, text, tool, args):
    # "sam - deals in contract sent" is a terse filter on Sam; a company before the colon is the company asked about
    reads(ws, text, tool, args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("we just wrapped the risk section. sam's open pipeline by stage next", "summarize_pipeline",
         {"owners": ["Sam Patel"], "by": "stage"}),
        ("ok, done with the forecast part - how many deals does sam have in contract sent", "count_deals",
         {"owners": ["Sam Patel"], "stages": ["contractsent"]}),
        ("pipeline by owner next, we've covered the at-risk slides", "summarize_pipeline", {"by": "owner"}),
    ],
)  # fmt: skip
def test_an_agenda_item_the_meeting_has_covered_picks_no_capability(ws, text, tool, args):
    # "the forecast part" the meeting is done with is where the meeting is, not what is asked now
    reads(ws, text, tool, args)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("morgan wants to know what we'll probably book this month, with the range", {"period": "month"}),
        ("what i'll realistically land this quarter", {"period": "quarter", "owners": ["me"]}),
        ("the number we'll bring in this quarter, with best and worst case", {"period": "quarter"}),
    ],
)
def test_what_will_realistically_land_with_its_range_is_the_forecast(ws, text, args):
    # what is expected to be booked, hedged or with its interval, is the forecast, not the deals closing in the period
    reads(ws, text, "forecast_bookings", args)


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("risk check on wayne enterprizes", "Wayne Enterprises"),
        ("quick health check on wayne fods", "Wayne Foods"),
        ("can you do a risk check on wayn enterprises for me", "Wayne Enterprises"),
    ],
)
def test_a_risk_check_on_a_misspelt_company_is_that_companys_risk(ws, text, company):
    # a misspelt name whose first word several companies share is still the one company it nearly spells
    from tools.deals import resolve_company

    decision = decide_q(ws, text)
    assert decision.tool == "list_at_risk_deals", decision
    with Session(ws[0]) as s:
        assert resolve_company(s, decision.args["company"]).company.name == company, decision


@pytest.mark.parametrize(
    ("text", "company", "fact"),
    [
        ("sam says his main contact at globex left. who's our champion there now?", "Globex", "champion"),
        ("morgan mentioned the cfo at initech quit. who are the stakeholders now?", "Initech", "stakeholders"),
        ("sam said the buyer at hooli went quiet. who's the champion on that deal?", "Hooli", "champion"),
    ],
)
def test_a_statement_before_a_deal_fact_question_supplies_no_filters(ws, text, company, fact):
    # who said it and the contact who left are why the fact is asked: no owner, no stage, no other capability
    from tools.deals import resolve_company

    decision = reads(ws, text, "get_deal_facts", {"fact": fact})
    with Session(ws[0]) as s:
        assert resolve_company(s, decision.args["company"]).company.name == company, decision


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("sam thinks globex is a lock. will we really win it?", "Globex"),
        ("is initech actually in the bag?", "Initech"),
        ("will we actually land globex?", "Globex"),
        ("morgan says the acme corp deal is a sure thing - will we really close it?", "Acme Corp"),
    ],
)
def test_whether_we_will_actually_land_one_deal_is_its_odds(ws, text, company):
    # a deal said to be a lock, and "will we actually land it", ask that deal's win probability
    reads(ws, text, "get_deal_odds", {"company": company})


@pytest.mark.parametrize(
    "text", ["will we actually close anything this month", "will we really land our number this quarter"]
)
def test_whether_we_will_land_a_period_is_no_one_deals_odds(ws, text):
    assert decide_q(ws, text).tool != "get_deal_odds"


@pytest.mark.parametrize(
    "text",
    [
        "what else can you do?",
        "morgan's asking what this bot can really do apart from listing deals",
        "what exactly can the copilot answer",
    ],
)
def test_what_the_bot_can_do_however_asked_is_help(ws, text):
    assert decide_q(ws, text).intent == "help"


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("what tier did northwind robotics come in as", "northwind robotics"),
        ("which tier is brightpath labs", "brightpath labs"),
        ("what grade did zenhaven came in at", "zenhaven"),
    ],
)
def test_the_tier_a_company_came_in_as_is_its_lead_score(ws, text, company):
    # a tier (A-D) is a lead's: the company as typed, without how it came in
    reads(ws, text, "get_lead_score", {"company": company})


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("is wayne one company or two in hubspot?", "wayne"),
        ("not sure if birchleaf is a single account or several", "birchleaf"),
    ],
)
def test_whether_a_name_is_one_company_or_two_is_a_lookup(ws, text, name):
    reads(ws, text, "lookup_company", {"company": name})


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("sam's opps, contractsent, over 40k", "search_deals",
         {"owners": ["Sam Patel"], "stages": ["contractsent"], "min_amount": 40000.0}),
        ("how many in qualifiedtobuy right now", "count_deals", {"stages": ["qualifiedtobuy"]}),
        ("presentationscheduled or decisionmakerboughtin deals for dana", "search_deals",
         {"owners": ["Dana Reyes"], "stages": ["presentationscheduled", "decisionmakerboughtin"]}),
        ("deals sitting in appointmentscheduled 10d+", "search_deals",
         {"stages": ["appointmentscheduled"], "min_days_in_stage": 10}),
    ],
)  # fmt: skip
def test_a_stage_typed_as_its_crm_key_is_that_stage(ws, text, tool, args):
    # the CRM's raw stage keys ("contractsent", "decisionmakerboughtin") are the stages, never dropped
    reads(ws, text, tool, args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("qty of sam's deals closing next 45d", "count_deals", {"owners": ["Sam Patel"]}),
        ("quantity of opps in contract sent", "count_deals", {"stages": ["contractsent"]}),
        ("tally of 7-fig+ deals", "count_deals", {"min_amount": 1_000_000.0}),
        ("number + total of six figs+ deals closing this qtr", "count_deals", {"min_amount": 100_000.0}),
    ],
)  # fmt: skip
def test_a_count_said_in_shorthand_is_a_count(ws, text, tool, args):
    # "qty of", "tally of" ask how many; "6-fig+", "six figs+" is the six-figure floor, never dropped
    reads(ws, text, tool, args)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("objections raised on calls L21D", "get_objections_this_week", {"days": 21}),
        ("pushback we heard l3w", "get_objections_this_week", {"days": 21}),
        ("avg deal size L60D", "get_closed_deal_metrics",
         {"closed_from": (TODAY - timedelta(days=60)).isoformat(), "closed_to": TODAY.isoformat()}),
    ],
)  # fmt: skip
def test_a_spreadsheet_look_back_is_that_window(ws, text, tool, args):
    # "L90D", "L3W": the last 90 days, 3 weeks (the window of the closed figures or of the objections heard)
    reads(ws, text, tool, args)


def test_a_created_date_in_spreadsheet_shorthand_is_said_as_not_applied(ws):
    # "created L30D": a created-date filter the deal list cannot take, said with the answer, never dropped
    decision = decide_q(ws, "opps created L14D over 50k")
    assert decision.tool == "search_deals" and decision.args.get("min_amount") == 50000.0, decision
    assert any("created" in u for u in decision.unapplied), decision


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("umbrela corporation deals >= 100k", {"company": "umbrela corporation", "min_amount": 100000.0}),
        ("stark industires opps over $40k", {"company": "stark industires", "min_amount": 40000.0}),
        ("wayne enterprses deals btwn 5k and 10k", {"company": "wayne enterprses", "max_amount": 10000.0}),
    ],
)  # fmt: skip
def test_a_misspelt_company_followed_by_an_amount_is_the_company(ws, text, args):
    # the amount read as a filter is no part of the name, so the misspelt name still finds its company
    decision = reads(ws, text, "search_deals", args)
    with Session(ws[0]) as s:
        from tools.deals import resolve_company_strict

        assert resolve_company_strict(s, decision.args["company"]).company is not None, decision


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("won count by rep last mo", {"metric": "won_count", "by": "owner", "closed_from": "2026-10-01"}),
        ("Software lost count Q3", {"metric": "lost_count", "segment": "Software", "closed_from": "2026-07-01",
                                    "closed_to": "2026-09-30"}),
        ("won amt Retail 2025", {"metric": "won_amount", "segment": "Retail", "closed_from": "2025-01-01",
                                 "closed_to": "2025-12-31"}),
        ("sam won $ 2024", {"owners": ["Sam Patel"], "closed_from": "2024-01-01"}),
    ],
)  # fmt: skip
def test_a_terse_won_or_lost_figure_is_the_closed_deal_metric(ws, text, args):
    # "won count", "lost count", "won amt" with a past quarter or a bare year: the closed figures of that period,
    # never a count of open deals closing in the next such quarter
    reads(ws, text, "get_closed_deal_metrics", args)


def test_a_bare_future_year_is_no_closed_period(ws):
    decision = decide_q(ws, "won amt 2031")
    assert decision.tool == "get_closed_deal_metrics" and "closed_from" not in decision.args, decision
    assert decision.unapplied, decision  # said, not dropped


def test_a_change_of_amount_in_shorthand_is_a_write(ws):
    # "amt" is the amount: bumping it is a change the copilot does not make
    decision = decide_q(ws, "bump the globex amt to 80k")
    assert decision.tool is None and "can't change" in (decision.problem or ""), decision


@pytest.mark.parametrize(
    ("text", "query", "category"),
    [
        ("timing obj: 'circle back next year' - how'd we handle it on won deals?", "circle back next year", "timing"),
        ("security obj - 'we need a pen test first' - best answers", "we need a pen test first", "security"),
        ("competitor objs: 'Initrode is cheaper' - best comebacks", "Initrode is cheaper", "competitor"),
    ],
)  # fmt: skip
def test_an_objection_said_in_shorthand_is_the_objection_library(ws, text, query, category):
    # "obj" is an objection: how it was answered on won deals is the library, not a won-deal figure
    reads(ws, text, "search_objection_handling", {"query": query, "category": category})


@pytest.mark.parametrize(
    ("text", "company", "email"),
    [
        ("rate this lead -> Harbor Dental Group, ops@harbordental.com, size 50-200, scheduling",
         "Harbor Dental Group", "ops@harbordental.com"),
        ("score lead => Northbeam Labs, priya@northbeam.io, 200 employees", "Northbeam Labs", "priya@northbeam.io"),
        ("grade this inbound → Quarry Point Logistics, jo.m@quarrypoint.com, 1000-5000",
         "Quarry Point Logistics", "jo.m@quarrypoint.com"),
    ],
)  # fmt: skip
def test_a_lead_given_after_an_arrow_is_scored(ws, text, company, email):
    # "rate this lead -> Company, e-mail, size": a new lead described to score, not the score of a stored one
    reads(ws, text, "score_lead", {"company": company, "contact_email": email})


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("close rate when timing gets raised - answered vs deflected", "timing"),
        ("win rate when authority comes up, deflected vs answered", "authority"),
        ("pricing objections: answered or dodged, do we still win?", "pricing"),
    ],
)  # fmt: skip
def test_answered_vs_deflected_names_no_competitor(ws, text, category):
    # "answered vs deflected" is what the objection map compares: the category is the one said, not "competitor"
    reads(ws, text, "get_objection_map", {"category": category})


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("sam's closed-lost reasons breakdown", "Sam Patel"),
        ("morgan lost deal reasons", "Morgan Lee"),
        ("my closedlost reasons", "me"),
    ],
)  # fmt: skip
def test_an_owners_closed_lost_reasons_are_the_loss_reasons(ws, text, owner):
    # the reasons named after the outcome ("closed-lost reasons") are why the deals were lost, not the lost deals
    decision = reads(ws, text, "get_loss_reasons", {})
    assert str(decision.args.get("owner", "")).lower().startswith(owner.lower()), decision


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("revive list - just the ones we lost to Initrode", "get_reactivation_list"),
        ("which Initrode losses could we win back?", "get_reactivation_list"),
        ("loss reasons, only deals where Initrode was in the mix", "get_loss_reasons"),
    ],
)  # fmt: skip
def test_a_competitor_filter_a_list_cannot_take_is_said(ws, text, tool):
    # the reactivation list and the loss reasons are not kept by competitor: the filter is said, never dropped
    decision = reads(ws, text, tool, {})
    assert any("Initrode" in u for u in decision.unapplied), decision


@pytest.mark.parametrize(
    ("text", "tool", "intent"),
    [
        ("fcst", "forecast_bookings", "forecast_bookings"),
        ("team fcast this month", "forecast_bookings", "forecast"),
        ("cmd list?", None, "help"),
        ("which queries can this bot take", None, "help"),
        ("what filters does it support?", None, "help"),
    ],
)  # fmt: skip
def test_the_forecast_and_the_help_asked_in_shorthand(ws, text, tool, intent):
    # "fcst" is the forecast; "cmds?", "what filters/queries do u support" ask what the copilot takes: the help
    decision = decide_q(ws, text)
    assert (decision.tool, decision.intent) == (tool, intent), decision


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("which co is 'wayne'?", "wayne"),
        ('which acct is "umbrella"', "umbrella"),
    ],
)  # fmt: skip
def test_which_co_is_a_quoted_name_is_a_lookup(ws, text, name):
    # "co" and "acct" are company and account: a quoted name asked about is looked up
    reads(ws, text, "lookup_company", {"company": name})


@pytest.mark.parametrize(
    ("text", "company", "since"),
    [
        ("mentions of Initrode at Globex since Oct", "Globex", "2026-10-01"),
        ("references to SOC 2 from Umbrella Corporation since nov 2", "Umbrella Corporation", "2026-11-02"),
        ("any mentions of discounts with Acme Corp", "Acme Corp", None),
    ],
)  # fmt: skip
def test_mentions_of_a_topic_at_a_company_is_a_conversation_search(ws, text, company, since):
    # "mentions of X at Y since Nov" is a search of what was said, with the company and the start as filters
    decision = reads(ws, text, "search_conversations", {"company": company, "since": since})
    assert not decision.args["query"].lower().endswith((" at", " from", " with")), decision


@pytest.mark.parametrize(
    ("text", "tool", "owners"),
    [
        (
            "How many of Sam's deals are in contract sent? I think a few should be mine by now.",
            "count_deals",
            ["Sam Patel"],
        ),
        (
            "What's my win rate this year? I have a 1:1 with Morgan and want to know first.",
            "get_closed_deal_metrics",
            ["me"],
        ),
        ("Why did Morgan lose deals? Some of those accounts are mine now.", "get_loss_reasons", None),
    ],
)
def test_the_owners_are_those_of_the_sentence_that_asks(ws, text, tool, owners):
    # a statement after the question (about the asker or someone else) is context: the question's owners decide
    decision = reads(ws, text, tool, {})
    if owners is None:
        assert decision.args.get("owner") not in (None, "me"), decision
    else:
        assert sorted(decision.args.get("owners") or []) == sorted(owners), decision


def test_a_dictated_name_without_its_apostrophe_before_asking_is_context(ws):
    # "morgans asking for my numbers": Morgan is asking, her deals are not asked about
    decision = reads(ws, "morgans asking for my forecast this month", "forecast_bookings", {})
    assert decision.args.get("owners") == ["me"], decision


def test_a_bare_deals_question_offers_its_readings_and_the_command_word_still_lists(ws):
    # four blind authors of four asked "deals?" to be put back to the asker; "deals" typed as the command lists
    asked = decide_q(ws, "deals?")
    assert asked.tool is None and asked.intent == "clarify" and len(asked.choices) == 3, asked
    assert decide_q(ws, "deals").tool == "search_deals"


@pytest.mark.parametrize(
    ("text", "owners"),
    [("Show me Sam's deals. And Morgan's?", ["Sam Patel", "Morgan Lee"]), ("Sam's deals at risk. Morgan's too?", None)],
)
def test_a_sentence_that_adds_an_owner_keeps_the_ones_before(ws, text, owners):
    # "And Morgan's?" adds to the question before it: the re-read found it replaced Sam
    decision = decide_q(ws, text)
    got = sorted(decision.args.get("owners") or [])
    assert got == sorted(owners or ["Sam Patel", "Morgan Lee"]), decision


@pytest.mark.parametrize("text", ["how solid is our pipeline?", "is Q4 a lock?", "is our number in the bag?"])
def test_how_sure_the_period_or_the_book_is_no_deals_odds(ws, text):
    assert decide_q(ws, text).tool != "get_deal_odds"


@pytest.mark.parametrize("text", ["send me an alert when a deal slips", "email me my stale deals every monday"])
def test_a_standing_request_to_be_sent_something_stays_refused(ws, text):
    # the copilot answers now; it does not subscribe, schedule or notify
    assert decide_q(ws, text).tool is None
