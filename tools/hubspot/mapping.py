"""HubSpot records → store column values: plain functions over plain data, no I/O.

HubSpot sends every property as a string (or null); dates come as ISO-8601 or as epoch milliseconds depending on the
property, so every parser here accepts both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from store.models import CLOSED_STAGES, is_buyer_engagement

# HubSpot's built-in call dispositions (GUIDs are the same in every portal).
CALL_DISPOSITIONS = {
    "f240bbac-87c9-4f6e-bf70-924b57d47db7": "connected",
    "73a0d17f-1163-4015-bdd5-ec830791da20": "no_answer",
    "b2cf5968-551e-4856-9783-52b3da59a7d0": "left_voicemail",
    "a4c4c377-d246-4b32-a13b-75a56a4cd0ff": "left_live_message",
    "9d9162e7-6cf3-4944-bf63-4dff82258764": "busy",
    "17b47fee-58de-441e-a44c-c6300d46f273": "wrong_number",
}
MEETING_OUTCOMES = {
    "SCHEDULED": "scheduled",
    "COMPLETED": "completed",
    "RESCHEDULED": "scheduled",
    "NO_SHOW": "no_show",
    "CANCELED": "canceled",
    "CANCELLED": "canceled",
}
# HubSpot's default association type ids that mean "primary".
PRIMARY_DEAL_TO_COMPANY = 5
PRIMARY_CONTACT_TO_COMPANY = 1


@dataclass(frozen=True)
class ObjectSpec:
    """How one HubSpot object type is searched and which properties Sales OS reads."""

    name: str
    """HubSpot object type in URLs (`deals`, `calls`, ...)."""
    modified_property: str
    """The property the incremental search filters and sorts on."""
    properties: tuple[str, ...]
    associations: tuple[str, ...] = field(default=())
    """Object types whose associations are read for each page."""
    engagement_type: str | None = None
    """`call`, `email`, ... for engagements."""


_ENGAGEMENT_ASSOCIATIONS = ("deals", "companies", "contacts")

COMPANIES = ObjectSpec(
    "companies",
    "hs_lastmodifieddate",
    (
        "name",
        "domain",
        "industry",
        "numberofemployees",
        "annualrevenue",
        "country",
        "hubspot_owner_id",
        "createdate",
        "hs_lastmodifieddate",
    ),
)
# Contacts are the one object whose "last modified" property is not prefixed with hs_ (HubSpot search guide).
CONTACTS = ObjectSpec(
    "contacts",
    "lastmodifieddate",
    ("firstname", "lastname", "email", "jobtitle", "lastmodifieddate"),
    associations=("companies",),
)
DEALS = ObjectSpec(
    "deals",
    "hs_lastmodifieddate",
    (
        "dealname",
        "amount",
        "deal_currency_code",
        "dealstage",
        "pipeline",
        "closedate",
        "createdate",
        "hubspot_owner_id",
        "dealtype",
        "hs_next_step",
        "closed_lost_reason",
        "closed_won_reason",
        "hs_lastmodifieddate",
    ),
    associations=("companies", "contacts"),
)
CALLS = ObjectSpec(
    "calls",
    "hs_lastmodifieddate",
    (
        "hs_timestamp",
        "hs_call_title",
        "hs_call_body",
        "hs_call_direction",
        "hs_call_disposition",
        "hs_call_duration",
        "hubspot_owner_id",
        "hs_lastmodifieddate",
    ),
    associations=_ENGAGEMENT_ASSOCIATIONS,
    engagement_type="call",
)
EMAILS = ObjectSpec(
    "emails",
    "hs_lastmodifieddate",
    (
        "hs_timestamp",
        "hs_email_direction",
        "hs_email_subject",
        "hs_email_text",
        "hs_email_status",
        "hubspot_owner_id",
        "hs_lastmodifieddate",
    ),
    associations=_ENGAGEMENT_ASSOCIATIONS,
    engagement_type="email",
)
MEETINGS = ObjectSpec(
    "meetings",
    "hs_lastmodifieddate",
    (
        "hs_timestamp",
        "hs_meeting_title",
        "hs_meeting_body",
        "hs_meeting_start_time",
        "hs_meeting_end_time",
        "hs_meeting_outcome",
        "hubspot_owner_id",
        "hs_lastmodifieddate",
    ),
    associations=_ENGAGEMENT_ASSOCIATIONS,
    engagement_type="meeting",
)
NOTES = ObjectSpec(
    "notes",
    "hs_lastmodifieddate",
    ("hs_timestamp", "hs_note_body", "hubspot_owner_id", "hs_lastmodifieddate"),
    associations=_ENGAGEMENT_ASSOCIATIONS,
    engagement_type="note",
)
TASKS = ObjectSpec(
    "tasks",
    "hs_lastmodifieddate",
    (
        "hs_timestamp",
        "hs_task_subject",
        "hs_task_body",
        "hs_task_status",
        "hs_task_priority",
        "hs_createdate",
        "hubspot_owner_id",
        "hs_lastmodifieddate",
    ),
    associations=_ENGAGEMENT_ASSOCIATIONS,
    engagement_type="task",
)
OBJECT_SPECS: dict[str, ObjectSpec] = {
    s.name: s for s in (COMPANIES, CONTACTS, DEALS, CALLS, EMAILS, MEETINGS, NOTES, TASKS)
}
ENGAGEMENT_SPECS = (CALLS, EMAILS, MEETINGS, NOTES, TASKS)


# --- value parsers ----------------------------------------------------------------------------------------------


def parse_instant(value: Any) -> datetime | None:
    """Parse an ISO-8601 instant or epoch milliseconds into an aware UTC datetime."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if text.lstrip("-").isdigit():
        return datetime.fromtimestamp(int(text) / 1000, tz=UTC)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def parse_day(value: Any) -> date | None:
    """Parse a HubSpot date property (ISO date, ISO instant or epoch ms) into a calendar day."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    instant = parse_instant(text)
    return instant.date() if instant else None


def parse_float(value: Any) -> float | None:
    """Parse a number property; None for blanks and garbage."""
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def parse_int(value: Any) -> int | None:
    """Parse an integer property (accepts "12.0")."""
    number = parse_float(value)
    return int(number) if number is not None else None


def to_epoch_ms(instant: datetime) -> str:
    """Format an aware datetime the way HubSpot's search filters expect: epoch milliseconds as a string."""
    return str(int(instant.timestamp() * 1000))


