"""Campaign services: permission first, every field's error at once, nothing written on
error, one audit row per write."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.campaigns.conftest import CAMPAIGN
from waspada.audit.models import AuditEvent
from waspada.campaigns import services
from waspada.campaigns.access import can_manage_campaigns
from waspada.campaigns.models import Campaign


def test_create_owned_by_actor_organisation_and_audited(people, org_iom, org_ngo):
    campaign = services.campaign_create(
        actor=people["supervisor"], data={**CAMPAIGN, "partners": [org_ngo.pk]}
    )
    assert campaign.organisation == org_iom
    assert list(campaign.partners.all()) == [org_ngo]
    assert campaign.people_reached == 150 and campaign.start_date.year == 2023
    event = AuditEvent.objects.get(action="campaigns.campaign.created")
    assert event.object_id == str(campaign.pk)
    assert event.details == {"channel": "village_meeting", "year": 2023, "people_reached": 150}


def test_every_field_error_at_once_and_nothing_written(people):
    bad = {
        **CAMPAIGN, "title": " ", "channel": "pigeon", "province": "Atlantis",
        "audience_type": "", "start_date": "2023-05-01", "end_date": "2023-04-01",
        "people_reached": 10, "reached_female": 11, "reached_male": "x", "partners": [9999],
    }  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.campaign_create(actor=people["programme_officer"], data=bad)
    assert set(caught.value.message_dict) == {
        "title", "channel", "province", "audience_type", "end_date", "reached_female",
        "reached_male", "partners",
    }  # fmt: skip
    assert not Campaign.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="campaigns.").exists()


def test_female_plus_male_may_not_exceed_total(people):
    with pytest.raises(ValidationError) as caught:
        services.campaign_create(
            actor=people["programme_officer"],
            data={**CAMPAIGN, "people_reached": 100, "reached_female": 60, "reached_male": 50},
        )
    assert list(caught.value.message_dict) == ["reached_male"]


def test_total_is_required_but_sexes_are_optional(people):
    with pytest.raises(ValidationError) as caught:
        services.campaign_create(
            actor=people["programme_officer"], data={**CAMPAIGN, "people_reached": ""}
        )
    assert list(caught.value.message_dict) == ["people_reached"]
    campaign = services.campaign_create(
        actor=people["programme_officer"],
        data={**CAMPAIGN, "reached_female": None, "reached_male": ""},
    )
    assert campaign.reached_female is None and campaign.reached_male is None


@pytest.mark.parametrize(
    "role", ["admin", "caseworker", "legal_officer", "analyst", "other_officer", "no_role"]
)
def test_only_managers_of_the_owner_write(people, campaign, role):
    with pytest.raises(PermissionDenied):
        if role == "other_officer":
            services.campaign_update(
                actor=people[role], campaign=campaign, data={"title": "x"}, version=1
            )
        else:
            services.campaign_create(actor=people[role], data=CAMPAIGN)


def test_only_managers_of_the_owning_organisation_manage_a_campaign(people, campaign):
    assert can_manage_campaigns(people["programme_officer"], campaign)  # owner's officer
    assert can_manage_campaigns(people["supervisor"], campaign)
    assert not can_manage_campaigns(people["other_officer"], campaign)  # another organisation
    assert can_manage_campaigns(people["other_officer"])  # may still record its own
    for role in ("caseworker", "legal_officer", "analyst", "admin", "no_role"):
        assert not can_manage_campaigns(people[role]), role


def test_update_records_changed_fields_and_checks_version(people, campaign):
    services.campaign_update(
        actor=people["supervisor"], campaign=campaign,
        data={"people_reached": 200, "partners": []}, version=campaign.version,
    )  # fmt: skip
    campaign.refresh_from_db()
    assert campaign.people_reached == 200 and campaign.version == 2
    assert not campaign.partners.exists()
    event = AuditEvent.objects.get(action="campaigns.campaign.updated")
    assert event.details == {"fields": ["partners", "people_reached"]}
    with pytest.raises(services.ConflictError):
        services.campaign_update(
            actor=people["supervisor"], campaign=campaign, data={"title": "Baru"}, version=1
        )
    campaign.refresh_from_db()
    assert campaign.title == CAMPAIGN["title"]


def test_partner_ids_beyond_64_bits_are_a_field_error(people):
    with pytest.raises(ValidationError) as caught:
        services.campaign_create(actor=people["programme_officer"],
                                 data={**CAMPAIGN, "partners": [10**30]})  # fmt: skip
    assert caught.value.message_dict == {"partners": ["Organisasi mitra tidak dikenal."]}
