# ruff: noqa: E501  (one question per line)
"""Fourth probe set of the understanding helper (2026-12-07), written after 7c's fixes and run once.

Typos and shorthand in the newer families, filters said in other words, comparisons and top-N in other shapes. Not in
the classifier's training set. Conventions as in `questions.py` (asked as Dana Whitfield, Team East).
"""

from __future__ import annotations

from typing import Any

Case = tuple[str, str | None, dict[str, Any]]

PROBE_10: list[Case] = [
    ("buyer persnas", "get_buyer_personas", {}),
    ("what do execs care about when they buy", "get_buyer_personas", {"persona": "Executive sponsor"}),
    ("pain pts from won deals", "get_pain_points", {}),
    ("objection mapp", "get_objection_map", {}),
    ("how does pricing pushback affect win rate", "get_objection_map", {"category": "pricing"}),
    ("objections in the last fortnight", "get_objections_this_week", {"days": 14}),
    ("new pushback this week", "get_objections_this_week", {"days": 7}),
    ("battlecard metricly pls", "get_battle_card", {"competitor": "Metricly"}),
    ("are we beating quantix", "get_battle_card", {"competitor": "Quantix"}),
    ("loss reasons for jamal", "get_loss_reasons", {"owner": "Jamal Carter"}),
    ("why r we losing", "get_loss_reasons", {}),
    ("revive list for me", "get_reactivation_list", {"owner": "me"}),
    ("what are the chances on wayne enterprises", "get_deal_odds", {"company": "Wayne Enterprises"}),
    ("forecast q this quarter for carlos", "forecast_bookings", {"period": "quarter", "owners": ["Carlos Mendes"]}),
    ("what's the commit forecast for the month", "forecast_bookings", {"period": "month"}),
    (
        "make-or-break deals this month for team east",
        "list_make_or_break_deals",
        {"period": "month", "owners": ["Team East"]},
    ),
    ("how is helen doing vs the rest", "get_ae_performance", {"owners": ["Helen Brooks"]}),
    (
        "compare kenji, megan and tyler",
        "get_ae_performance",
        {"owners": ["Kenji Watanabe", "Megan Foster", "Tyler Nguyen"]},
    ),
    (
        "win rate me vs jamal this year",
        "get_closed_deal_metrics",
        {"metric": "win_rate", "owners": ["me", "Jamal Carter"], "by": "owner", "period": "this_year"},
    ),
    (
        "bookings by team this quarter",
        "get_closed_deal_metrics",
        {"metric": "won_amount", "by": "team", "period": "qtd"},
    ),
    ("avg deal size last year", "get_closed_deal_metrics", {"metric": "avg_deal_size", "period": "last_year"}),
    ("largest deal per rep", None, {"intent": "unsupported_filter"}),
    ("3 smallest deals in the pipeline", None, {"intent": "unsupported_filter"}),
    ("deals owned by team west worth over 200k", "search_deals", {"owners": ["Team West"], "min_amount": 200000}),
    ("top five deals for me", "search_deals", {"owners": ["me"], "limit": 5}),
    (
        "how many deals did team east close in october",
        "get_closed_deal_metrics",
        {"metric": "won_count", "owners": ["Team East"], "period": "past_month:10"},
    ),
    ("number of deals stuck in appointment scheduled", "count_deals", {"stages": ["appointmentscheduled"]}),
    ("at-risk deals in apac", None, {"intent": "unsupported_filter"}),
    ("silent mid-market deals", None, {"intent": "unsupported_filter"}),
    ("make or break deals in manufacturing", None, {"intent": "unsupported_filter"}),
    ("objection map for deals over 50k", None, {"intent": "unsupported_filter"}),
    ("deals created by marketing", None, {"intent": "unsupported_filter"}),
    ("send the globex brief to my manager", None, {"intent": "write"}),
    ("what's the population of canada", None, {"intent": "out_of_scope"}),
]
