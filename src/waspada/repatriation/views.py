"""Pages: record a repatriation stage, read the stage notes, and the awaiting-return list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases.selectors import get_case_for
from waspada.repatriation import reference, selectors, services
from waspada.repatriation.display import timeline
from waspada.repatriation.forms import stage_form_for
from waspada.repatriation.models import StageEntry
from waspada.ui.access import require_perm

TAB = "pemulangan"


def case_tab_url(code: str) -> str:
    return reverse("cases:detail", kwargs={"code": code}) + f"?tab={TAB}#{TAB}"


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def stage_record(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Record the next stage (the case tab holds the same form; this page shows its errors)."""
    case = get_case_for(request.user, code)
    if not selectors.may_record(request.user, case):
        raise PermissionDenied
    summary = selectors.summary(case)
    form = stage_form_for(request.user, case, summary.next_stages, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.repatriation_stage_record(
                actor=request.user,
                case=case,
                data=form.cleaned_data,
                request=request,
            )
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(
                request,
                _("Tahap dicatat: %(stage)s.") % {"stage": reference.stage_label(entry.stage)},
            )
            return redirect(case_tab_url(case.code))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "repatriation/stage_form.html",
        {"case": case, "form": form, "summary": summary},
        status=status,
    )


@require_GET
@require_perm(Perm.PROTECTION_VIEW)
def notes(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The stage timeline with its notes decrypted; every opening is audited."""
    case = get_case_for(request.user, code)
    summary = selectors.summary(case)
    opened = services.stage_notes_open(
        viewer=request.user,
        case=case,
        entries=summary.entries,
        request=request,
    )
    rows = [(row, row.entry.pk in opened, opened.get(row.entry.pk)) for row in timeline(summary)]
    return render(
        request, "repatriation/notes.html", {"case": case, "summary": summary, "rows": rows}
    )


@require_GET
@require_perm(Perm.PROTECTION_VIEW)
def awaiting(request: AuthenticatedRequest) -> HttpResponse:
    """Menunggu pemulangan: visible cases not yet departed, by destination country."""
    groups = selectors.awaiting_return(viewer=request.user)
    return render(
        request,
        "repatriation/awaiting.html",
        {"groups": groups, "total": sum(g.count for g in groups)},
    )


@require_POST
@require_perm(Perm.PROTECTION_MANAGE)
def stage_void(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    """Void a stage entered by mistake, with a reason (kept in the history)."""
    case = get_case_for(request.user, code)
    entry = get_object_or_404(StageEntry.objects, pk=pk, repatriation__case=case)
    try:
        services.repatriation_stage_void(
            actor=request.user, entry=entry, reason=request.POST.get("reason", ""), request=request
        )
    except ValidationError as exc:
        for problems in exc.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        messages.success(
            request,
            _("Tahap %(stage)s dibatalkan. Riwayatnya tetap tersimpan.")
            % {"stage": reference.stage_label(entry.stage)},
        )
    return redirect(case_tab_url(case.code))
