"""Pages of the shell: home, dashboard, administration, health check."""

from __future__ import annotations

from django.contrib import messages
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from waspada.accounts import selectors as account_selectors
from waspada.accounts.permissions import DESCRIPTIONS, Perm, can, permissions_for
from waspada.audit import selectors as audit_selectors
from waspada.audit import services as audit
from waspada.identification.models import IdentificationPolicy
from waspada.referrals.selectors import service_directory
from waspada.web.access import require_perm
from waspada.web.admin_views import OfferingForm


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers; reveals nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    role = getattr(user, "role", "")
    perms = permissions_for(role) if role and can(user, Perm.API_USE) else []
    allowed = [DESCRIPTIONS[perm] for perm in perms]
    return render(request, "web/dashboard.html", {"permissions": allowed})


@require_GET
@require_perm(Perm.ADMIN_VIEW)
def administration(request: HttpRequest) -> HttpResponse:
    approval = dict(
        IdentificationPolicy.objects.values_list("organisation_id", "requires_approval")
    )
    organisations = list(account_selectors.organisation_list(viewer=request.user))
    for organisation in organisations:  # without a policy row, approval is required
        organisation.requires_approval = approval.get(organisation.pk, True)  # type: ignore[attr-defined]
    context = {
        "organisations": organisations,
        "users": account_selectors.user_list(viewer=request.user),
        "events": audit_selectors.audit_event_list_with_actors(viewer=request.user, limit=30),
        "offerings": service_directory().order_by("organisation__name", "service_type"),
        "offering_form": OfferingForm(),
    }
    return render(request, "web/administration.html", context)


@require_POST
@require_perm(Perm.AUDIT_VIEW)
def audit_verify(request: HttpRequest) -> HttpResponse:
    result = audit.verify()
    audit.record(
        "audit.chain.verified",
        actor=request.user,
        request=request,
        details={"ok": result.ok, "checked": result.checked, "bad_seq": result.bad_seq},
    )
    if result.ok:
        messages.success(
            request, _("Rantai audit utuh: %(n)d peristiwa diperiksa.") % {"n": result.checked}
        )
    else:
        messages.error(
            request,
            _("Rantai audit rusak pada peristiwa #%(seq)s: %(reason)s")
            % {"seq": result.bad_seq, "reason": result.reason},
        )
    return redirect("web:administration")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/404.html", status=404)
