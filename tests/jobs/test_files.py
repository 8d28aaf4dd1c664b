"""Files that jobs make do not stay for ever: after WASPADA_JOB_FILES_DAYS they and their
data key are gone (a case export holds names and NIKs)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from waspada.jobs import registry
from waspada.jobs.files import EXPIRE_JOB, file_result, files_expire, result_file
from waspada.jobs.models import Job, JobState
from waspada.privacy.models import DataKey

pytestmark = pytest.mark.django_db


def _done_with_file(days_ago: float) -> Job:
    job = Job.objects.create(kind="test.file", state=JobState.DONE)
    job.result = file_result(job, filename="kasus.csv", content_type="text/csv", content=b"x")
    job.finished_at = timezone.now() - timedelta(days=days_ago)
    job.save()
    return job


def test_old_job_files_and_their_keys_are_removed_daily(settings, tmp_path):
    settings.WASPADA_JOB_FILES = tmp_path / "jobs"
    settings.WASPADA_JOB_FILES_DAYS = 7
    old, recent = _done_with_file(8), _done_with_file(1)
    assert result_file(old) is not None and result_file(recent) is not None
    assert files_expire() == 1
    assert result_file(old) is None and not (tmp_path / "jobs" / f"job-{old.pk}").exists()
    assert result_file(recent) is not None
    old_key = DataKey.objects.get(pk=old.result["data_key"])
    assert old_key.destroyed_at is not None and old_key.wrapped == ""
    assert DataKey.objects.get(pk=recent.result["data_key"]).destroyed_at is None
    assert files_expire() == 0  # once
    assert EXPIRE_JOB in {p.kind for p in registry.periodic()}
