"""Running durable Slack work (`store/work.py`): listeners store it before the ack, workers and a sweeper run it.

A listener calls `deps.submit(kind, key, payload, client)`: the row is committed inside the listener, so before Bolt
sends Slack its 200 (`process_before_response=True`); then a pool thread claims it and calls the kind's handler.
`WorkSweeper` (started by `app.py`) renews this process's leases and takes over rows a dead process left behind: on
start and every `work_sweep_seconds`. A handler gets a `WorkRef`: a resumed run finds the "working…" placeholder the
dead run had posted and replaces it, so the user gets one answer, where they expected it.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Engine

from store.work import (
    claim,
    claim_message,
    claim_stale,
    finish,
    get_work,
    record_message,
    record_placeholder,
    renew_leases,
)

if TYPE_CHECKING:
    from bot.copilot.reply import Reply
    from bot.slack.blocks import Posted
    from settings import Settings

log = logging.getLogger(__name__)


@dataclass
class WorkRef:
    """The stored row a handler runs for: its id, attempt, and the placeholder a previous attempt posted."""

    id: int
    attempts: int
    placeholder: tuple[str, str] | None
    _remember: Callable[[str, str], None]
    engine: Engine | None = None
    """The store the row lives in: `post_once` records each message there."""

    @property
    def resumed(self) -> bool:
        """True when an earlier attempt was cut short (a crash): say so, do not repeat what it did."""
        return self.attempts > 1

    def remember_placeholder(self, channel: str, ts: str) -> None:
        """Store the placeholder's address (ts "" = about to post it) before doing the slow part."""
        self.placeholder = (channel, ts)
        self._remember(channel, ts)

    def metadata(self) -> dict[str, Any]:
        """Message metadata that ties a posted placeholder to this work (found again after a crash)."""
        return {"metadata": {"event_type": WORK_EVENT, "event_payload": {"work_id": self.id}}}

    def find_placeholder(self, client: Any) -> str | None:
        """The ts of the placeholder an earlier attempt posted, or None to post one now.

        An attempt may die between chat.postMessage and storing its ts; the message's metadata finds it again in the
        channel's recent history, so the user never sees a second "working…".
        """
        if self.placeholder is None:
            return None
        channel, ts = self.placeholder
        if ts:
            return ts
        found = self._find_posted(client, channel, None)
        if found is not None:
            self.remember_placeholder(channel, found)
        return found

    def post_once(self, client: Any, channel: str, kind: str, reply: Reply, **extra: Any) -> Posted | None:
        """Post `reply` unless an earlier attempt of this work posted its `kind` message; None when it did.

        Every message a resumable run posts goes through here (a warning as much as a scorecard): "about to post" is
        stored first (`store.work.claim_message`), the message carries the work id and kind in its metadata, and its
        ts is stored after. A resumed run skips a recorded message; one whose ts was never stored (the run died around
        chat.postMessage) is looked for in the channel, and posted only when not found.
        """
        from bot.slack.blocks import post_reply

        meta: dict[str, Any] = {"event_type": WORK_EVENT, "event_payload": {"work_id": self.id, "message": kind}}
        if self.engine is None:  # not run from a stored row (a direct call): nothing to repeat
            return post_reply(client, channel, reply, metadata=meta, **extra)
        claimed = claim_message(self.engine, self.id, kind, channel)
        if not claimed.first:
            if claimed.ts:
                log.info("work %s: its %s message was posted before; not again", self.id, kind)
                return None
            found = self._find_posted(client, claimed.channel, kind)
            if found is not None:
                record_message(self.engine, self.id, kind, claimed.channel, found)
                log.info("work %s: found its %s message from before the crash; not posting again", self.id, kind)
                return None
        posted = post_reply(client, channel, reply, metadata=meta, **extra)
        if posted.ts:
            record_message(self.engine, self.id, kind, posted.channel, posted.ts[0])
        return posted

    def ephemeral_once(self, client: Any, channel: str, user: str, kind: str, text: str) -> bool:
        """Post an ephemeral message unless an earlier attempt of this work did; True when this call posted it.

        At most once: an ephemeral message leaves nothing in the channel's history to look for, so an attempt that
        died around chat.postEphemeral is taken as having posted it (a lost notice beats a repeated one).
        """
        if self.engine is not None and not claim_message(self.engine, self.id, kind, channel).first:
            log.info("work %s: its %s notice was posted before; not again", self.id, kind)
            return False
        result = client.chat_postEphemeral(channel=channel, user=user, text=text)
        if self.engine is not None:
            record_message(self.engine, self.id, kind, channel, str(result.get("message_ts") or ""))
        return True

    def _find_posted(self, client: Any, channel: str, kind: str | None) -> str | None:
        """The ts of a message of this work (of `kind`, or any) in the channel's recent history; None if not there."""
        try:
            history = client.conversations_history(channel=channel, limit=50, include_all_metadata=True)
        except Exception:  # history not readable (scopes): a second message beats a lost answer
            log.warning("work %s: could not look for its message in %s", self.id, channel, exc_info=True)
            return None
        for message in history.get("messages") or []:
            meta = message.get("metadata") or {}
            payload = meta.get("event_payload") or {}
            if meta.get("event_type") != WORK_EVENT or payload.get("work_id") != self.id:
                continue
            if kind is None or payload.get("message") == kind:
                return str(message["ts"])
        return None


