"""Conditions stated in a question: read from the words, and never answered with a plain yes."""

from __future__ import annotations

import pytest

from bot.domain.conditions import conditions
from bot.domain.faq import Decision, FaqIndex, build_index
from bot.knowledge import Entry, load_index, load_knowledge

READ = [
    ("meninggal bukan akibat kecelakaan kerja, ahli waris dapat apa", "@notwork"),
    ("iurannya tidak dibayar sejak 10 bulan sebelum meninggal", "@lapsed"),
    ("kecelakaan waktu masih nunggak iuran", "@lapsed"),
    # The sponsor's months are over, and the worker has not paid since.
    ("iuran dibayar desa sampai Maret, sekarang belum bayar sendiri", "@lapsed"),
    ("iuran dibayar dinas sampai Mei, sesudah itu belum saya teruskan", "@lapsed"),
    # A job lost longer ago than the 6 months in which JKP is claimed.
    ("kena PHK sembilan bulan lalu, JKP masih bisa diklaim?", "@jobloss_late"),
    ("ayah sudah dirawat di ICU, bisa didaftarkan sekarang?", "@preexisting"),
    ("sebelum jadi peserta ternyata sudah kena diabetes, ditanggung?", "@preexisting"),
    ("boleh saya bilang sudah berhenti dagang supaya jht cair?", "@misstate"),
    ("bos mau bikinin surat phk boongan biar jht cair", "@misstate"),
    ("biar jht cair, bilang aja sudah berhenti kerja", "@misstate"),
    ("mengaku kecelakaan kerja padahal jatuh di rumah", "@misstate"),
    ("kios saya kebakaran, ditanggung?", "@property"),
    ("gerobak bakso saya ditabrak mobil sampai hancur", "@property"),
    ("bapak saya belum jadi peserta, kalau kecelakaan ditanggung?", "@notmember"),
    # An employer who has not registered his workers, asking about their harm.
    ("saya belum mendaftarkan karyawan saya, kalau mereka kecelakaan ditanggung?", "@notmember"),
    ("baru daftar, belum bayar iuran pertama, kecelakaan ditanggung?", "@notmember"),
    ("saya resign baik-baik dari pabrik, dapat jkp?", "@resigned"),
    ("kepesertaannya putus 8 bulan, lalu bapak meninggal", "@lapsed"),
    ("iurannya macet setahun, kecelakaan masih ditanggung?", "@lapsed"),
    ("ruko saya roboh kena gempa, dapat ganti?", "@property"),
    ("tabrakan, mobil penyok, penumpang luka, saya cuma lecet. yang diganti apa?", "@property"),
    ("sudah daftar tapi sekarang lagi kritis di rs", "@preexisting"),
    ("bapak tidak pernah terdaftar, kecelakaan ditanggung?", "@notmember"),
    # Asking to be registered, but also whether the harm is covered: still a non-member's case.
    (
        "bapak tidak terdaftar, kemarin jatuh, bagaimana supaya didaftarkan dan ditanggung?",
        "@notmember",
    ),
    # The employer's duty named beside a harm: the harm's cover is still asked.
    (
        "belum didaftarkan pabrik, kemarin jatuh, pabrik wajib mendaftarkan kan? ditanggung?",
        "@notmember",
    ),
    # still working, and saying (or getting a letter saying) one stopped, in either order
    ("saya masih jualan, boleh saya bilang ke bpjs sudah berhenti usaha?", "@misstate"),
    ("surat keterangan berhenti dari RT walau sebenarnya masih dagang, aman?", "@misstate"),
    ("mau cairkan jht tapi masih jadi ojol, gimana caranya?", "@working"),
    ("sudah setahun saya tidak bayar iuran, kecelakaan ditanggung?", "@lapsed"),
    ("bapak sedang dirawat intensif, bisa saya daftarkan hari ini?", "@preexisting"),
    # first registration is for the under-65s
    ("bapak saya udh 67 thn bisa daftar ga", "@overage"),
    ("usia ibu sudah 70, masih bisa didaftarkan?", "@overage"),
    # months written as words, and a time phrase
    ("lupa bayar iuran, kira-kira sudah lima bulan, lalu tangan tertimpa besi", "@lapsed"),
    ("kartunya udah mati dari tahun lalu krn ga dibayar, skrg bapak meninggal", "@lapsed"),
    ("ga dibayar dari tahun lalu, terus kecelakaan", "@lapsed"),
    # Membership given up months ago, then a fall at work (fresh49).
    ("sudah berhenti jadi peserta BPU 8 bulan, bulan lalu jatuh waktu kerja", "@lapsed_hurt"),
    ("udah keluar dari kepesertaan bpu sejak warung tutup, terus kecelakaan", "@lapsed"),
    # A death, and the JHT's age of 56 named: the heirs' JHT (fresh49).
    ("suami meninggal umur 48, katanya jht baru cair umur 56, harus nunggu?", "@died_before_56"),
    # hurt while not working: on holiday, on a day off
    ("kecelakaan pas mudik lebaran, dicover jkk?", "@offwork"),
    ("hari minggu tidak jualan, pergi kondangan, jatuh dari motor", "@offwork"),
    ("keserempet mobil waktu jalan-jalan ke mall, bukan lagi kerja", "@offwork"),
    # saying something untrue in order to be paid
    ("jatuh di rumah, bilang aja jatuh pas kerja biar diklaim, aman?", "@misstate"),
    ("bolehkah merekayasa tanggal kecelakaan?", "@misstate"),
    ("kalau tanggal kecelakaan dimundurkan biar masuk masa aktif?", "@misstate"),
    ("hrd mau bikinin paklaring seolah-olah saya resign", "@misstate"),
    # another person's document for one's own payout
    ("Bolehkah saya memakai surat PHK milik kakak saya untuk mengklaim JHT saya?", "@misstate"),
    ("boleh pinjam ktp teman buat daftar?", "@misstate"),
    ("iuran mati 9 bln, suami kecelakaan kerja", "@lapsed"),
    ("ga punya bpjs tk, kena musibah pas kerja", "@notmember"),
    # the work-accident benefit asked for a death said not to come from work
    (
        "ibu meninggal krn sakit bukan kecelakaan kerja, dapet santunan kecelakaan kerja?",
        "@asksjkk",
    ),
    ("istri wafat karena kanker, bukan karena pekerjaan. bisa klaim jkk?", "@asksjkk"),
    ("hp sy jatuh pecah pas narik, diganti?", "@property"),
    ("gerobak sy keseret banjir, diganti?", "@property"),
    # a wage earner asking to join as a self-employed worker
    ("saya karyawan pabrik, boleh daftar bpu juga?", "@employee"),
    ("sy udh kerja kantoran digaji bulanan, boleh daftar bpu sendiri?", "@employee"),
    # a death from illness or exhaustion: a work accident only under the sudden-death rules
    ("adik saya ojol punya penyakit jantung, meninggal waktu bawa penumpang", "@suddendeath"),
    ("bapak meninggal mendadak waktu jualan di pasar", "@suddendeath"),
    # a lapse typed in slang, or counted from a feast day
    ("bpjs tk emak kaga dibayar dr lebaran taun lalu, kmrn wafat", "@lapsed"),
    ("iurannya sudah empat bulan lewat jatuh tempo dan belum dibayar", "@lapsed"),
    # … narrowed by what happened: an accident, a death
    ("iuran bpu ngadat 5 bulanan, tangan sy kejepit mesin kapal", "@lapsed_hurt"),
    ("iurannya berhenti sepuluh bulan tidak dibayar, lalu dia meninggal", "@lapsed_death"),
    # an age past 65 in words, with a suffix, or as a birth year
    ("usianya enam puluh tujuh tahun, belum pernah ikut, bisa daftar?", "@overage_words"),
    ("kakek gw 70an masih narik becak, mo gw daftarin", "@overage_words"),
    ("buruh tani lahir tahun 1957, masih dapat kami daftarkan?", "@overage_words"),
    ("umurnya 69, belum pernah ikut bpjs apa pun, boleh didaftarkan?", "@notmember_old"),
    # an everyday illness with its treatment asked for
    ("kena tipes harus opname, biaya rumah sakitnya bisa diklaim?", "@illness"),
    ("sakit gigi bengkak ga bisa narik 3 hari, dapet stmb?", "@illness"),
    # the job-loss benefit: self-employed, resigned, late, joined old
    ("gw mitra ojol, akun disuspend, bisa klaim jkp kaya karyawan yg kena phk?", "@selfjobloss"),
    ("gw cabut sendiri dr pabrik, jkp cair kan?", "@resigned_jobloss"),
    ("kontrak dua tahun selesai tepat waktu, dapat jkp?", "@resigned_jobloss"),
    ("udh dpt kerjaan baru, jkp bulan ke-3 blm diklaim, masih cair?", "@jobloss_late"),
    ("pertama didaftarkan pada usia 56 tahun, lalu kena phk, berhak jkp?", "@jobloss_age"),
    # a detour, a day off, a game after closing the stall
    ("belok dulu antar anak, jauh dari jalur biasa, lalu keserempet truk", "@offwork"),
    ("kecelakaannya waktu nganter istri belanja baju, bukan pas antar orderan", "@offwork"),
    ("kaki keseleo main voli abis tutup lapak, bisa diklaim?", "@offwork"),
    # property: lost nets, a stall fire, livestock
    ("jaring sm mesin tempel sy ilang kebawa ombak, bisa diklaim jkk?", "@property"),
    ("sapi-sapi bapak mati keracunan, ada santunan?", "@property"),
    # the work-accident benefit for a death from illness: "ga ada hubungannya sm kerjaan"
    ("suami meninggal krn kanker, ga ada hubungannya sm kerjaan, klaim jkk 48x upah?", "@asksjkk"),
    # misstating: who one is, a date, what happened
    ("boleh saya ngaku sebagai anaknya biar santunan jkm cair?", "@misstate"),
    ("minta petugas ngisi tanggal daftarnya mundur seminggu", "@misstate"),
    ("sy ga punya ktp, boleh daftar pake ktp abang sy aja?", "@misstate"),
    (
        "kesiram minyak di rumah, bukan pas jualan. kalo ditulis kejadiannya di lapak biar dapet jkk?",
        "@misstate_told",
    ),
    ("peserta masih aktif berusaha, klaim jht seratus persen?", "@working"),
    ("gaji dipotong bpjs tk sama kantor, bisa daftar bpu mandiri juga?", "@employee"),
    ("iuran dibayarin kabupaten, tetep dapet potongan 50%?", "@sponsored"),
    ("suami tki di malaysia, saya ibu rumah tangga, boleh ikut didaftarkan?", "@abroad_family"),
    ("mo ambil jht 30% buat benerin atap rumah", "@renovation"),
    ("saya tenaga honorer, mau daftar bpu sendiri lewat jmo", "@employer_registers"),
    # Javanese and Sundanese words, suffixed spans, dates instead of spans, either word order
    ("iurane dereng dibayar wiwit april, terus kulo tiba saking motor", "@lapsed"),
    ("abdi teu acan mayar ti bulan maret", "@lapsed"),
    ("udah 3 bulanan gak dibayar iurannya", "@lapsed"),
    ("terakhir bayar iuran bulan mei, agustus kecelakaan", "@lapsed_hurt"),
    ("bojo sedo, iurane mpun mboten dibayar setahun", "@lapsed_death"),
    ("mbah umure sewidak pitu taun, saged didaftarke?", "@overage_words"),
    ("yuswana 70 taun, tiasa daptar bpu?", "@overage"),
    ("ibu kelahiran 1960 mau daftar bpu", "@overage_words"),
    ("blm pernah daftar bpjs, celaka kerja ditanggung?", "@notmember"),
    ("kaluar sorangan ti pabrik, jkp cair?", "@resigned_jobloss"),
    ("warung kobong, barang ludes", "@property"),
    ("lagi dolan ke pantai terus labuh", "@offwork"),
    ("toko masih buka, biar jht cair bilang apa?", "@working"),
    ("ga usah bilang kalau toko masih buka biar jht keluar", "@misstate"),
    ("ngaku mpun mandeg dodolan ben jht cair", "@misstate"),
    # a birthday's count, Betawi and Minang forms, paying in as "setor"
    ("bulan lalu bapak ultah ke-66, mau didaftarin bpu bisa?", "@overage_words"),
    ("engkong udeh tujuh puluh taon, bisa didaftarin?", "@overage_words"),
    ("nyokap udah 68, masih jualan, bisa daftarin dia bpu?", "@overage_words"),
    ("ambo indak bayia iuran alah ampek bulan", "@lapsed"),
    ("udah lima bulanan nggak setor iuran", "@lapsed"),
    # fewer months paid than a benefit needs; too soon after resigning; months apart
    ("baru bayar 14 bulan lalu meninggal, anaknya dapat beasiswa?", "@shortpaid_scholarship"),
    ("resign tgl 1, tgl 10 mau cairin jht, bisa langsung?", "@resigned_soon"),
    ("baru kerja 8 bulan langsung kena phk, dapat jkp?", "@jobloss_short"),
    ("di-PHK bulan Januari, baru sempat urus JKP bulan Agustus", "@jobloss_late_dates"),
    ("pensiun dini dari bumn, dapat jkp?", "@resigned_jobloss"),
    ("saya bukan karyawan, iurannya berapa?", "@notemployee"),
    # a date moved, an accident at home reported as at work, a detour, after closing
    ("tanggal kecelakaannya digeser ke hari senin biar diklaim", "@misstate"),
    (
        "kesiram minyak pas masak di rumah, kalo lapornya kejadian pas jualan bisa cair jkk?",
        "@misstate_told",
    ),
    ("pulangnya muter lewat sunter buat ketemu teman, lalu kecelakaan", "@offwork"),
    ("waktu warung sudah tutup saya terpeleset di kamar mandi", "@offwork"),
    ("minggu kemarin saya nggak jualan, ikut kerja bakti, kaki ketusuk paku", "@offwork"),
    ("istri ikut ke malaysia tapi cuma di rumah, bisa didaftarkan pmi?", "@abroad_family"),
    ("bapak udah kepala tujuh, masih dagang, bisa daftar bpu?", "@overage_words"),
    ("kartu bpjs tk suami udah lama mati, dia kecelakaan kerja kemarin", "@lapsed_hurt"),
    ("daftar sekarang tapi tanggal kepesertaannya dibuat dari bulan lalu", "@misstate"),
    # Round 10's causes: two dates a span apart, a sponsor that paid only until a month, a
    # detour off the way to work, the self-employed or still working typed short
    ("terakhir bayar 10 februari 2026, meninggal 20 juli 2026", "@lapsed_death"),
    ("iuran dari apbdes hanya dianggarkan sampai bulan maret dan tidak dilanjutkan", "@lapsed"),
    ("iurannya dari bulan mei tidak kebayar, minggu lalu jatuh dari perancah", "@lapsed_hurt"),
    ("ikut bpjs tk desember 2025, lalu di phk juni 2026, jkp bisa cair?", "@jobloss_short"),
    ("ikut jp sejak 2016, tahun 2026 ini 59, bisa pensiun bulanan?", "@jp_short"),
    ("belok dulu ke terminal nganter keponakan, lalu diserempet truk", "@detour"),
    ("jkp bs buat sy gk sy tukang cukur punya kios sndri bkn krywn", "@selfjobloss"),
    ("sya msh krja d pabrk tp mw crin jht semua", "@working"),
    ("tanggal kecelakaannya saya mundurkan ke hari senin saja", "@misstate"),
    ("ketabrak angkot, dibawa ke rs, malamnya anaknya baru mendaftarkan dia", "@notmember"),
    # joined on a later day than the harm, or the day after a death; a migrant's JKP; the
    # writer in service (round 14)
    ("tertimpa pohon tanggal 2 november, baru didaftarkan bpu tanggal 4 november", "@notmember"),
    ("suami meninggal hari senin, selasanya saya daftarkan dia bpu", "@joined_after_death"),
    ("saya pmi di taiwan, kontrak diputus sebelum habis, bisa klaim jkp?", "@migrantjobloss"),
    ("aku asn di dinas, sabtu minggu jualan bibit, bisa ikut bpu?", "@civilservant"),
    # fresh48: a span of months unpaid before a fall; an employer's iuran not handed over
    ("april sampai juli lupa bayar, agustus jatuh dari motor, ditanggung?", "@lapsed_hurt"),
    ("iurannya sudah enam bulan belum disetor, suami meninggal, dapat santunan?", "@lapsed_death"),
    ("saldo jht 20 juta bisa klaim lewat jmo?", "@jmo_over"),
    ("tertabrak waktu jalan kaki ke warung hari minggu, bukan hari kerja", "@offwork"),
    # after the retrain on 5,897: a holiday closure, home in the break, a lapse told last
    ("warung saya tutup waktu lebaran, saya ke kebun teh, kaki luka kena kawat", "@offwork"),
    ("warung saya tutup waktu lebaran, saya ke kebun teh, tangan tergores parah", "@offwork"),
    ("jam istirahat pulang ke rumah buat makan siang, jatuh di tangga rumah", "@offwork"),
    ("bapak wafat 9 Juni, iuran terakhir yang dibayar bulan Januari", "@lapsed_told_after"),
    # fresh52: a project registered by its contractor only after the fall is no cover either
    (
        "buruh proyek jatuh dari perancah kemarin, kontraktornya baru mendaftarkan proyek ke bpjs hari ini",
        "@notmember",
    ),
    # fresh57: the same told registration first ("… sehari setelah … jatuh")
    (
        "kontraktor baru mendaftarkan proyek ke bpjs sehari setelah tukangnya jatuh dari perancah, ditanggung?",
        "@notmember",
    ),
]

