"""Rules 2026.1.0: the learned model decides, rules explain (issue 18). One block per error
class of the independent evaluation, with the class-4 minimal pairs and class-5 negations."""

from __future__ import annotations

import json

import pytest

from waspada.screening import Screener
from waspada.screening.corpus import TEXT_TYPES, corpus_files, default_corpus_dir, load_examples
from waspada.screening.datafiles import load_json
from waspada.screening.features import analyze, skeleton
from waspada.screening.noise import add_noise
from waspada.screening.normalize import normalize

NEVER_HIGH = set(load_json("rules.json")["verdict"]["never_high_types"])
FLOOR = float(load_json("rules.json")["verdict"]["never_high_min_probability"])


def _codes(screener: Screener, text: str) -> set[str]:
    return {i.code for i in screener.screen(text).indicators}


# -- the design: the model decides, high needs an explained red flag ----------------------
def test_every_high_has_an_explained_red_flag_and_an_offer_voice(screener: Screener) -> None:
    strong = float(load_json("rules.json")["verdict"]["strong_weight"])
    examples = [e for f in corpus_files(default_corpus_dir()) for e in load_examples(f)]
    highs = 0
    for e in examples[::3]:
        a = screener.screen(e.text)
        if a.verdict == "high":
            highs += 1
            assert any(i.polarity == "risk" and i.weight >= strong for i in a.red_flags), e.id
            if a.text_type in NEVER_HIGH:
                # Only when the type model is unsure: its never-high group stays under the floor.
                _, types = screener.model.scores(normalize(e.text).text)
                group = [a.text_type] if a.text_type == "question" else NEVER_HIGH - {"question"}
                assert sum(types[t] for t in group) < FLOOR, (e.id, a.text_type)
            assert a.basis == "model_and_rules"
    assert highs > 50


def test_no_rule_gate_silences_a_confident_model(screener: Screener) -> None:
    # A recruiter's line with no rule-level red flag (no fee, no country, no visa): the model
    # alone carries it to "medium" and the answer says so in plain words.
    text = "Kak, tiketnya sudah saya belikan ya, besok ikut saya saja, jangan banyak tanya."
    a = screener.screen(text)
    assert not [i for i in a.red_flags if i.code != "MODEL_SIMILAR_TO_SCAMS"], a.indicators
    assert a.verdict == "medium", a.risk
    assert a.basis == "model_only"
    assert any("model saja" in n["id"] and "model alone" in n["en"] for n in a.notes)


def test_risk_is_the_calibrated_stacked_probability(screener: Screener) -> None:
    from waspada.screening.analysis import combiner_features

    text = "Dicari admin di Kamboja, gaji USD 1.200, visa turis, hubungi Telegram."
    a = screener.screen(text)
    an = screener.engine.analyze(text)
    logit, types = screener.model.scores(an.nt.text)
    assert a.risk == pytest.approx(screener.model.combine(combiner_features(logit, types, an)))
    assert a.verdict == "high"


def test_response_keeps_its_shape_and_adds_fields(screener: Screener) -> None:
    d = screener.screen("Lowongan admin gudang di Bekasi, gaji UMK.").to_dict()
    for key in ("risk", "verdict", "indicators", "advice", "language", "entities"):
        assert key in d
    assert d["text_type"] in TEXT_TYPES
    assert 0 < d["text_type_probability"] <= 1
    assert d["basis"] in {"model_and_rules", "model_only", "none"}
    assert isinstance(d["notes"], list)
    json.dumps(d)


# -- class 1: third-party voice ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "types"),
    [
        (
            "Itu pola klasik sindikat: gaji besar tanpa pengalaman, visa turis, dijemput di "
            "bandara, paspor ditahan, kerja jadi admin di Kamboja. Tolak dan laporkan.",
            {"warning"},
        ),
        (
            "Kapolres mengatakan para korban dijanjikan gaji 20 juta sebagai operator di "
            "Myanmar, berangkat dengan visa kunjungan, lalu paspor mereka ditahan.",
            {"news"},
        ),
        (
            "Adik saya dulu ditawari kerja CS di Kamboja, tiket gratis. Sampai sana HP disita, "
            "dipaksa menipu. Sekarang sudah pulang dibantu KBRI.",
            {"story"},
        ),
    ],
)
def test_warnings_news_and_stories_are_never_high(
    screener: Screener, text: str, types: set[str]
) -> None:
    a = screener.screen(text)
    assert a.text_type in types, (a.text_type, a.text_type_probability)
    assert a.verdict != "high"
    if a.red_flags:
        assert any("bukan tawaran" in n["id"] for n in a.notes)


