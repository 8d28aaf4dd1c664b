"""Pages that change a legal case: stage, charges, suspects, hearings, victims, sharing.

Each is a small form page: the case is fetched through the scoped selector (404 outside the
viewer's scope), only its managers may write (403 otherwise), and the service decides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.confirm import ask_first
from waspada.legal import records, selectors, services, stages
from waspada.legal.forms import (
    ChargeForm,
    HearingForm,
    LinkVictimForm,
    ShareForm,
    StageForm,
    SuspectForm,
)
from waspada.legal.models import LegalCase
from waspada.ui.access import require_perm

Action = Callable[[AuthenticatedRequest, LegalCase, dict[str, Any]], object]


def _managed(request: AuthenticatedRequest, code: str) -> LegalCase | None:
    legal_case = selectors.get_legal_case_for(request.user, code)
    return legal_case if selectors.can_manage_legal_case(request.user, legal_case) else None


def _label(field: str) -> str:
    if field == "charges":
        return str(gettext_lazy("Dakwaan"))
    try:
        return str(getattr(LegalCase._meta.get_field(field), "verbose_name", field)).capitalize()
    except FieldDoesNotExist:
        return field


def _apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Errors on the form's fields go there; others (data a stage needs) are named."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, messages_ in exc.message_dict.items():
        if field in form.fields:
            form.add_error(field, messages_)
        else:
            form.add_error(None, [f"{_label(field)}: {message}" for message in messages_])


def _form_page(
    request: AuthenticatedRequest,
    code: str,
    *,
    form_class: type[forms.Form],
    action: Action,
    heading: Any,
    done: Any,
    form_kwargs: Callable[[LegalCase], dict[str, Any]] | None = None,
) -> HttpResponse:
    legal_case = _managed(request, code)
    if legal_case is None:
        return render(request, "ui/403.html", status=403)
    extra = form_kwargs(legal_case) if form_kwargs else {}
    form = form_class(request.POST or None, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            action(request, legal_case, form.cleaned_data)
        except services.ConflictError as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, str(done))
            return redirect("legal:detail", code=legal_case.code)
    return render(
        request,
        "legal/form.html",
        {"form": form, "legal_case": legal_case, "heading": heading},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROSECUTION_MANAGE)
def stage_change(request: AuthenticatedRequest, code: str) -> HttpResponse:
    def action(
        request: AuthenticatedRequest, legal_case: LegalCase, data: dict[str, Any]
    ) -> object:
        return services.stage_change(
            actor=request.user,
            legal_case=legal_case,
            to_stage=data["to_stage"],
            reason=data["reason"],
            version=data["version"],
            request=request,
        )

    def kwargs(legal_case: LegalCase) -> dict[str, Any]:
        return {
            "targets": stages.allowed_targets(legal_case.stage),
            "initial": {"version": legal_case.version},
        }

    return _form_page(
        request,
        code,
        form_class=StageForm,
        action=action,
        form_kwargs=kwargs,
        heading=gettext_lazy("Ubah tahap perkara"),
        done=gettext_lazy("Tahap perkara diubah."),
    )


def _record_page(
    form_class: type[forms.Form], add: Callable[..., object], *, heading: Any, done: Any
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A page that adds one record (charge, suspect, hearing) through ``records``."""

    @require_http_methods(["GET", "POST"])
    @require_perm(Perm.PROSECUTION_MANAGE)
    def page(request: AuthenticatedRequest, code: str) -> HttpResponse:
        def action(
            request: AuthenticatedRequest, legal_case: LegalCase, data: dict[str, Any]
        ) -> object:
            return add(actor=request.user, legal_case=legal_case, data=data, request=request)

        return _form_page(
            request, code, form_class=form_class, action=action, heading=heading, done=done
        )

    return page


