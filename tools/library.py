"""The copilot's library capability: how reps answered an objection on deals they won (opened, seeded on first use)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field
from sqlmodel import Session

from store.library import Library, LibraryAnswer, search_objection_handling, search_snapshot
from tools.capabilities import Capability, Example, Subcommand, ToolContext

if TYPE_CHECKING:
    from store.library import LibrarySnapshot, MiniLMEmbedder

# --- capability ------------------------------------------------------------------------------------------------------


class ObjectionArgs(BaseModel):
    """Arguments of search_objection_handling."""

    query: str = Field(description="The objection or situation in the buyer's words, e.g. 'your price is too high'.")
    category: str | None = Field(
        default=None,
        description="Optional filter: pricing, competitor, timing, security, integration, authority, "
        "already_have_tool.",
    )


def library_for(ctx: ToolContext) -> Library:
    """The context's library, opened (and seeded when new) on first use."""
    if ctx.library is None:
        from store.library import open_library_from_settings
        from tools.library_seed import seed_library
        from tools.sensitive import rules_of

        ctx.library = open_library_from_settings(ctx.settings)
        seed_library(ctx.engine, ctx.library, rules=rules_of(ctx.settings))
    return ctx.library


def current_snapshot(ctx: ToolContext, session: Session) -> tuple[LibrarySnapshot, MiniLMEmbedder] | None:
    """The library's numpy snapshot and the query embedder, when the snapshot is that of the current seeding.

    A cold process (`salesos ask`) then searches without importing chromadb or opening its client. None (search
    Chroma, which also re-seeds if needed and rewrites the snapshot) when the library is already open, lives on a
    Chroma server, or its snapshot is missing or written for another seeding, sensitivity rules or model.
    """
    if ctx.library is not None or ctx.settings.chroma_url:
        return None
    from store.library import read_snapshot, sentence_embedder, snapshot_path
    from tools.library_seed import library_snapshot_key
    from tools.sensitive import rules_of

    path = snapshot_path(ctx.settings.chroma_path)
    if not path.is_file():
        return None
    embed = sentence_embedder(ctx.settings.embedding_model_dir)
    snapshot = read_snapshot(path, library_snapshot_key(session, rules_of(ctx.settings), embed.model_path))
    return None if snapshot is None else (snapshot, embed)


def _objections(ctx: ToolContext, session: Session, a: ObjectionArgs) -> BaseModel:
    found = current_snapshot(ctx, session)
    if found is not None:
        snapshot, embed = found
        return search_snapshot(snapshot, embed, a.query, category=a.category)
    return search_objection_handling(library_for(ctx), a.query, category=a.category)


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
