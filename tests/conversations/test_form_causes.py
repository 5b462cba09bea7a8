"""Typed forms, fixed at their cause: a kecamatan of another regency typed at the desa after
yes to the NIK's regency (misspelt too), a trader's verb shown back as the person said it (by
the check too), the numbered choices offered once after two misses (the count starts again
after them), a check whose income is changed after its answer counted unfinished again, and
the answer's mark for an amendment kept for the next message only.
Each person only types; each test asserts the turns, that no step failed to understand
(tests/conversations/driver.py) and the exact lead stored.
"""

from __future__ import annotations

import pytest

from bot.conversation import Incoming, Kind
from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat, play
from tests.conversations.people import TYPED_BUDGET, finish, stored

#: Up to the regency question the NIK's Kab. Badung raises: consent, name, NIK and its yes,
#: phone.
TO_REGENCY = ["mau daftar", "iya setuju", "Budi Santoso", "5103061508950001", "iya", "081234567890"]
IN_CIBINONG = {
    "regency_code": "32.01",
    "district_code": "32.01.01",
    "village_code": "32.01.01.1007",  # Pakansari
    "branch_id": "bogor-cileungsi",
}
CIBINONG_Q = (
    "Cibinong adalah kecamatan di Kab. Bogor, Jawa Barat, bukan di Kab. Badung, Bali. "
    "Apakah Anda tinggal di Kab. Bogor, Jawa Barat?"
)
DESA_Q = "Ketik nama desa atau kelurahan tempat Anda tinggal."

# What "ojol" and "umur 30" store in the check.
OJOL_30 = {"occupation": "transport", "occupation_label": "ojol", "sector": "transport", "age": 30}


def test_yes_to_the_niks_regency_then_a_kecamatan_of_another_one(branches: Services) -> None:
    """Was "Saya tidak menemukan tempat bernama "kecamatan cibinong"" twice: a dead end."""
    chat = TypedChat(branches)
    play(chat, [*TO_REGENCY, "iya"])
    asked = texts(chat.type("kecamatan cibinong"))
    assert asked == CIBINONG_Q, asked
    asked = texts(chat.type("iya"))
    assert asked.startswith(DESA_Q), asked
    assert "Contoh: Pakansari" in asked  # a desa of Cibinong, no more of Badung
    play(chat, ["pakansari", "ojol", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 16 <= TYPED_BUDGET
    finish(chat, branches, **IN_CIBINONG)


def test_no_to_the_other_regency_asks_the_desa_of_the_niks(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, [*TO_REGENCY, "iya", "kec cibinong"])
    asked = texts(chat.type("ga"))
    assert asked.startswith(DESA_Q), asked
    assert chat.state()[1]["registration"]["regency"] == "51.03"
    play(chat, ["dalung", "ojol", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 16 <= TYPED_BUDGET
    finish(chat, branches)


def test_yes_with_a_kecamatan_of_another_regency_in_one_message(branches: Services) -> None:
    """ "iya, di cibinong" was taken as Kab. Badung, and cibinong then not found there."""
    chat = TypedChat(branches)
    play(chat, TO_REGENCY)
    asked = texts(chat.type("iya, di cibinong"))
    assert asked == CIBINONG_Q, asked
    asked = texts(chat.type("bener"))
    assert asked.startswith(DESA_Q), asked
    play(chat, ["pakansari", "ojol", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 15 <= TYPED_BUDGET
    finish(chat, branches, **IN_CIBINONG)


@pytest.mark.parametrize(
    ("work", "shown"),
    [
        # Was "Pekerjaan: Pedagang, warung" for a trader who named no warung.
        ("berdagang", "Pedagang"),
        ("buka warung kopi", "Pedagang, warung"),
    ],
)
def test_the_work_is_shown_back_as_it_was_said(branches: Services, work: str, shown: str) -> None:
    chat = TypedChat(branches)
    play(chat, [*TO_REGENCY, "iya", "dalung", work, "2jt", "jkk jkm", "bulanan"])
    summary = texts(chat.type("ga"))
    assert f"\nPekerjaan: {shown}\n" in summary, summary
    chat.type("kirim")
    assert chat.turns == 14 <= TYPED_BUDGET
    finish(chat, branches, occupation="trader")


NUMBERED = "Ketik nomor pilihan Anda:"


def test_numbered_choices_are_offered_once_then_after_two_more_misses(
    branches: Services,
) -> None:
    """Were offered again at every miss after the second: the count now starts again."""
    chat = TypedChat(branches)
    play(chat, [*TO_REGENCY, "iya", "dalung", "ojol", "2jt"])
    first = texts(chat.type("hmm", junk=True))
    assert first.startswith("Maaf, saya kurang menangkap"), first
    assert NUMBERED not in first
    second = texts(chat.type("wkwk", junk=True))
    assert NUMBERED in second and "batal" in second, second
    third = texts(chat.type("hmm", junk=True))
    assert NUMBERED not in third and "batal" not in third, third
    fourth = texts(chat.type("zzz", junk=True))
    assert NUMBERED in fourth, fourth
    asked = texts(chat.type("1"))  # JKK + JKM
    assert asked.startswith("Seberapa sering Anda ingin membayar iuran?"), asked
    play(chat, ["bulanan", "ga", "kirim"])
    assert chat.turns == 18 <= TYPED_BUDGET
    finish(chat, branches)


def test_a_misspelt_kecamatan_of_another_regency_at_the_desa(branches: Services) -> None:
    """Was "Saya tidak menemukan tempat bernama "kec cibinon"": near names were not read."""
    chat = TypedChat(branches)
    play(chat, [*TO_REGENCY, "iya"])
    replies = chat.type("kec cibinon")
    assert texts(replies) == CIBINONG_Q, texts(replies)
    assert [c.label for c in replies[-1].choices] == ["Ya", "Tidak"]  # a near name: confirmed
    asked = texts(chat.type("iya"))
    assert asked.startswith(DESA_Q), asked
    assert "Contoh: Pakansari" in asked
    play(chat, ["pakansari", "ojol", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 16 <= TYPED_BUDGET
    finish(chat, branches, **IN_CIBINONG)


CHECK_START = "Baik, saya cekkan. Saya catat: "
INCOME_Q = "Kira-kira berapa rata-rata penghasilan Anda sebulan?"


def test_the_check_notes_berdagang_as_pedagang(branches: Services) -> None:
    """Was "Saya catat: berdagang, usia 40": the check now shows the work as registration does."""
    chat = TypedChat(branches)
    started = texts(chat.type("saya berdagang umur 40 bisa ikut?"))
    assert started.startswith(CHECK_START + "Pedagang, usia 40.\n"), started
    play(chat, ["wni", "belum"])
    assert "untuk penghasilan Rp2.000.000" in texts(chat.type("2jt"))
    assert chat.turns == 4 and chat.misses == []
    assert chat.state()[1]["eligibility"] == stored(
        occupation="trader", occupation_label="berdagang", age=40, monthly_income="2000000"
    )


def test_a_changed_income_left_unanswered_is_resumed_by_lanjut(branches: Services) -> None:
    """ "100rb", "sehari" after the answer, then the menu: the check kept "checked", so
    "lanjut" found nothing to continue. The income asked again makes it unfinished."""
    chat = TypedChat(branches)
    play(chat, ["cek syarat", "ojol", "umur 30", "wni", "belum", "100rb"])
    asked = texts(chat.type("sehari"))
    assert asked == "Rata-rata sebulan sekitar Rp2.600.000? (Ya / ketik angka lain)", asked
    assert "checked" not in chat.state()[1]["eligibility"]
    chat.type("menu")
    resumed = texts(chat.type("lanjut"))
    assert resumed.startswith("Selamat datang kembali. Kita lanjutkan dari pertanyaan"), resumed
    assert INCOME_Q in resumed, resumed
    assert chat.state()[0] == "eligibility.income"
    assert "untuk penghasilan Rp2.000.000" in texts(chat.type("2jt"))
    assert chat.turns == 10 and chat.misses == []
    assert chat.state()[1]["eligibility"] == stored(**OJOL_30, monthly_income="2000000")


def test_the_answers_mark_does_not_amend_a_later_message(branches: Services) -> None:
    """A sticker after the answer, then "sehari": the mark of the answer was kept until the
    next answer, so "sehari" still changed its income. It lasts for one message now."""
    chat = TypedChat(branches)
    play(chat, ["cek syarat", "ojol", "umur 30", "wni", "belum", "100rb"])
    assert "_finished" in chat.state()[1]
    sticker = Incoming(
        channel=chat.channel,
        chat_id=chat.chat_id,
        user_id=chat.chat_id,
        kind=Kind.UNSUPPORTED,
        message_id="typed-1-sticker",
        language="id",
    )
    branches.engine.handle(sticker)
    assert "_finished" not in chat.state()[1]
    later = texts(chat.type("sehari", junk=True))
    assert "Rata-rata sebulan" not in later, later
    assert chat.state()[0] == "idle"
    assert chat.state()[1]["eligibility"] == stored(**OJOL_30, monthly_income="100000")
