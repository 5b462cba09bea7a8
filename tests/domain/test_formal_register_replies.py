"""First replies to questions in the official FAQ's and clerks' register, asserted as the
worker reads them.

That register writes "dapat" for "bisa" ("Apakah peserta dapat mendaftar …?"), "secara daring
melalui laman resmi" for "online lewat website", and "pembayaran manfaat" for a claim's payout.
Read as "get", "dapat" drew such questions to the benefit entries ("dapat santunan", "dapat
apa"); cross-validated on dev it now reads "bisa" before an affixed verb (formal 779 -> 795 of
862). Each question is written for this test (none is a dev row).
"""

from __future__ import annotations

import pytest

from bot.domain import textnorm
from tests.domain.first_reply import assert_first_reply


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("peserta dapat mendaftar di mana", ("serta", "bisa", "daftar", "mana")),
        ("saldonya dapat dicairkan", ("saldo", "bisa", "cair")),
        ("tidak dapat mendaftar", ("tidak", "bisa", "~daftar")),
        # one adverb may stand between "dapat" and its verb
        ("saldonya dapat langsung dicairkan", ("saldo", "bisa", "langsung", "cair")),
        ("dapat langsung santunan", ("dapat", "langsung", "santun")),
        # before a noun, a number or "berapa" it is still what one gets
        ("ahli waris dapat apa", ("ahli", "waris", "dapat", "apa")),
        ("dapat santunan berapa", ("dapat", "santun", "berapa")),
        ("dapat diskon iuran", ("dapat", "diskon", "iur")),
        ("secara daring melalui laman resmi", ("online", "lewat", "website", "resmi")),
        ("permohonan pembayaran manfaat JHT", ("mohon", "klaim", "jht")),
    ],
)
def test_the_formal_register_reads_as_chat_does(text: str, read: tuple[str, ...]) -> None:
    assert textnorm.tokens(text) == read


@pytest.mark.parametrize(
    ("question", "entry", "says"),
    [
        (
            "Bagaimana tata cara pendaftaran pekerja mandiri secara daring?",
            "daftar.website",
            "bpjsketenagakerjaan.go.id/bpu",
        ),
        (
            "Apakah peserta Bukan Penerima Upah dapat mendaftar melalui laman resmi BPJS "
            "Ketenagakerjaan?",
            "daftar.website",
            "bpjsketenagakerjaan.go.id/bpu",
        ),
        (
            "Berapa lama jangka waktu pembayaran manfaat JHT setelah berkas dinyatakan lengkap?",
            "jht.payment_time",
            "5 hari",
        ),
        (
            "Apakah saldo JHT dapat dicairkan sebagian selama peserta masih aktif bekerja?",
            "jht.partial",
            "10 tahun",
        ),
        (
            "Di mana saja peserta dapat mengajukan klaim JHT selain di kantor cabang tempat "
            "terdaftar?",
            "jht.any_branch",
            "kantor cabang",
        ),
        (
            "Apakah klaim JHT dapat dikuasakan kepada keluarga?",
            "jht.proxy",
            "dikuasakan",
        ),
        (
            "Siapa saja yang dapat ditetapkan sebagai ahli waris dalam klaim Jaminan Kematian?",
            "jkm.heirs",
            "Janda, duda, atau anak",
        ),
        (
            "Apakah ahli waris dapat mengajukan klaim apabila peserta meninggal dunia saat "
            "kepesertaannya tidak aktif?",
            "jkm.active",
            "nonaktif",
        ),
        (
            "Apakah pekerja yang mengalami kecelakaan dalam perjalanan pulang dari tempat kerja "
            "dapat memperoleh manfaat JKK?",
            "jkk.commute",
            "perjalanan",
        ),
        (
            "Apakah klaim JKK dapat diajukan apabila perusahaan menunggak iuran?",
            "jkk.employer_arrears",
            "perusahaan",
        ),
        (
            "Apakah perusahaan dapat dikenakan denda apabila terlambat membayar iuran karyawan?",
            "iuran.employer_late",
            "denda 2%",
        ),
        (
            "Apakah manfaat JP dapat diterima janda atau duda peserta?",
            "jp.survivors",
            "janda",
        ),
        (
            "Apakah kecelakaan lalu lintas saat bekerja harus diklaim ke Jasa Raharja terlebih "
            "dahulu?",
            "jkk.jasa_raharja",
            "tidak mengklaim ke Jasa Raharja",
        ),
        (
            "Pemerintah menaikkan usia pensiun menjadi 59 tahun, apakah JHT juga baru dapat "
            "dicairkan pada usia 59?",
            "jht.age56",
            "56 tahun",
        ),
        (
            "Adik saya nelayan peserta BPJS Ketenagakerjaan, hilang di laut saat melaut dan "
            "jasadnya belum ditemukan. Apa yang dapat diklaim keluarga?",
            "jkk.death",
            "48 kali upah",
        ),
    ],
)
def test_the_worker_reads_the_answer_to_what_he_asked(question: str, entry: str, says: str) -> None:
    assert_first_reply(question, entry, says)
