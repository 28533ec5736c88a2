"""The optional LLM reading of a lead's notes ("GPT scoring"): a 0–10 buying-intent rating used as one more feature.

Only used when an LLM is configured (OPENAI_API_KEY or OPENAI_BASE_URL) and LEAD_LLM_NOTES is on. The LLM gives a
number, never the score itself: the learned model decides how much that number counts, and the evaluation measures
the model with and without it. Ratings are cached by the notes' hash (memory and a JSON file next to the models), so
the history is read once and a retrain costs no calls. A failed call gives "no rating", never a failed intake.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from prompts import load_prompt

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)
_LOCK = threading.Lock()


def parse_rating(text: str) -> float | None:
    """Read the first number in the LLM's answer as a 0–10 rating (None when there is none)."""
    match = re.search(r"-?\d+(?:\.\d+)?", text or "")
    if not match:
        return None
    return max(0.0, min(10.0, float(match.group(0))))


def notes_rater(settings: Settings, *, timeout: float = 20.0) -> Callable[[str], float | None]:
    """A function notes → 0–10 rating through the configured OpenAI-compatible model, cached by notes hash."""
    from tools.llm import chat_model

    model = chat_model(settings, timeout=timeout)
    template = load_prompt("lead_notes")
    cache_path = Path(settings.lead_model_dir) / f"llm-notes-{settings.openai_model.replace('/', '_')}.json"
    try:
        cache: dict[str, float | None] = json.loads(cache_path.read_text()) if cache_path.exists() else {}
    except (OSError, ValueError):
        cache = {}

    def rate(notes: str) -> float | None:
        key = hashlib.sha256(notes.strip().encode()).hexdigest()[:32]
        with _LOCK:
            if key in cache:
                return cache[key]
        try:
            answer = model.invoke(template.replace("{notes}", notes.strip()[:4000]))
            rating = parse_rating(str(answer.content))
        except Exception:  # the LLM is an edge: no rating is better than no lead
            log.warning("LLM notes rating failed; scoring without it", exc_info=True)
            return None
        with _LOCK:
            cache[key] = rating
            try:
                cache_path.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache_path.with_suffix(".tmp")
                tmp.write_text(json.dumps(cache))
                tmp.replace(cache_path)
            except OSError:
                log.warning("could not save the LLM rating cache %s", cache_path, exc_info=True)
        return rating

    return rate
