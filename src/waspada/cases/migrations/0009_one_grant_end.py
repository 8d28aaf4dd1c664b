"""A grant has one end: the transfer read period (``expires_at``) becomes ``revoked_at``,
the instant the grant ends, keeping whichever of the two came first."""

from django.db import migrations, models
from django.db.models import F, Q


def forwards(apps, schema_editor):
    grant = apps.get_model("cases", "CaseAccessGrant")
    ending = grant.objects.filter(expires_at__isnull=False)
    ending.filter(Q(revoked_at__isnull=True) | Q(revoked_at__gt=F("expires_at"))).update(
        revoked_at=F("expires_at")
    )


def backwards(apps, schema_editor):
    grant = apps.get_model("cases", "CaseAccessGrant")
    grant.objects.filter(reason="transfer", revoked_at__isnull=False).update(
        expires_at=F("revoked_at")
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_case_facts_dual_status")]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="caseaccessgrant", name="expires_at"),
        migrations.AlterField(
            model_name="caseaccessgrant",
            name="revoked_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="berakhir"),
        ),
    ]
