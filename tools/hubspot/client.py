"""Transport wrapper around hubspot-api-client: rate limits, retries, timeouts and our own errors.

Every call goes through `HubSpotClient._call`, which
- waits for the client-side limiter (search has its own per-second limit and, per HubSpot's spec
  (`x-hubspot-rate-limit-exemptions: ten-secondly`), does not count against the 10-second limit);
- on 429 waits as told by `Retry-After` (or backs off when the header is missing) and retries;
- on 5xx, timeouts and dropped connections backs off exponentially with jitter, a bounded number of times, but only
  for requests that are safe to repeat. A create (POST) is never blindly repeated: a lost response may mean the object
  exists, so `HubSpotUnavailable` goes up to the write-back layer, which looks for the object before creating again;
- maps `ApiException` to `HubSpotError` subclasses, so callers never import the SDK.

Request bodies are plain dicts and responses are parsed JSON (`_preload_content=False`): the SDK still builds the
URLs, query strings, headers and auth, but we skip its model layer, which is slow for 200-object pages.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import urllib3

from tools.hubspot.limiter import SlidingWindowLimiter

if TYPE_CHECKING:
    from settings import Settings

SEARCH_PAGE_SIZE = 200
"""HubSpot's maximum `limit` for the search endpoints."""
BATCH_READ_SIZE = 100
"""HubSpot's maximum inputs for an object batch read."""
HISTORY_BATCH_SIZE = 50
"""HubSpot's maximum inputs for a batch read that asks for `propertiesWithHistory`."""
ASSOCIATION_BATCH_SIZE = 1000
"""HubSpot's maximum inputs for a v4 associations batch read."""
LIST_PAGE_SIZE = 100
"""HubSpot's maximum `limit` for the list endpoints."""
OWNERS_PAGE_SIZE = 500
"""HubSpot's maximum `limit` for the owners list."""


