"""Chat words as people really type them: yes/no, questions, commands, amounts, ages, names."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain import chatwords
from bot.domain.amounts import parse_amount, parse_percent
from bot.domain.chatwords import (
    AgeAnswer,
    command,
    dont_know,
    is_question,
    parse_age,
    parse_name,
    parse_phone,
    pick_place,
    read_age,
    reading,
    yes_no,
    yesno,
)

TODAY = date(2026, 11, 21)
DATA = Path(chatwords.__file__).parents[1] / "data" / "chatwords"

YES = [
    "ya",
    "iya",
    "Iya",
    "iye",
    "yoi",
    "y",
    "ok",
    "oke",
    "oke deh",
    "sip",
    "siap",
    "betul",
    "bener",
    "benar",
    "udah",
    "udh",
    "sudah",
    "gas",
    "setuju",
    "👍",
    "👌",
    "✅",
    "👍🏽",
    "iya setuju",
    "iya bener",
    "betul pak",
    "Ya, saya menyetujui",
    "iyaaa",
    "Siiip",
    "okee kak",
    "ya betul semua",
    "bener bu 🙏",
    "iya boleh",
    "yes",
    "Ok.",
    "nggih",
    "tidak salah",
    "ga masalah",
    "sudah benar semuanya",
    "oke, lanjut",
    "sip mantap",
    "iya2",
    "ok2 kak",
    "bnr",
    "stuju",
    "Iya, saya bersedia",
    "Ya, data sudah benar",
    "yoi bro",
    "gas kak 👍",
    "✅ setuju",
    "Baik, saya setuju",
    "silakan",
    "monggo pak",
    "ya udah",
]
NO = [
    "tidak",
    "Tidak.",
    "tdk",
    "ga",
    "gak",
    "nggak",
    "engga",
    "enggak",
    "blm",
    "belum",
    "jangan",
    "bukan",
    "salah",
    "no",
    "👎",
    "❌",
    "ga jadi",
    "Tidak, terima kasih",
    "tidak setuju",
    "ga mau",
    "gaaak",
    "belum benar",
    "bukan pak",
    "salah bu",
    "ga usah",
    "nggak deh",
    "Tidak, terima kasih.",
    "ngga",
    "kagak",
    "blm pak",
    "tidak mau",
    "jangan dulu",
    "Belum, terima kasih",
    "👎🏽",
    "tidak ada",
    "ga ada kak",
]
NEITHER = [
    "ga tau",
    "gak tahu",
    "tidak tahu",
    "belum tahu",
    "ya?",
    "apa itu",
    "iya tapi nanti",
    "ok daftar",
    "halo",
    "👍 tapi ❌",
    "",
    "   ",
    "12",
    "Budi Santoso",
    "iya atau tidak",
    "setuju ga?",
    "bener ga sih",
    "mungkin",
    "kurang tau",
    "ga yakin",
    "berapa iurannya",
    "ya tidak",
    "daftar",
    "😂",
]


@pytest.mark.parametrize("text", YES)
def test_yes(text: str) -> None:
    assert yes_no(text) is True


@pytest.mark.parametrize("text", ["kirim", "lanjut kirim", "udh bener kirim aja", "kirimlah"])
def test_a_send_is_a_yes_only_where_it_sends(text: str) -> None:
    """ "kirim" agreed to the consent and confirmed a NIK: it is a yes at the summary only."""
    assert yes_no(text) is None
    assert yes_no(text, send=True) is True


@pytest.mark.parametrize("text", NO)
def test_no(text: str) -> None:
    assert yes_no(text) is False


@pytest.mark.parametrize("text", NEITHER)
def test_neither_yes_nor_no(text: str) -> None:
    assert yes_no(text) is None


QUESTIONS = [
    "iuran brp",
    "berapa iurannya",
    "cara daftar",
    "cara daftar gimana",
    "bisa ga kalau 60 th",
    "kapan cair",
    "apa itu jht",
    "ya?",
    "JHT itu apa",
    "gmn caranya",
    "syarat daftar bpu",
    "How much is it",
    "saya mau tanya",
    "sudah belum",
    "boleh tidak pakai ktp lama",
    "kenapa harus nik",
    "siapa yang bisa ikut",
    "dimana kantornya",
    "bisa daftar sekarang",
    "Saya ingin mendaftar sebagai peserta. Mohon informasi besaran iuran dan manfaatnya.",
    "Dengan hormat, saya ingin mengetahui perbedaan layanan syariah",
    "kecelakaan pas pulang kerja ditanggung gak",
    "gan ojol bisa ikut bpjs tk ga sih",
    "pekerja mandiri bisa dapat tidak",
]
NOT_QUESTIONS = [
    "iya setuju",
    "Budi Santoso",
    "bisa",
    "2 juta",
    "petani",
    "daftar",
    "lanjut",
    "tidak",
    "Jl. Merdeka 5",
    "ga tau",
    "kembali",
    "umur 35",
    "ga",
    "udah gak",
    "saya dapat 2 juta sebulan",
    "Dengan hormat, saya ingin mendaftar sebagai peserta BPJS Ketenagakerjaan. Terima kasih.",
]


@pytest.mark.parametrize("text", QUESTIONS)
def test_question(text: str) -> None:
    assert is_question(text)


@pytest.mark.parametrize("text", NOT_QUESTIONS)
def test_not_question(text: str) -> None:
    assert not is_question(text)


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("Selamat pagi, mau tanya cara klaim jht", "mau tanya cara klaim jht"),
        ("halo min, iuran bpu berapa?", "min, iuran bpu berapa?"),
        ("Dengan hormat, iuran JHT saya hangus? Terima kasih atas perhatian Bapak/Ibu.",
         "iuran JHT saya hangus?"),
        ("Makasih min. Kalau klaim jht berapa lama?", "Kalau klaim jht berapa lama?"),
        ("terima kasih", "terima kasih"),
        ("ok makasih infonya, sangat membantu", "ok makasih infonya, sangat membantu"),
        ("Halo", "Halo"),
        ("Selamat pagi, mau tanya jkm dulu ya", "mau tanya jkm"),
    ],
)  # fmt: skip
def test_the_question_a_message_asks_without_its_greeting_and_thanks(
    message: str, question: str
) -> None:
    assert chatwords.without_courtesies(message) == question


@pytest.mark.parametrize(
    ("rest", "more"),
    [
        ("saya petani umur 57 ?", False),  # "bisa ikut" taken out by the check
        ("apakah saya terdaftar di", False),  # "desa" … taken out by the village lookup
        ("saya 52 tahun buruh harian bpjs tk ga", False),
        ("saya sudah belum", False),  # "saya sudah didaftarkan desa belum?"
        ("saya nelayan daftarnya di mana dan", True),
        ("bapak nelayan meninggal dia bpjs tk iurannya dibayar keluarga dapat apa", True),
        ("saya ojol 2jt mohon informasi manfaatnya", True),
    ],
)
def test_what_is_left_of_a_request_may_ask_more(rest: str, more: bool) -> None:
    assert chatwords.asks_more(rest) is more


COMMANDS = [
    ("halo", "start"),
    ("Hai kak", "start"),
    ("/start", "start"),
    ("mulai", "start"),
    ("Assalamu'alaikum", "start"),
    ("Halooo", "start"),
    ("selamat pagi pak", "start"),
    ("menu", "menu"),
    ("kembali ke menu", "menu"),
    ("menu?", "menu"),
    ("batal", "cancel"),
    ("ga jadi", "cancel"),
    ("gak jadi daftar", "cancel"),
    ("kembali", "back"),
    ("bantuan", "help"),
    ("tolong", "help"),
    ("saya bingung", "help"),
    ("bahasa", "language"),
    ("English please", "language"),
    ("lihat data saya", "my_data"),
    ("lihat data sy", "my_data"),
    ("hapus data saya", "erase"),
    ("hapus data sy", "erase"),
    ("hapus data", "erase"),
    ("tolong hapus data saya", "erase"),
    ("daftar", "register"),
    ("mau daftar", "register"),
    ("baik, saya bersedia mendaftar", "register"),  # a clerk's yes to "Daftar sekarang"
    ("saya ingin mendaftar", "register"),
    ("ok daftar", "register"),
    ("sy mau daftar bpjs tk", "register"),
    ("daftar dong", "register"),
    ("Saya mau daftar BPJS Ketenagakerjaan", "register"),
    ("daftar?", "register"),
    ("lanjut", "resume"),
    ("lanjutin", "resume"),
    ("terusin", "resume"),
    ("lanjut daftar", "resume"),
    ("td sampe mana ya", "resume"),  # where the form stopped: asked, yet the phrase is it
    ("tadi sampai mana", "resume"),
    ("sampe mana tadi", "resume"),
    ("bicara dengan petugas", "human"),
    ("mau ngomong sama orang", "human"),
    ("admin", "human"),
    ("cs", "human"),
    ("operator", "human"),
    ("sambungkan ke petugas", "human"),
    ("stop", "stop"),
    ("berhenti", "stop"),
    ("jangan kirim lagi", "stop"),
]
NOT_COMMANDS = [
    "cara daftar jht gimana?",
    "cara daftar gimana",
    "cara daftar",
    "pagi",
    "p",
    "ok",
    "iya",
    "mau pake jht",
    "saya petani mau daftar berapa iurannya",
    "Budi",
    "2 juta",
    "daftar itu susah ga",
    "daftar ya?",  # a question about registering, not the command under a closer
    "udah sampe mana daftar saya",  # the status, after sending the form
    "hapus",
    "data",
    "",
]


@pytest.mark.parametrize(("text", "action"), COMMANDS)
def test_command(text: str, action: str) -> None:
    assert command(text) == action


@pytest.mark.parametrize("text", NOT_COMMANDS)
def test_not_a_command(text: str) -> None:
    assert command(text) is None


# ------------------------------------------------- amounts (read in bot.domain.amounts)


@pytest.mark.parametrize(
    ("text", "unsure"),
    [
        ("ga tau", True),
        ("gak tahu kak", True),
        ("tidak tentu", True),
        ("UMR", True),
        ("tergantung musim", True),
        ("lupa", True),
        ("2 juta", False),
        ("iya", False),
        ("tau", False),
    ],
)
def test_dont_know(text: str, unsure: bool) -> None:
    assert dont_know(text) is unsure


# -------------------------------------------------------------------------------------- ages

AGES = [
    ("35", 35, None, True),
    ("umur 35", 35, None, True),
    ("35 thn", 35, None, True),
    ("35th", 35, None, True),
    ("usia 35 tahun", 35, None, True),
    ("umur saya 40 thn", 40, None, True),
    ("saya 57 tahun", 57, None, True),
    ("tiga puluh", 30, None, True),
    ("dua puluh lima tahun", 25, None, True),
    ("tujuh belas", 17, None, True),
    ("lahir 1980", 46, None, False),
    ("1990", 36, None, False),
    ("lahir 80", 46, None, False),
    ("lahir 12-05-1980", 46, date(1980, 5, 12), True),
    ("15/08/1995", 31, date(1995, 8, 15), True),
    ("15 Agustus 1995", 31, date(1995, 8, 15), True),
    ("tgl lahir 1995-08-15", 31, date(1995, 8, 15), True),
    ("umur 40, kerja 8 thn", 40, None, True),
    ("kerja 8 thn, umur 40", 40, None, True),
    ("sy hampir 66 thn, pedagang, mau cek iuran", 65, None, True),  # iuran: what is asked
    ("usia 60 thn, mau cek iuran", 60, None, True),
]
NOT_AGES = [
    "kerja 8 thn",
    "sudah bayar 15 tahun",
    "masa iuran 10 tahun",
    "sudah kerja 5 tahun",
    "iuran 15 tahun",
    "bayar 10 thn",
    "iuran hampir 10 tahun",
    "hampir 10 tahun bayar iuran",
    "50%",
    "Rp50.000",
    "2 anak",
    "3 bulan",
    "2 juta",
    "25 atau 26",
    "25.5",
    "abc",
    "",
    "200",
    "-3",
    "2030",
    "31-02-1995",
]


@pytest.mark.parametrize(("text", "age", "born", "certain"), AGES)
def test_age(text: str, age: int, born: date | None, certain: bool) -> None:
    assert parse_age(text, TODAY) == AgeAnswer(age, born, certain)


@pytest.mark.parametrize("text", NOT_AGES)
def test_not_an_age(text: str) -> None:
    assert parse_age(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [("-3", "negative"), ("31-02-1995", "date"), ("2030", "future"), ("kerja 8 thn", "format")],
)
def test_why_not_an_age(text: str, reason: str) -> None:
    assert read_age(text, TODAY) == reason


# ------------------------------------------------------------------------------ names, phones

NAMES = [
    ("nama saya sri wahyuni", "Sri Wahyuni"),
    ("Nama saya Sri Wahyuni", "Sri Wahyuni"),
    ("nama sy Budi Santoso", "Budi Santoso"),
    ("namaku Siti", "Siti"),
    ("nama: sri wahyuni", "Sri Wahyuni"),
    ("nama lengkap: I Gusti Ngurah Rai", "I Gusti Ngurah Rai"),
    ("sy Budi Santoso pak", "Budi Santoso"),
    ("Saya Ahmad bin Abdullah, terima kasih", "Ahmad bin Abdullah"),
    ("Perkenalkan, nama saya Andi Wijaya", "Andi Wijaya"),
    ("BUDI SANTOSO", "Budi Santoso"),
    ("Nama Sinaga", "Nama Sinaga"),  # "nama" alone is a name here
    ("Muh. Ali", "Muh. Ali"),
    ("O'neil", "O'neil"),
]


@pytest.mark.parametrize(("text", "name"), NAMES)
def test_name(text: str, name: str) -> None:
    assert parse_name(text) == name


@pytest.mark.parametrize(
    "text", ["saya", "nama saya", "ok", "iya", "Budi 2", "3201011508950001", "siapa?", "batal", ""]
)
def test_not_a_name(text: str) -> None:
    assert parse_name(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "0812 3456 7890",
        "0812-3456-7890",
        "+62 812 3456 7890",
        "6281234567890",
        "no wa 081234567890",
    ],
)
def test_phone(text: str) -> None:
    assert parse_phone(text) == "+6281234567890"


@pytest.mark.parametrize("text", ["(021) 555-1234", "+1 415 555 0100", "12345", "budi", ""])
def test_not_a_phone(text: str) -> None:
    assert parse_phone(text) is None


# ------------------------------------------------------------------------------------ places

KOTABARU = ["Kotabaru Hulu", "Kotabaru Hilir"]


def test_place_typed_exactly_is_taken_though_another_is_close() -> None:
    pick = pick_place("Kotabaru Hilir", KOTABARU)
    assert pick is not None and (pick.index, pick.confirm) == (1, False)


def test_place_with_a_typo_is_confirmed_with_the_other_offered() -> None:
    pick = pick_place("Kotabaru Hilr", KOTABARU)
    assert pick is not None and (pick.index, pick.confirm, pick.alternatives) == (1, True, (0,))


@pytest.mark.parametrize("typed", ["Denpasar Barat", "kec. denpasar barat", "DENPASAR  BARAT"])
def test_place_exact_and_alone_needs_no_confirmation(typed: str) -> None:
    names = ["Denpasar Barat", "Kuta Utara", "Ubud"]
    assert pick_place(typed, names) == chatwords.Pick(0, 100.0, False, ())


def test_place_of_the_same_name_in_two_kinds_is_confirmed() -> None:
    pick = pick_place("bandung", ["Kabupaten Bandung", "Kota Bandung", "Kota Banjar"])
    assert pick is not None and pick.index == 0 and pick.confirm and 1 in pick.alternatives


@pytest.mark.parametrize("typed", ["Jakarta", "12", "", "x", "?"])
def test_place_far_from_every_name_is_none(typed: str) -> None:
    assert pick_place(typed, KOTABARU) is None


# --------------------------------------------------------------------------------- the data


def test_every_word_file_names_its_source_and_licence() -> None:
    files = sorted(DATA.glob("*.toml"))
    assert files
    for path in files:
        head = path.read_text(encoding="utf-8").split("\n\n", 1)[0].lower()
        assert "source:" in head and "licence" in head, path.name
        tomllib.loads(path.read_text(encoding="utf-8"))


def test_no_word_is_both_yes_and_no() -> None:
    table = yesno._yes_no_table()
    assert not table.yes & table.no
    # "tanpa" (without) negates the word after it, alone it answers nothing.
    assert table.negation <= table.no | {"not", "dont", "tanpa"}


def test_every_yes_no_word_is_one_word_as_typed() -> None:
    """A table entry that reading would split ("don't", "y/o") could never match."""
    data = tomllib.loads((DATA / "yes_no.toml").read_text(encoding="utf-8"))
    for group in ("yes", "no", "negation", "filler"):
        for word in data[group]["words"]:
            assert len(reading._words(word)) == 1, word


@pytest.mark.parametrize("name", [m.name for m in pkgutil.iter_modules(chatwords.__path__)])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"{chatwords.__name__}.{name}")
    assert doctest.testmod(module).failed == 0


# ---------------------------------------------------------------------------------- no crash

# Words the readers act on, so that random messages reach their rarer paths.
_VOCABULARY = (
    "100rb 2jt 1,5 1.500.000 0,89 % rp -- - s/d atau rata2 sehari seminggu setahun sebulan "
    "juta jt rb setengah sejuta seribu dua puluh ratus belas sebelas umur lahir kerja thn 1980 "
    "12-05-1980 15 agustus 1995 ga iya tau tidak setuju nama saya sy pak daftar lanjut ? kec "
    "kotabaru hilir 0812 3456 7890 +62 minus 0 9999999999999999999"
).split()
_SURROGATE = st.integers(0xD800, 0xDFFF).map(chr)  # lone halves, as broken clients send
_ANY_TEXT = st.one_of(
    st.text(),
    st.lists(st.one_of(_SURROGATE, st.characters()), max_size=50).map("".join),
    st.text(min_size=4_000, max_size=5_000),
    st.text(alphabet="0123456789 .,-/%rpjtbkuahisemnglRJT", max_size=60),
    st.lists(st.sampled_from(_VOCABULARY), max_size=12).map(" ".join),
)


@given(_ANY_TEXT)
@settings(max_examples=300, deadline=None)
def test_no_text_makes_a_reader_raise(text: str) -> None:
    yes_no(text)
    is_question(text)
    command(text)
    dont_know(text)
    parse_amount(text)
    parse_percent(text)
    parse_age(text, TODAY)
    parse_name(text)
    parse_phone(text)
    pick_place(text, KOTABARU)


@pytest.mark.parametrize(
    "text", ["\ud800", "a\udfffb", "9" * 5_000, "1." * 2_500, "juta " * 1_000, "🙂" * 5_000]
)
def test_odd_text_is_nothing(text: str) -> None:
    assert yes_no(text) is None and command(text) is None and parse_amount(text) is None


# ------------------------------------------------------------------------------ step words


@pytest.mark.parametrize(
    ("text", "table", "said"),
    [
        ("pake JHT juga", "programs.jht", True),
        ("ga usah jht", "without", True),
        ("I don't want old age savings", "without", True),
        ("jkk jkm aja", "programs.base", True),
        ("yang paling murah", "programs.base", True),
        ("setahun sekali", "period.yearly", True),
        ("tiap bulan", "period.yearly", False),
        ("every month", "period.monthly", True),
        ("saya bayar sendiri", "sponsored.self", True),
        ("ubah alamat", "summary.change", True),
        ("kirim aja", "summary.send", True),
        ("sudah benar", "summary.change", False),
        ("saya orang indonesia", "citizenship.wni", True),
        ("bukan", "citizenship.not_wni", True),
        ("bukan", "citizenship.wna", False),
    ],
)
def test_step_words(text: str, table: str, said: bool) -> None:
    assert chatwords.mentions(text, table) is said


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("tiap 3 bulan", 3),
        ("tiap 11 bulan", 11),  # not "1": repeated digits are no drawn-out word
        ("3bln", 3),
        ("enam bulan sekali", 6),
        ("every 12 months", 12),
        ("dua belas bulan", 12),
        ("2 anak", None),
        ("bulan depan", None),
    ],
)
def test_count_of_months(text: str, months: int | None) -> None:
    assert chatwords.count_of(text, "period") == months


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("nomor hp salah", "phone"),
        ("ganti alamat", "address"),
        ("NIK keliru", "nik"),
        ("change my income", "income"),
        ("ubah", None),
    ],
)
def test_summary_field_named(text: str, field: str | None) -> None:
    assert chatwords.named(text, "summary.fields") == field


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("eh salah, 3jtan sebulan", [("income", "3jtan sebulan")]),  # money: only an income
        ("Rp 3.000.000", [("income", "Rp 3.000.000")]),
        ("eh salah, 081298765432", [("phone", "081298765432")]),
        ("eh salah, sebulan sekali", []),  # the payment period's, no amount
        ("45", []),  # an age or a count: which field is asked
    ],
)
def test_an_answer_alone_at_the_summary_corrects_the_one_field_of_its_shape(
    text: str, said: list[tuple[str, str]]
) -> None:
    assert chatwords.corrections(text, invited=True) == said


@pytest.mark.parametrize("typed", ["dalung bg", "bang, dalung", "dalung kak"])
def test_a_place_with_whom_it_addresses_is_the_place(typed: str) -> None:
    assert chatwords.addresses_only(typed.replace("dalung", "").strip(" ,"))


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Dengan hormat, saya ingin segera mendaftar", True),
        ("mau untuk jadi peserta", True),
        ("tolong daftarkan saya", True),
        ("I would like to register", True),
        ("mau tanya iuran", False),
        ("daftar ulang itu apa", False),
    ],
)
def test_asks_to_register(text: str, asks: bool) -> None:
    assert chatwords.asks_to_register(text) is asks


def test_officer_commands_are_whole_messages() -> None:
    assert chatwords.phrase_value("QR", "officer") == "officer_qr"
    assert chatwords.phrase_value("kode qr saya dong", "officer") is None


# ------------------------------------------------------------------------------- pasted data

PASTE_TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("pasted", "read"),
    [
        (
            "nama Siti Aminah nik 3201234567890123 lahir 12-03-1980 hp 0812 3456 7890 "
            "desa Dalung kec Kuta Utara jualan sayur 2jt sebulan",
            {
                "name": "Siti Aminah",
                "nik": "3201234567890123",
                "birth": "1980-03-12",
                "phone": "+6281234567890",
                "village": "Dalung",
                "district": "Kuta Utara",
                "work": "jualan sayur",
                "income": "2jt sebulan",
            },
        ),
        (  # the same as lines, copied from a note, with the KTP's own labels
            "Nama: Siti Aminah\nNo KTP: 3201 2345 6789 0123\nTTL: Denpasar, 12-03-1980\n"
            "No HP: 0812-3456-7890\nAlamat: Desa Dalung\nKec. Kuta Utara\nKab. Badung\n"
            "Pekerjaan: pedagang sayur\nGaji: 2 juta",
            {
                "name": "Siti Aminah",
                "nik": "3201234567890123",
                "birth": "1980-03-12",
                "phone": "+6281234567890",
                "village": "Dalung",
                "district": "Kuta Utara",
                "regency": "Badung",
                "work": "pedagang sayur",
                "income": "2 juta",
            },
        ),
        (  # "Wa" opens a Butonese name: no digit follows, so it is no phone label
            "nama Wa Ode Nurhayati, wa 081234567890, kel Dalung, kerja ojol, penghasilan 3jt",
            {
                "name": "Wa Ode Nurhayati",
                "phone": "+6281234567890",
                "village": "Dalung",
                "work": "ojol",
                "income": "3jt",
            },
        ),
        (  # no labels at all: the name first, then values known by their shape
            "Budi Santoso 5103061508950001 15/08/1995 +62 812 3456 7890",
            {
                "name": "Budi Santoso",
                "nik": "5103061508950001",
                "birth": "1995-08-15",
                "phone": "+6281234567890",
            },
        ),
        (  # English labels; "tgl lahir" with a year only is no date
            "name: Kevin Wijaya, phone 0812 3456 7890, tgl lahir 1990, job designer",
            {"name": "Kevin Wijaya", "phone": "+6281234567890", "work": "designer"},
        ),
    ],
)
def test_a_pasted_block_is_read_by_its_labels_and_shapes(pasted: str, read: dict[str, str]) -> None:
    assert chatwords.read_paste(pasted, PASTE_TODAY) == read


@pytest.mark.parametrize(
    "single",
    ["Siti Aminah", "nik 3201234567890123", "desa Dalung", "2jt sebulan", "iya"],
)
def test_one_value_is_no_paste(single: str) -> None:
    """A message with one datum is the step's own answer; the steps read it as before."""
    assert chatwords.read_paste(single, PASTE_TODAY) == {}


