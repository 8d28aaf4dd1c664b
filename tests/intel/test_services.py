"""Sightings from offers, reports and cases join into one cluster, seen as far as one may."""

from __future__ import annotations

import pytest

from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent
from waspada.cases.services import case_update
from waspada.intel import selectors, services
from waspada.intel.models import Alert, Cluster, Entity, Sighting, SourceKind
from waspada.intel.normalise import Kind, identify
from waspada.legal.records import suspect_add
from waspada.legal.services import legal_case_create
from waspada.notifications.models import Kind as NoticeKind
from waspada.notifications.models import Notification
from waspada.ui.workbench import sections_for

pytestmark = pytest.mark.django_db


def test_one_number_written_three_ways_is_one_cluster_with_three_sightings(scene):
    phone = identify("0812 3456 7890")
    assert phone is not None and phone.kind == Kind.PHONE
    entity = Entity.objects.get(
        kind="phone", value_index=services.value_index("phone", phone.value)
    )
    kinds = set(Sighting.objects.filter(entity=entity).values_list("source_kind", flat=True))
    assert kinds == {SourceKind.OFFER, SourceKind.REPORT, SourceKind.CASE}
    # The handle of the report and the account of the case joined the same cluster.
    assert Entity.objects.filter(cluster=entity.cluster).count() == 3
    assert Cluster.objects.filter(merged_into=None, entities__isnull=False).distinct().count() == 1


def test_identifiers_are_never_stored_in_clear(scene):
    for entity in Entity.objects.all():
        assert "81234567890" not in entity.sealed and "81234567890" not in entity.value_index


def test_supervisor_sees_all_three_sightings(scene):
    result = selectors.lookup(viewer=scene.supervisor, text="+62-812-3456-7890")
    assert result.view is not None
    assert {row.kind for row in result.view.visible} == {"offer", "report", "case"}
    assert any(row.ref == scene.case.code for row in result.view.visible)
    assert result.view.hidden == []
    assert result.view.counts["cases"] == 1 and result.view.counts["reports"] == 1


def test_caseworker_of_another_organisation_sees_only_that_a_case_exists(scene):
    result = selectors.lookup(viewer=scene.outsider, text="0812-3456-7890")
    assert result.view is not None
    assert all(row.kind != "case" for row in result.view.visible)
    assert all(scene.case.code != row.ref for row in result.view.visible)
    hidden = {(h.kind, h.organisation, h.count) for h in result.view.hidden}
    assert ("case", "IOM Indonesia", 1) in hidden
    assert result.view.counts["cases"] == 1


def test_lookups_are_audited_without_the_value(scene):
    selectors.lookup(viewer=scene.supervisor, text="0812-3456-7890")
    event = AuditEvent.objects.filter(action="intel.lookup").latest("pk")
    assert event.details["kind"] == "phone" and event.details["found"] is True
    assert "3456" not in str(event.details)


def test_not_an_identifier_is_an_error(scene):
    with pytest.raises(selectors.NotAnIdentifier):
        selectors.lookup(viewer=scene.supervisor, text="halo apa kabar")


def test_roles_without_intel_are_refused(scene, make_user):
    from django.core.exceptions import PermissionDenied

    admin = make_user("admin", Role.ADMIN)
    with pytest.raises(PermissionDenied):
        selectors.lookup(viewer=admin, text="0812-3456-7890")


def test_editing_the_case_contacts_replaces_its_sightings(scene):
    case = scene.case
    case_update(actor=scene.supervisor, case=case, version=case.version,
                data={"recruiter_contacts": "@lain.sama.sekali"})  # fmt: skip
    assert not Sighting.objects.filter(
        source_kind=SourceKind.CASE, source_id=case.pk, entity__kind="phone"
    ).exists()
    # the account was only linked through the case: it is in a cluster of its own again
    account = identify("BCA 1234567890")
    assert account is not None
    entity = Entity.objects.get(value_index=services.value_index("account", account.value))
    phone = Entity.objects.get(kind="phone")
    assert entity.cluster_id != phone.cluster_id


