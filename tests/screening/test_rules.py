"""Every indicator has at least one text that fires it and a close one that does not."""

import pytest

from waspada.screening import Screener

CASES = {
    "NON_PLACEMENT_COUNTRY": (
        "Lowongan operator di Kamboja, gaji bulanan",
        "Lowongan operator di Malaysia lewat P3MI resmi",
    ),
    "SCAM_HUB_LOCATION": (
        "Dibutuhkan staf kantor di Myawaddy",
        "Dibutuhkan staf kantor di Surabaya",
    ),
    "DESK_JOB_IN_SCAM_REGION": (
        "Lowongan customer service di Thailand",
        "Lowongan customer service di Bandung",
    ),
    "UNREALISTIC_PAY": (
        "Admin tanpa pengalaman, gaji 18jt per bulan",
        "Admin tanpa pengalaman, gaji 4jt per bulan",
    ),
    "HIGH_PAY_PROMISE": ("Kerja santai gaji besar!", "Gaji sesuai UMR"),
    "LIGHT_REQUIREMENTS": ("Syarat: tnpa pengalaman", "Syarat: pengalaman minimal 2 tahun"),
    "FEE_REQUIRED": (
        "Peserta wajib bayar biaya pendaftaran 300rb",
        "Proses rekrutmen tanpa biaya pendaftaran",
    ),
    "SALARY_DEDUCTION_DEBT": (
        "Tiket ditalangi dulu, nanti dipotong dari gaji",
        "Gaji dibayar penuh tiap bulan",
    ),
    "ALL_COSTS_PAID": (
        "Kerja ke luar negeri, semua biaya ditanggung perusahaan",
        "Kerja di Bekasi, semua biaya ditanggung perusahaan",
    ),
    "NON_WORK_VISA": ("Berangkat pakai visa turis saja", "Berangkat dengan visa kerja resmi"),
    "CONTRACT_ON_ARRIVAL": (
        "Kontrak kerja ditandatangani di sana",
        "Kontrak kerja ditandatangani sebelum berangkat",
    ),
    "AIRPORT_PICKUP": (
        "Kerja ke Thailand, nanti dijemput di bandara",
        "Kerja ke Thailand, berangkat dari bandara Soekarno-Hatta",
    ),
    "RUSHED_DEPARTURE": (
        "Kerja luar negeri, lgsg berangkat minggu ini, kuota terbatas",
        "Kerja luar negeri, pelatihan 3 bulan sebelum berangkat",
    ),
    "CHAT_ONLY_CONTACT": (
        "Kerja di luar negeri, minat hub WA 0812-1111-2222",
        "Kerja di luar negeri, daftar di kantor Disnaker",
    ),
    "DOCUMENTS_VIA_CHAT": (
        "Kirim foto paspor ke WA admin ya",
        "Bawa paspor asli saat wawancara di kantor",
    ),
    "PASSPORT_RETENTION": (
        "Paspor nanti dipegang oleh perusahaan",
        "Paspor tetap dipegang pekerja sendiri",
    ),
    "VAGUE_OVERSEAS_JOB": (
        "Lowongan kerja di luar negeri, gaji menarik",
        "Lowongan kerja di Jakarta",
    ),
    "SCAM_WORK_HINTS": (
        "Tugas: chat dengan klien luar negeri pakai akun palsu",
        "Tugas: melayani pelanggan di toko",
    ),
    "TARGETS_LANGUAGE_IT_SKILLS": (
        "Kerja di Kamboja, syarat fasih bahasa Inggris",
        "Kerja di Kamboja, syarat jujur",
    ),
    "BYPASS_OFFICIAL_CHANNEL": (
        "Tidak perlu lewat agen atau BP2MI, langsung sama saya",
        "Daftar lewat P3MI berizin",
    ),
    "IRREGULAR_ROUTE": (
        "Kerja ke Kamboja, transit Bangkok lalu lewat jalur darat ke perbatasan",
        "Kerja ke Kamboja",
    ),
    "TOO_GOOD_ASSURANCES": ("Dijamin berangkat, 100% aman, bukan penipuan", "Ada seleksi dan tes"),
    "RECRUITED_BY_INDIVIDUAL": (
        "Kerja ke luar negeri, bos saya di Kamboja butuh orang, bisa ajak teman",
        "Kerja ke luar negeri lewat perusahaan resmi",
    ),
    "FOREIGN_CONTACT_NUMBER": (
        "Info kerja hubungi +855 12 345 678",
        "Info kerja hubungi 0812 3456 7890",
    ),
    "AGENCY_NOT_IN_REGISTRY": (
        "PT Bintang Sukses Abadi merekrut pekerja ke luar negeri",
        "PT Bintang Sukses Abadi merekrut kasir di Bekasi",
    ),
    "AGENCY_IN_REGISTRY": (
        "PT Contoh Penempatan Resmi merekrut caregiver ke Taiwan",
        "PT Lain Sekali merekrut caregiver ke Taiwan",
    ),
    "OFFICIAL_CHANNEL": ("Pendaftaran melalui Disnaker dan P3MI berizin", "Pendaftaran lewat DM"),
    "WORK_PERMIT_MENTIONED": ("Visa kerja diurus perusahaan", "Tanpa visa kerja"),
    "FEE_TO_PRIVATE_ACCOUNT": (
        "Biaya proses 5 juta ditransfer ke rekening pribadi koordinator",
        "Biaya proses dibayar ke rekening perusahaan dengan kuitansi",
    ),
    "CREDENTIAL_REQUEST": (
        "Untuk aktivasi akun pelamar, kirim kode OTP yang masuk ke HP kamu",
        "Untuk aktivasi akun pelamar, isi formulir di situs resmi",
    ),
    "AWARENESS_OR_PERSONAL_STORY": (
        "Saya dulu ditawari kerja admin di Kamboja, ternyata disekap",
        "Dibutuhkan admin untuk kantor di Kamboja",
    ),
    "WARNING_REGISTER": (
        "Hati-hati, jangan mau kalau ada yang nawarin kerja tanpa kontrak",
        "Kerja tanpa kontrak, berangkat minggu ini",
    ),
    "WARNING_OR_NEWS": (
        "Kemlu mengimbau warga waspada, korban dijanjikan kerja di Kamboja",
        "Dibutuhkan kerja di Kamboja",
    ),
    "RECRUITER_ITINERARY": (
        "Kamu terbang ke Bangkok, lalu jalan darat ke perbatasan. Sudah ditunggu di sana",
        "Kemarin aku terbang ke Bangkok, lalu jalan darat ke perbatasan buat foto-foto",
    ),
    "SECRECY_FROM_FAMILY": (
        "Kerja ini jangan bilang ortu dulu ya sampai kamu berangkat",
        "Kerja ini sudah aku bilang ke ortu, mereka setuju aku berangkat",
    ),
    "FOREIGN_CURRENCY_PAY": (
        "Lowongan admin chat, gaji dolar tiap bulan",
        "Lowongan admin chat, gaji rupiah tiap bulan",
    ),
    "SOCIAL_MEDIA_RECRUITING": (
        "Siapa yang mau kerja santai? Link pendaftaran di bio",
        "Lowongan kerja, kirim lamaran ke email HRD",
    ),
    # Rules 2025.4.0 (docs/screening.md, "Changes in rules 2025.4.0").
    "PHONE_CONTROLLED": (
        "Begitu tiba di mess, HP pribadi dikumpulkan saat datang dan diganti HP kantor",
        "Selama jam kerja HP disimpan di loker karyawan, boleh dipakai kapan saja",
    ),
    "WORKER_HOLDS_OWN_DOCUMENTS": (
        "Kerja di Korea lewat EPS, paspor aku yang pegang sendiri, gaji lancar",
        "Paspor kamu nanti dipegang bos sampai kontrak selesai",
    ),
    "ADVICE_USE_OFFICIAL_CHANNEL": (
        "Jangan lewat jalur ilegal, daftar lewat P3MI resmi dan cek di BP2MI",
        "Gak usah lewat P3MI, lewat saya langsung lebih cepat",
    ),
    "MOVEMENT_RESTRICTED": (
        "Kerja admin, tinggal di dalam kompleks kantor, keluar kompleks harus izin atasan",
        "Kerja admin, mess karyawan disediakan dekat kantor, libur tiap Minggu",
    ),
    "COACHED_TO_LIE": (
        "Nanti kalau ditanya petugas bandara, bilang saja mau jenguk tante ya",
        "Nanti kalau ditanya petugas bandara, tunjukkan visa kerja dan kontrakmu",
    ),
    "FRAUD_TASKS_DESCRIBED": (
        "Kerjanya cari member di aplikasi kencan lalu ajak ngobrol sampai mau deposit",
        "Kerjanya membalas chat pelanggan toko roti dan mencatat pesanan",
    ),
    "OBEY_WITHOUT_COMPLAINT": (
        "Kerja di sana nurut saja sama bos, jangan protes soal jam kerja",
        "Kerja di sana ada serikat pekerja, keluhan soal jam kerja disampaikan ke HRD",
    ),
    # rules 2025.4.2
    "RECRUITER_PRESSURE_OR_TESTIMONIAL": (
        "Kerja di Thailand, jangan kelamaan mikir, kesempatan tidak datang dua kali",
        "Kerja di Thailand, pikirkan baik-baik dan tanya keluarga dulu",
    ),
    "MIDDLE_EAST_DOMESTIC_PLACEMENT": (
        "Dibutuhkan ART ke Arab Saudi, proses cepat, ada uang fit",
        "Dibutuhkan ART ke Surabaya, gaji UMR, libur mingguan",
    ),
    "BODY_PHOTO_OR_HOSTESS_LURE": (
        "Lowongan live host, kirim foto seluruh badan lewat WA",
        "Lowongan live host, kirim CV dan portofolio lewat email",
    ),
    "OFFICIAL_PROGRAMME_NOTICE": (
        "Visa bekerja dan berlibur: surat rekomendasi dari Ditjen Imigrasi, kuota per tahun",
        "Kerja di Australia, visa diurus agen kami, kuota terbatas",
    ),
    "STATES_WHAT_IT_DOES_NOT_ACCEPT": (
        "Lowongan staf: kami tidak menerima pendaftaran lewat DM pribadi",
        "Lowongan staf: kirim pendaftaran lewat DM pribadi",
    ),
    # Rules 2026.1.0: domestic job fraud.
    "DOMESTIC_TASK_OR_DEPOSIT_SCHEME": (
        "Kerja sampingan: like video dibayar Rp5.000, top up saldo dulu untuk buka tugas VIP",
        "Kerja sampingan: admin media sosial, follow-up pelanggan, tugas harian di kantor",
    ),
    "UPFRONT_FEE_ANY_NAME": (
        "Lowongan kurir, bayar biaya seragam dan ID card sebelum mulai kerja",
        "Lowongan kurir, uang transportasi dan uang makan diberikan setiap hari",
    ),
    "IMPERSONATED_COMPANY_RECRUITMENT": (
        "Rekrutmen Pertamina jalur khusus tanpa tes, hubungi panitia",
        "Rekrutmen Pertamina dibuka di situs karier resmi, ikuti tes online",
    ),
}


