"""Analyze a call end to end: parse → roles → metrics → scorecard → coaching → summary → outcome prediction.

One path for every entry point: a file on the command line, a transcript shared in a Slack DM, a stored `Call`
(demo data or HubSpot call engagements after sync). The LLM (when configured) only rewrites the summary from the
same facts; every number comes from `metrics`.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, case, func, select
from sqlmodel import Session, col

from prompts import load_prompt
from settings import Settings
from store.models import Call, Company, Contact, Deal, Owner
from tools.calls.lexicon import DEFAULT_COMPETITORS
from tools.calls.metrics import CallMetrics, LibraryMatcher, compute_metrics
from tools.calls.parsers import Transcript, parse_transcript
from tools.calls.predict import (
    OutcomeModel,
    OutcomePrediction,
    call_features,
    enough_history,
    rules_prediction,
)
from tools.calls.roles import CallContext, SpeakerRole, crm_people, find_call_context, resolve_roles
from tools.calls.scorecard import Recommendation, Scorecard, coach, extractive_summary, score_call, summary_facts
from tools.model_cache import cached, query_signature

log = logging.getLogger(__name__)


@dataclass
class CallAnalysis:
    """Everything said about one call."""

    transcript: Transcript
    roles: dict[str, SpeakerRole]
    metrics: CallMetrics
    scorecard: Scorecard
    coaching: list[Recommendation]
    summary: str
    summary_source: str
    """`extractive` or `llm`."""
    call_day: date
    timezone: str
    context: CallContext = field(default_factory=CallContext)
    prediction: OutcomePrediction | None = None
    call_id: int | None = None
    owner_name: str | None = None
    deal_name: str | None = None
    deal_amount: float | None = None


# --- LLM summary -------------------------------------------------------------------------------------------------


def chat_model(settings: Settings) -> Any:
    """The chat model that writes call summaries and follow-up emails."""
    from tools.llm import chat_model as configured_model

    return configured_model(settings, timeout=30)


def llm_text(settings: Settings, prompt_name: str, facts: dict[str, Any], *, today: date, timezone: str) -> str:
    """Fill a prompt with the facts and return the model's text (raises on any LLM failure)."""
    prompt = load_prompt(prompt_name).format(
        facts=json.dumps(facts, indent=1, default=str), today=today.isoformat(), timezone=timezone
    )
    reply = chat_model(settings).invoke(prompt)
    text = reply.content if isinstance(reply.content, str) else str(reply.content)
    if not text.strip():
        raise ValueError("the LLM returned an empty text")
    return text.strip()


# --- the objection library ------------------------------------------------------------------------------------------


def library_matcher(settings: Settings) -> LibraryMatcher | None:
    """Look objections up in the Chroma library by similarity, when the library module exists and holds objections.

    Keywords always run first (`metrics._objections`); the library only judges hedged buyer sentences no keyword
    matched. Returns None (keywords alone) when the library is missing, empty or fails to open.
    """
    try:
        from store.library import open_library_from_settings, search_objection_handling
    except ImportError:
        return None
    try:
        library = open_library_from_settings(settings)
        if library.collection.count() == 0:
            return None
    except Exception:  # a broken or missing index must not stop the scorecard
        log.exception("objection library unavailable; matching objections by keyword only")
        return None

    def match(sentence: str) -> tuple[str, float] | None:
        hits = search_objection_handling(library, sentence, k=1, kind="objection").hits
        return (hits[0].category, hits[0].similarity) if hits else None

    return match


# --- competitors ---------------------------------------------------------------------------------------------------

_COMPETITOR_REASON = re.compile(
    r"(?:competitor:\s*|\bagainst\s+|\blost to\s+|\bswitched to\s+)([A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2})"
)


def known_competitors(session: Session) -> list[str]:
    """Competitors the team has met: named in won/lost reasons ("Lost to competitor: X", "Won against X") + defaults."""
    reasons = session.execute(
        select(col(Deal.close_reason)).where(col(Deal.close_reason).is_not(None)).distinct()
    ).scalars()
    found = {m.group(1).strip() for reason in reasons for m in _COMPETITOR_REASON.finditer(reason or "")}
    return sorted(found | set(DEFAULT_COMPETITORS))


