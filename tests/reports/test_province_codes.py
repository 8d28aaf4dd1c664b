"""The dashboard groups cases by Kemendagri province code: a case typed as "jabar" is counted
under Jawa Barat, together with those typed "Jawa Barat" or picked from the list."""

from __future__ import annotations

from django.utils import timezone

from tests.reports.conftest import column
from waspada.accounts.roles import Role
from waspada.cases.services import case_register
from waspada.reports.selectors import dashboard_figures


def test_jabar_is_counted_under_jawa_barat(make_user):
    caseworker = make_user("cw", Role.CASEWORKER)
    supervisor = make_user("sup", Role.SUPERVISOR)
    for typed in ("jabar", "Jawa Barat", "JABAR", "32", "Jawa Timur"):
        data = {"full_name": "X", "sex": "female", "province_of_origin": typed}
        case_register(actor=caseworker, data=data, consents={"statistics": True})
    year = timezone.localdate().year
    figures = dashboard_figures(viewer=supervisor, filters={"year_from": year, "year_to": year})
    assert column(figures, "victims_by_province", "people") == {
        "Jawa Barat": 4, "Jawa Timur": 1, "Jumlah": 5,
    }  # fmt: skip
    west_java = dashboard_figures(
        viewer=supervisor, filters={"year_from": year, "year_to": year, "province": "jabar"}
    )
    assert column(west_java, "victims_by_province", "people") == {"Jawa Barat": 4, "Jumlah": 4}
