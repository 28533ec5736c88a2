"""Events API listeners: DMs (message.im), @mentions (answered in thread) and ✅ / ❌ reactions on drafts.

Each listener acks and defers the work to the pool (see bot/slack/slack_app.py): a "working…" placeholder is posted at
once, then replaced in place with the copilot's answer.
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import TYPE_CHECKING, Any, Literal

from bot.copilot.reply import Reply
from bot.slack.approvals import APPROVE_REACTIONS, DISCARD_REACTIONS, carry_out_decision
from bot.slack.blocks import post_ephemeral_reply, text_reply, update_reply, working_blocks
from bot.slack.work import WorkRef
from tools.drafts import find_draft_by_message

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.slack.deps import BotDeps

log = logging.getLogger(__name__)
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
# Message subtypes that are not a person writing to us (edits, deletions, our own posts, joins).
# A shared file ("file_share") is the calls module's (bot/slack/calls_listeners.py: file_shared), not a question.
_IGNORED_SUBTYPES = {
    "bot_message",
    "message_changed",
    "message_deleted",
    "channel_join",
    "message_replied",
    "file_share",
}


def _ask(deps: BotDeps, client: Any, *, user: str, question: str, thread_key: str, private: bool) -> Reply:
    from bot.slack.assistant import answer_with_feedback

    return answer_with_feedback(deps, client, user=user, question=question, thread_key=thread_key, private=private)


def answer_in_place(
    deps: BotDeps,
    client: Any,
    *,
    channel: str,
    user: str,
    question: str,
    thread_ts: str | None,
    thread_key: str,
    work: WorkRef | None = None,
) -> None:
    """Post "working…", ask the copilot, replace the placeholder; private answers go to the asker only.

    A resumed run (the process answering died) reuses the placeholder it finds on `work`, so the user sees one
    message replaced in place, never a second "working…" or a second answer.
    """
    placeholder_ts = work.find_placeholder(client) if work is not None else None
    if placeholder_ts is None:
        text, blocks = working_blocks("Looking into it")
        if work is not None:
            work.remember_placeholder(channel, "")  # "about to post": a resumed run then looks for it first
        posted = client.chat_postMessage(
            channel=channel, text=text, blocks=blocks, thread_ts=thread_ts, **(work.metadata() if work else {})
        )
        placeholder_ts = str(posted["ts"])
        if work is not None:
            work.remember_placeholder(channel, placeholder_ts)
    is_dm = channel.startswith("D")
    # Only a DM is private: there the asker's own sensitive calls and notes may be quoted (tools.sensitive).
    reply = _ask(deps, client, user=user, question=question, thread_key=thread_key, private=is_dm)
    if reply.ephemeral and not is_dm:
        update_reply(client, channel, placeholder_ts, text_reply(f"<@{user}>, I sent you the answer privately."))
        post_ephemeral_reply(client, channel, user, reply, thread_ts=thread_ts)
        return
    update_reply(client, channel, placeholder_ts, reply, thread_ts=thread_ts or placeholder_ts)


def event_key(body: dict[str, Any]) -> str:
    """The durable-work key of an Events API delivery: its event id (Slack's retries carry the same one)."""
    return f"event:{body.get('event_id') or uuid.uuid4().hex}"


def register(app: App, deps: BotDeps) -> None:
    """Add the message.im, app_mention and reaction_added listeners (each a durable work kind)."""

    def handle_direct_message(event: dict[str, Any], client: Any, work: WorkRef | None = None) -> None:
        if event.get("channel_type") != "im" or event.get("bot_id") or event.get("subtype") in _IGNORED_SUBTYPES:
            return
        question = (event.get("text") or "").strip()
        if not question or not event.get("user"):
            return
        thread_ts = event.get("thread_ts")
        answer_in_place(
            deps,
            client,
            channel=event["channel"],
            user=event["user"],
            question=question,
            thread_ts=thread_ts,
            thread_key=f"im:{event['channel']}:{thread_ts or ''}",
            work=work,
        )

    def handle_app_mention(event: dict[str, Any], client: Any, work: WorkRef | None = None) -> None:
        if event.get("bot_id") or not event.get("user"):
            return
        question = _MENTION.sub("", event.get("text") or "").strip() or "help"
        thread_ts = event.get("thread_ts") or event["ts"]
        answer_in_place(
            deps,
            client,
            channel=event["channel"],
            user=event["user"],
            question=question,
            thread_ts=thread_ts,
            thread_key=f"thread:{event['channel']}:{thread_ts}",
            work=work,
        )

    def handle_reaction_added(event: dict[str, Any], client: Any, work: WorkRef | None = None) -> None:
        reaction = str(event.get("reaction", "")).split("::")[0]  # skin tones arrive as "white_check_mark::skin-tone-2"
        decision: Literal["approve", "discard"]
        if reaction in APPROVE_REACTIONS:
            decision = "approve"
        elif reaction in DISCARD_REACTIONS:
            decision = "discard"
        else:
            return
        item = event.get("item") or {}
        if item.get("type") != "message" or not item.get("channel") or not item.get("ts"):
            return
        draft = find_draft_by_message(deps.engine, item["channel"], item["ts"])
        if draft is None or draft.id is None:
            return  # a reaction on an ordinary message
        carry_out_decision(
            deps, client, draft_id=draft.id, decision=decision, slack_user=event["user"], channel=item["channel"]
        )

    deps.work_handlers.update(
        {"dm": handle_direct_message, "mention": handle_app_mention, "reaction": handle_reaction_added}
    )

    def is_question(event: dict[str, Any]) -> bool:
        return (
            event.get("channel_type") == "im"
            and not event.get("bot_id")
            and event.get("subtype") not in _IGNORED_SUBTYPES
            and bool((event.get("text") or "").strip())
        )

    @app.event("message")
    def on_message(ack: Any, body: dict[str, Any], event: dict[str, Any], client: Any) -> None:
        if is_question(event):  # stored before the ack: a crash after it cannot lose the question
            deps.submit("dm", event_key(body), event, client)
        ack()

    @app.event("app_mention")
    def on_app_mention(ack: Any, body: dict[str, Any], event: dict[str, Any], client: Any) -> None:
        deps.submit("mention", event_key(body), event, client)
        ack()

    @app.event("reaction_added")
    def on_reaction_added(ack: Any, body: dict[str, Any], event: dict[str, Any], client: Any) -> None:
        reaction = str(event.get("reaction", "")).split("::")[0]
        if reaction in APPROVE_REACTIONS | DISCARD_REACTIONS:  # only reactions that decide a draft are work
            deps.submit("reaction", event_key(body), event, client)
        ack()
