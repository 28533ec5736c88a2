"""Fuzzing the HTTP edges through the real server on loopback: random Slack and /intake requests never get a 5xx, a
bad signature is always 401, and /intake answers as its published OpenAPI description (docs/intake-openapi.yaml)
says, checked by schemathesis. Servers are started the way the other HTTP tests start them (tests/slack_harness.py,
tests/test_intake_http.py), so these keep working whichever HTTP server serves them."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from functools import partial
from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import checks

from bot.slack.intake import handle_intake, sign
from settings import Settings
from tests.fakes.slack_requests import post_raw
from tests.slack_harness import SECRET as SLACK_SECRET
from tests.slack_harness import running
from tests.test_intake_http import LEAD, IntakeServer

INTAKE_SECRET = "fuzz-secret"
SPEC = Path(__file__).resolve().parents[1] / "docs" / "intake-openapi.yaml"

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
slack_json = st.fixed_dictionaries(
    {"type": st.sampled_from(["event_callback", "url_verification", "block_actions", "nonsense"])},
    optional={
        "event": json_value,
        "team_id": st.text(max_size=12),
        "team": json_value,
        "event_id": st.text(max_size=12),
        "challenge": json_value,
        "user": json_value,
        "actions": json_value,
    },
)
bodies = st.one_of(
    st.binary(max_size=300),
    json_value.map(lambda v: json.dumps(v).encode()),
    slack_json.map(lambda v: json.dumps(v).encode()),
    st.dictionaries(st.sampled_from(["payload", "command", "text", "user_id", "team_id"]), st.text(max_size=40)).map(
        lambda d: "&".join(f"{k}={v}" for k, v in d.items()).encode("utf-8", "surrogatepass")
    ),
    json_value.map(lambda v: b"payload=" + json.dumps(v).encode()),
)
content_types = st.sampled_from(
    ["application/json", "application/x-www-form-urlencoded", "text/plain", "", "application/json; charset=latin-1"]
)


def slack_signed(body: bytes, content_type: str, secret: str = SLACK_SECRET) -> dict[str, str]:
    ts = str(int(time.time()))
    mac = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    headers = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + mac}
    if content_type:
        headers["Content-Type"] = content_type
    return headers


@pytest.fixture
def slack(sqlite_engine):
    with running(sqlite_engine) as harness:
        yield harness


@given(body=bodies, content_type=content_types)
@example(body=b"payload=[]", content_type="application/x-www-form-urlencoded")
@example(body=b'{"type": "event_callback", "event": "x"}', content_type="application/json")
@example(body=b"\xff\xfe\x00", content_type="application/json")
@example(body=b"[" * 500 + b"]" * 500, content_type="application/json")
@example(body=b'{"type":"block_actions","actions":[null]}', content_type="application/json")  # was a 500
def test_signed_slack_bodies_never_get_a_server_error(slack, body, content_type):
    status, _, _ = post_raw(slack.url, body, slack_signed(body, content_type))
    assert status < 500, (status, body[:80])


@given(body=bodies, content_type=content_types, wrong=st.sampled_from(["secret", "missing", "stale", "garbage"]))
@example(body=b"\xff\xfe", content_type="application/json", wrong="secret")
def test_a_bad_slack_signature_is_always_401(slack, body, content_type, wrong):
    headers = slack_signed(body, content_type, secret="not-the-secret")
    if wrong == "missing":
        headers.pop("X-Slack-Signature")
    elif wrong == "stale":
        headers = slack_signed(body, content_type)
        headers["X-Slack-Request-Timestamp"] = str(int(time.time()) - 3600)
    elif wrong == "garbage":
        headers["X-Slack-Signature"] = "v0=" + "z" * 10
    status, _, _ = post_raw(slack.url, body, headers)
    assert status == 401, (status, wrong, body[:80])


# --- /intake -----------------------------------------------------------------------------------------------------


@pytest.fixture
def intake(sqlite_engine, tmp_path):
    settings = Settings(intake_secret=INTAKE_SECRET, lead_model_dir=tmp_path / "models")
    server = IntakeServer(partial(handle_intake, engine=sqlite_engine, settings=settings, notify=None))
    yield server
    server.close()


def intake_headers(body: bytes, content_type: str, secret: str = INTAKE_SECRET) -> dict[str, str]:
    ts = str(int(time.time()))
    headers = {"X-SalesOS-Timestamp": ts, "X-SalesOS-Signature": sign(secret, ts, body)}
    if content_type:
        headers["Content-Type"] = content_type
    return headers


lead_like = st.dictionaries(
    st.sampled_from([*LEAD, "submitted_at", "hubspot_id", "website", "email", "utm_source"]), json_value, max_size=12
).map(lambda d: {**LEAD, **d})


@given(body=st.one_of(bodies, lead_like.map(lambda d: json.dumps(d).encode())), content_type=content_types)
@example(body=json.dumps({**LEAD, "notes": "nul \x00 here"}).encode(), content_type="application/json")
@example(body=json.dumps({**LEAD, "submitted_at": "0001-01-01T00:00:00"}).encode(), content_type="application/json")
@example(body=b"company=A&company=B&contact_email=a%40b.co", content_type="application/x-www-form-urlencoded")
def test_signed_intake_posts_never_get_a_server_error(intake, body, content_type):
    status, answer = intake.post(body, intake_headers(body, content_type))
    assert status in (200, 201, 400, 413, 415, 422), (status, answer, body[:80])
    if status in (200, 201):
        assert answer["ok"] and isinstance(answer["lead_id"], int)
    else:
        assert answer["ok"] is False and answer["error"]
        # every refusal that names fields names them the same way (found by schemathesis: a 400 sent bare names)
        assert all(set(f) == {"field", "message"} for f in answer.get("fields", [])), answer


@given(body=st.binary(max_size=200), content_type=content_types)
def test_a_bad_intake_signature_is_always_401(intake, body, content_type):
    status, answer = intake.post(body, intake_headers(body, content_type, secret="guess"))
    assert (status, answer["ok"]) == (401, False)


# --- schemathesis: the published OpenAPI description against the real server ------------------------------------

schema = schemathesis.openapi.from_path(SPEC)
ANSWER_CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


@schema.parametrize()
@hypothesis_settings(max_examples=40, suppress_health_check=list(HealthCheck))
def test_intake_matches_its_openapi_description(case, intake):
    """Every generated request, signed like the website signs it, gets an answer the description allows."""
    kwargs = case.as_transport_kwargs(base_url=f"http://127.0.0.1:{intake.port}")
    if "json" in kwargs:
        body = json.dumps(kwargs.pop("json")).encode()
    else:
        data = kwargs.pop("data", b"")
        body = data if isinstance(data, bytes) else (data.encode() if isinstance(data, str) else b"")
        if isinstance(data, dict):
            from urllib.parse import urlencode

            body = urlencode(data, doseq=True).encode()
    headers = {k: v for k, v in kwargs.pop("headers", {}).items() if not k.lower().startswith("x-salesos")}
    headers.update(intake_headers(body, headers.get("Content-Type", case.media_type or "application/json")))
    response = requests.request(kwargs["method"], kwargs["url"], data=body, headers=headers, timeout=30)
    assert response.status_code < 500, response.text
    assert response.status_code != 401, "a correctly signed request was refused"
    # The checks about the answer; the ones about refusing unsigned requests do not apply (every request is signed
    # here; the unsigned and wrongly signed ones are the properties above).
    case.validate_response(response, checks=ANSWER_CHECKS)
