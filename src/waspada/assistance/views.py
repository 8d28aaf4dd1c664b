"""Pages of the assistance tab: add and edit goals, follow-ups and services; overdue list.

Each view fetches the case with ``get_case_for`` (404 outside the viewer's scope), checks the
tab's rules (403), calls one service and goes back to the tab. A form with errors is shown
again on its own page, with the message under the field concerned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.assistance import rules, selectors, services
from waspada.assistance.forms import (
    FollowUpForm,
    GoalEditForm,
    GoalForm,
    ServiceEditForm,
    ServiceForm,
)
from waspada.cases import reference
from waspada.cases.models import Case
from waspada.cases.selectors import get_case_for, is_owner_side
from waspada.ui.access import require_perm
from waspada.ui.forms import ReasonForm


def tab_url(code: str) -> str:
    return reverse("cases:detail", args=[code]) + "?tab=layanan"


def _form_page(
    request: AuthenticatedRequest, case: Case, form: Form, title: str, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "assistance/form.html",
        {"case": case, "form": form, "title": title, "back": tab_url(case.code)},
        status=status,
    )


def _saved(
    request: AuthenticatedRequest, form: Any, code: str, *, save: Callable[[], object], done: str
) -> HttpResponse | int:
    """Call ``save`` for a valid form: on success a message and the redirect back to the tab;
    otherwise the status to show the form again with (an edit conflict on top of the form:
    409; field errors under their fields: 200)."""
    try:
        save()
    except services.ConflictError as exc:
        form.add_error(None, str(exc))
        return 409
    except ValidationError as exc:
        form.apply_errors(exc)
        return 200
    messages.success(request, done)
    return redirect(tab_url(code))


def _plan_case(request: AuthenticatedRequest, code: str) -> Case:
    case = get_case_for(request.user, code)
    if not rules.can_edit_plan(request.user, case):
        raise PermissionDenied
    return case


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def goal_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _plan_case(request, code)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = _saved(request, form, code, done=_("Sasaran ditambahkan."), save=lambda: (
            services.goal_create(actor=request.user, case=case, data=form.cleaned_data,
                                 request=request)
        ))  # fmt: skip
        if isinstance(outcome, HttpResponse):
            return outcome
    return _form_page(request, case, form, _("Tambah sasaran rencana"))


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def goal_edit(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    case = _plan_case(request, code)
    goal = selectors.get_goal(case, pk)
    status = 200
    if request.method == "POST":
        form = GoalEditForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            outcome = _saved(request, form, code, done=_("Perubahan disimpan."), save=lambda: (
                services.goal_update(actor=request.user, goal=goal, data=data,
                                     version=form.cleaned_data["version"], request=request)
            ))  # fmt: skip
            if isinstance(outcome, HttpResponse):
                return outcome
            status = outcome
    else:
        texts = services.notes_open(
            viewer=request.user,
            case=case,
            items=[goal],
            request=request,
        )
        form = GoalEditForm(
            initial={
                "description": texts.get(("goal", goal.pk)) or "",
                "target_date": goal.target_date,
                "status": goal.status,
                "version": goal.version,
            }
        )
    return _form_page(request, case, form, _("Ubah sasaran rencana"), status=status)


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def follow_up_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _plan_case(request, code)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = _saved(request, form, code, done=_("Tindak lanjut dijadwalkan."), save=lambda: (
            services.follow_up_create(actor=request.user, case=case,
                                      data=form.cleaned_data, request=request)
        ))  # fmt: skip
        if isinstance(outcome, HttpResponse):
            return outcome
    return _form_page(request, case, form, _("Jadwalkan tindak lanjut"))


@require_POST
@require_perm(Perm.PROTECTION_MANAGE)
def follow_up_done(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    case = _plan_case(request, code)
    follow_up = selectors.get_follow_up(case, pk)
    try:
        services.follow_up_complete(
            actor=request.user,
            follow_up=follow_up,
            request=request,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Tindak lanjut ditandai selesai."))
    return redirect(tab_url(code))


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def service_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = get_case_for(request.user, code)
    if not rules.can_record_service(request.user, case):
        raise PermissionDenied
    locked = not is_owner_side(request.user, case)
    form = ServiceForm(request.POST or None, provider_locked=locked)
    if request.method == "POST" and form.is_valid():
        outcome = _saved(request, form, code, done=_("Layanan dicatat."), save=lambda: (
            services.service_record(actor=request.user, case=case,
                                    data=form.cleaned_data, request=request)
        ))  # fmt: skip
        if isinstance(outcome, HttpResponse):
            return outcome
    return _form_page(request, case, form, _("Catat layanan"))


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def service_edit(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    case = get_case_for(request.user, code)
    service = selectors.get_service(case, pk)
    if not rules.can_edit_service(request.user, service):
        raise PermissionDenied
    locked = not is_owner_side(request.user, case)
    status = 200
    if request.method == "POST":
        form = ServiceEditForm(request.POST, provider_locked=locked)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            outcome = _saved(request, form, code, done=_("Perubahan disimpan."), save=lambda: (
                services.service_update(actor=request.user, service=service, data=data,
                                        version=form.cleaned_data["version"], request=request)
            ))  # fmt: skip
            if isinstance(outcome, HttpResponse):
                return outcome
            status = outcome
    else:
        texts = services.notes_open(
            viewer=request.user,
            case=case,
            items=[service],
            request=request,
        )
        initial: dict[str, Any] = {
            field: getattr(service, field) for field in services.SERVICE_FIELDS
        }
        initial.update(note=texts.get(("servicedelivery", service.pk)) or "",
                       version=service.version)  # fmt: skip
        form = ServiceEditForm(initial=initial, provider_locked=locked)
    return _form_page(request, case, form, _("Ubah layanan"), status=status)


def _void_form(data: Any = None) -> ReasonForm:
    return ReasonForm(
        data,
        label=_("Alasan pembatalan"),
        help_text=_(
            "Wajib. Data ini tetap terlihat di riwayat sebagai dibatalkan, dengan alasannya."
        ),
    )


def _void_page(
    request: AuthenticatedRequest,
    case: Case,
    *,
    title: str,
    details: list[str],
    save: Callable[[str], object],
    done: str,
) -> HttpResponse:
    """The confirmation step of a void (works without JavaScript): the page asks for the
    reason; the post voids, or shows the page again with the problem under the field."""
    form = _void_form(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data["reason"])
        except ValidationError as exc:
            form.apply_errors(exc)
            status = 400
        else:
            messages.success(request, done)
            return redirect(tab_url(case.code))
    return render(request, "ui/confirm.html", {
        "title": title, "question": _("Batalkan data yang salah catat ini?"), "details": details,
        "action": request.path, "form": form, "button": _("Ya, batalkan"),
        "back": tab_url(case.code), "case": case,
    }, status=status)  # fmt: skip


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def follow_up_void(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    """Void a follow-up entered by mistake, with a reason (kept in the history)."""
    case = _plan_case(request, code)
    follow_up = selectors.get_follow_up(case, pk)
    due = date_format(follow_up.due_on, "SHORT_DATE_FORMAT")
    details = [_("Tindak lanjut tanggal %(date)s.") % {"date": due},
               _("Tidak lagi dihitung sebagai terlambat, tidak diingatkan lagi.")]  # fmt: skip
    return _void_page(request, case, title=_("Batalkan tindak lanjut"), details=details,
                      done=_("Tindak lanjut dibatalkan. Riwayatnya tetap tersimpan."),
                      save=lambda reason: services.follow_up_void(
                          actor=request.user, follow_up=follow_up, reason=reason,
                          request=request))  # fmt: skip


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def service_void(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    """Void a service entered by mistake, with a reason (kept in the history)."""
    case = get_case_for(request.user, code)
    service = selectors.get_service(case, pk)
    if not rules.can_edit_service(request.user, service):
        raise PermissionDenied
    details = [reference.label("service_types", service.service_type),
               _("Tidak lagi dihitung di dasbor, laporan dan ekspor.")]  # fmt: skip
    return _void_page(request, case, title=_("Batalkan layanan"), details=details,
                      done=_("Layanan dibatalkan. Riwayatnya tetap tersimpan."),
                      save=lambda reason: services.service_void(
                          actor=request.user, service=service, reason=reason,
                          request=request))  # fmt: skip


@require_GET
@require_perm(Perm.PROTECTION_VIEW)
def overdue(request: AuthenticatedRequest, code: str | None = None) -> HttpResponse:
    """Overdue follow-ups of every case the viewer may see (reached from a case's tab)."""
    case = get_case_for(request.user, code) if code else None
    today = timezone.localdate()
    rows = [
        (follow_up, (today - follow_up.due_on).days)
        for follow_up in selectors.overdue_follow_ups(viewer=request.user)
    ]
    return render(request, "assistance/overdue.html", {"case": case, "rows": rows})
