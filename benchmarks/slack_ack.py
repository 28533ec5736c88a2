"""Ack latency of `/salesos` under a burst: 200 concurrent signed slash commands against the HTTP-mode server.

Two processes, as in production: the server (our router + the real Bolt app + the store) runs in a child process;
this process plays Slack: it sends the signed commands from 200 threads at once and runs the fake Slack Web API that
receives every follow-up (`response_url` posts). Ack latency is measured per request at the client (send → HTTP
response); a follow-up is "lost" if it never reaches the fake within the timeout.

The copilot is the real `bot.copilot.answer` on a small demo workspace when both have landed; otherwise a stand-in
that runs real store queries (tools.deals) and renders a Reply. The table says which.

The floor is the same server answering a constant, and its bursts are interleaved with the command bursts (floor,
commands, floor, commands, ...): on a shared machine whose load moves by the second, a floor measured once before is
not the floor of the bursts it is compared with. Each burst also reports the server process's CPU time (user + system,
from /proc) while it acknowledged, which the machine's load does not inflate the way it inflates latency.

SLACK_ACK_BENCH_DATABASE_URL=postgresql://... runs the store on PostgreSQL (a fresh schema, dropped after) instead of
a SQLite file.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from benchmarks.common import percentile, print_table

COMMANDS = 200
WORKERS = int(os.environ.get("SLACK_ACK_BENCH_WORKERS", "1"))  # as SLACK_HTTP_WORKERS
ROUNDS = int(os.environ.get("SLACK_ACK_BENCH_ROUNDS", "5"))  # separate bursts: a shared machine is noisy
CURL = shutil.which("curl") is not None and os.environ.get("SLACK_ACK_BENCH_CLIENT") != "python"
USERS = 20
SECRET = "bench-signing-secret"
FOLLOW_UP_TIMEOUT_S = 180
QUESTIONS = ("deals", "silent", "pipeline by stage", "brief Acme", "what's the latest on Acme Corp?")


# --- server side (child process) ------------------------------------------------------------------------------------


def _stand_in_answer(question: str, *, engine: Any, settings: Any, asker_owner_id: Any = None, **_: Any) -> Any:
    """Real store work (open deals + pipeline) rendered as a Reply, for when the copilot has not landed."""
    from bot.copilot.reply import Fields, Header, Reply, Section
    from store.db import session_scope
    from tools.deals import find_deals, pipeline_summary

    with session_scope(engine) as session:
        deals = find_deals(session, owner_ids=[asker_owner_id] if asker_owner_id else None, limit=10)
        pipeline = pipeline_summary(session, by="stage")
    reply = Reply(parts=[Header(question[:100] or "Answer")], fallback=question)
    reply.add(Section("\n".join(f"• *{d.name}* · {d.stage_label} · ${d.amount or 0:,.0f}" for d in deals) or "_none_"))
    reply.add(Fields([(row.label, f"{row.deals} deals · ${row.amount:,.0f}") for row in pipeline][:10]))
    return SimpleNamespace(reply=reply, intent="stand-in", tool_calls=[], data={})


def _seed_minimal(engine: Any) -> None:
    from datetime import UTC, datetime, timedelta

    from store.db import session_scope
    from store.models import OPEN_STAGES, Company, Deal, Owner

    now = datetime.now(UTC)
    with session_scope(engine) as session:
        owners = [Owner(name=f"AE {i}", email=f"ae{i}@bench.example") for i in range(USERS)]
        session.add_all(owners)
        session.flush()
        for i in range(300):
            company = Company(name=f"Company {i}", owner_id=owners[i % USERS].id)
            session.add(company)
            session.flush()
            session.add(
                Deal(
                    name=f"Company {i} deal",
                    company_id=company.id,
                    owner_id=company.owner_id,
                    stage=OPEN_STAGES[i % len(OPEN_STAGES)],
                    amount=1000.0 * (i % 97 + 1),
                    created_at=now - timedelta(days=i % 60),
                )
            )


def _copilot_available() -> bool:
    try:
        import bot.copilot.answer  # noqa: F401
    except ImportError:
        return False
    return True


DATABASE_URL = os.environ.get("SLACK_ACK_BENCH_DATABASE_URL", "")
"""Empty: a SQLite file per run. A postgresql:// URL: a fresh schema on that server per run."""


def _store_url(db_path: Path) -> str:
    if not DATABASE_URL:
        return f"sqlite:///{db_path}"
    schema = f"slack_ack_{db_path.parent.name.lower().replace('-', '_')}"[:60]
    return DATABASE_URL + ("&" if "?" in DATABASE_URL else "?") + f"options=-csearch_path%3D{schema}"


