"""Benchmark: build a demo workspace into a fresh SQLite file and report rows, seconds, file size and peak memory.

Beside the build stands its floor: the same rows, already built as tuples, inserted into a fresh file at the same
schema by a bare `executemany` per table (secondary indexes built after the load, as the build does), so the figure
reads as a ratio that holds on a busy machine. The build's CPU seconds are printed too: on the shared 2-core machine
the wall time mostly measures the other processes.

Run: `python -m benchmarks.build_workspace [--size large|default|small] [--seed 7] [--keep PATH] [--no-floor]`.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from store.bulk import create_indexes, drop_secondary_indexes
from store.db import open_engine, upgrade_schema
from store.demo import SIZES, generate_workspace
from store.demo.workspace import GENERATED_TABLES
from store.models import WorkspaceMeta


def _file_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists()) / 1_048_576


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1_048_576 if sys.platform == "darwin" else peak / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bare_insert_floor(source: Path, target: Path, *, batch: int = 10_000) -> dict:
    """Insert every generated row of `source`, read beforehand as tuples, into a new file `target`: the build's floor.

    Same engine set-up and schema as the build (WAL, foreign keys, 128 MB cache), one transaction, secondary indexes
    dropped before and built after. Only the inserts, the index builds and the commit are timed; returns rows,
    seconds and CPU seconds.
    """
    engine = open_engine(f"sqlite:///{target}")
    upgrade_schema(engine)
    read = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    rows = seconds = cpu = 0.0
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA cache_size=-131072")
            indexes = drop_secondary_indexes(conn, GENERATED_TABLES)
            for model in (*GENERATED_TABLES, WorkspaceMeta):
                name = model.__tablename__
                columns = [c.name for c in model.__table__.columns]  # type: ignore[attr-defined]
                quoted = ", ".join(f'"{c}"' for c in columns)
                data = read.execute(f'SELECT {quoted} FROM "{name}"').fetchall()
                sql = f'INSERT INTO "{name}" ({quoted}) VALUES ({", ".join("?" for _ in columns)})'
                started, cpu_started = time.perf_counter(), _cpu_seconds()
                for i in range(0, len(data), batch):
                    conn.exec_driver_sql(sql, data[i : i + batch])
                seconds += time.perf_counter() - started
                cpu += _cpu_seconds() - cpu_started
                rows += len(data)
                del data
            started, cpu_started = time.perf_counter(), _cpu_seconds()
            create_indexes(conn, indexes)
            conn.exec_driver_sql("PRAGMA cache_size=-2000")
        seconds += time.perf_counter() - started
        cpu += _cpu_seconds() - cpu_started
    finally:
        read.close()
        engine.dispose()
    return {"rows": int(rows), "seconds": seconds, "cpu_seconds": cpu}


def bench_build(
    size: str = "large", *, seed: int = 7, keep: Path | None = None, verbose: bool = False, floor: bool = True
) -> dict:
    """Build the `size` workspace into a new SQLite file; return rows per table, seconds, size in MB, peak RSS in MB.

    With `floor`, also the bare-executemany floor of the same rows (`bare_insert_floor`), after the build.
    """
    as_of = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="salesos-bench-") as tmp:
        path = keep or Path(tmp) / "store.db"
        if path.exists():
            raise SystemExit(f"{path} exists; pass a new path to --keep")
        engine = open_engine(f"sqlite:///{path}")
        upgrade_schema(engine)
        last_stage = [""]
        started = time.perf_counter()

        def progress(stage: str, done: int, total: int) -> None:
            if verbose and (stage != last_stage[0] or done == total or done % 20_000 == 0):
                print(f"  {time.perf_counter() - started:6.1f}s  {stage:<10} {done:>9,}/{total:,}", file=sys.stderr)
            last_stage[0] = stage

        cpu_started = _cpu_seconds()
        stats = generate_workspace(engine, size=size, seed=seed, as_of=as_of, progress=progress)  # type: ignore[arg-type]
        cpu_seconds = _cpu_seconds() - cpu_started
        engine.dispose()  # checkpoints the WAL into the main file
        peak = _peak_rss_mb()
        floor_result = bare_insert_floor(path, Path(tmp) / "floor.db") if floor else None
        return {
            "size": size,
            "seed": seed,
            "rows": stats.rows(),
            "total_rows": sum(stats.rows().values()),
            "seconds": stats.seconds,
            "cpu_seconds": cpu_seconds,
            "db_mb": _file_mb(path),
            "peak_rss_mb": peak,
            "floor": floor_result,
        }


def format_table(result: dict) -> str:
    """Render a result of `bench_build` as a plain-text table."""
    lines = [f"Demo workspace build: size={result['size']} seed={result['seed']} (SQLite file)", ""]
    lines.append(f"{'table':<22}{'rows':>12}")
    lines.append("-" * 34)
    for table, count in result["rows"].items():
        lines.append(f"{table:<22}{count:>12,}")
    lines.append("-" * 34)
    lines.append(f"{'total rows':<22}{result['total_rows']:>12,}")
    lines.append("")
    lines.append(f"{'DB file size (MB)':<22}{result['db_mb']:>12.1f}")
    lines.append(f"{'peak RSS (MB)':<22}{result['peak_rss_mb']:>12.1f}")
    lines.append("")
    floor = result.get("floor")
    header = f"{'':<34}{'build':>12}"
    if floor:
        header += f"{'floor':>12}{'ratio':>8}"
    lines.append(header)
    lines.append("-" * len(header))
    for label, key in (("seconds (wall)", "seconds"), ("seconds (CPU)", "cpu_seconds")):
        line = f"{label:<34}{result[key]:>12.1f}"
        if floor:
            line += f"{floor[key]:>12.1f}{result[key] / max(floor[key], 1e-9):>7.1f}x"
        lines.append(line)
    line = f"{'rows / second (wall)':<34}{result['total_rows'] / result['seconds']:>12,.0f}"
    if floor:
        line += f"{floor['rows'] / max(floor['seconds'], 1e-9):>12,.0f}"
    lines.append(line)
    if floor:
        lines.append("")
        lines.append(
            "floor: the same rows as ready tuples, bare executemany per table into a fresh file at the same schema,"
        )
        lines.append("one transaction, secondary indexes built after the load (as the build does)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="large")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the store here instead of a temporary file, and keep it")
    parser.add_argument("--no-floor", action="store_true", help="skip the bare-executemany floor")
    args = parser.parse_args(argv if argv is not None else [])  # `python -m benchmarks` passes its own argv
    result = bench_build(args.size, seed=args.seed, keep=args.keep, verbose=True, floor=not args.no_floor)
    print(format_table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
