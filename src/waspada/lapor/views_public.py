"""Public pages of Lapor: choose what to report, the three forms, and the status page.

No login, no JavaScript, Bahasa Indonesia first. Thin views: the form parses, the service
validates and stores; the code and PIN are shown once, in the answer to the POST itself (never
stored in a session, never in a URL), with ``Cache-Control: no-store``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from waspada.audit.services import client_ip
from waspada.lapor import reference, services
from waspada.lapor.forms import FORMS, HONEYPOT, StatusForm
from waspada.lapor.models import ReportKind
from waspada.screening.errors import MAX_TEXT_CHARS

SLUGS = {
    "sos": ReportKind.SOS,
    "lowongan": ReportKind.SUSPICIOUS_OFFER,
    "lainnya": ReportKind.OTHER,
}


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)  # the code, PIN and messages must not stay in caches
    return response


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    targets = {level: reference.target_hours(level) for level in ("urgent", "high", "normal")}
    return render(
        request, "lapor/index.html", {"hotlines": reference.hotlines(), "targets": targets}
    )


@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest, slug: str) -> HttpResponse:
    kind = SLUGS.get(slug)
    if kind is None:
        raise Http404
    form_class = FORMS[kind]
    # "Laporkan" from Cek Lowongan: the screened text comes along, nothing is stored yet.
    carried = request.method == "POST" and request.POST.get("from_check") == "1"
    if request.method == "GET" or carried:
        initial = {"description": request.POST.get("text", "")[:MAX_TEXT_CHARS]} if carried else {}
        return _form_page(request, form_class(initial=initial), kind, carried=carried)
    form = form_class(request.POST, request.FILES)
    if form.honeypot_filled:
        form.add_error(HONEYPOT, _("Kosongkan kolom ini, lalu kirim lagi."))
        return _form_page(request, form, kind, status=400)
    if not services.submission_allowed(client_ip(request) or "-"):
        return _form_page(request, form, kind, status=429, throttled=True)
    if form.is_valid():
        try:
            submitted = services.report_submit(
                data=form.report_data(),
                uploads=form.cleaned_data["attachments"],
                submission_token=form.cleaned_data["submission"],
                client=client_ip(request) or "",
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            return _private(
                render(
                    request,
                    "lapor/done.html",
                    {
                        "submitted": submitted,
                        "report": submitted.report,
                        "target_hours": reference.target_hours(submitted.report.priority),
                        "hotlines": reference.hotlines(submitted.report.country),
                    },
                )
            )
    return _form_page(request, form, kind, status=400)


def _form_page(
    request: HttpRequest, form: Any, kind: str, *, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {
        "form": form,
        "kind": kind,
        "kind_label": ReportKind(kind).label,
        "slug": next(slug for slug, value in SLUGS.items() if value == kind),
        "hotlines": reference.hotlines(),
        **extra,
    }
    return render(request, "lapor/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    """The reporter's view: status and staff messages, after the code and the PIN."""
    form = StatusForm(request.POST or None)
    context: dict[str, Any] = {"form": form}
    code = 200
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_for_reporter(
                code=form.cleaned_data["code"],
                pin=form.cleaned_data["pin"],
                client=client_ip(request) or "-",
            )
        except services.TooManyAttempts:
            context["locked"] = True
            code = 429
        except services.NotFound:
            form.add_error(None, _("Kode atau PIN salah. Periksa lagi catatan Anda."))
            code = 404
        else:
            context.update(
                {
                    "report": report,
                    "messages_for_reporter": services.messages_for_reporter(report),
                    "target_hours": reference.target_hours(report.priority),
                    "hotlines": reference.hotlines(report.country),
                    "form": StatusForm(),
                }
            )
    elif request.method == "POST":
        code = 400
    return _private(render(request, "lapor/status.html", context, status=code))
