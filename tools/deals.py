"""Deals: find them, spot the silent ones, tell the latest on an account, sum up the pipeline.

Every function reads the local store and returns plain pydantic data; nothing here knows about Slack or the LLM.
Time always comes in as `now` (aware), so answers are reproducible and testable at any instant.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field
from rapidfuzz import fuzz, utils
from sqlalchemy import func, literal, or_
from sqlalchemy import select as sa_select  # rows (not scalars) even for one entity, as `_interactions` reads
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from store.meta import store_inputs
from store.models import (
    STAGE_LABELS,
    Company,
    Contact,
    Deal,
    DealStageChange,
    DealWinScore,
    Engagement,
    Owner,
    pk_col,
    stored_id,
)
from store.stages import stage_catalog
from tools.capabilities import Capability, Example, Subcommand, ToolContext, ToolUserError
from tools.matching import match_name
from tools.resolve import resolve_owners, resolve_stages
from tools.sensitive import engagement_reason

# --- results -------------------------------------------------------------------------------------------------------


class CompanyRef(BaseModel):
    """A company, as named in answers."""

    id: int
    name: str
    domain: str | None = None
    hubspot_id: str | None = None


class CompanyMatch(BaseModel):
    """How a typed company name resolved: `exact`/`fuzzy` → `company` is set; otherwise `candidates` to suggest."""

    query: str
    status: Literal["exact", "fuzzy", "ambiguous", "unknown"]
    company: CompanyRef | None = None
    candidates: list[CompanyRef] = []

    @property
    def resolved(self) -> bool:
        """True when the name points at one company."""
        return self.company is not None


class WinOdds(BaseModel):
    """An open deal's win probability from the last scoring run (`tools.intelligence`), with its reasons in words."""

    probability: float
    method: str
    """`model` (learned from the team's closed deals) or `rules` (stage priors: too little history)."""
    factors: list[str]
    assessed_at: datetime


class DealRow(BaseModel):
    """A deal with the names an answer needs."""

    id: int
    name: str
    company_id: int | None
    company_name: str | None
    owner_id: int | None
    owner_name: str | None
    stage: str
    stage_label: str
    amount: float | None
    close_date: date | None
    created_at: datetime | None
    is_closed: bool
    is_won: bool
    close_reason: str | None = None
    next_step: str | None = None
    hubspot_id: str | None = None
    win: WinOdds | None = None
    """Its win probability, when the deal is open and has been scored (see `with_win_odds`)."""


class SilentDeal(BaseModel):
    """An open deal whose buyer has not engaged for `days_silent` days."""

    deal: DealRow
    days_silent: int
    silent_since: datetime
    """The buyer's last engagement, or the deal's creation when the buyer never engaged."""
    last_buyer_touch_at: datetime | None
    last_outbound_at: datetime | None
    last_outbound_type: str | None


class SilentDealsSummary(BaseModel):
    """The answer to "which deals are silent N+ days?": how many, how much, and the longest-silent first."""

    days: int
    total: int
    total_amount: float
    deals: list[SilentDeal]


class Interaction(BaseModel):
    """An activity on an account."""

    id: int
    type: str
    direction: str | None
    status: str | None
    occurred_at: datetime
    due_at: datetime | None = None
    subject: str | None
    excerpt: str | None
    contact_name: str | None
    deal_id: int | None


class CompanyProfile(CompanyRef):
    """A company with its firmographics."""

    industry: str | None = None
    employees: int | None = None
    annual_revenue: float | None = None
    region: str | None = None


class LatestOn(BaseModel):
    """Everything new on one account."""

    company: CompanyProfile
    deals: list[DealRow]
    last_interactions: list[Interaction]
    next_meeting: Interaction | None
    open_tasks: list[Interaction]
    now: datetime
    deals_total: int = 0
    """How many deals the company has in all (`deals` holds the first ones: open first, then the latest closed)."""


class PipelineRow(BaseModel):
    """Open pipeline for one stage or one owner."""

    key: str
    label: str
    deals: int
    amount: float


# --- companies -----------------------------------------------------------------------------------------------------

_LEGAL_SUFFIXES = re.compile(
    r"\b(inc|incorporated|corp|corporation|co|company|llc|ltd|limited|plc|gmbh|sa|ag|group|holdings)\b\.?"
)
# A unique fuzzy hit must score at least this, and beat the runner-up by the margin, to count as "the" company.


def normalize_company_name(name: str) -> str:
    """Lower-case, drop punctuation and legal suffixes: "Acme Corp." → "acme"."""
    text = utils.default_process(name)
    text = _LEGAL_SUFFIXES.sub(" ", text)
    return " ".join(text.split()) or utils.default_process(name)


def _company_ref(row: Company) -> CompanyRef:
    return CompanyRef(id=stored_id(row.id), name=row.name, domain=row.domain, hubspot_id=row.hubspot_id)


