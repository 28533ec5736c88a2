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

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from bot.slack.deps import Answerer, BotDeps, Registrar, build_web_client
from store.slack_events import claim_event
from tools.drafts import Writer, default_writer

if TYPE_CHECKING:
    from slack_bolt import App
    from slack_sdk import WebClient

    from settings import Settings

log = logging.getLogger(__name__)


class _DropNotice(logging.Filter):
    """Drops one exact log message."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != self.message


def _quiet_token_notice() -> None:
    """Drop Bolt's start-up warning that the token is unused because a client was given.

    Bolt reads SLACK_BOT_TOKEN from the environment even when handed a client, then warns on every start; our client
    is built from that same token (with retries), so the warning would only teach users to ignore warnings.
    """
    from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped

    bolt_logger = logging.getLogger("slack_bolt.App")
    if not any(isinstance(f, _DropNotice) for f in bolt_logger.filters):
        bolt_logger.addFilter(_DropNotice(warning_client_prioritized_and_token_skipped()))


def _copilot_answer(question: str, **kwargs: Any) -> Any:
    """The real copilot, imported on first use (so the Slack app builds without it, e.g. in its own tests)."""
    from bot.copilot.answer import answer

    return answer(question, **kwargs)


def _malformed_actions(body: Any) -> bool:
    """Tell whether a payload's `actions` is not a list of objects (nothing a listener can act on)."""
    if not isinstance(body, dict) or "actions" not in body:
        return False
    actions = body["actions"]
    return not isinstance(actions, list) or not all(isinstance(a, dict) for a in actions)


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
) -> tuple[App, BotDeps]:
    """Build the Bolt app with every Sales OS listener, plus those of `registrars`; returns it with its `BotDeps`.

    Args:
        settings: Sales OS settings (signing secret, managers, ...).
        engine: The store.
        client: Web API client; default: the bot token against SLACK_API_URL, with retries.
        answer: The copilot's `answer`; default `bot.copilot.answer`, imported on first question.
        writer: How an approved draft is written; default HubSpot when configured, else recorded locally.
        registrars: Extra `register(app, deps)` callables from other modules (leads, calls, ...).
        work_executor: Where deferred work runs (copilot, posts); default an 8-thread pool. More threads do not
            make CPU-bound answers faster under the GIL; they only compete with the acks.
        token_verification: Call auth.test at start-up (fails fast on a bad token).
        now: The clock (tests).
    """
    from slack_bolt import App

    from bot.slack import actions, assistant, commands, events, home

    client = client or build_web_client(settings)
    _quiet_token_notice()
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
    app.use(_dedupe_middleware(engine))

    @app.error
    def log_listener_error(error: Exception, body: dict[str, Any]) -> Any:
        kind = body.get("type") if isinstance(body, dict) else None
        log.error("Slack listener failed on a %s payload: %r", kind, error, exc_info=error)
        if _malformed_actions(body):
            # A signed payload whose actions are not objects breaks Bolt's own matching (TypeError) before any
            # listener runs: answer 200 (logged above) so Slack does not retry what can never work. Found by
            # tests/test_fuzz_http.py: {"type": "block_actions", "actions": [null]} got a 500.
            from slack_bolt import BoltResponse

            return BoltResponse(status=200, body="")
        return None

    for register in (
        commands.register,
        events.register,
        actions.register,
        home.register,
        assistant.register,
        *registrars,
    ):
        register(app, deps)
    return app, deps
