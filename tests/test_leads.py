from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from settings import Settings
from tests.lead_history import GOOD_NOTES, SPAM_NOTES, add_history
from tools.leads.disqualify import LeadRules, disqualification_flags
from tools.leads.facts import LeadFacts, domain_kind, gibberish_score, timeline_days
from tools.leads.form import LeadIn, parse_amount, validation_errors
from tools.leads.intake import intake_lead, lead_in_from_hubspot
from tools.leads.model import LeadHistoryTooThin, lead_history, train_lead_model
from tools.leads.scorer import LeadScorer, load_scorer
from tools.parsing.amounts import parse_budget

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


BASE = {"company": "Northwind Logistics", "contact_email": "dana@northwind.io"}


def facts(**overrides) -> LeadFacts:
    data = {
        "company": "Northwind Logistics",
        "contact_email": "dana@northwind.io",
        "budget": 60_000,
        "employee_count": 400,
        "timeline": "this quarter",
        "interest_area": "forecasting",
        "notes": GOOD_NOTES,
        "contact_title": "VP Sales",
    }
    data.update(overrides)
    return LeadFacts.from_input(LeadIn.model_validate(data), now=NOW)


def codes(f: LeadFacts, rules: LeadRules | None = None) -> set[str]:
    return {flag.code for flag in disqualification_flags(f, rules or LeadRules())}


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(lead_model_dir=tmp_path / "models", intake_secret="s3cret", lead_min_history=60)


# --- parsing ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("this quarter", 45),
        ("3-6 months", 135),
        ("ASAP", 7),
        ("6 months", 180),
        ("12+ months", 450),
        ("just researching", None),
        ("", None),
        ("by 2026-08-01", 92),
    ],
)
def test_timeline_days(text, days):
    assert timeline_days(text, submitted_at=NOW) == days


def test_next_year_lands_beyond_a_one_year_horizon_only_late_in_the_year():
    assert timeline_days("next year", submitted_at=NOW) > 365
    assert timeline_days("next year", submitted_at=datetime(2026, 12, 20, tzinfo=UTC)) < 365


@pytest.mark.parametrize(("text", "amount"), [("$50,000", 50_000), ("50k", 50_000), ("1.2M", 1_200_000), (7500, 7500)])
def test_budget_amounts(text, amount):
    assert parse_amount(text) == amount


@pytest.mark.parametrize(
    ("text", "low", "high", "currency"),
    [
        ("$50k-$100k", 50_000, 100_000, "USD"),
        ("€75.000", 75_000, 75_000, "EUR"),  # German thousands separator: not 75 euros
        ("75.000 €", 75_000, 75_000, "EUR"),
        ("1.234.567,89 EUR", 1_234_567.89, 1_234_567.89, "EUR"),
        ("CHF 80'000", 80_000, 80_000, "CHF"),
        ("120 000 €", 120_000, 120_000, "EUR"),
        ("50-100k EUR", 50_000, 100_000, "EUR"),
        ("£40,000", 40_000, 40_000, "GBP"),
        ("100k+", 100_000, None, "USD"),
        ("up to £20k", None, 20_000, "GBP"),
        ("SEK 500 000", 500_000, 500_000, "SEK"),
        ("around 50k", 50_000, 50_000, "USD"),
    ],
)
def test_real_budget_formats_keep_their_range_and_currency(text, low, high, currency):
    budget = parse_budget(text)
    assert (budget.low, budget.high, budget.currency, budget.problem, budget.given) == (low, high, currency, None, text)


@pytest.mark.parametrize("text", ["lots", "tbd", "$50k/year", "$50k - 20k", "5k USD-6k EUR"])
def test_unreadable_budgets_are_kept_as_given_with_the_reason(text):
    budget = parse_budget(text)
    assert budget.given == text and budget.amount is None and budget.problem
    with pytest.raises(ValueError, match="budget must be an amount"):
        parse_amount(text)


def test_budgets_in_other_currencies_are_scored_in_usd_at_the_configured_rate():
    euro = facts(budget="€75.000")
    assert euro.budget == pytest.approx(75_000 * 1.08) and euro.budget_note is None
    at_par = LeadFacts.from_input(LeadIn.model_validate(dict(BASE, budget="€75.000")), now=NOW, rates={"EUR": 1.0})
    assert at_par.budget == 75_000
    no_rate = facts(budget="SEK 500 000")
    assert no_rate.budget is None and "no conversion rate for SEK" in no_rate.budget_note
    unread = facts(budget="lots")
    result = LeadScorer(rules=LeadRules()).score(unread)
    assert any("'lots' kept as given, not scored" in r for r in result.reasons)
    assert not any("no budget given" in r for r in result.reasons)  # a budget was given: not said otherwise


