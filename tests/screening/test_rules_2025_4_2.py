"""Rules 2025.4.2: regional languages, warnings in other voices, and the rule bugs it fixed."""

import pytest

from waspada.screening import Screener
from waspada.screening.money import find_money
from waspada.screening.normalize import normalize


def _codes(screener: Screener, text: str) -> set[str]:
    return {i.code for i in screener.screen(text).indicators}


# -- class 1: Javanese and Sundanese --------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Lik, gelem kerjo neng Kamboja ora? Bayarane 15 yuta sesasi, tiket dibayari bos, "
        "ora usah ijazah. Mengko mangkat minggu ngarep.",
        "Teh, hoyong damel di Thailand? Gajina 12 juta sabulan, tiket tos dicepeng ku bos. "
        "Ulah béja ka saha-saha, engké urang nu ngurus.",
        "Nduk, ono gawean neng Malaysia, bayaran 8 yuta sesasi. Ora usah kandha bapak ibu.",
    ],
)
def test_javanese_and_sundanese_offers_are_flagged(screener: Screener, text: str) -> None:
    assert screener.screen(text).verdict != "low", text


@pytest.mark.parametrize(
    "text",
    [
        "Mas, mengko sore mangan neng warung Bu Sri wae yo, aku wis lungo soko kantor.",
        "Urang nuju milari damel di Bandung, aya lowongan di pabrik sapatu teu?",
    ],
)
def test_regional_everyday_chat_stays_low(screener: Screener, text: str) -> None:
    assert screener.screen(text).verdict == "low", text


def test_regional_words_are_normalised_but_indonesian_look_alikes_are_not() -> None:
    assert normalize("bayarane 15 yuta sesasi, ora usah kandha").text == (
        "gaji 15 juta sebulan, tidak usah bilang"
    )
    # Place names and Indonesian words that look regional stay as they are.
    assert normalize("liburan ke Bali, no rek BCA, bayaran lembur").text == (
        "liburan ke bali, no rek bca, bayaran lembur"
    )


def test_salary_parser_reads_yuta() -> None:
    (money,) = find_money("Bayarane 15 yuta sesasi", {"IDR": 0.0000625})
    assert (money.text, money.amount_max, money.period, money.role) == (
        "15 yuta",
        15_000_000,
        "month",
        "salary",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Jangan bilang keluarga atau tetangga ya, bilang saja kamu mau kuliah di Jakarta. "
        "Kerja di Myanmar gaji 20 juta.",
        "Upami hoyong damel di luar negeri, ulah béja ka kulawarga, "
        "bilang wé rék sakola di Jakarta.",
    ],
)
def test_cover_story_secrecy_fires(screener: Screener, text: str) -> None:
    assert "SECRECY_FROM_FAMILY" in _codes(screener, text), text


# -- class 2: short social replies, testimonials, pressure ----------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "I have worked here 6 months and send home 10 million every month. The boss needs many "
        "Indonesians, ticket paid. Inbox me.",
        "Jangan dengerin yang bilang ini penipuan, mereka cuma iri. Kerja di Myanmar gaji 1500 "
        "dolar. DM.",
        "Jangan kelamaan mikir, kesempatan gak datang dua kali. Tiket sudah disiapkan, besok "
        "langsung berangkat ke Bangkok.",
    ],
)
def test_testimonials_and_pressure_are_flagged(screener: Screener, text: str) -> None:
    a = screener.screen(text)
    assert a.verdict != "low", text
    assert "RECRUITER_PRESSURE_OR_TESTIMONIAL" in {i.code for i in a.indicators}


# A strict xfail from rules 2026.1.0 to 2026.1.3 (the caption read as a story, ended low).
def test_pov_caption_is_not_a_personal_story(screener: Screener) -> None:
    text = "POV: kamu ditawari kerja admin di Kamboja gaji 20 juta, tiket ditanggung, DM aku"
    a = screener.screen(text)
    assert "AWARENESS_OR_PERSONAL_STORY" not in {i.code for i in a.indicators}
    assert a.verdict != "low"


# -- class 3: bypass versus advice -----------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Don't go through a PT or official agency, it takes months. Go through me directly and "
        "you fly next week to Cambodia.",
        "Jangan lewat PT atau agensi resmi, lama dan mahal. Lewat aku langsung, kerja di Kamboja.",
    ],
)
def test_avoid_the_official_agency_use_me_is_bypass(screener: Screener, text: str) -> None:
    assert "BYPASS_OFFICIAL_CHANNEL" in _codes(screener, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Jangan lewat calo atau perorangan, urus lewat P3MI resmi dan Disnaker.",
        "Jangan lewat PT yang tidak terdaftar di KP2MI, cek dulu izinnya.",
        "Avoid brokers who promise fast departure; go through the official agency.",
    ],
)
def test_advice_to_avoid_brokers_is_not_bypass(screener: Screener, text: str) -> None:
    assert "BYPASS_OFFICIAL_CHANNEL" not in _codes(screener, text), text


