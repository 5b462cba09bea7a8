"""Normalise chat Indonesian so that the FAQ matcher sees one spelling per word.

Workers type on WhatsApp: "gmn cara cairin jht sy klo udh resign gk kerja lg??",
"bpjs tk", "bangettt", "lima puluh enam". This module lowercases, strips punctuation,
squeezes repeated letters, expands slang and abbreviations, turns number words into
digits, drops filler words and stems with PySastrawi (cached: stemming is the slow part).
Its tables and patterns are public because textnorm_en reads the Indonesian words that
English users mix in with them. Pure functions; no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

# Multi-word phrases first (matched on the lowercased, punctuation-free text).
_PHRASES: tuple[tuple[str, str], ...] = (
    ("bpjs ketenagakerjaan", "bpjstk"),
    ("bpjs naker", "bpjstk"),
    ("bpjs tk", "bpjstk"),
    ("bp jamsostek", "bpjstk"),
    ("bpjs kesehatan", "bpjskes"),
    ("bpjs kes", "bpjskes"),
    ("jaminan kecelakaan kerja", "jkk"),
    ("kecelakaan kerja", "jkk celaka"),
    ("jaminan kematian", "jkm"),
    ("jaminan hari tua", "jht"),
    ("jaminan pensiun", "jp"),
    ("jaminan kehilangan pekerjaan", "jkp"),
    ("bukan penerima upah", "bpu"),
    ("penerima upah", "pu"),
    ("pekerja mandiri", "bpu"),
    ("peserta mandiri", "bpu"),
    ("pekerja informal", "bpu"),
    ("ojek online", "ojol"),
    ("jasa konstruksi", "jakon"),
    ("pekerja migran", "pmi"),
    ("call center", "callcenter"),
    ("nomor kpj", "kpj"),
    ("no kpj", "kpj"),
    ("lapak asik", "lapakasik"),
    ("jasa raharja", "jasaraharja"),
    ("dana desa", "danadesa"),
    ("work accident", "jkk"),
    ("old age", "jht"),
    ("death benefit", "jkm"),
    ("job loss", "jkp"),
    ("bpjs tenaga kerja", "bpjstk"),
    ("bpjs ketenaga kerjaan", "bpjstk"),
    ("meninggal dunia", "mati"),
    ("passed away", "mati"),
    ("pass away", "mati"),
    ("auto debet", "autodebit"),
    ("auto debit", "autodebit"),
    ("konten kreator", "kreator"),
    ("content creator", "kreator"),
    ("kata sandi", "sandi"),
    ("sign up", "daftar"),
    ("self employed", "mandiri"),
)

PHRASE_TO = dict(_PHRASES)


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of `phrases` as whole words; the longest wins ("bukan penerima upah")."""
    return re.compile(
        r"\b(?:" + "|".join(sorted(map(re.escape, phrases), key=len, reverse=True)) + r")\b"
    )


PHRASE_RE = phrase_pattern(PHRASE_TO)

