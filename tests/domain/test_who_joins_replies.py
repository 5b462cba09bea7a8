"""First replies to questions about who joins, who registers and who pays, where cross-validation
on dev confused sibling entries, asserted as the worker reads them.

Each question is written for this test (none is a dev row): a trader who pays his helpers asks
whether he registers them (the helper's answer, not what PU means); a worker hurt on a project
nobody registered asks who pays (not whether BPJS pays); how a project's dues are set; whether
the Pemkab may pay a "kades"; a fisher's lean season without dues (stopping, not a sponsor's
end); a housewife without work; a project worker without a card who is hurt; a shop employee
nobody registered.
"""

from __future__ import annotations

import pytest

from bot.domain import textnorm
from bot.knowledge import load_knowledge
from tests.domain.first_reply import assert_first_reply


def test_a_village_head_by_his_short_title_is_a_village_head() -> None:
    assert textnorm.tokens("kades") == textnorm.tokens("kepala desa")


@pytest.mark.parametrize(
    ("question", "entry", "says"),
    [
        (
            "saya pedagang, punya 2 pegawai yang saya gaji tiap minggu. mereka saya yang "
            "daftarkan atau daftar sendiri?",
            "peserta.shop_helper",
            "Pemilik usaha sebagai pemberi kerja",
        ),
        (
            "kontraktor tidak mendaftarkan proyeknya, tukang yang jatuh biaya rs nya ditanggung "
            "siapa",
            "peserta.unregistered_accident",
            "tidak diatur dalam sumber saya",
        ),
        ("besaran iuran bpjs proyek bangunan ditentukan gimana?", "iuran.jakon", "JKK 0,21%"),
        ("iuran kades dibayari pemkab, boleh ga?", "rentan.apbd", "boleh menganggarkan"),
        (
            "kalau musim paceklik saya tidak bayar iuran dulu, apa akibatnya?",
            "bayar.stop",
            "nonaktif",
        ),
        (
            "saya ibu rumah tangga ga kerja, bisa daftar bpjs tk sendiri?",
            "peserta.family",
            "tidak bisa menjadi peserta",
        ),
        (
            "tukang proyek jatuh, belum pegang kartu, bisa langsung dirawat?",
            "jakon.claim",
            "menunjukkan KTP",
        ),
        (
            "sy karyawan toko tapi blm didaftarin bpjs tk, hrs gimana?",
            "peserta.pu",
            "laporkan lewat call center 175",
        ),
    ],
)
def test_the_worker_reads_the_answer_to_what_he_asked(question: str, entry: str, says: str) -> None:
    assert_first_reply(question, entry, says)


def test_the_english_project_dues_state_the_rate_too() -> None:
    english = {e.id: e.answer for e in load_knowledge()["en"].entries}
    assert "JKK 0.21%" in english["iuran.jakon"]
