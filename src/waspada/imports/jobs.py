"""The organisation's case export as a background job (the page's way; the API answers at once).

A large organisation owns hundreds of thousands of cases: decrypting and auditing each
person's data takes minutes, longer than a request may last on a weak connection. The page
validates the request and audits it with its reason (``exporting.export_requested``), then
this job writes the file as the user who asked, checked again when it runs: a supervisor
moved to another role or organisation meanwhile gets a failed job and no file. The reason is
not in the job's parameters, only the number of the audit event that holds it. Running the
job again (a worker died) writes the whole file again.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from waspada.accounts.permissions import Perm, can
from waspada.imports import exporting
from waspada.jobs.files import file_result
from waspada.jobs.models import Job
from waspada.jobs.runner import job_enqueue, job_progress

EXPORT_JOB = "imports.cases_export"


def _same_holder(user: Any, job: Job) -> bool:
    return bool(
        user is not None
        and user.is_active
        and can(user, Perm.PROTECTION_APPROVE)
        and user.organisation_id is not None
        and user.organisation_id == job.params.get("organisation")
    )


def may_download(user: Any, job: Job) -> bool:
    """The file stays the user's while they are a supervisor of the same organisation."""
    return _same_holder(user, job)


def export_start(*, actor: Any, data: exporting.ExportRequest, request: Any = None) -> Job:
    clean, requested = exporting.export_requested(actor=actor, data=data, request=request)
    params = {
        "fmt": clean.fmt, "status": clean.status, "year": clean.year,
        "personal": clean.personal, "organisation": actor.organisation_id,
        "requested": requested,
    }  # fmt: skip
    total = exporting.own_cases(actor, clean).count()
    return job_enqueue(kind=EXPORT_JOB, params=params, created_by=actor, total=total)


def export_job(job: Job) -> dict[str, Any]:
    actor = job.created_by
    if actor is None or not _same_holder(actor, job):
        raise PermissionDenied("the job's user may no longer export this organisation's cases")
    params = job.params
    clean = exporting.ExportRequest(
        fmt=params["fmt"], status=params["status"], year=params["year"],
        personal=bool(params["personal"]),
    )  # fmt: skip
    job_progress(job, done=0, total=exporting.own_cases(actor, clean).count())
    exported = exporting.export_file(
        actor=actor, clean=clean, on_progress=lambda n: job_progress(job, done=n),
        audit_details={"job": job.pk, "requested": params["requested"]},
    )  # fmt: skip
    return file_result(job, filename=exported.filename, content_type=exported.content_type,
                       content=exported.content)  # fmt: skip
