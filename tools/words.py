"""Plain-English helpers shared by every surface that counts things for a person."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`plural(1, "deal")` → "1 deal"; `plural(3, "company", "companies")` → "3 companies" (thousands separated)."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"
