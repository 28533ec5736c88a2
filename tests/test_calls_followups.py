"""Follow-ups from a call: roles and deal from the CRM, tasks due in the AE's timezone, drafts filed once, and the
approval → write-back path through tools/drafts executed exactly once (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session, func, select

from store.models import Call, Draft, Engagement, WriteBack
from tests.calls_fixture import CALL_AT, seed_acme
from tools.calls.analyze import analyze_stored_call, analyze_text
from tools.calls.followups import create_followup_drafts, follow_up_email, suggest_tasks
from tools.drafts import decide_draft, execute_draft, record_locally

DATA = Path(__file__).parent / "data" / "calls"


def test_call_maps_to_the_deal_and_tasks_are_due_in_the_aes_timezone(engine) -> None:
    ids = seed_acme(engine)
    analysis = analyze_text((DATA / "discovery_acme.vtt").read_text(), engine=engine, started_at=CALL_AT)
    assert (analysis.context.deal_id, analysis.context.company_name) == (ids["deal"], "Acme Corp")
    assert {s: (r.side, r.how) for s, r in analysis.roles.items()} == {
        "Dana Reyes": ("rep", "crm_owner"),
        "Jamie Chen": ("prospect", "crm_contact"),
    }
    assert analysis.timezone == "America/Los_Angeles"
    tasks = {t.title: t for t in suggest_tasks(analysis)}
    # "I'll send you a pricing proposal by Friday" on Wed Nov 25 → Fri Nov 27, 17:00 Los Angeles = 01:00 UTC Sat
    proposal = tasks["Send a pricing proposal"]
    assert proposal.due_local == "2026-11-27T17:00:00-08:00"
    assert proposal.due_at == datetime(2026, 11, 28, 1, 0, tzinfo=UTC)
    # the buyer's "loop in your CFO for a call next Tuesday" (Dec 1) → check in the next business day, 10:00 local
    check_in = tasks["Check in: Jamie Chen to loop in your CFO for a call"]
    assert check_in.due_local == "2026-12-02T10:00:00-08:00"
    email = follow_up_email(analysis, engine=engine)
    assert email.to == "jamie@acme.example" and email.source == "template"
    assert email.body.startswith("Hi Jamie,")
    assert "• I'll send you a pricing proposal by Friday, November 27" in email.body
    assert "• You'll check with her and send me a couple of times by Thursday, November 26" in email.body
    assert email.body.rstrip().endswith("Dana Reyes")
    assert analysis.prediction is not None and analysis.prediction.method == "rules"  # no closed deals yet


def test_drafts_are_filed_once_and_written_back_exactly_once(engine) -> None:
    ids = seed_acme(engine)
    with Session(engine) as session:
        call = Call(
            deal_id=ids["deal"],
            company_id=ids["acme"],
            owner_id=ids["dana"],
            started_at=CALL_AT,
            transcript=(DATA / "discovery_acme.txt").read_text(),
            transcript_format="speaker_lines",
        )
        session.add(call)
        session.commit()
        call_id = call.id
    analysis = analyze_stored_call(engine, call_id)
    first = create_followup_drafts(engine, analysis)
    again = create_followup_drafts(engine, analyze_stored_call(engine, call_id))
    assert first == again and len(first) == 5  # 3 tasks, 1 email, 1 note
    with Session(engine) as session:
        drafts = session.exec(select(Draft).where(Draft.id.in_(first))).all()
        assert sorted(d.kind for d in drafts) == ["email", "note", "task", "task", "task"]
        assert {d.owner_id for d in drafts} == {ids["dana"]} and {d.deal_id for d in drafts} == {ids["deal"]}
    writer = record_locally(engine)
    for draft_id in first:
        decision = decide_draft(
            engine,
            draft_id,
            decision="approve",
            decided_by_slack_user="U0DANA",
            is_manager=False,
            owner_slack_user="U0DANA",
        )
        assert decision.acted
        assert not decide_draft(
            engine,
            draft_id,
            decision="approve",
            decided_by_slack_user="U0DANA",
            is_manager=False,
            owner_slack_user="U0DANA",
        ).acted
        assert execute_draft(engine, draft_id, writer=writer).executed
        assert not execute_draft(engine, draft_id, writer=writer).executed  # a second run writes nothing
    with Session(engine) as session:
        kinds = session.exec(select(Engagement.type, func.count()).group_by(Engagement.type)).all()
        assert dict(kinds) == {"task": 3, "email": 1, "note": 1}
        assert session.exec(select(func.count()).select_from(WriteBack)).one() == 5
        task = session.exec(select(Engagement).where(Engagement.subject == "Send a pricing proposal")).one()
        assert task.due_at == datetime(2026, 11, 28, 1, 0, tzinfo=UTC) and task.deal_id == ids["deal"]


def test_cli_analyzes_a_stored_call(sqlite_engine, monkeypatch, capsys) -> None:
    from app import main

    ids = seed_acme(sqlite_engine)
    with Session(sqlite_engine) as session:
        call = Call(
            deal_id=ids["deal"],
            company_id=ids["acme"],
            owner_id=ids["dana"],
            started_at=CALL_AT,
            transcript=(DATA / "discovery_acme.json").read_text(),
            transcript_format="json",
        )
        session.add(call)
        session.commit()
        call_id = call.id
    monkeypatch.setenv("DATABASE_URL", str(sqlite_engine.url))
    assert main(["analyze-call", "--call", str(call_id)]) == 0
    out = capsys.readouterr().out
    assert "Acme Corp" in out and "Predicted outcome of Acme forecasting" in out
    assert main(["analyze-call", "--call", "999"]) == 2
    assert "no call 999" in capsys.readouterr().err
