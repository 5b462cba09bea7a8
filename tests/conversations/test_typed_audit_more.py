"""More typed-only conversations from the fresh-eyes audit of 6 December, its leftovers: a
correction its step rejects ("nomornya salah 0812"), "kirim" after a cancel, the age corrected
during the registration, whose phone number may be given; then new voices (Javanese, capitals
with typos, no KTP at hand, a KTP's text pasted whole, a NIK not known by heart); "kirim" with a
form left half-filled; the officer asking whose number; a later answer at the income's
confirmation; the officer without the worker's NIK. Each asserts its turns, that no step
failed to understand it (tests/conversations/driver.py), and every column of the lead stored.
"""

from __future__ import annotations

from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat, play
from tests.conversations.people import (
    KTP_TEXT,
    NIK_WIFE,
    SITI,
    WORKER_NIK,
    finish,
    finish_for_worker,
    officer_with_consent,
)


def test_a_correction_its_step_rejects_is_asked_at_that_step(branches: Services) -> None:
    """The step named asks for its answer again, with its own reason, then the step left.

    "nomornya salah 0812" at the desa and "eh nik nya salah 1234" at the phone were read by
    the step asked: "Maaf, saya kurang menangkap", and the wrong number and NIK kept.
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "Siti Aminah", "5103065704970001", "iya", "081234567890"])
    said = texts(chat.type("eh nik nya salah 1234"))  # at the regency question
    assert said == (
        "NIK terdiri dari tepat 16 angka. Periksa lalu ketik lagi.\n"
        "Ketik NIK Anda: 16 angka di KTP. Contoh: 5103061508950001"
    ), said
    chat.type(NIK_WIFE)
    said = texts(chat.type("iya"))
    assert said.startswith("Apakah Anda tinggal di Kab. Badung, Bali?"), said  # back there
    chat.type("iya")
    said = texts(chat.type("nomornya salah 0812"))
    assert said == (
        "Nomor HP terdiri dari 10 sampai 13 angka. Periksa lagi.\n"
        "Ketik nomor HP Anda (WhatsApp atau SMS) untuk dihubungi kantor cabang. "
        "Contoh: 081234567890"
    ), said
    said = texts(chat.type("0812-9876-5432"))
    assert said.startswith("Ketik nama desa atau kelurahan"), said
    play(chat, ["dalung", "pedagang", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 19
    finish(chat, branches, phone="+6281298765432", **SITI)


def test_kirim_after_a_cancel_is_told_there_is_nothing_to_send(branches: Services) -> None:
    """No "which one?": nothing is filled in, and registering again is one word away.

    "kirim" and "ya kirim" after "batal" were answered "Yang mana? Pilih salah satu." with the
    main menu, as if the send were a choice of it.
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "Siti Aminah", "batal"])
    nothing = (
        "Tidak ada yang bisa dikirim: belum ada pendaftaran yang sedang diisi. "
        "Untuk mendaftar, ketik daftar."
    )
    for send in ("kirim", "ya kirim"):
        replies = chat.type(send)
        assert texts(replies) == nothing, texts(replies)
        assert [c.label for c in replies[-1].choices] == ["Daftar"]
    said = texts(chat.type("iya"))  # takes the one offer
    assert said.startswith("Sebelum mendaftar, mohon baca ini"), said
    assert chat.turns == 7 and chat.misses == []
    assert "registration_sent" not in chat.state()[1]


AGE_FROM_NIK = (
    "Umur, tanggal lahir, dan jenis kelamin dibaca dari NIK: menurut NIK yang diketik, "
    "lahir 17 April 1997 (29 tahun). Kalau itu salah, NIK-nya salah ketik.\n"
    "Ketik NIK Anda: 16 angka di KTP."
)


