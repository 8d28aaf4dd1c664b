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
            request=request,
        )
    except ValidationError as exc:
        for problem in labelled_messages(form, exc.message_dict):
            messages.error(request, problem)
    else:
        messages.success(request, _("Rujukan dikirim."))
    return redirect(tab)


@require_GET
@require_perm(Perm.PROTECTION_MANAGE)
def incoming(request: AuthenticatedRequest) -> HttpResponse:
    referrals = [
        (r, reference.label("service_types", r.service_type))
        for r in selectors.incoming_referrals(viewer=request.user)
    ]
    ended = selectors.ended_referrals_received(viewer=request.user)
    return render(request, "referrals/incoming.html", {"referrals": referrals, "ended": ended})


@require_POST
@require_perm(Perm.PROTECTION_MANAGE)
def respond(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    referral = selectors.get_incoming_referral_for(request.user, pk)
    accept = request.POST.get("answer") == "accept"
    services.referral_respond(
        actor=request.user,
        referral=referral,
        accept=accept,
        request=request,
    )
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
