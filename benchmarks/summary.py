"""Where a person waits: the issue's table (before | now | floor | ratio | goal | holds?), on the large workspace in
SQLite and in PostgreSQL, with the peak memory of `serve` under a burst and of each long command.

    python -m benchmarks summary            # everything but the workspace build (about 6-8 minutes on 2 cores)
    python -m benchmarks summary --build    # also build the large workspace once (+2-4 minutes); `make bench` does
    python -m benchmarks summary --only at_risk_live --only digest --dialect sqlite

Each row is measured by one function named after it (`measure_<row>`), in one place, so a change that makes a path
fast only has to point its row's function at its own measurement. A row that cannot be measured here prints "not
measured" and why; nothing is ever estimated. Long commands run as child processes (`salesos ...` itself where the
issue names the command), so their wall time includes the start-up a person pays, and their peak resident memory is
their own (`/usr/bin/time`). The floor beside each figure is the cheapest way this machine does the same work:
  - whole-book answers (at risk, deal_health, digest): one bare scan of the open deals (`SELECT * ... NOT is_closed`),
    which is what "scoring the whole book is one scan of open deals" costs before any scoring; timed in the same
    process and moments as the figure (interleaved runs, or right after it in the child), so a busy machine slows both;
  - commands: `python -c "import sqlalchemy"`, a cold Python that imports only what every command must.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from benchmarks.common import (
    BENCH_DIR,
    DIALECTS,
    OPEN_DEALS_SCAN,
    Dialect,
    Measured,
    large_workspace,
    percentile,
    postgres_copy_seconds,
    postgres_reachable,
    print_measured,
    print_table,
    python,
    run_child,
    scan_rows,
    time_runs,
    vm_hwm_mb,
)
from benchmarks.intake_burst import LEAD as INTAKE_LEAD

_SCRIPT = Path(python()).parent / "salesos"
SALESOS = [str(_SCRIPT)] if _SCRIPT.exists() else [python(), "-m", "app"]
"""The `salesos` command of this environment (the same app:main through `python -m app` when not installed)."""
FLOOR_IMPORT = "python -c 'import sqlalchemy'"
AT_RISK_RUNS = 5
COLD_RUNS = 3
BURST_ROUNDS = 5
BURST_COMMANDS = 200
SECRET = "bench-summary-secret"
LEAD = {**INTAKE_LEAD, "contact_email": "ops@northwind.io", "contact_name": "Nora North"}
"""The intake burst's lead, with the contact `score-lead` and `/intake` need to store it."""


@dataclass
class Workspace:
    """One dialect's large workspace, as every row's measurement needs it."""

    dialect: Dialect
    engine: Engine
    as_of: datetime
    url: str
    scan_ms: float
    """p50 of one bare scan of the open deals: the whole-book floor."""
    memory: list[tuple[str, float, float]] = field(default_factory=list)
    """(command, seconds, peak RSS MB) of each child process run on it."""
    first_intake: tuple[float, int] | None = None
    """(ms, HTTP status) of the first `POST /intake` a freshly started `salesos serve` answered."""

    @property
    def env(self) -> dict[str, str]:
        """Environment of a `salesos` child on this workspace: its store, a scratch Chroma, the bench model cache."""
        return {
            "DATABASE_URL": self.url,
            "CHROMA_PATH": str(BENCH_DIR / f"chroma-{self.dialect}-{self.as_of:%Y%m%d}"),
            "LEAD_MODEL_DIR": str(BENCH_DIR / f"models-{self.dialect}-{self.as_of:%Y%m%d}"),
            "SCHEDULER_ENABLED": "false",
        }

    def child(self, label: str, args: list[str], *, env: dict[str, str] | None = None, **kwargs: Any) -> Any:
        """Run a child on this workspace (`env` overrides some of its variables), keep its peak memory, return it."""
        run = run_child(args, env={**self.env, **(env or {})}, **kwargs)
        self.memory.append((label, run.seconds, run.peak_rss_mb))
        if run.returncode != 0:
            print(f"  ({label}: exit {run.returncode}: {run.stderr.strip().splitlines()[-1:]})", flush=True)
        return run


