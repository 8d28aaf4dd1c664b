"""Pages of recruitment intelligence: lookup, cluster, alerts, dossier; and the public check."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waspada.accounts.permissions import Perm, can
from waspada.accounts.requests import AuthenticatedRequest
from waspada.audit.services import client_ip
from waspada.intel import dossier, network, selectors, services
from waspada.intel.forms import AttachForm, LookupForm, MergeForm, SplitForm
from waspada.legal.selectors import get_legal_case_for
from waspada.ratelimit import rate_limited
from waspada.ui.access import require_perm

_NOT_AN_IDENTIFIER = _lazy(
    "Ini bukan nomor telepon, akun, tautan, e-mail, rekening atau nama perusahaan yang dikenali."
)


@require_GET
@require_perm(Perm.INTEL_VIEW)
def lookup(request: AuthenticatedRequest) -> HttpResponse:
    form = LookupForm(request.GET or None)
    context: dict[str, object] = {"form": form}
    if request.GET and form.is_valid():
        try:
            result = selectors.lookup(
                viewer=request.user, text=form.cleaned_data["value"], request=request
            )
        except selectors.NotAnIdentifier:
            form.add_error("value", _NOT_AN_IDENTIFIER)
        else:
            context["result"] = result
            if result.view:
                context["view"] = result.view
                context["picture"] = network.layout(result.view.identifiers, result.view.links)
    return render(request, "intel/lookup.html", context)


@require_GET
@require_perm(Perm.INTEL_VIEW)
def cluster(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = selectors.get_cluster_for(request.user, pk)
    if found.pk != pk:
        return redirect("intel:cluster", pk=found.pk)
    page = request.GET.get("page", "1")
    view = selectors.cluster_view(viewer=request.user, cluster=found, request=request,
                                  page=int(page) if page.isdigit() else 1)  # fmt: skip
    return render(
        request,
        "intel/cluster.html",
        {
            "view": view,
            "picture": network.layout(view.identifiers, view.links),
            "can_manage": can(request.user, Perm.INTEL_MANAGE),
            "merge_form": MergeForm(),
            "attach_form": AttachForm(),
        },
    )


@require_POST
@require_perm(Perm.INTEL_VIEW)
def watch(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = selectors.get_cluster_for(request.user, pk)
    on = request.POST.get("on") == "1"
    services.watch_set(user=request.user, cluster=found, on=on)
    messages.success(request, _("Jaringan ini Anda pantau.") if on else _("Tidak dipantau lagi."))
    return redirect("intel:cluster", pk=found.pk)


@require_POST
@require_perm(Perm.INTEL_MANAGE)
def merge(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = selectors.get_cluster_for(request.user, pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi nomor jaringan dan alasannya."))
        return redirect("intel:cluster", pk=found.pk)
    other = selectors.get_cluster_for(request.user, form.cleaned_data["other"])
    try:
        target = services.cluster_merge(
            actor=request.user,
            cluster=found,
            other=other,
            reason=form.cleaned_data["reason"],
            request=request,
        )
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
        return redirect("intel:cluster", pk=found.pk)
    messages.success(request, _("Jaringan digabung."))
    return redirect("intel:cluster", pk=target.pk)


@require_POST
@require_perm(Perm.INTEL_MANAGE)
def split(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = selectors.get_cluster_for(request.user, pk)
    form = SplitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tulis alasan memisahkan tautan ini."))
        return redirect("intel:cluster", pk=found.pk)
    try:
        services.link_split(actor=request.user, cluster=found, a_id=form.cleaned_data["a"],
                            b_id=form.cleaned_data["b"], reason=form.cleaned_data["reason"],
                            request=request)  # fmt: skip
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, _("Tautan dipisah."))
    return redirect("intel:cluster", pk=found.pk)


@require_GET
@require_perm(Perm.INTEL_MANAGE)
def dossier_download(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("pdf", "zip"):
        raise Http404
    found = selectors.get_cluster_for(request.user, pk)
    built = dossier.dossier_build(viewer=request.user, cluster=found, request=request)
    if fmt == "pdf":
        response = HttpResponse(built.pdf, content_type="application/pdf")
    else:
        response = HttpResponse(built.zip, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{built.name}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@require_perm(Perm.INTEL_MANAGE)
def dossier_attach(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = selectors.get_cluster_for(request.user, pk)
    form = AttachForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi kode perkara hukum."))
        return redirect("intel:cluster", pk=found.pk)
    legal_case = get_legal_case_for(request.user, form.cleaned_data["legal_case"].strip().upper())
    item = dossier.dossier_attach(actor=request.user, cluster=found, legal_case=legal_case,
                                  request=request)  # fmt: skip
    messages.success(
        request, _("Dosir dilampirkan sebagai barang bukti #%(id)d.") % {"id": item.pk}
    )
    return redirect("legal:detail", code=legal_case.code)


@require_http_methods(["GET", "POST"])
@require_perm(Perm.INTEL_VIEW)
def alerts(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        services.alerts_mark_read(user=request.user)
        return redirect("intel:alerts")
    rows = selectors.alerts_for(request.user, unread_only=False, limit=100)
    return render(request, "intel/alerts.html", {"alerts": rows})


@require_GET
def public_check(request: HttpRequest) -> HttpResponse:
    """Public: is this number/account in at least three independent reports? Nothing more."""
    form = LookupForm(request.GET or None)
    context: dict[str, object] = {"form": form}
    status = 200
    if request.GET:
        limit = settings.WASPADA_SCREEN_RATE_PER_MINUTE
        if rate_limited("check-contact", client_ip(request) or "-", limit=limit):
            context["rate_limited"] = True
            status = 429
        elif form.is_valid():
            try:
                reported, count = selectors.public_check(form.cleaned_data["value"])
            except selectors.NotAnIdentifier:
                form.add_error("value", _NOT_AN_IDENTIFIER)
            else:
                context["checked"] = True
                context["reported"] = reported
                context["count"] = count
    return render(request, "intel/public_check.html", context, status=status)
