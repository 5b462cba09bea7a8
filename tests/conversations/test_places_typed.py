"""Where one lives, typed with the regency's kind: "desa cibinong kab bogor" at either step.

"kab"/"kota" decides between Kab. Bogor and Kota Bogor; without it both are offered, and
"kota" typed alone then picks one. The desa or kecamatan typed before it is kept.

A confirmed place with close names beside it lists them, numbered, in the question's text on a
channel of buttons (WhatsApp cuts a button's label to 20 characters): "2" or the name picks one.
"""

from __future__ import annotations

from bot.conversation import Channel
from bot.services import Services
from tests.conftest import labels, texts
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


BENOA = "Maksud Anda Benoa, Kuta Selatan, Kab. Badung, Bali?"
TANJUNG_BENOA = "Tanjung Benoa, Kuta Selatan, Kab. Badung, Bali"


def _at_benoa(branches: Services, chat_id: str) -> TypedChat:
    """A WhatsApp chat that typed "benoa" at the desa: Benoa asked, Tanjung Benoa beside it."""
    chat = TypedChat(branches, chat_id=chat_id, channel=Channel.WHATSAPP)
    play(chat, [*TO_REGENCY, "iya"])
    asked = texts(chat.type("benoa"))
    assert asked == "\n".join(
        [
            BENOA,
            "Ketik nomor pilihan Anda, atau ketik namanya:",
            "1. Ya",
            f"2. {TANJUNG_BENOA}",
            "3. Tidak",
        ]
    ), asked
    assert labels(chat.last) == ["Ya", TANJUNG_BENOA, "Tidak"]
    return chat


def test_the_number_of_a_close_name_typed_picks_it(branches: Services) -> None:
    """Was "Maksud Anda Benoa …?" alone: Tanjung Benoa was only a button, cut short."""
    chat = _at_benoa(branches, "benoa-2")
    asked = texts(chat.type("2"))
    assert asked.startswith("Apa pekerjaan utama Anda?"), asked
    assert chat.state()[1]["registration"]["village"] == "51.03.05.1005"  # Tanjung Benoa
    assert chat.misses == []


def test_the_close_name_typed_picks_it_and_1_the_one_asked(branches: Services) -> None:
    chat = _at_benoa(branches, "benoa-name")
    asked = texts(chat.type("tanjung benoa"))
    assert asked.startswith("Apa pekerjaan utama Anda?"), asked
    assert chat.state()[1]["registration"]["village"] == "51.03.05.1005"
    chat = _at_benoa(branches, "benoa-1")
    chat.type("1")
    assert chat.state()[1]["registration"]["village"] != "51.03.05.1005"
    assert chat.state()[1]["registration"]["village"].startswith("51.03.05.")
    assert chat.misses == []
