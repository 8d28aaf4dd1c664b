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
from waspada.cases.models import Case
from waspada.cases.selectors import get_case_for, is_owner_side
from waspada.ui.access import require_perm


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
