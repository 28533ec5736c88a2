"""Daily risk alerts: each AE gets a DM with their new or worsened at-risk deals; the team's managers get a summary.

Three guards, each in the store so they hold across restarts and replicas:
- the job claims `risk_alerts:<team>:<team-local date>` so one replica does a team's day;
- `SentAlert` (unique per deal, kind, day) lets a deal be alerted at most once per day, even if the job is retried;
- `DealRisk` remembers each deal's last assessment, so only new or worsened risk (`tools.health.is_worse`) is alerted.
Nothing is sent in quiet hours (team timezone for the job, each recipient's own timezone for their DM); deals held back
that way are not remembered, so the next run still alerts them.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Engine, select
from sqlmodel import col

from jobs.claims import get_claim, run_claimed
from jobs.posting import Poster, Recipient, Unreachable, recipients_by_owner
from jobs.render import manager_summary_reply, risk_alert_reply
from store.db import dialect_insert, insert_ignoring_conflict, session_scope
from store.models import DealRisk, Owner, SentAlert, stored_id
from tools.digest import team_owner_ids, teams
from tools.formatting import plural
from tools.health import DealHealth, Thresholds, assess_deals, is_worse

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)
JOB = "risk_alerts"
KIND = "risk"


def in_quiet_hours(local: datetime, start_hour: int, end_hour: int) -> bool:
    """Tell whether a local time falls in quiet hours (`start_hour` ≤ h or h < `end_hour` when they wrap midnight)."""
    hour = local.hour
    if start_hour == end_hour:
        return False
    if start_hour > end_hour:
        return hour >= start_hour or hour < end_hour
    return start_hour <= hour < end_hour


def _zone(name: str | None, fallback: ZoneInfo) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name else fallback
    except (ZoneInfoNotFoundError, ValueError):
        return fallback


@dataclass
class TeamAlerts:
    """What one team's run did."""

    team: str | None
    assessed: int = 0
    sent: dict[int, list[int]] = field(default_factory=dict)
    """Owner id → deal ids alerted now."""
    already_sent: list[int] = field(default_factory=list)
    held_back: list[int] = field(default_factory=list)
    """Deals not alerted because their owner has no Slack id or is in quiet hours."""
    managers_notified: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _insert_sent_alert(conn: Any, values: dict[str, Any]) -> bool:
    """Insert a SentAlert unless (deal, kind, day) exists; True when this call inserted it."""
    return insert_ignoring_conflict(
        conn, SentAlert, values, conflict=["deal_id", "kind", "day"], returning=SentAlert.id
    )


def _remember(engine: Engine, assessed: list[DealHealth]) -> None:
    """Upsert each deal's assessment into DealRisk."""
    if not assessed:
        return
    rows = [
        {"deal_id": h.deal_id, "score": h.score, "reasons": h.reason_codes, "assessed_at": h.assessed_at}
        for h in assessed
    ]
    stmt = dialect_insert(engine.dialect.name, DealRisk)
    stmt = stmt.on_conflict_do_update(
        index_elements=["deal_id"],
        set_={"score": stmt.excluded.score, "reasons": stmt.excluded.reasons, "assessed_at": stmt.excluded.assessed_at},
    )
    with engine.begin() as conn:
        for i in range(0, len(rows), 1000):
            conn.execute(stmt, rows[i : i + 1000])


@dataclass
class AlertPlan:
    """Who would be alerted about which deals for one team, before anything is written or sent."""

    assessed: list[DealHealth]
    owners: dict[int, Owner]
    recipients: dict[int, Recipient]
    candidates: dict[int, list[tuple[DealHealth, bool]]]
    """Owner id → (assessment, whether it worsened since the last one) of each new or worsened at-risk deal."""
    held_owners: set[int | None]
    held_back: list[int]


