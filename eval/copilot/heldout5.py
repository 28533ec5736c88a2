"""Held-out question set 5 for the Sales OS copilot, written blind.

Written by a helper session on 2026-12-07 (about 07:30-08:00 UTC), from the capability records only (each record's
name, summary, description, subcommand and pydantic `args_schema` in the modules of `tools/capabilities.py`'s
`CAPABILITY_MODULES`, at commit 2f46d0ba0947f5e82764bd2437db9795bf55d465), the format header of
`eval/copilot/questions.py`, `canonical()` / `period_dates()` in `eval/copilot/__init__.py`, and the workspace names in
`/work/blind/names.md`. Written blind: without reading the understanding code (`bot/copilot/`), the other question
sets' questions or any capability's `examples=`, and without running the copilot. Asked as Dana Whitfield, an AE on
Team East.

Conventions (those of `questions.py` / `canonical()`): owners by full name, team name, or "me"; "our team" from Dana
means Team East; stages by key; amounts in USD; companies by the name they should resolve to (a clear misspelling is
labelled with the real company; a company that does not exist is labelled as typed, since the tool itself answers "no
such company, did you mean ..."); `search_deals` / `count_deals` close-date windows as a `period` token of
`period_dates()`. `get_closed_deal_metrics` looks back at closed periods, which `period_dates()` has no token for, so
its `closed_from` / `closed_to` are ISO dates computed below from today's date (the evaluator's "today").

A case whose expected tool is None must not call a tool; its `intent` is one of:
- "help": the asker wants to know what the copilot can do;
- "out_of_scope": not something a read-only CRM copilot can answer (stock prices, travel, weather ...);
- "write": a request to change the CRM or act (update, move, log, send, create) — capabilities are read-only;
- "clarify": too ambiguous to pick a capability or missing the one required argument (e.g. which company);
- "unsupported_filter": the capability exists but its schema cannot express a filter the asker gave; answering
  without it would silently drop the filter, so the right answer says so or asks.
(The intent vocabulary of the evaluator was not in the material this set was written from; these names are this set's.)
"""

# The blind set as its author wrote it (reformatted by ruff format; only the next line was added).
# ruff: noqa: E501
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from eval.copilot.labelled import LABELLED_ON

Case = tuple[str, str | None, dict[str, Any]]

DEALS = "search_deals"
SILENT = "list_silent_deals"
LATEST = "get_latest_on_company"
PIPE = "summarize_pipeline"
LOOKUP = "lookup_company"
COUNT = "count_deals"
METRICS = "get_closed_deal_metrics"
FACTS = "get_deal_facts"
RISK = "list_at_risk_deals"
DAY = "get_my_day"
CONV = "search_conversations"
BRIEF = "get_company_brief"
CALL = "get_call_summary"
OBJ = "search_objection_handling"
LEAD = "get_lead_score"
SCORE = "score_lead"

# --- past periods for closed-deal metrics and `since`, relative to today ----------------------------------------------
_TODAY = LABELLED_ON.date()  # the labels' today is the day the sets are scored at