# Single-token slang, abbreviations, regional words and common typos.
WORDS: dict[str, str] = {
    # question words
    "gmn": "bagaimana",
    "gmna": "bagaimana",
    "gimana": "bagaimana",
    "gimna": "bagaimana",
    "bgmn": "bagaimana",
    "bagaimna": "bagaimana",
    "gmana": "bagaimana",
    "piye": "bagaimana",
    "kumaha": "bagaimana",
    "kepriye": "bagaimana",
    "pripun": "bagaimana",
    "kpn": "kapan",
    "brp": "berapa",
    "brapa": "berapa",
    "berapaan": "berapa",
    "pira": "berapa",
    "sabaraha": "berapa",
    "knp": "kenapa",
    "napa": "kenapa",
    "ngapa": "kenapa",
    "dmn": "mana",
    "dimana": "mana",
    "dmna": "mana",
    "kemana": "mana",
    "endi": "mana",
    "opo": "apa",
    "naon": "apa",
    "ap": "apa",
    "apakah": "apa",
    # negation and yes
    "gk": "tidak",
    "ga": "tidak",
    "gak": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "enggak": "tidak",
    "engga": "tidak",
    "g": "tidak",
    "tdk": "tidak",
    "tak": "tidak",
    "kagak": "tidak",
    "ndak": "tidak",
    "ora": "tidak",
    "teu": "tidak",
    "blm": "belum",
    "blom": "belum",
    "durung": "belum",
    # pronouns and fillers that carry meaning later
    "sy": "saya",
    "aku": "saya",
    "ak": "saya",
    "gw": "saya",
    "gue": "saya",
    "gua": "saya",
    "q": "saya",
    "aq": "saya",
    "abdi": "saya",
    "kula": "saya",
    "dpt": "dapat",
    "dapet": "dapat",
    "oleh": "dapat",
    "klo": "kalau",
    "kalo": "kalau",
    "kl": "kalau",
    "misal": "kalau",
    "yg": "yang",
    "dgn": "dengan",
    "dg": "dengan",
    "sm": "sama",
    "utk": "untuk",
    "bwt": "untuk",
    "tuk": "untuk",
    "udh": "sudah",
    "udah": "sudah",
    "sdh": "sudah",
    "dah": "sudah",
    "wis": "sudah",
    "uda": "sudah",
    "bs": "bisa",
    "bsa": "bisa",
    "isa": "bisa",
    "iso": "bisa",
    "tp": "tapi",
    "tpi": "tapi",
    "jg": "juga",
    "lg": "lagi",
    "bgt": "banget",
    "org": "orang",
    "tlg": "tolong",
    "mo": "mau",
    "pgn": "ingin",
    "pengen": "ingin",
    "pingin": "ingin",
    "hrs": "harus",
    "krn": "karena",
    "karna": "karena",
    "trs": "terus",
    "gmn2": "bagaimana",
    "sja": "saja",
    "aja": "saja",
    "doang": "saja",
    "bln": "bulan",
    "thn": "tahun",
    "th": "tahun",
    "hr": "hari",
    "rb": "ribu",
    "jt": "juta",
    "jta": "juta",
    "skrg": "sekarang",
    "skrang": "sekarang",
    "kmrn": "kemarin",
    "ilang": "hilang",
    "bikin": "buat",
    "cek": "periksa",
    "ngecek": "periksa",
    "check": "periksa",
    "hp": "ponsel",
    "handphone": "ponsel",
    "nohp": "ponsel",
    "wa": "whatsapp",
    "kantor": "kantor",
    "kc": "cabang",
    "rek": "rekening",
    "norek": "rekening",
    # domain words
    "jamsostek": "bpjstk",
    "bpjamsostek": "bpjstk",
    "bpjstk": "bpjstk",
    "bpjsnaker": "bpjstk",
    "bpjsketenagakerjaan": "bpjstk",
    "ketenagakerjaan": "bpjstk",
    "astek": "bpjstk",
    "kis": "bpjskes",
    "jkn": "bpjskes",
    "bpjskesehatan": "bpjskes",
    "cairin": "cair",
    "nyairin": "cair",
    "ncairin": "cair",
    "cairkan": "cair",
    "mencairkan": "cair",
    "pencairan": "cair",
    "dicairkan": "cair",
    "nyair": "cair",
    "klaim": "klaim",
    "claim": "klaim",
    "ngeklaim": "klaim",
    "klem": "klaim",
    "daptar": "daftar",
    "dftr": "daftar",
    "daftarin": "daftar",
    "ndaftar": "daftar",
    "register": "daftar",
    "registrasi": "daftar",
    "iuran": "iuran",
    "iyuran": "iuran",
    "premi": "iuran",
    "bayaran": "iuran",
    "ojek": "ojol",
    "grab": "ojol",
    "gojek": "ojol",
    "maxim": "ojol",
    "driver": "sopir",
    "supir": "sopir",
    "kurir": "kurir",
    "resign": "henti",
    "risen": "henti",
    "resain": "henti",
    "keluar": "henti",
    "berhenti": "henti",
    "phk": "phk",
    "dipecat": "phk",
    "pecat": "phk",
    "layoff": "phk",
    "pensiunan": "pensiun",
    "kartu": "kartu",
    "kpj": "kpj",
    "meninggal": "mati",
    "wafat": "mati",
    "mati": "mati",
    "tewas": "mati",
    "almarhum": "mati",
    "almarhumah": "mati",
    "kecelakaan": "celaka",
    "laka": "celaka",
    "jatuh": "celaka",
    "luka": "celaka",
    "tabrakan": "celaka",
    "nabrak": "celaka",
    "ditabrak": "celaka",
    "murah": "murah",
    "termurah": "murah",
    "paling": "paling",
    "apk": "aplikasi",
    "app": "aplikasi",
    "apps": "aplikasi",
    "aplikasi": "aplikasi",
    "jmo": "jmo",
    "jamsostekmobile": "jmo",
    "penipu": "tipu",
    "penipuan": "tipu",
    "hoax": "hoaks",
    "hoaks": "hoaks",
    "scam": "tipu",
    "beasiswa": "beasiswa",
    "scholarship": "beasiswa",
    "rumah": "rumah",
    "kpr": "kpr",
    "mlt": "mlt",
    "syariah": "syariah",
    "sharia": "syariah",
    "halal": "syariah",
    "riba": "syariah",
    "telat": "telat",
    "terlambat": "telat",
    "nunggak": "tunggak",
    "menunggak": "tunggak",
    "tunggakan": "tunggak",
    "denda": "denda",
    "nonaktif": "nonaktif",
    "mati2": "nonaktif",
    "petani": "tani",
    "nelayan": "nelayan",
    "pedagang": "dagang",
    "jualan": "dagang",
    "tukang": "tukang",
    "kuli": "buruh",
    "buruh": "buruh",
    "wni": "wni",
    "tki": "pmi",
    "tkw": "pmi",
    "migran": "pmi",
    "luar negeri": "luarnegeri",
    "pinjol": "pinjol",
    "pinjaman": "pinjam",
    "utang": "pinjam",
    "hutang": "pinjam",
    "gaji": "upah",
    "salary": "upah",
    "penghasilan": "hasil",
    "pendapatan": "hasil",
    "umur": "usia",
    "age": "usia",
    "pension": "pensiun",
    "sick": "sakit",
    "how": "bagaimana",
    "what": "apa",
    "when": "kapan",
    "where": "mana",
    "much": "berapa",
    "cost": "iuran",
    "pay": "bayar",
    "payment": "bayar",
    "card": "kartu",
    "lost": "hilang",
    "can": "bisa",
    "withdraw": "cair",
    "accident": "celaka",
    "die": "mati",
    "died": "mati",
    "insurance": "asuransi",
    "asuransi": "asuransi",
    "hospital": "rumahsakit",
    "rs": "rumahsakit",
    "rumah sakit": "rumahsakit",
    "klinik": "rumahsakit",
    "puskesmas": "rumahsakit",
    "apaan": "apa",
    "apasih": "apa",
    "pake": "pakai",
    "cover": "tanggung",
    "dicover": "tanggung",
    "dicoverr": "tanggung",
    "covered": "tanggung",
    "otw": "jalan",
    "ketabrak": "celaka",
    "keserempet": "celaka",
    "jatoh": "celaka",
    "nganter": "antar",
    "ngantar": "antar",
    "narik": "kerja",
    "ngojek": "ojol",
    "duit": "uang",
    "pinjem": "pinjam",
    "minjem": "pinjam",
    "minjam": "pinjam",
    "setaun": "tahun",
    "setahun": "tahun",
    "taun": "tahun",
    "kerjaan": "kerja",
    "dapetin": "dapat",
    "ngambil": "ambil",
    "diambil": "ambil",
    "nerima": "terima",
    "gimanaa": "bagaimana",
    "sampe": "sampai",
    "ampe": "sampai",
    "emang": "memang",
    "ilangin": "hilang",
    "kalau": "kalau",
    "msh": "masih",
    "ngurus": "urus",
    "dies": "mati",
    "family": "keluarga",
    "worker": "pekerja",
    "workers": "pekerja",
    "employed": "mandiri",
    "informal": "bpu",
    "monthly": "bulan",
    "month": "bulan",
    "contribution": "iuran",
    "contributions": "iuran",
    "same": "sama",
    "balance": "saldo",
    "loan": "pinjam",
    "deceased": "mati",
    "heirs": "waris",
    "registration": "daftar",
    "signup": "daftar",
    "join": "daftar",
    "dp": "uang muka",
    "telpon": "telepon",
    "nelpon": "telepon",
    "tlp": "telepon",
    "telp": "telepon",
    "ngaktifin": "aktif",
    "ngaktifkan": "aktif",
    "aktifin": "aktif",
    "ortu": "orang tua",
    "duka": "santunan",
    "ngecat": "kerja",
    "ngojol": "ojol",
    "liat": "lihat",
    "brenti": "henti",
    "berenti": "henti",
    "ngajuin": "aju",
    "diwakilin": "wakil",
    "nyicil": "cicil",
    "kredit": "cicil",
    "bener": "benar",
    "gede": "besar",
    # more chat spellings, regional words and English seen in workers' messages
    "dr": "dari",
    "dri": "dari",
    "mw": "mau",
    "ama": "sama",
    "jd": "jadi",
    "jdi": "jadi",
    "klw": "kalau",
    "klu": "kalau",
    "kalu": "kalau",
    "lom": "belum",
    "lum": "belum",
    "kgk": "tidak",
    "kaga": "tidak",
    "ngk": "tidak",
    "nggk": "tidak",
    "ngak": "tidak",
    "gx": "tidak",
    "byr": "bayar",
    "bayr": "bayar",
    "ambl": "ambil",
    "krja": "kerja",
    "krj": "kerja",
    "mksd": "maksud",
    "gimn": "bagaimana",
    "piro": "berapa",
    "pinten": "berapa",
    "nopo": "apa",
    "menopo": "apa",
    "tiasa": "bisa",
    "saged": "bisa",
    "kenging": "bisa",
    "duwit": "uang",
    "kulo": "saya",
    "aing": "saya",
    "urang": "saya",
    "sampean": "anda",
    "panjenengan": "anda",
    "njenengan": "anda",
    "ngapain": "kenapa",
    "berpulang": "mati",
    "dead": "mati",
    "dicairke": "cair",
    "cairke": "cair",
    "dicairne": "cair",
    "dicairin": "cair",
    "idupin": "aktif",
    "hidupin": "aktif",
    "ngidupin": "aktif",
    "hidupkan": "aktif",
    "menghidupkan": "aktif",
    "autodebet": "autodebit",
    "password": "sandi",
    "pasword": "sandi",
    "passwd": "sandi",
    "pw": "sandi",
    "forgot": "lupa",
    "fee": "iuran",
    "retire": "pensiun",
    "retirement": "pensiun",
    "injured": "celaka",
    "injury": "celaka",
    "cheapest": "murah",
    "cheap": "murah",
    "late": "telat",
    "penalty": "denda",
    "office": "cabang",
    "branch": "cabang",
    "heir": "waris",
    "benefit": "manfaat",
    "benefits": "manfaat",
    "youtuber": "kreator",
    "vlogger": "kreator",
    "selebgram": "kreator",
    "influencer": "kreator",
    "freelance": "lepas",
    "freelancer": "lepas",
    "kayak": "seperti",
    "kyk": "seperti",
    "smua": "semua",
    "slama": "selama",
    "lgsg": "langsung",
    "lsg": "langsung",
    "donk": "dong",
    "ato": "atau",
    "sbg": "sebagai",
    "max": "maksimal",
    "kagem": "untuk",
    "bakul": "dagang",
    "jenazah": "mati",
    "mayat": "mati",
    "hamil": "lahir",
    "benerin": "perbaiki",
    "perahu": "kapal",
    "nyari": "cari",
    "dilaporin": "lapor",
    # illnesses: the bot only needs to know it is an illness, not which one
    "kanker": "sakit",
    "stroke": "sakit",
    "diabetes": "sakit",
    "tbc": "sakit",
    "tipes": "sakit",
    "tifus": "sakit",
    "asma": "sakit",
    "hepatitis": "sakit",
    "covid": "sakit",
    "corona": "sakit",
    "hipertensi": "sakit",
    "dbd": "sakit",
    # one word per meaning
    "tarik": "cair",
    "disabilitas": "cacat",
    "difabel": "cacat",
    "dicuri": "hilang",
    "kecurian": "hilang",
    "dicopet": "hilang",
    "kecopetan": "hilang",
    "raib": "hilang",
    "update": "ubah",
    "updet": "ubah",
    "apdet": "ubah",
    "perbarui": "ubah",
    "memperbarui": "ubah",
    "nomer": "nomor",
    "nmr": "nomor",
    "kcp": "cabang",
    "setoran": "iuran",
    "fulus": "uang",
    "cuan": "uang",
    "child": "anak",
    "children": "anak",
    "wife": "istri",
    "husband": "suami",
    "work": "kerja",
    "working": "kerja",
    "job": "kerja",
    "farmer": "tani",
    "fisherman": "nelayan",
    "trader": "dagang",
    "seller": "dagang",
    "death": "mati",
    "funeral": "makam",
}

