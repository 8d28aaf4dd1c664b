"""Pages of data sharing: the release register, request, approve or refuse, download; the
agreements. Access is decided by ``sharing.access``; rules by ``sharing.services``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waspada.accounts.models import Organisation
from waspada.accounts.permissions import Perm, can
from waspada.accounts.requests import AuthenticatedRequest
from waspada.sharing import ledger, services
from waspada.sharing.access import (
    agreements_for,
    get_release_for,
    may_approve,
    releases_for,
    releases_to_decide,
)
from waspada.sharing.forms import AgreementForm, RefuseForm, ReleaseRequestForm
from waspada.sharing.models import ReleaseStatus
from waspada.ui.access import require_perm


def _budgets(request: AuthenticatedRequest) -> list[tuple[str, ledger.Budget]]:
    year = timezone.localdate().year
    rows = [(_("Platform"), ledger.budget(None, year))]
    if request.user.organisation_id:
        name = request.user.organisation.name if request.user.organisation else ""
        rows.append((name, ledger.budget(request.user.organisation_id, year)))
    return rows


@require_GET
@require_perm(Perm.SHARING_REQUEST)
def release_list(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(releases_for(request.user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "sharing/list.html",
        {
            "page": page,
            "budgets": _budgets(request),
            "to_decide": releases_to_decide(request.user),
            "can_agree": can(request.user, Perm.SHARING_AGREEMENTS),
        },
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require_perm(Perm.SHARING_REQUEST)
def release_request(request: AuthenticatedRequest) -> HttpResponse:
    agreements = agreements_for(request.user)
    form = ReleaseRequestForm(request.POST or None, agreements=agreements)
    if request.method == "POST" and form.is_valid():
        chosen = str(form.cleaned_data.get("agreement") or "")
        agreement = agreements.filter(pk=int(chosen)).first() if chosen.isdigit() else None
        if agreement is None:
            form.add_error("agreement", _("Pilih perjanjian yang berlaku."))
        else:
            try:
                release = services.release_request(
                    actor=request.user, agreement=agreement, data=form.service_data(),
                    request=request,
                )  # fmt: skip
            except ValidationError as exc:
                form.apply_errors(exc)
            else:
                messages.success(
                    request, _("Permintaan rilis dicatat; menunggu persetujuan orang lain.")
                )
                return redirect("sharing:detail", pk=release.pk)
    return render(request, "sharing/request.html", {"form": form})


@require_GET
@require_perm(Perm.SHARING_REQUEST)
def release_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    release = get_release_for(request.user, pk)
    decidable = release.status == ReleaseStatus.REQUESTED and may_approve(request.user, release)
    return render(
        request,
        "sharing/detail.html",
        {
            "release": release,
            "parameters": [
                (name, ", ".join(map(str, value)) if isinstance(value, list) else value)
                for name, value in release.parameters.items()
            ],
            "own": release.requested_by_id == request.user.pk,
            "can_decide": decidable,
            "refuse_form": RefuseForm(),
            "downloads": list(release.downloads.select_related("user")),
        },
    )


@require_POST
@require_perm(Perm.SHARING_APPROVE)
def release_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    release = get_release_for(request.user, pk)
    try:
        services.release_approve(actor=request.user, release=release, request=request)
    except ValidationError as exc:
        for line in exc.messages:
            messages.error(request, line)
    else:
        messages.success(request, _("Rilis disetujui; berkasnya sudah dibuat."))
    return redirect("sharing:detail", pk=release.pk)


@require_POST
@require_perm(Perm.SHARING_APPROVE)
def release_refuse(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    release = get_release_for(request.user, pk)
    form = RefuseForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.release_refuse(actor=request.user, release=release, reason=reason, request=request)
    except ValidationError as exc:
        for line in exc.messages:
            messages.error(request, line)
    else:
        messages.success(request, _("Rilis ditolak."))
    return redirect("sharing:detail", pk=release.pk)


@require_GET
@require_perm(Perm.SHARING_REQUEST)
def release_download(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    release = get_release_for(request.user, pk)
    try:
        path, content_type = services.release_download(
            actor=request.user, release=release, channel="page", request=request
        )
    except ValidationError as exc:
        for line in exc.messages:
            messages.error(request, line)
        return redirect("sharing:detail", pk=release.pk)
    # A file response streams the file; typed as the HttpResponse every view returns.
    response: Any = FileResponse(path.open("rb"), content_type=content_type, as_attachment=True,
                            filename=release.file_name)  # fmt: skip
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@require_perm(Perm.SHARING_REQUEST)
def agreement_list(request: AuthenticatedRequest) -> HttpResponse:
    can_agree = can(request.user, Perm.SHARING_AGREEMENTS)
    form = AgreementForm(request.POST or None) if can_agree else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            organisation_id = form.cleaned_data.get("organisation")
            if organisation_id and not (
                str(organisation_id).isdigit()
                and Organisation.objects.filter(pk=organisation_id, is_active=True).exists()
            ):
                form.add_error("organisation", _("Organisasi tidak dikenal."))
            else:
                try:
                    services.agreement_create(
                        actor=request.user, data=form.cleaned_data, request=request,
                        organisation_id=int(organisation_id) if organisation_id else None,
                    )  # fmt: skip
                except ValidationError as exc:
                    form.apply_errors(exc)
                else:
                    messages.success(request, _("Perjanjian dicatat."))
                    return redirect("sharing:agreements")
    today = timezone.localdate()
    return render(
        request,
        "sharing/agreements.html",
        {"agreements": agreements_for(request.user), "form": form, "today": today},
    )
