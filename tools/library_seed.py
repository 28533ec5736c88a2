"""Seed the library from the workspace: won deals' objections and answers, talk tracks by persona, and notes.

Seeding is incremental. Every document's id names its source (the call and the objection's place in it, or the note)
and a hash of its content, so the ids the workspace calls for, minus the ids already in the collection, are exactly
the documents to embed; ids no longer called for (a deal reopened, a note edited) are removed. A re-seed of an
unchanged workspace embeds nothing, and a new call embeds only its own documents. When the workspace's cheap
signature is unchanged the documents are not even rebuilt.
The store (`store.library`) owns the Chroma collection and the embedding model; what goes into it is sales knowledge,
so it is built here.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from store.library import Library, drop_snapshot, snapshot_key, snapshot_key_of, write_snapshot
from store.models import Call, Contact, Deal, DealContact, Engagement, Owner, pk_col
from tools.calls.transcripts import is_rep, keyword_category, objections, parse_transcript, rep_names_for, segment_lines
from tools.sensitive import DEFAULT_RULES, SensitivityRules, sensitive_calls, sensitive_reason

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LibraryDoc:
    """One document to index."""

    id: str
    text: str
    metadata: dict[str, str | int | float]


SEED_PREFIXES = ("objection:", "talk_track:")
"""Id prefixes of the documents seeding writes; other writers of the collection (insight cards: "card:") differ."""
CHUNK = 1000


def doc_id(source: str, text: str, metadata: dict[str, str | int | float]) -> str:
    """A document's id: its source (e.g. "objection:call:12:0") and a hash of what it says and is filed under."""
    content = json.dumps([text, metadata], sort_keys=True, ensure_ascii=False)
    return f"{source}:{hashlib.sha256(content.encode()).hexdigest()[:16]}"


def _doc(source: str, text: str, metadata: dict[str, str | int | float]) -> LibraryDoc:
    return LibraryDoc(id=doc_id(source, text, metadata), text=text, metadata=metadata)


@dataclass(frozen=True)
class SeedReport:
    """What one seeding run did."""

    documents: int
    """Seeded documents in the library after the run."""
    added: int
    removed: int
    embedded: int
    """Texts run through the embedding model (distinct texts of the added documents without a stored vector)."""
    skipped: bool = False
    """True when the workspace signature was unchanged, so nothing was rebuilt or compared."""


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


def sensitive_call_ids(
    session: Session, rows: list[tuple[int, str | None, dict[str, Any] | None, int | None]], rules: SensitivityRules
) -> set[int]:
    """Which of these won calls (id, transcript, labels, meeting id) are sensitive (M&A, HR, legal, health)."""
    calls = [Call(id=cid, transcript=t or "", labels=labels, engagement_id=meeting) for cid, t, labels, meeting in rows]
    hidden = sensitive_calls(session, calls, rules)
    if hidden:
        log.info("library: %d sensitive calls left out", len(hidden))
    return set(hidden)