# Words that carry no meaning for matching (after slang expansion, before stemming).
STOP: frozenset[str] = frozenset(
    (
        "yang di ke dari itu ini dan atau sih dong deh kok ya yah ya kak kakak min admin gan sis "
        "bro mas mbak pak bu bang om tante nih tuh tu lah kah pun saya kami kita anda kamu dia ia "
        "mereka punya ada adalah akan jadi juga saja aja banget sekali nya the a an is are to of "
        "for my i me do does please tolong mohon info infonya nanya tanya mau ingin minta boleh "
        "gitu begitu gini begini terus lalu kemudian nah oh eh wkwk hehe haha amp sama dengan "
        "untuk pada oleh para si sang tersebut selama masih lagi udah sudah tau tahu mohon kan "
        "cuma gitu dong does do did if the a an is are was be my your i me you it this that of in "
        "on at as get exactly please so there any have has buat gara pas biar teh atuh mah euy "
        "lho loh toh mba kang gaes guys bos bosku dari seperti sebagai selama"
    ).split()
)
# Question words kept on purpose: they separate "berapa" (amount) from "kapan" (when).

_NUM_UNITS = {
    "nol": 0,
    "satu": 1,
    "se": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}
_NUM_WORDS = set(_NUM_UNITS) | {
    "sepuluh",
    "sebelas",
    "belas",
    "puluh",
    "seratus",
    "ratus",
    "seribu",
    "ribu",
    "juta",
}
_NUM_STARTS = (set(_NUM_UNITS) - {"se"}) | {"sepuluh", "sebelas", "seratus", "seribu"}
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*%?")
REPEAT3 = re.compile(r"([a-z])\1{2,}")
LONG_REPEAT = re.compile(r"[a-z]*([a-z])\1{2,}[a-z]*")
_REDUP = re.compile(r"\b([a-z]{2,})(?:-|2\b)\1?")
# Words that may carry an affix Sastrawi removes; others are returned as they are.
_AFFIXED = re.compile(
    r"^(?:di|ke|ki|ku|ka|se|be|me|mi|pe|te|le|de|re)|(?:lah|kah|tah|pun|ku|mu|nya|i|kan|an)$"
)
# Voice typing spells abbreviations out: "j h t", "b p j s".
SPELLED = re.compile(r"\b[a-z](?: [a-z]\b)+")
# Program names and domain words that people glue a possessive to: "jhtku", "kpjnya".
_DOMAIN = frozenset(("jht jkk jkm jp jkp kpj bpu jmo bsu mlt pmi plkk bpjs bpjstk").split())
_GLUED = {base + suffix: base for base in _DOMAIN for suffix in ("nya", "ku", "mu", "ne", "e")}


