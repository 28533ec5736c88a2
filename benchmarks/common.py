"""What every benchmark shares: the cached large workspace (SQLite, and a PostgreSQL copy of it), timing with
percentiles, figures measured beside their floor, peak memory of child processes, and table printing.

A figure alone does not hold on a shared 2-core machine: the same query takes twice as long when seven other processes
compete for the CPU. So each figure is printed beside its *floor*, the cheapest way the machine can do the same work
(the same SQL on the bare driver, the same server answering a constant, raw onnxruntime on the same batch, a bare
Python that only imports sqlalchemy), and the ratio figure / floor is what to compare across runs.
"""

from __future__ import annotations

import math
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Engine, event

from settings import PROJECT_ROOT

if TYPE_CHECKING:
    from store.demo import Size

BENCH_DIR = PROJECT_ROOT / "var" / "bench"
Dialect = Literal["sqlite", "postgresql"]
DIALECTS: tuple[Dialect, ...] = ("sqlite", "postgresql")
POSTGRES_ADMIN_URL = os.environ.get(
    "SALESOS_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
"""A database on the PostgreSQL server to connect to while creating the benchmark database (trust auth locally)."""
COPY_MARK = "bench_copied_from"
"""workspacemeta key written last by the PostgreSQL copy: present and equal to the SQLite file's name = complete."""


def large_workspace(*, seed: int = 7, size: Size = "large", dialect: Dialect = "sqlite") -> tuple[Engine, datetime]:
    """Open (building on first use) the large demo workspace, shared by every benchmark of the day.

    The SQLite file is keyed by day because the generator anchors dates on `as_of`; a workspace from an earlier day
    would still answer, but its "silent" counts would drift. With `dialect="postgresql"` the day's SQLite workspace is
    copied (once, with COPY) into its own PostgreSQL database, reused while it is complete and of the same day.
    """
    if dialect == "postgresql":
        return postgres_workspace(seed=seed, size=size)
    from store.db import open_engine, upgrade_schema
    from store.demo import generate_workspace

    as_of = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    path = BENCH_DIR / f"{size}-seed{seed}-{as_of:%Y%m%d}.db"
    fresh = not path.exists()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if fresh:
        for old in BENCH_DIR.glob(f"{size}-seed{seed}-*.db*"):
            old.unlink()
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        engine = open_engine(f"sqlite:///{partial}")
        upgrade_schema(engine)
        print(f"building the {size} workspace once (cached at {path}) ...", flush=True)
        generate_workspace(engine, size=size, seed=seed, as_of=as_of)
        engine.dispose()
        partial.rename(path)  # only a complete build is ever reused
    engine = open_engine(f"sqlite:///{path}")
    upgrade_schema(engine)
    return engine, as_of


def postgres_workspace(*, seed: int = 7, size: Size = "large") -> tuple[Engine, datetime]:
    """The day's large workspace in PostgreSQL: database `salesos_bench_<size>_seed<seed>`, copied from SQLite once."""
    from store.db import open_engine

    source, as_of = large_workspace(seed=seed, size=size)
    # the mark names the source file and the schema it was copied at: a copy from before a migration is redone
    from store.db import head_revisions

    source_name = f"{Path(str(source.url.database)).name}@{','.join(sorted(head_revisions()))}"
    database = f"salesos_bench_{size}_seed{seed}"
    target_url = _database_url(POSTGRES_ADMIN_URL, database)
    if _copy_mark(target_url) != source_name:
        _recreate_database(database)
        target = open_engine(target_url)
        started = time.perf_counter()
        rows = copy_store(source, target)
        seconds = time.perf_counter() - started
        print(
            f"copied the {size} workspace into PostgreSQL database {database} once: {sum(rows.values()):,} rows in "
            f"{len(rows)} tables, {seconds:.1f} s (COPY, then ANALYZE)",
            flush=True,
        )
        with target.begin() as conn:  # written last: a copy that died half-way is never reused
            conn.exec_driver_sql(
                "INSERT INTO workspacemeta (key, value, updated_at) VALUES (%s, %s, now()), (%s, %s, now())",
                (COPY_MARK, source_name, "bench_copy_seconds", f"{seconds:.1f}"),
            )
        target.dispose()
    source.dispose()
    return open_engine(target_url), as_of


def postgres_copy_seconds(engine: Engine) -> float | None:
    """How long the PostgreSQL copy of the workspace took when it was made (None: not a benchmark copy)."""
    with engine.connect() as conn:
        value = conn.exec_driver_sql("SELECT value FROM workspacemeta WHERE key = 'bench_copy_seconds'").scalar()
    return float(value) if value else None


def copy_store(source: Engine, target: Engine, *, batch: int = 20_000) -> dict[str, int]:
    """Copy every table of the store `source` into the empty store `target` (PostgreSQL), table by table with COPY.

    The target gets the schema from the migrations first; rows go in as the source holds them (SQLite's text
    timestamps, 0/1 booleans and JSON text are valid COPY input for the PostgreSQL columns). Foreign-key triggers are
    off during the copy (`session_replication_role = replica`) so the order of the tables does not matter and COPY
    does not check 1.1M references one by one; the source store already satisfied them. Then the id sequences move
    past the copied ids and ANALYZE gives the planner its statistics. Returns rows copied per table.
    """
    from sqlmodel import SQLModel

    from store.db import upgrade_schema

    upgrade_schema(target)
    copied: dict[str, int] = {}
    raw_source = source.raw_connection()
    raw_target = target.raw_connection()
    cur: Any = raw_target.cursor()  # psycopg's cursor: `copy` is not in the DBAPI protocol
    try:
        cur.execute("SET session_replication_role = replica")
        cur.execute("SET TIME ZONE 'UTC'")  # SQLite holds naive UTC timestamps
        for table in SQLModel.metadata.sorted_tables:
            names = [c.name for c in table.columns]
            quoted = ", ".join(f'"{n}"' for n in names)
            read = raw_source.cursor()
            read.execute(f'SELECT {quoted} FROM "{table.name}"')  # noqa: S608 (names from the metadata)
            count = 0
            with cur.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
                while rows := read.fetchmany(batch):
                    for row in rows:
                        copy.write_row(row)
                    count += len(rows)
            read.close()
            copied[table.name] = count
            if "id" in table.columns and count:
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f'(SELECT MAX(id) FROM "{table.name}"))'
                )
        cur.execute("SET session_replication_role = DEFAULT")
        cur.close()
        raw_target.commit()
    finally:
        raw_source.close()
        raw_target.close()
    with target.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    return copied


