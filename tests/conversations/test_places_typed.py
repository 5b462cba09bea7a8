"""Where one lives, typed with the regency's kind: "desa cibinong kab bogor" at either step.

"kab"/"kota" decides between Kab. Bogor and Kota Bogor; without it both are offered, and
"kota" typed alone then picks one. The desa or kecamatan typed before it is kept.
"""

from __future__ import annotations

from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat, play

TO_REGENCY = ["mau daftar", "setuju", "Budi Santoso", "5103061508950001", "iya", "081234567890"]
NIK_BOGOR = "3201011508950001"  # Kab. Bogor


def test_a_desa_with_kab_typed_at_the_regency_question(branches: Services) -> None:
    """Was "Maksud Anda Kab. Bogor?" with Kota Bogor beside it, and the desa lost."""
    chat = TypedChat(branches)
    play(chat, TO_REGENCY)
    asked = texts(chat.type("desa cibinong kab bogor"))
    assert asked.startswith("Ketik nama desa atau kelurahan tempat Anda tinggal."), asked
    assert chat.state()[1]["registration"]["district"] == "32.01.01"  # kec. Cibinong
    asked = texts(chat.type("cibinong"))
    assert asked.startswith("Apa pekerjaan utama Anda?"), asked
    assert chat.state()[1]["registration"]["village"] == "32.01.01.1006"
    assert chat.misses == []


def test_bogor_alone_offers_both_and_kota_picks_one(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, TO_REGENCY)
    replies = chat.type("bogor")
    assert [c.label for c in replies[-1].choices] == [
        "Kab. Bogor, Jawa Barat",
        "Kota Bogor, Jawa Barat",
    ]
    chat.type("kota")  # was "Maksud Anda Kota, Kota Kediri?"
    assert chat.state()[1]["registration"]["regency"] == "32.71"
    assert chat.misses == []


def test_a_kelurahan_in_the_kota_typed_where_the_nik_says_the_kabupaten(
    branches: Services,
) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju", "Budi Santoso", NIK_BOGOR, "iya", "081234567890"])
    asked = texts(chat.type("kelurahan tegal gundil kota bogor"))
    assert asked.startswith("Apa pekerjaan utama Anda?"), asked
    assert chat.state()[1]["registration"]["village"] == "32.71.05.1002"
    assert chat.misses == []


def test_a_desa_in_another_kabupaten_typed_at_the_desa_step(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju", "Budi Santoso", NIK_BOGOR, "iya", "081234567890", "iya"])
    replies = chat.type("sukamaju kab bandung")
    assert [c.label for c in replies[-1].choices] == [
        "Sukamaju, Cimaung, Kab. Bandung, Jawa Barat",
        "Sukamaju, Majalaya, Kab. Bandung, Jawa Barat",
    ]
    asked = texts(chat.type("1"))
    assert asked.startswith("Apa pekerjaan utama Anda?"), asked
    assert chat.state()[1]["registration"]["regency"] == "32.04"
    assert chat.misses == []
