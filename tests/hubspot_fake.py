"""A loopback HubSpot for tests and benchmarks: stateful, spec-checked, rate-limited, and able to misbehave on cue.

- **Spec check**: every request is matched against HubSpot's OpenAPI excerpts in `tests/specs/hubspot/` (path, method,
  query parameters, JSON body). A mismatch is answered 400 and recorded in `violations`; tests assert it stays empty.
  Owners and pipelines have no stored excerpt: they are served but recorded in `unchecked`.
- **State**: objects with property histories, v4 associations, owners, pipelines, custom properties; search by
  modified time through a sorted index, so 100k records page quickly.
- **Limits and faults**: HubSpot's page-size limits; optional sliding-window rate limits answered with 429 and
  Retry-After; scripted faults (status codes, slow responses, dropped connections, a create whose response is lost).

Run standalone (for the benchmark, so the server does not share the client's GIL):
    python -m tests.hubspot_fake --deals 100000 --requests-per-10s 100
It prints `PORT <n>` and serves until stdin closes.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import random
import re
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jsonschema

SPEC_DIR = Path(__file__).resolve().parent / "specs" / "hubspot"
TOKEN = "pat-test-token"
BASE_MS = int(datetime(2026, 1, 5, tzinfo=UTC).timestamp() * 1000)
ENGAGEMENT_TYPES = ("calls", "emails", "meetings", "notes", "tasks")
OBJECT_TYPES = ("companies", "contacts", "deals", *ENGAGEMENT_TYPES)
MODIFIED_PROP = {t: ("lastmodifieddate" if t == "contacts" else "hs_lastmodifieddate") for t in OBJECT_TYPES}
STAGES = [
    ("appointmentscheduled", "0.2", "false"),
    ("qualifiedtobuy", "0.4", "false"),
    ("presentationscheduled", "0.6", "false"),
    ("decisionmakerboughtin", "0.8", "false"),
    ("contractsent", "0.9", "false"),
    ("closedwon", "1.0", "true"),
    ("closedlost", "0.0", "true"),
]
# (from, to) → (typeId from→to, typeId to→from); the primary types are HubSpot's defaults.
ASSOCIATION_TYPE_IDS = {
    ("deals", "companies"): (5, 6),
    ("deals", "contacts"): (3, 4),
    ("contacts", "companies"): (1, 2),
}


def iso(ms: int) -> str:
    """Format epoch milliseconds the way HubSpot does in JSON."""
    return datetime.fromtimestamp(ms / 1000, tz=UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- spec checking ------------------------------------------------------------------------------------------------


@dataclass
class _Route:
    method: str
    pattern: re.Pattern[str]
    template: str
    operation: dict[str, Any]
    components: dict[str, Any]


class SpecChecker:
    """Match requests to operations of HubSpot's OpenAPI documents and validate their parameters and bodies."""

    def __init__(self, spec_dir: Path = SPEC_DIR) -> None:
        self.routes: list[_Route] = []
        for path in sorted(spec_dir.glob("*.json")):
            spec = json.loads(path.read_text())
            for template, item in spec["paths"].items():
                regex = "^" + re.sub(r"\\\{[^}]+\\\}", "([^/]+)", re.escape(template)) + "$"
                for method, operation in item.items():
                    self.routes.append(
                        _Route(method.upper(), re.compile(regex), template, operation, spec.get("components", {}))
                    )
        # Literal segments first, so /search and /batch/read win over /{objectId}.
        self.routes.sort(key=lambda r: r.template.count("{"))

    def match(self, method: str, path: str) -> _Route | None:
        """The operation serving `method path`, or None."""
        for route in self.routes:
            if route.method == method and route.pattern.match(path):
                return route
        return None

    def problems(self, route: _Route, query: dict[str, list[str]], body: Any) -> list[str]:
        """Everything about the request that the operation's spec does not allow."""
        found: list[str] = []
        params = {p["name"]: p for p in route.operation.get("parameters", []) if p["in"] == "query"}
        for name, values in query.items():
            param = params.get(name)
            if param is None:
                found.append(f"unknown query parameter {name!r}")
                continue
            schema = param.get("schema", {})
            kind = schema.get("type")
            if kind != "array" and len(values) > 1:
                found.append(f"query parameter {name!r} given {len(values)} times")
            for value in values:
                item_kind = schema.get("items", {}).get("type") if kind == "array" else kind
                if item_kind == "boolean" and value not in ("true", "false"):
                    found.append(f"query parameter {name!r}={value!r} is not a boolean")
                if item_kind == "integer" and not re.fullmatch(r"-?\d+", value):
                    found.append(f"query parameter {name!r}={value!r} is not an integer")
        for name, param in params.items():
            if param.get("required") and name not in query:
                found.append(f"missing required query parameter {name!r}")
        request_body = route.operation.get("requestBody")
        if request_body is None:
            if body is not None:
                found.append("a body was sent to an operation that takes none")
        else:
            if body is None:
                if request_body.get("required"):
                    found.append("missing required JSON body")
            else:
                schema = dict(request_body["content"]["application/json"]["schema"])
                schema["components"] = route.components
                validator = jsonschema.Draft7Validator(schema)
                for error in validator.iter_errors(body):
                    where = "/".join(str(p) for p in error.absolute_path) or "(body)"
                    found.append(f"body {where}: {error.message}")
        return found


