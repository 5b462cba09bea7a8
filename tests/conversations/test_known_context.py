"""People who only type: a question after the check is answered with what the check found.

Issue 13, "use what the conversation already knows": the son of a 67-year-old who was just
told his father cannot register, a freelance builder told he is covered through the
project, and a trader who was told he can join and then asks about his burned kiosk.
"""

from __future__ import annotations

from bot.services import Services
from tests.conversations.driver import TypedChat

CONSENT = "Sebelum mendaftar, mohon baca ini"


def checked(chat: TypedChat, *typed: str) -> str:
    """Open the check from the menu by typing its number, answer it, return the result."""
    chat.type("halo")
    chat.type("2")
    for text in typed:
        chat.type(text)
    assert chat.state()[1]["eligibility"]["checked"], chat.text()
    return chat.text()


def test_the_son_of_a_67_year_old_is_not_told_an_accident_is_covered(
    services: Services,
) -> None:
    son = TypedChat(services)
    result = checked(son, "petani", "67", "wni", "belum")
    assert result.startswith("Maaf, Anda belum bisa mendaftar dengan cara ini.")
    son.type("kecelakaan di jalan ditanggung?")
    assert son.text().startswith("Tidak. BPJS Ketenagakerjaan hanya menanggung peserta")
    assert son.turns == 7 and not son.misses


def test_the_son_asking_in_his_own_words_is_not_told_an_accident_is_covered(
    services: Services,
) -> None:
    son = TypedChat(services)
    son.type("bapak saya umur 67 masih bisa daftar bpjs tk?")
    assert "65 tahun" in son.text()
    son.type("kecelakaan di jalan ditanggung?")
    assert son.text().startswith("Tidak. BPJS Ketenagakerjaan hanya menanggung peserta")
    younger = TypedChat(services, chat_id="typed-2")
    younger.type("umur 40 bisa daftar?")
    younger.type("kecelakaan di jalan ditanggung?")
    assert younger.text().startswith("Ya, ditanggung.")
    assert not son.misses and not younger.misses


def test_a_freelance_builder_hears_he_may_register_himself_as_bpu(services: Services) -> None:
    builder = TypedChat(services)
    result = checked(builder, "kuli bangunan", "25", "wni", "belum")
    assert "Anda terlindungi lewat proyeknya" in result
    assert "Anda bisa mendaftarkan diri juga sebagai pekerja mandiri (BPU)." in result
    assert "Daftar sekarang" in [c.label for reply in builder.last for c in reply.choices]
    builder.type("daftar")
    assert builder.text().startswith(CONSENT)
    assert builder.turns == 7 and not builder.misses


def test_a_trader_told_he_can_join_hears_a_burned_kiosk_is_not_covered(
    services: Services,
) -> None:
    trader = TypedChat(services)
    result = checked(trader, "pedagang", "40", "wni", "belum", "2 juta")
    assert result.startswith("Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU).")
    trader.type("Kios kebakaran ditanggung?")
    assert trader.text().startswith("Tidak. JKK (Jaminan Kecelakaan Kerja) melindungi orangnya")
    assert trader.turns == 8 and not trader.misses
