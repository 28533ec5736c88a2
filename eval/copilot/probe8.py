# ruff: noqa: E501  (one question per line)
"""Second probe set of the understanding helper (2026-12-07), written after the first probe's fixes and run once.

New phrasings over every capability family, by the same helper, to measure how the round's structural fixes carry to
wording they were not made for. Not in the classifier's training set. Conventions as in `questions.py` (asked as Dana
Whitfield, Team East).
"""

from __future__ import annotations

from typing import Any

Case = tuple[str, str | None, dict[str, Any]]

PROBE_8: list[Case] = [
    # insights
    ("who's typically on the buying side when we close", "get_buyer_personas", {}),
    ("finance approver persona details", "get_buyer_personas", {"persona": "Finance approver"}),
    ("what are customers' top pains", "get_pain_points", {}),
    ("why do buyers pick us", "get_pain_points", {}),
    ("which objections drag our win rate down", "get_objection_map", {}),
    ("win rate when buyers raise competitor objections", "get_objection_map", {"category": "competitor"}),
    ("objections heard this past week", "get_objections_this_week", {"days": 7}),
    ("what did prospects push back on in the last 5 days", "get_objections_this_week", {"days": 5}),
    ("battle card: lookwise", "get_battle_card", {"competitor": "Lookwise"}),
    ("how are we doing vs quantix lately", "get_battle_card", {"competitor": "Quantix"}),
    ("why do we keep losing", "get_loss_reasons", {}),
    ("why is kenji losing", "get_loss_reasons", {"owner": "Kenji Watanabe"}),
    ("which lost deals are worth reopening for luis", "get_reactivation_list", {"owner": "Luis Ortega"}),
    ("top 4 lost deals to win back", "get_reactivation_list", {"limit": 4}),
    # intelligence
    ("what are the odds we land hooli", "get_deal_odds", {"company": "Hooli"}),
    ("likelihood globex signs", "get_deal_odds", {"company": "Globex"}),
    ("monthly bookings forecast for team west", "forecast_bookings", {"period": "month", "owners": ["Team West"]}),
    ("what's my number going to be this quarter", "forecast_bookings", {"period": "quarter", "owners": ["me"]}),
    ("make or break deals for grace", "list_make_or_break_deals", {"period": "quarter", "owners": ["Grace Okafor"]}),
    ("which 2 deals decide the month", "list_make_or_break_deals", {"period": "month", "limit": 2}),
    ("how's rachel doing", "get_ae_performance", {"owners": ["Rachel Stein"]}),
    ("me vs jamal", "get_ae_performance", {"owners": ["me", "Jamal Carter"]}),
    # metrics
    (
        "team east vs team west win rate this year",
        "get_closed_deal_metrics",
        {"metric": "win_rate", "by": "team", "period": "this_year"},
    ),
    (
        "average deal size for mid-market vs enterprise",
        "get_closed_deal_metrics",
        {"metric": "avg_deal_size", "by": "segment"},
    ),
    (
        "how much did we book last quarter",
        "get_closed_deal_metrics",
        {"metric": "won_amount", "period": "last_quarter"},
    ),
    (
        "how many deals did megan lose this quarter",
        "get_closed_deal_metrics",
        {"metric": "lost_count", "owners": ["Megan Foster"], "period": "qtd"},
    ),
    # deals / counts
    (
        "the 5 biggest deals in decision maker bought in",
        "search_deals",
        {"limit": 5, "stages": ["decisionmakerboughtin"]},
    ),
    ("top 10 open deals for team east", "search_deals", {"limit": 10, "owners": ["Team East"]}),
    (
        "emily's top 3 deals closing this quarter",
        "search_deals",
        {"owners": ["Emily Nakamura"], "limit": 3, "period": "this_quarter"},
    ),
    ("how many deals over 100k are closing this month", "count_deals", {"min_amount": 100000, "period": "this_month"}),
    # risk / silent / latest
    ("is initech at risk", "list_at_risk_deals", {"company": "Initech"}),
    ("risk on the soylnet deal", "list_at_risk_deals", {"company": "Soylent"}),
    ("my silent deals over 7 days", "list_silent_deals", {"owners": ["me"], "days": 7}),
    ("what's going on with globex", "get_latest_on_company", {"company": "Globex"}),
    # filters that cannot apply: ask or say so
    ("silent deals in emea", None, {"intent": "unsupported_filter"}),
    ("at-risk smb deals", None, {"intent": "unsupported_filter"}),
    ("deals from partner referrals", None, {"intent": "unsupported_filter"}),
    ("objections this week on enterprise deals", None, {"intent": "unsupported_filter"}),
    ("forecast for last month", None, {"intent": "unsupported_filter"}),
    ("why is team east losing deals", None, {"intent": "unsupported_filter"}),
    # nothing to do
    ("delete the acme deal", None, {"intent": "write"}),
    ("who won the super bowl", None, {"intent": "out_of_scope"}),
]