def test_the_age_said_wrong_at_any_step_is_read_from_the_nik(branches: Services) -> None:
    """Registration has no age step: the age is the NIK's, said so, and the NIK asked again.

    "eh umur saya salah" at the name was stored as her name; at the NIK it was "NIK hanya
    berisi angka"; after it, "Maaf, saya kurang menangkap". Only the summary explained it.
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju"])
    said = texts(chat.type("eh umur saya salah"))
    assert said == (
        "Umur, tanggal lahir, dan jenis kelamin dibaca dari NIK: tidak perlu diketik.\n"
        "Ketik nama lengkap Anda sesuai KTP. Contoh: Ni Wayan Sari"
    ), said
    play(chat, ["Siti Aminah", NIK_WIFE])
    said = texts(chat.type("tgl lahirnya salah"))  # at "Menurut NIK Anda: … Benar?"
    assert said.startswith(AGE_FROM_NIK), said
    play(chat, [NIK_WIFE, "iya", "081234567890"])
    said = texts(chat.type("eh umurnya 28 bukan 29"))  # at the regency question
    assert said.startswith(AGE_FROM_NIK.split("\n")[0]), said
    assert said.endswith("lahir 17 April 1997, perempuan. Benar?"), said  # whether it is right
    said = texts(chat.type("iya"))
    assert said.startswith("Apakah Anda tinggal di Kab. Badung, Bali?"), said  # phone kept
    play(chat, ["iya", "dalung", "pedagang", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 19  # 14, the three corrections, then the NIK and two yeses
    finish(chat, branches, **SITI)


def test_whose_number_asked_at_the_phone_is_told_what_it_is_for(branches: Services) -> None:
    """The knowledge says nothing of whose number: only that the branch office calls on it.

    "boleh pakai nomor suami?" got the answer to "WhatsApp or SMS?".
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "Siti Aminah", NIK_WIFE, "iya"])
    for asked in ("boleh pakai nomor suami?", "hp saya punya anak, gpp?"):
        said = texts(chat.type(asked))
        assert said == (
            "Nomor ini dipakai kantor cabang untuk menghubungi Anda soal pendaftaran ini: "
            "ketik nomor tempat Anda bisa dihubungi.\n"
            "Ketik nomor HP Anda (WhatsApp atau SMS) untuk dihubungi kantor cabang. "
            "Contoh: 081234567890"
        ), said
    said = texts(chat.type("bisa wa ga?"))
    assert said.startswith("Nomor HP biasa untuk SMS dan telepon juga bisa"), said
    play(chat, ["081234567890", "iya", "dalung", "pedagang", "2jt", "jkk jkm", "bulanan", "ga"])
    chat.type("kirim")
    assert chat.turns == 17  # 14 and three questions
    finish(chat, branches, **SITI)


def test_a_javanese_trader_registers_in_her_own_words(branches: Services) -> None:
    """ "2 yuta" is 2 juta, "sesasi" a month: no confirmation the chat did not need.

    "sesasi kira2 2 yuta" was asked "Rata-rata sebulan sekitar Rp2.000.000?", and her next
    line, "jkk jkm mawon", lost it: "Saya tidak bisa membaca jumlah itu" to the end.
    """
    chat = TypedChat(branches)
    play(chat, ["mas aku arep daftar bpjs", "nggih setuju", "jenengku Siti Aminah"])
    play(chat, [f"niki nik kulo {NIK_WIFE}", "nggih leres", "nomer hpku 081234567890", "nggih"])
    play(chat, ["dalung", "dodolan sayur nang pasar"])
    said = texts(chat.type("sesasi kira2 2 yuta"))
    assert said.startswith("Program apa yang Anda pilih?"), said
    play(chat, ["jkk jkm mawon", "saben wulan", "mboten", "sampun leres, kirim"])
    assert chat.turns == 14
    finish(chat, branches, **SITI)


def test_an_older_man_types_in_capitals_with_typos(branches: Services) -> None:
    """ "DAFTR" is daftar, "2 JTA" 2 juta, "O812…" with a letter O a phone number.

    "SAYA MAU DAFTR BPJS KETENAGA KERJAAN" got the ways to register, "mau daftr bpjs" the
    migrant workers' answer; his name and NIK then landed on the consent.
    """
    chat = TypedChat(branches)
    said = texts(chat.type("SAYA MAU DAFTR BPJS KETENAGA KERJAAN"))
    assert said.startswith("Sebelum mendaftar, mohon baca ini"), said
    play(chat, ["YA STUJU", "SITI AMINAH", NIK_WIFE, "BENER", "O812345678 90", "YA BNR"])
    play(chat, ["DALUNG", "JUALAN SAYUR DIPASAR"])
    said = texts(chat.type("2 JTA"))
    assert said.startswith("Program apa yang Anda pilih?"), said
    play(chat, ["JKK DAN JKM", "TIAP BLN", "TDK", "KRIM"])
    assert chat.turns == 14
    finish(chat, branches, **SITI)


