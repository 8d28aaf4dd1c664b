"""Campaign pages: list with filters, create and edit with field errors, detail with the
screening numbers of the same period; permissions for every role and anonymous."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.campaigns.conftest import CAMPAIGN
from waspada.audit.models import AuditEvent
from waspada.campaigns.models import Campaign
from waspada.prevention.models import ScreeningCount

VIEWERS = ("admin", "supervisor", "caseworker", "legal_officer", "programme_officer", "analyst")


def _form(**overrides):  # type: ignore[no-untyped-def]
    data = {k: v for k, v in CAMPAIGN.items() if k != "partners"}
    return {**data, **overrides}


def test_anonymous_is_sent_to_login(client, campaign):
    for url in (
        reverse("campaigns:list"), reverse("campaigns:create"),
        reverse("campaigns:detail", args=[campaign.pk]),
        reverse("campaigns:edit", args=[campaign.pk]),
    ):  # fmt: skip
        assert client.get(url).status_code == 302


@pytest.mark.parametrize("role", VIEWERS)
def test_every_role_views_only_managers_create(client, people, campaign, role):
    client.force_login(people[role])
    listing = client.get(reverse("campaigns:list"))
    assert listing.status_code == 200 and CAMPAIGN["title"] in listing.content.decode()
    assert client.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 200
    manager = role in ("supervisor", "programme_officer")
    assert client.get(reverse("campaigns:create")).status_code == (200 if manager else 403)
    assert client.get(reverse("campaigns:edit", args=[campaign.pk])).status_code == (
        200 if manager else 403
    )


def test_no_role_and_other_organisation(client, people, campaign):
    client.force_login(people["no_role"])
    assert client.get(reverse("campaigns:list")).status_code == 403
    client.force_login(people["other_officer"])
    assert client.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 200
    assert client.get(reverse("campaigns:edit", args=[campaign.pk])).status_code == 403
    assert client.get(reverse("campaigns:detail", args=[9999])).status_code == 404


def test_create_with_field_errors_then_success(client, people, org_ngo):
    client.force_login(people["programme_officer"])
    url = reverse("campaigns:create")
    response = client.post(url, _form(title="", people_reached="100", reached_female="150"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Judul wajib diisi." in page
    assert "Tidak boleh lebih dari jumlah orang terjangkau." in page
    assert not Campaign.objects.exists()
    response = client.post(url, {**_form(), "partners": [org_ngo.pk]})
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:detail", args=[campaign.pk])
    assert list(campaign.partners.all()) == [org_ngo]
    assert AuditEvent.objects.filter(action="campaigns.campaign.created").exists()


def test_edit_and_conflict(client, people, campaign):
    client.force_login(people["supervisor"])
    url = reverse("campaigns:edit", args=[campaign.pk])
    response = client.post(url, _form(people_reached="300", version=campaign.version))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.people_reached == 300 and not campaign.partners.exists()
    stale = client.post(url, _form(title="Lama", version=1))
    assert "sudah diubah orang lain" in stale.content.decode()


def test_list_filters(client, people, campaign):
    client.force_login(people["analyst"])
    url = reverse("campaigns:list")
    assert CAMPAIGN["title"] in client.get(url, {"year": 2023}).content.decode()
    assert CAMPAIGN["title"] in client.get(url, {"channel": "village_meeting"}).content.decode()
    assert CAMPAIGN["title"] not in client.get(url, {"channel": "radio_tv"}).content.decode()
    assert CAMPAIGN["title"] not in client.get(url, {"province": "Bali"}).content.decode()


def test_detail_shows_screening_of_the_same_period(client, people, campaign):
    for day, verdict, count in (
        (date(2023, 3, 6), "high", 100),  # the day before: not counted
        (date(2023, 3, 7), "high", 4),
        (date(2023, 3, 9), "medium", 3),
        (date(2023, 3, 9), "low", 20),
        (date(2023, 3, 10), "low", 100),  # the day after: not counted
    ):
        ScreeningCount.objects.create(day=day, channel="web", verdict=verdict, count=count)
    ScreeningCount.objects.create(day=date(2023, 3, 8), channel="api", verdict="low", count=5)
    client.force_login(people["caseworker"])
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert "<td>Risiko tinggi</td><td>4</td>" in page
    assert "<td>Perlu dicek</td><td>3</td>" in page
    assert "<td>Risiko rendah</td><td>25</td>" in page
    assert "<th>Jumlah</th><th>32</th>" in page
    assert "YC" in page  # the partner, by its short name


def test_a_partner_id_beyond_64_bits_is_a_field_error(client, people):
    """It used to reach the database (an overflow, 500)."""
    client.force_login(people["programme_officer"])
    response = client.post(reverse("campaigns:create"), {**_form(), "partners": str(10**30)})
    assert response.status_code == 200
    assert response.context["form"].errors["partners"]
    assert not Campaign.objects.exists()


def test_the_validator_decides_every_field_of_the_form_at_once(client, people):
    """The form only parses: an unknown channel, an over-long title and a reach above the
    total are all reported by the one validator, in one answer."""
    client.force_login(people["programme_officer"])
    response = client.post(
        reverse("campaigns:create"),
        _form(channel="x", title="T" * 201, people_reached="100", reached_female="150"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["channel"] == ["Pilih saluran dari daftar."]
    assert errors["title"] == ["Paling banyak 200 karakter (sekarang 201)."]
    assert errors["reached_female"] == ["Tidak boleh lebih dari jumlah orang terjangkau."]
    assert not Campaign.objects.exists()
