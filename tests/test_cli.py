"""`python -m bot` as a user runs it: a fresh SQLite file, migrations, the terminal chat."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from bot.cli import main
from bot.services import Services
from bot.storage.models import Branch
from tests.conftest import bot_command, run_bot
from tests.stubs.server import free_port
from tests.web.test_dashboard_http import bali_night_lead, seed

ROOT = Path(__file__).resolve().parents[1]


def test_terminal_chat_on_a_fresh_database(tmp_path: Path) -> None:
    result = run_bot(["chat"], tmp_path, stdin="1\n3\nselengkapnya\nbahasa\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Halo! Saya asisten BPJS Ketenagakerjaan" in out
    assert "1. Info program" in out and "JHT (Jaminan Hari Tua)" in out
    assert "I will now write in English." in out


def test_db_upgrade_is_idempotent(tmp_path: Path) -> None:
    assert bot_command(["db", "upgrade"], tmp_path).returncode == 0
    assert bot_command(["db", "upgrade"], tmp_path).returncode == 0
    assert (tmp_path / "cli.db").stat().st_size > 0


def test_a_malformed_variable_is_named(tmp_path: Path) -> None:
    result = bot_command(["db", "upgrade"], tmp_path, PORT="eighty")
    assert result.returncode == 2
    assert "PORT must be a whole number" in result.stderr


def test_faq_unanswered_lists_the_most_frequent_masked(tmp_path: Path) -> None:
    assert bot_command(["db", "upgrade"], tmp_path).returncode == 0
    chat = bot_command(
        ["chat"], tmp_path, stdin="zxqv qwpzl\nZXQV qwpzl!!\nqqq nik 5103011508950003 zzz\n"
    )
    assert chat.returncode == 0, chat.stderr
    listing = bot_command(["faq", "unanswered", "--json"], tmp_path)
    assert listing.returncode == 0, listing.stderr
    rows = json.loads(listing.stdout)
    assert rows[0]["count"] == 2 and rows[0]["text"].lower().startswith("zxqv qwpzl")
    assert all("5103011508950003" not in row["text"] for row in rows)
    assert "  2  " in bot_command(["faq", "unanswered"], tmp_path).stdout


class Terminal(io.StringIO):
    """stderr as a terminal: `leads export` draws its progress bar only there."""

    def isatty(self) -> bool:
        return True


def test_leads_export_counts_the_days_of_the_branchs_own_zone(
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A Denpasar lead at 16:30 UTC is on 21 November in WITA: in the file and in the bar's total."""
    seed(services)  # Denpasar's Made Wirawan on 21 November (17:30 WITA)
    with services.sessions() as session:
        dps = session.scalars(select(Branch.id).where(Branch.code == "DPS")).one()
    bali_night_lead(services, dps, "c9")  # 21 Nov 00:30 WITA, 20 Nov 23:30 WIB
    monkeypatch.setenv("DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("BOT_SECRET_KEY", str(services.settings.secret_key))
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    out = tmp_path / "dps.csv"
    day = ["--since", "2026-11-21", "--until", "2026-11-21"]
    assert main(["leads", "export", "--branch", "DPS", *day, "--output", str(out)]) == 0
    rows = csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig")))
    assert [r["Nama"] for r in rows] == ["Komang Larut", "Made Wirawan"]
    assert terminal.getvalue().endswith("] 100% 2/2\n")  # not 2/1: the total counts in WITA too

    with pytest.raises(SystemExit):
        main(["leads", "export", "--help"])
    usage = " ".join(capsys.readouterr().out.split())
    assert "first day, YYYY-MM-DD, in the branch's own time zone (WIB, WITA or WIT;" in usage
    assert "WIB" in usage and "(WIB)" not in usage


def test_run_with_two_workers_serves_from_two_processes(tmp_path: Path) -> None:
    """WEB_CONCURRENCY=2: two uvicorn worker processes answer, each with the whole app."""
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
        "BOT_SECRET_KEY": "s" * 40,
        "TELEGRAM_BOT_TOKEN": "",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
    }
    assert (
        run_bot(["db", "upgrade"], tmp_path, DATABASE_URL=environment["DATABASE_URL"]).returncode
        == 0
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--web"], cwd=ROOT, env=environment
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        reply = httpx.post(f"http://127.0.0.1:{port}/chat/messages", json={"text": "halo"})
        assert reply.status_code == 200
        assert "BPJS Ketenagakerjaan" in reply.text
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        assert len(children) >= 2  # the two workers (and multiprocessing's resource tracker)
    finally:
        server.terminate()
        server.wait(30)


def test_run_with_workers_refuses_to_poll_telegram_in_each(tmp_path: Path) -> None:
    result = run_bot(["run"], tmp_path, WEB_CONCURRENCY="2", TELEGRAM_BOT_TOKEN="123:abc")
    assert result.returncode == 2
    assert "TELEGRAM_WEBHOOK_URL" in result.stderr and "--polling" in result.stderr


def test_commands_that_answer_no_question_do_not_load_the_faq_model() -> None:
    """`leads export`, `programmes import`, `db upgrade` … start at half the memory without it."""
    probe = (
        "import sys\n"
        "from bot.cli import build_parser\n"
        "build_parser()\n"
        "print(sorted(m for m in ('sklearn', 'bot.domain.faq_model', 'handlers', 'bot.services')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout
