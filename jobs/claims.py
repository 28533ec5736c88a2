"""Exactly-once claims: a scheduled run works only after its INSERT of `(job, slot)` into `JobClaim` wins.

The slot is a domain key (`digest:team-a:2026-W48`, `brief:<meeting id>`), never "now rounded to the minute", so two
replicas whose clocks differ by a few seconds still compete for the same row. The unique constraint
`uq_jobclaim_job_slot` is the arbiter: on SQLite and PostgreSQL the insert is `INSERT ... ON CONFLICT DO NOTHING`, so
the loser learns it lost from the row count (no exception, no aborted PostgreSQL transaction).

Life of a claim: `running` (claimed) → `done` or `failed`. A `failed` claim is not retried by accident: the scheduler
never touches it again, and only `retry_failed` (used by `salesos jobs run <name> --retry`) takes it over, with a
conditional UPDATE that again lets exactly one caller win. A `running` claim carries a lease: its holder renews
`heartbeat_at` while it works (`run_claimed`), so a claim whose heartbeat is older than `LEASE` lost its holder (kill
-9, a deploy) and the next run takes it over, again with a conditional UPDATE that exactly one caller wins.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import Engine, func, select, update
from sqlmodel import col

from store.db import insert_ignoring_conflict
from store.models import JobClaim
from store.types import utcnow

log = logging.getLogger(__name__)
T = TypeVar("T")

ClaimStatus = Literal["running", "done", "failed"]
LEASE = timedelta(minutes=5)
"""A running claim whose heartbeat is older than this lost its holder; heartbeats come every LEASE / 5."""


def replica_name() -> str:
    """Who is claiming: host and process id, recorded on the claim for whoever investigates later."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _insert_ignoring_conflict(engine: Engine, values: dict[str, Any]) -> int:
    """Insert one JobClaim row unless `(job, slot)` exists; return the number of rows inserted (0 or 1)."""
    with engine.begin() as conn:
        return int(insert_ignoring_conflict(conn, JobClaim, values, conflict=["job", "slot"], returning=JobClaim.id))


def claim(
    engine: Engine, job: str, slot: str, owner: str, *, now: datetime | None = None, lease: timedelta = LEASE
) -> bool:
    """Claim `(job, slot)` for `owner`: True for the one caller whose insert wins or who takes over an expired lease."""
    now = now or utcnow()
    values = {"job": job, "slot": slot, "claimed_by": owner, "claimed_at": now, "heartbeat_at": now}
    if _insert_ignoring_conflict(engine, {**values, "status": "running"}):
        return True
    if take_over_expired(engine, job, slot, owner, now=now, lease=lease):
        return True
    log.info("claim %s %s: already taken, skipping", job, slot)
    return False


def take_over_expired(
    engine: Engine, job: str, slot: str, owner: str, *, now: datetime | None = None, lease: timedelta = LEASE
) -> bool:
    """Take a `running` claim whose holder stopped heartbeating more than `lease` ago; True for the one winner."""
    now = now or utcnow()
    last_sign_of_life = func.coalesce(JobClaim.heartbeat_at, JobClaim.claimed_at)
    with engine.begin() as conn:
        won = conn.execute(
            update(JobClaim)
            .where(col(JobClaim.job) == job, col(JobClaim.slot) == slot, col(JobClaim.status) == "running")
            .where(last_sign_of_life < now - lease)
            .values(claimed_by=owner, claimed_at=now, heartbeat_at=now, finished_at=None)
        ).rowcount
    if won == 1:
        log.warning("claim %s %s: its holder stopped heartbeating; taken over by %s", job, slot, owner)
    return won == 1


def heartbeat(engine: Engine, job: str, slot: str, owner: str) -> None:
    """Renew the lease of a claim `owner` holds."""
    with engine.begin() as conn:
        conn.execute(
            update(JobClaim)
            .where(col(JobClaim.job) == job, col(JobClaim.slot) == slot, col(JobClaim.claimed_by) == owner)
            .where(col(JobClaim.status) == "running")
            .values(heartbeat_at=utcnow())
        )


