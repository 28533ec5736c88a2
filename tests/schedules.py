"""Schedules that are not due on the real clock, for tests that start a real scheduler.

A scheduler started on the wall clock catches up every job whose last fire time fell within its grace (a Monday
morning digest, the first Monday's reactivation DMs): a test that means to watch one job must move the others to
times whose last fire is long past, whatever day it runs on.
"""

from __future__ import annotations

from datetime import datetime, timedelta


def not_due(local: datetime) -> dict[str, str]:
    """Settings for every catch-up job, each with its next fire ahead and its last one well beyond its grace.

    `local` is the current time in the team timezone. Daily (3 h grace): a working hour whose last fire is more than
    3 h ago (outside the default quiet hours, 19:00-8:00: a risk-alert time in them is warned about at start).
    Weekly (24 h at most): two days ahead, so five days ago. Monthly (4 days): ten days ahead as a day of the month
    (1-28, so every month has it), so 18 or more days ago.
    """
    weekly = (local + timedelta(days=2)).strftime("%a %H:%M")
    return {
        "risk_alerts_time": _daily_not_due(local),
        "digest_schedule": weekly,
        "library_refresh_schedule": weekly,
        "reactivation_schedule": f"{(local.day + 9) % 28 + 1} {local:%H:%M}",
    }


def _daily_not_due(local: datetime) -> str:
    """A daily time between 8:00 and 18:00 whose last fire was over 3 h (the grace) ago and whose next is at least half
    an hour ahead (not during the test), whatever time it is now."""
    for hour in range(8, 19):
        fire = local.replace(hour=hour, minute=0, second=0, microsecond=0)
        last = fire if fire <= local else fire - timedelta(days=1)
        if local - last > timedelta(hours=3, minutes=30) and last + timedelta(days=1) - local > timedelta(minutes=30):
            return f"{hour:02d}:00"
    raise AssertionError("unreachable: at most 5 of the 11 working hours are within 3.5 h before or 0.5 h after now")
