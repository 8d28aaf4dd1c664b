"""Administration of reference data that other pages rely on: the service directory and
each organisation's identification-approval policy."""

from __future__ import annotations

from typing import Any

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
from waspada.confirm import ask_first
from waspada.identification.services import policy_set
from waspada.referrals.models import ServiceOffering
from waspada.referrals.services import service_offering_add, service_offering_remove
from waspada.referrals.validation import OFFERING_LIMITS
from waspada.ui.access import require_perm
from waspada.ui.forms import (
    OfferedChoiceField,
    OfferedModelChoiceField,
    ValidatedForm,
    labelled_messages,
    set_choices,
    set_queryset,
    text_field,
)


class OfferingForm(ValidatedForm):
    """Parses and displays; ``referrals.validation.validate_service_offering`` decides."""

    limits = OFFERING_LIMITS
    mandatory = ("organisation", "service_type")
    organisation = OfferedModelChoiceField(
        label=gettext_lazy("Organisasi"),
        queryset=Organisation.objects.none(),
        required=False,
        label_attribute="name",
    )
    service_type = OfferedChoiceField(label=gettext_lazy("Jenis layanan"), required=False)
    regions = text_field(gettext_lazy("Wilayah"))
    description = text_field(gettext_lazy("Keterangan"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "organisation", Organisation.objects.filter(is_active=True))
        set_choices(self, "service_type", reference.choices("service_types"))


@require_POST
@require_perm(Perm.ADMIN_MANAGE_USERS)
def offering_add(request: AuthenticatedRequest) -> HttpResponse:
    form = OfferingForm(request.POST)
    if not form.is_valid():  # only text it cannot read (a NUL character)
        problems = labelled_messages(form, form.errors)
    else:
        try:
            service_offering_add(actor=request.user, data=form.cleaned_data, request=request)
        except ValidationError as exc:
            problems = labelled_messages(form, exc.message_dict)
        else:
            messages.success(request, _("Layanan ditambahkan ke direktori."))
            return redirect("administration:index")
    for problem in problems:
        messages.error(request, problem)
    return redirect("administration:index")


@require_POST
@require_perm(Perm.ADMIN_MANAGE_USERS)
def offering_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offering = get_object_or_404(ServiceOffering, pk=pk, is_active=True)
    question = _("Hapus layanan ini dari daftar layanan organisasi?")
    detail = f"{offering.organisation} · {reference.label('service_types', offering.service_type)}"
    if (asked := ask_first(request, question, detail=detail)) is not None:
        return asked
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
