"""The offline copilot on a REAL CRM export: does it route and answer right on names and numbers it has never seen?

`python -m eval crm_real` imports ../shared/data/crm-sales-opportunities (Maven Analytics' practice CRM: 8,800
opportunities, 85 accounts, 35 agents) into a SQLite store cached under var/eval/, asks generated questions as of the
data's last day, and checks every answer against counts computed here straight from the CSV files with the `csv`
module (never through the store or the importer), so an importer bug and a copilot bug both show up as misses:

a. "what's the latest on {account}?" for every account: get_latest_on_company, the right account, and its deals;
b. "pipeline for {agent}" for every agent: summarize_pipeline, open deal count and amount;
c. "{first name}'s deals" for every agent: search_deals, the count of open deals;
d. "latest on {account with one typo}": the right account, a did-you-mean that lists it, or a wrong account.

Open deals are Engaging + Prospecting, worth the product's list price (the export has no value for open deals).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from settings import PROJECT_ROOT, Settings

DATASET = "crm-sales-opportunities"
IMPORT_TZ = ZoneInfo("America/New_York")  # only for an office the importer does not know; all three are known
OPEN_STAGES = ("Engaging", "Prospecting")
LATEST_ON_MAX_DEALS = 10
"""`LatestOn.deals` lists at most this many deals (open first) and carries no total: checks compare what it shows."""
CACHE_DIR = PROJECT_ROOT / "var" / "eval"


# --- the expected side: straight from the CSV files -------------------------------------------------------------------


@dataclass
class CsvTruth:
    """What the export says, computed without the store: per agent and per account."""

    accounts: list[str]
    agents: list[str]
    open_by_agent: dict[str, int] = field(default_factory=dict)
    open_amount_by_agent: dict[str, float] = field(default_factory=dict)
    open_by_account: dict[str, int] = field(default_factory=dict)
    closed_by_account: dict[str, int] = field(default_factory=dict)


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def csv_truth(folder: Path) -> CsvTruth:
    """Count open/closed deals per account and open deals and list-price amount per agent, from the CSV files."""
    # Spaces differ between files ("GTXPro" / "GTX Pro"); nothing else does in this export.
    products = _read(folder, "products.csv")
    prices = {row["product"].replace(" ", "").lower(): float(row["sales_price"]) for row in products}
    truth = CsvTruth(
        accounts=[row["account"] for row in _read(folder, "accounts.csv")],
        agents=[row["sales_agent"] for row in _read(folder, "sales_teams.csv")],
    )
    for row in _read(folder, "sales_pipeline.csv"):
        is_open = row["deal_stage"] in OPEN_STAGES
        agent, account = row["sales_agent"], row["account"]
        if is_open:
            truth.open_by_agent[agent] = truth.open_by_agent.get(agent, 0) + 1
            price = prices[row["product"].replace(" ", "").lower()]
            truth.open_amount_by_agent[agent] = truth.open_amount_by_agent.get(agent, 0.0) + price
        if account:
            counts = truth.open_by_account if is_open else truth.closed_by_account
            counts[account] = counts.get(account, 0) + 1
    return truth


# --- the workspace ---------------------------------------------------------------------------------------------------


def data_key(folder: Path) -> str:
    """A short hash of the CSV files' names, sizes and mtimes, and of the importer's source: the cache file's key."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.csv")):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    digest.update((PROJECT_ROOT / "store" / "csv_import.py").read_bytes())
    return digest.hexdigest()[:12]


def open_crm_workspace(folder: Path, cache_dir: Path = CACHE_DIR) -> Engine:
    """The export imported into SQLite, cached by `data_key`; built as a .partial file so only a whole one is reused."""
    from store.csv_import import import_crm_csv
    from store.db import open_engine, upgrade_schema

    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"crm-real-{data_key(folder)}.db"
    if not path.exists():
        for old in cache_dir.glob("crm-real-*.db*"):
            old.unlink()
        partial = Path(str(path) + ".partial")
        partial.unlink(missing_ok=True)
        engine = open_engine(f"sqlite:///{partial}")
        upgrade_schema(engine)
        import_crm_csv(engine, folder, tz=IMPORT_TZ)
        engine.dispose()
        partial.rename(path)
    engine = open_engine(f"sqlite:///{path}")
    upgrade_schema(engine)
    return engine


def workspace_as_of(engine: Engine) -> Any:
    """The imported `as_of` instant: the copilot's "now" for this data."""
    from datetime import datetime

    from sqlmodel import Session

    from store.meta import get_meta

    with Session(engine) as session:
        value = get_meta(session, "as_of")
    if value is None:
        raise ValueError("the store has no as_of: it was not made by the CSV importer")
    return datetime.fromisoformat(value)