def _database_url(url: str, database: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=database).render_as_string(hide_password=False)


def _copy_mark(url: str) -> str | None:
    """The copy's completeness mark, or None when the database (or the mark) is missing."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import OperationalError, ProgrammingError

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            value = conn.exec_driver_sql("SELECT value FROM workspacemeta WHERE key = %s", (COPY_MARK,)).scalar()
            return str(value) if value is not None else None
    except (OperationalError, ProgrammingError):
        return None
    finally:
        engine.dispose()


def _recreate_database(database: str) -> None:
    from sqlalchemy import create_engine

    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
    finally:
        admin.dispose()


def postgres_reachable() -> bool:
    """Tell whether the benchmark PostgreSQL server answers (the PostgreSQL rows say "not measured" otherwise)."""
    try:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN_URL.replace("+psycopg", ""), connect_timeout=2):
            return True
    except Exception:
        return False


def time_runs(fn: Callable[[], object], *, runs: int, warmup: int = 2) -> list[float]:
    """Call `fn` `runs` times after `warmup` calls; return each call's wall time in milliseconds."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def percentile(values: Sequence[float], pct: float) -> float:
    """The `pct`-th percentile (inclusive method), e.g. 95 for p95."""
    if len(values) == 1:
        return float(values[0])
    return statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def file_mb(path: Path) -> float:
    """Size of a file in MB."""
    return path.stat().st_size / 1e6


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Print a Markdown table (readable in a terminal, pasteable into the README) and return it."""
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = [f"### {title}", ""]
    lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(cells[0], widths, strict=True)) + " |")
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells[1:]]
    text = "\n".join(lines) + "\n"
    print(text, flush=True)
    return text


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 100 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


# --- figures beside their floor ------------------------------------------------------------------------------------


def load_note() -> str:
    """The machine's load right now, for every table's title: figures from a busy machine are read as ratios."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} on {os.cpu_count()} CPUs"


