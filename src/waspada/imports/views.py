"""The case import page: upload, column-mapping preview with the dry run's report, commit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.imports import exporting, reading, services
from waspada.imports import jobs as export_jobs
from waspada.imports.forms import ExportForm
from waspada.ui.access import require_perm


def _posted_mapping(request: AuthenticatedRequest) -> dict[str, str] | None:
    """The mapping chosen on the preview: ``header_N`` names a header, ``map_N`` its field."""
    chosen: dict[str, str] = {}
    for key in request.POST:
        if key.startswith("header_"):
            header = str(request.POST.get(key, ""))
            chosen[header] = str(request.POST.get("map_" + key.removeprefix("header_"), ""))
    return chosen or None


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def cases_import(request: AuthenticatedRequest) -> HttpResponse:
    context: dict[str, Any] = {"fields": reading.fields()}
    upload = request.FILES.get("file")
    if request.method == "POST":
        if upload is None:
            context["file_error"] = _("Pilih berkas CSV atau XLSX.")
        else:
            dry_run = request.POST.get("action") != "commit"
            try:
                result = services.cases_import(
                    actor=request.user,
                    content=upload.read(),
                    filename=upload.name or "",
                    mapping=_posted_mapping(request),
                    dry_run=dry_run,
                    request=request,
                )
            except ValidationError as exc:
                context["file_error"] = " ".join(exc.messages)
            else:
                if result.committed:
                    messages.success(
                        request,
                        _("%(n)d kasus diimpor.") % {"n": len(result.created)},
                    )
                    return redirect("cases:list")
                context["result"] = result
                context["columns"] = list(enumerate(result.sheet.mapping.items()))
    return render(request, "imports/cases.html", context)


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_APPROVE)
def cases_export(request: AuthenticatedRequest) -> HttpResponse:
    """The organisation's own cases as CSV or XLSX (supervisors; a POST, so the reason never
    travels in a URL). Made by a background job: the user follows its progress on the jobs
    page and downloads the file there."""
    form = ExportForm(request.POST or None, initial={"fmt": "csv"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = export_jobs.export_start(
                actor=request.user,
                data=exporting.ExportRequest(
                    fmt=data["fmt"] or "csv", status=data["status"] or "", year=data["year"],
                    personal=bool(data["personal"]), reason=data["reason"] or "",
                ),
                request=request,
            )  # fmt: skip
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            return redirect("workbench:job", pk=job.pk)
    count = exporting.own_cases(request.user, exporting.ExportRequest()).count()
    return render(request, "imports/export.html", {"form": form, "count": count})
