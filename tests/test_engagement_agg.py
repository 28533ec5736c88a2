"""Engagement aggregates: kept write by write, they equal a full recompute; scored, they say what the raw rows say.

Property-style: seeded random sequences of writes, in every style the code base writes (ORM objects added, changed,
moved between deals and deleted; Core inserts, HubSpot-style upserts that move an activity to another deal, UPDATE
and DELETE by a WHERE clause; buying-group links and stage and close-date history), each batch committed, and after
each batch the maintained rows are compared with a recompute from the raw rows. Then the book is assessed at random
instants (window edges included) from the aggregates and from the raw rows: the same deals, scores and reasons.
"""

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, insert, update
from sqlmodel import Session, select

from store.db import dialect_insert
from store.engagement_agg import (
    BUYER,
    HORIZON_DAYS,
    compute_rows,
    decode_events,
    refresh_engagement_aggregates,
    settle,
)
from store.models import (
    CloseDateChange,
    Company,
    Contact,
    Deal,
    DealContact,
    DealEngagementAgg,
    DealStageChange,
    Engagement,
    Owner,
    is_buyer_engagement,
    table_of,
)
from tools.health import Thresholds, assess_deals
from tools.health.assess import assess_deals_from_raw
from tools.health.book import CODES, score_book
from tools.health.inputs import Activity, DealInputs, gather_inputs

NOW = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
NY = ZoneInfo("America/New_York")
KINDS = [
    ("email", "outbound", None),
    ("email", "inbound", None),
    ("meeting", None, "completed"),
    ("meeting", None, "scheduled"),
    ("meeting", None, "canceled"),
    ("call", None, "connected"),
    ("call", None, "no_answer"),
    ("task", None, "open"),
    ("task", None, "done"),
    ("note", None, None),
]
# Instants that sit on the rules' window edges as seen from NOW (and from the other instants assessed below).
EDGES = [timedelta(days=d) for d in (0, 28, 56, 84, 85, 120, 200)] + [
    timedelta(seconds=1),
    timedelta(days=28, seconds=1),
]


def stored(engine) -> dict[int, dict]:
    with Session(engine) as s:
        rows = s.exec(select(DealEngagementAgg)).all()
        return {r.deal_id: r.model_dump() for r in rows}


def recomputed(engine) -> dict[int, dict]:
    with engine.connect() as conn:
        return {r["deal_id"]: r for r in compute_rows(conn, None)}


def same_rows(a: dict[int, dict], b: dict[int, dict]) -> bool:
    keys = ("events", "valid_from", "last_buyer_at", "last_outbound_at", "buyer_contacts", "contacts")
    return a.keys() == b.keys() and all(tuple(a[k][c] for c in keys) == tuple(b[k][c] for c in keys) for k in a)


def seed_book(engine, rng: random.Random) -> tuple[list[int], list[int]]:
    with Session(engine) as s:
        owner = Owner(name="Ann", email="ann@example.com")
        company = Company(name="Acme")
        s.add_all([owner, company])
        s.flush()
        contacts = [Contact(first_name=f"C{i}", last_name="X", company_id=company.id) for i in range(6)]
        s.add_all(contacts)
        deals = [
            Deal(
                name=f"D{i}",
                stage=rng.choice(["qualifiedtobuy", "presentationscheduled", "contractsent"]),
                amount=rng.choice([None, 20_000.0, 80_000.0]),
                owner_id=owner.id,
                company_id=company.id,
                created_at=NOW - timedelta(days=rng.randint(5, 300)),
                close_date=(NOW + timedelta(days=rng.randint(-20, 40))).date(),
                is_closed=i == 0,
                is_won=i == 0,
            )
            for i in range(7)
        ]
        s.add_all(deals)
        s.commit()
        return [d.id for d in deals], [c.id for c in contacts]


def random_instant(rng: random.Random, *, ahead: bool = False) -> datetime:
    """Mostly up to NOW (history), on a window edge now and then; `ahead` (booked meetings, tasks) or rarely, later."""
    if rng.random() < 0.3:
        return NOW - rng.choice(EDGES)
    latest = 20 if ahead or rng.random() < 0.05 else 0
    return NOW + timedelta(days=rng.uniform(-260, latest), seconds=rng.randint(0, 86_399))


