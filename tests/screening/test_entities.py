import importlib
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waspada.screening.entities import _PHONE_RE, _phone_matches, extract_entities
from waspada.screening.gazetteer import default_gazetteer
from waspada.screening.money import _MONEY_RE, _PRE, _PREFIX_MAX, _money_matches, find_money
from waspada.screening.normalize import normalize
from waspada.screening.registry import load_registry, normalize_agency_name, parse_registry

RATES = default_gazetteer().usd_per_unit


@pytest.mark.parametrize(
    ("text", "currency", "lo", "hi", "period"),
    [
        ("gaji 15jt/bln", "IDR", 15e6, 15e6, "month"),
        ("USD 1,000-1,200 per month", "USD", 1000, 1200, "month"),
        ("salary 1000-1200 USD", "USD", 1000, 1200, "month"),
        ("Rp 4.000.000 - Rp 5.000.000", "IDR", 4e6, 5e6, "month"),
        ("RM 3.500 sebulan", "MYR", 3500, 3500, "month"),
        ("upah 150rb/hari", "IDR", 150e3, 150e3, "day"),
        ("gaji 2,5 jt", "IDR", 2.5e6, 2.5e6, "month"),
        ("30.000 baht", "THB", 30000, 30000, "month"),
        ("gaji 1000$", "USD", 1000, 1000, "month"),
    ],
)
def test_money(text: str, currency: str, lo: float, hi: float, period: str) -> None:
    (m,) = find_money(text, RATES)
    assert (m.currency, m.amount_min, m.amount_max, m.period) == (currency, lo, hi, period)
    assert text[m.start : m.end] == m.text


def test_money_role_and_monthly_value() -> None:
    fee, sal = find_money("biaya admin Rp 500rb, gaji 15jt", RATES)
    assert fee.role == "fee" and sal.role == "salary"
    assert sal.monthly_usd == pytest.approx(937.5)
    assert find_money("pengalaman 2 tahun, umur 18", RATES) == []


def test_contacts_places_companies() -> None:
    text = (
        "Dibutuhkan CS di Sihanoukville, Kamboja. Hub WA +855 12 345 678 atau 0812-3456-7890, "
        "wa.me/6281234567890, tele @rekrut_kh, email hr@contoh.com, https://bit.ly/abc. "
        "PT Contoh Penempatan Resmi dan PT Maju Jaya Abadi."
    )
    e = extract_entities(text, normalize(text), default_gazetteer(), load_registry())
    assert {(p["number"], p["country"]) for p in e.phones} >= {
        ("+85512345678", "KH"),
        ("+6281234567890", "ID"),
    }
    assert [h["text"] for h in e.handles] == ["@rekrut_kh"]
    assert [m["text"] for m in e.emails] == ["hr@contoh.com"]
    assert {lk["text"] for lk in e.links} == {"wa.me/6281234567890", "https://bit.ly/abc"}
    assert {(p["name"], p["country"], p["kind"]) for p in e.places} == {
        ("Sihanoukville", "KH", "hub"),
        ("Cambodia", "KH", "country"),
    }
    companies = {c["name"]: c["registered"] for c in e.companies}
    assert companies == {"PT Contoh Penempatan Resmi": True, "PT Maju Jaya Abadi": False}
    for group in (e.phones, e.handles, e.emails, e.links, e.places, e.companies):
        for item in group:
            key = "text" if "text" in item else "name"
            assert text[item["start"] : item["end"]] == item[key]


def test_country_after_pma_is_not_a_destination() -> None:
    text = "PT Melco (PMA Jepang) di Bogor butuh teknisi"
    e = extract_entities(text, normalize(text), default_gazetteer(), load_registry())
    assert [p["destination"] for p in e.places if p["country"] == "JP"] == [False]


def test_registry_importer_and_sample_label(tmp_path) -> None:
    sample = load_registry()
    assert sample.is_sample
    assert sample.lookup("PT. Contoh Penempatan Resmi") is not None
    assert normalize_agency_name("PT. Maju-Jaya ") == "maju jaya"
    official = tmp_path / "p3mi.csv"
    official.write_text("name,license_number,status\nPT Nyata Abadi,123/2024,aktif\n", "utf-8")
    reg = load_registry(official)
    assert not reg.is_sample
    agency = reg.lookup("PT Nyata Abadi")
    assert agency is not None and agency.active
    with pytest.raises(ValueError):
        parse_registry("nama,nomor\nx,y\n")


# The entity scans skip ahead to digits; they must find exactly what re's own scan finds.
_MONEYISH = st.sampled_from(
    ["Rp", "rp.", "USD", "us $", "RINGGIT", "฿", "€", "$", "gaji", "+", "+62", "0812", "00855"]
    + ["15", "1.000", "2,5", "jt", "rb", "k", "-", " - ", " ", "  ", "\n", "\u00a0", ".", ","]
    + ["/bln", "per hari", "(", ")", "a", "x1", "٣", "sampai", "to"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_MONEYISH, max_size=25).map("".join))
def test_digit_skipping_scans_match_finditer(text: str) -> None:
    assert [m.span() for m in _money_matches(text)] == [m.span() for m in _MONEY_RE.finditer(text)]
    assert [m.span() for m in _phone_matches(text)] == [m.span() for m in _PHONE_RE.finditer(text)]


def test_currency_prefix_bound() -> None:
    parser: Any = importlib.import_module("re._parser")
    assert parser.parse(_PRE, re.IGNORECASE).getwidth()[1] <= _PREFIX_MAX