# (copilot branch) The company index behind resolve_company, cached per store: building 20k CompanyRefs and
# normalising 20k names on every question cost ~1 s on the large workspace. The key changes when a company is added,
# removed or updated (count, max id, max updated_at); the TTL bounds staleness for edits that keep all three.
_INDEX_TTL_S = 60.0
_INDEX: dict[
    tuple, tuple[float, dict[int, CompanyRef], dict[int, str], dict[str, list[int]], dict[str, list[int]]]
] = {}


def _company_index(
    session: Session,
) -> tuple[dict[int, CompanyRef], dict[int, str], dict[str, list[int]], dict[str, list[int]]]:
    """(refs by id, normalised names by id, ids by domain key, ids by first word) of every company, cached per store.

    The first-word index lets a name typed with its later words shortened ("lakegrid med") be checked against every
    company that starts with that word, not only the few the fuzzy scorer ranked highest.
    """
    import time

    state = session.exec(
        select(func.count(col(Company.id)), func.max(col(Company.id)), func.max(col(Company.updated_at)))
    ).one()
    key = (str(session.get_bind().engine.url), *state)
    cached = _INDEX.get(key)
    if cached is not None and time.monotonic() - cached[0] < _INDEX_TTL_S:
        return cached[1], cached[2], cached[3], cached[4]
    rows = session.exec(
        select(pk_col(Company.id), col(Company.name), col(Company.domain), col(Company.hubspot_id))
    ).all()
    by_id = {id_: CompanyRef(id=id_, name=name, domain=domain, hubspot_id=hs) for id_, name, domain, hs in rows}
    names = {id_: normalize_company_name(name) for id_, name, _, _ in rows}
    domains: dict[str, list[int]] = {}
    for id_, _, domain, _ in rows:
        if domain:
            for k in {domain.lower(), domain.lower().split(".")[0]}:
                domains.setdefault(k, []).append(id_)
    firsts: dict[str, list[int]] = {}
    for id_, name, _, _ in rows:
        words = utils.default_process(name).split()
        if words:
            firsts.setdefault(words[0], []).append(id_)
    _INDEX.clear()
    _RESOLVED.clear()  # what names resolved to holds for this store state only
    _INDEX[key] = (time.monotonic(), by_id, names, domains, firsts)
    return by_id, names, domains, firsts


def _stem_siblings(
    query: str, wanted: str, key: int | None, by_id: dict[int, CompanyRef], choices: dict[int, str]
) -> list[int]:
    """Other companies named by the stem a match got by dropping its legal suffix ("greenfield", "greenfeild").

    "Greenfield Group" normalises to "greenfield", so "greenfield" matched it exactly, although "Greenfield Brands"
    is as much "greenfield": with the suffix not typed, the name is the stem both share, and resolving asks which.
    The full name ("greenfield group"), more words than the stem ("greenfield grp") or a stem no other company has
    ("acme": Acme Corp only) still resolve.
    """
    if key is None or "." in query:
        return []
    stem = choices[key]
    if len(wanted.split()) != len(stem.split()):
        return []  # words beyond the stem typed ("greenfield grp"): they pick the company
    suffix = set(utils.default_process(by_id[key].name).split()) - set(stem.split())
    if not suffix or suffix <= set(utils.default_process(query).split()):
        return []  # the company's whole name is its stem, or its suffix typed ("greenfeild group")
    return [i for i, n in choices.items() if i != key and n.startswith(stem + " ")]


def _abbreviates(typed: str, word: str) -> bool:
    """Whether a typed word is `word` cut short or abbreviated: "med" (medical), "mfg" (manufacturing), "grp"."""
    if word.startswith(typed):
        return True
    if len(typed) < 2 or typed[0] != word[0]:
        return False
    rest = iter(word[1:])
    return all(ch in rest for ch in typed[1:])  # the letters in order: an abbreviation


def _abbreviated(query: str, by_id: dict[int, CompanyRef], firsts: dict[str, list[int]]) -> int | None:
    """The one company whose name the query spells with its later words shortened ("lakegrid med", "skyshore mfg").

    The first word must be the name's first word as typed; each further word a prefix or an abbreviation of the
    name's next word. Only a single such company resolves; two ("lakegrid m": Medical, Mobility) stay unresolved.
    Every company starting with the typed first word is checked (`firsts`), not the fuzzy scorer's top few: a short
    word scores low against a long one, so the company meant can rank below five others that share the first word.
    """
    typed = utils.default_process(query).split()
    if len(typed) < 2 or any(len(w) < 2 for w in typed):
        return None
    found = []
    for key in firsts.get(typed[0], []):
        words = utils.default_process(by_id[key].name).split()
        if len(words) < len(typed) or words[0] != typed[0]:
            continue
        if all(_abbreviates(t, w) for t, w in zip(typed[1:], words[1:], strict=False)):
            found.append(key)
    return found[0] if len(found) == 1 else None


