"""The LLM copilot: a LangChain tool-calling agent over the same read-only tools as the offline router.

`ChatOpenAI` talks to OpenAI or any OpenAI-compatible server (OPENAI_BASE_URL: Ollama, vLLM, a test's loopback fake).
Conversation memory is kept per Slack thread / DM (`thread_key`) in the store's ConversationTurn table, so a restart
or a second replica continues the same conversation.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from prompts import load_prompt
from store.models import ConversationTurn, Owner
from tools.capabilities import ToolContext, langchain_tools

if TYPE_CHECKING:
    from settings import Settings

HISTORY_TURNS = 20
RECURSION_LIMIT = 16  # graph steps: about 7 tool rounds, then the agent must answer


def system_prompt(settings: Settings, now: datetime, asker: str) -> str:
    """Fill prompts/system.md with today's date, the team timezone and who is asking."""
    local = now.astimezone(ZoneInfo(settings.team_timezone))
    return load_prompt("system").format(
        today=local.date().isoformat(),
        weekday=f"{local:%A}",
        now_local=f"{local:%H:%M}",
        timezone=settings.team_timezone,
        asker=asker,
    )


def build_model(settings: Settings) -> Any:
    """The agent's chat model."""
    from tools.llm import chat_model

    return chat_model(settings, timeout=60)


def load_history(engine: Engine, thread_key: str | None, limit: int = HISTORY_TURNS) -> list[Any]:
    """The last `limit` turns of a conversation as LangChain messages, oldest first."""
    from langchain_core.messages import AIMessage, HumanMessage

    if not thread_key:
        return []
    with Session(engine) as session:
        rows = session.exec(
            select(ConversationTurn)
            .where(
                col(ConversationTurn.thread_key) == thread_key, col(ConversationTurn.role).in_(("user", "assistant"))
            )
            .order_by(col(ConversationTurn.created_at).desc(), col(ConversationTurn.id).desc())
            .limit(limit)
        ).all()
    rows = list(reversed(rows))
    return [HumanMessage(r.content) if r.role == "user" else AIMessage(r.content) for r in rows]


def save_turns(engine: Engine, thread_key: str | None, question: str, answer: str, now: datetime) -> None:
    """Append the question and the answer to the conversation's memory."""
    if not thread_key:
        return
    with Session(engine) as session:
        session.add(ConversationTurn(thread_key=thread_key, role="user", content=question, created_at=now))
        session.add(ConversationTurn(thread_key=thread_key, role="assistant", content=answer, created_at=now))
        session.commit()


def asker_label(engine: Engine, owner_id: int | None) -> str:
    """Name the asker for the prompt."""
    if owner_id is None:
        return 'not linked to a CRM owner (ask who they are if they say "my")'
    with Session(engine) as session:
        owner = session.get(Owner, owner_id)
    return f"{owner.name} (owner id {owner_id})" if owner else f"owner id {owner_id}"


def run_agent(question: str, *, ctx: ToolContext, thread_key: str | None = None, model: Any = None) -> str:
    """Answer `question` with the tool-calling agent; tools record their calls and results on `ctx`."""
    from langchain.agents import create_agent
    from langchain_core.messages import HumanMessage

    agent = create_agent(
        model or build_model(ctx.settings),
        tools=langchain_tools(ctx),
        system_prompt=system_prompt(ctx.settings, ctx.now, asker_label(ctx.engine, ctx.asker_owner_id)),
    )
    messages = [*load_history(ctx.engine, thread_key), HumanMessage(question)]
    out = agent.invoke({"messages": messages}, config={"recursion_limit": RECURSION_LIMIT})
    final = out["messages"][-1]
    content = final.content if isinstance(final.content, str) else _text_of(final.content)
    return content.strip()


def _text_of(content: list[Any]) -> str:
    return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
