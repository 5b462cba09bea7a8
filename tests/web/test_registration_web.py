"""Registration end to end over the web chat's HTTP API, with its cookie session."""

from __future__ import annotations

import itertools

import httpx
from sqlalchemy import select

from bot.services import Services
from bot.storage.models import Lead
from tests.handlers.test_registration_flow import NIK, REFERENCE


def test_registration_over_the_web_chat(services: Services, base_url: str) -> None:
    ids = (f"m{n}" for n in itertools.count())

    def send(client: httpx.Client, **body: object) -> str:
        response = client.post("/chat/messages", json={**body, "id": next(ids)})
        assert response.status_code == 200, response.text
        return "\n".join(str(reply["text"]) for reply in response.json()["replies"])

    with httpx.Client(base_url=base_url) as client:
        send(client, start=True)
        assert "Apakah Anda setuju?\n\n1. Setuju\n2. Tidak setuju" in send(client, text="Daftar")
        assert "nama lengkap" in send(client, text="1")  # typed number of "Setuju"
        send(client, text="Ni Made Ayu Lestari")
        assert "perempuan. Benar?" in send(client, text="5103 0655 0895 0002")
        phone = send(client, text="ya")
        assert "Ketik nomor HP Anda" in phone and "Tekan tombol" not in phone
        send(client, text="+62 813-3777-1234")
        assert "desa atau kelurahan" in send(client, text="1")
        work = send(client, text="dalung")
        assert "6. Lainnya" in work
        send(client, text="6")
        send(client, text="tukang canang")
        send(client, text="800 ribu")
        send(client, text="2")  # JKK + JKM + JHT
        send(client, text="tiap 6 bulan")
        summary = send(client, text="tidak")
        assert "Alamat: Dalung, Kuta Utara, Kab. Badung, Bali" in summary
        assert "1. Kirim" in summary
        done = send(client, text="kirim")
        reference = REFERENCE.search(done)
        assert reference and "Daftarkan anggota keluarga" in done
        assert f"sudah terkirim. Nomor pendaftaran Anda {reference.group()}" in send(
            client, choice="reg_submit"
        )
    with services.sessions() as session:
        [lead] = session.scalars(select(Lead)).all()
        assert (lead.name, lead.gender, lead.phone, lead.occupation) == (
            "Ni Made Ayu Lestari",
            "P",
            "+6281337771234",
            "tukang canang",
        )
        assert (lead.programs, lead.payment_period, lead.sponsored_interest) == (
            ["jkk", "jkm", "jht"],
            6,
            False,
        )
        assert lead.nik_hash and NIK not in lead.name