def plan_alerts(engine: Engine, settings: Settings, *, now: datetime, team: str | None) -> AlertPlan:
    """Assess a team's open deals and pick each AE's new or worsened at-risk deals (reads only)."""
    tz = settings.tz
    with session_scope(engine) as session:
        owner_ids = team_owner_ids(session, team)
        assessed = assess_deals(
            session, now=now, thresholds=Thresholds.from_settings(settings), tz=tz, owner_ids=owner_ids
        )
        # the whole table, not an IN list: it holds one row per assessed deal and SQLite caps bound parameters
        previous = {
            deal_id: (score, reasons)
            for deal_id, score, reasons in session.execute(
                select(col(DealRisk.deal_id), col(DealRisk.score), col(DealRisk.reasons))
            )
        }
        owner_stmt = select(Owner)
        if owner_ids is not None:
            owner_stmt = owner_stmt.where(col(Owner.id).in_(owner_ids))
        owners = {stored_id(o.id): o for o in session.execute(owner_stmt).scalars().all()}
        recipients: dict[int, Recipient] = recipients_by_owner(session, list(owners))
    plan = AlertPlan(assessed, owners, recipients, defaultdict(list), set(), [])
    for h in assessed:
        if h.score < settings.risk_alert_score:
            continue
        prev_score, prev_reasons = previous.get(h.deal_id, (None, None))
        if not is_worse(h, prev_score, prev_reasons):
            continue
        owner = owners.get(h.owner_id) if h.owner_id is not None else None
        local = now.astimezone(_zone(owner.timezone if owner else None, tz))
        if owner is None or in_quiet_hours(local, settings.quiet_hours_start, settings.quiet_hours_end):
            plan.held_owners.add(h.owner_id)
            plan.held_back.append(h.deal_id)
            continue
        plan.candidates[owner.id].append((h, prev_score is not None))
    return plan


def alert_team(engine: Engine, settings: Settings, poster: Poster, *, now: datetime, team: str | None) -> TeamAlerts:
    """Assess a team's open deals, DM each AE their new or worsened at-risk deals, and summarise for managers."""
    day: date = now.astimezone(settings.tz).date()
    result = TeamAlerts(team=team)
    plan = plan_alerts(engine, settings, now=now, team=team)
    assessed, owners, recipients, candidates = plan.assessed, plan.owners, plan.recipients, plan.candidates
    held_owners = plan.held_owners
    result.assessed = len(assessed)
    result.held_back = list(plan.held_back)

    for owner_id, alerts in candidates.items():
        owner = owners[owner_id]
        try:
            with engine.begin() as conn:  # rows and DM together: a failed DM rolls its rows back, so a retry resends
                fresh = [
                    (h, worse)
                    for h, worse in alerts
                    if _insert_sent_alert(
                        conn,
                        {
                            "deal_id": h.deal_id,
                            "kind": KIND,
                            "day": day,
                            "recipient": recipients[owner_id].slack_user_id or owner.email,
                            "risk_score": h.score,
                            "reasons": [f"{r.label}: {r.evidence}" for r in h.reasons],
                            "sent_at": now,
                        },
                    )
                ]
                if fresh:
                    poster.dm(recipients[owner_id], risk_alert_reply(owner.name, fresh))
                    result.sent[owner_id] = [h.deal_id for h, _ in fresh]
            fresh_ids = {h.deal_id for h, _ in fresh}
            result.already_sent += [h.deal_id for h, _ in alerts if h.deal_id not in fresh_ids]
        except Unreachable as exc:  # nobody to DM: hold back (rows rolled back), not a failure of the run
            log.warning("risk alerts for owner %s held back: %s", owner_id, exc)
            result.held_back += [h.deal_id for h, _ in alerts]
            held_owners.add(owner_id)
        except Exception as exc:
            log.exception("risk alerts for owner %s failed", owner_id)
            result.errors.append(f"owner {owner_id}: {type(exc).__name__}: {exc}")
            held_owners.add(owner_id)  # not remembered: the retry must still see these deals as new or worse

    _remember(engine, [h for h in assessed if h.owner_id not in held_owners])

    if result.sent:
        by_name = {
            owners[o].name: [h for h, _ in candidates[o] if h.deal_id in set(ids)] for o, ids in result.sent.items()
        }
        summary = manager_summary_reply(team, by_name)
        for manager in owners.values():
            if manager.role != "manager" or not manager.active:
                continue
            local = now.astimezone(_zone(manager.timezone, settings.tz))
            if in_quiet_hours(local, settings.quiet_hours_start, settings.quiet_hours_end):
                continue
            try:
                poster.dm(recipients[stored_id(manager.id)], summary)
                result.managers_notified.append(stored_id(manager.id))
            except Unreachable as exc:
                log.warning("risk summary for manager %s held back: %s", manager.id, exc)
            except Exception as exc:
                log.exception("risk summary for manager %s failed", manager.id)
                result.errors.append(f"manager {manager.id}: {type(exc).__name__}: {exc}")
    return result


