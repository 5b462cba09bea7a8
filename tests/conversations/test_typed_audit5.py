"""Typed-only conversations of the fifth audit: voices not heard before (a Kupang Malay ojek
driver, a Batak trader, a Banjarese cake seller, a Bugis fisher, a clerk writing letter
sentences, a Kupang village head registering a fisher on paper), a NIK corrected two steps
later, all the data pasted as lines, emoji for every yes and no, a Banjarese "baisukan lagi"
then "lanjut pang" the next day, two messages sent at once, and a 5,000-character story in
the middle of the form. Each asserts its turns, that no step failed to understand it
(tests/conversations/driver.py), and every column of the lead stored.
"""

from __future__ import annotations

from bot.config import Settings
from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat, lead_columns, play
from tests.conversations.people import (
    KEDONGANAN,
    NIK,
    NIK_WIFE,
    SITI,
    TYPED_BUDGET,
    finish,
    kedonganan_on_paper,
    linked_officer,
    next_process,
    reference,
)

INCOME_Q = "Berapa kira-kira penghasilan Anda sebulan? Contoh: 2 juta"

# ---------------------------------------------------------------- voices


def test_a_kupang_malay_ojek_driver(branches: Services) -> None:
    """ "iya beta setuju" was not understood at the consent, nor "iya batul" after it; "nama
    beta …" then stored "Dalung" as the name two steps on, and "sonde" was no no."""
    chat = TypedChat(branches, chat_id="kupang")
    play(chat, ["beta mau daftar bpjs tenaga kerja", "iya beta setuju", "nama beta Yohanes Bria"])
    play(chat, [NIK, "iya batul", "ini beta pung nomor 081234567890", "iya", "dalung"])
    play(chat, ["beta ojek di pangkalan", "sebulan dua juta sa", "jkk deng jkm sa", "tiap bulan"])
    play(chat, ["sonde", "kirim su"])
    assert chat.turns == 14 <= TYPED_BUDGET
    finish(chat, branches, name="Yohanes Bria")


def test_a_batak_trader_with_boru_in_her_name(branches: Services) -> None:
    """ "setuju lae" was not understood; "br" stays lower case as on her KTP; "kirimlah" sends."""
    chat = TypedChat(branches, chat_id="batak")
    play(chat, ["horas, mau daftar bpjs tk lae", "setuju lae", "Siti Aminah br Sinaga", NIK_WIFE])
    play(chat, ["betul itu", "nomorku 0812 3456 7890", "betul", "dalung"])
    play(chat, ["aku parengge di pasar, jualan sayur", "kira2 dua juta lah sebulan"])
    play(chat, ["jkk jkm nya aja", "bulanan", "gak", "kirimlah"])
    assert chat.turns == 14
    finish(chat, branches, **{**SITI, "name": "Siti Aminah br Sinaga"})


def test_a_banjarese_cake_seller(branches: Services) -> None:
    """ "ulun handak badaftar bpjs" got the FAQ's "cannot answer", and so did each answer
    after it; "bajualan wadai" was stored as typed, with "ulun" (I) in front."""
    chat = TypedChat(branches, chat_id="banjar")
    play(chat, ["ulun handak badaftar bpjs", "inggih ulun setuju", "ngaran ulun Siti Aminah"])
    play(chat, [NIK_WIFE, "inggih bujur", "nomor ulun 081234567890", "inggih", "dalung"])
    said = texts(chat.type("ulun bajualan wadai di pasar"))
    assert said == INCOME_Q, said
    play(chat, ["sabulan kira2 dua juta", "jkk wan jkm haja", "tiap bulan", "kada", "kirim haja"])
    assert chat.turns == 14
    finish(chat, branches, **SITI)


def test_a_bugis_fisher_says_his_work_with_his_request(branches: Services) -> None:
    """ "iye, maueka daftar bpjs, pakkaja ka" got the BPJS Kesehatan answer, then the check;
    "pakkaja" (a fisher) is kept, so his work is not asked, and his seasons are confirmed."""
    chat = TypedChat(branches, chat_id="bugis")
    play(chat, ["iye, maueka daftar bpjs, pakkaja ka", "iye setuju ka", "Budi Santoso", NIK])
    play(chat, ["iye tongeng", "081234567890", "iye"])
    said = texts(chat.type("dalung"))
    assert said == INCOME_Q, said
    said = texts(chat.type("kalo musim bagus 3 juta kalo tidak 1 juta"))
    assert said == "Rata-rata sebulan sekitar Rp2.000.000? (Ya / ketik angka lain)", said
    play(chat, ["iye", "jkk jkm", "tiap bulan", "de'", "kirim mi"])
    assert chat.turns == 14
    finish(chat, branches, occupation="farmer_fisher")