def _schema_sql(db_path: Path, statement: str) -> None:
    """Create or drop the run's PostgreSQL schema (no-op on SQLite)."""
    if not DATABASE_URL:
        return
    from sqlalchemy import text

    from store.db import open_engine

    schema = _store_url(db_path).rsplit("%3D", 1)[1]
    engine = open_engine(DATABASE_URL)
    with engine.begin() as conn:
        conn.execute(text(statement.format(schema=schema)))
    engine.dispose()


def _prepare_store(db_path: Path, *, prepare: bool) -> tuple[Any, str]:
    from store.db import open_engine, upgrade_schema

    if prepare:
        _schema_sql(db_path, "CREATE SCHEMA IF NOT EXISTS {schema}")
    engine = open_engine(_store_url(db_path))
    real = _copilot_available()
    if prepare:
        upgrade_schema(engine)
        if real:
            from store.demo import generate_workspace

            generate_workspace(engine, size="small")
        else:
            _seed_minimal(engine)
    if real:
        return engine, "real bot.copilot.answer on the small demo workspace"
    return engine, "stand-in (tools.deals queries; bot.copilot.answer not on this branch)"


def serve_child(slack_api_url: str, db_path: Path, *, port: int, worker: int) -> None:
    """Run one HTTP-mode server process; print `PORT <n> <copilot label>` when listening.

    Worker 0 prepares the store; every worker binds `port` with SO_REUSEPORT, as `salesos serve` does with
    SLACK_HTTP_WORKERS. On SIGTERM it writes each request's in-server time to `timings-<worker>.json`.
    """
    import logging
    import signal

    from bot.copilot.reply import Reply, Section
    from bot.slack.server import build_http_server
    from bot.slack.slack_app import create_app
    from settings import Settings

    logging.basicConfig(level=logging.WARNING)
    engine, label = _prepare_store(db_path, prepare=worker == 0)
    settings = Settings(
        slack_bot_token="xoxb-bench",
        slack_signing_secret=SECRET,
        slack_api_url=slack_api_url,
        database_url=_store_url(db_path),
    )
    answer = None if label.startswith("real") else _stand_in_answer
    if os.environ.get("SLACK_ACK_BENCH_WORK") == "none":  # diagnosis: acks only, the follow-up does no work
        label, answer = "none (diagnostic)", lambda q, **kw: SimpleNamespace(reply=Reply(parts=[Section("ok")]))
    app, deps = create_app(settings, engine, answer=answer)
    server = build_http_server(app, deps, signing_secret=SECRET, host="127.0.0.1", port=port, reuse_port=True)
    timings: list[tuple[float, float]] = []
    server.timings = timings
    signal.signal(signal.SIGTERM, lambda *_: server.shutdown(wait=False))
    print(f"PORT {server.server_address[1]} {label}", flush=True)
    server.serve_forever()
    (db_path.parent / f"timings-{worker}.json").write_text(json.dumps(timings))


def serve_constant() -> None:
    """The baseline server: our HTTP server with one route that answers a constant."""
    from bot.slack.server import SlackHTTPServer

    server = SlackHTTPServer("127.0.0.1", 0, {"/slack/events": lambda m, h, b: (200, {}, b"ok")})
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


# --- Slack side: the fake Web API (its own process) and the senders (this process) -------------------------------


def _fake_slack_process(conn: Any) -> None:
    """Run the fake Slack Web API; answer "report" with the arrival time of each follow-up, by key."""
    from tests.fakes.slack_api import FakeSlackAPI, SlackUserRecord

    users = [SlackUserRecord(id=f"U{i:04d}", email=f"ae{i}@bench.example", name=f"AE {i}") for i in range(USERS)]
    with FakeSlackAPI(users=users) as slack:
        conn.send(slack.api_url)
        while (msg := conn.recv()) != "stop":
            if msg == "report":
                arrived: dict[str, float] = {}
                for call in slack.calls_to("response_url"):
                    arrived.setdefault(str(call.args.get("key", "")), call.at)  # monotonic: same clock machine-wide
                conn.send({"arrived": arrived, "violations": len(slack.violations)})


