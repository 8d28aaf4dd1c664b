"""The duty officers' pages: the triage queue, a report, its actions, and its conversion into
a case. Thin views: look the report up through ``selectors.get_report_for``, call a service
from ``triage``, redirect back with a message."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waspada.accounts.permissions import Perm
from waspada.cases import reference as case_reference
from waspada.cases import services as case_services
from waspada.cases.forms import RegisterForm
from waspada.cases.models import ConsentKind
from waspada.lapor import reference, selectors, triage
from waspada.lapor.forms import CloseForm, MessageForm, QueueForm
from waspada.lapor.models import PublicReport, ReportAttachment
from waspada.referrals.models import ServiceOffering
from waspada.ui.access import require_perm


def _user(request: HttpRequest) -> Any:
    return request.user


@require_GET
@require_perm(Perm.LAPOR_TRIAGE)
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.QueueFilters(
        view=data.get("view") or "open",
        kind=data.get("kind") or "",
        priority=data.get("priority") or "",
        contact=data.get("contact") or "",
    )
    page = Paginator(selectors.queue(viewer=request.user, filters=filters), 25).get_page(
        request.GET.get("page")
    )
    rows = [
        (
            report,
            selectors.timing(report),
            [reference.reason_label(r) for r in report.priority_reasons],
            case_reference.country_name(report.country) if report.country else "",
        )
        for report in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "lapor/queue.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


@require_GET
@require_perm(Perm.LAPOR_TRIAGE)
def detail(request: HttpRequest, code: str) -> HttpResponse:
    report = selectors.get_report_for(request.user, code)
    opened = triage.report_open(viewer=_user(request), report=report, request=request)
    can_act = triage.can_act(request.user, report) and report.status != "closed"
    context: dict[str, Any] = {
        "report": report,
        "opened": opened,
        "timing": selectors.timing(report),
        "reasons": [reference.reason_label(r) for r in report.priority_reasons],
        "situations": [reference.label("situations", s) for s in report.situations],
        "country_name": case_reference.country_name(report.country) if report.country else "",
        "thread": triage.thread(report),
        "attachments": [(a, triage.attachment_name(report, a)) for a in report.attachments.all()],
        "duplicates": selectors.duplicates_for(viewer=request.user, report=report, opened=opened),
        "contacts": report.contacts.all(),
        "can_act": can_act,
        "close_reason": triage.close_reason(report),
        "offerings": [
            (offering, case_reference.label("service_types", offering.service_type))
            for offering in ServiceOffering.objects.filter(
                is_active=True, organisation__is_active=True
            )
            .exclude(organisation_id=_user(request).organisation_id)
            .select_related("organisation")
        ]
        if can_act
        else [],
        "labels": {
            "relation": reference.label("relations", (opened or {}).get("reporter_relation", "")),
            "seen_on": reference.label("seen_on", report.seen_on) if report.seen_on else "",
            "service": case_reference.label("service_types", report.referred_service),
            "sex": case_reference.label("sex", (opened or {}).get("person_sex") or "")
            if (opened or {}).get("person_sex")
            else "",
        },
    }
    return render(request, "lapor/detail.html", context)


def _back(report: PublicReport) -> HttpResponse:
    return redirect("lapor:detail", code=report.tracking_code)


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@require_POST
@require_perm(Perm.LAPOR_TRIAGE)
def claim(request: HttpRequest, code: str) -> HttpResponse:
    report = selectors.get_report_for(request.user, code)
    try:
        triage.report_claim(actor=_user(request), report=report, request=request)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request, _("Laporan %(code)s Anda tangani.") % {"code": report.tracking_code}
        )
    return _back(report)


@require_POST
@require_perm(Perm.LAPOR_TRIAGE)
def message(request: HttpRequest, code: str) -> HttpResponse:
    report = selectors.get_report_for(request.user, code)
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tulis pesannya dulu."))
        return _back(report)
    send = triage.report_message if form.cleaned_data["to_reporter"] else triage.report_note
    try:
        send(actor=_user(request), report=report, body=form.cleaned_data["body"], request=request)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            _("Pesan terkirim; pelapor membacanya di halaman kabar laporan.")
            if form.cleaned_data["to_reporter"]
            else _("Catatan disimpan (hanya untuk petugas)."),
        )
    return _back(report)


@require_POST
@require_perm(Perm.LAPOR_TRIAGE)
def close(request: HttpRequest, code: str) -> HttpResponse:
    report = selectors.get_report_for(request.user, code)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih cara menutup laporan."))
        return _back(report)
    actor, data = _user(request), form.cleaned_data
    try:
        if data["outcome"] == "intelligence":
            triage.report_close_intelligence(actor=actor, report=report, request=request)
        elif data["outcome"] == "duplicate":
            triage.report_close_duplicate(
                actor=actor, report=report, of_code=data["duplicate_of"] or "", request=request
            )
        elif data["outcome"] == "not_actionable":
            triage.report_close_not_actionable(
                actor=actor, report=report, reason=data["reason"] or "", request=request
            )
        else:
            offering = get_object_or_404(ServiceOffering, pk=data["offering"] or 0)
            triage.report_refer(actor=actor, report=report, offering=offering, request=request)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request, _("Laporan ditutup: %(outcome)s.") % {"outcome": report.get_outcome_display()}
        )
    return _back(report)


@require_http_methods(["GET", "POST"])
@require_perm(Perm.LAPOR_TRIAGE)
@require_perm(Perm.PROTECTION_MANAGE)
def convert(request: HttpRequest, code: str) -> HttpResponse:
    """The case registration, pre-filled from the report; registering closes the report."""
    report = selectors.get_report_for(request.user, code)
    if not triage.can_act(request.user, report) or report.status == "closed":
        raise PermissionDenied
    duplicates: list[case_services.Duplicate] = []
    if request.method == "POST":
        form = RegisterForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("consent_")}
            duplicates = case_services.duplicates_find(viewer=_user(request), data=data)
            if not duplicates or form.cleaned_data["confirm_duplicate"]:
                consents = {
                    kind.value: bool(form.cleaned_data[f"consent_{kind.value}"])
                    for kind in ConsentKind
                }
                try:
                    case = triage.report_convert_to_case(
                        actor=_user(request), report=report, data=data, consents=consents,
                        request=request,
                    )  # fmt: skip
                except ValidationError as exc:
                    form.apply_errors(exc)
                else:
                    messages.success(
                        request,
                        _("Kasus %(case)s terdaftar dari laporan %(code)s.")
                        % {"case": case.code, "code": report.tracking_code},
                    )
                    return redirect("cases:detail", code=case.code)
    else:
        opened = triage.report_open(viewer=_user(request), report=report, request=request)
        form = RegisterForm(initial=triage.case_prefill(report, opened or {}))
    return render(
        request, "lapor/convert.html", {"form": form, "report": report, "duplicates": duplicates}
    )


@require_GET
def attachment(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    """Scoped by ``get_report_for`` (nothing without ``lapor.triage``); the service audits."""
    report = selectors.get_report_for(request.user, code)
    item = get_object_or_404(ReportAttachment, pk=pk, report=report)
    try:
        chunks = triage.attachment_content(
            actor=_user(request), report=report, attachment=item, request=request
        )
    except triage.AttachmentUnavailable:
        messages.error(request, _("Lampiran ini tidak bisa dibuka (sudah dihapus atau rusak)."))
        return _back(report)
    response = StreamingHttpResponse(chunks, content_type=item.content_type)
    response["Content-Disposition"] = f'attachment; filename="lampiran-{item.pk}.{item.extension}"'
    response["Content-Length"] = str(item.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
