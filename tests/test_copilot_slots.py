"""Understanding's slot parsers and schema filling for the insight families, its names cache and its fast classifier."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from bot.copilot import slots
from bot.copilot.decide import understand
from bot.copilot.understanding import load_names
from store.models import Owner
from tests import copilot_fixture as fx
from tools.parsing.periods import parse_period

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("text", "n"),
    [("my top 5 deals", 5), ("the 3 biggest deals", 3), ("top ten deals", 10), ("top deals", None), ("my deals", None)],
)
def test_top_n_reads_a_count_after_an_earlier_near_match(text, n):
    assert slots.parse_top_n(text) == n


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("objections from the last 2 weeks", 14),
        ("pushback in the past 10 days", 10),
        ("objections over the last three weeks", 21),
        ("objections this month", 30),
        ("objections lately", None),
    ],
)
def test_days_back(text, days):
    assert slots.parse_days_back(text) == days


@pytest.mark.parametrize(
    ("text", "persona"),
    [
        ("what do finance approvers care about", "Finance approver"),
        ("what do CFOs want", "Finance approver"),
        ("what matters to technical evaluators", "Technical evaluator"),
        ("tell me about the procurement persona", "Procurement gatekeeper"),
        ("who buys from us", None),
    ],
)
def test_persona(text, persona):
    assert slots.parse_persona(text) == persona


@pytest.mark.parametrize(
    ("text", "competitor"),
    [
        ("battle card vs DataPilot", "DataPilot"),
        ("compete card for data pilot", "DataPilot"),  # spacing
        ("how do we stack up against metricley", "Metricly"),  # a typo
        ("how do we win vs chartwell bi", "Chartwell BI"),
        ("how do we win this deal", None),
    ],
)
def test_competitor_from_known_names(text, competitor):
    known = ["DataPilot", "Metricly", "Quantix", "Chartwell BI", "Lookwise", "Salesforce"]
    assert slots.parse_competitor(text, known) == competitor


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("objection map for pricing", "pricing"),
        ("win rate when security comes up", "security"),
        ("which objections cost us the most deals", None),  # "cost us" is not the pricing category
        ("competitor objections", "competitor"),
    ],
)
def test_objection_category(text, category):
    assert slots.parse_objection_category(text) == category


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("win rate team east vs team west", ["win rate team east", "team west"]),
        ("compare me and emily", ["me", "emily"]),
        ("smb vs mid market vs enterprise", ["smb", "mid market", "enterprise"]),
        ("deals closing this month", None),
    ],
)
def test_comparison_sides(text, sides):
    assert slots.comparison_sides(text) == sides


def test_since_reads_numeric_dates():
    assert slots.parse_since("emails about pricing since 11/1/2026", TODAY) == date(2026, 11, 1)
    assert slots.parse_since("notes since 2026-10-15", TODAY) == date(2026, 10, 15)
    assert slots.parse_since("calls since 12/25", TODAY) == date(2025, 12, 25)  # no year, not yet come: last year's
    assert slots.conversation_topic("emails about pricing since 11/1/2026", None) == "pricing"


def test_in_inside_a_word_is_not_a_period():
    # "win last month" once read as "in last month" (no number) and gave no period at all
    assert parse_period("how many deals did we win last month", TODAY)[:2] == (date(2026, 11, 1), date(2026, 11, 30))


def test_cycle_time_is_a_metric_not_a_future_close():
    assert slots.parse_metric("how long do enterprise deals take to close") == "cycle_time"


# --- understanding, end to end on the fixture workspace -----------------------------------------------------------


@pytest.fixture
def ws(sqlite_engine):
    return sqlite_engine, fx.build(sqlite_engine)


def decide(ws, question):
    engine, _ids = ws
    with Session(engine) as session:
        return understand(question, session=session, now=fx.NOW, tz="America/New_York")


@pytest.mark.parametrize(
    ("question", "tool", "args"),
    [
        ("objections from the last 2 weeks", "get_objections_this_week", {"days": 14}),
        ("summary of this week's objections", "get_objections_this_week", {}),
        ("objection map for security", "get_objection_map", {"category": "security"}),
        ("why has Sam been losing deals", "get_loss_reasons", {"owner": "Sam Patel"}),
        ("3 lost deals of mine worth reopening", "get_reactivation_list", {"owner": "me", "limit": 3}),
        ("what does procurement care about", "get_buyer_personas", {"persona": "Procurement gatekeeper"}),
        ("top 3 deals that could swing my month", "list_make_or_break_deals", {"period": "month", "owners": ["me"],
                                                                                "limit": 3}),
        ("compare me and Sam", "get_ae_performance", {"owners": ["me", "Sam Patel"]}),
        ("Sam vs Morgan", "get_ae_performance", {"owners": ["Sam Patel", "Morgan Lee"]}),
        ("monthly bookings forecast", "forecast_bookings", {"period": "month"}),
        ("buyer persnas", "get_buyer_personas", {}),  # a typo in the family's own word
        ("how does pricing pushback affect win rate", "get_objection_map", {"category": "pricing"}),
        ("objections in the last fortnight", "get_objections_this_week", {"days": 14}),
        ("win rate me vs Sam this year", "get_closed_deal_metrics", {"owners": ["me", "Sam Patel"], "by": "owner"}),
        ("how to overcome security review concerns", "search_objection_handling", {}),  # "review" is not "revive"
    ],
)  # fmt: skip
def test_insight_families_get_their_schema_arguments(ws, question, tool, args):
    decision = decide(ws, question)
    assert decision.tool == tool and not decision.choices
    for key, value in args.items():
        assert decision.args.get(key) == value, (key, decision.args)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("silent deals closing this month", "a period"),
        ("enterprise deals closing next month", "a segment filter (enterprise)"),
        ("deals from referral source", "a deal-source filter"),
        ("forecast for next quarter", "a period"),
        ("why is the Enterprise team losing deals", "(this takes one AE)"),
        ("3 smallest deals in the pipeline", "that sort order"),
    ],
)
def test_a_filter_the_capability_cannot_take_is_said(ws, question, said):
    decision = decide(ws, question)
    assert decision.tool is None or any(said in u for u in decision.unapplied), decision


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("open deals for the analytics add-on", "a product filter"),
        ("deals with no next step", "a next-step filter"),
        ("how many deals did we close that came from referrals", "a deal-source filter"),
        ("which deals have a champion", "a contact or role filter"),
        ("win rate by competitor", "that breakdown"),
        ("average discount on won deals", "that figure"),
    ],
)
def test_product_next_step_and_source_filters_are_said_and_not_read_as_a_company(ws, question, said):
    decision = decide(ws, question)
    assert decision.tool is None or any(said in u for u in decision.unapplied), decision
    assert "company" not in decision.args, decision.args


def test_names_are_read_again_when_the_store_changes(ws):
    engine, _ids = ws
    with Session(engine) as session:
        before = load_names(session)
        assert load_names(session) is before  # nothing changed: the same read
        session.add(Owner(name="Quinn Hart", email="quinn@example.com", team="Enterprise"))
        session.commit()
        after = load_names(session)
    assert after is not before and "Quinn Hart" in {name for _i, name, _t in after.owners}


def test_names_fingerprint_runs_on_each_backend(engine):
    fx.build(engine)
    with Session(engine) as session:
        names = load_names(session)
    assert {"Dana Reyes", "Sam Patel"} <= {name for _i, name, _t in names.owners}


@pytest.mark.parametrize("question", ["send the Acme brief to my manager", "email the pipeline summary to Sam"])
def test_sending_to_someone_else_is_an_action_not_a_question(ws, question):
    decision = decide(ws, question)
    assert decision.tool is None and "only reads" in (decision.problem or "")


def test_sending_it_to_me_is_a_question(ws):
    assert decide(ws, "send me the Acme brief").tool == "get_company_brief"


def test_a_bare_company_name_asks_what_about_it(ws):
    decision = decide(ws, "acme corp")
    offered = {c.tool for c in decision.choices}
    assert decision.tool is None and offered >= {"get_latest_on_company", "get_company_brief"}
    assert decide(ws, "Acme Corp?").tool == "get_latest_on_company"


# --- issue 14, dev sets F-H: amount ranges, periods, dates, shorthand -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("deals btwn 25k and 100k closing in jan", (25_000.0, 100_000.0)),
        ("opps btw 20k and 60k", (20_000.0, 60_000.0)),
        ("deals b/w $10k and $40k", (10_000.0, 40_000.0)),
        ("deals sub 10k", (None, 10_000.0)),
        # said in words
        ("deals over half a million", (500_000.0, None)),
        ("opps between a hundred k and a quarter of a million", (100_000.0, 250_000.0)),
        ("anything north of a million", (1_000_000.0, None)),
        ("deals under 75 grand", (None, 75_000.0)),
        ("deals under 2 mil", (None, 2_000_000.0)),
    ],
)
def test_amount_ranges_typed_in_shorthand(text, bounds):
    assert slots.parse_amount_range(text) == bounds


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("how many 100k+ deals closing before end of q", TODAY, date(2026, 12, 31)),
        ("deals closing before the end of this quarter", TODAY, date(2026, 12, 31)),
        ("deals closing in the first half of next year", date(2027, 1, 1), date(2027, 6, 30)),
        ("deals closing in h2 2027", date(2027, 7, 1), date(2027, 12, 31)),
        ("deals closing in 2027", date(2027, 1, 1), date(2027, 12, 31)),
        ("how many deals close before year end", TODAY, date(2026, 12, 31)),
        ("deals closing in the second quarter", date(2027, 4, 1), date(2027, 6, 30)),
        ("deals closing next 30d", TODAY, TODAY + timedelta(days=30)),
        ("what closes over the rest of the month", TODAY, date(2026, 12, 31)),
        ("deals set to close in the remainder of the quarter", TODAY, date(2026, 12, 31)),
        # a month that ends a range from today; a fortnight
        ("deals closing by the end of jan", TODAY, date(2027, 1, 31)),
        ("anything closing before feb over 20k", TODAY, date(2027, 1, 31)),
        ("deals closing in the next fortnight", TODAY, date(2026, 12, 21)),
        ("what's closing in january", date(2027, 1, 1), date(2027, 1, 31)),
    ],
)
def test_closing_periods_a_quarter_end_a_half_and_a_year(text, start, end):
    assert parse_period(text, TODAY)[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("megan's win rate in the first half of the year", date(2026, 1, 1), date(2026, 6, 30)),
        ("what did we book in h1", date(2026, 1, 1), date(2026, 6, 30)),
        ("total won in 2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("win rate h2 2025", date(2025, 7, 1), date(2025, 12, 31)),
        ("how many deals did we win in the first quarter", date(2026, 1, 1), date(2026, 3, 31)),
        ("revenue since september", date(2026, 9, 1), TODAY),
        ("how much have we closed since oct 1", date(2026, 10, 1), TODAY),
    ],
)
def test_closed_periods_a_half_and_a_year_face_the_past(text, start, end):
    assert slots.parse_closed_period(text, TODAY)[:2] == (start, end)


def test_a_year_is_a_period_and_an_amount_is_not():
    assert parse_period("deals closing during 2027", TODAY)[:2] == (date(2027, 1, 1), date(2027, 12, 31))
    assert parse_period("deals over 2500", TODAY) is None
    assert parse_period("deals worth 2025k", TODAY) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("any notes mentioning a budget freeze since nov 15?", date(2026, 11, 15)),
        ("emails since 3rd oct about pricing", date(2026, 10, 3)),
        ("calls since dec 20", date(2025, 12, 20)),  # not yet come this year: last year's
    ],
)
def test_since_reads_a_month_and_its_day(text, day):
    assert slots.parse_since(text, TODAY) == day


@pytest.mark.parametrize("word", ["losing", "presenting"])
def test_ordinary_words_are_not_typos_of_intent_words(word):
    from bot.copilot.understanding import _correct_token

    assert _correct_token(word) == word  # "losing" is not "closing", "presenting" not "presentation"


def test_the_closing_period_is_the_one_after_the_closing_word():
    from tools.parsing.periods import parse_closing_period

    found = parse_closing_period("covering for luis this week, which of his deals are closing this month?", TODAY)
    assert found[:2] == (date(2026, 12, 1), date(2026, 12, 31))


def test_common_words_are_not_fuzzy_first_names():
    from bot.copilot.understanding import Names, find_owners

    names = Names(owners=[(1, "Megan Foster", "Team West"), (2, "Emily Nakamura", "Team East")], companies={})
    assert find_owners("what does that name mean", names, None) == []  # "mean" is not Megan
    assert find_owners("the cfo went cold on our last email", names, None) == []  # "email" is not Emily
    assert find_owners("megans deals", names, None) == ["Megan Foster"]


def test_shorthand_is_expanded_before_reading():
    from bot.copilot.understanding import _normalise

    assert _normalise("# of deals closing this month") == "number of deals closing this month"
    assert _normalise("which deals r closing, incl. won") == "which deals are closing, including won"
    assert _normalise("howd the acme lead score") == "how did the acme lead score"
    assert _normalise("wht did we book lst qtr") == "what did we book last qtr"
    assert _normalise("# deals ovr 75k closing nxt mo") == "number of deals over 75k closing next month"


@pytest.mark.parametrize(
    ("text", "included"),
    [
        ("all acme deals including closed ones", True),
        ("how many deals has tyler got in total, won and lost included", True),
        ("every initech deal, open and closed", True),
        ("how many deals closed last month, won and lost together", False),
        ("closed won deals", False),
    ],
)
def test_include_closed_phrases(text, included):
    from bot.copilot.understanding import INCLUDE_CLOSED

    assert bool(INCLUDE_CLOSED.search(text)) is included


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("sdr handed me the inbound lead from cedarpoint financial, how does it score?", "cedarpoint financial"),
        ("how good is the ucla lead", "ucla"),
        ("what's the score on the stanford lead", "stanford"),
        ("rate the vectorvale foods inbound", "vectorvale foods"),
        ("show me the newest inbound leads and their scores", None),
        ("marketing says a bunch of inbound leads came in, show me the newest ones and how they score", None),
    ],
)
def test_a_leads_company_is_read_from_the_phrase(text, company):
    from bot.copilot.understanding import lead_company

    assert lead_company(text) == company


def test_two_months_joined_are_one_range():
    assert parse_period("deals closing jan through march", TODAY)[:2] == (date(2027, 1, 1), date(2027, 3, 31))
    assert parse_period("closing in nov and dec", date(2026, 11, 2))[:2] == (date(2026, 11, 1), date(2026, 12, 31))
    assert slots.parse_closed_period("won in sep-oct", TODAY)[:2] == (date(2026, 9, 1), date(2026, 10, 31))
    assert slots.parse_closed_period("lost in october", TODAY)[:2] == (date(2026, 10, 1), date(2026, 10, 31))


def test_days_from_created_to_won_is_the_cycle_time():
    for text in ("avg days created to won", "time from creation to close", "days to won"):
        assert slots.parse_metric(text) == "cycle_time", text


def test_stage_abbreviations_and_a_topic_said_first():
    from bot.copilot.understanding import parse_stages

    assert parse_stages("deals in dmbi") == ["decisionmakerboughtin"]
    assert parse_stages("qtb deals") == ["qualifiedtobuy"]
    assert slots.conversation_topic("has metricly come up in any initech conversations", "Initech") == "metricly"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # a run of months that includes this month (Dec 7) is this year's, not next year's
        ("deals closing in november and december", date(2026, 11, 1), date(2026, 12, 31)),
        ("deals closing nov-dec", date(2026, 11, 1), date(2026, 12, 31)),
        ("what's closing between october and december", date(2026, 10, 1), date(2026, 12, 31)),
        ("deals closing nov to jan", date(2026, 11, 1), date(2027, 1, 31)),
        # a list of months is the run from the first to the last
        ("deals closing in oct, nov and dec", date(2026, 10, 1), date(2026, 12, 31)),
        ("deals closing in nov or dec", date(2026, 11, 1), date(2026, 12, 31)),
        # a run that has ended is next year's, as a single month is
        ("deals closing sep-oct", date(2027, 9, 1), date(2027, 10, 31)),
        ("deals closing in november", date(2027, 11, 1), date(2027, 11, 30)),
    ],
)
def test_a_run_of_months_is_the_next_one_that_has_not_ended(text, start, end):
    assert parse_period(text, TODAY)[:2] == (start, end)


def test_a_run_of_months_straddling_new_year_is_the_current_one():
    assert parse_period("closing in december and january", date(2027, 1, 15))[:2] == (
        date(2026, 12, 1), date(2027, 1, 31))  # fmt: skip
    assert slots.parse_closed_period("won in oct, nov and dec", TODAY)[:2] == (date(2026, 10, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("question", "tool", "start"),
    [("how many deals close in oct, nov and dec", "count_deals", "2026-10-01"),
     ("deals closing nov-dec", "search_deals", "2026-11-01")],
)  # fmt: skip
def test_a_run_of_months_in_a_closing_question_is_one_period_this_year(ws, question, tool, start):
    from datetime import UTC, datetime

    engine, _ids = ws
    asked = datetime(2026, 12, 7, 15, tzinfo=UTC)  # TODAY, 10:00 in New York
    with Session(engine) as session:
        decision = understand(question, session=session, now=asked, tz="America/New_York")
    assert decision.tool == tool, decision
    assert (decision.args["closing_from"], decision.args["closing_to"]) == (start, "2026-12-31"), decision
    assert decision.unapplied == [], decision


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("sales cycle smb last 90d", 90),
        ("win rate past 60d", 60),
        ("bookings over the last 30days", 30),
        ("deals we won in the last 2 weeks", 14),
    ],
)
def test_a_closed_look_back_typed_short_is_read(text, days):
    start, end, _label = slots.parse_closed_period(text, TODAY)
    assert (start, end) == (TODAY - timedelta(days=days), TODAY)


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("any of emily's lost opps worth a second shot? show me 8", 8),
        ("lost deals worth reviving, give me 3", 3),
        ("make or break deals this quarter - just 4 please", 4),
        ("lost deals worth reviving from the last 30 days", None),  # a look-back, not a count
        ("show me 5k+ lost deals worth reviving", None),  # an amount
        ("lost deals worth reviving, give me eleven", 11),  # every count word of tools.parsing.numbers
        ("show me a few lost deals worth reviving", None),  # roughly: no exact length
        ("which fourteen of my deals decide the quarter - make or break", 14),
    ],
)
def test_a_count_asked_in_so_many_words_is_the_list_length(ws, text, n):
    engine, _ids = ws
    from bot.copilot.fill import schema_args

    tool = "list_make_or_break_deals" if "make or break" in text else "get_reactivation_list"
    with Session(engine) as session:
        args, _ = schema_args(tool, text, load_names(session), None, session, {}, TODAY)
    assert args.get("limit") == n, args


@pytest.mark.parametrize(
    ("text", "days"),
    [("objections over the last 14d", 14), ("pushback in the past 3w", 21), ("objections from the last 2mo", 60)],
)
def test_days_back_in_chat_shorthand(text, days):
    assert slots.parse_days_back(text) == days


@pytest.mark.parametrize("text", ["how much did we win before march", "win rate by the end of june"])
def test_a_month_ending_a_range_never_makes_a_closed_period_face_the_future(text):
    found = slots.parse_closed_period(text, TODAY)
    assert found is None or found[1] <= TODAY


def test_in_before_a_named_period_is_no_count_of_days():
    # "how much did we bring in last month": "in last month" is no "in N months"
    assert parse_period("how much did we bring in last month", TODAY)[:2] == (date(2026, 11, 1), date(2026, 11, 30))
    assert parse_period("closing in two weeks", TODAY)[:2] == (TODAY, TODAY + timedelta(days=14))


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("how many six-figure deals does the team have open?", 100_000, None),
        ("my seven figure opps", 1_000_000, None),
        ("6-figure deals closing this quarter", 100_000, None),
        ("sam's deals under six figures", None, 100_000),
        ("top 5 figures of the quarter", None, None),  # a count of figures, no amount
        ("7-fig+ opps for sam", 1_000_000, None),  # shortened, with its plus
        ("five figs or more closing next month", 10_000, None),
        ("deals under 6figs", None, 100_000),
        ("six figures+ in negotiation", 100_000, None),
    ],
)
def test_an_amount_said_by_its_number_of_figures(text, low, high):
    assert slots.parse_amount_range(text) == (low, high)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("they compared us to the cheaper tool", "competitor"),  # the library's words, now in the one table
        ("I need to run it by my board first", "authority"),
        ("we'd rather revisit this later", "timing"),
        ("privacy worries from the dpo", "security"),  # the map's words, now read by the library too
        ("which objections cost us the most deals", None),  # what lost deals, not a pricing objection
        ("they want a rapid rollout", None),  # "api" inside a word is no integration
    ],
)
def test_one_objection_category_table(text, category):
    from bot.copilot.understanding import _objection_route

    assert slots.parse_objection_category(text) == category
    assert _objection_route(text, text).args.get("category") == category


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("who's the champion at globex? the decision maker has gone quiet on us", "champion"),
        ("who owns the acme deal? their economic buyer wants to meet next week", "owner"),
        ("who do we have listed as champ at initech", "champion"),
        ("who do we have as our champion at hooli? I need to loop in their stakeholders", "champion"),
        ("champion at acme? also who owns it", "all"),
    ],
)
def test_a_role_told_after_the_question_is_not_a_fact_asked(text, fact):
    # the facts asked are those of the question; a role in the statement after it is why the asker asks
    assert slots.parse_fact(text) == fact


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("won amt 2025", (date(2025, 1, 1), date(2025, 12, 31))),
        ("win rate 2026 by team", (date(2026, 1, 1), TODAY)),  # this year: so far
        ("won amt 2030", None),  # a year to come has no closed deals
        ("revenue on 2025 seats", None),  # a quantity, no year
        ("won over $2025", None),
    ],
)
def test_a_bare_year_is_a_closed_period(text, span):
    found = slots.parse_closed_period(text, TODAY)
    assert (found[:2] if found else None) == span
