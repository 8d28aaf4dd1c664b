"""The job runner: once per key, never twice when done, unknown kinds refused early."""

from __future__ import annotations

import pytest

from waspada.config import env
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