@dataclass
class Measured:
    """One figure beside its floor: what a person waits for, and the cheapest way this machine does the same work.

    `figure_ms`/`floor_ms` are None when not measured. `goal_ms` is the issue's goal for the figure (None: none set).
    """

    name: str
    figure_ms: float | None
    floor_ms: float | None = None
    floor_label: str = ""
    goal_ms: float | None = None
    goal_label: str = ""
    """How the goal reads in the table ("< 300 ms"); derived from `goal_ms` when empty."""
    before: str = ""
    """The figure before the change (the issue's "now" column), as text."""
    note: str = ""
    """Anything the reader needs beside the figure: runs, rows, peak memory, why not measured."""

    @property
    def ratio(self) -> float | None:
        """Figure / floor: how many floors the figure costs (None when either is missing or the floor is 0)."""
        if self.figure_ms is None or not self.floor_ms:
            return None
        return self.figure_ms / self.floor_ms

    @property
    def holds(self) -> bool | None:
        """Whether the figure meets its goal (None: no goal, or not measured)."""
        if self.figure_ms is None or self.goal_ms is None:
            return None
        return self.figure_ms < self.goal_ms

    @property
    def verdict(self) -> str:
        """`yes` / `NO` / `-` (no goal) / `not measured`."""
        if self.figure_ms is None:
            return "not measured"
        return {True: "yes", False: "NO", None: "-"}[self.holds]

    def goal_text(self) -> str:
        """The goal as printed."""
        return self.goal_label or (f"< {format_ms(self.goal_ms)}" if self.goal_ms is not None else "-")


def format_ms(ms: float | None) -> str:
    """A duration for a table: `123 ms`, `4.56 s`; "not measured" for None."""
    if ms is None or (isinstance(ms, float) and math.isnan(ms)):
        return "not measured"
    if ms >= 10_000:
        return f"{ms / 1000:,.1f} s"
    if ms >= 1000:
        return f"{ms / 1000:,.2f} s"
    return f"{ms:.1f} ms" if ms < 100 else f"{ms:,.0f} ms"


def format_ratio(ratio: float | None) -> str:
    """`3.2×`, or `-` when there is no floor."""
    return "-" if ratio is None else f"{ratio:,.1f}×"


MEASURED_HEADERS = ("what", "figure", "floor", "floor is", "ratio", "goal", "holds?")


def measured_rows(items: Sequence[Measured], *, before: bool = False) -> list[list[str]]:
    """Rows of the figure / floor / ratio / goal / verdict table (with the "before" column when `before`)."""
    rows = []
    for m in items:
        row = [m.name + (f" ({m.note})" if m.note else "")]
        if before:
            row.append(m.before or "-")
        row += [
            format_ms(m.figure_ms),
            format_ms(m.floor_ms) if m.floor_ms is not None else "-",
            m.floor_label or "-",
            format_ratio(m.ratio),
            m.goal_text(),
            m.verdict,
        ]
        rows.append(row)
    return rows


def print_measured(title: str, items: Sequence[Measured], *, before: bool = False) -> str:
    """Print figures beside their floors (what | [before |] figure | floor | floor is | ratio | goal | holds?).

    The title gets the machine's load average, so a reader knows how busy the machine was.
    """
    headers = list(MEASURED_HEADERS)
    if before:
        headers.insert(1, "before")
    return print_table(f"{title} ({load_note()})", headers, measured_rows(items, before=before))


# --- the same SQL on the bare driver: a query's floor ---------------------------------------------------------------


