"""Property tests (hypothesis) for the parsers that read text from outside: transcripts, amounts, dates, periods and
lead form fields. Each says what may come out and which error is the only one allowed; the bounds are in the
`salesos` hypothesis profile (tests/conftest.py)."""

from __future__ import annotations

import contextlib
import math
from datetime import date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import ValidationError

from tools.calls.parsers import TranscriptError, format_clock, parse_clock, parse_transcript
from tools.leads.form import LeadIn, parse_amount
from tools.parsing.amounts import parse_budget
from tools.parsing.dates import parse_when
from tools.parsing.periods import parse_days, parse_period

REF = date(2026, 11, 25)
names = st.text(st.characters(categories=("L",)), min_size=1, max_size=12)
words = st.text(st.characters(categories=("L", "Zs", "Nd", "Po")), min_size=1, max_size=80).filter(str.strip)
# texts that look like transcripts, and arbitrary ones
transcript_like = st.lists(st.tuples(st.integers(0, 5 * 3600), names, words), min_size=1, max_size=8).map(
    lambda rows: "\n".join(f"[{format_clock(t)}] {who}: {said.strip()}" for t, who, said in sorted(rows))
)
any_text = st.one_of(st.text(max_size=400), transcript_like, st.sampled_from(["WEBVTT\n\n", "1\n00:00:01,000 --> x"]))


@given(any_text, st.sampled_from([None, "auto", "vtt", "srt", "speaker_lines", "json", "txt"]))
@example("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n", "vtt")
@example("1\n00:00:01,000 --> 00:00:00,500\nA: hi\n", None)
def test_transcripts_parse_or_raise_transcript_error_only(text, fmt):
    try:
        transcript = parse_transcript(text, fmt)
    except TranscriptError as exc:
        assert str(exc)  # the documented error, with a reason
        return
    assert transcript.turns
    for turn in transcript.turns:
        assert turn.speaker.strip() and turn.text.strip() and turn.line >= 1
        assert 0 <= turn.start <= turn.end or math.isclose(turn.start, turn.end)


@given(transcript_like)
def test_speaker_lines_round_trip_their_speakers_texts_and_times(text):
    transcript = parse_transcript(text, "speaker_lines")
    lines = text.splitlines()
    assert [t.speaker for t in transcript.turns] == [ln.split("] ", 1)[1].split(":", 1)[0] for ln in lines]
    assert [t.text for t in transcript.turns] == [ln.split(": ", 1)[1].strip() for ln in lines]
    assert [format_clock(t.start) for t in transcript.turns] == [ln[1 : ln.index("]")] for ln in lines]


@given(st.integers(0, 99 * 3600 + 3599))
def test_clock_round_trips(seconds):
    assert parse_clock(format_clock(seconds)) == seconds


@given(st.text(max_size=20))
def test_clock_raises_only_value_error(text):
    with contextlib.suppress(ValueError):
        assert parse_clock(text) >= 0


