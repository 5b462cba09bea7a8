"""The programmes pages over real HTTP: what each role sees, the pemda scope, exports, uploads."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date

import openpyxl
import pytest
from sqlalchemy import select

from bot.crypto import Crypto
from bot.services import Services
from bot.storage.models import AuditEvent, Programme
from bot.storage.programmes import create_programme, import_list, mark_active
from bot.storage.staff import add_staff
from bot.web.app import create_app
from tests.conftest import FIXED_NOW
from tests.stubs.server import serve
from tests.web.test_dashboard_http import PASSWORD, csrf_of, login, seed

KEDONGANAN, DALUNG, CIPAGANTI = "51.03.01.1003", "51.03.06.2006", "32.73.02.1001"
LIST = [
    {
        "nik": "5103014101900001",
        "name": "Ni Kadek Sari",
        "birth_date": "01-01-1990",
        "occupation": "Nelayan",
        "village": "Kedonganan",
    },
    {
        "nik": "5103014101900002",
        "name": "Wayan Petani",
        "birth_date": "01-01-1990",
        "occupation": "Petani",
        "village": "Kedonganan",
    },
]


@pytest.fixture
def programmes(services: Services) -> dict[str, int]:
    seed(services)
    crypto = Crypto(services.settings.secret_key)
    with services.sessions.begin() as session:
        ids = {}
        for code in (KEDONGANAN, DALUNG, CIPAGANTI):
            programme = create_programme(session, area_code=code, funding="SD", now=FIXED_NOW)
            ids[code] = programme.id
        kedonganan = session.get(Programme, ids[KEDONGANAN])
        assert kedonganan is not None
        import_list(session, kedonganan, LIST, crypto=crypto, actor="t", now=FIXED_NOW)
        mark_active(session, kedonganan, FIXED_NOW.date())  # its first month, November 2026
        for username, regency in (("badung", "51.03"), ("bandung", "32.73")):
            add_staff(
                session,
                username=username,
                password=PASSWORD,
                role="pemda",
                regency_code=regency,
                now=FIXED_NOW,
            )
    return ids


@pytest.fixture
def url(services: Services, programmes: dict[str, int]) -> Iterator[str]:
    with serve(create_app(services)) as base:
        yield base


def test_a_pemda_sees_its_kabupaten_only_and_no_nik(url: str, programmes: dict[str, int]) -> None:
    with login(url, "badung") as client:
        page = client.get("/dashboard/programmes/")
        assert page.status_code == 200
        text = page.text
        assert "Desa Kedonganan, Kuta, Kabupaten Badung" in text
        assert "Desa Dalung, Kuta Utara, Kabupaten Badung" in text
        assert "Cipaganti" not in text
        assert "2 / 100" in text and "Rp403.200" in text and "Rp20.160.000" in text
        assert "Nelayan" in text and "Petani" in text  # coverage per occupation
        paid = re.findall(r'data-label="Bulan dibayar"><span>(\d+)', text)
        assert paid == ["1", "0"]  # Kedonganan paid November (today 21 November); Dalung not
        assert "5103014101900001" not in text and "export.xlsx" not in text
        assert "Tambah program" not in text  # read-only
        assert "Denpasar" in text and "(contoh)" not in text  # the branches were imported
        kedonganan = programmes[KEDONGANAN]
        assert client.get(f"/dashboard/programmes/{kedonganan}/export.csv").status_code == 403
        token = csrf_of(client)
        denied = client.post(
            f"/dashboard/programmes/{kedonganan}/export.xlsx", data={"csrf": token, "nik": "1"}
        )
        assert denied.status_code == 403
        post = client.post(
            f"/dashboard/programmes/{kedonganan}/active", data={"csrf": token, "active_from": ""}
        )
        assert post.status_code == 403
        home = client.get("/dashboard/")  # a pemda login's home is the programmes page
        assert home.status_code == 303 and home.headers["location"] == "/dashboard/programmes/"
        for path in ("/dashboard/leads", "/dashboard/leads/export.csv", "/dashboard/handovers/"):
            page = client.get(path)  # typed by hand: refused, with the way back to its pages
            assert page.status_code == 403, path
            assert "Made Wirawan" not in page.text and "Ni Kadek Sari" not in page.text, path
            assert "Kembali ke program desa &amp; pemda" in page.text, path
    with login(url, "bandung") as client:
        text = client.get("/dashboard/programmes/").text
        assert "Cipaganti" in text and "Kedonganan" not in text


def test_the_collective_export_has_nik_only_by_audited_post(
    url: str, programmes: dict[str, int], services: Services
) -> None:
    kedonganan = programmes[KEDONGANAN]
    with login(url, "dps") as client:
        plain = client.get(f"/dashboard/programmes/{kedonganan}/export.csv")
        rows = list(csv.reader(io.StringIO(plain.content.decode("utf-8-sig"))))
        assert [row[0] for row in rows[1:]] == ["*" * 16, "*" * 16]
        with_nik = client.post(
            f"/dashboard/programmes/{kedonganan}/export.xlsx",
            data={"csrf": csrf_of(client), "nik": "1"},
        )
        sheet = openpyxl.load_workbook(io.BytesIO(with_nik.content)).active
        assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [
            "5103014101900001",
            "5103014101900002",
        ]
    with services.sessions() as session:
        audit = session.scalars(select(AuditEvent)).one()
    assert (audit.actor, audit.action, audit.rows) == ("staff:dps", "export_nik", 2)
    assert audit.detail == f'{{"programme": {kedonganan}}}'
    with login(url, "bdg") as client:  # another branch's programme does not exist for them
        assert client.get(f"/dashboard/programmes/{kedonganan}/export.csv").status_code == 404


def test_a_branch_admin_uploads_a_list_and_downloads_its_report(
    url: str, programmes: dict[str, int]
) -> None:
    dalung = programmes[DALUNG]
    body = "NIK,Nama,Tanggal lahir,Pekerjaan,Desa/kelurahan\n"
    body += "5103064101900003,Komang Dalung,01-01-1990,Pemulung,Dalung\n"
    body += "5103064101900004,Putu Jauh,01-01-1990,Pemulung,Kedonganan\n"
    with login(url, "dps") as client:
        report = client.post(
            f"/dashboard/programmes/{dalung}/import",
            data={"csrf": csrf_of(client)},
            files={"list": ("daftar.csv", body.encode(), "text/csv")},
        )
        assert report.status_code == 200
        rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
        assert [row[3] for row in rows[1:]] == ["diterima", "ditolak"]
        assert rows[2][4].startswith("village.outside")
        page = client.get("/dashboard/programmes/").text
        assert "1 / 100" in page


def test_a_programme_says_its_first_month_as_a_month(url: str) -> None:
    """A start month reads "12 bulan sejak November 2026"; one heading for every row."""
    with login(url, "dps") as client:
        text = client.get("/dashboard/programmes/").text
    assert "12 bulan sejak November 2026" in text and "sejak 1 November" not in text
    assert "Per program</h2>" in text and "Per desa</h2>" not in text
    # Month fields are text, not the browser's month picker (drawn in the browser's language):
    # a month shows by name, an empty field says how to type one.
    assert 'type="month"' not in text
    assert re.search(r'name="active_from" value="November 2026"', text)
    assert re.search(r'name="active_from" value="" placeholder="mis. 01/2027"', text)


@pytest.mark.parametrize(("typed", "month"), [("Agustus 2026", date(2026, 8, 1)), ("", None)])
def test_the_paid_from_month_is_read_as_the_page_shows_it(
    url: str, programmes: dict[str, int], services: Services, typed: str, month: date | None
) -> None:
    with login(url, "dps") as client:
        saved = client.post(
            f"/dashboard/programmes/{programmes[DALUNG]}/active",
            data={"csrf": csrf_of(client), "active_from": typed},
        )
    assert saved.status_code == 303
    with services.sessions() as session:
        assert session.get_one(Programme, programmes[DALUNG]).active_from == month


def test_a_paid_from_month_that_is_no_month_is_refused_not_cleared(
    url: str, programmes: dict[str, int], services: Services
) -> None:
    kedonganan = programmes[KEDONGANAN]
    with login(url, "dps") as client:
        refused = client.post(
            f"/dashboard/programmes/{kedonganan}/active",
            data={"csrf": csrf_of(client), "active_from": "Novembr 2026"},
        )
    assert refused.status_code == 400
    assert "Tulis bulan seperti 11/2026 atau November 2026." in refused.text
    with services.sessions() as session:
        assert session.get_one(Programme, kedonganan).active_from == date(2026, 11, 1)


def test_counts_are_written_with_indonesian_digit_grouping(url: str, services: Services) -> None:
    """A kabupaten's 2682 places read 2.682, as Rupiah's Rp360.460.800 does beside them."""
    with services.sessions.begin() as session:
        badung = create_programme(
            session, area_code="51.03", funding="SG", quota=2682, months=8, now=FIXED_NOW
        )
        badung_id = badung.id
    with login(url, "dps") as client:
        listed = client.get("/dashboard/programmes/").text
        edit = client.get(f"/dashboard/programmes/{badung_id}/edit").text
    assert "0 / 2.682" in listed and "2682" not in listed
    assert "0 / 2.682" in edit and "2.682 pekerja × Rp16.800 sebulan × 8 bulan" in edit
    assert 'value="2682"' in edit  # the form's own box keeps the plain number to type over


def test_a_pemda_refused_a_page_is_sent_back_to_its_programmes(url: str) -> None:
    """Not to the leads list, which a Pemda login does not have (refused, no menu link)."""
    with login(url, "badung") as client:
        refused = client.get("/dashboard/officers")
    assert refused.status_code == 403
    assert (
        '<a href="/dashboard/programmes/">Kembali ke program desa &amp; pemda</a>' in refused.text
    )
    assert 'href="/dashboard/leads"' not in refused.text
