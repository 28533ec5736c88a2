import json

import pytest

import app


@pytest.fixture
def store_env(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("LEAD_MODEL_DIR", str(tmp_path / "models"))


def test_score_lead_prints_score_tier_reasons_and_flags(store_env, tmp_path, capsys):
    path = tmp_path / "lead.json"
    path.write_text(
        json.dumps({"company": "Acme", "contact_email": "jo@gmail.com", "budget": 2000, "timeline": "ASAP"})
    )
    assert app.main(["score-lead", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Acme: score ") and "tier D" in out
    assert "free-mail address (gmail.com)" in out and "under the $5,000 floor" in out

    assert app.main(["score-lead", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tier"] == "D" and {f["code"] for f in data["flags"]} == {"free_mail", "budget_floor"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{oops", "is not valid JSON"),
        ("[1, 2]", "must hold one JSON object"),
        ('{"company": "Acme", "contact_email": "nope", "employee_count": "lots"}', "employee_count"),
    ],
)
def test_score_lead_explains_bad_input(store_env, tmp_path, capsys, content, message):
    path = tmp_path / "lead.json"
    path.write_text(content)
    assert app.main(["score-lead", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_score_lead_missing_file(store_env, tmp_path, capsys):
    assert app.main(["score-lead", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("budget", "expected"),
    [
        ("$50k-$100k", "budget $50,000 (50k or more)"),  # the low end of the range is scored
        ("€75.000", "budget $81,000 (50k or more)"),  # 75,000 euros at the default 1.08, not $75
        ("ask my boss", "budget 'ask my boss' kept as given, not scored"),
    ],
)
def test_score_lead_reads_real_budget_formats(store_env, tmp_path, capsys, budget, expected):
    path = tmp_path / "lead.json"
    lead = {"company": "Müller GmbH", "contact_email": "jörg@müller.de", "budget": budget, "timeline": "this quarter"}
    path.write_text(json.dumps(lead))
    assert app.main(["score-lead", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(expected in reason for reason in data["reasons"]), data["reasons"]