# --- faults -------------------------------------------------------------------------------------------------------


@dataclass
class Fault:
    """A scripted misbehaviour for the next `count` requests that match."""

    kind: str
    """`status` (answer `status`), `slow` (sleep `seconds` first), `drop` (close without answering),
    `lose_create_response` (create the object, then close), `hang_after_create` (create, then sleep `seconds`)."""
    count: int = 1
    status: int = 500
    seconds: float = 0.0
    retry_after: str | None = None
    path_contains: str = ""
    method: str | None = None


@dataclass
class _Object:
    id: str
    type: str
    properties: dict[str, str]
    created_ms: int
    modified_ms: int
    archived: bool = False
    history: dict[str, list[tuple[int, str]]] = field(default_factory=dict)


# --- state --------------------------------------------------------------------------------------------------------


class FakeHubSpot:
    """The state and behaviour of the loopback HubSpot; `start()` serves it on 127.0.0.1."""

    def __init__(
        self,
        *,
        requests_per_10s: int | None = None,
        search_per_second: int | None = None,
        check_spec: bool = True,
    ) -> None:
        self.lock = threading.RLock()
        self.checker = SpecChecker() if check_spec else None
        self.objects: dict[str, dict[str, _Object]] = {t: {} for t in OBJECT_TYPES}
        self._index: dict[str, list[tuple[int, int]]] = {t: [] for t in OBJECT_TYPES}
        self.associations: dict[tuple[str, str], dict[str, list[tuple[str, int]]]] = {}
        self.owners: list[dict[str, Any]] = []
        self.pipelines: dict[str, list[dict[str, Any]]] = {"deals": _default_pipelines()}
        self.properties: dict[str, dict[str, dict[str, Any]]] = {}
        self.property_groups: dict[str, set[str]] = {
            "deals": {"dealinformation"},
            "companies": {"companyinformation"},
            "contacts": {"contactinformation"},
        }
        self.violations: list[str] = []
        self.unchecked: list[str] = []
        self.requests: list[tuple[str, str, int]] = []
        self.batch_updates: list[list[dict[str, Any]]] = []
        """The inputs of each accepted batch update, in order."""
        self.faults: list[Fault] = []
        self.search_pages_served = 0
        self.pages_event: threading.Event = threading.Event()
        self.pages_event_at: int | None = None
        self.fail_all_after_search_pages: int | None = None
        self.requests_per_10s = requests_per_10s
        self.search_per_second = search_per_second
        self._standard_arrivals: deque[float] = deque()
        self._search_arrivals: deque[float] = deque()
        self.rate_limited = 0
        self._next_id = 1000
        self._clock_ms = BASE_MS
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ----------------------------------------------------------------------------------------------

    def start(self) -> str:
        """Serve on 127.0.0.1 on a free port; returns the base URL."""
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self.url

    @property
    def url(self) -> str:
        """Base URL of the running server."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # --- building the world -------------------------------------------------------------------------------------

    def tick(self, ms: int = 60_000) -> int:
        """Advance the fake's clock (a minute per change by default, so a 5-minute overlap re-reads a handful)."""
        with self.lock:
            self._clock_ms += ms
            return self._clock_ms

    def new_id(self) -> str:
        """Allocate an object id."""
        with self.lock:
            self._next_id += 1
            return str(self._next_id)

    def add_owner(self, owner_id: str, email: str, first: str, last: str, team: str | None = None) -> None:
        """Add a CRM owner."""
        teams = [{"id": "t-" + team, "name": team, "primary": True}] if team else []
        self.owners.append(
            {
                "id": owner_id,
                "email": email,
                "firstName": first,
                "lastName": last,
                "userId": int(owner_id),
                "teams": teams,
                "archived": False,
                "createdAt": iso(BASE_MS),
                "updatedAt": iso(BASE_MS),
            }
        )

    def put(self, object_type: str, properties: dict[str, Any], *, object_id: str | None = None, ms: int | None = None):
        """Create or modify an object; the change is stamped with `ms` (default: the next tick)."""
        with self.lock:
            stamp = ms if ms is not None else self.tick()
            object_id = object_id or self.new_id()
            obj = self.objects[object_type].get(object_id)
            if obj is None:
                obj = _Object(object_id, object_type, {}, stamp, stamp)
                self.objects[object_type][object_id] = obj
            else:
                self._unindex(obj)
            for name, value in properties.items():
                value = None if value is None else str(value)
                if obj.properties.get(name) != value:
                    obj.properties[name] = value
                    obj.history.setdefault(name, []).append((stamp, value))
            obj.modified_ms = stamp
            obj.properties[MODIFIED_PROP[object_type]] = iso(stamp)
            obj.properties["hs_object_id"] = object_id
            obj.properties.setdefault("createdate", iso(obj.created_ms))
            if not obj.archived:
                bisect.insort(self._index[object_type], (obj.modified_ms, int(object_id)))
            return obj

    def archive(self, object_type: str, object_id: str) -> None:
        """Move an object to the recycle bin."""
        with self.lock:
            obj = self.objects[object_type][object_id]
            self._unindex(obj)
            obj.archived = True
            obj.modified_ms = self.tick()

    def associate(self, from_type: str, from_id: str, to_type: str, to_id: str, type_id: int | None = None) -> None:
        """Associate two objects both ways."""
        forward, backward = ASSOCIATION_TYPE_IDS.get((from_type, to_type), (type_id or 1, type_id or 1))
        with self.lock:
            self.associations.setdefault((from_type, to_type), {}).setdefault(from_id, []).append((to_id, forward))
            self.associations.setdefault((to_type, from_type), {}).setdefault(to_id, []).append((from_id, backward))

    def _unindex(self, obj: _Object) -> None:
        index = self._index[obj.type]
        key = (obj.modified_ms, int(obj.id))
        at = bisect.bisect_left(index, key)
        if at < len(index) and index[at] == key:
            index.pop(at)

    def live(self, object_type: str) -> list[_Object]:
        """Non-archived objects of a type."""
        return [o for o in self.objects[object_type].values() if not o.archived]

    def seed(self, *, companies: int, contacts: int, deals: int, engagements_per_deal: int = 0, seed: int = 7) -> None:
        """A deterministic world: owners, companies, contacts, deals with stage history, engagements."""
        rng = random.Random(seed)
        if not self.owners:
            self.add_owner("501", "ava@example.com", "Ava", "Stone", "East")
            self.add_owner("502", "ben@example.com", "Ben", "Ortiz", "West")
        owner_ids = [o["id"] for o in self.owners]
        company_ids = []
        for n in range(companies):
            obj = self.put(
                "companies",
                {
                    "name": f"Company {n}",
                    "domain": f"company{n}.example",
                    "industry": rng.choice(["SOFTWARE", "RETAIL", "HEALTHCARE"]),
                    "numberofemployees": str(rng.randint(10, 5000)),
                    "hubspot_owner_id": rng.choice(owner_ids),
                },
            )
            company_ids.append(obj.id)
        contact_ids = []
        for n in range(contacts):
            obj = self.put(
                "contacts",
                {
                    "firstname": f"First{n}",
                    "lastname": f"Last{n}",
                    "email": f"person{n}@example.com",
                    "jobtitle": rng.choice(["VP Sales", "Engineer", "CFO", "Director of IT"]),
                },
            )
            contact_ids.append(obj.id)
            if company_ids:
                self.associate("contacts", obj.id, "companies", company_ids[n % len(company_ids)])
        for n in range(deals):
            stage_count = rng.randint(1, 4)
            stages = [s[0] for s in STAGES[:stage_count]]
            if rng.random() < 0.3:
                stages.append(rng.choice(["closedwon", "closedlost"]))
            deal_id = self.new_id()
            for stage in stages:  # each move is a modification with its own timestamp: a real history
                self.put(
                    "deals",
                    {
                        "dealname": f"Deal {n}",
                        "amount": str(rng.randint(5, 200) * 1000),
                        "pipeline": "default",
                        "dealstage": stage,
                        "closedate": iso(BASE_MS + rng.randint(1, 90) * 86_400_000),
                        "hubspot_owner_id": rng.choice(owner_ids),
                    },
                    object_id=deal_id,
                )
            if company_ids:
                self.associate("deals", deal_id, "companies", company_ids[n % len(company_ids)])
            for k in range(min(2, len(contact_ids))):
                self.associate("deals", deal_id, "contacts", contact_ids[(2 * n + k) % len(contact_ids)])
            for k in range(engagements_per_deal):
                kind = ENGAGEMENT_TYPES[(n + k) % len(ENGAGEMENT_TYPES)]
                eng = self.put(kind, _engagement_properties(kind, rng, owner_ids))
                self.associate(kind, eng.id, "deals", deal_id, type_id=206)
                if company_ids:
                    self.associate(kind, eng.id, "companies", company_ids[n % len(company_ids)], type_id=186)

    # --- request handling ---------------------------------------------------------------------------------------

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.count > 0 and fault.path_contains in path and fault.method in (None, method):
                    fault.count -= 1
                    return fault
        return None

    def _over_limit(self, search: bool) -> float | None:
        """Seconds until the request would fit, when the rate limit is exceeded (sliding windows, like HubSpot)."""
        limit, window, arrivals = (
            (self.search_per_second, 1.0, self._search_arrivals)
            if search
            else (self.requests_per_10s, 10.0, self._standard_arrivals)
        )
        if limit is None:
            return None
        now = time.monotonic()
        with self.lock:
            while arrivals and now - arrivals[0] >= window:
                arrivals.popleft()
            if len(arrivals) >= limit:
                self.rate_limited += 1
                return window - (now - arrivals[0])
            arrivals.append(now)
        return None

    def handle(self, method: str, raw_path: str, headers: dict[str, str], raw_body: bytes) -> tuple[int, Any, dict]:
        """Serve one request: (status, JSON body or None, extra headers)."""
        parts = urlsplit(raw_path)
        path, query = parts.path, parse_qs(parts.query, keep_blank_values=True)
        if headers.get("authorization") != f"Bearer {TOKEN}":
            return 401, _error("Authentication credentials not found.", "INVALID_AUTHENTICATION"), {}
        try:
            body = json.loads(raw_body) if raw_body else None
        except ValueError:
            return 400, _error("Invalid JSON body", "VALIDATION_ERROR"), {}
        route = self.checker.match(method, path) if self.checker else None
        if self.checker is not None:
            if route is None and not _UNSPECCED.match(path):
                self.violations.append(f"{method} {path}: no such operation in HubSpot's spec")
                return 404, _error(f"{method} {path} is not a HubSpot operation", "NOT_FOUND"), {}
            if route is not None:
                problems = self.checker.problems(route, query, body)
                if problems:
                    self.violations.extend(f"{method} {path}: {p}" for p in problems)
                    return 400, _error("; ".join(problems), "VALIDATION_ERROR"), {}
            else:
                self.unchecked.append(f"{method} {path}")
        search = path.endswith("/search")
        wait = self._over_limit(search)
        if wait is not None:
            return (
                429,
                _error("You have reached your ten_secondly_rolling limit.", "RATE_LIMITS"),
                {"Retry-After": f"{max(wait, 0.05):.2f}"},
            )
        if (
            self.fail_all_after_search_pages is not None
            and self.search_pages_served >= self.fail_all_after_search_pages
        ):
            return 502, _error("Bad gateway", "ERROR"), {}
        with self.lock:
            return self._dispatch(method, path, query, body)

    def _dispatch(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any, dict]:
        m = re.fullmatch(r"/crm/v3/objects/([^/]+)/search", path)
        if m and method == "POST":
            return self._search(m.group(1), body)
        m = re.fullmatch(r"/crm/v3/objects/([^/]+)/batch/read", path)
        if m and method == "POST":
            return self._batch_read(m.group(1), body, _flag(query, "archived"))
        m = re.fullmatch(r"/crm/v3/objects/([^/]+)/batch/update", path)
        if m and method == "POST":
            return self._batch_update(m.group(1), body)
        m = re.fullmatch(r"/crm/v3/objects/([^/]+)", path)
        if m and method == "GET":
            return self._list(m.group(1), query)
        if m and method == "POST":
            return self._create(m.group(1), body)
        m = re.fullmatch(r"/crm/v3/objects/([^/]+)/([^/]+)", path)
        if m and method == "PATCH":
            return self._update(m.group(1), m.group(2), body)
        if m and method == "GET":
            obj = self.objects.get(m.group(1), {}).get(m.group(2))
            if obj is None or obj.archived:
                return 404, _error("Object not found", "OBJECT_NOT_FOUND"), {}
            return 200, self._render(obj, query.get("properties", [])), {}
        m = re.fullmatch(r"/crm/v4/associations/([^/]+)/([^/]+)/batch/read", path)
        if m and method == "POST":
            return self._associations(m.group(1), m.group(2), body)
        if path == "/crm/v3/owners/" and method == "GET":
            return self._owners(query)
        m = re.fullmatch(r"/crm/v3/pipelines/([^/]+)", path)
        if m and method == "GET":
            return 200, {"results": self.pipelines.get(m.group(1), [])}, {}
        m = re.fullmatch(r"/crm/v3/properties/([^/]+)/groups", path)
        if m and method == "POST":
            groups = self.property_groups.setdefault(m.group(1), set())
            if body["name"] in groups:
                return 409, _error("Property group already exists", "OBJECT_ALREADY_EXISTS"), {}
            groups.add(body["name"])
            return 201, {**body, "archived": False}, {}
        m = re.fullmatch(r"/crm/v3/properties/([^/]+)/([^/]+)", path)
        if m and method == "GET":
            prop = self.properties.get(m.group(1), {}).get(m.group(2))
            return (200, prop, {}) if prop else (404, _error("Property not found", "OBJECT_NOT_FOUND"), {})
        m = re.fullmatch(r"/crm/v3/properties/([^/]+)", path)
        if m and method == "POST":
            existing = self.properties.setdefault(m.group(1), {})
            if body["name"] in existing:
                return 409, _error("Property already exists", "OBJECT_ALREADY_EXISTS"), {}
            if body.get("groupName") not in self.property_groups.get(m.group(1), set()):
                return 400, _error(f"Property group {body.get('groupName')} does not exist", "VALIDATION_ERROR"), {}
            existing[body["name"]] = {**body, "options": [], "hidden": False}
            return 201, existing[body["name"]], {}
        return 404, _error(f"no handler for {method} {path}", "NOT_FOUND"), {}

    def _render(self, obj: _Object, wanted: list[str], history: list[str] | None = None) -> dict[str, Any]:
        names = set(wanted) | {"hs_object_id", "createdate", MODIFIED_PROP[obj.type]}
        out: dict[str, Any] = {
            "id": obj.id,
            "properties": {n: obj.properties.get(n) for n in sorted(names)},
            "createdAt": iso(obj.created_ms),
            "updatedAt": iso(obj.modified_ms),
            "archived": obj.archived,
        }
        if obj.archived:
            out["archivedAt"] = iso(obj.modified_ms)
        if history:
            out["propertiesWithHistory"] = {
                n: [
                    {"value": v, "timestamp": iso(ms), "sourceType": "CRM_UI"}
                    for ms, v in reversed(obj.history.get(n, []))
                ]
                for n in history
            }
        return out

    def _search(self, object_type: str, body: dict[str, Any]) -> tuple[int, Any, dict]:
        limit = int(body.get("limit") or 10)
        if limit > 200:
            return 400, _error("limit must be <= 200", "VALIDATION_ERROR"), {}
        offset = int(body.get("after") or 0)
        if offset + limit > 10_000:
            return 400, _error("The search API returns at most 10,000 results per query", "VALIDATION_ERROR"), {}
        sorts = body.get("sorts") or []
        modified = MODIFIED_PROP[object_type]
        groups = body.get("filterGroups") or []
        indexed = self._index[object_type]
        candidates: list[_Object]
        simple = (
            len(groups) == 1 and len(groups[0]["filters"]) == 1 and groups[0]["filters"][0]["propertyName"] == modified
        )
        if (not groups or simple) and sorts in ([modified], []):
            start = 0
            if simple:
                f = groups[0]["filters"][0]
                value = int(f["value"])
                if f["operator"] == "GTE":
                    start = bisect.bisect_left(indexed, (value, -1))
                elif f["operator"] == "GT":
                    start = bisect.bisect_right(indexed, (value, 1 << 62))
                else:
                    return 400, _error("unsupported operator in this fake", "VALIDATION_ERROR"), {}
            total = len(indexed) - start
            window = indexed[start + offset : start + offset + limit]
            candidates = [self.objects[object_type][str(oid)] for _, oid in window]
        else:
            matching = [
                o for o in self.live(object_type) if any(_matches(o, g["filters"]) for g in groups) or not groups
            ]
            for sort in reversed(sorts):
                name = sort.lstrip("-")
                matching.sort(key=lambda o, n=name: o.properties.get(n) or "", reverse=sort.startswith("-"))
            total = len(matching)
            candidates = matching[offset : offset + limit]
        self.search_pages_served += 1
        if self.pages_event_at is not None and self.search_pages_served >= self.pages_event_at:
            self.pages_event.set()
        result: dict[str, Any] = {
            "total": total,
            "results": [self._render(o, body.get("properties") or []) for o in candidates],
        }
        if offset + limit < total:
            result["paging"] = {"next": {"after": str(offset + limit)}}
        return 200, result, {}

    def _batch_read(self, object_type: str, body: dict[str, Any], archived: bool) -> tuple[int, Any, dict]:
        inputs = body["inputs"]
        history = body.get("propertiesWithHistory") or []
        cap = 50 if history else 100
        if len(inputs) > cap:
            return 400, _error(f"at most {cap} inputs in this batch read", "VALIDATION_ERROR"), {}
        results = []
        for item in inputs:
            obj = self.objects[object_type].get(item["id"])
            if obj is not None and obj.archived == archived:
                results.append(self._render(obj, body.get("properties") or [], history))
        now = iso(self._clock_ms)
        return 200, {"status": "COMPLETE", "results": results, "startedAt": now, "completedAt": now}, {}

    def _list(self, object_type: str, query: dict[str, list[str]]) -> tuple[int, Any, dict]:
        limit = int(query.get("limit", ["10"])[0])
        if limit > 100:
            return 400, _error("limit must be <= 100", "VALIDATION_ERROR"), {}
        archived = _flag(query, "archived")
        rows = sorted(
            (o for o in self.objects.get(object_type, {}).values() if o.archived == archived), key=lambda o: int(o.id)
        )
        after = int(query.get("after", ["0"])[0])
        rows = [o for o in rows if int(o.id) > after]
        page = rows[:limit]
        result: dict[str, Any] = {"results": [self._render(o, query.get("properties", [])) for o in page]}
        if len(rows) > limit:
            result["paging"] = {"next": {"after": page[-1].id}}
        return 200, result, {}

    def _create(self, object_type: str, body: dict[str, Any]) -> tuple[int, Any, dict]:
        known = self.properties.get(object_type, {})
        for name in body["properties"]:
            if name.startswith("salesos_") and name not in known:
                return 400, _error(f"Property {name} does not exist", "VALIDATION_ERROR"), {}
        obj = self.put(object_type, body["properties"])
        for assoc in body.get("associations") or []:
            to_id = assoc["to"]["id"]
            to_type = next((t for t in OBJECT_TYPES if to_id in self.objects[t]), "deals")
            self.associate(object_type, obj.id, to_type, to_id, type_id=assoc["types"][0]["associationTypeId"])
        return 201, self._render(obj, list(body["properties"])), {}

    def _update(self, object_type: str, object_id: str, body: dict[str, Any]) -> tuple[int, Any, dict]:
        obj = self.objects.get(object_type, {}).get(object_id)
        if obj is None or obj.archived:
            return 404, _error("Object not found", "OBJECT_NOT_FOUND"), {}
        known = self.properties.get(object_type, {})
        for name in body["properties"]:
            if name.startswith("salesos_") and name not in known:
                return 400, _error(f"Property {name} does not exist", "VALIDATION_ERROR"), {}
        obj = self.put(object_type, body["properties"], object_id=object_id)
        return 200, self._render(obj, list(body["properties"])), {}

    def _batch_update(self, object_type: str, body: dict[str, Any]) -> tuple[int, Any, dict]:
        inputs = body["inputs"]
        if len(inputs) > 100:
            return 400, _error("at most 100 inputs", "VALIDATION_ERROR"), {}
        known = self.properties.get(object_type, {})
        for item in inputs:
            obj = self.objects.get(object_type, {}).get(item["id"])
            if obj is None or obj.archived:
                return 404, _error(f"Object {item['id']} not found", "OBJECT_NOT_FOUND"), {}
            unknown = [n for n in item["properties"] if n.startswith("salesos_") and n not in known]
            if unknown:
                return 400, _error(f"Property {unknown[0]} does not exist", "VALIDATION_ERROR"), {}
        self.batch_updates.append([dict(item) for item in inputs])
        results = [
            self._render(self.put(object_type, item["properties"], object_id=item["id"]), list(item["properties"]))
            for item in inputs
        ]
        now = iso(self._clock_ms)
        return 200, {"status": "COMPLETE", "results": results, "startedAt": now, "completedAt": now}, {}

    def _associations(self, from_type: str, to_type: str, body: dict[str, Any]) -> tuple[int, Any, dict]:
        inputs = body["inputs"]
        if len(inputs) > 1000:
            return 400, _error("at most 1000 inputs", "VALIDATION_ERROR"), {}
        table = self.associations.get((from_type, to_type), {})
        results = []
        for item in inputs:
            links = [(t, k) for t, k in table.get(item["id"], []) if not self._is_archived(to_type, t)]
            if links:
                results.append(
                    {
                        "from": {"id": item["id"]},
                        "to": [
                            {"toObjectId": t, "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": k}]}
                            for t, k in links
                        ],
                    }
                )
        now = iso(self._clock_ms)
        return 200, {"status": "COMPLETE", "results": results, "startedAt": now, "completedAt": now}, {}

    def _is_archived(self, object_type: str, object_id: str) -> bool:
        obj = self.objects.get(object_type, {}).get(object_id)
        return obj is not None and obj.archived

    def _owners(self, query: dict[str, list[str]]) -> tuple[int, Any, dict]:
        archived = _flag(query, "archived")
        limit = int(query.get("limit", ["100"])[0])
        if limit > 500:
            return 400, _error("limit must be <= 500", "VALIDATION_ERROR"), {}
        rows = [o for o in self.owners if o["archived"] == archived]
        after = int(query.get("after", ["0"])[0])
        page = rows[after : after + limit]
        result: dict[str, Any] = {"results": page}
        if after + limit < len(rows):
            result["paging"] = {"next": {"after": str(after + limit)}}
        return 200, result, {}


