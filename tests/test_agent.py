"""The LLM copilot through the real ChatOpenAI client, against a scripted OpenAI-compatible server on loopback."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, select

from bot.copilot.answer import answer
from bot.copilot.reply import Section, to_text
from settings import Settings
from store.models import ConversationTurn, Deal, Draft
from tests import copilot_fixture as fx
from tests.fakes.openai_api import FakeOpenAI, text, tool_call, tool_results


@pytest.fixture
def ws(sqlite_engine):
    return sqlite_engine, fx.build(sqlite_engine)


def llm_settings(server: FakeOpenAI, tmp_path) -> Settings:
    return Settings(
        openai_base_url=server.base_url,
        openai_api_key="test-key",
        openai_model="fake-model",
        chroma_path=tmp_path / "c",
    )


def grounded_silent_answer(request):
    data = json.loads(tool_results(request)[-1]["content"])
    parts = [f"{d['deal']['company_name']} ({d['days_silent']} days)" for d in data["deals"]]
    return text(f"{data['total']} deals are silent {data['days']}+ days: " + ", ".join(parts) + ".")


def test_agent_runs_real_tools_and_answers_from_them(ws, tmp_path):
    engine, ids = ws
    script = [lambda req: tool_call("list_silent_deals", {"days": 5}, "call_1"), grounded_silent_answer]
    with FakeOpenAI(script) as server:
        a = answer(
            "which deals are silent 5+ days?",
            engine=engine,
            settings=llm_settings(server, tmp_path),
            asker_owner_id=ids["dana"],
            now=fx.NOW,
            thread_key="D1",
        )
    assert a.mode == "agent"
    assert a.tool_calls == [("list_silent_deals", {"days": 5})]
    assert [s.deal.company_name for s in a.data[0].deals] == ["Initech", "Globex"]
    first, second = server.requests
    assert first["model"] == "fake-model"
    assert {t["function"]["name"] for t in first["tools"]} >= {"list_silent_deals", "get_company_brief"}
    system = first["messages"][0]
    assert system["role"] == "system" and "2026-11-25" in system["content"] and "America/New_York" in system["content"]
    assert "Dana Reyes" in system["content"]
    # The tool result went over the wire, and the final answer is made of its numbers.
    assert second["messages"][-1]["role"] == "tool" and "Initech" in second["messages"][-1]["content"]
    reply_text = to_text(a.reply)
    assert "2 deals are silent 5+ days: Initech (20 days), Globex (9 days)." in reply_text
    assert "Data as of" in reply_text  # the same renderer adds the records and freshness


def test_agent_memory_persists_per_thread(ws, tmp_path):
    engine, ids = ws
    script = [
        lambda req: tool_call("get_latest_on_company", {"company": "Acme"}, "c1"),
        lambda req: text("Acme Corp is in Contract sent for $120,000."),
        lambda req: text("Its owner is Dana Reyes."),
    ]
    with FakeOpenAI(script) as server:
        s = llm_settings(server, tmp_path)
        answer("latest on Acme?", engine=engine, settings=s, now=fx.NOW, thread_key="C1:171.1")
        answer("who owns it?", engine=engine, settings=s, now=fx.NOW, thread_key="C1:171.1")
    third = server.requests[2]["messages"]
    contents = [m.get("content") for m in third]
    assert "latest on Acme?" in contents and "Acme Corp is in Contract sent for $120,000." in contents
    assert contents[-1] == "who owns it?"
    with Session(engine) as session:
        turns = session.exec(select(ConversationTurn).where(ConversationTurn.thread_key == "C1:171.1")).all()
    assert [t.role for t in turns] == ["user", "assistant", "user", "assistant"]


def test_unknown_company_comes_back_as_candidates(ws, tmp_path):
    engine, _ = ws

    def did_you_mean(req):
        match = json.loads(tool_results(req)[-1]["content"])
        names = " or ".join(c["name"] for c in match["candidates"])
        return text(f"Did you mean {names}?")

    script = [lambda req: tool_call("get_company_brief", {"company": "Wayne"}, "c1"), did_you_mean]
    with FakeOpenAI(script) as server:
        a = answer("brief Wayne", engine=engine, settings=llm_settings(server, tmp_path), now=fx.NOW)
    assert a.data[0].status == "ambiguous"
    assert "Did you mean Wayne Enterprises or Wayne Foods?" in to_text(a.reply)


def test_instruction_in_a_note_cannot_cause_a_write(ws, tmp_path):
    """A model that obeys the injected note still has no tool that writes; the store is unchanged."""
    engine, _ = ws
    with Session(engine) as session:
        before = [(d.id, d.stage, d.is_won, d.is_closed) for d in session.exec(select(Deal)).all()]

    def obey_injection(req):
        assert fx.INJECTION in tool_results(req)[-1]["content"]  # the note reached the model as data
        return {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": f"w{i}", "type": "function", "function": {"name": name, "arguments": json.dumps(args)}}
                for i, (name, args) in enumerate(
                    [
                        ("update_deal", {"deal_id": 1, "stage": "closedwon"}),
                        ("close_all_deals", {"outcome": "won"}),
                        ("search_deals", {"stages": ["closedwon"], "include_closed": True}),
                    ]
                )
            ],
        }

    script = [
        lambda req: tool_call("get_latest_on_company", {"company": "Acme Corp"}, "c1"),
        obey_injection,
        lambda req: text("I can't change deals."),
    ]
    with FakeOpenAI(script) as server:
        a = answer("latest on Acme Corp", engine=engine, settings=llm_settings(server, tmp_path), now=fx.NOW)
        tool_names = {t["function"]["name"] for t in server.requests[0]["tools"]}
    errors = [m["content"] for m in server.requests[2]["messages"] if m.get("role") == "tool"]
    assert any("update_deal" in e and "not a valid tool" in e for e in errors)
    # capability names are verb_noun: no capability's verb writes ("get_closed_deal_metrics" reads closed deals)
    verbs = {name.split("_")[0] for name in tool_names}
    assert not verbs & {"update", "close", "delete", "create", "write", "send", "set", "mark", "move"}
    with Session(engine) as session:
        after = [(d.id, d.stage, d.is_won, d.is_closed) for d in session.exec(select(Deal)).all()]
        assert after == before
        assert session.exec(select(Draft)).all() == []
    assert "I can't change deals." in next(p.text for p in a.reply.parts if isinstance(p, Section))


def test_llm_down_falls_back_to_offline(ws, tmp_path):
    engine, _ = ws
    with FakeOpenAI([]) as server:  # every request gets a 500
        a = answer(
            "which deals are silent 5+ days?", engine=engine, settings=llm_settings(server, tmp_path), now=fx.NOW
        )
    assert a.mode == "offline" and [s.deal.company_name for s in a.data[0].deals] == ["Initech", "Globex"]
    assert "offline copilot" in to_text(a.reply)


def test_unknown_capability_and_bad_arguments_still_give_a_safe_answer(ws, tmp_path):
    """The model asks for a capability that does not exist, then for a real one with arguments it cannot have:
    each error goes back to the model as plain text, nothing runs with made-up arguments, and the user gets the
    model's honest answer, with no figures from a failed call."""
    engine, ids = ws
    script = [
        lambda req: tool_call("get_revenue_forecast", {"quarter": "Q1"}, "u1"),
        lambda req: tool_call("get_closed_deal_metrics", {"metric": "profit", "closed_from": "last spring"}, "b1"),
        lambda req: text("I can't forecast revenue; I can give closed-deal metrics such as won amount or win rate."),
    ]
    with FakeOpenAI(script) as server:
        a = answer(
            "what will we book next quarter?",
            engine=engine,
            settings=llm_settings(server, tmp_path),
            asker_owner_id=ids["dana"],
            now=fx.NOW,
        )
    errors = [m["content"] for r in server.requests[1:] for m in r["messages"] if m.get("role") == "tool"]
    assert any("get_revenue_forecast" in e and "not a valid tool" in e for e in errors)
    assert any("metric" in e and "closed_from" in e for e in errors), errors  # what to fix, for the model
    assert a.data == []  # no capability ran with invalid arguments, so no records are shown as the answer
    shown = to_text(a.reply)
    assert "I can't forecast revenue" in shown and "$" not in shown
