"""Running the Slack app: Socket Mode when SLACK_APP_TOKEN is set, else HTTP mode on uvicorn + Starlette.

The HTTP server (`SlackHTTPServer`: uvicorn serving a Starlette router) owns the edge so other modules can add routes:
`POST /slack/events` goes to Bolt (through its Starlette adapter's request/response conversions), `GET /healthz`
answers readiness, and `routes={"/intake": handler}` adds more. A plain route is
`handler(method, headers, body) -> (status, headers, body)` with lower-case header names, run on a thread pool.

Edge rules: the Slack signature is checked here first, over the raw bytes (bad or missing → 401, timestamp older than
5 minutes → 401), then by Bolt again; a signed but malformed or unknown payload is logged and answered 200, so Slack
does not retry something that will never parse; an exception never kills the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hmac
import json
import logging
import queue
import signal
import socket
import sqlite3
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from hashlib import sha256
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

from sqlalchemy import Engine, event
from sqlalchemy.pool import PoolProxiedConnection
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response

if TYPE_CHECKING:
    from slack_bolt import App, BoltRequest

    from bot.slack.deps import AckGate, BotDeps, Readiness, Registrar
    from settings import Settings

log = logging.getLogger(__name__)

Headers = dict[str, str]
RouteResult = tuple[int, Headers, bytes]
Route = Callable[[str, Headers, bytes], RouteResult]
EdgeAck = Callable[[dict[str, str]], dict[str, Any]]
"""Slash command form → the ack body (e.g. "working…"), computed without Bolt."""
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1_000_000
PEER_HEADER = "x-salesos-peer"
"""Set by the server on every request: the client's address (a route's rate limit keys on it)."""
MAX_CLOCK_SKEW_SECONDS = 60 * 5


def _json(status: int, payload: Any) -> RouteResult:
    return status, {"Content-Type": "application/json"}, json.dumps(payload).encode()


def signature_problem(
    signing_secret: str, headers: Mapping[str, str], body: bytes, now: float | None = None
) -> str | None:
    """Why a request is not validly signed by Slack, or None when it is."""
    timestamp, signature = headers.get("x-slack-request-timestamp"), headers.get("x-slack-signature")
    if not timestamp or not signature:
        return "missing signature headers"
    if not timestamp.isdigit():
        return "malformed timestamp"
    if abs((now if now is not None else time.time()) - int(timestamp)) > MAX_CLOCK_SKEW_SECONDS:
        return "timestamp older than 5 minutes (replay?)"
    # Over the raw bytes, before anything decodes them: a body that is not UTF-8 is just unsigned here (401), never
    # a 500 from a decoder (slack_sdk's verifier decodes the body first).
    expected = "v0=" + hmac.new(signing_secret.encode(), b"v0:" + timestamp.encode() + b":" + body, sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return "signature mismatch"
    return None


def team_of(body: Mapping[str, Any]) -> str | None:
    """The workspace a Slack payload comes from: `team_id` (events, commands), `team.id` or `user.team_id` (clicks)."""
    if body.get("team_id"):
        return str(body["team_id"])
    for key, field in (("team", "id"), ("user", "team_id")):
        part = body.get(key)
        if isinstance(part, dict) and part.get(field):
            return str(part[field])
    return None


def malformed(body: Any) -> str | None:
    """Why a signed payload cannot be a Slack request we handle, or None (checked before Bolt sees it)."""
    if not isinstance(body, dict) or not body:
        return "not an object"
    if "event" in body and not isinstance(body["event"], dict):
        return "event is not an object"
    for key in ("user", "team", "channel", "view", "container"):
        if key in body and body[key] is not None and not isinstance(body[key], (dict, str)):
            return f"{key} has the wrong shape"
    if "actions" in body and not isinstance(body["actions"], list):
        return "actions is not a list"
    return None


def _slash_command_form(headers: Headers, body: bytes) -> dict[str, str] | None:
    """The fields of a slash-command POST, or None for anything else (events, interactivity, malformed)."""
    if not headers.get("content-type", "").startswith("application/x-www-form-urlencoded") or b"command=" not in body:
        return None
    try:
        form = form_fields(body.decode("utf-8"))
    except UnicodeDecodeError:
        return None
    return form if "command" in form and "payload" not in form else None


def form_fields(text: str) -> dict[str, str]:
    """A url-encoded form as a dict, exactly as `dict(parse_qsl(text, keep_blank_values=True))` reads it.

    Own code because this runs on the event loop for every slash command of a burst: `parse_qsl` handles separators,
    field limits and strict parsing we do not use, and cost a third of the edge ack's time (benchmarks/slack_ack.py).
    The decoding is the standard library's own (`unquote_plus`); a property test checks both read every form alike.
    """
    fields: dict[str, str] = {}
    for pair in text.split("&"):
        if pair:
            name, _, value = pair.partition("=")
            # most fields hold neither: decoding them would return them as they are, at a function call each
            if "%" in name or "+" in name:
                name = unquote_plus(name)
            fields[name] = unquote_plus(value) if "%" in value or "+" in value else value
    return fields


PendingRow = tuple[str, str, dict[str, Any], "asyncio.Future[int | None]"]
"""(kind, key, payload, the future of its id) of a work row waiting to be stored."""
GROUP_WINDOW = 0.002
"""Seconds the first row of a group waits for others before they are written together on the loop (as PostgreSQL's
`commit_delay` does): commands trickling in during a burst otherwise cost a transaction each (0.3 ms), and the loop
fell behind writing 110 one-row transactions where a window of 2 ms writes a dozen (benchmarks/slack_ack.py)."""
LOOP_LOCK_WAIT = 0.005
"""Seconds a write on the event loop waits for SQLite's lock before handing its batch to the writer thread."""