_UNSPECCED = re.compile(r"^/crm/v3/(owners/|pipelines/[^/]+)$")


def _flag(query: dict[str, list[str]], name: str) -> bool:
    return query.get(name, ["false"])[0] == "true"


def _matches(obj: _Object, filters: list[dict[str, Any]]) -> bool:
    for f in filters:
        actual = obj.properties.get(f["propertyName"])
        op = f["operator"]
        if op == "EQ" and actual != f.get("value"):
            return False
        if op == "NEQ" and actual == f.get("value"):
            return False
        if op == "HAS_PROPERTY" and actual is None:
            return False
        if op in ("GT", "GTE", "LT", "LTE"):
            if f["propertyName"] == MODIFIED_PROP[obj.type]:
                actual_n, wanted = obj.modified_ms, int(f["value"])
            else:
                try:
                    actual_n, wanted = float(actual or "nan"), float(f["value"])
                except ValueError:
                    return False
            ok = {
                "GT": actual_n > wanted,
                "GTE": actual_n >= wanted,
                "LT": actual_n < wanted,
                "LTE": actual_n <= wanted,
            }
            if not ok[op]:
                return False
    return True


def _error(message: str, category: str) -> dict[str, Any]:
    return {
        "status": "error",
        "message": message,
        "correlationId": "00000000-0000-0000-0000-000000000000",
        "category": category,
    }


