"""Periods and day counts in questions: "this quarter", "Q3", "next 30 days", "EOM", "in March"; "5+ days", "a week".

Also "next 30d", "the rest of the month", "first half of next year", "in 2027", "before end of q".

Periods are team-local dates; a month, a run of months ("nov-dec") or a quarter named without a year is the next one
that has not ended.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tools.parsing.dates import month_bounds, quarter_bounds
from tools.parsing.numbers import COUNTED_NOUNS, NUMBER_RE, number

_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
)
MONTH_WORD = _MON
"""A month's name or abbreviation, whole ("mar", "march"; never the start of "marketing"): add word boundaries."""
PERIOD_RE = re.compile(
    r"\b(?P<rel>this|next|last|current|the current|coming|upcoming)\s+(?P<unit>week|month|quarter|qtr|q|year)"
    r"|(?P<end>(?:by |before |until |till |for |over |in |during )?(?:the )?(?:end|rest|remainder|balance) of "
    r"(?:the |this |(?P<enext>next) )?"
    r"(?P<eunit>week|month|quarter|qtr|q|year)\b)"
    r"|(?P<ye>(?:by |before |until |till )?(?:the )?(?P<yeunit>year|quarter|qtr|month)[- ]end\b)"
    r"|\b(?:the )?(?P<ordq>first|second|third|fourth|1st|2nd|3rd|4th) (?:quarter|qtr)\b"
    r"|(?P<eo>eo(?P<eounit>m|q|y))\b"
    r"|\b(?:next|coming|within(?: the next)?|in the next|over the next|in)\s+"
    r"(?!(?:this|next|last|past|previous|current|coming|upcoming)\b)(?P<n>\d+|[a-z]+)\s+(?P<nunit>days?|weeks?|months?)"
    r"|\b(?:next|coming|within(?: the next)?|in the next|over the next|in)\s+(?P<nd>\d+)\s*d\b"
    r"|\b(?P<q>q[1-4])\b"
    r"|\b(?:(?P<half>first|1st|second|2nd) half|(?P<hh>h[12]))"
    r"(?!\s+of\s+(?:the\s+|this\s+|next\s+|last\s+)?(?:month|quarter|qtr|week|" + _MON + r")\b)"  # half a month
    r"(?:\s+of)?(?:\s+(?P<hrel>the|this|next|last)\s+year"
    r"|\s+(?P<hyear>20\d{2}))?\b"
    r"|\b(?:in|for|during|of|fy|cy)\s*'?(?P<year>20\d{2})\b(?!\s*(?:k|m|\$|usd|dollars)|\s+" + COUNTED_NOUNS + ")"
    r"|\b(?P<day>today|tomorrow)\b"
    r"|\b(?:by|before|until|till|through|thru) (?:the )?end of (?P<emon>" + _MON + r")\b\.?(?!\s*\d)"
    r"|\b(?:before|prior to) (?P<bmon>" + _MON + r")\b\.?(?!\s*\d)"
    r"|\b(?:in the next|over the next|within(?: the next)?|next|coming|in)\s+(?:a |the )?(?P<fortnight>fortnight)\b"
    r"|\b(?:in |by |from |between )?(?P<mr1>" + _MON + r")\.?(?:\s*,\s*" + _MON + r"\.?)*,?"
    r"\s*(?:and|&|or|/|to|through|thru|till|until|-|–)\s*(?:the end of |end of )?(?P<mr2>" + _MON + r")\b"
    r"|\b(?:in |by )?(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)\b"
)
TO_A_MONTH = re.compile(
    r"\b(?:(?:by|before|until|till|through|thru) (?:the )?end of|before|prior to)\s+(?=" + _MON + r"\b)"
)
"""The words that make a month named the end of a range from today ("by the end of jan", "before feb")."""
MONTH_NAMES = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip


FROM_TODAY = re.compile(
    r"\b(?:between\s+|from\s+|starting\s+)?(?:today|now|right now)\s*(?:and|to|through|thru|until|till|-|–)\s+"
    r"(?=(?:the\s+|by\s+|until\s+)?(?:end|eo[mqy]|next|this|coming|(?:year|quarter|qtr|month)[- ]end|tomorrow|q[1-4]|"
    + _MON
    + r"))"
)
"""A range that starts today and ends at a later period: "between today and the end of the month", "today thru eom"."""


def parse_period(text: str, today: date) -> tuple[date, date, str] | None:
    """Read a period such as "this quarter", "next 30 days", "end of month", "Q3" or "in March" (team-local dates).

    "Between today and the end of the month", "from today through next week": from today to the end of that period.
    """
    opening = FROM_TODAY.search(text)
    if opening:
        rest = parse_period(text[opening.end() :], today)
        if rest and rest[1] >= today:
            label = rest[2] if rest[2].startswith("from today") else f"from today to {rest[2]} ({rest[1]:%b %-d})"
            return today, rest[1], label
    m = PERIOD_RE.search(text)
    if not m:
        return None
    if m.group("unit"):
        rel = m.group("rel")
        offset = 1 if rel in ("next", "coming", "upcoming") else (-1 if rel == "last" else 0)
        unit = {"qtr": "quarter", "q": "quarter"}.get(m.group("unit"), m.group("unit"))
        if unit == "week":
            start = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
            return start, start + timedelta(days=6), f"{rel} week"
        if unit == "month":
            s, e = month_bounds(today, offset)
            return s, e, f"{rel} month ({s:%B})"
        if unit == "quarter":
            s, e = quarter_bounds(today, offset)
            return s, e, f"{rel} quarter (Q{(s.month - 1) // 3 + 1} {s.year})"
        year = today.year + offset
        return date(year, 1, 1), date(year, 12, 31), f"{rel} year ({year})"
    if m.group("ordq"):
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(m.group("ordq"), 4)
        s = date(today.year, (q - 1) * 3 + 1, 1)
        if quarter_bounds(s)[1] < today:
            s = date(today.year + 1, s.month, 1)
        s, e = quarter_bounds(s)
        return s, e, f"Q{q} {s.year}"
    if m.group("end") or m.group("eo") or m.group("ye"):
        unit = m.group("eunit") or m.group("yeunit") or {"m": "month", "q": "quarter", "y": "year"}[m.group("eounit")]
        unit = "quarter" if unit in ("qtr", "q") else unit
        shift = 1 if m.group("enext") else 0  # "before the end of next month"
        if unit == "week":
            end = today - timedelta(days=today.weekday()) + timedelta(days=6 + 7 * shift)
        elif unit == "month":
            end = month_bounds(today, shift)[1]
        elif unit == "quarter":
            end = quarter_bounds(today, shift)[1]
        else:
            end = date(today.year + shift, 12, 31)
        return today, end, f"from today to the end of the {'next ' if shift else ''}{unit} ({end:%b %-d})"
    if m.group("nunit") or m.group("nd"):
        n = number(m.group("n") or m.group("nd"))
        if n is None:
            return None
        unit = (m.group("nunit") or "day").rstrip("s")
        days = n * {"day": 1, "week": 7, "month": 30}[unit]
        return today, today + timedelta(days=days), f"the next {days} days"
    if m.group("half") or m.group("hh"):
        second = (m.group("half") or m.group("hh")) in ("second", "2nd", "h2")
        rel = m.group("hrel")
        shift = {"next": 1, "last": -1}.get(rel or "", 0)
        year = int(m.group("hyear")) if m.group("hyear") else today.year + shift
        s, e = half_bounds(year, second)
        if rel in (None, "the") and not m.group("hyear") and e < today:
            s, e = half_bounds(year + 1, second)  # a half named without a year: the next one that has not ended
        return s, e, f"H{2 if second else 1} {s.year}"
    if m.group("year"):
        year = int(m.group("year"))
        return date(year, 1, 1), date(year, 12, 31), str(year)
    if m.group("q"):
        q = int(m.group("q")[1])
        s = date(today.year, (q - 1) * 3 + 1, 1)
        if quarter_bounds(s)[1] < today:
            s = date(today.year + 1, s.month, 1)
        s, e = quarter_bounds(s)
        return s, e, f"Q{q} {s.year}"
    if m.group("day"):
        d = today if m.group("day") == "today" else today + timedelta(days=1)
        return d, d, m.group("day")
    if m.group("emon") or m.group("bmon"):  # "by the end of jan": from today; "before feb": until february starts
        month = _month_number(m.group("emon") or m.group("bmon"))
        year = today.year if month >= today.month else today.year + 1
        s, e = month_bounds(date(year, month, 1))
        if m.group("bmon"):
            e = s - timedelta(days=1)
        if e < today:
            return None
        name = f"the end of {s:%B}" if m.group("emon") else f"before {s:%B}"
        return today, e, f"from today to {name} ({e:%b %-d})"
    if m.group("fortnight"):
        return today, today + timedelta(days=14), "the next 14 days"
    if m.group("mr1"):  # "september and october", "oct, nov and dec", "jan through march": one run of whole months
        s, e = _month_run(_month_number(m.group("mr1")), _month_number(m.group("mr2")), today)
        return s, e, f"{s:%B %Y} – {e:%B %Y}"
    if m.group("mon"):
        month = next(i for i, name in enumerate(MONTH_NAMES, start=1) if name.startswith(m.group("mon")[:3]))
        year = today.year if month >= today.month else today.year + 1
        s, e = month_bounds(date(year, month, 1))
        return s, e, f"{s:%B %Y}"
    return None