PLAIN = [
    "masih sakit belum bisa kerja dapat stmb?",
    "saya pakai surat kematian ayah untuk klaim JKM, syaratnya apa?",  # an heir's own claim
    "kartu bpjs tk saya hilang",
    "kecelakaan kerja di pasar ditanggung?",
    "iuran bpu berapa sebulan",
    # A contract not renewed is a job lost, not a lapse; a job lost 2 months ago is in time.
    # An employer asking about his duty to register his workers, not about their cover.
    "toko saya punya 5 karyawan, saya belum mendaftarkan mereka, boleh?",
    # A contractor who never registered the project: the construction entries answer it.
    "kontraktor tidak mendaftarkan proyek ke bpjs, tukang jatuh dari perancah, ditanggung?",
    "kontrak saya tidak dilanjutkan, bisa klaim jkp?",
    "saya di phk 2 bulan lalu, jkp cair kapan?",
    # "ikut bpjs" here says she was a member, not that she joined while sick
    "istri sy meninggal krn kanker, dia ikut bpjs tk mandiri, dpt santunan?",
    "sebelum daftar bpu, apa saja yang harus disiapkan?",  # "before joining", nobody sick
    "cara lapor kalau peserta meninggal dunia",  # reporting a death is no lie
    "harus lapor kalau sudah tidak bekerja?",
    # A contractor that has not registered its project: the project's own entries answer.
    "kontraktor belum mendaftarkan proyeknya, pekerja harian dilindungi siapa?",
    "nomor hp saya sudah tidak aktif, gimana ganti nomor di jmo",  # the phone, not membership
    # the motorbike broke, but so did his leg: a question about his treatment
    "kecelakaan waktu antar barang, motornya rusak parah dan kaki saya patah, biaya rs?",
    # a partial claim while working is allowed: asking for one states nothing wrong
    "masih kerja, boleh ambil jht 10 persen?",
    # an old member claiming, and an amount: no one too old to join
    "umur 70 bisa cairkan jht?",
    "iuran 65 ribu, daftar bpu di mana?",
    # a phone that died is a question about the app
    "hp saya mati, tidak bisa buka jmo",
    # the way home from work is covered; stopping work is no accident
    "jatuh dari motor pas pulang kerja ditanggung?",
    "sudah tidak kerja, jht bisa cair?",
    # a former employee, a driver who is no employee, an employee asking about his own dues
    "dulu karyawan sekarang jualan, bisa ikut bpu?",
    "ojol bukan karyawan, bisa ikut bpu?",
    "saya karyawan swasta, iuran bayar sendiri atau perusahaan?",
    "klaimnya seolah dipersulit, harus lapor ke mana?",  # a complaint, no pretence
    "meninggal karena kecelakaan kerja dapat berapa",  # an accident, not an illness
    # a condition said not to hold: paid on time, unhurt is no claim for goods either way
    "dua tahun ikut bpu dan tidak pernah telat bayar iuran, kecelakaan kerja ditanggung?",
    # a partial claim typed with a percent sign, while working: allowed
    "sudah 15 tahun jadi peserta, boleh ambil 10% jht padahal masih kerja?",
    # an illness at work is a question for the sudden-death rules, and a death for JKM
    "petani kena serangan jantung pas di sawah ditanggung bpjs tk ga",
    "suami meninggal karena demam berdarah, dapat santunan?",
    # a young birth year, and joining for the first time
    "lahir tahun 1980, bisa daftar bpu?",
    # a deadline, not a lapse; a month of arrears never missed; JHT at 56 while working
    "batas terakhir bayar iuran bulan juni tanggal berapa",
    "iuran mboten nate telat, kesandung pas dodolan ditanggung?",
    "sudah umur 57 masih jualan, jht bisa cair semua?",
    # six months between a lay-off and a claim is still in time; a contract worker's dues
    "kena phk november, mei baru urus jkp",
    "saya bukan karyawan tetap, iurannya berapa?",
    # paid regularly; community work is a village officer's work; asking how to join
    "iuran saya autodebet tiap bulan, kemarin jatuh pas kerja ditanggung?",
    "ketua rw kerja bakti bersihin saluran, kaki tertusuk besi, ditanggung?",
    "belum punya bpjs tk, mau daftar caranya gimana?",
    "ibu sudah kepala tujuh, masih jualan, mau cairkan jht bisa?",  # JHT at 56, working or not
    # a month between the last payment and a death; a negation negated; paid ahead to a month;
    # 16 years of JP; the commute's own answer, which names a stop elsewhere
    "terakhir bayar iuran tanggal 5 juli, bapak meninggal tanggal 20 agustus",
    "iuran saya bukan tidak dibayar, kemarin jatuh waktu jualan",
    "iuran sudah saya bayar sampai desember, kalau kecelakaan ditanggung?",
    "ikut jp sejak 2009, tahun 2026 ini 59, bisa pensiun bulanan?",
    "kecelakaan di jalan pulang kerja lewat jalan biasa, ditanggung?",
    # registered two days before the fall; a neighbour in service, the writer a trader
    "jatuh dari perancah tanggal 4 november, padahal sudah daftar bpu tanggal 2 november",
    "tetangga saya pns, saya sendiri jualan sayur, bisa daftar bpu?",
    # fresh48: a card lost in a flood asks for the card; JKM named as a contribution is no
    # migrant's death; a mother who died this year beside a father in 2019
    "kartunya hilang waktu rumahnya kebanjiran, cara dapat kartu lagi?",
    "besaran iuran jkk dan jkm bagi pekerja migran untuk satu kontrak berapa?",
    "ibu meninggal tanggal 20 februari, bapak sudah wafat tahun 2019, siapa yang terima santunan?",
    # a maid's fall in the employer's bathroom is at her workplace (fresh45)
    "saya ART, terpeleset di kamar mandi rumah majikan waktu ngepel, tangan retak",
    # a balance read in JMO and its tax asked: no claim in JMO with a balance too big (fresh50)
    "saldo jht saya di jmo 25 juta, kena pajak berapa?",
    # Someone else's death without cover, told to ask how the others get registered; who pays
    # the unregistered village officials' contributions
    "tetangga saya buruh tani meninggal kesetrum, ternyata ga terdaftar bpjs tk. petani lain di "
    "dusun minta didaftarkan, caranya gimana?",
    "kami paguyuban ojek pangkalan, satu anggota meninggal ternyata tidak terdaftar. bagaimana "
    "caranya anggota lain bisa didaftarkan bersama?",
    "kadus dan kaur di desa kami belum didaftarkan bpjs tk, iurannya bisa dibayar dari apbdes?",
    # the employer's duty asked by one not registered, no harm told
    "belum didaftarkan kantor, apa pemberi kerja wajib mendaftarkan saya?",
]


