"""The whole build: `WorkspaceBuilder` composes the parts in order, and the public `generate_workspace` runs it."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from sqlalchemy import Engine, func, select

from store.bulk import create_indexes, drop_secondary_indexes
from store.db import refresh_statistics, reset_id_sequences
from store.demo import insights
from store.demo import text as words
from store.demo.activity import ActivityBuilder
from store.demo.leads import LeadsBuilder
from store.demo.plans import GENERATOR, SIZES, CompanyPlan, DealPlan, LeadPlan, Progress, Size, WorkspaceStats
from store.demo.tour import TourBuilder
from store.engagement_agg import refresh_engagement_aggregates
from store.models import (
    Call,
    CloseDateChange,
    Company,
    Contact,
    Deal,
    DealContact,
    DealStageChange,
    Engagement,
    InboundLead,
    Owner,
    WorkspaceMeta,
    table_of,
)


class WorkspaceBuilder(TourBuilder, LeadsBuilder, ActivityBuilder):
    """Plans the workspace and streams its rows into the store, on one random stream in a fixed order."""

    def build(self) -> WorkspaceStats:
        """Plan and write the whole workspace (inside the caller's transaction)."""
        self._owners()
        companies, leads = self._plan_companies_and_leads()
        self._write_companies(companies)
        self._write_contacts(companies)
        self._fill_lead_contacts(leads)
        deals = self._plan_deals(companies, leads)
        self._write_deals(deals)
        self._write_deal_children(deals)
        self._write_leads(leads)
        self._write_meta()
        return self.stats

    def _plan_companies_and_leads(self) -> tuple[list[CompanyPlan], list[LeadPlan]]:
        """The tour's companies, generated ones, then those that only a converted lead brings in."""
        companies = self._memorable_companies()
        companies += self._generated_companies(len(companies) + 1, self.spec.companies - len(companies))
        leads = self._plan_leads(companies)
        companies += [lead.company for lead in leads if lead.company is not None and lead.company.from_lead]
        return companies, leads

    def _plan_deals(self, companies: list[CompanyPlan], leads: list[LeadPlan]) -> list[DealPlan]:
        """Every deal, in creation order with its id: the tour's, the converted leads', then random ones."""
        deals = self._memorable_deals(companies)
        deals += [lead.deal for lead in leads if lead.deal is not None]
        pool = [c for c in companies if not c.memorable and not c.from_lead]
        while len(deals) < self.spec.deals:
            deals.append(self._random_deal(self.rng.choice(pool)))
        insights.plan_win_backs(deals, self.insights_rng)
        deals.sort(key=lambda d: (d.created_at, d.company.id))
        self._mark_expansions(deals)
        self._pick_transcripts(deals)
        insights.leave_loss_traces(deals, self.insights_rng, words.OBJECTION_CATEGORIES)
        for i, deal in enumerate(deals, start=1):
            deal.id = i
        return deals

    def _write_deal_children(self, deals: list[DealPlan]) -> None:
        """Per deal: its buying group, stage history, close-date pushes, activity and recorded call."""
        for n, deal in enumerate(deals, start=1):
            self._emit_deal_contacts(deal)
            self._emit_stage_history(deal)
            self._emit_close_date_changes(deal)
            self._emit_activity(deal)
            if n % 2000 == 0 or n == len(deals):
                self._tick("activity", n, len(deals))
        for stat, table in (
            ("deal_contacts", DealContact),
            ("stage_changes", DealStageChange),
            ("close_date_changes", CloseDateChange),
            ("engagements", Engagement),
        ):
            self.writer.flush(table, stat)
        self.writer.write(Call, self.pending_calls, "calls")
        self._tick("calls", len(self.pending_calls), len(self.pending_calls))

    def _write_meta(self) -> None:
        facts = {"generator": GENERATOR, "seed": str(self.seed), "size": self.size, "as_of": self.as_of.isoformat()}
        rows = [{"key": k, "value": v, "updated_at": self.as_of} for k, v in facts.items()]
        self.writer.write(WorkspaceMeta, rows, "meta")


GENERATED_TABLES = (
    Owner,
    Company,
    Contact,
    Deal,
    DealContact,
    DealStageChange,
    CloseDateChange,
    Engagement,
    Call,
    InboundLead,
)
"""The tables the generator fills, in build order."""


def _tick(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


def _crm_rows(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            table_of(t).name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (Owner, Company, Deal, Engagement, InboundLead)
        }


def generate_workspace(
    engine: Engine,
    *,
    size: Size = "default",
    seed: int = 7,
    as_of: datetime | None = None,
    progress: Progress | None = None,
) -> WorkspaceStats:
    """Fill an empty store with a demo sales team's CRM history.

    Args:
        engine: The store, at the newest schema.
        size: `small` (~150 deals, for tests), `default` (~1,500 deals) or `large` (100k deals, ~1M engagements).
        seed: Same seed and same `as_of` give identical rows.
        as_of: The workspace's "now"; all dates are relative to it. Defaults to the current instant (UTC).
        progress: Called as `progress(stage, done, total)` after each batch.

    Returns:
        Row counts per table and the build time.

    Raises:
        ValueError: Unknown size, a naive `as_of`, or a store that already holds CRM rows (nothing is written).
    """
    if size not in SIZES:
        raise ValueError(f"unknown workspace size {size!r}: use one of {', '.join(SIZES)}")
    if as_of is None:
        as_of = datetime.now(UTC)
    elif as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    as_of = as_of.astimezone(UTC)
    existing = {k: v for k, v in _crm_rows(engine).items() if v}
    if existing:
        raise ValueError(f"the store already holds CRM data ({existing}); the demo workspace needs an empty store")
    started = time.perf_counter()
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            # A bigger page cache (128 MB, default 2 MB) keeps the tables' growing ends in memory while ~1M rows go in.
            conn.exec_driver_sql("PRAGMA cache_size=-131072")
        try:
            # The tables are empty (checked above): their secondary indexes are built once from the loaded rows
            # instead of one random B-tree insert per row (on `large` the indexes outgrow the cache and that
            # random I/O was most of the write time). Same transaction, so a failed build restores them too.
            indexes = drop_secondary_indexes(conn, GENERATED_TABLES)
            stats = WorkspaceBuilder(conn, SIZES[size], size, seed, as_of, progress).build()
            _tick(progress, "indexes", 0, len(indexes))
            create_indexes(conn, indexes)
            _tick(progress, "indexes", len(indexes), len(indexes))
        finally:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA cache_size=-2000")
        # The rows went in on a bare connection (no session hooks): the deals' aggregates are built once, at the end.
        refresh_engagement_aggregates(conn)
        reset_id_sequences(
            conn,
            (Owner, Company, Contact, Deal, DealStageChange, CloseDateChange, Engagement, Call, InboundLead),
        )
    refresh_statistics(engine)  # a store that is new to the planner gets bad plans on the large size
    stats.seconds = time.perf_counter() - started
    return stats


def ensure_workspace(
    engine: Engine,
    *,
    size: Size = "default",
    seed: int = 7,
    as_of: datetime | None = None,
    progress: Progress | None = None,
) -> bool:
    """Generate the demo workspace unless the store already has deals; return whether it generated.

    A store with CRM rows but no deals (say, a HubSpot sync that has only fetched owners) is left alone: the
    `ValueError` from `generate_workspace` says so instead of mixing demo data into it.
    """
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(Deal)).scalar_one():
            return False
    generate_workspace(engine, size=size, seed=seed, as_of=as_of, progress=progress)
    return True
