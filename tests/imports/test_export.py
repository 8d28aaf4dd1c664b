"""Export of the organisation's own cases: supervisors only, own cases only, personal fields
only with a reason, CSV and XLSX, audited."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.case_fixtures import PERSON
from waspada import xlsx
from waspada.accounts.models import Organisation
from waspada.accounts.roles import OrganisationType, Role
from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.cases import services as cases
from waspada.imports.exporting import ExportRequest, cases_export, validate_export
from waspada.jobs.models import Job, JobState
from waspada.jobs.runner import run_in_process


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture(autouse=True)
def _job_files(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.WASPADA_JOB_FILES = tmp_path / "jobs"


@pytest.fixture
def other_case(make_user):  # type: ignore[no-untyped-def]
    other = Organisation.objects.create(name="KBRI", type=OrganisationType.EMBASSY)
    worker = make_user("cw.kbri", Role.CASEWORKER, organisation=other)
    return cases.case_register(actor=worker, data={**PERSON, "full_name": "Orang Lain"})


def test_supervisor_exports_own_cases_without_personal_data(case_cast, other_case):
    exported = cases_export(actor=case_cast.supervisor, data=ExportRequest())
    rows = _csv(exported.content)
    assert rows[0][:3] == ["Kode", "Didaftarkan", "Status"] and "Nama lengkap" not in rows[0]
    assert [row[0] for row in rows[1:]] == [case_cast.case.code]  # not the other org's case
    line = dict(zip(rows[0], rows[1], strict=True))
    assert line["Negara tujuan"] == "Kamboja" and line["Saluran perekrutan"] == "Telegram"
    assert "Rahmawati" not in exported.content.decode("utf-8-sig")
    event = AuditEvent.objects.get(action="imports.cases.exported")
    assert event.details["rows"] == 1 and event.details["personal"] is False
    assert not AuditEvent.objects.filter(action="cases.person.viewed").exists()


def test_personal_fields_need_a_reason_and_every_read_is_audited(case_cast):
    with pytest.raises(ValidationError) as caught:
        cases_export(actor=case_cast.supervisor, data=ExportRequest(personal=True, reason="x"))
    assert set(caught.value.message_dict) == {"reason"}
    assert not AuditEvent.objects.filter(action="imports.cases.exported").exists()
    exported = cases_export(
        actor=case_cast.supervisor,
        data=ExportRequest(fmt="xlsx", personal=True, reason="Permintaan LPSK untuk restitusi"),
    )
    rows = xlsx.read_rows(exported.content, max_rows=10, max_unpacked=10_000_000)
    header, first = rows[0], rows[1]
    line = dict(zip(header, first, strict=False))
    assert line["Nama lengkap"] == PERSON["full_name"] and line["NIK"] == PERSON["nik"]
    event = AuditEvent.objects.get(action="imports.cases.exported")
    assert event.details["reason"] == "Permintaan LPSK untuk restitusi"
    viewed = AuditEvent.objects.get(action="cases.person.viewed")
    assert viewed.details["case"] == case_cast.case.code


@pytest.mark.parametrize("who", ["assigned", "colleague", "outsider", "recipient", "analyst",
                                 "admin"])  # fmt: skip
def test_only_supervisors_export(case_cast, who):
    with pytest.raises(PermissionDenied):
        cases_export(actor=getattr(case_cast, who), data=ExportRequest())


def test_bad_filters_are_named():
    with pytest.raises(ValidationError) as caught:
        validate_export(ExportRequest(fmt="pdf", status="lost", year=1900))
    assert set(caught.value.message_dict) == {"fmt", "status", "year"}


def test_formula_text_stays_text_in_csv(case_cast):
    data = {"recruiter_kind": "agency_unlicensed", "recruiter_agency": '=HYPERLINK("http://x")'}
    case = case_cast.case
    cases.case_update(actor=case_cast.assigned, case=case, version=case.version, data=data)
    rows = _csv(cases_export(actor=case_cast.supervisor, data=ExportRequest()).content)
    line = dict(zip(rows[0], rows[1], strict=True))
    assert line["Nama P3MI / agen"].startswith("'=")


def test_export_page_starts_a_job_and_the_link_is_for_supervisors_only(
    client, case_cast, django_capture_on_commit_callbacks
):  # fmt: skip
    client.force_login(case_cast.assigned)
    assert "Ekspor kasus organisasi" not in client.get("/perlindungan/").content.decode()
    assert client.get("/perlindungan/impor/ekspor-kasus/").status_code == 403
    client.force_login(case_cast.supervisor)
    assert "Ekspor kasus organisasi" in client.get("/perlindungan/").content.decode()
    page = client.get("/perlindungan/impor/ekspor-kasus/")
    assert page.status_code == 200 and "memiliki 1 kasus" in page.content.decode()
    refused = client.post("/perlindungan/impor/ekspor-kasus/", {"fmt": "csv", "personal": "on"})
    assert refused.status_code == 200 and "hanya diekspor dengan alasan" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("/perlindungan/impor/ekspor-kasus/", {"fmt": "xlsx"})
    job = Job.objects.get(kind="imports.cases_export")
    assert started.status_code == 302 and started["Location"] == f"/meja-kerja/pekerjaan/{job.pk}/"
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.label == "Ekspor kasus organisasi"
    assert job.percent == 100
    got = client.get(f"/meja-kerja/pekerjaan/{job.pk}/unduh/")
    assert got.status_code == 200 and "no-store" in got["Cache-Control"]
    assert xlsx.is_xlsx(got.content)


def test_a_background_export_keeps_the_reason_out_of_the_job_and_checks_the_right_again(
    client, case_cast, django_capture_on_commit_callbacks, settings
):  # fmt: skip
    client.force_login(case_cast.supervisor)
    reason = "Permintaan penyidik untuk berkas perkara"
    form = {"fmt": "csv", "personal": "on", "reason": reason}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/perlindungan/impor/ekspor-kasus/", form)
    job = Job.objects.get(kind="imports.cases_export")
    job.refresh_from_db()
    assert job.state == JobState.DONE
    assert reason not in json.dumps(job.params) and reason not in json.dumps(job.result)
    requested = AuditEvent.objects.get(action="imports.cases.export_requested")
    assert requested.details["reason"] == reason and requested.seq == job.params["requested"]
    made = AuditEvent.objects.get(action="imports.cases.exported")
    assert made.details["job"] == job.pk and made.details["rows"] == 1
    assert "reason" not in made.details
    assert AuditEvent.objects.filter(action="cases.person.viewed").count() == 1
    rows = _csv(client.get(f"/meja-kerja/pekerjaan/{job.pk}/unduh/").content)
    assert PERSON["full_name"] in rows[1]
    # On disk, waiting for its download, the file is encrypted like every personal field.
    (stored,) = (settings.WASPADA_JOB_FILES / f"job-{job.pk}").iterdir()
    assert PERSON["full_name"].encode() not in stored.read_bytes()
    assert PERSON["nik"].encode() not in stored.read_bytes()
    # Moved to another organisation: the file is no longer handed out, a rerun fails.
    moved = Organisation.objects.create(name="LBH", type=OrganisationType.NGO_LEGAL_AID)
    case_cast.supervisor.organisation = moved
    case_cast.supervisor.save()
    assert client.get(f"/meja-kerja/pekerjaan/{job.pk}/unduh/").status_code == 403
    job.state = JobState.QUEUED
    job.save()
    assert run_in_process(job.pk) == "failed"


def test_api_export(client, case_cast):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=case_cast.supervisor)}"}
    got = client.post("/api/v1/exports/cases", json.dumps({"format": "csv"}),
                      content_type="application/json", **auth)  # fmt: skip
    assert got.status_code == 200 and got["Content-Type"].startswith("text/csv")
    assert _csv(got.content)[1][0] == case_cast.case.code
    bad = client.post("/api/v1/exports/cases", json.dumps({"personal": True}),
                      content_type="application/json", **auth)  # fmt: skip
    assert bad.status_code == 400 and "reason" in bad.json()["errors"]
    worker = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=case_cast.assigned)}"}
    assert client.post("/api/v1/exports/cases", "{}", content_type="application/json",
                       **worker).status_code == 403  # fmt: skip
