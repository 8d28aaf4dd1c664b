"""Need-to-know: the duplicate check is audited (fields, not values), needs a purpose outside
registration and is rate-limited per user; other organisations' matches name the organisation
only. Case search by identifier travels in a POST body, never the URL; part of a name is found
through name-word blind indexes, backfilled by ``waspada case index-names``."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from tests.case_fixtures import PERSON
from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.cases.models import PersonNameToken
from waspada.cli import main as cli_main

CHECK = "/perlindungan/cek-duplikat/"


@pytest.fixture(autouse=True)
def _language_kept():  # type: ignore[no-untyped-def]
    # The command line switches to English for its output; keep other tests in Indonesian.
    with translation.override(translation.get_language()):
        yield


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_deliberate_check_needs_a_purpose_and_is_audited_without_values(case_cast):
    client = _client(case_cast.recipient)  # another organisation
    refused = client.post(CHECK, {"nik": PERSON["nik"]})
    assert (
        refused.status_code == 200
        and not AuditEvent.objects.filter(action="cases.duplicates.checked").exists()
    )
    response = client.post(CHECK, {"purpose": "new_contact", "nik": PERSON["nik"]})
    assert "IOM Indonesia" in response.text
    assert case_cast.case.code not in response.text  # the other organisation's case: no code
    assert "Rahmawati" not in response.text
    event = AuditEvent.objects.get(action="cases.duplicates.checked")
    assert event.actor_id == case_cast.recipient.pk
    assert event.details["purpose"] == "new_contact"
    assert event.details["matched_fields"] == ["nik"]
    assert event.details["organisation_ids"] == [case_cast.case.organisation_id]
    assert PERSON["nik"] not in str(event.details)


def test_duplicate_checks_are_rate_limited_per_user(case_cast, settings):
    settings.WASPADA_DUPLICATE_CHECKS_PER_HOUR = 3
    client = _client(case_cast.recipient)
    for _ in range(3):
        assert (
            "IOM Indonesia"
            in client.post(CHECK, {"purpose": "handover", "nik": PERSON["nik"]}).text
        )
    limited = client.post(CHECK, {"purpose": "handover", "nik": PERSON["nik"]})
    assert "IOM Indonesia" not in limited.text and "Batas pemeriksaan" in limited.text
    assert AuditEvent.objects.filter(action="cases.duplicates.limited").count() == 1
    # The registration page counts too (it can answer without registering).
    page = client.post("/perlindungan/baru/", {**PERSON, "consent_services": "on"})
    assert "Batas pemeriksaan" in page.text and "IOM Indonesia" not in page.text
    # another user is not limited
    other = _client(case_cast.supervisor)
    assert "Hasil" in other.post(CHECK, {"purpose": "handover", "nik": PERSON["nik"]}).text


def test_registration_check_is_audited(case_cast):
    client = _client(case_cast.recipient)
    client.post("/perlindungan/baru/", {**PERSON, "consent_services": "on"})
    event = AuditEvent.objects.get(action="cases.duplicates.checked")
    assert event.details["purpose"] == "registration"
    assert set(event.details["matched_fields"]) >= {"nik", "passport", "phone"}


def test_search_by_identifier_is_a_post_and_a_query_in_the_url_is_ignored(case_cast):
    client = _client(case_cast.assigned)
    page = client.get("/perlindungan/").text
    assert 'id="case-search"' in page and 'method="post"' in page
    found = client.post("/perlindungan/", {"q": PERSON["nik"]})
    assert case_cast.case.code in found.text
    assert AuditEvent.objects.filter(action="cases.case.searched").count() == 1
    in_url = client.get(f"/perlindungan/?q={PERSON['nik']}&status=")
    assert in_url.status_code == 200
    assert AuditEvent.objects.filter(action="cases.case.searched").count() == 1  # not searched


def test_api_search_is_a_post_and_get_q_takes_codes_only(case_cast):
    token = token_create(user=case_cast.assigned)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    by_nik = Client().get(f"/api/v1/cases?q={PERSON['nik']}", **auth).json()
    assert by_nik["results"] == []
    by_code = Client().get(f"/api/v1/cases?q={case_cast.case.code}", **auth).json()
    assert [c["code"] for c in by_code["results"]] == [case_cast.case.code]
    posted = (
        Client()
        .post("/api/v1/cases/search", {"q": "rahmawati"}, content_type="application/json", **auth)
        .json()
    )
    assert [c["code"] for c in posted["results"]] == [case_cast.case.code]


def test_name_word_indexes_hold_no_clear_text_and_are_backfilled(case_cast):
    tokens = list(PersonNameToken.objects.values_list("digest", flat=True))
    assert len(tokens) == 3
    assert not any(word.lower() in "".join(tokens) for word in ("siti", "rahmawati", "kusuma"))
    PersonNameToken.objects.all().delete()
    assert cli_main(["case", "index-names"]) == 0
    assert PersonNameToken.objects.count() == 3


def test_erasure_removes_name_word_indexes(case_cast):
    from waspada.cases.services import case_erase

    case_erase(actor=case_cast.admin, case=case_cast.case)
    assert not PersonNameToken.objects.exists()


def test_erasure_of_a_person_erases_every_case_found_through_blind_indexes(case_cast, capsys):
    from waspada.cases.models import Case
    from waspada.cases.services import case_register, person_cases_find

    # The same person registered again by another organisation (same NIK), and a stranger.
    again = case_register(actor=case_cast.recipient, data={**PERSON, "phone": ""})
    stranger = case_register(
        actor=case_cast.recipient,
        data={"full_name": "Budi Santoso", "sex": "male", "nik": "3273010101900001"},
    )
    listed = {entry.case.code: entry.matched_on for entry in person_cases_find(case=case_cast.case)}
    assert set(listed) == {case_cast.case.code, again.code}
    assert "nik" in listed[again.code]
    assert cli_main(["case", "erase", case_cast.case.code, "--by", "admin", "--yes"]) == 0
    out = capsys.readouterr().out
    assert again.code in out and stranger.code not in out
    people = {c.code: c.person for c in Case.objects.select_related("person")}
    assert people[case_cast.case.code].erased_at is not None
    assert people[again.code].erased_at is not None
    assert people[stranger.code].erased_at is None
    assert AuditEvent.objects.filter(action="cases.person.erased").count() == 2


def test_deliberate_check_names_what_matched_in_words(case_cast):
    """ "cocok pada: nik" was an index key in the Indonesian interface."""
    client = _client(case_cast.recipient)
    response = client.post(CHECK, {"purpose": "new_contact", "nik": PERSON["nik"]})
    matched = response.text.split("cocok pada")[1].split("</p>")[0]
    assert "NIK" in matched and "nik" not in matched
