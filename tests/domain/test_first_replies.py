"""First replies that earlier blind batches got wrong, asserted as the worker reads them.

Each question here is written for this test (none is a dev row): an employer's worker never
registered, an heir asking after a death off work, and words shared with other bodies' business
(Taspen's THT, a loan collector's scam, honorary teachers, alms) from a worker of ours.
"""

from __future__ import annotations

import re

import pytest

from bot.domain.faq import Decision, FaqIndex
from tests.domain.decided import decided


def _reply(index: FaqIndex, answers: dict[str, str], question: str) -> tuple[str | None, str]:
    """The entry that answers `question` and the text the worker reads first."""
    match = index.match(question)
    assert match.decision is Decision.ANSWER, (question, match.decision, match.entry_id)
    return match.entry_id, answers.get(match.entry_id or "", "")


@pytest.mark.parametrize(
    "question",
    [
        "kuli panggul di gudang, mandor tidak pernah daftarin saya bpjs tk, kemarin pinggang "
        "saya cedera angkat karung. bisa diklaim?",
        "saya pelayan rumah makan, pemilik tidak mendaftarkan saya ke bpjs ketenagakerjaan, "
        "kalau celaka gimana?",
    ],
)
def test_a_worker_his_employer_never_registered_is_told_the_employer_must(
    index: FaqIndex, answers: dict[str, str], question: str
) -> None:
    # Registering himself as self-employed (BPU) is no remedy for a wage earner: the employer
    # registers him (PU), he reports it to 175 or a branch (shared/knowledge facts L88-89).
    entry, text = _reply(index, answers, question)
    assert entry in {"peserta.not_member", "peserta.unregistered_accident", "peserta.pu"}
    assert "pemberi kerja" in text and "175" in text


def test_the_non_members_answer_offers_bpu_only_to_who_works_on_his_own(
    answers: dict[str, str],
) -> None:
    text = answers["peserta.not_member"]
    bpu = next(s for s in re.split(r"(?<=[.])\s+", text) if "(BPU)" in s)
    assert "bekerja sendiri" in bpu
    assert re.search(r"penerima upah \(PU\): pemberi kerja", text)


@pytest.mark.parametrize(
    "question",
    [
        "suami saya tukang sayur keliling, wafat ditabrak truk waktu pulang dari arisan. "
        "keluarganya dapat apa?",
        "bapak saya nelayan, meninggal kecelakaan motor waktu liburan ke rumah saudara. "
        "ahli waris dapat santunan?",
    ],
)
def test_heirs_of_a_death_off_work_are_told_of_jkm(
    index: FaqIndex, answers: dict[str, str], question: str
) -> None:
    # JKK's "Tidak" is right for the treatment of someone hurt off work; to an heir it reads
    # "nothing", while JKM pays on a death outside work (facts L36, L51).
    entry, text = _reply(index, answers, question)
    assert entry in {"jkm.sick_death", "jkm.vs_jkk", "jkm.summary", "jkm.heirs"}
    assert not text.startswith("Tidak")


def test_someone_hurt_off_work_is_still_told_jkk_does_not_cover_it(
    index: FaqIndex, answers: dict[str, str]
) -> None:
    entry, text = _reply(
        index, answers, "kecelakaan motor waktu pulang kondangan, patah kaki, ditanggung jkk?"
    )
    assert entry == "jkk.not_covered" and text.startswith("Tidak")


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        # A worker comparing Taspen's THT with JHT asks about his own JHT.
        ("saya buruh pabrik, THT Taspen dan JHT itu sama?", "jht.summary"),
        # JMO's error "nomor KPJ tidak terdaftar" is a case for 175 or a branch
        # (textnorm/id_phrases.tsv reads it as one thing), not merging cards.
        ("pas login jmo muncul nomor kpj tidak terdaftar, gimana?", "kontak.complaint"),
        ("nomor kpj tidak ditemukan waktu daftar jmo", "kontak.complaint"),
        # A collector posing as our officer for an OTP is a scam: the warning, not the loans
        # redirect ("debt collector" reads as the "DC" people write).
        ("debt collector ngaku petugas bpjs minta otp", "tipu.pin_otp"),
        # Two words that ask nothing name who asks, not another body's business.
        ("guru honorer", "peserta.interns"),
        # A private security guard asking Taspen or us: he is a wage earner of ours.
        ("satpam ikut taspen atau bpjs tk", "peserta.pu"),
        # The one thing our sources say of alms: zakat may pay a vulnerable worker's iuran
        # (alms on income is the tax redirect's, test_scope).
        ("zakat", "rentan.csr_zakat"),
    ],
)
def test_words_shared_with_other_bodies_from_a_worker_of_ours(
    index: FaqIndex, answers: dict[str, str], question: str, entry_id: str
) -> None:
    assert _reply(index, answers, question)[0] == entry_id


