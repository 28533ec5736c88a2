"""Facts that scoring reads from a lead: timeline, domain kind, seniority, size band, gibberish and spam."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from settings import DEFAULT_CURRENCY_RATES
from store.models import InboundLead
from tools.leads.form import LeadIn
from tools.leads.vocabulary import FREE_MAIL_DOMAINS, SIZE_BANDS, SPAM_WORDS, STUDENT_LABELS, STUDENT_SUFFIXES
from tools.parsing.numbers import NUMBER_RE, number

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class LeadFacts:
    """What scoring reads about a lead, from a form (`LeadIn`) or a stored row (`InboundLead`)."""

    company: str
    domain: str | None
    email_domain: str | None
    company_size: str | None
    employee_count: int | None
    budget: float | None
    interest_area: str | None
    timeline: str | None
    notes: str | None
    contact_title: str | None
    submitted_at: datetime
    budget_note: str | None = None
    """Why a budget that was given is not in `budget` (unreadable, or a currency with no rate)."""

    @classmethod
    def from_input(cls, lead: LeadIn, *, now: datetime, rates: Mapping[str, float] | None = None) -> LeadFacts:
        """Facts of an incoming lead; a budget in another currency is converted to USD at `rates`."""
        rates = DEFAULT_CURRENCY_RATES if rates is None else rates
        return cls(
            company=lead.company,
            domain=lead.effective_domain,
            email_domain=lead.email_domain,
            company_size=lead.company_size,
            employee_count=lead.employee_count,
            budget=lead.budget.in_usd(rates) if lead.budget else None,
            interest_area=lead.interest_area,
            timeline=lead.timeline,
            notes=lead.notes,
            contact_title=lead.contact_title,
            submitted_at=lead.submitted_at or now,
            budget_note=lead.budget.note(rates) if lead.budget else None,
        )

    @classmethod
    def from_row(cls, row: InboundLead) -> LeadFacts:
        """Facts of a stored lead."""
        email_domain = row.contact_email.rsplit("@", 1)[-1].lower() if row.contact_email else None
        return cls(
            company=row.company_name,
            domain=(row.domain or email_domain or None),
            email_domain=email_domain,
            company_size=row.company_size,
            employee_count=row.employee_count,
            budget=row.budget,
            interest_area=row.interest_area,
            timeline=row.timeline,
            notes=row.notes,
            contact_title=row.contact_title,
            submitted_at=row.submitted_at,
            budget_note=row.budget_note,
        )


_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}


def timeline_days(text: str | None, *, submitted_at: datetime | None = None) -> int | None:
    """Estimate how many days from submission the buyer means to act, from free text.

    Ranges count at their midpoint ("3-6 months" → 135); "this quarter" → 45, "next quarter" → 135, "next year" →
    the middle of next calendar year; a date ("by 2027-03-01") counts from `submitted_at`. Unknown or "just
    researching" → None (the score treats it as its own signal).
    """
    if not text:
        return None
    t = text.strip().lower()
    ref = (submitted_at or datetime.now(UTC)).date()
    if re.search(r"\b(asap|immediately|urgent|right away|now|this week)\b", t):
        return 7
    if re.search(
        r"\b(no (timeline|timeframe|rush|plans?)|just (looking|researching|browsing)|not sure|unknown|tbd)\b", t
    ):
        return None
    iso = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
    if iso:
        try:
            return max(0, (date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))) - ref).days)
        except ValueError:
            return None
    if "this month" in t:
        return 15
    if "next month" in t:
        return 45
    if "this quarter" in t or "end of quarter" in t:
        return 45
    if "next quarter" in t:
        return 135
    if "this year" in t or "end of year" in t or "end of the year" in t:
        return max(30, (date(ref.year, 12, 31) - ref).days // 2 + 15)
    if "next year" in t or "next fiscal year" in t:
        return (date(ref.year + 1, 7, 1) - ref).days
    quarter = re.search(r"\bq([1-4])\b(?:\s*(\d{4}))?", t)
    if quarter:
        year = int(quarter.group(2) or ref.year)
        mid = date(year, 3 * int(quarter.group(1)) - 1, 15)
        if mid < ref and not quarter.group(2):
            mid = date(year + 1, mid.month, 15)
        return max(0, (mid - ref).days)
    span = re.search(
        rf"({NUMBER_RE})\s*(?:(?:-|–|to)\s*(\d+)\s*)?\+?\s*(day|week|month|quarter|year)s?",
        t,
    )
    if span:
        low = number(span.group(1)) or 1
        high = int(span.group(2)) if span.group(2) else low
        days = (low + high) / 2 * _UNIT_DAYS[span.group(3)]
        if "+" in t or "more than" in t or "over" in t:
            days = high * _UNIT_DAYS[span.group(3)] * 1.25
        return int(round(days))
    return None


def domain_kind(domain: str | None, free_mail: frozenset[str] = FREE_MAIL_DOMAINS) -> str:
    """Classify a domain: `business`, `free_mail`, `student` or `missing`."""
    if not domain:
        return "missing"
    domain = domain.lower()
    if domain in free_mail:
        return "free_mail"
    labels = domain.split(".")
    if domain.endswith(STUDENT_SUFFIXES) or any(label in STUDENT_LABELS for label in labels[:-1]):
        return "student"
    return "business"


def seniority(title: str | None) -> str:
    """Read a job title's seniority: `c_level`, `vp`, `director`, `manager`, `individual` or `unknown`."""
    if not title:
        return "unknown"
    t = title.lower()
    if re.search(r"\b(ceo|cfo|cto|coo|cro|cmo|cio|chief|founder|owner|president)\b", t) and "vice" not in t:
        return "c_level"
    if re.search(r"\b(vp|vice president|svp|evp|head of)\b", t):
        return "vp"
    if "director" in t:
        return "director"
    if re.search(r"\b(manager|lead|principal)\b", t):
        return "manager"
    if re.search(r"\b(student|intern)\b", t):
        return "student"
    return "individual"


