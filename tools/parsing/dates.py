"""Dates: resolve the "when" of a commitment ("next Tuesday", "by March 3", "end of the month") against the call's date.

Rules (documented because people disagree on them):
- a bare weekday ("Friday", "by Friday", "this Friday") is its next occurrence strictly after the call day;
- "next <weekday>" is that weekday in the calendar week (Monday-Sunday) after the call's week;
- "next week" is the Monday of the following week; "end of (the) week" is the Friday of the call's week
  (the following Friday when the call is on a weekend);
- a month and day without a year ("March 3", "3 March", "3/15" read month/day) is the next such date on or after
  the call day, so "by January 10" said in November means next January;
- "end of (the) month/quarter/year", "today", "tonight", "EOD", "tomorrow", "in N days/weeks/months" do what they say.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from tools.parsing.numbers import NUMBER_RE, number

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ABBREV = {name[:3]: i for i, name in enumerate(WEEKDAYS)} | {"tues": 1, "thur": 3, "thurs": 3}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(list(WEEKDAYS) + sorted(_WEEKDAY_ABBREV, key=len, reverse=True))
_NUM_RE = NUMBER_RE


@dataclass(frozen=True)
class When:
    """A resolved date and the words it came from."""

    day: date
    text: str


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's length (Jan 31 + 1 month → Feb 28)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_end(day: date) -> date:
    """The last day of `day`'s month."""
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def month_bounds(day: date, offset: int = 0) -> tuple[date, date]:
    """First and last day of the month `offset` months from `day`'s."""
    start = add_months(day.replace(day=1), offset)
    return start, month_end(start)


def quarter_bounds(day: date, offset: int = 0) -> tuple[date, date]:
    """First and last day of the calendar quarter `offset` quarters from `day`'s."""
    first_month = ((day.month - 1) // 3) * 3 + 1
    start = add_months(date(day.year, first_month, 1), 3 * offset)
    return start, month_end(add_months(start, 2))


def add_business_days(day: date, days: int) -> date:
    """`day` plus `days` working days (Saturday and Sunday skipped)."""
    import numpy as np  # here, not at import: deal health imports this module on every cold `ask` (numpy: 80 ms)

    return date.fromisoformat(str(np.busday_offset(day, days, roll="backward"))) if days > 0 else day


def business_days_between(start: date, end: date) -> int:
    """Mon–Fri days from `start` (inclusive) to `end` (exclusive): Friday → next Monday is 1 business day."""
    if end <= start:
        return 0
    import numpy as np

    return int(np.busday_count(start, end))


def _month_day(ref: date, month: int, day_of_month: int, year: int | None) -> date | None:
    try:
        candidate = date(year or ref.year, month, day_of_month)
    except ValueError:
        return None
    if year is None and candidate < ref:
        try:
            candidate = date(ref.year + 1, month, day_of_month)
        except ValueError:
            return None
    return candidate


def _count(word: str) -> int:
    return number(word) or 1


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?"), "month_day"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\b(?:,?\s+(\d{{4}}))?"), "day_month"),
    (re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?(?![\d/])"), "numeric"),
    (re.compile(r"\b(?:end of (?:the )?day|eod|today|tonight|this afternoon|this evening)\b"), "today"),
    (re.compile(r"\bday after tomorrow\b"), "after_tomorrow"),
    (re.compile(r"\btomorrow\b"), "tomorrow"),
    (re.compile(rf"\bin\s+(?:the next\s+)?({_NUM_RE})\s+(day|week|month)s?\b"), "in_n"),
    (re.compile(rf"\b({_NUM_RE})\s+(day|week|month)s?\s+from\s+(?:now|today)\b"), "in_n"),
    (re.compile(r"\bend of (?:the |this )?week\b|\beow\b"), "end_week"),
    (re.compile(r"\bend of (?:the |this )?month\b|\beom\b"), "end_month"),
    (re.compile(r"\bend of (?:the |this )?quarter\b|\beoq\b"), "end_quarter"),
    (re.compile(r"\bend of (?:the |this )?year\b"), "end_year"),
    (re.compile(rf"\bnext\s+({_WEEKDAY_RE})\b"), "next_weekday"),
    (re.compile(rf"\b(?:this\s+|on\s+|by\s+|until\s+|before\s+)?({_WEEKDAY_RE})\b"), "weekday"),
    (re.compile(r"\bnext week\b"), "next_week"),
    (re.compile(r"\bnext month\b"), "next_month"),
]


_DAY_OF_A_MONTH = ("month_day", "day_month", "numeric")
_NOT_A_DAY_AFTER = re.compile(r"\s*[km%$]")


