"""Inbound leads: the validated form, early disqualification, the score (0–100, tier A–D, reasons) and intake.

One path for every lead: the website form (POST /intake, `bot/intake.py`), HubSpot form submissions and new contacts
after a sync all call `intake_lead`, which validates, de-duplicates, scores and stores the lead in one transaction.

The score is learned from the team's own history (leads → deals won or lost, see `tools/lead_model.py`); when that
history is too thin the transparent rule-based score below is used instead, and the reply says which one it is.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from store.models import InboundLead

if TYPE_CHECKING:
    from settings import Settings
    from tools.lead_model import LeadModel

log = logging.getLogger(__name__)


def _vocabulary(*chunks: str) -> tuple[str, ...]:
    """Split `|`-separated words (kept as long strings so the lists stay readable)."""
    return tuple("".join(chunks).split("|"))


# --- vocabularies (why each list exists is in the docstring of the rule that uses it) ------------------------------

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

_EMAIL = re.compile(r"^[^@\s]{1,64}@([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}$")
_HOST = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_AMOUNT = re.compile(r"^(?:usd|us\$|\$|€|£)?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(k|m|mm|thousand|million)?\s*(?:usd|\$)?$")


# --- the form -----------------------------------------------------------------------------------------------------


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def parse_amount(value: Any) -> float | None:
    """Read a budget written as a number or as text such as "$50,000", "50k" or "1.2M".

    Raises:
        ValueError: The text is not an amount.
    """
    value = _blank_to_none(value)
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("budget must be an amount such as 50000 or $50k")
    if isinstance(value, int | float):
        amount = float(value)
    else:
        match = _AMOUNT.match(str(value).strip().lower())
        if not match:
            raise ValueError("budget must be an amount such as 50000 or $50k")
        amount = float(match.group(1).replace(",", ""))
        unit = match.group(2)
        amount *= {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6}.get(unit or "", 1.0)
    if not math.isfinite(amount) or amount < 0:
        raise ValueError("budget must be a positive amount")
    return amount


def normalise_domain(value: str) -> str:
    """Lower-case a domain or website and strip the scheme, `www.`, port and path ("https://www.Acme.io/x" → acme.io).

    Raises:
        ValueError: What is left is not a host name.
    """
    host = value.strip().lower()
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", host)
    host = host.split("/", 1)[0].split("?", 1)[0].split(":", 1)[0].rstrip(".")
    host = host.removeprefix("www.")
    if not _HOST.match(host):
        raise ValueError("domain must be a host name such as acme.com")
    return host


class LeadIn(BaseModel):
    """One lead as it arrives: the website form's fields (JSON or form-encoded), or a HubSpot contact's.

    Unknown fields (tracking parameters, hidden inputs) are ignored; known fields are checked, and an error names the
    field. Empty strings from HTML forms count as "not given".
    """

    model_config = ConfigDict(str_strip_whitespace=True, extra="ignore", populate_by_name=True)

    company: str = Field(min_length=1, max_length=200, validation_alias=AliasChoices("company", "company_name"))
    domain: str | None = Field(default=None, max_length=253, validation_alias=AliasChoices("domain", "website"))
    company_size: str | None = Field(default=None, max_length=40, validation_alias=AliasChoices("company_size", "size"))
    employee_count: int | None = Field(
        default=None, ge=0, le=10_000_000, validation_alias=AliasChoices("employee_count", "employees")
    )
    budget: float | None = Field(default=None, ge=0)
    interest_area: str | None = Field(
        default=None, max_length=100, validation_alias=AliasChoices("interest_area", "interest")
    )
    timeline: str | None = Field(default=None, max_length=100)
    notes: str | None = Field(default=None, max_length=5000, validation_alias=AliasChoices("notes", "message"))
    contact_name: str | None = Field(
        default=None, max_length=200, validation_alias=AliasChoices("contact_name", "name")
    )
    contact_email: str = Field(max_length=254, validation_alias=AliasChoices("contact_email", "email"))
    contact_title: str | None = Field(
        default=None, max_length=200, validation_alias=AliasChoices("contact_title", "title", "jobtitle")
    )
    hubspot_id: str | None = Field(default=None, max_length=40)
    submitted_at: datetime | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return _blank_to_none(value)

    @field_validator("budget", mode="before")
    @classmethod
    def _budget_amount(cls, value: Any) -> float | None:
        return parse_amount(value)

    @field_validator("employee_count", mode="before")
    @classmethod
    def _employee_number(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.replace(",", "").strip()
            if not text.isdigit():
                raise ValueError("employee_count must be a whole number such as 120")
            return int(text)
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError("employee_count must be a whole number such as 120")
        return value

    @field_validator("domain")
    @classmethod
    def _domain_host(cls, value: str | None) -> str | None:
        return None if value is None else normalise_domain(value)

    @field_validator("contact_email")
    @classmethod
    def _email_shape(cls, value: str) -> str:
        if not _EMAIL.match(value):
            raise ValueError("contact_email must be an email address such as jane@acme.com")
        return value

    @field_validator("submitted_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # HubSpot and forms send UTC when they send no offset
        return value

    @property
    def email_domain(self) -> str:
        """The domain of the contact's email address, lower-cased."""
        return self.contact_email.rsplit("@", 1)[-1].lower()

    @property
    def effective_domain(self) -> str:
        """The company domain given, else the email's domain."""
        return self.domain or self.email_domain


