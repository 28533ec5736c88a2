"""`/salesos <subcommand>`: ack at once with "working…", then answer on the work pool.

A subcommand calls its capability directly (`bot.copilot.direct`); free text goes through the copilot's understanding.

Answers to a slash command are ephemeral (only the asker sees them): they are about the asker's own deals and may be
typed in any channel. The placeholder is replaced in place through the command's `response_url`.
"""

from __future__ import annotations

import logging
import uuid
from functools import cache
from typing import TYPE_CHECKING, Any

from bot.copilot.direct import COMMAND, asks_for_help, commands_help, parse_command, run_command
from bot.slack.blocks import fallback_text, reply_to_blocks, respond_reply, text_reply, working_blocks
from bot.slack.identity import resolve_identity, unknown_owner_hint
from bot.slack.work import WorkRef

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.slack.deps import BotDeps


log = logging.getLogger(__name__)


def command_ack(command: dict[str, Any]) -> dict[str, Any]:
    """The immediate answer to `/salesos ...`: the help itself, or an ephemeral "working…" placeholder."""
    if asks_for_help(command.get("text", "")):
        reply = commands_help()
        return {"text": fallback_text(reply), "blocks": reply_to_blocks(reply), "response_type": "ephemeral"}
    return dict(_working_ack())


@cache
def _working_ack() -> dict[str, Any]:
    """The placeholder ack, built once: it is the same for every command (the ack's cost is paid under a burst).

    Its blocks are shared: callers serialise them, never change them.
    """
    text, blocks = working_blocks("Working on it")
    return {"text": text, "blocks": blocks, "response_type": "ephemeral"}


def command_key(command: dict[str, Any]) -> str:
    """The durable-work key of a slash command: its trigger id (unique per invocation)."""
    return f"cmd:{command.get('trigger_id') or command.get('response_url') or uuid.uuid4().hex}"


def register(app: App, deps: BotDeps) -> None:
    """Add the `/salesos` listener; its answer is durable work (`command`)."""
    from slack_bolt.context.respond import Respond

    def handle_salesos_command(ack: Any, command: dict[str, Any], client: Any) -> None:
        if parse_command(command.get("text", "")).kind != "help":
            deps.submit("command", command_key(command), dict(command), client)
        ack(**command_ack(command))

    def answer_command(command: dict[str, Any], client: Any, work: WorkRef | None = None) -> None:
        request = parse_command(command.get("text", ""))
        respond = Respond(response_url=command.get("response_url"))
        try:
            identity = resolve_identity(deps.engine, client, command["user_id"], settings=deps.settings, now=deps.now())
            if request.kind == "capability":
                result = run_command(
                    request,
                    engine=deps.engine,
                    settings=deps.settings,
                    asker_owner_id=identity.owner_id,
                    asker_hint=unknown_owner_hint(identity),
                    now=deps.now(),
                    private=str(command.get("channel_id", "")).startswith("D"),
                )
            else:
                result = deps.answer(
                    request.text,
                    engine=deps.engine,
                    settings=deps.settings,
                    asker_owner_id=identity.owner_id,
                    asker_hint=unknown_owner_hint(identity),
                    thread_key=f"cmd:{command.get('channel_id')}:{command['user_id']}",
                    now=deps.now(),
                    # typed in the user's DM with the app: their own sensitive records may be quoted there
                    private=str(command.get("channel_id", "")).startswith("D"),
                )
            reply = result.reply
        except Exception:
            incident = uuid.uuid4().hex[:12]
            log.exception("/salesos %r failed (incident %s)", command.get("text"), incident)
            reply = text_reply(
                f":warning: Sorry, something went wrong answering that (incident {incident}). Try again."
            )
        respond_reply(respond, reply, replace_original=True, response_type="ephemeral")

    deps.work_handlers["command"] = answer_command
    app.command(COMMAND)(handle_salesos_command)
    deps.edge_acks[COMMAND] = command_ack  # the HTTP router may send this ack before Bolt runs (bot/slack/server.py)
    deps.edge_work[COMMAND] = lambda form: (
        ("command", command_key(form), dict(form)) if not asks_for_help(form.get("text", "")) else None
    )
