"""Sales OS entry point: settings → store → bot → scheduler wiring, and the `salesos` command line.

Every subcommand is a `_cmd_<name>(args, settings) -> int` that wires parts together and calls into `tools/`, `bot/`,
`jobs/` or `store/`; no business logic lives here.
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import shutil
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobs.names import JOB_NAMES
from settings import Settings, get_settings

if TYPE_CHECKING:  # a command imports the database layer when it opens the store, not at start-up
    from sqlalchemy import Engine

TOUR_QUESTIONS = (
    "which deals are silent 5+ days?",
    "what's the latest on Acme Corp?",
    "brief Acme",
)


def command_name() -> str:
    """How to run `salesos` again from a new shell in this folder: the checkout's wrapper, else the executable's path.

    A command inside a virtualenv works in a new shell only when the venv is activated, so the tour never prints a bare
    `salesos` for one.
    """
    exe = Path(sys.argv[0]).resolve()
    wrapper = Path("salesos")
    if wrapper.is_file() and os.access(wrapper, os.X_OK) and (Path(".venv/bin/salesos").resolve() == exe):
        return "./salesos"
    on_path = shutil.which("salesos")
    if sys.prefix == sys.base_prefix and on_path and Path(on_path).resolve() == exe:
        return "salesos"
    try:
        return shlex.quote(str(exe.relative_to(Path.cwd())))
    except ValueError:
        return shlex.quote(str(exe))


def _quoted(text: str) -> str:
    """Quote text for a shell the way a person would: double quotes unless they would change its meaning."""
    return f'"{text}"' if not any(c in text for c in '"$`\\!') else shlex.quote(text)


def open_store(settings: Settings) -> Engine:
    """Open the store named by DATABASE_URL and bring its schema up to date."""
    from store.db import open_engine, upgrade_schema

    engine = open_engine(settings.database_url)
    upgrade_schema(engine)
    return engine


def _progress_bar() -> tuple[Callable[[str, int, int], None], Callable[[], None]]:
    """A rich progress bar driven by `(label, done, total)` callbacks; returns (callback, close)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("{task.description:<14}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=False,
        redirect_stdout=False,
    )
    tasks: dict[str, int] = {}
    progress.start()

    def update(label: str, done: int, total: int) -> None:
        if label not in tasks:
            tasks[label] = progress.add_task(label, total=total)
        progress.update(tasks[label], completed=done, total=total)

    return update, progress.stop


def _assess_deal_health(engine: Engine, settings: Settings, *, now: datetime | None = None) -> None:
    """Store the book's deal health (HubSpot's deal properties read it; "at risk" is always assessed live).

    `now`: the instant the answers that follow are given at (a demo made `--as-of` a date is scored as of that date,
    so its tour reads the same whenever it runs); otherwise the store's answer clock (an imported snapshot that ends
    in the past is answered, so scored, as of its last day; anything else at the wall clock).
    """
    from store.meta import answer_clock
    from tools.health_snapshot import refresh_snapshot
    from tools.intelligence.refresh import refresh_intelligence

    now = now or answer_clock(engine, datetime.now(UTC))
    if settings.deal_health_refresh_minutes > 0:
        refresh_snapshot(engine, settings, now=now)  # incremental: rewrites only the deals whose basis changed
    try:
        refresh_intelligence(engine, settings, now=now)  # win scores, and HubSpot's deal properties when configured
    except Exception:
        logging.getLogger(__name__).exception("deal intelligence refresh failed; the deal_health job retries it")


def _refuse_to_replace(engine: Engine, flag: str, yes: bool) -> str | None:
    """Why a destructive command must not run on this store (it holds data that is not a generated demo), or None."""
    from store.db import session_scope
    from store.meta import describe_store, store_origin

    with session_scope(engine) as session:
        origin, what = store_origin(session), describe_store(session)
    if yes or origin in ("empty", "demo"):
        return None
    return (
        f"{flag} would delete {what}. Nothing was changed. To replace it anyway, add --yes; to keep it, point "
        "DATABASE_URL at another store (e.g. DATABASE_URL=sqlite:///var/other.db)."
    )