def test_a_clerk_answers_every_step_in_a_letter_sentence(branches: Services) -> None:
    """Her consent was not understood; "Benar, saya berdomisili di Kabupaten Badung." was then
    stored as her name, and "… Jaminan Kecelakaan Kerja dan Jaminan Kematian." as her work."""
    chat = TypedChat(branches, chat_id="surat")
    lines = [
        "Selamat pagi. Dengan hormat, saya bermaksud untuk mendaftarkan diri sebagai peserta BPJS "
        "Ketenagakerjaan.",
        "Saya telah membaca dan menyetujui ketentuan tersebut.",
        "Nama lengkap saya sesuai KTP adalah Siti Aminah.",
        f"Nomor Induk Kependudukan saya adalah {NIK_WIFE}.",
        "Data tersebut sudah benar.",
        "Nomor telepon seluler saya yang dapat dihubungi adalah 0812-3456-7890.",
        "Benar, saya berdomisili di Kabupaten Badung.",
        "Saya bertempat tinggal di Desa Dalung, Kecamatan Kuta Utara.",
        "Pekerjaan saya adalah pedagang sayur di pasar tradisional.",
        "Penghasilan rata-rata saya per bulan kurang lebih sebesar Rp 2.500.000,00.",
        "Saya memilih program Jaminan Kecelakaan Kerja dan Jaminan Kematian.",
        "Saya akan membayar iuran setiap bulan.",
        "Tidak, terima kasih.",
        "Seluruh data sudah sesuai, mohon untuk dikirimkan.",
    ]
    play(chat, lines)
    assert chat.turns == 14
    finish(chat, branches, **SITI, monthly_income=2_500_000)


def test_a_sentence_at_the_name_step_is_no_name(branches: Services) -> None:
    """A sentence typed ahead at the name ("saya tinggal di dalung") was stored as the name."""
    chat = TypedChat(branches, chat_id="kalimat")
    play(chat, ["daftar", "setuju"])
    said = texts(chat.type("Saya akan membayar iuran setiap bulan.", junk=True))
    assert said.endswith("Ketik nama lengkap Anda sesuai KTP. Contoh: Ni Wayan Sari"), said
    assert "name" not in chat.state()[1]["registration"]


def test_a_kupang_village_head_registers_a_fisher_on_paper(branches: Services) -> None:
    """ "dia sonde punya hp" got the consent code for the worker's own phone, not the paper
    form, and "batul" then started the check."""
    kades = linked_officer(branches, village=KEDONGANAN)
    said = texts(
        kades.chat.type(
            "selamat pagi bapa, beta kepala desa, mau daftarkan warga, dia sonde punya hp"
        )
    )
    assert said.startswith("Pekerja tidak punya HP, jadi persetujuannya di kertas"), said
    play(kades.chat, ["beta menyatakan", "Yosef Tefa", "5103011508950003", "batul"])
    play(kades.chat, ["0813 1111 2222", "batul su", "kedonganan", "dia nelayan", "kirim su"])
    assert kades.chat.turns == 1 + 10 and kades.chat.misses == []
    found = reference(kades.chat)
    assert lead_columns(branches, found) == kedonganan_on_paper(
        kades.id, reference=found, name="Yosef Tefa", nik="5103011508950003", phone="+6281311112222"
    )


# ---------------------------------------------------------------- ways of typing


