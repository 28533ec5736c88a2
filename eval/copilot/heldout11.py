# ruff: noqa: E501
# Held-out set 11: written blind and sealed (outside the repository, nobody working on understanding read it) until
# its first run on commit 3663874: 86.9% (139/160) capability+args right, 12 confident wrong, 6 clarified.
# It is no longer held out. Not in the classifier's training set.
"""Held-out question set 11 for the Sales OS copilot: Dana Whitfield's Monday.

Who asks and how: every question is asked as Dana Whitfield (AE, Team East) on Monday 7 Dec 2026
(America/New_York). About half are typed on her phone between meetings: terse, lower case, no punctuation,
abbreviations (opp, pipe, q4, eod, w/, >, <, k, mm), autocorrect and voice-dictation slips, misspelled names. The other
half are typed at her desk on Monday morning while she plans the week and prepares the team meeting: longer, several
filters at once, questions about teammates and Team West for comparison, and manager-style numbers she was asked to
pull. Some questions name a company, a competitor, a contact's role or an objection in her own words.

Provenance: written blind by a helper session (an LLM) from /work/blind/capabilities.md, /work/blind/names.md,
/work/blind/conventions.md and the scoring functions `period_dates`, `closed_period`, `canonical`, `only_left_out`,
`no_tool_right` and `run` of eval/copilot/__init__.py only. The author did not read the copilot's code, its tests, its
docs or any other question set, and ran nothing (beyond a syntax check of this file).

Label conventions (as in conventions.md):
- each case is (question as typed, capability that must answer it or None, the arguments a right answer needs);
- "me"/"my"/"I" = Dana Whitfield → owners ["me"]; other owners as typed (first name, full name or team name),
  a misspelled name labelled with the real one; no owner ("we", "our", the team) → owners left out;
- periods as evaluator tokens in `period` (closing periods for search_deals / count_deals, past periods for
  get_closed_deal_metrics); explicit ISO dates for search_conversations' `since`;
- amounts in USD as numbers; stages by CRM key; companies by the name they should resolve to (for lookup_company,
  get_lead_score and score_lead: as typed);
- only the arguments the question gives or clearly implies; defaults left out;
- capability None → {"intent": X}, X one of help, out_of_scope, write, clarify, unsupported_filter.
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
DAY = "get_my_day"
CONVO = "search_conversations"
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
    # --- search_deals -------------------------------------------------------------------------------------------
    ("my opps closing this wk", SEARCH, {"owners": ["me"], "period": "this_week"}),
    ("show tylers deals in contract scent", SEARCH, {"owners": ["tyler"], "stages": ["contractsent"]}),
    ("anything of mine closing by eom over 50k", SEARCH, {"owners": ["me"], "period": "eom", "min_amount": 50000}),
    (
        "For the team meeting, can you pull Team West's top 5 deals that are expected to close in Q1 next year?",
        SEARCH,
        {"owners": ["Team West"], "period": "q1", "limit": 5},
    ),
    (
        "Which of my deals have been sitting in Presentation scheduled for more than 30 days? I want to clean them up before Helen's pipeline review.",
        SEARCH,
        {"owners": ["me"], "stages": ["presentationscheduled"], "min_days_in_stage": 30},
    ),
    (
        "Can you list every open opportunity we have at Ironstack Networks, with stage and close date? I want to plan my week around them.",
        SEARCH,
        {"company": "Ironstack Networks"},
    ),
    (
        "I need Megan's and Carlos's deals closing next month that are worth more than $75k, biggest first.",
        SEARCH,
        {"owners": ["megan", "carlos"], "period": "next_month", "min_amount": 75000},
    ),
    ("my deals w close date in jan", SEARCH, {"owners": ["me"], "period": "month:1"}),
    (
        "Can you list Grace Okafor's open deals under $20k? She asked me to help her prioritize the small ones.",
        SEARCH,
        {"owners": ["grace okafor"], "max_amount": 20000},
    ),
    ("what do i have closing in the next 30 days", SEARCH, {"owners": ["me"], "period": "next_30_days"}),
    (
        "Show me every Southridge Freight deal we've had, including the won and lost ones, so I can see the history before my call with them.",
        SEARCH,
        {"company": "Southridge Freight", "include_closed": True},
    ),
    (
        "What are Jamal's 10 biggest open opportunities right now? I'm pairing with him on a couple of them this week.",
        SEARCH,
        {"owners": ["jamal"], "limit": 10},
    ),
    (
        "Pull the Team East deals in Decision maker bought in or Contract sent that close this quarter and are over $40k. I want to walk through them on Thursday.",
        SEARCH,
        {
            "owners": ["Team East"],
            "stages": ["decisionmakerboughtin", "contractsent"],
            "period": "this_quarter",
            "min_amount": 40000,
        },
    ),
    # --- count_deals --------------------------------------------------------------------------------------------
    ("how many opps do i have closing this month", COUNT, {"owners": ["me"], "period": "this_month"}),
    ("# of deals in contract sent rn > .25mm", COUNT, {"stages": ["contractsent"], "min_amount": 250000}),
    (
        "How many open deals over $100k does Team West have right now, and what do they add up to?",
        COUNT,
        {"owners": ["Team West"], "min_amount": 100000},
    ),
    (
        "how many of jamall's deals stuck in qualified to buy 3+ wks",
        COUNT,
        {"owners": ["jamal"], "stages": ["qualifiedtobuy"], "min_days_in_stage": 21},
    ),
    (
        "Helen asked me for a number: how many deals is the whole team expecting to close in Q1, and what's the total value?",
        COUNT,
        {"period": "q1"},
    ),
    (
        "How many of my open deals are under $25k? Helen thinks I have too many small ones in my pipeline.",
        COUNT,
        {"owners": ["me"], "max_amount": 25000},
    ),
    ("how many open deals does cedarworks pay have", COUNT, {"company": "Cedarworks Pay"}),
    (
        "For Team East, how many deals between $50k and $150k are slated to close between today and the end of the quarter?",
        COUNT,
        {"owners": ["Team East"], "min_amount": 50000, "max_amount": 150000, "period": "eoq"},
    ),
    (
        "how many deals luis got in presentation scheduled or dm bought in",
        COUNT,
        {"owners": ["luis"], "stages": ["presentationscheduled", "decisionmakerboughtin"]},
    ),
    (
        "How many deals have we had with Acme Corp in total, counting the won and lost ones too?",
        COUNT,
        {"company": "Acme Corp", "include_closed": True},
    ),
    # --- get_closed_deal_metrics ---------------------------------------------------------------------------------
    ("how much did we win last qtr", CLOSED, {"metric": "won_amount", "period": "last_quarter"}),
    ("team west win rate ytd", CLOSED, {"owners": ["Team West"], "metric": "win_rate", "period": "ytd"}),
    (
        "How many deals did I close in November? Helen wants everyone's November numbers for the meeting.",
        CLOSED,
        {"owners": ["me"], "metric": "won_count", "period": "past_month:11"},
    ),
    (
        "Can you give me win rate by rep for this year? Helen wants it on a slide for the team meeting.",
        CLOSED,
        {"metric": "win_rate", "by": "owner", "period": "this_year"},
    ),
    (
        "What's our average won deal size on enterprise accounts (1000+ employees) so far this year?",
        CLOSED,
        {"metric": "avg_deal_size", "segment": "enterprise", "period": "ytd"},
    ),
    (
        "What was the average sales cycle, in days, on the Healthcare deals we won last year? I want to compare it with what I'm seeing now.",
        CLOSED,
        {"metric": "cycle_time", "segment": "Healthcare", "period": "last_year"},
    ),
    (
        "For the retro: how many deals did we lose in Q3, July through September?",
        CLOSED,
        {"metric": "lost_count", "period": "past_q:3"},
    ),
    (
        "Break down what we booked this year month by month, please.",
        CLOSED,
        {"metric": "won_amount", "by": "month", "period": "this_year"},
    ),
    (
        "Comparing the two teams: what's Team East's win rate versus Team West's this quarter so far?",
        CLOSED,
        {"metric": "win_rate", "by": "team", "period": "qtd"},
    ),
    (
        "How much has Jamal booked so far this month? He's been on a run and I want to call it out at the team meeting.",
        CLOSED,
        {"owners": ["jamal"], "metric": "won_amount", "period": "mtd"},
    ),
    (
        "For Team East over the last 90 days, how many deals got closed out either way, won or lost?",
        CLOSED,
        {"owners": ["Team East"], "metric": "closed_count", "period": "last_90_days"},
    ),
    (
        "What was our win rate on mid-market accounts, 200 to 999 employees, last quarter?",
        CLOSED,
        {"metric": "win_rate", "segment": "mid_market", "period": "last_quarter"},
    ),
    (
        "my avg cycle time this yr days from create to won",
        CLOSED,
        {"owners": ["me"], "metric": "cycle_time", "period": "this_year"},
    ),
    (
        "Which industries brought in the most won revenue last quarter? I'd like the breakdown by industry.",
        CLOSED,
        {"metric": "won_amount", "by": "industry", "period": "last_quarter"},
    ),
    # --- get_latest_on_company -----------------------------------------------------------------------------------
    ("acme whats new", LATEST, {"company": "Acme Corp"}),
    ("status cedar works pay", LATEST, {"company": "Cedarworks Pay"}),
    ("where are we w globex", LATEST, {"company": "Globex"}),
    (
        "Before my 1:1 with Helen, can you catch me up on where Harborstone Therapeutics stands: deals, last touches, next meeting?",
        LATEST,
        {"company": "Harborstone Therapeutics"},
    ),
    (
        "Megan is working Stark Industries and I might get pulled in. What's the latest on that account?",
        LATEST,
        {"company": "Stark Industries"},
    ),
    ("quantstak theraputics status?", LATEST, {"company": "Quantstack Therapeutics"}),
    (
        "Where does Initech stand right now? Emily mentioned it in standup and I want to be up to speed before I pitch in.",
        LATEST,
        {"company": "Initech"},
    ),
    ("update on truegrid", LATEST, {"company": "Truegrid Capital"}),
    (
        "What's the current state of play with Vectorstone Systems, including any open tasks I still have on it?",
        LATEST,
        {"company": "Vectorstone Systems"},
    ),
    # --- get_deal_facts ------------------------------------------------------------------------------------------
    ("whos our champ at acme", FACTS, {"company": "Acme Corp", "fact": "champion"}),
    ("whose deal is globex", FACTS, {"company": "Globex", "fact": "owner"}),
    (
        "Who are the stakeholders on the Amberwave Bio deal, and what role does each of them play?",
        FACTS,
        {"company": "Amberwave Bio", "fact": "stakeholders"},
    ),
    ("whos the ae on stark industries", FACTS, {"company": "Stark Industries", "fact": "owner"}),
    (
        "Who do we have mapped as champion at Cedarworks Pay? I need someone inside to help me get the CFO on a call.",
        FACTS,
        {"company": "Cedarworks Pay", "fact": "champion"},
    ),
    # --- list_at_risk_deals --------------------------------------------------------------------------------------
    ("which of my deals are at risk", RISK, {"owners": ["me"]}),
    (
        "For comparison with our side, which Team West deals are currently at risk, and why?",
        RISK,
        {"owners": ["Team West"]},
    ),
    ("anything at risk w acme", RISK, {"company": "Acme Corp"}),
    (
        "Which of Emily's deals are flagged as at risk, and what's driving it? I'm covering her accounts next week.",
        RISK,
        {"owners": ["emily"]},
    ),
    (
        "Across the whole team, which deals are most at risk right now? Riskiest first, with the reasons, please.",
        RISK,
        {},
    ),
    ("red flags on cedarworks?", RISK, {"company": "Cedarworks Pay"}),
    (
        "Jamal and Luis are both out Wednesday. Which of their deals are in trouble so I can keep an eye on them?",
        RISK,
        {"owners": ["jamal", "luis"]},
    ),
    (
        "Can you run a deal health check on my open deals and tell me which ones are in danger and what I should do about each?",
        RISK,
        {"owners": ["me"]},
    ),
    # --- get_my_day ----------------------------------------------------------------------------------------------
    ("whats on my plate today", DAY, {"owners": ["me"]}),
    ("how does my day look", DAY, {"owners": ["me"]}),
    ("What does Luis have on today? I'm trying to find a slot to shadow one of his calls.", DAY, {"owners": ["luis"]}),
    ("wat do i need to get done by eod", DAY, {"owners": ["me"]}),
    (
        "Can you give me Grace's day, her meetings and anything overdue? She asked me to cover for her this afternoon.",
        DAY,
        {"owners": ["grace"]},
    ),
    # --- list_silent_deals ---------------------------------------------------------------------------------------
    ("whos ghosting me", SILENT, {"owners": ["me"]}),
    ("my deals gone quiet 2+ wks", SILENT, {"owners": ["me"], "days": 14}),
    (
        "Which Team West deals haven't heard anything back from the buyer in 10 days or more?",
        SILENT,
        {"owners": ["Team West"], "days": 10},
    ),
    (
        "Across the team, which deals have gone completely dark on the buyer side for a month or longer?",
        SILENT,
        {"days": 30},
    ),
    # --- summarize_pipeline --------------------------------------------------------------------------------------
    ("pipe by stage", PIPE, {"by": "stage"}),
    ("my pipe broken out by stage", PIPE, {"owners": ["me"], "by": "stage"}),
    (
        "Give me Team West's open pipeline split out by rep so I can put it next to ours.",
        PIPE,
        {"owners": ["Team West"], "by": "owner"},
    ),
    (
        "Can you show Team East's open pipeline by owner, count and dollar amount for each rep? It's for the Monday meeting.",
        PIPE,
        {"owners": ["Team East"], "by": "owner"},
    ),
    # --- lookup_company ------------------------------------------------------------------------------------------
    ("which company is aquaspring", LOOKUP, {"company": "aquaspring"}),
    ("is there an account called 'Initek' in the crm", LOOKUP, {"company": "Initek"}),
    (
        "Cedarpoint: is that the financial services one or the security one? Which accounts match that name?",
        LOOKUP,
        {"company": "Cedarpoint"},
    ),
    (
        "I think there are two Wolfspring accounts. Can you check which companies the name Wolfspring could mean?",
        LOOKUP,
        {"company": "Wolfspring"},
    ),
    # --- search_conversations ------------------------------------------------------------------------------------
    ("did acmes cfo push back on price on any call", CONVO, {"company": "Acme Corp", "kinds": ["call"]}),
    ("anyone mention data pilot in emails since nov 1", CONVO, {"kinds": ["email"], "since": "2026-11-01"}),
    (
        "Search our notes on Cedarworks Pay for anything about SSO or SOC 2. I need to know whether security has come up.",
        CONVO,
        {"company": "Cedarworks Pay", "kinds": ["note"]},
    ),
    (
        "Has anyone at Globex mentioned Quantix on a call, in an email or in a note? Kenji asked me before his meeting with them.",
        CONVO,
        {"company": "Globex"},
    ),
    (
        "What has the VP of Revenue Ops at Amberwave Bio said about integrating with Salesforce since October?",
        CONVO,
        {"company": "Amberwave Bio", "since": "2026-10-01"},
    ),
    (
        "any calls in the last 2 wks where someone mentioned a budget freeze",
        CONVO,
        {"kinds": ["call"], "since": "2026-11-23"},
    ),
    # --- get_company_brief ---------------------------------------------------------------------------------------
    ("prep me for northwood foods call", BRIEF, {"company": "Northwood Foods"}),
    ("brief ironstak networks", BRIEF, {"company": "Ironstack Networks"}),
    (
        "I'm meeting Acme's CIO on Thursday. Can you put together a one-pager so I walk in prepared?",
        BRIEF,
        {"company": "Acme Corp"},
    ),
    (
        "I need a pre-meeting brief on Truegrid Capital: who's involved, similar customers we've won, and good discovery questions.",
        BRIEF,
        {"company": "Truegrid Capital"},
    ),
    # --- get_call_summary ----------------------------------------------------------------------------------------
    ("recap of last call w southrige freight", CALL, {"company": "Southridge Freight"}),
    ("what happened on the most recent vectorstone call", CALL, {"company": "Vectorstone Systems"}),
    (
        "Can you summarize my last call with Keenpoint Bio: their pains, the objections and what we agreed as next steps?",
        CALL,
        {"company": "Keenpoint Bio"},
    ),
    ("tldr last cedarwood robotics call", CALL, {"company": "Cedarwood Robotics"}),
    # --- search_objection_handling -------------------------------------------------------------------------------
    ("how do i handle ur too expensive", HANDLE, {"category": "pricing"}),
    ("what do we say when they already use tableau for reporting", HANDLE, {"category": "already_have_tool"}),
    (
        "The prospect at Northwood Foods says the timing isn't right and to circle back next year. What have reps said in that spot on deals we ended up winning?",
        HANDLE,
        {"category": "timing"},
    ),
    (
        "their infosec team is nervous about where the data lives how have we answered that b4",
        HANDLE,
        {"category": "security"},
    ),
    (
        "The CFO keeps saying he needs sign-off from the board before anything moves. Any talk tracks that worked on won deals?",
        HANDLE,
        {"category": "authority"},
    ),
    # --- get_lead_score ------------------------------------------------------------------------------------------
    (
        "Can you show me the scores on the newest inbound leads? I want to grab the A-tier ones before the week fills up.",
        LEAD,
        {},
    ),
    ("score on the hooli lead", LEAD, {"company": "hooli"}),
    (
        "How hot is the inbound lead from Vandelay Industries? Trying to decide whether to take the meeting this week.",
        LEAD,
        {"company": "Vandelay Industries"},
    ),
    ("lead tier summitwood data", LEAD, {"company": "summitwood data"}),
    # --- score_lead ----------------------------------------------------------------------------------------------
    (
        "score this lead: Amberforge Studios, laura.das@amberforgestudios.com, CTO, ~400 employees, budget $60k, wants Insight Growth this quarter",
        SCORE,
        {"company": "Amberforge Studios", "contact_email": "laura.das@amberforgestudios.com"},
    ),
    (
        "can u score ambercrest capital alicia.lewis@gmail.com budget 10k timeline next yr",
        SCORE,
        {"company": "ambercrest capital", "contact_email": "alicia.lewis@gmail.com"},
    ),
    (
        "This came in through the website form, can you score it? Company: Goldleaf Foods. Email: procurement@goldleaffoods.com. Size 51-200. Budget $25k-$40k. Interested in the Forecasting Add-on, timeline Q1.",
        SCORE,
        {"company": "Goldleaf Foods", "contact_email": "procurement@goldleaffoods.com"},
    ),
    (
        "score lead frostleaf data it-team@frostleafdata.io 1200 employees evaluating vs datapilot budget tbd",
        SCORE,
        {"company": "frostleaf data", "contact_email": "it-team@frostleafdata.io"},
    ),
    # --- get_buyer_personas --------------------------------------------------------------------------------------
    (
        "For the team meeting: who actually buys from us? I'd like the buyer personas on our won deals and what each one cares about.",
        PERSONAS,
        {},
    ),
    (
        "What do technical evaluators care about, and how often are they involved in the deals we win?",
        PERSONAS,
        {"persona": "Technical evaluator"},
    ),
    ("finance approver persona what do they care about", PERSONAS, {"persona": "Finance approver"}),
    # --- get_pain_points -----------------------------------------------------------------------------------------
    ("what problems do we actually solve for customers", PAINS, {}),
    ("top pain points from won deals", PAINS, {}),
    (
        "I want to open the team meeting with why customers buy. What pains did the buyers on our won deals describe, with quotes?",
        PAINS,
        {},
    ),
    # --- get_objection_map ---------------------------------------------------------------------------------------
    (
        "Which objection categories hurt our win rate the most on closed deals? I want to pick one to role-play at the team meeting.",
        OBJMAP,
        {},
    ),
    ("win rate when security comes up on calls", OBJMAP, {"category": "security"}),
    (
        "How often does 'we already have a tool for that' come up on closed deals, and do we still win when it does?",
        OBJMAP,
        {"category": "already_have_tool"},
    ),
    # --- get_objections_this_week --------------------------------------------------------------------------------
    ("wat objections came up on calls this wk", OBJWEEK, {}),
    ("what pushback did we hear in the last 2 wks", OBJWEEK, {"days": 14}),
    (
        "Pull together the objections buyers raised on our calls over the last 30 days for the team meeting, and flag anything new.",
        OBJWEEK,
        {"days": 30},
    ),
    ("any new objections popping up on calls lately", OBJWEEK, {}),
    # --- get_battle_card -----------------------------------------------------------------------------------------
    ("battlecard datapilot", BATTLE, {"competitor": "DataPilot"}),
    ("metric lee keeps undercutting us any tips to win against them", BATTLE, {"competitor": "Metricly"}),
    (
        "Quantix came up on my Globex call. How do we usually do against them, and in which segments do we lose?",
        BATTLE,
        {"competitor": "Quantix"},
    ),
    (
        "Can I get the battle card for Chartwell BI? Want to share it with Jamal before his demo.",
        BATTLE,
        {"competitor": "Chartwell BI"},
    ),
    ("whats our win rate vs lookwize", BATTLE, {"competitor": "Lookwise"}),
    # --- get_loss_reasons ----------------------------------------------------------------------------------------
    ("y do we keep losing deals", LOSS, {}),
    (
        "Looking at my own closed-lost deals, what are the main reasons I lose? I want to bring one lesson to the team meeting.",
        LOSS,
        {"owner": "me"},
    ),
    (
        "What are the main reasons Carlos's deals end up closed lost? Curious how West compares for the team meeting.",
        LOSS,
        {"owner": "carlos"},
    ),
    ("Across the team, what are the top reasons deals get lost: competitor, price, timing, something else?", LOSS, {}),
    # --- get_reactivation_list -----------------------------------------------------------------------------------
    ("any dead deals worth another shot", REVIVE, {}),
    ("which of my lost deals should i try to revive", REVIVE, {"owner": "me"}),
    (
        "Give me the top 10 closed-lost deals we should try to win back, with who to contact at each.",
        REVIVE,
        {"limit": 10},
    ),
    (
        "Kenji asked which of his lost deals are worth reopening. Can you pull his reactivation list with a plan for each?",
        REVIVE,
        {"owner": "kenji"},
    ),
    # --- get_deal_odds -------------------------------------------------------------------------------------------
    ("odds on acme", ODDS, {"company": "Acme Corp"}),
    ("will we win cedarworks pay", ODDS, {"company": "Cedarworks Pay"}),
    (
        "What are the chances we actually close Harbor Stone Therapeutics, and what's driving that number?",
        ODDS,
        {"company": "Harborstone Therapeutics"},
    ),
    (
        "Truegrid Capital is my biggest deal this quarter. What's the likelihood we close it, and what's pulling the number down?",
        ODDS,
        {"company": "Truegrid Capital"},
    ),
    # --- forecast_bookings ---------------------------------------------------------------------------------------
    ("where r we landing this q forecast", FORECAST, {"period": "quarter"}),
    (
        "What is Team West expected to book this month, including what they've already closed?",
        FORECAST,
        {"owners": ["Team West"], "period": "month"},
    ),
    (
        "What's my forecast for December, counting what's already won plus what's likely to land?",
        FORECAST,
        {"owners": ["me"], "period": "month"},
    ),
    (
        "What are Team East's expected bookings for the quarter, with the range? Helen wants it before the meeting.",
        FORECAST,
        {"owners": ["Team East"], "period": "quarter"},
    ),
    # --- list_make_or_break_deals --------------------------------------------------------------------------------
    ("which deals decide our quarter", SWING, {}),
    ("top 3 swing deals for me this month", SWING, {"owners": ["me"], "period": "month", "limit": 3}),
    (
        "For Team East, which open deals would move this quarter's number the most depending on which way they go?",
        SWING,
        {"owners": ["Team East"]},
    ),
    # --- get_ae_performance --------------------------------------------------------------------------------------
    (
        "How is Jamal doing this quarter compared with the team? He asked me for some peer feedback.",
        PERF,
        {"owners": ["jamal"]},
    ),
    ("me vs emily how r we stacking up", PERF, {"owners": ["me", "emily"]}),
    (
        "How am I tracking against the rest of the team this quarter on win rate, cycle time and deal size?",
        PERF,
        {"owners": ["me"]},
    ),
    ("how r tyler and meghan doing vs the team", PERF, {"owners": ["tyler", "megan"]}),
    # --- no capability -------------------------------------------------------------------------------------------
    ("what can u do", None, {"intent": "help"}),
    ("Hi! I'm new to this bot. What kinds of questions can I ask it?", None, {"intent": "help"}),
    ("how do i use the slash commands", None, {"intent": "help"}),
    ("weather in boston tmrw", None, {"intent": "out_of_scope"}),
    ("What's HubSpot's stock price doing today?", None, {"intent": "out_of_scope"}),
    ("how many pto days do i have left", None, {"intent": "out_of_scope"}),
    ("move acme to contract sent", None, {"intent": "write"}),
    (
        "Log a call with Cedarworks Pay: spoke to the CFO today, they want a revised quote by Friday.",
        None,
        {"intent": "write"},
    ),
    ("push truegrid close date to jan 15", None, {"intent": "write"}),
    ("Please create a task for me to follow up with Northwood Foods on Friday.", None, {"intent": "write"}),
    ("deals?", None, {"intent": "clarify"}),
    ("what about that one", None, {"intent": "clarify"}),
    ("numbers pls", None, {"intent": "clarify"}),
    ("my open healthcare deals", None, {"intent": "unsupported_filter"}),
    (
        "What's our win rate on partner-sourced deals this year compared with inbound ones?",
        None,
        {"intent": "unsupported_filter"},
    ),
    ("forecast for the forecasting add-on this q", None, {"intent": "unsupported_filter"}),
]
