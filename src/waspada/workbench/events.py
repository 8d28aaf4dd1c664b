"""Notifications for events of the apps below, sent where those apps signal them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from waspada.notifications.models import Kind
from waspada.notifications.services import notify


def on_case_assigned(
    sender: Any, *, case: Any, users: list[Any], actor: Any, **kwargs: Any
) -> None:
    notify(
        users=[user for user in users if user.pk != actor.pk],
        kind=Kind.CASE_ASSIGNED,
        params={"code": case.code},
        link=reverse("cases:detail", args=[case.code]),
    )
