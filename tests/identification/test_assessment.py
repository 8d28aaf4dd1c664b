"""The proposed status, and the reference data it is computed from."""

from __future__ import annotations

import json

import pytest

from waspada.identification import indicators
from waspada.identification.assessment import propose

FULL = {"process": ["recruitment"], "means": ["fraud_deception"], "purpose": ["forced_labour"]}


def test_all_three_elements_make_actual_with_reasons():
    proposal = propose(answers=FULL, age=30)
    assert proposal.status == "actual"
    assert [(r["condition"], r["met"], r["codes"]) for r in proposal.reasons] == [
        ("process", True, ["recruitment"]),
        ("means", True, ["fraud_deception"]),
        ("purpose", True, ["forced_labour"]),
        ("ilo", False, []),
    ]


@pytest.mark.parametrize("missing", ["process", "means", "purpose"])
def test_a_missing_element_makes_possible(missing):
    proposal = propose(answers={**FULL, missing: []}, age=30)
    assert proposal.status == "possible"
    assert {r["condition"]: r["met"] for r in proposal.reasons}[missing] is False


def test_ilo_indicators_alone_make_possible_and_nothing_makes_not_victim():
    assert propose(answers={"ilo": ["isolation"]}, age=None).status == "possible"
    assert propose(answers={}, age=None).status == "not_victim"
    assert propose(answers={}, age=12).status == "not_victim"  # being a child is no element


def test_a_child_needs_no_means():
    answers = {**FULL, "means": []}
    child = propose(answers=answers, age=17)
    assert child.status == "actual"
    assert child.reasons[1] == {"condition": "means", "met": True, "codes": [], "child_age": 17}
    assert propose(answers=answers, age=18).status == "possible"
    assert propose(answers=answers, age=None).status == "possible"  # unknown age: an adult


def test_reference_file_is_complete_and_consistent():
    data = json.loads(indicators.DATA.read_text(encoding="utf-8"))
    assert data["version"]
    assert {entry["code"] for entry in data["sets"]} == set(indicators.SETS)
    for entry in data["sets"]:
        assert entry["id"] and entry["en"] and entry["source_id"] and entry["source_en"]
    for entry in data["items"]:
        assert entry["set"] in indicators.SETS
        assert entry["id"] and entry["en"] and entry["help_id"] and entry["help_en"]
    for set_code in indicators.SETS:
        codes = indicators.codes(set_code)
        assert len(codes) == len(set(codes)), set_code
    assert len(indicators.codes("ilo")) == 11  # the ILO's eleven indicators
    assert {"recruitment", "transport", "harbouring", "transfer", "receipt"} <= set(
        indicators.codes("process")
    )
    assert {"debt_bondage", "abuse_of_vulnerability", "giving_payments"} <= set(
        indicators.codes("means")
    )
    assert "forced_criminality_scam" in indicators.codes("purpose")


def test_labels_follow_the_active_language():
    from django.utils import translation

    with translation.override("id"):
        assert indicators.label("process", "recruitment") == "Perekrutan"
    with translation.override("en"):
        assert indicators.label("process", "recruitment") == "Recruitment"
        assert indicators.set_info("ilo")["label"] == "ILO forced-labour indicators"