def test_a_question_gets_the_offers_red_flags_with_a_note(screener: Screener) -> None:
    text = (
        "Mau tanya dong, saya ditawari kerja admin di Kamboja gaji 20 juta, berangkat pakai "
        "visa turis. Ini aman gak ya?"
    )
    a = screener.screen(text)
    assert a.text_type == "question"
    assert a.verdict != "high"
    assert {"NON_PLACEMENT_COUNTRY", "NON_WORK_VISA"} <= {i.code for i in a.red_flags}
    assert any("tawarannya" in n["id"] and "it is the offer" in n["en"] for n in a.notes)


def test_no_phrase_list_dampening_is_left(screener: Screener) -> None:
    raw = load_json("rules.json")
    assert not [r["code"] for r in raw["rules"] if "dampen" in r]
    assert not {"no_flag_discount", "not_offer_discount"} & set(raw["verdict"])


# -- class 2: domestic job fraud -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Kerja online dari HP: like dan follow akun toko, dibayar 12rb per tugas. Setelah "
            "tugas ke-5 wajib top up saldo 250rb untuk membuka tugas berikutnya.",
            "DOMESTIC_TASK_OR_DEPOSIT_SCHEME",
        ),
        (
            "Rekrutmen PT Pelindo jalur khusus tanpa tes, hubungi panitia di WA pribadi. "
            "Biaya pemberkasan Rp1.200.000.",
            "IMPERSONATED_COMPANY_RECRUITMENT",
        ),
        (
            "Anda lolos seleksi administrasi. Tes wawancara di Hotel Mawar Bandung, tiket dan "
            "kamar wajib dipesan melalui travel agent yang ditunjuk panitia.",
            "UPFRONT_FEE_ANY_NAME",
        ),
        (
            "Lowongan staf toko, gaji 4 juta. Sebelum mulai kerja bayar biaya aktivasi akun "
            "karyawan Rp150.000.",
            "UPFRONT_FEE_ANY_NAME",
        ),
    ],
)
def test_domestic_job_fraud_is_flagged_with_its_advice(
    screener: Screener, text: str, code: str
) -> None:
    a = screener.screen(text)
    assert a.verdict != "low", (a.risk, [i.code for i in a.indicators])
    assert code in {i.code for i in a.red_flags}
    advice = " ".join(x["id"] for x in a.advice)
    assert "Jangan pernah membayar untuk melamar" in advice
    assert "perusahaan yang namanya dicatut" in advice


def test_domestic_fraud_gets_no_advice_about_working_abroad(screener: Screener) -> None:
    # Before, a fake Pertamina interview with a hotel fee was first told to check P3MI
    # licences and to register with Safe Travel abroad: advice for another situation.
    a = screener.screen(
        "Selamat! Anda lolos seleksi PT Pertamina. Untuk jadwal interview di hotel Jakarta, "
        "silakan booking melalui travel mitra kami Rp 1.750.000 (akan direfund)."
    )
    assert a.verdict != "low"
    texts = [x["id"] for x in a.advice]
    assert not any("P3MI" in t or "Safe Travel" in t or "KP2MI" in t for t in texts), texts
    assert texts[0].startswith("Jangan pernah membayar untuk melamar")
    # An overseas offer keeps them.
    b = screener.screen(
        "Dibutuhkan admin di Kamboja, gaji USD 1.000, visa turis, tiket ditanggung, bayar "
        "biaya proses Rp 5 juta, hubungi Telegram."
    )
    assert any("P3MI" in x["id"] for x in b.advice) and any("KP2MI" in x["id"] for x in b.advice)


def test_domestic_advice_is_not_given_to_a_clean_ad(screener: Screener) -> None:
    a = screener.screen("Dicari kasir minimarket di Solo, gaji UMK, lamaran dikirim ke HRD.")
    assert a.verdict == "low"
    assert not any("dicatut" in x["id"] for x in a.advice)


