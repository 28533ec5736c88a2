"""What the jobs say: digest, risk alerts and manager summaries as render-neutral Replies, and the digest chart.

Replies hold Slack mrkdwn; `bot.reply.to_text` renders them for the terminal and `jobs.posting` for Slack. Every
figure shown comes from `tools.digest` / `tools.health` data and names its records (deal ids as `#123`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.copilot.reply import Context, Divider, Fields, Header, Reply, Section
from tools.digest import Digest
from tools.formatting import plural, short_money
from tools.health import DealHealth

MAX_SECTION = 2900  # under Slack's 3,000 characters per section text, with room for a "…"


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def _ids(ids: Sequence[int], limit: int = 8) -> str:
    shown = ", ".join(f"#{i}" for i in ids[:limit])
    return shown + (f" +{len(ids) - limit} more" if len(ids) > limit else "")


def _lines(lines: list[str]) -> list[Section]:
    """Pack lines into sections that each stay under Slack's section limit."""
    sections: list[Section] = []
    current = ""
    for line in lines:
        line = line if len(line) <= MAX_SECTION else line[: MAX_SECTION - 1] + "…"
        if current and len(current) + 1 + len(line) > MAX_SECTION:
            sections.append(Section(current))
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        sections.append(Section(current))
    return sections


def _unvalued(deals: Sequence[Any]) -> str:
    missing = sum(1 for x in deals if not x.amount)
    return f" ({missing} with no amount)" if missing else ""


def health_line(h: DealHealth, *, reasons: int = 3) -> str:
    """One deal's risk in a line plus its strongest reasons with evidence."""
    head = (
        f"*{h.deal_name}* (#{h.deal_id}, {h.company_name or 'no company'}, {short_money(h.amount)}, "
        f"{h.owner_name or 'unassigned'}): risk *{h.score}*"
    )
    detail = [f"  • {r.label}: {r.evidence}" for r in h.reasons[:reasons]]
    return "\n".join([head, *detail])


def objections_section(d: Digest) -> list[Section]:
    """The digest's "Objections of the week": categories raised on the team's calls, new ones flagged, a quote each."""
    w = d.objections
    if w is None:
        return []
    if not w.categories:
        return [Section(f"*Objections of the week*\n_None raised on the {w.calls} recorded calls._")]
    lines = [f"*Objections of the week* ({w.calls} recorded calls)"]
    for c in w.categories[:6]:
        flag = " · new (not heard in the 8 weeks before)" if c.new else ""
        lines.append(f"• {c.category.replace('_', ' ')}: {c.raised}× on {c.deals} deals{flag}")
        if c.examples:
            q = c.examples[0]
            text = q.text.replace("<", "‹").replace(">", "›").replace("*", "∗")
            lines.append(f"   “{text[:160]}” — {q.company} (deal #{q.deal_id})")
    return [Section("\n".join(lines)[:2900])]


def forecast_lines(d: Digest) -> list[str]:
    """The digest's forecast: this quarter's expected bookings, last week's change and why, make-or-break deals."""
    f = d.forecast
    assert f is not None
    t = f.total
    lines = [
        f"*Forecast, {f.start:%b %-d} – {f.end:%b %-d}*: expected *{short_money(t.expected_amount)}* "
        f"(90% {short_money(t.low)}–{short_money(t.high)}) = won {short_money(t.won_amount)} "
        f"+ open {short_money(t.pipeline_amount)} "
        f"weighted by win probability ({t.open_deals} deals)"
    ]
    c = d.forecast_change
    if c is not None:
        kinds = {"won": "won", "lost": "lost", "added": "added", "slipped": "slipped out", "probability": "odds moved"}
        why = ", ".join(f"{kinds[k]} {v:+,.0f}" for k, v in sorted(c.by_kind.items(), key=lambda kv: -abs(kv[1])))
        lines.append(
            f"• since {c.since:%b %-d}: {short_money(c.before)} → {short_money(c.after)} ({c.after - c.before:+,.0f})"
            + (f": {why}" if why else "")
        )
        for m in c.moves[:5]:
            was = f"{m.before:.0%}" if m.before is not None else "—"
            now = f"{m.after:.0%}" if m.after is not None else "—"
            lines.append(f"  ↳ {m.name} (#{m.deal_id}) {kinds[m.kind]}: {was} → {now}, {m.delta:+,.0f}")
    for owner in f.by_owner[:8]:
        lines.append(
            f"• {owner.label}: {short_money(owner.expected_amount)} "
            f"({short_money(owner.low)}–{short_money(owner.high)})"
        )
    if f.make_or_break:
        lines.append(
            "• make or break: "
            + "; ".join(
                f"{o.deal.name} (#{o.deal.id}) {o.probability:.0%} of {short_money(o.deal.amount)}"
                for o in f.make_or_break[:3]
            )
        )
    return lines


