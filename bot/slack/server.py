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
import json
import logging
import signal
import socket
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlparse

from sqlalchemy import Engine

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.slack.deps import AckGate, BotDeps, Registrar
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
MAX_CLOCK_SKEW_SECONDS = 60 * 5


def _json(status: int, payload: Any) -> RouteResult:
    return status, {"Content-Type": "application/json"}, json.dumps(payload).encode()


def signature_problem(
    signing_secret: str, headers: Mapping[str, str], body: bytes, now: float | None = None
) -> str | None:
    """Why a request is not validly signed by Slack, or None when it is."""
    from slack_sdk.signature import SignatureVerifier

    timestamp, signature = headers.get("x-slack-request-timestamp"), headers.get("x-slack-signature")
    if not timestamp or not signature:
        return "missing signature headers"
    if not timestamp.isdigit():
        return "malformed timestamp"
    if abs((now if now is not None else time.time()) - int(timestamp)) > MAX_CLOCK_SKEW_SECONDS:
        return "timestamp older than 5 minutes (replay?)"
    if not SignatureVerifier(signing_secret).is_valid(body=body, timestamp=timestamp, signature=signature):
        return "signature mismatch"
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


def bolt_route(
    app: App, signing_secret: str, *, edge_acks: Mapping[str, EdgeAck] | None = None, gate: AckGate | None = None
) -> Route:
    """The `/slack/events` handler: verify, hand to Bolt, and turn unknown payloads into a logged 200.

    Slash commands with an entry in `edge_acks` are acknowledged here, from the verified form alone, and handed to
    Bolt right after on one dispatcher thread (Bolt's own listener then acks into the void and defers the work). A
    full Bolt dispatch costs ~0.8 ms of CPU; under a burst of commands, taking it off the ack path is what keeps the
    acks fast (benchmarks/slack_ack.py). Events and interactivity always go through Bolt for their ack.
    """
    from slack_bolt import BoltRequest

    dispatcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="salesos-dispatch") if edge_acks else None

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

    def fast_path(method: str, headers: Headers, body: bytes) -> RouteResult | None:
        """The edge ack of a verified slash command, or None to take the full (threaded) route."""
        if method != "POST" or not edge_acks or dispatcher is None:
            return None
        form = _slash_command_form(headers, body)
        if form is None or form["command"] not in edge_acks:
            return None
        if signature_problem(signing_secret, headers, body):
            return None  # the full route rejects it with 401 and logs why
        ack_body = edge_acks[form["command"]](form)
        dispatcher.submit(dispatch_later, headers, body)
        return _json(200, ack_body)

    def handle(method: str, headers: Headers, body: bytes) -> RouteResult:
        if method != "POST":
            return _json(405, {"error": "POST only"})
        problem = signature_problem(signing_secret, headers, body)
        if problem:
            log.warning("rejected %s request: %s", EVENTS_PATH, problem)
            return _json(401, {"error": "invalid request"})
        answered = fast_path(method, headers, body)
        if answered is not None:
            return answered
        try:
            request = build_request(headers, body)
        except (ValueError, UnicodeDecodeError) as exc:  # malformed JSON / form body, though correctly signed
            log.warning("malformed Slack payload (%s): %.200r", exc, body)
            return 200, {}, b""
        if not isinstance(request.body, dict) or not request.body:
            log.warning("Slack payload without content: %.200r", body)
            return 200, {}, b""
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


def health_route(method: str, headers: Headers, body: bytes) -> RouteResult:
    """`GET /healthz`: the process is up and serving."""
    return _json(200, {"ok": True})


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
    ) -> None:
        self.routes = dict(routes)
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
        self._pool.shutdown(wait=False, cancel_futures=True)

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
        except Exception:
            log.exception("HTTP connection failed")
        finally:
            writer.close()
            with contextlib.suppress(Exception):
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
                if answered is not None:
                    return answered  # type: ignore[no-any-return]
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._pool, route, method, headers, body)
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
) -> SlackHTTPServer:
    """The HTTP-mode server: `/slack/events` → Bolt, `/healthz`, plus extra routes (e.g. the leads' `/intake`)."""
    if not signing_secret:
        raise ValueError("HTTP mode needs SLACK_SIGNING_SECRET: signature verification is always on")
    gate = deps.ack_gate if deps else None
    table: dict[str, Route] = {
        EVENTS_PATH: bolt_route(app, signing_secret, edge_acks=(deps.edge_acks if deps else None) or None, gate=gate),
        HEALTH_PATH: health_route,
    }
    for path, route in (routes or {}).items():
        if path in table:
            raise ValueError(f"route {path} is already taken")
        table[path] = route
    return SlackHTTPServer(host, port, table, gate=gate, reuse_port=reuse_port)


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


