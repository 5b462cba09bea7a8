"""Leads, their audit trail and references; branches imported from CSV and routing by regency."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bot.crypto import Crypto
from bot.domain.zones import WIB, WITA, label
from bot.services import Services
from bot.storage import leads as store
from bot.storage.branches import (
    SEED,
    BranchImportError,
    branch_for_regency,
    import_branches,
    list_branches,
    seed_if_empty,
)
from bot.storage.lead_queries import LeadFilter, Scope, branch_zone, leads_select, view_zone
from bot.storage.models import Branch, Contact, LeadEvent
from bot.storage.officers import create_officer
from tests.conftest import FIXED_NOW, bot_command

ROOT = Path(__file__).resolve().parents[2]
CRYPTO = Crypto("k" * 40)


def contact(session: Session) -> Contact:
    row = Contact(channel="web", user_id="u1", language="id", first_seen=FIXED_NOW)
    session.add(row)
    session.flush()
    return row


def data(nik: str = "5103061508950001") -> store.LeadData:
    return store.LeadData(
        name="I Wayan Sudarma",
        nik_encrypted=CRYPTO.encrypt(nik),
        nik_hash=CRYPTO.hash(nik),
        birth_date=date(1995, 8, 15),
        gender="L",
        phone="+6281234567890",
        regency_code="51.03",
        occupation="transport",
        programs=["jkk", "jkm"],
        consent_version="2026-11",
        consent_at=FIXED_NOW,
    )


def test_references_are_short_and_unambiguous() -> None:
    refs = {store.new_reference() for _ in range(2000)}
    assert len(refs) == 2000
    for ref in refs:
        assert re.fullmatch(r"JMS-[A-Z2-9]{4}-[A-Z2-9]{4}", ref)
        assert not set(ref[4:]) & set("01OIL")


def test_create_retries_a_taken_reference_and_writes_an_event(services: Services) -> None:
    with services.sessions.begin() as session:
        seed_if_empty(session)
        branch, _ = branch_for_regency(session, "51.03")
        person = contact(session)
        first = store.create_lead(
            session,
            data(),
            contact=person,
            branch_id=branch.id,
            branch_flagged=False,
            now=FIXED_NOW,
            reference="JMS-AAAA-BBBB",
        )
        second = store.create_lead(
            session,
            data("5103061508950002"),
            contact=person,
            branch_id=branch.id,
            branch_flagged=False,
            now=FIXED_NOW,
            reference="JMS-AAAA-BBBB",
        )  # taken: a fresh one is drawn
        assert first.reference == "JMS-AAAA-BBBB" and second.reference != first.reference
        events = session.scalars(select(LeadEvent).order_by(LeadEvent.id)).all()
        assert [(e.lead_id, e.to_status, e.actor) for e in events] == [
            (first.id, "baru", "bot"),
            (second.id, "baru", "bot"),
        ]


def test_open_lead_by_nik_hash_and_status_changes_are_audited(services: Services) -> None:
    with services.sessions.begin() as session:
        seed_if_empty(session)
        branch, _ = branch_for_regency(session, "51.03")
        lead = store.create_lead(
            session,
            data(),
            contact=contact(session),
            branch_id=branch.id,
            branch_flagged=False,
            now=FIXED_NOW,
        )
        digest = CRYPTO.hash("5103061508950001")
        assert store.find_open_lead(session, digest) is lead
        assert store.find_open_lead(session, CRYPTO.hash("5103061508950002")) is None
        store.set_status(
            session, lead, "dihubungi", actor="staff:ani", now=FIXED_NOW, note="called"
        )
        store.set_status(session, lead, "dihubungi", actor="staff:ani", now=FIXED_NOW)  # no change
        store.set_status(session, lead, "terdaftar", actor="staff:ani", now=FIXED_NOW)
        assert store.find_open_lead(session, digest) is None, "a finished lead allows a new one"
        trail = [
            (e.from_status, e.to_status, e.actor)
            for e in session.scalars(select(LeadEvent).order_by(LeadEvent.id))
        ]
        assert trail == [
            (None, "baru", "bot"),
            ("baru", "dihubungi", "staff:ani"),
            ("dihubungi", "terdaftar", "staff:ani"),
        ]


def test_leads_of_a_contact(services: Services) -> None:
    with services.sessions.begin() as session:
        seed_if_empty(session)
        branch, _ = branch_for_regency(session, "51.03")
        person = contact(session)
        made = [
            store.create_lead(
                session,
                data(n),
                contact=person,
                branch_id=branch.id,
                branch_flagged=False,
                now=FIXED_NOW,
            )
            for n in ("5103061508950001", "5103065508950002")
        ]
        assert store.leads_of_contact(session, person) == made


def test_the_sample_covers_the_pilot_provinces_and_routes(services: Services) -> None:
    with services.sessions.begin() as session:
        result = seed_if_empty(session)
        assert result and result.areas >= 84
        assert seed_if_empty(session) is None, "only into an empty table"
        served = {r for b in list_branches(session) for r in b["regencies"]}  # type: ignore[attr-defined]
        assert {"51.03", "32.73", "33.74", "63.71"} <= served
        badung, flagged = branch_for_regency(session, "51.03")
        assert (badung.code, flagged) == ("badung", False)
        fallback, flagged = branch_for_regency(session, "31.74")  # Jakarta: not in the sample
        assert flagged and fallback.code == "denpasar"  # the sample's default office


@pytest.mark.parametrize(
    ("cell", "default"), [("TRUE", True), ("1", True), ("Y", True), ("0", False), ("tidak", False)]
)
def test_import_reads_the_default_column(services: Services, cell: str, default: bool) -> None:
    """A yes in is_default (chatwords' file_yes table) makes the office the default one."""
    csv = f"branch_code,branch_name,province,regency_code,is_default\npusat,Kantor Pusat,DKI Jakarta,31.71,{cell}\n"
    with services.sessions.begin() as session:
        import_branches(session, SEED)
        import_branches(session, csv)
        fallback, _ = branch_for_regency(session, "94.71")
        assert (fallback.code == "pusat") is default


def test_import_is_idempotent_moves_areas_and_marks_the_default(services: Services) -> None:
    csv = (
        "branch_code,branch_name,province,regency_code,is_default\n"
        "# a comment line\n"
        "pusat,Kantor Pusat,DKI Jakarta,31.71,ya\n"
        "badung,Kantor Cabang Badung,Bali,51.03,\n"
    )
    with services.sessions.begin() as session:
        import_branches(session, SEED)
        import_branches(session, SEED)
        import_branches(session, csv)
        assert len(list_branches(session)) == 58
        assert branch_for_regency(session, "31.71") == (
            session.scalars(select(Branch).where(Branch.code == "pusat")).one(),
            False,
        )
        fallback, flagged = branch_for_regency(session, "94.71")
        assert (fallback.code, flagged) == ("pusat", True)
        import_branches(
            session,
            "branch_code,branch_name,province,regency_code\n"
            "denpasar,Kantor Cabang Denpasar,Bali,51.03\n",
        )
        assert branch_for_regency(session, "51.03")[0].code == "denpasar", "the area moved"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code,name\nx,y\n", "missing column"),
        ("branch_code,branch_name,province,regency_code\nx,X,Bali,5103\n", "not like 51.03"),
        ("branch_code,branch_name,province,regency_code\nx,,Bali,51.03\n", "needs a value"),
    ],
)
def test_a_bad_csv_is_refused(services: Services, text: str, message: str) -> None:
    with services.sessions.begin() as session, pytest.raises(BranchImportError, match=message):
        import_branches(session, text)


