"""How figures are written for people: money and counts, the same on every surface (Slack, CLI, digest, reasons).

Amounts in the store are US dollars; `money` writes them as "$12,500" (or "$12.5k"/"$1.2M" where space is short).
babel's `format_currency` would do the same for one currency and locale; we keep this one line until amounts carry
other currencies.
"""

from __future__ import annotations


def money(amount: float | None, *, missing: str = "—", compact: bool = False) -> str:
    """An amount in dollars ("$12,500"); `compact` writes "$12.5k"/"$1.2M"; `missing` stands for no amount."""
    if amount is None:
        return missing
    if compact and abs(amount) >= 1_000_000:
        return f"${amount / 1_000_000:.1f}M"
    if compact and abs(amount) >= 1_000:
        return f"${amount / 1_000:.0f}k"
    return f"${amount:,.0f}"


def plural(count: int, word: str, words: str | None = None) -> str:
    """`count` and the word in the right number: "1 deal", "3 deals", "2 replies" (with `words`)."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def short_money(amount: float | None) -> str:
    """An amount where space is short: "$12.5k", "$1.2M" ("—" for none)."""
    return money(amount, compact=True)