async def _one(port: int, body: str) -> tuple[int, float, float, float]:
    """Send one signed request on its own connection.

    Returns (status, ms from the request being sent to the response, ms including the TCP connect, monotonic time
    the request was sent).
    """
    from tests.fakes.slack_requests import signed_headers

    headers = signed_headers(SECRET, body)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = (
        f"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\nConnection: close\r\n"
        f"{head}\r\n{body}"
    ).encode()
    start = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    sent, sent_at = time.perf_counter(), time.monotonic()
    response = await reader.read()
    done = time.perf_counter()
    writer.close()
    return int(response.split(b" ", 2)[1]), (done - sent) * 1000, (done - start) * 1000, sent_at


async def _burst(port: int, bodies: list[str]) -> list[tuple[int, float, float, float]]:
    return await asyncio.gather(*(_one(port, body) for body in bodies))


def _start_server(args: list[str]) -> tuple[subprocess.Popen[str], int, str]:
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.slack_ack", *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert child.stdout is not None
    line = child.stdout.readline().split(maxsplit=2)
    if not line or line[0] != "PORT":
        child.kill()
        raise RuntimeError(f"server did not start: {line}")
    return child, int(line[1]), (line[2].strip() if len(line) > 2 else "")


def _cpu_ms(pids: list[int]) -> float:
    """CPU time of processes so far (all their threads), in ms; NaN where /proc is not there.

    From each thread's /proc/<pid>/task/<tid>/schedstat (nanoseconds on the CPU): /proc/<pid>/stat counts in clock
    ticks of 10 ms, too coarse for a burst that costs 30-50 ms. A thread that ended meanwhile is not counted.
    """
    total = 0.0
    for pid in pids:
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            return float("nan")
        for tid in tasks:
            try:
                total += int(Path(f"/proc/{pid}/task/{tid}/schedstat").read_text().split()[0]) / 1e6
            except (OSError, ValueError, IndexError):
                continue  # the thread ended between the listing and the read
    return total


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _curl_burst(port: int, bodies: list[str], folder: Path) -> list[tuple[int, float, float, float]]:
    """The burst sent by curl (C, one process, all transfers in parallel): far less client overhead than Python."""
    from tests.fakes.slack_requests import signed_headers

    lines: list[str] = []
    for i, body in enumerate(bodies):
        path = folder / f"body{i}"
        path.write_text(body)
        if i:
            lines.append("next")
        lines += [f'url = "http://127.0.0.1:{port}/slack/events"', f'data-binary = "@{path}"', 'output = "/dev/null"']
        lines += [f'header = "{k}: {v}"' for k, v in signed_headers(SECRET, body).items()]
        lines.append('write-out = "%{http_code} %{time_pretransfer} %{time_starttransfer} %{time_total}\\n"')
    config = folder / "curl.cfg"
    config.write_text("\n".join(lines) + "\n")
    started = time.monotonic()
    out = subprocess.run(
        ["curl", "-s", "--parallel", "--parallel-immediate", "--parallel-max", str(len(bodies)), "-K", str(config)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    rows = [line.split() for line in out.splitlines() if line.strip()]
    # (status, sent → first byte ms, total incl. connect ms, monotonic send time); curl reports in completion order
    return [(int(r[0]), (float(r[2]) - float(r[1])) * 1000, float(r[3]) * 1000, started + float(r[1])) for r in rows]


def baseline(commands: int = COMMANDS) -> dict[str, float]:
    """The same burst against one process of the same HTTP server answering a constant: the machine's floor."""
    child, port, _ = _start_server(["--serve-constant"])
    try:
        asyncio.run(_burst(port, ["warm"]))
        with tempfile.TemporaryDirectory() as tmp:
            results = (
                _curl_burst(port, ["x=1"] * commands, Path(tmp))
                if CURL
                else asyncio.run(_burst(port, ["x=1"] * commands))
            )
        acks, totals = [r[1] for r in results], [r[2] for r in results]
        return {"ack_p50": percentile(acks, 50), "ack_p99": percentile(acks, 99), "total_p99": percentile(totals, 99)}
    finally:
        child.terminate()
        child.wait(10)


def _floor_burst(port: int, commands: int, folder: Path, pid: int) -> dict[str, float]:
    cpu = _cpu_ms([pid])
    results = _curl_burst(port, ["x=1"] * commands, folder) if CURL else asyncio.run(_burst(port, ["x=1"] * commands))
    return {
        "acks": [r[1] for r in results],  # type: ignore[dict-item]
        "ack_p50": percentile([r[1] for r in results], 50),
        "ack_p99": percentile([r[1] for r in results], 99),
        "total_p99": percentile([r[2] for r in results], 99),
        "cpu_ms": _cpu_ms([pid]) - cpu,
    }


def run(commands: int = COMMANDS, workers: int = WORKERS, *, interleave_floor: bool = False) -> dict[str, Any]:
    """Start Slack and the server processes, fire `commands` concurrent slash commands, wait for the follow-ups.

    With `interleave_floor`, a floor burst (the same server answering a constant, its own process) runs right before
    each command burst; the result then has "floor" (per burst and pooled), for a ratio measured under the same load.
    """
    from tests.fakes.slack_requests import slash_command

    ctx = multiprocessing.get_context("spawn")
    here, there = ctx.Pipe()
    slack = ctx.Process(target=_fake_slack_process, args=(there,), daemon=True)
    slack.start()
    api_url = here.recv()
    base = api_url.removesuffix("/api/")
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = str(folder / "bench.db")
        children = []
        floor_child, floor_port, floor_rounds = None, 0, []
        try:
            if interleave_floor:
                floor_child, floor_port, _ = _start_server(["--serve-constant"])
                asyncio.run(_burst(floor_port, ["warm"]))
            for worker in range(workers):  # worker 0 prepares the store before the others start
                child, _, label = _start_server(["--serve", api_url, db, "--port", str(port), "--worker", str(worker)])
                children.append(child)
            # warm-up: first requests pay auth.test, imports and the first identity lookups in each process
            warm = [
                slash_command("deals", user=f"U{i % USERS:04d}", response_url=f"{base}/respond/warm{i}")
                for i in range(USERS * workers)
            ]
            asyncio.run(_burst(port, warm))
            time.sleep(1.0)
            burst_start = time.monotonic()
            rounds = []
            for r in range(ROUNDS):
                if floor_child is not None:
                    floor_rounds.append(_floor_burst(floor_port, commands, folder, floor_child.pid))
                    time.sleep(0.5)
                bodies = [
                    slash_command(
                        QUESTIONS[i % len(QUESTIONS)], user=f"U{i % USERS:04d}", response_url=f"{base}/respond/r{r}b{i}"
                    )
                    for i in range(commands)
                ]
                cpu = _cpu_ms([c.pid for c in children])
                results = _curl_burst(port, bodies, folder) if CURL else asyncio.run(_burst(port, bodies))
                ack_cpu = _cpu_ms([c.pid for c in children]) - cpu
                deadline = time.monotonic() + FOLLOW_UP_TIMEOUT_S
                while True:  # the next burst starts once every follow-up of this one arrived (or timed out)
                    here.send("report")
                    report = here.recv()
                    delivered = {k: at for k, at in report["arrived"].items() if k.startswith(f"r{r}b")}
                    if len(delivered) >= commands or time.monotonic() > deadline:
                        break
                    time.sleep(0.05)
                rounds.append(_round_stats(results, delivered, commands) | {"cpu_ms": ack_cpu})
                time.sleep(0.5)
        finally:
            for child in [*children, *([floor_child] if floor_child is not None else [])]:
                child.terminate()
            for child in [*children, *([floor_child] if floor_child is not None else [])]:
                child.wait(15)
            here.send("stop")
            slack.join(10)
            _schema_sql(folder / "bench.db", "DROP SCHEMA IF EXISTS {schema} CASCADE")
        in_server_all = [
            ms
            for worker in range(workers)
            if (folder / f"timings-{worker}.json").exists()
            for end, ms in json.loads((folder / f"timings-{worker}.json").read_text())
            if end >= burst_start
        ]
    pooled = _round_stats(
        [x for r in rounds for x in r.pop("_results")],
        {f"{i}": at for i, at in enumerate(at for r in rounds for at in r.pop("_arrived"))},
        commands * len(rounds),
    )
    pooled.pop("_results"), pooled.pop("_arrived")
    pooled["follow_p50"] = percentile([f for r in rounds for f in r["_follow"]], 50)
    pooled["follow_p99"] = percentile([f for r in rounds for f in r["_follow"]], 99)
    pooled["drain_s"] = max(r["drain_s"] for r in rounds)
    pooled["cpu_ms"] = sum(r["cpu_ms"] for r in rounds) / len(rounds)
    for r in [*rounds, pooled]:
        r.pop("_follow", None)
    floor: dict[str, Any] = {}
    if floor_rounds:
        acks = [a for f in floor_rounds for a in f.pop("acks")]
        floor = {
            "rounds": floor_rounds,
            "all": {
                "ack_p50": percentile(acks, 50),
                "ack_p99": percentile(acks, 99),
                "total_p99": max(f["total_p99"] for f in floor_rounds),
                "cpu_ms": sum(f["cpu_ms"] for f in floor_rounds) / len(floor_rounds),
            },
        }
    return {
        "floor": floor,
        "database": "PostgreSQL" if DATABASE_URL else "SQLite (file, WAL, synchronous=NORMAL)",
        "copilot": label,
        "client": "curl --parallel" if CURL else "Python asyncio",
        "workers": workers,
        "rounds": rounds,
        "all": pooled,
        "server_p50": percentile(in_server_all, 50) if in_server_all else float("nan"),
        "server_p99": percentile(in_server_all, 99) if in_server_all else float("nan"),
        "violations": report["violations"],
    }


def _round_stats(results: list[tuple[int, float, float, float]], delivered: dict[str, float], commands: int) -> dict:
    acks, totals = [r[1] for r in results], [r[2] for r in results]
    first_send = min(r[3] for r in results)
    follow = [(at - first_send) * 1000 for at in delivered.values()]
    return {
        "commands": commands,
        "non_200": sum(r[0] != 200 for r in results) + (commands - len(results)),
        "ack_p50": percentile(acks, 50),
        "ack_p99": percentile(acks, 99),
        "ack_max": max(acks),
        "total_p99": percentile(totals, 99),
        "delivered": len(delivered),
        "lost": commands - len(delivered),
        "follow_p50": percentile(follow, 50) if follow else float("nan"),
        "follow_p99": percentile(follow, 99) if follow else float("nan"),
        "drain_s": (max(follow) / 1000) if follow else float("nan"),
        "_follow": follow,
        "_results": results,
        "_arrived": list(delivered.values()),
    }


def main() -> None:
    """Run the interleaved floor and command bursts and print the tables."""
    r = run(interleave_floor=True)
    pooled, floor = r["all"], r["floor"]["all"]
    ratio = pooled["ack_p99"] / floor["ack_p99"]
    ok = ratio <= 1.5 and pooled["lost"] == 0 and pooled["non_200"] == 0
    load = os.getloadavg()[0]
    headers = ["burst", "commands", "non-200", "floor p99 ms", "ack p50 ms", "ack p99 ms", "p99 / floor", "ack max ms"]
    headers += ["floor CPU ms", "ack CPU ms", "follow-ups", "lost", "follow-up p50 ms", "follow-up p99 ms"]
    headers += ["all answered after s"]
    rows = []
    pairs = [*((str(i + 1), x, f) for i, (x, f) in enumerate(zip(r["rounds"], r["floor"]["rounds"], strict=True)))]
    for label, x, f in [*pairs, ("all", pooled, floor)]:
        rows.append(
            [
                label,
                x["commands"],
                x["non_200"],
                f["ack_p99"],
                x["ack_p50"],
                x["ack_p99"],
                f"{x['ack_p99'] / f['ack_p99']:.2f}×",
                x["ack_max"],
                f["cpu_ms"],
                x["cpu_ms"],
                x["delivered"],
                x["lost"],
                x["follow_p50"],
                x["follow_p99"],
                x["drain_s"],
            ]
        )
    print_table(
        f"/salesos bursts: {len(r['rounds'])} × {COMMANDS} concurrent signed slash commands, HTTP mode (uvicorn + "
        f"Starlette) on loopback, {r['workers']} server process(es), store {r['database']}; each right after a floor "
        f"burst (the same server answering a constant); ack = request sent → first byte of the answer "
        f"(client: {r['client']}; copilot: {r['copilot']}; load average {load:.1f} on {os.cpu_count()} CPUs)",
        headers,
        rows,
    )
    print(
        f"In-server time per request (request in → answer sent): p50 {r['server_p50']:.1f} ms, "
        f"p99 {r['server_p99']:.1f} ms · CPU per burst (all = mean): floor {floor['cpu_ms']:.0f} ms, "
        f"acks {pooled['cpu_ms']:.0f} ms · payloads over Block Kit limits: {r['violations']}"
    )
    print(f"Done when: ack p99 ≤ 1.5 × the floor's p99 over all bursts and 0 lost → {'MET' if ok else 'NOT MET'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", nargs=2, metavar=("SLACK_API_URL", "DB_PATH"))
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--worker", type=int, default=0)
    parser.add_argument("--serve-constant", action="store_true")
    args = parser.parse_args()
    if args.serve_constant:
        serve_constant()
    elif args.serve:
        serve_child(args.serve[0], Path(args.serve[1]), port=args.port, worker=args.worker)
    else:
        main()
