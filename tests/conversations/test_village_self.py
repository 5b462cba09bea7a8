"""A worker who registers alone, says yes to a government program and lives in a desa with an
open programme is offered a place on its list: consent asked, work checked, full ones wait."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.conversation import Channel
from bot.services import Services
from bot.storage.models import Enrolment, Lead
from bot.storage.programmes import create_programme
from tests.conftest import FIXED_NOW
from tests.conversations.driver import Line, TypedChat, lead_columns, run, unanswered
from tests.conversations.people import KEDONGANAN, contact_id, kedonganan_lead, reference

OFFER = (
    "Desa Kedonganan, Kuta, Kabupaten Badung punya program yang membayar iuran JKK+JKM selama "
    "12 bulan mulai 1 November 2026 untuk pekerja seperti Anda. Mau masuk daftarnya? Kantor desa "
    "dan kantor cabang akan melihat nama, NIK, alamat, dan pekerjaan Anda."
)


FAMILY = "Daftarkan anggota keluarga lain dari HP ini? Setiap orang perlu KTP-nya sendiri."


def _family_question_follows(chat: TypedChat) -> None:
    """The registration's last question comes once the offer is answered, and works."""
    assert chat.last[-1].text == FAMILY
    assert [c.id for c in chat.last[-1].choices] == ["reg_family", "menu"]
    assert chat.state()[0] == "idle"
    chat.type("Daftarkan anggota keluarga")  # the button, pressed or typed
    assert "KTP anggota keluarga" in chat.text()


def _programme(services: Services, quota: int = 100) -> int:
    with services.sessions.begin() as session:
        programme = create_programme(
            session,
            area_code=KEDONGANAN,
            funding="SD",
            quota=quota,
            categories=["farmer", "fisher", "day_labourer"],
            now=FIXED_NOW,
        )
        return programme.id


def _register(chat: TypedChat, name: str, nik: str, work: str) -> list[str]:
    lines = (
        Line("mau daftar", "persetujuan"),
        Line("iya setuju", "nama lengkap Anda"),
        Line(name, "16 angka"),
        Line(nik, "Kab. Badung, Bali"),
        Line("iya", "nomor HP"),
        Line("0" + chat.chat_id[2:], "Apakah Anda tinggal di Kab. Badung, Bali?"),
        Line("iya", "desa atau kelurahan"),
        Line("kedonganan", "pekerjaan utama"),
        Line(work, "penghasilan"),
        Line("sejuta", "Program apa"),
        Line("jkk jkm aja", "Seberapa sering"),
        Line("tiap bulan", "pekerja rentan"),
        Line("iya minat", "Program pemerintah desa/daerah: Ya"),
        Line("kirim", "JMS-"),
    )
    return run(chat, lines)


def _places(services: Services) -> list[tuple[str, int, str, str, str]]:
    with services.sessions() as session:
        rows = session.execute(
            select(Lead.reference, Enrolment.programme_id, Enrolment.status, Enrolment.source,
                   Enrolment.consent)
            .join(Lead, Lead.id == Enrolment.lead_id)
            .order_by(Enrolment.id)
        ).all()  # fmt: skip
    return [tuple(row) for row in rows]


def test_a_fisher_registering_alone_takes_a_place_on_the_desa_list(branches: Services) -> None:
    programme_id = _programme(branches)
    sari = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    said = _register(sari, "Ni Kadek Sari", "5103014101900001", "nelayan")
    assert said[-1].endswith(OFFER)
    found = reference(sari)
    assert _places(branches) == [], "nothing before she agrees"
    sari.type("iya mau")
    assert sari.last[0].text.startswith(
        "✅ Anda masuk daftar program Desa Kedonganan, Kuta, Kabupaten Badung. Kantor cabang "
        "mendaftarkan kelompoknya; tanyakan saya sudah didaftarkan desa? kapan saja"
    )
    assert sari.last[-1].text == FAMILY
    assert sari.misses == [] and unanswered(branches) == 0 and sari.turns == 15
    assert _places(branches) == [(found, programme_id, "enrolled", "self", "phone")]
    assert lead_columns(branches, found) == kedonganan_lead(
        reference=found,
        contact_id=contact_id(branches, Channel.WHATSAPP, "6285712345678"),
        channel="whatsapp",
        name="Ni Kadek Sari",
        nik="5103014101900001",
        birth_date=date(1990, 1, 1),
        gender="P",
        phone="+6285712345678",
        monthly_income=1_000_000,
    )
    sari.type("saya sudah didaftarkan desa?")
    assert "Ya: Anda punya tempat di program Desa Kedonganan" in sari.text()
    sari.type("menu")
    sari.type("iya mau")  # the offer was answered: a late yes gives no second place
    assert len(_places(branches)) == 1


def test_a_full_programme_offers_the_waiting_list(branches: Services) -> None:
    programme_id = _programme(branches, quota=1)
    first = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    _register(first, "Ni Kadek Sari", "5103014101900001", "petani")
    enrolled = reference(first)
    first.type("ya")
    second = TypedChat(branches, chat_id="6281311112222", channel=Channel.WHATSAPP)
    said = _register(second, "I Made Suarta", "5103011508950003", "buruh harian")
    waiting = reference(second)
    assert said[-1].endswith(OFFER + " 1 tempatnya sudah terisi: Anda akan masuk daftar tunggu.")
    second.type("boleh")
    assert second.last[0].text.startswith(
        "Anda nomor 1 di daftar tunggu program Desa Kedonganan, Kuta, Kabupaten Badung: "
        "tempatnya sudah penuh."
    )
    _family_question_follows(second)
    assert second.misses == [] and unanswered(branches) == 0
    assert _places(branches) == [
        (enrolled, programme_id, "enrolled", "self", "phone"),
        (waiting, programme_id, "waiting", "self", "phone"),
    ]


def test_work_the_programme_does_not_admit_gets_no_offer(branches: Services) -> None:
    _programme(branches)
    chat = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    said = _register(chat, "Ni Kadek Sari", "5103014101900001", "ojol")
    assert said[-1].endswith(
        "Desa Kedonganan, Kuta, Kabupaten Badung punya program yang membayar iuran sebagian "
        "pekerja: program itu menerima petani, nelayan, buruh harian. Pekerjaan Anda tidak "
        "termasuk, jadi pendaftaran Anda tetap sebagai peserta yang membayar sendiri.\n" + FAMILY
    )
    _family_question_follows(chat)
    assert _places(branches) == []


def test_saying_no_keeps_the_registration_self_paid(branches: Services) -> None:
    _programme(branches)
    chat = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    _register(chat, "Ni Kadek Sari", "5103014101900001", "nelayan")
    chat.type("ga usah")
    assert chat.last[0].text.startswith(
        "Baik. Pendaftaran Anda tetap sebagai peserta yang membayar sendiri."
    )
    _family_question_follows(chat)
    assert _places(branches) == [] and chat.misses == []
