"""Shared result pieces of the insights: a quoted record and a rate with the count behind it."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from tools.insights.history import ClosedDeal, History, Quote, RaisedObjection


class QuotedLine(BaseModel):
    """Something said on a recorded call or written in a note, with where it comes from."""

    text: str
    speaker: str
    deal_id: int
    deal: str
    company: str
    at: datetime
    won: bool | None = None


class Rate(BaseModel):
    """A win rate and the deals it rests on."""

    won: int
    total: int

    @property
    def value(self) -> float | None:
        """The rate, or None with no deals behind it."""
        return self.won / self.total if self.total else None


def rate_of(deals: list[ClosedDeal]) -> Rate:
    """Won out of closed, over `deals`."""
    return Rate(won=sum(d.is_won for d in deals), total=len(deals))


def quoted(
    history: History, q: Quote | RaisedObjection, *, text: str | None = None, speaker: str | None = None
) -> QuotedLine:
    """A call line as a quote naming its deal, company, date and speaker."""
    d = history.deals[q.deal_id]
    return QuotedLine(
        text=text if text is not None else q.text,
        speaker=speaker if speaker is not None else q.speaker,
        deal_id=d.id,
        deal=d.name,
        company=d.company,
        at=q.at,
        won=d.is_won,
    )