def validation_errors(exc: ValidationError) -> list[dict[str, str]]:
    """Turn a pydantic error into `[{"field": ..., "message": ...}]`, one per problem, for a 422 answer."""
    errors = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        name = loc[0] if loc else "body"
        message = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        if err.get("type") == "missing" or (err.get("input") is None and "string" in str(err.get("type"))):
            message = "is required"
        errors.append({"field": name, "message": message})
    return errors


def dedupe_key(email: str, domain: str | None) -> str:
    """Key of "the same person asking twice": sha256 of the normalised email and company domain.

    Normalised: lower-case, and a `+tag` in the mailbox dropped (jane+web@acme.com is jane@acme.com).
    """
    local, _, host = email.strip().lower().partition("@")
    local = local.split("+", 1)[0]
    raw = f"{local}@{host}|{(domain or host).strip().lower()}"
    return hashlib.sha256(raw.encode()).hexdigest()


# --- facts that scoring reads ---------------------------------------------------------------------------------------


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

    @classmethod
    def from_input(cls, lead: LeadIn, *, now: datetime) -> LeadFacts:
        """Facts of an incoming lead."""
        return cls(
            company=lead.company,
            domain=lead.effective_domain,
            email_domain=lead.email_domain,
            company_size=lead.company_size,
            employee_count=lead.employee_count,
            budget=lead.budget,
            interest_area=lead.interest_area,
            timeline=lead.timeline,
            notes=lead.notes,
            contact_title=lead.contact_title,
            submitted_at=lead.submitted_at or now,
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
        )


_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9, "twelve": 12, "a": 1}
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
        r"(\d+|one|two|three|four|five|six|nine|twelve|a)\s*(?:(?:-|–|to)\s*(\d+)\s*)?\+?\s*(day|week|month|quarter|year)s?",
        t,
    )
    if span:
        low = int(_NUM_WORDS.get(span.group(1), span.group(1)) if not span.group(1).isdigit() else span.group(1))
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


# --- early disqualification ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """An early-disqualification flag: a stable `code` and the reason in plain words."""

    code: Literal["budget_floor", "timeline_horizon", "free_mail", "student", "competitor", "spam", "gibberish"]
    message: str


