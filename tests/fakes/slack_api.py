"""A local Slack Web API on loopback that answers like Slack and records every call.

Point a real `slack_sdk.WebClient(base_url=server.api_url)` (or Bolt's `client=`) at it. Every call is recorded with
its method and parsed arguments; `response_url` POSTs (`/respond/<id>`) and file uploads are recorded too. Failures
can be scripted per method (`fail_next`), e.g. a 429 with Retry-After, to test our retries.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.fakes.slack_limits import payload_violations


@dataclass
class SlackCall:
    """One request the fake received."""

    method: str
    args: dict[str, Any]
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)


@dataclass
class SlackUserRecord:
    """A user of the fake workspace."""

    id: str
    email: str
    name: str
    tz: str = "America/New_York"
    is_admin: bool = False


def _parse_body(content_type: str, raw: bytes) -> dict[str, Any]:
    if not raw:
        return {}
    if "application/json" in content_type:
        return json.loads(raw)
    if "application/x-www-form-urlencoded" in content_type:
        parsed = {k: v[0] if len(v) == 1 else v for k, v in parse_qs(raw.decode()).items()}
        for key in ("blocks", "attachments", "view", "metadata"):
            if isinstance(parsed.get(key), str):
                with contextlib.suppress(json.JSONDecodeError):
                    parsed[key] = json.loads(parsed[key])
        return parsed
    return {"_raw": raw}


class FakeSlackAPI:
    """The fake server. Use as a context manager, or `start()`/`stop()`."""

    def __init__(
        self, users: list[SlackUserRecord] | None = None, team_id: str = "T0SALESOS", *, check_limits: bool = True
    ) -> None:
        self.team_id = team_id
        self.check_limits = check_limits
        self.violations: list[tuple[str, str]] = []
        """(method, what Slack would reject) for every payload over Block Kit's limits (answered `invalid_blocks`)."""
        self.users = {u.id: u for u in users or []}
        self.usergroups: dict[str, list[str]] = {}
        self.calls: list[SlackCall] = []
        self.history: dict[str, list[dict[str, Any]]] = {}
        """Messages posted per channel, newest last: what conversations.history answers."""
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._failures: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # --- lifecycle --------------------------------------------------------------------------------------------
    def start(self) -> FakeSlackAPI:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeSlackAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:port"""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        """The Web API base URL, for `WebClient(base_url=...)`."""
        return self.base_url + "/api/"

    def response_url(self, key: str = "r1") -> str:
        """A `response_url` that the fake records posts to."""
        return f"{self.base_url}/respond/{key}"

    # --- scripting and inspection ----------------------------------------------------------------------------
    def fail_next(
        self,
        method: str,
        *,
        status: int = 200,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls of `method` answer `status` with `body` (default: Slack's error shape)."""
        body = body or {"ok": False, "error": "ratelimited" if status == 429 else "internal_error"}
        with self._lock:
            self._failures.setdefault(method, []).extend([(status, body, headers or {})] * times)

    def calls_to(self, method: str) -> list[SlackCall]:
        """Recorded calls of one method, in order."""
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[SlackCall]:
        """Wait until `method` was called `count` times (lazy listeners post from a background thread)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            time.sleep(0.01)
        raise AssertionError(f"{method} called {len(self.calls_to(method))} times, expected {count}: {self.methods()}")

    def methods(self) -> list[str]:
        """The methods called so far, in order."""
        with self._lock:
            return [c.method for c in self.calls]

    # --- Slack's answers ---------------------------------------------------------------------------------------
    def _next_ts(self) -> str:
        return f"{1_700_000_000 + next(self._ts)}.000100"

    def _user_payload(self, user: SlackUserRecord) -> dict[str, Any]:
        return {
            "id": user.id,
            "team_id": self.team_id,
            "name": user.name,
            "real_name": user.name,
            "tz": user.tz,
            "is_admin": user.is_admin,
            "is_bot": False,
            "profile": {"email": user.email, "real_name": user.name},
        }

    def answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        """Slack's success answer for `method`."""
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://salesos-test.slack.com/",
                "team": "Sales OS Test",
                "user": "salesos",
                "team_id": self.team_id,
                "user_id": "UBOT",
                "bot_id": "BBOT",
            }
        if method in ("chat.postMessage", "chat.scheduleMessage"):
            ts = self._next_ts()
            metadata = args.get("metadata")
            metadata = json.loads(metadata) if isinstance(metadata, str) else metadata
            message = {"type": "message", "text": args.get("text"), "ts": ts, "bot_id": "BBOT"}
            if metadata:
                message["metadata"] = metadata
            with self._lock:
                self.history.setdefault(str(args.get("channel")), []).append(message)
            return {
                "ok": True,
                "channel": args.get("channel"),
                "ts": ts,
                "message": {"text": args.get("text"), "ts": ts, "blocks": args.get("blocks")},
            }
        if method == "chat.update":
            return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts"), "text": args.get("text")}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method in ("views.publish", "views.open", "views.update", "views.push"):
            return {"ok": True, "view": {"id": f"V{next(self._ts)}", **(args.get("view") or {})}}
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            return {"ok": True, "user": self._user_payload(user)} if user else {"ok": False, "error": "user_not_found"}
        if method == "users.lookupByEmail":
            match = [u for u in self.users.values() if u.email.lower() == str(args.get("email", "")).lower()]
            return (
                {"ok": True, "user": self._user_payload(match[0])}
                if match
                else {"ok": False, "error": "users_not_found"}
            )
        if method == "usergroups.users.list":
            return {"ok": True, "users": self.usergroups.get(str(args.get("usergroup")), [])}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(args.get("users", "X")).replace(",", "")}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts)}"
            return {"ok": True, "upload_url": f"{self.base_url}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = args.get("files")
            files = json.loads(files) if isinstance(files, str) else files or []
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method == "conversations.history":  # newest first; metadata only with include_all_metadata, as Slack does
            with self._lock:
                found = list(reversed(self.history.get(str(args.get("channel")), [])))[: int(args.get("limit") or 100)]
            if str(args.get("include_all_metadata")).lower() not in ("true", "1"):
                found = [{k: v for k, v in m.items() if k != "metadata"} for m in found]
            return {"ok": True, "messages": found, "has_more": False}
        if method == "reactions.add":
            return {"ok": True}
        return {"ok": True}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _reply(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                path = urlparse(self.path).path
                headers = {k.lower(): v for k, v in self.headers.items()}
                if path.startswith("/api/"):
                    method = path.removeprefix("/api/")
                    args = _parse_body(headers.get("content-type", ""), raw)
                    args.update({k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()})
                elif path.startswith("/respond/"):
                    method, args = (
                        "response_url",
                        {"key": path.removeprefix("/respond/"), **_parse_body(headers.get("content-type", ""), raw)},
                    )
                elif path.startswith("/upload/"):
                    method, args = "file_upload", {"file_id": path.removeprefix("/upload/"), "bytes": len(raw)}
                else:
                    self._reply(404, {"ok": False, "error": "unknown_path"})
                    return
                problems = payload_violations(method, args) if fake.check_limits else []
                with fake._lock:
                    fake.calls.append(SlackCall(method=method, args=args, headers=headers))
                    fake.violations += [(method, p) for p in problems]
                    failure = fake._failures.get(method, [])
                    scripted = failure.pop(0) if failure else None
                if problems:  # what Slack does with blocks over the limits
                    self._reply(200, {"ok": False, "error": "invalid_blocks", "errors": problems})
                    return
                if scripted:
                    self._reply(*scripted)
                    return
                self._reply(200, fake.answer(method, args))

            do_GET = do_POST

        return Handler
