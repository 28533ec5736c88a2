"""Battle cards per competitor and ICP talk tracks per persona × segment, from the team's closed deals.

A deal is "against" a competitor when the competitor is named on one of its recorded calls (labels or text), in a note,
or in its close reason. A card gives the win rate against it with the deals behind it, the segments where we win and
lose, what buyers quote the competitor as saying, our answers on won deals, and the landmines (why we won, from the
close reasons of won deals against it). Every card says how many deals it rests on.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process
from sqlmodel import Session

from tools.capabilities import Capability, Example, Subcommand, ToolContext
from tools.insights.common import QuotedLine, Rate, quoted, rate_of
from tools.insights.history import ClosedDeal, History, Quote, load_history
from tools.sensitive import rules_of

MIN_SEGMENT = 3
QUOTES = 3


class Segment(BaseModel):
    """A win rate in one segment (industry, size band or product)."""

    kind: str
    name: str
    rate: Rate


class Landmine(BaseModel):
    """A reason we won against the competitor, to set early in the next deal against them."""

    reason: str
    deals: int


class BattleCard(BaseModel):
    """How we do against one competitor."""

    competitor: str
    status: str = "found"
    """`found`, `unknown` (no such competitor in our deals) or `no_deals`."""
    known: list[str] = Field(default_factory=list)
    """The competitors our deals name (for an unknown name)."""
    rate: Rate | None = None
    overall: Rate | None = None
    """Our win rate over every closed deal, for comparison."""
    wins_in: list[Segment] = Field(default_factory=list)
    loses_in: list[Segment] = Field(default_factory=list)
    their_claims: list[QuotedLine] = Field(default_factory=list)
    our_responses: list[QuotedLine] = Field(default_factory=list)
    landmines: list[Landmine] = Field(default_factory=list)
    lost_to_them: int = 0


class TalkTrack(BaseModel):
    """What the rep said on won calls to one persona in one segment."""

    persona: str
    segment: str
    won_deals: int
    line: QuotedLine


def resolve_competitor(name: str, known: list[str]) -> str | None:
    """The known competitor `name` means (case-insensitive, typo-tolerant), or None."""
    for k in known:
        if k.lower() == name.strip().lower():
            return k
    match = process.extractOne(name, known, scorer=fuzz.WRatio, score_cutoff=85)
    return match[0] if match else None


def _segments(deals: list[ClosedDeal]) -> list[Segment]:
    groups: dict[tuple[str, str], list[ClosedDeal]] = defaultdict(list)
    for d in deals:
        groups[("industry", d.industry)].append(d)
        groups[("size", d.size_band)].append(d)
        groups[("product", d.product or "unknown")].append(d)
    return [Segment(kind=k, name=n, rate=rate_of(ds)) for (k, n), ds in groups.items() if len(ds) >= MIN_SEGMENT]


def battle_card(history: History, competitor: str) -> BattleCard:
    """The battle card against `competitor` (a name our deals use), or a card saying why there is none."""
    name = resolve_competitor(competitor, history.competitor_names)
    if name is None:
        return BattleCard(competitor=competitor, status="unknown", known=history.competitor_names)
    against = [d for d in history.deals.values() if name in d.competitors]
    if not against:
        return BattleCard(competitor=name, status="no_deals", known=history.competitor_names)
    card_rate = rate_of(against)
    segments = _segments(against)
    base = card_rate.value or 0.0
    wins_in = sorted((s for s in segments if (s.rate.value or 0) > base), key=lambda s: (-(s.rate.value or 0), s.name))
    loses_in = sorted((s for s in segments if (s.rate.value or 0) < base), key=lambda s: ((s.rate.value or 0), s.name))
    ids = {d.id for d in against}
    claims = [q for q in history.buyer_lines if q.deal_id in ids and name.lower() in q.text.lower()]
    claims.sort(key=lambda q: (q.at, q.call_id), reverse=True)
    answers = [
        o
        for o in history.objections
        if o.deal_id in ids and o.category == "competitor" and o.answered and history.deals[o.deal_id].is_won
    ]
    answers.sort(key=lambda o: (o.at, o.call_id), reverse=True)
    reasons = Counter(
        (d.close_reason or "").split(":", 1)[-1].strip()
        for d in against
        if d.is_won and d.close_reason and name.lower() in d.close_reason.lower()
    )
    return BattleCard(
        competitor=name,
        known=history.competitor_names,
        rate=card_rate,
        overall=rate_of(list(history.deals.values())),
        wins_in=wins_in[:3],
        loses_in=loses_in[:3],
        their_claims=_distinct([quoted(history, q) for q in claims]),
        our_responses=_distinct(
            [quoted(history, o, text=o.response or "", speaker=history.deals[o.deal_id].owner) for o in answers]
        ),
        landmines=[Landmine(reason=r, deals=n) for r, n in reasons.most_common(3) if r],
        lost_to_them=sum(1 for d in against if not d.is_won and name.lower() in (d.close_reason or "").lower()),
    )


def _distinct(quotes: list[QuotedLine]) -> list[QuotedLine]:
    seen: set[str] = set()
    out: list[QuotedLine] = []
    for q in quotes:
        if q.text.lower() not in seen and len(out) < QUOTES:
            seen.add(q.text.lower())
            out.append(q)
    return out


def talk_tracks(history: History) -> list[TalkTrack]:
    """For each persona × size segment with won deals: the rep's pitch on the latest won call that persona attended."""
    spoke: dict[tuple[int, int], set[str]] = defaultdict(set)
    for q in history.buyer_lines:
        spoke[(q.deal_id, q.call_id)].add(q.persona)
    best: dict[tuple[str, str], Quote] = {}
    won_deals: dict[tuple[str, str], set[int]] = defaultdict(set)
    for q in history.rep_lines:
        d = history.deals[q.deal_id]
        if not d.is_won or "?" in q.text or len(q.text.split()) < 12:
            continue
        for persona in spoke.get((q.deal_id, q.call_id), set()):
            key = (persona, d.size_band)
            won_deals[key].add(d.id)
            if key not in best or (q.at, len(q.text)) > (best[key].at, len(best[key].text)):
                best[key] = q
    return [
        TalkTrack(persona=p, segment=f"{s} employees", won_deals=len(won_deals[(p, s)]), line=quoted(history, q))
        for (p, s), q in sorted(best.items())
    ]