def test_every_paste_label_is_read_as_its_kind() -> None:
    """Each label of data/chatwords/paste.toml opens a value of its kind (an address: the
    village's, when no desa is labelled)."""
    table = tomllib.loads((DATA / "paste.toml").read_text("utf-8"))
    samples = {
        "name": "Siti Aminah",
        "nik": "3201234567890123",
        "birth": "12-03-1980",
        "phone": "081234567890",
        "village": "Dalung",
        "address": "Dalung",
        "district": "Kuta Utara",
        "regency": "Badung",
        "work": "petani",
        "income": "2 juta",
        "programs": "jkk jkm",
        "period": "tiap bulan",
    }
    for kind, labels in table["labels"].items():
        other = "name" if kind != "name" else "phone"
        for label in labels:
            pasted = (
                f"{'nama' if other == 'name' else 'hp'} {samples[other]}, {label} {samples[kind]}"
            )
            if kind in ("programs", "period"):  # never a paste alone: with two more
                pasted = f"nik {samples['nik']}, {pasted}"
            read = chatwords.read_paste(pasted, PASTE_TODAY)
            assert ("village" if kind == "address" else kind) in read, (label, read)


def test_a_numbered_list_and_its_address_line_are_read_line_by_line() -> None:
    """ "1. Nama : …" ends at "2. NIK"; the desa named in the address line is the village.

    The name ran on into "2" and was dropped, and the banjar "Br. Tegal" was the village.
    """
    pasted = "\n".join(
        (
            "Data pendaftar:",
            "1. Nama : I Made Suarta",
            "2. NIK : 5103011508950003",
            "3. Alamat : Br. Tegal, Desa Kerobokan Kaja",
            "4. Pekerjaan : ojek online",
        )
    )
    assert chatwords.read_paste(pasted, PASTE_TODAY) == {
        "name": "I Made Suarta",
        "nik": "5103011508950003",
        "village": "Kerobokan Kaja",
        "work": "ojek online",
    }
    assert chatwords.read_paste("nama Siti alamat Dalung hp 081234567890", PASTE_TODAY) == {
        "name": "Siti",
        "phone": "+6281234567890",
        "village": "Dalung",
    }
