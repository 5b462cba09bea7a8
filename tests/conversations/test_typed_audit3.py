"""Typed-only conversations from the third audit, in voices not heard before: a village clerk
registering three workers in formal letters ("Mohon didaftarkan atas nama …"), an officer
pasting a numbered WhatsApp list, Sundanese, Javanese and Betawi, an older woman without
punctuation, someone answering each question with a question, a break "bentar ya aku kerja
dulu", and after the registration the status, the data and its deletion asked in slang. Each
asserts its turns, that no step failed to understand it (tests/conversations/driver.py), and
every column of the lead stored.
"""

from __future__ import annotations

from datetime import date

from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat, lead_columns, play
from tests.conversations.people import (
    KEDONGANAN,
    NIK_WIFE,
    SITI,
    WORKER_NIK,
    finish,
    finish_for_worker,
    kedonganan_on_paper,
    linked_officer,
    officer_with_consent,
    reference,
)


def test_a_village_clerk_registers_three_workers_in_formal_letters(branches: Services) -> None:
    """ "Mohon didaftarkan atas nama I Made Suarta" is I Made Suarta.

    The whole sentence was stored as each worker's name, and sent to the branch office so.
    """
    clerk = linked_officer(branches, village=KEDONGANAN)
    workers = (
        ("Mohon didaftarkan atas nama I Made Suarta", "I Made Suarta", WORKER_NIK, "nelayan"),
        ("Atas nama Ni Ketut Rai", "Ni Ketut Rai", "5103015704970002", "Petani"),
        (
            "Selanjutnya mohon didaftarkan atas nama Wayan Sudarsa",
            "Wayan Sudarsa",
            "5103010101800001",
            "Yang bersangkutan bekerja sebagai nelayan",
        ),
    )
    found = []
    for i, (letter, name, nik, work) in enumerate(workers):
        play(clerk.chat, ["daftarkan pekerja", "pekerja tidak punya hp", "saya menyatakan"])
        said = texts(clerk.chat.type(letter))
        assert said == "Ketik NIK pekerja: 16 angka di KTP-nya. Contoh: 5103061508950001", said
        play(clerk.chat, [f"NIK yang bersangkutan {nik}", "Benar", f"0813 {i}{i}{i}{i} 2222"])
        play(clerk.chat, ["Benar", "Desa Kedonganan", work])
        assert f"Nama: {name}\n" in clerk.chat.text(), clerk.chat.text()
        clerk.chat.type("Data sudah benar, mohon dikirim")
        found.append(reference(clerk.chat))
    assert clerk.chat.turns == 1 + 3 * 11 and clerk.chat.misses == []
    births = (date(1995, 8, 15), date(1997, 4, 17), date(1980, 1, 1))
    for i, ((_, name, nik, _), ref) in enumerate(zip(workers, found, strict=True)):
        assert lead_columns(branches, ref) == kedonganan_on_paper(
            clerk.id,
            reference=ref,
            name=name,
            nik=nik,
            birth_date=births[i],
            gender="P" if i == 1 else "L",
            phone=f"+62813{i}{i}{i}{i}2222",
        )


NUMBERED_LIST = "\n".join(
    (
        "*Data pendaftar*",
        "1. Nama : I Made Suarta",
        f"2. NIK : {WORKER_NIK}",
        "3. No HP : 085712345678",
        "4. Alamat : Br. Tegal, Desa Kerobokan Kaja",
        "5. Pekerjaan : ojek online",
        "6. Penghasilan : Rp 2.000.000",
    )
)


def test_an_officer_pastes_a_numbered_whatsapp_list(branches: Services) -> None:
    """Each numbered line is its own value; the desa of the address line is the desa.

    The name ran on into "2." and was dropped: the officer's "ya" was then asked "Ketik nama
    lengkap Anda" (the worker's own form's words), and "jkk jkm aja" stored as the name.
    "Br. Tegal" (the banjar) was taken for the desa and the desa asked.
    """
    budi = officer_with_consent(branches)
    budi.chat.type("isi data pekerja")
    said = texts(budi.chat.type(NUMBERED_LIST))
    assert said == (
        "Saya catat: NIK berakhiran 0003; nomor HP 085712345678; Ojek; "
        "penghasilan Rp2.000.000 sebulan.\n"
        "Menurut NIK pekerja: Kab. Badung, Bali, lahir 15 Agustus 1995, laki-laki. Benar?"
    ), said
    said = texts(budi.chat.type("ya"))
    assert said.startswith("Apakah pekerja tinggal di Kerobokan Kaja, Kuta Utara"), said
    play(budi.chat, ["ya", "jkk jkm aja", "tiap bulan", "tidak", "kirim"])
    assert budi.chat.turns == 2 + 8 and budi.chat.misses == []
    finish_for_worker(branches, budi.chat, budi.id)