# -- classes 4 and 5: Middle East domestic work, sexual-exploitation lures -------------------
@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "MIDDLE_EAST_DOMESTIC_PLACEMENT",
            "Dibutuhkan TKW ke Timur Tengah, tanpa kursus tanpa medical, uang saku untuk keluarga.",
        ),
        (
            "MIDDLE_EAST_DOMESTIC_PLACEMENT",
            "Lowongan pembantu di Dubai, berangkat pakai visa umroh dulu, "
            "nanti kerja diurus di sana.",
        ),
        (
            "BODY_PHOTO_OR_HOSTESS_LURE",
            "Hiring female models in Dubai, free housing, send full-body photos first.",
        ),
        (
            "BODY_PHOTO_OR_HOSTESS_LURE",
            "Dicari LC untuk karaoke di Jepang, gaji 30 juta, mess gratis.",
        ),
    ],
)
def test_placement_and_lure_rules_fire(screener: Screener, code: str, text: str) -> None:
    a = screener.screen(text)
    assert code in {i.code for i in a.indicators}, text
    assert a.verdict != "low"


def test_advice_without_training_words_is_not_middle_east_placement(screener: Screener) -> None:
    text = (
        "Hindari calo! Kalau ada yang janji bisa berangkat cepat tanpa pelatihan, "
        "itu bukan jalur resmi."
    )
    assert screener.screen(text).verdict == "low"


# -- class 6: warnings and stories in other voices --------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Ati-ati lur, ojo gelem ditawani kerjo neng Kamboja bayaran gede, akeh sing ora iso bali.",
        "PSA: a recruiter offered my friend an admin job in Cambodia, 1500 USD, ticket paid. "
        "Do not go, report it to BP2MI.",
        "Cerita dari sepupu saya, dia dijanjikan kerja admin di Myanmar gaji 20 juta. Sekarang "
        "sudah di shelter KBRI.",
        "Ada akun yang nawarin adikku kerja di Kamboja gaji 15 juta, tiket ditanggung. Sudah "
        "kulaporkan, tolong yang lain jangan ikut.",
    ],
)
def test_warnings_in_other_voices_are_low(screener: Screener, text: str) -> None:
    assert screener.screen(text).verdict == "low", text


# -- class 7: questions -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Ada yang nawarin kerja di Thailand gaji 25 juta, tiket ditanggung, berangkat minggu "
        "depan. Menurut kalian masuk akal gak?",
        "Aku dichat orang, kerja admin di Kamboja gaji 1000 dolar tanpa pengalaman. Wajar gak "
        "sih? Saya belum balas.",
    ],
)
def test_questions_about_an_offer_are_not_high(screener: Screener, text: str) -> None:
    assert screener.screen(text).verdict != "high", text


# -- class 8: official programme information ---------------------------------------------------
def test_working_holiday_notice_is_not_an_alarm(screener: Screener) -> None:
    text = (
        "Visa Bekerja dan Berlibur Australia: diajukan sendiri, tidak perlu agen penyalur. Kuota "
        "terbatas per tahun, wajib surat rekomendasi Ditjen Imigrasi."
    )
    a = screener.screen(text)
    codes = {i.code for i in a.indicators}
    assert a.verdict == "low"
    assert not codes & {"BYPASS_OFFICIAL_CHANNEL", "NON_WORK_VISA", "RUSHED_DEPARTURE"}


# -- class 9: negation over a clause -----------------------------------------------------------
def test_refusal_earlier_in_the_clause_negates_the_fee_rule(screener: Screener) -> None:
    text = (
        "Kami TIDAK menerima pendaftaran lewat DM pribadi atau transfer ke rekening perorangan "
        "atau rekening pribadi staf."
    )
    codes = _codes(screener, text)
    assert "FEE_TO_PRIVATE_ACCOUNT" not in codes
    assert "STATES_WHAT_IT_DOES_NOT_ACCEPT" in codes


def test_negation_stops_at_the_clause_end(screener: Screener) -> None:
    text = "Kami tidak menerima uang tunai. Biaya 3 juta transfer ke rekening pribadi saya."
    assert "FEE_TO_PRIVATE_ACCOUNT" in _codes(screener, text)


# -- class 10: savings groups and community dues ------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Ibu-ibu, setoran arisan 200 ribu ditransfer ke rekening pribadi bendahara ya.",
        "Iuran kas RT 50 ribu per bulan, transfer ke rekening pribadi bendahara.",
    ],
)
def test_savings_group_dues_are_not_recruitment_fees(screener: Screener, text: str) -> None:
    assert "FEE_TO_PRIVATE_ACCOUNT" not in _codes(screener, text)
