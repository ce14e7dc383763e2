"""Load the 83 indicators of the AASL 2007 Standards for the 21st-Century Learner (numbers only).

The counts are copied here, not imported, so this migration keeps meaning what it meant when written.
"""

from django.db import migrations

INDICATOR_COUNTS = {
    (1, 1): 9, (1, 2): 7, (1, 3): 5, (1, 4): 4,
    (2, 1): 6, (2, 2): 4, (2, 3): 3, (2, 4): 4,
    (3, 1): 6, (3, 2): 3, (3, 3): 7, (3, 4): 3,
    (4, 1): 8, (4, 2): 4, (4, 3): 4, (4, 4): 6,
}


def load(apps, schema_editor):
    Indicator2007 = apps.get_model("taxonomy", "Indicator2007")
    for (standard, strand), count in INDICATOR_COUNTS.items():
        for indicator in range(1, count + 1):
            Indicator2007.objects.update_or_create(
                number=f"{standard}.{strand}.{indicator}",
                defaults={"standard": standard, "strand": strand, "indicator": indicator},
            )


def unload(apps, schema_editor):
    apps.get_model("taxonomy", "Indicator2007").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_standards_catalogues")]

    operations = [migrations.RunPython(load, unload)]
