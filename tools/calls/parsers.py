"""Transcript parsers: WebVTT, SRT, "Name: text" lines, speaker headers and JSON speaker turns.

Meeting tools' own exports land here: Zoom's cloud-recording `.vtt` (numbered cues, "Name: text") and Microsoft
Teams' `.vtt` (`<v Name>` voice tags) are WebVTT; Zoom's saved meeting transcript `.txt` ("[Name] hh:mm:ss" then the
words on the next lines) and Otter's `.txt` export ("Name  m:ss" then the words) are speaker headers.

Every parser returns the same `Transcript` (a list of `Turn`s with the source line of each turn) or raises
`TranscriptError(line, reason)`, so a malformed file is reported as "line 12: timestamp '00:61:00' is not a time".
`parse_transcript` detects the format from the file name and content when it is not given.

Timing: VTT, SRT and JSON with start/end carry real turn times. "[hh:mm:ss] Name: text" lines carry start times only;
a turn's end is then estimated from its words (at `NOMINAL_WPM`) and capped at the next turn's start. Lines with no
timestamps at all get times estimated from word counts; `Transcript.timing` says which of these applies, so metrics
can label estimated figures.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

Format = Literal["vtt", "srt", "speaker_lines", "speaker_headers", "json"]
Timing = Literal["measured", "start_only", "estimated"]
FORMATS: tuple[Format, ...] = ("vtt", "srt", "speaker_lines", "speaker_headers", "json")

# Conversational English runs at ~150-175 words per minute (Gong Labs measured an average of 173 wpm on sales
# calls, https://www.gong.io/resources/labs/ "the sound of panic" study of 67,149 meetings); 160 sits in between.
NOMINAL_WPM = 160.0


class TranscriptError(ValueError):
    """A transcript that cannot be read: `line` (1-based, 0 when not tied to a line) and `reason`."""

    def __init__(self, line: int, reason: str, *, source: str | None = None) -> None:
        """Build the error; `str(error)` reads "file.vtt, line 12: reason"."""
        self.line = line
        self.reason = reason
        self.source = source
        where = f"line {line}" if line else "file"
        prefix = f"{source}, {where}" if source else where
        super().__init__(f"{prefix}: {reason}")


@dataclass(frozen=True)
class Turn:
    """One uninterrupted stretch of speech by one speaker."""

    speaker: str
    text: str
    start: float
    """Seconds from the start of the call."""
    end: float
    line: int
    """1-based line of the source file where the turn starts."""

    @property
    def duration(self) -> float:
        """Seconds spoken."""
        return max(0.0, self.end - self.start)

    @property
    def words(self) -> int:
        """Number of words."""
        return len(self.text.split())


@dataclass
class Transcript:
    """A parsed call: its turns in order, the source format and how trustworthy the times are."""

    turns: list[Turn]
    format: Format
    timing: Timing
    speakers: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Collect speakers in order of first appearance."""
        if not self.speakers:
            seen: dict[str, None] = {}
            for turn in self.turns:
                seen.setdefault(turn.speaker, None)
            self.speakers = list(seen)

    @property
    def duration(self) -> float:
        """Seconds from the first turn's start to the last turn's end."""
        if not self.turns:
            return 0.0
        return max(t.end for t in self.turns) - self.turns[0].start


def words_seconds(text: str) -> float:
    """Estimate how long `text` takes to say at the nominal speech rate."""
    return max(1.0, len(text.split()) * 60.0 / NOMINAL_WPM)


# --- timestamps --------------------------------------------------------------------------------------------------

_CUE_TIME = r"(?:(\d{1,3}):)?([0-5]?\d):([0-5]\d)[.,](\d{1,3})"


