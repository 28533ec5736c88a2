"""Drafts waiting for approval: create once, decide once, execute once (no Slack here).

A draft is a proposed write (follow-up email, task, note, CRM update). Its life:
`pending → approved → executing → executed` (or `failed`), or `pending → discarded`. Every move is a conditional
UPDATE (`... WHERE status = <expected>`), so of two racing deciders (a double click, ✅ plus the button, a Slack retry,
two replicas) exactly one sees `rowcount == 1` and goes on; the others are told what already happened.

Execution goes through an injected `writer(draft) -> dict`: `hubspot_writer` (tools/hubspot's `WriteBackService`
keyed by the draft's idempotency key: a task or note created once per draft, an approved email as a "send this email"
task for the AE, a deal/company PATCH for CRM updates) when HUBSPOT_ACCESS_TOKEN is set, else
`record_locally`, which records the task/note/email as an Engagement in the store, keyed by the draft's idempotency key
in the `WriteBack` ledger so even a re-run of a half-finished execution cannot write twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Engine, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from store.db import session_scope
from store.models import Deal, Draft, Engagement, WriteBack, pk_col, utcnow

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)

DRAFT_KINDS = ("email", "task", "note", "crm_update")
LOCAL_LABEL = "recorded locally (HubSpot not configured)"
# Deal fields a `crm_update` draft may change when recorded locally (HubSpot's own writer decides for itself).
LOCAL_DEAL_FIELDS = ("next_step", "close_date", "amount", "stage")

Writer = Callable[[Draft], dict[str, Any]]
Outcome = Literal["approved", "discarded", "already_decided", "not_allowed", "not_found"]


class DraftError(ValueError):
    """A draft request that cannot be honoured, with a message fit to show the user."""


@dataclass(frozen=True)
class Decision:
    """What a decide call did. `acted` is True only for the one caller that moved the draft."""

    outcome: Outcome
    draft: Draft | None
    message: str

    @property
    def acted(self) -> bool:
        """True when this call approved or discarded the draft (the caller then executes / reports)."""
        return self.outcome in ("approved", "discarded")


@dataclass(frozen=True)
class Execution:
    """What an execute call did. `executed` is True only for the one caller that ran the writer."""

    executed: bool
    status: str
    result: dict[str, Any] | None
    message: str


def create_draft(
    session: Session,
    *,
    kind: str,
    owner_id: int | None,
    payload: dict[str, Any],
    idempotency_key: str,
    deal_id: int | None = None,
    company_id: int | None = None,
) -> Draft:
    """Create a pending draft, or return the one already created with this idempotency key.

    Uses a SAVEPOINT, so a concurrent creator losing the race on the unique key gets the winner's row without
    rolling back the caller's transaction.
    """
    if kind not in DRAFT_KINDS:
        raise DraftError(f"unknown draft kind {kind!r}; expected one of {', '.join(DRAFT_KINDS)}")
    if not idempotency_key:
        raise DraftError("a draft needs an idempotency key")
    existing = session.exec(select(Draft).where(col(Draft.idempotency_key) == idempotency_key)).first()
    if existing is not None:
        return existing
    draft = Draft(
        idempotency_key=idempotency_key,
        kind=kind,
        owner_id=owner_id,
        deal_id=deal_id,
        company_id=company_id,
        payload=dict(payload),
        status="pending",
        created_at=utcnow(),
    )
    try:
        with session.begin_nested():
            session.add(draft)
            session.flush()
    except IntegrityError:
        found = session.exec(select(Draft).where(col(Draft.idempotency_key) == idempotency_key)).first()
        if found is None:
            raise
        return found
    return draft


def get_draft(engine: Engine, draft_id: int) -> Draft | None:
    """Read one draft (detached, safe to use after the session)."""
    with session_scope(engine) as session:
        return session.get(Draft, draft_id)


def find_draft_by_message(engine: Engine, channel: str, ts: str) -> Draft | None:
    """The draft posted as message `ts` in `channel` (how a ✅ reaction finds its draft)."""
    with session_scope(engine) as session:
        return session.exec(select(Draft).where(col(Draft.slack_ts) == ts, col(Draft.slack_channel) == channel)).first()


def record_message(engine: Engine, draft_id: int, *, channel: str, ts: str) -> None:
    """Remember where a draft was posted, so reactions on that message reach it."""
    with session_scope(engine) as session:
        session.exec(update(Draft).where(col(Draft.id) == draft_id).values(slack_channel=channel, slack_ts=ts))


def pending_drafts(engine: Engine, *, owner_id: int, limit: int = 20) -> list[Draft]:
    """Drafts still waiting for this owner's decision, oldest first."""
    with session_scope(engine) as session:
        stmt = (
            select(Draft)
            .where(col(Draft.owner_id) == owner_id, col(Draft.status) == "pending")
            .order_by(col(Draft.created_at), col(Draft.id))
            .limit(limit)
        )
        return list(session.exec(stmt).all())


