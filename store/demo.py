"""The demo workspace: a seeded, deterministic sales team with 18 months of CRM history, dated relative to `as_of`.

`generate_workspace` fills every CRM table so Sales OS can be tried with no keys. Outcomes are drawn from a logistic of
each deal's latent behaviour and fit (multi-threading, buyer reply rate, discovery depth, budget fit, company size,
timeline, competitor) plus noise, and the generated activity reflects those latents (a deal with a 70% reply rate gets
replies to about 70% of its outbound emails; a deal with four contacts has four people in its meetings and emails;
its recorded call's engagement - buyers on the call, who talks, answered objections, dated next steps - is drawn from
the same latents plus noise), so models trained on the store learn something real but never a rule. A few memorable
accounts ("Acme Corp", "Globex", ...) have a fixed shape at every size, for the tour.

Rows are planned in Python with explicit ids and written with bulk `insert()` (executemany) in batches inside one
transaction: a failed build leaves the store as it was, and the large size (100k deals, ~1M engagements) stays fast.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, insert, select
from sqlalchemy import types as sa_types
from sqlalchemy.engine import Connection

from store import demo_insights
from store import demo_text as words
from store.db import refresh_statistics, reset_id_sequences
from store.models import (
    CLOSED_STAGES,
    OPEN_STAGES,
    Call,
    CloseDateChange,
    Company,
    Contact,
    Deal,
    DealContact,
    DealStageChange,
    Engagement,
    InboundLead,
    Owner,
    WorkspaceMeta,
    is_buyer_engagement,
    table_of,
)
from store.types import UTCDateTime

Size = Literal["small", "default", "large"]
Progress = Callable[[str, int, int], None]
GENERATOR = "store.demo/1"
HORIZON_DAYS = 548  # 18 months of history
BATCH = 10_000
DAY = 86_400.0
ONE_DAY = timedelta(days=1)
OUR_DOMAIN = "salesos-demo.com"


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
FAST_SQLITE_WRITES = True
"""Write SQLite rows through the driver with pre-converted values (see `_sqlite_insert`); False uses Core inserts."""
OPEN_SHARE = 0.22
"""Share of generated deals still open at `as_of`."""


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


# --- the people we sell with --------------------------------------------------------------------------------------

# (name, team index, timezone); the first AE of Team East is the rep on the "Acme Corp" tour account.
NAMED_AES = (
    ("Dana Whitfield", 0, "America/New_York"),
    ("Jamal Carter", 0, "America/New_York"),
    ("Emily Nakamura", 0, "America/Chicago"),
    ("Luis Ortega", 0, "America/Chicago"),
    ("Grace Okafor", 0, "America/New_York"),
    ("Kenji Watanabe", 1, "America/Los_Angeles"),
    ("Megan Foster", 1, "America/Denver"),
    ("Carlos Mendes", 1, "America/Phoenix"),
    ("Aisha Rahman", 1, "America/Los_Angeles"),
    ("Tyler Nguyen", 1, "America/Los_Angeles"),
)
NAMED_MANAGERS = (("Helen Brooks", 0, "America/New_York"), ("Rachel Stein", 1, "America/Denver"))
TEAM_NAMES = ("Team East", "Team West", "Team Central", "Team South", "Team North", "Team Mountain")
TEAM_ZONES = (
    ("America/New_York", "America/Chicago"),
    ("America/Los_Angeles", "America/Denver", "America/Phoenix"),
    ("America/Chicago",),
    ("America/New_York", "America/Chicago"),
    ("America/Chicago", "America/New_York"),
    ("America/Denver", "America/Phoenix"),
)
REGIONS = ("NA-East", "NA-Central", "NA-West", "EMEA", "APAC")
REGION_TEAM = {"NA-East": 0, "NA-Central": 0, "EMEA": 0, "NA-West": 1, "APAC": 1}
INDUSTRIES = tuple(sorted({industry for _, industry in words.SUFFIXES}))
DEAL_SOURCES = (("outbound", 45.0), ("inbound", 12.0), ("referral", 12.0), ("partner", 10.0), ("expansion", 15.0))
SOURCE_LIFT = {"outbound": 0.0, "inbound": 0.1, "referral": 0.4, "partner": 0.2, "expansion": 0.5}

# Standard-time UTC offsets of the teams' zones: activity lands in the owner's working day.
UTC_OFFSETS = {
    "America/New_York": -5,
    "America/Chicago": -6,
    "America/Denver": -7,
    "America/Phoenix": -7,
    "America/Los_Angeles": -8,
}
CONTACT_TITLES = tuple(
    title for by_function in words.SENIORITY_TITLES.values() for titles in by_function.values() for title in titles
)
WON_REASONS = (
    "Strong champion and clear ROI on forecasting",
    "Fastest time to value; connectors worked out of the box",
    "Executive sponsor pushed it through",
    "Best fit for security and SSO requirements",
    "Pricing and packaging fit their rollout plan",
)
NEXT_STEPS = {
    "appointmentscheduled": ("Run discovery call", "Confirm attendees for the first call", "Send pre-call agenda"),
    "qualifiedtobuy": ("Schedule product demo", "Map the buying committee", "Book technical deep dive"),
    "presentationscheduled": ("Deliver tailored demo", "Send proposal after demo", "Security review with IT"),
    "decisionmakerboughtin": ("Send proposal and pricing", "Executive alignment call", "Share mutual action plan"),
    "contractsent": ("Chase signature on order form", "Finalize legal redlines", "Procurement review"),
}


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


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _clamp(t: datetime, lo: datetime, hi: datetime) -> datetime:
    return lo if t < lo else hi if t > hi else t


def _size_band(employees: int) -> str:
    for limit, band in ((10, "1-10"), (50, "11-50"), (200, "51-200"), (1000, "201-1000"), (5000, "1001-5000")):
        if employees <= limit:
            return band
    return "5000+"


def _domain_for(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum()) + ".com"


def _email_local(first: str, last: str) -> str:
    return "".join(ch for ch in f"{first}.{last}".lower() if ch.isalnum() or ch == ".")


def _sqlite_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not UTC:
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}")
        value = value.astimezone(UTC)
    return value.isoformat(" ", "microseconds")[:26]  # drop the "+00:00": SQLite keeps naive UTC


_json_cache: dict[tuple[str, ...], str] = {}


def _sqlite_json(value: Any) -> str:
    # Participant lists repeat a lot (the same rep and contact); encoding each once saves seconds on `large`.
    if isinstance(value, list) and len(value) <= 4:
        key = tuple(value)
        cached = _json_cache.get(key)
        if cached is None:
            if len(_json_cache) > 200_000:
                _json_cache.clear()
            cached = _json_cache[key] = json.dumps(value)
        return cached
    return json.dumps(value)


def _sqlite_insert(table: Any) -> tuple[str, Callable[[dict], tuple], list[tuple[int, Callable[[Any], Any]]]]:
    """An INSERT for the sqlite3 driver, and per column the conversion SQLAlchemy's types would apply.

    The large workspace writes ~1.5M rows; handing the driver ready tuples skips SQLAlchemy's per-value bind
    processing (a third of the build time). The stored text is byte-for-byte what the types write
    (`UTCDateTime` -> naive UTC "YYYY-MM-DD HH:MM:SS.ffffff", `Date` -> ISO date, `JSON` -> json.dumps), which the
    tests check by reading rows back through the ORM and filtering on them.
    """
    columns = [column.name for column in table.__table__.columns]
    converters: list[tuple[int, Callable[[Any], Any]]] = []
    for index, column in enumerate(table.__table__.columns):
        if isinstance(column.type, UTCDateTime):
            converters.append((index, _sqlite_datetime))
        elif isinstance(column.type, sa_types.Date):
            converters.append((index, _sqlite_date))
        elif isinstance(column.type, sa_types.JSON):
            converters.append((index, _sqlite_json))
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" for _ in columns)
    getter = operator.itemgetter(*columns)
    return f'INSERT INTO "{table.__tablename__}" ({names}) VALUES ({marks})', getter, converters


def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# --- the builder --------------------------------------------------------------------------------------------------


class _Builder:
    """Plans the workspace and streams its rows into the store."""

    def __init__(self, spec: SizeSpec, size: str, seed: int, as_of: datetime, progress: Progress | None) -> None:
        self.spec = spec
        self.size = size
        self.seed = seed
        self.as_of = as_of
        self.start = as_of - timedelta(days=HORIZON_DAYS)
        self.rng = random.Random(seed)
        self.insights_rng = random.Random(f"{seed}-insights")
        self.progress = progress
        self.stats = WorkspaceStats(size=size, seed=seed, as_of=as_of)
        self.conn: Connection | None = None
        self.buffers: dict[str, list[dict[str, Any]]] = {}
        self.ids = {"contact": 0, "stage": 0, "push": 0, "engagement": 0, "call": 0}
        self.used_names: set[str] = set()
        self.used_domains: set[str] = set()
        self.owners: list[dict[str, Any]] = []
        self.owner_by_name: dict[str, dict[str, Any]] = {}
        self.aes_by_team: list[list[dict[str, Any]]] = []
        self.contacts: dict[int, dict[str, Any]] = {}
        self.pending_calls: list[dict[str, Any]] = []

    # -- writing --

    def _tick(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def _write(self, table: Any, rows: list[dict[str, Any]], stat: str) -> None:
        """Insert `rows` (dicts with every column) in batches; count them."""
        assert self.conn is not None
        if self.conn.dialect.name == "sqlite" and FAST_SQLITE_WRITES:
            sql, getter, converters = _sqlite_insert(table)
            for i in range(0, len(rows), BATCH):
                batch = []
                for row in rows[i : i + BATCH]:
                    values = list(getter(row))
                    for index, conv in converters:
                        values[index] = conv(values[index])
                    batch.append(tuple(values))
                self.conn.exec_driver_sql(sql, batch)
        else:
            for i in range(0, len(rows), BATCH):
                self.conn.execute(insert(table), rows[i : i + BATCH])
        setattr(self.stats, stat, getattr(self.stats, stat) + len(rows))

    def _buffer(self, table: Any, stat: str, row: dict[str, Any]) -> None:
        rows = self.buffers.setdefault(stat, [])
        rows.append(row)
        if len(rows) >= BATCH:
            self._flush(table, stat)

    def _buffer_many(self, table: Any, stat: str, rows: list[dict[str, Any]]) -> None:
        buffered = self.buffers.setdefault(stat, [])
        buffered.extend(rows)
        if len(buffered) >= BATCH:
            self._flush(table, stat)

    def _flush(self, table: Any, stat: str) -> None:
        rows = self.buffers.get(stat)
        if rows:
            self._write(table, rows, stat)
            self.buffers[stat] = []

    # -- the whole build --

    def build(self, conn: Connection) -> WorkspaceStats:
        """Plan and write the whole workspace on `conn` (inside the caller's transaction)."""
        self.conn = conn
        self._owners()
        companies = self._memorable_companies() + self._generated_companies(self.spec.companies - len(MEMORABLE))
        leads = self._plan_leads(companies)
        companies += [lead.company for lead in leads if lead.company is not None and lead.company.from_lead]
        self._write_companies(companies)
        self._write_contacts(companies)
        self._fill_lead_contacts(leads)

        deals = self._memorable_deals(companies)
        deals += [lead.deal for lead in leads if lead.deal is not None]
        pool = [c for c in companies if not c.memorable and not c.from_lead]
        while len(deals) < self.spec.deals:
            deals.append(self._random_deal(self.rng.choice(pool)))
        demo_insights.plan_win_backs(deals, self.insights_rng)
        deals.sort(key=lambda d: (d.created_at, d.company.id))
        self._mark_expansions(deals)
        self._pick_transcripts(deals)
        demo_insights.leave_loss_traces(deals, self.insights_rng, words.OBJECTION_CATEGORIES)
        for i, deal in enumerate(deals, start=1):
            deal.id = i
        self._write_deals(deals)

        for n, deal in enumerate(deals, start=1):
            self._emit_deal_children(deal)
            if n % 2000 == 0 or n == len(deals):
                self._tick("activity", n, len(deals))
        for stat, table in (
            ("deal_contacts", DealContact),
            ("stage_changes", DealStageChange),
            ("close_date_changes", CloseDateChange),
            ("engagements", Engagement),
        ):
            self._flush(table, stat)
        self._write(Call, self.pending_calls, "calls")
        self._tick("calls", len(self.pending_calls), len(self.pending_calls))
        self._write_leads(leads)
        self._write_meta()
        return self.stats

    # -- owners --

    def _owners(self) -> None:
        rng = self.rng
        people: list[tuple[str, int, str, str]] = [(n, t, tz, "ae") for n, t, tz in NAMED_AES]
        people += [(n, t, tz, "manager") for n, t, tz in NAMED_MANAGERS]
        names = {p[0] for p in people}
        for team in range(self.spec.teams):
            have = sum(1 for p in people if p[1] == team and p[3] == "ae")
            needed = [("ae", self.spec.aes_per_team - have)]
            if not any(p[1] == team and p[3] == "manager" for p in people):
                needed.append(("manager", 1))
            for role, count in needed:
                for _ in range(count):
                    name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
                    while name in names:
                        name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
                    names.add(name)
                    people.append((name, team, rng.choice(TEAM_ZONES[team % len(TEAM_ZONES)]), role))
        self.aes_by_team = [[] for _ in range(self.spec.teams)]
        for i, (name, team, tz, role) in enumerate(people, start=1):
            first, last = name.split(" ", 1)
            row = {
                "id": i,
                "hubspot_id": None,
                "name": name,
                "email": f"{_email_local(first, last)}@{OUR_DOMAIN}",
                "slack_user_id": None,
                "timezone": tz,
                "team": TEAM_NAMES[team],
                "role": role,
                "manager_id": None,
                "active": True,
                "updated_at": self.start,
            }
            self.owners.append(row)
            self.owner_by_name[name] = row
            if role == "ae":
                self.aes_by_team[team].append(row)
        self._write(Owner, self.owners, "owners")
        self._tick("owners", len(self.owners), len(self.owners))

    def _owner_for_region(self, region: str) -> int:
        team = REGION_TEAM[region] if self.spec.teams == 2 else self.rng.randrange(self.spec.teams)
        return self.rng.choice(self.aes_by_team[team])["id"]

    # -- companies and contacts --

    def _new_company_name(self) -> str:
        rng = self.rng
        for _ in range(1000):
            stem = rng.choice(words.STEM_HEADS) + rng.choice(words.STEM_TAILS)
            name = f"{stem} {rng.choice(words.SUFFIXES)[0]}"
            if name not in self.used_names and _domain_for(name) not in self.used_domains:
                self.used_names.add(name)
                self.used_domains.add(_domain_for(name))
                return name
        raise RuntimeError("ran out of company names")  # pragma: no cover - 64k combinations for at most 40k names

    def _company_plan(self, cid: int, name: str | None = None, *, employees: int | None = None) -> CompanyPlan:
        rng = self.rng
        name = name or self._new_company_name()
        suffix = name.rsplit(" ", 1)[-1]
        industry = next((ind for suf, ind in words.SUFFIXES if suf == suffix), rng.choice(INDUSTRIES))
        if employees is None:
            employees = int(min(50_000, max(12, rng.lognormvariate(math.log(350), 1.25))))
        region = rng.choices(REGIONS, weights=(35, 20, 25, 12, 8))[0]
        return CompanyPlan(
            id=cid,
            name=name,
            domain=_domain_for(name),
            industry=industry,
            employees=employees,
            revenue=round(employees * rng.uniform(120_000, 320_000), -4),
            region=region,
            owner_id=self._owner_for_region(region),
            created_at=self.start - timedelta(days=rng.uniform(0, 400)),
        )

    def _generated_companies(self, count: int) -> list[CompanyPlan]:
        first = len(MEMORABLE) + 1
        return [self._company_plan(cid) for cid in range(first, first + count)]

    def _write_companies(self, companies: list[CompanyPlan]) -> None:
        rows = [
            {
                "id": c.id,
                "hubspot_id": None,
                "name": c.name,
                "domain": c.domain,
                "industry": c.industry,
                "employees": c.employees,
                "annual_revenue": c.revenue,
                "region": c.region,
                "owner_id": c.owner_id,
                "created_at": c.created_at,
                "updated_at": c.created_at,
            }
            for c in companies
        ]
        self._write(Company, rows, "companies")
        self._tick("companies", len(rows), len(rows))

    def _write_contacts(self, companies: list[CompanyPlan]) -> None:
        rng = self.rng
        rows: list[dict[str, Any]] = []
        seniority_mix = (("c_level", 1.0), ("vp", 1.5), ("director", 2.0), ("manager", 2.0), ("individual", 2.5))
        for c in companies:
            people = list(c.scripted_contacts)
            taken = {(p[0], p[1]) for p in people}
            # Enough people for a five-way multi-threaded deal, with at least one executive to be the buyer.
            seniorities = ["c_level" if rng.random() < 0.6 else "vp"]
            seniorities += rng.choices(
                [s for s, _ in seniority_mix], [w for _, w in seniority_mix], k=rng.randint(4, 7)
            )
            for seniority in seniorities[: max(0, 6 - len(people)) + rng.randint(0, 2)]:
                first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
                while (first, last) in taken:
                    first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
                taken.add((first, last))
                function = rng.choice(list(words.SENIORITY_TITLES[seniority]))
                people.append((first, last, rng.choice(words.SENIORITY_TITLES[seniority][function]), seniority))
            for first, last, title, seniority in people:
                self.ids["contact"] += 1
                cid = self.ids["contact"]
                function = next(
                    (f for f, titles in words.SENIORITY_TITLES.get(seniority, {}).items() if title in titles),
                    "revops",
                )
                row = {
                    "id": cid,
                    "hubspot_id": None,
                    "company_id": c.id,
                    "first_name": first,
                    "last_name": last,
                    "email": f"{_email_local(first, last)}@{c.domain}" if c.domain else None,
                    "title": title,
                    "seniority": seniority,
                    "function": function,
                    "updated_at": c.created_at,
                }
                rows.append(row)
                self.contacts[cid] = row
                c.contact_ids.append(cid)
        self._write(Contact, rows, "contacts")
        self._tick("contacts", len(rows), len(rows))

    # -- deals: latents, outcome, timeline --

    def _product_and_amount(self, employees: int) -> tuple[str, float]:
        rng = self.rng
        options: tuple[tuple[str, float], ...]
        if employees < 150:
            options = (("Insight Starter", 6), ("Insight Growth", 3), ("Connectors Add-on", 1))
        elif employees < 1500:
            options = (
                ("Insight Growth", 5),
                ("Insight Enterprise", 2),
                ("Connectors Add-on", 1.5),
                ("Forecasting Add-on", 1.5),
            )
        else:
            options = (("Insight Enterprise", 6), ("Insight Growth", 2), ("Forecasting Add-on", 2))
        product = rng.choices([p for p, _ in options], [w for _, w in options])[0]
        spread = (0.9, 2.6) if product == "Insight Enterprise" else (0.8, 1.6)
        return product, round(words.PRODUCT_LIST_PRICES[product] * rng.uniform(*spread), -2)

    def _win_logit(self, d: DealPlan, extra: float = 0.0) -> float:
        """The deal's odds of winning: behaviour and fit, before noise."""
        size = math.log10(max(10, d.company.employees))
        return (
            -1.25
            + 0.55 * (d.n_contacts - 2.5)
            + 3.4 * (d.reply_rate - 0.45)
            + 0.2 * (d.discovery_depth - 6)
            + 1.3 * (d.budget_fit - 0.5)
            - 0.25 * (size - 2.6)
            + 0.35 * d.urgency
            - 0.45 * (d.competitor is not None)
            + SOURCE_LIFT.get(d.source, 0.0)
            - 0.15 * math.log(max(d.amount, 1000) / 30_000)
            + extra
        )

    @staticmethod
    def _behaviour_logit(d: DealPlan) -> float:
        """The buyer-behaviour and fit terms of `_win_logit` (same weights), centred on an average deal."""
        return 0.55 * (d.n_contacts - 2.5) + 3.4 * (d.reply_rate - 0.45) + 1.3 * (d.budget_fit - 0.5) + 0.35 * d.urgency

    def _latent_deal(self, company: CompanyPlan, created_at: datetime, source: str) -> DealPlan:
        rng = self.rng
        product, amount = self._product_and_amount(company.employees)
        owner_id = company.owner_id if rng.random() < 0.9 else self._owner_for_region(company.region)
        return DealPlan(
            company=company,
            owner_id=owner_id,
            product=product,
            amount=amount,
            source=source,
            created_at=created_at,
            outcome="open",
            stage_idx=0,
            n_contacts=rng.choices((1, 2, 3, 4, 5), (30, 25, 20, 15, 10))[0],
            reply_rate=min(0.95, max(0.03, rng.betavariate(2.0, 2.4))),
            discovery_depth=min(15, 1 + _poisson(rng, 5.0)),
            budget_fit=rng.betavariate(2.0, 2.0),
            urgency=rng.choices((1, 0, -1), (30, 40, 30))[0],
            competitor=rng.choice(words.COMPETITORS) if rng.random() < 0.4 else None,
        )

    def _cycle_days(self, d: DealPlan) -> float:
        size = math.log10(max(10, d.company.employees))
        median = 45 * (1 + 0.3 * (size - 2.5)) * (1.25 if d.product == "Insight Enterprise" else 1.0)
        return min(300.0, max(7.0, self.rng.lognormvariate(math.log(max(median, 15)), 0.45)))

    def _random_deal(self, company: CompanyPlan) -> DealPlan:
        rng = self.rng
        source = rng.choices([s for s, _ in DEAL_SOURCES], [w for _, w in DEAL_SOURCES])[0]
        deal = self._latent_deal(company, self.as_of, source)
        if rng.random() < OPEN_SHARE:
            state = rng.choices(("new", "active", "silent"), (12, 48, 40))[0]
            # Open deals thin out down the funnel; later stages have been open longer.
            stage = 0 if state == "new" else rng.choices(range(len(OPEN_STAGES)), (30, 25, 20, 15, 10))[0]
            age = rng.uniform(0.2, 6.0) if state == "new" else max(8.0, (stage + 1) * rng.uniform(7, 28))
            deal.created_at = self.as_of - timedelta(days=age)
            self._make_open(deal, state, stage=stage)
        else:
            self._make_closed(deal, rng.random() < _sigmoid(self._win_logit(deal) + rng.gauss(0, 0.5)))
        return deal

    def _make_closed(self, d: DealPlan, won: bool, *, closed_at: datetime | None = None) -> None:
        """Set a closed deal's outcome, stage reached and dates; `created_at` is kept when `closed_at` is given."""
        rng = self.rng
        d.outcome = "won" if won else "lost"
        d.stage_idx = len(OPEN_STAGES) - 1 if won else rng.choices(range(len(OPEN_STAGES)), (30, 25, 20, 15, 10))[0]
        cycle = self._cycle_days(d) * (1.0 if won else 0.35 + 0.15 * d.stage_idx)
        if closed_at is None:
            cycle = min(cycle, HORIZON_DAYS - 2)
            d.created_at = self.start + timedelta(days=rng.uniform(0, HORIZON_DAYS - 1 - cycle))
            closed_at = d.created_at + timedelta(days=cycle)
        d.closed_at = self._work_time(closed_at, latest=self.as_of - timedelta(hours=12), earliest=d.created_at)
        d.cutoff = d.closed_at
        d.final_expected = (d.closed_at + timedelta(days=rng.uniform(-10, 10))).date()
        d.pushes = rng.choices((0, 1, 2, 3), (60, 25, 10, 5) if won else (40, 30, 20, 10))[0]
        if won:
            d.close_reason = self._won_reason(d)
            d.next_step = "Kickoff with onboarding team"
        else:
            d.close_reason = self._lost_reason(d)

    def _make_open(self, d: DealPlan, state: str, *, stage: int | None = None) -> None:
        """Set an open deal's stage, engagement state (active / silent / new) and upcoming dates."""
        rng = self.rng
        age = (self.as_of - d.created_at).total_seconds() / DAY
        d.outcome, d.open_state = "open", state
        if state == "new":
            d.stage_idx = 0
            d.cutoff = d.created_at - timedelta(seconds=1)  # the buyer has not engaged at all yet
            if rng.random() < 0.5:
                d.future_meeting_at = self._future_meeting(rng.uniform(0.5, 6))
        else:
            d.stage_idx = stage if stage is not None else min(len(OPEN_STAGES) - 1, int(age / rng.uniform(15, 40)))
            if state == "active":
                d.cutoff = self.as_of - timedelta(days=rng.uniform(0.3, 4.0))
                if rng.random() < 0.4:
                    d.future_meeting_at = self._future_meeting(rng.uniform(0.3, 7))
            else:
                silent = rng.randint(5, 30) if rng.random() < 0.9 else rng.randint(31, 45)
                silent = min(silent, max(5, int(age) - 3))
                d.cutoff = self.as_of - timedelta(days=silent + rng.uniform(0.05, 0.9))
                d.chase_emails = rng.choices((0, 1, 2), (30, 45, 25))[0]
                if rng.random() < 0.08:
                    d.future_meeting_at = self._future_meeting(rng.uniform(1, 7))
            d.cutoff = max(d.cutoff, d.created_at + timedelta(hours=2))
            d.force_buyer = True
        d.pushes = rng.choices((0, 1, 2, 3), (50, 30, 15, 5))[0] if age > 20 else 0
        d.final_expected = (self.as_of + timedelta(days=rng.uniform(-12, 90))).date()
        d.next_step = rng.choice(NEXT_STEPS[OPEN_STAGES[d.stage_idx]])

    def _won_reason(self, d: DealPlan) -> str:
        if d.competitor and self.rng.random() < 0.5:
            return f"Won against {d.competitor}: faster setup and better connectors"
        if d.n_contacts >= 3 and self.rng.random() < 0.4:
            return "Executive sponsor pushed it through"
        return self.rng.choice(WON_REASONS)

    def _lost_reason(self, d: DealPlan) -> str:
        options: list[tuple[str, float]] = [
            ("Chose to build in-house", 0.5),
            ("Missing feature: Salesforce CPQ integration", 0.4),
            ("Champion left the company", 0.3),
            ("No decision: went dark", 0.6 + 2.0 * (d.reply_rate < 0.3)),
            ("Timing: project postponed", 0.4 + 1.6 * (d.urgency < 0)),
            ("No budget", 0.3 + 2.0 * (d.budget_fit < 0.35)),
            ("Price too high", 0.4 + 1.2 * (d.budget_fit < 0.5)),
        ]
        if d.competitor:
            options.append((f"Lost to competitor: {d.competitor}", 3.0))
        return self.rng.choices([o for o, _ in options], [w for _, w in options])[0]

    def _work_time(self, t: datetime, *, latest: datetime, earliest: datetime, utc_offset: int = -5) -> datetime:
        """Move `t` to 8:00-18:00 local time (`utc_offset` from UTC) on its day, kept within [earliest, latest]."""
        secs = (8 - utc_offset) * 3600 + int(self.rng.random() * 36_000)
        day = t
        if secs >= 86_400:  # the Pacific afternoon is the next UTC day
            secs -= 86_400
            day = t + timedelta(days=1)
        moved = day.replace(hour=secs // 3600, minute=secs % 3600 // 60, second=secs % 60)
        if moved.weekday() >= 5:  # weekend work moves back to Friday
            moved -= timedelta(days=moved.weekday() - 4)
        return _clamp(moved, earliest, latest)

    def _future_meeting(self, days_ahead: float) -> datetime:
        t = self.as_of + timedelta(days=days_ahead)
        if t.weekday() >= 5:
            t += timedelta(days=7 - t.weekday())
        t = t.replace(hour=self.rng.choice((14, 15, 16, 17, 18, 19, 20)), minute=self.rng.choice((0, 30)), second=0)
        t = t.replace(microsecond=0)
        return t if t > self.as_of + timedelta(minutes=30) else t + timedelta(days=1)

    def _mark_expansions(self, deals: list[DealPlan]) -> None:
        """Label a deal `expansion` only when its company already won one before it was created."""
        won_at: dict[int, datetime] = {}
        for d in deals:
            first_win = won_at.get(d.company.id)
            if d.source == "expansion" and (first_win is None or first_win > d.created_at):
                d.source = "outbound"
            elif d.source == "outbound" and first_win is not None and first_win < d.created_at and d.company.id % 2:
                d.source = "expansion"
            if d.outcome == "won" and d.closed_at is not None:
                won_at[d.company.id] = min(won_at.get(d.company.id, d.closed_at), d.closed_at)

    def _pick_transcripts(self, deals: list[DealPlan]) -> None:
        forced = sum(1 for d in deals if d.transcript)
        eligible = [d for d in deals if not d.transcript and d.open_state != "new"]
        for d in self.rng.sample(eligible, k=max(0, min(len(eligible), self.spec.transcripts - forced))):
            d.transcript = True

    def _write_deals(self, deals: list[DealPlan]) -> None:
        rows = []
        for d in deals:
            stage = OPEN_STAGES[d.stage_idx] if d.outcome == "open" else CLOSED_STAGES[d.outcome == "lost"]
            assert d.final_expected is not None
            rows.append(
                {
                    "id": d.id,
                    "hubspot_id": None,
                    "name": f"{d.company.name} - {d.product}",
                    "company_id": d.company.id,
                    "owner_id": d.owner_id,
                    "pipeline": "default",
                    "stage": stage,
                    "amount": d.amount,
                    "currency": "USD",
                    "product": d.product,
                    "source": d.source,
                    "close_date": d.closed_at.date() if d.closed_at else d.final_expected,
                    "created_at": d.created_at,
                    "closed_at": d.closed_at,
                    "is_closed": d.outcome != "open",
                    "is_won": d.outcome == "won",
                    "close_reason": d.close_reason,
                    "next_step": d.next_step,
                    "updated_at": d.closed_at or max(d.cutoff or d.created_at, d.created_at),
                }
            )
            if len(rows) == BATCH:
                self._write(Deal, rows, "deals")
                self._tick("deals", self.stats.deals, len(deals))
                rows = []
        self._write(Deal, rows, "deals")
        self._tick("deals", self.stats.deals, len(deals))

    # -- per-deal rows: contacts, stage history, close-date pushes, activity, transcripts --

    def _emit_deal_children(self, d: DealPlan) -> None:
        self._emit_deal_contacts(d)
        self._emit_stage_history(d)
        self._emit_close_date_changes(d)
        self._emit_activity(d)

    def _emit_deal_contacts(self, d: DealPlan) -> None:
        rng = self.rng
        pool = d.company.contact_ids
        if d.contact_roles is not None:  # scripted: the first contacts of the company, in order
            chosen = pool[: len(d.contact_roles)]
            roles = list(d.contact_roles)
        else:
            chosen = rng.sample(pool, k=min(d.n_contacts, len(pool)))
            chosen = demo_insights.tilt_buying_group(d, chosen, pool, self.contacts, self.insights_rng)
            order = {"c_level": 0, "vp": 1, "director": 2, "manager": 3, "individual": 4}
            chosen.sort(key=lambda cid: order.get(self.contacts[cid]["seniority"], 5))
            if len(chosen) == 1:
                roles = [rng.choice(("champion", "user"))]
            else:
                # The most senior person is the economic buyer; the champion is next; then evaluators and users.
                roles = ["economic_buyer", "champion", "technical_evaluator"] + ["user"] * len(chosen)
                roles = roles[: len(chosen)]
        d.contact_ids = chosen
        for cid, role in zip(chosen, roles, strict=True):
            self._buffer(DealContact, "deal_contacts", {"deal_id": d.id, "contact_id": cid, "role": role})

    def _emit_stage_history(self, d: DealPlan) -> None:
        rng = self.rng
        path = list(OPEN_STAGES[: d.stage_idx + 1])
        if d.outcome == "won" and rng.random() < 0.2:
            path.pop(rng.randint(1, len(path) - 2))  # some wins skip a middle stage
        if d.outcome != "open":
            path.append("closedwon" if d.outcome == "won" else "closedlost")
        end = (
            d.closed_at
            if d.closed_at
            else max(d.created_at + timedelta(minutes=5), min(d.cutoff or self.as_of, self.as_of))
        )
        span = (end - d.created_at).total_seconds()
        moments = sorted(rng.uniform(0.05, 0.95) * span for _ in range(len(path) - 1))
        times = [d.created_at] + [d.created_at + timedelta(seconds=s) for s in moments]
        if d.closed_at:
            times[-1] = d.closed_at
        prev = None
        for stage, at in zip(path, times, strict=True):
            self.ids["stage"] += 1
            self._buffer(
                DealStageChange,
                "stage_changes",
                {"id": self.ids["stage"], "deal_id": d.id, "from_stage": prev, "to_stage": stage, "changed_at": at},
            )
            prev = stage

    def _emit_close_date_changes(self, d: DealPlan) -> None:
        """Write `pushes` moves of the expected close date, built backwards from the final expected date."""
        if not d.pushes:
            return
        rng = self.rng
        assert d.final_expected is not None
        new_dates = [d.final_expected]
        for _ in range(d.pushes):
            new_dates.insert(0, new_dates[0] - timedelta(days=rng.randint(14, 35)))
        end = d.closed_at or self.as_of
        lo, hi = d.created_at + timedelta(hours=1), end - timedelta(hours=1)
        times = []
        for old in new_dates[:-1]:
            moment = datetime(old.year, old.month, old.day, 15, tzinfo=UTC) - timedelta(days=rng.uniform(0, 6))
            times.append(_clamp(moment, lo, max(lo, hi)))
        times.sort()
        for i, at in enumerate(times):
            self.ids["push"] += 1
            self._buffer(
                CloseDateChange,
                "close_date_changes",
                {
                    "id": self.ids["push"],
                    "deal_id": d.id,
                    "old_date": new_dates[i],
                    "new_date": new_dates[i + 1],
                    "changed_at": at,
                },
            )

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
        n_meet = 0 if d.open_state == "new" else max(1, round(scale * (1 + reached + _poisson(rng, 0.6))))
        show_rate = 0.6 + 0.35 * d.reply_rate
        for _ in range(n_meet):
            at = when(t0, end)
            held = at <= cutoff and rnd() < show_rate
            meeting(at, "completed" if held else "no_show" if rnd() < 0.6 else "canceled", attendees())
        if d.future_meeting_at is not None:
            meeting(d.future_meeting_at, "scheduled", attendees())

        # Calls: connected when the buyer picks up (more often for engaged buyers).
        for _ in range(_poisson(rng, scale * (1 + days / 20))):
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
        for _ in range(1 + _poisson(rng, scale * days / 45)):
            add("note", when(t0, end), contacts[0], body=pick(note_bank).format(**fill))

        # Tasks: done once due, except the open ones on live deals.
        for _ in range(1 + _poisson(rng, scale * days / 35)):
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
        self._buffer_many(Engagement, "engagements", events)

    def _emit_call(self, d: DealPlan, held: dict[str, Any], owner: dict[str, Any], contacts: list[dict]) -> None:
        # The call draws from its own stream, seeded from the main one: how a transcript is written never shifts
        # the rows generated after it.
        rng = random.Random(self.rng.getrandbits(64))
        speakers = [c for c in contacts if c["email"] in (held["participants"] or [])] or contacts[:1]
        if d.transcript_at is None:
            # Multi-threading shows on the call: a wider buying group tends to bring more people (up to three).
            want = min(3, len(contacts), 1 + sum(rng.random() < 0.5 for _ in range(len(contacts) - 1)))
            others = [c for c in contacts if c not in speakers]
            rng.shuffle(others)
            speakers = speakers + others[: max(0, want - len(speakers))]
            held["participants"] = [owner["email"]] + [c["email"] for c in speakers]
        # How engaged the call is: the same latents that drive the outcome (buyer responsiveness, breadth of the
        # buying group, urgency, budget fit), plus noise, so call features carry a real signal but never a rule.
        engagement = _sigmoid(1.5 * self._behaviour_logit(d) + rng.gauss(0.0, 0.8))
        if d.transcript_objections is not None:
            objections = list(d.transcript_objections)
        else:
            categories = [c for c in words.OBJECTION_CATEGORIES if c != "competitor"]
            weights = [3.0 if c == "pricing" and d.budget_fit < 0.4 else 1.0 for c in categories]
            k = rng.choices((0, 1, 2, 3), (20, 40, 30, 10))[0]
            objections = []
            if d.competitor and rng.random() < 0.6:
                objections.append("competitor")
            while len(objections) < k:
                pick = rng.choices(categories, weights)[0]
                if pick not in objections:
                    objections.append(pick)
            rng.shuffle(objections)
        text_, duration, labels = words.compose_transcript(
            rng,
            rep=words.Speaker(owner["name"], "Account Executive"),
            prospects=[words.Speaker(f"{c['first_name']} {c['last_name']}", c["title"] or "") for c in speakers[:3]],
            company=d.company.name,
            call_at=held["occurred_at"],
            discovery_questions=d.discovery_depth,
            objections=objections,
            competitor=d.competitor,
            engagement=engagement,
        )
        held["ends_at"] = held["occurred_at"] + timedelta(seconds=duration)
        self.ids["call"] += 1
        self.pending_calls.append(
            {
                "id": self.ids["call"],
                "engagement_id": held["id"],
                "deal_id": d.id,
                "company_id": d.company.id,
                "owner_id": owner["id"],
                "started_at": held["occurred_at"],
                "duration_seconds": duration,
                "transcript": text_,
                "transcript_format": "speaker_lines",
                "labels": labels,
            }
        )

    # -- inbound leads --

    def _plan_leads(self, companies: list[CompanyPlan]) -> list[LeadPlan]:
        """Plan the web-form leads; converted ones get a company (existing or new) and a deal."""
        rng = self.rng
        existing = [c for c in companies if not c.memorable]
        next_company_id = max(c.id for c in companies) + 1
        leads: list[LeadPlan] = []
        for _ in range(self.spec.leads):
            submitted = self.start + timedelta(seconds=rng.random() * HORIZON_DAYS * DAY)
            kind = rng.choices(("corporate", "freemail", "student", "spam"), (74, 15, 6, 5))[0]
            company: CompanyPlan | None = None
            student_domain = ""
            if kind == "spam":
                name = rng.choice(("asdf", "test", "N/A", "qwerty inc", "SEO Experts", "xx"))
                employees: int | None = rng.choice((None, 1, 5, 999_999))
            elif kind == "student":
                name, student_domain = rng.choice(words.UNIVERSITIES)
                employees = None
            elif kind == "corporate" and rng.random() < 0.45:
                company = rng.choice(existing)
                name, employees = company.name, company.employees
            else:
                name = self._new_company_name()
                employees = int(min(50_000, max(3, rng.lognormvariate(math.log(250), 1.3))))
            first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
            if kind == "corporate":
                domain = company.domain if company else _domain_for(name)
                email = f"{_email_local(first, last)}@{domain}"
            elif kind == "student":
                domain = student_domain
                email = f"{first[0].lower()}{last.lower()}@{domain}"
            else:
                domain = rng.choice(words.FREE_MAIL_DOMAINS)
                email = f"{first.lower()}{last.lower()}{rng.randint(1, 99)}@{domain}"

            if kind in ("corporate", "freemail") and employees:
                budget: float | None = round(rng.lognormvariate(math.log(12_000 * (employees / 200) ** 0.35), 0.8), -3)
                budget = budget if rng.random() > 0.2 else None
            else:
                budget = rng.choice((None, 0.0, 500.0, 1_000_000_000.0)) if kind == "spam" else None
            fit = kind in ("corporate", "freemail") and rng.random() < 0.85
            interest = rng.choice(words.INTEREST_AREAS) if fit else rng.choice(words.OFF_FIT_INTERESTS)
            if kind == "student":
                interest = "Student project"
            urgency = rng.choices((1, 0, -1), (30, 40, 30))[0]
            timeline = rng.choice(words.LEAD_TIMELINES[{1: "now", 0: "soon", -1: "later"}[urgency]])
            if kind == "spam":
                quality_kind, notes = "spam", rng.choice(words.LEAD_NOTES_SPAM)
            elif kind == "student":
                quality_kind, notes = "thin", rng.choice(words.LEAD_NOTES_STUDENT)
            elif rng.random() < (0.45 if fit else 0.15):
                reps = rng.randint(8, 120)
                quality_kind = "rich"
                notes = rng.choice(words.LEAD_NOTES_RICH).format(
                    reps=reps,
                    reps2=reps + rng.randint(5, 40),
                    regions=rng.randint(2, 5),
                    competitor=rng.choice(words.COMPETITORS),
                )
            else:
                quality_kind, notes = "thin", rng.choice(words.LEAD_NOTES_THIN)

            # Lead quality: budget carries most of the signal, the rest adds to it, noise keeps it honest.
            size_term = 0.3 * (math.log10(employees) - 2.3) if employees and employees < 100_000 else -0.2
            budget_term = 1.5 * (math.log10(budget) - 4.2) if budget and budget >= 1000 else -0.9
            quality = (
                -1.0
                + budget_term
                + size_term
                + 0.6 * urgency
                + (0.8 if fit else -1.8)
                + {"rich": 0.9, "thin": -0.3, "spam": -4.0}[quality_kind]
                - (1.2 if kind == "freemail" else 0.0)
                - (3.0 if kind == "student" else 0.0)
            )
            lead = LeadPlan(
                submitted_at=submitted,
                company_name=name,
                domain=domain,
                company_size=_size_band(employees) if employees and rng.random() > 0.05 else None,
                employee_count=employees if employees and rng.random() > 0.15 else None,
                budget=budget,
                interest_area=interest,
                timeline=timeline,
                urgency=urgency,
                notes=notes,
                notes_quality=quality_kind,
                contact_name=f"{first} {last}",
                contact_email=email,
                contact_title={"spam": None, "student": "Student"}.get(kind, rng.choice(CONTACT_TITLES)),
                quality=quality,
            )
            if submitted > self.as_of - timedelta(days=10):
                lead.status = "new"  # not worked yet: the scoring demo's inbox
            elif kind in ("corporate", "freemail") and rng.random() < _sigmoid(quality + rng.gauss(0, 0.8)):
                lead.status = "converted"
                if company is None:
                    company = self._company_plan(next_company_id, name, employees=employees or 50)
                    company.from_lead = True
                    company.created_at = submitted
                    next_company_id += 1
                lead.company = company
                lead.owner_id = company.owner_id
                lead.deal = self._lead_deal(lead, company)
            elif kind in ("spam", "student") or not fit or quality < -2.5:
                lead.status = "disqualified"
            else:
                lead.status = "assigned"
                lead.owner_id = self._owner_for_region(rng.choice(REGIONS))
            leads.append(lead)
        leads.sort(key=lambda lead: lead.submitted_at)
        self._tick("leads", len(leads), len(leads))
        return leads

    def _lead_deal(self, lead: LeadPlan, company: CompanyPlan) -> DealPlan:
        """The deal a converted lead became; its fit latents come from what the lead said."""
        rng = self.rng
        created = lead.submitted_at + timedelta(days=rng.uniform(0.5, 9.5))
        d = self._latent_deal(company, created, "inbound")
        d.urgency = lead.urgency
        if lead.budget:
            d.budget_fit = min(
                1.0,
                max(0.0, _sigmoid(1.5 * (math.log10(lead.budget) - math.log10(d.amount) + 0.3)) + rng.gauss(0, 0.1)),
            )
        cycle = self._cycle_days(d)
        if created + timedelta(days=cycle) < self.as_of - timedelta(days=1):
            won = rng.random() < _sigmoid(self._win_logit(d, 0.25 * lead.quality) + rng.gauss(0, 0.5))
            self._make_closed(
                d, won, closed_at=created + timedelta(days=cycle * (1.0 if won else rng.uniform(0.35, 0.95)))
            )
        else:
            age = (self.as_of - created).total_seconds() / DAY
            self._make_open(
                d, "new" if age < 3 else rng.choices(("active", "silent"), (55, 45))[0] if age > 8 else "active"
            )
        return d

    def _fill_lead_contacts(self, leads: list[LeadPlan]) -> None:
        """Converted leads came from a real person at the company: use one of its contacts."""
        for lead in leads:
            if lead.company is None:
                continue
            contact = self.contacts[self.rng.choice(lead.company.contact_ids)]
            lead.contact_name = f"{contact['first_name']} {contact['last_name']}"
            lead.contact_title = contact["title"]
            if contact["email"] and lead.domain == lead.company.domain:
                lead.contact_email = contact["email"]

    def _write_leads(self, leads: list[LeadPlan]) -> None:
        rows = []
        seen: set[str] = set()
        for i, lead in enumerate(leads, start=1):
            key = hashlib.sha256(f"{lead.contact_email.lower()}|{lead.company_name.lower()}".encode()).hexdigest()[:32]
            if key in seen:  # the same person asking twice is one lead
                continue
            seen.add(key)
            rows.append(
                {
                    "id": i,
                    "hubspot_id": None,
                    "dedupe_key": key,
                    "submitted_at": lead.submitted_at,
                    "company_name": lead.company_name,
                    "domain": lead.domain,
                    "company_size": lead.company_size,
                    "employee_count": lead.employee_count,
                    "budget": lead.budget,
                    "budget_given": None,  # the generator states budgets as numbers in USD
                    "budget_currency": "USD" if lead.budget is not None else None,
                    "budget_low": lead.budget,
                    "budget_high": lead.budget,
                    "budget_note": None,
                    "interest_area": lead.interest_area,
                    "timeline": lead.timeline,
                    "notes": lead.notes,
                    "contact_name": lead.contact_name,
                    "contact_email": lead.contact_email,
                    "contact_title": lead.contact_title,
                    "source": "web_form",
                    "company_id": lead.company.id if lead.company else None,
                    "deal_id": lead.deal.id if lead.deal else None,
                    "owner_id": lead.owner_id,
                    "score": None,
                    "tier": None,
                    "score_reasons": None,
                    "disqualifiers": None,
                    "scored_at": None,
                    "status": lead.status,
                }
            )
        self._write(InboundLead, rows, "leads")

    def _write_meta(self) -> None:
        facts = {"generator": GENERATOR, "seed": str(self.seed), "size": self.size, "as_of": self.as_of.isoformat()}
        rows = [{"key": k, "value": v, "updated_at": self.as_of} for k, v in facts.items()]
        self._write(WorkspaceMeta, rows, "meta")

    # -- the memorable accounts --

    def _memorable_companies(self) -> list[CompanyPlan]:
        plans = []
        for cid, spec in enumerate(MEMORABLE, start=1):
            self.used_names.add(spec["name"])
            self.used_domains.add(spec["domain"])
            owner = self.owner_by_name[spec["owner"]]
            plans.append(
                CompanyPlan(
                    id=cid,
                    name=spec["name"],
                    domain=spec["domain"],
                    industry=spec["industry"],
                    employees=spec["employees"],
                    revenue=spec["employees"] * 210_000.0,
                    region=spec["region"],
                    owner_id=owner["id"],
                    created_at=self.start - timedelta(days=200),
                    memorable=True,
                    scripted_contacts=list(spec.get("contacts", ())),
                )
            )
        return plans

    def _memorable_deals(self, companies: list[CompanyPlan]) -> list[DealPlan]:
        """The tour's deals: fixed shapes, dated relative to `as_of`, drawn from their own seeded stream."""
        main_rng = self.rng
        self.rng = random.Random(f"{self.seed}-memorable")
        try:
            by_name = {c.name: c for c in companies if c.memorable}
            return [self._memorable_deal(by_name[spec["name"]], spec["deal"]) for spec in MEMORABLE]
        finally:
            self.rng = main_rng

    def _memorable_deal(self, company: CompanyPlan, spec: dict[str, Any]) -> DealPlan:

        def ago(**delta: float) -> datetime:
            return self.as_of - timedelta(**delta)

        d = DealPlan(
            company=company,
            owner_id=company.owner_id,
            product=spec["product"],
            amount=spec["amount"],
            source=spec.get("source", "outbound"),
            created_at=self.as_of - timedelta(days=spec["age_days"]),
            outcome="open",
            stage_idx=0,
            n_contacts=len(spec["roles"]),
            reply_rate=spec["reply_rate"],
            discovery_depth=spec.get("discovery", 7),
            budget_fit=spec.get("budget_fit", 0.6),
            urgency=spec.get("urgency", 0),
            competitor=spec.get("competitor"),
            contact_roles=list(spec["roles"]),
            transcript=spec.get("transcript", False),
            transcript_objections=spec.get("objections"),
        )
        outcome = spec["outcome"]
        if outcome in ("won", "lost"):
            if spec.get("closed") == "last_quarter":
                q_start = date(self.as_of.year, 3 * ((self.as_of.month - 1) // 3) + 1, 1)
                closed = datetime(q_start.year, q_start.month, q_start.day, 18, tzinfo=UTC) - timedelta(days=20)
            else:
                closed = ago(days=spec["closed_days_ago"])
            d.created_at = closed - timedelta(days=spec["age_days"])
            self._make_closed(d, outcome == "won", closed_at=closed)
            d.closed_at = closed
            d.cutoff = closed
            d.stage_idx = spec.get("lost_at", d.stage_idx) if outcome == "lost" else len(OPEN_STAGES) - 1
            d.close_reason = spec.get("close_reason", d.close_reason)
            d.pushes = spec.get("pushes", 0)
        else:
            state = spec["state"]
            self._make_open(d, state)
            d.stage_idx = OPEN_STAGES.index(spec["stage"])
            if state != "new":
                d.cutoff = ago(days=spec["last_buyer_days_ago"], hours=2)
                d.force_buyer_kind = spec.get("last_buyer_kind", "email")
            d.chase_emails = spec.get("chase", 0)
            d.future_meeting_at = None
            if "meeting_in_days" in spec:
                d.future_meeting_at = self._local_meeting(company.owner_id, spec["meeting_in_days"], 10)
            d.pushes = spec.get("pushes", 0)
            d.final_expected = (self.as_of + timedelta(days=spec["close_in_days"])).date()
            d.next_step = spec.get("next_step", d.next_step)
        if d.transcript:
            d.transcript_at = self._work_time(
                ago(days=spec["transcript_days_ago"]), latest=d.cutoff or self.as_of, earliest=d.created_at
            )
        return d

    def _local_meeting(self, owner_id: int, days_ahead: int, hour: int) -> datetime:
        """A meeting at `hour` o'clock in the owner's timezone, `days_ahead` calendar days from `as_of` there."""
        zone = ZoneInfo(self.owners[owner_id - 1]["timezone"])
        local_day = self.as_of.astimezone(zone).date() + timedelta(days=days_ahead)
        return datetime(local_day.year, local_day.month, local_day.day, hour, tzinfo=zone).astimezone(UTC)


# The tour's accounts. Their deals are scripted; everything else about them (activity, text) is generated.
MEMORABLE: tuple[dict[str, Any], ...] = (
    {
        "name": "Acme Corp",
        "domain": "acme.com",
        "industry": "Software",
        "employees": 1200,
        "region": "NA-East",
        "owner": "Dana Whitfield",
        "contacts": (
            ("Priya", "Raman", "VP Revenue Operations", "vp"),
            ("Marcus", "Bell", "CFO", "c_level"),
            ("Tom", "Alvarez", "Director of Data Engineering", "director"),
            ("Jenna", "Park", "Sales Operations Manager", "manager"),
        ),
        "deal": {
            "outcome": "open",
            "state": "active",
            "stage": "contractsent",
            "product": "Insight Enterprise",
            "amount": 120_000.0,
            "age_days": 78,
            "roles": ("champion", "economic_buyer", "technical_evaluator", "user"),
            "reply_rate": 0.8,
            "discovery": 10,
            "budget_fit": 0.7,
            "urgency": 1,
            "competitor": "DataPilot",
            "last_buyer_days_ago": 1,
            "meeting_in_days": 1,
            "close_in_days": 14,
            "transcript": True,
            "transcript_days_ago": 3,
            "objections": ["pricing", "competitor"],
            "next_step": "CFO review of the order form at tomorrow's meeting; send revised pricing",
        },
    },
    {
        "name": "Globex",
        "domain": "globex.com",
        "industry": "Manufacturing",
        "employees": 3400,
        "region": "NA-West",
        "owner": "Kenji Watanabe",
        "deal": {
            "outcome": "open",
            "state": "silent",
            "stage": "presentationscheduled",
            "product": "Insight Growth",
            "amount": 48_000.0,
            "age_days": 55,
            "roles": ("champion", "user"),
            "reply_rate": 0.4,
            "last_buyer_days_ago": 9,
            "chase": 2,
            "close_in_days": 20,
            "next_step": "Get the demo follow-up back on the calendar",
        },
    },
    {
        "name": "Initech",
        "domain": "initech.com",
        "industry": "Software",
        "employees": 2600,
        "region": "NA-Central",
        "owner": "Emily Nakamura",
        "deal": {
            "outcome": "open",
            "state": "active",
            "stage": "decisionmakerboughtin",
            "product": "Insight Enterprise",
            "amount": 250_000.0,
            "age_days": 120,
            "roles": ("champion",),
            "reply_rate": 0.5,
            "last_buyer_days_ago": 3,
            "pushes": 2,
            "close_in_days": 30,
            "next_step": "Get an introduction to the economic buyer",
        },
    },
    {
        "name": "Umbrella Corporation",
        "domain": "umbrellacorp.com",
        "industry": "Biotech",
        "employees": 8000,
        "region": "NA-East",
        "owner": "Jamal Carter",
        "deal": {
            "outcome": "won",
            "closed": "last_quarter",
            "product": "Insight Enterprise",
            "amount": 90_000.0,
            "age_days": 95,
            "roles": ("economic_buyer", "champion", "technical_evaluator", "user"),
            "reply_rate": 0.7,
            "close_reason": "Strong champion and clear ROI on forecasting",
        },
    },
    {
        "name": "Hooli",
        "domain": "hooli.com",
        "industry": "Software",
        "employees": 5200,
        "region": "NA-West",
        "owner": "Aisha Rahman",
        "deal": {
            "outcome": "lost",
            "closed_days_ago": 40,
            "lost_at": 3,
            "product": "Insight Enterprise",
            "amount": 140_000.0,
            "age_days": 70,
            "roles": ("economic_buyer", "champion"),
            "reply_rate": 0.45,
            "competitor": "Metricly",
            "close_reason": "Lost to competitor: Metricly",
            "transcript": True,
            "transcript_days_ago": 55,
            "objections": ["competitor", "pricing"],
        },
    },
    {
        "name": "Stark Industries",
        "domain": "starkindustries.com",
        "industry": "Manufacturing",
        "employees": 15000,
        "region": "NA-West",
        "owner": "Megan Foster",
        "deal": {
            "outcome": "open",
            "state": "active",
            "stage": "qualifiedtobuy",
            "product": "Insight Enterprise",
            "amount": 96_000.0,
            "age_days": 21,
            "roles": ("economic_buyer", "champion", "technical_evaluator"),
            "reply_rate": 0.7,
            "last_buyer_days_ago": 2,
            "meeting_in_days": 3,
            "close_in_days": 60,
        },
    },
    {
        "name": "Wayne Enterprises",
        "domain": "wayneenterprises.com",
        "industry": "Financial Services",
        "employees": 9000,
        "region": "NA-East",
        "owner": "Grace Okafor",
        "deal": {
            "outcome": "open",
            "state": "new",
            "stage": "appointmentscheduled",
            "product": "Insight Growth",
            "amount": 60_000.0,
            "age_days": 2,
            "roles": ("champion",),
            "reply_rate": 0.5,
            "close_in_days": 75,
            "next_step": "Book the discovery call",
        },
    },
    {
        "name": "Soylent",
        "domain": "soylent.com",
        "industry": "Consumer Goods",
        "employees": 700,
        "region": "NA-West",
        "owner": "Tyler Nguyen",
        "deal": {
            "outcome": "open",
            "state": "silent",
            "stage": "presentationscheduled",
            "product": "Insight Growth",
            "amount": 42_000.0,
            "age_days": 90,
            "roles": ("champion", "user"),
            "reply_rate": 0.3,
            "last_buyer_days_ago": 21,
            "chase": 1,
            "pushes": 1,
            "close_in_days": -6,
        },
    },
    {
        "name": "Cyberdyne Systems",
        "domain": "cyberdyne.com",
        "industry": "Manufacturing",
        "employees": 4100,
        "region": "NA-Central",
        "owner": "Luis Ortega",
        "deal": {
            "outcome": "won",
            "closed_days_ago": 240,
            "product": "Insight Enterprise",
            "amount": 180_000.0,
            "age_days": 110,
            "roles": ("economic_buyer", "champion", "technical_evaluator", "user"),
            "reply_rate": 0.75,
            "close_reason": "Executive sponsor pushed it through",
        },
    },
    {
        "name": "Vandelay Industries",
        "domain": "vandelay.com",
        "industry": "Logistics",
        "employees": 450,
        "region": "NA-East",
        "owner": "Grace Okafor",
        "deal": {
            "outcome": "lost",
            "closed_days_ago": 150,
            "lost_at": 2,
            "product": "Insight Growth",
            "amount": 36_000.0,
            "age_days": 45,
            "roles": ("champion",),
            "reply_rate": 0.2,
            "budget_fit": 0.2,
            "close_reason": "No budget",
            "pushes": 2,
        },
    },
)


# --- public API ---------------------------------------------------------------------------------------------------


def _crm_rows(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            table_of(t).name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (Owner, Company, Deal, Engagement, InboundLead)
        }


def generate_workspace(
    engine: Engine,
    *,
    size: Size = "default",
    seed: int = 7,
    as_of: datetime | None = None,
    progress: Progress | None = None,
) -> WorkspaceStats:
    """Fill an empty store with a demo sales team's CRM history.

    Args:
        engine: The store, at the newest schema.
        size: `small` (~150 deals, for tests), `default` (~1,500 deals) or `large` (100k deals, ~1M engagements).
        seed: Same seed and same `as_of` give identical rows.
        as_of: The workspace's "now"; all dates are relative to it. Defaults to the current instant (UTC).
        progress: Called as `progress(stage, done, total)` after each batch.

    Returns:
        Row counts per table and the build time.

    Raises:
        ValueError: Unknown size, a naive `as_of`, or a store that already holds CRM rows (nothing is written).
    """
    if size not in SIZES:
        raise ValueError(f"unknown workspace size {size!r}: use one of {', '.join(SIZES)}")
    if as_of is None:
        as_of = datetime.now(UTC)
    elif as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    as_of = as_of.astimezone(UTC)
    existing = {k: v for k, v in _crm_rows(engine).items() if v}
    if existing:
        raise ValueError(f"the store already holds CRM data ({existing}); the demo workspace needs an empty store")
    started = time.perf_counter()
    builder = _Builder(SIZES[size], size, seed, as_of, progress)
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            # A bigger page cache (128 MB, default 2 MB) keeps the indexes in memory while ~1M rows go in.
            conn.exec_driver_sql("PRAGMA cache_size=-131072")
        try:
            stats = builder.build(conn)
        finally:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA cache_size=-2000")
        reset_id_sequences(
            conn,
            (Owner, Company, Contact, Deal, DealStageChange, CloseDateChange, Engagement, Call, InboundLead),
        )
    refresh_statistics(engine)  # a store that is new to the planner gets bad plans on the large size
    stats.seconds = time.perf_counter() - started
    return stats


def ensure_workspace(
    engine: Engine,
    *,
    size: Size = "default",
    seed: int = 7,
    as_of: datetime | None = None,
    progress: Progress | None = None,
) -> bool:
    """Generate the demo workspace unless the store already has deals; return whether it generated.

    A store with CRM rows but no deals (say, a HubSpot sync that has only fetched owners) is left alone: the
    `ValueError` from `generate_workspace` says so instead of mixing demo data into it.
    """
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(Deal)).scalar_one():
            return False
    generate_workspace(engine, size=size, seed=seed, as_of=as_of, progress=progress)
    return True


__all__ = ["MEMORABLE", "SIZES", "WorkspaceStats", "ensure_workspace", "generate_workspace"]
