# ruff: noqa: E501  (one question per line)
"""Third probe set of the understanding helper (2026-12-07), written after 7b's fixes and run once.

Mixed families and styles (manager shorthand, typos, combined filters, follow-on wording) over the older and the newer
capabilities. Not in the classifier's training set. Conventions as in `questions.py` (asked as Dana Whitfield).
"""

from __future__ import annotations

from typing import Any

Case = tuple[str, str | None, dict[str, Any]]

PROBE_9: list[Case] = [
    ("pipe per stage for team west", "summarize_pipeline", {"by": "stage", "owners": ["Team West"]}),
    ("whose pipeline is biggest", "summarize_pipeline", {"by": "owner"}),
    (
        "deals between 20k and 60k in qualified to buy",
        "search_deals",
        {"min_amount": 20000, "max_amount": 60000, "stages": ["qualifiedtobuy"]},
    ),
    ("aisha's largest 2 deals", "search_deals", {"owners": ["Aisha Rahman"], "limit": 2}),
    (
        "how many deals does tyler have in contract sent",
        "count_deals",
        {"owners": ["Tyler Nguyen"], "stages": ["contractsent"]},
    ),
    ("count of open deals closing q1", "count_deals", {"period": "q1"}),
    (
        "win rate for carlos this year",
        "get_closed_deal_metrics",
        {"metric": "win_rate", "owners": ["Carlos Mendes"], "period": "this_year"},
    ),
    (
        "what was our average sales cycle last quarter",
        "get_closed_deal_metrics",
        {"metric": "cycle_time", "period": "last_quarter"},
    ),
    (
        "revenue closed by rep this quarter",
        "get_closed_deal_metrics",
        {"metric": "won_amount", "by": "owner", "period": "qtd"},
    ),
    ("who is the champion on the hooli deal", "get_deal_facts", {"company": "Hooli", "fact": "champion"}),
    ("who do we know at initech", "get_deal_facts", {"company": "Initech", "fact": "stakeholders"}),
    ("which ae has soylent", "get_deal_facts", {"company": "Soylent", "fact": "owner"}),
    ("what's on my plate today", "get_my_day", {"owners": ["me"]}),
    ("what does jamal's day look like", "get_my_day", {"owners": ["Jamal Carter"]}),
    ("did anyone at globex mention budget", "search_conversations", {"company": "Globex"}),
    (
        "find emails where umbrella talked about the contract",
        "search_conversations",
        {"company": "Umbrella Corporation", "kinds": ["email"]},
    ),
    ("call recap stark industries", "get_call_summary", {"company": "Stark Industries"}),
    ("prep notes for wayne enterprises tmrw", "get_company_brief", {"company": "Wayne Enterprises"}),
    ("anything new on initech?", "get_latest_on_company", {"company": "Initech"}),
    (
        "how do i answer 'we're locked into a contract with another vendor'",
        "search_objection_handling",
        {"category": "competitor"},
    ),
    ("what to say when the cfo says no budget this year", "search_objection_handling", {"category": "pricing"}),
    ("my at risk deals over 50k", "list_at_risk_deals", {"owners": ["me"]}),
    ("stalled deals for team east", "list_at_risk_deals", {"owners": ["Team East"]}),
    ("which of megan's deals went dark 2 weeks ago", "list_silent_deals", {"owners": ["Megan Foster"], "days": 14}),
    ("lead score globex", "get_lead_score", {"company": "Globex"}),
    ("what personas do we sell to best", "get_buyer_personas", {}),
    ("why do we lose to datapilot", "get_battle_card", {"competitor": "DataPilot"}),
    ("objections trend this week vs last", "get_objections_this_week", {"days": 7}),
    ("forecast this qtr for me", "forecast_bookings", {"period": "quarter", "owners": ["me"]}),
    (
        "biggest swing deals for team west this quarter",
        "list_make_or_break_deals",
        {"period": "quarter", "owners": ["Team West"]},
    ),
    ("how's grace trending vs quota", "get_ae_performance", {"owners": ["Grace Okafor"]}),
    ("odds on stark", "get_deal_odds", {"company": "Stark Industries"}),
    ("which deals were created this week", None, {"intent": "unsupported_filter"}),
    ("at risk deals in healthcare", None, {"intent": "unsupported_filter"}),
    ("pipeline by product", None, {"intent": "unsupported_filter"}),
    ("silent deals for acme", None, {"intent": "unsupported_filter"}),
    ("update the close date on initech to friday", None, {"intent": "write"}),
    ("what's hooli's stock doing", None, {"intent": "out_of_scope"}),
    ("what can this bot do", None, {"intent": "help"}),
]
