"""Ack latency of `/salesos` under a burst: 200 concurrent signed slash commands against the HTTP-mode server.

Two processes, as in production: the server (our router + the real Bolt app + the store) runs in a child process;
this process plays Slack: it sends the signed commands from 200 threads at once and runs the fake Slack Web API that
receives every follow-up (`response_url` posts). Ack latency is measured per request at the client (send → HTTP
response); a follow-up is "lost" if it never reaches the fake within the timeout.

The copilot is the real `bot.copilot.answer` on a small demo workspace when both have landed; otherwise a stand-in
that runs real store queries (tools.deals) and renders a Reply. The table says which.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from benchmarks.common import percentile, print_table

COMMANDS = 200
USERS = 20
SECRET = "bench-signing-secret"
FOLLOW_UP_TIMEOUT_S = 180
QUESTIONS = ("deals", "silent", "pipeline by stage", "brief Acme", "what's the latest on Acme Corp?")


# --- server side (child process) ------------------------------------------------------------------------------------


def _stand_in_answer(question: str, *, engine: Any, settings: Any, asker_owner_id: Any = None, **_: Any) -> Any:
    """Real store work (open deals + pipeline) rendered as a Reply, for when the copilot has not landed."""
    from bot.reply import Fields, Header, Reply, Section
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


def _prepare_store(db_path: Path) -> tuple[Any, str]:
    from store.db import open_engine, upgrade_schema

    engine = open_engine(f"sqlite:///{db_path}")
    upgrade_schema(engine)
    try:
        from bot.copilot import answer  # noqa: F401
        from store.demo import generate_workspace
    except ImportError:
        _seed_minimal(engine)
        return engine, "stand-in (tools.deals queries; bot.copilot not on this branch)"
    generate_workspace(engine, size="small")
    return engine, "real bot.copilot on the small demo workspace"


def serve_child(slack_api_url: str, db_path: Path) -> None:
    """Run the HTTP-mode server on a free port; print `PORT <n> <copilot label>` when listening."""
    import logging

    from bot.reply import Reply, Section
    from bot.server import build_http_server
    from bot.slack_app import create_app
    from settings import Settings

    logging.basicConfig(level=logging.WARNING)
    engine, label = _prepare_store(db_path)
    settings = Settings(slack_bot_token="xoxb-bench", slack_signing_secret=SECRET, slack_api_url=slack_api_url)
    answer = None if label.startswith("real") else _stand_in_answer
    if os.environ.get("SLACK_ACK_BENCH_WORK") == "none":  # diagnosis: acks only, the follow-up does no work
        label, answer = "none (diagnostic)", lambda q, **kw: SimpleNamespace(reply=Reply(parts=[Section("ok")]))
    app = create_app(settings, engine, answer=answer)
    timings: list[float] = []

    def timings_route(method: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], bytes]:
        """The in-server time of each request since the last call, in ms (an extra route, as /intake is)."""
        taken = list(timings)
        timings.clear()
        return 200, {"Content-Type": "application/json"}, json.dumps(taken).encode()

    routes = {"/bench/timings": timings_route}
    server = build_http_server(app, signing_secret=SECRET, host="127.0.0.1", port=0, routes=routes)
    server.timings = timings
    print(f"PORT {server.server_address[1]} {label}", flush=True)
    server.serve_forever()


def serve_constant() -> None:
    """The baseline server: our HTTP server with one route that answers a constant."""
    from bot.server import SlackHTTPServer

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


def baseline(commands: int = COMMANDS) -> dict[str, float]:
    """The same burst against the same HTTP server with a route that returns a constant: the machine's floor."""
    child, port, _ = _start_server(["--serve-constant"])
    try:
        asyncio.run(_burst(port, ["warm"]))
        results = asyncio.run(_burst(port, ["x=1"] * commands))
        acks, totals = [r[1] for r in results], [r[2] for r in results]
        return {"ack_p50": percentile(acks, 50), "ack_p99": percentile(acks, 99), "total_p99": percentile(totals, 99)}
    finally:
        child.terminate()
        child.wait(10)