def test_every_rule_has_cases(screener: Screener) -> None:
    codes = {r.code for r in screener.engine.rules.rules}
    assert codes == set(CASES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_positive_and_negative(screener: Screener, code: str) -> None:
    positive, negative = CASES[code]
    pos = screener.screen(positive)
    fired = {i.code: i for i in pos.indicators}
    assert code in fired, (positive, sorted(fired))
    ind = fired[code]
    assert ind.source and ind.title["id"] and ind.title["en"] and ind.explanation["id"]
    for ev in ind.evidence:
        assert positive[ev.start : ev.end] == ev.text
    neg = screener.screen(negative)
    assert code not in {i.code for i in neg.indicators}, negative


def test_every_rule_cites_a_listed_authority(screener: Screener) -> None:
    allowed = {
        "Kemnaker 2022",
        "Kemlu",
        "KP2MI/BP2MI",
        "INTERPOL orange notice June 2023",
        "OHCHR 2023",
    }
    assert {r.source for r in screener.engine.rules.rules} <= allowed


def test_news_quoting_red_flags_is_read_as_news(screener: Screener) -> None:
    news = (
        "BERITA: Polisi menangkap tersangka yang mengirim korban ke Kamboja dengan iming-iming "
        "gaji USD 1.000 sebagai customer service. Korban berangkat dengan visa turis."
    )
    a = screener.screen(news)
    assert a.text_type == "news"
    assert a.verdict == "low"


@pytest.mark.parametrize(
    "text",
    [
        "Mas, besok jadi berangkat ke Bandung jam 6? Nanti aku jemput",
        "Gimana kabar kerjaan di Jepang bro?",
        "Selamat pagi semua",
        "Paspor gw udah jadi, tinggal nunggu visa pelajar buat kuliah",
    ],
)
def test_ordinary_chat_is_not_flagged_by_the_model_alone(screener: Screener, text: str) -> None:
    a = screener.screen(text)
    assert a.verdict == "low", (text, a.risk)


def test_awareness_post_quoting_red_flags_is_not_flagged(screener: Screener) -> None:
    post = (
        "Red flags loker palsu: gaji dolar tanpa pengalaman, visa turis, kerja CS di Kamboja, "
        "bayar admin ke rekening pribadi. Jangan mau ya! #waspadaTPPO"
    )
    assert screener.screen(post).verdict == "low"


def test_private_account_fee_outweighs_official_wording(screener: Screener) -> None:
    offer = (
        "Penempatan pabrik ke Taiwan lewat P3MI. Sebelum medical, lunasi biaya proses 8 juta "
        "ke rekening pribadi koordinator kami."
    )
    a = screener.screen(offer)
    codes = {i.code for i in a.indicators}
    assert "FEE_TO_PRIVATE_ACCOUNT" in codes and "OFFICIAL_CHANNEL" not in codes
    assert a.verdict in ("medium", "high")


# Rules 2025.3.0: patterns the "not an offer" discount used to hide (docs/screening.md).
RISKY_WITHOUT_JOB_WORDS = [
    # 1. a recruiter's itinerary: flight, then overland / across a border, to a scam hub
    "Kak nanti kamu terbang ke Bangkok, dari sana lanjut van ke Mae Sot. Semua sudah diatur.",
    "Besok flight ke Kuala Lumpur, habis itu transit darat ke perbatasan. Ada yang jemput.",
    "Nanti kamu ke Ho Chi Minh dulu, terus nyebrang ke Bavet, orang kita sudah nunggu.",
    # 2. phone and passport handed over on the way
    "Pas perjalanan HP dititipin ke koordinator ya, paspor juga dipegang dulu biar aman.",
    # 3./4. abroad without "negeri", hidden place, costs paid in informal words
    "Kerja di luar, cuma butuh paspor, tiket dibayarin. Lokasi dirahasiakan dulu ya kak.",
    # 6./7. dollar pay without an amount, social-media call
    "Siapa yang mau kerja depan laptop digaji dollar? Komen 'minat', link di bio.",
]


@pytest.mark.parametrize("text", RISKY_WITHOUT_JOB_WORDS)
def test_risky_messages_without_offer_words_are_flagged(screener: Screener, text: str) -> None:
    a = screener.screen(text)
    assert a.verdict in ("medium", "high"), (text, a.risk, [i.code for i in a.indicators])


@pytest.mark.parametrize(
    "text",
    [
        "Besok berangkat ke Bandung ya, nanti aku jemput di stasiun, semua sudah diatur.",
        "Kak, liburan ke Bangkok yuk, terus naik bus ke Pattaya. Hotel sudah aku pesan.",
        "Polisi menangkap dua pelaku di perbatasan yang membawa korban lewat jalur darat.",
        # A strict xfail from rules 2026.1.2 to 2026.1.3 (medium from the model alone).
        "Nanti HP-nya dititipin ke aku dulu ya pas kamu berenang.",
        "Aku sekarang kerja di luar kota, di Semarang.",
    ],
)
def test_near_misses_of_the_new_patterns_stay_low(screener: Screener, text: str) -> None:
    a = screener.screen(text)
    assert a.verdict == "low", (text, a.risk, [i.code for i in a.indicators])


def test_scam_hub_counts_as_offer_context(screener: Screener) -> None:
    a = screener.engine.analyze("Nanti kamu ke Sihanoukville ya, ada yang jemput di bandara.")
    assert a.context.offer and not a.context.offer_words and a.context.itinerary
    holiday = screener.engine.analyze("Liburan ke Bangkok, terus naik bus ke Chiang Mai, seru!")
    assert not holiday.context.offer and not holiday.context.itinerary


def test_flight_with_pickup_needs_the_reader_addressed(screener: Screener) -> None:
    own_trip = "Aku terbang ke Kuala Lumpur buat konferensi, sudah dijemput panitia."
    assert "RECRUITER_ITINERARY" not in {i.code for i in screener.screen(own_trip).indicators}
    to_reader = "Kamu terbang ke Kuala Lumpur, sudah ditunggu, ada yang jemput di bandara."
    assert "RECRUITER_ITINERARY" in {i.code for i in screener.screen(to_reader).indicators}


# Rules 2025.4.0: general gaps found by the second independent evaluation.
RISKY_2025_4 = [
    # A. passport kept "so it won't get lost"; phone only after hours
    "Paspor kamu nanti disimpan kantor biar nggak hilang, kerjanya admin, tiket ditanggung.",
    # C. a fine in dollars for going home early
    "Kalau pulang sebelum kontrak habis wajib bayar ganti rugi 2.000 USD, tiket kan dibayarin.",
    # D. coached to lie to immigration
    "Kalau petugas nanya, jawab aja mau ketemu pacar di Bangkok. Tiket pulang biar gak dicurigai.",
    # E. told not to report to the official body
    pytest.param(
        "Gak perlu lapor ke BP2MI atau Disnaker, bikin lama. Lewat jalur cepat, seminggu "
        "berangkat.",
        marks=pytest.mark.xfail(
            strict=True,
            reason="known regression of rules 2026.1.0 (docs/screening.md): the text-type model "
            "reads the official bodies' names as a notice; the bypass rules fire but the risk "
            "stays low",
        ),
    ),
    # F. scam tasks with prepared accounts and targets
    "Kerja chatting di luar, akun sudah disiapkan kantor, target harian 3 deposit. Gaji 10 juta.",
    # H. vague bait with a visit visa, after "tanpa pengalaman," (negation must not cross a comma)
    "Tanpa pengalaman, pakai visa kunjungan, semua dibayarin bos. Yang punya paspor aktif japri.",
]


@pytest.mark.parametrize("text", RISKY_2025_4)
def test_risky_2025_4_patterns_are_flagged(screener: Screener, text: str) -> None:
    a = screener.screen(text)
    assert a.verdict in ("medium", "high"), (text, a.risk, [i.code for i in a.indicators])


@pytest.mark.parametrize(
    "text",
    [
        # I. commerce: down payments and business accounts
        "Terima pesanan tumpeng, DP 50% transfer ke rek BRI a.n. Katering Sari Rasa.",
        "Sewa mobil lepas kunci, uang muka 200rb ke rekening a.n. CV Roda Jaya, konfirmasi WA.",
        # J. travel promos naming scam hubs
        "Promo paket tour Phnom Penh dan Siem Reap, harga sudah termasuk hotel. Pesan sekarang!",
        "Flash sale tiket Jakarta - Manila PP, bagasi 20 kg, berangkat bulan depan.",
        # K. personal messages about an offer
        "Aku ditawarin kerja admin di Thailand sama orang di FB, udah aku blokir nomornya.",
        "Tolong cek nomor ini dong, dia nawarin kerja di Kamboja, mau aku laporin ke polisi.",
        # L. official appeals and infographics
        "Masyarakat diminta melapor jika menemukan tawaran kerja ke Kamboja dengan visa kunjungan.",
    ],
)
def test_2025_4_near_misses_stay_low(screener: Screener, text: str) -> None:
    a = screener.screen(text)
    assert a.verdict == "low", (text, a.risk, [i.code for i in a.indicators])


def test_question_about_an_offer_is_never_high(screener: Screener) -> None:
    question = (
        "Aku ditawarin kerja CS di Kamboja gaji 1.000 dolar, visa turis, berangkat minggu "
        "depan. Ini aman gak ya kak?"
    )
    a = screener.screen(question)
    assert a.verdict != "high", (a.risk, [i.code for i in a.indicators])


def test_discouraged_official_channel_is_a_risk_not_a_reassurance(screener: Screener) -> None:
    a = screener.screen("Tidak usah lapor ke Disnaker atau KP2MI, nanti lama. Lewat saya saja.")
    codes = {i.code for i in a.indicators}
    assert "BYPASS_OFFICIAL_CHANNEL" in codes and "OFFICIAL_CHANNEL" not in codes


def test_sale_without_job_words_is_commerce_not_an_offer(screener: Screener) -> None:
    sale = screener.engine.analyze("Open trip Bangkok - Poipet, harga all in, DP 500rb.")
    assert sale.context.commerce and not sale.context.offer
    job = screener.engine.analyze("Lowongan admin toko di Poipet, DP 500rb untuk seragam.")
    assert not job.context.commerce and job.context.offer


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("PASSPORT_RETENTION", "Paspormu nanti bos yang pegang sampai kontrak selesai."),
        ("PASSPORT_RETENTION", "The company will keep your passport so it won't get lost."),
        ("PHONE_CONTROLLED", "HP cuma boleh dipakai setelah jam kerja, siangnya disimpan leader."),
        ("PHONE_CONTROLLED", "Phones are collected on arrival; you get them back after work."),
        ("MOVEMENT_RESTRICTED", "Semua kebutuhan ada di dalam, jadi tidak perlu keluar kawasan."),
        ("MOVEMENT_RESTRICTED", "You are not allowed to call your family during training."),
        ("SALARY_DEDUCTION_DEBT", "Kalau kabur sebelum kontrak habis, wajib ganti biaya tiket."),
        ("SALARY_DEDUCTION_DEBT", "If you quit early you must pay back the flight in dollars."),
        ("COACHED_TO_LIE", "Jangan sebut soal kerjaan ke petugas, bilang saja liburan."),
        ("COACHED_TO_LIE", "If the officer asks, say you are visiting a friend."),
        ("BYPASS_OFFICIAL_CHANNEL", "Tidak usah lapor ke KP2MI, malah lama. Jalur cepat saja."),
        ("BYPASS_OFFICIAL_CHANNEL", "Only by referral, don't share this info with anyone."),
        ("FRAUD_TASKS_DESCRIBED", "Pakai foto model, ajak dia beli koin di aplikasi kami."),
        ("FRAUD_TASKS_DESCRIBED", "Use the prepared accounts and follow the script."),
        ("OBEY_WITHOUT_COMPLAINT", "Jangan sekali-kali melawan atasan di sana ya."),
        ("OBEY_WITHOUT_COMPLAINT", "Kalau ngeyel atau kabur nanti dihukum sama bos."),
    ],
)
def test_2025_4_rules_read_paraphrases(screener: Screener, code: str, text: str) -> None:
    assert code in {h.rule.code for h in screener.engine.analyze(text).hits}, text


