"""The referral form of the case page. It parses and displays; ``referrals.validation``
decides."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases import reference
from waspada.referrals.validation import REFERRAL_LIMITS
from waspada.ui.forms import (
    OfferedChoiceField,
    OfferedModelChoiceField,
    ValidatedForm,
    set_choices,
    set_queryset,
    text_field,
)


class ReferralForm(ValidatedForm):
    limits = REFERRAL_LIMITS
    mandatory = ("service_type", "to_organisation")
    service_type = OfferedChoiceField(label=_("Layanan yang dibutuhkan"), required=False)
    to_organisation = OfferedModelChoiceField(
        label=_("Rujuk ke organisasi"),
        queryset=Organisation.objects.none(),
        required=False,
        label_attribute="name",
    )
    override_reason = text_field(
        _("Alasan darurat (hanya supervisor, jika belum ada persetujuan berbagi data)"), rows=2
    )

    def __init__(self, *args: Any, own_organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "service_type", [("", "—"), *reference.choices("service_types")])
        others = Organisation.objects.filter(is_active=True).exclude(pk=own_organisation_id)
        set_queryset(self, "to_organisation", others)
