"""What staff read on the dashboard's pages, role by role (found by looking at screenshots).

Each row of a list of several branches in its own branch's time; where a lead came from and
which office it went to, flagged when no office serves its regency; an officer's own link and
QR code; no status code, channel code or English note left raw on an Indonesian page.
"""

from __future__ import annotations

import re

from sqlalchemy import delete, select, update

from bot.conversation import Channel, Incoming, Kind, Reply
from bot.services import Services
from bot.storage import outbox
from bot.storage.branches import SEED, import_branches
from bot.storage.models import BranchArea, Lead, LeadEvent, Officer
from tests.conftest import FIXED_NOW
from tests.web.test_dashboard_http import (
    World,
    bali_night_lead,
    base_url,
    login,
    world,
)

__all__ = ["base_url", "world"]  # the fixtures, used by name


def cell(page: str, label: str, row_text: str) -> str:
    """The text of the cell labelled `label` in the list row that contains `row_text`."""
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", page, re.S) if row_text in r]
    assert len(rows) == 1, (row_text, len(rows))
    found = re.search(rf'data-label="{re.escape(label)}"[^>]*>(.*?)</td>', rows[0], re.S)
    assert found, (label, rows[0])
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def test_an_admin_reads_each_lead_in_its_branch_time_with_its_branch(
    base_url: str, world: World, services: Services
) -> None:
    with services.sessions() as session:
        dps = session.scalars(select(Officer.branch_id).where(Officer.id == world.wayan)).one()
    bali_night_lead(services, dps)
    with login(base_url, "admin") as client:
        listed = client.get("/dashboard/leads").text
    assert cell(listed, "Tanggal", "Komang Larut") == "21 November 2026 00:30 WITA"
    assert cell(listed, "Tanggal", "Siti Nurhaliza") == "20 November 2026 16:30 WIB"
    assert cell(listed, "Kantor cabang", "Komang Larut") == "Denpasar"
    assert cell(listed, "Kantor cabang", "Siti Nurhaliza") == "Bandung"
    assert cell(listed, "Wilayah", "Made Wirawan") == "Kuta Utara / Dalung"
    assert cell(listed, "Wilayah", "Siti Nurhaliza") == "Kota Bandung"  # no kecamatan given
    assert cell(listed, "Petugas", "Komang Larut") == "Tanpa petugas"


def test_a_lead_from_a_regency_no_office_serves_is_flagged_in_the_list(
    base_url: str, world: World, services: Services
) -> None:
    with services.sessions.begin() as session:
        session.execute(
            update(Lead)
            .where(Lead.id == world.dps_other_lead)
            .values(regency_code="11.71", branch_flagged=True)
        )
    with login(base_url, "dps") as client:
        listed = client.get("/dashboard/leads").text
    region = cell(listed, "Wilayah", "HYPERLINK")
    assert region.startswith("Kota Banda Aceh") and "belum dilayani cabang mana pun" in region
    assert "belum dilayani" not in cell(listed, "Wilayah", "Made Wirawan")
    assert 'data-label="Kantor cabang"' not in listed  # a branch admin sees one branch only


def test_an_officer_finds_their_own_link_qr_code_and_poster(
    base_url: str, world: World, services: Services
) -> None:
    with services.sessions() as session:
        code = session.get_one(Officer, world.wayan).code
    with login(base_url, "wayan") as client:
        overview = client.get("/dashboard/").text
        assert "Tautan dan kode QR Anda" in overview and f"<code>{code}</code>" in overview
        assert 'id="per-officer"' not in overview  # their own count is the whole funnel
        assert f"?start={code}" in overview
        assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="Kode QR', overview)
        own = client.get(f"/dashboard/officers/{world.wayan}/poster.png")
        assert own.status_code == 200 and own.headers["content-type"] == "image/png"
        assert client.get(f"/dashboard/officers/{world.asep}/poster.png").status_code == 404
    with login(base_url, "dps") as client:
        assert "Tautan dan kode QR Anda" not in client.get("/dashboard/").text


def test_the_sample_mapping_is_labelled_on_every_page_that_names_a_branch(
    base_url: str, world: World, services: Services
) -> None:
    note = "pemetaan contoh, bukan pemetaan resmi"
    with services.sessions.begin() as session:
        session.execute(delete(BranchArea))
        import_branches(session, SEED)
    with login(base_url, "admin") as client:
        for path in (
            f"/dashboard/leads/{world.dps_lead}",
            "/dashboard/officers",
            "/dashboard/handovers/",
        ):
            assert note in client.get(path).text, path
        assert "python -m bot branches import" in client.get("/dashboard/").text
    # Only an admin can import the real mapping: an officer is told what it is, not how.
    with login(base_url, "wayan") as client:
        page = client.get("/dashboard/").text
    assert note in page and "branches import" not in page


