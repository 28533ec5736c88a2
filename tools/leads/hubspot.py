"""Leads that arrive through HubSpot: new contacts after a sync go through intake once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlmodel import Session, col

from store.models import InboundLead
from tools.leads.form import validation_errors
from tools.leads.intake import HUBSPOT_LEAD_PROPERTIES, IntakeResult, intake_hubspot_contact

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)


HUBSPOT_WATERMARK_KEY = "hubspot_leads_watermark"
HUBSPOT_CONTACT_LEAD_PROPERTIES = (
    *dict.fromkeys(HUBSPOT_LEAD_PROPERTIES),
    "firstname",
    "lastname",
    "lastmodifieddate",
)


@dataclass
class HubSpotLeadImport:
    """What one pass over new HubSpot contacts did."""

    created: list[IntakeResult] = field(default_factory=list)
    duplicates: int = 0
    invalid: dict[str, str] = field(default_factory=dict)
    """HubSpot contact id → why it is not a lead (e.g. no company or email)."""
    watermark: datetime | None = None


def import_hubspot_leads(
    engine: Engine,
    settings: Settings,
    *,
    client: Any = None,
    since: datetime | None = None,
    notify: Callable[[IntakeResult], None] | None = None,
    now: datetime | None = None,
) -> HubSpotLeadImport:
    """Take contacts created in HubSpot (form submissions, new contacts) in through the same intake as the web form.

    Reads contacts modified since the stored watermark (first run: the last 7 days, or `since`), keeps those CREATED
    since then, and runs each through `intake_lead` (validation, de-duplication by HubSpot id and email, scoring);
    `notify` is called for each new lead (the Slack post). The watermark is HubSpot's own modification time, stored
    only after the pass, so a crash repeats a pass and de-duplication makes the repeat harmless.
    """
    from store.models import WorkspaceMeta
    from tools.hubspot.client import HubSpotClient
    from tools.hubspot.mapping import parse_instant, to_epoch_ms

    client = client or HubSpotClient.from_settings(settings)
    now = now or datetime.now(UTC)
    if since is None:
        with Session(engine) as session:
            stored = session.get(WorkspaceMeta, HUBSPOT_WATERMARK_KEY)
        since = parse_instant(stored.value) if stored else None
        since = since or now - timedelta(days=7)
    report = HubSpotLeadImport(watermark=since)
    after: str | None = None
    while True:
        body: dict[str, Any] = {
            "filterGroups": [
                {"filters": [{"propertyName": "lastmodifieddate", "operator": "GTE", "value": to_epoch_ms(since)}]}
            ],
            "sorts": ["lastmodifieddate"],
            "properties": list(HUBSPOT_CONTACT_LEAD_PROPERTIES),
            "limit": 100,
        }
        if after:
            body["after"] = after
        page = client.search("contacts", body)
        for record in page.get("results", []):
            props = record.get("properties") or {}
            modified = parse_instant(props.get("lastmodifieddate"))
            if modified and (report.watermark is None or modified > report.watermark):
                report.watermark = modified
            created = parse_instant(props.get("createdate"))
            if created is not None and created < since:
                continue  # an older contact that changed: not a new lead
            try:
                result = intake_hubspot_contact(engine, props, hubspot_id=str(record["id"]), settings=settings)
            except ValidationError as exc:
                report.invalid[str(record["id"])] = "; ".join(
                    f"{e['field']} {e['message']}" for e in validation_errors(exc)
                )
                continue
            if not result.created:
                report.duplicates += 1
                continue
            report.created.append(result)
            if notify is not None:
                try:
                    notify(result)
                except Exception:
                    log.exception("lead %s from HubSpot stored but its notification failed", result.lead_id)
        after = ((page.get("paging") or {}).get("next") or {}).get("after")
        if not after:
            break
    if report.watermark is not None:
        with Session(engine) as session:
            row = session.get(WorkspaceMeta, HUBSPOT_WATERMARK_KEY) or WorkspaceMeta(
                key=HUBSPOT_WATERMARK_KEY, value="", updated_at=now
            )
            row.value, row.updated_at = report.watermark.isoformat(), now
            session.add(row)
            session.commit()
    return report


def write_score_to_hubspot(engine: Engine, settings: Settings, lead: InboundLead, *, client: Any = None) -> str:
    """Write the lead's score to HubSpot when configured; returns what happened, in words (for the log).

    A lead that came in as a HubSpot contact gets the score on that contact; the company is the lead's own
    (`company_id`) or the synced company with the lead's domain. Idempotent: the key is the lead and its score, so a
    retry or a second notification writes nothing new. Without HubSpot, or without a HubSpot company for the lead yet,
    nothing is written to the company and the score stays in Sales OS.
    """
    if not settings.hubspot_configured:
        return "HubSpot not configured: score kept in Sales OS only"
    if lead.score is None:
        return "lead not scored: nothing to write"
    try:
        from tools.hubspot.client import HubSpotClient
        from tools.hubspot.writeback import WriteBackService
    except ImportError:
        return "HubSpot write-back module not installed: skipped"
    from sqlmodel import select

    from store.models import Company

    service = WriteBackService(engine, client or HubSpotClient.from_settings(settings))
    score = f"{lead.score:.0f}"
    said = []
    if lead.hubspot_id:  # the lead came in as a HubSpot contact: score the contact too
        on_contact = service.set_properties(
            f"lead-score:{lead.id}:{score}:contact", "contacts", lead.hubspot_id, {"salesos_lead_score": score}
        )
        said.append(f"score written to HubSpot contact {on_contact.hubspot_id}")
    with Session(engine) as session:
        company = session.get(Company, lead.company_id) if lead.company_id is not None else None
        if (company is None or not company.hubspot_id) and lead.domain:
            company = session.exec(
                select(Company).where(col(Company.domain) == lead.domain, col(Company.hubspot_id).is_not(None))
            ).first()
    if company is None or not company.hubspot_id:
        return "; ".join([*said, "no HubSpot company for this lead yet: score kept in Sales OS"])
    key = f"lead-score:{lead.id}:{score}"
    result = service.set_properties(key, "companies", company.hubspot_id, {"salesos_lead_score": score})
    said.append(f"score written to HubSpot company {result.hubspot_id}" + ("" if result.written_now else " (already)"))
    return "; ".join(said)
