# ruff: noqa: E501  (one question per line)
# Dev set M: written blind as a dev set, not trained on, run once on commit 68f9d10 (first run 90.5%, 11 confident wrong, 5 clarified),
# then its misses were fixed by family in the rules, slot parsers and resolver (not in the classifier's training set).
"""Dev set M, written blind: Rachel-style sales-leadership questions typed by Dana Whitfield while she prepares her QBR
and her Q1 plan.

Who asks and how: Dana Whitfield (AE, Team East) types in Slack, mostly longer multi-clause questions that combine
filters (amount ranges, stages by key, label or loose words, periods including months, quarters and halves, owners by
first name, full name, possessive or "me"/"my", teams, industries, regions and segments), compare owners or teams, ask
for top-N, averages, "how many", win rates, cycle times, loss reasons, reactivation, personas and objection maps; plus
what she asks before calls (briefs, latest on a company, call summaries, what a contact said). About 9 % of the
questions must not be answered by a capability as asked: requests to change the CRM or send things, data the CRM does
not hold, genuinely ambiguous questions, and filters a capability's schema cannot express.

Written blind by a helper session (an AI assistant) from these inputs only: /work/blind/capabilities.md (capabilities
and their argument schemas), /work/blind/names.md (the demo workspace's names), /work/blind/conventions.md (label
conventions and constants), the evaluator /work/main/eval/copilot/__init__.py (`canonical()`, `period_dates()`,
`closed_period()`, `only_left_out()`, `no_tool_right()`, `run()`) and lines 1-30 of
/work/main/eval/copilot/questions.py (the case format). No other code, test, document or question set was read, and
neither the copilot nor the evaluator was run.

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
Halves (no token exists) are given as explicit ISO dates: H1 2027 closing = 2027-01-01..2027-06-30; H1 2026 closed =
2026-01-01..2026-06-30.
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

PROBE_19: list[Case] = [
    # --- search_deals ------------------------------------------------------------------------------------------------
    (
        "for my QBR deck, pull my deals closing in Q1 that are worth more than $40k, biggest first",
        DEALS,
        {"owners": ["me"], "period": "q1", "min_amount": 40000},
    ),
    (
        "which Team West deals in contract sent are over 100k and expected to close this month?",
        DEALS,
        {"owners": ["Team West"], "stages": ["contractsent"], "min_amount": 100000, "period": "this_month"},
    ),
    (
        "show me Jamal's top 5 deals closing next quarter",
        DEALS,
        {"owners": ["Jamal"], "period": "next_quarter", "limit": 5},
    ),
    (
        "list the deals that have been sitting in decision maker bought in for more than 3 weeks, only ones between 25k "
        "and 80k",
        DEALS,
        {"stages": ["decisionmakerboughtin"], "min_days_in_stage": 21, "min_amount": 25000, "max_amount": 80000},
    ),
    (
        "what has Emily got closing in January that's under $20k? want to see if any of it can get pulled into december",
        DEALS,
        {"owners": ["Emily"], "period": "month:1", "max_amount": 20000},
    ),
    (
        "i need the 10 largest open deals on the East team, any stage, closing this quarter",
        DEALS,
        {"owners": ["Team East"], "period": "this_quarter", "limit": 10},
    ),
    (
        "which of Luis and Grace's deals are at the presentation stage and expected to close in the next 30 days?",
        DEALS,
        {"owners": ["Luis", "Grace"], "stages": ["presentationscheduled"], "period": "next_30_days"},
    ),
    (
        "show me the Cyberdyne Systems deals, closed ones included — doing an account review",
        DEALS,
        {"company": "Cyberdyne Systems", "include_closed": True},
    ),
    (
        "my deals in contract sent that have been stuck there 30+ days, what are they",
        DEALS,
        {"owners": ["me"], "stages": ["contractsent"], "min_days_in_stage": 30},
    ),
    (
        "pull up Carlos Mendes's deals north of $150k that are slated to close in the first half of next year",
        DEALS,
        {"owners": ["Carlos Mendes"], "min_amount": 150000, "closing_from": "2027-01-01", "closing_to": "2027-06-30"},
    ),
    (
        "what early-stage stuff do I have — appointment scheduled or qualified to buy — with a February close date?",
        DEALS,
        {"owners": ["me"], "stages": ["appointmentscheduled", "qualifiedtobuy"], "period": "month:2"},
    ),
    ("top 3 deals Kenji has closing this week", DEALS, {"owners": ["Kenji"], "period": "this_week", "limit": 3}),
    ("which open deals across the whole team are over half a million?", DEALS, {"min_amount": 500000}),
    (
        "list Aisha's and Tyler's deals worth 50-100k that are in DM bought in",
        DEALS,
        {"owners": ["Aisha", "Tyler"], "min_amount": 50000, "max_amount": 100000, "stages": ["decisionmakerboughtin"]},
    ),
    ("list the open Stark Industries deals, biggest first", DEALS, {"company": "Stark Industries"}),
    (
        "what do I have in contract sent or DM bought-in that's due to close between now and the end of the quarter?",
        DEALS,
        {"owners": ["me"], "stages": ["contractsent", "decisionmakerboughtin"], "period": "eoq"},
    ),
    (
        "any deals under 15k closing next week? trying to clear out the small stuff before the holidays",
        DEALS,
        {"max_amount": 15000, "period": "next_week"},
    ),
    ("Megan's 20 biggest deals in the pipe right now", DEALS, {"owners": ["Megan"], "limit": 20}),
    (
        "what's Grace Okafor got in qualified to buy that's been stuck 45 days or more?",
        DEALS,
        {"owners": ["Grace Okafor"], "stages": ["qualifiedtobuy"], "min_days_in_stage": 45},
    ),
    (
        "Q1 planning: show me my deals with a March close date that are at least $30k",
        DEALS,
        {"owners": ["me"], "period": "month:3", "min_amount": 30000},
    ),
    # --- count_deals -------------------------------------------------------------------------------------------------
    (
        "how many deals do I have closing in Q1, and what are they worth in total?",
        COUNT,
        {"owners": ["me"], "period": "q1"},
    ),
    (
        "how many Team West deals are sitting in contract sent right now?",
        COUNT,
        {"owners": ["Team West"], "stages": ["contractsent"]},
    ),
    (
        "count of open deals between $10k and $50k closing this month, whole team",
        COUNT,
        {"min_amount": 10000, "max_amount": 50000, "period": "this_month"},
    ),
    (
        "number of Jamal's deals over 100k that close next month",
        COUNT,
        {"owners": ["Jamal"], "min_amount": 100000, "period": "next_month"},
    ),
    ("how many open opps do we have with Wayne Enterprises?", COUNT, {"company": "Wayne Enterprises"}),
    (
        "across the team, how many deals have been stuck in presentation scheduled for 60+ days?",
        COUNT,
        {"stages": ["presentationscheduled"], "min_days_in_stage": 60},
    ),
    (
        "how many of my contract-sent deals are set to close over the rest of the month, and what's the total?",
        COUNT,
        {"owners": ["me"], "stages": ["contractsent"], "period": "eom"},
    ),
    (
        "how many deals do Luis and Emily have closing in the next 60 days?",
        COUNT,
        {"owners": ["Luis", "Emily"], "period": "next_60_days"},
    ),
    ("how many open deals do we have in total?", COUNT, {}),
    ("how many of Aisha's open deals are under 25k?", COUNT, {"owners": ["Aisha"], "max_amount": 25000}),
    (
        "count my deals in DM bought in that are worth at least 40k and close this quarter",
        COUNT,
        {"owners": ["me"], "stages": ["decisionmakerboughtin"], "min_amount": 40000, "period": "this_quarter"},
    ),
    (
        "how many deals with a close date in H1 2027 are over $200k?",
        COUNT,
        {"min_amount": 200000, "closing_from": "2027-01-01", "closing_to": "2027-06-30"},
    ),
    ("how many deals does Initech have open with us and what do they add up to?", COUNT, {"company": "Initech"}),
    (
        "how many Team West deals are expected to close this week?",
        COUNT,
        {"owners": ["Team West"], "period": "this_week"},
    ),
    # --- get_closed_deal_metrics -------------------------------------------------------------------------------------
    (
        "for my QBR: how much did I close-win last quarter?",
        CLOSED,
        {"owners": ["me"], "metric": "won_amount", "period": "last_quarter"},
    ),
    ("what's my win rate so far this year?", CLOSED, {"owners": ["me"], "metric": "win_rate", "period": "ytd"}),
    (
        "win rate by rep for Team East last quarter",
        CLOSED,
        {"owners": ["Team East"], "metric": "win_rate", "by": "owner", "period": "last_quarter"},
    ),
    (
        "how many deals did Team West win in November?",
        CLOSED,
        {"owners": ["Team West"], "metric": "won_count", "period": "past_month:11"},
    ),
    (
        "average won deal size on enterprise accounts this year",
        CLOSED,
        {"metric": "avg_deal_size", "segment": "enterprise", "period": "this_year"},
    ),
    (
        "what was the average sales cycle on mid-market deals we won in the first half of the year?",
        CLOSED,
        {"metric": "cycle_time", "segment": "mid_market", "closed_from": "2026-01-01", "closed_to": "2026-06-30"},
    ),
    ("break down Q3 bookings by industry", CLOSED, {"metric": "won_amount", "by": "industry", "period": "past_q:3"}),
    (
        "how many deals did Jamal lose last month?",
        CLOSED,
        {"owners": ["Jamal"], "metric": "lost_count", "period": "last_month"},
    ),
    (
        "how many deals have we closed this quarter so far, won and lost together?",
        CLOSED,
        {"metric": "closed_count", "period": "qtd"},
    ),
    (
        "compare my win rate with Emily's over the first half of the year, side by side",
        CLOSED,
        {
            "owners": ["me", "Emily"],
            "metric": "win_rate",
            "by": "owner",
            "closed_from": "2026-01-01",
            "closed_to": "2026-06-30",
        },
    ),
    (
        "what's our win rate in EMEA over the last 90 days?",
        CLOSED,
        {"metric": "win_rate", "segment": "EMEA", "period": "last_90_days"},
    ),
    (
        "my bookings by month this year, for the QBR chart",
        CLOSED,
        {"owners": ["me"], "metric": "won_amount", "by": "month", "period": "this_year"},
    ),
    (
        "on average how long does it take us to close healthcare deals this year, from creation to won?",
        CLOSED,
        {"metric": "cycle_time", "segment": "Healthcare", "period": "this_year"},
    ),
    (
        "win rate by segment last quarter — smb vs mid-market vs enterprise",
        CLOSED,
        {"metric": "win_rate", "by": "segment", "period": "last_quarter"},
    ),
    (
        "how much did Carlos and Megan win combined in October?",
        CLOSED,
        {"owners": ["Carlos", "Megan"], "metric": "won_amount", "period": "past_month:10"},
    ),
    (
        "SMB win rate for Team East from July through November",
        CLOSED,
        {
            "owners": ["Team East"],
            "metric": "win_rate",
            "segment": "smb",
            "closed_from": "2026-07-01",
            "closed_to": "2026-11-30",
        },
    ),
    (
        "how much revenue did we book in 2025, split by team?",
        CLOSED,
        {"metric": "won_amount", "by": "team", "period": "last_year"},
    ),
    (
        "average deal size by region so far this quarter",
        CLOSED,
        {"metric": "avg_deal_size", "by": "region", "period": "qtd"},
    ),
    ("how many deals have I won this month?", CLOSED, {"owners": ["me"], "metric": "won_count", "period": "mtd"}),
    (
        "how many deals did we lose in financial services this year?",
        CLOSED,
        {"metric": "lost_count", "segment": "Financial Services", "period": "this_year"},
    ),
    (
        "sales cycle by owner for Team West deals won last quarter",
        CLOSED,
        {"owners": ["Team West"], "metric": "cycle_time", "by": "owner", "period": "last_quarter"},
    ),
    (
        "what did NA-East accounts book in Q2?",
        CLOSED,
        {"metric": "won_amount", "segment": "NA-East", "period": "past_q:2"},
    ),
    ("how many deals did we close-win last month?", CLOSED, {"metric": "won_count", "period": "last_month"}),
    (
        "show me Luis's bookings month by month since the start of the year",
        CLOSED,
        {"owners": ["Luis"], "metric": "won_amount", "by": "month", "period": "ytd"},
    ),
    # --- get_ae_performance ------------------------------------------------------------------------------------------
    ("how is Luis tracking this quarter against the rest of the team?", PERF, {"owners": ["Luis"]}),
    ("how do I stack up against Grace this quarter?", PERF, {"owners": ["me", "Grace"]}),
    ("any coaching points for Tyler based on how his calls are going?", PERF, {"owners": ["Tyler"]}),
    ("how am I doing vs the team QTD — coverage, activity, all of it?", PERF, {"owners": ["me"]}),
    ("put Kenji and Aisha side by side on performance this quarter", PERF, {"owners": ["Kenji", "Aisha"]}),
    # --- forecast_bookings -------------------------------------------------------------------------------------------
    (
        "what's Team East forecast to book this quarter, with the range?",
        FORECAST,
        {"period": "quarter", "owners": ["Team East"]},
    ),
    ("what are my expected bookings for this month?", FORECAST, {"period": "month", "owners": ["me"]}),
    ("where is the whole team likely to land for the quarter?", FORECAST, {"period": "quarter"}),
    ("forecast for Jamal and Luis this month", FORECAST, {"period": "month", "owners": ["Jamal", "Luis"]}),
    ("what's the December forecast look like for Team West?", FORECAST, {"period": "month", "owners": ["Team West"]}),
    # --- list_make_or_break_deals ------------------------------------------------------------------------------------
    ("which deals make or break Team West's quarter?", MOB, {"period": "quarter", "owners": ["Team West"]}),
    ("my top 3 swing deals for this month", MOB, {"period": "month", "owners": ["me"], "limit": 3}),
    ("the 10 deals that matter most for this quarter's number, whole team", MOB, {"period": "quarter", "limit": 10}),
    (
        "which of Emily's deals could swing her December number the most either way?",
        MOB,
        {"period": "month", "owners": ["Emily"]},
    ),
    # --- list_at_risk_deals ------------------------------------------------------------------------------------------
    ("which of my deals are at risk right now, and what's the evidence?", RISK, {"owners": ["me"]}),
    ("is anything at risk at Wayne Enterprises?", RISK, {"company": "Wayne Enterprises"}),
    ("Team West's at-risk deals, riskiest first", RISK, {"owners": ["Team West"]}),
    ("deal health check for Jamal and Luis — which of theirs are in trouble?", RISK, {"owners": ["Jamal", "Luis"]}),
    ("risk flags on the Umbrella Corp deal?", RISK, {"company": "Umbrella Corporation"}),
    (
        "which of Megan Foster's opps are in danger and what should she do next on each?",
        RISK,
        {"owners": ["Megan Foster"]},
    ),
    # --- list_silent_deals -------------------------------------------------------------------------------------------
    ("which of my deals have gone dark for two weeks or more?", SILENT, {"owners": ["me"], "days": 14}),
    ("Team East deals where the buyer hasn't engaged in 10+ days", SILENT, {"owners": ["Team East"], "days": 10}),
    ("who's ghosting Megan? 3 weeks plus", SILENT, {"owners": ["Megan"], "days": 21}),
    ("silent deals across the team, 30 days or longer", SILENT, {"days": 30}),
    ("have any of Carlos's buyers gone quiet for a week or more?", SILENT, {"owners": ["Carlos"], "days": 7}),
    ("which deals have gone quiet on us?", SILENT, {}),
    (
        "no reply from the buyer in 45 days on any of Kenji's or Tyler's deals?",
        SILENT,
        {"owners": ["Kenji", "Tyler"], "days": 45},
    ),
    # --- summarize_pipeline ------------------------------------------------------------------------------------------
    ("give me Team East's open pipeline by rep", PIPE, {"by": "owner", "owners": ["Team East"]}),
    ("my pipeline broken down by stage", PIPE, {"by": "stage", "owners": ["me"]}),
    ("open pipe by owner for the whole team", PIPE, {"by": "owner"}),
    ("how does Emily's pipeline look stage by stage?", PIPE, {"by": "stage", "owners": ["Emily"]}),
    ("pipeline by stage for Team West", PIPE, {"by": "stage", "owners": ["Team West"]}),
    ("what does the team's open pipeline look like by stage?", PIPE, {"by": "stage"}),
    # --- get_latest_on_company ---------------------------------------------------------------------------------------
    ("what's the latest on Initech? I've got them at 2", LATEST, {"company": "Initech"}),
    ("status of Hooli before I ping their CFO?", LATEST, {"company": "Hooli"}),
    ("where do things stand with Wayne Ent", LATEST, {"company": "Wayne Enterprises"}),
    ("any update on Globex? last I heard they were in legal", LATEST, {"company": "Globex"}),
    ("catch me up on Vandalay Industries", LATEST, {"company": "Vandelay Industries"}),
    ("where are we with cyberdyne", LATEST, {"company": "Cyberdyne Systems"}),
    ("latest on Northwood Foods — deals, last touches, next meeting", LATEST, {"company": "Northwood Foods"}),
    ("what's going on with the Greenfeild Group account", LATEST, {"company": "Greenfield Group"}),
    # --- get_company_brief -------------------------------------------------------------------------------------------
    ("prep me for my call with Stark Industries tomorrow", BRIEF, {"company": "Stark Industries"}),
    ("I'm meeting Umbrella Corp on Thursday — one-pager please", BRIEF, {"company": "Umbrella Corporation"}),
    ("brief on Acme before my 3pm", BRIEF, {"company": "Acme Corp"}),
    ("pre-call brief for Sunwave Medical", BRIEF, {"company": "Sunwave Medical"}),
    (
        "getting on with Lakegrid Medical in an hour, what should I know going in and what should I ask them?",
        BRIEF,
        {"company": "Lakegrid Medical"},
    ),
    ("can you put together meeting prep for Apexbrook Health", BRIEF, {"company": "Apexbrook Health"}),
    ("brief me on soylent, including similar customers we've won", BRIEF, {"company": "Soylent"}),
    # --- get_call_summary --------------------------------------------------------------------------------------------
    ("recap the last call with Birchwave Retail", CALL, {"company": "Birchwave Retail"}),
    ("what happened on the Cloudport Security call yesterday?", CALL, {"company": "Cloudport Security"}),
    (
        "summarize my most recent call with Swiftwood Learning — pains, objections, next steps",
        CALL,
        {"company": "Swiftwood Learning"},
    ),
    ("call summary for Keenrock Robotics", CALL, {"company": "Keenrock Robotics"}),
    ("how did the last Ambercraft call go?", CALL, {"company": "Ambercraft Group"}),
    ("what came out of our latest call with Acme Corp?", CALL, {"company": "Acme Corp"}),
    # --- search_conversations ----------------------------------------------------------------------------------------
    (
        "what did the Initech CFO say about budget on calls since November 1?",
        CONV,
        {"query": "budget", "company": "Initech", "kinds": ["call"], "since": "2026-11-01"},
    ),
    (
        "did anyone at Globex bring up DataPilot in their emails?",
        CONV,
        {"query": "DataPilot", "company": "Globex", "kinds": ["email"]},
    ),
    (
        "anything in our notes about Hooli's security review?",
        CONV,
        {"query": "security review", "company": "Hooli", "kinds": ["note"]},
    ),
    ("what have buyers said about SSO or SAML since October?", CONV, {"query": "SSO SAML", "since": "2026-10-01"}),
    (
        "what did Acme Corp's VP of Engineering say about the rollout timeline?",
        CONV,
        {"query": "rollout timeline", "company": "Acme Corp"},
    ),
    (
        "has anyone at Wayne Enterprises mentioned a budget freeze, on calls or in email?",
        CONV,
        {"query": "budget freeze", "company": "Wayne Enterprises", "kinds": ["call", "email"]},
    ),
    (
        "find me quotes where customers complained about implementation time — calls only",
        CONV,
        {"query": "implementation time", "kinds": ["call"]},
    ),
    (
        "what has Stark Industries said about Quantix since Sept 15?",
        CONV,
        {"query": "Quantix", "company": "Stark Industries", "since": "2026-09-15"},
    ),
    (
        "did the Cyberdyne Systems champion say anything about procurement in emails since Dec 1?",
        CONV,
        {"query": "procurement", "company": "Cyberdyne Systems", "kinds": ["email"], "since": "2026-12-01"},
    ),
    # --- search_objection_handling -----------------------------------------------------------------------------------
    (
        "how have we handled pricing objections on deals we won? this buyer says we're 30% over their budget",
        OBJ,
        {"query": "we're 30% over budget", "category": "pricing"},
    ),
    ("give me a talk track for pitching a CFO", OBJ, {"query": "talk track for a CFO"}),
    (
        "security objections — how did reps get past the infosec review on deals we ended up winning?",
        OBJ,
        {"query": "infosec review", "category": "security"},
    ),
    (
        "timing objection: what do we say when they want to push everything to next fiscal year?",
        OBJ,
        {"query": "push to next fiscal year", "category": "timing"},
    ),
    (
        "how should I handle an authority objection? my contact says she can't sign off on anything this size",
        OBJ,
        {"query": "can't sign off", "category": "authority"},
    ),
    # --- get_lead_score ----------------------------------------------------------------------------------------------
    ("what did the Goldmark Telecom inbound lead score?", LEAD, {"company": "Goldmark Telecom"}),
    ("show me the newest inbound leads and how they scored", LEAD, {}),
    ("how did the Lumenport Studios lead grade out — A or B?", LEAD, {"company": "Lumenport Studios"}),
    # --- score_lead --------------------------------------------------------------------------------------------------
    (
        "score this lead: Pinecrest Dental, contact jane.ortiz@pinecrestdental.com, ~80 employees, budget $30k, wants "
        "forecasting this quarter",
        SCORE,
        {
            "company": "Pinecrest Dental",
            "contact_email": "jane.ortiz@pinecrestdental.com",
            "employee_count": 80,
            "budget": "$30k",
            "interest_area": "forecasting",
            "timeline": "this quarter",
        },
    ),
    (
        "can you score a lead for me — Harbor Mills Co, tom@gmail.com, VP Ops, 500 employees, looking to buy in 6 months",
        SCORE,
        {
            "company": "Harbor Mills Co",
            "contact_email": "tom@gmail.com",
            "contact_title": "VP Ops",
            "employee_count": 500,
            "timeline": "6 months",
        },
    ),
    (
        "rate this inbound: company Northlake Logistics, email priya.s@northlakelogistics.io, budget €75.000, timeline "
        "Q1, message 'need pipeline analytics for 40 reps'",
        SCORE,
        {
            "company": "Northlake Logistics",
            "contact_email": "priya.s@northlakelogistics.io",
            "budget": "€75.000",
            "timeline": "Q1",
            "notes": "need pipeline analytics for 40 reps",
        },
    ),
    # --- get_buyer_personas ------------------------------------------------------------------------------------------
    ("who actually buys from us? need it for the QBR", PERSONA, {}),
    (
        "what does the Finance approver persona care about, and how much does having one on the deal lift our win rate?",
        PERSONA,
        {"persona": "Finance approver"},
    ),
    ("tell me about the Technical evaluator persona on our won deals", PERSONA, {"persona": "Technical evaluator"}),
    ("walk me through our buyer personas and each one's share of wins", PERSONA, {}),
    # --- get_pain_points ---------------------------------------------------------------------------------------------
    ("what pain points come up most on the deals we win?", PAIN, {}),
    ("why do customers end up buying from us — the actual problems, with quotes", PAIN, {}),
    ("for my Q1 messaging: what problems do we really solve for buyers, grouped by theme?", PAIN, {}),
    # --- get_objection_map -------------------------------------------------------------------------------------------
    ("which objections hurt our win rate the most?", OMAP, {}),
    ("when security comes up on a call, what's our win rate?", OMAP, {"category": "security"}),
    ("objection map for pricing — answered vs deflected and how we do in each case", OMAP, {"category": "pricing"}),
    ("objection map filtered to the Finance approver persona", OMAP, {"persona": "Finance approver"}),
    (
        "how often does timing come up as an objection, and how often do we still win when it does?",
        OMAP,
        {"category": "timing"},
    ),
    # --- get_objections_this_week ------------------------------------------------------------------------------------
    ("what pushback did we hear on calls this week?", OWEEK, {}),
    ("objections from the last 30 days — anything new?", OWEEK, {"days": 30}),
    ("what objections came up on calls in the last two weeks?", OWEEK, {"days": 14}),
    ("any new objection categories popping up over the past 10 days?", OWEEK, {"days": 10}),
    # --- get_battle_card ---------------------------------------------------------------------------------------------
    ("battle card vs Metricly", BATTLE, {"competitor": "Metricly"}),
    ("how do we beat Chartwell BI?", BATTLE, {"competitor": "Chartwell BI"}),
    ("what's our win rate against Quantix and where do we tend to lose to them?", BATTLE, {"competitor": "Quantix"}),
    ("Lookwise came up on my Hooli call — give me the battlecard", BATTLE, {"competitor": "Lookwise"}),
    ("DataPilot landmines and how we've answered their claims", BATTLE, {"competitor": "DataPilot"}),
    # --- get_loss_reasons --------------------------------------------------------------------------------------------
    ("why am I losing deals?", LOSS, {"owner": "me"}),
    ("loss reasons on Aisha's deals", LOSS, {"owner": "Aisha"}),
    ("why do we lose, across the board?", LOSS, {}),
    ("what's driving Jamal Carter's losses?", LOSS, {"owner": "Jamal Carter"}),
    ("break down our loss reasons by category, with amounts", LOSS, {}),
    # --- get_reactivation_list ---------------------------------------------------------------------------------------
    ("which of my lost deals are worth reopening for my Q1 plan?", REVIVE, {"owner": "me"}),
    ("Carlos's top 3 win-back candidates", REVIVE, {"owner": "Carlos", "limit": 3}),
    ("reactivation list, 10 deals, whole team", REVIVE, {"limit": 10}),
    ("lost deals we should revive", REVIVE, {}),
    (
        "any of Emily Nakamura's lost opps worth a second shot? show me 8",
        REVIVE,
        {"owner": "Emily Nakamura", "limit": 8},
    ),
    # --- get_deal_odds -----------------------------------------------------------------------------------------------
    ("what are the odds we close Hooli?", ODDS, {"company": "Hooli"}),
    ("chances on Wayne Ent?", ODDS, {"company": "Wayne Enterprises"}),
    ("is Initech likely to sign, and what's driving that?", ODDS, {"company": "Initech"}),
    ("win probability on the Globex deals", ODDS, {"company": "Globex"}),
    ("how likely is Stark Industries to close?", ODDS, {"company": "Stark Industries"}),
    # --- get_deal_facts ----------------------------------------------------------------------------------------------
    ("who's the champion at Globex?", FACTS, {"company": "Globex", "fact": "champion"}),
    ("who owns the Cyberdyne deal?", FACTS, {"company": "Cyberdyne Systems", "fact": "owner"}),
    (
        "who are the stakeholders on Initech and what are their roles?",
        FACTS,
        {"company": "Initech", "fact": "stakeholders"},
    ),
    ("which AE has Northwood Foods?", FACTS, {"company": "Northwood Foods", "fact": "owner"}),
    ("do we have a champion at Umbrella?", FACTS, {"company": "Umbrella Corporation", "fact": "champion"}),
    ("who's involved on the Hooli deal — owner, champion, everyone", FACTS, {"company": "Hooli", "fact": "all"}),
    # --- get_my_day --------------------------------------------------------------------------------------------------
    ("what's on my plate today?", DAY, {"owners": ["me"]}),
    ("what does Jamal's day look like?", DAY, {"owners": ["Jamal"]}),
    ("before standup: my meetings today, overdue tasks, anything that's gone quiet", DAY, {"owners": ["me"]}),
    ("what's on Grace's plate today", DAY, {"owners": ["Grace"]}),
    # --- lookup_company ----------------------------------------------------------------------------------------------
    ("is 'Bluestone' one of our accounts, or am I thinking of someone else?", LOOKUP, {"company": "Bluestone"}),
    ("which company do we mean by 'Amber'? there are like ten of them", LOOKUP, {"company": "Amber"}),
    ("which account is 'Clearworks' — the partners one or the therapeutics one?", LOOKUP, {"company": "Clearworks"}),
    # --- no capability as asked --------------------------------------------------------------------------------------
    ("move the Globex deal to contract sent and push its close date to Jan 15", None, {"intent": "write"}),
    ("send the Initech champion a recap email of today's call", None, {"intent": "write"}),
    ("create a task for me to follow up with Hooli on Friday", None, {"intent": "write"}),
    ("reassign the Cyberdyne Systems deal from Jamal to me", None, {"intent": "write"}),
    ("mark the Acme Corp deal as closed won at $120k", None, {"intent": "write"}),
    ("what's my commission going to look like on Q4 bookings?", None, {"intent": "out_of_scope"}),
    ("what's Quantix charging per seat these days? check their website", None, {"intent": "out_of_scope"}),
    ("book me a conference room for the QBR dry run on Wednesday", None, {"intent": "out_of_scope"}),
    ("which healthcare deals over $50k are closing this quarter?", None, {"intent": "unsupported_filter"}),
    ("silent deals over $100k on Team East", None, {"intent": "unsupported_filter"}),
    ("loss reasons for the deals we lost in EMEA last quarter", None, {"intent": "unsupported_filter"}),
    ("what's the forecast for Q1 next year?", None, {"intent": "unsupported_filter"}),
    ("what's our win rate on deals over $75k this year?", None, {"intent": "unsupported_filter"}),
    ("which at-risk deals are closing this month?", None, {"intent": "unsupported_filter"}),
    ("battle card vs DataPilot, just on enterprise deals", None, {"intent": "unsupported_filter"}),
    ("how many deals were created in November?", None, {"intent": "unsupported_filter"}),
    ("how are we doing?", None, {"intent": "clarify"}),
    ("what about Jamal's?", None, {"intent": "clarify"}),
    ("what kinds of things can you help me with for QBR prep?", None, {"intent": "help"}),
]