class GroupWriter:
    """Stores the edge acks' work rows in batches: one transaction for all the commands that arrived meanwhile.

    Under a burst of 200 commands, one commit per ack would queue every ack behind 199 commits; grouped, the burst
    costs a few commits and each ack leaves as soon as the transaction holding its row is committed. The rows of a
    batch are handed back to the event loop in ONE callback (`loop.call_soon_threadsafe` wakes the loop with a
    syscall each), and their work is deferred from here.

    Where it writes: on the event loop. A writer thread competes with the loop for the GIL all through a burst (a
    150-row batch that takes 3 ms idle took 8-25 ms there, and every ack waited for it: benchmarks/slack_ack.py).
    On SQLite the batch is written synchronously on the loop (0.3-4 ms), with a short lock wait (`LOOP_LOCK_WAIT`):
    when another writer holds SQLite's lock (a sync, a job), the batch goes to the writer thread instead, so the loop
    never waits for it. On PostgreSQL (psycopg) the loop awaits the write on its own async connection, so it keeps
    serving requests through the round trip and the commit's fsync; the rows that arrive meanwhile make the next
    batch. If that connection fails, the batch goes to the writer thread (SQLAlchemy), which also serves any other
    database.
    """

    def __init__(self, engine: Engine, on_stored: Callable[[int], None] | None = None) -> None:
        """Start the writer thread (a daemon: it holds no state a crash could lose that is not yet acknowledged).

        `on_stored(work_id)` is called for each new row once committed: it runs the work.
        """
        self.engine, self.on_stored = engine, on_stored
        self._queue: queue.SimpleQueue[tuple[list[PendingRow], datetime | None]] = queue.SimpleQueue()
        """Batches for the writer thread, each with the stamp of a failed attempt at it whose commit may have landed."""
        self._pending: list[PendingRow] = []
        self.loop_engine: Engine | None = None
        self._loop_conn: PoolProxiedConnection | None = None
        self.postgres_conninfo: str | None = None
        """libpq's address of the store, when the loop writes through its own async psycopg connection."""
        self._aconn: Any = None
        self._aconn_loop: asyncio.AbstractEventLoop | None = None
        self._writing: asyncio.Task[None] | None = None
        url = engine.url
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            from store.db import open_engine  # a file: a second engine opens the same database

            self.loop_engine = open_engine(url.render_as_string(hide_password=False), busy_timeout=LOOP_LOCK_WAIT)
            event.listen(self.loop_engine, "connect", _no_checkpoints_here)
        elif url.get_backend_name() == "postgresql" and engine.dialect.driver == "psycopg":
            self.postgres_conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        threading.Thread(target=self._loop, name="salesos-work-writer", daemon=True).start()

    def submit(self, kind: str, key: str, payload: dict[str, Any]) -> asyncio.Future[int | None]:
        """Queue a row (from the event loop); the future gives its id once committed, or None for a replay."""
        loop = asyncio.get_running_loop()
        stored: asyncio.Future[int | None] = loop.create_future()
        if self.loop_engine is None and self.postgres_conninfo is None:
            self._queue.put(([(kind, key, payload, stored)], None))
            return stored
        if not self._pending and self._writing is None:  # the first of a group: what comes in GROUP_WINDOW joins it
            loop.call_later(GROUP_WINDOW, self._write_on_loop if self.loop_engine is not None else self._start_writing)
        self._pending.append((kind, key, payload, stored))
        return stored

    @property
    def on_loop(self) -> bool:
        """Whether batches are written from the event loop (SQLite file, PostgreSQL through psycopg)."""
        return self.loop_engine is not None or self.postgres_conninfo is not None

    def _start_writing(self) -> None:
        self._writing = asyncio.get_running_loop().create_task(self._write_async())

    async def _write_async(self) -> None:
        """PostgreSQL: write the pending batch, then the rows that came while it was written, until none is left."""
        from store.types import utcnow
        from store.work import enqueue_many_psycopg

        try:
            while self._pending:
                batch, self._pending = self._pending, []
                stamp = utcnow()
                try:
                    conn = await self._async_connection()
                    items = [(kind, key, payload) for kind, key, payload, _ in batch]
                    stored = await enqueue_many_psycopg(conn, items, stamp)
                except Exception:
                    log.warning("the loop's PostgreSQL write failed: the writer thread stores the batch", exc_info=True)
                    self._drop_async_connection()
                    self._queue.put((batch, stamp))  # the commit may have landed: the thread tells its own rows
                    continue
                _settle_batch([done for *_, done in batch], stored)
                self._run(stored)
        finally:
            self._writing = None

    async def _async_connection(self) -> Any:
        """The loop's own psycopg connection (one per event loop), opened on first use and after a failure."""
        import psycopg

        loop = asyncio.get_running_loop()
        if self._aconn is not None and (self._aconn.closed or self._aconn_loop is not loop):
            self._drop_async_connection()
        if self._aconn is None:
            assert self.postgres_conninfo is not None
            self._aconn = await psycopg.AsyncConnection.connect(self.postgres_conninfo, connect_timeout=5)
            self._aconn_loop = loop
        return self._aconn

    def _drop_async_connection(self) -> None:
        if self._aconn is not None:
            with contextlib.suppress(Exception):
                self._aconn.pgconn.finish()  # synchronous: its loop may be gone (a test's asyncio.run has ended)
            self._aconn = None

    def _write_on_loop(self) -> None:
        from sqlalchemy.exc import OperationalError

        from store.work import enqueue_many_sqlite

        batch, self._pending = self._pending, []
        assert self.loop_engine is not None
        try:
            if self._loop_conn is None:
                self._loop_conn = self.loop_engine.raw_connection()  # the loop's own, for its life: no pool round trip
            raw = self._loop_conn.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            stored = enqueue_many_sqlite(raw, [(kind, key, payload) for kind, key, payload, _ in batch])
        except (OperationalError, sqlite3.OperationalError):  # "database is locked" (another writer holds it)
            self._drop_loop_conn()
            self._queue.put((batch, None))  # the thread waits for the lock, not the loop (nothing was stored)
            return
        except Exception as exc:
            self._drop_loop_conn()
            _settle_batch([done for *_, done in batch], exc)
            return
        _settle_batch([done for *_, done in batch], stored)
        self._run(stored)

    def _drop_loop_conn(self) -> None:
        if self._loop_conn is not None:
            with contextlib.suppress(Exception):
                self._loop_conn.close()
            self._loop_conn = None

    def _run(self, stored: list[int | None]) -> None:
        for work_id in stored:
            if work_id is not None and self.on_stored is not None:
                self.on_stored(work_id)

    def _loop(self) -> None:
        while True:
            batch, retry_of = self._queue.get()
            while retry_of is None and len(batch) < 500:  # a retried batch is written alone, with its own stamp
                try:
                    more, more_retry_of = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more_retry_of is not None:
                    self._write(more, more_retry_of)
                    continue
                batch.extend(more)
            self._write(batch, retry_of)

    def _write(self, batch: list[PendingRow], retry_of: datetime | None) -> None:
        """Store a batch on the writer thread and hand each row's outcome back to its loop."""
        from store.work import enqueue_many

        loop = batch[0][3].get_loop()
        try:
            items = [(kind, key, payload) for kind, key, payload, _ in batch]
            stored = enqueue_many(self.engine, items, retry_of=retry_of)
        except Exception as exc:
            loop.call_soon_threadsafe(_settle_batch, [done for *_, done in batch], exc)
            return
        loop.call_soon_threadsafe(_settle_batch, [done for *_, done in batch], stored)
        self._run(stored)