def _cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from jobs.cli import parse_as_of
    from store.db import session_scope
    from store.demo import ensure_workspace, generate_workspace
    from store.meta import describe_store, store_origin

    try:
        as_of = parse_as_of(args.as_of, settings.tz) if args.as_of else None
    except ValueError as exc:
        print(f"salesos demo: {exc}", file=sys.stderr)
        return 2
    engine = open_store(settings)
    if args.fresh and (refusal := _refuse_to_replace(engine, "salesos demo --fresh", args.yes)):
        print(refusal, file=sys.stderr)
        return 2
    with session_scope(engine) as session:
        origin = store_origin(session)
    if origin not in ("empty", "demo") and not args.fresh:
        with session_scope(engine) as session:
            print(f"Using the store at {settings.database_url}: {describe_store(session)} (not the demo).\n")
    update, close = _progress_bar()
    try:
        if args.fresh:
            from store.db import clear_data

            clear_data(engine)
            generate_workspace(engine, size=args.size, seed=args.seed, as_of=as_of, progress=update)
            created = True
        else:
            created = ensure_workspace(engine, size=args.size, seed=args.seed, as_of=as_of, progress=update)
    finally:
        close()
    _assess_deal_health(engine, settings, now=as_of)
    if origin in ("empty", "demo") or args.fresh:
        print(("Generated" if created else "Using the existing") + f" demo workspace in {settings.database_url}\n")
    if args.no_tour:
        return 0
    prog = command_name()
    for question in TOUR_QUESTIONS:
        print(f"$ {prog} ask {_quoted(question)}")
        print(_answer_text(question, engine, settings, now=as_of))
    print(f'Try your own: {prog} ask "what\'s closing this month?"  ·  {prog} chat  ·  {prog} --help')
    return 0


def _cmd_import_csv(args: argparse.Namespace, settings: Settings) -> int:

    from store.csv_import import describe_report, import_crm_csv, read_crm_folder

    engine = open_store(settings)
    if args.replace and (refusal := _refuse_to_replace(engine, "salesos import-csv --replace", args.yes)):
        print(refusal, file=sys.stderr)
        return 2
    try:
        if args.replace:
            from store.db import clear_data

            read_crm_folder(Path(args.folder), tz=settings.tz)  # a malformed export must not cost the store its data
            clear_data(engine)
        update, close = _progress_bar()
        try:
            report = import_crm_csv(engine, Path(args.folder), tz=settings.tz, progress=update)
        finally:
            close()
    except ValueError as exc:
        print(f"Import failed: {exc}", file=sys.stderr)
        return 2
    _assess_deal_health(engine, settings)
    print(f"Imported {args.folder} into {settings.database_url}")
    print(describe_report(report))
    return 0


def _answer_text(
    question: str,
    engine: Engine,
    settings: Settings,
    asker_owner_id: int | None = None,
    *,
    verbose: bool = False,
    now: datetime | None = None,
) -> str:
    from bot.copilot.answer import answer
    from bot.copilot.reply import to_text

    now = now or datetime.now(UTC)
    result = answer(question, engine=engine, settings=settings, asker_owner_id=asker_owner_id, now=now)
    text = to_text(result.reply)
    if verbose:  # the internals behind the answer, for whoever debugs the routing
        text += "".join(f"  [{result.mode}] {name}({args})\n" for name, args in result.tool_calls)
    return text


# `salesos insights VIEW`: which capabilities each view shows, in order.
INSIGHT_VIEWS = {
    "won": (("get_buyer_personas", {}), ("get_pain_points", {}), ("get_objection_map", {})),
    "lost": (("get_loss_reasons", {}), ("get_reactivation_list", {"limit": 10})),
    "battlecard": (("get_battle_card", {}),),
}


def _cmd_insights(args: argparse.Namespace, settings: Settings) -> int:
    from bot.copilot.render import Renderer
    from bot.copilot.reply import to_text
    from tools.capabilities import ToolContext, ToolUserError, run_capability

    if args.view == "battlecard" and not args.name:
        print("Which competitor? e.g. salesos insights battlecard DataPilot", file=sys.stderr)
        return 2
    engine = open_store(settings)
    ctx = ToolContext(engine=engine, settings=settings, now=datetime.now(UTC))
    renderer = Renderer(settings, engine)
    for name, args_ in INSIGHT_VIEWS[args.view]:
        call_args = {**args_, **({"competitor": " ".join(args.name)} if args.view == "battlecard" else {})}
        try:
            result = run_capability(ctx, name, call_args)
        except ToolUserError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        print(to_text(renderer.render(result)))
    return 0


