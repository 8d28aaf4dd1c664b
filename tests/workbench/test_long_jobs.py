"""Long work as background jobs: the annual PDF and a dashboard export (reports), the
intelligence rebuild and a data release (workbench jobs page). Each runs as the user who
started it, shows its progress on the job's page, and its file goes to that user only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.sharing.conftest import _release_dir, agreement, make_case, people  # noqa: F401
from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent
from waspada.jobs.files import files_expire
from waspada.jobs.models import Job, JobState
from waspada.jobs.runner import run_in_process, run_job
from waspada.reports.jobs import annual_pdf_start
from waspada.sharing import services as sharing
from waspada.sharing.models import ReleaseStatus
from waspada.workbench import jobs as long_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _job_files(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.WASPADA_JOB_FILES = tmp_path / "jobs"


def _in(user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _started(response) -> Job:  # type: ignore[no-untyped-def]
    assert response.status_code == 302
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    assert response["Location"] == f"/meja-kerja/pekerjaan/{pk}/"
    return Job.objects.get(pk=pk)


def test_the_annual_pdf_is_made_in_the_background_for_its_requester_only(
    make_user, django_capture_on_commit_callbacks
):  # fmt: skip
    officer = make_user("prog", Role.PROGRAMME_OFFICER)
    client = _in(officer)
    with django_capture_on_commit_callbacks(execute=True):
        job = _started(client.post("/laporan/tahunan/pdf/latar/", {"year": 2025}))
    job.refresh_from_db()
    assert (job.kind, job.state, job.params) == (
        "reports.annual_pdf",
        JobState.DONE,
        {"year": 2025},
    )
    assert job.percent == 100
    assert job.label == "PDF laporan tahunan"
    assert "PDF laporan tahunan" in client.get("/meja-kerja/pekerjaan/").text
    page = client.get(f"/meja-kerja/pekerjaan/{job.pk}/")
    assert f"/meja-kerja/pekerjaan/{job.pk}/unduh/" in page.text
    download = client.get(f"/meja-kerja/pekerjaan/{job.pk}/unduh/")
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    assert "waspada-laporan-tahunan-2025.pdf" in download["Content-Disposition"]
    made = AuditEvent.objects.filter(actor_id=officer.pk).exclude(action="jobs.file_downloaded")
    event = made.order_by("seq").last()
    assert event is not None and event.details.get("table") == "annual_report"
    # Another user, even with reports, sees neither the job nor its file.
    other = _in(make_user("analyst", Role.ANALYST))
    assert other.get(f"/meja-kerja/pekerjaan/{job.pk}/").status_code == 404
    assert other.get(f"/meja-kerja/pekerjaan/{job.pk}/unduh/").status_code == 404
    # A caseworker cannot start one.
    caseworker = _in(make_user("cw", Role.CASEWORKER))
    assert caseworker.post("/laporan/tahunan/pdf/latar/", {"year": 2025}).status_code == 403


def test_a_dashboard_table_is_exported_in_the_background(
    make_user, django_capture_on_commit_callbacks
):  # fmt: skip
    supervisor = make_user("sup", Role.SUPERVISOR)
    client = _in(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        job = _started(client.post("/laporan/latar/victims_by_year.xlsx", {"query": ""}))
    job.refresh_from_db()
    if job.state == JobState.FAILED:  # the key must be one of the dashboard's tables
        pytest.fail(job.error)
    download = client.get(f"/meja-kerja/pekerjaan/{job.pk}/unduh/")
    assert download.status_code == 200
    assert download.content[:2] == b"PK"  # an XLSX is a zip


def test_a_job_of_a_user_who_lost_the_right_fails_without_a_file(make_user):
    officer = make_user("prog", Role.PROGRAMME_OFFICER)
    client = _in(officer)
    job = annual_pdf_start(actor=officer, year=2025)
    officer.role = Role.CASEWORKER
    officer.save()
    # (inside the test's transaction the job waits for a commit that never comes: run it here)
    assert run_in_process(job.pk) == "failed"
    job.refresh_from_db()
    assert "PermissionDenied" in job.error
    assert client.get(f"/meja-kerja/pekerjaan/{job.pk}/unduh/").status_code == 404


def test_the_intel_rebuild_runs_as_a_job_once_at_a_time(
    make_user, django_capture_on_commit_callbacks, settings
):  # fmt: skip
    analyst = make_user("analyst", Role.ANALYST)
    client = _in(analyst)
    assert "Bangun ulang indeks intelijen" in client.get("/meja-kerja/pekerjaan/").text
    settings.WASPADA_JOBS_EAGER = False
    settings.WASPADA_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens: not dispatched
    first = long_jobs.intel_rebuild_start(actor=analyst)
    assert long_jobs.intel_rebuild_start(actor=analyst).pk == first.pk  # still queued
    Job.objects.filter(pk=first.pk).update(state=JobState.DONE)
    settings.WASPADA_JOBS_EAGER = True
    with django_capture_on_commit_callbacks(execute=True):
        job = _started(client.post("/meja-kerja/pekerjaan/intel/"))
    assert job.pk != first.pk
    job.refresh_from_db()
    assert job.state == JobState.DONE and "sources" in job.result
    assert AuditEvent.objects.filter(action="intel.rebuilt").exists()
    page = client.get(f"/meja-kerja/pekerjaan/{job.pk}/")
    assert "sources" in page.text
    caseworker = _in(make_user("cw", Role.CASEWORKER))
    assert "Bangun ulang indeks intelijen" not in caseworker.get("/meja-kerja/pekerjaan/").text
    assert caseworker.post("/meja-kerja/pekerjaan/intel/").status_code == 403


def test_a_release_is_approved_and_made_by_a_job_four_eyes_kept(
    people, agreement, make_case, django_capture_on_commit_callbacks  # noqa: F811
):  # fmt: skip
    for _ in range(12):
        make_case()
    release = sharing.release_request(
        actor=people["analyst"], agreement=agreement, data={"kind": "ctdc", "k": 11}
    )
    # The requester is not offered the release and cannot start the job.
    requester = _in(people["analyst"])
    assert (
        f"/meja-kerja/pekerjaan/rilis/{release.pk}/"
        not in requester.get("/meja-kerja/pekerjaan/").text
    )
    assert requester.post(f"/meja-kerja/pekerjaan/rilis/{release.pk}/").status_code == 403
    approver = _in(people["supervisor"])
    assert (
        f"/meja-kerja/pekerjaan/rilis/{release.pk}/" in approver.get("/meja-kerja/pekerjaan/").text
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = _started(approver.post(f"/meja-kerja/pekerjaan/rilis/{release.pk}/"))
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    release.refresh_from_db()
    assert release.status == ReleaseStatus.APPROVED
    assert release.decided_by_id == people["supervisor"].pk
    assert job.result == {"release": release.pk, "rows": release.rows}
    assert job.progress_total == 12  # the rows read, reported as the file was made (was 1)
    # Run again (a redelivered message): nothing is made twice.
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    assert run_job(job.pk) == "done"
    assert AuditEvent.objects.filter(action="sharing.release.approved").count() == 1
    assert (
        f"/meja-kerja/pekerjaan/rilis/{release.pk}/"
        not in approver.get("/meja-kerja/pekerjaan/").text
    )


def _finished_annual_pdf(officer, capture) -> Job:  # type: ignore[no-untyped-def]
    client = _in(officer)
    with capture(execute=True):
        job = _started(client.post("/laporan/tahunan/pdf/latar/", {"year": 2025}))
    job.refresh_from_db()
    assert job.state == JobState.DONE
    return job


def test_a_finished_file_is_not_handed_out_once_the_right_is_withdrawn(
    make_user, django_capture_on_commit_callbacks
):  # fmt: skip
    officer = make_user("prog", Role.PROGRAMME_OFFICER)
    job = _finished_annual_pdf(officer, django_capture_on_commit_callbacks)
    client = _in(officer)
    assert client.get(f"/meja-kerja/pekerjaan/{job.pk}/unduh/").status_code == 200
    officer.role = Role.CASEWORKER  # no reports any more
    officer.save()
    page = client.get(f"/meja-kerja/pekerjaan/{job.pk}/")
    assert f"/meja-kerja/pekerjaan/{job.pk}/unduh/" not in page.text
    assert "tidak lagi berhak" in page.text
    assert client.get(f"/meja-kerja/pekerjaan/{job.pk}/unduh/").status_code == 403


def test_every_download_of_a_job_file_is_audited(make_user, django_capture_on_commit_callbacks):
    officer = make_user("prog", Role.PROGRAMME_OFFICER)
    job = _finished_annual_pdf(officer, django_capture_on_commit_callbacks)
    client = _in(officer)
    for _ in range(2):
        assert client.get(f"/meja-kerja/pekerjaan/{job.pk}/unduh/").status_code == 200
    events = AuditEvent.objects.filter(action="jobs.file_downloaded", object_id=str(job.pk))
    assert events.count() == 2
    event = events.last()
    assert event is not None and event.actor_id == officer.pk
    assert event.details == {
        "kind": "reports.annual_pdf",
        "file": "waspada-laporan-tahunan-2025.pdf",
        "size": (job.result or {})["size"],
    }


def test_a_job_file_is_encrypted_on_disk_and_an_altered_one_is_not_handed_out(
    make_user, django_capture_on_commit_callbacks, settings
):  # fmt: skip
    officer = make_user("prog", Role.PROGRAMME_OFFICER)
    job = _finished_annual_pdf(officer, django_capture_on_commit_callbacks)
    (stored,) = (settings.WASPADA_JOB_FILES / f"job-{job.pk}").iterdir()
    assert not stored.read_bytes().startswith(b"%PDF")
    client = _in(officer)
    assert client.get(f"/meja-kerja/pekerjaan/{job.pk}/unduh/").content.startswith(b"%PDF")
    stored.write_bytes(stored.read_bytes()[:-1])  # cut short on disk
    refused = client.get(f"/meja-kerja/pekerjaan/{job.pk}/unduh/", follow=True)
    assert "rusak atau telah diubah" in refused.text
    assert not refused.content.startswith(b"%PDF")


def test_an_expired_job_file_says_so_and_is_gone(
    make_user, django_capture_on_commit_callbacks, settings
):  # fmt: skip
    officer = make_user("prog", Role.PROGRAMME_OFFICER)
    job = _finished_annual_pdf(officer, django_capture_on_commit_callbacks)
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(days=30))
    assert files_expire() == 1
    client = _in(officer)
    page = client.get(f"/meja-kerja/pekerjaan/{job.pk}/")
    assert "Berkasnya dihapus pada" in page.text and "data_key" not in page.text
    assert client.get(f"/meja-kerja/pekerjaan/{job.pk}/unduh/").status_code == 404
