"""Amounts: one unit table for budgets as typed on forms and amounts in questions ("over $50k", "75k+").

Budgets arrive as people type them: "$50k-$100k", "€75.000", "1.234.567,89 EUR", "CHF 80'000", "100k+". The number
and its currency are read by price-parser (which knows locale thousands and decimal separators); scale words ("k",
"M", "Mio") and ranges are handled here. A budget is kept in its own currency; text that is not an amount comes back
flagged, never raised.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tools.parsing.numbers import TENS_WORDS, UNIT_WORDS

AMOUNT_UNITS: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "tsd": 1e3,
    "m": 1e6, "mm": 1e6, "mn": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6,
    "bn": 1e9, "billion": 1e9,
}  # fmt: skip
"""Multipliers of the unit words after a number."""


def scaled(number_text: str, unit: str | None) -> float:
    """The amount a number ("1,200", "1.2") and its unit word ("k", "million", None) stand for."""
    return float(number_text.replace(",", "")) * AMOUNT_UNITS.get((unit or "").lower(), 1.0)


MONEY = re.compile(
    r"(?<![\w.])(?P<all>\$\s?(?P<n>\d+(?:[.,]\d+)*)\s*(?P<u>k|mm|m|bn|million|thousand)?"
    r"|(?P<n2>\d+(?:[.,]\d+)*)\s*(?P<u2>k|mm|m|bn|million|thousand)\b)"
)
"""An amount said as money, with or without a floor or ceiling word: a "$" before it ("$40,000") or a scale word after
it ("75k", "2m", "1.5 million"); its value is `scaled(n or n2, u or u2)`."""

_AMOUNT = r"(?P<n>\d+(?:[.,]\d+)*)\s*(?P<unit>k|mm|m|thousand|million)"
_FLOOR_AFTER = r"\s*(?:\+|or (?:more|above|bigger|larger|higher)|and (?:up|above|over)|plus)"
AMOUNT_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        # "over $50k", "above 100,000", "> $1M", "at least 75k"
        r"(?:over|above|more than|greater than|bigger than|larger than|at least|>=?|min(?:imum)?|north of)\s*\$?\s*"
        + _AMOUNT
        + r"?\b",
        r"\$\s*" + _AMOUNT + "?" + _FLOOR_AFTER,  # "$25k+", "$1m and up": the $ says it is money
        r"(?<![\w$])" + _AMOUNT + r"\b" + _FLOOR_AFTER,  # "75k+", "100k or more": the unit says it is money
    )
)


_NUMBER_WORD = r"(?:" + "|".join([*UNIT_WORDS, *TENS_WORDS, "hundred", "a", "an", "and", "point"]) + r")"
_SCALE_WORD = r"(?:million|mil|mill|mils|thousand|grand|k)"
_SPELLED_AMOUNT = re.compile(
    r"\b(?P<run>" + _NUMBER_WORD + r"(?:[\s-]+" + _NUMBER_WORD + r")*)[\s-]+(?P<u>" + _SCALE_WORD + r")\b"
)
_SPELLED_COUNT = (
    r"(?:(?:(?:" + "|".join([*UNIT_WORDS, "a"]) + r")[\s-]+hundred(?:[\s-]+and)?(?:[\s-]+(?=\w))?)?"
    r"(?:(?:" + "|".join([*UNIT_WORDS, *TENS_WORDS]) + r")(?:[\s-]+(?:" + "|".join(UNIT_WORDS) + r"))?)?"
    r"(?<=\w))"
)
_RANGE_START = re.compile(
    r"\b(?P<lead>between|from|btwn)\s+\$?(?P<a>" + _SPELLED_COUNT + r")\s+(?P<sep>and|to|-)\s+"
    r"\$?(?P<b>\d+(?:\.\d+)?)(?P<u>[km])\b"
)
_SPELLED = (
    # ".25mm", "$.5m": a fraction of a million (or thousand) typed without its leading zero, which no number
    # pattern reads; the zero is put back so ".25mm" is 250k, never dropped
    (
        re.compile(r"(?<![\w.])\.(?P<n>\d+)(?=\s*(?:mm|mn|m|k|bn|million|mil|mill|thousand|grand)\b)"),
        lambda m: f"0.{m.group('n')}",
    ),
    # "half a million", "a quarter of a million", "a million and a half": fractions of a million
    (re.compile(r"\b(?:a |one )?million and a half\b"), lambda m: "1.5m"),
    (re.compile(r"\bhalf (?:a |of a |a |one )?(?:million|mil|mill)\b"), lambda m: "500k"),
    (re.compile(r"\b(?:a |one )?quarter (?:of a |a )?(?:million|mil|mill)\b"), lambda m: "250k"),
    # "two hundred grand", "seventy-five thousand", "one point five million": a count in words and a scale
    (_SPELLED_AMOUNT, lambda m: _spelled_figure(m)),
    # "between twenty and 40k" (dictated: the scale is said once, after the second number): the first takes it too
    (
        _RANGE_START,
        lambda m: f"{m.group('lead')} {_range_low(m)}{m.group('u')} {m.group('sep')} {m.group('b')}{m.group('u')}",
    ),
    # "50 grand", "2 mil": digits and a spoken scale
    (re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s*grand\b"), lambda m: f"{m.group('n')}k"),
    (re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s*(?:million|mil|mill|mils)\b"), lambda m: f"{m.group('n')}m"),
)


def _spelled_value(words: str) -> float | None:
    """The number said in words: "two hundred and fifty" → 250, "seventy five" → 75, "one point five" → 1.5.

    Own code, not a words-to-numbers library: text2num (the maintained one) also rewrites times and counts
    ("three o'clock" → "3 0 clock", "a million" → "a 1000000"), which the period and limit readers rely on as typed;
    only a count directly before a scale word ("thousand", "k", "million") is money, and that is all this reads.
    """
    whole, decimals, seen = 0, "", False
    tokens = re.split(r"[\s-]+", words.strip())
    for i, token in enumerate(tokens):
        if decimals or token == "point":  # "one point five", "point five" (million)
            if token != "point":
                if token not in UNIT_WORDS or UNIT_WORDS[token] > 9:
                    return None
                decimals += str(UNIT_WORDS[token])
            elif decimals:
                return None
            else:
                decimals, seen = ".", True
            continue
        if token in ("a", "an") and i == 0:
            whole, seen = 1, True
        elif token == "hundred" and whole < 100:  # "two hundred"; a second "hundred" is a second number
            whole, seen = (whole or 1) * 100, True
        elif token in UNIT_WORDS and (
            whole % 100 == 0 or (whole % 10 == 0 and whole % 100 >= 20 and UNIT_WORDS[token] < 10)
        ):
            whole, seen = whole + UNIT_WORDS[token], True
        elif token in TENS_WORDS and whole % 100 == 0:
            whole, seen = whole + TENS_WORDS[token], True
        elif token != "and" or tokens[i - 1 : i] != ["hundred"]:
            return None
    if not seen:
        return None
    return float(f"{whole}{decimals}") if decimals not in ("", ".") else float(whole)


def _range_low(m: re.Match[str]) -> str:
    """The low end of a dictated range in the high end's scale ("between twenty and 40k" → 20).

    "between two and three hundred k" → 200: the "hundred" is said once too.
    """
    low, high = _spelled_value(m.group("a")) or 0, float(m.group("b"))
    if 0 < low < 10 and high >= 100 and high % 100 == 0 and high / 100 < 10:
        low *= 100
    return f"{low:g}"


def _spelled_figure(m: re.Match[str]) -> str:
    """A count in words and its scale as a figure: "a million" → "1m", "two hundred grand" → "200k".

    Only the words that make one number are read ("twenty and forty thousand" is "twenty and 40k": the "and" of two
    numbers is not the "and" of "two hundred and fifty"). "a thousand" alone stays as typed: it is a count as often
    as money.
    """
    spans = list(re.finditer(r"[^\s-]+", m.group("run")))
    words = [w.group(0) for w in spans]
    for start in range(len(words)):  # the longest tail of the run that is one number
        value = _spelled_value(" ".join(words[start:]))
        if value is not None:
            break
    else:
        return m.group(0)
    millions = m.group("u").startswith("mil")
    if value == 1 and not millions and "hundred" not in words[start:]:
        return m.group(0)
    said = f"{value:g}{'m' if millions else 'k'}"
    kept = m.group("run")[: spans[start].start()] if start else ""
    return f"{kept}{said}"


CEILING_WORDS = r"(?:under|below|sub|south of|short of|less than|smaller than|cheaper than|at most|no more than|up to)"
"""The words that make an amount a ceiling ("under 20k", "south of six figures"): one list for every reader."""
_FIGURES = re.compile(
    r"(?P<cap>\b" + CEILING_WORDS + r"\s+)?(?:\ba |\ban )?"
    r"(?:\b(?P<w>five|six|seven|eight|nine)[- ]?|(?<![\w.$])(?P<d>[5-9])-?)(?:figures?|figs?)\b"
    r"(?:[- ]plus\b|\s*\+)?"
)
"""A number of figures, spelled or in digits, whole or shortened ("six-figure", "6-fig+", "7 figs", "six figures+")."""
_FIGURE_DIGITS = {"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def figure_amounts(text: str) -> str:
    """Amounts said by their number of figures written as a figure: "six-figure deals" → "100k+ deals".

    A deal of six figures is one of 100k or more (the floor); "under six figures" is under 100k (the ceiling).
    """

    def figure(m: re.Match[str]) -> str:
        digits = _FIGURE_DIGITS[m.group("w")] if m.group("w") else int(m.group("d"))
        amount = 10 ** (digits - 1)
        said = f"{amount // 1_000_000}m" if amount >= 1_000_000 else f"{amount // 1000}k"
        return f"{m.group('cap')}{said}" if m.group("cap") else f"{said}+"

    return _FIGURES.sub(figure, text)


def spelled_amounts(text: str) -> str:
    """Amounts said in words written as figures: "half a million" → "500k", "50 grand" → "50k", "a mil" → "1m".

    Also by their number of figures: "six-figure deals" → "100k+ deals", "under six figures" → "under 100k".
    """
    text = figure_amounts(text)
    for pattern, figure in _SPELLED:
        text = pattern.sub(figure, text)
    return text


def parse_amount_floor(text: str) -> float | None:
    """Read a minimum amount: "over $50k", "above 100,000", "> $1M", "$25k+", "at least 75k", "100k or more".

    Also said in words: "over half a million", "at least 50 grand", "six-figure deals".
    """
    text = spelled_amounts(text.lower())
    for pattern in AMOUNT_PATTERNS:
        m = pattern.search(text)
        if m:
            return scaled(m.group("n"), m.group("unit"))
    return None


_SCALE = re.compile(r"(?<=[\d\s])(mm|mn|mio|millions?|m|k|thousand|tsd|bn|billion)\b\.?", re.IGNORECASE)
_RANGE = re.compile(r"(?<=[\dkKmM$€£.])\s*(?:-|–|—|\bto\b|\bbis\b)\s*(?=[^\s])")
_AT_LEAST = re.compile(r"^(?:over|above|more than|at least|min(?:imum)?\.?|>=?|from)\s*|\s*\+$", re.IGNORECASE)
_ABOUT = re.compile(r"^(?:around|about|approx(?:imately|\.)?|roughly|ca\.?|circa|~|≈)\s*", re.IGNORECASE)
_AT_MOST = re.compile(r"^(?:up to|under|below|less than|max(?:imum)?\.?|<=?)\s*", re.IGNORECASE)
CURRENCY_CODES = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "chf": "CHF",
    "c$": "CAD",
    "ca$": "CAD",
    "cad": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "aud": "AUD",
    "¥": "JPY",
    "jpy": "JPY",
    "₹": "INR",
    "inr": "INR",
}
"""Currency marks as typed → ISO 4217 code. A bare "$" is read as US dollars (said in the score's reason)."""
DEFAULT_CURRENCY = "USD"


@dataclass(frozen=True)
class Budget:
    """A budget as given, read: its range in its own currency, or why it could not be read."""

    given: str
    """The text as typed (or the number as sent), kept whatever happens."""
    low: float | None = None
    high: float | None = None
    currency: str | None = None
    """ISO 4217 code; None when no amount was read."""
    problem: str | None = None
    """Why the text is not an amount (then `low` and `high` are None)."""

    @property
    def amount(self) -> float | None:
        """The figure scoring uses, in `currency`: the low end of a range (what the buyer committed to)."""
        return self.low if self.low is not None else self.high

    def in_usd(self, rates: Mapping[str, float]) -> float | None:
        """The amount in USD at `rates` (USD per unit of each currency); None when unread or no rate is set."""
        if self.amount is None or self.currency is None:
            return None
        rate = 1.0 if self.currency == "USD" else rates.get(self.currency)
        return None if rate is None else self.amount * rate

    def note(self, rates: Mapping[str, float]) -> str | None:
        """Say what scoring could not use: an unreadable budget, or a currency without a conversion rate."""
        if self.problem:
            return f"budget {self.given!r} kept as given, not scored ({self.problem})"
        if self.currency and self.currency != "USD" and self.currency not in rates:
            return f"budget {self.given} kept in {self.currency}, not scored (no conversion rate for {self.currency})"
        return None

    def describe(self) -> str:
        """The budget for people: "EUR 75,000", "USD 50,000–100,000", or the text as given."""
        if self.amount is None or self.currency is None:
            return self.given
        if self.low is not None and self.high is not None and self.high != self.low:
            return f"{self.currency} {self.low:,.0f}–{self.high:,.0f}"
        prefix = "from " if self.high is None and self.given.strip().endswith("+") else ""
        return f"{prefix}{self.currency} {self.amount:,.0f}"


def currency_code(mark: str | None) -> str | None:
    """ISO code of a currency mark as typed ("€" → EUR, "usd" → USD, "SEK" → SEK); None when there is none."""
    if not mark:
        return None
    low = mark.strip().lower()
    if low in CURRENCY_CODES:
        return CURRENCY_CODES[low]
    return mark.strip().upper() if re.fullmatch(r"[A-Za-z]{3}", mark.strip()) else None


def _one_amount(text: str) -> tuple[float, str | None]:
    """Read one amount ("$50k", "€75.000", "1,2 Mio EUR") into (value, ISO currency or None); raise ValueError."""
    scale = 1.0
    text = re.sub(r"(?<=\d)['’](?=\d{3})", "", text)  # Swiss thousands: 80'000
    found = _SCALE.search(text)
    if found:
        scale = AMOUNT_UNITS[found.group(1).lower()]
        text = text[: found.start()] + text[found.end() :]
    # Here, not at import: the copilot's understanding imports this module on every `ask`, most of which name no
    # amount (price_parser and its attrs: 40 ms of a cold process).
    from price_parser import Price

    price = Price.fromstring(text)
    if price.amount is None or price.amount_text is None:
        raise ValueError("no number in it")
    rest = text.replace(price.amount_text, " ", 1)
    if price.currency:
        rest = rest.replace(price.currency, " ", 1)
    if re.search(r"[^\W_]", rest):  # words or digits beyond one amount and its currency: not a budget
        raise ValueError(f"{rest.strip()!r} is not part of an amount")
    code = currency_code(price.currency)
    if price.currency and code is None:
        raise ValueError(f"unknown currency {price.currency!r}")
    return float(price.amount) * scale, code


def parse_budget(value: Any) -> Budget | None:
    """Read a budget as typed: a number, "$50,000", "50k", "$50k-$100k", "€75.000", "100k+", "up to £20k".

    Never raises: text that is not an amount comes back with `problem` set, so the lead is kept and flagged.
    A range keeps both ends; a scale or currency written on one end applies to both ("50-100k EUR").
    """
    value = _blank_to_none(value)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return Budget(given=str(value)[:200], problem="not an amount")
    if isinstance(value, int | float):
        amount = float(value)
        if not math.isfinite(amount) or amount < 0:
            return Budget(given=str(value), problem="not a positive amount")
        return Budget(given=str(value), low=amount, high=amount, currency=DEFAULT_CURRENCY)
    given = value.strip()[:200]
    text = given
    at_least, at_most = bool(_AT_LEAST.search(text)), bool(_AT_MOST.search(text))
    text = _AT_MOST.sub("", _AT_LEAST.sub("", _ABOUT.sub("", text))).strip()
    parts = _RANGE.split(text, maxsplit=1)
    try:
        if len(parts) == 2:
            tail_scale = _SCALE.search(parts[1])
            if tail_scale and not _SCALE.search(parts[0]):
                parts[0] = parts[0].strip() + tail_scale.group(0)  # "50-100k": the k is on both ends
            (low, low_code), (high, high_code) = (_one_amount(p) for p in parts)
            if low_code and high_code and low_code != high_code:
                return Budget(given=given, problem=f"two currencies ({low_code}, {high_code})")
            if high < low:
                return Budget(given=given, problem="the range ends below where it starts")
            code = low_code or high_code or DEFAULT_CURRENCY
            return Budget(given=given, low=low, high=high, currency=code)
        amount, read_code = _one_amount(text)
    except ValueError as exc:
        return Budget(given=given, problem=str(exc))
    code = read_code or DEFAULT_CURRENCY
    if at_least:
        return Budget(given=given, low=amount, high=None, currency=code)
    if at_most:
        return Budget(given=given, low=None, high=amount, currency=code)
    return Budget(given=given, low=amount, high=amount, currency=code)


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value
