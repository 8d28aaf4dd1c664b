"""The annual report PDF and the dashboard's table exports as background jobs.

Each job runs as the user who started it (``created_by``): the figures are scoped and
suppressed for that user exactly as on the page, checked again when the job runs (a user
deactivated or moved to a role without reports in the meantime gets a failed job, no file),
and the export is audited in that user's name. The file is theirs to download from the jobs
page (``waspada.jobs.files``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import QueryDict

from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.jobs.files import file_result
from waspada.jobs.models import Job
from waspada.jobs.runner import job_enqueue, job_progress
from waspada.reports import exports
from waspada.reports.forms import DashboardForm

ANNUAL_JOB = "reports.annual_pdf"
TABLE_JOB = "reports.table_export"


def _actor(job: Job) -> Any:
    actor = job.created_by
    if actor is None or not actor.is_active or not can(actor, Perm.REPORTS_VIEW):
        raise PermissionDenied("the job's user may no longer see reports")
    return actor


def may_download(user: Any, job: Job) -> bool:
    """The annual PDF and table exports stay the user's only while they may see reports."""
    return bool(user.is_active and can(user, Perm.REPORTS_VIEW))


def annual_pdf_start(*, actor: Any, year: int) -> Job:
    if not can(actor, Perm.REPORTS_VIEW):
        raise PermissionDenied
    return job_enqueue(kind=ANNUAL_JOB, params={"year": int(year)}, created_by=actor, total=2)


def annual_pdf_job(job: Job) -> dict[str, Any]:
    actor = _actor(job)
    job_progress(job, done=1, total=2)
    exported = exports.annual_export(actor=actor, year=int(job.params["year"]))
    return file_result(job, filename=exported.filename, content_type=exported.content_type,
                       content=exported.content)  # fmt: skip


def dashboard_filters(actor: Any, query: str) -> Any:
    """The dashboard's filters read from its query string, as ``views._form`` reads them."""
    form = DashboardForm(QueryDict(query) or None, fixed_organisation=actor.role == Role.SUPERVISOR)
    return form.filters()


def table_export_start(*, actor: Any, query: str, key: str, fmt: str) -> Job:
    if not can(actor, Perm.REPORTS_VIEW):
        raise PermissionDenied
    if fmt not in exports.FORMATS:
        raise ValueError(fmt)
    params = {"query": query[:2000], "key": key[:60], "fmt": fmt}
    return job_enqueue(kind=TABLE_JOB, params=params, created_by=actor, total=2)


def table_export_job(job: Job) -> dict[str, Any]:
    actor = _actor(job)
    job_progress(job, done=1, total=2)
    exported = exports.table_export(
        actor=actor, filters=dashboard_filters(actor, job.params["query"]),
        key=job.params["key"], fmt=job.params["fmt"],
    )  # fmt: skip
    return file_result(job, filename=exported.filename, content_type=exported.content_type,
                       content=exported.content)  # fmt: skip
