"""Tool data → Reply: the one set of answer builders used by the offline router and the LLM agent.

Answers name their records (linked to HubSpot when the portal and record ids are known), carry every number straight
from the tool result, and end with how fresh the data is. Text stays inside Slack's limits (section ≤ 3,000 chars,
header ≤ 150, ≤ 10 context elements, ≤ 50 blocks), so `bot/slack/blocks.py` can render any reply as is.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session

from bot.copilot.reply import Actions, Button, Context, Fields, Header, Reply, Section
from store.library import LibraryAnswer
from store.models import STAGE_LABELS
from tools.briefs import Brief
from tools.calls.summary import CallSummary, NoCall
from tools.capabilities import all_capabilities
from tools.conversations import ConversationResults
from tools.deal_facts import DealFacts
from tools.deal_stats import METRIC_LABELS, SEGMENT_LABELS, ClosedMetrics, DealCount, MetricRow
from tools.deals import CompanyMatch, DealList, LatestOn, PipelineResult, SilentList, deal_rows
from tools.formatting import money, plural
from tools.health import AtRiskResult
from tools.insights.battlecards import BattleCard
from tools.insights.common import QuotedLine, Rate
from tools.insights.loss import REASON_LABELS, LossReasons
from tools.insights.objections import ObjectionMap, WeekObjections
from tools.insights.pains import PainPoints
from tools.insights.personas import Personas
from tools.insights.salvage import ReactivationList, ReactivationPlan
from tools.intelligence.capabilities import CompanyOdds, MakeOrBreak
from tools.intelligence.forecast import DealOdds, Forecast
from tools.intelligence.performance import TeamPerformance
from tools.leads.lookup import LeadScores, ScoredLead
from tools.my_day import MyDay

if TYPE_CHECKING:
    from settings import Settings

SECTION_LIMIT = 2_900
HEADER_LIMIT = 150
LIST_LIMIT = 15
AT_RISK_DETAILED = 10  # at-risk deals shown with their evidence and next best action (one section each)
HUBSPOT_APP = "https://app.hubspot.com/contacts"
log = logging.getLogger(__name__)


RenderFn = Callable[["Renderer", Any], Reply]
_RENDERERS: dict[type, RenderFn] = {}


def renders(*result_types: type[BaseModel]) -> Callable[[Callable[..., Reply]], Callable[..., Reply]]:
    """Register a function `(renderer, result) -> Reply` as the renderer of these result types."""

    def register(fn: Callable[..., Reply]) -> Callable[..., Reply]:
        for result_type in result_types:
            _RENDERERS[result_type] = fn
        return fn

    return register


def renderer_for(result_type: type) -> RenderFn | None:
    """The renderer of a result type (or of its nearest registered base class)."""
    for klass in result_type.__mro__:
        if klass in _RENDERERS:
            return _RENDERERS[klass]
    return None


# --- small formatters ------------------------------------------------------------------------------------------------


def when(at: datetime | None, tz: ZoneInfo) -> str:
    """Format an instant in the team timezone, with its year when that is not the current year."""
    if at is None:
        return "—"
    local = at.astimezone(tz)
    year = "" if local.year == datetime.now(tz).year else f", {local.year}"
    return local.strftime("%b %-d") + year + local.strftime(" %H:%M")


def day(d: date | None) -> str:
    """Format a calendar day."""
    return "—" if d is None else d.strftime("%b %-d, %Y")


def clip(text: str, limit: int = SECTION_LIMIT) -> str:
    """Cut text to a Slack limit, saying that it was cut."""
    return text if len(text) <= limit else text[: limit - 12].rstrip() + "\n…(more)"


def fit_lines(lines: list[str], total: int, what: str, limit: int = SECTION_LIMIT) -> str:
    """Join whole bullet lines up to Slack's section limit, then say how many of `total` records were left out."""
    kept: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > limit - 80:
            break
        kept.append(line)
        size += len(line) + 1
    if total > len(kept):
        kept.append(f"…and {total - len(kept)} more ({what}).")
    return "\n".join(kept)


def _counted_section(title: str, total: int, lines: list[str], order: str) -> Section:
    """`*Title:* total`, then as many of `lines` as fit (`fit_lines`), in one clipped section."""
    return Section(clip(f"*{title}:* {total}" + ("\n" + fit_lines(lines, total, order) if lines else "")))


def hubspot_url(portal_id: str | None, object_type: str, hubspot_id: str | None) -> str | None:
    """Link to a HubSpot record: object_type is "0-3" for deals, "0-2" for companies, "0-1" for contacts."""
    if not portal_id or not hubspot_id:
        return None
    return f"{HUBSPOT_APP}/{portal_id}/record/{object_type}/{hubspot_id}"


def link(label: str, url: str | None) -> str:
    """A mrkdwn link when the URL is known, else bold text."""
    safe = label.replace("|", "/").replace(">", "›").replace("<", "‹")
    return f"<{url}|{safe}>" if url else f"*{safe}*"