charge_add = _record_page(
    ChargeForm, records.charge_add,
    heading=gettext_lazy("Tambah dakwaan"), done=gettext_lazy("Dakwaan ditambahkan."),
)  # fmt: skip
suspect_add = _record_page(
    SuspectForm, records.suspect_add,
    heading=gettext_lazy("Tambah tersangka"), done=gettext_lazy("Tersangka ditambahkan."),
)  # fmt: skip
hearing_add = _record_page(
    HearingForm, records.hearing_add,
    heading=gettext_lazy("Jadwalkan sidang"), done=gettext_lazy("Sidang dijadwalkan."),
)  # fmt: skip


@require_POST
@require_perm(Perm.PROSECUTION_MANAGE)
def charge_remove(request: AuthenticatedRequest, code: str, pk: int) -> HttpResponse:
    legal_case = _managed(request, code)
    if legal_case is None:
        return render(request, "ui/403.html", status=403)
    charge = get_object_or_404(legal_case.charges, pk=pk)
    detail = f"{charge.instrument} {charge.article}: {charge.offence_id}"
    question = _("Hapus dakwaan ini dari perkara?")
    if (asked := ask_first(request, question, detail=detail)) is not None:
        return asked
    records.charge_remove(actor=request.user, charge=charge, request=request)
    messages.success(request, _("Dakwaan dihapus."))
    return redirect("legal:detail", code=legal_case.code)


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROSECUTION_MANAGE)
def victim_link(request: AuthenticatedRequest, code: str) -> HttpResponse:
    def action(
        request: AuthenticatedRequest, legal_case: LegalCase, data: dict[str, Any]
    ) -> object:
        services.victim_case_link(
            actor=request.user,
            legal_case=legal_case,
            case_code=data["case_code"],
            request=request,
        )
        return None

    return _form_page(
        request,
        code,
        form_class=LinkVictimForm,
        action=action,
        heading=gettext_lazy("Tautkan kasus korban"),
        done=gettext_lazy("Kasus korban ditautkan."),
    )


@require_POST
@require_perm(Perm.PROSECUTION_MANAGE)
def victim_unlink(request: AuthenticatedRequest, code: str, case_code: str) -> HttpResponse:
    legal_case = _managed(request, code)
    if legal_case is None:
        return render(request, "ui/403.html", status=403)
    question = _("Lepaskan tautan kasus korban %(case)s dari perkara ini?") % {"case": case_code}
    if (asked := ask_first(request, question, button=_("Ya, lepaskan"))) is not None:
        return asked
    try:
        services.victim_case_unlink(
            actor=request.user, legal_case=legal_case, case_code=case_code, request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Tautan kasus korban dilepas."))
    return redirect("legal:detail", code=legal_case.code)


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROSECUTION_MANAGE)
def share(request: AuthenticatedRequest, code: str) -> HttpResponse:
    def action(
        request: AuthenticatedRequest, legal_case: LegalCase, data: dict[str, Any]
    ) -> object:
        return services.legal_case_share(
            actor=request.user,
            legal_case=legal_case,
            organisation_id=data["organisation"].pk,
            request=request,
        )

    return _form_page(
        request,
        code,
        form_class=ShareForm,
        action=action,
        heading=gettext_lazy("Bagikan perkara ke organisasi lain"),
        done=gettext_lazy("Perkara dibagikan."),
    )


@require_POST
@require_perm(Perm.PROSECUTION_MANAGE)
def unshare(request: AuthenticatedRequest, code: str, organisation_id: int) -> HttpResponse:
    legal_case = _managed(request, code)
    if legal_case is None:
        return render(request, "ui/403.html", status=403)
    question = _("Hentikan berbagi perkara ini dengan organisasi tersebut?")
    if (asked := ask_first(request, question, button=_("Ya, hentikan berbagi"))) is not None:
        return asked
    try:
        services.legal_case_unshare(
            actor=request.user,
            legal_case=legal_case,
            organisation_id=organisation_id,
            request=request,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Berbagi perkara dihentikan."))
    return redirect("legal:detail", code=legal_case.code)