@lru_cache(maxsize=1)
def _stemmer() -> object:
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    words = _stemmer().delegatedStemmer.dictionary.words  # type: ignore[attr-defined]
    return frozenset(words)


def is_word(token: str) -> bool:
    """True for Indonesian root words (Sastrawi's dictionary): these are never 'typos'."""
    return token in _dictionary() or token in WORDS.values()


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """Sastrawi stem of one lowercase word, memoised; digits and short words pass through."""
    if len(word) <= 3 or not word.isalpha() or word in _dictionary():
        return word
    # Chat morphology Sastrawi does not know, kept only when it yields a dictionary root:
    # Jakarta "-in" for "-kan" ("dilaporin", "gabungin"), Javanese "-ne"/"-e" ("carane").
    for cut, glue in (("innya", "kan"), ("in", "kan"), ("ne", ""), ("e", "")):
        if len(word) - len(cut) >= 4 and word.endswith(cut):
            root = stem(word[: -len(cut)] + glue) if glue else word[: -len(cut)]
            if root in _dictionary():
                return root
    if not _AFFIXED.search(word):  # Sastrawi would try every rule and keep it: ~0.5 ms saved
        return word
    result: str = _stemmer().stem(word)  # type: ignore[attr-defined]
    return result or word


def numbers(tokens: list[str]) -> list[str]:
    """Turn runs of Indonesian number words into digits: 'lima puluh enam' -> '56'."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] not in _NUM_STARTS:  # "20 juta" stays as it is; "dua puluh" -> "20"
            out.append(tokens[i])
            i += 1
            continue
        total, current, j = 0, 0, i
        while j < len(tokens) and tokens[j] in _NUM_WORDS:
            w = tokens[j]
            if w in _NUM_UNITS:
                current += _NUM_UNITS[w]
            elif w == "sepuluh":
                current += 10
            elif w == "sebelas":
                current += 11
            elif w == "belas":
                current += 10
            elif w == "puluh":
                current = (current or 1) * 10
            elif w == "seratus":
                current += 100
            elif w == "ratus":
                current = (current or 1) * 100
            elif w in ("ribu", "seribu"):
                total += (current or 1) * 1000
                current = 0
            elif w == "juta":
                total += (current or 1) * 1_000_000
                current = 0
            j += 1
        out.append(str(total + current))
        i = j
    return out


def _squeeze(m: re.Match[str]) -> str:
    """A letter typed 3+ times is one letter, or two when that spells a known word."""
    two = REPEAT3.sub(r"\1\1", m.group(0))
    return two if two in WORDS else REPEAT3.sub(r"\1", m.group(0))


@lru_cache(maxsize=20_000)
def normalize(text: str) -> str:
    """Lowercase, de-slang and de-noise a message; keeps word order, no stemming."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = s.replace("&", " dan ").replace("/", " ")
    s = _REDUP.sub(r"\1", s)  # "tanya2" / "anak-anak" -> "tanya" / "anak"
    s = LONG_REPEAT.sub(_squeeze, s)  # "bangettt" -> "banget", "apaaan" -> "apaan"
    s = SPELLED.sub(lambda m: m.group(0).replace(" ", ""), " ".join(_TOKEN_RE.findall(s)))
    fixed = " ".join(map(_fix_phrase_word, s.split()))
    if fixed != s and any(p in fixed and p not in s for p, _ in _PHRASES):
        s = fixed  # only when the fix completes a phrase: "prakerja" stays "prakerja"
    s = PHRASE_RE.sub(lambda m: PHRASE_TO[m.group(0)], s)
    words: list[str] = []
    for w in s.split():
        if len(w) > 3 and w[-1] == w[-2] and w[-1] in "aiueohkgn" and w not in WORDS:
            w = w[:-1]  # "gimanaa", "dongg", "yukk"
        if w not in WORDS and w.endswith("nya") and w[:-3] in WORDS:
            w = w[:-3]  # "dapetnya", "ngeceknya"
        w = WORDS.get(w, w)
        words.extend(w.split())
    return " ".join(numbers(words))


