"""First replies that were wrong, as the person who typed the question sees them.

Questions the knowledge has no rule for say so and point to call center 175 instead of a
rule that does not exist (an accident at home while working got JKK's "Tidak", DBHCHT funds
got how to pay through Gojek, two JKM claims got the claim deadline, a BSU fee got where to
check the status); a pangkalan ojek driver's work is shown back as "Ojek", not "Ojol"; a
retired father's JHT and a fisher's three children's scholarship keep their answers.
"""

from __future__ import annotations

import pytest

from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat

NO_RULE = (
    "Sumber yang saya pegang tidak membahas hal itu, jadi saya tidak bisa memastikannya dan "
    "tidak mau menebak. Tanyakan ke call center BPJS Ketenagakerjaan 175"
)
NO_PLACE_RULE = (
    "Aturan yang saya pegang tidak menyebut kecelakaan saat bekerja dari rumah atau saat "
    "acara kantor seperti lomba olahraga, jadi saya tidak bisa memastikan ditanggung atau tidak."
)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("dana DBHCHT bisa bayar iuran bpjs pekerja?", NO_RULE),
        ("saya punya dua kepesertaan bpjs tk, bisa klaim jkm dua kali?", NO_RULE),
        ("bsu ada potongan biaya?", NO_RULE),
        ("kecelakaan waktu kerja dari rumah (wfh) ditanggung jkk?", NO_PLACE_RULE),
        ("jatuh waktu lomba olahraga kantor ditanggung?", NO_PLACE_RULE),
        ("kalau dapat jkp, pesangon tetap dibayar perusahaan?", "Maaf, THR, pesangon"),
        ("ayah pensiun dari pabrik, JHT cair?", "JHT cair penuh pada usia 56 tahun"),
        ("saya nelayan, anak saya tiga, dapat beasiswa berapa?", "Beasiswa untuk paling banyak 2"),
    ],
)
def test_the_first_reply_says_only_what_the_knowledge_says(
    branches: Services, question: str, first: str
) -> None:
    chat = TypedChat(branches)
    said = texts(chat.type(question))
    assert said.startswith(first), said


def test_a_pangkalan_ojek_driver_is_not_shown_as_ojol(branches: Services) -> None:
    """ "ngojek" is read "ojol" (textnorm) and was shown back as "Ojol"."""
    chat = TypedChat(branches)
    said = texts(chat.type("saya ngojek pangkalan umur 45 bisa ikut bpjs?"))
    assert said.startswith("Baik, saya cekkan. Saya catat: Ojek, usia 45."), said
    assert chat.misses == []
