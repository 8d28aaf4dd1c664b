"""The workbench (staff home page), notifications and the background-jobs page."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waspada.accounts.models import User
from waspada.accounts.permissions import DESCRIPTIONS, Perm, can, permissions_for
from waspada.accounts.requests import AuthenticatedRequest
from waspada.audit import services as audit
from waspada.cases.selectors import get_case_for
from waspada.cases.services import case_assign
from waspada.downloads import ExportFile, download_response
from waspada.jobs import registry, runner
from waspada.jobs.files import result_content, result_file
from waspada.jobs.models import Job, JobState
from waspada.notifications import selectors as notes
from waspada.notifications import services as note_services
from waspada.notifications.models import Delivery, Kind
from waspada.privacy.crypto import CryptoError
from waspada.ui.workbench import sections_for
from waspada.workbench import jobs as long_jobs
from waspada.workbench import selectors

logger = logging.getLogger(__name__)


@require_GET
def home(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    with selectors.reads_without_jit():
        recent = [
            (note, notes.text_of(note))
            for note in notes.notifications_for(user).filter(read_at__isnull=True)[:5]
        ]
        context = {
            "sections": sections_for(user),
            "load": selectors.caseworker_load(user),
            "broker": runner.broker_status(),
            "recent": recent,
            "permissions": [DESCRIPTIONS[perm] for perm in permissions_for(user.role)]
            if user.role and can(user, Perm.API_USE)
            else [],
        }
        return render(request, "workbench/home.html", context)


@require_POST
def reassign(request: AuthenticatedRequest) -> HttpResponse:
    """Give a case to one caseworker of the organisation (supervisors; ``case_assign``)."""
    if not can(request.user, Perm.PROTECTION_APPROVE):
        raise PermissionDenied
    code = request.POST.get("code", "").strip().upper()
    try:
        case = get_case_for(request.user, code)
    except Http404:
        messages.error(request, _("Kasus %(code)s tidak ditemukan.") % {"code": code[:20]})
        return redirect("ui:dashboard")
    raw = request.POST.get("user", "")
    target = User.objects.filter(
        pk=int(raw) if raw.isdigit() else 0,
        organisation_id=request.user.organisation_id or 0, is_active=True,
    ).first()  # fmt: skip
    if target is None:
        messages.error(request, _("Pilih petugas dari organisasi Anda."))
        return redirect("ui:dashboard")
    try:
        case_assign(actor=request.user, case=case, users=[target], request=request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("ui:dashboard")
    messages.success(
        request,
        _("Kasus %(code)s kini ditangani %(user)s.") % {"code": case.code, "user": target.username},
    )
    return redirect("ui:dashboard")


@require_GET
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    rows = [(row, notes.text_of(row)) for row in notes.notifications_for(request.user)[:100]]
    return render(request, "workbench/notifications.html", {"notifications": rows})


@require_POST
def notification_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notification = notes.get_notification_for(request.user, pk)
    note_services.notification_read(user=request.user, notification=notification)
    target = notification.link if request.POST.get("open") else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("workbench:notifications")


@require_POST
def notifications_read_all(request: AuthenticatedRequest) -> HttpResponse:
    note_services.notifications_read_all(user=request.user)
    return redirect("workbench:notifications")


@require_http_methods(["GET", "POST"])
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        choices = {kind: request.POST.get(kind, "") for kind in Kind.values if kind in request.POST}
        try:
            note_services.preferences_set(user=user, choices=choices)
        except ValidationError:
            messages.error(request, _("Pilihan tidak dikenal."))
        else:
            messages.success(request, _("Pengaturan notifikasi disimpan."))
        return redirect("workbench:preferences")
    current = notes.preferences_of(user)
    mandatory = note_services.mandatory_kinds(user)
    rows = [(value, label, current[value], value in mandatory) for value, label in Kind.choices]
    return render(request, "workbench/preferences.html", {
        "rows": rows, "deliveries": Delivery.choices, "has_email": bool(user.email),
    })  # fmt: skip


def _jobs_for(user: User) -> object:
    jobs = Job.objects.all() if can(user, Perm.ADMIN_VIEW) else Job.objects.filter(created_by=user)
    return jobs


@require_GET
def job_list(request: AuthenticatedRequest) -> HttpResponse:
    jobs = list(_jobs_for(request.user)[:100])  # type: ignore[index]
    return render(request, "workbench/jobs.html", {
        "jobs": jobs, "broker": runner.broker_status(),
        "can_rebuild_intel": can(request.user, Perm.INTEL_MANAGE),
        "releases": long_jobs.releases_startable(request.user),
    })  # fmt: skip


def _own_job(request: AuthenticatedRequest, pk: int) -> Job:
    job = Job.objects.filter(pk=pk, created_by=request.user).first()
    if job is None:  # someone else's job: not even its existence
        raise Http404
    return job


@require_GET
def job_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One job the user started: its progress (the page refreshes itself) and its file."""
    job = _own_job(request, pk)
    found = result_file(job) if job.state == JobState.DONE else None
    allowed = found is not None and registry.may_download(job.kind, request.user, job)
    return render(request, "workbench/job.html", {
        "job": job, "finished": job.state in (JobState.DONE, JobState.FAILED),
        "file": found if allowed else None, "file_withheld": found is not None and not allowed,
        "broker": runner.broker_status(),
    })  # fmt: skip


@require_GET
def job_download(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The job's file, to its creator while they still hold the right; every download audited."""
    job = _own_job(request, pk)
    found = result_file(job) if job.state == JobState.DONE else None
    if found is None:
        raise Http404
    if not registry.may_download(job.kind, request.user, job):
        raise PermissionDenied
    try:
        content = result_content(job, found)
    except CryptoError:  # altered or cut short on disk: nothing is handed out
        logger.warning("job %s: its file does not decrypt", job.pk)
        messages.error(request, _("Berkas pekerjaan ini rusak atau telah diubah, jadi tidak "
                                  "diberikan. Jalankan pekerjaannya lagi."))  # fmt: skip
        return redirect("workbench:job", pk=job.pk)
    audit.record(
        "jobs.file_downloaded", actor=request.user, obj=job, request=request,
        details={"kind": job.kind, "file": found.filename, "size": len(content)},
    )  # fmt: skip
    return download_response(ExportFile(found.filename, found.content_type, content))


@require_POST
def intel_rebuild_start(request: AuthenticatedRequest) -> HttpResponse:
    job = long_jobs.intel_rebuild_start(actor=request.user)
    return redirect("workbench:job", pk=job.pk)


@require_POST
def release_approve_start(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = long_jobs.release_approve_start(actor=request.user, release_id=pk)
    return redirect("workbench:job", pk=job.pk)


@require_POST
def job_retry(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = _jobs_for(request.user).filter(pk=pk).first()  # type: ignore[attr-defined]
    if job is None:
        raise Http404
    runner.job_retry(job=job)
    messages.success(request, _("Pekerjaan dijalankan ulang."))
    return redirect("workbench:jobs")
