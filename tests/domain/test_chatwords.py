"""Chat words as people really type them: yes/no, questions, commands, amounts, ages, names."""

from __future__ import annotations

import pytest

from bot.domain.chatwords import command, is_question, yes_no

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
    "lanjut kirim",
    "👍",
    "👌",
    "✅",
    "👍🏽",
    "iya setuju",
    "iya bener",
    "betul pak",
    "udh bener kirim aja",
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
]


@pytest.mark.parametrize("text", QUESTIONS)
def test_question(text: str) -> None:
    assert is_question(text)


@pytest.mark.parametrize("text", NOT_QUESTIONS)
def test_not_question(text: str) -> None:
    assert not is_question(text)


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
    ("ok daftar", "register"),
    ("sy mau daftar bpjs tk", "register"),
    ("daftar dong", "register"),
    ("Saya mau daftar BPJS Ketenagakerjaan", "register"),
    ("daftar?", "register"),
    ("lanjut", "resume"),
    ("lanjutin", "resume"),
    ("terusin", "resume"),
    ("lanjut daftar", "resume"),
    ("bicara dengan petugas", "human"),
    ("mau ngomong sama orang", "human"),
    ("admin", "human"),
    ("cs", "human"),
    ("operator", "human"),
    ("sambungkan ke petugas", "human"),
]
NOT_COMMANDS = [
    "cara daftar jht gimana?",
    "cara daftar gimana",
    "cara daftar",
    "stop",
    "pagi",
    "p",
    "ok",
    "iya",
    "mau pake jht",
    "saya petani mau daftar berapa iurannya",
    "Budi",
    "2 juta",
    "daftar itu susah ga",
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