def build_runner(
    settings: Settings,
    engine: Engine,
    *,
    client: Any = None,
    answer: Callable[..., Any] | None = None,
    host: str = "0.0.0.0",
    port: int | None = None,
    reuse_port: bool = False,
) -> tuple[str, App, Any]:
    """Build the app and whatever serves it, without connecting: ("socket", app, handler) or ("http", app, server)."""
    from bot.slack.slack_app import create_app

    registrars, routes = extensions(settings, engine)
    app, deps = create_app(settings, engine, client=client, answer=answer, registrars=registrars)
    if settings.slack_app_token is not None:
        if routes:
            log.warning(
                "Socket Mode: HTTP routes %s are not served (set no SLACK_APP_TOKEN to serve them)", list(routes)
            )
        return "socket", app, build_socket_mode_handler(app, settings.slack_app_token.get_secret_value())
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
    return "http", app, server


def start_scheduler(settings: Settings, engine: Engine, client: Any) -> Any:
    """Start the scheduled jobs (`jobs.scheduler`) on this replica unless SCHEDULER_ENABLED=false; None if off.

    Every replica may run it: each job run claims its `(job, slot)` in the store first, so nothing is posted twice.
    """
    if not settings.scheduler_enabled:
        log.info("scheduler off on this replica (SCHEDULER_ENABLED=false)")
        return None
    from bot.slack.posting import lead_notifier, poster_from_settings
    from jobs.scheduler import build_scheduler, start

    scheduler = build_scheduler(
        settings,
        engine,
        poster=poster_from_settings(settings, client),
        notify_lead=lead_notifier(engine, settings, client),
    )
    start(scheduler)
    return scheduler


def serve(settings: Settings, engine: Engine) -> int:
    """Run the Slack app and the scheduled jobs until interrupted (`salesos serve`)."""
    if settings.slack_app_token is None and settings.slack_http_workers > 1:
        return _serve_workers(settings)
    mode, app, runner = build_runner(settings, engine)
    return _run_with_scheduler(settings, engine, app, mode, runner)


def _run_with_scheduler(settings: Settings, engine: Engine, app: App, mode: str, runner: Any) -> int:
    scheduler = start_scheduler(settings, engine, app.client)
    from jobs.scheduler import describe_schedule

    jobs = describe_schedule(scheduler, settings) if scheduler is not None else "scheduler off (SCHEDULER_ENABLED)"
    print(f"Jobs: {jobs}. `salesos jobs` shows their next runs.", flush=True)
    try:
        return _run(mode, runner)
    finally:
        if scheduler is not None:
            from jobs.scheduler import shutdown

            shutdown(scheduler)  # lets a running job finish: no half-posted digest


def _run(mode: str, runner: Any) -> int:
    if mode == "socket":
        print("Sales OS is running in Socket Mode (SLACK_APP_TOKEN set): no public URL needed. Ctrl-C stops it.")
        runner.start()  # blocks; Ctrl-C stops it
        return 0
    print(
        f"Sales OS is listening in HTTP mode on {runner.url}{EVENTS_PATH} (health: {HEALTH_PATH}). Ctrl-C stops it.",
        flush=True,
    )
    return _serve_http(runner)


def _serve_worker(settings: Settings, index: int) -> None:
    """One of several HTTP-mode processes sharing the port; each has its own app, store connections and pools."""
    from store.db import open_engine

    logging.basicConfig(level=settings.log_level, format=f"%(asctime)s %(levelname)s w{index} %(name)s: %(message)s")
    engine = open_engine(settings.database_url)
    mode, app, runner = build_runner(settings, engine, reuse_port=True)
    if index == 0:  # one scheduler per machine is enough (its claims would make more harmless, not useful)
        _run_with_scheduler(settings, engine, app, mode, runner)
    else:
        _serve_http(runner)


def _serve_workers(settings: Settings) -> int:
    """HTTP mode with SLACK_HTTP_WORKERS processes on one port (SO_REUSEPORT: the kernel spreads the connections).

    Replicas on one machine are safe for the same reasons replicas on several are: event de-duplication, draft
    decisions and write-backs are settled in the shared store, never in a process's memory.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    workers = [
        ctx.Process(target=_serve_worker, args=(settings, i), name=f"salesos-http-{i}", daemon=False)
        for i in range(settings.slack_http_workers)
    ]
    for worker in workers:
        worker.start()
    log.info("Sales OS: HTTP mode, %d processes on port %s%s", len(workers), settings.slack_port, EVENTS_PATH)

    def _stop(signum: int, _frame: Any) -> None:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()  # SIGTERM: each worker stops its loop and exits cleanly

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
    try:
        for worker in workers:
            worker.join()
    except KeyboardInterrupt:
        _stop(signal.SIGINT, None)
        for worker in workers:
            worker.join(10)
    return 0 if all(w.exitcode in (0, -signal.SIGTERM) for w in workers) else 1


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
