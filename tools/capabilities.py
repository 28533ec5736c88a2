"""The copilot's capabilities: each one declared once, as a `Capability` record next to its function.

A record carries everything every surface needs: the name and model-facing description (the LLM agent's tool), the
pydantic argument schema, the function, the result types it returns (a renderer in `bot/copilot/render.py` is chosen
by result type), example questions with their expected arguments (offline understanding, `/salesos help`, Slack's
suggested prompts, `eval/copilot`), and an optional slash subcommand (`/salesos brief Acme` → `company="Acme"`).

Records live in the module that owns the function, in a module-level tuple `CAPABILITIES`; `CAPABILITY_MODULES`
lists those modules. `all_capabilities()` reads them in order. Adding a capability = one record (plus its function
and a renderer for a new result type); nothing else is edited.

`run_capability(ctx, name, args)` validates the arguments, runs the function read-only, records the call on the
context and returns the structured result. No capability writes to the CRM or the store.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import Engine
from sqlmodel import Session

if TYPE_CHECKING:
    from settings import Settings
    from store.library import Library

MAX_TOOL_JSON = 12_000  # characters of a result shown to the model; the renderer still gets the full data

# Modules that declare a `CAPABILITIES` tuple, in the order help and suggested prompts list them.
CAPABILITY_MODULES: tuple[str, ...] = (
    "tools.deals",
    "tools.deal_stats",
    "tools.deal_facts",
    "tools.health_snapshot",
    "tools.my_day",
    "tools.conversations",
    "tools.briefs",
    "tools.calls.summary",
    "tools.library",
    "tools.leads.lookup",
    "tools.insights.personas",
    "tools.insights.pains",
    "tools.insights.objections",
    "tools.insights.battlecards",
    "tools.insights.loss",
    "tools.insights.salvage",
    "tools.intelligence.capabilities",
)


class ToolUserError(Exception):
    """A problem in the arguments that the asker (or the model) can fix, with a message saying how."""


@dataclass
class ToolCall:
    """One executed capability call and its structured result."""

    name: str
    args: dict[str, Any]
    result: BaseModel | None = None
    error: str | None = None


@dataclass
class ToolContext:
    """What every capability call needs: the store, settings, the clock, who is asking; and a log of the calls made."""

    engine: Engine
    settings: Settings
    now: datetime
    asker_owner_id: int | None = None
    library: Library | None = None
    """The Chroma library, opened (and seeded when new) on first use by `tools.library.library_for`."""
    private: bool = False
    """The answer goes to the asker alone, in their DM: sensitive records they own may be quoted (`tools.sensitive`).
    False (a channel, or not known) quotes none."""
    calls: list[ToolCall] = field(default_factory=list)


@dataclass(frozen=True)
class Example:
    """An example question and the arguments it should be understood as."""

    question: str
    args: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Subcommand:
    """A `/salesos` subcommand that calls a capability directly.

    `arg` names the argument the rest of the command text fills as typed (`/salesos brief Acme` → company="Acme").
    With `arg=None` the rest of the text is a filter phrase read by the copilot's slot parsers for this capability
    only (`/salesos deals closing this month`). `defaults` are arguments the typed text may override (`owners=["me"]`
    for "your deals"); `when_empty` are the arguments when nothing follows the subcommand (`/salesos risk` → your
    at-risk deals, while `/salesos risk Acme` is Acme's, whoever owns them).
    """

    name: str
    usage: str
    help: str
    arg: str | None = None
    defaults: Mapping[str, Any] = field(default_factory=dict)
    when_empty: Mapping[str, Any] = field(default_factory=dict)


RunFn = Callable[[ToolContext, Session, Any], BaseModel]


@dataclass(frozen=True)
class Capability:
    """One thing the copilot can do."""

    name: str
    """snake_case verb_noun, the LLM tool name."""
    description: str
    """What the model reads to decide when to call it."""
    args_schema: type[BaseModel]
    run: RunFn
    result_types: tuple[type[BaseModel], ...]
    """Every type `run` may return; each has a renderer."""
    examples: tuple[Example, ...] = ()
    subcommand: Subcommand | None = None
    summary: str = ""
    """A short human label for help and clarifying questions ("deals by owner, stage, date or amount")."""


_extra: list[Capability] = []
Registry = tuple[tuple[Capability, ...], dict[str, Capability], dict[str, tuple[Subcommand, Capability]]]
_found: Registry | None = None
"""`all_capabilities()`, `capabilities_by_name()` and `subcommands()`, read once: understanding asks for them several
times a question, and every slash command's ack once. `added` clears it."""


def _registry() -> Registry:
    global _found
    if _found is None:
        found: list[Capability] = []
        for module_name in CAPABILITY_MODULES:
            found.extend(importlib.import_module(module_name).CAPABILITIES)
        found.extend(_extra)
        words = {c.subcommand.name: (c.subcommand, c) for c in found if c.subcommand is not None}
        _found = (tuple(found), {c.name: c for c in found}, words)
    return _found


def all_capabilities() -> tuple[Capability, ...]:
    """Every capability, in declaration order (the modules of `CAPABILITY_MODULES`, then any added by `added`)."""
    return _registry()[0]


def capabilities_by_name() -> dict[str, Capability]:
    """The capabilities keyed by name (a new dict: the caller may change it)."""
    return dict(_registry()[1])


def get_capability(name: str) -> Capability | None:
    """The capability called `name`, if any."""
    return _registry()[1].get(name)


def subcommands() -> dict[str, tuple[Subcommand, Capability]]:
    """`/salesos` subcommands keyed by their word, with the capability each one calls (a new dict each call)."""
    return dict(_registry()[2])


@contextmanager
def added(*capabilities: Capability) -> Iterator[None]:
    """Add capabilities for the duration of a block (plug-ins and tests), then remove them."""
    global _found
    _extra.extend(capabilities)
    _found = None
    try:
        yield
    finally:
        for cap in capabilities:
            _extra.remove(cap)
        _found = None


def validate_args(cap: Capability, args: Mapping[str, Any]) -> BaseModel:
    """Validate arguments against the capability's schema; raise ToolUserError with a plain-words message."""
    try:
        return cap.args_schema.model_validate(dict(args))
    except ValidationError as exc:
        raise ToolUserError(plain_validation_message(cap, exc)) from exc


def plain_validation_message(cap: Capability, exc: ValidationError) -> str:
    """Say in plain words which argument was not understood (no pydantic jargon)."""
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "the question"
        value = err.get("input")
        shown = f" ({value!r})" if isinstance(value, str | int | float) else ""
        kind = err["type"]
        if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
            ctx = err.get("ctx") or {}
            bound = next(iter(ctx.values()), "")
            word = "at least" if kind.startswith("greater") else "at most"
            problems.append(f"{where.replace('_', ' ')} must be {word} {bound}{shown}")
        elif kind == "missing":
            problems.append(f"{where.replace('_', ' ')} is needed")
        else:
            problems.append(f"{where.replace('_', ' ')} was not understood{shown}")
    return "I couldn't use that: " + "; ".join(problems) + "."


def run_capability(ctx: ToolContext, name: str, args: Mapping[str, Any]) -> BaseModel:
    """Validate `args`, run capability `name` read-only, record the call on `ctx`, and return its result.

    Raises:
        ToolUserError: unknown capability, invalid arguments, or a name that does not resolve; the message says
            what to do.
    """
    cap = get_capability(name)
    if cap is None:
        raise ToolUserError(f"I have no capability called '{name}'.")
    call = ToolCall(name=name, args=dict(args))
    ctx.calls.append(call)
    try:
        parsed = validate_args(cap, args)
        with Session(ctx.engine) as session:
            result = cap.run(ctx, session, parsed)
            session.rollback()  # read-only: nothing a capability touched is ever committed
    except ToolUserError as exc:
        call.error = str(exc)
        raise
    call.result = result
    return result


def langchain_tools(ctx: ToolContext) -> list[Any]:
    """Every capability as a LangChain StructuredTool; errors the model can fix come back to it as text."""
    from langchain_core.tools import StructuredTool, ToolException

    def make(cap: Capability) -> Any:
        def invoke(**kwargs: Any) -> str:
            try:
                result = run_capability(ctx, cap.name, {k: v for k, v in kwargs.items() if v is not None})
            except ToolUserError as exc:
                raise ToolException(str(exc)) from exc
            text = result.model_dump_json(exclude_none=True)
            return text if len(text) <= MAX_TOOL_JSON else text[:MAX_TOOL_JSON] + '…(truncated)"'

        return StructuredTool.from_function(
            func=invoke,
            name=cap.name,
            description=cap.description,
            args_schema=cap.args_schema,
            handle_tool_error=True,
        )

    return [make(cap) for cap in all_capabilities()]
