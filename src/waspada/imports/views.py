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
from waspada.imports import reading, services
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