@pytest.mark.parametrize(
    "text",
    [
        "Paspor asli tetap dipegang pekerja sendiri, kantor hanya menyimpan fotokopi.",
        "Disediakan mess karyawan dekat pabrik, bebas keluar setelah jam kerja.",
        "Gaji dibayar penuh tanpa potongan, resign cukup pemberitahuan 30 hari.",
        "Saat pemeriksaan imigrasi, jawab jujur dan tunjukkan visa kerja Anda.",
        "Karyawan wajib mematuhi SOP keselamatan dan instruksi supervisor.",
        "Lowongan sales, target harian kunjungan toko, gaji pokok plus insentif.",
    ],
)
def test_2025_4_rules_leave_ordinary_wording_alone(screener: Screener, text: str) -> None:
    new = {
        "PASSPORT_RETENTION",
        "PHONE_CONTROLLED",
        "MOVEMENT_RESTRICTED",
        "SALARY_DEDUCTION_DEBT",
        "COACHED_TO_LIE",
        "FRAUD_TASKS_DESCRIBED",
        "OBEY_WITHOUT_COMPLAINT",
    }
    assert not new & {h.rule.code for h in screener.engine.analyze(text).hits}, text


# Rules 2025.4.1: precision pass. One test per class of false alarm or miss.
@pytest.mark.parametrize(
    "text",
    [
        "Alhamdulillah kerja di Korea lewat EPS aman, paspor aku yang pegang sendiri.",
        "Update from Osaka: my passport stays with me, the company only made a copy.",
        "Di Taiwan majikan baik, paspor dipegang sendiri, libur tiap minggu.",
        "I hold my own passport and residence card here in Japan.",
    ],
)
def test_worker_holding_own_passport_is_not_retention(screener: Screener, text: str) -> None:
    codes = {i.code for i in screener.screen(text).indicators}
    assert "PASSPORT_RETENTION" not in codes, (text, codes)
    assert "WORKER_HOLDS_OWN_DOCUMENTS" in codes, (text, codes)


