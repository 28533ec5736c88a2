"""Amounts: one unit table for budgets on forms ("$50k", "1.2M") and amounts in questions ("over $50k", "75k+")."""

from __future__ import annotations

import re

AMOUNT_UNITS: dict[str, float] = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6}
"""Multipliers of the unit words after a number."""


def scaled(number_text: str, unit: str | None) -> float:
    """The amount a number ("1,200", "1.2") and its unit word ("k", "million", None) stand for."""
    return float(number_text.replace(",", "")) * AMOUNT_UNITS.get((unit or "").lower(), 1.0)


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


def parse_amount_floor(text: str) -> float | None:
    """Read a minimum amount: "over $50k", "above 100,000", "> $1M", "$25k+", "at least 75k", "100k or more"."""
    text = text.lower()
    for pattern in AMOUNT_PATTERNS:
        m = pattern.search(text)
        if m:
            return scaled(m.group("n"), m.group("unit"))
    return None
