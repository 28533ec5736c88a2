"""HubSpot sync against the loopback HubSpot: spec-checked requests, pagination, faults, crash and resume."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from store.db import statistics_rows
from store.models import (
    Call,
    CloseDateChange,
    Company,
    Contact,
    Deal,
    DealContact,
    DealStageChange,
    Engagement,
    Owner,
    SyncCursor,
    WorkspaceMeta,
)
from tests.hubspot_fake import TOKEN, FakeHubSpot, Fault
from tools.hubspot.client import HubSpotBadRequest, HubSpotClient, HubSpotNotFound, HubSpotUnavailable
from tools.hubspot.limiter import SlidingWindowLimiter
from tools.hubspot.mapping import stage_history
from tools.hubspot.sync import HubSpotSync, last_sync_at

ROOT = Path(__file__).resolve().parent.parent


def make_client(url: str, sleeps: list[float] | None = None, **overrides) -> HubSpotClient:
    """A real client with limits high enough not to engage and an instant, recording sleep."""
    recorded = sleeps if sleeps is not None else []
    kwargs = {
        "requests_per_10s": 1_000_000,
        "search_per_second": 1_000_000,
        "timeout": (2.0, 2.0),
        "sleep": recorded.append,
        "rng": random.Random(1),
    }
    kwargs.update(overrides)
    return HubSpotClient(TOKEN, url, **kwargs)


@pytest.fixture
def fake():
    server = FakeHubSpot()
    server.start()
    yield server
    server.stop()


def count(engine: Engine, model) -> int:
    with Session(engine) as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def expected_stage_moves(fake: FakeHubSpot) -> int:
    total = 0
    for obj in fake.live("deals"):
        record = {
            "propertiesWithHistory": {
                "dealstage": [{"value": v, "timestamp": str(ms)} for ms, v in obj.history.get("dealstage", [])]
            }
        }
        total += len(stage_history(record))
    return total


def assert_mirrors(engine: Engine, fake: FakeHubSpot) -> None:
    """The store holds exactly HubSpot's live records, with current values and no duplicates."""
    with Session(engine) as s:
        for model, kind in ((Company, "companies"), (Contact, "contacts"), (Deal, "deals")):
            ids = Counter(s.execute(select(model.hubspot_id)).scalars())
            assert set(ids) == {o.id for o in fake.live(kind)}, kind
            assert max(ids.values(), default=1) == 1
        engagement_ids = set(s.execute(select(Engagement.hubspot_id)).scalars())
        assert engagement_ids == {o.id for t in ("calls", "emails", "meetings", "notes", "tasks") for o in fake.live(t)}
        deals = {d.hubspot_id: d for d in s.execute(select(Deal)).scalars()}
        for obj in fake.live("deals"):
            deal = deals[obj.id]
            assert deal.stage == obj.properties["dealstage"]
            assert deal.name == obj.properties["dealname"]
            assert deal.amount == float(obj.properties["amount"])
            assert deal.is_closed == (deal.stage in ("closedwon", "closedlost"))
            assert deal.is_won == (deal.stage == "closedwon")
        expected_links = sum(
            len(fake.associations.get(("deals", "contacts"), {}).get(o.id, [])) for o in fake.live("deals")
        )
        assert s.execute(select(func.count()).select_from(DealContact)).scalar_one() == expected_links
        moves = s.execute(select(func.count()).select_from(DealStageChange)).scalar_one()
        assert moves == expected_stage_moves(fake)


