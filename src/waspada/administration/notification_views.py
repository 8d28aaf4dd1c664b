"""Which notification kinds an organisation makes mandatory: its users get them by e-mail at
once and cannot switch them off in their own settings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from waspada.accounts.administration import organisations_assignable_by
from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.notifications.models import Kind
from waspada.notifications.services import mandatory_kinds_of, mandatory_kinds_set
from waspada.ui.access import require_perm


@require_http_methods(["GET", "POST"])
@require_perm(Perm.ADMIN_MANAGE_USERS)
def mandatory_notifications(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = organisations_assignable_by(request.user).filter(pk=pk).first()
    if organisation is None:  # another organisation's rules: not even its existence
        raise Http404
    if request.method == "POST":
        try:
            mandatory_kinds_set(
                actor=request.user, organisation=organisation,
                kinds=request.POST.getlist("kinds"), request=request,
            )  # fmt: skip
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Notifikasi wajib disimpan."))
        return redirect("administration:mandatory_notifications", pk=organisation.pk)
    chosen = mandatory_kinds_of(organisation)
    rows = [(value, label, value in chosen) for value, label in Kind.choices]
    return render(
        request,
        "administration/mandatory_notifications.html",
        {"organisation": organisation, "rows": rows},
    )
