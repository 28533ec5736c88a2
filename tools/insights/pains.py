"""Pain points buyers described on won deals' calls and in their notes, grouped by theme, with counts and quotes.

A buyer line (or a note on a won deal) is a pain when it matches one of the themes' cue phrases below; the themes are
plain words a rep would use, and each group says how many lines and won deals it rests on.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel
from sqlmodel import Session, col, select

from store.models import Company, Deal, Engagement
from tools.calls.lexicon import find_phrases
from tools.capabilities import Capability, Example, ToolContext
from tools.insights.common import QuotedLine, quoted
from tools.insights.history import History, load_history, utc
from tools.sensitive import DEFAULT_RULES, SensitivityRules, engagement_reason, rules_of

PAIN_THEMES: dict[str, tuple[str, ...]] = {
    "manual reporting": ("manual", "manually", "spreadsheet", "spreadsheets", "by hand", "wrangling",
                         "reporting service", "rebuild", "reading fields"),
    "numbers nobody trusts": ("trust", "trusting", "own version", "wrong", "a mess", "in the past", "differently",
                              "not great"),
    "deals slipping unseen": ("slipped", "slip", "went quiet", "gone quiet", "deal died", "burned", "churn",
                              "lost a big", "lost our"),
    "time lost in reviews": ("every monday", "two hours", "hours every", "pipeline reviews", "lose the most time"),
    "slow ramp and coaching": ("ramp", "ramping", "coaching", "faster"),
    "tools that failed before": ("nobody used", "broke every", "stalled", "tried a"),
}  # fmt: skip
QUOTES = 3


def pain_theme(text: str) -> str | None:
    """The pain theme a buyer line or note describes, if any ("no problem" is not a pain)."""
    low = text.lower()
    if "no problem" in low:
        return None
    best = max(PAIN_THEMES, key=lambda t: len(find_phrases(text, PAIN_THEMES[t])))
    return best if find_phrases(text, PAIN_THEMES[best]) else None


class PainGroup(BaseModel):
    """One pain theme on won deals."""

    theme: str
    mentions: int
    won_deals: int
    quotes: list[QuotedLine]


class PainPoints(BaseModel):
    """What won buyers said hurt."""

    groups: list[PainGroup]
    won_deals_with_calls: int
    notes_read: int


def pain_points(session: Session, history: History, rules: SensitivityRules = DEFAULT_RULES) -> PainPoints:
    """Group the pains buyers described on won calls and in won deals' notes (sensitive notes are not quoted)."""
    found: dict[str, list[QuotedLine]] = defaultdict(list)
    for said in history.buyer_lines:
        if history.deals[said.deal_id].is_won:
            theme = pain_theme(said.text)
            if theme:
                found[theme].append(quoted(history, said))
    notes = session.exec(
        select(Engagement, Deal.name, Company.name)
        .join(Deal, col(Deal.id) == Engagement.deal_id)
        .join(Company, col(Company.id) == Deal.company_id, isouter=True)
        .where(col(Engagement.type) == "note", col(Deal.is_won) == True)  # noqa: E712
    ).all()
    for note, deal_name, company in notes:
        if engagement_reason(note, rules):
            continue
        theme = pain_theme(note.body or "")
        if theme:
            found[theme].append(
                QuotedLine(
                    text=(note.body or "")[:400],
                    speaker="note",
                    deal_id=note.deal_id or 0,
                    deal=deal_name,
                    company=company or "",
                    at=utc(note.occurred_at),
                    won=True,
                )
            )
    groups = []
    for theme, items in found.items():
        items.sort(key=lambda q: q.at, reverse=True)
        seen: set[str] = set()
        quotes: list[QuotedLine] = []
        for line in items:
            if line.text.lower() not in seen and len(quotes) < QUOTES:
                seen.add(line.text.lower())
                quotes.append(line)
        groups.append(
            PainGroup(theme=theme, mentions=len(items), won_deals=len({q.deal_id for q in items}), quotes=quotes)
        )
    groups.sort(key=lambda g: (-g.won_deals, g.theme))
    return PainPoints(
        groups=groups,
        won_deals_with_calls=sum(1 for d in history.deals.values() if d.is_won and d.calls),
        notes_read=len(notes),
    )


class PainArgs(BaseModel):
    """Arguments of get_pain_points (none)."""


def _pains(ctx: ToolContext, session: Session, a: PainArgs) -> BaseModel:
    rules = rules_of(ctx.settings)
    history = load_history(session, rules=rules)
    return history.derived(("pains",), lambda: pain_points(session, history, rules))


CAPABILITIES = (
    Capability(
        name="get_pain_points",
        summary="pain points of won buyers",
        description="The pain points buyers described on calls and in notes of won deals, grouped by theme with "
        "counts and quotes. Use for 'what pain points do our buyers have', 'why do customers buy', 'what problems "
        "do we solve'.",
        args_schema=PainArgs,
        run=_pains,
        result_types=(PainPoints,),
        examples=(
            Example("what pain points do our buyers have?", {}),
            Example("why do customers buy from us?", {}),
            Example("what problems do buyers need solved when they sign?", {}),
            Example("top pain points of the customers we won", {}),
            Example("what are buyers struggling with before they buy?", {}),
            Example("which pains come up most in won deals?", {}),
            Example("what business problems do we solve for buyers?", {}),
            Example("what made our customers start looking for a solution?", {}),
        ),
    ),
)