def _describe_decided(draft: Draft) -> str:
    who = f" by <@{draft.decided_by}>" if draft.decided_by else ""
    if draft.status == "discarded":
        return f"This draft was already discarded{who}."
    if draft.status == "failed":
        return f"This draft was already approved{who}, but writing it failed."
    return f"This draft was already approved{who}."  # approved, executing or executed


def decide_draft(
    engine: Engine,
    draft_id: int,
    *,
    decision: Literal["approve", "discard"],
    decided_by_slack_user: str,
    is_manager: bool,
    owner_slack_user: str | None,
    now: datetime | None = None,
) -> Decision:
    """Approve or discard a pending draft, exactly once, and only for its owner or a manager."""
    if decision not in ("approve", "discard"):
        raise DraftError(f"unknown decision {decision!r}")
    draft = get_draft(engine, draft_id)
    if draft is None:
        return Decision("not_found", None, "That draft no longer exists.")
    if not is_manager and (owner_slack_user is None or decided_by_slack_user != owner_slack_user):
        owner = f"<@{owner_slack_user}>" if owner_slack_user else "its owner"
        return Decision("not_allowed", draft, f"This draft is not yours: only {owner} or a manager can decide on it.")
    if draft.status != "pending":
        return Decision("already_decided", draft, _describe_decided(draft))
    target: Literal["approved", "discarded"] = "approved" if decision == "approve" else "discarded"
    with session_scope(engine) as session:
        moved = session.exec(
            update(Draft)
            .where(col(Draft.id) == draft_id, col(Draft.status) == "pending")
            .values(status=target, decided_by=decided_by_slack_user, decided_at=now or utcnow())
        ).rowcount
    draft = get_draft(engine, draft_id)
    assert draft is not None
    if moved != 1:
        return Decision("already_decided", draft, _describe_decided(draft))
    verb = "Approved" if target == "approved" else "Discarded"
    return Decision(target, draft, f"{verb} by <@{decided_by_slack_user}>.")


def update_draft_payload(engine: Engine, draft_id: int, changes: dict[str, Any]) -> Draft:
    """Edit a pending draft's payload (the Edit modal); refused once it has been decided."""
    with session_scope(engine) as session:
        draft = session.get(Draft, draft_id)
        if draft is None:
            raise DraftError("That draft no longer exists.")
        payload = {**(draft.payload or {}), **changes}
        moved = session.exec(
            update(Draft).where(col(Draft.id) == draft_id, col(Draft.status) == "pending").values(payload=payload)
        ).rowcount
        if moved != 1:
            raise DraftError(_describe_decided(draft))
    fresh = get_draft(engine, draft_id)
    assert fresh is not None
    return fresh


def execute_draft(engine: Engine, draft_id: int, *, writer: Writer, now: datetime | None = None) -> Execution:
    """Run an approved draft's write once: claim approved → executing, write, then record executed or failed."""
    with session_scope(engine) as session:
        claimed = session.exec(
            update(Draft).where(col(Draft.id) == draft_id, col(Draft.status) == "approved").values(status="executing")
        ).rowcount
    draft = get_draft(engine, draft_id)
    if draft is None:
        return Execution(False, "missing", None, "That draft no longer exists.")
    if claimed != 1:
        return Execution(False, draft.status, draft.result, f"Not executed here: the draft is {draft.status}.")
    try:
        result = writer(draft)
    except Exception as exc:  # the writer is an edge (HubSpot, store): record the failure, never lose it
        log.exception("draft %s: write failed", draft_id)
        result = {"error": f"{type(exc).__name__}: {exc}"}
        status = "failed"
    else:
        status = "executed"
    with session_scope(engine) as session:
        session.exec(
            update(Draft)
            .where(col(Draft.id) == draft_id, col(Draft.status) == "executing")
            .values(status=status, result=result, executed_at=now or utcnow())
        )
    summary = result.get("summary") if status == "executed" else result.get("error")
    return Execution(status == "executed", status, result, str(summary or status))


