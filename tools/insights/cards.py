"""Battle cards, talk tracks and the week's objections as library documents, refreshed by the weekly library job.

They sit in the same Chroma collection as the objection snippets, with metadata (`kind` = `battle_card`,
`icp_talk_track` or `objections_week`, plus competitor / persona / segment / deals behind them), so a library search
finds them by meaning and a filter finds them by kind. Ids are stable (`card:battle:<competitor>`), so a refresh
replaces each card in place; cards whose subject disappeared are deleted.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session

from store.library import Library, drop_snapshot
from tools.insights.battlecards import battle_card, talk_tracks
from tools.insights.history import History, load_history
from tools.insights.objections import objections_of_the_week
from tools.library_seed import LibraryDoc
from tools.segments import iso_week
from tools.sensitive import DEFAULT_RULES, SensitivityRules

CARD_KINDS = ("battle_card", "icp_talk_track", "objections_week")


def _rate(won: int, total: int) -> str:
    return f"{100 * won / total:.0f}% ({won} of {total} deals)" if total else "no deals"


def card_documents(
    session: Session, history: History, *, now: datetime, rules: SensitivityRules = DEFAULT_RULES
) -> list[LibraryDoc]:
    """The library documents of every battle card, ICP talk track and this week's objections."""
    docs: list[LibraryDoc] = []
    for name in history.competitor_names:
        card = battle_card(history, name)
        if card.status != "found" or card.rate is None:
            continue
        lines = [f"Battle card vs {name}: win rate {_rate(card.rate.won, card.rate.total)}."]
        lines += [f"Buyers say: {q.text}" for q in card.their_claims]
        lines += [f"We answered (won): {q.text}" for q in card.our_responses]
        lines += [f"Landmine: {m.reason} ({m.deals} won deals)" for m in card.landmines]
        docs.append(
            LibraryDoc(
                id=f"card:battle:{name.lower()}",
                text="\n".join(lines),
                metadata={
                    "kind": "battle_card",
                    "category": "competitor",
                    "competitor": name,
                    "deals": card.rate.total,
                    "won": card.rate.won,
                    "response": (card.our_responses[0].text if card.our_responses else ""),
                    "persona": "",
                    "deal_id": 0,
                    "call_id": 0,
                },
            )
        )
    for t in talk_tracks(history):
        docs.append(
            LibraryDoc(
                id=f"card:track:{t.persona.lower()}:{t.segment.split()[0]}",
                text=f"Talk track for a {t.persona} ({t.segment}): {t.line.text}",
                metadata={
                    "kind": "icp_talk_track",
                    "category": "talk_track",
                    "persona": t.persona,
                    "segment": t.segment,
                    "deals": t.won_deals,
                    "response": t.line.text,
                    "deal_id": t.line.deal_id,
                    "call_id": 0,
                },
            )
        )
    week = objections_of_the_week(session, now=now, rules=rules)
    if week.categories:
        text = "Objections of the week: " + "; ".join(
            f"{c.category} {c.raised}x" + (" (new)" if c.new else "") for c in week.categories
        )
        docs.append(
            LibraryDoc(
                id=f"card:week:{iso_week(week.end.date())}",
                text=text,
                metadata={
                    "kind": "objections_week",
                    "category": "objections_week",
                    "week": iso_week(week.end.date()),
                    "deals": sum(c.deals for c in week.categories),
                    "response": text,
                    "persona": "",
                    "deal_id": 0,
                    "call_id": 0,
                },
            )
        )
    return docs


def refresh_cards(engine: Engine, library: Library, *, now: datetime, rules: SensitivityRules = DEFAULT_RULES) -> int:
    """Upsert the cards into the library and delete cards no longer backed by data; return how many are stored.

    Sensitive calls (`rules`) are quoted in no card.
    """
    with Session(engine) as session:
        docs = card_documents(session, load_history(session, rules=rules), now=now, rules=rules)
    drop_snapshot(library)  # the collection changes: the next seeding check on Chroma writes the snapshot again
    existing = library.collection.get(where={"kind": {"$in": list(CARD_KINDS)}}, include=[])["ids"]
    keep = {d.id for d in docs}
    # Weekly objection cards are history: keep past weeks, replace only cards whose subject is gone.
    stale = [i for i in existing if i not in keep and not i.startswith("card:week:")]
    if stale:
        library.collection.delete(ids=stale)
    if docs:
        library.collection.upsert(
            ids=[d.id for d in docs], documents=[d.text for d in docs], metadatas=[d.metadata for d in docs]
        )
    return len(docs)
