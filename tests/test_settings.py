import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from settings import Settings

ENV_EXAMPLE = Path(__file__).resolve().parents[1] / ".env.example"


def test_env_example_lists_exactly_the_settings():
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), flags=re.M))
    declared = {name.upper() for name in Settings.model_fields}
    assert listed == declared, f"only in .env.example: {listed - declared}; only in Settings: {declared - listed}"


def test_every_variable_has_a_comment():
    lines = ENV_EXAMPLE.read_text().splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^[A-Z][A-Z0-9_]*=", line):
            above = lines[i - 1]
            assert above.startswith("#") or re.match(r"^[A-Z][A-Z0-9_]*=", above), f"no comment above {line}"


def test_no_keys_means_offline_defaults():
    s = Settings()
    assert not s.llm_configured and not s.hubspot_configured
    assert s.database_url.startswith("sqlite:///")
    assert s.missing_for_slack() == [
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)",
    ]


def test_env_switches_services_on(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.setenv("MANAGER_EMAILS", '["vp@example.com"]')
    s = Settings()
    assert s.missing_for_slack() == [] and s.llm_configured
    assert s.manager_emails == ["vp@example.com"]


def test_unknown_timezone_fails_at_start(monkeypatch):
    monkeypatch.setenv("TEAM_TIMEZONE", "Mars/Olympus")
    with pytest.raises(ValidationError):
        Settings()
