"""The people: our sales team (owners in teams, with their managers), the companies we sell to and their contacts."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from store.demo import text as words
from store.demo.base import BuilderBase
from store.demo.plans import CompanyPlan, domain_for, email_local
from store.models import Company, Contact, Owner

OUR_DOMAIN = "salesos-demo.com"

# (name, team index, timezone); the first AE of Team East is the rep on the "Acme Corp" tour account.
NAMED_AES = (
    ("Dana Whitfield", 0, "America/New_York"),
    ("Jamal Carter", 0, "America/New_York"),
    ("Emily Nakamura", 0, "America/Chicago"),
    ("Luis Ortega", 0, "America/Chicago"),
    ("Grace Okafor", 0, "America/New_York"),
    ("Kenji Watanabe", 1, "America/Los_Angeles"),
    ("Megan Foster", 1, "America/Denver"),
    ("Carlos Mendes", 1, "America/Phoenix"),
    ("Aisha Rahman", 1, "America/Los_Angeles"),
    ("Tyler Nguyen", 1, "America/Los_Angeles"),
)
NAMED_MANAGERS = (("Helen Brooks", 0, "America/New_York"), ("Rachel Stein", 1, "America/Denver"))
TEAM_NAMES = ("Team East", "Team West", "Team Central", "Team South", "Team North", "Team Mountain")
TEAM_ZONES = (
    ("America/New_York", "America/Chicago"),
    ("America/Los_Angeles", "America/Denver", "America/Phoenix"),
    ("America/Chicago",),
    ("America/New_York", "America/Chicago"),
    ("America/Chicago", "America/New_York"),
    ("America/Denver", "America/Phoenix"),
)
REGIONS = ("NA-East", "NA-Central", "NA-West", "EMEA", "APAC")
REGION_TEAM = {"NA-East": 0, "NA-Central": 0, "EMEA": 0, "NA-West": 1, "APAC": 1}
INDUSTRIES = tuple(sorted({industry for _, industry in words.SUFFIXES}))
SENIORITY_MIX = (("c_level", 1.0), ("vp", 1.5), ("director", 2.0), ("manager", 2.0), ("individual", 2.5))


class PeopleBuilder(BuilderBase):
    """Owners, companies and contacts."""

    def _owners(self) -> None:
        rng = self.rng
        people: list[tuple[str, int, str, str]] = [(n, t, tz, "ae") for n, t, tz in NAMED_AES]
        people += [(n, t, tz, "manager") for n, t, tz in NAMED_MANAGERS]
        names = {p[0] for p in people}
        for team in range(self.spec.teams):
            have = sum(1 for p in people if p[1] == team and p[3] == "ae")
            needed = [("ae", self.spec.aes_per_team - have)]
            if not any(p[1] == team and p[3] == "manager" for p in people):
                needed.append(("manager", 1))
            for role, count in needed:
                for _ in range(count):
                    name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
                    while name in names:
                        name = f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
                    names.add(name)
                    people.append((name, team, rng.choice(TEAM_ZONES[team % len(TEAM_ZONES)]), role))
        self.aes_by_team = [[] for _ in range(self.spec.teams)]
        for i, (name, team, tz, role) in enumerate(people, start=1):
            first, last = name.split(" ", 1)
            row = {
                "id": i,
                "hubspot_id": None,
                "name": name,
                "email": f"{email_local(first, last)}@{OUR_DOMAIN}",
                "slack_user_id": None,
                "timezone": tz,
                "team": TEAM_NAMES[team],
                "role": role,
                "manager_id": None,
                "active": True,
                "updated_at": self.start,
            }
            self.owners.append(row)
            self.owner_by_name[name] = row
            if role == "ae":
                self.aes_by_team[team].append(row)
        self.writer.write(Owner, self.owners, "owners")
        self._tick("owners", len(self.owners), len(self.owners))

    def _owner_for_region(self, region: str) -> int:
        team = REGION_TEAM[region] if self.spec.teams == 2 else self.rng.randrange(self.spec.teams)
        return self.rng.choice(self.aes_by_team[team])["id"]

    # -- companies and contacts --

    def _new_company_name(self) -> str:
        rng = self.rng
        for _ in range(1000):
            stem = rng.choice(words.STEM_HEADS) + rng.choice(words.STEM_TAILS)
            name = f"{stem} {rng.choice(words.SUFFIXES)[0]}"
            if name not in self.used_names and domain_for(name) not in self.used_domains:
                self.used_names.add(name)
                self.used_domains.add(domain_for(name))
                return name
        raise RuntimeError("ran out of company names")  # pragma: no cover - 64k combinations for at most 40k names

    def _company_plan(self, cid: int, name: str | None = None, *, employees: int | None = None) -> CompanyPlan:
        rng = self.rng
        name = name or self._new_company_name()
        suffix = name.rsplit(" ", 1)[-1]
        industry = next((ind for suf, ind in words.SUFFIXES if suf == suffix), rng.choice(INDUSTRIES))
        if employees is None:
            employees = int(min(50_000, max(12, rng.lognormvariate(math.log(350), 1.25))))
        region = rng.choices(REGIONS, weights=(35, 20, 25, 12, 8))[0]
        return CompanyPlan(
            id=cid,
            name=name,
            domain=domain_for(name),
            industry=industry,
            employees=employees,
            revenue=round(employees * rng.uniform(120_000, 320_000), -4),
            region=region,
            owner_id=self._owner_for_region(region),
            created_at=self.start - timedelta(days=rng.uniform(0, 400)),
        )

    def _generated_companies(self, first_id: int, count: int) -> list[CompanyPlan]:
        return [self._company_plan(cid) for cid in range(first_id, first_id + count)]

    def _write_companies(self, companies: list[CompanyPlan]) -> None:
        rows = [
            {
                "id": c.id,
                "hubspot_id": None,
                "name": c.name,
                "domain": c.domain,
                "industry": c.industry,
                "employees": c.employees,
                "annual_revenue": c.revenue,
                "region": c.region,
                "owner_id": c.owner_id,
                "created_at": c.created_at,
                "updated_at": c.created_at,
            }
            for c in companies
        ]
        self.writer.write(Company, rows, "companies")
        self._tick("companies", len(rows), len(rows))

    def _write_contacts(self, companies: list[CompanyPlan]) -> None:
        """Write each company's contacts: the people the tour relies on, then generated ones."""
        rows: list[dict[str, Any]] = []
        for c in companies:
            for first, last, title, seniority in self._company_people(c):
                row = self._contact_row(c, first, last, title, seniority)
                rows.append(row)
                self.contacts[row["id"]] = row
                c.contact_ids.append(row["id"])
        self.writer.write(Contact, rows, "contacts")
        self._tick("contacts", len(rows), len(rows))

    def _company_people(self, c: CompanyPlan) -> list[tuple[str, str, str, str]]:
        """(first, last, title, seniority) of the company's contacts, scripted ones first, names unique within it."""
        rng = self.rng
        people = list(c.scripted_contacts)
        taken = {(p[0], p[1]) for p in people}
        # Enough people for a five-way multi-threaded deal, with at least one executive to be the buyer.
        seniorities = ["c_level" if rng.random() < 0.6 else "vp"]
        seniorities += rng.choices([s for s, _ in SENIORITY_MIX], [w for _, w in SENIORITY_MIX], k=rng.randint(4, 7))
        for seniority in seniorities[: max(0, 6 - len(people)) + rng.randint(0, 2)]:
            first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
            while (first, last) in taken:
                first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
            taken.add((first, last))
            function = rng.choice(list(words.SENIORITY_TITLES[seniority]))
            people.append((first, last, rng.choice(words.SENIORITY_TITLES[seniority][function]), seniority))
        return people

    def _contact_row(self, c: CompanyPlan, first: str, last: str, title: str, seniority: str) -> dict[str, Any]:
        """The next contact id's row; the function is read off the title."""
        self.ids["contact"] += 1
        function = next(
            (f for f, titles in words.SENIORITY_TITLES.get(seniority, {}).items() if title in titles),
            "revops",
        )
        return {
            "id": self.ids["contact"],
            "hubspot_id": None,
            "company_id": c.id,
            "first_name": first,
            "last_name": last,
            "email": f"{email_local(first, last)}@{c.domain}" if c.domain else None,
            "title": title,
            "seniority": seniority,
            "function": function,
            "updated_at": c.created_at,
        }
