"""Numbers written as words ("two weeks", "a couple of days", "thirty days")."""

from __future__ import annotations

UNIT_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
"""The numbers below twenty, as words."""
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
"""The tens, as words (with a unit after them: "seventy five")."""
NUMBER_WORDS: dict[str, int] = {"a": 1, "an": 1, **UNIT_WORDS, **TENS_WORDS, "couple of": 2, "few": 3}
"""A count said as one word (or "couple of")."""

COUNTED_NOUNS = (
    r"(?:seats?|users?|licen[cs]es?|units?|employees|people|heads|hours|devices|endpoints|nodes|servers|sites"
    r"|locations|stores|students|members|subscribers|agents|workstations)\b"
)
"""What a number right before it counts ("2000 seats", "1,500 users", "300 licenses"): such a number is a quantity
bought, never a year or an amount (a regex alternative; add what precedes it)."""

NUMBER_RE = r"\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
"""A regex alternative matching a count in digits or words (longest words first)."""


VAGUE_COUNTS = frozenset({"few", "couple of"})
"""Counts said only roughly: never an exact length of a list."""
COUNT_WORDS_RE = "|".join(
    sorted((w for w, n in NUMBER_WORDS.items() if n >= 2 and w not in VAGUE_COUNTS), key=len, reverse=True)
)
"""A count of two or more spelled as one word ("three", "twelve"): how many items a list is asked to have. Not
"a"/"an" (any noun phrase starts so), "few" or "couple of" (no exact length)."""


def number(word: str) -> int | None:
    """The count a word or digits stand for ("12", "twelve", "a"), or None."""
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word.lower())