@pytest.mark.parametrize(("text", "token"), READ)
def test_a_stated_condition_is_read(text: str, token: str) -> None:
    assert token in conditions().read(text)[1]


@pytest.mark.parametrize("text", PLAIN)
def test_a_plain_question_states_no_condition(text: str) -> None:
    assert conditions().read(text)[1] == frozenset()


@pytest.mark.parametrize(
    ("text", "soon"),
    [
        ("surat resign tanggal 20 November, hari ini 3 Desember, jht bisa cair?", True),
        ("resign tanggal dua puluh november, sekarang tanggal tiga desember, jht cair?", True),
        ("surat resign tertanggal 20 Oktober, hari ini 27 November, jht bisa cair?", False),
        ("resign tanggal dua puluh oktober, sekarang tanggal tiga desember, jht cair?", False),
    ],
)
def test_months_between_two_dates_are_whole_when_the_days_are_named(text: str, soon: bool) -> None:
    """The JHT's month of waiting: 20 November to 3 December is not yet a month."""
    assert ("@resigned_soon" in conditions().read(text)[1]) is soon


def test_a_due_date_passed_is_a_lapse_and_no_fall() -> None:
    text = "apakah ada denda kalau iuran mandiri disetor lewat tanggal jatuh tempo?"
    assert conditions().read(text)[1] == {"@lapsed"}