def test_no_ktp_at_hand_is_told_the_kartu_keluarga_holds_the_nik(branches: Services) -> None:
    """official-faq.md: no KTP, or KTP lost, registers with the NIK on the Kartu Keluarga.

    "sy gk punya nik" and "ktp hilang" were "NIK hanya berisi angka" (misses, then numbered
    choices and batal); "ktp saya hilang gimana?" was told only that the NIK is required.
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "Siti Aminah"])
    for said_so in ("sy gk punya nik", "ktp hilang", "ktp saya hilang gimana?"):
        said = texts(chat.type(said_so))
        assert said == (
            "Belum punya KTP atau KTP hilang? Anda bisa mendaftar dengan NIK yang tertulis di "
            "Kartu Keluarga (KK): ketik 16 angkanya.\n"
            "Ketik NIK Anda: 16 angka di KTP. Contoh: 5103061508950001"
        ), said
    play(chat, [NIK_WIFE, "iya", "081234567890", "iya", "dalung", "pedagang", "2jt", "jkk jkm"])
    play(chat, ["bulanan", "ga", "kirim"])
    assert chat.turns == 17  # 14 and three
    finish(chat, branches, **SITI)


def test_a_pasted_ktp_text_keeps_its_own_work_line(branches: Services) -> None:
    """The KTP's "MENGURUS RUMAH TANGGA" (keeping one's home) is no domestic worker's job.

    It was stored as "Pekerja rumah tangga" ("rumah tangga" alone was the domestic worker's
    word), and without that, as "MENGURUS RUMAH TANGGA Kewarganegaraan : WNI": a value ran on
    over the next KTP line.
    """
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju"])
    said = texts(chat.type(KTP_TEXT))
    assert said.startswith("Saya catat: NIK berakhiran 0003; MENGURUS RUMAH TANGGA.\n"), said
    play(chat, ["iya", "081234567890"])
    said = texts(chat.type("iya"))  # Dalung, Kuta Utara read from the KTP
    assert said.startswith("Berapa kira-kira penghasilan Anda sebulan?"), said
    play(chat, ["2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 11
    finish(chat, branches, **{**SITI, "occupation": "MENGURUS RUMAH TANGGA"})


def test_a_nik_not_known_by_heart_is_told_where_it_is_printed(branches: Services) -> None:
    """official-faq.md: the NIK is on the KTP, and the Kartu Keluarga prints it too.

    "nik saya gk tau", "lupa nik" and "nik nya gatau" were "NIK hanya berisi angka" (misses,
    then numbered choices and batal).
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "Siti Aminah"])
    for said_so in ("nik saya gk tau", "lupa nik", "nik nya gatau"):
        said = texts(chat.type(said_so))
        assert said == (
            "Tidak hafal NIK? NIK tertulis di KTP dan di Kartu Keluarga (KK): ketik 16 angkanya.\n"
            "Ketik NIK Anda: 16 angka di KTP. Contoh: 5103061508950001"
        ), said
    play(chat, [NIK_WIFE, "iya", "081234567890", "iya", "dalung", "pedagang", "2jt", "jkk jkm"])
    play(chat, ["bulanan", "ga", "kirim"])
    assert chat.turns == 17  # 14 and three
    finish(chat, branches, **SITI)