def parse_clock(value: str) -> float:
    """Parse `hh:mm:ss`, `mm:ss`, `hh:mm:ss.mmm` or `hh:mm:ss,mmm` into seconds; raise ValueError otherwise."""
    match = re.fullmatch(r"(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?", value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a time (expected hh:mm:ss)")
    hours, minutes, seconds, fraction = match.groups()
    if int(minutes) > 59 or int(seconds) > 59:
        raise ValueError(f"{value!r} is not a time (minutes and seconds must be below 60)")
    total: float = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    if fraction:
        total += int(fraction.ljust(3, "0")) / 1000
    return float(total)


def format_clock(seconds: float) -> str:
    """Format seconds as `h:mm:ss` (or `m:ss` under an hour), the way clips are cited."""
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


# --- speaker in cue text -----------------------------------------------------------------------------------------

_VOICE = re.compile(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*?)(?:</v>)?$", re.DOTALL)
_NAME_PREFIX = re.compile(r"^([A-Z][\w.'\- ]{0,60}?|[\w.'\-]{1,30}(?: [\w.'\-]{1,30}){0,3})\s*:\s+(.*)$", re.DOTALL)
_TAG = re.compile(r"</?[a-z][^>]*>", re.IGNORECASE)


def _split_speaker(text: str) -> tuple[str | None, str]:
    """Split a cue's text into (speaker, words): `<v Name>words` or `Name: words`; speaker None when absent."""
    text = text.strip()
    voice = _VOICE.match(text)
    if voice:
        return voice.group(1).strip(), _TAG.sub("", voice.group(2)).strip()
    named = _NAME_PREFIX.match(text)
    if named and not re.match(r"^\d", named.group(1)):
        return named.group(1).strip(), _TAG.sub("", named.group(2)).strip()
    return None, _TAG.sub("", text).strip()


def _cues_to_turns(cues: list[tuple[int, float, float, str]], source: str | None, *, what: str) -> list[Turn]:
    """Turn timed cues into turns: a cue without a speaker continues the previous speaker's turn."""
    turns: list[Turn] = []
    for line, start, end, raw in cues:
        speaker, text = _split_speaker(raw)
        if not text:
            raise TranscriptError(line, f"{what} has no text", source=source)
        if speaker is None:
            if not turns:
                raise TranscriptError(
                    line, f"{what} names no speaker (expected '<v Name>' or 'Name: ' before the text)", source=source
                )
            speaker = turns[-1].speaker
        if turns and turns[-1].speaker == speaker and start - turns[-1].end < 2.0:
            # Captions split one turn into many 2-5 s cues; merge them so monologues are measured as spoken.
            prev = turns[-1]
            turns[-1] = replace(prev, text=f"{prev.text} {text}", end=max(prev.end, end))
        else:
            turns.append(Turn(speaker=speaker, text=text, start=start, end=end, line=line))
    if not turns:
        raise TranscriptError(0, "no cues found", source=source)
    return turns


# --- WebVTT ------------------------------------------------------------------------------------------------------

_ARROW = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)(?:\s+.*)?$")


def _cue_times(line_text: str, line: int, source: str | None, *, separator: str) -> tuple[float, float]:
    match = _ARROW.match(line_text)
    if not match:
        raise TranscriptError(line, f"expected a timing line 'start --> end', got {line_text.strip()!r}", source=source)
    values = []
    for raw in match.groups():
        if separator not in raw and not re.fullmatch(r"\d{1,3}:\d{2}(:\d{2})?", raw):
            raise TranscriptError(
                line, f"timestamp {raw!r} must use {separator!r} before the milliseconds", source=source
            )
        try:
            values.append(parse_clock(raw))
        except ValueError as exc:
            raise TranscriptError(line, f"timestamp {exc}", source=source) from None
    start, end = values
    if end < start:
        raise TranscriptError(line, f"cue ends ({match.group(2)}) before it starts ({match.group(1)})", source=source)
    return start, end