def digest_reply(d: Digest) -> Reply:
    """The weekly digest as a Reply."""
    team = d.team or "all teams"
    reply = Reply(fallback=f"Weekly digest {d.iso_week} ({team}): {week_span(d)}")
    reply.add(Header(f"Weekly digest {d.iso_week} · {team}"[:150]))
    reply.add(Context([digest_when(d), "numbers name their records as #id"]))

    won_amount = sum(x.amount or 0 for x in d.won)
    lost_amount = sum(x.amount or 0 for x in d.lost)
    reply.add(
        Fields(
            [
                ("Won", f"{len(d.won)} · {short_money(won_amount)}"),
                ("Lost", f"{len(d.lost)} · {short_money(lost_amount)}" + _unvalued(d.lost)),
                ("Pipeline created", f"{d.created.count} · {short_money(d.created.amount)}"),
                ("Win rate", f"{_pct(d.overall_week.rate)} (8-wk {_pct(d.overall_trailing.rate)})"),
                ("Open deals at risk", f"{d.at_risk_total} of {d.open_deals}"),
            ]
            + ([("Hot leads", f"{d.hot_leads.total} of {d.hot_leads.week_leads} new")] if d.has_leads else [])
        )
    )

    if d.forecast is not None:
        reply.add(Divider(), *_lines(forecast_lines(d)))

    reply.add(Divider(), Section("*High-risk deals*"))
    if d.high_risk:
        reply.add(*_lines([health_line(h, reasons=2) for h in d.high_risk]))
    else:
        reply.add(Section("_No open deal at or above the alert score._"))

    if d.rules_off:
        reply.add(Context(d.rules_off[:10]))

    if not d.has_leads:
        pass  # no inbound leads in this store: a section saying "none" would suggest there could have been
    elif d.hot_leads.leads:
        reply.add(Section(f"*Hot leads* ({d.hot_leads.rule})"))
        reply.add(
            *_lines(
                [
                    f"• {lead.company_name} (lead #{lead.id}): "
                    + (f"score {lead.score:.0f}, tier {lead.tier or '—'}" if d.hot_leads.basis == "scored" else "")
                    + (f"budget {short_money(lead.budget)}" if d.hot_leads.basis == "budget" else "")
                    + (f", {lead.interest_area}" if lead.interest_area else "")
                    + (f" → {lead.owner_name}" if lead.owner_name else " · unassigned")
                    for lead in d.hot_leads.leads
                ]
            )
        )
    else:
        reply.add(Section(f"*Hot leads* ({d.hot_leads.rule})"), Section("_None this week._"))

    reply.add(*objections_section(d))
    reply.add(Section("*Won and lost, and why*"))
    lines = []
    for label, groups in (("Won", d.won_reasons), ("Lost", d.lost_reasons)):
        for g in groups:
            value = short_money(g.amount) if g.amount else "no amount"
            lines.append(f"• {label} · {g.reason}: {g.count} ({value}) {_ids(g.deal_ids)}")
    reply.add(*_lines(lines or ["_Nothing closed this week._"]))

    reply.add(Section("*Pipeline created and moved*"))
    lines = [f"• Created: {plural(d.created.count, 'deal')}, {short_money(d.created.amount)} {_ids(d.created.ids)}"]
    for m in d.moves:
        back = f", {m.backward} back" if m.backward else ""
        lines.append(f"• → {m.label}: {m.forward} forward{back} ({short_money(m.amount)}) {_ids(m.deal_ids)}")
    reply.add(*_lines(lines))

    lines = []
    for a in d.activity:  # each AE's flags on their own lines, right under that AE
        lines.append(
            f"• {a.name}: {plural(a.calls.count, 'call')} ({_pct(a.connect_rate)} connected), "
            f"{plural(a.emails_sent.count, 'email')}, reply rate {_pct(a.reply_rate)}, "
            f"{plural(a.meetings_held.count, 'meeting')} held"
            + (
                f", {plural(a.recorded_calls.count, 'recorded call')} avg {a.avg_call_minutes} min"
                if a.recorded_calls.count
                else ""
            )
        )
        lines += [f"    ↳ {n.text.removeprefix(a.name + ': ')}" for n in d.coaching if n.owner_id == a.owner_id]
        # coaching on call behaviour: where this AE's calls differ most from the team's won deals, with the call
        lines += [
            f"    ↳ _coach_: {c.text}" + (f' — "{c.evidence.quote[:140]}"' if c.evidence.quote else "")
            for c in d.call_coaching
            if c.owner_id == a.owner_id
        ]
    if d.has_activity:  # a store with no activity data at all has no coaching section, not "0 calls (— connected)"
        reply.add(Section("*AE coaching notes*"), *_lines(lines or ["_No AE activity this week._"]))

    reply.add(Section("*Win/loss pattern shifts* (last week vs trailing 8 weeks)"))
    if d.shifts:
        reply.add(
            *_lines(
                [
                    f"• {s.dimension} *{s.segment}*: {_pct(s.week.rate)} ({s.week.won}/{s.week.closed}) vs "
                    f"{_pct(s.trailing.rate)} ({s.trailing.won}/{s.trailing.closed}), "
                    f"{s.delta_points:+.0f} pts {_ids(s.week.deal_ids, 5)}"
                    for s in d.shifts[:6]
                ]
            )
        )
    else:
        reply.add(Section("_No segment moved by 25+ points on enough deals._"))
    return reply


