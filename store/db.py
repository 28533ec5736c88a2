"""Engines, sessions and schema upgrades.

Schema strategy: Alembic migrations under `store/migrations` are the only way the schema changes. `upgrade_schema`
runs them to head when the store is behind, so a store created by an older Sales OS is upgraded in place and never
dropped. Whether it is behind is checked cheaply on every start: the `alembic_version` row against the head revision
read from the migration files, without loading Alembic (a third of a cold command's time when run every start). A
test checks that the migrations produce exactly the tables `store.models` declares.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

import store.models  # noqa: F401  (registers the tables on SQLModel.metadata)

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def open_engine(url: str, *, echo: bool = False, busy_timeout: float = 30.0) -> Engine:
    """Create an engine for `url`, with the pragmas SQLite needs for concurrent readers and enforced foreign keys.

    `busy_timeout`: on SQLite, how long a write waits for another writer's lock before "database is locked".
    """
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": busy_timeout}}
        if not path or path == ":memory:":
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, echo=echo, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")  # readers (Slack, copilot) never wait for the sync writer
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, echo=echo, pool_pre_ping=True)


_REVISION = re.compile(r"^revision(?:\s*:[^=]+)?\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision(?:\s*:[^=]+)?\s*=\s*(.+)$", re.MULTILINE)


@lru_cache(maxsize=1)
def head_revisions() -> frozenset[str]:
    """The head revision(s) of `store/migrations/versions`, read from the files' `revision`/`down_revision` lines.

    Alembic's own script directory would import every migration module; these two lines are all a head needs.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN_REVISION.search(source)
        if down is not None:
            parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return frozenset(revisions - parents)


def stored_revisions(engine: Engine) -> frozenset[str] | None:
    """The revision(s) in the store's `alembic_version` table; None when there is no such table (a new store)."""
    try:
        with engine.connect() as conn:
            return frozenset(str(v) for v in conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    except OperationalError:  # SQLite: no such table
        return None
    except ProgrammingError:  # PostgreSQL: undefined table
        return None


def schema_is_current(engine: Engine) -> bool:
    """True when the store is at the newest migration (one indexed read: no Alembic, no migration modules)."""
    heads = head_revisions()
    return bool(heads) and stored_revisions(engine) == heads


def upgrade_schema(engine: Engine) -> None:
    """Bring the schema to the newest migration; creates it on an empty database. A current store costs one read."""
    if schema_is_current(engine):
        return
    run_migrations(engine)


def run_migrations(engine: Engine) -> None:
    """Run Alembic's upgrade to head (a no-op on a current store, but it loads Alembic and every migration)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


SQLITE_ANALYSIS_LIMIT = 1000
"""Rows SQLite samples per index for ANALYZE: enough for the planner, and well under a second on 100k deals."""


def refresh_statistics(engine: Engine) -> None:
    """Refresh the query planner's statistics after a bulk write (demo generation, a HubSpot sync run).

    Without them SQLite guesses, and on a large store picks plans that read every row of a table (e.g. "latest on X"
    scanned every task: 1.4 s instead of 51 ms). SQLite: `ANALYZE` with a sampling limit (cheap); PostgreSQL: `ANALYZE`
    (autovacuum would get there eventually; this makes it immediate).
    """
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
        conn.exec_driver_sql("ANALYZE")


def statistics_rows(engine: Engine) -> int:
    """How many rows of planner statistics the store holds (0: never analysed): `sqlite_stat1` / `pg_stats`."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            if not conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").scalar():
                return 0
            return int(conn.exec_driver_sql("SELECT count(*) FROM sqlite_stat1").scalar() or 0)
        return int(
            conn.exec_driver_sql("SELECT count(*) FROM pg_stats WHERE schemaname = current_schema()").scalar() or 0
        )


def clear_data(engine: Engine) -> None:
    """Delete every row of every table (children first), keeping the schema: `salesos demo --fresh`."""
    from sqlmodel import SQLModel

    with engine.begin() as conn:
        for table in reversed(SQLModel.metadata.sorted_tables):
            conn.execute(table.delete())


def reset_id_sequences(conn: Connection, tables: Iterable[Any]) -> None:
    """Move PostgreSQL's id sequences past ids written explicitly (bulk loads), so later inserts get fresh ids.

    SQLite needs nothing: its rowids follow MAX(id).
    """
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        name = table.__tablename__
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                f'(SELECT COALESCE(MAX(id), 0) + 1 FROM "{name}"), false)'
            )
        )


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise


def insert_ignoring_conflict(
    conn: Connection, table: Any, values: dict[str, Any], *, conflict: Sequence[str], returning: Any
) -> bool:
    """Insert one row unless a row with the same `conflict` columns exists; True only when this call inserted it.

    The unique key is the arbiter between replicas (`INSERT ... ON CONFLICT DO NOTHING` on SQLite and PostgreSQL).
    The winner is told by RETURNING, not rowcount: psycopg 3 reports rowcount -1 for such an insert.
    """
    dialect = conn.dialect.name
    if dialect not in ("postgresql", "sqlite"):  # pragma: no cover - the store supports SQLite and PostgreSQL only
        raise RuntimeError(f"unsupported database {dialect}")
    stmt = dialect_insert(dialect, table).values(**values).on_conflict_do_nothing(index_elements=list(conflict))
    return conn.execute(stmt.returning(returning)).first() is not None


def dialect_insert(dialect: str, table: Any) -> postgresql.Insert | sqlite.Insert:
    """An `INSERT` with its dialect's `ON CONFLICT` clauses: PostgreSQL's for "postgresql", else SQLite's."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)
