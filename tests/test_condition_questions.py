"""Questions that state a condition changing the answer get the entry that addresses it.

tests/data/conditions.tsv holds questions written from lines of shared/knowledge (each row
cites its line), in formal, chat and story wording: membership lapsed before a death or an
accident, joining at 65 or older or while in intensive care, a kiosk or a motorbike damaged,
asking to tell BPJS one stopped working, an accident on a holiday, never having joined, an
employee asking about BPU, the work-accident benefit asked for a death said not to come from
work; since row 76, in other voices (long stories, drivers', fishers' and traders' slang, a
village clerk's letters; the condition buried, negated or a relative's): an everyday illness,
JKP for the self-employed or after resigning, a detour or a day off, another's document, a
backdated date; a JHT claim before the month of waiting or while still taking work (two rows
of fresh8); from line 162, in Javanese- and Sundanese-mixed Indonesian, a teenager writing for
a grandparent, emoji-laden forwards, a few words only, dates to compare ("terakhir bayar
Maret … Oktober jatuh"), a condition negated or said in the sentence before the question.
Each is sent through `python -m bot ask` as a user would send it: the first reply must be an
expected entry, and never a bare yes. tests/data/condition_lookalikes.tsv holds questions
written with them that look alike but state no such condition ("iuran selalu bayar tepat
waktu", "umurnya 64 tahun 11 bulan"): they must keep their own answer, a yes included.

tests/data/conditions2.tsv (78) is a second set written blind, in voices the first lacks
(Betawi, Minang and Medan forms, Jakarta code-mixing, a voice note typed out, emoji, a
paguyuban's letter), each from a knowledge line or a public news case (its URL): a birthday
("ultah ke-66"), a lapse given as months, a scholarship after 14 months paid, the JHT asked
ten days after resigning, a date to be moved, an accident at home to be reported as at work,
a detour to the in-laws', a lay-off in January and JKP asked in August, "bukan karyawan,
iurannya berapa?". None may be answered yes. tests/data/condition_lookalikes2.tsv (15) holds
its look-alikes stating no condition.

tests/data/conditions3.tsv (172) is a systematic audit: for every condition the knowledge gives
that turns a yes into a no, a not yet or an only-if for an informal worker, 3 to 8 phrasings
(slang, formal, stories, numbers inside): joining at 65 or older or while gravely ill; a lapse
before a death or an accident; joining after the accident; an everyday illness (its treatment
or the income lost), a holiday, a detour, a personal fight; a scholarship after fewer than 3
years paid, or for a child of 23, married, or working while studying; JKP after resigning,
retiring or a furlough, after fewer than 12 months paid, more than 6 months late or in a new
job, for the self-employed, without a smartphone; the JHT within the month of waiting or while
still working; a pension for the self-employed; MLT with a house owned; property; a migrant
worker home for months, or his family who do not work; a partial JHT or a JKP already taken;
requests to misstate facts. Rows 2-133 were scored before the changes they guided, rows
134-158 written after them and scored once, blind; rows 159-162 are an accident while drunk
and an injury done on purpose, on which the knowledge has no rule: never a yes, but the entry
that says so and points to call center 175. tests/data/condition_lookalikes3.tsv (9)
holds look-alikes of the conditions added with it (a child of 20, a first house, two weeks home,
registered by an office and hurt at sea, an age of 45, JKP's rate, a courier delivering beer):
each keeps its own answer. Rows 165-175 (fresh22's and fresh23's misses, phrased anew):
joining only after the accident ("sore ini baru daftar bpu", "besoknya langsung daftar"),
an angkot or becak driver asking for JKP, retiring at 56 or 57 and asking for JKP; with two
look-alikes (joined a month before the fall; a bankrupt factory's JKP, "Tetap bisa").
Rows 176-184 (fresh24's misses, phrased anew): a migrant worker who died of an illness weeks
into the work abroad (PMI JKM, not the BPU's Rp42 juta), an honorary worker whose contract
ended and whom nobody pays for any more (JKM needs active membership); with two look-alikes
(a former TKI now a BPU, an honorary worker the village still pays for: "Ya").

tests/data/conditions4.tsv (61) covers the conditions of knowledge lines no earlier set cites,
3 to 4 phrasings each (story, chat, formal, numbers): a monthly JP after fewer than 15 years paid
or at 56-58, JP enrolment at 59 or older, a widow remarried or a sibling asking for JP, a JKK
claim 6 years late, an occupational disease diagnosed years after the job, a VIP ward, BSU for
the self-employed, the sharia service outside Aceh, a Perisai agent of 17 or with SMP, the
scholarship for a third child, joining with no work at all, JKP for a foreigner, for heirs, or a
month missed, MLT for both spouses, claims through 175, a JP claim by proxy, a JMO claim above
Rp15 juta, three kinds of work, the JHT in cash or to a wife's account, transport for a
companion, the discount asked for JHT, and requests to misstate facts (a borrowed KPJ, a dead
father registered, the registered work changed after a football injury). Written and scored
before their change (commit a2c32c0): 42 of 61 right, 5 yes-answers. Rows 63-69 are requests to
misstate facts in other words, written after it (4 of 7 refused then). tests/data/
condition_lookalikes4.tsv (9) holds their look-alikes (20 years of JP at 59, an accident last
month, an employee asking for BSU, Banda Aceh, two kinds of work, two children, Rp9 juta in JMO,
a birth date corrected to match the KTP, money borrowed to pay a father's contributions).

tests/data/conditions5.tsv (18) holds conditions a blind batch (fresh27) or no entry's reading
yet stated: an accident off the registered work (a project contract ended before a fall while
repairing one's own roof, the fresh27 "Ya"; football on a Sunday, hiking on annual leave), a
PHK contested at the industrial relations court with JKP asked, JKM to be passed to an in-law
or pawned, a worker registered in another segment asking whether he need not register as a PMI;
rows 17-19, a pensioner already paid by JP asking to join JP again.
tests/data/condition_lookalikes5.tsv (2): an accident at the registered work, covered, not refused.

tests/data/conditions6.tsv (54) states the limits of knowledge lines no earlier set cites, in
ojol slang, Javanese, Sundanese and Minang forms, a village clerk's letters, a widow's story,
WhatsApp forwards and dates: STMB asked at 100% after 13-14 months, home care past a year or
Rp20 juta, a bionic limb, 24 to 60 months paid ahead, the discount's months for a farmer or a
trader, a death in 2018 or 2019 and "dapat Rp42 juta kan?", a sibling or an in-law while the
widow lives, JKM paid to a non-heir's or a group's account, a JP re-confirmation missed for a
year or 11 years, a pension deferred past 3 years, JKP at 60% of Rp9-12 juta, a month's job
search skipped, a second Perisai, reimbursement beside a PLKK, an old card or JMO after the
JHT was taken, sharia in Aceh, income under Rp1 juta, two memberships and JKP; rows 46-55 are
requests to misstate facts in new words (work written as farming, an accident date moved, a
wife's name for BSU, "ngaku belum dapet kerja baru biar JKP tetep cair", Javanese "ditulis …
mawon ben", Sundanese "diserat PHK wae supados"). tests/data/condition_lookalikes6.tsv (14)
holds look-alikes within the limits (STMB in month 5, 12 months ahead, home care of 4 months, a
reoperation after a slip at home, no PLKK nearby), whose own answers, a yes included, are right.

tests/data/conditions7.tsv (66) states the limits of knowledge lines no earlier set cites, in
chat, Betawi, Javanese, Sundanese, Minang, Medan, Bugis and Banjar forms, stories, numbers, a
formal question and a letter: a boat, a plane or an ambulance past its mode's ceiling, an
imported prosthesis, a death or a scholarship before PP 82/2019, a scholarship claimed again
without documents, past its years or for a child under school age, a pension of Rp9 juta, JP
at a micro business, JHT from a construction project, a foreigner 2 or 3 months in, a BPU's
"denda 2%", an income of 600 ribu, the discount on JHT, the COVID Rp68, a child of 15, the
pension age for those born in 1968 or 1985, JHT "at 59", 9 months of JKP contributions, JMO
above Rp15 juta, while active or at 11 at night, Lapak Asik on a Sunday, no NPWP above Rp50
juta, a JKK claim after 6 years, no death certificate, JKM paid before the file is complete, a
pension claimed at 52, JHT alone without JKK, a change of work unreported for months, a card
not added in JMO, a suspected PAK, a neighbour claiming the funeral costs, the rest of the JHT
while working, a PHK by WhatsApp, a brother before the mother, a transfer to Hong Kong, the JHT
tax, BSU after a PHK or to a husband's account, a locked or deleted JMO account, MLT's down
payment, Return to Work for a BPU; rows 57-67 are requests to misstate facts in new words (a
receipt written up, a witness who saw nothing, a stroke told as a fall at sea, a sibling's NIK
in Banjar, a first payment recorded back, a housewife as a trader, a birth date moved for JP,
a paklaring signed by oneself, a PAK not diagnosed, a married child, a nephew as adopted
child). tests/data/condition_lookalikes7.tsv (14) holds look-alikes within the limits (an
ambulance of 800 ribu, a foreigner of 2 years, Rp9 juta in JMO, Monday at 10, an old KTP with
its NIK registered, the widow claiming the funeral costs, a child of 4).

tests/data/conditions8.tsv (65) was written before its change, in chat, stories, numbers and
formal letters: two conditions at once (a lapse and a holiday, 66 and in hospital, a lapse and
a scholarship), a condition stated after the question ("… btw aku masih kerja"), a payment
never made, durations in words ("sebelum lebaran tahun lalu", "sewindu", "tiga perempat
tahun", "satu dasawarsa"), a relative's status (a grandfather born in '58, a posthumous or
adopted child, a TKW past her contract), a death from dengue asked as JKK, a collapse at work
after 8 months paid, a second JKP, a month of JKP claimed late, BSU above the wage limit or
twice, a declared income below the real one, MLT within a year or above its ceiling, requests
to misstate ("biar dibilang jatuh waktu kerja"). tests/data/condition_lookalikes8.tsv (16)
holds look-alikes within the limits ("belum pernah nunggak", resigned two months ago, 11 years
and 10% of JHT, a wage of 3 juta and BSU, an accident four years ago). Its last four rows
(fresh37's yeses, phrased anew): a new job found after leaving, the whole JHT asked, and a
sponsor's budget or contribution aid gone ("anggarannya sudah habis"); with a look-alike (no
new job yet: the month of waiting answers).

tests/data/conditions9.tsv (60) was written before its change, in registers no earlier set
covers: a family's and a village's formal letters, news-like reports ("Kabar duka datang dari
…"), voice-typed chat without punctuation, the condition in a second sentence or after the
question ("Pensiun bulanan JP bisa saya dapat di usia 59? Saya ikut JP baru 9 tahun."), double
negatives ("bukannya telat, tapi memang belum pernah saya bayar"), a relative's condition (a
wife's lapse, a child of 24 or married, a father of 66, siblings asking for JP), durations (4
months late, a 65th birthday, a death 3 months into membership, 7 months after a PHK, an
accident 6 years ago, a third JKP), requests to misstate facts in new words ("bilang aja …
padahal", "dipalsukan", "pinjam KTP orang", "ngaku-ngaku", "pinjam nama istri"), property (a
cart, a burned stall, a sewing machine) and employees or an honorary worker asking as the
self-employed. tests/data/condition_lookalikes9.tsv (16) holds look-alikes stating no such
condition ("tidak pernah telat", "tidak mampir ke mana-mana", "bukan karena resign, saya
di-PHK", "Resign … 2 Januari, sekarang sudah 15 Maret"), whose own answers, a yes included,
are right.

tests/data/conditions10.tsv (63) was written before its change, in registers no earlier set
covers: the condition buried in the middle of a long story (a lapse between a builder's
registration and his fall, a detour to a terminal on the way to the stall, a father-in-law of
67 after a village briefing), said by a third party (a village secretary's letter on a worker
whose APBDes contributions stopped, an RT head, a workshop owner whose paid mechanics are to
register as BPU, a mandor, an HRD asked to write PHK for a resignation), dates and amounts to
compute (last paid 10 February and died 20 July, born 3 March 1960, a resignation letter of 20
May on 28 May, PHK 5 February and JKP asked 20 September, insured December 2025 and laid off
June 2026, JP from 2016 at 59, Rp23 juta in JMO, Rp700 ribu declared, Rp3,5 juta for a sea
ambulance, 60% of Rp8 juta), negated negations ("bukannya tidak nunggak", "bukan tidak aktif
lagi"), Javanese, Sundanese and Betawi, voice-typed chat ("sy umr 68 thn", "msh krja d
pabrk"), and wrong programmes (JP for a trader or a BPU's widow, JKK for dengue).
tests/data/condition_lookalikes10.tsv (16) holds look-alikes stating no such condition (paid 5
July and died 20 August, born 1962, "bukan tidak dibayar, selalu saya bayar", a warung closed
and its JHT, a fisher cut on his boat), whose own answers, a yes included, are right.

tests/data/conditions11.tsv (64) was written before its change, in voices no earlier set
covers: a cooperative's and a Kaur's formal letters and a clerk's abstract wording ("tidak
melakukan pembayaran iuran sejak triwulan pertama tahun berjalan", "di luar jam berdagang"),
Jakarta slang ("nyokap", "bokap", "doi", "bini"), ages and amounts in words ("ulang tahun
yang keenam puluh lima", "empat puluh dua juta", "seratus dua puluh bulan"), dates to compare
("iuran terakhir masuk per tanggal 5 Januari 2026 … 14 Mei 2026", "sejak Maret 2026 …
di-PHK November 2026"), a condition in a second sentence or a bracketed side remark
("(Aplikasi saya lagi off …)"), a relative's (a sister-in-law in HCU, a nephew of 24), PBI
and ASN (BSU for a civil servant), a phone's screen, a boat hit by waves, an injury done on
purpose, and requests to misstate facts (a holiday crash written as a delivery, a cancer
death told as a fall, a registration backdated after a death, a new job hidden from JKP).
tests/data/condition_lookalikes11.tsv (16) holds the same wordings without the condition
(born 1975, paid 5 May and hurt 14 May, working since March 2024, a sister paid up), whose
own answers, a yes included, are right.

tests/data/conditions12.tsv (62) was written before its change, in voices no earlier set
covers: WhatsApp voice-note transcripts without punctuation, a child asking for an elderly
parent, a village secretary listing five workers with one of 68, ages as birth years
("lahiran 1958") or "kepala tujuh", lapses in weeks ("telat 18 minggu") or "dari lebaran
kemarin", property beside an injury ("kaki saya patah. Mobil sama sayurnya juga diganti?", a
motorbike taken by a robber), an accident at an unregistered side job ("nyambi jadi kuli
panggul"), self-harm, a suicide, fights with an ex-partner, drunk driving, a migrant worker
gone abroad unregistered who died there, a resignation letter faked to cash the JHT, one
person registered twice for a double payout, and a heart-attack death asking for the papers.
tests/data/condition_lookalikes12.tsv (16) holds the same wordings without the condition
(born 1978, paid by autodebit, registered with two kinds of work, a registered PMI).

tests/data/conditions13.tsv (62) was written before its change, in voices no earlier set
covers: Sundanese ("yuswana tos 71 taun", "tos dalapan sasih teu dibayar", "nuju pere teu
dagang, angkat ka curug"), Javanese ("mpun mandeg pitung wulan", "dinten Ahad kulo prei,
tindak ziarah", "ngaku wis metu wae"), Betawi ("engkong gue umurnye 69", "udeh setengah taon
kagak dibayarin", "kios pulsa aye kebobolan maling"), typed in haste ("meningal krn sakit
ginjal … nunggak hmpir 7 bln"), a paguyuban's and an heir's letters, a formal question on
material losses, two questions in one message with the condition in the second, dates with
their days ("terakhir bayar iuran BPU tanggal 3 Januari 2026 … 28 Juni 2026", a resignation
dated 20 November and the JHT asked on 27 November), a PNS, a TNI soldier, a Polri officer
and an ASN asking to join as BPU, a letter of resignation "yang tidak benar-benar saya
ajukan", one's own KTP lent for a mother of 68 who works, a crash caused on purpose, and a
fall at home to be written in the report as at work. tests/data/condition_lookalikes13.tsv
(16) holds the same wordings without the condition (57 years old, born 1979, paid up to the
month of the death, a retired PNS, a resignation a month before the claim, a wife working
in Taiwan under her own contract); its last two rows, written after the change, a PNS's wife
who trades and an ojol who worked on a public holiday, keep their own answer too.

tests/data/conditions14.tsv (61) was written before its change, on conditions earlier rounds
cover thinly: joining or first paying only after the accident or the death ("tertimpa pohon
pada 2 November … baru kami daftarkan … pada 4 November", "meninggal hari Senin, Selasa-nya
saya daftarkan dia"), arrears paid after the event, work abroad on a BPU membership ("bulan
depan berangkat kerja ke Malaysia … nggak usah daftar lagi?", five months in a restaurant in
Johor), JKP asked by a migrant worker, an accident at a second job not registered ("sambil
jadi tukang parkir", "pekerjaan sampingan yang tidak didaftarkan"), a suicide, a killing and a
fall while fleeing a theft (no rule in the knowledge: the entries that point to 175), a first
registration at 65 or more (Minang, a farmers' group letter, "pas 65"), the JHT claimed while
still working ("masih ngojol tiap hari"), JKP and JP for the self-employed, a brother in the
ICU, a PPPK teacher and an ASN asking as BPU, days off ("tgl merah kemarin gue libur narik").
tests/data/condition_lookalikes14.tsv (21) holds the same wordings without the condition
(registered in August and hurt in October, a registered PMI, two kinds of work registered,
63 years old, a shop closed for good, a neighbour or a village head who is a PNS, a father
visited in hospital by a healthy welder).

tests/data/conditions15.tsv (65) was written before its change, in wordings earlier rounds
lack: a first registration at 65 told as a birthday ("genap enam puluh lima tahun waktu
Lebaran"), a birth year clipped ("kelahiran '59") or "menginjak usia 67"; a lapse told as "terakhir
kebayar waktu tahun baru … sekarang sudah bulan Juni", "kosong hampir setengah taun", "seratus
hari lebih", "sejak musim barat", "patang sasi", or a payer gone ("sejak dia di-PHK … tidak ada
yang bayar"); hurt off work at a village show ("nonton dangdutan … nggak bawa dagangan"), at
a village clean-up ("kerja bakti"), asleep at home, picking a neighbour's mangoes (Sundanese
"murag"), after closing up or on a school run; joined only after the accident ("baru bikin akun
jmo n bayar iuran pertama hari ini") or the burial ("setelah ayah dimakamkan … mendaftarkan
almarhum"); the JHT days after a PHK or a resignation ("dua belas hari yang lalu"), while still
working ("umur tiga puluh delapan, masih bekerja"), or on a false reason; goods (a display case
broken into, a phone's screen, a chicken coop); everyday illness; JP under 15 years; JKP for the
self-employed or after resigning; a nurse-midwife PNS, a police officer, a marine ("anggota
marinir … yg 16.800"); foreigners a month or four in ("orang India baru sebulan", "warga
negara Malaysia"); a stroke patient or one on dialysis joining; a scholarship after 20 months.
tests/data/condition_lookalikes15.tsv (20) holds the same wordings without the condition (62
years old, born '79, paid every month, hurt at a customer's house, resigned in January, a
retired police officer, a Malaysian of two years, a healthy husband).

tests/data/conditions16.tsv (67) was written before its change, across the conditions of
shared/knowledge at once: a first registration at 65 or more (a farmers' group letter on a
member "lahir tahun 1957" asking "dapat diikutsertakan?"), lapses before a death (one drowned
while bathing, the death benefit asked) or an accident, harm off work (fishing on a day off,
a homecoming crash, a village game), everyday illness ("menanggung pengobatannya"), goods
(a stall, a stolen motorbike, a boat), wage earners told to join as BPU (a restaurant's
waiter, a shop's clerk paid by the owner), an honorary teacher, the JHT within the month of
waiting or while working, JP under 15 years, enrolled at 59 or asked by the self-employed,
JKP after 8 months, 8 months late, after a new job, first registered at 55, after resigning
("mundur dari kerjaan") or retiring, a JKK claim 6 or 7 years on, a PNS with Taspen, a PPPK
and a soldier joining as BPU, a sudden death after 7 months paid, scholarships, joining after
the harm, and requests to misstate facts (a sibling's NIK for one's own membership, one's
card lent for a friend's claim, a fall at home to be reported as at work, a PHK date moved).
tests/data/condition_lookalikes16.tsv (20) holds the same wordings without the condition (63
years old, paid up, hurt at work or on the usual way, a PHK two months before the claim, 12
years before 10% of the JHT, a death at 45 and the JHT, 17 years of JP, a retired PNS).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.realsets import ROOT, Outcome, load_set, run, says_yes
from bot.knowledge import load_knowledge

CONDITIONS = ROOT / "tests" / "data" / "conditions.tsv"
LOOKALIKES = ROOT / "tests" / "data" / "condition_lookalikes.tsv"
CONDITIONS2 = ROOT / "tests" / "data" / "conditions2.tsv"
CONDITIONS3 = ROOT / "tests" / "data" / "conditions3.tsv"
LOOKALIKES3 = ROOT / "tests" / "data" / "condition_lookalikes3.tsv"
LOOKALIKES2 = ROOT / "tests" / "data" / "condition_lookalikes2.tsv"
CONDITIONS4 = ROOT / "tests" / "data" / "conditions4.tsv"
LOOKALIKES4 = ROOT / "tests" / "data" / "condition_lookalikes4.tsv"
CONDITIONS5 = ROOT / "tests" / "data" / "conditions5.tsv"
LOOKALIKES5 = ROOT / "tests" / "data" / "condition_lookalikes5.tsv"
CONDITIONS6 = ROOT / "tests" / "data" / "conditions6.tsv"
LOOKALIKES6 = ROOT / "tests" / "data" / "condition_lookalikes6.tsv"
CONDITIONS7 = ROOT / "tests" / "data" / "conditions7.tsv"
LOOKALIKES7 = ROOT / "tests" / "data" / "condition_lookalikes7.tsv"
CONDITIONS8 = ROOT / "tests" / "data" / "conditions8.tsv"
LOOKALIKES8 = ROOT / "tests" / "data" / "condition_lookalikes8.tsv"
CONDITIONS9 = ROOT / "tests" / "data" / "conditions9.tsv"
LOOKALIKES9 = ROOT / "tests" / "data" / "condition_lookalikes9.tsv"
CONDITIONS10 = ROOT / "tests" / "data" / "conditions10.tsv"
LOOKALIKES10 = ROOT / "tests" / "data" / "condition_lookalikes10.tsv"
CONDITIONS11 = ROOT / "tests" / "data" / "conditions11.tsv"
LOOKALIKES11 = ROOT / "tests" / "data" / "condition_lookalikes11.tsv"
CONDITIONS12 = ROOT / "tests" / "data" / "conditions12.tsv"
LOOKALIKES12 = ROOT / "tests" / "data" / "condition_lookalikes12.tsv"
CONDITIONS13 = ROOT / "tests" / "data" / "conditions13.tsv"
LOOKALIKES13 = ROOT / "tests" / "data" / "condition_lookalikes13.tsv"
CONDITIONS14 = ROOT / "tests" / "data" / "conditions14.tsv"
LOOKALIKES14 = ROOT / "tests" / "data" / "condition_lookalikes14.tsv"
CONDITIONS15 = ROOT / "tests" / "data" / "conditions15.tsv"
LOOKALIKES15 = ROOT / "tests" / "data" / "condition_lookalikes15.tsv"
CONDITIONS16 = ROOT / "tests" / "data" / "conditions16.tsv"
LOOKALIKES16 = ROOT / "tests" / "data" / "condition_lookalikes16.tsv"
KNOWLEDGE = ROOT.parent / "shared" / "knowledge"
_CITED = re.compile(r"^knowledge/([\w.-]+\.md):L(\d+)$")
_NEWS = re.compile(r"^https://[\w.-]+\.\w+/\S+$")  # a public news page restating a case


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return run(load_set(CONDITIONS))


@pytest.fixture(scope="module")
def outcomes2() -> list[Outcome]:
    return run(load_set(CONDITIONS2))


def test_each_question_cites_a_line_of_the_knowledge() -> None:
    ids = {e.id for e in load_knowledge()["id"].entries}
    sets = (CONDITIONS, LOOKALIKES, CONDITIONS2, LOOKALIKES2, CONDITIONS3, LOOKALIKES3)
    for tsv in (
        *sets,
        CONDITIONS4,
        LOOKALIKES4,
        CONDITIONS5,
        LOOKALIKES5,
        CONDITIONS6,
        LOOKALIKES6,
        CONDITIONS7,
        LOOKALIKES7,
        CONDITIONS8,
        LOOKALIKES8,
        CONDITIONS9,
        LOOKALIKES9,
        CONDITIONS10,
        LOOKALIKES10,
        CONDITIONS11,
        LOOKALIKES11,
        CONDITIONS12,
        LOOKALIKES12,
        CONDITIONS13,
        LOOKALIKES13,
        CONDITIONS14,
        LOOKALIKES14,
        CONDITIONS15,
        LOOKALIKES15,
        CONDITIONS16,
        LOOKALIKES16,
    ):
        for q in load_set(tsv):
            assert all(e in ids for e in q.expected), q.expected
            if tsv == CONDITIONS2 and _NEWS.match(q.source):
                continue  # the second set may restate a case from a news page
            cited = _CITED.match(q.source)
            assert cited, f"{q.text!r}: {q.source!r} is not knowledge/<file>:L<n>"
            path = KNOWLEDGE / cited[1]
            if path.exists():  # shared/ lies beside the checkout, in CI too
                lines = path.read_text(encoding="utf-8").splitlines()
                assert 0 < int(cited[2]) <= len(lines) and lines[int(cited[2]) - 1].strip()


def test_the_set_expects_no_yes() -> None:
    kb = load_knowledge()["id"]
    sets = (
        CONDITIONS,
        CONDITIONS2,
        CONDITIONS3,
        CONDITIONS4,
        CONDITIONS5,
        CONDITIONS6,
        CONDITIONS7,
        CONDITIONS8,
        CONDITIONS9,
        CONDITIONS10,
        CONDITIONS12,  # the eleventh expects jkm.sick_death's "Ya" beside jkm.vs_jkk once
        CONDITIONS13,
        CONDITIONS14,
        CONDITIONS15,
        CONDITIONS16,
    )
    for q in (q for tsv in sets for q in load_set(tsv)):
        assert not any(says_yes(kb.by_id[e].answer) for e in q.expected), q.text


def test_no_stated_condition_is_answered_with_a_bare_yes(outcomes: list[Outcome]) -> None:
    assert [o.question.text for o in outcomes if says_yes(o.reply)] == []


def test_each_question_gets_the_entry_that_addresses_its_condition(
    outcomes: list[Outcome],
) -> None:
    wrong = [(o.question.text, o.entry_id) for o in outcomes if not o.right]
    # Measured 202 of 205. Rows 2-55 were written with an earlier change; rows 56-75 were scored
    # once, blind (17 of 20 right). Rows 76-139 (64, written from knowledge lines no earlier
    # row cited) were scored blind on the code of 5 Dec (commit 2098f78): 25 right, 14 bare
    # yes-answers; rows 140-159 (20) were written and scored blind after the first round of
    # changes: 13 right, 4 yes-answers (10 and 6 on 2098f78). Lines 162-206 (45, other voices:
    # Javanese and Sundanese mixed, a grandchild, forwards, dates, negations) were scored blind
    # on commit efe619e: 33 right, 4 bare yes-answers (a lapse given as "terakhir bayar Maret"
    # or "5 bulanan ga dibayar", or in Javanese or Sundanese words), and 9 of their 11
    # look-alikes right. 204 since the months of a lay-off and a JKP claim are compared
    # (`months_apart`). The word groups and conditions added after each batch
    # (bot/domain/data/conditions.toml) were fitted on it, so the blind figures, not these,
    # say how the readings generalise. The one miss: a village letter about a 72-year-old,
    # naming no programme of ours, is taken for a question about social aid. No yes.
    # Since the index learned dev's real questions (bot.domain.real_questions; held-out +5,
    # fresh6 +8), 202: a boat sunk in harbour while its owner was home draws jkk.death (dev's
    # fishers lost at sea), a dialysis patient never registered peserta.not_member. 203 since a
    # boat that "karam" or "kandas" is property damaged (the two others stay).
    assert len(wrong) <= 2, wrong


def test_look_alikes_without_a_condition_keep_their_own_answer() -> None:
    wrong = [(o.question.text, o.entry_id) for o in run(load_set(LOOKALIKES)) if not o.right]
    assert wrong == []


def test_the_second_set_gets_no_bare_yes_and_its_entries(outcomes2: list[Outcome]) -> None:
    assert [o.question.text for o in outcomes2 if says_yes(o.reply)] == []
    wrong = [(o.question.text, o.entry_id) for o in outcomes2 if not o.right]
    # Scored blind on commit 6845553: 54 of 78 right, 9 bare yes-answers. After the changes it
    # guided (a birthday's count, Minang and Betawi forms, "setor", a scholarship after fewer
    # than 3 years paid, the JHT within the month of waiting, a lay-off and JKP months apart, a
    # date moved or an accident placed at work, a detour, "bukan karyawan" asking the rates, a
    # redirect giving way when the message names BPJS TK): 78 of 78, no yes. Since the index
    # learned dev's real questions: 75 (an accident 4 months in arrears gets the lapse entry,
    # a fake resignation letter the JHT-while-working one, an employee's deducted rate none).
    # With fresh14 and fresh15 in dev, 74: a home tailor who is a BPU asking JP at 59 gets the
    # JP age (its answer names no BPU rule), and the employee's rate starts the check. None
    # gets a yes (asserted above). 78 again since a hand struck by a grinder is hurt (the lapse
    # with an accident), a request that says the letter would be false ("seolah gue resign")
    # narrows the misstatement to the refusal, a self-employed worker asking the monthly
    # pension is a condition (jp.bpu), and what is deducted from a wage is the FAQ's question.
    assert wrong == []


def test_the_second_look_alikes_keep_their_own_answer() -> None:
    wrong = [(o.question.text, o.entry_id) for o in run(load_set(LOOKALIKES2)) if not o.right]
    # Blind 13 of 15; "Saya nelayan umur 45, belum punya BPJS TK. Mau daftar, caranya gimana?"
    # is ranked to the minimum-age entry (the age draws it; no condition is read).
    assert len(wrong) <= 1, wrong


def test_the_audit_set_gets_no_bare_yes_and_its_entries() -> None:
    outcomes = run(load_set(CONDITIONS3))
    assert [o.question.text for o in outcomes if says_yes(o.reply)] == []
    wrong = [(o.question.text, o.entry_id) for o in outcomes if not o.right]
    # Scored before the changes on commit 896c6ef: 111 of rows 2-133 right, 8 bare yes-answers
    # (an everyday illness asking for the income lost got STMB's "Ya" 3 times; "68th … ikut jkk
    # jkm", half a year unpaid, a fight with an in-law, a phone broken on a delivery, no
    # smartphone for a JKP claim). After them (bot/domain/data/conditions.toml: a fight, a
    # child past the scholarship's limits, a retirement or no smartphone with JKP, a house
    # owned with MLT, a migrant worker home for months; an illness with its income, joining
    # after an accident, words for half a year, office work, "ikut jkk"; a number written
    # falsely, "biar kelihatan di-PHK"; data/intent.toml: grandparents are someone else): 132
    # of 132, and the 25 rows written afterwards 25 of 25, no yes. Rows 159-162 (drunk, on
    # purpose) got the at-work or commute "Ya"; now jkk.conduct_unknown ([conditions.conduct]).
    # Rows 163-164 (hurt working from home, at an office's 17 August games) got JKK's
    # "Tidak"; the knowledge has no rule: jkk.place_unknown ([conditions.workplace_unknown]).
    # Rows 165-175, scored before their change: 6 of 11, 2 yes (a tukang ojek registered two
    # days after being hit got jkk.ojol's "Ya", joining "sehari setelah" a work accident
    # jkk.at_work's); after it (notmember's "joined after", selfjobloss's drivers,
    # retired_jobloss's age of retiring): 11 of 11, no yes.
    # Rows 176-184, scored before their change: 6 of 9, 3 yes (jkm.sick_death's "Ya" to a
    # worker dead in Sabah or Taiwan, jht.contract_end's to an honorary worker's death); after
    # it ([conditions.pmi_death], [conditions.resigned_death], "tidak ada yang bayar"): 9 of 9.
    assert wrong == []


def test_the_audit_look_alikes_keep_their_own_answer() -> None:
    wrong = [(o.question.text, o.entry_id) for o in run(load_set(LOOKALIKES3)) if not o.right]
    assert wrong == []


def test_the_fourth_set_gets_no_bare_yes_and_its_entries() -> None:
    outcomes = run(load_set(CONDITIONS4))
    assert [o.question.text for o in outcomes if says_yes(o.reply)] == []
    wrong = [(o.question.text, o.entry_id) for o in outcomes if not o.right]
    # Before the change: 42 of 61, 5 yes-answers ("Bisa" to a JMO claim of Rp22 juta, to three
    # kinds of work, to a claim through 175; "Ya" to a companion's transport and to a discount on
    # JHT). After it (answers that open with their limit, not a yes: jht.jmo, peserta.two_jobs,
    # jkk.transport, iuran.discount, peserta.family; conditions selfbsu, nojob, jp_short,
    # jp_early, jp_enrol_late, jmo_over, jobs_many, perisai_unfit; a borrowed KPJ and a job
    # changed "padahal" in misstate; phrasings): 61 of 61. Rows 63-69: a birth year changed "biar
    # bisa daftar" got peserta.age_max, a PHK letter "padahal saya resign" jkp.resign, a friend's
    # card "pinjem" jkk.medical; refused since misstate reads them (no yes before either).
    assert wrong == []


def test_the_fourth_look_alikes_keep_their_own_answer() -> None:
    wrong = [(o.question.text, o.entry_id) for o in run(load_set(LOOKALIKES4)) if not o.right]
    # Before: 5 of 7 (an employee asking for BSU got bsu.bpu's "Tidak"; Rp9 juta in JMO got
    # layanan.inactive_card_jmo, whose answer, a non-active card can claim JHT in JMO, is right
    # and is now expected too).
    assert wrong == []


def test_the_fifth_set_gets_no_bare_yes_and_its_entries() -> None:
    outcomes = run(load_set(CONDITIONS5))
    assert [o.question.text for o in outcomes if says_yes(o.reply)] == []
    wrong = [(o.question.text, o.entry_id) for o in outcomes if not o.right]
    # Before the change (commit adca43a): 3 of 15, one "Ya" (jkk.at_work to a fall at home
    # after a road project ended). After it (offwork: one's own house repaired, a contract or
    # project ended before the accident, hiking, football; resigned_soon gives way when JKK is
    # asked; jobloss_disputed, jkm_transfer, pmi_other_segment; pmi.must opens "Wajib."): 15.
    # Rows 17-19 were scored before jp.rejoin was written: 0 of 3 (jp.survivors, jp.bpu), no
    # yes; with its phrasings 1 of 3; with [conditions.jp_rejoin] 3 of 3.
    assert wrong == []


def test_the_fifth_look_alikes_are_not_refused() -> None:
    outcomes = run(load_set(LOOKALIKES5))
    assert [o.question.text for o in outcomes if o.entry_id == "jkk.not_covered"] == []
    wrong = [(o.question.text, o.entry_id) for o in outcomes if not o.right]
    # Before and after: 1 of 2; a finger caught in a machine at the factory gets the commute's
    # "Ya, ditanggung" (the wrong entry; no condition is read).
    assert len(wrong) <= 1, wrong


def test_the_sixth_set_gets_no_bare_yes_and_its_entries() -> None:
    outcomes = run(load_set(CONDITIONS6))
    assert [o.question.text for o in outcomes if says_yes(o.reply)] == []
    wrong = [(o.question.text, o.entry_id) for o in outcomes if not o.right]
    # Scored blind on commit fa5b178: 36 of 54 carried an expected entry, but 14 replies said
    # yes (11 of them the expected entries' own "Ya."/"Bisa."/"Masih berlaku."/"Benar": STMB,
    # home care, a prosthesis, paying ahead, reimbursement, an old card; and jkk.ojol,
    # jkm.sick_death, jkp.bankrupt), so 25 right without a yes; 5 of the 10 misstatements
    # refused. After: answers that open with their limit (jkk.stmb, jkk.home_care,
    # jkk.prosthesis, bayar.periods, jkk.reimburse, jht.old_card, jkm.history,
    # peserta.two_employers), conditions stmb_long, homecare_long, prosthesis_advanced,
    # advance_long, death_before_2019, heir_not_first, jkm_other_account, jht_claimed_again,
    # jkp_two_employers, and misstate's another's name, "ngaku … biar", "ditulis … mawon ben";
    # row 33's label takes daftar.fee, whose answer says agents may not charge more.
    assert wrong == []


def test_the_sixth_look_alikes_keep_their_own_answer() -> None:
    wrong = [(o.question.text, o.entry_id) for o in run(load_set(LOOKALIKES6)) if not o.right]
    # Blind 14 of 14; still 14 since the limits are read only past them.
    assert wrong == []


def test_the_seventh_set_gets_no_bare_yes_and_its_entries() -> None:
    outcomes = run(load_set(CONDITIONS7))
    assert [o.question.text for o in outcomes if says_yes(o.reply)] == []
    wrong = [(o.question.text, o.entry_id) for o in outcomes if not o.right]
    # Scored blind on commit 2f26d9a: 39 of 66 right, 4 yes-answers among the rest. Of the 55
    # limits, 35 right, 2 yes-answers (jkk.ojol's "Ya" to a Rp14 juta plane, iuran.jkk_jkm_only's "Boleh"
    # to JHT alone) and 18 other entries; 4 of the 11 misstatements refused, 2 with a yes
    # (jkm.sick_death to a stroke told as a fall at sea, peserta.no_ktp to a sibling's NIK);
    # two expected answers opened with a yes ("Benar, dulu berbeda", peserta.foreigner's
    # "Ya."). After: those open with their limit; conditions transport_cost, foreigner_new,
    # jht_only, underage, income_below_min, scholarship_before_2019, jmo_hours,
    # data_change_late; misstate reads a figure or state written over the true one, a record
    # written back, a copied signature, an illness to be witnessed as an accident, a relation
    # claimed, a witness who saw nothing; jp_early from 50; a child's age is no shortpaid
    # scholarship, BSU no lapse, a suspicion reported no misstatement; phrasings: 64 of 66, no
    # yes, 11 of 11 refused. The two left are redirected (a boat "ketimpa jangkar" to Jasa
    # Raharja, a cough from a factory's dust to the medical redirect): the scope's decision.
    # Two labels widened once the session's merges were retrained, to answers that state the
    # limit without a yes: a trader who stopped a week ago, jht.waiting_period ("Belum … masa
    # tunggu 1 bulan"); a PHK told by WhatsApp, jht.documents (its PHK line asks for proof).
    assert len(wrong) <= 2, wrong


def test_the_seventh_look_alikes_keep_their_own_answer() -> None:
    wrong = [(o.question.text, o.entry_id) for o in run(load_set(LOOKALIKES7)) if not o.right]
    # Blind 12 of 14 (a Japanese expert of 2 years got peserta.interns, Rp9 juta in JMO
    # layanan.inactive_card_jmo); 13 after: the JMO one still gets the non-active card's entry.
    assert len(wrong) <= 1, wrong


def test_the_eighth_set_gets_no_bare_yes_and_its_entries() -> None:
    outcomes = run(load_set(CONDITIONS8))
    assert [o.question.text for o in outcomes if says_yes(o.reply)] == []
    wrong = [(o.question.text, o.entry_id) for o in outcomes if not o.right]
    # Scored blind on commit 1b0e3a2: 55 of 65 right, 2 yes-answers (jkm.sick_death's "Ya" to a
    # death whose last payment was "sebelum lebaran tahun lalu", jkp.bankrupt's "Tetap bisa" to
    # a barber whose "usahanya bangkrut"); the other 8 got jkk.death for a death from dengue or
    # in one's sleep "bukan ketika bekerja" asked as JKK, jkk.report for "biar dibilang jatuh
    # waktu kerja", jkk.not_covered for a TKW staying on after her contract, jkp.deadline for a
    # month of JKP claimed late or a second JKP, jp.enrol_age for "peserta JP satu dasawarsa",
    # kesehatan.sick_treatment for a JHT claim made for a stroke patient. After (conditions
    # sickdeath_asksjkk, jobloss_again, jobloss_month_late; a last payment dated by a holiday,
    # "bukan ketika bekerja", "biar dibilang", a contract ended and the worker stayed on,
    # "usahanya" with JKP (not at another's shop or for a wage), a decade of JP, a proxy's JHT no
    # illness): 65 of 65.
    assert wrong == []


def test_the_eighth_look_alikes_keep_their_own_answer() -> None:
    wrong = [(o.question.text, o.entry_id) for o in run(load_set(LOOKALIKES8)) if not o.right]
    # Blind 13 of 16: a trader who collapsed and died at his stall after two years paid got
    # jkk.commute's "Ya" (now jkk.sudden_death: "ambruk dan meninggal" is a sudden death); an
    # income of 2 juta starts the contribution calculator, which asks the work (no entry's
    # text, a right reply); a PMI in Taiwan with a running contract gets jkk.not_covered, as the
    # ranking puts it (no condition is read).
    assert len(wrong) <= 2, wrong


def test_the_ninth_set_gets_no_bare_yes_and_its_entries() -> None:
    outcomes = run(load_set(CONDITIONS9))
    assert [o.question.text for o in outcomes if says_yes(o.reply)] == []
    wrong = [(o.question.text, o.entry_id) for o in outcomes if not o.right]
    # Scored blind on commit 2ba9c7e: 54 of 60 right, 3 yes-answers (jkk.commute's "Ya" to a
    # trader who "baru mendaftar BPJS Ketenagakerjaan sehari setelah tertabrak", jkm.sick_death's
    # to "bilang aja bapak umurnya 60 … padahal aslinya 68", jht.bpu_stop's "Bisa" to "JHT BPU
    # saya bisa dicairkan? … saya masih jualan seperti biasa"); jkp.deadline to a wife who sells
    # online asking JKP for herself beside a husband at a factory, jkk.not_covered to "bilang
    # aja … pas lagi kerja, padahal … main bola", redirect.tax_admin to a death certificate
    # "dipalsukan supaya … sesudah iuran dibayar": 5 of the 8 misstatements in new words
    # refused. After (conditions.toml: misstate's "bilang aja … padahal", notmember's body named
    # between joining and "setelah", working's JHT asked before "masih jualan", selfjobloss_own;
    # other_bodies.toml: a death certificate forged, or beside contributions, is no Dukcapil
    # errand): 60 of 60, no yes.
    assert wrong == []


def test_the_ninth_look_alikes_keep_their_own_answer() -> None:
    wrong = [(o.question.text, o.entry_id) for o in run(load_set(LOOKALIKES9)) if not o.right]
    # Blind 13 of 16: "lewat jalan yang biasa, tidak mampir ke mana-mana" read as a detour
    # (jkk.not_covered), "bukan karena resign, saya di-PHK" as a resignation (jkp.resign),
    # "Resign … tanggal 2 Januari, sekarang sudah 15 Maret" ranked to jht.waiting_period. After
    # (neutral: "tidak mampir", "bukan karena resign"; a phrasing each for jht.resign, months
    # apart, and jkp.conditions, "bukan resign tapi kena phk"): 16.
    assert wrong == []


def test_the_tenth_set_gets_no_bare_yes_and_its_entries() -> None:
    outcomes = run(load_set(CONDITIONS10))
    assert [o.question.text for o in outcomes if says_yes(o.reply)] == []
    wrong = [(o.question.text, o.entry_id) for o in outcomes if not o.right]
    # Scored blind on commit 67e374a: 52 of 63 right, 3 yes-answers (peserta.jakon_bpu's "Bisa"
    # to a builder whose contributions stopped in May before his fall in November and to "jkp
    # bs buat sy gk sy tukang cukur punya kios sndri bkn krywn", jkk.commute's "Ya" to a detour
    # by a bus terminal); the other 8: a father-in-law of 67 after a village briefing got the
    # village programme's wizard, "sy umr 68 thn" redirect.labor_rights (umr read as UMR), a
    # son registering his father the night after the accident jkk.plkk, the village secretary's
    # letter rentan.programme, 6 months insured before a PHK jkp.deadline, JP from 2016 at 59
    # jp.age, "msh krja d pabrk … crin jht semua lewat jmo" jht.jmo, an accident date to be
    # moved "ke hari Senin" jkk.not_covered. After (conditions.toml: "kebayar" is unpaid, a
    # sponsor's budget "sampai bulan Maret … tidak dilanjutkan", joining "malamnya" after the
    # accident, a date "saya mundurkan", an age told sentences before "Bisa … didaftarkan?",
    # "dftr", "krja", "crin", "bkn krywn", one's own "kios sndri"; [conditions.detour] narrows
    # `offwork` to a trip off the way to work, which the commute's "Ya" does not answer; two
    # dates a span apart, years included (`months_under`: joined December 2025, laid off June
    # 2026; JP from 2016 in 2026); intent.toml: "saya mau konsultasi" is no one's case, so a
    # village's name in a relative's story is no question of one's own place; id_words.tsv:
    # "ktngakerjaan" names us, so "umr 68 thn" is no labour-rights question): 63 of 63, no yes.
    assert wrong == []


def test_the_tenth_look_alikes_keep_their_own_answer() -> None:
    wrong = [(o.question.text, o.entry_id) for o in run(load_set(LOOKALIKES10)) if not o.right]
    # Blind 10 of 16: paid 5 July and died 20 August read as a lapse (jkm.active), a letter of 1
    # August on 10 October as the month of waiting, "bukan tidak dibayar, selalu saya bayar" as
    # arrears, a warung owner's wife hurt shopping for its stock as off work (jkk.not_covered),
    # an RT head's becak driver of 58 started the eligibility wizard, a child of 17 got
    # beasiswa.age_limit (whose answer, the child's limits, is right: label widened after).
    # After (lapsed dated only when its dates lie 3 months apart, `months_apart`; neutral "iuran
    # … bukan tidak dibayar"; intent.toml: an RT head's "warga" is someone else; a phrasing each
    # for jht.resign, months apart, and jkk.at_work, stock bought at the market): 16 of 16.
    # Merged with the day's other work: an inactive card's JHT claim in JMO got
    # layanan.inactive_card_jmo, whose answer is right (label widened), 16 of 16.
    assert wrong == []


# The rounds written blind since the eleventh, each scored by the same two tests: a set of
# conditions (no yes, and at most `allowed` other entries) and its look-alikes.
ROUNDS = [
    # Round 11 (conditions11.tsv, 64).
    # Scored blind on commit 16dfe95: 50 of 64 right, 4 yes-answers (daftar.group's to a
    # cooperative's letter on a member "lahir 17 Agustus 1959" asking "pendaftaran … untuk
    # pertama kalinya", rentan.sponsored_benefits' to "tidak melakukan pembayaran iuran sejak
    # triwulan pertama", jkk.at_work's to an accident at a relative's wedding "di luar jam
    # berdagang", peserta.farmer_fisher's to "kerusakan perahu … dihantam gelombang"); the
    # other 10: a 65th birthday in words, a father on dialysis to be registered, a last payment
    # "terakhir masuk" in January before a May accident (and "hajatan" read as a party), a
    # morning walk, a phone's cracked screen, a hand cut on purpose for the disability benefit,
    # a holiday crash to be written "waktu antar dagangan saja", a cancer death to be told as
    # a fall "supaya santunannya lebih besar", 8 months between joining and a lay-off, a JKP
    # asked after signing "di tempat kerja baru". After (conditions.toml: "pendaftaran" joins,
    # a birthday's age in words, dialysis while joining, "iuran … terakhir masuk" dated, "tidak
    # melakukan pembayaran … sejak triwulan", "di luar jam berdagang", "resepsi", "itu
    # pekerjaan saya" is no day off, "kerusakan" of goods and a cracked "layar", "dihantam",
    # "sengaja … iris", a form filled "… saja ya, biar", a death by illness told otherwise
    # "supaya santunan…", work dated from "kerja … sejak", a new job "di tempat kerja baru" or
    # "sudah kerja lagi"; a phrasing each for jkk.not_covered and jht.bpu_stop): 64 of 64.
    pytest.param(CONDITIONS11, 0, id="eleventh"),
    # Round 12 (conditions12.tsv, 62). Scored blind on commit 921cd7b: 41 of 62 right, 10
    # yes-answers (peserta.farmer_fisher's, daftar.this_bot's and peserta.jakon_bpu's to a
    # mother "kepala enam akhir" or "lahiran 1955" and a tailor "sejak 4 bulan lalu dirawat";
    # jkk.at_work's to "telat 18 minggu" and to side jobs, "nyambi", and to a fight with an
    # ex-husband who "datang ngamuk"; jkk.ojol's to a motorbike "dibawa kabur";
    # peserta.no_ktp's to a father registered "dua kali" for a double payout); the other 11:
    # "lahiran 1958", a lapse "lupa sejak bulan Juli", goods asked beside an injury ("HP-nya
    # bisa diklaim", "mobil sama sayurnya juga diganti"), a side job, "sengaja lompat", "abis
    # pesta miras" (read as a party), data "dibuat sedikit beda … 2x Rp42 juta", "mau lapornya
    # jatuh dari pohon … biar JKK keluar", "ambruk pas nyangkul … terus meninggal", and a
    # heart-attack death asking for the papers (jkk.sudden_death). After (conditions.toml:
    # "lahiran", "kepala enam akhir"; ill "sejak … dirawat" after the wish to join; weeks past
    # 13 (`manyweeks`), "lupa sejak <month>"; `goodsasked` keeps property read with an injury
    # beside it, "dibegal", "dibawa kabur"; [conditions.sidejob]; "sengaja lompat", a drinking
    # "pesta" no party; an ex or a relative "ngamuk"; "mau lapornya … biar", registering
    # "dua kali" or data "dibuat beda … biar"; a collapse "pas …, terus meninggal";
    # suddendeath names jkm.documents and jkm.claim_how): 62 of 62, no yes.
    pytest.param(CONDITIONS12, 0, id="twelfth"),
    # Round 13 (conditions13.tsv, 62). Scored blind on commit 4f73c17: 51 of 62 right, 4
    # yes-answers (jkm.sick_death's to a lapse dated with its days, "terakhir bayar iuran BPU
    # tanggal 3 Januari 2026 … tanggal 28 Juni 2026"; jkk.commute's twice and jkk.at_work's to
    # day-off trips, Betawi "jalan-jalan ke Ancol … kagak narik. Pas pulang … ditabrak",
    # Javanese "kulo prei, tindak ziarah", Sundanese "nuju pere teu dagang"); the other 7: a
    # lapse in Sundanese or Javanese numbers ("dalapan sasih", "mandeg pitung wulan"), a
    # letter of resignation "yang tidak benar-benar saya ajukan", a fall at home to be written
    # as at work (after "bukan waktu kerja", which `notwork` took), a TNI soldier asking for
    # BPU, one's own KTP for a mother of 68 who works, "sengaja menabrakkan motornya". After
    # (conditions.toml: Javanese and Sundanese counts and "sasih"; a last payment's day before
    # its month; contributions that "mandeg"; a document "tidak benar-benar" so; one's own
    # identity for another who works; misstate_told read before notwork, and asksjkk giving
    # way to "kalau … kami tulis"; [conditions.civilservant], with peserta.pu_and_bpu naming
    # PNS/ASN, TNI and Polri; "prei", "pere", "ziarah" off work, and [conditions.dayoff]
    # narrowing it, as `detour` does, past the commute's "Ya"; "sengaja menabrakkan"; a
    # resignation and a claim dated in the same month, resigned_soon `months_under`): 62 of 62.
    pytest.param(CONDITIONS13, 0, id="thirteenth"),
    # Round 14 (conditions14.tsv, 61). Scored blind on commit 5033f0e: 49 of 61 right, 5
    # yes-answers (jkk.at_work's to a letter dating the fall on 2 November and the registration
    # on 4 November; jkm.sick_death's to a husband registered the day after he died;
    # jkk.commute's to a fall at a side job "sambil jadi tukang parkir"; jkk.ojol's to a fall
    # while fleeing a theft; peserta.ojol's to "tgl merah kemarin gue libur narik … kaki
    # sobek"); the other 7: work abroad on a BPU membership (twice peserta.not_member), JKP for
    # a PMI whose contract was cut short (read as ended: jkp.resign), "pekerjaan sampingan yang
    # tidak didaftarkan" (its registration read from "yang tidak didaftarkan"), a suicide
    # (jkm.summary), a killing (jkk.sudden_death), "masih ngojol" with the whole JHT asked.
    # After (conditions.toml: a registration dated on or after the day of the harm, days
    # counted in `_span`; [conditions.joined_after_death]; pmi_other_segment for a BPU gone to
    # work abroad; [conditions.migrantjobloss]; "<side>" and a side job said unregistered;
    # [conditions.suicide], [conditions.killed], a crime of one's own in `conduct`; "ngojol"
    # work, "sobek" a wound; a contract cut short "sebelum habis" no ended one): 61 of 61.
    pytest.param(CONDITIONS14, 0, id="fourteenth"),
    # Round 15 (conditions15.tsv, 65). Scored blind on commit f3691f7: 51 of 65 right, 7
    # yes-answers (jkm.sick_death's to "iuran … kosong hampir setengah taun, trus bapak meninggal"
    # and to a father registered "tiga hari setelah ayah dimakamkan"; jkk.at_work's to a stage
    # that fell "kena kaki saya" at a village show ("nggak bawa dagangan"), to a village
    # clean-up ("kerja bakti") and to a marine joining "yg 16.800"; peserta.jakon_bpu's to a
    # barber asleep at home under a ceiling that "ambrol menimpa kepala"; jht.resign's to a
    # resignation "dua belas hari yang lalu"); the other 7: a lapse told as "terakhir kebayar
    # waktu tahun baru" beside a stroke (jkk.sudden_death), a Sundanese fall ("murag") picking a
    # neighbour's mangoes, a courier who "baru bikin akun jmo n bayar iuran pertama hari ini"
    # after yesterday's crash, the JHT a week after a PHK (jht.any_branch), "umur tiga puluh
    # delapan, masih bekerja" (read as 30 percent), "orang India baru sebulan" and "warga negara
    # Malaysia, baru empat bulan" (peserta.pu, pmi.must). After (conditions.toml: "kebayar",
    # "setor" after "terakhir"; "iuran … kosong"; a part struck named after ("kena kaki",
    # "menimpa kepala"), a wound "sampai dijahit", "murag"; off work: goods not taken out,
    # "kerja bakti" (not a village official's), asleep at home, a neighbour's fruit picked;
    # joining "baru … hari ini" after the harm, registering after the burial; "\w+ belas
    # hari"; [conditions.laidoff_soon]; an age of thirty-something no 30 percent; marines, brimob,
    # soldiers, and the BPU's price "16.800" as joining as one; nations named, "baru sebulan"):
    # 65 of 65, no yes.
    pytest.param(CONDITIONS15, 0, id="fifteenth"),
    # Round 16 (conditions16.tsv, 67). Scored blind on commit c2b184a: 57 of 67 right, 2
    # yes-answers (daftar.group's to a farmers' group letter on a member "lahir tahun 1957 dan
    # belum pernah terdaftar. Apakah beliau dapat diikutsertakan?", peserta.no_ktp's to "boleh
    # pakai NIK kakak saya buat daftar BPU? Nanti yang kerja saya"); the other 8: a lapse
    # before a drowning with the death benefit asked (bayar.arrears_accident), a stroke at home
    # "menanggung pengobatannya" (peserta.sick), a waiter and a shop clerk paid by the owner and
    # told to join as BPU (peserta.bpu_who), "mundur dari kerjaan" and JKP (jkp.bpu), a fall at
    # home to be reported "waktu kerja" (jkk.not_covered), one's card lent for a friend's claim
    # (peserta.not_member), and a factory worker not registered and hurt (peserta.not_member,
    # whose answer names the employer's duty: label widened, as earlier sets have it). After
    # (conditions.toml: "diikutsertakan", "ikut serta" join; another's NIK for oneself "yang
    # kerja saya", or with no KTP of one's own; one's card for another's claim; a room of one's
    # home against a report "waktu kerja"; a death benefit asked makes a lapse the death's, not
    # the accident's; "menanggung", "pengobatan…" ask for treatment; "mundur dari kerjaan"
    # resigns; [conditions.employee_of_owner] narrows `employee` to peserta.shop_helper):
    # 67 of 67, no yes.
    pytest.param(CONDITIONS16, 0, id="sixteenth"),
]
LOOKALIKE_ROUNDS = [
    # Round 11's look-alikes (16).
    # Blind 13 of 16: paid 5 May and hurt 14 May "bongkar tenda hajatan, itu pekerjaan saya"
    # read as a party (jkk.not_covered), a driver who stopped driving his angkot got
    # jht.resign (an employee's month of waiting), working since March 2024 and laid off in
    # November 2026 jkp.deadline. After: 15; the last still ranks to jkp.deadline, whose
    # answer (claim within 6 months of the PHK) is no yes.
    pytest.param(LOOKALIKES11, 1, id="eleventh"),
    # Round 12's look-alikes (16). Blind 11 of 16, and after it: the five are ranked, no
    # condition read: five workers of 30-58 in a secretary's letter get peserta.bpu_who, an ojol
    # paying "bpjs aku rutin autodebet" bayar.autodebit, "kepala bocor" at a fish stall
    # jkk.death, a PMI registered through a P3MI peserta.not_member (pmi_death names it for
    # the unregistered), a member since 2024 hurt by a chainsaw peserta.not_member.
    # Since round 13 a PMI registered through a P3MI no longer reads as an unregistered
    # migrant's death (pmi_death's `unless`), yet still ranks to peserta.not_member. Tried and
    # not adopted (no gain): "rutin autodebet tiap bulan" and "sudah jadi peserta BPU aktif
    # sejak 2024" as neutral words (the first then drew bayar.arrears_accident, the second
    # still peserta.not_member). Looked at again in round 14: none of the five states a
    # condition; "sudah jadi peserta" is read as the word "daftar" beside an accident, which the
    # reranker ties to peserta.not_member (the words taken out, it still answers so).
    pytest.param(LOOKALIKES12, 5, id="twelfth"),
    # Round 13's look-alikes (16). Blind 13 of 16: "bayar iuran sejak 2023. Biaya rumah sakit"
    # read as ill since joining (peserta.sick), a fall from scaffolding at work after paying
    # in July got jkk.commute, a resignation of 20 October and the JHT asked on 27 November
    # jht.waiting_period. After ("rumah sakit" is no illness in preexisting): 14; the other two
    # are ranked, no condition read (20 October and 27 November lie a month apart). Rows 18-19,
    # written after (a PNS's wife who trades, "hari libur nasional tetap narik"): right.
    # With the models retrained on dev of 5,897 questions (fresh47, fresh48, each entry's
    # examples sharing their weight): 13, as "sudah daftar BPU dan bayar iuran sejak 2023 …
    # biaya rumah sakit" got jkk.reimburse, whose answer is the employer's arrears (ranked).
    pytest.param(LOOKALIKES13, 3, id="thirteenth"),
    # Round 14's look-alikes (21). Blind 15 of 21: a fall "waktu antar galon" got jkk.commute,
    # a registered PMI's claim and a PMI's contributions paid from home pmi.register, a healthy
    # welder who visited his father "opname di RS" peserta.sick (read as ill before joining), a
    # BPU adding JHT jht.summary, a farmer of 45 under a PNS village head the eligibility wizard
    # ([conditions.civilservant] had read the village head). After ([conditions.civilservant]
    # needs the one joining to be in service; preexisting gives way to another's illness
    # tended): the same 15; the six are ranked, no condition read. With the models retrained
    # on dev of 5,897 questions: 14, a BPU with two jobs hit while parking got jkk.commute
    # (ranked, no condition read).
    pytest.param(LOOKALIKES14, 7, id="fourteenth"),
    # Round 15's look-alikes (20). Blind 14 of 20: a stroke death with contributions paid got
    # jkk.sudden_death (whose answer, JKM when its two conditions fail, is right: label
    # widened after), "pensiunan polisi … mau didaftarkan BPU" jkk.police_report, born '79
    # peserta.age_max, "iuran rutin saya bayar tiap bulan" before a fall bayar.arrears_accident,
    # a Malaysian of two years pmi.must, a healthy husband to be registered peserta.family.
    # After: 15; the five others are ranked, no condition read. Tried and not adopted: a
    # retired officer before a joining as neutral words (16 of 20, but taking "pensiunan PNS"
    # out of three phrasings sent a Tapera probe of tests/domain/test_scope.py to
    # iuran.pu_rates); "iuran" taken with "rutin … bayar" still leaves bayar.arrears_accident.
    pytest.param(LOOKALIKES15, 5, id="fifteenth"),
    # Round 16's look-alikes (20). Blind 17 of 20: a PHK of 10 August and the JHT asked on 25
    # October got jht.resign (whose answer gives the PHK's month too: label widened), a paid-up
    # member drowned while bathing jkm.active, 17 years of JP at 59 jp.under15 (whose answer,
    # 15 years needed, implies the yes). After: 18; the two are ranked, no condition read.
    pytest.param(LOOKALIKES16, 2, id="sixteenth"),
]


@pytest.mark.parametrize(("tsv", "allowed"), ROUNDS)
def test_a_round_gets_no_bare_yes_and_its_entries(tsv: Path, allowed: int) -> None:
    outcomes = run(load_set(tsv))
    assert [o.question.text for o in outcomes if says_yes(o.reply)] == []
    wrong = [(o.question.text, o.entry_id) for o in outcomes if not o.right]
    assert len(wrong) <= allowed, wrong


@pytest.mark.parametrize(("tsv", "allowed"), LOOKALIKE_ROUNDS)
def test_a_rounds_look_alikes_keep_their_own_answer(tsv: Path, allowed: int) -> None:
    wrong = [(o.question.text, o.entry_id) for o in run(load_set(tsv)) if not o.right]
    assert len(wrong) <= allowed, wrong