# --- asking and checking ---------------------------------------------------------------------------------------------


@dataclass
class Asked:
    """One question, the tool the copilot chose, and its structured result."""

    question: str
    intent: str
    tool: str | None
    result: Any


def ask(question: str, *, engine: Engine, settings: Settings, now: Any) -> Asked:
    """Ask the offline copilot one question, as nobody in particular."""
    from bot.copilot.answer import answer

    reply = answer(question, engine=engine, settings=settings, now=now, asker_owner_id=None)
    tool = reply.tool_calls[0][0] if reply.tool_calls else None
    return Asked(question=question, intent=reply.intent, tool=tool, result=reply.data[0] if reply.data else None)


def check_latest(asked: Asked, account: str, truth: CsvTruth) -> tuple[bool, bool]:
    """(routed right, answer right): the right account, and the deals shown agree with the CSV's counts.

    `LatestOn` shows open deals first, at most `LATEST_ON_MAX_DEALS`, and no total; so the open deals shown must be
    min(open, max) and the closed ones fill the rest up to the CSV's closed count.
    """
    routed = asked.tool == "get_latest_on_company"
    company = getattr(asked.result, "company", None)
    if not routed or getattr(company, "name", None) != account:
        return routed, False
    deals = asked.result.deals
    open_shown = sum(not d.is_closed for d in deals)
    want_open = min(truth.open_by_account.get(account, 0), LATEST_ON_MAX_DEALS)
    want_closed = min(truth.closed_by_account.get(account, 0), LATEST_ON_MAX_DEALS - want_open)
    return routed, open_shown == want_open and len(deals) - open_shown == want_closed


def check_pipeline(asked: Asked, agent: str, truth: CsvTruth) -> tuple[bool, bool]:
    """(routed right, answer right): summarize_pipeline for exactly this agent, open count and amount as in the CSV."""
    routed = asked.tool == "summarize_pipeline"
    result = asked.result
    if not routed or getattr(result, "owners", None) != [agent]:
        return routed, False
    count_ok = result.total_count == truth.open_by_agent.get(agent, 0)
    amount_ok = abs(result.total_amount - truth.open_amount_by_agent.get(agent, 0.0)) < 0.01
    return routed, count_ok and amount_ok


def check_search(asked: Asked, agent: str, truth: CsvTruth) -> tuple[bool, bool]:
    """(routed right, answer right): search_deals for exactly this agent, its total of open deals as in the CSV."""
    routed = asked.tool == "search_deals"
    result = asked.result
    if not routed or getattr(result, "owners", None) != [agent]:
        return routed, False
    return routed, result.total == truth.open_by_agent.get(agent, 0)


def drop_third_letter(name: str) -> str:
    """One deterministic typo: the name without its third letter ("Acme Corporation" → "Ace Corporation")."""
    letters = [i for i, ch in enumerate(name) if ch.isalpha()]
    if len(letters) < 3:
        return name
    return name[: letters[2]] + name[letters[2] + 1 :]


TYPO_OUTCOMES = ("right account", "did you mean (safe)", "wrong account", "not resolved, not suggested")


def typo_outcome(asked: Asked, account: str) -> str:
    """Which of `TYPO_OUTCOMES` a typo question got."""
    company = getattr(asked.result, "company", None)
    if asked.tool == "get_latest_on_company" and hasattr(asked.result, "deals"):
        return "right account" if getattr(company, "name", None) == account else "wrong account"
    if account in [c.name for c in getattr(asked.result, "candidates", [])]:
        return "did you mean (safe)"
    return "not resolved, not suggested"


@dataclass
class FamilyResult:
    """One question family's score, and the questions it got wrong."""

    family: str
    compared: str
    questions: int = 0
    routed: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)


def run_family(
    family: str, compared: str, cases: list[tuple[str, str]], check: Any, ask_one: Any, truth: CsvTruth
) -> FamilyResult:
    """Ask each (question, subject) and score it with `check(asked, subject, truth)`."""
    out = FamilyResult(family=family, compared=compared)
    for question, subject in cases:
        asked = ask_one(question)
        routed, right = check(asked, subject, truth)
        out.questions += 1
        out.routed += routed
        out.right += right
        if not right:
            out.misses.append(f"{question!r} → {asked.intent}/{asked.tool}: {_describe(asked.result)}")
    return out


