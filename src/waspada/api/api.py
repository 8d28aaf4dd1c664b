"""The JSON API, version 1. Every endpoint needs a Bearer token unless it says ``auth=None``.

Errors are answered by one handler (``waspada.ui.api_kit``), always as JSON ``ErrorOut``."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI, Status

from waspada import __version__
from waspada.accounts.permissions import Perm, can, permissions_for
from waspada.accounts.requests import AuthenticatedRequest
from waspada.api.auth import BearerToken, token_or_session_required
from waspada.api.schemas import MeOut, OrganisationOut
from waspada.assistance.api import router as assistance_router
from waspada.campaigns.api import router as campaigns_router
from waspada.cases.api import router as cases_router
from waspada.cases.api_casework import router as casework_router
from waspada.evidence.api import router as evidence_router
from waspada.identification.api import router as identification_router
from waspada.imports.api import router as imports_router
from waspada.intel.api import router as intel_router
from waspada.lapor.api import router as lapor_router
from waspada.legal.api import router as legal_router
from waspada.prevention.api import router as prevention_router
from waspada.referrals.api import router as referrals_router
from waspada.repatriation.api import router as repatriation_router
from waspada.reports.api import router as reports_router
from waspada.sharing.api import router as sharing_router
from waspada.trainings.api import router as trainings_router
from waspada.ui import api_kit
from waspada.ui.api_kit import ErrorOut
from waspada.workbench.api import router as workbench_router


class WaspadaAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return api_kit.document_errors(super().get_openapi_schema(**kwargs))


api = WaspadaAPI(
    title="Waspada API",
    version=__version__,
    description="API of Waspada, the platform against trafficking through online scams.",
    auth=BearerToken(),
    urls_namespace="api",
    openapi_url="/openapi.json",
    # Swagger UI served from django-ninja's own static files ("ninja" is an installed app, so
    # nothing comes from a CDN), for logged-in staff or a token holder.
    docs_url="/docs",
    docs_decorator=token_or_session_required,
)
api_kit.install(api)


api.add_router("", prevention_router)
api.add_router("", cases_router)
api.add_router("", casework_router)
api.add_router("", identification_router)
api.add_router("", assistance_router)
api.add_router("", referrals_router)
api.add_router("", repatriation_router)
api.add_router("", imports_router)
api.add_router("", legal_router)
api.add_router("", evidence_router)
api.add_router("", trainings_router)
api.add_router("", campaigns_router)
api.add_router("", lapor_router)
api.add_router("", reports_router)
api.add_router("", intel_router)
api.add_router("", sharing_router)
api.add_router("", workbench_router)


@api.get("/me", response={200: MeOut, 403: ErrorOut}, tags=["accounts"])
def me(request: AuthenticatedRequest) -> Status:
    """The user owning the token, their organisation and role."""
    user = request.user
    if not can(user, Perm.API_USE):
        return Status(403, {"detail": "This account has no role in an active organisation."})
    organisation = user.organisation
    return Status(
        200,
        {
            "id": user.pk,
            "username": user.get_username(),
            "role": user.role,
            "role_label": str(user.get_role_display()),
            "organisation": OrganisationOut.from_orm(organisation) if organisation else None,
            "permissions": [perm.value for perm in permissions_for(user.role)],
        },
    )
