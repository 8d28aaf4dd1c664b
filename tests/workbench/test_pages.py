"""The workbench page, reassignment, notifications pages and API, jobs page, bulk screening."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tests.conftest import PASSWORD
from waspada.accounts.roles import Role
from waspada.accounts.services import token_create
from waspada.jobs import registry, runner
from waspada.jobs.models import Job, JobState
from waspada.jobs.runner import job_enqueue
from waspada.notifications.models import Kind, Notification
from waspada.notifications.services import notify
from waspada.workbench import selectors

pytestmark = pytest.mark.django_db


def test_workbench_is_the_home_page_after_login_and_says_when_nothing_waits(client, case_cast):
    response = client.post("/akun/login/", {"username": "cw.assigned", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/dasbor/"
    page = client.get("/dasbor/").content.decode()
    assert "Tidak ada tindak lanjut yang terlambat." in page
    assert "Tidak ada rujukan masuk yang menunggu jawaban." in page
    assert "Beban kerja petugas" not in page  # supervisors only


def test_supervisor_sees_load_and_reassigns_a_case(
    client, case_cast, django_capture_on_commit_callbacks
):
    client.force_login(case_cast.supervisor)
    page = client.get("/dasbor/").content.decode()
    assert "Beban kerja petugas" in page and "cw.colleague" in page and "cw.other" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/meja-kerja/alihkan/", {"code": case_cast.case.code, "user": case_cast.colleague.pk}
        )
    assert response.status_code == 302
    assert list(case_cast.case.assigned.all()) == [case_cast.colleague]
    assert Notification.objects.filter(user=case_cast.colleague, kind=Kind.CASE_ASSIGNED).exists()
    # Another organisation's caseworker cannot be given the case.
    client.post(
        "/meja-kerja/alihkan/", {"code": case_cast.case.code, "user": case_cast.outsider.pk}
    )
    assert list(case_cast.case.assigned.all()) == [case_cast.colleague]


def test_caseworkers_cannot_reassign(client, case_cast):
    client.force_login(case_cast.assigned)
    response = client.post(
        "/meja-kerja/alihkan/", {"code": case_cast.case.code, "user": case_cast.colleague.pk}
    )
    assert response.status_code == 403


def test_unread_count_in_the_top_bar_and_reading(client, case_cast):
    (note,) = notify(
        users=[case_cast.assigned],
        kind=Kind.CASE_ASSIGNED,
        params={"code": case_cast.case.code},
        link="/perlindungan/",
    )
    client.force_login(case_cast.assigned)
    page = client.get("/meja-kerja/notifikasi/").content.decode()
    assert 'class="badge"' in page and f"Kasus {case_cast.case.code} ditugaskan" in page
    response = client.post(f"/meja-kerja/notifikasi/{note.pk}/baca/", {"open": "1"})
    assert response["Location"] == "/perlindungan/"
    assert 'class="badge"' not in client.get("/meja-kerja/notifikasi/").content.decode()
    client.force_login(case_cast.colleague)
    assert client.post(f"/meja-kerja/notifikasi/{note.pk}/baca/").status_code == 404


def test_api_workbench_and_notifications(client, case_cast):
    (note,) = notify(users=[case_cast.assigned], kind=Kind.CASE_ASSIGNED, params={"code": "KX-1"})
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=case_cast.assigned)}"}
    body = client.get("/api/v1/workbench", **auth).json()
    keys = {s["key"]: s for s in body["sections"]}
    assert keys["follow_ups_overdue"]["count"] == 0
    listed = client.get("/api/v1/notifications", **auth).json()
    assert listed[0]["kind"] == "case_assigned" and listed[0]["read"] is False
    assert "KX-1" in listed[0]["text"]
    assert client.post(f"/api/v1/notifications/{note.pk}/read", **auth).json()["read"] is True
    other = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=case_cast.colleague)}"}
    assert client.post(f"/api/v1/notifications/{note.pk}/read", **other).status_code == 404
    assert client.get("/api/v1/notifications", **other).json() == []


def test_a_failing_job_is_retried_recorded_and_can_be_run_again(
    client, cast, django_capture_on_commit_callbacks
):
    calls = []

    def flaky(job):  # type: ignore[no-untyped-def]
        calls.append(job.pk)
        if len(calls) <= 3:
            raise RuntimeError("disk full")
        return {"ok": True}

    registry.register("test.flaky", flaky)
    admin = cast[Role.ADMIN]
    with django_capture_on_commit_callbacks(execute=True):
        job = job_enqueue(kind="test.flaky", created_by=admin)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.attempts == 3 and "disk full" in job.error
    client.force_login(admin)
    assert "disk full" in client.get("/meja-kerja/pekerjaan/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/meja-kerja/pekerjaan/{job.pk}/ulang/")
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.result == {"ok": True}


class InlineThread:
    """Runs the fallback "thread" at start(), so the test needs no real thread or waiting."""

    def __init__(self, target, args, daemon):  # type: ignore[no-untyped-def]
        self.target, self.args = target, args

    def start(self) -> None:
        runner.run_in_process(*self.args)


def test_broker_down_runs_the_job_in_process_and_the_page_says_so(
    client, case_cast, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.WASPADA_JOBS_EAGER = False
    settings.WASPADA_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    runner.broker.app.cache_clear()
    monkeypatch.setattr(runner.threading, "Thread", InlineThread)
    registry.register("test.noop", lambda job: {"ran": True})
    with django_capture_on_commit_callbacks(execute=True):
        job = job_enqueue(kind="test.noop")
    runner.broker.app.cache_clear()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.note.startswith("broker unreachable")
    client.force_login(case_cast.assigned)
    response = client.get("/dasbor/")
    assert response.status_code == 200
    assert "tidak terjangkau" in response.content.decode()


def test_bulk_screening_reports_bad_lines_and_screens_the_rest(
    client, cast, django_capture_on_commit_callbacks
):
    lines = [
        json.dumps(
            {"text": "Dicari admin ke Kamboja gaji 15 juta, tiket ditanggung, tanpa pengalaman"}
        ),
        "{not json",
        json.dumps({"text": ""}),
        json.dumps({"text": "Lowongan kasir toko di Bandung, lamar lewat Disnaker"}),
    ]
    upload = SimpleUploadedFile("posts.jsonl", "\n".join(lines).encode())
    client.force_login(cast[Role.PROGRAMME_OFFICER])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/pencegahan/massal/", {"file": upload})
    job = Job.objects.get(kind="prevention.bulk_screen")
    assert response["Location"] == f"/pencegahan/massal/{job.pk}/"
    job.refresh_from_db()
    assert job.state == JobState.DONE
    assert job.result["screened"] == 2 and job.result["bad_lines"] == [2, 3]
    assert job.progress_done == job.progress_total == 4
    page = client.get(f"/pencegahan/massal/{job.pk}/").content.decode()
    assert "2, 3" in page and "hasil.csv" in page and 'http-equiv="refresh"' not in page
    csv_text = client.get(f"/pencegahan/massal/{job.pk}/hasil.csv").content.decode()
    assert csv_text.splitlines()[0] == "line,verdict,risk,red_flags,error"
    assert len(csv_text.splitlines()) == 5
    # Someone else's job is not found.
    client.force_login(cast[Role.CASEWORKER])
    assert client.get(f"/pencegahan/massal/{job.pk}/").status_code == 404


@pytest.mark.django_db(transaction=True)  # SET LOCAL ends with the top-level transaction
def test_workbench_reads_run_without_postgresql_jit_and_the_setting_ends_with_them(
    client, case_cast, monkeypatch
):
    """JIT compiled the stage deadlines' short read for longer than the read took (see
    ``reads_without_jit``): the page's reads run with it off, and only those."""
    if connection.vendor != "postgresql":
        pytest.skip("JIT is a PostgreSQL setting")

    def jit() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            return str(cursor.fetchone()[0])

    seen: list[str] = []
    real_load = selectors.caseworker_load

    def load(user):  # type: ignore[no-untyped-def]
        seen.append(jit())
        return real_load(user)

    monkeypatch.setattr(selectors, "caseworker_load", load)
    before = jit()
    client.force_login(case_cast.supervisor)
    page = client.get("/dasbor/").content.decode()
    assert "Beban kerja petugas" in page and "cw.colleague" in page
    assert seen == ["off"]
    assert jit() == before != "off"  # SET LOCAL: over with the page's transaction