def library_documents(session: Session, rules: SensitivityRules = DEFAULT_RULES) -> list[LibraryDoc]:
    """Build the library from won deals: objections with the rep's answer, talk tracks by persona, and notes.

    Sensitive calls and notes (`tools.sensitive`) are never part of it: the library quotes to everyone.
    """
    docs: list[LibraryDoc] = []
    owners = dict(session.exec(select(col(Owner.id), col(Owner.name))).all())
    # Columns, not entities: building ORM objects for every won call and note was a third of a seed on `large`.
    # (sqlmodel's `select` types at most four columns: this one goes through SQLAlchemy's, on the same connection)
    rows = (
        session.connection()
        .execute(
            sa_select(
                pk_col(Call.id),
                col(Call.owner_id),
                col(Call.transcript),
                col(Call.labels),
                pk_col(Deal.id),
                col(Deal.owner_id),
                col(Deal.company_id),
                col(Call.engagement_id),
            )
            .join(Deal, col(Deal.id) == Call.deal_id)
            .where(col(Deal.is_won) == True)  # noqa: E712
        )
        .all()
    )
    personas = won_deal_personas(session)
    hidden = sensitive_call_ids(session, [(r[0], r[2], r[3], r[7]) for r in rows], rules)
    for call_id, call_owner_id, transcript, labels, deal_id, deal_owner_id, company_id, _meeting in rows:
        if call_id in hidden:
            continue
        rep = owners.get(call_owner_id or deal_owner_id or -1, "")
        rep_names = rep_names_for(labels, rep)
        lines = parse_transcript(transcript)
        persona = personas.get(deal_id, "unknown")
        base: dict[str, str | int | float] = {
            "deal_id": deal_id,
            "call_id": call_id,
            "company_id": company_id or 0,
            "outcome": "won",
        }
        for i, o in enumerate(objections(lines, labels, rep_names)):
            if not o.response:
                continue
            docs.append(
                _doc(
                    f"objection:call:{call_id}:{i}",
                    o.text,
                    {**base, "kind": "objection", "category": o.category, "response": o.response, "persona": persona},
                )
            )
        # Talk track: the rep's longest explanatory turn on a won call, filed under the buyer's persona.
        pitch = [
            ln
            for ln in segment_lines(lines, labels, "pitch")
            if is_rep(ln.speaker, rep_names) and "?" not in ln.text and len(ln.text.split()) >= 12
        ]
        if pitch:
            best = max(pitch, key=lambda ln: len(ln.text))
            docs.append(
                _doc(
                    f"talk_track:call:{call_id}",
                    f"{persona}: {best.text}",
                    {**base, "kind": "talk_track", "category": "talk_track", "response": best.text, "persona": persona},
                )
            )
    notes = (
        session.connection()
        .execute(
            sa_select(
                pk_col(Engagement.id),
                col(Engagement.body),
                pk_col(Deal.id),
                col(Deal.company_id),
                col(Engagement.subject),
            )
            .join(Deal, col(Deal.id) == Engagement.deal_id)
            .where(col(Engagement.type) == "note", col(Deal.is_won) == True)  # noqa: E712
        )
        .all()
    )
    # Notes repeat a few phrasings (31,763 notes, a few hundred distinct bodies on `large`): read each body once.
    categories: dict[str, str | None] = {}
    sensitive: dict[tuple[str, str | None], bool] = {}
    for note_id, raw_body, deal_id, company_id, subject in notes:
        body = (raw_body or "").strip()
        if body not in categories:
            categories[body] = keyword_category(body)
        category = categories[body]
        if (body, subject) not in sensitive:
            sensitive[body, subject] = sensitive_reason(rules, texts=(body,), title=subject) is not None
        if body and category and not sensitive[body, subject]:
            docs.append(
                _doc(
                    f"objection:note:{note_id}",
                    body[:1000],
                    {
                        "deal_id": deal_id,
                        "call_id": 0,
                        "company_id": company_id or 0,
                        "outcome": "won",
                        "kind": "note",
                        "category": category,
                        "response": body[:1000],
                        "persona": personas.get(deal_id, "unknown"),
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


def seed_signature(session: Session, rules: SensitivityRules = DEFAULT_RULES) -> str:
    """The collection's `seed_signature` after seeding: the workspace's fingerprint and the sensitivity rules."""
    return f"{workspace_signature(session)};sensitive={rules.fingerprint()}"


def library_snapshot_key(session: Session, rules: SensitivityRules, model_path: str) -> str:
    """The key of the snapshot a library seeded from this workspace, with these rules and this model, has."""
    return snapshot_key(seed_signature(session, rules), model_path)


def _keep_snapshot(library: Library, signature: str) -> None:
    """(Re)write the library's snapshot unless it is already the one for this seeding (`store.library.read_snapshot`).

    Written after the collection is up to date; whatever else writes the collection (insight cards) drops it first,
    so the next seeding check, on Chroma, writes it again.
    """
    if library.snapshot is None:
        return
    key = snapshot_key(signature, str(getattr(library.embedding, "model_path", "")))
    if snapshot_key_of(library.snapshot) != key:
        write_snapshot(library, key)


def seed_library(
    engine: Engine, library: Library, *, force: bool = False, rules: SensitivityRules = DEFAULT_RULES
) -> int:
    """Bring the library up to date with the workspace (see `sync_library`); return how many documents it seeds."""
    return sync_library(engine, library, force=force, rules=rules).documents


def sync_library(
    engine: Engine, library: Library, *, force: bool = False, rules: SensitivityRules = DEFAULT_RULES
) -> SeedReport:
    """Add the documents the library lacks, remove those the workspace no longer backs, embed only what is new.

    `force` rebuilds and compares the documents even when the workspace signature is unchanged (still embedding
    only what is missing). `rules` say which calls and notes are sensitive and left out (SENSITIVE_WORDS /
    SENSITIVE_TAGS); they are part of the signature, so changing them re-seeds and removes what is now left out.
    """
    collection = library.collection
    with Session(engine) as session:
        signature = seed_signature(session, rules)
        meta = collection.metadata or {}
        if not force and meta.get("seed_signature") == signature and collection.count() > 0:
            _keep_snapshot(library, signature)
            count = meta.get("seed_documents")
            return SeedReport(int(count if count is not None else collection.count()), 0, 0, 0, skipped=True)
        docs = library_documents(session, rules)
    drop_snapshot(library)  # the collection is about to change: no reader may trust the old snapshot meanwhile
    want = {d.id: d for d in docs}
    have = {i for i in collection.get(include=[])["ids"] if i.startswith(SEED_PREFIXES)}
    new = [d for d in want.values() if d.id not in have]
    stale = sorted(have - want.keys())
    # A document only re-filed (say its deal's persona changed) keeps its text: reuse the stored vector.
    vectors: dict[str, object] = {}
    wanted_texts = {d.text for d in new}
    for start in range(0, len(stale), CHUNK):
        got = collection.get(ids=stale[start : start + CHUNK], include=["documents", "embeddings"])
        for text, vector in zip(got["documents"], got["embeddings"], strict=True):
            if text in wanted_texts:
                vectors[text] = vector
    # Calls repeat phrasings: embed each distinct text once.
    unique = [t for t in dict.fromkeys(d.text for d in new) if t not in vectors]
    if unique:
        vectors.update(zip(unique, library.embedding(unique), strict=True))
    for start in range(0, len(stale), CHUNK):
        collection.delete(ids=stale[start : start + CHUNK])
    for start in range(0, len(new), CHUNK):
        chunk = new[start : start + CHUNK]
        collection.upsert(
            ids=[d.id for d in chunk],
            documents=[d.text for d in chunk],
            metadatas=[d.metadata for d in chunk],
            embeddings=[vectors[d.text] for d in chunk],  # type: ignore[misc]
        )
    collection.modify(
        metadata={
            **{k: v for k, v in meta.items() if not k.startswith("hnsw:")},
            "seed_signature": signature,
            "seed_documents": len(want),
        }
    )
    _keep_snapshot(library, signature)
    log.info(
        "library: %d documents (%d added, %d removed, %d texts embedded)", len(want), len(new), len(stale), len(unique)
    )
    return SeedReport(documents=len(want), added=len(new), removed=len(stale), embedded=len(unique))