def _month_run(first: int, last: int, today: date) -> tuple[date, date]:
    """First and last day of the run of months `first`..`last` (wrapping past December) that has not ended.

    Like a single month or a quarter named without a year: "nov and dec" asked on Dec 7 is this year's, the run the
    asker is in, not next year's; "dec and jan" asked in January began last December; "sep-oct" asked in December has
    ended, so it is next year's.
    """
    for year in (today.year - 1, today.year):
        start, end = _run_in(year, first, last)
        if end >= today:
            return start, end
    return _run_in(today.year + 1, first, last)


def _run_in(year: int, first: int, last: int) -> tuple[date, date]:
    end_year = year if last >= first else year + 1
    return date(year, first, 1), month_bounds(date(end_year, last, 1))[1]


def _month_number(name: str) -> int:
    return next(i for i, full in enumerate(MONTH_NAMES, start=1) if full.startswith(name[:3]))


def half_bounds(year: int, second: bool) -> tuple[date, date]:
    """First and last day of the first (Jan-Jun) or second (Jul-Dec) half of `year`."""
    return (date(year, 7, 1), date(year, 12, 31)) if second else (date(year, 1, 1), date(year, 6, 30))


_DATE = (
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{4}-\d{2}-\d{2})"
)
_DATE_WINDOW = re.compile(
    rf"\b(?:between|from)\s+(?P<a>{_DATE})\s+(?:and|to|through|thru|until|-|–)\s+(?P<b>{_DATE})"
    rf"|\b(?:after|from|starting)\s+(?P<after>{_DATE})|\b(?:before|by|until|till)\s+(?P<before>{_DATE})"
)


def parse_date_window(text: str, today: date) -> tuple[date, date | None, str] | None:
    """Close dates given as days: "between jan 1 and mar 31", "after feb 1" (no end), "before jan 15" (from today).

    A day without a year is the next one on or after today (deals close in the future).
    """
    from tools.parsing.dates import parse_when

    m = _DATE_WINDOW.search(text)
    if m is None:
        return None

    def day(phrase: str | None) -> date | None:
        found = parse_when(phrase, today) if phrase else None
        return found.day if found else None

    if m.group("a"):
        start, end = day(m.group("a")), day(m.group("b"))
        if start and end and end < start:
            end = date(end.year + 1, end.month, end.day) if not (end.month == 2 and end.day == 29) else end
        return (start, end, f"{m.group('a')} – {m.group('b')}") if start and end and start <= end else None
    if m.group("after"):
        start = day(m.group("after"))
        return (start, None, f"after {m.group('after')}") if start else None
    end = day(m.group("before"))
    return (today, end, f"before {m.group('before')}") if end else None