@pytest.mark.parametrize(
    "email", ["jörg@müller.de", "用户@例子.广告", "josé.garcía@empresa.es", "dana@xn--mller-kva.de"]
)
def test_international_email_addresses_are_accepted(email):
    lead = LeadIn.model_validate({"company": "Acme", "email": email})
    assert "@" in lead.contact_email


def test_a_size_range_typed_as_employee_count_is_kept_as_the_size_band():
    lead = LeadIn.model_validate({"company": "Acme", "email": "jo@acme.com", "employee_count": "50-200"})
    assert (lead.employee_count, lead.company_size) == (None, "50-200")


def test_form_errors_name_each_field():
    with pytest.raises(ValidationError) as err:
        LeadIn.model_validate({"company": "", "email": "nope", "budget": "lots", "employee_count": "many"})
    fields = {e["field"] for e in validation_errors(err.value)}
    assert fields == {"company", "email", "employee_count"}  # an unreadable budget is kept, never refused


def test_domain_is_normalised_and_derived_from_the_email():
    lead = LeadIn.model_validate({"company": "Acme", "email": "jo@acme.com", "domain": "https://www.Acme.com/contact"})
    assert lead.domain == "acme.com"
    assert LeadIn.model_validate({"company": "Acme", "email": "jo@Acme.COM"}).effective_domain == "acme.com"


# --- each disqualification rule ------------------------------------------------------------------------------------


def test_a_good_lead_has_no_flags():
    assert codes(facts()) == set()


def test_budget_under_the_floor():
    assert codes(facts(budget=3_000)) == {"budget_floor"}
    assert codes(facts(budget=3_000), LeadRules(budget_floor=1_000)) == set()


def test_timeline_beyond_the_horizon():
    assert codes(facts(timeline="18 months")) == {"timeline_horizon"}
    assert codes(facts(timeline="18 months"), LeadRules(horizon_days=600)) == set()


def test_free_mail_and_student_domains():
    assert codes(facts(contact_email="dana@gmail.com")) == {"free_mail"}
    assert codes(facts(contact_email="dana@cs.stanford.edu")) == {"student"}
    assert codes(facts(contact_email="dana@northwind.io", domain="ox.ac.uk")) == {"student"}
    custom = LeadRules(free_mail=frozenset({"mailinator.com"}))
    assert codes(facts(contact_email="x@mailinator.com"), custom) == {"free_mail"}
    assert domain_kind("northwind.io") == "business"


def test_competitor_by_domain_or_name():
    rules = LeadRules(competitors=("rivalcrm.com", "Pipedrive"))
    assert codes(facts(contact_email="spy@eu.rivalcrm.com"), rules) == {"competitor"}
    assert codes(facts(company="Pipedrive OÜ"), rules) == {"competitor"}
    assert codes(facts(company="Pipedrivers Club"), rules) == set()


def test_spam_notes():
    assert codes(facts(notes=SPAM_NOTES)) == {"spam"}


def test_gibberish_notes():
    assert codes(facts(notes="asdkjh qwpzxc vbnmrt lkjhgfd")) == {"gibberish"}
    assert gibberish_score(GOOD_NOTES) < 0.15


def test_rules_come_from_settings(tmp_path):
    s = Settings(lead_budget_floor=20_000, lead_competitors=["rivalcrm.com"], lead_free_mail_domains=["corp.mail"])
    rules = LeadRules.from_settings(s)
    assert rules.budget_floor == 20_000 and rules.competitors == ("rivalcrm.com",) and "corp.mail" in rules.free_mail


# --- scoring -------------------------------------------------------------------------------------------------------


def test_thin_history_falls_back_to_the_rules(sqlite_engine, settings):
    add_history(sqlite_engine, n=20)
    scorer = load_scorer(sqlite_engine, settings)
    assert scorer.model is None
    result = scorer.score(facts())
    assert result.method == "rules" and "20 decided leads" in result.model_note
    assert 0 <= result.score <= 100 and result.tier in "ABCD" and result.reasons


