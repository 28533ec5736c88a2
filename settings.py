"""Every setting Sales OS reads, from the environment (and `.env`), in one pydantic-settings class."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent
DEFAULT_CURRENCY_RATES = {"EUR": 1.08, "GBP": 1.27, "CHF": 1.13, "CAD": 0.72, "AUD": 0.65, "JPY": 0.0067}
"""USD per unit of each currency (approximate, late 2026): the `currency_rates` default."""
DEFAULT_SENSITIVE_WORDS = (
    # M&A
    "merger", "mergers", "acquisition", "acquisitions", "M&A", "takeover", "buyout", "letter of intent",
    # HR
    "layoff", "layoffs", "redundancy", "redundancies", "severance", "disciplinary", "harassment", "grievance",
    "performance improvement plan", "termination of employment",
    # legal
    "lawsuit", "litigation", "subpoena", "attorney-client", "legal hold", "privileged and confidential",
    # health
    "diagnosis", "medical leave", "sick leave", "surgery", "maternity leave", "paternity leave", "mental health",
)  # fmt: skip
"""Words and phrases (whole words, any case) that make a call or note sensitive: the `sensitive_words` default."""
DEFAULT_SENSITIVE_TAGS = ("confidential", "sensitive", "private", "hr", "legal", "m&a", "board-only", "personal")
"""Calendar tags (`[hr]`/`#legal` in a meeting title, or a call's tags) that mark it sensitive: the default."""


class Settings(BaseSettings):
    """Sales OS configuration. With no credentials at all, everything runs on the embedded demo workspace."""

    model_config = SettingsConfigDict(env_file=".env", env_ignore_empty=True, extra="ignore")

    # --- store -------------------------------------------------------------------------------------------------
    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'var' / 'salesos.db'}",
        description="SQLAlchemy URL of the store: SQLite by default, postgresql+psycopg://... for a team deployment.",
    )
    chroma_path: Path = Field(
        default=PROJECT_ROOT / "var" / "chroma", description="Folder of the embedded Chroma store."
    )
    chroma_url: str | None = Field(default=None, description="http(s)://host:port of a Chroma server; overrides path.")
    embedding_model_dir: Path | None = Field(
        default=None, description="Folder with model.onnx + tokenizer.json; default: the installed local MiniLM."
    )

    # --- Slack ---------------------------------------------------------------------------------------------------
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = Field(default=None, description="xapp-... token: Socket Mode when set.")
    slack_api_url: str = Field(default="https://slack.com/api/", description="Slack Web API base URL.")
    slack_port: int = Field(default=3000, description="Port of the HTTP-mode server (/slack/events, /intake).")
    slack_http_workers: int = Field(
        default=1, ge=1, le=64, description="HTTP mode: server processes sharing SLACK_PORT (SO_REUSEPORT)."
    )
    slack_team_id: str | None = Field(
        default=None, description="The Slack workspace (team id, T…) this app serves; payloads from others are refused."
    )
    work_lease_seconds: float = Field(
        default=60.0, gt=0, description="Lease of a running Slack work item; renewed while its process lives."
    )
    work_sweep_seconds: float = Field(
        default=15.0, gt=0, description="How often unclaimed or orphaned Slack work is taken over and resumed."
    )
    intake_workers: int = Field(
        default=4, ge=1, le=64, description="Threads for POST /intake (never shared with Slack's)."
    )
    intake_rate_per_minute: int = Field(
        default=600, ge=1, description="POST /intake requests per minute per source address before 429."
    )
    digest_channel: str = Field(default="#sales-managers", description="Channel that receives the Monday digest.")
    inbound_channel: str = Field(default="#inbound-leads", description="Channel that receives scored inbound leads.")
    manager_emails: list[str] = Field(default_factory=list, description="Emails of managers who may approve any draft.")
    manager_user_group: str | None = Field(default=None, description="Slack user group id whose members are managers.")

    # --- HubSpot ------------------------------------------------------------------------------------------------
    hubspot_access_token: SecretStr | None = None
    hubspot_api_url: str = Field(default="https://api.hubapi.com", description="HubSpot API host (tests: loopback).")
    hubspot_portal_id: str | None = Field(default=None, description="Portal (hub) id, for record links in answers.")
    hubspot_requests_per_10s: int = Field(default=100, description="Private-app burst limit, requests per 10 s.")
    hubspot_search_requests_per_s: int = Field(default=5, description="Search API limit, requests per second.")
    hubspot_sync_minutes: int = Field(default=10, description="Minutes between incremental syncs when configured.")

    # --- LLM ---------------------------------------------------------------------------------------------------
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = Field(default=None, description="Any OpenAI-compatible server (Ollama, vLLM).")
    openai_model: str = "gpt-4o-mini"

    # --- team and schedules -------------------------------------------------------------------------------------
    team_timezone: str = Field(default="America/New_York", description="IANA timezone of the team's schedules.")
    quiet_hours_start: int = Field(default=19, description="Hour (team timezone) after which no alert is sent.")
    quiet_hours_end: int = Field(default=8, description="Hour (team timezone) before which no alert is sent.")
    scheduler_enabled: bool = Field(default=True, description="Run the scheduler inside `salesos serve`.")
    digest_schedule: str = Field(default="mon 09:00", description="Weekly digest: day and time in the team timezone.")
    risk_alerts_time: str = Field(default="08:30", description="Daily risk alerts, team timezone.")
    precall_brief_minutes: int = Field(default=60, description="Send a brief for meetings starting within N minutes.")

    # --- privacy -----------------------------------------------------------------------------------------------------
    sensitive_words: list[str] = Field(
        default_factory=lambda: list(DEFAULT_SENSITIVE_WORDS),
        description="Words (M&A, HR, legal, health) that make a call, note or email sensitive: never quoted into "
        "channels or the library; only its owner sees it, in DM.",
    )
    sensitive_tags: list[str] = Field(
        default_factory=lambda: list(DEFAULT_SENSITIVE_TAGS),
        description="Calendar tags that mark a meeting sensitive: `[tag]` or `#tag` in its title, or in the call's "
        "tags (labels).",
    )

    # --- deal health thresholds (published starting points) -----------------------------------------------------
    silent_business_days: int = 5
    stage_age_days: int = 30
    single_thread_amount: float = 50_000.0
    champion_silent_days: int = 14
    close_date_pushes: int = 2

    # --- scheduled jobs (branch jobs) -----------------------------------------------------------------------------
    risk_alert_score: int = Field(default=50, description="A deal is alerted on at this risk score (0-100) or above.")
    precall_brief_min_minutes: int = Field(
        default=30, description="Brief meetings starting at least this many minutes from now (and within N above)."
    )
    precall_check_minutes: int = Field(default=10, description="Minutes between checks for upcoming meetings.")
    deal_health_refresh_minutes: int = Field(
        default=15,
        ge=0,
        description="Above 0, the deal_health job stores every open deal's assessment (read by HubSpot's deal "
        "properties): it runs every minute and rewrites only deals whose inputs, score or day changed. 'At risk' is "
        "always assessed live. 0: no job.",
    )
    library_refresh_schedule: str = Field(default="sun 03:00", description="Weekly library refresh: day and time.")
    reactivation_schedule: str = Field(
        default="1st mon 09:30",
        description="Monthly reactivation DMs (lost deals worth reopening): a day of the month ('1st mon', "
        "'last fri', '15') and a time, team timezone.",
    )
    hubspot_deal_properties: bool = Field(
        default=True,
        description="Write Sales OS deal properties (win probability, health score, top risk, next best action, "
        "forecast category, last assessed) to HubSpot deals after each scoring, only when a value changed.",
    )

    # --- inbound intake -------------------------------------------------------------------------------------------
    intake_secret: SecretStr | None = Field(default=None, description="HMAC secret of POST /intake.")
    lead_budget_floor: float = 5_000.0
    currency_rates: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_CURRENCY_RATES),
        description=(
            "USD per unit of each currency, to score budgets given in other currencies (they are stored in their "
            "own). Approximate defaults; set your own as JSON. A currency without a rate is kept and not scored."
        ),
    )
    lead_timeline_horizon_days: int = 365

    # --- lead scoring (leads branch) ----------------------------------------------------------------------------
    lead_competitors: list[str] = Field(
        default_factory=list, description="Competitor names or domains: a lead from one is flagged, not scored up."
    )
    lead_free_mail_domains: list[str] = Field(
        default_factory=list, description="Extra free-mail domains, added to the built-in list (gmail.com, ...)."
    )
    lead_min_history: int = Field(
        default=60, description="Decided leads (and at least 10 wins) needed to learn; fewer → the rule-based score."
    )
    lead_model_dir: Path = Field(
        default=PROJECT_ROOT / "var" / "models",
        description="Where learned models (lead score, call outcome, win probability) are cached, keyed by their "
        "training data (the name predates the other models).",
    )
    lead_llm_notes: bool = Field(
        default=True, description="Read lead notes with the LLM as an extra scoring feature when an LLM is configured."
    )

    # --- demo ---------------------------------------------------------------------------------------------------
    demo_seed: int = 7
    log_level: str = "INFO"

    @field_validator("team_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)  # fail at start-up, not at 09:00 on Monday
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {value!r}: use an IANA name such as Europe/Paris") from exc
        return value

    @property
    def tz(self) -> ZoneInfo:
        """The team timezone as a ZoneInfo."""
        return ZoneInfo(self.team_timezone)

    @property
    def llm_configured(self) -> bool:
        """True when an LLM key or an OpenAI-compatible server is configured."""
        return self.openai_api_key is not None or self.openai_base_url is not None

    @property
    def model_cache_dir(self) -> Path:
        """Where every learned model is cached (`tools.model_cache`): LEAD_MODEL_DIR."""
        return self.lead_model_dir

    @property
    def hubspot_configured(self) -> bool:
        """True when a HubSpot private-app token is set."""
        return self.hubspot_access_token is not None

    def missing_for_slack(self) -> list[str]:
        """Name the variables `salesos serve` still needs."""
        missing = []
        if self.slack_bot_token is None:
            missing.append("SLACK_BOT_TOKEN")
        if self.slack_app_token is None and self.slack_signing_secret is None:
            missing.append("SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)")
        return missing


@lru_cache
def get_settings() -> Settings:
    """Read the settings once per process."""
    return Settings()
