"""Render a call analysis as a `Reply`: scorecard, metrics, coaching with clips, summary, predicted outcome.

The same Reply feeds `salesos analyze-call` (via `to_text`) and Slack (`/salesos call <company>`, a transcript shared
in a DM); texts are cut to stay inside Slack's limits (3,000 characters per section, 50 blocks).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session

from bot.copilot.reply import Actions, Button, Context, Divider, Fields, Header, Reply, Section
from settings import Settings
from tools.calls.analyze import CallAnalysis, analyze_stored_call, latest_call_id
from tools.calls.lexicon import STAGE_LABELS
from tools.calls.parsers import TranscriptError, format_clock
from tools.deals import resolve_company

SECTION_LIMIT = 2900  # Slack allows 3,000 characters per section text; keep a margin
MAX_RECOMMENDATIONS = 5


def _cut(text: str, limit: int = SECTION_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _pct(value: float) -> str:
    return f"{value:.0%}"


def analysis_reply(analysis: CallAnalysis, *, title: str | None = None, with_actions: bool = False) -> Reply:
    """Build the scorecard reply for one analyzed call."""
    m, card = analysis.metrics, analysis.scorecard
    company = analysis.context.company_name
    heading = title or f"Call scorecard: {card.score}/100 ({card.grade})" + (f" · {company}" if company else "")
    reply = Reply(fallback=f"Call scorecard {card.score}/100" + (f" for {company}" if company else ""))
    reply.add(Header(heading[:150]))
    reps = [s for s, side in m.speakers.items() if side == "rep"]
    prospects = [s for s, side in m.speakers.items() if side == "prospect"]
    how = {r.how for r in analysis.roles.values()}
    reply.add(
        Context(
            [
                f"{analysis.call_day.isoformat()} · {format_clock(m.duration_seconds)} long · "
                f"{analysis.transcript.format} ({m.timing} timing)",
                f"rep: {', '.join(reps) or '?'} · buyer: {', '.join(prospects) or '?'}"
                + (" · roles guessed from the words" if how <= {"heuristic", "default"} else ""),
            ]
        )
    )
    reply.add(
        Section("*Summary*" + (" (LLM)" if analysis.summary_source == "llm" else "") + "\n" + _cut(analysis.summary))
    )
    reply.add(
        Fields([(f"{i.label} ({i.points:g}/{i.max_points:g})", i.value if i.measured else "n/a") for i in card.items])
    )
    rates = m.speech_rate_wpm
    metric_lines = [
        f"Talk ratio: rep {_pct(m.talk_ratio_rep)} · buyer {_pct(1 - m.talk_ratio_rep)}",
        f"Longest monologue: rep {m.longest_monologue['rep'].seconds:.0f} s · buyer "
        f"{m.longest_monologue['prospect'].seconds:.0f} s",
        f"Questions: {m.rep_questions} ({m.open_questions} open, {m.closed_questions} closed)",
        f"Interactivity: {m.interactivity:.1f} switches/min · patience: "
        + (
            f"{m.patience_seconds:.1f} s" + (" (est.)" if m.patience_estimated else "")
            if m.patience_seconds is not None
            else "n/a"
        ),
        "Speech rate: "
        + (
            f"rep {rates['rep']:.0f} wpm · buyer {rates['prospect'] or 0:.0f} wpm"
            if rates.get("rep")
            else "n/a (no end times)"
        ),
        "Stages: "
        + " → ".join(
            f"{STAGE_LABELS[s.stage]} {'skipped' if s.skipped else format_clock(s.seconds)}" for s in m.stages
        ),
        "Tone (buyer): " + ", ".join(f"{STAGE_LABELS[t.stage]} {t.label}" for t in m.tone),
    ]
    if m.objections:
        metric_lines.append(
            "Objections: "
            + "; ".join(
                f"{o.category} [{o.clip.stamp}]" + (" (library)" if o.matched_by == "library" else "")
                for o in m.objections[:6]
            )
        )
    if m.competitors:
        metric_lines.append("Competitors: " + ", ".join(sorted({c.name for c in m.competitors})))
    if m.pricing_seconds:
        metric_lines.append(f"Pricing talk: {m.pricing_seconds:.0f} s")
    reply.add(Section("*Metrics*\n" + _cut("\n".join(f"• {line}" for line in metric_lines))))
    if m.commitments:
        steps = [
            f"• {c.who}: {c.what}" + (f" — *{c.due:%a %b %-d}*" if c.due else " — _no date_") + f" [{c.clip.stamp}]"
            for c in m.commitments[:8]
        ]
        reply.add(Section("*Next steps and commitments*\n" + _cut("\n".join(steps))))
    if analysis.coaching:
        reply.add(Divider())
        for rec in analysis.coaching[:MAX_RECOMMENDATIONS]:
            clips = "\n".join(f"  > {c.render()}" for c in rec.clips[:2])
            reply.add(
                Section(
                    _cut(f"*{rec.title}*: {rec.detail}\n_Benchmark: {rec.benchmark}_" + (f"\n{clips}" if clips else ""))
                )
            )
        reply.add(
            Context(
                ["Sources: " + "; ".join(sorted({r.source for r in analysis.coaching[:MAX_RECOMMENDATIONS]}))[:1900]]
            )
        )
    if analysis.prediction is not None:
        p = analysis.prediction
        why = "; ".join(f"{f.text} ({f.effect:+.2f})" for f in p.factors)
        basis = f"calibrated model on {p.training_calls} past calls" if p.method == "model" else p.note or "rules"
        reply.add(
            Section(
                _cut(
                    f"*Predicted outcome{(' of ' + analysis.deal_name) if analysis.deal_name else ''}*: "
                    f"{p.win_probability:.0%} likely to win ({basis})\n_Top factors_: {why or 'none'}"
                )
            )
        )
    if with_actions and analysis.call_id is not None:
        reply.add(
            Actions([Button("Draft follow-ups", "calls_draft_followups", value=str(analysis.call_id), style="primary")])
        )
    return reply


def call_scorecard_reply(
    engine: Engine, company: str, *, settings: Settings | None = None, now: datetime | None = None
) -> Reply:
    """`/salesos call <company>`: the latest call's scorecard, or a clear answer why there is none."""
    with Session(engine) as session:
        match = resolve_company(session, company)
    if match.company is None:
        names = ", ".join(c.name for c in match.candidates[:5])
        text = f"I couldn't find a company called *{company}*." + (f" Did you mean: {names}?" if names else "")
        return Reply(parts=[Section(text)], fallback=text, ephemeral=True)
    call_id = latest_call_id(engine, match.company.id, before=now or datetime.now(UTC))
    if call_id is None:
        text = f"No recorded call with *{match.company.name}* yet."
        return Reply(parts=[Section(text)], fallback=text, ephemeral=True)
    try:
        analysis = analyze_stored_call(engine, call_id, settings=settings, now=now)
    except TranscriptError as exc:
        text = f"The latest call with *{match.company.name}* has no transcript I can read ({exc})."
        return Reply(parts=[Section(_cut(text))], fallback=text, ephemeral=True)
    return analysis_reply(analysis, with_actions=True)