def _describe(result: Any) -> str:
    if result is None:
        return "no result"
    for name in ("total_count", "total"):
        if hasattr(result, name):
            return f"owners={getattr(result, 'owners', None)} {name}={getattr(result, name)}"
    if hasattr(result, "candidates"):
        return f"{result.status}, candidates={[c.name for c in result.candidates]}"
    company = getattr(result, "company", None)
    return f"company={getattr(company, 'name', None)} deals shown={len(getattr(result, 'deals', []))}"


def evaluate(
    engine: Engine, truth: CsvTruth, now: Any, settings: Settings
) -> tuple[list[FamilyResult], list[tuple[str, str]]]:
    """Run the four families; return the scored families (a–c) and each typo question with its outcome (d)."""

    def ask_one(question: str) -> Asked:
        return ask(question, engine=engine, settings=settings, now=now)

    families = [
        run_family(
            "a. what's the latest on {account}?",
            f"account; open deals shown = min(open, {LATEST_ON_MAX_DEALS}), closed fill the rest (no total in result)",
            [(f"what's the latest on {a}?", a) for a in truth.accounts],
            check_latest,
            ask_one,
            truth,
        ),
        run_family(
            "b. pipeline for {agent}",
            "owner; total open count and list-price amount",
            [(f"pipeline for {a}", a) for a in truth.agents],
            check_pipeline,
            ask_one,
            truth,
        ),
        run_family(
            "c. {first name}'s deals",
            "owner; total open count",
            [(f"{a.split()[0]}'s deals", a) for a in truth.agents],
            check_search,
            ask_one,
            truth,
        ),
    ]
    typos = []
    for account in truth.accounts:
        asked = ask_one(f"latest on {drop_third_letter(account)}")
        outcome = typo_outcome(asked, account)
        typos.append((f"{asked.question!r} (meant {account}) → {_describe(asked.result)}", outcome))
    return families, typos


def offline_settings(chroma_path: Path) -> Settings:
    """Settings for the offline copilot: LLM keys from the environment are overridden, so the router answers."""
    return Settings(chroma_path=chroma_path, openai_api_key=None, openai_base_url=None)


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m eval crm_real`; returns 2 with a clear message when the data is not there."""
    from benchmarks.common import print_table
    from eval import shared_data_dir

    parser = argparse.ArgumentParser(prog="eval crm_real", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, help="the folder holding crm-sales-opportunities/ (default: ../shared/data)"
    )
    args = parser.parse_args(argv if argv is not None else [])
    shared = args.data or shared_data_dir()
    folder = shared / DATASET if shared else None
    if folder is None or not (folder / "sales_pipeline.csv").is_file():
        print(
            f"data not found: {DATASET}/ under {shared or '../shared/data'} (or pass --data DIR); "
            "this evaluation needs the real CRM export",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    engine = open_crm_workspace(folder)
    now = workspace_as_of(engine)
    truth = csv_truth(folder)
    with tempfile.TemporaryDirectory() as chroma:
        families, typo_answers = evaluate(engine, truth, now, offline_settings(Path(chroma)))
    typos = Counter(outcome for _, outcome in typo_answers)
    print(f"Data: {folder} (as of {now:%Y-%m-%d %H:%M} UTC); expected values computed from the CSV files.\n")
    print_table(
        "Offline copilot on the real CRM export",
        ["question family", "questions", "routed right", "answer right", "compared"],
        [(f.family, f.questions, f.routed, f.right, f.compared) for f in families],
    )
    total = sum(typos.values())
    print_table(
        f"Account names with one typo (third letter dropped), 'latest on ...' ({total} questions)",
        ["outcome", "questions", "share"],
        [(o, typos[o], f"{100 * typos[o] / total:.0f}%") for o in TYPO_OUTCOMES],
    )
    for f in families:
        if f.misses:
            print(f"Misses of {f.family} ({len(f.misses)}, first 5):")
            print("\n".join(f"  ✗ {m}" for m in f.misses[:5]))
    unsafe = [q for q, outcome in typo_answers if outcome not in TYPO_OUTCOMES[:2]]
    if unsafe:
        print(f"Typos neither resolved nor suggested, or resolved wrong ({len(unsafe)}):")
        print("\n".join(f"  ✗ {q}" for q in unsafe))
    asked = sum(f.questions for f in families) + total
    right = sum(f.right for f in families)
    safe = typos["right account"] + typos["did you mean (safe)"]
    print(
        f"\nsummary: {right}/{asked - total} answers right on families a–c; typos {safe}/{total} safe "
        f"({typos['wrong account']} wrong account); {asked} questions in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
