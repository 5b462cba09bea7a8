"""Conditions stated in a question: read from the words, and never answered with a plain yes."""

from __future__ import annotations

import pytest

from bot.domain.conditions import conditions
from bot.domain.faq import Decision, FaqIndex, build_index
from bot.knowledge import load_knowledge

READ = [
    ("meninggal bukan akibat kecelakaan kerja, ahli waris dapat apa", "@notwork"),
    ("iurannya tidak dibayar sejak 10 bulan sebelum meninggal", "@lapsed"),
    ("kecelakaan waktu masih nunggak iuran", "@lapsed"),
    ("ayah sudah dirawat di ICU, bisa didaftarkan sekarang?", "@preexisting"),
    ("sebelum jadi peserta ternyata sudah kena diabetes, ditanggung?", "@preexisting"),
    ("boleh saya bilang sudah berhenti dagang supaya jht cair?", "@misstate"),
    ("bos mau bikinin surat phk boongan biar jht cair", "@misstate"),
    ("biar jht cair, bilang aja sudah berhenti kerja", "@misstate"),
    ("mengaku kecelakaan kerja padahal jatuh di rumah", "@misstate"),
    ("kios saya kebakaran, ditanggung?", "@property"),
    ("gerobak bakso saya ditabrak mobil sampai hancur", "@property"),
    ("bapak saya belum jadi peserta, kalau kecelakaan ditanggung?", "@notmember"),
    ("baru daftar, belum bayar iuran pertama, kecelakaan ditanggung?", "@notmember"),
    ("saya resign baik-baik dari pabrik, dapat jkp?", "@resigned"),
    ("kepesertaannya putus 8 bulan, lalu bapak meninggal", "@lapsed"),
    ("iurannya macet setahun, kecelakaan masih ditanggung?", "@lapsed"),
    ("ruko saya roboh kena gempa, dapat ganti?", "@property"),
    ("tabrakan, mobil penyok, penumpang luka, saya cuma lecet. yang diganti apa?", "@property"),
    ("sudah daftar tapi sekarang lagi kritis di rs", "@preexisting"),
    ("bapak tidak pernah terdaftar, kecelakaan ditanggung?", "@notmember"),
    # still working, and saying (or getting a letter saying) one stopped, in either order
    ("saya masih jualan, boleh saya bilang ke bpjs sudah berhenti usaha?", "@misstate"),
    ("surat keterangan berhenti dari RT walau sebenarnya masih dagang, aman?", "@misstate"),
    ("mau cairkan jht tapi masih jadi ojol, gimana caranya?", "@working"),
    ("sudah setahun saya tidak bayar iuran, kecelakaan ditanggung?", "@lapsed"),
    ("bapak sedang dirawat intensif, bisa saya daftarkan hari ini?", "@preexisting"),
    # first registration is for the under-65s
    ("bapak saya udh 67 thn bisa daftar ga", "@overage"),
    ("usia ibu sudah 70, masih bisa didaftarkan?", "@overage"),
    # a death from illness or exhaustion: a work accident only under the sudden-death rules
    ("adik saya ojol punya penyakit jantung, meninggal waktu bawa penumpang", "@suddendeath"),
    ("bapak meninggal mendadak waktu jualan di pasar", "@suddendeath"),
]

PLAIN = [
    "masih sakit belum bisa kerja dapat stmb?",
    "kartu bpjs tk saya hilang",
    "kecelakaan kerja di pasar ditanggung?",
    "iuran bpu berapa sebulan",
    # "ikut bpjs" here says she was a member, not that she joined while sick
    "istri sy meninggal krn kanker, dia ikut bpjs tk mandiri, dpt santunan?",
    "sebelum daftar bpu, apa saja yang harus disiapkan?",  # "before joining", nobody sick
    "cara lapor kalau peserta meninggal dunia",  # reporting a death is no lie
    "harus lapor kalau sudah tidak bekerja?",
    "nomor hp saya sudah tidak aktif, gimana ganti nomor di jmo",  # the phone, not membership
    # the motorbike broke, but so did his leg: a question about his treatment
    "kecelakaan waktu antar barang, motornya rusak parah dan kaki saya patah, biaya rs?",
    # a partial claim while working is allowed: asking for one states nothing wrong
    "masih kerja, boleh ambil jht 10 persen?",
    # an old member claiming, and an amount: no one too old to join
    "umur 70 bisa cairkan jht?",
    "iuran 65 ribu, daftar bpu di mana?",
    "meninggal karena kecelakaan kerja dapat berapa",  # an accident, not an illness
]


