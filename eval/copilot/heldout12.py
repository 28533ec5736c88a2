# ruff: noqa: E501
# Held-out set 12: written blind and sealed (outside the repository, nobody working on understanding read it) until
# its first run on commit f7e7e8a: 92.7% (139/150) capability+args right, 4 confident wrong, 5 clarified.
# It is no longer held out. Not in the classifier's training set.
"""Held-out question set 12 for the Sales OS copilot: one AE's Monday, asked in a Slack DM.

Who asks and how: Dana Whitfield (AE, Team East) on Monday 7 Dec 2026 (America/New_York), typing into a direct
message with the copilot across her whole day: before a 9 am prospect call (briefs, latest status, odds, champion and
stakeholders, what the buyer said on calls), after the call (objections heard, how to handle them, battle cards), at
lunch tidying her pipeline (stale, stalled and silent deals, at-risk deals, close dates this month and quarter,
amounts), in the afternoon helping her manager Helen Brooks with numbers (won, lost, win rate, cycle time, by rep or
team, forecast, swing deals, AE performance), and late in the day inbound leads and lost deals to revive. Questions
are typed as people type in Slack: lower case, abbreviations, typos, sales jargon (commit, upside, slipped, stalled,
ghosted, multi-threaded, POC, redlines, procurement), and two-clause questions where only one clause is a filter.

Provenance: written blind by a helper session (an LLM) from /work/blind/capabilities.md, /work/blind/names.md,
/work/blind/conventions.md and the scoring helpers `period_dates`, `closed_period`, `canonical`, `only_left_out`,
`no_tool_right` and `run` of eval/copilot/__init__.py only. The author did not read the copilot's code, tests, docs or
any other question set, and did not run anything (only a syntax check of this file).

Label conventions (see conventions.md):
- Each case is (question as typed, capability that must answer it or None, arguments a right answer needs).
- "me"/"my"/"I" = Dana Whitfield → owners ["me"] (loss reasons / revive: owner "me"); other owners as typed
  (first name, full name or team); a misspelled owner or company is labelled with the real name. No possessive,
  "we"/"our"/"the team" → owners left out. People named only as context (Helen asking, Emily covering a meeting) are
  not owners.
- Periods as the evaluator's tokens in `period`: closing periods for search_deals / count_deals (this_month, eom,
  this_quarter, eoq, next_quarter, next_month, this_week, next_30_days, month:N); past periods for
  get_closed_deal_metrics (last_quarter, last_month, qtd, ytd, this_year, last_year, past_month:N, past_q:N,
  last_N_days). search_conversations takes an ISO `since` date.
- Amounts in USD as numbers; stages by CRM key; companies by the name they resolve to (lookup_company and
  get_lead_score: the name as typed); competitors by their real name.
- Only the arguments the question gives (or clearly implies) are labelled; defaults are left out.
- Capability None: args {"intent": X} with X one of help, out_of_scope, write, clarify, unsupported_filter.
"""

from typing import Any

Case = tuple[str, str | None, dict[str, Any]]

SEARCH = "search_deals"
SILENT = "list_silent_deals"
LATEST = "get_latest_on_company"
PIPE = "summarize_pipeline"
LOOKUP = "lookup_company"
COUNT = "count_deals"
CLOSED = "get_closed_deal_metrics"
FACTS = "get_deal_facts"
RISK = "list_at_risk_deals"
MYDAY = "get_my_day"
CONVOS = "search_conversations"
BRIEF = "get_company_brief"
CALL = "get_call_summary"
HANDLE = "search_objection_handling"
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
SWING = "list_make_or_break_deals"
PERF = "get_ae_performance"

