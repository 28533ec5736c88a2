"""Keep deal intelligence fresh: re-score after each sync and from the deal-health job, then update HubSpot."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from tools.intelligence.scores import refresh_scores

if TYPE_CHECKING:
    from settings import Settings
    from tools.hubspot.client import HubSpotClient

log = logging.getLogger(__name__)


def refresh_intelligence(
    engine: Engine, settings: Settings, *, now: datetime, client: HubSpotClient | None = None
) -> str:
    """Re-score open deals when the data changed (cheap when it did not); push changed properties to HubSpot.

    The HubSpot write runs only with HubSpot configured and `hubspot_deal_properties` on; it compares with what was
    last written, so calling it when nothing changed costs one query and sends nothing. Returns a one-line account.
    """
    report = refresh_scores(engine, now=now, cache_dir=settings.model_cache_dir)
    said = (
        f"win scores current ({report.scored} open deals)"
        if report.skipped
        else f"re-scored {report.scored} open deals ({report.method}), {report.changed} changed"
    )
    if not (settings.hubspot_configured and settings.hubspot_deal_properties):
        return said
    from tools.hubspot.client import HubSpotClient
    from tools.intelligence.hubspot_properties import push_deal_properties

    pushed = push_deal_properties(engine, client or HubSpotClient.from_settings(settings), now=now)
    return f"{said}; HubSpot properties updated on {pushed.changed} deals in {pushed.batches} batch calls"