def test_an_employers_arrears_are_not_the_workers_lapse() -> None:
    text = "perusahaan saya pailit dan menunggak iuran beberapa bulan, jkp tetap dibayar?"
    assert conditions().read(text)[1] == {"@employerarrears"}


def test_a_death_not_from_work_asks_for_jkk_only_when_it_names_it() -> None:
    stated = conditions().read("meninggal bukan karena kecelakaan kerja, dapat apa")[1]
    assert stated == {"@notwork"}


def test_negated_words_leave_the_question() -> None:
    rest, _ = conditions().read("meninggal bukan karena kecelakaan kerja")
    assert "kecelakaan" not in rest


def test_words_saying_a_condition_does_not_hold_leave_the_question() -> None:
    rest, stated = conditions().read("iuran selalu bayar tepat waktu, jatuh pas antar pesanan")
    assert stated == frozenset() and "bayar" not in rest
    rest, _ = conditions().read("bukan karena sakit, jatuh dari atap waktu kerja")
    assert "sakit" not in rest


@pytest.fixture(scope="module")
def index() -> FaqIndex:
    return load_index("id")  # the bot's own, built once per process


DISQUALIFYING = [
    "Suami saya meninggal, tapi iurannya sudah tidak dibayar sejak 10 bulan. Masih bisa klaim?",
    "Ayah saya sudah dirawat di ICU, bisa didaftarkan sekarang supaya biayanya ditanggung?",
    "Bolehkah saya bilang ke BPJS sudah berhenti berdagang supaya JHT bisa cair?",
    "Kios saya kebakaran, ditanggung BPJS TK?",
    "Saya resign baik-baik dari pabrik, dapat JKP?",
    "Saya tukang parkir, 5 bulan tidak bayar iuran, kemarin keserempet motor. Masih ditanggung?",
    "Almarhum bapak sudah sepuluh bulan nggak bayar iuran sebelum wafat, ahli waris dapat JKM?",
    # the employer's arrears, not the worker's: the resigned worker's "Bisa" is wrong
    "Perusahaan lama saya nunggak iuran BPJS TK 8 bulan, saya sudah keluar. Saldo JHT saya tetap "
    "bisa langsung dicairkan penuh kan?",
    "Ibu saya di ruang ICU karena stroke. Kalau saya daftarkan BPU sekarang, biayanya ditanggung?",
    "Saya masih jualan, tapi mau cairkan JHT. Boleh saya bilang ke BPJS sudah berhenti usaha?",
    "Saya mau cairkan JHT tapi masih jadi ojol, gimana caranya supaya bisa?",
]


