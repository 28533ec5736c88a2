"""Slot parsers beyond those of `bot/copilot/understanding.py`: amount ranges, top-N, closed periods, metrics...

Closed periods face the past ("in November" after November means the November just gone); the others read
breakdowns, segments, deal facts, source kinds and the topic of a conversation search.

They build on the parsers of `understanding.py` (`parse_period`, `parse_amount`, the month and quarter helpers): one
parser per idea. Each returns None when the question does not say, so the capability's default applies and
understanding can tell what it explained.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tools.parsing.amounts import parse_amount_floor as parse_amount
from tools.parsing.amounts import scaled
from tools.parsing.dates import month_bounds as _month_bounds
from tools.parsing.dates import quarter_bounds as _quarter_bounds
from tools.parsing.numbers import NUMBER_WORDS
from tools.parsing.periods import MONTH_NAMES as MONTHS
from tools.parsing.periods import parse_period

_NUM = r"(?P<{0}>\d+(?:[.,]\d+)*)\s*(?P<{0}u>k|mm|m|thousand|million)?"


def _money(number: str, unit: str | None) -> float:
    return scaled(number, unit)


_RANGE = re.compile(
    r"(?:between|from)\s*\$?\s*" + _NUM.format("a") + r"\s*(?:and|to|-|–)\s*\$?\s*" + _NUM.format("b") + r"\b"
    r"|\$?" + _NUM.format("c") + r"\s*(?:-|–|to)\s*\$?\s*" + _NUM.format("d") + r"\b"
)
_CEILING = re.compile(
    r"(?:under|below|less than|smaller than|at most|no more than|up to|<=?|max(?:imum)?|cheaper than)\s*\$?\s*"
    + _NUM.format("n")
    + r"\b"
)


def parse_amount_range(text: str) -> tuple[float | None, float | None]:
    """Read an amount range: "between 50k and 100k", "$50-100k", "under 20k", plus the floors of `parse_amount`."""
    low = text.lower()
    m = _RANGE.search(low)
    if m:
        a, au, b, bu = (m.group("a"), m.group("au"), m.group("b"), m.group("bu"))
        if a is None:
            a, au, b, bu = m.group("c"), m.group("cu"), m.group("d"), m.group("du")
        if au or bu or "$" in m.group(0):
            hi = _money(b, bu)
            lo = _money(a, au or bu)  # "50-100k": the unit of the top applies to the bottom
            if lo <= hi:
                return lo, hi
    top = None
    m = _CEILING.search(low)
    if m and (m.group("nu") or "$" in m.group(0) or float(m.group("n").replace(",", "")) >= 1000):
        top = _money(m.group("n"), m.group("nu"))
    return parse_amount(low), top


_TOP = re.compile(
    r"\b(?:top|biggest|largest|highest|best)\s+(?P<a>\d+|[a-z]+)\b|\b(?P<b>\d+|[a-z]+)\s+(?:biggest|largest|top)\b"
)


def parse_top_n(text: str) -> int | None:
    """Read "top 5", "the 10 biggest", "largest three"."""
    for m in _TOP.finditer(text.lower()):
        word = m.group("a") or m.group("b")
        n = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
        if n and (n > 1 or word.isdigit()):
            return n
    return None


# --- closed periods --------------------------------------------------------------------------------------------------

_SO_FAR = re.compile(
    r"\b(?:this|the current) (?P<u1>month|quarter|year) so far\b|\b(?P<u2>month|quarter|year)[- ]to[- ]date\b"
    r"|\b(?P<abbr>mtd|qtd|ytd)\b|\bso far this (?P<u3>month|quarter|year)\b"
)
_LAST_N = re.compile(r"\b(?:last|past|previous)\s+(?P<n>\d+|[a-z]+)\s+(?P<unit>days?|weeks?|months?)\b")


def _period_start(unit: str, today: date) -> date:
    if unit == "month":
        return today.replace(day=1)
    if unit == "quarter":
        return _quarter_bounds(today)[0]
    return date(today.year, 1, 1)


def parse_closed_period(text: str, today: date) -> tuple[date, date, str] | None:
    """Read the period of closed deals, facing the past ("in November" is the one gone by).

    Also "last quarter", "Q3", "this month so far", "YTD", "past 90 days", "this year".
    """
    low = text.lower()
    m = _SO_FAR.search(low)
    if m:
        unit = (
            m.group("u1")
            or m.group("u2")
            or m.group("u3")
            or {"mtd": "month", "qtd": "quarter", "ytd": "year"}[m.group("abbr")]
        )
        start = _period_start(unit, today)
        return start, today, f"this {unit} so far ({start:%b %-d} – {today:%b %-d})"
    m = _LAST_N.search(low)
    if m:
        n = int(m.group("n")) if m.group("n").isdigit() else NUMBER_WORDS.get(m.group("n"))
        if n:
            unit = m.group("unit").rstrip("s")
            days = n * {"day": 1, "week": 7, "month": 30}[unit]
            return today - timedelta(days=days), today, f"the last {days} days"
    found = parse_period(low, today)
    if found is None:
        return None
    start, end, label = found
    if start > today:  # a month or quarter named without a year means the last one, for deals already closed
        mon = re.search(r"\b(?:" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\b", low)
        if mon or re.search(r"\bq[1-4]\b", low):
            start = date(start.year - 1, start.month, 1)
            end = _quarter_bounds(start)[1] if re.search(r"\bq[1-4]\b", low) else _month_bounds(start)[1]
            label = f"Q{(start.month - 1) // 3 + 1} {start.year}" if "q" in label.lower()[:2] else f"{start:%B %Y}"
        else:
            return None  # "next month" has no closed deals: the period cannot apply
    return start, end, label


# --- metrics, breakdowns, segments -----------------------------------------------------------------------------------

METRIC_WORDS: tuple[tuple[str, str], ...] = (
    ("win_rate", r"win(?:ning)? ?(?:rate|ratio|%|percent(?:age)?)|close ?rate|closing rate|conversion rate|hit rate"),
    ("cycle_time", r"(?:sales )?cycle|days to (?:close|win)|time to (?:close|win)|how long (?:does it|do deals|is)"),
    (
        "avg_deal_size",
        r"average (?:won )?(?:deal|contract|order)|avg\.? (?:won )?(?:deal|contract)|deal size|\bacv\b"
        r"|average (?:size|value|amount)|typical deal",
    ),
    ("closed_count", r"won ?(?:or|and|\+|/) ?lost|lost ?(?:or|and|\+|/) ?won|closed in total|total closed deals"),
    ("lost_count", r"\blost\b|\blose\b|\blosing\b|closed[- ]lost"),
    ("won_amount", r"revenue|bookings?|\bbooked\b|how much|amount|\$|dollars|\btotal\b|\bsum\b|\bvalue\b"),
    ("won_count", r"how many|number of|\bcount\b|\b# of\b|\bdeals\b"),
)
_METRIC_RE = [(name, re.compile(pattern)) for name, pattern in METRIC_WORDS]


def parse_metric(text: str) -> str | None:
    """Read which closed-deal figure is asked for (the first, most specific, that matches)."""
    low = text.lower()
    for name, pattern in _METRIC_RE:
        if pattern.search(low):
            return name
    return "won_amount" if re.search(r"\b(?:won|win|closed|close|sold|sell)\b", low) else None


BY_WORDS: tuple[tuple[str, str], ...] = (
    ("owner", r"\b(?:by|per|each|every|for each) (?:owner|rep|ae|seller|person)s?\b|\bwho (?:closed|won|sold|booked)"
     r"|\brep by rep\b|\bleaderboard\b|\bby reps?\b"),
    ("team", r"\b(?:by|per|each|every|for each) team\b|\bteam by team\b"),
    ("segment", r"\b(?:by|per|each) (?:segment|company size|size)\b"),
    ("industry", r"\b(?:by|per|each) (?:industry|vertical)\b"),
    ("region", r"\b(?:by|per|each) (?:region|geo|territory)\b"),
    ("month", r"\b(?:by|per|each|every) month\b|\bmonthly\b|\bmonth by month\b|\bmonth over month\b"),
)  # fmt: skip
_BY_RE = [(name, re.compile(pattern)) for name, pattern in BY_WORDS]


def parse_breakdown(text: str) -> str | None:
    """Read "by owner", "per team", "by segment", "monthly"..."""
    low = text.lower()
    return next((name for name, pattern in _BY_RE if pattern.search(low)), None)


SEGMENT_WORDS: tuple[tuple[str, str], ...] = (
    ("mid_market", r"\bmid[- ]?market\b|\bmid[- ]?size(?:d)?\b|\bmid[- ]?tier\b"),
    ("smb", r"\bsmbs?\b|\bsmall(?: and medium)?(?: business(?:es)?| companies| customers| accounts)\b"),
    ("enterprise", r"\benterprises?\b|\blarge (?:companies|customers|accounts)\b"),
)
_SEGMENT_RE = [(name, re.compile(pattern)) for name, pattern in SEGMENT_WORDS]


def parse_segment(text: str, known: set[str] = frozenset()) -> str | None:  # type: ignore[assignment]
    """Read a size segment ("enterprise", "mid-market", "SMB") or a stored industry or region named in `known`."""
    low = text.lower()
    for name, pattern in _SEGMENT_RE:
        if pattern.search(low):
            return name
    for value in sorted(known, key=len, reverse=True):
        if len(value) >= 3 and re.search(r"\b" + re.escape(value.lower()) + r"\b", low):
            return value
    return None


FACT_WORDS: tuple[tuple[str, str], ...] = (
    ("champion", r"\bchampions?\b|\bchamps?\b|\binternal (?:advocate|sponsor)\b"),
    (
        "stakeholders",
        r"stakeholders?|\bcontacts?\b|\bwho(?:'s| is| are)? (?:involved|on (?:the|their) side)|economic buyer"
        r"|decision[- ]?makers?(?! bought)|buying (?:committee|group)|who are we (?:talking|working) (?:to|with)"
        r"|\bwhich people\b|\bwho (?:are|do) we (?:know|have)\b",
    ),
    (
        "owner",
        r"\bwho owns\b|\bwhose (?:deal|account|opp)|\bowner of\b|\bowns\b|\bwho(?:'s| is) the (?:owner|ae|rep)\b"
        r"|\b(?:ae|rep|account exec(?:utive)?|seller) (?:on|for)\b|\bwho(?:'s| is) (?:working|handling|running"
        r"|covering)\b|\bassigned to\b(?! me)|^whose\b",
    ),
)
_FACT_RE = [(name, re.compile(pattern)) for name, pattern in FACT_WORDS]


def parse_fact(text: str) -> str | None:
    """Read which deal fact is asked: champion, stakeholders or owner."""
    low = text.lower()
    return next((name for name, pattern in _FACT_RE if pattern.search(low)), None)


def parse_kinds(text: str) -> list[str] | None:
    """Read the conversation sources named: calls (transcripts), emails, notes."""
    low = text.lower()
    kinds = [
        kind
        for kind, pattern in (
            ("call", r"\bcalls?\b|\btranscripts?\b|\bon the phone\b"),
            ("email", r"\be-?mails?\b|\binbox\b"),
            ("note", r"\bnotes?\b"),
        )
        if re.search(pattern, low)
    ]
    return kinds or None


_TOPIC = re.compile(
    r"\b(?:about|regarding|re|on the topic of|talk of|mentioning|mentioned|mention|mentions|bring up|brought up"
    r"|bringing up"
    r"|raised|raise|raising|talk(?:ed)? about|complain(?:ed)? about|concerns? (?:about|on|with)|for|around)"
    r"\s+(?P<t>.+)$"
)


def conversation_topic(text: str, company: str | None) -> str | None:
    """The topic of "what did Acme say about security?" → "security" (None when no topic is named)."""
    low = text.lower().strip(" ?.!")
    if company:
        low = re.sub(re.escape(company.lower()) + r"(?:'s)?", " ", low)
    m = _TOPIC.search(low)  # the first marker: "what did they say about X" → X
    if m is None:
        return None
    topic = re.sub(r"^(?:the|a|an|any|our|their|its)\s+", "", m.group("t").strip())
    topic = re.sub(
        r"\s+(?:on|in|at|during|from) (?:the |any |our |a )?(?:calls?|emails?|notes?|meetings?)\b.*$", "", topic
    )
    return topic.strip(" ,") or None


_SINCE = re.compile(
    r"\bsince (?P<mon>" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\b"
    r"|\b(?:in|over|during) the (?:last|past) (?P<n>\d+|[a-z]+) (?P<unit>days?|weeks?|months?)\b"
    r"|\bsince (?P<last>last) (?P<lunit>week|month|quarter)\b"
)


def parse_since(text: str, today: date) -> date | None:
    """Read the start of a conversation search: "since October", "in the last 2 weeks", "since last month"."""
    m = _SINCE.search(text.lower())
    if not m:
        return None
    if m.group("mon"):
        month = next(i for i, name in enumerate(MONTHS, start=1) if name.startswith(m.group("mon")[:3]))
        year = today.year if month <= today.month else today.year - 1
        return date(year, month, 1)
    if m.group("n"):
        n = int(m.group("n")) if m.group("n").isdigit() else NUMBER_WORDS.get(m.group("n"))
        if not n:
            return None
        unit = m.group("unit").rstrip("s")
        return today - timedelta(days=n * {"day": 1, "week": 7, "month": 30}[unit])
    unit = m.group("lunit")
    if unit == "week":
        return today - timedelta(days=today.weekday() + 7)
    if unit == "month":
        return _month_bounds(today, -1)[0]
    return _quarter_bounds(today, -1)[0]
