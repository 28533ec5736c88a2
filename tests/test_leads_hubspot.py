"""The lead score written back to HubSpot (the loopback HubSpot of tests/hubspot_fake.py), once per lead and score."""

import pytest
from sqlmodel import Session

from bot.leads_listeners import write_score_to_hubspot
from settings import Settings
from store.models import Company, InboundLead
from tests import hubspot_fake
from tools.leads import LeadIn, intake_lead


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
