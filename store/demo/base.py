"""The state every part of the demo builder shares: the seed's random stream, `as_of`, ids, people, the row writer.

Each part (people, deals, calls, activity, leads, tour) is a subclass of `BuilderBase` that inherits the parts it
calls; `store.demo.workspace.WorkspaceBuilder` composes them all. One random stream runs through the whole build, so
the order of the draws (not the module a method lives in) fixes the rows.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from store.demo.plans import HORIZON_DAYS, Progress, SizeSpec, WorkspaceStats, clamp
from store.demo.writer import RowWriter


class BuilderBase:
    """Shared state of one workspace build, and the helpers every part uses."""

    def __init__(
        self, conn: Connection, spec: SizeSpec, size: str, seed: int, as_of: datetime, progress: Progress | None
    ) -> None:
        self.spec = spec
        self.size = size
        self.seed = seed
        self.as_of = as_of
        self.start = as_of - timedelta(days=HORIZON_DAYS)
        self.rng = random.Random(seed)
        self.insights_rng = random.Random(f"{seed}-insights")
        self.progress = progress
        self.stats = WorkspaceStats(size=size, seed=seed, as_of=as_of)
        self.writer = RowWriter(conn, self.stats)
        self.ids = {"contact": 0, "stage": 0, "push": 0, "engagement": 0, "call": 0}
        self.used_names: set[str] = set()
        self.used_domains: set[str] = set()
        self.owners: list[dict[str, Any]] = []
        self.owner_by_name: dict[str, dict[str, Any]] = {}
        self.aes_by_team: list[list[dict[str, Any]]] = []
        self.contacts: dict[int, dict[str, Any]] = {}
        self.pending_calls: list[dict[str, Any]] = []

    def _tick(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def _work_time(self, t: datetime, *, latest: datetime, earliest: datetime, utc_offset: int = -5) -> datetime:
        """Move `t` to 8:00-18:00 local time (`utc_offset` from UTC) on its day, kept within [earliest, latest]."""
        secs = (8 - utc_offset) * 3600 + int(self.rng.random() * 36_000)
        day = t
        if secs >= 86_400:  # the Pacific afternoon is the next UTC day
            secs -= 86_400
            day = t + timedelta(days=1)
        moved = day.replace(hour=secs // 3600, minute=secs % 3600 // 60, second=secs % 60)
        if moved.weekday() >= 5:  # weekend work moves back to Friday
            moved -= timedelta(days=moved.weekday() - 4)
        return clamp(moved, earliest, latest)