def parse_vtt(text: str, source: str | None = None) -> Transcript:
    """Parse WebVTT captions; speakers come from `<v Name>` voice tags or a `Name:` prefix."""
    lines = text.splitlines()
    if not lines or not lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        raise TranscriptError(1, "a WebVTT file must start with 'WEBVTT'", source=source)
    cues: list[tuple[int, float, float, str]] = []
    i = 1
    while i < len(lines):
        current = lines[i].strip()
        if not current:
            i += 1
            continue
        if current.startswith(("NOTE", "STYLE", "REGION")):
            while i < len(lines) and lines[i].strip():
                i += 1
            continue
        timing_line = i
        if "-->" not in current:
            timing_line = i + 1  # a cue identifier comes first
            if timing_line >= len(lines) or "-->" not in lines[timing_line]:
                raise TranscriptError(
                    i + 1, f"expected a cue timing line 'start --> end' after {current!r}", source=source
                )
        start, end = _cue_times(lines[timing_line], timing_line + 1, source, separator=".")
        body: list[str] = []
        j = timing_line + 1
        while j < len(lines) and lines[j].strip():
            if "-->" in lines[j]:
                raise TranscriptError(j + 1, "a cue's timing line must follow a blank line", source=source)
            body.append(lines[j].strip())
            j += 1
        if not body:
            raise TranscriptError(timing_line + 1, "cue has no text", source=source)
        cues.append((timing_line + 1, start, end, " ".join(body)))
        i = j
    return Transcript(_cues_to_turns(cues, source, what="cue"), "vtt", "measured")


# --- SRT ---------------------------------------------------------------------------------------------------------


def parse_srt(text: str, source: str | None = None) -> Transcript:
    """Parse SubRip subtitles (numbered cues, `hh:mm:ss,mmm --> hh:mm:ss,mmm`); speakers from a `Name:` prefix."""
    lines = text.lstrip("\ufeff").splitlines()
    cues: list[tuple[int, float, float, str]] = []
    i = 0
    while i < len(lines):
        current = lines[i].strip()
        if not current:
            i += 1
            continue
        if not current.isdigit():
            raise TranscriptError(i + 1, f"expected a cue number, got {current!r}", source=source)
        if i + 1 >= len(lines):
            raise TranscriptError(i + 1, f"cue {current} has no timing line", source=source)
        start, end = _cue_times(lines[i + 1], i + 2, source, separator=",")
        body: list[str] = []
        j = i + 2
        while j < len(lines) and lines[j].strip():
            body.append(lines[j].strip())
            j += 1
        if not body:
            raise TranscriptError(i + 2, f"cue {current} has no text", source=source)
        cues.append((i + 1, start, end, " ".join(body)))
        i = j
    return Transcript(_cues_to_turns(cues, source, what="cue"), "srt", "measured")


# --- "Name: text" lines ------------------------------------------------------------------------------------------

_LINE = re.compile(
    r"^\s*(?:\[(?P<bracket>[^\]]*)\]|(?P<bare>\d{1,3}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?))?\s*(?:-\s*)?"
    r"(?P<speaker>[^:\[\]]{1,60}?)\s*:\s*(?P<text>.*)$"
)


