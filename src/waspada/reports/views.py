"""The 3P dashboard, its CSV/XLSX downloads and the annual report (page and PDF).

Thin views: the filters come from a form, the figures from ``selectors``, files from
``exports`` (which audits them). Who sees what is decided in ``scope``."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.accounts.roles import Role
from waspada.downloads import download_response
from waspada.reports import exports, jobs
from waspada.reports.annual import annual_figures
from waspada.reports.forms import AnnualForm, DashboardForm
from waspada.reports.headlines import dashboard_headlines
from waspada.reports.selectors import dashboard_figures
from waspada.ui.access import require_perm
from waspada.ui.periods import last_complete_year


def _form(request: AuthenticatedRequest) -> DashboardForm:
    fixed = getattr(request.user, "role", "") == Role.SUPERVISOR
    return DashboardForm(request.GET or None, fixed_organisation=fixed)


@require_GET
@require_perm(Perm.REPORTS_VIEW)
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    form = _form(request)
    filters = form.filters()
    figures = dashboard_figures(viewer=request.user, filters=filters)
    headlines = dashboard_headlines(viewer=request.user, filters=filters, figures=figures)
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "figures": figures,
            "headlines": headlines,
            "query": request.GET.urlencode(),
            "is_supervisor": request.user.role == Role.SUPERVISOR,
            "this_year": timezone.localdate().year,
        },
    )


@require_GET
@require_perm(Perm.REPORTS_VIEW)
def table_export(request: AuthenticatedRequest, key: str, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    try:
        exported = exports.table_export(
            actor=request.user, filters=_form(request).filters(), key=key, fmt=fmt,
            request=request,
        )  # fmt: skip
    except KeyError as exc:
        raise Http404 from exc
    return download_response(exported)


def _year(request: AuthenticatedRequest) -> tuple[AnnualForm, int]:
    default = last_complete_year()
    form = AnnualForm(request.GET if "year" in request.GET else {"year": default})
    return form, form.cleaned_data["year"] if form.is_valid() else default


@require_GET
@require_perm(Perm.REPORTS_VIEW)
def annual(request: AuthenticatedRequest) -> HttpResponse:
    form, year = _year(request)
    context: dict[str, Any] = {
        "form": form,
        "year": year,
        "figures": annual_figures(viewer=request.user, year=year),
        "generated": timezone.localtime(),
    }
    return render(request, "reports/annual.html", context)


@require_GET
@require_perm(Perm.REPORTS_VIEW)
def annual_pdf(request: AuthenticatedRequest) -> HttpResponse:
    _form_unused, year = _year(request)
    return download_response(exports.annual_export(actor=request.user, year=year, request=request))


@require_POST
@require_perm(Perm.REPORTS_VIEW)
def annual_pdf_start(request: AuthenticatedRequest) -> HttpResponse:
    """Make the annual PDF in the background; its progress and file are on the job's page."""
    form = AnnualForm(request.POST)
    year = form.cleaned_data["year"] if form.is_valid() else last_complete_year()
    job = jobs.annual_pdf_start(actor=request.user, year=year)
    return redirect("workbench:job", pk=job.pk)


@require_POST
@require_perm(Perm.REPORTS_VIEW)
def table_export_start(request: AuthenticatedRequest, key: str, fmt: str) -> HttpResponse:
    """A table of the dashboard as a file made in the background (large selections)."""
    if fmt not in exports.FORMATS:
        raise Http404
    query = request.POST.get("query", "")
    job = jobs.table_export_start(actor=request.user, query=query, key=key, fmt=fmt)
    return redirect("workbench:job", pk=job.pk)
