"""POST /intake over real HTTP on loopback: authentication, validation, duplicates, and the Slack post."""

import http.client
import json
import time
from functools import partial
from urllib.parse import urlencode

import pytest
from sqlmodel import Session, select

from bot.slack.intake import MAX_BODY_BYTES, handle_intake, signed_headers
from bot.slack.server import SlackHTTPServer
from settings import Settings
from store.models import InboundLead

SECRET = "s3cret"
LEAD = {
    "company": "Northwind Logistics",
    "domain": "northwind.io",
    "company_size": "201-500",
    "employee_count": 320,
    "budget": 60000,
    "interest_area": "forecasting",
    "timeline": "this quarter",
    "notes": "We forecast in spreadsheets and need to replace them before the Q3 board meeting.",
    "contact_name": "Dana Reyes",
    "contact_email": "dana@northwind.io",
    "contact_title": "VP Sales",
}


class IntakeServer:
    """The HTTP-mode server of `salesos serve` (bot/slack/server.py) with only the /intake route mounted."""

    def __init__(self, handler) -> None:
        self.server = SlackHTTPServer("127.0.0.1", 0, {"/intake": handler})
        self.server.start_background()
        self.port = self.server.server_address[1]

    def post(self, body: bytes, headers: dict[str, str], method: str = "POST") -> tuple[int, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request(method, "/intake", body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, (json.loads(data) if data else {})

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(intake_secret=SECRET, lead_model_dir=tmp_path / "models", inbound_channel="#inbound-leads")


@pytest.fixture
def notified() -> list:
    return []


@pytest.fixture
def server(sqlite_engine, settings, notified):
    """Authentication and validation: SQLite is enough (nothing may be stored either way)."""
    srv = IntakeServer(partial(handle_intake, engine=sqlite_engine, settings=settings, notify=notified.append))
    yield srv
    srv.close()


@pytest.fixture
def server_any(engine, settings, notified):
    """Storing leads: on SQLite and on PostgreSQL."""
    srv = IntakeServer(partial(handle_intake, engine=engine, settings=settings, notify=notified.append))
    yield srv
    srv.close()


def signed(payload: dict | bytes, *, content_type="application/json", now=None, secret=SECRET):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return body, signed_headers(secret, body, content_type=content_type, now=now)


def stored(engine) -> list[InboundLead]:
    with Session(engine) as s:
        return list(s.exec(select(InboundLead)).all())


def test_signed_json_post_stores_a_scored_lead(server_any, engine, notified):
    status, answer = server_any.post(*signed(LEAD))
    assert status == 201, answer
    assert answer["ok"] and not answer["duplicate"] and answer["tier"] in "ABCD" and answer["reasons"]
    [row] = stored(engine)
    assert row.id == answer["lead_id"] and row.score == answer["score"] and row.tier == answer["tier"]
    assert row.source == "web_form" and row.status == "new" and row.budget == 60000
    assert [r.lead_id for r in notified] == [row.id]


def test_form_encoded_post_is_accepted(server, sqlite_engine):
    form = {k: str(v) for k, v in LEAD.items()} | {"budget": "$60k", "utm_source": "ads"}
    status, answer = server.post(*signed(urlencode(form).encode(), content_type="application/x-www-form-urlencoded"))
    assert status == 201, answer
    assert stored(sqlite_engine)[0].budget == 60000


def test_duplicate_submission_answers_200_with_the_same_lead_and_no_second_post(server_any, engine, notified):
    first = server_any.post(*signed(LEAD))[1]
    again = dict(LEAD, contact_email="Dana+form@Northwind.io", notes="sent twice")
    status, answer = server_any.post(*signed(again))
    assert status == 200 and answer["duplicate"] and answer["lead_id"] == first["lead_id"]
    assert len(stored(engine)) == 1 and len(notified) == 1


@pytest.mark.parametrize(
    ("tamper", "error"),
    [
        (lambda b, h: (b, {**h, "X-SalesOS-Signature": "v1=" + "0" * 64}), "bad_signature"),
        (lambda b, h: (b + b" ", h), "bad_signature"),
        (lambda b, h: (b, {k: v for k, v in h.items() if k != "X-SalesOS-Signature"}), "unauthenticated"),
        (lambda b, h: (b, {**h, "X-SalesOS-Timestamp": "yesterday"}), "bad_timestamp"),
    ],
)
def test_bad_signatures_are_refused(server, sqlite_engine, tamper, error):
    status, answer = server.post(*tamper(*signed(LEAD)))
    assert (status, answer["error"]) == (401, error)
    assert stored(sqlite_engine) == []


def test_stale_timestamp_is_refused(server, sqlite_engine):
    status, answer = server.post(*signed(LEAD, now=time.time() - 301))
    assert (status, answer["error"]) == (401, "stale_timestamp")
    assert server.post(*signed(LEAD, now=time.time() - 120))[0] == 201


def test_wrong_secret_is_refused(server, sqlite_engine):
    assert server.post(*signed(LEAD, secret="guess"))[0] == 401


def test_missing_fields_are_named(server, sqlite_engine):
    status, answer = server.post(*signed({"budget": 5000}))
    assert status == 422
    assert {f["field"] for f in answer["fields"]} == {"company", "contact_email"}
    assert stored(sqlite_engine) == []


def test_wrong_types_are_named(server, sqlite_engine):
    bad = dict(LEAD, employee_count="lots", budget=[1, 2], contact_email="dana")
    status, answer = server.post(*signed(bad))
    assert status == 422
    assert {f["field"] for f in answer["fields"]} == {"employee_count", "contact_email"}
    assert stored(sqlite_engine) == []


@pytest.mark.parametrize(
    ("given", "usd", "currency", "low", "high", "note"),
    [
        ("$50k-$100k", 50_000, "USD", 50_000, 100_000, None),
        ("€75.000", 81_000, "EUR", 75_000, 75_000, None),
        ("ask my boss", None, None, None, None, "kept as given, not scored"),
    ],
)
def test_real_budgets_are_stored_as_given_and_never_lose_the_lead(
    server, sqlite_engine, given, usd, currency, low, high, note
):
    status, _ = server.post(*signed(dict(LEAD, budget=given, contact_email="jörg@müller.de")))
    assert status == 201
    (row,) = stored(sqlite_engine)
    assert (row.budget_given, row.budget_currency, row.budget_low, row.budget_high) == (given, currency, low, high)
    assert row.budget == (pytest.approx(usd) if usd else None) and row.contact_email == "jörg@müller.de"
    assert (note is None and row.budget_note is None) or note in row.budget_note


def test_oversized_payload_is_refused(server, sqlite_engine):
    big = dict(LEAD, notes="x" * (MAX_BODY_BYTES + 10))
    status, answer = server.post(*signed(big))
    assert (status, answer["error"]) == (413, "too_large")
    assert stored(sqlite_engine) == []


def test_over_long_field_is_a_422_not_a_partial_record(server, sqlite_engine):
    status, answer = server.post(*signed(dict(LEAD, notes="word " * 1200)))
    assert status == 422 and answer["fields"][0]["field"] == "notes"
    assert stored(sqlite_engine) == []


def test_wrong_content_type_is_refused(server, sqlite_engine):
    body, headers = signed(LEAD, content_type="text/plain")
    status, answer = server.post(body, headers)
    assert (status, answer["error"]) == (415, "unsupported_media_type")


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"\xff\xfe"])
def test_malformed_json_is_a_400(server, sqlite_engine, body):
    status, answer = server.post(*signed(body))
    assert (status, answer["error"]) == (400, "malformed")


