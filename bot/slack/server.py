"""Running the Slack app: Socket Mode when SLACK_APP_TOKEN is set, else our own small HTTP router.

The HTTP router (`SlackHTTPServer`, a small asyncio HTTP/1.1 server) owns the edge so other modules can add routes:
`POST /slack/events` goes to Bolt, `GET /healthz` answers liveness, and `routes={"/intake": handler}` adds more.
A route handler is `handler(method, headers, body) -> (status, headers, body)` with lower-case header names.

Edge rules: the Slack signature is checked here first (bad or missing → 401, timestamp older than 5 minutes → 401),
then by Bolt again; a signed but malformed or unknown payload is logged and answered 200, so Slack does not retry
something that will never parse; an exception never kills the server.
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
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from hashlib import sha256
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlparse

from sqlalchemy import Engine

if TYPE_CHECKING:
    from slack_bolt import App

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
        form = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except (UnicodeDecodeError, ValueError):
        return None
    return form if "command" in form and "payload" not in form else None


class GroupWriter:
    """Stores the edge acks' work rows in batches: one transaction for all the commands that arrived meanwhile.

    Under a burst of 200 commands, one commit per ack would queue every ack behind 199 commits; grouped, the burst
    costs a few commits and each ack leaves as soon as the transaction holding its row is committed.
    """

    def __init__(self, engine: Engine) -> None:
        """Start the writer thread (a daemon: it holds no state a crash could lose that is not yet acknowledged)."""
        self.engine = engine
        self._queue: queue.SimpleQueue[tuple[str, str, dict[str, Any], Future[bool]]] = queue.SimpleQueue()
        threading.Thread(target=self._loop, name="salesos-work-writer", daemon=True).start()

    def submit(self, kind: str, key: str, payload: dict[str, Any]) -> Future[bool]:
        """Queue a row; the future says True once it is committed, False when its key was stored before (a replay)."""
        done: Future[bool] = Future()
        self._queue.put((kind, key, payload, done))
        return done

    def _loop(self) -> None:
        from store.work import enqueue_many

        while True:
            batch = [self._queue.get()]
            while len(batch) < 500:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                stored = enqueue_many(self.engine, [(kind, key, payload) for kind, key, payload, _ in batch])
            except Exception as exc:
                for *_, done in batch:
                    done.set_exception(exc)
                continue
            for (*_, done), new in zip(batch, stored, strict=True):
                done.set_result(new)


def bolt_route(
    app: App,
    signing_secret: str,
    *,
    edge_acks: Mapping[str, EdgeAck] | None = None,
    gate: AckGate | None = None,
    deps: BotDeps | None = None,
    team_id: str | None = None,
    replays: Callable[[str], bool] | None = None,
) -> Route:
    """The `/slack/events` handler: verify, hand to Bolt, and turn unknown payloads into a logged 200.

    Slash commands with an entry in `edge_acks` are acknowledged here, from the verified form alone, and handed to
    Bolt right after on one dispatcher thread (Bolt's own listener then acks into the void and defers the work). A
    full Bolt dispatch costs ~0.8 ms of CPU; under a burst of commands, taking it off the ack path is what keeps the
    acks fast (benchmarks/slack_ack.py). Events and interactivity always go through Bolt for their ack.
    """
    from slack_bolt import BoltRequest

    dispatcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="salesos-dispatch") if edge_acks else None
    writer = GroupWriter(deps.engine) if deps is not None and edge_acks else None

    def build_request(headers: Headers, body: bytes) -> BoltRequest:
        return BoltRequest(body=body.decode("utf-8"), headers={k: [v] for k, v in headers.items()}, mode="http")

    def dispatch_later(headers: Headers, body: bytes) -> None:
        if gate is not None:
            gate.wait_quiet()
        try:
            response = app.dispatch(build_request(headers, body))
            if response.status >= 400:
                log.warning("slash command dispatched after its edge ack answered %s", response.status)
        except Exception:
            log.exception("slash command could not be dispatched after its edge ack")

    def fast_path(method: str, headers: Headers, body: bytes) -> RouteResult | Future[Any] | None:
        """The edge ack of a verified slash command, or None to take the full (threaded) route."""
        if method != "POST" or not edge_acks or dispatcher is None:
            return None
        form = _slash_command_form(headers, body)
        if form is None or form["command"] not in edge_acks:
            return None
        if signature_problem(signing_secret, headers, body):
            return None  # the full route rejects it with 401 and logs why
        ack_body = edge_acks[form["command"]](form)
        work = deps.edge_work.get(form["command"]) if deps is not None else None
        durable = work(form) if work is not None else None
        if team_id and form.get("team_id") != team_id:
            return None  # the full route logs and drops it
        if durable is not None and writer is not None:  # stored before the ack: a crash now cannot lose it
            return _after_stored(writer.submit(*durable), headers, body, ack_body)
        if replays is not None and not replays(headers.get("x-slack-signature", "")):
            return _json(401, {"error": "invalid request"})
        dispatcher.submit(dispatch_later, headers, body)
        return _json(200, ack_body)

    def _after_stored(stored: Future[bool], headers: Headers, body: bytes, ack_body: dict[str, Any]) -> Future[Any]:
        """The ack, once the command's row is committed (the server awaits it without blocking its loop)."""
        answer: Future[Any] = Future()

        def settle(done: Future[bool]) -> None:
            try:
                new = done.result()
            except Exception:
                log.exception("could not store a slash command before its ack: taking the full route")
                answer.set_result(None)
                return
            if not new:  # the same trigger id again: a captured command replayed
                log.warning("replayed slash command refused (trigger id already handled)")
                answer.set_result(_json(401, {"error": "invalid request"}))
                return
            assert dispatcher is not None
            dispatcher.submit(dispatch_later, headers, body)
            answer.set_result(_json(200, ack_body))

        stored.add_done_callback(settle)
        return answer

    def handle(method: str, headers: Headers, body: bytes) -> RouteResult:
        if method != "POST":
            return _json(405, {"error": "POST only"})
        problem = signature_problem(signing_secret, headers, body)
        if problem:
            log.warning("rejected %s request: %s", EVENTS_PATH, problem)
            return _json(401, {"error": "invalid request"})
        answered = fast_path(method, headers, body)
        if isinstance(answered, Future):
            answered = answered.result(30)
        if answered is not None:
            return answered  # type: ignore[no-any-return]
        try:
            request = build_request(headers, body)
        except Exception as exc:  # malformed JSON / form / nesting, though correctly signed: Slack must not retry it
            log.warning("malformed Slack payload (%s): %.200r", type(exc).__name__, body)
            return 200, {}, b""
        problem = malformed(request.body)
        if problem:
            log.warning("signed Slack payload ignored (%s): %.200r", problem, body)
            return 200, {}, b""
        team = team_of(request.body)
        if team_id and team != team_id:
            log.warning("signed Slack payload from workspace %r refused: this app serves %s", team, team_id)
            return 200, {"x-slack-no-retry": "1"}, b""
        signature = headers.get("x-slack-signature", "")
        if replays is not None and not _is_event_retry(headers, request.body) and not replays(signature):
            log.warning("replayed Slack request refused (its signature was already used)")
            return _json(401, {"error": "invalid request"})
        try:
            response = app.dispatch(request)
        except Exception:  # Bolt chokes on some malformed shapes (e.g. block_actions without actions)
            log.exception("Slack payload type=%s could not be dispatched: answered 200", request.body.get("type"))
            return 200, {}, b""
        if response.status == 404:  # no listener for it: an event type or action we do not use
            log.info("unhandled Slack payload type=%s: answered 200", request.body.get("type"))
            return 200, {}, b""
        out_headers = {k: v[0] if isinstance(v, list) else str(v) for k, v in response.headers.items()}
        return response.status, out_headers, (response.body or "").encode("utf-8")

    handle.fast_path = fast_path  # type: ignore[attr-defined]  # SlackHTTPServer runs it inline on the loop
    return handle


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


_REASONS = {
    200: "OK",
    202: "Accepted",
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    411: "Length Required",
    413: "Payload Too Large",
    500: "Internal Server Error",
}
MAX_HEAD_BYTES = 64 * 1024
IDLE_TIMEOUT_SECONDS = 75
BODY_TIMEOUT_SECONDS = 30
BACKLOG = 2048  # a burst of commands waits in the kernel instead of being dropped (SYN retries cost 1 s)


class SlackHTTPServer:
    """Our HTTP/1.1 server: an asyncio loop that parses requests and answers, routes run on a thread pool.

    Why not `http.server.ThreadingHTTPServer`: it starts a thread per connection, and a burst of 200 slash commands
    then spends its time creating threads and passing the GIL around (measured: p99 230-450 ms for a route that
    returns a constant, against 90-135 ms for this loop on the same loaded two-core machine). Here one thread accepts
    and parses; a route's `fast_path(method, headers, body)` (the slash-command edge ack) runs inline when it answers,
    everything else runs on `workers` threads so a slow route never blocks the loop. Supports keep-alive and
    Content-Length bodies (what Slack sends); chunked bodies are refused with 411.
    """

    def __init__(
        self,
        host: str,
        port: int,
        routes: Mapping[str, Route],
        *,
        workers: int = 32,
        gate: AckGate | None = None,
        reuse_port: bool = False,
        isolated: Mapping[str, int] | None = None,
    ) -> None:
        self.routes = dict(routes)
        # A route listed in `isolated` (the website's /intake) gets its own small pool: a burst of form posts then
        # queues behind itself, never in front of Slack's requests, which must be acknowledged within 3 s.
        self._route_pools = {
            path: ThreadPoolExecutor(max_workers=n, thread_name_prefix=f"salesos-{path.strip('/') or 'root'}")
            for path, n in (isolated or {}).items()
        }
        self.gate = gate
        self.timings: list[tuple[float, float]] | None = None
        """Set to a list to record (monotonic end, ms) of each request in the server (head read → answer written)."""
        self._sock = socket.create_server((host, port), backlog=BACKLOG, reuse_port=reuse_port)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="salesos-http")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopped: asyncio.Event | None = None
        self._ready = threading.Event()
        self._done = threading.Event()

    @property
    def server_address(self) -> tuple[str, int]:
        """(host, port) actually bound."""
        host, port = self._sock.getsockname()[:2]
        return host, port

    @property
    def url(self) -> str:
        """http://host:port of the server."""
        host, port = self.server_address
        return f"http://{host}:{port}"

    # --- lifecycle ------------------------------------------------------------------------------------------------
    def serve_forever(self) -> None:
        """Serve until `shutdown()` (from another thread or a signal handler)."""
        self._done.clear()
        # Everything built at start-up (app, models, caches) lives for the whole process: move it out of the
        # collector's reach so a full collection in the middle of a burst does not stall every ack behind it.
        gc.freeze()
        try:
            asyncio.run(self._serve())
        finally:
            self._done.set()

    def start_background(self) -> threading.Thread:
        """Serve in a daemon thread (tests, benchmarks); stop with `shutdown()` + `server_close()`."""
        thread = threading.Thread(target=self.serve_forever, name="salesos-http-loop", daemon=True)
        thread.start()
        self._ready.wait(10)
        return thread

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop serving (thread-safe); by default wait until the loop has stopped (not from the loop's own thread)."""
        loop, stopped = self._loop, self._stopped
        if loop is None or stopped is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(stopped.set)
        if wait:
            self._done.wait(10)

    def server_close(self) -> None:
        """Release the socket and the worker threads."""
        self._sock.close()
        for pool in (self._pool, *self._route_pools.values()):
            pool.shutdown(wait=False, cancel_futures=True)

    async def _serve(self) -> None:
        self._loop, self._stopped = asyncio.get_running_loop(), asyncio.Event()
        # backlog again here: asyncio re-calls listen() on a given socket, with 100 unless told otherwise
        server = await asyncio.start_server(self._connection, sock=self._sock, limit=MAX_HEAD_BYTES, backlog=BACKLOG)
        self._ready.set()
        async with server:
            await self._stopped.wait()
        self._ready.clear()

    # --- HTTP -----------------------------------------------------------------------------------------------------
    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await self._one_request(reader, writer):
                pass
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, TimeoutError):
            pass
        except asyncio.CancelledError:
            # The server is stopping and cancels open connections: end this one quietly. Letting the task end
            # cancelled makes asyncio's stream callback log a traceback at every shutdown (Python 3.11).
            pass
        except Exception:
            log.exception("HTTP connection failed")
        finally:
            writer.close()
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await writer.wait_closed()

    async def _one_request(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Read, route and answer one request; True to keep the connection for the next."""
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), IDLE_TIMEOUT_SECONDS)
        except asyncio.IncompleteReadError as exc:
            if exc.partial.strip():
                log.debug("connection closed mid-request")
            return False
        lines = head.decode("latin-1").split("\r\n")
        try:
            method, target, version = lines[0].split(" ", 2)
        except ValueError:
            await self._write(writer, *_json(400, {"error": "bad request line"}), keep_alive=False)
            return False
        headers: Headers = {}
        for line in lines[1:]:
            if ":" in line:
                key, value = line.split(":", 1)
                headers[key.strip().lower()] = value.strip()
        peer = writer.get_extra_info("peername")
        headers[PEER_HEADER] = str(peer[0]) if peer else ""  # ours, overwriting any sent: per-source rate limits
        keep_alive = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
        if "chunked" in headers.get("transfer-encoding", "").lower():
            await self._write(writer, *_json(411, {"error": "Content-Length required"}), keep_alive=False)
            return False
        try:
            length = int(headers.get("content-length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY_BYTES:
            await self._write(
                writer, *_json(413 if length > 0 else 400, {"error": "bad body length"}), keep_alive=False
            )
            return False
        if self.gate is not None:
            self.gate.enter()
        started = time.perf_counter()
        try:
            if length and headers.get("expect", "").lower() == "100-continue":  # curl, for bodies over 1 KB
                writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            body = await asyncio.wait_for(reader.readexactly(length), BODY_TIMEOUT_SECONDS) if length else b""
            status, out_headers, out_body = await self._route(method.upper(), urlparse(target).path, headers, body)
            await self._write(writer, status, out_headers, out_body, keep_alive=keep_alive)
        finally:
            if self.gate is not None:
                self.gate.leave()
            if self.timings is not None:
                self.timings.append((time.monotonic(), (time.perf_counter() - started) * 1000))
        return keep_alive

    async def _route(self, method: str, path: str, headers: Headers, body: bytes) -> RouteResult:
        route = self.routes.get(path)
        if route is None:
            return _json(404, {"error": f"no route {path}"})
        try:
            fast_path = getattr(route, "fast_path", None)
            if fast_path is not None:
                answered = fast_path(method, headers, body)
                if isinstance(answered, Future):  # the ack waits for its durable row, the loop does not
                    answered = await asyncio.wrap_future(answered)
                if answered is not None:
                    return answered  # type: ignore[no-any-return]
            loop = asyncio.get_running_loop()
            pool = self._route_pools.get(path, self._pool)
            return await loop.run_in_executor(pool, route, method, headers, body)
        except Exception:
            log.exception("%s %s failed", method, path)
            return _json(500, {"error": "internal error"})

    @staticmethod
    async def _write(
        writer: asyncio.StreamWriter, status: int, headers: Mapping[str, str], body: bytes, *, keep_alive: bool
    ) -> None:
        lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Unknown')}"]
        lines += [
            f"{k}: {v}"
            for k, v in headers.items()
            if k.lower() not in ("content-length", "connection", "transfer-encoding")
        ]
        lines += [f"Content-Length: {len(body)}", "Connection: " + ("keep-alive" if keep_alive else "close")]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()


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
    table: dict[str, Route] = {
        EVENTS_PATH: bolt_route(
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
        runner.shutdown(wait=False)  # runs on the loop's own thread: just tell it

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)  # a container stop ends the server cleanly
    try:
        runner.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        runner.server_close()
    return 0