def parse_speaker_lines(text: str, source: str | None = None) -> Transcript:
    """Parse `Name: text` lines, optionally led by `[hh:mm:ss]` or `hh:mm:ss`; other lines continue the turn."""
    rows: list[tuple[int, float | None, str, str]] = []
    timed: bool | None = None
    last_time = -1.0
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not raw.strip():
            continue
        match = _LINE.match(raw)
        stamp = None
        if match:
            stamp = match.group("bracket") if match.group("bracket") is not None else match.group("bare")
        if match is None or (stamp is None and re.match(r"^\s*\[", raw)):
            if rows and not re.match(r"^\s*\[", raw):
                prev_line, prev_start, prev_speaker, prev_words = rows[-1]
                rows[-1] = (
                    prev_line,
                    prev_start,
                    prev_speaker,
                    f"{prev_words} {raw.strip()}",
                )  # a wrapped line of the same turn
                continue
            raise TranscriptError(
                number, f"expected 'Name: text' or '[hh:mm:ss] Name: text', got {raw.strip()!r}", source=source
            )
        speaker, words = match.group("speaker").strip(), match.group("text").strip()
        if re.fullmatch(r"[\d:.,\s]+", speaker):
            raise TranscriptError(number, f"speaker name is missing before the text {words[:30]!r}", source=source)
        start: float | None = None
        if stamp is not None:
            try:
                start = parse_clock(stamp)
            except ValueError as exc:
                raise TranscriptError(number, f"timestamp {exc}", source=source) from None
            if start < last_time:
                raise TranscriptError(number, f"timestamp [{stamp}] is earlier than the line before it", source=source)
            last_time = start
        if timed is None:
            timed = start is not None
        elif timed != (start is not None):
            expected = "a [hh:mm:ss] timestamp like the lines before" if timed else "no timestamp like the first line"
            raise TranscriptError(number, f"mixed timestamps: this line should have {expected}", source=source)
        if not words:
            raise TranscriptError(number, f"{speaker} says nothing", source=source)
        rows.append((number, start, speaker, words))
    if not rows:
        raise TranscriptError(0, "no 'Name: text' lines found", source=source)
    turns: list[Turn] = []
    if timed:
        for k, (line, start, speaker, words) in enumerate(rows):
            assert start is not None
            next_start = rows[k + 1][1] if k + 1 < len(rows) else None
            end = start + words_seconds(words)
            if next_start is not None:
                end = min(end, next_start) if next_start > start else start
            turns.append(Turn(speaker, words, start, end, line))
        return Transcript(turns, "speaker_lines", "start_only")
    clock = 0.0
    for line, _, speaker, words in rows:
        end = clock + words_seconds(words)
        turns.append(Turn(speaker, words, clock, end, line))
        clock = end + 0.5  # an assumed half-second hand-over: no timestamps, so no pause is measured
    return Transcript(turns, "speaker_lines", "estimated")


# --- speaker headers: "[Name] hh:mm:ss" (Zoom .txt) or "Name  m:ss" (Otter .txt), words on the lines below ------

_HEADER = re.compile(
    r"^\s*(?:\[(?P<bracket>[^\]]{1,60})\]\s+|(?P<bare>[^\s:\[\]][^:\[\]]{0,59}?)\s+)"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s*$"
)


def _header(raw: str) -> tuple[str, str] | None:
    """(speaker, clock) when the line is a speaker header, else None."""
    match = _HEADER.match(raw)
    if not match:
        return None
    speaker = (match.group("bracket") or match.group("bare") or "").strip()
    return (speaker, match.group("time")) if speaker else None


def parse_speaker_headers(text: str, source: str | None = None) -> Transcript:
    """Parse blocks of a speaker header line (`[Name] hh:mm:ss` or `Name  m:ss`) followed by the words said.

    Zoom writes wall-clock times (the meeting's local time), Otter writes offsets from the start; either way times
    are taken relative to the first header. Headers carry start times only, so ends are estimated as for timed lines.
    """
    rows: list[tuple[int, float, str, str]] = []
    origin: float | None = None
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not raw.strip():
            continue
        head = _header(raw)
        if head is None:
            if not rows:
                raise TranscriptError(
                    number,
                    f"expected a speaker header '[Name] hh:mm:ss' or 'Name  m:ss', got {raw.strip()!r}",
                    source=source,
                )
            line, start, speaker, words = rows[-1]
            rows[-1] = (line, start, speaker, f"{words} {raw.strip()}".strip())
            continue
        speaker, stamp = head
        try:
            clock = parse_clock(stamp)
        except ValueError as exc:
            raise TranscriptError(number, f"timestamp {exc}", source=source) from None
        origin = clock if origin is None else origin
        start = clock - origin
        if rows and start < rows[-1][1]:
            raise TranscriptError(number, f"timestamp {stamp} is earlier than the header before it", source=source)
        if rows and not rows[-1][3]:
            raise TranscriptError(rows[-1][0], f"{rows[-1][2]} says nothing", source=source)
        rows.append((number, start, speaker, ""))
    if not rows:
        raise TranscriptError(0, "no speaker headers found", source=source)
    if not rows[-1][3]:
        raise TranscriptError(rows[-1][0], f"{rows[-1][2]} says nothing", source=source)
    turns: list[Turn] = []
    for k, (line, start, speaker, words) in enumerate(rows):
        end = start + words_seconds(words)
        if k + 1 < len(rows):
            end = min(end, rows[k + 1][1]) if rows[k + 1][1] > start else start
        if turns and turns[-1].speaker == speaker:
            # Zoom starts a new block at every pause; one speaker's consecutive blocks are one turn.
            turns[-1] = replace(turns[-1], text=f"{turns[-1].text} {words}", end=max(turns[-1].end, end))
        else:
            turns.append(Turn(speaker, words, start, end, line))
    return Transcript(turns, "speaker_headers", "start_only")