@pytest.mark.parametrize(
    ("question", "redirect"),
    [
        ("gaji guru honorer di bawah umr, lapor ke mana?", "redirect.labor_rights"),
        ("debt collector pinjol datang ke rumah malam-malam, boleh?", "redirect.pinjol"),
        ("saya PPPK, taspen atau bpjs tk?", "redirect.civil_service"),
    ],
)
def test_the_same_words_asking_another_bodys_business_are_redirected(
    index: FaqIndex, question: str, redirect: str
) -> None:
    assert decided(index, question) == (Decision.REDIRECT, redirect)


def test_a_claim_made_on_the_heirs_behalf_is_not_the_benefit_passed_on(
    index: FaqIndex, answers: dict[str, str]
) -> None:
    # "diwakilkan" hands over the paperwork (official-faq L154), not the right, which cannot
    # be passed on or pawned (L156): only the pawning gets the heirs' "tidak bisa dialihkan".
    entry, text = _reply(index, answers, "klaim jkm dan jht almarhum bisa diwakilkan saudara?")
    assert entry == "jkm.proxy" and text.startswith("Pengurusannya bisa diwakilkan")
    assert "tidak bisa dialihkan" not in text
    assert "tidak bisa dialihkan" in _reply(index, answers, "hak jkm almarhum bisa digadaikan?")[1]


def test_an_heir_asking_for_a_dead_members_jht_is_told_the_heirs_get_it(
    index: FaqIndex, answers: dict[str, str]
) -> None:
    # The balance of a member who died is paid to the heirs, besides JKM (facts L66, L217).
    entry, text = _reply(index, answers, "bapak saya meninggal, jht nya bisa dicairkan ahli waris?")
    assert entry == "jkm.jht_also"
    assert text.startswith("Bisa") and "ahli waris" in text


@pytest.mark.parametrize(
    "question",
    [
        "kpj saya tidak terdaftar",
        "kpj bapak saya ga ditemukan waktu mau klaim jht",
        "nomor peserta saya belum terdaftar di jmo padahal iuran dipotong tiap bulan",
    ],
)
def test_a_card_number_not_found_is_reported_whatever_words_stand_between(
    index: FaqIndex, answers: dict[str, str], question: str
) -> None:
    # Not the forgotten number (he has it), nor a non-member's "Tidak" (conditions.toml
    # card_not_found): the complaint channels.
    entry, text = _reply(index, answers, question)
    assert entry == "kontak.complaint"
    assert "175" in text and not text.startswith("Tidak")


def test_a_loan_collector_posing_as_our_officer_gets_the_scam_warning(
    index: FaqIndex, answers: dict[str, str]
) -> None:
    # "pinjaman online" is the "pinjol" people write (textnorm/id_phrases.tsv).
    entry, text = _reply(index, answers, "DC pinjaman online ngaku petugas bpjs")
    assert entry == "tipu.pin_otp" and text.startswith("⚠️")
    assert decided(index, "DC pinjaman online datang ke rumah") == (
        Decision.REDIRECT,
        "redirect.pinjol",
    )


@pytest.mark.parametrize(
    "question", ["majikan tahan KTP saya", "perusahaan nahan ijazah saya setelah resign"]
)
def test_an_employer_keeping_a_workers_papers_is_the_labour_offices_business(
    index: FaqIndex, question: str
) -> None:
    # Not the police's detention nor social aid: the Disnaker's (the labour redirect's answer).
    assert decided(index, question) == (Decision.REDIRECT, "redirect.labor_rights")