def risk_slot(team: str | None, local_day: date) -> str:
    """The claim slot of a team's alerts on a team-local day."""
    return f"risk_alerts:{team or 'all'}:{local_day.isoformat()}"


def preview_risk_alerts(engine: Engine, settings: Settings, poster: Poster, *, now: datetime) -> str:
    """Print to `poster` what a run at `now` would DM; nothing is claimed, recorded or sent (`jobs run --dry-run`)."""
    local = now.astimezone(settings.tz)
    if in_quiet_hours(local, settings.quiet_hours_start, settings.quiet_hours_end):
        return f"{local:%a %H:%M %Z} is in quiet hours: a run now would send nothing"
    with session_scope(engine) as session:
        team_names = teams(session)
        sent_today = set(
            session.execute(
                select(col(SentAlert.deal_id)).where(col(SentAlert.kind) == KIND, col(SentAlert.day) == local.date())
            )
            .scalars()
            .all()
        )
    said = []
    for team in team_names:
        slot = risk_slot(team, local.date())
        if get_claim(engine, JOB, slot) is not None:
            said.append(f"{team or 'all'}: today's alerts already went out (a run now would skip this team)")
            continue
        plan = plan_alerts(engine, settings, now=now, team=team)
        by_name: dict[str, list[DealHealth]] = {}
        for owner_id, alerts in plan.candidates.items():
            fresh = [(h, worse) for h, worse in alerts if h.deal_id not in sent_today]
            if fresh:
                poster.dm(plan.recipients[owner_id], risk_alert_reply(plan.owners[owner_id].name, fresh))
                by_name[plan.owners[owner_id].name] = [h for h, _ in fresh]
        managers = [m for m in plan.owners.values() if m.role == "manager" and m.active] if by_name else []
        for manager in managers:
            poster.dm(plan.recipients[stored_id(manager.id)], manager_summary_reply(team, by_name))
        deals = sum(len(v) for v in by_name.values())
        said.append(
            f"{team or 'all'}: would alert {plural(deals, 'deal')} to {plural(len(by_name), 'AE')} "
            f"and send {plural(len(managers), 'manager summary', 'manager summaries')}"
        )
    return "; ".join(said) or "no team to alert"


def run_risk_alerts(
    engine: Engine, settings: Settings, poster: Poster, *, now: datetime, replica: str, retry: bool = False
) -> list[TeamAlerts]:
    """The scheduled job: outside quiet hours, claim each team's day and alert it."""
    local = now.astimezone(settings.tz)
    if in_quiet_hours(local, settings.quiet_hours_start, settings.quiet_hours_end):
        log.info("risk alerts: %s is in quiet hours, nothing sent", local.isoformat())
        return []
    with session_scope(engine) as session:
        team_names = teams(session)
    results: list[TeamAlerts] = []
    failures: list[str] = []
    for team in team_names:
        slot = risk_slot(team, local.date())

        def work(team: str | None = team) -> TeamAlerts:
            outcome = alert_team(engine, settings, poster, now=now, team=team)
            if outcome.errors:  # mark the claim failed; a deliberate retry resends only what did not go out
                raise RuntimeError("; ".join(outcome.errors))
            return outcome

        try:
            run = run_claimed(
                engine,
                JOB,
                slot,
                replica,
                work,
                describe=lambda r: f"assessed {r.assessed}, alerted {plural(sum(map(len, r.sent.values())), 'deal')}",
                retry=retry,
            )
        except Exception as exc:  # one team's failure must not cost the other teams their alerts
            failures.append(f"{slot}: {exc}")
            continue
        if run.ran:
            results.append(run.result)  # type: ignore[arg-type]
    if failures:
        raise RuntimeError("risk alerts failed for " + "; ".join(failures))
    return results
