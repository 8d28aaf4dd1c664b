"""Pages of the evidence vault: upload, the item with its chain of custody, download,
hand-over, verification, export of a legal case, and the evidence of a victim's case."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases.selectors import get_case_for
from waspada.evidence import selectors, services
from waspada.evidence.export import legal_case_export
from waspada.evidence.forms import HandoverForm, UploadForm
from waspada.evidence.models import EvidenceItem
from waspada.evidence.validation import max_upload_bytes
from waspada.legal.selectors import can_manage_legal_case, get_legal_case_for
from waspada.ui.access import require_perm


def legal_case_url(code: str) -> str:
    """The legal case's page (the legal app's list until its detail page exists)."""
    try:
        return reverse("legal:detail", args=[code])
    except NoReverseMatch:
        return reverse("legal:list")


def _owner_url(item: EvidenceItem) -> str:
    if item.legal_case is not None:
        return legal_case_url(item.legal_case.code)
    assert item.case is not None
    return reverse("evidence:case_items", args=[item.case.code])


def _upload(request: AuthenticatedRequest, **owner: Any) -> HttpResponse:
    target = owner.get("legal_case") or owner.get("case")
    assert target is not None
    back = (
        legal_case_url(target.code)
        if owner.get("legal_case") is not None
        else reverse("evidence:case_items", args=[target.code])
    )
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                item = services.item_upload(
                    actor=request.user,
                    upload=form.cleaned_data["file"],
                    kind=form.cleaned_data["kind"],
                    description=form.cleaned_data["description"],
                    request=request,
                    **owner,
                )
            except ValidationError as exc:
                form.apply_errors(exc)
            else:
                messages.success(request, _("Barang bukti tersimpan dan terenkripsi."))
                return redirect("evidence:item", pk=item.pk)
        status = 400
    return render(
        request,
        "evidence/upload.html",
        {
            "form": form,
            "target": target,
            "back": back,
            "max_mb": max_upload_bytes() // (1024 * 1024),
        },  # fmt: skip
        status=status,
    )


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROSECUTION_MANAGE)
def legal_upload(request: AuthenticatedRequest, code: str) -> HttpResponse:
    legal_case = get_legal_case_for(request.user, code)
    if not can_manage_legal_case(request.user, legal_case):
        raise PermissionDenied
    return _upload(request, legal_case=legal_case)


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def case_upload(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = get_case_for(request.user, code)
    if not selectors.can_manage_case(request.user, case):
        raise PermissionDenied
    return _upload(request, case=case)


@require_GET
@require_perm(Perm.PROTECTION_MANAGE)
def case_items(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = get_case_for(request.user, code)
    if not selectors.can_manage_case(request.user, case):
        raise PermissionDenied
    items = selectors.items_for_case(case)
    return render(request, "evidence/case_items.html", {"case": case, "items": items})


def _item_page(
    request: AuthenticatedRequest,
    item: EvidenceItem,
    opened: services.Opened,
    form: HandoverForm,
    status: int = 200,
) -> HttpResponse:
    context = {
        "item": item,
        "opened": opened,
        "custody": services.custody_log(item),
        "form": form,
        "back": _owner_url(item),
    }
    return render(request, "evidence/item.html", context, status=status)


@require_GET
def item_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = selectors.get_item_for(request.user, pk)
    opened = services.item_view(actor=request.user, item=item, request=request)
    return _item_page(request, item, opened, HandoverForm())


@require_GET
def item_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    item = selectors.get_item_for(request.user, pk)
    try:
        chunks = services.item_content(actor=request.user, item=item, request=request)
    except services.EvidenceUnavailable:
        messages.error(request, _("Berkas ini tidak dapat dibuka. Jalankan verifikasi."))
        return redirect("evidence:item", pk=item.pk)
    name = services.item_sealed(item).file_name or f"evidence-{item.pk}.{item.extension}"
    response = StreamingHttpResponse(chunks, content_type=item.content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Content-Length"] = str(item.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def item_handover(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = selectors.get_item_for(request.user, pk)
    form = HandoverForm(request.POST)
    if form.is_valid():
        try:
            services.item_handover(
                actor=request.user, item=item, data=form.cleaned_data, request=request
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, _("Penyerahan dicatat dalam lacak balak."))
            return redirect("evidence:item", pk=item.pk)
    return _item_page(request, item, services.item_sealed(item), form, status=400)


@require_POST
def item_verify(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = selectors.get_item_for(request.user, pk)
    problem = services.item_verify(actor=request.user, item=item, request=request)
    if problem:
        messages.error(request, _("Verifikasi GAGAL: isi berkas tidak cocok dengan SHA-256."))
    else:
        messages.success(request, _("Verifikasi berhasil: isi berkas cocok dengan SHA-256."))
    return redirect("evidence:item", pk=item.pk)


@require_POST
def legal_export(request: AuthenticatedRequest, code: str) -> HttpResponseBase:
    legal_case = get_legal_case_for(request.user, code)
    chunks = legal_case_export(actor=request.user, legal_case=legal_case, request=request)
    response = StreamingHttpResponse(chunks, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(
        True, f"bukti-{legal_case.code}.zip"
    )
    response["Cache-Control"] = "no-store"
    return response
