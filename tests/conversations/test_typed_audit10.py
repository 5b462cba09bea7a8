"""Typed-only conversations of the tenth audit: outreach officers and village officials typing.

An officer registering three market traders in a row ("lanjut yg berikutnya", "daftar lagi
utk ibu sri"); the officer passing on the worker's yes ("ibunya bilang setuju") and a worker
who refuses on her phone; a NIK mistyped, confirmed, then "nik td salah"; "berapa yg udah sy
daftarin bulan ini?" and "link sy mana" typed in the middle of a worker's form; a village
secretary with a list asking "desa yg bayar bisa?" at the income; an officer asking about an
older worker's eligibility before registering his wife; every question of the assisted form
speaking about the worker; a staff member typing the link code with spaces and dashes; an
officer who types in English. Each asserts its turns, that no valid answer was refused
(tests/conversations/driver.py), and the exact data stored: the lead, the officer it is
attributed to, and the consent the worker gave on her own phone through the officer's code.

Blind, as first written, 0 of the 10 passed. Causes fixed: an officer's request to register the
next worker was read only as "daftarkan pekerja/warga" ("lanjut yg berikutnya" got the FAQ's
JP answer, "daftarkan istrinya aja" an age answer, and "ada 12 warga mau sy daftarin" his
numbers, since "daftarin" asked those): a count word now asks the numbers, an active
registering verb or "berikutnya" a new consent code, and the worker he speaks of makes it his
request (steps.toml officer_asks, officer_mine); the worker's yes or no passed on by the
officer ("ibunya bilang setuju", "ibunya ga mau") while his code waits opens her form or lets
the code go (handlers/officer.py); "ga mau ah" was no no ("ah" is a particle: yes_no.toml);
"berapa yg udah sy daftarin bulan ini?" and "link sy mana" in the worker's form got the FAQ's
contribution answer (his numbers and links answer them there: handlers/officer_texts.py); a
code typed with dashes ("staf 870-673", "48 - 29 - 13") was not read (handlers/codes.py).
Four expectations were wrong: the mistyped NIK made the worker 67 (too old to register), the
regency is asked as "tempat tinggal pekerja", the NIK is masked but its last four digits, and
a chat's language is its Telegram's, not guessed from English typed (the officer links in an
English Telegram); the refusal and "not yet" texts were worded otherwise.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select

from bot.conversation import Channel
from bot.services import Services
from bot.storage import officers as store
from bot.storage.branches import seed_if_empty
from bot.storage.models import Contact, Lead, OfficerCode
from bot.storage.staff import add_staff, find_by_username, issue_link_code
from tests.conftest import FIXED_NOW, texts
from tests.conversations.driver import Line, TypedChat, lead_columns, play, q, run, unanswered
from tests.conversations.people import (
    WORKER_NAME_Q,
    WORKER_NIK,
    WORKER_NIK_Q,
    WORKER_PERIOD_Q,
    WORKER_PHONE_Q,
    WORKER_PROGRAMS_Q,
    WORKER_REGENCY_Q,
    WORKER_SENT,
    WORKER_WORK_Q,
    LinkedOfficer,
    contact_id,
    lead,
    linked_officer,
    reference,
)

SRI_NIK = "5103064203800002"  # Kab. Badung, born 2 March 1980, female
KOMANG_NIK = "5103062007880004"  # Kab. Badung, born 20 July 1988, male
WIFE_NIK = "5103064506660002"  # Kab. Badung, born 5 June 1966, female (60 in November 2026)
TYPO_NIK = "5103011508960003"  # WORKER_NIK with one digit wrong: born 15 August 1996

DESA = "desa atau kelurahan"
INCOME = "penghasilan"
SPONSORED = "pekerja rentan"
NOT_YET = "Pekerja belum menyetujui"
REFUSED = "Pekerja menolak di HP-nya sendiri"


def consent_code(chat: TypedChat) -> str:
    """The code the worker must send, in the officer's last replies."""
    found = re.findall(r"SETUJU (\d{6})", chat.text())
    assert found, chat.text()
    return found[0]


def worker_agrees(services: Services, code: str, phone: str) -> TypedChat:
    """The worker sends "setuju <code>" from her own WhatsApp, then says yes there."""
    worker = TypedChat(services, chat_id=phone, channel=Channel.WHATSAPP)
    play(worker, [f"setuju {code}", "iya setuju"])
    assert "Jangan pernah membayar" in worker.text(), worker.text()
    assert worker.misses == []
    return worker


