"""Held-out set 8: a week of the whole sales org typing in Slack, with the tool and arguments a right answer needs.

Sealed until the understanding work of this round was done, then run once (its first run, on commit c8a35db: 97.8 %
capability + arguments right, 225 of 230; 2 confident wrong, 3 clarified). Not in the classifier's training set.

Written blind by a helper session on Mon 7 Dec 2026 (UTC), from these inputs only: `/work/blind/capabilities.md`
(every capability's name, summary, description, slash subcommand and argument schema, examples removed),
`/work/blind/names.md` (the demo workspace's owners, teams, companies, stages, calls, leads, objection categories,
competitors), `/work/blind/conventions.md` (the label conventions of the earlier held-out set's header) and the
evaluator's conventions (`eval/copilot/__init__.py`: `canonical()`, `period_dates()`, `closed_period()`,
`no_tool_right()`; lines 1-30 of `eval/copilot/questions.py` for the case format). The author did not read the
copilot's code (`bot/`, `tools/`, `store/`), any other question set, nor git history, and did not run the copilot.

Asked as Dana Whitfield (AE, Team East) on the demo workspace, "today" Monday 7 December 2026. The questions play the
whole org over one week: AEs (terse, typos, first names), managers and RevOps (metrics, periods, teams, top-N) and new
users in full sentences. Conventions of the labels:
- owners by name as typed ("Jamal", "Team West") or "me" for "my/me/I"; no owners = the whole team ("we", "our",
  no possessive); get_my_day defaults to ["me"];
- periods as the evaluator's tokens (`period`): closing periods for search_deals / count_deals (this_month, eom, eoq,
  this_quarter, next_quarter, q1, month:1, next_30_days, this_week ...), past periods for get_closed_deal_metrics
  (last_quarter, last_month, mtd, qtd, ytd, this_year, last_year, past_q:3, past_month:11, last_90_days ...);
- amounts in USD; stages by their CRM keys (contractsent, decisionmakerboughtin, ...);
- companies by the name they should resolve to (a misspelling or a short name is labelled with the real company);
  lookup_company, get_lead_score and score_lead compare the name as typed (lower-cased), so those are labelled as typed;
- search_objection_handling / get_objection_map carry a category only when the question names it;
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
CONV = "search_conversations"
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

CASES: list[Case] = [
    # --- search_deals ------------------------------------------------------------------------------------------------
    ("my deals closing this month", DEALS, {"owners": ["me"], "period": "this_month"}),
    ("show jamal's deals over 50k", DEALS, {"owners": ["Jamal"], "min_amount": 50000}),
    ("what's in contract sent right now?", DEALS, {"stages": ["contractsent"]}),
    ("deals closing this quarter", DEALS, {"period": "this_quarter"}),
    ("top 5 deals in team west", DEALS, {"owners": ["Team West"], "limit": 5}),
    ("emily's open opps closing in january", DEALS, {"owners": ["Emily"], "period": "month:1"}),
    (
        "which deals have been stuck in contract sent for over 30 days?",
        DEALS,
        {"stages": ["contractsent"], "min_days_in_stage": 30},
    ),
    ("list deals over $1.2M", DEALS, {"min_amount": 1200000}),
    ("deals under 20k closing next month", DEALS, {"max_amount": 20000, "period": "next_month"}),
    ("list the deals for cedarworks pay", DEALS, {"company": "Cedarworks Pay"}),
    ("my top 10 deals", DEALS, {"owners": ["me"], "limit": 10}),
    ("luis deals in presentation scheduled", DEALS, {"owners": ["Luis"], "stages": ["presentationscheduled"]}),
    (
        "deals between 25k and 100k closing by end of quarter",
        DEALS,
        {"min_amount": 25000, "max_amount": 100000, "period": "eoq"},
    ),
    (
        "kenji and megan deals closing in the next 30 days",
        DEALS,
        {"owners": ["Kenji", "Megan"], "period": "next_30_days"},
    ),
    (
        "team east deals at decision maker bought in",
        DEALS,
        {"owners": ["Team East"], "stages": ["decisionmakerboughtin"]},
    ),
    ("show all acme corp deals incl closed won and lost", DEALS, {"company": "Acme Corp", "include_closed": True}),
    ("what's closing this week?", DEALS, {"period": "this_week"}),
    ("qualified to buy deals over 100k", DEALS, {"stages": ["qualifiedtobuy"], "min_amount": 100000}),
    (
        "deals sitting in appointment scheduled 60+ days",
        DEALS,
        {"stages": ["appointmentscheduled"], "min_days_in_stage": 60},
    ),
    ("aisha's 3 biggest deals", DEALS, {"owners": ["Aisha"], "limit": 3}),
    ("Could you show me the deals expected to close between today and the end of the month?", DEALS, {"period": "eom"}),
    ("dana's deals closing q1", DEALS, {"owners": ["Dana"], "period": "q1"}),
    # --- list_silent_deals -------------------------------------------------------------------------------------------
    ("which deals have gone quiet?", SILENT, {}),
    ("silent deals 10+ days", SILENT, {"days": 10}),
    ("who's ghosting me", SILENT, {"owners": ["me"]}),
    ("deals with no reply from the buyer in 2 weeks", SILENT, {"days": 14}),
    ("team east deals where the buyer went dark for 30 days", SILENT, {"owners": ["Team East"], "days": 30}),
    ("jamal's silent deals", SILENT, {"owners": ["Jamal"]}),
    ("my deals with no buyer engagement in the last 7 days", SILENT, {"owners": ["me"], "days": 7}),
    ("any prospects gone silent on carlos for 3 weeks?", SILENT, {"owners": ["Carlos"], "days": 21}),
    ("which of aisha's buyers stopped responding", SILENT, {"owners": ["Aisha"]}),
    ("Which open deals haven't heard from the customer in 45 days or more?", SILENT, {"days": 45}),
    # --- get_latest_on_company ---------------------------------------------------------------------------------------
    ("what's the latest on acme", LATEST, {"company": "Acme Corp"}),
    ("status of globx?", LATEST, {"company": "Globex"}),
    ("update on stark industries", LATEST, {"company": "Stark Industries"}),
    ("where are we with initech", LATEST, {"company": "Initech"}),
    ("lates on cedarworks", LATEST, {"company": "Cedarworks Pay"}),
    ("where do things stand with wayne enterprises?", LATEST, {"company": "Wayne Enterprises"}),
    ("catch me up on soylent", LATEST, {"company": "Soylent"}),
    ("what's going on with the truegrid capital account", LATEST, {"company": "Truegrid Capital"}),
    ("any updates on sunshore bio?", LATEST, {"company": "Sunshore Bio"}),
    ("Can you tell me the current status of the Northwood Foods account?", LATEST, {"company": "Northwood Foods"}),
    # --- summarize_pipeline ------------------------------------------------------------------------------------------
    ("pipeline by stage", PIPE, {"by": "stage"}),
    ("show pipeline by owner", PIPE, {"by": "owner"}),
    ("what does my pipeline look like", PIPE, {"owners": ["me"], "by": "stage"}),
    ("team west pipeline by rep", PIPE, {"owners": ["Team West"], "by": "owner"}),
    ("open pipe broken down per AE", PIPE, {"by": "owner"}),
    ("kenji's pipeline", PIPE, {"owners": ["Kenji"], "by": "stage"}),
    ("how's the pipeline spread across stages for team east?", PIPE, {"owners": ["Team East"], "by": "stage"}),
    ("breakdown of open pipeline by stage for luis and tyler", PIPE, {"owners": ["Luis", "Tyler"], "by": "stage"}),
    ("who has the most open pipeline? split it by rep", PIPE, {"by": "owner"}),
    # --- lookup_company ----------------------------------------------------------------------------------------------
    ("which company is 'birchleaf'?", LOOKUP, {"company": "birchleaf"}),
    ("is there a company called redwood in the crm", LOOKUP, {"company": "redwood"}),
    ("does 'zenfield' match any company we have?", LOOKUP, {"company": "zenfield"}),
    # --- count_deals -------------------------------------------------------------------------------------------------
    ("how many open deals do we have", COUNT, {}),
    ("how many deals are in contract sent", COUNT, {"stages": ["contractsent"]}),
    ("number of jamal's deals over 50k", COUNT, {"owners": ["Jamal"], "min_amount": 50000}),
    ("how many deals do i have closing this month", COUNT, {"owners": ["me"], "period": "this_month"}),
    ("count of team west deals closing in q1", COUNT, {"owners": ["Team West"], "period": "q1"}),
    ("how many opps does grace have?", COUNT, {"owners": ["Grace"]}),
    ("how many deals over $250k", COUNT, {"min_amount": 250000}),
    (
        "# of deals stuck in presentation scheduled more than 45 days",
        COUNT,
        {"stages": ["presentationscheduled"], "min_days_in_stage": 45},
    ),
    ("how many open deals does acme corp have", COUNT, {"company": "Acme Corp"}),
    ("count and total value of deals closing next quarter", COUNT, {"period": "next_quarter"}),
    ("how many of my deals are under 10k", COUNT, {"owners": ["me"], "max_amount": 10000}),
    (
        "how many deals are sitting in qualified to buy or appointment scheduled?",
        COUNT,
        {"stages": ["qualifiedtobuy", "appointmentscheduled"]},
    ),
    (
        "What is the number of deals Tyler has in the decision maker bought-in stage?",
        COUNT,
        {"owners": ["Tyler"], "stages": ["decisionmakerboughtin"]},
    ),
    # --- get_closed_deal_metrics -------------------------------------------------------------------------------------
    ("how much did we win last quarter", CLOSED, {"metric": "won_amount", "period": "last_quarter"}),
    (
        "how many deals did team west close in november",
        CLOSED,
        {"metric": "won_count", "owners": ["Team West"], "period": "past_month:11"},
    ),
    ("win rate by rep this year", CLOSED, {"metric": "win_rate", "by": "owner", "period": "this_year"}),
    ("average deal size ytd", CLOSED, {"metric": "avg_deal_size", "period": "ytd"}),
    ("sales cycle for enterprise deals", CLOSED, {"metric": "cycle_time", "segment": "enterprise"}),
    (
        "what's my win rate over the last 90 days",
        CLOSED,
        {"metric": "win_rate", "owners": ["me"], "period": "last_90_days"},
    ),
    ("how many deals did we lose last month", CLOSED, {"metric": "lost_count", "period": "last_month"}),
    ("what did we book each month this year", CLOSED, {"metric": "won_amount", "by": "month", "period": "this_year"}),
    ("won revenue by team for q3", CLOSED, {"metric": "won_amount", "by": "team", "period": "past_q:3"}),
    ("win rate for healthcare companies", CLOSED, {"metric": "win_rate", "segment": "Healthcare"}),
    (
        "closed won total for carlos this quarter",
        CLOSED,
        {"metric": "won_amount", "owners": ["Carlos"], "period": "qtd"},
    ),
    ("avg sales cycle by segment", CLOSED, {"metric": "cycle_time", "by": "segment"}),
    (
        "how many deals closed in october, won and lost together",
        CLOSED,
        {"metric": "closed_count", "period": "past_month:10"},
    ),
    ("win rate by region last year", CLOSED, {"metric": "win_rate", "by": "region", "period": "last_year"}),
    (
        "how much revenue did we win in EMEA this year?",
        CLOSED,
        {"metric": "won_amount", "segment": "EMEA", "period": "this_year"},
    ),
    (
        "avg won deal size for smb customers last quarter",
        CLOSED,
        {"metric": "avg_deal_size", "segment": "smb", "period": "last_quarter"},
    ),
    ("how much has megan closed mtd", CLOSED, {"metric": "won_amount", "owners": ["Megan"], "period": "mtd"}),
    ("win rate by industry", CLOSED, {"metric": "win_rate", "by": "industry"}),
    (
        "As a manager, I'd like to see how many deals each team won this quarter so far.",
        CLOSED,
        {"metric": "won_count", "by": "team", "period": "qtd"},
    ),
    # --- get_deal_facts ----------------------------------------------------------------------------------------------
    ("who owns the acme deal", FACTS, {"company": "Acme Corp", "fact": "owner"}),
    ("who's the champion at globex", FACTS, {"company": "Globex", "fact": "champion"}),
    ("stakeholders on initech?", FACTS, {"company": "Initech", "fact": "stakeholders"}),
    ("who's the AE on stark industries", FACTS, {"company": "Stark Industries", "fact": "owner"}),
    (
        "who are the contacts on the soylent deal and what roles do they play",
        FACTS,
        {"company": "Soylent", "fact": "stakeholders"},
    ),
    ("do we have a champion at wayne enterprises?", FACTS, {"company": "Wayne Enterprises", "fact": "champion"}),
    (
        "owner, champion and stakeholders for the truegrid capital deal",
        FACTS,
        {"company": "Truegrid Capital", "fact": "all"},
    ),
    # --- list_at_risk_deals ------------------------------------------------------------------------------------------
    ("which deals are at risk", RISK, {}),
    ("my deals at risk", RISK, {"owners": ["me"]}),
    ("is the globex deal at risk?", RISK, {"company": "Globex"}),
    ("team west at-risk deals", RISK, {"owners": ["Team West"]}),
    ("risky deals for luis", RISK, {"owners": ["Luis"]}),
    ("which of emily's deals are in trouble and why", RISK, {"owners": ["Emily"]}),
    ("risk acme", RISK, {"company": "Acme Corp"}),
    ("any deal health red flags on starshore labs?", RISK, {"company": "Starshore Labs"}),
    ("at risk deals for jamal and grace", RISK, {"owners": ["Jamal", "Grace"]}),
    ("What are the riskiest deals across the whole team right now, and what should we do about them?", RISK, {}),
    # --- get_my_day --------------------------------------------------------------------------------------------------
    ("my day", DAY, {"owners": ["me"]}),
    ("what should I do today?", DAY, {"owners": ["me"]}),
    ("what's on my plate", DAY, {"owners": ["me"]}),
    ("what does jamal's day look like", DAY, {"owners": ["Jamal"]}),
    ("gm! what's on deck for me today", DAY, {"owners": ["me"]}),
    ("plan my day pls", DAY, {"owners": ["me"]}),
    ("show me megan's day", DAY, {"owners": ["Megan"]}),
    ("what's on grace's plate today?", DAY, {"owners": ["Grace"]}),
    ("Good morning, can you tell me what meetings and tasks I have today?", DAY, {"owners": ["me"]}),
    # --- search_conversations ----------------------------------------------------------------------------------------
    ("what did acme's CFO say about security?", CONV, {"query": "security", "company": "Acme Corp"}),
    ("did anyone mention datapilot at globex", CONV, {"query": "DataPilot", "company": "Globex"}),
    ("emails about pricing since october", CONV, {"query": "pricing", "kinds": ["email"], "since": "2026-10-01"}),
    (
        "what did stark industries say about budget on calls",
        CONV,
        {"query": "budget", "company": "Stark Industries", "kinds": ["call"]},
    ),
    (
        "search our notes for anything about procurement delays",
        CONV,
        {"query": "procurement delays", "kinds": ["note"]},
    ),
    (
        "has anyone at initech brought up SOC 2 since nov 1?",
        CONV,
        {"query": "SOC 2", "company": "Initech", "since": "2026-11-01"},
    ),
    (
        "find mentions of renewal in emails with sunshore bio",
        CONV,
        {"query": "renewal", "company": "Sunshore Bio", "kinds": ["email"]},
    ),
    # --- get_company_brief -------------------------------------------------------------------------------------------
    ("brief me on acme", BRIEF, {"company": "Acme Corp"}),
    ("prep me for my meeting with globex", BRIEF, {"company": "Globex"}),
    ("pre-call brief for stark industries", BRIEF, {"company": "Stark Industries"}),
    ("meeting initech tomorrow, need a one-pager to prep", BRIEF, {"company": "Initech"}),
    ("brief keenrock robotics", BRIEF, {"company": "Keenrock Robotics"}),
    ("prep notes for the amberwave bio meeting", BRIEF, {"company": "Amberwave Bio"}),
    (
        "can you put together a brief on corepath mobility before thursday's meeting",
        BRIEF,
        {"company": "Corepath Mobility"},
    ),
    ("getting ready for the skystone analytics demo, brief pls", BRIEF, {"company": "Skystone Analytics"}),
    (
        "I'm meeting Cedarpoint Financial next week for the first time. Could you prepare a briefing for me?",
        BRIEF,
        {"company": "Cedarpoint Financial"},
    ),
    # --- get_call_summary --------------------------------------------------------------------------------------------
    ("summarize the last call with acme", CALL, {"company": "Acme Corp"}),
    ("how did the birchwave retail call go?", CALL, {"company": "Birchwave Retail"}),
    ("recap of the latest cloudprot security call", CALL, {"company": "Cloudport Security"}),
    ("what happened on the elmview call", CALL, {"company": "Elmview Systems"}),
    ("call summary keenrock", CALL, {"company": "Keenrock Robotics"}),
    ("key takeaways from the last call with ambercraft group", CALL, {"company": "Ambercraft Group"}),
    (
        "what were the next steps from our most recent call with aquastone systems?",
        CALL,
        {"company": "Aquastone Systems"},
    ),
    ("tl;dr of the lakegrid medical call", CALL, {"company": "Lakegrid Medical"}),
    ("summary of tyler's last call with sunwave medical", CALL, {"company": "Sunwave Medical"}),
    # --- search_objection_handling -----------------------------------------------------------------------------------
    ("how do I handle the pricing objection", OBJ, {"query": "pricing objection", "category": "pricing"}),
    ("talk track for a CFO", OBJ, {"query": "talk track for a CFO"}),
    ("best way to respond to security objections?", OBJ, {"query": "security objections", "category": "security"}),
    ("how do we handle a competitor objection", OBJ, {"query": "competitor objection", "category": "competitor"}),
    ("how to handle timing objections", OBJ, {"query": "timing objections", "category": "timing"}),
    ("what's a good talk track for a VP of engineering", OBJ, {"query": "talk track for a VP of engineering"}),
    ("objection handling for integration concerns", OBJ, {"query": "integration concerns", "category": "integration"}),
    (
        "What do our reps usually say when a prospect raises an authority objection, like no sign-off power?",
        OBJ,
        {"query": "no sign-off power", "category": "authority"},
    ),
    # --- get_lead_score ----------------------------------------------------------------------------------------------
    ("what's the score on the stanford university lead", LEAD, {"company": "stanford university"}),
    ("show me scores for the latest inbound leads", LEAD, {}),
    ("lead score for goldmark telecom", LEAD, {"company": "goldmark telecom"}),
    ("what tier is the falconcraft robotics inbound lead?", LEAD, {"company": "falconcraft robotics"}),
    # --- score_lead --------------------------------------------------------------------------------------------------
    (
        "score this lead: Maria Lopez, maria@brightpixel.io, Brightpixel, 120 employees, budget $40k, "
        "interested in forecasting, timeline this quarter",
        SCORE,
        {
            "company": "Brightpixel",
            "contact_email": "maria@brightpixel.io",
            "employee_count": 120,
            "budget": "$40k",
            "interest_area": "forecasting",
            "timeline": "this quarter",
        },
    ),
    (
        "can you score a lead for me? company Northfork Labs, email j.doe@gmail.com, 15 people, no budget yet",
        SCORE,
        {"company": "Northfork Labs", "contact_email": "j.doe@gmail.com", "employee_count": 15},
    ),
    (
        "new inbound from Quillstone Bank (quillstone.com), contact tom.rees@quillstone.com, "
        "VP Finance, 900 employees, "
        "budget 100-150k, wants Insight Enterprise next quarter. score it",
        SCORE,
        {
            "company": "Quillstone Bank",
            "contact_email": "tom.rees@quillstone.com",
            "domain": "quillstone.com",
            "contact_title": "VP Finance",
            "employee_count": 900,
            "budget": "100-150k",
            "interest_area": "Insight Enterprise",
            "timeline": "next quarter",
        },
    ),
    # --- get_buyer_personas ------------------------------------------------------------------------------------------
    ("who buys from us?", PERSONAS, {}),
    ("our buyer personas", PERSONAS, {}),
    ("tell me about the finance approver persona", PERSONAS, {"persona": "Finance approver"}),
    # --- get_pain_points ---------------------------------------------------------------------------------------------
    ("what pain points do our buyers have", PAINS, {}),
    ("why do customers end up buying from us", PAINS, {}),
    ("What problems do we typically solve for the customers we've won?", PAINS, {}),
    # --- get_objection_map -------------------------------------------------------------------------------------------
    ("which objections hurt us most", OBJMAP, {}),
    ("objection map", OBJMAP, {}),
    ("what's our win rate when pricing comes up", OBJMAP, {"category": "pricing"}),
    ("objection map for security", OBJMAP, {"category": "security"}),
    (
        "which objections does the technical evaluator persona raise, and how often do we win when they do?",
        OBJMAP,
        {"persona": "Technical evaluator"},
    ),
    # --- get_objections_this_week ------------------------------------------------------------------------------------
    ("objections this week", OBJWEEK, {}),
    ("what pushback did we hear lately", OBJWEEK, {}),
    ("objections raised on calls in the last 30 days", OBJWEEK, {"days": 30}),
    ("any new objections from calls in the past 2 weeks?", OBJWEEK, {"days": 14}),
    ("What objections did buyers bring up on our calls over the past 7 days?", OBJWEEK, {"days": 7}),
    # --- get_battle_card ---------------------------------------------------------------------------------------------
    ("battle card vs datapilot", BATTLE, {"competitor": "DataPilot"}),
    ("how do we beat metricly", BATTLE, {"competitor": "Metricly"}),
    ("how do we do against quantix?", BATTLE, {"competitor": "Quantix"}),
    ("chartwell bi battlecard", BATTLE, {"competitor": "Chartwell BI"}),
    (
        "lookwise keeps coming up in my deals, what's our win rate against them and how do we win?",
        BATTLE,
        {"competitor": "Lookwise"},
    ),
    # --- get_loss_reasons --------------------------------------------------------------------------------------------
    ("why are we losing deals", LOSS, {}),
    ("loss reasons for tyler", LOSS, {"owner": "Tyler"}),
    ("why have i been losing deals?", LOSS, {"owner": "me"}),
    ("What are the most common reasons our closed-lost deals were lost?", LOSS, {}),
    # --- get_reactivation_list ---------------------------------------------------------------------------------------
    ("which lost deals should we revive", REVIVE, {}),
    ("reactivation list for carlos", REVIVE, {"owner": "Carlos"}),
    ("give me 10 lost deals worth reopening", REVIVE, {"limit": 10}),
    ("any of my lost deals worth another shot?", REVIVE, {"owner": "me"}),
    # --- get_deal_odds -----------------------------------------------------------------------------------------------
    ("odds on acme?", ODDS, {"company": "Acme Corp"}),
    ("will we win stark industries", ODDS, {"company": "Stark Industries"}),
    ("what are our chances on the globex deal", ODDS, {"company": "Globex"}),
    ("likelihood to close initech", ODDS, {"company": "Initech"}),
    ("win probability for cedarworks pay and why", ODDS, {"company": "Cedarworks Pay"}),
    # --- forecast_bookings -------------------------------------------------------------------------------------------
    ("what will we close this quarter", FORECAST, {"period": "quarter"}),
    ("expected bookings this month", FORECAST, {"period": "month"}),
    ("forecast for team west", FORECAST, {"owners": ["Team West"], "period": "quarter"}),
    ("my forecast for the month", FORECAST, {"owners": ["me"], "period": "month"}),
    ("whats the q4 forecast by rep", FORECAST, {"period": "quarter"}),
    ("How much are we likely to book this quarter, with a range?", FORECAST, {"period": "quarter"}),
    # --- list_make_or_break_deals ------------------------------------------------------------------------------------
    ("which deals make or break the quarter", MOB, {}),
    ("make or break deals for this month", MOB, {"period": "month"}),
    ("top 10 deals that will swing our forecast this quarter", MOB, {"period": "quarter", "limit": 10}),
    ("team east make-or-break deals", MOB, {"owners": ["Team East"]}),
    ("my make or break deals", MOB, {"owners": ["me"]}),
    # --- get_ae_performance ------------------------------------------------------------------------------------------
    ("how is jamal doing", PERF, {"owners": ["Jamal"]}),
    ("compare emily and grace", PERF, {"owners": ["Emily", "Grace"]}),
    ("how am i doing vs the team this quarter?", PERF, {"owners": ["me"]}),
    ("how's megan performing compared to the rest of the team", PERF, {"owners": ["Megan"]}),
    (
        "I manage Kenji. Can you show me his performance against the team and any coaching points?",
        PERF,
        {"owners": ["Kenji"]},
    ),
    # --- no tool: help -----------------------------------------------------------------------------------------------
    ("help", None, {"intent": "help"}),
    ("what can you do?", None, {"intent": "help"}),
    ("hey, I'm new here. What kinds of questions can I ask you?", None, {"intent": "help"}),
    ("what commands does salesos support", None, {"intent": "help"}),
    ("how do i use this bot?", None, {"intent": "help"}),
    # --- no tool: out of scope ---------------------------------------------------------------------------------------
    ("what's the weather in nyc tomorrow", None, {"intent": "out_of_scope"}),
    ("book me a flight to chicago for the QBR", None, {"intent": "out_of_scope"}),
    ("write me a haiku about quota", None, {"intent": "out_of_scope"}),
    ("how do i submit my expense report", None, {"intent": "out_of_scope"}),
    ("can you recommend a good lunch spot near the office", None, {"intent": "out_of_scope"}),
    ("who won the knicks game last night", None, {"intent": "out_of_scope"}),
    # --- no tool: writes the copilot cannot make ---------------------------------------------------------------------
    ("move the acme deal to contract sent", None, {"intent": "write"}),
    ("mark globex as closed won", None, {"intent": "write"}),
    ("create a task to follow up with initech on friday", None, {"intent": "write"}),
    ("log a call with stark industries: discussed pricing, they want a proposal", None, {"intent": "write"}),
    ("reassign the soylent deal to jamal", None, {"intent": "write"}),
    ("push the close date on cedarworks pay to jan 15", None, {"intent": "write"}),
    ("send a follow-up email to priya at acme thanking her for the meeting", None, {"intent": "write"}),
    # --- no tool: genuinely ambiguous, should ask --------------------------------------------------------------------
    ("what's the latest?", None, {"intent": "clarify"}),
    ("give me a brief", None, {"intent": "clarify"}),
    ("what about last quarter?", None, {"intent": "clarify"}),
    ("summarize the call", None, {"intent": "clarify"}),
    ("can you pull that up again?", None, {"intent": "clarify"}),
    # --- no tool: a filter no capability takes -----------------------------------------------------------------------
    ("open deals in the healthcare industry", None, {"intent": "unsupported_filter"}),
    ("show me deals sourced from partners", None, {"intent": "unsupported_filter"}),
    ("list open deals for the Insight Enterprise product", None, {"intent": "unsupported_filter"}),
    ("open deals with APAC companies", None, {"intent": "unsupported_filter"}),
    ("deals created in the last 2 weeks", None, {"intent": "unsupported_filter"}),
]