def engagement_row(rng: random.Random, deal_ids: list[int], contact_ids: list[int], n: int) -> dict:
    kind, direction, status = rng.choice(KINDS)
    return {
        "hubspot_id": f"h{n}",
        "type": kind,
        "direction": direction,
        "status": status,
        "deal_id": rng.choice([*deal_ids, None]),
        "contact_id": rng.choice([*contact_ids, None]),
        "occurred_at": random_instant(rng, ahead=status in ("scheduled", "open")),
        "due_at": rng.choice([None, NOW + timedelta(days=rng.randint(-5, 5))]) if kind == "task" else None,
        "buyer_engaged": is_buyer_engagement(kind, direction, status),
    }


def one_batch(engine, rng: random.Random, deal_ids: list[int], contact_ids: list[int], counter: list[int]) -> None:
    """A few writes of random styles, committed together."""
    e = table_of(Engagement)
    with Session(engine) as s:
        for _ in range(rng.randint(1, 6)):
            counter[0] += 1
            n = counter[0]
            style = rng.randrange(10)
            existing = s.exec(select(Engagement)).all()
            if style == 0 or not existing:  # an ORM object
                s.add(Engagement(**engagement_row(rng, deal_ids, contact_ids, n)))
            elif style == 1:  # Core executemany through the session (the sync's and the generator's style)
                s.execute(insert(e), [engagement_row(rng, deal_ids, contact_ids, n * 100 + i) for i in range(12)])
            elif style == 2:  # an upsert by hubspot_id that may move an activity to another deal
                victim = rng.choice(existing)
                row = engagement_row(rng, deal_ids, contact_ids, n) | {"hubspot_id": victim.hubspot_id}
                stmt = dialect_insert(engine.dialect.name, e)
                s.execute(
                    stmt.on_conflict_do_update(
                        index_elements=["hubspot_id"], set_={c: stmt.excluded[c] for c in row if c != "hubspot_id"}
                    ),
                    [row],
                )
            elif style == 3:  # an ORM change: moved, rescheduled, completed
                victim = rng.choice(existing)
                victim.deal_id = rng.choice([*deal_ids, None])
                victim.occurred_at = random_instant(rng)
                if victim.type == "meeting":
                    victim.status = rng.choice(["scheduled", "completed", "canceled"])
                    victim.buyer_engaged = is_buyer_engagement("meeting", None, victim.status)
                s.add(victim)
            elif style == 4:  # an ORM delete
                s.delete(rng.choice(existing))
            elif style == 5:  # UPDATE ... WHERE (a status change by query)
                s.execute(update(e).where(e.c.type == "task", e.c.id % 3 == n % 3).values(status="done"))
            elif style == 6:  # DELETE ... WHERE
                s.execute(delete(e).where(e.c.id == rng.choice(existing).id))
            elif style == 7:  # the buying group: a link, a role change or an unlink
                deal_id, contact_id = rng.choice(deal_ids), rng.choice(contact_ids)
                link = s.get(DealContact, (deal_id, contact_id))
                if link is None:
                    s.add(DealContact(deal_id=deal_id, contact_id=contact_id, role=rng.choice(["champion", None, "x"])))
                elif rng.random() < 0.5:
                    link.role = rng.choice(["Champion", "economic_buyer"])
                    s.add(link)
                else:
                    s.delete(link)
            elif style == 8:  # stage history
                s.add(
                    DealStageChange(
                        deal_id=rng.choice(deal_ids), to_stage="contractsent", changed_at=random_instant(rng)
                    )
                )
            else:  # close-date history, pushes and pull-ins, replaced as a sync replaces it
                deal_id = rng.choice(deal_ids)
                if rng.random() < 0.3:
                    s.execute(delete(table_of(CloseDateChange)).where(table_of(CloseDateChange).c.deal_id == deal_id))
                old = date(2026, 3, 1) + timedelta(days=rng.randint(-10, 10))
                new = old + timedelta(days=rng.randint(-10, 30))
                s.add(CloseDateChange(deal_id=deal_id, old_date=old, new_date=new, changed_at=random_instant(rng)))
        s.commit()


