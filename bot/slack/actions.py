"""Interactivity: the Approve / Edit / Discard buttons of a draft and the Edit modal's submission.

Buttons are acknowledged at once (empty ack); the decision runs on the work pool. Edit opens the modal from the pool
too: the work starts within milliseconds of the ack, well inside the trigger_id's 3-second life.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.slack.approvals import (
    APPROVE_ACTION,
    DISCARD_ACTION,
    EDIT_ACTION,
    EDIT_VIEW,
    RETRY_ACTION,
    can_decide,
    carry_out_decision,
    carry_out_retry,
    draft_reply,
    edit_view,
    submitted_changes,
)
from bot.slack.blocks import update_reply
from jobs.reactivation import DISMISS_ACTION, SNOOZE_ACTION
from tools.drafts import DraftError, get_draft, update_draft_payload

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.slack.deps import BotDeps

log = logging.getLogger(__name__)


def _draft_id(body: dict[str, Any]) -> int | None:
    try:
        return int(body["actions"][0]["value"])
    except (KeyError, IndexError, TypeError, ValueError):
        log.warning("draft action without a usable draft id: %r", (body.get("actions") or [None])[0])
        return None


def _channel(body: dict[str, Any]) -> str | None:
    return (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")


def decide_reactivation_click(deps: Any, client: Any, body: dict[str, Any], action: str) -> str:
    """Snooze or dismiss a lost deal of the reactivation DM, for its owner or a manager; tell the clicker privately."""
    from sqlmodel import Session

    from bot.slack.approvals import _ephemeral
    from bot.slack.identity import resolve_identity, slack_user_for_owner
    from store.models import Deal
    from tools.insights.salvage import decide_reactivation

    deal_id = _draft_id(body)
    user = body["user"]["id"]
    with Session(deps.engine) as session:
        deal = session.get(Deal, deal_id) if deal_id is not None else None
        if deal is None or deal.id is None:
            text = "That deal no longer exists."
        else:
            identity = resolve_identity(deps.engine, client, user, settings=deps.settings, now=deps.now())
            owner_user = slack_user_for_owner(deps.engine, client, deal.owner_id) if deal.owner_id else None
            if identity.is_manager or (owner_user is not None and owner_user == user):
                done = decide_reactivation(
                    session, deal_id=deal.id, owner_id=deal.owner_id, action=action, now=deps.now()
                )
                text = f"{deal.name}: {done}."
            else:
                text = "Only the deal's owner or a manager can snooze or dismiss it."
    _ephemeral(client, _channel(body), user, text)
    return text


def edit_errors(changes: dict[str, str]) -> dict[str, str]:
    """Problems with an Edit modal submission, by input block id (Slack shows them under the inputs)."""
    if "body" in changes and not changes["body"].strip():
        return {"edit_body": "The text cannot be empty."}
    return {}


def register(app: App, deps: BotDeps) -> None:
    """Add the draft buttons and the Edit modal listeners."""
    from bot.slack.home import publish_home

    def _decide(body: dict[str, Any], client: Any, decision: str) -> None:
        draft_id = _draft_id(body)
        if draft_id is None:
            return
        user = body["user"]["id"]
        carry_out_decision(deps, client, draft_id=draft_id, decision=decision, slack_user=user, channel=_channel(body))  # type: ignore[arg-type]
        if (body.get("view") or {}).get("type") == "home":  # clicked in the App Home: show the new state there
            publish_home(deps, client, user)

    def handle_approve(body: dict[str, Any], client: Any) -> None:
        _decide(body, client, "approve")

    def handle_discard(body: dict[str, Any], client: Any) -> None:
        _decide(body, client, "discard")

    def handle_retry(body: dict[str, Any], client: Any) -> None:
        draft_id = _draft_id(body)
        if draft_id is not None:
            carry_out_retry(deps, client, draft_id=draft_id, slack_user=body["user"]["id"], channel=_channel(body))

    def handle_edit(body: dict[str, Any], client: Any) -> None:
        draft_id = _draft_id(body)
        draft = get_draft(deps.engine, draft_id) if draft_id is not None else None
        user, channel = body["user"]["id"], _channel(body)
        if draft is None:
            return
        allowed, owner_user = can_decide(deps, client, draft, user)
        if not allowed or draft.status != "pending":
            text = (
                f"This draft is not yours: only <@{owner_user}> or a manager can edit it."
                if not allowed
                else f"This draft was already {draft.status}; it can no longer be edited."
            )
            if channel:
                client.chat_postEphemeral(channel=channel, user=user, text=text)
            return
        client.views_open(trigger_id=body["trigger_id"], view=edit_view(draft, channel=channel))

    def on_edit_submission(ack: Any, view: dict[str, Any], body: dict[str, Any], client: Any) -> None:
        errors = edit_errors(submitted_changes(view))
        if errors:
            ack(response_action="errors", errors=errors)  # Slack shows them under the inputs; nothing is saved
            return
        ack()
        deps.defer(handle_edit_submission, view, body, client)

    def handle_edit_submission(view: dict[str, Any], body: dict[str, Any], client: Any) -> None:
        try:
            meta = json.loads(view.get("private_metadata") or "{}")
            draft_id = int(meta["draft_id"])
        except (ValueError, KeyError, TypeError):
            log.warning("edit submission without a draft id: %r", view.get("private_metadata"))
            return
        user = body["user"]["id"]
        draft = get_draft(deps.engine, draft_id)
        if draft is None:
            return
        allowed, _owner = can_decide(deps, client, draft, user)
        channel = meta.get("channel") or draft.slack_channel
        if not allowed:
            if channel:
                client.chat_postEphemeral(channel=channel, user=user, text="This draft is not yours to edit.")
            return
        try:
            draft = update_draft_payload(deps.engine, draft_id, submitted_changes(view))
        except DraftError as exc:
            if channel:
                client.chat_postEphemeral(channel=channel, user=user, text=str(exc))
            return
        if draft.slack_channel and draft.slack_ts:
            update_reply(client, draft.slack_channel, draft.slack_ts, draft_reply(deps.engine, draft), max_messages=1)

    def deferred(work: Callable[[dict[str, Any], Any], None]) -> Callable[..., None]:
        def listener(ack: Any, body: dict[str, Any], client: Any) -> None:
            ack()
            deps.defer(work, body, client)

        listener.__name__ = f"on_{work.__name__}"
        return listener

    def handle_snooze(body: dict[str, Any], client: Any) -> None:
        decide_reactivation_click(deps, client, body, "snoozed")

    def handle_dismiss(body: dict[str, Any], client: Any) -> None:
        decide_reactivation_click(deps, client, body, "dismissed")

    app.action(SNOOZE_ACTION)(deferred(handle_snooze))
    app.action(DISMISS_ACTION)(deferred(handle_dismiss))
    app.action(APPROVE_ACTION)(deferred(handle_approve))
    app.action(DISCARD_ACTION)(deferred(handle_discard))
    app.action(RETRY_ACTION)(deferred(handle_retry))
    app.action(EDIT_ACTION)(deferred(handle_edit))
    app.view(EDIT_VIEW)(on_edit_submission)
