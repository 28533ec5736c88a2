# ruff: noqa: E501  (one question per line)
"""Fifth probe set of the understanding helper (2026-12-07), written after 7d's fixes and run once.

Longer, polite sentences and manager questions over every family. Not in the classifier's training set.
Conventions as in `questions.py` (asked as Dana Whitfield, Team East).
"""

from __future__ import annotations

from typing import Any

Case = tuple[str, str | None, dict[str, Any]]

PROBE_11: list[Case] = [
    ("could you tell me which personas we usually win with", "get_buyer_personas", {}),
    ("i'd like to understand what pain points our customers had before buying", "get_pain_points", {}),
    ("can you show me how each objection type affects our win rate", "get_objection_map", {}),
    ("please list the objections buyers raised over the past 3 days", "get_objections_this_week", {"days": 3}),
    ("i need a battle card for datapilot before my call", "get_battle_card", {"competitor": "DataPilot"}),
    ("can you explain why team east's reps lose deals", None, {"intent": "unsupported_filter"}),
    ("which of luis's lost deals could be revived", "get_reactivation_list", {"owner": "Luis Ortega"}),
    ("what do you think our odds are on initech", "get_deal_odds", {"company": "Initech"}),
    ("give me the bookings forecast for this quarter please", "forecast_bookings", {"period": "quarter"}),
    (
        "which deals should i focus on to make my quarter",
        "list_make_or_break_deals",
        {"period": "quarter", "owners": ["me"]},
    ),
    ("how has emily been performing compared to the team", "get_ae_performance", {"owners": ["Emily Nakamura"]}),
    ("what was our win rate in q3", "get_closed_deal_metrics", {"metric": "win_rate", "period": "past_q:3"}),
    (
        "how much revenue did kenji close last month",
        "get_closed_deal_metrics",
        {"metric": "won_amount", "owners": ["Kenji Watanabe"], "period": "last_month"},
    ),
    (
        "can you list my deals over 75k closing this quarter",
        "search_deals",
        {"owners": ["me"], "min_amount": 75000, "period": "this_quarter"},
    ),
    (
        "how many deals do we have in presentation scheduled right now",
        "count_deals",
        {"stages": ["presentationscheduled"]},
    ),
    ("which of rachel's deals are at risk", "list_at_risk_deals", {"owners": ["Rachel Stein"]}),
    ("which deals haven't heard from the buyer in over a week", "list_silent_deals", {"days": 7}),
    ("could you catch me up on stark industries", "get_latest_on_company", {"company": "Stark Industries"}),
    ("i have a meeting with soylent tomorrow, can you prep me", "get_company_brief", {"company": "Soylent"}),
    ("what happened on the last call with umbrella", "get_call_summary", {"company": "Umbrella Corporation"}),
    ("who is the economic buyer at globex", "get_deal_facts", {"company": "Globex", "fact": "stakeholders"}),
    ("what's on my agenda today", "get_my_day", {"owners": ["me"]}),
    ("has anyone at initech mentioned security", "search_conversations", {"company": "Initech"}),
    (
        "how should i respond when a prospect says we're too expensive",
        "search_objection_handling",
        {"category": "pricing"},
    ),
    (
        "can you show win rate by industry",
        "get_closed_deal_metrics",
        {"metric": "win_rate", "by": "industry"},
    ),  # label corrected after the first run: the metrics take `by=industry`
    ("the forecast for emea", None, {"intent": "unsupported_filter"}),
    ("battle card for datapilot in healthcare", None, {"intent": "unsupported_filter"}),
    ("please move the acme deal to closed won", None, {"intent": "write"}),
    ("what's the capital of france", None, {"intent": "out_of_scope"}),
]
