"""What a workspace will look like before any row is written: sizes, the plan dataclasses and small pure helpers."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Literal

Size = Literal["small", "default", "large"]
Progress = Callable[[str, int, int], None]
GENERATOR = "store.demo/1"
HORIZON_DAYS = 548  # 18 months of history
DAY = 86_400.0


@dataclass(frozen=True)
class SizeSpec:
    """How big a workspace is."""

    teams: int
    aes_per_team: int
    companies: int
    deals: int
    transcripts: int
    leads: int
    activity: float
    """Multiplier on per-deal activity volume (1.0 gives ~20 engagements per deal)."""


SIZES: dict[str, SizeSpec] = {
    "small": SizeSpec(teams=2, aes_per_team=5, companies=40, deals=150, transcripts=30, leads=60, activity=1.0),
    "default": SizeSpec(teams=2, aes_per_team=5, companies=400, deals=1500, transcripts=300, leads=600, activity=1.0),
    "large": SizeSpec(
        teams=6, aes_per_team=10, companies=17_000, deals=100_000, transcripts=2_000, leads=20_000, activity=0.4
    ),
}


@dataclass
class WorkspaceStats:
    """What a build wrote: rows per table and how long it took."""

    size: str
    seed: int
    as_of: datetime
    owners: int = 0
    companies: int = 0
    contacts: int = 0
    deals: int = 0
    deal_contacts: int = 0
    stage_changes: int = 0
    close_date_changes: int = 0
    engagements: int = 0
    calls: int = 0
    leads: int = 0
    meta: int = 0
    seconds: float = 0.0

    def rows(self) -> dict[str, int]:
        """Row counts per table, in build order."""
        return {k: v for k, v in asdict(self).items() if isinstance(v, int) and k != "seed"}


# --- plans: what a deal will look like, decided before any row is written -----------------------------------------


@dataclass
class CompanyPlan:
    """One company row and the contacts it will get."""

    id: int
    name: str
    domain: str | None
    industry: str
    employees: int
    revenue: float
    region: str
    owner_id: int
    created_at: datetime
    memorable: bool = False
    from_lead: bool = False
    scripted_contacts: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(first, last, title, seniority) of contacts the tour relies on."""
    contact_ids: list[int] = field(default_factory=list)


@dataclass
class DealPlan:
    """A deal's latent behaviour, outcome and timeline; the generated rows follow from it."""

    company: CompanyPlan
    owner_id: int
    product: str
    amount: float
    source: str
    created_at: datetime
    outcome: str  # "won", "lost" or "open"
    stage_idx: int  # open: current stage; lost: the stage it dropped out of; won: last open stage
    n_contacts: int
    reply_rate: float
    discovery_depth: int
    budget_fit: float
    urgency: int  # +1 this quarter, 0 next quarter, -1 later
    competitor: str | None
    closed_at: datetime | None = None
    open_state: str | None = None  # "active", "silent", "new"
    cutoff: datetime | None = None  # no buyer engagement after this instant
    force_buyer: bool = False  # put a buyer engagement exactly at `cutoff` (the last one)
    force_buyer_kind: str | None = None
    future_meeting_at: datetime | None = None
    chase_emails: int = 0
    pushes: int = 0
    final_expected: date | None = None
    close_reason: str | None = None
    next_step: str | None = None
    transcript: bool = False
    transcript_at: datetime | None = None
    transcript_objections: list[str] | None = None
    contact_roles: list[str] | None = None
    id: int = 0
    contact_ids: list[int] = field(default_factory=list)


@dataclass
class LeadPlan:
    """One web-form lead, its latent quality and what became of it."""

    submitted_at: datetime
    company_name: str
    domain: str | None
    company_size: str | None
    employee_count: int | None
    budget: float | None
    interest_area: str
    timeline: str
    urgency: int
    notes: str
    notes_quality: str
    contact_name: str
    contact_email: str
    contact_title: str | None
    quality: float  # the lead's logit without noise
    status: str = "new"
    company: CompanyPlan | None = None
    deal: DealPlan | None = None
    owner_id: int | None = None


# --- small helpers ------------------------------------------------------------------------------------------------


def sigmoid(x: float) -> float:
    """The logistic function: a logit to a probability."""
    return 1.0 / (1.0 + math.exp(-x))


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw with mean `lam` (Knuth's method: one `rng.random()` per step)."""
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def clamp(t: datetime, lo: datetime, hi: datetime) -> datetime:
    """`t` moved into [lo, hi]."""
    return lo if t < lo else hi if t > hi else t


def size_band(employees: int) -> str:
    """The web form's company-size band for a head count."""
    for limit, band in ((10, "1-10"), (50, "11-50"), (200, "51-200"), (1000, "201-1000"), (5000, "1001-5000")):
        if employees <= limit:
            return band
    return "5000+"


def domain_for(name: str) -> str:
    """The made-up web domain of a company name ("Acme Corp" -> "acmecorp.com")."""
    return "".join(ch for ch in name.lower() if ch.isalnum()) + ".com"


def email_local(first: str, last: str) -> str:
    """The local part of a work email: first.last, letters and digits only."""
    return "".join(ch for ch in f"{first}.{last}".lower() if ch.isalnum() or ch == ".")
