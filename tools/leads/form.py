"""The inbound form: `LeadIn` validation, budgets (the one amount parser), domains, the de-duplication key.

Budgets arrive as people type them: "$50k-$100k", "€75.000", "1.234.567,89 EUR", "CHF 80'000", "100k+". The number
and its currency are read by price-parser (which knows locale thousands and decimal separators); scale words ("k",
"M", "Mio") and ranges are handled here. A budget is kept in its own currency; scoring converts it to USD with the
`currency_rates` setting. Text that is not an amount is kept as given and flagged, never a reason to lose the lead.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from email_validator import EmailNotValidError, validate_email
from price_parser import Price
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

_HOST = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_SCALE = re.compile(r"(?<=[\d\s])(mm|mn|mio|millions?|m|k|thousand|tsd|bn|billion)\b\.?", re.IGNORECASE)
_SCALES = {"k": 1e3, "thousand": 1e3, "tsd": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mio": 1e6, "million": 1e6}
_SCALES |= {"millions": 1e6, "bn": 1e9, "billion": 1e9}
_RANGE = re.compile(r"(?<=[\dkKmM$€£.])\s*(?:-|–|—|\bto\b|\bbis\b)\s*(?=[^\s])")
_AT_LEAST = re.compile(r"^(?:over|above|more than|at least|min(?:imum)?\.?|>=?|from)\s*|\s*\+$", re.IGNORECASE)
_ABOUT = re.compile(r"^(?:around|about|approx(?:imately|\.)?|roughly|ca\.?|circa|~|≈)\s*", re.IGNORECASE)
_AT_MOST = re.compile(r"^(?:up to|under|below|less than|max(?:imum)?\.?|<=?)\s*", re.IGNORECASE)
CURRENCY_CODES = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "chf": "CHF",
    "c$": "CAD",
    "ca$": "CAD",
    "cad": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "aud": "AUD",
    "¥": "JPY",
    "jpy": "JPY",
    "₹": "INR",
    "inr": "INR",
}
"""Currency marks as typed → ISO 4217 code. A bare "$" is read as US dollars (said in the score's reason)."""
DEFAULT_CURRENCY = "USD"


@dataclass(frozen=True)
class Budget:
    """A budget as given, read: its range in its own currency, or why it could not be read."""

    given: str
    """The text as typed (or the number as sent), kept whatever happens."""
    low: float | None = None
    high: float | None = None
    currency: str | None = None
    """ISO 4217 code; None when no amount was read."""
    problem: str | None = None
    """Why the text is not an amount (then `low` and `high` are None)."""

    @property
    def amount(self) -> float | None:
        """The figure scoring uses, in `currency`: the low end of a range (what the buyer committed to)."""
        return self.low if self.low is not None else self.high

    def in_usd(self, rates: Mapping[str, float]) -> float | None:
        """The amount in USD at `rates` (USD per unit of each currency); None when unread or no rate is set."""
        if self.amount is None or self.currency is None:
            return None
        rate = 1.0 if self.currency == "USD" else rates.get(self.currency)
        return None if rate is None else self.amount * rate

    def note(self, rates: Mapping[str, float]) -> str | None:
        """Say what scoring could not use: an unreadable budget, or a currency without a conversion rate."""
        if self.problem:
            return f"budget {self.given!r} kept as given, not scored ({self.problem})"
        if self.currency and self.currency != "USD" and self.currency not in rates:
            return f"budget {self.given} kept in {self.currency}, not scored (no conversion rate for {self.currency})"
        return None

    def describe(self) -> str:
        """The budget for people: "EUR 75,000", "USD 50,000–100,000", or the text as given."""
        if self.amount is None or self.currency is None:
            return self.given
        if self.low is not None and self.high is not None and self.high != self.low:
            return f"{self.currency} {self.low:,.0f}–{self.high:,.0f}"
        prefix = "from " if self.high is None and self.given.strip().endswith("+") else ""
        return f"{prefix}{self.currency} {self.amount:,.0f}"


def currency_code(mark: str | None) -> str | None:
    """ISO code of a currency mark as typed ("€" → EUR, "usd" → USD, "SEK" → SEK); None when there is none."""
    if not mark:
        return None
    low = mark.strip().lower()
    if low in CURRENCY_CODES:
        return CURRENCY_CODES[low]
    return mark.strip().upper() if re.fullmatch(r"[A-Za-z]{3}", mark.strip()) else None


def _one_amount(text: str) -> tuple[float, str | None]:
    """Read one amount ("$50k", "€75.000", "1,2 Mio EUR") into (value, ISO currency or None); raise ValueError."""
    scale = 1.0
    text = re.sub(r"(?<=\d)['’](?=\d{3})", "", text)  # Swiss thousands: 80'000
    found = _SCALE.search(text)
    if found:
        scale = _SCALES[found.group(1).lower()]
        text = text[: found.start()] + text[found.end() :]
    price = Price.fromstring(text)
    if price.amount is None or price.amount_text is None:
        raise ValueError("no number in it")
    rest = text.replace(price.amount_text, " ", 1)
    if price.currency:
        rest = rest.replace(price.currency, " ", 1)
    if re.search(r"[^\W_]", rest):  # words or digits beyond one amount and its currency: not a budget
        raise ValueError(f"{rest.strip()!r} is not part of an amount")
    code = currency_code(price.currency)
    if price.currency and code is None:
        raise ValueError(f"unknown currency {price.currency!r}")
    return float(price.amount) * scale, code


def parse_budget(value: Any) -> Budget | None:
    """Read a budget as typed: a number, "$50,000", "50k", "$50k-$100k", "€75.000", "100k+", "up to £20k".

    Never raises: text that is not an amount comes back with `problem` set, so the lead is kept and flagged.
    A range keeps both ends; a scale or currency written on one end applies to both ("50-100k EUR").
    """
    value = _blank_to_none(value)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return Budget(given=str(value)[:200], problem="not an amount")
    if isinstance(value, int | float):
        amount = float(value)
        if not math.isfinite(amount) or amount < 0:
            return Budget(given=str(value), problem="not a positive amount")
        return Budget(given=str(value), low=amount, high=amount, currency=DEFAULT_CURRENCY)
    given = value.strip()[:200]
    text = given
    at_least, at_most = bool(_AT_LEAST.search(text)), bool(_AT_MOST.search(text))
    text = _AT_MOST.sub("", _AT_LEAST.sub("", _ABOUT.sub("", text))).strip()
    parts = _RANGE.split(text, maxsplit=1)
    try:
        if len(parts) == 2:
            tail_scale = _SCALE.search(parts[1])
            if tail_scale and not _SCALE.search(parts[0]):
                parts[0] = parts[0].strip() + tail_scale.group(0)  # "50-100k": the k is on both ends
            (low, low_code), (high, high_code) = (_one_amount(p) for p in parts)
            if low_code and high_code and low_code != high_code:
                return Budget(given=given, problem=f"two currencies ({low_code}, {high_code})")
            if high < low:
                return Budget(given=given, problem="the range ends below where it starts")
            code = low_code or high_code or DEFAULT_CURRENCY
            return Budget(given=given, low=low, high=high, currency=code)
        amount, code = _one_amount(text)
    except ValueError as exc:
        return Budget(given=given, problem=str(exc))
    code = code or DEFAULT_CURRENCY
    if at_least:
        return Budget(given=given, low=amount, high=None, currency=code)
    if at_most:
        return Budget(given=given, low=None, high=amount, currency=code)
    return Budget(given=given, low=amount, high=amount, currency=code)


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def parse_amount(value: Any) -> float | None:
    """Read an amount written as a number or as text such as "$50,000", "50k", "1.2M" or "€75.000" (in its currency).

    The low end of a range. Use `parse_budget` to keep the currency and the range.

    Raises:
        ValueError: The text is not an amount.
    """
    budget = parse_budget(value)
    if budget is None:
        return None
    if budget.problem:
        raise ValueError(f"budget must be an amount such as 50000 or $50k ({budget.problem})")
    return budget.amount


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
    budget: Budget | None = None
    """As given, read in its own currency (see `parse_budget`); never a reason to refuse the lead."""
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

    @model_validator(mode="before")
    @classmethod
    def _size_range_is_a_band(cls, data: Any) -> Any:
        # Forms send "50-200" as an employee count: that is a size band, kept as such rather than refused.
        if isinstance(data, dict):
            count = next((data[k] for k in ("employee_count", "employees") if data.get(k) is not None), None)
            size = data.get("company_size") or data.get("size")
            if isinstance(count, str) and re.fullmatch(
                r"\s*\d[\d,]*\s*(?:-|–|to)\s*\d[\d,]*\s*|\s*\d[\d,]*\s*\+\s*", count
            ):
                data = {k: v for k, v in data.items() if k not in ("employee_count", "employees")}
                if not size:
                    data["company_size"] = count.strip()
        return data

    @field_validator("budget", mode="before")
    @classmethod
    def _budget_amount(cls, value: Any) -> Budget | None:
        return value if isinstance(value, Budget) else parse_budget(value)

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
        # Internationalised addresses (jörg@müller.de, 用户@例子.广告) are addresses: email-validator reads them (RFC
        # 6531/5891) and normalises the domain; deliverability is not checked here (no DNS at intake).
        try:
            return validate_email(value, check_deliverability=False).normalized
        except EmailNotValidError:
            raise ValueError("contact_email must be an email address such as jane@acme.com") from None

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
