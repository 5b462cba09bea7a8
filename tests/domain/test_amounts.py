"""Numbers and amounts as people type them: the one grammar of the forms and the FAQ matcher."""

from __future__ import annotations

import doctest
import tomllib
from decimal import Decimal

import pytest

from bot.domain import amounts
from bot.domain.amounts import Amount, in_digits, parse_amount, parse_percent
from bot.domain.textnorm import tokens
from bot.domain.wordtables import DATA

# ------------------------------------------------------------------------ a form's answer

M = "month"
AMOUNTS = [
    # (typed, monthly, certain, figure, per)
    ("2jt", 2_000_000, True, 2_000_000, M),
    ("2jtan", 2_000_000, True, 2_000_000, M),
    ("2 juta", 2_000_000, True, 2_000_000, M),
    ("1,5 jt", 1_500_000, True, 1_500_000, M),
    ("1.5jt", 1_500_000, True, 1_500_000, M),
    ("2,5JT", 2_500_000, True, 2_500_000, M),
    ("1.500.000", 1_500_000, True, 1_500_000, M),
    ("Rp 1.250.000", 1_250_000, True, 1_250_000, M),
    ("Rp2jt", 2_000_000, True, 2_000_000, M),
    ("Rp. 2.000.000,-", 2_000_000, True, 2_000_000, M),
    ("IDR 2,000,000", 2_000_000, True, 2_000_000, M),
    ("sejuta setengah", 1_500_000, True, 1_500_000, M),
    ("satu setengah juta", 1_500_000, True, 1_500_000, M),
    ("dua setengah juta", 2_500_000, True, 2_500_000, M),
    ("dua ratus rb", 200_000, True, 200_000, M),
    ("tiga ratus lima puluh ribu", 350_000, True, 350_000, M),
    ("sejuta lima ratus ribu", 1_500_000, True, 1_500_000, M),
    ("2 juta 500 ribu", 2_500_000, True, 2_500_000, M),
    ("1jt 500", 1_500_000, True, 1_500_000, M),
    ("500rb", 500_000, True, 500_000, M),
    ("gaji sebulan 3 jt", 3_000_000, True, 3_000_000, M),
    ("2jt/bln", 2_000_000, True, 2_000_000, M),
    ("sekitar 2 juta per bulan", 2_000_000, True, 2_000_000, M),
    ("rata2 2jt", 2_000_000, True, 2_000_000, M),
    # per day: 26 working days a month (amounts.toml), to be confirmed
    ("100rb sehari", 2_600_000, False, 100_000, "day"),
    ("50rb/hari", 1_300_000, False, 50_000, "day"),
    ("Rp 50.000 per hari", 1_300_000, False, 50_000, "day"),
    ("dua puluh lima ribu sehari", 650_000, False, 25_000, "day"),
    ("sehari 100rb", 2_600_000, False, 100_000, "day"),
    ("500rb per minggu", 2_166_000, False, 500_000, "week"),
    ("seminggu 400 ribu", 1_733_000, False, 400_000, "week"),
    ("30 juta setahun", 2_500_000, False, 30_000_000, "year"),
    # ranges and alternatives: the middle, to be confirmed
    ("1-2 juta", 1_500_000, False, 1_500_000, M),
    ("2-3 juta", 2_500_000, False, 2_500_000, M),
    ("1 sampai 2 jt", 1_500_000, False, 1_500_000, M),
    ("2 atau 3 juta", 2_500_000, False, 2_500_000, M),
    ("Rp1.000.000 - Rp2.000.000", 1_500_000, False, 1_500_000, M),
    ("kadang 1jt kadang 2jt", 1_500_000, False, 1_500_000, M),
    # a bare small number: its unit left out, to be confirmed
    ("2", 2_000_000, False, 2, M),
    ("500", 500_000, False, 500, M),
    ("0", 0, True, 0, M),
    # the usual amount named among others
    ("kalo panen bagus bisa 5 juta, rata2 1.5 juta", 1_500_000, False, 1_500_000, M),
    ("kalau ramai 3jt, biasanya 2jt", 2_000_000, False, 2_000_000, M),
    ("100rb sehari, sebulan 3jt", 3_000_000, False, 3_000_000, M),
    ("100rb sehari, 500rb seminggu", 2_383_000, False, 2_383_000, M),
]
NOT_AMOUNTS = ["ga tau", "", "abc", "jt", "2 anak", "kerja 8 thn", "umur 35", "50%", "-500rb"]


@pytest.mark.parametrize(("text", "monthly", "certain", "figure", "per"), AMOUNTS)
def test_amount(text: str, monthly: int, certain: bool, figure: int, per: str) -> None:
    assert parse_amount(text) == Amount(monthly, certain, figure, per)


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_not_an_amount(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("0,89%", "0.89"),
        ("0.89 %", "0.89"),
        ("1,27 persen", "1.27"),
        ("0,24", "0.24"),
        ("kelas risiko 1,74%", "1.74"),
        ("yang 0,54% pak", "0.54"),
    ],
)
def test_percent(text: str, percent: str) -> None:
    assert parse_percent(text) == Decimal(percent)