STUCK_AFTER = timedelta(minutes=10)
"""An `executing` draft approved longer ago than this lost its worker (crash, deploy) and may be retried."""


def retry_draft(
    engine: Engine, draft_id: int, *, writer: Writer, now: datetime | None = None, stuck_after: timedelta = STUCK_AFTER
) -> Execution:
    """Run an approved draft's write again after it failed, or after its worker died mid-write (`executing`, stuck).

    Safe by construction: the move back to `approved` is conditional (one retrier wins), and the writers are keyed by
    the draft's idempotency key, so an object the dead worker already created in HubSpot is found and adopted, not
    created a second time.
    """
    now = now or utcnow()
    with session_scope(engine) as session:
        moved = session.exec(
            update(Draft)
            .where(col(Draft.id) == draft_id)
            .where(
                (col(Draft.status) == "failed")
                | ((col(Draft.status) == "executing") & (col(Draft.decided_at) < now - stuck_after))
            )
            .values(status="approved")
        ).rowcount
    if moved != 1:
        draft = get_draft(engine, draft_id)
        status = draft.status if draft else "missing"
        return Execution(False, status, draft.result if draft else None, f"Not retried: the draft is {status}.")
    return execute_draft(engine, draft_id, writer=writer, now=now)


def recover_stuck_drafts(
    engine: Engine, *, writer: Writer, now: datetime | None = None, stuck_after: timedelta = STUCK_AFTER
) -> list[Execution]:
    """Re-run every draft whose worker died mid-write (`executing` for longer than `stuck_after`), once each.

    An approval must not be lost to a crash or a deploy between "executing" and "executed". Failed drafts are left to
    a person (their error may need a fix first; Slack shows them a Retry button).
    """
    now = now or utcnow()
    with session_scope(engine) as session:
        stuck = session.exec(
            select(pk_col(Draft.id))
            .where(col(Draft.status) == "executing", col(Draft.decided_at) < now - stuck_after)
            .order_by(col(Draft.id))
        ).all()
    return [retry_draft(engine, draft_id, writer=writer, now=now, stuck_after=stuck_after) for draft_id in stuck]


# --- the local writer ---------------------------------------------------------------------------------------------


def _engagement_for(draft: Draft, now: datetime) -> Engagement:
    payload = draft.payload or {}
    subject = str(payload.get("subject") or payload.get("title") or "")[:500] or None
    body = str(payload.get("body") or payload.get("text") or "") or None
    if draft.kind == "email":
        return Engagement(type="email", direction="outbound", status="draft", subject=subject, body=body)
    if draft.kind == "task":
        due = payload.get("due_at")
        due_at = datetime.fromisoformat(due) if isinstance(due, str) else None
        return Engagement(type="task", status="open", subject=subject, body=body, due_at=due_at)
    return Engagement(type="note", subject=subject, body=body)


def _apply_deal_update(session: Session, draft: Draft) -> list[str]:
    changes = (draft.payload or {}).get("properties") or {}
    deal = session.get(Deal, draft.deal_id) if draft.deal_id else None
    if deal is None or not changes:
        return []
    applied = []
    for name, value in changes.items():
        if name not in LOCAL_DEAL_FIELDS:
            continue
        if name == "close_date" and isinstance(value, str):
            value = date.fromisoformat(value)
        setattr(deal, name, value)
        applied.append(name)
    deal.updated_at = utcnow()
    session.add(deal)
    return applied