# -- class 3 and 4: robustness, minimal pairs ----------------------------------------------
def test_leetspeak_is_decoded_but_names_with_digits_are_kept() -> None:
    assert normalize("L0w0ngan k3rja d1 K4mb0j4, g4j1 b3s4r").text.startswith(
        "lowongan kerja d 1 kamboja, gaji besar"
    )
    assert normalize("lewat P3MI dan BP3MI").text == "lewat p3mi dan bp3mi"
    # Offsets stay exact through the decoding.
    nt = normalize("kerja di k4mb0j4 ya")
    s, e = nt.span(nt.text.index("kamboja"), nt.text.index("kamboja") + 7)
    assert nt.original[s:e] == "k4mb0j4"


def test_skeletons_match_words_written_without_vowels() -> None:
    assert skeleton("lowongan") == skeleton("lwngn") == "k:lwngn"
    assert skeleton("passport") == "k:psprt"
    assert skeleton("kamboja") == skeleton("kkmbja")
    assert "k:gj" in analyze("gaji") and "k:gj" in analyze("gj 5 jt")
    assert skeleton("ok") == ""


@pytest.mark.parametrize(
    "text",
    [
        "Dibutuhkan admin di Kamboja, gaji USD 1.000, visa turis, tiket ditanggung, hubungi "
        "Telegram.",
        # A strict xfail from rules 2026.1.2 to 2026.1.3 (one noisy copy ended low).
        "Lowongan CS online di Myawaddy, tanpa pengalaman, paspor diurus, berangkat minggu depan.",
        "Kerja like dan follow dibayar per tugas, wajib deposit dulu untuk buka tugas VIP.",
    ],
)
def test_risky_texts_stay_flagged_under_spelling_noise(screener: Screener, text: str) -> None:
    assert screener.screen(text).verdict != "low"
    for seed in range(6):
        noisy = add_noise(text, seed, 0.3)
        assert screener.screen(noisy).verdict != "low", noisy


@pytest.mark.parametrize(
    ("risky", "safe"),
    [
        (
            "Lowongan operator di Malaysia, berangkat dengan visa turis, kontrak di sana.",
            "Lowongan operator di Malaysia, berangkat dengan visa kerja, kontrak sebelum "
            "berangkat.",
        ),
        (
            "Lowongan staf gudang, pelamar wajib bayar biaya pelatihan Rp500.000.",
            "Lowongan staf gudang, biaya pelatihan ditanggung sepenuhnya oleh perusahaan.",
        ),
        pytest.param(
            "Kerja admin, gaji dipotong untuk bayar tiket selama 6 bulan.",
            "Kerja admin, tidak ada potongan gaji untuk tiket.",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known regression of rules 2026.1.2 (docs/screening.md): the negated "
                "text fires no rule and its risk stays below the risky one's, but the model "
                "weighs 'admin' and 'tiket' enough for medium from the model alone",
            ),
        ),
    ],
)
def test_minimal_pairs_move_the_verdict_the_right_way(
    screener: Screener, risky: str, safe: str
) -> None:
    a, b = screener.screen(risky), screener.screen(safe)
    assert a.risk > b.risk, (a.risk, b.risk)
    assert b.verdict == "low" or a.verdict == "high"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (
            "Dicari CS di Kamboja, gaji 15 juta, tiket ditanggung, visa turis.",
            "Visa turis, tiket ditanggung, gaji 15 juta: dicari CS di Kamboja.",
        ),
        (
            "Kerja jadi admin di Kamboja, gaji gede, langsung berangkat.",
            "Kerja jadi admin di Cambodia, bayaran besar, bisa segera berangkat.",
        ),
    ],
)
def test_word_order_and_synonyms_do_not_flip_the_verdict(
    screener: Screener, one: str, other: str
) -> None:
    assert (screener.screen(one).verdict == "low") == (screener.screen(other).verdict == "low")
    assert screener.screen(one).verdict != "low"


