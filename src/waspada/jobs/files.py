"""Files that jobs make for the person who started them (an annual PDF, a large export).

A job function writes its file with ``file_result`` and returns the dict it gives back as
the job's result; the file lives in ``$WASPADA_JOB_FILES/job-<id>/`` (mode 700), written to a
temporary name and renamed, so a job that runs again (retried after a worker died) replaces it
whole. Only the job's creator downloads it (``result_file`` is read by the jobs page).

A file may hold personal data (a supervisor's case export with names and NIKs), so it is
encrypted at rest like every personal field: AES-256-GCM in chunks (``privacy.stream_cipher``)
under a data key of its own (``privacy.data_key_create``, wrapped by the master key), named in
the job's result. ``result_content`` decrypts it for the download. Files written before this
was so (no data key in the result) are read as they are.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from waspada.jobs.models import Job, JobState
from waspada.privacy import services as privacy
from waspada.privacy import stream_cipher
from waspada.privacy.models import DataKey

EXPIRE_JOB = "jobs.files_expire"
_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


@dataclass(frozen=True)
class ResultFile:
    path: Path
    filename: str
    content_type: str


def job_folder(job: Job) -> Path:
    folder = Path(settings.WASPADA_JOB_FILES) / f"job-{job.pk}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _safe_name(filename: str) -> str:
    name = "".join(ch if ch in _SAFE else "-" for ch in filename).lstrip(".")
    return name[:120] or "result"


def _file_id(job: Job, name: str) -> str:
    return f"job-{job.pk}-{name}"


def file_result(
    job: Job, *, filename: str, content_type: str, content: bytes, **extra: Any
) -> dict[str, Any]:
    """Write ``content`` as the job's file, encrypted; returns the job result that points at
    it (with its data key)."""
    name = _safe_name(filename)
    folder = job_folder(job)
    data_key = privacy.data_key_create()
    partial = folder / (name + ".part")
    with open(partial, "wb") as handle:
        stream_cipher.encrypt_stream(
            privacy.unwrap(data_key), _file_id(job, name), [content], handle
        )
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(folder / name)
    return {"file": name, "content_type": content_type, "size": len(content),
            "data_key": data_key.pk, **extra}  # fmt: skip


def result_file(job: Job) -> ResultFile | None:
    """The file a finished job made, if it made one and it is still there."""
    result = job.result or {}
    name = result.get("file")
    if not isinstance(name, str) or name != _safe_name(name) or "folder" in job.params:
        return None  # bulk screening keeps its own folder and download (prevention.bulk)
    path = Path(settings.WASPADA_JOB_FILES) / f"job-{job.pk}" / name
    if not path.is_file():
        return None
    return ResultFile(path, name, str(result.get("content_type") or "application/octet-stream"))


def result_content(job: Job, found: ResultFile) -> bytes:
    """The file's content, decrypted (``CryptoError`` if it was altered)."""
    key_id = (job.result or {}).get("data_key")
    if key_id is None:
        return found.path.read_bytes()  # written before job files were encrypted
    data_key = DataKey.objects.get(pk=key_id)
    with open(found.path, "rb") as handle:
        return b"".join(
            stream_cipher.decrypt_stream(
                privacy.unwrap(data_key), _file_id(job, found.filename), handle
            )  # fmt: skip
        )


def files_expire(job: Job | None = None) -> int:
    """Remove the files of jobs finished more than ``WASPADA_JOB_FILES_DAYS`` ago and destroy
    their data keys (crypto-shredding, in the erasure ledger like any destroyed key). Run
    daily (``EXPIRE_JOB``); returns how many jobs' files went. ``job`` is the periodic job
    running this, unused."""
    cutoff = timezone.now() - timedelta(days=settings.WASPADA_JOB_FILES_DAYS)
    old = Job.objects.filter(state=JobState.DONE, finished_at__lt=cutoff, result__has_key="file")
    removed = 0
    for row in old.iterator():
        key_id = (row.result or {}).get("data_key")
        if key_id is not None:
            data_key = DataKey.objects.filter(pk=key_id, destroyed_at__isnull=True).first()
            if data_key is not None:
                privacy.data_key_destroy(data_key)
        shutil.rmtree(Path(settings.WASPADA_JOB_FILES) / f"job-{row.pk}", ignore_errors=True)
        kept = {key: value for key, value in (row.result or {}).items() if key != "file"}
        Job.objects.filter(pk=row.pk).update(
            result={**kept, "file_expired": timezone.now().date().isoformat()}
        )
        removed += 1
    return removed


def files_expire_job(job: Job) -> dict[str, Any]:
    return {"removed": files_expire(job)}
