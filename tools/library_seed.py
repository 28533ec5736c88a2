"""Seed the library from the workspace: won deals' objections and answers, talk tracks by persona, and notes.

Re-embedded only when the workspace changed.
The store (`store.library`) owns the Chroma collection and the embedding model; what goes into it is sales knowledge,
so it is built here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from store.library import Library
from store.models import Call, Contact, Deal, DealContact, Engagement, Owner, pk_col, stored_id
from tools.calls.transcripts import is_rep, keyword_category, objections, parse_transcript, rep_names_for, segment_lines
from tools.sensitive import DEFAULT_RULES, SensitivityRules, engagement_reason, sensitive_calls

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LibraryDoc:
    """One document to index."""

    id: str
    text: str
    metadata: dict[str, str | int | float]


SENIORITY_RANK = {"c_level": 0, "vp": 1, "director": 2, "manager": 3, "individual": 4}


def won_deal_personas(session: Session) -> dict[int, str]:
    """Each won deal's buyer persona: its most senior contact's seniority and function ("vp finance").

    One query for every won deal (it was one per deal: 21,807 queries, 9 s on the large workspace); deals without
    contacts are absent (their persona is "unknown").
    """
    best: dict[int, tuple[int, int, str]] = {}
    for deal_id, contact_id, seniority, function in session.exec(
        select(col(DealContact.deal_id), pk_col(Contact.id), col(Contact.seniority), col(Contact.function))
        .join(Contact, col(Contact.id) == DealContact.contact_id)
        .join(Deal, col(Deal.id) == DealContact.deal_id)
        .where(col(Deal.is_won) == True)  # noqa: E712
    ).all():
        rank = (SENIORITY_RANK.get(seniority or "", 9), contact_id)
        if deal_id not in best or rank < best[deal_id][:2]:
            label = " ".join(p for p in ((seniority or "").replace("_", "-"), function or "") if p) or "unknown"
            best[deal_id] = (*rank, label)
    return {deal_id: label for deal_id, (_r, _c, label) in best.items()}


def without_sensitive(
    session: Session, calls: list[tuple[Call, Deal]], notes: list[tuple[Engagement, Deal]], rules: SensitivityRules
) -> tuple[list[tuple[Call, Deal]], list[tuple[Engagement, Deal]]]:
    """Drop sensitive calls and notes (M&A, HR, legal, health; `tools.sensitive`): the library quotes to everyone."""
    hidden = sensitive_calls(session, [c for c, _ in calls], rules)
    kept_calls = [(c, d) for c, d in calls if c.id not in hidden]
    kept_notes = [(n, d) for n, d in notes if engagement_reason(n, rules) is None]
    if hidden or len(kept_notes) < len(notes):
        log.info("library: %d sensitive calls and %d notes left out", len(hidden), len(notes) - len(kept_notes))
    return kept_calls, kept_notes


def library_documents(session: Session, rules: SensitivityRules = DEFAULT_RULES) -> list[LibraryDoc]:
    """Build the library from won deals: objections with the rep's answer, talk tracks by persona, and notes.

    Sensitive calls and notes are never part of it (`without_sensitive`).
    """
    docs: list[LibraryDoc] = []
    owners = dict(session.exec(select(col(Owner.id), col(Owner.name))).all())
    rows = session.exec(
        select(Call, Deal).join(Deal, col(Deal.id) == Call.deal_id).where(col(Deal.is_won) == True)  # noqa: E712
    ).all()
    notes = session.exec(
        select(Engagement, Deal)
        .join(Deal, col(Deal.id) == Engagement.deal_id)
        .where(col(Engagement.type) == "note", col(Deal.is_won) == True)  # noqa: E712
    ).all()
    rows, notes = without_sensitive(session, list(rows), list(notes), rules)
    personas = won_deal_personas(session)
    for call, deal in rows:
        rep = owners.get(call.owner_id or deal.owner_id or -1, "")
        rep_names = rep_names_for(call.labels, rep)
        lines = parse_transcript(call.transcript)
        persona = personas.get(stored_id(deal.id), "unknown")
        base: dict[str, str | int | float] = {
            "deal_id": stored_id(deal.id),
            "call_id": stored_id(call.id),
            "company_id": deal.company_id or 0,
            "outcome": "won",
        }
        for i, o in enumerate(objections(lines, call.labels, rep_names)):
            if not o.response:
                continue
            docs.append(
                LibraryDoc(
                    id=f"objection:call:{call.id}:{i}",
                    text=o.text,
                    metadata={
                        **base,
                        "kind": "objection",
                        "category": o.category,
                        "response": o.response,
                        "persona": persona,
                    },
                )
            )
        # Talk track: the rep's longest explanatory turn on a won call, filed under the buyer's persona.
        pitch = [
            ln
            for ln in segment_lines(lines, call.labels, "pitch")
            if is_rep(ln.speaker, rep_names) and "?" not in ln.text and len(ln.text.split()) >= 12
        ]
        if pitch:
            best = max(pitch, key=lambda ln: len(ln.text))
            docs.append(
                LibraryDoc(
                    id=f"talk_track:call:{call.id}",
                    text=f"{persona}: {best.text}",
                    metadata={
                        **base,
                        "kind": "talk_track",
                        "category": "talk_track",
                        "response": best.text,
                        "persona": persona,
                    },
                )
            )
    for note, deal in notes:
        body = (note.body or "").strip()
        category = keyword_category(body)
        if body and category:
            docs.append(
                LibraryDoc(
                    id=f"objection:note:{note.id}",
                    text=body[:1000],
                    metadata={
                        "deal_id": stored_id(deal.id),
                        "call_id": 0,
                        "company_id": deal.company_id or 0,
                        "outcome": "won",
                        "kind": "note",
                        "category": category,
                        "response": body[:1000],
                        "persona": personas.get(stored_id(deal.id), "unknown"),
                    },
                )
            )
    return docs


def workspace_signature(session: Session) -> str:
    """A cheap fingerprint of what the library is built from, so unchanged data is not re-embedded."""
    calls = session.exec(select(func.count(), func.max(col(Call.id))).select_from(Call)).one()
    won = session.exec(select(func.count(), func.max(col(Deal.id))).where(col(Deal.is_won) == True)).one()  # noqa: E712
    notes = session.exec(select(func.count(), func.max(col(Engagement.id))).where(col(Engagement.type) == "note")).one()
    return f"calls={calls[0]}:{calls[1]};won={won[0]}:{won[1]};notes={notes[0]}:{notes[1]}"


SEEDED_PREFIXES = ("objection:call:", "talk_track:call:", "objection:note:")
"""Ids of the documents `library_documents` makes (the cards of `tools.insights.cards` are kept by their own code)."""


def drop_left_out(library: Library, docs: list[LibraryDoc]) -> int:
    """Delete seeded documents no longer built, such as a call found sensitive since it was indexed; return how many."""
    keep = {d.id for d in docs}
    stale = [i for i in library.collection.get(include=[])["ids"] if i.startswith(SEEDED_PREFIXES) and i not in keep]
    for start in range(0, len(stale), 1000):
        library.collection.delete(ids=stale[start : start + 1000])
    return len(stale)


def seed_library(
    engine: Engine, library: Library, *, force: bool = False, rules: SensitivityRules = DEFAULT_RULES
) -> int:
    """Index the workspace into the library (idempotent: stable ids, upsert, skipped when unchanged). Returns docs.

    `rules` say which calls and notes are sensitive and left out (SENSITIVE_WORDS / SENSITIVE_TAGS).
    """
    with Session(engine) as session:
        # the rules are part of the fingerprint: changing what is sensitive re-seeds, and `drop_left_out` below
        # removes what is now left out
        signature = f"{workspace_signature(session)};sensitive={rules.fingerprint()}"
        meta = library.collection.metadata or {}
        if not force and meta.get("seed_signature") == signature and library.collection.count() > 0:
            return int(library.collection.count())
        docs = library_documents(session, rules)
    # Calls repeat phrasings: embed each distinct text once and reuse its vector.
    unique = list(dict.fromkeys(d.text for d in docs))
    vectors = dict(zip(unique, library.embedding(unique), strict=True)) if unique else {}
    for start in range(0, len(docs), 256):
        chunk = docs[start : start + 256]
        library.collection.upsert(
            ids=[d.id for d in chunk],
            documents=[d.text for d in chunk],
            metadatas=[d.metadata for d in chunk],
            embeddings=[vectors[d.text] for d in chunk],
        )
    drop_left_out(library, docs)
    library.collection.modify(
        metadata={**{k: v for k, v in meta.items() if not k.startswith("hnsw:")}, "seed_signature": signature}
    )
    log.info("library seeded with %d documents", len(docs))
    return len(docs)