def test_limiter_never_lets_more_than_the_limit_start_in_any_window():
    now = [0.0]
    starts: list[float] = []

    def sleep(seconds: float) -> None:
        now[0] += seconds

    limiter = SlidingWindowLimiter(100, 10.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(350):
        limiter.acquire()
        starts.append(now[0])
        now[0] += 0.001  # each request takes a millisecond to send
    for i, start in enumerate(starts):
        in_window = [t for t in starts[i:] if t - start < 10.0]
        assert len(in_window) <= 100
    # and it is not needlessly slow: 350 requests need 3 full windows, no more
    assert starts[-1] < 30.0 + 1.0


def test_full_then_incremental_sync_mirrors_hubspot(engine: Engine, fake: FakeHubSpot):
    fake.seed(companies=420, contacts=100, deals=200, engagements_per_deal=1)
    client = make_client(fake.url)
    assert statistics_rows(engine) == 0
    report = HubSpotSync(engine, client).run()

    assert statistics_rows(engine) > 0  # the run refreshed the planner's statistics
    assert fake.violations == []
    assert set(fake.unchecked) == {"GET /crm/v3/owners/", "GET /crm/v3/pipelines/deals"}
    assert_mirrors(engine, fake)
    assert report.per_type["companies"].pages >= 3  # 450 companies: several 200-record pages
    assert count(engine, Owner) == 2
    assert count(engine, Call) == len(fake.live("calls"))
    assert count(engine, CloseDateChange) > 0
    with Session(engine) as s:
        inbound = (
            s.execute(select(Engagement).where(Engagement.type == "email", Engagement.direction == "inbound"))
            .scalars()
            .all()
        )
        assert inbound and all(e.buyer_engaged for e in inbound)
        meetings = s.execute(select(Engagement).where(Engagement.type == "meeting")).scalars().all()
        assert all(m.buyer_engaged == (m.status == "completed") for m in meetings)
        assert all(e.deal_id is not None for e in s.execute(select(Engagement)).scalars())
        assert s.get(SyncCursor, "deals").run_started_at is None
        assert s.get(WorkspaceMeta, "hubspot_pipelines") is not None
    assert last_sync_at(engine) == report.started_at  # answers can say "as of" the start of the last full pass

    # HubSpot changes: a stage move, an archived deal and company, a new deal whose company the companies pass missed.
    moved, gone = fake.live("deals")[0], fake.live("deals")[1]
    fake.put("deals", {"dealstage": "closedwon"}, object_id=moved.id)
    fake.archive("deals", gone.id)
    gone_company = fake.live("companies")[-1]
    fake.archive("companies", gone_company.id)
    late_company = fake.put("companies", {"name": "Late Co"}, ms=fake.live("companies")[0].modified_ms - 3_600_000)
    new_deal = fake.put("deals", {"dealname": "Brand new", "dealstage": "qualifiedtobuy", "amount": "5000"})
    fake.associate("deals", new_deal.id, "companies", late_company.id)

    client2 = make_client(fake.url)
    report2 = HubSpotSync(engine, client2).run()
    assert fake.violations == []
    assert_mirrors(engine, fake)
    assert report2.objects < report.objects / 10  # incremental: what changed plus the 5-minute overlap
    with Session(engine) as s:
        deal = s.execute(select(Deal).where(Deal.hubspot_id == moved.id)).scalar_one()
        assert deal.stage == "closedwon" and deal.is_won
        fresh = s.execute(select(Deal).where(Deal.hubspot_id == new_deal.id)).scalar_one()
        company = s.get(Company, fresh.company_id)
        assert company is not None and company.name == "Late Co"
        assert s.execute(select(Company).where(Company.hubspot_id == gone_company.id)).first() is None


def test_sync_rides_out_429_storms_500s_timeouts_and_dropped_connections(sqlite_engine: Engine, fake: FakeHubSpot):
    fake.seed(companies=60, contacts=40, deals=90, engagements_per_deal=1)
    fake.faults = [
        Fault("status", count=4, status=429, retry_after="2", path_contains="/search"),
        Fault("status", count=3, status=500, path_contains="/crm/v3/objects/deals/batch/read", method="POST"),
        Fault("slow", count=2, seconds=2.0, path_contains="/crm/v4/associations"),
        Fault("drop", count=2, path_contains="/crm/v4/associations"),
        Fault("status", count=1, status=503, path_contains="/owners"),
    ]
    sleeps: list[float] = []
    client = make_client(fake.url, sleeps, timeout=(2.0, 1.0))
    report = HubSpotSync(sqlite_engine, client).run()

    assert all(f.count == 0 for f in fake.faults)  # every fault was served
    assert_mirrors(sqlite_engine, fake)
    assert fake.violations == []
    assert report.rate_limited == 4 and sleeps.count(2.0) == 4  # Retry-After honoured, exactly
    assert report.server_errors == 4 and report.network_errors == 4
    assert report.retries == 12
    assert all(0 < s <= client.backoff_cap for s in sleeps)


def test_a_bulk_import_sharing_one_timestamp_is_paged_through_completely(sqlite_engine: Engine, fake: FakeHubSpot):
    stamp = fake.tick()
    for n in range(450):  # more than two search pages modified in the same millisecond
        fake.put("companies", {"name": f"Imported {n}"}, ms=stamp)
    fake.put("companies", {"name": "After the import"})
    fake.add_owner("503", "gone@example.com", "Gone", "Owner")
    fake.owners[-1]["archived"] = True
    report = HubSpotSync(sqlite_engine, make_client(fake.url)).run(types=["companies"])
    assert count(sqlite_engine, Company) == 451
    assert report.per_type["companies"].pages <= 6
    assert last_sync_at(sqlite_engine) is None  # a companies-only run does not vouch for the whole store
    with Session(sqlite_engine) as s:
        assert s.execute(select(Owner.active).where(Owner.hubspot_id == "503")).scalar_one() is False
    assert fake.violations == []


def test_retries_are_bounded_with_growing_backoff(fake: FakeHubSpot):
    fake.faults = [Fault("status", count=100, status=502, path_contains="/search")]
    sleeps: list[float] = []
    client = make_client(fake.url, sleeps, max_retries=4, backoff_base=0.5, backoff_cap=3.0)
    with pytest.raises(HubSpotUnavailable):
        client.search("deals", {"limit": 1})
    assert client.stats.requests == 5 and len(sleeps) == 4
    caps = [0.5, 1.0, 2.0, 3.0]
    assert all(cap / 2 <= s <= cap for s, cap in zip(sleeps, caps, strict=True))


def test_a_create_is_never_repeated_blindly(fake: FakeHubSpot):
    fake.faults = [Fault("status", count=1, status=500, path_contains="/crm/v3/objects/notes", method="POST")]
    client = make_client(fake.url)
    with pytest.raises(HubSpotUnavailable):
        client.create("notes", {"properties": {"hs_note_body": "x", "hs_timestamp": "1"}})
    assert client.stats.requests == 1


def test_a_failed_sync_resumes_from_the_last_committed_page(engine: Engine, fake: FakeHubSpot):
    fake.seed(companies=900, contacts=20, deals=30)
    fake.fail_all_after_search_pages = 3  # HubSpot goes down after the third companies page
    with pytest.raises(HubSpotUnavailable):
        HubSpotSync(engine, make_client(fake.url, max_retries=1)).run()
    with Session(engine) as s:
        cursor = s.get(SyncCursor, "companies")
        assert cursor.run_started_at is not None and cursor.last_modified is not None  # mid-run, saved
        saved = s.execute(select(func.count()).select_from(Company)).scalar_one()
    assert 0 < saved < 900
    assert last_sync_at(engine) is None  # a half-done run never claims freshness

    # While we were down, HubSpot changed records we had already copied and ones we had not.
    early, late = fake.live("companies")[0], fake.live("companies")[-1]
    fake.put("companies", {"name": "Renamed early"}, object_id=early.id)
    fake.put("companies", {"name": "Renamed late"}, object_id=late.id)
    fake.fail_all_after_search_pages = None
    client = make_client(fake.url)
    HubSpotSync(engine, client).run()
    assert_mirrors(engine, fake)
    with Session(engine) as s:
        names = dict(s.execute(select(Company.hubspot_id, Company.name)).all())
    assert names[early.id] == "Renamed early" and names[late.id] == "Renamed late"
    assert fake.violations == []


KILL_SCRIPT = textwrap.dedent(
    """
    import sys
    from store.db import open_engine
    from tools.hubspot.client import HubSpotClient
    from tools.hubspot.sync import HubSpotSync
    engine = open_engine(sys.argv[1])
    client = HubSpotClient("{token}", sys.argv[2], requests_per_10s=1_000_000, search_per_second=1_000_000)
    HubSpotSync(engine, client).run()
    print("FINISHED")
    """
)


def test_killed_mid_sync_then_resumed_loses_and_duplicates_nothing(sqlite_engine: Engine, fake: FakeHubSpot):
    fake.seed(companies=2400, contacts=30, deals=40)
    fake.faults = [Fault("slow", count=10_000, seconds=0.03, path_contains="/search")]
    fake.pages_event_at = 4
    url = str(sqlite_engine.url)
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT.format(token=TOKEN), url, fake.url],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert fake.pages_event.wait(30), "the sync never reached page 4"
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert b"FINISHED" not in out
    saved = count(sqlite_engine, Company)
    assert 0 < saved < 2400  # killed part-way through the companies
    pages_before = fake.search_pages_served
    requests_before = len(fake.requests)
    fake.faults = []

    fake.put("companies", {"name": "Changed while down"}, object_id=fake.live("companies")[1].id)
    HubSpotSync(sqlite_engine, make_client(fake.url)).run()
    assert_mirrors(sqlite_engine, fake)
    companies_pages_on_resume = sum(
        1 for method, path, status in fake.requests[requests_before:] if path.endswith("/companies/search")
    )
    assert fake.search_pages_served > pages_before
    assert companies_pages_on_resume < 2400 / 200 + 1  # resumed from the saved watermark rather than from zero
    assert fake.violations == []


