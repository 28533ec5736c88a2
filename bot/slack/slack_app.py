"""The Bolt app factory: one `create_app(settings, engine, ...)` that every mode (HTTP, Socket Mode, tests) uses.

How we ack under 3 s, always: `process_before_response=True`, and every listener is "ack, then defer": it calls
`ack()` first (a "working…" text for slash commands), hands the real work (copilot, store, Slack posts) to our bounded
work pool (`BotDeps.defer`) and returns, so the HTTP answer leaves in about a millisecond of CPU however busy the
workers are. That is the pattern of Bolt's lazy listeners, without their per-request cost: Bolt deep-copies the whole
request and re-inspects the function signature for every lazy run (~1 ms of CPU on the ack path, measured), which a
burst of 200 commands on two cores turns into hundreds of milliseconds of queueing under the GIL. With Bolt's default
(`process_before_response=False`) the listener itself is queued on an executor and the request thread polls every
10 ms for the ack, so acks wait behind copilot work. `benchmarks/slack_ack.py` measures the result.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, delete
from sqlalchemy.dialects import postgresql, sqlite

from store.models import SlackEvent, utcnow
from tools.drafts import Writer, default_writer

if TYPE_CHECKING:
    from slack_bolt import App
    from slack_sdk import WebClient

    from settings import Settings

log = logging.getLogger(__name__)

Answerer = Callable[..., Any]
"""`answer(question, *, engine, settings, asker_owner_id=None, thread_key=None, now=None) -> CopilotAnswer`."""
Registrar = Callable[["App"], None]


class AckGate:
    """Lets deferred work step aside while requests are being acknowledged (one process shares one GIL).

    The HTTP server counts requests in flight; deferred work waits (at most `max_wait`) until none is, so during a
    burst the acks get the interpreter first and the answers follow right after.
    """

    def __init__(self, max_wait: float = 0.25) -> None:
        self.max_wait = max_wait
        self._in_flight = 0
        self._lock = threading.Lock()
        self._quiet = threading.Event()  # an Event, not polling: waiting threads must not take the GIL in turns
        self._quiet.set()

    def enter(self) -> None:
        """A request started."""
        with self._lock:
            self._in_flight += 1
            self._quiet.clear()

    def leave(self) -> None:
        """A request was answered."""
        with self._lock:
            self._in_flight -= 1
            if self._in_flight <= 0:
                self._in_flight = 0
                self._quiet.set()

    def wait_quiet(self) -> None:
        """Return once no request is in flight, or after `max_wait` seconds."""
        self._quiet.wait(self.max_wait)


@dataclass
class BotDeps:
    """What the listeners need, attached to the app so extension registrars can reach it via `bot_deps(app)`."""

    settings: Settings
    engine: Engine
    answer: Answerer
    writer: Writer
    work: Executor
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    ack_gate: AckGate = field(default_factory=AckGate)
    edge_acks: dict[str, Callable[[dict[str, str]], dict[str, Any]]] = field(default_factory=dict)
    """Slash command → its ack body from the form alone; the HTTP router acks these before Bolt (server.py)."""

    def defer(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run `fn(*args)` on the work pool after the ack; a failure is logged, never lost silently."""

        def run() -> None:
            self.ack_gate.wait_quiet()
            try:
                fn(*args)
            except Exception:
                log.exception("deferred Slack work %s failed", getattr(fn, "__name__", fn))

        return self.work.submit(run)


def _copilot_answer(question: str, **kwargs: Any) -> Any:
    """The real copilot, imported on first use (so the Slack app builds without it, e.g. in its own tests)."""
    from bot.copilot.answer import answer

    return answer(question, **kwargs)


