"""Every setting of every process, read from the environment once, at start (`settings()`).

The field list below is the one table of configuration: name (upper-cased, it is the environment
variable), type, default and meaning. `.env.example` lists the same variables; a test keeps the two
in step. Paths are absolute from the project root unless set otherwise.
"""

import os
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import List, Optional

from pydantic import BaseSettings, Field
from pydantic.fields import ModelField

PROJECT_DIR = Path(__file__).resolve().parents[1]
VAR_DIR = PROJECT_DIR / "var"
CONTENT_DIR = PROJECT_DIR / "content"
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}
DEVELOPMENT_SALT = "thurrock-front-door"


class Settings(BaseSettings):
    """The environment variables the assistant reads, with their defaults."""

    # Storage
    database_url: Optional[str] = Field(
        None,
        description="Database for conversations, handovers and feedback, e.g. "
        "postgresql://frontdoor:secret@localhost/frontdoor. Unset: SQLite files under var/.",
    )
    tracker_standby_path: Path = Field(
        VAR_DIR / "tracker-standby.db",
        description="Local SQLite file that keeps conversations while the database is unreachable.",
    )
    spool_dir: Path = Field(
        VAR_DIR / "spool", description="Where a confirmed handover is written if the database is down."
    )
    redis_url: Optional[str] = Field(
        None, description="Redis for the shared conversation lock store (make run-scaled)."
    )
    conversation_hash_salt: str = Field(
        DEVELOPMENT_SALT,
        description="Salt of the one-way hash that links feedback to a conversation. Required (your "
        "own long random value) outside development.",
    )
    public_url: str = Field(
        "http://localhost:5005",
        description="Where residents reach the chat page from outside: the privacy notice's address, "
        "told in full on every channel (Telegram and speech have no page to link from).",
    )
    retention_days: int = Field(
        90,
        ge=1,
        description="Days personal data is kept after a conversation's last message: "
        "`python -m bot purge` removes it after this (run it daily) and the privacy notice says so.",
    )

    # Exposure (docs/security.md)
    environment: str = Field(
        "development",
        description="'development' (the default; loopback only) or 'production'. "
        "Outside development, and whenever HOST is not loopback, secrets must be set.",
    )
    host: str = Field(
        "127.0.0.1",
        description="Interface the public server listens on (the Rasa server, or nginx "
        "in `make run-scaled`). Action servers, replicas and Redis always listen on loopback.",
    )
    actions_host: str = Field(
        "127.0.0.1",
        description="Interface the action server listens on: loopback, unless it runs in a "
        "container of its own (then only on the private network, with ACTION_SERVER_TOKEN set).",
    )
    action_server_token: Optional[str] = Field(
        None,
        description="Shared token the Rasa server sends to the action server, which refuses "
        "requests without it. Unset: `python -m bot serve` makes a random one for each run.",
    )
    telegram_bridge_secret: Optional[str] = Field(
        None,
        description="Shared secret of the Telegram bridge and the assistant's telegram channel. "
        "Unset: that channel refuses every request (the bridge cannot run).",
    )
    proxies_count: int = Field(
        0,
        description="Proxies in front of the Rasa server whose X-Forwarded-For is trusted for the "
        "client address (1 behind one nginx; `make run-scaled` sets it for its replicas).",
    )

    # Resident-facing limits
    max_message_chars: int = Field(1000, description="Characters of a message that NLU reads.")
    max_kept_chars: int = Field(20000, description="Characters of a message kept in the conversation.")
    max_body_bytes: int = Field(256 * 1024, description="Largest request body accepted (else a kind 413).")
    rate_limit_messages: int = Field(30, description="Messages one sender may send per window.")
    rate_limit_seconds: float = Field(10.0, description="The rate limit's window, in seconds.")
    rate_limit_address_messages: int = Field(
        60, description="Messages from one client address per window, whatever the sender ids."
    )
    rate_limit_exempt_addresses: str = Field(
        "",
        description="Client addresses (space separated) without the per-address limit, e.g. your monitoring.",
    )
    handovers_per_address_per_day: int = Field(
        20,
        description="Handovers one client address may send to Thurrock First per day (a care home, library or "
        "surgery shares one address); past it a request is saved with a reference for staff, not sent on.",
    )
    max_conversation_events: int = Field(
        5000, description="Largest stored conversation (events); then a kind message instead of more."
    )
    session_hours: float = Field(
        24.0,
        description="Life of the chat page's conversation cookie (and of its transcript in the "
        "browser) since the last message.",
    )
    cors_origins: str = Field(
        "", description="Other web sites (space separated) allowed to call the channels from a browser."
    )

    # Speech
    speech_cache_dir: Path = Field(VAR_DIR / "speech", description="Where spoken replies (WAV) are cached.")
    speech_cache_mb: int = Field(200, description="Size of the speech cache in MB.")
    speech_timeout_seconds: float = Field(10.0, description="Longest wait for one spoken reply.")
    speech_workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        shown_default="one per CPU core",
        description="Speech engine processes.",
    )
    speech_private_seconds: float = Field(
        600.0, description="Life of spoken replies that hold personal details (random names, never cached)."
    )

    # Handover delivery (the outbox)
    handover_email_to: Optional[str] = Field(
        None, description="Thurrock First's mailbox for handovers. Unset: no email is sent."
    )
    handover_email_from: str = Field("front-door@localhost", description="The handover email's sender.")
    smtp_host: str = Field("localhost", description="SMTP server for handover email.")
    smtp_port: int = Field(25, description="SMTP port.")
    smtp_username: Optional[str] = Field(None, description="SMTP user name, if the server needs one.")
    smtp_password: Optional[str] = Field(None, description="SMTP password, if the server needs one.")
    smtp_starttls: Optional[bool] = Field(
        None, description="Use STARTTLS with the SMTP server. Unset: on, unless SMTP_HOST is loopback."
    )
    handover_webhook_url: Optional[str] = Field(
        None, description="Case system URL that receives each handover as JSON. Unset: no webhook."
    )
    handover_webhook_token: Optional[str] = Field(None, description="Bearer token sent to the webhook.")
    outbox_poll_seconds: float = Field(5.0, description="How often the outbox looks for new handovers.")
    outbox_retry_seconds: float = Field(30.0, description="First wait before a failed delivery is retried.")
    outbox_longest_retry_seconds: float = Field(3600.0, description="Longest wait between retries.")

    # Out of hours
    emergency_duty_team_phone: Optional[str] = Field(
        None,
        description="The council's out-of-hours emergency duty team number, shown in urgent answers "
        "while Thurrock First is closed. Unset (no number is verified yet): only the safe routes are given "
        "(999, NHS 111, the care agency's own on-call line).",
    )
    clock_override: Optional[datetime] = Field(
        None,
        description="For tests only: the date and time the assistant takes as now (Europe/London, "
        "e.g. 2026-12-05T22:30), to check answers that depend on opening hours. Never set in production.",
    )

    # Telegram bridge
    telegram_bot_token: Optional[str] = Field(None, description="The bot's token from @BotFather.")
    telegram_api_url: str = Field("https://api.telegram.org", description="Telegram Bot API address.")
    telegram_webhook_url: Optional[str] = Field(
        None, description="Public HTTPS address for webhook mode. Unset: the bridge polls."
    )
    telegram_secret_token: Optional[str] = Field(None, description="Webhook secret (needed in webhook mode).")
    telegram_webhook_port: int = Field(8443, description="Port the bridge listens on in webhook mode.")
    assistant_url: str = Field("http://localhost:5005", description="Where the bridge reaches the assistant.")

    # Supervision (`make run`, `make run-scaled`: supervisord, deploy/supervisor/)
    part_crash_limit: int = Field(
        5,
        description="A part that crashes more often than this within the window is no longer "
        "restarted, and the health check names it.",
    )
    part_crash_window_minutes: float = Field(10.0, description="The window for PART_CRASH_LIMIT, in minutes.")
    supervisor_server_url: Optional[str] = Field(
        None,
        description="Set by supervisord for the parts it runs: where the health check asks "
        "which parts are up.",
    )

    class Config:
        case_sensitive = False

    @property
    def project_database_url(self) -> str:
        """Handovers and feedback: DATABASE_URL, else var/front_door.db."""
        return self.database_url or f"sqlite:///{VAR_DIR / 'front_door.db'}"

    @property
    def tracker_database_url(self) -> str:
        """Rasa's conversations: DATABASE_URL, else var/tracker.db."""
        return self.database_url or f"sqlite:///{VAR_DIR / 'tracker.db'}"

    @property
    def use_starttls(self) -> bool:
        """SMTP_STARTTLS if set; else on for any SMTP host that is not loopback."""
        if self.smtp_starttls is not None:
            return self.smtp_starttls
        return self.smtp_host not in LOOPBACK_HOSTS

    @property
    def is_development(self) -> bool:
        """Development: ENVIRONMENT=development and nothing listens beyond loopback."""
        return self.environment == "development" and self.host in LOOPBACK_HOSTS

    def unsafe_for_production(self) -> List[str]:
        """What must be set before serving outside development (empty when all is well)."""
        if self.is_development:
            return []
        problems = []
        if len(self.conversation_hash_salt) < 16 or self.conversation_hash_salt == DEVELOPMENT_SALT:
            problems.append(
                "CONVERSATION_HASH_SALT must be your own random value of 16 characters "
                "or more (for example: python -c 'import secrets; print(secrets.token_hex(32))')"
            )
        return problems

    def require_safe(self) -> None:
        """Stops a launcher at start with a clear message if a required secret is missing."""
        problems = self.unsafe_for_production()
        if problems:
            where = f"ENVIRONMENT={self.environment}, HOST={self.host}"
            raise SystemExit(f"Not starting ({where}; see docs/security.md):\n- " + "\n- ".join(problems))

    def delivery_methods(self) -> List[str]:
        """The handover delivery methods that are configured (none: staff read them with the CLI)."""
        configured = (("email", self.handover_email_to), ("webhook", self.handover_webhook_url))
        return [name for name, value in configured if value]


