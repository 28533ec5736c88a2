"""Activity: each deal's timeline of emails and replies, meetings, calls, notes and tasks, from its latents."""

from __future__ import annotations

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


class ActivityBuilder(CallsBuilder):
    """Writes the engagements of one deal at a time, and its recorded call."""

    def _emit_activity(self, d: DealPlan) -> None:  # noqa: C901 - one timeline, read top to bottom
        rng = self.rng
        owner = self.owners[d.owner_id - 1]
        utc_offset = UTC_OFFSETS.get(owner["timezone"], -5)
        contacts = [self.contacts[cid] for cid in d.contact_ids]
        n = len(contacts)
        t0 = d.created_at
        end = d.closed_at or self.as_of - timedelta(minutes=10)
        end = max(end, t0 + timedelta(minutes=30))
        cutoff = d.cutoff or end
        span = (end - t0).total_seconds()
        days = span / DAY
        scale = self.spec.activity
        reached = d.stage_idx + (1 if d.outcome == "won" else 0)
        company = d.company
        fill = {"company": company.name, "rep": owner["name"].split()[0], "competitor": d.competitor or "a competitor"}
        events: list[dict[str, Any]] = []
        # This function runs ~100k times on the large size: plain float draws and index picks instead of
        # randint/choice/sample keep it fast (same seed, same rows all the same).
        rnd = rng.random
        day_start = (8 - utc_offset) * 3600  # 8:00 local, in seconds after midnight UTC
        as_of = self.as_of

        def pick(options: Any) -> Any:
            return options[int(rnd() * len(options))]

        def when(lo: datetime, hi: datetime) -> datetime:
            """A moment in [lo, hi], in the owner's working day."""
            t = lo + timedelta(seconds=rnd() * max(0.0, (hi - lo).total_seconds()))
            secs = day_start + int(rnd() * 36_000)
            if secs >= 86_400:
                secs -= 86_400
                t += ONE_DAY
            t = t.replace(hour=secs // 3600, minute=secs // 60 % 60, second=secs % 60)
            weekday = t.weekday()
            if weekday >= 5:  # weekend work moves back to Friday
                t -= timedelta(days=weekday - 4)
            return lo if t < lo else hi if t > hi else t

        def add(
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
            row = {
                "id": None,
                "hubspot_id": None,
                "type": kind,
                "deal_id": d.id,
                "company_id": company.id,
                "contact_id": contact["id"] if contact else None,
                "owner_id": owner["id"],
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
                "updated_at": at if at < as_of else as_of,
                "_reply_to": reply_to,
            }
            events.append(row)
            return row

        def email_out(at: datetime, contact: dict[str, Any], chase: bool = False) -> dict[str, Any]:
            subject = pick(words.OUTBOUND_EMAIL_SUBJECTS).format(**fill)
            bank = words.CHASE_EMAIL_BODIES if chase else words.OUTBOUND_EMAIL_BODIES
            return add(
                "email",
                at,
                contact,
                direction="outbound",
                subject=subject,
                body=pick(bank).format(first=contact["first_name"], **fill),
                participants=[owner["email"], contact["email"]],
            )

        def email_reply(original: dict[str, Any], at: datetime) -> dict[str, Any]:
            contact = self.contacts[original["contact_id"]]
            return add(
                "email",
                at,
                contact,
                direction="inbound",
                subject="Re: " + original["subject"],
                body=pick(words.INBOUND_REPLY_BODIES).format(**fill),
                participants=[contact["email"], owner["email"]],
                reply_to=original,
            )

        def meeting(at: datetime, status: str, attendees: list[dict[str, Any]]) -> dict[str, Any]:
            return add(
                "meeting",
                at,
                attendees[0],
                status=status,
                ends_at=at + timedelta(minutes=pick((30, 45, 60))),
                subject=f"{pick(words.MEETING_SUBJECTS)}: {company.name}",
                participants=[owner["email"]] + [c["email"] for c in attendees],
            )

        def attendees() -> list[dict[str, Any]]:
            k = 1 + int(rnd() * min(3, n))
            return [pick(contacts)] if k == 1 else rng.sample(contacts, k=k)

        # Outbound emails rotate through the buying group, so every contact of a multi-threaded deal hears from us;
        # each one is answered with the deal's latent reply rate, if the answer lands before the buyer went quiet.
        n_out = max(n, min(30, round(scale * (2 + days / 9 + 0.6 * reached) * rng.uniform(0.7, 1.3))))
        order = rng.sample(contacts, k=n)
        for i in range(n_out):
            contact = order[i % n]
            out = email_out(when(t0, end), contact)
            if rnd() < d.reply_rate:
                reply_at = out["occurred_at"] + timedelta(hours=max(0.25, rng.expovariate(1 / 18)))
                if reply_at <= cutoff and reply_at <= end:
                    email_reply(out, reply_at)

        # Meetings held before the buyer went quiet, the rest no-shows or cancellations.
        n_meet = 0 if d.open_state == "new" else max(1, round(scale * (1 + reached + poisson(rng, 0.6))))
        show_rate = 0.6 + 0.35 * d.reply_rate
        for _ in range(n_meet):
            at = when(t0, end)
            held = at <= cutoff and rnd() < show_rate
            meeting(at, "completed" if held else "no_show" if rnd() < 0.6 else "canceled", attendees())
        if d.future_meeting_at is not None:
            meeting(d.future_meeting_at, "scheduled", attendees())

        # Calls: connected when the buyer picks up (more often for engaged buyers).
        for _ in range(poisson(rng, scale * (1 + days / 20))):
            at = when(t0, end)
            contact = pick(contacts)
            if at <= cutoff and rnd() < 0.2 + 0.5 * d.reply_rate:
                minutes = 4 + int(rnd() * 27)
                add(
                    "call",
                    at,
                    contact,
                    direction="outbound",
                    status="connected",
                    ends_at=at + timedelta(minutes=minutes),
                    subject=pick(words.CALL_SUBJECTS),
                    body=f"Spoke with {contact['first_name']} for {minutes} minutes.",
                    participants=[owner["email"], contact["email"]],
                )
            else:
                add(
                    "call",
                    at,
                    contact,
                    direction="outbound",
                    status="no_answer" if rnd() < 0.5 else "left_voicemail",
                    subject=pick(words.CALL_SUBJECTS),
                    participants=[owner["email"], contact["email"]],
                )

        # Notes echo what the rep learned: budget, competitor, timing.
        note_bank = list(words.NOTE_BODIES[2:5]) + [words.NOTE_BODIES[6]]
        if d.budget_fit > 0.6:
            note_bank.append(words.NOTE_BODIES[0])
        if d.competitor:
            note_bank.append(words.NOTE_BODIES[1])
        if d.urgency < 0:
            note_bank.append(words.NOTE_BODIES[5])
        for _ in range(1 + poisson(rng, scale * days / 45)):
            add("note", when(t0, end), contacts[0], body=pick(note_bank).format(**fill))

        # Tasks: done once due, except the open ones on live deals.
        for _ in range(1 + poisson(rng, scale * days / 35)):
            at = when(t0, end)
            due = at + timedelta(days=1 + int(rnd() * 5))
            done = d.outcome != "open" or due < as_of - timedelta(days=2) or rnd() < 0.5
            add(
                "task",
                at,
                contacts[0],
                status="done" if done else "open",
                due_at=due,
                subject=pick(words.TASK_SUBJECTS),
            )
        if d.outcome == "open" and rng.random() < 0.7:
            at = self._work_time(
                self.as_of - timedelta(days=rng.uniform(0.2, 3)), latest=self.as_of, earliest=t0, utc_offset=utc_offset
            )
            due = self.as_of + timedelta(days=rng.uniform(-2, 5))
            add("task", at, contacts[0], status="open", due_at=due, subject=rng.choice(words.TASK_SUBJECTS))

        # Live deals: the last buyer engagement sits exactly at the cutoff (active 1-4 days ago, silent 5+ days ago).
        if d.force_buyer and d.cutoff is not None:
            kind = d.force_buyer_kind or rng.choices(("email", "meeting", "call"), (60, 25, 15))[0]
            contact = contacts[0] if kind != "email" else rng.choice(contacts)
            if kind == "email":
                sent = max(t0, d.cutoff - timedelta(hours=rng.uniform(1, 36)))
                email_reply(email_out(sent, contact), d.cutoff)
            elif kind == "meeting":
                meeting(d.cutoff, "completed", [contact] + [c for c in contacts[1:] if rng.random() < 0.5])
            else:
                add(
                    "call",
                    d.cutoff,
                    contact,
                    direction="outbound",
                    status="connected",
                    ends_at=d.cutoff + timedelta(minutes=12),
                    subject="Check-in call",
                    body=f"Spoke with {contact['first_name']} for 12 minutes.",
                    participants=[owner["email"], contact["email"]],
                )
        # Silent deals: we kept chasing, nobody answered.
        for i in range(d.chase_emails):
            lo = cutoff + timedelta(days=1 + i * 2)
            if lo < end:
                email_out(when(lo, end), order[i % n], chase=True)

        # A recorded call: the transcript hangs on a held meeting (a fixed one for the tour accounts).
        transcript_meeting = None
        if d.transcript:
            if d.transcript_at is not None:
                transcript_meeting = meeting(d.transcript_at, "completed", contacts[: min(3, n)])
            else:
                held_meetings = [e for e in events if e["type"] == "meeting" and e["status"] == "completed"]
                if held_meetings:
                    transcript_meeting = rng.choice(held_meetings)
                elif cutoff > t0:
                    transcript_meeting = meeting(when(t0, min(cutoff, end)), "completed", attendees())

        events.sort(key=lambda e: (e["occurred_at"], e["_reply_to"] is not None))
        for e in events:
            self.ids["engagement"] += 1
            e["id"] = self.ids["engagement"]
        if transcript_meeting is not None:  # before buffering: it sets the meeting's end from the call's length
            self._emit_call(d, transcript_meeting, owner, contacts)
        for e in events:
            original = e.pop("_reply_to")
            if original is not None:
                e["in_reply_to_id"] = original["id"]
        self.writer.buffer_many(Engagement, "engagements", events)
