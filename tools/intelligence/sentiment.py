"""Buyer sentiment over time: VADER on what the buyer wrote (inbound emails), the last 4 weeks against the 4 before.

VADER (vaderSentiment, a lexicon and rule set tuned for short informal text, offline) scores each inbound email's
subject and body from −1 to +1 (its `compound`); a deal's sentiment in a window is the mean over the buyer's emails
in it. The trend is "cooling" when the recent mean is 0.3 or more below the prior one, "warming" when 0.3 or more
above, else "steady"; with fewer than 2 emails in either window it is not judged. Every figure names the emails
behind it.
"""

from __future__ import annotations

import statistics
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select as sa_select  # five columns: more than sqlmodel's `select` types
from sqlmodel import Session, col

from store.models import Engagement, pk_col

WINDOW_DAYS = 28
MIN_EMAILS = 2
TREND_GAP = 0.3


class Sentiment(BaseModel):
    """A deal's buyer sentiment: recent and prior means, the trend, and the emails read."""

    recent: float | None
    prior: float | None
    trend: str
    """`warming`, `cooling`, `steady`, or `too few emails`."""
    recent_ids: list[int]
    prior_ids: list[int]
    most_negative_id: int | None = None

    def describe(self) -> str:
        """The sentiment in words, with its evidence."""
        if self.recent is None:
            return "buyer sentiment: no buyer emails in the last 4 weeks"
        text = f"buyer sentiment {self.recent:+.2f} on {len(self.recent_ids)} emails (last 4 weeks)"
        if self.prior is not None and self.trend != "too few emails":
            text += f", {self.trend} from {self.prior:+.2f}"
        if self.most_negative_id is not None:
            text += f"; most negative: engagement #{self.most_negative_id}"
        return text


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # type: ignore[import-untyped]

    return SentimentIntensityAnalyzer()


def score_text(text: str) -> float:
    """VADER's compound score of a text (−1 … +1)."""
    return float(_analyzer().polarity_scores(text)["compound"])


def buyer_sentiment(session: Session, deal_ids: list[int], *, now: datetime) -> dict[int, Sentiment]:
    """Each deal's buyer sentiment from its inbound emails up to `now`."""
    if not deal_ids:
        return {}
    since = now - timedelta(days=2 * WINDOW_DAYS)
    rows = session.execute(
        sa_select(
            pk_col(Engagement.id),
            col(Engagement.deal_id),
            col(Engagement.occurred_at),
            col(Engagement.subject),
            col(Engagement.body),
        ).where(
            col(Engagement.deal_id).in_(deal_ids),
            col(Engagement.type) == "email",
            col(Engagement.direction) == "inbound",
            col(Engagement.occurred_at) > since,
            col(Engagement.occurred_at) <= now,
        )
    ).all()
    by_deal: dict[int, list[tuple[int, bool, float]]] = {d: [] for d in deal_ids}
    for eid, deal_id, at, subject, body in rows:
        at = at if at.tzinfo else at.replace(tzinfo=now.tzinfo)
        text = " ".join(t for t in (subject, body) if t)
        if text.strip():
            by_deal[deal_id].append((eid, at > now - timedelta(days=WINDOW_DAYS), score_text(text)))
    out = {}
    for deal_id, scored in by_deal.items():
        recent = [(i, s) for i, is_recent, s in scored if is_recent]
        prior = [(i, s) for i, is_recent, s in scored if not is_recent]
        r = statistics.mean(s for _, s in recent) if recent else None
        p = statistics.mean(s for _, s in prior) if prior else None
        if r is None or p is None or len(recent) < MIN_EMAILS or len(prior) < MIN_EMAILS:
            trend = "too few emails"
        else:
            trend = "cooling" if r <= p - TREND_GAP else "warming" if r >= p + TREND_GAP else "steady"
        worst = min(recent, key=lambda x: (x[1], x[0])) if recent else None
        out[deal_id] = Sentiment(
            recent=round(r, 3) if r is not None else None,
            prior=round(p, 3) if p is not None else None,
            trend=trend,
            recent_ids=sorted(i for i, _ in recent),
            prior_ids=sorted(i for i, _ in prior),
            most_negative_id=worst[0] if worst and worst[1] < 0 else None,
        )
    return out