def worker_lead(services: Services, found: str, officer_id: int, phone: str, **fields: Any) -> Any:
    """The lead an officer sent for the worker chatting on WhatsApp as `phone`."""
    return lead(
        reference=found,
        contact_id=contact_id(services, Channel.WHATSAPP, phone),
        channel="telegram",
        phone="+" + phone,
        officer_id=officer_id,
        assisted_by_officer_id=officer_id,
        **fields,
    )


def worker_contact(services: Services, phone: str) -> tuple[int | None, Any, str | None]:
    """The worker's contact: the officer it is attributed to, and her consent, as stored."""
    with services.sessions() as session:
        contact = session.scalars(select(Contact).where(Contact.user_id == phone)).one()
        at = contact.consent_at.replace(tzinfo=None) if contact.consent_at else None
        return contact.officer_id, at, contact.consent_version


def leads(services: Services) -> int:
    with services.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Lead)) or 0)


def form_lines(
    name: str, nik: str, read: str, phone: str, desa: str, work: str, income: str
) -> tuple[Line, ...]:
    """A worker's form typed from her KTP, the officer answering each step plainly."""
    return (
        Line(name, WORKER_NIK_Q),
        Line(nik, read),
        Line("ya", WORKER_PHONE_Q),
        Line(phone, WORKER_REGENCY_Q),
        Line("ya", DESA),
        Line(desa, WORKER_WORK_Q),
        Line(work, INCOME),
        Line(income, WORKER_PROGRAMS_Q),
        Line("jkk jkm", WORKER_PERIOD_Q),
        Line("bulanan", SPONSORED),
        Line("tidak", "Nama: " + name),
        Line("kirim", WORKER_SENT),
    )


# ---------------------------------------------------------------- three in a row


def test_an_officer_registers_three_traders_in_a_row_at_a_market(branches: Services) -> None:
    """After each lead is sent, "lanjut yg berikutnya" and "daftar lagi utk ibu sri" ask a new
    consent code for the next worker, never the officer's own registration."""
    budi = linked_officer(branches)
    workers = (
        (
            "daftarkan pekerja",
            "6285712345678",
            form_lines(
                "I Made Suarta",
                WORKER_NIK,
                "lahir 15 Agustus 1995, laki-laki",
                "0857 1234 5678",
                "kerobokan kaja",
                "pedagang",
                "2jt",
            ),
        ),
        (
            "lanjut yg berikutnya",
            "6285711112222",
            form_lines(
                "Komang Arta",
                KOMANG_NIK,
                "lahir 20 Juli 1988, laki-laki",
                "0857 1111 2222",
                "dalung",
                "pedagang sayur",
                "3jt",
            ),
        ),
        (
            "daftar lagi utk ibu sri",
            "6285733334444",
            form_lines(
                "Sri Wahyuni",
                SRI_NIK,
                "lahir 2 Maret 1980, perempuan",
                "0857 3333 4444",
                "dalung",
                "pedagang",
                "1,5jt",
            ),
        ),
    )
    found = []
    for opener, phone, lines in workers:
        budi.chat.type(opener)
        assert budi.chat.state()[0] == "assisting.agreed", opener  # the wait, no form
        worker_agrees(branches, consent_code(budi.chat), phone)
        run(budi.chat, (Line("isi data pekerja", WORKER_NAME_Q), *lines))
        found.append(reference(budi.chat))
    assert budi.chat.misses == [] and unanswered(branches) == 0
    assert budi.chat.turns == 1 + 3 * 14
    made, komang, sri = (
        lead_columns(branches, ref) | {"reference": ref} for ref in found
    )  # fmt: skip
    assert made == worker_lead(
        branches, found[0], budi.id, "6285712345678",
        name="I Made Suarta", nik=WORKER_NIK, village_code="51.03.06.1003", occupation="trader",
    )  # fmt: skip
    assert komang == worker_lead(
        branches, found[1], budi.id, "6285711112222",
        name="Komang Arta", nik=KOMANG_NIK, birth_date=date(1988, 7, 20),
        occupation="trader", monthly_income=3_000_000,
    )  # fmt: skip
    assert sri == worker_lead(
        branches, found[2], budi.id, "6285733334444",
        name="Sri Wahyuni", nik=SRI_NIK, birth_date=date(1980, 3, 2), gender="P",
        occupation="trader", monthly_income=1_500_000,
    )  # fmt: skip
    with branches.sessions() as session:
        own = session.scalars(select(Contact).where(Contact.user_id == "tg-budi")).one()
        assert session.scalars(select(Lead).where(Lead.contact_id == own.id)).all() == []


