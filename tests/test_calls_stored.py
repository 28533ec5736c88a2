"""Stored call metrics (`tools.calls.stored`): equal to a fresh measurement, and measured again when an input changes.

Runs on SQLite and PostgreSQL. "Fresh" is `stored_call_metrics`, the measurement the analysis runs on a stored call;
every check compares whole `CallMetrics` values (every clip, question, commitment), not a summary.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from store.db import session_scope
from store.models import Call, CallMetricsRow, Contact
from tests.calls_fixture import CALL_AT, seed_acme
from tools.calls.analyze import known_competitors, stored_call_metrics
from tools.calls.stored import call_metrics

DATA = Path(__file__).parent / "data" / "calls"


def _add_calls(engine, ids) -> list[int]:
    with session_scope(engine) as session:
        calls = [
            Call(
                deal_id=ids["deal"],
                company_id=ids["acme"],
                owner_id=ids["dana"],
                started_at=CALL_AT,
                transcript=(DATA / "discovery_acme.txt").read_text(),
                transcript_format="speaker_lines",
            ),
            Call(
                deal_id=ids["deal"],
                company_id=ids["acme"],
                owner_id=ids["dana"],
                started_at=CALL_AT,
                transcript=(DATA / "discovery_acme.json").read_text(),
                transcript_format="",
            ),
            Call(company_id=ids["acme"], owner_id=ids["dana"], started_at=CALL_AT, transcript="not a transcript"),
            Call(owner_id=ids["omar"], started_at=CALL_AT, transcript=(DATA / "discovery_acme.txt").read_text()),
        ]
        session.add_all(calls)
        session.flush()
        return [c.id for c in calls]


def _both(engine, call_ids):
    """(stored-or-measured by `call_metrics`, fresh by `stored_call_metrics`) for each call id."""
    with Session(engine) as session:
        calls = list(session.exec(select(Call).where(Call.id.in_(call_ids)).order_by(Call.id)).all())
        competitors = known_competitors(session)
        got = call_metrics(session, calls, competitors=competitors)
        fresh = {c.id: stored_call_metrics(session, c, competitors=competitors) for c in calls}
    return got, fresh


def _rows(engine) -> dict[int, tuple[str, str | None]]:
    with Session(engine) as session:
        return {r.call_id: (r.input_key, r.metrics) for r in session.exec(select(CallMetricsRow)).all()}


def test_stored_metrics_equal_fresh_ones_and_are_read_back(engine) -> None:
    ids = seed_acme(engine)
    call_ids = _add_calls(engine, ids)
    first, fresh = _both(engine, call_ids)
    assert first == fresh
    assert fresh[call_ids[0]] is not None and fresh[call_ids[1]] is not None
    assert fresh[call_ids[2]] is None  # unreadable: no metrics, stored as such
    rows = _rows(engine)
    # the company-less call resolves speakers against every contact: measured, never stored
    assert set(rows) == set(call_ids[:3])
    assert rows[call_ids[2]][1] is None
    # a second read uses the rows: make a stored row say something else and it is what comes back
    with session_scope(engine) as session:
        row = session.get(CallMetricsRow, call_ids[0])
        row.metrics = rows[call_ids[1]][1]
        session.add(row)
    again, fresh = _both(engine, call_ids)
    assert again[call_ids[0]] == fresh[call_ids[1]]
    assert again[call_ids[1]] == fresh[call_ids[1]]


def test_an_edited_transcript_is_measured_again(engine) -> None:
    ids = seed_acme(engine)
    call_ids = _add_calls(engine, ids)
    _both(engine, call_ids)
    before = _rows(engine)[call_ids[0]]
    with session_scope(engine) as session:
        call = session.get(Call, call_ids[0])
        # the same length as before, so only the content tells the change
        call.transcript = call.transcript.replace("spreadsheets", "spreadsheetz")
        session.add(call)
    got, fresh = _both(engine, call_ids)
    assert got == fresh
    after = _rows(engine)[call_ids[0]]
    assert after[0] != before[0] and after[1] != before[1]
    assert "spreadsheetz" in after[1]


def test_a_renamed_contact_or_a_new_competitor_is_measured_again(engine) -> None:
    ids = seed_acme(engine)
    call_ids = _add_calls(engine, ids)
    _both(engine, call_ids)
    key = _rows(engine)[call_ids[0]][0]
    with session_scope(engine) as session:
        jamie = session.get(Contact, ids["jamie"])
        jamie.first_name = "Jaime"  # Jamie Chen no longer names a CRM contact: roles resolve another way
        session.add(jamie)
    got, fresh = _both(engine, call_ids)
    assert got == fresh
    renamed = _rows(engine)[call_ids[0]][0]
    assert renamed != key
    with Session(engine) as session:
        calls = list(session.exec(select(Call).where(Call.id.in_(call_ids)).order_by(Call.id)).all())
        more = [*known_competitors(session), "Sheetly"]
        got = call_metrics(session, calls, competitors=more)
        assert got == {c.id: stored_call_metrics(session, c, competitors=more) for c in calls}
    assert _rows(engine)[call_ids[0]][0] not in (key, renamed)
