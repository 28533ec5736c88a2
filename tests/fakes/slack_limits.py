"""An independent checker of Slack's Block Kit limits, applied by `FakeSlackAPI` to every payload it receives.

Written from Slack's reference (not from bot/slack/blocks.py), so a renderer bug shows up as a violation instead
of being checked by the code that made it. Slack answers such payloads with `invalid_blocks`; so does the fake.
"""

from __future__ import annotations

from typing import Any

MESSAGE_METHODS = ("chat.postMessage", "chat.update", "chat.postEphemeral", "chat.scheduleMessage", "response_url")
VIEW_METHODS = ("views.open", "views.publish", "views.update", "views.push")
KNOWN_BLOCKS = {"section", "header", "context", "divider", "actions", "input", "image", "rich_text", "file", "video"}


def _text_len(obj: Any) -> int:
    return len(obj.get("text", "")) if isinstance(obj, dict) else 0


def block_violations(blocks: Any, *, max_blocks: int) -> list[str]:
    """Everything in `blocks` that Slack would reject."""
    if blocks is None:
        return []
    if not isinstance(blocks, list):
        return [f"blocks is {type(blocks).__name__}, not a list"]
    out: list[str] = []
    if len(blocks) > max_blocks:
        out.append(f"{len(blocks)} blocks > {max_blocks}")
    block_ids = [b.get("block_id") for b in blocks if isinstance(b, dict) and b.get("block_id")]
    if len(block_ids) != len(set(block_ids)):
        out.append("duplicate block_id")
    for i, block in enumerate(blocks):
        kind = block.get("type") if isinstance(block, dict) else None
        where = f"block {i} ({kind})"
        if kind not in KNOWN_BLOCKS:
            out.append(f"{where}: unknown type")
            continue
        if len(str(block.get("block_id", ""))) > 255:
            out.append(f"{where}: block_id > 255")
        if kind == "header":
            text = block.get("text") or {}
            if text.get("type") != "plain_text":
                out.append(f"{where}: header text must be plain_text")
            if not 0 < _text_len(text) <= 150:
                out.append(f"{where}: header text length {_text_len(text)} not in 1..150")
        elif kind == "section":
            text, fields = block.get("text"), block.get("fields")
            if text is None and not fields:
                out.append(f"{where}: section needs text or fields")
            if text is not None and not 0 < _text_len(text) <= 3000:
                out.append(f"{where}: section text length {_text_len(text)} not in 1..3000")
            if fields is not None:
                if len(fields) > 10:
                    out.append(f"{where}: {len(fields)} fields > 10")
                out += [
                    f"{where}: field {j} length {_text_len(f)} > 2000"
                    for j, f in enumerate(fields)
                    if _text_len(f) > 2000
                ]
        elif kind == "context":
            elements = block.get("elements") or []
            if not 0 < len(elements) <= 10:
                out.append(f"{where}: {len(elements)} context elements not in 1..10")
            out += [
                f"{where}: context element {j} empty or > 3000"
                for j, e in enumerate(elements)
                if not 0 < _text_len(e) <= 3000
            ]
        elif kind == "actions":
            elements = block.get("elements") or []
            if not 0 < len(elements) <= 25:
                out.append(f"{where}: {len(elements)} action elements not in 1..25")
            for j, element in enumerate(elements):
                if element.get("type") == "button":
                    if not 0 < _text_len(element.get("text")) <= 75:
                        out.append(f"{where}: button {j} label length {_text_len(element.get('text'))} not in 1..75")
                    if len(str(element.get("value", ""))) > 2000:
                        out.append(f"{where}: button {j} value > 2000")
                if len(str(element.get("action_id", ""))) > 255:
                    out.append(f"{where}: action_id > 255")
            action_ids = [e.get("action_id") for e in elements if e.get("action_id")]
            if len(action_ids) != len(set(action_ids)):
                out.append(f"{where}: duplicate action_id")
        elif kind == "input" and not 0 < _text_len(block.get("label")) <= 2000:
            out.append(f"{where}: input label length not in 1..2000")
    return out


def payload_violations(method: str, args: dict[str, Any]) -> list[str]:
    """What Slack would reject in one Web API call (or response_url post)."""
    out: list[str] = []
    if method in MESSAGE_METHODS:
        text, blocks = args.get("text"), args.get("blocks")
        if not text and not blocks and not args.get("delete_original"):
            out.append("message has neither text nor blocks")
        if text is not None and len(str(text)) > 40_000:
            out.append(f"text length {len(str(text))} > 40000")
        out += block_violations(blocks, max_blocks=50)
    elif method in VIEW_METHODS:
        view = args.get("view")
        if not isinstance(view, dict):
            return ["view missing or not an object"]
        out += block_violations(view.get("blocks"), max_blocks=100)
        for key in ("title", "submit", "close"):
            if key in view and not 0 < _text_len(view[key]) <= 24:
                out.append(f"view {key} length {_text_len(view[key])} not in 1..24")
        if len(str(view.get("private_metadata", ""))) > 3000:
            out.append("private_metadata > 3000")
    return out
