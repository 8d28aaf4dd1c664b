"""The facts of a demo case (HTCDS-complete) and of its interview, drawn from their own
random stream seeded by the case code, so adding them left every other draw of the seeded
generator unchanged. Shares are rough, from the IOM/Kemlu descriptions of online-scam cases:
most were recruited on social media by an individual or an online account, few through a
licensed P3MI, many passed through Malaysia or Thailand."""

from __future__ import annotations

import random
from typing import Any

from waspada.demodata.weights import Weighted, between

_KIND = Weighted.of({"individual": 45, "online_unknown": 30, "agency_unlicensed": 15,
                     "p3mi": 3, "unknown": 7})  # fmt: skip
_TRANSIT = {"KH": ["MY", "TH", "VN"], "MM": ["TH", "MY"], "LA": ["TH", "MY"], "PH": ["MY", "SG"],
            "TH": ["MY"], "VN": ["MY"], "MY": ["SG"]}  # fmt: skip
_PLATFORMS = {"romance": ["dating_app", "facebook", "instagram", "whatsapp"],
              "investment_crypto": ["fake_trading", "telegram", "whatsapp", "facebook"],
              "gambling": ["gambling_site", "telegram"], "phishing": ["whatsapp", "telegram"],
              "other": ["facebook", "tiktok"]}  # fmt: skip
_VULNERABLE = (("unemployed", 0.55), ("debt", 0.35), ("family_pressure", 0.3),
               ("low_education", 0.15), ("prior_migration", 0.1), ("addiction", 0.05))  # fmt: skip
_AGENCIES = ("PT Mitra Karya Global (demo)", "PT Sinar Jaya Abadi (demo)",
             "CV Berkah Lintas Negara (demo)", "PT Anugerah Tenaga Prima (demo)")  # fmt: skip
_EXIT = Weighted.of({"escaped": 25, "rescued_police": 20, "embassy": 20, "ransom": 15,
                     "raid_deported": 15, "released": 5})  # fmt: skip
_VISA = Weighted.of({"visa_free": 55, "tourist": 30, "none": 8, "work": 4, "unknown": 3})
_FEES_TO = Weighted.of({"none": 45, "broker": 30, "online_recruiter": 15, "p3mi": 5,
                        "employer": 5})  # fmt: skip


def case_facts(
    key: str,
    *,
    destination: str,
    channel: str,
    typology: str,
    regency: str,
    embassy: bool,
    victim: bool,
) -> dict[str, Any]:
    """The case's facts; a case found not to be a victim has no platforms or vulnerabilities
    recorded (nothing was exploited), and is never marked as also a suspect. ``key`` is made
    of values already drawn for the case, so the facts follow the generator's seed."""
    rng = random.Random(f"facts:{key}")  # noqa: S311 (demo data, not secrets)
    kind = _KIND.pick(rng)
    channels = [channel] + ([c] if (c := rng.choice(["whatsapp", "telegram", "facebook"]))
                            != channel and rng.random() < 0.4 else [])  # fmt: skip
    transit_options = _TRANSIT.get(destination, [])
    transit = [rng.choice(transit_options)] if transit_options and rng.random() < 0.5 else []
    source = "kbri" if embassy else Weighted.of(
        {"family": 30, "self": 20, "kp2mi": 15, "police": 10, "public_report": 10, "ngo": 10,
         "hotline": 5}).pick(rng)  # fmt: skip
    agency = rng.choice(_AGENCIES) if kind in ("p3mi", "agency_unlicensed") else ""
    licence = (
        f"SIP3MI {between(rng, 100, 999)}/{between(rng, 2019, 2024)}" if kind == "p3mi" else ""
    )
    return {
        "recruitment_channels": channels,
        "recruitment_place": "Daring" if kind == "online_unknown" else regency,
        "transit_countries": transit,
        "recruiter_kind": kind,
        "recruiter_agency": agency,
        "recruiter_licence": licence,
        "exploitation_platforms": sorted(rng.sample(_PLATFORMS.get(typology, ["facebook"]), 2))
        if victim else [],
        "vulnerabilities": [code for code, share in _VULNERABLE if rng.random() < share]
        if victim else [],
        "case_source": source,
        "also_suspect": victim and rng.random() < 0.04,
        "deceased": rng.random() < 0.002,
    }  # fmt: skip


def interview_facts(
    key: str, outcome: str, *, recruiter_kind: str, exited: bool, ransomed: bool
) -> dict[str, Any]:
    """What the interview found, consistent with its outcome and the case profile (so the
    cross-check finds nothing to reconcile): a victim was promised more than they got; a
    person found not to be a victim was paid as promised and paid no fee."""
    rng = random.Random(f"interview:{key}")  # noqa: S311 (demo data, not secrets)
    promised = rng.choice([800, 1000, 1200, 1500])
    if outcome == "not_victim":
        return {"promised_pay_usd": promised, "actual_pay_usd": promised,
                "visa_type": "visa_free", "fees_paid_to": "none",
                "return_risks": ["none"]}  # fmt: skip
    fees_to = _FEES_TO.pick(rng)
    if fees_to == "p3mi" and recruiter_kind != "p3mi":
        fees_to = "broker"
    exit_method = "ransom" if ransomed else _EXIT.pick(rng)
    exit_method = "embassy" if exit_method == "ransom" and not ransomed else exit_method
    facts: dict[str, Any] = {
        "promised_pay_usd": promised,
        "actual_pay_usd": rng.choice([0, 0, 100, 200, 300]),
        "visa_type": _VISA.pick(rng),
        "fees_paid_to": fees_to,
        "return_risks": sorted(
            rng.sample(["debt", "threats", "stigma", "retrafficking", "health"], between(rng, 1, 3))
        ),  # fmt: skip
    }
    if exited:
        facts["exit_method"] = exit_method
    if facts["visa_type"] == "work":
        facts["visa_type"] = "tourist"  # no work visa for the scam countries (cross-check)
    if fees_to != "none":
        facts["fees_paid_idr"] = between(rng, 2, 40) * 1_000_000
    return facts
