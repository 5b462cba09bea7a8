"""Who the typed-conversation tests play, and the lead each must end with.

Shared here so that no test module imports another: the Badung worker's lead and its check
(`lead`, `finish`; an officer's worker's, `finish_for_worker`), Siti's data, the officers (Budi, linked; a worker's consent on her own
WhatsApp; the village officer's Kedonganan workers), the bot's questions several persona
tests wait for, and a young driver's typed form (`driver_form`) with the ways to type into its
middle (`typed_at`, `paused`). How a person types and what counts as a misreading is in driver.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlalchemy import select

from bot.config import Settings
from bot.conversation import Channel
from bot.services import Services, build_services
from bot.storage import officers as store
from bot.storage.models import Contact, Lead, UnansweredQuestion
from bot.storage.programmes import create_programme
from tests.conftest import FIXED_NOW
from tests.conversations.driver import Line, TypedChat, lead_columns, play

REFERENCE = re.compile(r"JMS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")
TYPED_BUDGET = 18  # turns from the first message to the reference, typed only (issue 13)
BUTTON_BUDGET = 14  # the same, pressing the buttons
NIK = "5103061508950001"  # Kab. Badung, Kuta Utara, born 15-08-1995, male
NIK_WIFE = "5103065704970003"  # Kab. Badung, born 17-04-1997, female
WORKER_NIK = "5103011508950003"

# The eligibility check's questions, as the persona tests wait for them.
AGE_Q = "Berapa usia Anda? Ketik usia atau tanggal lahir. Contoh: 35 atau 17-08-1990"
CITIZEN_Q = "Apakah Anda warga negara Indonesia?"
PARTICIPANT_Q = "Apakah Anda sudah menjadi peserta"
INCOME_Q = "Kira-kira berapa rata-rata penghasilan Anda sebulan?"
RISK_Q = "Mana yang sesuai untuk Anda? Contoh: sedang"
SUMMARY = "Ketik kirim jika semua sudah benar, atau ubah untuk mengganti data."
SENT = "Pendaftaran Anda sudah terkirim"  # the self-registered worker's confirmation
# The registration's questions, as much of each as the typed audits look for
CONSENT_Q = "Apakah Anda setuju?"
NAME_Q = "nama lengkap Anda sesuai KTP"
NIK_Q = "Ketik NIK Anda: 16 angka di KTP."
PHONE_Q = "Ketik nomor HP Anda"
REGENCY_Q = "Apakah Anda tinggal di Kab. Badung, Bali?"
VILLAGE_Q = "desa atau kelurahan"
DALUNG_Q = "Maksud Anda Dalung, Kuta Utara, Kab. Badung, Bali?"
WORK_Q = "Apa pekerjaan utama Anda?"
PROGRAMS_Q = "Program apa yang Anda pilih?"
FORM_INCOME_Q = "penghasilan Anda sebulan"  # the registration's income step (INCOME_Q: the check's)
PERIOD_Q = "Seberapa sering"
SPONSORED_Q = "Apakah Anda termasuk pekerja rentan"
NIK_OK = "lahir 17 April 1997, perempuan. Benar?"  # NIK_WIFE read back
NIK_READ = "lahir 15 Agustus 1995, laki-laki. Benar?"  # NIK read back
WAITS = "Baik, saya tunggu."  # a wait in the form: the step asked again at "lanjut"
# The officer's form's questions (the worker's data typed by an officer), as much as the
# typed audits look for.
WORKER_NAME_Q = "nama lengkap pekerja sesuai KTP"
WORKER_NIK_Q = "NIK pekerja"
WORKER_PHONE_Q = "nomor HP pekerja"
WORKER_REGENCY_Q = "Apakah pekerja tinggal di Kab. Badung, Bali?"
WORKER_WORK_Q = "Apa pekerjaan utama pekerja?"
WORKER_INCOME_Q = "penghasilan pekerja sebulan"
WORKER_PROGRAMS_Q = "Program apa untuk pekerja?"
WORKER_PERIOD_Q = "Seberapa sering pekerja"
WORKER_SPONSORED_Q = "Apakah pekerja termasuk pekerja rentan"
WORKER_SENT = "Berikan nomor pendaftaran ini kepada pekerja: JMS-"
# The form's refusal to go on without an answer ("gak mau kasih"), at any step.
REFUSED = (
    "Tanpa jawaban ini pendaftaran tidak bisa dikirim: kantor cabang memerlukan setiap data "
    "yang ditanyakan di sini. Jawaban sebelumnya tetap tersimpan. Ketik batal untuk berhenti "
    "dan menghapusnya, atau nanti untuk melanjutkan lain waktu."
)
# Siti's first steps typed as most do: from "daftar" to her NIK read back, then to the work.
UP_TO_NIK = (
    Line("daftar", CONSENT_Q),
    Line("setuju", NAME_Q),
    Line("Siti Aminah", NIK_Q),
    Line(NIK_WIFE, NIK_OK),
)
UP_TO_WORK = (
    *UP_TO_NIK,
    Line("iya", PHONE_Q),
    Line("081234567890", REGENCY_Q),
    Line("iya", VILLAGE_Q),
    Line("dalung", WORK_Q),
)
# The form's last steps typed as most do, from the programmes to the reference: JKK and JKM,
# paid monthly, not sponsored, then sent.
FORM_END = (
    Line("jkk jkm", PERIOD_Q),
    Line("bulanan", SPONSORED_Q),
    Line("ga", SUMMARY),
    Line("kirim", SENT),
)


def driver_form(name: str = "Rizky Pratama", work: str = "ojol") -> tuple[Line, ...]:
    """A young driver's typed self-registration, "min mau daftar" to the reference: the Badung
    NIK, Dalung, `work`, 2 juta, then FORM_END; `finish` with `name` checks its lead."""
    return (
        Line("min mau daftar", CONSENT_Q),
        Line("ok", NAME_Q),
        Line(name, NIK_Q),
        Line(NIK, NIK_READ),
        Line("ya", PHONE_Q),
        Line("081234567890", REGENCY_Q),
        Line("ya", VILLAGE_Q),
        Line("dalung", WORK_Q),
        Line(work, FORM_INCOME_Q),
        Line("2 juta", PROGRAMS_Q),
        *FORM_END,
    )


def typed_at(lines: tuple[Line, ...], step: str, *between: Line) -> tuple[Line, ...]:
    """`lines` with `between` typed where the bot first asks `step` (a pause, a question)."""
    at = next(n for n, line in enumerate(lines, 1) if line.expect == step)
    return (*lines[:at], *between, *lines[at:])


def paused(step: str, pause: str, said: str = WAITS) -> tuple[Line, Line]:
    """`pause` typed at `step`, answered with `said`; then "lanjut" asks `step` again."""
    return (Line(pause, said), Line("lanjut", step))


# Siti's typed form after the consent, once her first message said she fishes (so her work is
# not asked): from "setuju" to the reference.
FISHER_AFTER_CONSENT = (
    Line("setuju", NAME_Q),
    Line("Siti Aminah", NIK_Q),
    Line(NIK_WIFE, NIK_OK),
    Line("iya", PHONE_Q),
    Line("081234567890", REGENCY_Q),
    Line("iya", VILLAGE_Q),
    Line("dalung", FORM_INCOME_Q),
    Line("2jt", PROGRAMS_Q),
    *FORM_END,
)


def stored(**fields: Any) -> dict[str, Any]:
    """The answers a self-employed citizen's check stores, with `fields` changed."""
    answers: dict[str, Any] = {
        "asked_on": "2026-11-21",
        "work": "self_employed",
        "sector": "other",
        "citizenship": "wni",
        "already_participant": False,
        "programs": ["jkk", "jkm"],
        "checked": True,
    }
    answers.update(fields)
    return answers