def modified_at(record: dict[str, Any], spec: ObjectSpec) -> datetime | None:
    """When HubSpot last modified `record` (the search's sort key), falling back to `updatedAt`."""
    props = record.get("properties") or {}
    return parse_instant(props.get(spec.modified_property)) or parse_instant(record.get("updatedAt"))


def seniority_from_title(title: str | None) -> str | None:
    """Derive the store's seniority bucket from a job title."""
    if not title:
        return None
    t = f" {title.lower()} "
    if any(k in t for k in (" chief ", " ceo ", " cfo ", " cto ", " coo ", " cio ", " cro ", " cmo ", "founder")):
        return "c_level"
    if " vp " in t or "vice president" in t or " head of " in t:
        return "vp"
    if "director" in t:
        return "director"
    if "manager" in t or " lead " in t:
        return "manager"
    return "individual"


# --- record → columns -------------------------------------------------------------------------------------------


def company_columns(record: dict[str, Any]) -> dict[str, Any]:
    """Columns of a `Company` row (without foreign keys)."""
    p = record.get("properties") or {}
    return {
        "hubspot_id": str(record["id"]),
        "name": (p.get("name") or "").strip() or (p.get("domain") or f"Company {record['id']}"),
        "domain": p.get("domain") or None,
        "industry": p.get("industry") or None,
        "employees": parse_int(p.get("numberofemployees")),
        "annual_revenue": parse_float(p.get("annualrevenue")),
        "region": p.get("country") or None,
        "created_at": parse_instant(p.get("createdate")) or parse_instant(record.get("createdAt")),
        "updated_at": modified_at(record, COMPANIES),
    }


def contact_columns(record: dict[str, Any]) -> dict[str, Any]:
    """Columns of a `Contact` row (without foreign keys)."""
    p = record.get("properties") or {}
    title = p.get("jobtitle") or None
    return {
        "hubspot_id": str(record["id"]),
        "first_name": p.get("firstname") or "",
        "last_name": p.get("lastname") or "",
        "email": (p.get("email") or "").lower() or None,
        "title": title,
        "seniority": seniority_from_title(title),
        "updated_at": modified_at(record, CONTACTS),
    }


def stage_flags(stage: str, stage_meta: dict[str, dict[str, Any]]) -> tuple[bool, bool]:
    """(is_closed, is_won) of a deal stage, from the pipelines' stage metadata when known."""
    meta = stage_meta.get(stage)
    if meta is not None:
        is_closed = str(meta.get("isClosed", "")).lower() == "true"
        probability = parse_float(meta.get("probability"))
        return is_closed, is_closed and probability is not None and probability >= 1.0
    return stage in CLOSED_STAGES, stage == "closedwon"


