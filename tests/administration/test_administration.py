"""The administration page and its audit-chain check."""

from __future__ import annotations

from django.db import connection

from waspada.accounts.roles import Role
from waspada.audit import services as audit
from waspada.audit.models import AuditEvent


def test_admin_sees_organisations_users_and_named_actors(client, make_user, org_ngo):
    admin = make_user("root", Role.ADMIN)
    audit.record("tests.thing.done", actor=admin)
    client.force_login(admin)
    page = client.get("/administrasi/").text
    assert "Yayasan Contoh" in page
    assert "tests.thing.done" in page
    assert "<td>root</td>" in page


def test_chain_check_reports_intact_chain_and_is_audited(client, make_user):
    client.force_login(make_user("root", Role.ADMIN))
    response = client.post("/administrasi/audit/periksa/", follow=True)
    assert "Rantai audit utuh" in response.text
    event = AuditEvent.objects.get(action="audit.chain.verified")
    assert event.details["ok"] is True


def test_chain_check_names_the_broken_row(client, make_user, db):
    for i in range(3):
        audit.record("tests.thing.done", details={"i": i})
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE seq = 2")
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
    client.force_login(make_user("root", Role.ADMIN))
    response = client.post("/administrasi/audit/periksa/", follow=True)
    assert "Rantai audit rusak pada peristiwa #2" in response.text


def test_chain_check_is_refused_to_other_roles(client, make_user):
    client.force_login(make_user("sup", Role.SUPERVISOR))
    assert client.post("/administrasi/audit/periksa/").status_code == 403
    assert not AuditEvent.objects.filter(action="audit.chain.verified").exists()


def test_chain_check_uses_the_latest_anchor_and_reports_forged_ones(
    client, make_user, db, settings, django_capture_on_commit_callbacks
):
    from waspada.audit import anchors
    from waspada.privacy.crypto import generate_master_key

    with django_capture_on_commit_callbacks(execute=True):
        for i in range(3):
            audit.record("tests.thing.done", details={"i": i})
    with connection.cursor() as cursor:  # the newest row deleted: only an anchor shows it
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = 3")
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
    real_key = settings.AUDIT_KEY
    settings.AUDIT_KEY = generate_master_key()
    forged = anchors.Anchor(2, AuditEvent.objects.get(seq=2).hash, keyed_from=1).signed()
    settings.AUDIT_KEY = real_key
    with anchors.anchor_file().open("a") as handle:
        handle.write(forged.to_json() + "\n")
    client.force_login(make_user("root", Role.ADMIN))
    response = client.post("/administrasi/audit/periksa/", follow=True)
    assert "Rantai audit rusak pada peristiwa #3" in response.text
    assert "1 baris yang tidak sah" in response.text
    event = AuditEvent.objects.get(action="audit.chain.verified")
    assert event.details["ok"] is False and event.details["forged_anchors"] == 1
