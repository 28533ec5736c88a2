"""The `salesos` command line: help, and clear messages when something is missing."""

import pytest

from app import build_parser, main


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("demo", "ask", "serve"):
        assert command in out


def test_serve_without_slack_names_the_missing_variables(capsys):
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "SLACK_BOT_TOKEN" in err and "SLACK_SIGNING_SECRET" in err and "SLACK_APP_TOKEN" in err


def test_serve_with_only_the_bot_token_still_names_the_rest(capsys, monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "SLACK_BOT_TOKEN" not in err and "SLACK_SIGNING_SECRET" in err


def test_demo_sizes_are_the_documented_ones():
    args = build_parser().parse_args(["demo", "--size", "small"])
    assert args.size == "small"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["demo", "--size", "huge"])


def test_a_demo_made_as_of_a_date_is_scored_as_of_that_date(monkeypatch, tmp_path):
    # The tour answers as of --as-of; the win scores it shows were computed at the wall clock, so the README's sample
    # ("win 98%") drifted as the day went on. Scored as of the demo's date, the tour reads the same whenever it runs.
    from datetime import UTC, datetime

    from sqlmodel import Session

    from store.db import open_engine
    from tools.intelligence.scores import scores_assessed_at

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    assert main(["demo", "--size", "small", "--as-of", "2026-11-25T14:50", "--no-tour"]) == 0
    with Session(open_engine(f"sqlite:///{tmp_path / 'demo.db'}")) as session:
        assessed = scores_assessed_at(session)
    assert assessed is not None
    assert assessed.astimezone(UTC).date() == datetime(2026, 11, 25, tzinfo=UTC).date()
