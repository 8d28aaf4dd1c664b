"""Pages of campaigns: list with filters, create, edit and detail (with the screening
numbers of the campaign's period). Access is decided by ``waspada.campaigns.access`` only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.campaigns import selectors, services
from waspada.campaigns.access import can_manage_campaigns, get_campaign_for
from waspada.campaigns.forms import CampaignForm, FilterForm
from waspada.ui.access import require_perm


@require_GET
@require_perm(Perm.PREVENTION_VIEW)
def campaign_list(request: AuthenticatedRequest) -> HttpResponse:
    form = FilterForm(request.GET or None, years=selectors.campaign_years())
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.CampaignFilters(
        year=data.get("year"),
        channel=data.get("channel") or "",
        province=data.get("province") or "",
    )
    campaigns = selectors.campaign_list(viewer=request.user, filters=filters)
    page = Paginator(campaigns, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "campaigns/list.html",
        {"form": form, "page": page, "can_create": can_manage_campaigns(request.user)},
    )


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PREVENTION_VIEW)
def campaign_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_manage_campaigns(request.user):
        raise PermissionDenied
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                actor=request.user,
                data=form.service_data(),
                request=request,
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, _("Kampanye disimpan."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "campaign": None})


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PREVENTION_VIEW)
def campaign_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for(request.user, pk)
    if not can_manage_campaigns(request.user, campaign):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, initial=CampaignForm.initial_for(campaign))
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(
                actor=request.user,
                campaign=campaign,
                data=form.service_data(),
                version=form.cleaned_data["version"] or 0,
                request=request,
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        except services.ConflictError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Perubahan kampanye disimpan."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "campaign": campaign})


@require_GET
@require_perm(Perm.PREVENTION_VIEW)
def campaign_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for(request.user, pk)
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "partners": list(campaign.partners.all()),
            "screening": selectors.screening_during(campaign),
            "can_manage": can_manage_campaigns(request.user, campaign),
        },
    )
