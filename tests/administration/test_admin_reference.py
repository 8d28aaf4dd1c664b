"""Administration of the service directory and of identification-approval policies."""

from __future__ import annotations

from django.contrib.messages import get_messages

from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent
from waspada.identification.models import IdentificationPolicy
from waspada.referrals import validation
from waspada.referrals.models import ServiceOffering


def test_admin_adds_and_removes_a_service(client, make_user, org_ngo):
    client.force_login(make_user("root", Role.ADMIN))
    response = client.post(
        "/administrasi/layanan/",
        {"organisation": org_ngo.pk, "service_type": "shelter", "regions": "Jawa Barat"},
    )
    assert response.status_code == 302
    offering = ServiceOffering.objects.get()
    assert (offering.organisation, offering.service_type) == (org_ngo, "shelter")
    assert "Jawa Barat" in client.get("/administrasi/").text
    # the first post asks for confirmation (a page, no JavaScript) and removes nothing
    asked = client.post(f"/administrasi/layanan/{offering.pk}/hapus/")
    assert asked.status_code == 200 and 'name="confirmed" value="1"' in asked.text
    offering.refresh_from_db()
    assert offering.is_active is True
    client.post(f"/administrasi/layanan/{offering.pk}/hapus/", {"confirmed": "1"})
    offering.refresh_from_db()
    assert offering.is_active is False
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "referrals.service.added" in actions and "referrals.service.removed" in actions


def test_unknown_service_type_is_refused(client, make_user, org_ngo):
    client.force_login(make_user("root", Role.ADMIN))
    client.post("/administrasi/layanan/", {"organisation": org_ngo.pk, "service_type": "spa"})
    assert not ServiceOffering.objects.exists()


def test_admin_sets_identification_policy(client, make_user, org_ngo):
    client.force_login(make_user("root", Role.ADMIN))
    client.post(f"/administrasi/organisasi/{org_ngo.pk}/identifikasi/", {"requires_approval": "0"})
    assert IdentificationPolicy.objects.get(organisation=org_ngo).requires_approval is False


def test_other_roles_cannot_change_reference_data(client, make_user, org_ngo):
    client.force_login(make_user("sup", Role.SUPERVISOR))
    assert (
        client.post(
            "/administrasi/layanan/", {"organisation": org_ngo.pk, "service_type": "shelter"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/administrasi/organisasi/{org_ngo.pk}/identifikasi/", {"requires_approval": "0"}
        ).status_code
        == 403
    )
    assert not ServiceOffering.objects.exists() and not IdentificationPolicy.objects.exists()


def _problems(response):  # type: ignore[no-untyped-def]
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def test_the_directory_form_reports_the_validators_problems(client, make_user, org_ngo):
    """The form only parses: every problem is the validator's, named by its field (the page
    used to say only 'Lengkapi organisasi dan jenis layanan.' and not check the lengths)."""
    client.force_login(make_user("root", Role.ADMIN))
    org_ngo.is_active = False
    org_ngo.save(update_fields=["is_active"])
    response = client.post(
        "/administrasi/layanan/",
        {"organisation": org_ngo.pk, "service_type": "spa", "regions": "R" * 201},
    )
    assert response.status_code == 302
    assert _problems(response) == [
        "Organisasi: Pilih organisasi dari daftar.",
        "Jenis layanan: Pilih jenis layanan dari daftar.",
        "Wilayah: Paling banyak 200 karakter.",
    ]
    assert not ServiceOffering.objects.exists()
    assert not AuditEvent.objects.filter(action="referrals.service.added").exists()


def test_a_limit_changed_in_the_validator_is_the_forms_maxlength(
    client, make_user, org_ngo, monkeypatch
):
    monkeypatch.setitem(validation.OFFERING_LIMITS, "regions", 4)
    client.force_login(make_user("root", Role.ADMIN))
    assert 'maxlength="4"' in client.get("/administrasi/").text
    response = client.post(
        "/administrasi/layanan/",
        {"organisation": org_ngo.pk, "service_type": "shelter", "regions": "Jawa Barat"},
    )
    assert _problems(response) == ["Wilayah: Paling banyak 4 karakter."]
    assert not ServiceOffering.objects.exists()
