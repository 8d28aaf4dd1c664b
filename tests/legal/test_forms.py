"""The legal forms only parse and display: ``legal.validation`` decides, so the pages and the
API refuse the same input with the same fields and messages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.legal import validation
from waspada.legal.models import Charge, Hearing, LegalCase, StageChange, Suspect


def _page(legal_cast, path=""):  # type: ignore[no-untyped-def]
    return f"/penegakan-hukum/perkara/{legal_cast.legal_case.code}/{path}"


def _api(client, legal_cast, path, payload):  # type: ignore[no-untyped-def]
    token = token_create(user=legal_cast.officer)
    return client.post(f"/api/v1/legal-cases{path}", payload, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip


def _same_errors(page, api):  # type: ignore[no-untyped-def]
    """The page shows on its fields exactly what the API answers (400) per field."""
    assert page.status_code in (200, 400) and api.status_code == 400, api.content
    api_errors = api.json()["errors"]
    assert dict(page.context["form"].errors) == api_errors
    return api_errors


def test_a_legal_case_is_refused_alike(client, legal_cast):
    bad = {"title": "", "police_unit": "U" * 121, "verdict": "maybe", "fine_idr": -5,
           "restitution_awarded_idr": 5, "restitution_paid_idr": 9,
           "lpsk_granted": True}  # fmt: skip
    client.force_login(legal_cast.officer)
    page = client.post("/penegakan-hukum/baru/", {**bad, "lpsk_granted": "on"})
    errors = _same_errors(page, _api(client, legal_cast, "", bad))
    assert errors == {
        "title": ["Judul wajib diisi."],
        "police_unit": ["Paling banyak 120 karakter."],
        "verdict": ["Pilih putusan dari daftar."],
        "fine_idr": ["Tidak boleh negatif."],
        "restitution_paid_idr": ["Restitusi dibayar melebihi yang diputus."],
        "lpsk_granted": ["Perlindungan LPSK hanya dapat diberikan jika dimohonkan."],
    }
    assert LegalCase.objects.count() == 1  # the cast's own


def test_a_stage_change_is_refused_alike(client, legal_cast):
    client.force_login(legal_cast.officer)
    not_allowed = {"to_stage": "report", "reason": "", "version": 1}
    page = client.post(_page(legal_cast, "tahap/"), not_allowed)
    api = _api(client, legal_cast, f"/{legal_cast.legal_case.code}/stage", not_allowed)
    assert _same_errors(page, api) == {
        "to_stage": ["Perpindahan tahap ini tidak diizinkan."],
        "reason": ["Tuliskan alasan perpindahan tahap."],
    }
    # A move the workflow allows names what the stage still needs: the API by field (and
    # ``missing``), the page above the form with the fields' labels.
    too_early = {"to_stage": "final", "reason": "R" * 2001, "version": 1}
    page = client.post(_page(legal_cast, "tahap/"), too_early)
    api = _api(client, legal_cast, f"/{legal_cast.legal_case.code}/stage", too_early)
    assert api.status_code == 400
    assert api.json()["missing"] == ["charges", "court", "verdict"]
    assert (
        page.context["form"].errors["reason"]
        == api.json()["errors"]["reason"]
        == ["Paling banyak 2000 karakter."]
    )
    needed = "Wajib diisi sebelum pindah ke tahap ini."
    assert list(page.context["form"].non_field_errors()) == [
        f"{label}: {needed}" for label in ("Dakwaan", "Pengadilan", "Putusan")
    ]
    assert StageChange.objects.count() == 1
    assert not AuditEvent.objects.filter(action="legal.legal_case.stage_changed").exists()


@pytest.mark.parametrize(
    ("path", "payload", "expected", "model"),
    [
        ("dakwaan/", {"article_key": "kuhp-999", "offence_date": "2999-01-01"},
         {"article_key": ["Pilih pasal dari daftar."],
          "offence_date": ["Tanggal tidak boleh di masa depan."]}, Charge),
        ("tersangka/", {"full_name": "N" * 201, "nationality": "XX", "role": "boss"},
         {"full_name": ["Paling banyak 200 karakter."],
          "nationality": ["Kode negara XX tidak dikenal."],
          "role": ["Pilih peran dari daftar."]}, Suspect),
        ("sidang/", {"scheduled_at": "2030-01-01T09:00", "court": "", "agenda": "A" * 161},
         {"court": ["Pengadilan wajib diisi."], "agenda": ["Paling banyak 160 karakter."]},
         Hearing),
    ],
)  # fmt: skip
def test_records_are_refused_alike(client, legal_cast, path, payload, expected, model):
    api_path = {"dakwaan/": "charges", "tersangka/": "suspects", "sidang/": "hearings"}[path]
    client.force_login(legal_cast.officer)
    page = client.post(_page(legal_cast, path), payload)
    api = _api(client, legal_cast, f"/{legal_cast.legal_case.code}/{api_path}", payload)
    assert _same_errors(page, api) == expected
    assert not model.objects.exists()


def test_amounts_written_with_thousands_dots_are_read_whole(client, legal_cast):
    """Rupiah are written ``5.000`` in Indonesia: the form used to read that as 5 (Django
    drops a trailing '.000'), and ``1.500.000`` as no number at all."""
    client.force_login(legal_cast.officer)
    response = client.post(
        "/penegakan-hukum/baru/",
        {
            "title": "Perkara denda",
            "verdict": "convicted",
            "fine_idr": "5.000",
            "restitution_requested_idr": "1.500.000",
        },  # fmt: skip
    )
    assert response.status_code == 302
    created = LegalCase.objects.get(title="Perkara denda")
    assert (created.fine_idr, created.restitution_requested_idr) == (5_000, 1_500_000)
    bad = client.post("/penegakan-hukum/baru/", {"title": "X", "fine_idr": "5.5"})
    assert bad.context["form"].errors["fine_idr"] == ["Isi dengan angka bulat."]


def test_a_hearing_at_a_moment_that_does_not_exist_is_a_field_error(client, legal_cast):
    client.force_login(legal_cast.officer)
    page = client.post(
        _page(legal_cast, "sidang/"),
        {"scheduled_at": "2030-13-01T09:00", "court": "PN", "agenda": "Dakwaan"},
    )
    assert page.status_code == 400
    assert page.context["form"].errors["scheduled_at"] == [
        "Tanggal dan jam sidang wajib diisi (TTTT-BB-HH JJ:MM)."
    ]
    assert not Hearing.objects.exists()


def test_a_limit_changed_in_the_validator_is_the_forms_maxlength(client, legal_cast, monkeypatch):
    monkeypatch.setitem(validation.TEXT_LIMITS, "court", 5)
    monkeypatch.setitem(validation.SUSPECT_LIMITS, "aliases", 6)
    monkeypatch.setitem(validation.HEARING_LIMITS, "agenda", 7)
    monkeypatch.setitem(validation.STAGE_LIMITS, "reason", 8)
    client.force_login(legal_cast.officer)
    for path, limit in (("ubah/", 5), ("tersangka/", 6), ("sidang/", 7), ("tahap/", 8)):
        assert f'maxlength="{limit}"' in client.get(_page(legal_cast, path)).text
    when = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    hearing = {"scheduled_at": when, "court": "PN", "agenda": "Tuntutan"}  # eight characters
    page = client.post(_page(legal_cast, "sidang/"), hearing)
    api = _api(client, legal_cast, f"/{legal_cast.legal_case.code}/hearings", hearing)
    assert _same_errors(page, api) == {"agenda": ["Paling banyak 7 karakter."]}
    assert not Hearing.objects.exists()


def test_amounts_are_shown_with_the_languages_thousands_separator(client, legal_cast):
    """One number format per language: Rupiah on the case page are grouped (1.500.000 in
    Indonesian, 1,500,000 in English), never a bare 1500000."""
    client.force_login(legal_cast.officer)
    legal_case = legal_cast.legal_case
    LegalCase.objects.filter(pk=legal_case.pk).update(
        fine_idr=5_000_000, restitution_requested_idr=1_500_000
    )
    response = client.get(_page(legal_cast))
    assert response.status_code == 200
    page = response.content.decode()
    assert "5.000.000" in page and "1.500.000" in page
    assert "5000000" not in page and "1500000" not in page
    client.cookies["waspada_lang"] = "en"
    english = client.get(_page(legal_cast)).content.decode()
    assert "5,000,000" in english and "1,500,000" in english
