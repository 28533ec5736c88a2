"""Slack's AI-app surface: assistant threads, the copilot's clarifying-question buttons, and 👍/👎 on answers.

- Assistant threads (Bolt's `Assistant` middleware): a new thread gets suggested prompts taken from the capability
  records' examples; each question sets the thread's title and a "looking into it" status while the copilot works,
  and the answer is posted in the thread. The conversation's state is the thread's (`assistant:<channel>:<thread>`),
  so "and for Dana?" works there as in a DM.
- A clarifying question's buttons (`copilot_choice_<n>`) carry the capability and arguments of each reading: a click
  answers with that reading, in place of the question.
- Every copilot answer in a DM, thread or assistant thread ends with 👍 / 👎; a click stores the question, the
  capability and its arguments with the rating (a `ConversationTurn` of role `feedback`), so the team's own eval set
  grows from real misses (`feedback_rows`).
"""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.copilot.reply import Actions, Button, Reply
from bot.slack.blocks import post_reply, text_reply, update_reply
from bot.slack.identity import resolve_identity, unknown_owner_hint
from store.models import ConversationTurn

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.copilot.answer import CopilotAnswer
    from bot.slack.deps import BotDeps

log = logging.getLogger(__name__)

CHOICE_ACTION = re.compile(r"^copilot_choice_\d+$")
FEEDBACK_ACTION = re.compile(r"^copilot_feedback_(?:up|down)$")
FEEDBACK_ROLE = "feedback"
SUGGESTED_PROMPTS = 4
TITLE_LIMIT = 80


def feedback_actions(question: str, result: CopilotAnswer) -> Actions:
    """👍 / 👎 buttons carrying the question, the capability and its arguments."""
    tool, args = result.tool_calls[-1] if result.tool_calls else (None, {})
    value = json.dumps({"q": question[:900], "tool": tool, "args": args, "intent": result.intent}, default=str)
    if len(value) > 2000:  # Slack's limit on a button value: keep the question and the capability
        value = json.dumps({"q": question[:900], "tool": tool, "args": {}, "intent": result.intent})
    return Actions(
        buttons=[
            Button(text="👍", action_id="copilot_feedback_up", value=value),
            Button(text="👎", action_id="copilot_feedback_down", value=value),
        ]
    )


def answer_with_feedback(
    deps: BotDeps, client: Any, *, user: str, question: str, thread_key: str, private: bool = False
) -> Reply:
    """The copilot's answer to a Slack user, with the feedback buttons (a friendly message if it failed).

    `private`: the answer is posted in the user's DM, so their own sensitive records may be quoted.
    """
    try:
        identity = resolve_identity(deps.engine, client, user, settings=deps.settings, now=deps.now())
        result = deps.answer(
            question,
            engine=deps.engine,
            settings=deps.settings,
            asker_owner_id=identity.owner_id,
            asker_hint=unknown_owner_hint(identity),
            thread_key=thread_key,
            now=deps.now(),
            private=private,
        )
    except Exception:
        log.exception("copilot failed on %r", question)
        return text_reply(":warning: Sorry, something went wrong answering that. The error is logged; try again.")
    reply = result.reply
    if getattr(result, "intent", None) not in (None, "clarify", "help"):
        reply.add(feedback_actions(question, result))
    return reply


def store_feedback(
    engine: Engine, *, rating: str, value: str, user: str, channel: str | None, now: datetime
) -> dict[str, Any]:
    """Store a 👍/👎 with the question, capability and arguments it rates; return what was stored."""
    try:
        rated = json.loads(value)
    except ValueError:
        rated = {"q": value}
    row = {**rated, "rating": rating, "user": user, "channel": channel, "at": now.isoformat()}
    with Session(engine) as session:
        session.add(
            ConversationTurn(
                thread_key=f"feedback:{channel or ''}", role=FEEDBACK_ROLE, content=json.dumps(row), created_at=now
            )
        )
        session.commit()
    return row


