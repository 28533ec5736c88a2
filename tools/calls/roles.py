"""Who is the rep and who is the prospect: speaker names matched to CRM owners and contacts, else a heuristic.

Resolution order for each speaker label: an exact full-name match, a unique first-name match, then a fuzzy match
(rapidfuzz token-set ratio ≥ 88) against the rep side (owners) and the prospect side (the company's contacts);
generic labels ("Rep", "AE", "Customer", ...) next. When nobody resolves to the rep side, the heuristic picks as rep
the speaker who sounds most like a seller (talks about "our platform", asks the questions, opens the call); every
other unresolved speaker is a prospect. Each role records how it was decided, so the answer can say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlmodel import Session, col

from store.models import Company, Contact, Deal, DealContact, Owner
from tools.calls.lexicon import find_phrases
from tools.calls.parsers import Transcript

Side = Literal["rep", "prospect"]
REP_LABELS = frozenset({"rep", "ae", "sales", "seller", "salesperson", "account executive", "host", "agent", "sdr"})
PROSPECT_LABELS = frozenset({"customer", "prospect", "client", "buyer", "guest", "caller", "lead"})
_SELLER_CUES = (
    "our platform",
    "our product",
    "our customers",
    "we offer",
    "we help",
    "let me show",
    "our solution",
    "share my screen",
    "our team",
    "pricing",
    "we can",
)


@dataclass(frozen=True)
class SpeakerRole:
    """A speaker label's side, the CRM record it matched (if any) and how that was decided."""

    speaker: str
    side: Side
    how: str
    """`crm_owner`, `crm_contact`, `label`, `heuristic` or `default`."""
    owner_id: int | None = None
    contact_id: int | None = None


@dataclass(frozen=True)
class Person:
    """A CRM person a speaker label may name."""

    name: str
    owner_id: int | None = None
    contact_id: int | None = None
    company_id: int | None = None


def _norm(name: str) -> str:
    return re.sub(r"[^a-z ]", "", name.lower().replace("-", " ")).strip()


def match_person(label: str, people: Iterable[Person]) -> Person | None:
    """Find the person a speaker label names: full name, then unique first name, then a close fuzzy match."""
    people = list(people)
    wanted = _norm(label)
    if not wanted:
        return None
    exact = [p for p in people if _norm(p.name) == wanted]
    if len(exact) == 1:
        return exact[0]
    if " " not in wanted:
        first = [p for p in people if _norm(p.name).split(" ")[:1] == [wanted]]
        if len(first) == 1:
            return first[0]
    scored = sorted(((fuzz.token_set_ratio(wanted, _norm(p.name)), i) for i, p in enumerate(people)), reverse=True)
    if scored and scored[0][0] >= 88 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return people[scored[0][1]]
    return None


def _seller_score(transcript: Transcript, speaker: str) -> float:
    turns = [t for t in transcript.turns if t.speaker == speaker]
    cues = sum(len(find_phrases(t.text, _SELLER_CUES)) for t in turns)
    questions = sum(t.text.count("?") for t in turns)
    opener = 1.0 if transcript.turns and transcript.turns[0].speaker == speaker else 0.0
    return 2.0 * cues + questions + opener


def resolve_roles(
    transcript: Transcript, *, reps: Iterable[Person] = (), prospects: Iterable[Person] = ()
) -> dict[str, SpeakerRole]:
    """Assign each speaker a side from the CRM people given, generic labels, then the seller heuristic."""
    reps, prospects = list(reps), list(prospects)
    roles: dict[str, SpeakerRole] = {}
    for speaker in transcript.speakers:
        rep = match_person(speaker, reps)
        prospect = match_person(speaker, prospects)
        if rep and not prospect:
            roles[speaker] = SpeakerRole(speaker, "rep", "crm_owner", owner_id=rep.owner_id)
        elif prospect and not rep:
            roles[speaker] = SpeakerRole(speaker, "prospect", "crm_contact", contact_id=prospect.contact_id)
        elif _norm(speaker) in REP_LABELS:
            roles[speaker] = SpeakerRole(speaker, "rep", "label")
        elif _norm(speaker) in PROSPECT_LABELS:
            roles[speaker] = SpeakerRole(speaker, "prospect", "label")
    unresolved = [s for s in transcript.speakers if s not in roles]
    if unresolved and not any(r.side == "rep" for r in roles.values()):
        seller = max(unresolved, key=lambda s: (_seller_score(transcript, s), -transcript.speakers.index(s)))
        roles[seller] = SpeakerRole(seller, "rep", "heuristic")
        unresolved.remove(seller)
    for speaker in unresolved:
        roles[speaker] = SpeakerRole(speaker, "prospect", "default")
    return roles


# --- the store's people ------------------------------------------------------------------------------------------


def _contact_name(contact: Contact) -> str:
    return f"{contact.first_name} {contact.last_name}".strip()


def crm_people(session: Session, *, company_id: int | None = None) -> tuple[list[Person], list[Person]]:
    """Return (rep side = every owner, prospect side = the company's contacts, or all contacts when unknown)."""
    reps = [Person(o.name, owner_id=o.id) for o in session.exec(select(Owner)).scalars()]  # type: ignore[call-overload]
    stmt = select(Contact)
    if company_id is not None:
        stmt = stmt.where(col(Contact.company_id) == company_id)
    prospects = [
        Person(_contact_name(c), contact_id=c.id, company_id=c.company_id)
        for c in session.exec(stmt).scalars()  # type: ignore[call-overload]
    ]
    return reps, prospects


@dataclass(frozen=True)
class CallContext:
    """The CRM records a transcript belongs to, when they can be found."""

    deal_id: int | None = None
    company_id: int | None = None
    owner_id: int | None = None
    company_name: str | None = None
    how: str = "unknown"


def find_call_context(session: Session, transcript: Transcript) -> CallContext:
    """Map a transcript to a company and deal through the contacts its speakers name.

    The company is the one most of the matched contacts work at; the deal is the one those contacts are on
    (the open one first, then the latest created), else the company's latest deal.
    """
    _, everyone = crm_people(session)
    matched = [p for s in transcript.speakers if (p := match_person(s, everyone)) is not None]
    if not matched:
        return CallContext()
    counts: dict[int, int] = {}
    for person in matched:
        if person.company_id is not None:
            counts[person.company_id] = counts.get(person.company_id, 0) + 1
    if not counts:
        return CallContext()
    company_id = max(counts, key=lambda c: counts[c])
    contact_ids = [p.contact_id for p in matched if p.company_id == company_id]
    deal_rows = session.exec(  # type: ignore[call-overload]
        select(Deal)
        .join(DealContact, col(DealContact.deal_id) == Deal.id, isouter=True)
        .where(col(Deal.company_id) == company_id)
        .order_by(
            (col(DealContact.contact_id).in_(contact_ids)).desc(),
            col(Deal.is_closed).asc(),
            col(Deal.created_at).desc(),
        )
    ).scalars()
    deal = next(iter(deal_rows), None)
    company = session.get(Company, company_id)
    return CallContext(
        deal_id=deal.id if deal else None,
        company_id=company_id,
        owner_id=deal.owner_id if deal else (company.owner_id if company else None),
        company_name=company.name if company else None,
        how="contacts",
    )
