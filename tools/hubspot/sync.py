"""Full and incremental sync of HubSpot into the store, resumable after a crash at any point.

How a type is synced (companies, contacts, deals, calls, emails, meetings, notes, tasks):
- The search API is asked for records modified at or after a watermark, sorted by the modified property ascending,
  200 a page (HubSpot's maximum). Each page is read completely from HubSpot first (associations v4, deal stage and
  close-date history through batch reads, any referenced record missing from the store), then written in ONE
  transaction together with the new watermark in `SyncCursor`. A crash therefore loses at most the page in flight,
  and the next run starts from the last committed watermark: no gaps, and rows are upserted by `hubspot_id`, so
  re-reading a page never duplicates anything.
- Paging is by watermark, not by offset: the next query starts again from the newest timestamp of the page just
  committed (`GTE`, so records sharing that timestamp are re-read and upserted harmlessly). Offsets would skip records
  when a record earlier in the order is modified mid-sync and moves to the end; a watermark cannot. HubSpot's
  `after` cursor is used only when a whole page shares one timestamp (a bulk import), and it is persisted too.
  It also keeps every query under HubSpot's 10,000-results-per-search cap.
- A new run starts `overlap` before the stored watermark, because HubSpot's search index trails writes by seconds.
- Archived (deleted) records never appear in search, so each run lists the recycle bin (`archived=true`) and removes
  those rows from the store, detaching or deleting what referenced them.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session
from sqlmodel import SQLModel, col

from store.db import dialect_insert, refresh_statistics, session_scope
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
    pk_col,
    table_of,
)
from store.types import utcnow
from tools.hubspot.client import (
    BATCH_READ_SIZE,
    HISTORY_BATCH_SIZE,
    SEARCH_PAGE_SIZE,
    HubSpotClient,
)
from tools.hubspot.mapping import (
    COMPANIES,
    CONTACTS,
    DEALS,
    ENGAGEMENT_SPECS,
    OBJECT_SPECS,
    PRIMARY_CONTACT_TO_COMPANY,
    PRIMARY_DEAL_TO_COMPANY,
    ObjectSpec,
    call_duration_seconds,
    close_date_history,
    company_columns,
    contact_columns,
    deal_columns,
    engagement_columns,
    modified_at,
    pick_primary,
    stage_history,
    to_epoch_ms,
)

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)

LAST_SYNC_KEY = "hubspot_last_sync_at"
PIPELINES_KEY = "hubspot_pipelines"
SYNC_ORDER: tuple[ObjectSpec, ...] = (COMPANIES, CONTACTS, DEALS, *ENGAGEMENT_SPECS)
_MODEL_OF: dict[str, type[SQLModel]] = {"companies": Company, "contacts": Contact, "deals": Deal}
# Rows that only make sense with their parent: deleted with it rather than detached.
_OWNED_BY_PARENT = {("call", "engagement_id")}

ProgressCallback = Callable[[str, int, int | None], None]
"""progress(object type, records done so far, total known to HubSpot or None)."""


@dataclass
class TypeStats:
    """What the sync did for one object type."""

    objects: int = 0
    """Distinct records written (a record re-read at a page boundary counts once)."""
    pages: int = 0
    archived_removed: int = 0
    seconds: float = 0.0


@dataclass
class SyncReport:
    """The outcome of one sync run: per-type counts and the transport's request/retry counts."""

    full: bool
    started_at: datetime
    finished_at: datetime | None = None
    per_type: dict[str, TypeStats] = field(default_factory=dict)
    requests: int = 0
    search_requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    server_errors: int = 0
    network_errors: int = 0
    seconds: float = 0.0

    @property
    def objects(self) -> int:
        """Records written, all types."""
        return sum(s.objects for s in self.per_type.values())


