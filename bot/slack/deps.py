"""Hand every Slack listener its dependencies (`BotDeps`: settings, store, copilot, writer, pool); build the client.

Listeners receive these through `register(app, deps)`; nothing reaches back into the app for them.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from bot.slack.work import WorkHandler, worker_name
from tools.drafts import Writer

if TYPE_CHECKING:
    from slack_bolt import App
    from slack_sdk import WebClient

    from settings import Settings

log = logging.getLogger(__name__)


Answerer = Callable[..., Any]
"""`answer(question, *, engine, settings, asker_owner_id=None, thread_key=None, now=None) -> CopilotAnswer`."""
Registrar = Callable[["App", "BotDeps"], None]
"""`register(app, deps)`: adds one module's listeners to the Bolt app."""


class AckGate:
    """Lets deferred work step aside while requests are being acknowledged (one process shares one GIL).

    The HTTP server counts requests in flight; deferred work waits (at most `max_wait`) until none has been for
    `settle` seconds, so during a burst the acks get the interpreter first and the answers follow right after. The
    settle time matters: a burst's connections arrive spread out, and the moment between two of them when none is
    open must not let eight copilot answers start in the middle of it (once started, they run to the end).
    """

    def __init__(self, max_wait: float = 1.0, settle: float = 0.05) -> None:
        self.max_wait, self.settle = max_wait, settle
        self._last_leave = 0.0
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
            self._last_leave = time.monotonic()
            if self._in_flight <= 0:
                self._in_flight = 0
                self._quiet.set()

    def wait_quiet(self) -> None:
        """Return once no request has been in flight for `settle` seconds, or after `max_wait` seconds."""
        deadline = time.monotonic() + self.max_wait
        while (remaining := deadline - time.monotonic()) > 0 and self._quiet.wait(remaining):
            idle = time.monotonic() - self._last_leave
            if idle >= self.settle:
                return
            time.sleep(min(self.settle - idle, max(0.0, deadline - time.monotonic())))


class Readiness:
    """Whether this process can talk to Slack yet: `/healthz` answers 503 "not ready" until it can."""

    def __init__(self) -> None:
        """Start not ready."""
        self._ready = threading.Event()
        self.reason = "checking Slack (auth.test)"

    @property
    def ready(self) -> bool:
        """True once Slack answered auth.test."""
        return self._ready.is_set()

    def set_ready(self) -> None:
        """Slack answered: ready."""
        self.reason = ""
        self._ready.set()

    def route(self, method: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], bytes]:
        """`GET /healthz`: 200 when ready, else 503 with the reason (the process itself is up)."""
        if self.ready:
            return (200, {"Content-Type": "application/json"}, json.dumps({"ok": True, "ready": True}).encode())
        return (
            503,
            {"Content-Type": "application/json"},
            json.dumps({"ok": False, "ready": False, "reason": self.reason}).encode(),
        )


@dataclass
class BotDeps:
    """What the listeners need; handed to each registrar as `register(app, deps)`."""

    settings: Settings
    engine: Engine
    answer: Answerer
    writer: Writer
    work: Executor
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    ack_gate: AckGate = field(default_factory=AckGate)
    edge_acks: dict[str, Callable[[dict[str, str]], dict[str, Any]]] = field(default_factory=dict)
    """Slash command → its ack body from the form alone; the HTTP router acks these before Bolt (server.py)."""
    edge_work: dict[str, Callable[[dict[str, str]], tuple[str, str, dict[str, Any]] | None]] = field(
        default_factory=dict
    )
    """Slash command → (kind, key, payload) of its durable work, stored by the HTTP router before its edge ack."""
    work_handlers: dict[str, WorkHandler] = field(default_factory=dict)
    """Kind of durable work → the function that does it (`bot/slack/work.py`); listeners register theirs."""
    readiness: Readiness | None = None
    """Set by `salesos serve`: whether Slack answered auth.test yet (`/healthz`)."""
    worker: str = field(default_factory=worker_name)
    """This process's name on the work rows it claims."""

    def submit(self, kind: str, key: str, payload: dict[str, Any], client: Any) -> int:
        """Store acknowledged work (before the ack leaves), then run it on the pool; returns the row id.

        A Slack retry of the same delivery (same `key`) finds the stored row and runs nothing twice: the claim is a
        conditional UPDATE that exactly one worker wins.
        """
        from bot.slack.work import run_work
        from store.work import enqueue

        work_id = enqueue(self.engine, kind, key, payload)
        self.defer(run_work, self, work_id, client)
        return work_id

    def defer(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run `fn(*args)` on the work pool after the ack; a failure is logged, never lost silently."""

        def run() -> None:
            self.ack_gate.wait_quiet()
            try:
                fn(*args)
            except Exception:
                log.exception("deferred Slack work %s failed", getattr(fn, "__name__", fn))

        return self.work.submit(run)


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
