"""API tokens get an expiry, the last address used and a revocation reason; user sessions
are listed. Tokens issued before this migration expire 90 days after their creation."""

from datetime import timedelta

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def expire_existing(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.all():
        token.expires_at = token.created_at + timedelta(days=90)
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_alter_user_role")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="berlaku sampai"),
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="berlaku sampai"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="last_used_ip",
            field=models.GenericIPAddressField(
                blank=True, null=True, verbose_name="alamat terakhir"
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_reason",
            field=models.CharField(blank=True, max_length=40, verbose_name="alasan dicabut"),
        ),
        migrations.CreateModel(
            name="UserSession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("session_key", models.CharField(max_length=40, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="masuk pada")),
                ("ip", models.GenericIPAddressField(blank=True, null=True, verbose_name="alamat")),
                (
                    "user_agent",
                    models.CharField(blank=True, max_length=200, verbose_name="peramban"),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sessions",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="pengguna",
                    ),
                ),
            ],
            options={
                "verbose_name": "sesi",
                "verbose_name_plural": "sesi",
                "ordering": ["-created_at"],
            },
        ),
    ]
