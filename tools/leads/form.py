"""The inbound form: `LeadIn` validation, budgets, domains, the de-duplication key.

Budgets are read by `tools.parsing.amounts.parse_budget` (ranges, currencies, locale separators) and kept in their own
currency; scoring converts them to USD with the `currency_rates` setting. Text that is not an amount is kept as given
and flagged, never a reason to lose the lead.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tools.parsing.amounts import Budget, parse_budget

_HOST = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and "\x00" in value:  # no database stores it, and no person typed it
        raise ValueError("must not contain NUL characters")
    if isinstance(value, str) and not value.strip():
        return None
    return value


EARLIEST_SUBMISSION = datetime(2000, 1, 1, tzinfo=UTC)
"""A lead "submitted" before this is a broken clock or a forged field: refused, with the field named."""


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
        # 6531/5891) and normalises the domain; deliverability is not checked here (no DNS at intake). Imported here:
        # its tables cost 40 ms, paid only by a process that validates a lead.
        from email_validator import EmailNotValidError, validate_email

        try:
            return validate_email(value, check_deliverability=False).normalized
        except EmailNotValidError:
            raise ValueError("contact_email must be an email address such as jane@acme.com") from None

    @field_validator("submitted_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)  # HubSpot and forms send UTC when they send no offset
        if not EARLIEST_SUBMISSION <= value <= datetime.now(UTC) + timedelta(days=1):
            raise ValueError("submitted_at must be a date between 2000 and today")
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
