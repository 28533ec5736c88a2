"""Phrasings of the capabilities added for issue 14 (and of questions no capability answers), labelled with their
capability and arguments. The capability classifier trains on them (with `questions.py`'s sets), so they are a
tuning set, never a held-out figure. Same format and conventions as `questions.py`; closed-deal periods use the
past-facing tokens of `eval.copilot.period_dates` ("last_quarter", "past_month:11", "mtd", ...).
"""

from __future__ import annotations

from eval.copilot.questions import DEALS, OBJ, Case

COUNT = "count_deals"
METRICS = "get_closed_deal_metrics"
FACTS = "get_deal_facts"
DAY = "get_my_day"
CONVO = "search_conversations"

PHRASINGS: list[Case] = [
    # --- counts -----------------------------------------------------------------------------------------------------
    ("how many open deals do we have?", COUNT, {}),
    ("number of open opps", COUNT, {}),
    ("count of deals in negotiation", COUNT, {"stages": ["contractsent"]}),
    ("how many deals does jamal have", COUNT, {"owners": ["Jamal Carter"]}),
    ("how many of my deals close this month?", COUNT, {"owners": ["me"], "period": "this_month"}),
    ("how many deals over 100k are open", COUNT, {"min_amount": 100_000}),
    ("total number of deals for team west", COUNT, {"owners": ["Team West"]}),
    ("how many deals are in presentation scheduled", COUNT, {"stages": ["presentationscheduled"]}),
    ("deal count by emily", COUNT, {"owners": ["Emily Nakamura"]}),
    ("how many deals are closing next quarter", COUNT, {"period": "next_quarter"}),
    # --- top N (search_deals with a limit) --------------------------------------------------------------------------
    ("top 5 deals", DEALS, {"limit": 5}),
    ("biggest 10 deals in the pipeline", DEALS, {"limit": 10}),
    ("top 3 deals closing this quarter", DEALS, {"limit": 3, "period": "this_quarter"}),
    ("largest deals for megan", DEALS, {"owners": ["Megan Foster"]}),
    ("deals between 50k and 100k closing q1", DEALS, {"min_amount": 50_000, "max_amount": 100_000, "period": "q1"}),
    ("deals under 20k", DEALS, {"max_amount": 20_000}),
    ("deals in contract sent for more than 30 days", DEALS, {"stages": ["contractsent"], "min_days_in_stage": 30}),
    # --- closed-deal metrics ----------------------------------------------------------------------------------------
    ("how many deals did team west close in november?", METRICS, {"metric": "won_count", "owners": ["Team West"],
                                                                  "period": "past_month:11"}),
    ("what did we win last quarter", METRICS, {"metric": "won_amount", "period": "last_quarter"}),
    ("won revenue this month so far", METRICS, {"metric": "won_amount", "period": "mtd"}),
    ("how much revenue did we close this year", METRICS, {"metric": "won_amount", "period": "this_year"}),
    ("total closed won amount last month", METRICS, {"metric": "won_amount", "period": "last_month"}),
    ("bookings this quarter", METRICS, {"metric": "won_amount", "period": "this_quarter"}),
    ("what's our win rate this year", METRICS, {"metric": "win_rate", "period": "this_year"}),
    ("win rate by owner", METRICS, {"metric": "win_rate", "by": "owner"}),
    ("dana's win rate", METRICS, {"metric": "win_rate", "owners": ["Dana Whitfield"]}),
    ("close rate for team east last quarter", METRICS, {"metric": "win_rate", "owners": ["Team East"],
                                                       "period": "last_quarter"}),
    ("average deal size", METRICS, {"metric": "avg_deal_size"}),
    ("avg won deal size for enterprise", METRICS, {"metric": "avg_deal_size", "segment": "enterprise"}),
    ("what's the average contract value this year", METRICS, {"metric": "avg_deal_size", "period": "this_year"}),
    ("how long is our sales cycle", METRICS, {"metric": "cycle_time"}),
    ("average days to close a deal", METRICS, {"metric": "cycle_time"}),
    ("sales cycle by segment", METRICS, {"metric": "cycle_time", "by": "segment"}),
    ("how many deals did we lose last month", METRICS, {"metric": "lost_count", "period": "last_month"}),
    ("deals won by each rep this quarter", METRICS, {"metric": "won_count", "by": "owner",
                                                    "period": "this_quarter"}),
    ("how many deals has my team closed this quarter", METRICS, {"metric": "won_count", "period": "this_quarter",
                                                               "owners": ["my team"]}),
    ("revenue won by team", METRICS, {"metric": "won_amount", "by": "team"}),
    ("how many deals closed last year won or lost", METRICS, {"metric": "closed_count", "period": "last_year"}),
    ("mid-market win rate", METRICS, {"metric": "win_rate", "segment": "mid_market"}),
    ("smb deals won this year", METRICS, {"metric": "won_count", "segment": "smb", "period": "this_year"}),
    ("who closed the most revenue this quarter", METRICS, {"metric": "won_amount", "by": "owner",
                                                          "period": "this_quarter"}),
    ("won deals by month", METRICS, {"metric": "won_count", "by": "month"}),
    # --- deal facts -------------------------------------------------------------------------------------------------
    ("who owns the acme deal", FACTS, {"company": "Acme Corp", "fact": "owner"}),
    ("who's the AE on globex", FACTS, {"company": "Globex", "fact": "owner"}),
    ("whose deal is initech", FACTS, {"company": "Initech", "fact": "owner"}),
    ("who is the champion at acme", FACTS, {"company": "Acme Corp", "fact": "champion"}),
    ("do we have a champion at globex?", FACTS, {"company": "Globex", "fact": "champion"}),
    ("stakeholders on the initech deal", FACTS, {"company": "Initech", "fact": "stakeholders"}),
    ("who are the contacts at acme", FACTS, {"company": "Acme Corp", "fact": "stakeholders"}),
    ("who's the economic buyer at globex", FACTS, {"company": "Globex", "fact": "stakeholders"}),
    ("who is involved in the acme deal", FACTS, {"company": "Acme Corp", "fact": "stakeholders"}),
    ("rep on the initech account?", FACTS, {"company": "Initech", "fact": "owner"}),
    # --- my day -----------------------------------------------------------------------------------------------------
    ("what should i do today?", DAY, {"owners": ["me"]}),
    ("what's on my plate today", DAY, {"owners": ["me"]}),
    ("my agenda", DAY, {"owners": ["me"]}),
    ("plan my day", DAY, {"owners": ["me"]}),
    ("what do i need to focus on today", DAY, {"owners": ["me"]}),
    ("morning rundown", DAY, {"owners": ["me"]}),
    ("what does my day look like", DAY, {"owners": ["me"]}),
    ("jamal's day", DAY, {"owners": ["Jamal Carter"]}),
    ("what meetings do i have today", DAY, {"owners": ["me"]}),
    ("what tasks are due today", DAY, {"owners": ["me"]}),
    ("start my day", DAY, {"owners": ["me"]}),
    # --- conversation search ----------------------------------------------------------------------------------------
    ("what did acme's cfo say about security?", CONVO, {"company": "Acme Corp"}),
    ("did globex mention a competitor on any call", CONVO, {"company": "Globex", "kinds": ["call"]}),
    ("find emails about pricing", CONVO, {"kinds": ["email"]}),
    ("what has initech said about budget", CONVO, {"company": "Initech"}),
    ("search calls for soc 2", CONVO, {"kinds": ["call"]}),
    ("any notes mentioning procurement", CONVO, {"kinds": ["note"]}),
    ("who talked about the integration at acme", CONVO, {"company": "Acme Corp"}),
    ("quotes about implementation timeline", CONVO, {}),
    ("did anyone bring up gdpr", CONVO, {}),
    ("what did the buyer at globex say about timing", CONVO, {"company": "Globex"}),
    ("buyer says it won't integrate with their stack", OBJ, {"category": "integration"}),
    # --- nothing answers these --------------------------------------------------------------------------------------
    ("what's the stock price of salesforce", None, {"intent": "unknown"}),
    ("what's the weather in boston", None, {"intent": "unknown"}),
    ("tell me a joke", None, {"intent": "unknown"}),
    ("book a flight to chicago", None, {"intent": "unknown"}),
    ("who won the game last night", None, {"intent": "unknown"}),
    ("translate this into spanish", None, {"intent": "unknown"}),
]  # fmt: skip
