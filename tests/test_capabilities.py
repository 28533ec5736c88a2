"""One capability, one record: a capability declared in a test alone reaches every surface that lists capabilities."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import BaseModel, Field
from sqlmodel import Session

from app import main
from bot.copilot.direct import commands_help, parse_command, run_command
from bot.copilot.render import Renderer, renderer_for, renders, suggested_prompts
from bot.copilot.reply import Reply, Section, to_text
from bot.copilot.understanding import examples, route
from settings import Settings
from tests import copilot_fixture as fx
from tools.capabilities import (
    Capability,
    Example,
    Subcommand,
    ToolContext,
    added,
    all_capabilities,
    langchain_tools,
)


class ToyArgs(BaseModel):
    word: str = Field(description="A word to count the letters of.")


class ToyResult(BaseModel):
    word: str
    letters: int


def _count_letters(ctx: ToolContext, session: Session, a: ToyArgs) -> BaseModel:
    return ToyResult(word=a.word, letters=len(a.word))


TOY = Capability(
    name="count_letters",
    summary="count a word's letters",
    description="Count the letters of a word (a toy capability declared in a test).",
    args_schema=ToyArgs,
    run=_count_letters,
    result_types=(ToyResult,),
    examples=(Example("how many letters are in pipeline", {"word": "pipeline"}),),
    subcommand=Subcommand("letters", "letters <word>", "count a word's letters", arg="word"),
)


@renders(ToyResult)
def _render_toy(renderer: Renderer, result: ToyResult) -> Reply:
    return Reply(fallback="letters").add(Section(f"“{result.word}” has {result.letters} letters"))


@pytest.fixture
def ws(sqlite_engine):
    fx.build(sqlite_engine)
    return sqlite_engine


def test_a_capability_declared_here_appears_everywhere(ws, tmp_path, monkeypatch, capsys):
    settings = Settings(chroma_path=tmp_path / "chroma")
    ctx = ToolContext(engine=ws, settings=settings, now=datetime.now(UTC))
    assert "count_letters" not in {t.name for t in langchain_tools(ctx)}
    with added(TOY):
        # the LLM agent's tools
        tool = next(t for t in langchain_tools(ctx) if t.name == "count_letters")
        assert tool.description == TOY.description and '"letters":8' in tool.invoke({"word": "pipeline"})
        # /salesos help, and the subcommand maps straight to the capability with its argument
        assert "/salesos letters <word>" in to_text(commands_help())
        request = parse_command("letters forecast")
        assert (request.capability, dict(request.args)) == ("count_letters", {"word": "forecast"})
        assert "“forecast” has 8 letters" in to_text(run_command(request, engine=ws, settings=settings).reply)
        # the offline understanding's examples, and what it makes of them
        assert ("how many letters are in pipeline", "count_letters", {"word": "pipeline"}) in examples()
        with Session(ws) as session:
            decision = route("How many letters are in pipeline?", session=session, now=fx.NOW, tz="UTC")
        assert (decision.tool, decision.args) == ("count_letters", {"word": "pipeline"})
        assert "how many letters are in pipeline" in suggested_prompts(limit=100)
        # salesos ask
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{ws.url.database}")
        assert main(["ask", "how many letters are in pipeline"]) == 0
        assert "“pipeline” has 8 letters" in capsys.readouterr().out
    assert "count_letters" not in {c.name for c in all_capabilities()}


def test_every_result_type_of_every_capability_has_a_renderer():
    missing = [(c.name, t.__name__) for c in all_capabilities() for t in c.result_types if renderer_for(t) is None]
    assert missing == []


def test_capability_names_and_subcommands_are_unique():
    caps = all_capabilities()
    assert len({c.name for c in caps}) == len(caps)
    subs = [c.subcommand.name for c in caps if c.subcommand]
    assert len(set(subs)) == len(subs)


def test_slash_subcommands_call_their_capability_without_guessing(ws, tmp_path):
    settings = Settings(chroma_path=tmp_path / "chroma", team_timezone="America/New_York")
    assert parse_command("brief Acme").args == {"company": "Acme"}
    assert parse_command("risk Acme").args == {"company": "Acme"}  # the company's deals, whoever owns them
    assert parse_command("risk").args == {"owners": ["me"]}
    assert parse_command("what's the latest on Acme?").kind == "question"
    assert parse_command("").kind == "help"
    risk = run_command(parse_command("risk Acme"), engine=ws, settings=settings, now=fx.NOW)
    assert risk.tool_calls == [("list_at_risk_deals", {"company": "Acme"})]
    deals = run_command(parse_command("deals closing this month"), engine=ws, settings=settings, now=fx.NOW)
    name, args = deals.tool_calls[0]
    assert name == "search_deals" and args["owners"] == ["me"] and args["closing_from"] == "2026-11-01"
    odd = run_command(parse_command("deals the stock price of salesforce"), engine=ws, settings=settings, now=fx.NOW)
    assert "couldn't read" in to_text(odd.reply) and not odd.data