def _asker(engine: Engine, as_owner: str | None) -> int | None:
    """The owner id `--as-owner` names (an id, an email or a name); ValueError with a plain message if none does."""
    if as_owner is None:
        return None
    from store.db import session_scope
    from tools.capabilities import ToolUserError
    from tools.resolve import find_owner

    with session_scope(engine) as session:
        try:
            return find_owner(session, as_owner).id
        except ToolUserError as exc:
            raise ValueError(str(exc)) from exc


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    if not args.question:
        from bot.copilot.render import help_reply
        from bot.copilot.reply import to_text

        print(to_text(help_reply()), end="")
        return 0
    engine = open_store(settings)
    question = " ".join(args.question)
    try:
        asker = _asker(engine, args.as_owner)
    except ValueError as exc:
        print(f"salesos ask --as-owner: {exc}", file=sys.stderr)
        return 2
    if args.json:
        from bot.copilot.answer import answer_json

        print(answer_json(question, engine=engine, settings=settings, asker_owner_id=asker))
        return 0
    from rich.console import Console

    with Console(stderr=True).status("Thinking…"):  # the first library question seeds the library: seconds
        text = _answer_text(question, engine, settings, asker_owner_id=asker, verbose=args.verbose)
    print(text, end="")
    return 0


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.copilot.chat import run_chat

    engine = open_store(settings)
    try:
        asker = _asker(engine, args.as_owner)
    except ValueError as exc:
        print(f"salesos chat --as-owner: {exc}", file=sys.stderr)
        return 2
    return run_chat(engine, settings, asker_owner_id=asker)


