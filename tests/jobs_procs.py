"""Entry points for the real child processes of the exactly-once tests (top level, so `spawn` can import them)."""

from __future__ import annotations

from typing import Any


def race_for_slots(url: str, job: str, slots: list[str], owner: str, barrier: Any, results: Any) -> None:
    """Wait for the other racers, then try to claim every slot; report the ones won."""
    from jobs.claims import claim
    from store.db import open_engine

    engine = open_engine(url)
    with engine.connect():
        pass  # connect before the start line, so the race is about the INSERT, not about start-up
    barrier.wait(timeout=60)
    won = [slot for slot in slots if claim(engine, job, slot, owner)]
    results.put((owner, won))
    engine.dispose()


def replica_digest(url: str, slack_api_url: str, now_iso: str, replica: str, barrier: Any, results: Any) -> None:
    """One `salesos serve` replica's digest run: same store, same (fake) Slack, same fire time."""
    from datetime import datetime

    from slack_sdk import WebClient

    from bot.slack.posting import SlackPoster
    from jobs.weekly_digest import run_weekly_digest
    from settings import Settings
    from store.db import open_engine

    settings = Settings(
        database_url=url,
        slack_bot_token="xoxb-test",
        slack_api_url=slack_api_url,
        digest_channel="C0DIGEST",
        team_timezone="America/New_York",
    )
    engine = open_engine(url)
    poster = SlackPoster(WebClient(token="xoxb-test", base_url=slack_api_url))
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401  (warm the import so both replicas reach the claim together)

    barrier.wait(timeout=60)
    posts = run_weekly_digest(engine, settings, poster, now=datetime.fromisoformat(now_iso), replica=replica)
    results.put((replica, [p.slot for p in posts]))
    engine.dispose()


def replica_scheduler(url: str, slack_api_url: str, overrides: dict, replica: str, barrier: Any, results: Any) -> None:
    """A `salesos serve` replica's scheduler: built from settings, started, left to run its due digest, stopped."""
    import time

    from slack_sdk import WebClient

    from bot.slack.posting import SlackPoster
    from jobs.scheduler import build_scheduler, shutdown, start
    from settings import Settings
    from store.db import open_engine

    settings = Settings(database_url=url, slack_bot_token="xoxb-test", slack_api_url=slack_api_url, **overrides)
    engine = open_engine(url)
    scheduler = build_scheduler(
        settings, engine, poster=SlackPoster(WebClient(token="xoxb-test", base_url=slack_api_url)), replica=replica
    )
    barrier.wait(timeout=60)
    start(scheduler)
    deadline = time.monotonic() + 60
    while scheduler.get_job("weekly_digest:catch-up") is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    shutdown(scheduler)  # waits for the running digest
    results.put((replica, "stopped"))
    engine.dispose()


def durable_slack_server(
    url: str, slack_api_url: str, port: int, answer_seconds: float, started: Any, calls: bool = False
) -> None:
    """A `salesos serve`-like HTTP process: the real app, server, store and work sweeper; a slow stand-in copilot.

    The kill -9 test kills it while it answers, then starts another on the same store, which must resume the rest.
    With `calls`, the calls listeners are registered too (transcripts shared in DMs).
    """
    import time as clock
    from types import SimpleNamespace

    from slack_sdk import WebClient

    from bot.copilot.reply import Reply, Section
    from bot.slack.server import build_http_server
    from bot.slack.slack_app import create_app
    from settings import Settings
    from store.db import open_engine

    def answer(question: str, **_: Any) -> Any:
        clock.sleep(answer_seconds)  # the copilot thinking: the process is killed in the middle of this
        return SimpleNamespace(reply=Reply(parts=[Section(f"You asked: {question}")], fallback=question))

    settings = Settings(
        database_url=url,
        slack_bot_token="xoxb-test",
        slack_signing_secret="durable-secret",
        slack_api_url=slack_api_url,
        work_lease_seconds=1.0,
        work_sweep_seconds=0.5,
    )
    engine = open_engine(url)
    from bot.slack import calls_listeners

    app, deps = create_app(
        settings,
        engine,
        client=WebClient(token="xoxb-test", base_url=slack_api_url),
        answer=answer,
        registrars=[calls_listeners.register] if calls else [],
    )
    server = build_http_server(app, deps, signing_secret="durable-secret", host="127.0.0.1", port=port)
    try:  # (so this test runs against a build without durable work too, and shows what it loses)
        from bot.slack.work import WorkSweeper
    except ImportError:
        WorkSweeper = None  # noqa: N806
    if WorkSweeper is not None:
        WorkSweeper(deps, app.client).start()
    server.start_background()
    started.set()
    while True:
        clock.sleep(1)
