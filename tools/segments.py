"""Calendar weeks and company size bands: the segments the digest and the insights both group by."""

from __future__ import annotations

from datetime import date

SIZE_BANDS = ((50, "1-49"), (200, "50-199"), (1000, "200-999"))


def iso_week(day: date) -> str:
    """`2026-W48` for any day of that ISO week."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def size_band(employees: int | None) -> str:
    """Company size band by employee count."""
    if employees is None:
        return "unknown"
    for upper, label in SIZE_BANDS:
        if employees < upper:
            return label
    return "1000+"
