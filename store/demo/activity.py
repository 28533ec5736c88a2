"""Activity: each deal's timeline of emails and replies, meetings, calls, notes and tasks, from its latents."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from store.demo import text as words
from store.demo.calls import CallsBuilder
from store.demo.plans import DAY, DealPlan, poisson
from store.models import Engagement, is_buyer_engagement

ONE_DAY = timedelta(days=1)

# Standard-time UTC offsets of the teams' zones: activity lands in the owner's working day.
UTC_OFFSETS = {
    "America/New_York": -5,
    "America/Chicago": -6,
    "America/Denver": -7,
    "America/Phoenix": -7,
    "America/Los_Angeles": -8,
}


class DealTimeline:
    """One deal's engagements as they are drawn, and the helpers that place and word them.

    Runs ~100k times on the large size: plain float draws and index picks instead of randint/choice/sample keep it
    fast (same seed, same rows all the same). The sections run in a fixed order on the build's one random stream.
    """

    def __init__(
        self,
        d: DealPlan,
        owner: dict[str, Any],
        contact_by_id: dict[int, dict[str, Any]],
        rng: random.Random,
        as_of: datetime,
        scale: float,
    ) -> None:
        self.d = d
        self.owner = owner
        self.contact_by_id = contact_by_id
        self.contacts = [contact_by_id[cid] for cid in d.contact_ids]
        self.n = len(self.contacts)
        self.rng = rng
        self.rnd = rng.random
        self.as_of = as_of
        self.scale = scale
        self.utc_offset = UTC_OFFSETS.get(owner["timezone"], -5)
        self.day_start = (8 - self.utc_offset) * 3600  # 8:00 local, in seconds after midnight UTC
        self.t0 = d.created_at
        end = d.closed_at or as_of - timedelta(minutes=10)
        self.end = max(end, self.t0 + timedelta(minutes=30))
        self.cutoff = d.cutoff or self.end
        self.days = (self.end - self.t0).total_seconds() / DAY
        self.reached = d.stage_idx + (1 if d.outcome == "won" else 0)
        self.fill = {
            "company": d.company.name,
            "rep": owner["name"].split()[0],
            "competitor": d.competitor or "a competitor",
        }
        self.events: list[dict[str, Any]] = []
        self.email_order: list[dict[str, Any]] = []  # the buying group in the order outbound emails rotate through

    # -- drawing and wording one engagement --

    def pick(self, options: Any) -> Any:
        """One of `options`, drawn with a single float."""
        return options[int(self.rnd() * len(options))]

    def when(self, lo: datetime, hi: datetime) -> datetime:
        """A moment in [lo, hi], in the owner's working day."""
        rnd = self.rnd
        t = lo + timedelta(seconds=rnd() * max(0.0, (hi - lo).total_seconds()))
        secs = self.day_start + int(rnd() * 36_000)
        if secs >= 86_400:
            secs -= 86_400
            t += ONE_DAY
        t = t.replace(hour=secs // 3600, minute=secs // 60 % 60, second=secs % 60)
        weekday = t.weekday()
        if weekday >= 5:  # weekend work moves back to Friday
            t -= timedelta(days=weekday - 4)
        return lo if t < lo else hi if t > hi else t

    def add(
        self,
        kind: str,
        at: datetime,
        contact: dict[str, Any] | None,
        direction: str | None = None,
        status: str | None = None,
        ends_at: datetime | None = None,
        due_at: datetime | None = None,
        subject: str | None = None,
        body: str | None = None,
        participants: list[str] | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Append one engagement row (its id comes later, once the timeline is sorted)."""
        row = {
            "id": None,
            "hubspot_id": None,
            "type": kind,
            "deal_id": self.d.id,
            "company_id": self.d.company.id,
            "contact_id": contact["id"] if contact else None,
            "owner_id": self.owner["id"],
            "direction": direction,
            "status": status,
            "occurred_at": at,
            "ends_at": ends_at,
            "due_at": due_at,
            "subject": subject,
            "body": body,
            "in_reply_to_id": None,
            "participants": participants,
            "buyer_engaged": is_buyer_engagement(kind, direction, status),
            "updated_at": at if at < self.as_of else self.as_of,
            "_reply_to": reply_to,
        }
        self.events.append(row)
        return row

    def email_out(self, at: datetime, contact: dict[str, Any], chase: bool = False) -> dict[str, Any]:
        """An email from the rep to `contact` (a chase after silence when `chase`)."""
        subject = self.pick(words.OUTBOUND_EMAIL_SUBJECTS).format(**self.fill)
        bank = words.CHASE_EMAIL_BODIES if chase else words.OUTBOUND_EMAIL_BODIES
        return self.add(
            "email",
            at,
            contact,
            direction="outbound",
            subject=subject,
            body=self.pick(bank).format(first=contact["first_name"], **self.fill),
            participants=[self.owner["email"], contact["email"]],
        )

    def email_reply(self, original: dict[str, Any], at: datetime) -> dict[str, Any]:
        """The buyer's answer to `original`, linked to it once ids are known."""
        contact = self.contact_by_id[original["contact_id"]]
        return self.add(
            "email",
            at,
            contact,
            direction="inbound",
            subject="Re: " + original["subject"],
            body=self.pick(words.INBOUND_REPLY_BODIES).format(**self.fill),
            participants=[contact["email"], self.owner["email"]],
            reply_to=original,
        )

    def meeting(self, at: datetime, status: str, attendees: list[dict[str, Any]]) -> dict[str, Any]:
        """A meeting of the rep with `attendees`, 30 to 60 minutes long."""
        return self.add(
            "meeting",
            at,
            attendees[0],
            status=status,
            ends_at=at + timedelta(minutes=self.pick((30, 45, 60))),
            subject=f"{self.pick(words.MEETING_SUBJECTS)}: {self.d.company.name}",
            participants=[self.owner["email"]] + [c["email"] for c in attendees],
        )

    def attendees(self) -> list[dict[str, Any]]:
        """One to three people of the buying group."""
        k = 1 + int(self.rnd() * min(3, self.n))
        return [self.pick(self.contacts)] if k == 1 else self.rng.sample(self.contacts, k=k)

    def connected_call(self, at: datetime, contact: dict[str, Any], minutes: int, subject: str) -> None:
        """A call the buyer picked up."""
        self.add(
            "call",
            at,
            contact,
            direction="outbound",
            status="connected",
            ends_at=at + timedelta(minutes=minutes),
            subject=subject,
            body=f"Spoke with {contact['first_name']} for {minutes} minutes.",
            participants=[self.owner["email"], contact["email"]],
        )

    # -- the sections of the timeline, in the order they are drawn --

    def emails(self) -> None:
        """Outbound emails, each answered with the deal's latent reply rate if the buyer had not gone quiet yet.

        They rotate through the buying group, so every contact of a multi-threaded deal hears from us.
        """
        d, rng = self.d, self.rng
        n_out = max(
            self.n,
            min(30, round(self.scale * (2 + self.days / 9 + 0.6 * self.reached) * rng.uniform(0.7, 1.3))),
        )
        self.email_order = rng.sample(self.contacts, k=self.n)
        for i in range(n_out):
            out = self.email_out(self.when(self.t0, self.end), self.email_order[i % self.n])
            if self.rnd() < d.reply_rate:
                reply_at = out["occurred_at"] + timedelta(hours=max(0.25, rng.expovariate(1 / 18)))
                if reply_at <= self.cutoff and reply_at <= self.end:
                    self.email_reply(out, reply_at)

    def meetings(self) -> None:
        """Meetings held before the buyer went quiet, the rest no-shows or cancellations; then any booked one."""
        d = self.d
        n_meet = 0 if d.open_state == "new" else max(1, round(self.scale * (1 + self.reached + poisson(self.rng, 0.6))))
        show_rate = 0.6 + 0.35 * d.reply_rate
        for _ in range(n_meet):
            at = self.when(self.t0, self.end)
            held = at <= self.cutoff and self.rnd() < show_rate
            self.meeting(at, "completed" if held else "no_show" if self.rnd() < 0.6 else "canceled", self.attendees())
        if d.future_meeting_at is not None:
            self.meeting(d.future_meeting_at, "scheduled", self.attendees())

    def calls(self) -> None:
        """Calls: connected when the buyer picks up (more often for engaged buyers)."""
        rnd = self.rnd
        for _ in range(poisson(self.rng, self.scale * (1 + self.days / 20))):
            at = self.when(self.t0, self.end)
            contact = self.pick(self.contacts)
            if at <= self.cutoff and rnd() < 0.2 + 0.5 * self.d.reply_rate:
                self.connected_call(at, contact, 4 + int(rnd() * 27), self.pick(words.CALL_SUBJECTS))
            else:
                self.add(
                    "call",
                    at,
                    contact,
                    direction="outbound",
                    status="no_answer" if rnd() < 0.5 else "left_voicemail",
                    subject=self.pick(words.CALL_SUBJECTS),
                    participants=[self.owner["email"], contact["email"]],
                )

    def notes(self) -> None:
        """Notes echo what the rep learned: budget, competitor, timing."""
        d = self.d
        note_bank = list(words.NOTE_BODIES[2:5]) + [words.NOTE_BODIES[6]]
        if d.budget_fit > 0.6:
            note_bank.append(words.NOTE_BODIES[0])
        if d.competitor:
            note_bank.append(words.NOTE_BODIES[1])
        if d.urgency < 0:
            note_bank.append(words.NOTE_BODIES[5])
        for _ in range(1 + poisson(self.rng, self.scale * self.days / 45)):
            self.add(
                "note", self.when(self.t0, self.end), self.contacts[0], body=self.pick(note_bank).format(**self.fill)
            )

    def tasks(self) -> None:
        """Tasks: done once due, except the open ones on live deals."""
        for _ in range(1 + poisson(self.rng, self.scale * self.days / 35)):
            at = self.when(self.t0, self.end)
            due = at + timedelta(days=1 + int(self.rnd() * 5))
            done = self.d.outcome != "open" or due < self.as_of - timedelta(days=2) or self.rnd() < 0.5
            self.add(
                "task",
                at,
                self.contacts[0],
                status="done" if done else "open",
                due_at=due,
                subject=self.pick(words.TASK_SUBJECTS),
            )

    def last_buyer_touch(self) -> None:
        """Live deals: the last buyer engagement sits exactly at the cutoff (active 1-4 days ago, silent 5+ days)."""
        d, rng, contacts = self.d, self.rng, self.contacts
        if not d.force_buyer or d.cutoff is None:
            return
        kind = d.force_buyer_kind or rng.choices(("email", "meeting", "call"), (60, 25, 15))[0]
        contact = contacts[0] if kind != "email" else rng.choice(contacts)
        if kind == "email":
            sent = max(self.t0, d.cutoff - timedelta(hours=rng.uniform(1, 36)))
            self.email_reply(self.email_out(sent, contact), d.cutoff)
        elif kind == "meeting":
            self.meeting(d.cutoff, "completed", [contact] + [c for c in contacts[1:] if rng.random() < 0.5])
        else:
            self.connected_call(d.cutoff, contact, 12, "Check-in call")

    def chases(self) -> None:
        """Silent deals: we kept chasing, nobody answered."""
        for i in range(self.d.chase_emails):
            lo = self.cutoff + timedelta(days=1 + i * 2)
            if lo < self.end:
                self.email_out(self.when(lo, self.end), self.email_order[i % self.n], chase=True)

    def transcript_meeting(self) -> dict[str, Any] | None:
        """The held meeting a recorded call hangs on (a fixed one for the tour accounts), if the deal has one."""
        d = self.d
        if not d.transcript:
            return None
        if d.transcript_at is not None:
            return self.meeting(d.transcript_at, "completed", self.contacts[: min(3, self.n)])
        held_meetings = [e for e in self.events if e["type"] == "meeting" and e["status"] == "completed"]
        if held_meetings:
            return self.rng.choice(held_meetings)
        if self.cutoff > self.t0:
            return self.meeting(self.when(self.t0, min(self.cutoff, self.end)), "completed", self.attendees())
        return None


class ActivityBuilder(CallsBuilder):
    """Writes the engagements of one deal at a time, and its recorded call."""

    def _emit_activity(self, d: DealPlan) -> None:
        owner = self.owners[d.owner_id - 1]
        timeline = DealTimeline(d, owner, self.contacts, self.rng, self.as_of, self.spec.activity)
        timeline.emails()
        timeline.meetings()
        timeline.calls()
        timeline.notes()
        timeline.tasks()
        self._add_open_task(timeline)
        timeline.last_buyer_touch()
        timeline.chases()
        transcript_meeting = timeline.transcript_meeting()

        events = timeline.events
        events.sort(key=lambda e: (e["occurred_at"], e["_reply_to"] is not None))
        for e in events:
            self.ids["engagement"] += 1
            e["id"] = self.ids["engagement"]
        if transcript_meeting is not None:  # before buffering: it sets the meeting's end from the call's length
            self._emit_call(d, transcript_meeting, owner, timeline.contacts)
        for e in events:
            original = e.pop("_reply_to")
            if original is not None:
                e["in_reply_to_id"] = original["id"]
        self.writer.buffer_many(Engagement, "engagements", events)

    def _add_open_task(self, timeline: DealTimeline) -> None:
        """Most open deals have a task the rep opened in the last few days."""
        rng = self.rng
        if timeline.d.outcome != "open" or rng.random() >= 0.7:
            return
        at = self._work_time(
            self.as_of - timedelta(days=rng.uniform(0.2, 3)),
            latest=self.as_of,
            earliest=timeline.t0,
            utc_offset=timeline.utc_offset,
        )
        due = self.as_of + timedelta(days=rng.uniform(-2, 5))
        timeline.add(
            "task", at, timeline.contacts[0], status="open", due_at=due, subject=rng.choice(words.TASK_SUBJECTS)
        )