def open_workspace(dialect: Dialect) -> Workspace:
    """Open (copying into PostgreSQL on first use) the day's large workspace and measure its open-deals scan."""
    engine, as_of = large_workspace(dialect=dialect)
    url = engine.url.render_as_string(hide_password=False)
    scan = time_runs(scan_rows(engine, OPEN_DEALS_SCAN), runs=10, warmup=2)
    return Workspace(dialect, engine, as_of, url, percentile(scan, 50))


def _child_json(run: Any) -> dict[str, Any] | None:
    """The JSON line a `--child` measurement printed last (None when it failed)."""
    for line in reversed(run.stdout.splitlines()):
        if line.startswith("{"):
            return dict(json.loads(line))
    return None


def import_floor_ms() -> float:
    """Median wall time of a cold `python -c "import sqlalchemy"`: the floor of every command's start."""
    return statistics.median(run_child([python(), "-c", "import sqlalchemy"]).seconds * 1000 for _ in range(COLD_RUNS))


# --- one function per row of the table ----------------------------------------------------------------------


def measure_at_risk_live(ws: Workspace) -> Measured:
    """ "which deals are at risk?" assessed live (no snapshot may answer), through the copilot as Slack asks it."""
    from bot.copilot.answer import answer
    from settings import Settings

    settings = Settings(
        database_url=ws.url, chroma_path=Path(tempfile.mkdtemp()) / "chroma", deal_health_refresh_minutes=0
    )
    scan = scan_rows(ws.engine, OPEN_DEALS_SCAN)
    times: list[float] = []
    floors: list[float] = []
    for _ in range(AT_RISK_RUNS):  # interleaved: the figure and its floor see the same moments of a busy machine
        times += time_runs(
            lambda: answer("which deals are at risk?", engine=ws.engine, settings=settings, now=ws.as_of),
            runs=1,
            warmup=0 if times else 1,
        )
        floors += time_runs(scan, runs=1, warmup=0)
    return Measured(
        f'"which deals are at risk?" assessed live, p95, {ws.dialect}',
        percentile(times, 95),
        floor_ms=percentile(floors, 95),
        floor_label="one scan of the open deals",
        goal_ms=300.0,
        before="p95 2.6 s",
        note=f"{AT_RISK_RUNS} runs",
    )


def measure_deal_health_job(ws: Workspace) -> Measured:
    """The `deal_health` job (assess every open deal and store the snapshot), in a child process."""
    run = ws.child("deal_health job", [python(), "-m", "benchmarks.summary", "--child", "deal_health", ws.url,
                                       ws.as_of.isoformat()])  # fmt: skip
    result = _child_json(run)
    return Measured(
        f"`deal_health` job, incremental run (every minute), {ws.dialect}",
        result["ms"] if result else None,
        floor_ms=result["scan_ms"] if result else None,
        floor_label="one scan of the open deals",
        goal_ms=500.0,
        before="4.5 s",
        note=f"{result['deals']:,} deals; the day's first run {result['first_ms'] / 1000:.1f} s"
        if result
        else "the child failed",
    )


def measure_ask_cold(ws: Workspace, floor_ms: float) -> list[Measured]:
    """`salesos ask` in a fresh process: a store question, and an objection-library question."""
    rows = []
    for question, goal, before, label in (
        ("which deals are silent 5+ days?", 500.0, "1.5–2.0 s", "`salesos ask`, cold process"),
        ("what do we say when they say we're too expensive", 1000.0, "3.5–5 s", "`salesos ask`, objection library"),
    ):
        ws.child(label + " (warm-up)", [*SALESOS, "ask", question])  # seeds the library once, warms the page cache
        runs = [ws.child(label, [*SALESOS, "ask", question]) for _ in range(COLD_RUNS)]
        ok = all(r.returncode == 0 for r in runs)
        rows.append(
            Measured(
                f"{label}, {ws.dialect}",
                statistics.median(r.seconds * 1000 for r in runs) if ok else None,
                floor_ms=floor_ms,
                floor_label=FLOOR_IMPORT,
                goal_ms=goal,
                before=before,
                note=f"median of {COLD_RUNS}" if ok else "the command failed",
            )
        )
    return rows


