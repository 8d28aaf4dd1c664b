"""The statistics rows carry the person's consent to de-identified statistics (the dashboard
counts only those); existing rows are filled from the latest decision of each case."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def _fill(apps, schema_editor):
    CaseFact = apps.get_model("reports", "CaseFact")
    Consent = apps.get_model("cases", "Consent")
    latest = Consent.objects.filter(case_id=OuterRef("case_id"), kind="statistics").order_by(
        "-recorded_at", "-pk"
    )
    CaseFact.objects.filter(
        case_id__in=Consent.objects.filter(kind="statistics", granted=True).values("case_id")
    ).update(statistics_consent=Subquery(latest.values("granted")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_person_name_tokens"),
        ("reports", "0002_province_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="casefact",
            name="statistics_consent",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop, elidable=True),
    ]