def assert_same_inputs(s: Session, book, at: datetime) -> None:
    """Every input of every deal, as the raw rows give it (window counts at their edges included)."""
    raw = gather_inputs(s, book.ids.tolist(), at)
    for deal_id, inputs in book.inputs(s, range(len(book))).items():
        expected = raw.get(deal_id, DealInputs(activity=None, last_move=None))
        assert (inputs.activity or Activity()) == (expected.activity or Activity()), (at, deal_id)
        assert (inputs.last_move, inputs.pushes, inputs.contacts, inputs.champions) == (
            expected.last_move,
            expected.pushes,
            expected.contacts,
            expected.champions,
        ), (at, deal_id)


@pytest.mark.parametrize("seed", range(6))
def test_aggregates_kept_write_by_write_equal_a_full_recompute(engine, seed):
    rng = random.Random(seed)
    deal_ids, contact_ids = seed_book(engine, rng)
    counter = [0]
    for _ in range(12):
        one_batch(engine, rng, deal_ids, contact_ids, counter)
        assert same_rows(stored(engine), recomputed(engine))
    # some deals' history is long enough to be pruned, and pruning keeps what the rules read
    assert stored(engine)


@pytest.mark.parametrize("seed", range(6))
def test_the_book_scored_from_aggregates_says_what_the_raw_rows_say(engine, seed):
    rng = random.Random(100 + seed)
    deal_ids, contact_ids = seed_book(engine, rng)
    counter = [0]
    for _ in range(15):
        one_batch(engine, rng, deal_ids, contact_ids, counter)
    # instants after the data (live questions), on window edges, and before some of it (past questions: raw rows)
    with Session(engine) as s:
        times = sorted(s.exec(select(Engagement.occurred_at)).all())
    edges = [times[len(times) // 2] + timedelta(days=28 * k) for k in (1, 2, 3)]  # an activity on each window's edge
    instants = [NOW, NOW + timedelta(days=1), NOW + timedelta(days=30), NOW - timedelta(days=40), *edges]
    instants += [NOW + timedelta(days=rng.uniform(0, 90)) for _ in range(3)]
    thresholds = Thresholds(silent_business_days=3, stage_age_days=10, single_thread_amount=50_000.0)
    with Session(engine) as s:
        for at in instants:
            from_aggregates = assess_deals(s, now=at, thresholds=thresholds, tz=NY)
            from_raw = assess_deals_from_raw(s, now=at, thresholds=thresholds, tz=NY)
            assert from_aggregates == from_raw, at
            book = score_book(s, now=at, thresholds=thresholds, tz=NY)
            assert_same_inputs(s, book, at)
            # the vectorised points are the rules' own points, deal by deal
            explained = {h.deal_id: h for h in book.explain(s, range(len(book)))}
            for p, deal_id in enumerate(book.ids.tolist()):
                health = explained[deal_id]
                assert int(book.score[p]) == health.score
                assert {CODES[i] for i in range(len(CODES)) if int(book.mask[p]) >> i & 1} == set(health.reason_codes)


def test_old_activity_is_pruned_but_every_rule_input_survives(sqlite_engine):
    engine = sqlite_engine
    deal_ids, contact_ids = seed_book(engine, random.Random(1))
    deal = deal_ids[1]
    with Session(engine) as s:
        for days in range(300, 0, -3):  # a long history: emails both ways, meetings, buyer touches by two contacts
            for kind, direction, status in KINDS[:3]:
                s.add(
                    Engagement(
                        type=kind,
                        direction=direction,
                        status=status,
                        deal_id=deal,
                        contact_id=contact_ids[days % 2],
                        occurred_at=NOW - timedelta(days=days),
                        buyer_engaged=is_buyer_engagement(kind, direction, status),
                    )
                )
        s.add(DealContact(deal_id=deal, contact_id=contact_ids[0], role="champion"))
        s.commit()
        row = s.get(DealEngagementAgg, deal)
        assert row is not None and row.valid_from == NOW - timedelta(days=3)
        events = decode_events(row.events)
        assert len(events) < 300  # pruned: ~300 activities, a row of a few dozen events
        assert (events[:, 0] >= 0).all() and (events[:, 1] & BUYER).any()
        assert row.buyer_contacts == 2
    thresholds = Thresholds()
    with Session(engine) as s:
        for at in (NOW, NOW + timedelta(days=HORIZON_DAYS // 3), NOW + timedelta(days=HORIZON_DAYS + 1)):
            assert_same_inputs(s, score_book(s, now=at, thresholds=thresholds, tz=NY), at)
            assert assess_deals(s, now=at, thresholds=thresholds, tz=NY) == assess_deals_from_raw(
                s, now=at, thresholds=thresholds, tz=NY
            )
        # asked about an instant inside the pruned history, the deal is read from the raw rows: still exact
        past = NOW - timedelta(days=150)
        assert assess_deals(s, now=past, thresholds=thresholds, tz=NY) == assess_deals_from_raw(
            s, now=past, thresholds=thresholds, tz=NY
        )


def test_a_reader_in_the_writing_session_sees_its_own_writes(sqlite_engine):
    engine = sqlite_engine
    deal_ids, _ = seed_book(engine, random.Random(2))
    with Session(engine) as s:
        s.add(Engagement(type="email", direction="inbound", deal_id=deal_ids[2], occurred_at=NOW, buyer_engaged=True))
        settle(s)
        row = s.get(DealEngagementAgg, deal_ids[2])
        assert row is not None and row.last_buyer_at == NOW
        s.rollback()
    with Session(engine) as s:  # rolled back: the aggregate went with it
        assert s.get(DealEngagementAgg, deal_ids[2]) is None


def test_a_full_refresh_rebuilds_what_the_hooks_keep(sqlite_engine):
    engine = sqlite_engine
    deal_ids, contact_ids = seed_book(engine, random.Random(3))
    rng, counter = random.Random(4), [0]
    for _ in range(5):
        one_batch(engine, rng, deal_ids, contact_ids, counter)
    kept = stored(engine)
    with engine.begin() as conn:
        conn.execute(delete(table_of(DealEngagementAgg)))
        refresh_engagement_aggregates(conn)
    assert same_rows(stored(engine), kept)


def test_detaching_activity_from_a_deal_recomputes_that_deal_only(sqlite_engine):
    """The sync's archive sweep sets `deal_id` to NULL by a WHERE: the old deal is recomputed, not the whole book."""
    engine = sqlite_engine
    deal_ids, _ = seed_book(engine, random.Random(5))
    with Session(engine) as s:
        for deal_id in deal_ids[1:3]:
            s.add(Engagement(type="email", direction="inbound", deal_id=deal_id, occurred_at=NOW, buyer_engaged=True))
        s.commit()
    e = table_of(Engagement)
    with Session(engine) as s:
        s.execute(update(e).where(e.c.deal_id == deal_ids[1]).values({"deal_id": None}))
        assert s.info["engagement_agg_pending"] == {deal_ids[1]}
        s.commit()
    rows = stored(engine)
    assert deal_ids[1] not in rows and rows[deal_ids[2]]["last_buyer_at"] == NOW
    assert same_rows(rows, recomputed(engine))


@pytest.mark.postgres
def test_concurrent_writers_to_one_deal_leave_its_aggregate_whole(postgres_engine):
    """A sync page and a write-back adding activity to the same deal at once: both replies are in its aggregate."""
    import threading

    engine = postgres_engine
    deal_ids, _ = seed_book(engine, random.Random(6))
    deal = deal_ids[1]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def write(offset: int) -> None:
        try:
            start.wait()
            for i in range(15):
                with Session(engine) as s:
                    at = NOW - timedelta(minutes=offset + 2 * i)
                    s.add(
                        Engagement(type="email", direction="inbound", deal_id=deal, occurred_at=at, buyer_engaged=True)
                    )
                    s.commit()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = stored(engine)
    assert same_rows(rows, recomputed(engine))
    assert len(decode_events(rows[deal]["events"])) == 30