def _whole_name_first(query: str, exact: list[int], by_id: dict[int, CompanyRef]) -> list[int]:
    """Of companies equal to `query` once legal suffixes are dropped, the one whose whole name is `query`, if one is.

    "Greenfield" and "Greenfield Group" both normalise to "greenfield": typed "Greenfield", the company of exactly
    that name is meant, not a choice between the two (and typed "Greenfield Group", that one).
    """
    if len(exact) < 2:
        return exact
    typed = utils.default_process(query)
    whole = [i for i in exact if utils.default_process(by_id[i].name) == typed]
    return whole if len(whole) == 1 else exact


_RESOLVED: dict[str, CompanyMatch] = {}
"""What each typed name resolved to in the store state `_INDEX` holds (cleared when it is rebuilt): one question
resolves many spans of its words, and the same spans again at each step of understanding it."""
_RESOLVED_MAX = 4096


def resolve_company(session: Session, query: str) -> CompanyMatch:
    """Find the company a person means by `query`: a name, a misspelt name, a prefix or a domain.

    Exact (normalised name or domain) wins; otherwise rapidfuzz's WRatio must single out one company clearly, or the
    answer is "ambiguous"/"unknown" with candidates, never a confident guess. Answers are kept per store state: the
    fuzzy scan of every company name is the cost, and a question asks the same names several times.
    """
    by_id, choices, domains, firsts = _company_index(session)  # rebuilt (and `_RESOLVED` cleared) on any change
    cached = _RESOLVED.get(query)
    if cached is not None:
        return cached
    if len(_RESOLVED) >= _RESOLVED_MAX:
        _RESOLVED.clear()
    match = _resolve(query, by_id, choices, domains, firsts)
    _RESOLVED[query] = match
    return match


def _resolve(
    query: str,
    by_id: dict[int, CompanyRef],
    choices: dict[int, str],
    domains: dict[str, list[int]],
    firsts: dict[str, list[int]],
) -> CompanyMatch:
    """`resolve_company` over the company index (uncached)."""
    wanted = normalize_company_name(query)
    if not wanted:
        return CompanyMatch(query=query, status="unknown")
    domain_query = query.strip().lower().removeprefix("www.")
    exact = _whole_name_first(query, [i for i, n in choices.items() if n == wanted], by_id)
    exact += domains.get(domain_query, [])
    found = match_name(wanted, choices, exact=exact)
    shared = _stem_siblings(query, wanted, found.key, by_id, choices) if found.status in ("exact", "fuzzy") else []
    if shared and found.key is not None:
        return CompanyMatch(query=query, status="ambiguous", candidates=[by_id[k] for k in [found.key, *shared][:5]])
    if found.status in ("ambiguous", "unknown"):
        short = _abbreviated(query, by_id, firsts)
        if short is not None:
            return CompanyMatch(query=query, status="fuzzy", company=by_id[short])
    return CompanyMatch(
        query=query,
        status=found.status,
        company=by_id[found.key] if found.key is not None else None,
        candidates=[by_id[key] for key in found.candidates],
    )


# --- deals ---------------------------------------------------------------------------------------------------------


def _deal_columns() -> list:
    return [
        Deal.id,
        Deal.name,
        Deal.company_id,
        col(Company.name).label("company_name"),
        Deal.owner_id,
        col(Owner.name).label("owner_name"),
        Deal.stage,
        Deal.amount,
        Deal.close_date,
        Deal.created_at,
        Deal.is_closed,
        Deal.is_won,
        Deal.close_reason,
        Deal.next_step,
        Deal.hubspot_id,
    ]


def deal_row(r) -> DealRow:  # type: ignore[no-untyped-def]
    """A row of `deals_with_names()` as a `DealRow` (no validation: the store already typed it)."""
    return DealRow.model_construct(
        id=r.id,
        name=r.name,
        company_id=r.company_id,
        company_name=r.company_name,
        owner_id=r.owner_id,
        owner_name=r.owner_name,
        stage=r.stage,
        stage_label=STAGE_LABELS.get(r.stage, r.stage),
        amount=r.amount,
        close_date=r.close_date,
        created_at=r.created_at,
        is_closed=r.is_closed,
        is_won=r.is_won,
        close_reason=r.close_reason,
        next_step=r.next_step,
        hubspot_id=r.hubspot_id,
    )


def _with_names(stmt):  # type: ignore[no-untyped-def]
    return stmt.outerjoin(Company, col(Company.id) == Deal.company_id).outerjoin(Owner, col(Owner.id) == Deal.owner_id)


def deals_with_names(*extra_columns):  # type: ignore[no-untyped-def]
    """A select of deals with their company and owner names (the columns `DealRow` needs), plus any extra columns."""
    return _with_names(select(*_deal_columns(), *extra_columns))


def deal_rows(session: Session, ids: list[int]) -> dict[int, DealRow]:
    """The given deals as `DealRow`s, by id, in one query."""
    if not ids:
        return {}
    return {r.id: deal_row(r) for r in session.exec(deals_with_names().where(col(Deal.id).in_(ids))).all()}