@contextmanager
def captured_sql(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """Collect every (statement, parameters) the engine sends to the database while the block runs."""
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        if not many:
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", capture)


def replay(engine: Engine, statements: Sequence[tuple[str, Any]]) -> Callable[[], int]:
    """A callable that sends `statements` through one raw DBAPI connection and fetches every row; returns the rows.

    It is the query's floor: the database's own work plus the driver's row fetch, without SQLAlchemy's compile,
    the ORM's objects or our Python. Each call opens and returns a pooled connection, as a session does.
    """

    def run() -> int:
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            rows = 0
            for statement, parameters in statements:
                cur.execute(statement, parameters)
                if cur.description is not None:
                    rows += len(cur.fetchall())
            cur.close()
            raw.rollback()
            return rows
        finally:
            raw.close()

    return run


def sql_floor(engine: Engine, fn: Callable[[], object], *, runs: int, warmup: int = 2) -> list[float]:
    """Time the statements one call of `fn` sends, replayed on the bare driver (`replay`), `runs` times."""
    with captured_sql(engine) as statements:
        fn()
    return time_runs(replay(engine, statements), runs=runs, warmup=warmup)


def scan_rows(engine: Engine, sql: str) -> Callable[[], int]:
    """A bare scan: run `sql` on the raw driver and fetch every row (the floor of an answer over those rows)."""
    return replay(engine, [(sql, ())])


OPEN_DEALS_SCAN = "SELECT * FROM deal WHERE NOT is_closed"
"""The rows a whole-book assessment is about: every open deal, every column (one scan of open deals)."""


# --- peak memory of child processes ---------------------------------------------------------------------------------


@dataclass
class ChildRun:
    """A child process that ran to its end: wall time, peak resident memory, exit code and what it printed."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_child(
    args: Sequence[str], *, env: Mapping[str, str] | None = None, timeout: float = 1800, stdin: str | None = None
) -> ChildRun:
    """Run a command to its end and report its own peak resident memory.

    `RUSAGE_CHILDREN` would report the largest of all children so far, and even `wait4` on the pid counts the forked
    copy of this process before the exec (a benchmark parent holding a workspace would inflate every child). So the
    command runs under `/usr/bin/time -f %M` (its fork is tiny), which reports the exec'd command's own peak; without
    /usr/bin/time, `wait4`'s figure is used and may include this process's size at the fork.
    """
    import shutil
    import tempfile
    import threading

    gnu_time = shutil.which("time", path="/usr/bin:/bin")
    with (
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as err,
        tempfile.NamedTemporaryFile("r", suffix=".rss") as rss,
    ):
        command = [gnu_time, "-f", "%M", "-o", rss.name, *args] if gnu_time else list(args)
        started = time.perf_counter()
        child = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env={**os.environ, **(env or {})},
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            text=True,
        )
        if stdin is not None and child.stdin is not None:
            child.stdin.write(stdin)
            child.stdin.close()
        killer = threading.Timer(timeout, child.kill)
        killer.start()
        try:
            _pid, status, usage = os.wait4(child.pid, 0)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
        peak = usage.ru_maxrss / 1024
        if gnu_time:
            lines = [line for line in rss.read().splitlines() if line.strip().isdigit()]
            peak = int(lines[-1]) / 1024 if lines else float("nan")
        out.seek(0)
        err.seek(0)
        return ChildRun(seconds, peak, child.returncode, out.read(), err.read())


def vm_hwm_mb(pid: int) -> float | None:
    """Peak resident memory (VmHWM) of a running process, from /proc (None when it has gone or on non-Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def python() -> str:
    """This interpreter (the project's .venv when run through `make bench`)."""
    return sys.executable


# --- raw onnxruntime on the same batch: the embedding's floor -------------------------------------------------------


def raw_onnx_runner(model_path: str, tokenizer_path: str, *, threads: int = 2) -> Callable[[Sequence[str]], int]:
    """A callable that runs the embedding model on raw onnxruntime over `texts` and returns how many it ran.

    Its own session and tokenizer (not the library's cached ones), the same thread count and dynamic padding, no
    pooling or normalisation: the model's own cost on the same batch, which the library's embedding cannot beat.
    """
    import numpy as np

    from store.library import BATCH, new_model_session

    session, tokenizer = new_model_session(model_path, tokenizer_path, threads)

    def run(texts: Sequence[str]) -> int:
        for start in range(0, len(texts), BATCH):
            encoded = tokenizer.encode_batch(list(texts[start : start + BATCH]))
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
        return len(texts)

    return run
