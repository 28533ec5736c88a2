"""The lead score written back to HubSpot (the loopback HubSpot of tests/hubspot_fake.py), once per lead and score."""

import pytest
from sqlmodel import Session, select

from settings import Settings
from store.models import Company, InboundLead
from tests import hubspot_fake
from tools.leads.form import LeadIn
from tools.leads.hubspot import write_score_to_hubspot
from tools.leads.intake import intake_lead


@pytest.fixture
def fake():
    server = hubspot_fake.FakeHubSpot()
    server.start()
    yield server
    server.stop()


def test_score_goes_to_the_company_once(engine, fake, tmp_path):
    company_id = fake.put("companies", {"name": "Northwind", "domain": "northwind.io"}).id
    with Session(engine) as s:
        s.add(Company(name="Northwind", domain="northwind.io", hubspot_id=company_id))
        s.commit()
    settings = Settings(
        hubspot_access_token=hubspot_fake.TOKEN,
        hubspot_api_url=fake.url,
        lead_model_dir=tmp_path,
        hubspot_requests_per_10s=10_000,
    )
    lead_in = LeadIn.model_validate({"company": "Northwind", "email": "ops@northwind.io", "budget": 60000})
    result = intake_lead(engine, lead_in, source="web_form", settings=settings)
    with Session(engine) as s:
        lead = s.get(InboundLead, result.lead_id)

    said = write_score_to_hubspot(engine, settings, lead)
    assert said.startswith(f"score written to HubSpot company {company_id}")
    [company] = [c for c in fake.live("companies") if c.id == company_id]
    assert company.properties["salesos_lead_score"] == f"{lead.score:.0f}"
    updates = [r for r in fake.requests if r[0] == "PATCH"]
    assert write_score_to_hubspot(engine, settings, lead).endswith("(already)")
    assert [r for r in fake.requests if r[0] == "PATCH"] == updates  # no second write


def test_no_company_or_no_hubspot_means_no_write(sqlite_engine, fake, tmp_path):
    lead = InboundLead(id=1, dedupe_key="k", company_name="X", domain="x.io", score=50.0, submitted_at=None)
    assert "not configured" in write_score_to_hubspot(sqlite_engine, Settings(), lead)
    settings = Settings(hubspot_access_token=hubspot_fake.TOKEN, hubspot_api_url=fake.url)
    assert "no HubSpot company" in write_score_to_hubspot(sqlite_engine, settings, lead)
    assert fake.requests == []


def test_new_hubspot_contacts_take_the_intake_path_once(engine, fake, tmp_path):
    from datetime import UTC, datetime

    from store.models import WorkspaceMeta
    from tools.hubspot.client import HubSpotClient
    from tools.leads.hubspot import import_hubspot_leads

    settings = Settings(
        hubspot_access_token=hubspot_fake.TOKEN,
        hubspot_api_url=fake.url,
        lead_model_dir=tmp_path,
        lead_competitors=["rivalcrm.com"],
    )
    client = HubSpotClient.from_settings(settings, requests_per_10s=10_000, search_per_second=10_000)
    since = datetime.fromtimestamp(hubspot_fake.BASE_MS / 1000, tz=UTC)
    good = fake.put(
        "contacts",
        {
            "email": "ops@northwind.io",
            "firstname": "Dana",
            "lastname": "Reyes",
            "company": "Northwind",
            "budget": "60000",
            "timeline": "this quarter",
            "message": "Spreadsheets everywhere; need to replace them.",
            "jobtitle": "VP Sales",
        },
    )
    spy = fake.put("contacts", {"email": "x@rivalcrm.com", "company": "Rival CRM", "budget": "90000"})
    fake.put("contacts", {"email": "no-company@acme.com"})
    posted = []

    report = import_hubspot_leads(engine, settings, client=client, since=since, notify=posted.append)
    assert sorted(r.lead_id for r in report.created) == sorted(r.lead_id for r in posted) and len(posted) == 2
    assert list(report.invalid) and "company" in next(iter(report.invalid.values()))
    with Session(engine) as s:
        leads = {lead.hubspot_id: lead for lead in s.exec(select(InboundLead)).all()}
        watermark = s.get(WorkspaceMeta, "hubspot_leads_watermark")
    assert set(leads) == {good.id, spy.id}
    assert leads[good.id].source == "hubspot" and leads[good.id].budget == 60000 and leads[good.id].score is not None
    assert leads[spy.id].tier == "D" and any("competitor" in d for d in leads[spy.id].disqualifiers)
    assert watermark is not None

    again = import_hubspot_leads(engine, settings, client=client, notify=posted.append)  # from the stored watermark
    assert again.created == [] and len(posted) == 2