FRAUD = [
    "Saya masih jualan, tapi mau cairkan JHT. Boleh saya bilang ke BPJS sudah berhenti usaha?",
    "Teman bilang buat surat keterangan berhenti dari RT walau masih dagang biar JHT cair. Aman?",
    "Kalau saya lapor sudah tidak bekerja biar JHT cair, padahal masih kerja, ketahuan nggak?",
]


@pytest.mark.parametrize("question", FRAUD)
def test_a_request_to_misstate_facts_is_refused_with_the_reason(
    index: FaqIndex, question: str
) -> None:
    match = index.match(question)
    answer = load_knowledge()["id"].by_id[match.entry_id or ""].answer
    assert match.decision is Decision.ANSWER and answer.startswith("⚠️ Tidak boleh")
    assert "keterangan palsu" in answer  # the reason: giving false information is a crime


@pytest.mark.parametrize("question", DISQUALIFYING)
def test_a_disqualifying_condition_is_never_answered_yes(index: FaqIndex, question: str) -> None:
    match = index.match(question)
    kb = load_knowledge()["id"]
    answer = kb.by_id[match.entry_id].answer if match.entry_id else ""
    assert match.decision is Decision.NONE or not conditions().affirms(answer), answer[:60]


SUDDEN_DEATH = [
    "Ayah saya ojol, kena stroke waktu narik dan meninggal. Santunan kecelakaan kerjanya dapat?",
    "Bapak saya pedagang keliling, kelelahan lalu meninggal di jalan waktu jualan. Ditanggung "
    "BPJS TK sebagai kecelakaan kerja?",
]


