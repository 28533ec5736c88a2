"""`/salesos <subcommand>`: ack at once with "working…", then answer on the work pool.

A subcommand calls its capability directly (`bot.copilot.direct`); free text goes through the copilot's understanding.

Answers to a slash command are ephemeral (only the asker sees them): they are about the asker's own deals and may be
typed in any channel. The placeholder is replaced in place through the command's `response_url`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from bot.copilot.direct import COMMAND, CommandRequest, commands_help, parse_command, run_command
from bot.slack.blocks import fallback_text, reply_to_blocks, respond_reply, text_reply, working_blocks
from bot.slack.identity import resolve_identity, unknown_owner_hint

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.slack.deps import BotDeps


log = logging.getLogger(__name__)


def command_ack(command: dict[str, Any]) -> dict[str, Any]:
    """The immediate answer to `/salesos ...`: the help itself, or an ephemeral "working…" placeholder."""
    if parse_command(command.get("text", "")).kind == "help":
        reply = commands_help()
        return {"text": fallback_text(reply), "blocks": reply_to_blocks(reply), "response_type": "ephemeral"}
    text, blocks = working_blocks("Working on it")
    return {"text": text, "blocks": blocks, "response_type": "ephemeral"}


def register(app: App, deps: BotDeps) -> None:
    """Add the `/salesos` listener."""

    def handle_salesos_command(ack: Any, command: dict[str, Any], respond: Any, client: Any) -> None:
        ack(**command_ack(command))
        request = parse_command(command.get("text", ""))
        if request.kind != "help":
            deps.defer(answer_command, command, request, respond, client)

    def answer_command(command: dict[str, Any], request: CommandRequest, respond: Any, client: Any) -> None:
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
                )
            reply = result.reply
        except Exception:
            log.exception("/salesos %r failed", command.get("text"))
            reply = text_reply(":warning: Sorry, something went wrong answering that. The error is logged; try again.")
        respond_reply(respond, reply, replace_original=True, response_type="ephemeral")

    app.command(COMMAND)(handle_salesos_command)
    deps.edge_acks[COMMAND] = command_ack  # the HTTP router may send this ack before Bolt runs (bot/slack/server.py)