def test_deleting_a_source_forgets_its_sightings_but_keeps_the_audit(scene):
    scene.offer.delete()
    assert not Sighting.objects.filter(source_kind=SourceKind.OFFER).exists()
    assert AuditEvent.objects.filter(action="prevention.offer.shared").exists()


def test_merge_and_split_with_reasons_are_audited(scene):
    analyst = scene.analyst
    other = services.manual_entry(actor=analyst, text="@terpisah\nloker-kamboja.site")
    phone = Entity.objects.get(kind="phone")
    target = services.cluster_merge(actor=analyst, cluster=phone.cluster, other=other,
                                    reason="same script in both ads")  # fmt: skip
    assert Entity.objects.filter(cluster=target).count() == 5
    assert AuditEvent.objects.filter(action="intel.cluster.merged").exists()
    with pytest.raises(Exception, match="dirinya sendiri"):
        services.cluster_merge(actor=analyst, cluster=target, other=target, reason="x")
    with pytest.raises(Exception, match="tidak ada"):
        services.link_split(actor=analyst, cluster=target, a_id=phone.pk, b_id=10**9, reason="x")
    handle = Entity.objects.get(
        kind="handle", value_index=services.value_index("handle", "terpisah")
    )
    domain = Entity.objects.get(kind="domain")
    services.link_split(actor=analyst, cluster=target, a_id=handle.pk, b_id=domain.pk,
                        reason="different people")  # fmt: skip
    handle.refresh_from_db()
    domain.refresh_from_db()
    assert handle.cluster_id != domain.cluster_id
    assert AuditEvent.objects.filter(action="intel.link.split").exists()


def test_watched_cluster_raises_an_alert_on_a_new_sighting(scene, make_user):
    phone = Entity.objects.get(kind="phone")
    services.watch_set(user=scene.supervisor, cluster=phone.cluster, on=True)
    services.manual_entry(actor=scene.analyst, text="0812 3456 7890\n@baru")
    alerts = selectors.alerts_for(scene.supervisor)
    assert [a.reason for a in alerts] == [Alert.Reason.WATCHED]
    assert alerts[0].source_kind == SourceKind.MANUAL


def test_a_legal_case_naming_the_number_makes_the_cluster_prosecuted(scene, make_user):
    legal = make_user("legal.iom", Role.LEGAL_OFFICER)
    legal_case = legal_case_create(actor=legal, data={"title": "Perkara TPPO Kamboja"})
    suspect_add(actor=legal, legal_case=legal_case,
                data={"full_name": "Budi", "role": "recruiter",
                      "identifiers": "WA 0812-3456-7890"})  # fmt: skip
    phone = Entity.objects.get(kind="phone")
    assert phone.cluster.prosecuted
    services.manual_entry(actor=scene.analyst, text="+6281234567890")
    assert Alert.objects.filter(user=legal, reason=Alert.Reason.PROSECUTED).exists()


def test_erasing_the_person_forgets_the_case_sightings(scene):
    from waspada.cases.services import case_erase

    case_erase(actor=None, case=scene.case)  # as the CLI does
    assert not Sighting.objects.filter(source_kind=SourceKind.CASE).exists()
    assert Sighting.objects.filter(source_kind=SourceKind.REPORT).exists()


def test_an_alert_reaches_the_watchers_notifications_and_workbench(
    scene, django_capture_on_commit_callbacks
):
    phone = Entity.objects.get(kind="phone")
    services.watch_set(user=scene.supervisor, cluster=phone.cluster, on=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.manual_entry(actor=scene.analyst, text="0812 3456 7890\n@baru")
    cluster_id = Entity.objects.get(kind="phone").cluster_id
    note = Notification.objects.get(user=scene.supervisor, kind=NoticeKind.ALERT)
    assert note.params == {"code": f"JR-{cluster_id}"}  # the network's number, no identifier
    assert note.link.endswith(f"/intelijen/jaringan/{cluster_id}/")
    assert not Notification.objects.filter(user=scene.analyst).exists()
    mine = [f for f in sections_for(scene.supervisor) if f.section.key == "intel_alerts"]
    assert [item.text for item in mine[0].items] == [f"JR-{cluster_id}"]
    theirs = [f for f in sections_for(scene.analyst) if f.section.key == "intel_alerts"]
    assert theirs[0].count == 0