def test_the_outbox_says_status_channel_and_time_in_indonesian(
    base_url: str, world: World, services: Services
) -> None:
    incoming = Incoming(Channel.WHATSAPP, "6285712345678", "6285712345678", Kind.TEXT)
    with services.db.connect() as connection, connection.begin():
        outbox.write(connection, incoming, [Reply("Halo")], pending=True, now=FIXED_NOW)
    with login(base_url, "admin") as client:
        page = client.get("/dashboard/outbox").text
    assert cell(page, "Status", "5678") == "Menunggu"
    assert cell(page, "Kanal", "5678") == "WhatsApp"
    assert cell(page, "Percobaan berikutnya", "5678") == "21 November 2026 16:30 WIB"
    assert ">pending<" not in page and ">whatsapp<" not in page and " UTC" not in page


def test_an_officers_list_names_the_branch_not_its_code(base_url: str, world: World) -> None:
    with login(base_url, "admin") as client:
        page = client.get("/dashboard/officers").text
    assert cell(page, "Kantor cabang", "Wayan Sudarsana") == "Denpasar"
    assert cell(page, "Kantor cabang", "Asep Hidayat") == "Bandung"


def test_a_lead_from_a_desa_list_says_so_in_indonesian(
    base_url: str, world: World, services: Services
) -> None:
    with services.sessions.begin() as session:
        session.execute(
            update(LeadEvent)
            .where(LeadEvent.lead_id == world.dps_lead)
            .values(note="from a list of programme 7, consent by the village")
        )
        session.execute(update(Lead).where(Lead.id == world.dps_lead).values(channel="list"))
    with login(base_url, "admin") as client:
        page = client.get(f"/dashboard/leads/{world.dps_lead}").text
    assert "Dari daftar desa (program 7); persetujuan diberikan oleh desa" in page
    assert "consent by the village" not in page
    assert "<dt>Kanal</dt><dd>daftar desa</dd>" in page


def test_the_templates_page_tells_a_branch_admin_who_adds_templates(
    base_url: str, world: World
) -> None:
    with login(base_url, "dps") as client:
        page = client.get("/dashboard/templates").text
    assert "Admin menambahkannya di sini" in page and "Tambahkan di sini" not in page
    with login(base_url, "admin") as client:
        assert "Tambahkan di sini" in client.get("/dashboard/templates").text


def test_a_lead_page_offers_to_message_the_worker_only_to_who_can_send(
    base_url: str, world: World
) -> None:
    with login(base_url, "dps") as client:
        assert "Kirim pesan ke pekerja" in client.get(f"/dashboard/leads/{world.dps_lead}").text
    with login(base_url, "wayan") as client:
        page = client.get(f"/dashboard/leads/{world.dps_lead}").text
    assert "Made Wirawan" in page and "Kirim pesan ke pekerja" not in page


def test_the_chosen_dates_are_spelled_out_whatever_order_the_browser_shows(
    base_url: str, world: World
) -> None:
    """A date box shows 11/08/2026 in an English browser: the page says which day that is."""
    with login(base_url, "admin") as client:
        overview = client.get("/dashboard/?since=2026-11-08&until=2026-11-21").text
        assert "Tanggal dipilih: 8 November 2026 – 21 November 2026 (WIB)" in overview
        assert "Tanggal dipilih" not in client.get("/dashboard/leads").text
    with login(base_url, "dps") as client:
        listed = client.get("/dashboard/leads?since=2026-11-21").text
    assert "Tanggal dipilih: 21 November 2026 – … (WITA)" in listed


def test_the_charts_labels_are_page_text_and_whole(
    base_url: str, world: World, services: Services
) -> None:
    """A long officer's name is written out in full beside its bar, not cut to 25 letters."""
    long_name = "Ni Luh Putu Ayu Kusumawardhani"
    with services.sessions.begin() as session:
        session.execute(update(Officer).where(Officer.id == world.wayan).values(name=long_name))
    with login(base_url, "admin") as client:
        overview = client.get("/dashboard/?since=2026-11-01&until=2026-11-21").text
    chart = re.search(r'id="per-officer">.*?<div class="chart bars"(.*?)</div>', overview, re.S)
    assert chart and f'<span class="label">{long_name}</span>' in chart.group(1)
    assert "…" not in chart.group(1) and "<svg" not in chart.group(1)
    days = re.search(r'<div class="chart days"(.*?)</div></div>', overview, re.S)
    assert days and '<span style="left:0.0%">1 Nov</span>' in days.group(1)
