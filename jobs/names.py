"""The scheduled jobs' names, importable without the scheduler (the command line's help needs them in milliseconds).

`jobs.scheduler.JOB_SPECS` holds one spec per name, in this order (a test keeps them in step).
"""

JOB_NAMES = (
    "hubspot_sync",
    "precall_briefs",
    "deal_health",
    "draft_recovery",
    "risk_alerts",
    "weekly_digest",
    "reactivation",
    "library_refresh",
)