# --- history and prediction --------------------------------------------------------------------------------------


def stored_call_metrics(
    session: Session, call: Call, *, library: LibraryMatcher | None = None, competitors: list[str] | None = None
) -> CallMetrics | None:
    """Metrics of a stored call (None when its transcript cannot be parsed)."""
    if not call.transcript:
        return None
    try:
        transcript = parse_transcript(call.transcript, call.transcript_format or None)
    except ValueError:
        return None
    owner = session.get(Owner, call.owner_id) if call.owner_id else None
    tz = ZoneInfo(owner.timezone) if owner else UTC
    reps, prospects = crm_people(session, company_id=call.company_id)
    roles = resolve_roles(transcript, reps=reps, prospects=prospects)
    return compute_metrics(
        transcript,
        roles,
        call_day=call.started_at.astimezone(tz).date(),
        library=library,
        competitors=competitors if competitors is not None else known_competitors(session),
    )


def training_set(
    session: Session, *, before: datetime | None = None, call_ids: set[int] | None = None
) -> tuple[list[dict[str, float]], list[int], list[int]]:
    """Features, won labels and call ids of the stored calls whose deal is closed (optionally only `call_ids`)."""
    stmt = select(Call, Deal).join(Deal, col(Deal.id) == Call.deal_id).where(col(Deal.is_closed).is_(True))
    if before is not None:
        stmt = stmt.where(col(Call.started_at) < before)
    rows, labels, ids = [], [], []
    competitors = known_competitors(session)
    for call, deal in session.execute(stmt.order_by(col(Call.started_at), col(Call.id))).all():
        if call_ids is not None and call.id not in call_ids:
            continue
        metrics = stored_call_metrics(session, call, competitors=competitors)
        if metrics is None:
            continue
        rows.append(call_features(metrics, amount=deal.amount))
        labels.append(int(deal.is_won))
        ids.append(call.id)
    return rows, labels, ids


OUTCOME_MODEL_VERSION = "call-outcome-2"
"""Bump when call features or training change, so models cached by older code are not reused."""


def _history_signature(engine: Engine) -> str:
    """What the outcome model's training rows depend on, in one aggregate query.

    The labelled calls (how many, which, how long their transcripts, their deals' outcomes), every deal's last update
    (close reasons name the competitors a call is checked for) and the people speakers resolve against.
    """
    labelled = (
        select(
            func.count(col(Call.id)),
            func.sum(col(Call.id)),
            func.max(col(Call.started_at)),
            func.sum(func.length(col(Call.transcript))),
            func.sum(case((col(Deal.is_won), 1), else_=0)),
            func.sum(col(Deal.id)),
        )
        .select_from(Call)
        .join(Deal, col(Deal.id) == Call.deal_id)
        .where(col(Deal.is_closed).is_(True))
        .subquery()
    )
    statement = select(
        *labelled.c,
        select(func.count(col(Deal.id))).scalar_subquery(),
        select(func.max(col(Deal.updated_at))).scalar_subquery(),
        select(func.count(col(Contact.id))).scalar_subquery(),
        select(func.max(col(Contact.updated_at))).scalar_subquery(),
        select(func.count(col(Owner.id))).scalar_subquery(),
        select(func.max(col(Owner.updated_at))).scalar_subquery(),
    )
    return query_signature(engine, statement, OUTCOME_MODEL_VERSION)


@dataclass(frozen=True)
class _History:
    rows: list[dict[str, float]]
    labels: list[int]
    deal_ids: list[int]


