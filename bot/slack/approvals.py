"""Drafts in Slack: post a draft to its owner with Approve / Edit / Discard, and carry out a decision once.

The rules live in `tools/drafts.py` (who may decide, exactly-once moves); this module is the Slack side: rendering,
posting, "not yours" ephemerals, updating the draft message in place and posting the result in its thread. The calls,
leads and jobs modules post drafts with `post_draft` after `tools.drafts.create_draft`.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any, Literal

from bot.copilot.draft_view import APPROVE_ACTION as APPROVE_ACTION
from bot.copilot.draft_view import APPROVE_REACTIONS as APPROVE_REACTIONS
from bot.copilot.draft_view import DISCARD_ACTION as DISCARD_ACTION
from bot.copilot.draft_view import DISCARD_REACTIONS as DISCARD_REACTIONS
from bot.copilot.draft_view import EDIT_ACTION as EDIT_ACTION
from bot.copilot.draft_view import EDIT_VIEW, FIELD_KEYS, draft_reply
from bot.copilot.draft_view import KIND_LABELS as KIND_LABELS
from bot.copilot.draft_view import RETRY_ACTION as RETRY_ACTION
from bot.slack.blocks import post_reply, truncate, update_reply
from bot.slack.identity import dm_channel_for_owner, resolve_identity, slack_user_for_owner
from store.models import Draft
from tools.drafts import (
    Decision,
    decide_draft,
    execute_draft,
    get_draft,
    record_message,
    retry_draft,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.slack.blocks import Posted
    from bot.slack.deps import BotDeps

log = logging.getLogger(__name__)


def post_draft(engine: Engine | BotDeps, client: Any, draft_id: int, *, channel: str | None = None) -> Posted | None:
    """Post a pending draft to `channel` (default: a DM with its owner) and remember the message for reactions.

    Usable from a listener (its `deps` or `deps.engine`, and the listener's `client`) or a job (the engine and
    any WebClient). Returns None, with a warning, when the owner has no Slack user.
    """
    store = engine.engine  # a BotDeps works too (its store); an Engine's `.engine` is itself
    draft = get_draft(store, draft_id)
    if draft is None:
        raise ValueError(f"no draft {draft_id}")
    if channel is None:
        channel = dm_channel_for_owner(store, client, draft.owner_id) if draft.owner_id else None
        if channel is None:
            log.warning("draft %s: its owner has no Slack user; not posted", draft_id)
            return None
    posted = post_reply(client, channel, draft_reply(store, draft), max_messages=1)
    record_message(store, draft_id, channel=posted.channel, ts=posted.ts[0])
    return posted


def _ephemeral(client: Any, channel: str | None, user: str, text: str, thread_ts: str | None = None) -> None:
    if not channel:
        log.info("no channel to tell %s: %s", user, text)
        return
    client.chat_postEphemeral(channel=channel, user=user, text=truncate(text, 3000), thread_ts=thread_ts)


def can_decide(deps: BotDeps, client: Any, draft: Draft, slack_user: str) -> tuple[bool, str | None]:
    """Whether `slack_user` may decide on / edit the draft, and the owner's Slack user id."""
    identity = resolve_identity(deps.engine, client, slack_user, settings=deps.settings, now=deps.now())
    owner_user = slack_user_for_owner(deps.engine, client, draft.owner_id) if draft.owner_id else None
    allowed = identity.is_manager or (owner_user is not None and owner_user == slack_user)
    return allowed, owner_user