@pytest.mark.parametrize("question", SUDDEN_DEATH)
def test_a_death_from_illness_at_work_gets_the_sudden_death_rules(
    index: FaqIndex, question: str
) -> None:
    # Neither the work-accident death benefit nor "not a work accident": it counts only if
    # the worker died at work (or within 24 hours) and had paid 12 months.
    match = index.match(question)
    answer = load_knowledge()["id"].by_id[match.entry_id or ""].answer
    assert answer.startswith("Hanya jika") and "12 bulan" in answer, answer[:60]


def test_the_conversation_can_state_a_condition(index: FaqIndex) -> None:
    """ "kalau kecelakaan ditanggung?" from someone who was told he cannot join."""
    kb = load_knowledge()["id"]
    match = index.match("kalau kecelakaan ditanggung?", frozenset({"@notmember"}))
    answer = kb.by_id[match.entry_id].answer if match.entry_id else ""
    assert not conditions().affirms(answer)


def test_each_condition_names_entries_that_exist_and_do_not_say_a_bare_yes() -> None:
    kb = load_knowledge()["id"]
    for c in conditions().items:
        assert c.entries or not c.disqualifies, f"{c.name} names no entry that answers it"
        for eid in c.entries:
            assert kb.get(eid) is not None, f"{c.name}: no entry {eid}"