def measure_analyze_call(ws: Workspace, floor_ms: float) -> list[Measured]:
    """`salesos analyze-call --call ID` on a stored call, and a malformed transcript file."""
    with ws.engine.connect() as conn:
        call_id = conn.exec_driver_sql("SELECT min(id) FROM call").scalar()
    rows = []
    if call_id is None:
        return [Measured(f"`salesos analyze-call --call ID`, {ws.dialect}", None, note="no call in the workspace")]
    ws.child("analyze-call (warm-up)", [*SALESOS, "analyze-call", "--call", str(call_id)])
    run = ws.child("analyze-call --call", [*SALESOS, "analyze-call", "--call", str(call_id)])
    rows.append(
        Measured(
            f"`salesos analyze-call --call ID`, {ws.dialect}",
            run.seconds * 1000 if run.returncode == 0 else None,
            floor_ms=floor_ms,
            floor_label=FLOOR_IMPORT,
            goal_ms=1000.0,
            before="10.7–12.6 s",
            note="second run: a cached model may answer" if run.returncode == 0 else "the command failed",
        )
    )
    with tempfile.NamedTemporaryFile("w", suffix=".vtt", delete=False) as bad:
        bad.write("WEBVTT\n\nthis is not a cue\n\x00\x01garbage --> nowhere\n")
    run = ws.child("analyze-call malformed", [*SALESOS, "analyze-call", bad.name])
    Path(bad.name).unlink()
    rows.append(
        Measured(
            f"`salesos analyze-call` on a malformed file fails, {ws.dialect}",
            run.seconds * 1000 if run.returncode != 0 else None,
            floor_ms=floor_ms,
            floor_label=FLOOR_IMPORT,
            goal_ms=300.0,
            note=f"exit {run.returncode}" if run.returncode != 0 else "it did not fail: not the path measured",
        )
    )
    return rows


def measure_score_lead(ws: Workspace, floor_ms: float) -> Measured:
    """`salesos score-lead FILE`: the second run (the first may train and cache the model)."""
    lead = json.dumps(LEAD)
    ws.child("score-lead (first)", [*SALESOS, "score-lead", "-"], stdin=lead)
    run = ws.child("score-lead", [*SALESOS, "score-lead", "-"], stdin=lead)
    return Measured(
        f"`salesos score-lead`, {ws.dialect}",
        run.seconds * 1000 if run.returncode == 0 else None,
        floor_ms=floor_ms,
        floor_label=FLOOR_IMPORT,
        goal_ms=300.0,
        before="2.6–3.7 s",
        note="second run" if run.returncode == 0 else "the command failed",
    )


def measure_first_intake(ws: Workspace) -> Measured:
    """The first `POST /intake` of a freshly started `salesos serve` (sent by `measure_serve_memory` as it listens)."""
    ms, status = ws.first_intake or (None, 0)
    return Measured(
        f"first `POST /intake` of a fresh `salesos serve`, {ws.dialect}",
        ms if status in (200, 201, 202) else None,
        goal_ms=200.0,
        before="2.15 s",
        note=f"HTTP {status}; lead model cached on disk, as after an earlier run"
        if ws.first_intake
        else "not measured: needs the serve row (--only serve)",
    )


def measure_digest(ws: Workspace) -> list[Measured]:
    """The Monday digest of one team, and of the whole workspace, each in a fresh child process."""
    run = ws.child("digest (one team + whole workspace)", [python(), "-m", "benchmarks.summary", "--child", "digest",
                                                            ws.url, ws.as_of.isoformat()])  # fmt: skip
    result = _child_json(run)
    floor = {"floor_ms": result["scan_ms"] if result else None, "floor_label": "one scan of the open deals"}
    return [
        Measured(
            f"Monday digest, one team, {ws.dialect}",
            result["team_ms"] if result else None,
            goal_ms=1000.0,
            before="2.4 s",
            note=f"team {result['team']}, in a process whose refresh job scored the book"
            if result
            else "the child failed",
            **floor,  # type: ignore[arg-type]
        ),
        Measured(
            f"Monday digest, whole workspace, {ws.dialect}",
            result["all_ms"] if result else None,
            goal_ms=2000.0,
            before="6.1 s",
            **floor,  # type: ignore[arg-type]
        ),
    ]


