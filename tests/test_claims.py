"""Exactly-once claims: unit behaviour, and real processes racing for the same slots on SQLite and PostgreSQL."""

import multiprocessing as mp

import pytest

from jobs.claims import claim, get_claim, mark_done, mark_failed, retry_failed, run_claimed


def url_of(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_claim_done_failed_and_deliberate_retry(engine):
    assert claim(engine, "weekly_digest", "digest:east:2026-W48", "a")
    assert not claim(engine, "weekly_digest", "digest:east:2026-W48", "b")
    assert claim(engine, "risk_alerts", "digest:east:2026-W48", "b")  # another job, same slot text: its own row
    mark_done(engine, "weekly_digest", "digest:east:2026-W48", "a", "posted C1 1.2")
    row = get_claim(engine, "weekly_digest", "digest:east:2026-W48")
    assert (row.status, row.claimed_by, row.detail) == ("done", "a", "posted C1 1.2") and row.finished_at

    assert not retry_failed(engine, "weekly_digest", "digest:east:2026-W48", "b")  # done is never re-run

    mark_failed(engine, "risk_alerts", "digest:east:2026-W48", "b", "boom")
    assert not claim(engine, "risk_alerts", "digest:east:2026-W48", "c")  # a failure is not retried by accident
    assert retry_failed(engine, "risk_alerts", "digest:east:2026-W48", "c")
    assert not retry_failed(engine, "risk_alerts", "digest:east:2026-W48", "d")  # only one taker
    assert get_claim(engine, "risk_alerts", "digest:east:2026-W48").claimed_by == "c"


def test_run_claimed_records_outcomes(engine):
    calls = []
    first = run_claimed(engine, "j", "s1", "a", lambda: calls.append(1) or "ok", describe=str)
    second = run_claimed(engine, "j", "s1", "b", lambda: calls.append(2))
    assert (first.ran, first.result, second.ran, calls) == (True, "ok", False, [1])
    assert get_claim(engine, "j", "s1").detail == "ok"

    def boom():
        raise RuntimeError("Slack is down")

    with pytest.raises(RuntimeError):
        run_claimed(engine, "j", "s2", "a", boom)
    assert get_claim(engine, "j", "s2").status == "failed"
    assert not run_claimed(engine, "j", "s2", "b", lambda: "again").ran
    again = run_claimed(engine, "j", "s2", "b", lambda: "again", retry=True)
    assert again.ran and get_claim(engine, "j", "s2").status == "done"


def test_concurrent_processes_each_slot_won_exactly_once(engine):
    from tests.jobs_procs import race_for_slots

    ctx = mp.get_context("fork")  # real OS processes; fork skips re-importing the stack
    racers = 3
    slots = [f"brief:{i}" for i in range(40)]
    barrier, results = ctx.Barrier(racers), ctx.Queue()
    procs = [
        ctx.Process(target=race_for_slots, args=(url_of(engine), "precall_brief", slots, f"p{i}", barrier, results))
        for i in range(racers)
    ]
    for p in procs:
        p.start()
    won = dict(results.get(timeout=90) for _ in procs)
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    all_won = [slot for got in won.values() for slot in got]
    assert sorted(all_won) == sorted(slots)  # every slot won, none twice
    for slot in slots:
        owner = next(o for o, got in won.items() if slot in got)
        assert get_claim(engine, "precall_brief", slot).claimed_by == owner
