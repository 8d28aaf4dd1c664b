"""Pages of the identification interview. Thin: fetch through the scoped selectors, call a
service, render. Every page works without JavaScript."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases.models import Case
from waspada.cases.selectors import get_case_for
from waspada.identification import explain, facts, indicators, selectors, services
from waspada.identification.forms import DecisionForm, InterviewForm, ReviewForm
from waspada.identification.models import DecisionState, Interview
from waspada.ui.access import require_perm
from waspada.validation import ConflictError


def _user(request: AuthenticatedRequest) -> User:
    # Every page here requires a login (deny by default), so the user is never anonymous.
    return cast(User, request.user)


def _writable_case(request: AuthenticatedRequest, code: str, *, approve: bool = False) -> Case:
    case = get_case_for(request.user, code)
    allowed = (selectors.may_approve if approve else selectors.may_record)(request.user, case)
    if not allowed:
        raise PermissionDenied
    return case


def _found(interview: Interview) -> list[dict[str, Any]]:
    """Labels of the elements and indicators found, grouped by set."""
    return [
        {
            "label": indicators.set_info(set_code)["label"],
            "items": [indicators.label(set_code, code) for code in interview.codes(set_code)],
        }
        for set_code in indicators.SETS
    ]


def _interview_context(interview: Interview) -> dict[str, Any]:
    return {
        "interview": interview,
        "found": _found(interview),
        "reasons": explain.reasons(interview.proposed_reasons),
        "conclusion": explain.conclusion(interview.proposed_status),
        "facts": facts.labelled(interview.facts),
        "cross_check": facts.cross_check(interview.facts, interview.case),
    }


def _detail(code: str, interview: Interview) -> HttpResponse:
    return redirect("identification:detail", code=code, pk=interview.pk)


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def record(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = _writable_case(request, code)
    form = InterviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            interview = services.interview_record(
                actor=_user(request), case=case, data=form.cleaned_data, request=request
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Wawancara dicatat. Sekarang catat keputusannya."))
            return _detail(case.code, interview)
    age = case.person.age_at_identification
    return render(
        request,
        "identification/record.html",
        {"case": case, "form": form, "groups": form.groups(), "age": age,
         "is_child": age is not None and age < 18, "fact_fields": facts.FIELDS},
    )  # fmt: skip


@require_GET
@require_perm(Perm.PROTECTION_VIEW)
def detail(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    case = get_case_for(request.user, code)
    interview = selectors.get_interview_for(request.user, case, pk)
    texts = services.interview_texts(viewer=_user(request), interview=interview, request=request)
    can_review = (
        selectors.may_approve(request.user, case)
        and interview.state == DecisionState.PENDING_APPROVAL
    )
    return render(
        request,
        "identification/detail.html",
        {
            "case": case,
            **_interview_context(interview),
            "texts": texts,
            "can_decide": selectors.may_record(request.user, case)
            and interview.state == DecisionState.UNDECIDED,
            "can_review": can_review,
            "review_form": ReviewForm(initial={"version": interview.version}),
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def decide(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    case = _writable_case(request, code)
    interview = selectors.get_interview_for(request.user, case, pk)
    initial = {"status": interview.proposed_status, "version": interview.version}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                actor=_user(request),
                interview=interview,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
                request=request,
            )
        except ConflictError:
            form.add_error(None, _("Wawancara ini sudah diubah orang lain. Muat ulang halaman."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Keputusan dicatat."))
            return _detail(case.code, interview)
    texts = services.interview_texts(viewer=_user(request), interview=interview, request=request)
    return render(
        request,
        "identification/decide.html",
        {
            "case": case,
            **_interview_context(interview),
            "texts": texts,
            "form": form,
            "requires_approval": selectors.requires_approval(case.organisation_id),
            "undecided": interview.state == DecisionState.UNDECIDED,
        },
    )


def _review(request: AuthenticatedRequest, code: str, pk: int, *, approve: bool) -> HttpResponse:
    case = _writable_case(request, code, approve=True)
    interview = selectors.get_interview_for(request.user, case, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        for error in form.errors.as_data().values():
            for message in ValidationError(error).messages:
                messages.error(request, message)
        return _detail(case.code, interview)
    version = form.cleaned_data["version"]
    try:
        if approve:
            services.decision_approve(
                actor=_user(request), interview=interview, version=version, request=request
            )
            messages.success(request, _("Keputusan disetujui. Status korban pada kasus diubah."))
        else:
            services.decision_reject(
                actor=_user(request),
                interview=interview,
                note=form.cleaned_data["note"],
                version=version,
                request=request,
            )
            messages.success(request, _("Keputusan ditolak dan dikembalikan ke pemutus."))
    except ConflictError:
        messages.error(request, _("Wawancara ini sudah diubah orang lain. Muat ulang halaman."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, str(message))
    return _detail(case.code, interview)


@require_POST
@require_perm(Perm.PROTECTION_APPROVE)
def approve(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    return _review(request, code, pk, approve=True)


@require_POST
@require_perm(Perm.PROTECTION_APPROVE)
def reject(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    return _review(request, code, pk, approve=False)
