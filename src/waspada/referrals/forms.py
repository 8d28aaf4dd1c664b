"""The referral form of the case page. It parses and displays; ``referrals.validation``
decides."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases import reference
from waspada.referrals.models import Urgency
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
    needs = text_field(
        _("Apa yang dibutuhkan orang ini"),
        rows=3,
        help_text=_(
            "Dibaca organisasi penerima sebelum menerima. Tulis kebutuhannya; nama dan data "
            "pribadi baru terlihat setelah rujukan diterima."
        ),
    )
    urgency = OfferedChoiceField(label=_("Urgensi"), required=False)
    contact = text_field(
        _("Kontak untuk rujukan ini"),
        help_text=_("Nama dan nomor petugas pengirim yang bisa dihubungi."),
    )
    override_reason = text_field(
        _("Alasan darurat (hanya supervisor, jika belum ada persetujuan berbagi data)"), rows=2
    )

    def __init__(self, *args: Any, own_organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "service_type", [("", "—"), *reference.choices("service_types")])
        set_choices(self, "urgency", Urgency.choices)
        others = Organisation.objects.filter(is_active=True).exclude(pk=own_organisation_id)
        set_queryset(self, "to_organisation", others)