# ---------------------------------------------------------------- consent through the officer


def test_the_officer_passes_on_the_workers_yes(branches: Services) -> None:
    """ "ibunya bilang setuju" before she sent the code: she must agree on her own phone; once
    she has, the same words open her form. Her consent is the one she gave there."""
    budi = linked_officer(branches)
    budi.chat.type("daftarkan pekerja")
    code = consent_code(budi.chat)
    said = texts(budi.chat.type("ibunya bilang setuju"))
    assert NOT_YET in said and f"SETUJU {code}" in said, said
    assert budi.chat.state()[0] == "assisting.agreed"  # still waiting for her yes
    worker_agrees(branches, code, "6285733334444")
    lines = (
        Line("ibunya udh bilang setuju pak", WORKER_NAME_Q),
        *form_lines(
            "Sri Wahyuni",
            SRI_NIK,
            "lahir 2 Maret 1980, perempuan",
            "085733334444",
            "dalung",
            "pedagang",
            "2jt",
        ),
    )
    run(budi.chat, lines)
    assert budi.chat.misses == [] and unanswered(branches) == 0
    assert budi.chat.turns == 1 + 2 + 13
    found = reference(budi.chat)
    assert lead_columns(branches, found) == worker_lead(
        branches, found, budi.id, "6285733334444",
        name="Sri Wahyuni", nik=SRI_NIK, birth_date=date(1980, 3, 2), gender="P",
        occupation="trader",
    )  # fmt: skip
    assert worker_contact(branches, "6285733334444") == (
        budi.id,
        FIXED_NOW.replace(tzinfo=None),
        "2026-11",
    )


def test_a_worker_who_refuses_is_not_registered(branches: Services) -> None:
    """She says no on her phone: nothing of hers is stored, only that the officer's code was
    declined; "isi data pekerja" and "ibunya bilang setuju" tell him she declined (not that she
    has not agreed yet) and what he may do, and "ibunya ga mau, ya udah" ends it without a form."""
    budi = linked_officer(branches)
    budi.chat.type("daftarkan pekerja")
    code = consent_code(budi.chat)
    worker = TypedChat(branches, chat_id="6285733334444", channel=Channel.WHATSAPP)
    play(worker, [f"setuju {code}", "ga mau ah"])
    assert "Tidak ada data yang disimpan" in worker.text(), worker.text()
    assert worker.misses == []
    for typed in ("isi data pekerja", "ibunya bilang setuju"):
        said = texts(budi.chat.type(typed))
        assert REFUSED in said and "ketik kode baru" in said, said
        assert NOT_YET not in said and WORKER_NAME_Q not in said, said
    said = texts(budi.chat.type("ibunya ga mau, ya udah"))
    assert "pekerja tidak didaftarkan" in said and "assisting" not in budi.chat.state()[1], said
    assert budi.chat.misses == [] and unanswered(branches) == 0 and budi.chat.turns == 1 + 4
    assert leads(branches) == 0
    assert worker_contact(branches, "6285733334444") == (None, None, None)
    assert consent_codes(branches) == [(FIXED_NOW, FIXED_NOW, None)]


def consent_codes(services: Services) -> list[tuple[Any, Any, int | None]]:
    """Each consent code's end as stored: used_at, refused_at and who used it."""
    with services.sessions() as session:
        rows = session.execute(
            select(OfficerCode.used_at, OfficerCode.refused_at, OfficerCode.contact_id).where(
                OfficerCode.purpose == store.CONSENT
            )
        )
        return [(aware(used), aware(refused), who) for used, refused, who in rows]


def aware(at: datetime | None) -> datetime | None:
    """A time as stored, comparable on both databases (SQLite's come back naive, in UTC)."""
    return at.replace(tzinfo=UTC) if at is not None and at.tzinfo is None else at