class HubSpotSync:
    """One sync run's state: the store, the client, the owner/stage lookups and the report."""

    def __init__(
        self,
        engine: Engine,
        client: HubSpotClient,
        *,
        progress: ProgressCallback | None = None,
        overlap: timedelta = timedelta(minutes=5),
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.engine = engine
        self.client = client
        self.progress = progress
        self.overlap = overlap
        self.clock = clock
        self._owner_ids: dict[str, int] = {}
        self._stage_meta: dict[str, dict[str, Any]] = {}
        self._seen: dict[str, set[str]] = {}
        self.report = SyncReport(full=False, started_at=clock())

    # --- the run ---------------------------------------------------------------------------------------------------

    def run(self, *, full: bool = False, types: Iterable[str] | None = None) -> SyncReport:
        """Sync owners, pipelines, then each type in dependency order; sweep archived records; record freshness."""
        wanted = set(types) if types else None
        self.report = SyncReport(full=full, started_at=self.clock())
        self._seen = {}
        started = time.monotonic()
        try:
            self._sync_owners()
            self._sync_pipelines()
            for spec in SYNC_ORDER:
                if wanted is None or spec.name in wanted:
                    self._sync_type(spec, full=full)
            for spec in SYNC_ORDER:
                if wanted is None or spec.name in wanted:
                    self._sweep_archived(spec)
            finished = self.clock()
            if wanted is None:  # only a run over every type may say how fresh the whole store is
                # The store is at least as fresh as the moment this run started reading.
                as_of = self.report.started_at.isoformat()
                with session_scope(self.engine) as session:
                    session.merge(WorkspaceMeta(key=LAST_SYNC_KEY, value=as_of, updated_at=finished))
            # The planner needs the store's new shape (a first sync writes it all); a failed run skips this and the
            # next successful one catches up.
            refresh_statistics(self.engine)
            self.report.finished_at = finished
        finally:
            self._copy_client_stats()
            self.report.seconds = time.monotonic() - started
        return self.report

    def _copy_client_stats(self) -> None:
        s = self.client.stats
        self.report.requests = s.requests
        self.report.search_requests = s.search_requests
        self.report.retries = s.retries
        self.report.rate_limited = s.rate_limited
        self.report.server_errors = s.server_errors
        self.report.network_errors = s.network_errors

    def _stats(self, name: str) -> TypeStats:
        return self.report.per_type.setdefault(name, TypeStats())

    # --- owners and pipelines ---------------------------------------------------------------------------------------

    def _sync_owners(self) -> None:
        started = time.monotonic()
        stats = self._stats("owners")
        for archived in (False, True):
            after: str | None = None
            while True:
                page = self.client.owners_page(after=after, archived=archived)
                with session_scope(self.engine) as session:
                    for raw in page.get("results", []):
                        self._upsert_owner(session, raw, active=not archived and not raw.get("archived"))
                        stats.objects += 1
                stats.pages += 1
                after = ((page.get("paging") or {}).get("next") or {}).get("after")
                if not after:
                    break
        with Session(self.engine) as session:
            rows = session.execute(
                select(col(Owner.hubspot_id), pk_col(Owner.id)).where(col(Owner.hubspot_id).is_not(None))
            )
            self._owner_ids = {hid: oid for hid, oid in rows if hid is not None}
        stats.seconds += time.monotonic() - started

    @staticmethod
    def _upsert_owner(session: Session, raw: dict[str, Any], *, active: bool) -> None:
        hubspot_id = str(raw["id"])
        email = (raw.get("email") or f"owner-{hubspot_id}@hubspot.invalid").lower()
        name = " ".join(x for x in (raw.get("firstName"), raw.get("lastName")) if x) or email
        teams = raw.get("teams") or []
        primary = next((t for t in teams if t.get("primary")), teams[0] if teams else None)
        owner = session.scalars(select(Owner).where(col(Owner.hubspot_id) == hubspot_id)).first()
        if owner is None:  # a demo/Slack-side owner with the same email becomes this HubSpot owner
            owner = session.scalars(select(Owner).where(col(Owner.email) == email)).first()
        if owner is None:
            owner = Owner(hubspot_id=hubspot_id, name=name, email=email)
            session.add(owner)
        owner.hubspot_id = hubspot_id
        owner.name = name
        owner.email = email
        if primary and primary.get("name"):
            owner.team = primary["name"]
        owner.active = active
        owner.updated_at = _parse_owner_time(raw.get("updatedAt"))
        session.flush()

    def _sync_pipelines(self) -> None:
        started = time.monotonic()
        data = self.client.pipelines("deals")
        pipelines = []
        stage_meta: dict[str, dict[str, Any]] = {}
        for pipeline in data.get("results", []):
            stages = []
            for stage in pipeline.get("stages", []):
                meta = stage.get("metadata") or {}
                stage_meta[str(stage["id"])] = meta
                stages.append({"id": str(stage["id"]), "label": stage.get("label"), "metadata": meta})
            pipelines.append({"id": str(pipeline["id"]), "label": pipeline.get("label"), "stages": stages})
        self._stage_meta = stage_meta
        now = self.clock()
        with session_scope(self.engine) as session:
            session.merge(WorkspaceMeta(key=PIPELINES_KEY, value=json.dumps(pipelines), updated_at=now))
        stats = self._stats("pipelines")
        stats.objects += len(pipelines)
        stats.pages += 1
        stats.seconds += time.monotonic() - started

    # --- one object type --------------------------------------------------------------------------------------------

    def _sync_type(self, spec: ObjectSpec, *, full: bool) -> None:
        started = time.monotonic()
        stats = self._stats(spec.name)
        with session_scope(self.engine) as session:
            cursor = session.get(SyncCursor, spec.name)
            if cursor is None:
                cursor = SyncCursor(object_type=spec.name)
                session.add(cursor)
            if full:
                watermark, after = None, None
            elif cursor.run_started_at is not None:  # the last run stopped mid-way: continue exactly there
                watermark, after = cursor.last_modified, cursor.after
            else:
                watermark = cursor.last_modified - self.overlap if cursor.last_modified else None
                after = None
            cursor.last_modified, cursor.after = watermark, after
            cursor.run_started_at = cursor.run_started_at if (cursor.run_started_at and not full) else self.clock()
            cursor.updated_at = self.clock()
        while True:
            body: dict[str, Any] = {
                "sorts": [spec.modified_property],  # HubSpot's spec types sorts as strings; a name sorts ascending
                "properties": list(spec.properties),
                "limit": SEARCH_PAGE_SIZE,
            }
            if watermark is not None:
                body["filterGroups"] = [
                    {
                        "filters": [
                            {"propertyName": spec.modified_property, "operator": "GTE", "value": to_epoch_ms(watermark)}
                        ]
                    }
                ]
            if after:
                body["after"] = after
            page = self.client.search(spec.name, body)
            records = page.get("results", [])
            next_after = ((page.get("paging") or {}).get("next") or {}).get("after")
            newest = max((m for m in (modified_at(r, spec) for r in records) if m is not None), default=None)
            if next_after is None:
                new_watermark, new_after, finished = _later(watermark, newest), None, True
            elif newest is not None and (watermark is None or newest > watermark):
                new_watermark, new_after, finished = newest, None, False
            else:  # the whole page shares the watermark's timestamp: page through the tie with HubSpot's cursor
                new_watermark, new_after, finished = watermark, next_after, False
            self._store_page(spec, records, cursor=(new_watermark, new_after, finished))
            watermark, after = new_watermark, new_after
            seen = self._seen.setdefault(spec.name, set())
            seen.update(str(r["id"]) for r in records)
            done = len(seen)  # distinct records: the watermark's boundary records come back on the next page
            stats.objects = len(seen)
            stats.pages += 1
            if self.progress:
                total = page.get("total")
                self.progress(spec.name, done, done + max(int(total) - len(records), 0) if total is not None else None)
            if finished:
                break
        stats.seconds += time.monotonic() - started

    def _store_page(
        self,
        spec: ObjectSpec,
        records: list[dict[str, Any]],
        *,
        cursor: tuple[datetime | None, str | None, bool] | None,
    ) -> None:
        """Fetch what the page needs, then write its rows and (when given) the cursor in one transaction."""
        ids = [str(r["id"]) for r in records]
        if spec.name == "companies":
            writer = self._prepare_companies(records)
        elif spec.name == "contacts":
            writer = self._prepare_contacts(records, ids)
        elif spec.name == "deals":
            writer = self._prepare_deals(records, ids)
        else:
            writer = self._prepare_engagements(spec, records, ids)
        with session_scope(self.engine) as session:
            writer(session)
            if cursor is not None:
                watermark, after, finished = cursor
                row = session.get(SyncCursor, spec.name) or SyncCursor(object_type=spec.name)
                row.last_modified = watermark
                row.after = after
                row.run_started_at = None if finished else (row.run_started_at or self.clock())
                row.updated_at = self.clock()
                session.merge(row)

    # Each _prepare_* does every HubSpot read first and returns a function that only writes (the transaction).

    def _prepare_companies(self, records: list[dict[str, Any]]) -> Callable[[Session], None]:
        rows = []
        for record in records:
            row = company_columns(record)
            row["owner_id"] = self._owner_ids.get(str((record.get("properties") or {}).get("hubspot_owner_id") or ""))
            rows.append(row)

        def write(session: Session) -> None:
            _upsert(session, Company, rows)

        return write

    def _prepare_contacts(self, records: list[dict[str, Any]], ids: list[str]) -> Callable[[Session], None]:
        companies_of = self.client.associations("contacts", "companies", ids) if ids else {}
        company_hids = {
            hid for i in ids if (hid := pick_primary(companies_of.get(i, []), PRIMARY_CONTACT_TO_COMPANY)) is not None
        }
        self._ensure("companies", company_hids)

        def write(session: Session) -> None:
            company_ids = _local_ids(session, Company, company_hids)
            rows = []
            for record in records:
                row = contact_columns(record)
                hid = pick_primary(companies_of.get(str(record["id"]), []), PRIMARY_CONTACT_TO_COMPANY)
                row["company_id"] = company_ids.get(hid) if hid else None
                rows.append(row)
            _upsert(session, Contact, rows)

        return write

    def _prepare_deals(self, records: list[dict[str, Any]], ids: list[str]) -> Callable[[Session], None]:
        companies_of = self.client.associations("deals", "companies", ids) if ids else {}
        contacts_of = self.client.associations("deals", "contacts", ids) if ids else {}
        history: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids, HISTORY_BATCH_SIZE):
            body = {
                "inputs": [{"id": i} for i in chunk],
                "properties": ["dealstage", "closedate"],
                "propertiesWithHistory": ["dealstage", "closedate"],
            }
            for result in self.client.batch_read("deals", body).get("results", []):
                history[str(result["id"])] = result
        company_hids = {
            hid for i in ids if (hid := pick_primary(companies_of.get(i, []), PRIMARY_DEAL_TO_COMPANY)) is not None
        }
        contact_hids = {c["id"] for i in ids for c in contacts_of.get(i, [])}
        self._ensure("companies", company_hids)
        self._ensure("contacts", contact_hids)

        def write(session: Session) -> None:
            company_ids = _local_ids(session, Company, company_hids)
            contact_ids = _local_ids(session, Contact, contact_hids)
            rows = []
            for record in records:
                row = deal_columns(record, self._stage_meta)
                props = record.get("properties") or {}
                hid = pick_primary(companies_of.get(str(record["id"]), []), PRIMARY_DEAL_TO_COMPANY)
                row["company_id"] = company_ids.get(hid) if hid else None
                row["owner_id"] = self._owner_ids.get(str(props.get("hubspot_owner_id") or ""))
                rows.append(row)
            _upsert(session, Deal, rows)
            deal_ids = _local_ids(session, Deal, ids)
            local = list(deal_ids.values())
            # Associations and history are replaced as a whole: the page holds the current truth for these deals.
            session.execute(delete(DealContact).where(col(DealContact.deal_id).in_(local)))
            links = {}
            for hid, deal_id in deal_ids.items():
                for contact in contacts_of.get(hid, []):
                    contact_id = contact_ids.get(contact["id"])
                    if contact_id is not None:
                        role = contact["labels"][0] if contact["labels"] else None
                        links[(deal_id, contact_id)] = {"deal_id": deal_id, "contact_id": contact_id, "role": role}
            if links:
                session.execute(table_of(DealContact).insert(), list(links.values()))
            with_history = [deal_ids[h] for h in history if h in deal_ids]
            if with_history:
                session.execute(delete(DealStageChange).where(col(DealStageChange.deal_id).in_(with_history)))
                session.execute(delete(CloseDateChange).where(col(CloseDateChange.deal_id).in_(with_history)))
            moves, pushes = [], []
            for hid, result in history.items():
                history_deal_id = deal_ids.get(hid)
                if history_deal_id is None:
                    continue
                for from_stage, to_stage, at in stage_history(result):
                    moves.append(
                        {"deal_id": history_deal_id, "from_stage": from_stage, "to_stage": to_stage, "changed_at": at}
                    )
                for old, new, at in close_date_history(result):
                    pushes.append({"deal_id": history_deal_id, "old_date": old, "new_date": new, "changed_at": at})
            if moves:
                session.execute(table_of(DealStageChange).insert(), moves)
            if pushes:
                session.execute(table_of(CloseDateChange).insert(), pushes)

        return write

    def _prepare_engagements(
        self, spec: ObjectSpec, records: list[dict[str, Any]], ids: list[str]
    ) -> Callable[[Session], None]:
        linked = {to: (self.client.associations(spec.name, to, ids) if ids else {}) for to in spec.associations}
        firsts: dict[str, dict[str, str | None]] = {to: {} for to in spec.associations}
        for to, by_id in linked.items():
            primary = PRIMARY_DEAL_TO_COMPANY if to == "companies" else -1
            for i in ids:
                firsts[to][i] = pick_primary(by_id.get(i, []), primary)
        wanted = {to: {h for h in firsts[to].values() if h} for to in spec.associations}
        for to in ("companies", "contacts", "deals"):
            if wanted.get(to):
                self._ensure(to, wanted[to])

        def write(session: Session) -> None:
            local = {to: _local_ids(session, _MODEL_OF[to], wanted[to]) for to in spec.associations}
            rows = []
            for record in records:
                hid = str(record["id"])
                row = engagement_columns(record, spec)
                row["deal_id"] = local.get("deals", {}).get(firsts.get("deals", {}).get(hid) or "")
                row["company_id"] = local.get("companies", {}).get(firsts.get("companies", {}).get(hid) or "")
                row["contact_id"] = local.get("contacts", {}).get(firsts.get("contacts", {}).get(hid) or "")
                owner = str((record.get("properties") or {}).get("hubspot_owner_id") or "")
                row["owner_id"] = self._owner_ids.get(owner)
                rows.append(row)
            _upsert(session, Engagement, rows)
            if spec.engagement_type == "call" and rows:
                engagement_ids = _local_ids(session, Engagement, [r["hubspot_id"] for r in rows])
                calls = []
                for record, row in zip(records, rows, strict=True):
                    calls.append(
                        {
                            "engagement_id": engagement_ids[row["hubspot_id"]],
                            "deal_id": row["deal_id"],
                            "company_id": row["company_id"],
                            "owner_id": row["owner_id"],
                            "started_at": row["occurred_at"],
                            "duration_seconds": call_duration_seconds(record),
                            "transcript": row["body"],
                        }
                    )
                _upsert(session, Call, calls, key="engagement_id")

        return write

    def _ensure(self, object_type: str, hubspot_ids: Iterable[str]) -> None:
        """Fetch referenced records the store does not have yet (created after their type was synced this run)."""
        wanted = {h for h in hubspot_ids if h}
        if not wanted:
            return
        model = _MODEL_OF[object_type]
        with Session(self.engine) as session:
            present = set(_local_ids(session, model, wanted))
        missing = sorted(wanted - present)
        spec = OBJECT_SPECS[object_type]
        for chunk in _chunks(missing, BATCH_READ_SIZE):
            body = {
                "inputs": [{"id": i} for i in chunk],
                "properties": list(spec.properties),
                "propertiesWithHistory": [],
            }
            records = self.client.batch_read(object_type, body).get("results", [])
            if records:
                self._store_page(spec, records, cursor=None)
                seen = self._seen.setdefault(object_type, set())
                seen.update(str(r["id"]) for r in records)
                self._stats(object_type).objects = len(seen)

    # --- archived records ---------------------------------------------------------------------------------------

    def _sweep_archived(self, spec: ObjectSpec) -> None:
        started = time.monotonic()
        archived: list[str] = []
        after: str | None = None
        while True:
            page = self.client.list_page(spec.name, after=after, archived=True, properties=["hs_object_id"])
            archived.extend(str(r["id"]) for r in page.get("results", []))
            after = ((page.get("paging") or {}).get("next") or {}).get("after")
            if not after:
                break
        model = _MODEL_OF.get(spec.name, Engagement)
        removed = 0
        for chunk in _chunks(archived, 500):
            with session_scope(self.engine) as session:
                removed += _delete_with_dependents(session, model, chunk)
        stats = self._stats(spec.name)
        stats.archived_removed += removed
        stats.seconds += time.monotonic() - started