@dataclass(frozen=True)
class DealFilter:
    """The one set of deal filters, shared by listing and counting so both always mean the same deals."""

    owner_ids: list[int] | None = None
    stages: list[str] | None = None
    open_only: bool = True
    closing_from: date | None = None
    closing_to: date | None = None
    min_amount: float | None = None
    max_amount: float | None = None
    company_id: int | None = None
    in_stage_since: datetime | None = None
    """Only deals that entered their current stage at or before this instant ("in contract sent for 30+ days")."""

    def apply(self, stmt: Any) -> Any:
        """Add every set filter to a SELECT over deals."""
        conditions = [
            col(Deal.is_closed).is_(False) if self.open_only else None,
            col(Deal.owner_id).in_(self.owner_ids) if self.owner_ids is not None else None,
            col(Deal.stage).in_(self.stages) if self.stages else None,
            col(Deal.close_date) >= self.closing_from if self.closing_from else None,
            col(Deal.close_date) <= self.closing_to if self.closing_to else None,
            col(Deal.amount) >= self.min_amount if self.min_amount is not None else None,
            col(Deal.amount) <= self.max_amount if self.max_amount is not None else None,
            col(Deal.company_id) == self.company_id if self.company_id is not None else None,
            _entered_stage_at() <= self.in_stage_since if self.in_stage_since is not None else None,
        ]
        return stmt.where(*(c for c in conditions if c is not None))

    def described(self) -> dict[str, Any]:
        """The filters that are set, as JSON-able values (what the answer says it applied)."""
        return {
            k: (v.isoformat() if isinstance(v, date) else v)
            for k, v in dataclasses.asdict(self).items()
            if v not in (None, [])
        }


def _entered_stage_at() -> Any:
    """SQL: when the deal entered its current stage (its last move into it; its creation when never moved)."""
    moved = (
        select(func.max(DealStageChange.changed_at))
        .where(DealStageChange.deal_id == Deal.id, DealStageChange.to_stage == Deal.stage)
        .correlate(Deal)
        .scalar_subquery()
    )
    return func.coalesce(moved, Deal.created_at)


def with_win_odds(session: Session, rows: list[DealRow]) -> list[DealRow]:
    """The rows with the stored win probability of each scored open deal attached (one query)."""
    ids = [r.id for r in rows if not r.is_closed]
    if not ids:
        return rows
    scores = {s.deal_id: s for s in session.scalars(select(DealWinScore).where(col(DealWinScore.deal_id).in_(ids)))}
    out = []
    for r in rows:
        s = scores.get(r.id)
        if s is not None and not r.is_closed:
            odds = WinOdds(
                probability=s.probability,
                method=s.method,
                factors=[f["text"] for f in s.factors or []],
                assessed_at=s.assessed_at,
            )
            r = r.model_copy(update={"win": odds})
        out.append(r)
    return out


def find_deals(session: Session, *, limit: int = 50, **filters: Any) -> list[DealRow]:
    """Deals matching every given filter (the fields of `DealFilter`), the biggest first."""
    stmt = DealFilter(**filters).apply(_with_names(select(*_deal_columns())))
    stmt = stmt.order_by(col(Deal.amount).desc().nulls_last(), col(Deal.id)).limit(limit)
    return [deal_row(r) for r in session.exec(stmt).all()]


def count_deals(session: Session, deal_filter: DealFilter) -> tuple[int, float]:
    """Count and sum the deals `find_deals` would return with the same filter (without building every row)."""
    stmt = deal_filter.apply(select(func.count(col(Deal.id)), func.coalesce(func.sum(col(Deal.amount)), 0.0)))
    count, amount = session.exec(stmt).one()
    return int(count), float(amount)


def _silent_filter(cutoff: datetime, now: datetime):  # type: ignore[no-untyped-def]
    """SQL condition: the deal's buyer has not engaged in (cutoff, now], counting from creation if never."""

    def buyer_touch(*conditions):  # type: ignore[no-untyped-def]
        return (
            select(col(Engagement.id))
            .where(col(Engagement.deal_id) == Deal.id, col(Engagement.buyer_engaged).is_(True), *conditions)
            .correlate(Deal)
            .exists()
        )

    # One index probe per open deal; the second probe only runs for deals created after the cutoff.
    return ~buyer_touch(col(Engagement.occurred_at) > cutoff, col(Engagement.occurred_at) <= now) & or_(
        col(Deal.created_at) <= cutoff, buyer_touch(col(Engagement.occurred_at) <= cutoff)
    )


def _last_buyer_touch(now: datetime):  # type: ignore[no-untyped-def]
    return (
        select(func.max(col(Engagement.occurred_at)))
        .where(
            col(Engagement.deal_id) == Deal.id,
            col(Engagement.buyer_engaged).is_(True),
            col(Engagement.occurred_at) <= now,
        )
        .correlate(Deal)
        .scalar_subquery()
    )


def _ranked_silent(cutoff: datetime, now: datetime, owner_ids: list[int] | None, *columns):  # type: ignore[no-untyped-def]
    since = func.coalesce(_last_buyer_touch(now), Deal.created_at)
    stmt = sa_select(col(Deal.id), *columns).where(col(Deal.is_closed).is_(False), _silent_filter(cutoff, now))
    if owner_ids is not None:
        stmt = stmt.where(col(Deal.owner_id).in_(owner_ids))
    return stmt.order_by(since, col(Deal.amount).desc().nulls_last(), col(Deal.id))