def week_span(d: Digest) -> str:
    """`Mon 23 Nov – Sun 29 Nov 2026`."""
    return f"{d.week_start:%a %-d %b} – {d.week_end:%a %-d %b %Y}"


def digest_when(d: Digest) -> str:
    """Which week the digest covers and when it was made, on the team's clock (and whose Monday it is, when late)."""
    zone = ZoneInfo(d.tz)
    sent = d.generated_at.astimezone(zone)
    said = f"Last week, {week_span(d)} · sent {sent:%a %-d %b %H:%M %Z}"
    due = d.week_end + timedelta(days=1)
    if sent.date() != due:  # a preview or a late run: say which Monday's digest this is
        said += f" (the digest due {due:%a %-d %b})"
    return said + f" · times in {d.tz}"


MAX_DETAILED_ALERTS = 8
"""Deals shown with every reason and action in one DM; the rest are listed compactly, so a DM stays under 50 blocks."""


def risk_alert_reply(owner_name: str, alerts: list[tuple[DealHealth, bool]]) -> Reply:
    """An AE's DM: each new (`False`) or worsened (`True`) at-risk deal with its evidence and next best actions."""
    alerts = sorted(alerts, key=lambda a: (-a[0].score, -(a[0].amount or 0), a[0].deal_id))
    n = len(alerts)
    reply = Reply(fallback=f"{n} deal(s) need attention")
    reply.add(Header(f"{n} deal{'s' if n != 1 else ''} need{'s' if n == 1 else ''} attention"))
    for health, worsened in alerts[:MAX_DETAILED_ALERTS]:
        tag = "worse" if worsened else "new"
        lines = [
            f"*{health.deal_name}* (#{health.deal_id}, {short_money(health.amount)}): risk *{health.score}* ({tag})"
        ]
        for r in health.reasons:
            lines.append(f"• *{r.label}*: {r.evidence}\n    → {r.action}")
        reply.add(*_lines(lines)[:2])
    rest = alerts[MAX_DETAILED_ALERTS:]
    if rest:
        listed = [
            f"• {h.deal_name} (#{h.deal_id}) risk {h.score}: {', '.join(r.label.lower() for r in h.reasons)}"
            for h, _ in rest
        ]
        text, shown = "", 0
        for line in listed:
            if len(text) + len(line) + 60 > MAX_SECTION:
                break
            text, shown = f"{text}\n{line}" if text else line, shown + 1
        more = f"\n… and {len(rest) - shown} more" if shown < len(rest) else ""
        reply.add(Divider(), Section(f"*Also at risk ({len(rest)})*\n{text}{more}"))
    reply.add(
        Context(
            [
                f"for {owner_name} · alerts only for new or worsened risk, at most once per deal per day · "
                '`salesos ask "at-risk deals"` for the full list'
            ]
        )
    )
    return reply