def record_locally(engine: Engine) -> Writer:
    """A writer that records the draft in the store (HubSpot not configured), once per idempotency key."""

    def write(draft: Draft) -> dict[str, Any]:
        now = utcnow()
        with session_scope(engine) as session:
            done = session.get(WriteBack, draft.idempotency_key)
            if done is not None:  # a re-run after a crash between write and bookkeeping: do not write again
                return {"summary": f"{draft.kind} already {LOCAL_LABEL}", "where": "local", "duplicate": True}
            session.add(
                WriteBack(
                    idempotency_key=draft.idempotency_key,
                    object_type="engagement" if draft.kind != "crm_update" else "deal",
                    operation=f"local_{draft.kind}",
                    status="done",
                    created_at=now,
                    completed_at=now,
                )
            )
            engagement = _engagement_for(draft, now)
            engagement.deal_id, engagement.company_id, engagement.owner_id = (
                draft.deal_id,
                draft.company_id,
                draft.owner_id,
            )
            engagement.occurred_at, engagement.updated_at = now, now
            applied = _apply_deal_update(session, draft) if draft.kind == "crm_update" else []
            session.add(engagement)
            session.flush()
            label = {"email": "Email", "task": "Task", "note": "Note", "crm_update": "CRM update"}[draft.kind]
            detail = f" ({', '.join(applied)})" if applied else ""
            return {
                "summary": f"{label}{detail} {LOCAL_LABEL}",
                "where": "local",
                "engagement_id": engagement.id,
                "applied": applied,
            }

    return write


# --- the HubSpot writer -------------------------------------------------------------------------------------------

HUBSPOT_LABEL = "in HubSpot"
# Our deal fields → HubSpot deal properties a `crm_update` draft may set.
HUBSPOT_DEAL_PROPERTIES = {
    "next_step": "hs_next_step",
    "close_date": "closedate",
    "amount": "amount",
    "stage": "dealstage",
}


@dataclass(frozen=True)
class _HubSpotIds:
    owner: str | None
    deal: str | None
    company: str | None
    contact: str | None


def _hubspot_ids(engine: Engine, draft: Draft) -> _HubSpotIds:
    """The HubSpot ids of the draft's owner, deal, company and contact (the payload's `contact_id`, else `to`)."""
    from store.models import Company, Contact, Owner

    payload = draft.payload or {}
    with session_scope(engine) as session:
        owner = session.get(Owner, draft.owner_id) if draft.owner_id else None
        deal = session.get(Deal, draft.deal_id) if draft.deal_id else None
        company_id = draft.company_id or (deal.company_id if deal else None)
        company = session.get(Company, company_id) if company_id else None
        contact = session.get(Contact, payload["contact_id"]) if isinstance(payload.get("contact_id"), int) else None
        if contact is None and isinstance(payload.get("to"), str) and payload["to"].strip():
            contact = session.exec(
                select(Contact).where(col(Contact.email) == payload["to"].strip(), col(Contact.hubspot_id).is_not(None))
            ).first()
        return _HubSpotIds(
            owner.hubspot_id if owner else None,
            deal.hubspot_id if deal else None,
            company.hubspot_id if company else None,
            contact.hubspot_id if contact else None,
        )


def _due_at(payload: dict[str, Any], now: datetime) -> datetime:
    due = payload.get("due_at")
    if isinstance(due, str) and due:
        parsed = datetime.fromisoformat(due)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=now.tzinfo)
    return now + timedelta(days=1)


def hubspot_key(draft: Draft, part: str | None = None) -> str:
    """The `WriteBackService` key of a draft's write: the draft's own idempotency key (plus a part for a 2nd write)."""
    return f"draft:{draft.idempotency_key}" + (f":{part}" if part else "")


def _email_task_text(payload: dict[str, Any], subject: str, body: str) -> str:
    head = [f"To: {payload['to']}"] if payload.get("to") else []
    head += [f"Subject: {subject}"] if subject else []
    return "\n".join(["Follow-up email approved in Sales OS: send it from your mailbox.", *head, "", body])