@dataclass(frozen=True)
class LeadRules:
    """The configurable disqualification rules (defaults from settings)."""

    budget_floor: float = 5_000.0
    horizon_days: int = 365
    competitors: tuple[str, ...] = ()
    free_mail: frozenset[str] = FREE_MAIL_DOMAINS
    spam_threshold: int = 2
    gibberish_threshold: float = 0.5

    @classmethod
    def from_settings(cls, settings: Settings) -> LeadRules:
        """Rules from LEAD_BUDGET_FLOOR, LEAD_TIMELINE_HORIZON_DAYS, LEAD_COMPETITORS, LEAD_FREE_MAIL_DOMAINS."""
        return cls(
            budget_floor=settings.lead_budget_floor,
            horizon_days=settings.lead_timeline_horizon_days,
            competitors=tuple(c.strip().lower() for c in settings.lead_competitors if c.strip()),
            free_mail=FREE_MAIL_DOMAINS | {d.strip().lower() for d in settings.lead_free_mail_domains if d.strip()},
        )


def _money(amount: float) -> str:
    return f"${amount:,.0f}"


def _is_competitor(facts: LeadFacts, competitors: tuple[str, ...]) -> str | None:
    company = re.sub(r"[^a-z0-9]+", " ", facts.company.lower()).strip()
    domains = {d for d in (facts.domain, facts.email_domain) if d}
    for comp in (c.strip().lower() for c in competitors):
        if "." in comp:
            if any(d == comp or d.endswith("." + comp) for d in domains):
                return comp
        else:
            name = re.sub(r"[^a-z0-9]+", " ", comp).strip()
            if name and (company == name or re.search(rf"\b{re.escape(name)}\b", company)):
                return comp
    return None


def disqualification_flags(facts: LeadFacts, rules: LeadRules) -> list[Flag]:
    """Check the early-disqualification rules; each broken rule gives one flag with its reason."""
    flags: list[Flag] = []
    if facts.budget is not None and facts.budget < rules.budget_floor:
        flags.append(
            Flag("budget_floor", f"budget {_money(facts.budget)} is under the {_money(rules.budget_floor)} floor")
        )
    days = timeline_days(facts.timeline, submitted_at=facts.submitted_at)
    if days is not None and days > rules.horizon_days:
        flags.append(
            Flag(
                "timeline_horizon",
                f'timeline "{facts.timeline}" (~{days} days) is beyond the {rules.horizon_days}-day horizon',
            )
        )
    for domain in dict.fromkeys(d for d in (facts.email_domain, facts.domain) if d):
        kind = domain_kind(domain, rules.free_mail)
        if kind == "free_mail" and not any(f.code == "free_mail" for f in flags):
            flags.append(Flag("free_mail", f"free-mail address ({domain}), no company domain"))
        elif kind == "student" and not any(f.code == "student" for f in flags):
            flags.append(Flag("student", f"student or academic domain ({domain})"))
    competitor = _is_competitor(facts, rules.competitors)
    if competitor:
        flags.append(Flag("competitor", f"competitor ({competitor})"))
    if spam_score(facts.notes) >= rules.spam_threshold:
        flags.append(Flag("spam", "notes look like spam (sales pitch, links or shouting)"))
    if len((facts.notes or "").strip()) >= 5 and gibberish_score(facts.notes) >= rules.gibberish_threshold:
        flags.append(Flag("gibberish", "notes look like gibberish"))
    return flags


# --- features ------------------------------------------------------------------------------------------------------

FEATURE_GROUPS = {
    "budget": "budget",
    "size": "company size",
    "timeline": "timeline",
    "interest": "interest area",
    "notes": "notes",
    "domain": "email domain",
    "llm": "notes (LLM reading)",
}


