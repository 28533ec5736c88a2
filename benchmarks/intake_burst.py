"""Slack ack latency while the website's form floods `/intake`: 100 signed lead posts at once, Slack events meanwhile.

The server (our HTTP router, the real Bolt app, the real `/intake` route with the real lead scorer, a SQLite store)
runs in a child process, as `salesos serve` does. This process fires the 100 form posts from 100 threads and, while
they are in flight, one Slack event every 20 ms; it reports the Slack acks' latency (send → answer) and the intake
answers'. Before issue 13, `/intake` and Slack shared one 32-thread pool: a burst of form posts queued Slack behind it.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import socket
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.common import Measured, percentile, print_measured, print_table

POSTS = 100
EVENTS = 40
SECRET = "bench-signing-secret"
INTAKE_SECRET = "bench-intake-secret"
LEAD = {
    "company": "Northwind Logistics",
    "domain": "northwind.io",
    "employee_count": 320,
    "budget": 60000,
    "interest_area": "forecasting",
    "timeline": "this quarter",
    "notes": "We forecast in spreadsheets and need to replace them before the Q3 board meeting.",
    "contact_title": "VP Sales",
}


def _serve(db: str, api_url: str, port: int, ready: Any) -> None:
    """The server process: Slack + /intake on one port, the real intake route and scorer."""
    import logging

    from slack_sdk import WebClient

    from bot.copilot.reply import Reply, Section
    from bot.slack.intake import intake_route
    from bot.slack.server import build_http_server
    from bot.slack.slack_app import create_app
    from settings import Settings
    from store.db import open_engine, upgrade_schema

    logging.basicConfig(level=logging.ERROR)
    engine = open_engine(f"sqlite:///{db}")
    upgrade_schema(engine)
    settings = Settings(
        slack_bot_token="xoxb-bench",
        slack_signing_secret=SECRET,
        slack_api_url=api_url,
        intake_secret=INTAKE_SECRET,
        intake_rate_per_minute=10_000,
        lead_model_dir=Path(db).parent / "models",
    )
    client = WebClient(token="xoxb-bench", base_url=api_url)

    def answer(question: str, **_: Any) -> Any:
        from types import SimpleNamespace

        return SimpleNamespace(reply=Reply(parts=[Section(f"ok: {question}")]))

    app, deps = create_app(settings, engine, client=client, answer=answer)
    route = intake_route(settings, engine, client=client, warm_up=False)
    from tools.leads.scorer import load_scorer

    load_scorer(engine, settings)  # trained/loaded before the burst, as `serve` warms it up
    server = build_http_server(app, deps, signing_secret=SECRET, host="127.0.0.1", port=port, routes={"/intake": route})
    ready.set()
    server.serve_forever()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run() -> dict[str, Any]:
    """Start fake Slack and the server, fire the burst, return the latencies."""
    from bot.slack.intake import signed_headers as intake_headers
    from tests.fakes.slack_api import FakeSlackAPI
    from tests.fakes.slack_requests import JSON, event_callback, post_raw, signed_headers

    ctx = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp, FakeSlackAPI() as fake:
        port, ready = _free_port(), ctx.Event()
        child = ctx.Process(target=_serve, args=(str(Path(tmp) / "b.db"), fake.api_url, port, ready), daemon=True)
        child.start()
        try:
            assert ready.wait(180), "server did not start"
            base = f"http://127.0.0.1:{port}"
            intake_ms: list[float] = []
            statuses: list[int] = []

            def post_lead(i: int) -> None:
                body = json.dumps(dict(LEAD, contact_email=f"ops{i}@northwind{i}.io", contact_name=f"N {i}")).encode()
                started = time.perf_counter()
                status = post_raw(base + "/intake", body, intake_headers(INTAKE_SECRET, body), timeout=120)[0]
                intake_ms.append((time.perf_counter() - started) * 1000)
                statuses.append(status)

            def slack_event(i: int) -> float:
                event = {"type": "reaction_added", "user": "U1", "reaction": "eyes", "item": {}, "event_ts": str(i)}
                body = event_callback(event, event_id=f"EvBENCH{i}")
                started = time.perf_counter()
                status = post_raw(base + "/slack/events", body, signed_headers(SECRET, body, content_type=JSON))[0]
                assert status == 200, status
                return (time.perf_counter() - started) * 1000

            idle = [slack_event(1000 + i) for i in range(10)]
            threads = [threading.Thread(target=post_lead, args=(i,)) for i in range(POSTS)]
            for t in threads:
                t.start()
            acks = []
            for i in range(EVENTS):
                acks.append(slack_event(i))
                time.sleep(0.02)
            in_flight_at_end = POSTS - len(statuses)
            for t in threads:
                t.join(180)
        finally:
            child.terminate()
            child.join(10)
    return {
        "idle_p50": percentile(idle, 50),
        "idle_p95": percentile(idle, 95),
        "ack_p50": percentile(acks, 50),
        "ack_p99": percentile(acks, 99),
        "ack_max": max(acks),
        "over_3s": sum(a > 3000 for a in acks),
        "intake_p50": percentile(intake_ms, 50),
        "intake_p99": percentile(intake_ms, 99),
        "statuses": sorted(set(statuses)),
        "in_flight": in_flight_at_end,
    }


def main() -> None:
    """Run the burst and print the table."""
    r = run()
    load = os.getloadavg()[0]
    print_table(
        f"Slack acks during a {POSTS}-post /intake burst ({EVENTS} signed events, one per 20 ms; real scorer, "
        f"SQLite; load average {load:.1f} on {os.cpu_count()} CPUs)",
        ["Slack idle p50 ms", "Slack ack p50 ms", "Slack ack p99 ms", "Slack ack max ms", "acks > 3 s"]
        + ["intake p50 ms", "intake p99 ms", "intake statuses", "posts still in flight after the events"],
        [
            [
                r["idle_p50"],
                r["ack_p50"],
                r["ack_p99"],
                r["ack_max"],
                r["over_3s"],
                r["intake_p50"],
                r["intake_p99"],
                " ".join(map(str, r["statuses"])),
                r["in_flight"],
            ]
        ],
    )
    print_measured(
        f"Slack acks under the {POSTS}-post burst beside the same server's idle acks",
        [
            Measured("Slack ack p50 under the burst", r["ack_p50"], floor_ms=r["idle_p50"],
                     floor_label="idle ack p50, same server (10 events)"),
            Measured("Slack ack p99 under the burst", r["ack_p99"], floor_ms=r["idle_p95"],
                     floor_label="idle ack p95, same server (10 events)", goal_ms=300.0),
        ],
    )  # fmt: skip
    print(f"Target: Slack ack p99 < 300 ms under the burst → {'MET' if r['ack_p99'] < 300 else 'NOT MET'}")


if __name__ == "__main__":
    main()