def build_web_client(settings: Settings) -> WebClient:
    """The Web API client: the bot token, SLACK_API_URL, and retries on rate limits, 5xx and connection errors."""
    from slack_sdk import WebClient
    from slack_sdk.http_retry.builtin_handlers import (
        ConnectionErrorRetryHandler,
        RateLimitErrorRetryHandler,
        ServerErrorRetryHandler,
    )

    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return WebClient(
        token=token,
        base_url=settings.slack_api_url,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


EVENT_MEMORY = timedelta(days=3)  # Slack retries within about an hour; keep ids well past that, then forget them
_PRUNE_EVERY = 1000
_claims = itertools.count(1)


def prune_events(engine: Engine, *, older_than: timedelta = EVENT_MEMORY) -> int:
    """Forget handled event ids older than `older_than`; returns how many were removed."""
    with engine.begin() as conn:
        table = SlackEvent.__table__  # type: ignore[attr-defined]
        return int(conn.execute(delete(table).where(table.c.received_at < utcnow() - older_than)).rowcount or 0)


def claim_event(engine: Engine, event_id: str, kind: str = "") -> bool:
    """Record a Slack event id; True only the first time (insert-or-ignore on the primary key)."""
    if next(_claims) % _PRUNE_EVERY == 0:
        prune_events(engine)
    table = SlackEvent.__table__  # type: ignore[attr-defined]
    values = {"event_id": event_id[:255], "kind": kind[:100], "received_at": utcnow()}
    dialect = engine.dialect.name
    if dialect == "postgresql":
        stmt = postgresql.insert(table).values(**values).on_conflict_do_nothing(index_elements=["event_id"])
    elif dialect == "sqlite":
        stmt = sqlite.insert(table).values(**values).on_conflict_do_nothing(index_elements=["event_id"])
    else:  # pragma: no cover - the store supports SQLite and PostgreSQL
        raise RuntimeError(f"unsupported database {dialect}")
    # RETURNING, not rowcount: psycopg 3 reports rowcount -1 for INSERT ... ON CONFLICT DO NOTHING
    with engine.begin() as conn:
        return conn.execute(stmt.returning(table.c.event_id)).first() is not None


def _dedupe_middleware(engine: Engine) -> Callable[..., Any]:
    """Drop an Events API delivery whose event_id was handled before (Slack retries: X-Slack-Retry-Num)."""
    from slack_bolt import BoltResponse

    def dedupe_events(body: dict[str, Any], request: Any, next: Callable[[], None]) -> Any:  # noqa: A002 (Bolt's name)
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if body.get("type") != "event_callback" or not event_id:
            return next()
        retry = (request.headers.get("x-slack-retry-num") or [None])[0]
        kind = str((body.get("event") or {}).get("type", ""))
        if claim_event(engine, str(event_id), kind):
            if retry:
                log.info("event %s (%s): retry %s of an event we never saw, handling it", event_id, kind, retry)
            return next()
        reason = (request.headers.get("x-slack-retry-reason") or [""])[0]
        log.info("event %s (%s): duplicate delivery (retry %s %s), acknowledged only", event_id, kind, retry, reason)
        return BoltResponse(status=200, body="", headers={"x-slack-no-retry": "1"})

    return dedupe_events


def create_app(
    settings: Settings,
    engine: Engine,
    *,
    client: WebClient | None = None,
    answer: Answerer | None = None,
    writer: Writer | None = None,
    registrars: Iterable[Registrar] = (),
    work_executor: Executor | None = None,
    token_verification: bool = True,
    now: Callable[[], datetime] | None = None,
) -> App:
    """Build the Bolt app with every Sales OS listener, plus those of `registrars` (leads, calls, ...).

    Args:
        settings: Sales OS settings (signing secret, managers, ...).
        engine: The store.
        client: Web API client; default: the bot token against SLACK_API_URL, with retries.
        answer: The copilot's `answer`; default `bot.copilot.answer`, imported on first question.
        writer: How an approved draft is written; default HubSpot when configured, else recorded locally.
        registrars: Extra `register(app)` callables from other modules; they read `bot_deps(app)`.
        work_executor: Where deferred work runs (copilot, posts); default an 8-thread pool. More threads do not
            make CPU-bound answers faster under the GIL; they only compete with the acks.
        token_verification: Call auth.test at start-up (fails fast on a bad token).
        now: The clock (tests).
    """
    from slack_bolt import App

    from bot.slack import actions, assistant, commands, events, home

    client = client or build_web_client(settings)
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    app = App(
        client=client,
        signing_secret=secret,
        process_before_response=True,
        request_verification_enabled=True,  # always on: bad signature → 401, timestamp older than 5 minutes → 401
        token_verification_enabled=token_verification,
        raise_error_for_unhandled_request=False,
    )
    deps = BotDeps(
        settings=settings,
        engine=engine,
        answer=answer or _copilot_answer,
        writer=writer or default_writer(engine, settings),
        work=work_executor or ThreadPoolExecutor(max_workers=8, thread_name_prefix="salesos-work"),
        now=now or (lambda: datetime.now(UTC)),
    )
    app._salesos_deps = deps  # type: ignore[attr-defined]  # read through bot_deps(app)
    app.use(_dedupe_middleware(engine))

    @app.error
    def log_listener_error(error: Exception, body: dict[str, Any]) -> None:
        kind = body.get("type") if isinstance(body, dict) else None
        log.error("Slack listener failed on a %s payload: %r", kind, error, exc_info=error)

    for register in (
        commands.register,
        events.register,
        actions.register,
        home.register,
        assistant.register,
        *registrars,
    ):
        register(app)
    return app


def bot_deps(app: App) -> BotDeps:
    """The settings, store, copilot and writer a listener registered on `app` should use."""
    return app._salesos_deps  # type: ignore[attr-defined,no-any-return]
