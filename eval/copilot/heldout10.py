# ruff: noqa: E501  (one question per line)
# Held-out set 10: written blind and sealed (nobody working on understanding read it) until dev sets L-O were fixed,
# then run once on commit 2815395: first run 90.5% (181/200), 12 confident wrong, 6 clarified. Then its misses were
# fixed by family; it is no longer held out. Not in the classifier's training set.
"""Held-out set 10 of the copilot: Dana Whitfield's Slack week, with her manager's and a new hire's questions pasted in.

Who asks, and how: Dana Whitfield (AE, Team East) types to the copilot in Slack, but this week she also pastes in
questions her manager Helen Brooks and a new hire she is onboarding typed to her. The mix: short Slack-style questions
with typos and lower case, long multi-clause ones, slash-command style ("brief acme", "/salesos odds ..."), questions
about other AEs and Team West, manager-style questions (win rates, forecasts, performance, who is behind) and the new
hire's naive questions, in words that do not know the tool's vocabulary ("what's a battle card for quantix", "what do
i say when they say its too expensive"). A pasted question keeps its prefix ("helen wants ...", "new hire asks: ...");
the manager and the new hire are not owners to filter on: every question is asked as Dana ("me"/"my" = Dana Whitfield).

Written blind by a helper session (an LLM) from /work/blind/capabilities.md (the capabilities and their argument
schemas, examples removed), /work/blind/names.md (the demo workspace's names), /work/blind/conventions.md (the
conventions below), the evaluator's `canonical()`, `period_dates()`, `closed_period()`, `only_left_out()`,
`no_tool_right()` and `run()` in eval/copilot/__init__.py, and lines 1-30 of eval/copilot/questions.py; without
reading the copilot's code, its tests, its docs or any other question set, and without running anything.

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
    # --- search_deals (18) -------------------------------------------------------------------------------------------
    ("my deals closing this month", DEALS, {"owners": ["me"], "period": "this_month"}),
    ("jamal's deals over 50k?", DEALS, {"owners": ["jamal"], "min_amount": 50000}),
    ("what deals do we have out for signature rn", DEALS, {"stages": ["contractsent"]}),
    ("team west deals closing by end of month", DEALS, {"owners": ["Team West"], "period": "eom"}),
    ("top 5 deals in the pipe", DEALS, {"limit": 5}),
    (
        "show me grace okafor's deals stuck in decision maker bought in for more than 3 weeks",
        DEALS,
        {"owners": ["grace okafor"], "stages": ["decisionmakerboughtin"], "min_days_in_stage": 21},
    ),
    ("list the hooli deals", DEALS, {"company": "Hooli"}),
    (
        "deals between 20k and 75k closing next month",
        DEALS,
        {"min_amount": 20000, "max_amount": 75000, "period": "next_month"},
    ),
    ("whats closing for me in the next 30 days", DEALS, {"owners": ["me"], "period": "next_30_days"}),
    ("carlos's deals at the presentation stage", DEALS, {"owners": ["carlos"], "stages": ["presentationscheduled"]}),
    ("luis open deals under 10k", DEALS, {"owners": ["luis"], "max_amount": 10000}),
    ("megan + tyler deals closing q1", DEALS, {"owners": ["megan", "tyler"], "period": "q1"}),
    ("umbrella corp deals incl the closed ones", DEALS, {"company": "Umbrella Corporation", "include_closed": True}),
    ("10 biggest open deals on team east", DEALS, {"owners": ["Team East"], "limit": 10}),
    ("deals closing in january over 100k", DEALS, {"period": "month:1", "min_amount": 100000}),
    (
        "which of my deals have been sitting in qualified to buy for 60+ days",
        DEALS,
        {"owners": ["me"], "stages": ["qualifiedtobuy"], "min_days_in_stage": 60},
    ),
    ("kenji's deals closing this week", DEALS, {"owners": ["kenji"], "period": "this_week"}),
    (
        "can you pull every deal jamal has in contract sent that's worth more than 40k, i want to see which ones he "
        "can actually get over the line before the end of the month",
        DEALS,
        {"owners": ["jamal"], "stages": ["contractsent"], "min_amount": 40000, "period": "eom"},
    ),
    # --- count_deals (9) ---------------------------------------------------------------------------------------------
    ("how many deals we got open atm", COUNT, {}),
    ("how many deals at the contract stage", COUNT, {"stages": ["contractsent"]}),
    ("# of my deals over 25k", COUNT, {"owners": ["me"], "min_amount": 25000}),
    (
        "helen wants to know how many deals team west has closing this quarter",
        COUNT,
        {"owners": ["Team West"], "period": "this_quarter"},
    ),
    ("how many deals is aisha carrying right now", COUNT, {"owners": ["aisha"]}),
    ("count of deals closing in the next 2 weeks", COUNT, {"period": "next_14_days"}),
    ("how many open deals do we have with acme", COUNT, {"company": "Acme Corp"}),
    (
        "how many deals have been sitting in presentation scheduled for 45 days or more",
        COUNT,
        {"stages": ["presentationscheduled"], "min_days_in_stage": 45},
    ),
    ("number and total value of deals under 5k", COUNT, {"max_amount": 5000}),
    # --- list_silent_deals (8) ---------------------------------------------------------------------------------------
    ("which of my deals went quiet", SILENT, {"owners": ["me"]}),
    ("deals where the buyer hasnt replied in 2 weeks", SILENT, {"days": 14}),
    ("anyone ghosting jamal? 10+ days", SILENT, {"owners": ["jamal"], "days": 10}),
    ("team west deals gone dark 30+ days", SILENT, {"owners": ["Team West"], "days": 30}),
    ("silent deals", SILENT, {}),
    ("which of emily's buyers have gone silent for a week or more", SILENT, {"owners": ["emily"], "days": 7}),
    (
        "so my manager wants me to figure out which of my deals have had no buyer response for at least 10 days "
        "because she thinks i'm not following up enough",
        SILENT,
        {"owners": ["me"], "days": 10},
    ),
    ("silent deals for luis and grace, 5 days+", SILENT, {"owners": ["luis", "grace"], "days": 5}),
    # --- get_latest_on_company (8) -----------------------------------------------------------------------------------
    ("where do things stand w/ globx", LATEST, {"company": "Globex"}),
    ("any movement on the stark deal?", LATEST, {"company": "Stark Industries"}),
    ("catch me up on wayne enterprises pls", LATEST, {"company": "Wayne Enterprises"}),
    ("/salesos latest initech", LATEST, {"company": "Initech"}),
    ("where are we with umbrela", LATEST, {"company": "Umbrella Corporation"}),
    ("whats new on the cyberdyne account", LATEST, {"company": "Cyberdyne Systems"}),
    ("latest w/ northwood foods", LATEST, {"company": "Northwood Foods"}),
    ("helen's asking where things are at with vandelay", LATEST, {"company": "Vandelay Industries"}),
    # --- summarize_pipeline (7) --------------------------------------------------------------------------------------
    ("pipeline by stage", PIPE, {"by": "stage"}),
    ("pipe by rep", PIPE, {"by": "owner"}),
    ("what does my pipeline look like", PIPE, {"owners": ["me"]}),
    ("team west pipeline broken out by owner", PIPE, {"owners": ["Team West"], "by": "owner"}),
    ("how much open pipe does jamal have in each stage", PIPE, {"owners": ["jamal"], "by": "stage"}),
    ("helen wants open pipeline per AE for team east", PIPE, {"owners": ["Team East"], "by": "owner"}),
    ("give me the pipeline summary", PIPE, {}),
    # --- lookup_company (4) ------------------------------------------------------------------------------------------
    ("which company is 'skypath'?", LOOKUP, {"company": "skypath"}),
    ("do we have a company called stormfield in the crm", LOOKUP, {"company": "stormfield"}),
    ("new hire asks if 'cedarpoint' is the financial one or the security one", LOOKUP, {"company": "cedarpoint"}),
    ("which account does pineline refer to", LOOKUP, {"company": "pineline"}),
    # --- get_closed_deal_metrics (17) --------------------------------------------------------------------------------
    ("what did we book in Q3", CLOSED, {"metric": "won_amount", "period": "past_q:3"}),
    ("win rates per AE this year", CLOSED, {"metric": "win_rate", "by": "owner", "period": "this_year"}),
    ("win rate by team for november", CLOSED, {"metric": "win_rate", "by": "team", "period": "past_month:11"}),
    (
        "how many deals did i close last month",
        CLOSED,
        {"metric": "won_count", "owners": ["me"], "period": "last_month"},
    ),
    ("avg deal size ytd", CLOSED, {"metric": "avg_deal_size", "period": "ytd"}),
    ("how long do enterprise deals take us to close", CLOSED, {"metric": "cycle_time", "segment": "enterprise"}),
    ("jamal's win rate this quarter", CLOSED, {"metric": "win_rate", "owners": ["jamal"], "period": "this_quarter"}),
    ("bookings by month this year", CLOSED, {"metric": "won_amount", "by": "month", "period": "this_year"}),
    (
        "win rate on healthcare accounts, last 90 days",
        CLOSED,
        {"metric": "win_rate", "segment": "Healthcare", "period": "last_90_days"},
    ),
    (
        "how much has team east booked so far this year",
        CLOSED,
        {"metric": "won_amount", "owners": ["Team East"], "period": "ytd"},
    ),
    (
        "ok so helen's prepping for the QBR and wants last quarter's closed-won revenue broken down by region, "
        "can you pull that",
        CLOSED,
        {"metric": "won_amount", "by": "region", "period": "last_quarter"},
    ),
    (
        "how many deals closed in october, won and lost both",
        CLOSED,
        {"metric": "closed_count", "period": "past_month:10"},
    ),
    (
        "avg won deal size by segment this year",
        CLOSED,
        {"metric": "avg_deal_size", "by": "segment", "period": "this_year"},
    ),
    ("EMEA win rate this qtr", CLOSED, {"metric": "win_rate", "segment": "EMEA", "period": "this_quarter"}),
    ("on average how many days from a deal being created to us signing it", CLOSED, {"metric": "cycle_time"}),
    (
        "how many did carlos lose last month",
        CLOSED,
        {"metric": "lost_count", "owners": ["carlos"], "period": "last_month"},
    ),
    ("revenue won by industry month to date", CLOSED, {"metric": "won_amount", "by": "industry", "period": "mtd"}),
    # --- get_deal_facts (7) ------------------------------------------------------------------------------------------
    ("whose deal is acme", FACTS, {"company": "Acme Corp", "fact": "owner"}),
    ("globex champ?", FACTS, {"company": "Globex", "fact": "champion"}),
    ("who's involved on the initech side", FACTS, {"company": "Initech", "fact": "stakeholders"}),
    ("which AE has hooli", FACTS, {"company": "Hooli", "fact": "owner"}),
    (
        "new hire asks: who are the contacts on the wayne enterprises deal and what does each of them do in the deal",
        FACTS,
        {"company": "Wayne Enterprises", "fact": "stakeholders"},
    ),
    ("who's our champion over at soylent", FACTS, {"company": "Soylent", "fact": "champion"}),
    ("who's on the buying committee at cyberdyne", FACTS, {"company": "Cyberdyne Systems", "fact": "stakeholders"}),
    # --- list_at_risk_deals (8) --------------------------------------------------------------------------------------
    ("which of my deals are in trouble", RISK, {"owners": ["me"]}),
    ("/salesos risk acme", RISK, {"company": "Acme Corp"}),
    ("anything at risk on team west?", RISK, {"owners": ["Team West"]}),
    ("is the stark industries deal at risk", RISK, {"company": "Stark Industries"}),
    ("jamal's riskiest deals", RISK, {"owners": ["jamal"]}),
    ("at-risk deals, whole team", RISK, {}),
    ("which of megan foster's deals are slipping and why", RISK, {"owners": ["megan foster"]}),
    ("risk check on umbrella", RISK, {"company": "Umbrella Corporation"}),
    # --- get_my_day (6) ----------------------------------------------------------------------------------------------
    ("what should i focus on today", DAY, {}),
    ("plan my day", DAY, {}),
    ("what's jamal got going on today", DAY, {"owners": ["jamal"]}),
    ("anything on my plate today i'm forgetting?", DAY, {}),
    ("helen wants to look at grace's day", DAY, {"owners": ["grace"]}),
    ("kenji's day?", DAY, {"owners": ["kenji"]}),
    # --- search_conversations (7) ------------------------------------------------------------------------------------
    ("what has globex's cfo said about budget", CONV, {"query": "budget", "company": "Globex"}),
    (
        "did anyone mention datapilot on the initech calls",
        CONV,
        {"query": "datapilot", "company": "Initech", "kinds": ["call"]},
    ),
    ("emails about pricing since november 1", CONV, {"query": "pricing", "kinds": ["email"], "since": "2026-11-01"}),
    (
        "did acme corp bring up security in any of their emails",
        CONV,
        {"query": "security", "company": "Acme Corp", "kinds": ["email"]},
    ),
    (
        "what have buyers said about implementation timelines since october",
        CONV,
        {"query": "implementation timelines", "since": "2026-10-01"},
    ),
    ("notes mentioning procurement at hooli", CONV, {"query": "procurement", "company": "Hooli", "kinds": ["note"]}),
    (
        "has anyone at stark industries talked about switching off lookwise",
        CONV,
        {"query": "switching from lookwise", "company": "Stark Industries"},
    ),
    # --- get_company_brief (7) ---------------------------------------------------------------------------------------
    ("brief acme", BRIEF, {"company": "Acme Corp"}),
    ("prep me for my meeting with initech tomorrow", BRIEF, {"company": "Initech"}),
    ("/salesos brief globex", BRIEF, {"company": "Globex"}),
    ("new hire: i have a meeting with hooli on thurs, what should i know going in?", BRIEF, {"company": "Hooli"}),
    (
        "got a discovery call with wayne enterprises at 3, can you put together a quick brief — who's involved, what "
        "we've talked about so far, and a couple similar customers i can name-drop",
        BRIEF,
        {"company": "Wayne Enterprises"},
    ),
    ("brief me on cyberdine before 2pm", BRIEF, {"company": "Cyberdyne Systems"}),
    ("one pager on northwood foods for the meeting", BRIEF, {"company": "Northwood Foods"}),
    # --- get_call_summary (6) ----------------------------------------------------------------------------------------
    ("summarize the last call with acme", CALL, {"company": "Acme Corp"}),
    ("/salesos call birchwave retail", CALL, {"company": "Birchwave Retail"}),
    ("how did the swiftwood learning call go", CALL, {"company": "Swiftwood Learning"}),
    ("recap of the keenrock call", CALL, {"company": "Keenrock Robotics"}),
    ("what happened on our most recent call with amberwave", CALL, {"company": "Amberwave Bio"}),
    ("give me the rundown of the latest cloudport security call", CALL, {"company": "Cloudport Security"}),
    # --- search_objection_handling (8) -------------------------------------------------------------------------------
    (
        "new hire asks: what do i say when they say its too expensive",
        OBJ,
        {"query": "too expensive", "category": "pricing"},
    ),
    (
        "best way to handle a security objection? theyre worried about SOC2",
        OBJ,
        {"query": "worried about SOC2", "category": "security"},
    ),
    (
        "prospect says 'we already have a BI tool', how have other reps gotten past that",
        OBJ,
        {"query": "we already have a BI tool", "category": "already_have_tool"},
    ),
    ("how should i pitch a cfo", OBJ, {"query": "pitch to a CFO"}),
    (
        "buyer says timing's bad, circle back next year — what's worked for us on timing pushback",
        OBJ,
        {"query": "circle back next year", "category": "timing"},
    ),
    (
        "my contact says he doesn't have the authority to sign, his VP has to approve — what do reps say to that",
        OBJ,
        {"query": "VP has to approve", "category": "authority"},
    ),
    (
        "/salesos library they're comparing us to a competitor, datapilot",
        OBJ,
        {"query": "comparing us to datapilot", "category": "competitor"},
    ),
    (
        "what do we say when they push back on integration, like we don't connect to their warehouse",
        OBJ,
        {"query": "doesn't connect to our warehouse", "category": "integration"},
    ),
    # --- get_lead_score (4) ------------------------------------------------------------------------------------------
    ("/salesos score goldmark telecom", LEAD, {"company": "goldmark telecom"}),
    ("what did the new cedarpoint financial lead score", LEAD, {"company": "cedarpoint financial"}),
    ("scores on the newest inbound leads", LEAD, {}),
    ("is the lakeview retail lead any good", LEAD, {"company": "lakeview retail"}),
    # --- score_lead (4) ----------------------------------------------------------------------------------------------
    (
        "score this lead: Brightpeak Labs, priya.shah@brightpeaklabs.com, 150 employees, budget $60k, wants "
        "forecasting, buying this quarter",
        SCORE,
        {"company": "Brightpeak Labs", "contact_email": "priya.shah@brightpeaklabs.com"},
    ),
    (
        "can u score this one — company: Tidewater Analytics, email: mark.o@gmail.com, title: Head of Data, "
        "notes: 'looking for a dashboard tool, no budget yet'",
        SCORE,
        {"company": "Tidewater Analytics", "contact_email": "mark.o@gmail.com"},
    ),
    (
        "rate this inbound pls: Northcrest Health / j.lee@northcresthealth.org / ~800 ppl / timeline next year",
        SCORE,
        {"company": "Northcrest Health", "contact_email": "j.lee@northcresthealth.org"},
    ),
    (
        "lead just came in from Quillfield Freight, ops manager sam.ruiz@quillfield.com, 45 employees, $15k budget "
        "— score it?",
        SCORE,
        {"company": "Quillfield Freight", "contact_email": "sam.ruiz@quillfield.com"},
    ),
    # --- get_buyer_personas (4) --------------------------------------------------------------------------------------
    ("new hire: who actually buys our stuff, like what titles", PERSONA, {}),
    ("/salesos personas technical evaluator", PERSONA, {"persona": "technical evaluator"}),
    ("what kinds of people are usually on the buying side when we win — persona breakdown", PERSONA, {}),
    ("buyer personas pls", PERSONA, {}),
    # --- get_pain_points (3) -----------------------------------------------------------------------------------------
    ("what problems are customers buying us to fix", PAIN, {}),
    ("top pain points our won customers talk about", PAIN, {}),
    ("new hire asks: why do people actually buy our product", PAIN, {}),
    # --- get_objection_map (5) ---------------------------------------------------------------------------------------
    ("which objections cost us the most deals", OMAP, {}),
    ("what's our win rate when security comes up on calls", OMAP, {"category": "security"}),
    ("objection breakdown across closed deals", OMAP, {}),
    ("do we win less when pricing gets raised?", OMAP, {"category": "pricing"}),
    (
        "when a buyer says they already have a tool, how often do we still end up winning",
        OMAP,
        {"category": "already_have_tool"},
    ),
    # --- get_objections_this_week (4) --------------------------------------------------------------------------------
    ("objections buyers threw at us on calls this week", OWEEK, {}),
    ("/salesos objections", OWEEK, {}),
    ("what pushback came up on calls in the last 30 days", OWEEK, {"days": 30}),
    ("any new objections the past two weeks?", OWEEK, {"days": 14}),
    # --- get_battle_card (6) -----------------------------------------------------------------------------------------
    ("new hire asks: what's a battle card for quantix", BATTLE, {"competitor": "quantix"}),
    ("how do we usually win against datapilot", BATTLE, {"competitor": "datapilot"}),
    ("/salesos battlecard metricly", BATTLE, {"competitor": "metricly"}),
    ("how do we stack up vs chartwell bi", BATTLE, {"competitor": "chartwell bi"}),
    ("whats our win rate vs lookwise", BATTLE, {"competitor": "lookwise"}),
    ("prospect is also evaluating Quantix, where are they weak", BATTLE, {"competitor": "quantix"}),
    # --- get_loss_reasons (5) ----------------------------------------------------------------------------------------
    ("biggest reasons deals end up closed lost", LOSS, {}),
    ("why do i keep losing deals", LOSS, {"owner": "me"}),
    ("loss reasons for tyler", LOSS, {"owner": "tyler"}),
    ("helen asks what's been driving our losses", LOSS, {}),
    ("why has kenji been losing", LOSS, {"owner": "kenji"}),
    # --- get_reactivation_list (5) -----------------------------------------------------------------------------------
    ("any dead deals worth resurrecting?", REVIVE, {}),
    ("/salesos revive jamal", REVIVE, {"owner": "jamal"}),
    ("give me 10 closed-lost deals we could bring back", REVIVE, {"limit": 10}),
    ("any of my lost deals worth another shot", REVIVE, {"owner": "me"}),
    ("win-back list for megan, just 3", REVIVE, {"owner": "megan", "limit": 3}),
    # --- get_deal_odds (6) -------------------------------------------------------------------------------------------
    ("odds globex", ODDS, {"company": "Globex"}),
    ("are we gonna win initech?", ODDS, {"company": "Initech"}),
    ("whats the likelihood we close hooli", ODDS, {"company": "Hooli"}),
    ("/salesos odds stark industries", ODDS, {"company": "Stark Industries"}),
    ("chances on the umbrella deal", ODDS, {"company": "Umbrella Corporation"}),
    ("how likely is wayne to sign", ODDS, {"company": "Wayne Enterprises"}),
    # --- forecast_bookings (7) ---------------------------------------------------------------------------------------
    ("where are we going to land this quarter", FORECAST, {"period": "quarter"}),
    ("/salesos forecast", FORECAST, {}),
    ("projected bookings for this month", FORECAST, {"period": "month"}),
    ("helen wants team west's forecast for the quarter", FORECAST, {"owners": ["Team West"], "period": "quarter"}),
    ("how much am i on track to book this month", FORECAST, {"owners": ["me"], "period": "month"}),
    ("jamal forecast", FORECAST, {"owners": ["jamal"]}),
    ("where will team east land this qtr", FORECAST, {"owners": ["Team East"], "period": "quarter"}),
    # --- list_make_or_break_deals (4) --------------------------------------------------------------------------------
    ("which deals make or break our quarter", MOB, {}),
    ("the deals that'll swing this month's number", MOB, {"period": "month"}),
    ("which 3 of my deals decide whether i hit the quarter", MOB, {"owners": ["me"], "limit": 3}),
    ("which team west deals will make or break the quarter", MOB, {"owners": ["Team West"]}),
    # --- get_ae_performance (7) --------------------------------------------------------------------------------------
    ("how is jamal performing lately", PERF, {"owners": ["jamal"]}),
    ("side by side perf comparison, me vs emily", PERF, {"owners": ["me", "emily"]}),
    ("how am i doing compared to the rest of the team", PERF, {"owners": ["me"]}),
    ("helen needs coaching notes for luis's performance review", PERF, {"owners": ["luis"]}),
    ("how's carlos mendes stacking up against the team", PERF, {"owners": ["carlos mendes"]}),
    (
        "helen wants to know who's falling behind on team east — performance rundown per AE please",
        PERF,
        {"owners": ["Team East"]},
    ),
    ("compare aisha, kenji and tyler", PERF, {"owners": ["aisha", "kenji", "tyler"]}),
    # --- no capability as asked (16) ---------------------------------------------------------------------------------
    ("what can you do?", None, {"intent": "help"}),
    ("new hire here — how do i even use this bot, what commands are there", None, {"intent": "help"}),
    ("move the acme deal to contract sent", None, {"intent": "write"}),
    ("send the globex champion a follow-up email from me", None, {"intent": "write"}),
    ("log a 30 min call with initech for today", None, {"intent": "write"}),
    ("push the close date on the umbrella deal to jan 15", None, {"intent": "write"}),
    ("whats the weather in boston tmrw", None, {"intent": "out_of_scope"}),
    ("what's my commission going to be this quarter", None, {"intent": "out_of_scope"}),
    ("how many employees does quantix have", None, {"intent": "out_of_scope"}),
    ("brief", None, {"intent": "clarify"}),
    ("odds?", None, {"intent": "clarify"}),
    ("numbers for team west?", None, {"intent": "clarify"}),
    ("healthcare deals closing this quarter", None, {"intent": "unsupported_filter"}),
    ("silent deals over 50k", None, {"intent": "unsupported_filter"}),
    ("at risk deals closing this month", None, {"intent": "unsupported_filter"}),
    ("forecast for next quarter", None, {"intent": "unsupported_filter"}),
]