def test_retention_is_still_read_next_to_own_documents_wording(screener: Screener) -> None:
    text = "Paspor aku yang pegang sendiri, tapi paspormu nanti dipegang bos sampai kontrak habis."
    assert "PASSPORT_RETENTION" in {i.code for i in screener.screen(text).indicators}


@pytest.mark.parametrize(
    "text",
    [
        "Mau kerja ke luar negeri? Jangan lewat jalur ilegal ya. Daftar lewat P3MI resmi.",
        "Don't go through illegal routes or unlicensed agents; use the official agency.",
        "Pesan ibu ke anak: jangan mau diberangkatkan tanpa P3MI.",
        "Saran saya jangan pakai jalur belakang, urus lewat Disnaker walau lama.",
    ],
)
def test_advice_against_illegal_routes_is_not_bypass(screener: Screener, text: str) -> None:
    a = screener.screen(text)
    assert "BYPASS_OFFICIAL_CHANNEL" not in {i.code for i in a.indicators}, text
    assert a.verdict == "low", (text, a.verdict)


def test_steering_away_from_official_channel_still_fires(screener: Screener) -> None:
    text = "Gak usah lewat Disnaker atau P3MI, lama. Lewat saya, 2 minggu berangkat ke Kamboja."
    assert "BYPASS_OFFICIAL_CHANNEL" in {i.code for i in screener.screen(text).indicators}


