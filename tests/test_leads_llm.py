"""The optional LLM reading of lead notes, against a loopback OpenAI-compatible server."""

import pytest

from settings import Settings
from tests.fakes.openai_rater import FakeOpenAIRater
from tests.lead_history import GOOD_NOTES, SPAM_NOTES, add_history
from tools.leads.facts import LeadFacts
from tools.leads.form import LeadIn
from tools.leads.llm import parse_rating
from tools.leads.scorer import load_scorer


def rate_by_notes(prompt: str) -> str | None:
    if "outage" in prompt:
        return None
    if "spreadsheets" in prompt:
        return "9"
    if "SEO" in prompt:
        return "Rating: 0"
    return "5"


@pytest.fixture
def llm_settings(tmp_path):
    def make(fake: FakeOpenAIRater) -> Settings:
        return Settings(
            openai_api_key="test",
            openai_base_url=fake.base_url,
            lead_model_dir=tmp_path / "models",
            lead_min_history=60,
        )

    return make


def lead(notes: str) -> LeadFacts:
    data = {"company": "Acme", "contact_email": "jo@acme.com", "budget": 60000, "employee_count": 300, "notes": notes}
    from datetime import UTC, datetime

    return LeadFacts.from_input(LeadIn.model_validate(data), now=datetime(2026, 5, 1, tzinfo=UTC))


@pytest.mark.parametrize(("text", "rating"), [("7", 7.0), ("Rating: 12", 10.0), ("none", None), ("8.5/10", 8.5)])
def test_parse_rating(text, rating):
    assert parse_rating(text) == rating


def test_llm_rating_is_an_extra_feature_read_once_per_distinct_note(sqlite_engine, llm_settings):
    add_history(sqlite_engine, n=150)
    with FakeOpenAIRater(rate_by_notes) as fake:
        settings = llm_settings(fake)
        scorer = load_scorer(sqlite_engine, settings)
        assert scorer.model is not None and scorer.model.uses_llm
        assert "llm" in scorer.model.group_columns
        assert len(fake.prompts) == 3  # three distinct notes in the history; the rest came from the cache
        assert GOOD_NOTES in fake.prompts[0] or GOOD_NOTES in "".join(fake.prompts)

        good = scorer.score(lead(GOOD_NOTES))
        spam = scorer.score(lead(SPAM_NOTES))
        assert good.score > spam.score and good.method == "learned"
        assert len(fake.prompts) == 3  # same notes: cached

        load_scorer(sqlite_engine, settings)  # a second process-level load: ratings come from the JSON cache
        assert len(fake.prompts) == 3


def test_llm_outage_scores_without_the_reading(sqlite_engine, llm_settings):
    add_history(sqlite_engine, n=150)
    with FakeOpenAIRater(rate_by_notes) as fake:
        scorer = load_scorer(sqlite_engine, llm_settings(fake))
        result = scorer.score(lead("outage please, we need a tool"))
    assert result.method == "learned" and 0 <= result.score <= 100


def test_offline_there_is_no_llm_feature(sqlite_engine, tmp_path):
    add_history(sqlite_engine, n=150)
    scorer = load_scorer(sqlite_engine, Settings(lead_model_dir=tmp_path / "m"))
    assert scorer.model is not None and not scorer.model.uses_llm and scorer.llm_rate is None
