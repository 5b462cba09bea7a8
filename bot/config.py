"""Settings, read once from the environment (and `.env`); the only reader of os.environ.

A missing or malformed variable raises `ConfigError` naming it, at start-up rather than
at the first message that needs it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
LOCALES_DIR = ROOT / "locales"
SUPPORTED_LOCALES = ("id", "en")
N = TypeVar("N", int, float)


class ConfigError(ValueError):
    """A configuration variable is missing or malformed; the message names it."""


class Secret(str):
    """A string whose repr never shows its value, so it cannot leak through a log."""

    def __repr__(self) -> str:
        return "Secret('**********')"


@dataclass(frozen=True)
class OutboxSettings:
    """How the outbox's sender paces itself (OUTBOX_* variables); tests shorten them."""

    lease: float = 60.0  # seconds a sender holds claimed rows; more than a chat's sends take
    poll: float = 1.0  # seconds between sweeps for retries and orphaned rows
    retry_base: float = 0.5  # the first retry after about this long, doubling each time
    retry_max: float = 300.0  # the longest wait between two attempts
    attempts: int = 20  # then the row fails (about an hour of a platform's outage)
    keep_hours: float = 48.0  # sent and failed rows are purged after this long


@dataclass(frozen=True)
class Settings:
    """Everything the bot is configured with; see `.env.example` for each variable."""

    database_url: str
    secret_key: Secret
    default_locale: str = "id"
    host: str = "127.0.0.1"
    port: int = 8000
    web_workers: int = 1  # uvicorn worker processes for `bot run`
    forwarded_allow_ips: str = "127.0.0.1"  # proxies whose X-Forwarded-* headers are believed
    telegram_bot_token: Secret | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: Secret | None = None
    telegram_bot_username: str = "jamsostek_bot"  # for officers' t.me links; set the real one
    whatsapp_token: Secret | None = None
    whatsapp_phone_number_id: str | None = None
    whatsapp_app_secret: Secret | None = None
    whatsapp_verify_token: Secret | None = None
    whatsapp_api_url: str = "https://graph.facebook.com/v21.0"
    whatsapp_number: str | None = None
    # Messages/s we send per business number, split among web_workers. Meta's 80 a second
    # count the user's messages too: 60 leaves them 20.
    whatsapp_send_rate: float = 60.0
    outbox: OutboxSettings = field(default_factory=lambda: OutboxSettings())
    leads_retention_months: int = 12  # unregistered leads are deleted after this long

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _read_dotenv(path: Path) -> dict[str, str]:
    """KEY=VALUE lines; the environment wins over the file."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip("'\"")
    return values


def _secret_key(env: Mapping[str, str], data_dir: Path) -> Secret:
    """BOT_SECRET_KEY, or one generated into data/ on first run and kept there."""
    if value := env.get("BOT_SECRET_KEY"):
        if len(value) < 32:
            raise ConfigError("BOT_SECRET_KEY must be at least 32 characters long")
        return Secret(value)
    path = data_dir / "secret.key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return Secret(path.read_text(encoding="utf-8").strip())


def _url(env: Mapping[str, str], key: str, default: str | None) -> str | None:
    value = env.get(key) or default
    if value is not None and not value.startswith(("http://", "https://")):
        raise ConfigError(f"{key} must be an http(s) URL, got {value!r}")
    return value.rstrip("/") if value else value


def _positive(env: Mapping[str, str], key: str, default: N, kind: type[N]) -> N:
    """A number above 0 (a whole one when `kind` is int), or `default` when unset."""
    raw = env.get(key)
    try:
        value = kind(raw) if raw else default
    except ValueError:
        number = "a whole number" if kind is int else "a number"
        raise ConfigError(f"{key} must be {number}, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{key} must be above 0, got {raw!r}")
    return value


def _secret(env: Mapping[str, str], key: str) -> Secret | None:
    value = env.get(key)
    return Secret(value) if value else None


def load_settings(
    environ: Mapping[str, str] | None = None, *, dotenv: Path | None = ROOT / ".env"
) -> Settings:
    """Build Settings from `environ` (default: os.environ over `.env`)."""
    env = {
        **(_read_dotenv(dotenv) if dotenv else {}),
        **(os.environ if environ is None else environ),
    }
    default_db = f"sqlite:///{DATA_DIR / 'bot.db'}"
    database_url = env.get("DATABASE_URL") or default_db
    if database_url.startswith("postgres://"):  # Heroku-style URLs
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgres://")
    elif database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")
    if not database_url.startswith(("sqlite", "postgresql")):
        raise ConfigError(
            f"DATABASE_URL must be a sqlite:// or postgresql:// URL, got {database_url!r}"
        )

    locale = env.get("DEFAULT_LOCALE") or "id"
    if locale not in SUPPORTED_LOCALES:
        raise ConfigError(
            f"DEFAULT_LOCALE must be one of {', '.join(SUPPORTED_LOCALES)}, got {locale!r}"
        )
    port = _positive(env, "PORT", 8000, int)
    web_workers = _positive(env, "WEB_CONCURRENCY", 1, int)

    webhook_url = _url(env, "TELEGRAM_WEBHOOK_URL", None)
    webhook_secret = _secret(env, "TELEGRAM_WEBHOOK_SECRET")
    if webhook_url and not webhook_secret:
        raise ConfigError("TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_WEBHOOK_URL is set")
    if webhook_secret and not all(c.isalnum() or c in "_-" for c in webhook_secret):
        raise ConfigError("TELEGRAM_WEBHOOK_SECRET may contain only A-Z, a-z, 0-9, _ and -")

    send_rate = _positive(env, "WHATSAPP_SEND_RATE", 60.0, float)
    defaults = OutboxSettings()
    outbox = OutboxSettings(
        lease=_positive(env, "OUTBOX_LEASE_SECONDS", defaults.lease, float),
        poll=_positive(env, "OUTBOX_POLL_SECONDS", defaults.poll, float),
        retry_base=_positive(env, "OUTBOX_RETRY_BASE_SECONDS", defaults.retry_base, float),
        retry_max=_positive(env, "OUTBOX_RETRY_MAX_SECONDS", defaults.retry_max, float),
        attempts=_positive(env, "OUTBOX_ATTEMPTS", defaults.attempts, int),
        keep_hours=_positive(env, "OUTBOX_KEEP_HOURS", defaults.keep_hours, float),
    )

    return Settings(
        database_url=database_url,
        secret_key=_secret_key(env, DATA_DIR),
        default_locale=locale,
        host=env.get("HOST") or "127.0.0.1",
        port=port,
        web_workers=web_workers,
        forwarded_allow_ips=env.get("FORWARDED_ALLOW_IPS") or "127.0.0.1",
        telegram_bot_token=_secret(env, "TELEGRAM_BOT_TOKEN"),
        telegram_api_url=_url(env, "TELEGRAM_API_URL", "https://api.telegram.org/bot") or "",
        telegram_webhook_url=webhook_url,
        telegram_webhook_secret=webhook_secret,
        telegram_bot_username=(env.get("TELEGRAM_BOT_USERNAME") or "jamsostek_bot").lstrip("@"),
        whatsapp_token=_secret(env, "WHATSAPP_TOKEN"),
        whatsapp_phone_number_id=env.get("WHATSAPP_PHONE_NUMBER_ID") or None,
        whatsapp_app_secret=_secret(env, "WHATSAPP_APP_SECRET"),
        whatsapp_verify_token=_secret(env, "WHATSAPP_VERIFY_TOKEN"),
        whatsapp_api_url=_url(env, "WHATSAPP_API_URL", "https://graph.facebook.com/v21.0") or "",
        whatsapp_number=env.get("WHATSAPP_NUMBER") or None,
        whatsapp_send_rate=send_rate,
        outbox=outbox,
        leads_retention_months=_positive(env, "LEADS_RETENTION_MONTHS", 12, int),
    )
