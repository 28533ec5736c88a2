"""The copilot's entry point, shared by Slack, `salesos ask` and `salesos chat`: question in, CopilotAnswer out.

With an LLM configured the LangChain agent picks the tools; without one the offline router does. Either way the same
tools run and the same builders (`bot/copilot/render.py`) write the reply.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session

from bot.copilot.render import Renderer, error_reply, help_reply
from bot.copilot.reply import Actions, Button, Context, Divider, Reply, Section
from bot.copilot.understanding import Choice, Understanding
from store.meta import answer_clock
from tools.capabilities import ToolContext, ToolUserError, get_capability, run_capability
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
    confidence: float = 1.0
    """How sure understanding was of the capability (offline)."""
    choices: list[Choice] = field(default_factory=list)
    """The readings offered when the answer is a clarifying question."""


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
    private: bool = False,
) -> CopilotAnswer:
    """Answer a question about the sales workspace.

    `asker_hint` is what to say when the question is about "my" deals but the asker is no known owner (each surface
    knows how its users fix that: Slack names the profile email, the terminal `--as-owner`). `private`: the answer
    goes to the asker alone (their DM), so their own sensitive calls and notes may be quoted (`tools.sensitive`).
    """
    # An imported snapshot answers as of its own last day: silence is not counted to today's clock.
    now = answer_clock(engine, now or datetime.now(UTC))
    ctx = ToolContext(
        engine=engine, settings=settings, now=now, asker_owner_id=asker_owner_id, library=library, private=private
    )
    renderer = Renderer(settings, engine, now)
    if settings.llm_configured:
        try:
            result = _answer_with_agent(question, ctx, renderer, thread_key)
        except Exception:  # the LLM is outside the machine: when it fails, the offline copilot still answers
            log.exception("LLM agent failed; answering with the offline router")
            ctx.calls.clear()
            result = _answer_offline(question, ctx, renderer, thread_key, asker_hint)
            result.reply.add(Context(elements=["The LLM was unreachable: answered by the offline copilot."]))
    else:
        result = _answer_offline(question, ctx, renderer, thread_key, asker_hint)
        if thread_key:
            from bot.copilot.agent import save_turns

            save_turns(engine, thread_key, question, result.reply.fallback, now)
    return result


def _answer_offline(
    question: str, ctx: ToolContext, renderer: Renderer, thread_key: str | None = None, asker_hint: str | None = None
) -> CopilotAnswer:
    from bot.copilot.decide import understand
    from bot.copilot.state import follow_up, load_state, next_state, save_state
    from bot.copilot.understanding import load_names

    state = load_state(ctx.engine, thread_key)
    with Session(ctx.engine) as session:
        decision, rewritten = follow_up(question, state, load_names(session))
        if decision is None:
            decision = understand(
                rewritten,
                session=session,
                now=ctx.now,
                tz=ctx.settings.team_timezone,
                silent_default=ctx.settings.silent_business_days,
            )
    result = _run_decision(decision, ctx, renderer, asker_hint)
    save_state(ctx.engine, thread_key, next_state(state, decision, result.data[0] if result.data else None), ctx.now)
    return result


def _run_decision(
    decision: Understanding, ctx: ToolContext, renderer: Renderer, asker_hint: str | None = None
) -> CopilotAnswer:
    """Run what understanding decided: an answer, a clarifying question, or what the copilot can do."""
    if decision.choices:
        return CopilotAnswer(
            reply=clarify_reply(decision), intent="clarify", confidence=decision.confidence, choices=decision.choices
        )
    if decision.intent == "help":
        return CopilotAnswer(reply=help_reply(), intent="help")
    if decision.tool is None:
        return CopilotAnswer(reply=help_reply(decision.problem), intent=decision.intent, confidence=decision.confidence)
    try:
        data = run_capability(ctx, decision.tool, decision.args)
    except ToolUserError as exc:
        message = asker_hint if isinstance(exc, AskerUnknown) and asker_hint else str(exc)
        return CopilotAnswer(
            reply=error_reply(message), intent=decision.intent, tool_calls=[(decision.tool, decision.args)]
        )
    notes = list(decision.notes)
    if decision.unapplied:
        cap = get_capability(decision.tool)
        what = cap.summary if cap and cap.summary else decision.tool.replace("_", " ")
        notes.insert(0, f"I couldn't apply {_and_list(decision.unapplied)} to {what}: this answer is without it.")
    reply = renderer.render(data, notes, source="offline copilot")
    return CopilotAnswer(
        reply=reply,
        intent=decision.intent,
        tool_calls=[(decision.tool, decision.args)],
        data=[data],
        mode="offline",
        confidence=decision.confidence,
    )


def run_choice(
    tool: str, args: dict[str, Any], *, engine: Engine, settings: Any, asker_owner_id: int | None, now: datetime
) -> CopilotAnswer:
    """Answer with the reading the asker picked from a clarifying question (a button in Slack)."""
    ctx = ToolContext(engine=engine, settings=settings, now=now, asker_owner_id=asker_owner_id)
    return _run_decision(Understanding(intent=tool, tool=tool, args=args), ctx, Renderer(settings, engine, now))


def answer_json(
    question: str, *, engine: Engine, settings: Any, asker_owner_id: int | None = None, now: datetime | None = None
) -> str:
    """`salesos ask --json`: the capability, arguments, confidence, choices and answer text, for scripts and evals."""
    from bot.copilot.reply import to_text

    result = answer(question, engine=engine, settings=settings, asker_owner_id=asker_owner_id, now=now)
    name, args = result.tool_calls[-1] if result.tool_calls else (None, {})
    payload = {
        "question": question,
        "mode": result.mode,
        "intent": result.intent,
        "capability": name,
        "arguments": args,
        "confidence": round(result.confidence, 3),
        "choices": [{"label": c.label, "capability": c.tool, "arguments": c.args} for c in result.choices],
        "answer": to_text(result.reply),
        "data": [d.model_dump(mode="json") for d in result.data],
    }
    return json.dumps(payload, indent=2, default=str)


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def describe_args(args: dict[str, Any]) -> str:
    """Arguments in a few words for a choice ("owners: Dana Whitfield; stages: contractsent")."""
    parts = []
    for key, value in args.items():
        shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        parts.append(f"{key.replace('_', ' ')}: {shown}")
    return "; ".join(parts)


def clarify_reply(decision: Understanding) -> Reply:
    """A clarifying question: the readings as numbered choices (terminal) and buttons (Slack)."""
    lines = [decision.problem or "Which do you mean?"]
    for i, choice in enumerate(decision.choices, start=1):
        detail = describe_args(choice.args)
        lines.append(f"{i}. {choice.label}" + (f" ({detail})" if detail else ""))
    lines.append("Reply with the number, or rephrase.")
    reply = Reply(fallback=lines[0]).add(Section("\n".join(lines)))
    buttons = [
        Button(
            text=f"{i}. {c.label}"[:75],
            action_id=f"copilot_choice_{i}",
            value=json.dumps({"tool": c.tool, "args": c.args})[:2000],
        )
        for i, c in enumerate(decision.choices, start=1)
    ]
    return reply.add(Actions(buttons=buttons))


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
