"""The eligibility check end to end in the web chat: real HTTP, the chat kept by its cookie."""

from __future__ import annotations

import httpx

from tests.web.conftest import post


def test_bpu_check_in_the_web_chat(base_url: str) -> None:
    with httpx.Client(base_url=base_url) as client:
        menu = post(client, {"start": True, "id": "e1"})[-1]
        assert "2. Cek syarat & iuran" in str(menu["text"])
        work = post(client, {"text": "2", "id": "e2"})[-1]
        assert str(work["text"]).startswith("Apa pekerjaan Anda?")
        assert "1. Ojol / ojek / sopir / kurir" in str(work["text"])  # numbered on the web
        assert str(post(client, {"text": "1", "id": "e3"})[-1]["text"]).startswith(
            "Berapa usia Anda?"
        )
        citizen = post(client, {"text": "30 tahun", "id": "e4"})[-1]
        assert str(citizen["text"]).startswith("Apakah Anda warga negara Indonesia?")
        assert post(client, {"text": "1", "id": "e5"})[-1]["choices"][0] == {  # type: ignore[index]
            "id": "elig_part:no",
            "label": "Belum",
        }
        income = post(client, {"choice": "elig_part:no", "id": "e6"})[-1]
        assert str(income["text"]).startswith("Kira-kira berapa rata-rata penghasilan")
        assert "sepertinya terlalu kecil" in str(
            post(client, {"text": "seribu", "id": "e7"})[-1]["text"]
        )

        answered = post(client, {"text": "Rp 2.000.000", "id": "e8"})
        answer = answered[-1]
        text = str(answer["text"])
        assert text.startswith("Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU).")
        assert "- JKK + JKM: Rp13.400" in text and "- Dengan JHT: Rp53.400" in text
        choices: list[dict[str, str]] = answer["choices"]  # type: ignore[assignment]
        assert [c["label"] for c in choices] == [
            "Daftar sekarang",
            "Tambah JHT",
            "Selengkapnya",
            "Menu",
        ]
        retried = post(client, {"text": "Rp 2.000.000", "id": "e8"})  # a retried request
        assert retried == answered  # the stored answer again, the state untouched

        more = post(client, {"text": "selengkapnya", "id": "e9"})
        assert "Manfaat tiap program:" in str(more[0]["text"])
        assert "- 1 bulan: Rp13.400" in str(more[-1]["text"])
