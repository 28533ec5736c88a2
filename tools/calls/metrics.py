"""Measure a call: talk ratio, monologues, questions, interactivity, patience, speech rate, stages and more.

Objections, competitors, pricing talk, commitments and tone are computed from the same parsed transcript and roles.

Definitions (what the numbers mean, so the scorecard and the tests agree):
- *talk time* of a turn is its duration (end − start); the talk ratio is rep talk time / all talk time.
- a *monologue* is a run of consecutive turns by one side; its length runs from the first turn's start to the last
  turn's end. The longest rep and prospect monologues are reported with where they start.
- a *rep question* is a rep sentence ending in "?" or opening with "tell me about"/"walk me through"/...; it is
  *open* when it starts (after fillers like "so", "and", "okay") with what/how/why/tell me/walk me/..., else *closed*.
- *interactivity* is the number of side switches (rep ↔ prospect) per minute of call.
- *patience* is the mean pause before the rep speaks after a prospect turn (next start − prospect turn end, ≥ 0).
  With start-only timestamps the prospect's end is estimated from their words, so patience is marked estimated.
- *speech rate* is words per minute of each side's talk time.
- *stages*: each turn gets a score per stage from cue phrases (lexicon.STAGE_CUES), open rep questions (discovery),
  commitments (next steps) and a weak position prior; a dynamic program picks the best segmentation that keeps the
  order rapport → discovery → pitch → next steps. A stage whose segment holds no cue at all is reported as skipped
  and its turns go to the neighbouring stage.
- *tone* per stage and side: (positive − negative) / (positive + negative + 2) over the lexicon words, a word
  counting negatively after a negation within two words ("not happy").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel

from tools.calls.lexicon import (
    DEFAULT_COMPETITORS,
    IMPERATIVE_QUESTIONS,
    NEGATIONS,
    NEGATIVE_WORDS,
    OBJECTION_CUES,
    OBJECTION_HEDGES,
    OPEN_QUESTION_STARTS,
    POSITIVE_WORDS,
    PRICING_CUES,
    PUSHBACK_MARKERS,
    STAGE_CUES,
    STAGES,
    find_phrases,
    phrase_pattern,
)
from tools.calls.parsers import Transcript, Turn, format_clock
from tools.calls.roles import Side, SpeakerRole
from tools.parsing.dates import parse_when

# A library lookup: sentence → (objection category, similarity 0-1) or None. Injected so metrics stay offline-pure.
LibraryMatcher = Callable[[str], tuple[str, float] | None]
LIBRARY_MIN_SIMILARITY = 0.55


class Clip(BaseModel):
    """A timestamped excerpt of the call that justifies a finding."""

    start: float
    end: float
    speaker: str
    text: str
    line: int

    @property
    def stamp(self) -> str:
        """`m:ss` of the clip's start."""
        return format_clock(self.start)

    def render(self, max_chars: int = 220) -> str:
        """`[m:ss] Speaker: text…` for a terminal or Slack."""
        text = self.text if len(self.text) <= max_chars else self.text[: max_chars - 1].rstrip() + "…"
        return f"[{self.stamp}] {self.speaker}: {text}"


class Monologue(BaseModel):
    """The longest uninterrupted stretch of one side."""

    seconds: float
    speaker: str
    clip: Clip | None = None


class Question(BaseModel):
    """A rep question."""

    text: str
    kind: str
    """`open` or `closed`."""
    clip: Clip


class StageSpan(BaseModel):
    """One stage of the call."""

    stage: str
    seconds: float
    start: float | None = None
    end: float | None = None
    first_line: int | None = None
    last_line: int | None = None
    turns: list[int] = []
    """Indexes of the turns in this stage."""
    skipped: bool = False
    cues: list[str] = []


class Objection(BaseModel):
    """A prospect objection."""

    category: str
    matched_by: str
    """`keyword` or `library`."""
    evidence: list[str]
    clip: Clip
    response: Clip | None = None
    """The rep's next turn."""


