"""The case tab, the record-stage page, the notes page and the awaiting-return page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from waspada.audit.models import AuditEvent
from waspada.cases.reference import country_name
from waspada.repatriation.models import StageEntry
from waspada.repatriation.services import repatriation_stage_record


def tab_url(code: str) -> str:
    return reverse("cases:detail", kwargs={"code": code}) + "?tab=pemulangan"


def record_url(code: str) -> str:
    return reverse("repatriation:stage_record", kwargs={"code": code})


def notes_url(code: str) -> str:
    return reverse("repatriation:notes", kwargs={"code": code})


def record(actor, case, stage, on, **extra):  # type: ignore[no-untyped-def]
    return repatriation_stage_record(
        actor=actor, case=case, data={"stage": stage, "reached_on": on, **extra}
    )


def test_tab_shows_the_timeline_total_and_the_form(client, people, org_iom):
    record(people.assigned, people.case, "embassy_shelter", "2024-01-12",
           responsible_party="KBRI Phnom Penh", cost_idr=1_500_000, cost_payer="iom",
           note="rahasia")  # fmt: skip
    client.force_login(people.assigned)
    response = client.get(tab_url(people.case.code))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Di KBRI atau rumah aman" in page
    assert "KBRI Phnom Penh" in page
    assert "Rp 1.500.000" in page
    assert "rahasia" not in page  # notes open only on their own, audited page
    assert record_url(people.case.code) in page
    assert 'name="reached_on"' in page
    assert '<option value="in_destination"' not in page  # only the stages after the current one
    assert '<option value="travel_documents"' in page


@pytest.mark.parametrize("who", ["supervisor", "recipient"])
def test_tab_offers_the_form_to_others_who_may_record(client, people, who):
    client.force_login(getattr(people, who))
    page = client.get(tab_url(people.case.code)).content.decode()
    assert record_url(people.case.code) in page


def test_tab_without_form_for_a_legal_officer_of_a_referred_organisation(
    client, people, make_user, org_ngo
):
    legal = make_user("legal.ngo", "legal_officer", organisation=org_ngo)
    client.force_login(legal)
    response = client.get(tab_url(people.case.code))
    assert response.status_code == 200
    assert record_url(people.case.code) not in response.content.decode()


def test_post_records_and_redirects_to_the_tab(client, people, org_iom):
    client.force_login(people.assigned)
    response = client.post(record_url(people.case.code), {
        "stage": "in_destination", "reached_on": "2024-01-11", "organisation": org_iom.pk,
        "responsible_party": "", "cost_idr": "", "cost_payer": "", "note": "",
    })  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == tab_url(people.case.code) + "#pemulangan"
    entry = StageEntry.objects.get()
    assert (entry.stage, entry.organisation) == ("in_destination", org_iom)
    assert AuditEvent.objects.filter(action="repatriation.stage.recorded").count() == 1


def test_post_with_bad_input_shows_field_errors(client, people):
    record(people.assigned, people.case, "travel_documents", "2024-01-20")
    client.force_login(people.assigned)
    response = client.post(record_url(people.case.code), {
        "stage": "departure", "reached_on": "2024-01-15", "cost_idr": "-3",
    })  # fmt: skip
    assert response.status_code == 400
    form = response.context["form"]
    # The form only parses: the validator reports every problem at once.
    assert form.errors["cost_idr"] == ["Biaya tidak boleh negatif."]
    assert set(form.errors) == {"cost_idr", "reached_on", "cost_payer"}
    response = client.post(record_url(people.case.code), {
        "stage": "departure", "reached_on": "2024-01-15", "cost_idr": "500",
    })  # fmt: skip
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"reached_on", "cost_payer"}
    page = response.content.decode()
    assert "lebih awal dari tahap sebelumnya" in page
    assert 'id="id_reached_on_error"' in page
    response = client.post(
        record_url(people.case.code), {"stage": "in_destination", "reached_on": "2024-01-21"}
    )
    assert "Tahap dicatat berurutan" in response.content.decode()
    assert StageEntry.objects.count() == 1


def test_recipient_may_only_name_its_own_organisation(client, people, org_iom, org_ngo):
    client.force_login(people.recipient)
    form = client.get(record_url(people.case.code)).context["form"]
    assert list(form.fields["organisation"].queryset) == [org_ngo]
    response = client.post(record_url(people.case.code), {
        "stage": "embassy_shelter", "reached_on": "2024-01-12", "organisation": org_iom.pk,
    })  # fmt: skip
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    response = client.post(record_url(people.case.code), {
        "stage": "embassy_shelter", "reached_on": "2024-01-12", "organisation": org_ngo.pk,
    })  # fmt: skip
    assert response.status_code == 302
    assert StageEntry.objects.get().organisation == org_ngo


@pytest.mark.parametrize(
    ("who", "status"),
    [("colleague", 404), ("outsider", 404), ("analyst", 403), ("legal", 403)],
)
def test_record_page_refuses_others(client, people, who, status):
    client.force_login(getattr(people, who))
    assert client.get(record_url(people.case.code)).status_code == status
    response = client.post(record_url(people.case.code),
                           {"stage": "in_destination", "reached_on": "2024-01-11"})  # fmt: skip
    assert response.status_code == status
    assert not StageEntry.objects.exists()


def test_anonymous_is_sent_to_login(client, people):
    for url in (record_url(people.case.code), notes_url(people.case.code)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/akun/login/")


def test_notes_page_decrypts_and_audits(client, people):
    entry = record(people.assigned, people.case, "in_destination", "2024-01-11",
                   note="Dijemput di Sihanoukville")  # fmt: skip
    client.force_login(people.supervisor)
    response = client.get(notes_url(people.case.code))
    assert response.status_code == 200
    assert "Dijemput di Sihanoukville" in response.content.decode()
    event = AuditEvent.objects.get(action="repatriation.notes.viewed")
    assert event.actor_id == people.supervisor.pk
    assert event.details["entries"] == [entry.pk]


@pytest.mark.parametrize(("who", "status"), [("colleague", 404), ("outsider", 404),
                                             ("analyst", 403)])  # fmt: skip
def test_notes_page_refuses_others(client, people, who, status):
    record(people.assigned, people.case, "in_destination", "2024-01-11", note="x")
    client.force_login(getattr(people, who))
    assert client.get(notes_url(people.case.code)).status_code == status
    assert not AuditEvent.objects.filter(action="repatriation.notes.viewed").exists()


def test_awaiting_page_by_country_without_personal_data(client, people):
    record(people.assigned, people.case, "embassy_shelter", "2024-01-12")
    client.force_login(people.supervisor)
    response = client.get(reverse("repatriation_awaiting:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert country_name("KH") in page
    assert people.case.code in page
    assert "Di KBRI atau rumah aman" in page
    assert "Dewi" not in page
    assert [(g.country, g.count) for g in response.context["groups"]] == [("KH", 1)]


def test_awaiting_page_access(client, people):
    url = reverse("repatriation_awaiting:list")
    assert client.get(url)["Location"].startswith("/akun/login/")
    client.force_login(people.analyst)
    assert client.get(url).status_code == 403
    record(people.assigned, people.case, "embassy_shelter", "2024-01-12")
    client.force_login(people.outsider)
    response = client.get(url)
    assert response.status_code == 200
    assert people.case.code not in response.content.decode()
