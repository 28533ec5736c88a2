"""Bulk loading into an empty store: rows as dicts, written by the fastest path each database has.

SQLite gets ready tuples through the driver's `executemany` (SQLAlchemy's per-value bind processing was a third of
the large demo build); PostgreSQL gets `COPY ... FROM STDIN` through psycopg. Both store exactly what a Core
`insert()` of the same dicts stores (the tests compare the two byte for byte), so callers write rows once and the
reference path stays one flag away (`FAST_WRITES`). Secondary indexes can be dropped for the load and rebuilt from
their own DDL afterwards: building an index from sorted data beats a random B-tree insert per row once the tables
outgrow the page cache.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy import types as sa_types
from sqlalchemy.engine import Connection
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from store.types import UTCDateTime

BATCH = 10_000
FAST_WRITES = True
"""Write through the drivers (`executemany` of tuples on SQLite, COPY on PostgreSQL); False uses Core inserts."""


@dataclass(frozen=True)
class IndexDDL:
    """A secondary index dropped for a bulk load, and the statement that recreates it exactly."""

    table: str
    name: str
    create: str


def _table(model_or_table: Any) -> Table:
    return model_or_table if isinstance(model_or_table, Table) else model_or_table.__table__


# --- values as each driver wants them -------------------------------------------------------------------------------


def _utc(value: datetime) -> datetime:
    """`UTCDateTime`'s rule: aware instants only, in UTC."""
    if value.tzinfo is not UTC:
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware datetime (UTC)")
        value = value.astimezone(UTC)
    return value


def _sqlite_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    return _utc(value).isoformat(" ", "microseconds")[:26]  # drop the "+00:00": SQLite keeps naive UTC


def _pg_datetime(value: datetime | None) -> datetime | None:
    return None if value is None else _utc(value)


def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


_json_cache: dict[tuple[str, ...], str] = {}


def _json(value: Any) -> str:
    # Participant lists repeat a lot (the same rep and contact); encoding each once saves seconds on `large`.
    # None is encoded too ("null"), as SQLAlchemy's JSON type does by default (`none_as_null=False`).
    if isinstance(value, list) and len(value) <= 4:
        key = tuple(value)
        cached = _json_cache.get(key)
        if cached is None:
            if len(_json_cache) > 200_000:
                _json_cache.clear()
            cached = _json_cache[key] = json.dumps(value)
        return cached
    return json.dumps(value)


def _converter(column: Any, dialect: str) -> Callable[[Any], Any] | None:
    """The conversion SQLAlchemy's type of `column` would apply before the driver sees a value, if any."""
    if isinstance(column.type, UTCDateTime):
        return _sqlite_datetime if dialect == "sqlite" else _pg_datetime
    if isinstance(column.type, sa_types.Date) and dialect == "sqlite":
        return _sqlite_date
    if isinstance(column.type, sa_types.JSON):
        return _json
    return None


def _column_plan(table: Table, first: dict[str, Any]) -> tuple[list[str], Callable[[dict[str, Any]], tuple]] | None:
    """The columns a Core insert of rows shaped like `first` would write, and a getter of their values.

    Core writes the keys of the first row plus every other column that has a scalar default (filled in); the rest
    are left to the database. A missing column with a computed default needs Core: None.
    """
    names: list[str] = []
    defaults: dict[str, Any] = {}
    for column in table.columns:
        if column.name in first:
            names.append(column.name)
        elif column.default is not None:
            if not isinstance(column.default, ScalarElementColumnDefault):
                return None
            names.append(column.name)
            defaults[column.name] = column.default.arg
    if not defaults:
        getter = operator.itemgetter(*names)
        if len(names) == 1:
            return names, lambda row: (getter(row),)
        return names, getter
    return names, lambda row: tuple(row[n] if n in row else defaults[n] for n in names)


def _tuples(table: Table, names: list[str], getter: Callable, rows: Sequence[dict], dialect: str) -> Iterable[tuple]:
    converters = [
        (i, conv) for i, name in enumerate(names) if (conv := _converter(table.columns[name], dialect)) is not None
    ]
    if not converters:
        yield from map(getter, rows)
        return
    for row in rows:
        values = list(getter(row))
        for index, conv in converters:
            values[index] = conv(values[index])
        yield tuple(values)


