"""Charges that do not fit the offence date, the penyelidikan stage and SP3, the accused's
label by stage, the restitution deadline, and the victim status seen from the legal side."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from waspada.accounts.services import token_create
from waspada.cases.models import Case
from waspada.legal import procedure, records, reference, services, stages
from waspada.legal.models import LegalCase, StageChange


def _move(legal_cast, to_stage, reason="alasan"):  # type: ignore[no-untyped-def]
    legal_case = LegalCase.objects.get(pk=legal_cast.legal_case.pk)
    return services.stage_change(actor=legal_cast.officer, legal_case=legal_case,
                                 to_stage=to_stage, reason=reason,
                                 version=legal_case.version)  # fmt: skip


def _charge(legal_cast, key, offence_date):  # type: ignore[no-untyped-def]
    return records.charge_add(actor=legal_cast.officer, legal_case=legal_cast.legal_case,
                              data={"article_key": key, "offence_date": offence_date})  # fmt: skip


@pytest.mark.parametrize(
    ("key", "offence_date", "warned"),
    [
        ("ptppo-2", "2026-03-01", True),  # repealed by the 2026 KUHP (now KUHP 455)
        ("ptppo-2", "2025-12-31", False),
        ("ptppo-2", "2026-01-01", False),  # the last day before the KUHP took effect
        ("kuhp-455", "2025-06-01", True),  # the 2026 KUHP for an earlier offence
        ("kuhp-455", "2026-01-02", False),
        ("kuhp-lama-378", "2026-02-01", True),
        ("tppu-3", "2026-02-01", True),
        ("ptppo-4", "2026-02-01", False),  # still in force (penalty adjusted)
        ("ppmi-81", "2024-02-01", False),
    ],
)
def test_charge_warning_follows_the_offence_date(legal_cast, key, offence_date, warned):
    charge = _charge(legal_cast, key, offence_date)
    assert bool(procedure.charge_warnings(charge)) is warned


def test_no_offence_date_no_warning(legal_cast):
    charge = records.charge_add(actor=legal_cast.officer, legal_case=legal_cast.legal_case,
                                data={"article_key": "ptppo-2"})  # fmt: skip
    assert procedure.charge_warnings(charge) == []


def test_the_in_force_dates_are_data_not_code():
    repealed = [a["key"] for a in reference.articles() if a.get("in_force_until")]
    new = [a["key"] for a in reference.articles() if a.get("in_force_from")]
    assert set(repealed) == {"ptppo-2", "kuhp-lama-378", "tppu-3", "tppu-4", "tppu-5"}
    assert set(new) == {"kuhp-492", "kuhp-455", "kuhp-457"}
    assert procedure.kuhp_2026_in_force() == date(2026, 1, 2)


def test_penyelidikan_comes_between_the_report_and_the_investigation(legal_cast):
    assert stages.allowed_targets("report")[0] == "inquiry"
    _move(legal_cast, "inquiry")
    assert "sp3" not in stages.allowed_targets("inquiry")
    _move(legal_cast, "investigation")
    assert LegalCase.objects.get(pk=legal_cast.legal_case.pk).stage == "investigation"


def test_sp3_ends_an_investigation_and_may_be_reopened(legal_cast):
    with pytest.raises(ValidationError) as exc:
        _move(legal_cast, "sp3")  # from the report: there is no investigation to end
    assert "to_stage" in exc.value.message_dict
    _move(legal_cast, "investigation")
    _move(legal_cast, "sp3", reason="Tidak cukup bukti")
    assert stages.allowed_targets("sp3") == ["investigation"]
    with pytest.raises(ValidationError):
        _move(legal_cast, "prosecution")
    _move(legal_cast, "investigation", reason="Praperadilan membatalkan SP3")
    assert [c.to_stage for c in StageChange.objects.filter(legal_case=legal_cast.legal_case)] == [
        "report", "investigation", "sp3", "investigation",
    ]  # fmt: skip


def test_accused_label_follows_the_stage(legal_cast):
    legal_case = legal_cast.legal_case
    expected = {"report": "Terlapor", "inquiry": "Terlapor", "investigation": "Tersangka",
                "sp3": "Tersangka (penyidikan dihentikan)", "prosecution": "Terdakwa",
                "trial": "Terdakwa", "final": "Terdakwa"}  # fmt: skip
    for stage, label in expected.items():
        legal_case.stage = stage
        assert procedure.accused_label(legal_case) == label, stage
    legal_case.stage, legal_case.verdict = "final", "convicted"
    assert procedure.accused_label(legal_case) == "Terpidana"


def _to_final(legal_cast, *, awarded: int | None):  # type: ignore[no-untyped-def]
    legal_case = legal_cast.legal_case
    _charge(legal_cast, "ptppo-4", "2025-05-01")
    services.legal_case_update(
        actor=legal_cast.officer, legal_case=legal_case, version=legal_case.version,
        data={"court": "PN Cianjur", "verdict": "convicted", "restitution_awarded_idr": awarded},
    )  # fmt: skip
    _move(legal_cast, "final")
    return LegalCase.objects.get(pk=legal_case.pk)


def test_restitution_is_due_14_days_after_the_final_judgment(legal_cast):
    legal_case = _to_final(legal_cast, awarded=50_000_000)
    assert procedure.restitution_due(legal_case) == timezone.localdate() + timedelta(days=14)
    legal_case.restitution_paid_on = timezone.localdate()
    assert procedure.restitution_due(legal_case) is None


def test_nothing_awarded_nothing_due(legal_cast):
    assert procedure.restitution_due(_to_final(legal_cast, awarded=None)) is None


def test_detail_page_shows_label_warning_and_dual_status(client, legal_cast):
    Case.objects.filter(pk=legal_cast.victim_case.pk).update(
        also_suspect=True, trafficking_status="actual"
    )
    _charge(legal_cast, "ptppo-2", "2026-02-01")
    client.force_login(legal_cast.officer)
    page = client.get(f"/penegakan-hukum/perkara/{legal_cast.legal_case.code}/").content.decode()
    assert "<h2>Terlapor</h2>" in page
    assert "sudah dicabut sejak KUHP 2026 berlaku" in page
    assert "korban sekaligus terlapor/tersangka" in page and "Pasal 18" in page
    assert "· Korban ·" in page


def test_api_returns_warnings_label_and_victim_status(client, legal_cast):
    Case.objects.filter(pk=legal_cast.victim_case.pk).update(also_suspect=True)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=legal_cast.officer)}"}
    code = legal_cast.legal_case.code
    added = client.post(f"/api/v1/legal-cases/{code}/charges",
                        json.dumps({"article_key": "kuhp-455", "offence_date": "2025-03-01"}),
                        content_type="application/json", **auth)  # fmt: skip
    assert added.status_code == 201 and added.json()["warnings"]
    got = client.get(f"/api/v1/legal-cases/{code}", **auth).json()
    assert got["accused_label"] == "Terlapor"
    assert got["victims"] == [{"code": legal_cast.victim_case.code, "trafficking_status": "",
                               "also_suspect": True}]  # fmt: skip
