"""Pages of trainings: list, create and edit, detail with participants and results,
participant entry (one per submit) and CSV or XLSX import, attendance export, results by
institution type. Access is decided by ``waspada.trainings.access`` only."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waspada.accounts.requests import AuthenticatedRequest
from waspada.confirm import ask_first
from waspada.downloads import download_response
from waspada.trainings import export, importing, selectors, services
from waspada.trainings.access import (
    can_export_names,
    can_manage_trainings,
    can_see_participant_rows,
    can_view_trainings,
    get_training_for,
)
from waspada.trainings.forms import (
    FilterForm,
    ImportForm,
    ParticipantForm,
    ResultsForm,
    TrainingForm,
)
from waspada.trainings.models import Participant, Training
from waspada.trainings.validation import PARTICIPANT_FIELDS

View = Callable[..., HttpResponse]


def require_view(view: View) -> View:
    @wraps(view)
    def wrapped(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_view_trainings(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _managed_training(request: AuthenticatedRequest, pk: int) -> Training:
    training = get_training_for(request.user, pk)
    if not can_manage_trainings(request.user, training):
        raise PermissionDenied
    return training


@require_GET
@require_view
def training_list(request: AuthenticatedRequest) -> HttpResponse:
    form = FilterForm(request.GET or None, years=selectors.training_years())
    data = form.cleaned_data if form.is_valid() else {}
    organiser = data.get("organiser")
    filters = selectors.TrainingFilters(
        year=data.get("year"),
        topic=data.get("topic") or "",
        organiser_id=organiser.pk if organiser else None,
    )
    trainings = selectors.training_list(viewer=request.user, filters=filters)
    page = Paginator(trainings, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "trainings/list.html",
        {"form": form, "page": page, "can_create": can_manage_trainings(request.user)},
    )


@require_http_methods(["GET", "POST"])
@require_view
def training_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_manage_trainings(request.user):
        raise PermissionDenied
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training = services.training_create(
                actor=request.user,
                data=form.cleaned_data,
                request=request,
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, _("Pelatihan disimpan. Sekarang tambahkan pesertanya."))
            return redirect("trainings:detail", pk=training.pk)
    return render(request, "trainings/training_form.html", {"form": form, "training": None})


@require_http_methods(["GET", "POST"])
@require_view
def training_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    training = _managed_training(request, pk)
    form = TrainingForm(request.POST or None, initial=TrainingForm.initial_for(training))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.training_update(
                actor=request.user,
                training=training,
                data=data,
                version=form.cleaned_data["version"] or 0,
                request=request,
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        except services.ConflictError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Perubahan pelatihan disimpan."))
            return redirect("trainings:detail", pk=training.pk)
    return render(request, "trainings/training_form.html", {"form": form, "training": training})


@require_GET
@require_view
def training_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    training = get_training_for(request.user, pk)
    rows_visible = can_see_participant_rows(request.user, training)
    participants = list(training.participants.all()) if rows_visible else []
    return render(
        request,
        "trainings/detail.html",
        {
            "training": training,
            "participants": participants,
            "results": selectors.training_results(training),
            "can_manage": can_manage_trainings(request.user, training),
            "can_export_names": can_export_names(request.user, training),
            "any_name": any(p.has_name for p in participants),
            "rows_visible": rows_visible,
            "summary": [] if rows_visible else selectors.participant_summary(training),
        },
    )


def _participant_data(form: ParticipantForm) -> dict[str, Any]:
    data = {name: form.cleaned_data[name] for name in PARTICIPANT_FIELDS}
    data["certificate_name"] = form.cleaned_data["certificate_name"]
    return data


@require_http_methods(["GET", "POST"])
@require_view
def participant_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Quick entry on a phone: one participant per submit; "save and add another" comes
    back here with the institution kept."""
    training = _managed_training(request, pk)
    keep = {k: request.GET[k] for k in ("institution_type", "institution_name") if k in request.GET}
    form = ParticipantForm(request.POST or None, initial={"attended": True, **keep})
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_add(
                actor=request.user,
                training=training,
                data=_participant_data(form),
                request=request,
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            count = training.participants.count()
            messages.success(
                request, _("Peserta disimpan (%(n)d peserta sekarang).") % {"n": count}
            )
            if "add_another" in request.POST:
                query = urlencode(
                    {k: form.cleaned_data[k] for k in ("institution_type", "institution_name")}
                )
                return redirect(reverse("trainings:participant_add", args=[pk]) + "?" + query)
            return redirect("trainings:detail", pk=pk)
    return render(
        request,
        "trainings/participant_form.html",
        {"form": form, "training": training, "participant": None},
    )


@require_http_methods(["GET", "POST"])
@require_view
def participant_edit(request: AuthenticatedRequest, pk: int, participant_pk: int) -> HttpResponse:
    training = _managed_training(request, pk)
    participant = get_object_or_404(Participant, training=training, pk=participant_pk)
    initial = {name: getattr(participant, name) for name in PARTICIPANT_FIELDS}
    form = ParticipantForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(
                actor=request.user,
                participant=participant,
                data=_participant_data(form),
                remove_name=bool(form.cleaned_data.get("remove_name")),
                request=request,
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, _("Perubahan peserta disimpan."))
            return redirect("trainings:detail", pk=pk)
    return render(
        request,
        "trainings/participant_form.html",
        {"form": form, "training": training, "participant": participant},
    )


@require_POST
@require_view
def participant_remove(request: AuthenticatedRequest, pk: int, participant_pk: int) -> HttpResponse:
    training = _managed_training(request, pk)
    participant = get_object_or_404(Participant, training=training, pk=participant_pk)
    if (asked := ask_first(request, _("Hapus peserta ini dari pelatihan?"))) is not None:
        return asked
    services.participant_remove(
        actor=request.user,
        participant=participant,
        request=request,
    )
    messages.success(request, _("Peserta dihapus."))
    return redirect("trainings:detail", pk=pk)


@require_http_methods(["GET", "POST"])
@require_view
def participants_import(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    training = _managed_training(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.participants_import(
                actor=request.user,
                training=training,
                # Decrypted in memory (see waspada.uploads); one byte over the limit is enough
                # for the service to refuse a file that is too large.
                content=upload.read(importing.MAX_BYTES + 1),
                filename=upload.name or "",
                request=request,
            )
        except ValidationError as exc:
            form.add_error("file", exc.message_dict.get("file", exc.messages))
    return render(
        request, "trainings/import.html", {"form": form, "training": training, "result": result}
    )


@require_GET
@require_view
def attendance_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    training = get_training_for(request.user, pk)
    if fmt not in export.FORMATS:
        return HttpResponse(status=404)
    exported = export.attendance_export(
        actor=request.user,
        training=training,
        fmt=fmt,
        with_names=request.GET.get("names") == "1",
        request=request,
    )
    return download_response(exported)


@require_GET
@require_view
def results(request: AuthenticatedRequest) -> HttpResponse:
    form = ResultsForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    report = selectors.results_report(
        viewer=request.user, year_from=data.get("year_from"), year_to=data.get("year_to")
    )
    return render(request, "trainings/results.html", {"form": form, "report": report})