def hubspot_writer(engine: Engine, settings: Settings, *, service: Any = None) -> Writer:
    """A writer that creates the task / note in HubSpot (or updates the deal or company), once per draft.

    Follow-up emails: HubSpot has no draft-email object and its API cannot send from a rep's mailbox; logging an email
    engagement would claim it was sent (and the rep's inbox integration would log the real one again). So an approved
    email becomes a HubSpot task "Send follow-up email: <subject>" for the AE, due now, carrying the recipient,
    subject and approved text: it sits in the AE's task queue until they send it and tick it off, and the Slack reply
    says exactly that. Every write goes through `WriteBackService` keyed by the draft's idempotency key
    (`hubspot_key`), so a retry, a double approval or a crash between the HTTP call and the bookkeeping never writes
    twice.
    """
    if service is None:
        from tools.hubspot import HubSpotClient, WriteBackService

        service = WriteBackService(engine, HubSpotClient.from_settings(settings))

    def write(draft: Draft) -> dict[str, Any]:
        payload = draft.payload or {}
        ids = _hubspot_ids(engine, draft)
        targets = {"owner_id": ids.owner, "deal_id": ids.deal, "company_id": ids.company, "contact_id": ids.contact}
        subject = str(payload.get("subject") or payload.get("title") or "").strip()
        body = str(payload.get("body") or payload.get("text") or "").strip()
        if draft.kind == "task":
            result = service.create_task(
                hubspot_key(draft),
                subject=subject or "Follow up",
                due_at=_due_at(payload, utcnow()),
                body=body or None,
                **targets,
            )
            summary = f"Task created {HUBSPOT_LABEL}"
        elif draft.kind == "email":
            result = service.create_task(
                hubspot_key(draft),
                subject=f"Send follow-up email: {subject}" if subject else "Send follow-up email",
                due_at=utcnow(),
                body=_email_task_text(payload, subject, body),
                priority="HIGH",
                **targets,
            )
            summary = (
                f"Task to send this email created {HUBSPOT_LABEL} (the text is in the task; send it from your mailbox)"
            )
        elif draft.kind == "note":
            text = f"{subject}\n\n{body}" if subject and body else (body or subject)
            result = service.create_note(hubspot_key(draft), body=text, **targets)
            summary = f"Note logged {HUBSPOT_LABEL}"
        else:
            return _write_crm_update(service, draft, ids, body)
        return {
            "summary": summary,
            "where": "hubspot",
            "hubspot_id": result.hubspot_id,
            "written_now": result.written_now,
        }

    return write


def _write_crm_update(service: Any, draft: Draft, ids: _HubSpotIds, body: str) -> dict[str, Any]:
    """PATCH the deal (or, without one, the company): our deal fields and the Sales OS properties, once per draft."""
    from tools.hubspot.writeback import SALES_OS_PROPERTIES

    object_type, object_id = ("deals", ids.deal) if ids.deal else ("companies", ids.company)
    changes = (draft.payload or {}).get("properties") or {}
    sales_os = SALES_OS_PROPERTIES.get(object_type, {})
    properties: dict[str, str] = {}
    applied: list[str] = []
    for name, value in changes.items():
        hubspot_name = HUBSPOT_DEAL_PROPERTIES.get(name) if object_type == "deals" else None
        hubspot_name = hubspot_name or (name if name in sales_os else None)
        if hubspot_name is None:
            continue
        properties[hubspot_name] = "" if value is None else str(value)
        applied.append(name)
    if object_id is None or not properties:
        raise DraftError("this CRM update has no HubSpot deal or company, or no field HubSpot accepts")
    result = service.update_properties(hubspot_key(draft), object_type, object_id, properties)
    if body:
        service.create_note(
            hubspot_key(draft, "note"),
            body=body,
            owner_id=ids.owner,
            deal_id=ids.deal,
            company_id=ids.company,
            contact_id=ids.contact,
        )
    label = "Deal" if object_type == "deals" else "Company"
    return {
        "summary": f"{label} updated {HUBSPOT_LABEL} ({', '.join(applied)})",
        "where": "hubspot",
        "hubspot_id": result.hubspot_id,
        "applied": applied,
    }


def default_writer(engine: Engine, settings: Settings) -> Writer:
    """HubSpot's write-back when HUBSPOT_ACCESS_TOKEN is set, else `record_locally`."""
    if getattr(settings, "hubspot_configured", False):
        return hubspot_writer(engine, settings)
    return record_locally(engine)
