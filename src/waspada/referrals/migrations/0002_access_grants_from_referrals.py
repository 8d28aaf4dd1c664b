"""Accepted referrals gave access by themselves; the case kernel now holds that access as
grants (cases.CaseAccessGrant). Copy one grant per accepted referral."""

from django.db import migrations


def forwards(apps, schema_editor):
    Referral = apps.get_model("referrals", "Referral")
    Grant = apps.get_model("cases", "CaseAccessGrant")
    accepted = Referral.objects.filter(status="accepted").values(
        "pk", "case_id", "to_organisation_id", "responded_by_id", "responded_at", "requested_at"
    )
    batch = []
    for row in accepted.iterator(chunk_size=2000):
        batch.append(
            Grant(
                case_id=row["case_id"],
                organisation_id=row["to_organisation_id"],
                reason="referral",
                source_id=row["pk"],
                granted_by_id=row["responded_by_id"],
                granted_at=row["responded_at"] or row["requested_at"],
            )
        )
        if len(batch) >= 2000:
            Grant.objects.bulk_create(batch)
            batch = []
    Grant.objects.bulk_create(batch)


def backwards(apps, schema_editor):
    apps.get_model("cases", "CaseAccessGrant").objects.filter(reason="referral").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0001_initial"),
        ("cases", "0004_case_access_grants"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