def test_no_branch_at_all_is_an_error_not_a_lost_lead(services: Services) -> None:
    with services.sessions() as session, pytest.raises(LookupError):
        branch_for_regency(session, "51.03")


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return bot_command(list(args), tmp_path)


def test_cli_db_upgrade_loads_the_sample_and_branches_commands(tmp_path: Path) -> None:
    assert cli(tmp_path, "db", "upgrade").returncode == 0
    listed = json.loads(cli(tmp_path, "branches", "list", "--json").stdout)
    assert {"code": "badung", "name": "Kantor Cabang Badung", "regencies": ["51.03"]} in listed
    assert all(set(b) == {"code", "name", "regencies"} for b in listed)
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "branch_code,branch_name,province,regency_code\n"
        "jaksel,Kantor Cabang Jakarta Selatan,DKI Jakarta,31.74\n",
        encoding="utf-8",
    )
    imported = cli(tmp_path, "branches", "import", str(extra))
    assert imported.returncode == 0 and "1 branches" in imported.stdout
    assert cli(tmp_path, "db", "upgrade").returncode == 0  # not re-seeded over the import
    text = cli(tmp_path, "branches", "list").stdout
    assert "jaksel\tKantor Cabang Jakarta Selatan\t31.74" in text
    missing = cli(tmp_path, "branches", "import", str(tmp_path / "nope.csv"))
    assert missing.returncode == 1 and "cannot import" in missing.stderr


