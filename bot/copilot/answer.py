"""The copilot's entry point, shared by Slack, `salesos ask` and `salesos chat`: question in, CopilotAnswer out.

With an LLM configured the LangChain agent picks the tools; without one the offline router does. Either way the same
tools run and the same builders (`bot/copilot/render.py`) write the reply.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session

from bot.copilot.render import Renderer, error_reply, help_reply
from bot.copilot.reply import Context, Divider, Reply, Section
from bot.copilot.understanding import Understanding, route
from store.meta import answer_clock
from tools.capabilities import ToolContext, ToolUserError, run_capability
from tools.resolve import AskerUnknown

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)


@dataclass
class CopilotAnswer:
    """An answer: the reply to show, the intent, the tool calls made and their structured results."""

    reply: Reply
    intent: str
    tool_calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    data: list[BaseModel] = field(default_factory=list)
    mode: str = "offline"
    """`offline` (router) or `agent` (LLM)."""


def answer(
    question: str,
    *,
    engine: Engine,
    settings: Settings,
    asker_owner_id: int | None = None,
    thread_key: str | None = None,
    now: datetime | None = None,
    library: Any = None,
    asker_hint: str | None = None,
) -> CopilotAnswer:
    """Answer a question about the sales workspace.

    `asker_hint` is what to say when the question is about "my" deals but the asker is no known owner (each surface
    knows how its users fix that: Slack names the profile email, the terminal `--as-owner`).
    """
    # An imported snapshot answers as of its own last day: silence is not counted to today's clock.
    now = answer_clock(engine, now or datetime.now(UTC))
    ctx = ToolContext(engine=engine, settings=settings, now=now, asker_owner_id=asker_owner_id, library=library)
    renderer = Renderer(settings, engine, now)
    if settings.llm_configured:
        try:
            result = _answer_with_agent(question, ctx, renderer, thread_key)
        except Exception:  # the LLM is outside the machine: when it fails, the offline copilot still answers
            log.exception("LLM agent failed; answering with the offline router")
            ctx.calls.clear()
            result = _answer_offline(question, ctx, renderer, asker_hint)
            result.reply.add(Context(elements=["The LLM was unreachable: answered by the offline copilot."]))
    else:
        result = _answer_offline(question, ctx, renderer, asker_hint)
        if thread_key:
            from bot.copilot.agent import save_turns

            save_turns(engine, thread_key, question, result.reply.fallback, now)
    return result


def _answer_offline(
    question: str, ctx: ToolContext, renderer: Renderer, asker_hint: str | None = None
) -> CopilotAnswer:
    with Session(ctx.engine) as session:
        decision: Understanding = route(
            question,
            session=session,
            now=ctx.now,
            tz=ctx.settings.team_timezone,
            silent_default=ctx.settings.silent_business_days,
        )
    if decision.intent == "help":
        return CopilotAnswer(reply=help_reply(), intent="help")
    if decision.tool is None:
        return CopilotAnswer(reply=help_reply(decision.problem), intent=decision.intent)
    try:
        data = run_capability(ctx, decision.tool, decision.args)
    except ToolUserError as exc:
        message = asker_hint if isinstance(exc, AskerUnknown) and asker_hint else str(exc)
        return CopilotAnswer(
            reply=error_reply(message), intent=decision.intent, tool_calls=[(decision.tool, decision.args)]
        )
    reply = renderer.render(data, decision.notes, source="offline copilot")
    return CopilotAnswer(
        reply=reply, intent=decision.intent, tool_calls=[(decision.tool, decision.args)], data=[data], mode="offline"
    )


def _answer_with_agent(question: str, ctx: ToolContext, renderer: Renderer, thread_key: str | None) -> CopilotAnswer:
    from bot.copilot.agent import run_agent, save_turns

    text = run_agent(question, ctx=ctx, thread_key=thread_key)
    reply = Reply(fallback=text[:300]).add(Section(text[:2_900] or "(no answer)"))
    done = [c for c in ctx.calls if c.result is not None]
    if done:
        # The records behind the answer, rendered by the same builders as offline (the last result carries them).
        shown = renderer.render(done[-1].result)  # type: ignore[arg-type]
        reply.add(Divider(), *shown.parts[: 45 - len(reply.parts)])
    else:
        reply = renderer.finish(reply)
    save_turns(ctx.engine, thread_key, question, text, ctx.now)
    intent = done[-1].name if done else "conversation"
    return CopilotAnswer(
        reply=reply,
        intent=intent,
        tool_calls=[(c.name, c.args) for c in ctx.calls],
        data=[c.result for c in done],  # type: ignore[misc]
        mode="agent",
    )
