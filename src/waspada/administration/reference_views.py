"""Administration of reference data that other pages rely on: the service directory and
each organisation's identification-approval policy."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from waspada.accounts.models import Organisation
from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases import reference
from waspada.identification.services import policy_set
from waspada.referrals.models import ServiceOffering
from waspada.referrals.services import service_offering_add, service_offering_remove
from waspada.ui.access import require_perm


class OfferingForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisasi"), queryset=Organisation.objects.filter(is_active=True)
    )
    service_type = forms.ChoiceField(label=gettext_lazy("Jenis layanan"))
    regions = forms.CharField(label=gettext_lazy("Wilayah"), max_length=200, required=False)
    description = forms.CharField(label=gettext_lazy("Keterangan"), max_length=300, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["service_type"].choices = reference.choices("service_types")  # type: ignore[attr-defined]
        self.fields["organisation"].label_from_instance = lambda org: org.name  # type: ignore[attr-defined]


@require_POST
@require_perm(Perm.ADMIN_MANAGE_USERS)
def offering_add(request: AuthenticatedRequest) -> HttpResponse:
    form = OfferingForm(request.POST)
    if form.is_valid():
        try:
            service_offering_add(actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Layanan ditambahkan ke direktori."))
    else:
        messages.error(request, _("Lengkapi organisasi dan jenis layanan."))
    return redirect("administration:index")


@require_POST
@require_perm(Perm.ADMIN_MANAGE_USERS)
def offering_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offering = get_object_or_404(ServiceOffering, pk=pk, is_active=True)
    service_offering_remove(actor=request.user, offering=offering, request=request)
    messages.success(request, _("Layanan dihapus dari direktori."))
    return redirect("administration:index")


@require_POST
@require_perm(Perm.ADMIN_MANAGE_USERS)
def identification_policy(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    required = request.POST.get("requires_approval") == "1"
    policy_set(
        actor=request.user,
        organisation=organisation,
        requires_approval=required,
        request=request,
    )
    messages.success(request, _("Kebijakan identifikasi disimpan."))
    return redirect("administration:index")
