"""Impossible legal data is refused, naming the fields: in the validator, the edit page and
the API (a verdict before the police report, an acquittal with a sentence, restitution paid
before it was awarded, a hearing scheduled in the past)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from waspada.accounts.services import token_create
from waspada.legal import records, services
from waspada.legal.validation import validate_legal_case_fields


@pytest.fixture(autouse=True)
def _indonesian():  # type: ignore[no-untyped-def]
    """The messages are read in Indonesian, whatever an earlier test's request activated."""
    with translation.override("id"):
        yield


def _errors(data, current=None):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        validate_legal_case_fields(data, current=current)
    return exc.value.message_dict


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (
            {"police_report_date": "2023-05-01", "verdict_date": "2023-01-10",
             "verdict": "convicted"},
            "verdict_date", "laporan polisi",
        ),
        ({"verdict": "acquitted", "sentence_months": "60"}, "sentence_months", "bebas"),
        ({"verdict": "acquitted", "fine_idr": "1.000.000"}, "fine_idr", "bebas"),
        ({"verdict": "", "sentence_months": "60"}, "sentence_months", "putusan"),
        (
            {"restitution_awarded_on": "2024-03-01", "restitution_paid_on": "2024-01-01",
             "restitution_awarded_idr": "10", "restitution_paid_idr": "5"},
            "restitution_paid_on", "sebelum diputus",
        ),
        ({"restitution_paid_idr": "5000000"}, "restitution_paid_idr", "belum ada putusan"),
        (
            {"restitution_requested_on": "2024-03-01", "restitution_awarded_on": "2024-01-01"},
            "restitution_awarded_on", "sebelum dimohonkan",
        ),
        ({"verdict_date": "2024-01-01"}, "verdict", "putusannya"),
    ],
)  # fmt: skip
def test_impossible_combinations_are_refused_naming_the_field(data, field, words, db):
    errors = _errors(data)
    assert list(errors) == [field]
    assert words in errors[field][0]


def test_possible_combinations_pass(db):
    clean = validate_legal_case_fields(
        {
            "police_report_date": "2023-01-10", "verdict_date": "2023-09-01",
            "verdict": "convicted", "sentence_months": "60",
            "restitution_requested_on": "2023-02-01", "restitution_awarded_on": "2023-09-01",
            "restitution_awarded_idr": "10.000.000", "restitution_paid_on": "2023-12-01",
            "restitution_paid_idr": "10.000.000",
        }
    )  # fmt: skip
    assert clean["sentence_months"] == 60


def test_a_change_is_checked_against_the_stored_values(db):
    current = {"police_report_date": timezone.localdate() - timedelta(days=10), "verdict": ""}
    errors = _errors({"verdict_date": "2020-01-01", "verdict": "convicted"}, current=current)
    assert list(errors) == ["verdict_date"]
    # an old inconsistency in fields the edit does not touch does not block other edits
    stale = {"verdict": "acquitted", "sentence_months": 60}
    assert validate_legal_case_fields({"court": "PN Cianjur"}, current=stale)


def test_the_edit_page_refuses_an_acquittal_with_a_sentence(client, legal_cast):
    client.force_login(legal_cast.officer)
    url = f"/penegakan-hukum/perkara/{legal_cast.legal_case.code}/ubah/"
    response = client.post(
        url, {"title": "T", "verdict": "acquitted", "sentence_months": "60", "version": 1}
    )
    assert response.status_code in (200, 400)
    assert "sentence_months" in response.context["form"].errors
    assert 'href="#id_sentence_months"' in response.text  # listed in the error summary
    legal_cast.legal_case.refresh_from_db()
    assert legal_cast.legal_case.version == 1


def test_the_api_refuses_a_verdict_before_the_police_report(client, legal_cast):
    legal_case = legal_cast.legal_case
    services.legal_case_update(
        actor=legal_cast.officer,
        legal_case=legal_case,
        data={"police_report_date": "2023-05-01"},
        version=1,
    )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=legal_cast.officer)}"}
    response = client.patch(
        f"/api/v1/legal-cases/{legal_case.code}",
        {"version": 2, "verdict": "convicted", "verdict_date": "2023-01-10"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["verdict_date"]


def test_a_hearing_cannot_be_scheduled_in_the_past(client, legal_cast):
    with pytest.raises(ValidationError) as exc:
        records.hearing_add(
            actor=legal_cast.officer,
            legal_case=legal_cast.legal_case,
            data={
                "scheduled_at": timezone.now() - timedelta(days=3),
                "court": "PN Cianjur",
                "agenda": "Saksi",
            },
        )
    assert list(exc.value.message_dict) == ["scheduled_at"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=legal_cast.officer)}"}
    response = client.post(
        f"/api/v1/legal-cases/{legal_cast.legal_case.code}/hearings",
        {"scheduled_at": "2020-01-02T09:00:00+07:00", "court": "PN", "agenda": "Saksi"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 400 and list(response.json()["errors"]) == ["scheduled_at"]
