"""`/salesos <subcommand>`: ack at once with "working…", then answer through the copilot on the work pool.

Answers to a slash command are ephemeral (only the asker sees them): they are about the asker's own deals and may be
typed in any channel. The placeholder is replaced in place through the command's `response_url`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.copilot.reply import Context, Fields, Header, Reply, Section
from bot.slack.blocks import fallback_text, reply_to_blocks, respond_reply, text_reply, working_blocks
from bot.slack.identity import resolve_identity

if TYPE_CHECKING:
    from slack_bolt import App


log = logging.getLogger(__name__)
COMMAND = "/salesos"


@dataclass(frozen=True)
class Subcommand:
    """A `/salesos` subcommand: how it is phrased to the copilot and what it is for."""

    name: str
    usage: str
    help: str
    default_question: str
    prefix: str = ""


SUBCOMMANDS = {
    s.name: s
    for s in (
        Subcommand("help", "help", "this list", ""),
        Subcommand("brief", "brief <company>", "pre-call brief on an account", "brief", "brief "),
        Subcommand("ask", "ask <question>", "any question about the pipeline", "what can you do?", ""),
        Subcommand(
            "deals", "deals [filter]", "your open deals (e.g. `deals closing this month`)", "my open deals", "deals "
        ),
        Subcommand("silent", "silent [days]", "your deals where the buyer went quiet", "", ""),
        Subcommand("risk", "risk [company]", "deals at risk and why", "which of my deals are at risk?", "risk "),
        Subcommand(
            "digest",
            "digest",
            "the team's pipeline by owner (the full digest comes on Mondays)",
            "pipeline by owner",
            "pipeline by owner ",
        ),
        Subcommand("score", "score <lead>", "score an inbound lead", "score my newest inbound leads", "score "),
        Subcommand(
            "call",
            "call <company>",
            "summary and scorecard of the last call",
            "my last call",
            "summarize the last call with ",
        ),
        Subcommand(
            "library",
            "library <objection>",
            "objection handling and talk tracks",
            "what objections can you help with?",
            "how do I handle the objection: ",
        ),
    )
}


def parse_command(text: str, *, silent_days: int = 5) -> tuple[str, str]:
    """Split `/salesos` text into (subcommand, question for the copilot); unknown subcommands are questions."""
    words = (text or "").strip().split(maxsplit=1)
    if not words:
        return "help", ""
    name, rest = words[0].lower(), (words[1].strip() if len(words) > 1 else "")
    sub = SUBCOMMANDS.get(name)
    if sub is None:
        return "ask", text.strip()
    if name == "help":
        return "help", ""
    if name == "silent":
        days = re.match(r"(\d{1,3})\b", rest)
        n = int(days.group(1)) if days else silent_days
        return "silent", f"which of my deals are silent {n}+ days?"
    return name, (sub.prefix + rest) if rest else sub.default_question


def help_reply() -> Reply:
    """What `/salesos` can do."""
    reply = Reply(fallback="Sales OS commands", ephemeral=True)
    reply.add(Header("Sales OS"))
    reply.add(Fields([(f"/salesos {s.usage}", s.help) for s in SUBCOMMANDS.values()]))
    reply.add(
        Section("Anything else after `/salesos` is a question, e.g. `/salesos what's the latest on Acme?`"),
        Context(["DM me or @mention me in a channel to ask in a conversation."]),
    )
    return reply


def command_ack(command: dict[str, Any]) -> dict[str, Any]:
    """The immediate answer to `/salesos ...`: the help itself, or an ephemeral "working…" placeholder."""
    sub, _ = parse_command(command.get("text", ""))
    if sub == "help":
        reply = help_reply()
        return {"text": fallback_text(reply), "blocks": reply_to_blocks(reply), "response_type": "ephemeral"}
    text, blocks = working_blocks("Working on it")
    return {"text": text, "blocks": blocks, "response_type": "ephemeral"}


def register(app: App) -> None:
    """Add the `/salesos` listener."""
    from bot.slack.slack_app import bot_deps

    deps = bot_deps(app)

    def handle_salesos_command(ack: Any, command: dict[str, Any], respond: Any, client: Any) -> None:
        ack(**command_ack(command))
        sub, question = parse_command(command.get("text", ""), silent_days=deps.settings.silent_business_days)
        if sub != "help":
            deps.defer(answer_command, command, question, respond, client)

    def answer_command(command: dict[str, Any], question: str, respond: Any, client: Any) -> None:
        try:
            identity = resolve_identity(deps.engine, client, command["user_id"], settings=deps.settings, now=deps.now())
            result = deps.answer(
                question,
                engine=deps.engine,
                settings=deps.settings,
                asker_owner_id=identity.owner_id,
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
