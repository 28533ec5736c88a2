"""Arguments from the capability's own schema: every field a question can fill, read by one slot parser per idea.

The rules of `understanding.py` and `decide.py` pick a capability and read the arguments of the deal capabilities;
the insight and intelligence capabilities take other arguments (an owner, a top-N limit, a look-back in days, an
objection category, a persona, a competitor, a month-or-quarter period). `schema_args` reads each field the chosen
capability declares and the question gives, so a capability chosen by a rule, by the classifier or offered as a
clarifying choice gets the same arguments. A field the question fills that the rule already set is left alone.
"""

from __future__ import annotations

import re
import time
from datetime import date
from typing import Any

from sqlmodel import Session

from bot.copilot import slots
from bot.copilot.understanding import _COMPETITOR_AFTER, Names, Unapplied, owners_named, window_period
from tools.capabilities import get_capability
from tools.parsing.numbers import COUNT_WORDS_RE, number

_COMPETITORS_CACHE: dict[str, tuple[float, list[str]]] = {}


def known_competitors(session: Session) -> list[str]:
    """The competitors the workspace names (close reasons, call labels) plus the defaults, read once a minute."""
    key = str(session.get_bind().engine.url)
    cached = _COMPETITORS_CACHE.get(key)
    if cached and time.monotonic() - cached[0] < 60:
        return cached[1]
    from tools.calls.analyze import known_competitors as from_store
    from tools.insights.history import known_competitors as from_labels

    found = sorted(set(from_store(session)) | set(from_labels(session)))
    _COMPETITORS_CACHE[key] = (time.monotonic(), found)
    return found


_LIMIT_AFTER = re.compile(
    r"\b(?P<n>\d{1,2})\s+(?:lost |closed |open |big |biggest |swing |key )?(?:deals|opps|accounts)\b"
)
_LIMIT_ASKED = re.compile(
    r"\b(?:show|give|send|list|pull|get)(?: me| us)?(?: the)?(?: top| just| only)? (?P<n>\d{1,2}|"
    + COUNT_WORDS_RE
    + r")\b(?!\s*(?:\+|%|\$|k\b|m\b|days?\b|weeks?\b|months?\b|d\b))"
    r"|\b(?:just|only|limit(?: it)?(?: to)?|max(?:imum)?(?: of)?) (?P<m>\d{1,2})\b(?!\s*(?:\+|%|\$|k\b|m\b|days?\b"
    r"|weeks?\b|months?\b|d\b))(?=\s*(?:[.,;!?]|$|please|pls|thanks|of them|deals|opps))"
)
"""How many asked for in so many words ("show me 8", "give me 3", "just 4 please"): the list's length."""
_LIMIT_OF = re.compile(
    r"\b(?:which|what|the|top|name|pick)\s+(?P<n>\d{1,2}|" + COUNT_WORDS_RE + r")\s+of\s+"
    r"(?:my|our|the|his|her|their|team \w+'s|\w+'s)\s+(?:\w+\s+)?(?:deals|opps|accounts)\b"
)
"""A few picked out of a book ("which 3 of my deals decide the quarter", "the two of our deals that..."): the length."""


def schema_args(
    tool: str,
    text: str,
    names: Names,
    company: str | None,
    session: Session,
    args: dict[str, Any],
    today: date | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """`args` completed with every schema field of `tool` the question gives; plus what it gave but cannot apply.

    Fields already in `args` are kept (a rule read them). Returns the arguments and the filters said but not taken
    ("more than one owner" for a capability that takes one).
    """
    cap = get_capability(tool)
    if cap is None:
        return args, []
    fields = cap.args_schema.model_fields
    low = text.lower()
    out = dict(args)
    unapplied: list[str] = []
    if "owner" in fields and not out.get("owner"):
        owners = owners_named(text, names, company)
        teams = {t for _i, _n, t in names.owners if t} | {"my team"}
        if len(owners) == 1 and owners[0] not in teams:
            out["owner"] = owners[0]
        elif owners:
            unapplied.append(Unapplied(f"a filter to {', '.join(owners)} (this takes one AE)", "owner"))
    if "owners" in fields and not out.get("owners") and tool in OWNER_LIST_TOOLS:
        owners = owners_named(text, names, company)
        if owners:
            out["owners"] = owners
    if "limit" in fields and "limit" not in out:
        top = slots.parse_top_n(low)
        if top is None:
            m = _LIMIT_AFTER.search(low)
            top = int(m.group("n")) if m else None
        if top is None:
            asked = _LIMIT_ASKED.search(low)
            word = (asked.group("n") or asked.group("m")) if asked else None
            top = number(word) if word else None
        if top is None:
            picked = _LIMIT_OF.search(low)
            top = number(picked.group("n")) if picked else None
        if top:
            maximum = next((m.le for m in fields["limit"].metadata if hasattr(m, "le")), None)
            out["limit"] = min(top, maximum) if maximum else top
    if "days" in fields and "days" not in out and tool == "get_objections_this_week":
        days = slots.parse_days_back(low)
        if days:
            out["days"] = min(days, 90)
    if "period" in fields and "period" not in out and tool in ("forecast_bookings", "list_make_or_break_deals"):
        out["period"] = window_period(low, today)
    if "category" in fields and not out.get("category") and tool == "get_objection_map":
        category = slots.parse_objection_category(low)
        if category:
            out["category"] = category
    if "persona" in fields and not out.get("persona"):
        persona = slots.parse_persona(low)
        if persona:
            out["persona"] = persona
    if "competitor" not in fields and tool in NO_COMPETITOR_FILTER:
        rival = slots.parse_competitor(text, known_competitors(session))
        if rival:  # "revive list - only deals we lost to DataPilot": the list is not by competitor; said, not dropped
            unapplied.append(Unapplied(f"a competitor filter ({rival})", "rival"))
    if "competitor" in fields and not out.get("competitor"):
        competitor = slots.parse_competitor(text, known_competitors(session))
        if competitor is None:  # a name the workspace has not met: the tool says so and lists the known ones
            m = _COMPETITOR_AFTER.search(text)
            competitor = m.group(1).strip() if m else None
        if competitor:
            out["competitor"] = competitor
    return out, unapplied


NO_COMPETITOR_FILTER = frozenset({"get_reactivation_list", "get_loss_reasons", "get_pain_points", "get_buyer_personas"})
"""Readings of won and lost deals that take no competitor: one named is a filter said as not applied."""
OWNER_LIST_TOOLS = frozenset({"forecast_bookings", "list_make_or_break_deals", "get_ae_performance"})
"""Insight and intelligence capabilities whose `owners` field this module reads (the deal tools read their own)."""
INSIGHT_TOOLS = frozenset(
    {
        "get_buyer_personas",
        "get_pain_points",
        "get_objection_map",
        "get_objections_this_week",
        "get_battle_card",
        "get_loss_reasons",
        "get_reactivation_list",
        "forecast_bookings",
        "list_make_or_break_deals",
        "get_ae_performance",
    }
)
"""The capabilities whose arguments `schema_args` reads (the others have rules and slot readers of their own)."""
