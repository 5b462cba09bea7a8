from __future__ import annotations

import io
import logging
import sys

import pytest

from bot.logs import RedactingFormatter, setup_logging


def test_log_lines_never_carry_a_token_nik_or_phone(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redaction")
    logger.warning(
        "HTTP Request: POST https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage"
    )
    logger.warning(
        "user typed NIK %s and phone %s / %s",
        "5103011508950003",
        "+62 812-3456-7890",
        "081234567890",
    )
    try:
        raise ValueError("bad NIK 3201014508950001")
    except ValueError:
        logger.exception("failed")
    formatter = RedactingFormatter("%(message)s")
    lines = "\n".join(formatter.format(record) for record in caplog.records)
    for secret in (
        "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        "5103011508950003",
        "3201014508950001",
        "3456-7890",
        "34567890",
    ):
        assert secret not in lines
    assert "bot<token>/sendMessage" in lines and "5103********0003" in lines


def test_log_lines_go_to_the_stderr_of_now_not_of_set_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A command run in-process under a captured stderr must not leave logging on a closed one."""
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    monkeypatch.setattr(root, "level", root.level)
    at_set_up = io.StringIO()
    monkeypatch.setattr(sys, "stderr", at_set_up)
    setup_logging()
    at_set_up.close()
    now = io.StringIO()
    monkeypatch.setattr(sys, "stderr", now)
    logging.getLogger("test.stderr").warning("NIK %s", "5103011508950003")
    assert now.getvalue().endswith("WARNING test.stderr: NIK 5103********0003\n")
