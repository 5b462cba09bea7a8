"""Catalogs: Indonesian complete, placeholders intact, nothing translated from an f-string."""

from __future__ import annotations

import ast
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import Translator, format_date, format_rupiah

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"\{(\w*)\}")
METHOD_MAP = [
    ("bot/**.py", "python"),
    ("handlers/**.py", "python"),
    ("bot/web/templates/**.html", "jinja2"),
]


def catalog(language: str):  # type: ignore[no-untyped-def]
    with (ROOT / "locales" / language / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=language)


def msgids_in_code() -> set[str]:
    found = extract_from_dir(
        str(ROOT), METHOD_MAP, keywords={"_": None, "gettext": None, "N_": None}
    )
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def test_every_text_in_the_code_has_an_indonesian_translation() -> None:
    indonesian = catalog("id")
    missing = sorted(
        m for m in msgids_in_code() if not (indonesian.get(m) and indonesian.get(m).string)
    )
    assert not missing, f"run `make i18n` and translate in locales/id: {missing}"


@pytest.mark.parametrize("language", ["id", "en"])
def test_placeholders_survive_translation(language: str) -> None:
    for message in catalog(language):
        if message.id and message.string:
            assert set(PLACEHOLDER.findall(str(message.id))) == set(
                PLACEHOLDER.findall(str(message.string))
            ), message.id


def test_no_fstrings_or_concatenation_inside_gettext_calls() -> None:
    offenders = []
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("handlers/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            if name in ("_", "gettext", "N_") and isinstance(
                node.args[0], (ast.JoinedStr, ast.BinOp)
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders


def test_translator_uses_the_catalog_and_falls_back_to_indonesian() -> None:
    assert Translator("id").gettext("Register") == "Daftar"
    assert Translator("en").gettext("Register") == "Register"
    assert Translator("xx").locale == "id"


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (16800, "Rp16.800"),
        (Decimal("42000000"), "Rp42.000.000"),
        (0, "Rp0"),
        (Decimal("1500000.4"), "Rp1.500.000"),
    ],
)
def test_rupiah_the_indonesian_way(amount: Decimal | int, shown: str) -> None:
    assert format_rupiah(amount) == shown
    assert Translator("en").rupiah(amount) == shown


def test_dates_the_indonesian_way() -> None:
    assert format_date(date(2026, 11, 21)) == "21 November 2026"
    assert format_date(date(2026, 8, 17)) == "17 Agustus 2026"
    assert Translator("en").date(date(2026, 11, 21)) == "November 21, 2026"
    assert Translator("id").number(1234567.5) == "1.234.567,5"


def test_the_officers_form_rewords_only_texts_registration_says() -> None:
    """Each text the officer's form says about the worker replaces one registration says to
    "you" (a registration text reworded since would silently speak to the officer again),
    and keeps its placeholders."""
    from handlers.assisted import WORDS

    in_code = msgids_in_code()
    stale = sorted(said for said in WORDS if said not in in_code)
    assert not stale, stale
    for said, about_worker in WORDS.items():
        assert set(PLACEHOLDER.findall(said)) == set(PLACEHOLDER.findall(about_worker)), said