def measure_build(ws: Workspace | None, *, build: bool) -> Measured:
    """Build the large workspace into a fresh SQLite file (100k deals, 1.1M activities), in a child process."""
    if not build:
        return Measured("build the large workspace", None, goal_ms=60_000.0, before="148 s",
                        note="run with --build (make bench does): about 2-4 minutes")  # fmt: skip
    run = run_child([python(), "-m", "benchmarks.summary", "--child", "build", "-", "-"], timeout=3600)
    result = _child_json(run)
    if ws is not None:
        ws.memory.append(("build the large workspace (SQLite)", run.seconds, run.peak_rss_mb))
    if result:
        print(result["table"], flush=True)
    return Measured(
        "build the large workspace, sqlite",
        result["seconds"] * 1000 if result else None,
        goal_ms=60_000.0,
        before="148 s",
        note=f"{result['rows']:,} rows" if result else "the build failed",
    )


def measure_library_seeding(ws: Workspace) -> list[Measured]:
    """Seed the objection library from the workspace into an empty Chroma, then again with nothing new."""
    folder = Path(tempfile.mkdtemp(prefix="bench-chroma-"))
    args = [python(), "-m", "benchmarks.summary", "--child", "seed", ws.url, str(folder)]
    first = _child_json(ws.child("library seeding (empty library)", args))
    again = _child_json(ws.child("library seeding (nothing new)", args))
    return [
        Measured(
            f"library seeding, empty library, {ws.dialect}",
            first["ms"] if first else None,
            before="15.6 s",
            note=f"{first['seeded']:,} documents, {first['embedded']:,} texts embedded"
            if first
            else "the child failed",
        ),
        Measured(
            f"library seeding again, nothing new, {ws.dialect}",
            again["ms"] if again else None,
            before="15.6 s (all documents each time)",
            goal_label="only new documents",
            goal_ms=None,
            note=f"{again['added']:,} documents added, {again['embedded']:,} embedded" if again else "the child failed",
        ),
    ]


