"""The job runner: once per key, never twice when done, unknown kinds refused early."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from waspada.config import env
from waspada.config.startup import resume_jobs
from waspada.jobs import registry
from waspada.jobs.models import Job, JobState
from waspada.jobs.runner import job_enqueue, run_job

pytestmark = pytest.mark.django_db


def test_a_key_enqueues_once_and_a_finished_job_is_not_run_again(
    django_capture_on_commit_callbacks,
):
    runs = []
    registry.register("test.count", lambda job: runs.append(job.pk) or {"n": len(runs)})
    with django_capture_on_commit_callbacks(execute=True):
        first = job_enqueue(kind="test.count", key="daily:2026-12-04")
        second = job_enqueue(kind="test.count", key="daily:2026-12-04")
    assert first.pk == second.pk and runs == [first.pk]
    assert run_job(first.pk) == "skipped"  # a redelivered message after it finished
    assert runs == [first.pk]
    assert Job.objects.get(pk=first.pk).state == JobState.DONE


def test_an_unknown_kind_is_refused_by_the_caller():
    with pytest.raises(KeyError):
        job_enqueue(kind="no.such.job")
    assert not Job.objects.exists()


def test_email_settings_from_the_url(monkeypatch, tmp_path):
    monkeypatch.setenv("WASPADA_EMAIL_URL", "smtp://mailer:p%40ss@mail.example.org:2525?tls=1")
    found = env.email(tmp_path / "outbox")
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"]) == ("mail.example.org", 2525)
    assert (found["EMAIL_HOST_USER"], found["EMAIL_HOST_PASSWORD"]) == ("mailer", "p@ss")
    assert found["EMAIL_USE_TLS"] is True
    monkeypatch.setenv("WASPADA_EMAIL_URL", "http://mail.example.org")
    with pytest.raises(env.ImproperlyConfigured):
        env.email(tmp_path / "outbox")
    monkeypatch.delenv("WASPADA_EMAIL_URL")
    assert env.email(tmp_path / "outbox")["EMAIL_BACKEND"].endswith("OutboxBackend")
    assert (tmp_path / "outbox").is_dir()


def test_broker_url_must_be_redis(monkeypatch):
    monkeypatch.setenv("WASPADA_BROKER_URL", "amqp://guest@localhost//")
    with pytest.raises(env.ImproperlyConfigured):
        env.broker_url("WASPADA_BROKER_URL")


def test_jobs_left_running_by_a_stopped_server_run_again_once(
    settings, django_capture_on_commit_callbacks
):
    """A server stopped mid-job (no broker: the job ran in its thread) leaves the row
    *running*; the next start queues it again and it finishes once; one without attempts
    left fails, saying why. With a broker nothing is touched (Celery redelivers)."""
    runs: list[int] = []
    registry.register("test.resume", lambda job: runs.append(job.pk) or {"ok": True})
    started = timezone.now() - timedelta(minutes=5)
    halfway = Job.objects.create(
        kind="test.resume", state=JobState.RUNNING, attempts=1, started_at=started
    )
    spent = Job.objects.create(
        kind="test.resume", state=JobState.RUNNING, attempts=3, started_at=started
    )
    settings.WASPADA_JOBS_EAGER = True
    settings.WASPADA_BROKER_URL = "redis://127.0.0.1:6379/13"
    assert resume_jobs() == 0
    assert Job.objects.get(pk=halfway.pk).state == JobState.RUNNING

    settings.WASPADA_BROKER_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        assert resume_jobs() == 1
    halfway.refresh_from_db()
    spent.refresh_from_db()
    assert (halfway.state, halfway.attempts, runs) == (JobState.DONE, 2, [halfway.pk])
    assert spent.state == JobState.FAILED and "interrupted" in spent.error
    assert resume_jobs() == 0 and runs == [halfway.pk]  # a finished job is not run again
