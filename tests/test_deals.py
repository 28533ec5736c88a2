"""tools/deals.py on a small hand-built workspace where every expected answer is known, on SQLite and PostgreSQL."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session

from store.models import Company, Contact, Deal, Engagement, Owner, is_buyer_engagement
from tools.deals import (
    find_deals,
    latest_on,
    normalize_company_name,
    pipeline_summary,
    resolve_company,
    silent_deals,
)

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


def ago(**kw) -> datetime:
    return NOW - timedelta(**kw)


class Workspace:
    """Builds rows and remembers ids by name."""

    def __init__(self, session: Session):
        self.s = session
        self.ids: dict[str, int] = {}

    def add(self, name: str, row):
        self.s.add(row)
        self.s.flush()
        self.ids[name] = row.id
        return row

    def deal(self, name, company, owner="dana", stage="presentationscheduled", amount=10_000.0, created=None, **kw):
        closed = stage in ("closedwon", "closedlost")
        return self.add(
            name,
            Deal(
                name=name,
                company_id=self.ids[company],
                owner_id=self.ids[owner],
                stage=stage,
                amount=amount,
                created_at=created or ago(days=60),
                is_closed=closed,
                is_won=stage == "closedwon",
                **kw,
            ),
        )

    def touch(self, deal, kind, at, direction=None, status=None, company=None, **kw):
        d = self.s.get(Deal, self.ids[deal])
        return self.s.add(
            Engagement(
                type=kind,
                deal_id=d.id,
                company_id=company or d.company_id,
                owner_id=d.owner_id,
                direction=direction,
                status=status,
                occurred_at=at,
                buyer_engaged=is_buyer_engagement(kind, direction, status),
                **kw,
            )
        )


@pytest.fixture
def ws(engine):
    with Session(engine) as s:
        w = Workspace(s)
        w.add("dana", Owner(name="Dana Whitfield", email="dana@salesos.example", team="East"))
        w.add("sam", Owner(name="Sam Ortiz", email="sam@salesos.example", team="West"))
        for name, domain in [
            ("Acme Corp", "acme.com"),
            ("Globex", "globex.com"),
            ("Initech", "initech.io"),
            ("Northwind Analytics", "northwind-analytics.com"),
            ("Northwind Health", "northwindhealth.org"),
            ("Umbrella Corporation", "umbrella.example"),
        ]:
            w.add(name, Company(name=name, domain=domain, industry="Software", employees=500))
        w.add("ana", Contact(company_id=w.ids["Acme Corp"], first_name="Ana", last_name="Lima", title="VP Ops"))

        # Boundaries of "silent 5+ days".
        w.deal("exactly5", "Acme Corp")
        w.touch("exactly5", "email", ago(days=5), direction="inbound")
        w.deal("almost5", "Globex")
        w.touch("almost5", "email", ago(days=4, hours=23, minutes=59), direction="inbound")
        w.deal("never_engaged_old", "Initech", owner="sam", amount=90_000.0, created=ago(days=10))
        w.touch("never_engaged_old", "email", ago(days=2), direction="outbound")
        w.deal("never_engaged_new", "Initech", created=ago(days=2))
        w.deal("closed_silent", "Umbrella Corporation", stage="closedwon", closed_at=ago(days=40))
        w.touch("closed_silent", "email", ago(days=40), direction="inbound")
        w.deal("chased", "Northwind Analytics", owner="sam", amount=25_000.0)
        w.touch("chased", "email", ago(days=8), direction="inbound")
        w.touch("chased", "call", ago(days=1), direction="outbound", status="no_answer")
        w.deal("meetings", "Northwind Health", stage="contractsent", amount=50_000.0)
        w.touch("meetings", "meeting", ago(days=6), status="completed")
        w.touch("meetings", "meeting", ago(days=1), status="no_show")
        w.touch("meetings", "meeting", ago(hours=2), status="scheduled")
        w.deal("connected", "Globex", stage="qualifiedtobuy", amount=5_000.0)
        w.touch("connected", "call", ago(days=3), direction="outbound", status="connected")
        w.deal("future_only", "Acme Corp", stage="appointmentscheduled", amount=None)
        w.touch("future_only", "email", NOW + timedelta(days=1), direction="inbound")

        # Acme's account story for "latest on".
        acme = w.ids["Acme Corp"]
        w.touch("exactly5", "note", ago(days=1), body="Champion confirmed budget; legal review next.")
        w.touch("exactly5", "meeting", NOW + timedelta(days=1), status="scheduled", subject="Pricing review")
        w.touch("exactly5", "meeting", NOW + timedelta(days=3), status="scheduled", subject="Later meeting")
        w.touch("exactly5", "task", ago(days=1), status="open", subject="Send MSA", due_at=NOW + timedelta(days=2))
        w.touch("exactly5", "task", ago(days=3), status="done", subject="Send deck")
        w.touch(
            "exactly5",
            "email",
            ago(hours=5),
            direction="outbound",
            subject="Re: pricing",
            contact_id=w.ids["ana"],
            body="x" * 500,
        )
        s.commit()
        w.acme = acme
        yield w


def names(rows):
    return [r.deal.name for r in rows]


def test_silent_deals_boundaries(ws):
    result = silent_deals(ws.s, days=5, now=NOW)
    # Longest silence first; exactly 5 days is included, 4d23h59m is not, brand-new deals and closed deals are not.
    assert names(result) == ["future_only", "never_engaged_old", "chased", "meetings", "exactly5"]
    by_name = {r.deal.name: r for r in result}
    assert by_name["exactly5"].days_silent == 5
    assert by_name["never_engaged_old"].last_buyer_touch_at is None
    assert by_name["never_engaged_old"].days_silent == 10
    assert by_name["never_engaged_old"].last_outbound_type == "email"
    assert by_name["chased"].days_silent == 8 and by_name["chased"].last_outbound_type == "call"
    assert by_name["chased"].last_outbound_at == ago(days=1)
    # A held meeting counts; a no-show and a merely scheduled meeting do not.
    assert by_name["meetings"].days_silent == 6
    # A buyer touch dated after `now` is not evidence of engagement at `now`.
    assert by_name["future_only"].days_silent == 60


def test_silent_deals_other_thresholds_and_owner_filter(ws):
    assert names(silent_deals(ws.s, days=7, now=NOW)) == ["future_only", "never_engaged_old", "chased"]
    assert names(silent_deals(ws.s, days=5, now=NOW, owner_ids=[ws.ids["sam"]])) == ["never_engaged_old", "chased"]
    assert "almost5" in names(silent_deals(ws.s, days=4, now=NOW))
    assert silent_deals(ws.s, days=5, now=NOW, owner_ids=[]) == []


def test_silent_deals_refuses_naive_now(ws):
    with pytest.raises(ValueError):
        silent_deals(ws.s, days=5, now=NOW.replace(tzinfo=None))


@pytest.mark.parametrize(
    ("query", "status", "expected"),
    [
        ("Acme Corp", "exact", "Acme Corp"),
        ("acme", "exact", "Acme Corp"),
        ("ACME Corporation", "exact", "Acme Corp"),
        ("acme.com", "exact", "Acme Corp"),
        ("Acmee", "fuzzy", "Acme Corp"),
        ("Umbrella", "exact", "Umbrella Corporation"),
        ("globex inc.", "exact", "Globex"),
    ],
)
def test_resolve_company_finds_the_one_meant(ws, query, status, expected):
    match = resolve_company(ws.s, query)
    assert (match.status, match.company.name if match.company else None) == (status, expected)


def test_resolve_company_ambiguous_and_unknown(ws):
    northwind = resolve_company(ws.s, "Northwind")
    assert northwind.status == "ambiguous" and northwind.company is None
    assert {c.name for c in northwind.candidates} == {"Northwind Analytics", "Northwind Health"}
    typo = resolve_company(ws.s, "Initek")  # close, but not close enough to answer for: "did you mean Initech?"
    assert typo.status == "unknown" and [c.name for c in typo.candidates] == ["Initech"]
    nothing = resolve_company(ws.s, "Zyxwvut Mining")
    assert nothing.status == "unknown" and nothing.company is None and nothing.candidates == []
    assert resolve_company(ws.s, "   ").status == "unknown"


def test_resolve_company_asks_when_a_dropped_suffix_leaves_a_shared_stem(ws):
    # "Greenfield Group" normalises to "greenfield"; "Greenfield Brands" is as much "greenfield": ask which
    for name in ("Greenfield Group", "Greenfield Brands", "Zenhaven Holdings", "Zenhaven Analytics"):
        ws.add(name, Company(name=name, industry="Software", employees=100))
    for typed in ("greenfield", "Greenfeild", "zenhaven"):
        match = resolve_company(ws.s, typed)
        assert match.status == "ambiguous" and match.company is None, typed
        assert len(match.candidates) == 2, typed
    for typed, expected in [
        ("greenfield group", "Greenfield Group"),
        ("greenfeild group", "Greenfield Group"),
        ("greenfield brands", "Greenfield Brands"),
        ("zenhaven holdings", "Zenhaven Holdings"),
        ("acme", "Acme Corp"),  # no other Acme: the stem names one company
    ]:
        assert resolve_company(ws.s, typed).company.name == expected, typed


def test_normalize_company_name():
    assert normalize_company_name("Acme Corp.") == "acme"
    assert normalize_company_name("The Co") == "the"
    assert normalize_company_name("Inc") == "inc"  # never normalise a name to nothing


def test_latest_on_tells_the_account_story(ws):
    latest = latest_on(ws.s, "acme", now=NOW)
    assert latest.company.name == "Acme Corp" and latest.company.industry == "Software"
    assert [d.name for d in latest.deals] == ["future_only", "exactly5"]  # open deals, newest first
    assert [i.type for i in latest.last_interactions] == ["email", "note", "email"]  # future email excluded
    assert latest.last_interactions[0].contact_name == "Ana Lima"
    assert latest.last_interactions[0].excerpt.endswith("...") and len(latest.last_interactions[0].excerpt) == 240
    assert latest.next_meeting.subject == "Pricing review"
    assert [t.subject for t in latest.open_tasks] == ["Send MSA"]


def test_latest_on_unknown_company_returns_the_match(ws):
    result = latest_on(ws.s, "Northwind", now=NOW)
    assert result.status == "ambiguous" and len(result.candidates) == 2


def test_find_deals_filters(ws):
    assert [d.name for d in find_deals(ws.s, min_amount=50_000)] == ["never_engaged_old", "meetings"]
    assert [d.name for d in find_deals(ws.s, stages=["contractsent"])] == ["meetings"]
    assert "closed_silent" not in [d.name for d in find_deals(ws.s, limit=100)]
    assert [d.name for d in find_deals(ws.s, open_only=False, company_id=ws.ids["Umbrella Corporation"])] == [
        "closed_silent"
    ]
    with Session(ws.s.get_bind()) as s:
        deal = s.get(Deal, ws.ids["meetings"])
        deal.close_date = date(2026, 12, 15)
        s.add(deal)
        s.commit()
    closing = find_deals(ws.s, closing_from=date(2026, 12, 1), closing_to=date(2026, 12, 31))
    assert [d.name for d in closing] == ["meetings"]


def test_pipeline_summary_by_stage_and_owner(ws):
    by_stage = pipeline_summary(ws.s, by="stage")
    assert [r.key for r in by_stage] == [
        "appointmentscheduled",
        "qualifiedtobuy",
        "presentationscheduled",
        "contractsent",
    ]
    assert {r.key: (r.deals, r.amount) for r in by_stage}["presentationscheduled"] == (5, 145_000.0)
    by_owner = pipeline_summary(ws.s, by="owner")
    assert [(r.label, r.deals, r.amount) for r in by_owner] == [
        ("Sam Ortiz", 2, 115_000.0),
        ("Dana Whitfield", 6, 85_000.0),
    ]


def test_summary_agrees_with_the_full_list(ws):
    from tools.deals import count_silent_deals, summarize_silent_deals

    full = silent_deals(ws.s, days=5, now=NOW)
    summary = summarize_silent_deals(ws.s, days=5, now=NOW, top=2)
    assert summary.total == len(full) == count_silent_deals(ws.s, days=5, now=NOW) == 5
    assert summary.total_amount == sum(r.deal.amount or 0 for r in full)
    assert [r.deal.name for r in summary.deals] == names(full)[:2]
    assert summary.deals[0].model_dump() == full[0].model_dump()
    assert [r.deal.name for r in silent_deals(ws.s, days=5, now=NOW, limit=3)] == names(full)[:3]
    empty = summarize_silent_deals(ws.s, days=5, now=NOW, owner_ids=[])
    assert (empty.total, empty.total_amount, empty.deals) == (0, 0.0, [])


def test_resolve_company_reads_a_shortened_last_word_when_it_names_one_company(ws):
    # "northwind hlth": the first word as typed, the next one cut short or abbreviated
    assert resolve_company(ws.s, "northwind hlth").company.name == "Northwind Health"
    assert resolve_company(ws.s, "northwind anal").company.name == "Northwind Analytics"
    assert resolve_company(ws.s, "umbrella corp").company.name == "Umbrella Corporation"
    assert resolve_company(ws.s, "northwind").status == "ambiguous"  # both: ask
    assert resolve_company(ws.s, "northwind h").company is None  # one letter says too little


def test_a_company_named_exactly_as_typed_wins_over_one_with_a_legal_suffix(ws):
    # "Greenfield" and "Greenfield Group" both normalise to "greenfield": the whole name typed is the one meant
    for name in ("Greenfield", "Greenfield Group", "Lakeview", "Lakeview Holdings", "Lakeview Inc"):
        ws.add(name, Company(name=name, industry="Software", employees=100))
    for typed, expected in [
        ("Greenfield", "Greenfield"),
        ("greenfield", "Greenfield"),
        ("greenfield group", "Greenfield Group"),
        ("LAKEVIEW", "Lakeview"),
        ("lakeview holdings", "Lakeview Holdings"),
        ("Lakeview Inc", "Lakeview Inc"),
    ]:
        match = resolve_company(ws.s, typed)
        assert match.company is not None and match.company.name == expected, (typed, match)


def test_a_shortened_name_is_read_among_every_company_sharing_its_first_word(ws):
    # short names score higher against "skyshore mfg" than the long one it abbreviates: five rank above it
    for word in ["MG", "MF", "Fig", "MFA", "Mfx", "Manufacturing", "Banking", "Biotech"]:
        ws.add(f"Skyshore {word}", Company(name=f"Skyshore {word}", industry="Software", employees=100))
    assert resolve_company(ws.s, "skyshore mfg").company.name == "Skyshore Manufacturing"
    assert resolve_company(ws.s, "skyshore manuf").company.name == "Skyshore Manufacturing"
    assert resolve_company(ws.s, "skyshore bi").company is None  # Banking and Biotech both


def test_resolved_names_are_kept_until_the_companies_change(ws):
    assert resolve_company(ws.s, "Zephyrine").company is None
    ws.add("Zephyrine", Company(name="Zephyrine", industry="Software", employees=10))
    assert resolve_company(ws.s, "Zephyrine").company.name == "Zephyrine"  # a new company: the cache is rebuilt
