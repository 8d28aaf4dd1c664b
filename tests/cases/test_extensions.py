"""The kernel's extension points as the satellites fill them (tabs, list filters, links)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from waspada.accounts.roles import Role
from waspada.assistance.models import FollowUp
from waspada.cases import extensions
from waspada.cases.services import case_register


def test_every_satellite_registers_its_tab_in_order():
    slugs = [tab.slug for tab in extensions.tabs()]
    assert slugs == [
        "profil", "identifikasi", "layanan", "rujukan", "pemulangan", "penegakan-hukum",
        "catatan", "serah-terima", "riwayat", "audit",
    ]  # fmt: skip


def test_registering_again_replaces_instead_of_duplicating():
    before = extensions.tabs()
    tab = before[0]
    extensions.register_tab(tab.slug, tab.label, tab.template, tab.context, order=tab.order)
    assert extensions.tabs() == before


def test_the_overdue_filter_of_assistance_narrows_the_case_list(client, case_cast):
    late = case_cast.case
    on_time = case_register(
        actor=case_cast.assigned, data={"full_name": "Nur Contoh", "sex": "female"}
    )
    FollowUp.objects.create(
        case=late, due_on=timezone.localdate() - timedelta(days=3), created_by=case_cast.assigned
    )
    client.force_login(case_cast.assigned)
    everything = client.get("/perlindungan/").content.decode()
    overdue = client.get("/perlindungan/?overdue=on").content.decode()
    assert late.code in everything and on_time.code in everything
    assert late.code in overdue and on_time.code not in overdue
    assert 'name="overdue"' in overdue  # the checkbox is rendered from the registration


def test_list_links_respect_needs_manage(client, case_cast, make_user):
    extensions.register_list_link("cases:register", "Managers only", order=99, needs_manage=True)
    try:
        client.force_login(case_cast.assigned)
        html = client.get("/perlindungan/").content.decode()
        assert "Managers only" in html
        assert "/perlindungan/rujukan-masuk/" in html
        legal = make_user("legal.viewer", Role.LEGAL_OFFICER)  # may view cases, not manage
        client.force_login(legal)
        html = client.get("/perlindungan/").content.decode()
        assert "Managers only" not in html
        # legal officers answer their organisation's (legal-aid) referrals
        assert "/perlindungan/rujukan-masuk/" in html
        assert "/perlindungan/pemulangan/" in html
    finally:
        extensions._links.pop("cases:register", None)
