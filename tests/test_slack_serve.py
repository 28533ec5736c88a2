"""`salesos serve` picks Socket Mode or HTTP mode; the manifest matches what the app listens to."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

import app as cli
from bot.slack.deps import Readiness
from bot.slack.manifest import load_manifest, render_manifest
from bot.slack.server import SlackHTTPServer, build_runner, wait_for_slack
from settings import Settings
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_requests import post_signed, slash_command
from tests.schedules import not_due

ROOT = Path(__file__).resolve().parent.parent


def test_socket_mode_when_app_token_is_set(sqlite_engine):
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    with FakeSlackAPI() as slack:
        settings = Settings(slack_bot_token="xoxb-t", slack_app_token="xapp-1-t", slack_api_url=slack.api_url)
        mode, app, handler = build_runner(settings, sqlite_engine, answer=lambda q, **kw: None)
        assert mode == "socket" and isinstance(handler, SocketModeHandler)
        assert handler.client.app_token == "xapp-1-t"
        assert handler.client.is_connected() is False  # built, never connected in tests
        assert slack.methods() == []  # building never calls Slack: an outage at start must not kill serve
        assert app.client.base_url == slack.api_url
        readiness = Readiness()
        wait_for_slack(app.client, readiness).join(10)  # serve verifies the bot token right after, in the background
        assert readiness.ready and slack.methods() == ["auth.test"]


def test_http_mode_without_app_token(sqlite_engine):
    with FakeSlackAPI() as slack:
        settings = Settings(slack_bot_token="xoxb-t", slack_signing_secret="s3", slack_api_url=slack.api_url)
        mode, _app, server = build_runner(settings, sqlite_engine, host="127.0.0.1", port=0)
        try:
            assert mode == "http" and isinstance(server, SlackHTTPServer)
            assert set(server.routes) == {"/slack/events", "/healthz", "/intake"}  # /intake: inbound leads
        finally:
            server.server_close()


def test_serve_without_credentials_explains_what_is_missing(capsys):
    assert cli.main(["serve"]) == 2
    assert "SLACK_BOT_TOKEN" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.parametrize("workers", [1, 2])
def test_salesos_serve_runs_http_mode_with_bot_token_and_signing_secret_only(tmp_path, workers):
    port = _free_port()
    with FakeSlackAPI() as slack:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "HUBSPOT_", "OPENAI_"))}
        env |= {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": "s3cret",
            "SLACK_API_URL": slack.api_url,
            "SLACK_PORT": str(port),
            "SLACK_HTTP_WORKERS": str(workers),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        }
        # No job is due on the real clock, so nothing but the banner is printed (a due job would log its run).
        schedules = not_due(datetime.now(ZoneInfo("America/New_York")))
        env |= {name.upper(): value for name, value in schedules.items()}
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "serve"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            deadline, status = time.monotonic() + 45, None
            while time.monotonic() < deadline and status is None:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                        status = r.status
                except OSError:
                    assert proc.poll() is None, proc.stdout.read()
                    time.sleep(0.1)
            assert status == 200
            for _ in range(4):  # signed commands are acknowledged by whichever process takes the connection
                body = slash_command("help", user="U1", response_url=slack.response_url())  # each one new: no replay
                code, _, text = post_signed(f"http://127.0.0.1:{port}/slack/events", "s3cret", body)
                assert code == 200 and "Sales OS" in text
            if workers > 1:
                assert len(_children(proc.pid)) >= workers
        finally:
            proc.send_signal(signal.SIGTERM)
            out, _ = proc.communicate(timeout=20)
        assert proc.returncode == 0, out
        assert "HTTP mode" in out
        if workers == 1:  # a short banner: where it listens and what is scheduled; scheduler detail is DEBUG
            assert f"listening in HTTP mode on http://0.0.0.0:{port}/slack/events" in out
            assert "jobs scheduled in America/New_York: deal_health (every 1 min)" in out
            digest_day, digest_time = schedules["digest_schedule"].lower().split()
            assert f"weekly_digest ({digest_day} {digest_time})" in out and "scheduled deal_health: next run" not in out
            assert f"reactivation (monthly {schedules['reactivation_schedule']})" in out
            assert "Added job" not in out and "Scheduler started" not in out  # APScheduler's own chatter
            assert "WARNING" not in out, out
            assert len(out.splitlines()) <= 3, out


def test_manifest_declares_what_the_app_listens_to(capsys):
    manifest = load_manifest()
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert events == {
        "app_home_opened",
        "app_mention",
        "assistant_thread_started",
        "assistant_thread_context_changed",
        "file_shared",
        "message.im",
        "reaction_added",
    }
    assert "assistant:write" in manifest["oauth_config"]["scopes"]["bot"] and "assistant_view" in manifest["features"]
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/salesos"]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {
        "commands",
        "chat:write",
        "app_mentions:read",
        "im:history",
        "reactions:read",
        "users:read.email",
        "usergroups:read",
        "im:write",
    } <= scopes

    with_url = yaml.safe_load(render_manifest(url="https://sales.example.com"))
    urls = {
        with_url["settings"]["event_subscriptions"]["request_url"],
        with_url["settings"]["interactivity"]["request_url"],
        with_url["features"]["slash_commands"][0]["url"],
    }
    assert urls == {"https://sales.example.com/slack/events"}
    socket_mode = yaml.safe_load(render_manifest(socket_mode=True))
    assert socket_mode["settings"]["socket_mode_enabled"] is True
    assert "request_url" not in socket_mode["settings"]["event_subscriptions"]

    assert cli.main(["manifest", "--url", "https://x.example"]) == 0
    assert "https://x.example/slack/events" in capsys.readouterr().out
