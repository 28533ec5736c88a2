"""The demo workspace generator: determinism, shape, invariants, tour accounts, and the behaviour -> outcome signal."""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

import store.bulk as bulk
import store.demo as demo
from store.db import open_engine, upgrade_schema
from store.demo import MEMORABLE, ensure_workspace, generate_workspace
from store.demo import text as words
from store.models import (
    CLOSED_STAGES,
    OPEN_STAGES,
    Call,
    CloseDateChange,
    Company,
    Contact,
    Deal,
    DealContact,
    DealStageChange,
    Engagement,
    InboundLead,
    Owner,
    WorkspaceMeta,
    is_buyer_engagement,
)

AS_OF = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
LINE = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] ([^:]+): (.+)$")


def _rows(engine: Engine, sql: str) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def _sqlite(path) -> Engine:
    engine = open_engine(f"sqlite:///{path}")
    upgrade_schema(engine)
    return engine


def _dump(engine: Engine) -> dict[str, list[tuple]]:
    """Key columns of every generated table, in id order."""
    return {
        "owner": _rows(engine, "SELECT id, name, email, team, role, timezone FROM owner ORDER BY id"),
        "company": _rows(engine, "SELECT id, name, domain, employees, region, owner_id FROM company ORDER BY id"),
        "contact": _rows(engine, "SELECT id, company_id, email, title FROM contact ORDER BY id"),
        "deal": _rows(
            engine,
            "SELECT id, name, company_id, owner_id, stage, amount, close_date, created_at, closed_at, close_reason "
            "FROM deal ORDER BY id",
        ),
        "dealcontact": _rows(engine, "SELECT deal_id, contact_id, role FROM dealcontact ORDER BY deal_id, contact_id"),
        "stages": _rows(
            engine, "SELECT id, deal_id, from_stage, to_stage, changed_at FROM dealstagechange ORDER BY id"
        ),
        "pushes": _rows(engine, "SELECT id, deal_id, old_date, new_date, changed_at FROM closedatechange ORDER BY id"),
        "engagement": _rows(
            engine,
            "SELECT id, type, deal_id, contact_id, direction, status, occurred_at, in_reply_to_id, body "
            "FROM engagement ORDER BY id",
        ),
        "call": _rows(engine, 'SELECT id, engagement_id, transcript, duration_seconds FROM "call" ORDER BY id'),
        "lead": _rows(
            engine, "SELECT id, dedupe_key, company_name, budget, status, deal_id FROM inboundlead ORDER BY id"
        ),
        "meta": _rows(engine, "SELECT key, value FROM workspacemeta ORDER BY key"),
    }


# --- determinism ----------------------------------------------------------------------------------------------------


def test_same_seed_and_as_of_give_identical_rows_and_another_seed_differs(tmp_path):
    first, second, other = (_sqlite(tmp_path / f"{name}.db") for name in ("a", "b", "c"))
    generate_workspace(first, size="small", seed=11, as_of=AS_OF)
    generate_workspace(second, size="small", seed=11, as_of=AS_OF)
    generate_workspace(other, size="small", seed=12, as_of=AS_OF)
    a, b, c = _dump(first), _dump(second), _dump(other)
    for table in a:
        assert a[table] == b[table], f"{table} differs between two builds with the same seed"
    assert a["engagement"] and a["call"] and a["lead"]
    assert a["deal"] != c["deal"] and a["engagement"] != c["engagement"] and a["call"] != c["call"]
    # The tour accounts keep their shape whatever the seed.
    acme = [r for r in c["company"] if r[1] == "Acme Corp"]
    assert len(acme) == 1


GENERATED = (
    Owner,
    Company,
    Contact,
    Deal,
    DealContact,
    DealStageChange,
    CloseDateChange,
    Engagement,
    Call,
    InboundLead,
    WorkspaceMeta,
)

# sha256 (first 16 hex digits) of every generated table, by `_digests`, recorded from the generator before the bulk
# build work (win-back bisect, store.bulk, deferred indexes): same seed and as_of must keep giving these exact rows.
# A deliberate change to the generated data changes these and `store.demo.GENERATOR`.
PINNED = {
    ("small", 11): {
        "owner": "c1dc3b4159e94bae",
        "company": "764b63fc02fbf6dc",
        "contact": "21910e830db09461",
        "deal": "72e5491f1ba6fc70",
        "dealcontact": "6c02b54daa24b94b",
        "dealstagechange": "21a944cbcbdb8351",
        "closedatechange": "58eb52cada54a5d8",
        "engagement": "f7aa7c2e62a069f5",
        "call": "a10a4e5b0181b8ae",  # d4f5644c68a1df9a before `call.share_key` (NULL on every generated call)
        "inboundlead": "1a187adfcf634377",
        "workspacemeta": "5dcb0d3da32d3aa0",
    },
    ("default", 7): {
        "owner": "c1dc3b4159e94bae",
        "company": "e877013695fd88ff",
        "contact": "6814af2ebe9a0d10",
        "deal": "ef7f44a6cb6917e9",
        "dealcontact": "26066093218c6122",
        "dealstagechange": "0e13e5964406f691",
        "closedatechange": "b710228e2812336d",
        "engagement": "c833c560ff87c9c7",
        "call": "af4ae4015a06983f",  # 7fee2ff00894b982 before `call.share_key` (NULL on every generated call)
        "inboundlead": "eb29e25b61e6608d",
        "workspacemeta": "1dea445e9d729cb8",
    },
}


