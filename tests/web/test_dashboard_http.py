"""The branch dashboard over real HTTP: every route checked for every role, CSRF, rate limit, audit."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from sqlalchemy import delete, select

from bot.crypto import Crypto
from bot.services import Services
from bot.storage.branches import SEED, import_branches
from bot.storage.leads import LeadData, create_lead
from bot.storage.login_limits import USERNAME
from bot.storage.models import BranchArea, Contact, LeadEvent, Officer, Staff
from bot.storage.officers import create_officer
from bot.storage.staff import add_staff
from bot.web.app import create_app
from tests.conftest import FIXED_NOW
from tests.databases import drop_connections
from tests.stubs.server import serve

PASSWORD = "rahasia-kantor-123"
BRANCHES = """branch_code,branch_name,province,regency_code
DPS,Denpasar,Bali,51.71
DPS,Denpasar,Bali,51.03
BDG,Bandung,Jawa Barat,32.73
"""
NIK = "5103061203900001"
BALI_NIGHT = datetime(2026, 11, 20, 16, 30, tzinfo=UTC)  # 21 Nov 00:30 WITA, 20 Nov 23:30 WIB


@dataclass
class World:
    """What the tests log in as and look at: ids of leads and officers in two branches."""

    dps_lead: int  # Denpasar, brought by officer Wayan
    dps_other_lead: int  # Denpasar, no officer
    bdg_lead: int  # Bandung, brought by officer Asep
    wayan: int
    asep: int
    references: dict[str, str]


def _lead(
    session,
    crypto: Crypto,
    contact_id: str,
    name: str,
    officer: Officer | None,
    branch_id: int,  # type: ignore[no-untyped-def]
    regency: str,
    district: str | None,
    village: str | None,
    phone: str,
    days_ago: int = 0,
    sponsored: bool = False,
    at: datetime | None = None,
) -> int:
    contact = Contact(
        channel="telegram",
        user_id=contact_id,
        language="id",
        first_seen=FIXED_NOW,
        officer_id=officer.id if officer else None,
    )
    session.add(contact)
    session.flush()
    data = LeadData(
        name=name,
        nik_encrypted=crypto.encrypt(NIK),
        nik_hash=crypto.hash(NIK + contact_id),
        birth_date=date(1990, 3, 12),
        gender="L",
        phone=phone,
        regency_code=regency,
        district_code=district,
        village_code=village,
        address="Jl. Raya Dalung 7",
        occupation="Pedagang pasar",
        programs=["jkk", "jkm"],
        monthly_income=2_500_000,
        consent_version="2026-11",
        consent_at=FIXED_NOW,
        sponsored_interest=sponsored,
    )
    lead = create_lead(
        session,
        data,
        contact=contact,
        branch_id=branch_id,
        branch_flagged=False,
        now=at or FIXED_NOW - timedelta(days=days_ago),
    )
    return lead.id


def bali_night_lead(services: Services, branch_id: int, contact_id: str = "c4") -> int:
    """Komang Larut's lead in a Denpasar (WITA) branch at BALI_NIGHT: a day apart in WIB."""
    with services.sessions.begin() as session:
        return _lead(
            session,
            Crypto(services.settings.secret_key),
            contact_id,
            "Komang Larut",
            None,
            branch_id,
            "51.71",
            None,
            None,
            "+6281111222333",
            at=BALI_NIGHT,
        )


