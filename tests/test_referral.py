"""Referral codes and links: their shape, and finding a code again however it was typed."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.domain.referral import (
    ALPHABET,
    LinkConfig,
    code_from_start,
    code_from_text,
    links,
    new_code,
    normalize_code,
)
from tests.conftest import bot_command as run

CHATWORDS = Path(__file__).parents[1] / "bot" / "domain" / "data" / "chatwords"


def test_new_codes_are_short_unambiguous_and_valid_start_parameters() -> None:
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) == 6 and set(code) <= set(ALPHABET)
        assert not set(code) & set("01OIL")
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", code)
        assert any(c.isdigit() for c in code) and any(c.isalpha() for c in code)


@pytest.mark.parametrize("typed", ["K7M2QX", "k7m2qx", " K7m 2qX ", "k7m-2qx", "K 7 M 2 Q X"])
def test_a_code_typed_in_any_case_and_with_spaces_is_the_same_code(typed: str) -> None:
    assert normalize_code(typed) == "K7M2QX"


@pytest.mark.parametrize("typed", ["", "K7M2Q", "K7M2QXX", "BERAPA", "234567", "K0M2QX", "K1M2QX"])
def test_what_is_not_a_code(typed: str) -> None:
    assert normalize_code(typed) is None


def test_links_carry_the_code() -> None:
    found = links("K7M2QX", LinkConfig("@jamsostek_bot", "+62 811-0000-0000"))
    assert found.telegram == "https://t.me/jamsostek_bot?start=K7M2QX"
    url = urlsplit(found.whatsapp or "")
    assert (url.scheme, url.netloc, url.path) == ("https", "wa.me", "/6281100000000")
    assert parse_qs(url.query)["text"] == ["DAFTAR K7M2QX"]
    assert links("K7M2QX", LinkConfig("jamsostek_bot")).whatsapp is None


@pytest.mark.parametrize("payload", ["K7M2QX", "k7m2qx", "ref-K7M2QX", "REF_k7m2qx"])
def test_start_parameters(payload: str) -> None:
    assert code_from_start(payload) == "K7M2QX"


@pytest.mark.parametrize(
    "text",
    [
        "DAFTAR K7M2QX",
        "daftar k7m2qx",
        "Daftar K7M 2QX",
        "daftr K7M2QX",
        "DAFTAR  K7M2QX 🙏",
        "Halo, saya mau daftar. Kode: k7m2qx",
        "K7M2QX daftar ya pak",
    ],
)
def test_the_prefilled_text_is_recognised_when_edited_a_little(text: str) -> None:
    assert code_from_text(text) == "K7M2QX"


@pytest.mark.parametrize("text", ["daftar mas 2qx", "Daftar bak 7km", "DAFTAR KAP 9QZ"])
def test_a_split_code_whose_half_spells_a_short_word_is_still_a_code(text: str) -> None:
    assert code_from_text(text) == "".join(text.upper().split()[1:])


def _question_word_halves() -> list[str]:
    """Chat question words short enough to be half of a code (longer words are never halves)."""
    words = tomllib.loads((CHATWORDS / "questions.toml").read_text(encoding="utf-8"))["anywhere"]
    return [w for w in words if len(w) <= 3 and set(w.upper()) <= set(ALPHABET)]


@pytest.mark.parametrize("half", _question_word_halves())
def test_a_split_code_whose_half_spells_a_question_word_is_still_a_code(half: str) -> None:
    """A random code may begin "DMN" ("di mana"); CI once drew one, and its link was lost."""
    code = (half.upper() + "2345")[:6]
    split = f"{code[: len(half)].lower()} {code[len(half) :].lower()}"
    assert code_from_text(f"daftar {split}") == code
    assert code_from_text(f"Halo, saya mau daftar. Kode {split}") == code


@pytest.mark.parametrize(
    "text",
    [
        "daftar",
        "daftar bpjs",
        "cara daftar berapa",
        "K7M2QX",
        "mau tanya iuran 2345 ribu",
        "Saya umur 64, masih bisa daftar BPU?",
        "sudah bayar 2 tahun, daftar lagi bisa?",
        "bapak saya udah 67 tahun, masih jualan, bisa daftar?",
    ],
)
def test_ordinary_messages_carry_no_code(text: str) -> None:
    assert code_from_text(text) is None


def test_officers_add_json_gives_the_code_and_both_links(tmp_path: Path) -> None:
    env = {"WHATSAPP_NUMBER": "6281100000000", "TELEGRAM_BOT_USERNAME": "bpjstk_test_bot"}
    assert run(["db", "upgrade"], tmp_path).returncode == 0
    result = run(
        [
            "officers",
            "add",
            "--name",
            "Budi Santoso",
            "--branch",
            "badung",
            "--phone",
            "081234567890",
            "--json",
        ],
        tmp_path,
        **env,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"code", "telegram_link", "whatsapp_link"}
    assert normalize_code(data["code"]) == data["code"]
    assert data["telegram_link"] == f"https://t.me/bpjstk_test_bot?start={data['code']}"
    assert data["whatsapp_link"] == f"https://wa.me/6281100000000?text=DAFTAR%20{data['code']}"

    listed = json.loads(run(["officers", "list", "--json"], tmp_path, **env).stdout)
    assert [(o["code"], o["name"], o["branch"], o["active"]) for o in listed] == [
        (data["code"], "Budi Santoso", "badung", True)
    ]
    link = run(["officers", "link", "--code", data["code"].lower()], tmp_path)
    assert re.fullmatch(r"petugas \d{6}\n", link.stdout)
    assert run(["officers", "deactivate", "--code", data["code"]], tmp_path).returncode == 0
    assert json.loads(run(["officers", "list", "--json"], tmp_path).stdout)[0]["active"] is False
    refused = run(["officers", "add", "--name", "X", "--branch", "nowhere"], tmp_path)
    assert refused.returncode == 1 and "no branch with code 'nowhere'" in refused.stderr
