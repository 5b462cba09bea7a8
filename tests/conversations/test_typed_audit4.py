"""Typed-only conversations of the fourth audit: the leftovers of the third, then ten voices not
heard before (a Madurese fish seller, a Bugis fisher's wife registering her husband, a batik
maker's grandson typing for her, an ojol voice-typing, a village officer registering a parking
attendant, someone asking a question at every step first, a "besok lagi ya" then "lanjut" and a
new income, a Minang rendang seller, a builder pasting everything in one line with emoji, a
shop owner). Each asserts what the person sees or its turns, that no step failed to understand
it (tests/conversations/driver.py), and every column of the lead stored.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat, lead_columns, play
from tests.conversations.people import (
    AGE_Q,
    KEDONGANAN,
    NIK,
    NIK_WIFE,
    RISK_Q,
    SITI,
    SITI_UP_TO_SUMMARY,
    finish,
    kedonganan_on_paper,
    linked_officer,
    reference,
)

NIK_SURABAYA = "3578015708900002"  # Kota Surabaya, born 17-08-1990, female
SURABAYA_SITI = {**SITI, "nik": NIK_SURABAYA, "birth_date": date(1990, 8, 17)}
SUMMARY_END = "Ketik kirim jika semua sudah benar, atau ubah untuk mengganti data."

# ---------------------------------------------------------------- the third audit's leftovers


@pytest.mark.parametrize(
    ("typed", "opening"),
    [
        # "pemkab belum daftarkan" says he was NOT enrolled: the word "pemkab" sent it to "Saya
        # tidak menemukan tempat di program desa atau pemda".
        (
            "pemkab belum daftarkan BPJS TK saya… kemarin jatuh, bisa klaim JKK?",
            "Tidak. BPJS Ketenagakerjaan hanya menanggung peserta yang sudah terdaftar",
        ),
        # A finger caught in a machine at work is an accident at work, not the commute's answer.
        (
            "kontrak gw msh jalan… jari kejepit mesin pas kerja, ditanggung?",
            "Ya. Jika Anda peserta aktif dan celaka saat melakukan pekerjaan yang didaftarkan",
        ),
    ],
)
def test_a_typed_question_of_the_third_audit_gets_its_answer(
    services: Services, typed: str, opening: str
) -> None:
    chat = TypedChat(services, chat_id="audit3")
    said = texts(chat.type(typed))
    assert said.startswith(opening), said
    assert chat.misses == []


def test_sudah_questions_at_the_summary_get_their_own_answer(branches: Services) -> None:
    """Any "sudah …" at the summary got "Belum terkirim"; only whether it is sent does now."""
    chat = TypedChat(branches, chat_id="sudah")
    play(chat, SITI_UP_TO_SUMMARY)
    said = texts(chat.type("sudah bisa klaim jkk kalau kecelakaan besok?"))
    assert not said.startswith("Belum terkirim"), said
    assert said.endswith(SUMMARY_END), said
    for asked in ("sudah masuk belum?", "sudah terkirim?", "udah?"):
        said = texts(chat.type(asked))
        assert said.startswith("Belum terkirim: data Anda baru terkirim setelah Anda ketik kirim.")
        assert said.endswith(SUMMARY_END), said
    chat.type("kirim")
    assert chat.turns == 13 + 5
    finish(chat, branches, **SITI)


def test_an_employees_risk_comes_right_after_his_cost_and_kembali_follows(
    services: Services,
) -> None:
    """The range shown depends on the risk: it is asked next, not after three questions."""
    chat = TypedChat(services, chat_id="risk")
    said = texts(chat.type("saya karyawan gaji 3jt, iuran brp?"))
    assert "- Dibayar pemberi kerja: Rp187.200–Rp232.200" in said
    assert said.endswith(RISK_Q), said
    assert texts(chat.type("sedang")) == AGE_Q
    assert texts(chat.type("kembali")).endswith(RISK_Q)  # back to the question before
    assert texts(chat.type("tinggi")) == AGE_Q
    for typed in ("30", "wni", "belum"):
        said = texts(chat.type(typed))
    assert "- Dibayar pemberi kerja: Rp218.100" in said, said  # JKK 1,27 %: Rp38.100
    assert chat.state()[1]["eligibility"]["risk_class"] == "high"
    assert chat.misses == []


def test_a_shop_owner_asking_to_register_his_helper_is_answered_as_the_owner(
    services: Services,
) -> None:
    """The answer spoke to the helper ("Jika Anda digaji …, Pemberi kerja Anda …")."""
    chat = TypedChat(services, chat_id="owner")
    said = texts(
        chat.type("sy punya toko kelontong, penjaga toko sy gaji 1,5jt, mau sy daftarin bpjs tk?")
    )
    assert said.startswith(
        "Penjaga toko, warung, atau lapak yang digaji pemiliknya termasuk penerima upah (PU)"
    ), said
    assert "Pemilik usaha yang mau mendaftarkan pekerjanya" in said
    assert "Jika Anda digaji" not in said
    assert chat.misses == []


def _surabaya_up_to_the_desa(services: Services, chat_id: str) -> TypedChat:
    """A woman whose KTP is from Surabaya, who said yes to living there, at the desa."""
    chat = TypedChat(services, chat_id=chat_id)
    play(chat, ["daftar", "setuju", "Siti Aminah", NIK_SURABAYA, "iya", "081234567890", "iya"])
    assert chat.state()[0] == "registration.village"
    return chat


def test_desa_dalung_after_a_nik_from_elsewhere_offers_the_dalungs(branches: Services) -> None:
    """ "desa? dalung" was answered as a question about the desa; Dalung is not in Surabaya.

    The two desa so named are offered with where they lie; "yg di badung" picks Badung's.
    """
    chat = _surabaya_up_to_the_desa(branches, "dalung")
    replies = chat.type("desa? dalung")
    assert (
        texts(replies) == 'Tidak ada "dalung" di Kota Surabaya, Jawa Timur. Yang mana maksud Anda?'
    )
    assert [c.label for c in replies[-1].choices] == [
        "Dalung, Cipocok Jaya, Kota Serang, Banten",
        "Dalung, Kuta Utara, Kab. Badung, Bali",
    ]
    said = texts(chat.type("yg di badung"))
    assert said.startswith("Apa pekerjaan utama Anda?"), said
    play(chat, ["pedagang", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 7 + 8
    finish(chat, branches, **SURABAYA_SITI)


def test_a_desa_of_one_other_regency_is_confirmed_with_it(branches: Services) -> None:
    chat = _surabaya_up_to_the_desa(branches, "kedonganan")
    said = texts(chat.type("desa? kedonganan"))
    assert said == (
        "Kedonganan ada di Kuta, Kab. Badung, Bali, bukan di Kota Surabaya, Jawa Timur. "
        "Apakah Anda tinggal di sana?"
    ), said
    play(chat, ["iya", "pedagang", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 7 + 8
    finish(
        chat,
        branches,
        **SURABAYA_SITI,
        district_code="51.03.01",
        village_code=KEDONGANAN,
    )


def test_a_desa_found_nowhere_names_the_regency_looked_in(branches: Services) -> None:
    chat = _surabaya_up_to_the_desa(branches, "nowhere")
    said = texts(chat.type("desa? dalungxx", junk=True))
    assert said.startswith(
        'Saya tidak menemukan desa atau kelurahan bernama "dalungxx" di Kota Surabaya, '
        "Jawa Timur. Periksa ejaannya lalu ketik lagi, atau ketik kembali jika Anda tinggal di "
        "kabupaten/kota lain."
    ), said


# ---------------------------------------------------------------- ten new voices


def test_a_madurese_fish_seller(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="madura")
    play(chat, ["assalamualaikum, kaule terro daftar bpjs", "engghi setuju"])
    play(chat, ["nyama kaule Siti Aminah", NIK_WIFE, "engghi leres", "nomer kaule 081234567890"])
    play(chat, ["engghi", "dalung", "ajuwal jhuko' e pasar", "sabulan 2 juta", "jkk jkm beih"])
    play(chat, ["saben bulan", "bunten", "engghi kirim"])
    assert chat.turns == 14
    finish(chat, branches, **SITI)


def test_a_bugis_fishers_wife_registers_her_husband(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="bugis")
    play(chat, ["mau daftarkan suami ku, dia nelayan, iye", "iye setuju", "Budi Santoso", NIK])
    play(chat, ["iye betul", "081234567890", "iye", "dalung", "nelayan tangkap ikan"])
    play(chat, ["kadang 2 juta sebulan", "jkk jkm saja", "tiap bulan", "tidak", "kirim mi"])
    assert chat.turns == 14
    finish(chat, branches, occupation="farmer_fisher")


def test_a_grandson_types_for_his_grandmother_the_batik_maker(branches: Services) -> None:
    """ "nenek setuju" is her consent, typed by him: it was missed, then her name and NIK."""
    chat = TypedChat(branches, chat_id="cucu")
    play(chat, ["saya cucunya, mau daftarin nenek saya bpjs tk, nenek pembatik umur 60an"])
    said = texts(chat.type("nenek setuju"))
    assert said.startswith("Terima kasih."), said
    play(chat, ["Sutinah", "5103065705650002", "iya betul", "081234567890", "iya", "dalung"])
    play(chat, ["membatik tulis di rumah", "sebulan paling 1 juta", "jkk jkm", "tiap bulan"])
    play(chat, ["tidak", "kirim"])
    assert chat.turns == 14
    finish(
        chat,
        branches,
        name="Sutinah",
        nik="5103065705650002",
        birth_date=date(1965, 5, 17),
        gender="P",
        occupation="membatik tulis di rumah",
        monthly_income=1_000_000,
    )


def test_an_ojol_voice_types_with_its_artefacts(branches: Services) -> None:
    """ "mau daptar bpjs ketenaga kerjaan" registers; "titik", "koma" are marks, never words.

    It got the ways to register; then "setuju titik" and "nama saya budi santoso titik" were
    stored as unanswered questions, and the rest went into the eligibility check.
    """
    chat = TypedChat(branches, chat_id="voice")
    said = texts(chat.type("mau daptar bpjs ketenaga kerjaan"))
    assert said.startswith("Sebelum mendaftar, mohon baca ini"), said
    play(chat, ["setuju titik", "nama saya budi santoso titik", "5103 0615 0895 0001"])
    play(chat, ["iya benar", "nomor saya 0812 3456 7890 titik", "iya", "dalung koma kuta utara"])
    play(chat, ["ojol grab", "dua juta sebulan", "jkk jkm aja", "tiap bulan titik", "tidak"])
    chat.type("kirim titik")
    assert chat.turns == 14
    finish(chat, branches)


def test_a_village_officer_registers_a_parking_attendant(branches: Services) -> None:
    clerk = linked_officer(branches, village=KEDONGANAN)
    play(clerk.chat, ["daftarkan pekerja", "pekerja tidak punya hp", "saya menyatakan"])
    play(clerk.chat, ["Ketut Jukir", "5103011508950003", "benar", "0813 1111 2222", "benar"])
    play(clerk.chat, ["kedonganan", "jukir di pasar kedonganan", "sehari 50rb", "iya"])
    play(clerk.chat, ["jkk jkm", "bulanan", "tidak", "kirim"])
    assert clerk.chat.turns == 1 + 16 and clerk.chat.misses == []
    found = reference(clerk.chat)
    assert lead_columns(branches, found) == kedonganan_on_paper(
        clerk.id,
        reference=found,
        name="Ketut Jukir",
        nik="5103011508950003",
        phone="+6281311112222",
        occupation="jukir di pasar kedonganan",
        monthly_income=1_300_000,
    )


def test_a_question_first_at_every_step(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="asks")
    play(chat, ["daftar", "data saya aman ga?", "setuju", "nama harus sesuai ktp?", "Siti Aminah"])
    play(chat, ["nik buat apa?", NIK_WIFE, "iya", "hp nya harus wa?", "081234567890", "iya"])
    play(chat, ["kenapa tanya desa?", "dalung", "pedagang", "penghasilan kotor atau bersih?"])
    play(chat, ["2jt", "jkk itu apa?", "jkk jkm", "bayarnya dimana?", "bulanan", "ga", "kirim"])
    assert chat.turns == 22
    finish(chat, branches, **SITI)


def test_besok_lagi_then_lanjut_and_a_new_income(branches: Services) -> None:
    """ "besok lagi ya" is a pause (it was "kurang menangkap", and "lanjut" after it too)."""
    chat = TypedChat(branches, chat_id="besok")
    play(chat, ["daftar", "setuju", "Siti Aminah", NIK_WIFE, "iya", "081234567890", "iya"])
    play(chat, ["dalung", "pedagang", "2jt"])
    said = texts(chat.type("besok lagi ya"))
    assert "ketik lanjut kapan saja" in said, said
    said = texts(chat.type("lanjut"))
    assert said.endswith("Contoh: JKK + JKM") or "Program apa" in said, said
    play(chat, ["eh penghasilan saya ternyata 3jt sebulan", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 17
    finish(chat, branches, **SITI, monthly_income=3_000_000)


def test_a_minang_rendang_seller(branches: Services) -> None:
    """ "ambo nio daftar" registers; "namo ambo Siti Aminah" is Siti Aminah, "manggaleh" trade.

    It was stored as an unanswered question, and each answer after it.
    """
    chat = TypedChat(branches, chat_id="minang")
    play(chat, ["ambo nio daftar bpjs tk", "iyo ambo satuju", "namo ambo Siti Aminah", NIK_WIFE])
    play(chat, ["iyo batua", "nomor hp ambo 081234567890", "iyo", "dalung"])
    play(chat, ["ambo manggaleh rendang", "sabulan 2 juta", "jkk jkm se", "tiok bulan", "indak"])
    chat.type("kirim se")
    assert chat.turns == 14
    finish(chat, branches, **SITI)


def test_a_builder_pastes_everything_in_one_line_with_emoji(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="kuli")
    play(chat, ["daftar 🙏", "setuju 👍"])
    said = texts(
        chat.type(
            f"budi santoso 🙏 {NIK} 081234567890 tinggal di dalung kuli bangunan harian 120rb sehari"
        )
    )
    assert said.startswith("Saya catat: NIK berakhiran 0001; nomor HP 081234567890."), said
    play(chat, ["iya", "iya", "kuli bangunan", "120rb sehari", "iya 👍", "jkk jkm", "bulanan"])
    play(chat, ["ga", "kirim 🙏"])
    assert chat.turns == 12
    finish(chat, branches, occupation="kuli bangunan", monthly_income=3_120_000)


def test_a_shop_owner_asks_for_his_helper_then_registers_himself(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="toko")
    chat.type("saya punya toko kelontong, penjaga toko saya gaji 1,5jt, mau saya daftarin gimana?")
    play(chat, ["daftar", "setuju", "Budi Santoso", NIK, "iya", "081234567890", "iya", "dalung"])
    play(chat, ["pemilik toko kelontong", "sebulan bersih 4 juta", "jkk jkm jht", "tiap bulan"])
    play(chat, ["tidak", "kirim"])
    assert chat.turns == 15
    finish(
        chat,
        branches,
        occupation="trader",
        monthly_income=4_000_000,
        programs=["jkk", "jkm", "jht"],
    )
