"""Stored calls measured once: `CallMetrics` kept in the store, keyed to a hash of everything the measurement reads.

Measuring a call takes ~10 ms (more on a long one), and the digest's call coaching reads ~70 calls per team every
Monday, the same winners' calls for every team. So each call's metrics are stored (`CallMetricsRow`) the first time
they are read, with `input_key`: a hash of the transcript and its format, the call's local day (dates like "next
Tuesday" resolve from it), the CRM names its speakers resolve against (every owner, the company's contacts), the
known competitors, `METRICS_VERSION` and the measuring code itself. A row is used only while its key still matches,
so an edited transcript, a renamed contact, a newly met competitor or a new cue phrase makes the next read measure
the call again: stored and fresh agree.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col

from store.models import Call, CallMetricsRow, Contact, Owner, pk_col
from store.types import utcnow
from tools.calls.analyze import stored_call_metrics
from tools.calls.metrics import CallMetrics

log = logging.getLogger(__name__)

METRICS_VERSION = 1
"""Bump when `compute_metrics` measures differently: every stored row is then recomputed on its next read."""


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A hash of the code a measurement runs, so an edit to it (a new cue phrase) never leaves stale rows in use."""
    from tools.calls import lexicon, metrics, parsers, roles
    from tools.parsing import dates

    return _digest(Path(m.__file__ or "").read_bytes() for m in (lexicon, metrics, parsers, roles, dates))


_CHUNK = 900
"""Bounded IN lists (SQLite's parameter limit)."""


def _digest(parts: Iterable[object]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode())
        h.update(b"\x1f")
    return h.hexdigest()


def call_metrics(
    session: Session, calls: list[Call], *, competitors: list[str], save: bool = True
) -> dict[int, CallMetrics | None]:
    """Metrics of stored calls by id (None when a transcript cannot be parsed): stored when current, else measured.

    Equal to `stored_call_metrics` call by call (a missing or stale row is measured by it); measured rows are saved in
    a short transaction of their own (`save`), so a read-only caller never has to commit. Calls without a company
    (their speakers resolve against every contact) are measured and not stored.
    """
    ids = [c.id for c in calls if c.id is not None]
    if not ids:
        return {}
    owners = session.execute(select(pk_col(Owner.id), col(Owner.name), col(Owner.timezone))).all()
    zones = {o[0]: o[2] for o in owners}
    # Who speakers can resolve to, as `crm_people` reads them: every owner, and each company's contacts.
    people = _digest(sorted((o[0], o[1]) for o in owners))
    company_ids = sorted({c.company_id for c in calls if c.company_id is not None})
    contacts: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for i in range(0, len(company_ids), _CHUNK):
        for contact_id, company_id, first, last in session.execute(
            select(pk_col(Contact.id), col(Contact.company_id), col(Contact.first_name), col(Contact.last_name)).where(
                col(Contact.company_id).in_(company_ids[i : i + _CHUNK])
            )
        ).all():
            contacts[company_id or 0].append((contact_id, f"{first} {last}".strip()))
    prospects = {company: _digest(sorted(found)) for company, found in contacts.items()}
    shared = _digest([METRICS_VERSION, _code_version(), people, *competitors])

    stored: dict[int, tuple[str, str | None]] = {}
    for i in range(0, len(ids), _CHUNK):
        for call_id, key, text in session.execute(
            select(col(CallMetricsRow.call_id), col(CallMetricsRow.input_key), col(CallMetricsRow.metrics)).where(
                col(CallMetricsRow.call_id).in_(ids[i : i + _CHUNK])
            )
        ).all():
            stored[call_id] = (key, text)

    out: dict[int, CallMetrics | None] = {}
    fresh: list[dict[str, object]] = []
    for call in calls:
        if call.id is None or call.id in out:  # a call may be asked for twice (a winner's call is also an AE's)
            continue
        if not call.transcript:
            out[call.id] = None
            continue
        zone = zones.get(call.owner_id) if call.owner_id else None
        day = call.started_at.astimezone(ZoneInfo(zone) if zone else UTC).date()
        if call.company_id is None:
            out[call.id] = stored_call_metrics(session, call, competitors=competitors)
            continue
        key = _digest([shared, prospects.get(call.company_id, ""), day, call.transcript_format, call.transcript])
        row = stored.get(call.id)
        if row is not None and row[0] == key:
            out[call.id] = CallMetrics.model_validate_json(row[1]) if row[1] is not None else None
            continue
        metrics = stored_call_metrics(session, call, competitors=competitors)
        out[call.id] = metrics
        fresh.append(
            {
                "call_id": call.id,
                "input_key": key,
                "metrics": metrics.model_dump_json() if metrics is not None else None,
                "computed_at": utcnow(),
            }
        )
    if save and fresh:
        _save(session, fresh)
    return out


def _save(session: Session, rows: list[dict[str, object]]) -> None:
    """Replace the rows of these calls in a transaction of its own; a failed save only means measuring again later."""
    engine = session.get_bind().engine
    try:
        with Session(engine) as writer:
            ids = [r["call_id"] for r in rows]
            for i in range(0, len(ids), _CHUNK):
                writer.execute(delete(CallMetricsRow).where(col(CallMetricsRow.call_id).in_(ids[i : i + _CHUNK])))
            writer.execute(insert(CallMetricsRow), rows)
            writer.commit()
    except SQLAlchemyError as exc:  # a concurrent writer (another digest) or a locked store: metrics still returned
        log.warning(
            "could not store the metrics of %d calls (%s); measured again next time", len(rows), type(exc).__name__
        )
