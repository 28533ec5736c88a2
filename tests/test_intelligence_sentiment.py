"""Buyer sentiment from the buyer's own emails: the trend over time, with the emails named."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from store.models import Company, Deal, Engagement
from tools.intelligence.sentiment import buyer_sentiment, score_text

NOW = datetime(2026, 11, 25, 15, tzinfo=UTC)
WARM = ["This looks great, the team loved the demo!", "Thanks, really helpful, excited to move forward."]
COLD = ["We are not happy with the price, this is a problem.", "Frankly disappointed; we will pause this for now."]


def email(s: Session, deal_id: int, days_ago: float, text: str, direction: str = "inbound") -> int:
    e = Engagement(type="email", deal_id=deal_id, direction=direction, occurred_at=NOW - timedelta(days=days_ago),
                   subject="Re: proposal", body=text, buyer_engaged=direction == "inbound")  # fmt: skip
    s.add(e)
    s.flush()
    return e.id


def test_a_buyer_going_cold_is_cooling_and_the_worst_email_is_named(sqlite_engine):
    with Session(sqlite_engine) as s:
        s.add(Company(id=1, name="Acme"))
        s.add(Deal(id=1, name="Acme deal", company_id=1, stage="contractsent", created_at=NOW - timedelta(days=90)))
        s.add(Deal(id=2, name="Quiet deal", company_id=1, stage="qualifiedtobuy", created_at=NOW - timedelta(days=9)))
        s.flush()
        warm = [email(s, 1, 40 + i, t) for i, t in enumerate(WARM)]
        cold = [email(s, 1, 3 + i, t) for i, t in enumerate(COLD)]
        email(s, 1, 2, "Our own pitch: amazing, wonderful, best ever!", direction="outbound")  # not the buyer
        email(s, 1, 80, "Terrible, awful, worst.")  # older than 8 weeks: not read
        s.commit()
        result = buyer_sentiment(s, [1, 2], now=NOW)
    acme = result[1]
    assert acme.recent_ids == sorted(cold) and acme.prior_ids == sorted(warm)
    expected_recent = sum(score_text("Re: proposal " + t) for t in COLD) / 2
    assert abs(acme.recent - round(expected_recent, 3)) < 1e-9 and acme.recent < 0 < acme.prior
    assert acme.trend == "cooling"
    worst = min(cold, key=lambda i: score_text("Re: proposal " + COLD[cold.index(i)]))
    assert acme.most_negative_id == worst and f"engagement #{worst}" in acme.describe()
    assert result[2].recent is None and result[2].trend == "too few emails"
    assert "no buyer emails" in result[2].describe()
