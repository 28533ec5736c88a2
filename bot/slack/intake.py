"""POST /intake: the website form's way in. Authenticate, size-check, parse, validate, then hand over to intake.

The HTTP-mode server (`bot/slack/server.py`) mounts `handle_intake` at POST /intake; it is a plain function of
`(method, headers, body)` so it runs the same behind any server. Every refusal is a 4xx JSON answer that says what to
fix and names the field; nothing is stored unless the whole lead is valid (one transaction in `intake_lead`).

Authentication: `X-SalesOS-Timestamp: <unix seconds>` and `X-SalesOS-Signature: v1=<hex HMAC-SHA256>` computed with
INTAKE_SECRET over `timestamp + "." + raw body` (Slack's scheme). Timestamps more than five minutes from our clock are
refused, so a captured request cannot be replayed later. Without INTAKE_SECRET the endpoint refuses everything (503):
an open endpoint would let anyone write leads into the CRM.
"""

from __future__ import annotations

import collections
import hashlib
import hmac
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from pydantic import ValidationError
from sqlalchemy import Engine

from tools.leads.form import LeadIn, validation_errors
from tools.leads.intake import IntakeResult, intake_lead

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
SIGNATURE_HEADER = "x-salesos-signature"
TIMESTAMP_HEADER = "x-salesos-timestamp"
MAX_CLOCK_SKEW_SECONDS = 300
JSON_TYPES = ("application/json",)
FORM_TYPES = ("application/x-www-form-urlencoded",)
SERVER_OWNED_FIELDS = ("hubspot_id", "submitted_at")

Answer = tuple[int, dict[str, str], bytes]
Notify = Callable[[IntakeResult], None]


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The `X-SalesOS-Signature` value for a body: `v1=` + hex HMAC-SHA256 over `timestamp.body`."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def signed_headers(
    secret: str, body: bytes, *, content_type: str = "application/json", now: float | None = None
) -> dict[str, str]:
    """Headers a client (the website, tests) sends with a signed body."""
    timestamp = str(int(now if now is not None else time.time()))
    return {
        "Content-Type": content_type,
        "X-SalesOS-Timestamp": timestamp,
        "X-SalesOS-Signature": sign(secret, timestamp, body),
    }


def _json(status: int, payload: dict[str, Any], extra: dict[str, str] | None = None) -> Answer:
    body = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json; charset=utf-8", **(extra or {})}
    return status, headers, body


def _error(status: int, error: str, message: str, **more: Any) -> Answer:
    return _json(status, {"ok": False, "error": error, "message": message, **more})


def _check_signature(secret: str, headers: Mapping[str, str], body: bytes, now: float) -> Answer | None:
    timestamp = headers.get(TIMESTAMP_HEADER, "")
    signature = headers.get(SIGNATURE_HEADER, "")
    if not timestamp or not signature:
        return _error(401, "unauthenticated", "send X-SalesOS-Timestamp and X-SalesOS-Signature (v1=<hmac-sha256>)")
    try:
        sent_at = int(timestamp)
    except ValueError:
        return _error(401, "bad_timestamp", "X-SalesOS-Timestamp must be unix seconds")
    if abs(now - sent_at) > MAX_CLOCK_SKEW_SECONDS:
        return _error(401, "stale_timestamp", "X-SalesOS-Timestamp is more than 5 minutes from the server's clock")
    if not hmac.compare_digest(sign(secret, timestamp, body), signature.strip()):
        return _error(401, "bad_signature", "X-SalesOS-Signature does not match the body")
    return None


def _parse(content_type: str, body: bytes) -> dict[str, Any] | Answer:
    media = content_type.split(";", 1)[0].strip().lower()
    if media not in JSON_TYPES + FORM_TYPES:
        return _error(
            415, "unsupported_media_type", "send application/json or application/x-www-form-urlencoded", got=media
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _error(400, "malformed", "the body is not UTF-8")
    if media in JSON_TYPES:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return _error(400, "malformed", f"the body is not valid JSON ({exc.msg} at line {exc.lineno})")
        if not isinstance(data, dict):
            return _error(400, "malformed", "the body must be a JSON object of lead fields")
        return data
    try:
        parsed = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text), max_num_fields=100)
    except ValueError as exc:
        return _error(400, "malformed", f"the form body is not valid ({exc})")
    repeated = sorted(k for k, v in parsed.items() if len(v) > 1)
    if repeated:
        # the same shape as a 422's fields (docs/intake-openapi.yaml; schemathesis found a bare list of names here)
        fields = [{"field": name, "message": "may appear once"} for name in repeated]
        return _error(400, "malformed", "each field may appear once", fields=fields)
    return {k: v[0] for k, v in parsed.items()}