def silent_deals(
    session: Session, *, days: int = 5, now: datetime, owner_ids: list[int] | None = None, limit: int | None = None
) -> list[SilentDeal]:
    """Open deals where the buyer has not engaged for at least `days` days, the longest silence first.

    The buyer engages by an inbound email, a held meeting or a connected call (`Engagement.buyer_engaged`). A deal
    the buyer never engaged with counts from its creation, so a deal opened yesterday is not "silent". Exactly
    `days` days counts as silent ("5+ days" includes 5). Our last outbound touch is reported alongside, because
    "silent after three chasers" and "silent because nobody followed up" call for different actions.
    For an answer, prefer `summarize_silent_deals`: on 100k deals, building every silent deal costs far more than
    finding them.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    ranked = _ranked_silent(now - timedelta(days=days), now, owner_ids)
    if limit:
        ranked = ranked.limit(limit)
    return _silent_details(session, [row[0] for row in session.exec(ranked).all()], now)


def summarize_silent_deals(
    session: Session, *, days: int = 5, now: datetime, owner_ids: list[int] | None = None, top: int = 25
) -> SilentDealsSummary:
    """How many deals are silent `days`+ days and their total amount, with the `top` longest-silent in detail.

    One pass: the totals are window aggregates over the same ranked rows, so they always agree with the list.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    ranked = _ranked_silent(
        now - timedelta(days=days),
        now,
        owner_ids,
        func.count().over().label("total"),
        func.coalesce(func.sum(col(Deal.amount)).over(), 0.0).label("total_amount"),
    ).limit(top)
    rows = session.exec(ranked).all()
    if not rows:
        return SilentDealsSummary(days=days, total=0, total_amount=0.0, deals=[])
    return SilentDealsSummary(
        days=days,
        total=int(rows[0].total),
        total_amount=float(rows[0].total_amount),
        deals=_silent_details(session, [r.id for r in rows], now),
    )


def count_silent_deals(session: Session, *, days: int = 5, now: datetime, owner_ids: list[int] | None = None) -> int:
    """How many open deals `silent_deals` would return, without building them."""
    return summarize_silent_deals(session, days=days, now=now, owner_ids=owner_ids, top=1).total


def _silent_details(session: Session, ids: list[int], now: datetime) -> list[SilentDeal]:
    """Build `SilentDeal`s for deal ids, in the given order."""
    if not ids:
        return []
    outbound = (
        col(Engagement.deal_id) == Deal.id,
        col(Engagement.direction) == "outbound",
        col(Engagement.occurred_at) <= now,
    )
    last_out = select(func.max(col(Engagement.occurred_at))).where(*outbound).correlate(Deal).scalar_subquery()
    last_out_type = (
        select(col(Engagement.type))
        .where(*outbound)
        .order_by(col(Engagement.occurred_at).desc(), col(Engagement.id).desc())
        .limit(1)
        .correlate(Deal)
        .scalar_subquery()
    )
    details: dict[int, SilentDeal] = {}
    for chunk in (ids[i : i + 900] for i in range(0, len(ids), 900)):  # stay under SQLite's bound-parameter limit
        stmt = _with_names(
            sa_select(
                *_deal_columns(),
                _last_buyer_touch(now).label("last_buyer"),
                last_out.label("last_out"),
                last_out_type.label("last_out_type"),
            )
        ).where(col(Deal.id).in_(chunk))
        for r in session.exec(stmt).all():
            silent_since = r.last_buyer or r.created_at
            details[r.id] = SilentDeal.model_construct(
                deal=deal_row(r),
                days_silent=(now - silent_since).days,
                silent_since=silent_since,
                last_buyer_touch_at=r.last_buyer,
                last_outbound_at=r.last_out,
                last_outbound_type=r.last_out_type,
            )
    return [details[i] for i in ids]


# --- accounts ------------------------------------------------------------------------------------------------------


def _interactions(session: Session, stmt) -> list[Interaction]:  # type: ignore[no-untyped-def]
    full_name = func.trim(
        func.coalesce(col(Contact.first_name), literal(""))
        + literal(" ")
        + func.coalesce(col(Contact.last_name), literal(""))
    )
    stmt = stmt.add_columns(full_name.label("contact_name")).outerjoin(
        Contact, col(Contact.id) == Engagement.contact_id
    )
    out = []
    for row in session.exec(stmt).all():
        e = row[0]
        body, subject = (e.body or "").strip(), e.subject
        if engagement_reason(e):
            # A sensitive note, email or meeting (tools.sensitive): listed, but neither its title nor its words
            # are quoted (briefs and "latest on" answers may be posted to a channel).
            body, subject = "", "Sensitive: not shown"
        out.append(
            Interaction(
                id=e.id,
                type=e.type,
                direction=e.direction,
                status=e.status,
                occurred_at=e.occurred_at,
                due_at=e.due_at,
                subject=subject,
                excerpt=(body[:237] + "...") if len(body) > 240 else (body or None),
                contact_name=row.contact_name or None,
                deal_id=e.deal_id,
            )
        )
    return out