# ---------------------------------------------------------------- corrections and questions


def assisting(services: Services, phone: str = "6285712345678") -> LinkedOfficer:
    """Budi at the worker's form: she agreed on her phone, he typed "isi data pekerja"."""
    budi = linked_officer(services)
    budi.chat.type("daftarkan pekerja")
    worker_agrees(services, consent_code(budi.chat), phone)
    budi.chat.type("isi data pekerja")
    assert WORKER_NAME_Q in budi.chat.text(), budi.chat.text()
    return budi


def test_the_officer_corrects_a_confirmed_nik_with_nik_td_salah(branches: Services) -> None:
    """Two digits swapped, read back and confirmed; at the phone "nik td salah" asks the NIK
    again, and the right one is stored."""
    budi = assisting(branches)
    lines = (
        Line("I Made Suarta", WORKER_NIK_Q),
        Line(TYPO_NIK, "lahir 15 Agustus 1996"),
        Line("ya", WORKER_PHONE_Q),
        Line("eh nik td salah", WORKER_NIK_Q),
        Line(WORKER_NIK, "lahir 15 Agustus 1995, laki-laki"),
        Line("ya", WORKER_PHONE_Q),
        Line("0857 1234 5678", WORKER_REGENCY_Q),
        Line("ya", DESA),
        Line("kerobokan kaja", WORKER_WORK_Q),
        Line("ojol", INCOME),
        Line("2jt", WORKER_PROGRAMS_Q),
        Line("jkk jkm", WORKER_PERIOD_Q),
        Line("bulanan", SPONSORED),
        Line("tidak", "NIK: ••••••••••••0003"),
        Line("kirim", WORKER_SENT),
    )
    run(budi.chat, lines)
    assert budi.chat.misses == [] and unanswered(branches) == 0
    assert budi.chat.turns == 3 + len(lines)
    found = reference(budi.chat)
    assert lead_columns(branches, found) == worker_lead(
        branches, found, budi.id, "6285712345678",
        name="I Made Suarta", nik=WORKER_NIK, village_code="51.03.06.1003",
    )  # fmt: skip


def test_the_officer_asks_his_numbers_and_link_in_the_middle_of_a_form(
    branches: Services,
) -> None:
    """Typed, not commands: each answered, the worker's step asked again, the form goes on."""
    budi = assisting(branches)
    lines = (
        Line("I Made Suarta", WORKER_NIK_Q),
        Line(WORKER_NIK, "lahir 15 Agustus 1995"),
        Line("ya", WORKER_PHONE_Q),
        Line("0857 1234 5678", WORKER_REGENCY_Q),
        Line("ya", DESA),
        Line("kerobokan kaja", WORKER_WORK_Q),
        q("berapa yg udah sy daftarin bulan ini?", WORKER_WORK_Q, f"kode {budi.code}"),
        q("link sy mana", WORKER_WORK_Q, f"start={budi.code}"),
        Line("ojol", INCOME),
        Line("2jt", WORKER_PROGRAMS_Q),
        Line("jkk jkm", WORKER_PERIOD_Q),
        Line("bulanan", SPONSORED),
        Line("tidak", "Nama: I Made Suarta"),
        Line("kirim", WORKER_SENT),
    )
    said = run(budi.chat, lines)
    assert "Bulan ini" in said[6], said[6]
    assert budi.chat.misses == [] and unanswered(branches) == 0
    assert budi.chat.turns == 3 + len(lines)
    found = reference(budi.chat)
    assert lead_columns(branches, found) == worker_lead(
        branches, found, budi.id, "6285712345678",
        name="I Made Suarta", nik=WORKER_NIK, village_code="51.03.06.1003",
    )  # fmt: skip
    said = texts(budi.chat.type("berapa yg udah sy daftarin bulan ini?"))
    assert "Bulan ini: 1 chat dimulai" in said and "1 pendaftaran" in said, said