# --- JSON speaker turns ------------------------------------------------------------------------------------------

_TURN_LISTS = ("turns", "utterances", "segments", "transcript", "monologues")
_SPEAKER_KEYS = ("speaker", "speaker_name", "name", "participant")
_TEXT_KEYS = ("text", "content", "utterance", "transcript", "words")
_START_KEYS = ("start", "start_time", "startTime", "begin", "timestamp", "offset")
_END_KEYS = ("end", "end_time", "endTime", "stop")


def _element_lines(text: str, array_start: int) -> list[int]:
    """Return the 1-based line where each element of the JSON array beginning at `array_start` begins."""
    decoder = json.JSONDecoder()
    lines: list[int] = []
    pos = array_start + 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return lines
        lines.append(text.count("\n", 0, pos) + 1)
        _, pos = decoder.raw_decode(text, pos)


def _json_time(value: Any, key: str, line: int, source: str | None) -> float:
    if isinstance(value, bool) or value is None:
        raise TranscriptError(line, f"{key!r} must be seconds or 'hh:mm:ss', got {value!r}", source=source)
    if isinstance(value, int | float):
        if value < 0:
            raise TranscriptError(line, f"{key!r} is negative ({value})", source=source)
        # Some exports use milliseconds; a turn starting after 100,000 s (27 h) is not a call.
        return float(value) / 1000.0 if value > 100_000 else float(value)
    try:
        return parse_clock(str(value))
    except ValueError as exc:
        raise TranscriptError(line, f"{key!r}: {exc}", source=source) from None


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for key in keys:
        if key in item:
            return key, item[key]
    return None, None


