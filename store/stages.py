"""Pipelines and stages as data: the CRM's own stage names, their funnel order and open/won/lost meaning, mapped once.

A CSV import records its stage values ("Prospecting", "Engaging", "Won", "Lost") under `STAGES_KEY`; a HubSpot sync
records its pipelines (labels, order, `isClosed`/`probability`) under `hubspot_pipelines`. Deals keep the CRM's own
stage key, and everything that orders, labels or recognises stages reads `stage_catalog`, so "Engaging" stays
"Engaging" and is understood in a question.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

from sqlmodel import Session

from store.meta import get_meta
from store.models import STAGE_LABELS

STAGES_KEY = "stages"
HUBSPOT_PIPELINES_KEY = "hubspot_pipelines"
Outcome = Literal["open", "won", "lost"]


@dataclass(frozen=True)
class Stage:
    """One stage: the key deals carry, the CRM's label, its place in the funnel and what it means."""

    key: str
    label: str
    order: int
    outcome: Outcome


DEFAULT_STAGES = tuple(
    Stage(key, label, i, "won" if key == "closedwon" else "lost" if key == "closedlost" else "open")
    for i, (key, label) in enumerate(STAGE_LABELS.items())
)
"""HubSpot's default sales pipeline: what a store with no recorded catalog (the demo) uses."""


def stages_json(stages: list[Stage]) -> str:
    """The catalog as stored under `STAGES_KEY`."""
    return json.dumps([asdict(s) for s in stages])


def _hubspot_stages(raw: str) -> list[Stage]:
    out: list[Stage] = []
    for pipeline in json.loads(raw):
        for stage in pipeline.get("stages", []):
            meta = stage.get("metadata") or {}
            closed = str(meta.get("isClosed", "")).lower() == "true"
            won = closed and str(meta.get("probability", "")) in ("1", "1.0")
            outcome: Outcome = "won" if won else "lost" if closed else "open"
            out.append(Stage(str(stage["id"]), stage.get("label") or str(stage["id"]), len(out), outcome))
    return out


def stage_catalog(session: Session) -> tuple[Stage, ...]:
    """The store's stages in funnel order: the catalog its import or sync recorded, else HubSpot's default pipeline."""
    if raw := get_meta(session, STAGES_KEY):
        return tuple(Stage(**s) for s in json.loads(raw))
    if raw := get_meta(session, HUBSPOT_PIPELINES_KEY):
        recorded = _hubspot_stages(raw)
        known = {s.key for s in recorded}
        extra = [s for s in DEFAULT_STAGES if s.key not in known]  # the demo's keys, if any remain beside synced ones
        return tuple(recorded) + tuple(Stage(s.key, s.label, len(recorded) + s.order, s.outcome) for s in extra)
    return DEFAULT_STAGES


def stage_labels(session: Session) -> dict[str, str]:
    """Stage key → the CRM's label."""
    return {s.key: s.label for s in stage_catalog(session)}


__all__ = ["DEFAULT_STAGES", "STAGES_KEY", "Stage", "stage_catalog", "stage_labels", "stages_json"]