class Mention(BaseModel):
    """A competitor named on the call."""

    name: str
    clip: Clip


class Commitment(BaseModel):
    """Someone agreed to do something, maybe by a date."""

    who: str
    side: str
    what: str
    due: date | None = None
    when_text: str | None = None
    clip: Clip


class Tone(BaseModel):
    """The lexicon tone of one stage, per side."""

    stage: str
    rep: float | None
    prospect: float | None
    label: str
    """`positive`, `neutral` or `negative` (the prospect's tone when they spoke, else the rep's)."""


class CallMetrics(BaseModel):
    """Everything measured on one call."""

    duration_seconds: float
    timing: str
    speakers: dict[str, str]
    """Speaker label → side."""
    talk_seconds: dict[str, float]
    talk_ratio_rep: float
    longest_monologue: dict[str, Monologue]
    questions: list[Question]
    open_questions: int
    closed_questions: int
    switches: int
    interactivity: float
    patience_seconds: float | None
    patience_estimated: bool
    speech_rate_wpm: dict[str, float | None]
    stages: list[StageSpan]
    skipped_stages: list[str]
    objections: list[Objection]
    competitors: list[Mention]
    pricing_seconds: float
    pricing_clips: list[Clip]
    commitments: list[Commitment]
    next_step_clips: list[Clip]
    tone: list[Tone]

    @property
    def rep_questions(self) -> int:
        """How many questions the rep asked."""
        return len(self.questions)

    @property
    def dated_commitments(self) -> list[Commitment]:
        """Commitments with a resolved due date."""
        return [c for c in self.commitments if c.due is not None]


# --- helpers -----------------------------------------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'A-Z0-9(])")
_FILLERS = (
    "so",
    "and",
    "okay",
    "ok",
    "great",
    "right",
    "well",
    "now",
    "also",
    "but",
    "cool",
    "perfect",
    "got it",
    "makes sense",
    "sure",
    "yeah",
    "alright",
    "and then",
    "just",
    "quick question",
    "curious",
)


def sentences(text: str) -> list[str]:
    """Split a turn into sentences."""
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def _clip(turn: Turn, text: str | None = None) -> Clip:
    return Clip(start=turn.start, end=turn.end, speaker=turn.speaker, text=text or turn.text, line=turn.line)


def _strip_fillers(sentence: str) -> str:
    lowered = sentence.lower().strip(" \"'")
    changed = True
    while changed:
        changed = False
        for filler in _FILLERS:
            if re.match(rf"{re.escape(filler)}\b[,.!]?\s+", lowered):
                lowered = re.sub(rf"^{re.escape(filler)}\b[,.!]?\s+", "", lowered)
                changed = True
    return lowered


def question_kind(sentence: str) -> str | None:
    """Classify a sentence as an `open` or `closed` question, or None when it is not a question."""
    core = _strip_fillers(sentence)
    is_question = sentence.rstrip().endswith("?") or core.startswith(IMPERATIVE_QUESTIONS)
    if not is_question:
        return None
    return "open" if core.startswith(OPEN_QUESTION_STARTS) else "closed"


def _tone_counts(text: str) -> tuple[int, int]:
    words = re.findall(r"[a-z']+", text.lower())
    positive = negative = 0
    for i, word in enumerate(words):
        polarity = 1 if word in POSITIVE_WORDS else -1 if word in NEGATIVE_WORDS else 0
        if not polarity:
            continue
        if any(w in NEGATIONS for w in words[max(0, i - 2) : i]):
            polarity = -polarity
        if polarity > 0:
            positive += 1
        else:
            negative += 1
    return positive, negative


