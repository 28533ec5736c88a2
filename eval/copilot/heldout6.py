# ruff: noqa: E501  (the set as its author wrote it: long questions and judgement comments on one line)
"""Held-out copilot question set 6: written blind, by a helper session, on 2026-12-07 (08:28-08:58 UTC).

Written from the capability records only (name, summary, description, subcommand and pydantic `args_schema` of every
capability in `tools/capabilities.py`'s CAPABILITY_MODULES, at commit af855584357f4567a88f23c8d3709ae05ee90a00), the
format header of `eval/copilot/questions.py`, `eval/copilot/__init__.py`'s `canonical()` / `period_dates()` /
`closed_period()` / `no_tool_right()`, and the workspace names in `/work/blind/names.md`. The author did not read the
understanding code (`bot/copilot/`), any capability's `examples=` (except two lead-score examples glimpsed by accident,
see the report; no question here reuses them), nor `heldout5.py` / `phrasings.py`. The first ~12 cases of
`questions.py` were glimpsed by accident (its first 40 lines were printed); no phrasing here is taken from them.

Asked as Dana Whitfield (an AE on Team East). Conventions as in `questions.py`: owners by name (or "me", or a team name
such as "Team East"), periods as tokens resolved by the evaluator (`period`: this_month, next_quarter, eoq, q1,
month:1, next_30_days, last_quarter, past_month:11, past_q:3, ytd, ...), amounts in USD, companies by the name they
should resolve to (a clear misspelling is labelled with the real company; a company that does not exist with the name
as typed: the capability answers "no such company / did you mean"). A case whose expected tool is None must not call a
capability as asked; `intent` is then one of: help, out_of_scope, write, clarify, unsupported_filter (a filter the
capability's schema cannot express: the safe answer asks or says which filter it could not apply).
Labels carry the full arguments a right answer needs, even where `canonical()` compares fewer of them.
"""

from __future__ import annotations

from typing import Any

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
MYDAY = "get_my_day"
CONVO = "search_conversations"
BRIEF = "get_company_brief"
CALL = "get_call_summary"
LIBRARY = "search_objection_handling"
LEADSCORE = "get_lead_score"
SCORELEAD = "score_lead"
PERSONAS = "get_buyer_personas"
PAINS = "get_pain_points"
OBJMAP = "get_objection_map"
OBJWEEK = "get_objections_this_week"
CARD = "get_battle_card"
LOSS = "get_loss_reasons"
REVIVE = "get_reactivation_list"
ODDS = "get_deal_odds"
FORECAST = "forecast_bookings"
MOB = "list_make_or_break_deals"
PERF = "get_ae_performance"

