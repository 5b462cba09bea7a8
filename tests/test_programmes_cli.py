"""`python -m bot programmes …` as a script calls it: the shapes the issue fixes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.conftest import bot_command


def test_add_import_list_and_export_keep_their_shapes(tmp_path: Path) -> None:
    assert bot_command(["db", "upgrade"], tmp_path).returncode == 0
    added = bot_command(
        ["programmes", "add", "--village", "51.03.01.1003", "--funding", "SD", "--quota", "100"]
        + ["--months", "12", "--programs", "jkk,jkm", "--start", "2027-01", "--json"],
        tmp_path,
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == {
        "id": 1,
        "village": "51.03.01.1003",
        "funding": "SD",
        "quota": 100,
        "months": 12,
        "budget": 20_160_000,
    }
    district = bot_command(
        ["programmes", "add", "--regency", "51.03", "--funding", "SG", "--quota", "10", "--json"],
        tmp_path,
    )
    assert set(json.loads(district.stdout)) == {
        "id",
        "regency",
        "funding",
        "quota",
        "months",
        "budget",
    }
    listing = tmp_path / "daftar.csv"
    listing.write_text(
        "NIK;Nama;Tanggal lahir;Pekerjaan;Desa/kelurahan;No HP\n"
        "5103014101900001;Ni Kadek Sari;01-01-1990;Petani;Kedonganan;\n"
        "5103014101900001;Ni Kadek Sari;01-01-1990;Petani;Kedonganan;\n",
        encoding="utf-8",
    )
    report = tmp_path / "laporan.csv"
    imported = bot_command(
        ["programmes", "import", "1", str(listing), "--report", str(report)], tmp_path
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("1 accepted (0 on the waiting list), 1 refused")
    with report.open(encoding="utf-8-sig") as fh:
        assert [row[3] for row in csv.reader(fh)] == ["Hasil", "diterima", "ditolak"]
    shown = json.loads(bot_command(["programmes", "list", "--json"], tmp_path).stdout)
    assert [(p["id"], p["enrolled"], p["branch_is_sample"]) for p in shown] == [
        (1, 1, True),
        (2, 0, True),
    ]
    out = tmp_path / "kolektif.csv"
    exported = bot_command(
        ["programmes", "export", "1", "--format", "csv", "--output", str(out)], tmp_path
    )
    assert exported.returncode == 0 and exported.stdout.strip() == f"1 rows written to {out}"
