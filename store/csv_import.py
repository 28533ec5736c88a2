"""Import a CRM export in the shape of the Maven Analytics "CRM + Sales + Opportunities" CSVs into an empty store.

Four files: `sales_teams.csv` (agents, managers, offices), `accounts.csv`, `products.csv` (list prices) and
`sales_pipeline.csv` (opportunities). Real exports disagree with themselves ("GTXPro" in the pipeline, "GTX Pro" in
products; sector "technolgy"), so names are matched on a normalised key and known typos are fixed by an explicit map.
Parsing (`read_crm_folder`) is separate from writing (`import_crm_csv`) so each can be checked on its own.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, bindparam, func, select, update
from sqlmodel import col

from store.bulk import insert_rows
from store.db import refresh_statistics, reset_id_sequences
from store.engagement_agg import refresh_engagement_aggregates
from store.meta import CSV_GENERATOR, PROVENANCE_KEY
from store.models import Company, Deal, Owner, WorkspaceMeta
from store.stages import STAGES_KEY, Stage, stages_json

Progress = Callable[[str, int, int], None]

FILES = ("sales_teams.csv", "accounts.csv", "products.csv", "sales_pipeline.csv")
OFFICE_TIMEZONES = {"Central": "America/Chicago", "East": "America/New_York", "West": "America/Los_Angeles"}
SECTOR_TYPOS = {"technolgy": "technology"}
CSV_STAGES = (
    Stage("Prospecting", "Prospecting", 0, "open"),
    Stage("Engaging", "Engaging", 1, "open"),
    Stage("Won", "Won", 2, "won"),
    Stage("Lost", "Lost", 3, "lost"),
)
"""The export's own deal_stage values, kept as the deals' stage keys: their funnel order and meaning, mapped once."""
STAGES = {s.key: s for s in CSV_STAGES}
EMAIL_DOMAIN = "csv-import.invalid"
CREATED_HOUR = time(9, 0)
CLOSED_HOUR = time(17, 0)
AS_OF_HOUR = time(18, 0)
GENERATOR = CSV_GENERATOR


@dataclass
class ImportReport:
    """Rows written by one import, and the workspace's resulting `as_of`."""

    owners: int = 0
    agents: int = 0
    managers: int = 0
    companies: int = 0
    deals: int = 0
    open_deals: int = 0
    won_deals: int = 0
    lost_deals: int = 0
    deals_without_company: int = 0
    as_of: str = ""


@dataclass
class CrmRows:
    """The folder's contents as rows ready for the store (explicit ids), plus the `as_of` instant."""

    owners: list[dict[str, Any]]
    companies: list[dict[str, Any]]
    deals: list[dict[str, Any]]
    as_of: datetime


def product_key(name: str) -> str:
    """The key products are matched on: "GTXPro" and "GTX Pro" are one product."""
    return "".join(name.split()).lower()


def owner_email(name: str) -> str:
    """A unique, undeliverable email for an owner (the store requires one; the export has none)."""
    return ".".join(name.lower().split()) + f"@{EMAIL_DOMAIN}"


def clean_sector(sector: str) -> str | None:
    """The sector with known typos fixed, title-cased; None when blank."""
    low = sector.strip().lower()
    return SECTOR_TYPOS.get(low, low).title() if low else None