def manager_summary_reply(team: str | None, per_owner: dict[str, list[DealHealth]]) -> Reply:
    """A manager's DM: who got which alerts today."""
    total = sum(len(v) for v in per_owner.values())
    reply = Reply(fallback=f"Risk alerts today: {total} deal(s)")
    reply.add(Header(f"Risk alerts today · {team or 'all teams'}: {total} deal{'s' if total != 1 else ''}"[:150]))
    lines = []
    for owner, deals in sorted(per_owner.items(), key=lambda kv: -len(kv[1])):
        top = ", ".join(f"{h.deal_name} #{h.deal_id} ({h.score})" for h in deals[:3])
        lines.append(f"• *{owner}*: {len(deals)} · {top}" + (" …" if len(deals) > 3 else ""))
    reply.add(*_lines(lines))
    return reply


def chart_weeks(d: Digest) -> list[str]:
    """The chart's x-axis labels: each week's Monday ("28 Sep"), since people do not think in ISO week numbers."""
    return [f"{p.start:%-d %b}" for p in d.trend]


def digest_chart(d: Digest, path: Path) -> Path:
    """Draw the 9-week pipeline movement and win-rate trend to a PNG (matplotlib, Agg backend) and return its path."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers; must precede pyplot
    import matplotlib.pyplot as plt

    weeks = chart_weeks(d)
    x = list(range(len(weeks)))
    fig, ax = plt.subplots(figsize=(8, 4), dpi=100)
    width = 0.27
    ax.bar([i - width for i in x], [p.created.amount / 1000 for p in d.trend], width, label="created", color="#4c78a8")
    ax.bar(x, [p.won.amount / 1000 for p in d.trend], width, label="won", color="#54a24b")
    lost = ax.bar([i + width for i in x], [p.lost.amount / 1000 for p in d.trend], width, label="lost", color="#e45756")
    # Lost deals often carry no amount (a CSV export writes 0): their count is written on the bar, never dropped.
    ax.bar_label(lost, labels=[f"{p.lost.count} lost" if p.lost.unvalued else "" for p in d.trend], fontsize=7)
    ax.set_ylabel("amount ($k)")
    ax.set_xlabel("week starting (Monday)")
    ax.set_xticks(x, weeks)
    ax2 = ax.twinx()
    rates = [p.win_rate * 100 if p.win_rate is not None else float("nan") for p in d.trend]
    ax2.plot(x, rates, color="#333333", marker="o", label="win rate")
    ax2.set_ylabel("win rate (%)")
    ax2.set_ylim(0, 100)
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    ax.legend(handles, [str(h.get_label()) for h in handles], loc="upper left", fontsize=8)
    ax.set_title(f"Pipeline movement and win rate · {d.team or 'all teams'} · 9 weeks to {week_span(d)}")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
