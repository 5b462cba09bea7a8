"""Questions that got a neighbouring entry's answer, as the person who typed them sees them now.

Each answer says only what the shared knowledge states, and where it states nothing, says so
and points to call center 175 or a branch (the `umum.no_rule` way):

- a dead member's card and membership (official-faq.md:65, :151; facts.md:225, :227) got the
  lost-card answer;
- a JHT claim with no paklaring from a closed company (official-faq.md:170-174, :187) got the
  general claim documents;
- a stall helper paid by a trader (official-faq.md:26, :40; facts.md:88) got "Bisa" of unpaid
  family workers;
- a PU membership with a BPU on the side (official-faq.md:98-99, :221) got moving from PU to BPU;
- a village's budget code (facts.md:259-263) got Dana Desa's "Bisa.";
- an employer who did not register a worker (official-faq.md:25-26) got the peserta.pu rule,
  or JKK's partner clinics;
- a co-operative's death fund got the loans redirect.
"""

from __future__ import annotations

import pytest

from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat

DIED = (
    "Sumber saya tidak menyebut langkah khusus untuk menutup kepesertaan peserta yang meninggal. "
    "Yang perlu dilakukan ahli waris: klaim santunan kematian"
)
NO_PAKLARING = (
    "Sumber saya tidak mengatur pengganti paklaring jika perusahaan sudah tutup, pailit, atau "
    "pemiliknya menghilang"
)
SHOP_HELPER = "Penjaga toko, warung, atau lapak yang digaji pemiliknya termasuk penerima upah (PU)"
PU_AND_BPU = (
    "Sumber saya tidak menyebut apakah karyawan (PU), atau PNS/ASN, TNI, dan Polri, boleh "
    "sekaligus mendaftar sebagai pekerja mandiri (BPU)"
)
BUDGET_CODE = "Kode rekening atau pos anggarannya tidak ada dalam sumber saya"
UNREGISTERED = (
    "Karyawan (PU) wajib didaftarkan oleh pemberi kerjanya, dan BPJS Ketenagakerjaan hanya "
    "menanggung peserta yang sudah terdaftar. Siapa yang menanggung biaya kecelakaan pekerja yang "
    "belum didaftarkan tidak diatur dalam sumber saya"
)
COOPERATIVE = (
    "Dana duka, santunan, simpanan, atau pemutihan pinjaman anggota koperasi atau credit union "
    "(CU, kopdit) diatur oleh koperasinya sendiri, bukan oleh BPJS Ketenagakerjaan."
)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("bapak saya sudah meninggal, kartu bpjs tk nya gimana? harus ditutup?", DIED),
        ("cara menutup kepesertaan peserta yang meninggal", DIED),
        ("klaim jht tanpa paklaring, perusahaan sudah tutup", NO_PAKLARING),
        ("perusahaan bangkrut bos kabur gimana cairin jht ga ada paklaring", NO_PAKLARING),
        ("saya penjaga warung digaji pedagang, daftar bpu atau harus majikan?", SHOP_HELPER),
        ("boleh punya dua kepesertaan, pu di kantor dan bpu sendiri?", PU_AND_BPU),
        ("saya punya 2 nomor kpj gimana", "Kartu ganda bisa digabung (amalgamasi)"),
        ("kode rekening anggaran untuk bayar iuran bpjs tk dari dana desa apa?", BUDGET_CODE),
        (
            "perusahaan wajib ganti rugi kalau tidak daftarkan pekerja ke bpjs tk dan pekerja "
            "kecelakaan?",
            UNREGISTERED,
        ),
        (
            "bos ga daftarin sy ke bpjs tk, sy kecelakaan kerja, bos wajib ganti biaya rs?",
            UNREGISTERED,
        ),
        ("dana duka credit union", COOPERATIVE),
        ("santunan kematian dari koperasi", COOPERATIVE),
    ],
)
def test_the_first_reply_answers_what_was_asked(
    branches: Services, question: str, first: str
) -> None:
    chat = TypedChat(branches)
    said = texts(chat.type(question))
    assert said.startswith(first), said


def test_an_unknown_rule_points_to_175_and_states_no_rule(branches: Services) -> None:
    """The "no rule" answers end at the call center, and claim no step the knowledge lacks."""
    for question in (
        "cara menutup kepesertaan peserta yang meninggal",
        "klaim jht tanpa paklaring, perusahaan sudah tutup",
        "kode rekening anggaran untuk bayar iuran bpjs tk dari dana desa apa?",
    ):
        said = texts(TypedChat(branches, chat_id=question).type(question))
        assert "call center 175" in said, said
