"""Bulk screening through a page: upload, a progress page that refreshes itself (no script),
and the result to download. Staff only; each user sees the jobs they started."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.jobs.models import Job, JobState
from waspada.jobs.runner import broker_status
from waspada.prevention import bulk
from waspada.ui.access import require_perm

_ERRORS = {
    "too_large": _("Berkas terlalu besar (paling besar 20 MB)."),
    "unknown_format": _("Jenis berkas tidak dikenal: pakai CSV, JSONL atau XLSX."),
}


def _job_for(request: AuthenticatedRequest, pk: int) -> Job:
    job = Job.objects.filter(pk=pk, kind=bulk.JOB, created_by=request.user).first()
    if job is None:
        raise Http404
    return job


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PREVENTION_VIEW)
def upload(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Pilih berkas untuk diperiksa."))
            return redirect("prevention_bulk:upload")
        try:
            job = bulk.bulk_screen_start(
                actor=request.user, name=upload.name or "", content=upload.read()
            )
        except bulk.BulkFileError as exc:
            messages.error(request, str(_ERRORS.get(str(exc), _("Berkas tidak dapat dibaca."))))
            return redirect("prevention_bulk:upload")
        return redirect("prevention_bulk:status", pk=job.pk)
    jobs = Job.objects.filter(kind=bulk.JOB, created_by=request.user)[:10]
    return render(request, "prevention/bulk.html", {"jobs": jobs})


@require_GET
@require_perm(Perm.PREVENTION_VIEW)
def status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    finished = job.state in (JobState.DONE, JobState.FAILED)
    return render(request, "prevention/bulk_status.html", {
        "job": job, "finished": finished, "broker": broker_status(),
        "ready": bulk.result_path(job) is not None,
    })  # fmt: skip


@require_GET
@require_perm(Perm.PREVENTION_VIEW)
def download(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    path = bulk.result_path(_job_for(request, pk))
    if path is None:
        raise Http404
    response = HttpResponse(path.read_bytes(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="skrining-{pk}.csv"'
    return response