def tone_score(texts: Iterable[str]) -> float | None:
    """Lexicon tone in [-1, 1] of some texts, None when there are none."""
    texts = list(texts)
    if not texts:
        return None
    positive = negative = 0
    for text in texts:
        p, n = _tone_counts(text)
        positive, negative = positive + p, negative + n
    return round((positive - negative) / (positive + negative + 2), 3)


def tone_label(score: float | None) -> str:
    """`positive` above 0.15, `negative` below −0.15, else `neutral`."""
    if score is None:
        return "neutral"
    return "positive" if score > 0.15 else "negative" if score < -0.15 else "neutral"


# --- commitments -------------------------------------------------------------------------------------------------

_ACTION_VERBS = (
    "send",
    "share",
    "schedule",
    "set up",
    "setup",
    "book",
    "loop in",
    "introduce",
    "review",
    "follow up",
    "get back",
    "circle back",
    "check",
    "talk to",
    "confirm",
    "prepare",
    "put together",
    "draft",
    "run",
    "sign",
    "present",
    "forward",
    "email",
    "call",
    "demo",
    "walk",
    "intro",
    "connect",
    "bring",
    "get you",
    "get the",
    "reach out",
    "ping",
    "update",
    "finalize",
    "finalise",
    "sync",
    "meet",
    "look into",
    "discuss",
    "invite",
    "pull together",
    "write up",
    "map out",
    "go over",
    "take",
    "ask",
    "get",
)
_VERB_RE = "|".join(re.escape(v) for v in sorted(_ACTION_VERBS, key=len, reverse=True))
_SELF_COMMIT = re.compile(
    rf"\b(i'll|i will|we'll|we will|let me|i can|we can|i'm going to|we're going to|i am going to|we are going to|"
    rf"i'd be happy to|happy to|i'll make sure to|i'll be sure to)\s+(?:also\s+|then\s+|just\s+|go ahead and\s+)?"
    rf"(?P<what>(?:{_VERB_RE})\b.*)",
    re.IGNORECASE,
)
_OTHER_COMMIT = re.compile(
    rf"\b(can you|could you|would you|will you|please|you'll|you will|if you can)\s+(?:also\s+|then\s+)?"
    rf"(?P<what>(?:{_VERB_RE})\b.*)",
    re.IGNORECASE,
)


def _clean_what(what: str) -> str:
    what = re.sub(r"[?.!]+$", "", what.strip())
    return what[:1].lower() + what[1:]


def _commitments(turns: list[Turn], sides: dict[str, Side], call_day: date) -> tuple[list[Commitment], list[Clip]]:
    commitments: list[Commitment] = []
    next_step_clips: list[Clip] = []
    for turn in turns:
        side = sides[turn.speaker]
        others = [s for s, v in sides.items() if v != side]
        for sentence in sentences(turn.text):
            if re.search(r"\bnext steps?\b", sentence, re.IGNORECASE):
                next_step_clips.append(_clip(turn, sentence))
            self_match = _SELF_COMMIT.search(sentence)
            other_match = None if self_match else _OTHER_COMMIT.search(sentence)
            match = self_match or other_match
            if not match:
                continue
            if self_match:
                who, who_side = turn.speaker, side
            else:
                who_side = "prospect" if side == "rep" else "rep"
                who = others[0] if len(others) == 1 else who_side
            when = parse_when(sentence, call_day)
            if other_match and sentence.rstrip().endswith("?") and when is None:
                continue  # "Can you walk me through…?" wants an answer now; only a dated request is a commitment
            commitments.append(
                Commitment(
                    who=who,
                    side=who_side,
                    what=_clean_what(match.group("what")),
                    due=when.day if when else None,
                    when_text=when.text if when else None,
                    clip=_clip(turn, sentence),
                )
            )
    return commitments, next_step_clips


# --- stages ------------------------------------------------------------------------------------------------------


@dataclass
class _TurnEvidence:
    scores: list[float]
    cues: list[list[str]]
    asked: bool = False


