"""`salesos chat`: a terminal conversation with the copilot, through the same entry point as Slack."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from bot.copilot.answer import answer
from bot.copilot.reply import to_text

if TYPE_CHECKING:
    from settings import Settings

EXIT_WORDS = {"exit", "quit", "bye", ":q"}


def run_chat(
    engine: Engine,
    settings: Settings,
    *,
    asker_owner_id: int | None = None,
    read: Callable[[str], str] = input,
    write: Callable[[str], None] = print,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> int:
    """Read questions until EOF or "exit"; answer each one. One conversation (thread) per session."""
    thread_key = f"cli:{uuid.uuid4().hex[:12]}"
    mode = f"LLM ({settings.openai_model})" if settings.llm_configured else "offline copilot"
    write(f"Sales OS chat · {mode} · type 'help' for examples, 'exit' to leave.")
    while True:
        try:
            question = read("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            write("")
            return 0
        if not question:
            continue
        if question.lower() in EXIT_WORDS:
            return 0
        result = answer(
            question,
            engine=engine,
            settings=settings,
            asker_owner_id=asker_owner_id,
            thread_key=thread_key,
            now=clock(),
        )
        write(to_text(result.reply))
