"""Pages of legal cases: list with hearing reminders, create, detail, edit, calendar, monitoring."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from waspada.accounts.permissions import Perm, can
from waspada.accounts.requests import AuthenticatedRequest
from waspada.legal import monitoring, procedure, selectors, services, stages
from waspada.legal.forms import FilterForm, LegalCaseEditForm, LegalCaseForm, YearRangeForm
from waspada.legal.models import LegalCase
from waspada.legal.records import suspect_personal_data
from waspada.legal.validation import LEGAL_CASE_FIELDS
from waspada.privacy import services as privacy
from waspada.ui.access import require_perm
from waspada.ui.periods import last_complete_years

EVIDENCE_SECTION = "evidence/legal_case_section.html"
REMINDER_DAYS = 7


def _full_viewer(user: Any) -> bool:
    return user.role in ("legal_officer", "supervisor")


@require_GET
@require_perm(Perm.PROSECUTION_VIEW)
def legal_case_list(request: AuthenticatedRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.LegalCaseFilters(
        stage=data.get("stage") or "", year=data.get("year"), query=data.get("q") or ""
    )
    cases = selectors.legal_case_list(viewer=request.user, filters=filters)
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    rows = [(case, selectors.next_hearing(case)) for case in page]
    return render(
        request,
        "legal/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "full_view": _full_viewer(request.user),
            "reminders": selectors.upcoming_hearings(viewer=request.user, days=REMINDER_DAYS),
            "ended_shares": selectors.ended_shares_received(viewer=request.user),
            "reminder_days": REMINDER_DAYS,
            "can_create": can(request.user, Perm.PROSECUTION_MANAGE),
            "can_monitor": can(request.user, Perm.PROSECUTION_MANAGE)
            or can(request.user, Perm.REPORTS_VIEW),
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROSECUTION_MANAGE)
def legal_case_create(request: AuthenticatedRequest) -> HttpResponse:
    form = LegalCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            legal_case = services.legal_case_create(
                actor=request.user,
                data=form.cleaned_data,
                request=request,
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, _("Perkara %(code)s dibuat.") % {"code": legal_case.code})
            return redirect("legal:detail", code=legal_case.code)
    return render(request, "legal/create.html", {"form": form})


def _evidence_template() -> str | None:
    try:
        return select_template([EVIDENCE_SECTION]).template.name
    except TemplateDoesNotExist:
        return None


@require_GET
@require_perm(Perm.PROSECUTION_VIEW)
def legal_case_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    legal_case = selectors.get_legal_case_for(request.user, code)
    next_hearing = selectors.next_hearing(legal_case)
    if selectors.status_only(request.user, legal_case):
        return render(
            request, "legal/status.html", {"legal_case": legal_case, "next_hearing": next_hearing}
        )
    changes = list(legal_case.stage_changes.select_related("changed_by"))
    context: dict[str, Any] = {
        "legal_case": legal_case,
        "next_hearing": next_hearing,
        "can_manage": selectors.can_manage_legal_case(request.user, legal_case),
        "notes": services.legal_case_notes(legal_case),
        "charges": [
            (charge, procedure.charge_warnings(charge)) for charge in legal_case.charges.all()
        ],
        "accused_label": procedure.accused_label(legal_case),
        "restitution_due": procedure.restitution_due(legal_case),
        "today": timezone.localdate(),
        "history": [
            (change, span, services.stage_reason(legal_case, change))
            for change, span in zip(changes, stages.spans(changes), strict=True)
        ],
        "hearings": legal_case.hearings.all(),
        "victim_cases": legal_case.victim_cases.select_related("person"),
        "shares": legal_case.shares.filter(ended_at__isnull=True).select_related("organisation"),
        "evidence_template": _evidence_template(),
        "suspects": _suspects(request, legal_case),
        "show_personal": request.GET.get("show") == "suspects",
    }
    return render(request, "legal/detail.html", context)


def _suspects(request: AuthenticatedRequest, legal_case: LegalCase) -> list[tuple[Any, Any]]:
    """(suspect, personal fields or None); fields are decrypted, and audited, only on request."""
    show = request.GET.get("show") == "suspects"
    result = []
    for suspect in legal_case.suspects.select_related("data_key", "legal_case"):
        personal = None
        if show:
            opened = suspect_personal_data(
                viewer=request.user,
                suspect=suspect,
                request=request,
            )
            personal = {"erased": True} if opened is privacy.ERASED else opened
        result.append((suspect, personal))
    return result


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROSECUTION_MANAGE)
def legal_case_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    legal_case = selectors.get_legal_case_for(request.user, code)
    if not selectors.can_manage_legal_case(request.user, legal_case):
        return render(request, "ui/403.html", status=403)
    if request.method == "POST":
        form = LegalCaseEditForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.legal_case_update(
                    actor=request.user,
                    legal_case=legal_case,
                    data=data,
                    version=form.cleaned_data["version"],
                    request=request,
                )
            except services.ConflictError as exc:
                messages.error(request, str(exc))
            except ValidationError as exc:
                form.apply_errors(exc)
            else:
                messages.success(request, _("Perubahan disimpan."))
                return redirect("legal:detail", code=legal_case.code)
    else:
        initial = {
            field: getattr(legal_case, field) for field in LEGAL_CASE_FIELDS if field != "notes"
        }
        initial["notes"] = services.legal_case_notes(legal_case)
        initial["version"] = legal_case.version
        form = LegalCaseEditForm(initial=initial)
    return render(request, "legal/edit.html", {"form": form, "legal_case": legal_case})


@require_GET
@require_perm(Perm.PROSECUTION_VIEW)
def hearing_calendar(request: AuthenticatedRequest) -> HttpResponse:
    hearings = selectors.upcoming_hearings(viewer=request.user)[:200]
    days: dict[Any, list[Any]] = {}
    for hearing in hearings:
        days.setdefault(hearing.scheduled_at.date(), []).append(hearing)
    return render(request, "legal/calendar.html", {"days": sorted(days.items())})


@require_GET
def monitoring_page(request: AuthenticatedRequest) -> HttpResponse:
    if not (can(request.user, Perm.PROSECUTION_MANAGE) or can(request.user, Perm.REPORTS_VIEW)):
        raise PermissionDenied
    start, end = last_complete_years()
    form = YearRangeForm(
        request.GET if "year_from" in request.GET else None,
        initial={"year_from": start, "year_to": end},
    )
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["year_from"], form.cleaned_data["year_to"]
    report = monitoring.prosecution_report(viewer=request.user, year_from=start, year_to=end)
    return render(request, "legal/monitoring.html", {"form": form, "report": report})