def carry_out_decision(
    deps: BotDeps,
    client: Any,
    *,
    draft_id: int,
    decision: Literal["approve", "discard"],
    slack_user: str,
    channel: str | None,
) -> Decision:
    """Decide on a draft for a click or a reaction: tell others "not yours", execute an approval once, report it.

    Only the caller whose conditional UPDATE won (`decision.acted`) executes, updates the draft message and posts the
    result in its thread; a losing double click gets an ephemeral "already approved by …".
    """
    draft = get_draft(deps.engine, draft_id)
    if draft is None:
        _ephemeral(client, channel, slack_user, "That draft no longer exists.")
        return Decision("not_found", None, "That draft no longer exists.")
    identity = resolve_identity(deps.engine, client, slack_user, settings=deps.settings, now=deps.now())
    owner_user = slack_user_for_owner(deps.engine, client, draft.owner_id) if draft.owner_id else None
    result = decide_draft(
        deps.engine,
        draft_id,
        decision=decision,
        decided_by_slack_user=slack_user,
        is_manager=identity.is_manager,
        owner_slack_user=owner_user,
        now=deps.now(),
    )
    where = channel or draft.slack_channel
    if not result.acted:
        _ephemeral(client, where, slack_user, result.message, thread_ts=None)
        return result
    note = None
    if result.outcome == "approved":
        execution = execute_draft(deps.engine, draft_id, writer=deps.writer, now=deps.now())
        if execution.status == "executed":
            note = execution.message
            thread_text = f":white_check_mark: Approved by <@{slack_user}>: {execution.message}."
        else:
            note = f"Write failed: {execution.message}"
            thread_text = f":warning: Approved by <@{slack_user}>, but the write failed: {execution.message}"
    else:
        thread_text = f":x: Discarded by <@{slack_user}>. Nothing was written."
    final = get_draft(deps.engine, draft_id)
    assert final is not None
    if final.slack_channel and final.slack_ts:
        update_reply(
            client, final.slack_channel, final.slack_ts, draft_reply(deps.engine, final, note=note), max_messages=1
        )
        client.chat_postMessage(channel=final.slack_channel, thread_ts=final.slack_ts, text=truncate(thread_text, 3000))
    elif where:
        client.chat_postMessage(channel=where, text=truncate(thread_text, 3000))
    return result


def carry_out_retry(deps: BotDeps, client: Any, *, draft_id: int, slack_user: str, channel: str | None) -> None:
    """Retry a failed write for its owner or a manager; the draft's idempotency key keeps it to one object."""
    draft = get_draft(deps.engine, draft_id)
    if draft is None:
        _ephemeral(client, channel, slack_user, "That draft no longer exists.")
        return
    allowed, owner_user = can_decide(deps, client, draft, slack_user)
    if not allowed:
        owner = f"<@{owner_user}>" if owner_user else "its owner"
        _ephemeral(client, channel or draft.slack_channel, slack_user, f"Only {owner} or a manager can retry this.")
        return
    execution = retry_draft(deps.engine, draft_id, writer=deps.writer, now=deps.now())
    if execution.status == "executed" and execution.executed:
        note = execution.message
        thread_text = f":white_check_mark: Retried by <@{slack_user}>: {execution.message}."
    elif execution.status == "failed":
        note = f"Write failed: {execution.message}"
        thread_text = f":warning: Retried by <@{slack_user}>, but the write failed again: {execution.message}"
    else:  # a second click, or someone else's retry already ran it
        _ephemeral(client, channel or draft.slack_channel, slack_user, execution.message)
        return
    final = get_draft(deps.engine, draft_id)
    assert final is not None
    if final.slack_channel and final.slack_ts:
        update_reply(
            client, final.slack_channel, final.slack_ts, draft_reply(deps.engine, final, note=note), max_messages=1
        )
        client.chat_postMessage(channel=final.slack_channel, thread_ts=final.slack_ts, text=truncate(thread_text, 3000))


def edit_view(draft: Draft, *, channel: str | None = None) -> dict[str, Any]:
    """The Edit modal: one input per editable payload key (subject, body, ...), prefilled."""
    payload = draft.payload or {}
    keys = [(key, label) for key, label in FIELD_KEYS if isinstance(payload.get(key), str)]
    keys.append(("body", "Text"))
    blocks = []
    for key, label in keys:
        element: dict[str, Any] = {"type": "plain_text_input", "action_id": "value", "multiline": key == "body"}
        current = str(payload.get(key) or (payload.get("text") if key == "body" else "") or "")
        if current:
            element["initial_value"] = truncate(current, 3000)
        element["max_length"] = 3000
        blocks.append(
            {
                "type": "input",
                "block_id": f"edit_{key}",
                "label": {"type": "plain_text", "text": label},
                "element": element,
            }
        )
    metadata = json.dumps({"draft_id": draft.id, "channel": channel})
    return {
        "type": "modal",
        "callback_id": EDIT_VIEW,
        "private_metadata": metadata,
        "title": {"type": "plain_text", "text": "Edit draft"},
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": blocks,
    }


def submitted_changes(view: dict[str, Any]) -> dict[str, str]:
    """The payload changes typed into the Edit modal."""
    values = (view.get("state") or {}).get("values") or {}
    changes = {}
    for block_id, inputs in values.items():
        if block_id.startswith("edit_"):
            value = (inputs.get("value") or {}).get("value")
            changes[block_id.removeprefix("edit_")] = value or ""
    return changes
