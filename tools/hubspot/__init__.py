"""HubSpot connector: incremental sync into the store and idempotent write-back.

`client` is the transport (rate limits, retries, error mapping), `sync` mirrors HubSpot into the store,
`writeback` creates tasks/notes and sets Sales OS properties exactly once, `mapping` turns records into columns.
"""

from tools.hubspot.client import (
    HubSpotAuthError,
    HubSpotClient,
    HubSpotError,
    HubSpotRateLimited,
    HubSpotUnavailable,
)
from tools.hubspot.sync import SyncReport, last_sync_at, run_sync
from tools.hubspot.writeback import WriteBackService, WriteInProgress, WriteResult

__all__ = [
    "HubSpotAuthError",
    "HubSpotClient",
    "HubSpotError",
    "HubSpotRateLimited",
    "HubSpotUnavailable",
    "SyncReport",
    "WriteBackService",
    "WriteInProgress",
    "WriteResult",
    "last_sync_at",
    "run_sync",
]
