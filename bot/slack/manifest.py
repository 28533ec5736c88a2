"""The Slack app manifest (`manifest.yaml` at the project root), rendered for HTTP mode or Socket Mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MANIFEST_PATH = Path(__file__).resolve().parents[2] / "manifest.yaml"
PLACEHOLDER_URL = "https://YOUR-HOST/slack/events"


def load_manifest() -> dict[str, Any]:
    """The manifest as a dict."""
    return yaml.safe_load(MANIFEST_PATH.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def render_manifest(*, url: str | None = None, socket_mode: bool = False) -> str:
    """The manifest as YAML: request URLs pointed at `url` (base or full /slack/events), or Socket Mode without URLs."""
    manifest = load_manifest()
    settings, features = manifest["settings"], manifest["features"]
    if socket_mode:
        settings["socket_mode_enabled"] = True
        settings["event_subscriptions"].pop("request_url", None)
        settings["interactivity"].pop("request_url", None)
        for command in features["slash_commands"]:
            command.pop("url", None)
    elif url:
        events_url = url if url.rstrip("/").endswith("/slack/events") else url.rstrip("/") + "/slack/events"
        settings["event_subscriptions"]["request_url"] = events_url
        settings["interactivity"]["request_url"] = events_url
        for command in features["slash_commands"]:
            command["url"] = events_url
    return yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=120)