def outcome_model(
    engine: Engine, *, exclude_deal_id: int | None = None, cache_dir: Path | None = None
) -> tuple[OutcomeModel | None, int]:
    """The team's trained model and its labelled-call count (model None when history is thin).

    Cached in the process and under `cache_dir` by a signature of the labelled history: a new process loads it
    instead of re-measuring every past call, and a changed history retrains. Leaving a deal's own calls out is a
    variant of the same history (only for a deal that has labelled calls; any other deal gets the team's model).
    """
    signature = _history_signature(engine)

    def measured() -> _History:
        with Session(engine) as session:
            rows, labels, ids = training_set(session)
            deals = dict(session.execute(select(col(Call.id), col(Call.deal_id)).where(col(Call.id).in_(ids))).all())
        return _History(rows=rows, labels=labels, deal_ids=[deals[i] for i in ids])

    history = cached("call-outcome-history", signature, measured, directory=cache_dir)
    excluded = exclude_deal_id if exclude_deal_id in history.deal_ids else None
    keep = [i for i, deal in enumerate(history.deal_ids) if deal != excluded]
    labels = [history.labels[i] for i in keep]

    def trained() -> OutcomeModel | None:
        return OutcomeModel.train([history.rows[i] for i in keep], labels) if enough_history(labels) else None

    variant = f"without-deal-{excluded}" if excluded is not None else ""
    return cached("call-outcome", signature, trained, directory=cache_dir, variant=variant), len(labels)


def team_win_rate(engine: Engine, *, minimum: int = 10) -> float | None:
    """The share of closed deals that were won (None with fewer than `minimum` closed deals)."""
    with Session(engine) as session:
        closed, won = session.execute(
            select(func.count(col(Deal.id)), func.count(case((col(Deal.is_won), 1)))).where(
                col(Deal.is_closed).is_(True)
            )
        ).one()
    return won / closed if closed >= minimum else None


def predict_outcome(
    engine: Engine,
    metrics: CallMetrics,
    *,
    deal_id: int | None,
    amount: float | None,
    cache_dir: Path | None = None,
) -> OutcomePrediction:
    """Predict the deal's outcome from this call (the deal's own calls never train its prediction)."""
    features = call_features(metrics, amount=amount)
    model, labelled = outcome_model(engine, exclude_deal_id=deal_id, cache_dir=cache_dir)
    if model is None:
        return rules_prediction(features, training_calls=labelled, base_rate=team_win_rate(engine))
    return model.predict(features)


# --- analysis ----------------------------------------------------------------------------------------------------


def _summary(
    metrics: CallMetrics, scorecard: Scorecard, *, company: str | None, settings: Settings | None, day: date, tz: str
) -> tuple[str, str]:
    text = extractive_summary(metrics, scorecard, company=company)
    if settings is None or not settings.llm_configured:
        return text, "extractive"
    try:
        facts = summary_facts(metrics, scorecard, company=company)
        return llm_text(settings, "call_summary", facts, today=day, timezone=tz), "llm"
    except Exception:  # the LLM is an edge: any failure falls back to the offline summary
        log.exception("LLM call summary failed; using the extractive summary")
        return text, "extractive"