def shown_default(field: ModelField) -> str:
    """A field's default as the docs show it: paths from the project root, computed ones in words."""
    if "shown_default" in field.field_info.extra:
        return field.field_info.extra["shown_default"]
    value = field.default
    if value is None:
        return ""
    if isinstance(value, Path):
        return str(value.relative_to(PROJECT_DIR))
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def env_example() -> str:
    """`.env.example`: every variable, commented out at its default, with its meaning."""
    lines = [
        "# Every setting of Thurrock Front Door (generated by `python -m bot settings --env-example`;",
        "# a test keeps it in step with bot/settings.py). Copy the lines you need into the environment.",
        "# Paths are shown from the project root; their defaults are absolute.",
    ]
    for name, field in Settings.__fields__.items():
        lines += ["", f"# {field.field_info.description}", f"# {name.upper()}={shown_default(field)}"]
    return "\n".join(lines) + "\n"


def markdown_table() -> str:
    """The table of docs/configuration.md (`python -m bot settings`)."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    for name, field in Settings.__fields__.items():
        default = shown_default(field)
        rows.append(
            f"| `{name.upper()}` | {f'`{default}`' if default else '(unset)'} | "
            f"{field.field_info.description} |"
        )
    return "\n".join(rows) + "\n"


@lru_cache(maxsize=None)
def settings() -> Settings:
    """The process's settings, read from the environment on first use and kept."""
    return Settings()
