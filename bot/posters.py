"""QR codes and the printable A5 poster of an officer's link (PNG and PDF bytes).

The poster is for a market stall or a village hall notice board: one big QR code (WhatsApp
when the bot has a number, else Telegram), three short lines on how to join, the officer's
name and code, and the warning that joining never means paying a person. It is printed in
Indonesian whatever the officer's chat language, because it is read by the public.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

from bot.domain.referral import LinkConfig, Links, links
from bot.storage.models import Branch, Officer

DPI = 200
A5_MM = (148, 210)
A5_PX = tuple(round(mm / 25.4 * DPI) for mm in A5_MM)  # (1165, 1654)
MARGIN = round(A5_PX[0] * 0.07)
BLUE = (0, 84, 166)
GREEN = (0, 133, 62)
DARK = (33, 33, 33)
_FONTS = Path("/usr/share/fonts/truetype/dejavu")

FreeFont = ImageFont.FreeTypeFont | ImageFont.ImageFont


def qr_png(link: str, *, scale: int = 10) -> bytes:
    """A QR code of `link` as PNG, with the quiet zone scanners need."""
    out = io.BytesIO()
    segno.make(link, error="m", micro=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


@dataclass(frozen=True)
class PosterData:
    """What one poster shows."""

    officer_name: str
    code: str
    branch_name: str
    links: Links


def poster_data(officer: Officer, branch: Branch, config: LinkConfig) -> PosterData:
    """What an officer's poster shows.

    The dashboard's poster route renders
    `poster_png(poster_data(officer, branch, LinkConfig.from_settings(settings)))`.
    """
    return PosterData(officer.name, officer.code, branch.name, links(officer.code, config))


@cache
def _font(size: int, bold: bool = False) -> FreeFont:
    """DejaVu Sans where installed; else Pillow's built-in font, which scales since 10.1."""
    path = _FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.is_file():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: FreeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _steps(data: PosterData) -> tuple[str, str, str]:
    if data.links.whatsapp:
        return (
            "1. Buka kamera HP Anda dan arahkan ke kode QR ini.",
            "2. WhatsApp terbuka. Tekan Kirim pada pesan yang sudah terisi.",
            "3. Jawab pertanyaannya. Kantor cabang akan menghubungi Anda.",
        )
    return (
        "1. Buka kamera HP Anda dan arahkan ke kode QR ini.",
        "2. Telegram terbuka. Tekan tombol Mulai (Start).",
        "3. Jawab pertanyaannya. Kantor cabang akan menghubungi Anda.",
    )


def poster_image(data: PosterData) -> Image.Image:
    """The A5 poster, portrait, at 200 dpi."""
    width, height = A5_PX
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    inner = width - 2 * MARGIN
    draw.rectangle((0, 0, width, round(height * 0.12)), fill=BLUE)
    y = round(height * 0.025)
    for line in _wrap(draw, "Daftar BPJS Ketenagakerjaan lewat chat", _font(58, bold=True), inner):
        draw.text((width // 2, y), line, font=_font(58, bold=True), fill="white", anchor="ma")
        y += 70

    link = data.links.whatsapp or data.links.telegram
    qr = Image.open(io.BytesIO(qr_png(link, scale=1))).convert("RGB")
    side = round(width * 0.55) // qr.width * qr.width  # whole pixels per module: crisp edges
    qr = qr.resize((side, side), Image.Resampling.NEAREST)
    y = round(height * 0.15)
    image.paste(qr, ((width - side) // 2, y))
    y += side + 10
    channel = "WhatsApp" if data.links.whatsapp else "Telegram"
    scan = f"Pindai untuk chat lewat {channel}"
    draw.text((width // 2, y), scan, font=_font(34), fill=DARK, anchor="ma")
    y += 70

    for step in _steps(data):
        for line in _wrap(draw, step, _font(36), inner):
            draw.text((MARGIN, y), line, font=_font(36), fill=DARK)
            y += 46
        y += 14

    y += 16
    draw.line((MARGIN, y, width - MARGIN, y), fill=BLUE, width=3)
    y += 24
    for line in _wrap(draw, f"Petugas: {data.officer_name}", _font(40, bold=True), inner)[:2]:
        draw.text((MARGIN, y), line, font=_font(40, bold=True), fill=BLUE)
        y += 54
    for line in _wrap(draw, f"Kode: {data.code} · {data.branch_name}", _font(34), inner)[:2]:
        draw.text((MARGIN, y), line, font=_font(34), fill=DARK)
        y += 46
    y += 14
    warning = (
        f"Gratis. Mendaftar dan membayar iuran tidak pernah lewat orang atau rekening "
        f"pribadi. Cek petugas: ketik CEK PETUGAS {data.code} di chat."
    )
    for line in _wrap(draw, warning, _font(30, bold=True), inner):
        draw.text((MARGIN, y), line, font=_font(30, bold=True), fill=GREEN)
        y += 40
    draw.text((width // 2, height - MARGIN // 2), link, font=_font(22), fill=DARK, anchor="md")
    return image


def poster_png(data: PosterData) -> bytes:
    out = io.BytesIO()
    poster_image(data).save(out, format="PNG", dpi=(DPI, DPI), optimize=True)
    return out.getvalue()


def poster_pdf(data: PosterData) -> bytes:
    """One A5 page: Pillow writes the page size from the pixel size and the resolution."""
    out = io.BytesIO()
    poster_image(data).save(out, format="PDF", resolution=DPI)
    return out.getvalue()