def test_a_village_secretary_with_a_list_asks_whether_the_desa_can_pay(
    branches: Services,
) -> None:
    """ "ada 12 warga mau sy daftarin" asks a consent code; "desa yg bayar bisa?" at the
    income is answered and the income asked again; "iya desanya yg bayar" is her interest."""
    sekdes = linked_officer(branches)
    said = texts(sekdes.chat.type("sy sekdes, ada 12 warga mau sy daftarin satu2"))
    code = consent_code(sekdes.chat)
    assert sekdes.chat.state()[0] == "assisting.agreed", said  # the wait, no form
    worker_agrees(branches, code, "6285712345678")
    lines = (
        Line("isi data pekerja", WORKER_NAME_Q),
        Line("I Made Suarta", WORKER_NIK_Q),
        Line(WORKER_NIK, "lahir 15 Agustus 1995"),
        Line("ya", WORKER_PHONE_Q),
        Line("0857 1234 5678", WORKER_REGENCY_Q),
        Line("ya", DESA),
        Line("kerobokan kaja", WORKER_WORK_Q),
        Line("petani", INCOME),
        q("desa yg bayar bisa?", INCOME, "desa"),
        Line("1jt", WORKER_PROGRAMS_Q),
        Line("jkk jkm", WORKER_PERIOD_Q),
        Line("bulanan", SPONSORED),
        Line("iya desanya yg bayar", "Nama: I Made Suarta"),
        Line("kirim", WORKER_SENT),
    )
    run(sekdes.chat, lines)
    assert sekdes.chat.misses == [] and unanswered(branches) == 0
    assert sekdes.chat.turns == 1 + 1 + len(lines)
    found = reference(sekdes.chat)
    assert lead_columns(branches, found) == worker_lead(
        branches, found, sekdes.id, "6285712345678",
        name="I Made Suarta", nik=WORKER_NIK, village_code="51.03.06.1003",
        occupation="farmer_fisher", monthly_income=1_000_000, sponsored_interest=True,
    )  # fmt: skip


def test_an_officer_asks_about_an_older_worker_then_registers_his_wife(
    branches: Services,
) -> None:
    """ "bapaknya umur 66 bisa?" is answered about him (under 65 to register), not taken as the
    officer's own age in a check that asks the officer about himself; then his wife is registered."""
    budi = linked_officer(branches)
    said = texts(budi.chat.type("bapaknya umur 66 bisa?"))
    assert "65" in said, said
    assert "Apakah Anda warga negara Indonesia" not in said, said
    assert not budi.chat.state()[0].startswith("registration"), said
    said = texts(budi.chat.type("ok kalo gitu daftarkan istrinya aja, umurnya 60"))
    code = consent_code(budi.chat)
    worker_agrees(branches, code, "6285733334444")
    lines = (
        Line("isi data pekerja", WORKER_NAME_Q),
        *form_lines(
            "Ni Ketut Rai",
            WIFE_NIK,
            "lahir 5 Juni 1966, perempuan",
            "0857 3333 4444",
            "dalung",
            "pedagang",
            "2jt",
        ),
    )
    run(budi.chat, lines)
    assert budi.chat.misses == [] and unanswered(branches) == 0
    assert budi.chat.turns == 1 + 2 + len(lines)
    found = reference(budi.chat)
    assert lead_columns(branches, found) == worker_lead(
        branches, found, budi.id, "6285733334444",
        name="Ni Ketut Rai", nik=WIFE_NIK, birth_date=date(1966, 6, 5), gender="P",
        occupation="trader",
    )  # fmt: skip


# ---------------------------------------------------------------- the form's wording


YOU_ABOUT_THE_WORKER = (
    "Anda sesuai KTP",
    "NIK Anda",
    "HP Anda",
    "Anda tinggal",
    "pekerjaan utama Anda",
    "penghasilan Anda",
    "Anda pilih",
    "Anda ingin",
    "Anda membayar",
    "Apakah Anda pekerja rentan",
    "KTP Anda",
)


def test_every_question_of_the_assisted_form_speaks_about_the_worker(
    branches: Services,
) -> None:
    """Each step asked, re-asked after a wrong answer and confirmed speaks of "pekerja"."""
    budi = assisting(branches)
    lines = (
        Line("I Made Suarta", WORKER_NIK_Q),
        Line(WORKER_NIK, "NIK pekerja"),
        Line("ya", WORKER_PHONE_Q),
        Line("0857 1234 5678", WORKER_REGENCY_Q),
        Line("bukan", "kabupaten atau kota tempat tinggal pekerja"),
        Line("badung", DESA),
        Line("kerobokan kaja", WORKER_WORK_Q),
        Line("ojol", INCOME),
        Line("sehari 100rb", "Rata-rata sebulan"),
        Line("iya", WORKER_PROGRAMS_Q),
        Line("jkk jkm", WORKER_PERIOD_Q),
        Line("bulanan", SPONSORED),
        Line("tidak", "Nama: I Made Suarta"),
        Line("kirim", WORKER_SENT),
    )
    said = run(budi.chat, lines)
    for text in said:
        for you in YOU_ABOUT_THE_WORKER:
            assert you not in text, (you, text)
    assert budi.chat.misses == [] and unanswered(branches) == 0
    found = reference(budi.chat)
    assert lead_columns(branches, found)["monthly_income"] == 2_600_000