def latest_on(session: Session, company: str, *, now: datetime, interactions: int = 5) -> LatestOn | CompanyMatch:
    """The latest on an account: its deals, last interactions, next meeting and open tasks.

    Returns the `CompanyMatch` instead when the name does not point at one company, so the caller can ask
    "did you mean ...?".
    """
    match = resolve_company(session, company)
    if match.company is None:
        return match
    row = session.get(Company, match.company.id)
    assert row is not None
    profile = CompanyProfile(
        **_company_ref(row).model_dump(),
        industry=row.industry,
        employees=row.employees,
        annual_revenue=row.annual_revenue,
        region=row.region,
    )
    deals_stmt = _with_names(select(*_deal_columns())).where(col(Deal.company_id) == row.id)
    deals_stmt = deals_stmt.order_by(
        col(Deal.is_closed), col(Deal.closed_at).desc().nulls_first(), col(Deal.id).desc()
    ).limit(10)
    deals = with_win_odds(session, [deal_row(r) for r in session.exec(deals_stmt).all()])
    deals_total = int(
        session.execute(select(func.count(col(Deal.id))).where(col(Deal.company_id) == row.id)).scalar_one()
    )

    base = sa_select(Engagement).where(col(Engagement.company_id) == row.id)
    past = _interactions(
        session,
        base.where(col(Engagement.type).in_(("call", "email", "meeting", "note")), col(Engagement.occurred_at) <= now)
        .order_by(col(Engagement.occurred_at).desc(), col(Engagement.id).desc())
        .limit(interactions),
    )
    upcoming = _interactions(
        session,
        base.where(
            col(Engagement.type) == "meeting", col(Engagement.status) == "scheduled", col(Engagement.occurred_at) > now
        )
        .order_by(col(Engagement.occurred_at))
        .limit(1),
    )
    tasks = _interactions(
        session,
        base.where(col(Engagement.type) == "task", col(Engagement.status) == "open")
        .order_by(col(Engagement.due_at).nulls_last(), col(Engagement.id))
        .limit(10),
    )
    return LatestOn(
        company=profile,
        deals=deals,
        last_interactions=past,
        next_meeting=upcoming[0] if upcoming else None,
        open_tasks=tasks,
        now=now,
        deals_total=deals_total,
    )


# --- pipeline ------------------------------------------------------------------------------------------------------


def pipeline_summary(
    session: Session, *, by: Literal["stage", "owner"] = "stage", owner_ids: list[int] | None = None
) -> list[PipelineRow]:
    """Open pipeline grouped by stage (in funnel order) or by owner (biggest first)."""
    # The grouping key is a stage (str) or an owner id (int | None), depending on `by`; each branch below reads its own.
    key: Mapped[Any] = col(Deal.stage) if by == "stage" else col(Deal.owner_id)
    stmt: Select[Any, int, float | None] = select(
        key.label("key"), func.count(col(Deal.id)), func.coalesce(func.sum(col(Deal.amount)), 0.0)
    ).where(col(Deal.is_closed).is_(False))
    if owner_ids is not None:
        stmt = stmt.where(col(Deal.owner_id).in_(owner_ids))
    rows = session.exec(stmt.group_by(key)).all()
    if by == "stage":
        catalog = {s.key: s for s in stage_catalog(session)}  # the CRM's own stages, in its funnel order
        rows = sorted(rows, key=lambda r: catalog[r[0]].order if r[0] in catalog else len(catalog))
        return [
            PipelineRow(
                key=r[0], label=catalog[r[0]].label if r[0] in catalog else r[0], deals=r[1], amount=float(r[2] or 0.0)
            )
            for r in rows
        ]
    names = dict(session.exec(select(col(Owner.id), col(Owner.name))).all())
    rows = sorted(rows, key=lambda r: -float(r[2] or 0.0))
    return [
        PipelineRow(key=str(r[0]), label=names.get(r[0], "Unassigned"), deals=r[1], amount=float(r[2] or 0.0))
        for r in rows
    ]


# --- capabilities ----------------------------------------------------------------------------------------------------

OwnersField = Field(
    default=None,
    description='Restrict to these owners: full or first names of AEs, a team name, or "me" for the person asking. '
    "Leave empty for the whole team.",
)


