"""What a question asks for, as the reranker reads it (bot.domain.asks)."""

from __future__ import annotations

import tomllib

import pytest

from bot.domain import textnorm, textnorm_en
from bot.domain.asks import _DATA, QuestionKinds, Tokenizer


@pytest.mark.parametrize(
    ("language", "tokens", "text", "kinds"),
    [
        ("id", textnorm.tokens, "beasiswa smp umur brp", {"age", "amount"}),
        ("id", textnorm.tokens, "siapa yg dapet diskon iuran", {"who"}),
        ("id", textnorm.tokens, "daftarnya dimana", {"where"}),
        ("id", textnorm.tokens, "gmn cara cek status klaim", {"how", "status"}),
        ("id", textnorm.tokens, "iuran bpu", set()),
        ("id", textnorm.tokens, "pendaftaran saya gimana kabarnya", {"how", "status"}),
        ("id", textnorm.tokens, "gimana cara daftar", {"how"}),
        ("en", textnorm_en.tokens, "how old can a child get the scholarship", {"age", "amount"}),
        ("en", textnorm_en.tokens, "who gets the discount", {"who"}),
    ],
)
def test_the_kind_a_question_asks_is_read_from_its_words(
    language: str, tokens: Tokenizer, text: str, kinds: set[str]
) -> None:
    assert QuestionKinds(tokens, language).of(tokens(text)) == kinds


def test_both_languages_name_the_same_kinds() -> None:
    table = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    assert set(table["id"]) == set(table["en"])
