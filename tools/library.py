"""The copilot's library capability: how reps answered an objection on deals they won (opened, seeded on first use)."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlmodel import Session

from store.library import Library, LibraryAnswer, search_objection_handling
from tools.capabilities import Capability, Example, Subcommand, ToolContext

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


def _objections(ctx: ToolContext, session: Session, a: ObjectionArgs) -> BaseModel:
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
