import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import waspada.screening as ws
from waspada.screening import (
    MAX_TEXT_CHARS,
    Assessment,
    EmptyTextError,
    Screener,
    ScreeningInputError,
    TextTooLongError,
)

SCAM = (
    "Dibutuhkan CS di Phnom Penh, Kamboja! Gaji USD 1.000-1.200/bulan, tnpa pengalaman, tiket "
    "ditanggung perusahaan, lgsg berangkat minggu ini. Pakai visa turis, kontrak di sana. "
    "Minat hub WA +855 12 345 678"
)
LEGIT = (
    "Admin Gudang\nPT Sumber Rejeki – Bekasi\n\nKualifikasi: SMA/SMK, pengalaman 1 tahun, "
    "menguasai Excel.\nBenefit: gaji Rp 4.800.000, BPJS.\nKirim CV ke hrd@sumberrejeki.co.id"
)


def test_scam_offer_is_high_with_explained_evidence(screener: Screener) -> None:
    a = screener.screen(SCAM)
    assert a.verdict == "high" and a.risk > 0.85
    codes = {i.code for i in a.indicators}
    assert {"NON_PLACEMENT_COUNTRY", "NON_WORK_VISA", "CONTRACT_ON_ARRIVAL"} <= codes
    for ind in a.indicators:
        for ev in ind.evidence:
            assert SCAM[ev.start : ev.end] == ev.text
    assert a.entities["phones"][0]["country"] == "KH"
    assert a.entities["money"][0]["monthly_usd"] == 1200
    assert {c["code"]: c["placement"] for c in a.entities["countries"]} == {"KH": "not_official"}
    assert any("KP2MI" in adv["id"] for adv in a.advice)
    assert a.model_version.startswith("screening-")


def test_legit_ad_is_low_and_never_called_safe(screener: Screener) -> None:
    a = screener.screen(LEGIT)
    assert a.verdict == "low"
    assert all(adv["id"] and adv["en"] for adv in a.advice)
    assert "safe" not in {a.verdict}


def test_to_dict_is_json_serialisable(screener: Screener) -> None:
    d = screener.screen(SCAM).to_dict()
    again = json.loads(json.dumps(d))
    assert again["verdict"] == "high"
    assert set(again) >= {
        "risk",
        "verdict",
        "indicators",
        "advice",
        "language",
        "entities",
        "model_score",
        "model_version",
    }
    assert set(again["indicators"][0]) >= {
        "code",
        "title",
        "explanation",
        "evidence",
        "weight",
        "source",
    }


def test_language_detection_and_override(screener: Screener) -> None:
    assert screener.screen("Lowongan kerja untuk kamu yang tidak punya pengalaman").language == "id"
    assert (
        screener.screen("We are hiring staff for our office, apply with your CV").language == "en"
    )
    assert (
        screener.screen(
            "Hiring CS di Kamboja, salary 1000 USD per month, no experience, "
            "langsung berangkat dengan tiket gratis"
        ).language
        == "mixed"
    )
    assert screener.screen("Lowongan kasir", lang="en").language == "en"


def test_input_limits(screener: Screener) -> None:
    with pytest.raises(EmptyTextError):
        screener.screen("   \n")
    with pytest.raises(TextTooLongError) as exc:
        screener.screen("a" * (MAX_TEXT_CHARS + 1))
    assert isinstance(exc.value, ScreeningInputError)
    assert screener.screen("a" * MAX_TEXT_CHARS).verdict in ("low", "medium", "high")


def test_module_level_screen_uses_default_model(model_env) -> None:
    ws.reset_default_screener()
    try:
        assert isinstance(ws.screen(SCAM), Assessment)
    finally:
        ws.reset_default_screener()


unicode_text = st.text(min_size=1, max_size=400)
mixed = st.lists(
    st.sampled_from(
        [
            "gaji 15jt",
            "Kamboja",
            "lgsg berangkat",
            "WA +855 12 345 678",
            "PT Maju Jaya",
            "visa turis",
            "İ",
            "ß",
            "🔥",
            "\n",
            "USD 1,000-1,200",
            "tnpa pengalaman",
            "ﬁ",
            "a\u0301",
            "kirim foto paspor ke WA",
            "Ⅻ",
            "①",
        ]
    )
    | unicode_text,
    min_size=1,
    max_size=8,
).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed)
def test_never_crashes_and_evidence_points_at_quoted_text(screener: Screener, text: str) -> None:
    if not text.strip():
        with pytest.raises(EmptyTextError):
            screener.screen(text)
        return
    a = screener.screen(text)
    assert 0.0 <= a.risk <= 1.0
    assert a.verdict in ("low", "medium", "high")
    for ind in a.indicators:
        for ev in ind.evidence:
            assert 0 <= ev.start < ev.end <= len(text)
            assert text[ev.start : ev.end] == ev.text
    json.dumps(a.to_dict())
