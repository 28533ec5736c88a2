"""What every benchmark shares: the cached large workspace, timing with percentiles, and table printing."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from settings import PROJECT_ROOT

if TYPE_CHECKING:
    from store.demo import Size

BENCH_DIR = PROJECT_ROOT / "var" / "bench"


def large_workspace(*, seed: int = 7, size: Size = "large") -> tuple[Engine, datetime]:
    """Open (building on first use) the large demo workspace in SQLite, shared by every benchmark of the day.

    The file is keyed by day because the generator anchors dates on `as_of`; a workspace from an earlier day would
    still answer, but its "silent" counts would drift.
    """
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