def measure_serve_memory(ws: Workspace) -> list[tuple[str, float, float]]:
    """Peak RSS of `salesos serve` (HTTP mode) on the workspace under 5 × 200 concurrent signed slash commands.

    The fake Slack Web API runs in this process; the server is `salesos serve` itself, in its own process (and its
    workers', if SLACK_HTTP_WORKERS > 1). VmHWM of every server process is read after the bursts' follow-ups drained
    (or 120 s passed), just before it is stopped. The server writes (events, work, conversation turns, the lead), so
    it runs on a scratch copy of the SQLite file: the day's workspace stays as generated for the other benchmarks.
    """
    import shutil

    scratch = Path(tempfile.mkdtemp(prefix="bench-serve-", dir=BENCH_DIR))
    try:
        source = Path(str(ws.engine.url.database))
        shutil.copyfile(source, scratch / "store.db")
        url = f"sqlite:///{scratch / 'store.db'}"
        # A restarted `serve` meets the lead model its store's earlier runs cached on disk (keyed to the store and its
        # decided leads); the scratch copy is a new store, so score one lead first, untimed, as an earlier run would.
        ws.child("score-lead on the scratch store (warm-up)", [*SALESOS, "score-lead", "-"], stdin=json.dumps(LEAD),
                 env={"DATABASE_URL": url})  # fmt: skip
        return _serve_under_burst(ws, url)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _serve_under_burst(ws: Workspace, url: str) -> list[tuple[str, float, float]]:
    import subprocess

    from tests.fakes.slack_api import FakeSlackAPI, SlackUserRecord
    from tests.fakes.slack_requests import signed_headers, slash_command

    with ws.engine.connect() as conn:
        emails = [r[0] for r in conn.exec_driver_sql("SELECT email FROM owner ORDER BY id LIMIT 20")]
    users = [SlackUserRecord(id=f"U{i:04d}", email=e, name=f"AE {i}") for i, e in enumerate(emails)]
    questions = ("deals", "silent", "pipeline by stage", "brief Acme", "what's the latest on Acme Corp?")
    with FakeSlackAPI(users=users) as slack, socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        env = {**os.environ, **ws.env, "DATABASE_URL": url, "SLACK_BOT_TOKEN": "xoxb-bench",
               "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": slack.api_url, "SLACK_PORT": str(port),
               "INTAKE_SECRET": SECRET}  # fmt: skip
        env.pop("SLACK_APP_TOKEN", None)
        log = (Path(url.removeprefix("sqlite:///")).parent / "serve.log").open("w")
        server = subprocess.Popen([*SALESOS, "serve"], env=env, cwd=Path(__file__).resolve().parent.parent,
                                  stdout=log, stderr=log)  # fmt: skip
        try:
            if not _wait_for_port(port, server, timeout=180):
                return [("`salesos serve` did not start: not measured", float("nan"), float("nan"))]
            ws.first_intake = _first_intake(port)
            at_start = max((vm_hwm_mb(pid) or 0.0) for pid in _process_tree(server.pid))
            base = slack.api_url.removesuffix("/api/")
            started = time.perf_counter()
            sent = 0
            others: Counter[int] = Counter()
            run_id = f"{os.getpid()}x{time.time_ns()}"
            for r in range(BURST_ROUNDS):
                bodies = [
                    slash_command(
                        questions[i % len(questions)],
                        user=users[i % len(users)].id,
                        response_url=f"{base}/respond/r{r}b{i}",
                    )  # fmt: skip
                    for i in range(BURST_COMMANDS)
                ]
                # trigger ids unique to this run: the server refuses a trigger id it handled before (a replay)
                bodies = [b.replace("trigger_id=trigger.", f"trigger_id=trigger.{run_id}.") for b in bodies]
                statuses = asyncio.run(_burst(port, [(b, signed_headers(SECRET, b)) for b in bodies]))
                sent += sum(s == 200 for s in statuses)
                others.update(s for s in statuses if s != 200)
                time.sleep(0.5)
            deadline = time.monotonic() + 120
            while len(slack.calls_to("response_url")) < sent and time.monotonic() < deadline:
                time.sleep(0.5)
            answered = len(slack.calls_to("response_url"))
            seconds = time.perf_counter() - started
            peaks = {pid: vm_hwm_mb(pid) for pid in _process_tree(server.pid)}
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
    if os.environ.get("BENCH_DEBUG"):
        print(Path(log.name).read_text()[-4000:])
    known = [p for p in peaks.values() if p is not None]
    label = (
        f"`salesos serve` under {BURST_ROUNDS} × {BURST_COMMANDS} signed slash commands "
        f"({sent} acked 200{', other answers ' + str(dict(others)) if others else ''}, {answered} follow-ups "
        f"answered; {len(known)} process(es), largest)"
    )
    return [
        ("`salesos serve` started, before any request", float("nan"), at_start),
        (label, seconds, max(known) if known else float("nan")),
    ]


def _first_intake(port: int) -> tuple[float, int]:
    """POST one signed lead to `/intake`, as the website's form does; (ms, status)."""
    from bot.slack.intake import signed_headers as intake_headers
    from tests.fakes.slack_requests import post_raw

    body = json.dumps(LEAD).encode()
    started = time.perf_counter()
    status = post_raw(f"http://127.0.0.1:{port}/intake", body, intake_headers(SECRET, body), timeout=120)[0]
    return (time.perf_counter() - started) * 1000, status


async def _burst(port: int, requests: list[tuple[str, dict[str, str]]]) -> list[int]:
    async def one(body: str, headers: dict[str, str]) -> int:
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            f"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\nConnection: close\r\n"
            f"{head}\r\n{body}".encode()
        )
        await writer.drain()
        response = await reader.read()
        writer.close()
        return int(response.split(b" ", 2)[1]) if response else 0

    return list(await asyncio.gather(*(one(b, h) for b, h in requests)))