# --- writing --------------------------------------------------------------------------------------------------------


def insert_rows(conn: Connection, model_or_table: Any, rows: Sequence[dict[str, Any]]) -> int:
    """Insert `rows` (dicts keyed by column name, all with the same keys) inside the caller's transaction.

    Returns how many rows were written. Stores exactly what `conn.execute(insert(table), rows)` stores.
    """
    if not rows:
        return 0
    table = _table(model_or_table)
    dialect = conn.dialect.name
    plan = _column_plan(table, rows[0]) if FAST_WRITES and dialect in ("sqlite", "postgresql") else None
    if plan is None:
        for start in range(0, len(rows), BATCH):
            conn.execute(insert(table), list(rows[start : start + BATCH]))
        return len(rows)
    names, getter = plan
    quoted = ", ".join(f'"{n}"' for n in names)
    if dialect == "sqlite":
        sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" for _ in names)})'
        for start in range(0, len(rows), BATCH):
            conn.exec_driver_sql(sql, list(_tuples(table, names, getter, rows[start : start + BATCH], dialect)))
    else:
        _copy(conn, f'COPY "{table.name}" ({quoted}) FROM STDIN', _tuples(table, names, getter, rows, dialect))
    return len(rows)


def _copy(conn: Connection, sql: str, tuples: Iterable[tuple]) -> None:
    """Stream tuples into PostgreSQL with COPY, on the connection's own transaction."""
    driver = conn.connection.driver_connection
    if driver is None:  # pragma: no cover - an open SQLAlchemy connection always has its driver connection
        raise RuntimeError("no driver connection to COPY through")
    with driver.cursor() as cursor, cursor.copy(sql) as copy:
        for values in tuples:
            copy.write_row(values)


# --- indexes built after the load -----------------------------------------------------------------------------------


def drop_secondary_indexes(conn: Connection, models: Iterable[Any]) -> list[IndexDDL]:
    """Drop the plain and unique indexes of `models`' tables (not primary keys or constraints); return their DDL.

    Meant for empty tables about to be bulk-loaded in the same transaction: `create_indexes` rebuilds them from the
    statements the database itself reports, so the schema ends exactly as it was (a rollback restores them too).
    A unique index rebuilt over duplicate rows fails, so uniqueness is still enforced, at the end.
    """
    dropped: list[IndexDDL] = []
    if conn.dialect.name == "sqlite":
        driver = conn.connection.driver_connection
        if driver is not None and not driver.in_transaction:
            # Python's sqlite3 (before 3.12) opens its implicit transaction only before INSERT/UPDATE/DELETE, so a
            # DROP INDEX first in a block would be committed on its own and survive a rollback. Open it ourselves;
            # the driver's commit and rollback follow SQLite's own state, so the caller's transaction ends it.
            conn.exec_driver_sql("BEGIN")
    for model in models:
        name = _table(model).name
        if conn.dialect.name == "sqlite":
            found = conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
                "ORDER BY name",
                (name,),
            ).all()
        elif conn.dialect.name == "postgresql":
            found = conn.exec_driver_sql(
                "SELECT c.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                "JOIN pg_class c ON c.oid = x.indexrelid "
                "WHERE x.indrelid = to_regclass(%(t)s) AND NOT x.indisprimary "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) ORDER BY c.relname",
                {"t": f'"{name}"'},
            ).all()
        else:  # pragma: no cover - the store supports SQLite and PostgreSQL only
            return dropped
        for index_name, ddl in found:
            conn.exec_driver_sql(f'DROP INDEX "{index_name}"')
            dropped.append(IndexDDL(table=name, name=index_name, create=ddl))
    return dropped


def create_indexes(conn: Connection, indexes: Iterable[IndexDDL]) -> None:
    """Recreate indexes dropped by `drop_secondary_indexes`."""
    for index in indexes:
        conn.exec_driver_sql(index.create)
