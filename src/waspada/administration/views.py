"""The administration page: organisations, users, the service directory, the audit trail."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from waspada.accounts import selectors as account_selectors
from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.administration.reference_views import OfferingForm
from waspada.audit import selectors as audit_selectors
from waspada.audit import services as audit
from waspada.identification.models import IdentificationPolicy
from waspada.referrals.selectors import service_directory
from waspada.ui.access import require_perm


@require_GET
@require_perm(Perm.ADMIN_VIEW)
def index(request: AuthenticatedRequest) -> HttpResponse:
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
    return render(request, "administration/index.html", context)


@require_POST
@require_perm(Perm.AUDIT_VIEW)
def audit_verify(request: AuthenticatedRequest) -> HttpResponse:
    try:  # against the latest anchor kept outside the database
        outcome = audit.verify_latest()
        result, forged = outcome.result, outcome.forged_anchors
    except (OSError, ValueError):  # an unreadable anchor file: the chain alone
        result, forged = audit.verify(), 0
    audit.record(
        "audit.chain.verified",
        actor=request.user,
        request=request,
        details={"ok": result.ok and not forged, "checked": result.checked,
                 "bad_seq": result.bad_seq, "forged_anchors": forged},
    )  # fmt: skip
    if forged:
        messages.error(
            request,
            _("Berkas jangkar audit memuat %(n)d baris yang tidak sah (dipalsukan).")
            % {"n": forged},
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
    return redirect("administration:index")