def test_a_nik_corrected_two_steps_later_is_the_one_stored(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="nik")
    play(chat, ["daftar", "setuju", "Siti Aminah", "5103065704970004", "iya", "081234567890"])
    said = texts(chat.type(f"eh salah, NIK nya {NIK_WIFE}"))
    assert said.startswith("Baik, jawaban sebelumnya saya ubah.\nMenurut NIK Anda"), said
    play(chat, ["iya", "iya", "dalung", "pedagang", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 16
    finish(chat, branches, **SITI)


def test_all_the_data_pasted_as_lines_of_a_note(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="catatan")
    play(chat, ["daftar", "setuju"])
    said = texts(
        chat.type(
            f"Nama: Siti Aminah\nNIK: {NIK_WIFE}\nHP: 081234567890\n"
            "Alamat: Desa Dalung, Kuta Utara, Badung\nPekerjaan: pedagang sayur\n"
            "Penghasilan: 2,5 juta/bulan\nProgram: JKK JKM\nBayar: bulanan"
        )
    )
    assert said.startswith(
        "Saya catat: NIK berakhiran 0003; nomor HP 081234567890; Pedagang; penghasilan "
        "Rp2.500.000 sebulan; JKK + JKM; tiap bulan."
    ), said
    play(chat, ["iya", "iya", "ga", "kirim"])
    assert chat.turns == 7
    finish(chat, branches, **SITI, monthly_income=2_500_000)


def test_emoji_for_every_yes_and_no(branches: Services) -> None:
    """A 👍 at the programmes answers none of them: asked again, no miss."""
    chat = TypedChat(branches, chat_id="emoji")
    play(chat, ["daftar", "👍", "Siti Aminah", NIK_WIFE, "👌", "081234567890", "✅", "dalung"])
    play(chat, ["pedagang", "2jt"])
    said = texts(chat.type("👍"))
    assert said.startswith("Program apa yang Anda pilih?"), said
    play(chat, ["jkk jkm", "bulanan", "👎", "✅"])
    assert chat.turns == 15
    finish(chat, branches, **SITI)


def test_baisukan_lagi_then_lanjut_pang_the_next_day(
    branches: Services, settings: Settings
) -> None:
    """Banjarese "besok lagi" and "lanjut, ya" were read as a place at the regency step."""
    chat = TypedChat(branches, chat_id="banjar-besok")
    play(chat, ["ulun handak badaftar", "inggih", "Siti Aminah", NIK_WIFE, "inggih"])
    chat.type("081234567890")
    said = texts(chat.type("ulun baisukan lagi lah"))
    assert "ketik lanjut kapan saja" in said, said
    # the process stops; the next day a new one serves the same database
    with next_process(chat, branches, settings) as (again, restarted):
        said = texts(again.type("assalamualaikum, ulun handak lanjut pang"))
        assert said.endswith("Apakah Anda tinggal di Kab. Badung, Bali?"), said
        play(again, ["inggih", "dalung", "bajualan iwak", "sabulan dua juta", "jkk jkm haja"])
        play(again, ["tiap bulan", "kada", "kirim"])
        assert again.turns == 16
        finish(again, restarted, **SITI)


def test_two_messages_at_once_at_three_steps(branches: Services) -> None:
    """The phone sent with the NIK before its check, the kecamatan after the desa, the work
    said twice, and "sebulan" after "2jt": each is kept or taken as said again."""
    chat = TypedChat(branches, chat_id="dobel")
    play(chat, ["daftar", "setuju", "Siti Aminah", NIK_WIFE])
    said = texts(chat.type("081234567890"))
    assert said.startswith("Saya catat: nomor HP 081234567890.\nMenurut NIK Anda"), said
    play(chat, ["iya", "iya", "dalung", "kuta utara", "pedagang"])
    assert texts(chat.type("jualan sayur")) == INCOME_Q
    play(chat, ["2jt", "sebulan", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 17 and chat.turns - 3 <= TYPED_BUDGET  # 3 sent twice
    finish(chat, branches, **SITI)


def test_a_5000_character_story_at_the_work_step(branches: Services) -> None:
    story = (
        "jadi begini pak, saya ini nelayan kecil, tiap hari melaut pakai perahu kayu, hasilnya "
        "tidak tentu, kadang dapat banyak kadang pulang kosong. "
    )
    chat = TypedChat(branches, chat_id="cerita")
    play(chat, ["daftar", "setuju", "Budi Santoso", NIK, "iya", "081234567890", "iya", "dalung"])
    assert texts(chat.type((story * 40)[:5000])) == INCOME_Q
    play(chat, ["2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 14
    finish(chat, branches, occupation="farmer_fisher")


def test_a_5000_character_story_at_the_income_guesses_no_amount(branches: Services) -> None:
    """Its figures are not read (a story's numbers are not an answer): asked again briefly."""
    days = " ".join(f"hari ke-{i} saya melaut dari subuh sampai siang." for i in range(1, 120))
    story = (days + " jadi kalau musim bagus 3 juta sebulan, kalau angin barat 1 juta.")[-5000:]
    chat = TypedChat(branches, chat_id="cerita-gaji")
    play(chat, ["daftar", "setuju", "Budi Santoso", NIK, "iya", "081234567890", "iya", "dalung"])
    play(chat, ["nelayan"])
    assert texts(chat.type(story)) == INCOME_Q
    assert "income" not in chat.state()[1]["registration"]
    play(chat, ["rata2 2 juta sebulan", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 15
    finish(chat, branches, occupation="farmer_fisher")