def _canonical(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return repr(value)


def _digests(engine: Engine) -> dict[str, str]:
    """Per generated table, a hash of every row and column read back through the models' types, in key order.

    Read through the types, the digest is the same on SQLite and PostgreSQL for the same data.
    """
    from sqlalchemy import select as core_select

    out = {}
    with engine.connect() as conn:
        for model in GENERATED:
            table = model.__table__
            digest = hashlib.sha256()
            for row in conn.execute(core_select(table).order_by(*table.primary_key.columns)):
                digest.update("\x1f".join(_canonical(v) for v in row).encode() + b"\n")
            out[table.name] = digest.hexdigest()[:16]
    return out


def _raw_rows(engine: Engine, table: str) -> list:
    """Every row as the database itself stores it: SQLite's values, PostgreSQL's text form of the row."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return [tuple(r) for r in conn.exec_driver_sql(f'SELECT * FROM "{table}" ORDER BY 1, 2')]
        return [r[0] for r in conn.exec_driver_sql(f'SELECT t::text FROM "{table}" t ORDER BY 1')]


def _index_ddl(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return sorted(
                tuple(r) for r in conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
            )
        return sorted(
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            )
        )


def test_generated_rows_match_the_pinned_digests(tmp_path, default_workspace):
    small = _sqlite(tmp_path / "small.db")
    generate_workspace(small, size="small", seed=11, as_of=AS_OF)
    assert _digests(small) == PINNED[("small", 11)]
    assert _digests(default_workspace) == PINNED[("default", 7)]


def test_bulk_writes_store_exactly_what_core_inserts_store(engine, monkeypatch):
    """The drivers' fast paths (SQLite executemany of tuples, PostgreSQL COPY) against Core inserts, byte for byte."""
    from store.db import clear_data

    odd_as_of = datetime(2026, 3, 8, 7, 15, 30, 123456, tzinfo=UTC)
    indexes = _index_ddl(engine)
    generate_workspace(engine, size="small", seed=5, as_of=odd_as_of)
    fast = {model.__tablename__: _raw_rows(engine, model.__tablename__) for model in GENERATED}
    fast_digests = _digests(engine)
    assert _index_ddl(engine) == indexes  # the indexes dropped for the load are back, exactly
    clear_data(engine)
    monkeypatch.setattr(bulk, "FAST_WRITES", False)
    generate_workspace(engine, size="small", seed=5, as_of=odd_as_of)
    for table, rows in fast.items():
        assert rows and rows == _raw_rows(engine, table), f"{table} differs between the bulk path and Core inserts"
    assert fast_digests == _digests(engine)


@pytest.mark.postgres
def test_sqlite_and_postgresql_builds_hold_the_same_rows(sqlite_engine, postgres_engine):
    generate_workspace(sqlite_engine, size="small", seed=11, as_of=AS_OF)
    generate_workspace(postgres_engine, size="small", seed=11, as_of=AS_OF)
    assert _digests(postgres_engine) == _digests(sqlite_engine) == PINNED[("small", 11)]


def test_a_failed_build_leaves_no_rows_and_every_index(engine, monkeypatch):
    from store.demo.workspace import WorkspaceBuilder

    indexes = _index_ddl(engine)

    def broken(self, leads):
        raise RuntimeError("disk full")

    monkeypatch.setattr(WorkspaceBuilder, "_write_leads", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        generate_workspace(engine, size="small", seed=7, as_of=AS_OF)
    assert _index_ddl(engine) == indexes
    assert _rows(engine, "SELECT COUNT(*) FROM engagement") == [(0,)]
    assert _rows(engine, "SELECT COUNT(*) FROM deal") == [(0,)]


# --- shape and invariants, on SQLite and PostgreSQL -------------------------------------------------------------------


def test_small_workspace_row_counts(engine):
    stats = generate_workspace(engine, size="small", seed=7, as_of=AS_OF)
    counts = dict(
        _rows(
            engine,
            "SELECT 'owners', COUNT(*) FROM owner UNION ALL SELECT 'companies', COUNT(*) FROM company "
            "UNION ALL SELECT 'deals', COUNT(*) FROM deal UNION ALL SELECT 'engagements', COUNT(*) FROM engagement "
            "UNION ALL SELECT 'calls', COUNT(*) FROM \"call\" UNION ALL SELECT 'leads', COUNT(*) FROM inboundlead "
            "UNION ALL SELECT 'contacts', COUNT(*) FROM contact",
        )
    )
    assert counts["owners"] == stats.owners == 12
    assert _rows(engine, "SELECT team, role, COUNT(*) FROM owner GROUP BY team, role ORDER BY team, role") == [
        ("Team East", "ae", 5),
        ("Team East", "manager", 1),
        ("Team West", "ae", 5),
        ("Team West", "manager", 1),
    ]
    assert 40 <= counts["companies"] == stats.companies <= 80
    assert counts["deals"] == stats.deals == 150
    assert 15 * 150 <= counts["engagements"] == stats.engagements <= 30 * 150
    assert counts["calls"] == stats.calls == 30
    assert 50 <= counts["leads"] == stats.leads <= 60
    assert counts["contacts"] >= 5 * counts["companies"]
    assert stats.seconds > 0
    assert stats.rows()["deals"] == 150
    open_share = _rows(engine, "SELECT AVG(CASE WHEN is_closed THEN 0.0 ELSE 1.0 END) FROM deal")[0][0]
    assert 0.12 <= open_share <= 0.35
    meta = dict(_rows(engine, "SELECT key, value FROM workspacemeta"))
    assert meta == {"generator": demo.GENERATOR, "seed": "7", "size": "small", "as_of": AS_OF.isoformat()}


def test_small_workspace_invariants(engine):
    generate_workspace(engine, size="small", seed=3, as_of=AS_OF)
    with Session(engine) as s:
        deals = s.exec(select(Deal)).all()
        engagements = s.exec(select(Engagement)).all()
        changes = s.exec(select(DealStageChange).order_by(DealStageChange.deal_id, DealStageChange.id)).all()
        pushes = s.exec(select(CloseDateChange)).all()
        calls = s.exec(select(Call)).all()
        leads = s.exec(select(InboundLead)).all()
        roles = s.exec(select(DealContact)).all()
        meta = s.exec(select(WorkspaceMeta)).all()

    # Deals: stage, flags, dates and reasons agree.
    for d in deals:
        assert d.pipeline == "default"
        assert d.stage in OPEN_STAGES + CLOSED_STAGES
        assert d.is_closed == (d.stage in CLOSED_STAGES)
        assert d.is_won == (d.stage == "closedwon")
        if d.is_closed:
            assert d.closed_at is not None and d.created_at <= d.closed_at <= AS_OF
            assert d.close_reason and d.close_date == d.closed_at.date()
        else:
            assert d.closed_at is None and d.close_reason is None and d.next_step
        assert d.created_at <= AS_OF and d.amount and d.amount > 0 and d.product and d.source
        for stamp in (d.created_at, d.closed_at, d.updated_at):
            assert stamp is None or stamp.utcoffset() == timedelta(0)

    # Stage history: a chain from nothing to the current stage, in time order, closing at closed_at.
    by_deal: dict[int, list[DealStageChange]] = defaultdict(list)
    for c in changes:
        by_deal[c.deal_id].append(c)
    for d in deals:
        history = by_deal[d.id]
        assert history and history[0].from_stage is None and history[0].changed_at == d.created_at
        assert history[-1].to_stage == d.stage
        for before, after in zip(history, history[1:], strict=False):
            assert after.from_stage == before.to_stage and after.changed_at >= before.changed_at
        if d.is_closed:
            assert history[-1].changed_at == d.closed_at
        assert all(c.changed_at <= AS_OF for c in history)
    lost_from = {by_deal[d.id][-2].to_stage for d in deals if d.stage == "closedlost"}
    assert len(lost_from) >= 3, "lost deals drop out at various stages"

    for p in pushes:
        assert p.new_date > p.old_date and p.changed_at.utcoffset() == timedelta(0)

    # Engagements: stored buyer flag, reply linkage, nothing happened in the future but scheduled meetings.
    by_id = {e.id: e for e in engagements}
    deal_by_id = {d.id: d for d in deals}
    for e in engagements:
        assert e.buyer_engaged == is_buyer_engagement(e.type, e.direction, e.status)
        assert e.occurred_at.utcoffset() == timedelta(0)
        if e.status == "scheduled":
            assert e.type == "meeting" and e.occurred_at > AS_OF
        else:
            assert e.occurred_at <= AS_OF
        if e.in_reply_to_id is not None:
            original = by_id[e.in_reply_to_id]
            assert e.type == original.type == "email" and e.direction == "inbound" and original.direction == "outbound"
            assert original.deal_id == e.deal_id and original.occurred_at <= e.occurred_at
        deal = deal_by_id[e.deal_id]
        assert e.company_id == deal.company_id and e.owner_id == deal.owner_id
        assert e.occurred_at >= deal.created_at
        if deal.is_closed:
            assert e.occurred_at <= deal.closed_at
        if e.type == "task":
            assert e.status in ("open", "done") and e.due_at is not None
    inbound = [e for e in engagements if e.type == "email" and e.direction == "inbound"]
    assert inbound and all(e.in_reply_to_id for e in inbound)
    assert {e.type for e in engagements} == {"email", "meeting", "call", "note", "task"}
    assert {e.status for e in engagements if e.type == "meeting"} >= {"completed", "scheduled", "no_show"}
    assert {e.status for e in engagements if e.type == "call"} >= {"connected", "no_answer"}

    # Deal contacts: every deal has a buying group from its own company, with known roles.
    contact_company = dict(_rows(engine, "SELECT id, company_id FROM contact"))
    per_deal: dict[int, set[int]] = defaultdict(set)
    for r in roles:
        assert r.role in ("champion", "economic_buyer", "technical_evaluator", "user")
        assert contact_company[r.contact_id] == deal_by_id[r.deal_id].company_id
        per_deal[r.deal_id].add(r.contact_id)
    assert set(per_deal) == set(deal_by_id)
    for e in engagements:
        if e.type in ("email", "call", "meeting"):
            assert e.contact_id in per_deal[e.deal_id]

    # Calls: parseable transcripts whose labels point at real lines.
    for c in calls:
        engagement = by_id[c.engagement_id]
        assert engagement.type == "meeting" and engagement.status == "completed" and engagement.deal_id == c.deal_id
        assert c.started_at == engagement.occurred_at and c.transcript_format == "speaker_lines"
        lines = c.transcript.split("\n")
        assert 40 <= len(lines) <= 150
        parsed = [LINE.match(line) for line in lines]
        assert all(parsed), [line for line, m in zip(lines, parsed, strict=True) if not m][:3]
        seconds = [int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3]) for m in parsed]
        assert seconds == sorted(seconds) and c.duration_seconds >= seconds[-1]
        speakers = {m[4] for m in parsed}
        assert 2 <= len(speakers) <= 4 and c.labels["speakers"]["rep"] in speakers
        segments = c.labels["segments"]
        assert [s["name"] for s in segments] == ["rapport", "discovery", "pitch", "next_steps"]
        assert segments[0]["start_line"] == 1 and segments[-1]["end_line"] == len(lines)
        for before, after in zip(segments, segments[1:], strict=False):
            assert after["start_line"] == before["end_line"] + 1
        rep = c.labels["speakers"]["rep"]
        for q in c.labels["discovery_questions"]:
            assert parsed[q["line"] - 1][4] == rep and parsed[q["line"] - 1][5].endswith("?")
        for o in c.labels["objections"]:
            assert parsed[o["line"] - 1][4] == o["speaker"] != rep
        for name in c.labels["competitors"]:
            assert name in c.transcript
        assert c.labels["commitments"] and all(
            lines[k["line"] - 1].endswith(k["text"]) for k in c.labels["commitments"]
        )

    # Leads: converted ones point at a deal of their company; statuses are known values; keys unique.
    for lead in leads:
        assert lead.status in ("new", "assigned", "disqualified", "converted")
        assert (lead.deal_id is not None) == (lead.status == "converted")
        if lead.deal_id:
            deal = deal_by_id[lead.deal_id]
            assert deal.company_id == lead.company_id and deal.source == "inbound"
            assert deal.created_at >= lead.submitted_at
        assert lead.submitted_at <= AS_OF and lead.submitted_at.utcoffset() == timedelta(0)
    assert len({lead.dedupe_key for lead in leads}) == len(leads)
    assert {m.key for m in meta} == {"generator", "seed", "size", "as_of"}

    # Every foreign key resolves (checked explicitly, not only by the database).
    for child, column, parent in (
        ("company", "owner_id", "owner"),
        ("contact", "company_id", "company"),
        ("deal", "company_id", "company"),
        ("deal", "owner_id", "owner"),
        ("dealcontact", "deal_id", "deal"),
        ("dealcontact", "contact_id", "contact"),
        ("dealstagechange", "deal_id", "deal"),
        ("closedatechange", "deal_id", "deal"),
        ("engagement", "deal_id", "deal"),
        ("engagement", "company_id", "company"),
        ("engagement", "contact_id", "contact"),
        ("engagement", "owner_id", "owner"),
        ("engagement", "in_reply_to_id", "engagement"),
        ('"call"', "engagement_id", "engagement"),
        ('"call"', "deal_id", "deal"),
        ("inboundlead", "deal_id", "deal"),
        ("inboundlead", "company_id", "company"),
        ("inboundlead", "owner_id", "owner"),
    ):
        orphans = _rows(
            engine,
            f"SELECT COUNT(*) FROM {child} c LEFT JOIN {parent} p ON p.id = c.{column} "
            f"WHERE c.{column} IS NOT NULL AND p.id IS NULL",
        )[0][0]
        assert orphans == 0, f"{child}.{column} has {orphans} orphans"

    # Stored timestamps compare correctly through SQLAlchemy-bound parameters.
    some = engagements[len(engagements) // 2]
    with Session(engine) as s:
        found = s.exec(select(Engagement.id).where(Engagement.occurred_at == some.occurred_at)).all()
    assert some.id in found


def test_ids_continue_after_the_generated_rows(engine):
    generate_workspace(engine, size="small", seed=7, as_of=AS_OF)
    with Session(engine) as s:
        deal = Deal(name="Hand-made deal", stage="appointmentscheduled", created_at=AS_OF)
        engagement = Engagement(type="note", occurred_at=AS_OF)
        s.add(deal)
        s.add(engagement)
        s.commit()
        assert deal.id == 151
        assert engagement.id > 1000


# --- the tour accounts ------------------------------------------------------------------------------------------------


def _deal_of(s: Session, company_name: str) -> tuple[Company, list[Deal]]:
    company = s.exec(select(Company).where(Company.name == company_name)).one()
    return company, s.exec(select(Deal).where(Deal.company_id == company.id)).all()


def _last_buyer_touch(s: Session, deal_id: int) -> datetime | None:
    stamps = s.exec(
        select(Engagement.occurred_at).where(Engagement.deal_id == deal_id, Engagement.buyer_engaged == True)  # noqa: E712
    ).all()
    return max(stamps) if stamps else None


@pytest.mark.parametrize("as_of", [AS_OF, datetime(2027, 1, 3, 2, 30, tzinfo=UTC)], ids=["nov", "new-year-night"])
def test_memorable_accounts_have_their_promised_shape(sqlite_engine, as_of):
    generate_workspace(sqlite_engine, size="small", seed=99, as_of=as_of)
    with Session(sqlite_engine) as s:
        names = s.exec(select(Company.name)).all()
        assert [n for n in names if n.lower().startswith("acme")] == ["Acme Corp"]
        for spec in MEMORABLE:
            assert names.count(spec["name"]) == 1
            first_word = spec["name"].split()[0].lower()
            assert [n for n in names if n.lower().startswith(first_word[:5])] == [spec["name"]]

        # Acme: late-stage, ~$120k, active, meeting tomorrow, champion + economic buyer, recent call with objections.
        acme, deals = _deal_of(s, "Acme Corp")
        assert acme.domain == "acme.com" and len(deals) == 1
        deal = deals[0]
        assert deal.stage in ("contractsent", "decisionmakerboughtin") and not deal.is_closed
        assert 100_000 <= deal.amount <= 140_000
        last = _last_buyer_touch(s, deal.id)
        assert timedelta(0) < as_of - last <= timedelta(days=4)
        roles = {r.role for r in s.exec(select(DealContact).where(DealContact.deal_id == deal.id))}
        assert {"champion", "economic_buyer"} <= roles
        upcoming = s.exec(
            select(Engagement).where(Engagement.deal_id == deal.id, Engagement.status == "scheduled")
        ).all()
        owner_zone = ZoneInfo(s.get(Owner, deal.owner_id).timezone)
        tomorrow = as_of.astimezone(owner_zone).date() + timedelta(days=1)
        assert any(m.occurred_at.astimezone(owner_zone).date() == tomorrow for m in upcoming)
        call = s.exec(select(Call).where(Call.deal_id == deal.id)).one()
        assert as_of - call.started_at <= timedelta(days=7)
        assert "pricing" in {o["category"] for o in call.labels["objections"]}
        assert call.labels["competitors"] and call.labels["competitors"][0] in call.transcript

        # Globex: open and silent about nine days, while we kept chasing.
        _, (globex,) = _deal_of(s, "Globex")
        assert not globex.is_closed
        silent = as_of - _last_buyer_touch(s, globex.id)
        assert silent.days == 9
        chased = s.exec(
            select(Engagement).where(
                Engagement.deal_id == globex.id,
                Engagement.direction == "outbound",
                Engagement.occurred_at > as_of - silent,
            )
        ).all()
        assert chased

        # Initech: open, big, single-threaded, close date pushed twice.
        _, (initech,) = _deal_of(s, "Initech")
        assert not initech.is_closed and initech.amount >= 200_000
        assert len(s.exec(select(DealContact).where(DealContact.deal_id == initech.id)).all()) == 1
        contacts = {
            e.contact_id for e in s.exec(select(Engagement).where(Engagement.deal_id == initech.id)) if e.contact_id
        }
        assert len(contacts) == 1
        moves = s.exec(select(CloseDateChange).where(CloseDateChange.deal_id == initech.id)).all()
        assert len(moves) == 2 and all(m.new_date > m.old_date for m in moves)
        assert initech.close_date > as_of.date()

        # Umbrella: won last quarter. Hooli: lost to a competitor.
        _, (umbrella,) = _deal_of(s, "Umbrella Corporation")
        q_start = date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
        prev_start = date(q_start.year - (q_start.month == 1), (q_start.month - 4) % 12 + 1, 1)
        assert umbrella.is_won and prev_start <= umbrella.closed_at.date() < q_start
        _, (hooli,) = _deal_of(s, "Hooli")
        assert hooli.is_closed and not hooli.is_won and "competitor" in hooli.close_reason.lower()

        _, (wayne,) = _deal_of(s, "Wayne Enterprises")
        assert not wayne.is_closed and _last_buyer_touch(s, wayne.id) is None
        for name in ("Stark Industries", "Soylent"):
            assert _deal_of(s, name)[1]


# --- ensure_workspace and bad input ----------------------------------------------------------------------------------


def test_ensure_workspace_generates_once(engine):
    assert ensure_workspace(engine, size="small", seed=7, as_of=AS_OF) is True
    before = _dump(engine)
    assert ensure_workspace(engine, size="small", seed=8, as_of=AS_OF) is False
    assert _dump(engine) == before


def test_refuses_bad_input_and_never_writes_over_data(sqlite_engine):
    with pytest.raises(ValueError, match="unknown workspace size"):
        generate_workspace(sqlite_engine, size="huge")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timezone-aware"):
        generate_workspace(sqlite_engine, size="small", as_of=datetime(2026, 1, 1))
    with Session(sqlite_engine) as s:
        s.add(Company(name="Real Customer Inc"))
        s.commit()
    with pytest.raises(ValueError, match="already holds CRM data"):
        generate_workspace(sqlite_engine, size="small", as_of=AS_OF)
    assert _rows(sqlite_engine, "SELECT name FROM company") == [("Real Customer Inc",)]
    assert _rows(sqlite_engine, "SELECT COUNT(*) FROM deal") == [(0,)]


def test_progress_is_reported_per_stage(sqlite_engine):
    seen: list[tuple[str, int, int]] = []
    generate_workspace(sqlite_engine, size="small", seed=7, as_of=AS_OF, progress=lambda *a: seen.append(a))
    stages = [stage for stage, _, _ in seen]
    for stage in ("owners", "companies", "contacts", "deals", "activity", "calls"):
        assert stage in stages
    assert ("activity", 150, 150) in seen
    assert all(0 <= done <= total for _, done, total in seen)


# --- the behaviour -> outcome signal, on the default size, built once ------------------------------------------------


@pytest.fixture(scope="module")
def default_workspace(tmp_path_factory) -> Engine:
    engine = _sqlite(tmp_path_factory.mktemp("default") / "store.db")
    generate_workspace(engine, size="default", seed=7, as_of=AS_OF)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def closed_deals(default_workspace) -> list[dict]:
    """Per closed deal: outcome, buying-group size, observed buyer reply rate, contacts reached by activity."""
    activity = {
        r[0]: r[1:]
        for r in _rows(
            default_workspace,
            """
            SELECT deal_id,
                   SUM(CASE WHEN type = 'email' AND direction = 'outbound' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN type = 'email' AND direction = 'inbound' THEN 1 ELSE 0 END),
                   COUNT(DISTINCT CASE WHEN type IN ('email', 'meeting', 'call') THEN contact_id END)
            FROM engagement GROUP BY deal_id
            """,
        )
    }
    rows = _rows(
        default_workspace,
        "SELECT d.id, d.is_won, COUNT(dc.contact_id) FROM deal d JOIN dealcontact dc ON dc.deal_id = d.id "
        "WHERE d.is_closed GROUP BY d.id, d.is_won",
    )
    return [
        {
            "won": bool(won),
            "contacts": contacts,
            "reply_rate": activity[deal_id][1] / activity[deal_id][0],
            "engaged_contacts": activity[deal_id][2],
        }
        for deal_id, won, contacts in rows
    ]


def _won_rate(deals: list[dict]) -> float:
    return sum(d["won"] for d in deals) / len(deals)


def test_default_size_counts(default_workspace):
    counts = dict(
        _rows(
            default_workspace,
            "SELECT 'deals', COUNT(*) FROM deal UNION ALL SELECT 'companies', COUNT(*) FROM company "
            "UNION ALL SELECT 'engagements', COUNT(*) FROM engagement UNION ALL SELECT 'calls', COUNT(*) FROM \"call\" "
            "UNION ALL SELECT 'leads', COUNT(*) FROM inboundlead UNION ALL SELECT 'owners', COUNT(*) FROM owner",
        )
    )
    assert counts["deals"] == 1500 and counts["calls"] == 300 and counts["owners"] == 12
    assert 400 <= counts["companies"] <= 650
    assert 550 <= counts["leads"] <= 600
    assert 15 <= counts["engagements"] / counts["deals"] <= 25
    first, last = _rows(default_workspace, "SELECT MIN(created_at), MAX(created_at) FROM deal")[0]
    assert first < str(AS_OF - timedelta(days=500)) and last > str(AS_OF - timedelta(days=2))


def test_won_rate_rises_with_multithreading_but_is_no_rule(closed_deals):
    deals = closed_deals
    assert all(d["contacts"] == d["engaged_contacts"] for d in deals), "activity reaches every contact of the deal"
    single = [d for d in deals if d["contacts"] == 1]
    multi = [d for d in deals if d["contacts"] >= 3]
    assert len(single) >= 100 and len(multi) >= 100
    assert _won_rate(multi) - _won_rate(single) >= 0.12
    for bucket in (single, multi):
        assert 0.05 < _won_rate(bucket) < 0.9


def test_won_rate_rises_with_buyer_reply_rate_but_is_no_rule(closed_deals):
    deals = sorted(closed_deals, key=lambda d: d["reply_rate"])
    third = len(deals) // 3
    low, mid, high = deals[:third], deals[third : 2 * third], deals[2 * third :]
    assert _won_rate(low) < _won_rate(mid) < _won_rate(high)
    assert _won_rate(high) - _won_rate(low) >= 0.12
    for bucket in (low, high):
        assert 0.05 < _won_rate(bucket) < 0.9


def test_discovery_depth_shows_in_transcripts_and_leans_to_wins(default_workspace):
    rows = _rows(
        default_workspace,
        'SELECT d.is_won, c.labels FROM "call" c JOIN deal d ON d.id = c.deal_id WHERE d.is_closed',
    )
    questions = {True: [], False: []}
    for won, labels in rows:
        questions[bool(won)].append(len(json.loads(labels)["discovery_questions"]))
    assert len(questions[True]) >= 30 and len(questions[False]) >= 30
    mean = {k: sum(v) / len(v) for k, v in questions.items()}
    assert mean[True] - mean[False] >= 0.5, mean
    assert min(questions[True]) < max(questions[False])  # overlapping, not a rule


def test_calls_reflect_deal_behaviour_but_no_single_feature_is_a_rule(default_workspace):
    """Won deals' calls have more buyers talking, more rep talk left to the buyer and dated next steps more often."""
    rows = _rows(
        default_workspace,
        'SELECT d.is_won, c.transcript, c.labels FROM "call" c JOIN deal d ON d.id = c.deal_id WHERE d.is_closed',
    )
    buyers: dict[bool, list[int]] = {True: [], False: []}
    rep_share: dict[bool, list[float]] = {True: [], False: []}
    dated: dict[bool, list[bool]] = {True: [], False: []}
    for won, transcript, raw in rows:
        labels = json.loads(raw)
        rep = labels["speakers"]["rep"]
        chars: dict[str, int] = {}
        for line in transcript.splitlines():
            speaker, said = line.split("] ", 1)[1].split(": ", 1)
            chars[speaker] = chars.get(speaker, 0) + len(said)
        buyers[bool(won)].append(len(chars) - 1)
        rep_share[bool(won)].append(chars[rep] / sum(chars.values()))
        dated[bool(won)].append(any(k["due_date"] for k in labels["commitments"]))
    mean = {name: {k: sum(v) / len(v) for k, v in d.items()} for name, d in (("buyers", buyers), ("rep", rep_share))}
    assert mean["buyers"][True] - mean["buyers"][False] >= 0.2, mean
    assert mean["rep"][False] - mean["rep"][True] >= 0.02, mean
    assert sum(dated[True]) / len(dated[True]) > sum(dated[False]) / len(dated[False])
    # Overlapping distributions: every signal shows up on both sides.
    assert {1, 3} <= set(buyers[True]) and {1, 3} <= set(buyers[False])
    assert min(rep_share[True]) < max(rep_share[False]) and min(rep_share[False]) < max(rep_share[True])
    assert not all(dated[True]) and any(dated[False])


def test_open_deals_mix_active_silent_new_and_upcoming_meetings(default_workspace):
    rows = _rows(
        default_workspace,
        """
        SELECT d.id, (SELECT MAX(e.occurred_at) FROM engagement e WHERE e.deal_id = d.id AND e.buyer_engaged),
               (SELECT COUNT(*) FROM engagement e WHERE e.deal_id = d.id AND e.status = 'scheduled')
        FROM deal d WHERE NOT d.is_closed
        """,
    )
    assert 0.18 <= len(rows) / 1500 <= 0.27
    buckets = defaultdict(int)
    for _, last, _ in rows:
        if last is None:
            buckets["no buyer touch"] += 1
            continue
        days = (AS_OF - datetime.fromisoformat(last).replace(tzinfo=UTC)).total_seconds() / 86400
        buckets["active" if days < 5 else "silent 5-30" if days <= 30 else "silent 30+"] += 1
    assert buckets["active"] >= 0.3 * len(rows)
    assert buckets["silent 5-30"] >= 0.2 * len(rows)
    assert buckets["no buyer touch"] >= 0.04 * len(rows)
    with_meeting = sum(1 for _, _, scheduled in rows if scheduled)
    assert 0.1 * len(rows) <= with_meeting <= 0.6 * len(rows)
    pushed = _rows(
        default_workspace,
        "SELECT COUNT(DISTINCT deal_id), MAX(n) FROM "
        "(SELECT deal_id, COUNT(*) n FROM closedatechange GROUP BY deal_id)",
    )[0]
    assert pushed[0] >= 200 and pushed[1] == 3


def _cv_auc(features: list[list[float]], labels: list[bool], folds: int = 5) -> float:
    """Cross-validated ROC AUC of a plain logistic regression (numpy gradient descent; keeps scipy out of tests)."""
    import numpy as np

    x = np.array(features, dtype=float)
    x = (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-9)
    x = np.hstack([x, np.ones((len(x), 1))])
    y = np.array(labels, dtype=float)
    order = np.random.default_rng(0).permutation(len(y))
    aucs = []
    for k in range(folds):
        test = order[k::folds]
        train = np.setdiff1d(order, test)
        w = np.zeros(x.shape[1])
        for _ in range(800):
            p = 1 / (1 + np.exp(-x[train] @ w))
            w -= 0.5 * (x[train].T @ (p - y[train]) / len(train) + 1e-3 * w)
        scores, truth = x[test] @ w, y[test]
        ranks = scores.argsort().argsort() + 1
        pos = truth == 1
        aucs.append((ranks[pos].sum() - pos.sum() * (pos.sum() + 1) / 2) / (pos.sum() * (~pos).sum()))
    return float(np.mean(aucs))


def test_lead_budget_predicts_conversion_but_more_features_predict_better(default_workspace):
    import math

    rows = _rows(
        default_workspace,
        "SELECT budget, employee_count, timeline, interest_area, notes, contact_email, status "
        "FROM inboundlead WHERE status != 'new'",
    )
    assert len(rows) >= 500
    urgency = {
        timeline: u
        for u, bucket in ((1, "now"), (0, "soon"), (-1, "later"))
        for timeline in words.LEAD_TIMELINES[bucket]
    }
    budget_only, full, converted = [], [], []
    for budget, employees, timeline, interest, notes, email, status in rows:
        log_budget = math.log10(budget) if budget and budget >= 1000 else 0.0
        budget_only.append([log_budget, budget is None])
        domain = email.split("@")[1]
        full.append(
            [
                log_budget,
                budget is None,
                math.log10(employees) if employees else 0.0,
                employees is None,
                urgency[timeline],
                interest in words.INTEREST_AREAS,
                len(notes or ""),
                domain in words.FREE_MAIL_DOMAINS or domain.endswith(".edu"),
            ]
        )
        converted.append(status == "converted")
    assert 0.15 <= sum(converted) / len(converted) <= 0.5
    auc_budget, auc_full = _cv_auc(budget_only, converted), _cv_auc(full, converted)
    assert auc_budget >= 0.6, f"budget alone carries signal (AUC {auc_budget:.2f})"
    assert auc_full >= auc_budget + 0.05, f"the other fields add to it ({auc_full:.2f} vs {auc_budget:.2f})"
    assert auc_full < 0.97, "but no field set decides it"


def test_generated_workspace_has_planner_statistics(engine):
    """The generator runs ANALYZE: without statistics the planner picks full scans on a large store."""
    from store.db import statistics_rows

    assert statistics_rows(engine) == 0
    generate_workspace(engine, size="small", seed=7, as_of=AS_OF)
    assert statistics_rows(engine) > 0
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            tables = {r[0] for r in conn.exec_driver_sql("SELECT DISTINCT tbl FROM sqlite_stat1")}
        assert {"deal", "engagement"} <= tables
