"""Pages of victims' cases: list and search, registration, the case page and its tabs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from waspada import regions
from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.accounts.requests import AuthenticatedRequest
from waspada.audit.models import AuditEvent
from waspada.cases import extensions, proposals, reference, selectors, services, validation
from waspada.cases.forms import (
    ConsentForm,
    DuplicateCheckForm,
    EditForm,
    FilterForm,
    RegisterForm,
    StatusForm,
)
from waspada.cases.models import PERSONAL_FIELDS, Case, CaseStatus, ConsentKind
from waspada.privacy import services as privacy
from waspada.ui.access import require_perm
from waspada.ui.forms import ReasonForm


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_VIEW)
def case_list(request: AuthenticatedRequest) -> HttpResponse:
    """Filters travel in the URL (GET); a search by code, NIK, passport, phone or name only in
    a POST body, so no identifier reaches the URL, proxy logs or browser history. A ``q`` in
    the URL is ignored."""
    searching = request.method == "POST"
    params = request.POST if searching else request.GET.copy()
    if not searching:
        params.pop("q", None)
    form = FilterForm(params or None)
    data = form.cleaned_data if form.is_valid() else {}
    query = (data.get("q") or "").strip() if searching else ""
    filters = selectors.CaseFilters(
        status=data.get("status") or "",
        destination=data.get("destination") or "",
        year=data.get("year"),
        mine=bool(data.get("mine")),
        query=query,
    )
    cases = selectors.case_list(viewer=request.user, filters=filters)
    for extra in extensions.list_filters():
        if data.get(extra.name):
            cases = cases.filter(pk__in=extra.case_ids(request.user))
    page = Paginator(cases, 25).get_page(1 if searching else request.GET.get("page"))
    if query:
        services.case_search_audit(viewer=request.user, found=page.paginator.count, request=request)
    return render(
        request,
        "cases/list.html",
        {
            "form": form,
            "page": page,
            "can_register": can(request.user, Perm.PROTECTION_MANAGE),
            "extra_filters": [form[extra.name] for extra in extensions.list_filters()],
            "links": [
                link
                for link in extensions.list_links()
                if not link.perm or can(request.user, Perm(link.perm))
            ],
            "searching": bool(query),
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def case_register(request: AuthenticatedRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    duplicates: list[services.Duplicate] = []
    nik_warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = {
            k: v for k, v in form.cleaned_data.items() if not k.startswith(("consent_", "confirm_"))
        }
        try:
            duplicates = services.duplicates_find(viewer=request.user, data=data, request=request)
        except services.DuplicateCheckLimited as exc:
            form.add_error(None, exc)
            return render(request, "cases/register.html", {"form": form, "duplicates": []})
        nik_warnings = validation.nik_warnings(data)
        if (not duplicates or form.cleaned_data["confirm_duplicate"]) and (
            not nik_warnings or form.cleaned_data["confirm_nik"]
        ):
            consents = {
                kind.value: bool(form.cleaned_data[f"consent_{kind.value}"]) for kind in ConsentKind
            }
            try:
                case = services.case_register(
                    actor=request.user,
                    data=data,
                    consents=consents,
                    request=request,
                )
            except ValidationError as exc:
                form.apply_errors(exc)
            else:
                messages.success(request, _("Kasus %(code)s terdaftar.") % {"code": case.code})
                return redirect("cases:detail", code=case.code)
        else:
            _show_field_errors(form, data)
    return render(
        request,
        "cases/register.html",
        {"form": form, "duplicates": duplicates, "nik_warnings": nik_warnings},
    )


def _show_field_errors(form: Any, data: dict[str, Any]) -> None:
    """While a warning waits for confirmation, the fields' errors are shown too, so the
    caseworker fixes everything in one go (nothing is written)."""
    try:
        validation.validate_case_fields({"full_name": "", "sex": "", **data})
    except ValidationError as exc:
        form.apply_errors(exc)


@require_http_methods(["GET"])
@require_perm(Perm.PROTECTION_VIEW)
def case_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, code)
    tabs = extensions.tabs()
    current = next((t for t in tabs if t.slug == request.GET.get("tab")), tabs[0])
    context: dict[str, Any] = {
        "case": case,
        "tabs": tabs,
        "tab": current,
        "owner_side": selectors.is_owner_side(request.user, case),
        "can_manage": can(request.user, Perm.PROTECTION_MANAGE),
        "can_approve": can(request.user, Perm.PROTECTION_APPROVE),
    }
    if context["can_manage"] and context["owner_side"]:
        context["proposals"] = proposals.status_proposals(case)
    context.update(current.context(request, case))
    return render(request, "cases/detail.html", context)


def profile_context(request: AuthenticatedRequest, case: Case) -> dict[str, Any]:
    """The profile tab. Personal data is decrypted (and audited) only when asked for."""
    context: dict[str, Any] = {
        "country_name": reference.country_name(case.destination_country),
        "labels": {
            "sex": reference.label("sex", case.person.sex),
            "province": regions.province_name(case.person.province_of_origin),
            "regency": regions.regency_name(case.person.regency_of_origin),
            "education": reference.label("education", case.person.education),
            "channel": reference.label("recruitment_channels", case.recruitment_channel),
            "relation": reference.label("recruiter_relations", case.recruiter_relation),
            "typology": reference.label("scam_typologies", case.scam_typology),
            "exploitation": [
                reference.label("exploitation_types", c) for c in case.exploitation_types
            ],
            "control": [reference.label("means_of_control", c) for c in case.means_of_control],
            **facts_labels(case),
        },
        "consents": _latest_consents(case),
        "statuses": [
            (s, CaseStatus(s).label, services.transition_needs_reason(case.status, s))
            for s in services.TRANSITIONS.get(case.status, ())
        ],
    }
    if request.GET.get("show") == "personal" and selectors.is_owner_side(request.user, case):
        personal = services.person_personal_data(
            viewer=request.user,
            case=case,
            request=request,
        )
        context["erased"] = personal is privacy.ERASED
        context["personal"] = None if personal is privacy.ERASED else personal
    return context


def facts_labels(case: Case) -> dict[str, Any]:
    """Labels of the recruitment facts (HTCDS-complete) for the profile and the summary."""
    return {
        "source": reference.label("case_sources", case.case_source) if case.case_source else "",
        "channels": [reference.label("recruitment_channels", c) for c in case.recruitment_channels],
        "recruiter_kind": (
            reference.label("recruiter_kinds", case.recruiter_kind) if case.recruiter_kind else ""
        ),
        "transit": [reference.country_name(c) for c in case.transit_countries],
        "platforms": [
            reference.label("exploitation_platforms", c) for c in case.exploitation_platforms
        ],
        "vulnerabilities": [reference.label("vulnerabilities", c) for c in case.vulnerabilities],
    }


def _latest_consents(case: Case) -> list[tuple[str, Any, bool | None]]:
    latest: dict[str, bool] = {}
    for consent in case.consents.all():  # newest first
        latest.setdefault(consent.kind, consent.granted)
    return [(kind.value, kind.label, latest.get(kind.value)) for kind in ConsentKind]


def timeline_context(request: AuthenticatedRequest, case: Case) -> dict[str, Any]:
    """The status history with labels; the reasons of moves back are shown to the owning
    side only (they may describe the person)."""
    owner = selectors.is_owner_side(request.user, case)
    labels = dict(CaseStatus.choices)
    rows = [
        {
            "change": change,
            "from": labels.get(change.from_status, change.from_status),
            "to": labels.get(change.to_status, change.to_status),
            "reason": services.status_change_reason(case, change) if owner else "",
        }
        for change in case.status_changes.select_related("changed_by")
    ]
    return {"changes": rows}


def audit_context(request: AuthenticatedRequest, case: Case) -> dict[str, Any]:
    """The case's audit events. An organisation the case was referred to sees only its own
    staff's events, never who in the owner's staff read what."""
    events = AuditEvent.objects.filter(
        Q(object_type="cases.case", object_id=str(case.pk))
        | Q(object_type="cases.person", object_id=str(case.person_id))
    )
    if not selectors.is_owner_side(request.user, case):
        events = events.filter(organisation_id=request.user.organisation_id)
    shown = list(events.order_by("-seq")[:100])
    actors = {
        user.pk: user.get_full_name() or user.username
        for user in User.objects.filter(pk__in={e.actor_id for e in shown if e.actor_id})
    }
    return {
        "events": [
            (event, reference.audit_action_label(event.action), actors.get(event.actor_id or 0))
            for event in shown
        ]
    }


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def case_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, code)
    if not selectors.is_owner_side(request.user, case):
        return render(request, "ui/403.html", status=403)
    nik_warnings: list[str] = []
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            data = {
                k: v for k, v in form.cleaned_data.items() if k not in ("version", "confirm_nik")
            }
            nik_warnings = validation.nik_warnings(data)
        if form.is_valid() and (not nik_warnings or form.cleaned_data["confirm_nik"]):
            try:
                services.case_update(
                    actor=request.user,
                    case=case,
                    data=data,
                    version=form.cleaned_data["version"],
                    request=request,
                )
            except services.ConflictError as exc:
                messages.error(request, str(exc))
            except ValidationError as exc:
                form.apply_errors(exc)
            else:
                messages.success(request, _("Perubahan disimpan."))
                return redirect("cases:detail", code=case.code)
        elif form.is_valid():
            _show_field_errors(form, data)
    else:
        personal = services.person_personal_data(
            viewer=request.user,
            case=case,
            request=request,
        )
        initial = dict(personal) if isinstance(personal, dict) else {}
        initial = {k: v for k, v in initial.items() if k in PERSONAL_FIELDS}
        for field in ("sex", "province_of_origin", "regency_of_origin", "education", "deceased"):
            initial[field] = getattr(case.person, field)
        for field in services.CASE_FIELDS:
            initial[field] = getattr(case, field)
        initial["version"] = case.version
        form = EditForm(initial=initial)
    return render(
        request, "cases/edit.html", {"form": form, "case": case, "nik_warnings": nik_warnings}
    )


def _status_reason_form(data: Any = None) -> ReasonForm:
    return ReasonForm(
        data,
        label=_("Alasan perubahan status"),
        limit=services.STATUS_REASON_LIMIT,
        help_text=_("Wajib. Disimpan terenkripsi di riwayat status kasus."),
    )


@require_POST
@require_perm(Perm.PROTECTION_MANAGE)
def case_status(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """A move forward is one click. A move back or a reopening is confirmed on a page of its
    own (no JavaScript needed) that asks the reason; a bad reason shows that page again."""
    case = selectors.get_case_for(request.user, code)
    form = StatusForm(request.POST)
    if not form.is_valid() or not selectors.is_owner_side(request.user, case):
        messages.error(request, _("Status tidak bisa diubah."))
        return redirect("cases:detail", code=case.code)
    to_status = form.cleaned_data["status"]
    confirming = services.transition_needs_reason(case.status, to_status)
    reason_form = _status_reason_form(request.POST if request.POST.get("confirmed") else None)
    if confirming and not reason_form.is_bound:
        return _status_confirm(request, case, to_status, reason_form)
    try:
        services.case_transition(
            actor=request.user,
            case=case,
            to_status=to_status,
            reason=reason_form.data.get("reason", "") if confirming else "",
            request=request,
        )
    except ValidationError as exc:
        if confirming and "reason" in exc.message_dict:
            reason_form.is_valid()
            reason_form.apply_errors(exc)
            return _status_confirm(request, case, to_status, reason_form, status=400)
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Status kasus diubah."))
    return redirect("cases:detail", code=case.code)


def _status_confirm(
    request: AuthenticatedRequest, case: Case, to_status: str, form: ReasonForm, status: int = 200
) -> HttpResponse:
    labels = dict(CaseStatus.choices)
    reopening = case.status == CaseStatus.CLOSED
    question = (
        _("Buka kembali kasus %(code)s?") if reopening
        else _("Kembalikan status kasus %(code)s ke %(status)s?")
    ) % {"code": case.code, "status": labels[to_status]}  # fmt: skip
    details = [
        _("Status sekarang: %(status)s.") % {"status": labels[case.status]},
        _("Perubahan ini tercatat di riwayat status bersama alasannya."),
    ]
    return render(request, "ui/confirm.html", {
        "title": _("Buka kembali kasus") if reopening else _("Ubah status kasus"),
        "question": question, "details": details, "form": form,
        "hidden": [("status", to_status)],
        "action": reverse("cases:status", args=[case.code]),
        "button": _("Ya, buka kembali") if reopening else _("Ya, ubah status"),
        "back": reverse("cases:detail", args=[case.code]), "case": case,
    }, status=status)  # fmt: skip


@require_POST
@require_perm(Perm.PROTECTION_MANAGE)
def case_consent(request: AuthenticatedRequest, code: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, code)
    form = ConsentForm(request.POST)
    if not form.is_valid() or not selectors.is_owner_side(request.user, case):
        messages.error(request, _("Persetujuan tidak bisa dicatat."))
    else:
        services.consent_record(
            case=case,
            kind=ConsentKind(form.cleaned_data["kind"]),
            granted=form.cleaned_data["granted"],
            actor=request.user,
            request=request,
        )
        messages.success(request, _("Persetujuan dicatat."))
    return redirect(f"{case_detail_url(case)}?tab=profil")


def case_detail_url(case: Case) -> str:
    from django.urls import reverse

    return reverse("cases:detail", kwargs={"code": case.code})


@require_http_methods(["GET", "POST"])
@require_perm(Perm.PROTECTION_MANAGE)
def duplicate_check(request: AuthenticatedRequest) -> HttpResponse:
    """The deliberate "check for duplicates" action: a purpose, the identifiers in a POST body,
    an audited and rate-limited answer that names other organisations only."""
    form = DuplicateCheckForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "purpose"}
        try:
            found = services.duplicates_find(
                viewer=request.user, data=data, purpose=form.cleaned_data["purpose"],
                request=request,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "cases/duplicate_check.html", {"form": form, "found": found})