def test_one_open_lead_per_nik_even_from_two_chats_at_once(services: Services) -> None:
    """Two chats sending the same NIK at the same moment: the database keeps one open lead."""
    if services.settings.is_sqlite:
        pytest.skip("SQLite takes its one write lock at BEGIN: the two inserts cannot overlap")
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    with services.sessions.begin() as session:
        seed_if_empty(session)
        contacts = [
            Contact(channel="web", user_id=f"u{i}", language="id", first_seen=FIXED_NOW)
            for i in range(2)
        ]
        session.add_all(contacts)
        session.flush()
        contact_ids = [c.id for c in contacts]
        branch_id = branch_for_regency(session, "51.03")[0].id
    barrier = Barrier(2, timeout=10)

    def send(contact_id: int) -> str:
        with services.sessions.begin() as session:
            contact = session.get_one(Contact, contact_id)
            barrier.wait()
            try:
                return store.create_lead(
                    session,
                    data(),
                    contact=contact,
                    branch_id=branch_id,
                    branch_flagged=False,
                    now=FIXED_NOW,
                ).reference
            except store.DuplicateLead as duplicate:
                return f"duplicate of {duplicate.existing.reference}"

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(send, contact_ids))
    made = [o for o in outcomes if o.startswith("JMS-")]
    assert len(made) == 1 and outcomes.count(f"duplicate of {made[0]}") == 1


def test_sample_branches_keep_their_own_time_zone(services: Services) -> None:
    """Bali and Kalimantan Selatan offices count in WITA, Java in WIB; so do their officers."""
    with services.sessions.begin() as session:
        seed_if_empty(session)
        ids: dict[str, int] = {
            code: i for code, i in session.execute(select(Branch.code, Branch.id))
        }
        zones = {code: label(branch_zone(session, ids[code])) for code in ids}
        assert zones["denpasar"] == zones["banjarmasin"] == zones["tabanan"] == "WITA"
        assert zones["bandung-suci"] == zones["semarang-majapahit"] == "WIB"
        officer = create_officer(session, name="Made", branch_code="banjarbaru", now=FIXED_NOW)
        assert label(view_zone(session, Scope(officer_id=officer.id))) == "WITA"
        assert view_zone(session, Scope()) is WIB  # all branches
        assert view_zone(session, Scope(), LeadFilter(branch_id=ids["denpasar"])) is WITA


def test_the_name_search_can_use_the_trigram_index(services: Services) -> None:
    """PostgreSQL: lower(name) LIKE '%wira%' is served by ix_leads_name_trgm (migration 0007)."""
    if services.settings.is_sqlite:
        pytest.skip("PostgreSQL only: SQLite scans, in milliseconds at a million leads")
    with services.sessions() as session:
        session.execute(text("SET LOCAL enable_seqscan = off"))  # an empty table would be scanned
        search = leads_select(Scope(), LeadFilter(q="wira")).compile(dialect=services.db.dialect)
        explain = session.connection().exec_driver_sql(f"EXPLAIN {search}", search.params)
        plan = "\n".join(explain.scalars())
    assert "ix_leads_name_trgm" in plan, plan
