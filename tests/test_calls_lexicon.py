"""`find_phrases` finds exactly what a word-boundary regex search of every phrase finds (its substring prefilter only
skips phrases absent from the text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.calls.lexicon import OBJECTION_CUES, PRICING_CUES, STAGE_CUES, find_phrases, phrase_pattern
from tools.calls.parsers import parse_transcript
from tools.insights.pains import PAIN_THEMES

DATA = Path(__file__).parent / "data" / "calls"
LISTS = [*STAGE_CUES.values(), *OBJECTION_CUES.values(), PRICING_CUES, *PAIN_THEMES.values()]


def _reference(text: str, phrases: tuple[str, ...]) -> list[str]:
    lowered = text.lower()
    return [p for p in phrases if phrase_pattern(p).search(lowered)]


def _texts() -> list[str]:
    turns = [t.text for name in ("discovery_acme.txt", "handchecked.json") for t in parse_transcript(
        (DATA / name).read_text()).turns]  # fmt: skip
    # edges: a phrase inside a longer word, at the very start and end, next to punctuation, in capitals
    return [*turns, "Repainting isn't pain.", "PRICING? pricing!", "the budget", "procurementx", "demo", ""]


@pytest.mark.parametrize("text", _texts())
def test_same_phrases_as_a_regex_search_of_each(text: str) -> None:
    for phrases in LISTS:
        assert find_phrases(text, phrases) == _reference(text, phrases)


def test_the_prefilter_still_finds_phrases() -> None:
    found = [p for text in _texts() for phrases in LISTS for p in find_phrases(text, phrases)]
    assert len(found) > 20  # the texts do hold cue phrases: the comparison above is not of empty lists
