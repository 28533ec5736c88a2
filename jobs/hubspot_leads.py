"""After each HubSpot sync: take the contacts created in HubSpot in through lead intake (scored, de-duplicated, posted).

Both the scheduled sync (`jobs/scheduler.py`) and `salesos sync` (app.py) call `import_leads_after_sync` right after
`run_sync`. Leads found there get the `/intake` route's notifier, handed in by `app.py` (a Slack post to the owner or
the inbound channel, then the score written back to HubSpot) when Slack is configured; without Slack they are stored
and scored only. `tools.leads.import_hubspot_leads` keeps its own watermark and de-duplicates by HubSpot id and email,
so a second sync, a retried job or a second replica never creates or announces a lead twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from tools.leads.hubspot import HubSpotLeadImport, import_hubspot_leads
from tools.leads.intake import IntakeResult

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)

Notify = Callable[[IntakeResult], None]


def import_leads_after_sync(
    engine: Engine,
    settings: Settings,
    *,
    hubspot_client: Any = None,
    notify: Notify | None = None,
    now: datetime | None = None,
) -> HubSpotLeadImport:
    """Run new HubSpot contacts through intake; `notify` announces each new lead (None: stored and scored only).

    Raises whatever the HubSpot client raises; the watermark then stays where it was, so the next sync retries.
    """
    report = import_hubspot_leads(engine, settings, client=hubspot_client, notify=notify, now=now)
    log.info(
        "HubSpot leads: %d new, %d already known, %d not leads",
        len(report.created),
        report.duplicates,
        len(report.invalid),
    )
    return report


def describe_import(report: HubSpotLeadImport) -> str:
    """One line for job logs and the CLI."""
    return (
        f"{len(report.created)} new HubSpot lead(s) scored, {report.duplicates} already known, "
        f"{len(report.invalid)} contact(s) not leads"
    )
