"""Sales OS deal properties written to the loopback HubSpot through the real client, checked against the spec."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from settings import Settings
from store.models import Deal, DealHealthScore, DealWinScore
from tests import intelligence_world as w
from tests.hubspot_fake import FakeHubSpot
from tests.test_hubspot_sync import make_client
from tools.health_snapshot import refresh_snapshot
from tools.intelligence.hubspot_properties import DEAL_PROPERTIES, forecast_category, push_deal_properties
from tools.intelligence.scores import refresh_scores


@pytest.fixture
def fake():
    server = FakeHubSpot()
    server.start()
    yield server
    server.stop()


def book(engine, fake: FakeHubSpot, open_deals: int = 6) -> dict[int, str]:
    """A thin history (stage priors) whose open deals exist in HubSpot; scored and health-assessed."""
    ids = w.build(engine, closed=12, open_deals=open_deals)
    hubspot = {}
    with Session(engine) as s:
        for deal_id in ids.open:
            deal = s.get(Deal, deal_id)
            remote = fake.put("deals", {"dealname": deal.name, "dealstage": deal.stage})
            deal.hubspot_id = remote.id
            hubspot[deal_id] = remote.id
            s.add(deal)
        s.commit()
    refresh_scores(engine, now=w.NOW)
    refresh_snapshot(engine, Settings(team_timezone="America/New_York"), now=w.NOW)
    return hubspot


def batch_posts(fake: FakeHubSpot) -> int:
    return sum(1 for m, p, _ in fake.requests if m == "POST" and p == "/crm/v3/objects/deals/batch/update")


def test_properties_are_created_then_written_once_and_match_the_store(sqlite_engine, fake):
    hubspot = book(sqlite_engine, fake)
    client = make_client(fake.url)
    report = push_deal_properties(sqlite_engine, client, now=w.NOW)
    assert fake.violations == [] and fake.unchecked == []
    assert report.changed == len(hubspot) and report.batches == batch_posts(fake) == 1
    created = fake.properties["deals"]
    assert set(DEAL_PROPERTIES) <= set(created)
    assert {created[n]["groupName"] for n in DEAL_PROPERTIES} == {"salesos"}
    assert created["salesos_last_assessed"]["type"] == "datetime"
    with Session(sqlite_engine) as s:
        for deal_id, remote_id in hubspot.items():
            win = s.get(DealWinScore, deal_id)
            health = s.get(DealHealthScore, deal_id)
            props = fake.objects["deals"][remote_id].properties
            assert props["salesos_win_probability"] == f"{100 * win.probability:.0f}"
            assert props["salesos_forecast_category"] == forecast_category(win.probability)
            assert props["salesos_health_score"] == str(health.score)
            if health.reasons:
                assert props["salesos_next_best_action"] == health.reasons[0]["action"]
            assert props["salesos_last_assessed"] == str(int(w.NOW.timestamp() * 1000))

    # A second run over the same data sends no update at all (and creates nothing again).
    requests_before = len(fake.requests)
    again = push_deal_properties(sqlite_engine, client, now=w.NOW + timedelta(minutes=10))
    assert again.changed == 0 and again.batches == 0
    assert len(fake.requests) == requests_before


def test_only_changed_deals_are_sent_in_batches_of_100(sqlite_engine, fake):
    hubspot = book(sqlite_engine, fake, open_deals=104)
    client = make_client(fake.url)
    first = push_deal_properties(sqlite_engine, client, now=w.NOW)
    assert first.batches == 2 and [len(b) for b in fake.batch_updates] == [100, 4]
    changed_deal = next(iter(hubspot))
    with Session(sqlite_engine) as s:
        row = s.get(DealWinScore, changed_deal)
        row.probability = 0.05
        s.add(row)
        s.commit()
    later = w.NOW + timedelta(hours=1)
    second = push_deal_properties(sqlite_engine, client, now=later)
    assert second.changed == 1 and fake.batch_updates[-1] == [
        {
            "id": hubspot[changed_deal],
            "properties": {
                **{k: v for k, v in fake.batch_updates[0][0]["properties"].items() if k != "salesos_last_assessed"},
                "salesos_win_probability": "5",
                "salesos_forecast_category": "pipeline",
                "salesos_last_assessed": str(int(later.timestamp() * 1000)),
            },
        }
    ]
    assert fake.violations == []


def test_a_crash_before_the_record_resends_the_same_values(sqlite_engine, fake, monkeypatch):
    hubspot = book(sqlite_engine, fake, open_deals=3)
    client = make_client(fake.url)
    from tools.intelligence import hubspot_properties as hp

    def crash(*args, **kwargs):
        raise RuntimeError("killed after the batch call")

    monkeypatch.setattr(hp, "session_scope", crash)
    with pytest.raises(RuntimeError):
        push_deal_properties(sqlite_engine, client, now=w.NOW)
    monkeypatch.undo()
    resumed = push_deal_properties(sqlite_engine, client, now=w.NOW)
    assert resumed.changed == len(hubspot)
    assert fake.batch_updates[0] == fake.batch_updates[1]  # the same values again: harmless
    assert push_deal_properties(sqlite_engine, client, now=w.NOW).changed == 0
    with Session(sqlite_engine) as s:
        assert len(s.exec(select(Deal).where(Deal.hubspot_id.is_not(None))).all()) == len(hubspot)


def test_the_sync_job_scores_synced_deals_and_writes_their_properties_once(sqlite_engine, fake, tmp_path):
    from jobs.scheduler import run_job
    from tests.hubspot_fake import TOKEN

    fake.seed(companies=3, contacts=6, deals=8)
    settings = Settings(hubspot_access_token=TOKEN, hubspot_api_url=fake.url, lead_model_dir=tmp_path / "models")
    at = w.NOW
    first = run_job("hubspot_sync", sqlite_engine, settings, now=at, replica="a")
    with Session(sqlite_engine) as s:
        open_remote = s.exec(select(Deal.hubspot_id).where(Deal.is_closed.is_(False))).all()
        scored = len(s.exec(select(DealWinScore)).all())
    assert open_remote and scored == len(open_remote)
    assert f"HubSpot properties updated on {len(open_remote)} deals in 1 batch calls" in first, first
    for remote_id in open_remote:
        assert fake.objects["deals"][remote_id].properties["salesos_win_probability"]
    posted = batch_posts(fake)
    second = run_job("hubspot_sync", sqlite_engine, settings, now=at + timedelta(minutes=30), replica="a")
    assert "updated on 0 deals in 0 batch calls" in second, second
    assert batch_posts(fake) == posted and fake.violations == []

    off = settings.model_copy(update={"hubspot_deal_properties": False})
    third = run_job("hubspot_sync", sqlite_engine, off, now=at + timedelta(minutes=60), replica="a")
    assert "HubSpot properties" not in third
