"""Transcript parsers: every format on good files, line-numbered errors on malformed ones, and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import main
from tools.calls.parsers import TranscriptError, detect_format, parse_clock, parse_transcript

DATA = Path(__file__).parent / "data" / "calls"
GOOD = {
    "discovery_acme.txt": ("speaker_lines", "start_only"),
    "discovery_acme_untimed.txt": ("speaker_lines", "estimated"),
    "discovery_acme.vtt": ("vtt", "measured"),
    "discovery_acme.srt": ("srt", "measured"),
    "discovery_acme.json": ("json", "measured"),
    # Meeting tools' own exports, written from their published layouts (see tools/calls/parsers.py)
    "zoom_cloud.vtt": ("vtt", "measured"),  # Zoom cloud recording audio transcript: numbered cues, "Name: text"
    "teams_meeting.vtt": ("vtt", "measured"),  # Microsoft Teams: "<guid>/<n>-<k>" cue ids, <v Name> voice tags
    "zoom_saved_transcript.txt": ("speaker_headers", "start_only"),  # Zoom "Save transcript": [Name] hh:mm:ss
    "otter_export.txt": ("speaker_headers", "start_only"),  # Otter .txt export: "Name  m:ss"
}


@pytest.mark.parametrize("name", GOOD)
def test_each_format_parses_the_same_conversation(name: str) -> None:
    text = (DATA / name).read_text()
    transcript = parse_transcript(text, filename=name)
    assert (transcript.format, transcript.timing) == GOOD[name]
    assert transcript.speakers == ["Dana Reyes", "Jamie Chen"]
    assert len(transcript.turns) == 17
    assert transcript.turns[10].text.startswith("Got it. Let me show you how our platform")
    assert transcript.turns[-1].text == "Perfect, thanks Jamie. Talk soon."
    starts = [t.start for t in transcript.turns]
    assert starts == sorted(starts)
    assert all(t.end >= t.start for t in transcript.turns)


def test_speaker_header_exports_time_turns_from_the_first_header() -> None:
    zoom = parse_transcript((DATA / "zoom_saved_transcript.txt").read_text(), filename="zoom_saved_transcript.txt")
    otter = parse_transcript((DATA / "otter_export.txt").read_text(), fmt="txt")
    reference = parse_transcript((DATA / "discovery_acme.txt").read_text())
    # Zoom's wall clock (14:02:09 ...) becomes seconds from the first header, like Otter's offsets
    assert [t.start for t in zoom.turns] == [t.start for t in otter.turns] == [t.start for t in reference.turns]
    assert [t.speaker for t in zoom.turns] == [t.speaker for t in reference.turns]  # no "Dana Reyes  00"
    # Zoom's two blocks (and Otter's wrapped line) of one speaker are one turn
    assert zoom.turns[3].text == otter.turns[3].text == reference.turns[3].text
    assert zoom.turns[3].line == 10


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("[Ana] 10:00:01\nHi\n\n[Ben] 09:59:00\nHello\n", 4, "earlier than the header before it"),
        ("[Ana] 10:00:01\n\n[Ben] 10:00:05\nHello\n", 1, "Ana says nothing"),
        ("[Ana] 10:00:01\nHi\n\n[Ben] 10:61:05\nHello\n", 4, "is not a time"),
        ("Ana  0:01\nHi\nBen  0:04\n", 3, "Ben says nothing"),
    ],
)
def test_malformed_speaker_header_files_name_the_line(text: str, line: int, reason: str) -> None:
    with pytest.raises(TranscriptError) as error:
        parse_transcript(text, filename="meeting.txt")
    assert error.value.line == line and reason in error.value.reason


def test_timed_formats_keep_the_source_times() -> None:
    vtt = parse_transcript((DATA / "discovery_acme.vtt").read_text())
    txt = parse_transcript((DATA / "discovery_acme.txt").read_text())
    assert [t.start for t in vtt.turns] == [t.start for t in txt.turns]
    assert txt.turns[3].start == 20.0  # [00:00:20]
    assert vtt.turns[0].end == pytest.approx(4.074)


def test_vtt_cues_of_one_speaker_are_merged_and_name_prefixes_work() -> None:
    text = (
        "WEBVTT\n\nNOTE exported by a meeting tool\n\n00:00.000 --> 00:02.500\nAna: Hello there\n\n"
        "00:02.600 --> 00:04.000\nand welcome.\n\n00:05.000 --> 00:06.000\n<v.loud Ben>Hi!</v>\n"
    )
    transcript = parse_transcript(text)
    assert [(t.speaker, t.text) for t in transcript.turns] == [("Ana", "Hello there and welcome."), ("Ben", "Hi!")]
    assert transcript.turns[0].end == 4.0


def test_speaker_lines_accept_bare_timestamps_and_wrapped_lines() -> None:
    text = "00:01 Ana: Hi Ben\nhow are you?\n00:05 Ben: Fine.\n"
    transcript = parse_transcript(text)
    assert [(t.speaker, t.text, t.start) for t in transcript.turns] == [
        ("Ana", "Hi Ben how are you?", 1.0),
        ("Ben", "Fine.", 5.0),
    ]


def test_json_accepts_millisecond_offsets_and_word_lists() -> None:
    text = '[{"name": "Ana", "start_time": 1500000, "words": [{"text": "hi"}, {"text": "there"}]}]'
    transcript = parse_transcript(text)
    assert transcript.turns[0].start == 1500.0 and transcript.turns[0].text == "hi there"
    assert transcript.timing == "start_only"


MALFORMED = {
    "bad_header.vtt": (1, "must start with 'WEBVTT'"),
    "bad_timestamp.vtt": (8, "'00:00:0x.000' is not a time"),
    "bad_comma.srt": (6, "must use ',' before the milliseconds"),
    "bad_index.srt": (5, "expected a cue number, got 'two'"),
    "bad_syntax.json": (5, "invalid JSON"),
    "missing_speaker.json": (4, "turn 3 has no speaker"),
    "bad_clock.txt": (3, "minutes and seconds must be below 60"),
    "backwards.txt": (3, "earlier than the line before it"),
    "no_speaker.txt": (1, "expected 'Name: text'"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_files_name_the_line_and_the_reason(name: str) -> None:
    line, reason = MALFORMED[name]
    with pytest.raises(TranscriptError) as caught:
        parse_transcript((DATA / name).read_text(), filename=name)
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{name}, line {line}: ")


def test_more_malformed_inputs() -> None:
    with pytest.raises(TranscriptError, match="empty"):
        parse_transcript("   \n")
    with pytest.raises(TranscriptError) as caught:
        parse_transcript("[00:00:01] Ana: hi\nBen: no stamp here\n")
    assert caught.value.line == 2 and "mixed timestamps" in caught.value.reason
    with pytest.raises(TranscriptError) as caught:
        parse_transcript("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nAna: backwards\n")
    assert caught.value.line == 3 and "before it starts" in caught.value.reason
    with pytest.raises(TranscriptError) as caught:
        parse_transcript("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nno speaker at all\n")
    assert caught.value.line == 3 and "names no speaker" in caught.value.reason
    with pytest.raises(TranscriptError) as caught:
        parse_transcript(
            '{"turns": [\n {"speaker": "Ana", "text": "hi", "start": 3},\n {"speaker": "Ben", "text": "x"}\n]}'
        )
    assert caught.value.line == 3 and "some turns have a start time" in caught.value.reason


def test_format_detection_uses_content_then_extension() -> None:
    assert detect_format("WEBVTT\n\n") == "vtt"
    assert detect_format("1\n00:00:01,000 --> 00:00:02,000\nAna: hi\n") == "srt"
    assert detect_format('[{"speaker": "A", "text": "b"}]') == "json"
    assert detect_format("[00:00:01] Ana: hi") == "speaker_lines"
    assert detect_format("garbage", "call.vtt") == "vtt"
    assert parse_clock("01:02:03,5") == 3723.5
    with pytest.raises(ValueError):
        parse_clock("1:2:3:4")


@pytest.mark.parametrize("name", GOOD)
def test_cli_prints_a_scorecard_with_clips_for_each_format(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    code = main(["analyze-call", str(DATA / name), "--date", "2026-11-25T10:00"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Call scorecard: " in out and "/100" in out
    assert "Talk ratio" in out and "Next steps and commitments" in out
    assert "Benchmark:" in out
    assert "  > [" in out  # at least one timestamped coaching clip
    assert "Dana Reyes: send you a pricing proposal by Friday — Fri Nov 27" in out


@pytest.mark.parametrize("name", MALFORMED)
def test_cli_rejects_malformed_files_with_exit_2(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code = main(["analyze-call", str(DATA / name), "--no-store"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"line {MALFORMED[name][0]}:" in err and MALFORMED[name][1] in err


def test_html_call_bodies_from_hubspot_are_read_as_lines() -> None:
    body = "<p>[00:00:01] Dana Reyes: Hi Jamie &amp; team</p><p>[00:00:05] Jamie Chen: Hello<br>again</p>"
    transcript = parse_transcript(body)
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        ("Dana Reyes", "Hi Jamie & team"),
        ("Jamie Chen", "Hello again"),
    ]
    with pytest.raises(TranscriptError) as caught:
        parse_transcript("<p>Left a voicemail, will try again Monday.</p>")
    assert caught.value.line == 1