def lead_features(facts: LeadFacts, *, llm_rating: float | None = None) -> dict[str, float]:
    """Engineered features of a lead, named `<group>:<what>` so reasons can be grouped in plain words.

    Missing values get their own indicator rather than a guess, so "no budget given" can itself be a signal.
    """
    f: dict[str, float] = {}
    # Forms collect junk ("0", "999999999"): clip to a plausible range and say so, or one absurd value would dominate.
    if facts.budget is not None:
        f["budget:log"] = math.log10(1.0 + min(facts.budget, MAX_PLAUSIBLE_BUDGET))
        if facts.budget <= 0 or facts.budget > MAX_PLAUSIBLE_BUDGET:
            f["budget:implausible"] = 1.0
    else:
        f["budget:missing"] = 1.0
    if facts.employee_count is not None:
        f["size:log_employees"] = math.log10(1.0 + min(facts.employee_count, MAX_PLAUSIBLE_EMPLOYEES))
        if facts.employee_count > MAX_PLAUSIBLE_EMPLOYEES:
            f["size:implausible_employees"] = 1.0
    else:
        f["size:employees_missing"] = 1.0
    rank = size_band_rank(facts.company_size, facts.employee_count)
    if rank is not None:
        f["size:band_rank"] = float(rank)
    else:
        f["size:band_missing"] = 1.0
    days = timeline_days(facts.timeline, submitted_at=facts.submitted_at)
    if days is not None:
        f["timeline:years"] = min(days, 730) / 365.0
    else:
        f["timeline:unknown"] = 1.0
    interest = (facts.interest_area or "unknown").strip().lower()
    f[f"interest:{interest}"] = 1.0
    notes = (facts.notes or "").strip()
    lowered = notes.lower()
    f["notes:log_length"] = math.log10(1.0 + len(notes))
    f["notes:pain"] = float(min(4, _count_hits(lowered, PAIN_WORDS)))
    f["notes:urgency"] = float(min(3, _count_hits(lowered, URGENCY_WORDS)))
    f["notes:spam"] = float(min(4, spam_score(notes)))
    f["notes:gibberish"] = gibberish_score(notes) if len(notes) >= 5 else 0.0
    kind = domain_kind(facts.email_domain or facts.domain)
    f[f"domain:{kind}"] = 1.0
    # No contact title / seniority here, on purpose: CRMs fill titles in AFTER a lead converts (enrichment, the
    # AE's updates), so in history "has a title" means "converted" and a model would learn the label, not the lead.
    if llm_rating is not None:
        f["llm:notes_rating"] = llm_rating
    return f


# --- scores ---------------------------------------------------------------------------------------------------------