# --- store helpers ------------------------------------------------------------------------------------------------


def _upsert(session: Session, model: type[SQLModel], rows: list[dict[str, Any]], key: str = "hubspot_id") -> None:
    """Insert rows or update them in place by `key` (one statement; the same key twice keeps the last row)."""
    if not rows:
        return
    unique = list({row[key]: row for row in rows}.values())
    table = table_of(model)
    stmt = dialect_insert(session.get_bind().dialect.name, table)
    columns = [c for c in unique[0] if c != key]
    stmt = stmt.on_conflict_do_update(index_elements=[key], set_={c: stmt.excluded[c] for c in columns})
    session.execute(stmt, unique)  # executemany: one cached statement, batched by the driver


def _local_ids(session: Session, model: type[SQLModel], hubspot_ids: Iterable[str]) -> dict[str, int]:
    ids = [h for h in set(hubspot_ids) if h]
    found: dict[str, int] = {}
    for chunk in _chunks(ids, 500):
        column = model.hubspot_id  # type: ignore[attr-defined]
        rows = session.execute(select(column, model.id).where(column.in_(chunk)))  # type: ignore[attr-defined]
        found.update({h: i for h, i in rows})
    return found


def _delete_with_dependents(session: Session, model: type[SQLModel], hubspot_ids: list[str]) -> int:
    """Delete rows by hubspot_id; rows that reference them are deleted when owned, else detached (FK set NULL)."""
    ids = list(_local_ids(session, model, hubspot_ids).values())
    if not ids:
        return 0
    target = table_of(model)
    for table in SQLModel.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is not target:
                continue
            column = fk.parent
            owned = (table.name, column.name) in _OWNED_BY_PARENT or not column.nullable
            if owned:
                session.execute(delete(table).where(column.in_(ids)))
            else:
                session.execute(update(table).where(column.in_(ids)).values({column.name: None}))
    session.execute(delete(target).where(target.c.id.in_(ids)))
    return len(ids)


