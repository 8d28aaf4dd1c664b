"""Receiving a report: validation per field, encryption, indexes, priority, audit."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from tests.lapor.conftest import SECRETS
from waspada.audit.models import AuditEvent
from waspada.lapor import services
from waspada.lapor.models import ContactKind, PublicReport, ReportContact
from waspada.privacy import services as privacy

pytestmark = pytest.mark.django_db


def test_an_sos_is_stored_sealed_with_a_code_and_a_pin(sos_data):
    submitted = services.report_submit(data=sos_data)
    report = PublicReport.objects.get(pk=submitted.report.pk)
    assert re.fullmatch(r"LPR-\d{4}-[0-9A-Z]{6}", submitted.tracking_code)
    assert re.fullmatch(r"\d{6}", submitted.pin)
    assert report.tracking_code == submitted.tracking_code
    assert (report.kind, report.status, report.priority) == ("sos", "received", "urgent")
    assert report.priority_reasons == ["confined"]
    assert report.situations == ["confined", "passport_taken"]
    assert (report.country, report.reporter_province) == ("KH", "Jawa Barat")
    opened = privacy.open_sealed(
        report.data_key, report.sealed, context=f"lapor.report:{report.pk}"
    )
    assert opened["person_name"] == "Dewi Anggraini Saputri"
    assert opened["person_birth_year"] is not None and opened["person_age"] == 23
    # nothing typed is in clear on the row; the PIN itself is not stored
    row = PublicReport.objects.filter(pk=report.pk).values().get()
    flat = repr(row)
    assert not any(secret in flat for secret in SECRETS)
    assert submitted.pin not in flat
    assert report.pin_digest == services.pin_digest(report.tracking_code, submitted.pin)
    assert report.person_phone_index == privacy.index("phone", "+855975550142")


def test_submission_is_audited_without_content_or_address(sos_data):
    submitted = services.report_submit(data=sos_data)
    event = AuditEvent.objects.get(action="lapor.report.submitted")
    assert event.object_id == str(submitted.report.pk)
    assert event.details == {
        "kind": "sos",
        "priority": "urgent",
        "channel": "web",
        "attachments": 0,
    }
    assert event.ip is None and event.actor_id is None
    assert not any(secret in repr(event.details) for secret in SECRETS)


def test_the_same_form_sent_twice_makes_one_report(sos_data):
    first = services.report_submit(data=sos_data, submission_token="tok-1")
    again = services.report_submit(data=sos_data, submission_token="tok-1")
    assert again.repeated and again.pin == ""
    assert again.tracking_code == first.tracking_code
    assert PublicReport.objects.count() == 1
    other = services.report_submit(data=sos_data, submission_token="tok-2")
    assert other.tracking_code != first.tracking_code
    assert PublicReport.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("description", ""),
        ("description", "   "),
        ("kind", "complaint"),
        ("country", "XX"),
        ("person_phone", "call me maybe"),
        ("person_phone", "12"),
        ("person_age", "abc"),
        ("person_age", "130"),
        ("person_birth_year", "1800"),
        ("person_sex", "robot"),
        ("situations", ["confined", "kidnapped_by_aliens"]),
        ("reporter_contact", "12-34"),
        ("reporter_province", "Atlantis"),
        ("reporter_relation", "boss"),
        ("description", "x" * 5001),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(sos_data, field, value):
    sos_data[field] = value
    with pytest.raises(ValidationError) as raised:
        services.report_submit(data=sos_data)
    assert field in raised.value.message_dict
    assert PublicReport.objects.count() == 0
    assert not AuditEvent.objects.filter(action="lapor.report.submitted").exists()


def test_every_bad_field_is_named_at_once(sos_data):
    sos_data.update(description="", country="ZZ", person_phone="no")
    with pytest.raises(ValidationError) as raised:
        services.report_submit(data=sos_data)
    assert {"description", "country", "person_phone"} <= set(raised.value.message_dict)


def test_an_anonymous_reporter_keeps_no_name_or_contact(sos_data):
    sos_data["anonymous"] = True
    report = services.report_submit(data=sos_data).report
    opened = privacy.open_sealed(
        report.data_key, report.sealed, context=f"lapor.report:{report.pk}"
    )
    assert report.anonymous
    assert opened["reporter_name"] == "" and opened["reporter_contact"] == ""


def test_a_birth_year_gives_an_age_and_under_18_makes_an_sos_urgent(sos_data):
    from django.utils import timezone

    sos_data.pop("person_age")
    sos_data["situations"] = []
    sos_data["person_birth_year"] = str(timezone.localdate().year - 16)
    report = services.report_submit(data=sos_data).report
    assert (report.priority, report.priority_reasons) == ("urgent", ["minor_by_age"])


def test_recruiter_contacts_are_indexed_or_kept_normalised():
    report = services.report_submit(
        data={
            "kind": "suspicious_offer",
            "description": "Lowongan CS Kamboja gaji 15 juta, hubungi admin",
            "recruiter_contacts": [
                "0812-1111-2222",
                "@Loker.Kamboja",
                "https://t.me/LokerLuarNegeri/",
                "BCA 123-456-7890 a.n. Andi",
                "hrd@maju-jaya.example",
            ],
            "company": "PT Maju Jaya Sentosa",
        }
    ).report
    rows = {
        (row.kind, row.value_index, row.value)
        for row in ReportContact.objects.filter(report=report)
    }
    assert (ContactKind.PHONE, privacy.index("phone", "+62 812 1111 2222"), "") in rows
    assert (ContactKind.HANDLE, "", "loker.kamboja") in rows
    assert (ContactKind.LINK, "", "t.me/LokerLuarNegeri") in rows  # the path keeps its case
    assert (ContactKind.ACCOUNT, privacy.index("account", "1234567890"), "") in rows
    assert (ContactKind.EMAIL, privacy.index("email", "hrd@maju-jaya.example"), "") in rows
    assert (ContactKind.COMPANY, "", "pt maju jaya sentosa") in rows
    assert report.priority == "normal"
    assert not any("1111-2222" in repr(row) for row in rows)