class SearchDealsArgs(BaseModel):
    """Arguments of search_deals."""

    owners: list[str] | None = OwnersField
    stages: list[str] | None = Field(
        default=None,
        description="Only deals in these stages (keys such as 'contractsent' or labels such as 'Contract sent'). "
        "Use for 'deals in negotiation/contract stage'.",
    )
    closing_from: date | None = Field(
        default=None, description="Earliest expected close date (ISO date). Use for 'closing this month/quarter'."
    )
    closing_to: date | None = Field(default=None, description="Latest expected close date (ISO date), inclusive.")
    min_amount: float | None = Field(default=None, description="Only deals worth at least this much (USD).")
    max_amount: float | None = Field(default=None, description="Only deals worth at most this much (USD).")
    company: str | None = Field(default=None, description="Only deals of this company (name as typed).")
    min_days_in_stage: int | None = Field(
        default=None,
        ge=1,
        le=3650,
        description="Only deals in their current stage for at least this many days ('stuck in contract sent for "
        "over 30 days' → 30).",
    )
    include_closed: bool = Field(default=False, description="True to include won and lost deals.")
    limit: int = Field(default=25, ge=1, le=200, description="Most deals to return, largest first ('top 5 deals' → 5).")


class SilentDealsArgs(BaseModel):
    """Arguments of list_silent_deals."""

    days: int = Field(
        default=5, ge=1, le=365, description="Minimum days since the buyer last engaged ('silent 5+ days' → 5)."
    )
    owners: list[str] | None = OwnersField


class CompanyArgs(BaseModel):
    """A company, as the asker typed it."""

    company: str = Field(description="Company name as typed (typos are fine: it is matched fuzzily).")


class PipelineArgs(BaseModel):
    """Arguments of summarize_pipeline."""

    by: Literal["stage", "owner"] = Field(default="stage", description="Group open pipeline by 'stage' or 'owner'.")
    owners: list[str] | None = OwnersField


class DealList(BaseModel):
    """Deals found, with the filters applied (resolved)."""

    filters: dict[str, Any]
    owners: list[str]
    deals: list[DealRow]
    total: int
    total_amount: float


class SilentList(BaseModel):
    """Silent deals."""

    days: int
    owners: list[str]
    deals: list[SilentDeal]
    total: int
    total_amount: float


class PipelineResult(BaseModel):
    """Pipeline buckets."""

    by: str
    owners: list[str]
    rows: list[PipelineRow]
    total_count: int
    total_amount: float


def resolve_company_strict(session: Session, query: str) -> CompanyMatch:
    """Resolve a typed company name, refusing a fuzzy match that leaves words of the query unexplained.

    "Acme Holdings Zeta" is not "Acme Corp" just because it starts with "Acme": such a match comes back unresolved,
    with the company as a candidate, so the answer is "did you mean Acme Corp?" rather than a confident wrong account.
    """
    match = resolve_company(session, query)
    if match.status != "fuzzy" or match.company is None:
        return match
    name_words = normalize_company_name(match.company.name).split()
    extra = [
        w
        for w in normalize_company_name(query).split()
        if len(w) >= 3 and not any(fuzz.ratio(w, n) >= 75 or n.startswith(w) for n in name_words)
    ]
    if extra:
        return CompanyMatch(query=query, status="unknown", candidates=[match.company, *match.candidates][:5])
    return match


def company_filter(session: Session, name: str | None) -> tuple[int | None, CompanyMatch | None]:
    """An optional company filter as typed: (its id, None), or (None, the "did you mean" match to answer with)."""
    if not name:
        return None, None
    match = resolve_company_strict(session, name)
    if match.company is None:
        return None, match
    return match.company.id, None


def company_name(session: Session, query: str) -> tuple[str | None, CompanyMatch]:
    """The exact name of the company meant by `query`, or (None, the unresolved match)."""
    match = resolve_company_strict(session, query)
    return (match.company.name if match.company else None), match


def deal_filter_for(
    session: Session, a: Any, *, now: datetime, owner_ids: list[int], company_id: int | None
) -> DealFilter:
    """The `DealFilter` a deals question asks for (`SearchDealsArgs` or `CountDealsArgs`), in the store's own stages.

    Naming a closed stage (won, lost) includes closed deals, whatever the CRM calls those stages.
    """
    catalog = stage_catalog(session)
    stages = resolve_stages(a.stages, {s.key: s.label for s in catalog})
    open_keys = {s.key for s in catalog if s.outcome == "open"}
    return DealFilter(
        owner_ids=owner_ids or None,
        stages=stages,
        open_only=not a.include_closed and not (stages and set(stages) - open_keys),
        closing_from=a.closing_from,
        closing_to=a.closing_to,
        min_amount=a.min_amount,
        max_amount=a.max_amount,
        company_id=company_id,
        in_stage_since=now - timedelta(days=a.min_days_in_stage) if a.min_days_in_stage else None,
    )


def _search_deals(ctx: ToolContext, session: Session, a: SearchDealsArgs) -> BaseModel:
    owner_ids, owner_names = resolve_owners(session, a.owners, ctx.asker_owner_id)
    company_id, unresolved = company_filter(session, a.company)
    if unresolved is not None:
        return unresolved
    deal_filter = deal_filter_for(session, a, now=ctx.now, owner_ids=owner_ids, company_id=company_id)
    total, total_amount = count_deals(session, deal_filter)
    return DealList(
        filters=deal_filter.described(),
        owners=owner_names,
        deals=find_deals(session, **dataclasses.asdict(deal_filter), limit=a.limit),
        total=total,
        total_amount=total_amount,
    )


