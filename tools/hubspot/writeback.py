"""Write Sales OS results back to HubSpot exactly once: tasks, notes, and Sales OS properties on deals and companies.

Every write carries a caller-chosen idempotency key (e.g. "task:draft:42") and goes through the same three steps:

1. **Claim** the key: insert a `WriteBack` row (status `pending`). The primary key makes the claim atomic across
   processes. A key already `done` returns the recorded HubSpot id without calling HubSpot at all.
2. **Call** HubSpot. Created objects carry the key in their `salesos_idempotency_key` property.
3. **Mark** the row `done` with the HubSpot id.

A crash between 2 and 3 leaves a `pending` row while the object may already exist. Whoever picks the key up again
(after `stale_after`, so a write still in flight elsewhere is not raced) first searches HubSpot for an object with that
key and adopts it; only when there is none does it create. The same search runs when a create's response is lost
(timeout, dropped connection, 5xx): the client never repeats a create blindly. Property updates are idempotent by
nature (PATCH with the same values), so they are simply re-sent.

Caveat: HubSpot's search index trails writes by a few seconds, so `stale_after` must exceed that lag; the default
(2 minutes) does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from store.db import session_scope
from store.models import WriteBack
from store.types import utcnow
from tools.hubspot.client import HubSpotClient, HubSpotConflict, HubSpotError, HubSpotUnavailable
from tools.hubspot.mapping import to_epoch_ms

IDEMPOTENCY_PROPERTY = "salesos_idempotency_key"
PROPERTY_GROUP = {"name": "salesos", "label": "Sales OS", "displayOrder": -1}
"""HubSpot's advice for integrations: keep their custom properties in their own group."""

# Sales OS properties, created through the properties API the first time they are needed.
SALES_OS_PROPERTIES: dict[str, dict[str, dict[str, str]]] = {
    "deals": {
        "salesos_risk_score": {"label": "Sales OS risk score", "type": "number", "fieldType": "number"},
        "salesos_risk_reasons": {"label": "Sales OS risk reasons", "type": "string", "fieldType": "textarea"},
        "salesos_close_likelihood": {"label": "Sales OS close likelihood (%)", "type": "number", "fieldType": "number"},
    },
    "companies": {
        "salesos_lead_score": {"label": "Sales OS lead score", "type": "number", "fieldType": "number"},
        "salesos_risk_score": {"label": "Sales OS risk score", "type": "number", "fieldType": "number"},
    },
    # A lead that arrived as a HubSpot contact gets its score on the contact itself (reps filter contacts by it).
    "contacts": {
        "salesos_lead_score": {"label": "Sales OS lead score", "type": "number", "fieldType": "number"},
    },
}
_KEY_PROPERTY = {"label": "Sales OS idempotency key", "type": "string", "fieldType": "text"}

# HubSpot-defined association type ids (v4): task→deal/company/contact and note→deal/company/contact.
TASK_ASSOCIATION_TYPES = {"deals": 216, "companies": 192, "contacts": 204}
NOTE_ASSOCIATION_TYPES = {"deals": 214, "companies": 190, "contacts": 202}


class WriteInProgress(HubSpotError):
    """Another worker claimed this key moments ago and has not finished: try again later."""


@dataclass(frozen=True)
class WriteResult:
    """The HubSpot object a write produced, and whether this call is the one that wrote it."""

    key: str
    hubspot_id: str
    written_now: bool


