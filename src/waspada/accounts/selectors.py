"""Reads on organisations and users, scoped to what the viewer may see."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet

from waspada.accounts.models import Organisation, User
from waspada.accounts.permissions import Perm, can


def organisation_list(*, viewer: Any) -> QuerySet[Organisation]:
    if not can(viewer, Perm.ADMIN_MANAGE_USERS):
        raise PermissionDenied
    return Organisation.objects.annotate(user_count=Count("users")).order_by("name")


def user_list(*, viewer: Any) -> QuerySet[User]:
    if not can(viewer, Perm.ADMIN_MANAGE_USERS):
        raise PermissionDenied
    return User.objects.select_related("organisation").order_by("organisation__name", "username")
