"""QR codes scan back to the officer's link; the poster is a printable A5 page."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from bot.domain.referral import LinkConfig, links
from bot.posters import PosterData, poster_image, poster_pdf, poster_png, qr_png
from tests.conftest import bot_command as run

WITH_WHATSAPP = LinkConfig("jamsostek_bot", "6281100000000")


def decode(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize(
    "link",
    ["https://t.me/jamsostek_bot?start=K7M2QX", "https://wa.me/6281100000000?text=DAFTAR%20K7M2QX"],
)
def test_the_qr_code_decodes_to_the_link(link: str) -> None:
    assert decode(qr_png(link)) == [link]


def data(config: LinkConfig) -> PosterData:
    return PosterData("Ni Wayan Sari", "K7M2QX", "Kantor Cabang Denpasar", links("K7M2QX", config))


def test_the_poster_is_an_a5_page_whose_qr_opens_whatsapp() -> None:
    png = poster_png(data(WITH_WHATSAPP))
    image = Image.open(io.BytesIO(png))
    width, height = image.size
    assert abs(height / width - 210 / 148) < 0.01  # A5 portrait
    assert width >= 148 / 25.4 * 150  # at least 150 dpi when printed on A5
    assert decode(png) == ["https://wa.me/6281100000000?text=DAFTAR%20K7M2QX"]


def test_without_a_whatsapp_number_the_poster_opens_telegram() -> None:
    image = poster_image(data(LinkConfig("jamsostek_bot")))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    assert decode(buffer.getvalue()) == ["https://t.me/jamsostek_bot?start=K7M2QX"]


def test_the_pdf_is_one_a5_page() -> None:
    pdf = poster_pdf(data(WITH_WHATSAPP))
    assert pdf.startswith(b"%PDF")
    assert b"/MediaBox [ 0 0 419.4 595.44 ]" in pdf  # 148 x 210 mm in points
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1


def test_officers_qr_writes_the_files(tmp_path: Path) -> None:
    env = {"WHATSAPP_NUMBER": "6281100000000"}
    assert run(["db", "upgrade"], tmp_path).returncode == 0
    added = run(
        ["officers", "add", "--name", "Budi", "--branch", "badung", "--json"], tmp_path, **env
    )
    code = added.stdout.split('"code": "')[1][:6]
    out = tmp_path / "out"
    result = run(["officers", "qr", "--code", code, "--output", str(out)], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [
            f"poster-{code}.pdf",
            f"poster-{code}.png",
            f"qr-{code}-telegram.png",
            f"qr-{code}-whatsapp.png",
        ]
    )
    assert decode((out / f"qr-{code}-telegram.png").read_bytes()) == [
        f"https://t.me/jamsostek_bot?start={code}"
    ]
    assert (out / f"poster-{code}.pdf").read_bytes().startswith(b"%PDF")
