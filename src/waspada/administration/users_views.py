"""Users and organisations on pages: platform administrators manage organisations and every
user; organisation administrators the users of their own organisation. Thin: lookups and
writes are ``waspada.accounts.administration``'s."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from waspada.accounts import administration as admin
from waspada.accounts import second_factor
from waspada.accounts.models import Organisation
from waspada.accounts.permissions import Perm
from waspada.accounts.requests import AuthenticatedRequest
from waspada.accounts.roles import OrganisationType, Role
from waspada.ui.access import require_perm


class UserForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Nama pengguna"), max_length=150)
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisasi"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=gettext_lazy("Peran"), choices=Role.choices)

    def __init__(self, viewer: object, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = admin.organisations_assignable_by(viewer)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Alasan (dicatat di jejak audit)"), max_length=200)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nama"), max_length=200)
    short_name = forms.CharField(label=gettext_lazy("Singkatan"), max_length=40, required=False)
    type = forms.ChoiceField(label=gettext_lazy("Jenis"), choices=OrganisationType.choices)


def _errors(form: forms.Form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@require_perm(Perm.ADMIN_MANAGE_USERS)
def users(request: AuthenticatedRequest) -> HttpResponse:
    form = UserForm(request.user, request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            user, password = admin.user_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            created = {"user": user, "password": password}
            form = UserForm(request.user)
    rows = list(admin.users_managed_by(request.user))
    for row in rows:
        row.enrolled = second_factor.is_enrolled(row)  # type: ignore[attr-defined]
        row.required = second_factor.is_required(row)  # type: ignore[attr-defined]
    context = {"rows": rows, "form": form, "created": created}
    return render(request, "administration/users.html", context)


@require_perm(Perm.ADMIN_MANAGE_USERS)
def user_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = admin.managed_user_get(request.user, pk)
    form = UserForm(
        request.user,
        initial={
            "username": user.username,
            "organisation": user.organisation_id,
            "role": user.role,
        },
    )
    form.fields["username"].disabled = True
    context = {
        "subject": user,
        "form": form,
        "reason_form": ReasonForm(),
        "enrolled": second_factor.is_enrolled(user),
        "is_self": user.pk == request.user.pk,
    }
    return render(request, "administration/user_detail.html", context)


@require_POST
@require_perm(Perm.ADMIN_MANAGE_USERS)
def user_change(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = admin.managed_user_get(request.user, pk)
    form = UserForm(request.user, {**request.POST.dict(), "username": user.username})
    if form.is_valid():
        admin.user_update(
            actor=request.user,
            user=user,
            role=form.cleaned_data["role"],
            organisation=form.cleaned_data["organisation"],
        )
        messages.success(request, _("Peran dan organisasi disimpan."))
    else:
        messages.error(request, _("Periksa peran dan organisasi."))
    return redirect("administration:user_detail", pk=pk)


@require_POST
@require_perm(Perm.ADMIN_MANAGE_USERS)
def user_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """Deactivate, reactivate, reset the password or the second factor: each with a reason."""
    user = admin.managed_user_get(request.user, pk)
    reason = request.POST.get("reason", "")
    try:
        if action == "nonaktifkan":
            admin.user_set_active(actor=request.user, user=user, active=False, reason=reason)
            messages.success(request, _("Akun dinonaktifkan; token dan sesinya berakhir."))
        elif action == "aktifkan":
            admin.user_set_active(actor=request.user, user=user, active=True, reason=reason)
            messages.success(request, _("Akun diaktifkan kembali."))
        elif action == "atur-ulang-sandi":
            password = admin.user_password_reset(
                actor=request.user, user=user, reason=reason, request=request
            )
            return render(
                request,
                "administration/user_password.html",
                {"subject": user, "password": password},
            )
        elif action == "atur-ulang-dua-langkah":
            admin.user_second_factor_reset(
                actor=request.user, user=user, reason=reason, request=request
            )
            messages.success(
                request, _("Verifikasi dua langkah diatur ulang; pengguna mendaftar lagi.")
            )
        else:
            raise PermissionDenied
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("administration:user_detail", pk=pk)


@require_perm(Perm.ADMIN_MANAGE_USERS)
def organisations(request: AuthenticatedRequest) -> HttpResponse:
    if not admin.is_platform_admin(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            admin.organisation_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Organisasi ditambahkan."))
            return redirect("administration:organisations")
    context = {"rows": Organisation.objects.order_by("name"), "form": form}
    return render(request, "administration/organisations.html", context)


@require_POST
@require_perm(Perm.ADMIN_MANAGE_USERS)
def organisation_change(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    try:
        if "active" in request.POST:
            admin.organisation_set_active(
                actor=request.user,
                organisation=organisation,
                active=request.POST["active"] == "1",
            )
        else:
            admin.organisation_rename(
                actor=request.user,
                organisation=organisation,
                name=request.POST.get("name", ""),
                short_name=request.POST.get("short_name", ""),
            )
        messages.success(request, _("Organisasi disimpan."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("administration:organisations")