def seed(services: Services) -> World:
    crypto = Crypto(services.settings.secret_key)
    with services.sessions.begin() as session:
        import_branches(session, BRANCHES)
        wayan = create_officer(session, name="Wayan Sudarsana", branch_code="DPS", now=FIXED_NOW)
        asep = create_officer(session, name="Asep Hidayat", branch_code="BDG", now=FIXED_NOW)
        dps = wayan.branch_id
        bdg = asep.branch_id
        ids = dict(
            dps_lead=_lead(
                session,
                crypto,
                "c1",
                "Made Wirawan",
                wayan,
                dps,
                "51.03",
                "51.03.06",
                "51.03.06.2006",
                "+6281234567890",
                sponsored=True,
            ),
            dps_other_lead=_lead(
                session,
                crypto,
                "c2",
                '=HYPERLINK("http://x")',
                None,
                dps,
                "51.71",
                None,
                None,
                "+6285712345678",
                days_ago=3,
            ),
            bdg_lead=_lead(
                session,
                crypto,
                "c3",
                "Siti Nurhaliza",
                asep,
                bdg,
                "32.73",
                None,
                None,
                "+6281398765432",
                days_ago=1,
            ),
        )
        for username, role, branch, officer in [
            ("admin", "admin", None, None),
            ("dps", "branch_admin", "DPS", None),
            ("bdg", "branch_admin", "BDG", None),
            ("wayan", "officer", None, wayan.code),
        ]:
            add_staff(
                session,
                username=username,
                password=PASSWORD,
                role=role,
                branch_code=branch,
                officer_code=officer,
                now=FIXED_NOW,
            )
        from bot.storage.models import Lead

        references = {str(lead.id): lead.reference for lead in session.scalars(select(Lead))}
        return World(wayan=wayan.id, asep=asep.id, references=references, **ids)


@pytest.fixture
def world(services: Services) -> World:
    return seed(services)


@pytest.fixture
def base_url(services: Services, world: World) -> Iterator[str]:
    with serve(create_app(services)) as url:
        yield url


CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@contextmanager
def login(base_url: str, username: str, password: str = PASSWORD) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, follow_redirects=False, timeout=30) as client:
        page = client.get("/dashboard/login")
        token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
        response = client.post(
            "/dashboard/login",
            data={
                "username": username,
                "password": password,
                "csrf": token,
                "next": "/dashboard/leads",
            },
        )
        assert response.status_code == 303, response.text
        assert response.headers["location"] == "/dashboard/leads"
        yield client


def csrf_of(client: httpx.Client) -> str:
    return CSRF.search(client.get("/dashboard/leads").text).group(1)  # type: ignore[union-attr]


def routes(w: World) -> list[tuple[str, str]]:
    """Every dashboard route (but the login form), with real ids."""
    return [
        ("GET", "/dashboard/"),
        ("GET", "/dashboard/leads"),
        ("GET", "/dashboard/leads/export.csv"),
        ("GET", "/dashboard/leads/export.xlsx"),
        ("GET", f"/dashboard/leads/{w.dps_lead}"),
        ("POST", f"/dashboard/leads/{w.dps_lead}/status"),
        ("POST", f"/dashboard/leads/{w.dps_lead}/nik"),
        ("GET", "/dashboard/officers"),
        ("POST", "/dashboard/officers"),
        ("POST", f"/dashboard/officers/{w.wayan}/deactivate"),
        ("POST", f"/dashboard/officers/{w.wayan}/activate"),
        ("GET", f"/dashboard/officers/{w.wayan}/poster.png"),
        ("GET", f"/dashboard/officers/{w.wayan}/poster.pdf"),
        ("POST", "/dashboard/logout"),
    ]


def test_anonymous_is_sent_to_the_login_on_every_route(base_url: str, world: World) -> None:
    with httpx.Client(base_url=base_url, follow_redirects=False) as client:
        for method, path in routes(world):
            response = client.request(method, path, data={"csrf": "x"})
            assert response.status_code == 303, (method, path)
            assert response.headers["location"].startswith("/dashboard/login?next="), path
        page = client.get("/dashboard/login")
        assert page.status_code == 200 and 'lang="id"' in page.text and "Masuk" in page.text


def test_an_officer_reads_only_their_own_leads(base_url: str, world: World) -> None:
    with login(base_url, "wayan") as client:
        token = csrf_of(client)
        listing = client.get("/dashboard/leads").text
        assert "Made Wirawan" in listing
        assert "Siti Nurhaliza" not in listing and "HYPERLINK" not in listing
        assert client.get(f"/dashboard/leads/{world.dps_lead}").status_code == 200
        assert client.get(f"/dashboard/leads/{world.dps_other_lead}").status_code == 404
        assert client.get(f"/dashboard/leads/{world.bdg_lead}").status_code == 404
        assert client.get("/dashboard/").status_code == 200
        exported = client.get("/dashboard/leads/export.csv?nik=1").content.decode("utf-8-sig")
        assert "Made Wirawan" in exported and "Siti" not in exported and NIK not in exported
        assert client.get("/dashboard/leads/export.xlsx").status_code == 200
        lead_page = client.get(f"/dashboard/leads/{world.dps_lead}").text
        assert (
            "5103********0001" in lead_page
            and NIK not in lead_page
            and "Tampilkan NIK" not in lead_page
        )
        writes = [(m, p) for m, p in routes(world) if m == "POST" and not p.endswith("logout")]
        for method, path in writes + [("GET", "/dashboard/officers")]:
            assert (
                client.request(
                    method, path, data={"csrf": token, "status": "dihubungi"}
                ).status_code
                == 403
            ), path