def lead(**fields: Any) -> dict[str, Any]:
    """The lead a Badung worker registering on the web chat gets, with `fields` changed."""
    row: dict[str, Any] = {
        "reference": fields.pop("reference"),
        "contact_id": fields.pop("contact_id"),
        "channel": "web",
        "name": "Budi Santoso",
        "nik": NIK,
        "birth_date": date(1995, 8, 15),
        "gender": "L",
        "phone": "+6281234567890",
        "regency_code": "51.03",
        "district_code": "51.03.06",
        "village_code": "51.03.06.2006",
        "address": None,
        "occupation": "transport",
        "monthly_income": 2_000_000,
        "programs": ["jkk", "jkm"],
        "payment_period": 1,
        "sponsored_interest": False,
        "officer_id": None,
        "assisted_by_officer_id": None,
        "branch_id": "badung",
        "branch_flagged": False,
        "status": "baru",
        "consent_version": "2026-11",
        "consent_at": FIXED_NOW.replace(tzinfo=None),
        "call_by": date(2026, 11, 25),  # three working days after Saturday 21 November
    }
    row.update(fields)
    return row


def reference(chat: TypedChat) -> str:
    """The lead's reference in the last replies (asserted there)."""
    found = REFERENCE.search(chat.text())
    assert found, chat.text()
    return found.group()


