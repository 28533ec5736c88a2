"""Conversation search: what buyers and reps said in call transcripts, emails and notes, found by meaning in Chroma.

Every hit is a quote with its date, kind, company and speaker, so the answer cites its sources; when nothing is close
enough the answer says it found none rather than offering the nearest unrelated text.

Indexing is incremental and idempotent: each transcript line, email and note is one document with a stable id
(`call:12:4`, `email:88`), embedded once by the library's local MiniLM model into its own collection of the same
Chroma store. A question about one company indexes that company's conversations; a question across the book indexes
the candidates a word search finds first (the most recent `CANDIDATES`), so nothing is embedded twice.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import or_
from sqlmodel import Session, col, select

from store.models import Call, Company, Contact, Engagement, pk_col
from tools.capabilities import Capability, Example, ToolContext
from tools.deals import CompanyMatch, company_filter
from tools.library import library_for
from tools.sensitive import DEFAULT_RULES, SensitivityRules, engagement_reason, may_see, rules_of, sensitive_calls

COLLECTION = "sales_conversations"
MAX_DISTANCE = 0.62
"""Cosine distance above which a passage is not about the question (MiniLM; checked on the demo transcripts)."""
CANDIDATES = 400
MIN_WORDS = 5

Kind = Literal["call", "email", "note"]

STOP = frozenset(
    [
        "a", "an", "the", "of", "on", "in", "at", "for", "to", "with", "about", "and", "or", "what", "did", "does",
        "do", "say", "said", "says", "tell", "told", "talk", "talked", "mention", "mentioned", "their", "they", "them",
        "our", "we", "us", "my", "me", "i", "is", "are", "was", "were", "be", "been", "has", "have", "had", "any",
        "anything", "from", "by", "it", "this", "that", "those", "these", "who", "whom", "how", "when", "where", "why",
        "which", "anyone", "buyer", "buyers", "customer",
    ]
)  # fmt: skip


class ConversationArgs(BaseModel):
    """Arguments of search_conversations."""

    query: str = Field(description="What was said, in a few words ('security review', 'pricing too high').")
    company: str | None = Field(default=None, description="Only this company's conversations (name as typed).")
    kinds: list[Kind] | None = Field(default=None, description="Only these sources: call, email, note. All if empty.")
    since: date | None = Field(default=None, description="Only conversations on or after this date (ISO).")
    limit: int = Field(default=5, ge=1, le=10, description="Most quotes to return.")


class ConversationHit(BaseModel):
    """A quoted passage with its source."""

    kind: str
    occurred_at: datetime
    company: str | None
    speaker: str | None
    quote: str
    subject: str | None = None
    deal_id: int | None = None
    source_id: str
    distance: float
    sensitive: str | None = None
    """Why the source is sensitive (`tools.sensitive`): set only in its owner's own DM answer, where alone it shows."""


class ConversationResults(BaseModel):
    """Quotes found for a question, closest first; empty when nothing said was close enough."""

    query: str
    company: str | None
    kinds: list[str]
    since: date | None
    searched: int
    """Passages compared with the question."""
    hits: list[ConversationHit]


def _doc(doc_id: str, text: str, kind: str, at: datetime, company_id: int | None, **extra: Any) -> dict[str, Any]:
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    meta = {"kind": kind, "at": at.isoformat(), "ts": at.timestamp(), "company_id": company_id or 0}
    meta.update({k: v for k, v in extra.items() if v is not None})
    return {"id": doc_id, "text": text, "meta": meta}


def conversation_docs(
    session: Session, *, company_id: int | None, words: list[str], rules: SensitivityRules = DEFAULT_RULES
) -> list[dict[str, Any]]:
    """The passages to search: a company's conversations, or across the book those containing one of `words`.

    Each passage carries its source's owner and, for a sensitive source (`rules`), why (`sensitive`), so the search
    can show it to that owner alone.
    """
    from tools.calls.transcripts import parse_transcript

    docs: list[dict[str, Any]] = []
    calls = select(Call)
    mails = select(Engagement, Contact).outerjoin(Contact, col(Contact.id) == col(Engagement.contact_id))
    mails = mails.where(col(Engagement.type).in_(("email", "note")))
    if company_id is not None:
        calls = calls.where(col(Call.company_id) == company_id)
        mails = mails.where(col(Engagement.company_id) == company_id)
    else:
        if not words:
            return []
        calls = calls.where(or_(*(col(Call.transcript).ilike(f"%{w}%") for w in words)))
        mails = mails.where(
            or_(
                *(col(Engagement.body).ilike(f"%{w}%") for w in words),
                *(col(Engagement.subject).ilike(f"%{w}%") for w in words),
            )
        )
        calls = calls.order_by(col(Call.started_at).desc()).limit(CANDIDATES // 4)
        mails = mails.order_by(col(Engagement.occurred_at).desc()).limit(CANDIDATES)
    found_calls = session.exec(calls).all()
    hidden = sensitive_calls(session, found_calls, rules)
    for call in found_calls:
        for line in parse_transcript(call.transcript):
            if len(line.text.split()) >= MIN_WORDS:
                doc = _doc(
                    f"call:{call.id}:{line.index}",
                    line.text,
                    "call",
                    call.started_at,
                    call.company_id,
                    speaker=line.speaker,
                    deal_id=call.deal_id,
                )
                docs.append(doc | {"owner_id": call.owner_id, "sensitive": hidden.get(call.id or 0)})
    for e, contact in session.exec(mails).all():
        body = (e.body or "").strip()
        if not body:
            continue
        speaker = f"{contact.first_name} {contact.last_name}".strip() if contact and e.direction == "inbound" else None
        doc = _doc(
            f"{e.type}:{e.id}",
            body[:1500],
            e.type,
            e.occurred_at,
            e.company_id,
            speaker=speaker or ("us" if e.direction == "outbound" else None),
            subject=e.subject,
            deal_id=e.deal_id,
        )
        docs.append(doc | {"owner_id": e.owner_id, "sensitive": engagement_reason(e, rules)})
    return docs


def visible_docs(docs: list[dict[str, Any]], *, asker_owner_id: int | None, private: bool) -> list[dict[str, Any]]:
    """The passages this answer may quote: no sensitive one, except the asker's own in their DM (`may_see`)."""
    return [
        d
        for d in docs
        if not d["sensitive"] or may_see(owner_id=d["owner_id"], asker_owner_id=asker_owner_id, private=private)
    ]


def open_conversations(library: Any) -> Any:
    """The conversations collection, next to the library's, embedded by the same local model."""
    return library.client.get_or_create_collection(
        COLLECTION, embedding_function=library.embedding, metadata={"hnsw:space": "cosine"}
    )


def index_docs(collection: Any, embedding: Any, docs: list[dict[str, Any]]) -> int:
    """Embed and add the passages not indexed yet; return how many were added."""
    if not docs:
        return 0
    have: set[str] = set()
    ids = [d["id"] for d in docs]
    for start in range(0, len(ids), 1000):
        have.update(collection.get(ids=ids[start : start + 1000], include=[])["ids"])
    new = [d for d in docs if d["id"] not in have]
    for start in range(0, len(new), 256):
        chunk = new[start : start + 256]
        collection.upsert(
            ids=[d["id"] for d in chunk],
            documents=[d["text"] for d in chunk],
            metadatas=[d["meta"] for d in chunk],
            embeddings=embedding([d["text"] for d in chunk]),
        )
    return len(new)


def content_words(query: str) -> list[str]:
    """The words of a query worth searching for literally."""
    return [w for w in re.findall(r"[a-z0-9]+", query.lower()) if len(w) >= 3 and w not in STOP][:8]


def _search(ctx: ToolContext, session: Session, a: ConversationArgs) -> BaseModel:
    company_id, unresolved = company_filter(session, a.company)
    if unresolved is not None:
        return unresolved
    company = session.get(Company, company_id) if company_id else None
    kinds = list(a.kinds or ["call", "email", "note"])
    docs = conversation_docs(session, company_id=company_id, words=content_words(a.query), rules=rules_of(ctx.settings))
    hidden = len(docs)
    docs = visible_docs(docs, asker_owner_id=ctx.asker_owner_id, private=ctx.private)
    hidden -= len(docs)
    docs = [d for d in docs if d["meta"]["kind"] in kinds]
    if a.since:
        since_ts = datetime.combine(a.since, datetime.min.time(), tzinfo=ctx.settings.tz).timestamp()
        docs = [d for d in docs if d["meta"]["ts"] >= since_ts]
    results = ConversationResults(
        query=a.query,
        company=company.name if company else None,
        kinds=kinds,
        since=a.since,
        searched=len(docs),
        hits=[],
    )
    if not docs:
        return results
    library = library_for(ctx)
    collection = open_conversations(library)
    index_docs(collection, library.embedding, docs)
    found = collection.query(
        query_embeddings=library.embedding([a.query]),
        # passages this answer may not quote can be in the collection (indexed for their owner): ask past them
        n_results=min(a.limit * 3 + hidden, collection.count()),
        where={"company_id": company_id} if company_id else None,
        include=["documents", "metadatas", "distances"],
    )
    allowed = {d["id"]: d for d in docs}
    names = dict(session.exec(select(pk_col(Company.id), col(Company.name))).all())
    for doc_id, text, meta, dist in zip(
        found["ids"][0], found["documents"][0], found["metadatas"][0], found["distances"][0], strict=True
    ):
        if doc_id not in allowed or dist > MAX_DISTANCE or len(results.hits) >= a.limit:
            continue
        results.hits.append(
            ConversationHit(
                kind=str(meta["kind"]),
                occurred_at=datetime.fromisoformat(str(meta["at"])),
                company=names.get(int(meta.get("company_id") or 0)),
                speaker=meta.get("speaker"),  # type: ignore[arg-type]
                quote=text,
                subject=meta.get("subject"),  # type: ignore[arg-type]
                deal_id=int(meta["deal_id"]) if meta.get("deal_id") else None,
                source_id=doc_id,
                distance=round(float(dist), 3),
                sensitive=allowed[doc_id]["sensitive"],
            )
        )
    return results


CAPABILITIES = (
    Capability(
        name="search_conversations",
        summary="what was said on calls, emails and notes",
        description="Search what buyers and reps said in call transcripts, emails and notes (by meaning, not exact "
        "words), optionally for one company, source kind or since a date; answers with quoted, dated passages and "
        "their speaker, or says nothing close was found. Use for 'what did Acme's CFO say about security?', 'did "
        "anyone mention a competitor at Globex?', 'emails about pricing since October'. For how to answer an "
        "objection use search_objection_handling.",
        args_schema=ConversationArgs,
        run=_search,
        result_types=(ConversationResults, CompanyMatch),
        examples=(
            Example("what did Acme say about security?", {"query": "security", "company": "Acme Corp"}),
            Example("did anyone at Globex mention a competitor?", {"query": "competitor", "company": "Globex"}),
            Example("emails about pricing", {"query": "pricing", "kinds": ["email"]}),
        ),
    ),
)
