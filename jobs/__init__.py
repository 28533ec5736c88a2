"""Scheduled work: APScheduler 3.x inside `salesos serve`.

Sync, pre-call briefs, risk alerts, the Monday digest and library refresh, each claiming its `(job, slot)` in the
store first so replicas never double-post.
"""