def test_a_branch_admin_works_only_in_their_branch(
    base_url: str, world: World, services: Services
) -> None:
    with login(base_url, "dps") as client:
        token = csrf_of(client)
        listing = client.get("/dashboard/leads").text
        assert "Made Wirawan" in listing and "Siti Nurhaliza" not in listing
        for method, path in [
            ("GET", f"/dashboard/leads/{world.bdg_lead}"),
            ("POST", f"/dashboard/leads/{world.bdg_lead}/status"),
            ("POST", f"/dashboard/leads/{world.bdg_lead}/nik"),
            ("POST", f"/dashboard/officers/{world.asep}/deactivate"),
            ("GET", f"/dashboard/officers/{world.asep}/poster.png"),
        ]:
            assert (
                client.request(
                    method, path, data={"csrf": token, "status": "dihubungi"}
                ).status_code
                == 404
            ), path
        officers = client.get("/dashboard/officers").text
        assert "Wayan Sudarsana" in officers and "Asep" not in officers
        assert (
            client.get(f"/dashboard/officers/{world.wayan}/poster.png").headers["content-type"]
            == "image/png"
        )
        rows = list(
            csv.reader(
                io.StringIO(client.get("/dashboard/leads/export.csv").content.decode("utf-8-sig"))
            )
        )
        assert len(rows) == 3 and {r[3] for r in rows[1:]} == {
            "Made Wirawan",
            '\'=HYPERLINK("http://x")',
        }
        assert "Tidak ada lead yang cocok" in client.get("/dashboard/leads?q=Siti").text
        added = client.post(
            "/dashboard/officers",
            data={"csrf": token, "name": "ni luh putu", "phone": "0812 1111 2222"},
        )
        assert added.status_code == 303
        assert "Ni Luh Putu" in client.get("/dashboard/officers").text
        assert (
            client.post(
                f"/dashboard/officers/{world.wayan}/deactivate", data={"csrf": token}
            ).status_code
            == 303
        )
    with services.sessions() as session:
        assert session.get_one(Officer, world.wayan).active is False
        assert session.get_one(Officer, world.asep).active is True


def test_an_admin_reaches_every_branch(base_url: str, world: World) -> None:
    with login(base_url, "admin") as client:
        token = csrf_of(client)
        listing = client.get("/dashboard/leads").text
        assert "Made Wirawan" in listing and "Siti Nurhaliza" in listing
        for method, path in routes(world):
            if path.endswith("logout"):
                continue
            data = {"csrf": token, "status": "dihubungi", "name": "Komang Ayu", "branch": ""}
            response = client.request(method, path, data=data)
            assert response.status_code in (200, 303, 400), (path, response.status_code)
        assert client.get(f"/dashboard/leads/{world.bdg_lead}").status_code == 200
        assert client.get("/dashboard/leads/999999").status_code == 404
        assert client.post("/dashboard/logout", data={"csrf": token}).status_code == 303
        assert client.get("/dashboard/leads").status_code == 303  # the cookie is gone


@pytest.mark.parametrize("token", [None, "wrong"])
def test_a_post_without_the_right_csrf_token_is_refused(
    base_url: str, world: World, token: str | None
) -> None:
    with login(base_url, "admin") as client:
        for method, path in routes(world):
            if method == "POST":
                data = {"status": "dihubungi", "name": "X"} | ({"csrf": token} if token else {})
                assert client.post(path, data=data).status_code == 403, path
    with httpx.Client(base_url=base_url) as client:
        client.get("/dashboard/login")
        refused = client.post(
            "/dashboard/login",
            data={"username": "admin", "password": PASSWORD, **({"csrf": token} if token else {})},
        )
        assert refused.status_code == 403


