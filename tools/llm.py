"""The one place that builds the chat model: OpenAI, or any OpenAI-compatible server (Ollama, vLLM)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from settings import Settings


def chat_model(settings: Settings, *, timeout: float = 60.0) -> Any:
    """The configured chat model, deterministic (temperature 0) and with one retry.

    The OpenAI client needs an api key even for a local server, so a placeholder is passed when only
    OPENAI_BASE_URL is set. The import is deferred: langchain_openai takes over a second to import.
    """
    from langchain_openai import ChatOpenAI

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
    return ChatOpenAI(
        model=settings.openai_model,
        base_url=settings.openai_base_url,
        api_key=key,
        temperature=0,
        timeout=timeout,
        max_retries=1,
    )