@given(st.one_of(st.text(max_size=60), st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
@example("$50k-$10k")
@example("1e999")
def test_budget_never_raises_and_keeps_what_was_typed(value):
    budget = parse_budget(value)
    if budget is None:
        return
    assert budget.given is not None and len(budget.given) <= 200
    if budget.problem:
        assert budget.low is None and budget.high is None
    else:
        ends = [v for v in (budget.low, budget.high) if v is not None]
        assert ends and all(math.isfinite(v) and v >= 0 for v in ends) and budget.currency
        if budget.low is not None and budget.high is not None:
            assert budget.low <= budget.high


@given(st.integers(0, 10**9), st.sampled_from(["", "k", "K", "m", "M"]), st.sampled_from(["$", "€", "£", ""]))
def test_amounts_scale_monotonically(number, scale, mark):
    factor = {"": 1, "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6}[scale]
    budget = parse_budget(f"{mark}{number}{scale}")
    assert budget is not None and budget.problem is None
    assert math.isclose(budget.low, number * factor) and budget.low == budget.high
    bigger = parse_budget(f"{mark}{number + 1}{scale}")
    assert bigger.low > budget.low


@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none()))
def test_form_amount_raises_only_value_error(value):
    try:
        amount = parse_amount(value)
    except ValueError:
        return
    assert amount is None or (math.isfinite(amount) and amount >= 0)


@given(st.text(max_size=80), st.dates(date(2000, 1, 1), date(2100, 12, 31)))
def test_dates_and_periods_never_raise(text, ref):
    when = parse_when(text, ref)
    assert when is None or (when.text and when.text.lower() in text.lower())
    period = parse_period(text, ref)
    if period is not None:
        start, end, label = period
        assert start <= end and label
    days = parse_days(text)
    assert days is None or days >= 0


@given(st.integers(1, 3650))
def test_next_n_days_is_monotonic(n):
    start, end, _ = parse_period(f"next {n} days", REF)
    start2, end2, _ = parse_period(f"next {n + 1} days", REF)
    assert start == start2 and end < end2


form_value = st.one_of(
    st.none(),
    st.text(max_size=60),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
FIELDS = [
    "company", "domain", "company_size", "employee_count", "budget", "interest_area", "timeline", "notes",
    "contact_name", "contact_email", "contact_title", "hubspot_id", "submitted_at", "website", "email", "utm_source",
]  # fmt: skip


@given(st.dictionaries(st.sampled_from(FIELDS), form_value, max_size=len(FIELDS)))
@example({"company": "Acme", "contact_email": "a@acme.com", "submitted_at": "0001-01-01T00:00:00"})
@example({"company": "A\x00", "contact_email": "a@acme.com"})
def test_lead_form_accepts_or_names_the_fields(fields):
    try:
        lead = LeadIn.model_validate(fields)
    except ValidationError as exc:
        named = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
        assert named, exc  # every refusal names a field
        return
    assert lead.company and "@" in lead.contact_email
    assert "\x00" not in lead.company + lead.contact_email + (lead.notes or "")
    if lead.submitted_at is not None:
        assert datetime(2000, 1, 1).year <= lead.submitted_at.year


@given(st.lists(st.tuples(st.text(max_size=12), st.text(max_size=30)), max_size=8))
@example([("text", "brief Acme & Co 100%"), ("response_url", "https://hooks.slack.com/commands/T/1/x")])
def test_the_edge_form_reader_reads_every_form_as_parse_qsl_does(pairs):
    # bot.slack.server.form_fields replaces parse_qsl on the slash-command ack path: same fields, same values
    from urllib.parse import parse_qsl, urlencode

    from bot.slack.server import form_fields

    encoded = urlencode(pairs)
    assert form_fields(encoded) == dict(parse_qsl(encoded, keep_blank_values=True))


@given(st.text(alphabet="ab=&%+2CF0x ", max_size=40))
def test_the_edge_form_reader_agrees_with_parse_qsl_on_raw_text(raw):
    from urllib.parse import parse_qsl

    from bot.slack.server import form_fields

    assert form_fields(raw) == dict(parse_qsl(raw, keep_blank_values=True))


@given(st.lists(st.sampled_from(["help", "ask", "Help", "ASK", " ", "\t", "deals", "x", "?"]), max_size=6).map("".join))
@example("ask")
@example("  HELP me")
def test_the_acks_help_check_agrees_with_the_command_parser(text):
    from bot.copilot.direct import asks_for_help, parse_command

    assert asks_for_help(text) == (parse_command(text).kind == "help")


@given(st.integers(min_value=2, max_value=999), st.sampled_from(["thousand", "k", "grand"]))
def test_a_count_said_in_words_before_a_scale_is_that_many_thousands(count, scale):
    from tools.parsing.amounts import spelled_amounts

    hundreds, rest = divmod(count, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds:
        words += [_WORDS[hundreds], "hundred"] + (["and"] if rest else [])
    if rest >= 20:
        words += [_TENS_WORDS[tens]] + ([_WORDS[units]] if units else [])
    elif rest:
        words += [_WORDS[rest]]
    assert spelled_amounts(f"deals over {' '.join(words)} {scale}") == f"deals over {count}k"


_WORDS = {
    1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
    11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen",
    18: "eighteen", 19: "nineteen",
}  # fmt: skip
_TENS_WORDS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


@pytest.mark.parametrize(
    ("said", "figures"),
    [
        ("between one hundred and two hundred k", "between 100k and 200k"),
        ("between two and three hundred thousand", "between 200k and 300k"),
        ("over twenty and seventy  five thousand", "over twenty and 75k"),
    ],
)
def test_a_dictated_range_of_hundreds_is_two_numbers(said, figures):
    from tools.parsing.amounts import spelled_amounts

    # a second "hundred" is a second number (it multiplied the first: 10200k), and "two and three hundred" is 200-300k
    assert spelled_amounts(said) == figures