@pytest.mark.parametrize(
    "text",
    [
        "Transit 8 jam di Singapura, kami keluar bandara dulu ke Marina Bay.",
        "Karyawan hotel boleh keluar kapan saja setelah shift, mess di luar area hotel.",
        "During the layover we left the airport for a quick city tour.",
    ],
)
def test_travel_talk_is_not_confinement(screener: Screener, text: str) -> None:
    assert "MOVEMENT_RESTRICTED" not in {h.rule.code for h in screener.engine.analyze(text).hits}


@pytest.mark.parametrize(
    "text",
    [
        "Polisi mengamankan dua perekrut yang menjanjikan kerja admin di Kamboja gaji 15 juta, "
        "paspor korban ditahan, tiket dan visa turis ditanggung; korban dipulangkan pekan lalu.",
        "Aku dulu pernah ditawari kerja admin di Myawaddy, paspor ditahan, gak boleh keluar "
        "gedung, HP disita, disuruh bayar denda 50 juta kalau mau pulang.",
    ],
)
def test_news_or_story_is_never_high(screener: Screener, text: str) -> None:
    a = screener.screen(text)
    assert a.text_type in {"news", "story", "warning"}, (text, a.text_type)
    assert a.verdict != "high", (text, a.risk)


@pytest.mark.parametrize(
    "text",
    [
        "Kakakku sekarang ngajar di sekolah internasional di Phnom Penh, kotanya rame.",
        "My cousin works for an NGO in Manila, she loves the job.",
        "Om aku kerja di kedutaan di Bangkok udah 5 tahun.",
    ],
)
def test_relative_living_in_a_hub_city_is_not_an_offer(screener: Screener, text: str) -> None:
    a = screener.screen(text)
    # The place is either not read as a destination of an offer, or only as a quoted
    # mention ("she loves the job" is offer wording).
    # Since rules 2026.1.0 no phrase list scales the place's weight down: the learned model
    # and text type keep the verdict low ("she loves the job" is offer wording).
    assert a.verdict == "low", (text, a.verdict)


