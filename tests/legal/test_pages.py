"""Pages: list with reminders, create, detail sections, forms with field errors, monitoring."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from waspada.audit.models import AuditEvent
from waspada.legal import records, services
from waspada.legal.models import Charge, Hearing, LegalCase, StageChange, Suspect


def _detail(legal_case: LegalCase) -> str:
    return f"/penegakan-hukum/perkara/{legal_case.code}/"


def _hearing(legal_cast, days: int, agenda: str = "Pemeriksaan saksi"):  # type: ignore[no-untyped-def]
    return records.hearing_add(
        actor=legal_cast.officer,
        legal_case=legal_cast.legal_case,
        data={
            "scheduled_at": timezone.now() + timedelta(days=days),
            "court": "PN Cianjur",
            "agenda": agenda,
        },
    )


def test_list_shows_cases_filters_and_reminders(client, legal_cast):
    _hearing(legal_cast, 3, "Sidang dekat")
    _hearing(legal_cast, 20, "Sidang jauh")
    client.force_login(legal_cast.officer)
    response = client.get("/penegakan-hukum/")
    assert response.status_code == 200
    assert legal_cast.legal_case.code in response.text
    assert "Sidang dekat" in response.text and "Sidang jauh" not in response.text
    assert list(client.get("/penegakan-hukum/?stage=trial").context["page"]) == []
    found = client.get(f"/penegakan-hukum/?q={legal_cast.legal_case.code.lower()}")
    assert list(found.context["page"]) == [legal_cast.legal_case]
    assert list(client.get("/penegakan-hukum/?q=LGL-0000-AAAAAA").context["page"]) == []


def test_caseworker_list_is_status_only(client, legal_cast):
    _hearing(legal_cast, 2, "Sidang dekat")
    client.force_login(legal_cast.caseworker)
    response = client.get("/penegakan-hukum/")
    assert response.status_code == 200
    assert legal_cast.legal_case.code in response.text and "Sidang dekat" in response.text
    assert "Perkara Sihanoukville" not in response.text


def test_other_caseworker_sees_nothing(client, legal_cast):
    _hearing(legal_cast, 2, "Sidang dekat")
    client.force_login(legal_cast.other_caseworker)
    response = client.get("/penegakan-hukum/")
    assert legal_cast.legal_case.code not in response.text and "Sidang dekat" not in response.text


def test_create_form(client, legal_cast):
    client.force_login(legal_cast.officer)
    assert client.get("/penegakan-hukum/baru/").status_code == 200
    bad = client.post("/penegakan-hukum/baru/", {"title": "", "fine_idr": "-1"})
    assert bad.status_code == 200 and 'class="error"' in bad.text
    assert LegalCase.objects.count() == 1
    response = client.post("/penegakan-hukum/baru/", {"title": "Perkara baru"})
    created = LegalCase.objects.get(title="Perkara baru")
    assert response.status_code == 302 and response["Location"] == _detail(created)


def test_caseworker_cannot_open_create_form(client, legal_cast):
    client.force_login(legal_cast.caseworker)
    assert client.get("/penegakan-hukum/baru/").status_code == 403


def test_detail_sections_and_evidence_placeholder(client, legal_cast):
    client.force_login(legal_cast.officer)
    response = client.get(_detail(legal_cast.legal_case))
    for section in (
        "ringkasan",
        "dakwaan",
        "tersangka",
        "tahap",
        "sidang",
        "korban",
        "berbagi",
        "bukti",
    ):
        assert f'id="{section}"' in response.text
    assert legal_cast.victim_case.code in response.text
    assert "YC" in response.text  # shared with Yayasan Contoh
    assert "evidence_template" in response.context


def test_suspect_personal_fields_only_on_request_and_audited(client, legal_cast):
    records.suspect_add(
        actor=legal_cast.officer,
        legal_case=legal_cast.legal_case,
        data={"full_name": "Budi Perekrut", "role": "broker"},
    )
    client.force_login(legal_cast.officer)
    assert "Budi" not in client.get(_detail(legal_cast.legal_case)).text
    assert not AuditEvent.objects.filter(action="legal.suspect.viewed").exists()
    shown = client.get(_detail(legal_cast.legal_case) + "?show=suspects")
    assert "Budi Perekrut" in shown.text
    assert AuditEvent.objects.filter(action="legal.suspect.viewed").count() == 1


def test_stage_form_shows_missing_fields(client, legal_cast):
    client.force_login(legal_cast.officer)
    url = _detail(legal_cast.legal_case) + "tahap/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"to_stage": "trial", "reason": "Sidang dimulai", "version": 1})
    assert response.status_code == 400
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Pengadilan:" in errors and "Dakwaan:" in errors
    assert StageChange.objects.count() == 1
    ok = client.post(url, {"to_stage": "investigation", "reason": "Mulai sidik", "version": 1})
    assert ok.status_code == 302
    legal_cast.legal_case.refresh_from_db()
    assert legal_cast.legal_case.stage == "investigation"


def test_stage_form_stale_version(client, legal_cast):
    client.force_login(legal_cast.officer)
    url = _detail(legal_cast.legal_case) + "tahap/"
    response = client.post(url, {"to_stage": "investigation", "reason": "r", "version": 7})
    assert response.status_code == 200 and "diubah orang lain" in response.text


@pytest.mark.parametrize(
    ("path", "data", "field", "model"),
    [
        ("dakwaan/", {"article_key": "", "offence_date": "2999-01-01"}, "article_key", Charge),
        ("tersangka/", {"full_name": "", "role": "recruiter"}, "full_name", Suspect),
        (
            "sidang/",
            {"scheduled_at": "bukan tanggal", "court": "PN", "agenda": "a"},
            "scheduled_at",
            Hearing,
        ),
        ("korban/", {"case_code": "WSP-2026-XXXXXX"}, "case_code", None),
    ],
)
def test_record_forms_show_field_errors(client, legal_cast, path, data, field, model):
    client.force_login(legal_cast.officer)
    url = _detail(legal_cast.legal_case) + path
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'class="error"' in response.text
    if model is not None:
        assert not model.objects.exists()


def test_record_forms_save(client, legal_cast):
    client.force_login(legal_cast.officer)
    base = _detail(legal_cast.legal_case)
    assert client.post(base + "dakwaan/", {"article_key": "ppmi-81"}).status_code == 302
    assert (
        client.post(base + "tersangka/", {"full_name": "X Contoh", "role": "financier"}).status_code
        == 302
    )
    when = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    assert (
        client.post(
            base + "sidang/", {"scheduled_at": when, "court": "PN", "agenda": "Dakwaan"}
        ).status_code
        == 302
    )
    page = client.get(base).text
    assert "UU 18/2017" in page and "Pemodal" in page and "Dakwaan" in page
    assert "X Contoh" not in page


def test_edit_form(client, legal_cast):
    client.force_login(legal_cast.officer)
    url = _detail(legal_cast.legal_case) + "ubah/"
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {"title": "T", "restitution_awarded_idr": "5", "restitution_paid_idr": "9", "version": 1},
    )
    assert "restitution_paid_idr" in bad.context["form"].errors
    ok = client.post(url, {"title": "T", "court": "PN Cianjur", "version": 1})
    assert ok.status_code == 302
    legal_cast.legal_case.refresh_from_db()
    assert legal_cast.legal_case.court == "PN Cianjur" and legal_cast.legal_case.version == 2


def test_share_and_unshare_pages(client, legal_cast, org_ngo):
    client.force_login(legal_cast.officer)
    base = _detail(legal_cast.legal_case)
    duplicate = client.post(base + "berbagi/", {"organisation": org_ngo.pk})
    assert duplicate.status_code == 400 and "organisation" in duplicate.context["form"].errors
    asked = client.post(base + f"berbagi/{org_ngo.pk}/hapus/", {"reason": "selesai"})
    assert asked.status_code == 200  # the confirmation step carries the reason typed
    assert 'name="reason" value="selesai"' in asked.text
    assert legal_cast.legal_case.shares.filter(ended_at__isnull=True).exists()
    unshare = {"reason": "selesai", "confirmed": "1"}
    assert client.post(base + f"berbagi/{org_ngo.pk}/hapus/", unshare).status_code == 302
    assert not legal_cast.legal_case.shares.filter(ended_at__isnull=True).exists()


def test_calendar(client, legal_cast):
    _hearing(legal_cast, 30, "Agenda jauh")
    client.force_login(legal_cast.sharee_officer)
    response = client.get("/penegakan-hukum/kalender-sidang/")
    assert response.status_code == 200 and "Agenda jauh" in response.text


def test_monitoring_for_legal_officer_and_analyst(client, legal_cast):
    legal_case = legal_cast.legal_case
    services.legal_case_update(
        actor=legal_cast.officer,
        legal_case=legal_case,
        data={"police_report_date": "2022-05-01"},
        version=1,
    )
    client.force_login(legal_cast.officer)
    response = client.get("/penegakan-hukum/pemantauan/?year_from=2021&year_to=2023")
    assert response.status_code == 200
    assert response.context["report"].total["reported"] == 1
    assert response.context["report"].by_country[0]["country"] == "KH"
    client.force_login(legal_cast.analyst)
    response = client.get("/penegakan-hukum/pemantauan/?year_from=2021&year_to=2023")
    assert response.status_code == 200
    assert response.context["report"].total["reported"] == "<11"
    assert "&lt;11" in response.text
    assert "Sihanoukville" not in response.text and legal_case.code not in response.text
    other_range = client.get("/penegakan-hukum/pemantauan/?year_from=2024&year_to=2025")
    assert other_range.context["report"].total["reported"] == 0
    bad = client.get("/penegakan-hukum/pemantauan/?year_from=2025&year_to=2024")
    assert "year_to" in bad.context["form"].errors


def test_monitoring_refused_for_caseworker(client, legal_cast):
    client.force_login(legal_cast.caseworker)
    assert client.get("/penegakan-hukum/pemantauan/").status_code == 403


def test_case_tab_context_shows_status_of_linked_cases(rf, legal_cast):
    from django.template.loader import render_to_string

    from waspada.legal.tab import context

    request = rf.get("/")
    request.user = legal_cast.caseworker
    data = context(request, legal_cast.victim_case)
    assert [lc for lc, _ in data["legal_statuses"]] == [legal_cast.legal_case]
    html = render_to_string("legal/tab.html", data, request=request)
    assert legal_cast.legal_case.code in html and "Sihanoukville" not in html
    request.user = legal_cast.other_caseworker
    assert context(request, legal_cast.victim_case)["legal_statuses"] == []


def test_amounts_beyond_what_is_stored_are_field_errors(client, legal_cast):
    """A fine or a restitution of 10**30 rupiah used to reach the database (500)."""
    client.force_login(legal_cast.officer)
    response = client.post(
        "/penegakan-hukum/baru/",
        {
            "title": "Perkara",
            "fine_idr": str(10**30),
            "restitution_paid_idr": str(2**63),
        },  # fmt: skip
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"fine_idr", "restitution_paid_idr"}
    assert LegalCase.objects.count() == 1


def test_removing_a_charge_is_confirmed_first(client, legal_cast):
    client.force_login(legal_cast.officer)
    base = _detail(legal_cast.legal_case)
    client.post(base + "dakwaan/", {"article_key": "ppmi-81"})
    charge = legal_cast.legal_case.charges.get()
    url = base + f"dakwaan/{charge.pk}/hapus/"
    assert url in client.get(base).text
    asked = client.post(url)
    assert asked.status_code == 200 and "Hapus dakwaan ini dari perkara?" in asked.text
    assert charge.article in asked.text  # says which charge
    assert f'action="{url}"' in asked.text
    assert legal_cast.legal_case.charges.exists()
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    assert not legal_cast.legal_case.charges.exists()
