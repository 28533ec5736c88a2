"""Full HubSpot sync of 100k deals (with companies, contacts, associations and stage history) against a loopback
HubSpot that enforces the rate limits, measured against the bound the limits allow.

The server runs in its own process (so it does not share the client's GIL) and answers 429 to any request over the
limit; the client paces itself with its own limiter. The bound: non-search requests may not exceed the 10-second limit
and searches may not exceed the per-second limit, so the shortest possible run is
max(non-search requests / (limit/10 s), searches / search limit). Achieved % = that minimum / measured wall time.

    python -m benchmarks.hubspot_sync                      # 100k deals at HubSpot's published 100 req / 10 s
    python -m benchmarks.hubspot_sync --deals 20000 --requests-per-10s 200   # quicker, at a scaled limit
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def run(deals: int, requests_per_10s: int, search_per_second: int) -> dict[str, float | int | str]:
    from sqlalchemy import func, select
    from sqlmodel import Session

    from store.db import open_engine, upgrade_schema
    from store.models import Company, Contact, Deal, DealContact, DealStageChange
    from tests.hubspot_fake import TOKEN
    from tools.hubspot.client import HubSpotClient
    from tools.hubspot.sync import HubSpotSync

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.hubspot_fake",
            "--deals",
            str(deals),
            "--requests-per-10s",
            str(requests_per_10s),
            "--search-per-second",
            str(search_per_second),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stdout.readline()  # the server seeds its world first, then prints its port
        if not line.startswith("PORT "):
            raise RuntimeError(f"the loopback HubSpot did not start: {line!r}")
        url = f"http://127.0.0.1:{line.split()[1]}"
        with tempfile.TemporaryDirectory() as tmp:
            engine = open_engine(f"sqlite:///{tmp}/bench.db")
            upgrade_schema(engine)
            client = HubSpotClient(TOKEN, url, requests_per_10s=requests_per_10s, search_per_second=search_per_second)
            started = time.monotonic()
            report = HubSpotSync(engine, client).run(full=True, types=["companies", "contacts", "deals"])
            wall = time.monotonic() - started
            with Session(engine) as s:
                stored = {
                    m.__name__: s.execute(select(func.count()).select_from(m)).scalar_one()
                    for m in (Company, Contact, Deal, DealContact, DealStageChange)
                }
            engine.dispose()
        server.stdin.close()
        server_report = json.loads(server.stdout.readline() or "{}")
    finally:
        if server.poll() is None:
            server.kill()
    stats = client.stats
    standard = stats.requests - stats.search_requests
    minimum = max(standard / (requests_per_10s / 10.0), stats.search_requests / search_per_second)
    records = report.objects
    return {
        "deals": deals,
        "limit": f"{requests_per_10s}/10 s + {search_per_second} searches/s",
        "wall_s": wall,
        "requests": stats.requests,
        "search_requests": stats.search_requests,
        "standard_requests": standard,
        "retries": stats.retries,
        "client_429s": stats.rate_limited,
        "server_429s": server_report.get("rate_limited", -1),
        "spec_violations": server_report.get("violation_count", -1),
        "min_possible_s": minimum,
        "req_per_s": standard / wall,
        "req_per_s_bound": requests_per_10s / 10.0,
        "records": records,
        "objects_per_s": records / wall,
        "objects_per_s_bound": records / minimum,
        "pct_of_bound": 100.0 * minimum / wall,
        **{f"stored_{k}": v for k, v in stored.items()},
    }


def print_table(r: dict[str, float | int | str]) -> None:
    rows = [
        (
            "deals synced (with companies, contacts)",
            f"{r['stored_Deal']:,} ({r['stored_Company']:,}, {r['stored_Contact']:,})",
        ),
        ("deal↔contact links, stage changes", f"{r['stored_DealContact']:,}, {r['stored_DealStageChange']:,}"),
        ("rate limit enforced (client and server)", str(r["limit"])),
        ("requests: non-search + search", f"{r['standard_requests']:,} + {r['search_requests']:,}"),
        ("retries (client 429s / server 429s sent)", f"{r['retries']} ({r['client_429s']} / {r['server_429s']})"),
        ("spec violations", str(r["spec_violations"])),
        ("wall time", f"{r['wall_s']:.1f} s"),
        ("shortest run the limits allow", f"{r['min_possible_s']:.1f} s"),
        ("non-search requests/s (bound)", f"{r['req_per_s']:.2f} ({r['req_per_s_bound']:.2f})"),
        ("records/s (bound)", f"{r['objects_per_s']:.1f} ({r['objects_per_s_bound']:.1f})"),
        ("achieved % of the rate-limit bound", f"{r['pct_of_bound']:.1f} %"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"| {'measure':<{width}} | value |")
    print(f"|{'-' * (width + 2)}|-------|")
    for key, value in rows:
        print(f"| {key:<{width}} | {value} |")


def print_floor(r: dict[str, float | int | str]) -> None:
    """The sync's wall time beside its floor, the shortest run the rate limits allow (goal: within 90 % of it)."""
    from benchmarks.common import Measured, print_measured

    floor_ms = float(r["min_possible_s"]) * 1000
    print_measured(
        f"HubSpot full sync of {int(r['deals']):,} deals against the rate-limit bound ({r['limit']})",
        [
            Measured(
                "full sync, wall time",
                float(r["wall_s"]) * 1000,
                floor_ms=floor_ms,
                floor_label="the rate-limit bound",
                goal_ms=floor_ms / 0.9,
                goal_label="≥ 90 % of the bound",
                note=f"{r['pct_of_bound']:.1f} % of the bound",
            )
        ],
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--requests-per-10s", type=int, default=100)
    parser.add_argument("--search-per-second", type=int, default=5)
    args = parser.parse_args(argv if argv is not None else [])
    result = run(args.deals, args.requests_per_10s, args.search_per_second)
    print_table(result)
    print_floor(result)


if __name__ == "__main__":
    main(sys.argv[1:])
