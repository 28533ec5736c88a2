"""Commitment dates resolved against a fixed call date (Wednesday 25 November 2026)."""

from __future__ import annotations

from datetime import date

import pytest

from tools.parsing.dates import parse_when

CALL_DAY = date(2026, 11, 25)  # Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'll send it tomorrow", date(2026, 11, 26)),
        ("let's talk next Tuesday", date(2026, 12, 1)),  # the Tuesday of next week
        ("by Tuesday", date(2026, 12, 1)),  # next occurrence after the call
        ("next Friday works", date(2026, 12, 4)),  # next week's Friday, not this week's
        ("by Friday", date(2026, 11, 27)),
        ("on Wednesday", date(2026, 12, 2)),  # said on a Wednesday: the following one
        ("by March 3", date(2027, 3, 3)),  # past in this year → next year
        ("by December 2nd", date(2026, 12, 2)),
        ("on the 3rd of December", date(2026, 12, 3)),
        ("before 12/15", date(2026, 12, 15)),
        ("on 2027-01-08", date(2027, 1, 8)),
        ("by end of day", date(2026, 11, 25)),
        ("end of the week", date(2026, 11, 27)),
        ("end of the month", date(2026, 11, 30)),
        ("by end of quarter", date(2026, 12, 31)),
        ("in two weeks", date(2026, 12, 9)),
        ("in 3 days", date(2026, 11, 28)),
        ("sometime next week", date(2026, 11, 30)),
        ("next month", date(2026, 12, 1)),
    ],
)
def test_dates_relative_to_the_call(text: str, expected: date) -> None:
    when = parse_when(text, CALL_DAY)
    assert when is not None and when.day == expected


def test_no_date_and_earliest_match_wins() -> None:
    assert parse_when("I'll send the deck", CALL_DAY) is None
    assert parse_when("we sat down with legal", CALL_DAY) is None
    when = parse_when("tomorrow, or Friday at the latest", CALL_DAY)
    assert when is not None and (when.day, when.text) == (date(2026, 11, 26), "tomorrow")
    assert parse_when("by February 30", CALL_DAY) is None  # not a date


def test_weekend_call_end_of_week_is_the_next_friday() -> None:
    saturday = date(2026, 11, 28)
    when = parse_when("end of week", saturday)
    assert when is not None and when.day == date(2026, 12, 4)


def test_one_day_count_pattern_for_every_reader():
    from tools.parsing.periods import DAY_COUNT, days_of

    said = {
        "stuck 60+ days": 60, "sat 3 wks or more": 21, "over two weeks": 14, "a month": 30, "45d": 45,
        ">= 30 days": 30, "a couple of weeks": 14, "eleven days": 11,
    }  # fmt: skip
    for text, days in said.items():
        m = DAY_COUNT.search(text)
        assert m is not None and days_of(m) == days, text
    assert DAY_COUNT.search("the plan days") is None  # "an" inside a word is no count
    assert DAY_COUNT.search("$30 days") is None


def test_days_of_a_month_written_in_a_question():
    from tools.parsing.dates import month_days

    assert month_days("deals created after jan 5 or the 3rd of march, and 11/30") == [
        ("jan 5", 1, 5), ("3rd of march", 3, 3), ("11/30", 11, 30),
    ]  # fmt: skip
    assert month_days("what did marketing 5 say") == []  # "mar..." inside a word is no month
    assert month_days("may 5k deals, 13/45") == []  # an amount, and no day of a month
