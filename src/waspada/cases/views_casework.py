"""Pages of case work: hand-over (transfer) and its BAST, notes, closure, assignment, and the
printable case summary. Thin: look the case up through the scoped helper, call a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.accounts.requests import AuthenticatedRequest
from waspada.audit import services as audit
from waspada.cases import casenotes, closure, reference, selectors, services, transfers
from waspada.cases.assignment import caseworker_load
from waspada.cases.forms_casework import AssignForm, CloseForm, NoteForm, TransferForm
from waspada.cases.models import Case, CaseStatus
from waspada.privacy import services as privacy
from waspada.ui.access import require_perm
from waspada.ui.forms import labelled_messages


def _tab_url(case: Case, tab: str) -> str:
    return f"{reverse('cases:detail', kwargs={'code': case.code})}?tab={tab}"


def transfers_context(request: AuthenticatedRequest, case: Case) -> dict[str, Any]:
    owner = selectors.is_owner_side(request.user, case)
    may_request = owner and can(request.user, Perm.PROTECTION_MANAGE)
    mine = request.user.organisation_id
    chain = [
        {
            "transfer": t,
            "items": [reference.label("handover_items", i) for i in t.items],
            "printable": bool(t.bast_number)
            and mine in (t.from_organisation_id, t.to_organisation_id),
        }
        for t in transfers.transfer_chain(case)
    ]
    return {
        "chain": chain,
        "transfer_form": TransferForm(owner_id=case.organisation_id) if may_request else None,
        "sharing_consent": transfers.sharing_consented(case),
    }


@require_POST
@require_perm(Perm.PROTECTION_MANAGE)
def transfer_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, code)
    form = TransferForm(request.POST, owner_id=case.organisation_id)
    if form.is_valid():
        try:
            transfers.transfer_request(
                actor=request.user,
                case=case,
                to_organisation_id=form.cleaned_data["to_organisation"],
                items=form.cleaned_data["items"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except PermissionDenied:
            messages.error(request, _("Hanya organisasi pemilik kasus yang bisa menyerahkannya."))
        except ValidationError as exc:
            for line in labelled_messages(form, exc.message_dict):
                messages.error(request, line)
        else:
            messages.success(request, _("Permintaan serah terima dikirim."))
    return redirect(_tab_url(case, "serah-terima"))


@require_http_methods(["GET"])
@require_perm(Perm.PROTECTION_MANAGE)
def transfers_incoming(request: AuthenticatedRequest) -> HttpResponse:
    pending = list(transfers.incoming_for(request.user))
    labelled = [(t, [reference.label("handover_items", i) for i in t.items]) for t in pending]
    return render(request, "cases/transfers_incoming.html", {"transfers": labelled})


@require_POST
@require_perm(Perm.PROTECTION_MANAGE)
def transfer_answer(request: AuthenticatedRequest, transfer_id: int) -> HttpResponse:
    transfer = transfers.get_incoming_for(request.user, transfer_id)
    accept = request.POST.get("answer") == "accept"
    try:
        answered = transfers.transfer_answer(
            actor=request.user, transfer=transfer, accept=accept, request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("cases:transfers_incoming")
    if not accept:
        messages.success(request, _("Serah terima ditolak."))
        return redirect("cases:transfers_incoming")
    messages.success(request, _("Serah terima diterima. Kasus ini sekarang milik organisasi Anda."))
    return redirect(_tab_url(answered.case, "serah-terima"))


@require_http_methods(["GET"])
@require_perm(Perm.PROTECTION_VIEW)
def bast_print(request: AuthenticatedRequest, code: str, transfer_id: int) -> HttpResponse:
    case = selectors.get_case_for(request.user, code)
    context = transfers.bast_for(
        viewer=request.user, case=case, transfer_id=transfer_id, request=request
    )
    return render(request, "cases/bast.html", {"case": case, **context})


def notes_context(request: AuthenticatedRequest, case: Case) -> dict[str, Any]:
    may_write = (
        can(request.user, Perm.PROTECTION_MANAGE)
        and selectors.case_queryset_for(request.user, writing=True).filter(pk=case.pk).exists()
    )
    return {
        "notes": casenotes.notes_for(viewer=request.user, case=case, request=request),
        "note_form": NoteForm() if may_write and not case.person.erased_at else None,
    }


@require_POST
@require_perm(Perm.PROTECTION_MANAGE)
def note_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, code)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            casenotes.note_add(actor=request.user, case=case, data=form.cleaned_data,
                               request=request)  # fmt: skip
        except PermissionDenied:
            messages.error(request, _("Organisasi Anda hanya bisa membaca kasus ini."))
        except ValidationError as exc:
            for line in labelled_messages(form, exc.message_dict if hasattr(exc, "error_dict")
                                          else {"__all__": exc.messages}):  # fmt: skip
                messages.error(request, line)
        else:
            messages.success(request, _("Catatan disimpan."))
    return redirect(_tab_url(case, "catatan"))


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_APPROVE)
def case_close(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, code)
    if not selectors.is_owner_side(request.user, case):
        return render(request, "ui/403.html", status=403)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            closure.case_close(actor=request.user, case=case, data=form.cleaned_data,
                               request=request)  # fmt: skip
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, _("Kasus ditutup."))
            return redirect("cases:detail", code=case.code)
    return render(request, "cases/close.html", {"case": case, "form": form,
                                                "history": closure.closures_for(case)})  # fmt: skip


def _assign_choices(case: Case) -> tuple[list[Any], list[tuple[Any, str]]]:
    loads = caseworker_load(organisation_id=case.organisation_id)
    choices = [
        (load.user.pk, f"{load.user.get_full_name() or load.user.username}") for load in loads
    ]
    return loads, choices


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_APPROVE)
def case_assign(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, code)
    if not selectors.is_owner_side(request.user, case):
        return render(request, "ui/403.html", status=403)
    loads, choices = _assign_choices(case)
    current = [str(pk) for pk in case.assigned.values_list("pk", flat=True)]
    form = AssignForm(request.POST or None, choices=choices, initial={"users": current})
    if request.method == "POST" and form.is_valid():
        users = list(User.objects.filter(pk__in=[int(pk) for pk in form.cleaned_data["users"]]))
        try:
            services.case_assign(actor=request.user, case=case, users=users, request=request)
        except ValidationError as exc:
            for line in exc.messages:
                messages.error(request, line)
        else:
            messages.success(request, _("Petugas kasus diperbarui."))
            return redirect("cases:detail", code=case.code)
    return render(request, "cases/assign.html", {"case": case, "form": form, "loads": loads,
                                                 "current": current})  # fmt: skip


@require_http_methods(["GET"])
@require_perm(Perm.PROTECTION_VIEW)
def case_summary_print(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The printable case summary, for the owning organisation only (the print is audited)."""
    case = selectors.get_case_for(request.user, code)
    if not selectors.is_owner_side(request.user, case):
        return render(request, "ui/403.html", status=403)
    personal = services.person_personal_data(viewer=request.user, case=case, request=request)
    audit.record("cases.case.summary_printed", actor=request.user, obj=case, request=request)
    return render(
        request,
        "cases/summary_print.html",
        {
            "case": case,
            "personal": personal if personal is not privacy.ERASED else None,
            "country_name": reference.country_name(case.destination_country),
            "chain": transfers.transfer_chain(case),
            "changes": case.status_changes.select_related("changed_by"),
            "notes": casenotes.notes_for(viewer=request.user, case=case, request=request),
            "closures": closure.closures_for(case),
            "closed": case.status == CaseStatus.CLOSED,
        },
    )
