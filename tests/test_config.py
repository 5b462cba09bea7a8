from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Secret, load_settings

KEY = {"BOT_SECRET_KEY": "x" * 40}


def test_defaults_need_no_configuration() -> None:
    settings = load_settings(KEY, dotenv=None)
    assert settings.database_url.startswith("sqlite:///") and settings.database_url.endswith(
        "data/bot.db"
    )
    assert (settings.host, settings.port, settings.default_locale) == ("127.0.0.1", 8000, "id")
    assert settings.telegram_bot_token is None
    assert settings.web_workers == 1


def test_postgres_urls_use_psycopg() -> None:
    settings = load_settings({**KEY, "DATABASE_URL": "postgres://u@db:5432/bot"}, dotenv=None)
    assert settings.database_url == "postgresql+psycopg://u@db:5432/bot"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"PORT": "abc"}, "PORT"),
        ({"DEFAULT_LOCALE": "fr"}, "DEFAULT_LOCALE"),
        ({"TELEGRAM_API_URL": "ftp://x"}, "TELEGRAM_API_URL"),
        ({"TELEGRAM_WEBHOOK_URL": "https://x/webhooks/telegram"}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"BOT_SECRET_KEY": "short"}, "BOT_SECRET_KEY"),
        ({"WEB_CONCURRENCY": "two"}, "WEB_CONCURRENCY"),
        ({"WEB_CONCURRENCY": "0"}, "WEB_CONCURRENCY"),
        ({"PORT": "-1"}, "PORT"),
        ({"WHATSAPP_SEND_RATE": "fast"}, "WHATSAPP_SEND_RATE must be a number"),
        ({"WHATSAPP_SEND_RATE": "0"}, "WHATSAPP_SEND_RATE must be above 0"),
    ],
)
def test_a_bad_variable_is_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings({**KEY, **env}, dotenv=None)


def test_secrets_never_show_in_repr() -> None:
    settings = load_settings({**KEY, "TELEGRAM_BOT_TOKEN": "123:abc"}, dotenv=None)
    assert "123:abc" not in repr(settings) and "x" * 40 not in repr(settings)
    assert settings.telegram_bot_token == Secret("123:abc")


def test_environment_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("# comment\nPORT=9000\nHOST='0.0.0.0'\n")
    settings = load_settings({**KEY, "PORT": "8081"}, dotenv=dotenv)
    assert (settings.host, settings.port) == ("0.0.0.0", 8081)
