"""Pages of the shell: home, staff landing page, health check, error pages."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.http import require_GET

from waspada.accounts.permissions import DESCRIPTIONS, Perm, can, permissions_for
from waspada.accounts.requests import AuthenticatedRequest
from waspada.ui import service_info
from waspada.ui.public import API_PREFIX


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "ui/home.html",
        {
            "hotlines": service_info.hotlines(),
            "contacts": service_info.contacts(),
            "operator": service_info.operator(),
        },
    )


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
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    role = getattr(user, "role", "")
    perms = permissions_for(role) if role and can(user, Perm.API_USE) else []
    allowed = [DESCRIPTIONS[perm] for perm in perms]
    return render(request, "ui/dashboard.html", {"permissions": allowed})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "ui/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):  # an address no endpoint answers
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "ui/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Errors the API's own handler never sees (in a middleware) are JSON under /api/ too."""
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": "Internal server error."}, status=500)
    return defaults.server_error(request)
