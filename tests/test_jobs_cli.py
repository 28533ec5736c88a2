"""`salesos jobs`, `salesos jobs run NAME` and `salesos digest` from the command line (no Slack keys)."""

import pytest

import app
from tests.jobs_world import build_world


@pytest.fixture
def store_url(sqlite_engine, monkeypatch):
    build_world(sqlite_engine)
    url = sqlite_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_jobs_lists_schedules_and_next_runs(store_url, capsys):
    assert app.main(["jobs"]) == 0
    out = capsys.readouterr().out
    assert "next run (America/New_York)" in out
    for name in ("precall_briefs", "risk_alerts", "weekly_digest", "library_refresh", "hubspot_sync"):
        assert name in out
    assert "mon 09:00" in out and " 6 h " in out


def test_jobs_run_prints_without_slack_and_claims_the_slot(store_url, capsys):
    assert app.main(["jobs", "run", "weekly_digest", "--as-of", "2026-11-30T09:00"]) == 0
    out = capsys.readouterr().out
    assert "--- to #sales-managers ---" in out and "Weekly digest 2026-W48 · east" in out
    assert "weekly_digest: digest:east:2026-W48 → #sales-managers" in out
    assert app.main(["jobs", "run", "weekly_digest", "--as-of", "2026-11-30T09:05"]) == 0
    assert "already claimed" in capsys.readouterr().out
    assert app.main(["jobs", "run", "bogus"]) == 2
    assert "unknown job 'bogus'" in capsys.readouterr().err


def test_digest_prints_and_writes_the_chart(store_url, tmp_path, capsys):
    assert app.main(["digest", "--team", "east", "--as-of", "2026-11-30", "--out-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Weekly digest 2026-W48 · east" in out and "Acme expansion" in out
    chart = tmp_path / "digest-east-2026-W48.png"
    assert f"Chart written to {chart}" in out and chart.read_bytes()[:4] == b"\x89PNG"
    assert app.main(["digest", "--team", "north"]) == 2
    assert "unknown team 'north'" in capsys.readouterr().err