def _no_checkpoints_here(dbapi_conn: Any, _record: Any) -> None:
    """Turn off automatic WAL checkpoints on the event loop's own SQLite connection.

    The commit that crosses the WAL's size limit copies it into the database and fsyncs it (tens of ms); on the loop
    every ack would wait for that. The server's other connections (the work pool's, the jobs') checkpoint as they
    commit, as every connection does by default.
    """
    dbapi_conn.execute("PRAGMA wal_autocheckpoint=0")


def _settle_batch(futures: list[asyncio.Future[int | None]], outcome: list[int | None] | Exception) -> None:
    """Resolve a batch's futures on the loop: each row's id (None: a replay), or the batch's failure."""
    for i, done in enumerate(futures):
        if done.done():
            continue  # the request went away meanwhile (its task was cancelled)
        if isinstance(outcome, Exception):
            done.set_exception(outcome)
        else:
            done.set_result(outcome[i])


@dataclass(frozen=True)
class StoredAck:
    """An edge ack waiting for its command's durable row: `stored` gives the row's id (None: a replay)."""

    stored: asyncio.Future[int | None]
    ack_body: dict[str, Any]


class SlackEvents:
    """`/slack/events`: verify on the raw bytes, edge-ack slash commands, hand the rest to Bolt's Starlette adapter.

    Slash commands with an entry in `edge_acks` are acknowledged on the server's loop, from the verified form alone,
    once their durable row is committed (`GroupWriter`); the row then runs on the work pool like any durable work.
    That is exactly what Bolt's listener for the command would do (`commands.register`: store the row, defer it, ack;
    Socket Mode still goes that way), without a full Bolt dispatch per command (~1 ms of CPU under the GIL, which a
    burst of 200 turns into queueing; benchmarks/slack_ack.py). An edge-acked command with no durable work (`help`)
    is handed to Bolt on one dispatcher thread after its ack. Events and interactivity go through Bolt for their ack,
    on the Slack pool (never the loop: a dispatch blocks).

    Why not `slack_bolt.adapter.starlette.SlackRequestHandler.handle` as it is: it runs the sync `App.dispatch` on the
    event loop (one slow listener would stall every connection) and decodes the body before any signature check (a
    non-UTF-8 body is a 500 there, a 401 here). Its request/response conversions are used as they are.
    """

    def __init__(
        self,
        app: App,
        signing_secret: str,
        *,
        edge_acks: Mapping[str, EdgeAck] | None = None,
        gate: AckGate | None = None,
        deps: BotDeps | None = None,
        team_id: str | None = None,
        replays: Callable[[str], bool] | None = None,
        workers: int = 32,
    ) -> None:
        """Bind the Bolt app; `workers` threads run full dispatches (the Slack pool, never shared with /intake)."""
        self.app, self.signing_secret = app, signing_secret
        self.edge_acks, self.gate, self.deps = dict(edge_acks or {}), gate, deps
        self.team_id, self.replays = team_id, replays
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="salesos-slack")
        self.dispatcher = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="salesos-dispatch") if self.edge_acks else None
        )
        self.writer = GroupWriter(deps.engine, self._run_stored) if deps is not None and self.edge_acks else None

    def close(self) -> None:
        """Release the worker threads."""
        for pool in (self.pool, self.dispatcher):
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)

    async def edge_ack(self, scope: Any, receive: Any, send: Any) -> Any:
        """A slash command's edge ack straight on ASGI: None once answered, else the `receive` for the router.

        Starlette's request and response objects cost about a third of an edge ack (its routing, header parsing and
        exception wrappers), paid by every command of a burst; a slash command needs none of them. Anything that is
        not an edge-acked command goes on to the router, which reads the body already read here from the returned
        `receive` (`endpoint` below).
        """
        body = await read_asgi_body(scope, receive)
        if body is None:
            await _asgi_send(send, *_json(413, {"error": "body too large"}))
            return None
        headers = scope_headers(scope)
        fast = self.fast_path("POST", headers, body)
        answered = await self._after_stored(fast) if isinstance(fast, StoredAck) else fast
        if answered is not None:
            await _asgi_send(send, *answered)
            return None
        return _replay(body, receive)

    async def endpoint(self, request: Request) -> Response:
        """The Starlette endpoint: the full route on the Slack pool (events, interactivity, unsigned or other)."""
        body = await read_body(request)
        if body is None:
            return _response(*_json(413, {"error": "body too large"}))
        headers = request_headers(request)  # a slash command to edge-ack was answered before the router (`edge_ack`)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self.pool, self.handle, request, headers, body)
        except Exception:
            log.exception("POST %s failed", EVENTS_PATH)
            return _response(*_json(500, {"error": "internal error"}))

    def _dispatch_later(self, headers: Headers, body: bytes) -> None:
        if self.gate is not None:
            self.gate.wait_quiet()
        try:
            response = self.app.dispatch(_bolt_request(headers, body))
            if response.status >= 400:
                log.warning("slash command dispatched after its edge ack answered %s", response.status)
        except Exception:
            log.exception("slash command could not be dispatched after its edge ack")

    def fast_path(self, method: str, headers: Headers, body: bytes) -> RouteResult | StoredAck | None:
        """The edge ack of a verified slash command, or None to take the full (pooled) route."""
        if method != "POST" or not self.edge_acks or self.dispatcher is None:
            return None
        form = _slash_command_form(headers, body)
        if form is None or form["command"] not in self.edge_acks:
            return None
        if signature_problem(self.signing_secret, headers, body):
            return None  # the full route rejects it with 401 and logs why
        if self.team_id and form.get("team_id") != self.team_id:
            return None  # the full route logs and drops it
        ack_body = self.edge_acks[form["command"]](form)
        work = self.deps.edge_work.get(form["command"]) if self.deps is not None else None
        durable = work(form) if work is not None else None
        if durable is not None and self.writer is not None:  # stored before the ack: a crash now cannot lose it
            return StoredAck(self.writer.submit(*durable), ack_body)
        if self.replays is not None and not self.replays(headers.get("x-slack-signature", "")):
            return _json(401, {"error": "invalid request"})
        self.dispatcher.submit(self._dispatch_later, headers, body)
        return _json(200, ack_body)

    async def _after_stored(self, pending: StoredAck) -> RouteResult | None:
        """The ack, once the command's row is committed (the writer then runs the row on the work pool)."""
        try:
            work_id = await pending.stored
        except Exception:
            log.exception("could not store a slash command before its ack: taking the full route")
            return None
        if work_id is None:  # the same trigger id again: a captured command replayed
            log.warning("replayed slash command refused (trigger id already handled)")
            return _json(401, {"error": "invalid request"})
        return _json(200, pending.ack_body)

    def _run_stored(self, work_id: int) -> None:
        from bot.slack.work import run_work

        assert self.deps is not None
        self.deps.defer(run_work, self.deps, work_id, self.app.client)

    def handle(self, request: Request, headers: Headers, body: bytes) -> Response:
        """The full route (a pool thread): verify, check the payload's shape and workspace, dispatch to Bolt."""
        from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response

        if request.method != "POST":
            return _response(*_json(405, {"error": "POST only"}))
        problem = signature_problem(self.signing_secret, headers, body)
        if problem:
            log.warning("rejected %s request: %s", EVENTS_PATH, problem)
            return _response(*_json(401, {"error": "invalid request"}))
        try:
            bolt_request = to_bolt_request(request, body)
        except Exception as exc:  # malformed JSON / form / nesting, though correctly signed: Slack must not retry it
            log.warning("malformed Slack payload (%s): %.200r", type(exc).__name__, body)
            return Response(status_code=200)
        problem = malformed(bolt_request.body)
        if problem:
            log.warning("signed Slack payload ignored (%s): %.200r", problem, body)
            return Response(status_code=200)
        team = team_of(bolt_request.body)
        if self.team_id and team != self.team_id:
            log.warning("signed Slack payload from workspace %r refused: this app serves %s", team, self.team_id)
            return Response(status_code=200, headers={"x-slack-no-retry": "1"})
        signature = headers.get("x-slack-signature", "")
        if self.replays is not None and not _is_event_retry(headers, bolt_request.body) and not self.replays(signature):
            log.warning("replayed Slack request refused (its signature was already used)")
            return _response(*_json(401, {"error": "invalid request"}))
        try:
            response = self.app.dispatch(bolt_request)
        except Exception:  # Bolt chokes on some malformed shapes (e.g. block_actions without actions)
            log.exception("Slack payload type=%s could not be dispatched: answered 200", bolt_request.body.get("type"))
            return Response(status_code=200)
        if response.status == 404:  # no listener for it: an event type or action we do not use
            log.info("unhandled Slack payload type=%s: answered 200", bolt_request.body.get("type"))
            return Response(status_code=200)
        return to_starlette_response(response)