class HubSpotError(Exception):
    """A HubSpot call failed; `status` is the HTTP status (0 when no response came back)."""

    def __init__(self, message: str, *, status: int = 0, body: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.body = body


class HubSpotAuthError(HubSpotError):
    """401/403: the token is missing, wrong, or lacks a scope."""


class HubSpotNotFound(HubSpotError):
    """404."""


class HubSpotConflict(HubSpotError):
    """409: the object (e.g. a property) already exists."""


class HubSpotBadRequest(HubSpotError):
    """Another 4xx: the request itself is wrong; retrying will not help."""


class HubSpotRateLimited(HubSpotError):
    """429s kept coming after the allowed number of waits."""


class HubSpotUnavailable(HubSpotError):
    """5xx, a timeout or a dropped connection, after the allowed retries (or at once for a create)."""


@dataclass
class ClientStats:
    """What the transport did: requests sent, retries, and why."""

    requests: int = 0
    search_requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    server_errors: int = 0
    network_errors: int = 0
    seconds_waiting_for_limiter: float = 0.0
    seconds_backing_off: float = 0.0


_TRANSIENT_NETWORK_ERRORS = (urllib3.exceptions.HTTPError, ConnectionError, TimeoutError)


class HubSpotClient:
    """HubSpot CRM calls Sales OS makes, with client-side limits and bounded retries.

    Args:
        access_token: Private-app token.
        host: API host, e.g. `https://api.hubapi.com` (tests: a loopback server).
        requests_per_10s: Burst limit of the private app (HubSpot: 100 per 10 s; 150 on Professional/Enterprise).
        search_per_second: Limit of the search endpoints (HubSpot: 5 per second).
        timeout: (connect, read) timeout of each request, seconds.
        max_retries: Retries after a 5xx/timeout for a request that is safe to repeat.
        max_rate_limit_waits: Waits after 429s before giving up.
        backoff_base: First backoff, seconds; doubles each retry.
        backoff_cap: Longest single backoff, seconds.
        clock: Monotonic clock (injected in tests).
        sleep: Sleep function (injected in tests so backoffs are instant and recorded).
        rng: Random source for jitter (seeded in tests).
        window_margin: Seconds added to the 10-second window to absorb network jitter.
    """

    def __init__(
        self,
        access_token: str,
        host: str,
        *,
        requests_per_10s: int = 100,
        search_per_second: int = 5,
        timeout: tuple[float, float] = (5.0, 30.0),
        max_retries: int = 5,
        max_rate_limit_waits: int = 30,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        window_margin: float = 0.05,
    ) -> None:
        from hubspot import HubSpot

        # retry=False: urllib3 must not retry on its own (it would repeat POSTs and hide retries from our counts).
        sdk = HubSpot(access_token=access_token, host=host.rstrip("/"), retry=False)
        crm = sdk.crm
        self._search_api = crm.objects.search_api
        self._batch_api = crm.objects.batch_api
        self._basic_api = crm.objects.basic_api
        self._assoc_api = crm.associations.v4.batch_api
        self._owners_api = crm.owners.owners_api
        self._pipelines_api = crm.pipelines.pipelines_api
        self._properties_api = crm.properties.core_api
        self._property_groups_api = crm.properties.groups_api
        self.host = host
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_rate_limit_waits = max_rate_limit_waits
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._sleep = sleep
        self._rng = rng or random.Random()
        self.stats = ClientStats()
        self._standard_limiter = SlidingWindowLimiter(
            requests_per_10s, 10.0, clock=clock, sleep=sleep, margin=window_margin
        )
        self._search_limiter = SlidingWindowLimiter(
            search_per_second, 1.0, clock=clock, sleep=sleep, margin=window_margin
        )

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> HubSpotClient:
        """Build a client from `settings.Settings`; raises `HubSpotAuthError` naming the variable when unset."""
        if settings.hubspot_access_token is None:
            raise HubSpotAuthError("HUBSPOT_ACCESS_TOKEN is not set: create a private app in HubSpot and export it")
        kwargs: dict[str, Any] = {
            "requests_per_10s": settings.hubspot_requests_per_10s,
            "search_per_second": settings.hubspot_search_requests_per_s,
        }
        kwargs.update(overrides)
        return cls(settings.hubspot_access_token.get_secret_value(), settings.hubspot_api_url, **kwargs)

    # --- the calls -------------------------------------------------------------------------------------------------

    def search(self, object_type: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST /crm/v3/objects/{type}/search (read-only, safe to repeat)."""
        return self._call(self._search_api.do_search, object_type, body, search=True)

    def batch_read(self, object_type: str, body: dict[str, Any], *, archived: bool = False) -> dict[str, Any]:
        """POST /crm/v3/objects/{type}/batch/read (read-only, safe to repeat)."""
        if archived:
            return self._call(self._batch_api.read, object_type, body, archived="true")
        return self._call(self._batch_api.read, object_type, body)

    def list_page(
        self,
        object_type: str,
        *,
        after: str | None = None,
        properties: list[str] | None = None,
        archived: bool = False,
        limit: int = LIST_PAGE_SIZE,
    ) -> dict[str, Any]:
        """GET /crm/v3/objects/{type}: one page of the list (with `archived=True`: the recycle bin)."""
        kwargs: dict[str, Any] = {"limit": limit, "archived": _query_bool(archived)}
        if after:
            kwargs["after"] = after
        if properties:
            kwargs["properties"] = properties
        return self._call(self._basic_api.get_page, object_type, **kwargs)

    def create(self, object_type: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST /crm/v3/objects/{type}. Not repeated on 5xx/timeouts: see the module docstring."""
        return self._call(self._basic_api.create, object_type, body, idempotent=False)

    def update(self, object_type: str, object_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """PATCH /crm/v3/objects/{type}/{id}: setting the same values twice is harmless, so it is retried."""
        return self._call(self._basic_api.update, object_type, object_id, body)

    def batch_update(self, object_type: str, inputs: list[dict[str, Any]]) -> dict[str, Any]:
        """POST /crm/v3/objects/{type}/batch/update (≤ 100 inputs; setting the same values again is harmless)."""
        return self._call(self._batch_api.update, object_type, {"inputs": inputs})

    def associations(self, from_type: str, to_type: str, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        """Read v4 associations of `ids` to `to_type`: {from id: [{"id", "type_ids", "labels"}]}, following paging."""
        found: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
        pending: list[dict[str, str]] = [{"id": i} for i in ids]
        while pending:
            batch, pending = pending[:ASSOCIATION_BATCH_SIZE], pending[ASSOCIATION_BATCH_SIZE:]
            resp = self._call(self._assoc_api.get_page, from_type, to_type, {"inputs": batch})
            for result in resp.get("results", []):
                from_id = str(result["from"]["id"])
                for to in result.get("to", []):
                    types = to.get("associationTypes", [])
                    found.setdefault(from_id, []).append(
                        {
                            "id": str(to["toObjectId"]),
                            "type_ids": [t.get("typeId") for t in types],
                            "labels": [t["label"] for t in types if t.get("label")],
                        }
                    )
                after = ((result.get("paging") or {}).get("next") or {}).get("after")
                if after:  # more associations of this one object: ask again from where it stopped
                    pending.append({"id": from_id, "after": after})
        return found

    def owners_page(self, *, after: str | None = None, archived: bool = False) -> dict[str, Any]:
        """GET /crm/v3/owners/."""
        kwargs: dict[str, Any] = {"limit": OWNERS_PAGE_SIZE, "archived": _query_bool(archived)}
        if after:
            kwargs["after"] = after
        return self._call(self._owners_api.get_page, **kwargs)

    def pipelines(self, object_type: str) -> dict[str, Any]:
        """GET /crm/v3/pipelines/{type}."""
        return self._call(self._pipelines_api.get_all, object_type)

    def get_property(self, object_type: str, name: str) -> dict[str, Any] | None:
        """GET /crm/v3/properties/{type}/{name}; None when the property does not exist."""
        try:
            return self._call(self._properties_api.get_by_name, object_type, name)
        except HubSpotNotFound:
            return None

    def create_property(self, object_type: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST /crm/v3/properties/{type} (a repeat answers 409, which callers treat as done)."""
        return self._call(self._properties_api.create, object_type, body)

    def create_property_group(self, object_type: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST /crm/v3/properties/{type}/groups (a repeat answers 409, which callers treat as done)."""
        return self._call(self._property_groups_api.create, object_type, body)

    # --- transport -------------------------------------------------------------------------------------------------

    def _call(self, fn: Callable[..., Any], *args: Any, search: bool = False, idempotent: bool = True, **kwargs: Any):
        kwargs["_preload_content"] = False
        kwargs["_request_timeout"] = self.timeout
        attempt = 0
        rate_limit_waits = 0
        while True:
            limiter = self._search_limiter if search else self._standard_limiter
            self.stats.seconds_waiting_for_limiter += limiter.acquire()
            self.stats.requests += 1
            if search:
                self.stats.search_requests += 1
            try:
                response = fn(*args, **kwargs)
                data = response.data
                return json.loads(data) if data else {}
            except _TRANSIENT_NETWORK_ERRORS as exc:
                self.stats.network_errors += 1
                error: HubSpotError = HubSpotUnavailable(f"no answer from HubSpot ({type(exc).__name__}: {exc})")
                if not idempotent or attempt >= self.max_retries:
                    raise error from exc
            except Exception as exc:
                status = getattr(exc, "status", None)
                if status is None:
                    raise
                body = _body_text(exc)
                if status == 429:
                    self.stats.rate_limited += 1
                    rate_limit_waits += 1
                    if rate_limit_waits > self.max_rate_limit_waits:
                        raise HubSpotRateLimited("HubSpot kept answering 429", status=429, body=body) from exc
                    wait = _retry_after(exc)
                    if wait is None:
                        wait = self._backoff(rate_limit_waits - 1)
                    self.stats.retries += 1
                    self.stats.seconds_backing_off += wait
                    self._sleep(wait)
                    continue
                if status == 0 or 500 <= status <= 599:
                    self.stats.server_errors += 1
                    if not idempotent or attempt >= self.max_retries:
                        raise HubSpotUnavailable(f"HubSpot answered {status}", status=status, body=body) from exc
                else:
                    raise _client_error(status, body) from exc
            wait = self._backoff(attempt)
            attempt += 1
            self.stats.retries += 1
            self.stats.seconds_backing_off += wait
            self._sleep(wait)

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with "equal jitter": half fixed, half random, capped."""
        delay = min(self.backoff_cap, self.backoff_base * (2**attempt))
        return delay / 2 + self._rng.uniform(0, delay / 2)


def _query_bool(value: bool) -> str:
    """The SDK would send Python's `True`/`False`; HubSpot's spec wants the form-style `true`/`false`."""
    return "true" if value else "false"


def _body_text(exc: Exception) -> str | None:
    body = getattr(exc, "body", None)
    if isinstance(body, bytes):
        return body.decode("utf-8", "replace")
    return body


def _retry_after(exc: Exception) -> float | None:
    headers = getattr(exc, "headers", None) or {}
    value = None
    for name, header_value in dict(headers).items():
        if name.lower() == "retry-after":
            value = header_value
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        return None


def _client_error(status: int, body: str | None) -> HubSpotError:
    message = _error_message(body) or f"HubSpot answered {status}"
    if status in (401, 403):
        return HubSpotAuthError(f"HubSpot refused the token ({status}): {message}", status=status, body=body)
    if status == 404:
        return HubSpotNotFound(message, status=status, body=body)
    if status == 409:
        return HubSpotConflict(message, status=status, body=body)
    return HubSpotBadRequest(f"HubSpot rejected the request ({status}): {message}", status=status, body=body)


def _error_message(body: str | None) -> str | None:
    if not body:
        return None
    try:
        return str(json.loads(body).get("message") or "") or None
    except (ValueError, AttributeError):
        return body[:300]
