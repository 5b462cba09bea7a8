"""A village officer (perangkat desa) enrols workers into the desa's programme by typing.

One worker agrees on her own phone; one has no phone and signs the paper form, which the
officer declares. The programme has one place, so the second waits.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from bot.conversation import Channel
from bot.services import Services
from bot.storage import officers as store
from bot.storage.models import Enrolment, Lead, LeadEvent
from bot.storage.programmes import create_programme
from tests.conftest import FIXED_NOW
from tests.conversations.driver import Line, TypedChat, lead_columns, run, unanswered
from tests.conversations.people import (
    KEDONGANAN,
    PAPER_CONSENT_UP_TO_WORK,
    SARI_TYPED,
    contact_id,
    kedonganan_lead,
    reference,
    suarta_on_paper,
)


def test_a_village_officer_enrols_with_phone_and_with_paper_consent(branches: Services) -> None:
    with branches.sessions.begin() as session:
        officer = store.create_officer(
            session, name="Wayan Desa", branch_code="badung", village=KEDONGANAN, now=FIXED_NOW
        )
        programme = create_programme(
            session,
            area_code=KEDONGANAN,
            funding="SD",
            quota=1,
            categories=["farmer", "fisher"],
            now=FIXED_NOW,
        )
        link = store.issue_code(session, officer, store.LINK, FIXED_NOW)[0]
        officer_id, officer_code, programme_id = officer.id, officer.code, programme.id
    wayan = TypedChat(branches, chat_id="tg-wayan", channel=Channel.TELEGRAM)
    wayan.type(f"petugas {link}")
    wayan.type("daftarkan pekerja")
    assert "Jika pekerja tidak punya HP, ketik tidak punya hp." in wayan.text()
    code = re.findall(r"SETUJU (\d{6})", wayan.text())[0]
    sari = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    sari.type(f"setuju {code}")
    sari.type("iya setuju")
    assert "Jangan pernah membayar" in sari.text()

    # What the programme pays (programs, months) and the worker's income are not asked.
    phone_consent = (
        Line("isi data pekerja", "nama lengkap pekerja sesuai KTP"),
        *SARI_TYPED,
        Line("kirim", "Berikan nomor pendaftaran ini kepada pekerja: JMS-"),
    )
    said = run(wayan, phone_consent)
    summary = said[-2]
    assert summary.startswith("Periksa data pekerja:\nNama: Ni Kadek Sari\n")
    assert (
        "Pekerjaan: Nelayan\n"
        "Dibayar program Desa Kedonganan, Kuta, Kabupaten Badung: JKK + JKM, selama 12 bulan "
        "mulai 1 November 2026. Pekerja tidak membayar apa-apa untuk itu.\n"
    ) in summary
    for unasked in ("Penghasilan", "Bayar iuran", "Tiap bulan", "Periksa data Anda"):
        assert unasked not in summary
    assert said[-1].endswith(
        "Ni Kadek Sari mendapat tempat di program Desa Kedonganan, Kuta, Kabupaten Badung: "
        "1 dari 1 tempat terisi."
    )
    assert "kertas" not in said[-1]
    first = reference(wayan)

    paper_consent = (
        *PAPER_CONSENT_UP_TO_WORK[:2],
        Line("saya menyatakan", "Persetujuan di kertas dicatat, dinyatakan oleh Anda"),
        *PAPER_CONSENT_UP_TO_WORK[3:],
        Line("petani", "Nama: I Made Suarta"),
        Line("ubah", "Data pekerja mana yang ingin diubah?"),
        Line("kembali ke ringkasan", "Periksa data pekerja:"),
        Line("kirim", "Berikan nomor pendaftaran ini kepada pekerja: JMS-"),
    )
    run(wayan, paper_consent[:-2])
    labels = [choice.label for reply in wayan.last for choice in reply.choices]
    assert labels == [  # what the programme pays is not the officer's to change
        "Nama", "NIK", "Nomor HP", "Alamat", "Pekerjaan", "Kembali ke ringkasan"
    ]  # fmt: skip
    said = run(wayan, paper_consent[-2:])
    assert (
        "Pendaftaran ini ditandai persetujuan di kertas, dinyatakan oleh Anda: simpan formulir "
        "yang sudah ditandatangani untuk kantor cabang."
    ) in said[-1]
    assert said[-1].endswith(
        "Program Desa Kedonganan, Kuta, Kabupaten Badung sudah penuh (1 tempat): I Made Suarta "
        "nomor 1 di daftar tunggunya."
    )
    second = reference(wayan)
    assert wayan.misses == [] and unanswered(branches) == 0
    assert wayan.turns == 2 + len(phone_consent) + len(paper_consent)

    assert lead_columns(branches, first) == kedonganan_lead(
        reference=first,
        contact_id=contact_id(branches, Channel.WHATSAPP, "6285712345678"),
        name="Ni Kadek Sari",
        nik="5103014101900001",
        birth_date=date(1990, 1, 1),
        gender="P",
        phone="+6285712345678",
        monthly_income=None,  # the programme pays the lowest bracket: income is not asked
        officer_id=officer_id,
        assisted_by_officer_id=officer_id,
    )
    assert lead_columns(branches, second) == suarta_on_paper(second, officer_id)
    with branches.sessions() as session:
        places = session.execute(
            select(Lead.reference, Enrolment.programme_id, Enrolment.status, Enrolment.source,
                   Enrolment.consent, Enrolment.created_at)
            .join(Lead, Lead.id == Enrolment.lead_id)
            .order_by(Enrolment.id)
        ).all()  # fmt: skip
        notes = session.execute(
            select(Lead.reference, LeadEvent.actor, LeadEvent.note)
            .join(Lead, Lead.id == LeadEvent.lead_id)
            .where(LeadEvent.note.like("paper%"))
        ).all()
    at = FIXED_NOW.replace(tzinfo=None)
    assert [(*row[:5], row[5].replace(tzinfo=None)) for row in places] == [
        (first, programme_id, "enrolled", "officer", "phone", at),
        (second, programme_id, "waiting", "officer", "paper", at),
    ]
    declared = f"paper consent declared by officer {officer_code} (Wayan Desa)"
    assert notes == [(second, f"officer {officer_code}", declared)]


def test_only_a_desa_makes_a_village_officer_and_only_they_take_paper_consent(
    branches: Services,
) -> None:
    with branches.sessions.begin() as session:
        with pytest.raises(store.OfficerError, match="not a desa code"):
            store.create_officer(
                session, name="Kab", branch_code="badung", village="51.03", now=FIXED_NOW
            )
        officer = store.create_officer(session, name="Budi", branch_code="badung", now=FIXED_NOW)
        link = store.issue_code(session, officer, store.LINK, FIXED_NOW)[0]
    budi = TypedChat(branches, chat_id="tg-budi", channel=Channel.TELEGRAM)
    budi.type(f"petugas {link}")
    budi.type("daftarkan pekerja")
    assert "tidak punya HP" not in budi.text()
    budi.type("pekerja tidak punya hp")
    assert budi.text().startswith("Persetujuan di kertas hanya untuk perangkat desa.")
    assert budi.state()[0] == "idle"


def test_a_worker_the_programme_does_not_admit_is_asked_the_income(branches: Services) -> None:
    """An ojek driver in a desa paying farmers and fishers: the usual questions, no place."""
    with branches.sessions.begin() as session:
        officer = store.create_officer(
            session, name="Wayan Desa", branch_code="badung", village=KEDONGANAN, now=FIXED_NOW
        )
        create_programme(
            session, area_code=KEDONGANAN, funding="SD", categories=["farmer"], now=FIXED_NOW
        )
        link = store.issue_code(session, officer, store.LINK, FIXED_NOW)[0]
    wayan = TypedChat(branches, chat_id="tg-wayan", channel=Channel.TELEGRAM)
    wayan.type(f"petugas {link}")
    lines = (
        *PAPER_CONSENT_UP_TO_WORK,
        Line("ojek", "penghasilan pekerja"),
        Line("2 juta", "Periksa data pekerja:"),
        Line("kirim", "Berikan nomor pendaftaran ini kepada pekerja: JMS-"),
    )
    said = run(wayan, lines)
    assert "Penghasilan sebulan: Rp2.000.000" in said[-2] and "Dibayar program" not in said[-2]
    assert said[-1].endswith(
        "I Made Suarta tidak termasuk, jadi tidak mendapat tempat di program itu. Pendaftarannya "
        "tetap diterima kantor cabang."
    )
    assert lead_columns(branches, reference(wayan))["monthly_income"] == 2_000_000
    with branches.sessions() as session:
        assert session.scalars(select(Enrolment)).all() == []