def month_days(text: str) -> list[tuple[str, int, int]]:
    """Every day of a month `text` writes ("jan 5", "5th of march", "11/3"), as (its words, month, day), in order.

    The same words `parse_when` reads a date from, without resolving a year: for what a question said that its
    arguments do not carry. A number followed by an amount or percent mark ("jan 5k") is no day; nor is one that is
    not a day of a month ("13/45").
    """
    found: list[tuple[int, str, int, int]] = []
    for pattern, kind in _PATTERNS:
        if kind not in _DAY_OF_A_MONTH:
            continue
        for m in pattern.finditer(text):
            first, second = m.group(1), m.group(2)
            if kind == "month_day":
                month, day = MONTHS[first], int(second)
            elif kind == "day_month":
                month, day = MONTHS[second], int(first)
            else:
                month, day = int(first), int(second)
            if 1 <= month <= 12 and 1 <= day <= 31 and not _NOT_A_DAY_AFTER.match(text[m.end() :]):
                found.append((m.start(), m.group(0).strip(), month, day))
    return [(words, month, day) for _start, words, month, day in sorted(found)]


def _weekday_index(word: str) -> int:
    return WEEKDAYS.index(word) if word in WEEKDAYS else _WEEKDAY_ABBREV[word]


def _resolve(kind: str, groups: tuple[str | None, ...], ref: date) -> date | None:  # noqa: C901 - a flat dispatch
    if kind == "iso":
        try:
            return date(int(groups[0] or 0), int(groups[1] or 0), int(groups[2] or 0))
        except ValueError:
            return None
    if kind == "month_day":
        return _month_day(ref, MONTHS[groups[0] or ""], int(groups[1] or 0), int(groups[2]) if groups[2] else None)
    if kind == "day_month":
        return _month_day(ref, MONTHS[groups[1] or ""], int(groups[0] or 0), int(groups[2]) if groups[2] else None)
    if kind == "numeric":
        month, day_of_month = int(groups[0] or 0), int(groups[1] or 0)
        year = int(groups[2]) if groups[2] else None
        if year is not None and year < 100:
            year += 2000
        if not 1 <= month <= 12:
            return None
        return _month_day(ref, month, day_of_month, year)
    if kind == "today":
        return ref
    if kind == "after_tomorrow":
        return ref + timedelta(days=2)
    if kind == "tomorrow":
        return ref + timedelta(days=1)
    if kind == "in_n":
        n, unit = _count(groups[0] or "1"), groups[1]
        if unit == "day":
            return ref + timedelta(days=n)
        if unit == "week":
            return ref + timedelta(weeks=n)
        return add_months(ref, n)
    if kind == "end_week":
        friday = ref + timedelta(days=4 - ref.weekday())
        return friday if friday >= ref else friday + timedelta(days=7)
    if kind == "end_month":
        return month_end(ref)
    if kind == "end_quarter":
        return quarter_bounds(ref)[1]
    if kind == "end_year":
        return date(ref.year, 12, 31)
    if kind == "next_weekday":
        next_monday = ref + timedelta(days=7 - ref.weekday())
        return next_monday + timedelta(days=_weekday_index(groups[0] or "monday"))
    if kind == "weekday":
        ahead = (_weekday_index(groups[0] or "monday") - ref.weekday()) % 7
        return ref + timedelta(days=ahead or 7)
    if kind == "next_week":
        return ref + timedelta(days=7 - ref.weekday())
    if kind == "next_month":
        return add_months(ref.replace(day=1), 1)
    return None


def parse_when(text: str, ref: date) -> When | None:
    """Find the first date expression in `text` and resolve it against `ref` (the call's local date).

    The earliest match in the sentence wins; among matches at the same position the more specific pattern
    (listed first) wins, so "next Friday" is not read as "Friday".
    """
    lowered = text.lower()
    best: tuple[int, int, When] | None = None
    for rank, (pattern, kind) in enumerate(_PATTERNS):
        for match in pattern.finditer(lowered):
            # "sat down", "wed" are words too: such abbreviations count only after a preposition.
            if (
                kind == "weekday"
                and match.group(1) in ("sat", "sun", "wed")
                and not re.match(r"(this|on|by|until|before)\s", match.group(0))
            ):
                continue
            resolved = _resolve(kind, match.groups(), ref)
            if resolved is None:
                continue
            key = (match.start(), rank)
            if best is None or key < best[:2]:
                best = (match.start(), rank, When(resolved, text[match.start() : match.end()].strip()))
            break
    return best[2] if best else None