def _cmd_owners(args: argparse.Namespace, settings: Settings) -> int:
    from store.db import session_scope
    from tools.resolve import owners_overview

    with session_scope(open_store(settings)) as session:
        rows = owners_overview(session)
    if not rows:
        print("No owners in the store yet: run salesos demo, salesos import-csv or salesos sync.")
        return 0
    table = [("id", "name", "email", "team", "role", "open deals")]
    table += [(str(r.id), r.name, r.email, r.team or "—", r.role, f"{r.open_deals:,}") for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    print(f'\nAsk as one of them: {command_name()} ask --as-owner "NAME, EMAIL or ID" "my deals closing this month"')
    return 0


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    missing = settings.missing_for_slack()
    if missing:
        print(
            f"salesos serve needs Slack credentials: set {', '.join(missing)} in the environment or .env "
            "(see .env.example); without Slack, try salesos ask or salesos chat.",
            file=sys.stderr,
        )
        return 2
    return serve(settings, open_store(settings))


# --- `salesos serve`: the composition root of the long-running process -------------------------------------------


def start_scheduler(settings: Settings, engine: Engine, client: Any) -> Any:
    """Start the scheduled jobs (`jobs.scheduler`) on this replica unless SCHEDULER_ENABLED=false; None if off.

    Every replica may run it: each job run claims its `(job, slot)` in the store first, so nothing is posted twice.
    """
    if not settings.scheduler_enabled:
        logging.getLogger(__name__).info("scheduler off on this replica (SCHEDULER_ENABLED=false)")
        return None
    from bot.slack.posting import lead_notifier, poster_from_settings
    from jobs.scheduler import build_scheduler, start

    scheduler = build_scheduler(
        settings,
        engine,
        poster=poster_from_settings(settings, client),
        notify_lead=lead_notifier(engine, settings, client),
    )
    start(scheduler)
    return scheduler


def serve(settings: Settings, engine: Engine, *, scheduler: bool = True, reuse_port: bool = False) -> int:
    """Settings → store → Slack app (+ work sweeper, readiness) → scheduler; run until SIGTERM or Ctrl-C."""
    if settings.slack_app_token is None and settings.slack_http_workers > 1 and not reuse_port:
        return _serve_processes(settings)
    from bot.slack.deps import Readiness
    from bot.slack.server import build_serving, run_until_stopped, wait_for_slack
    from bot.slack.work import WorkSweeper

    readiness = Readiness()
    serving = build_serving(settings, engine, reuse_port=reuse_port, readiness=readiness)
    wait_for_slack(serving.app.client, readiness)
    sweeper = WorkSweeper(serving.deps, serving.app.client).start()  # resumes acknowledged work a crash left
    jobs = start_scheduler(settings, engine, serving.app.client) if scheduler else None
    if jobs is not None:
        from jobs.scheduler import describe_schedule

        print(f"Jobs: {describe_schedule(jobs, settings)}. `salesos jobs` shows their next runs.", flush=True)
    elif scheduler:
        print("Jobs: scheduler off (SCHEDULER_ENABLED).", flush=True)
    try:
        return run_until_stopped(serving.mode, serving.runner)
    finally:
        sweeper.stop()
        if jobs is not None:
            from jobs.scheduler import shutdown

            shutdown(jobs)  # lets a running job finish: no half-posted digest


def _serve_process(settings: Settings, index: int) -> None:
    """One of several HTTP-mode processes sharing the port; each has its own app, store connections and pools."""
    logging.basicConfig(level=settings.log_level, format=f"%(asctime)s %(levelname)s w{index} %(name)s: %(message)s")
    from store.db import open_engine

    # the parent opened (and upgraded) the store already; one scheduler per machine is enough
    serve(settings, open_engine(settings.database_url), scheduler=index == 0, reuse_port=True)


def _serve_processes(settings: Settings) -> int:
    """HTTP mode with SLACK_HTTP_WORKERS processes on one port (SO_REUSEPORT: the kernel spreads the connections).

    Replicas on one machine are safe for the same reasons replicas on several are: event de-duplication, durable
    work, draft decisions and write-backs are settled in the shared store, never in a process's memory.
    """
    import multiprocessing
    import signal
    import threading

    ctx = multiprocessing.get_context("spawn")
    workers = [
        ctx.Process(target=_serve_process, args=(settings, i), name=f"salesos-http-{i}", daemon=False)
        for i in range(settings.slack_http_workers)
    ]
    for worker in workers:
        worker.start()
    logging.getLogger(__name__).info(
        "Sales OS: HTTP mode, %d processes on port %s/slack/events", len(workers), settings.slack_port
    )

    def _stop(signum: int, _frame: Any) -> None:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()  # SIGTERM: each worker stops its loop and exits cleanly

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
    try:
        for worker in workers:
            worker.join()
    except KeyboardInterrupt:
        _stop(signal.SIGINT, None)
        for worker in workers:
            worker.join(10)
    return 0 if all(w.exitcode in (0, -signal.SIGTERM) for w in workers) else 1


def _cmd_digest(args: argparse.Namespace, settings: Settings) -> int:

    from jobs.cli import digest_report, parse_as_of

    try:
        now = parse_as_of(args.as_of, settings.tz)
        text, charts = digest_report(
            open_store(settings), settings, now=now, team=args.team, out_dir=Path(args.out_dir).resolve()
        )
    except ValueError as exc:
        print(f"salesos digest: {exc}", file=sys.stderr)
        return 2
    print(text)
    for chart in charts:
        print(f"Chart written to {chart}")
    return 0


def _cmd_jobs(args: argparse.Namespace, settings: Settings) -> int:
    from jobs.cli import jobs_table, parse_as_of

    if args.jobs_command != "run":
        print(jobs_table(settings))
        return 0
    if args.name not in JOB_NAMES:
        print(f"salesos jobs run: unknown job {args.name!r}; jobs: {', '.join(JOB_NAMES)}", file=sys.stderr)
        return 2
    from jobs.scheduler import JOB_SPECS, preview_job, run_job

    spec = JOB_SPECS[args.name]
    if not spec.enabled(settings):
        print(f"salesos jobs run {args.name}: needs {spec.needs}.", file=sys.stderr)
        return 2
    try:
        now = parse_as_of(args.as_of, settings.tz)
    except ValueError as exc:
        print(f"salesos jobs run: {exc}", file=sys.stderr)
        return 2
    engine = open_store(settings)
    if args.dry_run:
        print(f"{args.name} (dry run): {preview_job(args.name, engine, settings, now=now)}")
        return 0
    from rich.console import Console

    from bot.slack.posting import lead_notifier, poster_from_settings

    with Console(stderr=True).status(f"{args.name} running…"):  # a sync or a library refresh can take minutes
        report = run_job(
            args.name,
            engine,
            settings,
            poster=poster_from_settings(settings),
            notify_lead=lead_notifier(engine, settings),
            now=now,
            retry=args.retry,
        )
    print(f"{args.name}: {report}")
    return 0


def _cmd_analyze_call(args: argparse.Namespace, settings: Settings) -> int:
    # Only the parser is imported before the input is checked: a malformed file fails before anything heavy loads.
    from tools.calls.parsers import TranscriptError

    if args.call is not None:
        from bot.copilot.calls_reply import analysis_reply
        from bot.copilot.reply import to_text
        from tools.calls.analyze import analyze_stored_call

        try:
            analysis = analyze_stored_call(open_store(settings), args.call, settings=settings)
        except (LookupError, TranscriptError) as exc:
            print(f"salesos analyze-call: {exc}", file=sys.stderr)
            return 2
        print(to_text(analysis_reply(analysis)))
        return 0
    if not args.file:
        print("salesos analyze-call: give a transcript FILE or --call ID", file=sys.stderr)
        return 2
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"salesos analyze-call: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    # Input is checked before anything heavy loads (the store, the embedding model): a bad file fails in a blink.
    started_at = None
    if args.date:
        try:
            started_at = datetime.fromisoformat(args.date)
        except ValueError:
            print(f"salesos analyze-call: --date {args.date!r}: use YYYY-MM-DD or YYYY-MM-DDTHH:MM", file=sys.stderr)
            return 2
        if started_at.tzinfo is None:
            started_at = started_at.replace(tzinfo=settings.tz)
    from tools.calls.parsers import parse_transcript

    try:
        transcript = parse_transcript(text, args.format, filename=path.name)
    except TranscriptError as exc:
        print(f"salesos analyze-call: not a readable transcript: {exc}", file=sys.stderr)
        return 2
    engine = None if args.no_store else open_store(settings)
    from bot.copilot.calls_reply import analysis_reply
    from bot.copilot.reply import to_text
    from tools.calls.analyze import analyze_transcript, library_matcher

    analysis = analyze_transcript(
        transcript,
        engine=engine,
        settings=settings,
        started_at=started_at,
        deal_id=args.deal,
        library=None if args.no_store else library_matcher(settings),
    )
    print(to_text(analysis_reply(analysis)))
    return 0


def _cmd_manifest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.manifest import render_manifest

    print(render_manifest(url=args.url, socket_mode=args.socket_mode), end="")
    return 0


def _cmd_score_lead(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from pydantic import ValidationError

    from tools.leads.form import LeadIn, validation_errors
    from tools.leads.scorer import score_lead
    from tools.leads.tool import format_lead_score

    try:
        raw = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"salesos score-lead: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        print(f"salesos score-lead: {args.file} is not valid JSON ({exc.msg}, line {exc.lineno})", file=sys.stderr)
        return 2
    if not isinstance(data, dict):
        print(f"salesos score-lead: {args.file} must hold one JSON object of lead fields", file=sys.stderr)
        return 2
    try:
        lead = LeadIn.model_validate(data)
    except ValidationError as exc:
        problems = "\n".join(f"  {e['field']}: {e['message']}" for e in validation_errors(exc))
        print(f"salesos score-lead: the lead in {args.file} has invalid fields:\n{problems}", file=sys.stderr)
        return 2
    result = score_lead(lead, engine=open_store(settings), settings=settings)
    print(json.dumps(result.as_dict(), indent=2) if args.json else format_lead_score(result, lead.company))
    return 0


def _cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    """Run one HubSpot sync with a progress bar, then print a summary table."""
    if settings.hubspot_access_token is None:
        print(
            "salesos sync needs HUBSPOT_ACCESS_TOKEN. Create a HubSpot private app (CRM read scopes, plus write "
            "scopes for write-back), then export HUBSPOT_ACCESS_TOKEN=pat-... or put it in .env. "
            "Without it Sales OS runs on the demo workspace.",
            file=sys.stderr,
        )
        return 2
    from rich.console import Console
    from rich.table import Table

    from tools.hubspot import HubSpotError, run_sync

    engine = open_store(settings)
    update, close = _progress_bar()
    try:
        report = run_sync(
            engine,
            settings,
            full=args.full,
            types=args.types,
            progress=lambda kind, done, total: update(kind, done, total if total is not None else done),
        )
    except HubSpotError as exc:
        print(f"Sync stopped: {exc}. Everything up to the last page is saved; run again to resume.", file=sys.stderr)
        return 1
    finally:
        close()
    _assess_deal_health(engine, settings)  # the data just changed: as the scheduled sync does
    table = Table(title=f"HubSpot sync ({'full' if report.full else 'incremental'})")
    for column in ("type", "records", "pages", "archived removed", "seconds"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for name, stats in report.per_type.items():
        table.add_row(name, str(stats.objects), str(stats.pages), str(stats.archived_removed), f"{stats.seconds:.1f}")
    table.add_row("total", str(report.objects), "", "", f"{report.seconds:.1f}", style="bold")
    console = Console()
    console.print(table)
    console.print(
        f"requests {report.requests} (search {report.search_requests}) · retries {report.retries} "
        f"(429s {report.rate_limited}, 5xx {report.server_errors}, network {report.network_errors})"
    )
    from jobs.hubspot_leads import describe_import, import_leads_after_sync

    try:  # new HubSpot contacts take the /intake path (scored once, posted to Slack when configured)
        from bot.slack.posting import lead_notifier

        console.print(
            describe_import(import_leads_after_sync(engine, settings, notify=lead_notifier(engine, settings)))
        )
    except HubSpotError as exc:
        print(f"Lead import stopped: {exc}. The synced records are saved; run again to retry.", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The `salesos` command line."""
    parser = argparse.ArgumentParser(
        prog="salesos",
        description="Sales OS: a Slack copilot for your sales funnel. With no keys it runs on a generated demo "
        "workspace; Slack, HubSpot and OpenAI credentials (see .env.example) switch on the real services.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug output")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("demo", help="generate the demo workspace if missing, then print a short tour")
    p.add_argument(
        "--size",
        choices=("small", "default", "large"),
        default="default",
        help="small ≈ 150 deals, default ≈ 1,500 deals, large = 100k deals / 1M activities",
    )
    p.add_argument("--seed", type=int, default=None, help="random seed (default: DEMO_SEED, 7)")
    p.add_argument("--fresh", action="store_true", help="drop the existing workspace's data and generate anew")
    p.add_argument("--yes", action="store_true", help="allow --fresh to delete a store that is not a generated demo")
    p.add_argument("--no-tour", action="store_true", help="only generate")
    p.add_argument(
        "--as-of",
        default=None,
        metavar="DATE",
        help="generate the workspace as of DATE[THH:MM] team time and answer the tour then (reproducible output)",
    )
    p.set_defaults(func=_cmd_demo)

    p = sub.add_parser("import-csv", help="import a CRM CSV export (sales_pipeline, accounts, products, sales_teams)")
    p.add_argument("folder", help="folder holding the four CSV files")
    p.add_argument("--replace", action="store_true", help="empty the store first (an import needs an empty store)")
    p.add_argument("--yes", action="store_true", help="allow --replace to delete a store that is not a generated demo")
    p.set_defaults(func=_cmd_import_csv)

    as_owner_help = 'who "my"/"your" means: an owner\'s name, email or id (salesos owners lists them)'
    p = sub.add_parser("ask", help='answer one question, e.g. salesos ask "which deals are silent 5+ days?"')
    p.add_argument("question", nargs="*", help="the question, in plain words (none: what I can answer)")
    p.add_argument("--as-owner", default=None, metavar="OWNER", help=as_owner_help)
    p.add_argument("--json", action="store_true", help="print the capability, arguments, confidence and answer as JSON")
    p.set_defaults(func=_cmd_ask)

    p = sub.add_parser(
        "insights",
        help="won/lost intelligence: `won` (personas, pains, objections), `lost` (loss "
        "reasons, deals to revive), `battlecard NAME`",
    )
    p.add_argument("view", choices=tuple(INSIGHT_VIEWS), help="what to show")
    p.add_argument("name", nargs="*", help="the competitor, for battlecard")
    p.set_defaults(func=_cmd_insights)

    p = sub.add_parser("chat", help="talk to the copilot in the terminal (same answers as in Slack)")
    p.add_argument("--as-owner", default=None, metavar="OWNER", help=as_owner_help)
    p.set_defaults(func=_cmd_chat)

    p = sub.add_parser("owners", help="list the CRM owners (id, name, email, team) to use with --as-owner")
    p.set_defaults(func=_cmd_owners)

    p = sub.add_parser("digest", help="print last week's digest for each team and write its chart (PNG)")
    p.add_argument("--team", default=None, help="only this team (Owner.team)")
    p.add_argument(
        "--as-of", default=None, metavar="DATE", help="digest as sent at DATE[THH:MM] team time (default now)"
    )
    p.add_argument("--out-dir", default="var", help="folder for the chart PNG (default: var)")
    p.set_defaults(func=_cmd_digest)

    p = sub.add_parser("jobs", help="list the scheduled jobs and their next run; `jobs run NAME` runs one now")
    p.set_defaults(func=_cmd_jobs, jobs_command="list")
    jobs_sub = p.add_subparsers(dest="jobs_command", metavar="ACTION")
    jobs_sub.add_parser("list", help="list jobs, schedules and next runs (team timezone)")
    run = jobs_sub.add_parser("run", help="run one job now, through the same exactly-once claims")
    run.add_argument("name", help="one of: " + ", ".join(JOB_NAMES))
    run.add_argument("--retry", action="store_true", help="take over this slot's FAILED claim and run it again")
    run.add_argument(
        "--dry-run", action="store_true", help="print what the job would post now; claim, write and send nothing"
    )
    run.add_argument("--as-of", default=None, metavar="DATE", help="run as if at DATE[THH:MM] team time")

    p = sub.add_parser("score-lead", help="score an inbound lead from a JSON file: score, tier, reasons, flags")
    p.add_argument("file", help='JSON object with company, contact_email, budget, timeline, notes, ... ("-" = stdin)')
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=_cmd_score_lead)

    p = sub.add_parser("sync", help="mirror HubSpot into the store (incremental; --full re-reads everything)")
    p.add_argument("--full", action="store_true", help="ignore the stored cursors and re-read every record")
    p.add_argument(
        "--type",
        dest="types",
        action="append",
        metavar="TYPE",
        help="only this object type (companies, contacts, deals, calls, emails, meetings, notes, tasks); repeatable",
    )
    p.set_defaults(func=_cmd_sync)

    p = sub.add_parser("serve", help="run the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP) and the jobs")
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser(
        "analyze-call",
        help="score a call transcript (WebVTT, SRT, JSON turns or 'Name: text' lines): metrics, coaching, outcome",
    )
    p.add_argument("file", nargs="?", help="the transcript file")
    p.add_argument(
        "--call", type=int, default=None, metavar="CALL_ID", help="analyze a call already in the store instead"
    )
    p.add_argument(
        "--format",
        choices=("auto", "vtt", "srt", "json", "speaker_lines", "speaker_headers", "txt"),
        default="auto",
        help="transcript format (default: detected from the content and extension)",
    )
    p.add_argument("--deal", type=int, default=None, metavar="DEAL_ID", help="the deal the call belongs to")
    p.add_argument("--date", default=None, help="when the call took place (ISO date/time; default: today)")
    p.add_argument("--no-store", action="store_true", help="do not look speakers and deals up in the store")
    p.set_defaults(func=_cmd_analyze_call)

    p = sub.add_parser("manifest", help="print the Slack app manifest (paste it into api.slack.com/apps)")
    p.add_argument("--url", default=None, help="public base URL of `salesos serve`, e.g. https://sales.example.com")
    p.add_argument("--socket-mode", action="store_true", help="the Socket Mode variant (no public URL needed)")
    p.set_defaults(func=_cmd_manifest)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the `salesos` command."""
    args = build_parser().parse_args(argv)
    settings = get_settings()
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        for chatty in ("alembic", "apscheduler"):  # migrations and scheduler internals are not news to a user
            logging.getLogger(chatty).setLevel(logging.WARNING)
    if getattr(args, "seed", "absent") is None:
        args.seed = settings.demo_seed
    try:
        code = int(args.func(args, settings) or 0)
        sys.stdout.flush()  # inside the try: a closed pipe shows up here when the output was small
        return code
    except BrokenPipeError:
        # The reader went away (`salesos ask ... | head`): stop quietly, and keep Python's flush at exit from failing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
