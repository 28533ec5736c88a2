"""Buyer personas from the team's closed deals: who is in the buying group of won deals, and what they care about.

Personas are named by rules from each contact's function and seniority (`history.persona_of`: "Finance approver",
"Technical evaluator", ...): plain, stable names that need no minimum history. For each persona: its share of won
deals, the win rate of closed deals with and without it (with the counts), what its people said on won calls about
their pains (quoted), the objections they raised, and the rep's pitch on won calls they attended.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import BaseModel, Field
from sqlmodel import Session

from tools.capabilities import Capability, Example, Subcommand, ToolContext
from tools.insights.common import QuotedLine, Rate, quoted, rate_of
from tools.insights.history import History, load_history
from tools.insights.pains import pain_theme
from tools.sensitive import rules_of

QUOTES = 3


class CategoryCount(BaseModel):
    """How often something was raised."""

    category: str
    count: int


class Persona(BaseModel):
    """One buyer persona."""

    name: str
    won_deals: int
    """Won deals whose buying group includes this persona."""
    share_of_won: float
    with_persona: Rate
    """Closed deals whose buying group includes it: won of total."""
    without_persona: Rate
    titles: list[CategoryCount]
    cares_about: list[QuotedLine]
    objections: list[CategoryCount]
    talk_track: QuotedLine | None = None


class Cluster(BaseModel):
    """A group of won deals' buying-group members that look alike (function, seniority, role, what they raised)."""

    name: str
    """The cluster's most common rule persona and deal role ("Finance approver · economic buyer")."""
    members: int
    won_deals: int
    top_objections: list[str]


class Personas(BaseModel):
    """Who buys from us."""

    personas: list[Persona]
    won_total: int
    closed_total: int
    method: str
    clusters: list[Cluster] = []
    """The data's own grouping (k chosen by silhouette), when there are enough won deals; empty otherwise."""


MIN_WON_FOR_CLUSTERS = 30
SENIORITY_RANK = {"c_level": 4, "vp": 3, "director": 2, "manager": 1, "individual": 0}


def cluster_members(history: History) -> tuple[list[Cluster], int | None]:
    """Cluster the buying-group members of won deals with k-means, k (2-8) chosen by silhouette; rules when thin."""
    won = [d for d in history.deals.values() if d.is_won]
    if len(won) < MIN_WON_FOR_CLUSTERS:
        return [], None
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.metrics import silhouette_score

    raised: dict[tuple[int, str], Counter[str]] = {}
    for o in history.objections:
        raised.setdefault((o.deal_id, o.speaker.lower()), Counter())[o.category] += 1
    members, rows = [], []
    for d in sorted(won, key=lambda d: d.id):
        for m in sorted(d.members, key=lambda m: m.contact_id):
            feats: dict[str, float] = {
                f"function={m.function}": 1.0,
                f"role={m.role}": 1.0,
                "seniority": SENIORITY_RANK.get(m.seniority, 0) / 2,
            }
            for category in raised.get((d.id, m.name.lower()), Counter()):
                feats[f"raised={category}"] = 1.0
            members.append((d.id, m))
            rows.append(feats)
    if len(rows) < 20:
        return [], None
    x = DictVectorizer(sparse=False).fit_transform(rows)
    best: tuple[float, int, list[int]] | None = None
    for k in range(2, 9):
        labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(x)
        score = float(silhouette_score(x, labels, sample_size=min(2000, len(rows)), random_state=0))
        if best is None or score > best[0]:
            best = (score, k, [int(v) for v in labels])
    assert best is not None
    _score, k, labels = best
    grouped: dict[int, list[tuple[int, Any]]] = {}
    for label, member in zip(labels, members, strict=True):
        grouped.setdefault(label, []).append(member)
    clusters = []
    for items in grouped.values():
        persona = Counter(m.persona for _d, m in items).most_common(1)[0][0]
        role = Counter(m.role.replace("_", " ") for _d, m in items).most_common(1)[0][0]
        cats = Counter(c for d, m in items for c in raised.get((d, m.name.lower()), Counter()))
        clusters.append(
            Cluster(
                name=f"{persona} · {role}",
                members=len(items),
                won_deals=len({d for d, _m in items}),
                top_objections=[c for c, _n in cats.most_common(3)],
            )
        )
    clusters.sort(key=lambda c: (-c.members, c.name))
    return clusters, k


