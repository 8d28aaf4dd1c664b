"""Creating referrals from a case, and answering them in the receiving organisation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases import reference
from waspada.cases.selectors import get_case_for
from waspada.referrals import selectors, services
from waspada.referrals.forms import ReferralForm
from waspada.ui.access import require_perm
from waspada.ui.forms import labelled_messages


@require_POST
@require_perm(Perm.PROTECTION_MANAGE)
def referral_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = get_case_for(request.user, code)
    form = ReferralForm(request.POST, own_organisation_id=case.organisation_id)
    tab = reverse("cases:detail", kwargs={"code": case.code}) + "?tab=rujukan"
    if not form.is_valid():  # only text it cannot read (a NUL character)
        for problem in labelled_messages(form, form.errors):
            messages.error(request, problem)
        return redirect(tab)
    try:
        services.referral_create(
            actor=request.user,
            case=case,
            to_organisation=form.cleaned_data["to_organisation"],
            service_type=form.cleaned_data["service_type"],
            override_reason=form.cleaned_data["override_reason"],
            needs=form.cleaned_data["needs"],
            contact=form.cleaned_data["contact"],
            urgency=form.cleaned_data["urgency"],
            request=request,
        )
    except ValidationError as exc:
        for problem in labelled_messages(form, exc.message_dict):
            messages.error(request, problem)
    else:
        messages.success(request, _("Rujukan dikirim."))
    return redirect(tab)


def _incoming_page(
    request: AuthenticatedRequest, *, errors: dict[int, list[str]] | None = None, status: int = 200
) -> HttpResponse:
    referrals = [
        {
            "referral": r,
            "service": reference.label("service_types", r.service_type),
            "request": services.referral_request(r),
            "errors": (errors or {}).get(r.pk, []),
            "typed": request.POST.get("decline_reason", "") if errors else "",
        }
        for r in selectors.incoming_referrals(viewer=request.user)
    ]
    context = {
        "referrals": referrals,
        "ended": selectors.ended_referrals_received(viewer=request.user),
    }
    return render(request, "referrals/incoming.html", context, status=status)


@require_GET
@require_perm(Perm.REFERRAL_RESPOND)
def incoming(request: AuthenticatedRequest) -> HttpResponse:
    return _incoming_page(request)


@require_POST
@require_perm(Perm.REFERRAL_RESPOND)
def respond(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    referral = selectors.get_incoming_referral_for(request.user, pk)
    accept = request.POST.get("answer") == "accept"
    try:
        services.referral_respond(
            actor=request.user,
            referral=referral,
            accept=accept,
            decline_reason=request.POST.get("decline_reason", ""),
            request=request,
        )
    except ValidationError as exc:
        problems = [m for messages_ in exc.message_dict.values() for m in messages_]
        return _incoming_page(request, errors={referral.pk: problems}, status=400)
    if accept:
        messages.success(request, _("Rujukan diterima. Kasus kini terlihat oleh organisasi Anda."))
        return redirect("cases:detail", code=referral.case.code)
    messages.success(request, _("Rujukan ditolak."))
    return redirect("referrals_inbox:incoming")


@require_POST
@require_perm(Perm.PROTECTION_MANAGE)
def referral_end(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    """The owning organisation ends a referral, with a reason."""
    case = get_case_for(request.user, code)
    referral = get_object_or_404(case.referrals, pk=pk)
    try:
        services.referral_end(
            actor=request.user, referral=referral, reason=request.POST.get("reason", ""),
            request=request,
        )  # fmt: skip
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, problem)
    else:
        messages.success(
            request, _("Rujukan diakhiri; organisasi penerima tidak lagi melihat kasus ini.")
        )
    return redirect(reverse("cases:detail", kwargs={"code": case.code}) + "?tab=rujukan")