@lru_cache(maxsize=1)
def _slang_keys() -> tuple[str, ...]:
    return tuple(k for k in WORDS if len(k) >= 5 and " " not in k)


@lru_cache(maxsize=20_000)
def correct(word: str) -> str:
    """Fix a likely typo of a known slang/domain word ("kecelakan" -> "celaka"), else keep it."""
    if len(word) < 5 or word in WORDS or not word.isalpha() or is_word(word):
        return word
    hit = process.extractOne(word, _slang_keys(), scorer=OSA.distance, score_cutoff=_edits(word))
    if hit is None or hit[0][0] != word[0]:
        return word
    return WORDS[hit[0]]


def _edits(word: str) -> int:
    """Typos tolerated in a word: 1 (a swap counts as one), 2 from 8 letters on."""
    return 1 if len(word) < 8 else 2


@lru_cache(maxsize=1)
def _phrase_words() -> tuple[str, ...]:
    return tuple(sorted({w for phrase, _ in _PHRASES for w in phrase.split() if len(w) >= 4}))


@lru_cache(maxsize=20_000)
def _fix_phrase_word(word: str) -> str:
    """'jaminn' -> 'jaminan', so that a typo does not hide "jaminan pensiun" (-> jp)."""
    if len(word) < 5 or word in WORDS or not word.isalpha() or is_word(word):
        return word
    hit = process.extractOne(word, _phrase_words(), scorer=OSA.distance, score_cutoff=_edits(word))
    return hit[0] if hit is not None and hit[0][0] == word[0] else word


def _unglue(word: str) -> str:
    """'jhtku' -> 'jht': a possessive glued to a program name Sastrawi does not know."""
    return _GLUED.get(word, word)


@lru_cache(maxsize=20_000)
def tokens(text: str) -> tuple[str, ...]:
    """Matching tokens: normalised, filler words dropped, typos of known words fixed, stemmed."""
    out: list[str] = []
    for w in normalize(text).split():
        if w in STOP:
            continue
        w = _unglue(w)
        for part in correct(w).split():
            out.append(WORDS.get(stem(part), stem(part)))
    return tuple(out)
