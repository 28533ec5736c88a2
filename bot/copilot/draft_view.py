"""A draft as a render-neutral reply (what would be written, and the Approve / Edit / Discard buttons while pending).

Shared by the Slack room (`bot/slack/approvals.py` posts and updates draft messages) and the jobs that post drafts
(the monthly reactivation DM), which never import Slack.
"""

from __future__ import annotations

from typing import Any

from bot.copilot.reply import Actions, Button, Context, Fields, Header, Reply, Section
from store.db import session_scope
from store.models import Company, Deal, Draft

APPROVE_ACTION = "draft_approve"
EDIT_ACTION = "draft_edit"
DISCARD_ACTION = "draft_discard"
RETRY_ACTION = "draft_retry"
EDIT_VIEW = "draft_edit_view"
APPROVE_REACTIONS = frozenset({"white_check_mark", "heavy_check_mark", "ballot_box_with_check"})
DISCARD_REACTIONS = frozenset({"x", "negative_squared_cross_mark", "heavy_multiplication_x"})
KIND_LABELS = {"email": "Follow-up email", "task": "Task", "note": "Note", "crm_update": "CRM update"}
# Payload keys shown as fields and offered in the Edit modal, in this order; `body` is the long text.
FIELD_KEYS = (("to", "To"), ("subject", "Subject"), ("title", "Title"), ("due_at", "Due"))
STATUS_ICONS = {"executed": ":white_check_mark:", "discarded": ":x:", "failed": ":warning:", "approved": ":hourglass:"}


def _subject_names(engine: Any, draft: Draft) -> tuple[str | None, str | None]:
    with session_scope(engine) as session:
        deal = session.get(Deal, draft.deal_id) if draft.deal_id else None
        company = session.get(Company, draft.company_id) if draft.company_id else None
        return (deal.name if deal else None), (company.name if company else None)


def draft_reply(engine: Any, draft: Draft, *, note: str | None = None) -> Reply:
    """A draft as a reply: what would be written, and the buttons while it is pending."""
    payload = draft.payload or {}
    deal_name, company_name = _subject_names(engine, draft)
    about = deal_name or company_name
    title = KIND_LABELS.get(draft.kind, draft.kind) + (f" · {about}" if about else "")
    reply = Reply(fallback=f"{title}: waiting for your approval" if draft.status == "pending" else title)
    reply.add(Header(title))
    pairs = [(label, str(payload[key])) for key, label in FIELD_KEYS if payload.get(key)]
    if draft.kind == "crm_update":
        pairs += [(str(k), str(v)) for k, v in (payload.get("properties") or {}).items()]
    if pairs:
        reply.add(Fields(pairs))
    body = str(payload.get("body") or payload.get("text") or "")
    if body.strip():
        reply.add(Section(body))
    if draft.status == "pending":
        reply.add(
            Actions(
                [
                    Button("Approve", APPROVE_ACTION, str(draft.id), style="primary"),
                    Button("Edit", EDIT_ACTION, str(draft.id)),
                    Button("Discard", DISCARD_ACTION, str(draft.id), style="danger"),
                ]
            ),
            Context(["Approve or discard here, or react :white_check_mark: / :x: to this message."]),
        )
    elif draft.status == "failed":  # the write failed (HubSpot down, ...): nothing is lost, it can be run again
        icon = STATUS_ICONS["failed"]
        reply.add(
            Actions([Button("Retry", RETRY_ACTION, str(draft.id), style="primary")]),
            Context(
                [f"{icon} Approved" + (f" by <@{draft.decided_by}>" if draft.decided_by else "")]
                + ([note] if note else [])
                + ["The write failed: Retry runs it again, never twice."]
            ),
        )
    else:
        icon = STATUS_ICONS.get(draft.status, "")
        status = f"{icon} {draft.status.capitalize()}" + (f" by <@{draft.decided_by}>" if draft.decided_by else "")
        reply.add(Context([status] + ([note] if note else [])))
    return reply