def _stage_evidence(turns: list[Turn], sides: dict[str, Side], duration: float, call_day: date) -> list[_TurnEvidence]:
    evidence: list[_TurnEvidence] = []
    origin = turns[0].start if turns else 0.0
    for turn in turns:
        cues = [find_phrases(turn.text, STAGE_CUES[stage]) for stage in STAGES]
        scores = [float(len(c)) for c in cues]
        if sides[turn.speaker] == "rep":
            kinds = [question_kind(s) for s in sentences(turn.text)]
            if "open" in kinds:
                scores[1] += 1.0
                cues[1].append("open question")
            elif "closed" in kinds:
                scores[1] += 0.5
        elif evidence and evidence[-1].asked:
            # An answer belongs with its question: lean towards the stage the question turn pointed at.
            asked_scores = evidence[-1].scores
            scores[max(range(len(STAGES)), key=lambda s: asked_scores[s])] += 0.3
        if _SELF_COMMIT.search(turn.text) and parse_when(turn.text, call_day):
            scores[3] += 1.0
            cues[3].append("dated commitment")
        position = (turn.start - origin) / duration if duration > 0 else 0.0
        # Weak position priors: calls usually open with rapport and close on next steps.
        scores[0] += 0.4 if position < 0.1 else -0.3 if position > 0.3 else 0.0
        scores[3] += 0.4 if position > 0.85 else -0.3 if position < 0.5 else 0.0
        scores[1] += 0.15 if 0.05 < position < 0.55 else 0.0
        scores[2] += 0.15 if 0.35 < position < 0.9 else 0.0
        asked = sides[turn.speaker] == "rep" and "?" in turn.text
        evidence.append(_TurnEvidence(scores, cues, asked))
    return evidence


def segment_stages(evidence: list[_TurnEvidence]) -> list[int]:
    """Assign each turn a stage index so stages never go backwards and the total cue score is maximal."""
    n, k = len(evidence), len(STAGES)
    if n == 0:
        return []
    best = [[0.0] * k for _ in range(n)]
    back = [[0] * k for _ in range(n)]
    for s in range(k):
        best[0][s] = evidence[0].scores[s]
    for t in range(1, n):
        for s in range(k):
            prev = max(range(s + 1), key=lambda p: (best[t - 1][p], p == s))
            best[t][s] = best[t - 1][prev] + evidence[t].scores[s]
            back[t][s] = prev
    stage = max(range(k), key=lambda s: best[n - 1][s])
    path = [stage]
    for t in range(n - 1, 0, -1):
        stage = back[t][stage]
        path.append(stage)
    return path[::-1]