def test_learned_model_is_deterministic_and_ranks_good_leads_higher(sqlite_engine, settings):
    add_history(sqlite_engine, n=160)
    history = lead_history(sqlite_engine)
    assert len(history) == 160
    one, two = train_lead_model(history), train_lead_model(history)
    good, bad = facts(), facts(budget=2_000, employee_count=5, timeline="next year", notes="hello")
    assert one.score(good).score == two.score(good).score
    assert one.probabilities([good, bad]).tolist() == two.probabilities([good, bad]).tolist()
    result = one.score(good)
    assert result.method == "learned" and 0 <= result.score <= 100
    assert result.score > one.score(bad).score
    assert any("budget" in r for r in result.reasons)
    assert result.probability is not None and f"{result.probability:.0%}" in result.model_note
    assert result.tier in "AB" and one.score(bad).tier in "CD"
    assert one.score(good, llm_rating=None).score == result.score


def test_model_is_cached_by_data_and_retrained_when_history_changes(sqlite_engine, settings):
    add_history(sqlite_engine, n=120)
    first = load_scorer(sqlite_engine, settings).model
    assert first is not None and first.n_train == 120
    assert len(list(settings.lead_model_dir.glob("lead--*.pkl"))) == 1
    assert load_scorer(sqlite_engine, settings).model is first
    add_history(sqlite_engine, n=10, seed=9, start=datetime(2025, 6, 1, tzinfo=UTC), prefix="late")
    second = load_scorer(sqlite_engine, settings).model
    assert second is not None and second.n_train == 130 and second.fingerprint != first.fingerprint


def test_too_few_wins_refuses_to_learn():
    history = []
    with pytest.raises(LeadHistoryTooThin):
        train_lead_model(history)


# --- intake --------------------------------------------------------------------------------------------------------


def test_intake_stores_a_scored_lead_once(engine, settings):
    lead = LeadIn.model_validate({"company": "Acme", "email": "jo@acme.com", "budget": 3000})
    first = intake_lead(engine, lead, source="web_form", settings=settings)
    again = intake_lead(
        engine,
        LeadIn.model_validate({"company": "Acme Inc", "email": "JO+x@acme.com"}),
        source="web_form",
        settings=settings,
    )
    assert first.created and not again.created and again.lead_id == first.lead_id
    assert first.score is not None and first.score.tier == "D"
    assert [f.code for f in first.score.flags] == ["budget_floor"]


def test_hubspot_contacts_take_the_same_path(engine, settings):
    props = {
        "company": "Globex",
        "email": "hank@globex.com",
        "numemployees": "250",
        "budget": "80000",
        "jobtitle": "CFO",
    }
    from tools.leads.intake import intake_hubspot_contact

    result = intake_hubspot_contact(engine, props, hubspot_id="501", settings=settings)
    assert result.created and result.source == "hubspot"
    assert not intake_hubspot_contact(engine, props, hubspot_id="501", settings=settings).created
    with pytest.raises(ValidationError):
        lead_in_from_hubspot({"company": "NoEmail"})


def test_copilot_tool_scores_and_explains_errors(sqlite_engine, settings):
    from datetime import UTC, datetime

    from tools.capabilities import ToolContext, langchain_tools

    ctx = ToolContext(engine=sqlite_engine, settings=settings, now=datetime.now(UTC))
    tool = next(t for t in langchain_tools(ctx) if t.name == "score_lead")
    text = tool.invoke({"company": "Acme", "contact_email": "jo@gmail.com", "budget": "$80k", "timeline": "ASAP"})
    assert '"company":"Acme","score"' in text and "free-mail" in text
    bad = tool.invoke({"company": "Acme", "contact_email": "not-an-email"})
    assert "can't score this lead" in bad and "email" in bad


def test_top_decile_lift_counts_ties_at_the_cut_fractionally():
    import numpy as np

    from eval.leads import top_decile_lift

    y = np.array([1, 0, 0, 0, 0, 0, 0, 0, 0, 0] * 2)
    perfect = np.arange(20, 0, -1, dtype=float) * (1 + y)  # wins on top
    assert top_decile_lift(y, np.where(y == 1, 2.0, 1.0)) == pytest.approx(10.0)
    assert top_decile_lift(y, perfect) == pytest.approx(10.0)
    assert top_decile_lift(y, np.ones(20)) == pytest.approx(1.0)  # all tied: the base rate