def build_personas(history: History, *, only: str | None = None) -> Personas:
    """Describe each persona of the buying groups, most common in won deals first."""
    deals = list(history.deals.values())
    won_total = sum(d.is_won for d in deals)
    names = sorted({p for d in deals for p in d.personas})
    if only:
        names = [n for n in names if n.lower() == only.lower()] or [n for n in names if only.lower() in n.lower()]
    out: list[Persona] = []
    for name in names:
        present = [d for d in deals if name in d.personas]
        absent = [d for d in deals if name not in d.personas]
        won_with = sum(d.is_won for d in present)
        titles = Counter(m.title for d in present if d.is_won for m in d.members if m.persona == name)
        pains = [
            q
            for q in history.buyer_lines
            if q.persona == name and history.deals[q.deal_id].is_won and pain_theme(q.text)
        ]
        seen: set[str] = set()
        cares: list[QuotedLine] = []
        for q in sorted(pains, key=lambda q: (q.at, q.call_id), reverse=True):
            if q.text.lower() not in seen and len(cares) < QUOTES:
                seen.add(q.text.lower())
                cares.append(quoted(history, q))
        raised = Counter(o.category for o in history.objections if o.persona == name)
        out.append(
            Persona(
                name=name,
                won_deals=won_with,
                share_of_won=round(won_with / won_total, 3) if won_total else 0.0,
                with_persona=Rate(won=won_with, total=len(present)),
                without_persona=rate_of(absent),
                titles=[CategoryCount(category=t, count=c) for t, c in titles.most_common(3)],
                cares_about=cares,
                objections=[CategoryCount(category=c, count=n) for c, n in raised.most_common(4)],
                talk_track=_talk_track(history, name),
            )
        )
    out.sort(key=lambda p: (-p.won_deals, p.name))
    clusters, k = cluster_members(history)
    method = "rules: function × seniority"
    if k is not None:
        method += f"; the data groups won buying groups into {k} clusters (k-means, k by silhouette)"
    else:
        method += f" (fewer than {MIN_WON_FOR_CLUSTERS} won deals: no clustering)"
    return Personas(personas=out, won_total=won_total, closed_total=len(deals), method=method, clusters=clusters)


def _talk_track(history: History, persona: str) -> QuotedLine | None:
    """The rep's longest explanatory line on the latest won call this persona spoke on."""
    calls = {(q.deal_id, q.call_id) for q in history.buyer_lines if q.persona == persona}
    best = None
    for q in history.rep_lines:
        if (q.deal_id, q.call_id) not in calls or not history.deals[q.deal_id].is_won:
            continue
        if "?" in q.text or len(q.text.split()) < 12:
            continue
        if best is None or (q.at, len(q.text)) > (best.at, len(best.text)):
            best = q
    return quoted(history, best) if best is not None else None


# --- capability ------------------------------------------------------------------------------------------------------


class PersonaArgs(BaseModel):
    """Arguments of get_buyer_personas."""

    persona: str | None = Field(
        default=None, description="Only this persona, e.g. 'Finance approver' or 'Technical evaluator'."
    )


def _personas(ctx: ToolContext, session: Session, a: PersonaArgs) -> BaseModel:
    history = load_history(session, rules=rules_of(ctx.settings))
    return history.derived(("personas", a.persona), lambda: build_personas(history, only=a.persona))


CAPABILITIES = (
    Capability(
        name="get_buyer_personas",
        summary="who buys from us: personas of won deals",
        description="Describe the buyer personas of our closed deals (Finance approver, Technical evaluator, ...): "
        "share of won deals, win rate with and without them, what they care about (quoted), their objections and "
        "the talk track that preceded wins. Use for 'who buys from us', 'our buyer personas', 'what do CFOs care "
        "about'.",
        args_schema=PersonaArgs,
        run=_personas,
        result_types=(Personas,),
        examples=(
            Example("who buys from us?", {}),
            Example("what are our buyer personas?", {}),
            Example("what does the finance approver care about?", {"persona": "Finance approver"}),
            Example("who is usually in the buying group when we win?", {}),
            Example("what kind of people buy our product?", {}),
            Example("profile of the buyers on our closed-won deals", {}),
            Example("which roles are involved in deals we win?", {}),
            Example("what do technical evaluators want to see?", {"persona": "Technical evaluator"}),
            Example("what does the executive sponsor care about?", {"persona": "Executive sponsor"}),
            Example("tell me about the procurement persona", {"persona": "Procurement gatekeeper"}),
            Example("how do CFOs evaluate us?", {"persona": "Finance approver"}),
        ),
        subcommand=Subcommand("personas", "personas [persona]", "who buys from us", arg="persona"),
    ),
)