def size_band_rank(band: str | None, employees: int | None) -> int | None:
    """Rank a company-size band 0 (1-10) … 6 (5001+), from the band text or else the employee count."""
    if band:
        numbers = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", band)]
        if numbers:
            low = numbers[0]
            for rank, (_, lo, hi) in enumerate(SIZE_BANDS):
                if lo <= low <= hi:
                    return rank
    if employees is not None:
        for rank, (_, _, hi) in enumerate(SIZE_BANDS):
            if employees <= hi:
                return rank
    return None


@lru_cache(maxsize=16)
def _vocabulary_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)  # longest first: "replacing"
    return re.compile(r"(?<![a-z])(?:" + "|".join(alternatives) + ")")


def _count_hits(text: str, words: tuple[str, ...]) -> int:
    """How many different words of the vocabulary occur in `text` (each word counts once, at a word start)."""
    return len(set(_vocabulary_pattern(words).findall(text)))


_VOWELS = set("aeiouy")


def gibberish_score(notes: str | None) -> float:
    """How much the notes look like keyboard mashing, 0 (prose) … 1 (noise).

    Heuristics, each a share of the words: a long word with no vowel, five or more consonants in a row, a character
    repeated four times, or a keyboard row run ("asdf", "qwer"); and one word repeated over and over. Real prose
    scores under 0.15; mashing scores over 0.5. Short abbreviations ("pls", "crm") do not count.
    """
    if not notes:
        return 0.0
    words = re.findall(r"[a-z]+", notes.lower())
    words = [w for w in words if len(w) >= 3]
    if not words:
        return 1.0 if len(notes.strip()) >= 8 else 0.0
    odd = 0
    for w in words:
        if (
            (len(w) >= 5 and not (set(w) & _VOWELS))
            or re.search(r"[^aeiouy\W\d_]{5,}", w)
            or re.search(r"(.)\1{3,}", w)
            or re.search(r"(asdf|qwer|zxcv|hjkl|sdfg|wert|xcvb|dfgh|jkl;)", w)
        ):
            odd += 1
    if len(words) >= 3 and len(set(words)) / len(words) <= 0.34:
        return 1.0  # the same word over and over ("test test test")
    letters = sum(len(w) for w in words)
    vowel_share = sum(ch in _VOWELS for w in words for ch in w) / max(1, letters)
    share = odd / len(words)
    if letters >= 15 and (vowel_share < 0.2 or vowel_share > 0.7):  # too few letters to judge: "pls call"
        share = max(share, 0.6)
    return round(min(1.0, share), 3)


def spam_score(notes: str | None) -> int:
    """Count spam signals in the notes: spam phrases, links, shouting, runs of exclamation marks."""
    if not notes:
        return 0
    t = notes.lower()
    hits = _count_hits(t, SPAM_WORDS)
    hits += min(3, len(re.findall(r"https?://|www\.", t)))
    letters = [c for c in notes if c.isalpha()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        hits += 1
    if "!!!" in notes:
        hits += 1
    return hits