def _default_pipelines() -> list[dict[str, Any]]:
    return [
        {
            "id": "default",
            "label": "Sales Pipeline",
            "displayOrder": 0,
            "archived": False,
            "stages": [
                {
                    "id": stage,
                    "label": stage,
                    "displayOrder": n,
                    "archived": False,
                    "metadata": {"probability": probability, "isClosed": closed},
                }
                for n, (stage, probability, closed) in enumerate(STAGES)
            ],
        }
    ]


def _engagement_properties(kind: str, rng: random.Random, owner_ids: list[str]) -> dict[str, str]:
    ts = iso(BASE_MS + rng.randint(0, 60) * 86_400_000)
    owner = rng.choice(owner_ids)
    if kind == "calls":
        return {
            "hs_timestamp": ts,
            "hs_call_title": "Discovery call",
            "hs_call_body": "AE: Thanks for joining.\nBuyer: Our budget is approved for Q3.",
            "hs_call_direction": "OUTBOUND",
            "hs_call_disposition": rng.choice(
                ["f240bbac-87c9-4f6e-bf70-924b57d47db7", "73a0d17f-1163-4015-bdd5-ec830791da20"]
            ),
            "hs_call_duration": str(rng.randint(60, 3600) * 1000),
            "hubspot_owner_id": owner,
        }
    if kind == "emails":
        return {
            "hs_timestamp": ts,
            "hs_email_direction": rng.choice(["EMAIL", "INCOMING_EMAIL"]),
            "hs_email_subject": "Following up",
            "hs_email_text": "Hi there",
            "hubspot_owner_id": owner,
        }
    if kind == "meetings":
        return {
            "hs_timestamp": ts,
            "hs_meeting_title": "Demo",
            "hs_meeting_start_time": ts,
            "hs_meeting_end_time": ts,
            "hs_meeting_outcome": rng.choice(["COMPLETED", "SCHEDULED", "NO_SHOW"]),
            "hubspot_owner_id": owner,
        }
    if kind == "notes":
        return {"hs_timestamp": ts, "hs_note_body": "Champion is the VP Sales.", "hubspot_owner_id": owner}
    return {
        "hs_timestamp": ts,
        "hs_task_subject": "Send proposal",
        "hs_task_status": rng.choice(["NOT_STARTED", "COMPLETED"]),
        "hubspot_owner_id": owner,
    }