def _stage_spans(turns: list[Turn], evidence: list[_TurnEvidence]) -> tuple[list[StageSpan], list[int]]:
    path = segment_stages(evidence)
    # A stage with no cue at all was not really held: hand its turns to the neighbouring stage, report it skipped.
    for s in range(len(STAGES)):
        members = [t for t, p in enumerate(path) if p == s]
        if members and not any(evidence[t].cues[s] for t in members):
            neighbour = s + 1 if s == 0 else s - 1
            for t in members:
                path[t] = neighbour
    # Small talk anywhere in the opening is rapport, even after a first business question (stages cannot go back,
    # so the segmentation alone would call rapport skipped).
    opening = range(min(len(turns), max(4, len(turns) // 6)))
    small_talk = [t for t in opening if evidence[t].cues[0]]
    spans = []
    for s, stage in enumerate(STAGES):
        members = [t for t, p in enumerate(path) if p == s]
        from_opening = s == 0 and not members and bool(small_talk)
        if from_opening:
            members = small_talk
        if not members:
            spans.append(StageSpan(stage=stage, seconds=0.0, skipped=True))
            continue
        first, last = turns[members[0]], turns[members[-1]]
        next_start = turns[members[-1] + 1].start if members[-1] + 1 < len(turns) else last.end
        if from_opening:  # scattered small-talk turns: their own time, not the discovery between them
            next_start = first.start + sum(turns[t].duration for t in members)
        cues = sorted({c for t in members for c in evidence[t].cues[s]})
        spans.append(
            StageSpan(
                stage=stage,
                seconds=round(max(0.0, next_start - first.start), 1),
                start=first.start,
                end=next_start,
                first_line=first.line,
                last_line=last.line,
                turns=members,
                cues=cues[:8],
            )
        )
    return spans, path


# --- main entry ----------------------------------------------------------------------------------------------------


def _monologues(turns: list[Turn], sides: dict[str, Side]) -> dict[str, Monologue]:
    longest = {"rep": Monologue(seconds=0.0, speaker=""), "prospect": Monologue(seconds=0.0, speaker="")}
    i = 0
    while i < len(turns):
        side = sides[turns[i].speaker]
        j = i
        while j + 1 < len(turns) and sides[turns[j + 1].speaker] == side:
            j += 1
        seconds = turns[j].end - turns[i].start
        if seconds > longest[side].seconds:
            text = " ".join(t.text for t in turns[i : j + 1])
            clip = Clip(start=turns[i].start, end=turns[j].end, speaker=turns[i].speaker, text=text, line=turns[i].line)
            longest[side] = Monologue(seconds=round(seconds, 1), speaker=turns[i].speaker, clip=clip)
        i = j + 1
    return longest


def _objections(turns: list[Turn], sides: dict[str, Side], library: LibraryMatcher | None) -> list[Objection]:
    found: list[Objection] = []
    for k, turn in enumerate(turns):
        if sides[turn.speaker] != "prospect":
            continue
        response = next((t for t in turns[k + 1 :] if sides[t.speaker] == "rep"), None)
        answering = k > 0 and sides[turns[k - 1].speaker] == "rep" and "?" in turns[k - 1].text
        for sentence in sentences(turn.text):
            lowered = f" {sentence.lower()} "
            if answering and not any(marker in lowered for marker in PUSHBACK_MARKERS):
                continue  # an answer to the rep's question, with no push-back in it
            if _SELF_COMMIT.search(sentence):
                continue  # "I'll check with her" is a promise, not a push-back
            hits = {cat: find_phrases(sentence, cues) for cat, cues in OBJECTION_CUES.items()}
            hits = {cat: h for cat, h in hits.items() if h}
            category, matched_by, evidence = None, "keyword", []
            if hits:
                category = max(hits, key=lambda c: (len(hits[c]), -list(OBJECTION_CUES).index(c)))
                evidence = hits[category]
            elif library is not None and any(h in lowered for h in OBJECTION_HEDGES):
                match = library(sentence)
                if match and match[1] >= LIBRARY_MIN_SIMILARITY:
                    category, matched_by, evidence = match[0], "library", [f"similarity {match[1]:.2f}"]
            if category is None:
                continue
            if found and found[-1].clip.line == turn.line and found[-1].category == category:
                continue  # one objection per category per turn
            found.append(
                Objection(
                    category=category,
                    matched_by=matched_by,
                    evidence=evidence,
                    clip=_clip(turn, sentence),
                    response=_clip(response) if response else None,
                )
            )
    return found


def _competitors(turns: list[Turn], names: Iterable[str]) -> list[Mention]:
    mentions = []
    for turn in turns:
        for name in names:
            if phrase_pattern(name).search(turn.text.lower()):
                sentence = next((s for s in sentences(turn.text) if name.lower() in s.lower()), turn.text)
                mentions.append(Mention(name=name, clip=_clip(turn, sentence)))
    return mentions


def compute_metrics(
    transcript: Transcript,
    roles: dict[str, SpeakerRole],
    *,
    call_day: date,
    competitors: Iterable[str] = DEFAULT_COMPETITORS,
    library: LibraryMatcher | None = None,
) -> CallMetrics:
    """Measure a call. `call_day` is the call's local date, the reference for "next Tuesday"."""
    turns = transcript.turns
    sides: dict[str, Side] = {s: roles[s].side for s in transcript.speakers}
    duration = transcript.duration
    talk = {"rep": 0.0, "prospect": 0.0}
    words = {"rep": 0, "prospect": 0}
    for turn in turns:
        talk[sides[turn.speaker]] += turn.duration
        words[sides[turn.speaker]] += turn.words
    total_talk = talk["rep"] + talk["prospect"]

    questions: list[Question] = []
    for turn in turns:
        if sides[turn.speaker] != "rep":
            continue
        for sentence in sentences(turn.text):
            kind = question_kind(sentence)
            if kind:
                questions.append(Question(text=sentence, kind=kind, clip=_clip(turn, sentence)))

    switches = sum(1 for a, b in zip(turns, turns[1:], strict=False) if sides[a.speaker] != sides[b.speaker])
    pauses = [
        max(0.0, b.start - a.end)
        for a, b in zip(turns, turns[1:], strict=False)
        if sides[a.speaker] == "prospect" and sides[b.speaker] == "rep"
    ]
    measured = transcript.timing != "estimated"
    rates: dict[str, float | None] = {
        # Only real start and end times measure a rate; estimated ends would just return NOMINAL_WPM.
        side: (round(words[side] / (talk[side] / 60.0), 1) if transcript.timing == "measured" and talk[side] else None)
        for side in ("rep", "prospect")
    }

    evidence = _stage_evidence(turns, sides, duration, call_day)
    spans, path = _stage_spans(turns, evidence)

    pricing_turns = [t for t in turns if find_phrases(t.text, PRICING_CUES)]
    commitments, next_step_clips = _commitments(turns, sides, call_day)

    tones = []
    for s, stage in enumerate(STAGES):
        members = [turns[t] for t, p in enumerate(path) if p == s]
        rep_tone = tone_score(t.text for t in members if sides[t.speaker] == "rep")
        prospect_tone = tone_score(t.text for t in members if sides[t.speaker] == "prospect")
        if members:
            tones.append(
                Tone(
                    stage=stage,
                    rep=rep_tone,
                    prospect=prospect_tone,
                    label=tone_label(prospect_tone if prospect_tone is not None else rep_tone),
                )
            )

    return CallMetrics(
        duration_seconds=round(duration, 1),
        timing=transcript.timing,
        speakers=dict(sides),
        talk_seconds={k: round(v, 1) for k, v in talk.items()},
        talk_ratio_rep=round(talk["rep"] / total_talk, 4) if total_talk else 0.0,
        longest_monologue=_monologues(turns, sides),
        questions=questions,
        open_questions=sum(1 for q in questions if q.kind == "open"),
        closed_questions=sum(1 for q in questions if q.kind == "closed"),
        switches=switches,
        interactivity=round(switches / (duration / 60.0), 2) if duration > 0 else 0.0,
        patience_seconds=round(sum(pauses) / len(pauses), 2) if pauses and measured else None,
        patience_estimated=transcript.timing == "start_only",
        speech_rate_wpm=rates,
        stages=spans,
        skipped_stages=[s.stage for s in spans if s.skipped],
        objections=_objections(turns, sides, library),
        competitors=_competitors(turns, competitors),
        pricing_seconds=round(sum(t.duration for t in pricing_turns), 1),
        pricing_clips=[_clip(t) for t in pricing_turns[:3]],
        commitments=commitments,
        next_step_clips=next_step_clips,
        tone=tones,
    )


def stage_of_turns(metrics: CallMetrics, n_turns: int) -> list[str]:
    """The stage name of every turn (for evaluation against labelled line ranges)."""
    stage_by_turn = ["" for _ in range(n_turns)]
    for span in metrics.stages:
        for t in span.turns:
            stage_by_turn[t] = span.stage
    return stage_by_turn