@pytest.mark.parametrize(("text", "token"), READ)
def test_a_stated_condition_is_read(text: str, token: str) -> None:
    assert token in conditions().read(text)[1]


@pytest.mark.parametrize("text", PLAIN)
def test_a_plain_question_states_no_condition(text: str) -> None:
    assert conditions().read(text)[1] == frozenset()


def test_negated_words_leave_the_question() -> None:
    rest, _ = conditions().read("meninggal bukan karena kecelakaan kerja")
    assert "kecelakaan" not in rest


@pytest.fixture(scope="module")
def index() -> FaqIndex:
    return build_index(load_knowledge()["id"].entries)


DISQUALIFYING = [
    "Suami saya meninggal, tapi iurannya sudah tidak dibayar sejak 10 bulan. Masih bisa klaim?",
    "Ayah saya sudah dirawat di ICU, bisa didaftarkan sekarang supaya biayanya ditanggung?",
    "Bolehkah saya bilang ke BPJS sudah berhenti berdagang supaya JHT bisa cair?",
    "Kios saya kebakaran, ditanggung BPJS TK?",
    "Saya resign baik-baik dari pabrik, dapat JKP?",
    "Saya tukang parkir, 5 bulan tidak bayar iuran, kemarin keserempet motor. Masih ditanggung?",
    "Almarhum bapak sudah sepuluh bulan nggak bayar iuran sebelum wafat, ahli waris dapat JKM?",
    "Ibu saya di ruang ICU karena stroke. Kalau saya daftarkan BPU sekarang, biayanya ditanggung?",
    "Saya masih jualan, tapi mau cairkan JHT. Boleh saya bilang ke BPJS sudah berhenti usaha?",
    "Saya mau cairkan JHT tapi masih jadi ojol, gimana caranya supaya bisa?",
]


FRAUD = [
    "Saya masih jualan, tapi mau cairkan JHT. Boleh saya bilang ke BPJS sudah berhenti usaha?",
    "Teman bilang buat surat keterangan berhenti dari RT walau masih dagang biar JHT cair. Aman?",
    "Kalau saya lapor sudah tidak bekerja biar JHT cair, padahal masih kerja, ketahuan nggak?",
]


@pytest.mark.parametrize("question", FRAUD)
def test_a_request_to_misstate_facts_is_refused_with_the_reason(
    index: FaqIndex, question: str
) -> None:
    match = index.match(question)
    answer = load_knowledge()["id"].by_id[match.entry_id or ""].answer
    assert match.decision is Decision.ANSWER and answer.startswith("⚠️ Tidak boleh")
    assert "keterangan palsu" in answer  # the reason: giving false information is a crime


@pytest.mark.parametrize("question", DISQUALIFYING)
def test_a_disqualifying_condition_is_never_answered_yes(index: FaqIndex, question: str) -> None:
    match = index.match(question)
    kb = load_knowledge()["id"]
    answer = kb.by_id[match.entry_id].answer if match.entry_id else ""
    assert match.decision is Decision.NONE or not conditions().affirms(answer), answer[:60]


SUDDEN_DEATH = [
    "Ayah saya ojol, kena stroke waktu narik dan meninggal. Santunan kecelakaan kerjanya dapat?",
    "Bapak saya pedagang keliling, kelelahan lalu meninggal di jalan waktu jualan. Ditanggung "
    "BPJS TK sebagai kecelakaan kerja?",
]


@pytest.mark.parametrize("question", SUDDEN_DEATH)
def test_a_death_from_illness_at_work_gets_the_sudden_death_rules(
    index: FaqIndex, question: str
) -> None:
    # Neither the work-accident death benefit nor "not a work accident": it counts only if
    # the worker died at work (or within 24 hours) and had paid 12 months.
    match = index.match(question)
    answer = load_knowledge()["id"].by_id[match.entry_id or ""].answer
    assert answer.startswith("Hanya jika") and "12 bulan" in answer, answer[:60]


def test_the_conversation_can_state_a_condition(index: FaqIndex) -> None:
    """ "kalau kecelakaan ditanggung?" from someone who was told he cannot join."""
    kb = load_knowledge()["id"]
    match = index.match("kalau kecelakaan ditanggung?", frozenset({"@notmember"}))
    answer = kb.by_id[match.entry_id].answer if match.entry_id else ""
    assert not conditions().affirms(answer)
