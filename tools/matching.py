"""Fuzzy name matching, one rule for companies, owners and leads: pick a name only when it stands out clearly.

rapidfuzz's WRatio scores each known name against what was typed. A name is taken when it scores at least
`RESOLVE_SCORE` and beats the runner-up by `RESOLVE_MARGIN`; otherwise the caller gets the close candidates to offer
("did you mean …?"), never a confident guess.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from rapidfuzz import fuzz, process, utils

K = TypeVar("K", bound=Hashable)

RESOLVE_SCORE = 86.0
"""The least score a name needs to be taken without asking."""
RESOLVE_MARGIN = 6.0
"""How far the best name must be ahead of the next one to be taken without asking."""
SUGGEST_SCORE = 60.0
"""The least score a name needs to be offered as a candidate."""


@dataclass(frozen=True)
class NameMatch(Generic[K]):
    """What a typed name resolved to: one key (exact or fuzzy), or candidates to ask about."""

    status: Literal["exact", "fuzzy", "ambiguous", "unknown"]
    key: K | None = None
    candidates: list[K] = field(default_factory=list)


def match_name(typed: str, choices: Mapping[K, str], *, exact: list[K] | None = None) -> NameMatch[K]:
    """Resolve `typed` against `choices` (key → name); `exact` are keys already known to match exactly."""
    exact_keys = list(dict.fromkeys(exact or []))
    if len(exact_keys) == 1:
        return NameMatch("exact", exact_keys[0])
    if len(exact_keys) > 1:
        return NameMatch("ambiguous", candidates=exact_keys[:5])
    hits = process.extract(
        typed, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=5, score_cutoff=SUGGEST_SCORE
    )
    if not hits:
        return NameMatch("unknown")
    best = hits[0][1]
    runner_up = hits[1][1] if len(hits) > 1 else 0.0
    if best >= RESOLVE_SCORE and best - runner_up >= RESOLVE_MARGIN:
        return NameMatch("fuzzy", hits[0][2])
    candidates = [key for _name, score, key in hits if score >= best - 15]
    return NameMatch("ambiguous" if best >= RESOLVE_SCORE else "unknown", candidates=candidates)
