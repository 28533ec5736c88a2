"""Running the Slack app: Socket Mode when SLACK_APP_TOKEN is set, else our own small HTTP router.

The HTTP router (a `ThreadingHTTPServer`, one thread per request) owns the edge so other modules can add routes:
`POST /slack/events` goes to Bolt, `GET /healthz` answers liveness, and `routes={"/intake": handler}` adds more.
A route handler is `handler(method, headers, body) -> (status, headers, body)` with lower-case header names.

Edge rules: the Slack signature is checked here first (bad or missing → 401, timestamp older than 5 minutes → 401),
then by Bolt again; a signed but malformed or unknown payload is logged and answered 200, so Slack does not retry
something that will never parse; an exception never kills the server.
"""

from __future__ import annotations

import json
import logging
import signal
import threading
import time
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from sqlalchemy import Engine

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.slack_app import Registrar
    from settings import Settings

log = logging.getLogger(__name__)

Headers = dict[str, str]
RouteResult = tuple[int, Headers, bytes]
Route = Callable[[str, Headers, bytes], RouteResult]
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


def bolt_route(app: App, signing_secret: str) -> Route:
    """The `/slack/events` handler: verify, hand to Bolt, and turn unknown payloads into a logged 200."""
    from slack_bolt import BoltRequest

    def handle(method: str, headers: Headers, body: bytes) -> RouteResult:
        if method != "POST":
            return _json(405, {"error": "POST only"})
        problem = signature_problem(signing_secret, headers, body)
        if problem:
            log.warning("rejected %s request: %s", EVENTS_PATH, problem)
            return _json(401, {"error": "invalid request"})
        try:
            request = BoltRequest(
                body=body.decode("utf-8"),
                headers={k: [v] for k, v in headers.items()},
                mode="http",
            )
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

    return handle


def health_route(method: str, headers: Headers, body: bytes) -> RouteResult:
    """`GET /healthz`: the process is up and serving."""
    return _json(200, {"ok": True})


def _handler_class(routes: Mapping[str, Route]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "SalesOS"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib's name)
            log.debug("%s " + format, self.address_string(), *args)

        def _send(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
            self.send_response(status)
            for key, value in headers.items():
                if key.lower() not in ("content-length", "connection", "transfer-encoding"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _dispatch(self) -> None:
            path = urlparse(self.path).path
            headers = {k.lower(): v for k, v in self.headers.items()}
            length = int(headers.get("content-length") or 0)
            if length > MAX_BODY_BYTES:
                self.close_connection = True
                self._send(*_json(413, {"error": "body too large"}))
                return
            body = self.rfile.read(length) if length else b""
            route = routes.get(path)
            if route is None:
                self._send(*_json(404, {"error": f"no route {path}"}))
                return
            try:
                status, out_headers, out_body = route(self.command, headers, body)
            except Exception:
                log.exception("%s %s failed", self.command, path)
                status, out_headers, out_body = _json(500, {"error": "internal error"})
            self._send(status, out_headers, out_body)

        do_GET = do_POST = do_PUT = do_DELETE = _dispatch

    return Handler


class SlackHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server with our routes; `port=0` picks a free port (tests, benchmarks)."""

    daemon_threads = True
    request_queue_size = 512  # a burst of slash commands queues in the kernel instead of being refused

    def __init__(self, host: str, port: int, routes: Mapping[str, Route]) -> None:
        self.routes = dict(routes)
        super().__init__((host, port), _handler_class(self.routes))

    @property
    def url(self) -> str:
        """http://host:port of the server."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start_background(self) -> threading.Thread:
        """Serve in a daemon thread (tests, benchmarks); stop with `shutdown()` + `server_close()`."""
        thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, name="salesos-http", daemon=True
        )
        thread.start()
        return thread


def build_http_server(
    app: App, *, signing_secret: str, host: str = "0.0.0.0", port: int = 3000, routes: Mapping[str, Route] | None = None
) -> SlackHTTPServer:
    """The HTTP-mode server: `/slack/events` → Bolt, `/healthz`, plus extra routes (e.g. the leads' `/intake`)."""
    if not signing_secret:
        raise ValueError("HTTP mode needs SLACK_SIGNING_SECRET: signature verification is always on")
    table: dict[str, Route] = {EVENTS_PATH: bolt_route(app, signing_secret), HEALTH_PATH: health_route}
    for path, route in (routes or {}).items():
        if path in table:
            raise ValueError(f"route {path} is already taken")
        table[path] = route
    return SlackHTTPServer(host, port, table)


def build_socket_mode_handler(app: App, app_token: str) -> Any:
    """The Socket Mode handler (slack_sdk's built-in client; nothing extra to install). Building it is offline."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, app_token=app_token)


def extensions(settings: Settings, engine: Engine) -> tuple[list[Registrar], dict[str, Route]]:
    """Listeners and HTTP routes other modules add to `salesos serve`: add one line per module here.

    A registrar is `register(app)` (read `bot.slack_app.bot_deps(app)` for settings, store and copilot); a route is
    `handler(method, headers, body) -> (status, headers, body)`, e.g. `{"/intake": intake_route(settings, engine)}`.
    """
    from bot import leads_listeners
    from bot.intake import intake_route

    registrars: list[Registrar] = [leads_listeners.register]
    routes: dict[str, Route] = {"/intake": intake_route(settings, engine)}
    return registrars, routes


def build_runner(
    settings: Settings,
    engine: Engine,
    *,
    client: Any = None,
    answer: Callable[..., Any] | None = None,
    host: str = "0.0.0.0",
    port: int | None = None,
) -> tuple[str, App, Any]:
    """Build the app and whatever serves it, without connecting: ("socket", app, handler) or ("http", app, server)."""
    from bot.slack_app import create_app

    registrars, routes = extensions(settings, engine)
    app = create_app(settings, engine, client=client, answer=answer, registrars=registrars)
    if settings.slack_app_token is not None:
        if routes:
            log.warning(
                "Socket Mode: HTTP routes %s are not served (set no SLACK_APP_TOKEN to serve them)", list(routes)
            )
        return "socket", app, build_socket_mode_handler(app, settings.slack_app_token.get_secret_value())
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    server = build_http_server(
        app, signing_secret=secret, host=host, port=settings.slack_port if port is None else port, routes=routes
    )
    return "http", app, server


def serve(settings: Settings, engine: Engine) -> int:
    """Run the Slack app until interrupted (`salesos serve`)."""
    mode, _app, runner = build_runner(settings, engine)
    if mode == "socket":
        log.info("Sales OS: Socket Mode (SLACK_APP_TOKEN set): no public URL needed")
        runner.start()  # blocks; Ctrl-C stops it
        return 0
    log.info("Sales OS: HTTP mode on %s%s (and %s)", runner.url, EVENTS_PATH, HEALTH_PATH)

    def _stop(signum: int, _frame: Any) -> None:
        threading.Thread(target=runner.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, _stop)
    try:
        runner.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        runner.server_close()
    return 0
