"""The store's tables: the CRM mirror (owners, companies, contacts, deals, activity, calls, leads) and bookkeeping.

Every CRM row carries `hubspot_id` (NULL for demo data) and `updated_at`, so the HubSpot sync can upsert by key and
the copilot can say how fresh an answer is. Instants are UTC-aware (`UTCDateTime`); calendar days are `date`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import JSON, Column, Index, LargeBinary, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlmodel import Field, SQLModel, col

from store.types import UTCDateTime, utcnow

# Engagement kinds and what counts as the buyer engaging (see `is_buyer_engagement`).
ENGAGEMENT_TYPES = ("call", "email", "meeting", "note", "task")
OPEN_STAGES = (
    "appointmentscheduled",
    "qualifiedtobuy",
    "presentationscheduled",
    "decisionmakerboughtin",
    "contractsent",
)
CLOSED_STAGES = ("closedwon", "closedlost")
STAGE_LABELS = {
    "appointmentscheduled": "Appointment scheduled",
    "qualifiedtobuy": "Qualified to buy",
    "presentationscheduled": "Presentation scheduled",
    "decisionmakerboughtin": "Decision maker bought in",
    "contractsent": "Contract sent",
    "closedwon": "Closed won",
    "closedlost": "Closed lost",
}


def _ts(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _json() -> Any:
    return Field(default=None, sa_column=Column(JSON, nullable=True))


def _text() -> Any:
    return Field(default=None, sa_column=Column(Text, nullable=True))


def pk_col(column: int | None) -> Mapped[int]:
    """`col()` for a table's `id` column, typed as the int it is in the database.

    The models declare `id: int | None` only because a new object has no id before its first flush; the column itself
    is a NOT NULL primary key, so a select of it from its own table (not through an outer join) yields ints.
    """
    return cast("Mapped[int]", col(column))


def table_of(model: type[SQLModel]) -> Table:
    """The Core `Table` of a table model (SQLModel sets `__table__` when the class is created but does not type it)."""
    return model.__table__  # type: ignore[attr-defined]


def stored_id(row_id: int | None) -> int:
    """The id of a row loaded from (or flushed to) the database, where it is always set (see `pk_col`)."""
    assert row_id is not None, "row has not been flushed to the database yet"
    return row_id


def is_buyer_engagement(kind: str, direction: str | None, status: str | None) -> bool:
    """Decide whether an activity shows the buyer engaging: an inbound email, a held meeting or a connected call."""
    if kind == "email":
        return direction == "inbound"
    if kind == "meeting":
        return status == "completed"
    if kind == "call":
        return status == "connected"
    return False


class Owner(SQLModel, table=True):
    """An account executive or a manager: a CRM owner, linked to a Slack user when known."""

    id: int | None = Field(default=None, primary_key=True)
    hubspot_id: str | None = Field(default=None, unique=True)
    name: str
    email: str = Field(unique=True)
    slack_user_id: str | None = Field(default=None, index=True)
    timezone: str = "America/New_York"
    team: str = Field(default="", index=True)
    role: str = "ae"
    """`ae` or `manager`."""
    manager_id: int | None = Field(default=None, foreign_key="owner.id", index=True)
    """The owner's manager, when the CRM says (a CSV's `manager` column): "my team" of a manager is their reports."""
    active: bool = True
    updated_at: datetime | None = _ts()


class Company(SQLModel, table=True):
    """An account."""

    id: int | None = Field(default=None, primary_key=True)
    hubspot_id: str | None = Field(default=None, unique=True)
    name: str = Field(index=True)
    domain: str | None = Field(default=None, index=True)
    industry: str | None = None
    employees: int | None = None
    annual_revenue: float | None = None
    region: str | None = None
    owner_id: int | None = Field(default=None, foreign_key="owner.id", index=True)
    created_at: datetime | None = _ts()
    updated_at: datetime | None = _ts()


class Contact(SQLModel, table=True):
    """A person at a company."""

    id: int | None = Field(default=None, primary_key=True)
    hubspot_id: str | None = Field(default=None, unique=True)
    company_id: int | None = Field(default=None, foreign_key="company.id", index=True)
    first_name: str = ""
    last_name: str = ""
    email: str | None = Field(default=None, index=True)
    title: str | None = None
    seniority: str | None = None
    """`c_level`, `vp`, `director`, `manager` or `individual`."""
    function: str | None = None
    updated_at: datetime | None = _ts()


class Deal(SQLModel, table=True):
    """An opportunity. `is_closed`/`is_won` mirror the stage so open-deal queries use an index."""

    __table_args__ = (
        Index("ix_deal_open_owner", "is_closed", "owner_id"),
        Index("ix_deal_open_close_date", "is_closed", "close_date"),
        Index("ix_deal_won", "is_won"),  # won deals' stage medians are keyed on their count, read per assessment
        # Deal health scores the open book in one scan: covering, it reads no deal row (and the engagement
        # aggregates, keyed by deal id, are then visited in order). Halves the scan on 100k deals.
        Index(
            "ix_deal_open_scan",
            "is_closed",
            "id",
            "owner_id",
            "company_id",
            "amount",
            "close_date",
            "created_at",
            "stage",
        ),  # fmt: skip
    )

    id: int | None = Field(default=None, primary_key=True)
    hubspot_id: str | None = Field(default=None, unique=True)
    name: str
    company_id: int | None = Field(default=None, foreign_key="company.id", index=True)
    owner_id: int | None = Field(default=None, foreign_key="owner.id", index=True)
    pipeline: str = "default"
    stage: str = Field(index=True)
    amount: float | None = None
    currency: str = "USD"
    product: str | None = None
    source: str | None = None
    """Where the deal came from: `inbound`, `outbound`, `referral`, `partner`, `expansion`."""
    close_date: date | None = None
    created_at: datetime | None = _ts()
    closed_at: datetime | None = _ts()
    is_closed: bool = False
    is_won: bool = False
    close_reason: str | None = None
    next_step: str | None = None
    updated_at: datetime | None = _ts()


class DealContact(SQLModel, table=True):
    """A contact's part in a deal (champion, economic buyer, ...)."""

    deal_id: int = Field(foreign_key="deal.id", primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", primary_key=True, index=True)
    role: str | None = None


class DealStageChange(SQLModel, table=True):
    """One move of a deal into a stage."""

    __table_args__ = (Index("ix_dealstagechange_deal_at", "deal_id", "changed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int = Field(foreign_key="deal.id")
    from_stage: str | None = None
    to_stage: str
    changed_at: datetime = _ts(nullable=False)


class CloseDateChange(SQLModel, table=True):
    """One change of a deal's expected close date (a push when it moves later)."""

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int = Field(foreign_key="deal.id", index=True)
    old_date: date | None = None
    new_date: date | None = None
    changed_at: datetime = _ts(nullable=False)


class Engagement(SQLModel, table=True):
    """A call, email, meeting, note or task, tied to a deal and/or company.

    `occurred_at` is when it happened (a meeting's start, a task's creation); `buyer_engaged` is
    `is_buyer_engagement(type, direction, status)`, stored so "silent deals" is an index seek per deal.
    """

    __table_args__ = (
        Index("ix_engagement_deal_buyer_at", "deal_id", "buyer_engaged", "occurred_at"),
        Index("ix_engagement_deal_dir_at", "deal_id", "direction", "occurred_at"),
        Index("ix_engagement_company_at", "company_id", "occurred_at"),
        Index("ix_engagement_type_at", "type", "occurred_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    hubspot_id: str | None = Field(default=None, unique=True)
    type: str
    deal_id: int | None = Field(default=None, foreign_key="deal.id")
    company_id: int | None = Field(default=None, foreign_key="company.id")
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    owner_id: int | None = Field(default=None, foreign_key="owner.id", index=True)
    direction: str | None = None
    """`inbound` (from the buyer) or `outbound` (from us); NULL where it does not apply."""
    status: str | None = None
    """Meeting: scheduled/completed/canceled/no_show. Call: connected/no_answer/left_voicemail. Task: open/done."""
    occurred_at: datetime = _ts(nullable=False)
    ends_at: datetime | None = _ts()
    due_at: datetime | None = _ts()
    subject: str | None = None
    body: str | None = _text()
    in_reply_to_id: int | None = Field(default=None, foreign_key="engagement.id")
    participants: list[str] | None = _json()
    buyer_engaged: bool = False
    updated_at: datetime | None = _ts()


class Call(SQLModel, table=True):
    """A recorded call: its transcript (as received) and duration. `labels` holds known annotations, if any."""

    id: int | None = Field(default=None, primary_key=True)
    engagement_id: int | None = Field(default=None, foreign_key="engagement.id", unique=True)
    deal_id: int | None = Field(default=None, foreign_key="deal.id", index=True)
    company_id: int | None = Field(default=None, foreign_key="company.id", index=True)
    owner_id: int | None = Field(default=None, foreign_key="owner.id")
    started_at: datetime = _ts(nullable=False)
    duration_seconds: int | None = None
    transcript: str | None = _text()
    transcript_format: str = "speaker_lines"
    labels: dict[str, Any] | None = _json()
    share_key: str | None = Field(default=None, unique=True, index=True)
    """For a transcript shared in Slack: a hash of its owner and text (`store.calls.share_key`). Unique, so the same
    transcript shared by the same AE is one call even when shared several times at once; None for synced calls."""


class InboundLead(SQLModel, table=True):
    """A website form submission and what became of it."""

    id: int | None = Field(default=None, primary_key=True)
    hubspot_id: str | None = Field(default=None, unique=True)
    dedupe_key: str = Field(unique=True)
    """A hash of the normalised email and company: the same person asking twice is one lead."""
    submitted_at: datetime = _ts(nullable=False, index=True)
    company_name: str
    domain: str | None = None
    company_size: str | None = None
    employee_count: int | None = None
    budget: float | None = None
    """In USD, what scoring used (the low end of a range, converted at `currency_rates`); None when not usable."""
    budget_given: str | None = None
    """The budget as typed on the form, kept whatever it says."""
    budget_currency: str | None = None
    budget_low: float | None = None
    """The range as given, in `budget_currency`."""
    budget_high: float | None = None
    budget_note: str | None = None
    """Why a given budget is not in `budget`: unreadable, or no conversion rate for its currency."""
    interest_area: str | None = None
    timeline: str | None = None
    notes: str | None = _text()
    contact_name: str | None = None
    contact_email: str | None = None
    contact_title: str | None = None
    source: str = "web_form"
    company_id: int | None = Field(default=None, foreign_key="company.id")
    deal_id: int | None = Field(default=None, foreign_key="deal.id")
    owner_id: int | None = Field(default=None, foreign_key="owner.id")
    score: float | None = None
    tier: str | None = None
    score_reasons: list[str] | None = _json()
    disqualifiers: list[str] | None = _json()
    scored_at: datetime | None = _ts()
    status: str = "new"
    """`new`, `assigned`, `disqualified`, `converted`."""


# --- bookkeeping -------------------------------------------------------------------------------------------------


class SlackEvent(SQLModel, table=True):
    """A Slack event or interaction already handled: the de-duplication key for retries."""

    event_id: str = Field(primary_key=True)
    kind: str = ""
    received_at: datetime = _ts(nullable=False)


class SlackUser(SQLModel, table=True):
    """Cache of Slack user → CRM owner, resolved by email."""

    slack_user_id: str = Field(primary_key=True)
    email: str | None = None
    owner_id: int | None = Field(default=None, foreign_key="owner.id")
    is_manager: bool = False
    fetched_at: datetime = _ts(nullable=False)


class JobClaim(SQLModel, table=True):
    """A scheduled run's claim on `(job, slot)`: only the replica whose insert wins does the work."""

    __table_args__ = (UniqueConstraint("job", "slot", name="uq_jobclaim_job_slot"),)

    id: int | None = Field(default=None, primary_key=True)
    job: str
    slot: str
    claimed_by: str = ""
    claimed_at: datetime = _ts(nullable=False)
    finished_at: datetime | None = _ts()
    status: str = "running"
    """`running`, `done`, `failed`."""
    detail: str | None = _text()
    heartbeat_at: datetime | None = _ts()
    """Renewed while the holder works; a `running` claim whose heartbeat is older than the lease lost its holder."""


class SlackWork(SQLModel, table=True):
    """A piece of acknowledged Slack work (a DM, a mention, a command, a click), stored before Slack gets its 200.

    Workers claim a row with a conditional UPDATE and keep its lease alive; a sweeper takes over rows whose lease
    expired (the process died) or that were never claimed, so nothing acknowledged is lost on a crash or a deploy.
    """

    __table_args__ = (Index("ix_slackwork_status_lease", "status", "lease_until"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    """What makes a delivery the same work: the event id, the command's trigger id, the click's action ts."""
    kind: str
    payload: dict[str, Any] | None = _json()
    status: str = "queued"
    """`queued`, `running`, `done`, `failed`."""
    attempts: int = 0
    claimed_by: str | None = None
    lease_until: datetime | None = _ts()
    placeholder_channel: str | None = None
    placeholder_ts: str | None = None
    """The "working…" message already posted for this work: a resumed run updates it instead of posting another."""
    created_at: datetime = _ts(nullable=False)
    finished_at: datetime | None = _ts()
    detail: str | None = _text()


class SlackWorkMessage(SQLModel, table=True):
    """A message a piece of durable work posts, at most once per (work, kind), whatever the number of attempts.

    Stored ("about to post", `ts` None) before chat.postMessage and completed with the ts after it: a resumed attempt
    skips what is recorded, and for a row without a ts looks for the message's metadata in the channel first.
    """

    work_id: int = Field(foreign_key="slackwork.id", primary_key=True, sa_column_kwargs={"autoincrement": False})
    kind: str = Field(primary_key=True)
    """What the message is (e.g. `scorecard`, `warning`): one of each per piece of work."""
    channel: str
    ts: str | None = None
    created_at: datetime = _ts(nullable=False)


class DealRisk(SQLModel, table=True):
    """The last risk assessment of a deal, so alerts go out only for new or worsened risk."""

    deal_id: int = Field(foreign_key="deal.id", primary_key=True)
    score: int
    reasons: list[str] | None = _json()
    assessed_at: datetime = _ts(nullable=False)


class DealHealthScore(SQLModel, table=True):
    """Deal health of every open deal from the last whole-book assessment, served while the data behind it is unchanged.

    A derived cache, replaced as a whole by `tools.health_snapshot.save_snapshot` (its header, with the data signature
    and the time it was assessed, is the `deal_health_snapshot` key of `WorkspaceMeta`). No foreign key: a deal removed
    by a sync must not be blocked by, or cascade into, a cache row; the signature makes such a snapshot stale anyway.
    """

    __table_args__ = (Index("ix_dealhealthscore_at_score", "assessed_at", "score"),)

    deal_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    owner_id: int | None = Field(default=None, index=True)
    company_id: int | None = Field(default=None, index=True)
    score: int
    amount: float | None = None
    reasons: list[dict[str, Any]] | None = _json()
    """Each broken rule as shown: code, label, points, evidence, action (strongest first)."""
    assessed_at: datetime = _ts(nullable=False)
    basis: str | None = None
    """What the row was assessed from (inputs digest, score, broken rules, team-local day): unchanged, not rewritten."""


class DealEngagementAgg(SQLModel, table=True):
    """What the deal-health rules read about one deal's activity and history, kept current on every write.

    Derived from `Engagement`, `DealStageChange`, `CloseDateChange` and `DealContact` by
    `store.engagement_agg.refresh_engagement_aggregates` (every write path calls it, or the session hook does), so
    scoring the whole book reads one row per open deal instead of every activity. No foreign key: a derived cache.
    """

    __tablename__ = "deal_engagement_agg"

    deal_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    events: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    """Packed little-endian int64 rows (instant in µs, flags, record id, a, b), ordered by (instant, id): see
    `store.engagement_agg` for the flags and what a and b hold (champion links included)."""
    valid_from: datetime | None = _ts()
    """Old activity was pruned: the events answer exactly for any instant from this one on (None: for any instant)."""
    last_buyer_at: datetime | None = _ts()
    """Last buyer touch (reply, connected call, held meeting), any instant."""
    last_outbound_at: datetime | None = _ts()
    """Last outbound email, any instant."""
    buyer_contacts: int = 0
    """Distinct contacts who ever engaged as the buyer on this deal."""
    contacts: int = 0
    """Contacts linked to the deal (`DealContact` rows)."""


class DealWinScore(SQLModel, table=True):
    """The win probability of every open deal from the last scoring run (`tools.intelligence.scores`).

    A derived cache like `DealHealthScore`: no foreign key, rows rewritten only when a deal's score changed; the run's
    header (model, data signature, when) is the `deal_win_scores` key of `WorkspaceMeta`.
    """

    deal_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    owner_id: int | None = Field(default=None, index=True)
    probability: float
    method: str
    """`model` (learned from the team's closed deals) or `rules` (stage priors, too little history)."""
    factors: list[dict[str, Any]] | None = _json()
    """The top factors: feature, text, effect on the log-odds."""
    assessed_at: datetime = _ts(nullable=False)


class CallMetricsRow(SQLModel, table=True):
    """A stored call's measured metrics (`tools.calls.stored`), kept so the digest and coaching never re-measure.

    A derived cache like `DealWinScore`: no foreign key; `input_key` is a hash of everything the measurement read
    (transcript, format, the call's local day, the CRM names speakers resolve against, the known competitors and the
    metrics version), so a row whose inputs changed is recomputed on its next read rather than trusted.
    """

    call_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    input_key: str
    metrics: str | None = _text()
    """`CallMetrics` as JSON; NULL when the transcript cannot be parsed (so it is not re-tried on every read)."""
    computed_at: datetime = _ts(nullable=False)


class DealPropertySync(SQLModel, table=True):
    """The Sales OS property values last confirmed written to one HubSpot deal: a run sends only what changed."""

    hubspot_id: str = Field(primary_key=True)
    values: dict[str, Any] | None = _json()
    sent_at: datetime = _ts(nullable=False)


class SentAlert(SQLModel, table=True):
    """An alert already posted: at most one per deal, kind and day."""

    __table_args__ = (UniqueConstraint("deal_id", "kind", "day", name="uq_sentalert_deal_kind_day"),)

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int | None = Field(default=None, foreign_key="deal.id")
    kind: str
    day: date
    recipient: str | None = None
    risk_score: int | None = None
    reasons: list[str] | None = _json()
    sent_at: datetime = _ts(nullable=False)


class Draft(SQLModel, table=True):
    """A proposed write (follow-up email, task, note, CRM update) waiting for its owner's approval.

    `idempotency_key` makes creating the same draft twice a no-op; `status` moves
    pending → approved → executed (or discarded / failed) exactly once, guarded by a conditional UPDATE.
    """

    id: int | None = Field(default=None, primary_key=True)
    idempotency_key: str = Field(unique=True)
    kind: str
    """`email`, `task`, `note`, `crm_update`."""
    owner_id: int | None = Field(default=None, foreign_key="owner.id", index=True)
    deal_id: int | None = Field(default=None, foreign_key="deal.id")
    company_id: int | None = Field(default=None, foreign_key="company.id")
    payload: dict[str, Any] | None = _json()
    status: str = Field(default="pending", index=True)
    slack_channel: str | None = None
    slack_ts: str | None = Field(default=None, index=True)
    created_at: datetime = _ts(nullable=False)
    decided_by: str | None = None
    decided_at: datetime | None = _ts()
    executed_at: datetime | None = _ts()
    result: dict[str, Any] | None = _json()


class WriteBack(SQLModel, table=True):
    """A write sent to HubSpot, by idempotency key: a retry finds it here and does not write again."""

    idempotency_key: str = Field(primary_key=True)
    object_type: str
    operation: str
    hubspot_id: str | None = None
    status: str = "pending"
    """`pending` (claimed, not yet confirmed) or `done`."""
    created_at: datetime = _ts(nullable=False)
    completed_at: datetime | None = _ts()


class SyncCursor(SQLModel, table=True):
    """Where the incremental sync of one object type stands."""

    object_type: str = Field(primary_key=True)
    last_modified: datetime | None = _ts()
    after: str | None = None
    """Paging cursor inside a run, so a crash resumes from the last committed page."""
    run_started_at: datetime | None = _ts()
    updated_at: datetime | None = _ts()


class ConversationTurn(SQLModel, table=True):
    """One message of a copilot conversation, keyed by Slack thread or DM (`thread_key`)."""

    __table_args__ = (Index("ix_conversationturn_thread_at", "thread_key", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    thread_key: str
    role: str
    content: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = _ts(nullable=False)


class ReactivationDecision(SQLModel, table=True):
    """An AE's decision on a lost deal offered for reactivation: snoozed (until a day) or dismissed for good.

    No foreign key on the deal: a deal removed by a sync must not be blocked by a decision about it.
    """

    deal_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    owner_id: int | None = Field(default=None, index=True)
    action: str
    """`snoozed` or `dismissed`."""
    until: date | None = None
    decided_at: datetime = _ts(nullable=False)


class WorkspaceMeta(SQLModel, table=True):
    """Key/value facts about the workspace: how and when it was generated or last synced."""

    key: str = Field(primary_key=True)
    value: str
    updated_at: datetime = _ts(nullable=False)


__all__ = [
    "CLOSED_STAGES",
    "ENGAGEMENT_TYPES",
    "OPEN_STAGES",
    "STAGE_LABELS",
    "Call",
    "CloseDateChange",
    "Company",
    "Contact",
    "ConversationTurn",
    "Deal",
    "DealContact",
    "DealEngagementAgg",
    "DealHealthScore",
    "DealPropertySync",
    "DealRisk",
    "DealStageChange",
    "DealWinScore",
    "Draft",
    "Engagement",
    "InboundLead",
    "JobClaim",
    "Owner",
    "ReactivationDecision",
    "SentAlert",
    "SlackEvent",
    "SlackUser",
    "SlackWork",
    "SlackWorkMessage",
    "SyncCursor",
    "WorkspaceMeta",
    "WriteBack",
    "is_buyer_engagement",
    "utcnow",
]