def test_logins_are_rate_limited(base_url: str, world: World) -> None:
    with httpx.Client(base_url=base_url, follow_redirects=False) as client:

        def attempt(username: str, password: str) -> httpx.Response:
            token = CSRF.search(client.get("/dashboard/login").text).group(1)  # type: ignore[union-attr]
            return client.post(
                "/dashboard/login", data={"username": username, "password": password, "csrf": token}
            )

        for _ in range(USERNAME.free):
            wrong = attempt("dps", "bukan-sandinya")
            assert wrong.status_code == 401 and "Nama pengguna atau kata sandi salah" in wrong.text
        blocked = attempt("dps", PASSWORD)
        assert blocked.status_code == 429 and "Tunggu 5 detik" in blocked.text
        assert blocked.headers["Retry-After"] == "5"
        assert attempt("bdg", PASSWORD).status_code == 303  # another login is not slowed


def test_a_status_change_with_a_note_is_recorded(
    base_url: str, world: World, services: Services
) -> None:
    with login(base_url, "dps") as client:
        token = csrf_of(client)
        path = f"/dashboard/leads/{world.dps_lead}"
        assert (
            client.post(path + "/status", data={"csrf": token, "status": "terdaftar"}).status_code
            == 400
        )
        done = client.post(
            path + "/status",
            data={
                "csrf": token,
                "status": "dihubungi",
                "note": "Ditelepon, minta dikirimi formulir",
            },
        )
        assert done.status_code == 303 and done.headers["location"] == path
        page = client.get(path).text
        assert (
            "Dihubungi" in page
            and "Ditelepon, minta dikirimi formulir" in page
            and "staff:dps" in page
        )
        assert (
            client.post(path + "/status", data={"csrf": token, "status": "terdaftar"}).status_code
            == 303
        )
    with services.sessions() as session:
        events = session.scalars(
            select(LeadEvent).where(LeadEvent.lead_id == world.dps_lead).order_by(LeadEvent.id)
        ).all()
        assert [(e.from_status, e.to_status) for e in events] == [
            (None, "baru"),
            ("baru", "dihubungi"),
            ("dihubungi", "terdaftar"),
        ]


def test_revealing_a_nik_is_logged(base_url: str, world: World, services: Services) -> None:
    with login(base_url, "dps") as client:
        token = csrf_of(client)
        path = f"/dashboard/leads/{world.dps_lead}"
        masked = client.get(path).text
        assert "5103********0001" in masked and NIK not in masked
        shown = client.post(path + "/nik", data={"csrf": token})
        assert shown.status_code == 200 and NIK in shown.text
        assert shown.headers["cache-control"] == "no-store"
        assert NIK not in client.get(path).text  # masked again on the next view
    with services.sessions() as session:
        audit = session.scalars(select(LeadEvent).where(LeadEvent.note == "NIK ditampilkan")).all()
        assert [(e.lead_id, e.actor, e.to_status) for e in audit] == [
            (world.dps_lead, "staff:dps", None)
        ]


def test_a_deactivated_login_stops_at_once(base_url: str, world: World, services: Services) -> None:
    with login(base_url, "bdg") as client:
        assert client.get("/dashboard/leads").status_code == 200
        with services.sessions.begin() as session:
            session.scalars(select(Staff).where(Staff.username == "bdg")).one().active = False
        assert client.get("/dashboard/leads").status_code == 303


