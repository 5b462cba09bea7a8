"""Server-rendered SVG bar charts: readable at a glance, no JavaScript, scale to any width."""

from __future__ import annotations

from markupsafe import Markup, escape

BAR = "#1b7f3b"


def bars(items: list[tuple[str, int]], *, label_width: int = 160) -> Markup:
    """Horizontal bars, one per (label, count), the count at the bar's end."""
    if not items:
        return Markup("")
    top = max(n for _, n in items) or 1
    row, width = 26, 460
    span = width - label_width - 60
    parts = [
        f'<svg class="chart bars" viewBox="0 0 {width} {row * len(items) + 4}" role="img" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, n) in enumerate(items):
        y = i * row + 2
        w = max(1, round(span * n / top)) if n else 0
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 17}" text-anchor="end" font-size="13">'
            f"{escape(short)}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{w}" height="{row - 8}" '
            f'fill="{BAR}" rx="2">'
            f"<title>{escape(label)}: {n}</title></rect>"
            f'<text x="{label_width + w + 6}" y="{y + 17}" font-size="13">{n}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def columns(items: list[tuple[str, int]]) -> Markup:
    """Vertical columns over time (one per day), labels under every few columns.

    Drawn 400 wide and shown at most 640 px wide (base.html): its text stays 10 to 19 px
    from a phone to a desktop, where a wider drawing was 6 px on a phone and 23 on a desktop.
    """
    if not items:
        return Markup("")
    top = max(n for _, n in items) or 1
    width, height, base = 400, 160, 136
    step = width / len(items)
    every = max(1, len(items) // 6)
    parts = [
        f'<svg class="chart days" viewBox="0 0 {width} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<text x="2" y="12" font-size="12">{top}</text>',
        f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#999"/>',
    ]
    for i, (label, n) in enumerate(items):
        h = round((base - 20) * n / top)
        x = i * step
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{base - h}" width="{max(step - 2, 1):.1f}" height="{h}" '
            f'fill="{BAR}"><title>{escape(label)}: {n}</title></rect>'
        )
        if i % every == 0 and x < width - 40:
            parts.append(f'<text x="{x:.1f}" y="{base + 17}" font-size="12">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
