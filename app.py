"""Sales OS entry point: settings → store → bot → scheduler wiring, and the `salesos` command line."""

from __future__ import annotations

import argparse
import sys

# --- salesos sync (HubSpot connector) -------------------------------------------------------------------------------


def _add_sync_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register `salesos sync`."""
    parser = subparsers.add_parser("sync", help="Mirror HubSpot into the store (incremental; --full re-reads all)")
    parser.add_argument("--full", action="store_true", help="ignore the stored cursors and re-read every record")
    parser.add_argument(
        "--type",
        dest="types",
        action="append",
        metavar="TYPE",
        help="only this object type (companies, contacts, deals, calls, emails, meetings, notes, tasks); repeatable",
    )
    parser.set_defaults(func=_cmd_sync)


def _cmd_sync(args: argparse.Namespace) -> int:
    """Run one HubSpot sync with a progress bar, then print a summary table."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from settings import get_settings
    from store.db import open_engine, upgrade_schema
    from tools.hubspot import HubSpotError, run_sync

    console = Console()
    settings = get_settings()
    if settings.hubspot_access_token is None:
        console.print(
            "[red]HUBSPOT_ACCESS_TOKEN is not set.[/red] Create a HubSpot private app (CRM read scopes, plus write "
            "scopes for write-back), then `export HUBSPOT_ACCESS_TOKEN=pat-...` or put it in .env. "
            "Without it Sales OS runs on the demo workspace."
        )
        return 2
    engine = open_engine(settings.database_url)
    upgrade_schema(engine)
    with Progress(
        TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    ) as progress:
        tasks: dict[str, int] = {}

        def on_page(object_type: str, done: int, total: int | None) -> None:
            if object_type not in tasks:
                tasks[object_type] = progress.add_task(object_type, total=total)
            progress.update(tasks[object_type], completed=done, total=total if total is not None else done)

        try:
            report = run_sync(engine, settings, full=args.full, types=args.types, progress=on_page)
        except HubSpotError as exc:
            console.print(
                f"[red]Sync stopped:[/red] {exc}. Everything up to the last page is saved; run again to resume."
            )
            return 1
    table = Table(title=f"HubSpot sync ({'full' if report.full else 'incremental'})")
    for column in ("type", "records", "pages", "archived removed", "seconds"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for name, stats in report.per_type.items():
        table.add_row(name, str(stats.objects), str(stats.pages), str(stats.archived_removed), f"{stats.seconds:.1f}")
    table.add_row("total", str(report.objects), "", "", f"{report.seconds:.1f}", style="bold")
    console.print(table)
    console.print(
        f"requests {report.requests} (search {report.search_requests}) · retries {report.retries} "
        f"(429s {report.rate_limited}, 5xx {report.server_errors}, network {report.network_errors})"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The `salesos` argument parser."""
    parser = argparse.ArgumentParser(prog="salesos", description="Sales OS: a Slack copilot for a B2B sales team.")
    subparsers = parser.add_subparsers(dest="command")
    _add_sync_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the `salesos` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 1
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