def test_filters_search_and_paging(base_url: str, world: World) -> None:
    with login(base_url, "admin") as client:

        def names(query: str) -> set[str]:
            text = client.get("/dashboard/leads?" + query).text
            return {n for n in ("Made Wirawan", "Siti Nurhaliza", "HYPERLINK") if n in text}

        assert names("q=wira") == {"Made Wirawan"}
        assert names("q=0813 9876") == {"Siti Nurhaliza"}
        assert names(f"q={world.references[str(world.bdg_lead)].lower()}") == {"Siti Nurhaliza"}
        assert names("sponsored=1") == {"Made Wirawan"}
        assert names("village=51.03.06.2006") == {"Made Wirawan"}
        assert names(f"officer={world.asep}") == {"Siti Nurhaliza"}
        assert names("since=2026-11-20&until=2026-11-20") == {"Siti Nurhaliza"}
        # The date fields are text: the page shows and sends 20/11/2026; people type names too.
        assert names("since=20/11/2026&until=20+November+2026") == {"Siti Nurhaliza"}
        typed = client.get("/dashboard/leads?since=20/11/2026&until=31/11/2026").text
        assert 'id="since" name="since" value="20/11/2026"' in typed and "hh/bb/tttt" in typed
        assert "Bukan tanggal, tidak dipakai: 31/11/2026." in typed  # said, not silently dropped
        shown = client.get("/dashboard/?since=2026-11-20").text  # an old bookmark still opens
        assert 'value="20/11/2026"' in shown and 'value="21/11/2026"' in shown
        assert 'type="date"' not in typed + shown  # the browser's mm/dd/yyyy on English phones
        assert names("program=jht") == set()
        assert names("status=baru&since=nonsense") == {
            "Made Wirawan",
            "Siti Nurhaliza",
            "HYPERLINK",
        }
        page = client.get("/dashboard/").text
        assert "Dari obrolan sampai terdaftar" in page and "<svg" in page and "Kuta Utara" in page


def test_a_bali_branch_sees_its_own_wita_days_and_times(
    base_url: str, world: World, services: Services
) -> None:
    """16:30 UTC is 00:30 WITA the next day in Denpasar; an admin over all branches keeps WIB."""
    with services.sessions() as session:
        dps = session.scalars(select(Officer.branch_id).where(Officer.id == world.wayan)).one()
    late = bali_night_lead(services, dps)

    def page(client: httpx.Client, query: str) -> str:
        response = client.get(f"/dashboard/leads?{query}")
        assert response.status_code == 200
        return response.text

    with login(base_url, "dps") as client:
        listed = page(client, "since=2026-11-21&until=2026-11-21")
        assert "Komang Larut" in listed and "21 November 2026 00:30 WITA" in listed
        assert "Dari tanggal (WITA)" in listed
        assert "Komang Larut" not in page(client, "since=2026-11-20&until=2026-11-20")
        overview = client.get("/dashboard/?since=2026-11-20&until=2026-11-21").text
        per_day = dict(
            re.findall(r"<tr><td>(\d+ November 2026)</td><td class=\"num\">(\d+)</td>", overview)
        )
        assert per_day == {"20 November 2026": "0", "21 November 2026": "2"}  # Komang, Made
        export = client.get("/dashboard/leads/export.csv?since=2026-11-21&until=2026-11-21")
        rows = csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))
        assert {r["Nama"]: r["Tanggal daftar"] for r in rows}["Komang Larut"] == "2026-11-21 00:30"

    with login(base_url, "admin") as client:
        listed = page(client, "since=2026-11-20&until=2026-11-20")
        # The days asked for are WIB days; each row says its time as its branch does, the
        # same as the lead's own page, with the zone written after it.
        assert "Komang Larut" in listed and "21 November 2026 00:30 WITA" in listed
        assert "Dari tanggal (WIB)" in listed
        narrowed = page(client, f"branch={dps}&since=2026-11-21&until=2026-11-21")
        assert "Komang Larut" in narrowed and "Dari tanggal (WITA)" in narrowed
        assert "21 November 2026 00:30 WITA" in client.get(f"/dashboard/leads/{late}").text


def test_a_page_after_a_database_restart_loads(
    base_url: str, world: World, services: Services
) -> None:
    if services.settings.is_sqlite:
        pytest.skip("no server to restart")
    with login(base_url, "wayan") as client:
        assert client.get("/dashboard/leads").status_code == 200  # a pooled connection, in use
        drop_connections(services.db.url.render_as_string(hide_password=False))
        page = client.get("/dashboard/leads")
    assert page.status_code == 200 and "Made Wirawan" in page.text


def test_the_shipped_sample_branch_mapping_is_labelled_contoh(
    base_url: str, world: World, services: Services
) -> None:
    note = "pemetaan contoh, bukan pemetaan resmi"
    with login(base_url, "admin") as client:
        assert note not in client.get("/dashboard/").text  # this world imported its own
        with services.sessions.begin() as session:
            session.execute(delete(BranchArea))
            import_branches(session, SEED)  # back to the shipped sample
        assert note in client.get("/dashboard/").text
        assert note in client.get("/dashboard/leads").text