class _Handler(BaseHTTPRequestHandler):
    fake: FakeHubSpot
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        return

    def setup(self) -> None:
        super().setup()
        # Without TCP_NODELAY a keep-alive response waits ~40 ms for the client's delayed ACK (Nagle).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        fault = self.fake._take_fault(self.command, self.path)
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.seconds)
        if fault is not None and fault.kind == "drop":
            self._drop()
            return
        if fault is not None and fault.kind == "status":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            self._send(fault.status, _error("scripted fault", "ERROR"), headers)
            return
        headers_lower = {k.lower(): v for k, v in self.headers.items()}
        status, body, extra = self.fake.handle(self.command, self.path, headers_lower, raw)
        with self.fake.lock:
            self.fake.requests.append((self.command, self.path.split("?")[0], status))
        if fault is not None and fault.kind == "lose_create_response" and status < 300:
            self._drop()
            return
        if fault is not None and fault.kind == "hang_after_create" and status < 300:
            time.sleep(fault.seconds)
        self._send(status, body, extra)

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _send(self, status: int, body: Any, headers: dict[str, str]) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self._headers_buffer.append(b"\r\n" + data)  # headers and body in one write
            self.flush_headers()
        except OSError:
            self.close_connection = True

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve  # noqa: N815


def _main() -> None:
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Serve a loopback HubSpot until stdin closes.")
    parser.add_argument("--deals", type=int, default=1000)
    parser.add_argument("--companies", type=int, default=0)
    parser.add_argument("--contacts", type=int, default=0)
    parser.add_argument("--requests-per-10s", type=int, default=None)
    parser.add_argument("--search-per-second", type=int, default=None)
    parser.add_argument("--no-spec-check", action="store_true")
    args = parser.parse_args()
    fake = FakeHubSpot(
        requests_per_10s=args.requests_per_10s,
        search_per_second=args.search_per_second,
        check_spec=not args.no_spec_check,
    )
    fake.seed(
        companies=args.companies or max(args.deals // 20, 1),
        contacts=args.contacts or max(args.deals // 10, 1),
        deals=args.deals,
    )
    fake.start()
    print(f"PORT {fake.url.rsplit(':', 1)[1]}", flush=True)
    sys.stdin.read()
    print(
        json.dumps(
            {
                "violations": fake.violations[:20],
                "violation_count": len(fake.violations),
                "rate_limited": fake.rate_limited,
                "requests": len(fake.requests),
            }
        ),
        flush=True,
    )
    fake.stop()


if __name__ == "__main__":
    _main()
