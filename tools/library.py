"""Search the objection-handling and talk-track library (what reps said on calls of deals that were won)."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlmodel import Session

from store.library import Library
from tools.capabilities import Capability, Example, Subcommand, ToolContext


class LibraryHit(BaseModel):
    """One library entry matching a search."""

    kind: str
    category: str
    text: str
    response: str
    persona: str
    deal_id: int | None = None
    call_id: int | None = None
    similarity: float


class LibraryAnswer(BaseModel):
    """Search results."""

    query: str
    hits: list[LibraryHit]


def search_objection_handling(
    library: Library, query: str, *, k: int = 3, category: str | None = None, kind: str | None = None
) -> LibraryAnswer:
    """Find how reps answered objections like `query` on deals they then won (nearest by meaning)."""
    where: dict | None = None
    filters = [{"category": category}] if category else []
    if kind:
        filters.append({"kind": kind})
    if len(filters) == 1:
        where = filters[0]
    elif filters:
        where = {"$and": filters}
    if library.collection.count() == 0:
        return LibraryAnswer(query=query, hits=[])
    # Ask for more than k: the same answer given on several calls is shown once.
    res = library.collection.query(query_texts=[query], n_results=k * 6, where=where)
    if where is not None and not res["ids"][0]:
        # Nothing filed under that category: fall back to meaning alone rather than answer "nothing".
        res = library.collection.query(query_texts=[query], n_results=k * 6)
    hits: list[LibraryHit] = []
    seen: set[str] = set()
    for doc, meta, dist in zip(res["documents"][0], res["metadatas"][0], res["distances"][0], strict=True):
        answer = str(meta.get("response", "")).strip().lower()
        if answer in seen or len(hits) >= k:
            continue
        seen.add(answer)
        hits.append(
            LibraryHit(
                kind=str(meta.get("kind", "")),
                category=str(meta.get("category", "")),
                text=doc,
                response=str(meta.get("response", "")),
                persona=str(meta.get("persona", "")),
                deal_id=int(meta["deal_id"]) if meta.get("deal_id") else None,
                call_id=int(meta["call_id"]) if meta.get("call_id") else None,
                similarity=round(1.0 - float(dist), 3),
            )
        )
    return LibraryAnswer(query=query, hits=hits)


# --- capability ------------------------------------------------------------------------------------------------------


class ObjectionArgs(BaseModel):
    """Arguments of search_objection_handling."""

    query: str = Field(description="The objection or situation in the buyer's words, e.g. 'your price is too high'.")
    category: str | None = Field(
        default=None,
        description="Optional filter: pricing, competitor, timing, security, integration, authority, "
        "already_have_tool.",
    )


def _objections(ctx: ToolContext, session: Session, a: ObjectionArgs) -> BaseModel:
    return search_objection_handling(ctx.get_library(), a.query, category=a.category)


CAPABILITIES = (
    Capability(
        name="search_objection_handling",
        summary="how we answered an objection on won deals",
        description="Search the library of how our reps answered objections (and pitched by persona) on deals that "
        "were won. Use for 'how do I handle ...', 'what do we say when ...', 'talk track for a CFO'.",
        args_schema=ObjectionArgs,
        run=_objections,
        result_types=(LibraryAnswer,),
        examples=(
            Example(
                "how do I handle 'your price is too high'?", {"query": "your price is too high", "category": "pricing"}
            ),
            Example("talk track for a CFO", {"query": "talk track for a CFO"}),
        ),
        subcommand=Subcommand("library", "library <objection>", "objection handling and talk tracks", arg="query"),
    ),
)