def _chunks(items: list[Any] | set[Any], size: int) -> Iterable[list[Any]]:
    seq = list(items)
    for start in range(0, len(seq), size):
        yield seq[start : start + size]


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _parse_owner_time(value: Any) -> datetime | None:
    from tools.hubspot.mapping import parse_instant

    return parse_instant(value)


# --- entry point ------------------------------------------------------------------------------------------------


def run_sync(
    engine: Engine,
    settings: Settings,
    *,
    client: HubSpotClient | None = None,
    full: bool = False,
    types: Iterable[str] | None = None,
    progress: ProgressCallback | None = None,
) -> SyncReport:
    """Sync HubSpot into the store (what `salesos sync` and the scheduler call).

    Args:
        engine: The store.
        settings: `settings.Settings`; needs HUBSPOT_ACCESS_TOKEN unless `client` is given.
        client: A ready client (tests, benchmarks); default: built from settings.
        full: Ignore the stored cursors and re-read everything (upserts keep it duplicate-free).
        types: Restrict to these object types (`companies`, `deals`, `calls`, ...).
        progress: Called after each page.

    Returns:
        The run's report.

    Raises:
        HubSpotAuthError: No token, or HubSpot refused it.
        HubSpotError: HubSpot kept failing after the bounded retries; everything committed so far stays, and the
            next run resumes from the last committed page.
    """
    client = client or HubSpotClient.from_settings(settings)
    return HubSpotSync(engine, client, progress=progress).run(full=full, types=types)


def last_sync_at(engine: Engine) -> datetime | None:
    """When the last complete HubSpot sync started reading, i.e. how fresh the store is ("as of ..."), or None."""
    from tools.hubspot.mapping import parse_instant

    with Session(engine) as session:
        row = session.get(WorkspaceMeta, LAST_SYNC_KEY)
        return parse_instant(row.value) if row else None