def test_the_entry_that_addresses_a_stated_condition_answers(index: FaqIndex) -> None:
    # The work-accident death benefit ranked first for a family who never joined; the entry
    # that the condition names (data/conditions.toml) answers instead.
    stated = next(c.entries for c in conditions().items if c.name == "notmember")
    match = index.match("Nelayan belum terdaftar BPJS TK meninggal tenggelam, keluarga dapat?")
    assert match.entry_id in stated


NARROWED = [
    # the employer's arrears with a work accident: treatment paid first, then reimbursed
    (
        "Pabrik belum bayar iuran, kemarin tangan saya kejepit mesin. Rumah sakitnya ditanggung?",
        "jkk.employer_arrears",
    ),
    # a sponsor's months over, not paid since, then an accident
    (
        "Iuran saya dibayar pemkab sampai Maret. Sekarang Juni belum bayar sendiri, terus "
        "jatuh dari motor waktu narik. Masih ditanggung?",
        "bayar.arrears_accident",
    ),
    # a lapse with an accident: the entry on accidents in arrears, not the one on deaths
    (
        "Iuran saya nunggak 5 bulan, kemarin jatuh dari motor waktu narik. Ditanggung?",
        "bayar.arrears_accident",
    ),
    # a lapse with a death from illness: JKM needs active membership
    (
        "Iuran ibu sudah 8 bulan tidak dibayar, lalu beliau meninggal karena sakit. Dapat JKM?",
        "jkm.active",
    ),
    # resigning with JKP asked for: not the JHT a resignation releases
    ("Kontrak dua tahun saya selesai tepat waktu, tidak diperpanjang. Dapat JKP?", "jkp.resign"),
    # a lapse, and a hand struck by a tool: hurt, though no word of an accident is said
    (
        "Udah 6 bulan ga bayar iuran, td jari kena pisau pas motong daging di warung. Bisa klaim?",
        "bayar.arrears_accident",
    ),
    # a request that says the letter would be untrue: the refusal, not the JHT while working
    (
        "Saya masih kerja di toko, bos mau bikinin surat PHK pura-pura biar JHT cair. Boleh?",
        "umum.false_claim",
    ),
    # a self-employed worker asking the monthly pension: JP is for wage earners
    ("Saya pedagang sayur, peserta BPU. Umur 58 nanti dapat pensiun bulanan?", "jp.bpu"),
    # a boat run aground is property, not a fisher's death
    (
        "Kapal saya kandas di karang waktu saya di darat, santunan JKK kapalnya berapa?",
        "jkk.property",
    ),
]