def analyze_transcript(
    transcript: Transcript,
    *,
    engine: Engine | None = None,
    settings: Settings | None = None,
    started_at: datetime | None = None,
    deal_id: int | None = None,
    company_id: int | None = None,
    owner_id: int | None = None,
    call_id: int | None = None,
    library: LibraryMatcher | None = None,
    predict: bool = True,
    now: datetime | None = None,
) -> CallAnalysis:
    """Analyze a parsed call; with a store, speakers resolve against the CRM and the deal's outcome is predicted."""
    context = CallContext(deal_id=deal_id, company_id=company_id, owner_id=owner_id, how="given")
    reps: list[Any] = []
    prospects: list[Any] = []
    competitors: list[str] = list(DEFAULT_COMPETITORS)
    owner_name = deal_name = None
    amount = None
    tz_name = settings.team_timezone if settings else "UTC"
    if engine is not None:
        with Session(engine) as session:
            if deal_id is None and company_id is None:
                context = find_call_context(session, transcript)
            elif deal_id is not None and company_id is None:
                deal = session.get(Deal, deal_id)
                context = CallContext(
                    deal_id=deal_id,
                    company_id=deal.company_id if deal else None,
                    owner_id=owner_id or (deal.owner_id if deal else None),
                    how="given",
                )
            deal = session.get(Deal, context.deal_id) if context.deal_id else None
            company = session.get(Company, context.company_id) if context.company_id else None
            owner = session.get(Owner, context.owner_id) if context.owner_id else None
            if company is not None:
                context = CallContext(**{**context.__dict__, "company_name": company.name})
            deal_name, amount = (deal.name, deal.amount) if deal else (None, None)
            if owner is not None:
                owner_name, tz_name = owner.name, owner.timezone
            reps, prospects = crm_people(session, company_id=context.company_id)
            competitors = known_competitors(session)
            if owner is not None:
                reps = [p for p in reps if p.owner_id == owner.id] + [p for p in reps if p.owner_id != owner.id]
    roles = resolve_roles(transcript, reps=reps, prospects=prospects)
    if owner_name is None:
        owner_name = next((s for s, r in roles.items() if r.side == "rep"), None)
    tz = ZoneInfo(tz_name)
    moment = started_at or now or datetime.now(UTC)
    call_day = moment.astimezone(tz).date()
    metrics = compute_metrics(transcript, roles, call_day=call_day, library=library, competitors=competitors)
    scorecard = score_call(metrics)
    summary, source = _summary(
        metrics, scorecard, company=context.company_name, settings=settings, day=call_day, tz=tz_name
    )
    prediction = None
    if predict and engine is not None and context.deal_id is not None:
        prediction = predict_outcome(
            engine,
            metrics,
            deal_id=context.deal_id,
            amount=amount,
            cache_dir=settings.model_cache_dir if settings is not None else None,
        )
    return CallAnalysis(
        transcript=transcript,
        roles=roles,
        metrics=metrics,
        scorecard=scorecard,
        coaching=coach(metrics),
        summary=summary,
        summary_source=source,
        call_day=call_day,
        timezone=tz_name,
        context=context,
        prediction=prediction,
        call_id=call_id,
        owner_name=owner_name,
        deal_name=deal_name,
        deal_amount=amount,
    )


def analyze_text(text: str, *, fmt: str | None = None, filename: str | None = None, **kwargs: Any) -> CallAnalysis:
    """Parse and analyze transcript text (raises `TranscriptError` with a line number when malformed)."""
    return analyze_transcript(parse_transcript(text, fmt, filename=filename), **kwargs)


def analyze_stored_call(engine: Engine, call_id: int, **kwargs: Any) -> CallAnalysis:
    """Analyze a `Call` row of the store (demo data, or a HubSpot call engagement after sync)."""
    with Session(engine) as session:
        call = session.get(Call, call_id)
        if call is None:
            raise LookupError(f"no call {call_id} in the store")
        if not call.transcript:
            raise LookupError(f"call {call_id} has no transcript")
        text, fmt = call.transcript, call.transcript_format
        started, deal_id, company_id, owner_id = call.started_at, call.deal_id, call.company_id, call.owner_id
    return analyze_text(
        text,
        fmt=fmt or None,
        engine=engine,
        started_at=started,
        deal_id=deal_id,
        company_id=company_id,
        owner_id=owner_id,
        call_id=call_id,
        **kwargs,
    )


def latest_call_id(engine: Engine, company_id: int, *, before: datetime | None = None) -> int | None:
    """The id of the company's most recent call with a transcript."""
    with Session(engine) as session:
        stmt = select(col(Call.id)).where(col(Call.company_id) == company_id, col(Call.transcript).is_not(None))
        if before is not None:
            stmt = stmt.where(col(Call.started_at) <= before)
        return session.execute(stmt.order_by(col(Call.started_at).desc(), col(Call.id).desc()).limit(1)).scalar()


def finite(value: float | None) -> bool:
    """True for a real number (not None or NaN)."""
    return value is not None and not math.isnan(value)