def test_a_yes_at_the_officers_name_step_asks_it_of_the_worker(branches: Services) -> None:
    """ "ya" before the worker's name: the officer's question again, never "nama lengkap Anda"."""
    budi = officer_with_consent(branches)
    budi.chat.type("isi data pekerja")
    said = texts(budi.chat.type("ya"))
    assert said == "Ketik nama lengkap pekerja sesuai KTP. Contoh: Ni Wayan Sari", said
    play(budi.chat, ["I Made Suarta", WORKER_NIK, "ya", "0857 1234 5678", "ya", "kerobokan kaja"])
    play(budi.chat, ["ojol", "2jt", "jkk jkm aja", "tiap bulan", "tidak", "kirim"])
    assert budi.chat.turns == 2 + 14 and budi.chat.misses == []
    finish_for_worker(branches, budi.chat, budi.id)


def test_an_officer_corrects_the_workers_nik_two_steps_later(branches: Services) -> None:
    """The NIK typed again with its reason replaces the wrong one, and its reading is asked."""
    budi = officer_with_consent(branches)
    play(budi.chat, ["isi data pekerja", "I Made Suarta", "5103011508950033", "ya"])
    play(budi.chat, ["0857 1234 5678"])
    said = texts(budi.chat.type(f"eh nik nya tadi salah harusnya {WORKER_NIK}"))
    assert said.endswith("lahir 15 Agustus 1995, laki-laki. Benar?"), said
    play(budi.chat, ["ya", "ya", "kerobokan kaja", "ojol", "2jt", "jkk jkm aja", "tiap bulan"])
    play(budi.chat, ["tidak", "kirim"])
    assert budi.chat.turns == 2 + 15 and budi.chat.misses == []
    finish_for_worker(branches, budi.chat, budi.id)


def test_a_sundanese_trader_registers_in_her_own_words(branches: Services) -> None:
    """ "muhun satuju" agrees; "nami abdi Siti Aminah" is her name.

    The consent missed "muhun satuju" twice, the NIK sent then was not kept, and the rest of
    her answers met "NIK hanya berisi angka".
    """
    chat = TypedChat(branches)
    play(chat, ["punten abdi bade daftar", "muhun satuju", "nami abdi Siti Aminah", NIK_WIFE])
    play(chat, ["leres", "nomer hp abdi 081234567890", "muhun", "dalung", "dagang sayur di pasar"])
    play(chat, ["sabulan kinten-kinten 2 juta", "jkk jkm wae", "sabulan sakali", "henteu"])
    chat.type("parantos leres, kirim")
    assert chat.turns == 14
    finish(chat, branches, **SITI)


def test_a_javanese_trader_agrees_with_sarujuk(branches: Services) -> None:
    """ "nggih sarujuk" agrees; "asmanipun Siti Aminah" is Siti Aminah, not its first word too."""
    chat = TypedChat(branches)
    play(chat, ["nyuwun sewu badhe daftar", "nggih sarujuk", "asmanipun Siti Aminah", NIK_WIFE])
    play(chat, ["leres", "nomer kulo 081234567890", "nggih", "dalung", "bakul sayur"])
    play(chat, ["kinten2 2 yuta sewulan", "jkk jkm mawon", "saben wulan", "mboten"])
    chat.type("sampun, kirim mawon")
    assert chat.turns == 14
    finish(chat, branches, **SITI)


def test_a_betawi_trader_registers_with_daptar(branches: Services) -> None:
    """ "bang aye mau daptar" registers ("aye" is saya); "iye setuju" agrees.

    It was stored as an unanswered question, and the rest went to the eligibility check.
    """
    chat = TypedChat(branches)
    said = texts(chat.type("bang aye mau daptar"))
    assert said.startswith("Sebelum mendaftar, mohon baca ini"), said
    play(chat, ["iye setuju", "nama aye Siti Aminah", NIK_WIFE, "iye bener"])
    play(chat, ["nih nomor aye 081234567890", "iye", "dalung", "dagang sayur di pasar"])
    play(chat, ["sebulan kire2 2 juta", "jkk ame jkm aje", "tiap bulan aje", "kaga"])
    chat.type("udeh bener kirim aje")
    assert chat.turns == 14
    finish(chat, branches, **SITI)


def test_an_older_woman_without_punctuation_registers(branches: Services) -> None:
    """ "iya saya setuju nak" agrees: "nak" (child) is whom she speaks to.

    It was missed; her name and NIK sent next were not kept, and "dalung" became her name.
    """
    chat = TypedChat(branches)
    play(chat, ["assalamualaikum nak saya mau daftar bpjs buat saya sendiri"])
    play(chat, ["iya saya setuju nak", "nama saya sutinah", "5103065705650002", "iya betul"])
    play(chat, ["nomor hp saya 081234567890", "iya", "dalung", "saya jualan gorengan"])
    said = texts(chat.type("sehari paling dapat lima puluh ribu"))
    assert said == "Rata-rata sebulan sekitar Rp1.300.000? (Ya / ketik angka lain)", said
    play(chat, ["iya", "yang murah saja jkk jkm", "sebulan sekali", "tidak", "sudah benar kirim"])
    assert chat.turns == 15
    finish(
        chat,
        branches,
        name="Sutinah",
        nik="5103065705650002",
        birth_date=date(1965, 5, 17),
        gender="P",
        occupation="trader",
        monthly_income=1_300_000,
    )


