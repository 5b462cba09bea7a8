"""The entry-centroid model: how an entry's groups of texts weigh in its centroid."""

from __future__ import annotations

from bot.domain.faq_model import CentroidModel

# Real questions asked of entry "a" in words of their own, none its hand phrasing's.
EXAMPLES = (
    "saldo jht saya berapa",
    "kartu peserta hilang",
    "ganti nomor hp",
    "lupa password aplikasi",
    "alamat kantor cabang",
    "jam buka layanan",
    "daftar pekerja baru",
    "cetak kartu digital",
    "ubah data keluarga",
)


def _model(samples: list[tuple[str, str, str]]) -> CentroidModel:
    return CentroidModel(samples, lambda text: tuple(text.split()), str.lower)


def test_many_real_questions_do_not_drown_an_entrys_hand_phrasing() -> None:
    model = _model(
        [
            ("a", "phrasing", "iuran bpu per bulan"),
            *(("a", "example", text) for text in EXAMPLES),
            ("b", "phrasing", "iuran bpu"),
            ("b", "phrasing", "bayar iuran jkk lewat bank"),
            ("c", "phrasing", "cara klaim jht"),
        ]
    )
    scores = model.scores("berapa iuran bpu per bulan")
    assert max(scores, key=scores.__getitem__) == "a"


def test_a_group_weighs_by_the_square_root_of_its_size() -> None:
    """Nine copies of a real question pull the centroid as three would, not as nine."""
    phrasing, example = "iuran bpu per bulan", "saldo jht saya berapa"
    model = _model(
        [
            ("a", "phrasing", phrasing),
            *[("a", "example", example)] * 9,  # phrasing + 3 x example
            *[("b", "phrasing", phrasing)] * 4,  # 2 x phrasing …
            *[("b", "example", example)] * 36,  # … + 6 x example: the same direction
            ("c", "phrasing", "cara klaim jht"),
        ]
    )
    scores = model.scores(phrasing)
    assert scores["a"] > 0.0
    assert abs(scores["a"] - scores["b"]) < 1e-9
