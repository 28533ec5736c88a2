# ruff: noqa: E501  (one question per line)
# Dev set L: written blind as a dev set, not trained on, run once on commit 68f9d10 (first run 85.0%, 9 confident wrong, 13 clarified),
# then its misses were fixed by family in the rules, slot parsers and resolver (not in the classifier's training set).
"""Dev set L, written blind: Dana Whitfield (AE, Team East) typing on her phone between meetings.

Terse, lower-case, next to no punctuation, heavy abbreviations (opps, accts, acct, q1, eoq, eom, ytd, w/, w/o, >50k,
30d, mtg, conv), typos and dropped words, colleagues by first name only, company names shortened or misspelt, the odd
emoji. Some questions are about colleagues' books and Team West.

Written blind by a helper session from these inputs only: /work/blind/author_prompt.md, capabilities.md (the
capabilities and their argument schemas), names.md (the demo workspace's names), conventions.md (the label
conventions below), the evaluator's `canonical()`, `period_dates()`, `closed_period()`, `only_left_out()`,
`no_tool_right()` and `run()` in eval/copilot/__init__.py, and lines 1-30 of eval/copilot/questions.py (the case
format). No router, tool, store or other question-set code was read, and nothing was run.

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

PROBE_18: list[Case] = [
    # --- search_deals (24) -------------------------------------------------------------------------------------------
    ("my opps closing eom", DEALS, {"owners": ["me"], "period": "eom"}),
    ("opps >50k closing this q", DEALS, {"min_amount": 50000, "period": "this_quarter"}),
    ("jamals deals in contract sent", DEALS, {"owners": ["Jamal"], "stages": ["contractsent"]}),
    ("team west opps closing in jan", DEALS, {"owners": ["Team West"], "period": "month:1"}),
    ("whats stuck in contract sent 30d+", DEALS, {"stages": ["contractsent"], "min_days_in_stage": 30}),
    ("my top 5 opps", DEALS, {"owners": ["me"], "limit": 5}),
    ("show me all acme deals incl closed", DEALS, {"company": "Acme Corp", "include_closed": True}),
    ("deals under 20k closing next 30d", DEALS, {"max_amount": 20000, "period": "next_30_days"}),
    ("emilys opps w DM bought in", DEALS, {"owners": ["Emily"], "stages": ["decisionmakerboughtin"]}),
    ("carlos n tyler deals closing q1", DEALS, {"owners": ["Carlos", "Tyler"], "period": "q1"}),
    ("waht do i have in qualified to buy", DEALS, {"owners": ["me"], "stages": ["qualifiedtobuy"]}),
    ("globx opps", DEALS, {"company": "Globex"}),
    ("biggest 10 deals in teh pipe rn", DEALS, {"limit": 10}),
    (
        "my opps 25k-75k closing next mo",
        DEALS,
        {"owners": ["me"], "min_amount": 25000, "max_amount": 75000, "period": "next_month"},
    ),
    ("megan fosters deals stuck >45 days", DEALS, {"owners": ["Megan Foster"], "min_days_in_stage": 45}),
    ("anything closing this wk", DEALS, {"period": "this_week"}),
    ("graces opps in presentation scheduled", DEALS, {"owners": ["Grace"], "stages": ["presentationscheduled"]}),
    (
        "team east deals over 100k closing by eoq",
        DEALS,
        {"owners": ["Team East"], "min_amount": 100000, "period": "eoq"},
    ),
    (
        "appt scheduled deals that have sat 3 wks+",
        DEALS,
        {"stages": ["appointmentscheduled"], "min_days_in_stage": 21},
    ),
    ("list kenjis opps closing next wk", DEALS, {"owners": ["Kenji"], "period": "next_week"}),
    (
        "whats in contract sent or dm bought in for me 🙏",
        DEALS,
        {"owners": ["me"], "stages": ["contractsent", "decisionmakerboughtin"]},
    ),
    ("list the hooli opps", DEALS, {"company": "Hooli"}),
    ("luis top 3 deals closing this month", DEALS, {"owners": ["Luis"], "limit": 3, "period": "this_month"}),
    ("aishas deals >75k", DEALS, {"owners": ["Aisha"], "min_amount": 75000}),
    # --- count_deals (11) --------------------------------------------------------------------------------------------
    ("how many opps do i have open", COUNT, {"owners": ["me"]}),
    ("how many deals in contract sent rn", COUNT, {"stages": ["contractsent"]}),
    ("# of team west deals >100k", COUNT, {"owners": ["Team West"], "min_amount": 100000}),
    ("how many deals closing this month n whats the total", COUNT, {"period": "this_month"}),
    ("how many of luis opps stuck 60+ days", COUNT, {"owners": ["Luis"], "min_days_in_stage": 60}),
    ("count my appt scheduled deals", COUNT, {"owners": ["me"], "stages": ["appointmentscheduled"]}),
    (
        "how many acme deals have we ever had incl won/lost",
        COUNT,
        {"company": "Acme Corp", "include_closed": True},
    ),
    ("how many opps does jamal have closing q1", COUNT, {"owners": ["Jamal"], "period": "q1"}),
    (
        "how many deals r in qualified to buy for team east",
        COUNT,
        {"owners": ["Team East"], "stages": ["qualifiedtobuy"]},
    ),
    ("how many opps closing next 60d over 50k", COUNT, {"period": "next_60_days", "min_amount": 50000}),
    ("hw many deals does stark have open", COUNT, {"company": "Stark Industries"}),
    # --- get_closed_deal_metrics (17) --------------------------------------------------------------------------------
    ("how much did i close last q", CLOSED, {"owners": ["me"], "metric": "won_amount", "period": "last_quarter"}),
    ("win rate by rep ytd", CLOSED, {"metric": "win_rate", "by": "owner", "period": "ytd"}),
    (
        "how many deals did team west win in nov",
        CLOSED,
        {"owners": ["Team West"], "metric": "won_count", "period": "past_month:11"},
    ),
    (
        "avg deal size enterprise this yr",
        CLOSED,
        {"metric": "avg_deal_size", "segment": "enterprise", "period": "this_year"},
    ),
    ("sales cycle smb last 90d", CLOSED, {"metric": "cycle_time", "segment": "smb", "period": "last_90_days"}),
    ("how many did we lose in oct 😬", CLOSED, {"metric": "lost_count", "period": "past_month:10"}),
    ("total closed won+lost qtd", CLOSED, {"metric": "closed_count", "period": "qtd"}),
    ("bookings by month ytd", CLOSED, {"metric": "won_amount", "by": "month", "period": "ytd"}),
    ("healthcare win rate this yr", CLOSED, {"metric": "win_rate", "segment": "Healthcare", "period": "this_year"}),
    ("won amt by region last q", CLOSED, {"metric": "won_amount", "by": "region", "period": "last_quarter"}),
    ("east vs west win rate qtd", CLOSED, {"metric": "win_rate", "by": "team", "period": "qtd"}),
    ("mid market avg deal size", CLOSED, {"metric": "avg_deal_size", "segment": "mid_market"}),
    ("how much did jamal book in q3", CLOSED, {"owners": ["Jamal"], "metric": "won_amount", "period": "past_q:3"}),
    ("emea bookings ytd", CLOSED, {"metric": "won_amount", "segment": "EMEA", "period": "ytd"}),
    ("how many deals have i won mtd", CLOSED, {"owners": ["me"], "metric": "won_count", "period": "mtd"}),
    ("what did we book last yr", CLOSED, {"metric": "won_amount", "period": "last_year"}),
    ("win rate by industry q2", CLOSED, {"metric": "win_rate", "by": "industry", "period": "past_q:2"}),
    # --- get_latest_on_company (9) -----------------------------------------------------------------------------------
    ("whats the latest w acme", LATEST, {"company": "Acme Corp"}),
    ("status on globex?", LATEST, {"company": "Globex"}),
    ("where r we w initech", LATEST, {"company": "Initech"}),
    ("umbrela corp update", LATEST, {"company": "Umbrella Corporation"}),
    ("wayne ent where do things stand", LATEST, {"company": "Wayne Enterprises"}),
    ("hooli - latest?", LATEST, {"company": "Hooli"}),
    ("vandalay status pls", LATEST, {"company": "Vandelay Industries"}),
    ("whats going on w cyberdine", LATEST, {"company": "Cyberdyne Systems"}),
    ("lakegrid med whats the latest", LATEST, {"company": "Lakegrid Medical"}),
    # --- get_company_brief (6) ---------------------------------------------------------------------------------------
    ("prep me for stark mtg in 20", BRIEF, {"company": "Stark Industries"}),
    ("brief on soylent b4 my call", BRIEF, {"company": "Soylent"}),
    ("pre call brief greenfield grp", BRIEF, {"company": "Greenfield Group"}),
    ("1 pager on sunwave medical pls mtg at 2", BRIEF, {"company": "Sunwave Medical"}),
    ("need a brief for corefield tmrw", BRIEF, {"company": "Corefield Health"}),
    ("brief me on aquastone", BRIEF, {"company": "Aquastone Systems"}),
    # --- get_call_summary (6) ----------------------------------------------------------------------------------------
    ("recap last call w acme", CALL, {"company": "Acme Corp"}),
    ("what happened on the keenrock call", CALL, {"company": "Keenrock Robotics"}),
    ("summarize elmview call", CALL, {"company": "Elmview Systems"}),
    ("tldr last birchwave retail call", CALL, {"company": "Birchwave Retail"}),
    ("how did the amberwave call go", CALL, {"company": "Amberwave Bio"}),
    ("cloudport sec last call summary", CALL, {"company": "Cloudport Security"}),
    # --- get_deal_facts (8) ------------------------------------------------------------------------------------------
    ("who owns globex", FACTS, {"company": "Globex", "fact": "owner"}),
    ("whos the champ at initech", FACTS, {"company": "Initech", "fact": "champion"}),
    ("stakeholders on hooli", FACTS, {"company": "Hooli", "fact": "stakeholders"}),
    ("who's the AE on wayne", FACTS, {"company": "Wayne Enterprises", "fact": "owner"}),
    (
        "who r the contacts on the stark deal + their roles",
        FACTS,
        {"company": "Stark Industries", "fact": "stakeholders"},
    ),
    ("do we have a champion at umbrella", FACTS, {"company": "Umbrella Corporation", "fact": "champion"}),
    ("whose acct is vandelay", FACTS, {"company": "Vandelay Industries", "fact": "owner"}),
    (
        "who's involved at skyshore mfg - owner champ everyone",
        FACTS,
        {"company": "Skyshore Manufacturing", "fact": "all"},
    ),
    # --- list_silent_deals (8) ---------------------------------------------------------------------------------------
    ("whos ghosting me", SILENT, {"owners": ["me"]}),
    ("accts gone dark 2+ wks", SILENT, {"days": 14}),
    ("jamal deals w no buyer reply 10d+", SILENT, {"owners": ["Jamal"], "days": 10}),
    ("team west silent 30d", SILENT, {"owners": ["Team West"], "days": 30}),
    ("silent deals 7 days", SILENT, {"days": 7}),
    ("my deals w no reply in 3 wks", SILENT, {"owners": ["me"], "days": 21}),
    ("any of graces buyers gone quiet", SILENT, {"owners": ["Grace"]}),
    ("deals where buyer hasnt engaged in 45 days", SILENT, {"days": 45}),
    # --- list_at_risk_deals (8) --------------------------------------------------------------------------------------
    ("my deals at risk", RISK, {"owners": ["me"]}),
    ("at risk opps team west", RISK, {"owners": ["Team West"]}),
    ("is acme at risk?", RISK, {"company": "Acme Corp"}),
    ("which of graces deals r in trouble", RISK, {"owners": ["Grace"]}),
    ("risky deals rn", RISK, {}),
    ("anything red flag on initech", RISK, {"company": "Initech"}),
    ("tylers at-risk deals + why", RISK, {"owners": ["Tyler"]}),
    ("deal health issues on my book", RISK, {"owners": ["me"]}),
    # --- get_my_day (6) ----------------------------------------------------------------------------------------------
    ("my day", DAY, {}),
    ("whats on my plate today", DAY, {}),
    ("what should i focus on today", DAY, {}),
    ("jamals day?", DAY, {"owners": ["Jamal"]}),
    ("what's emily got today", DAY, {"owners": ["Emily"]}),
    ("pull up my day - mtgs tasks whatever's overdue", DAY, {}),
    # --- search_conversations (8) ------------------------------------------------------------------------------------
    ("did anyone at hooli bring up soc2", CONV, {"query": "SOC2", "company": "Hooli"}),
    ("what did globex say abt pricing on calls", CONV, {"query": "pricing", "company": "Globex", "kinds": ["call"]}),
    (
        "initech emails since nov 1 re renewal",
        CONV,
        {"query": "renewal", "company": "Initech", "kinds": ["email"], "since": "2026-11-01"},
    ),
    (
        "anyone mention datapilot on calls since oct",
        CONV,
        {"query": "DataPilot", "kinds": ["call"], "since": "2026-10-01"},
    ),
    ("notes mentioning budget freeze", CONV, {"query": "budget freeze", "kinds": ["note"]}),
    ("what did acmes cfo say about security", CONV, {"query": "CFO security", "company": "Acme Corp"}),
    (
        "has stark pushed back on implementation timeline anywhere",
        CONV,
        {"query": "implementation timeline", "company": "Stark Industries"},
    ),
    (
        "any emails about procurement delays since 11/15",
        CONV,
        {"query": "procurement delays", "kinds": ["email"], "since": "2026-11-15"},
    ),
    # --- search_objection_handling (6) -------------------------------------------------------------------------------
    ("how do we handle pricing objections", OBJ, {"query": "pricing objection", "category": "pricing"}),
    ("talk track for a cfo", OBJ, {"query": "talk track for a CFO"}),
    ("security objection - what do we say", OBJ, {"query": "security objection", "category": "security"}),
    (
        "timing objection talk track - they want to push to next yr",
        OBJ,
        {"query": "push to next year", "category": "timing"},
    ),
    (
        "how do i handle 'we already have a tool for that'",
        OBJ,
        {"query": "we already have a tool for that", "category": "already_have_tool"},
    ),
    (
        "authority objection - champ cant get signoff from boss how do i handle",
        OBJ,
        {"query": "champion can't get sign-off from boss", "category": "authority"},
    ),
    # --- get_lead_score (4) ------------------------------------------------------------------------------------------
    ("lead score for sagehaven mobility", LEAD, {"company": "sagehaven mobility"}),
    ("newest inbound leads scores", LEAD, {}),
    ("how does the goldmark telecom lead score", LEAD, {"company": "goldmark telecom"}),
    ("score on the cedarpoint financial leads?", LEAD, {"company": "cedarpoint financial"}),
    # --- score_lead (3) ----------------------------------------------------------------------------------------------
    (
        "score this lead - Jordan Pike, jordan@tallgrassai.com, co Tallgrass AI, 300 emps, budget 40k, wants "
        "forecasting this q",
        SCORE,
        {
            "company": "Tallgrass AI",
            "contact_email": "jordan@tallgrassai.com",
            "employee_count": 300,
            "budget": "40k",
            "interest_area": "forecasting",
            "timeline": "this q",
        },
    ),
    (
        "new lead pls score: Mia Cho VP Ops at Brookline Freight mia.cho@brooklinefreight.com ~120 ppl timeline q2",
        SCORE,
        {
            "company": "Brookline Freight",
            "contact_email": "mia.cho@brooklinefreight.com",
            "contact_title": "VP Ops",
            "employee_count": 120,
            "timeline": "q2",
        },
    ),
    (
        "can u score this one: Sam Ortiz samortiz88@gmail.com company Ortiz Consulting budget 5k says 'just looking'",
        SCORE,
        {
            "company": "Ortiz Consulting",
            "contact_email": "samortiz88@gmail.com",
            "budget": "5k",
            "notes": "just looking",
        },
    ),
    # --- lookup_company (3) ------------------------------------------------------------------------------------------
    ("is 'redwood' redwood labs or redwood bio", LOOKUP, {"company": "redwood"}),
    ("is brightmark a real acct in crm", LOOKUP, {"company": "brightmark"}),
    ("what co does 'stark ind' match", LOOKUP, {"company": "stark ind"}),
    # --- get_buyer_personas (3) --------------------------------------------------------------------------------------
    ("who actually buys from us", PERSONA, {}),
    ("what do finance approvers care about", PERSONA, {"persona": "Finance approver"}),
    ("technical evaluator persona - win rate w vs w/o them", PERSONA, {"persona": "Technical evaluator"}),
    # --- get_pain_points (3) -----------------------------------------------------------------------------------------
    ("what problems do ppl buy us for", PAIN, {}),
    ("top pain pts from won deals", PAIN, {}),
    ("why do customers actually buy 🤔", PAIN, {}),
    # --- get_objection_map (4) ---------------------------------------------------------------------------------------
    ("which objections hurt us most", OMAP, {}),
    ("win rate when security comes up", OMAP, {"category": "security"}),
    ("objection map pricing", OMAP, {"category": "pricing"}),
    ("how often does timing come up n do we still win", OMAP, {"category": "timing"}),
    # --- get_objections_this_week (4) --------------------------------------------------------------------------------
    ("objections this wk", OWEEK, {}),
    ("pushback heard on calls last 14d", OWEEK, {"days": 14}),
    ("what objections came up last 30 days", OWEEK, {"days": 30}),
    ("any new objections lately", OWEEK, {}),
    # --- get_battle_card (5) -----------------------------------------------------------------------------------------
    ("battlecard datapilot", BATTLE, {"competitor": "DataPilot"}),
    ("how do we beat metricly", BATTLE, {"competitor": "Metricly"}),
    ("quantix - how do we do vs them", BATTLE, {"competitor": "Quantix"}),
    ("chartwell bi battle card", BATTLE, {"competitor": "Chartwell BI"}),
    ("lookwise comp intel pls", BATTLE, {"competitor": "Lookwise"}),
    # --- get_loss_reasons (4) ----------------------------------------------------------------------------------------
    ("why am i losing deals", LOSS, {"owner": "me"}),
    ("loss reasons", LOSS, {}),
    ("why does tyler lose", LOSS, {"owner": "Tyler"}),
    ("top reasons we lost deals 🙃", LOSS, {}),
    # --- get_reactivation_list (4) -----------------------------------------------------------------------------------
    ("lost deals of mine worth reopening", REVIVE, {"owner": "me"}),
    ("top 10 lost deals to revive", REVIVE, {"limit": 10}),
    ("carlos revive list", REVIVE, {"owner": "Carlos"}),
    ("reactivation list", REVIVE, {}),
    # --- get_deal_odds (5) -------------------------------------------------------------------------------------------
    ("odds on globex?", ODDS, {"company": "Globex"}),
    ("will we win initech", ODDS, {"company": "Initech"}),
    ("chances hooli closes", ODDS, {"company": "Hooli"}),
    ("win prob umbrella", ODDS, {"company": "Umbrella Corporation"}),
    ("likelihood stark signs", ODDS, {"company": "Stark Industries"}),
    # --- forecast_bookings (6) ---------------------------------------------------------------------------------------
    ("forecast this q", FORECAST, {"period": "quarter"}),
    ("eom forecast", FORECAST, {"period": "month"}),
    ("what will team west land this month", FORECAST, {"period": "month", "owners": ["Team West"]}),
    ("my forecast for the q", FORECAST, {"period": "quarter", "owners": ["me"]}),
    ("expected bookings dec", FORECAST, {"period": "month"}),
    ("jamals forecast", FORECAST, {"owners": ["Jamal"]}),
    # --- list_make_or_break_deals (5) --------------------------------------------------------------------------------
    ("make or break deals this q", MOB, {"period": "quarter"}),
    ("swing deals this month", MOB, {"period": "month"}),
    ("top 3 make or break for jamal", MOB, {"owners": ["Jamal"], "limit": 3}),
    ("which deals decide team wests quarter", MOB, {"owners": ["Team West"], "period": "quarter"}),
    ("my make or break opps eom", MOB, {"owners": ["me"], "period": "month"}),
    # --- get_ae_performance (6) --------------------------------------------------------------------------------------
    ("hows luis doing", PERF, {"owners": ["Luis"]}),
    ("compare me vs emily", PERF, {"owners": ["me", "Emily"]}),
    ("aisha vs megan perf", PERF, {"owners": ["Aisha", "Megan"]}),
    ("how am i doing vs the team", PERF, {"owners": ["me"]}),
    ("what should kenji work on - coaching", PERF, {"owners": ["Kenji"]}),
    ("carlos mendes performance qtd", PERF, {"owners": ["Carlos Mendes"]}),
    # --- summarize_pipeline (7) --------------------------------------------------------------------------------------
    ("pipeline by stage", PIPE, {"by": "stage"}),
    ("pipe by rep", PIPE, {"by": "owner"}),
    ("my pipeline", PIPE, {"owners": ["me"]}),
    ("team west pipe by owner", PIPE, {"owners": ["Team West"], "by": "owner"}),
    ("kenji pipeline breakdown by stage", PIPE, {"owners": ["Kenji"], "by": "stage"}),
    ("show me pipeline", PIPE, {}),
    ("team east pipe by stage", PIPE, {"owners": ["Team East"], "by": "stage"}),
    # --- no capability as asked (17) ---------------------------------------------------------------------------------
    ("move acme to contract sent", None, {"intent": "write"}),
    ("push globex close date to 12/31", None, {"intent": "write"}),
    ("send helen my pipe summary", None, {"intent": "write"}),
    ("log note on initech cfo out til jan", None, {"intent": "write"}),
    ("create task f/u w stark thurs", None, {"intent": "write"}),
    ("whats my commission gonna be this q", None, {"intent": "out_of_scope"}),
    ("weather nyc tmrw", None, {"intent": "out_of_scope"}),
    ("hooli stock price rn", None, {"intent": "out_of_scope"}),
    ("book a conf room 3pm", None, {"intent": "out_of_scope"}),
    ("what can u do", None, {"intent": "help"}),
    ("how do i use the slash cmds", None, {"intent": "help"}),
    ("greenfield update?", None, {"intent": "clarify"}),
    ("numbers for jamal?", None, {"intent": "clarify"}),
    ("opps in healthcare closing this q", None, {"intent": "unsupported_filter"}),
    ("silent deals over 50k", None, {"intent": "unsupported_filter"}),
    ("pipeline by region", None, {"intent": "unsupported_filter"}),
    ("deals created last wk", None, {"intent": "unsupported_filter"}),
]