async def _asgi_send(send: Any, status: int, headers: Mapping[str, str], body: bytes) -> None:
    """Send a whole response as ASGI messages (what Starlette's `Response` sends, without building one)."""
    raw = [(b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def _replay(body: bytes, receive: Any) -> Any:
    """An ASGI `receive` that gives `body` first (already read), then whatever the connection says next."""
    given = False

    async def replay() -> dict[str, Any]:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return dict(await receive())

    return replay


def _bolt_request(headers: Headers, body: bytes) -> BoltRequest:
    """A BoltRequest from a verified slash command (already known to be UTF-8: its form was parsed)."""
    from slack_bolt import BoltRequest

    return BoltRequest(body=body.decode("utf-8"), headers={k: [v] for k, v in headers.items()}, mode="http")


def _is_event_retry(headers: Headers, body: Mapping[str, Any]) -> bool:
    """An Events API redelivery: de-duplicated by its event id (slack_app.py), so its signature may repeat."""
    return (
        bool(headers.get("x-slack-retry-num")) and body.get("type") == "event_callback" and bool(body.get("event_id"))
    )


def signature_memory(engine: Engine) -> Callable[[str], bool]:
    """`first_sighting(signature)`: True the first time a signature is seen, across replicas (the shared store).

    Signatures are remembered in the event table for days, well past the 5-minute window Slack's timestamp allows.
    """
    from store.slack_events import claim_event

    def first_sighting(signature: str) -> bool:
        return bool(signature) and claim_event(engine, f"sig:{signature}", "signature")

    return first_sighting


def health_route(method: str, headers: Headers, body: bytes) -> RouteResult:
    """`GET /healthz`: the process is up and serving."""
    return _json(200, {"ok": True})


def wait_for_slack(
    client: Any,
    readiness: Readiness,
    *,
    first_delay: float = 1.0,
    max_delay: float = 60.0,
    stop: threading.Event | None = None,
) -> threading.Thread:
    """Call auth.test until Slack answers, with backoff, on a daemon thread; one log line, not a traceback.

    Slack being unreachable at start (a network blip, an outage) must not kill `serve`: the server answers
    `/healthz` with "not ready" meanwhile, and Slack's requests are still acknowledged and stored as work.
    """
    from slack_sdk import WebClient

    stop = stop or threading.Event()
    quiet = logging.getLogger("salesos.slack-readiness")  # slack_sdk logs an ERROR per failed try: keep it to ours
    quiet.setLevel(logging.CRITICAL)
    probe = WebClient(token=client.token, base_url=client.base_url, logger=quiet)  # no retry handlers: we back off

    def run() -> None:
        delay, told = first_delay, False
        while not stop.is_set():
            try:
                probe.auth_test()
            except Exception as exc:
                readiness.reason = f"Slack unreachable: {type(exc).__name__}"
                if not told:
                    log.warning("Slack is unreachable (%s); retrying with backoff, /healthz says not ready", exc)
                    told = True
                stop.wait(delay)
                delay = min(max_delay, delay * 2)
                continue
            if told:
                log.info("Slack is reachable again: ready")
            readiness.set_ready()
            return

    thread = threading.Thread(target=run, name="salesos-slack-ready", daemon=True)
    thread.start()
    return thread


IDLE_TIMEOUT_SECONDS = 75
"""Keep-alive: longer than Slack's and load balancers' idle timeouts, so the server is never the one to cut first."""
GRACEFUL_STOP_SECONDS = 10
GC_HOLD_SECONDS = 2.0
"""Longest the cyclic collector is held while requests are open (see `SlackHTTPServer._enter`)."""
GC_SETTLE_SECONDS = 0.05
"""How long no request must have been open before the held collector runs (as the `AckGate` waits for work)."""
BACKLOG = 2048  # a burst of commands waits in the kernel instead of being dropped (SYN retries cost 1 s)
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
"""Every route sees every method and answers for itself (e.g. /intake's 405 with `Allow: POST`)."""


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes | None:
    """The raw body of a Starlette request, or None when it is larger than `limit` (`read_asgi_body`)."""
    return await read_asgi_body(request.scope, request.receive, limit)


async def read_asgi_body(scope: Any, receive: Any, limit: int = MAX_BODY_BYTES) -> bytes | None:
    """The raw body, or None when it is larger than `limit`, declared or counted as it streams in.

    Reading stops at the limit: a huge post costs nothing. A client gone before the end raises Starlette's
    `ClientDisconnect`, as `Request.stream` does.
    """
    declared = dict(scope["headers"]).get(b"content-length", b"")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def request_headers(request: Request) -> Headers:
    """Lower-case headers of a Starlette request (`scope_headers`)."""
    return scope_headers(request.scope)


def scope_headers(scope: Any) -> Headers:
    """Lower-case headers (the last of repeated ones), plus the client's address under `PEER_HEADER`."""
    headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
    client = scope.get("client")
    headers[PEER_HEADER] = client[0] if client else ""  # ours, overwriting any sent
    return headers


def _response(status: int, headers: Mapping[str, str], body: bytes) -> Response:
    return Response(content=body, status_code=status, headers=dict(headers))


def _plain_endpoint(path: str, route: Route, pool: Executor) -> Callable[[Request], Awaitable[Response]]:
    """A plain route as a Starlette endpoint: read the body on the loop, run the route on `pool`."""

    async def endpoint(request: Request) -> Response:
        body = await read_body(request)
        if body is None:
            return _response(*_json(413, {"error": "body too large"}))
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(pool, route, request.method, request_headers(request), body)
        except Exception:
            log.exception("%s %s failed", request.method, path)
            return _response(*_json(500, {"error": "internal error"}))
        return _response(*result)

    return endpoint


class SlackHTTPServer:
    """The HTTP-mode server: uvicorn serving a Starlette router, on a socket we bind (port 0, SO_REUSEPORT).

    A route is either a plain function `(method, headers, body) -> (status, headers, body)`, run on a thread pool
    (its own pool when listed in `isolated`, e.g. the website's /intake), or a `SlackEvents`, whose slash-command ack
    runs on the loop. uvicorn owns HTTP/1.1 (keep-alive, chunked bodies, pipelining, malformed requests);
    this class only composes, counts requests in flight for the `AckGate`, and starts and stops.
    """

    def __init__(
        self,
        host: str,
        port: int,
        routes: Mapping[str, Route | SlackEvents],
        *,
        workers: int = 32,
        gate: AckGate | None = None,
        reuse_port: bool = False,
        isolated: Mapping[str, int] | None = None,
    ) -> None:
        """Bind the socket now (so `url` is known before serving) and build the router; nothing is served yet."""
        import uvicorn
        from starlette.routing import Route as StarletteRoute
        from starlette.routing import Router

        self.routes = dict(routes)
        self.gate = gate
        self.timings: list[tuple[float, float]] | None = None
        """Set to a list to record (monotonic end, ms) of each request in the server (request in → answer sent)."""
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="salesos-http")
        # A route listed in `isolated` (the website's /intake) gets its own small pool: a burst of form posts then
        # queues behind itself, never in front of Slack's requests, which must be acknowledged within 3 s.
        self._route_pools = {
            path: ThreadPoolExecutor(max_workers=n, thread_name_prefix=f"salesos-{path.strip('/') or 'root'}")
            for path, n in (isolated or {}).items()
        }
        endpoints = [
            StarletteRoute(
                path,
                route.endpoint
                if isinstance(route, SlackEvents)
                else _plain_endpoint(path, route, self._route_pools.get(path, self._pool)),
                methods=ALL_METHODS,
            )
            for path, route in self.routes.items()
        ]

        async def not_found(scope: Any, receive: Any, send: Any) -> None:
            await JSONResponse({"error": f"no route {scope.get('path', '')}"}, status_code=404)(scope, receive, send)

        self._router = Router(endpoints, redirect_slashes=False, default=not_found)
        edge = self.routes.get(EVENTS_PATH)
        self._edge = edge if isinstance(edge, SlackEvents) and edge.edge_acks else None
        """The events route when it edge-acks slash commands: they are answered before the router (`edge_ack`)."""
        self._sock = socket.create_server((host, port), backlog=BACKLOG, reuse_port=reuse_port)
        self._address: tuple[str, int] = self._sock.getsockname()[:2]
        self._server = uvicorn.Server(
            uvicorn.Config(
                self._asgi,
                interface="asgi3",
                lifespan="off",
                log_config=None,  # the process's logging as configured; uvicorn's own chatter stays at WARNING
                log_level=logging.WARNING,
                access_log=False,
                backlog=BACKLOG,
                timeout_keep_alive=IDLE_TIMEOUT_SECONDS,
                timeout_graceful_shutdown=GRACEFUL_STOP_SECONDS,
                server_header=False,
                # the rate limits key on the socket's peer (`PEER_HEADER`): a client must not choose its own address
                # with X-Forwarded-For, even from loopback
                proxy_headers=False,
            )
        )
        self._done = threading.Event()
        self._in_flight = 0
        self._gc_held_since: float | None = None
        self._gc_release_pending = False
        self._last_leave = 0.0
        self.gc_settle = GC_SETTLE_SECONDS

    async def _asgi(self, scope: Any, receive: Any, send: Any) -> None:
        """The ASGI app: the router, with each request counted for the `AckGate` and the collector, optionally timed."""
        if scope["type"] != "http":
            await self._router(scope, receive, send)
            return
        if self.gate is not None:
            self.gate.enter()
        self._enter()
        started = time.perf_counter()
        try:
            if self._edge is not None and scope["path"] == EVENTS_PATH and scope["method"] == "POST":
                receive = await self._edge.edge_ack(scope, receive, send)
                if receive is None:
                    return
            await self._router(scope, receive, send)
        finally:
            self._leave()
            if self.gate is not None:
                self.gate.leave()
            if self.timings is not None:
                self.timings.append((time.monotonic(), (time.perf_counter() - started) * 1000))

    def _enter(self) -> None:
        """A request came in (on the loop's thread, so no lock): hold the cyclic garbage collector while any is open.

        A full collection holds the GIL for the whole heap (measured 100-150 ms once the copilot's caches are built,
        on the loaded 2-core machine) and, triggered mid-burst by any thread's allocations, stalls every ack at once.
        Held, it runs once no request has been open for `GC_SETTLE_SECONDS` (a burst's connections arrive spread out:
        released at the first moment none was open, a 28 ms collection ran in the middle of one); never held longer
        than `GC_HOLD_SECONDS` (a server that is never idle still collects). Reference counting frees everything else
        as usual.
        """
        self._in_flight += 1
        now = time.monotonic()
        if self._gc_held_since is None:
            if self._in_flight == 1 and gc.isenabled():
                gc.disable()
                self._gc_held_since = now
        elif now - self._gc_held_since > GC_HOLD_SECONDS:
            self._release_gc()

    def _leave(self) -> None:
        self._in_flight -= 1
        if self._in_flight == 0 and self._gc_held_since is not None:
            self._last_leave = time.monotonic()
            if not self._gc_release_pending:
                self._gc_release_pending = True
                asyncio.get_running_loop().call_later(self.gc_settle, self._release_gc_when_quiet)

    def _release_gc_when_quiet(self) -> None:
        self._gc_release_pending = False
        if self._gc_held_since is None or self._in_flight:
            return  # released already, or a request is open: its leaving looks again
        quiet = time.monotonic() - self._last_leave
        if quiet >= self.gc_settle:
            self._release_gc()
        else:
            self._gc_release_pending = True
            asyncio.get_running_loop().call_later(self.gc_settle - quiet, self._release_gc_when_quiet)

    def _release_gc(self) -> None:
        self._gc_held_since = None
        gc.enable()

    @property
    def server_address(self) -> tuple[str, int]:
        """(host, port) actually bound."""
        return self._address

    @property
    def url(self) -> str:
        """http://host:port of the server."""
        host, port = self.server_address
        return f"http://{host}:{port}"

    def serve_forever(self) -> None:
        """Serve until `shutdown()`, SIGTERM or Ctrl-C (uvicorn handles the signals in the main thread)."""
        self._done.clear()
        # Everything built at start-up (app, models, caches) lives for the whole process: move it out of the
        # collector's reach so a full collection in the middle of a burst does not stall every ack behind it.
        gc.freeze()
        try:
            self._server.run(sockets=[self._sock])
        finally:
            self._done.set()

    def start_background(self) -> threading.Thread:
        """Serve in a daemon thread (tests, benchmarks); stop with `shutdown()` + `server_close()`."""
        thread = threading.Thread(target=self.serve_forever, name="salesos-http-loop", daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.005)
        return thread

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop serving (thread- and signal-safe): finish the requests in flight; by default wait until stopped."""
        self._server.should_exit = True
        if wait and self._server.started:
            self._done.wait(GRACEFUL_STOP_SECONDS + 5)

    def server_close(self) -> None:
        """Release the socket and the worker threads."""
        self._sock.close()
        for pool in (self._pool, *self._route_pools.values()):
            pool.shutdown(wait=False, cancel_futures=True)
        for route in self.routes.values():
            if isinstance(route, SlackEvents):
                route.close()


def build_http_server(
    app: App,
    deps: BotDeps | None = None,
    *,
    signing_secret: str,
    host: str = "0.0.0.0",
    port: int = 3000,
    routes: Mapping[str, Route] | None = None,
    reuse_port: bool = False,
    isolated: Mapping[str, int] | None = None,
) -> SlackHTTPServer:
    """The HTTP-mode server: `/slack/events` → Bolt, `/healthz`, plus extra routes (e.g. the leads' `/intake`)."""
    if not signing_secret:
        raise ValueError("HTTP mode needs SLACK_SIGNING_SECRET: signature verification is always on")
    gate = deps.ack_gate if deps else None
    readiness = getattr(deps, "readiness", None) if deps else None
    table: dict[str, Route | SlackEvents] = {
        EVENTS_PATH: SlackEvents(
            app,
            signing_secret,
            edge_acks=(deps.edge_acks if deps else None) or None,
            gate=gate,
            deps=deps,
            team_id=deps.settings.slack_team_id if deps else None,
            replays=signature_memory(deps.engine) if deps else None,
        ),
        HEALTH_PATH: readiness.route if readiness is not None else health_route,
    }
    for path, route in (routes or {}).items():
        if path in table:
            raise ValueError(f"route {path} is already taken")
        table[path] = route
    if isolated is None and deps is not None and "/intake" in table:
        isolated = {"/intake": deps.settings.intake_workers}
    return SlackHTTPServer(host, port, table, gate=gate, reuse_port=reuse_port, isolated=isolated)


def build_socket_mode_handler(app: App, app_token: str) -> Any:
    """The Socket Mode handler (slack_sdk's built-in client; nothing extra to install). Building it is offline."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, app_token=app_token)


def extensions(settings: Settings, engine: Engine) -> tuple[list[Registrar], dict[str, Route]]:
    """Listeners and HTTP routes other modules add to `salesos serve`: add one line per module here.

    A registrar is `register(app, deps)` (`deps` carries settings, store and copilot); a route is
    `handler(method, headers, body) -> (status, headers, body)`, e.g. `{"/intake": intake_route(settings, engine)}`.
    """
    from bot.slack import calls_listeners, leads_listeners
    from bot.slack.intake import intake_route

    registrars: list[Registrar] = [
        calls_listeners.register,  # transcripts shared in DMs, "Draft follow-ups"
        leads_listeners.register,  # inbound leads: Assign to me, Disqualify, Open in HubSpot
    ]
    routes: dict[str, Route] = {"/intake": intake_route(settings, engine)}  # the website form
    return registrars, routes


@dataclass(frozen=True)
class Serving:
    """What `salesos serve` runs: the mode, the Bolt app, its handler or HTTP server, and the listeners' deps."""

    mode: str
    app: App
    runner: Any
    deps: BotDeps


def build_serving(
    settings: Settings,
    engine: Engine,
    *,
    client: Any = None,
    answer: Callable[..., Any] | None = None,
    host: str = "0.0.0.0",
    port: int | None = None,
    reuse_port: bool = False,
    readiness: Readiness | None = None,
) -> Serving:
    """Build the app and whatever serves it, without connecting (Socket Mode handler, or our HTTP server)."""
    from bot.slack.slack_app import create_app

    registrars, routes = extensions(settings, engine)
    # auth.test is not called while building: an unreachable Slack must not stop the server (see wait_for_slack)
    app, deps = create_app(
        settings, engine, client=client, answer=answer, registrars=registrars, token_verification=False
    )
    deps.readiness = readiness
    if settings.slack_app_token is not None:
        if routes:
            log.warning(
                "Socket Mode: HTTP routes %s are not served (set no SLACK_APP_TOKEN to serve them)", list(routes)
            )
        handler = build_socket_mode_handler(app, settings.slack_app_token.get_secret_value())
        return Serving("socket", app, handler, deps)
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    server = build_http_server(
        app,
        deps,
        signing_secret=secret,
        host=host,
        port=settings.slack_port if port is None else port,
        routes=routes,
        reuse_port=reuse_port,
    )
    return Serving("http", app, server, deps)


def build_runner(settings: Settings, engine: Engine, **kwargs: Any) -> tuple[str, App, Any]:
    """`build_serving` as ("socket", app, handler) or ("http", app, server)."""
    serving = build_serving(settings, engine, **kwargs)
    return serving.mode, serving.app, serving.runner


def run_until_stopped(mode: str, runner: Any) -> int:
    """Serve (Socket Mode handler or our HTTP server) until SIGTERM or Ctrl-C; 0 on a clean stop."""
    if mode == "socket":
        print("Sales OS is running in Socket Mode (SLACK_APP_TOKEN set): no public URL needed. Ctrl-C stops it.")
        runner.start()  # blocks; Ctrl-C stops it
        return 0
    print(
        f"Sales OS is listening in HTTP mode on {runner.url}{EVENTS_PATH} (health: {HEALTH_PATH}). Ctrl-C stops it.",
        flush=True,
    )
    return _serve_http(runner)


def _serve_http(runner: SlackHTTPServer) -> int:
    """Serve until SIGTERM or Ctrl-C, then release the socket."""

    def _stop(signum: int, _frame: Any) -> None:
        runner.shutdown(wait=False)  # just tell it

    if threading.current_thread() is threading.main_thread():
        # uvicorn catches SIGTERM while it serves and stops gracefully; after, it re-raises the signal to the handler
        # that was set before: this one, so a container stop ends the process with 0, not "killed by SIGTERM".
        signal.signal(signal.SIGTERM, _stop)
    try:
        runner.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        runner.server_close()
    return 0
