"""Word lists and plausibility limits the lead rules read (why each list exists is in the rule that uses it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


def _vocabulary(*chunks: str) -> tuple[str, ...]:
    """Split `|`-separated words (kept as long strings so the lists stay readable)."""
    return tuple("".join(chunks).split("|"))


FREE_MAIL_DOMAINS = frozenset(
    _vocabulary(
        "gmail.com|googlemail.com|yahoo.com|yahoo.co.uk|ymail.com|hotmail.com|hotmail.co.uk|outlook.com|"
        "live.com|msn.com|aol.com|icloud.com|me.com|mac.com|proton.me|protonmail.com|gmx.com|gmx.de|web.de|"
        "mail.com|yandex.com|yandex.ru|zoho.com|qq.com|163.com|hey.com|fastmail.com|tutanota.com"
    )
)
STUDENT_SUFFIXES = (".edu", ".ac.uk", ".edu.au", ".ac.nz", ".ac.in", ".ac.jp", ".edu.cn", ".ac.za", ".ac.il")
STUDENT_LABELS = ("student", "students", "alumni", "alum")
PAIN_WORDS = _vocabulary(
    "manual|spreadsheet|excel|replace|replacing|migrate|migration|scale|scaling|integrat|visibility|churn|"
    "compliance|audit|slow|broken|pain|struggl|losing|cost|errors|consolidat|automat|evaluat|pilot|rfp|"
    "renewal|contract"
)
URGENCY_WORDS = _vocabulary(
    "asap|urgent|urgently|immediately|this quarter|this month|deadline|end of quarter|by q|go-live|"
    "go live|budget approved|approved budget|signed off|need to decide"
)
SPAM_WORDS = _vocabulary(
    "seo|backlink|guest post|casino|crypto|bitcoin|forex|viagra|loan offer|click here|buy now|"
    "rank your website|first page of google|web design services|lead generation services|promotion|winner|"
    "free money|unsubscribe"
)
SIZE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("1-10", 1, 10),
    ("11-50", 11, 50),
    ("51-200", 51, 200),
    ("201-500", 201, 500),
    ("501-1000", 501, 1000),
    ("1001-5000", 1001, 5000),
    ("5001+", 5001, 10**9),
)
TIERS = ("A", "B", "C", "D")
MAX_PLAUSIBLE_BUDGET = 10_000_000.0
"""A stated budget above this (or zero) is treated as junk, not as a huge buyer."""
MAX_PLAUSIBLE_EMPLOYEES = 500_000
