"""Facts, not only conclusions (HTCDS-complete): recruitment place and channels, transit route,
the recruiting agency, exploitation platforms, vulnerabilities, how the case reached the
organisation, the threat of denunciation, deceased, and the dual victim/suspect status."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from tests.case_fixtures import PERSON
from waspada.accounts.roles import Role
from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.cases import reference, services
from waspada.cases.models import Case
from waspada.cases.validation import validate_case_fields

FACTS = {
    "case_source": "kbri",
    "recruitment_place": "Kec. Cibinong, Bogor",
    "recruitment_channel": "telegram",
    "recruitment_channels": ["facebook"],
    "transit_countries": ["my", "TH", "TH"],
    "recruiter_kind": "p3mi",
    "recruiter_agency": "PT Maju Jaya Sentosa",
    "recruiter_licence": "SIP3MI 123/2024",
    "exploitation_platforms": ["dating_app", "fake_trading"],
    "vulnerabilities": ["debt", "unemployed"],
    "means_of_control": ["denunciation_threat"],
    "also_suspect": True,
    "deceased": False,
}


def test_register_keeps_every_fact_and_the_main_channel_joins_the_channels(case_cast):
    case = services.case_register(actor=case_cast.assigned, data={**PERSON, **FACTS})
    case.refresh_from_db()
    assert case.case_source == "kbri" and case.recruitment_place == "Kec. Cibinong, Bogor"
    assert case.recruitment_channels == ["telegram", "facebook"]
    assert case.transit_countries == ["MY", "TH"]
    assert (case.recruiter_kind, case.recruiter_agency) == ("p3mi", "PT Maju Jaya Sentosa")
    assert case.exploitation_platforms == ["dating_app", "fake_trading"]
    assert case.vulnerabilities == ["debt", "unemployed"]
    assert case.means_of_control == ["denunciation_threat"]
    assert case.also_suspect is True and case.person.deceased is False
    # The threat of denunciation maps down to CTDC's meansThreats.
    assert reference.item("means_of_control", "denunciation_threat")["ctdc"] == "meansThreats"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"recruiter_kind": "p3mi", "recruiter_agency": ""}, "recruiter_agency"),
        ({"recruiter_kind": "individual", "recruiter_licence": "SIP3MI 1"}, "recruiter_licence"),
        ({"transit_countries": ["XX"]}, "transit_countries"),
        ({"vulnerabilities": ["rich"]}, "vulnerabilities"),
        ({"exploitation_platforms": ["myspace"]}, "exploitation_platforms"),
        ({"case_source": "oracle"}, "case_source"),
        ({"recruiter_kind": "alien", "recruiter_licence": ""}, "recruiter_kind"),
        ({"recruitment_place": "x" * 121}, "recruitment_place"),
        ({"recruitment_channels": "facebook"}, "recruitment_channels"),
    ],
)
def test_bad_facts_are_refused_by_field(change, field):
    with pytest.raises(ValidationError) as caught:
        validate_case_fields({**FACTS, **change})
    assert set(caught.value.message_dict) == {field}


def test_update_sets_and_clears_the_flags_and_is_audited(case_cast):
    case = case_cast.case
    services.case_update(
        actor=case_cast.assigned, case=case, version=case.version,
        data={"also_suspect": True, "deceased": True, "vulnerabilities": ["child"]},
    )  # fmt: skip
    case.refresh_from_db()
    assert case.also_suspect and case.person.deceased and case.vulnerabilities == ["child"]
    services.case_update(
        actor=case_cast.assigned, case=case, version=case.version,
        data={"also_suspect": False, "deceased": False},
    )  # fmt: skip
    case.refresh_from_db()
    assert not case.also_suspect and not case.person.deceased
    event = AuditEvent.objects.filter(action="cases.case.updated").last()
    assert "also_suspect" in event.details["case_fields"]


def test_register_page_takes_the_facts_and_the_profile_shows_them(client, make_user):
    client.force_login(make_user("cw", Role.CASEWORKER))
    form = {k: v for k, v in PERSON.items() if not isinstance(v, list)}
    form.update({k: v for k, v in FACTS.items() if k != "deceased"})
    form["also_suspect"] = "on"
    response = client.post("/perlindungan/baru/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert case.also_suspect and case.transit_countries == ["MY", "TH"]
    page = client.get(f"/perlindungan/kasus/{case.code}/").content.decode()
    for text in ("KBRI / KJRI", "Malaysia → Thailand", "PT Maju Jaya Sentosa", "Aplikasi kencan",
                 "Berutang", "korban sekaligus terlapor/tersangka",
                 "Ancaman dilaporkan ke polisi atau imigrasi"):  # fmt: skip
        assert text in page, text


def test_register_page_names_the_bad_fact(client, make_user):
    client.force_login(make_user("cw", Role.CASEWORKER))
    form = {k: v for k, v in PERSON.items() if not isinstance(v, list)}
    form.update({"recruiter_kind": "p3mi", "recruiter_agency": ""})
    response = client.post("/perlindungan/baru/", form)
    assert response.status_code == 200 and not Case.objects.exists()
    assert "Tulis nama P3MI yang merekrut." in response.content.decode()


def test_api_registers_and_returns_the_facts(client, make_user):
    user = make_user("cw", Role.CASEWORKER)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}
    body = {**{k: v for k, v in PERSON.items()}, **FACTS}
    created = client.post("/api/v1/cases", json.dumps(body, default=str),
                          content_type="application/json", **auth)  # fmt: skip
    assert created.status_code == 201, created.content
    got = client.get(f"/api/v1/cases/{created.json()['code']}", **auth).json()
    assert got["also_suspect"] is True and got["deceased"] is False
    assert got["transit_countries"] == ["MY", "TH"] and got["case_source"] == "kbri"
    bad = client.post("/api/v1/cases", json.dumps({**body, "case_source": "x"}, default=str),
                      content_type="application/json", **auth)  # fmt: skip
    assert bad.status_code == 400 and "case_source" in bad.json()["errors"]


def test_the_recruiter_relation_reads_as_someone_met_online():
    assert reference.item("recruiter_relations", "stranger_online")["id"] == (
        "Orang yang baru dikenal lewat internet"
    )


def test_status_history_and_audit_tab_show_labels_and_names(client, case_cast):
    case_cast.assigned.first_name, case_cast.assigned.last_name = "Dewi", "Lestari"
    case_cast.assigned.save()
    services.case_transition(
        actor=case_cast.assigned, case=case_cast.case, to_status="identification"
    )
    client.force_login(case_cast.assigned)
    history = client.get(f"/perlindungan/kasus/{case_cast.case.code}/?tab=riwayat").text
    assert "Terdaftar → <strong>Identifikasi</strong> (Dewi Lestari)" in history
    assert "registered →" not in history
    audit_tab = client.get(f"/perlindungan/kasus/{case_cast.case.code}/?tab=audit").text
    assert "Status kasus diubah" in audit_tab and "Dewi Lestari" in audit_tab
    assert "cases.case.status_changed" not in audit_tab
    assert f"<td>{case_cast.assigned.pk}</td></tr>" not in audit_tab  # the actor, by name