class WriteBackService:
    """Idempotent writes to HubSpot, recorded in the store's `WriteBack` table.

    Args:
        engine: The store.
        client: The HubSpot client.
        clock: Current UTC instant (injected in tests).
        stale_after: Age after which a `pending` claim is taken over (its writer is presumed dead).
        max_attempts: Create attempts when responses are lost before giving up.
    """

    def __init__(
        self,
        engine: Engine,
        client: HubSpotClient,
        *,
        clock: Callable[[], datetime] = utcnow,
        stale_after: timedelta = timedelta(minutes=2),
        max_attempts: int = 3,
    ) -> None:
        self.engine = engine
        self.client = client
        self.clock = clock
        self.stale_after = stale_after
        self.max_attempts = max_attempts
        self._ensured: set[tuple[str, str]] = set()

    # --- public writes -----------------------------------------------------------------------------------------------

    def create_task(
        self,
        key: str,
        *,
        subject: str,
        due_at: datetime,
        owner_id: str | None = None,
        body: str | None = None,
        priority: str | None = None,
        deal_id: str | None = None,
        company_id: str | None = None,
        contact_id: str | None = None,
    ) -> WriteResult:
        """Create a HubSpot task (due date, owner, associations) once per `key`; HubSpot ids in, HubSpot id out."""
        properties = {
            "hs_task_subject": subject,
            "hs_timestamp": to_epoch_ms(due_at),
            "hs_task_status": "NOT_STARTED",
            "hs_task_type": "TODO",
        }
        if body:
            properties["hs_task_body"] = body
        if priority:
            properties["hs_task_priority"] = priority.upper()
        if owner_id:
            properties["hubspot_owner_id"] = owner_id
        targets = {"deals": deal_id, "companies": company_id, "contacts": contact_id}
        return self._create_once(key, "tasks", properties, _associations(targets, TASK_ASSOCIATION_TYPES))

    def create_note(
        self,
        key: str,
        *,
        body: str,
        timestamp: datetime | None = None,
        owner_id: str | None = None,
        deal_id: str | None = None,
        company_id: str | None = None,
        contact_id: str | None = None,
    ) -> WriteResult:
        """Create a HubSpot note once per `key`."""
        properties = {"hs_note_body": body, "hs_timestamp": to_epoch_ms(timestamp or self.clock())}
        if owner_id:
            properties["hubspot_owner_id"] = owner_id
        targets = {"deals": deal_id, "companies": company_id, "contacts": contact_id}
        return self._create_once(key, "notes", properties, _associations(targets, NOTE_ASSOCIATION_TYPES))

    def set_properties(self, key: str, object_type: str, object_id: str, values: dict[str, Any]) -> WriteResult:
        """Set Sales OS properties (see `SALES_OS_PROPERTIES`) on a deal, company or contact, once per `key`."""
        known = SALES_OS_PROPERTIES.get(object_type)
        if known is None:
            raise ValueError(f"Sales OS properties exist for {', '.join(SALES_OS_PROPERTIES)}, not {object_type!r}")
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValueError(f"not a Sales OS property of {object_type}: {', '.join(unknown)}")
        for name in values:
            self.ensure_property(object_type, name, known[name])
        properties = {name: "" if value is None else str(value) for name, value in values.items()}

        def write() -> str:
            result = self.client.update(object_type, object_id, {"properties": properties})
            return str(result.get("id") or object_id)

        return self._once(key, object_type, "update", write, find_existing=None)

    def update_properties(self, key: str, object_type: str, object_id: str, properties: dict[str, Any]) -> WriteResult:
        """PATCH any properties of a record once per `key` (an approved CRM update); Sales OS ones are created first.

        Unlike `set_properties` this accepts HubSpot's own properties (`hs_next_step`, `closedate`, ...): the caller
        decides which it may change. Recorded in `WriteBack` like every write; a repeat PATCH would be harmless anyway.
        """
        sales_os = SALES_OS_PROPERTIES.get(object_type, {})
        for name in properties:
            if name in sales_os:
                self.ensure_property(object_type, name, sales_os[name])
        values = {name: "" if value is None else str(value) for name, value in properties.items()}

        def write() -> str:
            result = self.client.update(object_type, object_id, {"properties": values})
            return str(result.get("id") or object_id)

        return self._once(key, object_type, "update", write, find_existing=None)

    def ensure_property(self, object_type: str, name: str, definition: dict[str, str]) -> None:
        """Create the custom property `name` on `object_type` unless it already exists (checked once per process)."""
        if (object_type, name) in self._ensured:
            return
        if self.client.get_property(object_type, name) is None:
            with contextlib.suppress(HubSpotConflict):  # the group exists already
                self.client.create_property_group(object_type, dict(PROPERTY_GROUP))
            body: dict[str, Any] = {
                "name": name,
                "label": definition["label"],
                "type": definition["type"],
                "fieldType": definition["fieldType"],
                "groupName": PROPERTY_GROUP["name"],
                "description": "Written by Sales OS.",
            }
            with contextlib.suppress(HubSpotConflict):  # created meanwhile by another worker: what we wanted
                self.client.create_property(object_type, body)
        self._ensured.add((object_type, name))

    # --- the protocol ---------------------------------------------------------------------------------------------

    def _create_once(
        self, key: str, object_type: str, properties: dict[str, str], associations: list[dict[str, Any]]
    ) -> WriteResult:
        self.ensure_property(object_type, IDEMPOTENCY_PROPERTY, _KEY_PROPERTY)
        body: dict[str, Any] = {"properties": {**properties, IDEMPOTENCY_PROPERTY: key}}
        if associations:
            body["associations"] = associations

        def find_existing() -> str | None:
            search = {
                "filterGroups": [{"filters": [{"propertyName": IDEMPOTENCY_PROPERTY, "operator": "EQ", "value": key}]}],
                "properties": [IDEMPOTENCY_PROPERTY],
                "limit": 1,
            }
            results = self.client.search(object_type, search).get("results", [])
            return str(results[0]["id"]) if results else None

        def write() -> str:
            for attempt in range(1, self.max_attempts + 1):
                try:
                    created = self.client.create(object_type, body)
                    # The SDK documents 201 + the object; the published spec a CreatedResponse wrapper: accept both.
                    return str(created.get("id") or created.get("createdResourceId") or created["entity"]["id"])
                except HubSpotUnavailable:
                    # The response was lost: the object may exist. Look before creating again.
                    existing = find_existing()
                    if existing is not None:
                        return existing
                    if attempt == self.max_attempts:
                        raise
            raise AssertionError("unreachable")

        return self._once(key, object_type, "create", write, find_existing=find_existing)

    def _once(
        self,
        key: str,
        object_type: str,
        operation: str,
        write: Callable[[], str],
        *,
        find_existing: Callable[[], str | None] | None,
    ) -> WriteResult:
        claimed_fresh, previous = self._claim(key, object_type, operation)
        if previous is not None and previous.status == "done" and previous.hubspot_id:
            return WriteResult(key, previous.hubspot_id, written_now=False)
        if not claimed_fresh and find_existing is not None:
            # A stale claim: the previous writer may have created the object and died before recording it.
            existing = find_existing()
            if existing is not None:
                self._mark_done(key, existing)
                return WriteResult(key, existing, written_now=False)
        hubspot_id = write()
        self._mark_done(key, hubspot_id)
        return WriteResult(key, hubspot_id, written_now=True)

    def _claim(self, key: str, object_type: str, operation: str) -> tuple[bool, WriteBack | None]:
        """Claim `key`: (True, None) when newly claimed; (False, row) for a done row or a stale claim taken over."""
        now = self.clock()
        try:
            with session_scope(self.engine) as session:
                session.add(
                    WriteBack(idempotency_key=key, object_type=object_type, operation=operation, created_at=now)
                )
            return True, None
        except IntegrityError:
            pass
        with Session(self.engine) as session:
            row = session.get(WriteBack, key)
        if row is None:  # vanished between the two statements: try once more from the top
            return self._claim(key, object_type, operation)
        if row.status == "done":
            return False, row
        if now - row.created_at < self.stale_after:
            raise WriteInProgress(f"write {key!r} is in progress elsewhere (claimed {row.created_at.isoformat()})")
        # Take the stale claim over with a conditional update, so only one worker wins it.
        with session_scope(self.engine) as session:
            won = session.exec(
                update(WriteBack)
                .where(col(WriteBack.idempotency_key) == key)
                .where(col(WriteBack.status) == "pending")
                .where(col(WriteBack.created_at) == row.created_at)
                .values(created_at=now)
            ).rowcount
        if won != 1:
            raise WriteInProgress(f"write {key!r} was taken over by another worker")
        return False, row

    def _mark_done(self, key: str, hubspot_id: str) -> None:
        with session_scope(self.engine) as session:
            session.exec(
                update(WriteBack)
                .where(col(WriteBack.idempotency_key) == key)
                .values(status="done", hubspot_id=hubspot_id, completed_at=self.clock())
            )


def _associations(targets: dict[str, str | None], type_ids: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {
            "to": {"id": str(target)},
            "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_ids[t]}],
        }
        for t, target in targets.items()
        if target
    ]