CASES: list[Case] = [
    # --- search_deals ------------------------------------------------------------------------------------------------
    ("my deals closing this month", DEALS, {"owners": ["me"], "period": "this_month"}),
    ("anything over 50k closing next month?", DEALS, {"min_amount": 50000, "period": "next_month"}),
    ("grace's deals in qualified to buy", DEALS, {"owners": ["Grace Okafor"], "stages": ["qualifiedtobuy"]}),
    ("anything under 10k sitting in contract sent", DEALS, {"max_amount": 10000, "stages": ["contractsent"]}),
    ("top 10 deals by size", DEALS, {"limit": 10}),
    ("which deals are slated to close in q1", DEALS, {"period": "q1"}),
    ("all hooli deals incl closed ones", DEALS, {"company": "Hooli", "include_closed": True}),
    (
        "deals stuck in presentation scheduled for 45+ days",
        DEALS,
        {"stages": ["presentationscheduled"], "min_days_in_stage": 45},
    ),
    ("what've i got closing by end of quarter", DEALS, {"owners": ["me"], "period": "eoq"}),
    ("my deals between 25k and 75k", DEALS, {"owners": ["me"], "min_amount": 25000, "max_amount": 75000}),
    (
        "team west deals in dm bought in",  # "dm bought in" = Decision maker bought in
        DEALS,
        {"owners": ["Team West"], "stages": ["decisionmakerboughtin"]},
    ),
    ("deals closing in the next 30 days", DEALS, {"period": "next_30_days"}),
    ("tylers 3 biggest deals", DEALS, {"owners": ["Tyler Nguyen"], "limit": 3}),
    ("what's expected to close in january", DEALS, {"period": "month:1"}),
    ("deals closing this wk", DEALS, {"period": "this_week"}),
    ("open deals for cedarpeak medical", DEALS, {"company": "Cedarpeak Medical"}),
    (
        "contract sent or dm bought in deals over 40k",
        DEALS,
        {"stages": ["contractsent", "decisionmakerboughtin"], "min_amount": 40000},
    ),
    ("luis deals >100k", DEALS, {"owners": ["Luis Ortega"], "min_amount": 100000}),
    (
        "which of my deals have been in contract sent more than 3 weeks",
        DEALS,
        {"owners": ["me"], "stages": ["contractsent"], "min_days_in_stage": 21},  # 3 weeks → 21 days
    ),
    (
        "show me emily nakamura's pipeline deals closing next qtr",
        DEALS,
        {"owners": ["Emily Nakamura"], "period": "next_quarter"},
    ),  # judgement: a close-date filter → deals, not pipeline totals
    ("deals in appointment scheduled under 20k", DEALS, {"stages": ["appointmentscheduled"], "max_amount": 20000}),
    ("list brightshore freight deals", DEALS, {"company": "Brightshore Freight"}),
    ("my top 5 deals", DEALS, {"owners": ["me"], "limit": 5}),
    ("deals closing tmrw", DEALS, {"period": "tomorrow"}),
    (
        "carlos and megan's deals over 30k closing this quarter",
        DEALS,
        {"owners": ["Carlos Mendes", "Megan Foster"], "min_amount": 30000, "period": "this_quarter"},
    ),
    # --- list_silent_deals -------------------------------------------------------------------------------------------
    ("who's gone dark on me", SILENT, {"owners": ["me"], "days": 5}),  # default threshold
    ("buyers not responding for 2+ wks", SILENT, {"days": 14}),
    ("any of kenji's deals gone cold for 10 days?", SILENT, {"owners": ["Kenji Watanabe"], "days": 10}),
    ("which accounts stopped replying, 3 days or more", SILENT, {"days": 3}),
    ("silent deals team east", SILENT, {"owners": ["Team East"], "days": 5}),
    ("deals w no buyer engagement in a month", SILENT, {"days": 30}),  # a month → 30 days
    ("aisha's deals that went radio silent", SILENT, {"owners": ["Aisha Rahman"], "days": 5}),
    ("which of my deals havent heard from the buyer in 21 days", SILENT, {"owners": ["me"], "days": 21}),
    ("who's ghosting us", SILENT, {"days": 5}),
    ("quiet deals >= 8 days for jamal and luis", SILENT, {"owners": ["Jamal Carter", "Luis Ortega"], "days": 8}),
    # --- get_latest_on_company ---------------------------------------------------------------------------------------
    ("whats the latest w/ acme", LATEST, {"company": "Acme Corp"}),
    ("where do we stand with initech", LATEST, {"company": "Initech"}),
    ("any update on umbrella?", LATEST, {"company": "Umbrella Corporation"}),
    ("hooli status pls", LATEST, {"company": "Hooli"}),
    ("where's lakegrid medical at", LATEST, {"company": "Lakegrid Medical"}),
    ("globx latest", LATEST, {"company": "Globex"}),  # misspelt
    ("vandaley industries - whats happening there", LATEST, {"company": "Vandelay Industries"}),  # misspelt
    ("where are we on the zenridge consulting deal", LATEST, {"company": "Zenridge Consulting"}),
    ("what's new with froobnik systems", LATEST, {"company": "Froobnik Systems"}),  # no such company: tool says so
    ("catch me up on silverline educaton", LATEST, {"company": "Silverline Education"}),  # misspelt
    # --- get_company_brief -------------------------------------------------------------------------------------------
    ("prep me for my call w/ globex", BRIEF, {"company": "Globex"}),
    ("brief on stark industries", BRIEF, {"company": "Stark Industries"}),
    ("one pager on soylent before my mtg", BRIEF, {"company": "Soylent"}),
    ("meeting cyberdine tomorrow, what do i need to know", BRIEF, {"company": "Cyberdyne Systems"}),  # misspelt
    ("pre-call brief for wayne enterprizes", BRIEF, {"company": "Wayne Enterprises"}),  # misspelt
    ("get me ready for the truegrid capital meeting", BRIEF, {"company": "Truegrid Capital"}),
    ("brief me on zanzibar quarry co", BRIEF, {"company": "Zanzibar Quarry Co"}),  # no such company: tool says so
    (
        "discovery questions + similar customers for keenrock robotics, got a demo",
        BRIEF,
        {"company": "Keenrock Robotics"},
    ),
    # --- get_call_summary --------------------------------------------------------------------------------------------
    ("what happened on the last acme call", CALL, {"company": "Acme Corp"}),
    ("recap of our most recent initech call", CALL, {"company": "Initech"}),
    ("summarize my last convo with umbrella corp", CALL, {"company": "Umbrella Corporation"}),
    ("call summary vandelay", CALL, {"company": "Vandelay Industries"}),
    ("what did we cover on the latest call w bluegrid therapeutics", CALL, {"company": "Bluegrid Therapeutics"}),
    (
        "next steps from the last hooli call?",
        CALL,
        {"company": "Hooli"},
    ),  # judgement: the call summary lists next steps
    # --- summarize_pipeline ------------------------------------------------------------------------------------------
    ("pipeline by stage", PIPE, {"by": "stage"}),
    ("pipe by rep", PIPE, {"by": "owner"}),
    ("my pipeline", PIPE, {"owners": ["me"], "by": "stage"}),  # default grouping
    ("team west pipeline broken out by owner", PIPE, {"owners": ["Team West"], "by": "owner"}),
    ("what does kenji's pipe look like", PIPE, {"owners": ["Kenji Watanabe"], "by": "stage"}),
    (
        "how much open pipeline do we have",
        PIPE,
        {"by": "stage"},
    ),  # judgement: "we" = whole workspace; pipeline (count_deals would also total it)
    ("open pipe per ae for team east", PIPE, {"owners": ["Team East"], "by": "owner"}),
    ("stage breakdown of emily's pipeline", PIPE, {"owners": ["Emily Nakamura"], "by": "stage"}),
    # --- count_deals -------------------------------------------------------------------------------------------------
    ("how many open deals do i have", COUNT, {"owners": ["me"]}),
    ("# of deals in contract sent", COUNT, {"stages": ["contractsent"]}),
    ("how many deals over 100k are closing this q", COUNT, {"min_amount": 100000, "period": "this_quarter"}),
    (
        "how many deals has kenji got in presentation scheduled",
        COUNT,
        {"owners": ["Kenji Watanabe"], "stages": ["presentationscheduled"]},
    ),
    ("count of globex deals", COUNT, {"company": "Globex"}),
    ("how many deals is team west carrying", COUNT, {"owners": ["Team West"]}),
    ("number of my deals closing next month and their total", COUNT, {"owners": ["me"], "period": "next_month"}),
    ("how many deals under 15k do we have open", COUNT, {"max_amount": 15000}),
    (
        "how many deals have been stuck in qualified to buy for 60+ days",
        COUNT,
        {"stages": ["qualifiedtobuy"], "min_days_in_stage": 60},
    ),
    (
        "how many lakegrid medical deals total, including closed",
        COUNT,
        {"company": "Lakegrid Medical", "include_closed": True},
    ),
    # --- get_closed_deal_metrics -------------------------------------------------------------------------------------
    ("how much did we book last qtr", METRICS, {"metric": "won_amount", "period": "last_quarter"}),
    ("win rate by rep this year", METRICS, {"metric": "win_rate", "by": "owner", "period": "ytd"}),
    ("avg deal size for enterprise accounts", METRICS, {"metric": "avg_deal_size", "segment": "enterprise"}),
    ("sales cycle length in healthcare", METRICS, {"metric": "cycle_time", "segment": "Healthcare"}),
    (
        "how much did jamal close in november",
        METRICS,
        {"metric": "won_amount", "owners": ["Jamal Carter"], "period": "past_month:11"},
    ),  # "close" $ → won amount
    (
        "how many deals did team west win in october",
        METRICS,
        {"metric": "won_count", "owners": ["Team West"], "period": "past_month:10"},
    ),
    ("how many deals did we lose in q3", METRICS, {"metric": "lost_count", "period": "past_q:3"}),
    ("won revenue by month ytd", METRICS, {"metric": "won_amount", "by": "month", "period": "ytd"}),
    ("my win rate last month", METRICS, {"metric": "win_rate", "owners": ["me"], "period": "last_month"}),
    ("win rate by region", METRICS, {"metric": "win_rate", "by": "region"}),
    ("total closed deals (won + lost) this quarter", METRICS, {"metric": "closed_count", "period": "qtd"}),
    ("avg deal size smb vs mid market vs enterprise", METRICS, {"metric": "avg_deal_size", "by": "segment"}),
    ("how much have we won in emea this yr", METRICS, {"metric": "won_amount", "segment": "EMEA", "period": "ytd"}),
    (
        "win rate team east vs team west last quarter",
        METRICS,
        {"metric": "win_rate", "by": "team", "period": "last_quarter"},
    ),  # judgement: a comparison of the two teams
    ("bookings by industry last year", METRICS, {"metric": "won_amount", "by": "industry", "period": "last_year"}),
    ("how long does it take us to close mid-market deals", METRICS, {"metric": "cycle_time", "segment": "mid_market"}),
    # --- get_deal_facts ----------------------------------------------------------------------------------------------
    ("who owns hooli", FACTS, {"company": "Hooli", "fact": "owner"}),
    ("whos the champion at stark industries", FACTS, {"company": "Stark Industries", "fact": "champion"}),
    ("stakeholders on the vandelay deal?", FACTS, {"company": "Vandelay Industries", "fact": "stakeholders"}),
    ("who's the ae on cyberdyne", FACTS, {"company": "Cyberdyne Systems", "fact": "owner"}),
    ("do we have a champ at initek", FACTS, {"company": "Initech", "fact": "champion"}),  # misspelt
    (
        "who are the contacts on the ridgegrid health deal and their roles",
        FACTS,
        {"company": "Ridgegrid Health", "fact": "stakeholders"},
    ),
    # --- list_at_risk_deals ------------------------------------------------------------------------------------------
    ("what's at risk", RISK, {}),  # whole workspace
    ("my at-risk deals", RISK, {"owners": ["me"]}),
    ("is anything at risk at globex?", RISK, {"company": "Globex"}),
    ("which of emily's deals are in trouble", RISK, {"owners": ["Emily Nakamura"]}),
    ("risky deals on team west", RISK, {"owners": ["Team West"]}),
    ("luis at risk deals and why", RISK, {"owners": ["Luis Ortega"]}),
    ("deal health issues on acme crop", RISK, {"company": "Acme Corp"}),  # misspelt
    # --- get_my_day --------------------------------------------------------------------------------------------------
    ("what's on my plate today", MYDAY, {"owners": ["me"]}),
    ("what should i focus on today", MYDAY, {"owners": ["me"]}),
    ("plan my day", MYDAY, {"owners": ["me"]}),
    ("what does jamal's day look like", MYDAY, {"owners": ["Jamal Carter"]}),
    ("my agenda + overdue tasks", MYDAY, {"owners": ["me"]}),
    # --- search_conversations (the query is free text: not compared) ------------------------------------------------
    ("did anyone at globex bring up a competitor?", CONVO, {"query": "competitor", "company": "Globex"}),
    ("what did hooli say about security", CONVO, {"query": "security", "company": "Hooli"}),
    ("emails about pricing since 11/1/2026", CONVO, {"query": "pricing", "kinds": ["email"], "since": "2026-11-01"}),
    (
        "any notes mentioning a budget freeze at initech",
        CONVO,
        {"query": "budget freeze", "company": "Initech", "kinds": ["note"]},
    ),
    (
        "on calls, did soylent raise integration concerns",
        CONVO,
        {"query": "integration concerns", "company": "Soylent", "kinds": ["call"]},
    ),
    (
        "has anyone mentioned datapilot recently in calls or emails",
        CONVO,
        {"query": "DataPilot", "kinds": ["call", "email"]},
    ),  # "recently" has no date: left out
    (
        "what did the cfo at stark industries say about timing",
        CONVO,
        {"query": "CFO timing", "company": "Stark Industries"},
    ),
    ("quotes from buyers about onboarding pain", CONVO, {"query": "onboarding pain"}),
    # --- get_deal_odds -----------------------------------------------------------------------------------------------
    ("odds on acme", ODDS, {"company": "Acme Corp"}),
    ("will we close hooli?", ODDS, {"company": "Hooli"}),
    ("chances we win globex", ODDS, {"company": "Globex"}),
    ("how likely is the initech deal to close", ODDS, {"company": "Initech"}),
    ("win prob for vectorworks pay", ODDS, {"company": "Vectorworks Pay"}),
    # --- forecast_bookings -------------------------------------------------------------------------------------------
    ("forecast for the quarter", FORECAST, {"period": "quarter"}),
    ("what are we gonna land this month", FORECAST, {"period": "month"}),
    ("expected bookings for team east this q", FORECAST, {"period": "quarter", "owners": ["Team East"]}),
    ("my forecast this month", FORECAST, {"period": "month", "owners": ["me"]}),
    ("where will we end up this quarter, w/ a range", FORECAST, {"period": "quarter"}),
    # --- list_make_or_break_deals ------------------------------------------------------------------------------------
    ("which deals make or break our quarter", MOB, {"period": "quarter"}),
    ("deals that swing the forecast most this month", MOB, {"period": "month"}),
    ("top 3 swing deals for the quarter", MOB, {"period": "quarter", "limit": 3}),
    ("make or break deals for megan this q", MOB, {"period": "quarter", "owners": ["Megan Foster"]}),
    ("biggest uncertain deals that decide my quarter", MOB, {"period": "quarter", "owners": ["me"]}),
    # --- get_ae_performance ------------------------------------------------------------------------------------------
    ("how's jamal doing", PERF, {"owners": ["Jamal Carter"]}),
    ("compare me and emily", PERF, {"owners": ["me", "Emily Nakamura"]}),
    ("how am i tracking vs the team", PERF, {"owners": ["me"]}),
    ("aisha performance qtd", PERF, {"owners": ["Aisha Rahman"]}),  # the capability is quarter-to-date already
    ("coaching notes for tyler", PERF, {"owners": ["Tyler Nguyen"]}),  # judgement: coaching is part of the report
    ("carlos vs kenji vs megan", PERF, {"owners": ["Carlos Mendes", "Kenji Watanabe", "Megan Foster"]}),
    # --- search_objection_handling (only the category is compared) --------------------------------------------------
    ("how do i handle 'too expensive'", LIBRARY, {"query": "too expensive", "category": "pricing"}),
    (
        "what do we say when they already have a tool for this",
        LIBRARY,
        {"query": "we already have a tool", "category": "already_have_tool"},
    ),
    ("talk track for security concerns", LIBRARY, {"query": "security concerns", "category": "security"}),
    (
        "buyer says now's not the right time, how do i respond",
        LIBRARY,
        {"query": "not the right time", "category": "timing"},
    ),
    (
        "they need to run it by their boss, what do i say",
        LIBRARY,
        {"query": "need to run it by my boss", "category": "authority"},
    ),
    ("how should i pitch to a cfo", LIBRARY, {"query": "pitch to a CFO"}),  # persona talk track: no category
    (
        "prospect worried it won't integrate w their stack. how to answer",
        LIBRARY,
        {"query": "won't integrate with our stack", "category": "integration"},
    ),
    # --- get_lead_score ----------------------------------------------------------------------------------------------
    ("lead score for goldrock security", LEADSCORE, {"company": "Goldrock Security"}),
    ("how good is the ucla lead", LEADSCORE, {"company": "UCLA"}),
    ("what tier is the corepath mobility lead", LEADSCORE, {"company": "Corepath Mobility"}),
    ("newest inbound leads and their scores", LEADSCORE, {}),
    ("rate the vectorvale foods inbound", LEADSCORE, {"company": "Vectorvale Foods"}),
    # --- score_lead (company and e-mail compared) --------------------------------------------------------------------
    (
        "score this lead: jane.doe@bigcorp.io, BigCorp, 500 employees, budget $80k, buying this quarter",
        SCORELEAD,
        {
            "company": "BigCorp",
            "contact_email": "jane.doe@bigcorp.io",
            "employee_count": 500,
            "budget": "$80k",
            "timeline": "this quarter",
        },
    ),
    (
        "can u score a lead - tom@gmail.com from Redfern Bakery, budget 5k",
        SCORELEAD,
        {"company": "Redfern Bakery", "contact_email": "tom@gmail.com", "budget": "5k"},
    ),
    (
        "new lead, Orion Freightways, ops director priya@orionfreight.com, 51-200 employees, wants forecasting add-on, "
        "timeline next year. score it",
        SCORELEAD,
        {
            "company": "Orion Freightways",
            "contact_email": "priya@orionfreight.com",
            "contact_title": "ops director",
            "company_size": "51-200",
            "interest_area": "forecasting add-on",
            "timeline": "next year",
        },
    ),
    (
        "how would this lead score? Maple Dental, mark@mapledental.com, budget $20k-$40k",
        SCORELEAD,
        {"company": "Maple Dental", "contact_email": "mark@mapledental.com", "budget": "$20k-$40k"},
    ),
    # --- get_buyer_personas ------------------------------------------------------------------------------------------
    ("who are our typical buyers", PERSONAS, {}),
    ("what do finance approvers care about", PERSONAS, {"persona": "Finance approver"}),
    ("tell me about the technical evaluator persona", PERSONAS, {"persona": "Technical evaluator"}),
    ("buyer personas pls", PERSONAS, {}),
    ("which personas show up on our wins and how much do they move win rate", PERSONAS, {}),
    # --- get_pain_points ---------------------------------------------------------------------------------------------
    ("what problems do customers come to us with", PAINS, {}),
    ("top pains of buyers we won", PAINS, {}),
    ("why do ppl end up buying from us", PAINS, {}),
    ("main pain points from closed won deals w quotes", PAINS, {}),
    # --- get_objection_map -------------------------------------------------------------------------------------------
    ("which objections cost us the most deals", OBJMAP, {}),
    ("objection map for pricing", OBJMAP, {"category": "pricing"}),
    ("what's our win rate when security comes up", OBJMAP, {"category": "security"}),
    ("objections across closed deals by category", OBJMAP, {}),
    (
        "does it matter if we answer competitor objections vs deflect them",
        OBJMAP,
        {"category": "competitor"},
    ),  # judgement: answered vs deflected is the map
    # --- get_objections_this_week ------------------------------------------------------------------------------------
    ("what pushback did we get on calls this week", OBJWEEK, {"days": 7}),
    ("objections from the last 2 weeks", OBJWEEK, {"days": 14}),
    ("new objections in the past 30 days", OBJWEEK, {"days": 30}),
    ("any new objections coming up lately?", OBJWEEK, {"days": 7}),  # "lately" → default window
    # --- get_battle_card ---------------------------------------------------------------------------------------------
    ("battlecard datapilot", CARD, {"competitor": "DataPilot"}),
    ("how do we win against metricly", CARD, {"competitor": "Metricly"}),
    ("quantix vs us - where do we win", CARD, {"competitor": "Quantix"}),
    ("compete card for data pilot", CARD, {"competitor": "DataPilot"}),  # spacing variant of the competitor name
    # --- get_loss_reasons --------------------------------------------------------------------------------------------
    ("top reasons we lose deals", LOSS, {}),
    ("why did my deals get lost", LOSS, {"owner": "me"}),
    ("why is carlos losing deals", LOSS, {"owner": "Carlos Mendes"}),
    ("closed lost analysis", LOSS, {}),
    # --- get_reactivation_list ---------------------------------------------------------------------------------------
    ("which closed lost deals could we revive", REVIVE, {}),
    ("lost deals worth another shot", REVIVE, {}),
    ("my lost deals to reopen", REVIVE, {"owner": "me"}),
    ("top 3 lost deals jamal should reactivate", REVIVE, {"owner": "Jamal Carter", "limit": 3}),
    # --- lookup_company (the name as asked is compared, lower-cased) -------------------------------------------------
    ("is 'initec' a company we have?", LOOKUP, {"company": "initec"}),
    ("what company is 'umbrella'?", LOOKUP, {"company": "umbrella"}),
    ("do we have an account called vectorworks", LOOKUP, {"company": "vectorworks"}),
    ("is there a company named froobnik in the crm", LOOKUP, {"company": "froobnik"}),
    # --- no capability: help ------------------------------------------------------------------------------------------
    ("what can you do", None, {"intent": "help"}),
    ("help", None, {"intent": "help"}),
    ("how do i use this bot", None, {"intent": "help"}),
    ("what kinds of questions can i ask you", None, {"intent": "help"}),
    # --- no capability: out of scope ----------------------------------------------------------------------------------
    ("what's the stock price of salesforce", None, {"intent": "out_of_scope"}),
    ("book me a flight to chicago next tuesday", None, {"intent": "out_of_scope"}),
    ("weather in nyc tmrw?", None, {"intent": "out_of_scope"}),
    ("write me a limerick about quota", None, {"intent": "out_of_scope"}),
    ("translate this email to spanish", None, {"intent": "out_of_scope"}),
    ("who won the knicks game last night", None, {"intent": "out_of_scope"}),
    # --- no capability: write requests --------------------------------------------------------------------------------
    ("update the close date on acme to friday", None, {"intent": "write"}),
    ("move the initech deal to contract sent", None, {"intent": "write"}),
    ("log a call with hooli from this morning", None, {"intent": "write"}),
    ("create a task to follow up with globex tmrw", None, {"intent": "write"}),
    ("mark soylent closed won", None, {"intent": "write"}),
    ("reassign the vandelay deal to jamal", None, {"intent": "write"}),
    ("send the recap email to stark industries", None, {"intent": "write"}),
    # --- no capability: clarify (truly ambiguous) ---------------------------------------------------------------------
    ("acme?", None, {"intent": "clarify"}),
    ("what about that one", None, {"intent": "clarify"}),
    ("lakegrid?", None, {"intent": "clarify"}),  # two companies (Lakegrid Medical, Lakegrid Mobility) and no ask
    ("score this lead", None, {"intent": "clarify"}),  # no lead details: needs company and e-mail
    ("compare them", None, {"intent": "clarify"}),
    # --- no capability: a filter the capability's schema cannot express ----------------------------------------------
    ("deals from referral source", None, {"intent": "unsupported_filter"}),  # search_deals: no source filter
    ("open deals in healthcare", None, {"intent": "unsupported_filter"}),  # search_deals: no industry filter
    ("which emea deals went silent", None, {"intent": "unsupported_filter"}),  # silent: no region filter
    ("at-risk deals over 100k", None, {"intent": "unsupported_filter"}),  # at risk: no amount filter
    ("silent deals closing this month", None, {"intent": "unsupported_filter"}),  # silent: no close-date filter
    ("pipeline by industry", None, {"intent": "unsupported_filter"}),  # pipeline groups by stage/owner only
    ("forecast for next quarter", None, {"intent": "unsupported_filter"}),  # forecast: this month/quarter only
    ("insight enterprise deals closing this q", None, {"intent": "unsupported_filter"}),  # no product filter
    ("what's my day look like tomorrow", None, {"intent": "unsupported_filter"}),  # my day: today only
    ("objections raised on acme calls this week", None, {"intent": "unsupported_filter"}),  # week: days only
    ("loss reasons last quarter", None, {"intent": "unsupported_filter"}),  # loss reasons: owner only, no period
    ("how many deals were created last month", None, {"intent": "unsupported_filter"}),  # count: no created date
    ("win rate on partner-sourced deals", None, {"intent": "unsupported_filter"}),  # segment: no deal source
    ("at risk deals closing before end of month", None, {"intent": "unsupported_filter"}),  # at risk: no close date
]
