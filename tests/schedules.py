"""Schedules that are not due on the real clock, for tests that start a real scheduler.

A scheduler started on the wall clock catches up every job whose last fire time fell within its grace (a Monday
morning digest, the first Monday's reactivation DMs): a test that means to watch one job must move the others to
times whose last fire is long past, whatever day it runs on.
"""

from __future__ import annotations

from datetime import datetime, timedelta


def not_due(local: datetime) -> dict[str, str]:
    """Settings for every catch-up job, each with its next fire ahead and its last one well beyond its grace.

    `local` is the current time in the team timezone. Daily (3 h grace): two hours ahead, so the last fire was 22 h
    ago. Weekly (24 h at most): two days ahead, so five days ago. Monthly (4 days): ten days ahead as a day of the
    month (1-28, so every month has it), so 18 or more days ago.
    """
    ahead = local + timedelta(hours=2)
    weekly = (local + timedelta(days=2)).strftime("%a %H:%M")
    return {
        "risk_alerts_time": ahead.strftime("%H:%M"),
        "digest_schedule": weekly,
        "library_refresh_schedule": weekly,
        "reactivation_schedule": f"{(local.day + 9) % 28 + 1} {local:%H:%M}",
    }