@pytest.mark.parametrize(
    "question",
    [
        "cleaning service di kantor dinas, taspen atau bpjs tk?",
        "saya office boy di kantor kecamatan, ikut taspen atau bpjs ketenagakerjaan?",
    ],
)
def test_a_government_offices_cleaner_is_our_wage_earner_not_taspens(
    index: FaqIndex, answers: dict[str, str], question: str
) -> None:
    # Non-ASN workers are wage earners of ours (facts L88, L91); Taspen is for civil servants.
    entry, text = _reply(index, answers, question)
    assert entry in {"peserta.pu", "peserta.interns"}
    assert "Taspen" not in text


@pytest.mark.parametrize(
    "question",
    [
        "Mohon informasi, untuk pengemudi ojek online yang didaftarkan melalui aplikasi Gojek "
        "atau Grab, program apa saja yang mereka dapatkan?",
        "kalo daftar bpjs lewat gojek itu dapet jkk jkm aja atau jht juga?",
        "Mitra Grab yang ikut lewat GrabBenefits dilindungi program apa?",
    ],
)
def test_an_app_enrolled_driver_asking_his_programmes_is_told_them(
    index: FaqIndex, answers: dict[str, str], question: str
) -> None:
    # Which programmes, not how to enrol through the app: JKK and JKM compulsory, JHT optional.
    entry, text = _reply(index, answers, question)
    assert entry == "peserta.programs"
    assert "JKK" in text and "JKM" in text and "JHT" in text


@pytest.mark.parametrize(
    "question",
    [
        "Bulan depan genap 56 tahun tapi masih kerja, JHT bisa cair?",
        "Saya umur 56 tahun bulan depan, masih bekerja, apakah JHT bisa dicairkan?",
    ],
)
def test_a_worker_of_56_still_working_is_told_jht_is_his_at_56(
    index: FaqIndex, answers: dict[str, str], question: str
) -> None:
    # At 56 the whole JHT may be claimed while still working (jht.age56), not the false-claim
    # warning for one under 56.
    entry, text = _reply(index, answers, question)
    assert entry == "jht.age56"
    assert "56 tahun" in text and "masih bekerja" in text


@pytest.mark.parametrize(
    "question",
    [
        "Surat dari Dinas PMD tentang pendaftaran aparatur desa ke BPJS Ketenagakerjaan, "
        "bagaimana caranya?",
        "Dengan hormat, Dinas Pemberdayaan Masyarakat dan Desa bermaksud mendaftarkan seluruh "
        "kepala desa dan perangkat desa se-kabupaten sebagai peserta BPJS Ketenagakerjaan.",
    ],
)
def test_a_regency_offices_letter_enrolling_village_officials_gets_the_regional_budget(
    index: FaqIndex, answers: dict[str, str], question: str
) -> None:
    # The regency's office (DPMD) pays from the regional budget (APBD), not the village's fund.
    entry, text = _reply(index, answers, question)
    assert entry == "rentan.apbd"
    assert "APBD" in text


@pytest.mark.parametrize(
    "question",
    [
        "Bus liburan kantor kecelakaan, biayanya dibayar karyawan sendiri, apakah ditanggung JKK?",
        "rombongan karyawan wisata bayar sendiri, bus terguling di tol, bisa klaim jkk?",
    ],
)
def test_a_staff_paid_holiday_bus_crash_is_not_work(
    index: FaqIndex, answers: dict[str, str], question: str
) -> None:
    entry, text = _reply(index, answers, question)
    assert entry == "jkk.not_covered"
    assert text.startswith("Tidak.") and "liburan" in text


@pytest.mark.parametrize(
    "question",
    [
        "Apakah perlindungan PMI berlaku sejak sebelum berangkat?",
        "Saya calon PMI ke Malaysia, apakah sudah dilindungi BPJS sejak sebelum berangkat?",
    ],
)
def test_a_migrants_cover_before_departure_is_the_protection_period(
    index: FaqIndex, answers: dict[str, str], question: str
) -> None:
    entry, text = _reply(index, answers, question)
    assert entry == "pmi.period"
    assert "sebelum bekerja paling lama 5 bulan" in text