def test_hub_offer_to_the_reader_still_fires(screener: Screener) -> None:
    text = "Ada lowongan di Phnom Penh buat kamu, gaji 1000 USD, tiket ditanggung. Chat aku."
    a = screener.screen(text)
    assert "SCAM_HUB_LOCATION" in {i.code for i in a.indicators}
    assert a.verdict != "low"


def test_upper_case_hr_is_human_resources(screener: Screener) -> None:
    text = "Once you arrive, your passport will be kept by HR until the contract ends."
    assert "PASSPORT_RETENTION" in {i.code for i in screener.screen(text).indicators}


@pytest.mark.parametrize(
    "text",
    [
        "Everyone lives inside the compound. Phones are collected at the gate and you can only "
        "go out with an escort.",
        "Keluar area cuma boleh bareng pendamping dari kantor, HP dikumpulkan selama di dalam.",
    ],
)
def test_workplace_confinement_without_job_words_is_flagged(screener: Screener, text: str) -> None:
    a = screener.screen(text)
    assert a.verdict != "low", (text, a.risk, [i.code for i in a.indicators])


def test_workplace_control_takes_the_overseas_weight(screener: Screener) -> None:
    rule = screener.engine.rules.rule("PHONE_CONTROLLED")
    hits = screener.engine.analyze("HP dikumpulkan saat tiba di kantor, tinggal di mess.").hits
    weights = {h.rule.code: h.weight for h in hits}
    assert weights.get("PHONE_CONTROLLED") == rule.weight_overseas


def test_recruiter_testimony_is_not_a_survivor_story(screener: Screener) -> None:
    # "Saya dulu kerja di sana" from a recruiter is no past-tense victim account.
    text = "Saya dulu kerja di Kamboja juga, gajinya besar, ayo ikut, tiket ditanggung."
    codes = {h.rule.code for h in screener.engine.analyze(text).hits}
    assert "AWARENESS_OR_PERSONAL_STORY" not in codes
    story = "Dulu saya pernah ditawari kerja di Kamboja, ternyata disuruh nipu orang."
    assert screener.screen(story).text_type in {"story", "warning"}
    # The recruiter's line is not capped as a story (its story probability stays under
    # never_high_min_probability): it keeps its "high".
    assert screener.screen(text).verdict == "high"


def test_warning_about_promises_is_advice_not_bypass(screener: Screener) -> None:
    text = "Hindari calo! Kalau ada yang janji berangkat tanpa pelatihan, itu bukan jalur resmi."
    a = screener.screen(text)
    assert "BYPASS_OFFICIAL_CHANNEL" not in {i.code for i in a.indicators}
    assert a.verdict == "low"
