"""`python -m bot` as a user runs it: a fresh SQLite file, migrations, the terminal chat."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_bot

ROOT = Path(__file__).resolve().parents[1]


def test_terminal_chat_on_a_fresh_database(tmp_path: Path) -> None:
    result = run_bot(["chat"], tmp_path, stdin="1\n3\nselengkapnya\nbahasa\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Halo! Saya asisten BPJS Ketenagakerjaan" in out
    assert "1. Info program" in out and "JHT (Jaminan Hari Tua)" in out
    assert "I will now write in English." in out


def test_db_upgrade_is_idempotent(tmp_path: Path) -> None:
    assert run_bot(["db", "upgrade"], tmp_path).returncode == 0
    assert run_bot(["db", "upgrade"], tmp_path).returncode == 0
    assert (tmp_path / "cli.db").stat().st_size > 0


def test_a_malformed_variable_is_named(tmp_path: Path) -> None:
    result = run_bot(["db", "upgrade"], tmp_path, PORT="eighty")
    assert result.returncode == 2
    assert "PORT must be a number" in result.stderr


def test_faq_unanswered_lists_the_most_frequent_masked(tmp_path: Path) -> None:
    assert run_bot(["db", "upgrade"], tmp_path).returncode == 0
    chat = run_bot(
        ["chat"], tmp_path, stdin="zxqv qwpzl\nZXQV qwpzl!!\nqqq nik 5103011508950003 zzz\n"
    )
    assert chat.returncode == 0, chat.stderr
    listing = run_bot(["faq", "unanswered", "--json"], tmp_path)
    assert listing.returncode == 0, listing.stderr
    rows = json.loads(listing.stdout)
    assert rows[0]["count"] == 2 and rows[0]["text"].lower().startswith("zxqv qwpzl")
    assert all("5103011508950003" not in row["text"] for row in rows)
    assert "  2  " in run_bot(["faq", "unanswered"], tmp_path).stdout
