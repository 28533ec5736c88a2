"""One read of the team's closed history: closed deals with their buying group, competitors and call objections.

Every analysis in `tools.insights` starts from `load_history`, so the figures of personas, objection map, battle
cards and salvage all rest on the same records (and every record keeps its deal id, date and speaker for quoting).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import case, func
from sqlalchemy import select as sa_select  # more columns than sqlmodel's `select` is typed for
from sqlmodel import Session, col, select

from store.models import (
    Call,
    Company,
    Contact,
    Deal,
    DealContact,
    DealStageChange,
    Engagement,
    Owner,
    SyncCursor,
    pk_col,
    table_of,
)
from tools.calls.transcripts import competitors as labelled_competitors
from tools.calls.transcripts import is_rep, objections, parse_transcript, rep_names_for
from tools.segments import size_band
from tools.sensitive import DEFAULT_RULES, SensitivityRules, sensitive_calls

# A rep turn that moves past an objection instead of answering it ("let's park that", "anyway, back to the demo").
DEFLECTION_CUES = (
    "park that",
    "moving on",
    "anyway",
    "let's keep going",
    "keep going with",
    "back to the",
    "come back to that",
    "take that offline",
    "comes up a lot",
)
T = TypeVar("T")
_REASON_COMPETITOR = re.compile(r"(?i:lost to competitor|won against|went with|chose)\s*:?\s*([A-Z][\w .&-]{1,40})")


def utc(value: datetime) -> datetime:
    """An instant as aware UTC (SQLite hands back naive values in some paths)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def persona_of(seniority: str | None, function: str | None) -> str:
    """Name a buying-group member's persona from their function and seniority (rules: plain, stable names)."""
    fn = (function or "").lower()
    senior = seniority in ("c_level", "vp", "director")
    if fn == "executive":
        return "Executive sponsor"
    if fn in ("finance", "procurement"):
        return "Finance approver" if senior or fn == "finance" else "Procurement gatekeeper"
    if fn in ("engineering", "it", "data"):
        return "Technical evaluator"
    if fn in ("sales", "revops", "marketing", "operations"):
        return "Revenue leader" if senior else "Operations user"
    return "Other"


@dataclass(frozen=True)
class Member:
    """A contact in a deal's buying group."""

    contact_id: int
    name: str
    title: str
    seniority: str
    function: str
    role: str
    persona: str


@dataclass(frozen=True)
class RaisedObjection:
    """An objection raised on a recorded call, with what the rep said next."""

    deal_id: int
    call_id: int
    at: datetime
    category: str
    text: str
    speaker: str
    persona: str
    stage: str
    response: str | None
    answered: bool


@dataclass(frozen=True)
class Quote:
    """A line said on a call: who, when, on which deal."""

    deal_id: int
    call_id: int
    at: datetime
    speaker: str
    persona: str
    text: str


@dataclass
class ClosedDeal:
    """A closed deal and what is known about how it went."""

    id: int
    name: str
    company_id: int | None
    company: str
    industry: str
    size_band: str
    owner_id: int | None
    owner: str
    amount: float | None
    product: str | None
    created_at: datetime | None
    closed_at: datetime
    is_won: bool
    close_reason: str | None
    stage_reached: str | None
    members: list[Member] = field(default_factory=list)
    competitors: set[str] = field(default_factory=set)
    calls: list[int] = field(default_factory=list)

    @property
    def personas(self) -> set[str]:
        """The personas present in the buying group."""
        return {m.persona for m in self.members}


@dataclass
class History:
    """Closed deals by id, objections and buyer/rep lines from their recorded calls."""

    deals: dict[int, ClosedDeal]
    objections: list[RaisedObjection]
    buyer_lines: list[Quote]
    rep_lines: list[Quote]
    competitor_names: list[str]
    analyses: dict[tuple[Any, ...], Any] = field(default_factory=dict, compare=False, repr=False)
    """Answers already computed from this history (`derived`)."""

    def derived(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """An analysis of this history, computed once per history (`key`: the analysis and its arguments).

        `load_history` keeps one History per state of the store, so a repeat question ("personas", the objection map)
        is answered from memory and any change in the store, which yields a new History, computes it afresh. The
        answer is shared: copy it before changing it.
        """
        if key not in self.analyses:
            if len(self.analyses) >= 256:  # arguments come from questions (a competitor's name): stay bounded
                self.analyses.clear()
            self.analyses[key] = compute()
        return cast("T", self.analyses[key])


def is_deflection(text: str | None) -> bool:
    """Tell whether a rep turn moves past an objection rather than answering it."""
    low = (text or "").lower()
    return not low or any(cue in low for cue in DEFLECTION_CUES)


def known_competitors(session: Session) -> list[str]:
    """Competitor names the workspace itself knows: named in call labels or in close reasons ("Lost to X")."""
    names: set[str] = set()
    for labels in session.exec(select(Call.labels).where(Call.labels.is_not(None))).all():  # type: ignore[union-attr]
        names.update(labelled_competitors(dict(labels) if labels else None))
    for reason in session.exec(select(Deal.close_reason).where(Deal.close_reason.is_not(None))).all():  # type: ignore[union-attr]
        m = _REASON_COMPETITOR.search(reason or "")
        if m:
            names.add(m.group(1).strip())
    return sorted(names)


def mentioned(text: str | None, names: list[str]) -> set[str]:
    """Competitor names mentioned in a text (whole words)."""
    low = (text or "").lower()
    return {n for n in names if n.lower() in low and re.search(rf"\b{re.escape(n.lower())}\b", low)}


def _stage_at(history: list[tuple[datetime, str]], at: datetime) -> str:
    stage = history[0][1] if history else "unknown"
    for when, to_stage in history:
        if when <= at:
            stage = to_stage
    return stage


_CACHE: dict[str, History] = {}
"""The whole history by store and `history_signature`: one entry per store (a repeat answer reuses it)."""


def history_signature(session: Session) -> str:
    """A cheap fingerprint of everything `load_history` reads, in one query of aggregates.

    Closed deals (how many, the newest update and close), stage moves, activity (notes name competitors), calls (how
    many, the newest, their transcripts' total length), buying groups, contacts, companies and owners (their names
    are quoted). Any write the history would show changes one of these, so an unchanged signature means the same
    history; the aggregates are index lookups or scans of narrow columns, far cheaper than reading the history.
    """
    d, sc, e, c = table_of(Deal).c, table_of(DealStageChange).c, table_of(Engagement).c, table_of(Call).c
    dc, ct, co, ow = table_of(DealContact).c, table_of(Contact).c, table_of(Company).c, table_of(Owner).c
    closed = d.is_closed.is_(True)
    # one sequential scan per table (a filtered count would visit 80k closed deals through an index, row by row)
    statements = (
        sa_select(
            func.count(),
            func.max(d.id),
            func.sum(case((closed, 1), else_=0)),
            func.sum(case((closed & d.is_won.is_(True), 1), else_=0)),
            func.max(case((closed, d.updated_at))),
            func.max(d.closed_at),
        ),
        sa_select(func.max(sc.id)),
        sa_select(func.max(e.id)),
        sa_select(func.count(), func.max(c.id), func.sum(func.length(c.transcript))),
        sa_select(func.count(), func.sum(dc.contact_id + dc.deal_id)),
        sa_select(func.max(ct.id), func.max(ct.updated_at)),
        sa_select(func.max(co.id), func.max(co.updated_at)),
        sa_select(func.max(ow.id), func.max(ow.updated_at)),
        # every page a sync commits moves its cursor: an edited note or engagement arrives that way
        sa_select(func.max(table_of(SyncCursor).c.updated_at)),
    )
    connection = session.connection()
    row = [v for statement in statements for v in connection.execute(statement).one()]
    url = session.get_bind().engine.url.render_as_string(hide_password=True)
    return "|".join([url, *(str(v) for v in row)])


def load_history(
    session: Session, *, deal_ids: set[int] | None = None, rules: SensitivityRules = DEFAULT_RULES
) -> History:
    """Read every closed deal (or only `deal_ids`) with its buying group, competitors and call objections.

    Sensitive calls (`tools.sensitive`) count as calls of their deal but give no lines and no objections: everything
    built from the history (objection maps, battle cards, personas, the library's cards) may be posted to a channel.

    The whole history is kept in the process under `history_signature`: a repeat answer on an unchanged store reuses
    it, and any change to what it reads makes the next answer read it again. The History is shared: read it, never
    change it.
    """
    if deal_ids is not None:
        return _load_history(session, deal_ids=deal_ids, rules=rules)
    signature = f"{history_signature(session)}|sensitive={rules.fingerprint()}"
    found = _CACHE.get(signature)
    if found is None:
        found = _load_history(session, rules=rules)
        _CACHE.clear()  # one store per process in practice; never grow without bound
        _CACHE[signature] = found
    return found


def _load_history(
    session: Session, *, deal_ids: set[int] | None = None, rules: SensitivityRules = DEFAULT_RULES
) -> History:
    stmt = (
        sa_select(Deal, col(Company.name), col(Company.industry), col(Company.employees), col(Owner.name))
        .join(Company, col(Company.id) == Deal.company_id, isouter=True)
        .join(Owner, col(Owner.id) == Deal.owner_id, isouter=True)
        .where(col(Deal.is_closed) == True)  # noqa: E712
    )
    deals: dict[int, ClosedDeal] = {}
    for deal, company, industry, employees, owner in session.execute(stmt).all():
        if deal.id is None or deal.closed_at is None or (deal_ids is not None and deal.id not in deal_ids):
            continue
        deals[deal.id] = ClosedDeal(
            id=deal.id,
            name=deal.name,
            company_id=deal.company_id,
            company=company or "",
            industry=industry or "unknown",
            size_band=size_band(employees),
            owner_id=deal.owner_id,
            owner=owner or "",
            amount=deal.amount,
            product=deal.product,
            created_at=deal.created_at,
            closed_at=utc(deal.closed_at),
            is_won=deal.is_won,
            close_reason=deal.close_reason,
            stage_reached=None,
        )
    stages: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    for deal_id, changed_at, to_stage in session.exec(
        select(col(DealStageChange.deal_id), col(DealStageChange.changed_at), col(DealStageChange.to_stage)).order_by(
            col(DealStageChange.deal_id), col(DealStageChange.changed_at)
        )
    ).all():
        if deal_id in deals:
            stages[deal_id].append((utc(changed_at), to_stage))
    for deal_id, path in stages.items():
        open_path = [s for _, s in path if not s.startswith("closed")]
        deals[deal_id].stage_reached = open_path[-1] if open_path else None

    for deal_id, cid, first, last, title, seniority, function, role in session.execute(
        sa_select(
            col(DealContact.deal_id),
            pk_col(Contact.id),
            col(Contact.first_name),
            col(Contact.last_name),
            col(Contact.title),
            col(Contact.seniority),
            col(Contact.function),
            col(DealContact.role),
        ).join(Contact, col(Contact.id) == DealContact.contact_id)
    ).all():
        if deal_id in deals:
            deals[deal_id].members.append(
                Member(
                    contact_id=cid,
                    name=f"{first} {last}".strip(),
                    title=title or "",
                    seniority=seniority or "",
                    function=function or "",
                    role=role or "",
                    persona=persona_of(seniority, function),
                )
            )

    names = known_competitors(session)
    for d in deals.values():
        m = _REASON_COMPETITOR.search(d.close_reason or "")
        if m:
            d.competitors.add(m.group(1).strip())
    for note_deal, body in session.exec(
        select(col(Engagement.deal_id), col(Engagement.body)).where(
            col(Engagement.type) == "note", col(Engagement.deal_id).is_not(None)
        )
    ).all():
        if note_deal is not None and note_deal in deals and body:
            deals[note_deal].competitors |= mentioned(body, names)

    raised: list[RaisedObjection] = []
    buyer_lines: list[Quote] = []
    rep_lines: list[Quote] = []
    closed_calls = [
        c
        for c in session.exec(select(Call).where(col(Call.deal_id).is_not(None)).order_by(col(Call.id))).all()
        if (c.deal_id or -1) in deals
    ]
    hidden = sensitive_calls(session, closed_calls, rules)
    for call in closed_calls:
        d = deals[call.deal_id or -1]
        d.calls.append(call.id or 0)
        d.competitors |= set(labelled_competitors(call.labels)) | mentioned(call.transcript, names)
        if call.id in hidden:
            continue
        rep_names = rep_names_for(call.labels, d.owner)
        lines = parse_transcript(call.transcript)
        at = utc(call.started_at)
        stage = _stage_at(stages.get(d.id, []), at)
        persona_by_name = {m.name.lower(): m.persona for m in d.members}
        for line in lines:
            rep = is_rep(line.speaker, rep_names)
            quote = Quote(
                d.id,
                call.id or 0,
                at,
                line.speaker,
                "" if rep else persona_by_name.get(line.speaker.lower(), "Other"),
                line.text,
            )
            (rep_lines if rep else buyer_lines).append(quote)
        for o in objections(lines, call.labels, rep_names):
            raised.append(
                RaisedObjection(
                    deal_id=d.id,
                    call_id=call.id or 0,
                    at=at,
                    category=o.category,
                    text=o.text,
                    speaker=o.speaker,
                    persona=persona_by_name.get(o.speaker.lower(), "Other"),
                    stage=stage,
                    response=o.response,
                    answered=not is_deflection(o.response),
                )
            )
    return History(deals=deals, objections=raised, buyer_lines=buyer_lines, rep_lines=rep_lines, competitor_names=names)


def rate(won: int, total: int) -> float | None:
    """A win rate, or None when there is nothing behind it."""
    return round(won / total, 3) if total else None