def test_the_spec_check_catches_requests_hubspot_would_reject(fake: FakeHubSpot):
    client = make_client(fake.url)
    with pytest.raises(HubSpotBadRequest):  # sorts are strings in HubSpot's spec, not objects
        client.search("deals", {"sorts": [{"propertyName": "createdate", "direction": "DESCENDING"}], "limit": 10})
    with pytest.raises(HubSpotBadRequest):  # batch read must name properties and propertiesWithHistory
        client.batch_read("deals", {"inputs": [{"id": "1"}]})
    with pytest.raises(HubSpotBadRequest):  # an operator outside the spec's enum
        client.search("deals", {"filterGroups": [{"filters": [{"propertyName": "x", "operator": "ABOUT"}]}]})
    assert any("sorts/0" in v for v in fake.violations)
    assert any("'properties' is a required property" in v for v in fake.violations)
    assert any("'propertiesWithHistory' is a required property" in v for v in fake.violations)
    assert any("'ABOUT' is not one of" in v for v in fake.violations)
    with pytest.raises(HubSpotNotFound):  # a path HubSpot does not have
        client._call(
            client._basic_api.api_client.call_api,
            "/crm/v9/objects/deals",
            "GET",
            auth_settings=["oauth2"],
            _return_http_data_only=True,
        )
    assert any("no such operation" in v for v in fake.violations)
