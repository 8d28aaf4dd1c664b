"""The public job-offer check (Cek Lowongan), the Prevention section and the review queue."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waspada.accounts.permissions import Perm, can
from waspada.accounts.requests import AuthenticatedRequest
from waspada.audit.services import client_ip
from waspada.prevention import selectors, services
from waspada.prevention.forms import CheckForm, LabelForm
from waspada.prevention.highlight import segments
from waspada.prevention.models import ReviewLabel
from waspada.ratelimit import rate_limited
from waspada.screening.errors import ScreeningInputError
from waspada.ui import service_info
from waspada.ui.access import require_perm

TOP_REASONS = 3  # the strongest red flags shown on the first screen of a phone


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    """Public page: paste a text, get the verdict, the red flags and what to do next."""
    form = CheckForm(request.POST or None)
    context: dict[str, object] = {"form": form, "hotlines": service_info.hotlines()}
    status = 200
    if request.method == "POST":
        limit = settings.WASPADA_SCREEN_RATE_PER_MINUTE
        if rate_limited("screen", client_ip(request) or "-", limit=limit):
            context["rate_limited"] = True
            status = 429
        elif form.is_valid():
            text = form.cleaned_data["text"]
            try:
                assessment = services.offer_screen(text=text, lang=None, channel="web")
            except ScreeningInputError:
                form.add_error("text", _("Teks ini tidak bisa diperiksa. Coba teks lain."))
            else:
                flags = [i for i in assessment["indicators"] if i["polarity"] == "risk"]
                context["assessment"] = assessment
                context["flags"] = flags
                context["top_flags"] = strongest(flags)[:TOP_REASONS]
                context["mitigating"] = [i for i in assessment["indicators"] if i not in flags]
                context["segments"] = segments(text, flags)
                if form.cleaned_data["share"]:
                    services.offer_share(text=text, assessment=assessment, request=request)
                    context["shared"] = True
    return render(request, "prevention/check.html", context, status=status)


def strongest(flags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Red flags from the authorities' rules first, strongest first; the model's "resembles
    known scams" reason explains least, so it comes after them."""
    return sorted(
        flags, key=lambda f: (str(f["code"]).startswith("MODEL_"), -float(f.get("weight", 0)))
    )


@require_GET
@require_perm(Perm.PREVENTION_VIEW)
def home(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "prevention/home.html",
        {"can_review": can(request.user, Perm.SCREENING_REVIEW)},
    )


@require_GET
@require_perm(Perm.SCREENING_REVIEW)
def review_queue(request: AuthenticatedRequest) -> HttpResponse:
    status = "done" if request.GET.get("status") == "done" else "pending"
    offers = selectors.review_queue(viewer=request.user, status=status)
    return render(
        request,
        "prevention/review.html",
        {"offers": offers, "status": status, "labels": ReviewLabel.choices},
    )


@require_POST
@require_perm(Perm.SCREENING_REVIEW)
def review_label(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = selectors.get_shared_offer_for(request.user, pk)
    form = LabelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih salah satu label."))
    else:
        services.shared_offer_label(
            offer=offer,
            label=ReviewLabel(form.cleaned_data["label"]),
            reviewer=request.user,
            request=request,
        )
        messages.success(request, _("Label disimpan untuk teks #%(id)d.") % {"id": offer.pk})
    return redirect("prevention:review")
