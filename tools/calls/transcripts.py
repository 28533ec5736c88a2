"""Reading call transcripts: speaker lines, objections (from labels or by keywords) and the rep's responses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_LINE = re.compile(r"^\s*\[(\d{1,2}:\d{2}:\d{2})\]\s*([^:]{1,60}):\s*(.+?)\s*$")

# Calls without labels (e.g. synced from HubSpot) fall back to the call-intelligence lexicon, the one definition of
# an objection in Sales OS (tools/calls/lexicon.py; its detection is measured in eval/calls).
NEXT_STEP_WORDS = ("next step", "follow up", "follow-up", "send over", "i'll send", "schedule", "set up a", "by friday")
PAIN_WORDS = ("struggl", "pain", "problem", "manual", "slow", "frustrat", "hard to", "losing", "churn", "waste")


@dataclass(frozen=True)
class Line:
    """One speaker turn."""

    index: int
    at: str
    speaker: str
    text: str


@dataclass(frozen=True)
class Objection:
    """A buyer's objection and, when present, what the rep said next."""

    category: str
    text: str
    speaker: str
    at: str
    response: str | None
    responder: str | None


def parse_transcript(transcript: str | None) -> list[Line]:
    """Split a "[hh:mm:ss] Name: text" transcript into speaker lines; other lines are skipped."""
    lines: list[Line] = []
    for raw in (transcript or "").splitlines():
        m = _LINE.match(raw)
        if m:
            lines.append(Line(index=len(lines), at=m.group(1), speaker=m.group(2).strip(), text=m.group(3)))
    return lines


def is_rep(speaker: str, rep_names: set[str]) -> bool:
    """Tell whether a speaker is one of our reps (full or first name)."""
    s = speaker.lower()
    return any(s == n or s == n.split()[0] for n in rep_names)


def keyword_category(text: str) -> str | None:
    """Return the first objection category (tools/calls/lexicon.py) whose cue appears in `text`."""
    from tools.calls.lexicon import OBJECTION_CUES, find_phrases

    for category, cues in OBJECTION_CUES.items():
        if find_phrases(text, cues):
            return category
    return None


def _labelled(labels: dict[str, Any] | None) -> list[dict[str, Any]]:
    raw = (labels or {}).get("objections") or []
    return [o for o in raw if isinstance(o, dict)]


def _find_line(lines: list[Line], label: dict[str, Any]) -> Line | None:
    """Find the line a label points at: `line` is 1-based (checked against the label's speaker), else by text."""
    number = label.get("line")
    speaker = label.get("speaker")
    if isinstance(number, int):
        for index in (number - 1, number):  # 1-based as the generator writes it; tolerate 0-based
            if 0 <= index < len(lines) and (not speaker or lines[index].speaker == speaker):
                return lines[index]
    at = label.get("at") or label.get("timestamp")
    text = (label.get("text") or label.get("quote") or "").strip().lower()
    for line in lines:
        if (at and line.at == at) or (text and (text in line.text.lower() or line.text.lower() in text)):
            return line
    return None


def rep_names_for(labels: dict[str, Any] | None, owner_name: str | None) -> set[str]:
    """Lower-cased names of our side of a call: the deal owner, plus the rep named in the labels."""
    names = {owner_name.lower()} if owner_name else set()
    rep = ((labels or {}).get("speakers") or {}).get("rep")
    if isinstance(rep, str):
        names.add(rep.lower())
    return names


def segment_lines(lines: list[Line], labels: dict[str, Any] | None, name: str) -> list[Line]:
    """Lines of a labelled segment (1-based inclusive `start_line`/`end_line`); all lines when unlabelled."""
    for seg in (labels or {}).get("segments") or []:
        if isinstance(seg, dict) and seg.get("name") == name:
            start, end = seg.get("start_line"), seg.get("end_line")
            if isinstance(start, int) and isinstance(end, int):
                return lines[max(start - 1, 0) : end]
    return lines


def objections(lines: list[Line], labels: dict[str, Any] | None, rep_names: set[str]) -> list[Objection]:
    """Objections in a call: from its labels when it has them, else by keyword rules on buyer lines."""
    found: list[tuple[Line, str]] = []
    labelled = _labelled(labels)
    if labels and "objections" in labels:  # a labelled call: trust its labels, even when they list none
        for label in labelled:
            line = _find_line(lines, label)
            category = str(label.get("category") or label.get("type") or "other")
            if line is not None:
                found.append((line, category))
    else:
        for line in lines:
            if not is_rep(line.speaker, rep_names):
                keyword = keyword_category(line.text)
                if keyword:
                    found.append((line, keyword))
    out: list[Objection] = []
    seen: set[int] = set()
    for line, category in found:
        if line.index in seen:
            continue
        seen.add(line.index)
        response = _answer_to(lines, line.index, rep_names)
        out.append(
            Objection(
                category=category,
                text=line.text,
                speaker=line.speaker,
                at=line.at,
                response=response.text if response else None,
                responder=response.speaker if response else None,
            )
        )
    return out


def _answer_to(lines: list[Line], index: int, rep_names: set[str]) -> Line | None:
    """The rep's answer to the objection on line `index`: the next rep turn of 5+ words within three turns.

    Bare acknowledgements ("Got it.", "Sure, makes sense.") are not answers, so they are skipped.
    """
    for later in lines[index + 1 : index + 4]:
        if is_rep(later.speaker, rep_names) and len(later.text.split()) >= 5:
            return later
    return None


def competitors(labels: dict[str, Any] | None) -> list[str]:
    """Competitors named in a call's labels."""
    raw = (labels or {}).get("competitors") or []
    names = [c if isinstance(c, str) else str(c.get("name", "")) for c in raw]
    return [n for n in names if n]
