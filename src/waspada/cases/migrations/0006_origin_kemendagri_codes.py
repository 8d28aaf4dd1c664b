"""Province and regency of origin become Kemendagri codes.

Free text that names exactly one province ("jabar", "Jawa Barat", "JABAR" → "32") or one
regency/city of it ("Cianjur" → "32.03") is replaced by the code; anything else is left as
typed and listed by ``waspada cases regions-unmatched`` for a person to fix.
"""

from django.db import migrations

from waspada import regions


def to_codes(apps, schema_editor):
    Person = apps.get_model("cases", "Person")
    pairs = (
        Person.objects.exclude(province_of_origin="", regency_of_origin="")
        .values_list("province_of_origin", "regency_of_origin")
        .distinct()
    )
    for province_text, regency_text in list(pairs):
        province = regions.province_code_for(province_text) if province_text else ""
        regency = regions.regency_code_for(regency_text, province or "") if regency_text else ""
        if regency and not province:
            province = regions.regency_province(regency) or ""
        update = {}
        if province and province != province_text:
            update["province_of_origin"] = province
        if regency and regency != regency_text:
            update["regency_of_origin"] = regency
        if update:
            Person.objects.filter(
                province_of_origin=province_text, regency_of_origin=regency_text
            ).update(**update)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_transfers_notes_closures")]

    operations = [migrations.RunPython(to_codes, migrations.RunPython.noop)]
