"""Exactly-once claims: a scheduled run works only after its INSERT of `(job, slot)` into `JobClaim` wins.

The slot is a domain key (`digest:team-a:2026-W48`, `brief:<meeting id>`), never "now rounded to the minute", so two
replicas whose clocks differ by a few seconds still compete for the same row. The unique constraint
`uq_jobclaim_job_slot` is the arbiter: on SQLite and PostgreSQL the insert is `INSERT ... ON CONFLICT DO NOTHING`, so
the loser learns it lost from the row count (no exception, no aborted PostgreSQL transaction).

Life of a claim: `running` (claimed) → `done` or `failed`. A `failed` claim is not retried by accident: the scheduler
never touches it again, and only `retry_failed` (used by `salesos jobs run <name> --retry`) takes it over, with a
conditional UPDATE that again lets exactly one caller win. A `running` claim whose replica died stays `running`: a job
that may already have posted must not post twice, so a person decides (the claim's `claimed_by`/`claimed_at` say who
and when).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import Engine, select, update
from sqlmodel import col

from store.db import insert_ignoring_conflict
from store.models import JobClaim
from store.types import utcnow

log = logging.getLogger(__name__)
T = TypeVar("T")

ClaimStatus = Literal["running", "done", "failed"]


def replica_name() -> str:
    """Who is claiming: host and process id, recorded on the claim for whoever investigates later."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _insert_ignoring_conflict(engine: Engine, values: dict[str, Any]) -> int:
    """Insert one JobClaim row unless `(job, slot)` exists; return the number of rows inserted (0 or 1)."""
    with engine.begin() as conn:
        return int(insert_ignoring_conflict(conn, JobClaim, values, conflict=["job", "slot"], returning=JobClaim.id))


def claim(engine: Engine, job: str, slot: str, owner: str, *, now: datetime | None = None) -> bool:
    """Try to claim `(job, slot)` for `owner`; True only for the one caller whose insert wins."""
    won = _insert_ignoring_conflict(
        engine, {"job": job, "slot": slot, "claimed_by": owner, "claimed_at": now or utcnow(), "status": "running"}
    )
    if not won:
        log.info("claim %s %s: already taken, skipping", job, slot)
    return bool(won)


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
        result = work()
    except Exception as exc:
        mark_failed(engine, job, slot, owner, f"{type(exc).__name__}: {exc}")
        raise
    mark_done(engine, job, slot, owner, describe(result) if describe else None)
    return ClaimedRun(slot=slot, ran=True, result=result)