def parse_json(text: str, source: str | None = None) -> Transcript:
    """Parse JSON speaker turns: a list of `{speaker, text, start?, end?}` or an object holding one under `turns`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptError(exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})", source=source) from None
    stripped = len(text) - len(text.lstrip())
    if isinstance(data, dict):
        key = next((k for k in _TURN_LISTS if isinstance(data.get(k), list)), None)
        if key is None:
            raise TranscriptError(
                1, f"expected a list of turns, or an object with one of {list(_TURN_LISTS)}", source=source
            )
        items = data[key]
        found = re.search(r'"' + re.escape(key) + r'"\s*:\s*\[', text)
        array_start = found.end() - 1 if found else stripped
    elif isinstance(data, list):
        items, array_start = data, stripped
    else:
        raise TranscriptError(1, "expected a list of turns", source=source)
    try:
        item_lines = _element_lines(text, array_start)
    except json.JSONDecodeError:
        item_lines = []
    if len(item_lines) != len(items):
        item_lines = [1] * len(items)
    turns: list[Turn] = []
    timed: bool | None = None
    for k, item in enumerate(items):
        line = item_lines[k]
        if not isinstance(item, dict):
            raise TranscriptError(line, f"turn {k + 1} must be an object, got {type(item).__name__}", source=source)
        _, speaker = _first(item, _SPEAKER_KEYS)
        if not isinstance(speaker, str) or not speaker.strip():
            raise TranscriptError(line, f"turn {k + 1} has no speaker (one of {list(_SPEAKER_KEYS)})", source=source)
        _, words = _first(item, _TEXT_KEYS)
        if isinstance(words, list):
            words = " ".join(str(w.get("text", w) if isinstance(w, dict) else w) for w in words)
        if not isinstance(words, str) or not words.strip():
            raise TranscriptError(line, f"turn {k + 1} has no text (one of {list(_TEXT_KEYS)})", source=source)
        start_key, start_raw = _first(item, _START_KEYS)
        end_key, end_raw = _first(item, _END_KEYS)
        if timed is None:
            timed = start_key is not None
        elif timed != (start_key is not None):
            raise TranscriptError(line, f"turn {k + 1}: some turns have a start time and others do not", source=source)
        if start_key is None:
            start = turns[-1].end + 0.5 if turns else 0.0
            end = start + words_seconds(words)
        else:
            start = _json_time(start_raw, start_key, line, source)
            if turns and start < turns[-1].start:
                raise TranscriptError(line, f"turn {k + 1} starts before the turn before it", source=source)
            end = _json_time(end_raw, end_key, line, source) if end_key else start + words_seconds(words)
            if end < start:
                raise TranscriptError(line, f"turn {k + 1} ends before it starts", source=source)
        turns.append(Turn(speaker.strip(), " ".join(words.split()), start, end, line))
    if not turns:
        raise TranscriptError(1, "the transcript has no turns", source=source)
    has_end = all(_first(i, _END_KEYS)[0] for i in items)
    timing: Timing = "estimated" if not timed else ("measured" if has_end else "start_only")
    if timing == "start_only":
        turns = [
            replace(t, end=min(t.end, turns[k + 1].start)) if k + 1 < len(turns) else t for k, t in enumerate(turns)
        ]
    return Transcript(turns, "json", timing)


# --- detection ---------------------------------------------------------------------------------------------------

_EXTENSIONS: dict[str, Format] = {".vtt": "vtt", ".srt": "srt", ".json": "json"}


def detect_format(text: str, filename: str | None = None) -> Format:
    """Guess the format: the content decides (a WEBVTT header, JSON brackets, SRT numbering), then the extension."""
    head = text.lstrip("\ufeff").lstrip()
    if head.startswith("WEBVTT"):
        return "vtt"
    first_lines = [line.strip() for line in head.splitlines()[:3]]
    if first_lines and _header(first_lines[0]):
        return "speaker_headers"
    if head[:1] in "[{" and not re.match(r"^\[\s*\d{1,3}:\d", head):
        return "json"
    if len(first_lines) >= 2 and first_lines[0].isdigit() and "-->" in first_lines[1]:
        return "srt"
    if filename:
        by_extension = _EXTENSIONS.get(Path(filename).suffix.lower())
        if by_extension:
            return by_extension
    return "speaker_lines"


_HTML_BLOCK = re.compile(r"<\s*(?:br\s*/?|/p|/div|/li)\s*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<\s*/?\s*(?:p|div|span|br|li|ul|ol|b|i|strong|em|font|a)\b[^>]*>", re.IGNORECASE)


def html_to_text(text: str) -> str:
    """Turn an HTML call body (HubSpot stores call notes and transcripts as HTML) into plain lines."""
    import html

    if not re.search(r"<\s*(?:p|div|br|span)\b", text, re.IGNORECASE):
        return text
    return html.unescape(_HTML_TAG.sub("", _HTML_BLOCK.sub("\n", text)))


_PARSERS = {
    "vtt": parse_vtt,
    "srt": parse_srt,
    "speaker_lines": parse_speaker_lines,
    "speaker_headers": parse_speaker_headers,
    "json": parse_json,
}


def parse_transcript(text: str, fmt: str | None = None, *, filename: str | None = None) -> Transcript:
    """Parse a transcript in any supported format (detected when `fmt` is None or "auto").

    Raises:
        TranscriptError: the file is empty or malformed; the error names the line and the reason.
    """
    source = Path(filename).name if filename else None
    text = html_to_text(text)
    if not text.strip():
        raise TranscriptError(0, "the transcript is empty", source=source)
    chosen = detect_format(text, filename) if fmt in (None, "auto") else fmt
    if chosen == "txt":
        chosen = "speaker_headers" if detect_format(text) == "speaker_headers" else "speaker_lines"
    if chosen not in _PARSERS:
        raise TranscriptError(0, f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", source=source)
    return _PARSERS[chosen](text, source)