@pytest.mark.parametrize(("question", "expected"), NARROWED)
def test_the_entry_for_the_narrower_condition_answers(
    index: FaqIndex, question: str, expected: str
) -> None:
    assert index.match(question).entry_id == expected


def _entry(eid: str, question: str, answer: str) -> Entry:
    return Entry(eid, eid.split(".")[0], eid, "x", (question,), answer)


def test_a_yes_that_ignores_a_stated_condition_comes_with_a_caveat() -> None:
    # Nothing ranked addresses the lapse, and every entry says yes: the answer is kept, but
    # the handler must open it with "it depends" (Match.caveat), never a bare yes.
    index = build_index(
        [
            _entry("jkk.commute", "kecelakaan di jalan ditanggung", "Ya, ditanggung."),
            _entry("bayar.where", "bayar iuran di mana", "Bisa di bank."),
        ]
    )
    lapsed = index.match("nunggak 5 bulan lalu kecelakaan di jalan, ditanggung?")
    assert lapsed.entry_id == "jkk.commute" and lapsed.caveat
    assert not index.match("kecelakaan di jalan ditanggung?").caveat


def test_an_entry_the_condition_names_answers_even_when_nothing_ranks_it() -> None:
    # Only the yes shares words with the question; the entry the illness condition names
    # (data/conditions.toml) answers instead, and is as sure as the yes was.
    index = build_index(
        [
            _entry("jkk.medical", "biaya rumah sakit ditanggung", "Ya, ditanggung."),
            _entry(
                "kesehatan.sick_treatment", "bpjs kesehatan untuk apa", "Tidak. Itu BPJS Kesehatan."
            ),
        ]
    )
    found = index.match("kena tipes dirawat, biaya rumah sakit ditanggung?")
    assert found.decision is Decision.ANSWER and found.entry_id == "kesehatan.sick_treatment"
    assert index.match("biaya rumah sakit ditanggung?").entry_id == "jkk.medical"
