"""The administration page where an organisation makes notification kinds mandatory: only its
administrators (and platform administrators) set them, audited; its users then cannot switch
them off."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent
from waspada.notifications.models import Delivery, Kind, MandatoryKind, Preference
from waspada.notifications.services import mandatory_kinds_set, preferences_set

pytestmark = pytest.mark.django_db


def _in(user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _kinds(organisation):  # type: ignore[no-untyped-def]
    return set(
        MandatoryKind.objects.filter(organisation=organisation).values_list("kind", flat=True)
    )


def test_an_org_admin_makes_kinds_mandatory_and_users_cannot_switch_them_off(make_user, org_iom):
    admin = make_user("admin.iom", Role.ADMIN)
    worker = make_user("cw.iom", Role.CASEWORKER)
    client = _in(admin)
    url = f"/administrasi/organisasi/{org_iom.pk}/notifikasi-wajib/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="case_assigned"' in page.text
    assert f'href="{url}"' in client.get("/administrasi/").text
    response = client.post(url, {"kinds": [Kind.CASE_ASSIGNED, Kind.HEARING_SOON]})
    assert response.status_code == 302
    assert _kinds(org_iom) == {Kind.CASE_ASSIGNED, Kind.HEARING_SOON}
    assert 'value="case_assigned" checked' in client.get(url).text
    event = AuditEvent.objects.filter(action="notifications.mandatory.set").get()
    assert event.actor_id == admin.pk
    assert event.details["added"] == [Kind.CASE_ASSIGNED, Kind.HEARING_SOON]
    # The caseworker's settings show the rule and ignore an attempt to switch it off.
    prefs = _in(worker).get("/meja-kerja/notifikasi/pengaturan/")
    assert "Wajib oleh organisasi: segera" in prefs.text
    preferences_set(user=worker, choices={Kind.CASE_ASSIGNED: Delivery.OFF})
    assert not Preference.objects.filter(user=worker, kind=Kind.CASE_ASSIGNED).exists()
    # Unticking one removes it, and only it.
    client.post(url, {"kinds": [Kind.HEARING_SOON]})
    assert _kinds(org_iom) == {Kind.HEARING_SOON}
    last = AuditEvent.objects.filter(action="notifications.mandatory.set").order_by("seq").last()
    assert last is not None and last.details["removed"] == [Kind.CASE_ASSIGNED]


def test_another_organisations_rules_are_out_of_reach(make_user, org_iom, org_ngo):
    admin = make_user("admin.iom", Role.ADMIN)
    response = _in(admin).post(
        f"/administrasi/organisasi/{org_ngo.pk}/notifikasi-wajib/", {"kinds": [Kind.ALERT]}
    )
    assert response.status_code == 404
    assert _kinds(org_ngo) == set()
    with pytest.raises(PermissionDenied):
        mandatory_kinds_set(actor=admin, organisation=org_ngo, kinds=[Kind.ALERT])
    root = make_user("root", Role.ADMIN, is_platform_admin=True)
    _in(root).post(f"/administrasi/organisasi/{org_ngo.pk}/notifikasi-wajib/",
                   {"kinds": [Kind.ALERT]})  # fmt: skip
    assert _kinds(org_ngo) == {Kind.ALERT}


def test_other_roles_cannot_open_the_page(make_user, org_iom):
    for role in (Role.SUPERVISOR, Role.CASEWORKER, Role.PROGRAMME_OFFICER):
        user = make_user(f"{role}.x", role)
        url = f"/administrasi/organisasi/{org_iom.pk}/notifikasi-wajib/"
        assert _in(user).get(url).status_code == 403
        assert _in(user).post(url, {"kinds": [Kind.ALERT]}).status_code == 403
    assert _kinds(org_iom) == set()


def test_an_unknown_kind_is_refused_by_name_and_nothing_changes(make_user, org_iom):
    admin = make_user("admin.iom", Role.ADMIN)
    mandatory_kinds_set(actor=admin, organisation=org_iom, kinds=[Kind.ALERT])
    with pytest.raises(ValidationError) as error:
        mandatory_kinds_set(actor=admin, organisation=org_iom, kinds=["alert", "bogus"])
    assert "kinds" in error.value.message_dict
    assert _kinds(org_iom) == {Kind.ALERT}
    response = _in(admin).post(
        f"/administrasi/organisasi/{org_iom.pk}/notifikasi-wajib/", {"kinds": ["bogus"]},
        follow=True,
    )  # fmt: skip
    assert "bogus" in response.text
    assert _kinds(org_iom) == {Kind.ALERT}