class Renderer:
    """Turns tool results into replies for one settings/timezone; knows the data's freshness."""

    def __init__(self, settings: Settings, engine: Engine, now: datetime | None = None) -> None:
        """Bind the renderer to settings (timezone, HubSpot portal), the store (freshness) and the answer's clock."""
        self.settings = settings
        self.tz = ZoneInfo(settings.team_timezone)
        self.portal = settings.hubspot_portal_id
        self.engine = engine
        self.now = now or datetime.now(UTC)
        self.today = self.now.astimezone(self.tz).date()

    # --- freshness ---------------------------------------------------------------------------------------------------

    def freshness(self) -> str:
        """Say where the data came from and how fresh it is: demo, CSV import or HubSpot sync, and its as-of."""
        from store.meta import provenance

        with Session(self.engine) as session:
            try:
                source = provenance(session)
            except ValueError:  # an unreadable stamp: say so rather than guess
                return "Data freshness unknown (its as-of time is unreadable)"
        if source.as_of is None:
            return "Data freshness unknown (no sync, import or generation recorded)"
        local = source.as_of.astimezone(self.tz)
        stamp = local.strftime("%b %-d, %Y %H:%M %Z")
        if source.is_snapshot:
            return f"Data as of {stamp} ({source.label}; answers are as of that day, not today)"
        return f"Data as of {stamp} ({source.label})"

    def finish(self, reply: Reply, notes: list[str] | None = None, source: str = "") -> Reply:
        """Append the context line: assumptions, source tool, freshness (≤ 10 elements)."""
        elements = [*(notes or [])][:7]
        if source:
            elements.append(source)
        elements.append(self.freshness())
        reply.add(Context(elements=elements[:10]))
        return reply

    # --- records -----------------------------------------------------------------------------------------------------

    def deal_link(self, deal: Any) -> str:
        """A deal named with its company, linked to HubSpot when possible."""
        label = (
            deal.name
            if not deal.company_name or deal.company_name in deal.name
            else f"{deal.company_name} — {deal.name}"
        )
        return link(label, hubspot_url(self.portal, "0-3", deal.hubspot_id))

    def company_link(self, company: Any) -> str:
        """A company name, linked to HubSpot when possible."""
        return link(company.name, hubspot_url(self.portal, "0-2", getattr(company, "hubspot_id", None)))

    def deal_line(self, deal: Any, extra: str = "") -> str:
        """One bullet for a deal: name, stage, amount, owner, close date."""
        parts = [self.deal_link(deal), deal.stage_label, money(deal.amount), deal.owner_name or "no owner"]
        if deal.close_date:
            if getattr(deal, "is_closed", False):
                parts.append(f"closed {day(deal.close_date)}")
            elif deal.close_date < self.today:
                parts.append(f"*overdue*: was to close {day(deal.close_date)}")
            else:
                parts.append(f"closes {day(deal.close_date)}")
        win = getattr(deal, "win", None)
        if win is not None:
            parts.append(f"win {win.probability:.0%}" + (" (stage prior)" if win.method == "rules" else ""))
        line = "• " + " · ".join(parts)
        line += f" · {extra}" if extra else ""
        if win is not None and win.factors:
            line += "\n    _why: " + "; ".join(win.factors[:3]) + "_"
        return line

    def interaction_line(self, item: Any) -> str:
        """One bullet for an engagement."""
        status = (item.status or "").replace("_", " ")  # "no_show" is a stored code, "no show" is English
        kind = item.type + (f" ({item.direction})" if item.direction else "") + (f", {status}" if status else "")
        subject = f": {item.subject}" if item.subject else ""
        return f"• {when(item.occurred_at, self.tz)} · {kind}{subject}"

    # --- dispatch ----------------------------------------------------------------------------------------------------

    def render(self, result: BaseModel, notes: list[str] | None = None, source: str = "") -> Reply:
        """Render any capability result with the renderer registered for its type."""
        build = renderer_for(type(result))
        if build is None:
            log.warning("no renderer for %s; showing its data", type(result).__name__)
            reply = Reply(fallback=type(result).__name__).add(Section(clip(result.model_dump_json(indent=1))))
            return self.finish(reply, notes, source)
        return self.finish(build(self, result), notes, source)

    @renders(CompanyMatch)
    def company_match(self, match: CompanyMatch) -> Reply:
        """Render company match."""
        names = [c.name for c in match.candidates][:5]
        if match.status == "ambiguous" and names:
            text = f"“{match.query}” matches several companies. Did you mean " + _or_list(names) + "?"
        elif names:
            text = f"I don't know a company called “{match.query}”. Did you mean " + _or_list(names) + "?"
        else:
            text = f"I don't know a company called “{match.query}”, and nothing close to it is in the CRM."
        reply = Reply(fallback=text).add(Section(text))
        if names:
            reply.add(
                Actions(
                    buttons=[
                        Button(text=n[:75], action_id=f"copilot_did_you_mean_{i}", value=n) for i, n in enumerate(names)
                    ]
                )
            )
        return reply

    @renders(DealList)
    def deal_list(self, result: DealList) -> Reply:
        """Render deal list."""
        scope = _filter_words(result.filters, result.owners)
        title = f"{scope}: {result.total} ({money(result.total_amount)})"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        if not result.deals:
            return reply.add(Section("No deals match."))
        lines = [self.deal_line(d) for d in result.deals[:LIST_LIMIT]]
        return reply.add(Section(fit_lines(lines, result.total, "largest shown first")))

    @renders(SilentList)
    def silent_list(self, result: SilentList) -> Reply:
        """Render silent list."""
        who = f" for {', '.join(result.owners)}" if result.owners else ""
        title = f"Silent {result.days}+ days{who}: {plural(result.total, 'open deal')} ({money(result.total_amount)})"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        if not result.deals:
            return reply.add(Section(f"Every open deal{who} has heard from its buyer in the last {result.days} days."))
        lines = []
        for s in result.deals[:LIST_LIMIT]:
            touch = (
                f"last buyer touch {when(s.last_buyer_touch_at, self.tz)}"
                if s.last_buyer_touch_at
                else "buyer never engaged"
            )
            ours = f"our last outbound {when(s.last_outbound_at, self.tz)}" if s.last_outbound_at else "no outbound yet"
            lines.append(self.deal_line(s.deal, f"*{s.days_silent} days silent* ({touch}; {ours})"))
        return reply.add(Section(fit_lines(lines, result.total, "longest silence shown first")))

    @renders(PipelineResult)
    def pipeline_result(self, result: PipelineResult) -> Reply:
        """Render pipeline result."""
        who = f" for {', '.join(result.owners)}" if result.owners else ""
        title = f"Open pipeline by {result.by}{who}: {plural(result.total_count, 'deal')}, {money(result.total_amount)}"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        if not result.rows:
            return reply.add(Section("No open deals."))
        lines = [f"• *{r.label}*: {plural(r.deals, 'deal')} · {money(r.amount)}" for r in result.rows[:40]]
        return reply.add(Section(clip("\n".join(lines))))

    def _assessed(self, result: Any) -> str:
        """When an at-risk answer's scores were assessed, if it was not for this question."""
        if not result.from_snapshot or result.assessed_at is None:
            return ""
        return f" Scores assessed {result.assessed_at.astimezone(self.tz):%H:%M %Z} (the data has not changed since)."

    @renders(AtRiskResult)
    def at_risk_result(self, result: AtRiskResult) -> Reply:
        """Render at risk result."""
        title = f"At-risk deals: {result.total} of {result.open_deals} open ({money(result.total_amount)})"
        if result.deals and len({r.deal.company_id for r in result.deals}) == 1 and result.total == len(result.deals):
            title += f" at {result.deals[0].deal.company_name}"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        reply.add(
            Context(
                elements=[
                    f"Deal health: risk score 0-100 from published rules; at risk from {result.min_score} up "
                    "(the daily risk alerts' threshold)." + self._assessed(result),
                    *result.rules_off,
                ]
            )
        )
        if not result.deals:
            return reply.add(Section(f"No open deal has a risk score of {result.min_score} or more."))
        shown = result.deals[:AT_RISK_DETAILED]  # one section each: evidence and action need the room
        for r in shown:
            evidence = "\n".join(f"    – {x.label} (+{x.points}): {x.evidence}" for x in r.reasons)
            action = f"\n    _Next best action:_ {r.next_best_action}" if r.next_best_action else ""
            reply.add(Section(clip(self.deal_line(r.deal, f"*risk {r.score}* ({r.level})") + "\n" + evidence + action)))
        if result.total > len(shown):
            reply.add(Section(f"…and {result.total - len(shown)} more (riskiest, then largest, shown first)."))
        return reply

    @renders(LatestOn)
    def latest_on(self, latest: LatestOn) -> Reply:
        """Render latest on."""
        title = f"Latest on {latest.company.name}"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        deals = latest.deals
        if deals:
            total = max(latest.deals_total, len(deals))
            shown = fit_lines([self.deal_line(d) for d in deals], total, "open first, then the latest closed")
            reply.add(Section(clip("*Deals*\n" + shown)))
        else:
            reply.add(Section(f"No deals with {self.company_link(latest.company)} in the CRM."))
        if latest.last_interactions:
            body = "\n".join(self.interaction_line(i) for i in latest.last_interactions[:5])
            reply.add(Section(clip("*Last interactions*\n" + body)))
        nxt = latest.next_meeting
        reply.add(
            Fields(
                pairs=[
                    (
                        "Next meeting",
                        f"{when(nxt.occurred_at, self.tz)} · {nxt.subject or 'meeting'}" if nxt else "none booked",
                    ),
                    ("Open tasks", str(len(latest.open_tasks))),
                ]
            )
        )
        if latest.open_tasks:
            reply.add(Section(clip("\n".join(self.task_line(t) for t in latest.open_tasks[:5]))))
        return reply

    def task_line(self, task: Any) -> str:
        """One bullet for an open task."""
        due = getattr(task, "due_at", None)
        if due is None:
            return f"• {task.subject or 'task'}"
        late = due.astimezone(UTC) < self.now.astimezone(UTC)
        return f"• {task.subject or 'task'} (" + ("*overdue*: was due" if late else "due") + f" {when(due, self.tz)})"

    @renders(Brief)
    def brief(self, b: Brief) -> Reply:
        """Render brief."""
        title = f"Brief: {b.company.name}"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        size = f"{b.employees:,} employees" if b.employees else "size unknown"
        pairs = [("Company", f"{self.company_link(b.company)} · {b.industry or 'industry unknown'} · {size}")]
        if b.region:
            pairs.append(("Region", b.region))
        if b.primary_deal:
            d = b.primary_deal
            pairs += [
                ("Deal", self.deal_link(d)),
                ("Stage · amount", f"{d.stage_label} · {money(d.amount)}"),
                ("Owner · close", f"{d.owner_name or '—'} · {day(d.close_date)}"),
            ]
            if d.win is not None:
                pairs.append(("Win probability", self.win_text(d.win)))
        reply.add(Fields(pairs=pairs))
        if b.health is not None and b.health.reasons:
            lines = [f"*Deal health: risk {b.health.score}* ({b.health.level})"]
            lines += [f"• {r.label}: {r.evidence}\n    → {r.action}" for r in b.health.reasons]
            reply.add(Section(clip("\n".join(lines))))
        if b.stakeholders:
            lines = [
                f"• {s.name}"
                + (f", {s.title}" if s.title else "")
                + (f" — _{s.role.replace('_', ' ')}_" if s.role else "")
                for s in b.stakeholders
            ]
            reply.add(Section(clip("*Stakeholders*\n" + "\n".join(lines))))
        if b.last_interactions:
            reply.add(
                Section(
                    clip("*Last interactions*\n" + "\n".join(self.interaction_line(i) for i in b.last_interactions))
                )
            )
        nxt = b.next_meeting
        plan = [
            f"*Next meeting:* {when(nxt.occurred_at, self.tz)} · {nxt.subject or 'meeting'}"
            if nxt
            else "*Next meeting:* none booked"
        ]
        plan.append(f"*Open tasks:* {len(b.open_tasks)}" + "".join("\n" + self.task_line(t) for t in b.open_tasks))
        reply.add(Section(clip("\n".join(plan))))
        if b.social_proof:
            lines = [
                f"• {self.company_link(c.company)} — {money(c.amount)}"
                + (f" {c.product}" if c.product else "")
                + (f" (won {c.closed_at.astimezone(self.tz):%b %Y})" if c.closed_at else "")
                + f": {', '.join(c.why)}"
                for c in b.social_proof
            ]
            reply.add(Section(clip("*Social proof — similar customers who bought*\n" + "\n".join(lines))))
        if b.themes:
            lines = [
                f"• *{t.category.replace('_', ' ')}* on {t.calls} of {plural(b.similar_calls_read, 'call')}"
                + (f' — e.g. "{_short(t.example)}" ({t.example_company})' if t.example else "")
                for t in b.themes
            ]
            reply.add(Section(clip("*Pains and objections on similar deals*\n" + "\n".join(lines))))
        reply.add(Section(clip("*Discovery questions*\n" + "\n".join(f"• {q}" for q in b.discovery_questions))))
        return reply

    def win_text(self, win: Any) -> str:
        """A deal's win probability with how it was made and its top reasons."""
        how = "learned from the team's closed deals" if win.method == "model" else "stage prior: too little history"
        why = "".join(f"\n• {f}" for f in win.factors[:3])
        return f"*{win.probability:.0%}* ({how}){why}"

    def odds_line(self, o: DealOdds) -> str:
        """One deal with its odds and reasons."""
        how = "" if o.method == "model" else " (stage prior)"
        lines = [self.deal_line(o.deal.model_copy(update={"win": None}), f"*win {o.probability:.0%}*{how}")]
        lines += [f"    – {f}" for f in o.factors[:3]]
        if o.sentiment:
            lines.append(f"    – {o.sentiment}")
        return "\n".join(lines)

    @renders(CompanyOdds)
    def company_odds(self, r: CompanyOdds) -> Reply:
        """Render the odds on an account's deals."""
        title = f"Odds on {r.company.name}"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        if not r.deals:
            return reply.add(Section(f"{self.company_link(r.company)} has no open deals to score."))
        reply.add(Section(clip("\n".join(self.odds_line(o) for o in r.deals[:LIST_LIMIT]))))
        method = {o.method for o in r.deals}
        note = (
            "Win probability learned from the team's own closed deals (features as they were at the time); "
            "factors are what moved this deal's odds most against the average deal."
            if method == {"model"}
            else "Too few closed deals to learn from: probabilities are HubSpot's default stage probabilities."
        )
        if r.assessed_at is not None:
            note += f" Scored {when(r.assessed_at, self.tz)}."
        return reply.add(Context([note]))

    def forecast_lines(self, f: Forecast) -> list[str]:
        """The forecast's total, teams and owners as lines."""
        t = f.total

        def line(x: Any) -> str:
            return (
                f"• *{x.label}*: expected {money(x.expected_amount)} (90%: {money(x.low)}–{money(x.high)}) · "
                f"won {money(x.won_amount)} · {x.open_deals} open deals worth {money(x.pipeline_amount)}"
            )

        out = [
            f"*Expected {f.period} bookings ({day(f.start)} – {day(f.end)}): {money(t.expected_amount)}* "
            f"(90% interval {money(t.low)}–{money(t.high)}); already won {money(t.won_amount)} "
            f"on {len(t.won_deal_ids)} deals; {t.open_deals} open deals worth {money(t.pipeline_amount)} "
            f"expected to close by {day(f.end)}, ≈{t.expected_deals - len(t.won_deal_ids):.1f} of them won."
        ]
        if len(f.by_team) > 1:
            out += ["*By team*", *(line(x) for x in f.by_team)]
        out += ["*By owner*", *(line(x) for x in f.by_owner[:LIST_LIMIT])]
        return out

    @renders(Forecast)
    def forecast(self, f: Forecast) -> Reply:
        """Render the forecast."""
        title = f"Forecast: this {f.period}"
        reply = Reply(fallback=title).add(Header(title))
        reply.add(Section(fit_lines(self.forecast_lines(f), len(f.by_owner), "owners")))
        if f.make_or_break:
            body = "*Make or break*\n" + "\n".join(self.odds_line(o) for o in f.make_or_break)
            reply.add(Section(clip(body)))
        how = "win probabilities learned from closed deals" if f.method == "model" else "stage priors"
        return reply.add(
            Context(
                [
                    f"Expected = won + Σ probability × amount of open deals with a close date by {day(f.end)} "
                    f"(overdue ones included); interval assumes deals close independently; {how}. "
                    "HubSpot forecast categories are not synced, so they are not shown."
                ]
            )
        )

    @renders(MakeOrBreak)
    def make_or_break(self, m: MakeOrBreak) -> Reply:
        """Render the make-or-break deals."""
        f = m.forecast
        title = f"Deals that make or break the {f.period}"
        reply = Reply(fallback=title).add(Header(title))
        if not f.make_or_break:
            return reply.add(Section(f"No open deals are expected to close by {day(f.end)}."))
        reply.add(Section(clip("\n".join(self.odds_line(o) for o in f.make_or_break))))
        reply.add(
            Context(
                [
                    f"Ranked by amount × √(p(1−p)): how much each outcome swings the {f.period}'s expected "
                    f"{money(f.total.expected_amount)} (90% {money(f.total.low)}–{money(f.total.high)})."
                ]
            )
        )
        return reply

    @renders(TeamPerformance)
    def performance(self, t: TeamPerformance) -> Reply:
        """Render AE performance against the team."""
        title = "AE performance, quarter to date" if len(t.people) != 1 else f"{t.people[0].name}, quarter to date"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        team = (
            f"Team ({day(t.start)} – {day(t.end)}): win rate {_pct(t.team_win_rate)}, median cycle "
            f"{_num(t.team_cycle_days)} days, average won deal {money(t.team_avg_won_amount)}."
        )
        reply.add(Section(team))
        for p in t.people[:LIST_LIMIT]:
            closed = p.won + p.lost
            if closed == 0:
                rate = "no deals closed yet this quarter"
            elif p.comparable:
                rate = (
                    f"win rate {_pct(p.win_rate)} on {closed} closed (90% {_pct(p.win_rate_low)}–"
                    f"{_pct(p.win_rate_high)}) vs team {_pct(t.team_win_rate)}"
                )
            else:
                rate = f"{p.won} won of {closed} closed — too few to compare with the team"
            lines = [
                f"*{p.name}*: {rate}",
                f"• cycle {_num(p.cycle_days)} days · average won {money(p.avg_won_amount)} · won "
                f"{money(p.won_amount)}",
                f"• open pipeline closing this quarter {money(p.open_pipeline)}"
                + (f" = {p.coverage:.1f}× average quarterly bookings" if p.coverage is not None else ""),
                f"• activity: {p.emails_sent} emails, {p.calls_made} calls, {p.meetings_held} meetings held",
            ]
            if p.talk_ratio is not None:
                lines.append(
                    f"• calls ({p.recorded_calls} recorded): talk ratio {_pct(p.talk_ratio)} (winners "
                    f"{_pct(t.winners.get('talk_ratio'))}), questions {_num(p.questions_per_call)} (winners "
                    f"{_num(t.winners.get('questions'))}), longest monologue {_num(p.longest_monologue_s)} s "
                    f"(winners {_num(t.winners.get('monologue'))} s), dated next step "
                    f"{_pct(p.dated_next_step_share)} (winners {_pct(t.winners.get('dated_next_step'))})"
                )
            for c in p.coaching:
                quote = f' — "{_short(c.evidence.quote)}"' if c.evidence.quote else ""
                lines.append(f"• _coach_: {c.text}{quote}")
            reply.add(Section(clip("\n".join(lines))))
        return reply

    @renders(CallSummary)
    def call_summary(self, s: CallSummary) -> Reply:
        """Render call summary."""
        title = f"Latest call with {s.company.name}: {when(s.started_at, self.tz)}"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        if s.sensitive:
            reply.add(Section(f":lock: *Sensitive ({s.sensitive}): only you see this.* Do not share it."))
        pairs = [
            ("Deal", link(s.deal_name, hubspot_url(self.portal, "0-3", s.deal_hubspot_id)) if s.deal_name else "—")
        ]
        pairs.append(("Rep", s.owner_name or "—"))
        pairs.append(("Length", f"{s.duration_minutes} min" if s.duration_minutes else "—"))
        pairs.append(("Speakers", ", ".join(s.speakers) or "—"))
        reply.add(Fields(pairs=pairs))
        if s.pains:
            reply.add(Section(clip("*Pains*\n" + "\n".join(f'• [{q.at}] {q.speaker}: "{q.text}"' for q in s.pains))))
        if s.objections:
            lines = []
            for o in s.objections:
                lines.append(f'• *{o.category.replace("_", " ")}* [{o.quote.at}] {o.quote.speaker}: "{o.quote.text}"')
                if o.response:
                    lines.append(f'   ↳ answer: "{_short(o.response, 300)}"')
            reply.add(Section(clip("*Objections*\n" + "\n".join(lines))))
        if s.competitors:
            reply.add(Section("*Competitors mentioned:* " + ", ".join(s.competitors)))
        if s.next_steps:
            reply.add(
                Section(clip("*Next steps*\n" + "\n".join(f'• [{q.at}] {q.speaker}: "{q.text}"' for q in s.next_steps)))
            )
        if not (s.pains or s.objections or s.next_steps):
            reply.add(Section(f"Nothing flagged in {s.line_count} transcript lines."))
        reply.add(
            Context(elements=[f"Extractive summary: quoted from {s.line_count} transcript lines, nothing generated."])
        )
        return reply

    @renders(NoCall)
    def no_call(self, result: NoCall) -> Reply:
        """Render no call."""
        return Reply(fallback=result.message).add(Section(result.message))

    @renders(LibraryAnswer)
    def library_answer(self, result: LibraryAnswer) -> Reply:
        """Render library answer."""
        title = f"How we answered: “{_short(result.query, 100)}”"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        if not result.hits:
            return reply.add(Section("The library is empty: it fills from calls and notes of won deals."))
        lines = []
        with Session(self.engine) as session:
            deals = deal_rows(session, sorted({h.deal_id for h in result.hits if h.deal_id is not None}))
        for h in result.hits:
            label = "talk track" if h.kind == "talk_track" else h.category.replace("_", " ")
            won = deals.get(h.deal_id) if h.deal_id is not None else None
            source = f"won deal {self.deal_link(won)}" if won else "a won deal"
            lines.append(f"• *{label}* ({h.persona}, {source}, similarity {h.similarity:.2f})")
            if h.kind == "note":
                lines.append(f'   note on the deal: "{_short(h.text, 500)}"')
                continue
            if h.kind != "talk_track":
                lines.append(f'   buyer: "{_short(h.text, 300)}"')
            lines.append(f'   rep: "{_short(h.response, 500)}"')
        return reply.add(Section(clip("\n".join(lines))))

    @renders(LeadScores)
    def lead_scores(self, result: LeadScores) -> Reply:
        """Render lead scores."""
        if result.status == "unknown":
            text = f"I don't find an inbound lead from “{result.query}”."
            if result.candidates:
                text += " Did you mean " + _or_list(result.candidates) + "?"
            return Reply(fallback=text).add(Section(text))
        title = f"Lead score: {result.leads[0].company}" if result.status == "found" else "Newest inbound leads"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        if not result.leads:
            return reply.add(Section("No inbound leads yet."))
        lines = []
        for lead in result.leads:
            head = f"• *{lead.company}*" + (f" ({lead.contact})" if lead.contact else "")
            head += f", submitted {when(lead.submitted_at, self.tz)}"
            if lead.problem:
                lines.append(f"{head}: {lead.problem}")
                continue
            how = "scored at intake" if lead.method == "stored" else f"scored now, {lead.method}"
            lines.append(f"{head}: *{lead.score:.0f}/100, tier {lead.tier}* ({how})")
            lines += [f"   – {r}" for r in lead.reasons[:4]]
            lines += [f"   ⚠ {f}" for f in lead.flags[:3]]
        return reply.add(Section(clip("\n".join(lines))))

    @renders(ScoredLead)
    def scored_lead(self, result: ScoredLead) -> Reply:
        """A lead described in the conversation, scored now."""
        title = f"Lead score: {result.company}: {result.score}/100, tier {result.tier}"
        lines = [f"• {r}" for r in result.reasons] + [f"⚠ {f}" for f in result.flags]
        if not result.flags:
            lines.append("No disqualification flags.")
        if result.model_note:
            lines.append(f"_{result.model_note}_")
        return Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)), Section(clip("\n".join(lines))))

    @renders(DealCount)
    def deal_count(self, result: DealCount) -> Reply:
        """Render a count of deals, naming the largest ones."""
        scope = _filter_words(result.filters, result.owners)
        title = f"{scope}: {result.total} ({money(result.total_amount)})"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        if result.largest:
            lines = [self.deal_line(d) for d in result.largest]
            reply.add(Section(fit_lines(lines, result.total, "largest shown first")))
        return reply

    @renders(ClosedMetrics)
    def closed_metrics(self, result: ClosedMetrics) -> Reply:
        """Render closed-deal metrics: the headline figure, every figure, the slices and the deals behind them."""
        scope = []
        if result.closed_from or result.closed_to:
            scope.append("closed " + _span(_iso(result.closed_from), _iso(result.closed_to)))
        if result.owners:
            scope.append("for " + ", ".join(result.owners))
        if result.segment:
            scope.append(f"in {SEGMENT_LABELS.get(result.segment, result.segment)}")
        where = (" " + " ".join(scope)) if scope else " (all time)"
        t = result.total
        headline = _metric_value(result.metric, t)
        title = f"{METRIC_LABELS[result.metric]}{where}: {headline}"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        reply.add(Section(_metric_line(t, "All")))
        if result.rows:
            lines = [_metric_line(r, r.label) for r in result.rows[:30]]
            reply.add(Section(clip(f"*By {result.by}*\n" + "\n".join(lines))))
        if result.deals:
            lines = [
                f"• {d.name}"
                + (f" ({d.company})" if d.company and d.company not in d.name else "")
                + f" · {'won' if d.is_won else 'lost'} {day(d.closed_on)} · {money(d.amount)} · {d.owner or 'no owner'}"
                for d in result.deals
            ]
            reply.add(Section(clip("*Deals behind the figures* (largest won first)\n" + "\n".join(lines))))
        reply.add(
            Context(
                elements=[
                    "Won amount and average deal size count won deals; win rate = won ÷ (won + lost); "
                    "cycle = days from creation to won. Closed date in the team's timezone."
                ]
            )
        )
        return reply

    @renders(DealFacts)
    def deal_facts(self, result: DealFacts) -> Reply:
        """Render who owns an account's deals, their stakeholders and champion."""
        what = {"owner": "Owner", "champion": "Champion", "stakeholders": "Stakeholders"}.get(result.fact, "Deal facts")
        title = f"{what} — {result.company.name}"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        if not result.deals:
            return reply.add(Section(f"No deals with {self.company_link(result.company)} in the CRM."))
        for f in result.deals:
            team = f" ({f.owner_team})" if f.owner_team else ""
            lines = [self.deal_line(f.deal), f"    Owner: *{f.deal.owner_name or 'no owner'}*{team}"]
            if result.fact in ("champion", "all"):
                champ = f.champion
                lines.append(
                    f"    Champion: *{champ.name}*" + (f", {champ.title}" if champ.title else "")
                    if champ
                    else "    Champion: none recorded in the CRM"
                )
            if result.fact in ("stakeholders", "all"):
                people = [
                    f"{s.name}"
                    + (f", {s.title}" if s.title else "")
                    + (f" — _{s.role.replace('_', ' ')}_" if s.role else "")
                    for s in f.stakeholders
                ]
                lines.append("    Stakeholders: " + ("; ".join(people) if people else "none recorded in the CRM"))
            reply.add(Section(clip("\n".join(lines))))
        if result.total_deals > len(result.deals):
            reply.add(Section(f"…and {result.total_deals - len(result.deals)} more deals (open first)."))
        return reply

    @renders(MyDay)
    def my_day(self, result: MyDay) -> Reply:
        """Render an owner's day."""
        who = ", ".join(result.owners)
        title = f"{who}'s day — {day(date.fromisoformat(result.day))}"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        if result.meetings:
            lines = []
            for m in result.meetings:
                line = f"• {when(m.meeting.occurred_at, self.tz)} · {m.meeting.subject or 'meeting'}"
                if m.deal:
                    line += f"\n    {self.deal_line(m.deal)[2:]}"
                if m.risk:
                    line += f"\n    risk {m.risk.score}: {m.risk.reasons[0].label if m.risk.reasons else ''}"
                lines.append(line)
            reply.add(Section(clip("*Meetings today*\n" + "\n".join(lines))))
        else:
            reply.add(Section("*Meetings today:* none"))
        tasks = [self.task_line(t) for t in result.tasks_due]
        reply.add(_counted_section("Tasks due or overdue", result.tasks_total, tasks, "oldest due first"))
        risk = [self.deal_line(r.deal, f"risk {r.score}: {r.next_best_action or ''}") for r in result.at_risk]
        reply.add(_counted_section("At risk", result.at_risk_total, risk, "riskiest first"))
        quiet = [self.deal_line(s.deal, f"{s.days_silent} days silent") for s in result.silent]
        reply.add(
            _counted_section(f"Silent {result.silent_days}+ days", result.silent_total, quiet, "longest silence first")
        )
        return reply

    @renders(ConversationResults)
    def conversation_results(self, result: ConversationResults) -> Reply:
        """Render quotes found in conversations, each dated and attributed, or say none were found."""
        at = f" at {result.company}" if result.company else ""
        title = f"What was said about “{_short(result.query, 80)}”{at}"
        reply = Reply(fallback=title).add(Header(clip(title, HEADER_LIMIT)))
        if not result.hits:
            kinds = ", ".join(result.kinds)
            return reply.add(
                Section(
                    f"I found nothing close to “{_short(result.query, 80)}” in {result.searched} passages "
                    f"({kinds}){at}. Nothing is quoted rather than something unrelated."
                )
            )
        lines = []
        for h in result.hits:
            who = h.speaker or "unknown speaker"
            src = h.kind + (f" “{_short(h.subject, 60)}”" if h.subject else "")
            # only the source's owner gets a sensitive quote, in their DM: say so, so it is not passed on
            mark = f":lock: *Sensitive ({h.sensitive}): only you see this.* " if h.sensitive else ""
            lines.append(
                f"• {mark}{when(h.occurred_at, self.tz)} · {src} · {h.company or ''} · {who}:\n"
                f"    > {_short(h.quote, 400)}"
            )
        return reply.add(Section(clip("\n".join(lines))))