_CLOSING_WORD = re.compile(r"\b(?:clos(?:e|es|ing)|land(?:s|ing)?|sign(?:s|ing)?|due|expected)\b")
_CLOSING = _CLOSING_WORD.pattern
CREATED_BEFORE_CLOSING = re.compile(
    r"\b(?:created|opened|added|entered|logged|started)\b(?:(?!" + _CLOSING + r")[^?;])*?(?=" + _CLOSING + r")"
)
"""A creation-date clause followed by the close-date one ("created after jan 5 closing this quarter"): the dates in
it are when deals were created, not when they close."""


def without_created(text: str) -> str:
    """`text` without a creation-date clause that a close-date one follows: what the close-date readers read.

    "deals created after jan 5 closing this quarter" closes this quarter; "after jan 5" is a created-date filter the
    deal lists cannot take (said as such), never the close-date window. A created date with no closing words after
    it ("deals created last week") is left in: the caller says it cannot apply it.
    """
    return CREATED_BEFORE_CLOSING.sub(" ", text)


def parse_closing_period(text: str, today: date) -> tuple[date, date, str] | None:
    """The period deals close in: the one after a closing word when the question names two.

    "i'm covering for luis this week, which of his deals are closing this month?" closes this month; the week is
    when the asker covers.
    """
    for m in _CLOSING_WORD.finditer(text):
        found = parse_period(text[m.end() :], today)
        if found is not None:
            return found
    return parse_period(text, today)


_DAYS_RE = re.compile(
    # "10d" needs digits: a number word before a bare "d" is part of a word ("and" is not "an d", one day)
    r"(?:(\d+)\s*\+?\s*d\b|(\d+|[a-z]+)\s*\+?\s*(?:or more |plus )?(?:business |working |calendar )?"
    r"(days?|weeks?|wks?|months?))"
)


def parse_days(text: str) -> int | None:
    """Read a silence threshold: "5+ days", "over 10 days", "a week", "two weeks", "10d", "a month", "the past week"."""
    for m in _DAYS_RE.finditer(text):  # the first count with a unit whose count is a number ("past week" is not)
        if m.group(1):
            return int(m.group(1))
        n = number(m.group(2))
        if n is not None:
            unit = m.group(3)
            factor = 7 if unit.startswith("w") else (30 if unit.startswith("month") else 1)
            return n * factor
    if re.search(r"\bfortnight\b", text):
        return 14
    unit = re.search(r"\b(?:past|last|previous|whole|full|entire) (week|month)\b", text)  # "quiet the past week"
    if unit:
        return 7 if unit.group(1) == "week" else 30
    return None


DAY_COUNT = re.compile(
    r"(?P<gt>>=?\s*)?(?<![\w$.])(?:(?P<d>\d{1,4})\s*\+?\s*d\b|(?P<n>\d{1,4}|" + NUMBER_RE + r")[\s-]*\+?\s*"
    r"(?:or more |plus )?(?:business |working |calendar )?(?P<u>days?|weeks?|wks?|months?|mos?)\b)"
    r"(?P<more>\s*\+|\s+or (?:more|longer|over|above)|\s+plus|\s+and (?:up|counting|over))?"
)
"""A number of days as said: "30 days", "5+ days", "two weeks", "a month", "45d", ">= 30 days", "3 wks or more".

One pattern for every reader of day counts (days in stage, what a question said that the arguments do not carry);
`gt` and `more` say it was given as a floor. Never inside a word ("plan days" has no "an" day) or after "$".
"""


def days_of(m: re.Match[str]) -> int | None:
    """The number of days a `DAY_COUNT` match stands for (weeks are 7, months 30), or None for no count."""
    n = int(m.group("d")) if m.group("d") else number(m.group("n") or "")
    if not n:
        return None
    unit = m.group("u") or "d"
    return n * (7 if unit.startswith("w") else 30 if unit.startswith("mo") else 1)