@pytest.mark.parametrize(
    "question",
    [
        "Suami nunggak iuran 6 bulan, meninggal tertabrak truk di jalan, apakah dapat santunan "
        "kematian?",
        "iuran bpu adik saya telat 5 bulan, dia meninggal kecelakaan motor, masih dapat santunan "
        "kematian dari bpjs tk?",
    ],
)
def test_a_lapsed_members_road_death_gets_our_lapse_answer_not_jasa_raharja(
    index: FaqIndex, answers: dict[str, str], question: str
) -> None:
    # Contributions in arrears are ours: more than 3 months lapsed pays no JKM (jkm.active).
    entry, text = _reply(index, answers, question)
    assert entry in {"jkm.active", "bayar.arrears_accident"}
    assert "3 bulan" in text and "Jasa Raharja" not in text


@pytest.mark.parametrize(
    "question",
    [
        "Kenapa santunan kematian karena kecelakaan kerja Rp454 juta sedangkan JKM cuma 42 juta?",
        "Rp454 juta vs Rp42 juta, kenapa santunan kematiannya beda jauh?",
    ],
)
def test_a_work_death_against_jkm_sums_is_told_the_difference(
    index: FaqIndex, answers: dict[str, str], question: str
) -> None:
    entry, text = _reply(index, answers, question)
    assert entry == "jkm.vs_jkk"
    assert "48 kali upah" in text and "Rp42 juta" in text


@pytest.mark.parametrize(
    ("question", "entry_id", "says"),
    [
        # Which programmes a village official gets: JKK + JKM, not whether the desa may pay.
        ("perangkat desa ikut program bpjs tk apa aja?", "rentan.programme", "JKK + JKM"),
        ("program apa saja yang didapat ketua rt?", "rentan.programme", "JKK + JKM"),
        # A farmer in the village registering himself: the farmers' answer, not the desa's.
        (
            "perangkat desa sudah ikut bpjs, warga petani bisa daftar sendiri?",
            "peserta.farmer_fisher",
            "Petani",
        ),
        # Checking a payment the desa owes is the status check.
        (
            "gimana cara ngecek iuran bpjs tk perangkat desa sudah dibayar desa atau belum?",
            "layanan.check_status",
            "JMO",
        ),
    ],
)
def test_desa_in_a_question_is_not_by_itself_the_village_paying_from_apbdes(
    index: FaqIndex, answers: dict[str, str], question: str, entry_id: str, says: str
) -> None:
    entry, text = _reply(index, answers, question)
    assert entry == entry_id
    assert says in text
    assert '1 Desa 100 Pekerja Rentan", desa mendaftarkan' not in text


def test_the_village_paying_from_dana_desa_is_still_the_desa_answer(
    index: FaqIndex, answers: dict[str, str]
) -> None:
    entry, text = _reply(index, answers, "ketua rt rw bisa dibayarin iurannya sama desa?")
    assert entry == "rentan.dana_desa"
    assert "Dana Desa" in text


@pytest.mark.parametrize(
    ("question", "entry_id", "says"),
    [
        (
            "tetangga saya buruh tani meninggal kesetrum, ternyata ga terdaftar bpjs tk. petani "
            "lain di dusun minta didaftarkan, caranya gimana?",
            "peserta.farmer_fisher",
            "Petani",
        ),
        (
            "kami paguyuban ojek pangkalan, satu anggota meninggal ternyata tidak terdaftar. "
            "bagaimana caranya anggota lain bisa didaftarkan bersama?",
            "daftar.group",
            "berkelompok",
        ),
        (
            "kadus dan kaur di desa kami belum didaftarkan bpjs tk, iurannya bisa dibayar dari "
            "apbdes?",
            "rentan.dana_desa",
            "Dana Desa",
        ),
    ],
)
def test_someone_elses_missing_cover_does_not_answer_how_others_join_with_a_no(
    index: FaqIndex, answers: dict[str, str], question: str, entry_id: str, says: str
) -> None:
    # The question is how the others join or who pays for them; the non-member's "Tidak. …
    # hanya menanggung peserta yang sudah terdaftar" answers nothing of it.
    entry, text = _reply(index, answers, question)
    assert entry == entry_id
    assert says in text
    assert not text.startswith("Tidak.")


def test_the_employers_duty_asked_by_one_not_registered_is_the_wage_earners_answer(
    index: FaqIndex, answers: dict[str, str]
) -> None:
    entry, text = _reply(
        index, answers, "belum didaftarkan kantor, apa pemberi kerja wajib mendaftarkan saya?"
    )
    assert entry == "peserta.pu"
    assert "Jika perusahaan belum mendaftarkan Anda" in text
    assert not text.startswith("Tidak.")