def test_each_answer_typed_as_a_question_is_the_answer(branches: Services) -> None:
    """ "desa? dalung", "dalung kan?", "jkk jkm aja bisa?": the step's answer, not a question.

    Each was answered as a question (a trader employed by a shop is PU; "Tergantung
    penyebabnya" of deaths) and its step asked again, to the end of the form.
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "nama saya? Siti Aminah", f"nik? {NIK_WIFE}"])
    play(chat, ["iya benar kan?", "hp? 081234567890", "iya kan?", "desa? dalung", "pedagang?"])
    play(chat, ["2jt mungkin?", "jkk jkm aja bisa?", "bulanan?", "ga?", "kirim?"])
    assert chat.turns == 14
    finish(chat, branches, **SITI)


def test_a_question_at_the_name_is_never_a_name(branches: Services) -> None:
    """ "nama harus sesuai ktp?" is asked, not stored as "Nama Harus"."""
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju"])
    said = texts(chat.type("nama harus sesuai ktp?"))
    assert said.startswith("Tulis nama persis seperti di KTP Anda"), said
    assert "name" not in chat.state()[1]["registration"]


def test_a_break_for_work_keeps_the_step(branches: Services) -> None:
    """ "bentar ya aku kerja dulu" is a pause: "lanjut" and "td sampe mana ya" resume.

    It was read as a pasted name and work: "Saya catat: dulu." and "dulu" stored as her work.
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "Siti Aminah", NIK_WIFE, "iya"])
    said = texts(chat.type("bentar ya aku kerja dulu"))
    assert "dulu" not in said and "Saya catat" not in said, said
    said = texts(chat.type("lanjut"))
    assert said.endswith(
        "Ketik nomor HP Anda (WhatsApp atau SMS) untuk dihubungi kantor cabang. "
        "Contoh: 081234567890"
    ), said
    chat.type("081234567890")
    said = texts(chat.type("td sampe mana ya"))
    assert said.endswith("Apakah Anda tinggal di Kab. Badung, Bali?"), said
    play(chat, ["iya", "dalung", "pedagang", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 17
    finish(chat, branches, **SITI)


def registered(services: Services) -> TypedChat:
    chat = TypedChat(services)
    play(chat, ["daftar", "setuju", "Siti Aminah", NIK_WIFE, "iya", "081234567890", "iya"])
    play(chat, ["dalung", "pedagang", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    finish(chat, services, **SITI)
    return chat


def test_the_status_asked_the_next_day_in_slang(branches: Services) -> None:
    """ "gmn pendaftaran sy?" is the registration's status, as "udh diproses blm" is.

    It got the ways to register on one's own (JMO, the website).
    """
    chat = registered(branches)
    ref = reference(chat)
    for asked in ("gmn pendaftaran sy?", "udh diproses blm"):
        said = texts(chat.type(asked))
        assert said.startswith(f"Pendaftaran {ref}: Baru."), said
    assert chat.misses == []


def test_erase_asked_in_slang_after_changing_ones_mind(branches: Services) -> None:
    """ "hapus aja data sy, gk jadi" asks to erase the data, after "lihat data saya" showed it.

    It got the answer on closing a JMO account at the branch office.
    """
    chat = registered(branches)
    said = texts(chat.type("lihat data saya"))
    assert said.startswith("Ini data Anda yang tersimpan dari percakapan ini:"), said
    replies = chat.type("hapus aja data sy, gk jadi")
    assert [c.label for c in replies[-1].choices] == ["Ya, hapus semua", "Tidak, simpan data saya"]
    assert "JMO" not in texts(replies) and chat.misses == []


def test_a_javanese_line_with_her_house_and_her_trade(branches: Services) -> None:
    """ "omahku dalung" is where she lives, "dodolan sayur" her work, in one line with the rest.

    Neither was read: the desa was asked, and her next answers met "Maaf, saya kurang
    menangkap" and "Saya tidak menemukan tempat bernama …" to the end.
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "nggih"])
    said = texts(
        chat.type(
            f"jenengku Siti Aminah nik {NIK_WIFE} hp 081234567890 omahku dalung dodolan sayur"
        )
    )
    assert said.startswith("Saya catat: NIK berakhiran 0003; nomor HP 081234567890; "), said
    play(chat, ["nggih leres"])
    said = texts(chat.type("nggih"))  # "Apakah Anda tinggal di Dalung, Kuta Utara, …?"
    assert said.startswith("Berapa kira-kira penghasilan Anda sebulan?"), said
    play(chat, ["sewulan 2 yuta", "jkk jkm", "saben wulan", "mboten", "kirim"])
    assert chat.turns == 10
    finish(chat, branches, **SITI)