@dataclass
class LeadScore:
    """A lead's score (0–100), tier (A best … D), the reasons in plain words, and early-disqualification flags.

    `method` says how it was computed: `learned` (from the team's won/lost history: the score is the lead's
    percentile among past leads) or `rules` (transparent points, used when the history is too thin). `probability` is
    the calibrated chance of a won deal (learned only).
    """

    score: int
    tier: str
    reasons: list[str]
    flags: list[Flag] = field(default_factory=list)
    method: Literal["learned", "rules"] = "rules"
    probability: float | None = None
    model_note: str = ""

    @property
    def disqualified(self) -> bool:
        """True when any early-disqualification rule fired."""
        return bool(self.flags)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON answers and the CLI."""
        return {
            "score": self.score,
            "tier": self.tier,
            "reasons": list(self.reasons),
            "flags": [{"code": f.code, "message": f.message} for f in self.flags],
            "method": self.method,
            "probability": None if self.probability is None else round(self.probability, 4),
            "model": self.model_note,
        }


def _rule_points(facts: LeadFacts, rules: LeadRules) -> list[tuple[int, str]]:
    points: list[tuple[int, str]] = []
    if facts.budget is None:
        points.append((-5, "no budget given"))
    elif facts.budget > MAX_PLAUSIBLE_BUDGET:
        points.append((-10, f"implausible budget {_money(facts.budget)}"))
    elif facts.budget >= 100_000:
        points.append((20, f"budget {_money(facts.budget)} (100k or more)"))
    elif facts.budget >= 50_000:
        points.append((15, f"budget {_money(facts.budget)} (50k or more)"))
    elif facts.budget >= 20_000:
        points.append((8, f"budget {_money(facts.budget)} (20k or more)"))
    elif facts.budget < rules.budget_floor:
        points.append((-20, f"budget {_money(facts.budget)} under the {_money(rules.budget_floor)} floor"))
    rank = size_band_rank(facts.company_size, facts.employee_count)
    size_text = facts.company_size or (f"{facts.employee_count} employees" if facts.employee_count else "")
    if rank is not None and rank >= 5:
        points.append((10, f"large company ({size_text})"))
    elif rank is not None and rank >= 3:
        points.append((6, f"mid-size company ({size_text})"))
    elif rank is not None and rank == 0:
        points.append((-8, f"very small company ({size_text})"))
    days = timeline_days(facts.timeline, submitted_at=facts.submitted_at)
    if days is None:
        points.append((-3, "no clear timeline"))
    elif days <= 90:
        points.append((12, f'buying soon ("{facts.timeline}")'))
    elif days <= 180:
        points.append((5, f'buying within six months ("{facts.timeline}")'))
    elif days > rules.horizon_days:
        points.append((-15, f'timeline beyond the horizon ("{facts.timeline}")'))
    lowered = (facts.notes or "").lower()
    pain = min(3, _count_hits(lowered, PAIN_WORDS))
    if pain:
        points.append((3 * pain, "notes describe a concrete need"))
    if _count_hits(lowered, URGENCY_WORDS):
        points.append((5, "notes show urgency"))
    if spam_score(facts.notes) >= rules.spam_threshold or (
        len(lowered) >= 5 and gibberish_score(facts.notes) >= rules.gibberish_threshold
    ):
        points.append((-25, "notes look like spam or gibberish"))
    kind = domain_kind(facts.email_domain or facts.domain, rules.free_mail)
    if kind in ("free_mail", "student"):
        points.append((-15, "free-mail or student address" if kind == "free_mail" else "student address"))
    level = seniority(facts.contact_title)
    if level in ("c_level", "vp"):
        points.append((6, f"senior contact ({facts.contact_title})"))
    elif level == "director":
        points.append((4, f"director-level contact ({facts.contact_title})"))
    return points


RULE_TIER_CUTS = (65, 50, 35)
"""Score cut-offs of tiers A, B and C for the rule-based score (D below)."""


def tier_for(score: float, cuts: tuple[float, float, float]) -> str:
    """Tier A–D for a score, given the lower bounds of A, B and C."""
    for tier, cut in zip(TIERS, cuts, strict=False):
        if score >= cut:
            return tier
    return "D"


def rule_based_score(facts: LeadFacts, rules: LeadRules, *, note: str = "") -> LeadScore:
    """The transparent fallback: 40 points to start, plus or minus fixed points per signal, clamped to 0–100."""
    points = _rule_points(facts, rules)
    score = int(max(0, min(100, 40 + sum(p for p, _ in points))))
    flags = disqualification_flags(facts, rules)
    ranked = sorted(points, key=lambda p: -abs(p[0]))
    reasons = [f"{text} ({p:+d})" for p, text in ranked[:4]]
    tier = "D" if flags else tier_for(score, RULE_TIER_CUTS)
    return LeadScore(score=score, tier=tier, reasons=reasons, flags=flags, method="rules", model_note=note)


# --- the scorer: learned when history allows, rules otherwise ------------------------------------------------------


@dataclass
class LeadScorer:
    """Scores leads with the learned model when there is one, else with the rules."""

    rules: LeadRules
    model: LeadModel | None = None
    fallback_note: str = ""
    llm_rate: Callable[[str], float | None] | None = None

    def score(self, facts: LeadFacts) -> LeadScore:
        """Score one lead."""
        if self.model is None:
            return rule_based_score(facts, self.rules, note=self.fallback_note)
        rating = None
        if self.model.uses_llm and self.llm_rate is not None and facts.notes:
            rating = self.llm_rate(facts.notes)
        flags = disqualification_flags(facts, self.rules)
        result = self.model.score(facts, llm_rating=rating)
        result.flags = flags
        if flags:
            result.tier = "D"
        return result


def load_scorer(engine: Engine, settings: Settings, *, as_of: datetime | None = None) -> LeadScorer:
    """The scorer for this store: the model learned from its history (cached by data), or the rule-based fallback."""
    from tools.lead_model import LeadHistoryTooThin, learned_model_for

    rules = LeadRules.from_settings(settings)
    llm_rate = None
    if settings.llm_configured and settings.lead_llm_notes:
        from tools.lead_llm import notes_rater

        llm_rate = notes_rater(settings)
    try:
        model = learned_model_for(engine, settings, as_of=as_of, llm_rate=llm_rate)
    except LeadHistoryTooThin as thin:
        return LeadScorer(rules=rules, model=None, fallback_note=f"rule-based score: {thin}")
    return LeadScorer(rules=rules, model=model, llm_rate=llm_rate)


def score_lead(lead: LeadIn, *, engine: Engine, settings: Settings, now: datetime | None = None) -> LeadScore:
    """Score a lead without storing it (CLI, copilot tool)."""
    now = now or datetime.now(UTC)
    return load_scorer(engine, settings).score(LeadFacts.from_input(lead, now=now))


# --- intake ---------------------------------------------------------------------------------------------------------


@dataclass
class IntakeResult:
    """What intake did: the lead's id, whether it was new (`created`) or a duplicate, and its score."""

    lead_id: int
    created: bool
    score: LeadScore | None
    dedupe_key: str
    source: str

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the HTTP answer."""
        out: dict[str, Any] = {"lead_id": self.lead_id, "duplicate": not self.created}
        if self.score is not None:
            out.update(self.score.as_dict())
        return out


def _existing(session: Session, key: str, hubspot_id: str | None) -> InboundLead | None:
    row = session.exec(select(InboundLead).where(InboundLead.dedupe_key == key)).first()
    if row is None and hubspot_id:
        row = session.exec(select(InboundLead).where(InboundLead.hubspot_id == hubspot_id)).first()
    return row


def intake_lead(
    engine: Engine,
    lead_in: LeadIn,
    *,
    source: str,
    settings: Settings | None = None,
    scorer: LeadScorer | None = None,
    now: datetime | None = None,
) -> IntakeResult:
    """Take one lead in: de-duplicate, score, and store it with its score in one transaction.

    A lead already known by `dedupe_key` (or by HubSpot id) is not stored again: the result points at the existing
    row with `created=False`, so the caller posts nothing twice. Two concurrent submissions of the same lead race on
    the unique key; the loser sees the winner's row.
    """
    from settings import get_settings

    settings = settings or get_settings()
    now = now or datetime.now(UTC)
    key = dedupe_key(lead_in.contact_email, lead_in.effective_domain)
    with Session(engine, expire_on_commit=False) as session:
        found = _existing(session, key, lead_in.hubspot_id)
        if found is not None:
            return IntakeResult(lead_id=int(found.id or 0), created=False, score=None, dedupe_key=key, source=source)
    scorer = scorer or load_scorer(engine, settings)
    facts = LeadFacts.from_input(lead_in, now=now)
    result = scorer.score(facts)
    row = InboundLead(
        hubspot_id=lead_in.hubspot_id,
        dedupe_key=key,
        submitted_at=facts.submitted_at,
        company_name=lead_in.company,
        domain=lead_in.effective_domain,
        company_size=lead_in.company_size,
        employee_count=lead_in.employee_count,
        budget=lead_in.budget,
        interest_area=lead_in.interest_area,
        timeline=lead_in.timeline,
        notes=lead_in.notes,
        contact_name=lead_in.contact_name,
        contact_email=lead_in.contact_email,
        contact_title=lead_in.contact_title,
        source=source,
        score=float(result.score),
        tier=result.tier,
        score_reasons=result.reasons,
        disqualifiers=[f.message for f in result.flags],
        scored_at=now,
        status="new",
    )
    try:
        with Session(engine, expire_on_commit=False) as session:
            session.add(row)
            session.commit()
            lead_id = int(row.id or 0)
    except IntegrityError:
        with Session(engine) as session:
            found = _existing(session, key, lead_in.hubspot_id)
        if found is None:
            raise
        return IntakeResult(lead_id=int(found.id or 0), created=False, score=None, dedupe_key=key, source=source)
    return IntakeResult(lead_id=lead_id, created=True, score=result, dedupe_key=key, source=source)


HUBSPOT_LEAD_PROPERTIES = {
    "company": "company",
    "website": "domain",
    "domain": "domain",
    "company_size": "company_size",
    "numemployees": "employee_count",
    "budget": "budget",
    "interest_area": "interest_area",
    "timeline": "timeline",
    "message": "notes",
    "notes": "notes",
    "email": "contact_email",
    "jobtitle": "contact_title",
    "createdate": "submitted_at",
}
"""HubSpot contact/form property → intake field. `budget`, `timeline`, `interest_area`, `company_size` are the
custom properties the website form writes; the rest are HubSpot defaults."""


def lead_in_from_hubspot(properties: dict[str, Any], *, hubspot_id: str | None = None) -> LeadIn:
    """Build the intake form from a HubSpot contact's (or form submission's) properties.

    Raises:
        ValidationError: The properties lack what a lead needs (company, email) or hold bad values.
    """
    data: dict[str, Any] = {}
    for prop, name in HUBSPOT_LEAD_PROPERTIES.items():
        value = properties.get(prop)
        if value not in (None, "") and name not in data:
            data[name] = value
    first, last = properties.get("firstname") or "", properties.get("lastname") or ""
    if (first or last) and "contact_name" not in data:
        data["contact_name"] = f"{first} {last}".strip()
    if hubspot_id:
        data["hubspot_id"] = hubspot_id
    return LeadIn.model_validate(data)


def intake_hubspot_contact(
    engine: Engine, properties: dict[str, Any], *, hubspot_id: str, settings: Settings | None = None
) -> IntakeResult:
    """The HubSpot path into intake (form submissions, new contacts after a sync): same checks, same scoring."""
    return intake_lead(
        engine, lead_in_from_hubspot(properties, hubspot_id=hubspot_id), source="hubspot", settings=settings
    )


# --- copilot tool ----------------------------------------------------------------------------------------------------


class ScoreLeadArgs(BaseModel):
    """Arguments of the `score_lead` tool."""

    company: str = Field(description="Company name of the lead.")
    contact_email: str = Field(description="The contact's email address; its domain is checked for free-mail.")
    domain: str | None = Field(default=None, description="Company website or domain, if known.")
    company_size: str | None = Field(default=None, description='Size band such as "51-200", if known.')
    employee_count: int | None = Field(default=None, description="Number of employees, if known.")
    budget: str | None = Field(default=None, description='Stated budget, e.g. "50000" or "$50k".')
    interest_area: str | None = Field(default=None, description="Product or area the lead asked about.")
    timeline: str | None = Field(default=None, description='When they want to buy, e.g. "this quarter".')
    notes: str | None = Field(default=None, description="The lead's message, verbatim.")
    contact_title: str | None = Field(default=None, description="The contact's job title.")


def format_lead_score(result: LeadScore, company: str) -> str:
    """The score in a few plain lines (CLI and copilot)."""
    lines = [f"{company}: score {result.score}/100, tier {result.tier} ({result.method})"]
    lines += [f"  - {reason}" for reason in result.reasons]
    lines += [f"  ! {flag.message}" for flag in result.flags] or ["  no disqualification flags"]
    if result.model_note:
        lines.append(f"  ({result.model_note})")
    return "\n".join(lines)


def score_this_lead(engine: Engine, settings: Settings, **fields: Any) -> LeadScore:
    """Score a lead described by its fields (the copilot's "score this lead").

    Raises:
        ValidationError: A field is missing or malformed.
    """
    return score_lead(LeadIn.model_validate(fields), engine=engine, settings=settings)


# --- leads that arrive through HubSpot ------------------------------------------------------------------------------

HUBSPOT_WATERMARK_KEY = "hubspot_leads_watermark"
HUBSPOT_CONTACT_LEAD_PROPERTIES = (
    *dict.fromkeys(HUBSPOT_LEAD_PROPERTIES),
    "firstname",
    "lastname",
    "lastmodifieddate",
)


@dataclass
class HubSpotLeadImport:
    """What one pass over new HubSpot contacts did."""

    created: list[IntakeResult] = field(default_factory=list)
    duplicates: int = 0
    invalid: dict[str, str] = field(default_factory=dict)
    """HubSpot contact id → why it is not a lead (e.g. no company or email)."""
    watermark: datetime | None = None


def import_hubspot_leads(
    engine: Engine,
    settings: Settings,
    *,
    client: Any = None,
    since: datetime | None = None,
    notify: Callable[[IntakeResult], None] | None = None,
    now: datetime | None = None,
) -> HubSpotLeadImport:
    """Take contacts created in HubSpot (form submissions, new contacts) in through the same intake as the web form.

    Reads contacts modified since the stored watermark (first run: the last 7 days, or `since`), keeps those CREATED
    since then, and runs each through `intake_lead` (validation, de-duplication by HubSpot id and email, scoring);
    `notify` is called for each new lead (the Slack post). The watermark is HubSpot's own modification time, stored
    only after the pass, so a crash repeats a pass and de-duplication makes the repeat harmless.
    """
    from store.models import WorkspaceMeta
    from tools.hubspot.client import HubSpotClient
    from tools.hubspot.mapping import parse_instant, to_epoch_ms

    client = client or HubSpotClient.from_settings(settings)
    now = now or datetime.now(UTC)
    if since is None:
        with Session(engine) as session:
            stored = session.get(WorkspaceMeta, HUBSPOT_WATERMARK_KEY)
        since = parse_instant(stored.value) if stored else None
        since = since or now - timedelta(days=7)
    report = HubSpotLeadImport(watermark=since)
    after: str | None = None
    while True:
        body: dict[str, Any] = {
            "filterGroups": [
                {"filters": [{"propertyName": "lastmodifieddate", "operator": "GTE", "value": to_epoch_ms(since)}]}
            ],
            "sorts": ["lastmodifieddate"],
            "properties": list(HUBSPOT_CONTACT_LEAD_PROPERTIES),
            "limit": 100,
        }
        if after:
            body["after"] = after
        page = client.search("contacts", body)
        for record in page.get("results", []):
            props = record.get("properties") or {}
            modified = parse_instant(props.get("lastmodifieddate"))
            if modified and (report.watermark is None or modified > report.watermark):
                report.watermark = modified
            created = parse_instant(props.get("createdate"))
            if created is not None and created < since:
                continue  # an older contact that changed: not a new lead
            try:
                result = intake_hubspot_contact(engine, props, hubspot_id=str(record["id"]), settings=settings)
            except ValidationError as exc:
                report.invalid[str(record["id"])] = "; ".join(
                    f"{e['field']} {e['message']}" for e in validation_errors(exc)
                )
                continue
            if not result.created:
                report.duplicates += 1
                continue
            report.created.append(result)
            if notify is not None:
                try:
                    notify(result)
                except Exception:
                    log.exception("lead %s from HubSpot stored but its notification failed", result.lead_id)
        after = ((page.get("paging") or {}).get("next") or {}).get("after")
        if not after:
            break
    if report.watermark is not None:
        with Session(engine) as session:
            row = session.get(WorkspaceMeta, HUBSPOT_WATERMARK_KEY) or WorkspaceMeta(
                key=HUBSPOT_WATERMARK_KEY, value="", updated_at=now
            )
            row.value, row.updated_at = report.watermark.isoformat(), now
            session.add(row)
            session.commit()
    return report
