# ruff: noqa: E501  (one question per line)
# Dev set O: written blind as a dev set, not trained on, run once on commit 23979fc (first run 76.1%, 20 confident wrong,
# 14 clarified), then its misses were fixed by family (not in the classifier's training set).
"""Dev set O, written blind: questions typed into Dana Whitfield's copilot DM by people who do not know the tool.

Who asks, and how: a new hire shadowing Dana, a sales engineer, and her manager Helen Brooks borrowing her laptop. They
use their own vocabulary rather than CRM terms ("prospects", "accounts we're working", "the big ones", "stalled",
"ghosted", "dead deals", "renewals", "customers", "revenue", "quota", "pipeline coverage"), sometimes ask what the tool
can do, ask for things it cannot do (change records, send emails, book meetings, data from outside the CRM) and phrase
the capabilities very differently from a power user. Every question is asked as Dana: "me"/"my" is Dana Whitfield, even
when the new hire or Helen types.

Written blind by a helper session, from /work/blind/capabilities.md (capabilities and argument schemas),
/work/blind/names.md (the demo workspace's names), /work/blind/conventions.md (label conventions), the evaluator
(eval/copilot/__init__.py: canonical(), period_dates(), closed_period(), only_left_out(), no_tool_right(), run()) and
lines 1-30 of eval/copilot/questions.py; without looking at the copilot's code, its tests, docs or other question sets,
and without running the copilot or the evaluator.

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

PROBE_21: list[Case] = [
    # --- finding deals: "accounts we're working", "the big ones", "stalled" -----------------------------------------
    ("what accounts am I working right now?", DEALS, {"owners": ["me"]}),
    ("which of my deals are supposed to land this month?", DEALS, {"owners": ["me"], "period": "this_month"}),
    ("what's expected to close across the team in the next 30 days?", DEALS, {"period": "next_30_days"}),
    (
        "which of Jamal's deals are just waiting on a signature?",
        DEALS,
        {"owners": ["Jamal"], "stages": ["contractsent"]},
    ),
    ("my deals between 20 and 50 grand", DEALS, {"owners": ["me"], "min_amount": 20000, "max_amount": 50000}),
    ("top 5 biggest deals on the whole team", DEALS, {"limit": 5}),
    ("anything that's been sitting in the same stage for more than 45 days?", DEALS, {"min_days_in_stage": 45}),
    (
        "which of my prospects have stalled? stuck in one stage 60+ days",
        DEALS,
        {"owners": ["me"], "min_days_in_stage": 60},
    ),
    ("what does the West team have closing next quarter?", DEALS, {"owners": ["Team West"], "period": "next_quarter"}),
    (
        "list every deal we've ever had with Wayne Enterprises, the won and lost ones too",
        DEALS,
        {"company": "Wayne Enterprises", "include_closed": True},
    ),
    (
        "which of Kenji's deals have a presentation on the calendar?",
        DEALS,
        {"owners": ["Kenji"], "stages": ["presentationscheduled"]},
    ),
    ("deals where the decision maker is already on board", DEALS, {"stages": ["decisionmakerboughtin"]}),
    (
        "I'm shadowing Dana - which of Emily's deals only have a first meeting booked so far?",
        DEALS,
        {"owners": ["Emily"], "stages": ["appointmentscheduled"]},
    ),
    (
        "any of my small ones, under 10k, that should close between now and the end of the month?",
        DEALS,
        {"owners": ["me"], "max_amount": 10000, "period": "eom"},
    ),
    ("the big ones closing in January - 75k and up", DEALS, {"period": "month:1", "min_amount": 75000}),
    (
        "Helen here - 10 largest deals Carlos and Megan have closing this quarter",
        DEALS,
        {"owners": ["Carlos", "Megan"], "limit": 10, "period": "this_quarter"},
    ),
    # --- counting deals ----------------------------------------------------------------------------------------------
    ("how many deals am I juggling right now?", COUNT, {"owners": ["me"]}),
    ("how many open deals over a quarter million do we have?", COUNT, {"min_amount": 250000}),
    ("how many deals are out for signature right now?", COUNT, {"stages": ["contractsent"]}),
    (
        "how many deals does Kenji have that should close this month?",
        COUNT,
        {"owners": ["Kenji"], "period": "this_month"},
    ),
    ("how many open deals does Team East have, and what are they worth in total?", COUNT, {"owners": ["Team East"]}),
    ("number of my deals with a close date next week", COUNT, {"owners": ["me"], "period": "next_week"}),
    ("how many deals have been stuck in their stage for 90 days or more?", COUNT, {"min_days_in_stage": 90}),
    (
        "how many deals have we had with Initech overall, closed ones included?",
        COUNT,
        {"company": "Initech", "include_closed": True},
    ),
    (
        "how many of Grace's prospects are qualified to buy?",
        COUNT,
        {"owners": ["Grace"], "stages": ["qualifiedtobuy"]},
    ),
    # --- revenue, customers won, win rate, deal size, cycle ------------------------------------------------------------
    ("how much revenue did we close last quarter?", CLOSED, {"metric": "won_amount", "period": "last_quarter"}),
    ("what's my win rate so far this year?", CLOSED, {"metric": "win_rate", "owners": ["me"], "period": "ytd"}),
    ("how many new customers did we sign in November?", CLOSED, {"metric": "won_count", "period": "past_month:11"}),
    (
        "average deal size for our enterprise customers this year",
        CLOSED,
        {"metric": "avg_deal_size", "segment": "enterprise", "period": "this_year"},
    ),
    ("on average, how long does it take us to get a deal from created to signed?", CLOSED, {"metric": "cycle_time"}),
    ("win rate for each rep in Q3", CLOSED, {"metric": "win_rate", "by": "owner", "period": "past_q:3"}),
    ("how many deals did we lose last month?", CLOSED, {"metric": "lost_count", "period": "last_month"}),
    ("revenue month by month so far this year", CLOSED, {"metric": "won_amount", "by": "month", "period": "ytd"}),
    (
        "how much has Team West brought in this quarter?",
        CLOSED,
        {"metric": "won_amount", "owners": ["Team West"], "period": "qtd"},
    ),
    ("what's our win rate with healthcare companies?", CLOSED, {"metric": "win_rate", "segment": "Healthcare"}),
    (
        "how many deals did Jamal close out in October - wins and losses both",
        CLOSED,
        {"metric": "closed_count", "owners": ["Jamal"], "period": "past_month:10"},
    ),
    (
        "how long are mid-market deals taking to close, looking at the last 90 days?",
        CLOSED,
        {"metric": "cycle_time", "segment": "mid_market", "period": "last_90_days"},
    ),
    (
        "which industries brought in the most revenue this year?",
        CLOSED,
        {"metric": "won_amount", "by": "industry", "period": "this_year"},
    ),
    (
        "Helen asking: bookings by team for last quarter",
        CLOSED,
        {"metric": "won_amount", "by": "team", "period": "last_quarter"},
    ),
    # --- where an account stands ---------------------------------------------------------------------------------------
    ("what's going on with Acme?", LATEST, {"company": "Acme Corp"}),
    ("where are we at with Globx?", LATEST, {"company": "Globex"}),
    ("any updates on Initech?", LATEST, {"company": "Initech"}),
    ("catch me up on hooli", LATEST, {"company": "Hooli"}),
    ("status of umbrella corp?", LATEST, {"company": "Umbrella Corporation"}),
    ("where do things stand with vandelay", LATEST, {"company": "Vandelay Industries"}),
    ("what's been happening with wayne enterprize lately", LATEST, {"company": "Wayne Enterprises"}),
    ("new hire here - where is Dana with Stark Industries?", LATEST, {"company": "Stark Industries"}),
    # --- ghosted / gone dark -------------------------------------------------------------------------------------------
    ("who's ghosted me?", SILENT, {"owners": ["me"]}),
    ("which of my prospects haven't gotten back to me in two weeks?", SILENT, {"owners": ["me"], "days": 14}),
    ("deals where the customer went dark for a month or more", SILENT, {"days": 30}),
    ("has anyone on Team West's deals gone quiet for 10+ days?", SILENT, {"owners": ["Team West"], "days": 10}),
    ("which accounts have stopped answering Luis?", SILENT, {"owners": ["Luis"]}),
    ("deals with no word from the buyer in 3 weeks", SILENT, {"days": 21}),
    ("are any of my buyers ignoring my emails?", SILENT, {"owners": ["me"]}),
    ("ghosted deals across the whole team, a week or longer", SILENT, {"days": 7}),
    # --- pipeline totals -----------------------------------------------------------------------------------------------
    ("what does my pipeline look like?", PIPE, {"owners": ["me"]}),
    ("how much is each salesperson carrying in open pipeline?", PIPE, {"by": "owner"}),
    ("break down Team West's open pipeline by stage", PIPE, {"owners": ["Team West"], "by": "stage"}),
    ("what's the team's total open pipeline, stage by stage?", PIPE, {"by": "stage"}),
    ("Helen here - show me open pipe per rep for Team East", PIPE, {"by": "owner", "owners": ["Team East"]}),
    ("how much pipeline does Jamal have and where is it sitting?", PIPE, {"owners": ["Jamal"]}),
    # --- which company is meant ----------------------------------------------------------------------------------------
    ("is there a company in here called Northpoint?", LOOKUP, {"company": "Northpoint"}),
    ("there's more than one Pineline in the system, right? which ones?", LOOKUP, {"company": "Pineline"}),
    ("does the CRM know a company named 'Redstone'?", LOOKUP, {"company": "Redstone"}),
    # --- who owns it, who's involved, who's the champion ---------------------------------------------------------------
    ("who handles Initek?", FACTS, {"company": "Initech", "fact": "owner"}),
    ("whose account is Wayne Enterprises?", FACTS, {"company": "Wayne Enterprises", "fact": "owner"}),
    ("who's rooting for us on the inside at Globex?", FACTS, {"company": "Globex", "fact": "champion"}),
    ("who's our champion over at Soylent?", FACTS, {"company": "Soylent", "fact": "champion"}),
    (
        "who are the people involved on the Umbrella deal and what are their roles?",
        FACTS,
        {"company": "Umbrella Corporation", "fact": "stakeholders"},
    ),
    (
        "SE here - who are the contacts on the Stark deal, titles and all?",
        FACTS,
        {"company": "Stark Industries", "fact": "stakeholders"},
    ),
    ("who's the rep on Cyberdyne?", FACTS, {"company": "Cyberdyne Systems", "fact": "owner"}),
    # --- deals in trouble ----------------------------------------------------------------------------------------------
    ("which of my accounts are in trouble?", RISK, {"owners": ["me"]}),
    ("anything at risk on Team West?", RISK, {"owners": ["Team West"]}),
    ("is the Hooli deal in danger?", RISK, {"company": "Hooli"}),
    ("what deals should I be worried about?", RISK, {"owners": ["me"]}),
    ("red flags on Carlos's deals?", RISK, {"owners": ["Carlos"]}),
    ("which deals across the team look shaky right now, and why?", RISK, {}),
    ("is anything wrong with the Acme deal? any warning signs?", RISK, {"company": "Acme Corp"}),
    # --- the day -------------------------------------------------------------------------------------------------------
    ("what's on my plate today?", DAY, {}),
    ("what should I focus on this morning?", DAY, {}),
    ("I'm shadowing Dana - what does her day look like?", DAY, {"owners": ["Dana"]}),
    ("what's Jamal got going on today?", DAY, {"owners": ["Jamal"]}),
    ("any meetings or overdue to-dos I need to deal with today?", DAY, {}),
    ("where should I start today?", DAY, {}),
    # --- what was said -------------------------------------------------------------------------------------------------
    (
        "did anyone at Acme Corp mention a budget freeze?",
        CONV,
        {"query": "budget freeze", "company": "Acme Corp"},
    ),
    (
        "has anybody brought up DataPilot in emails since November?",
        CONV,
        {"query": "DataPilot", "kinds": ["email"], "since": "2026-11-01"},
    ),
    (
        "what did Globex say about security on our calls?",
        CONV,
        {"query": "security", "company": "Globex", "kinds": ["call"]},
    ),
    ("SE here - has any customer talked about SOC 2 anywhere?", CONV, {"query": "SOC 2"}),
    (
        "search the notes for anything about procurement at Initech",
        CONV,
        {"query": "procurement", "company": "Initech", "kinds": ["note"]},
    ),
    (
        "what has Hooli said about pricing since Oct 15?",
        CONV,
        {"query": "pricing", "company": "Hooli", "since": "2026-10-15"},
    ),
    (
        "did the Stark Industries people say anything about onboarding timelines?",
        CONV,
        {"query": "onboarding timelines", "company": "Stark Industries"},
    ),
    # --- meeting prep --------------------------------------------------------------------------------------------------
    ("I've got a call with Cyberdine in an hour, prep me", BRIEF, {"company": "Cyberdyne Systems"}),
    ("give me a one-pager on Soylent before my meeting", BRIEF, {"company": "Soylent"}),
    ("prep me for the Greenfield Group meeting tomorrow", BRIEF, {"company": "Greenfield Group"}),
    ("what should I know before I walk into Northwood Foods?", BRIEF, {"company": "Northwood Foods"}),
    ("brief me on skyhaven consulting", BRIEF, {"company": "Skyhaven Consulting"}),
    (
        "meeting Pinegate Foods Thursday - can you pull together background, who's who and some good questions to ask?",
        BRIEF,
        {"company": "Pinegate Foods"},
    ),
    # --- the last call -------------------------------------------------------------------------------------------------
    ("how did the last call with Acme go?", CALL, {"company": "Acme Corp"}),
    ("recap of the most recent birchwave retial call", CALL, {"company": "Birchwave Retail"}),
    ("what happened on the Cloudport call yesterday?", CALL, {"company": "Cloudport Security"}),
    ("what came out of the last Amberwave Bio call?", CALL, {"company": "Amberwave Bio"}),
    ("I missed the Swiftwood Learning call, what did I miss?", CALL, {"company": "Swiftwood Learning"}),
    (
        "give me the rundown of our latest Keenrock Robotics call - pains, next steps",
        CALL,
        {"company": "Keenrock Robotics"},
    ),
    # --- how to answer an objection ------------------------------------------------------------------------------------
    ("how do the good reps handle pricing pushback?", OBJ, {"query": "pricing pushback", "category": "pricing"}),
    (
        "customer is nervous about security - what answers have worked on deals we won?",
        OBJ,
        {"query": "nervous about security", "category": "security"},
    ),
    ("need a talk track for a CFO", OBJ, {"query": "talk track for a CFO"}),
    (
        "they said 'we already have a tool for that' - how have other reps answered that one?",
        OBJ,
        {"query": "we already have a tool for that", "category": "already_have_tool"},
    ),
    ("got a timing objection from a buyer, what's worked before?", OBJ, {"query": "timing", "category": "timing"}),
    (
        "what do we say when a prospect brings up a competitor?",
        OBJ,
        {"query": "prospect brings up a competitor", "category": "competitor"},
    ),
    # --- inbound leads -------------------------------------------------------------------------------------------------
    ("any new inbound leads worth calling?", LEAD, {}),
    ("how does the Goldmark Telecom lead look?", LEAD, {"company": "Goldmark Telecom"}),
    ("what score did the cedarpoint financial inbound get?", LEAD, {"company": "cedarpoint financial"}),
    ("is the lead from Skywood Pay any good?", LEAD, {"company": "Skywood Pay"}),
    (
        "can you rate this prospect for me: Maria Lopez, Head of Finance at Fernbrook Logistics, "
        "maria.lopez@fernbrooklogistics.com, about 250 people, budget around $60k, wants to buy this quarter",
        SCORE,
        {
            "company": "Fernbrook Logistics",
            "contact_email": "maria.lopez@fernbrooklogistics.com",
            "contact_title": "Head of Finance",
            "employee_count": 250,
            "budget": "$60k",
            "timeline": "this quarter",
        },
    ),
    (
        "score this one: Tidewater Labs, contact jt.ops@gmail.com, 15 employees, their note says 'just browsing'",
        SCORE,
        {
            "company": "Tidewater Labs",
            "contact_email": "jt.ops@gmail.com",
            "employee_count": 15,
            "notes": "just browsing",
        },
    ),
    (
        "new website lead - Quillon Health, sarah.kim@quillonhealth.com, 1,200 employees, asking about forecasting, "
        "wants something live in 6 months. is it a good one?",
        SCORE,
        {
            "company": "Quillon Health",
            "contact_email": "sarah.kim@quillonhealth.com",
            "employee_count": 1200,
            "interest_area": "forecasting",
            "timeline": "6 months",
        },
    ),
    # --- who buys, why they buy ----------------------------------------------------------------------------------------
    ("who actually buys our stuff? like what kind of people", PERSONA, {}),
    ("what do finance approvers care about?", PERSONA, {"persona": "Finance approver"}),
    (
        "what does the technical evaluator on our won deals usually care about?",
        PERSONA,
        {"persona": "Technical evaluator"},
    ),
    ("why do customers actually buy from us?", PAIN, {}),
    ("what problems are we solving for people?", PAIN, {}),
    ("SE here - what headaches did our customers have before they bought?", PAIN, {}),
    # --- objections overall and lately ---------------------------------------------------------------------------------
    ("which objections cost us the most deals?", OMAP, {}),
    ("when pricing comes up, how often do we still win?", OMAP, {"category": "pricing"}),
    ("how badly do security concerns hurt our win rate?", OMAP, {"category": "security"}),
    ("big picture on objections: what comes up, how often, and how those deals end", OMAP, {}),
    ("what pushback did we hear on calls this week?", OWEEK, {}),
    ("what objections came up in the last 30 days?", OWEEK, {"days": 30}),
    ("what have prospects been pushing back on in calls over the past two weeks?", OWEEK, {"days": 14}),
    ("any new objections popping up lately?", OWEEK, {}),
    # --- competitors ---------------------------------------------------------------------------------------------------
    ("how do we beat DataPilot?", BATTLE, {"competitor": "DataPilot"}),
    ("they're also looking at Metricly - what do I need to know to win?", BATTLE, {"competitor": "Metricly"}),
    ("do we have a cheat sheet against Quantix?", BATTLE, {"competitor": "Quantix"}),
    ("what's our track record against Chartwell BI?", BATTLE, {"competitor": "Chartwell BI"}),
    ("SE here - how do we stack up against Lookwise, and where do they beat us?", BATTLE, {"competitor": "Lookwise"}),
    # --- dead deals: why, and which to bring back ----------------------------------------------------------------------
    ("why are we losing so many deals?", LOSS, {}),
    ("why have my deals died?", LOSS, {"owner": "me"}),
    ("why has Tyler been losing deals?", LOSS, {"owner": "Tyler"}),
    ("main reasons deals fall through for us", LOSS, {}),
    ("any dead deals worth another shot?", REVIVE, {}),
    ("which of my lost deals could I bring back?", REVIVE, {"owner": "me"}),
    ("top 10 lost deals we should try to win back", REVIVE, {"limit": 10}),
    ("which lost opportunities of Megan's are worth reopening?", REVIVE, {"owner": "Megan"}),
    # --- odds of one account -------------------------------------------------------------------------------------------
    ("what are the chances we close Initech?", ODDS, {"company": "Initech"}),
    ("will Hooli sign, do you think?", ODDS, {"company": "Hooli"}),
    ("how likely is the Acme deal to actually happen?", ODDS, {"company": "Acme Corp"}),
    ("is Umbrella going to come through for us?", ODDS, {"company": "Umbrella Corporation"}),
    ("what's the probability we win Wayne Enterprises?", ODDS, {"company": "Wayne Enterprises"}),
    # --- forecast and the deals that swing it --------------------------------------------------------------------------
    ("what are we going to book this quarter?", FORECAST, {"period": "quarter"}),
    ("how much am I likely to bring in this month?", FORECAST, {"period": "month", "owners": ["me"]}),
    ("what's Team East's forecast for the quarter?", FORECAST, {"period": "quarter", "owners": ["Team East"]}),
    ("projected revenue for December?", FORECAST, {"period": "month"}),
    ("where's Aisha going to land this quarter?", FORECAST, {"period": "quarter", "owners": ["Aisha"]}),
    ("what number will we hit by the end of the month, realistically?", FORECAST, {"period": "month"}),
    ("which deals could swing our quarter either way?", MOB, {}),
    (
        "the 3 deals that will decide whether I hit my number this month",
        MOB,
        {"period": "month", "owners": ["me"], "limit": 3},
    ),
    ("biggest coin-flip deals for Team West this quarter", MOB, {"owners": ["Team West"], "period": "quarter"}),
    ("which big, uncertain deals could move our forecast this month?", MOB, {"period": "month"}),
    # --- how a rep is doing --------------------------------------------------------------------------------------------
    ("how am I doing compared to the rest of the team?", PERF, {"owners": ["me"]}),
    ("compare Jamal and Emily", PERF, {"owners": ["Jamal", "Emily"]}),
    ("how's Luis Ortega performing this quarter?", PERF, {"owners": ["Luis Ortega"]}),
    (
        "Helen here - how is Grace tracking against the team, and what should I coach her on?",
        PERF,
        {"owners": ["Grace"]},
    ),
    ("what's my pipeline coverage looking like vs everyone else?", PERF, {"owners": ["me"]}),
    ("put Dana and Kenji side by side", PERF, {"owners": ["Dana", "Kenji"]}),
    # --- not answered by a capability as asked -------------------------------------------------------------------------
    ("what can this thing do?", None, {"intent": "help"}),
    ("I'm new here - what kinds of questions can I ask you?", None, {"intent": "help"}),
    ("how do I use this bot?", None, {"intent": "help"}),
    ("move the Initech deal to closed won", None, {"intent": "write"}),
    ("send a follow-up email to our contact at Hooli", None, {"intent": "write"}),
    ("book a meeting with Globex for next Tuesday at 2pm", None, {"intent": "write"}),
    ("push the close date on the Acme deal to Jan 15", None, {"intent": "write"}),
    ("what's Acme Corp's stock price today?", None, {"intent": "out_of_scope"}),
    ("what's my quota for next year?", None, {"intent": "out_of_scope"}),
    ("which customers are up for renewal in Q1?", None, {"intent": "out_of_scope"}),
    ("pull up the Globex CFO's LinkedIn profile", None, {"intent": "out_of_scope"}),
    ("what are the odds on it?", None, {"intent": "clarify"}),
    ("how's the deal going?", None, {"intent": "clarify"}),
    ("show me my healthcare deals over 50k", None, {"intent": "unsupported_filter"}),
    ("which ghosted deals are worth more than 100k?", None, {"intent": "unsupported_filter"}),
    ("open deals in EMEA closing this quarter", None, {"intent": "unsupported_filter"}),
]
