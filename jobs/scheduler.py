"""The scheduler: APScheduler 3.11 `BackgroundScheduler` in the team timezone, started inside `salesos serve`.

Jobs (schedules are Settings): HubSpot sync every `hubspot_sync_minutes` (only when HubSpot is configured; each run
then takes new HubSpot contacts in through lead intake, `jobs/hubspot_leads.py`, and re-assesses deal health), the
stored deal health every minute when `deal_health_refresh_minutes` > 0 and at start (`tools/health_snapshot.py`),
pre-call briefs every `precall_check_minutes`, risk alerts daily at `risk_alerts_time`, the weekly digest at
`digest_schedule`, the library refresh at `library_refresh_schedule`, and the monthly reactivation DMs at
`reactivation_schedule`, all in `team_timezone`.

Design decisions:
- **In-memory job store.** Job definitions are rebuilt from Settings at every start, so there is nothing to persist;
  APScheduler 3.x forbids sharing a job store between schedulers ("Job stores must never be shared between
  schedulers"), so a shared SQLAlchemy job store would not make replicas safe anyway. What must survive restarts and be
  shared between replicas is *whether a slot's work happened*: that is the `JobClaim` table (`jobs/claims.py`), keyed
  by domain slots, plus `SentAlert`/`DealRisk` for alerts.
- **Job defaults**: `coalesce=True` (a backlog of missed runs becomes one run), `max_instances=1` (a slow digest never
  overlaps itself in one process), and a `misfire_grace_time` chosen per job (see `JOB_SPECS`): how late a run may
  still start after the process was busy, suspended, or its clock jumped.
- **Restarts.** An in-memory scheduler knows nothing of a run missed while the process was down. At start,
  `build_scheduler` therefore looks back one grace period for each cron job: if a fire time fell in it, the job runs
  once now. Its claim makes this harmless when the run already happened before the restart (or on another replica).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine

from jobs.claims import replica_name, run_claimed
from jobs.hubspot_leads import Notify
from jobs.posting import Poster, TerminalPoster
from jobs.precall_briefs import BriefFor, preview_precall_briefs, run_precall_briefs
from jobs.risk_alerts import preview_risk_alerts, run_risk_alerts
from jobs.weekly_digest import preview_weekly_digest, run_weekly_digest
from store.types import utcnow
from tools.digest import iso_week
from tools.formatting import plural
from tools.health_snapshot import refresh_snapshot

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_time(spec: str) -> tuple[int, int]:
    """`"08:30"` → (8, 30)."""
    try:
        hour, minute = (int(x) for x in spec.strip().split(":"))
    except ValueError as exc:
        raise ValueError(f"time {spec!r}: expected HH:MM, e.g. 08:30") from exc
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ValueError(f"time {spec!r}: hour 0-23 and minute 0-59")
    return hour, minute


def parse_weekly(spec: str) -> tuple[str, int, int]:
    """`"mon 09:00"` → ("mon", 9, 0)."""
    parts = spec.strip().lower().split()
    if len(parts) != 2 or parts[0][:3] not in DAYS:
        raise ValueError(f"weekly schedule {spec!r}: expected '<day> HH:MM', e.g. 'mon 09:00'")
    return (parts[0][:3], *parse_time(parts[1]))


def weekly_trigger(spec: str, tz: Any) -> CronTrigger:
    """A cron trigger firing weekly at a local day and time (wall clock: it follows DST)."""
    day, hour, minute = parse_weekly(spec)
    return CronTrigger(day_of_week=day, hour=hour, minute=minute, timezone=tz)


def monthly_trigger(spec: str, tz: Any) -> CronTrigger:
    """`"1st mon 09:30"`, `"last fri 16:00"`, `"15 08:00"`: a cron trigger firing monthly on that day, local time."""
    day, _, time = spec.strip().lower().rpartition(" ")
    hour, minute = parse_time(time)
    try:  # APScheduler's own day-of-month expressions ("1st mon", "last", "15"): it knows them better than a regex
        return CronTrigger(day=day.strip(), hour=hour, minute=minute, timezone=tz)
    except ValueError as exc:
        raise ValueError(f"monthly schedule {spec!r}: expected '<day of month> HH:MM', e.g. '1st mon 09:30'") from exc


def daily_trigger(spec: str, tz: Any) -> CronTrigger:
    """A cron trigger firing daily at a local time."""
    hour, minute = parse_time(spec)
    return CronTrigger(hour=hour, minute=minute, timezone=tz)


@dataclass(frozen=True)
class JobContext:
    """What every job run gets."""

    engine: Engine
    settings: Settings
    poster: Poster
    replica: str
    brief_for: BriefFor | None = None
    notify_lead: Notify | None = None
    """Announces a lead that arrived through HubSpot (the Slack room's notifier, handed in by app.py)."""


def interval_slot(prefix: str, now: datetime, minutes: int) -> str:
    """The claim slot of the `minutes`-long interval containing `now` (UTC clock, aligned to the hour)."""
    at = now.astimezone(UTC).replace(second=0, microsecond=0)
    return f"{prefix}:{at - timedelta(minutes=at.minute % minutes):%Y-%m-%dT%H:%M}Z"


def sync_slot(now: datetime, minutes: int) -> str:
    """The claim slot of the sync interval containing `now`."""
    return interval_slot("sync", now, minutes)


def _sync(ctx: JobContext, now: datetime, retry: bool) -> str:
    from jobs.hubspot_leads import describe_import, import_leads_after_sync
    from tools.hubspot import run_sync

    def sync_then_leads() -> tuple[Any, str]:
        report = run_sync(ctx.engine, ctx.settings)
        # New HubSpot contacts (form submissions) take the /intake path: scored, de-duplicated, posted once. A failure
        # here must not fail the sync: the leads' watermark did not move, so the next interval picks them up.
        try:
            leads = describe_import(import_leads_after_sync(ctx.engine, ctx.settings, notify=ctx.notify_lead, now=now))
        except Exception as exc:
            log.exception("HubSpot lead import after sync failed")
            leads = f"lead import failed ({type(exc).__name__}: {exc}); retried next sync"
        # The data just changed: store the changed deals' health now (HubSpot's properties read it) and not a minute on.
        try:
            if ctx.settings.deal_health_refresh_minutes > 0:
                refresh_snapshot(ctx.engine, ctx.settings, now=utcnow())
        except Exception:
            log.exception("deal health refresh after sync failed; the deal_health job retries on its interval")
        leads += "; " + _intelligence(ctx, utcnow())
        return report, leads

    # The sync upserts by HubSpot id and keeps its own cursors, so a second replica syncing the same interval would
    # only spend API quota; the claim stops that too.
    run = run_claimed(
        ctx.engine,
        "hubspot_sync",
        sync_slot(now, ctx.settings.hubspot_sync_minutes),
        ctx.replica,
        sync_then_leads,
        describe=lambda r: (
            f"{plural(r[0].objects, 'record')} in {r[0].seconds:.1f} s, {plural(r[0].requests, 'request')}; {r[1]}"
        ),
        retry=retry,
    )
    if not run.ran:
        return "skipped: another run owns this interval"
    assert run.result is not None  # it ran, and `sync_then_leads` always returns its (report, leads) pair
    report, leads = run.result
    return f"synced {plural(report.objects, 'record')} ({plural(report.requests, 'request')}); {leads}"


def _intelligence(ctx: JobContext, now: datetime) -> str:
    """Re-score win probabilities when the data changed and update HubSpot's deal properties; never fails the caller."""
    from tools.intelligence.refresh import refresh_intelligence

    try:
        return refresh_intelligence(ctx.engine, ctx.settings, now=now)
    except Exception as exc:
        log.exception("deal intelligence refresh failed; retried on the next deal_health run")
        return f"deal intelligence failed ({type(exc).__name__}); retried next run"


def _deal_health(ctx: JobContext, now: datetime, retry: bool) -> str:
    def assess() -> tuple[Any, str]:
        return refresh_snapshot(ctx.engine, ctx.settings, now=now), _intelligence(ctx, now)

    # Each run scores the whole book (one scan of the engagement aggregates) and rewrites only the deals whose basis
    # changed, so it runs every interval; the claim keeps two replicas from doing the same minute's work twice.
    run = run_claimed(
        ctx.engine,
        "deal_health",
        interval_slot("health", now, 1),
        ctx.replica,
        assess,
        describe=lambda r: (
            f"{r[0].deals} open deals, {r[0].at_risk} at risk, {r[0].rewritten} rewritten, {r[0].seconds:.2f} s; {r[1]}"
        ),
        retry=retry,
    )
    if not run.ran:
        return "skipped: another replica is assessing this minute"
    assert run.result is not None  # it ran: the refresh report and what the win scores did
    report, intelligence = run.result
    return (
        f"assessed {report.deals} open deals ({report.at_risk} at risk, {report.rewritten} rewritten) in "
        f"{report.seconds:.2f} s; {intelligence}"
    )


def _drafts(ctx: JobContext, now: datetime, retry: bool) -> str:
    from tools.drafts import default_writer, recover_stuck_drafts

    # No claim: each draft's move back to `approved` is a conditional UPDATE, so one replica wins each draft.
    runs = recover_stuck_drafts(ctx.engine, writer=default_writer(ctx.engine, ctx.settings), now=now)
    if not runs:
        return "no draft stuck mid-write"
    done = sum(r.executed for r in runs)
    statuses = ", ".join(r.status for r in runs)
    return f"{len(runs)} stuck draft(s) re-run: {done} executed, {len(runs) - done} not ({statuses})"


def _library(ctx: JobContext, now: datetime, retry: bool) -> str:
    try:
        import store.library  # noqa: F401  (an optional part of the build)
        import tools.library_seed  # noqa: F401
    except ImportError:
        return "the library is not installed in this build"
    slot = f"library:{iso_week(now.astimezone(ctx.settings.tz).date())}"
    run = run_claimed(
        ctx.engine,
        "library_refresh",
        slot,
        ctx.replica,
        lambda: _seed_and_cards(ctx, now),
        retry=retry,
    )
    return f"ran: {run.result}" if run.ran else f"skipped: {slot} already done"


def _seed_and_cards(ctx: JobContext, now: datetime) -> str:
    """Re-seed the objection snippets, then refresh the battle cards, talk tracks and the week's objections."""
    from store.library import open_library_from_settings
    from tools.insights.cards import refresh_cards
    from tools.library_seed import seed_library
    from tools.sensitive import rules_of

    library = open_library_from_settings(ctx.settings)
    rules = rules_of(ctx.settings)
    docs = seed_library(ctx.engine, library, rules=rules)
    cards = refresh_cards(ctx.engine, library, now=now, rules=rules)
    return f"{plural(docs, 'document')}, {plural(cards, 'insight card')}"


def _briefs(ctx: JobContext, now: datetime, retry: bool) -> str:
    sent = run_precall_briefs(
        ctx.engine, ctx.settings, ctx.poster, now=now, replica=ctx.replica, brief_for=ctx.brief_for
    )
    return f"{len(sent)} brief(s) sent" + (f": meetings {', '.join(str(b.meeting_id) for b in sent)}" if sent else "")


def _risk(ctx: JobContext, now: datetime, retry: bool) -> str:
    teams = run_risk_alerts(ctx.engine, ctx.settings, ctx.poster, now=now, replica=ctx.replica, retry=retry)
    if not teams:
        return "nothing to do (quiet hours, or today's alerts were already sent)"
    return "; ".join(
        f"{t.team or 'all'}: assessed {plural(t.assessed, 'deal')}, alerted "
        f"{plural(sum(len(v) for v in t.sent.values()), 'deal')} to {plural(len(t.sent), 'AE')}, "
        f"{plural(len(t.managers_notified), 'manager summary', 'manager summaries')}"
        for t in teams
    )


def _digest(ctx: JobContext, now: datetime, retry: bool) -> str:
    posts = run_weekly_digest(ctx.engine, ctx.settings, ctx.poster, now=now, replica=ctx.replica, retry=retry)
    if not posts:
        return "nothing posted: this week's digest slots are already claimed"
    return "; ".join(f"{p.slot} → {p.channel} {p.ts}" for p in posts)


def _reactivation(ctx: JobContext, now: datetime, retry: bool) -> str:
    from jobs.reactivation import run_reactivation

    runs = run_reactivation(ctx.engine, ctx.settings, ctx.poster, now=now, replica=ctx.replica, retry=retry)
    done = [r for r in runs if r.ran]
    if not done:
        return "nothing sent: this month's reactivation DMs are already claimed (or held back)"
    return f"{len(done)} AE(s) sent their reactivation list: " + ", ".join(
        f"owner {r.owner_id} ({len(r.deals)} deals)" for r in done
    )


@dataclass(frozen=True)
class JobSpec:
    """A scheduled job: its trigger from Settings, how late it may still run, and what it does."""

    name: str
    description: str
    trigger: Callable[[Any], BaseTrigger]
    misfire_grace_seconds: int
    run: Callable[[JobContext, datetime, bool], str]
    enabled: Callable[[Any], bool] = lambda settings: True
    catch_up: bool = False
    """Run once at start if a fire time was missed within the grace period (restart handling)."""
    run_at_start: bool = False
    """Also run once as the scheduler starts (work whose result a restart may have left stale)."""
    preview: Callable[[JobContext, datetime], str] | None = None
    """Print what a run would post, claiming and writing nothing (`salesos jobs run NAME --dry-run`)."""
    needs: str = ""
    """What must be configured when `enabled` is false, in words a user can act on."""
    frequent: bool = False
    """Runs every few minutes: its routine reports are logged at DEBUG."""


JOB_SPECS: dict[str, JobSpec] = {
    spec.name: spec
    for spec in (
        JobSpec(
            "hubspot_sync",
            "incremental HubSpot sync (when HUBSPOT_ACCESS_TOKEN is set)",
            lambda s: IntervalTrigger(minutes=s.hubspot_sync_minutes, timezone=s.tz),
            # A late sync is pointless when the next one is minutes away; coalescing keeps a backlog to one run.
            misfire_grace_seconds=5 * 60,
            run=_sync,
            frequent=True,
            enabled=lambda s: s.hubspot_configured,
            needs="HUBSPOT_ACCESS_TOKEN (a HubSpot private app token: export it or put it in .env)",
        ),
        JobSpec(
            "precall_briefs",
            "DM each owner the brief of meetings starting in 30-60 minutes",
            lambda s: IntervalTrigger(minutes=s.precall_check_minutes, timezone=s.tz),
            # Half the check interval: a later run would overlap the next one, which sees the same meetings anyway.
            misfire_grace_seconds=5 * 60,
            run=_briefs,
            frequent=True,
            preview=lambda ctx, now: preview_precall_briefs(
                ctx.engine, ctx.settings, ctx.poster, now=now, brief_for=ctx.brief_for
            ),
        ),
        JobSpec(
            "deal_health",
            "store every open deal's health, rewriting only deals whose inputs, score or day changed",
            lambda s: IntervalTrigger(minutes=1, timezone=s.tz),
            # A run a minute late is as good as on time: answers are always assessed live.
            misfire_grace_seconds=60,
            run=_deal_health,
            frequent=True,
            enabled=lambda s: s.deal_health_refresh_minutes > 0,
            needs="DEAL_HEALTH_REFRESH_MINUTES above 0",
            run_at_start=True,
        ),
        JobSpec(
            "draft_recovery",
            "re-run approved drafts whose write was cut off by a crash or deploy (executing for 10+ minutes)",
            lambda s: IntervalTrigger(minutes=10, timezone=s.tz),
            misfire_grace_seconds=5 * 60,
            run=_drafts,
            frequent=True,
            run_at_start=True,  # a restart is exactly when a write may have been cut off
        ),
        JobSpec(
            "risk_alerts",
            "DM AEs their new or worsened at-risk deals; managers a summary",
            lambda s: daily_trigger(s.risk_alerts_time, s.tz),
            # Morning alerts are still worth acting on until late morning; quiet hours stop anything in the evening.
            misfire_grace_seconds=3 * 3600,
            run=_risk,
            preview=lambda ctx, now: preview_risk_alerts(ctx.engine, ctx.settings, ctx.poster, now=now),
            catch_up=True,
        ),
        JobSpec(
            "weekly_digest",
            "post last week's digest to the digest channel",
            lambda s: weekly_trigger(s.digest_schedule, s.tz),
            # Until mid-afternoon a late Monday digest is still the Monday digest; after that a person decides
            # (`salesos jobs run weekly_digest`): the slot stays free, so it can still go out exactly once.
            misfire_grace_seconds=6 * 3600,
            run=_digest,
            preview=lambda ctx, now: preview_weekly_digest(
                ctx.engine, ctx.settings, ctx.poster, now=now, chart_dir=Path(tempfile.mkdtemp(prefix="salesos-"))
            ),
            catch_up=True,
        ),
        JobSpec(
            "reactivation",
            "DM each AE their lost deals worth reopening, with a plan and an email draft (monthly)",
            lambda s: monthly_trigger(s.reactivation_schedule, s.tz),
            # Still this month's list for the rest of the week; the claim keeps it to one DM per AE and month.
            misfire_grace_seconds=4 * 24 * 3600,
            run=_reactivation,
            catch_up=True,
        ),
        JobSpec(
            "library_refresh",
            "re-seed the objection library from new calls and notes",
            lambda s: weekly_trigger(s.library_refresh_schedule, s.tz),
            # Nobody waits for it: any time in the day after is fine.
            misfire_grace_seconds=24 * 3600,
            run=_library,
            catch_up=True,
        ),
    )
}


def _safe_run(spec: JobSpec, ctx: JobContext) -> None:
    """The scheduled callable: run the job with the current time; log (never raise into APScheduler's thread)."""
    try:
        report = spec.run(ctx, utcnow(), False)
        # Minute-by-minute checks would bury everything else in the log: their reports are scheduler detail.
        log.log(logging.DEBUG if spec.frequent else logging.INFO, "job %s: %s", spec.name, report)
    except Exception:
        log.exception("job %s failed", spec.name)


def missed_fire_time(trigger: BaseTrigger, now: datetime, grace_seconds: int) -> datetime | None:
    """The fire time in (now - grace, now] that a restarted process missed, if any."""
    first = trigger.get_next_fire_time(None, now - timedelta(seconds=grace_seconds))
    return first if first is not None and first <= now else None


def build_scheduler(
    settings: Settings,
    engine: Engine,
    *,
    poster: Poster | None = None,
    notify_lead: Notify | None = None,
    brief_for: BriefFor | None = None,
    replica: str | None = None,
    now: datetime | None = None,
) -> BackgroundScheduler:
    """Build (not start) the scheduler with every enabled job, plus one-off catch-up runs for missed fire times."""
    ctx = JobContext(
        engine=engine,
        settings=settings,
        poster=poster or TerminalPoster(),
        replica=replica or replica_name(),
        brief_for=brief_for,
        notify_lead=notify_lead,
    )
    scheduler = BackgroundScheduler(
        timezone=settings.tz,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
    )
    now = now or utcnow()
    from jobs.risk_alerts import in_quiet_hours

    hour, minute = parse_time(settings.risk_alerts_time)
    if in_quiet_hours(datetime(2000, 1, 3, hour, minute), settings.quiet_hours_start, settings.quiet_hours_end):
        log.warning(
            "RISK_ALERTS_TIME %s falls in quiet hours (%s:00-%s:00): no risk alert will ever be sent",
            settings.risk_alerts_time,
            settings.quiet_hours_start,
            settings.quiet_hours_end,
        )
    for spec in JOB_SPECS.values():
        if not spec.enabled(settings):
            continue
        trigger = spec.trigger(settings)
        scheduler.add_job(
            _safe_run,
            trigger,
            args=[spec, ctx],
            id=spec.name,
            name=spec.description,
            misfire_grace_time=spec.misfire_grace_seconds,
            replace_existing=True,
        )
        missed = missed_fire_time(trigger, now, spec.misfire_grace_seconds) if spec.catch_up else None
        if missed is not None or spec.run_at_start:
            if missed is not None:
                log.info("job %s: fire time %s was missed while stopped; running once now", spec.name, missed)
            scheduler.add_job(
                _safe_run,
                DateTrigger(run_date=now, timezone=settings.tz),
                args=[spec, ctx],
                id=f"{spec.name}:{'catch-up' if missed is not None else 'at-start'}",
                misfire_grace_time=spec.misfire_grace_seconds,
            )
    return scheduler


def start(scheduler: BackgroundScheduler) -> None:
    """Start the scheduler's background thread (its detail is logged at DEBUG; `describe_schedule` is the summary)."""
    scheduler.start()
    for job in scheduler.get_jobs():
        log.debug("scheduled %s: next run %s", job.id, job.next_run_time)


def describe_schedule(scheduler: BackgroundScheduler, settings: Any) -> str:
    """One line for the `serve` banner: which jobs run when, in the team timezone."""
    jobs = [j for j in scheduler.get_jobs() if ":" not in j.id]  # not the one-off catch-up and at-start runs
    if not jobs:
        return "no jobs scheduled"
    what = ", ".join(f"{j.id} ({_describe_trigger(j.trigger)})" for j in jobs)
    return f"{len(jobs)} jobs scheduled in {settings.team_timezone}: {what}"


def shutdown(scheduler: BackgroundScheduler, *, wait: bool = True) -> None:
    """Stop the scheduler, letting a running job finish when `wait`."""
    if scheduler.running:
        scheduler.shutdown(wait=wait)


@dataclass(frozen=True)
class JobInfo:
    """A job as `salesos jobs` lists it."""

    name: str
    description: str
    schedule: str
    next_run: datetime | None
    enabled: bool
    misfire_grace_seconds: int


def _describe_trigger(trigger: BaseTrigger) -> str:
    if isinstance(trigger, IntervalTrigger):
        return f"every {int(trigger.interval.total_seconds() // 60)} min"
    if isinstance(trigger, CronTrigger):
        fields = {f.name: str(f) for f in trigger.fields}
        day = fields["day_of_week"]
        when = f"{int(fields['hour']):02d}:{int(fields['minute']):02d}"
        if fields["day"] != "*":
            return f"monthly {fields['day']} {when}"
        return f"{'daily' if day == '*' else day} {when}"
    return str(trigger)


def list_jobs(settings: Settings, *, now: datetime | None = None) -> list[JobInfo]:
    """Every job with its schedule and next run in the team timezone (computed from the triggers; nothing runs)."""
    now = now or utcnow()
    out = []
    for spec in JOB_SPECS.values():
        trigger = spec.trigger(settings)
        enabled = spec.enabled(settings)
        next_run = trigger.get_next_fire_time(None, now) if enabled else None
        out.append(
            JobInfo(
                name=spec.name,
                description=spec.description,
                schedule=_describe_trigger(trigger),
                next_run=next_run.astimezone(settings.tz) if next_run else None,
                enabled=enabled,
                misfire_grace_seconds=spec.misfire_grace_seconds,
            )
        )
    return out


def run_job(
    name: str,
    engine: Engine,
    settings: Settings,
    *,
    poster: Poster | None = None,
    notify_lead: Notify | None = None,
    now: datetime | None = None,
    replica: str | None = None,
    retry: bool = False,
    brief_for: BriefFor | None = None,
) -> str:
    """Run one job now (through the same claims as the scheduler) and say what it did."""
    if name not in JOB_SPECS:
        raise KeyError(f"unknown job {name!r}; jobs: {', '.join(JOB_SPECS)}")
    ctx = JobContext(
        engine=engine,
        settings=settings,
        poster=poster or TerminalPoster(),
        replica=replica or replica_name(),
        brief_for=brief_for,
        notify_lead=notify_lead,
    )
    return JOB_SPECS[name].run(ctx, now or utcnow(), retry)


def preview_job(
    name: str, engine: Engine, settings: Settings, *, now: datetime | None = None, brief_for: BriefFor | None = None
) -> str:
    """Print what `name` would post now (to the terminal, never Slack) and say so; nothing is claimed or written."""
    spec = JOB_SPECS[name]
    if spec.preview is None:
        return f"{name} posts nothing to Slack ({spec.description}). Nothing was done (dry run)."
    ctx = JobContext(engine=engine, settings=settings, poster=TerminalPoster(), replica="dry-run", brief_for=brief_for)
    return spec.preview(ctx, now or utcnow()) + ". Nothing was claimed or sent (dry run)."