def finish(chat: TypedChat, services: Services, **expected: Any) -> None:
    """The last reply holds the reference; the lead is exactly `expected`; nothing misread.

    Without `contact_id` in `expected`, the lead's own contact is taken as right."""
    found = reference(chat)
    assert chat.misses == [], chat.misses
    expected.setdefault("contact_id", leads_contact_id(services, found))
    assert lead_columns(services, found) == lead(reference=found, **expected)
    with services.sessions() as session:
        assert session.scalars(select(UnansweredQuestion)).all() == []


def leads_contact_id(services: Services, reference: str) -> int | None:
    """The contact the lead `reference` was stored with."""
    with services.sessions() as session:
        return session.scalars(select(Lead.contact_id).where(Lead.reference == reference)).one()


SITI = {
    "name": "Siti Aminah",
    "nik": NIK_WIFE,
    "birth_date": date(1997, 4, 17),
    "gender": "P",
    "occupation": "trader",
}

SITI_UP_TO_SUMMARY = [
    "daftar", "setuju", "Siti Aminah", NIK_WIFE, "iya", "081234567890", "iya",
    "dalung", "pedagang", "2jt", "jkk jkm", "bulanan", "ga",
]  # fmt: skip

KTP_TEXT = "\n".join(
    (
        f"NIK : {NIK_WIFE}",
        "Nama : SITI AMINAH",
        "Tempat/Tgl Lahir : BADUNG, 17-04-1997",
        "Jenis Kelamin : PEREMPUAN  Gol. Darah : O",
        "Alamat : JL. RAYA DALUNG NO 5",
        "RT/RW : 001/002",
        "Kel/Desa : DALUNG",
        "Kecamatan : KUTA UTARA",
        "Agama : HINDU",
        "Status Perkawinan : KAWIN",
        "Pekerjaan : MENGURUS RUMAH TANGGA",
        "Kewarganegaraan : WNI",
    )
)


def contact_id(services: Services, channel: Channel, user_id: str) -> int:
    """The id of the contact who chats as `user_id` on `channel`."""
    with services.sessions() as session:
        return session.scalars(
            select(Contact.id).where(Contact.channel == channel.value, Contact.user_id == user_id)
        ).one()


class LinkedOfficer(NamedTuple):
    """An officer's linked chat, his id and his code."""

    chat: TypedChat
    id: int
    code: str  # his own code, in his link and his numbers


def linked_officer(services: Services, *, village: str | None = None) -> LinkedOfficer:
    """Budi's chat, linked as an officer of Badung (a village officer's with `village` and its
    open programme)."""
    with services.sessions.begin() as session:
        officer = store.create_officer(
            session, name="Budi Santoso", branch_code="badung", village=village, now=FIXED_NOW
        )
        if village:
            create_programme(
                session,
                area_code=village,
                funding="SD",
                quota=5,
                categories=["farmer", "fisher"],
                now=FIXED_NOW,
            )
        link = store.issue_code(session, officer, store.LINK, FIXED_NOW)[0]
        found = LinkedOfficer(
            TypedChat(services, chat_id="tg-budi", channel=Channel.TELEGRAM),
            officer.id,
            officer.code,
        )
    found.chat.type(f"petugas {link}")
    return found


def consented_worker(
    branches: Services, asks: str = "daftarkan pekerja"
) -> tuple[LinkedOfficer, TypedChat]:
    """Budi starts an assisted registration typing `asks`; the worker consents on his own
    WhatsApp."""
    budi = linked_officer(branches)
    budi.chat.type(asks)
    code = re.findall(r"SETUJU (\d{6})", budi.chat.text())[0]
    worker = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    play(worker, [f"setuju {code}", "iya setuju"])
    return budi, worker


def officer_with_consent(services: Services) -> LinkedOfficer:
    """Budi, linked as an officer, at the worker's form: the worker has typed her consent."""
    budi, worker = consented_worker(services)
    assert worker.misses == []
    return budi


