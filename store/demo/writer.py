"""Writing the planned rows: per-table buffers handed to the store's bulk loader (`store.bulk`) in batches.

Rows are dicts with every column and explicit ids, written inside the caller's transaction: `executemany` of ready
tuples on SQLite, COPY on PostgreSQL (Core inserts when `store.bulk.FAST_WRITES` is off).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from store.bulk import BATCH, insert_rows
from store.demo.plans import WorkspaceStats


class RowWriter:
    """Inserts rows on one connection, buffering per table, and counts them in `stats` (one field per table)."""

    def __init__(self, conn: Connection, stats: WorkspaceStats) -> None:
        self.conn = conn
        self.stats = stats
        self.buffers: dict[str, list[dict[str, Any]]] = {}

    def write(self, table: Any, rows: list[dict[str, Any]], stat: str) -> None:
        """Insert `rows` (dicts with every column); count them."""
        insert_rows(self.conn, table, rows)
        setattr(self.stats, stat, getattr(self.stats, stat) + len(rows))

    def buffer(self, table: Any, stat: str, row: dict[str, Any]) -> None:
        """Queue one row; the queue is written once it holds a batch."""
        rows = self.buffers.setdefault(stat, [])
        rows.append(row)
        if len(rows) >= BATCH:
            self.flush(table, stat)

    def buffer_many(self, table: Any, stat: str, rows: list[dict[str, Any]]) -> None:
        """Queue several rows at once (one deal's engagements); written once the queue holds a batch."""
        buffered = self.buffers.setdefault(stat, [])
        buffered.extend(rows)
        if len(buffered) >= BATCH:
            self.flush(table, stat)

    def flush(self, table: Any, stat: str) -> None:
        """Write what is queued for `stat`."""
        rows = self.buffers.get(stat)
        if rows:
            self.write(table, rows, stat)
            self.buffers[stat] = []
