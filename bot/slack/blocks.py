"""Block Kit rendering of a `Reply`, within Slack's limits, and the helpers that post it.

Pure functions over plain dicts: no slack_bolt import, so jobs and other helpers can reuse them. The posting helpers
take any object with slack_sdk `WebClient`'s `chat_postMessage` / `chat_update` / `chat_postEphemeral` methods.

Limits enforced (https://docs.slack.dev/reference/block-kit/blocks): 50 blocks per message (100 per modal or Home
tab), 3,000 characters per section text, 150 per header, 10 elements per context block, 10 fields per section and
2,000 characters per field, 25 elements per actions block, 75 characters per button label. Long sections are split
at line boundaries into several sections; a reply longer than a message is split across messages, and beyond
`max_messages` it is truncated with a "more" hint.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bot.copilot.reply import Actions, Button, Context, Divider, Fields, Header, Part, Reply, Section, to_text

MAX_BLOCKS_PER_MESSAGE = 50
MAX_BLOCKS_PER_VIEW = 100
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_CONTEXT_TEXT = 2000
MAX_FIELDS_PER_SECTION = 10
MAX_FIELD_TEXT = 2000
MAX_ACTION_ELEMENTS = 25
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_FALLBACK_TEXT = 3000
DEFAULT_MAX_MESSAGES = 3
ELLIPSIS = "…"

Block = dict[str, Any]


def truncate(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters, ending with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def split_text(text: str, limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Split text into chunks of at most `limit` characters, preferring line breaks, then spaces."""
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit  # one unbroken run longer than the limit: hard cut
        chunks.append(rest[:cut].rstrip("\n"))
        rest = rest[cut:].lstrip("\n")
    if rest or not chunks:
        chunks.append(rest)
    return chunks


# --- the escaping boundary -------------------------------------------------------------------------------------------
# Every mrkdwn string that leaves for Slack passes through `safe_mrkdwn`: lead-form fields, CRM notes, email subjects
# and LLM output are mixed into our sections, so the renderer keeps only the control sequences our own code builds.
LINK_PREFIXES = ("https://app.hubspot.com/",)
"""Links we construct (HubSpot records); any other `<url|label>` is shown as text, so no label can hide its target."""
_TOKEN = re.compile(r"<([^<>]*)>")
_MENTION = re.compile(r"@[UW][A-Z0-9]{2,30}")  # a user mention, as our code writes it: <@U123>
_LINK = re.compile(r"(https://[^\s|<>]+)\|([^|<>]*)")
_ENTITY = re.compile(r"&(?!(?:amp|lt|gt);)")


def _escape(text: str) -> str:
    return _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def _token(match: re.Match[str]) -> str:
    inner = match.group(1)
    if _MENTION.fullmatch(inner):
        return match.group(0)
    link = _LINK.fullmatch(inner)
    if link and link.group(1).startswith(LINK_PREFIXES):
        return f"<{link.group(1)}|{_escape(link.group(2))}>"
    return _escape(match.group(0))  # <!channel>, <!here>, <!subteam^…>, foreign links: shown, never acted on


def safe_mrkdwn(text: str) -> str:
    """Neutralize what untrusted text could do in Slack mrkdwn: broadcasts, foreign links, stray `<`, `&`.

    Kept: user mentions `<@U…>` and links to the hosts in `LINK_PREFIXES` (the URLs we build). Everything else in
    angle brackets is escaped (`&lt;!channel&gt;` shows as text), and a bare `&` becomes `&amp;`. Idempotent.
    """
    out: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text):
        out.append(_escape(text[last : match.start()]))
        out.append(_token(match))
        last = match.end()
    out.append(_escape(text[last:]))
    return _keep_quotes("".join(out))


def _keep_quotes(text: str) -> str:
    """Restore `>` at a line start (a block quote we write), which escaping turned into `&gt;`; it is harmless."""
    return re.sub(r"(?m)^&gt;", ">", text)


def _mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": safe_mrkdwn(text)}


def _plain(text: str, limit: int) -> Block:
    return {"type": "plain_text", "text": truncate(text, limit) or " ", "emoji": True}


def _button(button: Button) -> Block:
    element: Block = {
        "type": "button",
        "text": _plain(button.text, MAX_BUTTON_TEXT),
        "action_id": button.action_id[:255],
    }
    if button.value:
        element["value"] = truncate(button.value, MAX_BUTTON_VALUE)
    if button.url:  # a Button's URL is set by our code (e.g. the HubSpot record), never by text from outside
        element["url"] = button.url[:3000]
    if button.style:
        element["style"] = button.style
    return element