@pytest.mark.parametrize("text", ["kelas 2", "abc", "", "0,89% atau 1,27%", "250%"])
def test_not_a_percent(text: str) -> None:
    assert parse_percent(text) is None


# --------------------------------------------------------------------------- running text

RUNNING = [
    # (lowercase text, as the FAQ matcher reads it)
    # spellings of one amount
    ("iuran rp16.800", "iuran 16800"),
    ("iuran rp 16800", "iuran 16800"),
    ("iuran 16.800 sebulan", "iuran 16800 sebulan"),
    ("rp. 2.000.000,-", "2000000,-"),
    ("16rb800", "16800 ribu"),
    ("santunan 42jt", "santunan 42000000 juta"),
    ("santunan 42 juta", "santunan 42000000 juta"),
    ("upah rp1,5 juta", "upah 1500000 juta"),
    ("upah rp2,5 juta", "upah 2500000 juta"),
    ("saldo 20 jutaan", "saldo 20000000 juta"),
    ("upah 4,276 juta", "upah 4276000 juta"),
    ("biaya 1,2 miliar", "biaya 1200000000 miliar"),
    # words
    ("umur lima puluh enam", "umur 56"),
    ("dua ratus ribu", "200000"),
    ("dua ratus lima puluh ribu", "250000"),
    ("dua belas bulan", "12 bulan"),
    ("program sejuta nelayan", "program 1000000 nelayan"),
    # per day: the period stays a word
    ("100rb sehari", "100000 ribu sehari"),
    # two amounts stay two, whatever stands between them
    ("gaji 6 juta. 60 persennya", "gaji 6000000 juta. 60 persennya"),
    ("santunan rp70 juta 2 hari", "santunan 70000000 juta 2 hari"),
    ("16,2 juta + 4,8 juta", "16200000 juta + 4800000 juta"),
    ("anak kami tiga, dua sudah dewasa", "anak kami 3, 2 sudah dewasa"),
    # percentages, years, times and bare numbers are not amounts
    ("jht 10% dan 30%", "jht 10% dan 30%"),
    ("pekerja tahun 1990 sampai 2018", "pekerja tahun 1990 sampai 2018"),
    ("bsu 2000-2021", "bsu 2000-2021"),
    ("jam 06.00", "jam 06.00"),
    ("3 tahun", "3 tahun"),
    ("rp 1,5", "rp 1,5"),
    # words a form's answer reads as numbers, running text as words
    ("saldo kosong", "saldo kosong"),
    ("setengah hari", "setengah hari"),
    ("se-indonesia", "se-indonesia"),
    ("iuran 68 rupiah", "iuran 68 rupiah"),
    ("jarak 2 m", "jarak 2 m"),
    ("two million", "two million"),
    ("dua-duanya", "dua-duanya"),
    ("dua2nya", "dua2nya"),
]


@pytest.mark.parametrize(("text", "read"), RUNNING)
def test_running_text_reads_amounts_and_numbers_as_digits(text: str, read: str) -> None:
    assert in_digits(text) == read


@pytest.mark.parametrize(
    ("typed", "figure"),
    [
        ("Rp16.800", 16_800),
        ("16rb800", 16_800),
        ("42jt", 42_000_000),
        ("rp 1,5 juta", 1_500_000),
        ("Rp. 2.000.000,-", 2_000_000),
        ("dua ratus ribu", 200_000),
        ("tiga ratus lima puluh ribu", 350_000),
        ("100rb sehari", 100_000),
    ],
)
def test_a_form_and_the_matcher_read_the_same_number(typed: str, figure: int) -> None:
    read = parse_amount(typed)
    assert read is not None and read.figure == figure
    assert str(figure) in tokens(typed)


@pytest.mark.parametrize(
    "text", ["50%", "kerja 8 thn", "umur 35", "lahir 1980", "tahun 2024", "2 anak", "jam 7"]
)
def test_percentages_years_and_counts_are_no_income(text: str) -> None:
    assert parse_amount(text) is None


def test_the_matcher_reads_an_amount_the_same_however_it_is_typed() -> None:
    assert tokens("beasiswa SMP Rp2 juta") == tokens("beasiswa smp 2jt")
    assert tokens("upah Rp2,5 juta") == tokens("upah 2.5 jt")
    assert tokens("iuran JKM 68 rupiah") != tokens("iuran JKM 68")


# ------------------------------------------------------------------------------- the data


def test_the_word_file_names_its_source_and_licence() -> None:
    text = (DATA / "amounts.toml").read_text(encoding="utf-8")
    head = text.split("\n\n", 1)[0].lower()
    assert "source:" in head and "licence" in head
    data = tomllib.loads(text)
    words = {*data["numbers"], *data["tens"], *data["scales"], *data["signs"]["currency_after"]}
    assert set(data["answer_only"]["words"]) <= words


def test_docstring_examples() -> None:
    assert doctest.testmod(amounts).failed == 0
