"""The instant every question set of eval/copilot is scored at (its own module: the sets import it too)."""

from datetime import UTC, datetime

LABELLED_ON = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
"""The Monday the sets' authors wrote them for, 10:00 in New York.

Some labels are absolute dates ("since" 2026-11-23 for "the last two weeks"), and every set's "today" is that Monday:
scored on another day, right answers would read as wrong (`python -m eval copilot --db` scores a store as of its own
date instead)."""