def _month_end(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _last_month() -> dict[str, str]:
    end = _TODAY.replace(day=1) - timedelta(days=1)
    return {"closed_from": end.replace(day=1).isoformat(), "closed_to": end.isoformat()}


def _quarter_start(d: date) -> date:
    return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def _this_quarter() -> dict[str, str]:
    start = _quarter_start(_TODAY)
    return {"closed_from": start.isoformat(), "closed_to": _month_end(date(start.year, start.month + 2, 1)).isoformat()}


def _last_quarter() -> dict[str, str]:
    end = _quarter_start(_TODAY) - timedelta(days=1)
    return {"closed_from": _quarter_start(end).isoformat(), "closed_to": end.isoformat()}


def _this_month() -> dict[str, str]:
    return {"closed_from": _TODAY.replace(day=1).isoformat(), "closed_to": _month_end(_TODAY).isoformat()}


def _ytd() -> dict[str, str]:
    return {"closed_from": date(_TODAY.year, 1, 1).isoformat(), "closed_to": _TODAY.isoformat()}


def _last_year() -> dict[str, str]:
    return {
        "closed_from": date(_TODAY.year - 1, 1, 1).isoformat(),
        "closed_to": date(_TODAY.year - 1, 12, 31).isoformat(),
    }


def _past_month(month: int) -> dict[str, str]:
    """The most recent such month that has started (this month counts)."""
    year = _TODAY.year if month <= _TODAY.month else _TODAY.year - 1
    start = date(year, month, 1)
    return {"closed_from": start.isoformat(), "closed_to": _month_end(start).isoformat()}


def _since_month(month: int) -> str:
    return _past_month(month)["closed_from"]


def _days_ago(n: int) -> str:
    return (_TODAY - timedelta(days=n)).isoformat()


CASES: list[Case] = [
    # --- search_deals ------------------------------------------------------------------------------------------------
    ("what am i closing this month", DEALS, {"owners": ["me"], "period": "this_month"}),
    ("my deals closing b4 end of qtr", DEALS, {"owners": ["me"], "period": "eoq"}),
    ("show jamals deals over 75k", DEALS, {"owners": ["Jamal Carter"], "min_amount": 75000}),
    ("deals between 20k and 50k", DEALS, {"min_amount": 20000, "max_amount": 50000}),
    ("anything under 10k in my book?", DEALS, {"owners": ["me"], "max_amount": 10000}),  # "book" = my open deals
    ("which deals are in contract sent rn", DEALS, {"stages": ["contractsent"]}),
    ("emily's deals at presentation stage", DEALS, {"owners": ["Emily Nakamura"], "stages": ["presentationscheduled"]}),
    ("deals stuck in contract sent for 30+ days", DEALS, {"stages": ["contractsent"], "min_days_in_stage": 30}),
    (
        "my deals that havent moved stage in 2 months",
        DEALS,
        {"owners": ["me"], "min_days_in_stage": 60},
    ),  # 2 months → 60 days
    ("top 5 deals for team west", DEALS, {"owners": ["Team West"], "limit": 5}),
    ("biggest 3 deals closing next month", DEALS, {"period": "next_month", "limit": 3}),
    ("deals closing in q1", DEALS, {"period": "q1"}),
    (
        "what's closing in jan for our team",
        DEALS,
        {"owners": ["Team East"], "period": "month:1"},
    ),  # our team = Team East
    ("deals closing next 30 days over 100k", DEALS, {"period": "next_30_days", "min_amount": 100000}),
    ("all hooli deals incl closed ones", DEALS, {"company": "Hooli", "include_closed": True}),
    ("open deals w/ lakegrid medical", DEALS, {"company": "Lakegrid Medical"}),
    ("deals at vectorworks pay", DEALS, {"company": "Vectorworks Pay"}),
    (
        "luis and grace deals closing this week",
        DEALS,
        {"owners": ["Luis Ortega", "Grace Okafor"], "period": "this_week"},
    ),
    ("kenji's qualified to buy deals", DEALS, {"owners": ["Kenji Watanabe"], "stages": ["qualifiedtobuy"]}),
    (
        "deals in negotiation",
        DEALS,
        {"stages": ["contractsent"]},
    ),  # judgement: schema says negotiation → contract stage
    (
        "aisha's deals closing next qtr above $40,000",
        DEALS,
        {"owners": ["Aisha Rahman"], "period": "next_quarter", "min_amount": 40000},
    ),
    ("which of my deals have the DM bought in", DEALS, {"owners": ["me"], "stages": ["decisionmakerboughtin"]}),
    ("deals closing tmrw", DEALS, {"period": "tomorrow"}),
    ("deals w/ globx", DEALS, {"company": "Globex"}),  # clear misspelling of Globex
    ("my 10 largest open opps", DEALS, {"owners": ["me"], "limit": 10}),
    (
        "deals for quantumflare robotics",
        DEALS,
        {"company": "quantumflare robotics"},
    ),  # no such company: as typed (canonical keeps the typed name, case-sensitive)
    # --- list_silent_deals -------------------------------------------------------------------------------------------
    ("who's gone dark on me", SILENT, {"days": 5, "owners": ["me"]}),
    ("buyers not responding 3 wks", SILENT, {"days": 21}),
    ("deals w no buyer activity in 10d", SILENT, {"days": 10}),
    ("team west deals where buyer went quiet", SILENT, {"days": 5, "owners": ["Team West"]}),
    ("megans quiet deals", SILENT, {"days": 5, "owners": ["Megan Foster"]}),
    ("any of carlos' deals silent for a month?", SILENT, {"days": 30, "owners": ["Carlos Mendes"]}),  # month → 30
    ("which prospects stopped answering", SILENT, {"days": 5}),
    ("crickets from buyers on our team's deals?", SILENT, {"days": 5, "owners": ["Team East"]}),
    ("deals with no response in 2+ weeks for tyler", SILENT, {"days": 14, "owners": ["Tyler Nguyen"]}),
    ("silent 8 days", SILENT, {"days": 8}),
    ("my deals nobody replied to in 4 days", SILENT, {"days": 4, "owners": ["me"]}),
    # --- get_latest_on_company ---------------------------------------------------------------------------------------
    ("where are we w stark", LATEST, {"company": "Stark Industries"}),
    ("status of the umbrella deal", LATEST, {"company": "Umbrella Corporation"}),
    ("any update on cyberdyne?", LATEST, {"company": "Cyberdyne Systems"}),
    ("whats happening with wayne enterprises", LATEST, {"company": "Wayne Enterprises"}),
    ("latest on vandelay", LATEST, {"company": "Vandelay Industries"}),
    ("whats new at silverline edu", LATEST, {"company": "Silverline Education"}),
    ("catch me up on brightshore freight", LATEST, {"company": "Brightshore Freight"}),
    ("latest w/ initek", LATEST, {"company": "Initech"}),  # clear misspelling
    ("update on keenrock robtics", LATEST, {"company": "Keenrock Robotics"}),  # clear misspelling
    (
        "where do things stand with pinnaclewave logistics",
        LATEST,
        {"company": "pinnaclewave logistics"},
    ),  # no such company
    # --- get_company_brief -------------------------------------------------------------------------------------------
    ("prep me for my hooli meeting", BRIEF, {"company": "Hooli"}),
    ("brief on globex pls", BRIEF, {"company": "Globex"}),
    ("one pager on truegrid capital before my call", BRIEF, {"company": "Truegrid Capital"}),
    ("getting on with cedarpeak in 10 min, what do i need to know", BRIEF, {"company": "Cedarpeak Medical"}),
    ("meeting prep for soylent", BRIEF, {"company": "Soylent"}),
    ("need a pre-call brief for bluegrid therapeutics", BRIEF, {"company": "Bluegrid Therapeutics"}),
    ("pls prep a brief: amberfeild pay", BRIEF, {"company": "Amberfield Pay"}),  # clear misspelling
    ("brief me on zorblax dynamics", BRIEF, {"company": "zorblax dynamics"}),  # no such company
    (
        "what discovery qs should i ask wolfleaf solar tomorrow",
        BRIEF,
        {"company": "Wolfleaf Solar"},
    ),  # judgement: brief has discovery questions
    # --- get_call_summary --------------------------------------------------------------------------------------------
    ("how did the last call w acme go", CALL, {"company": "Acme Corp"}),
    ("recap of the latest initech call", CALL, {"company": "Initech"}),
    ("summarize my last call with goldleaf retail", CALL, {"company": "Goldleaf Retail"}),
    ("what came up on the most recent umbrella call", CALL, {"company": "Umbrella Corporation"}),
    ("call notes from last convo w/ zenridge", CALL, {"company": "Zenridge Consulting"}),
    ("last call summary stark industires", CALL, {"company": "Stark Industries"}),  # clear misspelling
    # --- summarize_pipeline ------------------------------------------------------------------------------------------
    ("how's the pipeline looking", PIPE, {"by": "stage"}),
    ("pipeline by rep", PIPE, {"by": "owner"}),
    ("my pipe by stage", PIPE, {"by": "stage", "owners": ["me"]}),
    ("team west pipeline broken down by owner", PIPE, {"by": "owner", "owners": ["Team West"]}),
    ("how much open pipeline does each AE have", PIPE, {"by": "owner"}),
    ("what's in each stage for jamal", PIPE, {"by": "stage", "owners": ["Jamal Carter"]}),
    ("total open pipe per stage", PIPE, {"by": "stage"}),
    ("our team's pipeline", PIPE, {"by": "stage", "owners": ["Team East"]}),  # judgement: default grouping by stage
    # --- count_deals -------------------------------------------------------------------------------------------------
    ("how many open deals do i have", COUNT, {"owners": ["me"]}),
    ("# of deals in contract sent", COUNT, {"stages": ["contractsent"]}),
    ("how many deals over 100k does team east have", COUNT, {"owners": ["Team East"], "min_amount": 100000}),
    ("count of deals closing this qtr", COUNT, {"period": "this_quarter"}),
    ("how many deals do we have w/ ridgegrid health", COUNT, {"company": "Ridgegrid Health"}),
    ("number of emily's deals under 25k", COUNT, {"owners": ["Emily Nakamura"], "max_amount": 25000}),
    (
        "how many deals r stuck in appt scheduled 3+ weeks",
        COUNT,
        {"stages": ["appointmentscheduled"], "min_days_in_stage": 21},
    ),
    ("how many deals total incl won and lost for hooli", COUNT, {"company": "Hooli", "include_closed": True}),
    (
        "how many deals is rachel's team closing next month",
        COUNT,
        {"owners": ["Team West"], "period": "next_month"},
    ),  # Rachel Stein manages Team West
    # --- get_closed_deal_metrics -------------------------------------------------------------------------------------
    ("how much did we win last qtr", METRICS, {"metric": "won_amount", **_last_quarter()}),
    ("win rate by rep this quarter", METRICS, {"metric": "win_rate", "by": "owner", **_this_quarter()}),
    ("whats my win rate ytd", METRICS, {"metric": "win_rate", "owners": ["me"], **_ytd()}),
    ("avg deal size for enterprise deals", METRICS, {"metric": "avg_deal_size", "segment": "enterprise"}),
    ("sales cycle length healthcare", METRICS, {"metric": "cycle_time", "segment": "Healthcare"}),
    (
        "how many deals did team west close in november",
        METRICS,
        {"metric": "won_count", "owners": ["Team West"], **_past_month(11)},
    ),  # "close" read as win, as the record's own example
    ("how many deals did we lose last month", METRICS, {"metric": "lost_count", **_last_month()}),
    ("won revenue by month this year", METRICS, {"metric": "won_amount", "by": "month", **_ytd()}),
    ("emea win rate", METRICS, {"metric": "win_rate", "segment": "EMEA"}),
    ("bookings by team last quarter", METRICS, {"metric": "won_amount", "by": "team", **_last_quarter()}),
    ("how many deals closed won+lost this month", METRICS, {"metric": "closed_count", **_this_month()}),
    ("win rate by industry?", METRICS, {"metric": "win_rate", "by": "industry"}),
    ("avg days to close a deal for smb", METRICS, {"metric": "cycle_time", "segment": "smb"}),
    (
        "how much did jamal book last year",
        METRICS,
        {"metric": "won_amount", "owners": ["Jamal Carter"], **_last_year()},
    ),
    (
        "mid market avg deal size by region",
        METRICS,
        {"metric": "avg_deal_size", "segment": "mid_market", "by": "region"},
    ),
    # --- get_deal_facts ----------------------------------------------------------------------------------------------
    ("who owns the acme deal", FACTS, {"company": "Acme Corp", "fact": "owner"}),
    ("whos the AE on hooli", FACTS, {"company": "Hooli", "fact": "owner"}),
    ("champion at globex?", FACTS, {"company": "Globex", "fact": "champion"}),
    ("who are the stakeholders on initech", FACTS, {"company": "Initech", "fact": "stakeholders"}),
    ("who's involved on the cobaltvale media deal", FACTS, {"company": "Cobaltvale Media", "fact": "stakeholders"}),
    ("who's our champ at soylnet", FACTS, {"company": "Soylent", "fact": "champion"}),  # clear misspelling
    (
        "who is the economic buyer at stark",
        FACTS,
        {"company": "Stark Industries", "fact": "stakeholders"},
    ),  # judgement: roles are listed with the stakeholders
    ("deal facts for lumenport studios", FACTS, {"company": "Lumenport Studios", "fact": "all"}),
    # --- list_at_risk_deals ------------------------------------------------------------------------------------------
    ("which deals are at risk", RISK, {}),
    ("my at risk deals", RISK, {"owners": ["me"]}),
    ("anything at risk on team west?", RISK, {"owners": ["Team West"]}),
    (
        "is the wayne deal in trouble",
        RISK,
        {"company": "Wayne Enterprises"},
    ),  # judgement: "in trouble" = at risk, not status
    ("risky deals for luis", RISK, {"owners": ["Luis Ortega"]}),
    ("which deals should i worry about", RISK, {"owners": ["me"]}),  # judgement: "I" worry → my deals
    ("deal health for summitloop partners", RISK, {"company": "Summitloop Partners"}),
    ("why is the cyberdyne deal flagged at risk", RISK, {"company": "Cyberdyne Systems"}),
    ("at-risk deals for our team", RISK, {"owners": ["Team East"]}),
    ("grace n kenji's deals at risk", RISK, {"owners": ["Grace Okafor", "Kenji Watanabe"]}),
    # --- get_my_day --------------------------------------------------------------------------------------------------
    ("what should i focus on today", DAY, {"owners": ["me"]}),
    ("whats on my plate", DAY, {"owners": ["me"]}),
    ("plan my day", DAY, {"owners": ["me"]}),
    ("what's jamal's day look like", DAY, {"owners": ["Jamal Carter"]}),
    ("meetings and tasks for me today", DAY, {"owners": ["me"]}),
    ("team east's day", DAY, {"owners": ["Team East"]}),
    # --- search_conversations ----------------------------------------------------------------------------------------
    ("what did acme say about security", CONV, {"query": "security", "company": "Acme Corp"}),
    ("did anyone at globex mention a competitor", CONV, {"query": "competitor", "company": "Globex"}),
    ("emails about pricing since october", CONV, {"query": "pricing", "kinds": ["email"], "since": _since_month(10)}),
    ("any calls where buyers brought up budget cuts", CONV, {"query": "budget cuts", "kinds": ["call"]}),
    ("has hooli talked about SSO", CONV, {"query": "SSO", "company": "Hooli"}),
    ("notes mentioning procurement delays", CONV, {"query": "procurement delays", "kinds": ["note"]}),
    (
        "what did initech's cfo say about roi on calls",
        CONV,
        {"query": "CFO ROI", "company": "Initech", "kinds": ["call"]},
    ),
    (
        "who mentioned salesforce integration in the last 2 weeks",
        CONV,
        {"query": "salesforce integration", "since": _days_ago(14)},
    ),
    ("any talk of layoffs at umbrella?", CONV, {"query": "layoffs", "company": "Umbrella Corporation"}),
    # --- search_objection_handling -----------------------------------------------------------------------------------
    # category labelled only where the objection clearly falls into one of the schema's categories
    ("how do i handle 'too expensive'", OBJ, {"query": "too expensive", "category": "pricing"}),
    (
        "buyer says they already use gong, what do i say",
        OBJ,
        {"query": "we already use gong", "category": "already_have_tool"},
    ),
    ("talk track for a CFO", OBJ, {"query": "talk track for a CFO", "category": None}),
    (
        "prospect wants to wait till next year, how to respond",
        OBJ,
        {"query": "wait until next year", "category": "timing"},
    ),
    ("what do we say when they ask about soc2", OBJ, {"query": "SOC 2", "category": "security"}),
    (
        "how did we beat clari on won deals",
        OBJ,
        {"query": "Clari", "category": "competitor"},
    ),  # judgement: library of won deals, not raw conversations
    (
        "they need to check with their boss first, how do i handle",
        OBJ,
        {"query": "need to check with my boss", "category": "authority"},
    ),
    ("objection: doesn't work with our ERP", OBJ, {"query": "doesn't work with our ERP", "category": "integration"}),
    # --- get_lead_score ----------------------------------------------------------------------------------------------
    ("how are the latest inbound leads scoring", LEAD, {}),
    ("lead score UCLA", LEAD, {"company": "UCLA"}),
    ("is the goldrock security lead any good", LEAD, {"company": "Goldrock Security"}),
    ("what tier is the vectorvale foods lead", LEAD, {"company": "Vectorvale Foods"}),
    ("show me new leads w scores", LEAD, {}),
    ("score for the apexbrook labs inbound", LEAD, {"company": "Apexbrook Labs"}),
    # --- score_lead --------------------------------------------------------------------------------------------------
    (
        "score this lead: Priya Shah, priya@northbeam.io, Northbeam, 120 employees, budget $60k, wants Insight Growth this quarter",
        SCORE,
        {
            "company": "Northbeam",
            "contact_email": "priya@northbeam.io",
            "employee_count": 120,
            "budget": "$60k",
            "interest_area": "Insight Growth",
            "timeline": "this quarter",
        },
    ),
    (
        "rate this lead pls - company: Foxhollow Bakery, email foxhollowbakes@gmail.com, 8 people, no budget yet",
        SCORE,
        {
            "company": "Foxhollow Bakery",
            "contact_email": "foxhollowbakes@gmail.com",
            "employee_count": 8,
        },  # "no budget yet" left unset
    ),
    (
        "new lead: Marco Ruiz (VP Sales) at Tidewater Logistics, marco.ruiz@tidewaterlog.com, 51-200, looking at forecasting, timeline Q2. score?",
        SCORE,
        {
            "company": "Tidewater Logistics",
            "contact_email": "marco.ruiz@tidewaterlog.com",
            "company_size": "51-200",
            "interest_area": "forecasting",
            "timeline": "Q2",
            "contact_title": "VP Sales",
        },
    ),
    (
        "how good is this lead? jen@brightcove-analytics.com from Brightcove Analytics, domain brightcove-analytics.com, budget 15000",
        SCORE,
        {
            "company": "Brightcove Analytics",
            "contact_email": "jen@brightcove-analytics.com",
            "domain": "brightcove-analytics.com",
            "budget": "15000",
        },
    ),
    # --- lookup_company ----------------------------------------------------------------------------------------------
    # judgement: only questions that ask which company a name means (not what is happening there)
    ("which company is 'umbrella'?", LOOKUP, {"company": "umbrella"}),
    ("do we have an account called summit something", LOOKUP, {"company": "summit"}),
    ("is 'lakegrid' the medical one or the mobility one", LOOKUP, {"company": "lakegrid"}),
    ("is there a company named Glimmerfox in the crm", LOOKUP, {"company": "Glimmerfox"}),  # no such company
    ("what's the full name of the cyberdyne account", LOOKUP, {"company": "cyberdyne"}),
    # --- no tool: help -----------------------------------------------------------------------------------------------
    ("what can u do", None, {"intent": "help"}),
    ("help", None, {"intent": "help"}),
    ("what kinds of questions can i ask you?", None, {"intent": "help"}),
    # --- no tool: out of scope ---------------------------------------------------------------------------------------
    ("whats the stock price of salesforce", None, {"intent": "out_of_scope"}),
    ("book me a flight to chicago tues", None, {"intent": "out_of_scope"}),
    ("weather in nyc tmrw?", None, {"intent": "out_of_scope"}),
    ("write me a haiku about quota", None, {"intent": "out_of_scope"}),
    ("who won the knicks game", None, {"intent": "out_of_scope"}),
    ("what's hooli's annual revenue per their 10-k", None, {"intent": "out_of_scope"}),  # external data, not the CRM
    # --- no tool: write requests -------------------------------------------------------------------------------------
    ("update the close date of acme to friday", None, {"intent": "write"}),
    ("move globex to closed won", None, {"intent": "write"}),
    ("log a call w/ initech from this morning", None, {"intent": "write"}),
    ("create a task to follow up with hooli tmrw", None, {"intent": "write"}),
    ("send the stark champion a follow up email", None, {"intent": "write"}),
    ("reassign the soylent deal to jamal", None, {"intent": "write"}),
    ("set the umbrella deal amount to 120k", None, {"intent": "write"}),
    # --- no tool: ambiguous / missing the required argument ----------------------------------------------------------
    ("acme?", None, {"intent": "clarify"}),
    ("hooli", None, {"intent": "clarify"}),  # judgement: a bare name could default to latest; asking is safer
    ("brief", None, {"intent": "clarify"}),  # brief of which company?
    ("summarize the call", None, {"intent": "clarify"}),  # which company?
    ("who owns it", None, {"intent": "clarify"}),
    ("status?", None, {"intent": "clarify"}),
    # --- no tool: a filter the capability's schema cannot express ----------------------------------------------------
    ("silent deals over 50k", None, {"intent": "unsupported_filter"}),  # list_silent_deals has no amount filter
    ("which globex deals have gone quiet", None, {"intent": "unsupported_filter"}),  # list_silent_deals has no company
    ("at risk deals closing this month", None, {"intent": "unsupported_filter"}),  # list_at_risk_deals has no period
    ("deals at risk in contract sent", None, {"intent": "unsupported_filter"}),  # list_at_risk_deals has no stage
    ("at risk deals above 100k", None, {"intent": "unsupported_filter"}),  # list_at_risk_deals has no amount
    ("pipeline for q1", None, {"intent": "unsupported_filter"}),  # summarize_pipeline has no period
    ("pipeline by region", None, {"intent": "unsupported_filter"}),  # summarize_pipeline groups by stage or owner only
    ("what's my day tomorrow", None, {"intent": "unsupported_filter"}),  # get_my_day is today only
    ("healthcare deals closing this quarter", None, {"intent": "unsupported_filter"}),  # search_deals has no industry
    ("how many deals came from partners", None, {"intent": "unsupported_filter"}),  # count_deals has no deal source
    ("deals created last week", None, {"intent": "unsupported_filter"}),  # search_deals filters close date, not created
    ("win rate on inbound-sourced deals", None, {"intent": "unsupported_filter"}),  # metrics segment has no source
]
