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


def test_dry_run_prints_the_digest_and_claims_nothing(store_url, capsys):
    assert app.main(["jobs", "run", "weekly_digest", "--dry-run", "--as-of", "2026-11-30T09:00"]) == 0
    out = capsys.readouterr().out
    assert "--- to #sales-managers ---" in out and "Acme expansion" in out
    assert "Nothing was claimed or sent (dry run)" in out
    # the preview took no slot: the real run still posts this week's digest
    assert app.main(["jobs", "run", "weekly_digest", "--as-of", "2026-11-30T09:05"]) == 0
    assert "weekly_digest: digest:east:2026-W48 → #sales-managers" in capsys.readouterr().out
    assert app.main(["jobs", "run", "weekly_digest", "--dry-run", "--as-of", "2026-11-30T09:10"]) == 0
    assert "already done (a run now would skip it)" in capsys.readouterr().out


def test_dry_run_of_risk_alerts_shows_the_dms_and_sends_nothing(store_url, capsys):
    assert app.main(["jobs", "run", "risk_alerts", "--dry-run", "--as-of", "2026-11-30T08:30"]) == 0
    preview = capsys.readouterr().out
    assert "--- to DM " in preview and "would alert" in preview
    assert app.main(["jobs", "run", "risk_alerts", "--as-of", "2026-11-30T08:30"]) == 0
    real = capsys.readouterr().out
    assert "alerted" in real and "alerted 0 deals" not in real.split(";")[0]  # the preview recorded nothing


def test_help_and_errors_name_the_same_jobs(store_url, capsys):
    from jobs.names import JOB_NAMES
    from jobs.scheduler import JOB_SPECS

    assert tuple(JOB_SPECS) == JOB_NAMES
    with pytest.raises(SystemExit):
        app.main(["jobs", "run", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert app.main(["jobs", "run", "bogus"]) == 2
    err = capsys.readouterr().err
    for name in JOB_NAMES:
        assert name in help_text and name in err


def test_a_job_needing_hubspot_says_so_in_one_line(store_url, capsys):
    assert app.main(["jobs", "run", "hubspot_sync"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "HUBSPOT_ACCESS_TOKEN" in err and "Traceback" not in err
    assert app.main(["sync"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "HUBSPOT_ACCESS_TOKEN" in err
    assert app.main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "SLACK_BOT_TOKEN" in err