def _short(text: str | None, limit: int = 160) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _metric_value(metric: str, row: MetricRow) -> str:
    if metric == "won_amount":
        return money(row.won_amount)
    if metric == "won_count":
        return f"{row.won} won"
    if metric == "lost_count":
        return f"{row.lost} lost"
    if metric == "closed_count":
        return f"{row.won + row.lost} closed ({row.won} won, {row.lost} lost)"
    if metric == "win_rate":
        return f"{row.win_rate:.0%}" if row.win_rate is not None else "no closed deals"
    if metric == "avg_deal_size":
        return money(row.avg_deal_size) if row.avg_deal_size is not None else "no won deals"
    return f"{row.avg_cycle_days:.0f} days" if row.avg_cycle_days is not None else "no won deals"


def _metric_line(row: MetricRow, label: str) -> str:
    rate = f"{row.win_rate:.0%}" if row.win_rate is not None else "—"
    size = money(row.avg_deal_size) if row.avg_deal_size is not None else "—"
    cycle = f"{row.avg_cycle_days:.0f} d" if row.avg_cycle_days is not None else "—"
    return (
        f"• *{label}*: won {row.won} ({money(row.won_amount)}) · lost {row.lost} · win rate {rate} · "
        f"avg deal {size} · cycle {cycle}"
    )