def run(commands: int = COMMANDS) -> dict[str, Any]:
    """Start Slack and the server, fire `commands` concurrent slash commands, wait for their follow-ups."""
    from tests.fakes.slack_requests import slash_command

    ctx = multiprocessing.get_context("spawn")
    here, there = ctx.Pipe()
    slack = ctx.Process(target=_fake_slack_process, args=(there,), daemon=True)
    slack.start()
    api_url = here.recv()
    base = api_url.removesuffix("/api/")
    with tempfile.TemporaryDirectory() as tmp:
        child, port, label = _start_server(["--serve", api_url, str(Path(tmp) / "bench.db")])
        try:
            # warm-up: the first request pays auth.test, imports and the first identity lookups; not measured
            warm = [
                slash_command("deals", user=f"U{i:04d}", response_url=f"{base}/respond/warm{i}") for i in range(USERS)
            ]
            asyncio.run(_burst(port, warm))
            bodies = [
                slash_command(
                    QUESTIONS[i % len(QUESTIONS)], user=f"U{i % USERS:04d}", response_url=f"{base}/respond/b{i}"
                )
                for i in range(commands)
            ]
            time.sleep(1.0)
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/timings").read()  # forget the warm-up
            results = asyncio.run(_burst(port, bodies))
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/timings") as r:
                in_server = [ms for ms in json.loads(r.read())][:commands]
            burst_start = min(r[3] for r in results)
            deadline = time.monotonic() + FOLLOW_UP_TIMEOUT_S
            while True:
                here.send("report")
                report = here.recv()
                delivered = {k: at for k, at in report["arrived"].items() if k.startswith("b")}
                if len(delivered) >= commands or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
        finally:
            child.terminate()
            child.wait(10)
            here.send("stop")
            slack.join(10)
    acks, totals = [r[1] for r in results], [r[2] for r in results]
    follow_ups = [(delivered[f"b{i}"] - results[i][3]) * 1000 for i in range(commands) if f"b{i}" in delivered]
    return {
        "copilot": label,
        "commands": commands,
        "non_200": sum(r[0] != 200 for r in results),
        "ack_p50": percentile(acks, 50),
        "ack_p99": percentile(acks, 99),
        "ack_max": max(acks),
        "total_p99": percentile(totals, 99),
        "server_p50": percentile(in_server, 50),
        "server_p99": percentile(in_server, 99),
        "delivered": len(delivered),
        "lost": commands - len(delivered),
        "follow_p50": percentile(follow_ups, 50) if follow_ups else float("nan"),
        "follow_p99": percentile(follow_ups, 99) if follow_ups else float("nan"),
        "drain_s": (max(delivered.values()) - burst_start) if delivered else float("nan"),
        "violations": report["violations"],
    }


def main() -> None:
    """Run the burst and print the tables."""
    floor = baseline()
    r = run()
    ok = r["ack_p99"] < 100 and r["lost"] == 0 and r["non_200"] == 0
    load = os.getloadavg()[0]
    print_table(
        f"Floor: the same client and HTTP server, a route answering a constant (load average {load:.1f} on "
        f"{os.cpu_count()} CPUs)",
        ["requests", "ack p50 ms", "ack p99 ms", "p99 incl. connect ms"],
        [[COMMANDS, floor["ack_p50"], floor["ack_p99"], floor["total_p99"]]],
    )
    headers = ["commands", "non-200", "ack p50 ms", "ack p99 ms", "ack max ms", "p99 incl. connect ms"]
    headers += ["in-server p50 ms", "in-server p99 ms"]
    headers += [
        "follow-ups",
        "lost",
        "follow-up p50 ms",
        "follow-up p99 ms",
        "all answered after s",
        "limit violations",
    ]
    row = [r["commands"], r["non_200"], r["ack_p50"], r["ack_p99"], r["ack_max"], r["total_p99"]]
    row += [r["server_p50"], r["server_p99"]]
    row += [r["delivered"], r["lost"], r["follow_p50"], r["follow_p99"], r["drain_s"], r["violations"]]
    print_table(
        f"/salesos burst: {r['commands']} concurrent signed slash commands, HTTP mode on loopback; ack = request sent "
        f"→ HTTP response (server in its own process; copilot: {r['copilot']})",
        headers,
        [row],
    )
    print(f"Done when: ack p99 < 100 ms and 0 lost → {'MET' if ok else 'NOT MET'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", nargs=2, metavar=("SLACK_API_URL", "DB_PATH"))
    parser.add_argument("--serve-constant", action="store_true")
    args = parser.parse_args()
    if args.serve_constant:
        serve_constant()
    elif args.serve:
        serve_child(args.serve[0], Path(args.serve[1]))
    else:
        main()