def part_to_blocks(part: Part) -> list[Block]:
    """Render one part of a reply; a part too big for one block becomes several blocks."""
    if isinstance(part, Header):
        return [{"type": "header", "text": _plain(part.text, MAX_HEADER_TEXT)}]
    if isinstance(part, Section):
        if not part.text.strip():
            return []
        return [{"type": "section", "text": _mrkdwn(chunk)} for chunk in split_text(part.text) if chunk.strip()]
    if isinstance(part, Fields):
        fields = [_mrkdwn(truncate(f"*{label}*\n{value}", MAX_FIELD_TEXT)) for label, value in part.pairs]
        return [
            {"type": "section", "fields": fields[i : i + MAX_FIELDS_PER_SECTION]}
            for i in range(0, len(fields), MAX_FIELDS_PER_SECTION)
        ]
    if isinstance(part, Context):
        elements = [_mrkdwn(truncate(e, MAX_CONTEXT_TEXT)) for e in part.elements if e]
        return [
            {"type": "context", "elements": elements[i : i + MAX_CONTEXT_ELEMENTS]}
            for i in range(0, len(elements), MAX_CONTEXT_ELEMENTS)
        ]
    if isinstance(part, Divider):
        return [{"type": "divider"}]
    if isinstance(part, Actions):
        elements = [_button(b) for b in part.buttons]
        return [
            {"type": "actions", "elements": elements[i : i + MAX_ACTION_ELEMENTS]}
            for i in range(0, len(elements), MAX_ACTION_ELEMENTS)
        ]
    raise TypeError(f"unknown reply part {part!r}")


def all_blocks(reply: Reply) -> list[Block]:
    """Every block of a reply, each within its own limits, with no limit on how many."""
    return [block for part in reply.parts for block in part_to_blocks(part)]


def more_hint(hidden: int, more_url: str | None = None) -> Block:
    """The context block that says how much was left out, with a link when there is a place to see it all."""
    text = f"{ELLIPSIS} {hidden} more block{'s' if hidden != 1 else ''} not shown."
    text += f" <{more_url}|See everything>" if more_url else " Ask a narrower question to see the rest."
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}  # our text, a URL our code passed


def split_reply_blocks(
    reply: Reply,
    *,
    max_blocks: int = MAX_BLOCKS_PER_MESSAGE,
    max_messages: int = DEFAULT_MAX_MESSAGES,
    more_url: str | None = None,
) -> list[list[Block]]:
    """Split a reply into messages of at most `max_blocks` blocks; past `max_messages`, truncate with a hint."""
    blocks = all_blocks(reply)
    if not blocks:
        return [[]]
    capacity = max_blocks * max_messages
    if len(blocks) > capacity:
        kept = capacity - 1
        blocks = blocks[:kept] + [more_hint(len(blocks) - kept, more_url)]
    return [blocks[i : i + max_blocks] for i in range(0, len(blocks), max_blocks)]


def reply_to_blocks(
    reply: Reply, *, max_blocks: int = MAX_BLOCKS_PER_MESSAGE, more_url: str | None = None
) -> list[Block]:
    """Render a reply as ONE message's blocks (truncated with a "more" hint when it does not fit)."""
    return split_reply_blocks(reply, max_blocks=max_blocks, max_messages=1, more_url=more_url)[0]


def fallback_text(reply: Reply) -> str:
    """The notification / screen-reader text of a message: the reply's fallback or its terminal rendering."""
    text = reply.fallback or to_text(reply).strip() or "Sales OS"
    return truncate(safe_mrkdwn(text), MAX_FALLBACK_TEXT)


def view_blocks(reply: Reply, *, more_url: str | None = None) -> list[Block]:
    """Render a reply for a modal or the App Home tab (100 blocks)."""
    return reply_to_blocks(reply, max_blocks=MAX_BLOCKS_PER_VIEW, more_url=more_url)


# --- posting --------------------------------------------------------------------------------------------------------


class ChatClient(Protocol):
    """The part of slack_sdk's WebClient the posting helpers use."""

    def chat_postMessage(self, **kwargs: Any) -> Any: ...  # noqa: D102, N802

    def chat_update(self, **kwargs: Any) -> Any: ...  # noqa: D102, N802

    def chat_postEphemeral(self, **kwargs: Any) -> Any: ...  # noqa: D102, N802


@dataclass(frozen=True)
class Posted:
    """Where a reply landed: the channel and the ts of each message (the first is the one to update or thread on)."""

    channel: str
    ts: list[str]


def _continuation(chunk: list[Block], index: int, total: int) -> str:
    return f"(continued {index + 1}/{total})" if chunk else ""