def handle_intake(
    method: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    engine: Engine,
    settings: Settings,
    notify: Notify | None = None,
    now: Callable[[], float] = time.time,
) -> Answer:
    """Answer one request to /intake: 201 with the score, 200 for a duplicate, or a 4xx saying what is wrong.

    Args:
        method: HTTP method.
        headers: Request headers (any case).
        body: The raw body, as signed.
        engine: The store.
        settings: INTAKE_SECRET and the scoring settings.
        notify: Called with the result after a NEW lead is stored (posts to Slack, writes back to HubSpot). Its
            failure is logged and does not change the answer: the lead is stored and can be re-posted.
        now: Clock in unix seconds (tests).
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    if method.upper() != "POST":
        return _json(405, {"ok": False, "error": "method_not_allowed", "message": "use POST"}, {"Allow": "POST"})
    if settings.intake_secret is None or not settings.intake_secret.get_secret_value():
        return _error(503, "not_configured", "intake is switched off: set INTAKE_SECRET on the server")
    declared = lowered.get("content-length", "")
    if len(body) > MAX_BODY_BYTES or (declared.isdigit() and int(declared) > MAX_BODY_BYTES):
        return _error(413, "too_large", f"the body must be at most {MAX_BODY_BYTES // 1024} KB")
    refused = _check_signature(settings.intake_secret.get_secret_value(), lowered, body, now())
    if refused is not None:
        return refused
    data = _parse(lowered.get("content-type", ""), body)
    if isinstance(data, tuple):
        return data
    for field in SERVER_OWNED_FIELDS:  # set by us (HubSpot sync, the clock), never by whoever posts the form
        data.pop(field, None)
    try:
        lead_in = LeadIn.model_validate(data)
    except ValidationError as exc:
        return _error(422, "invalid_fields", "some fields are missing or invalid", fields=validation_errors(exc))
    try:
        result = intake_lead(engine, lead_in, source="web_form", settings=settings)
    except Exception:
        # The store (or the model) failed: nothing was committed, so the sender can retry safely.
        incident = uuid.uuid4().hex[:12]
        log.exception("intake failed (incident %s)", incident)
        return _json(
            503,
            {"ok": False, "error": "unavailable", "message": "try again shortly", "incident": incident},
            {"Retry-After": "30"},
        )
    if result.created and notify is not None:
        try:
            notify(result)
        except Exception:
            log.exception("lead %s stored but its Slack/HubSpot notification failed", result.lead_id)
    return _json(201 if result.created else 200, {"ok": True, **result.as_dict()})


PEER_HEADER = "x-salesos-peer"
"""The client's address, set by the HTTP server (`bot/slack/server.py`), never taken from the request."""


class RateLimit:
    """At most `per_minute` requests per source in any sliding minute (one process's view; thread-safe)."""

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        """Allow `per_minute` requests per source."""
        self.per_minute, self.clock = per_minute, clock
        self._seen: dict[str, collections.deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, source: str) -> int:
        """Count a request; 0 when allowed, else the seconds to wait before the next one is."""
        now = self.clock()
        with self._lock:
            if len(self._seen) > 10_000:  # many sources: forget the idle ones, so memory stays bounded
                self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > now - 60}
            times = self._seen.setdefault(source, collections.deque())
            while times and times[0] <= now - 60:
                times.popleft()
            if len(times) >= self.per_minute:
                return max(1, int(times[0] + 60 - now) + 1)
            times.append(now)
            return 0


def warm_up_scorer(engine: Engine, settings: Settings) -> threading.Thread:
    """Load (or train) the lead model in the background, so the first form post does not wait for scikit-learn."""
    from tools.leads.scorer import load_scorer

    def run() -> None:
        try:
            load_scorer(engine, settings)
        except Exception:  # the first intake will try again and answer for itself
            log.warning("warming up the lead scorer failed", exc_info=True)

    thread = threading.Thread(target=run, name="salesos-lead-scorer-warmup", daemon=True)
    thread.start()
    return thread


def intake_route(
    settings: Settings, engine: Engine, *, client: Any = None, warm_up: bool = True
) -> Callable[[str, dict[str, str], bytes], Answer]:
    """The `/intake` route for `bot/slack/server.py`: `handle_intake` with a notifier that posts to Slack.

    Args:
        settings: Sales OS settings.
        engine: The store.
        client: Slack Web API client; default the bot token against SLACK_API_URL (none → leads are stored, not posted).
        warm_up: Load or train the lead model in the background now (`salesos serve`), not on the first post.
    """
    from bot.slack.leads_listeners import make_intake_notifier

    if warm_up and settings.intake_secret is not None:
        warm_up_scorer(engine, settings)

    if client is None and settings.slack_bot_token is not None:
        from bot.slack.deps import build_web_client

        client = build_web_client(settings)
    notify = make_intake_notifier(client, engine, settings) if client is not None else None
    limit = RateLimit(settings.intake_rate_per_minute)

    def route(method: str, headers: dict[str, str], body: bytes) -> Answer:
        source = headers.get(PEER_HEADER, "")
        wait = limit.hit(source)
        if wait:
            log.warning("intake: %s over %s posts/minute, refused", source, settings.intake_rate_per_minute)
            return _json(
                429,
                {"ok": False, "error": "rate_limited", "message": "too many posts from this address; retry later"},
                {"Retry-After": str(wait)},
            )
        return handle_intake(method, headers, body, engine=engine, settings=settings, notify=notify)

    return route