def deal_columns(record: dict[str, Any], stage_meta: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Columns of a `Deal` row (without foreign keys)."""
    p = record.get("properties") or {}
    stage = p.get("dealstage") or ""
    is_closed, is_won = stage_flags(stage, stage_meta)
    close_day = parse_day(p.get("closedate"))
    reason = (p.get("closed_won_reason") if is_won else p.get("closed_lost_reason")) if is_closed else None
    return {
        "hubspot_id": str(record["id"]),
        "name": (p.get("dealname") or "").strip() or f"Deal {record['id']}",
        "pipeline": p.get("pipeline") or "default",
        "stage": stage,
        "amount": parse_float(p.get("amount")),
        "currency": p.get("deal_currency_code") or "USD",
        "source": p.get("dealtype") or None,
        "close_date": close_day,
        "created_at": parse_instant(p.get("createdate")) or parse_instant(record.get("createdAt")),
        "closed_at": parse_instant(p.get("closedate")) if is_closed else None,
        "is_closed": is_closed,
        "is_won": is_won,
        "close_reason": reason or None,
        "next_step": p.get("hs_next_step") or None,
        "updated_at": modified_at(record, DEALS),
    }


def stage_history(record: dict[str, Any]) -> list[tuple[str | None, str, datetime]]:
    """(from_stage, to_stage, changed_at) moves of a deal, oldest first, from `propertiesWithHistory.dealstage`."""
    entries = []
    for item in (record.get("propertiesWithHistory") or {}).get("dealstage") or []:
        at = parse_instant(item.get("timestamp"))
        if at is not None and item.get("value"):
            entries.append((at, item["value"]))
    entries.sort(key=lambda e: e[0])
    moves: list[tuple[str | None, str, datetime]] = []
    previous: str | None = None
    for at, value in entries:
        if value != previous:
            moves.append((previous, value, at))
            previous = value
    return moves


def close_date_history(record: dict[str, Any]) -> list[tuple[date | None, date | None, datetime]]:
    """(old_date, new_date, changed_at) changes of a deal's close date, oldest first."""
    entries = []
    for item in (record.get("propertiesWithHistory") or {}).get("closedate") or []:
        at = parse_instant(item.get("timestamp"))
        if at is not None:
            entries.append((at, parse_day(item.get("value"))))
    entries.sort(key=lambda e: e[0])
    changes: list[tuple[date | None, date | None, datetime]] = []
    previous: date | None = None
    for index, (at, value) in enumerate(entries):
        if index == 0 or value != previous:
            changes.append((previous, value, at))
        previous = value
    return changes


def engagement_columns(record: dict[str, Any], spec: ObjectSpec) -> dict[str, Any]:
    """Columns of an `Engagement` row (without foreign keys) for calls, emails, meetings, notes and tasks."""
    kind = spec.engagement_type or ""
    p = record.get("properties") or {}
    occurred = parse_instant(p.get("hs_timestamp"))
    direction = status = subject = body = None
    ends_at = due_at = None
    if kind == "call":
        subject, body = p.get("hs_call_title"), p.get("hs_call_body")
        raw_direction = (p.get("hs_call_direction") or "").upper()
        direction = {"INBOUND": "inbound", "OUTBOUND": "outbound"}.get(raw_direction)
        status = CALL_DISPOSITIONS.get(p.get("hs_call_disposition") or "", p.get("hs_call_disposition") or None)
    elif kind == "email":
        subject, body = p.get("hs_email_subject"), p.get("hs_email_text")
        # HubSpot: EMAIL (sent from the CRM), INCOMING_EMAIL (a reply from the contact), FORWARDED_EMAIL.
        raw_direction = (p.get("hs_email_direction") or "").upper()
        direction = "inbound" if raw_direction == "INCOMING_EMAIL" else ("outbound" if raw_direction else None)
        status = (p.get("hs_email_status") or "").lower() or None
    elif kind == "meeting":
        subject, body = p.get("hs_meeting_title"), p.get("hs_meeting_body")
        occurred = parse_instant(p.get("hs_meeting_start_time")) or occurred
        ends_at = parse_instant(p.get("hs_meeting_end_time"))
        status = MEETING_OUTCOMES.get((p.get("hs_meeting_outcome") or "").upper())
    elif kind == "note":
        body = p.get("hs_note_body")
    elif kind == "task":
        subject, body = p.get("hs_task_subject"), p.get("hs_task_body")
        status = "done" if (p.get("hs_task_status") or "").upper() == "COMPLETED" else "open"
        due_at = occurred
        # The store's `occurred_at` of a task is its creation; `hs_timestamp` is its due date.
        occurred = parse_instant(p.get("hs_createdate")) or parse_instant(record.get("createdAt")) or due_at
    occurred = occurred or parse_instant(record.get("createdAt")) or modified_at(record, spec)
    return {
        "hubspot_id": str(record["id"]),
        "type": kind,
        "direction": direction,
        "status": status,
        "occurred_at": occurred,
        "ends_at": ends_at,
        "due_at": due_at,
        "subject": subject or None,
        "body": body or None,
        "buyer_engaged": is_buyer_engagement(kind, direction, status),
        "updated_at": modified_at(record, spec),
    }


def call_duration_seconds(record: dict[str, Any]) -> int | None:
    """A call's duration in whole seconds (HubSpot stores milliseconds)."""
    ms = parse_float((record.get("properties") or {}).get("hs_call_duration"))
    return int(ms // 1000) if ms is not None else None


def pick_primary(associated: list[dict[str, Any]], primary_type_id: int) -> str | None:
    """The primary association's target id, else the first one listed."""
    for item in associated:
        if primary_type_id in item.get("type_ids", []):
            return item["id"]
    return associated[0]["id"] if associated else None
