"""Inbound leads: web-form submissions of mixed quality; converted ones become a company (new or known) and a deal."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from store.demo import text as words
from store.demo.deals import DealsBuilder, win_logit
from store.demo.people import REGIONS
from store.demo.plans import (
    DAY,
    HORIZON_DAYS,
    CompanyPlan,
    DealPlan,
    LeadPlan,
    domain_for,
    email_local,
    sigmoid,
    size_band,
)
from store.models import InboundLead

CONTACT_TITLES = tuple(
    title for by_function in words.SENIORITY_TITLES.values() for titles in by_function.values() for title in titles
)


@dataclass
class LeadSender:
    """Who filled in a web form, before what they wrote: the kind of sender, the company they named, their address."""

    kind: str  # "corporate", "freemail", "student" or "spam"
    company_name: str
    employees: int | None
    known_company: CompanyPlan | None  # a company already in the CRM
    first: str
    last: str
    domain: str | None
    email: str


def lead_quality(kind: str, employees: int | None, budget: float | None, urgency: int, fit: bool, notes: str) -> float:
    """A lead's logit without noise: budget carries most of the signal, the rest adds to it (`notes`: how rich)."""
    size_term = 0.3 * (math.log10(employees) - 2.3) if employees and employees < 100_000 else -0.2
    budget_term = 1.5 * (math.log10(budget) - 4.2) if budget and budget >= 1000 else -0.9
    return (
        -1.0
        + budget_term
        + size_term
        + 0.6 * urgency
        + (0.8 if fit else -1.8)
        + {"rich": 0.9, "thin": -0.3, "spam": -4.0}[notes]
        - (1.2 if kind == "freemail" else 0.0)
        - (3.0 if kind == "student" else 0.0)
    )