def feedback_rows(engine: Engine) -> list[dict[str, Any]]:
    """Every stored rating, oldest first (question, tool, args, rating, user, channel, at)."""
    with Session(engine) as session:
        rows = session.exec(
            select(ConversationTurn)
            .where(ConversationTurn.role == FEEDBACK_ROLE)
            .order_by(ConversationTurn.created_at, ConversationTurn.id)  # type: ignore[arg-type]
        ).all()
    return [json.loads(r.content) for r in rows]


def register(app: App, deps: BotDeps) -> None:
    """Add the assistant-thread listeners, the clarifying-choice buttons and the feedback buttons."""
    from slack_bolt import Assistant

    from bot.copilot.answer import run_choice
    from bot.copilot.render import suggested_prompts

    assistant = Assistant()

    @assistant.thread_started
    def start_thread(say: Any, set_suggested_prompts: Any) -> None:
        say("Hi! Ask me about your deals, accounts, calls or numbers: I answer from the CRM, with the records.")
        prompts = suggested_prompts(SUGGESTED_PROMPTS)
        set_suggested_prompts(prompts=[{"title": q[:75], "message": q} for q in prompts])

    @assistant.user_message
    def answer_in_thread(payload: dict[str, Any], set_status: Any, set_title: Any, client: Any) -> None:
        question = (payload.get("text") or "").strip()
        if not question or not payload.get("user"):
            return
        set_title(question[:TITLE_LIMIT])
        set_status("is looking into it…")
        channel, thread_ts = payload["channel"], payload["thread_ts"]
        reply = answer_with_feedback(
            deps,
            client,
            user=payload["user"],
            question=question,
            thread_key=f"assistant:{channel}:{thread_ts}",
            private=str(channel).startswith("D"),  # the assistant pane is the user's DM with the app
        )
        post_reply(client, channel, reply, thread_ts=thread_ts)

    app.use(assistant)

    def pick_choice(body: dict[str, Any], client: Any) -> None:
        action = (body.get("actions") or [{}])[0]
        try:
            picked = json.loads(action.get("value") or "{}")
        except ValueError:
            return
        user = (body.get("user") or {}).get("id", "")
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        message_ts = (body.get("message") or {}).get("ts") or (body.get("container") or {}).get("message_ts")
        if not picked.get("tool") or not channel or not message_ts:
            return
        identity = resolve_identity(deps.engine, client, user, settings=deps.settings, now=deps.now())
        result = run_choice(
            picked["tool"],
            dict(picked.get("args") or {}),
            engine=deps.engine,
            settings=deps.settings,
            asker_owner_id=identity.owner_id,
            now=deps.now(),
        )
        reply = result.reply.add(feedback_actions(action.get("text", {}).get("text", picked["tool"]), result))
        update_reply(client, channel, message_ts, reply)

    def rate(body: dict[str, Any], client: Any) -> None:
        action = (body.get("actions") or [{}])[0]
        rating = "up" if action.get("action_id", "").endswith("up") else "down"
        user = (body.get("user") or {}).get("id", "")
        channel = (body.get("channel") or {}).get("id")
        store_feedback(deps.engine, rating=rating, value=action.get("value") or "", user=user, channel=channel,
                       now=deps.now())  # fmt: skip
        if channel:
            thanks = "Thanks, noted." if rating == "up" else "Thanks: this question goes to the team's eval set."
            client.chat_postEphemeral(channel=channel, user=user, text=thanks)

    def deferred(work: Any) -> Any:
        def listener(ack: Any, body: dict[str, Any], client: Any) -> None:
            ack()
            deps.defer(work, body, client)

        listener.__name__ = f"on_{work.__name__}"
        return listener

    app.action(CHOICE_ACTION)(deferred(pick_choice))
    app.action(FEEDBACK_ACTION)(deferred(rate))
