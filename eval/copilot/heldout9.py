"""Held-out set 9: how the whole sales org of the demo workspace types in Slack over one week. Written blind.

Sealed until set 8's fixes were merged, then run once (its first run, on commit 6b5647f: 96.6 % capability +
arguments right, 228 of 236; 5 confident wrong, 4 clarified). Not in the classifier's training set.

Written by a helper session, blind, on Mon 7 Dec 2026 (UTC), from these inputs only: `/work/blind/capabilities.md`
(every capability's name, summary, description, subcommand and argument schema, examples removed),
`/work/blind/names.md` (the demo workspace's owners, teams, companies, stages, calls, leads, competitors),
`/work/blind/conventions.md` (the header of an earlier held-out set), the evaluator `eval/copilot/__init__.py`
(`canonical()`, `period_dates()`, `closed_period()`, `no_tool_right()`) and lines 1-30 of `eval/copilot/questions.py`
(the case format). The author did not read the copilot's code, any other question set, nor ran the copilot.

Asked as Dana Whitfield (AE, Team East), today Monday 7 Dec 2026. Conventions of the labels:
- owners by name as typed ("jamal", "Team West") or "me"; no owners = the whole team ("we", "our", no possessive);
- periods as the evaluator's tokens (`period`): closing periods for search_deals / count_deals (this_month, eom,
  this_quarter, next_month, month:1, q1, next_30_days ...), past periods for get_closed_deal_metrics (last_quarter,
  last_month, mtd, qtd, ytd, this_year, past_month:11, past_q:3, last_90_days ...);
- amounts in USD; stages by their CRM keys (contractsent, decisionmakerboughtin, ...);
- companies by the name they should resolve to (a misspelling is labelled with the real company); lookup_company and
  get_lead_score by the name as typed;
- a case whose tool is None must not call a capability as asked: its `intent` is help, out_of_scope, write, clarify
  or unsupported_filter.
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
CLOSED = "get_closed_deal_metrics"
FACTS = "get_deal_facts"
RISK = "list_at_risk_deals"
DAY = "get_my_day"
CONV = "search_conversations"
BRIEF = "get_company_brief"
CALL = "get_call_summary"
OBJ = "search_objection_handling"
LEAD = "get_lead_score"
SCORE = "score_lead"
PERSONA = "get_buyer_personas"
PAIN = "get_pain_points"
OMAP = "get_objection_map"
OWEEK = "get_objections_this_week"
BATTLE = "get_battle_card"
LOSS = "get_loss_reasons"
REVIVE = "get_reactivation_list"
ODDS = "get_deal_odds"
FORECAST = "forecast_bookings"
MOB = "list_make_or_break_deals"
PERF = "get_ae_performance"

CASES: list[Case] = [
    # --- search_deals -------------------------------------------------------------------------------------------------
    ("my deals closing this month", DEALS, {"owners": ["me"], "period": "this_month"}),
    ("show me jamal's deals over 50k", DEALS, {"owners": ["jamal"], "min_amount": 50000}),
    ("whats in contract sent rn", DEALS, {"stages": ["contractsent"]}),
    ("top 5 deals for team west", DEALS, {"owners": ["Team West"], "limit": 5}),
    ("deals closing this qtr", DEALS, {"period": "this_quarter"}),
    (
        "list megan's open opps in decision maker bought in",
        DEALS,
        {"owners": ["megan"], "stages": ["decisionmakerboughtin"]},
    ),
    ("which of my deals are closing by end of month?", DEALS, {"owners": ["me"], "period": "eom"}),
    (
        "deals stuck in contract sent for more than 30 days",
        DEALS,
        {"stages": ["contractsent"], "min_days_in_stage": 30},
    ),
    ("show deals under $20k closing next month", DEALS, {"max_amount": 20000, "period": "next_month"}),
    ("can you pull up all the deals we have with acme", DEALS, {"company": "Acme Corp"}),
    ("luis deals closing in january", DEALS, {"owners": ["luis"], "period": "month:1"}),
    ("biggest 10 opps in the pipe", DEALS, {"limit": 10}),
    ("carlos and kenji deals > $100k", DEALS, {"owners": ["carlos", "kenji"], "min_amount": 100000}),
    ("deals in presentation scheduled", DEALS, {"stages": ["presentationscheduled"]}),
    ("my deals incl closed won and lost", DEALS, {"owners": ["me"], "include_closed": True}),
    ("what deals are expected to close in the next 30 days", DEALS, {"period": "next_30_days"}),
    ("grace's deals between 25k and 75k", DEALS, {"owners": ["grace"], "min_amount": 25000, "max_amount": 75000}),
    ("team east deals closing q1", DEALS, {"owners": ["Team East"], "period": "q1"}),
    (
        "which deals are in qualified to buy and worth more than $1.2M",
        DEALS,
        {"stages": ["qualifiedtobuy"], "min_amount": 1200000},
    ),
    ("deals /w wayne enterprises incl closed ones", DEALS, {"company": "Wayne Enterprises", "include_closed": True}),
    (
        "opps sitting in appointment scheduled 60+ days",
        DEALS,
        {"stages": ["appointmentscheduled"], "min_days_in_stage": 60},
    ),
    ("tyler's deals in contract stage", DEALS, {"owners": ["tyler"], "stages": ["contractsent"]}),
    ("my top 3 deals closing this week", DEALS, {"owners": ["me"], "limit": 3, "period": "this_week"}),
    ("I'm new here - could you show me every open deal Aisha Rahman owns?", DEALS, {"owners": ["Aisha Rahman"]}),
    # --- list_silent_deals --------------------------------------------------------------------------------------------
    ("which of my deals went quiet", SILENT, {"owners": ["me"]}),
    ("silent 10+ days", SILENT, {"days": 10}),
    ("who's ghosting jamal", SILENT, {"owners": ["jamal"]}),
    ("deals with no reply from the buyer in 2 weeks", SILENT, {"days": 14}),
    ("team west deals gone dark for 7 days", SILENT, {"days": 7, "owners": ["Team West"]}),
    ("any buyers gone silent on me?", SILENT, {"owners": ["me"]}),
    ("show silent deals", SILENT, {}),
    ("emily's deals where the customer hasnt responded for 3 weeks", SILENT, {"owners": ["emily"], "days": 21}),
    ("Which accounts in our pipeline have stopped engaging with us for over 30 days?", SILENT, {"days": 30}),
    ("ghosted deals - kenji + megan", SILENT, {"owners": ["kenji", "megan"]}),
    # --- get_latest_on_company ----------------------------------------------------------------------------------------
    ("whats the latest on acme", LATEST, {"company": "Acme Corp"}),
    ("status of globex?", LATEST, {"company": "Globex"}),
    ("update on initech pls", LATEST, {"company": "Initech"}),
    ("where are we with wayne enterprses", LATEST, {"company": "Wayne Enterprises"}),
    ("latest w/ stark industries", LATEST, {"company": "Stark Industries"}),
    ("where do things stand with Cloudport Security?", LATEST, {"company": "Cloudport Security"}),
    ("any news on soylent", LATEST, {"company": "Soylent"}),
    ("catch me up on ambercraft group", LATEST, {"company": "Ambercraft Group"}),
    ("what's going on with the truegrid capital account", LATEST, {"company": "Truegrid Capital"}),
    ("status check: zenfield networks", LATEST, {"company": "Zenfield Networks"}),
    # --- summarize_pipeline -------------------------------------------------------------------------------------------
    ("pipeline by stage", PIPE, {"by": "stage"}),
    ("pipeline by rep", PIPE, {"by": "owner"}),
    ("how much pipe does each ae have", PIPE, {"by": "owner"}),
    ("my pipeline", PIPE, {"owners": ["me"]}),
    ("team west pipeline broken down by owner", PIPE, {"owners": ["Team West"], "by": "owner"}),
    ("summarize our open pipeline", PIPE, {}),
    ("jamal's pipe by stage", PIPE, {"owners": ["jamal"], "by": "stage"}),
    ("What does Team East's open pipeline look like per stage?", PIPE, {"owners": ["Team East"], "by": "stage"}),
    # --- lookup_company -----------------------------------------------------------------------------------------------
    ("which company is 'wolfspring'?", LOOKUP, {"company": "wolfspring"}),
    ("is there a company called brightmark in the crm", LOOKUP, {"company": "brightmark"}),
    ("do we have an account named Hooli?", LOOKUP, {"company": "Hooli"}),
    ("when i say 'lakeview' which account does that match", LOOKUP, {"company": "lakeview"}),
    # --- count_deals --------------------------------------------------------------------------------------------------
    ("how many open deals do we have", COUNT, {}),
    ("how many deals in contract sent", COUNT, {"stages": ["contractsent"]}),
    ("number of dana's deals over $50k", COUNT, {"owners": ["dana"], "min_amount": 50000}),
    (
        "how many deals does team west have closing this quarter",
        COUNT,
        {"owners": ["Team West"], "period": "this_quarter"},
    ),
    ("count of my open opps", COUNT, {"owners": ["me"]}),
    ("how many deals r closing next month", COUNT, {"period": "next_month"}),
    (
        "# of deals in decision maker bought in for luis",
        COUNT,
        {"stages": ["decisionmakerboughtin"], "owners": ["luis"]},
    ),
    ("how many deals have been stuck in the same stage for 45+ days?", COUNT, {"min_days_in_stage": 45}),
    ("total count and value of deals under 10k", COUNT, {"max_amount": 10000}),
    ("how many deals do we have with acme incl. closed", COUNT, {"company": "Acme Corp", "include_closed": True}),
    ("how many deals are slated to close before the end of the month?", COUNT, {"period": "eom"}),
    ("how many opps does carlos have", COUNT, {"owners": ["carlos"]}),
    # --- get_closed_deal_metrics --------------------------------------------------------------------------------------
    ("how much did we win last quarter", CLOSED, {"metric": "won_amount", "period": "last_quarter"}),
    (
        "how many deals did team west close in november",
        CLOSED,
        {"metric": "won_count", "owners": ["Team West"], "period": "past_month:11"},
    ),
    ("win rate by rep this year", CLOSED, {"metric": "win_rate", "by": "owner", "period": "this_year"}),
    ("avg deal size ytd", CLOSED, {"metric": "avg_deal_size", "period": "ytd"}),
    ("sales cycle for enterprise deals", CLOSED, {"metric": "cycle_time", "segment": "enterprise"}),
    ("what's my win rate last month", CLOSED, {"metric": "win_rate", "owners": ["me"], "period": "last_month"}),
    ("how much have we booked mtd", CLOSED, {"metric": "won_amount", "period": "mtd"}),
    ("how many deals did we lose in q3", CLOSED, {"metric": "lost_count", "period": "past_q:3"}),
    ("bookings by month this year", CLOSED, {"metric": "won_amount", "by": "month", "period": "this_year"}),
    ("win rate smb vs mid market vs enterprise", CLOSED, {"metric": "win_rate", "by": "segment"}),
    (
        "revenue won by industry last quarter",
        CLOSED,
        {"metric": "won_amount", "by": "industry", "period": "last_quarter"},
    ),
    ("jamal's closed won count qtd", CLOSED, {"metric": "won_count", "owners": ["jamal"], "period": "qtd"}),
    (
        "how long does it take us to close healthcare deals on average",
        CLOSED,
        {"metric": "cycle_time", "segment": "Healthcare"},
    ),
    ("total deals closed (won+lost) last 90 days", CLOSED, {"metric": "closed_count", "period": "last_90_days"}),
    ("win rate by team this quarter", CLOSED, {"metric": "win_rate", "by": "team", "period": "qtd"}),
    (
        "how much did we win in EMEA last year",
        CLOSED,
        {"metric": "won_amount", "segment": "EMEA", "period": "last_year"},
    ),
    ("average won deal size by region", CLOSED, {"metric": "avg_deal_size", "by": "region"}),
    (
        "how many deals did megan win in october",
        CLOSED,
        {"metric": "won_count", "owners": ["megan"], "period": "past_month:10"},
    ),
    (
        "What was our win rate for mid-market accounts in Q2?",
        CLOSED,
        {"metric": "win_rate", "segment": "mid_market", "period": "past_q:2"},
    ),
    ("closed won $ by team ytd", CLOSED, {"metric": "won_amount", "by": "team", "period": "ytd"}),
    # --- get_deal_facts -----------------------------------------------------------------------------------------------
    ("who owns the acme deal", FACTS, {"company": "Acme Corp", "fact": "owner"}),
    ("who is the champion at globex", FACTS, {"company": "Globex", "fact": "champion"}),
    ("stakeholders on initech?", FACTS, {"company": "Initech", "fact": "stakeholders"}),
    ("who's the AE on stark industries", FACTS, {"company": "Stark Industries", "fact": "owner"}),
    (
        "who are the contacts on the amberwave bio deal and their roles",
        FACTS,
        {"company": "Amberwave Bio", "fact": "stakeholders"},
    ),
    ("do we have a champion at wayne enterprises?", FACTS, {"company": "Wayne Enterprises", "fact": "champion"}),
    ("whose deal is soylent", FACTS, {"company": "Soylent", "fact": "owner"}),
    # --- list_at_risk_deals -------------------------------------------------------------------------------------------
    ("which of my deals are at risk", RISK, {"owners": ["me"]}),
    ("deals at risk", RISK, {}),
    ("is the acme deal at risk?", RISK, {"company": "Acme Corp"}),
    ("risky deals for team west", RISK, {"owners": ["Team West"]}),
    ("what's at risk in jamal's book and why", RISK, {"owners": ["jamal"]}),
    ("any red flags on globex", RISK, {"company": "Globex"}),
    ("Which deals in the pipeline are in trouble right now?", RISK, {}),
    ("deal health issues for kenji", RISK, {"owners": ["kenji"]}),
    ("risk on cloudport security", RISK, {"company": "Cloudport Security"}),
    ("at-risk opps emily + grace", RISK, {"owners": ["emily", "grace"]}),
    # --- get_my_day ---------------------------------------------------------------------------------------------------
    ("what should i do today", DAY, {"owners": ["me"]}),
    ("my day", DAY, {"owners": ["me"]}),
    ("whats on my plate", DAY, {"owners": ["me"]}),
    ("jamal's day", DAY, {"owners": ["jamal"]}),
    ("what does luis have on today", DAY, {"owners": ["luis"]}),
    ("gm! what's my agenda for today?", DAY, {"owners": ["me"]}),
    ("plan my day", DAY, {"owners": ["me"]}),
    ("what's on megan's plate today", DAY, {"owners": ["megan"]}),
    ("Could you give me a rundown of my meetings and tasks for today?", DAY, {"owners": ["me"]}),
    # --- search_conversations -----------------------------------------------------------------------------------------
    ("what did acme's cfo say about security?", CONV, {"query": "security", "company": "Acme Corp"}),
    ("did anyone mention a competitor at globex?", CONV, {"query": "competitor", "company": "Globex"}),
    ("emails about pricing since october", CONV, {"query": "pricing", "kinds": ["email"], "since": "2026-10-01"}),
    ("did initech bring up budget on any call", CONV, {"query": "budget", "company": "Initech", "kinds": ["call"]}),
    ("what have buyers said about SSO?", CONV, {"query": "SSO"}),
    ("anything in the notes about a procurement freeze", CONV, {"query": "procurement freeze", "kinds": ["note"]}),
    (
        "has wayne enterprises said anything about their renewal date",
        CONV,
        {"query": "renewal date", "company": "Wayne Enterprises"},
    ),
    (
        "who mentioned datapilot on calls since nov 1",
        CONV,
        {"query": "DataPilot", "kinds": ["call"], "since": "2026-11-01"},
    ),
    # --- get_company_brief --------------------------------------------------------------------------------------------
    ("prep me for my call with acme", BRIEF, {"company": "Acme Corp"}),
    ("brief on globex", BRIEF, {"company": "Globex"}),
    ("pre-call brief initech", BRIEF, {"company": "Initech"}),
    ("i have a meeting with stark industries tmrw, give me a one pager", BRIEF, {"company": "Stark Industries"}),
    ("need a brief before my soylent meeting", BRIEF, {"company": "Soylent"}),
    ("Can you prepare me for the Elmview Systems meeting?", BRIEF, {"company": "Elmview Systems"}),
    ("meeting prep: birchwave retail", BRIEF, {"company": "Birchwave Retail"}),
    ("brief me on truegrid capital before the call", BRIEF, {"company": "Truegrid Capital"}),
    # --- get_call_summary ---------------------------------------------------------------------------------------------
    ("summarize the last call with acme", CALL, {"company": "Acme Corp"}),
    ("how did the cloudport security call go", CALL, {"company": "Cloudport Security"}),
    ("recap of the swiftwood learning call", CALL, {"company": "Swiftwood Learning"}),
    ("what happened on the last keenrock robotics call?", CALL, {"company": "Keenrock Robotics"}),
    ("call summary greenfield group", CALL, {"company": "Greenfield Group"}),
    ("tl;dr of our latest call w/ amberwave", CALL, {"company": "Amberwave Bio"}),
    (
        "Could you summarize the most recent call we had with Skystone Analytics?",
        CALL,
        {"company": "Skystone Analytics"},
    ),
    ("notes from the last call with lakegrid medical", CALL, {"company": "Lakegrid Medical"}),
    # --- search_objection_handling ------------------------------------------------------------------------------------
    ("how do i handle pricing objections", OBJ, {"query": "pricing objections", "category": "pricing"}),
    ("talk track for a CFO", OBJ, {"query": "talk track for a CFO"}),
    (
        "what do we say when they say they already have a tool",
        OBJ,
        {"query": "they already have a tool", "category": "already_have_tool"},
    ),
    (
        "how to respond to security concerns from IT",
        OBJ,
        {"query": "security concerns from IT", "category": "security"},
    ),
    (
        "buyer says 'not the right time, come back next year' - how have we handled that?",
        OBJ,
        {"query": "not the right time, come back next year"},
    ),
    ("how do i handle a timing objection", OBJ, {"query": "timing objection", "category": "timing"}),
    (
        "what do we say when the champion can't sign off (authority objection)?",
        OBJ,
        {"query": "champion can't sign off", "category": "authority"},
    ),
    ("how should I pitch to a VP of Sales?", OBJ, {"query": "pitch to a VP of Sales"}),
    # --- get_lead_score -----------------------------------------------------------------------------------------------
    ("score for the cedarpoint financial lead", LEAD, {"company": "cedarpoint financial"}),
    ("lead score stanford university", LEAD, {"company": "stanford university"}),
    ("how do the newest inbound leads score?", LEAD, {}),
    ("what tier is the goldmark telecom lead", LEAD, {"company": "goldmark telecom"}),
    ("show latest lead scores", LEAD, {}),
    # --- score_lead ---------------------------------------------------------------------------------------------------
    (
        "score this lead: Brightpath Foods, jane.doe@brightpathfoods.com, 300 employees, budget $40k, wants to buy "
        "this quarter",
        SCORE,
        {
            "company": "Brightpath Foods",
            "contact_email": "jane.doe@brightpathfoods.com",
            "employee_count": 300,
            "budget": "$40k",
            "timeline": "this quarter",
        },
    ),
    (
        "can you score a lead - company Tidewater Analytics, email mark@gmail.com, vp data",
        SCORE,
        {"company": "Tidewater Analytics", "contact_email": "mark@gmail.com", "contact_title": "vp data"},
    ),
    (
        "Got an inbound from Northpeak Logistics (sam.lee@northpeak.io), 51-200 employees, interested in Insight "
        "Growth. How good a lead is it?",
        SCORE,
        {
            "company": "Northpeak Logistics",
            "contact_email": "sam.lee@northpeak.io",
            "company_size": "51-200",
            "interest_area": "Insight Growth",
        },
    ),
    (
        "score lead: Quillbrook Energy / priya@quillbrook.com / budget 100k-150k",
        SCORE,
        {"company": "Quillbrook Energy", "contact_email": "priya@quillbrook.com", "budget": "100k-150k"},
    ),
    # --- get_buyer_personas -------------------------------------------------------------------------------------------
    ("who buys from us", PERSONA, {}),
    ("our buyer personas", PERSONA, {}),
    ("what do finance approvers care about", PERSONA, {"persona": "Finance approver"}),
    ("tell me about the technical evaluator persona", PERSONA, {"persona": "Technical evaluator"}),
    ("Which types of buyers typically sign off on our won deals?", PERSONA, {}),
    # --- get_pain_points ----------------------------------------------------------------------------------------------
    ("what pain points do our buyers have", PAIN, {}),
    ("why do customers buy from us", PAIN, {}),
    ("what problems do we solve for people", PAIN, {}),
    ("top pains we hear from won customers?", PAIN, {}),
    # --- get_objection_map --------------------------------------------------------------------------------------------
    ("which objections hurt us most", OMAP, {}),
    ("objection map", OMAP, {}),
    ("win rate when pricing comes up", OMAP, {"category": "pricing"}),
    ("how often does security come up as an objection and do we still win?", OMAP, {"category": "security"}),
    ("objections raised by finance approvers, with win rates", OMAP, {"persona": "Finance approver"}),
    # --- get_objections_this_week -------------------------------------------------------------------------------------
    ("objections this week", OWEEK, {"days": 7}),
    ("what pushback did we hear lately", OWEEK, {"days": 7}),
    ("objections from calls in the last 14 days", OWEEK, {"days": 14}),
    ("any new objections on calls in the last 30 days?", OWEEK, {"days": 30}),
    ("What objections did buyers raise on our calls this week?", OWEEK, {"days": 7}),
    # --- get_battle_card ----------------------------------------------------------------------------------------------
    ("battle card vs datapilot", BATTLE, {"competitor": "DataPilot"}),
    ("how do we beat metricly", BATTLE, {"competitor": "Metricly"}),
    ("how do we do against quantix?", BATTLE, {"competitor": "Quantix"}),
    ("buyer is looking at chartwell bi - what's our angle vs them", BATTLE, {"competitor": "Chartwell BI"}),
    ("competing w lookwise on a deal, battlecard pls", BATTLE, {"competitor": "Lookwise"}),
    # --- get_loss_reasons ---------------------------------------------------------------------------------------------
    ("why are we losing deals", LOSS, {}),
    ("loss reasons", LOSS, {}),
    ("why did i lose my deals", LOSS, {"owner": "me"}),
    ("why has carlos been losing deals?", LOSS, {"owner": "carlos"}),
    ("What are the most common reasons our deals end up closed lost?", LOSS, {}),
    # --- get_reactivation_list ----------------------------------------------------------------------------------------
    ("which lost deals should we revive", REVIVE, {}),
    ("reactivation list", REVIVE, {}),
    ("lost deals of mine worth reopening", REVIVE, {"owner": "me"}),
    ("top 10 closed lost deals to win back", REVIVE, {"limit": 10}),
    ("any of jamal's lost deals we could bring back?", REVIVE, {"owner": "jamal"}),
    # --- get_deal_odds ------------------------------------------------------------------------------------------------
    ("what are the odds on acme", ODDS, {"company": "Acme Corp"}),
    ("will we win globex?", ODDS, {"company": "Globex"}),
    ("likelihood to close initech", ODDS, {"company": "Initech"}),
    ("chances on wayne enterprises", ODDS, {"company": "Wayne Enterprises"}),
    ("what's the win probability for the stark industries deal and why", ODDS, {"company": "Stark Industries"}),
    # --- forecast_bookings --------------------------------------------------------------------------------------------
    ("forecast", FORECAST, {"period": "quarter"}),
    ("what will we close this quarter", FORECAST, {"period": "quarter"}),
    ("expected bookings this month", FORECAST, {"period": "month"}),
    ("team west forecast for the qtr", FORECAST, {"period": "quarter", "owners": ["Team West"]}),
    ("what's my forecast this month", FORECAST, {"period": "month", "owners": ["me"]}),
    ("How much do we expect to book by the end of the quarter?", FORECAST, {"period": "quarter"}),
    # --- list_make_or_break_deals -------------------------------------------------------------------------------------
    ("which deals make or break the quarter", MOB, {"period": "quarter"}),
    ("make-or-break deals this month", MOB, {"period": "month"}),
    ("the swing deals for team east this q", MOB, {"period": "quarter", "owners": ["Team East"]}),
    ("top 3 deals that will decide our quarter", MOB, {"period": "quarter", "limit": 3}),
    ("which of my deals move the forecast the most this quarter?", MOB, {"period": "quarter", "owners": ["me"]}),
    # --- get_ae_performance -------------------------------------------------------------------------------------------
    ("how is jamal doing", PERF, {"owners": ["jamal"]}),
    ("compare dana and jamal", PERF, {"owners": ["dana", "jamal"]}),
    ("how am i doing vs the team this quarter", PERF, {"owners": ["me"]}),
    ("performance review for tyler nguyen", PERF, {"owners": ["Tyler Nguyen"]}),
    ("how's megan tracking against the rest of the team?", PERF, {"owners": ["megan"]}),
    ("stack up emily, grace and luis for me - win rate, cycle, activity", PERF, {"owners": ["emily", "grace", "luis"]}),
    # --- no tool: help ------------------------------------------------------------------------------------------------
    ("help", None, {"intent": "help"}),
    ("what can you do?", None, {"intent": "help"}),
    ("hi, i just joined the team - what kinds of questions can i ask this bot?", None, {"intent": "help"}),
    ("what commands are there", None, {"intent": "help"}),
    # --- no tool: out of scope ----------------------------------------------------------------------------------------
    ("what's the weather in boston", None, {"intent": "out_of_scope"}),
    ("write me a python script to parse csv files", None, {"intent": "out_of_scope"}),
    ("when is the company holiday party", None, {"intent": "out_of_scope"}),
    ("what's my PTO balance", None, {"intent": "out_of_scope"}),
    ("who won the game last night", None, {"intent": "out_of_scope"}),
    # --- no tool: writes ----------------------------------------------------------------------------------------------
    ("move the acme deal to contract sent", None, {"intent": "write"}),
    ("change the close date on globex to jan 15", None, {"intent": "write"}),
    ("reassign the initech deal to jamal", None, {"intent": "write"}),
    ("log a call with stark industries: talked pricing", None, {"intent": "write"}),
    ("create a task to follow up with soylent friday", None, {"intent": "write"}),
    ("mark the wayne enterprises deal closed won", None, {"intent": "write"}),
    # --- no tool: clarify ---------------------------------------------------------------------------------------------
    ("what about that one", None, {"intent": "clarify"}),
    ("numbers?", None, {"intent": "clarify"}),
    ("tell me more", None, {"intent": "clarify"}),
    ("can you check on the thing from earlier", None, {"intent": "clarify"}),
    # --- no tool: unsupported filters ---------------------------------------------------------------------------------
    ("deals sourced from partners closing this quarter", None, {"intent": "unsupported_filter"}),
    ("open deals for the Forecasting Add-on product", None, {"intent": "unsupported_filter"}),
    ("deals created last week", None, {"intent": "unsupported_filter"}),
    ("open deals in fintech companies", None, {"intent": "unsupported_filter"}),
    ("show me the deals that came in through referrals", None, {"intent": "unsupported_filter"}),
    ("how many open deals are in EMEA", None, {"intent": "unsupported_filter"}),
]
