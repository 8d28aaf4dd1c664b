"""Administration of the service directory and of identification-approval policies."""

from __future__ import annotations

from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent
from waspada.identification.models import IdentificationPolicy
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
    client.post(f"/administrasi/layanan/{offering.pk}/hapus/")
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