def test_get_is_not_allowed(server):
    status, answer = server.post(b"", {}, method="GET")
    assert status == 405


def test_no_secret_configured_refuses_everything(sqlite_engine, tmp_path):
    srv = IntakeServer(
        partial(handle_intake, engine=sqlite_engine, settings=Settings(lead_model_dir=tmp_path), notify=None)
    )
    try:
        status, answer = srv.post(*signed(LEAD))
    finally:
        srv.close()
    assert (status, answer["error"]) == (503, "not_configured")
    assert stored(sqlite_engine) == []


def test_per_source_rate_limit_keys_on_the_socket_peer_not_a_forwarded_header(sqlite_engine, tmp_path):
    from bot.slack.intake import intake_route

    settings = Settings(intake_secret=SECRET, lead_model_dir=tmp_path / "models", intake_rate_per_minute=3)
    srv = IntakeServer(intake_route(settings, sqlite_engine, warm_up=False))
    try:
        statuses = [srv.post(b"{}", {"Content-Type": "application/json"})[0] for _ in range(3)]
        assert statuses == [401, 401, 401]  # unsigned, refused, but counted against this address
        status, answer = srv.post(b"{}", {"Content-Type": "application/json"})
        assert (status, answer["error"]) == (429, "rate_limited")
        spoofed = {"Content-Type": "application/json", "X-Forwarded-For": "203.0.113.9", "X-SalesOS-Peer": "1.2.3.4"}
        assert srv.post(b"{}", spoofed)[0] == 429  # the client cannot pick another source address
    finally:
        srv.close()
