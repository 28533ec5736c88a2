"""Hand every Slack listener its dependencies (`BotDeps`: settings, store, copilot, writer, pool); build the client.

Listeners receive these through `register(app, deps)`; nothing reaches back into the app for them.
"""

from __future__ import annotations

import json
import logging
import queue
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

    `enter` and `leave` are called by one thread, the server's event loop, so they take no lock; the waiting threads
    only read. Waiters sleep until the settle time could have passed and look again: they are never woken by a
    request leaving (an event set at each quiet moment of a burst woke all eight work threads each time, and every
    wake-up took the interpreter from the acks: benchmarks/slack_ack.py).
    """

    def __init__(self, max_wait: float = 1.0, settle: float = 0.05) -> None:
        self.max_wait, self.settle = max_wait, settle
        self._last_leave = 0.0
        self._in_flight = 0
        self._held: queue.SimpleQueue[tuple[Executor, Callable[[], Any], Future[Any]]] = queue.SimpleQueue()
        self._releaser: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def enter(self) -> None:
        """A request started (on the server's loop)."""
        self._in_flight += 1

    def leave(self) -> None:
        """A request was answered (on the server's loop)."""
        self._in_flight = max(0, self._in_flight - 1)
        self._last_leave = time.monotonic()

    def quiet_for(self) -> float:
        """Seconds since the last request left, when none is in flight; 0.0 while one is."""
        return 0.0 if self._in_flight else time.monotonic() - self._last_leave

    def wait_quiet(self) -> None:
        """Return once no request has been in flight for `settle` seconds, or after `max_wait` seconds."""
        deadline = time.monotonic() + self.max_wait
        while (quiet := self.quiet_for()) < self.settle:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            time.sleep(min(self.settle - quiet, remaining))

    def after_quiet(self, pool: Executor, fn: Callable[[], Any]) -> Future[Any]:
        """Submit `fn` to `pool` once requests are quiet (`wait_quiet`); the future is `fn`'s.

        One releaser thread holds the deferred work of a burst and hands it to the pool when the burst is over: a
        submit per ack woke a pool thread per ack, in the middle of the burst, each taking the interpreter from it.
        """
        done: Future[Any] = Future()
        self._held.put((pool, fn, done))
        if self._releaser is None:
            with self._start_lock:
                if self._releaser is None:
                    self._releaser = threading.Thread(target=self._release, name="salesos-ack-gate", daemon=True)
                    self._releaser.start()
        return done

    def _release(self) -> None:
        while True:
            held = [self._held.get()]
            self.wait_quiet()
            while True:
                try:
                    held.append(self._held.get_nowait())
                except queue.Empty:
                    break
            for pool, fn, done in held:
                try:
                    _chain(pool.submit(fn), done)
                except RuntimeError as exc:  # the pool was shut down (the process is stopping)
                    done.set_exception(exc)


def _chain(source: Future[Any], target: Future[Any]) -> None:
    """Settle `target` as `source` settles."""

    def copy(finished: Future[Any]) -> None:
        error = finished.exception()
        if error is not None:
            target.set_exception(error)
        else:
            target.set_result(finished.result())

    source.add_done_callback(copy)


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

        return self.ack_gate.after_quiet(self.work, run)


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
