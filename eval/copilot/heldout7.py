"""Held-out set 7: how AEs and managers type in Slack, with the tool and arguments a right answer needs. Written blind.

Written by a helper session, blind, on Mon 7 Dec 2026 (UTC), from three inputs only: `/work/blind7/capabilities.md`
(each capability's name, description, subcommand and argument schema, with its examples removed),
`/work/blind7/names.md` (the demo workspace's owners, teams, companies, stages, calls, leads, objection categories) and
the evaluator's conventions (`eval/copilot/__init__.py`: `canonical()`, `period_dates()`, `closed_period()`,
`no_tool_right()`, and the format header, lines 1-30, of `eval/copilot/questions.py`). The author did not read the
copilot's understanding code (`bot/`), the capabilities' examples, nor any earlier question set beyond that header, and
did not run the copilot.

Asked as Dana Whitfield (AE, Team East) unless a comment says otherwise. Conventions of the labels:
- owners by name as typed ("Jamal", "Team West") or "me"; no owners = the whole team ("we", "our", no possessive);
- periods as the evaluator's tokens (`period`): closing periods for search_deals / count_deals (this_month, eom, q1,
  month:1, next_30_days ...), past periods for get_closed_deal_metrics (last_quarter, mtd, ytd, past_q:3,
  past_month:11, last_90_days ...);
- amounts in USD; stages by their CRM keys (contractsent, decisionmakerboughtin, ...);
- companies by the name they should resolve to (a misspelling is labelled with the real company); a company that does
  not exist is labelled as typed (the tool then says it does not know it);
- a case whose tool is None must not call a capability as asked: its `intent` is help, out_of_scope, write (a change
  the copilot cannot make), clarify (it should ask) or unsupported_filter (a filter no schema can express: ask, or
  answer and say which filter was not applied).
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
CONVO = "search_conversations"
BRIEF = "get_company_brief"
CALL = "get_call_summary"
OBJ = "search_objection_handling"
LEAD = "get_lead_score"
SCORE = "score_lead"
PERSONAS = "get_buyer_personas"
PAINS = "get_pain_points"
OBJMAP = "get_objection_map"
OBJWEEK = "get_objections_this_week"
BATTLE = "get_battle_card"
LOSS = "get_loss_reasons"
REVIVE = "get_reactivation_list"
ODDS = "get_deal_odds"
FORECAST = "forecast_bookings"
MOB = "list_make_or_break_deals"
PERF = "get_ae_performance"

HELP = {"intent": "help"}
OUT = {"intent": "out_of_scope"}
WRITE = {"intent": "write"}
CLARIFY = {"intent": "clarify"}
UNSUPPORTED = {"intent": "unsupported_filter"}

CASES: list[Case] = [
    # --- search_deals ------------------------------------------------------------------------------------------------
    ("my deals closing this month", DEALS, {"owners": ["me"], "period": "this_month"}),
    ("jamal's deals over 50k", DEALS, {"owners": ["Jamal"], "min_amount": 50000}),
    ("whats in contract sent", DEALS, {"stages": ["contractsent"]}),  # why: no "my": the whole team (schema default)
    (
        "deals between 50k and 100k closing next quarter",
        DEALS,
        {"min_amount": 50000, "max_amount": 100000, "period": "next_quarter"},
    ),
    ("top 5 deals for team west", DEALS, {"owners": ["Team West"], "limit": 5}),
    (
        "which of my deals have been stuck in contract sent for over 30 days",
        DEALS,
        {"owners": ["me"], "stages": ["contractsent"], "min_days_in_stage": 30},
    ),
    ("show me $1.2M+ deals", DEALS, {"min_amount": 1200000}),
    ("my deals closing in the next 30 days", DEALS, {"owners": ["me"], "period": "next_30_days"}),
    ("emilys deals in decision maker bought in", DEALS, {"owners": ["Emily"], "stages": ["decisionmakerboughtin"]}),
    ("deals under 10k closing by end of quarter", DEALS, {"max_amount": 10000, "period": "eoq"}),
    ("what deals do we have with acme corp", DEALS, {"company": "Acme Corp"}),
    # why: "biggest" = the largest one; deals come largest first
    ("my biggest deal", DEALS, {"owners": ["me"], "limit": 1}),
    ("luis and grace's deals closing in q1", DEALS, {"owners": ["Luis", "Grace"], "period": "q1"}),
    ("all my deals incl won and lost", DEALS, {"owners": ["me"], "include_closed": True}),
    (
        "deals in demo scheduled or qualified to buy over 25k",
        DEALS,
        {"stages": ["presentationscheduled", "qualifiedtobuy"], "min_amount": 25000},
    ),  # why: "demo scheduled" is how AEs say the presentationscheduled stage
    ("deals closing in january", DEALS, {"period": "month:1"}),
    ("anything of mine closing this week?", DEALS, {"owners": ["me"], "period": "this_week"}),
    (
        "kenji's deals closing next month worth more than 75k",
        DEALS,
        {"owners": ["Kenji"], "period": "next_month", "min_amount": 75000},
    ),
    (
        "list team east deals in appointment scheduled",
        DEALS,
        {"owners": ["Team East"], "stages": ["appointmentscheduled"]},
    ),
    ("top 10 deals in the pipe", DEALS, {"limit": 10}),
    # --- list_silent_deals -------------------------------------------------------------------------------------------
    ("which of my deals have gone quiet", SILENT, {"owners": ["me"], "days": 5}),
    ("whos been ghosting me for 2 weeks", SILENT, {"owners": ["me"], "days": 14}),
    ("deals with no reply in 10+ days", SILENT, {"days": 10}),
    ("silent 7", SILENT, {"owners": ["me"], "days": 7}),  # why: the `silent [days]` subcommand defaults owners to me
    ("team east deals where the buyer went dark 30 days", SILENT, {"owners": ["Team East"], "days": 30}),
    ("emily's silent deals", SILENT, {"owners": ["Emily"], "days": 5}),
    ("any buyers not responding for a month?", SILENT, {"days": 30}),
    ("kenji and megans deals that went silent", SILENT, {"owners": ["Kenji", "Megan"], "days": 5}),
    # --- get_latest_on_company ---------------------------------------------------------------------------------------
    ("whats the latest on acme", LATEST, {"company": "Acme Corp"}),
    ("status of globx?", LATEST, {"company": "Globex"}),
    ("any update on initech", LATEST, {"company": "Initech"}),
    ("where are we with stark industires", LATEST, {"company": "Stark Industries"}),
    ("hooli update pls", LATEST, {"company": "Hooli"}),
    ("latest on wayne enterprizes", LATEST, {"company": "Wayne Enterprises"}),
    ("what's going on w/ soylent", LATEST, {"company": "Soylent"}),
    ("umbrella corp status", LATEST, {"company": "Umbrella Corporation"}),
    ("latest on pinebridge properties", LATEST, {"company": "Pinebridge Properties"}),
    # why: no such company: labelled as typed, the tool answers that it does not know it (or offers candidates)
    ("whats the latest on zorblax dynamics", LATEST, {"company": "zorblax dynamics"}),
    # --- summarize_pipeline ------------------------------------------------------------------------------------------
    ("pipeline by stage", PIPE, {"by": "stage"}),
    ("pipeline by rep", PIPE, {"by": "owner"}),
    ("team west pipeline by stage", PIPE, {"by": "stage", "owners": ["Team West"]}),
    # why: one owner's pipeline grouped by owner would be one row: by stage (also the schema default)
    ("what does my pipeline look like", PIPE, {"by": "stage", "owners": ["me"]}),
    ("open pipe per ae", PIPE, {"by": "owner"}),
    ("pipeline", PIPE, {"by": "owner"}),  # why: the bare `pipeline` subcommand defaults to by owner
    ("jamal and emily's pipeline by stage", PIPE, {"by": "stage", "owners": ["Jamal", "Emily"]}),
    ("how much pipeline does each person on team east have", PIPE, {"by": "owner", "owners": ["Team East"]}),
    # --- lookup_company ----------------------------------------------------------------------------------------------
    ("do we have a company called northstar in the crm?", LOOKUP, {"company": "northstar"}),
    ("which company is 'initek'?", LOOKUP, {"company": "initek"}),
    ("is there an account named lakeview", LOOKUP, {"company": "lakeview"}),
    ("whats the exact name of the redwood account", LOOKUP, {"company": "redwood"}),
    # --- count_deals -------------------------------------------------------------------------------------------------
    ("how many open deals do we have", COUNT, {}),
    ("how many deals are in contract sent", COUNT, {"stages": ["contractsent"]}),
    ("number of my deals over 100k", COUNT, {"owners": ["me"], "min_amount": 100000}),
    (
        "how many deals does team west have closing this quarter",
        COUNT,
        {"owners": ["Team West"], "period": "this_quarter"},
    ),
    (
        "count of deals stuck in appointment scheduled 60+ days",
        COUNT,
        {"stages": ["appointmentscheduled"], "min_days_in_stage": 60},
    ),
    ("how many deals do we have with globex", COUNT, {"company": "Globex"}),
    ("how many of jamals deals close before end of month", COUNT, {"owners": ["Jamal"], "period": "eom"}),
    ("hw many deals between 20k and 40k", COUNT, {"min_amount": 20000, "max_amount": 40000}),
    ("how many deals total incl won and lost for acme corp", COUNT, {"company": "Acme Corp", "include_closed": True}),
    (
        "how many deals has carlos got in dm bought in",
        COUNT,
        {"owners": ["Carlos"], "stages": ["decisionmakerboughtin"]},
    ),
    # --- get_closed_deal_metrics -------------------------------------------------------------------------------------
    ("how much did we win last quarter", CLOSED, {"metric": "won_amount", "period": "last_quarter"}),
    (
        "how many deals did team west close in november",
        CLOSED,
        {"metric": "won_count", "owners": ["Team West"], "period": "past_month:11"},
    ),  # why: the schema reads "how many deals did we win/close" as won_count
    ("win rate by rep", CLOSED, {"metric": "win_rate", "by": "owner"}),
    ("avg deal size this year", CLOSED, {"metric": "avg_deal_size", "period": "this_year"}),
    ("sales cycle for enterprise deals", CLOSED, {"metric": "cycle_time", "segment": "enterprise"}),
    ("my win rate ytd", CLOSED, {"metric": "win_rate", "owners": ["me"], "period": "ytd"}),
    ("how much have i closed this month so far", CLOSED, {"metric": "won_amount", "owners": ["me"], "period": "mtd"}),
    ("how many deals did we lose in Q3", CLOSED, {"metric": "lost_count", "period": "past_q:3"}),
    ("bookings by month this year", CLOSED, {"metric": "won_amount", "by": "month", "period": "this_year"}),
    # why: comparing the two teams is a breakdown by team over everyone, not a restriction to both teams' owners
    (
        "win rate team east vs team west last quarter",
        CLOSED,
        {"metric": "win_rate", "by": "team", "period": "last_quarter"},
    ),
    (
        "won revenue in healthcare last 90 days",
        CLOSED,
        {"metric": "won_amount", "segment": "Healthcare", "period": "last_90_days"},
    ),
    (
        "how many deals did jamal close won or lost in october",
        CLOSED,
        {"metric": "closed_count", "owners": ["Jamal"], "period": "past_month:10"},
    ),
    ("whats our win rate in mid market", CLOSED, {"metric": "win_rate", "segment": "mid_market"}),
    ("revenue by industry ytd", CLOSED, {"metric": "won_amount", "by": "industry", "period": "ytd"}),
    (
        "average sales cycle for emily last year",
        CLOSED,
        {"metric": "cycle_time", "owners": ["Emily"], "period": "last_year"},
    ),
    ("how many deals have we won quarter to date", CLOSED, {"metric": "won_count", "period": "qtd"}),
    ("win rate by segment in q2", CLOSED, {"metric": "win_rate", "by": "segment", "period": "past_q:2"}),
    # --- get_deal_facts ----------------------------------------------------------------------------------------------
    ("who owns the acme deal", FACTS, {"company": "Acme Corp", "fact": "owner"}),
    ("whos the champion at globex", FACTS, {"company": "Globex", "fact": "champion"}),
    ("stakeholders on initech?", FACTS, {"company": "Initech", "fact": "stakeholders"}),
    ("who's the ae on wayne enterprizes", FACTS, {"company": "Wayne Enterprises", "fact": "owner"}),
    # why: two facts asked at once: all
    ("contacts and champion on the hooli deal", FACTS, {"company": "Hooli", "fact": "all"}),
    # --- list_at_risk_deals ------------------------------------------------------------------------------------------
    ("which deals are at risk", RISK, {}),
    ("my deals at risk", RISK, {"owners": ["me"]}),
    ("risk", RISK, {"owners": ["me"]}),  # why: the bare `risk` subcommand falls back to the asker's deals
    ("is the acme deal at risk?", RISK, {"company": "Acme Corp"}),
    ("jamal's risky deals", RISK, {"owners": ["Jamal"]}),
    ("at-risk deals for team west", RISK, {"owners": ["Team West"]}),
    ("risk globex", RISK, {"company": "Globex"}),
    ("whats putting the initech deal at risk", RISK, {"company": "Initech"}),
    # --- get_my_day --------------------------------------------------------------------------------------------------
    ("what should i do today", DAY, {"owners": ["me"]}),
    ("my day", DAY, {"owners": ["me"]}),
    ("whats on my plate", DAY, {"owners": ["me"]}),
    ("jamal's day", DAY, {"owners": ["Jamal"]}),
    ("what's on team east's plate today", DAY, {"owners": ["Team East"]}),
    ("gm! anything i need to handle today?", DAY, {"owners": ["me"]}),
    ("plan my day pls", DAY, {"owners": ["me"]}),
    ("what does kenji have going on today", DAY, {"owners": ["Kenji"]}),
    # --- search_conversations (the query is free text: not compared) -------------------------------------------------
    ("what did acme corp's cfo say about security?", CONVO, {"query": "security", "company": "Acme Corp"}),
    ("did anyone mention a competitor at globex", CONVO, {"query": "competitor", "company": "Globex"}),
    # why: the evaluator runs in late 2026: "oct 1st" is 2026-10-01
    ("emails about pricing since oct 1st", CONVO, {"query": "pricing", "kinds": ["email"], "since": "2026-10-01"}),
    ("did initech bring up budget on any call", CONVO, {"query": "budget", "company": "Initech", "kinds": ["call"]}),
    (
        "any notes mentioning procurement at hooli",
        CONVO,
        {"query": "procurement", "company": "Hooli", "kinds": ["note"]},
    ),
    ("has any customer talked about SSO or SAML", CONVO, {"query": "SSO SAML"}),
    (
        "what did stark industries say about timeline in emails or calls",
        CONVO,
        {"query": "timeline", "company": "Stark Industries", "kinds": ["call", "email"]},
    ),
    ("who mentioned datapilot on calls", CONVO, {"query": "DataPilot", "kinds": ["call"]}),
    (
        "did vandelay industries say anything about renewal dates",
        CONVO,
        {"query": "renewal dates", "company": "Vandelay Industries"},
    ),
    # --- get_company_brief -------------------------------------------------------------------------------------------
    ("brief acme", BRIEF, {"company": "Acme Corp"}),
    ("prep me for my globex meeting", BRIEF, {"company": "Globex"}),
    ("i have a call with vandaley in 10 min, what do i need to know", BRIEF, {"company": "Vandelay Industries"}),
    ("pre-call brief on cyberdine", BRIEF, {"company": "Cyberdyne Systems"}),
    ("one pager on soylent before tmrw's demo", BRIEF, {"company": "Soylent"}),
    ("brief me on hooly", BRIEF, {"company": "Hooli"}),
    ("meeting prep for bluerock data", BRIEF, {"company": "Bluerock Data"}),
    # --- get_call_summary --------------------------------------------------------------------------------------------
    ("summarize the last call with acme", CALL, {"company": "Acme Corp"}),
    ("how did the globex call go", CALL, {"company": "Globex"}),
    ("recap of my last call w initech", CALL, {"company": "Initech"}),
    ("call hooli", CALL, {"company": "Hooli"}),  # why: the `call <company>` subcommand
    ("what happened on the last umbrela call?", CALL, {"company": "Umbrella Corporation"}),
    # --- search_objection_handling (category set only when the asker names a category) --------------------------------
    ("how do i handle 'your price is too high'", OBJ, {"query": "your price is too high"}),
    ("best way to answer 'we need to wait till next year'", OBJ, {"query": "we need to wait till next year"}),
    ("how do we handle security objections", OBJ, {"query": "security", "category": "security"}),
    ("talk track for a CFO", OBJ, {"query": "talk track for a CFO"}),
    ("what do we say to competitor objections", OBJ, {"query": "competitor", "category": "competitor"}),
    # --- get_lead_score (company compared as typed) -------------------------------------------------------------------
    ("score for the corepath mobility lead", LEAD, {"company": "corepath mobility"}),
    ("newest inbound leads", LEAD, {}),
    ("what tier is the UCLA lead", LEAD, {"company": "UCLA"}),
    ("score goldrock security", LEAD, {"company": "goldrock security"}),  # why: the `score [company]` subcommand
    # --- score_lead (company and e-mail compared) ---------------------------------------------------------------------
    (
        "score this lead: Brightwave Analytics, maria.lopez@brightwave.io, 350 employees, budget $60k, "
        "wants pipeline analytics this quarter",
        SCORE,
        {
            "company": "Brightwave Analytics",
            "contact_email": "maria.lopez@brightwave.io",
            "employee_count": 350,
            "budget": "$60k",
            "interest_area": "pipeline analytics",
            "timeline": "this quarter",
        },
    ),
    (
        "can u score a lead - company Tinyco, email bob@gmail.com, 5 employees",
        SCORE,
        {"company": "Tinyco", "contact_email": "bob@gmail.com", "employee_count": 5},
    ),
    (
        "new lead came in: Northwind Traders, j.smith@northwindtraders.com, VP Sales, 51-200, timeline next year",
        SCORE,
        {
            "company": "Northwind Traders",
            "contact_email": "j.smith@northwindtraders.com",
            "contact_title": "VP Sales",
            "company_size": "51-200",
            "timeline": "next year",
        },
    ),
    (
        "how good is this lead? acme robotics / priya@acmerobotics.ai / budget €75.000 / 1200 employees",
        SCORE,
        {
            "company": "acme robotics",
            "contact_email": "priya@acmerobotics.ai",
            "budget": "€75.000",
            "employee_count": 1200,
        },
    ),
    # --- get_buyer_personas ------------------------------------------------------------------------------------------
    ("who buys from us", PERSONAS, {}),
    ("our buyer personas", PERSONAS, {}),
    ("tell me about the technical evaluator persona", PERSONAS, {"persona": "Technical evaluator"}),
    ("what does the finance approver care about", PERSONAS, {"persona": "Finance approver"}),
    # --- get_pain_points ---------------------------------------------------------------------------------------------
    ("what pain points do our buyers have", PAINS, {}),
    ("why do customers buy from us", PAINS, {}),
    ("what problems do we solve", PAINS, {}),
    ("top pains of won customers?", PAINS, {}),
    # --- get_objection_map -------------------------------------------------------------------------------------------
    ("objection map", OBJMAP, {}),
    ("which objections hurt us most", OBJMAP, {}),
    ("win rate when pricing comes up", OBJMAP, {"category": "pricing"}),
    ("how often do we win when security gets raised", OBJMAP, {"category": "security"}),
    # --- get_objections_this_week ------------------------------------------------------------------------------------
    ("objections this week", OBJWEEK, {"days": 7}),
    ("what pushback did we hear lately", OBJWEEK, {"days": 7}),  # why: "lately" without a span: the default week
    ("objections on calls in the last 30 days", OBJWEEK, {"days": 30}),
    ("pushback from the last 2 weeks", OBJWEEK, {"days": 14}),
    # --- get_battle_card (competitor compared as typed, lower-cased) --------------------------------------------------
    ("battlecard datapilot", BATTLE, {"competitor": "DataPilot"}),
    ("how do we beat metricly", BATTLE, {"competitor": "Metricly"}),
    ("how do we do against quantix?", BATTLE, {"competitor": "Quantix"}),
    ("were up against datapilot on a deal, how do we win", BATTLE, {"competitor": "DataPilot"}),
    # --- get_loss_reasons (owner compared as typed, lower-cased) ------------------------------------------------------
    ("why are we losing deals", LOSS, {}),
    ("loss reasons", LOSS, {}),
    ("why do i lose deals", LOSS, {"owner": "me"}),
    ("why has carlos been losing", LOSS, {"owner": "Carlos"}),
    # --- get_reactivation_list ---------------------------------------------------------------------------------------
    ("which lost deals should we revive", REVIVE, {"limit": 5}),
    ("revive", REVIVE, {}),
    ("top 10 lost deals i could reopen", REVIVE, {"owner": "me", "limit": 10}),
    ("reactivation list for megan", REVIVE, {"owner": "Megan"}),
    # --- get_deal_odds -----------------------------------------------------------------------------------------------
    ("odds on globex", ODDS, {"company": "Globex"}),
    ("will we win initech?", ODDS, {"company": "Initech"}),
    ("chances on the umbrela deal", ODDS, {"company": "Umbrella Corporation"}),
    ("likelihood to close stark industries", ODDS, {"company": "Stark Industries"}),
    # --- forecast_bookings -------------------------------------------------------------------------------------------
    ("forecast", FORECAST, {"period": "quarter"}),
    ("what will we close this quarter", FORECAST, {"period": "quarter"}),
    ("expected bookings this month", FORECAST, {"period": "month"}),
    ("my forecast for the month", FORECAST, {"period": "month", "owners": ["me"]}),
    ("team west forecast", FORECAST, {"period": "quarter", "owners": ["Team West"]}),
    # --- list_make_or_break_deals ------------------------------------------------------------------------------------
    ("which deals make or break the quarter", MOB, {"period": "quarter", "limit": 5}),
    ("make or break deals this month for team east", MOB, {"period": "month", "owners": ["Team East"], "limit": 5}),
    ("top 3 deals that swing our quarter", MOB, {"period": "quarter", "limit": 3}),
    ("my make-or-break deals", MOB, {"period": "quarter", "owners": ["me"], "limit": 5}),
    # --- get_ae_performance ------------------------------------------------------------------------------------------
    ("how is jamal doing", PERF, {"owners": ["Jamal"]}),
    ("compare dana and jamal", PERF, {"owners": ["Dana", "Jamal"]}),
    ("how am i doing vs the team", PERF, {"owners": ["me"]}),
    ("how's tyler performing", PERF, {"owners": ["Tyler"]}),
    ("compare kenji, megan and carlos", PERF, {"owners": ["Kenji", "Megan", "Carlos"]}),
    # --- no capability as asked: help --------------------------------------------------------------------------------
    ("help", None, HELP),
    ("what can you do?", None, HELP),
    ("how do i use this bot", None, HELP),
    ("commands?", None, HELP),
    ("what kinds of questions can i ask you", None, HELP),
    ("hi! what are you able to help with", None, HELP),
    # --- out of scope ------------------------------------------------------------------------------------------------
    ("stock price of salesforce", None, OUT),
    ("whats the weather in boston", None, OUT),
    ("write me a haiku about quota", None, OUT),
    ("who won the knicks game last night", None, OUT),
    ("book me a flight to sf next tuesday", None, OUT),
    ("how do i reset my okta password", None, OUT),
    ("tell me a joke", None, OUT),
    ("translate this email to german: thanks for your time today", None, OUT),
    ("what's hubspot's list price per seat", None, OUT),
    # --- writes the copilot cannot make ------------------------------------------------------------------------------
    ("delete the acme deal", None, WRITE),
    ("move globex to closed won", None, WRITE),
    ("change the close date on initech to 12/31", None, WRITE),
    ("log a call with hooli", None, WRITE),
    ("send a follow up email to acme's cfo", None, WRITE),
    ("create a task to call stark industries tomorrow", None, WRITE),
    ("reassign the umbrella deal to jamal", None, WRITE),
    ("update the amount on the soylent deal to 80k", None, WRITE),
    ("mark the wayne enterprises deal as lost", None, WRITE),
    # --- ambiguous: should ask ----------------------------------------------------------------------------------------
    ("how are we doing?", None, CLARIFY),  # why: pipeline, bookings, win rate or forecast: ask
    ("what about jamal?", None, CLARIFY),  # why: no earlier turn: what about him?
    ("numbers pls", None, CLARIFY),
    ("update?", None, CLARIFY),
    ("lakeview status", None, CLARIFY),  # why: Lakeview Labs or Lakeview Retail
    ("brief redwood", None, CLARIFY),  # why: Redwood Bio or Redwood Labs
    ("what's the latest on mapleforge", None, CLARIFY),  # why: Mapleforge Foods, Labs or Therapeutics
    ("show me the deal", None, CLARIFY),  # why: which deal?
    ("is it going to close?", None, CLARIFY),  # why: no deal named
    # --- a filter no capability's schema can express -----------------------------------------------------------------
    ("my healthcare deals closing this quarter", None, UNSUPPORTED),  # search_deals: no industry filter
    ("open deals in emea", None, UNSUPPORTED),  # search_deals: no region filter
    ("how many enterprise deals are open", None, UNSUPPORTED),  # count_deals: no segment filter
    ("deals created this month", None, UNSUPPORTED),  # search_deals: no created-date filter
    ("pipeline by industry", None, UNSUPPORTED),  # summarize_pipeline: by stage or owner only
    ("silent deals over 100k", None, UNSUPPORTED),  # list_silent_deals: no amount filter
    ("at risk deals closing this month", None, UNSUPPORTED),  # list_at_risk_deals: no close-date filter
    ("silent deals in contract sent", None, UNSUPPORTED),  # list_silent_deals: no stage filter
    ("win rate by lead source", None, UNSUPPORTED),  # get_closed_deal_metrics: by has no lead source
    ("forecast for next quarter", None, UNSUPPORTED),  # forecast_bookings: this month or this quarter only
    ("objection map for last quarter", None, UNSUPPORTED),  # get_objection_map: no period
    ("loss reasons for q3", None, UNSUPPORTED),  # get_loss_reasons: no period
    ("my deals where the champion is the cfo", None, UNSUPPORTED),  # search_deals: no contact/role filter
]