def _silent(ctx: ToolContext, session: Session, a: SilentDealsArgs) -> BaseModel:
    owner_ids, owner_names = resolve_owners(session, a.owners, ctx.asker_owner_id)
    if not store_inputs(session).activity:
        # Silence is measured from buyer activity; with none recorded every deal would look "silent since created".
        raise ToolUserError(
            "This store has no activity data (calls, emails, meetings), so I can't tell which deals have gone "
            "silent. I can list deals by owner, stage or close date, or sum up the pipeline."
        )
    summary = summarize_silent_deals(session, days=a.days, now=ctx.now, owner_ids=owner_ids or None, top=25)
    return SilentList(
        days=a.days, owners=owner_names, deals=summary.deals, total=summary.total, total_amount=summary.total_amount
    )


def _latest(ctx: ToolContext, session: Session, a: CompanyArgs) -> BaseModel:
    name, match = company_name(session, a.company)
    return latest_on(session, name, now=ctx.now) if name else match


def _pipeline(ctx: ToolContext, session: Session, a: PipelineArgs) -> BaseModel:
    owner_ids, owner_names = resolve_owners(session, a.owners, ctx.asker_owner_id)
    rows = pipeline_summary(session, by=a.by, owner_ids=owner_ids or None)
    return PipelineResult(
        by=a.by,
        owners=owner_names,
        rows=rows,
        total_count=sum(r.deals for r in rows),
        total_amount=float(sum(r.amount for r in rows)),
    )


def _lookup_company(ctx: ToolContext, session: Session, a: CompanyArgs) -> BaseModel:
    return resolve_company_strict(session, a.company)


CAPABILITIES = (
    Capability(
        name="search_deals",
        summary="find deals by owner, stage, close date, amount or company",
        description="Find deals by owner, stage, expected close date range, amount range or company. Use for 'deals "
        "closing this quarter', 'Dana's deals over $50k', 'what's in contract sent'. Open deals unless include_closed.",
        args_schema=SearchDealsArgs,
        run=_search_deals,
        result_types=(DealList, CompanyMatch),
        examples=(
            Example("what's closing this quarter?", {"closing_from": "<quarter start>", "closing_to": "<quarter end>"}),
            Example("deals over $50k", {"min_amount": 50_000}),
            Example("what's in contract sent?", {"stages": ["contractsent"]}),
            Example("top 5 deals by amount", {"limit": 5}),
            Example(
                "deals stuck in contract sent for over 30 days",
                {"stages": ["contractsent"], "min_days_in_stage": 30},
            ),
            Example("deals between 50k and 100k", {"min_amount": 50_000, "max_amount": 100_000}),
        ),
        subcommand=Subcommand(
            "deals", "deals [filter]", "your open deals (e.g. `deals closing this month`)", defaults={"owners": ["me"]}
        ),
    ),
    Capability(
        name="list_silent_deals",
        summary="deals where the buyer went quiet",
        description="List open deals where the buyer has not engaged (no inbound email, held meeting or connected "
        "call) for at least N days, with our last outbound touch. Use for 'silent', 'gone quiet', 'no reply', "
        "'ghosting'.",
        args_schema=SilentDealsArgs,
        run=_silent,
        result_types=(SilentList,),
        examples=(
            Example("which deals are silent 5+ days?", {"days": 5}),
            Example("which of my deals went quiet this week?", {"days": 5, "owners": ["me"]}),
        ),
        subcommand=Subcommand(
            "silent", "silent [days]", "your deals where the buyer went quiet", arg="days", defaults={"owners": ["me"]}
        ),
    ),
    Capability(
        name="get_latest_on_company",
        summary="where an account stands",
        description="Where an account stands: its deals (stage, amount, owner, close date), last interactions, next "
        "meeting and open tasks. Use for 'what's the latest on X', 'status of X', 'update on X'.",
        args_schema=CompanyArgs,
        run=_latest,
        result_types=(LatestOn, CompanyMatch),
        examples=(
            Example("what's the latest on Acme Corp?", {"company": "Acme Corp"}),
            Example("status of Globex", {"company": "Globex"}),
        ),
        subcommand=Subcommand("latest", "latest <company>", "where an account stands", arg="company"),
    ),
    Capability(
        name="summarize_pipeline",
        summary="open pipeline by stage or owner",
        description="Open pipeline totals (count and amount) grouped by stage or by owner.",
        args_schema=PipelineArgs,
        run=_pipeline,
        result_types=(PipelineResult,),
        examples=(Example("pipeline by owner", {"by": "owner"}), Example("pipeline by stage", {"by": "stage"})),
        subcommand=Subcommand("pipeline", "pipeline", "the team's open pipeline by owner", defaults={"by": "owner"}),
    ),
    Capability(
        name="lookup_company",
        summary="check which company a name means",
        description="Check which company a typed name refers to; returns candidates when it is ambiguous or unknown.",
        args_schema=CompanyArgs,
        run=_lookup_company,
        result_types=(CompanyMatch,),
    ),
)
