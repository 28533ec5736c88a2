"""Commands that name their capability: `/salesos brief Acme` calls the brief with company="Acme", no guessing.

A subcommand maps straight to (capability, arguments) through the capability records' `Subcommand`; only free text
(`/salesos what's the latest on Acme?`, `/salesos ask ...`) goes through understanding. A subcommand whose rest is a
filter phrase (`/salesos deals closing this month`) has that phrase read by understanding for that one capability:
when the phrase means something else, the answer says so instead of answering another question.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Engine
from sqlmodel import Session

from bot.copilot.answer import CopilotAnswer
from bot.copilot.render import Renderer, error_reply
from bot.copilot.reply import Context, Fields, Header, Reply, Section
from bot.copilot.understanding import route
from store.meta import answer_clock
from tools.capabilities import Capability, Subcommand, ToolContext, ToolUserError, run_capability, subcommands
from tools.resolve import AskerUnknown

if TYPE_CHECKING:
    from settings import Settings

COMMAND = "/salesos"


@dataclass(frozen=True)
class CommandRequest:
    """What `/salesos <text>` asks for: the help, a free-text question, or one capability with its arguments."""

    kind: Literal["help", "question", "capability"]
    text: str = ""
    """The question (kind `question`) or the filter phrase still to read (kind `capability`, `arg=None`)."""
    capability: str | None = None
    args: Mapping[str, Any] = field(default_factory=dict)


def asks_for_help(text: str) -> bool:
    """Whether `/salesos <text>` asks for the help: `parse_command(text).kind == "help"`, read more cheaply.

    Every slash command's ack asks this twice, under a burst; the subcommand table is not needed to know it.
    """
    words = (text or "").strip().split(maxsplit=1)
    return not words or words[0].lower() == "help" or (words[0].lower() == "ask" and len(words) == 1)


def parse_command(text: str) -> CommandRequest:
    """Split `/salesos` text into a request; an unknown first word makes the whole text a question."""
    words = (text or "").strip().split(maxsplit=1)
    if not words or words[0].lower() == "help":
        return CommandRequest("help")
    name, rest = words[0].lower(), (words[1].strip() if len(words) > 1 else "")
    if name == "ask":
        return CommandRequest("question", rest) if rest else CommandRequest("help")
    found = subcommands().get(name)
    if found is None:
        return CommandRequest("question", text.strip())
    sub, cap = found
    if not rest:
        return CommandRequest("capability", capability=cap.name, args={**sub.defaults, **sub.when_empty})
    if sub.arg is None:
        return CommandRequest("capability", rest, capability=cap.name, args=dict(sub.defaults))
    return CommandRequest("capability", capability=cap.name, args={**sub.defaults, sub.arg: _typed(cap, sub.arg, rest)})


def _typed(cap: Capability, arg: str, text: str) -> Any:
    """The typed text as the argument's type: a number argument takes the number the text starts with ("7+ days")."""
    field_info = cap.args_schema.model_fields.get(arg)
    if field_info is not None and field_info.annotation is int:
        number = re.match(r"\s*(\d{1,6})\b", text)
        return int(number.group(1)) if number else text
    return text


def filter_args(cap: Capability, phrase: str, *, session: Session, now: datetime, settings: Settings) -> dict[str, Any]:
    """The arguments a filter phrase gives one capability; ToolUserError when it reads as another question."""
    for candidate in (phrase, f"{cap.subcommand.name if cap.subcommand else ''} {phrase}"):
        decision = route(
            candidate, session=session, now=now, tz=settings.team_timezone, silent_default=settings.silent_business_days
        )
        if decision.tool == cap.name:
            return dict(decision.args)
    raise ToolUserError(
        f"I couldn't read “{phrase}” as a filter for {cap.summary or cap.name}. "
        f"Try `{COMMAND} {cap.subcommand.usage if cap.subcommand else cap.name}`, or ask it as a question."
    )


def run_command(
    request: CommandRequest,
    *,
    engine: Engine,
    settings: Settings,
    asker_owner_id: int | None = None,
    now: datetime | None = None,
    asker_hint: str | None = None,
    private: bool = False,
) -> CopilotAnswer:
    """Run a `capability` request: the named capability with its arguments, rendered like any answer.

    `private`: the answer goes to the asker alone (their DM), so their own sensitive records may be quoted.
    """
    assert request.kind == "capability" and request.capability is not None
    now = answer_clock(engine, now or datetime.now(UTC))  # an imported snapshot answers as of its last day
    renderer = Renderer(settings, engine, now)
    ctx = ToolContext(engine=engine, settings=settings, now=now, asker_owner_id=asker_owner_id, private=private)
    args = dict(request.args)
    name = request.capability
    try:
        if request.text:
            cap = next(c for _s, c in subcommands().values() if c.name == name)
            with Session(engine) as session:
                args = {**args, **filter_args(cap, request.text, session=session, now=now, settings=settings)}
        data = run_capability(ctx, name, args)
    except ToolUserError as exc:
        message = asker_hint if isinstance(exc, AskerUnknown) and asker_hint else str(exc)
        return CopilotAnswer(reply=error_reply(message), intent=name, tool_calls=[(name, args)])
    reply = renderer.render(data, source="/salesos command")
    return CopilotAnswer(reply=reply, intent=name, tool_calls=[(name, args)], data=[data], mode="command")


def commands_help() -> Reply:
    """What `/salesos` can do: one line per capability subcommand, read from the capability records."""
    found: list[Subcommand] = [sub for sub, _cap in subcommands().values()]
    reply = Reply(fallback="Sales OS commands", ephemeral=True)
    reply.add(Header("Sales OS"))
    pairs = [(f"{COMMAND} {s.usage}", s.help) for s in found]
    pairs += [(f"{COMMAND} ask <question>", "any question about the pipeline"), (f"{COMMAND} help", "this list")]
    for start in range(0, len(pairs), 10):  # Slack shows at most 10 fields per section
        reply.add(Fields(pairs[start : start + 10]))
    reply.add(
        Section(f"Anything else after `{COMMAND}` is a question, e.g. `{COMMAND} what's the latest on Acme?`"),
        Context(["DM me or @mention me in a channel to ask in a conversation."]),
    )
    return reply