CASES: list[Case] = [
    # --- early morning: the day ahead -----------------------------------------------------------------------------
    ("morning. what's on my plate today?", MYDAY, {}),
    ("what should i knock out first today, anything overdue?", MYDAY, {}),
    ("my meetings today + which of them are on shaky deals", MYDAY, {}),
    ("helen wants to know what grace has going on today", MYDAY, {"owners": ["grace"]}),
    # --- before the 9 am call: briefs, status, odds, people, what was said ----------------------------------------
    ("got acme at 9, pull me a brief", BRIEF, {"company": "Acme Corp"}),
    ("prep doc for harbourstone therapeutics pls, call in 30", BRIEF, {"company": "Harborstone Therapeutics"}),
    (
        "emily's covering my ridgeview bio meeting tmrw, can you give me the pre-call brief so i can forward it",
        BRIEF,
        {"company": "Ridgeview Bio"},
    ),
    (
        "one pager on cedarwork pay before the QBR — stakeholders, similar wins, discovery qs",
        BRIEF,
        {"company": "Cedarworks Pay"},
    ),
    ("whats the latest on acme", LATEST, {"company": "Acme Corp"}),
    ("where do we stand w/ Truegrid Capital?", LATEST, {"company": "Truegrid Capital"}),
    ("quick status on southridge frieght", LATEST, {"company": "Southridge Freight"}),
    ("helen asked in standup — any update on vectorstone?", LATEST, {"company": "Vectorstone Systems"}),
    ("where are things at with quantstak", LATEST, {"company": "Quantstack Therapeutics"}),
    (
        "catch me up on Cobaltbrook Analytics: deal stage, last touch, next mtg",
        LATEST,
        {"company": "Cobaltbrook Analytics"},
    ),
    ("anything new with keenpoint bio since last week?", LATEST, {"company": "Keenpoint Bio"}),
    ("status of moonrock networks + open tasks on it", LATEST, {"company": "Moonrock Networks"}),
    ("odds on acme closing?", ODDS, {"company": "Acme Corp"}),
    ("what are our chances at greenfield group, honestly", ODDS, {"company": "Greenfield Group"}),
    ("realistically do we win harborstone or am i kidding myself", ODDS, {"company": "Harborstone Therapeutics"}),
    ("win prob on the Ironway Manufacturing deals and what's driving it", ODDS, {"company": "Ironway Manufacturing"}),
    ("who's my champion at acme again", FACTS, {"company": "Acme Corp", "fact": "champion"}),
    (
        "am i multi-threaded on cedarworks pay? who are the stakeholders + their roles",
        FACTS,
        {"company": "Cedarworks Pay", "fact": "stakeholders"},
    ),
    ("someone pinged me about initech — who's the AE on that one?", FACTS, {"company": "Initech", "fact": "owner"}),
    ("owner, contacts and champ for Stonestack Insurance", FACTS, {"company": "Stonestack Insurance", "fact": "all"}),
    (
        "what did acme's CFO say about budget on our calls",
        CONVOS,
        {"query": "budget", "company": "Acme Corp", "kinds": ["call"]},
    ),
    (
        "did cobaltbrook analytics say anything about the POC success criteria in the last 30 days?",
        CONVOS,
        {"query": "POC success criteria", "company": "Cobaltbrook Analytics", "since": "2026-11-07"},
    ),
    (
        "emails from southridge freight about the security review since nov 1",
        CONVOS,
        {"query": "security review", "company": "Southridge Freight", "kinds": ["email"], "since": "2026-11-01"},
    ),
    (
        "what did Sam Wright at Aquaspring Systems say re the procurement timeline",
        CONVOS,
        {"query": "procurement timeline", "company": "Aquaspring Systems"},
    ),
    (
        "check my notes for anything on redlines w/ Vectorstone Systems",
        CONVOS,
        {"query": "redlines", "company": "Vectorstone Systems", "kinds": ["note"]},
    ),
    ("recap the last call w/ acme", CALL, {"company": "Acme Corp"}),
    ("what happened on the most recent ironstack call", CALL, {"company": "Ironstack Networks"}),
    (
        "summarize the last cedarwood robotics call — pains, objections, next steps",
        CALL,
        {"company": "Cedarwood Robotics"},
    ),
    ("tldr of the keenloop brands call? missed the first half", CALL, {"company": "Keenloop Brands"}),
    # --- after the call: objections, talk tracks, competitors -------------------------------------------------------
    ("what objections came up on calls this week", OBJWEEK, {}),
    ("pushback we've heard in the last 2 weeks?", OBJWEEK, {"days": 14}),
    ("any new kinds of objections popping up? look back 30 days", OBJWEEK, {"days": 30}),
    (
        "acme just told me we're 30% more than what they pay now. how do i handle that",
        HANDLE,
        {"query": "you're 30% more expensive than what we pay now"},
    ),
    ("how do i respond when the CFO says no budget til Q2", HANDLE, {"query": "no budget until Q2"}),
    (
        "security objection: they want SOC 2 type II + SSO before procurement will sign. best talk track?",
        HANDLE,
        {"query": "need SOC 2 Type II and SSO before signing", "category": "security"},
    ),
    (
        "champion says she can't sign without the CEO — any authority-type talk tracks from won deals?",
        HANDLE,
        {"query": "can't sign without the CEO", "category": "authority"},
    ),
    ("they're also evaluating DataPilot. battle card?", BATTLE, {"competitor": "DataPilot"}),
    ("how do we beat metricly", BATTLE, {"competitor": "Metricly"}),
    ("Lookwise came up on the call — how do we usually do against them", BATTLE, {"competitor": "Lookwise"}),
    ("battlecard vs chartwell bi pls", BATTLE, {"competitor": "Chartwell BI"}),
    ("which objections actually cost us deals?", OBJMAP, {}),
    ("what's our win rate when pricing comes up", OBJMAP, {"category": "pricing"}),
    ("objection map for the technical evaluator persona", OBJMAP, {"persona": "technical evaluator"}),
    ("who actually buys from us? personas pls", PERSONAS, {}),
    (
        "what does the finance approver care about — need to prep for Marcus Bell",
        PERSONAS,
        {"persona": "Finance approver"},
    ),
    ("tell me about the technical evaluator persona on our won deals", PERSONAS, {"persona": "Technical evaluator"}),
    ("what problems do we actually solve for customers? building my discovery deck", PAINS, {}),
    ("top pain points from won deals", PAINS, {}),
    ("why do ppl buy from us, in their own words", PAINS, {}),
    # --- lunch: tidying the pipeline ---------------------------------------------------------------------------------
    ("my deals closing this month", SEARCH, {"owners": ["me"], "period": "this_month"}),
    ("show me everything i have in contract sent", SEARCH, {"owners": ["me"], "stages": ["contractsent"]}),
    ("my deals >50k closing this qtr", SEARCH, {"owners": ["me"], "min_amount": 50000, "period": "this_quarter"}),
    (
        "which of my deals are stalled in decision maker bought-in for 30+ days",
        SEARCH,
        {"owners": ["me"], "stages": ["decisionmakerboughtin"], "min_days_in_stage": 30},
    ),
    ("top 5 biggest deals in my pipe", SEARCH, {"owners": ["me"], "limit": 5}),
    ("what do i still have closing before end of month", SEARCH, {"owners": ["me"], "period": "eom"}),
    ("emily's deals in presentation scheduled", SEARCH, {"owners": ["emily"], "stages": ["presentationscheduled"]}),
    ("my deals w/ close dates in january", SEARCH, {"owners": ["me"], "period": "month:1"}),
    ("list my small stuff, under 20k", SEARCH, {"owners": ["me"], "max_amount": 20000}),
    (
        "pull up all southridge freight deals incl. the closed ones",
        SEARCH,
        {"company": "Southridge Freight", "include_closed": True},
    ),
    (
        "team east deals closing next quarter above 100k",
        SEARCH,
        {"owners": ["Team East"], "period": "next_quarter", "min_amount": 100000},
    ),
    (
        "my deals in qualified to buy or appointment scheduled",
        SEARCH,
        {"owners": ["me"], "stages": ["qualifiedtobuy", "appointmentscheduled"]},
    ),
    (
        "just got off the acme call — what else of mine closes this week?",
        SEARCH,
        {"owners": ["me"], "period": "this_week"},
    ),
    (
        "my open deals between 25k and 75k closing by eoq",
        SEARCH,
        {"owners": ["me"], "min_amount": 25000, "max_amount": 75000, "period": "eoq"},
    ),
    ("how many open deals do i have rn", COUNT, {"owners": ["me"]}),
    ("how many deals are sitting in contract sent across the team", COUNT, {"stages": ["contractsent"]}),
    (
        "number of my deals closing this quarter and what they add up to",
        COUNT,
        {"owners": ["me"], "period": "this_quarter"},
    ),
    ("how many deals does team west have over 50k", COUNT, {"owners": ["Team West"], "min_amount": 50000}),
    ("count of jamal's deals w/ a december close date", COUNT, {"owners": ["jamal"], "period": "month:12"}),
    (
        "how many of my deals have been stuck in the same stage 60+ days",
        COUNT,
        {"owners": ["me"], "min_days_in_stage": 60},
    ),
    (
        "how many deals have we ever had with Ironstack Networks, won and lost included",
        COUNT,
        {"company": "Ironstack Networks", "include_closed": True},
    ),
    (
        "total $ + count of Grace Okafor's deals closing next month",
        COUNT,
        {"owners": ["Grace Okafor"], "period": "next_month"},
    ),
    (
        "how many deals do luis and i have in decision maker bought in",
        COUNT,
        {"owners": ["me", "luis"], "stages": ["decisionmakerboughtin"]},
    ),
    (
        "how many 100k+ deals does the whole team have closing in the next 30 days",
        COUNT,
        {"min_amount": 100000, "period": "next_30_days"},
    ),
    ("which of my deals have gone dark", SILENT, {"owners": ["me"]}),
    ("who's ghosting me? 10+ days no reply", SILENT, {"owners": ["me"], "days": 10}),
    ("team east deals where the buyer's been quiet for 2 wks", SILENT, {"owners": ["Team East"], "days": 14}),
    ("anything of mine with zero buyer engagement for a month?", SILENT, {"owners": ["me"], "days": 30}),
    ("tyler's silent deals", SILENT, {"owners": ["tyler"]}),
    ("which of my deals are at risk", RISK, {"owners": ["me"]}),
    ("is the acme deal at risk?", RISK, {"company": "Acme Corp"}),
    (
        "deal health check — what's wobbly in my pipe and why? anything slipped or single-threaded",
        RISK,
        {"owners": ["me"]},
    ),
    ("at-risk deals for team east", RISK, {"owners": ["Team East"]}),
    ("riskiest deals across the whole team rn", RISK, {}),
    ("anything i should worry about at trugrid capital?", RISK, {"company": "Truegrid Capital"}),
    ("which of luis ortgea's deals are in trouble", RISK, {"owners": ["Luis Ortega"]}),
    ("red flags on Ironway Manufacturing?", RISK, {"company": "Ironway Manufacturing"}),
    ("pipeline by stage", PIPE, {"by": "stage"}),
    ("break down the team's open pipe by rep", PIPE, {"by": "owner"}),
    ("my pipeline by stage pls", PIPE, {"owners": ["me"], "by": "stage"}),
    ("team east open pipeline per AE, count and $", PIPE, {"owners": ["Team East"], "by": "owner"}),
    ("which company is 'aquaspring'? there's two i think", LOOKUP, {"company": "aquaspring"}),
    ("do we have a company called wolfspring in the crm", LOOKUP, {"company": "wolfspring"}),
    ("is Hooly an account in our system or am i spelling it wrong", LOOKUP, {"company": "Hooly"}),
    # --- afternoon: numbers for Helen ------------------------------------------------------------------------------
    ("how much did we win last quarter", CLOSED, {"metric": "won_amount", "period": "last_quarter"}),
    (
        "helen needs team east's win rate for november",
        CLOSED,
        {"metric": "win_rate", "owners": ["Team East"], "period": "past_month:11"},
    ),
    (
        "how many deals have i closed-won this quarter",
        CLOSED,
        {"metric": "won_count", "owners": ["me"], "period": "qtd"},
    ),
    ("win rate by rep this year", CLOSED, {"metric": "win_rate", "by": "owner", "period": "ytd"}),
    (
        "avg deal size on enterprise deals ytd",
        CLOSED,
        {"metric": "avg_deal_size", "segment": "enterprise", "period": "ytd"},
    ),
    ("what's our avg sales cycle for mid-market?", CLOSED, {"metric": "cycle_time", "segment": "mid_market"}),
    ("how many deals did we lose last month", CLOSED, {"metric": "lost_count", "period": "last_month"}),
    (
        "bookings by month this year, helen wants a chart for the QBR",
        CLOSED,
        {"metric": "won_amount", "by": "month", "period": "this_year"},
    ),
    ("won revenue by team for Q3", CLOSED, {"metric": "won_amount", "by": "team", "period": "past_q:3"}),
    (
        "how many deals did jamal win last qtr",
        CLOSED,
        {"metric": "won_count", "owners": ["jamal"], "period": "last_quarter"},
    ),
    (
        "total deals closed (won+lost) for team west in 2025",
        CLOSED,
        {"metric": "closed_count", "owners": ["Team West"], "period": "last_year"},
    ),
    ("what's our win rate in healthcare", CLOSED, {"metric": "win_rate", "segment": "Healthcare"}),
    (
        "cycle time by segment over the last 90 days",
        CLOSED,
        {"metric": "cycle_time", "by": "segment", "period": "last_90_days"},
    ),
    (
        "helen's asking how much EMEA has booked so far this quarter",
        CLOSED,
        {"metric": "won_amount", "segment": "EMEA", "period": "qtd"},
    ),
    ("how's jamal doing this quarter", PERF, {"owners": ["jamal"]}),
    ("compare me and emily — win rate, cycle time, activity", PERF, {"owners": ["me", "emily"]}),
    ("helen wants a coaching read on luis ortega before their 1:1", PERF, {"owners": ["Luis Ortega"]}),
    ("how am i tracking vs the rest of the team?", PERF, {"owners": ["me"]}),
    ("what's the forecast for the quarter", FORECAST, {"period": "quarter"}),
    ("expected bookings this month for team east", FORECAST, {"period": "month", "owners": ["Team East"]}),
    (
        "what's my commit looking like this quarter — forecast w/ the range",
        FORECAST,
        {"owners": ["me"], "period": "quarter"},
    ),
    ("what are we projected to book in december? helen wants it by rep", FORECAST, {"period": "month"}),
    ("which deals make or break the quarter", SWING, {}),
    ("my swing deals for this month — the big coin flips", SWING, {"owners": ["me"], "period": "month"}),
    ("top 3 upside deals that move team east's Q4 number the most", SWING, {"owners": ["Team East"], "limit": 3}),
    # --- late in the day: inbound leads and lost deals to revive ---------------------------------------------------
    ("scores on the newest inbound leads?", LEAD, {}),
    ("how did the Stark Industries lead score", LEAD, {"company": "stark industries"}),
    ("is the inbound from soylent any good or a tire kicker", LEAD, {"company": "soylent"}),
    (
        "score this lead: Aaron Barnes, CFO @ Amberbridge Manufacturing, aaron.barnes@amberbridge.com, ~1200 employees, budget $80k-$100k, wants Insight Enterprise, timeline next quarter",
        SCORE,
        {"company": "Amberbridge Manufacturing", "contact_email": "aaron.barnes@amberbridge.com"},
    ),
    (
        "new inbound — Vandelay Industries, art.v@gmail.com, note says 'student project, just browsing'. worth my time? score it",
        SCORE,
        {"company": "Vandelay Industries", "contact_email": "art.v@gmail.com"},
    ),
    (
        "rate this lead pls: Cyberdyne Systems / mbrown@cyberdyne.io / 51-200 / no budget yet / Connectors Add-on / maybe next year",
        SCORE,
        {"company": "Cyberdyne Systems", "contact_email": "mbrown@cyberdyne.io"},
    ),
    ("which of my lost deals are worth reopening", REVIVE, {"owner": "me"}),
    ("reactivation list for the team, top 10", REVIVE, {"limit": 10}),
    ("any of grace's closed-lost deals we should take another swing at?", REVIVE, {"owner": "grace"}),
    ("quiet end of day — gimme 3 lost deals of mine to try and win back", REVIVE, {"owner": "me", "limit": 3}),
    ("why am i losing deals", LOSS, {"owner": "me"}),
    ("top loss reasons across the team", LOSS, {}),
    ("why does carlos keep losing? helen's curious", LOSS, {"owner": "carlos"}),
    # --- no capability as asked --------------------------------------------------------------------------------------
    ("what can you do", None, {"intent": "help"}),
    ("hey how do i use this bot, what kinds of questions can i ask", None, {"intent": "help"}),
    ("book me a flight to chicago for the acme onsite next week", None, {"intent": "out_of_scope"}),
    ("how much PTO do i have left this year", None, {"intent": "out_of_scope"}),
    ("move acme to closed won!!", None, {"intent": "write"}),
    ("log a call w/ truegrid capital: went through redlines, next step legal review fri", None, {"intent": "write"}),
    ("push the harborstone close date to jan 15", None, {"intent": "write"}),
    ("deals?", None, {"intent": "clarify"}),
    ("what about that one", None, {"intent": "clarify"}),
    ("latest on wolfspring", None, {"intent": "clarify"}),
    ("what's the forecast for Insight Enterprise this quarter", None, {"intent": "unsupported_filter"}),
    ("my deals from partner-sourced leads closing this month", None, {"intent": "unsupported_filter"}),
    ("win rate on deals with the Connectors Add-on last quarter", None, {"intent": "unsupported_filter"}),
    ("at-risk deals in EMEA", None, {"intent": "unsupported_filter"}),
    ("silent deals over 50k", None, {"intent": "unsupported_filter"}),
]