class _Heartbeat:
    """Renews a claim's lease on a daemon thread while the work runs; stops with the work."""

    def __init__(self, engine: Engine, job: str, slot: str, owner: str, every: float) -> None:
        self._stop = threading.Event()
        self._args = (engine, job, slot, owner)
        self._every = every
        self._thread = threading.Thread(target=self._loop, name=f"salesos-claim-{job}", daemon=True)

    def _loop(self) -> None:
        while not self._stop.wait(self._every):
            try:
                heartbeat(*self._args)
            except Exception:  # the store blipped: the next beat tries again, well within the lease
                log.warning("claim heartbeat failed", exc_info=True)

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)


def _finish(engine: Engine, job: str, slot: str, owner: str, status: ClaimStatus, detail: str | None) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(JobClaim)
            .where(col(JobClaim.job) == job, col(JobClaim.slot) == slot, col(JobClaim.claimed_by) == owner)
            .values(status=status, finished_at=utcnow(), detail=(detail or "")[:4000] or None)
        )


def mark_done(engine: Engine, job: str, slot: str, owner: str, detail: str | None = None) -> None:
    """Record that the claimed run finished."""
    _finish(engine, job, slot, owner, "done", detail)


def mark_failed(engine: Engine, job: str, slot: str, owner: str, detail: str | None = None) -> None:
    """Record that the claimed run failed; it stays failed until someone calls `retry_failed`."""
    _finish(engine, job, slot, owner, "failed", detail)


def retry_failed(engine: Engine, job: str, slot: str, owner: str) -> bool:
    """Take over a failed claim to run it again, deliberately; True only for the one caller whose update wins."""
    with engine.begin() as conn:
        changed = conn.execute(
            update(JobClaim)
            .where(col(JobClaim.job) == job, col(JobClaim.slot) == slot, col(JobClaim.status) == "failed")
            .values(status="running", claimed_by=owner, claimed_at=utcnow(), finished_at=None)
        ).rowcount
    return changed == 1


@dataclass(frozen=True)
class ClaimRow:
    """A claim as stored."""

    job: str
    slot: str
    claimed_by: str
    claimed_at: datetime
    status: str
    finished_at: datetime | None
    detail: str | None


def get_claim(engine: Engine, job: str, slot: str) -> ClaimRow | None:
    """The claim on `(job, slot)`, if any."""
    with engine.connect() as conn:
        row = conn.execute(select(JobClaim).where(col(JobClaim.job) == job, col(JobClaim.slot) == slot)).first()
    if row is None:
        return None
    return ClaimRow(
        job=row.job,
        slot=row.slot,
        claimed_by=row.claimed_by,
        claimed_at=row.claimed_at,
        status=row.status,
        finished_at=row.finished_at,
        detail=row.detail,
    )


@dataclass(frozen=True)
class ClaimedRun(Generic[T]):
    """What happened to one attempt at a slot: `ran` with its result, or `skipped` because another run owns it."""

    slot: str
    ran: bool
    result: T | None = None


def run_claimed(
    engine: Engine,
    job: str,
    slot: str,
    owner: str,
    work: Callable[[], T],
    *,
    describe: Callable[[T], str] | None = None,
    retry: bool = False,
) -> ClaimedRun[T]:
    """Claim `(job, slot)`, run `work` only if the claim was won, and record done/failed.

    With `retry=True`, a previously failed claim is taken over (`retry_failed`) instead of being skipped.
    An exception in `work` marks the claim failed and propagates, so the scheduler logs it.
    """
    won = claim(engine, job, slot, owner) or (retry and retry_failed(engine, job, slot, owner))
    if not won:
        return ClaimedRun(slot=slot, ran=False)
    try:
        with _Heartbeat(engine, job, slot, owner, LEASE.total_seconds() / 5):
            result = work()
    except Exception as exc:
        mark_failed(engine, job, slot, owner, f"{type(exc).__name__}: {exc}")
        raise
    mark_done(engine, job, slot, owner, describe(result) if describe else None)
    return ClaimedRun(slot=slot, ran=True, result=result)