def test_kirim_with_a_registration_left_half_filled_offers_to_continue(branches: Services) -> None:
    """Not "which one?": the form left is not sent, said so, and a yes continues it.

    "kirim" after "menu" was "Yang mana? Pilih salah satu." with the main menu; after "nanti
    aja", "Baik. Ada lagi yang bisa saya bantu?" The answers filled in are kept.
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "Siti Aminah"])
    for leave in ("nanti aja", "menu"):
        chat.type(leave)
        replies = chat.type("kirim")
        assert texts(replies) == (
            "Formulir Anda belum selesai, jadi belum ada yang terkirim. "
            "Lanjutkan dari pertanyaan terakhir?"
        ), texts(replies)
        assert [c.label for c in replies[-1].choices] == ["Lanjutkan", "Menu utama"]
        said = texts(chat.type("iya"))  # takes the offer to continue
        assert said.endswith("Ketik NIK Anda: 16 angka di KTP. Contoh: 5103061508950001"), said
    play(chat, [NIK_WIFE, "iya", "081234567890", "iya", "dalung", "pedagang", "2jt", "jkk jkm"])
    play(chat, ["bulanan", "ga", "kirim"])
    assert chat.turns == 20  # 14 and six
    finish(chat, branches, **SITI)


def test_an_officer_asking_whose_number_is_told_in_the_workers_words(branches: Services) -> None:
    """48cb1ce's answer to "boleh pakai nomor suami?", as the officer's form speaks: of the worker.

    "nomor suaminya?" and "boleh nomor anaknya?" at the worker's phone got the answer to
    "WhatsApp or SMS?".
    """
    budi = officer_with_consent(branches)
    play(budi.chat, ["isi data pekerja", "I Made Suarta", WORKER_NIK, "ya"])
    for asked in ("nomor suaminya?", "boleh nomor anaknya?"):
        said = texts(budi.chat.type(asked))
        assert said == (
            "Nomor ini dipakai kantor cabang untuk menghubungi pekerja soal pendaftaran ini: "
            "ketik nomor tempat pekerja bisa dihubungi.\n"
            "Ketik nomor HP pekerja (WhatsApp atau SMS) untuk dihubungi kantor cabang. "
            "Contoh: 081234567890"
        ), said
    play(budi.chat, ["0857 1234 5678", "ya", "kerobokan kaja", "ojol", "2jt", "jkk jkm aja"])
    play(budi.chat, ["tiap bulan", "tidak", "kirim"])
    assert budi.chat.turns == 2 + 15 and budi.chat.misses == []  # 13 and two
    finish_for_worker(branches, budi.chat, budi.id)


def test_a_later_steps_answer_at_the_income_confirmation_keeps_the_yes(branches: Services) -> None:
    """The average still waits for its yes, asked again: no miss, and nobody stuck.

    "jkk jkm", "jkk jkm jht aja" and "bulanan" at "Rata-rata sebulan sekitar Rp2.000.000?"
    dropped it, and the income step then answered each "Saya tidak bisa membaca jumlah itu."
    They are kept for their steps too (the newest programs), which are then not asked.
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "Siti Aminah", NIK_WIFE, "iya", "081234567890", "iya"])
    play(chat, ["dalung", "pedagang"])
    asked = "Rata-rata sebulan sekitar Rp2.000.000? (Ya / ketik angka lain)"
    assert texts(chat.type("kadang 1jt kadang 3jt")) == asked
    for early, noted in (
        ("jkk jkm", "JKK + JKM"),
        ("jkk jkm jht aja", "JKK + JKM + JHT"),
        ("bulanan", "tiap bulan"),
    ):
        replies = chat.type(early)
        assert texts(replies) == f"Saya catat: {noted}.\n{asked}", texts(replies)
        assert [c.label for c in replies[-1].choices] == ["Ya", "Tidak"]
    said = texts(chat.type("iya"))
    assert said.startswith("Apakah Anda termasuk pekerja rentan"), said
    play(chat, ["ga", "kirim"])
    assert chat.turns == 16  # 14, the yes, and one
    finish(chat, branches, **SITI, programs=["jkk", "jkm", "jht"])


def test_an_officer_without_the_workers_nik_is_told_where_the_worker_finds_it(
    branches: Services,
) -> None:
    """official-faq.md's answers at the worker's NIK, as the officer's form speaks: of the worker.

    "ktp hilang", "sy gk punya nik" and "lupa nik" typed by the officer got "Anda bisa
    mendaftar…" and "Ketik NIK Anda"; "ktp hilang gimana?" only that the NIK is required.
    """
    budi = officer_with_consent(branches)
    play(budi.chat, ["isi data pekerja", "I Made Suarta"])
    ask = "Ketik NIK pekerja: 16 angka di KTP-nya. Contoh: 5103061508950001"
    no_ktp = (
        "Belum punya KTP atau KTP hilang? Pekerja bisa didaftarkan dengan NIK yang "
        "tertulis di Kartu Keluarga (KK) pekerja: ketik 16 angkanya."
    )
    forgot = (
        "Pekerja tidak hafal NIK-nya? NIK tercetak di KTP dan Kartu Keluarga (KK) "
        "pekerja: ketik 16 angka dari salah satunya."
    )
    for said_so, answer in (
        ("ktp hilang", no_ktp),
        ("sy gk punya nik", no_ktp),
        ("ktp hilang gimana?", no_ktp),
        ("lupa nik", forgot),
    ):
        said = texts(budi.chat.type(said_so))
        assert said == f"{answer}\n{ask}", said
    play(budi.chat, [WORKER_NIK, "ya", "0857 1234 5678", "ya", "kerobokan kaja", "ojol", "2jt"])
    play(budi.chat, ["jkk jkm aja", "tiap bulan", "tidak", "kirim"])
    assert budi.chat.turns == 2 + 17 and budi.chat.misses == []  # 13 and four
    finish_for_worker(branches, budi.chat, budi.id)
