"""The copilot evaluation scores tool AND arguments, for the router and for the agent (over the wire)."""

from __future__ import annotations

from eval.copilot import canonical, period_dates, route_with_agent, run
from eval.copilot.questions import CASES, FRESH, HELDOUT
from settings import Settings
from tests import copilot_fixture as fx
from tests.fakes.openai_api import FakeOpenAI, text, tool_call

TWO = [
    ("which deals are silent 5+ days?", "list_silent_deals", {"days": 5}),
    ("brief Acme", "get_company_brief", {"company": "Acme Corp"}),
]


def test_question_set_is_large_and_varied():
    assert len(CASES) >= 150 and len(HELDOUT) >= 40 and len(FRESH) >= 25
    questions = [q for q, _t, _a in CASES + HELDOUT + FRESH]
    assert len(set(questions)) == len(questions)
    assert len({t for _q, t, _a in CASES}) == 10  # 9 tools + "no tool"


def test_period_tokens():
    from datetime import date

    today = date(2026, 11, 25)
    assert period_dates("this_quarter", today) == (date(2026, 10, 1), date(2026, 12, 31))
    assert period_dates("next_month", today) == (date(2026, 12, 1), date(2026, 12, 31))
    assert period_dates("q1", today) == (date(2027, 1, 1), date(2027, 3, 31))
    assert period_dates("month:1", today) == (date(2027, 1, 1), date(2027, 1, 31))
    # closed deals face the past: the November that has begun, the quarter before this one, the month so far
    assert period_dates("past_month:11", today) == (date(2026, 11, 1), date(2026, 11, 30))
    assert period_dates("past_month:12", today) == (date(2025, 12, 1), date(2025, 12, 31))
    assert period_dates("last_quarter", today) == (date(2026, 7, 1), date(2026, 9, 30))
    assert period_dates("mtd", today) == (date(2026, 11, 1), today)


def test_router_and_agent_scored_the_same_way(sqlite_engine, tmp_path, capsys):
    fx.build(sqlite_engine)
    assert run(sqlite_engine, fx.NOW, TWO, "router", asker_name="Dana Reyes") == 1.0
    script = [
        lambda req: tool_call("list_silent_deals", {"days": 5}, "a"),
        lambda req: text("done"),
        lambda req: tool_call("get_latest_on_company", {"company": "Acme"}, "b"),  # the wrong tool for a brief
        lambda req: text("done"),
    ]
    with FakeOpenAI(script) as server:
        settings = Settings(openai_base_url=server.base_url, openai_api_key="k", chroma_path=tmp_path / "c")
        accuracy = run(
            sqlite_engine, fx.NOW, TWO, "agent", decide=route_with_agent, settings=settings, asker_name="Dana Reyes"
        )
    assert accuracy == 0.5
    assert "✗ CONFIDENT WRONG 'brief Acme': got get_latest_on_company" in capsys.readouterr().out


def test_canonical_resolves_names_the_way_tools_do(sqlite_engine):
    from sqlmodel import Session

    ids = fx.build(sqlite_engine)
    with Session(sqlite_engine) as s:
        a = canonical(s, "list_silent_deals", {"days": 5, "owners": ["sam"]}, ids["dana"], fx.NOW.date())
        b = canonical(s, "list_silent_deals", {"days": 5, "owners": ["Sam Patel"]}, ids["dana"], fx.NOW.date())
        c = canonical(s, "list_silent_deals", {"owners": ["me"]}, ids["dana"], fx.NOW.date())
        assert a == b == {"owners": [ids["sam"]], "days": 5}
        assert c == {"owners": [ids["dana"]], "days": 5}
        assert canonical(s, "get_company_brief", {"company": "acme corp"}, 1, fx.NOW.date()) == {"company": "Acme Corp"}


def test_an_answer_that_says_what_it_left_out_is_safe_only_when_it_left_out_and_changed_nothing():
    from eval.copilot import only_left_out

    want = {"owners": [3], "closing_from": "2027-01-01", "min_amount": 25000.0, "company": None}
    assert only_left_out({"owners": [3], "closing_from": "2027-01-01", "min_amount": None, "company": None}, want)
    assert only_left_out({"owners": [], "closing_from": None, "min_amount": None, "company": None}, want)
    # a value that is there but wrong is a wrong answer, whatever the caveat says
    assert not only_left_out({"owners": [4], "closing_from": "2027-01-01", "min_amount": None, "company": None}, want)
    assert not only_left_out({**want, "company": "Globex"}, want)
    assert not only_left_out(dict(want), want)  # nothing differs: it is simply right


def test_eval_runner_passes_options_after_the_names_to_evaluations_that_take_them(monkeypatch, capsys):
    import types

    import eval.__main__ as runner

    seen: dict[str, object] = {}
    modules = {
        "eval.copilot": types.SimpleNamespace(main=lambda argv: seen.setdefault("copilot", argv) and 0),
        "eval.leads": types.SimpleNamespace(main=lambda: seen.setdefault("leads", "no options") and 0),
    }
    monkeypatch.setattr(runner.importlib, "import_module", modules.__getitem__)
    assert runner.main(["copilot", "leads", "--only", "set 9"]) == 0
    assert seen == {"copilot": ["--only", "set 9"], "leads": "no options"}
    assert "eval/leads takes no options; ignored: --only set 9" in capsys.readouterr().err
    assert runner.main(["nonsense"]) == 2