# -- class 5: negation and reassurance, for every rule -------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Gaji UMK, tidak ada potongan gaji untuk seragam.", "SALARY_DEDUCTION_DEBT"),
        ("Kami bukan sponsor perorangan, penempatan lewat P3MI.", "RECRUITED_BY_INDIVIDUAL"),
        (
            "Biaya pelatihan selama masa percobaan ditanggung sepenuhnya oleh perusahaan.",
            "FEE_REQUIRED",
        ),
        ("Tanpa biaya aktivasi, tanpa deposit.", "UPFRONT_FEE_ANY_NAME"),
        ("Perusahaan tidak menahan paspor; paspor dipegang pekerja sendiri.", "PASSPORT_RETENTION"),
    ],
)
def test_negated_or_reassured_red_flags_do_not_fire(
    screener: Screener, text: str, code: str
) -> None:
    assert code not in _codes(screener, text)


def test_every_risk_pattern_rule_is_negatable_by_default(screener: Screener) -> None:
    raw = {r["code"]: r for r in load_json("rules.json")["rules"]}
    for rule in screener.engine.rules.rules:
        if rule.polarity == "risk" and rule.pattern is not None:
            explicit = raw[rule.code].get("negate_before")
            assert rule.negate_before or explicit is False, rule.code
            assert rule.negate_clause or raw[rule.code].get("negate_clause") is False, rule.code


def test_negation_does_not_reach_into_the_next_sentence(screener: Screener) -> None:
    text = "Tidak perlu pengalaman. Biaya pendaftaran Rp500.000 dibayar di muka."
    assert "FEE_REQUIRED" in _codes(screener, text)


# -- class 6: pay plausibility knows skill -------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Senior backend engineer, remote from Indonesia, 7 years of experience, USD 6,000/month.",
        "Mualim I kapal tanker, wajib COC, gaji USD 4.500 per bulan lewat manning agency SIUPPAK.",
    ],
)
def test_skilled_pay_is_not_unrealistic(screener: Screener, text: str) -> None:
    a = screener.screen(text)
    assert "UNREALISTIC_PAY" not in {i.code for i in a.indicators}
    assert a.verdict != "high"


# -- class 7: entities and gazetteer -------------------------------------------------------
def test_us_dollar_sign_and_dong_are_money(screener: Screener) -> None:
    a = screener.screen("Gaji US$700 per bulan, atau VND20 million, kerja di Vietnam.")
    money = {(m["currency"], m["amount_max"]) for m in a.entities["money"]}
    assert ("USD", 700.0) in money and ("VND", 20_000_000.0) in money
    assert screener.screen("gaji 15 juta dong").entities["money"][0]["currency"] == "IDR"


def test_pogo_siuppak_krama_and_minang(screener: Screener) -> None:
    assert "SCAM_WORK_HINTS" in _codes(screener, "Lowongan CS untuk POGO di Manila, gaji dolar.")
    assert "OFFICIAL_CHANNEL" in _codes(
        screener, "Rekrutmen ABK lewat manning agency berizin SIUPPAK."
    )
    assert normalize("Panjenengan badhe nyambut damel wonten manca negari").text == (
        "anda mau kerja kerja ada luar negeri"
    )
    assert normalize("Ambo indak karajo, pitih habis").text == "saya tidak kerja, uang habis"


# -- class 8: wrong-sense rules and the model indicator ------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Slot terakhir untuk posisi kasir, tinggal 2 orang.", "SCAM_WORK_HINTS"),
        (
            "Magang marketing di Dubai untuk mahasiswa, visa kunjungan tidak dipakai, kerja sama "
            "kampus.",
            "MIDDLE_EAST_DOMESTIC_PLACEMENT",
        ),
        ("Tidak ada potongan gaji dan tidak ada utang ke perusahaan.", "SALARY_DEDUCTION_DEBT"),
    ],
)
def test_wrong_sense_rules_stay_silent(screener: Screener, text: str, code: str) -> None:
    assert code not in _codes(screener, text)


def test_model_indicator_quotes_meaningful_words(screener: Screener) -> None:
    stop = set(load_json("rules.json")["model_indicator"]["stopwords"])
    examples = [e for f in corpus_files(default_corpus_dir()) for e in load_examples(f)]
    seen = 0
    for e in examples[::4]:
        a = screener.screen(e.text)
        for i in a.indicators:
            if i.code == "MODEL_SIMILAR_TO_SCAMS":
                seen += 1
                for ev in i.evidence:
                    word = normalize(ev.text).text
                    assert word not in stop, (e.id, ev.text)
                    assert not any(c.isdigit() for c in word), (e.id, ev.text)
                    assert len(word) >= 3
    assert seen > 10