def _filter_words(f: dict[str, Any], owners: list[str]) -> str:
    """Say which deals a filter selects ("Open deals closing Jan 1 – Mar 31 in contractsent for Dana")."""
    what = []
    if f.get("closing_from") or f.get("closing_to"):
        what.append(f"closing {_span(f.get('closing_from'), f.get('closing_to'))}")
    if f.get("min_amount") is not None and f.get("max_amount") is not None:
        what.append(f"worth {money(f['min_amount'])}–{money(f['max_amount'])}")
    elif f.get("min_amount") is not None:
        what.append(f"worth {money(f['min_amount'])}+")
    elif f.get("max_amount") is not None:
        what.append(f"worth up to {money(f['max_amount'])}")
    if f.get("stages"):
        what.append("in " + ", ".join(STAGE_LABELS.get(s, s) for s in f["stages"]))
    if f.get("in_stage_since"):
        what.append(f"in that stage since {day(datetime.fromisoformat(f['in_stage_since']).date())} or earlier")
    if owners:
        what.append("for " + ", ".join(owners))
    return ("Open deals" if f.get("open_only", True) else "Deals") + (" " + " ".join(what) if what else "")


def _or_list(names: list[str]) -> str:
    quoted = [f"*{n}*" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _span(start: str | None, end: str | None) -> str:
    s = date.fromisoformat(start) if start else None
    e = date.fromisoformat(end) if end else None
    if s and e:
        return f"{day(s)} – {day(e)}"
    return f"from {day(s)}" if s else f"by {day(e)}"


def help_reply(problem: str | None = None) -> Reply:
    """What the copilot can answer, with examples (also the answer when it is unsure)."""
    lead = problem or "I can answer questions about your deals, accounts and calls."
    text = lead + "\nTry:\n" + "\n".join(f"• {q}" for q in suggested_prompts())
    return Reply(fallback=lead).add(Section(text))


def suggested_prompts(limit: int = 12) -> list[str]:
    """Example questions, the first of each capability's examples first (help, Slack's suggested prompts)."""
    caps = all_capabilities()
    firsts = [c.examples[0].question for c in caps if c.examples]
    rest = [e.question for c in caps for e in c.examples[1:]]
    return list(dict.fromkeys(firsts + rest))[:limit]


def error_reply(message: str) -> Reply:
    """A clear answer for a question that could not be served as asked."""
    return Reply(fallback=message).add(Section(message))


# --- closed-won / closed-lost insights (tools/insights) --------------------------------------------------------------


def safe(text: str | None) -> str:
    """Text from outside (transcripts, notes, CRM fields) made inert for Slack mrkdwn: no links, mentions or markup."""
    out = (text or "").replace("<", "‹").replace(">", "›")
    return out.replace("*", "∗").replace("`", "'")


def pct(r: Rate | None) -> str:
    """A win rate with the deals behind it: "32% (12 of 37 deals)"."""
    if r is None or not r.total:
        return "no deals"
    return f"{100 * r.won / r.total:.0f}% ({r.won} of {r.total} deals)"


def said(q: QuotedLine | None, tz: ZoneInfo, limit: int = 240) -> str:
    """A quote naming its speaker, deal and date."""
    if q is None:
        return "—"
    where = f"{safe(q.deal)} (deal #{q.deal_id}), {day(q.at.astimezone(tz).date())}"
    return f"“{_short(safe(q.text), limit)}” — {safe(q.speaker)}, {where}"


@renders(Personas)
def personas_reply(r: Renderer, result: Personas) -> Reply:
    """Who buys from us."""
    title = "Who buys from us"
    reply = Reply(fallback=title).add(Header(title))
    if not result.personas:
        return reply.add(Section("No closed deals with a known buying group yet: personas need won deals."))
    reply.add(Context([f"{result.won_total} won of {result.closed_total} closed deals · personas by {result.method}"]))
    for p in result.personas[:6]:
        lines = [
            f"*{p.name}* — in {p.won_deals} won deals ({100 * p.share_of_won:.0f}% of wins) · win rate with them "
            f"{pct(p.with_persona)}, without {pct(p.without_persona)}",
        ]
        if p.titles:
            lines.append("Titles: " + ", ".join(f"{safe(t.category)} ({t.count})" for t in p.titles))
        if p.objections:
            lines.append(
                "Usually raises: " + ", ".join(f"{o.category.replace('_', ' ')} ({o.count})" for o in p.objections)
            )
        lines += [f"Cares about: {said(q, r.tz)}" for q in p.cares_about[:2]]
        if p.talk_track:
            lines.append(f"Talk track before a win: {said(p.talk_track, r.tz)}")
        reply.add(Section(clip("\n".join(lines))))
    if result.clusters:
        reply.add(
            Context(
                [
                    "Clusters in the data: "
                    + "; ".join(f"{c.name} ({c.members} people, {c.won_deals} won deals)" for c in result.clusters)
                ][:1]
            )
        )
    return reply


@renders(ObjectionMap)
def objection_map_reply(r: Renderer, result: ObjectionMap) -> Reply:
    """The objection map."""
    title = "Objection map"
    reply = Reply(fallback=title).add(Header(title))
    if not result.categories:
        return reply.add(Section("No objections recorded on calls of closed deals yet."))
    reply.add(
        Context(
            [
                f"{result.calls} recorded calls on {result.closed_deals_with_calls} closed deals",
                f"win rate of those deals {pct(result.baseline)}",
            ]
        )
    )
    for c in result.categories[:6]:
        lines = [
            f"*{c.category.replace('_', ' ')}* — raised {c.raised}× · win rate when raised {pct(c.when_raised)} · "
            f"answered {pct(c.answered)} · deflected {pct(c.deflected)}"
        ]
        for q, a in list(zip(c.objections, c.best_responses, strict=False))[:1]:
            lines.append(f"   buyer: {said(q, r.tz, 160)}")
            lines.append(f"   best answer: {said(a, r.tz, 240)}")
        reply.add(Section(clip("\n".join(lines))))
    top = [c for c in result.cells if c.deals.total >= 3][:5]
    if top:
        reply.add(
            Section(
                "*Where they come up* (category × persona × stage)\n"
                + "\n".join(
                    f"• {c.category.replace('_', ' ')} × {c.persona} × {STAGE_LABELS.get(c.stage, c.stage)}: "
                    f"raised {c.raised}×, {pct(c.deals)}"
                    for c in top
                )
            )
        )
    return reply


@renders(WeekObjections)
def week_objections_reply(r: Renderer, result: WeekObjections) -> Reply:
    """Objections of the week."""
    title = f"Objections raised in the last {result.days} days"
    reply = Reply(fallback=title).add(Header(title))
    if not result.categories:
        return reply.add(Section(f"No objections on the {result.calls} calls recorded in that window."))
    lines = []
    for c in result.categories:
        flag = " · 🆕 new (not heard in the 8 weeks before)" if c.new else ""
        lines.append(f"• *{c.category.replace('_', ' ')}*: {c.raised}× on {c.deals} deals{flag}")
        lines += [f"   {said(q, r.tz, 200)}" for q in c.examples[:1]]
    reply.add(Section(clip("\n".join(lines))))
    return reply.add(Context([f"{result.calls} recorded calls, {day(result.start.date())} – {day(result.end.date())}"]))


@renders(BattleCard)
def battle_card_reply(r: Renderer, card: BattleCard) -> Reply:
    """A battle card."""
    if card.status == "unknown":
        known = ", ".join(card.known) or "none yet"
        text = (
            f"No deal of ours names a competitor called “{safe(card.competitor)}”. Competitors our deals name: {known}."
        )
        return Reply(fallback=text).add(Section(text))
    if card.status == "no_deals":
        text = f"{safe(card.competitor)} is named, but on no closed deal yet: no battle card to build."
        return Reply(fallback=text).add(Section(text))
    title = f"Battle card: {card.competitor}"
    reply = Reply(fallback=title).add(Header(title))
    reply.add(
        Fields(
            [
                ("Win rate against them", pct(card.rate)),
                ("Our overall win rate", pct(card.overall)),
                ("Lost to them", f"{card.lost_to_them} deals"),
            ]
        )
    )
    seg = [f"• we win in {s.kind} {safe(s.name)}: {pct(s.rate)}" for s in card.wins_in]
    seg += [f"• we lose in {s.kind} {safe(s.name)}: {pct(s.rate)}" for s in card.loses_in]
    if seg:
        reply.add(Section("*Where we win and lose*\n" + "\n".join(seg)))
    if card.their_claims:
        reply.add(
            Section(clip("*What buyers quote them as*\n" + "\n".join(f"• {said(q, r.tz)}" for q in card.their_claims)))
        )
    if card.our_responses:
        reply.add(
            Section(clip("*Our answers on won deals*\n" + "\n".join(f"• {said(q, r.tz)}" for q in card.our_responses)))
        )
    else:
        reply.add(Section("*Our answers on won deals*\nNone recorded on a call yet."))
    if card.landmines:
        reply.add(
            Section(
                "*Landmines to set* (why we won against them)\n"
                + "\n".join(f"• {safe(m.reason)} — {m.deals} won deals" for m in card.landmines)
            )
        )
    assert card.rate is not None
    return reply.add(Context([f"Rests on {card.rate.total} closed deals where {card.competitor} was named"]))


@renders(LossReasons)
def loss_reasons_reply(r: Renderer, result: LossReasons) -> Reply:
    """Why we lose deals."""
    title = "Why we lose deals" + (f" ({safe(result.owner)})" if result.owner else "")
    reply = Reply(fallback=title).add(Header(title))
    if not result.lost:
        return reply.add(Section("No closed-lost deals yet."))
    lines = [
        f"• *{x.label}*: {x.deals} deals ({100 * x.share:.0f}%), {money(x.amount)}"
        + (f" — e.g. “{_short(safe(x.example), 80)}”" if x.example and x.category != "other" else "")
        for x in result.reasons
    ]
    reply.add(Section(clip(f"{result.lost} lost of {result.closed} closed deals\n" + "\n".join(lines))))
    c = result.check
    if c.macro_f1 is not None:
        verdict = "beats" if (c.macro_f1 or 0) > (c.baseline_macro_f1 or 0) else "does not beat"
        reply.add(
            Context(
                [
                    f"Reason classifier on the newest {c.test} lost deals (trained on {c.train} older): macro-F1 "
                    f"{c.macro_f1:.2f}, {verdict} always-“{c.baseline_class}” ({c.baseline_macro_f1:.2f})"
                ]
            )
        )
    else:
        reply.add(Context([f"Too few recorded reasons to learn from: {c.method}"]))
    if result.predicted:
        pred = [
            f"• {safe(p.deal)} (#{p.deal_id}, {safe(p.owner)}): likely *{REASON_LABELS.get(p.predicted, p.predicted)}*"
            + (f" ({100 * p.probability:.0f}%)" if p.probability is not None else "")
            + " — "
            + "; ".join(p.evidence)
            for p in result.predicted[:8]
        ]
        reply.add(Section(clip("*Lost with no clear reason recorded: predicted*\n" + "\n".join(pred))))
    return reply


def reactivation_plan_text(r: Renderer, p: ReactivationPlan) -> str:
    """One lost deal's reactivation plan as mrkdwn."""
    s = p.salvage
    lines = [
        f"*{safe(s.deal)}* (#{s.deal_id}) · {money(s.amount)} · lost {day(s.lost_on)} · salvage {s.score}/100",
        f"Why lost: {safe(p.why_lost)}",
        "What changed: " + "; ".join(safe(x) for x in p.what_changed),
    ]
    if p.contact:
        lines.append(f"Contact: {safe(p.contact.name)}, {safe(p.contact.title)} ({p.contact.role})")
    if p.angle:
        lines.append(f"Angle ({p.angle_persona}): {said(p.angle, r.tz, 200)}")
    if p.lost_call_quote:
        lines.append(f"On the call before the loss: {said(p.lost_call_quote, r.tz, 160)}")
    return "\n".join(lines)


@renders(ReactivationList)
def reactivation_reply(r: Renderer, result: ReactivationList) -> Reply:
    """Lost deals worth reopening."""
    title = "Lost deals worth reopening" + (f": {safe(result.owner)}" if result.owner else "")
    reply = Reply(fallback=title).add(Header(title))
    if not result.plans:
        return reply.add(
            Section("No lost deal passes the filters now (lost 30+ days ago, no open deal at the account).")
        )
    for p in result.plans:
        reply.add(Section(clip(reactivation_plan_text(r, p))))
    return reply.add(
        Context(
            [
                f"{len(result.plans)} of {result.candidates} candidate accounts",
                f"score: {result.method}",
                f"history: {result.history_rewins} of {result.history_lost} past losses won back",
            ]
        )
    )


@renders(PainPoints)
def pain_points_reply(r: Renderer, result: PainPoints) -> Reply:
    """Pain points of won buyers."""
    title = "What our won buyers said hurt"
    reply = Reply(fallback=title).add(Header(title))
    if not result.groups:
        return reply.add(Section("No pain described on calls or in notes of won deals yet."))
    for g in result.groups[:6]:
        lines = [f"*{g.theme}* — {g.mentions} mentions on {g.won_deals} won deals"]
        lines += [f"   {said(q, r.tz, 200)}" for q in g.quotes[:2]]
        reply.add(Section(clip("\n".join(lines))))
    return reply.add(
        Context([f"{result.won_deals_with_calls} won deals with a recorded call, {result.notes_read} notes read"])
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"
