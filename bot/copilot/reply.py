"""A render-neutral reply: what the copilot, jobs and listeners say, before it becomes Block Kit or terminal text.

Tools return data; builders in `bot/` turn that data into a `Reply`; `to_text` renders it for the terminal
(`salesos ask`/`chat`) and the Block Kit renderer (`bot/blocks.py`) renders the same structure for Slack, within
Slack's limits. Keeping one structure is what makes the terminal and Slack answers the same answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Style = Literal["primary", "danger"] | None


@dataclass(frozen=True)
class Header:
    """A title line."""

    text: str


@dataclass(frozen=True)
class Section:
    """A paragraph of Slack mrkdwn (`*bold*`, `_italic_`, `<url|label>`, bullets as lines)."""

    text: str


@dataclass(frozen=True)
class Fields:
    """Label/value pairs shown side by side in Slack, one per line in a terminal."""

    pairs: list[tuple[str, str]]


@dataclass(frozen=True)
class Context:
    """Small print: freshness, sources, hints."""

    elements: list[str]


@dataclass(frozen=True)
class Divider:
    """A horizontal rule."""


@dataclass(frozen=True)
class Button:
    """An action button; `value` is what the action handler receives."""

    text: str
    action_id: str
    value: str = ""
    url: str | None = None
    style: Style = None


@dataclass(frozen=True)
class Actions:
    """A row of buttons."""

    buttons: list[Button]


Part = Header | Section | Fields | Context | Divider | Actions


@dataclass
class Reply:
    """An answer: its parts, a plain-text fallback for notifications, and whether it is only for the asker."""

    parts: list[Part] = field(default_factory=list)
    fallback: str = ""
    ephemeral: bool = False

    def add(self, *parts: Part) -> Reply:
        """Append parts and return self, for chaining."""
        self.parts.extend(parts)
        return self


_LINK = re.compile(r"<([^|>]+)\|([^>]+)>")
_USER = re.compile(r"<@([A-Z0-9]+)>")


def mrkdwn_to_text(text: str) -> str:
    """Turn Slack mrkdwn into plain terminal text (links become `label (url)`, emphasis marks dropped)."""
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", text)
    text = _USER.sub(lambda m: f"@{m.group(1)}", text)
    text = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"\1", text)
    return re.sub(r"(?<![\w_])_([^_\n]+)_(?![\w_])", r"\1", text)


def to_text(reply: Reply) -> str:
    """Render a reply for the terminal."""
    lines: list[str] = []
    for part in reply.parts:
        if isinstance(part, Header):
            lines += [part.text, "=" * min(len(part.text), 80)]
        elif isinstance(part, Section):
            lines.append(mrkdwn_to_text(part.text))
        elif isinstance(part, Fields):
            width = max((len(label) for label, _ in part.pairs), default=0)
            lines += [f"{label + ':':<{width + 1}} {mrkdwn_to_text(value)}" for label, value in part.pairs]
        elif isinstance(part, Context):
            lines.append("  " + " · ".join(mrkdwn_to_text(e) for e in part.elements))
        elif isinstance(part, Divider):
            lines.append("-" * 40)
        elif isinstance(part, Actions):  # a terminal cannot click: show only what a link opens
            links = [f"{b.text}: {b.url}" for b in part.buttons if b.url]
            if not links:
                continue
            lines.append("  " + "  ·  ".join(links))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