WORK_EVENT = "salesos_work"
"""The metadata event type on placeholders we post, carrying the work id."""

WorkHandler = Callable[[dict[str, Any], Any, WorkRef], None]
"""`handler(payload, client, work)`: does the work of one row; its exceptions are logged and mark the row failed."""


class WorkDeps(Protocol):
    """What running work needs from the listeners' `BotDeps` (a Protocol: deps.py imports this module)."""

    engine: Engine
    settings: Settings
    work: Executor
    worker: str
    work_handlers: dict[str, WorkHandler]


def worker_name() -> str:
    """This process, unique across restarts (a restarted process must not inherit the dead one's rows)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def run_work(deps: WorkDeps, work_id: int, client: Any, *, claimed: bool = False) -> bool:
    """Claim (unless the sweeper already did) and run one row; True when this call ran it."""
    lease = timedelta(seconds=deps.settings.work_lease_seconds)
    if not claimed and not claim(deps.engine, work_id, deps.worker, lease=lease):
        return False  # another worker (a sweeper, a replica) has it
    row = get_work(deps.engine, work_id)
    if row is None:
        return False
    handler = deps.work_handlers.get(row.kind)
    if handler is None:
        log.error("work %s: no handler for kind %r", work_id, row.kind)
        finish(deps.engine, work_id, deps.worker, "failed", f"no handler for {row.kind}")
        return True
    placeholder = (row.placeholder_channel, row.placeholder_ts or "") if row.placeholder_channel else None
    ref = WorkRef(
        row.id,
        row.attempts,
        placeholder,
        lambda ch, ts: record_placeholder(deps.engine, work_id, ch, ts),
        engine=deps.engine,
    )
    try:
        handler(row.payload, client, ref)
    except Exception as exc:
        incident = uuid.uuid4().hex[:12]
        log.exception("work %s (%s) failed (incident %s)", work_id, row.kind, incident)
        finish(deps.engine, work_id, deps.worker, "failed", f"incident {incident}: {type(exc).__name__}")
        return True
    finish(deps.engine, work_id, deps.worker, "done")
    return True


class WorkSweeper:
    """A daemon thread: renew this process's leases, take over stale rows, run them; bounded by `stop()`."""

    def __init__(self, deps: WorkDeps, client: Any) -> None:
        """Bind the sweeper to the listeners' deps and the Web API client handlers post with."""
        self.deps, self.client = deps, client
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="salesos-work-sweeper", daemon=True)

    def sweep(self) -> list[int]:
        """Take over and start every stale row now; returns their ids."""
        settings = self.deps.settings
        ids = claim_stale(
            self.deps.engine,
            self.deps.worker,
            lease=timedelta(seconds=settings.work_lease_seconds),
            queued_for=timedelta(seconds=settings.work_sweep_seconds),
        )
        for work_id in ids:
            log.info("work %s: taken over from a stopped worker, resuming", work_id)
            self.deps.work.submit(self._resume, work_id)
        return ids

    def _resume(self, work_id: int) -> None:
        try:
            run_work(self.deps, work_id, self.client, claimed=True)
        except Exception:
            log.exception("resuming work %s failed", work_id)

    def _loop(self) -> None:
        settings = self.deps.settings
        beat = max(0.05, settings.work_lease_seconds / 3)
        since_sweep = 0.0
        self._safe(self.sweep)
        while not self._stop.wait(beat):
            self._safe(
                lambda: renew_leases(
                    self.deps.engine, self.deps.worker, lease=timedelta(seconds=settings.work_lease_seconds)
                )
            )
            since_sweep += beat
            if since_sweep >= settings.work_sweep_seconds:
                since_sweep = 0.0
                self._safe(self.sweep)

    @staticmethod
    def _safe(step: Callable[[], Any]) -> None:
        try:
            step()
        except Exception:  # the store is briefly unreachable: try again on the next beat
            log.warning("work sweeper step failed", exc_info=True)

    def start(self) -> WorkSweeper:
        """Sweep once now, then keep the leases alive and sweep periodically."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the loop (within one beat)."""
        self._stop.set()
        self._thread.join(5)
