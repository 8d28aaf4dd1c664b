"""Create notifications, mark them read, and keep each user's delivery preferences.

``notify`` is what any app calls for an event that concerns some users. E-mails are sent
by a background job (``delivery``) after the transaction commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.administration import is_platform_admin
from waspada.accounts.models import Organisation, User
from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.jobs.runner import job_enqueue
from waspada.notifications import kinds
from waspada.notifications.models import (
    Delivery,
    EmailState,
    Kind,
    MandatoryKind,
    Notification,
    Preference,
)

EMAIL_JOB = "notifications.email"


def delivery_for(user: User, kind: str) -> str:
    """How this user gets this kind by e-mail: the organisation's rule first, then theirs."""
    if MandatoryKind.objects.filter(organisation_id=user.organisation_id or 0, kind=kind).exists():
        return Delivery.IMMEDIATE
    chosen = Preference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True)
    return chosen.first() or Delivery.IMMEDIATE


def notify(
    *, users: Iterable[User], kind: Kind | str, params: dict[str, Any], link: str = "",
    key: str = "",
) -> list[Notification]:  # fmt: skip
    """Tell each (active) user about an event; returns the notifications created.

    ``params`` holds only codes, dates and numbers (ValueError otherwise). With a ``key``, a
    user is notified once per key however often this is called (reminders). E-mails go out
    after commit, at most once each.
    """
    kind = Kind(kind)
    clean = kinds.check_params(params)
    created: list[Notification] = []
    seen: set[int] = set()
    for user in users:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if key and Notification.objects.filter(user=user, key=key).exists():
            continue
        mode = delivery_for(user, kind)
        state = EmailState.NONE
        if user.email and mode == Delivery.IMMEDIATE:
            state = EmailState.PENDING
        elif user.email and mode == Delivery.DIGEST:
            state = EmailState.DIGEST
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        user=user, kind=kind, params=clean, link=link, key=key, email=state
                    )
                )
        except IntegrityError:  # the same reminder created by a concurrent run
            continue
    pending = [n.pk for n in created if n.email == EmailState.PENDING]
    if pending:
        job_enqueue(kind=EMAIL_JOB, params={"ids": pending})
    return created


def notification_read(*, user: User, notification: Notification) -> None:
    if notification.user_id != user.pk:
        raise ValidationError(_("Notifikasi ini bukan milik Anda."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(read_at=notification.read_at)


def notifications_read_all(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preferences_set(*, user: User, choices: dict[str, str]) -> None:
    """Save the user's delivery per kind; kinds their organisation made mandatory are kept."""
    mandatory = mandatory_kinds(user)
    for kind, delivery in choices.items():
        if kind not in Kind.values or delivery not in Delivery.values:
            raise ValidationError({kind: [_("Pilihan tidak dikenal.")]})
        if kind in mandatory:
            continue
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def mandatory_kinds(user: User) -> set[str]:
    return set(
        MandatoryKind.objects.filter(organisation_id=user.organisation_id or 0).values_list(
            "kind", flat=True
        )
    )


def mandatory_kinds_of(organisation: Organisation) -> set[str]:
    return set(
        MandatoryKind.objects.filter(organisation=organisation).values_list("kind", flat=True)
    )


def mandatory_kinds_set(
    *, actor: User, organisation: Organisation, kinds: Iterable[str],
    request: HttpRequest | None = None,
) -> set[str]:  # fmt: skip
    """Make exactly these kinds mandatory for the organisation's users (administrators;
    audited; platform administrators for any organisation, the others for their own).
    A mandatory kind is e-mailed at once whatever a user chose, and users cannot
    switch it off. Returns the kinds now mandatory."""
    if not (is_platform_admin(actor) or (
        can(actor, Perm.ADMIN_MANAGE_USERS) and actor.organisation_id == organisation.pk
    )):  # fmt: skip
        raise PermissionDenied
    wanted = set(kinds)
    unknown = sorted(wanted - set(Kind.values))
    if unknown:
        raise ValidationError({"kinds": [_("Jenis notifikasi tidak dikenal: %(kinds)s")
                                         % {"kinds": ", ".join(unknown)[:200]}]})  # fmt: skip
    with transaction.atomic():
        before = mandatory_kinds_of(organisation)
        MandatoryKind.objects.filter(organisation=organisation).exclude(kind__in=wanted).delete()
        MandatoryKind.objects.bulk_create(
            [MandatoryKind(organisation=organisation, kind=kind) for kind in wanted - before]
        )
        audit.record("notifications.mandatory.set", actor=actor, obj=organisation,
                     request=request, details={"added": sorted(wanted - before),
                                               "removed": sorted(before - wanted)})  # fmt: skip
    return wanted