def _rows(folder: Path, name: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV file, after checking its header has the required columns."""
    path = folder / name
    if not path.is_file():
        raise ValueError(f"{path}: file not found (a CRM export folder holds {', '.join(FILES)})")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{name} line 1: missing column(s) {', '.join(missing)}")
        out = []
        for row in reader:
            if None in row:  # more cells than header columns: a broken row, not data to guess at
                raise ValueError(f"{name} line {reader.line_num}: more values than columns")
            out.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
        return out


def _date(value: str, name: str, line: int, column: str) -> date | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%m/%d/%Y").date()
    except ValueError:
        raise ValueError(f"{name} line {line}: {column} {value!r} is not a M/D/YYYY date") from None


def _number(value: str, name: str, line: int, column: str) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{name} line {line}: {column} {value!r} is not a number") from None


def _at(day: date | None, hour: time, tz: ZoneInfo) -> datetime | None:
    """`day` at `hour` local time in `tz`, as a UTC instant."""
    return datetime.combine(day, hour, tzinfo=tz).astimezone(UTC) if day else None


def read_crm_folder(folder: Path, *, tz: ZoneInfo) -> CrmRows:
    """Parse and cross-check the four CSV files into store rows; raise ValueError naming file and line on bad data.

    `tz` is the timezone of an owner whose office is not one of the known three.
    """
    owners: list[dict[str, Any]] = []
    owner_ids: dict[str, int] = {}
    owner_tz: dict[str, ZoneInfo] = {}

    def add_owner(name: str, role: str, office: str) -> None:
        if name in owner_ids:
            return
        zone = OFFICE_TIMEZONES.get(office)
        owner_ids[name] = len(owners) + 1
        owner_tz[name] = ZoneInfo(zone) if zone else tz
        owners.append(
            {
                "id": owner_ids[name],
                "name": name,
                "email": owner_email(name),
                "timezone": zone or tz.key,
                "team": f"Team {office}",
                "role": role,
                "active": True,
                "manager_id": None,
            }
        )

    teams = _rows(folder, "sales_teams.csv", ("sales_agent", "manager", "regional_office"))
    for line, row in teams:
        if not row["sales_agent"] or not row["regional_office"]:
            raise ValueError(f"sales_teams.csv line {line}: sales_agent and regional_office are required")
        add_owner(row["sales_agent"], "ae", row["regional_office"])
    for _line, row in teams:  # managers after agents: an agent listed as someone's manager stays an agent
        if row["manager"]:
            add_owner(row["manager"], "manager", row["regional_office"])
    for _line, row in teams:  # who reports to whom: a manager's "my team" is their agents, not their office
        if row["manager"] and row["manager"] != row["sales_agent"]:
            owners[owner_ids[row["sales_agent"]] - 1]["manager_id"] = owner_ids[row["manager"]]

    companies: list[dict[str, Any]] = []
    company_ids: dict[str, int] = {}
    for line, row in _rows(folder, "accounts.csv", ("account", "sector", "revenue", "employees", "office_location")):
        if not row["account"]:
            raise ValueError(f"accounts.csv line {line}: account is required")
        revenue = _number(row["revenue"], "accounts.csv", line, "revenue")
        employees = _number(row["employees"], "accounts.csv", line, "employees")
        company_ids[row["account"]] = len(companies) + 1
        companies.append(
            {
                "id": company_ids[row["account"]],
                "name": row["account"],
                "industry": clean_sector(row["sector"]),
                "employees": int(employees) if employees is not None else None,
                "annual_revenue": revenue * 1e6 if revenue is not None else None,  # the export gives USD millions
                "region": row["office_location"] or None,
            }
        )

    products: dict[str, tuple[str, float]] = {}
    for line, row in _rows(folder, "products.csv", ("product", "sales_price")):
        price = _number(row["sales_price"], "products.csv", line, "sales_price")
        if not row["product"] or price is None:
            raise ValueError(f"products.csv line {line}: product and sales_price are required")
        products[product_key(row["product"])] = (row["product"], price)

    name = "sales_pipeline.csv"
    deals: list[dict[str, Any]] = []
    latest: date | None = None
    columns = ("opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date")
    for line, row in _rows(folder, name, (*columns, "close_value")):
        agent, account = row["sales_agent"], row["account"]
        if agent not in owner_ids:
            raise ValueError(f"{name} line {line}: sales_agent {agent!r} is not in sales_teams.csv")
        if account and account not in company_ids:
            raise ValueError(f"{name} line {line}: account {account!r} is not in accounts.csv")
        product = products.get(product_key(row["product"]))
        if product is None:
            raise ValueError(f"{name} line {line}: product {row['product']!r} is not in products.csv")
        if row["deal_stage"] not in STAGES:
            raise ValueError(f"{name} line {line}: unknown deal_stage {row['deal_stage']!r}")
        stage = STAGES[row["deal_stage"]]
        is_closed, is_won = stage.outcome != "open", stage.outcome == "won"
        engaged = _date(row["engage_date"], name, line, "engage_date")
        closed = _date(row["close_date"], name, line, "close_date")
        value = _number(row["close_value"], name, line, "close_value")
        if is_closed and (closed is None or value is None):
            raise ValueError(f"{name} line {line}: a {row['deal_stage']} deal needs close_date and close_value")
        zone = owner_tz[agent]
        latest = max(d for d in (latest, engaged, closed) if d is not None) if (engaged or closed) else latest
        deals.append(
            {
                "id": len(deals) + 1,
                "name": f"{account or 'No account'} – {product[0]}",
                "company_id": company_ids.get(account),
                "owner_id": owner_ids[agent],
                "stage": stage.key,
                # open rows have no close_value: their amount is the product's list price
                "amount": value if is_closed else product[1],
                "product": product[0],
                "source": "csv",
                "close_date": closed,
                "created_at": _at(engaged, CREATED_HOUR, zone),
                "closed_at": _at(closed, CLOSED_HOUR, zone) if is_closed else None,
                "is_closed": is_closed,
                "is_won": is_won,
            }
        )
    if latest is None:
        raise ValueError(f"{name}: no dated opportunity, so the data has no 'as of' day")
    return CrmRows(owners=owners, companies=companies, deals=deals, as_of=datetime.combine(latest, AS_OF_HOUR, UTC))


def import_crm_csv(engine: Engine, folder: Path, *, tz: ZoneInfo, progress: Progress | None = None) -> ImportReport:
    """Import the CSV export in `folder` into an empty store, in one transaction; return what was written.

    Open opportunities (Engaging, Prospecting) have a blank close_value in the export, so their amount is the
    product's list price; closed ones keep their close_value. Prospecting rows may have no engage_date: their
    `created_at` stays NULL. `tz` is used for owners whose office has no known timezone.

    Raises:
        ValueError: the store already holds deals (clear it first: `salesos import-csv --replace`), or a file is
            missing or malformed (the message names the file and line). Nothing is written then.
    """
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(Deal)).scalar_one():
            raise ValueError("the store already holds deals; import into an empty store, or use --replace to clear it")
    data = read_crm_folder(folder, tz=tz)
    # managers are rows of the same table: owners go in first, then who reports to whom (the foreign key holds)
    owners = [{**o, "manager_id": None} for o in data.owners]
    reports = [{"b_id": o["id"], "b_manager": o["manager_id"]} for o in data.owners if o["manager_id"]]
    written = [("owners", Owner, owners), ("companies", Company, data.companies), ("deals", Deal, data.deals)]
    meta = {
        "source": f"csv:{folder.name}",
        "as_of": data.as_of.isoformat(),
        "generator": GENERATOR,
        PROVENANCE_KEY: "csv",
        STAGES_KEY: stages_json(list(CSV_STAGES)),
    }
    with engine.begin() as conn:
        for label, table, rows in written:
            for start in range(0, len(rows), 1000):
                insert_rows(conn, table, rows[start : start + 1000])  # executemany of tuples / COPY
                if progress:
                    progress(label, min(start + 1000, len(rows)), len(rows))
            if table is Owner and reports:
                conn.execute(
                    update(Owner).where(col(Owner.id) == bindparam("b_id")).values(manager_id=bindparam("b_manager")),
                    reports,
                )
        insert_rows(conn, WorkspaceMeta, [{"key": k, "value": v, "updated_at": data.as_of} for k, v in meta.items()])
        reset_id_sequences(conn, (Owner, Company, Deal))
        refresh_engagement_aggregates(conn)  # a bare connection: no session hook sees these rows
    refresh_statistics(engine)
    return ImportReport(
        owners=len(data.owners),
        agents=sum(o["role"] == "ae" for o in data.owners),
        managers=sum(o["role"] == "manager" for o in data.owners),
        companies=len(data.companies),
        deals=len(data.deals),
        open_deals=sum(not d["is_closed"] for d in data.deals),
        won_deals=sum(d["is_won"] for d in data.deals),
        lost_deals=sum(d["is_closed"] and not d["is_won"] for d in data.deals),
        deals_without_company=sum(d["company_id"] is None for d in data.deals),
        as_of=meta["as_of"],
    )


def describe_report(report: ImportReport) -> str:
    """The report as one line per count, for the command line."""
    return "\n".join(f"{key.replace('_', ' ')}: {value}" for key, value in asdict(report).items())


__all__ = ["ImportReport", "describe_report", "import_crm_csv", "read_crm_folder"]