class LeadsBuilder(DealsBuilder):
    """Plans the leads before the deals (a converted lead's deal joins the others) and writes them last."""

    def _plan_leads(self, companies: list[CompanyPlan]) -> list[LeadPlan]:
        """Plan the web-form leads; converted ones get a company (existing or new) and a deal."""
        existing = [c for c in companies if not c.memorable]
        next_company_id = max(c.id for c in companies) + 1
        leads: list[LeadPlan] = []
        for _ in range(self.spec.leads):
            submitted = self.start + timedelta(seconds=self.rng.random() * HORIZON_DAYS * DAY)
            sender = self._lead_sender(existing)
            lead, fit = self._lead_form(submitted, sender)
            if self._settle_lead(lead, sender, fit, next_company_id):
                next_company_id += 1
            leads.append(lead)
        leads.sort(key=lambda lead: lead.submitted_at)
        self._tick("leads", len(leads), len(leads))
        return leads

    def _lead_sender(self, existing: list[CompanyPlan]) -> LeadSender:
        """Who filled in the form: a buyer at a known or new company, a freemail user, a student, or spam."""
        rng = self.rng
        kind = rng.choices(("corporate", "freemail", "student", "spam"), (74, 15, 6, 5))[0]
        company: CompanyPlan | None = None
        student_domain = ""
        if kind == "spam":
            name = rng.choice(("asdf", "test", "N/A", "qwerty inc", "SEO Experts", "xx"))
            employees: int | None = rng.choice((None, 1, 5, 999_999))
        elif kind == "student":
            name, student_domain = rng.choice(words.UNIVERSITIES)
            employees = None
        elif kind == "corporate" and rng.random() < 0.45:
            company = rng.choice(existing)
            name, employees = company.name, company.employees
        else:
            name = self._new_company_name()
            employees = int(min(50_000, max(3, rng.lognormvariate(math.log(250), 1.3))))
        first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
        domain: str | None
        if kind == "corporate":
            domain = company.domain if company else domain_for(name)
            email = f"{email_local(first, last)}@{domain}"
        elif kind == "student":
            domain = student_domain
            email = f"{first[0].lower()}{last.lower()}@{domain}"
        else:
            domain = rng.choice(words.FREE_MAIL_DOMAINS)
            email = f"{first.lower()}{last.lower()}{rng.randint(1, 99)}@{domain}"
        return LeadSender(kind, name, employees, company, first, last, domain, email)

    def _lead_form(self, submitted: datetime, sender: LeadSender) -> tuple[LeadPlan, bool]:
        """What the form says and the lead's latent quality; with whether the lead fits what we sell."""
        rng = self.rng
        kind, employees = sender.kind, sender.employees
        budget = self._lead_budget(kind, employees)
        fit = kind in ("corporate", "freemail") and rng.random() < 0.85
        interest = rng.choice(words.INTEREST_AREAS) if fit else rng.choice(words.OFF_FIT_INTERESTS)
        if kind == "student":
            interest = "Student project"
        urgency = rng.choices((1, 0, -1), (30, 40, 30))[0]
        timeline = rng.choice(words.LEAD_TIMELINES[{1: "now", 0: "soon", -1: "later"}[urgency]])
        quality_kind, notes = self._lead_notes(kind, fit)
        lead = LeadPlan(
            submitted_at=submitted,
            company_name=sender.company_name,
            domain=sender.domain,
            company_size=size_band(employees) if employees and rng.random() > 0.05 else None,
            employee_count=employees if employees and rng.random() > 0.15 else None,
            budget=budget,
            interest_area=interest,
            timeline=timeline,
            urgency=urgency,
            notes=notes,
            notes_quality=quality_kind,
            contact_name=f"{sender.first} {sender.last}",
            contact_email=sender.email,
            contact_title={"spam": None, "student": "Student"}.get(kind, rng.choice(CONTACT_TITLES)),
            quality=lead_quality(kind, employees, budget, urgency, fit, quality_kind),
        )
        return lead, fit

    def _lead_budget(self, kind: str, employees: int | None) -> float | None:
        """The budget typed into the form: roughly tracks company size; often left blank; nonsense from spam."""
        rng = self.rng
        if kind in ("corporate", "freemail") and employees:
            budget = round(rng.lognormvariate(math.log(12_000 * (employees / 200) ** 0.35), 0.8), -3)
            return budget if rng.random() > 0.2 else None
        return rng.choice((None, 0.0, 500.0, 1_000_000_000.0)) if kind == "spam" else None

    def _lead_notes(self, kind: str, fit: bool) -> tuple[str, str]:
        """The form's free-text notes and how informative they are: "rich", "thin" or "spam"."""
        rng = self.rng
        if kind == "spam":
            return "spam", rng.choice(words.LEAD_NOTES_SPAM)
        if kind == "student":
            return "thin", rng.choice(words.LEAD_NOTES_STUDENT)
        if rng.random() < (0.45 if fit else 0.15):
            reps = rng.randint(8, 120)
            notes = rng.choice(words.LEAD_NOTES_RICH).format(
                reps=reps,
                reps2=reps + rng.randint(5, 40),
                regions=rng.randint(2, 5),
                competitor=rng.choice(words.COMPETITORS),
            )
            return "rich", notes
        return "thin", rng.choice(words.LEAD_NOTES_THIN)

    def _settle_lead(self, lead: LeadPlan, sender: LeadSender, fit: bool, next_company_id: int) -> bool:
        """What became of the lead: new, converted (a company and a deal), disqualified or assigned.

        Returns whether the lead brought a new company, which took `next_company_id`.
        """
        rng = self.rng
        company = sender.known_company
        new_company = False
        if lead.submitted_at > self.as_of - timedelta(days=10):
            lead.status = "new"  # not worked yet: the scoring demo's inbox
        elif sender.kind in ("corporate", "freemail") and rng.random() < sigmoid(lead.quality + rng.gauss(0, 0.8)):
            lead.status = "converted"
            if company is None:
                company = self._company_plan(next_company_id, sender.company_name, employees=sender.employees or 50)
                company.from_lead = True
                company.created_at = lead.submitted_at
                new_company = True
            lead.company = company
            lead.owner_id = company.owner_id
            lead.deal = self._lead_deal(lead, company)
        elif sender.kind in ("spam", "student") or not fit or lead.quality < -2.5:
            lead.status = "disqualified"
        else:
            lead.status = "assigned"
            lead.owner_id = self._owner_for_region(rng.choice(REGIONS))
        return new_company

    def _lead_deal(self, lead: LeadPlan, company: CompanyPlan) -> DealPlan:
        """The deal a converted lead became; its fit latents come from what the lead said."""
        rng = self.rng
        created = lead.submitted_at + timedelta(days=rng.uniform(0.5, 9.5))
        d = self._latent_deal(company, created, "inbound")
        d.urgency = lead.urgency
        if lead.budget:
            d.budget_fit = min(
                1.0,
                max(0.0, sigmoid(1.5 * (math.log10(lead.budget) - math.log10(d.amount) + 0.3)) + rng.gauss(0, 0.1)),
            )
        cycle = self._cycle_days(d)
        if created + timedelta(days=cycle) < self.as_of - timedelta(days=1):
            won = rng.random() < sigmoid(win_logit(d, 0.25 * lead.quality) + rng.gauss(0, 0.5))
            self._make_closed(
                d, won, closed_at=created + timedelta(days=cycle * (1.0 if won else rng.uniform(0.35, 0.95)))
            )
        else:
            age = (self.as_of - created).total_seconds() / DAY
            self._make_open(
                d, "new" if age < 3 else rng.choices(("active", "silent"), (55, 45))[0] if age > 8 else "active"
            )
        return d

    def _fill_lead_contacts(self, leads: list[LeadPlan]) -> None:
        """Converted leads came from a real person at the company: use one of its contacts."""
        for lead in leads:
            if lead.company is None:
                continue
            contact = self.contacts[self.rng.choice(lead.company.contact_ids)]
            lead.contact_name = f"{contact['first_name']} {contact['last_name']}"
            lead.contact_title = contact["title"]
            if contact["email"] and lead.domain == lead.company.domain:
                lead.contact_email = contact["email"]

    def _write_leads(self, leads: list[LeadPlan]) -> None:
        rows = []
        seen: set[str] = set()
        for i, lead in enumerate(leads, start=1):
            key = hashlib.sha256(f"{lead.contact_email.lower()}|{lead.company_name.lower()}".encode()).hexdigest()[:32]
            if key in seen:  # the same person asking twice is one lead
                continue
            seen.add(key)
            rows.append(
                {
                    "id": i,
                    "hubspot_id": None,
                    "dedupe_key": key,
                    "submitted_at": lead.submitted_at,
                    "company_name": lead.company_name,
                    "domain": lead.domain,
                    "company_size": lead.company_size,
                    "employee_count": lead.employee_count,
                    "budget": lead.budget,
                    "budget_given": None,  # the generator states budgets as numbers in USD
                    "budget_currency": "USD" if lead.budget is not None else None,
                    "budget_low": lead.budget,
                    "budget_high": lead.budget,
                    "budget_note": None,
                    "interest_area": lead.interest_area,
                    "timeline": lead.timeline,
                    "notes": lead.notes,
                    "contact_name": lead.contact_name,
                    "contact_email": lead.contact_email,
                    "contact_title": lead.contact_title,
                    "source": "web_form",
                    "company_id": lead.company.id if lead.company else None,
                    "deal_id": lead.deal.id if lead.deal else None,
                    "owner_id": lead.owner_id,
                    "score": None,
                    "tier": None,
                    "score_reasons": None,
                    "disqualifiers": None,
                    "scored_at": None,
                    "status": lead.status,
                }
            )
        self.writer.write(InboundLead, rows, "leads")
