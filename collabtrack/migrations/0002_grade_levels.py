from django.db import migrations

GRADE_ORDERS = [-1, 0, *range(1, 13)]  # PreK, K, 1-12


def add_grades(apps, schema_editor):
    Grade = apps.get_model("collabtrack", "Grade")
    for order in GRADE_ORDERS:
        Grade.objects.get_or_create(order=order)


class Migration(migrations.Migration):
    dependencies = [("collabtrack", "0001_initial")]
    operations = [migrations.RunPython(add_grades, migrations.RunPython.noop)]