def _wait_for_port(port: int, server: Any, *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.5)
    return False


def _process_tree(pid: int) -> list[int]:
    """`pid` and its descendants, from /proc (serve's worker processes when SLACK_HTTP_WORKERS > 1)."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            todo += [int(c) for c in task.read_text().split()]
    return out


# --- child-process measurements (`--child WHAT URL ARG`) -----------------------------------------------------------


def _child(what: str, url: str, arg: str) -> None:
    """Measure one thing in this fresh process and print it as one JSON line."""
    if what == "build":
        from benchmarks.build_workspace import bench_build, format_table

        result = bench_build("large", seed=7)
        print(json.dumps({"seconds": result["seconds"], "rows": result["total_rows"], "table": format_table(result)}))
        return
    from sqlmodel import Session

    from settings import Settings
    from store.db import open_engine

    engine = open_engine(url)
    settings = Settings(database_url=url)
    if what == "deal_health":
        from tools.health_snapshot import refresh_snapshot

        now = datetime.fromisoformat(arg)
        # The job runs every minute and rewrites only deals whose basis moved: the first run of a day (or after a
        # threshold change) re-assesses the book, every later one is incremental. Both are reported.
        first = refresh_snapshot(engine, settings, now=now)
        again = refresh_snapshot(engine, settings, now=now + timedelta(minutes=1))
        scan_ms = percentile(time_runs(scan_rows(engine, OPEN_DEALS_SCAN), runs=3, warmup=0), 50)
        print(json.dumps({"ms": again.seconds * 1000, "first_ms": first.seconds * 1000, "deals": again.deals,
                          "scan_ms": scan_ms}))  # fmt: skip
    elif what == "digest":
        from tools.digest import build_digest, teams
        from tools.health import Thresholds

        now, thresholds = datetime.fromisoformat(arg), Thresholds.from_settings(settings)
        # As the Monday job meets it in `serve`: the refresh job (after every sync) has stored the win scores and
        # holds the fitted model. Not timed; `benchmarks/digest.py` also times a cold process.
        from tools.intelligence.scores import refresh_scores

        refresh_scores(engine, now=now, cache_dir=settings.model_cache_dir)
        with Session(engine) as session:

            def digest(team: str | None) -> Callable[[], object]:
                return lambda: build_digest(session, now=now, tz=settings.tz, thresholds=thresholds,
                                            risk_floor=settings.risk_alert_score, team=team,
                                            model_dir=settings.model_cache_dir)  # fmt: skip

            team = teams(session)[0]
            team_ms = time_runs(digest(team), runs=1, warmup=0)[0]  # cold, as the Monday job's first run
            all_ms = time_runs(digest(None), runs=1, warmup=0)[0]
        scan_ms = percentile(time_runs(scan_rows(engine, OPEN_DEALS_SCAN), runs=3, warmup=0), 50)
        print(json.dumps({"team": team, "team_ms": team_ms, "all_ms": all_ms, "scan_ms": scan_ms}))
    elif what == "seed":
        from store.library import open_library
        from tools.library_seed import sync_library

        library = open_library(chroma_path=Path(arg))
        started = time.perf_counter()
        report = sync_library(engine, library)
        ms = (time.perf_counter() - started) * 1000
        print(json.dumps({"ms": ms, "seeded": report.documents, "embedded": report.embedded, "added": report.added}))
    else:
        raise SystemExit(f"unknown child measurement {what!r}")


# --- the table ------------------------------------------------------------------------------------------------------

ROWS = ("at_risk_live", "deal_health", "ask", "analyze_call", "score_lead", "digest", "build", "seeding", "serve")


def main(argv: list[str] | None = None) -> None:
    """Measure every row on each dialect and print the issue's table, then the memory table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks summary")
    parser.add_argument("--build", action="store_true", help="also build the large workspace (2-4 minutes)")
    parser.add_argument("--dialect", choices=DIALECTS, action="append", help="only this dialect (repeatable)")
    parser.add_argument("--only", choices=ROWS, action="append", help="only these rows (repeatable)")
    parser.add_argument("--child", nargs=3, metavar=("WHAT", "URL", "ARG"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv if argv is not None else [])
    if args.child:
        _child(*args.child)
        return
    rows_wanted = set(args.only or ROWS)
    dialects: list[Dialect] = args.dialect or list(DIALECTS)
    started = time.perf_counter()
    floor_ms = import_floor_ms()
    by_row: dict[str, list[Measured]] = {row: [] for row in ROWS}
    memory: list[tuple[str, str, float, float]] = []
    notes: list[str] = []
    sqlite_ws: Workspace | None = None
    for dialect in dialects:
        if dialect == "postgresql" and not postgres_reachable():
            notes.append("PostgreSQL: not measured (the server does not answer)")
            continue
        ws = open_workspace(dialect)
        if dialect == "sqlite":
            sqlite_ws = ws
        else:
            copy = postgres_copy_seconds(ws.engine)
            notes.append(f"PostgreSQL copy of the SQLite workspace (COPY table by table, then ANALYZE): {copy:.1f} s")
        notes.append(f"{dialect}: one scan of the open deals, at the start (p50 of 10): {ws.scan_ms:.1f} ms")
        measures: list[tuple[str, Callable[[], Measured | list[Measured]]]] = [
            ("at_risk_live", lambda ws=ws: measure_at_risk_live(ws)),
            ("deal_health", lambda ws=ws: measure_deal_health_job(ws)),
            ("ask", lambda ws=ws: measure_ask_cold(ws, floor_ms)),
            ("digest", lambda ws=ws: measure_digest(ws)),
        ]
        if dialect == "sqlite":  # commands whose cost is not the database's: once, on the default store kind
            measures += [
                ("analyze_call", lambda ws=ws: measure_analyze_call(ws, floor_ms)),
                ("score_lead", lambda ws=ws: measure_score_lead(ws, floor_ms)),
                ("seeding", lambda ws=ws: measure_library_seeding(ws)),
            ]
        for row, measure in measures:
            if row not in rows_wanted:
                continue
            print(f"  measuring {row} on {dialect} ...", flush=True)
            result = measure()
            by_row[row] += [result] if isinstance(result, Measured) else list(result)
        if "serve" in rows_wanted and dialect == "sqlite":  # the process's memory, not the database's
            print(f"  measuring serve memory on {dialect} ...", flush=True)
            ws.memory += measure_serve_memory(ws)
            by_row["score_lead"].append(measure_first_intake(ws))
        memory += [(dialect, label, seconds, rss) for label, seconds, rss in ws.memory]
        ws.engine.dispose()
    if "build" in rows_wanted:
        print("  measuring the build ...", flush=True)
        by_row["build"].append(measure_build(sqlite_ws, build=args.build))
        if sqlite_ws is not None and sqlite_ws.memory and sqlite_ws.memory[-1][0].startswith("build"):
            memory.append(("sqlite", *sqlite_ws.memory[-1]))
    items = [m for row in ROWS for m in by_row[row]]  # the order, each row's dialects side by side
    print_measured(
        "Where a person waits: large workspace (100k deals, 1.1M activities), figures beside their floors",
        items,
        before=True,
    )
    for note in notes:
        print(f"- {note}")
    print(f"- floor of a command's start: {FLOOR_IMPORT}, median of {COLD_RUNS}: {floor_ms:.0f} ms")
    print_table(
        "Peak resident memory (each child process's own, /usr/bin/time; serve: VmHWM of its processes)",
        ["store", "process", "seconds", "peak RSS MB"],
        [
            [d, label, round(seconds, 2) if seconds == seconds else "-", round(rss, 1)]
            for d, label, seconds, rss in memory
        ],
    )
    missed = [m for m in items if m.holds is False]
    print(
        f"{sum(m.holds is True for m in items)} goals hold, {len(missed)} miss, "
        f"{sum(m.figure_ms is None for m in items)} not measured; summary took {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
