"""Server-rendered bar charts, no JavaScript: their text is page text, the same size at any width.

The bars are HTML (a label, a bar, its count on one grid row); the day chart's columns are an
SVG stretched to the card's full width, its dates and top value HTML under and over it. A
drawing whose text scaled with it read 7 px on a phone, or stayed 640 px wide on a desktop.
Both are decoration: the table beside each chart carries the numbers for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

BAR = "#1b7f3b"
#: The longest bar's share of its row: the rest keeps room for the count after it.
LONGEST = 85
#: Dates drawn under every few columns, not right of this share of the width (they would clip).
LAST_LABEL = 88


def bars(items: list[tuple[str, int]], number: Callable[[int], str]) -> Markup:
    """Horizontal bars, one per (label, count), the count at the bar's end; labels wrap whole.

    `number` writes a count with the page language's digit grouping (2.682).
    """
    if not items:
        return Markup("")
    top = max(n for _, n in items) or 1
    rows = []
    for label, n in items:
        share = round(LONGEST * n / top, 1)
        rows.append(
            f'<span class="label">{escape(label)}</span>'
            f'<span class="track"><span class="bar" style="width:{share}%"></span>'
            f'<span class="n">{number(n)}</span></span>'
        )
    return Markup(f'<div class="chart bars" aria-hidden="true">{"".join(rows)}</div>')


def columns(items: list[tuple[str, int]], number: Callable[[int], str]) -> Markup:
    """Vertical columns over time (one per day), full width; a date under every few columns.

    `number` writes the top count with the page language's digit grouping.
    """
    if not items:
        return Markup("")
    top = max(n for _, n in items) or 1
    step, height = 10, 100
    every = max(1, len(items) // 6)
    rects, labels = [], []
    for i, (label, n) in enumerate(items):
        h = round(height * n / top, 1)
        rects.append(
            f'<rect x="{i * step + 1}" y="{height - h}" width="{step - 2}" height="{h}" '
            f'fill="{BAR}"><title>{escape(label)}: {n}</title></rect>'
        )
        left = round(100 * i / len(items), 1)
        if i % every == 0 and left < LAST_LABEL:
            labels.append(f'<span style="left:{left}%">{escape(label)}</span>')
    return Markup(
        '<div class="chart days" aria-hidden="true">'
        f'<span class="top">{number(top)}</span>'
        f'<svg viewBox="0 0 {step * len(items)} {height}" preserveAspectRatio="none" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(rects)}</svg>'
        f'<div class="axis">{"".join(labels)}</div></div>'
    )
