"""Signed Slack requests, the way Slack sends them: slash commands, Events API callbacks, interactivity payloads.

Used by the Slack app tests and `benchmarks/slack_ack.py` to talk to the real HTTP-mode server over loopback.
"""

from __future__ import annotations

import http.client
import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode, urlparse

from slack_sdk.signature import SignatureVerifier

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
_ids = itertools.count(1)


def signed_headers(secret: str, body: str, *, timestamp: int | None = None, content_type: str = FORM) -> dict[str, str]:
    """Headers Slack sends with a body: content type, timestamp and v0 signature."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(secret).generate_signature(timestamp=ts, body=body) or "",
    }


def post_raw(
    url: str, body: str | bytes, headers: dict[str, str], timeout: float = 10.0
) -> tuple[int, dict[str, str], str]:
    """POST to the server; returns (status, headers, body text)."""
    parts = urlparse(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("POST", parts.path or "/", body=body, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
    finally:
        conn.close()


def post_signed(
    url: str,
    secret: str,
    body: str,
    *,
    content_type: str = FORM,
    timestamp: int | None = None,
    extra_headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], str]:
    """POST a correctly signed body (unless `timestamp` makes it stale)."""
    headers = signed_headers(secret, body, timestamp=timestamp, content_type=content_type)
    return post_raw(url, body, {**headers, **(extra_headers or {})})


def slash_command(
    text: str, *, user: str, channel: str = "C0SALES", response_url: str, command: str = "/salesos"
) -> str:
    """A slash command body (form-encoded)."""
    return urlencode(
        {
            "token": "deprecated",
            "team_id": "T0SALESOS",
            "team_domain": "salesos-test",
            "channel_id": channel,
            "channel_name": "directmessage" if channel.startswith("D") else "sales",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "api_app_id": "A0SALESOS",
            "response_url": response_url,
            "trigger_id": f"trigger.{next(_ids)}",
        }
    )


def event_callback(event: dict[str, Any], *, event_id: str | None = None) -> str:
    """An Events API delivery (JSON)."""
    return json.dumps(
        {
            "token": "deprecated",
            "team_id": "T0SALESOS",
            "api_app_id": "A0SALESOS",
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_ids):08d}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": "T0SALESOS", "user_id": "UBOT", "is_bot": True}],
            "event": event,
        }
    )


def block_action(
    action_id: str,
    value: str,
    *,
    user: str,
    channel: str | None,
    message_ts: str | None,
    response_url: str,
    view: dict[str, Any] | None = None,
) -> str:
    """A block_actions interactivity payload (form-encoded `payload=`)."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": "T0SALESOS", "domain": "salesos-test"},
        "user": {"id": user, "username": user.lower(), "team_id": "T0SALESOS"},
        "api_app_id": "A0SALESOS",
        "token": "deprecated",
        "trigger_id": f"trigger.{next(_ids)}",
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b1",
                "value": value,
                "text": {"type": "plain_text", "text": action_id},
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    if channel:
        payload["channel"] = {"id": channel, "name": "directmessage"}
        payload["container"] = {"type": "message", "message_ts": message_ts, "channel_id": channel}
        payload["message"] = {"type": "message", "ts": message_ts, "text": "draft"}
        payload["response_url"] = response_url
    if view is not None:
        payload["view"] = view
        payload["container"] = {"type": "view", "view_id": view.get("id", "V1")}
    return urlencode({"payload": json.dumps(payload)})


def view_submission(
    callback_id: str, values: dict[str, dict[str, Any]], *, user: str, private_metadata: str = ""
) -> str:
    """A view_submission payload (form-encoded `payload=`)."""
    payload = {
        "type": "view_submission",
        "team": {"id": "T0SALESOS", "domain": "salesos-test"},
        "user": {"id": user, "username": user.lower(), "team_id": "T0SALESOS"},
        "api_app_id": "A0SALESOS",
        "token": "deprecated",
        "trigger_id": f"trigger.{next(_ids)}",
        "view": {
            "id": f"V{next(_ids)}",
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": private_metadata,
            "state": {"values": values},
            "hash": "h",
        },
    }
    return urlencode({"payload": json.dumps(payload)})