# --- capability ------------------------------------------------------------------------------------------------------


class BattleCardArgs(BaseModel):
    """Arguments of get_battle_card."""

    competitor: str = Field(description="The competitor's name as buyers say it, e.g. 'DataPilot'.")


def _card(ctx: ToolContext, session: Session, a: BattleCardArgs) -> BaseModel:
    history = load_history(session, rules=rules_of(ctx.settings))
    return history.derived(("battle_card", a.competitor), lambda: battle_card(history, a.competitor))


CAPABILITIES = (
    Capability(
        name="get_battle_card",
        summary="battle card against a competitor",
        description="The battle card against one competitor, from our closed deals where it was named: win rate "
        "against it (with the deals behind it), segments where we win and lose, their claims as buyers quote them, "
        "our answers on won deals, and landmines (why we won against them). Use for 'battle card vs DataPilot', "
        "'how do we beat Metricly', 'how do we do against Quantix'.",
        args_schema=BattleCardArgs,
        run=_card,
        result_types=(BattleCard,),
        examples=(
            Example("battle card vs DataPilot", {"competitor": "DataPilot"}),
            Example("how do we beat Metricly?", {"competitor": "Metricly"}),
            Example("pull up the Quantix battle card", {"competitor": "Quantix"}),
            Example("how do we do against Lookwise?", {"competitor": "Lookwise"}),
            Example("competitive intel on Chartwell BI", {"competitor": "Chartwell BI"}),
            Example("where do we win and lose against DataPilot?", {"competitor": "DataPilot"}),
            Example("what does Metricly claim and how do we respond?", {"competitor": "Metricly"}),
            Example("our win rate against Quantix", {"competitor": "Quantix"}),
        ),
        subcommand=Subcommand(
            "battlecard", "battlecard <competitor>", "battle card against a competitor", arg="competitor"
        ),
    ),
)