# ---------------------------------------------------------------- staff and English


def test_a_staff_member_types_the_link_code_with_spaces_and_dashes(services: Services) -> None:
    with services.sessions.begin() as session:
        seed_if_empty(session)
        codes = []
        for username in ("dps", "gianyar"):
            admin = add_staff(
                session,
                username=username,
                password="rahasia-panjang-1",
                role="branch_admin",
                branch_code="badung",
                now=FIXED_NOW,
            )
            codes.append(issue_link_code(session, admin, FIXED_NOW))
    first = TypedChat(services, chat_id="5001", channel=Channel.TELEGRAM)
    run(first, (Line(f"staf {codes[0][:3]}-{codes[0][3:]}", "terhubung dengan login dps"),))
    second = TypedChat(services, chat_id="5002", channel=Channel.TELEGRAM)
    spaced = f"{codes[1][:2]} - {codes[1][2:4]} - {codes[1][4:]}"
    run(
        second,
        (
            Line("staf", "Ketik kode 6 angka"),
            Line(f"kodenya {spaced}", "terhubung dengan login gianyar"),
        ),
    )
    with services.sessions() as session:
        for username, user_id in (("dps", "5001"), ("gianyar", "5002")):
            linked = find_by_username(session, username)
            assert linked is not None and linked.telegram_user_id == user_id
    assert first.misses == [] and second.misses == [] and unanswered(services) == 0
    assert first.turns == 1 and second.turns == 2


def test_an_officer_who_types_in_english(branches: Services) -> None:
    """His Telegram speaks English: his requests in his words, the worker's form about the
    worker."""
    with branches.sessions.begin() as session:
        officer = store.create_officer(
            session, name="Budi Santoso", branch_code="badung", now=FIXED_NOW
        )
        link = store.issue_code(session, officer, store.LINK, FIXED_NOW)[0]
        budi = LinkedOfficer(
            TypedChat(branches, chat_id="tg-en", channel=Channel.TELEGRAM, language="en"),
            officer.id,
            officer.code,
        )
    run(budi.chat, (Line(f"petugas {link}", "Welcome, Budi Santoso"),))
    lines = (
        Line("where is my link?", "Your personal links."),
        Line("how many people have I registered this month?", f"Your numbers, code {budi.code}"),
        Line("I want to register a worker", "SETUJU"),
    )
    said = run(budi.chat, lines)
    code = consent_code(budi.chat)
    worker_agrees(branches, code, "6285712345678")
    lines = (
        Line("she agreed, fill in her data", "worker's full name as written on their KTP"),
        Line("I Made Suarta", "worker's NIK"),
        Line(WORKER_NIK, "born August 15, 1995, male"),
        Line("yes", "worker's mobile phone number"),
        Line("0857 1234 5678", "Does the worker live in Kab. Badung, Bali?"),
        Line("yes", "where the worker lives"),
        Line("kerobokan kaja", "What is the worker's main work?"),
        Line("online motorbike taxi driver", "does the worker earn"),
        Line("2 million", "Which programs for the worker?"),
        Line("jkk and jkm", "How often does the worker"),
        Line("monthly", "vulnerable worker"),
        Line("no", "I Made Suarta"),
        Line("send", "Give the worker the reference number: JMS-"),
    )
    said += run(budi.chat, lines)
    assert budi.chat.misses == [] and unanswered(branches) == 0
    assert budi.chat.turns == 1 + 3 + len(lines)
    found = reference(budi.chat)
    assert lead_columns(branches, found) == worker_lead(
        branches, found, budi.id, "6285712345678",
        name="I Made Suarta", nik=WORKER_NIK, village_code="51.03.06.1003",
    )  # fmt: skip