def finish_for_worker(
    services: Services,
    chat: TypedChat,
    officer_id: int,
    *,
    worker: TypedChat | None = None,
    **expected: Any,
) -> None:
    """The assisted registration of `consented_worker`'s worker (I Made Suarta, Kerobokan Kaja,
    his WhatsApp), typed in `chat` by officer `officer_id`, is stored as `finish` checks, with
    what `expected` changes; neither the officer nor the `worker` was misunderstood."""
    assert worker is None or worker.misses == [], worker.misses
    row: dict[str, Any] = {
        "contact_id": contact_id(services, Channel.WHATSAPP, "6285712345678"),
        "channel": "telegram",
        "name": "I Made Suarta",
        "nik": WORKER_NIK,
        "phone": "+6285712345678",
        "village_code": "51.03.06.1003",
        "officer_id": officer_id,
        "assisted_by_officer_id": officer_id,
    }
    finish(chat, services, **{**row, **expected})


KEDONGANAN = "51.03.01.1003"


@contextmanager
def next_process(
    chat: TypedChat, services: Services, settings: Settings, *, days: int = 1
) -> Iterator[tuple[TypedChat, Services]]:
    """`chat` again `days` later: its process stopped, a new one serves the same database.

    Yields the chat on the new services (its turns counted on) and those services.
    """
    services.close()
    restarted = build_services(settings, clock=lambda: FIXED_NOW + timedelta(days=days))
    try:
        again = TypedChat(restarted, chat_id=chat.chat_id, channel=chat.channel, turns=chat.turns)
        yield again, restarted
    finally:
        restarted.close()


# An officer types Ni Kadek Sari's data, from her name to the summary: a Kedonganan fisher.
SARI_TYPED = (
    Line("Ni Kadek Sari", "NIK pekerja"),
    Line("5103014101900001", "Kab. Badung, Bali, lahir 1 Januari 1990, perempuan"),
    Line("ya", "nomor HP pekerja"),
    Line("0857 1234 5678", "Apakah pekerja tinggal di Kab. Badung, Bali?"),
    Line("ya", "desa atau kelurahan"),
    Line("kedonganan", "Apa pekerjaan utama pekerja?"),
    Line("nelayan", "Periksa data pekerja:"),
)


def kedonganan_lead(**fields: Any) -> dict[str, Any]:
    """A Kedonganan fisher's or farmer's lead as the village officer sends it, with what
    `fields` change."""
    kedonganan = {
        "channel": "telegram",
        "district_code": "51.03.01",
        "village_code": KEDONGANAN,
        "occupation": "farmer_fisher",
        "sponsored_interest": True,
    }
    return lead(**{**kedonganan, **fields})


def kedonganan_on_paper(officer_id: int, **fields: Any) -> dict[str, Any]:
    """A Kedonganan worker's lead typed by officer `officer_id` on the worker's paper consent:
    no chat of the worker's (no contact), no income asked (the desa's programme pays)."""
    paper = {
        "contact_id": None,
        "monthly_income": None,
        "officer_id": officer_id,
        "assisted_by_officer_id": officer_id,
        "consent_version": "paper",
    }
    return kedonganan_lead(**{**paper, **fields})


def suarta_on_paper(reference: str, officer_id: int) -> dict[str, Any]:
    """I Made Suarta's lead, typed by the officer on his paper consent."""
    return kedonganan_on_paper(
        officer_id,
        reference=reference,
        name="I Made Suarta",
        nik="5103011508950003",
        phone="+6281311112222",
    )


# An officer takes paper consent for a worker with no phone and types the worker's details,
# up to the work question.
PAPER_CONSENT_UP_TO_WORK = (
    Line("daftarkan pekerja", "SETUJU"),
    Line("pekerja tidak punya hp", "Saya menyatakan pekerja telah menandatangani formulir"),
    Line("saya menyatakan", "Persetujuan di kertas dicatat"),
    Line("I Made Suarta", "NIK pekerja"),
    Line("5103011508950003", "Kab. Badung, Bali, lahir 15 Agustus 1995, laki-laki"),
    Line("ya", "nomor HP pekerja"),
    Line("0813 1111 2222", "Apakah pekerja tinggal di Kab. Badung, Bali?"),
    Line("ya", "desa atau kelurahan"),
    Line("kedonganan", "Apa pekerjaan utama pekerja?"),
)
