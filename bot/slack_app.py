"""The Bolt app factory: one `create_app(settings, engine, ...)` that every mode (HTTP, Socket Mode, tests) uses.

Why `process_before_response=True` with ack/lazy pairs everywhere: the ack function runs in the request's own thread
and does nothing but `ack()` (plus, for slash commands, a "working…" text), so the HTTP answer leaves in milliseconds
however busy the workers are; all real work (copilot, store, Slack posts) runs in lazy listeners on a bounded executor.
With Bolt's default (`False`), even the ack function is queued on that executor, so under a burst the acks wait behind
copilot work; and events would need no ack/lazy split only to lose the guarantee that work never delays the answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
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


@dataclass
class BotDeps:
    """What the listeners need, attached to the app so extension registrars can reach it via `bot_deps(app)`."""

    settings: Settings
    engine: Engine
    answer: Answerer
    writer: Writer
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


def _copilot_answer(question: str, **kwargs: Any) -> Any:
    """The real copilot, imported on first use (so the Slack app builds without it, e.g. in its own tests)."""
    from bot.copilot import answer

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


def claim_event(engine: Engine, event_id: str, kind: str = "") -> bool:
    """Record a Slack event id; True only the first time (insert-or-ignore on the primary key)."""
    table = SlackEvent.__table__  # type: ignore[attr-defined]
    values = {"event_id": event_id[:255], "kind": kind[:100], "received_at": utcnow()}
    dialect = engine.dialect.name
    if dialect == "postgresql":
        stmt = postgresql.insert(table).values(**values).on_conflict_do_nothing(index_elements=["event_id"])
    elif dialect == "sqlite":
        stmt = sqlite.insert(table).values(**values).on_conflict_do_nothing(index_elements=["event_id"])
    else:  # pragma: no cover - the store supports SQLite and PostgreSQL
        raise RuntimeError(f"unsupported database {dialect}")
    with engine.begin() as conn:
        return conn.execute(stmt).rowcount == 1


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
    listener_executor: Executor | None = None,
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
        listener_executor: Where lazy listeners run; default a 16-thread pool.
        token_verification: Call auth.test at start-up (fails fast on a bad token).
        now: The clock (tests).
    """
    from slack_bolt import App

    from bot import actions, commands, events, home

    client = client or build_web_client(settings)
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    app = App(
        client=client,
        signing_secret=secret,
        process_before_response=True,
        request_verification_enabled=True,  # always on: bad signature → 401, timestamp older than 5 minutes → 401
        token_verification_enabled=token_verification,
        listener_executor=listener_executor or ThreadPoolExecutor(max_workers=16, thread_name_prefix="salesos-lazy"),
        raise_error_for_unhandled_request=False,
    )
    deps = BotDeps(
        settings=settings,
        engine=engine,
        answer=answer or _copilot_answer,
        writer=writer or default_writer(engine, settings),
        now=now or (lambda: datetime.now(UTC)),
    )
    app._salesos_deps = deps  # type: ignore[attr-defined]  # read through bot_deps(app)
    app.use(_dedupe_middleware(engine))

    @app.error
    def log_listener_error(error: Exception, body: dict[str, Any]) -> None:
        kind = body.get("type") if isinstance(body, dict) else None
        log.error("Slack listener failed on a %s payload: %r", kind, error, exc_info=error)

    for register in (commands.register, events.register, actions.register, home.register, *registrars):
        register(app)
    return app


def bot_deps(app: App) -> BotDeps:
    """The settings, store, copilot and writer a listener registered on `app` should use."""
    return app._salesos_deps  # type: ignore[attr-defined,no-any-return]