def post_reply(
    client: ChatClient,
    channel: str,
    reply: Reply,
    thread_ts: str | None = None,
    *,
    max_messages: int = DEFAULT_MAX_MESSAGES,
    more_url: str | None = None,
    **extra: Any,
) -> Posted:
    """Post a reply as one or more messages (continuations go in the same thread).

    `extra` goes to every chat.postMessage call (e.g. `unfurl_links=False`, `metadata=...`).
    """
    chunks = split_reply_blocks(reply, max_messages=max_messages, more_url=more_url)
    text = fallback_text(reply)
    stamps: list[str] = []
    for i, chunk in enumerate(chunks):
        result = client.chat_postMessage(
            channel=channel,
            text=text if i == 0 else _continuation(chunk, i, len(chunks)),
            blocks=chunk,
            thread_ts=thread_ts,
            **extra,
        )
        stamps.append(str(result["ts"]))
        channel = str(result.get("channel") or channel)
    return Posted(channel=channel, ts=stamps)


def update_reply(
    client: ChatClient,
    channel: str,
    ts: str,
    reply: Reply,
    *,
    thread_ts: str | None = None,
    max_messages: int = DEFAULT_MAX_MESSAGES,
    more_url: str | None = None,
) -> Posted:
    """Replace a message (the "working…" placeholder) with a reply; what does not fit follows in new messages."""
    chunks = split_reply_blocks(reply, max_messages=max_messages, more_url=more_url)
    client.chat_update(channel=channel, ts=ts, text=fallback_text(reply), blocks=chunks[0])
    stamps = [ts]
    for i, chunk in enumerate(chunks[1:], start=1):
        result = client.chat_postMessage(
            channel=channel, text=_continuation(chunk, i, len(chunks)), blocks=chunk, thread_ts=thread_ts
        )
        stamps.append(str(result["ts"]))
    return Posted(channel=channel, ts=stamps)


def post_ephemeral_reply(
    client: ChatClient,
    channel: str,
    user: str,
    reply: Reply,
    *,
    thread_ts: str | None = None,
    max_messages: int = DEFAULT_MAX_MESSAGES,
) -> int:
    """Post a reply only `user` can see; returns how many ephemeral messages it took."""
    chunks = split_reply_blocks(reply, max_messages=max_messages)
    text = fallback_text(reply)
    for i, chunk in enumerate(chunks):
        client.chat_postEphemeral(
            channel=channel,
            user=user,
            text=text if i == 0 else _continuation(chunk, i, len(chunks)),
            blocks=chunk,
            thread_ts=thread_ts,
        )
    return len(chunks)


def respond_reply(
    respond: Callable[..., Any],
    reply: Reply,
    *,
    replace_original: bool = True,
    response_type: str = "ephemeral",
    max_messages: int = DEFAULT_MAX_MESSAGES,
) -> int:
    """Answer through a `response_url` (slash commands, buttons); the first message replaces the original."""
    chunks = split_reply_blocks(reply, max_messages=max_messages)
    text = fallback_text(reply)
    for i, chunk in enumerate(chunks):
        respond(
            text=text if i == 0 else _continuation(chunk, i, len(chunks)),
            blocks=chunk,
            response_type=response_type,
            replace_original=replace_original if i == 0 else False,
        )
    return len(chunks)


def text_reply(text: str, *, ephemeral: bool = False) -> Reply:
    """A one-section reply."""
    return Reply(parts=[Section(text)], fallback=truncate(text, MAX_FALLBACK_TEXT), ephemeral=ephemeral)


def working_blocks(what: str = "Working on it") -> tuple[str, list[Block]]:
    """The placeholder posted right after the ack, later replaced in place."""
    text = f":hourglass_flowing_sand: {what}…"
    return text, [{"type": "context", "elements": [_mrkdwn(text)]}]


__all__: Sequence[str] = [
    "MAX_BLOCKS_PER_MESSAGE",
    "MAX_BLOCKS_PER_VIEW",
    "MAX_CONTEXT_ELEMENTS",
    "MAX_FIELD_TEXT",
    "MAX_HEADER_TEXT",
    "MAX_SECTION_TEXT",
    "Posted",
    "all_blocks",
    "fallback_text",
    "part_to_blocks",
    "post_ephemeral_reply",
    "post_reply",
    "reply_to_blocks",
    "respond_reply",
    "safe_mrkdwn",
    "split_reply_blocks",
    "split_text",
    "text_reply",
    "truncate",
    "update_reply",
    "view_blocks",
    "working_blocks",
]
