"""Benchmark: build a demo workspace into a fresh SQLite file and report rows, seconds, file size and peak memory.

Run: `python -m benchmarks.build_workspace [--size large|default|small] [--seed 7] [--keep PATH]`.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from store.db import open_engine, upgrade_schema
from store.demo import SIZES, generate_workspace


def _file_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists()) / 1_048_576


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1_048_576 if sys.platform == "darwin" else peak / 1024


def bench_build(size: str = "large", *, seed: int = 7, keep: Path | None = None, verbose: bool = False) -> dict:
    """Build the `size` workspace into a new SQLite file; return rows per table, seconds, size in MB, peak RSS in MB."""
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

        stats = generate_workspace(engine, size=size, seed=seed, as_of=as_of, progress=progress)  # type: ignore[arg-type]
        engine.dispose()  # checkpoints the WAL into the main file
        return {
            "size": size,
            "seed": seed,
            "rows": stats.rows(),
            "total_rows": sum(stats.rows().values()),
            "seconds": stats.seconds,
            "db_mb": _file_mb(path),
            "peak_rss_mb": _peak_rss_mb(),
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
    lines.append(f"{'build seconds':<22}{result['seconds']:>12.1f}")
    lines.append(f"{'rows / second':<22}{result['total_rows'] / result['seconds']:>12,.0f}")
    lines.append(f"{'DB file size (MB)':<22}{result['db_mb']:>12.1f}")
    lines.append(f"{'peak RSS (MB)':<22}{result['peak_rss_mb']:>12.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="large")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the store here instead of a temporary file, and keep it")
    args = parser.parse_args(argv)
    print(format_table(bench_build(args.size, seed=args.seed, keep=args.keep, verbose=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
