"""A narrow statistics row per victim's case, so the dashboard never scans the wide tables.

At a million cases, grouping the cases with their people (whose rows carry the sealed
personal data) took 1.3–3 s on PostgreSQL; the same grouping over ``CaseFact`` takes about
0.14 s (docs/performance.md). The rows are derived data, kept current by ``reports.facts``
and rebuilt from the source tables by ``waspada reports rebuild-facts``; they hold only the
statistical fields that are already stored in clear.
"""

from __future__ import annotations

from django.db import models

from waspada.accounts.models import Organisation
from waspada.cases.models import Case


class CaseFact(models.Model):
    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="fact"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()  # of registration, in the local time zone
    province = models.CharField(max_length=80, blank=True)  # of origin
    destination = models.CharField(max_length=2, blank=True)
    sex = models.CharField(max_length=10, blank=True)
    age = models.PositiveSmallIntegerField(null=True)  # at identification
    trafficking_status = models.CharField(max_length=16, blank=True)
    # The arrival stage's date, or the case's return date when no arrival stage is recorded.
    repatriated_year = models.PositiveSmallIntegerField(null=True)
    # The person's latest decision on consent to de-identified statistics is a grant (no
    # decision: False). The dashboard counts only these rows (``selectors._facts``).
    statistics_consent = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["year", "organisation"], name="casefact_year_org"),
            models.Index(fields=["repatriated_year"], name="casefact_repatriated"),
            # The province filter selects case ids here for services and referrals (a
            # province-filtered dashboard at a million cases: 1.2 s -> 0.6 s).
            models.Index(fields=["province", "case"], name="casefact_province_case"),
        ]

    def __str__(self) -> str:
        return f"fact of case {self.case_id}"
